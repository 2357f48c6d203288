//! What every map guarantees: an entry and a way out on walkable ground, the Gobi's stream
//! off the straight way, a walkable way to both, and firewood at the level's density.

use bevy::prelude::*;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::levels::{Biome, Edge, Level, Terrain};
use crate::sim::world::StageMap;
use crate::sim::world::map::{manhattan, search};
use crate::sim::world::noise::Fields;

/// Picks the entry on the entry edge and the way out on its edge, both on walkable ground.
pub(crate) fn place_ends(level: &Level, map: &mut StageMap, rng: &mut ChaCha8Rng) {
    let (w, h) = (map.width, map.height);
    let along = |edge: Edge| if matches!(edge, Edge::North | Edge::South) { w } else { h };
    let point = |edge: Edge, t: u32| match edge {
        Edge::North => UVec2::new(t, h - 1),
        Edge::South => UVec2::new(t, 0),
        Edge::East => UVec2::new(w - 1, t),
        Edge::West => UVec2::new(0, t),
    };
    let len = along(level.entry);
    let t = len / 2 + rng.random_range(0..=len / 4) - len / 8;
    map.entry = point(level.entry, t);
    if level.biome == Biome::Camp {
        // The journey starts inside the camp, among the barracks.
        map.entry = UVec2::new(w / 5 + 2, h / 2);
    }
    let i = map.index(map.entry);
    if !map.terrain[i].props().walkable {
        map.terrain[i] = ground(level.biome);
    }
    let len = along(level.way_out.edge);
    let width = level.way_out.width.min(len);
    let start = rng.random_range(len / 4..=(len * 3 / 4).saturating_sub(width).max(len / 4));
    map.exit = (start..start + width).map(|t| point(level.way_out.edge, t)).collect();
    for p in map.exit.clone() {
        let i = map.index(p);
        if !map.terrain[i].props().walkable {
            map.terrain[i] = ground(level.biome);
        }
    }
}

/// The biome's plain walkable ground, used where a way must be opened.
pub(crate) fn ground(biome: Biome) -> Terrain {
    match biome {
        Biome::Camp | Biome::Taiga => Terrain::Snow,
        Biome::Lakeshore => Terrain::Shingle,
        Biome::Steppe => Terrain::DryGrass,
        Biome::Desert => Terrain::Sand,
        Biome::Mountains => Terrain::Pass,
        Biome::Monastery => Terrain::Pass,
        Biome::Foothills => Terrain::Grass,
        Biome::Homecoming => Terrain::Field,
    }
}

/// The Gobi's one stream: far from the entry and off the straight line to the way out, so
/// that it has to be searched for.
pub(crate) fn place_story_stream(map: &mut StageMap, rng: &mut ChaCha8Rng) {
    let (w, h) = (map.width as i32, map.height as i32);
    let entry = map.entry.as_vec2();
    let exit = map.exit_centre().as_vec2();
    let mid = entry.lerp(exit, 0.6);
    let across = (exit - entry).perp().normalize_or_zero();
    let side = if rng.random_bool(0.5) { 1.0 } else { -1.0 };
    let distance = w.min(h) as f32 * rng.random_range(0.26..0.34);
    let inside = |p: Vec2| p.x >= 4.0 && p.y >= 4.0 && p.x <= (w - 5) as f32 && p.y <= (h - 5) as f32;
    // The side with room for it: clamped against an edge it would drift back toward the way.
    let spot = [side, -side].into_iter().map(|s| mid + across * s * distance).find(|p| inside(*p));
    let spot = spot.unwrap_or(mid + across * side * distance);
    let c = spot.round().as_ivec2().clamp(IVec2::splat(4), IVec2::new(w - 5, h - 5));
    // A short run of water down a riverbed.
    for k in -3..=3 {
        for (x, y) in [(c.x + k, c.y + k / 2), (c.x + k, c.y + k / 2 + 1)] {
            if map.contains(x, y) {
                map.set(x, y, Terrain::Stream);
            }
        }
    }
    for dy in -2..=2 {
        for dx in -5..=5 {
            let (x, y) = (c.x + dx, c.y + dy);
            if map.contains(x, y) && !map.get(x, y).props().walkable {
                map.set(x, y, Terrain::DryRiverbed);
            }
        }
    }
    map.story_water = Some(c.as_uvec2());
}

/// Makes sure the group can walk from the entry to the way out (and to the story's water):
/// where the noise closed the way, open the cheapest line through it.
pub(crate) fn ensure_way_through(level: &Level, map: &mut StageMap) {
    let goals: Vec<UVec2> = std::iter::once(map.exit_centre()).chain(map.story_water).collect();
    for goal in goals {
        let reachable = reaches(map, map.entry, goal);
        if reachable {
            continue;
        }
        // A path that may cross obstacles at a high price: the way opened is the one that
        // breaks through the least.
        let path = search(
            map.entry,
            |p| {
                let mut out = Vec::with_capacity(4);
                for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
                    let (x, y) = (p.x as i32 + dx, p.y as i32 + dy);
                    if map.contains(x, y) {
                        let q = UVec2::new(x as u32, y as u32);
                        out.push((q, if map.walkable(q) { 1u32 } else { 40 }));
                    }
                }
                out
            },
            |p| manhattan(p, goal),
            |p| p == goal,
        );
        if let Some((path, _)) = path {
            for p in path {
                let i = map.index(p);
                if !map.terrain[i].props().walkable {
                    map.terrain[i] = ground(level.biome);
                }
            }
        }
    }
}

/// Whether `goal` can be walked to from `from`: a flood fill over a flat grid, far cheaper than
/// a search that builds paths.
fn reaches(map: &StageMap, from: UVec2, goal: UVec2) -> bool {
    let (w, h) = (map.width as i32, map.height as i32);
    let mut seen = vec![false; map.terrain.len()];
    let mut queue = std::collections::VecDeque::new();
    seen[map.index(from)] = true;
    queue.push_back(from.as_ivec2());
    while let Some(p) = queue.pop_front() {
        if p == goal.as_ivec2() {
            return true;
        }
        for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, -1), (-1, 1), (1, 1)] {
            let q = p + IVec2::new(dx, dy);
            if q.x < 0 || q.y < 0 || q.x >= w || q.y >= h {
                continue;
            }
            let i = map.tile(q.x, q.y);
            if seen[i] || !map.terrain[i].props().walkable {
                continue;
            }
            // The same rule as walking: no cutting between two obstacles.
            if dx != 0 && dy != 0 {
                let (a, b) = (map.tile(q.x, p.y), map.tile(p.x, q.y));
                if !map.terrain[a].props().walkable || !map.terrain[b].props().walkable {
                    continue;
                }
            }
            seen[i] = true;
            queue.push_back(q);
        }
    }
    false
}

/// Dead wood on wooded ground, as much as the level asks for, densest where the vegetation is.
pub(crate) fn place_wood(level: &Level, f: &Fields, map: &mut StageMap) {
    let share = level.generation.firewood;
    if share <= 0.0 {
        return;
    }
    let candidates: Vec<usize> = (0..map.terrain.len()).filter(|&i| map.terrain[i].wooded()).collect();
    let wanted = ((map.terrain.len() as f32) * share).round() as usize;
    let mut scored: Vec<(f64, usize)> = candidates.iter().map(|&i| (f.vegetation[i] + f.detail[i] * 0.8, i)).collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in scored.into_iter().take(wanted) {
        map.wood[i] = true;
    }
}
