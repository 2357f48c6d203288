//! The synthesiser's parts: white and brown noise, the cookbook's biquad filters, slow swells
//! that loop exactly, seamless loops, and a small reverb.

use std::f32::consts::{PI, TAU};

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::paint::sound::RATE;

/// Seconds of every ambience loop.
pub(crate) const LOOP_S: f32 = 8.0;
/// Seconds over which a loop's overshoot is faded into its start.
pub(crate) const SEAM_S: f32 = 0.5;

pub(crate) fn secs(s: f32) -> usize {
    (s * RATE as f32) as usize
}

pub(crate) fn white(rng: &mut ChaCha8Rng) -> f32 {
    rng.random::<f32>() * 2.0 - 1.0
}

/// A second-order filter (the audio EQ cookbook's biquads).
#[derive(Clone, Copy)]
pub(crate) struct Biquad {
    b0: f32,
    b1: f32,
    b2: f32,
    a1: f32,
    a2: f32,
    z1: f32,
    z2: f32,
}

#[derive(Clone, Copy)]
pub(crate) enum Shape {
    Low,
    High,
    Band,
}

impl Biquad {
    pub(crate) fn new(shape: Shape, freq: f32, q: f32) -> Self {
        let mut f = Biquad { b0: 0.0, b1: 0.0, b2: 0.0, a1: 0.0, a2: 0.0, z1: 0.0, z2: 0.0 };
        f.tune(shape, freq, q);
        f
    }

    /// New coefficients, the state kept: a sweeping filter does not click.
    pub(crate) fn tune(&mut self, shape: Shape, freq: f32, q: f32) {
        let w = TAU * freq.clamp(10.0, RATE as f32 * 0.45) / RATE as f32;
        let (sin, cos) = w.sin_cos();
        let alpha = sin / (2.0 * q);
        let a0 = 1.0 + alpha;
        let (b0, b1, b2) = match shape {
            Shape::Low => ((1.0 - cos) / 2.0, 1.0 - cos, (1.0 - cos) / 2.0),
            Shape::High => ((1.0 + cos) / 2.0, -(1.0 + cos), (1.0 + cos) / 2.0),
            Shape::Band => (alpha, 0.0, -alpha),
        };
        self.b0 = b0 / a0;
        self.b1 = b1 / a0;
        self.b2 = b2 / a0;
        self.a1 = -2.0 * cos / a0;
        self.a2 = (1.0 - alpha) / a0;
    }

    pub(crate) fn run(&mut self, x: f32) -> f32 {
        let y = self.b0 * x + self.z1;
        self.z1 = self.b1 * x - self.a1 * y + self.z2;
        self.z2 = self.b2 * x - self.a2 * y;
        y
    }
}

/// Noise with most of its energy low, like wind in the ears (a leaky integral of white noise).
pub(crate) struct Brown(pub(crate) f32);

impl Brown {
    pub(crate) fn run(&mut self, rng: &mut ChaCha8Rng) -> f32 {
        self.0 = self.0 * 0.995 + white(rng) * 0.1;
        self.0
    }
}

/// A slow swell between 0 and 1 that repeats exactly every loop: sines with whole numbers of
/// cycles per loop, at random phases.
pub(crate) fn swell(rng: &mut ChaCha8Rng, cycles: &[f32]) -> impl Fn(usize) -> f32 + use<> {
    let parts: Vec<(f32, f32)> = cycles.iter().map(|&c| (c, rng.random::<f32>() * TAU)).collect();
    let len = secs(LOOP_S) as f32;
    move |i| {
        let t = i as f32 / len;
        let s: f32 = parts.iter().enumerate().map(|(k, (c, p))| (TAU * c * t + p).sin() / (k + 1) as f32).sum();
        let norm: f32 = (1..=parts.len()).map(|k| 1.0 / k as f32).sum();
        0.5 + 0.5 * s / norm
    }
}

/// Makes a loop of `LOOP_S` from `raw`, which runs `SEAM_S` longer: the overshoot is faded
/// into the start, so the last sample leads on to the first.
pub(crate) fn seamless(raw: Vec<f32>) -> Vec<f32> {
    let len = secs(LOOP_S);
    let fade = secs(SEAM_S);
    debug_assert_eq!(raw.len(), len + fade);
    let mut out = raw[..len].to_vec();
    for i in 0..fade {
        let t = i as f32 / fade as f32 * PI / 2.0;
        out[i] = raw[i] * t.sin() + raw[len + i] * t.cos();
    }
    out
}

pub(crate) fn loop_len() -> usize {
    secs(LOOP_S) + secs(SEAM_S)
}
