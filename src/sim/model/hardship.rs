//! How hard the journey is: a gentler "story" setting, the normal one, and "as it was".
//!
//! The bodies are never changed: the wind chill, the sweat and the calories are the same real
//! numbers at every setting. What changes is the world around them: how much the land gives,
//! how fast boots and clothes wear, how long a stray stays findable, how sure the footing is,
//! what the group can carry, and whether the journey is kept at every camp.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Difficulty {
    /// For the story: the land is kinder and the group's things last.
    Story,
    #[default]
    Normal,
    /// As it was: a leaner land, and the journey kept only as each stage is entered.
    AsItWas,
}

impl Difficulty {
    pub const ALL: [Difficulty; 3] = [Difficulty::Story, Difficulty::Normal, Difficulty::AsItWas];

    /// The name a player reads and types (`--difficulty as-it-was`).
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Story => "story",
            Difficulty::Normal => "normal",
            Difficulty::AsItWas => "as it was",
        }
    }

    /// What the setting does, in a line.
    pub fn describe(self) -> &'static str {
        match self {
            Difficulty::Story => {
                "a kinder land: more found by foraging, gear that lasts, strays found later, a skin and a half of water each"
            }
            Difficulty::Normal => "the journey as the rules make it",
            Difficulty::AsItWas => {
                "a leaner land, gear that wears sooner, strays lost sooner, surer falls, and no saves at camp: only as each stage is entered"
            }
        }
    }

    pub fn from_name(s: &str) -> Option<Difficulty> {
        let s = s.trim().to_lowercase().replace(['-', '_'], " ");
        Difficulty::ALL.into_iter().find(|d| d.name() == s)
    }

    /// The next setting, round and round (the title's button).
    pub fn next(self) -> Difficulty {
        match self {
            Difficulty::Story => Difficulty::Normal,
            Difficulty::Normal => Difficulty::AsItWas,
            Difficulty::AsItWas => Difficulty::Story,
        }
    }

    /// What foraging and hunting bring in, as a share of the land's normal yield.
    pub fn forage_share(self) -> f32 {
        match self {
            Difficulty::Story => 1.5,
            Difficulty::Normal => 1.0,
            Difficulty::AsItWas => 0.8,
        }
    }

    /// How fast boots and clothes wear, as a share of the normal wear.
    pub fn wear_share(self) -> f32 {
        match self {
            Difficulty::Story => 0.6,
            Difficulty::Normal => 1.0,
            Difficulty::AsItWas => 1.25,
        }
    }

    /// The chance of a fall in the mountains, as a share of the normal one.
    pub fn fall_share(self) -> f32 {
        match self {
            Difficulty::Story => 0.5,
            Difficulty::Normal => 1.0,
            Difficulty::AsItWas => 1.5,
        }
    }

    /// Hours a stray wanders alone before they are lost for good, and hours the group waits
    /// on the march for someone who cannot go on.
    pub fn patience_share(self) -> f32 {
        match self {
            Difficulty::Story => 2.0,
            Difficulty::Normal => 1.0,
            Difficulty::AsItWas => 2.0 / 3.0,
        }
    }

    /// Water skins each walker carries.
    pub fn skins_each(self) -> f32 {
        match self {
            Difficulty::Story => 1.5,
            Difficulty::Normal | Difficulty::AsItWas => 1.0,
        }
    }

    /// Whether the journey is kept each time the group makes camp, or only as each stage is
    /// entered.
    pub fn saves_at_camp(self) -> bool {
        self != Difficulty::AsItWas
    }

    /// What a journey's score is multiplied by.
    pub fn score_share(self) -> f32 {
        match self {
            Difficulty::Story => 0.5,
            Difficulty::Normal => 1.0,
            Difficulty::AsItWas => 1.5,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_is_read_back_from_its_name_and_harder_is_never_kinder() {
        for d in Difficulty::ALL {
            assert_eq!(Difficulty::from_name(d.name()), Some(d));
        }
        assert_eq!(Difficulty::from_name("As-It-Was"), Some(Difficulty::AsItWas));
        assert_eq!(Difficulty::from_name("hard"), None);
        for pair in Difficulty::ALL.windows(2) {
            let (kind, hard) = (pair[0], pair[1]);
            assert!(kind.forage_share() > hard.forage_share());
            assert!(kind.wear_share() < hard.wear_share());
            assert!(kind.fall_share() < hard.fall_share());
            assert!(kind.patience_share() > hard.patience_share());
            assert!(kind.skins_each() >= hard.skins_each());
            assert!(kind.score_share() < hard.score_share());
        }
    }
}
