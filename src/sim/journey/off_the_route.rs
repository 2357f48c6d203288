//! Going down off the march onto the ground where the group stands (a night's camp, a search
//! for wood or water) on a small map of that place, and back up to the march: by the ground's
//! way out a little further on, or where it came down.

use std::hash::Hasher;

use bevy::prelude::*;

use crate::levels::{Biome, Level, Levels, Terrain};
use crate::sim::SimSystems;
use crate::sim::journey::stages::gather_radius;
use crate::sim::model::body::Vitals;
use crate::sim::model::group::{Resting, Straying};
use crate::sim::model::march::{GoDown, GoUp, March};
use crate::sim::model::party::{Leader, Member, News, Position, Status};
use crate::sim::model::seed::RunSeed;
use crate::sim::model::stage::{CurrentLevel, StageLog, WayOut};
use crate::sim::model::supplies::{Fire, WoodRun};
use crate::sim::model::walk::{Route, Trail};
use crate::sim::world::map::place_near;
use crate::sim::world::{StageMap, generate_ground, stage_seed};
use crate::sim::{EnterStage, EnterStageSystems};
use crate::states::{Scale, Stage};

/// Metres a tile of the ground stands for: a night's camp is walked step by step, as the
/// camp and the monastery are, not at a stage's compressed scale.
pub const GROUND_TILE_M: f32 = 50.0;
/// The ground's size, tiles: 3.2 by 2.4 km, as far as a camp looks for wood and water.
pub const GROUND_SIZE: (u32, u32) = (64, 48);
/// Tiles in from the edge where the group stands when it comes down.
const STEPS_IN: usize = 12;
/// What the way out of the ground is called.
const BACK_TO_THE_MARCH: &str = "Back to the march";

/// The stage's own ground (its story scene's map) and where Janusz stood on it, set aside
/// while the group is down off the route.
#[derive(Resource, Debug, Clone)]
pub struct StageGroundAside {
    map: StageMap,
    lead: Vec2,
}

/// The land a stretch of route belongs to, for growing its ground: the river ice and the
/// forest are taiga, the shore is the lake's, grass is steppe, sand and gravel plains desert,
/// passes and ice mountains, fields and terraces the foothills; anything else is the stage's.
pub fn biome_of(terrain: Terrain, stage_biome: Biome) -> Biome {
    use Terrain as T;
    match terrain {
        T::FrozenStream | T::SpruceForest | T::BirchForest | T::DenseForest | T::Snow | T::DeepSnow => Biome::Taiga,
        T::LakeWater | T::ShoreIce | T::ThinIce | T::Shingle | T::Reeds => Biome::Lakeshore,
        T::Grass | T::DryGrass | T::Road | T::BorderLine | T::Yurt => Biome::Steppe,
        T::Dune | T::Sand | T::GravelPlain | T::SaltFlat | T::DryRiverbed => Biome::Desert,
        T::Pass | T::Glacier | T::Scree | T::Snowfield | T::Cliff | T::Rock => Biome::Mountains,
        T::Field | T::Terrace | T::Jungle | T::River | T::House => Biome::Foothills,
        _ => match stage_biome {
            Biome::Camp => Biome::Taiga,
            Biome::Monastery => Biome::Mountains,
            Biome::Homecoming => Biome::Foothills,
            b => b,
        },
    }
}

/// The level of the ground at `km` along the stage's route: the stage's climate at the
/// route's height there, a land grown as the stage of that biome grows it (without the
/// story's set pieces), at a night camp's scale, crossed in the stage's direction.
pub fn ground_level(levels: &Levels, stage_level: &Level, km: f32) -> Level {
    let stretch = stage_level.route.as_ref().map(|r| r.stretch_at(km));
    let biome = stretch.as_ref().map_or(stage_level.biome, |s| biome_of(s.1, stage_level.biome));
    let model = levels.stages.iter().find(|l| l.biome == biome).unwrap_or(stage_level);
    let mut level = stage_level.clone();
    level.biome = biome;
    level.size = GROUND_SIZE;
    level.tile_m = GROUND_TILE_M;
    level.generation = model.generation.clone();
    level.generation.set_pieces.clear();
    level.way_out.width = level.way_out.width.min(8);
    level.way_out.label = BACK_TO_THE_MARCH.to_string();
    if let Some(s) = stretch {
        // Its lowest ground is the route's height here; the climate is read for that height.
        level.climate.altitude_m = s.2;
    }
    level
}

/// The seed of the ground at `km`: the stage's seed and the place, so the same journey finds
/// the same ground at the same place.
pub fn ground_seed(run_seed: u64, stage: Stage, km: f32) -> u64 {
    let mut h = fnv::FnvHasher::default();
    h.write_u64(stage_seed(run_seed, stage.index()));
    h.write_u32((km * 10.0).round() as u32);
    h.finish()
}

/// The members as the grounds see them: who, where, in what state, in what body, away or not,
/// leading or not, and the way each was walking.
type Walkers<'w, 's> = Query<
    'w,
    's,
    (
        &'static Member,
        &'static mut Position,
        &'static Status,
        &'static Vitals,
        Has<Straying>,
        Has<WoodRun>,
        Has<Leader>,
        Option<&'static mut Route>,
    ),
>;

/// Lays `map` and its level down as the ground the group stands on, with its way out, and
/// puts the group around `at` (unless `keep_places`: a resumed journey has its own).
#[allow(clippy::too_many_arguments)]
fn lay_ground(
    commands: &mut Commands,
    stage: Stage,
    level: Level,
    map: StageMap,
    at: Vec2,
    keep_places: bool,
    members: &mut Walkers,
    trail: &mut Trail,
    way_outs: &Query<Entity, With<WayOut>>,
) {
    for e in way_outs {
        commands.entity(e).despawn();
    }
    if !keep_places {
        let mut walkers: Vec<_> =
            members.iter_mut().filter(|(_, _, s, ..)| matches!(s, Status::Walking | Status::GivenUp)).collect();
        walkers.sort_by_key(|(m, ..)| m.0);
        for (rank, (_, mut pos, _, _, _, _, _, route)) in walkers.into_iter().enumerate() {
            pos.0 = place_near(&map, at, rank);
            if let Some(mut route) = route {
                route.0.clear();
            }
        }
        trail.0.clear();
        trail.0.push_front(at);
    }
    crate::sim::journey::stages::lay_map(commands, stage, level, map);
}

/// The ground at the march's place, generated.
fn ground_here(levels: &Levels, stage: Stage, march: &March, km: f32, seed: u64) -> (Level, StageMap) {
    let level = ground_level(levels, &march.level_taken(levels.get(stage)), km);
    let map = generate_ground(&level, ground_seed(seed, stage, km));
    (level, map)
}

/// The group goes down off the route where it stands.
#[allow(clippy::too_many_arguments)]
fn go_down(
    mut asked: MessageReader<GoDown>,
    mut commands: Commands,
    levels: Res<Levels>,
    stage: Res<State<Stage>>,
    seed: Res<RunSeed>,
    map: Res<StageMap>,
    mut march: ResMut<March>,
    (mut resting, mut log): (ResMut<Resting>, ResMut<StageLog>),
    mut trail: ResMut<Trail>,
    (mut next_scale, next_stage): (ResMut<NextState<Scale>>, Res<NextState<Stage>>),
    mut members: Walkers,
    way_outs: Query<Entity, With<WayOut>>,
    fires: Query<Entity, With<Fire>>,
    mut news: MessageWriter<News>,
    clock: Res<crate::sim::model::clock::GameClock>,
) {
    // Not while the journey is already moving on (to the stage's scene, or the next stage).
    let moving = !matches!(*next_scale, NextState::Unchanged) || !matches!(*next_stage, NextState::Unchanged);
    if asked.read().count() == 0 || march.is_camped_off_the_route() || moving {
        return;
    }
    if march.is_hosted(clock.minutes) {
        news.write(News("Not while the group is someone's guest.".into()));
        return;
    }
    // Nobody leaves the route while someone is out of sight or out for wood: they would not
    // find the group.
    let away = members.iter().any(|(_, _, s, _, straying, running, ..)| *s == Status::Walking && (straying || running));
    if away {
        news.write(News("Not while someone is out of sight.".into()));
        return;
    }
    let stage = *stage.get();
    let Some(lead) = members.iter().find(|(.., leads, _)| *leads).map(|(_, p, ..)| p.0) else { return };
    commands.insert_resource(StageGroundAside { map: map.clone(), lead });
    // The march's fire stays where it was lit.
    for e in &fires {
        commands.entity(e).despawn();
    }
    let (level, ground) = ground_here(&levels, stage, &march, march.km, seed.0);
    info!("went down off the route at km {:.0} of {stage:?} (map {})", march.km, ground.hash_hex());
    // A few hundred metres in from the edge it is entered by, on the way across: the ground
    // is all around.
    let path = ground.path_to_exit(ground.entry).map(|(p, _)| p).unwrap_or_default();
    let at = path.get(STEPS_IN.min(path.len() / 3)).copied().unwrap_or(ground.entry).as_vec2() + Vec2::splat(0.5);
    lay_ground(&mut commands, stage, level, ground, at, false, &mut members, &mut trail, &way_outs);
    march.down_at = Some(march.km);
    if let Some(record) = log.0.last_mut() {
        record.grounds += 1;
    }
    resting.0 = false;
    news.write(News("The group leaves the route to camp on the ground here.".into()));
    next_scale.set(Scale::Scene);
}

/// The group goes back up to the march: by the ground's way out with everyone who can walk
/// close by (the ground crossed is km along the route), or where it is when asked. Those who
/// cannot walk are carried up: the march waits for the fallen by its own rule.
#[allow(clippy::too_many_arguments)]
fn go_up(
    mut asked: MessageReader<GoUp>,
    mut commands: Commands,
    (levels, seed): (Res<Levels>, Res<RunSeed>),
    stage: Res<State<Stage>>,
    map: Res<StageMap>,
    level: Res<CurrentLevel>,
    aside: Option<Res<StageGroundAside>>,
    mut march: ResMut<March>,
    mut trail: ResMut<Trail>,
    mut next_scale: ResMut<NextState<Scale>>,
    mut members: Walkers,
    way_outs: Query<Entity, With<WayOut>>,
    fires: Query<Entity, With<Fire>>,
    mut news: MessageWriter<News>,
) {
    let Some(down_at) = march.down_at else { return };
    let asked = asked.read().count() > 0;
    let Some(lead) = members.iter().find(|(.., leads, _)| *leads).map(|(_, p, ..)| p.0) else { return };
    let at_way_out = map.is_exit(lead.floor().as_uvec2());
    if !asked && !at_way_out {
        return;
    }
    // Nobody goes up while someone is out of sight or out for wood.
    let away = members.iter().any(|(_, _, s, _, straying, running, ..)| *s == Status::Walking && (straying || running));
    if away {
        if asked {
            news.write(News("Not while someone is out of sight.".into()));
        }
        return;
    }
    let able: Vec<Vec2> = members
        .iter()
        .filter(|(_, _, s, v, _, _, leads, _)| !leads && **s == Status::Walking && v.walk_factor() > 0.0)
        .map(|(_, p, ..)| p.0)
        .collect();
    if !asked && !able.iter().all(|p| p.distance(lead) <= gather_radius(able.len())) {
        return;
    }
    let stage = *stage.get();
    let stage_level = march.level_taken(levels.get(stage));
    // Crossing the ground to its way out is that much of the route walked.
    let crossed = if asked { 0.0 } else { level.0.scene_km() };
    let ahead = if march.scene_done { stage_level.route_km() } else { stage_level.scene_start_km() };
    // Not past a fork still to be decided, nor past the scene ahead.
    let fork = stage_level.route.as_ref().and_then(|r| march.next_fork_km(r)).filter(|k| *k >= down_at);
    let target = fork.map_or(ahead, |k| k.min(ahead));
    march.km = (down_at + crossed).min(target.max(down_at));
    march.down_at = None;
    for e in &fires {
        commands.entity(e).despawn();
    }
    let (map, lead) = match aside {
        Some(a) => (a.map.clone(), a.lead),
        None => {
            // A journey resumed off the route: the stage's map as it was entered.
            let map = crate::sim::world::generate(&stage_level, stage_seed(seed.0, stage.index()));
            let entry = map.entry.as_vec2() + Vec2::splat(0.5);
            (map, entry)
        }
    };
    commands.remove_resource::<StageGroundAside>();
    info!("went back up to the march at km {:.0} of {stage:?}", march.km);
    lay_ground(&mut commands, stage, stage_level, map, lead, false, &mut members, &mut trail, &way_outs);
    news.write(News("The group climbs back up to the route.".into()));
    next_scale.set(Scale::March);
}

/// A journey saved on the march goes on along the roads it took at the forks; saved while the
/// group was down off the route, it resumes on that ground: the stage's map, entered as
/// usual, is set aside and the ground laid again. The members' and the fires' places are the
/// saved ones.
#[allow(clippy::too_many_arguments)]
fn resume_the_route(
    mut commands: Commands,
    levels: Res<Levels>,
    stage: Res<State<Stage>>,
    seed: Res<RunSeed>,
    map: Res<StageMap>,
    march: Res<March>,
    aside: Option<Res<StageGroundAside>>,
    mut trail: ResMut<Trail>,
    mut members: Walkers,
    way_outs: Query<Entity, With<WayOut>>,
) {
    let stage = *stage.get();
    if march.roads.iter().any(|r| *r) {
        commands.insert_resource(CurrentLevel(march.level_taken(levels.get(stage))));
    }
    let Some(km) = march.down_at else { return };
    if aside.is_some() {
        return;
    }
    let entry = map.entry.as_vec2() + Vec2::splat(0.5);
    commands.insert_resource(StageGroundAside { map: map.clone(), lead: entry });
    let (level, ground) = ground_here(&levels, stage, &march, km, seed.0);
    lay_ground(&mut commands, stage, level, ground, Vec2::ZERO, true, &mut members, &mut trail, &way_outs);
}

fn forget_the_ground(mut commands: Commands) {
    commands.remove_resource::<StageGroundAside>();
}

pub(crate) fn plugin(app: &mut App) {
    app.add_message::<GoDown>().add_message::<GoUp>();
    app.add_systems(
        FixedUpdate,
        (go_down.run_if(crate::sim::is_marching), go_up.run_if(crate::sim::is_on_the_ground))
            .chain()
            .in_set(SimSystems::Journey)
            // After the stage's own ends are looked for: ground left by its way out is not the
            // stage's way out, and the march reaching its scene is not the ground.
            .after(crate::sim::journey::stages::reach_way_out)
            .after(crate::sim::journey::stages::reach_march_end),
    );
    // Before the stage's own set-up reads the ground; after a resumed journey's march is back.
    app.add_systems(EnterStage, forget_the_ground.in_set(EnterStageSystems::Map));
    app.add_systems(
        EnterStage,
        resume_the_route.in_set(EnterStageSystems::Resume).after(crate::sim::journey::save::save_on_entering),
    );
}
