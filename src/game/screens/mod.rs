//! The title screen, the loading screen and the pause overlay.

pub mod chronicle;
pub mod dialog;
pub mod hall;
mod seed_panel;

use bevy::prelude::*;

use crate::game::menus::settings::{Settings, SettingsProblem};
use crate::game::menus::{Overlay, is_overlay_open};
use crate::game::saves::{SavePolicy, SaveTrouble, SavedJourney};
use crate::game::screens::seed_panel::{TypingSeed, open_seed_panel, type_a_seed};
use crate::game::seeds::{SeedChoice, start_with_a_seed};
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
    /// On the pause menu: the journal page.
    Journal,
    /// Asked before a new journey replaces the saved one: yes, start anew.
    ConfirmNew,
    /// No, keep the saved journey.
    KeepSaved,
    /// On the title: type a journey's seed to walk it (again).
    BySeed,
}

/// The title is asking whether a new journey may replace the saved one.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct AskingToReplace(bool);

#[derive(Component)]
struct ReplacePanel;

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

/// What the title asks over itself (replace the saved journey? which seed?): the title dimmed
/// behind, gone with it.
fn ask_backdrop() -> impl Bundle {
    (
        full_screen(),
        BackgroundColor(Color::srgba(0.02, 0.03, 0.04, 0.96)),
        GlobalZIndex(5),
        DespawnOnExit(Screen::Title),
    )
}

/// The box the question stands in: opaque, so the title's own buttons do not show through.
fn ask_box(width: f32) -> impl Bundle {
    (
        Node {
            width: px(width),
            padding: UiRect::all(px(28)),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            row_gap: px(14),
            border: UiRect::all(px(2)),
            ..default()
        },
        BorderColor::all(theme::ACCENT),
        BackgroundColor(theme::BACKGROUND),
    )
}

fn spawn_title(
    mut commands: Commands,
    saved: Res<SavedJourney>,
    settings: Res<Settings>,
    settings_problem: Res<SettingsProblem>,
) {
    let continuing = saved.save.as_ref().map(|s| {
        let before = if saved.from_backup { " (the save before)" } else { "" };
        format!("Continue{before}: {}, seed {}  (C)", crate::game::saves::describe(s), s.seed)
    });
    // Said in the log as well: the desktop tests read what the title offers.
    info!("title: {}", continuing.as_deref().unwrap_or("no saved journey to continue"));
    let problem =
        [saved.problem.clone(), settings_problem.0.clone()].into_iter().flatten().collect::<Vec<_>>().join("\n");
    commands.spawn((
        Name::new("Title screen"),
        // Closer than other screens: six buttons, a warning and the keys fit in 720 px.
        theme::full_screen(12.0),
        BackgroundColor(theme::BACKGROUND),
        DespawnOnExit(Screen::Title),
        children![
            theme::label("THE WAY BACK", 64.0, theme::ACCENT),
            theme::label("From a Siberian camp to India, on foot. 1940-1942.", 20.0, theme::DIM),
            Node { height: px(4), ..default() },
            button("New journey  (Enter)", TitleAction::NewJourney),
            button(continuing.unwrap_or_default(), TitleAction::Continue),
            button("Journey by seed  (T)", TitleAction::BySeed),
            button("Settings  (S)", TitleAction::Settings),
            button("Controls  (K)", TitleAction::Controls),
            button("Quit  (Esc)", TitleAction::Quit),
            // Kept inside the screen: a message names long paths.
            (Node { max_width: px(1180), ..default() }, children![theme::label(problem, 16.0, theme::WARNING)]),
            Node { height: px(4), ..default() },
            theme::label(crate::game::menus::describe_keys(&settings), 16.0, theme::DIM),
        ],
    ));
}

fn press_title_buttons(
    mut commands: Commands,
    buttons: Query<(&Interaction, &TitleAction, &mut BorderColor), Changed<Interaction>>,
    saved: Res<SavedJourney>,
    policy: Res<SavePolicy>,
    mut asking: ResMut<AskingToReplace>,
    panel: Query<Entity, With<ReplacePanel>>,
    mut choice: ResMut<SeedChoice>,
    mut typing: ResMut<TypingSeed>,
    mut next: ResMut<NextState<Screen>>,
    mut overlay: ResMut<NextState<Overlay>>,
    mut pause: ResMut<NextState<Pause>>,
    mut exit: MessageWriter<AppExit>,
) {
    for (interaction, action, mut border) in buttons {
        *border = BorderColor::all(if *interaction == Interaction::None { theme::DIM } else { theme::ACCENT });
        if *interaction == Interaction::Pressed {
            match action {
                TitleAction::NewJourney => {
                    new_journey(&mut commands, &saved, &policy, &mut asking, &mut choice, &mut next)
                }
                TitleAction::ConfirmNew => {
                    replace_saved(&mut commands, &saved, &mut asking, &panel, &mut choice, &mut next)
                }
                TitleAction::BySeed => open_seed_panel(&mut commands, &mut typing),
                TitleAction::KeepSaved => {
                    // A seed typed for the journey not begun is not kept for the next one.
                    choice.typed = None;
                    keep_saved(&mut commands, &mut asking, &panel)
                }
                TitleAction::Continue => continue_journey(&mut commands, &saved, &mut next),
                TitleAction::Settings => overlay.set(Overlay::Settings),
                TitleAction::Controls => overlay.set(Overlay::Controls),
                TitleAction::Quit => {
                    exit.write(AppExit::Success);
                }
                TitleAction::Resume => pause.set(Pause::Running),
                TitleAction::Journal => crate::game::menus::journal::open_from_the_pause_menu(&mut overlay),
                TitleAction::GiveUp => next.set(Screen::Title),
            }
        }
    }
}

/// "New journey": straight away when nothing is kept that it would replace (or this run does
/// not save); else the title asks first.
pub(super) fn new_journey(
    commands: &mut Commands,
    saved: &SavedJourney,
    policy: &SavePolicy,
    asking: &mut AskingToReplace,
    choice: &mut SeedChoice,
    next: &mut NextState<Screen>,
) {
    let Some(kept) = saved.kept.as_ref().filter(|_| policy.not_saved.is_none()) else {
        start_with_a_seed(commands, choice);
        next.set(Screen::Loading);
        return;
    };
    if asking.0 {
        return;
    }
    asking.0 = true;
    info!("title: asks before replacing the saved journey ({kept})");
    commands.spawn((
        Name::new("Replace the saved journey?"),
        ReplacePanel,
        ask_backdrop(),
        children![(
            ask_box(760.0),
            children![
                theme::label("Start a new journey?", 40.0, theme::ACCENT),
                theme::label(format!("The saved journey ({kept}) will be replaced by the new one."), 20.0, theme::TEXT),
                theme::label(
                    "Its last save is kept as a backup until the new journey is saved twice.",
                    16.0,
                    theme::DIM
                ),
                Node { height: px(8), ..default() },
                button("Start anew  (Enter)", TitleAction::ConfirmNew),
                button("Keep it  (Esc)", TitleAction::KeepSaved),
            ],
        )],
    ));
}

fn replace_saved(
    commands: &mut Commands,
    saved: &SavedJourney,
    asking: &mut AskingToReplace,
    panel: &Query<Entity, With<ReplacePanel>>,
    choice: &mut SeedChoice,
    next: &mut NextState<Screen>,
) {
    if let Err(e) = crate::game::saves::make_room_for_a_new_journey(saved) {
        warn!("the newer version's save could not be moved aside ({e}); the new journey starts all the same");
    }
    keep_saved(commands, asking, panel);
    info!("a new journey replaces the saved one");
    start_with_a_seed(commands, choice);
    next.set(Screen::Loading);
}

fn keep_saved(commands: &mut Commands, asking: &mut AskingToReplace, panel: &Query<Entity, With<ReplacePanel>>) {
    asking.0 = false;
    for e in panel {
        commands.entity(e).despawn();
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
    policy: Res<SavePolicy>,
    mut asking: ResMut<AskingToReplace>,
    panel: Query<Entity, With<ReplacePanel>>,
    (mut choice, mut typing): (ResMut<SeedChoice>, ResMut<TypingSeed>),
    mut next: ResMut<NextState<Screen>>,
    mut overlay: ResMut<NextState<Overlay>>,
    mut exit: MessageWriter<AppExit>,
) {
    if typing.0.is_some() {
        return;
    }
    let pad = |b: GamepadButton| gamepads.iter().any(|g| g.just_pressed(b));
    let yes = keys.just_pressed(KeyCode::Enter)
        || keys.just_pressed(KeyCode::Space)
        || pad(GamepadButton::Start)
        || pad(GamepadButton::South);
    if asking.0 {
        if yes || keys.just_pressed(KeyCode::KeyY) {
            replace_saved(&mut commands, &saved, &mut asking, &panel, &mut choice, &mut next);
        } else if keys.just_pressed(KeyCode::Escape) || keys.just_pressed(KeyCode::KeyN) || pad(GamepadButton::East) {
            choice.typed = None;
            keep_saved(&mut commands, &mut asking, &panel);
        }
        return;
    }
    if yes {
        new_journey(&mut commands, &saved, &policy, &mut asking, &mut choice, &mut next);
    } else if keys.just_pressed(KeyCode::KeyT) {
        open_seed_panel(&mut commands, &mut typing);
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

fn spawn_pause_menu(
    mut commands: Commands,
    policy: Res<SavePolicy>,
    trouble: Res<SaveTrouble>,
    saved: Res<SavedJourney>,
    settings: Res<Settings>,
    seed: Res<crate::sim::model::seed::RunSeed>,
) {
    let journal_key = settings.label(crate::game::menus::settings::Action::Journal);
    let seed_line = format!("This journey's seed is {}: type it on the title (T) to walk it again.", seed.0);
    // Whether all is well with saving decides the colour, not the words.
    let (saving, colour) = match (&policy.not_saved, &saved.blocked, &trouble.0) {
        (Some(why), _, _) => (format!("This journey is not saved: {why}."), theme::WARNING),
        (None, Some(why), _) => (format!("This journey is not saved: {why}."), theme::WARNING),
        (None, None, Some(e)) => (format!("The last save failed ({e}); the save before it is kept."), theme::WARNING),
        (None, None, None) => {
            ("The journey is saved as each stage begins and each time the group makes camp.".into(), theme::DIM)
        }
    };
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
            button(format!("Journal  ({journal_key})"), TitleAction::Journal),
            button("Give up the journey  (Q)", TitleAction::GiveUp),
            theme::label(saving, 16.0, colour),
            theme::label(seed_line, 16.0, theme::DIM),
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
    app.init_resource::<AskingToReplace>();
    app.init_resource::<TypingSeed>();
    app.add_systems(OnExit(Screen::Title), |mut asking: ResMut<AskingToReplace>, mut typing: ResMut<TypingSeed>| {
        asking.0 = false;
        typing.0 = None;
    });
    app.add_systems(OnEnter(Screen::Title), spawn_title.after(crate::game::saves::read_saved_journey));
    app.add_systems(
        Update,
        (
            (press_title_buttons, title_keys, type_a_seed).chain().run_if(in_state(Screen::Title)),
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
            in_state(Screen::Chronicle)
                .and_then(not(is_overlay_open))
                .and_then(|k: Res<ButtonInput<KeyCode>>| k.just_pressed(KeyCode::Enter)),
        ),
    );
}
