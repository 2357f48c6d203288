//! World generation: a stage's level and the run's seed become a grid of terrain the
//! simulation reads. Pure data: nothing here knows how the map is drawn.

use std::hash::Hasher;

use bevy::prelude::*;
use noise::{Fbm, MultiFractal, NoiseFn, Perlin, RidgedMulti};
use pathfinding::prelude::astar;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::sim::levels::{Biome, Edge, Level};

/// What a tile is. The order is part of the map hash: add new kinds at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[repr(u8)]
pub enum Terrain {
    Snow,
    DeepSnow,
    SpruceForest,
    BirchForest,
    DenseForest,
    FrozenStream,
    Rock,
    LakeWater,
    ShoreIce,
    ThinIce,
    Shingle,
    Reeds,
    Grass,
    DryGrass,
    Gravel,
    Hill,
    BorderLine,
    Road,
    Yurt,
    Monument,
    Dune,
    Sand,
    GravelPlain,
    SaltFlat,
    DryRiverbed,
    Stream,
    Scree,
    Snowfield,
    Glacier,
    Cliff,
    Pass,
    Barracks,
    Wire,
    Watchtower,
    Yard,
    Wall,
    Courtyard,
    Temple,
    Jungle,
    Terrace,
    River,
    Village,
    Field,
    House,
}

/// Water a tile offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Water {
    None,
    Fresh,
    /// Has to be broken or melted at a fire.
    Frozen,
    /// Not drinkable.
    Salt,
}

/// What the simulation needs to know about a kind of terrain.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TerrainProps {
    pub walkable: bool,
    /// Time to cross relative to firm open ground (1.0).
    pub move_cost: f32,
    /// Share of the wind this tile keeps off (0 open, 1 full shelter).
    pub shelter: f32,
    pub water: Water,
    /// Snow that can be melted at a fire.
    pub snow: bool,
    /// Added to the air temperature standing here (shade, glare, radiating sand), °C.
    pub temp_offset_c: f32,
}

impl Terrain {
    pub fn props(self) -> TerrainProps {
        use Terrain::*;
        let p = |walkable, move_cost, shelter, water, snow, temp_offset_c| TerrainProps {
            walkable,
            move_cost,
            shelter,
            water,
            snow,
            temp_offset_c,
        };
        match self {
            Snow => p(true, 1.4, 0.0, Water::None, true, 0.0),
            DeepSnow => p(true, 2.4, 0.1, Water::None, true, 0.0),
            SpruceForest => p(true, 1.7, 0.7, Water::None, true, 1.0),
            BirchForest => p(true, 1.5, 0.5, Water::None, true, 0.5),
            DenseForest => p(true, 2.3, 0.85, Water::None, true, 1.5),
            FrozenStream => p(true, 1.3, 0.1, Water::Frozen, true, -1.0),
            Rock => p(false, 1.0, 0.6, Water::None, false, 0.0),
            LakeWater => p(false, 1.0, 0.0, Water::Fresh, false, 0.0),
            ShoreIce => p(true, 1.2, 0.0, Water::Frozen, false, -2.0),
            ThinIce => p(true, 1.6, 0.0, Water::Frozen, false, -2.0),
            Shingle => p(true, 1.2, 0.0, Water::None, false, 0.0),
            Reeds => p(true, 1.8, 0.4, Water::None, false, 0.0),
            Grass => p(true, 1.0, 0.05, Water::None, false, 0.0),
            DryGrass => p(true, 1.0, 0.05, Water::None, false, 0.5),
            Gravel => p(true, 1.1, 0.0, Water::None, false, 0.5),
            Hill => p(true, 1.6, 0.3, Water::None, false, 0.0),
            BorderLine => p(true, 1.0, 0.0, Water::None, false, 0.0),
            Road => p(true, 0.8, 0.0, Water::None, false, 0.0),
            Yurt => p(false, 1.0, 0.9, Water::None, false, 0.0),
            Monument => p(false, 1.0, 0.3, Water::None, false, 0.0),
            Dune => p(true, 2.0, 0.2, Water::None, false, 3.0),
            Sand => p(true, 1.5, 0.0, Water::None, false, 3.0),
            GravelPlain => p(true, 1.1, 0.0, Water::None, false, 2.0),
            SaltFlat => p(true, 1.0, 0.0, Water::Salt, false, 4.0),
            DryRiverbed => p(true, 1.2, 0.3, Water::None, false, 1.0),
            Stream => p(true, 1.3, 0.2, Water::Fresh, false, -2.0),
            Scree => p(true, 2.0, 0.2, Water::None, false, 0.0),
            Snowfield => p(true, 1.8, 0.0, Water::None, true, -2.0),
            Glacier => p(true, 2.2, 0.0, Water::Frozen, true, -4.0),
            Cliff => p(false, 1.0, 0.8, Water::None, false, 0.0),
            Pass => p(true, 1.5, 0.1, Water::None, true, -1.0),
            Barracks => p(false, 1.0, 1.0, Water::None, false, 0.0),
            Wire => p(false, 1.0, 0.0, Water::None, false, 0.0),
            Watchtower => p(false, 1.0, 0.5, Water::None, false, 0.0),
            Yard => p(true, 1.1, 0.1, Water::None, true, 0.0),
            Wall => p(false, 1.0, 1.0, Water::None, false, 0.0),
            Courtyard => p(true, 0.9, 0.8, Water::None, false, 2.0),
            Temple => p(false, 1.0, 1.0, Water::None, false, 0.0),
            Jungle => p(true, 1.9, 0.7, Water::None, false, -1.0),
            Terrace => p(true, 1.3, 0.2, Water::None, false, 0.0),
            River => p(false, 1.0, 0.0, Water::Fresh, false, -1.0),
            Village => p(true, 0.9, 0.6, Water::Fresh, false, 1.0),
            Field => p(true, 1.1, 0.0, Water::None, false, 0.0),
            House => p(true, 1.0, 1.0, Water::Fresh, false, 5.0),
        }
    }

    /// Terrain that can carry firewood.
    fn wooded(self) -> bool {
        matches!(
            self,
            Terrain::SpruceForest
                | Terrain::BirchForest
                | Terrain::DenseForest
                | Terrain::Reeds
                | Terrain::Jungle
                | Terrain::DryRiverbed
                | Terrain::Hill
                | Terrain::Terrace
                | Terrain::Field
                // Dwarf juniper among the stones: the mountains' only fuel.
                | Terrain::Scree
        )
    }
}

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

    /// The cheapest walkable way from `from` to the nearest tile of the way out, with its cost.
    pub fn path_to_exit(&self, from: UVec2) -> Option<(Vec<UVec2>, u32)> {
        let goal = self.exit_centre();
        astar(
            &from,
            |&p| self.neighbours(p),
            |&p| {
                // Admissible: the cheapest terrain costs 0.8 a tile, i.e. 8 in these units.
                let d = (p.as_ivec2() - goal.as_ivec2()).abs();
                (d.x.max(d.y) as u32) * 8
            },
            |&p| self.is_exit(p),
        )
    }

    /// The cheapest walkable way from `from` to `goal`, as the tile centres to walk through
    /// (not counting `from`).
    pub fn route(&self, from: UVec2, goal: UVec2) -> Option<Vec<Vec2>> {
        let (path, _) = astar(
            &from,
            |&p| self.neighbours(p),
            |&p| {
                let d = (p.as_ivec2() - goal.as_ivec2()).abs();
                d.x.max(d.y) as u32 * 8
            },
            |&p| p == goal,
        )?;
        Some(path.into_iter().skip(1).map(|p| p.as_vec2() + Vec2::splat(0.5)).collect())
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

/// Noise fields sampled over the map, each in roughly [-1, 1].
struct Fields {
    elevation: Vec<f64>,
    moisture: Vec<f64>,
    vegetation: Vec<f64>,
    ridges: Vec<f64>,
    /// Distance-like field that is 0 along winding lines: streams and riverbeds follow it.
    channels: Vec<f64>,
    detail: Vec<f64>,
}

fn sample(width: u32, height: u32, f: impl NoiseFn<f64, 2>) -> Vec<f64> {
    let mut out = Vec::with_capacity((width * height) as usize);
    for y in 0..height {
        for x in 0..width {
            out.push(f.get([x as f64, y as f64]));
        }
    }
    out
}

/// A smooth field sampled every `step` tiles and filled in bilinearly: the broad fields have no
/// detail finer than that, and sampling fractal noise is most of the generator's cost.
fn sample_smooth(width: u32, height: u32, step: u32, f: impl NoiseFn<f64, 2>) -> Vec<f64> {
    let step_f = step as f64;
    let (gw, gh) = (width / step + 2, height / step + 2);
    let mut grid = Vec::with_capacity((gw * gh) as usize);
    for gy in 0..gh {
        for gx in 0..gw {
            grid.push(f.get([(gx * step) as f64, (gy * step) as f64]));
        }
    }
    let mut out = Vec::with_capacity((width * height) as usize);
    for y in 0..height {
        let (gy, ty) = ((y / step) as usize, (y % step) as f64 / step_f);
        for x in 0..width {
            let (gx, tx) = ((x / step) as usize, (x % step) as f64 / step_f);
            let at = |cx: usize, cy: usize| grid[cy * gw as usize + cx];
            let top = at(gx, gy) * (1.0 - tx) + at(gx + 1, gy) * tx;
            let bottom = at(gx, gy + 1) * (1.0 - tx) + at(gx + 1, gy + 1) * tx;
            out.push(top * (1.0 - ty) + bottom * ty);
        }
    }
    out
}

impl Fields {
    fn new(level: &Level, rng: &mut ChaCha8Rng) -> Fields {
        let (w, h) = level.size;
        let g = &level.generation;
        let elevation = Fbm::<Perlin>::new(rng.random()).set_octaves(5).set_frequency(g.elevation_scale);
        let moisture = Fbm::<Perlin>::new(rng.random()).set_octaves(4).set_frequency(g.moisture_scale);
        let vegetation = Fbm::<Perlin>::new(rng.random()).set_octaves(4).set_frequency(g.moisture_scale * 1.7);
        let ridges = RidgedMulti::<Perlin>::new(rng.random()).set_octaves(3).set_frequency(g.elevation_scale * 0.8);
        let channels = Fbm::<Perlin>::new(rng.random()).set_octaves(3).set_frequency(g.moisture_scale * 0.9);
        let detail = Perlin::new(rng.random());
        let detail = noise::ScalePoint::new(detail).set_scale(0.35);
        Fields {
            elevation: sample_smooth(w, h, 3, elevation),
            moisture: sample_smooth(w, h, 4, moisture),
            vegetation: sample_smooth(w, h, 3, vegetation),
            ridges: sample_smooth(w, h, 3, ridges),
            // Streams are thin lines: sampled finer.
            channels: sample_smooth(w, h, 2, channels).into_iter().map(f64::abs).collect(),
            detail: sample(w, h, detail),
        }
    }
}

/// The value below which `share` of `values` lie: thresholds by quantile hit the level file's
/// densities whatever the noise happened to be.
fn quantile(values: &[f64], share: f32) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut v = values.to_vec();
    let k = ((share.clamp(0.0, 1.0) as f64) * (v.len() - 1) as f64).round() as usize;
    let (_, x, _) = v.select_nth_unstable_by(k, |a, b| a.total_cmp(b));
    *x
}

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
    match level.biome {
        Biome::Taiga => taiga(level, &fields, &mut map),
        Biome::Camp => camp(level, &fields, &mut map, &mut rng),
        Biome::Lakeshore => lakeshore(level, &fields, &mut map),
        Biome::Steppe => steppe(level, &fields, &mut map, &mut rng),
        Biome::Desert => desert(level, &fields, &mut map),
        Biome::Mountains => mountains(level, &fields, &mut map),
        Biome::Monastery => monastery(level, &fields, &mut map),
        Biome::Foothills => foothills(level, &fields, &mut map),
        Biome::Homecoming => homecoming(level, &fields, &mut map),
    }
    place_ends(level, &mut map, &mut rng);
    if level.biome == Biome::Desert {
        place_story_stream(&mut map, &mut rng);
    }
    ensure_way_through(level, &mut map);
    place_wood(level, &fields, &mut map);
    map
}

fn taiga(level: &Level, f: &Fields, map: &mut StageMap) {
    let g = &level.generation;
    let rock = quantile(&f.elevation, 1.0 - g.obstacles);
    let stream = quantile(&f.channels, g.water);
    let forest = quantile(&f.vegetation, 1.0 - g.vegetation);
    let dense = quantile(&f.vegetation, 1.0 - g.vegetation * 0.3);
    for i in 0..map.terrain.len() {
        map.terrain[i] = if f.channels[i] <= stream {
            Terrain::FrozenStream
        } else if f.elevation[i] >= rock && f.detail[i] > -0.2 {
            Terrain::Rock
        } else if f.vegetation[i] >= dense {
            Terrain::DenseForest
        } else if f.vegetation[i] >= forest {
            if f.moisture[i] > 0.0 { Terrain::SpruceForest } else { Terrain::BirchForest }
        } else if f.detail[i] + f.moisture[i] > 0.6 {
            Terrain::DeepSnow
        } else {
            Terrain::Snow
        };
    }
}

fn camp(level: &Level, f: &Fields, map: &mut StageMap, rng: &mut ChaCha8Rng) {
    // The forest the escape heads for grows beyond the wire, toward the way out.
    taiga(level, f, map);
    let (w, h) = (map.width as i32, map.height as i32);
    let (x0, y0, x1, y1) = (w / 5, h / 4, w * 3 / 5, h * 3 / 4);
    for y in y0 - 3..=y1 + 3 {
        for x in x0 - 3..=x1 + 3 {
            if map.contains(x, y) {
                let i = (y * w + x) as usize;
                map.terrain[i] = Terrain::Yard;
            }
        }
    }
    // Barracks in rows inside the wire.
    let mut y = y0 + 3;
    while y + 3 < y1 - 2 {
        let mut x = x0 + 3 + rng.random_range(0..3);
        while x + 6 < x1 - 2 {
            for by in y..y + 3 {
                for bx in x..x + 6 {
                    map.terrain[(by * w + bx) as usize] = Terrain::Barracks;
                }
            }
            x += 6 + rng.random_range(3..6);
        }
        y += 3 + rng.random_range(3..5);
    }
    for x in x0..=x1 {
        map.terrain[(y0 * w + x) as usize] = Terrain::Wire;
        map.terrain[(y1 * w + x) as usize] = Terrain::Wire;
    }
    for y in y0..=y1 {
        map.terrain[(y * w + x0) as usize] = Terrain::Wire;
        map.terrain[(y * w + x1) as usize] = Terrain::Wire;
    }
    for (x, y) in [(x0, y0), (x1, y0), (x0, y1), (x1, y1)] {
        map.terrain[(y * w + x) as usize] = Terrain::Watchtower;
    }
    // The group starts inside the wire; the snowstorm hides the gap they cut on the far side.
    let gap = rng.random_range(y0 + 2..y1 - 2);
    for y in gap..gap + 2 {
        map.terrain[(y * w + x1) as usize] = Terrain::Yard;
    }
}

fn lakeshore(level: &Level, f: &Fields, map: &mut StageMap) {
    let g = &level.generation;
    let (w, h) = (map.width as usize, map.height as usize);
    // The lake fills the side away from both ends of the journey: its share of the map is the
    // level's water, its shore bent by noise.
    let open_side = open_side(level);
    let mut shore_field = vec![0.0; w * h];
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            let t = match open_side {
                Edge::East => x as f64 / w as f64,
                Edge::West => 1.0 - x as f64 / w as f64,
                Edge::North => y as f64 / h as f64,
                Edge::South => 1.0 - y as f64 / h as f64,
            };
            shore_field[i] = t + f.elevation[i] * -0.15;
        }
    }
    let lake = quantile(&shore_field, 1.0 - g.water);
    let forest = quantile(&f.vegetation, 1.0 - g.vegetation);
    let rock = quantile(&f.ridges, 1.0 - g.obstacles);
    for (i, shore) in shore_field.iter().enumerate() {
        let s = shore - lake;
        map.terrain[i] = if s > 0.06 {
            Terrain::LakeWater
        } else if s > 0.03 {
            if f.detail[i] > 0.2 { Terrain::ThinIce } else { Terrain::LakeWater }
        } else if s > 0.0 {
            if f.detail[i] > -0.1 { Terrain::ShoreIce } else { Terrain::ThinIce }
        } else if s > -0.035 {
            if f.moisture[i] > 0.25 { Terrain::Reeds } else { Terrain::Shingle }
        } else if f.ridges[i] >= rock {
            Terrain::Rock
        } else if f.vegetation[i] >= forest {
            if f.moisture[i] > 0.0 { Terrain::SpruceForest } else { Terrain::BirchForest }
        } else {
            Terrain::Snow
        };
    }
}

/// The side of the map that is neither the entry nor the way out (the lake's side).
fn open_side(level: &Level) -> Edge {
    [Edge::East, Edge::West, Edge::North, Edge::South]
        .into_iter()
        .find(|e| *e != level.entry && *e != level.way_out.edge)
        .unwrap_or(Edge::East)
}

fn steppe(level: &Level, f: &Fields, map: &mut StageMap, rng: &mut ChaCha8Rng) {
    let g = &level.generation;
    let hill = quantile(&f.elevation, 1.0 - g.obstacles - 0.08);
    let rock = quantile(&f.elevation, 1.0 - g.obstacles);
    let water = quantile(&f.channels, g.water);
    let grass = quantile(&f.moisture, 1.0 - g.vegetation);
    for i in 0..map.terrain.len() {
        map.terrain[i] = if f.channels[i] <= water {
            Terrain::Stream
        } else if f.elevation[i] >= rock {
            Terrain::Rock
        } else if f.elevation[i] >= hill {
            Terrain::Hill
        } else if f.moisture[i] >= grass {
            Terrain::Grass
        } else if f.detail[i] > 0.45 {
            Terrain::Gravel
        } else {
            Terrain::DryGrass
        };
    }
    let (w, h) = (map.width as i32, map.height as i32);
    // A road wanders across, from the entry side toward the way out.
    let mut x = w / 2 + rng.random_range(-w / 6..=w / 6);
    for y in 0..h {
        for dx in 0..2 {
            if map.contains(x + dx, y) {
                map.terrain[(y * w + x + dx) as usize] = Terrain::Road;
            }
        }
        if y % 4 == 0 {
            x = (x + rng.random_range(-1..=1)).clamp(2, w - 3);
        }
    }
    if level.stage == crate::sim::state::Stage::Border {
        // The unpatrolled border: a line of posts across the middle.
        let by = h / 2;
        for x in 0..w {
            if map.terrain[(by * w + x) as usize] != Terrain::Road {
                map.terrain[(by * w + x) as usize] = Terrain::BorderLine;
            }
        }
    }
    if level.stage == crate::sim::state::Stage::Mongolia {
        // The town's edge by the road, with the images of Stalin and the red star.
        let ty = h * 2 / 3;
        let road_x = (0..w).find(|&x| map.terrain[(ty * w + x) as usize] == Terrain::Road).unwrap_or(w / 2);
        for k in 0..8 {
            let yx = road_x + 4 + (k % 4) * 3;
            let yy = ty - 3 + (k / 4) * 4;
            if map.contains(yx, yy) {
                map.terrain[(yy * w + yx) as usize] = Terrain::Yurt;
            }
        }
        if map.contains(road_x - 3, ty) {
            map.terrain[(ty * w + road_x - 3) as usize] = Terrain::Monument;
        }
        // The town's well, by the road: the last sure water before the Gobi.
        for dy in 0..2 {
            if map.contains(road_x + 2, ty + dy) {
                map.terrain[((ty + dy) * w + road_x + 2) as usize] = Terrain::Village;
            }
        }
    }
}

fn desert(level: &Level, f: &Fields, map: &mut StageMap) {
    let g = &level.generation;
    let rock = quantile(&f.elevation, 1.0 - g.obstacles);
    let dune = quantile(&f.ridges, 1.0 - 0.25);
    let salt = quantile(&f.moisture, 0.08);
    let riverbed = quantile(&f.channels, g.vegetation.max(0.02));
    for i in 0..map.terrain.len() {
        map.terrain[i] = if f.elevation[i] >= rock {
            Terrain::Rock
        } else if f.ridges[i] >= dune {
            Terrain::Dune
        } else if f.moisture[i] <= salt {
            Terrain::SaltFlat
        } else if f.channels[i] <= riverbed {
            Terrain::DryRiverbed
        } else if f.detail[i] + f.elevation[i] > 0.3 {
            Terrain::GravelPlain
        } else {
            Terrain::Sand
        };
    }
}

fn mountains(level: &Level, f: &Fields, map: &mut StageMap) {
    let g = &level.generation;
    let cliff = quantile(&f.ridges, 1.0 - g.obstacles);
    let glacier = quantile(&f.elevation, 0.85);
    let snow = quantile(&f.elevation, 0.55);
    let scree = quantile(&f.detail, 0.7);
    for i in 0..map.terrain.len() {
        map.terrain[i] = if f.ridges[i] >= cliff {
            Terrain::Cliff
        } else if f.elevation[i] >= glacier {
            Terrain::Glacier
        } else if f.elevation[i] >= snow {
            Terrain::Snowfield
        } else if f.detail[i] >= scree {
            Terrain::Scree
        } else {
            Terrain::Rock.walkable_variant()
        };
        map.elevation[i] = ((f.elevation[i] as f32 + 1.0) * 400.0).max(0.0);
    }
}

impl Terrain {
    /// Open rocky ground in the mountains: scree that can be walked.
    fn walkable_variant(self) -> Terrain {
        match self {
            Terrain::Rock => Terrain::Scree,
            t => t,
        }
    }
}

fn monastery(level: &Level, f: &Fields, map: &mut StageMap) {
    mountains(level, f, map);
    let (w, h) = (map.width as i32, map.height as i32);
    let (cx, cy) = (w / 2, h / 2);
    for y in cy - 8..=cy + 8 {
        for x in cx - 10..=cx + 10 {
            let edge = (y - cy).abs() == 8 || (x - cx).abs() == 10;
            let t = if edge { Terrain::Wall } else { Terrain::Courtyard };
            map.terrain[(y * w + x) as usize] = t;
        }
    }
    for y in cy - 3..=cy + 1 {
        for x in cx - 3..=cx + 3 {
            map.terrain[(y * w + x) as usize] = Terrain::Temple;
        }
    }
    // Gates on every side, and a path from each to the map's edge.
    for (dx, dy) in [(0, 1), (0, -1), (1, 0), (-1, 0)] {
        let (mut x, mut y) = (cx + dx * 10, cy + dy * 8);
        while map.contains(x, y) {
            let i = (y * w + x) as usize;
            if map.terrain[i] != Terrain::Courtyard {
                map.terrain[i] = Terrain::Road;
            }
            x += dx;
            y += dy;
        }
    }
}

fn foothills(level: &Level, f: &Fields, map: &mut StageMap) {
    let g = &level.generation;
    let cliff = quantile(&f.ridges, 1.0 - g.obstacles);
    let river = quantile(&f.channels, g.water);
    let jungle = quantile(&f.vegetation, 1.0 - g.vegetation);
    let (w, h) = (map.width as usize, map.height as usize);
    for y in 0..h {
        // Down from the mountains in the north (high y) to the green south.
        let height = y as f64 / h as f64;
        for x in 0..w {
            let i = y * w + x;
            let e = f.elevation[i] * 0.3 + height;
            map.terrain[i] = if f.ridges[i] >= cliff {
                Terrain::Cliff
            } else if e > 1.05 {
                Terrain::Snowfield
            } else if e > 0.85 {
                Terrain::Scree
            } else if f.channels[i] <= river {
                Terrain::River
            } else if f.vegetation[i] >= jungle {
                Terrain::Jungle
            } else if f.detail[i] > 0.3 {
                Terrain::Terrace
            } else {
                Terrain::Grass
            };
            map.elevation[i] = (e.max(0.0) * 1500.0) as f32;
        }
    }
    let (cx, cy) = (w * 2 / 3, h / 4);
    for k in 0..6 {
        let (x, y) = (cx + (k % 3) * 3, cy + (k / 3) * 3);
        if x < w && y < h {
            map.terrain[y * w + x] = Terrain::Village;
        }
    }
}

fn homecoming(_level: &Level, f: &Fields, map: &mut StageMap) {
    let (w, h) = (map.width as usize, map.height as usize);
    for i in 0..map.terrain.len() {
        map.terrain[i] = if f.vegetation[i] > 0.35 { Terrain::BirchForest } else { Terrain::Field };
    }
    let y = h / 2;
    for x in 0..w {
        map.terrain[y * w + x] = Terrain::Road;
    }
}

/// Picks the entry on the entry edge and the way out on its edge, both on walkable ground.
fn place_ends(level: &Level, map: &mut StageMap, rng: &mut ChaCha8Rng) {
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
fn ground(biome: Biome) -> Terrain {
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
fn place_story_stream(map: &mut StageMap, rng: &mut ChaCha8Rng) {
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
                map.terrain[(y * w + x) as usize] = Terrain::Stream;
            }
        }
    }
    for dy in -2..=2 {
        for dx in -5..=5 {
            let (x, y) = (c.x + dx, c.y + dy);
            if map.contains(x, y) && !map.terrain[(y * w + x) as usize].props().walkable {
                map.terrain[(y * w + x) as usize] = Terrain::DryRiverbed;
            }
        }
    }
    map.story_water = Some(c.as_uvec2());
}

/// Makes sure the group can walk from the entry to the way out (and to the story's water):
/// where the noise closed the way, open the cheapest line through it.
fn ensure_way_through(level: &Level, map: &mut StageMap) {
    let goals: Vec<UVec2> = std::iter::once(map.exit_centre()).chain(map.story_water).collect();
    for goal in goals {
        let reachable = reaches(map, map.entry, goal);
        if reachable {
            continue;
        }
        // A path that may cross obstacles at a high price: the way opened is the one that
        // breaks through the least.
        let path = astar(
            &map.entry,
            |&p| {
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
            |&p| {
                let d = (p.as_ivec2() - goal.as_ivec2()).abs();
                (d.x + d.y) as u32
            },
            |&p| p == goal,
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
            let i = (q.y * w + q.x) as usize;
            if seen[i] || !map.terrain[i].props().walkable {
                continue;
            }
            // The same rule as walking: no cutting between two obstacles.
            if dx != 0 && dy != 0 {
                let a = (p.y * w + q.x) as usize;
                let b = (q.y * w + p.x) as usize;
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
fn place_wood(level: &Level, f: &Fields, map: &mut StageMap) {
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
