//! Janusz's visions, the difficulty and the score, as a player would see them: a leader out of
//! his mind in the Gobi walks after the house and is found only by those who trust him; the
//! house comes nearer stage by stage; "as it was" keeps no camp saves; a story journey is kinder.

use bevy::prelude::*;
use the_way_back::sim::prelude::*;

use crate::helpers::*;
use crate::survival::scenario;

fn set_trust(app: &mut App, trust: f32) {
    let world = app.world_mut();
    for (m, mut mind) in world.query::<(&Member, &mut Mind)>().iter_mut(world) {
        if m.0 != MemberId::Janusz {
            mind.trust = trust;
        }
    }
}

/// Janusz out of his mind with thirst (9.5 % of his body water gone, kept there hour by hour)
/// in the Gobi by day in clear air, with six companions trusting him this much: whether the
/// first time he walks after the house, they find him.
fn the_first_walk_after_the_house(seed: u64, trust: f32) -> Option<bool> {
    use MemberId::*;
    let mut app = scenario(seed, Stage::Gobi, &[Janusz, Smith, Valka, Tomasz, Voss, Zoran, Kazik]);
    app.world_mut().resource_mut::<Weather>().hold(WeatherKind::Clear);
    for minute in 0..14 * 24 * 60 {
        if minute % 60 == 0 {
            set_trust(&mut app, trust);
            app.world_mut().resource_mut::<Supplies>().water_l = 0.0;
            let world = app.world_mut();
            for (m, mut v) in world.query::<(&Member, &mut Vitals)>().iter_mut(world) {
                v.water_deficit_l = if m.0 == Janusz { BODY_WATER_L * 0.095 } else { 0.0 };
                v.core_c = 37.0;
            }
        }
        app.update();
        if let Some(e) = app.world().resource::<StoryLog>().0.iter().find(|e| e.id == CALLED_AWAY) {
            return e.worked;
        }
    }
    None
}

#[test]
fn a_leader_out_of_his_mind_walks_after_the_house_and_is_found_only_by_those_who_trust_him() {
    let mut trusted = 0;
    let mut doubted = 0;
    for seed in 1..=8 {
        trusted += u32::from(the_first_walk_after_the_house(seed, 1.0).expect("delirium calls him within a fortnight"));
        doubted +=
            u32::from(the_first_walk_after_the_house(seed, 0.05).expect("delirium calls him within a fortnight"));
    }
    // Six who trust him wholly find him nine times in ten; six who hardly do, one time in ten.
    assert!(trusted >= 6, "trusted and found: {trusted} of 8");
    assert!(doubted <= 3, "doubted and found: {doubted} of 8");
}

#[test]
fn a_leader_nobody_finds_is_lost_and_the_journey_ends_with_him() {
    // Janusz in the Gobi with Voss and Zoran, who have no faith in him left: nobody goes after him.
    let mut app = scenario(3, Stage::Gobi, &[MemberId::Janusz, MemberId::Voss, MemberId::Zoran]);
    app.world_mut().resource_mut::<Weather>().hold(WeatherKind::Clear);
    let ended = step_until(&mut app, 20, |app| {
        set_trust(app, 0.0);
        app.world_mut().resource_mut::<Supplies>().water_l = 0.0;
        let world = app.world_mut();
        for (m, mut v) in world.query::<(&Member, &mut Vitals)>().iter_mut(world) {
            if m.0 == MemberId::Janusz {
                v.water_deficit_l = BODY_WATER_L * 0.095;
                v.core_c = 37.0;
            } else {
                *v = Vitals::default();
            }
        }
        screen(app) == Screen::Chronicle
    });
    assert!(ended, "the journey ends");
    let record = app.world().resource::<Fates>().of(MemberId::Janusz).cloned().expect("his fate is told");
    assert_eq!((record.fate, record.cause.as_str()), (Fate::Lost, FOLLOWED_THE_HOUSE));
    assert_eq!(app.world().resource::<JourneyOutcome>().0, Some(Outcome::JanuszLost));
    let report = Report::from_world(app.world());
    let ending = report.ending.expect("an ending is told");
    assert_eq!(ending.title, "Lost", "the Janusz-lost ending: {}", ending.text);
}

#[test]
fn the_house_comes_nearer_stage_by_stage_in_a_whole_journey() {
    let levels = Levels::builtin().unwrap();
    let visions = levels.story.visions.clone();
    let report = the_way_back::headless::run_with(7, levels, Some(Policy::Careful), 500, Stage::Camp);
    let dreams: Vec<_> = report.events.iter().filter(|e| e.id == DREAM).collect();
    assert!(dreams.len() >= 5, "a dream in most stages: {:?}", dreams.iter().map(|e| e.stage).collect::<Vec<_>>());
    let mut stages: Vec<Stage> = dreams.iter().map(|e| e.stage).collect();
    stages.dedup();
    assert_eq!(stages.len(), dreams.len(), "one dream a stage");
    assert!(stages.windows(2).all(|w| w[0] < w[1]), "in the order the stages are walked");
    assert!(!stages.contains(&Stage::Camp) && !stages.contains(&Stage::Epilogue));
    assert!(visions.len() >= dreams.len());
}

#[test]
fn as_it_was_keeps_the_journey_as_each_stage_is_entered_and_never_at_camp() {
    let saves_at = |difficulty: Difficulty| {
        let mut app = sim_app(7, true);
        app.insert_resource(difficulty);
        start_journey(&mut app);
        let mut camp_saves = 0;
        let mut stage_saves = 0;
        step_until(&mut app, 12, |app| {
            let msgs = app.world().resource::<Messages<Saved>>();
            for s in msgs.get_cursor().read(msgs) {
                let save = Save::from_text(&s.0).expect("a save reads back");
                assert_eq!(save.difficulty, difficulty, "the save keeps how hard the journey is");
                if save.camp.is_some() { camp_saves += 1 } else { stage_saves += 1 }
            }
            false
        });
        (stage_saves, camp_saves)
    };
    let (stage_saves, camp_saves) = saves_at(Difficulty::Normal);
    assert!(stage_saves >= 2 && camp_saves >= 3, "normal: {stage_saves} on entering a stage, {camp_saves} at camp");
    let (stage_saves, camp_saves) = saves_at(Difficulty::AsItWas);
    assert!(stage_saves >= 2, "as it was still keeps each stage: {stage_saves}");
    assert_eq!(camp_saves, 0, "as it was keeps no camp");
}

#[test]
fn a_stray_is_findable_twice_as_long_on_story_and_a_third_less_as_it_was() {
    use MemberId::Kazik;
    let hours_to_lose = |difficulty: Difficulty| {
        // Kazik alone on the steppe, out of sight of anyone (and of the guards, who gave up in the
        // taiga): nobody to find his way back to.
        let mut app = scenario(21, Stage::Mongolia, &[Kazik]);
        app.insert_resource(difficulty);
        let e = {
            let world = app.world_mut();
            world.query::<(Entity, &Member)>().iter(world).find(|(_, m)| m.0 == Kazik).map(|(e, _)| e).unwrap()
        };
        app.world_mut().entity_mut(e).insert(Straying { minutes: 0, heading: Vec2::X });
        let mut hours = 0.0;
        for minute in 0..30 * 60 {
            // Kept warm and watered: this is about finding, not freezing.
            if let Some(mut v) = app.world_mut().get_mut::<Vitals>(e) {
                *v = Vitals::default();
            }
            app.update();
            if let Some(r) = app.world().resource::<Fates>().of(Kazik) {
                assert_eq!(r.fate, Fate::Lost, "{}", r.cause);
                hours = minute as f32 / 60.0;
                break;
            }
        }
        hours
    };
    let normal = hours_to_lose(Difficulty::Normal);
    let story = hours_to_lose(Difficulty::Story);
    let hard = hours_to_lose(Difficulty::AsItWas);
    assert!((5.5..6.5).contains(&normal), "normal: lost after {normal} h");
    assert!((11.5..12.5).contains(&story), "story: lost after {story} h");
    assert!((3.5..4.5).contains(&hard), "as it was: lost after {hard} h");
}
