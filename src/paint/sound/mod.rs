//! The game's sounds, synthesised from noise, filters and sine partials: pure samples, no engine
//! types. `soundgen` encodes them as Ogg Vorbis into `assets/audio`, as `tilegen` paints tiles.

mod dsp;
mod music;
mod voices;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::paint::sound::music::*;
use crate::paint::sound::voices::*;

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
