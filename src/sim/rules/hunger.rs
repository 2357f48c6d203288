//! Hunger: every hour a body spends what its walking, the cold and the height cost (Pandolf's
//! load-carriage equation); once a day it eats the share of a ration the leader has set; what
//! it went short it pays from its own fat and muscle, and a body that has paid too much
//! starves. Each evening those who can still walk look for food on the land they stand on.

use bevy::prelude::*;
use rand::Rng;

use crate::levels::Terrain;
use crate::sim::SimSystems;
use crate::sim::is_marching;
use crate::sim::model::body::{Exertion, Traits, Vitals};
use crate::sim::model::clock::GameClock;
use crate::sim::model::food::{Foraged, HOSTS_FEED_KCAL_PER_H, RATION_KCAL, Rations, STARVING_KCAL, need_kcal_per_h};
use crate::sim::model::ground::Ground;
use crate::sim::model::group::{Pace, Straying};
use crate::sim::model::hardship::Difficulty;
use crate::sim::model::march::{March, MarchOrders};
use crate::sim::model::party::{Leader, Member, News, Position, Status, WALK_KMH};
use crate::sim::model::seed::SimRng;
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::supplies::{RATIONS_EACH, Supplies};

/// Kcal one walker finds in an evening's search of this land in this month (a third of what a
/// whole day's search gives). The research (docs/research/survival.md, section 3) puts late-
/// winter taiga at 50–300 kcal a person-day for the unskilled, ice fishing with a hand line at
/// 0–1,200, the spring steppe (marmots out of their burrows) at 200–800, the Gobi at 0–150,
/// and a bowl of charity at 600–1,500. A group that forages every evening for a year learns
/// the land: these are the top of those ranges and a little over (a game's tuning, so that a
/// careful group lives through the year hungry rather than dies in the first winter; the
/// balance table in docs/balance.txt shows what they come to).
pub fn forage_kcal(terrain: Terrain, month: f32) -> f32 {
    use Terrain::*;
    // April to September: the land is green and the marmots are out.
    let summer = (4.0..10.0).contains(&month);
    match terrain {
        t if hosts_there(t) => 1800.0,
        Stream | FrozenStream | ShoreIce | Shingle | River => 1100.0,
        t if t.wooded() => {
            if summer {
                1500.0
            } else {
                800.0
            }
        }
        Grass | DryGrass | Hill => {
            if summer {
                1200.0
            } else {
                250.0
            }
        }
        // Tibet's high gravel steppe: pikas by the million and marmots in summer, kiang and
        // wild yak to stalk; little but pika burrows to dig once the snow lies.
        Gravel => {
            if summer {
                600.0
            } else {
                150.0
            }
        }
        Sand | Dune | GravelPlain | DryRiverbed | SaltFlat => 150.0,
        _ => 80.0,
    }
}

/// Ground where people live, whose food is charity or trade rather than the land's.
fn hosts_there(terrain: Terrain) -> bool {
    use Terrain::*;
    matches!(terrain, Village | Field | Yurt | House | Courtyard | Terrace)
}

/// Rations a big kill gives: a red deer or an elk calf, or the carcass the wolves were driven
/// off, about 90 kg of meat and fat at 1,000 kcal a kilogram.
pub const BIG_GAME_RATIONS: f32 = 30.0;
/// The chance of one in an evening's hunting where there is game (woods, steppe, reeds); three
/// times it over a rest day's.
pub const BIG_GAME_CHANCE: f32 = 0.05;

/// Km of the day's way back over which the march's foragers range.
pub const FORAGE_RANGE_KM: f32 = 10.0;

/// Kcal Valka's snares and knife bring in a night where there is game to snare: a hare is
/// 1,000–1,500, and a practised line takes one most nights.
pub const SNARES_KCAL: f32 = 1200.0;

/// Grams of body a day of this deficit costs, as a share of the deficit: the first weeks lose
/// it whole; a starving body slows its burning and the loss halves (Keys 1950: BMR −40 %; the
/// 7,700 kcal/kg rule overstates long loss about twofold, Thomas et al. 2014).
pub fn adapted_deficit(deficit_kcal: f32, short_kcal: f32) -> f32 {
    deficit_kcal * (1.0 - 0.5 * (short_kcal / STARVING_KCAL).min(1.0))
}

/// What this hour (or minute) cost each body.
fn spend_energy(
    clock: Res<GameClock>,
    level: Res<CurrentLevel>,
    pace: Res<Pace>,
    march: Res<March>,
    scale: Option<Res<State<crate::states::Scale>>>,
    mut members: Query<(&Status, &Exertion, &Ground, &mut Vitals)>,
) {
    let dt_h = clock.step_h();
    let hosted = march.is_hosted(clock.minutes);
    let marching = is_marching(scale);
    // The route's climb on the march, as a grade in %; a scene's ground is taken as level.
    let grade = match (&level.0.route, marching) {
        (Some(route), true) => route.rise_at(march.km).max(0.0) / 10.0,
        _ => 0.0,
    };
    for (status, exertion, ground, mut v) in &mut members {
        if matches!(status, Status::Dead | Status::Lost | Status::Departed) {
            continue;
        }
        let altitude = level.0.climate.altitude_m + ground.elevation_m;
        // The speed actually walked: the pace, held down by the body and by the ground (the
        // ground's cost is Pandolf's terrain factor too: snow, brush and sand are both slower
        // and harder).
        let walking = exertion.walking.then(|| {
            let cost = ground.terrain.props().move_cost;
            (WALK_KMH * pace.speed() * v.walk_factor() / cost.max(0.8), cost.clamp(1.0, 3.5), grade)
        });
        let need = need_kcal_per_h(walking, v.feels_like_c, altitude) * dt_h;
        if hosted {
            // Guests eat at their hosts' pot: their fill and more, so the thin fill out again.
            v.short_kcal = (v.short_kcal - HOSTS_FEED_KCAL_PER_H * dt_h).max(0.0);
        } else {
            v.short_kcal += adapted_deficit(need, v.short_kcal);
        }
    }
}

/// Rations are shared out at 07:00, an hour after dawn: the share the leader set, alike for
/// everyone in the group; when there is not enough, what there is goes round equally.
fn eat_rations(
    clock: Res<GameClock>,
    rations: Res<Rations>,
    march: Res<March>,
    mut supplies: ResMut<Supplies>,
    mut members: Query<(&Status, &mut Vitals), Without<Straying>>,
) {
    if !clock.just_reached(7) || march.is_hosted(clock.minutes) {
        return;
    }
    let eaters: Vec<_> = members.iter_mut().filter(|(s, _)| matches!(s, Status::Walking | Status::GivenUp)).collect();
    if eaters.is_empty() {
        return;
    }
    // Counted out by Zoran, a share goes further: less dropped, spoiled and pinched.
    let per_share = if supplies.counted { 0.9 } else { 1.0 };
    let wanted = eaters.len() as f32 * rations.share() * per_share;
    let eaten = wanted.min(supplies.rations);
    supplies.rations -= eaten;
    let kcal = eaten / per_share / eaters.len() as f32 * RATION_KCAL;
    for (_, mut v) in eaters {
        v.short_kcal = (v.short_kcal - kcal).max(0.0);
    }
}

/// At dusk (and through a rest day) those who can still walk look for food on the ground they
/// stand on; Valka sets his snares.
fn forage(
    clock: Res<GameClock>,
    level: Res<CurrentLevel>,
    scale: Option<Res<State<crate::states::Scale>>>,
    march: Res<March>,
    orders: Res<MarchOrders>,
    mut rng: ResMut<SimRng>,
    difficulty: Res<Difficulty>,
    mut supplies: ResMut<Supplies>,
    mut foraged: ResMut<Foraged>,
    mut news: MessageWriter<News>,
    leader: Query<&Position, With<Leader>>,
    mut members: Query<(&Member, &Status, &Traits, &mut Vitals, &Ground), Without<Straying>>,
) {
    let evening = clock.just_reached(19);
    let rest_day = clock.just_reached(12) && orders.rest_day == Some(clock.day());
    if !(evening || rest_day) || march.is_hosted(clock.minutes) {
        return;
    }
    // A rest day's search is a whole day's: three evenings' worth.
    let hours = if rest_day { 3.0 } else { 1.0 };
    let month = clock.month_f();
    let marching = is_marching(scale);
    // Where the camp is, in metres: along the route on the march, on the map in a scene.
    let at = match (marching, leader.single()) {
        (true, _) => Vec2::new(march.km * 1000.0, 0.0),
        (false, Ok(p)) => p.0 * level.0.tile_m,
        (false, Err(_)) => foraged.at,
    };
    let left = foraged.yield_at(at, clock.minutes);
    // On the march the foragers range back over the day's way: the stream or the village
    // passed this afternoon is as good as the gravel the camp stands on.
    let along = match (&level.0.route, marching) {
        (Some(route), true) => route
            .stretches_between((march.km - FORAGE_RANGE_KM).max(0.0), march.km + 0.01)
            .map(|s| s.1)
            .max_by(|a, b| forage_kcal(*a, month).total_cmp(&forage_kcal(*b, month))),
        _ => None,
    };
    let mut found = 0.0;
    let mut game_land = false;
    let mut order: Vec<_> = members.iter().collect();
    order.sort_by_key(|(m, ..)| m.0);
    for (_, status, traits, v, ground) in order {
        if *status != Status::Walking || v.walk_factor() <= 0.0 {
            continue;
        }
        let terrain =
            along.filter(|t| forage_kcal(*t, month) > forage_kcal(ground.terrain, month)).unwrap_or(ground.terrain);
        let land = forage_kcal(terrain, month);
        // What people give (a village's, a camp's, a monastery's charity) does not run out
        // as the wild land's game and roots do.
        let left = if hosts_there(terrain) { 1.0 } else { left };
        game_land |= terrain.wooded() || matches!(terrain, Terrain::Grass | Terrain::DryGrass | Terrain::Hill);
        // Some evenings give nothing, some twice the usual.
        found += land * left * hours * rng.0.random_range(0.0..2.0);
        if traits.forages && land >= 120.0 {
            found += SNARES_KCAL * left * hours.min(2.0) * rng.0.random_range(0.5..1.5);
        }
    }
    let share = difficulty.forage_share();
    let mut rations = found / RATION_KCAL * share;
    if game_land && rng.0.random::<f32>() < BIG_GAME_CHANCE * left * hours * share {
        rations += BIG_GAME_RATIONS;
        news.write(News("A kill: there is meat for everyone tonight, and to carry.".into()));
    } else if rest_day && rations >= 0.5 {
        news.write(News(format!("A day's foraging brought in {rations:.1} rations.")));
    }
    supplies.rations += rations;
    // What nobody can carry is eaten tonight: a feast after a kill.
    let eaters: Vec<_> =
        members.iter_mut().filter(|(_, s, ..)| matches!(**s, Status::Walking | Status::GivenUp)).collect();
    let carried = eaters.len() as f32 * RATIONS_EACH;
    if supplies.rations > carried && !eaters.is_empty() {
        let kcal = (supplies.rations - carried) * RATION_KCAL / eaters.len() as f32;
        supplies.rations = carried;
        for (.., mut v, _) in eaters {
            v.short_kcal = (v.short_kcal - kcal).max(0.0);
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Rations>().init_resource::<Foraged>();
    app.add_systems(FixedUpdate, (spend_energy, eat_rations, forage).chain().in_set(SimSystems::Eat));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_starving_body_burns_itself_more_slowly() {
        assert_eq!(adapted_deficit(3000.0, 0.0), 3000.0);
        assert_eq!(adapted_deficit(3000.0, STARVING_KCAL), 1500.0);
        // The land gives more in summer and by water than in the winter forest.
        assert!(forage_kcal(Terrain::SpruceForest, 7.0) > forage_kcal(Terrain::SpruceForest, 2.0));
        assert!(forage_kcal(Terrain::Sand, 7.0) <= 150.0, "the Gobi gives 0–150 at most");
    }
}
