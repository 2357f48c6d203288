//! Story events that ask something: a dialog over the world with the event's text and its
//! choices (click, or the number keys), while the world waits.

use bevy::prelude::*;

use crate::game::theme;
use crate::levels::{Biome, Levels, WeatherKind};
use crate::paint::art::{FIRESIDE_H, FIRESIDE_W, Sitter, dawn_search_picture, fireside_picture};
use crate::sim::journey::story::{Choose, PendingEvent, SceneKind};
use crate::sim::model::air::Weather;
use crate::sim::model::party::{Member, Status};
use crate::sim::model::stage::CurrentLevel;
use crate::states::{Pause, Scale, Screen};

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

/// The picture over a scene of the story: by the fire, everyone with the group round it, the
/// speaker nearest it; at a dawn search, the searchers looking out over the missing one's
/// tracks, as much of them as the night's weather left. On the colour of the land.
fn scene_picture(
    kind: SceneKind,
    levels: &Levels,
    level: Option<&CurrentLevel>,
    weather: &Weather,
    speaker: Option<crate::levels::MemberId>,
    members: &Query<(&Member, &Status)>,
    images: &mut Assets<Image>,
) -> Handle<Image> {
    let mut people: Vec<_> = members.iter().filter(|(_, s)| **s == Status::Walking).map(|(m, _)| m.0).collect();
    people.sort();
    let sitters: Vec<Sitter> = people
        .iter()
        .map(|id| {
            let look = levels.story.character(*id).look;
            let rgb = |(r, g, b): (u8, u8, u8)| [r, g, b];
            Sitter { coat: rgb(look.coat), hat: rgb(look.hat), skin: rgb(look.skin), beard: look.beard }
        })
        .collect();
    let ground = match level.map(|l| (l.0.biome, l.0.climate.night_temp_c < 0.0)) {
        Some((_, true)) | None => [226, 231, 240],
        Some((Biome::Desert, _)) => [205, 176, 124],
        Some((Biome::Steppe, _)) => [158, 146, 92],
        Some(_) => [112, 118, 80],
    };
    let (w, h, px) = match kind {
        SceneKind::Fireside => {
            let speaking = speaker.and_then(|s| people.iter().position(|id| *id == s));
            fireside_picture(&sitters, speaking, ground)
        }
        SceneKind::DawnSearch => {
            let filled = match weather.kind {
                WeatherKind::Blizzard | WeatherKind::Sandstorm => 0.9,
                WeatherKind::Snowfall => 0.6,
                WeatherKind::Overcast => 0.2,
                _ => 0.05,
            };
            dawn_search_picture(&sitters, ground, filled)
        }
    };
    let mut image = crate::game::rgba_image(w, h, px);
    image.sampler = bevy::image::ImageSampler::nearest();
    images.add(image)
}

/// What lies between the question and what it is asked over (see `show_dialog`).
fn backdrop(scale: Scale) -> Color {
    match scale {
        Scale::March => Color::srgba(0.0, 0.0, 0.0, 0.35),
        Scale::Scene => Color::NONE,
    }
}

/// A question that stands while the group goes down to the ground or back up to the march
/// keeps the right backdrop.
fn match_the_backdrop(scale: Res<State<Scale>>, mut dialogs: Query<&mut BackgroundColor, With<Dialog>>) {
    if scale.is_changed() {
        for mut colour in &mut dialogs {
            colour.set_if_neq(BackgroundColor(backdrop(*scale.get())));
        }
    }
}

fn show_dialog(
    mut commands: Commands,
    pending: Res<PendingEvent>,
    levels: Res<Levels>,
    level: Option<Res<CurrentLevel>>,
    weather: Res<Weather>,
    members: Query<(&Member, &Status)>,
    mut images: ResMut<Assets<Image>>,
    open: Query<Entity, With<Dialog>>,
    scale: Res<State<Scale>>,
) {
    if !pending.is_changed() {
        return;
    }
    for e in &open {
        commands.entity(e).despawn();
    }
    let Some(p) = pending.0.as_ref() else { return };
    let speaker = p.entry.speaker.map(|s| levels.story.character(s).name.clone());
    // A scene of the story is drawn over its words.
    let picture =
        p.scene.map(|k| scene_picture(k, &levels, level.as_deref(), &weather, p.entry.speaker, &members, &mut images));
    // The world behind the question is dimmed. On the ground the veil does it (`view/veil.rs`),
    // in the layer it lays anyway, and the HUD stays readable beside the question; a backdrop
    // over the whole screen here would cost a full-screen layer each frame the question stands.
    // The march's map has no veil, so the backdrop dims it.
    let backdrop = backdrop(*scale.get());
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
            BackgroundColor(backdrop),
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
                // Opaque: a name over someone standing behind it would show through even 5 %
                // left clear (blending is in linear light, where 5 % looks like a quarter).
                BackgroundColor(Color::srgb(0.05, 0.06, 0.08)),
            ))
            .with_children(|panel| {
                if let Some(image) = picture {
                    // Three screen pixels to a painted one, the width of the panel's text.
                    panel.spawn((
                        ImageNode::new(image),
                        Node { width: px(FIRESIDE_W * 3), height: px(FIRESIDE_H * 3), ..default() },
                    ));
                }
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
            info!("answered by a click or a tap: choice {}", choice.0 + 1);
            choose.write(Choose(choice.0));
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (show_dialog, match_the_backdrop, (choose_by_key, choose_by_click).run_if(in_state(Pause::Running)))
            .chain()
            .run_if(in_state(Screen::Playing)),
    );
}
