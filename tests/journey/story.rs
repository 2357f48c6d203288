//! The story told through play: beats fire where and when the film has them, once; choices do
//! what they say; whoever left or died stays gone; the chronicle and the endings.

use std::collections::HashSet;

use bevy::prelude::*;
use the_way_back::sim::prelude::*;

use crate::helpers::*;

fn told(app: &App) -> Vec<(Stage, String, Option<MemberId>)> {
    app.world().resource::<StoryLog>().0.iter().map(|e| (e.stage, e.id.clone(), e.subject)).collect()
}

fn waiting(app: &App) -> Option<String> {
    app.world().resource::<PendingEvent>().0.as_ref().map(|p| p.entry.id.clone())
}

fn choices(app: &App) -> Vec<String> {
    app.world()
        .resource::<PendingEvent>()
        .0
        .as_ref()
        .map(|p| p.choices.iter().map(|c| c.label.clone()).collect())
        .unwrap_or_default()
}

/// Plays with the autoplayer until the event `id` waits for an answer. The autoplayer is told to
/// take its time over questions, so that the test can answer first.
fn play_until_asked(app: &mut App, id: &str, days: u32) {
    app.insert_resource(ReadingTime(5));
    let asked = step_until(app, days, |app| waiting(app).as_deref() == Some(id));
    assert!(asked, "`{id}` was asked within {days} days; told: {:?}", told(app));
}

fn answer(app: &mut App, label: &str) {
    let i = choices(app)
        .iter()
        .position(|c| c.starts_with(label))
        .unwrap_or_else(|| panic!("no choice `{label}` in {:?}", choices(app)));
    let asked = app.world().resource::<PendingEvent>().0.as_ref().map(|p| p.entry.clone());
    app.world_mut().write_message(Choose(i));
    app.update();
    let now = app.world().resource::<PendingEvent>().0.as_ref().map(|p| p.entry.clone());
    assert_ne!(now, asked, "the answer was taken");
}

fn member_status(app: &mut App, id: MemberId) -> Option<Status> {
    app.world_mut().query::<(&Member, &Status)>().iter(app.world()).find(|(m, _)| m.0 == id).map(|(_, s)| *s)
}

fn fate(app: &App, id: MemberId) -> Option<Fate> {
    app.world().resource::<Fates>().of(id).map(|r| r.fate)
}

fn set_trust(app: &mut App, id: MemberId, trust: f32) {
    let mut q = app.world_mut().query::<(&Member, &mut Mind)>();
    for (m, mut mind) in q.iter_mut(app.world_mut()) {
        if m.0 == id {
            mind.trust = trust;
        }
    }
}

#[test]
fn every_beat_of_the_film_is_told_in_its_stage_once() {
    let mut app = sim_app(2, true);
    start_journey(&mut app);
    // Whoever died, was lost or left is never with the group again.
    let ended = step_until(&mut app, 200, |app| {
        let settled: Vec<MemberId> =
            app.world().resource::<Fates>().0.iter().filter(|r| r.fate != Fate::Survived).map(|r| r.member).collect();
        for (m, s) in app.world_mut().query::<(&Member, &Status)>().iter(app.world()) {
            if settled.contains(&m.0) {
                assert!(
                    !matches!(s, Status::Walking | Status::GivenUp),
                    "{:?} came back after their fate was settled",
                    m.0
                );
            }
        }
        screen(app) == Screen::Chronicle
    });
    assert!(ended);
    let log = told(&app);
    let unique: HashSet<_> = log.iter().cloned().collect();
    assert_eq!(unique.len(), log.len(), "no event is told twice for the same person: {log:?}");
    let at = |id: &str| log.iter().find(|(_, e, _)| e == id).map(|(s, ..)| *s);
    let beats = [
        (Stage::Camp, "interrogation"),
        (Stage::Camp, "statement"),
        (Stage::Camp, "sentence"),
        (Stage::Camp, "the_prisoners"),
        (Stage::Camp, "khabarovs_plan"),
        (Stage::Camp, "the_storm"),
        (Stage::Camp, "khabarov_stays"),
        (Stage::Taiga, "into_the_forest"),
        (Stage::Baikal, "irena"),
        (Stage::Border, "the_border"),
        (Stage::Gobi, "no_water"),
        (Stage::Gobi, "the_stream"),
        (Stage::Himalaya, "the_monk"),
        (Stage::Monastery, "the_monastery"),
        (Stage::India, "india"),
        (Stage::Epilogue, "1989"),
    ];
    for (stage, id) in beats {
        assert_eq!(at(id), Some(stage), "`{id}` told in {stage:?}");
    }
    assert!(at("red_star").or(at("red_star_seen")) == Some(Stage::Mongolia), "the red star is seen in Mongolia");
    // The prologue comes first, in order.
    let order: Vec<&str> = log.iter().take(4).map(|(_, id, _)| id.as_str()).collect();
    assert_eq!(order, ["interrogation", "statement", "sentence", "the_prisoners"]);
    // Khabarov stays in the camp, whatever else happens.
    assert_eq!(fate(&app, MemberId::Khabarov), Some(Fate::Stayed));
}

#[test]
fn the_world_waits_while_a_question_is_open() {
    let mut app = sim_app(3, false);
    start_journey(&mut app);
    app.update();
    assert_eq!(waiting(&app).as_deref(), Some("interrogation"), "the prologue asks first");
    let minute = app.world().resource::<GameClock>().minutes;
    for _ in 0..120 {
        app.update();
    }
    assert_eq!(app.world().resource::<GameClock>().minutes, minute, "no time passes");
    answer(&mut app, "Admit nothing");
    assert_eq!(waiting(&app).as_deref(), Some("statement"), "the next page follows the answer");
}

#[test]
fn irena_joins_only_if_let_in_and_a_turned_away_irena_never_comes() {
    for (label, joins) in [("Let her in", true), ("Send her away", false)] {
        let mut app = sim_app(5, true);
        start_journey(&mut app);
        play_until_asked(&mut app, "smiths_doubt", 40);
        assert_eq!(stage(&app), Some(Stage::Baikal));
        assert_eq!(member_status(&mut app, MemberId::Irena), None, "Irena is not in the group before the choice");
        assert_eq!(app.world_mut().query::<&StrangerAt>().iter(app.world()).count(), 1, "she stands on the shore");
        answer(&mut app, label);
        app.update();
        assert_eq!(member_status(&mut app, MemberId::Irena).is_some(), joins, "{label}");
        if !joins {
            assert_eq!(fate(&app, MemberId::Irena), Some(Fate::TurnedAway));
            app.insert_resource(ReadingTime(0));
            let back = step_until(&mut app, 60, |app| {
                member_status(app, MemberId::Irena).is_some() || screen(app) == Screen::Chronicle
            });
            assert!(
                !back || member_status(&mut app, MemberId::Irena).is_none(),
                "a turned-away Irena never walks with the group"
            );
        }
    }
}

#[test]
fn valka_stays_at_the_border_unless_he_trusts_janusz_enough() {
    for (trust, comes) in [(0.3, false), (0.95, true)] {
        // A journey on which Valka is still with the group at the border.
        let mut app = sim_app(13, true);
        start_journey(&mut app);
        play_until_asked(&mut app, "valka_stays", 60);
        assert_eq!(stage(&app), Some(Stage::Border));
        set_trust(&mut app, MemberId::Valka, trust);
        answer(&mut app, "Ask him");
        if comes {
            assert_eq!(member_status(&mut app, MemberId::Valka), Some(Status::Walking));
            assert_eq!(fate(&app, MemberId::Valka), None);
        } else {
            assert_eq!(member_status(&mut app, MemberId::Valka), Some(Status::Departed));
            assert_eq!(fate(&app, MemberId::Valka), Some(Fate::Stayed));
            // He is not with the group in Mongolia.
            app.insert_resource(ReadingTime(0));
            assert!(step_until(&mut app, 20, |app| stage(app) == Some(Stage::Mongolia)));
            assert_eq!(member_status(&mut app, MemberId::Valka), None);
        }
    }
}

#[test]
fn a_death_asks_for_a_burial_and_the_burial_takes_hours() {
    let mut app = sim_app(2, true);
    start_journey(&mut app);
    app.insert_resource(ReadingTime(5));
    // Through the prologue into the taiga, then Kazik freezes.
    assert!(step_until(&mut app, 10, |app| stage(app) == Some(Stage::Taiga) && waiting(app).is_none()));
    {
        let mut q = app.world_mut().query::<(&Member, &mut Vitals)>();
        for (m, mut v) in q.iter_mut(app.world_mut()) {
            if m.0 == MemberId::Kazik {
                v.core_c = 27.0;
            }
        }
    }
    let asked = step_until(&mut app, 1, |app| waiting(app).as_deref() == Some("burial"));
    assert!(asked, "burial asked; told {:?}", told(&app));
    assert!(
        told(&app).iter().any(|(_, id, who)| id == "kazik_frozen" && *who == Some(MemberId::Kazik)),
        "Kazik's own words are told"
    );
    assert_eq!(app.world().resource::<PendingEvent>().0.as_ref().unwrap().entry.subject, Some(MemberId::Kazik));
    assert!(choices(&app)[0].contains("Kazik"), "the choice names him: {:?}", choices(&app));
    let morale = |app: &mut App| {
        let mut q = app.world_mut().query::<(&Member, &Mind)>();
        q.iter(app.world()).find(|(m, _)| m.0 == MemberId::Smith).unwrap().1.morale
    };
    let before = morale(&mut app);
    answer(&mut app, "Bury");
    let now = app.world().resource::<GameClock>().minutes;
    assert!(app.world().resource::<Halt>().0 >= now + 110, "the group stops for the burial");
    assert!(morale(&mut app) > before, "a burial steadies the living");
    let leader_at =
        |app: &mut App| app.world_mut().query_filtered::<&Position, With<Leader>>().single(app.world()).unwrap().0;
    let at = leader_at(&mut app);
    for _ in 0..100 {
        app.update();
    }
    assert_eq!(leader_at(&mut app), at, "nobody walks on during the burial");
    // Dead is dead: Kazik never walks again.
    app.insert_resource(ReadingTime(0));
    let walked = step_until(&mut app, 30, |app| {
        matches!(member_status(app, MemberId::Kazik), Some(Status::Walking | Status::GivenUp))
            || screen(app) == Screen::Chronicle
    });
    assert!(!walked || screen(&app) == Screen::Chronicle, "Kazik never walks again");
}

#[test]
fn the_monk_leads_the_group_to_the_monastery() {
    let mut app = sim_app(2, true);
    start_journey(&mut app);
    play_until_asked(&mut app, "the_monk", 60);
    assert_eq!(stage(&app), Some(Stage::Himalaya));
    answer(&mut app, "Follow him");
    app.update();
    assert_eq!(stage(&app), Some(Stage::Monastery));
}

#[test]
fn smith_gives_up_in_the_gobi_and_is_brought_back_by_encouragement() {
    let mut app = sim_app(7, true);
    start_journey(&mut app);
    let sat = step_until(&mut app, 60, |app| told(app).iter().any(|(_, id, _)| id == "smith_gives_up"));
    assert!(sat, "Smith's beat was told");
    assert_eq!(stage(&app), Some(Stage::Gobi));
    assert_eq!(member_status(&mut app, MemberId::Smith), Some(Status::GivenUp));
    // The autoplayer walks back to him and speaks to him, as a player would.
    let up = step_until(&mut app, 2, |app| member_status(app, MemberId::Smith) == Some(Status::Walking));
    assert!(up, "Smith got up again");
}

#[test]
fn endings_follow_what_happened() {
    let mut app = sim_app(2, true);
    start_journey(&mut app);
    assert!(step_until(&mut app, 300, |app| screen(app) == Screen::Chronicle));
    let chronicle = Chronicle::from_world(app.world());
    let ending = chronicle.ending.expect("an ended journey has an ending");
    assert!(matches!(ending.kind, EndingKind::Home | EndingKind::Alone));
    assert!(ending.text.contains("1989") && ending.text.contains("wife"));
    assert_eq!(chronicle.members.len(), 9);
    assert!(chronicle.members.iter().all(|m| !m.film.is_empty()));
    assert!(chronicle.route.len() > 100, "the route is drawn from the walk");
    let first = chronicle.route[0];
    let south = chronicle.route.iter().map(|p| p.0).fold(90.0, f32::min);
    assert!(first.0 > 55.0 && south < 30.0, "from Siberia ({first:?}) south to India ({south})");

    // Janusz freezes in the taiga: another ending, with the place in it.
    let mut app = sim_app(7, true);
    start_journey(&mut app);
    assert!(step_until(&mut app, 10, |app| stage(app) == Some(Stage::Taiga)));
    let mut q = app.world_mut().query_filtered::<&mut Vitals, With<Leader>>();
    q.single_mut(app.world_mut()).unwrap().core_c = 27.0;
    assert!(step_until(&mut app, 1, |app| screen(app) == Screen::Chronicle));
    assert_eq!(app.world().resource::<JourneyOutcome>().0, Some(Outcome::JanuszDied));
    let ending = Chronicle::from_world(app.world()).ending.unwrap();
    assert_eq!(ending.kind, EndingKind::JanuszDied);
    assert!(ending.text.contains("the Taiga"), "{}", ending.text);
}

#[test]
fn a_broken_story_file_names_file_line_and_field() {
    let good = include_str!("../../levels/story.ron");
    let path = std::path::Path::new("levels/story.ron");
    assert!(parse_story(path, good).is_ok());
    // An effect out of range, deep in the second event's choices.
    let bad =
        good.replacen("effects: [Rest(2.0), Morale(Everyone, 0.08)", "effects: [Rest(99.0), Morale(Everyone, 0.08)", 1);
    let err = parse_story(path, &bad).unwrap_err().to_string();
    let line = bad.lines().position(|l| l.contains("Rest(99.0)")).unwrap() + 1;
    assert!(err.contains(&format!("levels/story.ron:{line}:")), "{err}");
    assert!(err.contains("events[2].choices[0].effects"), "{err}");
    // A character missing.
    let start = good.find("        (\n            id: Kazik").unwrap();
    let end = start + good[start..].find("\n        ),\n").unwrap() + "\n        ),\n".len();
    let bad = format!("{}{}", &good[..start], &good[end..]);
    let err = parse_story(path, &bad).unwrap_err().to_string();
    assert!(err.contains("Kazik must be written exactly once"), "{err}");
    // A stage event waiting for an event that does not exist.
    let camp = include_str!("../../levels/camp.ron");
    let bad = camp.replace("After(\"statement\")", "After(\"statment\")");
    let err = parse_level(std::path::Path::new("levels/camp.ron"), &bad, Stage::Camp).unwrap_err().to_string();
    let line = bad.lines().position(|l| l.contains("statment")).unwrap() + 1;
    assert!(err.contains(&format!("levels/camp.ron:{line}: field `events[2].trigger`")), "{err}");
    // The built-in set is valid as a whole.
    assert!(Levels::builtin().is_ok());
}

#[test]
fn kazik_sent_for_wood_on_the_second_night_is_in_real_danger() {
    // The film's beat, as a choice: nothing is scripted, his night blindness and the cold do it.
    let (mut strayed, mut gone, mut asked) = (0, 0, 0);
    for seed in 1..=8 {
        let mut app = sim_app(seed, true);
        start_journey(&mut app);
        app.insert_resource(ReadingTime(5));
        let found = step_until(&mut app, 10, |app| {
            waiting(app).as_deref() == Some("second_night") || stage(app).is_some_and(|s| s > Stage::Taiga)
        });
        if !found || waiting(&app).as_deref() != Some("second_night") {
            continue;
        }
        asked += 1;
        answer(&mut app, "Let Kazik go");
        let mut lost_sight = false;
        step_until(&mut app, 4, |app| {
            let kazik = app
                .world_mut()
                .query::<(&Member, Has<Straying>)>()
                .iter(app.world())
                .find(|(m, _)| m.0 == MemberId::Kazik)
                .map(|(_, s)| s);
            lost_sight |= kazik == Some(true);
            stage(app) != Some(Stage::Taiga)
        });
        strayed += lost_sight as u32;
        gone += matches!(fate(&app, MemberId::Kazik), Some(Fate::Died | Fate::Lost)) as u32;
    }
    println!(
        "Kazik sent out on the second taiga night: asked in {asked} of 8 runs, lost sight of the group in {strayed}, died or was lost in {gone}"
    );
    assert!(asked >= 6, "the second night is asked about in most runs ({asked})");
    assert!(strayed * 5 >= asked, "a night-blind man sent into the dark often loses the group ({strayed} of {asked})");
    assert!(gone >= 1 && gone < asked, "and it can cost him his life, but not always ({gone} of {asked})");
}

#[test]
fn a_journey_saved_on_entering_a_stage_resumes_where_it_was() {
    use the_way_back::sim::journey::save::{ResumeFrom, Save, SaveError, Saved};
    let mut app = sim_app(7, true);
    start_journey(&mut app);
    // Play into the Border and keep the save written on entering it.
    let mut saves: Vec<String> = Vec::new();
    let reached = step_until(&mut app, 40, |app| {
        let msgs = app.world().resource::<Messages<Saved>>();
        let mut cursor = msgs.get_cursor();
        for s in cursor.read(msgs) {
            if !saves.contains(&s.0) {
                saves.push(s.0.clone());
            }
        }
        stage(app) == Some(Stage::Border)
    });
    assert!(reached);
    app.update();
    let msgs = app.world().resource::<Messages<Saved>>();
    let mut cursor = msgs.get_cursor();
    for s in cursor.read(msgs) {
        if !saves.contains(&s.0) {
            saves.push(s.0.clone());
        }
    }
    let text = saves.iter().rev().find(|t| t.contains("stage: Border")).expect("a save on entering the Border").clone();
    let save = Save::from_text(&text).expect("the save reads back");
    assert_eq!(save.stage, Stage::Border);
    assert_eq!(Save::from_text(&save.to_text()).unwrap(), save, "saving is lossless");

    // The original goes on to the end; a new app resumed from the save must end the same way.
    assert!(step_until(&mut app, 300, |app| screen(app) == Screen::Chronicle));
    let original = Report::from_world(app.world());

    let mut resumed = sim_app(7, true);
    resumed.insert_resource(ResumeFrom(save.clone()));
    start_journey(&mut resumed);
    assert!(step_until(&mut resumed, 1, |app| stage(app) == Some(Stage::Border)), "resumed in the Border");
    assert!(step_until(&mut resumed, 300, |app| screen(app) == Screen::Chronicle));
    let again = Report::from_world(resumed.world());
    assert_eq!(again.outcome, original.outcome);
    assert_eq!(again.days, original.days);
    assert_eq!(again.members, original.members, "the same fates, the same places");
    assert_eq!(again.stages, original.stages, "the same stages, the same days, the same maps");

    // Damaged and old saves are refused with a reason.
    let cut = &text[..text.len() / 2];
    assert!(matches!(Save::from_text(cut), Err(SaveError::Damaged(_))));
    let old = text.replacen(&format!("version: {SAVE_VERSION}"), "version: 0", 1);
    assert_eq!(Save::from_text(&old), Err(SaveError::OtherVersion(0)));
    assert!(Save::from_text(&old).unwrap_err().to_string().contains("another version"));
}

#[test]
fn a_journey_saved_on_setting_out_resumes_with_the_whole_group() {
    use the_way_back::sim::journey::save::{ResumeFrom, Save, Saved};
    let mut app = sim_app(4, true);
    start_journey(&mut app);
    let msgs = app.world().resource::<Messages<Saved>>();
    let text = msgs.get_cursor().read(msgs).last().expect("a save on entering the Camp").0.clone();
    let save = Save::from_text(&text).unwrap();
    assert_eq!(save.stage, Stage::Camp);
    assert_eq!(save.members.len(), 7, "the seven who set out");
    let mut resumed = sim_app(4, true);
    resumed.insert_resource(ResumeFrom(save));
    start_journey(&mut resumed);
    resumed.update();
    let mut ids: Vec<MemberId> = resumed.world_mut().query::<&Member>().iter(resumed.world()).map(|m| m.0).collect();
    ids.sort();
    assert_eq!(ids.len(), 7);
    assert!(ids.contains(&MemberId::Janusz));
    assert!(
        step_until(&mut resumed, 5, |app| stage(app) == Some(Stage::Taiga)),
        "the resumed group walks out of the camp"
    );
}

#[test]
fn a_journey_saved_at_camp_resumes_at_the_camp() {
    use the_way_back::sim::journey::save::{ResumeFrom, Save, Saved};
    use the_way_back::sim::model::group::Resting;
    use the_way_back::sim::model::party::Position;
    use the_way_back::sim::model::stage::StageLog;
    use the_way_back::sim::model::supplies::Fire;
    let mut app = sim_app(7, true);
    start_journey(&mut app);
    // The first camp made on the way, past the Camp itself.
    let mut camp_save: Option<Save> = None;
    let found = step_until(&mut app, 30, |app| {
        let msgs = app.world().resource::<Messages<Saved>>();
        for s in msgs.get_cursor().read(msgs) {
            let save = Save::from_text(&s.0).expect("a camp save reads back");
            if save.camp.is_some() && save.stage != Stage::Camp && camp_save.is_none() {
                camp_save = Some(save);
            }
        }
        camp_save.is_some()
    });
    assert!(found, "the group made camp and the journey was saved");
    let save = camp_save.unwrap();
    let camp = save.camp.clone().unwrap();
    assert_eq!(Save::from_text(&save.to_text()).unwrap(), save, "saving at camp is lossless");
    assert!(!camp.positions.is_empty());

    let mut resumed = sim_app(7, true);
    resumed.insert_resource(ResumeFrom(save.clone()));
    start_journey(&mut resumed);
    assert!(step_until(&mut resumed, 1, |app| stage(app) == Some(save.stage)
        && !app.world().contains_resource::<ResumeFrom>()));
    let world = resumed.world_mut();
    let mut placed: Vec<(MemberId, (f32, f32))> =
        world.query::<(&Member, &Position)>().iter(world).map(|(m, p)| (m.0, (p.0.x, p.0.y))).collect();
    placed.sort_by_key(|(m, _)| *m);
    assert_eq!(placed.len(), camp.positions.len());
    for ((m, (x, y)), (saved_m, (sx, sy))) in placed.iter().zip(&camp.positions) {
        // A tick or two has passed: the followers may have shuffled closer to the fire.
        assert_eq!(m, saved_m);
        assert!((x - sx).hypot(y - sy) < 0.5, "{m:?} is back where they camped: ({x}, {y}) vs ({sx}, {sy})");
    }
    let fires = world.query::<&Fire>().iter(world).filter(|f| f.burning()).count();
    assert_eq!(fires, camp.fires.len(), "the camp's fires burn again");
    assert!(world.resource::<Resting>().0, "the group is still resting");
    assert_eq!(world.resource::<StageLog>().0, save.stages, "the stage is not entered a second time in the log");
    let next = Stage::ALL[save.stage.index() + 1];
    assert!(
        step_until(&mut resumed, 20, |app| stage(app).is_some_and(|s| s >= next) || screen(app) == Screen::Chronicle),
        "the resumed journey goes on from the camp"
    );
}

#[test]
fn the_story_marks_its_big_moments_for_music() {
    use the_way_back::levels::Moment;
    let levels = Levels::builtin().unwrap();
    let moment = |stage: Stage, id: &str| {
        levels.get(stage).events.iter().find(|e| e.id == id).unwrap_or_else(|| panic!("{id} in {stage:?}")).moment
    };
    assert_eq!(moment(Stage::Camp, "the_storm"), Some(Moment::Theme), "the escape has the journey's theme");
    assert_eq!(moment(Stage::Camp, "khabarov_stays"), Some(Moment::Sorrow));
    assert_eq!(moment(Stage::Gobi, "the_stream"), Some(Moment::Hope), "water found in the Gobi");
    assert_eq!(moment(Stage::India, "india"), Some(Moment::Hope));
    let marked: usize = levels.stages.iter().map(|l| l.events.iter().filter(|e| e.moment.is_some()).count()).sum();
    let all: usize = levels.stages.iter().map(|l| l.events.len()).sum();
    // Big moments, not every line: music that plays all the time marks nothing.
    assert!((8..=all / 2).contains(&marked), "{marked} of {all} events are marked");
}

/// A journey resumed from the save written on entering a stage runs tick for tick as the
/// original went on: the same bodies, places, weather, supplies and march, to the end. (The
/// Camp passed through on the way in must cost no time and roll no dice; food and the dice are
/// shared out in the group's order, not in the order the bodies were made.)
#[test]
fn a_resumed_journey_runs_tick_for_tick_as_the_original() {
    use the_way_back::sim::journey::save::{ResumeFrom, Save, Saved};
    let mut app = sim_app(7, true);
    start_journey(&mut app);
    let mut saves: Vec<String> = Vec::new();
    let grab = |app: &App, saves: &mut Vec<String>| {
        let msgs = app.world().resource::<Messages<Saved>>();
        let mut cursor = msgs.get_cursor();
        for s in cursor.read(msgs) {
            if !saves.contains(&s.0) {
                saves.push(s.0.clone());
            }
        }
    };
    assert!(step_until(&mut app, 40, |app| {
        grab(app, &mut saves);
        stage(app) == Some(Stage::Border)
    }));
    app.update();
    grab(&app, &mut saves);
    let text = saves.iter().rev().find(|t| t.contains("stage: Border")).unwrap().clone();
    let save = Save::from_text(&text).unwrap();
    let mut resumed = sim_app(7, true);
    resumed.insert_resource(ResumeFrom(save.clone()));
    start_journey(&mut resumed);
    assert!(step_until(&mut resumed, 1, |app| stage(app) == Some(Stage::Border)));
    let digest = |app: &mut App| {
        let clock = app.world().resource::<GameClock>().minutes;
        let mut q = app.world_mut().query::<(&Member, &Vitals, &Position, &Status)>();
        let mut v: Vec<String> =
            q.iter(app.world()).map(|(m, v, p, s)| format!("{:?} {:?} {:?} {:?}", m.0, s, p.0, v)).collect();
        v.sort();
        let w = app.world().resource::<Weather>().clone();
        let sup = app.world().resource::<Supplies>().clone();
        let march = app.world().resource::<March>().clone();
        (clock, format!("{}\n{w:?}\n{sup:?}\n{march:?}", v.join("\n")))
    };
    let mut rc = digest(&mut resumed).0;
    let mut oc = digest(&mut app).0;
    let mut guard = 0;
    while oc != rc && guard < 100000 {
        if oc < rc {
            app.update();
        } else {
            resumed.update();
        }
        oc = digest(&mut app).0;
        rc = digest(&mut resumed).0;
        guard += 1;
    }
    assert_eq!(oc, rc, "the resumed clock lines up with the original's");
    for i in 0..400_000 {
        let (a, da) = digest(&mut app);
        let (b, db) = digest(&mut resumed);
        if a != b || da != db {
            let diff: Vec<String> = da
                .lines()
                .zip(db.lines())
                .filter(|(x, y)| x != y)
                .map(|(x, y)| format!("{x}\n  resumed: {y}"))
                .collect();
            panic!("tick {i} after the save (minute {a} / {b}) differs:\n{}", diff.join("\n"));
        }
        if screen(&app) == Screen::Chronicle {
            break;
        }
        app.update();
        resumed.update();
    }
    assert_eq!(screen(&app), Screen::Chronicle, "the journey ended");
}

#[test]
fn the_journal_keeps_every_question_answer_and_word_in_order_and_is_saved() {
    use the_way_back::sim::journey::save::{ResumeFrom, Save, Saved};
    use the_way_back::sim::model::journal::{Journal, Told};
    let mut app = sim_app(7, true);
    start_journey(&mut app);
    let mut last_save = None;
    assert!(step_until(&mut app, 6, |app| {
        let msgs = app.world().resource::<Messages<Saved>>();
        if let Some(s) = msgs.get_cursor().read(msgs).last() {
            last_save = Some(s.0.clone());
        }
        stage(app) == Some(Stage::Taiga)
    }));
    let journal = app.world().resource::<Journal>().0.clone();
    let log = app.world().resource::<StoryLog>().0.clone();
    // Every question answered in the story log was asked, then answered, in the journal.
    for e in log.iter().filter(|e| e.choice.is_some()) {
        let asked = journal.iter().position(|j| j.told == Told::Asked && j.event.as_deref() == Some(e.id.as_str()));
        let answered =
            journal.iter().position(|j| j.told == Told::Answered && j.event.as_deref() == Some(e.id.as_str()));
        assert!(asked.is_some() && answered.is_some(), "{} asked {asked:?}, answered {answered:?}", e.id);
        assert!(asked < answered, "{} answered before it was asked", e.id);
        let text = &journal[answered.unwrap()].text;
        assert!(text.contains(e.choice.as_deref().unwrap()), "the answer is told: {text}");
    }
    assert!(journal.iter().any(|j| j.told == Told::Story), "beats that ask nothing are kept");
    assert!(journal.windows(2).all(|w| w[0].minute <= w[1].minute), "in the order told");
    // Saved with the journey, and put back with it.
    let save = Save::from_text(&last_save.expect("saved on the way")).unwrap();
    assert!(!save.journal.is_empty());
    assert!(journal.starts_with(&save.journal), "the save holds the journal as it was");
    let mut resumed = sim_app(7, true);
    resumed.insert_resource(ResumeFrom(save.clone()));
    start_journey(&mut resumed);
    resumed.update();
    let again = resumed.world().resource::<Journal>().0.clone();
    assert!(again.starts_with(&save.journal), "a resumed journey's journal begins with the saved one");
}
