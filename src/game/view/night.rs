//! Fires and the dark: each fire drawn flickering, how dark the hour is, how far a fire lights
//! the night and how a lamp's beam falls. The veil (`veil.rs`) lays the dark over the world.

use bevy::prelude::*;

use crate::game::rgba_image;
use crate::game::view::party::world_pos;
use crate::sim::model::party::Position;
use crate::sim::model::supplies::Fire;
use crate::sim::model::watch::BEAM_HALF_WIDTH;
use crate::states::Screen;

/// How far a fire lights the night, tiles.
pub(crate) const LIGHT_TILES: f32 = 5.0;

/// A fire's flames, three frames of flicker.
#[derive(Component)]
struct Flames;

#[derive(Resource)]
struct FireArt {
    image: Handle<Image>,
    layout: Handle<TextureAtlasLayout>,
}

/// Three frames of flames and one of embers, painted here: 12x14 each.
fn paint_fire() -> (u32, u32, Vec<u8>) {
    let (fw, fh, frames) = (12u32, 14u32, 4u32);
    let mut px = vec![0u8; (fw * frames * fh * 4) as usize];
    for f in 0..frames {
        for y in 0..fh {
            for x in 0..fw {
                let (cx, fy) = (x as f32 - 5.5, (fh - 1 - y) as f32);
                // Logs across the bottom.
                let c: Option<[u8; 4]> = if fy < 2.0 && cx.abs() < 5.0 {
                    Some([70, 45, 30, 255])
                } else if f < 3 {
                    let sway = [0.0, 1.0, -1.0][f as usize];
                    let width = (4.5 - fy * 0.38) * (1.0 + 0.08 * f as f32);
                    let dx = (cx - sway * fy / fh as f32).abs();
                    if fy >= 1.0 && dx < width {
                        let heat = 1.0 - dx / width.max(0.1) * 0.6 - fy / fh as f32 * 0.5;
                        Some(if heat > 0.7 {
                            [255, 240, 170, 255]
                        } else if heat > 0.45 {
                            [255, 170, 50, 255]
                        } else {
                            [220, 80, 30, 230]
                        })
                    } else {
                        None
                    }
                } else if fy < 3.0 && cx.abs() < 4.0 && (x + y) % 2 == 0 {
                    Some([200, 70, 30, 255])
                } else {
                    None
                };
                if let Some(c) = c {
                    let at = ((y * fw * frames + f * fw + x) * 4) as usize;
                    px[at..at + 4].copy_from_slice(&c);
                }
            }
        }
    }
    (fw * frames, fh, px)
}

fn make_art(
    mut commands: Commands,
    mut images: ResMut<Assets<Image>>,
    mut layouts: ResMut<Assets<TextureAtlasLayout>>,
) {
    let (w, h, px) = paint_fire();
    commands.insert_resource(FireArt {
        image: images.add(rgba_image(w, h, px)),
        layout: layouts.add(TextureAtlasLayout::from_grid(UVec2::new(12, 14), 4, 1, None, None)),
    });
}

fn draw_fires(mut commands: Commands, art: Res<FireArt>, fires: Query<Entity, Added<Fire>>) {
    for e in &fires {
        commands.entity(e).insert((Transform::default(), Visibility::default())).with_children(|p| {
            p.spawn((
                Flames,
                Sprite::from_atlas_image(art.image.clone(), TextureAtlas { layout: art.layout.clone(), index: 0 }),
                Transform::from_xyz(0.0, 2.0, 0.0),
            ));
        });
    }
}

fn flicker(time: Res<Time>, fires: Query<(&Position, &Fire, &Children)>, mut flames: Query<&mut Sprite, With<Flames>>) {
    for (pos, fire, children) in &fires {
        for child in children.iter() {
            if let Ok(mut sprite) = flames.get_mut(child)
                && let Some(atlas) = sprite.texture_atlas.as_mut()
            {
                let seed = pos.0.x * 7.0 + pos.0.y * 3.0;
                atlas.index = if fire.burning() { ((time.elapsed_secs() * 9.0 + seed) as usize) % 3 } else { 3 };
            }
        }
    }
}

fn place_fires(mut fires: Query<(&Position, &mut Transform), With<Fire>>) {
    for (pos, mut t) in &mut fires {
        t.translation = world_pos(pos.0).extend(9.0 - pos.0.y * 0.001);
    }
}

/// How dark the open ground is at an hour: 0 at noon, 0.88 in the small hours.
pub fn darkness(hour: f32) -> f32 {
    let sun = ((hour - 6.0) / 12.0 * std::f32::consts::PI).sin();
    (0.12 - sun * 1.1).clamp(0.0, 0.88)
}

/// How strongly a searchlight's beam lights a spot `d` from its tower (veil pixels), the beam
/// pointing at `angle` with reach `r`: brightest near the lamp, fading to its reach and at its
/// edges.
pub(crate) fn beam_light(d: Vec2, angle: f32, r: f32) -> f32 {
    let far = d.length();
    if far > r || far < 0.5 {
        return if far < 1.5 && r > 0.0 { 1.0 } else { 0.0 };
    }
    let off = (d.to_angle() - angle + std::f32::consts::PI).rem_euclid(std::f32::consts::TAU) - std::f32::consts::PI;
    let edge = (1.0 - off.abs() / (BEAM_HALF_WIDTH * 1.4)).clamp(0.0, 1.0);
    edge.powf(0.6) * (1.0 - far / r).powf(0.5)
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(Startup, make_art);
    app.add_systems(Update, (draw_fires, place_fires, flicker).chain().run_if(in_state(Screen::Playing)));
}
