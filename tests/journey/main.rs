//! Headless journey tests: the simulation app stepped tick by tick, no window, no GPU.

mod art;
mod chance;
mod escape;
mod floors;
mod fuzz;
mod helpers;
mod hunger;
mod levels;
mod march;
mod order;
mod people;
mod properties;
mod sound;
mod stages;
mod story;
mod survival;
mod world;
