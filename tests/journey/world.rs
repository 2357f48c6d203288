//! Generated maps, over hundreds of seeds per stage: always walkable through, the water and
//! firewood the level asks for, the story's water reachable, deterministic per seed.

use std::collections::HashSet;

use the_way_back::sim::prelude::*;

/// Seeds tried per stage; the maps are generated in the dev profile, so this is what fits a
/// test run of a few seconds per stage.
const SEEDS: u64 = 200;

fn levels() -> Levels {
    Levels::builtin().unwrap()
}

/// Standing or running water: what the level's `water` share is of.
fn is_water(t: Terrain) -> bool {
    matches!(
        t,
        Terrain::FrozenStream
            | Terrain::LakeWater
            | Terrain::ShoreIce
            | Terrain::ThinIce
            | Terrain::Stream
            | Terrain::River
    )
}

fn share(map: &StageMap, f: impl Fn(usize) -> bool) -> f32 {
    (0..map.terrain.len()).filter(|&i| f(i)).count() as f32 / map.terrain.len() as f32
}

fn for_every_map(mut check: impl FnMut(&Level, u64, &StageMap)) {
    let levels = levels();
    for (i, level) in levels.stages.iter().enumerate() {
        for seed in 0..SEEDS {
            let map = generate(level, stage_seed(seed, i));
            check(level, seed, &map);
        }
    }
}

#[test]
fn every_map_can_be_walked_from_entry_to_way_out() {
    for_every_map(|level, seed, map| {
        assert!(map.walkable(map.entry), "{:?} seed {seed}: the entry is walkable", level.stage);
        assert!(map.exit.iter().all(|p| map.walkable(*p)), "{:?} seed {seed}: the way out is walkable", level.stage);
        assert!(map.path_to_exit(map.entry).is_some(), "{:?} seed {seed}: a way through", level.stage);
    });
}

#[test]
fn water_and_firewood_come_at_the_density_the_level_asks_for() {
    for_every_map(|level, seed, map| {
        let g = &level.generation;
        let water = share(map, |i| is_water(map.terrain[i]));
        let tolerance = (g.water * 0.35).max(0.01);
        assert!(
            (water - g.water).abs() <= tolerance,
            "{:?} seed {seed}: water {water:.3}, level asks {:.3}",
            level.stage,
            g.water
        );
        let wood = share(map, |i| map.wood[i]);
        assert!(
            (wood - g.firewood).abs() <= g.firewood * 0.1 + 0.002,
            "{:?} seed {seed}: firewood {wood:.3}, level asks {:.3}",
            level.stage,
            g.firewood
        );
        assert!(
            map.wood.iter().enumerate().all(|(i, w)| !w || map.terrain[i].props().walkable),
            "wood lies on walkable ground"
        );
    });
}

#[test]
fn the_gobi_has_one_stream_that_must_be_found_and_can_be_reached() {
    let levels = levels();
    let (index, gobi) = levels.stages.iter().enumerate().find(|(_, l)| l.biome == Biome::Desert).unwrap();
    for seed in 0..SEEDS {
        let map = generate(gobi, stage_seed(seed, index));
        let stream = map.story_water.expect("the Gobi has its stream");
        assert_eq!(map.at(stream), Terrain::Stream);
        // Reachable from the entry on foot.
        let reach =
            pathfinding::prelude::bfs(&map.entry, |p| map.neighbours(*p).into_iter().map(|(q, _)| q), |p| *p == stream);
        assert!(reach.is_some(), "seed {seed}: the stream can be walked to");
        // Not on the straight way: walking from the entry to the way out does not pass it.
        let (path, _) = map.path_to_exit(map.entry).unwrap();
        let nearest = path.iter().map(|p| p.as_vec2().distance(stream.as_vec2())).fold(f32::MAX, f32::min);
        assert!(
            nearest > 8.0,
            "seed {seed}: the stream lies {nearest:.1} tiles off the direct way; it must be searched for"
        );
        // The only drinkable water there is.
        let fresh = (0..map.terrain.len()).filter(|&i| map.terrain[i].props().water == Water::Fresh).count();
        assert!(fresh <= 20, "seed {seed}: {fresh} tiles of fresh water; the Gobi is dry");
    }
}

#[test]
fn the_same_seed_gives_the_same_map_and_different_seeds_different_maps() {
    let levels = levels();
    for (i, level) in levels.stages.iter().enumerate() {
        let a = generate(level, stage_seed(42, i));
        let b = generate(level, stage_seed(42, i));
        assert_eq!(a, b);
        assert_eq!(a.hash_hex(), b.hash_hex());
        let hashes: HashSet<String> = (0..50).map(|s| generate(level, stage_seed(s, i)).hash_hex()).collect();
        assert_eq!(hashes.len(), 50, "{:?}: 50 seeds, 50 different maps", level.stage);
    }
}

#[test]
fn each_biome_has_its_own_land() {
    let levels = levels();
    let wanted: [(Biome, &[Terrain]); 8] = [
        (Biome::Camp, &[Terrain::Barracks, Terrain::Wire, Terrain::Watchtower, Terrain::Yard, Terrain::SpruceForest]),
        (
            Biome::Taiga,
            &[
                Terrain::Snow,
                Terrain::DeepSnow,
                Terrain::SpruceForest,
                Terrain::BirchForest,
                Terrain::FrozenStream,
                Terrain::Rock,
            ],
        ),
        (
            Biome::Lakeshore,
            &[Terrain::LakeWater, Terrain::ShoreIce, Terrain::ThinIce, Terrain::Shingle, Terrain::Reeds],
        ),
        (Biome::Steppe, &[Terrain::Grass, Terrain::DryGrass, Terrain::Gravel, Terrain::Hill, Terrain::Road]),
        (
            Biome::Desert,
            &[
                Terrain::Dune,
                Terrain::Sand,
                Terrain::GravelPlain,
                Terrain::SaltFlat,
                Terrain::DryRiverbed,
                Terrain::Rock,
                Terrain::Stream,
            ],
        ),
        (Biome::Mountains, &[Terrain::Scree, Terrain::Snowfield, Terrain::Glacier, Terrain::Cliff]),
        (Biome::Monastery, &[Terrain::Wall, Terrain::Courtyard, Terrain::Temple]),
        (Biome::Foothills, &[Terrain::Grass, Terrain::Jungle, Terrain::Terrace, Terrain::River, Terrain::Village]),
    ];
    for (i, level) in levels.stages.iter().enumerate() {
        let map = generate(level, stage_seed(1, i));
        let present: HashSet<Terrain> = map.terrain.iter().copied().collect();
        if let Some((_, kinds)) = wanted.iter().find(|(b, _)| *b == level.biome) {
            for k in *kinds {
                assert!(present.contains(k), "{:?} has {k:?}", level.stage);
            }
        }
    }
    let border = generate(&levels.stages[3], stage_seed(1, 3));
    assert!(border.terrain.contains(&Terrain::BorderLine), "the border line is drawn");
    let mongolia = generate(&levels.stages[4], stage_seed(1, 4));
    assert!(mongolia.terrain.contains(&Terrain::Monument), "the red star by the road");
}

#[test]
fn every_ground_a_map_has_is_one_its_biome_says_it_may_have() {
    // The pool's `Ground` requirements are checked against `Biome::grounds` and the route's
    // stretches: a kind of ground the maps make and the list leaves out would make a possible
    // event look impossible, and the other way round.
    let levels = levels();
    for (i, level) in levels.stages.iter().enumerate() {
        let allowed: HashSet<Terrain> = level.biome.grounds().into_iter().collect();
        let mut strays = HashSet::new();
        for seed in 0..20 {
            let map = generate(level, stage_seed(seed, i));
            strays.extend(map.terrain.iter().copied().filter(|t| !allowed.contains(t)));
        }
        assert!(strays.is_empty(), "{:?}: the maps have {strays:?}, not in Biome::grounds", level.stage);
    }
}
