//! Story events that ask something: a dialog over the world with the event's text and its
//! choices (click, or the number keys), while the world waits.

use bevy::prelude::*;

use crate::game::theme;
use crate::levels::Levels;
use crate::sim::journey::story::{Choose, PendingEvent};
use crate::states::{Pause, Screen};

#[derive(Component)]
struct Dialog;

/// A choice button: the index of the choice it makes.
#[derive(Component, Debug, Clone, Copy)]
struct ChoiceButton(usize);

const DIGITS: [KeyCode; 9] = [
    KeyCode::Digit1,
    KeyCode::Digit2,
    KeyCode::Digit3,
    KeyCode::Digit4,
    KeyCode::Digit5,
    KeyCode::Digit6,
    KeyCode::Digit7,
    KeyCode::Digit8,
    KeyCode::Digit9,
];

/// Whether a question is open (input other than the dialog's waits meanwhile).
pub fn is_asking(pending: Res<PendingEvent>) -> bool {
    pending.0.is_some()
}

fn show_dialog(
    mut commands: Commands,
    pending: Res<PendingEvent>,
    levels: Res<Levels>,
    open: Query<Entity, With<Dialog>>,
) {
    if !pending.is_changed() {
        return;
    }
    for e in &open {
        commands.entity(e).despawn();
    }
    let Some(p) = pending.0.as_ref() else { return };
    let speaker = p.entry.speaker.map(|s| levels.story.character(s).name.clone());
    commands
        .spawn((
            Name::new("Story dialog"),
            Dialog,
            GlobalZIndex(3),
            Node {
                position_type: PositionType::Absolute,
                width: percent(100),
                height: percent(100),
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                ..default()
            },
            BackgroundColor(Color::srgba(0.0, 0.0, 0.0, 0.35)),
            DespawnOnExit(Screen::Playing),
        ))
        .with_children(|root| {
            root.spawn((
                Node {
                    flex_direction: FlexDirection::Column,
                    width: px(720),
                    max_width: percent(92),
                    padding: UiRect::all(px(24)),
                    row_gap: px(12),
                    border: UiRect::all(px(2)),
                    ..default()
                },
                BorderColor::all(theme::ACCENT),
                BackgroundColor(Color::srgba(0.05, 0.06, 0.08, 0.95)),
            ))
            .with_children(|panel| {
                panel.spawn(theme::label(p.entry.title.clone(), 30.0, theme::ACCENT));
                if let Some(name) = speaker {
                    panel.spawn(theme::label(name, 16.0, theme::DIM));
                }
                panel.spawn(theme::label(p.entry.text.clone(), 20.0, theme::TEXT));
                panel.spawn(Node { height: px(6), ..default() });
                for (i, choice) in p.choices.iter().enumerate() {
                    panel
                        .spawn((
                            Button,
                            ChoiceButton(i),
                            Node { padding: UiRect::axes(px(14), px(8)), border: UiRect::all(px(2)), ..default() },
                            BorderColor::all(theme::DIM),
                            BackgroundColor(theme::PANEL),
                        ))
                        .with_children(|b| {
                            let pad = ["A", "B", "X", "Y"].get(i).copied().unwrap_or("");
                            b.spawn(theme::label(format!("{}.  {}", i + 1, choice.label), 20.0, theme::TEXT));
                            b.spawn((
                                Node { margin: UiRect::left(px(12)), ..default() },
                                children![theme::label(format!("({pad})"), 14.0, theme::DIM)],
                            ));
                        });
                }
            });
        });
}

/// On a gamepad the face buttons answer: A the first choice, B the second, X the third, Y the
/// fourth.
const PAD: [GamepadButton; 4] = [GamepadButton::South, GamepadButton::East, GamepadButton::West, GamepadButton::North];

fn choose_by_key(
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    pending: Res<PendingEvent>,
    mut choose: MessageWriter<Choose>,
) {
    let Some(p) = pending.0.as_ref() else { return };
    for (i, key) in DIGITS.iter().enumerate().take(p.choices.len()) {
        let pad = PAD.get(i).is_some_and(|b| gamepads.iter().any(|g| g.just_pressed(*b)));
        if keys.just_pressed(*key) || pad {
            choose.write(Choose(i));
        }
    }
    // A page with one answer also goes on with Enter or Space.
    if p.choices.len() == 1 && (keys.just_pressed(KeyCode::Enter) || keys.just_pressed(KeyCode::Space)) {
        choose.write(Choose(0));
    }
}

fn choose_by_click(
    mut buttons: Query<(&Interaction, &ChoiceButton, &mut BorderColor), Changed<Interaction>>,
    mut choose: MessageWriter<Choose>,
) {
    for (interaction, choice, mut border) in &mut buttons {
        *border = BorderColor::all(if *interaction == Interaction::None { theme::DIM } else { theme::ACCENT });
        if *interaction == Interaction::Pressed {
            choose.write(Choose(choice.0));
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (show_dialog, (choose_by_key, choose_by_click).run_if(in_state(Pause::Running)))
            .chain()
            .run_if(in_state(Screen::Playing)),
    );
}
