//! The break-out as a player sees it: at night in the storm, lamps sweeping the yard and
//! sentries on the wire; whoever is caught in a beam wakes the camp and draws fire; seen going,
//! the dogs are on the trail at once; a careful leader who holds still in the dark is seen
//! less often than one who runs for the wire; the storm follows the group into the taiga.

use bevy::prelude::*;
use the_way_back::sim::prelude::*;

use crate::helpers::*;
use crate::survival::scenario;

/// Plays the Camp with the built-in player until the storm has been told (the break-out).
fn to_the_break_out(seed: u64, policy: Policy) -> App {
    let mut app = sim_app(seed, true);
    app.insert_resource(policy);
    start_journey(&mut app);
    let told = step_until(&mut app, 2, |app| app.world().resource::<StoryLog>().0.iter().any(|e| e.id == "the_storm"));
    assert!(told, "the storm comes on the first night");
    app.update();
    app
}

#[test]
fn the_break_out_is_at_night_in_the_storm_under_the_lamps() {
    let mut app = to_the_break_out(1, Policy::Careful);
    let clock = *app.world().resource::<GameClock>();
    assert!(clock.is_night() && clock.day() == 1, "the group goes at night: {}", clock.time_of_day());
    assert_eq!(app.world().resource::<Weather>().kind, WeatherKind::Blizzard);
    let world = app.world_mut();
    let lamps: Vec<Searchlight> = world.query::<&Searchlight>().iter(world).copied().collect();
    let sentries = world.query::<&Sentry>().iter(world).count();
    assert_eq!((lamps.len(), sentries), (4, 2), "a lamp on each tower, two sentries on the wire");
    for lamp in &lamps {
        // Lit, and the storm has shortened every beam to a glow.
        assert!(lamp.reach > 0.0 && lamp.reach < BEAM_REACH_TILES * 0.5, "reach {}", lamp.reach);
    }
}

#[test]
fn a_man_held_in_a_beam_wakes_the_camp_and_is_shot() {
    let mut app = scenario(4, Stage::Camp, &[MemberId::Janusz, MemberId::Smith]);
    app.world_mut().resource_mut::<GameClock>().minutes = 23 * 60;
    app.world_mut().resource_mut::<Weather>().hold(WeatherKind::Clear);
    app.update();
    // The sentries are sent off: this is about the lamps.
    let world = app.world_mut();
    let sentries: Vec<Entity> = world.query_filtered::<Entity, With<Sentry>>().iter(world).collect();
    for e in sentries {
        world.despawn(e);
    }
    let mut shot = None;
    for _ in 0..6 * 60 {
        // The prologue's questions are put aside: nobody here answers them.
        app.world_mut().resource_mut::<PendingEvent>().0 = None;
        let world = app.world_mut();
        let lamp = *world.query::<&Searchlight>().iter(world).next().expect("the towers are manned");
        let minute = world.resource::<GameClock>().minutes as f32 + 1.0;
        for (m, mut pos) in world.query::<(&Member, &mut Position)>().iter_mut(world) {
            pos.0 = if m.0 == MemberId::Smith {
                // Wherever the beam falls next, eight tiles out.
                lamp.at + Vec2::from_angle(lamp.angle_at(minute)) * 8.0
            } else {
                // Janusz in the shadow at the foot of the tower.
                lamp.at + Vec2::new(0.3, 0.3)
            };
        }
        app.update();
        if let Some(r) = app.world().resource::<Fates>().of(MemberId::Smith) {
            shot = Some(r.cause.clone());
            break;
        }
    }
    assert!(app.world().resource::<Pursuit>().alarm, "the camp is awake");
    assert_eq!(shot.as_deref(), Some(SHOT_FROM_THE_TOWER), "held in the light for hours, Smith is shot");
    assert!(app.world().resource::<Fates>().of(MemberId::Janusz).is_none(), "in the shadow, Janusz is not");
}

/// Km between the guards and the group as the hunt begins in the taiga.
fn head_start(seen: bool) -> f32 {
    let mut app = scenario(2, Stage::Camp, &[MemberId::Janusz, MemberId::Smith]);
    app.world_mut().resource_mut::<Pursuit>().alarm = seen;
    app.world_mut().resource_mut::<NextState<Stage>>().set(Stage::Taiga);
    for _ in 0..5 {
        app.world_mut().resource_mut::<PendingEvent>().0 = None;
        app.update();
        if app.world().resource::<Pursuit>().begun {
            break;
        }
    }
    let odometer = app.world().resource::<Odometer>().0;
    let pursuit = *app.world().resource::<Pursuit>();
    assert!(pursuit.begun, "the hunt begins in the taiga");
    pursuit.gap_km(odometer)
}

#[test]
fn seen_going_the_dogs_are_on_the_trail_at_once() {
    assert!((head_start(false) - HEAD_START_KM).abs() < 0.1, "unseen: found gone at the morning count");
    assert!((head_start(true) - HEAD_START_RAISED_KM).abs() < 0.1, "seen: the dogs go out at once");
}

#[test]
fn a_leader_who_keeps_to_the_dark_is_seen_less_often_than_one_who_runs() {
    let seen = |policy: Policy| {
        (1..=12)
            .filter(|seed| {
                let mut app = to_the_break_out(*seed, policy);
                step_until(&mut app, 4, |app| stage(app) == Some(Stage::Taiga));
                app.world().resource::<Pursuit>().alarm
            })
            .count()
    };
    let (careful, reckless) = (seen(Policy::Careful), seen(Policy::Reckless));
    assert!(careful < reckless, "careful seen {careful} of 12, reckless {reckless} of 12");
    assert!(careful <= 5, "careful seen {careful} of 12");
}

#[test]
fn the_storm_follows_the_group_into_the_first_taiga_night() {
    let mut app = to_the_break_out(3, Policy::Careful);
    assert!(step_until(&mut app, 6, |app| stage(app) == Some(Stage::Taiga)), "the group reaches the taiga");
    let entered = app.world().resource::<GameClock>().minutes;
    // The first dusk after entering the forest.
    let dusk = step_until(&mut app, 2, |app| {
        let clock = app.world().resource::<GameClock>();
        clock.minutes > entered && clock.is_night() && clock.hour() >= 19.0
    });
    assert!(dusk, "night falls in the taiga");
    let kind = app.world().resource::<Weather>().kind;
    assert!(matches!(kind, WeatherKind::Snowfall | WeatherKind::Blizzard), "the first taiga night: {kind:?}");
}
