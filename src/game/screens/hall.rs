//! On the title: how hard the next journey is (D, or its button, goes round story, normal and
//! as it was; the choice is kept in the settings), and the hall of fame (H): the best journeys
//! walked, with their seeds to walk them again. Esc or H closes the hall.

use bevy::prelude::*;

use crate::game::hall::HallOfFame;
use crate::game::menus::Overlay;
use crate::game::menus::settings::Settings;
use crate::game::screens::seed_panel::TypingSeed;
use crate::game::screens::{AskingToReplace, ask_backdrop, ask_box};
use crate::game::seeds::SeedChoice;
use crate::game::theme;
use crate::states::Screen;

/// Rows of the hall the page shows.
const SHOWN: usize = 10;

/// The difficulty was given on the command line: the title shows it, the settings keep theirs.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct DifficultyGiven(pub bool);

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
enum TitleExtra {
    Difficulty,
    Hall,
}

#[derive(Component)]
struct DifficultyText;

#[derive(Component)]
struct DifficultyNote;

fn difficulty_words(choice: &SeedChoice) -> String {
    format!("Difficulty: {}  (D)", choice.difficulty.name())
}

/// The settings' difficulty for new journeys, unless the command line gave one.
fn take_the_kept_difficulty(settings: Res<Settings>, given: Res<DifficultyGiven>, mut choice: ResMut<SeedChoice>) {
    if !given.0 {
        choice.difficulty = settings.difficulty;
    }
}

/// The two extras, top right of the title, out of the way of its column of buttons.
fn spawn_title_extras(mut commands: Commands, choice: Res<SeedChoice>) {
    commands
        .spawn((
            Name::new("Title extras"),
            Node {
                position_type: PositionType::Absolute,
                right: px(16),
                top: px(16),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::FlexEnd,
                row_gap: px(6),
                max_width: px(330),
                ..default()
            },
            // Over the title's full-screen column, which is spawned after it.
            GlobalZIndex(2),
            DespawnOnExit(Screen::Title),
        ))
        .with_children(|col| {
            col.spawn(extra_button(TitleExtra::Difficulty))
                .with_child((DifficultyText, theme::label(difficulty_words(&choice), 18.0, theme::TEXT)));
            col.spawn((DifficultyNote, theme::label(choice.difficulty.describe(), 13.0, theme::DIM)));
            col.spawn(extra_button(TitleExtra::Hall)).with_child(theme::label("Hall of fame  (H)", 18.0, theme::TEXT));
        });
}

/// One of the small buttons at the title's top right; its words are its child.
fn extra_button(extra: TitleExtra) -> impl Bundle {
    (
        Button,
        extra,
        Node { padding: UiRect::axes(px(12), px(6)), border: UiRect::all(px(2)), ..default() },
        BorderColor::all(theme::DIM),
        BackgroundColor(theme::PANEL),
    )
}

fn is_asking(typing: &TypingSeed, asking: &AskingToReplace) -> bool {
    typing.0.is_some() || asking.0
}

/// D or the button: the next difficulty, kept for the journeys after this one too.
fn use_title_extras(
    keys: Res<ButtonInput<KeyCode>>,
    buttons: Query<(&Interaction, &TitleExtra, &mut BorderColor), Changed<Interaction>>,
    (typing, asking): (Res<TypingSeed>, Res<AskingToReplace>),
    mut choice: ResMut<SeedChoice>,
    mut settings: ResMut<Settings>,
    mut overlay: ResMut<NextState<Overlay>>,
    mut words: Query<&mut Text, (With<DifficultyText>, Without<DifficultyNote>)>,
    mut notes: Query<&mut Text, (With<DifficultyNote>, Without<DifficultyText>)>,
) {
    let mut pressed = None;
    for (interaction, extra, mut border) in buttons {
        *border = BorderColor::all(if *interaction == Interaction::None { theme::DIM } else { theme::ACCENT });
        if *interaction == Interaction::Pressed {
            pressed = Some(*extra);
        }
    }
    if is_asking(&typing, &asking) {
        return;
    }
    if keys.just_pressed(KeyCode::KeyD) {
        pressed = Some(TitleExtra::Difficulty);
    } else if keys.just_pressed(KeyCode::KeyH) {
        pressed = Some(TitleExtra::Hall);
    }
    match pressed {
        Some(TitleExtra::Difficulty) => {
            choice.difficulty = choice.difficulty.next();
            settings.difficulty = choice.difficulty;
            info!("title: difficulty {}", choice.difficulty.name());
            for mut t in &mut words {
                t.0 = difficulty_words(&choice);
            }
            for mut t in &mut notes {
                t.0 = choice.difficulty.describe().into();
            }
        }
        Some(TitleExtra::Hall) => overlay.set(Overlay::Hall),
        None => {}
    }
}

/// One journey of the hall as a line of the page.
fn row(place: usize, e: &crate::game::hall::HallEntry) -> String {
    let feats = if e.feats.is_empty() { String::new() } else { format!("  [{}]", e.feats.join(", ")) };
    format!(
        "{place:>2}.  {:>6}   seed {:<7} {:<10} {}, {} to India, {} days, {} km{feats}",
        e.score, e.seed, e.difficulty, e.outcome, e.reached, e.days, e.km
    )
}

fn spawn_hall(mut commands: Commands, hall: Res<HallOfFame>) {
    info!("title: the hall of fame, {} journeys", hall.journeys.len());
    commands.spawn((Name::new("Hall of fame"), ask_backdrop(), DespawnOnExit(Overlay::Hall))).with_children(|back| {
        back.spawn(ask_box(1180.0)).with_children(|page| {
            page.spawn(theme::label("Hall of fame", 40.0, theme::ACCENT));
            if hall.journeys.is_empty() {
                page.spawn(theme::label(
                    "No journey has ended yet. Each one that does is entered here with its score.",
                    18.0,
                    theme::TEXT,
                ));
            }
            for (i, e) in hall.journeys.iter().take(SHOWN).enumerate() {
                let colour = if i == 0 { theme::ACCENT } else { theme::TEXT };
                page.spawn(theme::label(row(i + 1, e), 16.0, colour));
            }
            page.spawn(Node { height: px(8), ..default() });
            page.spawn(theme::label(
                "Score: 1000 for each who reached India, 400 for each who left alive, 5 a day under 420, \
                     what was kept; half on story, half again on as it was.   Walk one again: T and its seed.",
                14.0,
                theme::DIM,
            ));
            page.spawn(theme::label("Esc or H: back", 16.0, theme::DIM));
        });
    });
}

fn close_hall(keys: Res<ButtonInput<KeyCode>>, mut overlay: ResMut<NextState<Overlay>>) {
    if keys.just_pressed(KeyCode::Escape) || keys.just_pressed(KeyCode::KeyH) || keys.just_pressed(KeyCode::Enter) {
        overlay.set(Overlay::None);
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<DifficultyGiven>();
    app.add_systems(Startup, take_the_kept_difficulty);
    app.add_systems(OnEnter(Screen::Title), spawn_title_extras);
    app.add_systems(Update, use_title_extras.run_if(in_state(Screen::Title).and_then(in_state(Overlay::None))));
    app.add_systems(OnEnter(Overlay::Hall), spawn_hall);
    app.add_systems(Update, close_hall.run_if(in_state(Overlay::Hall)));
}
