//! Which journey a new one is: a fresh seed each time (1 to 999,999, short enough to type), the
//! one given with `--seed` (`?seed=` in the browser), or one the player types on the title to
//! walk a journey again. The seed makes every map and every roll of the dice, so the same seed
//! with the same answers is the same journey.

use bevy::prelude::*;

use crate::sim::model::hardship::Difficulty;
use crate::sim::model::seed::RunSeed;

/// The largest fresh seed: six digits.
pub const MAX_FRESH_SEED: u64 = 999_999;

#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct SeedChoice {
    /// Given on the command line: every new journey of this run uses it.
    pub fixed: Option<u64>,
    /// Typed on the title for the next new journey.
    pub typed: Option<u64>,
    /// How hard the next new journey is: chosen on the title (kept in the settings), or given
    /// with `--difficulty`.
    pub difficulty: Difficulty,
}

/// The seed of the journey about to start, put in place for it.
pub fn start_with_a_seed(commands: &mut Commands, choice: &mut SeedChoice) -> u64 {
    let seed = choice.typed.take().or(choice.fixed).unwrap_or_else(fresh_seed);
    commands.insert_resource(RunSeed(seed));
    commands.insert_resource(choice.difficulty);
    info!("a new journey: seed {seed}, difficulty {}", choice.difficulty.name());
    seed
}

/// A seed nobody chose: from the clock and the process on the desktop, from the browser's own
/// random numbers on the web. The simulation's dice never come from here: only which journey.
fn fresh_seed() -> u64 {
    #[cfg(target_arch = "wasm32")]
    let entropy = (js_sys::Math::random() * u64::MAX as f64) as u64;
    #[cfg(not(target_arch = "wasm32"))]
    let entropy = {
        use std::hash::{BuildHasher, Hasher};
        // The standard library's hasher is keyed randomly for each process.
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
        h.write_u32(std::process::id());
        h.finish()
    };
    entropy % MAX_FRESH_SEED + 1
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<SeedChoice>();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_seeds_are_short_and_differ() {
        let seeds: Vec<u64> = (0..20).map(|_| fresh_seed()).collect();
        assert!(seeds.iter().all(|s| (1..=MAX_FRESH_SEED).contains(s)));
        let mut distinct = seeds.clone();
        distinct.sort();
        distinct.dedup();
        assert!(distinct.len() >= 18, "{seeds:?}");
    }

    #[test]
    fn a_typed_seed_is_used_once_and_a_given_one_always() {
        let mut app = App::new();
        let mut choice = SeedChoice { fixed: None, typed: Some(42), ..SeedChoice::default() };
        let world = app.world_mut();
        let mut commands = world.commands();
        assert_eq!(start_with_a_seed(&mut commands, &mut choice), 42);
        assert_ne!(
            start_with_a_seed(&mut commands, &mut choice),
            42,
            "typed once, then a fresh one (a 1 in 10^6 miss)"
        );
        let mut given = SeedChoice { fixed: Some(7), typed: None, ..SeedChoice::default() };
        assert_eq!(start_with_a_seed(&mut commands, &mut given), 7);
        assert_eq!(start_with_a_seed(&mut commands, &mut given), 7);
        world.flush();
        assert_eq!(world.resource::<RunSeed>().0, 7);
    }
}
