//! The Way Back: a survival journey from a Siberian camp to India.

pub mod art;
pub mod cli;
#[cfg(feature = "gui")]
pub mod game;
pub mod headless;
pub mod journey_map;
pub mod sim;
pub mod sound;

pub use sim::SimulationPlugin;
