//! The autoplayer on the march: by night in the heat, a day's rest for the worn, the pace
//! for the weak, and a night on the ground when the cold and the land call for one.

use bevy::prelude::*;

use crate::levels::Level;
use crate::sim::journey::autoplay::Policy;
use crate::sim::model::air::Weather;
use crate::sim::model::body::Vitals;
use crate::sim::model::clock::GameClock;
use crate::sim::model::group::{Encourage, Pace};
use crate::sim::model::march::{GoDown, March, MarchOrders};
use crate::sim::model::party::{Member, Status};
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::supplies::{Supplies, WOOD_TO_LIGHT};

/// On the march: walk by night where the days are hot, rest a day when someone is worn out,
/// ease the pace for the weak, and give a word to whoever sits down.
pub(super) fn steer_the_march(
    level: Res<CurrentLevel>,
    clock: Res<GameClock>,
    (march, weather, levels): (Res<March>, Res<Weather>, Res<crate::levels::Levels>),
    mut down: MessageWriter<GoDown>,
    mut orders: ResMut<MarchOrders>,
    mut pace: ResMut<Pace>,
    supplies: Res<Supplies>,
    mut encourage: MessageWriter<Encourage>,
    policy: Res<Policy>,
    members: Query<(&Status, &Vitals), With<Member>>,
) {
    let reckless = *policy == Policy::Reckless;
    let walkers: Vec<&Vitals> = members.iter().filter(|(s, ..)| **s == Status::Walking).map(|(_, v)| v).collect();
    // Walk by night where the days are hot: the month's climate says so, or the heat the
    // walkers feel on this land does (low desert under a high plateau's station).
    let hot_month = level.0.climate_in(clock.month_f()).day_temp_c > 22.0;
    let felt = walkers.iter().map(|v| v.feels_like_c).fold(f32::MIN, f32::max);
    if hot_month || felt > 28.0 {
        orders.by_night = true;
    } else if felt < 15.0 && !hot_month {
        orders.by_night = false;
    }
    // A day's rest mends the tired, but not in a cold that kills the still: then walk on.
    let worn = walkers.iter().any(|v| v.fatigue > 0.8);
    let cold = walkers.iter().any(|v| v.conditions().hypothermia);
    let rested_yesterday = orders.rest_day.is_some_and(|d| d + 1 >= clock.day());
    // Nor with the skins low: a day without walking is a day without reaching water.
    let low = supplies.water_l < 0.5 * supplies.capacity_l;
    if !reckless && worn && !cold && !low && !rested_yesterday && clock.hour() < 8.0 {
        orders.rest_day = Some(clock.day());
    }
    let weak = walkers.iter().any(|v| v.conditions().weakened || v.conditions().hypothermia);
    // With the skins empty, the next water is worth a forced march.
    let dry = supplies.water_l <= 0.0 && supplies.capacity_l > 0.0;
    *pace = if reckless || dry {
        Pace::Forced
    } else if weak {
        Pace::Slow
    } else {
        Pace::Steady
    };
    if members.iter().any(|(s, ..)| *s == Status::GivenUp) {
        encourage.write(Encourage);
    }
    // Toward dusk, with a bitter night coming, too little wood for it, and no wood along this
    // land, the group goes down onto the ground to look for some and camp there.
    // The night's cold: the month's nights here, or the air now if it is colder still.
    let night_c = level.0.climate_in(clock.month_f()).night_temp_c.min(weather.air_c);
    if clock.just_reached(NIGHT_CAMP_DECIDED_AT)
        && !reckless
        && needs_a_night_on_the_ground(&levels, &level.0, &march, night_c, &supplies)
    {
        down.write(GoDown);
    }
}

/// The hour the autoplayer decides where the night is spent: as the day's walking ends.
const NIGHT_CAMP_DECIDED_AT: u64 = 17;
/// Below this air temperature a night without a fire is one to fear.
const BITTER_NIGHT_C: f32 = -15.0;
/// Bundles of wood for a night: to light a fire and keep it through fourteen hours.
const WOOD_FOR_A_NIGHT: u32 = WOOD_TO_LIGHT + 4;

/// Dead wood on at least one tile in this many of the ground's: enough to be worth looking for.
const WOODED_GROUND: f32 = 1.0 / 35.0;

/// Whether tonight should be spent on the ground rather than at the march's camp: a bitter
/// night, too little wood carried, none along the route here, and ground around that is known
/// to have some (the land of that kind has wood: the bare passes and plateaus do not).
fn needs_a_night_on_the_ground(
    levels: &crate::levels::Levels,
    level: &Level,
    march: &March,
    night_c: f32,
    supplies: &Supplies,
) -> bool {
    let Some(route) = &level.route else { return false };
    let here = route.stretch_at(march.km);
    let ground = crate::sim::journey::off_the_route::ground_level(levels, level, march.km);
    night_c < BITTER_NIGHT_C
        && supplies.wood < WOOD_FOR_A_NIGHT
        && !crate::sim::rules::march::has_wood_along(here.1, level.biome)
        && ground.generation.firewood >= WOODED_GROUND
}

/// Days a body needs under a roof to mend what the journey has done to it, by the body rules'
/// own rates: frost-nipped skin heals 0.1 h of its frost hours an hour in the warm (a
/// frostbite is 4 h of them), burnt skin a day or two, and a day puts right thirst, hunger and
/// a core gone cold.
fn days_to_mend(v: &Vitals) -> f32 {
    let c = v.conditions();
    let frost = if c.frostbite { (v.frost_hours - 4.0 + 1.0) / 2.4 } else { 0.0 };
    let skin = if c.sunburn || c.blisters { 2.0 } else { 0.0 };
    let day = if c.weakened || c.hungry || c.cold || v.fatigue > 0.6 { 1.0 } else { 0.0 };
    frost.max(skin).max(day)
}

/// What a careful player makes of staying `days` as someone's guests, in days as roads are
/// weighed: each day of mending a walker gets counts for one; each day stayed is a day later
/// on the road, and from October, with the passes ahead closing, a day and a half.
pub(super) fn stay_worth(days: u32, walkers: &[&Vitals], month: f32) -> f32 {
    let days = days as f32;
    let mended: f32 = walkers.iter().map(|v| days.min(days_to_mend(v))).sum();
    let cost = if month >= 10.0 { 1.5 } else { 1.0 } * days;
    mended - 0.5 * cost
}
