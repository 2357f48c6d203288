//! The map's tile images, made by `tilegen` into `assets/tiles/` and loaded as assets; and the
//! trees, boulders, yurts, towers and wire that stand on them, painted when the game starts.

use bevy::prelude::*;

#[derive(Resource, Clone)]
pub struct Tileset {
    pub terrain: Handle<Image>,
    pub transitions: Handle<Image>,
    pub trees: Handle<Image>,
    pub tree_frames: Handle<TextureAtlasLayout>,
    pub props: Handle<Image>,
    pub prop_frames: Handle<TextureAtlasLayout>,
}

fn load_tileset(
    mut commands: Commands,
    assets: Res<AssetServer>,
    mut images: ResMut<Assets<Image>>,
    mut layouts: ResMut<Assets<TextureAtlasLayout>>,
) {
    use crate::paint::art::{PROP_H, PROP_KINDS, PROP_W, TREE_H, TREE_KINDS, TREE_W, prop_sheet, tree_sheet};
    let (w, h, px) = tree_sheet();
    let (pw, ph, ppx) = prop_sheet();
    commands.insert_resource(Tileset {
        terrain: assets.load("tiles/terrain.png"),
        transitions: assets.load("tiles/transitions.png"),
        trees: images.add(crate::game::rgba_image(w, h, px)),
        tree_frames: layouts.add(TextureAtlasLayout::from_grid(UVec2::new(TREE_W, TREE_H), TREE_KINDS, 1, None, None)),
        props: images.add(crate::game::rgba_image(pw, ph, ppx)),
        prop_frames: layouts.add(TextureAtlasLayout::from_grid(UVec2::new(PROP_W, PROP_H), PROP_KINDS, 1, None, None)),
    });
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(PreStartup, load_tileset);
}
