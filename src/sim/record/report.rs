//! The end-of-run report (`--report json`): a public interface, so keys are only ever added.

use bevy::prelude::*;
use serde::Serialize;

use crate::levels::MemberId;
use crate::sim::journey::story::StoryLog;
use crate::sim::model::clock::GameClock;
use crate::sim::model::party::{Fate, Fates};
use crate::sim::model::seed::RunSeed;
use crate::sim::model::stage::{JourneyOutcome, Outcome, StageLog, StageRecord};
use crate::sim::model::walk::Odometer;
use crate::sim::record::chronicle::{Chronicle, EndingText};
use crate::states::Stage;

/// Coordinates to a hundredth of a degree: identical printing on every platform.
fn round_geo((lat, lon): (f32, f32)) -> (f32, f32) {
    ((lat * 100.0).round() / 100.0, (lon * 100.0).round() / 100.0)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub seed: u64,
    /// `null` if the run was stopped before the journey ended.
    pub outcome: Option<Outcome>,
    pub days: u32,
    /// The day of the escape and the last day of the journey, `YYYY-MM-DD`.
    pub start_date: String,
    pub end_date: String,
    pub distance_km: f64,
    /// Each stage entered, as the journey's log keeps it.
    pub stages: Vec<StageRecord>,
    pub members: Vec<MemberReport>,
    pub events: Vec<EventReport>,
    /// How it ended, as the chronicle tells it.
    pub ending: Option<EndingText>,
    /// The route walked on the real map, [latitude, longitude], hourly.
    pub route: Vec<(f32, f32)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberReport {
    pub name: &'static str,
    pub fate: Fate,
    pub stage: Option<Stage>,
    pub day: Option<u32>,
    pub cause: Option<String>,
    /// What happened to them in the film.
    pub film: String,
    /// Where their road ended, [latitude, longitude], if it ended on the way.
    pub at: Option<(f32, f32)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventReport {
    pub id: String,
    pub stage: Stage,
    pub day: u32,
    /// Whom it was about.
    pub subject: Option<&'static str>,
    /// The choice taken, for events that asked.
    pub choice: Option<String>,
}

impl Report {
    pub fn from_world(world: &World) -> Report {
        let fates = world.resource::<Fates>();
        let chronicle = Chronicle::from_world(world);
        let members = MemberId::ALL
            .iter()
            .zip(&chronicle.members)
            .filter_map(|(&id, line)| {
                let record = fates.of(id)?;
                let settled = record.fate != Fate::Survived;
                Some(MemberReport {
                    name: id.name(),
                    fate: record.fate,
                    stage: settled.then_some(record.stage),
                    day: settled.then_some(record.day),
                    cause: settled.then(|| record.cause.clone()),
                    film: line.film.clone(),
                    at: line.at.map(round_geo),
                })
            })
            .collect();
        Report {
            seed: world.resource::<RunSeed>().0,
            outcome: world.resource::<JourneyOutcome>().0,
            days: world.resource::<GameClock>().day(),
            start_date: GameClock::date_of(1).iso(),
            end_date: world.resource::<GameClock>().date().iso(),
            // Rounded so that the report is identical across platforms' float printing.
            distance_km: (world.resource::<Odometer>().0 as f64 * 10.0).round() / 10.0,
            stages: world.resource::<StageLog>().0.clone(),
            members,
            events: world
                .resource::<StoryLog>()
                .0
                .iter()
                .map(|e| EventReport {
                    id: e.id.clone(),
                    stage: e.stage,
                    day: e.day,
                    subject: e.subject.map(|m| m.name()),
                    choice: e.choice.clone(),
                })
                .collect(),
            ending: chronicle.ending,
            route: chronicle.route.into_iter().map(round_geo).collect(),
        }
    }

    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).expect("a report always serialises")
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }
}
