//! The noise fields a map is generated from, and thresholds by quantile.

use noise::{Fbm, MultiFractal, NoiseFn, Perlin, RidgedMulti};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::levels::Level;

/// Noise fields sampled over the map, each in roughly [-1, 1].
pub(crate) struct Fields {
    pub(crate) elevation: Vec<f64>,
    pub(crate) moisture: Vec<f64>,
    pub(crate) vegetation: Vec<f64>,
    pub(crate) ridges: Vec<f64>,
    /// Distance-like field that is 0 along winding lines: streams and riverbeds follow it.
    pub(crate) channels: Vec<f64>,
    pub(crate) detail: Vec<f64>,
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
    pub(crate) fn new(level: &Level, rng: &mut ChaCha8Rng) -> Fields {
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
pub(crate) fn quantile(values: &[f64], share: f32) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    let mut v = values.to_vec();
    let k = ((share.clamp(0.0, 1.0) as f64) * (v.len() - 1) as f64).round() as usize;
    let (_, x, _) = v.select_nth_unstable_by(k, |a, b| a.total_cmp(b));
    *x
}
