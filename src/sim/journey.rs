//! The journey: starting it, entering each stage on its generated map, leaving by the way out,
//! and ending it (India reached, or Janusz lost).

use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use super::SimSystems;
use super::clock::GameClock;
use super::levels::{Level, Levels};
use super::movement::{MoveInput, Odometer, Resting, Route, Trail};
use super::party::{Fate, FateRecord, Fates, Leader, Member, MemberId, Position, Status};
use super::state::{Screen, Stage};
use super::world::{StageMap, generate, stage_seed};

/// The seed of this run: every random thing in it flows from here.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunSeed(pub u64);

/// The one random number generator of the simulation, seeded from [`RunSeed`] when a journey
/// starts. Systems that need chance draw from it in a fixed order.
#[derive(Resource, Debug, Clone)]
pub struct SimRng(pub ChaCha8Rng);

/// The level of the stage being walked.
#[derive(Resource, Debug, Clone)]
pub struct CurrentLevel(pub Level);

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageRecord {
    pub stage: Stage,
    pub entered_day: u32,
    pub left_day: Option<u32>,
    pub map_hash: String,
}

/// Each stage entered so far, in order.
#[derive(Resource, Debug, Clone, Default)]
pub struct StageLog(pub Vec<StageRecord>);

/// How the journey ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The group (or some of it) came down into India.
    ReachedIndia,
    /// Janusz died on the way.
    JanuszDied,
    /// Janusz was lost from the group.
    JanuszLost,
}

#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct JourneyOutcome(pub Option<Outcome>);

/// The stage's way out, on the map. Scoped to its stage.
#[derive(Component, Debug, Clone)]
pub struct WayOut {
    pub tiles: Vec<UVec2>,
    pub label: String,
}

/// How close to the leader every walker must be at the way out for the group to move on,
/// tiles: the length of the file they walk in, and a little more.
pub fn gather_radius(walkers: usize) -> f32 {
    1.5 + super::movement::SPACING * walkers as f32
}

/// Resets everything a journey keeps and puts the party together, then starts playing.
fn start_journey(
    mut commands: Commands,
    seed: Res<RunSeed>,
    mut next: ResMut<NextState<Screen>>,
) {
    commands.insert_resource(SimRng(ChaCha8Rng::seed_from_u64(seed.0)));
    commands.insert_resource(GameClock::default());
    commands.insert_resource(Fates::default());
    commands.insert_resource(StageLog::default());
    commands.insert_resource(Trail::default());
    commands.insert_resource(Odometer::default());
    commands.insert_resource(Resting::default());
    commands.insert_resource(JourneyOutcome::default());
    for id in MemberId::ALL {
        if id.joins_at() == Stage::Camp && id != MemberId::Khabarov {
            spawn_member(&mut commands, id);
        }
    }
    next.set(Screen::Playing);
}

fn spawn_member(commands: &mut Commands, id: MemberId) {
    let mut e = commands.spawn((
        Name::new(id.name()),
        Member(id),
        Position::default(),
        Status::Walking,
        DespawnOnExit(Screen::Playing),
    ));
    if id == MemberId::Janusz {
        e.insert((Leader, Route::default(), MoveInput::default()));
    }
}

/// Generates the stage's map and puts the group at its entry.
#[allow(clippy::too_many_arguments)]
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
) {
    let stage = *stage.get();
    let level = levels.get(stage).clone();
    let map = generate(&level, stage_seed(seed.0, stage.index()));
    info!("entered stage {stage:?} on day {} (map {})", clock.day(), map.hash_hex());
    log.0.push(StageRecord {
        stage,
        entered_day: clock.day(),
        left_day: None,
        map_hash: map.hash_hex(),
    });
    for id in MemberId::ALL {
        if id.joins_at() == stage && stage != Stage::Camp {
            spawn_member(&mut commands, id);
        }
    }
    let entry = map.entry.as_vec2() + Vec2::splat(0.5);
    let mut rank = 0;
    for (entity, member, mut pos, status, route) in &mut members {
        if stage == Stage::Epilogue && member.0 != MemberId::Janusz && *status == Status::Walking {
            // India is where the others' road ends; Janusz walks on alone.
            fates.0.push(FateRecord {
                member: member.0,
                fate: Fate::Survived,
                stage: Stage::India,
                day: clock.day(),
                cause: String::new(),
            });
            commands.entity(entity).despawn();
            continue;
        }
        pos.0 = place_near(&map, entry, rank);
        rank += 1;
        if let Some(mut route) = route {
            route.0.clear();
        }
    }
    // Members spawned this frame (who join here) are placed beside the entry as well.
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

/// The `rank`-th free spot around a point, on walkable ground.
pub fn place_near(map: &StageMap, centre: Vec2, rank: usize) -> Vec2 {
    if rank == 0 {
        return centre;
    }
    let angle = rank as f32 * 2.4;
    let radius = 0.6 + rank as f32 * 0.25;
    let p = centre + Vec2::from_angle(angle) * radius;
    let inside = map.contains(p.x.floor() as i32, p.y.floor() as i32);
    if inside && map.terrain_at(p).props().walkable { p } else { centre }
}

/// Members who join at a stage were spawned this frame with a default position: put them at
/// the entry beside the others.
fn place_newcomers(map: Option<Res<StageMap>>, mut members: Query<&mut Position, Added<Member>>) {
    let Some(map) = map else { return };
    let entry = map.entry.as_vec2() + Vec2::splat(0.5);
    for (i, mut pos) in members.iter_mut().enumerate() {
        if pos.0 == Vec2::ZERO {
            pos.0 = place_near(&map, entry, 8 + i);
        }
    }
}

/// Khabarov's plan starts it all, but he stays behind in the camp.
fn leave_khabarov_behind(mut fates: ResMut<Fates>, clock: Res<GameClock>) {
    if fates.of(MemberId::Khabarov).is_none() {
        fates.0.push(FateRecord {
            member: MemberId::Khabarov,
            fate: Fate::Stayed,
            stage: Stage::Camp,
            day: clock.day(),
            cause: "stayed in the camp".into(),
        });
    }
}

/// The group moves on when the leader stands in the way out with every walker close by.
fn reach_way_out(
    map: Option<Res<StageMap>>,
    stage: Res<State<Stage>>,
    clock: Res<GameClock>,
    mut log: ResMut<StageLog>,
    mut next_stage: ResMut<NextState<Stage>>,
    leader: Query<&Position, With<Leader>>,
    walkers: Query<(&Position, &Status), (With<Member>, Without<Leader>)>,
    mut finish: MessageWriter<JourneyEnded>,
) {
    let Some(map) = map else { return };
    let Ok(lead) = leader.single() else { return };
    let tile = lead.0.floor().as_uvec2();
    if !map.is_exit(tile) {
        return;
    }
    let walking: Vec<Vec2> = walkers.iter().filter(|(_, s)| **s == Status::Walking).map(|(p, _)| p.0).collect();
    let radius = gather_radius(walking.len());
    let gathered = walking.iter().all(|p| p.distance(lead.0) <= radius);
    if !gathered {
        return;
    }
    let Some(record) = log.0.last_mut() else { return };
    if record.left_day.is_some() {
        return;
    }
    record.left_day = Some(clock.day());
    match stage.get().next() {
        Some(next) => next_stage.set(next),
        None => {
            finish.write(JourneyEnded(Outcome::ReachedIndia));
        }
    }
}

/// The journey is over: with India reached, or with Janusz gone.
#[derive(Message, Debug, Clone, Copy)]
pub struct JourneyEnded(pub Outcome);

/// Janusz is the one the player plays: without him the journey ends.
fn end_if_janusz_gone(fates: Res<Fates>, mut finish: MessageWriter<JourneyEnded>) {
    if !fates.is_changed() {
        return;
    }
    match fates.of(MemberId::Janusz).map(|r| r.fate) {
        Some(Fate::Died) => {
            finish.write(JourneyEnded(Outcome::JanuszDied));
        }
        Some(Fate::Lost) => {
            finish.write(JourneyEnded(Outcome::JanuszLost));
        }
        _ => {}
    }
}

/// Records the survivors and goes to the chronicle.
fn finish_journey(
    mut ended: MessageReader<JourneyEnded>,
    mut outcome: ResMut<JourneyOutcome>,
    mut fates: ResMut<Fates>,
    members: Query<(&Member, &Status)>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(JourneyEnded(how)) = ended.read().last().copied() else { return };
    if outcome.0.is_some() {
        return;
    }
    outcome.0 = Some(how);
    info!("journey ended: {how:?}");
    for (member, status) in &members {
        if fates.of(member.0).is_none() && *status != Status::Dead {
            fates.0.push(FateRecord {
                member: member.0,
                fate: Fate::Survived,
                stage: Stage::Epilogue,
                day: 0,
                cause: String::new(),
            });
        }
    }
    next.set(Screen::Chronicle);
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<StageLog>()
        .init_resource::<JourneyOutcome>()
        .init_resource::<Fates>()
        .add_message::<JourneyEnded>();
    app.add_systems(OnEnter(Screen::Loading), start_journey);
    for stage in Stage::ALL {
        app.add_systems(OnEnter(stage), enter_stage);
    }
    app.add_systems(OnExit(Stage::Camp), leave_khabarov_behind);
    app.add_systems(
        FixedUpdate,
        (place_newcomers, reach_way_out, end_if_janusz_gone, finish_journey)
            .chain()
            .in_set(SimSystems::Journey),
    );
}
