//! A journey by seed, on the title: a panel that takes the digits of a seed and sets out on
//! that journey (the same seed with the same answers is the same journey).

use bevy::prelude::*;

use crate::game::saves::{SavePolicy, SavedJourney};
use crate::game::screens::{AskingToReplace, ask_backdrop, ask_box, new_journey};
use crate::game::seeds::SeedChoice;
use crate::game::theme;
use crate::states::Screen;

/// The seed being typed on the title, while its panel is open.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct TypingSeed(pub(super) Option<String>);

#[derive(Component)]
pub(super) struct SeedPanel;

#[derive(Component)]
pub(super) struct SeedText;

pub(super) fn open_seed_panel(commands: &mut Commands, typing: &mut TypingSeed) {
    if typing.0.is_some() {
        return;
    }
    typing.0 = Some(String::new());
    info!("title: asks for a seed");
    commands.spawn((
        Name::new("Journey by seed"),
        SeedPanel,
        ask_backdrop(),
        children![(
            ask_box(640.0),
            children![
                theme::label("Journey by seed", 36.0, theme::ACCENT),
                theme::label(
                    "Type the seed of a journey (the chronicle and the pause menu show it).",
                    16.0,
                    theme::DIM
                ),
                (SeedText, theme::label("_", 40.0, theme::TEXT)),
                theme::label("Enter: set out   |   Backspace: rub out   |   Esc: back", 16.0, theme::DIM),
            ],
        )],
    ));
}

const DIGITS: [(KeyCode, KeyCode, char); 10] = [
    (KeyCode::Digit0, KeyCode::Numpad0, '0'),
    (KeyCode::Digit1, KeyCode::Numpad1, '1'),
    (KeyCode::Digit2, KeyCode::Numpad2, '2'),
    (KeyCode::Digit3, KeyCode::Numpad3, '3'),
    (KeyCode::Digit4, KeyCode::Numpad4, '4'),
    (KeyCode::Digit5, KeyCode::Numpad5, '5'),
    (KeyCode::Digit6, KeyCode::Numpad6, '6'),
    (KeyCode::Digit7, KeyCode::Numpad7, '7'),
    (KeyCode::Digit8, KeyCode::Numpad8, '8'),
    (KeyCode::Digit9, KeyCode::Numpad9, '9'),
];

/// The seed panel takes digits (at most 18: any such number is a seed), Backspace, Enter to set
/// out on that journey (asking first if it would replace a saved one), Esc to go back.
pub(super) fn type_a_seed(
    mut commands: Commands,
    keys: Res<ButtonInput<KeyCode>>,
    mut typing: ResMut<TypingSeed>,
    mut choice: ResMut<SeedChoice>,
    (saved, policy): (Res<SavedJourney>, Res<SavePolicy>),
    mut asking: ResMut<AskingToReplace>,
    panel: Query<Entity, With<SeedPanel>>,
    mut text: Query<&mut Text, With<SeedText>>,
    mut next: ResMut<NextState<Screen>>,
) {
    let Some(typed) = typing.0.as_mut() else { return };
    for (key, pad, digit) in DIGITS {
        if (keys.just_pressed(key) || keys.just_pressed(pad)) && typed.len() < 18 {
            typed.push(digit);
        }
    }
    if keys.just_pressed(KeyCode::Backspace) {
        typed.pop();
    }
    let close = |commands: &mut Commands| {
        for e in &panel {
            commands.entity(e).despawn();
        }
    };
    if keys.just_pressed(KeyCode::Escape) {
        typing.0 = None;
        close(&mut commands);
        return;
    }
    if keys.just_pressed(KeyCode::Enter) || keys.just_pressed(KeyCode::NumpadEnter) {
        if let Ok(seed) = typed.parse::<u64>() {
            choice.typed = Some(seed);
            typing.0 = None;
            close(&mut commands);
            new_journey(&mut commands, &saved, &policy, &mut asking, &mut choice, &mut next);
        }
        return;
    }
    let shown = format!("{typed}_");
    for mut t in &mut text {
        if t.0 != shown {
            t.0.clone_from(&shown);
        }
    }
}
