//! Camp: the group's supplies (water skins, rations, firewood), fires that burn wood down and
//! warm and melt snow, gathering wood, and the night-time wood run that can cost a life.

use bevy::prelude::*;
use rand::Rng;

use crate::levels::{MemberId, Water};
use crate::sim::model::clock::GameClock;
use crate::sim::model::group::Resting;
use crate::sim::model::party::{Leader, Member, Position, Status};
use crate::sim::model::seed::SimRng;
use crate::sim::model::supplies::{CampAction, Fire, MAX_WOOD, SKIN_L, Supplies, WoodRun};
use crate::sim::model::walk::tiles_per_minute;
use crate::sim::world::map::tiles_near;
use crate::sim::world::{StageMap, nearest_wood, slide};
use crate::sim::{SimSystems, is_on_the_ground};
use crate::states::Stage;

fn do_camp_actions(
    mut commands: Commands,
    mut actions: MessageReader<CampAction>,
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
                    None => {
                        if let Some(fire) = supplies.light_fire(lead.0, *stage.get()) {
                            commands.spawn(fire);
                        }
                    }
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
                if by_water || (fire_here && snow_or_ice) {
                    supplies.water_l = supplies.capacity_l;
                } else if snow_or_ice {
                    // Without a fire, snow is melted in the mouth and under the coat: slowly.
                    supplies.water_l = (supplies.water_l + supplies.capacity_l * 0.25).min(supplies.capacity_l);
                }
            }
        }
    }
}

fn burn_fires(clock: Res<GameClock>, mut fires: Query<&mut Fire>) {
    for mut fire in &mut fires {
        fire.fuel_h = (fire.fuel_h - clock.step_h()).max(0.0);
    }
}

/// Skins hold what the walkers can carry: when someone leaves or dies, so does their skin.
fn fit_skins(mut supplies: ResMut<Supplies>, members: Query<(&Member, &Status)>) {
    let carriers = members.iter().filter(|(_, s)| matches!(s, Status::Walking | Status::GivenUp)).count() as f32;
    supplies.capacity_l = carriers * SKIN_L;
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
    if !resting.0 || !clock.is_night() || supplies.wood > 0 || !runners.is_empty() {
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
