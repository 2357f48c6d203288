//! One stage's level file, and all of them with the story file.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::levels::{
    Biome, Climate, Edge, Generation, Geo, MarchRoute, Normals, Story, StoryEvent, WeatherKind, default_odds,
};
use crate::states::Stage;

/// Where a stage is left: a stretch of one side of the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelWayOut {
    pub edge: Edge,
    /// Width of the way out, tiles.
    pub width: u32,
    /// What the player is told the way out is.
    pub label: String,
}

/// One stage's level file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub stage: Stage,
    pub title: String,
    /// Where and when, as the player is told on entering.
    pub place: String,
    pub biome: Biome,
    /// Map width and height, tiles.
    pub size: (u32, u32),
    /// Ground one tile stands for, metres: the map is the land compressed, not to scale.
    pub tile_m: f32,
    pub entry: Edge,
    pub way_out: LevelWayOut,
    pub climate: Climate,
    pub generation: Generation,
    /// Odds of each kind of weather at each change; empty means the biome's usual odds.
    #[serde(default)]
    pub weather: Vec<(WeatherKind, f32)>,
    /// Where the stage lies on the map of the journey.
    pub geo: Geo,
    /// The stage's climate by month; without it, `climate` all year.
    #[serde(default)]
    pub normals: Option<Normals>,
    /// The day of the journey (1: the escape) a walk usually reaches this stage, measured with
    /// the autoplayer: a journey begun here (`--stage`) starts on it, in its season.
    #[serde(default)]
    pub reached_about_day: Option<u32>,
    /// The stage's march; without it the stage is its scene alone.
    #[serde(default)]
    pub route: Option<MarchRoute>,
    #[serde(default)]
    pub events: Vec<StoryEvent>,
}

impl Level {
    /// The stage's climate in `month` (see [`Normals::climate_at`]).
    pub fn climate_in(&self, month: f32) -> Climate {
        match &self.normals {
            Some(n) => n.climate_at(month, self.climate.altitude_m),
            None => self.climate.clone(),
        }
    }

    /// Where along the stage's route its scene begins, km.
    /// A scene at the route's end begins its own length before it.
    pub fn scene_start_km(&self) -> f32 {
        self.route.as_ref().map_or(0.0, |r| {
            let length = r.length_km();
            (r.scene_at.clamp(0.0, 1.0) * length).min((length - self.scene_km()).max(0.0))
        })
    }

    /// Km of the route the scene's map stands for: across it from its entry to its way out,
    /// at its scale.
    pub fn scene_km(&self) -> f32 {
        let across = if matches!(self.entry, Edge::North | Edge::South) { self.size.1 } else { self.size.0 };
        across as f32 * self.tile_m / 1000.0
    }

    /// The km of the stage's route, or none for a stage that is its scene alone.
    pub fn route_km(&self) -> f32 {
        self.route.as_ref().map_or(0.0, MarchRoute::length_km)
    }

    pub fn weather_odds(&self) -> Vec<(WeatherKind, f32)> {
        if self.weather.is_empty() { default_odds(self.biome) } else { self.weather.clone() }
    }
}

/// All ten stages' levels, in journey order, and the story file.
#[derive(Resource, Debug, Clone)]
pub struct Levels {
    pub stages: Vec<Level>,
    pub story: Story,
}

impl Levels {
    pub fn get(&self, stage: Stage) -> &Level {
        &self.stages[stage.index()]
    }
}
