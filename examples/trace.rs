//! Prints a journey every MINUTES (120 by default): weather, supplies and every member's vitals
//! (for tuning).

use bevy::prelude::*;
use the_way_back::levels::Levels;
use the_way_back::sim::model::air::Weather;
use the_way_back::sim::model::body::Vitals;
use the_way_back::sim::model::clock::GameClock;
use the_way_back::sim::model::group::Resting;
use the_way_back::sim::model::group::{Mind, Straying};
use the_way_back::sim::model::party::{Member, Position, Status};
use the_way_back::sim::model::supplies::Supplies;
use the_way_back::states::{Screen, Stage};

fn main() {
    let mut args = std::env::args().skip(1);
    let seed: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(7);
    let every: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(120);
    let mut app = the_way_back::headless::app(seed, Levels::builtin().unwrap(), true);
    app.world_mut().resource_mut::<NextState<Screen>>().set(Screen::Loading);
    for _ in 0..(40 * 1440) {
        app.update();
        let w = app.world();
        if *w.resource::<State<Screen>>().get() == Screen::Chronicle {
            break;
        }
        let Some(clock) = w.get_resource::<GameClock>() else { continue };
        if clock.minutes % every != 0 {
            continue;
        }
        let stage = w.get_resource::<State<Stage>>().map(|s| *s.get());
        let weather = w.resource::<Weather>();
        let s = w.resource::<Supplies>();
        println!(
            "day {} {} {:?} {:?} air {:.0} wind {:.0} sun {:.1} sight {:.0} | rest {} water {:.1}/{:.0} wood {} food {:.0}",
            clock.day(),
            clock.time_of_day(),
            stage,
            weather.kind,
            weather.air_c,
            weather.wind_kmh,
            weather.sun,
            weather.sight_tiles,
            w.resource::<Resting>().0,
            s.water_l,
            s.capacity_l,
            s.wood,
            s.rations
        );
        if let Some(stage) = stage
            && stage == Stage::Gobi
        {
            let mut lq = app.world_mut().query_filtered::<&Position, With<the_way_back::sim::model::party::Leader>>();
            let map = app.world().resource::<the_way_back::sim::world::StageMap>().clone();
            if let Some(p) = lq.iter(app.world()).next() {
                println!("   leader {:?} stream {:?} exit {:?}", p.0, map.story_water, map.exit_centre());
            }
        }
        let mut q = app.world_mut().query::<(&Member, &Position, &Status, &Vitals, &Mind, Has<Straying>)>();
        for (m, p, st, v, mind, stray) in q.iter(app.world()) {
            println!(
                "   {:8} {:?} ({:.0},{:.0}) feels {:.0} core {:.1} dehyd {:.1}% fat {:.2} mor {:.2}{}",
                m.0.name(),
                st,
                p.0.x,
                p.0.y,
                v.feels_like_c,
                v.core_c,
                v.dehydration_pct(),
                v.fatigue,
                mind.morale,
                if stray { " STRAY" } else { "" }
            );
        }
    }
}
