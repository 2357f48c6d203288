//! The march: how far along the stage's route the group has come, and how the player has
//! ordered it to go.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// Where the group is on the stage's route.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct March {
    /// Km walked along the route, the scene's stretch included.
    pub km: f32,
    /// The stage's scene has been crossed: what is left is marched.
    pub scene_done: bool,
    /// Km of the route the scene stands for, counted once it is crossed.
    pub scene_km: f32,
    /// Walking hours spent waiting for someone who would not or could not go on.
    #[serde(default)]
    pub waited_h: u32,
}

/// Walking hours the group waits for someone who has sat down or collapsed before it goes on
/// without them: long enough for a word, a drink and a rest to work.
pub const WAIT_FOR_THE_FALLEN_H: u32 = 6;

/// When the group walks on the march: by day, or by night in the heat (the Gobi's way).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarchOrders {
    pub by_night: bool,
    /// Rest until this day of the journey is over: nobody walks, the body mends.
    pub rest_day: Option<u32>,
}

/// Hours of the day the group walks on the march: from an hour after dawn to an hour before
/// dusk with the noon hour's rest (8 hours), or the night's equivalent in the heat.
pub fn walks_at(hour: u32, by_night: bool) -> bool {
    if by_night { matches!(hour, 20..=23 | 0..=3) } else { matches!(hour, 8..=11 | 13..=16) }
}

/// The player asks the group to go down onto the ground where it stands (the scene).
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoDown;
