//! The hall of fame: every finished journey's score, kept between runs beside the saves (a
//! file on the desktop, the browser's local storage on the web), best first. A journey is
//! entered as its chronicle opens; a trial that is not saved (a replay, a benchmark) is not.
//! A hall that cannot be read is set aside under a numbered name, never overwritten.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::game::saves::SavePolicy;
use crate::game::store::{Kept, Store};
use crate::sim::model::clock::GameClock;
use crate::sim::model::seed::RunSeed;
use crate::sim::model::stage::Outcome;
use crate::sim::record::report::Report;

/// The name the hall is kept under.
pub const HALL: &str = "hall_of_fame";
/// Journeys the hall keeps: the best this many.
pub const KEPT: usize = 50;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HallEntry {
    pub score: u32,
    pub seed: u64,
    pub difficulty: String,
    /// How it ended, in words.
    pub outcome: String,
    /// How many came down into India.
    pub reached: u32,
    pub days: u32,
    pub km: u32,
    /// The journey's last day, `YYYY-MM-DD` in 1941 or 1942.
    pub ended: String,
    pub feats: Vec<String>,
}

#[derive(Resource, Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HallOfFame {
    pub journeys: Vec<HallEntry>,
}

/// The journey just ended, and its place in the hall (1 is the best), for the chronicle.
#[derive(Resource, Debug, Clone)]
pub struct JustEntered {
    pub entry: HallEntry,
    pub place: Option<usize>,
    pub of: usize,
}

impl HallOfFame {
    /// Puts a journey in its place, best first (a tie goes below those already there), and
    /// keeps the best [`KEPT`]: its place, if it is kept.
    pub fn enter(&mut self, entry: HallEntry) -> Option<usize> {
        let at = self.journeys.iter().position(|e| e.score < entry.score).unwrap_or(self.journeys.len());
        self.journeys.insert(at, entry);
        self.journeys.truncate(KEPT);
        (at < KEPT).then_some(at + 1)
    }

    pub fn to_text(&self) -> String {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).expect("the hall always serialises")
    }

    /// The hall kept in `store`; a hall that cannot be read is set aside first (and if even
    /// that fails, `Err`: nothing may be written over it).
    pub fn read(store: &Store) -> Result<HallOfFame, String> {
        let why = match store.read(HALL) {
            Kept::Absent => return Ok(HallOfFame::default()),
            Kept::Text(text) => match ron::from_str::<HallOfFame>(&text) {
                Ok(hall) => return Ok(hall),
                Err(e) => format!("line {}: {}", e.span.start.line, e.code),
            },
            Kept::Unreadable(why) => why,
        };
        let kept = store.set_aside(HALL, "unreadable")?;
        warn!("the hall of fame could not be read ({why}); it is kept at {kept} and a new one begun");
        Ok(HallOfFame::default())
    }
}

/// How a journey ended, in the hall's words.
pub fn outcome_words(outcome: Option<Outcome>) -> &'static str {
    match outcome {
        Some(Outcome::ReachedIndia) => "reached India",
        Some(Outcome::JanuszDied) => "Janusz died",
        Some(Outcome::JanuszLost) => "Janusz was lost",
        None => "unfinished",
    }
}

/// The ended journey, as the hall keeps it.
fn entry_of(world: &World) -> HallEntry {
    let tally = Report::tally(world);
    let score = tally.score();
    HallEntry {
        score: score.points,
        seed: world.resource::<RunSeed>().0,
        difficulty: tally.difficulty.name().into(),
        outcome: outcome_words(tally.outcome).into(),
        reached: tally.reached().len() as u32,
        days: tally.days,
        km: tally.km.round() as u32,
        ended: world.resource::<GameClock>().date().iso(),
        feats: score.feats.iter().map(|f| f.name().to_string()).collect(),
    }
}

/// As the chronicle opens: the journey into the hall, kept at once.
pub(crate) fn enter_the_journey(world: &mut World) {
    let entry = entry_of(world);
    let trial = world.resource::<SavePolicy>().not_saved.is_some();
    let store = Store::user();
    let mut hall = if trial { Ok(HallOfFame::default()) } else { HallOfFame::read(&store) };
    let place = match &mut hall {
        Ok(hall) if !trial => {
            let place = hall.enter(entry.clone());
            if let Err(e) = store.write(HALL, &hall.to_text(), false) {
                warn!("the hall of fame could not be written: {e}");
            }
            place
        }
        Ok(_) => {
            info!("a trial journey is not entered in the hall of fame");
            None
        }
        Err(e) => {
            warn!("the hall of fame is left as it is: {e}");
            None
        }
    };
    let of = hall.as_ref().map_or(0, |h| h.journeys.len());
    info!("hall of fame: score {}, place {place:?} of {of}, feats {:?}", entry.score, entry.feats);
    world.insert_resource(JustEntered { entry, place, of });
}

/// The hall as the title shows it: read afresh each time the title opens.
fn read_the_hall(mut commands: Commands) {
    commands.insert_resource(HallOfFame::read(&Store::user()).unwrap_or_default());
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<HallOfFame>();
    app.add_systems(OnEnter(crate::states::Screen::Chronicle), enter_the_journey);
    app.add_systems(OnEnter(crate::states::Screen::Title), read_the_hall);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(score: u32) -> HallEntry {
        HallEntry {
            score,
            seed: 7,
            difficulty: "normal".into(),
            outcome: "reached India".into(),
            reached: 4,
            days: 250,
            km: 6100,
            ended: "1941-10-08".into(),
            feats: vec![],
        }
    }

    #[test]
    fn journeys_take_their_place_best_first_and_only_the_best_are_kept() {
        let mut hall = HallOfFame::default();
        assert_eq!(hall.enter(entry(3000)), Some(1));
        assert_eq!(hall.enter(entry(5000)), Some(1));
        assert_eq!(hall.enter(entry(3000)), Some(3), "a tie goes below");
        for _ in 0..KEPT {
            hall.enter(entry(9000));
        }
        assert_eq!(hall.journeys.len(), KEPT);
        assert_eq!(hall.enter(entry(10)), None, "not among the best {KEPT}");
        let text = hall.to_text();
        assert_eq!(ron::from_str::<HallOfFame>(&text).expect("reads back"), hall);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn a_hall_that_cannot_be_read_is_set_aside_not_overwritten() {
        let dir = std::env::temp_dir().join(format!("twb-hall-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a temp folder");
        let store = Store::at(&dir);
        std::fs::write(store.path(HALL), "(journeys: [ (score: oops ").expect("written");
        let hall = HallOfFame::read(&store).expect("set aside");
        assert!(hall.journeys.is_empty());
        let names: Vec<String> = std::fs::read_dir(&dir)
            .expect("listed")
            .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
            .collect();
        assert!(names.iter().any(|n| n.starts_with("hall_of_fame") && n.contains("unreadable")), "{names:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
