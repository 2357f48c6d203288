//! Generated maps: deterministic per seed, different across seeds, always walkable through.

use the_way_back::sim::levels::Levels;
use the_way_back::sim::world::{generate, stage_seed};

#[test]
fn every_stage_can_be_walked_from_entry_to_way_out() {
    let levels = Levels::builtin().unwrap();
    for seed in 0..12 {
        for (i, level) in levels.0.iter().enumerate() {
            let map = generate(level, stage_seed(seed, i));
            assert!(map.walkable(map.entry), "{:?} seed {seed}: the entry is walkable", level.stage);
            assert!(map.path_to_exit(map.entry).is_some(), "{:?} seed {seed}: a way through", level.stage);
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_map_and_another_seed_another() {
    let levels = Levels::builtin().unwrap();
    for (i, level) in levels.0.iter().enumerate() {
        let a = generate(level, stage_seed(42, i));
        let b = generate(level, stage_seed(42, i));
        let c = generate(level, stage_seed(43, i));
        assert_eq!(a, b);
        assert_eq!(a.hash_hex(), b.hash_hex());
        assert_ne!(a.hash_hex(), c.hash_hex(), "{:?}", level.stage);
    }
}
