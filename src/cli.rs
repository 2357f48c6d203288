//! Command-line flags of `the-way-back`; in the browser, the page's address stands for them
//! (`?seed=3&stage=baikal`), read without clap, which the web build leaves out.

use std::path::PathBuf;

#[cfg(not(target_arch = "wasm32"))]
use clap::{Parser, ValueEnum};

use crate::sim::Executor;
use crate::sim::model::hardship::Difficulty;
use crate::states::Stage;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(ValueEnum))]
pub enum ReportFormat {
    Json,
}

/// What the frame-time benchmark looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(not(target_arch = "wasm32"), derive(ValueEnum))]
pub enum BenchView {
    /// The ground of a night's camp: the group goes down off the march if the stage starts
    /// on it.
    #[default]
    Ground,
    /// The march's painted map.
    March,
}

/// The Way Back: lead a group of escaped prisoners from a Siberian camp to India.
#[derive(Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Parser))]
#[cfg_attr(not(target_arch = "wasm32"), command(name = "the-way-back", version, about, long_about = None))]
pub struct Cli {
    /// Run the simulation without a window or GPU, as fast as it goes.
    #[cfg_attr(not(target_arch = "wasm32"), arg(long))]
    pub headless: bool,

    /// Seed of the run: the same seed and flags give the same journey, map for map. Headless
    /// runs use 1 unless given; in the window each new journey has a fresh one unless given.
    #[cfg_attr(not(target_arch = "wasm32"), arg(long, value_name = "N"))]
    pub seed: Option<u64>,

    /// Let the built-in player play: it walks the group to each way out and camps at night.
    #[cfg_attr(not(target_arch = "wasm32"), arg(long))]
    pub autoplay: bool,

    /// Read the level files from this folder instead of the ones built into the game.
    #[cfg_attr(not(target_arch = "wasm32"), arg(long, value_name = "DIR"))]
    pub levels: Option<PathBuf>,

    /// At the end of a headless run, print a report of the journey on standard output.
    #[cfg_attr(not(target_arch = "wasm32"), arg(long, value_name = "FORMAT", requires = "headless"))]
    pub report: Option<ReportFormat>,

    /// How many times faster than normal time runs in the window (1 to 50).
    #[cfg_attr(not(target_arch = "wasm32"), arg(long, value_name = "X", default_value_t = 1.0, value_parser = parse_speed))]
    pub speed: f32,

    /// Start the journey in this stage (camp, taiga, baikal, border, mongolia, gobi, himalaya,
    /// monastery, india, epilogue), with the group as it set out: for trying a stage out.
    #[cfg_attr(not(target_arch = "wasm32"), arg(long, value_name = "STAGE", default_value = "camp", value_parser = parse_stage))]
    pub stage: Stage,

    /// Time this many frames of a stormy night with a fire in the chosen stage, print the frame
    /// times and quit (a benchmark of the renderer; not with --headless).
    #[cfg_attr(not(target_arch = "wasm32"), arg(long, value_name = "N", conflicts_with = "headless", value_parser = clap::value_parser!(u32).range(10..=100000)))]
    pub bench_frames: Option<u32>,

    /// With --bench-frames: time the ground of a night's camp (ground) or the march's map
    /// (march).
    #[cfg_attr(
        not(target_arch = "wasm32"),
        arg(long, value_name = "VIEW", default_value = "ground", requires = "bench_frames")
    )]
    pub bench_view: BenchView,

    /// The window's size in pixels, WIDTHxHEIGHT.
    #[cfg_attr(not(target_arch = "wasm32"), arg(long, value_name = "WxH", default_value = "1280x720", value_parser = parse_window))]
    pub window: (u32, u32),

    /// Play an input script (key presses, waits, screenshots) in the window: for end-to-end
    /// tests. The format is in `src/game/replay.rs`.
    #[cfg_attr(not(target_arch = "wasm32"), arg(long, value_name = "FILE", conflicts_with = "headless"))]
    pub replay: Option<PathBuf>,

    /// Where the replay's screenshots go.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        arg(long, value_name = "DIR", default_value = "screenshots/replay", requires = "replay")
    )]
    pub replay_out: PathBuf,

    /// Keep this journey's saves even though it is a trial (--replay, --stage, --levels), which
    /// otherwise leave the saved journey alone. A benchmark never saves.
    #[cfg_attr(not(target_arch = "wasm32"), arg(long, conflicts_with_all = ["headless", "bench_frames"]))]
    pub save: bool,

    /// Fail on purpose a few seconds in: for testing what a player sees when the game fails.
    #[cfg_attr(not(target_arch = "wasm32"), arg(long, hide = true, conflicts_with = "headless"))]
    pub crash_test: bool,

    /// How hard the journey is: story, normal or as-it-was. In the window it is chosen on the
    /// title and remembered; given here, every new journey of this run has it.
    #[cfg_attr(not(target_arch = "wasm32"), arg(long, value_name = "SETTING", value_parser = parse_difficulty))]
    pub difficulty: Option<Difficulty>,

    /// Stop a headless run after this many in-game days if the journey has not ended.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        arg(long, value_name = "DAYS", default_value_t = 400, requires = "headless")
    )]
    pub max_days: u32,

    /// Which executor runs the game's schedules: one-thread (the default, the faster one for
    /// the simulation's small systems) or thread-pool. The journey is the same on either.
    #[cfg_attr(not(target_arch = "wasm32"), arg(long, value_name = "EXECUTOR", default_value = "one-thread", value_parser = parse_executor))]
    pub executor: Executor,
}

// The browser has one thread: only the command line chooses an executor.
#[cfg(not(target_arch = "wasm32"))]
fn parse_executor(s: &str) -> Result<Executor, String> {
    match s {
        "one-thread" => Ok(Executor::OneThread),
        "thread-pool" => Ok(Executor::ThreadPool),
        _ => Err(format!("`{s}` is not an executor; one of: one-thread, thread-pool")),
    }
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

// The browser's canvas fills its page: only the command line sizes a window.
#[cfg_attr(target_arch = "wasm32", allow(dead_code))]
fn parse_window(s: &str) -> Result<(u32, u32), String> {
    let size = s.split_once(['x', 'X']).and_then(|(w, h)| Some((w.trim().parse().ok()?, h.trim().parse().ok()?)));
    match size {
        Some((w, h)) if (320..=7680).contains(&w) && (240..=4320).contains(&h) => Ok((w, h)),
        Some((w, h)) => Err(format!("{w}x{h} is not between 320x240 and 7680x4320")),
        None => Err(format!("`{s}` is not a size like 1280x720")),
    }
}

fn parse_speed(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (1.0..=50.0).contains(&v) { Ok(v) } else { Err(format!("{v} is not between 1 and 50")) }
}

impl Cli {
    /// The game as started with no flags at all.
    pub fn plain() -> Cli {
        Cli {
            headless: false,
            seed: None,
            autoplay: false,
            levels: None,
            report: None,
            speed: 1.0,
            stage: Stage::Camp,
            bench_frames: None,
            bench_view: BenchView::Ground,
            window: (1280, 720),
            replay: None,
            replay_out: PathBuf::from("screenshots/replay"),
            save: false,
            crash_test: false,
            difficulty: None,
            max_days: 400,
            executor: Executor::OneThread,
        }
    }

    /// The flags a page's address gives the browser build (`?seed=3&stage=baikal&autoplay`):
    /// those that mean something in a browser, checked as the command line checks them. Any
    /// other key, or a value that does not parse, is an error naming it.
    pub fn from_query(query: &str) -> Result<Cli, String> {
        let mut cli = Cli::plain();
        for pair in query.trim_start_matches('?').split('&').filter(|p| !p.is_empty()) {
            let (key, given) = pair.split_once('=').map_or((pair, None), |(k, v)| (k, Some(v)));
            let value = || given.filter(|v| !v.is_empty()).ok_or_else(|| format!("`{key}` needs a value"));
            let switch = || match given {
                None | Some("") | Some("1") | Some("true") => Ok(true),
                Some(v) => Err(format!("`{key}` is a switch; `{v}` is not for it")),
            };
            match key {
                "seed" => {
                    cli.seed = Some(value()?.parse().map_err(|_| format!("`{}` is not a seed", value().unwrap_or("")))?)
                }
                "stage" => cli.stage = parse_stage(value()?)?,
                "speed" => cli.speed = parse_speed(value()?)?,
                "difficulty" => cli.difficulty = Some(parse_difficulty(value()?)?),
                "bench-frames" => {
                    let n: u32 = value()?
                        .parse()
                        .map_err(|_| format!("`{}` is not a number of frames", value().unwrap_or("")))?;
                    if !(10..=100_000).contains(&n) {
                        return Err(format!("{n} frames is not between 10 and 100000"));
                    }
                    cli.bench_frames = Some(n);
                }
                "bench-view" => {
                    cli.bench_view = match value()? {
                        "ground" => BenchView::Ground,
                        "march" => BenchView::March,
                        v => return Err(format!("`{v}` is not a view to time; one of: ground, march")),
                    }
                }
                "autoplay" => cli.autoplay = switch()?,
                "save" => cli.save = switch()?,
                "crash-test" => cli.crash_test = switch()?,
                _ => {
                    return Err(format!(
                        "`{key}` is not read in the browser (seed, stage, speed, difficulty, autoplay, bench-frames, bench-view, save)"
                    ));
                }
            }
        }
        Ok(cli)
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_address_is_read_as_the_command_line_would_be() {
        let cli = Cli::from_query("?seed=3&stage=baikal&autoplay&speed=4&difficulty=as-it-was").unwrap();
        assert_eq!(cli.seed, Some(3));
        assert_eq!(cli.stage, Stage::Baikal);
        assert!(cli.autoplay);
        assert_eq!(cli.speed, 4.0);
        assert_eq!(cli.difficulty, Difficulty::from_name("as-it-was"));
        let plain = Cli::from_query("").unwrap();
        assert_eq!((plain.seed, plain.stage, plain.autoplay, plain.speed), (None, Stage::Camp, false, 1.0));
        assert!(Cli::from_query("?crash-test").unwrap().crash_test);
        assert_eq!(Cli::from_query("bench-frames=300").unwrap().bench_frames, Some(300));
        assert_eq!(Cli::from_query("bench-frames=300&bench-view=march").unwrap().bench_view, BenchView::March);
    }

    #[test]
    fn a_window_size_is_width_by_height_within_reason() {
        assert_eq!(parse_window("1920x1080"), Ok((1920, 1080)));
        assert_eq!(parse_window("800X600"), Ok((800, 600)));
        assert!(parse_window("1920").unwrap_err().contains("not a size like 1280x720"));
        assert!(parse_window("10x10").unwrap_err().contains("not between"));
        assert!(parse_window("axb").is_err());
    }

    #[test]
    fn a_pages_address_the_game_cannot_read_is_told_by_its_key() {
        for (query, says) in [
            ("?seed=x", "`x` is not a seed"),
            ("?seed", "`seed` needs a value"),
            ("?stage=moon", "`moon` is not a stage"),
            ("?speed=99", "99 is not between 1 and 50"),
            ("?autoplay=maybe", "`autoplay` is a switch"),
            ("?headless", "`headless` is not read in the browser"),
            ("?levels=/etc", "`levels` is not read in the browser"),
            ("?bench-frames=3", "3 frames is not between 10 and 100000"),
            ("?bench-view=sky", "`sky` is not a view to time"),
        ] {
            let error = Cli::from_query(query).expect_err(query);
            assert!(error.contains(says), "{query}: {error}");
        }
    }

    #[test]
    fn the_executor_is_chosen_on_the_command_line_one_thread_unless_asked() {
        use clap::Parser;
        let plain = Cli::try_parse_from(["the-way-back", "--headless"]).unwrap();
        assert_eq!(plain.executor, Executor::OneThread);
        let pool = Cli::try_parse_from(["the-way-back", "--headless", "--executor", "thread-pool"]).unwrap();
        assert_eq!(pool.executor, Executor::ThreadPool);
        let error = Cli::try_parse_from(["the-way-back", "--executor", "many"]).unwrap_err().to_string();
        assert!(error.contains("`many` is not an executor"), "{error}");
    }
}
