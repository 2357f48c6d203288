//! The journey: starting it, entering each stage on its generated map, leaving by the way out,
//! and ending it (India reached, or Janusz lost).

pub mod autoplay;
pub mod off_the_route;
pub mod save;
pub mod stages;
pub mod story;

use bevy::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use crate::levels::{Levels, MemberId};
use crate::sim::SimSystems;
use crate::sim::model::body::Traits;
use crate::sim::model::clock::GameClock;
use crate::sim::model::gear::Gear;
use crate::sim::model::group::{Mind, Resting};
use crate::sim::model::party::{Fate, Fates, Leader, Member, Position, Status};
use crate::sim::model::seed::{RunSeed, SimRng};
use crate::sim::model::stage::{AtTheEnd, JourneyOutcome, Outcome, StageLog, StartStage};
use crate::sim::model::walk::{MoveInput, Odometer, Route, Trail};
use crate::sim::world::{StageMap, generate, stage_seed};
use crate::states::{Screen, Stage};

/// Stage maps made ahead while the loading screen shows, one a frame; a stage takes its own
/// when entered (one not made ahead is made then).
#[derive(Resource, Debug, Default)]
pub struct PreparedMaps {
    pub maps: std::collections::HashMap<Stage, StageMap>,
    /// How many maps the journey wants made before it starts.
    pub wanted: usize,
}

/// The stages whose maps this journey has made, in the order made (ahead of time, or on
/// entering): a journey begun in a later stage, or resumed, makes none for the stages before.
#[derive(Resource, Debug, Clone, Default)]
pub struct MapsMade(pub Vec<Stage>);

/// Make every stage's map before the journey starts (the windowed game: its loading screen
/// shows the progress, and no stage stalls when entered). Without it the journey starts at once.
#[derive(Resource, Debug, Clone, Copy)]
pub struct PrepareMapsAhead;

/// Resets everything a journey keeps and puts the party together, then starts playing. A
/// journey begun in a later stage (`--stage`) is set up as that stage would find it, and
/// enters it directly: no Camp is made on the way.
pub(crate) fn start_journey(
    mut commands: Commands,
    (seed, start, levels): (Res<RunSeed>, Res<StartStage>, Res<Levels>),
    ahead: Option<Res<PrepareMapsAhead>>,
    mut next: ResMut<NextState<Screen>>,
    mut next_stage: ResMut<NextState<Stage>>,
) {
    let mut clock = GameClock::default();
    let mut fates = Fates::default();
    if start.0 > Stage::Camp {
        // Khabarov's plan starts it all, but he stays behind in the camp, on the first day.
        fates.settle(MemberId::Khabarov, Fate::Stayed, Stage::Camp, clock.day(), "stayed in the camp");
        // A journey begun in a later stage begins in that stage's season.
        if let Some(day) = levels.get(start.0).reached_about_day {
            let ahead = u64::from(day.saturating_sub(clock.day()));
            clock.minutes += ahead * crate::sim::model::clock::MINUTES_PER_DAY;
        }
    }
    commands.insert_resource(SimRng(ChaCha8Rng::seed_from_u64(seed.0)));
    commands.insert_resource(clock);
    commands.insert_resource(fates);
    commands.insert_resource(StageLog::default());
    commands.insert_resource(Trail::default());
    commands.insert_resource(Odometer::default());
    commands.insert_resource(crate::sim::model::gear::WornTo::default());
    commands.insert_resource(crate::sim::model::food::Foraged::default());
    commands.insert_resource(Resting::default());
    commands.insert_resource(JourneyOutcome::default());
    commands.insert_resource(AtTheEnd::default());
    commands.insert_resource(crate::sim::model::supplies::Supplies::default());
    commands.insert_resource(crate::sim::model::group::Pace::default());
    commands.insert_resource(crate::sim::model::march::MarchOrders::default());
    commands.insert_resource(crate::sim::model::march::March::default());
    commands.insert_resource(crate::sim::model::group::Halt::default());
    commands.insert_resource(crate::sim::model::pursuit::Pursuit::default());
    for id in MemberId::ALL {
        if id.joins_at() == Stage::Camp && id != MemberId::Khabarov {
            spawn_member(&mut commands, id, Vec2::ZERO);
        }
    }
    // Irena, met on the way to Baikal, walks with a journey begun past it.
    if start.0 > Stage::Baikal {
        spawn_member(&mut commands, MemberId::Irena, Vec2::ZERO);
    }
    commands.insert_resource(PreparedMaps::default());
    commands.insert_resource(MapsMade::default());
    if ahead.is_none() {
        set_out(&mut next, &mut next_stage, start.0);
    }
}

/// Into the journey, at the stage it starts in: a sub-state is entered at its pending
/// `NextState` when its parent state comes to be, so both are set in the same frame (a
/// pending stage set while the journey loads would be spent before there is a stage).
fn set_out(next: &mut NextState<Screen>, next_stage: &mut NextState<Stage>, start: Stage) {
    next.set(Screen::Playing);
    next_stage.set(start);
}

/// Makes the next map the journey will walk, or starts it once all are made.
fn prepare_maps(
    levels: Res<Levels>,
    seed: Res<RunSeed>,
    start: Res<StartStage>,
    mut prepared: ResMut<PreparedMaps>,
    mut made: ResMut<MapsMade>,
    mut next: ResMut<NextState<Screen>>,
    mut next_stage: ResMut<NextState<Stage>>,
) {
    let wanted: Vec<Stage> = Stage::ALL.into_iter().filter(|s| *s >= start.0).collect();
    prepared.wanted = wanted.len();
    match wanted.into_iter().find(|s| !prepared.maps.contains_key(s)) {
        Some(stage) => {
            let map = generate(levels.get(stage), stage_seed(seed.0, stage.index()));
            prepared.maps.insert(stage, map);
            made.0.push(stage);
        }
        None => set_out(&mut next, &mut next_stage, start.0),
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
    mut at_the_end: ResMut<AtTheEnd>,
    members: Query<(&Member, &Status, Option<&Gear>)>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(JourneyEnded(how)) = ended.read().last().copied() else { return };
    if outcome.0.is_some() {
        return;
    }
    outcome.0 = Some(how);
    info!("journey ended: {how:?}");
    let walkers: Vec<_> = members.iter().filter(|(_, s, ..)| matches!(s, Status::Walking | Status::GivenUp)).collect();
    *at_the_end = AtTheEnd {
        gear: walkers.iter().filter_map(|(_, _, g)| g.map(|g| (g.boots + g.clothes) / 2.0)).sum::<f32>()
            / walkers.len().max(1) as f32,
    };
    for (member, status, ..) in &members {
        if fates.of(member.0).is_none() && *status != Status::Dead {
            let cause = match how {
                Outcome::ReachedIndia => "reached India".to_string(),
                Outcome::JanuszDied => "was still walking when Janusz died".to_string(),
                Outcome::JanuszLost => "was still walking when Janusz was lost".to_string(),
            };
            fates.settle(member.0, Fate::Survived, Stage::Epilogue, 0, cause);
        }
    }
    next.set(Screen::Chronicle);
}

/// Members get their nature when spawned: their traits, and faith in Janusz where loyalty to
/// any group would start it (Valka's is thin from the start). A resumed journey's saved mind
/// is put on after this.
fn give_nature(add: On<Add, Member>, mut commands: Commands, members: Query<(&Member, Has<Mind>)>) {
    let Ok((member, has_mind)) = members.get(add.entity) else { return };
    let traits = Traits::of(member.0);
    let mut e = commands.entity(add.entity);
    e.insert(traits);
    if !has_mind {
        e.insert(Mind { trust: 0.3 + 0.4 * traits.loyalty, ..Mind::default() });
    }
}

/// The order of starting a journey (`OnEnter(Screen::Loading)`).
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StartSystems {
    /// A fresh journey set up.
    Start,
    /// A saved journey put in its place.
    Resume,
}

/// Whether the group stands on its stage's own ground (the story's scene), not on ground of
/// its own choosing off the route.
pub fn is_on_the_stage_ground(march: Option<Res<crate::sim::model::march::March>>) -> bool {
    march.is_none_or(|m| !m.is_camped_off_the_route())
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<StageLog>()
        .init_resource::<JourneyOutcome>()
        .init_resource::<AtTheEnd>()
        .init_resource::<Fates>()
        .init_resource::<StartStage>()
        .init_resource::<MapsMade>()
        .add_message::<JourneyEnded>();
    app.add_observer(give_nature);
    app.configure_sets(OnEnter(Screen::Loading), (StartSystems::Start, StartSystems::Resume).chain());
    app.add_systems(OnEnter(Screen::Loading), start_journey.in_set(StartSystems::Start));
    app.add_systems(
        Update,
        prepare_maps.run_if(
            in_state(Screen::Loading)
                .and_then(resource_exists::<PrepareMapsAhead>)
                .and_then(resource_exists::<PreparedMaps>),
        ),
    );
    app.add_plugins(stages::plugin);
    app.add_systems(
        FixedUpdate,
        (
            stages::reach_way_out.run_if(crate::sim::is_on_the_ground).run_if(is_on_the_stage_ground),
            stages::reach_march_end.run_if(crate::sim::is_marching),
            end_if_janusz_gone,
            finish_journey,
        )
            .chain()
            .in_set(SimSystems::Journey),
    );
    app.add_plugins((story::plugin, autoplay::plugin, off_the_route::plugin));
}
