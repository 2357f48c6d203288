//! The march: the same rules hour by hour along the real route; the calendar and the climate
//! of the month; the length of the journey and of each stage against its geography.

use bevy::prelude::*;
use the_way_back::headless;
use the_way_back::sim::prelude::*;

use crate::helpers::*;

/// A stage entered with Janusz alone, put on its march at `km` (the scene behind him).
pub(crate) fn alone_on_the_march(stage: Stage, km: f32) -> App {
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
    // Put past a fork, the group came by the route's own road.
    let route = app.world().resource::<CurrentLevel>().0.route.clone().unwrap();
    let passed = (0..route.forks.len()).filter(|n| route.fork_km(*n).is_some_and(|f| f < km)).count();
    *app.world_mut().resource_mut::<March>() = March { km, scene_done: true, roads: vec![false; passed], ..default() };
    app.world_mut().resource_mut::<NextState<Scale>>().set(Scale::March);
    app.update();
    assert_eq!(scale(&app), Some(Scale::March));
    app
}

/// Moves the clock to `date` at `hour`.
pub(crate) fn set_date(app: &mut App, date: Date, hour: u64) {
    let days = (date.days_since_epoch() - ESCAPE_DATE.days_since_epoch()) as u64;
    app.world_mut().resource_mut::<GameClock>().minutes = days * MINUTES_PER_DAY + hour * 60;
}

pub(crate) fn janusz(app: &mut App) -> (Vitals, Option<FateRecord>) {
    let mut q = app.world_mut().query::<(&Member, &Vitals)>();
    let v = q.iter(app.world()).find(|(m, _)| m.0 == MemberId::Janusz).map(|(_, v)| *v).unwrap_or_default();
    (v, app.world().resource::<Fates>().of(MemberId::Janusz).cloned())
}

/// Hours of game time until `done`, stepping the app (an update is an hour on the march).
pub(crate) fn game_hours_until(app: &mut App, max_h: f32, mut done: impl FnMut(&mut App) -> bool) -> Option<f32> {
    let start = app.world().resource::<GameClock>().minutes;
    // A world standing still (a question nobody answers) ends the wait too.
    for _ in 0..(max_h * 60.0) as u32 + 1000 {
        app.update();
        let h = (app.world().resource::<GameClock>().minutes - start) as f32 / 60.0;
        if done(app) {
            return Some(h);
        }
        if h >= max_h {
            return None;
        }
    }
    None
}

/// A February night in a blizzard on the march, camped where the group stopped.
fn march_night(km: f32, wood: u32) -> App {
    let mut app = alone_on_the_march(Stage::Taiga, km);
    set_date(&mut app, Date { year: 1941, month: 2, day: 20 }, 19);
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
    set_date(&mut scene, Date { year: 1941, month: 2, day: 20 }, 19);
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
    // Alone, with a whole night's blizzard to blow the fire out now and then (in the lee of
    // the bank's trees, less often than in the open), he is cold by morning, not dead of it.
    assert!(lowest >= 30.0, "lowest core {lowest:.1} °C");
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
        // January after the escape's February: the next year's.
        let year = if month < ESCAPE_DATE.month { 1942 } else { 1941 };
        set_date(&mut app, Date { year, month, day: 15 }, 13);
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
        let start = ESCAPE_DATE;
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
            // Its geography is the route as walked, with the roads taken at its forks.
            let want = record.route_km;
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
    // Most careful journeys walk all the way, not all: the balance tool counts how many.
    assert!(reached >= 1, "none of 4 journeys reached India");
}

/// The leader's tile on the map the group stands on, moved to `tile`.
fn put_janusz_at(app: &mut App, tile: UVec2) {
    let mut q = app.world_mut().query::<(&Member, &mut Position)>();
    for (m, mut p) in q.iter_mut(app.world_mut()) {
        if m.0 == MemberId::Janusz {
            p.0 = tile.as_vec2() + Vec2::splat(0.5);
        }
    }
}

#[test]
fn going_down_off_the_route_camps_on_the_ground_there_and_comes_back_up() {
    // On the frozen Lena, 300 km into the taiga: the player goes down onto the ground here.
    let mut app = alone_on_the_march(Stage::Taiga, 300.0);
    set_date(&mut app, Date { year: 1941, month: 2, day: 20 }, 18);
    let stage_map = app.world().resource::<StageMap>().clone();
    let here = app.world().resource::<March>().km;
    app.world_mut().write_message(GoDown);
    app.update();
    app.update();
    assert_eq!(scale(&app), Some(Scale::Scene), "down on the ground");
    let ground = app.world().resource::<StageMap>().clone();
    assert_eq!((ground.width, ground.height), GROUND_SIZE);
    assert_ne!(ground.hash_hex(), stage_map.hash_hex(), "a ground of its own, not the stage's scene");
    let level = app.world().resource::<CurrentLevel>().0.clone();
    assert_eq!(level.biome, Biome::Taiga, "the river ice between wooded banks is taiga");
    assert_eq!(level.tile_m, GROUND_TILE_M);
    assert!(ground.wood.iter().any(|w| *w), "there is wood to gather on it");
    assert_eq!(app.world().resource::<March>().down_at, Some(here));
    // A few hours on the ground pass minute by minute, and the march stands still.
    let before = app.world().resource::<GameClock>().minutes;
    for _ in 0..180 {
        app.update();
    }
    assert_eq!(app.world().resource::<GameClock>().minutes - before, 180, "a minute a tick on the ground");
    assert_eq!(scale(&app), Some(Scale::Scene));

    // Walking out by the ground's way out is its width of the route walked.
    let exit = ground.exit_centre();
    put_janusz_at(&mut app, exit);
    app.update();
    app.update();
    assert_eq!(scale(&app), Some(Scale::March), "back on the march");
    let km = app.world().resource::<March>().km;
    assert!(km > here + 2.0 && km < here + 4.0, "the ground crossed is a few km of the route: {here} -> {km}");
    assert_eq!(app.world().resource::<March>().down_at, None);
    assert_eq!(app.world().resource::<StageMap>().hash_hex(), stage_map.hash_hex(), "the stage's own map again");
    assert_eq!(app.world().resource::<CurrentLevel>().0.tile_m, Levels::builtin().unwrap().get(Stage::Taiga).tile_m);

    // Down again on the Baikal Range's pass: mountain ground, and going back up where it came
    // down walks nothing.
    app.world_mut().resource_mut::<March>().km = 1215.0;
    app.world_mut().write_message(GoDown);
    app.update();
    app.update();
    assert_eq!(app.world().resource::<CurrentLevel>().0.biome, Biome::Mountains);
    assert!(app.world().resource::<CurrentLevel>().0.climate.altitude_m >= 1400.0, "as high as the pass");
    app.world_mut().write_message(GoUp);
    app.update();
    app.update();
    assert_eq!(scale(&app), Some(Scale::March));
    assert_eq!(app.world().resource::<March>().km, 1215.0);
}

/// The question waiting for an answer, if any: its id and its choices' labels.
fn question(app: &App) -> Option<(String, Vec<String>)> {
    let p = app.world().resource::<PendingEvent>().0.clone()?;
    Some((p.entry.id, p.choices.iter().map(|c| c.label.clone()).collect()))
}

#[test]
fn a_fork_changes_the_route_and_its_risks() {
    let levels = Levels::builtin().unwrap();
    let shore = levels.get(Stage::Baikal).route.clone().unwrap();
    let fork_km = shore.fork_km(0).expect("Baikal's route divides at Bolshoye Goloustnoye");
    // The march comes to the fork and stops there: the way divides, and the player is asked.
    let mut app = alone_on_the_march(Stage::Baikal, fork_km - 30.0);
    set_date(&mut app, Date { year: 1941, month: 3, day: 20 }, 8);
    let asked = game_hours_until(&mut app, 72.0, |app| question(app).is_some());
    assert!(asked.is_some(), "asked which road at the fork");
    // Onguren's fishermen, passed before the march was joined, are asked about first.
    if question(&app).is_some_and(|(id, _)| id == "the_fishermen") {
        app.world_mut().write_message(Choose(2));
        app.update();
        let asked = game_hours_until(&mut app, 72.0, |app| question(app).is_some());
        assert!(asked.is_some(), "asked which road at the fork");
    }
    let (id, labels) = question(&app).unwrap();
    assert_eq!(id, "fork_ice");
    let km = app.world().resource::<March>().km;
    assert!((km - fork_km).abs() < 0.1, "the march waits at the fork: {km} vs {fork_km}");
    // Each road's length is told, measured on the route.
    let (own, other) = shore.fork_roads_km(0).unwrap();
    assert!(labels.iter().any(|l| l.contains(&format!("({own:.0} km)"))), "{labels:?}");
    assert!(labels.iter().any(|l| l.contains(&format!("({other:.0} km)"))), "{labels:?}");
    for _ in 0..30 {
        app.update();
    }
    assert_eq!(app.world().resource::<March>().km, km, "nobody walks on while the question waits");

    // Straight across the ice: 168 km shorter, with no wood and no shelter on it.
    let ice = labels.iter().position(|l| l.contains("ice")).unwrap();
    app.world_mut().write_message(Choose(ice));
    app.update();
    app.update();
    let route = app.world().resource::<CurrentLevel>().0.route.clone().unwrap();
    assert!(shore.length_km() - route.length_km() > 150.0, "{} -> {}", shore.length_km(), route.length_km());
    assert_eq!(app.world().resource::<March>().roads, vec![true]);
    let on_the_ice = route.stretch_at(fork_km + 20.0);
    assert_eq!(on_the_ice.1, Terrain::ThinIce);
    let wooded = |t: Terrain| has_wood_along(t, Biome::Lakeshore);
    let bare_ice = route.longest_without(fork_km, fork_km + other, wooded);
    let bare_shore = shore.longest_without(fork_km, fork_km + own, wooded);
    assert!(
        bare_ice >= other - 1.0 && bare_ice > bare_shore,
        "km without wood: ice {bare_ice:.0}, shore {bare_shore:.0}"
    );
    // The march walks on across the ice.
    let walked = game_hours_until(&mut app, 48.0, |app| app.world().resource::<March>().km > fork_km + 10.0);
    assert!(walked.is_some(), "the march goes on along the road taken");
    let ground = {
        let mut q = app.world_mut().query::<(&Member, &Ground)>();
        q.iter(app.world()).next().map(|(_, g)| *g).unwrap()
    };
    assert_eq!(ground.terrain, Terrain::ThinIce, "walking on the open ice");
}

#[test]
fn a_stay_at_reting_houses_feeds_and_mends_the_group_and_costs_the_days() {
    let levels = Levels::builtin().unwrap();
    let route = levels.get(Stage::Monastery).route.clone().unwrap();
    let reting = route.km_to_point(1);
    let mut app = alone_on_the_march(Stage::Monastery, reting - 6.0);
    set_date(&mut app, Date { year: 1941, month: 11, day: 1 }, 8);
    // Janusz comes down from the plateau with frostbitten feet.
    {
        let mut q = app.world_mut().query::<(&Member, &mut Vitals)>();
        for (m, mut v) in q.iter_mut(app.world_mut()) {
            if m.0 == MemberId::Janusz {
                v.frost_hours = 12.0;
            }
        }
    }
    assert!(janusz(&mut app).0.conditions().frostbite);
    let asked = game_hours_until(&mut app, 48.0, |app| question(app).is_some());
    assert!(asked.is_some(), "the monks ask at Reting how long the group will stay");
    let (id, labels) = question(&app).unwrap();
    assert_eq!(id, "the_monks_winter");
    // Each stay is told in days, filled in from the level, never written into its text.
    for days in ["(21 days)", "(7 days)", "(2 days)"] {
        assert!(labels.iter().any(|l| l.ends_with(days)), "{labels:?}");
    }
    let km = app.world().resource::<March>().km;
    let rations = app.world().resource::<Supplies>().rations;
    let week = labels.iter().position(|l| l.ends_with("(7 days)")).unwrap();
    let day = app.world().resource::<GameClock>().day();
    app.world_mut().write_message(Choose(week));
    app.update();
    // Six days later the group is still there, fed by the monks, and the frostbite has mended.
    let stayed = game_hours_until(&mut app, 24.0 * 8.0, |app| app.world().resource::<GameClock>().day() >= day + 6);
    assert!(stayed.is_some());
    assert_eq!(app.world().resource::<March>().km, km, "nobody walks while the group stays");
    let fed = app.world().resource::<Supplies>().rations;
    assert!(fed >= rations - 0.01, "the monks feed their guests: rations {rations} -> {fed}");
    let (v, fate) = janusz(&mut app);
    assert!(fate.is_none(), "{fate:?}");
    assert!(!v.conditions().frostbite, "a week under a roof mends frostbite: {} frost hours", v.frost_hours);
    // When the week is up, the march goes on.
    let left = game_hours_until(&mut app, 24.0 * 4.0, |app| app.world().resource::<March>().km > km + 5.0);
    assert!(left.is_some(), "the march goes on after the stay");
    assert!(app.world().resource::<GameClock>().day() >= day + 7, "not before the week is up");
}

#[test]
fn a_night_camp_on_the_ground_is_saved_and_resumed_on_that_ground() {
    use the_way_back::sim::model::group::Resting;
    let levels = lab_levels();
    let mut app = alone_on_the_march(Stage::Taiga, 300.0);
    set_date(&mut app, Date { year: 1941, month: 2, day: 20 }, 18);
    let stage_map = app.world().resource::<StageMap>().clone();
    app.world_mut().write_message(GoDown);
    app.update();
    app.update();
    assert_eq!(scale(&app), Some(Scale::Scene), "down on the ground");
    // Janusz walks to a place that is firm on the ground but not on the stage's own map at the
    // same tile (the save's places belong to the ground), makes camp there, and the journey is
    // saved as a camp is.
    let ground = app.world().resource::<StageMap>().clone();
    let spot = (0..ground.height)
        .flat_map(|y| (0..ground.width).map(move |x| UVec2::new(x, y)))
        .find(|p| ground.walkable(*p) && !stage_map.walkable(*p))
        .expect("a tile firm on the ground and not on the stage's map");
    put_janusz_at(&mut app, spot);
    app.world_mut().resource_mut::<Resting>().0 = true;
    app.update();
    let text = Save::at_camp(app.world_mut()).to_text();
    let save = Save::read(&text, &levels).expect("a camp on the ground is a good save");
    assert!(save.march.down_at.is_some() && save.camp.is_some());
    let saved_at = save.camp.as_ref().unwrap().positions[0].1;

    let mut resumed = sim_app(21, false);
    resumed.insert_resource(ResumeFrom(save));
    start_journey(&mut resumed);
    assert!(step_until(&mut resumed, 1, |app| stage(app) == Some(Stage::Taiga)
        && !app.world().contains_resource::<ResumeFrom>()));
    resumed.update();
    let map = resumed.world().resource::<StageMap>().clone();
    assert_eq!((map.width, map.height), GROUND_SIZE, "back on the ground, not the stage's map");
    let mut q = resumed.world_mut().query::<(&Member, &Position)>();
    let (_, at) = q.iter(resumed.world()).find(|(m, _)| m.0 == MemberId::Janusz).unwrap();
    assert!(
        (at.0.x - saved_at.0).hypot(at.0.y - saved_at.1) < 0.5,
        "Janusz is where he camped on the ground: {:?} vs {saved_at:?}",
        at.0
    );
}

#[test]
fn the_autoplayer_plays_by_its_policy() {
    // The reckless leader forces the pace on the march and takes no day's rest.
    let mut app = sim_app(3, true);
    app.insert_resource(Policy::Reckless);
    start_journey(&mut app);
    assert!(step_until(&mut app, 20, |app| scale(app) == Some(Scale::March) && stage(app) == Some(Stage::Taiga)));
    let mut forced_hours = 0;
    let marched = step_until(&mut app, 3, |app| {
        forced_hours += u32::from(*app.world().resource::<Pace>() == Pace::Forced);
        app.world().resource::<MarchOrders>().rest_day.is_some()
    });
    assert!(!marched, "the reckless never rest a day");
    assert!(forced_hours > 0, "the reckless force the pace");

    // The passive one never leaves the taiga's first camp; the careful one, in the same days,
    // is far down the Lena.
    let levels = Levels::builtin().unwrap();
    let passive = headless::run_with(3, levels.clone(), Some(Policy::Passive), 20, Stage::Camp);
    let careful = headless::run_with(3, levels, Some(Policy::Careful), 20, Stage::Camp);
    println!("20 days: passive {:.0} km, careful {:.0} km", passive.distance_km, careful.distance_km);
    assert!(passive.distance_km < 40.0, "passive walked {:.0} km", passive.distance_km);
    assert!(careful.distance_km > 5.0 * passive.distance_km.max(20.0));
}

#[test]
fn nights_at_the_fire_win_trust_little_by_little_and_the_journal_says_so() {
    use the_way_back::sim::model::journal::Journal;
    // A camp on the Lena kept night after night, the film's questions answered as they come.
    let mut app = sim_app(21, false);
    app.insert_resource(StartStage(Stage::Taiga));
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Loading);
    assert!(step_until(&mut app, 1, |app| stage(app) == Some(Stage::Taiga)));
    // Well ahead of the guards, on the march's camp on the river.
    *app.world_mut().resource_mut::<March>() = March { km: 300.0, scene_done: true, roads: vec![false], ..default() };
    app.world_mut().resource_mut::<NextState<Scale>>().set(Scale::March);
    app.update();
    let trust = |app: &mut App| {
        let mut q = app.world_mut().query::<(&Member, &Mind)>();
        q.iter(app.world()).find(|(m, _)| m.0 == MemberId::Smith).map(|(_, mind)| mind.trust)
    };
    let before = trust(&mut app).expect("Smith is with the group");
    let said = |app: &App| {
        app.world()
            .resource::<Journal>()
            .0
            .iter()
            .any(|j| j.text.contains("Smith") && j.text.contains("Janusz more for the nights at the fire"))
    };
    let told = step_until(&mut app, 20, |app| {
        if app.world().resource::<PendingEvent>().0.is_some() {
            app.world_mut().write_message(Choose(0));
        }
        said(app)
    });
    assert!(told, "the journal tells why Smith's trust rose");
    let after = trust(&mut app).expect("Smith is still with the group");
    assert!(after > before, "{before} -> {after}");
}
