//! The people of the story: who can walk in the group, and how each looks and speaks.

use serde::{Deserialize, Serialize};

use crate::states::Stage;

/// Every person of the story who can be in the group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MemberId {
    Janusz,
    Smith,
    Khabarov,
    Valka,
    Tomasz,
    Voss,
    Kazik,
    Zoran,
    Irena,
}

impl MemberId {
    pub const ALL: [MemberId; 9] = [
        MemberId::Janusz,
        MemberId::Smith,
        MemberId::Khabarov,
        MemberId::Valka,
        MemberId::Tomasz,
        MemberId::Voss,
        MemberId::Kazik,
        MemberId::Zoran,
        MemberId::Irena,
    ];

    pub fn name(self) -> &'static str {
        match self {
            MemberId::Janusz => "Janusz",
            MemberId::Smith => "Smith",
            MemberId::Khabarov => "Khabarov",
            MemberId::Valka => "Valka",
            MemberId::Tomasz => "Tomasz",
            MemberId::Voss => "Voss",
            MemberId::Kazik => "Kazik",
            MemberId::Zoran => "Zoran",
            MemberId::Irena => "Irena",
        }
    }

    /// The stage where this person is first with the group.
    pub fn joins_at(self) -> Stage {
        match self {
            MemberId::Irena => Stage::Baikal,
            _ => Stage::Camp,
        }
    }
}

/// The people of the story: who they are, how they look and speak, and what became of them
/// in the film.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Character {
    pub id: MemberId,
    /// Full name, as the chronicle gives it.
    pub name: String,
    /// Who they are, in a few words.
    pub role: String,
    pub look: Look,
    /// What happened to them in the film, for the chronicle.
    pub film: String,
    pub lines: Lines,
}

/// How a character is drawn: colours as (r, g, b).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Look {
    pub coat: (u8, u8, u8),
    pub hat: (u8, u8, u8),
    pub skin: (u8, u8, u8),
    pub beard: bool,
    /// Relative to an average man, 0.8 to 1.2.
    pub height: f32,
}

/// What a character says when their state changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lines {
    pub cold: String,
    pub heat: String,
    pub thirsty: String,
    pub collapsed: String,
    pub lost: String,
    pub found: String,
    pub gives_up: String,
    pub walks_again: String,
    pub fire: String,
}
