//! Draws the stage's generated map with bevy_ecs_tilemap, and marks the way out.

use bevy::prelude::*;
use bevy_ecs_tilemap::prelude::*;

use super::TILE_PX;
use super::tileset::{Tileset, texture_index};
use crate::sim::journey::WayOut;
use crate::sim::state::Stage;
use crate::sim::world::StageMap;

fn draw_map(
    mut commands: Commands,
    map: Res<StageMap>,
    stage: Res<State<Stage>>,
    tileset: Res<Tileset>,
) {
    let stage = *stage.get();
    let size = TilemapSize { x: map.width, y: map.height };
    let tilemap = commands.spawn_empty().id();
    let mut storage = TileStorage::empty(size);
    for y in 0..map.height {
        for x in 0..map.width {
            let pos = TilePos { x, y };
            let terrain = map.at(UVec2::new(x, y));
            let tile = commands
                .spawn((
                    TileBundle {
                        position: pos,
                        tilemap_id: TilemapId(tilemap),
                        texture_index: TileTextureIndex(texture_index(terrain, x, y)),
                        ..default()
                    },
                    DespawnOnExit(stage),
                ))
                .id();
            storage.set(&pos, tile);
        }
    }
    let tile_size = TilemapTileSize { x: TILE_PX, y: TILE_PX };
    commands.entity(tilemap).insert((
        Name::new("Stage map"),
        TilemapBundle {
            grid_size: tile_size.into(),
            map_type: TilemapType::Square,
            size,
            storage,
            texture: TilemapTexture::Single(tileset.0.clone()),
            tile_size,
            anchor: TilemapAnchor::None,
            // Chunks keep big maps cheap: only those on screen are drawn.
            render_settings: TilemapRenderSettings { render_chunk_size: UVec2::new(32, 32), y_sort: false },
            ..default()
        },
        DespawnOnExit(stage),
    ));
}

fn has_new_map(map: Option<Res<StageMap>>) -> bool {
    map.is_some_and(|m| m.is_changed())
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

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, (draw_map.run_if(has_new_map), mark_way_out));
}
