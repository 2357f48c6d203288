//! The simulation: journey stages, the party, the world and the story, with no rendering,
//! assets, UI or audio, so that it runs the same in a window, a browser and a test.
//!
//! The rooms, lowest first: `model` (what the rules share) and `world` (a level and a seed
//! become a map), `rules` (one file a danger or a support; no rule names another), `journey`
//! (the stage machine, the story, saves and the autoplayer), `record` (read-only views).

pub mod journey;
pub mod model;
pub mod prelude;
pub mod record;
pub mod rules;
pub mod world;

use bevy::ecs::schedule::ScheduleLabel;
use bevy::prelude::*;

use crate::levels::Levels;
use crate::sim::journey::autoplay::Autoplay;
use crate::sim::journey::story::is_no_choice_waiting;
use crate::sim::model::hardship::Difficulty;
use crate::sim::model::seed::RunSeed;
use crate::sim::world::StageMap;
use crate::states::{Pause, Scale, Screen, Stage};

/// Fixed ticks per real second when played in a window: one tick is one in-game minute, so an
/// in-game day lasts 48 s.
pub const TICKS_PER_SECOND: f64 = 30.0;
/// How much faster time runs in a scene while the group sleeps until dawn.
pub const SLEEP_SPEED: f32 = 8.0;
/// Hours of the march a real second shows, at normal speed and fast (`Tab`).
pub const MARCH_HOURS_PER_SECOND: f32 = 1.2;
pub const MARCH_FAST_HOURS_PER_SECOND: f32 = 8.0;

/// The order of one simulation tick (`FixedUpdate`), configured once here: add a variant
/// here, in order, and put a rule's systems in it. Two systems that touch the same data are
/// never left for the executor to order (the tests build the schedule with Bevy's ambiguity
/// detection at error level): systems of one plugin are chained there, and two rules that
/// touch the same data (the dice, a body, the news) each have their own step here.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSystems {
    Clock,
    /// The camp's watch takes its posts (its lamps and sentries placed from the dice, before
    /// the weather draws from them).
    Watch,
    /// The weather changes and the air follows the hour.
    Weather,
    /// The camp's lamps sweep the yard, through the air as it now is.
    Lamps,
    /// The player's input or the autoplayer decides what the group does (each system here
    /// says at which scale it decides).
    Decide,
    Move,
    /// The march: the group walks the route (instead of `Decide` and `Move`, which are the
    /// scene's).
    March,
    /// Fires burn, wood is gathered, skins are filled.
    Camp,
    /// Cold, heat, the sun and the ground act on each body.
    Expose,
    /// Boots and clothes wear with the ground walked, and are mended at rest.
    Wear,
    /// A fall on the march's hard ground.
    Fall,
    /// The ice gives way under someone.
    Ice,
    /// Body water is drunk back from the skins.
    Drink,
    /// Rations are shared out.
    Eat,
    /// Those whose bodies have failed die.
    Die,
    /// The camp's watch shoots at whoever its lamps catch.
    Shoot,
    /// The guards and their dogs close in on the trail, and take whoever they catch.
    Pursue,
    /// Sight, morale, straying and giving up.
    Cohere,
    Story,
    /// The route walked and where each fate was met, for the chronicle.
    Record,
    /// The journey saved when camp is made.
    Save,
    /// Way out reached, journey over.
    Journey,
}

/// The schedule run when any stage is entered, after `OnEnter` of that stage: one chain for
/// every stage instead of a loop over the stages in each plugin.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct EnterStage;

/// The order of entering a stage (`EnterStage`), configured once here: add a variant here, in
/// order.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnterStageSystems {
    /// The stage's map is made and the group put at its entry.
    Map,
    /// What starts afresh in each stage (weather, nights, strangers) and the stage's own set
    /// pieces.
    Setup,
    /// A resumed journey put back as it was; then the journey is saved.
    Resume,
}

/// Whether the world may tick: not between deciding to move to another stage or screen and
/// getting there. A window runs several ticks a frame but changes state once a frame; without
/// this, those ticks would make a windowed run differ from a headless one of the same seed.
fn is_no_move_pending(
    stage: Option<Res<NextState<Stage>>>,
    scale: Option<Res<NextState<Scale>>>,
    screen: Res<NextState<Screen>>,
) -> bool {
    let unchanged = |n: &NextState<_>| matches!(n, NextState::Unchanged);
    stage.is_none_or(|s| unchanged(&s))
        && scale.is_none_or(|s| matches!(*s, NextState::Unchanged))
        && matches!(*screen, NextState::Unchanged)
}

/// Whether the group is on the march (hour by hour along the route).
pub fn is_marching(scale: Option<Res<State<Scale>>>) -> bool {
    scale.is_some_and(|s| *s.get() == Scale::March)
}

/// Whether the group is on the ground of a scene (minute by minute on the tilemap).
pub fn is_on_the_ground(scale: Option<Res<State<Scale>>>) -> bool {
    scale.is_none_or(|s| *s.get() == Scale::Scene)
}

/// Whether a stage's map is there to walk on: every rule reads it.
pub fn has_stage_map(stage_map: Option<Res<StageMap>>) -> bool {
    stage_map.is_some()
}

fn run_enter_stage(world: &mut World) {
    world.run_schedule(EnterStage);
}

/// Which executor runs an app's schedules: a choice of speed, not of outcome. Every pair of the
/// simulation's systems that touch the same data is ordered (the tests build its schedules with
/// Bevy's ambiguity detection at error level), so a journey is the same on either; a test plays
/// seeds on both and compares the reports byte for byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Executor {
    /// Every schedule on the calling thread. One tick is a few dozen small systems: a thread
    /// pool costs far more than they do (the numbers are in the README's docs on the
    /// simulation), and the browser has one thread anyway.
    #[default]
    OneThread,
    /// Bevy's default: the multi-threaded executor, where the build has threads.
    ThreadPool,
}

/// Runs every schedule of the app, once all plugins are in, on the [`Executor`] it holds.
pub struct ExecutorPlugin(pub Executor);

impl Plugin for ExecutorPlugin {
    fn build(&self, _app: &mut App) {}

    /// In `finish`, not `build`: the schedules other plugins add must be there.
    fn finish(&self, app: &mut App) {
        use bevy::ecs::schedule::{MultiThreadedExecutor, Schedules, SingleThreadedExecutor};
        for (_, schedule) in app.world_mut().resource_mut::<Schedules>().iter_mut() {
            match self.0 {
                Executor::OneThread => schedule.set_executor(SingleThreadedExecutor::new()),
                Executor::ThreadPool => schedule.set_executor(MultiThreadedExecutor::new()),
            };
        }
    }
}

/// The headless simulation of the journey. Add it with `StatesPlugin` and either
/// `MinimalPlugins` (tests, `--headless`) or the windowed game's plugins.
pub struct SimulationPlugin {
    pub seed: u64,
    pub levels: Levels,
    pub autoplay: bool,
}

impl Plugin for SimulationPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(RunSeed(self.seed))
            .insert_resource(self.levels.clone())
            .insert_resource(Autoplay(self.autoplay))
            .init_resource::<Difficulty>()
            .insert_resource(Time::<Fixed>::from_hz(TICKS_PER_SECOND));
        app.configure_sets(
            FixedUpdate,
            // In two halves: a tuple holds at most twenty.
            (
                (
                    SimSystems::Clock,
                    SimSystems::Watch,
                    SimSystems::Weather,
                    SimSystems::Lamps,
                    SimSystems::Decide,
                    SimSystems::Move,
                    SimSystems::March,
                    SimSystems::Camp,
                    SimSystems::Expose,
                    SimSystems::Wear,
                    SimSystems::Fall,
                    SimSystems::Ice,
                )
                    .chain(),
                (
                    SimSystems::Drink,
                    SimSystems::Eat,
                    SimSystems::Die,
                    SimSystems::Shoot,
                    SimSystems::Pursue,
                    SimSystems::Cohere,
                    SimSystems::Story,
                    SimSystems::Record,
                    SimSystems::Save,
                    SimSystems::Journey,
                )
                    .chain(),
            )
                .chain()
                .run_if(
                    in_state(Pause::Running)
                        .and_then(has_stage_map)
                        .and_then(is_no_choice_waiting)
                        .and_then(is_no_move_pending),
                ),
        );
        app.configure_sets(FixedUpdate, SimSystems::Move.run_if(is_on_the_ground));
        app.configure_sets(FixedUpdate, SimSystems::March.run_if(is_marching));
        app.init_schedule(EnterStage);
        app.configure_sets(
            EnterStage,
            (EnterStageSystems::Map, EnterStageSystems::Setup, EnterStageSystems::Resume).chain(),
        );
        for stage in Stage::ALL {
            app.add_systems(OnEnter(stage), run_enter_stage);
        }
        app.add_plugins((
            crate::states::plugin,
            model::plugin,
            rules::movement::plugin,
            journey::plugin,
            record::chronicle::plugin,
            record::journal::plugin,
            journey::save::plugin,
        ));
        app.add_plugins((
            rules::weather::plugin,
            rules::camp::plugin,
            rules::exposure::plugin,
            rules::thirst::plugin,
            rules::hunger::plugin,
            rules::ice::plugin,
            rules::death::plugin,
            rules::cohesion::plugin,
            rules::march::plugin,
        ));
        app.add_plugins((rules::gear::plugin, rules::pursuit::plugin, rules::falls::plugin, rules::watch::plugin));
    }
}
