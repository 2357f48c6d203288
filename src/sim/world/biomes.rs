//! Each biome's land from the noise fields, with the set pieces the level files ask for.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::levels::{Biome, Edge, Level, SetPiece, Terrain};
use crate::sim::world::StageMap;
use crate::sim::world::noise::{Fields, quantile};

/// The land of the level's biome, set pieces included.
pub(crate) fn shape(level: &Level, fields: &Fields, map: &mut StageMap, rng: &mut ChaCha8Rng) {
    match level.biome {
        Biome::Taiga => taiga(level, fields, map),
        Biome::Camp => camp(level, fields, map, rng),
        Biome::Lakeshore => lakeshore(level, fields, map),
        Biome::Steppe => steppe(level, fields, map, rng),
        Biome::Desert => desert(level, fields, map),
        Biome::Mountains => mountains(level, fields, map),
        Biome::Monastery => monastery(level, fields, map),
        Biome::Foothills => foothills(level, fields, map),
        Biome::Homecoming => homecoming(level, fields, map),
    }
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
                map.set(x, y, Terrain::Yard);
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
                    map.set(bx, by, Terrain::Barracks);
                }
            }
            x += 6 + rng.random_range(3..6);
        }
        y += 3 + rng.random_range(3..5);
    }
    for x in x0..=x1 {
        map.set(x, y0, Terrain::Wire);
        map.set(x, y1, Terrain::Wire);
    }
    for y in y0..=y1 {
        map.set(x0, y, Terrain::Wire);
        map.set(x1, y, Terrain::Wire);
    }
    for (x, y) in [(x0, y0), (x1, y0), (x0, y1), (x1, y1)] {
        map.set(x, y, Terrain::Watchtower);
    }
    // The group starts inside the wire; the snowstorm hides the gap they cut on the far side.
    let gap = rng.random_range(y0 + 2..y1 - 2);
    for y in gap..gap + 2 {
        map.set(x1, y, Terrain::Yard);
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
                map.set(x + dx, y, Terrain::Road);
            }
        }
        if y % 4 == 0 {
            x = (x + rng.random_range(-1..=1)).clamp(2, w - 3);
        }
    }
    for piece in &level.generation.set_pieces {
        match piece {
            SetPiece::BorderPosts => {
                // The unpatrolled border: a line of posts across the middle.
                let by = h / 2;
                for x in 0..w {
                    if map.get(x, by) != Terrain::Road {
                        map.set(x, by, Terrain::BorderLine);
                    }
                }
            }
            SetPiece::RedStarTown => {
                // The town's edge by the road, with the images of Stalin and the red star.
                let ty = h * 2 / 3;
                let road_x = (0..w).find(|&x| map.get(x, ty) == Terrain::Road).unwrap_or(w / 2);
                for k in 0..8 {
                    let yx = road_x + 4 + (k % 4) * 3;
                    let yy = ty - 3 + (k / 4) * 4;
                    if map.contains(yx, yy) {
                        map.set(yx, yy, Terrain::Yurt);
                    }
                }
                if map.contains(road_x - 3, ty) {
                    map.set(road_x - 3, ty, Terrain::Monument);
                }
                // The town's well, by the road: the last sure water before the Gobi.
                for dy in 0..2 {
                    if map.contains(road_x + 2, ty + dy) {
                        map.set(road_x + 2, ty + dy, Terrain::Village);
                    }
                }
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
            map.set(x, y, t);
        }
    }
    for y in cy - 3..=cy + 1 {
        for x in cx - 3..=cx + 3 {
            map.set(x, y, Terrain::Temple);
        }
    }
    // Gates on every side, and a path from each to the map's edge.
    for (dx, dy) in [(0, 1), (0, -1), (1, 0), (-1, 0)] {
        let (mut x, mut y) = (cx + dx * 10, cy + dy * 8);
        while map.contains(x, y) {
            if map.get(x, y) != Terrain::Courtyard {
                map.set(x, y, Terrain::Road);
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
            map.set(x as i32, y as i32, Terrain::Village);
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
        map.set(x as i32, y as i32, Terrain::Road);
    }
}
