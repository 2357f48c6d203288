//! The Way Back: a survival journey from a Siberian camp to India.

pub mod cli;
#[cfg(feature = "gui")]
pub mod game;
pub mod headless;
pub mod levels;
pub mod paint;
pub mod sim;
pub mod states;

// The painting files under their old names, while the paths move.
pub use paint::{art, journey_map, sound};

pub use sim::SimulationPlugin;
