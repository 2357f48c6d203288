//! The land of a level: its biome, its sides, how its noise is shaped, where it lies on the
//! real map, and every kind of ground a tile can be.

use serde::{Deserialize, Serialize};

/// The land a stage's map is generated as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Biome {
    Camp,
    Taiga,
    Lakeshore,
    Steppe,
    Desert,
    Mountains,
    Monastery,
    Foothills,
    Homecoming,
}

impl Biome {
    /// The kinds of ground the biome's maps are made of (besides its route's stretches and the
    /// streams, passes and paths every map may have): what a story event may wait for there.
    /// Kept in step with `sim::world::biomes` by a test there.
    pub fn grounds(self) -> Vec<Terrain> {
        use Terrain::*;
        const EVERYWHERE: [Terrain; 10] = [Stream, River, Pass, Snow, Grass, Field, Sand, Road, Village, House];
        let own: &'static [Terrain] = match self {
            Biome::Taiga => &[BirchForest, DeepSnow, DenseForest, FrozenStream, Rock, Snow, SpruceForest],
            Biome::Camp => &[
                Barracks,
                Watchtower,
                Wire,
                Yard,
                Rock,
                DenseForest,
                FrozenStream,
                Snow,
                BirchForest,
                DeepSnow,
                SpruceForest,
            ],
            Biome::Lakeshore => &[BirchForest, LakeWater, Reeds, Rock, Shingle, ShoreIce, Snow, SpruceForest, ThinIce],
            Biome::Steppe => &[BorderLine, DryGrass, Grass, Gravel, Hill, Monument, Road, Rock, Stream, Village, Yurt],
            Biome::Desert => &[DryRiverbed, Dune, GravelPlain, Rock, SaltFlat, Sand, DryGrass, Shingle],
            Biome::Mountains => &[Cliff, Glacier, Rock, Scree, Snowfield, Gravel],
            Biome::Monastery => &[Courtyard, Road, Temple, Wall, Glacier, Cliff, Snowfield, Scree, Rock],
            Biome::Foothills => &[Cliff, Grass, Jungle, Scree, Snowfield, Terrace, Village],
            Biome::Homecoming => &[BirchForest, Field, Road],
        };
        [own, &EVERYWHERE[..]].concat()
    }
}

/// A side of the map: where the group comes in and where the way out lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Edge {
    North,
    South,
    East,
    West,
}

/// How the noise fields of the generator are shaped for this stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Generation {
    /// Features per tile of the elevation field: small is broad hills, large is rough ground.
    pub elevation_scale: f64,
    /// Features per tile of the moisture field.
    pub moisture_scale: f64,
    /// Share of the land covered by trees, reeds or grass cover where the biome has them.
    pub vegetation: f32,
    /// Share of tiles that are water of any kind.
    pub water: f32,
    /// Share of tiles that carry firewood.
    pub firewood: f32,
    /// Share of tiles that cannot be crossed (cliffs, wire, deep water).
    pub obstacles: f32,
    /// What the story puts on this stage's land, beyond what its biome grows.
    #[serde(default)]
    pub set_pieces: Vec<SetPiece>,
}

/// A place the story needs on the land, laid on the steppe's ground.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SetPiece {
    /// The unpatrolled border: a line of posts across the middle, the road crossing it.
    BorderPosts,
    /// A town's edge by the road: yurts, the monument with the red star, and the town's well.
    RedStarTown,
}

/// Where a stage lies on the real map: the route runs from `from` to `to`, (latitude,
/// longitude) in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Geo {
    pub from: (f32, f32),
    pub to: (f32, f32),
}

/// What a tile is. The order is part of the map hash and of the tile sheet: add new kinds at the
/// end, and to `Terrain::ALL`.
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
    /// Every kind of ground, in the order of its discriminant (the map hash's and the tile
    /// sheet's order).
    pub const ALL: [Terrain; 44] = [
        Terrain::Snow,
        Terrain::DeepSnow,
        Terrain::SpruceForest,
        Terrain::BirchForest,
        Terrain::DenseForest,
        Terrain::FrozenStream,
        Terrain::Rock,
        Terrain::LakeWater,
        Terrain::ShoreIce,
        Terrain::ThinIce,
        Terrain::Shingle,
        Terrain::Reeds,
        Terrain::Grass,
        Terrain::DryGrass,
        Terrain::Gravel,
        Terrain::Hill,
        Terrain::BorderLine,
        Terrain::Road,
        Terrain::Yurt,
        Terrain::Monument,
        Terrain::Dune,
        Terrain::Sand,
        Terrain::GravelPlain,
        Terrain::SaltFlat,
        Terrain::DryRiverbed,
        Terrain::Stream,
        Terrain::Scree,
        Terrain::Snowfield,
        Terrain::Glacier,
        Terrain::Cliff,
        Terrain::Pass,
        Terrain::Barracks,
        Terrain::Wire,
        Terrain::Watchtower,
        Terrain::Yard,
        Terrain::Wall,
        Terrain::Courtyard,
        Terrain::Temple,
        Terrain::Jungle,
        Terrain::Terrace,
        Terrain::River,
        Terrain::Village,
        Terrain::Field,
        Terrain::House,
    ];

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

    /// The kind of ground in words: `SpruceForest` is "spruce forest".
    pub fn name(self) -> String {
        let mut out = String::new();
        for (i, c) in format!("{self:?}").chars().enumerate() {
            if c.is_uppercase() && i > 0 {
                out.push(' ');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    /// Terrain that can carry firewood.
    pub fn wooded(self) -> bool {
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

// `Terrain::ALL` holds each kind at the index of its discriminant, up to the last, `House` (a new
// kind goes after it, and here): checked when the crate compiles.
const _: () = {
    let mut i = 0;
    while i < Terrain::ALL.len() {
        assert!(Terrain::ALL[i] as usize == i);
        i += 1;
    }
    assert!(Terrain::ALL.len() == Terrain::House as usize + 1);
};
