//! Chance events from the pool (`levels/events.ron`): each journey draws its own, the same seed
//! the same ones; a chance is told in words and decided by the run's dice; an event that can
//! never happen, or a gamble that costs nothing when lost, is refused with its file and line.

use std::collections::BTreeSet;
use std::path::Path;

use bevy::prelude::*;
use the_way_back::headless::run_with;
use the_way_back::sim::prelude::*;

use crate::helpers::*;

fn drawn(report: &Report, pool: &[StoryEvent]) -> Vec<String> {
    report.events.iter().filter(|e| pool.iter().any(|p| p.id == e.id)).map(|e| e.id.clone()).collect()
}

#[test]
fn two_journeys_meet_different_chances_and_one_seed_meets_the_same_ones() {
    let levels = Levels::builtin().unwrap();
    let pool = levels.story.pool.clone();
    // Forty days in the taiga, as a careful player walks it (two seeds whose journeys last
    // that long: seed 5's ends on its fifth day, Janusz lost in the first snow).
    let play = |seed| run_with(seed, levels.clone(), Some(Policy::Careful), 40, Stage::Taiga);
    let (a, again, b) = (play(4), play(4), play(6));
    let (da, db) = (drawn(&a, &pool), drawn(&b, &pool));
    assert!(da.len() >= 3 && db.len() >= 3, "a few chance events in forty days: {da:?} / {db:?}");
    assert_eq!(a.to_json(), again.to_json(), "the same seed, the same journey, event for event");
    let (sa, sb): (BTreeSet<_>, BTreeSet<_>) = (da.iter().collect(), db.iter().collect());
    assert_ne!(sa, sb, "another seed, other events");
    // The report says what was chosen and what came of it.
    let asked: Vec<_> = a.events.iter().filter(|e| pool.iter().any(|p| p.id == e.id) && e.choice.is_some()).collect();
    assert!(!asked.is_empty());
    assert!(asked.iter().all(|e| e.outcome.as_deref().is_some_and(|o| !o.is_empty())), "{asked:?}");
}

/// A pool of one event, a gamble on food, that can come anywhere in the taiga.
fn gamble_pool() -> Levels {
    let mut levels = Levels::builtin().unwrap();
    let text = r#"Pool(events: [(
        id: "cache", trigger: Drawn, requires: [Stages([Taiga])],
        title: "A cache", text: "A trapper's cache up a tree, perhaps rotten.",
        choices: [
            (label: "Climb for it", odds: 0.5, reply: "Dry fish.", effects: [Wood(3)],
             failed_reply: "Rotten, and a fall.", failed_effects: [Wood(-3)]),
            (label: "Leave it", reply: "They walk on.", effects: [Tire(Everyone, -0.05)]),
        ],
    )])"#;
    levels.story.pool = parse_pool(Path::new("levels/events.ron"), text, &levels.stages).unwrap();
    levels
}

#[test]
fn a_gamble_is_told_in_words_and_the_dice_decide_it() {
    let mut outcomes = BTreeSet::new();
    // Six journeys dealt the cache (three fifths of journeys are).
    let dealt = (1..).filter(|s| the_way_back::sim::journey::story::draw::in_deck(*s, "cache")).take(6);
    for seed in dealt {
        let mut app = headless_app_with(seed, gamble_pool());
        // The film's questions on the way are answered with their first choice.
        let asked = step_until(&mut app, 30, |app| {
            let waiting = app.world().resource::<PendingEvent>().0.as_ref().map(|p| p.entry.id.clone());
            match waiting.as_deref() {
                Some("cache") => true,
                Some(_) => {
                    app.world_mut().write_message(Choose(0));
                    false
                }
                None => false,
            }
        });
        assert!(asked, "seed {seed}: the cache came within a month");
        let labels: Vec<String> = app
            .world()
            .resource::<PendingEvent>()
            .0
            .as_ref()
            .unwrap()
            .choices
            .iter()
            .map(|c| c.label.clone())
            .collect();
        assert_eq!(labels, ["Climb for it (better than even)", "Leave it"]);
        // Wood, not food: the loads the group can carry cap its food, not its wood.
        app.world_mut().resource_mut::<Supplies>().wood = 5;
        app.world_mut().write_message(Choose(0));
        app.update();
        let after = app.world().resource::<Supplies>().wood;
        let entry = app.world().resource::<StoryLog>().0.iter().find(|e| e.id == "cache").cloned().unwrap();
        let worked = entry.worked.expect("a gamble says whether it worked");
        // Three bundles won or lost; the same minute may pick up one more on the way, or two
        // gathered as the group stops in wooded land, or burn two lighting the night's fire.
        let change = after as i32 - 5;
        assert!(if worked { (1..=5).contains(&change) } else { (-5..=-1).contains(&change) }, "{change}, {worked}");
        assert_eq!(entry.reply.as_deref(), Some(if worked { "Dry fish." } else { "Rotten, and a fall." }));
        outcomes.insert(worked);
    }
    assert_eq!(outcomes.len(), 2, "over six journeys, an even chance both came off and failed");
}

/// The simulation set down in the taiga, the autoplayer walking but leaving every question
/// to the test.
fn headless_app_with(seed: u64, levels: Levels) -> App {
    let mut app = the_way_back::headless::app(seed, levels, true);
    app.insert_resource(StartStage(Stage::Taiga)).insert_resource(ReadingTime(u32::MAX));
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Loading);
    assert!(step_until(&mut app, 1, |app| stage(app) == Some(Stage::Taiga)), "the journey began in the taiga");
    app
}

fn pool_error(events: &str) -> String {
    let levels = Levels::builtin().unwrap();
    let text = format!("Pool(\n    events: [\n{events}\n    ],\n)\n");
    parse_pool(Path::new("levels/events.ron"), &text, &levels.stages).unwrap_err().to_string()
}

fn event(requires: &str) -> String {
    format!(
        r#"        (
            id: "x", trigger: Drawn,
            requires: [{requires}],
            title: "X", text: "Something.",
        ),"#
    )
}

#[test]
fn an_event_that_can_never_happen_is_refused_with_its_file_line_and_field() {
    for (requires, why) in [
        ("Stages([Taiga]), InGroup(Irena)", "Irena cannot be with the group in the Taiga stage"),
        ("Stages([Gobi]), InGroup(Khabarov)", "Khabarov cannot be with the group"),
        ("Stages([Gobi]), Months(12, 2)", "never in the Gobi stage in months 12 to 2"),
        ("Stages([Taiga]), Weather([Sandstorm])", "never has [Sandstorm]"),
        ("Stages([Taiga]), Ground([Dune])", "has no [Dune]"),
        ("Stages([Taiga]), ColderThan(-10.0), WarmerThan(0.0)", "colder than -10"),
        ("Stages([Taiga]), Told(\"no_such_thing\")", "`no_such_thing` is no event"),
        ("Stages([Taiga]), Told(\"the_stream\")", "`the_stream` only comes after the Taiga stage"),
        ("Stages([Baikal]), Chose(\"second_night\", \"Let Kazik dance\")", "has no choice `Let Kazik dance`"),
        ("Stages([Taiga]), TrustBelow(Smith, 0.3), TrustAbove(Smith, 0.5)", "below a number and above a bigger one"),
        ("Stages([Taiga]), AtNight, ByDay", "both by night and by day"),
        ("Stages([Taiga]), InGroup(Tomasz), NotInGroup(Tomasz)", "both in and not in"),
    ] {
        let err = pool_error(&event(requires));
        assert!(err.starts_with("levels/events.ron:5: field `events[0].requires`"), "{requires}: {err}");
        assert!(err.contains("can never all hold") && err.contains(why), "{requires}: {err}");
    }
    assert!(pool_error(&event("Months(2, 3)")).contains("says in which Stages([..]) it can happen"));
    // Possible in one of its stages is possible.
    let ok = Levels::builtin().unwrap();
    let text = format!("Pool(events: [{}])", event("Stages([Taiga, Baikal]), InGroup(Irena)"));
    assert!(parse_pool(Path::new("e.ron"), &text, &ok.stages).is_ok());
}

#[test]
fn a_gamble_that_costs_nothing_when_lost_is_refused() {
    let free_roll = r#"        (
            id: "x", trigger: Drawn, requires: [Stages([Gobi])],
            title: "X", text: "Something.",
            choices: [
                (label: "Try", odds: 0.4, reply: "Water!", effects: [Water(5.0)], failed_reply: "Nothing."),
                (label: "Do not", reply: "No.", effects: [Morale(Everyone, 0.01)]),
            ],
        ),"#;
    let err = pool_error(free_roll);
    assert!(err.contains("events[0].choices[0].failed_effects") && err.contains("must cost something"), "{err}");
}
