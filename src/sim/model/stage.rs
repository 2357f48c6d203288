//! The stage being walked: its level, the record of stages entered, its way out, and how the
//! journey ended.

use bevy::prelude::*;
use serde::Serialize;

use crate::levels::Level;
use crate::states::Stage;

/// The level of the stage being walked.
#[derive(Resource, Debug, Clone)]
pub struct CurrentLevel(pub Level);

/// A stage entered: on which day, the day it was left, and its map's fingerprint. The report
/// prints these as they are.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct StageRecord {
    pub stage: Stage,
    pub entered_day: u32,
    pub left_day: Option<u32>,
    pub map_hash: String,
    /// Km walked on the stage, marched and on the ground, to a tenth.
    #[serde(default)]
    pub km: f32,
    /// Days the stage took (from the day entered to the day left).
    #[serde(default)]
    pub days: Option<u32>,
    /// The journey's odometer when the stage was entered.
    #[serde(skip)]
    pub odometer_at_entry: f32,
}

/// Each stage entered so far, in order.
#[derive(Resource, Debug, Clone, Default)]
pub struct StageLog(pub Vec<StageRecord>);

/// How the journey ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The group (or some of it) came down into India.
    ReachedIndia,
    /// Janusz died on the way.
    JanuszDied,
    /// Janusz was lost from the group.
    JanuszLost,
}

#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JourneyOutcome(pub Option<Outcome>);

/// The stage's way out, on the map. Scoped to its stage.
#[derive(Component, Debug, Clone)]
pub struct WayOut {
    pub tiles: Vec<UVec2>,
    pub label: String,
}

/// The stage a journey starts in (`--stage`, for trying a stage out): the group as it set out,
/// Irena with it past Baikal.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StartStage(pub Stage);
