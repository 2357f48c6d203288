//! The stage machine: entering each stage on its generated map, leaving by the way out, and
//! each stage's own set pieces (Khabarov staying in the camp, the monks' care, the parting in
//! India, a journey started in a later stage).

use bevy::prelude::*;

use crate::levels::{Levels, MemberId};
use crate::sim::journey::{JourneyEnded, MapsMade, PreparedMaps};
use crate::sim::model::body::Vitals;
use crate::sim::model::clock::GameClock;
use crate::sim::model::group::{Resting, Straying};
use crate::sim::model::march::March;
use crate::sim::model::party::{Fate, Fates, Leader, Member, Position, Status};
use crate::sim::model::seed::RunSeed;
use crate::sim::model::stage::{CurrentLevel, Outcome, StageLog, StageRecord, WayOut};
use crate::sim::model::supplies::{Supplies, WoodRun};
use crate::sim::model::walk::{Odometer, Route, Trail};
use crate::sim::world::map::place_near;
use crate::sim::world::{StageMap, generate, stage_seed};
use crate::sim::{EnterStage, EnterStageSystems};
use crate::states::{Scale, Stage};

/// How close to the leader every walker must be at the way out for the group to move on,
/// tiles: the length of the file they walk in, and a little more.
pub fn gather_radius(walkers: usize) -> f32 {
    1.5 + crate::sim::model::walk::SPACING * walkers as f32
}

/// Generates the stage's map and puts the group at its entry.
fn enter_stage(
    mut commands: Commands,
    stage: Res<State<Stage>>,
    levels: Res<Levels>,
    seed: Res<RunSeed>,
    clock: Res<GameClock>,
    mut log: ResMut<StageLog>,
    mut fates: ResMut<Fates>,
    mut trail: ResMut<Trail>,
    mut resting: ResMut<Resting>,
    mut members: Query<(Entity, &Member, &mut Position, &Status, Option<&mut Route>)>,
    (prepared, mut made): (Option<ResMut<PreparedMaps>>, ResMut<MapsMade>),
) {
    let stage = *stage.get();
    let level = levels.get(stage).clone();
    let ready = prepared.and_then(|mut p| p.maps.remove(&stage));
    let map = ready.unwrap_or_else(|| {
        made.0.push(stage);
        generate(&level, stage_seed(seed.0, stage.index()))
    });
    info!("entered stage {stage:?} on day {} (map {})", clock.day(), map.hash_hex());
    log.0.push(StageRecord {
        stage,
        entered_day: clock.day(),
        left_day: None,
        map_hash: map.hash_hex(),
        km: 0.0,
        route_km: 0.0,
        walked_km: 0.0,
        grounds: 0,
        days: None,
    });
    let entry = map.entry.as_vec2() + Vec2::splat(0.5);
    let mut rank = 0;
    // In the order of the story's cast, not of spawning: a resumed journey places them alike.
    let mut members: Vec<_> = members.iter_mut().collect();
    members.sort_by_key(|(_, m, ..)| m.0);
    for (entity, member, mut pos, status, route) in members {
        if !matches!(status, Status::Walking | Status::GivenUp) {
            // The dead, the lost and those who left stay behind with the last stage; their fate
            // is in `Fates`.
            commands.entity(entity).despawn();
            continue;
        }
        if stage == Stage::Epilogue && member.0 != MemberId::Janusz && *status == Status::Walking {
            // India is where the others' road ends; Janusz walks on alone.
            fates.settle(member.0, Fate::Survived, Stage::India, clock.day(), "came down into India with Janusz");
            commands.entity(entity).despawn();
            continue;
        }
        pos.0 = place_near(&map, entry, rank);
        rank += 1;
        if let Some(mut route) = route {
            route.0.clear();
        }
    }
    trail.0.clear();
    trail.0.push_front(entry);
    resting.0 = false;
    lay_map(&mut commands, stage, level, map);
}

/// Lays `map` down as the ground the group stands on, with `level` its level and its way out
/// marked: a stage's scene, or ground off its route.
pub(crate) fn lay_map(commands: &mut Commands, stage: Stage, level: crate::levels::Level, map: StageMap) {
    commands.spawn((
        Name::new("Way out"),
        WayOut { tiles: map.exit.clone(), label: level.way_out.label.clone() },
        DespawnOnExit(stage),
    ));
    commands.insert_resource(CurrentLevel(level));
    commands.insert_resource(map);
}

/// Khabarov's plan starts it all, but he stays behind in the camp.
fn leave_khabarov_behind(mut fates: ResMut<Fates>, clock: Res<GameClock>) {
    if fates.of(MemberId::Khabarov).is_none() {
        fates.settle(MemberId::Khabarov, Fate::Stayed, Stage::Camp, clock.day(), "stayed in the camp");
    }
}

/// The monks feed them and they sleep for days: they leave the monastery restored, with
/// tsampa for the road (a bag of roasted barley each, 3.7 kcal a gram: about ten days).
fn recover_at_monastery(mut supplies: ResMut<Supplies>, mut members: Query<(&Status, &mut Vitals)>) {
    let walkers = members.iter().filter(|(s, _)| **s == Status::Walking).count() as f32;
    supplies.rations = supplies.rations.max(10.0 * walkers);
    supplies.water_l = supplies.capacity_l;
    for (status, mut v) in &mut members {
        if *status == Status::Walking {
            *v = Vitals { uv_dose: 0.0, ..Vitals::default() };
        }
    }
}

/// The group moves on from the scene when the leader stands in the way out with every able
/// walker close by: onto the rest of the stage's march, or into the next stage. Whoever cannot
/// come (sat down, collapsed) is left behind, and that is their fate; strays and wood-runners
/// are waited for.
pub(crate) fn reach_way_out(
    map: Res<StageMap>,
    stage: Res<State<Stage>>,
    level: Res<CurrentLevel>,
    clock: Res<GameClock>,
    mut march: ResMut<March>,
    mut log: ResMut<StageLog>,
    mut fates: ResMut<Fates>,
    mut next_stage: ResMut<NextState<Stage>>,
    mut next_scale: ResMut<NextState<Scale>>,
    odometer: Res<Odometer>,
    leader: Query<&Position, With<Leader>>,
    mut others: Query<(&Member, &Position, &mut Status, &Vitals, Has<Straying>, Has<WoodRun>), Without<Leader>>,
    mut finish: MessageWriter<JourneyEnded>,
) {
    let Ok(lead) = leader.single() else { return };
    let tile = lead.0.floor().as_uvec2();
    if !map.is_exit(tile) {
        return;
    }
    // Nobody moves on while someone is out for wood or searching for the group: a stray is
    // waited for until they are found or given up as lost.
    if others.iter().any(|(_, _, s, _, straying, running)| *s == Status::Walking && (straying || running)) {
        return;
    }
    let walking: Vec<Vec2> =
        others.iter().filter(|(_, _, s, v, st, run)| is_able(s, v, *st, *run)).map(|(_, p, ..)| p.0).collect();
    let radius = gather_radius(walking.len());
    if !walking.iter().all(|p| p.distance(lead.0) <= radius) {
        return;
    }
    let here = *stage.get();
    leave_behind(here, clock.day(), &mut fates, &mut others);
    let route_km = level.0.route_km();
    let scene_end = level.0.scene_start_km() + level.0.scene_km();
    if !march.scene_done && scene_end < route_km - 0.5 {
        // The scene crossed, the rest of the stage is marched.
        march.scene_done = true;
        march.km = scene_end;
        next_scale.set(Scale::March);
        return;
    }
    // The scene was the rest of the stage: its stretch is covered.
    let covered = if level.0.route.is_some() { scene_end.min(route_km) } else { level.0.scene_km() };
    move_on(here, (covered, route_km), &clock, &odometer, &mut log, &mut next_stage, &mut finish);
}

fn is_able(s: &Status, v: &Vitals, straying: bool, running: bool) -> bool {
    *s == Status::Walking && !straying && !running && v.walk_factor() > 0.0
}

/// Whoever cannot come when the group moves on is left behind.
fn leave_behind(
    here: Stage,
    day: u32,
    fates: &mut Fates,
    others: &mut Query<(&Member, &Position, &mut Status, &Vitals, Has<Straying>, Has<WoodRun>), Without<Leader>>,
) {
    for (member, _, mut status, vitals, straying, running) in others.iter_mut() {
        if matches!(*status, Status::Walking | Status::GivenUp) && !is_able(&status, vitals, straying, running) {
            let why = if *status == Status::GivenUp {
                "gave up and was left behind"
            } else if straying || running {
                "was out of sight when the group moved on"
            } else {
                "could walk no further and was left behind"
            };
            *status = Status::Lost;
            fates.settle(member.0, Fate::Lost, here, day, why);
        }
    }
}

/// The stage is over: into the next one, or the journey's end.
fn move_on(
    here: Stage,
    (covered_km, route_km): (f32, f32),
    clock: &GameClock,
    odometer: &Odometer,
    log: &mut StageLog,
    next_stage: &mut NextState<Stage>,
    finish: &mut MessageWriter<JourneyEnded>,
) {
    if log.0.last().is_none_or(|r| r.left_day.is_some()) {
        return;
    }
    log.close(clock.day(), covered_km, route_km, odometer.0);
    match here.next() {
        Some(next) => next_stage.set(next),
        None => {
            finish.write(JourneyEnded(Outcome::ReachedIndia));
        }
    }
}

/// The march reaches the stage's scene (the group goes down onto its ground) or the route's
/// end (the next stage).
pub(crate) fn reach_march_end(
    stage: Res<State<Stage>>,
    level: Res<CurrentLevel>,
    clock: Res<GameClock>,
    odometer: Res<Odometer>,
    mut march: ResMut<March>,
    mut log: ResMut<StageLog>,
    mut next_stage: ResMut<NextState<Stage>>,
    mut next_scale: ResMut<NextState<Scale>>,
    mut finish: MessageWriter<JourneyEnded>,
) {
    let route_km = level.0.route_km();
    if !march.scene_done {
        let start = level.0.scene_start_km();
        if march.km >= start {
            march.km = start;
            next_scale.set(Scale::Scene);
        }
    } else if march.km >= route_km {
        march.km = route_km;
        move_on(*stage.get(), (route_km, route_km), &clock, &odometer, &mut log, &mut next_stage, &mut finish);
    }
}

/// Setting out on the march, the group closes up around Janusz: it walks, camps and talks
/// as one.
fn close_up_for_the_march(
    map: Res<StageMap>,
    leader: Query<&Position, With<Leader>>,
    mut others: Query<(&Member, &mut Position, &Status), (Without<Leader>, Without<Straying>)>,
) {
    let Ok(lead) = leader.single() else { return };
    let lead = lead.0;
    let mut walkers: Vec<_> =
        others.iter_mut().filter(|(_, _, s)| matches!(s, Status::Walking | Status::GivenUp)).collect();
    walkers.sort_by_key(|(m, ..)| m.0);
    for (rank, (_, mut pos, _)) in walkers.into_iter().enumerate() {
        pos.0 = place_near(&map, lead, rank + 1);
    }
}

/// Each stage begins on the march, unless its scene is where it begins (the camp, the
/// monastery, the epilogue, or a stage with no route).
fn begin_march(level: Res<CurrentLevel>, mut march: ResMut<March>, mut next_scale: ResMut<NextState<Scale>>) {
    *march = March::default();
    let wanted = if level.0.scene_start_km() > 0.5 { Scale::March } else { Scale::Scene };
    // Set even when unchanged, so that a stage is begun alike whatever the scale before it (a
    // journey resumed in it, or walked into it): the change takes a frame either way.
    next_scale.set(wanted);
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(EnterStage, enter_stage.in_set(EnterStageSystems::Map));
    app.add_systems(EnterStage, begin_march.in_set(EnterStageSystems::Setup));
    app.add_systems(OnEnter(Scale::March), close_up_for_the_march.run_if(crate::sim::has_stage_map));
    app.add_systems(OnExit(Stage::Camp), leave_khabarov_behind);
    app.add_systems(
        EnterStage,
        recover_at_monastery.in_set(EnterStageSystems::Setup).run_if(in_state(Stage::Monastery)),
    );
}
