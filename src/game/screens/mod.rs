//! The title screen, the loading screen and the pause overlay.

pub mod chronicle;
pub mod dialog;

use bevy::prelude::*;

use crate::game::menus::settings::{Settings, SettingsProblem};
use crate::game::menus::{Overlay, is_overlay_open};
use crate::game::saves::SavedJourney;
use crate::game::{go_to, theme};
use crate::sim::journey::save::ResumeFrom;
use crate::states::{Pause, Screen};

/// What a title-screen button does.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
enum TitleAction {
    NewJourney,
    Continue,
    Settings,
    Controls,
    Quit,
    /// On the pause menu: back to the journey.
    Resume,
    /// On the pause menu: give up the journey, back to the title.
    GiveUp,
}

/// A title-screen button; one with no text (Continue with nothing to continue) is not shown.
fn button(text: impl Into<String>, action: TitleAction) -> impl Bundle {
    let text = text.into();
    let display = if text.is_empty() { Display::None } else { Display::Flex };
    (
        Button,
        action,
        Node {
            width: px(420),
            padding: UiRect::axes(px(16), px(10)),
            justify_content: JustifyContent::Center,
            border: UiRect::all(px(2)),
            display,
            ..default()
        },
        BorderColor::all(theme::DIM),
        BackgroundColor(theme::PANEL),
        children![theme::label(text, 22.0, theme::TEXT)],
    )
}

fn full_screen() -> Node {
    theme::full_screen(18.0)
}

fn spawn_title(
    mut commands: Commands,
    saved: Res<SavedJourney>,
    settings: Res<Settings>,
    settings_problem: Res<SettingsProblem>,
) {
    let continuing = saved.save.as_ref().map(|s| {
        let at = if s.camp.is_some() { ", at camp" } else { "" };
        format!("Continue: {}, day {}{at}  (C)", s.stage.name(), s.clock.day())
    });
    let problem =
        [saved.problem.clone(), settings_problem.0.clone()].into_iter().flatten().collect::<Vec<_>>().join("\n");
    commands.spawn((
        Name::new("Title screen"),
        full_screen(),
        BackgroundColor(theme::BACKGROUND),
        DespawnOnExit(Screen::Title),
        children![
            theme::label("THE WAY BACK", 64.0, theme::ACCENT),
            theme::label("From a Siberian camp to India, on foot. 1940-1942.", 20.0, theme::DIM),
            Node { height: px(24), ..default() },
            button("New journey  (Enter)", TitleAction::NewJourney),
            button(continuing.unwrap_or_default(), TitleAction::Continue),
            button("Settings  (S)", TitleAction::Settings),
            button("Controls  (K)", TitleAction::Controls),
            button("Quit  (Esc)", TitleAction::Quit),
            theme::label(problem, 16.0, theme::WARNING),
            Node { height: px(24), ..default() },
            theme::label(crate::game::menus::describe_keys(&settings), 16.0, theme::DIM),
        ],
    ));
}

fn press_title_buttons(
    mut commands: Commands,
    buttons: Query<(&Interaction, &TitleAction, &mut BorderColor), Changed<Interaction>>,
    saved: Res<SavedJourney>,
    mut next: ResMut<NextState<Screen>>,
    mut overlay: ResMut<NextState<Overlay>>,
    mut pause: ResMut<NextState<Pause>>,
    mut exit: MessageWriter<AppExit>,
) {
    for (interaction, action, mut border) in buttons {
        *border = BorderColor::all(if *interaction == Interaction::None { theme::DIM } else { theme::ACCENT });
        if *interaction == Interaction::Pressed {
            match action {
                TitleAction::NewJourney => next.set(Screen::Loading),
                TitleAction::Continue => continue_journey(&mut commands, &saved, &mut next),
                TitleAction::Settings => overlay.set(Overlay::Settings),
                TitleAction::Controls => overlay.set(Overlay::Controls),
                TitleAction::Quit => {
                    exit.write(AppExit::Success);
                }
                TitleAction::Resume => pause.set(Pause::Running),
                TitleAction::GiveUp => next.set(Screen::Title),
            }
        }
    }
}

fn continue_journey(commands: &mut Commands, saved: &SavedJourney, next: &mut NextState<Screen>) {
    if let Some(save) = &saved.save {
        commands.insert_resource(ResumeFrom(save.clone()));
        next.set(Screen::Loading);
    }
}

fn title_keys(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    saved: Res<SavedJourney>,
    mut next: ResMut<NextState<Screen>>,
    mut overlay: ResMut<NextState<Overlay>>,
    mut exit: MessageWriter<AppExit>,
) {
    let pad = |b: GamepadButton| gamepads.iter().any(|g| g.just_pressed(b));
    if keys.just_pressed(KeyCode::Enter)
        || keys.just_pressed(KeyCode::Space)
        || pad(GamepadButton::Start)
        || pad(GamepadButton::South)
    {
        next.set(Screen::Loading);
    } else if keys.just_pressed(KeyCode::KeyC) || pad(GamepadButton::North) {
        continue_journey(&mut commands, &saved, &mut next);
    } else if keys.just_pressed(KeyCode::KeyS) || pad(GamepadButton::Select) {
        overlay.set(Overlay::Settings);
    } else if keys.just_pressed(KeyCode::KeyK) || pad(GamepadButton::West) {
        overlay.set(Overlay::Controls);
    } else if keys.just_pressed(KeyCode::Escape) {
        exit.write(AppExit::Success);
    }
}

fn spawn_loading(mut commands: Commands) {
    commands.spawn((
        Name::new("Loading screen"),
        full_screen(),
        BackgroundColor(theme::BACKGROUND),
        DespawnOnExit(Screen::Loading),
        children![
            theme::label("The land is being made...", 28.0, theme::TEXT),
            (
                Node { width: px(480), height: px(18), border: UiRect::all(px(2)), ..default() },
                BorderColor::all(theme::DIM),
                children![(
                    LoadingBar,
                    Node { width: percent(0), height: percent(100), ..default() },
                    BackgroundColor(theme::ACCENT)
                )],
            ),
            (LoadingText, theme::label("", 16.0, theme::DIM)),
        ],
    ));
}

#[derive(Component)]
struct LoadingBar;

#[derive(Component)]
struct LoadingText;

/// The bar fills as each stage's map is made.
fn show_loading_progress(
    prepared: Option<Res<crate::sim::journey::PreparedMaps>>,
    mut bar: Query<&mut Node, With<LoadingBar>>,
    mut text: Query<&mut Text, With<LoadingText>>,
) {
    let Some(p) = prepared else { return };
    let done = p.maps.len().min(p.wanted.max(1));
    let share = done as f32 / p.wanted.max(1) as f32;
    for mut node in &mut bar {
        node.width = percent(share * 100.0);
    }
    for mut t in &mut text {
        t.0 = format!("{done} of {} stages of the way", p.wanted);
    }
}

fn spawn_pause_menu(mut commands: Commands) {
    commands.spawn((
        Name::new("Pause menu"),
        full_screen(),
        BackgroundColor(Color::srgba(0.02, 0.03, 0.04, 0.88)),
        GlobalZIndex(10),
        DespawnOnExit(Pause::Paused),
        children![
            theme::label("Paused", 48.0, theme::ACCENT),
            Node { height: px(12), ..default() },
            button("Go on  (Esc)", TitleAction::Resume),
            button("Settings  (S)", TitleAction::Settings),
            button("Controls  (K)", TitleAction::Controls),
            button("Give up the journey  (Q)", TitleAction::GiveUp),
            theme::label(
                "The journey is saved as each stage begins and each time the group makes camp.",
                16.0,
                theme::DIM
            ),
        ],
    ));
}

fn pause_keys(
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    mut next: ResMut<NextState<Screen>>,
    mut overlay: ResMut<NextState<Overlay>>,
) {
    let pad = |b: GamepadButton| gamepads.iter().any(|g| g.just_pressed(b));
    // On a gamepad, giving up takes both shoulder buttons at once: not a press made by accident.
    let give_up = gamepads.iter().any(|g| {
        g.pressed(GamepadButton::LeftTrigger)
            && g.pressed(GamepadButton::RightTrigger)
            && g.just_pressed(GamepadButton::North)
    });
    if keys.just_pressed(KeyCode::KeyQ) || give_up {
        next.set(Screen::Title);
    } else if keys.just_pressed(KeyCode::KeyS) || pad(GamepadButton::Select) {
        overlay.set(Overlay::Settings);
    } else if keys.just_pressed(KeyCode::KeyK) || pad(GamepadButton::West) {
        overlay.set(Overlay::Controls);
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), spawn_title.after(crate::game::saves::read_saved_journey));
    app.add_systems(
        Update,
        (
            (press_title_buttons, title_keys).run_if(in_state(Screen::Title)),
            (press_title_buttons, pause_keys).run_if(in_state(Pause::Paused)),
        )
            .run_if(not(is_overlay_open)),
    );
    app.add_systems(OnEnter(Screen::Loading), spawn_loading);
    app.add_systems(Update, show_loading_progress.run_if(in_state(Screen::Loading)));
    app.add_systems(OnEnter(Pause::Paused), spawn_pause_menu);
    // The chronicle's way back to the title.
    app.add_systems(
        Update,
        go_to(Screen::Title).run_if(
            in_state(Screen::Chronicle).and_then(|k: Res<ButtonInput<KeyCode>>| k.just_pressed(KeyCode::Enter)),
        ),
    );
}
