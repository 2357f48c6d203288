//! Saved journeys: everything a journey has come to when a stage is entered or camp is made (the map is
//! not saved: it is made again from the seed), as RON text; and resuming from one. Where the
//! text is kept (a file, the browser's storage) is the presentation's business.

use bevy::prelude::*;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::levels::{Levels, MemberId, Stranger};
mod check;
mod restore;
use crate::sim::journey::save::restore::finish_resuming;

use crate::sim::journey::StartSystems;
use crate::sim::journey::story::{Greeted, StageNights, StoryEntry, StoryLog, StrangerAt};
use crate::sim::model::air::Weather;
use crate::sim::model::body::Vitals;
use crate::sim::model::clock::GameClock;
use crate::sim::model::food::{Foraged, Rations};
use crate::sim::model::gear::{Gear, WornTo};
use crate::sim::model::group::{Halt, Mind, Pace, Resting};
use crate::sim::model::hardship::Difficulty;
use crate::sim::model::journal::{Journal, JournalEntry};
use crate::sim::model::march::{March, MarchOrders};
use crate::sim::model::party::{FateRecord, Fates, Member, Position, Status};
use crate::sim::model::pursuit::Pursuit;
use crate::sim::model::route::{FatePlaces, Spot, Walked};
use crate::sim::model::seed::{RunSeed, SimRng};
use crate::sim::model::stage::{StageLog, StageRecord};
use crate::sim::model::supplies::{Fire, Supplies};
use crate::sim::model::walk::Odometer;
use crate::sim::{EnterStage, EnterStageSystems};
use crate::states::{Scale, Screen, Stage};

/// The version of the save format; a save of another version is refused with a message.
/// 3: the `world` a save was made in.
pub const SAVE_VERSION: u32 = 4;

/// What a saved journey depends on beyond its own format: the level files (as read, so a
/// comment or a space changes nothing) and the map generator's edition. A save made with other
/// levels or on other maps cannot be put back where it was.
pub fn world_fingerprint(levels: &Levels) -> u64 {
    use std::hash::Hasher;
    let mut h = fnv::FnvHasher::default();
    h.write(&crate::sim::world::MAP_GENERATOR.to_le_bytes());
    h.write(format!("{:?}", levels.stages).as_bytes());
    h.write(format!("{:?}", levels.story).as_bytes());
    h.finish()
}

/// The longest journey a save may hold: a thousand days (the model's own journeys end in well
/// under a year and a half; a clock beyond this is damage, and would overflow the calendar).
pub const MAX_SAVED_MINUTES: u64 = 1000 * 24 * 60;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedMember {
    pub id: MemberId,
    pub status: Status,
    /// None for someone who has not yet taken a step (a save on setting out).
    pub vitals: Option<Vitals>,
    pub mind: Option<Mind>,
    #[serde(default)]
    pub gear: Option<Gear>,
}

/// A journey as it stood when a stage was entered or camp was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Save {
    pub version: u32,
    /// The [`world_fingerprint`] of the levels and maps the journey was played on.
    pub world: u64,
    pub seed: u64,
    pub stage: Stage,
    pub clock: GameClock,
    pub rng: ChaCha8Rng,
    pub weather: Weather,
    pub supplies: Supplies,
    pub pace: Pace,
    pub halt: Halt,
    pub odometer: Odometer,
    pub members: Vec<SavedMember>,
    pub fates: Vec<FateRecord>,
    /// The stages walked before this one.
    pub stages: Vec<StageRecord>,
    pub story: Vec<StoryEntry>,
    pub walked: Vec<Spot>,
    pub fate_places: Vec<(MemberId, Spot)>,
    /// Where everyone was when the group made camp; none for a save on entering a stage.
    #[serde(default)]
    pub camp: Option<CampSave>,
    /// How far along the stage's route the group was, and at which scale.
    #[serde(default)]
    pub march: March,
    #[serde(default)]
    pub scale: Scale,
    #[serde(default)]
    pub orders: MarchOrders,
    /// Everything told so far (a save from before the journal has none).
    #[serde(default)]
    pub journal: Vec<JournalEntry>,
    #[serde(default)]
    pub rations: Rations,
    #[serde(default)]
    pub pursuit: Pursuit,
    /// The odometer reading the group's boots and clothes were last worn to (older saves:
    /// the odometer's own).
    #[serde(default)]
    pub gear_worn_to_km: Option<f32>,
    /// Where the group has been foraging and since when (older saves: nowhere yet).
    #[serde(default)]
    pub foraged: Foraged,
    /// How hard the journey is (older saves: normal).
    #[serde(default)]
    pub difficulty: Difficulty,
}

/// The group at its camp, mid-stage: enough to put it back where it was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampSave {
    pub positions: Vec<(MemberId, (f32, f32))>,
    /// Each burning fire's place and hours of fuel left.
    pub fires: Vec<((f32, f32), f32)>,
    /// Strangers still on the map: who, where, and whether they were already met.
    pub strangers: Vec<(Stranger, (f32, f32), bool)>,
    pub nights: u32,
}

impl CampSave {
    fn from_world(world: &mut World) -> CampSave {
        let xy = |p: &Position| (p.0.x, p.0.y);
        let mut positions: Vec<_> =
            world.query::<(&Member, &Position)>().iter(world).map(|(m, p)| (m.0, xy(p))).collect();
        positions.sort_by_key(|(m, _)| *m);
        let fires = world
            .query::<(&Fire, &Position)>()
            .iter(world)
            .filter(|(f, _)| f.burning())
            .map(|(f, p)| (xy(p), f.fuel_h))
            .collect();
        let strangers = world
            .query::<(&StrangerAt, &Position, Has<Greeted>)>()
            .iter(world)
            .map(|(s, p, greeted)| (s.0, xy(p), greeted))
            .collect();
        CampSave { positions, fires, strangers, nights: world.resource::<StageNights>().count }
    }
}

/// Why a saved journey cannot be resumed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveError {
    /// Not a save at all, or cut short.
    Damaged(String),
    /// Written by another version of the game (older or newer: the number says).
    OtherVersion(u32),
    /// Made with other level files or an older map generator: its places are on other maps.
    OtherWorld,
    /// A save in form whose values cannot be (a clock past any journey, no Janusz, a number that
    /// is not one): what is wrong, by field.
    Invalid(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Damaged(why) => write!(f, "the saved journey is damaged ({why})"),
            SaveError::OtherVersion(v) => {
                let which = if *v > SAVE_VERSION { "a newer" } else { "another" };
                write!(
                    f,
                    "the saved journey is from {which} version of the game (save format {v}, this game reads {SAVE_VERSION})"
                )
            }
            SaveError::OtherWorld => {
                write!(f, "the saved journey was made with other level files or an older map generator")
            }
            SaveError::Invalid(why) => write!(f, "the saved journey holds what cannot be ({why})"),
        }
    }
}

impl Save {
    pub fn to_text(&self) -> String {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).expect("a save always serialises")
    }

    pub fn from_text(text: &str) -> Result<Save, SaveError> {
        // The version is read first (other fields ignored), so that an old save is named as
        // such, not as damaged.
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        if let Ok(v) = ron::from_str::<VersionOnly>(text)
            && v.version != SAVE_VERSION
        {
            return Err(SaveError::OtherVersion(v.version));
        }
        ron::from_str(text).map_err(|e| SaveError::Damaged(format!("line {}: {}", e.span.start.line, e.code)))
    }

    /// Reads a save to be resumed with these levels: in form ([`Save::from_text`]), made in
    /// the same world, and with values a journey can have; small slips (a mood a hair above 1)
    /// are brought into range, anything else is refused by field.
    pub fn read(text: &str, levels: &Levels) -> Result<Save, SaveError> {
        let save = Save::from_text(text)?;
        if save.world != world_fingerprint(levels) {
            return Err(SaveError::OtherWorld);
        }
        save.checked(levels).map_err(SaveError::Invalid)
    }

    /// The journey as it stands (called just after a stage is entered).
    pub fn from_world(world: &mut World) -> Save {
        let mut members: Vec<SavedMember> = world
            .query::<(&Member, &Status, &Vitals, &Mind, &Gear)>()
            .iter(world)
            .map(|(m, s, v, mind, gear)| SavedMember {
                id: m.0,
                status: *s,
                vitals: Some(*v),
                mind: Some(*mind),
                gear: Some(*gear),
            })
            .collect();
        members.sort_by_key(|m| m.id);
        let mut stages = world.resource::<StageLog>().0.clone();
        stages.pop();
        let mut fate_places: Vec<(MemberId, Spot)> =
            world.resource::<FatePlaces>().0.iter().map(|(k, v)| (*k, *v)).collect();
        fate_places.sort_by_key(|(k, _)| *k);
        Save {
            version: SAVE_VERSION,
            world: world_fingerprint(world.resource::<Levels>()),
            seed: world.resource::<RunSeed>().0,
            stage: *world.resource::<State<Stage>>().get(),
            clock: *world.resource::<GameClock>(),
            rng: world.resource::<SimRng>().0.clone(),
            weather: world.resource::<Weather>().clone(),
            supplies: world.resource::<Supplies>().clone(),
            pace: *world.resource::<Pace>(),
            halt: *world.resource::<Halt>(),
            odometer: *world.resource::<Odometer>(),
            gear_worn_to_km: Some(world.resource::<WornTo>().0),
            foraged: *world.resource::<Foraged>(),
            difficulty: *world.resource::<Difficulty>(),
            members,
            fates: world.resource::<Fates>().0.clone(),
            stages,
            story: world.resource::<StoryLog>().0.clone(),
            walked: world.resource::<Walked>().0.clone(),
            fate_places,
            camp: None,
            march: world.resource::<March>().clone(),
            scale: world.get_resource::<State<Scale>>().map_or(Scale::Scene, |s| *s.get()),
            orders: *world.resource::<MarchOrders>(),
            journal: world.resource::<Journal>().0.clone(),
            rations: *world.resource::<Rations>(),
            pursuit: *world.resource::<Pursuit>(),
        }
    }

    /// The journey as it stands mid-stage, the group in camp.
    pub fn at_camp(world: &mut World) -> Save {
        let mut save = Save::from_world(world);
        // This stage's record is kept as it is: the stage is not entered anew.
        save.stages = world.resource::<StageLog>().0.clone();
        save.camp = Some(CampSave::from_world(world));
        save
    }
}

/// A save to resume at the next journey start (set by "Continue").
#[derive(Resource, Debug, Clone)]
pub struct ResumeFrom(pub Save);

/// The journey was just saved: the presentation keeps the text wherever it keeps saves.
#[derive(Message, Debug, Clone)]
pub struct Saved(pub String);

/// Nobody keeps this run's saves (a headless report, a balance run): none are made. Writing
/// the whole journey out at every camp, its journal and all, was most of a headless journey's
/// time, for text nobody read.
#[derive(Resource, Debug, Clone, Copy)]
pub struct NoSaves;

/// Saves as each stage is entered, once everything in it is in place.
pub(crate) fn save_on_entering(world: &mut World) {
    if world.get_resource::<ResumeFrom>().is_some() || world.contains_resource::<NoSaves>() {
        return;
    }
    let save = Save::from_world(world);
    world.write_message(Saved(save.to_text()));
}

/// Game minutes between two camp saves: a halt for a drink is not a camp worth a save.
const CAMP_SAVE_EVERY_MIN: u64 = 6 * 60;

/// Saves each time the group makes camp (a player's "make camp", or the autoplayer's), at most
/// once in six hours of the journey.
fn save_at_camp(world: &mut World, mut was_resting: Local<bool>, mut last: Local<Option<u64>>) {
    let resting = world.resource::<Resting>().0;
    let begun = resting && !*was_resting;
    *was_resting = resting;
    // As it was, nobody could take back a night: the journey is kept only at each stage.
    if !begun
        || world.get_resource::<ResumeFrom>().is_some()
        || world.contains_resource::<NoSaves>()
        || !world.resource::<Difficulty>().saves_at_camp()
    {
        return;
    }
    let now = world.resource::<GameClock>().minutes;
    if last.is_some_and(|t| now >= t && now - t < CAMP_SAVE_EVERY_MIN) {
        return;
    }
    *last = Some(now);
    let save = Save::at_camp(world);
    world.write_message(Saved(save.to_text()));
}

pub(crate) fn plugin(app: &mut App) {
    app.add_message::<Saved>();
    app.add_systems(FixedUpdate, save_at_camp.in_set(crate::sim::SimSystems::Save).run_if(in_state(Screen::Playing)));
    app.add_systems(OnEnter(Screen::Loading), restore::resume.in_set(StartSystems::Resume));
    app.add_systems(EnterStage, (finish_resuming, save_on_entering).chain().in_set(EnterStageSystems::Resume));
}
