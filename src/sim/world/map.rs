//! A stage's generated map, what can be asked of it (ground, water, wood, the way out, a
//! walker's way across), and the world's one path search.

use std::hash::Hasher;

use bevy::prelude::*;
use pathfinding::prelude::astar;

use crate::levels::{Terrain, Water};

/// A stage's generated map.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct StageMap {
    pub width: u32,
    pub height: u32,
    pub terrain: Vec<Terrain>,
    /// Metres above the stage's base altitude.
    pub elevation: Vec<f32>,
    /// Dead wood that can be gathered for a fire.
    pub wood: Vec<bool>,
    /// Where the group comes in.
    pub entry: UVec2,
    /// The tiles of the way out.
    pub exit: Vec<UVec2>,
    /// Water the story needs the group to find (the Gobi's stream).
    pub story_water: Option<UVec2>,
}

impl StageMap {
    pub fn index(&self, p: UVec2) -> usize {
        (p.y * self.width + p.x) as usize
    }

    pub fn contains(&self, x: i32, y: i32) -> bool {
        x >= 0 && y >= 0 && (x as u32) < self.width && (y as u32) < self.height
    }

    /// The index of tile `(x, y)` in the map's rows; the caller keeps it on the map.
    pub fn tile(&self, x: i32, y: i32) -> usize {
        (y * self.width as i32 + x) as usize
    }

    /// Puts `terrain` on tile `(x, y)`; a tile off the map is left alone (a set piece larger
    /// than its map is cut at the edge, never written into the next row).
    pub fn set(&mut self, x: i32, y: i32, terrain: Terrain) {
        if !self.contains(x, y) {
            return;
        }
        let i = self.tile(x, y);
        self.terrain[i] = terrain;
    }

    /// The terrain of tile `(x, y)`.
    pub fn get(&self, x: i32, y: i32) -> Terrain {
        self.terrain[self.tile(x, y)]
    }

    pub fn at(&self, p: UVec2) -> Terrain {
        self.terrain[self.index(p)]
    }

    /// The terrain under a position in tile units (tile centres at `n + 0.5`).
    pub fn terrain_at(&self, pos: Vec2) -> Terrain {
        let x = (pos.x.floor() as i32).clamp(0, self.width as i32 - 1) as u32;
        let y = (pos.y.floor() as i32).clamp(0, self.height as i32 - 1) as u32;
        self.at(UVec2::new(x, y))
    }

    pub fn walkable(&self, p: UVec2) -> bool {
        self.at(p).props().walkable
    }

    pub fn exit_centre(&self) -> UVec2 {
        self.exit[self.exit.len() / 2]
    }

    pub fn is_exit(&self, p: UVec2) -> bool {
        self.exit.contains(&p)
    }

    /// A cheap walkable way from `from` to a tile of the way out (the search aims at its
    /// centre), with its cost.
    pub fn path_to_exit(&self, from: UVec2) -> Option<(Vec<UVec2>, u32)> {
        self.walking_search(from, self.exit_centre(), |p| self.is_exit(p))
    }

    /// The cheapest walkable way from `from` to `goal`, as the tile centres to walk through
    /// (not counting `from`).
    pub fn route(&self, from: UVec2, goal: UVec2) -> Option<Vec<Vec2>> {
        let (path, _) = self.walking_search(from, goal, |p| p == goal)?;
        Some(path.into_iter().skip(1).map(|p| p.as_vec2() + Vec2::splat(0.5)).collect())
    }

    /// A walker's cheapest way from `from` until `done`, aiming at `aim`.
    fn walking_search(&self, from: UVec2, aim: UVec2, done: impl Fn(UVec2) -> bool) -> Option<(Vec<UVec2>, u32)> {
        // Admissible for `aim` itself: the cheapest terrain costs 0.8 a tile, i.e. 8 in these
        // units (toward other tiles that end the search it may overestimate).
        search(from, |p| self.neighbours(p), |p| chebyshev(p, aim) * 8, done)
    }

    /// Walkable neighbours (8 ways) and the cost of stepping onto them, in tenths of a tile.
    pub fn neighbours(&self, p: UVec2) -> Vec<(UVec2, u32)> {
        let mut out = Vec::with_capacity(8);
        for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1), (-1, -1), (1, -1), (-1, 1), (1, 1)] {
            let (x, y) = (p.x as i32 + dx, p.y as i32 + dy);
            if !self.contains(x, y) {
                continue;
            }
            let q = UVec2::new(x as u32, y as u32);
            if !self.walkable(q) {
                continue;
            }
            // No cutting corners between two obstacles.
            if dx != 0 && dy != 0 {
                let a = UVec2::new(x as u32, p.y);
                let b = UVec2::new(p.x, y as u32);
                if !self.walkable(a) || !self.walkable(b) {
                    continue;
                }
            }
            let step = if dx != 0 && dy != 0 { 14.14 } else { 10.0 };
            out.push((q, (step * self.at(q).props().move_cost).round() as u32));
        }
        out
    }

    /// A stable fingerprint of the map: the same on every platform and build.
    pub fn hash_hex(&self) -> String {
        let mut h = fnv::FnvHasher::default();
        h.write(&self.width.to_le_bytes());
        h.write(&self.height.to_le_bytes());
        let bytes: Vec<u8> = self.terrain.iter().map(|t| *t as u8).collect();
        h.write(&bytes);
        let wood: Vec<u8> = self.wood.iter().map(|&w| w as u8).collect();
        h.write(&wood);
        for e in self.elevation.iter() {
            h.write(&(e.round() as i32).to_le_bytes());
        }
        for p in std::iter::once(&self.entry).chain(self.exit.iter()) {
            h.write(&p.x.to_le_bytes());
            h.write(&p.y.to_le_bytes());
        }
        format!("{:016x}", h.finish())
    }
}

/// The world's one path search (A*) over tiles: from `from`, stepping by `step` (each step
/// with its cost), with `estimate` of the cost left, until `done`.
pub fn search(
    from: UVec2,
    step: impl Fn(UVec2) -> Vec<(UVec2, u32)>,
    estimate: impl Fn(UVec2) -> u32,
    done: impl Fn(UVec2) -> bool,
) -> Option<(Vec<UVec2>, u32)> {
    astar(&from, |&p| step(p), |&p| estimate(p), |&p| done(p))
}

/// Tiles between two tiles, moving 8 ways.
pub fn chebyshev(a: UVec2, b: UVec2) -> u32 {
    let d = (a.as_ivec2() - b.as_ivec2()).abs();
    d.x.max(d.y) as u32
}

/// Tiles between two tiles, moving 4 ways.
pub fn manhattan(a: UVec2, b: UVec2) -> u32 {
    let d = (a.as_ivec2() - b.as_ivec2()).abs();
    (d.x + d.y) as u32
}

/// Tiles around a point, nearest first, within `radius`.
pub fn tiles_near(map: &StageMap, at: Vec2, radius: i32) -> Vec<UVec2> {
    let c = at.floor().as_ivec2();
    let mut v = Vec::new();
    for dy in -radius..=radius {
        for dx in -radius..=radius {
            let p = c + IVec2::new(dx, dy);
            if map.contains(p.x, p.y) {
                v.push(p.as_uvec2());
            }
        }
    }
    v.sort_by_key(|p| {
        let d = p.as_ivec2() - c;
        (d.x * d.x + d.y * d.y, p.y, p.x)
    });
    v
}

/// The nearest tile with wood within `radius` tiles.
pub fn nearest_wood(map: &StageMap, at: Vec2, radius: i32) -> Option<UVec2> {
    tiles_near(map, at, radius).into_iter().find(|p| map.wood[map.index(*p)])
}

/// The nearest walkable tile within `radius` tiles that keeps off at least `min` of the wind:
/// the lee of a wood for a night's camp.
pub fn nearest_shelter(map: &StageMap, at: Vec2, radius: i32, min: f32) -> Option<UVec2> {
    tiles_near(map, at, radius)
        .into_iter()
        .find(|p| map.walkable(*p) && shelter_at(map, p.as_vec2() + Vec2::splat(0.5)) >= min)
}

/// The nearest drinkable water (or ice) within `radius` tiles that does not lie back the way
/// the group came (further from the way out than `at` is, by more than a few tiles).
pub fn nearest_water(map: &StageMap, at: Vec2, radius: i32) -> Option<UVec2> {
    let exit = map.exit_centre().as_vec2();
    let ahead = at.distance(exit) + 6.0;
    // Only water that can be stood at: a lake is drunk from its shore ice or shingle.
    tiles_near(map, at, radius).into_iter().find(|p| {
        map.walkable(*p)
            && matches!(map.at(*p).props().water, Water::Fresh | Water::Frozen)
            && p.as_vec2().distance(exit) <= ahead
    })
}

/// Moves by `step` unless that would enter ground that cannot be walked; then tries each axis
/// alone, so that the walker slides along a wall instead of sticking to it.
pub fn slide(map: &StageMap, from: Vec2, step: Vec2) -> Vec2 {
    let ok = |p: Vec2| map.contains(p.x.floor() as i32, p.y.floor() as i32) && map.terrain_at(p).props().walkable;
    for candidate in [from + step, from + Vec2::new(step.x, 0.0), from + Vec2::new(0.0, step.y)] {
        if ok(candidate) {
            return candidate;
        }
    }
    from
}

/// The `rank`-th free spot around a point, on walkable ground.
pub fn place_near(map: &StageMap, centre: Vec2, rank: usize) -> Vec2 {
    if rank == 0 {
        return centre;
    }
    let angle = rank as f32 * 2.4;
    let radius = 0.6 + rank as f32 * 0.25;
    let p = centre + Vec2::from_angle(angle) * radius;
    let inside = map.contains(p.x.floor() as i32, p.y.floor() as i32);
    if inside && map.terrain_at(p).props().walkable { p } else { centre }
}

/// How far along the stage the leader is, 0 at the entry to 1 at the way out, as the crow flies.
pub fn progress(map: &StageMap, pos: Vec2) -> f32 {
    let entry = map.entry.as_vec2();
    let exit = map.exit_centre().as_vec2();
    let total = entry.distance(exit).max(1.0);
    (1.0 - pos.distance(exit) / total).clamp(0.0, 1.0)
}

/// Share of the wind kept off at a position: the tile's own cover, or some of its neighbours'.
pub fn shelter_at(map: &StageMap, pos: Vec2) -> f32 {
    let tile = pos.floor().as_ivec2();
    let mut around = 0.0;
    let mut n: f32 = 0.0;
    for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
        if map.contains(tile.x + dx, tile.y + dy) {
            around += map.at((tile + IVec2::new(dx, dy)).as_uvec2()).props().shelter;
            n += 1.0;
        }
    }
    map.terrain_at(pos).props().shelter.max(0.6 * around / n.max(1.0))
}
