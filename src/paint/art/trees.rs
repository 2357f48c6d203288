//! Trees standing on the forest's ground, painted in code: a spruce, a taller dark spruce, a
//! birch and a broad-leaved tree of the foothills, each with its shadow thrown to the
//! south-east by a north-western light, as the hills are shaded.

use crate::levels::Terrain;
use crate::paint::art::tiles::{frame_sheet, grain, hash, shade};

/// Size of one tree's frame, pixels: a tile wide, a tile and a half tall.
pub const TREE_W: u32 = 16;
pub const TREE_H: u32 = 24;
/// Trees on the sheet, side by side.
pub const TREE_KINDS: u32 = 4;

const SPRUCE: u32 = 0;
const TALL_SPRUCE: u32 = 1;
const BIRCH: u32 = 2;
const BROADLEAF: u32 = 3;

/// The tree standing on a forest tile, as a frame of the sheet, and where on the tile its foot
/// is (pixels from the tile's centre); `None` where none stands (a clearing, or no forest).
pub fn tree_at(terrain: Terrain, x: u32, y: u32) -> Option<(u32, (f32, f32))> {
    let (kind, share) = match terrain {
        Terrain::DenseForest => (if hash(x, y, 5).is_multiple_of(3) { SPRUCE } else { TALL_SPRUCE }, 100),
        Terrain::SpruceForest => (if hash(x, y, 5).is_multiple_of(4) { TALL_SPRUCE } else { SPRUCE }, 80),
        Terrain::BirchForest => (if hash(x, y, 5).is_multiple_of(5) { SPRUCE } else { BIRCH }, 70),
        Terrain::Jungle => (BROADLEAF, 90),
        _ => return None,
    };
    if hash(x, y, 11) % 100 >= share {
        return None;
    }
    let jitter = |salt: u32| (grain(x, y, salt) - 0.5) * 8.0;
    Some((kind, (jitter(12), jitter(13) - 3.0)))
}

/// The sheet of trees: `TREE_KINDS` frames of `TREE_W` x `TREE_H`, side by side, foot at the
/// bottom centre. Returns width, height, RGBA.
pub fn tree_sheet() -> (u32, u32, Vec<u8>) {
    frame_sheet(TREE_KINDS, TREE_W, TREE_H, tree_pixel)
}

/// One pixel of a tree (`y` runs down from the top of the frame), or nothing.
fn tree_pixel(kind: u32, x: u32, y: u32) -> Option<[u8; 4]> {
    let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
    let foot = TREE_H as f32 - 1.5;
    let g = grain(x, y, 17 + kind);
    // The crown first (it hides the trunk and the shadow behind it), then the trunk, then the
    // shadow on the ground.
    let crown: Option<[u8; 3]> = match kind {
        SPRUCE | TALL_SPRUCE => {
            let (top, bottom, half) = if kind == SPRUCE { (5.0, 19.0, 6.0) } else { (1.0, 20.0, 5.5) };
            let depth = (fy - top) / (bottom - top);
            // Tiers: each widens down to its hem and steps in again.
            let tier = (depth * 3.0).fract();
            let width = half * (0.25 + 0.75 * depth) * (0.75 + 0.25 * tier);
            let dx = fx - TREE_W as f32 / 2.0;
            if (0.0..=1.0).contains(&depth) && dx.abs() < width.max(0.6) {
                let base = if kind == SPRUCE { [40, 82, 60] } else { [26, 60, 46] };
                // Lit on the north-west (the left), dark at each tier's hem.
                let light = if dx < -width * 0.3 {
                    1.25
                } else if dx > width * 0.4 {
                    0.8
                } else {
                    1.0
                };
                let hem = if tier > 0.8 { 0.75 } else { 1.0 };
                Some(shade(base, light * hem * (0.9 + g * 0.2)))
            } else {
                None
            }
        }
        BIRCH | BROADLEAF => {
            let (cx, cy, r) = if kind == BIRCH { (8.0, 8.0, 5.0) } else { (8.0, 9.0, 6.8) };
            let d = ((fx - cx).powi(2) + (fy - cy).powi(2) * 1.2).sqrt();
            let ragged = r - 0.8 + g * 1.6;
            if d < ragged {
                let base = if kind == BIRCH { [150, 170, 80] } else { [44, 100, 46] };
                let lit = if fx + fy < cx + cy - 2.0 {
                    1.2
                } else if fx + fy > cx + cy + 3.0 {
                    0.78
                } else {
                    1.0
                };
                Some(shade(base, lit * (0.85 + g * 0.3)))
            } else {
                None
            }
        }
        _ => None,
    };
    if let Some([r, gr, b]) = crown {
        return Some([r, gr, b, 255]);
    }
    let trunk_top = match kind {
        SPRUCE => 17.0,
        TALL_SPRUCE => 18.0,
        BIRCH => 10.0,
        _ => 13.0,
    };
    let dx = fx - TREE_W as f32 / 2.0;
    if fy >= trunk_top && fy <= foot && dx.abs() < 1.0 {
        let bark = if kind == BIRCH {
            // White bark with dark marks.
            if hash(x, y, 23).is_multiple_of(4) { [60, 56, 52] } else { [226, 222, 210] }
        } else {
            [86, 60, 42]
        };
        return Some([bark[0], bark[1], bark[2], 255]);
    }
    // The shadow: an oval on the ground, cast down and to the right.
    let (sx, sy) = (fx - (TREE_W as f32 / 2.0 + 2.5), fy - (foot - 1.0));
    if (sx / 6.0).powi(2) + (sy / 2.2).powi(2) < 1.0 {
        return Some([10, 12, 20, 90]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_tree_stands_on_its_foot_with_a_shadow_to_the_south_east() {
        let (w, h, px) = tree_sheet();
        assert_eq!((w, h), (TREE_W * TREE_KINDS, TREE_H));
        let alpha = |kind: u32, x: u32, y: u32| px[((y * w + kind * TREE_W + x) * 4 + 3) as usize];
        for kind in 0..TREE_KINDS {
            // A trunk at the foot, nothing in the top corners.
            assert_eq!(alpha(kind, TREE_W / 2, TREE_H - 3), 255, "tree {kind}: trunk at the foot");
            assert_eq!(alpha(kind, 0, 0), 0, "tree {kind}: clear sky in the corner");
            // The shadow reaches further right of the foot than left.
            let reach = |dir: i32| {
                (1..8)
                    .filter(|d| {
                        let x = TREE_W as i32 / 2 + dir * d;
                        (0..TREE_W as i32).contains(&x) && (1..255).contains(&alpha(kind, x as u32, TREE_H - 3))
                    })
                    .count()
            };
            assert!(reach(1) > reach(-1), "tree {kind}: shadow to the right {} vs left {}", reach(1), reach(-1));
        }
    }

    #[test]
    fn forests_have_trees_and_clearings_and_open_ground_has_none() {
        let dense = (0..400).filter(|i| tree_at(Terrain::DenseForest, i % 20, i / 20).is_some()).count();
        let birch = (0..400).filter(|i| tree_at(Terrain::BirchForest, i % 20, i / 20).is_some()).count();
        assert_eq!(dense, 400, "dense forest: a tree on every tile");
        assert!((220..340).contains(&birch), "birch wood with clearings: {birch} of 400");
        assert!(tree_at(Terrain::Grass, 3, 4).is_none() && tree_at(Terrain::Snow, 3, 4).is_none());
        let (_, (dx, dy)) = tree_at(Terrain::SpruceForest, 1, 2).or(tree_at(Terrain::SpruceForest, 2, 2)).unwrap();
        assert!(dx.abs() <= 4.0 && (-7.0..=1.0).contains(&dy), "the foot stays on its tile: {dx} {dy}");
    }
}
