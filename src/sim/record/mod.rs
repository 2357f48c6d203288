//! Read-only views of a journey: the chronicle, the journal and the report.

pub mod chronicle;
pub mod journal;
pub mod report;
pub mod score;
pub mod variety;
