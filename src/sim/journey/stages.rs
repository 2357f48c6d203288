//! The stage machine: entering each stage on its generated map, leaving by the way out, and
//! each stage's own set pieces (Khabarov staying in the camp, the monks' care, the parting in
//! India, a journey started in a later stage).

use bevy::prelude::*;

use crate::levels::{Levels, MemberId};
use crate::sim::journey::save::ResumeFrom;
use crate::sim::journey::{JourneyEnded, PreparedMaps, spawn_member};
use crate::sim::model::body::Vitals;
use crate::sim::model::clock::GameClock;
use crate::sim::model::group::{Resting, Straying};
use crate::sim::model::party::{Fate, Fates, Leader, Member, Position, Status};
use crate::sim::model::seed::RunSeed;
use crate::sim::model::stage::{CurrentLevel, Outcome, StageLog, StageRecord, StartStage, WayOut};
use crate::sim::model::supplies::{Supplies, WoodRun};
use crate::sim::model::walk::{Route, Trail};
use crate::sim::world::map::place_near;
use crate::sim::world::{StageMap, generate, stage_seed};
use crate::sim::{EnterStage, EnterStageSystems};
use crate::states::Stage;

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
    prepared: Option<ResMut<PreparedMaps>>,
) {
    let stage = *stage.get();
    let level = levels.get(stage).clone();
    let made = prepared.and_then(|mut p| p.maps.remove(&stage));
    let map = made.unwrap_or_else(|| generate(&level, stage_seed(seed.0, stage.index())));
    info!("entered stage {stage:?} on day {} (map {})", clock.day(), map.hash_hex());
    log.0.push(StageRecord { stage, entered_day: clock.day(), left_day: None, map_hash: map.hash_hex() });
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
    commands.spawn((
        Name::new("Way out"),
        WayOut { tiles: map.exit.clone(), label: level.way_out.label.clone() },
        DespawnOnExit(stage),
    ));
    commands.insert_resource(CurrentLevel(level));
    commands.insert_resource(map);
}

fn skip_to_start(
    mut commands: Commands,
    start: Res<StartStage>,
    log: Res<StageLog>,
    resuming: Option<Res<ResumeFrom>>,
    mut next: ResMut<NextState<Stage>>,
) {
    // Only at the start of a journey, not on a Camp entered some other way.
    if start.0 == Stage::Camp || (log.0.len() != 1 && resuming.is_none()) {
        return;
    }
    if start.0 > Stage::Baikal && resuming.is_none() {
        spawn_member(&mut commands, MemberId::Irena, Vec2::ZERO);
    }
    next.set(start.0);
}

/// Khabarov's plan starts it all, but he stays behind in the camp.
fn leave_khabarov_behind(mut fates: ResMut<Fates>, clock: Res<GameClock>) {
    if fates.of(MemberId::Khabarov).is_none() {
        fates.settle(MemberId::Khabarov, Fate::Stayed, Stage::Camp, clock.day(), "stayed in the camp");
    }
}

/// The monks feed them and they sleep for days: they leave the monastery restored.
fn recover_at_monastery(mut supplies: ResMut<Supplies>, mut members: Query<(&Status, &mut Vitals)>) {
    supplies.rations = supplies.rations.max(80.0);
    supplies.water_l = supplies.capacity_l;
    for (status, mut v) in &mut members {
        if *status == Status::Walking {
            *v = Vitals { uv_dose: 0.0, ..Vitals::default() };
        }
    }
}

/// The group moves on when the leader stands in the way out with every able walker close by.
/// Whoever cannot come (sat down, collapsed) is left behind, and that is their fate; strays
/// and wood-runners are waited for.
pub(crate) fn reach_way_out(
    map: Res<StageMap>,
    stage: Res<State<Stage>>,
    clock: Res<GameClock>,
    mut log: ResMut<StageLog>,
    mut fates: ResMut<Fates>,
    mut next_stage: ResMut<NextState<Stage>>,
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
    let able = |s: &Status, v: &Vitals, straying: bool, running: bool| {
        *s == Status::Walking && !straying && !running && v.walk_factor() > 0.0
    };
    let walking: Vec<Vec2> =
        others.iter().filter(|(_, _, s, v, st, run)| able(s, v, *st, *run)).map(|(_, p, ..)| p.0).collect();
    let radius = gather_radius(walking.len());
    if !walking.iter().all(|p| p.distance(lead.0) <= radius) {
        return;
    }
    let Some(record) = log.0.last_mut() else { return };
    if record.left_day.is_some() {
        return;
    }
    record.left_day = Some(clock.day());
    let here = *stage.get();
    for (member, _, mut status, vitals, straying, running) in &mut others {
        if matches!(*status, Status::Walking | Status::GivenUp) && !able(&status, vitals, straying, running) {
            let why = if *status == Status::GivenUp {
                "gave up and was left behind"
            } else if straying || running {
                "was out of sight when the group moved on"
            } else {
                "could walk no further and was left behind"
            };
            *status = Status::Lost;
            fates.settle(member.0, Fate::Lost, here, clock.day(), why);
        }
    }
    match here.next() {
        Some(next) => next_stage.set(next),
        None => {
            finish.write(JourneyEnded(Outcome::ReachedIndia));
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(EnterStage, enter_stage.in_set(EnterStageSystems::Map));
    app.add_systems(EnterStage, skip_to_start.in_set(EnterStageSystems::Setup).run_if(in_state(Stage::Camp)));
    app.add_systems(OnExit(Stage::Camp), leave_khabarov_behind);
    app.add_systems(
        EnterStage,
        recover_at_monastery.in_set(EnterStageSystems::Setup).run_if(in_state(Stage::Monastery)),
    );
}
