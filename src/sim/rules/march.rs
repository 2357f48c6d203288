//! The march: the group walks the stage's real route hour by hour, at the player's pace, by
//! day or (in the heat) by night; it camps when it stops, gathers wood where the land has it,
//! fills the skins where the land has water, and waits for whoever cannot go on. The other
//! rules (exposure, thirst, hunger, cohesion) run on the march as in a scene, on the ground
//! this rule reads off the land along the route.

use bevy::prelude::*;

use crate::levels::{Biome, Terrain, Water, WeatherKind};
use crate::sim::model::air::Weather;
use crate::sim::model::body::{Exertion, Vitals};
use crate::sim::model::hardship::Difficulty;

use crate::sim::model::clock::GameClock;
use crate::sim::model::gear::Gear;
use crate::sim::model::ground::Ground;
use crate::sim::model::group::{Halt, Pace, Resting, Straying};
use crate::sim::model::march::{March, MarchOrders, WAIT_FOR_THE_FALLEN_H, walks_at};
use crate::sim::model::party::{Fate, Fates, Leader, Member, MemberId, News, Position, Status, WALK_KMH};
use crate::sim::model::seed::SimRng;
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::supplies::{Fire, MAX_WOOD, Supplies, WOOD_TO_LIGHT, WoodRun};
use crate::sim::model::walk::{Odometer, altitude_walk_factor, climb_h_per_km};
use crate::sim::{SimSystems, is_marching};
use crate::states::Stage;
use rand::Rng;

/// Share of the wind kept off by the trees a march's camp is pitched among (a birch wood's).
const LEE_OF_TREES: f32 = 0.5;
/// Share of the wind kept off by what a camp on open ground is pitched behind: a boulder, a
/// cut bank, a wall of stones or snow blocks thrown up at dusk (the herders' and the
/// mountaineers' sangar: about a third of the wind's chill, and a fire's flame, kept off).
const WINDBREAK: f32 = 0.3;

/// Below this air temperature a resting group lights a fire if it has the wood.
const FIRE_BELOW_C: f32 = 12.0;

/// Whether the land along a stretch gives firewood to those walking it: wooded ground, and in
/// the forest stages the rivers and shores too, which run between wooded banks.
pub fn has_wood_along(terrain: Terrain, biome: Biome) -> bool {
    let banks = matches!(terrain, Terrain::FrozenStream | Terrain::Stream | Terrain::ShoreIce | Terrain::Shingle);
    terrain.wooded() || (banks && matches!(biome, Biome::Camp | Biome::Taiga | Biome::Lakeshore | Biome::Steppe))
}

/// Whether the land along a stretch gives something to burn: wood, or where there are no trees
/// the dried dung of the herds (argol, which the Mongols and Tibetans burn: about 15 MJ/kg, as
/// much as dry wood) on the grazing and by the water, and saxaul scrub along the Gobi's dry
/// riverbeds.
pub fn has_fuel_along(terrain: Terrain, biome: Biome) -> bool {
    let grazing =
        matches!(terrain, Terrain::Grass | Terrain::DryGrass | Terrain::Hill | Terrain::Stream | Terrain::Terrace);
    let scrub = matches!(terrain, Terrain::DryRiverbed | Terrain::Stream);
    // Tibet's high gravel pastures and the caravan road up the Hexi corridor are grazed by yak,
    // kiang and camels: the nomads there cook on nothing else.
    let high_pasture = matches!(terrain, Terrain::Gravel | Terrain::GravelPlain);
    has_wood_along(terrain, biome)
        || (grazing && matches!(biome, Biome::Steppe | Biome::Mountains | Biome::Foothills))
        || (high_pasture && biome == Biome::Mountains)
        || (scrub && biome == Biome::Desert)
}

/// How fast the group walks, km/h: at the pace ordered, held to its slowest walker, over the
/// land underfoot, in the air of its height and up the route's climb (m per km).
pub fn march_speed_kmh(
    pace: Pace,
    slowest_walk_factor: f32,
    move_cost: f32,
    altitude_m: f32,
    rise_m_per_km: f32,
) -> f32 {
    let strength = pace.speed() * slowest_walk_factor * altitude_walk_factor(altitude_m);
    if strength <= 0.0 {
        return 0.0;
    }
    // Hours a fit walker takes over a km of this ground and this climb, for this group.
    let h_per_km = (move_cost.max(0.5) / WALK_KMH + climb_h_per_km(rise_m_per_km)) / strength;
    1.0 / h_per_km
}

/// The group's hour on the march: the ground each walker stands on, whether they walk, and the
/// km they cover.
fn march_on(
    clock: Res<GameClock>,
    level: Res<CurrentLevel>,
    stage: Res<State<Stage>>,
    pace: Res<Pace>,
    orders: Res<MarchOrders>,
    halt: Res<Halt>,
    mut march: ResMut<March>,
    weather: Res<Weather>,
    difficulty: Res<Difficulty>,
    mut resting: ResMut<Resting>,
    mut odometer: ResMut<Odometer>,
    mut supplies: ResMut<Supplies>,
    mut fates: ResMut<Fates>,
    mut members: Query<
        (&Member, &mut Status, &mut Vitals, &mut Exertion, &mut Ground, Has<Straying>, Has<WoodRun>, &Gear),
        With<Member>,
    >,
    mut news: MessageWriter<News>,
) {
    let Some(route) = &level.0.route else { return };
    let stretch = route.stretch_at(march.km);
    let props = stretch.1.props();
    // Below the scene's ground the air is warmer, above it colder (the lapse rate).
    let elevation_m = stretch.2 - level.0.climate.altitude_m;
    let ground = if march.is_hosted(clock.minutes) {
        // Guests sleep under a roof, out of the wind.
        Ground { terrain: Terrain::House, shelter: Terrain::House.props().shelter, elevation_m }
    } else {
        Ground { terrain: stretch.1, shelter: props.shelter, elevation_m }
    };
    let hour = clock.hour() as u32;
    let walking_hours = walks_at(hour, orders.by_night) && orders.rest_day != Some(clock.day());
    // The group waits for anyone out of sight; for anyone sitting in despair or unable to
    // stand it waits some walking hours, then goes on without them.
    let fallen = |s: &Status, v: &Vitals| *s == Status::GivenUp || (*s == Status::Walking && v.walk_factor() <= 0.0);
    let searching =
        members.iter().any(|(_, s, _, _, _, straying, running, _)| *s == Status::Walking && (straying || running));
    let any_fallen = members.iter().any(|(_, s, v, ..)| fallen(s, v));
    if !any_fallen {
        march.waited_h = 0;
    } else if walking_hours && !searching {
        march.waited_h += 1;
    }
    if any_fallen && march.waited_h as f32 > WAIT_FOR_THE_FALLEN_H as f32 * difficulty.patience_share() {
        for (member, mut status, v, ..) in &mut members {
            if member.0 == MemberId::Janusz || !fallen(&status, &v) {
                continue;
            }
            let why = if *status == Status::GivenUp {
                "sat down on the march and was left behind"
            } else {
                "could walk no further and was left behind on the march"
            };
            *status = Status::Lost;
            fates.settle(member.0, Fate::Lost, *stage.get(), clock.day(), why);
            news.write(News(format!("{} is left behind.", member.0.name())));
        }
        march.waited_h = 0;
    }
    let waiting = members
        .iter()
        .any(|(_, s, v, _, _, straying, running, _)| fallen(s, v) || (*s == Status::Walking && (straying || running)));
    let slowest = members
        .iter()
        .filter(|(_, s, ..)| **s == Status::Walking)
        .map(|(_, _, v, .., gear)| v.walk_factor() * gear.walk_factor())
        .fold(1.0_f32, f32::min);
    // Nobody walks into a blizzard or a sandstorm: the group lies up until it blows over.
    let storm = matches!(weather.kind, WeatherKind::Blizzard | WeatherKind::Sandstorm);
    let walks = walking_hours && !waiting && !storm && clock.minutes >= halt.0;
    let speed =
        if walks { march_speed_kmh(*pace, slowest, props.move_cost, stretch.2, route.rise_at(march.km)) } else { 0.0 };
    // Never past the scene ahead or the route's end: the journey takes over there.
    let ahead = if march.scene_done { route.length_km() } else { level.0.scene_start_km() };
    // Nor past a fork not yet decided: the way divides there.
    let target = march.next_fork_km(route).filter(|k| *k >= march.km).map_or(ahead, |k| k.min(ahead));
    let km = (speed * clock.step_h()).min((target - march.km).max(0.0));
    // A camp where the land has trees is pitched among them, off the open river or road: in
    // their lee, with bark and game at hand.
    let ground = if km == 0.0 && ground.terrain != Terrain::House && has_wood_along(stretch.1, level.0.biome) {
        Ground { terrain: Terrain::BirchForest, shelter: ground.shelter.max(LEE_OF_TREES), ..ground }
    } else if km == 0.0 {
        Ground { shelter: ground.shelter.max(WINDBREAK), ..ground }
    } else {
        ground
    };
    for (_, status, _, mut exertion, mut g, straying, ..) in &mut members {
        *g = ground;
        exertion.walking = km > 0.0 && *status == Status::Walking && !straying;
    }
    resting.0 = km == 0.0;
    let passed: Vec<Terrain> = route.stretches_between(march.km, march.km + km).map(|s| s.1).collect();
    march.km += km;
    odometer.0 += km;
    // Dead wood is picked up on the way where the land has it.
    if km > 0.0 && passed.iter().any(|t| has_fuel_along(*t, level.0.biome)) {
        supplies.wood = (supplies.wood + 1).min(MAX_WOOD);
    }
    // A camp in wooded land gathers its dead wood: enough to keep a fire through the night.
    if km == 0.0 && has_fuel_along(stretch.1, level.0.biome) {
        supplies.wood = (supplies.wood + 2).min(MAX_WOOD);
    }
    // Where the route passes running water or a well, everyone drinks and the skins are filled.
    if passed.iter().any(|t| t.props().water == Water::Fresh) {
        supplies.water_l = supplies.capacity_l;
        for (_, status, mut v, _, _, straying, ..) in &mut members {
            if matches!(*status, Status::Walking | Status::GivenUp) && !straying {
                v.water_deficit_l = 0.0;
            }
        }
    }
}

/// A resting group on a cold night lights a fire where it stops and keeps it fed while the
/// wood lasts; when it walks on, the fire is left to die. Snow is melted at it into the skins.
fn camp_on_the_march(
    mut commands: Commands,
    clock: Res<GameClock>,
    stage: Res<State<Stage>>,
    resting: Res<Resting>,
    weather: Res<Weather>,
    mut supplies: ResMut<Supplies>,
    members: Query<(&Ground, &Status), With<Member>>,
    leader: Query<&Position, With<Leader>>,
    mut fires: Query<(Entity, &Position, &mut Fire)>,
    march: Res<March>,
    mut rng: ResMut<SimRng>,
    mut news: MessageWriter<News>,
) {
    // Guests sit at their hosts' stove, fed from their hosts' fuel, and drink their water.
    if march.is_hosted(clock.minutes) {
        supplies.water_l = supplies.capacity_l;
        let lead = leader.single().map(|p| p.0).unwrap_or_default();
        match fires.iter_mut().next() {
            Some((.., mut fire)) => fire.fuel_h = fire.fuel_h.max(1.0 + clock.step_h()),
            None => {
                commands.spawn((
                    Name::new("Fire"),
                    Fire { fuel_h: 1.0 + clock.step_h(), shelter: 1.0, melting: false },
                    Position(lead + Vec2::new(0.6, 0.0)),
                    DespawnOnExit(*stage.get()),
                ));
            }
        }
        return;
    }
    if !resting.0 {
        for (e, ..) in &mut fires {
            commands.entity(e).despawn();
        }
        return;
    }
    let Ok(lead) = leader.single() else { return };
    let cold = weather.air_c < FIRE_BELOW_C;
    let shelter = members.iter().next().map_or(0.0, |(g, _)| g.shelter);
    match fires.iter_mut().find(|(_, p, _)| p.0.distance(lead.0) < 3.0) {
        None if cold && supplies.wood >= WOOD_TO_LIGHT => {
            match supplies.light_fire(lead.0, *stage.get(), &weather, shelter, rng.0.random()) {
                Ok(fire) => {
                    commands.spawn(fire);
                }
                Err(why) => {
                    news.write(News(why.into()));
                }
            }
        }
        // Fed before the hour in which it would go out.
        Some((.., mut fire)) if fire.fuel_h <= 1.0 + clock.step_h() => {
            supplies.feed(&mut fire);
        }
        _ => {}
    }
    let on_snow = members
        .iter()
        .any(|(g, s)| *s == Status::Walking && (g.terrain.props().snow || g.terrain.props().water == Water::Frozen));
    let burning = fires.iter().any(|(.., f)| f.burning());
    if on_snow && burning {
        // Snow is melted at the fire, pot by pot (the camp rule burns the wood it takes).
        for (.., mut fire) in &mut fires {
            fire.melting = supplies.water_l < supplies.capacity_l;
        }
    } else if on_snow {
        // Without a fire, snow is melted in the mouth and under the coat: slowly.
        supplies.water_l = (supplies.water_l + 0.05 * supplies.capacity_l).min(supplies.capacity_l);
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<March>().init_resource::<MarchOrders>();
    app.add_systems(FixedUpdate, (march_on, camp_on_the_march).chain().in_set(SimSystems::March).run_if(is_marching));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_march_slows_up_high_and_up_a_climb() {
        // Steady pace, fit walkers, easy ground, low down: the walking speed itself.
        let flat = march_speed_kmh(Pace::Steady, 1.0, 1.0, 800.0, 0.0);
        assert!((flat - WALK_KMH).abs() < 1e-4);
        // On the Tibetan plateau the same ground is walked at 70 % of it.
        let plateau = march_speed_kmh(Pace::Steady, 1.0, 1.0, 4500.0, 0.0);
        assert!((plateau / flat - 0.70).abs() < 0.005, "{plateau}");
        // Up a pass rising 100 m in each km, an hour's walk (4 km on the flat) makes about
        // 2.4 km: Naismith's 1/6 h a km on top of the quarter hour.
        let climb = march_speed_kmh(Pace::Steady, 1.0, 1.0, 800.0, 100.0);
        assert!((climb - 1.0 / (0.25 + 100.0 / 610.0)).abs() < 1e-3, "{climb}");
        // Nobody able to walk: no march.
        assert_eq!(march_speed_kmh(Pace::Steady, 0.0, 1.0, 800.0, 0.0), 0.0);
    }
}
