//! Survival with teeth, as a player would see it: a week on short rations in the cold, boots
//! walked through on the Gobi's gravel, and words that stop working when they are spent.

use bevy::prelude::*;
use the_way_back::sim::prelude::*;

use crate::march::{alone_on_the_march, game_hours_until, janusz, set_date};
use crate::survival::{open_ground, place, scenario};

/// A week of the Taiga's march in late February on `rations`, from well fed: what hunger the
/// walker has come to and how far he got.
fn a_week_on(rations: Rations) -> (f32, f32, f32) {
    let mut app = alone_on_the_march(Stage::Taiga, 300.0);
    set_date(&mut app, Date { year: 1941, month: 2, day: 20 }, 6);
    app.world_mut().resource_mut::<Weather>().hold(WeatherKind::Clear);
    *app.world_mut().resource_mut::<Rations>() = rations;
    app.world_mut().resource_mut::<Supplies>().rations = 12.0;
    let km0 = app.world().resource::<March>().km;
    let food0 = app.world().resource::<Supplies>().rations;
    game_hours_until(&mut app, 7.0 * 24.0, |app| janusz(app).1.is_some());
    let (v, fate) = janusz(&mut app);
    assert_eq!(fate, None, "alive after a week on {}", rations.name());
    let km = app.world().resource::<March>().km - km0;
    let eaten = food0 - app.world().resource::<Supplies>().rations;
    (v.short_kcal, km, eaten)
}

#[test]
fn a_week_on_quarter_rations_in_the_cold_leaves_a_marcher_hungry_where_full_ones_keep_him() {
    let (full_short, full_km, _) = a_week_on(Rations::Full);
    let (quarter_short, quarter_km, _) = a_week_on(Rations::Quarter);
    println!(
        "a February week on the Lena: full rations {full_short:.0} kcal short, {full_km:.0} km; \
         quarter rations {quarter_short:.0} kcal short, {quarter_km:.0} km"
    );
    // A quarter share is 750 kcal a day against the 3,000 of a full one: seven days of it leave
    // him about 15,000 kcal (two kilograms of himself) further behind, less what he forages.
    assert!(quarter_short - full_short > 10_000.0, "{quarter_short:.0} vs {full_short:.0}");
    assert!(Hunger::of(quarter_short) >= Hunger::Hungry, "hungry after a week on a quarter share");
    // Walking in the cold costs more than a full share gives: even full, he is a little short.
    assert!(full_short < THIN_KCAL, "full rations keep him from growing thin in a week");
    // A week of hunger is not yet a week of weakness: he walks as far.
    assert!(quarter_km > 0.8 * full_km, "{quarter_km:.0} km vs {full_km:.0} km");
}

#[test]
fn boots_walked_through_on_the_gobis_gravel_slow_the_march() {
    // Onto the gravel plain south of the Mandal-Gobi wells (km 165 to 275 of the caravan road).
    let mut app = alone_on_the_march(Stage::Gobi, 166.0);
    set_date(&mut app, Date { year: 1941, month: 5, day: 20 }, 6);
    let entity = {
        let mut q = app.world_mut().query::<(Entity, &Member)>();
        q.iter(app.world()).find(|(_, m)| m.0 == MemberId::Janusz).map(|(e, _)| e).unwrap()
    };
    app.world_mut().get_mut::<Gear>(entity).unwrap().boots = 0.15;
    // Water and food kept up: only the feet are being tested.
    let keep_up = |app: &mut App| {
        let mut s = app.world_mut().resource_mut::<Supplies>();
        s.water_l = s.capacity_l;
        s.rations = 10.0;
    };
    let km0 = app.world().resource::<March>().km;
    let mut through_at = None;
    for _ in 0..10 * 24 {
        keep_up(&mut app);
        app.update();
        if through_at.is_none() && app.world().get::<Gear>(entity).unwrap().barefoot() {
            through_at = Some(app.world().resource::<March>().km - km0);
        }
    }
    let walked = app.world().resource::<March>().km - km0;
    let left = app.world().get::<Gear>(entity).unwrap().boots;
    let through_at = through_at.unwrap_or_else(|| panic!("walked {walked:.0} km, boots {left:.2}"));
    println!("boots at 0.15 walked through after {through_at:.0} km of the Gobi's gravel");
    // What is left of a 1,200 km pair (180 km on easy ground) goes at twice the wear on gravel.
    assert!((60.0..=120.0).contains(&through_at), "{through_at:.0} km");
    // A day's walk in rags is shorter than one in boots.
    let shod = Gear { boots: 1.0, clothes: 0.8 };
    let rags = *app.world().get::<Gear>(entity).unwrap();
    assert!(rags.walk_factor() < shod.walk_factor(), "{rags:?}");
}

#[test]
fn an_encouragement_spree_stops_working_and_costs_the_leader() {
    let mut app = scenario(4, Stage::Taiga, &[MemberId::Janusz, MemberId::Smith]);
    let spot = open_ground(&app, Terrain::Snow);
    place(&mut app, MemberId::Janusz, spot);
    place(&mut app, MemberId::Smith, spot + Vec2::new(1.0, 0.0));
    let (leader, smith) = {
        let mut q = app.world_mut().query::<(Entity, &Member)>();
        let mut find = |id| q.iter(app.world()).find(|(_, m)| m.0 == id).map(|(e, _)| e).unwrap();
        (find(MemberId::Janusz), find(MemberId::Smith))
    };
    app.world_mut().get_mut::<Mind>(smith).unwrap().morale = 0.2;
    let fatigue0 = app.world().get::<Vitals>(leader).unwrap().fatigue;
    let morale0 = app.world().get::<Mind>(leader).unwrap().morale;
    let mut lifts = Vec::new();
    for _ in 0..12 {
        let before = app.world().get::<Mind>(smith).unwrap().morale;
        app.world_mut().write_message(Encourage);
        app.update();
        lifts.push(app.world().get::<Mind>(smith).unwrap().morale - before);
    }
    let spent = app.world().get::<Vitals>(leader).unwrap().fatigue - fatigue0;
    let own = morale0 - app.world().get::<Mind>(leader).unwrap().morale;
    println!("twelve words in a row to Smith: lifts {lifts:.3?}; Janusz {spent:.2} more tired, {own:.2} less sure");
    let first = lifts.iter().copied().find(|l| *l > 0.01).expect("a word heard");
    let last_six: f32 = lifts[6..].iter().map(|l| l.max(0.0)).sum();
    assert!(first >= 0.1, "the first word heard lifts him: {first:.3}");
    assert!(last_six < first, "the last six words together lift less than the first: {last_six:.3} vs {first:.3}");
    // A word turned away moves nothing but the hour's drift of his spirits.
    assert!(lifts.iter().filter(|l| l.abs() < 0.005).count() >= 3, "words turned away: {lifts:.3?}");
    // The leader pays for every word, heard or not.
    assert!(spent >= 12.0 * 0.04 - 0.05, "fatigue +{spent:.2}");
    assert!(own > 0.1, "morale -{own:.2}");
}

#[test]
fn a_group_that_never_breaks_camp_eats_the_land_round_it_bare_and_starves() {
    // The passive player: out of the wire, camped in the first wood, and never moving on. The
    // snares and the digging feed the camp at first; week by week the land round it gives less.
    let levels = Levels::builtin().unwrap();
    let report = the_way_back::headless::run_with(3, levels, Some(Policy::Passive), 240, Stage::Camp);
    let causes: Vec<(&str, Option<&str>)> = report.members.iter().map(|m| (m.name, m.cause.as_deref())).collect();
    println!("a camp that never moved, after {} days: {causes:?}", report.days);
    assert!(report.distance_km < 40.0, "they stayed put ({:.0} km)", report.distance_km);
    let dead = report.members.iter().filter(|m| m.fate == Fate::Died).count();
    let starved = causes.iter().filter(|(_, c)| *c == Some("starvation")).count();
    // Nobody lives through eight months in one camp, and hunger is what takes most of them.
    assert!(report.members.iter().all(|m| m.fate != Fate::Survived), "{causes:?}");
    assert!(starved >= 3 && 2 * starved >= dead, "{starved} of {dead} deaths were hunger: {causes:?}");
    assert!(report.days < 240, "the journey ended with the last of them ({} days)", report.days);
}
