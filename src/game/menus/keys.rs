//! The actions a key does while playing, their gamepad buttons and default keys, and the keys
//! a player may bind to them (the settings keep the bindings).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// What a key does while playing. The order is used: walking first, the pause last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Action {
    WalkUp,
    WalkDown,
    WalkLeft,
    WalkRight,
    GatherWood,
    MakeFire,
    Drink,
    Camp,
    Encourage,
    PaceSlow,
    PaceSteady,
    PaceForced,
    Rations,
    Pause,
    Journal,
}

impl Action {
    pub const ALL: [Action; 15] = [
        Action::WalkUp,
        Action::WalkDown,
        Action::WalkLeft,
        Action::WalkRight,
        Action::GatherWood,
        Action::MakeFire,
        Action::Drink,
        Action::Camp,
        Action::Encourage,
        Action::PaceSlow,
        Action::PaceSteady,
        Action::PaceForced,
        Action::Rations,
        Action::Pause,
        Action::Journal,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Action::WalkUp => "Walk north",
            Action::WalkDown => "Walk south",
            Action::WalkLeft => "Walk west",
            Action::WalkRight => "Walk east",
            Action::GatherWood => "Gather wood",
            Action::MakeFire => "Make or feed a fire",
            Action::Drink => "Drink, fill the skins",
            Action::Camp => "Camp until dawn / break camp",
            Action::Encourage => "Encourage",
            Action::PaceSlow => "Pace: slow",
            Action::PaceSteady => "Pace: steady",
            Action::PaceForced => "Pace: forced march",
            Action::Rations => "Rations: full, half, quarter",
            Action::Pause => "Pause",
            Action::Journal => "Read the journal",
        }
    }

    /// The gamepad's way to do it.
    pub fn gamepad(self) -> &'static str {
        match self {
            Action::WalkUp | Action::WalkDown | Action::WalkLeft | Action::WalkRight => "L stick, D-pad",
            Action::GatherWood => "X",
            Action::MakeFire => "Y",
            Action::Drink => "B",
            Action::Camp => "Select",
            Action::Encourage => "A",
            Action::PaceSlow => "LB",
            Action::PaceSteady => "LB / RB",
            Action::PaceForced => "RB",
            Action::Rations => "LT",
            Action::Pause => "Start",
            Action::Journal => "Start, then Journal",
        }
    }

    pub(crate) fn default_key(self) -> KeyCode {
        match self {
            Action::WalkUp => KeyCode::KeyW,
            Action::WalkDown => KeyCode::KeyS,
            Action::WalkLeft => KeyCode::KeyA,
            Action::WalkRight => KeyCode::KeyD,
            Action::GatherWood => KeyCode::KeyG,
            Action::MakeFire => KeyCode::KeyF,
            Action::Drink => KeyCode::KeyR,
            Action::Camp => KeyCode::KeyC,
            Action::Encourage => KeyCode::KeyE,
            Action::PaceSlow => KeyCode::Digit1,
            Action::PaceSteady => KeyCode::Digit2,
            Action::PaceForced => KeyCode::Digit3,
            Action::Rations => KeyCode::KeyV,
            Action::Pause => KeyCode::KeyP,
            Action::Journal => KeyCode::KeyJ,
        }
    }
}

/// Keys a player may bind: letters, digits, and a few others. Escape (pause and back), the
/// arrows (walking) and Enter (answering) keep their meaning whatever the bindings.
pub const BINDABLE: [KeyCode; 46] = [
    KeyCode::KeyA,
    KeyCode::KeyB,
    KeyCode::KeyC,
    KeyCode::KeyD,
    KeyCode::KeyE,
    KeyCode::KeyF,
    KeyCode::KeyG,
    KeyCode::KeyH,
    KeyCode::KeyI,
    KeyCode::KeyJ,
    KeyCode::KeyK,
    KeyCode::KeyL,
    KeyCode::KeyM,
    KeyCode::KeyN,
    KeyCode::KeyO,
    KeyCode::KeyP,
    KeyCode::KeyQ,
    KeyCode::KeyR,
    KeyCode::KeyS,
    KeyCode::KeyT,
    KeyCode::KeyU,
    KeyCode::KeyV,
    KeyCode::KeyW,
    KeyCode::KeyX,
    KeyCode::KeyY,
    KeyCode::KeyZ,
    KeyCode::Digit0,
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
    KeyCode::Digit6,
    KeyCode::Digit7,
    KeyCode::Digit8,
    KeyCode::Digit9,
    KeyCode::Space,
    KeyCode::Tab,
    KeyCode::ShiftLeft,
    KeyCode::ControlLeft,
    KeyCode::Comma,
    KeyCode::Period,
    KeyCode::Slash,
    KeyCode::Semicolon,
    KeyCode::Backspace,
    KeyCode::AltLeft,
];

/// Bevy's name of a key (`KeyW`, `Digit1`, `Space`), as kept in the settings file.
pub fn key_id(key: KeyCode) -> String {
    format!("{key:?}")
}

/// A key from Bevy's name of it, or from a single letter or digit (`W`, `1`).
pub fn key_from_name(name: &str) -> Option<KeyCode> {
    let fixed = [
        ("Enter", KeyCode::Enter),
        ("Escape", KeyCode::Escape),
        ("Up", KeyCode::ArrowUp),
        ("Down", KeyCode::ArrowDown),
        ("Left", KeyCode::ArrowLeft),
        ("Right", KeyCode::ArrowRight),
        ("Plus", KeyCode::Equal),
        ("Minus", KeyCode::Minus),
    ];
    if let Some((_, k)) = fixed.iter().find(|(n, _)| *n == name) {
        return Some(*k);
    }
    BINDABLE.into_iter().find(|k| key_id(*k) == name || key_label(*k).eq_ignore_ascii_case(name))
}

/// How a key is written on screen: `W`, `1`, `Space`.
pub fn key_label(key: KeyCode) -> String {
    let id = key_id(key);
    let short = id.strip_prefix("Key").or_else(|| id.strip_prefix("Digit")).unwrap_or(&id);
    short.strip_suffix("Left").filter(|s| !s.is_empty()).unwrap_or(short).to_string()
}
