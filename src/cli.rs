//! Command-line flags of `the-way-back`.

use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use crate::sim::model::hardship::Difficulty;
use crate::states::Stage;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Json,
}

/// The Way Back: lead a group of escaped prisoners from a Siberian camp to India.
#[derive(Debug, Clone, Parser)]
#[command(name = "the-way-back", version, about, long_about = None)]
pub struct Cli {
    /// Run the simulation without a window or GPU, as fast as it goes.
    #[arg(long)]
    pub headless: bool,

    /// Seed of the run: the same seed and flags give the same journey, map for map. Headless
    /// runs use 1 unless given; in the window each new journey has a fresh one unless given.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Let the built-in player play: it walks the group to each way out and camps at night.
    #[arg(long)]
    pub autoplay: bool,

    /// Read the level files from this folder instead of the ones built into the game.
    #[arg(long, value_name = "DIR")]
    pub levels: Option<PathBuf>,

    /// At the end of a headless run, print a report of the journey on standard output.
    #[arg(long, value_name = "FORMAT", requires = "headless")]
    pub report: Option<ReportFormat>,

    /// How many times faster than normal time runs in the window (1 to 50).
    #[arg(long, value_name = "X", default_value_t = 1.0, value_parser = parse_speed)]
    pub speed: f32,

    /// Start the journey in this stage (camp, taiga, baikal, border, mongolia, gobi, himalaya,
    /// monastery, india, epilogue), with the group as it set out: for trying a stage out.
    #[arg(long, value_name = "STAGE", default_value = "camp", value_parser = parse_stage)]
    pub stage: Stage,

    /// Time this many frames of a stormy night with a fire in the chosen stage, print the frame
    /// times and quit (a benchmark of the renderer; not with --headless).
    #[arg(long, value_name = "N", conflicts_with = "headless", value_parser = clap::value_parser!(u32).range(10..=100000))]
    pub bench_frames: Option<u32>,

    /// Play an input script (key presses, waits, screenshots) in the window: for end-to-end
    /// tests. The format is in `src/game/replay.rs`.
    #[arg(long, value_name = "FILE", conflicts_with = "headless")]
    pub replay: Option<PathBuf>,

    /// Where the replay's screenshots go.
    #[arg(long, value_name = "DIR", default_value = "screenshots/replay", requires = "replay")]
    pub replay_out: PathBuf,

    /// Keep this journey's saves even though it is a trial (--replay, --stage, --levels), which
    /// otherwise leave the saved journey alone. A benchmark never saves.
    #[arg(long, conflicts_with_all = ["headless", "bench_frames"])]
    pub save: bool,

    /// Fail on purpose a few seconds in: for testing what a player sees when the game fails.
    #[arg(long, hide = true, conflicts_with = "headless")]
    pub crash_test: bool,

    /// How hard the journey is: story, normal or as-it-was. In the window it is chosen on the
    /// title and remembered; given here, every new journey of this run has it.
    #[arg(long, value_name = "SETTING", value_parser = parse_difficulty)]
    pub difficulty: Option<Difficulty>,

    /// Stop a headless run after this many in-game days if the journey has not ended.
    #[arg(long, value_name = "DAYS", default_value_t = 400, requires = "headless")]
    pub max_days: u32,
}

fn parse_stage(s: &str) -> Result<Stage, String> {
    Stage::ALL.into_iter().find(|st| st.name().eq_ignore_ascii_case(s)).ok_or_else(|| {
        let names: Vec<String> = Stage::ALL.iter().map(|st| st.name().to_lowercase()).collect();
        format!("`{s}` is not a stage; one of: {}", names.join(", "))
    })
}

fn parse_difficulty(s: &str) -> Result<Difficulty, String> {
    Difficulty::from_name(s).ok_or_else(|| format!("`{s}` is not a difficulty; one of: story, normal, as-it-was"))
}

fn parse_speed(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (1.0..=50.0).contains(&v) { Ok(v) } else { Err(format!("{v} is not between 1 and 50")) }
}

impl Cli {
    /// Why the journey this command line plays is not saved over the player's saved journey:
    /// only a real journey is, or a trial asked to with `--save`. `None`: it is saved.
    pub fn not_saved(&self) -> Option<String> {
        if self.bench_frames.is_some() {
            return Some("a benchmark never saves".into());
        }
        if self.save {
            return None;
        }
        let trial = if self.replay.is_some() {
            "a replayed script"
        } else if self.stage != Stage::Camp {
            "a trial of one stage (--stage)"
        } else if self.levels.is_some() {
            "a trial of other level files (--levels)"
        } else {
            return None;
        };
        Some(format!("{trial} is not saved unless asked with --save"))
    }
}
