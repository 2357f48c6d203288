//! Damaged inputs fed to the loaders, a few hundred of each kind: level files, the story file
//! and saved journeys, each changed a byte or a number at a time (a number made huge, negative,
//! not a number). Every one is read or refused with a place (file and line or field; a save's
//! field), never a panic; a save that reads is resumed and played for a while without one.

use bevy::prelude::*;
use proptest::prelude::*;
use the_way_back::levels::{STORY_FILE, parse_level, parse_story};
use the_way_back::sim::journey::save::{ResumeFrom, Save, SaveError, Saved};
use the_way_back::sim::model::route::Spot;
use the_way_back::sim::prelude::*;
use the_way_back::sim::world::StageMap;

use crate::helpers::*;

/// One change to a text.
#[derive(Debug, Clone)]
enum Edit {
    /// A byte replaced by another.
    Byte(usize, u8),
    /// A byte taken out.
    Cut(usize),
    /// The text cut short here.
    Truncate(usize),
    /// The nth number in the text replaced by one of the odd ones.
    Number(usize, &'static str),
}

const ODD_NUMBERS: [&str; 10] =
    ["1e30", "-1", "-1e30", "NaN", "inf", "-inf", "0", "18446744073709551615", "4294967296", "99999999"];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Byte(a, b)),
        any::<usize>().prop_map(Edit::Cut),
        any::<usize>().prop_map(Edit::Truncate),
        (any::<usize>(), prop::sample::select(ODD_NUMBERS.to_vec())).prop_map(|(n, v)| Edit::Number(n, v)),
        (any::<usize>(), prop::sample::select(ODD_NUMBERS.to_vec())).prop_map(|(n, v)| Edit::Number(n, v)),
    ]
}

/// Where the numbers of a text are: runs of digits with a sign, a point or an exponent.
fn numbers(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let starts = b[i].is_ascii_digit() && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'));
        if starts {
            let s = if i > 0 && b[i - 1] == b'-' { i - 1 } else { i };
            let mut e = i;
            while e < b.len() && (b[e].is_ascii_digit() || matches!(b[e], b'.' | b'e' | b'E')) {
                e += 1;
            }
            out.push((s, e));
            i = e;
        } else {
            i += 1;
        }
    }
    out
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for e in edits {
        let n = bytes.len().max(1);
        match *e {
            Edit::Byte(at, v) if !bytes.is_empty() => bytes[at % n] = v,
            Edit::Cut(at) if !bytes.is_empty() => {
                bytes.remove(at % n);
            }
            Edit::Truncate(at) => bytes.truncate(at % n),
            Edit::Number(k, v) => {
                let s = String::from_utf8_lossy(&bytes).into_owned();
                let spots = numbers(&s);
                if let Some(&(a, b)) = spots.get(k % spots.len().max(1)) {
                    bytes = format!("{}{v}{}", &s[..a], &s[b..]).into_bytes();
                }
            }
            _ => {}
        }
    }
    // The loaders take text; a file that is not UTF-8 is refused before them, by the reader.
    String::from_utf8_lossy(&bytes).into_owned()
}

fn shipped(name: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("levels").join(name)).unwrap()
}

/// A real save from the middle of a journey, at camp on the Taiga (places, fires and all).
fn a_camp_save() -> String {
    static SAVE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SAVE.get_or_init(|| {
        let mut app = sim_app(7, true);
        start_journey(&mut app);
        let mut found = None;
        step_until(&mut app, 30, |app| {
            let msgs = app.world().resource::<Messages<Saved>>();
            for s in msgs.get_cursor().read(msgs) {
                let save = Save::from_text(&s.0).expect("a save reads back");
                if save.camp.is_some() && save.stage != Stage::Camp && found.is_none() {
                    found = Some(s.0.clone());
                }
            }
            found.is_some()
        });
        found.expect("a camp save on the way")
    })
    .clone()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn damaged_level_files_are_refused_with_their_place(
        stage in prop::sample::select(Stage::ALL.to_vec()),
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        let path = std::path::PathBuf::from("levels").join(stage.file_name());
        let text = apply(&shipped(stage.file_name()), &edits);
        if let Err(e) = parse_level(&path, &text, stage) {
            prop_assert_eq!(&e.file, &path);
            prop_assert!(e.line.is_some() || e.field.is_some(), "no line or field: {}", e);
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn a_damaged_story_file_is_refused_with_its_place(edits in prop::collection::vec(edit(), 1..4)) {
        let path = std::path::PathBuf::from("levels").join(STORY_FILE);
        let text = apply(&shipped(STORY_FILE), &edits);
        if let Err(e) = parse_story(&path, &text) {
            prop_assert!(e.line.is_some() || e.field.is_some(), "no line or field: {}", e);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn damaged_saves_are_refused_by_field_or_resumed_without_a_panic(
        edits in prop::collection::vec(edit(), 1..3),
        play in any::<bool>(),
    ) {
        let levels = lab_levels();
        let text = apply(&a_camp_save(), &edits);
        match Save::read(&text, &levels) {
            Err(SaveError::Damaged(why)) => prop_assert!(why.starts_with("line "), "{}", why),
            Err(SaveError::Invalid(why)) => prop_assert!(!why.is_empty()),
            Err(SaveError::OtherVersion(_) | SaveError::OtherWorld) => {}
            // A save that passes is one a journey can go on from: every third such is played
            // on for two hours of the journey (resuming builds the maps, which takes time).
            Ok(save) => {
                if play {
                    let mut app = sim_app(7, true);
                    app.insert_resource(ResumeFrom(save.clone()));
                    start_journey(&mut app);
                    for _ in 0..120 {
                        app.update();
                    }
                    let clock = app.world().resource::<GameClock>().minutes;
                    prop_assert!(clock >= save.clock.minutes, "the clock went back: {} < {}", clock, save.clock.minutes);
                }
            }
        }
    }
}

#[test]
fn the_mutations_reach_the_save_checks() {
    // The fuzz above is only worth something if its changes get past the parser: count how
    // many of a fixed set of number edits are refused by the checks, not the parser.
    let levels = lab_levels();
    let base = a_camp_save();
    let n = numbers(&base).len();
    let mut by_field = 0;
    for k in 0..n {
        for v in ["NaN", "-1e30", "18446744073709551615"] {
            if let Err(SaveError::Invalid(_)) = Save::read(&apply(&base, &[Edit::Number(k, v)]), &levels) {
                by_field += 1;
            }
        }
    }
    assert!(by_field * 5 > n, "{by_field} of {} number edits were caught by the checks", n * 3);
}

#[test]
fn a_saved_camp_off_firm_ground_is_resumed_on_it() {
    let levels = lab_levels();
    let mut save = Save::read(&a_camp_save(), &levels).unwrap();
    // Everyone saved in the map's corner: water or rock on most maps, or a place a changed
    // map generator put something else.
    let stage = save.stage;
    let camp = save.camp.as_mut().unwrap();
    for (_, p) in &mut camp.positions {
        *p = (0.2, 0.2);
    }
    let mut app = sim_app(7, true);
    app.insert_resource(ResumeFrom(save));
    start_journey(&mut app);
    assert!(
        step_until(&mut app, 1, |app| stage_now(app) == Some(stage) && !app.world().contains_resource::<ResumeFrom>())
    );
    for _ in 0..60 {
        app.update();
    }
    let world = app.world_mut();
    let map = world.resource::<StageMap>().clone();
    let mut q = world.query::<(&Member, &Position)>();
    for (m, p) in q.iter(world) {
        let (x, y) = (p.0.x.floor() as i32, p.0.y.floor() as i32);
        assert!(map.contains(x, y), "{:?} is off the map at {:?}", m.0, p.0);
    }
}

fn stage_now(app: &App) -> Option<Stage> {
    stage(app)
}

#[test]
fn a_save_with_a_clock_past_any_journey_or_no_janusz_is_refused_by_field() {
    let levels = lab_levels();
    let save = Save::read(&a_camp_save(), &levels).unwrap();
    let mut late = save.clone();
    late.clock.minutes = u64::MAX;
    assert!(matches!(Save::read(&late.to_text(), &levels), Err(SaveError::Invalid(w)) if w.contains("clock.minutes")));
    let mut nobody = save.clone();
    nobody.members.clear();
    assert!(matches!(Save::read(&nobody.to_text(), &levels), Err(SaveError::Invalid(w)) if w.contains("Janusz")));
    let mut twice = save.clone();
    twice.members.push(twice.members[0].clone());
    assert!(matches!(Save::read(&twice.to_text(), &levels), Err(SaveError::Invalid(w)) if w.contains("twice")));
    let mut far = save.clone();
    far.walked.push(Spot { stage: Stage::Taiga, along: 1e30, aside: 0.0 });
    assert!(matches!(Save::read(&far.to_text(), &levels), Err(SaveError::Invalid(w)) if w.contains("walked.along")));
    let mut off = save;
    off.camp.as_mut().unwrap().positions[0].1 = (1e9, 3.0);
    assert!(matches!(Save::read(&off.to_text(), &levels), Err(SaveError::Invalid(w)) if w.contains("camp.positions")));
}

/// The random edits above reach every outcome often: refused by the parser, refused by the
/// checks, and read (then played on). The counts are printed for the record.
#[test]
fn the_fuzzed_saves_meet_all_three_outcomes() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let levels = lab_levels();
    let base = a_camp_save();
    let mut runner = TestRunner::deterministic();
    let (mut dam, mut inv, mut ok, mut other) = (0, 0, 0, 0);
    let s = prop::collection::vec(edit(), 1..3);
    for _ in 0..300 {
        let e = s.new_tree(&mut runner).unwrap().current();
        match Save::read(&apply(&base, &e), &levels) {
            Err(SaveError::Damaged(_)) => dam += 1,
            Err(SaveError::Invalid(_)) => inv += 1,
            Ok(_) => ok += 1,
            _ => other += 1,
        }
    }
    eprintln!(
        "fuzzed saves: {dam} damaged, {inv} refused by field, {ok} read, {other} other; save {} bytes",
        base.len()
    );
    assert!(dam >= 30 && inv >= 30 && ok >= 30, "{dam} damaged, {inv} refused by field, {ok} read");
}
