//! The cameras. The world camera draws the world at its pixel-art size (a tile's pixel to a
//! canvas pixel at the default zoom) into a canvas half the screen's width and height; the
//! screen camera, which sees the world as the world camera does, draws what must stay sharp
//! (the names and the HUD), and the canvas pass lays that over the canvas doubled on the window
//! (`canvas.rs`). A quarter of the pixels to fill: on a software renderer every pixel of every
//! layer costs, and the world is most of them. The world camera follows the group smoothly and zooms with the wheel,
//! `+`/`-` or a pinch. On the march no world is drawn at all: the march's own map covers the
//! screen.

use bevy::camera::visibility::RenderLayers;
use bevy::camera::{CameraOutputMode, RenderTarget, ScalingMode, Viewport};
use bevy::input::mouse::MouseWheel;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use crate::game::TILE_PX;
use crate::game::hud;
use crate::game::view::canvas::{LaysTheCanvas, PaintsTheWorld, WritesTheWindow};
use crate::game::view::party::world_pos;
use crate::sim::model::party::{Leader, Position};
use crate::sim::world::StageMap;
use crate::states::{Scale, Screen};

/// Screen pixels a canvas pixel covers, across and down.
const PIXEL: u32 = 2;
/// What the screen camera draws: the canvas, and the world's sharp things (names).
pub(crate) const SHARP: RenderLayers = RenderLayers::layer(1);

/// The camera that draws the world into the canvas: it is the one that moves and zooms.
#[derive(Component)]
pub(crate) struct WorldCamera;

/// The camera that draws the canvas, the names and the HUD on the screen, placed as the world
/// camera is: a point under the pointer is the same place for both.
#[derive(Component)]
pub(crate) struct ScreenCamera;

/// The canvas's size for a window: half its pixels each way, at least one. The world camera
/// has no target to write out to (`RenderTarget::None` of this size): Bevy gives it its own
/// texture of the size, which the canvas pass clears and reads (`canvas.rs`).
fn canvas_size(window: &Window) -> UVec2 {
    window.physical_size().max(UVec2::ONE).map(|px| px.div_ceil(PIXEL))
}

/// A projection that shows the window's size in world units times its scale, whatever the
/// size of what it draws into: the canvas and the screen see the same piece of the world.
fn projection_for(window: &Window, scale: f32) -> Projection {
    Projection::Orthographic(OrthographicProjection {
        scaling_mode: ScalingMode::Fixed { width: window.width().max(1.0), height: window.height().max(1.0) },
        scale,
        ..OrthographicProjection::default_2d()
    })
}

fn spawn_cameras(mut commands: Commands, window: Single<&Window, With<PrimaryWindow>>) {
    // No multisampling: the world is pixel art, drawn square to the pixel.
    commands.spawn((
        Name::new("World camera"),
        WorldCamera,
        PaintsTheWorld,
        Camera2d,
        // Its texture is cleared and read by the canvas pass (`canvas.rs`), not copied out.
        Camera { order: -1, output_mode: CameraOutputMode::Skip, clear_color: ClearColorConfig::None, ..default() },
        RenderTarget::None { size: canvas_size(&window) },
        projection_for(&window, 0.5),
        Msaa::Off,
    ));
    commands.spawn((
        Name::new("Screen camera"),
        ScreenCamera,
        Camera2d,
        projection_for(&window, 0.5),
        Msaa::Off,
        SHARP,
        // The HUD is drawn by this camera, not by the highest-ordered one (the window's).
        IsDefaultUiCamera,
    ));
    // Bevy gives a window its picture to fill, and shows it, only for a camera that writes to
    // it itself (`prepare_windows` in bevy_render's `view/window/mod.rs` acquires a swap chain
    // texture only for a window some camera targets with `CameraOutputMode::Write`). The screen
    // camera does not while the world is shown: writing it out would be Bevy's full-screen copy
    // of its texture, which the canvas pass does instead. So this one does: it draws nothing,
    // over one pixel, and the canvas pass fills the window after it.
    commands.spawn((
        Name::new("Window camera"),
        WritesTheWindow,
        Camera2d,
        Camera {
            order: 1,
            is_active: false,
            clear_color: ClearColorConfig::None,
            output_mode: CameraOutputMode::Write { blend_state: None, clear_color: ClearColorConfig::None },
            viewport: Some(Viewport { physical_size: UVec2::ONE, ..default() }),
            ..default()
        },
        Msaa::Off,
        RenderLayers::none(),
    ));
}

/// The size a projection shows (before its scale), if it is a fixed one.
fn fixed(mode: &ScalingMode) -> Option<Vec2> {
    match mode {
        ScalingMode::Fixed { width, height } => Some(Vec2::new(*width, *height)),
        _ => None,
    }
}

/// Keeps the canvas the window's half-size and the screen camera where the world camera is.
/// After the world camera has moved for the frame, before where things are is worked out.
fn fit_the_canvas(
    window: Single<&Window, With<PrimaryWindow>>,
    world: Single<(&Transform, &mut Projection, &mut RenderTarget), (With<WorldCamera>, Without<ScreenCamera>)>,
    screen: Single<(&mut Transform, &mut Projection), With<ScreenCamera>>,
) {
    let (world_at, mut world_projection, mut target) = world.into_inner();
    let (mut screen_at, mut screen_projection) = screen.into_inner();
    let scale = match &*world_projection {
        Projection::Orthographic(o) => o.scale,
        _ => 1.0,
    };
    let wanted = projection_for(&window, scale);
    if let (Projection::Orthographic(have), Projection::Orthographic(want)) = (&*world_projection, &wanted)
        && fixed(&have.scaling_mode) != fixed(&want.scaling_mode)
    {
        *world_projection = wanted.clone();
    }
    if let (Projection::Orthographic(have), Projection::Orthographic(want)) = (&*screen_projection, &wanted)
        && (fixed(&have.scaling_mode) != fixed(&want.scaling_mode) || have.scale != want.scale)
    {
        *screen_projection = wanted;
    }
    if screen_at.translation != world_at.translation {
        screen_at.translation = world_at.translation;
    }
    let size = canvas_size(&window);
    if !matches!(*target, RenderTarget::None { size: now } if now == size) {
        *target = RenderTarget::None { size };
    }
}

/// The world is drawn in a scene (and under the title's and other screens' own pictures), not
/// under the march's map: there the world camera rests, and the screen is cleared instead.
fn look_at_the_world_in_scenes(
    scale: Option<Res<State<Scale>>>,
    mut commands: Commands,
    mut world: Single<&mut Camera, (With<WorldCamera>, Without<ScreenCamera>, Without<WritesTheWindow>)>,
    screen: Single<(Entity, &mut Camera), (With<ScreenCamera>, Without<WritesTheWindow>)>,
    mut window: Single<&mut Camera, (With<WritesTheWindow>, Without<WorldCamera>, Without<ScreenCamera>)>,
) {
    let shown = scale.is_none_or(|s| *s.get() != Scale::March);
    world.is_active = shown;
    window.is_active = shown;
    let (screen, mut camera) = screen.into_inner();
    if shown {
        // The canvas pass clears the screen camera's texture and writes the window itself.
        camera.clear_color = ClearColorConfig::None;
        camera.output_mode = CameraOutputMode::Skip;
        commands.entity(screen).insert(LaysTheCanvas);
    } else {
        show_the_screen_alone(&mut camera);
        commands.entity(screen).remove::<LaysTheCanvas>();
    }
}

/// The screen camera as Bevy draws it: cleared, and copied to the window by Bevy, with no
/// world under it (the march's map covers the screen).
pub(crate) fn show_the_screen_alone(camera: &mut Camera) {
    camera.clear_color = ClearColorConfig::Default;
    // Its copy to the window need not clear the window first: it covers it.
    camera.output_mode = CameraOutputMode::Write { blend_state: None, clear_color: ClearColorConfig::None };
}

/// How far the HUD's panels reach into the screen from its top and its bottom edge, in screen
/// pixels (`hud/mod.rs`: the journey's five lines; the message log's last lines).
const HUD_TOP_PX: f32 = hud::TOP_PANEL_PX;
const HUD_BOTTOM_PX: f32 = 90.0;

fn follow_group(
    time: Res<Time>,
    map: Option<Res<StageMap>>,
    window: Single<&Window, With<PrimaryWindow>>,
    leader: Query<&Position, With<Leader>>,
    mut camera: Query<(&mut Transform, &Projection), With<WorldCamera>>,
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
        // Past the top and bottom edges by the HUD's panels there (the journey's five lines
        // above, the last messages below), so that a group at an edge, as each stage begins,
        // is seen beside them and not under them.
        let past = Vec2::new(0.0, HUD_TOP_PX) * scale;
        let below = Vec2::new(0.0, HUD_BOTTOM_PX) * scale;
        for axis in 0..2 {
            let (min, max) = (lo[axis] + half[axis] - below[axis], hi[axis] - half[axis] + past[axis]);
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
    mut projection: Query<&mut Projection, With<WorldCamera>>,
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

fn reset_camera(mut camera: Query<(&mut Transform, &mut Projection), With<WorldCamera>>) {
    for (mut t, mut p) in &mut camera {
        t.translation = Vec3::ZERO;
        if let Projection::Orthographic(o) = &mut *p {
            // A person about 36 px tall on screen: near enough to tell who is who.
            o.scale = 0.5;
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(Startup, spawn_cameras);
    app.add_systems(OnEnter(Screen::Playing), reset_camera);
    app.add_systems(Update, (follow_group, zoom).run_if(in_state(Screen::Playing)));
    app.add_systems(
        Update,
        look_at_the_world_in_scenes.run_if(state_changed::<Scale>.or_else(state_changed::<Screen>).or_else(run_once)),
    );
    app.add_systems(PostUpdate, fit_the_canvas.before(TransformSystems::Propagate));
}
