//! The end-of-run report (`--report json`): a public interface, so keys are only ever added.

use bevy::prelude::*;
use serde::Serialize;

use crate::levels::MemberId;
use crate::sim::journey::story::StoryLog;
use crate::sim::model::clock::GameClock;
use crate::sim::model::hardship::Difficulty;
use crate::sim::model::party::{Fate, Fates};
use crate::sim::model::seed::RunSeed;
use crate::sim::model::stage::{AtTheEnd, JourneyOutcome, Outcome, StageLog, StageRecord};
use crate::sim::model::supplies::Supplies;
use crate::sim::model::walk::Odometer;
use crate::sim::record::chronicle::{Chronicle, EndingText};
use crate::sim::record::score::Tally;
use crate::states::Stage;

/// Coordinates to a hundredth of a degree: identical printing on every platform.
fn round_geo((lat, lon): (f32, f32)) -> (f32, f32) {
    ((lat * 100.0).round() / 100.0, (lon * 100.0).round() / 100.0)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub seed: u64,
    /// `story`, `normal` or `as it was`.
    pub difficulty: &'static str,
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
    /// How long the journey would take a player at normal speed, from the time the run spent
    /// on each scale (a headless run counts it; `null` otherwise).
    pub play: Option<PlayTime>,
    /// The journey's score, and the feats it earned (`sim::record::score`).
    pub score: u32,
    pub feats: Vec<&'static str>,
    /// The camp's watch saw the group break out (the dogs went out at once).
    pub seen_at_the_wire: bool,
}

/// Seconds a player reads a story event, and more when it asks something of them: an
/// assumption (a few lines of text at a leisurely 200 words a minute), not a measurement.
const READ_S: f32 = 8.0;
const ANSWER_S: f32 = 12.0;

/// The journey's time by scale, and what it comes to for a player at normal speed: the march
/// at its hours a second, the scenes at a minute a tick and their nights at the sleep speed,
/// and the story read as it is told.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct PlayTime {
    pub march_hours: u32,
    /// Minutes in scenes while someone walks or the camp is awake, and while it sleeps.
    pub scene_minutes: u32,
    pub camp_minutes: u32,
    pub minutes_at_normal_speed: u32,
}

impl PlayTime {
    /// Counts one tick of the simulation, on the scale it ran.
    pub fn count(&mut self, world: &World) {
        let Some(scale) = world.get_resource::<State<crate::states::Scale>>() else { return };
        let asleep = world.get_resource::<crate::sim::model::group::Resting>().is_some_and(|r| r.0);
        match scale.get() {
            crate::states::Scale::March => self.march_hours += 1,
            crate::states::Scale::Scene if asleep => self.camp_minutes += 1,
            crate::states::Scale::Scene => self.scene_minutes += 1,
        }
    }

    /// With the story's events read and answered, in real minutes at normal speed.
    pub fn finish(mut self, told: usize, asked: usize) -> PlayTime {
        let ticks = crate::sim::TICKS_PER_SECOND as f32;
        let seconds = self.march_hours as f32 / crate::sim::MARCH_HOURS_PER_SECOND
            + self.scene_minutes as f32 / ticks
            + self.camp_minutes as f32 / (ticks * crate::sim::SLEEP_SPEED)
            + told as f32 * READ_S
            + asked as f32 * ANSWER_S;
        self.minutes_at_normal_speed = (seconds / 60.0).round() as u32;
        self
    }
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
    /// What came of it, as told.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    /// For a choice that could fail: whether it worked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub worked: Option<bool>,
}

impl Report {
    pub fn from_world(world: &World) -> Report {
        let fates = world.resource::<Fates>();
        let chronicle = Chronicle::from_world(world);
        let score = Report::tally(world).score();
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
            difficulty: world.resource::<Difficulty>().name(),
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
                    outcome: e.reply.clone(),
                    worked: e.worked,
                })
                .collect(),
            ending: chronicle.ending,
            route: chronicle.route.into_iter().map(round_geo).collect(),
            play: world.get_resource::<PlayTime>().map(|p| {
                let log = &world.resource::<StoryLog>().0;
                p.finish(log.len(), log.iter().filter(|e| e.choice.is_some()).count())
            }),
            score: score.points,
            feats: score.feats.iter().map(|f| f.name()).collect(),
            seen_at_the_wire: world.get_resource::<crate::sim::model::pursuit::Pursuit>().is_some_and(|p| p.alarm),
        }
    }

    /// What the score is read from, as the journey ended.
    pub fn tally(world: &World) -> Tally {
        let log = &world.resource::<StoryLog>().0;
        let end = world.get_resource::<AtTheEnd>().copied().unwrap_or_default();
        Tally {
            outcome: world.resource::<JourneyOutcome>().0,
            difficulty: *world.resource::<Difficulty>(),
            days: world.resource::<GameClock>().day(),
            km: world.resource::<Odometer>().0,
            fates: world.resource::<Fates>().0.iter().map(|r| (r.member, r.fate, r.stage)).collect(),
            rations: world.get_resource::<Supplies>().map_or(0.0, |s| s.rations),
            gear: end.gear,
            left_the_gobi: world.resource::<StageLog>().0.iter().any(|s| s.stage > Stage::Gobi),
            drank_at_the_stream: log.iter().any(|e| e.stage == Stage::Gobi && e.id == "the_stream"),
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).expect("a report always serialises")
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
    }
}
