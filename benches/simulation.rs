//! Simulation cost: one tick with the full party, fires and weather, and a whole stage played
//! headless by the autoplayer.

use std::hint::black_box;

use bevy::prelude::*;
use criterion::{Criterion, criterion_group, criterion_main};
use the_way_back::levels::Levels;
use the_way_back::sim::model::party::{Leader, Position};
use the_way_back::sim::model::supplies::Fire;
use the_way_back::states::{Screen, Stage};

fn app_in(stage: Stage, seed: u64) -> App {
    let mut app = the_way_back::headless::app(seed, Levels::builtin().unwrap(), true);
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Loading);
    app.update();
    app.update();
    app.world_mut().resource_mut::<NextState<Stage>>().set(stage);
    app.update();
    app.update();
    app
}

fn in_stage(app: &App) -> Option<Stage> {
    app.world().get_resource::<State<Stage>>().map(|s| *s.get())
}

fn bench_tick(c: &mut Criterion) {
    let mut app = app_in(Stage::Baikal, 3);
    // Irena has joined: eight walkers. Two fires burn beside them.
    let at = {
        let mut q = app.world_mut().query_filtered::<&Position, With<Leader>>();
        q.iter(app.world()).next().unwrap().0
    };
    for dx in [1.0, -1.0] {
        app.world_mut()
            .spawn((Fire { fuel_h: 1.0e6, shelter: 0.5, melting: false }, Position(at + Vec2::new(dx, 0.0))));
    }
    c.bench_function("tick/full party, fires, weather", |b| {
        b.iter(|| {
            app.update();
            black_box(app.world().entities().len())
        })
    });
}

fn bench_stage(c: &mut Criterion) {
    let mut group = c.benchmark_group("stage");
    group.sample_size(10);
    group.bench_function("taiga, entry to way out", |b| {
        let mut seed = 0;
        b.iter(|| {
            seed += 1;
            let mut app = app_in(Stage::Taiga, seed);
            let mut ticks = 0u32;
            while in_stage(&app) == Some(Stage::Taiga) && ticks < 30 * 1440 {
                app.update();
                ticks += 1;
            }
            black_box(ticks)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_tick, bench_stage);
criterion_main!(benches);
