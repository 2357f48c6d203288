//! The Way Back: a survival journey from a Siberian camp to India.

pub mod cli;
#[cfg(feature = "gui")]
pub mod game;
pub mod headless;
pub mod levels;
pub mod paint;
pub mod sim;
pub mod states;

pub use sim::SimulationPlugin;
