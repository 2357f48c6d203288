//! Story events from the level files: each fires once (once for each person it befalls), is
//! told, and where it has choices, waits for the player's answer and carries it out. The
//! triggers, the effects, the strangers met and the people's lines are rooms of their own.

pub mod conditions;
pub mod draw;
pub mod effects;
pub mod speech;
pub mod strangers;
pub mod triggers;
pub mod visions;

pub use strangers::{Greeted, StrangerAt};

use bevy::prelude::*;
use serde::Serialize;

use crate::levels::{Choice, Levels, MemberId, StoryEvent};
use crate::sim::model::clock::GameClock;
use crate::sim::model::party::Status;
use crate::sim::{EnterStage, EnterStageSystems, SimSystems};
use crate::states::{Screen, Stage};

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct StoryEntry {
    pub id: String,
    pub stage: Stage,
    pub day: u32,
    /// The person the event was about, if any.
    pub subject: Option<MemberId>,
    pub speaker: Option<MemberId>,
    pub title: String,
    pub text: String,
    /// The choice taken, once answered, as the player read it (with its odds, a road's length).
    pub choice: Option<String>,
    /// The choice taken, by its label in the level file: what a later event's `Chose` names
    /// (the validator checks that it names one), never the words shown.
    #[serde(default)]
    pub chose: Option<String>,
    /// What came of it.
    pub reply: Option<String>,
    /// Whether a choice that could fail (on the dice, or on someone's trust) worked.
    #[serde(default)]
    pub worked: Option<bool>,
    /// The choice taken buried the subject (a choice with `buries`, and it worked).
    #[serde(default)]
    pub buried: bool,
}

/// Every story event that has happened, in order.
#[derive(Resource, Debug, Clone, Default)]
pub struct StoryLog(pub Vec<StoryEntry>);

impl StoryLog {
    pub fn has(&self, stage: Stage, id: &str) -> bool {
        self.0.iter().any(|e| e.stage == stage && e.id == id)
    }

    pub(crate) fn has_for(&self, stage: Stage, id: &str, subject: Option<MemberId>) -> bool {
        self.0.iter().any(|e| e.stage == stage && e.id == id && e.subject == subject)
    }

    /// Told, and answered if it asked anything.
    pub(crate) fn settled(&self, stage: Stage, id: &str, pending: &PendingEvent) -> bool {
        self.has(stage, id) && pending.0.as_ref().is_none_or(|p| p.entry.id != id)
    }
}

/// A story event just happened (or was answered): the interface shows it.
#[derive(Message, Debug, Clone)]
pub struct StoryBeat(pub StoryEntry);

/// An event waiting for the player's choice. While one waits, the world stands still.
#[derive(Debug, Clone)]
pub struct Pending {
    pub entry: StoryEntry,
    /// The choices offered, their labels filled in as the player reads them.
    pub choices: Vec<Choice>,
    /// The same choices' labels as the level file writes them, in the same order.
    pub keys: Vec<String>,
    /// Where it is told, when the presentation draws it as a scene.
    pub scene: Option<SceneKind>,
}

/// The scenes of the story the presentation draws over their words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SceneKind {
    /// Round the fire at night (the event asks for a fire).
    Fireside,
    /// First light, with someone missing: the search.
    DawnSearch,
}

#[derive(Resource, Debug, Clone, Default)]
pub struct PendingEvent(pub Option<Pending>);

/// Whether the world goes on: not while the player is asked to choose.
pub fn is_no_choice_waiting(pending: Res<PendingEvent>) -> bool {
    pending.0.is_none()
}

/// The player's answer to the waiting event: the index of the choice.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choose(pub usize);

/// Carrying out the player's answer: input and the autoplayer choose before it.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AnswerSystems;

/// Nights begun in the current stage.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct StageNights {
    pub count: u32,
    was_night: bool,
}

impl StageNights {
    /// As a journey resumed mid-stage left them.
    pub fn resumed(count: u32, clock: &GameClock) -> Self {
        StageNights { count, was_night: clock.is_night() }
    }
}

pub(crate) fn reset_stage_nights(mut nights: ResMut<StageNights>, clock: Res<GameClock>) {
    *nights = StageNights { count: 0, was_night: clock.is_night() };
}

fn count_nights(mut nights: ResMut<StageNights>, clock: Res<GameClock>) {
    let night = clock.is_night();
    if night && !nights.was_night {
        nights.count += 1;
    }
    nights.was_night = night;
}

/// The events that can happen in this stage: its own, and the story file's unless the stage
/// has its own of the same id.
pub fn stage_events<'a>(levels: &'a Levels, level: &'a crate::levels::Level) -> impl Iterator<Item = &'a StoryEvent> {
    level.events.iter().chain(levels.story.events.iter().filter(|e| !level.events.iter().any(|own| own.id == e.id)))
}

/// With the group: on the map, alive and not gone.
pub(crate) fn in_group(status: Status) -> bool {
    matches!(status, Status::Walking | Status::GivenUp)
}

/// Fills `{who}` in an event's text.
pub(crate) fn fill(text: &str, subject: Option<MemberId>) -> String {
    match subject {
        Some(who) => text.replace("{who}", who.name()),
        None => text.to_string(),
    }
}

fn clear_story(mut log: ResMut<StoryLog>, mut pending: ResMut<PendingEvent>, mut told: ResMut<effects::ToldEffects>) {
    log.0.clear();
    told.0.clear();
    pending.0 = None;
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<StoryLog>()
        .init_resource::<StageNights>()
        .init_resource::<PendingEvent>()
        .init_resource::<effects::ToldEffects>()
        .add_message::<StoryBeat>()
        .add_message::<Choose>();
    app.add_systems(OnEnter(Screen::Loading), clear_story);
    app.add_systems(EnterStage, (reset_stage_nights, strangers::place_strangers).in_set(EnterStageSystems::Setup));
    app.add_systems(
        FixedUpdate,
        (
            count_nights,
            strangers::approach_the_group.run_if(crate::sim::journey::is_on_the_stage_ground),
            triggers::fire_story_events,
            draw::draw_chance_event,
            effects::carry_out_told,
            speech::speak,
            speech::speak_at_fire,
            visions::dream_of_the_house,
            visions::follow_the_house,
        )
            .chain()
            .in_set(SimSystems::Story),
    );
    // Answering runs while the rest of the world waits for it.
    app.add_systems(
        FixedUpdate,
        effects::answer_event
            .in_set(AnswerSystems)
            .before(SimSystems::Clock)
            .run_if(in_state(crate::states::Pause::Running)),
    );
}
