//! What the rules share: components, resources and messages.

pub mod clock;
pub mod party;
