//! Time-of-day climate and weather: what the air is doing where the group stands. Weather
//! changes every few hours, drawn from the stage's odds with the simulation's RNG.

use bevy::prelude::*;
use rand::Rng;
use serde::{Deserialize, Serialize};

use crate::sim::SimSystems;
use crate::sim::clock::GameClock;
use crate::sim::journey::{CurrentLevel, SimRng};
use crate::sim::levels::{Biome, Level};
use crate::sim::state::Stage;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum WeatherKind {
    Clear,
    Overcast,
    Snowfall,
    Blizzard,
    Sandstorm,
    Heatwave,
}

impl WeatherKind {
    pub const ALL: [WeatherKind; 6] = [
        WeatherKind::Clear,
        WeatherKind::Overcast,
        WeatherKind::Snowfall,
        WeatherKind::Blizzard,
        WeatherKind::Sandstorm,
        WeatherKind::Heatwave,
    ];

    /// Added to the air temperature, °C.
    fn temp_offset_c(self) -> f32 {
        match self {
            WeatherKind::Clear => 0.0,
            WeatherKind::Overcast => 0.0,
            WeatherKind::Snowfall => -2.0,
            WeatherKind::Blizzard => -6.0,
            WeatherKind::Sandstorm => -2.0,
            WeatherKind::Heatwave => 6.0,
        }
    }

    /// The stage's wind is multiplied by this.
    fn wind_factor(self) -> f32 {
        match self {
            WeatherKind::Clear => 0.8,
            WeatherKind::Overcast => 1.0,
            WeatherKind::Snowfall => 1.2,
            WeatherKind::Blizzard => 3.0,
            WeatherKind::Sandstorm => 3.0,
            WeatherKind::Heatwave => 0.5,
        }
    }

    /// How much of the sun gets through, 0 to 1.
    fn sun(self) -> f32 {
        match self {
            WeatherKind::Clear | WeatherKind::Heatwave => 1.0,
            WeatherKind::Overcast => 0.35,
            WeatherKind::Snowfall => 0.2,
            WeatherKind::Blizzard | WeatherKind::Sandstorm => 0.1,
        }
    }

    /// How far anyone can see in daylight, tiles.
    fn sight_tiles(self) -> f32 {
        match self {
            WeatherKind::Clear | WeatherKind::Heatwave => 14.0,
            WeatherKind::Overcast => 10.0,
            WeatherKind::Snowfall => 6.0,
            WeatherKind::Blizzard | WeatherKind::Sandstorm => 2.0,
        }
    }
}

/// The weather's odds for a stage: the chance of each kind at each change.
pub fn default_odds(biome: Biome) -> Vec<(WeatherKind, f32)> {
    use WeatherKind::*;
    match biome {
        Biome::Camp | Biome::Taiga => vec![(Clear, 0.35), (Overcast, 0.3), (Snowfall, 0.25), (Blizzard, 0.1)],
        Biome::Lakeshore => vec![(Clear, 0.35), (Overcast, 0.35), (Snowfall, 0.2), (Blizzard, 0.1)],
        Biome::Steppe => vec![(Clear, 0.55), (Overcast, 0.35), (Snowfall, 0.1)],
        Biome::Desert => vec![(Clear, 0.55), (Heatwave, 0.25), (Sandstorm, 0.15), (Overcast, 0.05)],
        Biome::Mountains | Biome::Monastery => {
            vec![(Clear, 0.4), (Overcast, 0.25), (Snowfall, 0.23), (Blizzard, 0.12)]
        }
        Biome::Foothills | Biome::Homecoming => vec![(Clear, 0.6), (Overcast, 0.4)],
    }
}

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
    next_change: u64,
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
    }
}

/// Air temperature of the stage's climate at an hour: coldest near dawn (05:00), warmest at
/// 14:00, a cosine between.
pub fn climate_temp_c(level: &Level, hour: f32) -> f32 {
    let c = &level.climate;
    let mid = (c.day_temp_c + c.night_temp_c) * 0.5;
    let amp = (c.day_temp_c - c.night_temp_c) * 0.5;
    // Warming from 05:00 to 14:00 (9 h), cooling from 14:00 to 05:00 (15 h).
    let phase =
        if (5.0..14.0).contains(&hour) { (hour - 5.0) / 9.0 } else { 1.0 + ((hour - 14.0).rem_euclid(24.0)) / 15.0 };
    mid - amp * (phase * std::f32::consts::PI).cos()
}

/// Height of the sun, 0 at night to 1 at noon.
pub fn daylight(hour: f32) -> f32 {
    ((hour - 6.0) / 13.0 * std::f32::consts::PI).sin().max(0.0)
}

fn pick(odds: &[(WeatherKind, f32)], roll: f32) -> WeatherKind {
    let total: f32 = odds.iter().map(|(_, p)| p).sum();
    let mut left = roll * total;
    for (kind, p) in odds {
        if left < *p {
            return *kind;
        }
        left -= p;
    }
    odds.last().map_or(WeatherKind::Clear, |(k, _)| *k)
}

fn reset_weather(mut weather: ResMut<Weather>, clock: Res<GameClock>, level: Option<Res<CurrentLevel>>) {
    // Each stage opens in its most common weather; the dice decide from the first change on.
    let kind = level
        .map(|l| l.0.weather_odds())
        .and_then(|o| o.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1)).map(|(k, _)| k))
        .unwrap_or(WeatherKind::Clear);
    *weather = Weather { kind, next_change: clock.minutes + 180, ..default() };
}

fn change_weather(
    mut weather: ResMut<Weather>,
    clock: Res<GameClock>,
    level: Option<Res<CurrentLevel>>,
    mut rng: ResMut<SimRng>,
) {
    let Some(level) = level else { return };
    if clock.minutes >= weather.next_change {
        let odds = level.0.weather_odds();
        weather.kind = pick(&odds, rng.0.random());
        // Storms blow themselves out sooner than fair weather changes.
        let hours = match weather.kind {
            WeatherKind::Blizzard | WeatherKind::Sandstorm => rng.0.random_range(2..6),
            _ => rng.0.random_range(3..9),
        };
        weather.next_change = clock.minutes + hours * 60;
    }
    let hour = clock.hour();
    let light = daylight(hour);
    weather.air_c = climate_temp_c(&level.0, hour) + weather.kind.temp_offset_c() * (0.5 + 0.5 * light);
    weather.wind_kmh = level.0.climate.wind_kmh * weather.kind.wind_factor();
    weather.humidity_pct = level.0.climate.humidity_pct;
    weather.sun = light * weather.kind.sun();
    // By night the moon and the snow give a few tiles at best.
    let night_sight = if matches!(level.0.biome, Biome::Taiga | Biome::Camp | Biome::Mountains) { 4.0 } else { 3.0 };
    let day_sight = weather.kind.sight_tiles();
    weather.sight_tiles = (night_sight + (day_sight - night_sight) * light.min(0.5) * 2.0).min(day_sight);
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Weather>();
    for stage in Stage::ALL {
        app.add_systems(OnEnter(stage), reset_weather.after(crate::sim::journey::JourneySystems::EnterStage));
    }
    app.add_systems(FixedUpdate, change_weather.in_set(SimSystems::Weather));
}
