//! The title screen, the loading screen and the pause overlay.

use bevy::prelude::*;

use super::saves::SavedJourney;
use super::{go_to, theme};
use crate::sim::save::ResumeFrom;
use crate::sim::state::{Pause, Screen};

/// What a title-screen button does.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
enum TitleAction {
    NewJourney,
    Continue,
    Quit,
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
    Node {
        width: percent(100),
        height: percent(100),
        flex_direction: FlexDirection::Column,
        justify_content: JustifyContent::Center,
        align_items: AlignItems::Center,
        row_gap: px(18),
        ..default()
    }
}

fn spawn_title(mut commands: Commands, saved: Res<SavedJourney>) {
    let continuing = saved.save.as_ref().map(|s| format!("Continue: {}, day {}  (C)", s.stage.name(), s.clock.day()));
    let problem = saved.problem.clone().unwrap_or_default();
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
            button("Quit  (Esc)", TitleAction::Quit),
            theme::label(problem, 16.0, theme::WARNING),
            Node { height: px(24), ..default() },
            theme::label(
                "Walk: WASD / arrows / click  |  Camp until dawn: C  |  Gather wood: G  |  Fire: F  |  Drink & fill skins: R\nEncourage: E  |  Pace: 1 slow, 2 steady, 3 forced  |  Pause: Esc  |  Zoom: wheel or +/-",
                16.0,
                theme::DIM,
            ),
        ],
    ));
}

fn press_title_buttons(
    mut commands: Commands,
    buttons: Query<(&Interaction, &TitleAction, &mut BorderColor), Changed<Interaction>>,
    saved: Res<SavedJourney>,
    mut next: ResMut<NextState<Screen>>,
    mut exit: MessageWriter<AppExit>,
) {
    for (interaction, action, mut border) in buttons {
        *border = BorderColor::all(if *interaction == Interaction::None { theme::DIM } else { theme::ACCENT });
        if *interaction == Interaction::Pressed {
            match action {
                TitleAction::NewJourney => next.set(Screen::Loading),
                TitleAction::Continue => continue_journey(&mut commands, &saved, &mut next),
                TitleAction::Quit => {
                    exit.write(AppExit::Success);
                }
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
    mut exit: MessageWriter<AppExit>,
) {
    let pad = |b: GamepadButton| gamepads.iter().any(|g| g.just_pressed(b));
    if keys.just_pressed(KeyCode::Enter) || keys.just_pressed(KeyCode::Space) || pad(GamepadButton::Start) || pad(GamepadButton::South) {
        next.set(Screen::Loading);
    } else if keys.just_pressed(KeyCode::KeyC) || pad(GamepadButton::North) {
        continue_journey(&mut commands, &saved, &mut next);
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
        children![theme::label("The land is being made...", 28.0, theme::TEXT)],
    ));
}

fn spawn_pause_menu(mut commands: Commands) {
    commands.spawn((
        Name::new("Pause menu"),
        full_screen(),
        BackgroundColor(Color::srgba(0.0, 0.0, 0.0, 0.6)),
        GlobalZIndex(10),
        DespawnOnExit(Pause::Paused),
        children![
            theme::label("Paused", 48.0, theme::ACCENT),
            theme::label("Esc: go on  |  Q: give up the journey and return to the title", 20.0, theme::TEXT),
        ],
    ));
}

fn quit_to_title(keys: Res<ButtonInput<KeyCode>>, mut next: ResMut<NextState<Screen>>) {
    if keys.just_pressed(KeyCode::KeyQ) {
        next.set(Screen::Title);
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), spawn_title.after(super::saves::read_saved_journey));
    app.add_systems(Update, (press_title_buttons, title_keys).run_if(in_state(Screen::Title)));
    app.add_systems(OnEnter(Screen::Loading), spawn_loading);
    app.add_systems(OnEnter(Pause::Paused), spawn_pause_menu);
    app.add_systems(Update, quit_to_title.run_if(in_state(Pause::Paused)));
    // The chronicle's way back to the title.
    app.add_systems(
        Update,
        go_to(Screen::Title).run_if(in_state(Screen::Chronicle).and_then(|k: Res<ButtonInput<KeyCode>>| {
            k.just_pressed(KeyCode::Enter)
        })),
    );
}
