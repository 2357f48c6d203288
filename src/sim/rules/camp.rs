//! Camp: the group's supplies (water skins, rations, firewood), fires that burn wood down and
//! warm and melt snow, gathering wood, and the night-time wood run that can cost a life.

use bevy::prelude::*;
use rand::Rng;

use crate::levels::{MemberId, Water};
use crate::sim::model::air::Weather;
use crate::sim::model::clock::GameClock;
use crate::sim::model::group::Resting;
use crate::sim::model::hardship::Difficulty;
use crate::sim::model::party::News;
use crate::sim::model::party::{Leader, Member, Position, Status};
use crate::sim::model::seed::SimRng;
use crate::sim::model::supplies::{
    CampAction, Fire, MAX_WOOD, MELT_FUEL_H_PER_L, MELT_L_PER_H, RATIONS_EACH, SKIN_L, Supplies, WOOD_TO_LIGHT,
    WoodRun, storm_out_chance,
};
use crate::sim::model::walk::tiles_per_minute;
use crate::sim::world::map::tiles_near;
use crate::sim::world::{StageMap, nearest_wood, shelter_at, slide};
use crate::sim::{SimSystems, is_on_the_ground};
use crate::states::Stage;

fn do_camp_actions(
    mut commands: Commands,
    mut actions: MessageReader<CampAction>,
    weather: Res<Weather>,
    mut rng: ResMut<SimRng>,
    mut news: MessageWriter<News>,
    map: Option<ResMut<StageMap>>,
    stage: Res<State<Stage>>,
    mut supplies: ResMut<Supplies>,
    leader: Query<&Position, With<Leader>>,
    mut fires: Query<(&Position, &mut Fire)>,
    mut drinkers: Query<(&Position, &Status, &mut crate::sim::model::body::Vitals), Without<Fire>>,
) {
    let Some(mut map) = map else { return };
    let Ok(lead) = leader.single() else { return };
    for action in actions.read() {
        match action {
            CampAction::GatherWood => {
                for p in tiles_near(&map, lead.0, 1) {
                    let i = map.index(p);
                    if map.wood[i] && supplies.wood < MAX_WOOD {
                        map.wood[i] = false;
                        supplies.wood = (supplies.wood + 2).min(MAX_WOOD);
                    }
                }
            }
            CampAction::MakeFire => {
                let near = fires.iter_mut().find(|(p, _)| p.0.distance(lead.0) < 2.0);
                match near {
                    Some((_, mut fire)) => {
                        supplies.feed(&mut fire);
                    }
                    None if supplies.wood >= WOOD_TO_LIGHT => {
                        let shelter = shelter_at(&map, lead.0);
                        match supplies.light_fire(lead.0, *stage.get(), &weather, shelter, rng.0.random()) {
                            Ok(fire) => {
                                commands.spawn(fire);
                            }
                            Err(why) => {
                                news.write(News(why.into()));
                            }
                        }
                    }
                    None => {}
                }
            }
            CampAction::FillSkins => {
                let here = lead.0;
                let by_water = tiles_near(&map, here, 1).iter().any(|p| map.at(*p).props().water == Water::Fresh);
                let fire_here = fires.iter().any(|(p, f)| f.burning() && p.0.distance(here) < 2.0);
                let snow_or_ice = tiles_near(&map, here, 1)
                    .iter()
                    .any(|p| map.at(*p).props().snow || map.at(*p).props().water == Water::Frozen);
                if by_water {
                    // At running water everyone near drinks their fill, not just the skins.
                    for (p, status, mut v) in &mut drinkers {
                        if *status != Status::Dead && p.0.distance(here) <= 3.0 {
                            v.water_deficit_l = 0.0;
                        }
                    }
                }
                if by_water {
                    supplies.water_l = supplies.capacity_l;
                } else if fire_here && snow_or_ice {
                    // Snow is melted at the fire pot by pot, over hours and wood.
                    for (p, mut f) in &mut fires {
                        if f.burning() && p.0.distance(here) < 2.0 {
                            f.melting = true;
                        }
                    }
                } else if snow_or_ice {
                    // Without a fire, snow is melted in the mouth and under the coat: slowly.
                    supplies.water_l = (supplies.water_l + supplies.capacity_l * 0.25).min(supplies.capacity_l);
                }
            }
        }
    }
}

/// Fires burn their wood down, faster with a pot of snow on them; a storm may put out a fire
/// that has little shelter.
fn burn_fires(
    clock: Res<GameClock>,
    weather: Res<Weather>,
    mut rng: ResMut<SimRng>,
    mut supplies: ResMut<Supplies>,
    mut fires: Query<&mut Fire>,
    mut news: MessageWriter<News>,
) {
    let dt_h = clock.step_h();
    for mut fire in &mut fires {
        if !fire.burning() {
            continue;
        }
        if fire.melting {
            let melted = (MELT_L_PER_H * dt_h).min(supplies.capacity_l - supplies.water_l).max(0.0);
            supplies.water_l += melted;
            fire.fuel_h -= melted * MELT_FUEL_H_PER_L;
            fire.melting = supplies.water_l < supplies.capacity_l;
        }
        fire.fuel_h = (fire.fuel_h - dt_h).max(0.0);
        // The chance per hour, taken over this step.
        let out = 1.0 - (1.0 - storm_out_chance(weather.kind, fire.shelter)).powf(dt_h);
        if out > 0.0 && rng.0.random::<f32>() < out {
            fire.fuel_h = 0.0;
            news.write(News("The storm has put the fire out.".into()));
        }
    }
}

/// Skins hold what the walkers can carry: when someone leaves or dies, so does their skin.
fn fit_skins(mut supplies: ResMut<Supplies>, difficulty: Res<Difficulty>, members: Query<(&Member, &Status)>) {
    let carriers = members.iter().filter(|(_, s)| matches!(s, Status::Walking | Status::GivenUp)).count() as f32;
    supplies.capacity_l = carriers * SKIN_L * difficulty.skins_each();
    // Whoever is gone took their share of the load; what nobody can carry is eaten or left.
    supplies.rations = supplies.rations.min(carriers * RATIONS_EACH);
    supplies.water_l = supplies.water_l.min(supplies.capacity_l);
    supplies.counted =
        members.iter().any(|(m, s)| crate::sim::model::body::Traits::of(m.0).counts_rations && *s == Status::Walking);
}

/// At night in camp, when the fire is burning low and the wood is gone, someone goes out for
/// more: chosen by chance among the walkers, Janusz excepted.
fn send_for_wood(
    mut commands: Commands,
    map: Res<StageMap>,
    clock: Res<GameClock>,
    resting: Res<Resting>,
    supplies: Res<Supplies>,
    mut rng: ResMut<SimRng>,
    fires: Query<(&Position, &Fire)>,
    runners: Query<(), With<WoodRun>>,
    members: Query<(Entity, &Member, &Status, &Position), Without<Leader>>,
) {
    // Sent when what is left would not light a fire again.
    if !resting.0 || !clock.is_night() || supplies.wood >= WOOD_TO_LIGHT || !runners.is_empty() {
        return;
    }
    let Some((home, _)) = fires.iter().find(|(_, f)| f.burning() && f.fuel_h < 1.0) else { return };
    let Some(wood) = nearest_wood(&map, home.0, 12) else { return };
    let mut walkers: Vec<(Entity, MemberId)> =
        members.iter().filter(|(_, _, s, _)| **s == Status::Walking).map(|(e, m, _, _)| (e, m.0)).collect();
    if walkers.is_empty() {
        return;
    }
    walkers.sort_by_key(|(_, id)| *id);
    let (who, _) = walkers[rng.0.random_range(0..walkers.len())];
    commands.entity(who).insert(WoodRun { target: wood.as_vec2() + Vec2::splat(0.5), home: home.0, returning: false });
}

/// The wood run itself: there, gather, back to the fire. Someone who loses sight of the fire
/// on the way strays instead (see cohesion).
fn run_for_wood(
    mut commands: Commands,
    map: Option<ResMut<StageMap>>,
    level: Option<Res<crate::sim::model::stage::CurrentLevel>>,
    mut supplies: ResMut<Supplies>,
    mut runners: Query<(Entity, &mut Position, &mut WoodRun, &Status), Without<crate::sim::model::group::Straying>>,
) {
    let (Some(mut map), Some(level)) = (map, level) else { return };
    for (e, mut pos, mut run, status) in &mut runners {
        if *status != Status::Walking {
            commands.entity(e).remove::<WoodRun>();
            continue;
        }
        let goal = if run.returning { run.home } else { run.target };
        let to = goal - pos.0;
        let speed =
            tiles_per_minute(level.0.tile_m, map.terrain_at(pos.0).props().move_cost, level.0.climate.altitude_m) * 0.6;
        if to.length() <= speed.max(0.3) {
            if run.returning {
                commands.entity(e).remove::<WoodRun>();
            } else {
                let i = map.index(goal.floor().as_uvec2());
                if map.wood[i] {
                    map.wood[i] = false;
                    supplies.wood += 2;
                }
                run.returning = true;
            }
            continue;
        }
        pos.0 = slide(&map, pos.0, to.normalize() * speed);
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Supplies>().add_message::<CampAction>();
    app.add_systems(
        FixedUpdate,
        (
            fit_skins,
            do_camp_actions.run_if(is_on_the_ground),
            burn_fires,
            (send_for_wood, run_for_wood).chain().run_if(is_on_the_ground),
        )
            .chain()
            .in_set(SimSystems::Camp),
    );
}
