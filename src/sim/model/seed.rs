//! The run's seed and the one random number generator every chance is drawn from.

use bevy::prelude::*;
use rand_chacha::ChaCha8Rng;

/// The seed of this run: every random thing in it flows from here.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunSeed(pub u64);

/// The one random number generator of the simulation, seeded from [`RunSeed`] when a journey
/// starts. Systems that need chance draw from it in a fixed order.
#[derive(Resource, Debug, Clone)]
pub struct SimRng(pub ChaCha8Rng);
