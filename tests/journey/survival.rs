//! Survival scenarios, told as a player would see them, with numbers: cold nights with and
//! without a fire, a day and a half without water in the Gobi, Kazik in the dark, a member
//! who gives up until encouraged.

use bevy::prelude::*;
use the_way_back::sim::prelude::*;

use crate::helpers::*;

/// A journey moved on to `stage`, with only `keep` left in the party.
pub fn scenario(seed: u64, stage: Stage, keep: &[MemberId]) -> App {
    let mut app = sim_app(seed, false);
    start_journey(&mut app);
    if stage != Stage::Camp {
        app.world_mut().resource_mut::<NextState<Stage>>().set(stage);
        app.update();
        app.update();
    }
    assert_eq!(self::stage(&app), Some(stage));
    go_down_to_the_scene(&mut app);
    let mut q = app.world_mut().query::<(Entity, &Member)>();
    let gone: Vec<Entity> = q.iter(app.world()).filter(|(_, m)| !keep.contains(&m.0)).map(|(e, _)| e).collect();
    for e in gone {
        app.world_mut().despawn(e);
    }
    app.update();
    app
}

fn set_time(app: &mut App, hour: u64) {
    let mut clock = app.world_mut().resource_mut::<GameClock>();
    let day = clock.minutes / MINUTES_PER_DAY + 1;
    clock.minutes = day * MINUTES_PER_DAY + hour * 60;
}

/// Moves the clock to a day of the calendar, keeping the hour.
fn set_date(app: &mut App, date: Date) {
    let days = (date.days_since_epoch() - ESCAPE_DATE.days_since_epoch()) as u64;
    let mut clock = app.world_mut().resource_mut::<GameClock>();
    clock.minutes = days * MINUTES_PER_DAY + clock.minutes % MINUTES_PER_DAY;
}

fn hold_weather(app: &mut App, kind: WeatherKind) {
    app.world_mut().resource_mut::<Weather>().hold(kind);
}

/// An open tile of `terrain` whose neighbours within two tiles are all of it too.
pub fn open_ground(app: &App, terrain: Terrain) -> Vec2 {
    let map = app.world().resource::<StageMap>();
    for y in 3..map.height - 3 {
        for x in 3..map.width - 3 {
            let all = (-2..=2).all(|dy: i32| {
                (-2..=2).all(|dx: i32| map.at(UVec2::new((x as i32 + dx) as u32, (y as i32 + dy) as u32)) == terrain)
            });
            if all {
                return Vec2::new(x as f32 + 0.5, y as f32 + 0.5);
            }
        }
    }
    panic!("no open {terrain:?} on this map");
}

fn entity_of(app: &mut App, id: MemberId) -> Entity {
    let mut q = app.world_mut().query::<(Entity, &Member)>();
    q.iter(app.world()).find(|(_, m)| m.0 == id).map(|(e, _)| e).unwrap()
}

fn vitals(app: &mut App, id: MemberId) -> Vitals {
    let e = entity_of(app, id);
    *app.world().get::<Vitals>(e).unwrap()
}

pub fn place(app: &mut App, id: MemberId, at: Vec2) {
    let e = entity_of(app, id);
    app.world_mut().get_mut::<Position>(e).unwrap().0 = at;
}

fn fate(app: &App, id: MemberId) -> Option<(Fate, String)> {
    app.world().resource::<Fates>().of(id).map(|r| (r.fate, r.cause.clone()))
}

/// Hours stepped until `done` holds (checked each minute), or `None` within `max_h`.
fn hours_until(app: &mut App, max_h: u32, mut done: impl FnMut(&mut App) -> bool) -> Option<f32> {
    for minute in 0..max_h * 60 {
        app.update();
        if done(app) {
            return Some(minute as f32 / 60.0);
        }
    }
    None
}

/// Janusz alone on `ground` in the taiga at dusk, a blizzard holding, camped; a fire if asked.
fn blizzard_night(with_fire: bool, ground: Terrain) -> App {
    let mut app = scenario(21, Stage::Taiga, &[MemberId::Janusz]);
    let spot = open_ground(&app, ground);
    place(&mut app, MemberId::Janusz, spot);
    set_time(&mut app, 19);
    hold_weather(&mut app, WeatherKind::Blizzard);
    app.world_mut().resource_mut::<Resting>().0 = true;
    if with_fire {
        let at = spot + Vec2::new(0.6, 0.0);
        let shelter = shelter_at(app.world().resource::<StageMap>(), at);
        app.world_mut().spawn((Fire { fuel_h: 24.0, shelter, melting: false }, Position(at)));
    }
    app
}

fn fire_burning(app: &mut App) -> bool {
    let mut q = app.world_mut().query::<&Fire>();
    q.iter(app.world()).any(|f| f.burning())
}

#[test]
fn a_blizzard_puts_out_a_fire_in_the_open_and_one_in_the_lee_of_the_forest_saves() {
    // On open snow the gale takes the fire within a few hours, and the night takes the man.
    let mut app = blizzard_night(true, Terrain::Snow);
    let out = hours_until(&mut app, 11, |app| !fire_burning(app)).expect("the open fire blown out");
    let died = hours_until(&mut app, 14, |app| fate(app, MemberId::Janusz).is_some());
    println!("blizzard, open snow, fire: out after {out:.1} h; dead {died:?} h later");
    assert!(out <= 4.0, "the fire lasted {out:.1} h in the open gale");
    assert_eq!(fate(&app, MemberId::Janusz).map(|f| f.1), Some("hypothermia".into()));

    // Deep in the forest, out of the wind, the same fire burns all night and he lives.
    let mut app = blizzard_night(true, Terrain::DenseForest);
    let mut lowest = 37.0f32;
    let died = hours_until(&mut app, 11, |app| {
        lowest = lowest.min(vitals(app, MemberId::Janusz).core_c);
        fate(app, MemberId::Janusz).is_some()
    });
    println!("blizzard, dense forest, fire: lowest core {lowest:.1} °C");
    assert_eq!(died, None, "alive at dawn by the sheltered fire");
    assert!(fire_burning(&mut app), "the sheltered fire still burns at dawn");
    assert!(lowest >= 35.0, "lowest core {lowest:.1} °C");
}

#[test]
fn a_taiga_blizzard_night_without_fire_kills_before_morning_and_a_fire_holds_it_off() {
    // Without a fire: hypothermic within hours, dead before dawn (11 hours after dusk).
    let mut app = blizzard_night(false, Terrain::Snow);
    let hypothermic = hours_until(&mut app, 11, |app| vitals(app, MemberId::Janusz).conditions().hypothermia);
    let hypothermic = hypothermic.expect("hypothermic during the night");
    assert!(hypothermic <= 3.0, "hypothermic after {hypothermic:.1} h");
    let died = hours_until(&mut app, 11 - hypothermic.ceil() as u32, |app| fate(app, MemberId::Janusz).is_some());
    let died = died.map(|h| h + hypothermic).expect("dead before morning");
    assert_eq!(fate(&app, MemberId::Janusz), Some((Fate::Died, "hypothermia".into())));
    assert!(died > hypothermic + 1.0, "dies {died:.1} h after dusk, some hours after the first shivers");
    println!("taiga blizzard night, no fire: hypothermic after {hypothermic:.1} h, dead after {died:.1} h");

    // The same walker, the same night, by a fire in the lee of the birches: the gale can still
    // take the fire (a quarter as often as on open snow), but it holds the cold off for hours
    // more; the dense forest's deeper lee saves him outright (the test above).
    let mut app = blizzard_night(true, Terrain::BirchForest);
    let mut lowest = 37.0f32;
    let died_by_fire = hours_until(&mut app, 11, |app| {
        lowest = lowest.min(vitals(app, MemberId::Janusz).core_c);
        fate(app, MemberId::Janusz).is_some()
    });
    println!(
        "taiga blizzard night by a fire in the birches: lowest core {lowest:.1} °C, dead after {died_by_fire:?} h"
    );
    assert!(died_by_fire.is_none_or(|h| h >= died + 3.0), "by the fire {died_by_fire:?} h, without {died:.1} h");
}

/// Hours until collapse and until death, stranded in the Gobi without water, by `walks(hour)`.
fn gobi_without_water(walks: impl Fn(f32) -> bool) -> (f32, f32) {
    let mut app = scenario(5, Stage::Gobi, &[MemberId::Janusz]);
    let spot = open_ground(&app, Terrain::Sand);
    place(&mut app, MemberId::Janusz, spot);
    // Midsummer in the Gobi, when the journey crosses it.
    set_date(&mut app, Date { year: 1941, month: 7, day: 15 });
    set_time(&mut app, 12);
    hold_weather(&mut app, WeatherKind::Clear);
    app.world_mut().resource_mut::<Supplies>().water_l = 0.0;
    let mut collapsed = None;
    let mut direction = Vec2::X;
    for minute in 0..(5 * 24 * 60) {
        let hour = app.world().resource::<GameClock>().hour();
        let walking = walks(hour);
        app.world_mut().resource_mut::<Resting>().0 = !walking;
        if minute % 120 == 0 {
            direction = -direction;
        }
        let leader = entity_of(&mut app, MemberId::Janusz);
        app.world_mut().get_mut::<MoveInput>(leader).unwrap().0 = if walking { direction } else { Vec2::ZERO };
        app.update();
        let h = minute as f32 / 60.0;
        if collapsed.is_none() && vitals(&mut app, MemberId::Janusz).conditions().collapsed {
            collapsed = Some(h);
        }
        if fate(&app, MemberId::Janusz).is_some() {
            return (collapsed.unwrap_or(h), h);
        }
    }
    panic!("still alive after five days without water in the Gobi");
}

#[test]
fn the_gobi_without_water_collapses_a_walker_in_two_days_and_kills_in_three() {
    // Stranded from a July midday, sheltering from the sun by day: the film's Gobi, in the
    // climate of the Gobi's stations (about 30 °C by day, 15 °C by night).
    let (collapse, death) = gobi_without_water(|_| false);
    println!("Gobi in July without water, sheltering: collapsed after {collapse:.1} h, dead after {death:.1} h");
    assert!((30.0..=66.0).contains(&collapse), "collapsed after {collapse:.1} h");
    assert!((42.0..=84.0).contains(&death), "died after {death:.1} h");

    // Walking by day in the sun is far worse; walking by night and sheltering by day stretches
    // the time a walker lasts.
    let (by_day, _) = gobi_without_water(|h| (6.0..19.0).contains(&h));
    let (by_night, _) = gobi_without_water(|h| !(6.0..19.0).contains(&h));
    assert!(by_day < collapse, "walking by day collapses sooner ({by_day:.1} h) than resting ({collapse:.1} h)");
    assert!(by_night > by_day * 1.3, "night walking {by_night:.1} h against day walking {by_day:.1} h");
    println!(
        "gobi without water: stranded collapses after {collapse:.1} h, dies after {death:.1} h; \
         walking by day collapses after {by_day:.1} h, walking by night after {by_night:.1} h"
    );
}

fn kazik_alone(hour: u64) -> (bool, f32, Option<Fate>) {
    let mut app = scenario(9, Stage::Taiga, &[MemberId::Janusz, MemberId::Kazik]);
    let spot = open_ground(&app, Terrain::Snow);
    place(&mut app, MemberId::Janusz, spot);
    place(&mut app, MemberId::Kazik, spot + Vec2::new(4.5, 0.0));
    set_time(&mut app, hour);
    hold_weather(&mut app, WeatherKind::Clear);
    app.world_mut().resource_mut::<Resting>().0 = true;
    let mut strayed = false;
    let mut farthest = 0.0f32;
    for _ in 0..6 * 60 {
        app.update();
        let kazik = entity_of(&mut app, MemberId::Kazik);
        strayed |= app.world().get::<Straying>(kazik).is_some();
        farthest = farthest.max(app.world().get::<Position>(kazik).unwrap().0.distance(spot));
        if fate(&app, MemberId::Kazik).is_some() {
            break;
        }
    }
    (strayed, farthest, fate(&app, MemberId::Kazik).map(|f| f.0))
}

#[test]
fn kazik_left_alone_at_night_strays_and_in_daylight_does_not() {
    // Four and a half tiles from Janusz (beyond a call in the taiga wind), no fire. At 22:00
    // his night blindness leaves him a tile or so of sight: he loses the group and wanders.
    let (strayed, farthest, fate) = kazik_alone(22);
    assert!(strayed, "Kazik strays in the dark (farthest {farthest:.1} tiles, fate {fate:?})");
    // At noon he sees Janusz and stays by him.
    let (strayed, farthest, fate) = kazik_alone(12);
    assert!(!strayed, "Kazik does not stray in daylight");
    assert!(farthest <= 4.6, "he stays by Janusz ({farthest:.1} tiles at the farthest)");
    // Six hours sitting in the February snow without a fire may kill him, but he is not lost.
    assert_ne!(fate, Some(Fate::Lost));
}

#[test]
fn a_member_with_broken_morale_stops_until_encouraged() {
    let mut app = scenario(4, Stage::Taiga, &[MemberId::Janusz, MemberId::Smith]);
    let spot = open_ground(&app, Terrain::Snow);
    place(&mut app, MemberId::Janusz, spot);
    place(&mut app, MemberId::Smith, spot + Vec2::new(0.0, 1.0));
    set_time(&mut app, 10);
    hold_weather(&mut app, WeatherKind::Clear);
    let smith = entity_of(&mut app, MemberId::Smith);
    app.world_mut().get_mut::<Mind>(smith).unwrap().morale = 0.05;
    app.update();
    assert_eq!(*app.world().get::<Status>(smith).unwrap(), Status::GivenUp, "Smith sits down");
    let sat_at = app.world().get::<Position>(smith).unwrap().0;

    // Janusz walks on; Smith does not follow.
    let leader = entity_of(&mut app, MemberId::Janusz);
    app.world_mut().get_mut::<MoveInput>(leader).unwrap().0 = Vec2::X;
    for _ in 0..60 {
        app.update();
    }
    app.world_mut().get_mut::<MoveInput>(leader).unwrap().0 = Vec2::ZERO;
    assert_eq!(*app.world().get::<Status>(smith).unwrap(), Status::GivenUp);
    assert_eq!(app.world().get::<Position>(smith).unwrap().0, sat_at, "he has not moved");
    for _ in 0..120 {
        app.update();
    }
    assert_eq!(*app.world().get::<Status>(smith).unwrap(), Status::GivenUp, "still sitting two hours later");

    // Janusz goes back to him and speaks to him: Smith is hard to move, and words can be
    // turned away; it may take several, each a few minutes' talk.
    app.world_mut().get_mut::<Position>(leader).unwrap().0 = sat_at + Vec2::new(1.0, 0.0);
    let mut words = 0;
    for _ in 0..6 {
        app.world_mut().write_message(Encourage);
        app.update();
        words += 1;
        if *app.world().get::<Status>(smith).unwrap() == Status::Walking {
            break;
        }
        for _ in 0..15 {
            app.update();
        }
    }
    println!("Smith got up after {words} words");
    assert_eq!(*app.world().get::<Status>(smith).unwrap(), Status::Walking, "encouraged, he walks on");
    assert!(app.world().get::<Leader>(smith).is_none());
}
