//! The game's sounds, synthesised from noise, filters and sine partials: pure samples, no engine
//! types. `soundgen` encodes them as Ogg Vorbis into `assets/audio`, as `tilegen` paints tiles.

use std::f32::consts::{PI, TAU};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Samples per second of every sound.
pub const RATE: u32 = 44_100;

/// Every sound the game plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SoundId {
    /// Wind over open ground, a loop; louder as the wind rises.
    Wind,
    /// A blizzard's howl, a loop.
    Storm,
    /// Dry wind and blown sand in the steppe and the Gobi, a loop.
    Desert,
    /// Waves on Baikal's shingle, a loop.
    Lake,
    /// A campfire's roar and crackle, a loop.
    Fire,
    StepSnow,
    StepSand,
    StepGround,
    /// A button pressed.
    Click,
    /// A question asked: a dialog opens.
    Open,
    /// Something happened: a message in the log.
    Message,
    /// Music: the title.
    Title,
    /// Music: a new stage of the journey begins.
    Stage,
    /// Music: someone died.
    Loss,
    /// Music: India, or the end of the journey.
    Home,
}

impl SoundId {
    pub const ALL: [SoundId; 15] = [
        SoundId::Wind,
        SoundId::Storm,
        SoundId::Desert,
        SoundId::Lake,
        SoundId::Fire,
        SoundId::StepSnow,
        SoundId::StepSand,
        SoundId::StepGround,
        SoundId::Click,
        SoundId::Open,
        SoundId::Message,
        SoundId::Title,
        SoundId::Stage,
        SoundId::Loss,
        SoundId::Home,
    ];

    /// The file name in `assets/audio`, without `.ogg`.
    pub fn name(self) -> &'static str {
        match self {
            SoundId::Wind => "wind",
            SoundId::Storm => "storm",
            SoundId::Desert => "desert",
            SoundId::Lake => "lake",
            SoundId::Fire => "fire",
            SoundId::StepSnow => "step_snow",
            SoundId::StepSand => "step_sand",
            SoundId::StepGround => "step_ground",
            SoundId::Click => "click",
            SoundId::Open => "open",
            SoundId::Message => "message",
            SoundId::Title => "music_title",
            SoundId::Stage => "music_stage",
            SoundId::Loss => "music_loss",
            SoundId::Home => "music_home",
        }
    }

    /// The asset path the game loads.
    pub fn path(self) -> String {
        format!("audio/{}.ogg", self.name())
    }

    /// Ambience that plays on and on: its end runs into its start without a click.
    pub fn looped(self) -> bool {
        matches!(self, SoundId::Wind | SoundId::Storm | SoundId::Desert | SoundId::Lake | SoundId::Fire)
    }

    /// The samples, mono at `RATE`, within -1..1. The same every time.
    pub fn synthesise(self) -> Vec<f32> {
        let mut rng = ChaCha8Rng::seed_from_u64(self as u64 + 0x5701);
        let samples = match self {
            SoundId::Wind => wind(&mut rng),
            SoundId::Storm => storm(&mut rng),
            SoundId::Desert => desert(&mut rng),
            SoundId::Lake => lake(&mut rng),
            SoundId::Fire => fire(&mut rng),
            SoundId::StepSnow => step_snow(&mut rng),
            SoundId::StepSand => step_sand(&mut rng),
            SoundId::StepGround => step_ground(&mut rng),
            SoundId::Click => click(),
            SoundId::Open => chime(&[(0.0, 659.25), (0.11, 987.77)], 1.2),
            SoundId::Message => chime(&[(0.0, 440.0)], 0.6),
            SoundId::Title => music(&TITLE, 76.0, &[146.83, 220.0], 1.0),
            SoundId::Stage => music(&STAGE, 84.0, &[146.83, 220.0], 1.0),
            SoundId::Loss => music(&LOSS, 60.0, &[73.42, 110.0], 0.5),
            SoundId::Home => music(&HOME, 72.0, &[146.83, 220.0, 293.66], 1.0),
        };
        if self.looped() { normalise_rms(samples, 0.18) } else { normalise_peak(samples, 0.8) }
    }
}

/// Seconds of every ambience loop.
const LOOP_S: f32 = 8.0;
/// Seconds over which a loop's overshoot is faded into its start.
const SEAM_S: f32 = 0.5;

fn secs(s: f32) -> usize {
    (s * RATE as f32) as usize
}

fn white(rng: &mut ChaCha8Rng) -> f32 {
    rng.random::<f32>() * 2.0 - 1.0
}

/// A second-order filter (the audio EQ cookbook's biquads).
#[derive(Clone, Copy)]
struct Biquad {
    b0: f32,
    b1: f32,
    b2: f32,
    a1: f32,
    a2: f32,
    z1: f32,
    z2: f32,
}

#[derive(Clone, Copy)]
enum Shape {
    Low,
    High,
    Band,
}

impl Biquad {
    fn new(shape: Shape, freq: f32, q: f32) -> Self {
        let mut f = Biquad { b0: 0.0, b1: 0.0, b2: 0.0, a1: 0.0, a2: 0.0, z1: 0.0, z2: 0.0 };
        f.tune(shape, freq, q);
        f
    }

    /// New coefficients, the state kept: a sweeping filter does not click.
    fn tune(&mut self, shape: Shape, freq: f32, q: f32) {
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

    fn run(&mut self, x: f32) -> f32 {
        let y = self.b0 * x + self.z1;
        self.z1 = self.b1 * x - self.a1 * y + self.z2;
        self.z2 = self.b2 * x - self.a2 * y;
        y
    }
}

/// Noise with most of its energy low, like wind in the ears (a leaky integral of white noise).
struct Brown(f32);

impl Brown {
    fn run(&mut self, rng: &mut ChaCha8Rng) -> f32 {
        self.0 = self.0 * 0.995 + white(rng) * 0.1;
        self.0
    }
}

/// A slow swell between 0 and 1 that repeats exactly every loop: sines with whole numbers of
/// cycles per loop, at random phases.
fn swell(rng: &mut ChaCha8Rng, cycles: &[f32]) -> impl Fn(usize) -> f32 + use<> {
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
fn seamless(raw: Vec<f32>) -> Vec<f32> {
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

fn loop_len() -> usize {
    secs(LOOP_S) + secs(SEAM_S)
}

fn wind(rng: &mut ChaCha8Rng) -> Vec<f32> {
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

fn storm(rng: &mut ChaCha8Rng) -> Vec<f32> {
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

fn desert(rng: &mut ChaCha8Rng) -> Vec<f32> {
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

fn lake(rng: &mut ChaCha8Rng) -> Vec<f32> {
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

fn fire(rng: &mut ChaCha8Rng) -> Vec<f32> {
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

fn step_snow(rng: &mut ChaCha8Rng) -> Vec<f32> {
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

fn step_sand(rng: &mut ChaCha8Rng) -> Vec<f32> {
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

fn step_ground(rng: &mut ChaCha8Rng) -> Vec<f32> {
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

fn click() -> Vec<f32> {
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
fn chime(notes: &[(f32, f32)], len: f32) -> Vec<f32> {
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

/// A melody: (semitones from D4, beats); a negative pitch is a rest.
type Tune = [(i32, f32)];

const REST: i32 = -99;
/// Slow and questioning, in D minor: the camp, the snow, the road ahead.
const TITLE: [(i32, f32); 11] =
    [(0, 1.0), (3, 1.0), (5, 1.0), (7, 2.0), (10, 1.0), (8, 0.5), (7, 0.5), (5, 1.0), (3, 1.0), (2, 1.0), (0, 3.0)];
/// A rising call: the next stretch of the way.
const STAGE: [(i32, f32); 5] = [(0, 0.5), (5, 0.5), (7, 1.0), (REST, 0.25), (12, 2.5)];
/// Falling, an octave down: someone is left behind for good.
const LOSS: [(i32, f32); 8] = [(7, 1.5), (5, 1.0), (3, 1.0), (2, 1.0), (0, 1.5), (-2, 1.0), (-5, 1.0), (0, 3.0)];
/// The same opening as the title, resolved into D major.
const HOME: [(i32, f32); 9] =
    [(0, 1.0), (4, 1.0), (7, 1.0), (12, 2.0), (11, 1.0), (7, 1.0), (9, 1.0), (11, 1.0), (12, 4.0)];

/// A bowed voice singing `tune` over a drone of `drone` Hz, in a reverberant room; `octave`
/// scales every pitch.
fn music(tune: &Tune, bpm: f32, drone: &[f32], octave: f32) -> Vec<f32> {
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
fn voice(out: &mut [f32], freq: f32, dur: f32) {
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
fn reverb(dry: &[f32]) -> Vec<f32> {
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

fn normalise_peak(mut s: Vec<f32>, peak: f32) -> Vec<f32> {
    let max = s.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    if max > 0.0 {
        s.iter_mut().for_each(|x| *x *= peak / max);
    }
    s
}

/// Loops are levelled by loudness, so the game's mix sets how loud each one is; no peak clips.
fn normalise_rms(mut s: Vec<f32>, rms: f32) -> Vec<f32> {
    let now = (s.iter().map(|x| x * x).sum::<f32>() / s.len() as f32).sqrt();
    let max = s.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    if now > 0.0 {
        let gain = (rms / now).min(0.98 / max);
        s.iter_mut().for_each(|x| *x *= gain);
    }
    s
}

/// Root mean square: how loud a sound is on average.
pub fn rms(samples: &[f32]) -> f32 {
    (samples.iter().map(|x| x * x).sum::<f32>() / samples.len().max(1) as f32).sqrt()
}
