//! The party: who walks, where they are, and what became of each of them.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::state::Stage;

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

/// A person in the group. Everyone with this component is on the map.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member(pub MemberId);

/// The one the player steers: Janusz.
#[derive(Component, Debug, Clone, Copy)]
pub struct Leader;

/// Where someone stands, in tile units (tile `(x, y)` spans `x..x+1`, `y..y+1`).
#[derive(Component, Debug, Clone, Copy, PartialEq, Default)]
pub struct Position(pub Vec2);

/// What a member is doing. Exactly one at a time; those who left the group keep a record in
/// [`Fates`] and are no longer on the map.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Status {
    #[default]
    Walking,
    /// Sat down and will not go on until encouraged.
    GivenUp,
    /// Lost sight of the group and strayed.
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
}

/// The fates that have been settled, in the order they happened.
#[derive(Resource, Debug, Clone, Default)]
pub struct Fates(pub Vec<FateRecord>);

impl Fates {
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
