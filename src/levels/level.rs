//! One stage's level file, and all of them with the story file.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::levels::{Biome, Climate, Edge, Generation, Geo, Story, StoryEvent, WeatherKind, default_odds};
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
    #[serde(default)]
    pub events: Vec<StoryEvent>,
}

impl Level {
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
