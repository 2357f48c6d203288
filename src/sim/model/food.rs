//! Food: the share the leader sets, what walking, the cold and the height cost a body in
//! calories, and how far a body that goes short has starved. The numbers are the field
//! physiologists' (docs/research/survival.md, sections 1 and 2).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// One ration: a day's full share for one person, about a kilogram of dried bread, fat and
/// fish (rye rusks are about 3,300 kcal/kg, lard 9,000; a 1941 prisoner's hoard was mostly
/// bread).
pub const RATION_KCAL: f32 = 3000.0;

/// Km the group must move before the land round its camp is fresh: a day's foraging round
/// (hunter-gatherers range 5–10 km from camp before they move it; Kelly, The Foraging
/// Spectrum, 1995).
pub const FORAGE_ROUND_KM: f32 = 8.0;
/// Days a camp's foraging round gives its full yield: a round of 50–200 km² is barely
/// dented by a few days' snaring and digging.
pub const FORAGE_FRESH_DAYS: f32 = 3.0;
/// Days of staying on over which what the land round a camp gives then halves: the snares
/// empty as the hares nearby are taken, the game grows wary, the near stands are picked over
/// (an estimate; foragers move camp when returns fall, typically every few weeks).
pub const FORAGED_OUT_HALF_DAYS: f32 = 7.0;

/// Where the group has been foraging, and since when: a group that stays put eats the land
/// round it bare. Kept with the journey, so a resumed one forages as the original did.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Foraged {
    /// The place, in metres (the stage's map, or along its route on the march).
    pub at: Vec2,
    /// Game minutes when the group came to it.
    pub since_minutes: u64,
}

impl Foraged {
    /// The share of the land's usual yield left round the group at `at` (metres) at `now`;
    /// a group more than a foraging round from where it was starts afresh there.
    pub fn yield_at(&mut self, at: Vec2, now_minutes: u64) -> f32 {
        if self.at.distance(at) > FORAGE_ROUND_KM * 1000.0 || now_minutes < self.since_minutes {
            *self = Foraged { at, since_minutes: now_minutes };
        }
        let days = (now_minutes - self.since_minutes) as f32 / (24.0 * 60.0);
        0.5f32.powf((days - FORAGE_FRESH_DAYS).max(0.0) / FORAGED_OUT_HALF_DAYS)
    }
}

/// The share of a ration each person eats a day, as the leader sets it.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Rations {
    #[default]
    Full,
    Half,
    Quarter,
}

impl Rations {
    pub const ALL: [Rations; 3] = [Rations::Full, Rations::Half, Rations::Quarter];

    /// Rations a person eats a day.
    pub fn share(self) -> f32 {
        match self {
            Rations::Full => 1.0,
            Rations::Half => 0.5,
            Rations::Quarter => 0.25,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Rations::Full => "full rations",
            Rations::Half => "half rations",
            Rations::Quarter => "quarter rations",
        }
    }

    /// The next setting, from full down to quarter and round again.
    pub fn next(self) -> Rations {
        match self {
            Rations::Full => Rations::Half,
            Rations::Half => Rations::Quarter,
            Rations::Quarter => Rations::Full,
        }
    }
}

/// The reference walker of the load-carriage studies: 70 kg, with 15 kg of clothes, boots and
/// a share of the group's load.
pub const BODY_KG: f32 = 70.0;
pub const LOAD_KG: f32 = 15.0;

/// Pandolf, Givoni & Goldman (J Appl Physiol 43:577, 1977): watts spent standing and walking at
/// `speed_ms` with the reference load, over ground of terrain factor `eta` (1 a road, 1.2
/// gravel, 1.5 brush, 2 sand, 3.5 swamp) up a grade of `grade_pct`.
pub fn pandolf_watts(speed_ms: f32, eta: f32, grade_pct: f32) -> f32 {
    let (w, l) = (BODY_KG, LOAD_KG);
    1.5 * w + 2.0 * (w + l) * (l / w).powi(2) + eta * (w + l) * (1.5 * speed_ms.powi(2) + 0.35 * speed_ms * grade_pct)
}

/// Kcal an hour of a body not walking: sleep and camp work, about 1,700 kcal over 16 hours
/// (the cold-weather field measurements less the marching hours).
pub const REST_KCAL_PER_H: f32 = 1700.0 / 16.0;

/// What an hour costs a body, kcal: resting, or walking at `speed_kmh` over ground of terrain
/// factor `eta` up `grade_pct`; more when working in the cold (10–40 % more in cold-weather
/// operations, for the time spent working in it: IOM 1996) and up high (15–50 % more above
/// 3,000 m, USARIEM).
pub fn need_kcal_per_h(walking: Option<(f32, f32, f32)>, feels_like_c: f32, altitude_m: f32) -> f32 {
    let base = match walking {
        // Watts to kcal an hour: × 3600 / 4184.
        Some((speed_kmh, eta, grade)) => pandolf_watts(speed_kmh / 3.6, eta, grade) * 0.86,
        None => REST_KCAL_PER_H,
    };
    let cold = if walking.is_some() { ((10.0 - feels_like_c) / 100.0).clamp(0.0, 0.4) } else { 0.0 };
    let high = ((altitude_m - 3000.0) / 2500.0 * 0.35 + 0.15).clamp(0.0, 0.5) * f32::from(altitude_m > 3000.0);
    base * (1.0 + cold + high)
}

/// Kcal an hour a guest's lost weight comes back at their hosts' pot: eating to appetite at
/// rest, about 6,000 kcal a day against 2,400 spent (refeeding after the Minnesota fast took
/// 4,000–5,000 a day, Keys 1950).
pub const HOSTS_FEED_KCAL_PER_H: f32 = 150.0;

/// Kcal a body has gone short (the energy its own fat and muscle paid) at which a walker is
/// hungry: a day and more of a marcher's need.
pub const HUNGRY_KCAL: f32 = 4000.0;
/// Gone thin: about 5 kg lost (7,700 kcal a kg, Wishnofsky 1958), 7 % of the body. Strength
/// and cold tolerance start to go (Keys 1950: −21 % back strength, heavier clothes worn).
pub const THIN_KCAL: f32 = 40_000.0;
/// Starving: about 10 kg, 15 % of the body, near the "downhill" point of a fast.
pub const STARVING_KCAL: f32 = 80_000.0;
/// Dead of hunger: about 20 kg gone, 28 % of the body. Keys's men (1950) lost 24 % over six
/// months of half rations and lived; death becomes likely past about 30 % and near-certain at
/// 40 % (docs/research/survival.md, section 2). Counted as the body pays it
/// (`adapted_deficit`), a man with nothing to eat marching hard at 4,500 a day is dead in about
/// six weeks, a resting hunger striker at 2,000 in about three months (Peel, BMJ 1997: 46–73
/// days, faster than semi-starvation, with the protein gone too).
pub const STARVED_KCAL: f32 = 150_000.0;

/// How far hunger has gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Hunger {
    Fed,
    Hungry,
    Thin,
    Starving,
}

impl Hunger {
    pub fn of(short_kcal: f32) -> Hunger {
        if short_kcal >= STARVING_KCAL {
            Hunger::Starving
        } else if short_kcal >= THIN_KCAL {
            Hunger::Thin
        } else if short_kcal >= HUNGRY_KCAL {
            Hunger::Hungry
        } else {
            Hunger::Fed
        }
    }

    /// Degrees of warmth a hungry body no longer makes (Keys's men wore sweaters in July).
    pub fn chill_c(self) -> f32 {
        match self {
            Hunger::Fed => 0.0,
            Hunger::Hungry => 1.0,
            Hunger::Thin => 2.0,
            Hunger::Starving => 4.0,
        }
    }

    /// Share of a fit walker's strength left: Keys's men lost 21 % of their back strength at
    /// 25 % of their weight gone; thin is about 7 % gone, starving 15 %.
    pub fn strength(self) -> f32 {
        match self {
            Hunger::Fed | Hunger::Hungry => 1.0,
            Hunger::Thin => 0.95,
            Hunger::Starving => 0.85,
        }
    }

    /// Share of the night's mending of fatigue a body still does.
    pub fn mending(self) -> f32 {
        match self {
            Hunger::Fed => 1.0,
            Hunger::Hungry => 0.9,
            Hunger::Thin => 0.8,
            Hunger::Starving => 0.6,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walking_costs_what_pandolf_and_the_field_studies_say() {
        // The worked check: 70 kg, 15 kg load, 1.1 m/s on brush (1.5): about 345 W.
        let w = pandolf_watts(1.1, 1.5, 0.0);
        assert!((w - 345.0).abs() < 10.0, "{w}");
        // A cold day of eight hours on the march and sixteen in camp: the 4,250–4,900 kcal
        // the cold-weather field studies measured (doubly labelled water).
        let walk = need_kcal_per_h(Some((4.0, 1.5, 0.0)), -10.0, 500.0);
        let rest = need_kcal_per_h(None, -10.0, 500.0);
        let day = 8.0 * walk + 16.0 * rest;
        assert!((4000.0..=4900.0).contains(&day), "{day}");
        // Per km, a forced pace costs more than a steady one, and a slow one less.
        let per_km = |kmh: f32| need_kcal_per_h(Some((kmh, 1.5, 0.0)), 0.0, 500.0) / kmh;
        assert!(per_km(5.2) > per_km(4.0) && per_km(4.0) > per_km(3.0));
        // Up high the same day costs more.
        assert!(need_kcal_per_h(None, -10.0, 5000.0) > 1.4 * rest);
    }

    #[test]
    fn a_camp_that_stays_put_forages_its_land_bare() {
        const DAY: u64 = 24 * 60;
        let mut here = Foraged::default();
        let camp = Vec2::new(40_000.0, 12_000.0);
        // The first days give all the land has; a week past them, half; a month in, little.
        assert_eq!(here.yield_at(camp, 10 * DAY), 1.0);
        assert_eq!(here.yield_at(camp, 13 * DAY), 1.0);
        assert!((here.yield_at(camp, 20 * DAY) - 0.5).abs() < 1e-4);
        assert!(here.yield_at(camp + Vec2::splat(2000.0), 40 * DAY) < 0.15, "a short walk is the same round");
        // A day's march on, the land is fresh again.
        assert_eq!(here.yield_at(camp + Vec2::new(18_000.0, 0.0), 41 * DAY), 1.0);
    }

    #[test]
    fn hunger_goes_by_what_the_body_has_paid() {
        assert_eq!(Hunger::of(0.0), Hunger::Fed);
        assert_eq!(Hunger::of(5000.0), Hunger::Hungry);
        assert_eq!(Hunger::of(50_000.0), Hunger::Thin);
        assert_eq!(Hunger::of(90_000.0), Hunger::Starving);
        // Death between Keys's survivors' loss (24 % of 70 kg) and the 30 % past which it is
        // likely.
        const { assert!(STARVED_KCAL / 7700.0 > 0.24 * 70.0 && STARVED_KCAL / 7700.0 < 0.3 * 70.0) };
    }
}
