//! The veil over the world: one small picture, stretched over the view, that holds everything
//! laid over the ground: the night's dark and the firelight in it, the lamps' beams, a storm's
//! haze, hot air's shimmer, and the fog over what the group cannot see (ground never seen nearly black, ground
//! seen before dimmed). One blended layer instead of four, recomputed each frame from the hour,
//! the weather, the fires and the walkers, and not drawn at all when there is nothing to lay.

use bevy::image::ImageSampler;
use bevy::prelude::*;

use crate::game::view::camera::WorldCamera;
use bevy::window::PrimaryWindow;

use crate::game::view::night::{LIGHT_TILES, beam_light, darkness};
use crate::game::view::party::world_pos;
use crate::game::view::sight::Explored;
use crate::game::view::weather_fx::{heat_shimmer, shimmer_at, storm_haze};
use crate::game::{TILE_PX, rgba_image};
use crate::sim::journey::story::PendingEvent;
use crate::sim::model::air::Weather;
use crate::sim::model::clock::GameClock;
use crate::sim::model::party::Position;
use crate::sim::model::supplies::Fire;
use crate::sim::model::watch::Searchlight;
use crate::sim::world::StageMap;
use crate::states::{Scale, Screen};

/// The veil's resolution: coarse, and smoothed when stretched.
const VEIL_W: u32 = 160;
const VEIL_H: u32 = 90;
/// Over the world's sprites and weather, under nothing but the HUD (which is drawn after).
const VEIL_Z: f32 = 90.0;
/// How much of ground never seen shows through: next to nothing.
const UNKNOWN_ALPHA: f32 = 0.94;
/// How dimmed ground seen before but out of sight now is.
const REMEMBERED_ALPHA: f32 = 0.5;
/// The fog's colour: a cold near-black.
const FOG_RGB: [f32; 3] = [10.0, 12.0, 18.0];
/// The world's dimming behind a question of the story, as the dialog's backdrop dims the
/// march's map (`screens/dialog.rs`): the world waits, and the eye goes to the question.
const ASKING: Layer = Layer { rgb: [0.0; 3], alpha: 0.35 };

#[derive(Component)]
struct Veil(Handle<Image>);

fn spawn_veil(mut commands: Commands, mut images: ResMut<Assets<Image>>) {
    let mut picture = rgba_image(VEIL_W, VEIL_H, vec![0; (VEIL_W * VEIL_H * 4) as usize]);
    picture.sampler = ImageSampler::linear();
    let handle = images.add(picture);
    commands.spawn((
        Name::new("Veil"),
        Veil(handle.clone()),
        Sprite { image: handle, custom_size: Some(Vec2::ONE), ..default() },
        Transform::from_xyz(0.0, 0.0, VEIL_Z),
        Visibility::Hidden,
        DespawnOnExit(Screen::Playing),
    ));
}

/// A layer laid over another: colour (0-255, as stored) and how much it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Layer {
    rgb: [f32; 3],
    alpha: f32,
}

impl Layer {
    const CLEAR: Layer = Layer { rgb: [0.0; 3], alpha: 0.0 };

    /// `self` laid over `below`: what one layer must hold to look as both do.
    fn over(self, below: Layer) -> Layer {
        let alpha = self.alpha + below.alpha * (1.0 - self.alpha);
        if alpha <= 1e-6 {
            return Layer::CLEAR;
        }
        let mix = |i: usize| (self.rgb[i] * self.alpha + below.rgb[i] * below.alpha * (1.0 - self.alpha)) / alpha;
        Layer { rgb: [mix(0), mix(1), mix(2)], alpha }
    }
}

/// The night at one spot: dark by the hour, lifted warm by firelight (`light`) and cold by a
/// lamp's beam (`beam`).
fn night_layer(dark: f32, light: f32, beam: f32) -> Layer {
    // Blending happens in linear light: what looks dark on screen needs more than the share of
    // darkness itself.
    let a = 1.0 - (1.0 - dark * (1.0 - light * 0.92)).powf(1.6);
    // Firelight is warm; the night is blue-black.
    let warm = light * dark;
    let rgb = [6.0 + 120.0 * warm, 8.0 + 50.0 * warm, 22.0 * (1.0 - warm)];
    if beam > 0.0 {
        // A lamp's beam: the dark lifted, with a cold tint, so that whoever stands in it is
        // seen plainly.
        let cold = [215.0, 225.0, 245.0];
        let tint = |i: usize| rgb[i] + (cold[i] - rgb[i]) * beam;
        return Layer { rgb: [tint(0), tint(1), tint(2)], alpha: a + (0.16 - a) * beam };
    }
    Layer { rgb, alpha: (a + warm * 0.12).min(1.0) }
}

/// The low sun at dawn and dusk: a thin amber wash over everything while the sun is low, none by
/// full day or by night.
fn low_sun_layer(hour: f32) -> Layer {
    let sun = ((hour - 6.0) / 12.0 * std::f32::consts::PI).sin();
    let glow = (1.0 - (sun - 0.1).abs() / 0.25).clamp(0.0, 1.0);
    Layer { rgb: [255.0, 140.0, 60.0], alpha: 0.18 * glow }
}

/// The fog at one spot: `seen` how much of it was ever seen, `sight` how plainly it is seen now.
fn fog_layer(seen: f32, sight: f32) -> Layer {
    let hidden = UNKNOWN_ALPHA + (REMEMBERED_ALPHA - UNKNOWN_ALPHA) * seen;
    Layer { rgb: FOG_RGB, alpha: hidden * (1.0 - sight) }
}

/// Recomputes the veil for this frame's view and lays it over the view.
#[allow(clippy::too_many_arguments)]
fn draw_veil(
    time: Res<Time>,
    clock: Res<GameClock>,
    weather: Res<Weather>,
    scale: Res<State<Scale>>,
    map: Option<Res<StageMap>>,
    explored: Res<Explored>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Transform, &Projection), (With<WorldCamera>, Without<Veil>)>,
    fires: Query<(&Position, &Fire)>,
    lamps: Query<&Searchlight>,
    pending: Res<PendingEvent>,
    veil: Single<(&Veil, &mut Sprite, &mut Transform, &mut Visibility)>,
    mut images: ResMut<Assets<Image>>,
) {
    let (veil, mut sprite, mut placed, mut visibility) = veil.into_inner();
    // The march has its own map; the veil is the scene's.
    if *scale.get() != Scale::Scene {
        visibility.set_if_neq(Visibility::Hidden);
        return;
    }
    let (cam, projection) = *camera;
    let zoom = match projection {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    };
    let view = Vec2::new(window.width().max(1.0), window.height().max(1.0)) * zoom;
    let centre = cam.translation.truncate();
    placed.translation = centre.extend(VEIL_Z);
    sprite.custom_size = Some(view);
    let to_veil = Vec2::new(VEIL_W as f32, VEIL_H as f32) / view;
    // From a place in the world to the veil's pixels (row 0 at the top).
    let veil_at = |w: Vec2| {
        Vec2::new(
            (w.x - centre.x) * to_veil.x + VEIL_W as f32 * 0.5,
            VEIL_H as f32 * 0.5 - (w.y - centre.y) * to_veil.y,
        )
    };
    let dark = darkness(clock.hour());
    let low_sun = low_sun_layer(clock.hour());
    // Each burning fire: where it is on the veil, and how far it reaches, with a flicker.
    let lights: Vec<(Vec2, f32)> = fires
        .iter()
        .filter(|(_, f)| f.burning())
        .map(|(p, _)| {
            let wobble = 1.0 + 0.06 * (time.elapsed_secs() * 11.0 + p.0.x).sin();
            (veil_at(world_pos(p.0)), LIGHT_TILES * TILE_PX * wobble * to_veil.x)
        })
        .collect();
    // Each lit searchlight: its tower on the veil, which way the beam points (the veil's rows
    // run down), and how far it reaches.
    let beams: Vec<(Vec2, f32, f32)> = lamps
        .iter()
        .filter(|l| l.reach > 0.0)
        .map(|l| (veil_at(world_pos(l.at)), -l.angle, l.reach * TILE_PX * to_veil.x))
        .collect();
    let haze = storm_haze(weather.kind, weather.sight_tiles);
    let heat = heat_shimmer(&weather);
    let t = time.elapsed_secs();
    let fogged = map.is_some() && !explored.seen.is_empty();
    let asking = pending.0.is_some();
    let Some(mut picture) = images.get_mut(&veil.0) else { return };
    let Some(data) = picture.data.as_mut() else { return };
    let mut most = 0.0f32;
    // Worked out once a frame, not once a pixel: the dark where no fire or lamp reaches, and
    // where each column and row of the veil lies on the map, in tiles (`world_pos` inverted).
    let unlit = night_layer(dark, 0.0, 0.0);
    let columns: Vec<f32> =
        (0..VEIL_W).map(|x| (centre.x + (x as f32 + 0.5 - VEIL_W as f32 * 0.5) / to_veil.x) / TILE_PX + 0.5).collect();
    for y in 0..VEIL_H {
        let py = y as f32 + 0.5;
        let row = (centre.y + (VEIL_H as f32 * 0.5 - py) / to_veil.y) / TILE_PX + 0.5;
        for (x, column) in columns.iter().enumerate() {
            let p = Vec2::new(x as f32 + 0.5, py);
            let light = lights
                .iter()
                .filter_map(|(c, r)| {
                    let near = 1.0 - p.distance(*c) / r;
                    (near > 0.0).then(|| near.powf(0.8))
                })
                .fold(0.0f32, f32::max);
            let beam = beams.iter().map(|(c, a, r)| beam_light(p - *c, *a, *r)).fold(0.0f32, f32::max);
            let tile = Vec2::new(*column, row);
            let sight = if fogged { explored.in_sight(tile) } else { 1.0 };
            // Laid bottom up: the fog on the ground, the storm's air over it, the low sun's
            // colour, and the night over all (a storm is dark at night too).
            let mut layer = Layer::CLEAR;
            if fogged && sight < 1.0 {
                // What a fire or a lamp lights, the group sees.
                let lit = if dark > 0.2 { light.max(beam) } else { 0.0 };
                layer = fog_layer(explored.seen_at(tile), sight.max(lit));
            }
            if let Some((rgb, alpha)) = haze {
                // Thin round the group, thick past what anyone can see: the horizon is gone.
                layer = Layer { rgb, alpha: alpha * (0.45 + 0.55 * (1.0 - sight)) }.over(layer);
            }
            if heat > 0.0 {
                // Hot air over sunlit ground: a pale warm haze, wavering.
                let alpha = heat * (0.03 + 0.09 * shimmer_at(x as f32, py, t));
                layer = Layer { rgb: [255.0, 247.0, 224.0], alpha }.over(layer);
            }
            let night = if light > 0.0 || beam > 0.0 { night_layer(dark, light, beam) } else { unlit };
            layer = night.over(low_sun.over(layer));
            if asking {
                layer = ASKING.over(layer);
            }
            most = most.max(layer.alpha);
            let i = (y as usize * VEIL_W as usize + x) * 4;
            let byte = |v: f32| (v.clamp(0.0, 255.0) + 0.5) as u8;
            data[i] = byte(layer.rgb[0]);
            data[i + 1] = byte(layer.rgb[1]);
            data[i + 2] = byte(layer.rgb[2]);
            data[i + 3] = byte(layer.alpha * 255.0);
        }
    }
    // Nothing to lay (a clear noon, all in sight): the layer is not drawn at all.
    visibility.set_if_neq(if most * 255.0 < 1.0 { Visibility::Hidden } else { Visibility::Inherited });
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Playing), spawn_veil);
    // After the camera has moved for the frame, before where things are is worked out.
    app.add_systems(PostUpdate, draw_veil.run_if(in_state(Screen::Playing)).before(TransformSystems::Propagate));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_laid_as_one_look_as_they_would_one_over_the_other() {
        let black_half = Layer { rgb: [0.0; 3], alpha: 0.5 };
        let white_half = Layer { rgb: [255.0; 3], alpha: 0.5 };
        let both = white_half.over(black_half);
        // On a grey 100 ground: black half over it gives 50, white half over that 152.5.
        let ground = 100.0;
        let one_by_one = 255.0 * 0.5 + (0.0 * 0.5 + ground * 0.5) * 0.5;
        let as_one = both.rgb[0] * both.alpha + ground * (1.0 - both.alpha);
        assert!((one_by_one - as_one).abs() < 1e-3, "{one_by_one} vs {as_one}");
        assert_eq!(Layer::CLEAR.over(Layer::CLEAR), Layer::CLEAR);
        assert_eq!(white_half.over(Layer::CLEAR), white_half);
    }

    #[test]
    fn never_seen_is_near_black_seen_before_is_dimmed_in_sight_is_clear() {
        assert!(fog_layer(0.0, 0.0).alpha > 0.9);
        assert_eq!(fog_layer(1.0, 0.0).alpha, REMEMBERED_ALPHA);
        assert_eq!(fog_layer(1.0, 1.0).alpha, 0.0);
        assert_eq!(fog_layer(0.0, 1.0).alpha, 0.0, "in sight now is in sight, seen or not");
    }

    #[test]
    fn noon_is_clear_midnight_dark_and_a_fire_lifts_the_dark() {
        assert_eq!(night_layer(darkness(12.0), 0.0, 0.0).alpha, 0.0);
        let midnight = night_layer(darkness(0.0), 0.0, 0.0);
        assert!(midnight.alpha > 0.9, "{midnight:?}");
        let by_the_fire = night_layer(darkness(0.0), 1.0, 0.0);
        assert!(by_the_fire.alpha < 0.5 && by_the_fire.rgb[0] > by_the_fire.rgb[2], "{by_the_fire:?}");
        let in_the_beam = night_layer(darkness(0.0), 0.0, 1.0);
        assert!((in_the_beam.alpha - 0.16).abs() < 1e-4);
    }

    #[test]
    fn the_low_sun_warms_dawn_and_dusk_only() {
        assert_eq!(low_sun_layer(12.0).alpha, 0.0, "noon");
        assert_eq!(low_sun_layer(0.0).alpha, 0.0, "midnight");
        for hour in [6.4, 17.6] {
            let sun = low_sun_layer(hour);
            assert!(sun.alpha > 0.1 && sun.rgb[0] > sun.rgb[2], "{hour}: {sun:?}");
        }
    }
}
