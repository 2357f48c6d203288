//! The rules of the journey, one file a danger or a support.

pub mod camp;
pub mod cohesion;
pub mod exposure;
pub mod movement;
pub mod weather;
