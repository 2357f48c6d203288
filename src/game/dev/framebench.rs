//! The frame-time benchmark (`--bench-frames N`): starts a journey straight away in the chosen
//! stage (`--stage`), on the ground of a night's camp or on the march's map (`--bench-view`),
//! makes it a stormy night with a fire burning (lit again if the storm puts it out) and no
//! question of the story standing over it (the autoplayer answers at once), then times
//! N frames after a warm-up, prints the figures and quits. The storm is a sandstorm in the
//! desert, a blizzard elsewhere. To find what a frame's time goes on,
//! `THE_WAY_BACK_BENCH_HIDE` names things to leave undrawn, by their `Name` (`HUD,Veil,Map
//! chunk,Weather particle`, and `Canvas` for the world under the screen camera's layer; in the
//! browser, `#hide=` after the address); `THE_WAY_BACK_BENCH_SHOT` is a PNG path for a
//! screenshot of the timed scene, taken after the timing, and
//! `THE_WAY_BACK_BENCH_LIGHT=day|night|storm-day` times a clear noon, a clear night by a fire
//! or the storm at noon instead of the storm at night. `THE_WAY_BACK_BENCH_PASSES=1` also
//! prints what each render pass took, on the CPU and (where the driver counts) the GPU, and how
//! many times its shaders ran (Bevy's `RenderDiagnosticsPlugin`).

use bevy::prelude::*;

use bevy::render::view::screenshot::{Screenshot, save_to_disk};

use crate::levels::{Biome, WeatherKind};
use crate::sim::model::air::Weather;
use crate::sim::model::clock::{GameClock, MINUTES_PER_DAY};
use crate::sim::model::march::GoDown;
use crate::sim::model::supplies::{CampAction, Supplies};
use crate::states::{Scale, Screen, Stage};

/// What the benchmark looks at: the ground of a night's camp, or the march's map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BenchView {
    #[default]
    Ground,
    March,
}

/// Frames to time; the benchmark is off without it.
#[derive(Resource, Debug, Clone, Copy)]
pub struct BenchFrames(pub u32, pub BenchView);

/// Frames drawn before timing starts: the map's chunks are still being spawned then.
const WARM_UP: usize = 120;

#[derive(Resource, Debug, Default)]
struct Timings {
    frames: Vec<f32>,
    set_up: bool,
    /// Frames left before quitting once timed: a screenshot is written a few frames after it is
    /// asked for.
    quit_in: Option<u32>,
    /// A night scene: a fire is to burn through it.
    fire_wanted: bool,
}

fn start_at_once(mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Loading);
}

/// Night, a blizzard, and a fire lit beside the leader; on the ground of a night's camp unless
/// the march's map is to be timed.
#[allow(clippy::too_many_arguments)]
fn make_the_scene(
    mut timings: ResMut<Timings>,
    bench: Res<BenchFrames>,
    stage: Option<Res<State<Stage>>>,
    scale: Res<State<Scale>>,
    mut go_down: MessageWriter<GoDown>,
    mut waited: Local<u32>,
    start: Res<crate::sim::model::stage::StartStage>,
    level: Option<Res<crate::sim::model::stage::CurrentLevel>>,
    mut clock: ResMut<GameClock>,
    mut weather: ResMut<Weather>,
    mut speed: ResMut<crate::game::input::GameSpeed>,
    mut reading: ResMut<crate::sim::journey::autoplay::ReadingTime>,
) {
    if timings.set_up || stage.is_none_or(|s| *s.get() != start.0) {
        return;
    }
    // The stage settles first: a stage that is marched begins in its scene for a frame or two.
    *waited += 1;
    if *waited < 30 {
        return;
    }
    if bench.1 == BenchView::Ground && *scale.get() == Scale::March {
        // Asked again now and then: not while someone is out of sight, says the march.
        if waited.is_multiple_of(30) {
            go_down.write(GoDown);
        }
        return;
    }
    timings.set_up = true;
    let light = std::env::var("THE_WAY_BACK_BENCH_LIGHT").unwrap_or_default();
    let day = clock.minutes / MINUTES_PER_DAY;
    let by_day = light == "day" || light == "storm-day";
    let hour = if by_day { 12 * 60 } else { 21 * 60 + 30 };
    clock.minutes = day * MINUTES_PER_DAY + hour;
    // The ground of a night's camp has its own level: the Gobi's may be grass.
    let desert = start.0 == Stage::Gobi || level.is_some_and(|l| l.0.biome == Biome::Desert);
    let storm = if desert { WeatherKind::Sandstorm } else { WeatherKind::Blizzard };
    weather.hold(if light.is_empty() || light == "storm-day" { storm } else { WeatherKind::Clear });
    // Lit (and kept burning) by `keep_the_fire`.
    timings.fire_wanted = !by_day && bench.1 == BenchView::Ground;
    // Time all but stands still, so that every timed frame is of the same night.
    speed.0 = 0.05;
    // A question of the story that came up now would stand through all the timed frames (read
    // for seconds of game time, which all but stands still), over the scene in some runs and
    // not in others: the autoplayer answers at once.
    reading.0 = 0;
}

/// Keeps the night scene's fire burning: in a storm one may not catch, and the storm may put
/// it out, and the timed scene is a night by a fire. Asked again now and then, with wood: a fire
/// that went out is fed, which lights it again.
fn keep_the_fire(
    timings: Res<Timings>,
    fires: Query<&crate::sim::model::supplies::Fire>,
    mut supplies: ResMut<Supplies>,
    mut actions: MessageWriter<CampAction>,
    mut frames: Local<u32>,
) {
    *frames += 1;
    if !timings.fire_wanted || !frames.is_multiple_of(30) || fires.iter().any(|f| f.burning()) {
        return;
    }
    supplies.wood = supplies.wood.max(6);
    actions.write(CampAction::MakeFire);
}

fn time_frames(
    mut commands: Commands,
    store: Option<Res<bevy::diagnostic::DiagnosticsStore>>,
    time: Res<Time<Real>>,
    bench: Res<BenchFrames>,
    screen: Res<State<Screen>>,
    mut timings: ResMut<Timings>,
    mut exit: MessageWriter<AppExit>,
) {
    if *screen.get() != Screen::Playing || !timings.set_up {
        return;
    }
    if let Some(left) = timings.quit_in.as_mut() {
        *left = left.saturating_sub(1);
        if *left == 0 {
            exit.write(AppExit::Success);
        }
        return;
    }
    timings.frames.push(time.delta_secs() * 1000.0);
    if timings.frames.len() < WARM_UP + bench.0 as usize {
        return;
    }
    let mut t: Vec<f32> = timings.frames[WARM_UP..].to_vec();
    t.sort_by(f32::total_cmp);
    let mean = t.iter().sum::<f32>() / t.len() as f32;
    let at = |q: f32| t[((t.len() - 1) as f32 * q) as usize];
    let told = format!(
        "frame time over {} frames: mean {mean:.1} ms ({:.1} fps), median {:.1} ms, 95th percentile {:.1} ms, worst {:.1} ms",
        t.len(),
        1000.0 / mean,
        at(0.5),
        at(0.95),
        at(1.0)
    );
    // On the desktop to standard output; in the browser to its console, where the page reads it.
    #[cfg(not(target_arch = "wasm32"))]
    println!("{told}");
    #[cfg(target_arch = "wasm32")]
    info!("{told}");
    for (path, value) in store
        .iter()
        .flat_map(|s| s.iter())
        .filter(|d| d.path().as_str().starts_with("render/"))
        .filter_map(|d| Some((d.path().as_str().to_string(), d.average()?)))
    {
        #[cfg(not(target_arch = "wasm32"))]
        println!("  {path}: {value:.3}");
        #[cfg(target_arch = "wasm32")]
        info!("  {path}: {value:.3}");
    }
    match std::env::var("THE_WAY_BACK_BENCH_SHOT").ok().filter(|p| !p.is_empty()) {
        Some(path) => {
            commands.spawn(Screenshot::primary_window()).observe(save_to_disk(path));
            timings.quit_in = Some(10);
        }
        None => {
            exit.write(AppExit::Success);
        }
    }
}

/// What `THE_WAY_BACK_BENCH_HIDE` asks to leave undrawn: names, comma-separated.
#[derive(Resource, Debug, Default)]
struct Hidden(Vec<String>);

/// Hides every named thing the benchmark was asked to leave out, as it appears. `Canvas` is
/// the world laid under the screen camera's layer (`view/canvas.rs`): without it the screen
/// camera clears and Bevy copies its layer to the window.
fn hide_asked(
    mut commands: Commands,
    hidden: Res<Hidden>,
    mut named: Query<(&Name, &mut Visibility)>,
    screen: Single<(Entity, &mut Camera), With<crate::game::view::camera::ScreenCamera>>,
    window: Single<
        &mut Camera,
        (With<crate::game::view::canvas::WritesTheWindow>, Without<crate::game::view::camera::ScreenCamera>),
    >,
) {
    for (name, mut visibility) in &mut named {
        if hidden.0.iter().any(|h| name.as_str() == h) {
            visibility.set_if_neq(Visibility::Hidden);
        }
    }
    if hidden.0.iter().any(|h| h == "Canvas") {
        let (entity, mut camera) = screen.into_inner();
        commands.entity(entity).remove::<crate::game::view::canvas::LaysTheCanvas>();
        crate::game::view::camera::show_the_screen_alone(&mut camera);
        window.into_inner().is_active = false;
    }
}

/// The names to leave undrawn: `THE_WAY_BACK_BENCH_HIDE` on the desktop; in the browser, the
/// page address's `#hide=` (the query is the game's own flags).
fn asked_to_hide() -> String {
    #[cfg(not(target_arch = "wasm32"))]
    let asked = std::env::var("THE_WAY_BACK_BENCH_HIDE").unwrap_or_default();
    #[cfg(target_arch = "wasm32")]
    let asked = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|h| h.strip_prefix("#hide=").map(|h| h.replace("%20", " ")))
        .unwrap_or_default();
    asked
}

pub(crate) fn plugin(app: &mut App) {
    if !app.world().contains_resource::<BenchFrames>() {
        return;
    }
    let hide: Vec<String> =
        asked_to_hide().split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    if !hide.is_empty() {
        info!("benchmark: leaving undrawn {hide:?}");
        app.insert_resource(Hidden(hide));
        app.add_systems(
            PostUpdate,
            hide_asked.before(bevy::camera::visibility::VisibilitySystems::VisibilityPropagate),
        );
    }
    // Not in the browser: WebGL2 has no GPU timings, and the page no environment to ask with.
    #[cfg(not(target_arch = "wasm32"))]
    if std::env::var_os("THE_WAY_BACK_BENCH_PASSES").is_some() {
        app.add_plugins(bevy::render::diagnostic::RenderDiagnosticsPlugin);
    }
    app.init_resource::<Timings>();
    app.add_systems(OnEnter(Screen::Title), start_at_once);
    app.add_systems(
        Update,
        (
            make_the_scene.run_if(in_state(Screen::Playing)),
            keep_the_fire.run_if(in_state(Screen::Playing)),
            time_frames,
        )
            .chain(),
    );
}
