//! The game binary: the windowed game, or with `--headless` the simulation alone.

use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
use clap::Parser;
use the_way_back::cli::Cli;
use the_way_back::levels::Levels;

/// The command line; in the browser, the page's address stands for it: `?seed=3&stage=baikal`
/// is `--seed 3 --stage baikal`.
#[cfg(target_arch = "wasm32")]
fn command_line() -> Cli {
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    // An address the game cannot read starts the game as if it had none.
    Cli::from_query(&query).unwrap_or_else(|e| {
        web_sys::console::warn_1(&format!("the page's address was not understood: {e}").into());
        Cli::plain()
    })
}

/// The command line.
#[cfg(not(target_arch = "wasm32"))]
fn command_line() -> Cli {
    Cli::parse()
}

fn main() -> ExitCode {
    let cli = command_line();
    let levels = match &cli.levels {
        Some(dir) => Levels::from_dir(dir),
        None => Levels::builtin(),
    };
    let levels = match levels {
        Ok(levels) => levels,
        Err(error) => {
            say_error(&format!("error: a level file is broken\n  {error}"));
            #[cfg(feature = "gui")]
            if !cli.headless {
                the_way_back::game::show_error(&format!("A level file is broken.\n\n{error}"));
            }
            return ExitCode::from(2);
        }
    };
    // The browser has no headless run: its report writer (serde_json) is left out of the wasm.
    #[cfg(not(target_arch = "wasm32"))]
    if cli.headless {
        return run_headless(&cli, levels);
    }
    play(cli, levels)
}

/// A journey with no window, as fast as it goes; its report on standard output if asked.
#[cfg(not(target_arch = "wasm32"))]
fn run_headless(cli: &Cli, levels: Levels) -> ExitCode {
    use the_way_back::cli::ReportFormat;
    let report = the_way_back::headless::run_on(
        cli.executor,
        cli.seed.unwrap_or(1),
        levels,
        cli.autoplay.then_some(the_way_back::sim::journey::autoplay::Policy::Careful),
        cli.max_days,
        cli.stage,
        cli.difficulty.unwrap_or_default(),
    );
    use std::io::Write;
    if !cli.autoplay && report.outcome.is_none() && report.days <= cli.max_days {
        // Written so that a closed stderr is no panic.
        let _ = writeln!(
            std::io::stderr(),
            "the run stopped on day {}: a story question waits for an answer, and in a headless run only \
             --autoplay answers",
            report.days
        );
    }
    match cli.report {
        Some(ReportFormat::Json) => {
            let written = writeln!(std::io::stdout().lock(), "{}", report.to_json())
                .and_then(|()| std::io::stdout().lock().flush());
            match written {
                // A reader that stops early (`| head`) took what it wanted.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                // A full disk is not a report: say so, and do not claim success.
                Err(e) => {
                    let _ = writeln!(std::io::stderr(), "error: the report could not be written: {e}");
                    return ExitCode::from(1);
                }
                Ok(()) => {}
            }
        }
        None => {
            let _ = writeln!(
                std::io::stderr(),
                "journey ended: {:?} on day {} after {} km",
                report.outcome,
                report.days,
                report.distance_km
            );
        }
    }
    ExitCode::SUCCESS
}

#[cfg(feature = "gui")]
fn play(cli: Cli, levels: Levels) -> ExitCode {
    use the_way_back::game::dev::replay::{Replay, parse};
    let replay = match &cli.replay {
        None => None,
        Some(path) => {
            // Read as level files are: a regular file of sensible size, text.
            let steps = the_way_back::levels::read_text(path, "the replay script")
                .map_err(|e| format!("{}: {e}", path.display()))
                .and_then(|text| parse(path, &text));
            match steps {
                Ok(steps) => Some(Replay { steps, out: cli.replay_out.clone() }),
                Err(e) => {
                    say_error(&format!("error: the replay script cannot be used\n  {e}"));
                    return ExitCode::from(2);
                }
            }
        }
    };
    if let Some(r) = &replay
        && let Err(e) = std::fs::create_dir_all(&r.out)
    {
        say_error(&format!("error: cannot make {}: {e}", r.out.display()));
        return ExitCode::from(2);
    }
    let not_saved = cli.not_saved();
    the_way_back::game::run(the_way_back::game::GamePlugin {
        fixed_seed: cli.seed,
        difficulty: cli.difficulty,
        levels,
        autoplay: cli.autoplay,
        speed: cli.speed,
        start: cli.stage,
        bench_frames: cli.bench_frames,
        bench_view: match cli.bench_view {
            the_way_back::cli::BenchView::Ground => the_way_back::game::dev::framebench::BenchView::Ground,
            the_way_back::cli::BenchView::March => the_way_back::game::dev::framebench::BenchView::March,
        },
        window: cli.window,
        replay,
        not_saved,
        crash_test: cli.crash_test,
        executor: cli.executor,
    })
}

#[cfg(not(feature = "gui"))]
fn play(_cli: Cli, _levels: Levels) -> ExitCode {
    say_error("error: this build has no window (built without the `gui` feature); add --headless");
    ExitCode::from(2)
}

/// Writes an error line to standard error; a closed stderr is no reason to panic.
fn say_error(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}
