//! Builds the headless simulation app the way a test needs it: seeded, manual time.

use bevy::prelude::*;
use the_way_back::headless;
use the_way_back::sim::prelude::*;

/// The simulation with no window, as `--headless` builds it: every `update` is exactly one
/// tick, one in-game minute. A laboratory: the pool of chance events is left out, so that what
/// a test sets up is not interrupted by wolves or a birthday (`tests/journey/chance.rs` and
/// the whole journeys played by `run_with` have them).
pub fn sim_app(seed: u64, autoplay: bool) -> App {
    headless::app(seed, lab_levels(), autoplay)
}

/// The built-in levels without the pool of chance events, as [`sim_app`] plays them.
pub fn lab_levels() -> Levels {
    let mut levels = Levels::builtin().expect("the built-in levels are valid");
    levels.story.pool.clear();
    levels
}

/// Starts a journey and steps until it is in its first stage (the Camp, unless it begins later
/// or is resumed).
pub fn start_journey(app: &mut App) {
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Loading);
    for _ in 0..5 {
        app.update();
        if stage(app).is_some() {
            return;
        }
    }
    panic!("the journey did not start: screen {:?}", screen(app));
}

/// Puts the group down on the stage's scene (where a stage that begins on the march would
/// reach it later): for trying out what happens on the ground.
pub fn go_down_to_the_scene(app: &mut App) {
    app.world_mut().resource_mut::<NextState<Scale>>().set(Scale::Scene);
    app.update();
}

pub fn scale(app: &App) -> Option<Scale> {
    app.world().get_resource::<State<Scale>>().map(|s| *s.get())
}

pub fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

pub fn stage(app: &App) -> Option<Stage> {
    app.world().get_resource::<State<Stage>>().map(|s| *s.get())
}

pub fn day(app: &App) -> u32 {
    app.world().resource::<GameClock>().day()
}

/// Steps until `done` holds or `days` in-game days have passed; says whether it held.
pub fn step_until(app: &mut App, days: u32, mut done: impl FnMut(&mut App) -> bool) -> bool {
    for _ in 0..days as u64 * MINUTES_PER_DAY {
        app.update();
        if done(app) {
            return true;
        }
    }
    false
}
