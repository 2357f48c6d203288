//! The camp's watch by night: a lamp on every tower sweeps the yard and two sentries walk the
//! wire. Whoever they see wakes the camp (the dogs go out at once, not at the morning count)
//! and draws their fire. The storm is what hides the group: it shortens the beams to glows and
//! the sentries' sight to a couple of tiles.

use bevy::prelude::*;
use rand::Rng;

use crate::levels::{MemberId, Terrain};
use crate::sim::model::air::Weather;
use crate::sim::model::body::{Died, Vitals};
use crate::sim::model::clock::GameClock;
use crate::sim::model::party::{Fate, Fates, Member, News, Position, Status};
use crate::sim::model::pursuit::Pursuit;
use crate::sim::model::seed::SimRng;
use crate::sim::model::watch::{
    BEAM_REACH_TILES, SENTRY_HITS_PER_H, SENTRY_SIGHT_TILES, SENTRY_TILES_PER_MIN, Searchlight, Sentry,
    TOWER_HITS_PER_H, glow,
};
use crate::sim::world::StageMap;
use crate::sim::{SimSystems, is_on_the_ground};
use crate::states::{Scale, Stage};

/// The cause told of whoever the towers' fire kills.
pub const SHOT_FROM_THE_TOWER: &str = "shot from a tower as the group crossed the yard";
/// The cause told of whoever a sentry's fire kills.
pub const SHOT_AT_THE_WIRE: &str = "shot by a sentry at the wire";

/// Whether the camp's watch is yet to be posted on this ground: towers stand and nobody mans
/// them.
fn is_unmanned(map: Option<Res<StageMap>>, lamps: Query<(), With<Searchlight>>) -> bool {
    lamps.is_empty() && map.is_some_and(|m| m.terrain.contains(&Terrain::Watchtower))
}

/// A lamp on each tower, aimed over the yard the towers stand round, and two sentries walking
/// opposite ways round the outside of the wire.
fn post_the_watch(mut commands: Commands, map: Res<StageMap>, stage: Res<State<Stage>>, mut rng: ResMut<SimRng>) {
    let w = map.width as usize;
    let towers: Vec<Vec2> = (map.terrain.iter().enumerate())
        .filter(|(_, t)| **t == Terrain::Watchtower)
        .map(|(i, _)| Vec2::new((i % w) as f32 + 0.5, (i / w) as f32 + 0.5))
        .collect();
    let middle = towers.iter().copied().sum::<Vec2>() / towers.len().max(1) as f32;
    let stage = *stage.get();
    for at in &towers {
        let lamp = Searchlight {
            at: *at,
            centre: (middle - *at).to_angle(),
            period_min: rng.0.random_range(10.0..16.0),
            phase: rng.0.random_range(0.0..std::f32::consts::TAU),
            angle: 0.0,
            reach: 0.0,
        };
        commands.spawn((Name::new("Searchlight"), lamp, DespawnOnExit(stage), DespawnOnExit(Scale::Scene)));
    }
    let min = towers.iter().copied().fold(Vec2::MAX, Vec2::min) - Vec2::splat(1.0);
    let max = towers.iter().copied().fold(Vec2::MIN, Vec2::max) + Vec2::splat(1.0);
    let round = 2.0 * ((max - min).x + (max - min).y);
    let start = rng.0.random_range(0.0..round);
    for (along, dir) in [(start, 1.0), (start + round / 2.0, -1.0)] {
        let sentry = Sentry { min, max, along, dir, sight: 0.0 };
        commands.spawn((
            Name::new("Sentry"),
            sentry,
            Position(sentry.position()),
            DespawnOnExit(stage),
            DespawnOnExit(Scale::Scene),
        ));
    }
}

/// The lamps sweep (lit by night only) and the sentries walk their round.
fn sweep_the_yard(
    clock: Res<GameClock>,
    weather: Res<Weather>,
    mut lamps: Query<&mut Searchlight>,
    mut sentries: Query<(&mut Sentry, &mut Position)>,
) {
    let minute = clock.minutes as f32;
    let reach = if clock.is_night() { BEAM_REACH_TILES * glow(weather.kind) } else { 0.0 };
    for mut lamp in &mut lamps {
        lamp.angle = lamp.angle_at(minute);
        lamp.reach = reach;
    }
    for (mut sentry, mut pos) in &mut sentries {
        sentry.along += sentry.dir * SENTRY_TILES_PER_MIN * clock.step as f32;
        sentry.sight = weather.sight_tiles.min(SENTRY_SIGHT_TILES);
        pos.0 = sentry.position();
    }
}

/// By night, whoever is in a beam or within a sentry's sight is seen: the first sight wakes the
/// camp, and every minute seen draws fire.
fn watch_the_yard(
    clock: Res<GameClock>,
    stage: Res<State<Stage>>,
    mut pursuit: ResMut<Pursuit>,
    mut rng: ResMut<SimRng>,
    mut fates: ResMut<Fates>,
    lamps: Query<&Searchlight>,
    sentries: Query<&Sentry>,
    mut members: Query<(&Member, &Position, &mut Status, &mut Vitals)>,
    mut news: MessageWriter<News>,
    mut died: MessageWriter<Died>,
) {
    if !clock.is_night() {
        return;
    }
    let mut seen: Vec<(MemberId, f32)> = Vec::new();
    for (m, pos, status, _) in &members {
        if !matches!(*status, Status::Walking | Status::GivenUp) {
            continue;
        }
        let by_lamp = lamps.iter().any(|l| l.lit(pos.0));
        let by_sentry = sentries.iter().any(|s| s.position().distance(pos.0) <= s.sight);
        if by_sentry {
            seen.push((m.0, SENTRY_HITS_PER_H));
        } else if by_lamp {
            seen.push((m.0, TOWER_HITS_PER_H));
        }
    }
    if seen.is_empty() {
        return;
    }
    seen.sort_by_key(|(id, _)| *id);
    // The first sight is a shout, not yet a shot.
    if !pursuit.alarm {
        pursuit.alarm = true;
        news.write(News(format!(
            "The watch has seen {}. A whistle, a siren, shouting from the towers: the camp is awake, and the dogs will be out on the trail at first light.",
            seen[0].0.name()
        )));
        return;
    }
    let step_h = clock.step_h();
    for (id, hits_per_h) in seen {
        if rng.0.random::<f32>() >= hits_per_h * step_h {
            continue;
        }
        let Some((_, _, mut status, mut v)) = members.iter_mut().find(|(m, ..)| m.0 == id) else { continue };
        let cause = if hits_per_h == SENTRY_HITS_PER_H { SHOT_AT_THE_WIRE } else { SHOT_FROM_THE_TOWER };
        // A rifle bullet at that range kills about half of those it hits (an estimate).
        if rng.0.random::<bool>() {
            *status = Status::Dead;
            fates.settle(id, Fate::Died, *stage.get(), clock.day(), cause);
            died.write(Died { member: id, cause });
            news.write(News(format!("A shot from the dark: {} falls in the snow and does not get up.", id.name())));
        } else {
            // Wounded: bleeding, shocked and barely able to walk.
            v.fatigue = 1.0;
            v.water_deficit_l += 1.0;
            news.write(News(format!("A shot from the dark: {} is hit, and is got up again, bleeding.", id.name())));
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(
        FixedUpdate,
        (
            post_the_watch.run_if(is_unmanned).in_set(SimSystems::Watch),
            sweep_the_yard.in_set(SimSystems::Lamps),
            watch_the_yard.in_set(SimSystems::Shoot),
        )
            .run_if(in_state(Stage::Camp))
            .run_if(is_on_the_ground),
    );
}
