//! The saved journey between runs: read on the title screen (checked against these levels, the
//! save before it used when the newest cannot be), written each time the simulation saves,
//! the previous one kept as a backup. A save that cannot be used is set aside under a numbered
//! name, never overwritten; one from a newer version of the game is left where it is. The
//! player is told, on the title and in the journey, whenever a save cannot be used or made.

use bevy::prelude::*;
use bevy::tasks::futures::check_ready;
use bevy::tasks::{IoTaskPool, Task};

use crate::game::store::{Kept, Store};
use crate::levels::Levels;
use crate::sim::journey::save::{SAVE_VERSION, Save, SaveError, Saved};
use crate::sim::model::party::News;

/// The name the journey is kept under; its backup is `journey.backup`.
pub const JOURNEY: &str = "journey";
const BACKUP: &str = "journey.backup";

/// What the title screen knows about the saved journey.
#[derive(Resource, Debug, Clone, Default)]
pub struct SavedJourney {
    /// The journey "Continue" resumes.
    pub save: Option<Save>,
    /// That journey is the save before the newest, which could not be used.
    pub from_backup: bool,
    /// Something is kept as the saved journey that a new journey would replace: a new
    /// journey asks first.
    pub kept: Option<String>,
    /// A save from a newer version of the game is kept: it is moved aside (not lost) only if
    /// the player starts a new journey here.
    pub newer: bool,
    /// Why a save that is there could not be used, and where it was kept.
    pub problem: Option<String>,
    /// Writing a save now would destroy something that could not be moved aside.
    pub blocked: Option<String>,
}

/// Whether this run's journey is saved: real journeys are; a benchmark, a replayed script, a
/// `--stage` or `--levels` trial is not unless asked (`--save`), so that trying something out
/// never replaces the player's journey.
#[derive(Resource, Debug, Clone, Default)]
pub struct SavePolicy {
    /// Why this run's journey is not saved; `None` when it is.
    pub not_saved: Option<String>,
}

/// The last save that failed in this run, for the pause menu; cleared by the next that works.
#[derive(Resource, Debug, Clone, Default)]
pub struct SaveTrouble(pub Option<String>);

/// A short name for why a save is set aside: it becomes part of the file's name.
fn aside_name(e: &SaveError) -> &'static str {
    match e {
        SaveError::Damaged(_) => "damaged",
        SaveError::OtherVersion(_) => "old",
        SaveError::OtherWorld => "other-levels",
        SaveError::Invalid(_) => "invalid",
    }
}

/// Reads the saved journey, if any, from `store`, for these levels.
pub fn load(store: &Store, levels: &Levels) -> SavedJourney {
    let mut out = SavedJourney::default();
    let mut problems: Vec<String> = Vec::new();
    let mut set_aside = |why_short: &str, why: String, out: &mut SavedJourney| match store.set_aside(JOURNEY, why_short)
    {
        Ok(kept) => {
            warn!("{why}; kept at {kept}");
            problems.push(format!("{} and cannot be continued. It is kept at {kept}.", capital(&why)));
        }
        Err(e) => {
            warn!("{why}; {e}");
            let blocked = format!("{} and {e}: this journey will not be saved over it", capital(&why));
            problems.push(format!("{blocked}. To save again, remove {}.", store.describe(JOURNEY)));
            out.blocked = Some(blocked);
        }
    };
    match store.read(JOURNEY) {
        Kept::Absent => {}
        Kept::Unreadable(why) => set_aside("unreadable", format!("the saved journey cannot be read ({why})"), &mut out),
        Kept::Text(text) => match Save::read(&text, levels) {
            Ok(save) => {
                out.kept = Some(describe(&save));
                out.save = Some(save);
                return out;
            }
            Err(SaveError::OtherVersion(v)) if v > SAVE_VERSION => {
                warn!("{}; left as it is", SaveError::OtherVersion(v));
                out.newer = true;
                out.kept = Some("a journey saved by a newer version of the game".into());
                problems.push(format!(
                    "The saved journey is from a newer version of the game (save format {v}) and cannot be continued \
                     here. It is left as it is at {}.",
                    store.describe(JOURNEY)
                ));
            }
            Err(e) => set_aside(aside_name(&e), e.to_string(), &mut out),
        },
    }
    // The save before it, kept by the last write, is the journey to go on with.
    if let Kept::Text(text) = store.read(BACKUP) {
        match Save::read(&text, levels) {
            Ok(save) => {
                if problems.is_empty() {
                    problems.push(format!(
                        "The saved journey is not there; Continue goes on from its backup ({}).",
                        describe(&save)
                    ));
                } else {
                    problems.push(format!("Continue goes on from the save before it ({}).", describe(&save)));
                }
                // A new journey would replace it (at its second save): it asks first.
                out.kept.get_or_insert_with(|| describe(&save));
                out.from_backup = true;
                out.save = Some(save);
            }
            Err(e) => info!("the backup cannot be used either: {e}"),
        }
    }
    if !problems.is_empty() {
        out.problem = Some(problems.join("\n"));
    }
    out
}

fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// "Gobi, day 120, at camp".
pub fn describe(save: &Save) -> String {
    let at = if save.camp.is_some() { ", at camp" } else { "" };
    format!("{}, day {}{at}", save.stage.name(), save.clock.day())
}

pub(super) fn read_saved_journey(mut commands: Commands, levels: Res<Levels>) {
    commands.insert_resource(load(&Store::user(), &levels));
}

/// A new journey is to replace what is kept: a save from a newer version is moved aside first
/// (the backup would keep it only until the second save).
pub fn make_room_for_a_new_journey(saved: &SavedJourney) -> Result<(), String> {
    if saved.newer {
        let kept = Store::user().set_aside(JOURNEY, "newer")?;
        info!("the newer version's save is kept at {kept}");
    }
    Ok(())
}

/// The journey's saves waiting to be written, oldest first, and the one being written. Each is
/// written on the IO task pool (a write syncs the file, keeps a backup and syncs the folder:
/// milliseconds to a second on a slow disk, which a frame must not wait for), one at a time and
/// in the order made, so that the newest save is the journey kept and the one before it the
/// backup.
#[derive(Resource, Default)]
struct SaveWrites {
    queued: std::collections::VecDeque<String>,
    writing: Option<Task<Result<(), String>>>,
}

/// Queues each save the simulation makes, unless this journey is not saved.
fn keep_saves(
    mut saved: MessageReader<Saved>,
    policy: Res<SavePolicy>,
    journey: Res<SavedJourney>,
    mut writes: ResMut<SaveWrites>,
) {
    for s in saved.read() {
        if let Some(why) = policy.not_saved.as_ref().or(journey.blocked.as_ref()) {
            debug!("the journey is not saved: {why}");
            continue;
        }
        writes.queued.push_back(s.0.clone());
    }
}

fn write_save(text: String) -> Task<Result<(), String>> {
    IoTaskPool::get().spawn(async move { Store::user().write(JOURNEY, &text, true).map_err(|e| e.to_string()) })
}

/// Tells how the last write went, once it has gone; starts the next.
fn write_saves(mut writes: ResMut<SaveWrites>, mut trouble: ResMut<SaveTrouble>, mut news: MessageWriter<News>) {
    if let Some(task) = writes.writing.as_mut() {
        let Some(written) = check_ready(task) else { return };
        writes.writing = None;
        tell_how_it_went(written, &mut trouble, &mut news);
    }
    if let Some(text) = writes.queued.pop_front() {
        writes.writing = Some(write_save(text));
    }
}

fn tell_how_it_went(written: Result<(), String>, trouble: &mut SaveTrouble, news: &mut MessageWriter<News>) {
    match written {
        Ok(()) => {
            info!("journey saved");
            if trouble.0.take().is_some() {
                news.write(News("The journey is saved again.".into()));
            }
        }
        Err(e) => {
            warn!("the journey could not be saved: {e}");
            // Told once, not at every camp while the disk stays full.
            if trouble.0.is_none() {
                news.write(News(format!(
                    "The journey could not be saved ({e}). The last save is kept; the next camp tries again."
                )));
            }
            trouble.0 = Some(e);
        }
    }
}

/// The game is closing: the save being written and those still queued are written before it
/// goes (the one wait on the disk a player can see, and only at the end).
#[cfg(not(target_arch = "wasm32"))]
fn finish_writing_saves(exit: MessageReader<AppExit>, mut writes: ResMut<SaveWrites>) {
    if exit.is_empty() {
        return;
    }
    use bevy::tasks::block_on;
    if let Some(task) = writes.writing.take()
        && let Err(e) = block_on(task)
    {
        warn!("the journey could not be saved: {e}");
    }
    while let Some(text) = writes.queued.pop_front() {
        if let Err(e) = block_on(write_save(text)) {
            warn!("the journey could not be saved: {e}");
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SavedJourney>();
    app.init_resource::<SavePolicy>();
    app.init_resource::<SaveTrouble>();
    app.add_systems(OnEnter(crate::states::Screen::Title), read_saved_journey);
    app.init_resource::<SaveWrites>();
    app.add_systems(Update, (keep_saves, write_saves).chain());
    // In the browser a write runs on the page's event loop after the frame: nothing to wait for,
    // and waiting on it from the frame would never end.
    #[cfg(not(target_arch = "wasm32"))]
    app.add_systems(Last, finish_writing_saves);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fresh(name: &str) -> Store {
        let dir = std::env::temp_dir().join(format!("the-way-back-saves-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Store::at(dir)
    }

    /// A real save of the Camp's first minute, as the simulation writes it.
    fn a_save(levels: &Levels) -> Save {
        use bevy::state::app::StatesPlugin;
        use bevy::time::TimeUpdateStrategy;
        let mut app = App::new();
        let sim = crate::sim::SimulationPlugin { seed: 3, levels: levels.clone(), autoplay: true };
        app.add_plugins((MinimalPlugins, StatesPlugin, sim)).insert_resource(TimeUpdateStrategy::FixedTimesteps(1));
        app.world_mut().resource_mut::<NextState<crate::states::Screen>>().set(crate::states::Screen::Loading);
        let mut text = None;
        for _ in 0..5 {
            app.update();
            let msgs = app.world().resource::<Messages<Saved>>();
            if let Some(s) = msgs.get_cursor().read(msgs).last() {
                text = Some(s.0.clone());
            }
        }
        Save::read(&text.expect("a save on entering the Camp"), levels).expect("a fresh save reads")
    }

    #[test]
    fn a_damaged_save_is_set_aside_and_the_one_before_it_continues() {
        let levels = Levels::builtin().unwrap();
        let store = fresh("damaged");
        let save = a_save(&levels);
        store.write(JOURNEY, &save.to_text(), true).unwrap();
        store.write(JOURNEY, "(version: 3, seed: 1, what", true).unwrap();
        let found = load(&store, &levels);
        assert_eq!(found.save.as_ref(), Some(&save), "the backup is offered");
        assert!(found.from_backup);
        let problem = found.problem.unwrap();
        assert!(problem.contains("damaged") && problem.contains("journey.damaged-1.ron"), "{problem}");
        assert!(problem.contains("the save before it"), "{problem}");
        assert_eq!(store.read("journey.damaged-1"), Kept::Text("(version: 3, seed: 1, what".into()));
        assert_eq!(store.read(JOURNEY), Kept::Absent);
        assert!(found.kept.is_some(), "a new journey asks before its saves replace the backup");
        // Started again: no damaged save now, only the backup, and it is still offered.
        let again = load(&store, &levels);
        assert_eq!(again.save.as_ref(), Some(&save));
        assert!(again.problem.unwrap().contains("from its backup"));
    }

    #[test]
    fn a_newer_versions_save_is_left_where_it_is() {
        let levels = Levels::builtin().unwrap();
        let store = fresh("newer");
        let text = a_save(&levels).to_text().replacen(&format!("version: {SAVE_VERSION}"), "version: 99", 1);
        store.write(JOURNEY, &text, false).unwrap();
        let found = load(&store, &levels);
        assert!(found.newer && found.save.is_none() && found.kept.is_some());
        assert!(found.problem.unwrap().contains("newer version"));
        assert_eq!(store.read(JOURNEY), Kept::Text(text), "untouched");
    }

    #[test]
    fn a_save_from_other_levels_or_with_impossible_values_is_refused_by_name() {
        let levels = Levels::builtin().unwrap();
        let save = a_save(&levels);
        let store = fresh("world");
        let mut other = save.clone();
        other.world ^= 1;
        store.write(JOURNEY, &other.to_text(), false).unwrap();
        let found = load(&store, &levels);
        assert!(found.save.is_none());
        assert!(found.problem.unwrap().contains("other level files"));
        assert!(matches!(store.read("journey.other-levels-1"), Kept::Text(_)));
        let mut huge = save.clone();
        huge.clock.minutes = u64::MAX;
        store.write(JOURNEY, &huge.to_text(), false).unwrap();
        let problem = load(&store, &levels).problem.unwrap();
        assert!(problem.contains("clock.minutes"), "{problem}");
    }

    #[test]
    fn an_unreadable_save_is_never_taken_for_no_save() {
        let levels = Levels::builtin().unwrap();
        let store = fresh("unreadable");
        std::fs::write(store.path(JOURNEY), b"(version: 3,\xff\xfe").unwrap();
        let found = load(&store, &levels);
        let problem = found.problem.unwrap();
        assert!(problem.contains("cannot be read") && problem.contains("bad byte"), "{problem}");
        assert!(matches!(store.read("journey.unreadable-1"), Kept::Unreadable(_)), "kept aside, byte for byte");
    }
}
