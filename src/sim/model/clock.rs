//! In-game time: one fixed simulation tick is one minute of the journey.

use bevy::prelude::*;

use crate::sim::SimSystems;

pub const MINUTES_PER_DAY: u64 = 24 * 60;
/// The journey starts at this hour of day 1: 08:00, morning in the camp.
pub const START_HOUR: u64 = 8;
pub const DUSK_HOUR: f32 = 19.0;
pub const DAWN_HOUR: f32 = 6.0;

/// Minutes since midnight before day 1.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GameClock {
    pub minutes: u64,
}

impl Default for GameClock {
    fn default() -> Self {
        GameClock { minutes: START_HOUR * 60 }
    }
}

impl GameClock {
    /// The day of the journey, starting at 1.
    pub fn day(&self) -> u32 {
        (self.minutes / MINUTES_PER_DAY) as u32 + 1
    }

    /// Hour of the day, 0 to 24 with fractions.
    pub fn hour(&self) -> f32 {
        (self.minutes % MINUTES_PER_DAY) as f32 / 60.0
    }

    pub fn is_night(&self) -> bool {
        let h = self.hour();
        !(DAWN_HOUR..DUSK_HOUR).contains(&h)
    }

    /// `HH:MM`.
    pub fn time_of_day(&self) -> String {
        let m = self.minutes % MINUTES_PER_DAY;
        format!("{:02}:{:02}", m / 60, m % 60)
    }
}

fn advance_clock(mut clock: ResMut<GameClock>) {
    clock.minutes += 1;
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<GameClock>();
    app.add_systems(FixedUpdate, advance_clock.in_set(SimSystems::Clock));
}
