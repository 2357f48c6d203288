//! The autoplayer on the march: by night in the heat, a day's rest for the worn, the pace
//! for the weak, and a night on the ground when the cold and the land call for one.

use bevy::prelude::*;

use crate::levels::Level;
use crate::sim::journey::autoplay::Policy;
use crate::sim::model::air::Weather;
use crate::sim::model::body::Vitals;
use crate::sim::model::clock::GameClock;
use crate::sim::model::food::Rations;
use crate::sim::model::gear::Gear;
use crate::sim::model::group::{Encourage, Pace};
use crate::sim::model::march::{GoDown, March, MarchOrders};
use crate::sim::model::party::{Member, Status};
use crate::sim::model::pursuit::Pursuit;
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::supplies::{Supplies, WOOD_TO_LIGHT};
use crate::sim::model::walk::Odometer;
use crate::states::Stage;

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
    (policy, pursuit, odometer): (Res<Policy>, Res<Pursuit>, Res<Odometer>),
    mut rations: ResMut<Rations>,
    members: Query<(&Status, &Vitals, &Gear), With<Member>>,
    leader: Query<&Vitals, With<crate::sim::model::party::Leader>>,
    resting: Res<crate::sim::model::group::Resting>,
    mut hottest: Local<f32>,
) {
    let walkers: Vec<&Vitals> = members.iter().filter(|(s, ..)| **s == Status::Walking).map(|(_, v, _)| v).collect();
    let reckless = *policy == Policy::Reckless;
    // Walk by night where the days are hot: the month's climate says so, or the heat the
    // walkers feel on this land does (low desert under a high plateau's station).
    let hot_month = level.0.climate_in(clock.month_f()).day_temp_c > 22.0;
    // What the walkers felt on the way (not at a night's fire, where everyone feels warm),
    // weighed once a day before the day's walking: deciding hour by hour, the group would set
    // out by night and stop again an hour later.
    if !resting.0 {
        let felt = walkers.iter().map(|v| v.feels_like_c).fold(f32::MIN, f32::max);
        *hottest = hottest.max(felt);
    }
    if clock.just_reached(5) {
        if hot_month || *hottest > 28.0 {
            orders.by_night = true;
        } else if *hottest < 15.0 {
            orders.by_night = false;
        }
        *hottest = f32::MIN;
    }
    // A day's rest mends the tired, but not in a cold that kills the still: then walk on.
    let worn = walkers.iter().any(|v| v.fatigue > 0.8);
    let cold = walkers.iter().any(|v| v.conditions().hypothermia);
    let rested_yesterday = orders.rest_day.is_some_and(|d| d + 1 >= clock.day());
    // Nor with the skins low: a day without walking is a day without reaching water.
    let low = supplies.water_l < 0.5 * supplies.capacity_l;
    // Food: days it lasts at a full share for everyone walking.
    let eaters = walkers.len().max(1) as f32;
    let days_of_food = supplies.rations / eaters;
    let here = level.0.route.as_ref().map(|r| r.stretch_at(march.km).1);
    let land = here.map_or(0.0, |t| crate::sim::rules::hunger::forage_kcal(t, clock.month_f()));
    let chased = pursuit.is_on() && pursuit.gap_km(odometer.0) < 40.0;
    // A day to forage where the land gives, with the food nearly gone; a day to mend boots
    // falling apart where there is bark or hide.
    // Hungry lands ahead (a desert, a high plateau, with a stream now and then): stock up
    // first, while the land gives.
    let lean_ahead = level.0.route.as_ref().is_some_and(|r| {
        let ahead = (march.km, (march.km + LOOK_AHEAD_KM).min(r.length_km()));
        let ends = r.stretches_between(ahead.0, ahead.1).map(|s| s.0).skip(1).chain(std::iter::once(ahead.1));
        let (mut kcal, mut km) = (0.0, 0.0);
        for (s, end) in r.stretches_between(ahead.0, ahead.1).zip(ends) {
            let len = (end.min(ahead.1) - s.0.max(ahead.0)).max(0.0);
            kcal += len * crate::sim::rules::hunger::forage_kcal(s.1, clock.month_f());
            km += len;
        }
        km > 100.0 && kcal / km < LEAN_KCAL
    });
    let full_load = crate::sim::model::supplies::RATIONS_EACH * eaters;
    let stock_up = lean_ahead && supplies.rations < 0.8 * full_load;
    let hungry_land = (days_of_food < 2.0 || stock_up) && land >= 450.0;
    let ragged = members.iter().any(|(s, _, g)| *s == Status::Walking && g.boots < 0.3)
        && here.is_some_and(crate::sim::rules::gear::has_mending_stuff);
    let wants_rest = worn || hungry_land || ragged;
    if !reckless && wants_rest && !cold && !low && !chased && !rested_yesterday && clock.hour() < 8.0 {
        orders.rest_day = Some(clock.day());
    }
    // A careful leader eats full while the food lasts, stretches it at half as it runs low,
    // and at a quarter when it is nearly gone; the thin are fed back up while there is food.
    let thin = walkers.iter().any(|v| v.conditions().thin);
    *rations = if reckless || days_of_food >= 6.0 || (thin && days_of_food >= 3.0) {
        Rations::Full
    } else if days_of_food >= 3.0 {
        Rations::Half
    } else {
        Rations::Quarter
    };
    // Slow for the dried-out; not for the cold, whom walking warms.
    let weak = walkers.iter().any(|v| v.conditions().weakened);
    // With the skins empty, the next water is worth a forced march; so are the first days
    // with the guards close behind.
    let dry = supplies.water_l <= 0.0 && supplies.capacity_l > 0.0;
    *pace = if reckless || dry || chased {
        Pace::Forced
    } else if weak {
        Pace::Slow
    } else {
        Pace::Steady
    };
    // A word for whoever sits down, once an hour, while the leader has the strength for it.
    let leader_fresh = leader.single().is_ok_and(|v| v.fatigue < 0.75);
    if leader_fresh && members.iter().any(|(s, ..)| *s == Status::GivenUp) {
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

/// Km of the route ahead the autoplayer weighs for food, and the evening's forage below which
/// it calls the land ahead lean.
const LOOK_AHEAD_KM: f32 = 300.0;
const LEAN_KCAL: f32 = 400.0;

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
    let day = if c.weakened || c.thin || c.cold || v.fatigue > 0.6 { 1.0 } else { 0.0 };
    // The weight hunger took, eaten back at the hosts' pot.
    let fed = v.short_kcal / (crate::sim::model::food::HOSTS_FEED_KCAL_PER_H * 24.0);
    frost.max(skin).max(day).max(fed)
}

/// The days by which a careful leader wants a stage behind him: the Gobi by mid-July (day
/// 196 of 1941), before its worst heat (Dalanzadgad's July mean maximum is the year's top), and
/// the Tibetan plateau by mid-October (day 288), when the snow closes the passes (the abbot's
/// warning at Reting).
pub const DEADLINES: [(Stage, f32); 2] = [(Stage::Gobi, 196.0), (Stage::Himalaya, 288.0)];
/// Km a day the march makes, rest days and storms counted (about the balance table's mean).
pub const KM_A_DAY: f32 = 18.0;

/// Days to spare: the fewest, over the deadlines still ahead, of the days left before it less
/// those the way still to walk to it will take. Negative when the group is already late.
pub(super) fn slack_days(levels: &crate::levels::Levels, stage: Stage, march_km: f32, day: f32) -> f32 {
    let to_walk = |until: Stage| -> f32 {
        levels
            .stages
            .iter()
            .filter(|l| (stage.index()..=until.index()).contains(&l.stage.index()))
            .map(|l| if l.stage == stage { -march_km } else { 0.0 } + l.route.as_ref().map_or(0.0, |r| r.length_km()))
            .sum::<f32>()
            .max(0.0)
    };
    DEADLINES
        .iter()
        .filter(|(until, _)| until.index() >= stage.index())
        .map(|(until, by)| by - day - to_walk(*until) / KM_A_DAY)
        .fold(PAST_THE_DEADLINES, f32::min)
}

/// Slack after the last deadline: a stay costs the season no more.
const PAST_THE_DEADLINES: f32 = 30.0;

/// What a careful player makes of staying `days` as someone's guests, in walker-days: each day
/// of mending a walker gets (a frostbite healed, the weight hunger took eaten back) counts for
/// one; each day stayed costs every walker a little while there are days to spare, and more
/// than it mends once the stay eats into the season.
pub(super) fn stay_worth(days: u32, walkers: &[&Vitals], slack_days: f32) -> f32 {
    let days = days as f32;
    let mended: f32 = walkers.iter().map(|v| days.min(days_to_mend(v))).sum();
    let per_walker_day = if slack_days >= days { 0.3 } else { 1.5 };
    mended - per_walker_day * days * walkers.len() as f32
}
