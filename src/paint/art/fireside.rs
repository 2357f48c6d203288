//! The pictures over two scenes of the story: the group sitting round a fire at night, the one
//! who speaks nearest the flames, everyone lit by them and the dark behind; and the search at
//! dawn, the searchers looking out over the land where someone's tracks go off and fade.

use crate::paint::art::{FIGURE, figure_sheet};

/// The picture's size in pixels (shown scaled up, pixel for pixel).
pub const FIRESIDE_W: u32 = 224;
pub const FIRESIDE_H: u32 = 72;

/// Someone at the fire: their coat, hat and skin colours and whether they wear a beard.
#[derive(Debug, Clone, Copy)]
pub struct Sitter {
    pub coat: [u8; 3],
    pub hat: [u8; 3],
    pub skin: [u8; 3],
    pub beard: bool,
}

/// Paints the fire with `sitters` round it, `speaker` (an index into them) nearest it, on
/// `ground` (the colour of the land by day: snow, grass or sand). Returns width, height, RGBA.
pub fn fireside_picture(sitters: &[Sitter], speaker: Option<usize>, ground: [u8; 3]) -> (u32, u32, Vec<u8>) {
    let (w, h) = (FIRESIDE_W as i32, FIRESIDE_H as i32);
    let mut px = vec![0u8; (w * h * 4) as usize];
    let fire = (w / 2, h * 3 / 4);
    let horizon = h * 2 / 5;
    // How much of the fire's light reaches a spot: falls off over about ninety pixels.
    let light = |x: i32, y: i32| {
        let d = (((x - fire.0) as f32).powi(2) + (((y - fire.1) as f32) * 1.6).powi(2)).sqrt();
        (1.0 - d / 95.0).clamp(0.0, 1.0).powf(1.4)
    };
    for y in 0..h {
        for x in 0..w {
            let l = light(x, y);
            let base = if y < horizon {
                // The night sky, a little lighter toward the horizon.
                let t = y as f32 / horizon as f32;
                [6.0 + 10.0 * t, 8.0 + 12.0 * t, 20.0 + 18.0 * t]
            } else {
                // The ground by night: its own colour, nearly all of it gone.
                ground.map(|c| c as f32 * 0.16)
            };
            let lit = [base[0] + 235.0 * l, base[1] + 120.0 * l, base[2] + 45.0 * l];
            put(&mut px, w, x, y, lit.map(|c| c.min(255.0) as u8), 255);
        }
    }
    // Round the fire: the speaker at the near left, three more on the near side and at the
    // ends, the rest across the fire from them.
    const NEAR: [(i32, i32); 4] = [(-34, 10), (34, 10), (-80, 4), (80, 4)];
    let order: Vec<usize> = speaker.into_iter().chain((0..sitters.len()).filter(|i| Some(*i) != speaker)).collect();
    let far = order.len().saturating_sub(NEAR.len()) as i32;
    let mut places: Vec<(usize, (i32, i32))> = order
        .iter()
        .enumerate()
        .map(|(k, i)| {
            let (dx, dy) = NEAR.get(k).copied().unwrap_or_else(|| {
                let j = (k - NEAR.len()) as i32;
                (if far > 1 { -58 + 116 * j / (far - 1) } else { 0 }, -12)
            });
            (*i, (fire.0 + dx, fire.1 + dy))
        })
        .collect();
    // Those further back first, so nearer ones are drawn over them; the fire between.
    places.sort_by_key(|(_, (_, y))| *y);
    let mut fire_drawn = false;
    for (i, (x, y)) in places {
        if !fire_drawn && y > fire.1 {
            paint_flames(&mut px, w, fire);
            fire_drawn = true;
        }
        let s = sitters[i];
        let (sw, _, sheet) = figure_sheet(s.coat, s.hat, s.skin, s.beard);
        let bright = if Some(i) == speaker { 0.25 } else { 0.0 };
        let f = FIGURE as i32;
        // Sitting: the legs folded out of sight, the seat on the ground where they are.
        let seated = f - 6;
        for fy in 0..seated {
            for fx in 0..f {
                let at = ((fy * sw as i32 + fx) * 4) as usize;
                let a = sheet[at + 3];
                if a == 0 {
                    continue;
                }
                // Facing the fire: those on the left look right, those on the right look left.
                let flip = x > fire.0;
                let dx = if flip { f - 1 - fx } else { fx };
                let (px_x, px_y) = (x - f / 2 + dx, y - seated + fy);
                let l = (light(px_x, px_y) * 1.2 + bright + 0.12).min(1.3);
                let c = [sheet[at] as f32 * l * 1.05, sheet[at + 1] as f32 * l * 0.85, sheet[at + 2] as f32 * l * 0.6];
                put(&mut px, w, px_x, px_y, c.map(|v| v.min(255.0) as u8), a);
            }
        }
    }
    if !fire_drawn {
        paint_flames(&mut px, w, fire);
    }
    (FIRESIDE_W, FIRESIDE_H, px)
}

/// Paints the dawn search: `searchers` at the near edge, looking out over `ground` where the
/// missing one's tracks go off toward the horizon, fainter with distance and, by `filled` (0 to
/// 1: how much the night's snow or wind has filled them), gone sooner. Returns width, height,
/// RGBA.
pub fn dawn_search_picture(searchers: &[Sitter], ground: [u8; 3], filled: f32) -> (u32, u32, Vec<u8>) {
    let (w, h) = (FIRESIDE_W as i32, FIRESIDE_H as i32);
    let mut px = vec![0u8; (w * h * 4) as usize];
    let horizon = h * 2 / 5;
    for y in 0..h {
        for x in 0..w {
            let c = if y < horizon {
                // First light: grey-blue overhead, a band of rose low down.
                let t = y as f32 / horizon as f32;
                [70.0 + 150.0 * t * t, 80.0 + 90.0 * t * t, 110.0 + 40.0 * t]
            } else {
                // The land in the flat light before sunrise, bluer far off.
                let t = (y - horizon) as f32 / (h - horizon) as f32;
                let g = ground.map(|c| c as f32);
                [g[0] * (0.5 + 0.3 * t), g[1] * (0.52 + 0.3 * t), g[2] * (0.6 + 0.28 * t)]
            };
            put(&mut px, w, x, y, c.map(|v| v.min(255.0) as u8), 255);
        }
    }
    // The far edge of the land: a ragged dark line of trees or hills against the dawn.
    for x in 0..w {
        let rise = 1 + (x * 7 + x / 5 * 3).rem_euclid(5) / 2;
        for y in horizon - rise..horizon + 1 {
            put(&mut px, w, x, y, [38, 44, 52], 255);
        }
    }
    // The tracks: from beside the searchers off to the horizon, wandering, a print a step.
    let (mut x, mut y) = (w as f32 * 0.6, h as f32 - 3.0);
    let mut step = 0;
    while y > horizon as f32 + 1.0 {
        let far = (h as f32 - y) / (h - horizon) as f32;
        let seen = (1.0 - far * 1.3 - filled).clamp(0.0, 1.0);
        if seen > 0.0 {
            let side = if step % 2 == 0 { 1 } else { -1 };
            let shade = ground.map(|c| c as f32 * 0.3);
            let a = (255.0 * seen) as u8;
            // Nearer prints are bigger.
            let size = if far < 0.4 { 2 } else { 1 };
            for dx in 0..size {
                put(&mut px, w, x as i32 + side * 2 + dx, y as i32, shade.map(|v| v as u8), a);
            }
        }
        // Perspective: the steps shorten toward the horizon; the trail wanders.
        y -= 3.0 * (1.0 - far * 0.8);
        x += (step as f32 * 0.7).sin() * 2.2 + 0.9;
        step += 1;
    }
    // The searchers, side by side at the near edge, seen from behind.
    let f = FIGURE as i32;
    for (i, s) in searchers.iter().enumerate() {
        let (sw, _, sheet) = figure_sheet(s.coat, s.hat, s.skin, s.beard);
        let cx = w / 2 - 30 - (searchers.len() as i32 * 13) / 2 + i as i32 * 13;
        for fy in 0..f {
            for fx in 0..f {
                let at = ((fy * sw as i32 + fx) * 4) as usize;
                if sheet[at + 3] == 0 {
                    continue;
                }
                let c = [sheet[at] as f32 * 0.7, sheet[at + 1] as f32 * 0.7, sheet[at + 2] as f32 * 0.8];
                put(&mut px, w, cx - f / 2 + fx, h - f + fy + 2, c.map(|v| v as u8), sheet[at + 3]);
            }
        }
    }
    (FIRESIDE_W, FIRESIDE_H, px)
}

/// The fire itself: logs, embers and a few tongues of flame.
fn paint_flames(px: &mut [u8], w: i32, (cx, cy): (i32, i32)) {
    for dx in -6..=6 {
        put(px, w, cx + dx, cy + 1, [70, 40, 22], 255);
        put(px, w, cx + dx / 2, cy + 2, [55, 32, 18], 255);
    }
    for dy in 0..12i32 {
        let half: i32 = (6 - dy / 2).max(0);
        for dx in -half..=half {
            let core = dx.abs() < half / 2 + 1 && dy < 8;
            let c = if core { [255, 226, 120] } else { [240, 120, 36] };
            // A ragged edge: a flame is not a triangle.
            if (dx * 7 + dy * 3).rem_euclid(5) == 0 && dx.abs() == half {
                continue;
            }
            put(px, w, cx + dx, cy - dy, c, 255);
        }
    }
}

fn put(px: &mut [u8], w: i32, x: i32, y: i32, c: [u8; 3], a: u8) {
    let h = px.len() as i32 / 4 / w;
    if x < 0 || y < 0 || x >= w || y >= h {
        return;
    }
    let i = ((y * w + x) * 4) as usize;
    let t = a as f32 / 255.0;
    for k in 0..3 {
        px[i + k] = (px[i + k] as f32 * (1.0 - t) + c[k] as f32 * t) as u8;
    }
    px[i + 3] = 255;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sitter() -> Sitter {
        Sitter { coat: [90, 80, 70], hat: [60, 50, 40], skin: [200, 160, 130], beard: true }
    }

    fn at(px: &[u8], x: i32, y: i32) -> [u8; 3] {
        let i = ((y * FIRESIDE_W as i32 + x) * 4) as usize;
        [px[i], px[i + 1], px[i + 2]]
    }

    #[test]
    fn the_fire_lights_the_middle_and_the_night_keeps_the_edges() {
        let (w, h, px) = fireside_picture(&[sitter(), sitter(), sitter()], Some(1), [230, 235, 240]);
        assert_eq!((w, h), (FIRESIDE_W, FIRESIDE_H));
        let sum = |c: [u8; 3]| c.iter().map(|v| *v as u32).sum::<u32>();
        let near = sum(at(&px, w as i32 / 2 + 12, h as i32 * 3 / 4 + 4));
        let far = sum(at(&px, 2, h as i32 - 2));
        assert!(near > far * 3, "firelit ground {near} against the dark {far}");
        // The flames are bright and warm.
        let flame = at(&px, w as i32 / 2, h as i32 * 3 / 4 - 3);
        assert!(flame[0] > 230 && flame[0] > flame[2], "{flame:?}");
    }

    #[test]
    fn the_night_fills_the_tracks_of_the_missing() {
        let snow = [230, 235, 240];
        let clear = dawn_search_picture(&[sitter(), sitter()], snow, 0.0).2;
        let filled = dawn_search_picture(&[sitter(), sitter()], snow, 1.0).2;
        let bare = dawn_search_picture(&[], snow, 1.0).2;
        let changed = |a: &[u8], b: &[u8]| a.chunks(4).zip(b.chunks(4)).filter(|(p, q)| p != q).count();
        assert!(changed(&clear, &filled) > 10, "fresh tracks show; filled ones do not");
        assert!(changed(&filled, &bare) > 40, "the searchers stand at the near edge");
    }

    #[test]
    fn everyone_is_drawn_round_the_fire() {
        let empty = fireside_picture(&[], None, [230, 235, 240]).2;
        let one = fireside_picture(&[sitter()], Some(0), [230, 235, 240]).2;
        let many = fireside_picture(&[sitter(); 7], Some(3), [230, 235, 240]).2;
        let changed = |a: &[u8], b: &[u8]| a.chunks(4).zip(b.chunks(4)).filter(|(p, q)| p != q).count();
        let by_one = changed(&empty, &one);
        let by_seven = changed(&empty, &many);
        assert!(by_one > 40, "one sitter draws a figure: {by_one} pixels");
        assert!(by_seven > by_one * 4, "seven sitters draw seven figures: {by_seven} against {by_one}");
    }
}
