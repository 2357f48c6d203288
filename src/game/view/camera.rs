//! The camera: follows the group smoothly and zooms with the wheel, `+`/`-` or a pinch.

use bevy::input::mouse::MouseWheel;
use bevy::prelude::*;

use bevy::window::PrimaryWindow;

use crate::game::TILE_PX;
use crate::game::view::party::world_pos;
use crate::sim::model::party::{Leader, Position};
use crate::sim::world::StageMap;
use crate::states::Screen;

fn spawn_camera(mut commands: Commands) {
    commands.spawn((Name::new("Camera"), Camera2d));
}

fn follow_group(
    time: Res<Time>,
    map: Option<Res<StageMap>>,
    window: Single<&Window, With<PrimaryWindow>>,
    leader: Query<&Position, With<Leader>>,
    mut camera: Query<(&mut Transform, &Projection), With<Camera2d>>,
) {
    let (Ok(lead), Ok((mut cam, projection))) = (leader.single(), camera.single_mut()) else { return };
    let mut target = world_pos(lead.0);
    if let Some(map) = map {
        // Keep the view on the map: past its edge there is nothing to see.
        let scale = match projection {
            Projection::Orthographic(o) => o.scale,
            _ => 1.0,
        };
        let half = Vec2::new(window.width(), window.height()) * 0.5 * scale;
        let lo = Vec2::splat(-TILE_PX * 0.5);
        let hi = Vec2::new(map.width as f32, map.height as f32) * TILE_PX + lo;
        for axis in 0..2 {
            let (min, max) = (lo[axis] + half[axis], hi[axis] - half[axis]);
            target[axis] = if min > max { (lo[axis] + hi[axis]) * 0.5 } else { target[axis].clamp(min, max) };
        }
    }
    let target = target.extend(cam.translation.z);
    // Exponential easing: smooth at any frame rate, and it snaps after a stage change.
    let far = cam.translation.distance(target) > 600.0;
    let t = if far { 1.0 } else { 1.0 - (-4.0 * time.delta_secs()).exp() };
    cam.translation = cam.translation.lerp(target, t);
}

fn zoom(
    keys: Res<ButtonInput<KeyCode>>,
    touches: Res<Touches>,
    mut wheel: MessageReader<MouseWheel>,
    mut projection: Query<&mut Projection, With<Camera2d>>,
    mut pinch_from: Local<Option<f32>>,
) {
    let Ok(mut projection) = projection.single_mut() else { return };
    let Projection::Orthographic(ortho) = &mut *projection else { return };
    let mut factor = 1.0;
    for event in wheel.read() {
        factor *= if event.y > 0.0 { 0.9 } else { 1.1 };
    }
    if keys.just_pressed(KeyCode::Equal) || keys.just_pressed(KeyCode::NumpadAdd) {
        factor *= 0.8;
    }
    if keys.just_pressed(KeyCode::Minus) || keys.just_pressed(KeyCode::NumpadSubtract) {
        factor *= 1.25;
    }
    // Two fingers: the view scales as their spread does (apart is nearer).
    let mut fingers = touches.iter();
    if let (Some(a), Some(b), None) = (fingers.next(), fingers.next(), fingers.next()) {
        pinch_from.get_or_insert(ortho.scale);
        let (now, before) =
            (a.position().distance(b.position()), a.previous_position().distance(b.previous_position()));
        if now > 1.0 && before > 1.0 {
            factor *= before / now;
        }
    } else if let Some(from) = pinch_from.take() {
        info!("pinched: the view's scale {from:.2} -> {:.2}", ortho.scale);
    }
    ortho.scale = (ortho.scale * factor).clamp(0.25, 3.0);
}

fn reset_camera(mut camera: Query<(&mut Transform, &mut Projection), With<Camera2d>>) {
    for (mut t, mut p) in &mut camera {
        t.translation = Vec3::ZERO;
        if let Projection::Orthographic(o) = &mut *p {
            o.scale = 0.75;
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_camera);
    app.add_systems(OnEnter(Screen::Playing), reset_camera);
    app.add_systems(Update, (follow_group, zoom).run_if(in_state(Screen::Playing)));
}
