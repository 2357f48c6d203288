//! The windowed game: screens, the map and the party on screen, the HUD and input. Reads the
//! simulation; the simulation never reads this.

mod audio;
pub mod dev;
pub(crate) mod hall;
mod hud;
mod input;
pub mod menus;
mod saves;
mod screens;
pub mod seeds;
pub(crate) mod store;
pub mod theme;
mod view;

use std::process::ExitCode;

use bevy::prelude::*;
use bevy::state::state::FreelyMutableState;

use crate::levels::Levels;
use crate::sim::SimulationPlugin;

/// Pixels a map tile is drawn with.
pub const TILE_PX: f32 = 16.0;

/// The windowed game: Bevy's default plugins, the audio plugin, the simulation
/// and the presentation.
pub struct GamePlugin {
    pub levels: Levels,
    pub autoplay: bool,
    /// How many times faster than normal the game runs.
    pub speed: f32,
    /// The stage a journey starts in.
    pub start: crate::states::Stage,
    /// Time this many frames of a stormy night and quit (`--bench-frames`).
    pub bench_frames: Option<u32>,
    /// What the benchmark looks at.
    pub bench_view: dev::framebench::BenchView,
    /// The window's size, pixels (the browser's canvas fills its page whatever this says).
    pub window: (u32, u32),
    /// An input script to play (`--replay`).
    pub replay: Option<dev::replay::Replay>,
    /// Why this run's journey is not saved (a benchmark, a trial); `None`: it is.
    pub not_saved: Option<String>,
    /// Fail on purpose a few seconds in (`--crash-test`).
    pub crash_test: bool,
    /// The seed given on the command line: every new journey uses it (else a fresh one each).
    pub fixed_seed: Option<u64>,
    /// The difficulty given on the command line (else the one chosen on the title).
    pub difficulty: Option<crate::sim::model::hardship::Difficulty>,
    /// Which executor runs the app's schedules (`--executor`).
    pub executor: crate::sim::Executor,
}

impl Plugin for GamePlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(
            DefaultPlugins
                .set(WindowPlugin {
                    primary_window: Some(Window {
                        title: "The Way Back".into(),
                        resolution: self.window.into(),
                        // In the browser: the page's canvas, filling the window.
                        canvas: Some("#bevy".into()),
                        fit_canvas_to_parent: true,
                        prevent_default_event_handling: true,
                        // A benchmark times the work of a frame, not the wait for the screen's
                        // refresh (under Xvfb, a 60 Hz one); the game waits for it, not to tear.
                        present_mode: if self.bench_frames.is_some() {
                            bevy::window::PresentMode::AutoNoVsync
                        } else {
                            bevy::window::PresentMode::AutoVsync
                        },
                        ..default()
                    }),
                    ..default()
                })
                .set(ImagePlugin::default_nearest())
                .set(AssetPlugin {
                    file_path: assets_dir(),
                    // The web server has no `.meta` files; asking for them only makes 404s.
                    meta_check: bevy::asset::AssetMetaCheck::Never,
                    ..default()
                }),
        );
        // Until a new journey picks its own (`seeds.rs`), the seed given, else the headless default.
        let seed = self.fixed_seed.unwrap_or(1);
        app.add_plugins(SimulationPlugin { seed, levels: self.levels.clone(), autoplay: self.autoplay });
        app.add_plugins(crate::sim::ExecutorPlugin(self.executor));
        app.insert_resource(ClearColor(theme::BACKGROUND));
        app.insert_resource(input::GameSpeed(self.speed));
        app.insert_resource(crate::sim::model::stage::StartStage(self.start));
        app.insert_resource(crate::sim::journey::PrepareMapsAhead);
        if let Some(n) = self.bench_frames {
            app.insert_resource(dev::framebench::BenchFrames(n, self.bench_view));
            // A window without focus (as under Xvfb, with no window manager) is otherwise woken
            // at 60 Hz at most: a floor of 16.7 ms under every frame timed.
            use bevy::winit::{UpdateMode, WinitSettings};
            app.insert_resource(WinitSettings {
                focused_mode: UpdateMode::Continuous,
                unfocused_mode: UpdateMode::Continuous,
            });
        }
        if let Some(r) = &self.replay {
            app.insert_resource(r.clone());
        }
        app.insert_resource(saves::SavePolicy { not_saved: self.not_saved.clone() });
        app.insert_resource(seeds::SeedChoice {
            fixed: self.fixed_seed,
            typed: None,
            difficulty: self.difficulty.unwrap_or_default(),
        });
        app.insert_resource(screens::hall::DifficultyGiven(self.difficulty.is_some()));
        if self.crash_test {
            app.insert_resource(dev::crash::CrashTest);
        }
        // The autoplayer lets each question stand long enough to be read.
        app.insert_resource(crate::sim::journey::autoplay::ReadingTime((crate::sim::TICKS_PER_SECOND * 4.0) as u32));
        app.add_systems(Last, announce_first_frame);
        app.add_plugins((
            view::camera::plugin,
            view::tileset::plugin,
            view::map::plugin,
            view::party::plugin,
            hud::plugin,
            input::plugin,
            screens::plugin,
            screens::chronicle::plugin,
            screens::dialog::plugin,
            saves::plugin,
            hud::hints::plugin,
            dev::framebench::plugin,
            view::night::plugin,
            view::weather_fx::plugin,
            dev::replay::plugin,
        ));
        app.add_plugins((dev::crash::plugin, seeds::plugin, hall::plugin, screens::hall::plugin));
        app.add_plugins((
            menus::settings::plugin,
            menus::plugin,
            menus::journal::plugin,
            audio::plugin,
            view::march::plugin,
            view::tracks::plugin,
            view::sight::plugin,
            view::veil::plugin,
            view::canvas::plugin,
        ));
    }
}

/// Says once that frames are being drawn: the browser test times start-up by it.
fn announce_first_frame(frames: Res<bevy::diagnostic::FrameCount>, mut said: Local<bool>) {
    if !*said && frames.0 >= 2 {
        *said = true;
        info!("first frame drawn");
    }
}

/// Where the game's assets are: `BEVY_ASSET_ROOT/assets` if set, else `assets` beside the
/// executable, else the source tree's (a binary run straight from Cargo's target directory).
fn assets_dir() -> String {
    if cfg!(target_arch = "wasm32") {
        return "assets".into();
    }
    let beside_exe = std::env::current_exe().ok().and_then(|p| p.parent().map(|d| d.join("assets")));
    if std::env::var_os("BEVY_ASSET_ROOT").is_none() {
        if let Some(dir) = beside_exe.filter(|d| d.is_dir()) {
            return dir.to_string_lossy().into_owned();
        }
        let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
        if source.is_dir() {
            return source.to_string_lossy().into_owned();
        }
    }
    "assets".into()
}

/// Whether a window can be opened at all: without a display winit would panic.
fn has_display() -> bool {
    cfg!(target_arch = "wasm32")
        || cfg!(not(target_os = "linux"))
        || std::env::var_os("DISPLAY").is_some()
        || std::env::var_os("WAYLAND_DISPLAY").is_some()
}

/// Plays the game in a window until the player quits.
pub fn run(game: GamePlugin) -> ExitCode {
    if !has_display() {
        {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "error: no display to open a window on (DISPLAY is not set); run with --headless"
            );
        }
        return ExitCode::from(2);
    }
    let exit = App::new().add_plugins(game).run();
    match exit {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// Shows a message that stops the game (a broken level file) in a window until a key is
/// pressed or the window is closed.
pub fn show_error(message: &str) {
    if !has_display() {
        return;
    }
    let message = message.to_string();
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "The Way Back - cannot start".into(),
                resolution: (900u32, 360u32).into(),
                ..default()
            }),
            ..default()
        }))
        .insert_resource(ClearColor(theme::BACKGROUND))
        .add_systems(Startup, move |mut commands: Commands| {
            commands.spawn(Camera2d);
            commands.spawn((
                Node {
                    width: percent(100),
                    height: percent(100),
                    flex_direction: FlexDirection::Column,
                    justify_content: JustifyContent::Center,
                    padding: UiRect::all(px(32)),
                    row_gap: px(16),
                    ..default()
                },
                children![
                    theme::label(message.clone(), 22.0, theme::WARNING),
                    theme::label("Press any key to close.", 18.0, theme::DIM),
                ],
            ));
        })
        .add_systems(Update, |keys: Res<ButtonInput<KeyCode>>, mut exit: MessageWriter<AppExit>| {
            if keys.get_just_pressed().next().is_some() {
                exit.write(AppExit::Success);
            }
        })
        .run();
}

/// An image painted in code (RGBA, sRGB), for the renderer and for updating on the CPU.
pub fn rgba_image(width: u32, height: u32, data: Vec<u8>) -> Image {
    use bevy::asset::RenderAssetUsages;
    use bevy::render::render_resource::{Extent3d, TextureDimension, TextureFormat};
    Image::new(
        Extent3d { width, height, depth_or_array_layers: 1 },
        TextureDimension::D2,
        data,
        TextureFormat::Rgba8UnormSrgb,
        RenderAssetUsages::RENDER_WORLD | RenderAssetUsages::MAIN_WORLD,
    )
}

/// A system that moves to `state`.
pub fn go_to<S: FreelyMutableState + Clone>(state: S) -> impl FnMut(ResMut<NextState<S>>) + Clone {
    move |mut next: ResMut<NextState<S>>| next.set(state.clone())
}
