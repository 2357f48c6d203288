//! The app's screens and the journey's stages as Bevy states.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// Which screen the app shows. The simulation only runs while `Playing`.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Title,
    /// The world of the first stage is being generated.
    Loading,
    Playing,
    /// The end of the journey (or of the group): the chronicle of what happened.
    Chronicle,
}

/// Paused or running, only while playing: pausing must not leave the stage, so it is not a
/// `Screen` of its own (leaving `Playing` would despawn the stage).
#[derive(SubStates, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[source(Screen = Screen::Playing)]
pub enum Pause {
    #[default]
    Running,
    Paused,
}

/// The scale the journey is played at within a stage: on the ground of its scene (a tilemap,
/// minute by minute), or on the march along the stage's route (hour by hour).
#[derive(SubStates, Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[source(Screen = Screen::Playing)]
pub enum Scale {
    #[default]
    Scene,
    March,
}

/// The journey's stages, in the order they are walked.
#[derive(SubStates, Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, PartialOrd, Ord)]
#[source(Screen = Screen::Playing)]
pub enum Stage {
    #[default]
    Camp,
    Taiga,
    Baikal,
    Border,
    Mongolia,
    Gobi,
    Himalaya,
    Monastery,
    India,
    Epilogue,
}

impl Stage {
    pub const ALL: [Stage; 10] = [
        Stage::Camp,
        Stage::Taiga,
        Stage::Baikal,
        Stage::Border,
        Stage::Mongolia,
        Stage::Gobi,
        Stage::Himalaya,
        Stage::Monastery,
        Stage::India,
        Stage::Epilogue,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn next(self) -> Option<Stage> {
        Stage::ALL.get(self.index() + 1).copied()
    }

    /// The level file's name in `levels/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Stage::Camp => "camp.ron",
            Stage::Taiga => "taiga.ron",
            Stage::Baikal => "baikal.ron",
            Stage::Border => "border.ron",
            Stage::Mongolia => "mongolia.ron",
            Stage::Gobi => "gobi.ron",
            Stage::Himalaya => "himalaya.ron",
            Stage::Monastery => "monastery.ron",
            Stage::India => "india.ron",
            Stage::Epilogue => "epilogue.ron",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Stage::Camp => "Camp",
            Stage::Taiga => "Taiga",
            Stage::Baikal => "Baikal",
            Stage::Border => "Border",
            Stage::Mongolia => "Mongolia",
            Stage::Gobi => "Gobi",
            Stage::Himalaya => "Himalaya",
            Stage::Monastery => "Monastery",
            Stage::India => "India",
            Stage::Epilogue => "Epilogue",
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    use bevy::state::state::{EnterSchedules, ExitSchedules, TransitionSchedules};
    app.init_state::<Screen>().add_sub_state::<Pause>().add_sub_state::<Stage>().add_sub_state::<Scale>();
    // Bevy runs a parent state's OnExit after its sub-states' and its OnEnter before theirs,
    // but leaves sibling sub-states unordered: a stage's OnEnter (its map) comes before the
    // scale's (closing up for the march on that map), the same on any executor.
    app.configure_sets(
        StateTransition,
        (
            (ExitSchedules::<Pause>::default(), ExitSchedules::<Stage>::default(), ExitSchedules::<Scale>::default())
                .chain(),
            (
                TransitionSchedules::<Pause>::default(),
                TransitionSchedules::<Stage>::default(),
                TransitionSchedules::<Scale>::default(),
            )
                .chain(),
            (
                EnterSchedules::<Pause>::default(),
                EnterSchedules::<Stage>::default(),
                EnterSchedules::<Scale>::default(),
            )
                .chain(),
        ),
    );
}
