//! What stands up off the ground besides trees, painted in code: boulders on rocky ground, the
//! herders' yurts, the camp's watchtowers and its barbed wire, each with its shadow thrown to
//! the south-east by the north-western light the hills and trees are lit by.

use crate::levels::Terrain;
use crate::paint::art::tiles::{frame_sheet, grain, hash, shade};

/// Size of one frame, pixels: a tile and a half wide, two tiles tall (a tower is).
pub const PROP_W: u32 = 24;
pub const PROP_H: u32 = 32;
/// Frames on the sheet, side by side.
pub const PROP_KINDS: u32 = 5;

const BOULDER: u32 = 0;
const YURT: u32 = 1;
const TOWER: u32 = 2;
/// Wire running east-west: strands across the frame.
const WIRE_ACROSS: u32 = 3;
/// Wire running north-south: strands up the frame, to the next post.
const WIRE_ALONG: u32 = 4;

/// The thing standing on a tile, as a frame of the sheet, and where its foot is (pixels from the
/// tile's centre); `None` where nothing does. `wire_east_west` says whether a wire tile's fence
/// runs east-west (a wire neighbour to the east or west).
pub fn prop_at(terrain: Terrain, x: u32, y: u32, wire_east_west: bool) -> Option<(u32, (f32, f32))> {
    let jitter = |salt: u32| (grain(x, y, salt) - 0.5) * 6.0;
    match terrain {
        // Not every rocky tile has a boulder: some are only stones.
        Terrain::Rock if hash(x, y, 61) % 100 < 45 => Some((BOULDER, (jitter(62), jitter(63) - 4.0))),
        Terrain::Yurt => Some((YURT, (0.0, -6.0))),
        Terrain::Watchtower => Some((TOWER, (0.0, -6.0))),
        Terrain::Wire => Some((if wire_east_west { WIRE_ACROSS } else { WIRE_ALONG }, (0.0, -6.0))),
        _ => None,
    }
}

/// The sheet: `PROP_KINDS` frames of `PROP_W` x `PROP_H`, side by side, foot at the bottom
/// centre. Returns width, height, RGBA.
pub fn prop_sheet() -> (u32, u32, Vec<u8>) {
    frame_sheet(PROP_KINDS, PROP_W, PROP_H, prop_pixel)
}

fn opaque([r, g, b]: [u8; 3]) -> Option<[u8; 4]> {
    Some([r, g, b, 255])
}

/// Lit on the north-west (up and left), dark on the south-east: a factor on a colour for a
/// point `(dx, dy)` off a shape's middle, each in its half-width.
fn lit(dx: f32, dy: f32) -> f32 {
    let facing = -(dx + dy) * 0.5;
    1.0 + 0.3 * facing.clamp(-1.0, 1.0)
}

/// One pixel (`y` runs down from the top of the frame), or nothing.
fn prop_pixel(kind: u32, x: u32, y: u32) -> Option<[u8; 4]> {
    let (fx, fy) = (x as f32 + 0.5, y as f32 + 0.5);
    let mid = PROP_W as f32 / 2.0;
    let foot = PROP_H as f32 - 1.5;
    let g = grain(x, y, 71 + kind);
    let body = match kind {
        BOULDER => {
            let (dx, dy) = ((fx - mid) / 7.5, (fy - (foot - 5.0)) / 5.5);
            let d = dx * dx + dy * dy;
            if d < 1.0 - g * 0.12 {
                let crack = (fx - mid - 1.0 + (fy - foot) * 0.4).abs() < 0.5 && dy > -0.3;
                let base = if crack { [60, 60, 66] } else { [128, 126, 132] };
                opaque(shade(base, lit(dx, dy) * (0.9 + g * 0.2)))
            } else {
                None
            }
        }
        YURT => {
            // A felt wall, a low dome of a roof with the smoke ring at its crown, a red door.
            let dx = (fx - mid) / 10.0;
            let wall = fy >= foot - 10.0 && fy <= foot && dx.abs() <= 1.0;
            let roof_h = 8.0 * (1.0 - dx * dx).max(0.0).sqrt();
            let roof = fy < foot - 10.0 && fy >= foot - 10.0 - roof_h && dx.abs() <= 1.0;
            let door = (fx - mid).abs() < 2.0 && fy >= foot - 7.0 && fy <= foot;
            if door {
                opaque([168, 52, 36])
            } else if roof {
                let crown = (fx - mid).abs() < 2.0 && fy < foot - 16.5;
                if crown {
                    opaque([70, 54, 40])
                } else {
                    opaque(shade([214, 206, 186], lit(dx, -0.6) * (0.92 + g * 0.12)))
                }
            } else if wall {
                // A band of rope round the felt, halfway up.
                let band = (fy - (foot - 6.0)).abs() < 0.6;
                let base = if band { [140, 100, 60] } else { [232, 226, 210] };
                opaque(shade(base, lit(dx, 0.4) * (0.92 + g * 0.1)))
            } else {
                None
            }
        }
        TOWER => {
            // Four legs braced crosswise, a plank hut on top, a peaked roof.
            let (left, right) = (mid - 6.0, mid + 6.0);
            let leg = fy >= 12.0 && fy <= foot && ((fx - left).abs() < 1.0 || (fx - right).abs() < 1.0);
            let brace = fy >= 13.0 && fy <= foot && fx > left && fx < right && {
                let t = (fy - 13.0) % 9.0;
                let across = (fx - left) / (right - left) * 9.0;
                (t - across).abs() < 0.7 || (t - (9.0 - across)).abs() < 0.7
            };
            let hut = (5.0..12.0).contains(&fy) && (fx - mid).abs() < 8.0;
            let window = (7.0..9.5).contains(&fy) && (fx - mid).abs() < 5.5;
            let roof = (1.0..5.0).contains(&fy) && (fx - mid).abs() < 9.0 - (5.0 - fy) * 1.8;
            if roof {
                opaque(shade([70, 54, 40], lit((fx - mid) / 9.0, -0.5)))
            } else if window {
                opaque([24, 22, 20])
            } else if hut {
                opaque(shade([112, 84, 58], lit((fx - mid) / 8.0, 0.0) * (0.9 + g * 0.15)))
            } else if leg || brace {
                opaque([84, 62, 44])
            } else {
                None
            }
        }
        WIRE_ACROSS | WIRE_ALONG => {
            let post = (fx - mid).abs() < 1.0 && fy >= foot - 12.0 && fy <= foot;
            if post {
                return opaque([96, 72, 50]);
            }
            // Three strands to the next posts; a barb every few pixels.
            let strand = |along: f32, at: f32| {
                [foot - 10.0, foot - 6.0, foot - 3.0].iter().any(|s| (at - s).abs() < 0.5)
                    || ([foot - 10.0, foot - 6.0, foot - 3.0].iter().any(|s| (at - s + 1.0).abs() < 0.5)
                        && (along as u32).is_multiple_of(4))
            };
            let on = if kind == WIRE_ACROSS {
                (fx - mid).abs() <= 8.0 && strand(fx, fy)
            } else {
                // Seen from the south, a fence running north is its posts one above another,
                // the strands climbing between them.
                (fx - mid + 1.5).abs() < 0.5 && fy >= foot - 26.0 && fy <= foot - 3.0
                    || (fx - mid - 1.5).abs() < 0.5 && fy >= foot - 24.0 && fy <= foot - 5.0
            };
            if on { Some([58, 58, 62, 255]) } else { None }
        }
        _ => None,
    };
    if body.is_some() {
        return body;
    }
    // The shadow: an oval on the ground, thrown down and to the right, as long as the thing is
    // tall.
    let (reach, wide) = match kind {
        TOWER => (9.0, 4.0),
        YURT => (10.0, 3.0),
        BOULDER => (7.0, 2.5),
        _ => (2.0, 1.2),
    };
    let (sx, sy) = (fx - (mid + reach * 0.4), fy - (foot - 0.5));
    if (sx / reach).powi(2) + (sy / wide).powi(2) < 1.0 {
        return Some([10, 12, 20, 90]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yurts_towers_and_wire_always_stand_and_rocks_sometimes() {
        assert!(prop_at(Terrain::Yurt, 3, 4, false).is_some());
        assert!(prop_at(Terrain::Watchtower, 3, 4, false).is_some());
        assert_eq!(prop_at(Terrain::Wire, 3, 4, true).map(|p| p.0), Some(WIRE_ACROSS));
        assert_eq!(prop_at(Terrain::Wire, 3, 4, false).map(|p| p.0), Some(WIRE_ALONG));
        assert_eq!(prop_at(Terrain::Grass, 3, 4, false), None);
        let boulders = (0..400).filter(|i| prop_at(Terrain::Rock, i % 20, i / 20, false).is_some()).count();
        assert!((100..260).contains(&boulders), "{boulders} boulders on 400 rocky tiles");
    }

    #[test]
    fn each_frame_has_its_thing_and_a_shadow_to_the_south_east() {
        let (w, h, px) = prop_sheet();
        assert_eq!((w, h), (PROP_W * PROP_KINDS, PROP_H));
        let alpha = |kind: u32, x: u32, y: u32| px[((y * w + kind * PROP_W + x) * 4 + 3) as usize];
        for kind in 0..PROP_KINDS {
            let solid =
                (0..PROP_H).flat_map(|y| (0..PROP_W).map(move |x| (x, y))).filter(|(x, y)| alpha(kind, *x, *y) == 255);
            assert!(solid.count() > 10, "frame {kind} is empty");
        }
        // The tower is two tiles tall; the shadow of the yurt lies to the right of its foot.
        assert!((0..8).any(|y| alpha(TOWER, PROP_W / 2, y) == 255));
        assert_eq!(alpha(YURT, PROP_W - 2, PROP_H - 2), 90);
    }
}
