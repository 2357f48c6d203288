//! The autoplayer at a fork: what a careful player makes of each road, in days.

use crate::levels::{Level, Terrain, Water};
use crate::sim::rules::ice::chance_through_a_hour;

/// Km a group walks in a day on the march, about, on easy ground: what its water and wood
/// must last between supplies.
const KM_A_DAY: f32 = 25.0;
/// Bundles of wood a cold night takes (see `march::WOOD_FOR_A_NIGHT`).
const WOOD_A_NIGHT: f32 = 6.0;

/// What the autoplayer knows of the group and the season when it weighs a road.
pub(super) struct RoadSense {
    pub(super) water_l: f32,
    pub(super) wood: u32,
    pub(super) walkers: usize,
    /// The month's nights and days here, °C.
    pub(super) night_c: f32,
    pub(super) day_c: f32,
    /// The air now, °C: a hot day counts as one.
    pub(super) air_c: f32,
    pub(super) month: f32,
    /// Someone is weakened, cold to the core or worn out: exposure is feared.
    pub(super) weak: bool,
}

/// What a careful player makes of a road at a fork, in days: the days of walking it (its km
/// over the ground's going and the thin air); a dry stretch longer than the water carried
/// lasts (a day without water is borne); a cold road without wood longer than the wood
/// carried lasts; for a weak group, the days spent exposed (open ground in a deep cold or up
/// high); and lake ice after it has begun to rot.
pub(super) fn road_worth(level: &Level, n: usize, other: bool, sense: &RoadSense) -> f32 {
    let Some(route) = &level.route else { return 0.0 };
    let Some(f) = route.forks.get(n) else { return 0.0 };
    let Some((own, alt)) = route.fork_roads_km(n) else { return 0.0 };
    let start = route.km_to_point(f.from);
    let road = if other { route.with_other_road(n) } else { route.clone() };
    let (from, to) = (start, start + if other { alt } else { own });
    let stretches: Vec<(f32, Terrain, f32)> = {
        let ends: Vec<f32> = road.land.iter().skip(1).map(|s| s.0).chain(std::iter::once(f32::INFINITY)).collect();
        road.land
            .iter()
            .zip(ends)
            .filter_map(|(s, end)| {
                let km = end.min(to) - s.0.max(from);
                (km > 0.0).then_some((km, s.1, s.2))
            })
            .collect()
    };
    // Thin air slows the walk as rough ground does (`walk::altitude_walk_factor`).
    let days = stretches
        .iter()
        .map(|(km, t, alt)| km * t.props().move_cost / crate::sim::model::walk::altitude_walk_factor(*alt))
        .sum::<f32>()
        / KM_A_DAY;
    let winter = sense.day_c < 0.0;
    let wet =
        |t: Terrain| t.props().water != Water::None && t.props().water != Water::Salt || (winter && t.props().snow);
    let dry = road.longest_without(from, to, wet);
    let bare = road.longest_without(from, to, |t| crate::sim::rules::march::has_wood_along(t, level.biome));
    // A walker's day of water: 4 L in the cool, a litre more for every 5 °C of the day above
    // 15 °C (sweat losses of 0.5-1 L an hour on the move in the heat: Sawka et al., ACSM
    // position stand on fluid replacement, 2007); a day without any is borne.
    let heat = sense.day_c.max(sense.air_c);
    let litres_a_day = 4.0 + 0.2 * (heat - 15.0).max(0.0);
    let water_days = sense.water_l / (sense.walkers.max(1) as f32 * litres_a_day) + 1.0;
    let wood_days = sense.wood as f32 / WOOD_A_NIGHT;
    let mut worth = -days;
    if dry > water_days * KM_A_DAY {
        worth -= 6.0;
    }
    if sense.night_c < 0.0 && bare > (wood_days + 1.0) * KM_A_DAY {
        worth -= 4.0;
    }
    if sense.weak {
        let exposed = stretches
            .iter()
            .filter(|(_, t, alt)| t.props().shelter < 0.3 && (sense.night_c < -20.0 || *alt > 4000.0))
            .map(|(km, ..)| km)
            .sum::<f32>();
        worth -= exposed / KM_A_DAY;
    }
    // Rotten ice: a soaking is feared as the days it costs to get over it, the more the later.
    let on_ice = stretches.iter().filter(|(_, t, _)| *t == Terrain::ThinIce).map(|(km, ..)| km).sum::<f32>();
    let soakings = chance_through_a_hour(sense.month) * on_ice / (KM_A_DAY / 8.0) * sense.walkers as f32;
    worth -= 4.0 * soakings;
    worth
}
