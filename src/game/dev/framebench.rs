//! The frame-time benchmark (`--bench-frames N`): starts a journey straight away in the chosen
//! stage (`--stage`), makes it a stormy night with a fire burning and the group walking, then
//! times N frames after a warm-up, prints the figures and quits.

use bevy::prelude::*;

use crate::levels::WeatherKind;
use crate::sim::model::air::Weather;
use crate::sim::model::clock::{GameClock, MINUTES_PER_DAY};
use crate::sim::model::supplies::{CampAction, Supplies};
use crate::states::{Screen, Stage};

/// Frames to time; the benchmark is off without it.
#[derive(Resource, Debug, Clone, Copy)]
pub struct BenchFrames(pub u32);

/// Frames drawn before timing starts: the map's chunks are still being spawned then.
const WARM_UP: usize = 120;

#[derive(Resource, Debug, Default)]
struct Timings {
    frames: Vec<f32>,
    set_up: bool,
}

fn start_at_once(mut next: ResMut<NextState<Screen>>) {
    next.set(Screen::Loading);
}

/// Night, a blizzard, and a fire lit beside the leader.
fn make_the_scene(
    mut timings: ResMut<Timings>,
    stage: Option<Res<State<Stage>>>,
    start: Res<crate::sim::model::stage::StartStage>,
    mut clock: ResMut<GameClock>,
    mut weather: ResMut<Weather>,
    mut supplies: ResMut<Supplies>,
    mut speed: ResMut<crate::game::input::GameSpeed>,
    mut actions: MessageWriter<CampAction>,
) {
    if timings.set_up || stage.is_none_or(|s| *s.get() != start.0) {
        return;
    }
    timings.set_up = true;
    let day = clock.minutes / MINUTES_PER_DAY;
    clock.minutes = day * MINUTES_PER_DAY + 21 * 60 + 30;
    weather.hold(WeatherKind::Blizzard);
    supplies.wood += 6;
    actions.write(CampAction::MakeFire);
    // Time all but stands still, so that every timed frame is of the same night.
    speed.0 = 0.05;
}

fn time_frames(
    time: Res<Time<Real>>,
    bench: Res<BenchFrames>,
    screen: Res<State<Screen>>,
    mut timings: ResMut<Timings>,
    mut exit: MessageWriter<AppExit>,
) {
    if *screen.get() != Screen::Playing || !timings.set_up {
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
    println!(
        "frame time over {} frames: mean {mean:.1} ms ({:.1} fps), median {:.1} ms, 95th percentile {:.1} ms, worst {:.1} ms",
        t.len(),
        1000.0 / mean,
        at(0.5),
        at(0.95),
        at(1.0)
    );
    exit.write(AppExit::Success);
}

pub(crate) fn plugin(app: &mut App) {
    if !app.world().contains_resource::<BenchFrames>() {
        return;
    }
    app.init_resource::<Timings>();
    app.add_systems(OnEnter(Screen::Title), start_at_once);
    app.add_systems(Update, (make_the_scene.run_if(in_state(Screen::Playing)), time_frames).chain());
}
