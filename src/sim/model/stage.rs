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
    /// Km of the stage's route covered (the march, and the stretch its scene stands for), to a
    /// tenth: its length on the map.
    #[serde(default)]
    pub km: f32,
    /// Km of the stage's route as walked (with the roads taken at its forks), to a tenth: the
    /// geography `km` is measured against.
    #[serde(default)]
    pub route_km: f32,
    /// Km walked on the stage, detours and errands on the ground included, to a tenth.
    #[serde(default)]
    pub walked_km: f32,
    /// Times the group went down off the route onto the ground (a night's camp, a search).
    #[serde(default)]
    pub grounds: u32,
    /// Days the stage took (from the day entered to the day left).
    #[serde(default)]
    pub days: Option<u32>,
}

/// Each stage entered so far, in order.
#[derive(Resource, Debug, Clone, Default)]
pub struct StageLog(pub Vec<StageRecord>);

impl StageLog {
    /// The stage being walked is left on `day`, `route_km` of its route covered and the
    /// journey's odometer at `odometer_km`: its days and km are written down (once).
    pub fn close(&mut self, day: u32, route_km: f32, length_km: f32, odometer_km: f32) {
        let before: f32 = self.0.iter().rev().skip(1).map(|r| r.walked_km).sum();
        let Some(record) = self.0.last_mut() else { return };
        if record.left_day.is_some() {
            return;
        }
        record.left_day = Some(day);
        record.days = Some(day - record.entered_day);
        record.walked_km = ((odometer_km - before).max(0.0) * 10.0).round() / 10.0;
        record.km = (route_km * 10.0).round() / 10.0;
        record.route_km = (length_km * 10.0).round() / 10.0;
    }
}

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

/// The group as it stood when the journey ended, for the score: its people are gone from the
/// world with the journey's last stage.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq)]
pub struct AtTheEnd {
    /// The walkers' boots and clothes, 0 rags to 1 new (mean).
    pub gear: f32,
}

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
