//! What the windowed game, the tools and the tests read of the simulation, in one `use`.

pub use crate::levels::*;
pub use crate::sim::journey::autoplay::{Autoplay, Policy, ReadingTime};
pub use crate::sim::journey::off_the_route::{GROUND_SIZE, GROUND_TILE_M, biome_of, ground_level};
pub use crate::sim::journey::save::{ResumeFrom, SAVE_VERSION, Save, SaveError, Saved};
pub use crate::sim::journey::stages::gather_radius;
pub use crate::sim::journey::story::{Choose, Greeted, PendingEvent, StageNights, StoryBeat, StoryLog, StrangerAt};
pub use crate::sim::journey::{JourneyEnded, PrepareMapsAhead, PreparedMaps};
pub use crate::sim::model::air::*;
pub use crate::sim::model::body::*;
pub use crate::sim::model::clock::*;
pub use crate::sim::model::ground::*;
pub use crate::sim::model::group::*;
pub use crate::sim::model::march::*;
pub use crate::sim::model::party::*;
pub use crate::sim::model::route::*;
pub use crate::sim::model::seed::*;
pub use crate::sim::model::stage::*;
pub use crate::sim::model::supplies::*;
pub use crate::sim::model::walk::*;
pub use crate::sim::record::chronicle::Chronicle;
pub use crate::sim::record::report::Report;
pub use crate::sim::rules::march::has_wood_along;
pub use crate::sim::world::{StageMap, generate, stage_seed};
pub use crate::sim::{EnterStage, EnterStageSystems, SimSystems, SimulationPlugin, TICKS_PER_SECOND};
pub use crate::states::{Pause, Scale, Screen, Stage};
