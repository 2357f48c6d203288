//! The people's figures: a walk, a step and a fall, painted from each character's colours.

use crate::paint::art::tiles::shade;

/// Size of one frame of a person's figure, pixels.
pub const FIGURE: u32 = 20;
/// Frames of a figure sheet: standing, two steps of a walk and the step between, lying down.
pub const FIGURE_FRAMES: u32 = 5;
/// The frame of a figure lying on the ground.
pub const LYING: u32 = 4;

/// A person's figure sheet from their colours: `FIGURE_FRAMES` frames of `FIGURE`² in a row,
/// outlined so that it reads on snow and sand alike. Returns width, height, RGBA.
pub fn figure_sheet(coat: [u8; 3], hat: [u8; 3], skin: [u8; 3], beard: bool) -> (u32, u32, Vec<u8>) {
    let (w, h) = (FIGURE * FIGURE_FRAMES, FIGURE);
    let mut px = vec![0u8; (w * h * 4) as usize];
    let dark = |c: [u8; 3]| shade(c, 0.65);
    for frame in 0..FIGURE_FRAMES {
        let mut cell = [[None::<[u8; 3]>; FIGURE as usize]; FIGURE as usize];
        let mut put = |x: i32, y: i32, c: [u8; 3]| {
            if (0..FIGURE as i32).contains(&x) && (0..FIGURE as i32).contains(&y) {
                cell[y as usize][x as usize] = Some(c);
            }
        };
        // Standing figures are drawn upright in columns 4..16; the lying one across the bottom.
        let body = |put: &mut dyn FnMut(i32, i32, [u8; 3]), tx: &dyn Fn(i32, i32) -> (i32, i32)| {
            let mut p = |x: i32, y: i32, c: [u8; 3]| {
                let (a, b) = tx(x, y);
                put(a, b, c);
            };
            for x in 7..13 {
                for y in 0..3 {
                    p(x, y, hat);
                }
            }
            for x in 6..14 {
                p(x, 3, dark(hat));
            }
            for x in 7..13 {
                for y in 4..8 {
                    p(x, y, skin);
                }
            }
            p(8, 5, [40, 30, 30]);
            p(11, 5, [40, 30, 30]);
            if beard {
                for x in 7..13 {
                    p(x, 7, dark(dark(hat)));
                }
                for x in 8..12 {
                    p(x, 8, dark(dark(hat)));
                }
            }
            for x in 6..14 {
                for y in 8..16 {
                    p(x, y, if y == 12 { dark(coat) } else { coat });
                }
            }
            for y in 9..15 {
                p(5, y, dark(coat));
                p(14, y, dark(coat));
            }
            p(5, 15, skin);
            p(14, 15, skin);
        };
        let step = match frame {
            1 => 1,
            3 => -1,
            _ => 0,
        };
        if frame == LYING {
            // On the ground, head to the left: (x, y) of the standing figure turned a quarter.
            body(&mut put, &|x, y| (y + 1, 19 - (x - 4)));
            for y in 11..15 {
                put(18, y, [50, 40, 35]);
            }
        } else {
            body(&mut put, &|x, y| (x, y));
            // Legs: apart mid-stride, together between.
            let (l, r) = (7 - step, 11 + step);
            for y in 16..19 {
                put(l, y, dark(dark(coat)));
                put(l + 1, y, dark(dark(coat)));
                put(r, y, dark(dark(coat)));
                put(r + 1, y, dark(dark(coat)));
            }
            for x in [l, l + 1, r, r + 1] {
                put(x, 19, [35, 28, 24]);
            }
        }
        for y in 0..FIGURE as i32 {
            for x in 0..FIGURE as i32 {
                let filled = |a: i32, b: i32| {
                    (0..FIGURE as i32).contains(&a)
                        && (0..FIGURE as i32).contains(&b)
                        && cell[b as usize][a as usize].is_some()
                };
                let c = match cell[y as usize][x as usize] {
                    Some(c) => [c[0], c[1], c[2], 255],
                    None if filled(x - 1, y) || filled(x + 1, y) || filled(x, y - 1) || filled(x, y + 1) => {
                        [20, 18, 22, 220]
                    }
                    None => [0, 0, 0, 0],
                };
                let at = ((y as u32 * w + frame * FIGURE + x as u32) * 4) as usize;
                px[at..at + 4].copy_from_slice(&c);
            }
        }
    }
    (w, h, px)
}
