//! Camp: the group's supplies (water skins, rations, firewood), fires that burn wood down and
//! warm and melt snow, gathering wood, and the night-time wood run that can cost a life.

use bevy::prelude::*;
use rand::Rng;

use crate::sim::SimSystems;
use crate::sim::clock::GameClock;
use crate::sim::journey::SimRng;
use crate::sim::movement::{Resting, slide, tiles_per_minute};
use crate::sim::party::{Leader, Member, MemberId, Position, Status};
use crate::sim::state::Stage;
use crate::sim::world::{StageMap, Water};

/// Litres a water skin holds; each walker carries one.
pub const SKIN_L: f32 = 4.0;
/// Hours of fire one bundle of wood gives.
pub const HOURS_PER_WOOD: f32 = 2.5;
/// Bundles of wood the group can carry.
pub const MAX_WOOD: u32 = 12;
/// Bundles a fire needs to be lit.
pub const WOOD_TO_LIGHT: u32 = 2;

/// What the group carries.
#[derive(Resource, Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Supplies {
    pub water_l: f32,
    pub capacity_l: f32,
    /// Person-days of food.
    pub rations: f32,
    /// Bundles of firewood.
    pub wood: u32,
    /// Someone counts every ration and mouthful (Zoran is with the group): less is wasted.
    pub counted: bool,
}

impl Default for Supplies {
    fn default() -> Self {
        Supplies { water_l: 7.0 * SKIN_L, capacity_l: 7.0 * SKIN_L, rations: 100.0, wood: 0, counted: true }
    }
}

/// A fire, lit where the group camps. Scoped to its stage.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Fire {
    /// Hours it will still burn.
    pub fuel_h: f32,
}

impl Fire {
    pub fn burning(&self) -> bool {
        self.fuel_h > 0.0
    }
}

/// A member sent out at night for wood: to `target`, then back to the fire at `home`.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct WoodRun {
    pub target: Vec2,
    pub home: Vec2,
    pub returning: bool,
}

/// What the player (or the autoplayer) asks the group to do this minute.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampAction {
    /// Gather the dead wood on and around the leader's tile.
    GatherWood,
    /// Light a fire where the leader stands, or feed the one there.
    MakeFire,
    /// Fill the skins from water beside the leader (or melt snow at a burning fire).
    FillSkins,
}

/// Tiles around a point, nearest first, within `radius`.
fn tiles_near(map: &StageMap, at: Vec2, radius: i32) -> Vec<UVec2> {
    let c = at.floor().as_ivec2();
    let mut v = Vec::new();
    for dy in -radius..=radius {
        for dx in -radius..=radius {
            let p = c + IVec2::new(dx, dy);
            if map.contains(p.x, p.y) {
                v.push(p.as_uvec2());
            }
        }
    }
    v.sort_by_key(|p| {
        let d = p.as_ivec2() - c;
        (d.x * d.x + d.y * d.y, p.y, p.x)
    });
    v
}

/// The nearest tile with wood within `radius` tiles.
pub fn nearest_wood(map: &StageMap, at: Vec2, radius: i32) -> Option<UVec2> {
    tiles_near(map, at, radius).into_iter().find(|p| map.wood[map.index(*p)])
}

/// The nearest drinkable water (or ice) within `radius` tiles that does not lie back the way
/// the group came (further from the way out than `at` is, by more than a few tiles).
pub fn nearest_water(map: &StageMap, at: Vec2, radius: i32) -> Option<UVec2> {
    let exit = map.exit_centre().as_vec2();
    let ahead = at.distance(exit) + 6.0;
    // Only water that can be stood at: a lake is drunk from its shore ice or shingle.
    tiles_near(map, at, radius).into_iter().find(|p| {
        map.walkable(*p)
            && matches!(map.at(*p).props().water, Water::Fresh | Water::Frozen)
            && p.as_vec2().distance(exit) <= ahead
    })
}

fn do_camp_actions(
    mut commands: Commands,
    mut actions: MessageReader<CampAction>,
    map: Option<ResMut<StageMap>>,
    stage: Res<State<Stage>>,
    mut supplies: ResMut<Supplies>,
    leader: Query<&Position, With<Leader>>,
    mut fires: Query<(&Position, &mut Fire)>,
    mut drinkers: Query<(&Position, &Status, &mut crate::sim::survival::Vitals), Without<Fire>>,
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
                    Some((_, mut fire)) if supplies.wood > 0 => {
                        supplies.wood -= 1;
                        fire.fuel_h += HOURS_PER_WOOD;
                    }
                    None if supplies.wood >= WOOD_TO_LIGHT => {
                        supplies.wood -= WOOD_TO_LIGHT;
                        commands.spawn((
                            Name::new("Fire"),
                            Fire { fuel_h: HOURS_PER_WOOD * WOOD_TO_LIGHT as f32 },
                            Position(lead.0 + Vec2::new(0.6, 0.0)),
                            DespawnOnExit(*stage.get()),
                        ));
                    }
                    _ => {}
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

fn burn_fires(mut fires: Query<&mut Fire>) {
    for mut fire in &mut fires {
        fire.fuel_h = (fire.fuel_h - 1.0 / 60.0).max(0.0);
    }
}

/// Skins hold what the walkers can carry: when someone leaves or dies, so does their skin.
fn fit_skins(mut supplies: ResMut<Supplies>, members: Query<(&Member, &Status)>) {
    let carriers = members.iter().filter(|(_, s)| matches!(s, Status::Walking | Status::GivenUp)).count() as f32;
    supplies.capacity_l = carriers * SKIN_L;
    supplies.water_l = supplies.water_l.min(supplies.capacity_l);
    supplies.counted =
        members.iter().any(|(m, s)| crate::sim::survival::Traits::of(m.0).counts_rations && *s == Status::Walking);
}

/// At night in camp, when the fire is burning low and the wood is gone, someone goes out for
/// more: chosen by chance among the walkers, Janusz excepted.
fn send_for_wood(
    mut commands: Commands,
    map: Option<Res<StageMap>>,
    clock: Res<GameClock>,
    resting: Res<Resting>,
    supplies: Res<Supplies>,
    mut rng: ResMut<SimRng>,
    fires: Query<(&Position, &Fire)>,
    runners: Query<(), With<WoodRun>>,
    members: Query<(Entity, &Member, &Status, &Position), Without<Leader>>,
) {
    let Some(map) = map else { return };
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
    level: Option<Res<crate::sim::journey::CurrentLevel>>,
    mut supplies: ResMut<Supplies>,
    mut runners: Query<(Entity, &mut Position, &mut WoodRun, &Status), Without<crate::sim::cohesion::Straying>>,
) {
    let (Some(mut map), Some(level)) = (map, level) else { return };
    for (e, mut pos, mut run, status) in &mut runners {
        if *status != Status::Walking {
            commands.entity(e).remove::<WoodRun>();
            continue;
        }
        let goal = if run.returning { run.home } else { run.target };
        let to = goal - pos.0;
        let speed = tiles_per_minute(level.0.tile_m, map.terrain_at(pos.0).props().move_cost) * 0.6;
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

/// The monks feed them and they sleep for days: they leave the monastery restored.
fn recover_at_monastery(
    mut supplies: ResMut<Supplies>,
    mut members: Query<(&Status, &mut crate::sim::survival::Vitals)>,
) {
    supplies.rations = supplies.rations.max(80.0);
    supplies.water_l = supplies.capacity_l;
    for (status, mut v) in &mut members {
        if *status == Status::Walking {
            *v = crate::sim::survival::Vitals { uv_dose: 0.0, ..crate::sim::survival::Vitals::default() };
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(
        OnEnter(Stage::Monastery),
        recover_at_monastery.after(crate::sim::journey::JourneySystems::EnterStage),
    );
    app.init_resource::<Supplies>().add_message::<CampAction>();
    app.add_systems(
        FixedUpdate,
        (fit_skins, do_camp_actions, burn_fires, send_for_wood, run_for_wood).chain().in_set(SimSystems::Camp),
    );
}
