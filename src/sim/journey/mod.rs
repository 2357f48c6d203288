//! The journey: starting it, entering each stage on its generated map, leaving by the way out,
//! and ending it (India reached, or Janusz lost).

pub mod autoplay;
pub mod save;
pub mod story;

use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::sim::SimSystems;
use crate::sim::camp::WoodRun;
use crate::sim::clock::GameClock;
use crate::sim::cohesion::Straying;
use crate::sim::levels::{Level, Levels};
use crate::sim::movement::{MoveInput, Odometer, Resting, Route, Trail};
use crate::sim::party::{Fate, FateRecord, Fates, Leader, Member, MemberId, Position, Status};
use crate::sim::state::{Screen, Stage};
use crate::sim::survival::Vitals;
use crate::sim::world::{StageMap, generate, stage_seed};

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

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
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

/// Entering a stage: its map and the group's placing, before anything reads them.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JourneySystems {
    EnterStage,
}

/// How close to the leader every walker must be at the way out for the group to move on,
/// tiles: the length of the file they walk in, and a little more.
pub fn gather_radius(walkers: usize) -> f32 {
    1.5 + crate::sim::movement::SPACING * walkers as f32
}

/// Stage maps made ahead while the loading screen shows, one a frame; a stage takes its own
/// when entered (one not made ahead is made then).
#[derive(Resource, Debug, Default)]
pub struct PreparedMaps {
    pub maps: std::collections::HashMap<Stage, StageMap>,
    /// How many maps the journey wants made before it starts.
    pub wanted: usize,
}

/// Make every stage's map before the journey starts (the windowed game: its loading screen
/// shows the progress, and no stage stalls when entered). Without it the journey starts at once.
#[derive(Resource, Debug, Clone, Copy)]
pub struct PrepareMapsAhead;

/// Resets everything a journey keeps and puts the party together, then starts playing.
pub(crate) fn start_journey(
    mut commands: Commands,
    seed: Res<RunSeed>,
    ahead: Option<Res<PrepareMapsAhead>>,
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
    commands.insert_resource(crate::sim::camp::Supplies::default());
    commands.insert_resource(crate::sim::movement::Pace::default());
    commands.insert_resource(crate::sim::movement::Halt::default());
    for id in MemberId::ALL {
        if id.joins_at() == Stage::Camp && id != MemberId::Khabarov {
            spawn_member(&mut commands, id, Vec2::ZERO);
        }
    }
    commands.insert_resource(PreparedMaps::default());
    if ahead.is_none() {
        next.set(Screen::Playing);
    }
}

/// Makes the next map the journey will walk, or starts it once all are made.
fn prepare_maps(
    levels: Res<Levels>,
    seed: Res<RunSeed>,
    start: Res<StartStage>,
    mut prepared: ResMut<PreparedMaps>,
    mut next: ResMut<NextState<Screen>>,
) {
    let wanted: Vec<Stage> = Stage::ALL.into_iter().filter(|s| *s >= start.0).collect();
    prepared.wanted = wanted.len();
    match wanted.into_iter().find(|s| !prepared.maps.contains_key(s)) {
        Some(stage) => {
            let map = generate(levels.get(stage), stage_seed(seed.0, stage.index()));
            prepared.maps.insert(stage, map);
        }
        None => next.set(Screen::Playing),
    }
}

pub(crate) fn spawn_member(commands: &mut Commands, id: MemberId, at: Vec2) -> Entity {
    let mut e = commands.spawn((
        Name::new(id.name()),
        Member(id),
        Position(at),
        Status::Walking,
        DespawnOnExit(Screen::Playing),
    ));
    if id == MemberId::Janusz {
        e.insert((Leader, Route::default(), MoveInput::default()));
    }
    e.id()
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
            fates.0.push(FateRecord {
                member: member.0,
                fate: Fate::Survived,
                stage: Stage::India,
                day: clock.day(),
                cause: "came down into India with Janusz".into(),
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

/// The stage a journey starts in (`--stage`, for trying a stage out): the group as it set out,
/// Irena with it past Baikal.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StartStage(pub Stage);

fn skip_to_start(
    mut commands: Commands,
    start: Res<StartStage>,
    log: Res<StageLog>,
    resuming: Option<Res<save::ResumeFrom>>,
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
        fates.0.push(FateRecord {
            member: MemberId::Khabarov,
            fate: Fate::Stayed,
            stage: Stage::Camp,
            day: clock.day(),
            cause: "stayed in the camp".into(),
        });
    }
}

/// The group moves on when the leader stands in the way out with every able walker close by.
/// Whoever cannot come (sat down, collapsed, strayed) is left behind, and that is their fate.
fn reach_way_out(
    map: Option<Res<StageMap>>,
    stage: Res<State<Stage>>,
    clock: Res<GameClock>,
    mut log: ResMut<StageLog>,
    mut fates: ResMut<Fates>,
    mut next_stage: ResMut<NextState<Stage>>,
    leader: Query<&Position, With<Leader>>,
    mut others: Query<(&Member, &Position, &mut Status, Option<&Vitals>, Has<Straying>, Has<WoodRun>), Without<Leader>>,
    mut finish: MessageWriter<JourneyEnded>,
) {
    let Some(map) = map else { return };
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
    let able = |s: &Status, v: Option<&Vitals>, straying: bool, running: bool| {
        *s == Status::Walking && !straying && !running && v.is_none_or(|v| v.walk_factor() > 0.0)
    };
    let walking: Vec<Vec2> =
        others.iter().filter(|(_, _, s, v, st, run)| able(s, *v, *st, *run)).map(|(_, p, ..)| p.0).collect();
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
            fates.0.push(FateRecord {
                member: member.0,
                fate: Fate::Lost,
                stage: here,
                day: clock.day(),
                cause: why.into(),
            });
        }
    }
    match here.next() {
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
            let cause = match how {
                Outcome::ReachedIndia => "reached India".to_string(),
                Outcome::JanuszDied => "was still walking when Janusz died".to_string(),
                Outcome::JanuszLost => "was still walking when Janusz was lost".to_string(),
            };
            fates.0.push(FateRecord { member: member.0, fate: Fate::Survived, stage: Stage::Epilogue, day: 0, cause });
        }
    }
    next.set(Screen::Chronicle);
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<StageLog>()
        .init_resource::<JourneyOutcome>()
        .init_resource::<Fates>()
        .add_message::<JourneyEnded>();
    app.add_systems(OnEnter(Screen::Loading), start_journey);
    app.add_systems(
        Update,
        prepare_maps.run_if(
            in_state(Screen::Loading)
                .and_then(resource_exists::<PrepareMapsAhead>)
                .and_then(resource_exists::<PreparedMaps>),
        ),
    );
    for stage in Stage::ALL {
        app.add_systems(OnEnter(stage), enter_stage.in_set(JourneySystems::EnterStage));
    }
    app.init_resource::<StartStage>();
    app.add_systems(OnEnter(Stage::Camp), skip_to_start.after(JourneySystems::EnterStage));
    app.add_systems(OnExit(Stage::Camp), leave_khabarov_behind);
    app.add_systems(
        FixedUpdate,
        (reach_way_out, end_if_janusz_gone, finish_journey).chain().in_set(SimSystems::Journey),
    );
}
