//! The ambience (wind, storm, desert, lake, fire), the footsteps and the interface's sounds.

use std::f32::consts::TAU;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::paint::sound::RATE;
use crate::paint::sound::dsp::*;

pub(crate) fn wind(rng: &mut ChaCha8Rng) -> Vec<f32> {
    let gust = swell(rng, &[1.0, 3.0, 5.0]);
    let mut brown = Brown(0.0);
    let mut band = Biquad::new(Shape::Band, 300.0, 0.9);
    let mut low = Biquad::new(Shape::Low, 900.0, 0.7);
    let raw = (0..loop_len())
        .map(|i| {
            let g = gust(i);
            if i % 64 == 0 {
                band.tune(Shape::Band, 180.0 + 420.0 * g, 0.9);
            }
            let x = brown.run(rng);
            (band.run(x) * 2.0 + low.run(x) * 0.4) * (0.35 + 0.65 * g)
        })
        .collect();
    seamless(raw)
}

pub(crate) fn storm(rng: &mut ChaCha8Rng) -> Vec<f32> {
    let gust = swell(rng, &[2.0, 5.0, 7.0, 11.0]);
    let whistle = [swell(rng, &[3.0, 4.0]), swell(rng, &[2.0, 6.0]), swell(rng, &[5.0, 7.0])];
    const HOWLS: [f32; 3] = [330.0, 520.0, 760.0];
    let mut howls = HOWLS.map(|f| Biquad::new(Shape::Band, f, 9.0));
    let mut roar = Biquad::new(Shape::Low, 1600.0, 0.7);
    let raw = (0..loop_len())
        .map(|i| {
            let g = gust(i);
            if i % 32 == 0 {
                for ((f, h), base) in howls.iter_mut().zip(whistle.iter()).zip(HOWLS) {
                    f.tune(Shape::Band, base + 260.0 * h(i) + 140.0 * g, 9.0);
                }
            }
            let x = white(rng);
            let howl: f32 = howls.iter_mut().map(|f| f.run(x)).sum();
            (roar.run(x) * 0.5 + howl * 0.9) * (0.45 + 0.55 * g)
        })
        .collect();
    seamless(raw)
}

pub(crate) fn desert(rng: &mut ChaCha8Rng) -> Vec<f32> {
    let gust = swell(rng, &[1.0, 2.0, 5.0]);
    let mut high = Biquad::new(Shape::High, 700.0, 0.7);
    let mut low = Biquad::new(Shape::Low, 3600.0, 0.7);
    let mut tick = Biquad::new(Shape::Band, 4200.0, 2.0);
    let mut body = Biquad::new(Shape::Band, 500.0, 0.6);
    let mut brown = Brown(0.0);
    let raw = (0..loop_len())
        .map(|i| {
            let g = gust(i);
            let hiss = low.run(high.run(white(rng))) * (0.15 + 0.85 * g * g);
            // Sand grains ticking against the ground and the packs as the gusts carry them.
            let grain = tick.run(if rng.random::<f32>() < 0.003 * g { white(rng) * 3.0 } else { 0.0 });
            hiss + grain + body.run(brown.run(rng)) * 0.8 * g
        })
        .collect();
    seamless(raw)
}

pub(crate) fn lake(rng: &mut ChaCha8Rng) -> Vec<f32> {
    let len = loop_len();
    let mut rumble = Biquad::new(Shape::Low, 500.0, 0.7);
    let mut wash = Biquad::new(Shape::Band, 2800.0, 0.5);
    let mut brown = Brown(0.0);
    // Three waves a loop, not quite evenly: each swells in, breaks, and drags back over the
    // shingle.
    let waves: Vec<f32> = (0..4).map(|k| k as f32 * LOOP_S / 3.0 + rng.random::<f32>() * 0.4 - 1.2).collect();
    let hump = |t: f32, at: f32| {
        let d = t - at;
        if d < 0.0 { (-(d / 0.7).powi(2)).exp() } else { (-d / 1.1).exp() }
    };
    let raw = (0..len)
        .map(|i| {
            let t = i as f32 / RATE as f32;
            let swell: f32 = waves.iter().map(|&at| hump(t, at) + hump(t - LOOP_S, at)).sum();
            let drag: f32 = waves.iter().map(|&at| hump(t, at + 0.45) + hump(t - LOOP_S, at + 0.45)).sum();
            let x = white(rng);
            rumble.run(brown.run(rng)) * (0.25 + 0.6 * swell) + wash.run(x) * 0.5 * drag
        })
        .collect();
    seamless(raw)
}

pub(crate) fn fire(rng: &mut ChaCha8Rng) -> Vec<f32> {
    let len = loop_len();
    let flutter = swell(rng, &[3.0, 7.0, 13.0]);
    let mut roar = Biquad::new(Shape::Low, 260.0, 0.7);
    let mut brown = Brown(0.0);
    let mut raw: Vec<f32> = (0..len).map(|i| roar.run(brown.run(rng)) * (0.5 + 0.5 * flutter(i))).collect();
    // Crackles: short, bright bursts at random, now and then a pop of sap.
    let mut t = 0usize;
    while t < len {
        t += secs(-((1.0 - rng.random::<f32>()).ln()) / 11.0);
        let pop = rng.random::<f32>() < 0.08;
        let freq = if pop { 500.0 + rng.random::<f32>() * 500.0 } else { 1800.0 + rng.random::<f32>() * 3500.0 };
        let amp = if pop { 0.9 } else { 0.15 + rng.random::<f32>().powi(3) * 0.6 };
        let decay = if pop { 0.012 } else { 0.002 + rng.random::<f32>() * 0.004 };
        let mut f = Biquad::new(Shape::Band, freq, 1.5);
        for k in 0..secs(decay * 6.0) {
            if let Some(s) = raw.get_mut(t + k) {
                *s += f.run(white(rng)) * amp * (-(k as f32) / (decay * RATE as f32)).exp() * 3.0;
            }
        }
    }
    seamless(raw)
}

pub(crate) fn step_snow(rng: &mut ChaCha8Rng) -> Vec<f32> {
    let mut out = vec![0.0; secs(0.3)];
    let mut band = Biquad::new(Shape::Band, 2600.0, 0.8);
    // The crunch is many small collapses of crust, most of them as the heel lands.
    for _ in 0..70 {
        let at = secs(rng.random::<f32>().powi(2) * 0.17);
        let amp = rng.random::<f32>() * (1.0 - at as f32 / secs(0.2) as f32).max(0.1);
        for k in 0..secs(0.004) {
            out[at + k] += white(rng) * amp * (1.0 - k as f32 / secs(0.004) as f32);
        }
    }
    let mut thump = Biquad::new(Shape::Low, 180.0, 0.7);
    for (i, s) in out.iter_mut().enumerate() {
        let env = (-(i as f32) / secs(0.03) as f32).exp();
        *s = band.run(*s) + thump.run(white(rng)) * env * 0.8;
    }
    out
}

pub(crate) fn step_sand(rng: &mut ChaCha8Rng) -> Vec<f32> {
    let mut low = Biquad::new(Shape::Low, 1700.0, 0.6);
    let mut high = Biquad::new(Shape::High, 250.0, 0.6);
    (0..secs(0.28))
        .map(|i| {
            let t = i as f32 / RATE as f32;
            let env = (t / 0.025).min(1.0) * (-(t - 0.025).max(0.0) / 0.07).exp();
            low.run(high.run(white(rng))) * env
        })
        .collect()
}

pub(crate) fn step_ground(rng: &mut ChaCha8Rng) -> Vec<f32> {
    let mut low = Biquad::new(Shape::Low, 900.0, 0.7);
    (0..secs(0.22))
        .map(|i| {
            let t = i as f32 / RATE as f32;
            let thud = (TAU * 85.0 * t).sin() * (-t / 0.035).exp();
            let scuff = low.run(white(rng)) * (t / 0.01).min(1.0) * (-t / 0.05).exp();
            thud + scuff * 0.7
        })
        .collect()
}

pub(crate) fn click() -> Vec<f32> {
    let mut phase = 0.0f32;
    (0..secs(0.07))
        .map(|i| {
            let t = i as f32 / RATE as f32;
            phase += TAU * (1500.0 + 900.0 * (-t / 0.01).exp()) / RATE as f32;
            (phase.sin() + 0.3 * (2.0 * phase).sin()) * (-t / 0.012).exp()
        })
        .collect()
}

/// Struck notes, `(start s, Hz)`, with a bell's inharmonic partials, ringing out over `len` s.
pub(crate) fn chime(notes: &[(f32, f32)], len: f32) -> Vec<f32> {
    (0..secs(len))
        .map(|i| {
            let t = i as f32 / RATE as f32;
            notes
                .iter()
                .filter(|(at, _)| t >= *at)
                .map(|&(at, f)| {
                    let d = t - at;
                    let strike = (d / 0.004).min(1.0);
                    [(1.0, 1.0, 0.45), (2.76, 0.4, 0.18), (5.4, 0.2, 0.08)]
                        .iter()
                        .map(|(ratio, amp, decay)| (TAU * f * ratio * d).sin() * amp * (-d / decay).exp())
                        .sum::<f32>()
                        * strike
                })
                .sum()
        })
        .collect()
}
