//! The map's tile images, made by `tilegen` into `assets/tiles/` and loaded as assets.

use bevy::prelude::*;

#[derive(Resource, Clone)]
pub struct Tileset {
    pub terrain: Handle<Image>,
    pub transitions: Handle<Image>,
}

fn load_tileset(mut commands: Commands, assets: Res<AssetServer>) {
    commands.insert_resource(Tileset {
        terrain: assets.load("tiles/terrain.png"),
        transitions: assets.load("tiles/transitions.png"),
    });
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(PreStartup, load_tileset);
}
