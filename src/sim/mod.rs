//! The simulation: journey stages, the party, the world and the story, with no rendering,
//! assets, UI or audio, so that it runs the same in a window, a browser and a test.

pub mod journey;
pub mod model;
pub mod record;
pub mod rules;
pub mod world;

// The rooms' files under their old names, while the paths move.
pub use crate::levels;
pub use crate::states as state;
pub use journey::{autoplay, save, story};
pub use model::{clock, party};
pub use record::{chronicle, report};
pub use rules::exposure as survival;
pub use rules::{camp, cohesion, movement, weather};

use bevy::prelude::*;

use self::autoplay::Autoplay;
use self::journey::RunSeed;
use self::levels::Levels;
use self::state::Pause;

/// Fixed ticks per real second when played in a window: one tick is one in-game minute, so an
/// in-game day lasts 48 s.
pub const TICKS_PER_SECOND: f64 = 30.0;

/// The order of one simulation tick.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SimSystems {
    Clock,
    /// The weather changes and the air follows the hour.
    Weather,
    /// The player's input or the autoplayer decides what the group does.
    Decide,
    Move,
    /// Fires burn, wood is gathered, skins are filled.
    Camp,
    /// Exposure and thirst act on the walkers.
    Survive,
    /// Sight, morale, straying and giving up.
    Cohere,
    Story,
    /// Way out reached, journey over.
    Journey,
}

/// Whether the world may tick: not between deciding to move to another stage or screen and
/// getting there. A window runs several ticks a frame but changes state once a frame; without
/// this, those ticks would make a windowed run differ from a headless one of the same seed.
fn is_no_move_pending(stage: Option<Res<NextState<state::Stage>>>, screen: Res<NextState<state::Screen>>) -> bool {
    let unchanged = |n: &NextState<_>| matches!(n, NextState::Unchanged);
    stage.is_none_or(|s| unchanged(&s)) && matches!(*screen, NextState::Unchanged)
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
            .insert_resource(Time::<Fixed>::from_hz(TICKS_PER_SECOND));
        app.configure_sets(
            FixedUpdate,
            (
                SimSystems::Clock,
                SimSystems::Weather,
                SimSystems::Decide,
                SimSystems::Move,
                SimSystems::Camp,
                SimSystems::Survive,
                SimSystems::Cohere,
                SimSystems::Story,
                SimSystems::Journey,
            )
                .chain()
                .run_if(in_state(Pause::Running).and_then(story::is_no_choice_waiting).and_then(is_no_move_pending)),
        );
        app.add_plugins((
            state::plugin,
            clock::plugin,
            party::plugin,
            movement::plugin,
            journey::plugin,
            story::plugin,
            autoplay::plugin,
            chronicle::plugin,
            save::plugin,
        ));
        app.add_plugins((weather::plugin, camp::plugin, survival::plugin, cohesion::plugin));
    }
}
