//! Fires and the dark: each fire drawn flickering, and a night that is really dark except where
//! a fire lights it. The dark is a small mask image stretched over the screen, recomputed each
//! frame from the hour and the fires' places on screen.

use bevy::image::ImageSampler;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use crate::game::view::party::world_pos;
use crate::game::{TILE_PX, rgba_image};
use crate::sim::model::clock::GameClock;
use crate::sim::model::party::Position;
use crate::sim::model::supplies::Fire;
use crate::sim::model::watch::{BEAM_HALF_WIDTH, Searchlight};
use crate::states::Screen;

/// The dark's resolution: coarse, and smoothed when stretched.
const MASK_W: u32 = 160;
const MASK_H: u32 = 90;
/// How far a fire lights the night, tiles.
const LIGHT_TILES: f32 = 5.0;

#[derive(Component)]
struct Darkness(Handle<Image>);

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

fn spawn_darkness(mut commands: Commands, mut images: ResMut<Assets<Image>>) {
    let mut mask = rgba_image(MASK_W, MASK_H, vec![0; (MASK_W * MASK_H * 4) as usize]);
    mask.sampler = ImageSampler::linear();
    let handle = images.add(mask);
    commands.spawn((
        Name::new("Night"),
        Darkness(handle.clone()),
        ImageNode::new(handle),
        Node { position_type: PositionType::Absolute, width: percent(100), height: percent(100), ..default() },
        // Above the world, below the HUD.
        GlobalZIndex(0),
        bevy::ui::FocusPolicy::Pass,
        DespawnOnExit(Screen::Playing),
    ));
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

fn darken_night(
    time: Res<Time>,
    clock: Res<GameClock>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Camera, &GlobalTransform, &Projection), With<Camera2d>>,
    fires: Query<(&Position, &Fire)>,
    lamps: Query<&Searchlight>,
    night: Single<&Darkness>,
    mut images: ResMut<Assets<Image>>,
) {
    let Some(mut mask) = images.get_mut(&night.0) else { return };
    let Some(data) = mask.data.as_mut() else { return };
    let dark = darkness(clock.hour());
    let (camera, cam_t, projection) = *camera;
    let scale = match projection {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    };
    let (sw, sh) = (window.width().max(1.0), window.height().max(1.0));
    // Each burning fire: where it is in mask pixels, and how far it reaches, with a flicker.
    let lights: Vec<(Vec2, f32)> = fires
        .iter()
        .filter(|(_, f)| f.burning())
        .filter_map(|(p, _)| {
            let at = camera.world_to_viewport(cam_t, world_pos(p.0).extend(0.0)).ok()?;
            let wobble = 1.0 + 0.06 * (time.elapsed_secs() * 11.0 + p.0.x).sin();
            let r = LIGHT_TILES * TILE_PX / scale * wobble;
            Some((Vec2::new(at.x / sw * MASK_W as f32, at.y / sh * MASK_H as f32), r / sw * MASK_W as f32))
        })
        .collect();
    // Each lit searchlight: where its tower is in mask pixels, which way the beam points on
    // screen (the screen's y runs down), and how far it reaches.
    let to_mask = Vec2::new(MASK_W as f32 / sw, MASK_H as f32 / sh);
    let beams: Vec<(Vec2, f32, f32)> = lamps
        .iter()
        .filter(|l| l.reach > 0.0)
        .filter_map(|l| {
            let at = camera.world_to_viewport(cam_t, world_pos(l.at).extend(0.0)).ok()?;
            Some((at * to_mask, -l.angle, l.reach * TILE_PX / scale * to_mask.x))
        })
        .collect();
    for y in 0..MASK_H {
        for x in 0..MASK_W {
            let p = Vec2::new(x as f32 + 0.5, y as f32 + 0.5);
            let light =
                lights.iter().map(|(c, r)| (1.0 - p.distance(*c) / r).clamp(0.0, 1.0).powf(0.8)).fold(0.0f32, f32::max);
            let beam = beams.iter().map(|(c, a, r)| beam_light(p - *c, *a, *r)).fold(0.0f32, f32::max);
            // Blending happens in linear light: what looks dark on screen needs more than the
            // share of darkness itself.
            let a = 1.0 - (1.0 - dark * (1.0 - light * 0.92)).powf(1.6);
            // Firelight is warm; the night is blue-black.
            let warm = light * dark;
            let rgb = [(6.0 + 120.0 * warm) as u8, (8.0 + 50.0 * warm) as u8, (22.0 * (1.0 - warm)) as u8];
            let i = ((y * MASK_W + x) * 4) as usize;
            if beam > 0.0 {
                // A lamp's beam: the dark lifted, with a cold tint, so that whoever stands in
                // it is seen plainly.
                let cold = [215.0, 225.0, 245.0];
                for (c, (v, d)) in data[i..i + 3].iter_mut().zip(cold.into_iter().zip(rgb)) {
                    *c = (d as f32 + (v - d as f32) * beam) as u8;
                }
                data[i + 3] = ((a + (0.16 - a) * beam) * 255.0) as u8;
                continue;
            }
            data[i..i + 3].copy_from_slice(&rgb);
            data[i + 3] = ((a + warm * 0.12).min(1.0) * 255.0) as u8;
        }
    }
}

/// How strongly a searchlight's beam lights a spot `d` from its tower (mask pixels), the beam
/// pointing at `angle` with reach `r`: brightest near the lamp, fading to its reach and at its
/// edges.
fn beam_light(d: Vec2, angle: f32, r: f32) -> f32 {
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
    app.add_systems(OnEnter(Screen::Playing), spawn_darkness);
    app.add_systems(Update, (draw_fires, place_fires, flicker, darken_night).chain().run_if(in_state(Screen::Playing)));
}
