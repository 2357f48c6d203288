//! The built-in player: walks the group to each way out, camps at night (in the desert, through
//! the heat of the day), gathers wood before dark, makes and feeds fires, fills the skins where
//! it can, goes for water when it runs low, and encourages whoever gives up.

use bevy::prelude::*;

use super::SimSystems;
use super::camp::{CampAction, Fire, Supplies, WOOD_TO_LIGHT, nearest_water, nearest_wood};
use super::clock::GameClock;
use super::cohesion::Encourage;
use super::journey::CurrentLevel;
use super::levels::Biome;
use super::movement::{Resting, Route};
use super::party::{Leader, Member, Position, Status};
use super::survival::Vitals;
use super::weather::Weather;
use super::world::StageMap;

/// Whether the built-in policy plays (`--autoplay`, and the headless tests).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Autoplay(pub bool);

/// What the autoplayer is walking toward now.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Errand {
    #[default]
    WayOut,
    Wood,
    Water,
    Comrade,
}

fn is_autoplaying(autoplay: Res<Autoplay>) -> bool {
    autoplay.0
}

/// Whether now is a time to camp: nights, and in the desert the heat of the day instead.
fn should_rest(level: &CurrentLevel, clock: &GameClock, weather: &Weather) -> bool {
    let h = clock.hour();
    if level.0.biome == Biome::Desert {
        weather.air_c > 33.0 || !(4.0..23.0).contains(&h)
    } else {
        clock.is_night()
    }
}

#[allow(clippy::too_many_arguments)]
fn steer_autoplay(
    map: Option<Res<StageMap>>,
    level: Option<Res<CurrentLevel>>,
    clock: Res<GameClock>,
    stage: Res<State<super::state::Stage>>,
    weather: Res<Weather>,
    supplies: Res<Supplies>,
    mut errand: Local<Errand>,
    mut last_errand: Local<u64>,
    mut found_stream: Local<bool>,
    mut resting: ResMut<Resting>,
    mut actions: MessageWriter<CampAction>,
    mut encourage: MessageWriter<Encourage>,
    fires: Query<(&Position, &Fire)>,
    members: Query<(&Position, &Status, &Vitals), (With<Member>, Without<Leader>)>,
    mut leader: Query<(&Position, &mut Route), With<Leader>>,
) {
    let (Some(map), Some(level)) = (map, level) else { return };
    let Ok((pos, mut route)) = leader.single_mut() else { return };
    let here = pos.0.floor().as_uvec2();
    if stage.is_changed() {
        *found_stream = false;
        *errand = Errand::WayOut;
        route.0.clear();
    }
    if map.story_water.is_some_and(|w| w.as_vec2().distance(pos.0) < 2.0) {
        *found_stream = true;
    }
    let minute = clock.minutes % 60;

    // Anyone sitting in despair within reach gets a word; someone further is walked to.
    let given_up: Vec<Vec2> = members.iter().filter(|(_, s, _)| **s == Status::GivenUp).map(|(p, _, _)| p.0).collect();
    if let Some(nearest) = given_up.iter().min_by(|a, b| a.distance(pos.0).total_cmp(&b.distance(pos.0))) {
        if nearest.distance(pos.0) <= 2.0 {
            if minute % 20 == 0 {
                encourage.write(Encourage);
            }
            route.0.clear();
            *errand = Errand::WayOut;
            return;
        } else if *errand != Errand::Comrade {
            if let Some(r) = map.route(here, nearest.floor().as_uvec2()) {
                route.0 = r.into();
                *errand = Errand::Comrade;
            }
        }
    } else if *errand == Errand::Comrade {
        route.0.clear();
        *errand = Errand::WayOut;
    }

    let rest = should_rest(&level, &clock, &weather);
    if rest && !resting.0 {
        // Making camp: wood from close by, then a fire if the night is cold.
        actions.write(CampAction::GatherWood);
    }
    resting.0 = rest;
    if rest {
        let fire = fires.iter().find(|(p, _)| p.0.distance(pos.0) < 2.0);
        let cold = members.iter().any(|(_, s, v)| *s == Status::Walking && v.feels_like_c < 10.0);
        match fire {
            None if cold && supplies.wood >= WOOD_TO_LIGHT => {
                actions.write(CampAction::MakeFire);
            }
            Some((_, f)) if f.fuel_h < 1.0 && supplies.wood > 0 => {
                actions.write(CampAction::MakeFire);
            }
            _ => {}
        }
        if minute == 0 {
            actions.write(CampAction::FillSkins);
        }
        return;
    }
    if minute % 10 == 0 {
        actions.write(CampAction::FillSkins);
        actions.write(CampAction::GatherWood);
    }
    // Busy with an errand, or walking on with nothing to reconsider this half hour.
    if !route.0.is_empty() && (*errand != Errand::WayOut || minute % 30 != 0) {
        return;
    }
    // Arrived where an errand led: do it, then on to the way out.
    match *errand {
        Errand::Wood if route.0.is_empty() => {
            actions.write(CampAction::GatherWood);
        }
        Errand::Water if route.0.is_empty() => {
            actions.write(CampAction::FillSkins);
        }
        _ => {}
    }
    // A careful leader scouts well beyond what the eye reaches from the path.
    let sight = 40;
    let near_exit = map.exit_centre().as_vec2().distance(pos.0) < 25.0;
    // Low, or not full with the way out close: the next stage may have none.
    let low_water = supplies.water_l < supplies.capacity_l * if near_exit { 0.95 } else { 0.6 };
    let evening = (16.5..19.0).contains(&clock.hour()) && level.0.biome != Biome::Desert;
    // Errands are not taken up again within a few hours of the last: no walking to and fro.
    let may_errand = clock.minutes >= *last_errand + 240;
    let stream = map.story_water.filter(|_| !*found_stream);
    let goal = if stream.is_some() && *errand != Errand::Water {
        // In the Gobi, where there is nothing to see, the stream the story promises comes first
        // (the film's four found it too).
        stream.map(|g| (g, Errand::Water))
    } else if low_water && *errand != Errand::Water && may_errand {
        nearest_water(&map, pos.0, sight).map(|g| (g, Errand::Water))
    } else if evening && supplies.wood < 4 && *errand != Errand::Wood && may_errand {
        nearest_wood(&map, pos.0, 8).map(|g| (g, Errand::Wood))
    } else {
        None
    };
    if let Some((goal, kind)) = goal {
        if let Some(r) = map.route(here, goal) {
            route.0 = r.into();
            *errand = kind;
            *last_errand = clock.minutes;
            return;
        }
    }
    if *errand == Errand::WayOut && !route.0.is_empty() {
        return;
    }
    *errand = Errand::WayOut;
    if map.is_exit(here) {
        return;
    }
    if let Some((path, _)) = map.path_to_exit(here) {
        route.0 = path.into_iter().skip(1).map(|p| p.as_vec2() + Vec2::splat(0.5)).collect();
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Autoplay>();
    app.add_systems(FixedUpdate, steer_autoplay.run_if(is_autoplaying).in_set(SimSystems::Decide));
}
