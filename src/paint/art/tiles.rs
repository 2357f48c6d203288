//! The tiles: every terrain's variants and the soft edges where one terrain meets another.

use crate::levels::Terrain;

/// Pixels a tile is painted with.
pub const TILE: u32 = 16;
/// Variants of each terrain, picked per tile so that fields of one terrain do not repeat.
pub const VARIANTS: u32 = 4;
/// Kinds of terrain (the number of `Terrain` variants).
pub const TERRAINS: u32 = Terrain::ALL.len() as u32;
/// Tiles per row in the tileset images.
pub const COLUMNS: u32 = 32;

/// Ground that spills softly over the edges of its neighbours: the transition tiles exist for
/// these. The position in this list is the transition tileset's row block; later ones spread
/// over earlier ones.
pub const SPREADERS: [Terrain; 15] = [
    Terrain::Shingle,
    Terrain::Gravel,
    Terrain::GravelPlain,
    Terrain::Scree,
    Terrain::DryGrass,
    Terrain::Grass,
    Terrain::Field,
    Terrain::Sand,
    Terrain::SaltFlat,
    Terrain::Yard,
    Terrain::ShoreIce,
    Terrain::Snowfield,
    Terrain::DeepSnow,
    Terrain::Snow,
    Terrain::Courtyard,
];

/// Edge bits of a transition mask: which sides of a tile the neighbour's ground spills over.
pub const NORTH: u32 = 1;
pub const EAST: u32 = 2;
pub const SOUTH: u32 = 4;
pub const WEST: u32 = 8;

/// Tiles across a patch of one variant: drifts, a darker sweep of grass, a stony stretch.
const PATCH_TILES: u32 = 6;

/// The texture index of a terrain at a tile position in `terrain.png`. The variant follows a
/// smooth field over the map, so that each covers patches some tiles across, with ragged
/// edges, instead of changing tile by tile into a checkerboard.
pub fn texture_index(terrain: Terrain, x: u32, y: u32) -> u32 {
    let field = patch_field(x, y) + (grain(x, y, 7) - 0.5) * 0.22;
    let variant = (field.clamp(0.0, 0.999) * VARIANTS as f32) as u32;
    terrain as u32 * VARIANTS + variant
}

/// A smooth value noise over the map, 0 to 1, its features `PATCH_TILES` across.
fn patch_field(x: u32, y: u32) -> f32 {
    let (cx, cy) = (x / PATCH_TILES, y / PATCH_TILES);
    let smooth = |t: f32| t * t * (3.0 - 2.0 * t);
    let tx = smooth((x % PATCH_TILES) as f32 / PATCH_TILES as f32);
    let ty = smooth((y % PATCH_TILES) as f32 / PATCH_TILES as f32);
    let corner = |dx: u32, dy: u32| grain(cx + dx, cy + dy, 41);
    let bottom = corner(0, 0) + (corner(1, 0) - corner(0, 0)) * tx;
    let top = corner(0, 1) + (corner(1, 1) - corner(0, 1)) * tx;
    bottom + (top - bottom) * ty
}

/// The texture index in `transitions.png` of `spreader`'s ground over the sides in `mask`.
pub fn transition_index(spreader: usize, mask: u32) -> u32 {
    spreader as u32 * 16 + mask
}

pub fn spreader_rank(t: Terrain) -> Option<usize> {
    SPREADERS.iter().position(|s| *s == t)
}

pub(crate) fn hash(x: u32, y: u32, salt: u32) -> u32 {
    let mut h = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77) ^ salt.wrapping_mul(0xC2B2_AE3D);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    h
}

/// 0..1 noise per pixel.
pub(crate) fn grain(x: u32, y: u32, salt: u32) -> f32 {
    (hash(x, y, salt) % 1000) as f32 / 1000.0
}

#[derive(Clone, Copy)]
enum Pattern {
    /// Soft speckle: snow, sand, grass.
    Speckle,
    /// A forest's floor, under the trees that stand on it.
    Trees,
    /// Lines of ripples: water.
    Waves,
    /// Cracked plates: ice, salt.
    Cracks,
    /// Stones: gravel, scree, rock.
    Stones,
    /// Rows of blocks: walls, barracks.
    Blocks,
    /// Crosshatched strands: wire.
    Hatch,
    /// Curved crests: dunes, drifts.
    Crests,
    /// Straight furrows: roads, fields, terraces.
    Furrows,
    /// A roofed building on open ground.
    Building,
}

fn style(t: Terrain) -> ([u8; 3], [u8; 3], Pattern) {
    use Pattern::*;
    use Terrain::*;
    match t {
        Snow => ([226, 232, 240], [198, 208, 222], Speckle),
        DeepSnow => ([240, 244, 250], [196, 206, 224], Crests),
        SpruceForest => ([205, 214, 222], [38, 74, 58], Trees),
        BirchForest => ([214, 220, 226], [120, 132, 96], Trees),
        DenseForest => ([160, 176, 180], [24, 52, 42], Trees),
        FrozenStream => ([170, 204, 226], [226, 240, 250], Cracks),
        Rock => ([104, 104, 110], [70, 70, 78], Stones),
        LakeWater => ([34, 78, 122], [58, 108, 150], Waves),
        ShoreIce => ([186, 214, 232], [236, 246, 252], Cracks),
        ThinIce => ([120, 168, 200], [190, 222, 240], Cracks),
        Shingle => ([150, 146, 136], [112, 108, 100], Stones),
        Reeds => ([176, 160, 110], [120, 104, 64], Hatch),
        Grass => ([112, 142, 74], [88, 118, 58], Speckle),
        DryGrass => ([176, 164, 106], [146, 134, 82], Speckle),
        Gravel => ([150, 140, 124], [116, 106, 92], Stones),
        Hill => ([132, 136, 84], [98, 102, 62], Crests),
        BorderLine => ([176, 164, 106], [150, 40, 40], Furrows),
        Road => ([160, 138, 104], [132, 112, 82], Furrows),
        // The yurt, the tower and the wire stand on their tiles as sprites (`props.rs`): the
        // tiles are the ground they stand on.
        Yurt => ([150, 150, 92], [128, 130, 78], Speckle),
        Monument => ([176, 164, 106], [196, 30, 36], Building),
        Dune => ([222, 186, 124], [190, 150, 92], Crests),
        Sand => ([232, 204, 146], [212, 180, 122], Speckle),
        GravelPlain => ([170, 150, 118], [136, 116, 88], Stones),
        SaltFlat => ([236, 234, 226], [200, 196, 186], Cracks),
        DryRiverbed => ([196, 170, 128], [150, 124, 88], Furrows),
        Stream => ([58, 120, 168], [120, 176, 210], Waves),
        Scree => ([140, 136, 132], [102, 98, 96], Stones),
        Snowfield => ([236, 240, 246], [206, 214, 228], Speckle),
        Glacier => ([176, 212, 236], [130, 180, 214], Cracks),
        Cliff => ([78, 72, 70], [46, 42, 42], Blocks),
        Pass => ([200, 204, 210], [150, 150, 156], Furrows),
        Barracks => ([92, 72, 54], [60, 46, 34], Blocks),
        Wire => ([206, 210, 216], [176, 180, 188], Speckle),
        Watchtower => ([196, 200, 206], [160, 164, 172], Speckle),
        Yard => ([200, 204, 210], [168, 172, 180], Speckle),
        Wall => ([196, 184, 160], [150, 136, 112], Blocks),
        Courtyard => ([180, 160, 130], [150, 130, 100], Speckle),
        Temple => ([170, 52, 40], [230, 190, 70], Building),
        Jungle => ([64, 110, 52], [30, 70, 34], Trees),
        Terrace => ([128, 150, 76], [96, 118, 56], Furrows),
        River => ([52, 110, 140], [100, 160, 186], Waves),
        Village => ([128, 150, 76], [170, 120, 80], Building),
        Field => ([170, 170, 96], [138, 140, 70], Furrows),
        House => ([120, 150, 80], [160, 70, 50], Building),
    }
}

/// A terrain's colour seen from far off (a small map's pixel): its ground and its marks mixed.
pub fn map_colour(t: Terrain) -> [u8; 3] {
    let (ground, marks, _) = style(t);
    mix(ground, marks, 0.35)
}

/// The terrain painted at row `i` of the tile sheet: the sheet follows `Terrain::ALL`.
pub fn terrain_from_index(i: u32) -> Terrain {
    Terrain::ALL[i as usize]
}

pub(crate) fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| (a[i] as f32 + (b[i] as f32 - a[i] as f32) * t) as u8)
}

/// A sheet of `kinds` frames `fw` x `fh` side by side, each pixel (`kind`, `x`, `y` from the
/// frame's top left) painted by `pixel` or left clear. Returns width, height, RGBA.
pub(crate) fn frame_sheet(
    kinds: u32,
    fw: u32,
    fh: u32,
    pixel: impl Fn(u32, u32, u32) -> Option<[u8; 4]>,
) -> (u32, u32, Vec<u8>) {
    let (w, h) = (fw * kinds, fh);
    let mut px = vec![0u8; (w * h * 4) as usize];
    for kind in 0..kinds {
        for y in 0..fh {
            for x in 0..fw {
                if let Some(c) = pixel(kind, x, y) {
                    let at = ((y * w + kind * fw + x) * 4) as usize;
                    px[at..at + 4].copy_from_slice(&c);
                }
            }
        }
    }
    (w, h, px)
}

pub(crate) fn shade(c: [u8; 3], f: f32) -> [u8; 3] {
    c.map(|v| (v as f32 * f).clamp(0.0, 255.0) as u8)
}

/// One pixel of one variant of one terrain.
fn paint(t: Terrain, variant: u32, x: u32, y: u32) -> [u8; 3] {
    let (base, detail, pattern) = style(t);
    let salt = t as u32 * 31 + variant * 7;
    let g = grain(x, y, salt);
    // The variants are lighter and darker stretches of the same ground, each grained finely.
    let ground = shade(base, 0.955 + variant as f32 * 0.022 + g * 0.04);
    let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
    match pattern {
        Pattern::Speckle => {
            // A few marks, softened: snow crust, a tuft, a pebble; not a noise.
            if g > 0.93 { mix(ground, detail, 0.7) } else { ground }
        }
        Pattern::Trees => {
            // The forest's floor: the trees stand on it as sprites (`trees.rs`); here needles,
            // leaf litter and the odd seedling in the crowns' colour.
            if g > 0.9 {
                shade(detail, 0.9 + grain(x, y, salt + 3) * 0.3)
            } else if g > 0.75 {
                mix(ground, detail, 0.3)
            } else {
                ground
            }
        }
        Pattern::Waves => {
            let phase = ((fy + variant as f32 * 2.0) * 0.9 + (fx * 0.5).sin() * 1.2).sin();
            if phase > 0.82 { detail } else { shade(base, 0.95 + g * 0.08) }
        }
        Pattern::Cracks => {
            let crack = ((fx * 0.7 + variant as f32).sin() + (fy * 0.9 - fx * 0.3).cos()).abs() < 0.12;
            if crack { shade(base, 0.75) } else { mix(ground, detail, g * 0.4) }
        }
        Pattern::Stones => {
            let cell = hash(x / 4 + variant * 5, y / 4, salt) % 5;
            let inner = !x.is_multiple_of(4) && y % 4 != 3;
            if cell < 2 && inner { shade(detail, 0.9 + g * 0.2) } else { ground }
        }
        Pattern::Blocks => {
            let row = y / 4;
            let off = if row.is_multiple_of(2) { 0 } else { 3 };
            let mortar = y % 4 == 3 || (x + off) % 6 == 5;
            if mortar { detail } else { ground }
        }
        Pattern::Hatch => {
            let a = (x + y + variant).is_multiple_of(5);
            let b = (x + 16 - y % 16).is_multiple_of(5);
            if a || b { detail } else { ground }
        }
        Pattern::Crests => {
            let crest = ((fx * 0.4 + variant as f32).sin() * 2.0 + fy) % 6.0;
            if crest < 1.2 {
                shade(detail, 0.95)
            } else if crest < 2.2 {
                shade(base, 1.05)
            } else {
                ground
            }
        }
        Pattern::Furrows => {
            if (y + variant).is_multiple_of(4) {
                detail
            } else {
                ground
            }
        }
        Pattern::Building => {
            let inside = (3..13).contains(&x) && (4..13).contains(&y);
            let roof = (3..13).contains(&x) && (4..7).contains(&y);
            if roof {
                shade(detail, 0.75)
            } else if inside {
                detail
            } else {
                ground
            }
        }
    }
}

/// An RGBA image of `count` tiles laid out `COLUMNS` to a row, each painted by `tile`.
pub(crate) fn sheet(count: u32, tile: impl Fn(u32, u32, u32) -> [u8; 4]) -> (u32, u32, Vec<u8>) {
    let cols = COLUMNS.min(count);
    let rows = count.div_ceil(cols);
    let (w, h) = (cols * TILE, rows * TILE);
    let mut data = vec![0u8; (w * h * 4) as usize];
    for i in 0..count {
        let (ox, oy) = ((i % cols) * TILE, (i / cols) * TILE);
        for y in 0..TILE {
            for x in 0..TILE {
                let at = (((oy + y) * w + ox + x) * 4) as usize;
                data[at..at + 4].copy_from_slice(&tile(i, x, y));
            }
        }
    }
    (w, h, data)
}

/// `terrain.png`: terrain `t`'s variant `v` is tile `t * VARIANTS + v`. Returns width, height, RGBA.
pub fn terrain_sheet() -> (u32, u32, Vec<u8>) {
    sheet(TERRAINS * VARIANTS, |i, x, y| {
        let [r, g, b] = paint(terrain_from_index(i / VARIANTS), i % VARIANTS, x, y);
        [r, g, b, 255]
    })
}

/// `transitions.png`: the ground of each spreader, opaque near the masked sides and fading
/// out with a ragged edge toward the middle; transparent elsewhere.
pub fn transition_sheet() -> (u32, u32, Vec<u8>) {
    sheet(SPREADERS.len() as u32 * 16, |i, x, y| {
        let t = SPREADERS[(i / 16) as usize];
        let mask = i % 16;
        // Image rows run top (north) to bottom (south).
        let edges = [(NORTH, y), (SOUTH, TILE - 1 - y), (WEST, x), (EAST, TILE - 1 - x)];
        let near = edges.iter().filter(|(bit, _)| mask & bit != 0).map(|(_, d)| *d).min();
        let Some(d) = near else { return [0, 0, 0, 0] };
        let ragged = 2.0 + grain(x, y, 99 + t as u32) * 3.0;
        if (d as f32) < ragged {
            let [r, g, b] = paint(t, (x + y) % VARIANTS, x, y);
            [r, g, b, 255]
        } else {
            [0, 0, 0, 0]
        }
    })
}
