//! Weather on screen: snow and sand driven by the wind, the colour and thickness of a storm's
//! haze (which the veil lays over the world as the simulation's sight shortens), breath that
//! clouds in the cold, and the air that shimmers over hot ground.

use bevy::prelude::*;

use crate::game::view::camera::WorldCamera;
use bevy::window::PrimaryWindow;

use crate::game::view::night::darkness;
use crate::levels::WeatherKind;
use crate::sim::model::air::Weather;
use crate::sim::model::clock::GameClock;
use crate::sim::model::party::{Member, Position, Status};
use crate::states::Screen;

/// Below this air temperature (°C) breath shows as a cloud.
const BREATH_BELOW_C: f32 = -5.0;
/// Above this, with the sun up, the ground shimmers.
const SHIMMER_ABOVE_C: f32 = 25.0;

/// A puff of breath, rising and fading.
#[derive(Component)]
struct Breath {
    age: f32,
    drift: Vec2,
}

const BREATH_SECONDS: f32 = 1.6;

#[derive(Resource)]
struct PuffImage(Handle<Image>);

/// A soft round puff, painted in code.
fn paint_puff(mut commands: Commands, mut images: ResMut<Assets<Image>>) {
    const N: u32 = 8;
    let mut px = Vec::with_capacity((N * N * 4) as usize);
    for y in 0..N {
        for x in 0..N {
            let d = Vec2::new(x as f32 + 0.5, y as f32 + 0.5).distance(Vec2::splat(N as f32 / 2.0)) / (N as f32 / 2.0);
            let a = ((1.0 - d) * 1.6).clamp(0.0, 1.0);
            px.extend_from_slice(&[240, 244, 250, (a * 255.0) as u8]);
        }
    }
    commands.insert_resource(PuffImage(images.add(crate::game::rgba_image(N, N, px))));
}

/// Each walker breathes out a cloud every couple of seconds, carried off by the wind.
fn breathe(
    mut commands: Commands,
    time: Res<Time>,
    weather: Res<Weather>,
    puff: Res<PuffImage>,
    members: Query<(&Member, &Position, &Status)>,
    mut puffs: Query<(Entity, &mut Breath, &mut Transform, &mut Sprite)>,
    mut clock: Local<f32>,
) {
    let dt = time.delta_secs();
    for (e, mut b, mut t, mut sprite) in &mut puffs {
        b.age += dt;
        if b.age >= BREATH_SECONDS {
            commands.entity(e).despawn();
            continue;
        }
        let k = b.age / BREATH_SECONDS;
        t.translation += (b.drift * dt).extend(0.0);
        t.scale = Vec3::splat(0.5 + k * 0.9);
        sprite.color = Color::WHITE.with_alpha(0.75 * (1.0 - k));
    }
    if weather.air_c >= BREATH_BELOW_C {
        return;
    }
    let before = *clock;
    *clock += dt;
    let wind = Vec2::new(1.0, -0.2) * (2.0 + weather.wind_kmh * 0.4);
    for (m, pos, status) in &members {
        if *status != Status::Walking {
            continue;
        }
        // Staggered, so the group does not breathe as one.
        let period = 2.2 + (m.0 as u32 % 3) as f32 * 0.3;
        let offset = m.0 as u32 as f32 * 0.37;
        if ((before + offset) / period).floor() == ((*clock + offset) / period).floor() {
            continue;
        }
        let head = crate::game::view::party::world_pos(pos.0) + Vec2::new(3.0, 7.0);
        commands.spawn((
            Breath { age: 0.0, drift: wind + Vec2::new(0.0, 4.0) },
            Sprite { image: puff.0.clone(), color: Color::WHITE.with_alpha(0.75), ..default() },
            Transform::from_translation(head.extend(40.0)).with_scale(Vec3::splat(0.5)),
            DespawnOnExit(Screen::Playing),
        ));
    }
}

/// How strongly hot air shimmers over the ground, 0 to 1: from 25 °C in the sun, full ten
/// degrees hotter. The veil lays it as a wavering pale haze (`veil.rs`).
pub(crate) fn heat_shimmer(weather: &Weather) -> f32 {
    ((weather.air_c - SHIMMER_ABOVE_C) / 10.0).clamp(0.0, 1.0) * weather.sun
}

/// The shimmer's haze at a veil pixel (`x`, `y`) at `t` seconds, as a share of its strength:
/// soft ripples that waver sideways and drift up, never a straight band.
pub(crate) fn shimmer_at(x: f32, y: f32, t: f32) -> f32 {
    let waver = (y * 0.45 + t * 1.9).sin() * 1.6;
    let ripple = 0.5 + 0.5 * (x * 0.32 + waver + t * 0.8).sin();
    let rise = 0.5 + 0.5 * (y * 0.21 + t * 1.1 + (x * 0.07).sin()).sin();
    ripple * rise
}

/// Flakes or grains at most on screen.
const MAX_PARTICLES: usize = 260;

#[derive(Component)]
struct Particle {
    /// Offset from the camera, pixels: the weather moves with the view.
    at: Vec2,
    speed: f32,
}

/// How many particles the weather calls for, and their colour.
fn particles_for(kind: WeatherKind) -> (usize, Color) {
    match kind {
        WeatherKind::Snowfall => (120, Color::srgba(1.0, 1.0, 1.0, 0.85)),
        WeatherKind::Blizzard => (MAX_PARTICLES, Color::srgba(1.0, 1.0, 1.0, 0.9)),
        WeatherKind::Sandstorm => (MAX_PARTICLES, Color::srgba(0.85, 0.7, 0.45, 0.8)),
        _ => (0, Color::NONE),
    }
}

fn hash(i: u32) -> f32 {
    let mut h = i.wrapping_mul(0x9E37_79B1);
    h ^= h >> 15;
    h = h.wrapping_mul(0x85EB_CA77);
    h ^= h >> 13;
    (h & 0xffff) as f32 / 65535.0
}

/// Particles are drawn over the veil (z 90), so a blizzard can be seen at night; dimmed as
/// the dark deepens, as flakes are seen by what little light there is.
const PARTICLE_Z: f32 = 95.0;

/// How bright a flake or grain is drawn in the dark `dark` (0 at noon, 0.88 at the darkest).
fn seen_in_the_dark(colour: Color, dark: f32) -> Color {
    let k = 1.0 - dark * 0.7;
    let c = colour.to_srgba();
    Color::srgba(c.red * k, c.green * k, c.blue * k, c.alpha * (1.0 - dark * 0.35))
}

#[allow(clippy::too_many_arguments)]
fn drive_particles(
    mut commands: Commands,
    time: Res<Time>,
    weather: Res<Weather>,
    clock: Res<GameClock>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Transform, &Projection), (With<WorldCamera>, Without<Particle>)>,
    mut particles: Query<(Entity, &mut Particle, &mut Transform, &mut Sprite)>,
    mut counter: Local<u32>,
) {
    let (want, colour) = particles_for(weather.kind);
    let colour = seen_in_the_dark(colour, darkness(clock.hour()));
    let (cam, projection) = *camera;
    let scale = match projection {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    };
    let half = Vec2::new(window.width(), window.height()) * 0.5 * scale;
    let have = particles.iter().count();
    for _ in have..want {
        *counter += 1;
        let n = *counter;
        let at = Vec2::new((hash(n) * 2.0 - 1.0) * half.x, (hash(n + 7919) * 2.0 - 1.0) * half.y);
        let size = if weather.kind == WeatherKind::Sandstorm { 1.5 } else { 1.0 + hash(n + 31) * 1.5 };
        commands.spawn((
            Name::new("Weather particle"),
            Particle { at, speed: 0.6 + hash(n + 101) * 0.8 },
            Sprite::from_color(colour, Vec2::splat(size)),
            Transform::from_translation((cam.translation.truncate() + at).extend(PARTICLE_Z)),
            DespawnOnExit(Screen::Playing),
        ));
    }
    // Blown along by the wind (from the west, a little down), faster in a gale.
    let wind = Vec2::new(1.0, -0.35) * (30.0 + weather.wind_kmh * 4.0);
    let fall = if weather.kind == WeatherKind::Sandstorm { Vec2::ZERO } else { Vec2::new(0.0, -40.0) };
    let mut extra = have.saturating_sub(want);
    for (e, mut p, mut t, mut sprite) in &mut particles {
        if extra > 0 {
            commands.entity(e).despawn();
            extra -= 1;
            continue;
        }
        sprite.color = colour;
        let speed = p.speed;
        p.at += (wind + fall) * speed * time.delta_secs();
        // Wrap around the view, so the storm never thins out.
        for axis in 0..2 {
            if p.at[axis] > half[axis] {
                p.at[axis] -= 2.0 * half[axis];
            } else if p.at[axis] < -half[axis] {
                p.at[axis] += 2.0 * half[axis];
            }
        }
        t.translation = (cam.translation.truncate() + p.at).extend(PARTICLE_Z);
    }
}

/// The haze of a storm, as a colour (0-255) and how thick it is over what the group can see:
/// the shorter the sight, the thicker. `None` in clear air.
pub(crate) fn storm_haze(kind: WeatherKind, sight_tiles: f32) -> Option<([f32; 3], f32)> {
    let rgb = match kind {
        WeatherKind::Blizzard | WeatherKind::Snowfall => [217.0, 222.0, 230.0],
        WeatherKind::Sandstorm => [199.0, 158.0, 102.0],
        _ => return None,
    };
    // Clear-day sight is 14 tiles; a blizzard's two leave little to see.
    let thick = ((14.0 - sight_tiles) / 14.0).clamp(0.0, 0.7);
    (thick > 0.0).then_some((rgb, thick))
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(Startup, paint_puff);
    app.add_systems(Update, (drive_particles, breathe).run_if(in_state(Screen::Playing)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snow_at_night_is_dimmer_than_by_day_but_still_there() {
        let (_, flake) = particles_for(WeatherKind::Blizzard);
        let day = seen_in_the_dark(flake, 0.0).to_srgba();
        let night = seen_in_the_dark(flake, 0.88).to_srgba();
        assert_eq!(day, flake.to_srgba());
        assert!(night.red < day.red && night.red > 0.3, "a flake at night is grey, not gone: {night:?}");
        assert!(night.alpha > 0.5);
    }

    #[test]
    fn the_shimmer_ripples_along_a_row_and_is_not_a_band() {
        // Along one row at one moment the haze rises and falls: a straight band would not.
        let row: Vec<f32> = (0..160).map(|x| shimmer_at(x as f32, 40.0, 3.0)).collect();
        let (lo, hi) = row.iter().fold((1.0f32, 0.0f32), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
        assert!(hi - lo > 0.5, "flat along the row: {lo}..{hi}");
        assert!(row.iter().all(|v| (0.0..=1.0).contains(v)));
        // No heat, no shimmer; the full ten degrees over in full sun, all of it.
        let mut w = Weather { sun: 1.0, air_c: 20.0, ..Default::default() };
        assert_eq!(heat_shimmer(&w), 0.0);
        w.air_c = 36.0;
        assert_eq!(heat_shimmer(&w), 1.0);
    }
}
