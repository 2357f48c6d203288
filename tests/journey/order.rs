//! The order of the systems, not the executor, makes a journey: no two of the simulation's
//! systems that touch the same data run in an order nothing fixes (Bevy's ambiguity detection
//! at error level finds none), and journeys played on the thread pool are the ones played on
//! one thread, byte for byte.

use bevy::ecs::schedule::{LogLevel, ScheduleBuildSettings, Schedules};
use bevy::prelude::*;
use the_way_back::headless;
use the_way_back::sim::Executor;
use the_way_back::sim::prelude::*;

/// Builds every schedule of the headless app with ambiguity detection at error level and
/// returns each one that fails, with Bevy's list of the systems that conflict.
fn ambiguities(app: &mut App) -> Vec<String> {
    let world = app.world_mut();
    let mut schedules = world.remove_resource::<Schedules>().expect("the app has schedules");
    let mut found = Vec::new();
    for (label, schedule) in schedules.iter_mut() {
        // Bevy's own: each state type's transition runs its OnExit and OnEnter schedules in
        // exclusive systems that Bevy leaves unordered between sibling states (ours are ordered
        // in `states::plugin`), and despawns on exit beside them. Exclusive systems run one at
        // a time, in the schedule's order, on either executor.
        if format!("{label:?}") == "StateTransition" {
            continue;
        }
        schedule.set_build_settings(ScheduleBuildSettings { ambiguity_detection: LogLevel::Error, ..default() });
        if let Err(error) = schedule.initialize(world) {
            found.push(format!("{label:?}: {}", error.to_string(schedule.graph(), world)));
        }
    }
    world.insert_resource(schedules);
    found
}

#[test]
fn no_two_systems_that_touch_the_same_data_run_in_an_order_nothing_fixes() {
    let mut app = headless::app(7, Levels::builtin().expect("the built-in levels are valid"), true);
    let found = ambiguities(&mut app);
    assert!(
        found.is_empty(),
        "{} schedules have ambiguities (to see the systems' names, run again with \
         `--features bevy/debug`):\n{}",
        found.len(),
        found.join("\n\n")
    );
}

/// Each of these seeds' whole journeys, with the careful autoplayer, on both executors.
const SEEDS: [u64; 4] = [1, 7, 42, 2024];

#[test]
fn a_journey_on_the_thread_pool_is_the_journey_on_one_thread() {
    let levels = Levels::builtin().expect("the built-in levels are valid");
    for seed in SEEDS {
        let play = |executor| {
            let report = headless::run_on(
                executor,
                seed,
                levels.clone(),
                Some(Policy::Careful),
                500,
                Stage::Camp,
                Difficulty::Normal,
            );
            report.to_json()
        };
        let one = play(Executor::OneThread);
        let pool = play(Executor::ThreadPool);
        assert!(one.len() > 10_000, "seed {seed}: a whole journey's report, not {} bytes", one.len());
        if one != pool {
            let at = one.bytes().zip(pool.bytes()).position(|(a, b)| a != b).unwrap_or(one.len().min(pool.len()));
            let from = at.saturating_sub(200);
            panic!(
                "seed {seed}: the reports part at byte {at}\n one thread: …{}\n thread pool: …{}",
                &one[from..(at + 200).min(one.len())],
                &pool[from..(at + 200).min(pool.len())]
            );
        }
    }
}
