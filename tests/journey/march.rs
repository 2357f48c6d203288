//! The march: the same rules hour by hour along the real route; the calendar and the climate
//! of the month; the length of the journey and of each stage against its geography.

use bevy::prelude::*;
use the_way_back::headless;
use the_way_back::sim::prelude::*;

use crate::helpers::*;

/// A stage entered with Janusz alone, put on its march at `km` (the scene behind him).
fn alone_on_the_march(stage: Stage, km: f32) -> App {
    let mut app = sim_app(21, false);
    start_journey(&mut app);
    app.world_mut().resource_mut::<NextState<Stage>>().set(stage);
    app.update();
    app.update();
    let mut q = app.world_mut().query::<(Entity, &Member)>();
    let others: Vec<Entity> = q.iter(app.world()).filter(|(_, m)| m.0 != MemberId::Janusz).map(|(e, _)| e).collect();
    for e in others {
        app.world_mut().despawn(e);
    }
    *app.world_mut().resource_mut::<March>() = March { km, scene_done: true, ..default() };
    app.world_mut().resource_mut::<NextState<Scale>>().set(Scale::March);
    app.update();
    assert_eq!(scale(&app), Some(Scale::March));
    app
}

/// Moves the clock to `date` at `hour`.
fn set_date(app: &mut App, date: Date, hour: u64) {
    let days = (date.days_since_epoch() - ESCAPE_DATE.days_since_epoch()) as u64;
    app.world_mut().resource_mut::<GameClock>().minutes = days * MINUTES_PER_DAY + hour * 60;
}

fn janusz(app: &mut App) -> (Vitals, Option<FateRecord>) {
    let mut q = app.world_mut().query::<(&Member, &Vitals)>();
    let v = q.iter(app.world()).find(|(m, _)| m.0 == MemberId::Janusz).map(|(_, v)| *v).unwrap_or_default();
    (v, app.world().resource::<Fates>().of(MemberId::Janusz).cloned())
}

/// Hours of game time until `done`, stepping the app (an update is an hour on the march).
fn game_hours_until(app: &mut App, max_h: f32, mut done: impl FnMut(&mut App) -> bool) -> Option<f32> {
    let start = app.world().resource::<GameClock>().minutes;
    loop {
        app.update();
        let h = (app.world().resource::<GameClock>().minutes - start) as f32 / 60.0;
        if done(app) {
            return Some(h);
        }
        if h >= max_h {
            return None;
        }
    }
}

/// A January night in a blizzard on the march, camped where the group stopped.
fn march_night(km: f32, wood: u32) -> App {
    let mut app = alone_on_the_march(Stage::Taiga, km);
    set_date(&mut app, Date { year: 1941, month: 1, day: 20 }, 19);
    app.world_mut().resource_mut::<Weather>().hold(WeatherKind::Blizzard);
    app.world_mut().resource_mut::<Supplies>().wood = wood;
    app
}

#[test]
fn a_night_without_fire_in_the_taiga_kills_on_the_march_as_in_a_scene() {
    // On the march: camped for the night on the bare pass over the Baikal Range (km 1,215 of
    // the taiga's route), no wood carried and none to gather there.
    let mut app = march_night(1215.0, 0);
    let ground = {
        let mut q = app.world_mut().query::<(&Member, &Ground)>();
        q.iter(app.world()).next().map(|(_, g)| *g).unwrap()
    };
    assert_eq!(ground.terrain, Terrain::Pass, "camped on the pass");
    let died = game_hours_until(&mut app, 12.0, |app| janusz(app).1.is_some());
    let died = died.expect("dead before morning on the march");
    assert_eq!(janusz(&mut app).1.map(|r| r.cause), Some("hypothermia".to_string()));

    // In the scene: the same blizzard night on open snow in the taiga (minute by minute), no
    // fire.
    let mut scene = sim_app(21, false);
    start_journey(&mut scene);
    scene.world_mut().resource_mut::<NextState<Stage>>().set(Stage::Taiga);
    scene.update();
    scene.update();
    go_down_to_the_scene(&mut scene);
    let mut q = scene.world_mut().query::<(Entity, &Member)>();
    let others: Vec<Entity> = q.iter(scene.world()).filter(|(_, m)| m.0 != MemberId::Janusz).map(|(e, _)| e).collect();
    for e in others {
        scene.world_mut().despawn(e);
    }
    let spot = crate::survival::open_ground(&scene, Terrain::Snow);
    crate::survival::place(&mut scene, MemberId::Janusz, spot);
    set_date(&mut scene, Date { year: 1941, month: 1, day: 20 }, 19);
    scene.world_mut().resource_mut::<Weather>().hold(WeatherKind::Blizzard);
    scene.world_mut().resource_mut::<Resting>().0 = true;
    let died_in_scene = game_hours_until(&mut scene, 12.0, |app| janusz(app).1.is_some());
    let died_in_scene = died_in_scene.expect("dead before morning in the scene");
    println!("a blizzard night without fire: dead after {died:.0} h on the march, {died_in_scene:.1} h in the scene");
    // The pass is a thousand metres higher than the scene's forest floor, and colder for it.
    assert!(died <= died_in_scene + 2.0, "march {died} h, scene {died_in_scene} h");
}

#[test]
fn a_night_on_the_march_in_the_forest_has_a_fire_and_is_survived() {
    // On the frozen Lena, its banks wooded: the group gathers wood where it stops and keeps a
    // fire through the night.
    let mut app = march_night(300.0, 0);
    let mut lowest = 37.0f32;
    let mut fire = false;
    let died = game_hours_until(&mut app, 12.0, |app| {
        lowest = lowest.min(janusz(app).0.core_c);
        let mut fires = app.world_mut().query::<&Fire>();
        fire |= fires.iter(app.world()).any(Fire::burning);
        janusz(app).1.is_some()
    });
    println!("a blizzard night on the Lena with a fire: lowest core {lowest:.1} °C");
    assert!(fire, "a fire was lit");
    assert_eq!(died, None, "alive at dawn");
    assert!(lowest >= 34.0, "lowest core {lowest:.1} °C");
}

#[test]
fn the_climate_follows_the_month() {
    let levels = Levels::builtin().unwrap();
    let gobi = levels.get(Stage::Gobi);
    let (january, july) = (gobi.climate_in(1.5), gobi.climate_in(7.5));
    assert!(july.day_temp_c > january.day_temp_c + 25.0, "Gobi: {january:?} / {july:?}");
    assert!(july.day_temp_c > 25.0 && january.night_temp_c < -15.0);
    let taiga = levels.get(Stage::Taiga).climate_in(1.5);
    assert!(taiga.night_temp_c < -25.0, "the taiga in January: {taiga:?}");
    // Between the middles of two months the climate lies between theirs.
    let mid = gobi.climate_in(7.0);
    let june = gobi.climate_in(6.5);
    assert!((june.day_temp_c.min(july.day_temp_c)..=june.day_temp_c.max(july.day_temp_c)).contains(&mid.day_temp_c));

    // In the simulation: the same afternoon on the Gobi's march in January and in July.
    let air_at = |month: u32| {
        let mut app = alone_on_the_march(Stage::Gobi, 100.0);
        set_date(&mut app, Date { year: 1941, month, day: 15 }, 13);
        app.world_mut().resource_mut::<Weather>().hold(WeatherKind::Clear);
        app.update();
        app.world().resource::<Weather>().air_c
    };
    let (jan, jul) = (air_at(1), air_at(7));
    println!("the Gobi at 14:00: {jan:.1} °C on 15 January, {jul:.1} °C on 15 July");
    assert!(jul > jan + 25.0, "January {jan}, July {jul}");
}

#[test]
fn the_long_walk_is_a_year_and_six_thousand_km_true_to_the_map() {
    let levels = Levels::builtin().unwrap();
    let route_km: f32 = levels.stages.iter().map(|l| l.route_km()).sum();
    assert!((5500.0..=7500.0).contains(&route_km), "the route is {route_km:.0} km");
    let mut reached = 0;
    for seed in [1, 2, 3, 4] {
        let report = headless::run(seed, levels.clone(), true, 500);
        let start = Date { year: 1941, month: 1, day: 1 };
        assert_eq!(report.start_date, start.iso());
        assert_eq!(report.end_date, start.plus_days(i64::from(report.days) - 1).iso(), "seed {seed}: dates and days");
        if report.outcome != Some(Outcome::ReachedIndia) {
            continue;
        }
        reached += 1;
        assert!((5500.0..=7500.0).contains(&report.distance_km), "seed {seed}: {} km", report.distance_km);
        assert!((120..=420).contains(&report.days), "seed {seed}: {} days", report.days);
        for record in &report.stages {
            let level = levels.get(record.stage);
            if level.route.is_none() {
                continue;
            }
            let want = level.route_km();
            assert!(
                (record.km - want).abs() <= 0.15 * want,
                "seed {seed}, {:?}: {} km of a route of {want:.0} km",
                record.stage,
                record.km
            );
            // Errands and detours on the ground add to what was walked, within reason.
            assert!(
                record.walked_km >= 0.85 * want && record.walked_km <= 1.4 * want.max(20.0),
                "seed {seed}, {:?}: walked {} km on a route of {want:.0} km",
                record.stage,
                record.walked_km
            );
            let days = record.days.expect("a stage walked through was left");
            assert_eq!(record.left_day, Some(record.entered_day + days));
        }
    }
    assert!(reached >= 3, "only {reached} of 4 journeys reached India");
}
