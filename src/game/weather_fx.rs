//! Weather on screen: snow and sand driven by the wind, and storms that close down sight (a
//! haze that thickens as the simulation's sight shortens).

use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use crate::sim::state::Screen;
use crate::sim::weather::{Weather, WeatherKind};

/// Flakes or grains at most on screen.
const MAX_PARTICLES: usize = 260;

#[derive(Component)]
struct Particle {
    /// Offset from the camera, pixels: the weather moves with the view.
    at: Vec2,
    speed: f32,
}

#[derive(Component)]
struct Haze;

fn spawn_haze(mut commands: Commands) {
    commands.spawn((
        Name::new("Storm haze"),
        Haze,
        Node { position_type: PositionType::Absolute, width: percent(100), height: percent(100), ..default() },
        BackgroundColor(Color::NONE),
        // Above the world, below the night's dark (0) and the HUD (1).
        GlobalZIndex(-1),
        bevy::ui::FocusPolicy::Pass,
        DespawnOnExit(Screen::Playing),
    ));
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

#[allow(clippy::type_complexity)]
fn drive_particles(
    mut commands: Commands,
    time: Res<Time>,
    weather: Res<Weather>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Transform, &Projection), (With<Camera2d>, Without<Particle>)>,
    mut particles: Query<(Entity, &mut Particle, &mut Transform, &mut Sprite)>,
    mut counter: Local<u32>,
) {
    let (want, colour) = particles_for(weather.kind);
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
            Particle { at, speed: 0.6 + hash(n + 101) * 0.8 },
            Sprite::from_color(colour, Vec2::splat(size)),
            Transform::from_translation((cam.translation.truncate() + at).extend(50.0)),
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
        t.translation = (cam.translation.truncate() + p.at).extend(50.0);
    }
}

/// The haze of a storm: the shorter the sight, the thicker.
fn thicken_haze(weather: Res<Weather>, mut haze: Single<&mut BackgroundColor, With<Haze>>) {
    let storm = match weather.kind {
        WeatherKind::Blizzard => Some(Color::srgb(0.85, 0.87, 0.9)),
        WeatherKind::Sandstorm => Some(Color::srgb(0.78, 0.62, 0.4)),
        WeatherKind::Snowfall => Some(Color::srgb(0.85, 0.87, 0.9)),
        _ => None,
    };
    haze.0 = match storm {
        // Clear-day sight is 14 tiles; a blizzard's two or three leave little to see.
        Some(c) => c.with_alpha(((14.0 - weather.sight_tiles) / 14.0).clamp(0.0, 0.55)),
        None => Color::NONE,
    };
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Playing), spawn_haze);
    app.add_systems(Update, (drive_particles, thicken_haze).run_if(in_state(Screen::Playing)));
}
