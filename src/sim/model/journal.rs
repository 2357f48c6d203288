//! The journal: every line the journey told the player (news, what people said, the story's
//! beats, the questions and the answers given), in order, with the minute of the journey it
//! was told. The HUD shows its last lines, the journal page all of it; it is saved with the
//! journey. A record only: no rule reads it.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// What kind of line a journal entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Told {
    /// News and what people said.
    News,
    /// A story beat that asked nothing.
    Story,
    /// A story question, as it was asked (its dialog shows it; the HUD does not).
    Asked,
    /// The answer given to a question, and what came of it.
    Answered,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// Minute of the journey.
    pub minute: u64,
    pub told: Told,
    pub text: String,
    /// The story event it tells, if it is one.
    #[serde(default)]
    pub event: Option<String>,
}

#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct Journal(pub Vec<JournalEntry>);

/// The most a journal keeps: a year's journey tells a few thousand lines.
pub const MAX_JOURNAL_ENTRIES: usize = 200_000;

impl Journal {
    pub(crate) fn add(&mut self, minute: u64, told: Told, text: String, event: Option<&str>) {
        if self.0.len() < MAX_JOURNAL_ENTRIES {
            self.0.push(JournalEntry { minute, told, text, event: event.map(str::to_string) });
        }
    }
}
