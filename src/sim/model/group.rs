//! The group's spirit and bearing: each member's mind, who has strayed, the leader's word, the
//! pace, rest and halts.

use bevy::prelude::*;

/// A member's will to go on and faith in Janusz, each 0 to 1.
#[derive(Component, Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Mind {
    pub morale: f32,
    pub trust: f32,
}

impl Default for Mind {
    fn default() -> Self {
        Mind { morale: 0.7, trust: 0.6 }
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

/// How hard the leader pushes: a forced march covers ground faster but wears down morale;
/// fatigue and water are spent per minute walked, whatever the pace.
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
}

/// The group has made camp: nobody walks.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resting(pub bool);

/// The group stays where it is until this minute of the clock (a burial, a rest the story
/// asks for).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Halt(pub u64);
