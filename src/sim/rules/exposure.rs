//! Exposure and thirst: each walker's feels-like temperature, body temperature, body water,
//! fatigue and food, the conditions that follow, and death. The models and their numbers are
//! the real ones (NWS wind chill, NOAA heat index, clinical hypothermia stages, field water
//! guidance), run one minute at a time.

use bevy::prelude::*;

use crate::sim::SimSystems;
use crate::sim::camp::{Fire, Supplies};
use crate::sim::clock::GameClock;
use crate::sim::journey::CurrentLevel;
use crate::sim::movement::Resting;
use crate::sim::party::{Fate, FateRecord, Fates, Member, MemberId, Position, Status};
use crate::sim::state::Stage;
use crate::sim::weather::Weather;
use crate::sim::world::{StageMap, Terrain};

/// Water in an adult body, litres (60 % of 70 kg).
pub const BODY_WATER_L: f32 = 42.0;
/// Altitude lapse rate, °C per metre.
pub const LAPSE_C_PER_M: f32 = 0.0065;

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

/// What a person's body is doing.
#[derive(Component, Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Vitals {
    /// Core body temperature, °C.
    pub core_c: f32,
    /// Body water lost and not yet drunk back, litres.
    pub water_deficit_l: f32,
    /// 0 rested to 1 exhausted.
    pub fatigue: f32,
    /// Days gone without a ration.
    pub hunger_days: f32,
    /// Hours spent at a feels-like below −20 °C without a fire.
    pub frost_hours: f32,
    /// Sun taken, in full-sun hours weighted by altitude and glare.
    pub uv_dose: f32,
    /// Hours walked on hot sand.
    pub hot_sand_hours: f32,
    /// The feels-like temperature where they stand, °C (for the HUD and the morale system).
    pub feels_like_c: f32,
}

impl Default for Vitals {
    fn default() -> Self {
        Vitals {
            core_c: 37.0,
            water_deficit_l: 0.0,
            fatigue: 0.1,
            hunger_days: 0.0,
            frost_hours: 0.0,
            uv_dose: 0.0,
            hot_sand_hours: 0.0,
            feels_like_c: 10.0,
        }
    }
}

impl Vitals {
    /// Body water lost, % of body water.
    pub fn dehydration_pct(&self) -> f32 {
        self.water_deficit_l / BODY_WATER_L * 100.0
    }

    pub fn conditions(&self) -> Conditions {
        let d = self.dehydration_pct();
        Conditions {
            cold: self.core_c < 36.0,
            hypothermia: self.core_c < 35.0,
            severe_hypothermia: self.core_c < 32.0,
            frostbite: self.frost_hours >= 4.0,
            heat_exhaustion: self.core_c > 38.5,
            heatstroke: self.core_c > 40.0,
            sunburn: self.uv_dose >= 14.0,
            blisters: self.hot_sand_hours >= 6.0,
            thirsty: d >= 2.0,
            weakened: d >= 5.0,
            collapsed: d >= 10.0 || self.core_c < 30.0 || self.core_c > 41.0,
            exhausted: self.fatigue >= 0.95,
            hungry: self.hunger_days >= 1.0,
        }
    }

    /// How fast this body can walk, relative to a fit walker (0 cannot walk).
    pub fn walk_factor(&self) -> f32 {
        let c = self.conditions();
        if c.collapsed || c.exhausted {
            return 0.0;
        }
        let mut f = 1.0 - 0.4 * (self.fatigue - 0.6).max(0.0) / 0.35;
        if c.weakened {
            f *= 0.75;
        }
        if c.severe_hypothermia || c.heatstroke {
            f *= 0.5;
        } else if c.hypothermia || c.heat_exhaustion {
            f *= 0.8;
        }
        if c.blisters {
            f *= 0.8;
        }
        if c.frostbite {
            f *= 0.85;
        }
        f.clamp(0.0, 1.0)
    }

    /// What kills, if anything does now.
    pub fn fatal(&self) -> Option<&'static str> {
        if self.core_c <= 28.0 {
            Some("hypothermia")
        } else if self.core_c >= 42.0 {
            Some("heatstroke")
        } else if self.dehydration_pct() >= 15.0 {
            Some("dehydration")
        } else {
            None
        }
    }
}

/// The conditions a body is in, derived from its vitals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Conditions {
    pub cold: bool,
    pub hypothermia: bool,
    pub severe_hypothermia: bool,
    pub frostbite: bool,
    pub heat_exhaustion: bool,
    pub heatstroke: bool,
    pub sunburn: bool,
    pub blisters: bool,
    pub thirsty: bool,
    pub weakened: bool,
    pub collapsed: bool,
    pub exhausted: bool,
    pub hungry: bool,
}

/// The traits of STORY.md that the survival and cohesion systems use.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Traits {
    /// Insulation of what they wear, °C added to the feels-like in the cold.
    pub clothing_c: f32,
    /// Sweat multiplier in heat and how hard heat drives the core up (1 ordinary).
    pub heat_frailty: f32,
    /// Share of daylight sight left at night (Kazik's night blindness).
    pub night_sight: f32,
    /// Lifts the morale of those near (Voss the priest).
    pub steadies: bool,
    /// Lifts the morale of those near at rest (Tomasz's sketches).
    pub sketches: bool,
    /// Frightens those near (Valka's knife).
    pub frightens: bool,
    /// Counts rations: less food and water wasted (Zoran).
    pub counts_rations: bool,
    /// How readily encouragement reaches them (Smith is hard to move).
    pub movable: f32,
    /// Attachment to the group: with little of it, broken morale means leaving.
    pub loyalty: f32,
}

impl Traits {
    pub fn of(id: MemberId) -> Traits {
        let base = Traits {
            clothing_c: 25.0,
            heat_frailty: 1.0,
            night_sight: 1.0,
            steadies: false,
            sketches: false,
            frightens: false,
            counts_rations: false,
            movable: 1.0,
            loyalty: 0.8,
        };
        match id {
            MemberId::Janusz => Traits { loyalty: 1.0, ..base },
            MemberId::Smith => Traits { movable: 0.5, ..base },
            MemberId::Khabarov => base,
            MemberId::Valka => Traits { frightens: true, loyalty: 0.3, clothing_c: 28.0, ..base },
            MemberId::Tomasz => Traits { sketches: true, heat_frailty: 1.3, ..base },
            MemberId::Voss => Traits { steadies: true, ..base },
            MemberId::Kazik => Traits { night_sight: 0.3, ..base },
            MemberId::Zoran => Traits { counts_rations: true, ..base },
            MemberId::Irena => Traits { heat_frailty: 1.4, clothing_c: 21.0, ..base },
        }
    }
}

/// What the weather, the ground and any fire make the air feel like to someone, °C, and the
/// heat index part of it (for sweating).
/// `shaded`: resting under whatever shade the group can rig, which keeps most of the sun off.
pub fn feels_like(weather: &Weather, map: &StageMap, pos: Vec2, fire_warmth_c: f32, shaded: bool) -> (f32, f32) {
    let sun = weather.sun * if shaded { 0.3 } else { 1.0 };
    let props = map.terrain_at(pos).props();
    let tile = pos.floor().as_ivec2();
    let shelter = shelter_at(map, pos);
    let elevation = map.elevation[map.index(tile.as_uvec2())];
    // Shade and glare matter under the sun; at night the ground gives back less.
    let ground = props.temp_offset_c * (0.3 + 0.7 * sun);
    let air = weather.air_c + ground - LAPSE_C_PER_M * elevation;
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

/// Body water lost per hour, litres: a little always, sweat with heat and exertion.
pub fn water_loss_l_per_h(heat_c: f32, walking: bool, heat_frailty: f32) -> f32 {
    let heat_load = ((heat_c - 24.0) / 20.0).clamp(0.0, 1.5);
    let activity = if walking { 1.0 } else { 0.4 };
    0.05 + 0.6 * heat_load * activity * heat_frailty + if walking { 0.1 } else { 0.0 }
}

/// Whether a member is walking this minute (moving with the group), for exertion.
#[derive(Component, Debug, Clone, Copy, Default, PartialEq)]
pub struct Exertion {
    pub walking: bool,
    last: Vec2,
}

fn note_exertion(mut q: Query<(&Position, &mut Exertion)>) {
    for (pos, mut ex) in &mut q {
        ex.walking = pos.0.distance(ex.last) > 1e-4;
        ex.last = pos.0;
    }
}

/// Body temperature, water, fatigue and the slow harms of a minute in this weather.
fn expose_walkers(
    map: Option<Res<StageMap>>,
    level: Option<Res<CurrentLevel>>,
    weather: Res<Weather>,
    clock: Res<GameClock>,
    resting: Res<Resting>,
    fires: Query<(&Position, &Fire)>,
    mut members: Query<(&Position, &Traits, &Exertion, &Status, &mut Vitals), With<Member>>,
) {
    let (Some(map), Some(level)) = (map, level) else { return };
    let fires: Vec<(Vec2, bool)> = fires.iter().map(|(p, f)| (p.0, f.burning())).collect();
    let dt_h = 1.0 / 60.0;
    let altitude_km = level.0.climate.altitude_m / 1000.0;
    for (pos, traits, exertion, status, mut v) in &mut members {
        if *status == Status::Dead {
            continue;
        }
        let warmth = fire_warmth_c(&fires, pos.0);
        let (feels, heat) = feels_like(&weather, &map, pos.0, warmth, resting.0);
        v.feels_like_c = feels;
        let walking = exertion.walking;
        // Clothing insulates in the cold, less so as the wind drives through it.
        let wind_here = weather.wind_kmh * (1.0 - shelter_at(&map, pos.0));
        let clothing =
            traits.clothing_c * ((25.0 - feels) / 15.0).clamp(0.0, 1.0) * (1.0 - 0.5 * (wind_here / 60.0).min(1.0));
        // Walking makes heat; a tired, dry or starving body makes less of it.
        let work = if walking { 10.0 } else { 0.0 } * (1.0 - 0.5 * v.fatigue);
        let effective = feels + clothing + work - if v.hunger_days >= 1.0 { 3.0 } else { 0.0 };
        // Dehydration drives the core up: about 0.2 °C for each % of body water lost past 2 %.
        let dry = 0.2 * (v.dehydration_pct() - 2.0).max(0.0);
        let target = core_target_c(effective, traits.heat_frailty) + dry;
        let tau_h = 4.0;
        v.core_c += (target - v.core_c) * dt_h / tau_h;

        v.water_deficit_l += water_loss_l_per_h(heat, walking, traits.heat_frailty) * dt_h;

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
        let terrain = map.terrain_at(pos.0);
        let glare = if terrain.props().snow || terrain == Terrain::SaltFlat { 1.8 } else { 1.0 };
        v.uv_dose += weather.sun * if resting.0 { 0.3 } else { 1.0 } * (1.0 + 0.11 * altitude_km) * glare * dt_h;
        if walking && matches!(terrain, Terrain::Sand | Terrain::Dune | Terrain::GravelPlain) && weather.air_c > 30.0 {
            v.hot_sand_hours += dt_h;
        }
    }
}

/// People drink from the skins when thirsty, as much as is there.
/// The skins are with the group: those out of reach of it (strays, the lost, those who left)
/// drink nothing from them.
fn drink_from_skins(
    mut supplies: ResMut<Supplies>,
    leader: Query<&Position, With<crate::sim::party::Leader>>,
    mut members: Query<(&Member, &Status, &mut Vitals, &Position), Without<crate::sim::cohesion::Straying>>,
) {
    let Ok(lead) = leader.single() else { return };
    let lead = lead.0;
    let mut waste = 1.0;
    if supplies.counted {
        waste = 0.9;
    }
    // The thirstiest drink first, so that scarce water is shared where it is needed.
    let mut order: Vec<_> = members.iter_mut().collect();
    order.sort_by(|a, b| b.2.water_deficit_l.total_cmp(&a.2.water_deficit_l).then(a.0.0.cmp(&b.0.0)));
    for (_, status, mut v, pos) in order {
        let with_group = matches!(status, Status::Walking | Status::GivenUp) && pos.0.distance(lead) <= 8.0;
        if !with_group || v.water_deficit_l < 0.5 || supplies.water_l <= 0.0 {
            continue;
        }
        // A few mouthfuls a minute at most.
        let sip = v.water_deficit_l.min(0.05).min(supplies.water_l / (2.0 - waste));
        v.water_deficit_l -= sip;
        supplies.water_l -= sip * (2.0 - waste);
    }
}

/// Rations are shared out at dawn, one a person a day.
fn eat_rations(
    clock: Res<GameClock>,
    mut supplies: ResMut<Supplies>,
    mut members: Query<(&Status, &Traits, &mut Vitals), With<Member>>,
) {
    if clock.minutes % crate::sim::clock::MINUTES_PER_DAY != 7 * 60 {
        return;
    }
    // Valka always comes back with something: stolen, snared or bartered.
    let foragers = members.iter().filter(|(s, t, _)| **s == Status::Walking && t.frightens).count();
    supplies.rations += 1.5 * foragers as f32;
    let share = if supplies.counted { 0.9 } else { 1.0 };
    for (status, _, mut v) in &mut members {
        if !matches!(status, Status::Walking | Status::GivenUp) {
            continue;
        }
        if supplies.rations >= share {
            supplies.rations -= share;
            v.hunger_days = 0.0;
        } else {
            v.hunger_days += 1.0;
        }
    }
}

/// A death: recorded with its cause; the body stays where it fell.
#[derive(Message, Debug, Clone, Copy)]
pub struct Died {
    pub member: MemberId,
    pub cause: &'static str,
}

fn settle_deaths(
    stage: Res<State<Stage>>,
    clock: Res<GameClock>,
    mut fates: ResMut<Fates>,
    mut died: MessageWriter<Died>,
    mut members: Query<(&Member, &Vitals, &mut Status)>,
) {
    for (member, v, mut status) in &mut members {
        if matches!(*status, Status::Dead | Status::Lost | Status::Departed) {
            continue;
        }
        if let Some(cause) = v.fatal() {
            *status = Status::Dead;
            fates.0.push(FateRecord {
                member: member.0,
                fate: Fate::Died,
                stage: *stage.get(),
                day: clock.day(),
                cause: cause.into(),
            });
            died.write(Died { member: member.0, cause });
            info!("{} died of {cause} on day {}", member.0.name(), clock.day());
        }
    }
}

/// New members get their traits, and a body unless they come with one (a resumed journey).
fn give_bodies(mut commands: Commands, members: Query<(Entity, &Member, Has<Vitals>), Without<Traits>>) {
    for (e, m, has_body) in &members {
        commands.entity(e).insert((Traits::of(m.0), Exertion::default()));
        if !has_body {
            commands.entity(e).insert(Vitals::default());
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_message::<Died>();
    app.add_systems(FixedUpdate, give_bodies.in_set(SimSystems::Clock));
    app.add_systems(
        FixedUpdate,
        (note_exertion, expose_walkers, drink_from_skins, eat_rations, settle_deaths)
            .chain()
            .in_set(SimSystems::Survive),
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

    #[test]
    fn water_loss_follows_field_guidance() {
        // US Army: 0.5–1.5 L an hour working in desert sun; far less at rest at night.
        let walking_in_sun = water_loss_l_per_h(45.0, true, 1.0);
        assert!((0.5..=1.5).contains(&walking_in_sun), "{walking_in_sun}");
        let resting_at_night = water_loss_l_per_h(8.0, false, 1.0);
        assert!(resting_at_night < 0.1, "{resting_at_night}");
        assert!(water_loss_l_per_h(45.0, true, 1.4) > walking_in_sun);
    }

    #[test]
    fn dehydration_stages_are_the_clinical_ones() {
        let at = |pct: f32| Vitals { water_deficit_l: BODY_WATER_L * pct / 100.0, ..Vitals::default() };
        assert!(!at(1.5).conditions().thirsty);
        assert!(at(2.5).conditions().thirsty);
        assert!(at(5.5).conditions().weakened && at(5.5).walk_factor() < 1.0);
        assert!(at(10.5).conditions().collapsed && at(10.5).walk_factor() == 0.0);
        assert_eq!(at(15.1).fatal(), Some("dehydration"));
        assert_eq!(Vitals { core_c: 27.9, ..Vitals::default() }.fatal(), Some("hypothermia"));
        assert!(Vitals { core_c: 34.5, ..Vitals::default() }.conditions().hypothermia);
        assert!(Vitals { core_c: 31.5, ..Vitals::default() }.conditions().severe_hypothermia);
        assert!(Vitals { core_c: 40.5, ..Vitals::default() }.conditions().heatstroke);
    }
}
