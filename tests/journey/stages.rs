//! Walking the whole journey: stages in order, state transitions, and what each state owns.

use bevy::prelude::*;
use the_way_back::sim::prelude::*;

use crate::helpers::*;

fn way_outs(app: &mut App) -> usize {
    app.world_mut().query::<&WayOut>().iter(app.world()).count()
}

fn members(app: &mut App) -> Vec<MemberId> {
    let mut v: Vec<_> = app.world_mut().query::<&Member>().iter(app.world()).map(|m| m.0).collect();
    v.sort();
    v
}

#[test]
fn the_group_walks_through_all_ten_stages_in_order() {
    let mut app = sim_app(2, true);
    assert_eq!(screen(&app), Screen::Title);
    assert_eq!(stage(&app), None, "no stage exists before a journey starts");
    start_journey(&mut app);
    assert_eq!(screen(&app), Screen::Playing);

    let mut seen = vec![Stage::Camp];
    let ended = step_until(&mut app, 200, |app| {
        if let Some(s) = stage(app)
            && seen.last() != Some(&s)
        {
            seen.push(s);
            // The stage's way out belongs to the stage: exactly one, the new stage's.
            assert_eq!(way_outs(app), 1, "one way out in {s:?}");
        }
        screen(app) == Screen::Chronicle
    });
    assert!(ended, "the journey ended within 200 days (day {})", day(&app));
    assert_eq!(seen, Stage::ALL.to_vec(), "every stage, once, in order; {:?}", app.world().resource::<Fates>().0);
    assert_eq!(app.world().resource::<JourneyOutcome>().0, Some(Outcome::ReachedIndia));

    let log = &app.world().resource::<StageLog>().0;
    assert_eq!(log.len(), 10);
    for pair in log.windows(2) {
        let left = pair[0].left_day.expect("every stage before the last was left");
        assert!(left >= pair[0].entered_day);
        assert_eq!(pair[1].entered_day, left, "{:?} entered the day {:?} was left", pair[1].stage, pair[0].stage);
    }
    assert!(log.iter().all(|r| r.left_day.is_some()));
    // The Taiga and the Gobi take days, not minutes.
    let days = |s: Stage| log.iter().find(|r| r.stage == s).map(|r| r.left_day.unwrap() - r.entered_day).unwrap();
    assert!(
        days(Stage::Taiga) >= 1 && days(Stage::Gobi) >= 1,
        "taiga {} gobi {}",
        days(Stage::Taiga),
        days(Stage::Gobi)
    );
}

#[test]
fn leaving_playing_despawns_the_party_and_the_stage() {
    let mut app = sim_app(3, true);
    start_journey(&mut app);
    assert_eq!(way_outs(&mut app), 1);
    assert_eq!(members(&mut app).len(), 7, "seven walk out of the camp with Janusz among them");
    assert!(!members(&mut app).contains(&MemberId::Khabarov), "Khabarov never leaves the camp");
    assert!(step_until(&mut app, 200, |app| screen(app) == Screen::Chronicle));
    app.update();
    assert_eq!(stage(&app), None, "the stage state is gone with Playing");
    assert_eq!(way_outs(&mut app), 0, "the last stage's way out was despawned");
    assert!(members(&mut app).is_empty(), "party entities are scoped to Playing");
    // What happened to them is kept for the chronicle.
    let fates = app.world().resource::<Fates>();
    assert_eq!(fates.of(MemberId::Khabarov).map(|r| r.fate), Some(Fate::Stayed));
    let janusz = fates.of(MemberId::Janusz).map(|r| r.fate);
    let outcome = app.world().resource::<JourneyOutcome>().0;
    match outcome {
        Some(Outcome::ReachedIndia) => assert_eq!(janusz, Some(Fate::Survived)),
        Some(Outcome::JanuszDied) => assert_eq!(janusz, Some(Fate::Died)),
        other => panic!("the journey ended with {other:?}"),
    }
    // Everyone who set out has exactly one fate, Irena (who joined at Baikal) included.
    for id in MemberId::ALL {
        let records = fates.0.iter().filter(|r| r.member == id).count();
        assert_eq!(records, 1, "{id:?} has one fate: {:?}", fates.0);
    }
}

#[test]
fn irena_joins_at_baikal_and_not_before() {
    let mut app = sim_app(11, true);
    start_journey(&mut app);
    assert!(step_until(&mut app, 60, |app| {
        let there = members(app).contains(&MemberId::Irena);
        let s = stage(app).unwrap();
        assert!(!there || s >= Stage::Baikal, "Irena is not with the group before Baikal ({s:?})");
        s == Stage::Border
    }));
    // The autoplayer lets her in, as the film's group did.
    assert!(members(&mut app).contains(&MemberId::Irena), "Irena walks into Border with the group");
}

#[test]
fn pausing_stops_the_clock_and_keeps_the_stage() {
    let mut app = sim_app(5, true);
    start_journey(&mut app);
    assert!(step_until(&mut app, 10, |app| stage(app) == Some(Stage::Taiga)));
    app.world_mut().resource_mut::<NextState<Pause>>().set(Pause::Paused);
    app.update();
    let before = *app.world().resource::<GameClock>();
    for _ in 0..500 {
        app.update();
    }
    assert_eq!(*app.world().resource::<GameClock>(), before, "no time passes while paused");
    assert_eq!(stage(&app), Some(Stage::Taiga));
    assert_eq!(way_outs(&mut app), 1, "pausing does not leave the stage");
    app.world_mut().resource_mut::<NextState<Pause>>().set(Pause::Running);
    app.update();
    app.update();
    assert!(app.world().resource::<GameClock>().minutes > before.minutes);
}

#[test]
fn without_a_player_the_group_stays_where_it_is() {
    // No autoplay and no input: nobody walks, the stage never ends by itself.
    let mut app = sim_app(7, false);
    start_journey(&mut app);
    step_until(&mut app, 2, |app| stage(app) != Some(Stage::Camp));
    let log = &app.world().resource::<StageLog>().0;
    assert_eq!(log.len(), 1, "still the camp: {log:?}");
    assert_eq!(log[0].left_day, None, "the camp is left only by walking out of it");
}

#[test]
fn a_new_journey_after_the_chronicle_starts_fresh() {
    let mut app = sim_app(9, true);
    start_journey(&mut app);
    assert!(step_until(&mut app, 200, |app| screen(app) == Screen::Chronicle));
    start_journey(&mut app);
    assert_eq!(day(&app), 1);
    assert_eq!(app.world().resource::<StageLog>().0.len(), 1);
    assert_eq!(app.world().resource::<JourneyOutcome>().0, None);
    assert_eq!(members(&mut app).len(), 7);
}

/// The id of the story event waiting for an answer, if any.
fn pending(app: &App) -> Option<String> {
    app.world().resource::<PendingEvent>().0.as_ref().map(|p| p.entry.id.clone())
}

#[test]
fn the_monk_comes_up_the_path_to_a_group_that_has_sat_down_in_the_snow() {
    // Over the last pass, nobody walking: the monastery watches the path, and its monk climbs
    // it to them, as the film's monk found them.
    let mut app = crate::survival::scenario(5, Stage::Himalaya, &[MemberId::Janusz, MemberId::Voss]);
    // The stage's own ground, where the way over the pass comes down, not a night's camp off
    // the route.
    app.world_mut().resource_mut::<March>().down_at = None;
    let lead = |app: &mut App| {
        let mut q = app.world_mut().query_filtered::<&Position, With<Leader>>();
        q.single(app.world()).unwrap().0
    };
    let monk = |app: &mut App| {
        let mut q = app.world_mut().query::<(&Position, &StrangerAt)>();
        q.iter(app.world()).find(|(_, s)| s.0 == Stranger::Monk).map(|(p, _)| p.0)
    };
    // A group sitting further off than a day's walk is not seen: he waits where he is.
    let start = monk(&mut app).expect("the monk is on the path");
    let beyond = start.distance(lead(&mut app));
    for _ in 0..60 {
        app.update();
    }
    assert!(beyond > 60.0 && monk(&mut app) == Some(start), "a group {beyond:.0} tiles off is out of his sight");
    // Sat down within a day's walk of him, on the way he would come.
    let toward = (lead(&mut app) - start).normalize();
    let at = (45..60)
        .map(|d| start + toward * d as f32)
        .find(|p| app.world().resource::<StageMap>().walkable(p.floor().as_uvec2()))
        .expect("open ground on the way down");
    for id in [MemberId::Janusz, MemberId::Voss] {
        crate::survival::place(&mut app, id, at);
    }
    let far = start.distance(at);
    let mut hours = 0;
    while pending(&app).as_deref() != Some("the_monk") && hours < 48 {
        // Whatever else the mountain asks (someone collapsing), the first answer: they stay.
        if pending(&app).is_some() {
            app.world_mut().write_message(Choose(0));
        }
        for _ in 0..60 {
            app.update();
        }
        hours += 1;
    }
    println!("the monk came {far:.0} tiles to the group in {hours} hours; one {beyond:.0} tiles off he did not see");
    assert_eq!(pending(&app).as_deref(), Some("the_monk"), "he reached them within two days");
    assert!(lead(&mut app).distance(at) < 3.0, "they had not walked to him");
}

#[test]
fn a_choice_that_moves_trust_says_so() {
    // The party panel's trust bar moves with the answers; the journal says why.
    let mut app = sim_app(3, true);
    start_journey(&mut app);
    let told = |app: &mut App| {
        let journal = app.world().resource::<the_way_back::sim::model::journal::Journal>();
        journal.0.iter().find(|e| e.text.contains("trusts Janusz")).map(|e| e.text.clone())
    };
    assert!(step_until(&mut app, 3, |app| told(app).is_some()), "the escape's first choice moves trust");
    let line = told(&mut app).unwrap();
    assert!(line.starts_with("The group trusts Janusz"), "{line}");
}

/// Steps a journey begun in `start` (or resumed) until it stands in `start`, with every stage
/// it was in on the way.
fn stages_on_the_way_in(app: &mut App, start: Stage) -> Vec<Stage> {
    let mut seen = Vec::new();
    let reached = step_until(app, 1, |app| {
        if let Some(s) = stage(app)
            && seen.last() != Some(&s)
        {
            seen.push(s);
        }
        stage(app) == Some(start) && !app.world().contains_resource::<ResumeFrom>()
    });
    assert!(reached, "reached {start:?}; on the way: {seen:?}");
    seen
}

#[test]
fn a_journey_begun_in_the_gobi_enters_the_gobi_and_makes_no_camp() {
    use the_way_back::sim::journey::MapsMade;
    let mut app = sim_app(5, true);
    app.insert_resource(StartStage(Stage::Gobi));
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Loading);
    assert_eq!(stages_on_the_way_in(&mut app, Stage::Gobi), vec![Stage::Gobi], "no stage before the Gobi entered");
    assert_eq!(app.world().resource::<MapsMade>().0, vec![Stage::Gobi], "one map made: the Gobi's");
    let log = &app.world().resource::<StageLog>().0;
    assert_eq!(log.iter().map(|r| r.stage).collect::<Vec<_>>(), vec![Stage::Gobi]);
    // In the Gobi's season, Irena with them, Khabarov left in the camp on the first day.
    assert!(day(&app) > 100, "day {}", day(&app));
    assert!(members(&mut app).contains(&MemberId::Irena));
    let khabarov = app.world().resource::<Fates>().of(MemberId::Khabarov).cloned().expect("Khabarov's fate");
    assert_eq!((khabarov.fate, khabarov.stage, khabarov.day), (Fate::Stayed, Stage::Camp, 1));
}

#[test]
fn a_journey_continued_from_a_save_enters_the_saved_stage_and_makes_no_other_map() {
    use the_way_back::sim::journey::MapsMade;
    use the_way_back::sim::journey::save::{ResumeFrom, Save};
    let mut app = sim_app(6, true);
    app.insert_resource(StartStage(Stage::Baikal));
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Loading);
    stages_on_the_way_in(&mut app, Stage::Baikal);
    let save = Save::from_world(app.world_mut());
    let mut resumed = sim_app(6, true);
    resumed.insert_resource(ResumeFrom(save.clone()));
    resumed.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Loading);
    assert_eq!(stages_on_the_way_in(&mut resumed, Stage::Baikal), vec![Stage::Baikal]);
    assert_eq!(resumed.world().resource::<MapsMade>().0, vec![Stage::Baikal], "one map made: the saved stage's");
    assert_eq!(resumed.world().resource::<StageLog>().0, app.world().resource::<StageLog>().0);
    assert_eq!(*resumed.world().resource::<GameClock>(), save.clock);
}
