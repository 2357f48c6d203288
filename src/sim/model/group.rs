//! The group's spirit and bearing: each member's mind, who has strayed, the leader's word, the
//! pace, rest and halts.

use bevy::prelude::*;

/// A member's will to go on and faith in Janusz, each 0 to 1.
#[derive(Component, Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mind {
    pub morale: f32,
    pub trust: f32,
    /// Times Janusz has spoken to them today (a word heard again counts for less)...
    #[serde(default)]
    pub heard: u32,
    /// ...and the day that was.
    #[serde(default)]
    pub heard_day: u32,
    /// Trust moved little by little, not yet told: by night marches in the frost (lost) and
    /// by nights at the fire (gained). Told once it adds up (`cohesion::tell_what_moved_trust`).
    #[serde(default)]
    pub drift: TrustDrift,
}

/// Trust moved by what goes on hour after hour, gathered until it is worth telling.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TrustDrift {
    pub frost_marches: f32,
    pub fireside: f32,
}

/// Trust moved this much by one cause is told in the journal.
pub const DRIFT_TOLD_AT: f32 = 0.05;

impl Default for Mind {
    fn default() -> Self {
        Mind { morale: 0.7, trust: 0.6, heard: 0, heard_day: 0, drift: TrustDrift::default() }
    }
}

/// What a word of encouragement costs the one who gives it: strength, some of his own
/// spirit, and the group's time (minutes standing with someone who has sat down).
pub const ENCOURAGE_FATIGUE: f32 = 0.04;
pub const ENCOURAGE_MORALE: f32 = 0.02;
pub const ENCOURAGE_MINUTES: u64 = 20;

impl Mind {
    /// The lift a word would give now, before the listener's nature: the n-th word the same
    /// day counts 1/n of the first (the first, a half, a third ...), so a spree of them adds
    /// less and less while the leader pays the same for each.
    pub fn word_weight(&self, day: u32) -> f32 {
        let heard = if self.heard_day == day { self.heard } else { 0 };
        1.0 / (1.0 + heard as f32)
    }

    /// The chance a word is heard at all: the less they trust him, and the more words they
    /// have heard today, the likelier they turn away.
    pub fn hears_chance(&self, day: u32) -> f32 {
        let heard = if self.heard_day == day { self.heard } else { 0 } as f32;
        (0.95 - 0.4 * (1.0 - self.trust).max(0.0) - 0.1 * heard).clamp(0.1, 0.95)
    }
}

/// Below this morale a member sits down and will not go on.
pub const GIVE_UP_BELOW: f32 = 0.15;
/// Encouraged above this, they walk again.
pub const WALK_AGAIN_ABOVE: f32 = 0.3;
/// Hours out of sight of the group before a stray is lost for good.
pub const LOST_AFTER_H: f32 = 6.0;

/// Out of sight of the group and wandering.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Straying {
    pub minutes: u32,
    pub heading: Vec2,
}

/// The leader's word to someone within reach: whoever has given up first, then whoever is
/// lowest in spirit.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encourage;

/// How hard the leader pushes. Per km, a forced march costs more water, food (the hunger
/// rule's Pandolf cost), fatigue, boots and spirit; a slow one less, at the cost of days.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Pace {
    Slow,
    #[default]
    Steady,
    Forced,
}

impl Pace {
    pub fn speed(self) -> f32 {
        match self {
            Pace::Slow => 0.75,
            Pace::Steady => 1.0,
            Pace::Forced => 1.3,
        }
    }

    /// Fatigue an hour's walking at this pace builds, relative to a steady pace: per km a
    /// slow pace tires less (0.6 / 0.75 = 0.8 a km) and a forced one far more (1.7 / 1.3 =
    /// 1.3 a km), as each extra km an hour costs more than the last.
    pub fn fatigue_factor(self) -> f32 {
        match self {
            Pace::Slow => 0.6,
            Pace::Steady => 1.0,
            Pace::Forced => 1.7,
        }
    }

    /// Sweat an hour's walking at this pace costs, relative to a steady pace.
    pub fn sweat_factor(self) -> f32 {
        match self {
            Pace::Slow => 0.75,
            Pace::Steady => 1.0,
            Pace::Forced => 1.5,
        }
    }

    /// Wear on boots per km, relative to a steady pace: feet dragged and stumbling.
    pub fn wear_factor(self) -> f32 {
        match self {
            Pace::Slow => 0.9,
            Pace::Steady => 1.0,
            Pace::Forced => 1.4,
        }
    }
}

/// The group has made camp: nobody walks.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resting(pub bool);

/// The group stays where it is until this minute of the clock (a burial, a rest the story
/// asks for).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Halt(pub u64);
