//! World generation: a stage's level and the run's seed become a grid of terrain the
//! simulation reads. Pure data: nothing here knows how the map is drawn.

mod biomes;
mod guarantees;
pub mod map;
mod noise;

use std::hash::Hasher;

use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::levels::{Biome, Level};
pub use crate::levels::{Terrain, TerrainProps, Water};
pub use crate::sim::world::map::{StageMap, nearest_shelter, nearest_water, nearest_wood, shelter_at, slide};
use crate::sim::world::noise::Fields;

/// The map generator's edition: raise it whenever the same seed and level file would make a
/// different map, so that a save made on the old maps is known as such (its camp's places
/// would stand on other ground).
pub const MAP_GENERATOR: u32 = 1;

/// The seed of one stage's map, derived from the run's seed so that a stage's land does not
/// depend on how the stages before it were played.
pub fn stage_seed(run_seed: u64, stage_index: usize) -> u64 {
    let mut h = fnv::FnvHasher::default();
    h.write(&run_seed.to_le_bytes());
    h.write(&(stage_index as u64).to_le_bytes());
    h.finish()
}

/// Generates a stage's map from its level and a seed.
pub fn generate(level: &Level, seed: u64) -> StageMap {
    generate_with(level, seed, true)
}

/// Generates a piece of ground off the stage's route (a night's camp): the land as the level
/// grows it, without what the story puts there.
pub fn generate_ground(level: &Level, seed: u64) -> StageMap {
    generate_with(level, seed, false)
}

fn generate_with(level: &Level, seed: u64, with_story: bool) -> StageMap {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let (w, h) = level.size;
    let fields = Fields::new(level, &mut rng);
    let mut map = StageMap {
        width: w,
        height: h,
        terrain: vec![Terrain::Snow; (w * h) as usize],
        elevation: fields.elevation.iter().map(|e| (*e as f32 + 1.0) * 120.0).collect(),
        wood: vec![false; (w * h) as usize],
        entry: UVec2::ZERO,
        exit: Vec::new(),
        story_water: None,
    };
    biomes::shape(level, &fields, &mut map, &mut rng);
    guarantees::place_ends(level, &mut map, &mut rng);
    if with_story && level.biome == Biome::Desert {
        guarantees::place_story_stream(&mut map, &mut rng);
    }
    guarantees::ensure_way_through(level, &mut map);
    guarantees::place_wood(level, &fields, &mut map);
    map
}
