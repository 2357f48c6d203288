//! Replaying an input script (`--replay FILE`): key presses as a player makes them, waits for
//! the game to reach a stage or a story question, and screenshots; for end-to-end tests of the
//! real game. One command a line, `#` starts a comment:
//!
//! ```text
//! wait 2.5              # seconds
//! key Enter             # press and release
//! hold KeyD 3           # hold a key for seconds
//! until stage Taiga 120 # wait for a stage (giving up after 120 s)
//! until question 60     # wait for a story question
//! shot camp             # screenshot to <out>/camp.png
//! autoplay on           # hand over to the built-in player (or `off`)
//! quit
//! ```

use std::path::{Path, PathBuf};

use bevy::input::keyboard::KeyCode;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, save_to_disk};

use crate::sim::state::Stage;
use crate::sim::story::PendingEvent;

#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Wait(f32),
    Key(KeyCode),
    Hold(KeyCode, f32),
    UntilStage(Stage, f32),
    UntilQuestion(f32),
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
    let k = match name {
        "Enter" => KeyCode::Enter,
        "Space" => KeyCode::Space,
        "Escape" => KeyCode::Escape,
        "Up" => KeyCode::ArrowUp,
        "Down" => KeyCode::ArrowDown,
        "Left" => KeyCode::ArrowLeft,
        "Right" => KeyCode::ArrowRight,
        _ => {
            // Single letters and digits as written: `C`, `3`; or Bevy's names: `KeyC`, `Digit3`.
            let n = name.strip_prefix("Key").or_else(|| name.strip_prefix("Digit")).unwrap_or(name);
            let c = n.chars().next().filter(|_| n.chars().count() == 1)?.to_ascii_uppercase();
            const LETTERS: [KeyCode; 26] = [
                KeyCode::KeyA, KeyCode::KeyB, KeyCode::KeyC, KeyCode::KeyD, KeyCode::KeyE, KeyCode::KeyF,
                KeyCode::KeyG, KeyCode::KeyH, KeyCode::KeyI, KeyCode::KeyJ, KeyCode::KeyK, KeyCode::KeyL,
                KeyCode::KeyM, KeyCode::KeyN, KeyCode::KeyO, KeyCode::KeyP, KeyCode::KeyQ, KeyCode::KeyR,
                KeyCode::KeyS, KeyCode::KeyT, KeyCode::KeyU, KeyCode::KeyV, KeyCode::KeyW, KeyCode::KeyX,
                KeyCode::KeyY, KeyCode::KeyZ,
            ];
            const DIGITS: [KeyCode; 10] = [
                KeyCode::Digit0, KeyCode::Digit1, KeyCode::Digit2, KeyCode::Digit3, KeyCode::Digit4,
                KeyCode::Digit5, KeyCode::Digit6, KeyCode::Digit7, KeyCode::Digit8, KeyCode::Digit9,
            ];
            return match c {
                'A'..='Z' => Some(LETTERS[(c as u8 - b'A') as usize]),
                '0'..='9' => Some(DIGITS[(c as u8 - b'0') as usize]),
                _ => None,
            };
        }
    };
    Some(k)
}

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
        let secs = |s: Option<&&str>| s.and_then(|s| s.parse::<f32>().ok()).filter(|v| *v >= 0.0);
        let step = match words.as_slice() {
            ["wait", s] => Step::Wait(secs(Some(s)).ok_or_else(|| err("seconds expected"))?),
            ["key", k] => Step::Key(key_named(k).ok_or_else(|| err("unknown key"))?),
            ["hold", k, s] => {
                Step::Hold(key_named(k).ok_or_else(|| err("unknown key"))?, secs(Some(s)).ok_or_else(|| err("seconds expected"))?)
            }
            ["until", "stage", name, rest @ ..] => {
                let stage = Stage::ALL
                    .into_iter()
                    .find(|s| s.name().eq_ignore_ascii_case(name))
                    .ok_or_else(|| err("unknown stage"))?;
                Step::UntilStage(stage, secs(rest.first()).unwrap_or(300.0))
            }
            ["until", "question", rest @ ..] => Step::UntilQuestion(secs(rest.first()).unwrap_or(300.0)),
            ["shot", name] if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') => {
                Step::Shot(name.to_string())
            }
            ["autoplay", "on"] => Step::Autoplay(true),
            ["autoplay", "off"] => Step::Autoplay(false),
            ["quit"] => Step::Quit,
            _ => return Err(err("not a command (wait, key, hold, until stage, until question, shot, autoplay, quit)")),
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
    mut autoplay: ResMut<crate::sim::autoplay::Autoplay>,
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
            let there = stage.is_some_and(|s| *s.get() == want);
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
        Step::Shot(name) => {
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

pub(super) fn plugin(app: &mut App) {
    if !app.world().contains_resource::<Replay>() {
        return;
    }
    app.init_resource::<Cursor>();
    app.add_systems(PreUpdate, play_script.after(bevy::input::InputSystems));
}
