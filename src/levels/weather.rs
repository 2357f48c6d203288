//! The air of a level: its climate, and the kinds of weather with what each does to it.

use serde::{Deserialize, Serialize};

use crate::levels::Biome;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Climate {
    /// Air temperature at its warmest (14:00) on flat ground at the stage's altitude, °C.
    pub day_temp_c: f32,
    /// Air temperature before dawn, °C.
    pub night_temp_c: f32,
    /// Mean wind speed, km/h.
    pub wind_kmh: f32,
    /// Relative humidity, %.
    pub humidity_pct: f32,
    /// Altitude of the stage's lowest ground, metres.
    pub altitude_m: f32,
}

/// Climate normals of a weather station near the stage's route, by month: what the climate is
/// when the group is there. The level file names the station and the source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Normals {
    pub station: String,
    pub source: String,
    /// The station's height, metres: the stage's air is the station's moved to the stage's
    /// altitude by the lapse rate.
    pub altitude_m: f32,
    /// Mean daily maximum, °C, January to December (twelve values).
    pub max_c: Vec<f32>,
    /// Mean daily minimum, °C.
    pub min_c: Vec<f32>,
    /// Mean wind speed, km/h.
    pub wind_kmh: Vec<f32>,
    /// Mean relative humidity, %.
    pub humidity_pct: Vec<f32>,
}

/// Altitude lapse rate of the standard atmosphere, °C per metre.
pub const LAPSE_C_PER_M: f32 = 0.0065;

impl Normals {
    /// The climate at `month` (1.0 is 1 January, 12.99 the end of December), read between the
    /// months' normals (each taken as the middle of its month), at `altitude_m`.
    pub fn climate_at(&self, month: f32, altitude_m: f32) -> Climate {
        // Months from the middle of January, wrapping round the year.
        let m = (month - 1.5).rem_euclid(12.0);
        let i = m.floor() as usize % 12;
        let j = (i + 1) % 12;
        let t = m.fract();
        // Twelve values each (the level's check makes sure).
        let lerp = |a: &[f32]| a[i % a.len().max(1)] + (a[j % a.len().max(1)] - a[i % a.len().max(1)]) * t;
        let lapse = LAPSE_C_PER_M * (altitude_m - self.altitude_m);
        Climate {
            day_temp_c: lerp(&self.max_c) - lapse,
            night_temp_c: lerp(&self.min_c) - lapse,
            wind_kmh: lerp(&self.wind_kmh),
            humidity_pct: lerp(&self.humidity_pct),
            altitude_m,
        }
    }
}

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
    pub fn temp_offset_c(self) -> f32 {
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
    pub fn wind_factor(self) -> f32 {
        match self {
            WeatherKind::Clear => 0.8,
            WeatherKind::Overcast => 1.0,
            WeatherKind::Snowfall => 1.2,
            WeatherKind::Blizzard => 3.0,
            WeatherKind::Sandstorm => 3.0,
            WeatherKind::Heatwave => 0.5,
        }
    }

    /// The least wind this weather blows with, km/h, however calm the place's mean: a blizzard
    /// is by definition (US National Weather Service) snow in winds of 35 mph (56 km/h) or more;
    /// a sandstorm lifts sand from about 30 km/h and is a storm well above it.
    pub fn min_wind_kmh(self) -> f32 {
        match self {
            WeatherKind::Blizzard => 56.0,
            WeatherKind::Sandstorm => 45.0,
            _ => 0.0,
        }
    }

    /// How much of the sun gets through, 0 to 1.
    pub fn sun(self) -> f32 {
        match self {
            WeatherKind::Clear | WeatherKind::Heatwave => 1.0,
            WeatherKind::Overcast => 0.35,
            WeatherKind::Snowfall => 0.2,
            WeatherKind::Blizzard | WeatherKind::Sandstorm => 0.1,
        }
    }

    /// How far anyone can see in daylight, tiles.
    pub fn sight_tiles(self) -> f32 {
        match self {
            WeatherKind::Clear | WeatherKind::Heatwave => 14.0,
            WeatherKind::Overcast => 10.0,
            WeatherKind::Snowfall => 6.0,
            WeatherKind::Blizzard | WeatherKind::Sandstorm => 2.0,
        }
    }
}

/// The stage's odds of weather as the season has them, from the month's climate there: no
/// snow when the days are warm (above 8 °C its share falls as rain from an overcast sky, above
/// 2 °C half of it does), no heat wave unless the days are hot (above 25 °C; otherwise its
/// share is clear sky), and the dust storms of the steppe and the desert worst in spring
/// (March to May, the Gobi's windy season: half again as likely).
pub fn odds_in_season(odds: &[(WeatherKind, f32)], climate: &Climate, month: f32) -> Vec<(WeatherKind, f32)> {
    let day = climate.day_temp_c;
    let snow = if day > 8.0 {
        0.0
    } else if day > 2.0 {
        0.5
    } else {
        1.0
    };
    let heat = if day > 25.0 { 1.0 } else { 0.0 };
    let spring = (3.0..6.0).contains(&month);
    let mut to_overcast = 0.0;
    let mut to_clear = 0.0;
    let mut out: Vec<(WeatherKind, f32)> = odds
        .iter()
        .map(|&(kind, p)| match kind {
            WeatherKind::Snowfall | WeatherKind::Blizzard => {
                to_overcast += p * (1.0 - snow);
                (kind, p * snow)
            }
            WeatherKind::Heatwave => {
                to_clear += p * (1.0 - heat);
                (kind, p * heat)
            }
            WeatherKind::Sandstorm if spring => (kind, p * 1.5),
            _ => (kind, p),
        })
        .collect();
    for (kind, extra) in [(WeatherKind::Overcast, to_overcast), (WeatherKind::Clear, to_clear)] {
        if extra <= 0.0 {
            continue;
        }
        match out.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, p)) => *p += extra,
            None => out.push((kind, extra)),
        }
    }
    out.retain(|(_, p)| *p > 0.0);
    out
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
