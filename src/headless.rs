//! Runs a whole journey with no window: the `--headless` mode of the game binary.

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;

use crate::levels::Levels;
use crate::sim::journey::autoplay::Policy;
use crate::sim::model::clock::{GameClock, MINUTES_PER_DAY};
use crate::sim::model::hardship::Difficulty;
use crate::sim::record::report::{PlayTime, Report};
use crate::sim::{Executor, ExecutorPlugin, SimulationPlugin};
use crate::states::{Screen, Stage};

/// The simulation app with no window: one `update` is one simulation tick (one minute). Its
/// schedules run on one thread, the faster executor for a tick's few dozen small systems.
pub fn app(seed: u64, levels: Levels, autoplay: bool) -> App {
    app_on(seed, levels, autoplay, Executor::OneThread)
}

/// As [`app`], its schedules run by `executor`: the journey is the same on either.
pub fn app_on(seed: u64, levels: Levels, autoplay: bool, executor: Executor) -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, StatesPlugin, SimulationPlugin { seed, levels, autoplay }))
        .add_plugins(ExecutorPlugin(executor))
        .insert_resource(TimeUpdateStrategy::FixedTimesteps(1));
    // What `App::run` would do before its first update: the plugins' last word (the
    // executor's choice, for every schedule).
    app.finish();
    app.cleanup();
    app
}

/// Plays a journey from the start to its end (or to `max_days`) and reports it.
pub fn run(seed: u64, levels: Levels, autoplay: bool, max_days: u32) -> Report {
    run_from(seed, levels, autoplay, max_days, Stage::Camp)
}

/// Whether a story question stands unanswered.
pub fn waits_for_an_answer(world: &World) -> bool {
    world.get_resource::<crate::sim::journey::story::PendingEvent>().is_some_and(|p| p.0.is_some())
}

/// As [`run`], starting in a later stage (`--stage`).
pub fn run_from(seed: u64, levels: Levels, autoplay: bool, max_days: u32, start: Stage) -> Report {
    run_with(seed, levels, autoplay.then_some(Policy::Careful), max_days, start)
}

/// Plays a journey with the autoplayer's `policy` (or none), from `start`.
pub fn run_with(seed: u64, levels: Levels, policy: Option<Policy>, max_days: u32, start: Stage) -> Report {
    run_on(Executor::OneThread, seed, levels, policy, max_days, start, Difficulty::Normal)
}

/// As [`run_with`], at a `difficulty`, its schedules run by `executor` (the journey is the same
/// on either).
pub fn run_on(
    executor: Executor,
    seed: u64,
    levels: Levels,
    policy: Option<Policy>,
    max_days: u32,
    start: Stage,
    difficulty: Difficulty,
) -> Report {
    let autoplay = policy.is_some();
    let mut app = app_on(seed, levels, autoplay, executor);
    app.insert_resource(difficulty);
    app.insert_resource(policy.unwrap_or_default());
    app.insert_resource(crate::sim::model::stage::StartStage(start));
    // A report keeps no saves.
    app.insert_resource(crate::sim::journey::save::NoSaves);
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Loading);
    let limit = (max_days as u64 + 1) * MINUTES_PER_DAY;
    let mut play = PlayTime::default();
    loop {
        app.update();
        play.count(app.world());
        let done = *app.world().resource::<State<Screen>>().get() == Screen::Chronicle;
        let clock = app.world().get_resource::<GameClock>().map_or(0, |c| c.minutes);
        // Without the autoplayer nobody answers the story's questions, and the world waits for
        // an answer for ever: the run ends at the first one (the report says where).
        if !autoplay && waits_for_an_answer(app.world()) {
            break;
        }
        if done || clock > limit {
            break;
        }
    }
    app.world_mut().insert_resource(play);
    Report::from_world(app.world())
}
