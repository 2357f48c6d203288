//! Headless journey tests: the simulation app stepped tick by tick, no window, no GPU.

mod helpers;
mod levels;
mod stages;
mod world;
