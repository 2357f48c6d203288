//! The music: melodies sung by a bowed voice over a drone, in a small room.

use std::f32::consts::TAU;

use crate::paint::sound::RATE;
use crate::paint::sound::dsp::*;

/// A melody: (semitones from D4, beats); a negative pitch is a rest.
pub(crate) type Tune = [(i32, f32)];

pub(crate) const REST: i32 = -99;
/// Slow and questioning, in D minor: the camp, the snow, the road ahead.
pub(crate) const TITLE: [(i32, f32); 11] =
    [(0, 1.0), (3, 1.0), (5, 1.0), (7, 2.0), (10, 1.0), (8, 0.5), (7, 0.5), (5, 1.0), (3, 1.0), (2, 1.0), (0, 3.0)];
/// A rising call: the next stretch of the way.
pub(crate) const STAGE: [(i32, f32); 5] = [(0, 0.5), (5, 0.5), (7, 1.0), (REST, 0.25), (12, 2.5)];
/// Falling, an octave down: someone is left behind for good.
pub(crate) const LOSS: [(i32, f32); 8] =
    [(7, 1.5), (5, 1.0), (3, 1.0), (2, 1.0), (0, 1.5), (-2, 1.0), (-5, 1.0), (0, 3.0)];
/// The same opening as the title, resolved into D major.
pub(crate) const HOME: [(i32, f32); 9] =
    [(0, 1.0), (4, 1.0), (7, 1.0), (12, 2.0), (11, 1.0), (7, 1.0), (9, 1.0), (11, 1.0), (12, 4.0)];

/// A bowed voice singing `tune` over a drone of `drone` Hz, in a reverberant room; `octave`
/// scales every pitch.
pub(crate) fn music(tune: &Tune, bpm: f32, drone: &[f32], octave: f32) -> Vec<f32> {
    let beat = 60.0 / bpm;
    let total: f32 = tune.iter().map(|(_, b)| b * beat).sum();
    let len = secs(total + 3.0);
    let mut out = vec![0.0f32; len];
    let mut at = 0.0;
    for &(pitch, beats) in tune {
        let dur = beats * beat;
        if pitch != REST {
            let freq = 293.66 * 2f32.powf(pitch as f32 / 12.0) * octave;
            voice(&mut out[secs(at)..], freq, dur);
        }
        at += dur;
    }
    for (i, s) in out.iter_mut().enumerate() {
        let t = i as f32 / RATE as f32;
        let env = (t / 1.5).min(1.0) * ((total + 1.0 - t) / 2.0).clamp(0.0, 1.0);
        let d: f32 = drone
            .iter()
            .enumerate()
            .map(|(k, f)| (TAU * f * t + k as f32).sin() * (1.0 + 0.1 * (TAU * 0.3 * t).sin()))
            .sum();
        *s += d * env * 0.12;
    }
    reverb(&out)
}

/// Adds one note: a few harmonics with a slight vibrato, swelling in and dying away.
pub(crate) fn voice(out: &mut [f32], freq: f32, dur: f32) {
    let mut phase = 0.0f32;
    let release = 0.35;
    let n = secs(dur + release).min(out.len());
    for (i, s) in out[..n].iter_mut().enumerate() {
        let t = i as f32 / RATE as f32;
        let vibrato = 1.0 + 0.004 * (TAU * 5.2 * t).sin() * (t / 0.4).min(1.0);
        phase += TAU * freq * vibrato / RATE as f32;
        let env = (t / 0.09).min(1.0) * if t > dur { (-(t - dur) / (release / 3.0)).exp() } else { 1.0 };
        let tone: f32 =
            (1..=6).map(|h| (phase * h as f32).sin() / (h * h) as f32 * if h == 2 { 1.6 } else { 1.0 }).sum();
        *s += tone * env * 0.35;
    }
}

/// A small room: four damped feedback combs into two all-passes, mixed under the dry sound.
pub(crate) fn reverb(dry: &[f32]) -> Vec<f32> {
    let combs = [1557usize, 1617, 1491, 1422];
    let mut wet = vec![0.0f32; dry.len()];
    for &d in &combs {
        let mut buf = vec![0.0f32; d];
        let mut low = 0.0f32;
        for (i, w) in wet.iter_mut().enumerate() {
            let out = buf[i % d];
            low = out * 0.75 + low * 0.25;
            buf[i % d] = dry[i] + low * 0.82;
            *w += out / combs.len() as f32;
        }
    }
    for &d in &[556usize, 441] {
        let mut buf = vec![0.0f32; d];
        for (i, w) in wet.iter_mut().enumerate() {
            let delayed = buf[i % d];
            let x = *w;
            *w = delayed - 0.5 * x;
            buf[i % d] = x + 0.5 * delayed;
        }
    }
    dry.iter().zip(&wet).map(|(d, w)| d * 0.8 + w * 0.45).collect()
}
