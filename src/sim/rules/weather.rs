//! Time-of-day climate and weather: what the air is doing where the group stands. Weather
//! changes every few hours, drawn from the stage's odds with the simulation's RNG.

use bevy::prelude::*;
use rand::Rng;

use crate::levels::{Biome, Climate};
pub use crate::levels::{WeatherKind, default_odds};
use crate::sim::model::air::Weather;
use crate::sim::model::clock::GameClock;
use crate::sim::model::seed::SimRng;
use crate::sim::model::stage::CurrentLevel;
use crate::sim::{EnterStage, EnterStageSystems, SimSystems};

/// Air temperature of the stage's climate at an hour: coldest near dawn (05:00), warmest at
/// 14:00, a cosine between.
pub fn climate_temp_c(c: &Climate, hour: f32) -> f32 {
    let mid = (c.day_temp_c + c.night_temp_c) * 0.5;
    let amp = (c.day_temp_c - c.night_temp_c) * 0.5;
    // Warming from 05:00 to 14:00 (9 h), cooling from 14:00 to 05:00 (15 h).
    let phase =
        if (5.0..14.0).contains(&hour) { (hour - 5.0) / 9.0 } else { 1.0 + ((hour - 14.0).rem_euclid(24.0)) / 15.0 };
    mid - amp * (phase * std::f32::consts::PI).cos()
}

/// Height of the sun: 0 before 06:00 and after 19:00, 1 at 12:30.
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

fn reset_weather(mut weather: ResMut<Weather>, clock: Res<GameClock>, level: Res<CurrentLevel>) {
    // A story's storm still blowing goes on into the new stage (the escape's into the taiga).
    if weather.forced && weather.next_change > clock.minutes {
        return;
    }
    // Each stage opens in its most common weather; the dice decide from the first change on.
    let odds = level.0.weather_odds();
    let kind = odds.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1)).map_or(WeatherKind::Clear, |(k, _)| k);
    *weather = Weather { kind, next_change: clock.minutes + 180, ..default() };
}

fn change_weather(
    mut weather: ResMut<Weather>,
    clock: Res<GameClock>,
    level: Res<CurrentLevel>,
    mut rng: ResMut<SimRng>,
) {
    let climate = level.0.climate_in(clock.month_f());
    if clock.minutes >= weather.next_change {
        let odds = crate::levels::odds_in_season(&level.0.weather_odds(), &climate, clock.month_f());
        weather.kind = pick(&odds, rng.0.random());
        weather.forced = false;
        // Storms blow themselves out sooner than fair weather changes.
        let hours = match weather.kind {
            WeatherKind::Blizzard | WeatherKind::Sandstorm => rng.0.random_range(2..6),
            _ => rng.0.random_range(3..9),
        };
        weather.next_change = clock.minutes + hours * 60;
    }
    let hour = clock.hour();
    let light = daylight(hour);
    weather.air_c = climate_temp_c(&climate, hour) + weather.kind.temp_offset_c() * (0.5 + 0.5 * light);
    weather.wind_kmh = (climate.wind_kmh * weather.kind.wind_factor()).max(weather.kind.min_wind_kmh());
    weather.humidity_pct = climate.humidity_pct;
    weather.sun = light * weather.kind.sun();
    // By night the moon and the snow give a few tiles at best.
    let night_sight = if matches!(level.0.biome, Biome::Taiga | Biome::Camp | Biome::Mountains) { 4.0 } else { 3.0 };
    let day_sight = weather.kind.sight_tiles();
    weather.sight_tiles = (night_sight + (day_sight - night_sight) * light.min(0.5) * 2.0).min(day_sight);
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Weather>();
    app.add_systems(EnterStage, reset_weather.in_set(EnterStageSystems::Setup));
    app.add_systems(FixedUpdate, change_weather.in_set(SimSystems::Weather));
}
