//! Story events from the level files: fired once each, when their trigger is met.

use bevy::prelude::*;
use serde::Serialize;

use super::SimSystems;
use super::clock::GameClock;
use super::journey::CurrentLevel;
use super::levels::Trigger;
use super::party::{Leader, Position};
use super::state::Stage;
use super::world::StageMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoryEntry {
    pub id: String,
    pub stage: Stage,
    pub day: u32,
    pub title: String,
    pub text: String,
}

/// Every story event that has happened, in order.
#[derive(Resource, Debug, Clone, Default)]
pub struct StoryLog(pub Vec<StoryEntry>);

impl StoryLog {
    pub fn has(&self, stage: Stage, id: &str) -> bool {
        self.0.iter().any(|e| e.stage == stage && e.id == id)
    }
}

/// A story event just happened: the interface shows it.
#[derive(Message, Debug, Clone)]
pub struct StoryBeat(pub StoryEntry);

/// Nights begun in the current stage.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct StageNights {
    pub count: u32,
    was_night: bool,
}

fn reset_stage_nights(mut nights: ResMut<StageNights>, clock: Res<GameClock>) {
    *nights = StageNights { count: 0, was_night: clock.is_night() };
}

fn count_nights(mut nights: ResMut<StageNights>, clock: Res<GameClock>) {
    let night = clock.is_night();
    if night && !nights.was_night {
        nights.count += 1;
    }
    nights.was_night = night;
}

/// How far along the stage the leader is, 0 at the entry to 1 at the way out, as the crow flies.
pub fn progress(map: &StageMap, pos: Vec2) -> f32 {
    let entry = map.entry.as_vec2();
    let exit = map.exit_centre().as_vec2();
    let total = entry.distance(exit).max(1.0);
    (1.0 - pos.distance(exit) / total).clamp(0.0, 1.0)
}

fn fire_story_events(
    level: Option<Res<CurrentLevel>>,
    map: Option<Res<StageMap>>,
    stage: Res<State<Stage>>,
    clock: Res<GameClock>,
    nights: Res<StageNights>,
    leader: Query<&Position, With<Leader>>,
    mut log: ResMut<StoryLog>,
    mut beats: MessageWriter<StoryBeat>,
) {
    let (Some(level), Some(map)) = (level, map) else { return };
    let stage = *stage.get();
    let along = leader.single().map(|p| progress(&map, p.0)).unwrap_or(0.0);
    for event in &level.0.events {
        if log.has(stage, &event.id) {
            continue;
        }
        let due = match event.trigger {
            Trigger::StageEntered => true,
            Trigger::Night(n) => nights.count >= n,
            Trigger::Progress(p) => along >= p,
        };
        if due {
            let entry = StoryEntry {
                id: event.id.clone(),
                stage,
                day: clock.day(),
                title: event.title.clone(),
                text: event.text.clone(),
            };
            log.0.push(entry.clone());
            beats.write(StoryBeat(entry));
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<StoryLog>()
        .init_resource::<StageNights>()
        .add_message::<StoryBeat>();
    for stage in Stage::ALL {
        app.add_systems(OnEnter(stage), reset_stage_nights);
    }
    app.add_systems(
        FixedUpdate,
        (count_nights, fire_story_events).chain().in_set(SimSystems::Story),
    );
}
