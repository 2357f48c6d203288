//! Exposure: what the weather, the ground and any fire make the air feel like to each walker,
//! and what that does to the body minute by minute: core temperature, fatigue, frostbite,
//! sunburn and hot sand. The models and their numbers are the real ones (NWS wind chill, NOAA
//! heat index, clinical hypothermia stages).

use bevy::prelude::*;

use crate::levels::Terrain;
use crate::sim::model::air::Weather;
use crate::sim::model::body::{Exertion, Traits, Vitals};
use crate::sim::model::clock::GameClock;
use crate::sim::model::ground::Ground;
use crate::sim::model::group::Resting;
use crate::sim::model::party::{Member, Position, Status};
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::supplies::Fire;
use crate::sim::world::StageMap;
use crate::sim::{SimSystems, is_on_the_ground};

pub use crate::levels::LAPSE_C_PER_M;

/// NWS wind chill, metric: feels-like °C for air `t_c` (°C) and wind `v_kmh` (km/h at 10 m).
/// Defined for t ≤ 10 °C and v > 4.8 km/h; elsewhere the air temperature itself.
pub fn wind_chill_c(t_c: f32, v_kmh: f32) -> f32 {
    if t_c > 10.0 || v_kmh <= 4.8 {
        return t_c;
    }
    let v = v_kmh.powf(0.16);
    13.12 + 0.6215 * t_c - 11.37 * v + 0.3965 * t_c * v
}

/// NOAA heat index (Rothfusz regression with NOAA's adjustments), °C, for air `t_c` and relative
/// humidity `rh` (%). Below 80 °F the simple formula, as NOAA does.
pub fn heat_index_c(t_c: f32, rh: f32) -> f32 {
    let t = t_c * 9.0 / 5.0 + 32.0;
    let simple = 0.5 * (t + 61.0 + (t - 68.0) * 1.2 + rh * 0.094);
    let hi = if (simple + t) / 2.0 < 80.0 {
        simple
    } else {
        let mut hi = -42.379 + 2.049_015_3 * t + 10.143_332 * rh
            - 0.224_755_4 * t * rh
            - 0.00683783 * t * t
            - 0.05481717 * rh * rh
            + 0.00122874 * t * t * rh
            + 0.00085282 * t * rh * rh
            - 0.00000199 * t * t * rh * rh;
        if rh < 13.0 && (80.0..=112.0).contains(&t) {
            hi -= (13.0 - rh) / 4.0 * ((17.0 - (t - 95.0).abs()) / 17.0).sqrt();
        } else if rh > 85.0 && (80.0..=87.0).contains(&t) {
            hi += (rh - 85.0) / 10.0 * ((87.0 - t) / 5.0);
        }
        hi
    };
    (hi - 32.0) * 5.0 / 9.0
}

/// What the weather, the ground and any fire make the air feel like to someone, °C, and the
/// heat index part of it (for sweating).
/// `shaded`: resting under whatever shade the group can rig, which keeps most of the sun off.
pub fn feels_like(weather: &Weather, ground: &Ground, fire_warmth_c: f32, shaded: bool) -> (f32, f32) {
    let sun = weather.sun * if shaded { 0.3 } else { 1.0 };
    let props = ground.terrain.props();
    let shelter = ground.shelter;
    // Shade and glare matter under the sun; at night the ground gives back less.
    let ground_c = props.temp_offset_c * (0.3 + 0.7 * sun);
    let air = weather.air_c + ground_c - LAPSE_C_PER_M * ground.elevation_m;
    let wind = weather.wind_kmh * (1.0 - shelter);
    let heat = heat_index_c(air, weather.humidity_pct) + 4.0 * sun * (1.0 - shelter * 0.7);
    let cold = wind_chill_c(air, wind);
    let feels = if air >= 20.0 { heat } else { cold };
    // A fire brings the air around it toward comfort; it does not make a warm night hot.
    let warmed = if fire_warmth_c > 0.0 { (feels + fire_warmth_c).min(feels.max(24.0)) } else { feels };
    (warmed, heat)
}

/// Share of the wind kept off at a position: the tile's own cover, or some of its neighbours'.
pub fn shelter_at(map: &StageMap, pos: Vec2) -> f32 {
    let tile = pos.floor().as_ivec2();
    let mut around = 0.0;
    let mut n: f32 = 0.0;
    for (dx, dy) in [(-1, 0), (1, 0), (0, -1), (0, 1)] {
        if map.contains(tile.x + dx, tile.y + dy) {
            around += map.at((tile + IVec2::new(dx, dy)).as_uvec2()).props().shelter;
            n += 1.0;
        }
    }
    map.terrain_at(pos).props().shelter.max(0.6 * around / n.max(1.0))
}

/// The ground under each walker in a scene, read off the stage's map.
fn read_ground(map: Res<StageMap>, mut q: Query<(&Position, &mut Ground)>) {
    for (pos, mut ground) in &mut q {
        // Someone walking off the map's edge stands on its last row of tiles.
        let tile = pos.0.floor().as_ivec2().clamp(IVec2::ZERO, IVec2::new(map.width as i32 - 1, map.height as i32 - 1));
        *ground = Ground {
            terrain: map.terrain_at(pos.0),
            shelter: shelter_at(&map, pos.0),
            elevation_m: map.elevation[map.index(tile.as_uvec2())],
        };
    }
}

/// Warmth of the burning fires at a position: strong beside one, nothing beyond a few tiles.
pub fn fire_warmth_c(fires: &[(Vec2, bool)], pos: Vec2) -> f32 {
    fires
        .iter()
        .filter(|(_, burning)| *burning)
        .map(|(p, _)| {
            let d = p.distance(pos);
            if d <= 1.5 { 45.0 } else { (45.0 * (1.0 - (d - 1.5) / 2.5)).max(0.0) }
        })
        .fold(0.0, f32::max)
}

/// The core temperature the body is heading for at an effective temperature (feels-like plus
/// clothing and exertion), °C.
pub fn core_target_c(effective_c: f32, heat_frailty: f32) -> f32 {
    if effective_c < 12.0 {
        37.0 - 0.25 * (12.0 - effective_c)
    } else if effective_c > 30.0 {
        37.0 + 0.15 * (effective_c - 30.0) * heat_frailty
    } else {
        37.0
    }
}

fn note_exertion(mut q: Query<(&Position, &mut Exertion)>) {
    for (pos, mut ex) in &mut q {
        ex.walking = pos.0.distance(ex.last) > 1e-4;
        ex.last = pos.0;
    }
}

/// Body temperature, water, fatigue and the slow harms of a minute in this weather.
fn expose_walkers(
    level: Res<CurrentLevel>,
    weather: Res<Weather>,
    clock: Res<GameClock>,
    resting: Res<Resting>,
    fires: Query<(&Position, &Fire)>,
    mut members: Query<(&Position, &Ground, &Traits, &mut Exertion, &Status, &mut Vitals), With<Member>>,
) {
    let fires: Vec<(Vec2, bool)> = fires.iter().map(|(p, f)| (p.0, f.burning())).collect();
    let dt_h = clock.step_h();
    let altitude_km = level.0.climate.altitude_m / 1000.0;
    for (pos, ground, traits, mut exertion, status, mut v) in &mut members {
        if *status == Status::Dead {
            continue;
        }
        let warmth = fire_warmth_c(&fires, pos.0);
        let (feels, heat) = feels_like(&weather, ground, warmth, resting.0);
        v.feels_like_c = feels;
        // Sweat follows the heat index (the thirst rule reads it).
        exertion.heat_c = heat;
        let walking = exertion.walking;
        // Clothing insulates in the cold, less so as the wind drives through it.
        let wind_here = weather.wind_kmh * (1.0 - ground.shelter);
        let clothing =
            traits.clothing_c * ((25.0 - feels) / 15.0).clamp(0.0, 1.0) * (1.0 - 0.5 * (wind_here / 60.0).min(1.0));
        // Walking makes heat, less of it when tired; a starving body is 3 °C colder for it.
        let work = if walking { 10.0 } else { 0.0 } * (1.0 - 0.5 * v.fatigue);
        let effective = feels + clothing + work - if v.hunger_days >= 1.0 { 3.0 } else { 0.0 };
        // Dehydration drives the core up: about 0.2 °C for each % of body water lost past 2 %.
        let dry = 0.2 * (v.dehydration_pct() - 2.0).max(0.0);
        let target = core_target_c(effective, traits.heat_frailty) + dry;
        let tau_h = 4.0;
        v.core_c += (target - v.core_c) * dt_h / tau_h;

        let sleeping = resting.0 && clock.is_night();
        v.fatigue += if walking {
            0.05 * dt_h
        } else if sleeping {
            -0.12 * dt_h * if v.hunger_days >= 1.0 { 0.5 } else { 1.0 }
        } else {
            -0.06 * dt_h
        };
        v.fatigue = v.fatigue.clamp(0.0, 1.0);

        if feels < -25.0 && warmth == 0.0 {
            v.frost_hours += dt_h;
        } else if feels > 5.0 {
            // Frost-nipped skin mends slowly in the warm; sunburn fades out of the sun.
            v.frost_hours = (v.frost_hours - 0.1 * dt_h).max(0.0);
        }
        if weather.sun == 0.0 {
            v.uv_dose = (v.uv_dose - 0.5 * dt_h).max(0.0);
        }
        let terrain = ground.terrain;
        let glare = if terrain.props().snow || terrain == Terrain::SaltFlat { 1.8 } else { 1.0 };
        v.uv_dose += weather.sun * if resting.0 { 0.3 } else { 1.0 } * (1.0 + 0.11 * altitude_km) * glare * dt_h;
        if walking && matches!(terrain, Terrain::Sand | Terrain::Dune | Terrain::GravelPlain) && weather.air_c > 30.0 {
            v.hot_sand_hours += dt_h;
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(
        FixedUpdate,
        ((note_exertion, read_ground).chain().run_if(is_on_the_ground), expose_walkers)
            .chain()
            .in_set(SimSystems::Expose),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wind_chill_matches_the_nws_table() {
        // NWS metric table points (°C air, km/h wind → °C).
        for (t, v, expected) in [
            (-10.0, 20.0, -18.0),
            (-20.0, 30.0, -33.0),
            (-30.0, 50.0, -49.0),
            (0.0, 10.0, -3.0),
            (-40.0, 60.0, -64.0),
            (5.0, 5.0, 4.0),
        ] {
            let got = wind_chill_c(t, v);
            // The table is rounded to whole degrees.
            assert!((got - expected).abs() <= 0.5, "{t} °C, {v} km/h: {got:.2} vs {expected}");
        }
        assert_eq!(wind_chill_c(15.0, 40.0), 15.0, "not defined above 10 °C");
        assert_eq!(wind_chill_c(-10.0, 3.0), -10.0, "not defined in calm air");
    }

    #[test]
    fn heat_index_matches_the_noaa_table() {
        // NOAA table points in °F (air, humidity → heat index), converted.
        let f = |x: f32| (x - 32.0) * 5.0 / 9.0;
        for (t, rh, expected) in
            [(90.0, 50.0, 95.0), (100.0, 40.0, 109.0), (86.0, 90.0, 105.0), (96.0, 60.0, 116.0), (80.0, 40.0, 80.0)]
        {
            let got = heat_index_c(f(t), rh) * 9.0 / 5.0 + 32.0;
            assert!((got - expected).abs() <= 1.5, "{t} °F, {rh} %: {got:.1} °F vs {expected}");
        }
        // Dry desert air feels cooler than the thermometer says.
        assert!(heat_index_c(42.0, 12.0) < 42.0);
    }

    #[test]
    fn the_core_drifts_toward_what_the_cold_allows() {
        assert_eq!(core_target_c(20.0, 1.0), 37.0);
        assert!(core_target_c(-40.0, 1.0) < 28.0, "a night at −40 effective kills");
        assert!(core_target_c(5.0, 1.0) > 35.0, "by a fire in the taiga: cold but not hypothermic");
        assert!(core_target_c(50.0, 1.4) > core_target_c(50.0, 1.0), "heat is harder on the frail");
    }
}
