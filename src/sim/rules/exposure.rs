//! Exposure: what the weather, the ground and any fire make the air feel like to each walker,
//! and what that does to the body minute by minute: core temperature, fatigue, frostbite,
//! sunburn and hot sand. The models and their numbers are the real ones (NWS wind chill, NOAA
//! heat index, clinical hypothermia stages).

use bevy::prelude::*;

use crate::levels::Terrain;
use crate::sim::model::air::Weather;
use crate::sim::model::body::{Exertion, Traits, Vitals};
use crate::sim::model::clock::GameClock;
use crate::sim::model::gear::Gear;
use crate::sim::model::ground::Ground;
use crate::sim::model::group::{Pace, Resting};
use crate::sim::model::party::{Member, Position, Status};
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::supplies::Fire;
use crate::sim::world::{StageMap, shelter_at};
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
    // A fire's radiant heat on the side facing it, blown away as the wind rises (a fire
    // warms a lee, not a gale); it does not make a mild night hot: those beside it sit back
    // to where it is comfortable.
    let fire = fire_warmth_c * (1.0 - 0.7 * (wind / 50.0).min(1.0));
    let warmed = if fire > 0.0 { (feels + fire).min(feels.max(FIRE_COMFORT_C)) } else { feels };
    (warmed, heat)
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

/// Degrees a fire adds to the feels-like of someone sitting at it in still air: a camp fire
/// radiates a few kilowatts, some 300–400 W/m² on the side facing it at a metre and a half,
/// worth about 40 °C of air to a clothed sitter with a reflector of snow or logs behind.
pub const FIRE_WARMTH_C: f32 = 40.0;
/// The feels-like those at a fire sit back to, °C.
pub const FIRE_COMFORT_C: f32 = 20.0;

/// Degrees of shared body heat for those who lie close together at rest, three or more of
/// them within reach (an army's "buddy system" in the cold: a sleeping body gives off some
/// 80 W, much of it to a neighbour instead of the air).
pub const HUDDLE_C: f32 = 4.0;
pub const HUDDLE_TILES: f32 = 2.5;

/// Warmth of the burning fires at a position, in still air: strong beside one, falling off
/// with the square of the distance beyond the ring of sitters, nothing beyond a few tiles.
pub fn fire_warmth_c(fires: &[(Vec2, bool)], pos: Vec2) -> f32 {
    fires
        .iter()
        .filter(|(_, burning)| *burning)
        .map(|(p, _)| {
            // A ring of sitters two paces out all get the full heat.
            let d = p.distance(pos).max(2.0);
            if d > 5.0 { 0.0 } else { FIRE_WARMTH_C * (2.0 / d).powi(2) }
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
    pace: Res<Pace>,
    fires: Query<(&Position, &Fire)>,
    mut members: Query<(&Position, &Ground, &Traits, &Gear, &mut Exertion, &Status, &mut Vitals), With<Member>>,
) {
    let fires: Vec<(Vec2, bool)> = fires.iter().map(|(p, f)| (p.0, f.burning())).collect();
    let dt_h = clock.step_h();
    // Those at rest with the group lie close and share their warmth.
    let together: Vec<Vec2> = members.iter().filter(|(.., s, _)| **s == Status::Walking).map(|(p, ..)| p.0).collect();
    let altitude_km = level.0.climate.altitude_m / 1000.0;
    for (pos, ground, traits, gear, mut exertion, status, mut v) in &mut members {
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
        // Worn clothes keep out less.
        let clothing = traits.clothing_c
            * gear.insulation()
            * ((25.0 - feels) / 15.0).clamp(0.0, 1.0)
            * (1.0 - 0.5 * (wind_here / 60.0).min(1.0));
        // Walking makes heat, less of it when tired; a hungry body makes less of its own.
        let work = if walking { 10.0 } else { 0.0 } * (1.0 - 0.5 * v.fatigue);
        let huddled = resting.0 && together.iter().filter(|p| p.distance(pos.0) <= HUDDLE_TILES).count() >= 3;
        let shared = if huddled { HUDDLE_C } else { 0.0 };
        let effective = feels + clothing + work + shared - v.hunger().chill_c();
        // Dehydration drives the core up: about 0.2 °C for each % of body water lost past 2 %.
        let dry = 0.2 * (v.dehydration_pct() - 2.0).max(0.0);
        let target = core_target_c(effective, traits.heat_frailty) + dry;
        let tau_h = 4.0;
        v.core_c += (target - v.core_c) * dt_h / tau_h;

        let sleeping = resting.0 && clock.is_night();
        // A body too cold to sleep or too hungry to mend does not get its strength back.
        let mending = v.hunger().mending() * if v.conditions().hypothermia { 0.3 } else { 1.0 };
        v.fatigue += if walking {
            0.05 * pace.fatigue_factor() * dt_h
        } else if sleeping {
            -0.12 * dt_h * mending
        } else {
            -0.06 * dt_h * mending
        };
        v.fatigue = v.fatigue.clamp(0.0, 1.0);
        // Exhaustion kills only when it is not slept off: hours past collapse count up, and
        // every hour off the feet below it pays them back (a sleeping one twice).
        if v.fatigue >= 0.95 {
            v.spent_h += dt_h;
        } else if !walking {
            v.spent_h = (v.spent_h - if sleeping { 2.0 } else { 1.0 } * dt_h).max(0.0);
        }

        // Worn boots let the cold into the feet sooner.
        let frost_below = -25.0 + 5.0 * (gear.foot_risk() - 1.0);
        if feels < frost_below && warmth == 0.0 {
            v.frost_hours += dt_h * gear.foot_risk().min(2.0);
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
            v.hot_sand_hours += dt_h * gear.foot_risk();
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
