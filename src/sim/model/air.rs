//! The air where the group stands: the weather now, and what it makes of the climate.

use bevy::prelude::*;

pub use crate::levels::WeatherKind;

/// The weather now, and what it makes of the stage's climate.
#[derive(Resource, Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Weather {
    pub kind: WeatherKind,
    /// Air temperature on open ground at the stage's altitude, °C.
    pub air_c: f32,
    /// Wind on open ground, km/h.
    pub wind_kmh: f32,
    pub humidity_pct: f32,
    /// Sunshine, 0 (night or thick cloud) to 1 (full sun).
    pub sun: f32,
    /// How far anyone with good eyes can see, tiles.
    pub sight_tiles: f32,
    /// Minute of the clock at which the weather next changes.
    pub next_change: u64,
    /// The weather now is a story's (the escape's storm), and goes on where the group goes
    /// until it blows out, into the next stage too.
    #[serde(default)]
    pub forced: bool,
}

impl Default for Weather {
    fn default() -> Self {
        Weather {
            kind: WeatherKind::Clear,
            air_c: 10.0,
            wind_kmh: 0.0,
            humidity_pct: 50.0,
            sun: 0.0,
            sight_tiles: 14.0,
            next_change: 0,
            forced: false,
        }
    }
}

impl Weather {
    /// Keeps this kind of weather until told otherwise (scenarios and tests).
    pub fn hold(&mut self, kind: WeatherKind) {
        self.kind = kind;
        self.next_change = u64::MAX;
    }

    /// This weather now, until the given minute of the clock (a story event's storm).
    pub fn force(&mut self, kind: WeatherKind, until_minute: u64) {
        self.kind = kind;
        self.next_change = until_minute;
        self.forced = true;
    }
}
