//! The party: who walks, where they are, and what became of each of them.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::levels::MemberId;
use crate::sim::model::body::{Exertion, Vitals};
use crate::sim::model::ground::Ground;
use crate::states::Stage;

/// A person in the group. Everyone with this component is on the map, with a body from the
/// moment they are spawned (their traits and mind come from `journey`, which knows who they are).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
#[require(Vitals, Exertion, Ground, crate::sim::model::gear::Gear)]
pub struct Member(pub MemberId);

/// The one the player steers: Janusz.
#[derive(Component, Debug, Clone, Copy)]
pub struct Leader;

/// Where someone stands, in tile units (tile `(x, y)` spans `x..x+1`, `y..y+1`).
#[derive(Component, Debug, Clone, Copy, PartialEq, Default)]
pub struct Position(pub Vec2);

/// What a member is doing. Exactly one at a time; those who left the group keep a record in
/// [`Fates`] and stay where they were until the next stage, which they are not part of.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Status {
    #[default]
    Walking,
    /// Sat down and will not go on until encouraged.
    GivenUp,
    /// Gone for good: strayed too long, or left behind when the group moved on.
    Lost,
    Dead,
    /// Left the group by choice.
    Departed,
}

/// What became of someone, as the chronicle and the report tell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fate {
    Survived,
    Died,
    Lost,
    /// Stayed behind by choice.
    Stayed,
    /// Went another way.
    Departed,
    /// Met on the way and not let into the group.
    TurnedAway,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FateRecord {
    pub member: MemberId,
    pub fate: Fate,
    pub stage: Stage,
    pub day: u32,
    pub cause: String,
    /// Lost by straying (wandered off and never found), not left behind where they sat.
    #[serde(default)]
    pub strayed: bool,
}

/// The fates that have been settled, in the order they happened.
#[derive(Resource, Debug, Clone, Default)]
pub struct Fates(pub Vec<FateRecord>);

impl Fates {
    /// Settles what became of someone: the one place a fate is recorded.
    pub fn settle(&mut self, member: MemberId, fate: Fate, stage: Stage, day: u32, cause: impl Into<String>) {
        self.0.push(FateRecord { member, fate, stage, day, cause: cause.into(), strayed: false });
    }

    /// Settles someone as lost by straying: wandered off and never found.
    pub fn settle_stray(&mut self, member: MemberId, stage: Stage, day: u32, cause: impl Into<String>) {
        self.0.push(FateRecord { member, fate: Fate::Lost, stage, day, cause: cause.into(), strayed: true });
    }

    /// Lost by straying (wandered off and not found), not left behind where they sat.
    pub fn strayed(record: &FateRecord) -> bool {
        record.fate == Fate::Lost && record.strayed
    }

    pub fn of(&self, member: MemberId) -> Option<&FateRecord> {
        self.0.iter().find(|r| r.member == member)
    }
}

/// Something the player should hear about ("Kazik has lost sight of the group.").
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct News(pub String);

/// Walking speed on firm open ground at a steady pace, km/h.
pub const WALK_KMH: f32 = 4.0;

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Fates>().add_message::<News>();
}
