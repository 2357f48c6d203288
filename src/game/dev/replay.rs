//! Replaying an input script (`--replay FILE`): key presses as a player makes them, waits for
//! the game to reach a stage or a story question, and screenshots; for end-to-end tests of the
//! real game. One command a line, `#` starts a comment:
//!
//! ```text
//! wait 2.5              # seconds
//! key Enter             # press and release (a letter, a digit, Bevy's name of a key, or
//!                       # Enter, Escape, Up, Down, Left, Right, Plus, Minus)
//! hold KeyD 3           # hold a key for seconds
//! until stage Taiga 120 # wait for a stage or a later one (failing after 120 s)
//! until question 60     # wait for a story question
//! until chronicle 300   # wait for the journey's end: its chronicle
//! until night 90        # wait for nightfall (or `day`), going on after 90 s if it is not
//! until weather Blizzard 60  # wait for a kind of weather, going on after 60 s if none
//! shot {stage}-night    # `{stage}` is the stage's name: `taiga-night.png`
//! shot camp             # screenshot to <out>/camp.png
//! autoplay on           # hand over to the built-in player (or `off`)
//! quit
//! ```

use std::path::{Path, PathBuf};

use bevy::input::keyboard::KeyCode;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};

use crate::levels::WeatherKind;
use crate::sim::journey::story::PendingEvent;
use crate::sim::model::air::Weather;
use crate::sim::model::clock::GameClock;
use crate::states::{Scale, Stage};

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Wait(f32),
    Key(KeyCode),
    Hold(KeyCode, f32),
    UntilStage(Stage, f32),
    UntilQuestion(f32),
    UntilChronicle(f32),
    /// Night (true) or day; given up on, not failed, after the seconds.
    UntilNight(bool, f32),
    UntilWeather(WeatherKind, f32),
    /// On the march (true) or on the ground of a scene; failed after the seconds.
    UntilMarch(bool, f32),
    Shot(String),
    Autoplay(bool),
    Quit,
}

/// A script being replayed, and where its screenshots go.
#[derive(Resource, Debug, Clone)]
pub struct Replay {
    pub steps: Vec<Step>,
    pub out: PathBuf,
}

fn key_named(name: &str) -> Option<KeyCode> {
    crate::game::menus::settings::key_from_name(name)
}

/// The longest wait or limit a script may ask for, seconds: a day.
const MAX_SECS: f32 = 86_400.0;

/// Reads a script; an error names the line and says what is wrong.
pub fn parse(path: &Path, text: &str) -> Result<Vec<Step>, String> {
    let mut steps = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let err = |what: &str| format!("{}:{}: {what}: `{line}`", path.display(), i + 1);
        let words: Vec<&str> = line.split_whitespace().collect();
        // Seconds: a finite number up to a day (`inf` would never end); a limit left out is
        // 300 s, and one mistyped is an error, not the default.
        let secs = |s: &str| s.parse::<f32>().ok().filter(|v| v.is_finite() && (0.0..=MAX_SECS).contains(v));
        let bad_secs = || err(&format!("seconds expected (0 to {MAX_SECS})"));
        let limit = |rest: &[&str]| match rest {
            [] => Ok(300.0),
            [s] => secs(s).ok_or_else(bad_secs),
            _ => Err(err("one number of seconds at most")),
        };
        let step = match words.as_slice() {
            ["wait", s] => Step::Wait(secs(s).ok_or_else(bad_secs)?),
            ["key", k] => Step::Key(key_named(k).ok_or_else(|| err("unknown key"))?),
            ["hold", k, s] => {
                Step::Hold(key_named(k).ok_or_else(|| err("unknown key"))?, secs(s).ok_or_else(bad_secs)?)
            }
            ["until", "stage", name, rest @ ..] => {
                let stage = Stage::ALL
                    .into_iter()
                    .find(|s| s.name().eq_ignore_ascii_case(name))
                    .ok_or_else(|| err("unknown stage"))?;
                Step::UntilStage(stage, limit(rest)?)
            }
            ["until", "question", rest @ ..] => Step::UntilQuestion(limit(rest)?),
            ["until", "chronicle", rest @ ..] => Step::UntilChronicle(limit(rest)?),
            ["until", "night", rest @ ..] => Step::UntilNight(true, limit(rest)?),
            ["until", "day", rest @ ..] => Step::UntilNight(false, limit(rest)?),
            ["until", "march", rest @ ..] => Step::UntilMarch(true, limit(rest)?),
            ["until", "scene", rest @ ..] => Step::UntilMarch(false, limit(rest)?),
            ["until", "weather", kind, rest @ ..] => {
                let kind = WeatherKind::ALL
                    .into_iter()
                    .find(|k| format!("{k:?}").eq_ignore_ascii_case(kind))
                    .ok_or_else(|| err("unknown weather"))?;
                Step::UntilWeather(kind, limit(rest)?)
            }
            ["shot", name]
                if name.replace("{stage}", "").chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') =>
            {
                Step::Shot(name.to_string())
            }
            ["autoplay", "on"] => Step::Autoplay(true),
            ["autoplay", "off"] => Step::Autoplay(false),
            ["quit"] => Step::Quit,
            _ => {
                return Err(err(
                    "not a command (wait, key, hold, until stage/question/night/day/weather/march/scene, shot, autoplay, quit)",
                ));
            }
        };
        steps.push(step);
    }
    Ok(steps)
}

#[derive(Resource, Default)]
struct Cursor {
    index: usize,
    /// Seconds spent on the current step.
    elapsed: f32,
    pressed: Option<KeyCode>,
}

/// Runs after Bevy has read the real input, so that a replayed press counts this frame.
fn play_script(
    mut commands: Commands,
    time: Res<Time<Real>>,
    replay: Res<Replay>,
    mut cursor: ResMut<Cursor>,
    mut keys: ResMut<ButtonInput<KeyCode>>,
    stage: Option<Res<State<Stage>>>,
    pending: Option<Res<PendingEvent>>,
    (clock, weather, scale): (Option<Res<GameClock>>, Option<Res<Weather>>, Option<Res<State<Scale>>>),
    mut autoplay: ResMut<crate::sim::journey::autoplay::Autoplay>,
    screen: Res<State<crate::states::Screen>>,
    mut exit: MessageWriter<AppExit>,
) {
    if let Some(k) = cursor.pressed.take() {
        keys.release(k);
    }
    let Some(step) = replay.steps.get(cursor.index).cloned() else { return };
    cursor.elapsed += time.delta_secs();
    let done = match step {
        Step::Wait(s) => cursor.elapsed >= s,
        Step::Key(k) => {
            keys.press(k);
            cursor.pressed = Some(k);
            true
        }
        Step::Hold(k, s) => {
            if cursor.elapsed >= s {
                keys.release(k);
                true
            } else {
                keys.press(k);
                false
            }
        }
        Step::UntilStage(want, limit) => {
            // Stages only ever follow one another: a later one means this one is behind.
            let there = stage.as_ref().is_some_and(|s| *s.get() >= want);
            if !there && cursor.elapsed >= limit {
                error!("replay: stage {want:?} not reached within {limit} s");
                exit.write(AppExit::from_code(3));
            }
            there
        }
        Step::UntilQuestion(limit) => {
            let asked = pending.is_some_and(|p| p.0.is_some());
            if !asked && cursor.elapsed >= limit {
                error!("replay: no question within {limit} s");
                exit.write(AppExit::from_code(3));
            }
            asked
        }
        Step::UntilChronicle(limit) => {
            let there = *screen.get() == crate::states::Screen::Chronicle;
            if !there && cursor.elapsed >= limit {
                error!("replay: the journey did not end within {limit} s");
                exit.write(AppExit::from_code(3));
            }
            there
        }
        Step::UntilNight(night, limit) => {
            let there = stage.is_some() && clock.as_ref().is_some_and(|c| c.is_night() == night);
            if !there && cursor.elapsed >= limit {
                warn!("replay: no {} within {limit} s; going on", if night { "night" } else { "day" });
            }
            there || cursor.elapsed >= limit
        }
        Step::UntilMarch(march, limit) => {
            let there = stage.is_some() && scale.as_ref().is_some_and(|s| (*s.get() == Scale::March) == march);
            if !there && cursor.elapsed >= limit {
                error!("replay: no {} within {limit} s", if march { "march" } else { "scene" });
                exit.write(AppExit::from_code(3));
            }
            there
        }
        Step::UntilWeather(kind, limit) => {
            let there = stage.is_some() && weather.as_ref().is_some_and(|w| w.kind == kind);
            if !there && cursor.elapsed >= limit {
                warn!("replay: no {kind:?} within {limit} s; going on");
            }
            there || cursor.elapsed >= limit
        }
        Step::Shot(name) => {
            let here = stage.as_ref().map_or("title".to_string(), |s| s.get().name().to_lowercase().replace(' ', "-"));
            let name = name.replace("{stage}", &here);
            let path = replay.out.join(format!("{name}.png"));
            info!("replay: screenshot {}", path.display());
            commands.spawn(Screenshot::primary_window()).observe(save_to_disk(path));
            true
        }
        Step::Autoplay(on) => {
            autoplay.0 = on;
            true
        }
        Step::Quit => {
            // A frame or two for the last screenshot to be written.
            if cursor.elapsed >= 1.0 {
                info!("replay: done");
                exit.write(AppExit::Success);
            }
            false
        }
    };
    if done {
        cursor.index += 1;
        cursor.elapsed = 0.0;
    }
}

pub(crate) fn plugin(app: &mut App) {
    if !app.world().contains_resource::<Replay>() {
        return;
    }
    app.init_resource::<Cursor>();
    app.add_systems(PreUpdate, play_script.after(bevy::input::InputSystems));
}
