//! Pixels and samples painted in code: tiles and figures, sounds, the journey's map. No bevy.

pub mod art;
pub mod journey_map;
pub mod sound;
