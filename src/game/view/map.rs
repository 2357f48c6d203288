//! Draws the stage's generated map: the ground and, over it, the soft edges where one ground
//! spills over another, each tile shaded by the lie of the land (lit from the north-west, as
//! maps are), so that hills and valleys read; and what stands on it (trees, boulders, yurts,
//! towers, wire). The map is cut into chunks, each baked into one picture (`ground.rs`),
//! spawned around the camera a few per frame and dropped when far away, so big maps cost no
//! hitch.

use bevy::platform::collections::HashMap;
use bevy::prelude::*;

use crate::game::view::camera::WorldCamera;
use bevy::asset::RenderAssetUsages;
use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
use bevy::window::PrimaryWindow;

use crate::game::TILE_PX;
use crate::game::view::ground::{self, Sheet, Sheets, TileLook};
use crate::game::view::tileset::Tileset;
use crate::levels::Terrain;
use crate::paint::art::{self, EAST, NORTH, SOUTH, WEST};
use crate::sim::has_stage_map;
use crate::sim::model::stage::{CurrentLevel, WayOut};
use crate::sim::world::StageMap;
use crate::states::{Screen, Stage};

/// Tiles a side of a chunk.
const CHUNK: u32 = 32;
/// Chunks spawned at most per frame: enough to keep ahead of the camera, few enough to hold
/// the frame time.
const CHUNKS_PER_FRAME: usize = 2;

/// The chunks on screen now, by chunk coordinate; and the map's relief (its highest less its
/// lowest ground, metres), worked out once a map.
#[derive(Resource, Default)]
struct Chunks(HashMap<UVec2, Entity>, Option<f32>);

/// How much the lie of the land lightens or darkens a tile at most: a slope full to the light
/// is this much brighter, one turned away this much darker.
const HILL_SHADE: f32 = 0.28;
/// Tiles over which a map's whole relief would rise to count as a steep slope: the maps' hills
/// are a dozen or so tiles across.
const STEEP_TILES: f32 = 6.0;

/// The map's relief, metres: its highest ground less its lowest (at least a metre).
fn relief_of(map: &StageMap) -> f32 {
    let (lo, hi) = map.elevation.iter().fold((f32::MAX, f32::MIN), |(lo, hi), e| (lo.min(*e), hi.max(*e)));
    (hi - lo).max(1.0)
}

/// How a tile is lit by the lie of the land, as a factor on its colour: 1 on the flat, more on
/// a slope facing the north-west light, less on one turned away.
pub fn hill_light(map: &StageMap, x: u32, y: u32, relief: f32) -> f32 {
    let e = |dx: i32, dy: i32| {
        let (nx, ny) =
            ((x as i32 + dx).clamp(0, map.width as i32 - 1), (y as i32 + dy).clamp(0, map.height as i32 - 1));
        map.elevation.get((ny as u32 * map.width + nx as u32) as usize).copied().unwrap_or(0.0)
    };
    // Uphill, in the map's reliefs per tile: (east, north).
    let uphill = Vec2::new(e(1, 0) - e(-1, 0), e(0, 1) - e(0, -1)) * 0.5 / relief * STEEP_TILES;
    // A slope rising to the south-east faces the north-west light.
    let facing = uphill.dot(Vec2::new(1.0, -1.0).normalize()).clamp(-1.0, 1.0);
    1.0 + HILL_SHADE * facing
}

/// The soft edge drawn on a tile: which spreader's ground, over which sides.
pub fn transition_at(map: &StageMap, x: u32, y: u32) -> Option<(usize, u32)> {
    let here = art::spreader_rank(map.at(UVec2::new(x, y)));
    let mut best: Option<usize> = None;
    let sides = [(0i32, 1i32, NORTH), (1, 0, EAST), (0, -1, SOUTH), (-1, 0, WEST)];
    let neighbour = |dx: i32, dy: i32| {
        let (nx, ny) = (x as i32 + dx, y as i32 + dy);
        map.contains(nx, ny).then(|| map.at(UVec2::new(nx as u32, ny as u32)))
    };
    for (dx, dy, _) in sides {
        if let Some(rank) = neighbour(dx, dy).and_then(art::spreader_rank)
            && here.is_none_or(|h| rank > h)
            && best.is_none_or(|b| rank > b)
        {
            best = Some(rank);
        }
    }
    let spreader = best?;
    let mask = sides
        .iter()
        .filter(|(dx, dy, _)| neighbour(*dx, *dy).and_then(art::spreader_rank) == Some(spreader))
        .fold(0, |m, (_, _, bit)| m | bit);
    Some((spreader, mask))
}

fn reset_chunks(mut commands: Commands, mut chunks: ResMut<Chunks>) {
    chunks.1 = None;
    // A new stage's chunks are gone with the old stage; ground laid within a stage (going
    // down off the route and back) replaces them here.
    for (_, e) in chunks.0.drain() {
        commands.entity(e).try_despawn();
    }
}

/// The tile sheets in linear light, made once both images have loaded.
#[derive(Resource, Default)]
struct GroundSheets(Option<Sheets>);

/// Spawns one chunk: its ground baked into one sprite (`ground.rs`), and what stands on it.
fn spawn_chunk(
    commands: &mut Commands,
    images: &mut Assets<Image>,
    map: &StageMap,
    sheets: &Sheets,
    tileset: &Tileset,
    stage: Stage,
    chunk: UVec2,
    relief: f32,
) -> Entity {
    let origin = chunk * CHUNK;
    let size = UVec2::new(CHUNK.min(map.width - origin.x), CHUNK.min(map.height - origin.y));
    let rgba = ground::bake(sheets, size, |x, y| {
        let (mx, my) = (origin.x + x, origin.y + y);
        TileLook {
            ground: art::texture_index(map.at(UVec2::new(mx, my)), mx, my),
            edge: transition_at(map, mx, my).map(|(spreader, mask)| art::transition_index(spreader, mask)),
            light: hill_light(map, mx, my, relief),
        }
    });
    let picture = Image::new(
        Extent3d { width: size.x * art::TILE, height: size.y * art::TILE, depth_or_array_layers: 1 },
        TextureDimension::D2,
        rgba,
        TextureFormat::Rgba8UnormSrgb,
        // Drawn, never read again here: the picture lives on the GPU only.
        RenderAssetUsages::RENDER_WORLD,
    );
    // A tile's centre is at its position times the tile's size: the chunk's corner is half a
    // tile south-west of its first tile's centre.
    let corner = origin.as_vec2() * TILE_PX - Vec2::splat(TILE_PX * 0.5);
    let root = commands
        .spawn((Name::new("Map chunk"), Transform::default(), Visibility::default(), DespawnOnExit(stage)))
        .id();
    let ground = commands
        .spawn((
            Sprite::from_image(images.add(picture)),
            bevy::sprite::Anchor::BOTTOM_LEFT,
            Transform::from_translation(corner.extend(0.0)),
        ))
        .id();
    commands.entity(root).add_child(ground);
    // The trees and what else stands up (boulders, yurts, towers, wire), each a sprite at its
    // foot: drawn in front of whoever is north of it and behind whoever is south, as the people
    // are ordered (`party.rs`).
    let wire = |x: i32, y: i32| map.contains(x, y) && map.at(UVec2::new(x as u32, y as u32)) == Terrain::Wire;
    for y in 0..size.y {
        for x in 0..size.x {
            let (mx, my) = (origin.x + x, origin.y + y);
            let terrain = map.at(UVec2::new(mx, my));
            // Which way a fence runs matters only on the wire.
            let east_west =
                terrain == Terrain::Wire && (wire(mx as i32 - 1, my as i32) || wire(mx as i32 + 1, my as i32));
            let standing = art::tree_at(terrain, mx, my)
                .map(|(kind, foot)| (&tileset.trees, &tileset.tree_frames, kind, foot))
                .or_else(|| {
                    art::prop_at(terrain, mx, my, east_west)
                        .map(|(kind, foot)| (&tileset.props, &tileset.prop_frames, kind, foot))
                });
            let Some((image, frames, kind, (dx, dy))) = standing else { continue };
            let foot = Vec2::new(mx as f32 * TILE_PX + dx, my as f32 * TILE_PX + dy);
            let tile_y = foot.y / TILE_PX + 0.5;
            let sprite = commands
                .spawn((
                    Sprite::from_atlas_image(
                        image.clone(),
                        TextureAtlas { layout: frames.clone(), index: kind as usize },
                    ),
                    bevy::sprite::Anchor::BOTTOM_CENTER,
                    Transform::from_translation(foot.extend(10.0 - tile_y * 0.001)),
                ))
                .id();
            commands.entity(root).add_child(sprite);
        }
    }
    root
}

/// Keeps the chunks around the camera spawned and drops the far ones.
#[allow(clippy::too_many_arguments)]
fn stream_chunks(
    mut commands: Commands,
    map: Res<StageMap>,
    stage: Res<State<Stage>>,
    tileset: Res<Tileset>,
    mut images: ResMut<Assets<Image>>,
    mut sheets: ResMut<GroundSheets>,
    mut chunks: ResMut<Chunks>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Transform, &Projection), With<WorldCamera>>,
) {
    if sheets.0.is_none() {
        let sheet =
            |h: &Handle<Image>| images.get(h).and_then(|i| i.data.as_deref().map(|d| Sheet::from_srgba(i.width(), d)));
        // Until both images have loaded there is no ground to lay.
        let (Some(terrain), Some(edges)) = (sheet(&tileset.terrain), sheet(&tileset.transitions)) else { return };
        sheets.0 = Some(Sheets { terrain, edges });
    }
    let Some(sheets) = sheets.0.as_ref() else { return };
    let (transform, projection) = *camera;
    let scale = match projection {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    };
    let half = Vec2::new(window.width(), window.height()) * 0.5 * scale;
    let centre = transform.translation.truncate();
    let span = (CHUNK as f32) * TILE_PX;
    let lo = ((centre - half) / span - 1.0).floor().max(Vec2::ZERO).as_uvec2();
    let max = UVec2::new(map.width.div_ceil(CHUNK), map.height.div_ceil(CHUNK)) - UVec2::ONE;
    let hi = ((centre + half) / span + 1.0).floor().max(Vec2::ZERO).as_uvec2().min(max);
    let mut wanted: Vec<UVec2> = Vec::new();
    for cy in lo.y..=hi.y {
        for cx in lo.x..=hi.x {
            wanted.push(UVec2::new(cx, cy));
        }
    }
    let chunk_centre = |c: UVec2| (c.as_vec2() + 0.5) * span;
    wanted.sort_by(|a, b| {
        chunk_centre(*a).distance_squared(centre).total_cmp(&chunk_centre(*b).distance_squared(centre))
    });
    let stage = *stage.get();
    let relief = *chunks.1.get_or_insert_with(|| relief_of(&map));
    for c in wanted.iter().filter(|c| !chunks.0.contains_key(*c)).take(CHUNKS_PER_FRAME).copied().collect::<Vec<_>>() {
        let e = spawn_chunk(&mut commands, &mut images, &map, sheets, &tileset, stage, c, relief);
        chunks.0.insert(c, e);
    }
    // Keep one more ring than is wanted, so that walking to and fro does not churn.
    chunks.0.retain(|c, e| {
        let keep = c.x + 1 >= lo.x && c.x <= hi.x + 1 && c.y + 1 >= lo.y && c.y <= hi.y + 1;
        if !keep {
            commands.entity(*e).despawn();
        }
        keep
    });
}

/// A new stage, or new ground within it, has a new map: the level of the ground stood on is
/// laid with it. (The map resource also changes when wood is gathered from it, which the
/// ground does not show, so its own change flag is not the question.)
fn is_new_map(stage: Option<Res<State<Stage>>>, level: Option<Res<CurrentLevel>>) -> bool {
    stage.is_some_and(|s| s.is_changed()) || level.is_some_and(|l| l.is_changed())
}

/// Posts along the way out, so the player can see where to go.
fn mark_way_out(mut commands: Commands, way_outs: Query<(Entity, &WayOut), Added<WayOut>>) {
    for (entity, way_out) in &way_outs {
        commands.entity(entity).insert((Transform::default(), Visibility::default()));
        for tile in &way_out.tiles {
            let centre = tile.as_vec2() * TILE_PX;
            commands.entity(entity).with_child((
                Sprite::from_color(Color::srgba(0.95, 0.75, 0.2, 0.55), Vec2::splat(TILE_PX * 0.8)),
                Transform::from_translation(centre.extend(1.0)),
            ));
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Chunks>().init_resource::<GroundSheets>();
    app.add_systems(
        Update,
        (reset_chunks.run_if(is_new_map), stream_chunks.run_if(has_stage_map))
            .chain()
            .run_if(in_state(Screen::Playing)),
    );
    app.add_systems(Update, mark_way_out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levels::Terrain;

    fn ramp(rise: impl Fn(u32, u32) -> f32) -> StageMap {
        let (w, h) = (20u32, 20u32);
        StageMap {
            width: w,
            height: h,
            terrain: vec![Terrain::Rock; (w * h) as usize],
            elevation: (0..w * h).map(|i| rise(i % w, i / w)).collect(),
            wood: vec![false; (w * h) as usize],
            entry: UVec2::ZERO,
            exit: vec![],
            story_water: None,
        }
    }

    #[test]
    fn slopes_to_the_north_west_light_are_bright_those_turned_away_dark_the_flat_as_painted() {
        let flat = ramp(|_, _| 300.0);
        assert_eq!(hill_light(&flat, 5, 5, relief_of(&flat)), 1.0);
        // Rising to the south-east: the slope faces the light.
        let lit = ramp(|x, y| (x as f32 - y as f32) * 20.0 + 1000.0);
        let shaded = ramp(|x, y| (y as f32 - x as f32) * 20.0 + 1000.0);
        let (a, b) = (hill_light(&lit, 10, 10, relief_of(&lit)), hill_light(&shaded, 10, 10, relief_of(&shaded)));
        assert!(a > 1.05 && b < 0.95, "facing {a}, turned away {b}");
        assert!(a <= 1.0 + HILL_SHADE && b >= 1.0 - HILL_SHADE);
        // A slope across the light (rising to the north-east) is neither.
        let across = ramp(|x, y| (x + y) as f32 * 20.0);
        assert!((hill_light(&across, 10, 10, relief_of(&across)) - 1.0).abs() < 1e-4);
        // At the map's edge the missing neighbour is the tile itself: no panic, still lit.
        assert!(hill_light(&lit, 0, 19, relief_of(&lit)) > 1.0);
    }
}
