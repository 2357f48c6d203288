//! The march: how far along the stage's route the group has come, and how the player has
//! ordered it to go.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::levels::{Level, MarchRoute};

/// Where the group is on the stage's route.
#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
    /// The group has gone down off the route onto the ground where it stood (a night's camp,
    /// a search for wood or water): the km where it left the march, which resumes from there.
    #[serde(default)]
    pub down_at: Option<f32>,
    /// The road taken at each of the stage's forks reached so far: the route's own (false) or
    /// the other (true).
    #[serde(default)]
    pub roads: Vec<bool>,
    /// The group stays as someone's guests until this minute of the journey: under their roof,
    /// at their stove, fed from their stores.
    #[serde(default)]
    pub guests_until: Option<u64>,
}

impl March {
    /// The stage's route as walked: with the other road wherever it was taken.
    pub fn route_taken(&self, route: &MarchRoute) -> MarchRoute {
        let mut taken = route.clone();
        for (n, other) in self.roads.iter().enumerate() {
            if *other {
                taken = taken.with_other_road(n);
            }
        }
        taken
    }

    /// The stage's level as walked: its route with the roads taken.
    pub fn level_taken(&self, level: &Level) -> Level {
        let mut level = level.clone();
        level.route = level.route.as_ref().map(|r| self.route_taken(r));
        level
    }

    /// The fork the march has come to and not yet decided, if it stands at one.
    pub fn fork_due(&self, route: &MarchRoute) -> Option<usize> {
        let n = self.roads.len();
        route.fork_km(n).filter(|km| self.down_at.is_none() && self.km + 0.01 >= *km).map(|_| n)
    }

    /// Where the march must stop next for a fork to be decided, km.
    pub fn next_fork_km(&self, route: &MarchRoute) -> Option<f32> {
        route.fork_km(self.roads.len())
    }

    /// Whether the group is someone's guests at this minute.
    pub fn is_hosted(&self, minutes: u64) -> bool {
        self.guests_until.is_some_and(|until| minutes < until)
    }

    /// On ground of the group's own choosing, not the stage's story scene.
    pub fn is_camped_off_the_route(&self) -> bool {
        self.down_at.is_some()
    }
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

/// The player asks the group to go down onto the ground where it stands: a scene of that
/// place, to camp, look for wood or water, and go back up to the march.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoDown;

/// The player asks the group, camped off the route, to go back up to the march from where it
/// came down (leaving by the ground's way out also does, a little further on).
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoUp;
