//! Read-only views of a journey: the chronicle and the report.

pub mod chronicle;
pub mod report;
