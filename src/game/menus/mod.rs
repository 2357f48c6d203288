//! The settings page (volumes, window mode) and the controls page (every action's key, gamepad
//! button, rebinding), over the title or the pause menu. Up/Down (or D-pad) picks a row,
//! Left/Right changes it, Enter (or A) uses it, Escape (or B) goes back; the mouse clicks.

pub mod journal;
pub mod keys;
pub mod settings;

use bevy::prelude::*;

use crate::game::hud::party_panel::IconSheet;
use crate::game::menus::settings::{Action, BINDABLE, Channel, Settings, VOLUME_STEP};
use crate::game::theme;
use crate::states::{Pause, Screen};

/// A page shown over the screen beneath; the screen beneath takes no input meanwhile.
#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Overlay {
    #[default]
    None,
    Settings,
    Controls,
    /// Everything the journey told (`journal.rs`).
    Journal,
    /// The best journeys walked (`screens/hall.rs`).
    Hall,
}

/// A page of rows (settings, controls) is open: the journal reads its own keys.
fn is_rows_page_open(overlay: Res<State<Overlay>>) -> bool {
    matches!(overlay.get(), Overlay::Settings | Overlay::Controls)
}

pub fn is_overlay_open(overlay: Res<State<Overlay>>) -> bool {
    *overlay.get() != Overlay::None
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Row {
    /// `None`: the master volume.
    Volume(Option<Channel>),
    Fullscreen,
    OpenControls,
    Bind(Action),
    ResetKeys,
    Back,
}

impl Row {
    fn text(self, settings: &Settings, waiting: Option<Action>) -> String {
        match self {
            Row::Volume(c) => {
                let name = c.map_or("Master volume", Channel::name);
                let v = settings.level(c);
                let bar: String = (0..10).map(|i| if (i as f32 + 0.5) < v * 10.0 { '#' } else { '.' }).collect();
                format!("{name:<22} <  {bar}  {:>3.0}%  >", v * 100.0)
            }
            Row::Fullscreen => {
                format!("Window                 <  {}  >", if settings.fullscreen { "full screen" } else { "windowed" })
            }
            Row::OpenControls => "Controls and keys...".into(),
            Row::Bind(a) => {
                let key = if waiting == Some(a) { "press a key (Esc: keep)".into() } else { settings.label(a) };
                format!("{:<30} {:<24} {}", a.describe(), key, a.gamepad())
            }
            Row::ResetKeys => "Put every key back as it was".into(),
            Row::Back => "Back  (Esc)".into(),
        }
    }
}

fn rows(overlay: Overlay) -> Vec<Row> {
    match overlay {
        Overlay::None | Overlay::Journal | Overlay::Hall => vec![],
        Overlay::Settings => {
            let mut r = vec![Row::Volume(None)];
            r.extend(Channel::ALL.map(|c| Row::Volume(Some(c))));
            // In the browser the page's own button goes full screen: a browser only allows it
            // straight from a click, not from the game's next frame.
            if !cfg!(target_arch = "wasm32") {
                r.push(Row::Fullscreen);
            }
            r.extend([Row::OpenControls, Row::Back]);
            r
        }
        Overlay::Controls => {
            let mut r: Vec<Row> = Action::ALL.map(Row::Bind).to_vec();
            r.extend([Row::ResetKeys, Row::Back]);
            r
        }
    }
}

#[derive(Component)]
struct RowButton(usize);

#[derive(Component)]
struct RowText(usize);

/// The row the keyboard or gamepad is on, and the action waiting for a new key.
#[derive(Resource, Debug, Default)]
struct Cursor {
    row: usize,
    waiting: Option<Action>,
}

fn spawn_page(
    mut commands: Commands,
    overlay: Res<State<Overlay>>,
    settings: Res<Settings>,
    icons: Res<IconSheet>,
    mut cursor: ResMut<Cursor>,
) {
    let page = *overlay.get();
    *cursor = Cursor::default();
    let (title, footer) = match page {
        Overlay::Settings => ("Settings", "Up/Down: choose  |  Left/Right: change  |  Enter: use  |  Esc: back"),
        Overlay::Controls => (
            "Controls",
            "Enter or click on an action, then press its new key.\n\
             Also: the arrows walk; click on the map to walk there; mouse wheel or +/- zoom;\n\
             1-4, Enter or a click answer a question; Esc pauses and goes back.\n\
             Gamepad in the menus: D-pad and A, B back; title: Start new, Y continue, Select settings,\n\
             X controls; paused: Select settings, X controls, LB+RB+Y give up.",
        ),
        Overlay::None | Overlay::Journal | Overlay::Hall => return,
    };
    // Tests driving the game by keys wait for this line before the next key.
    info!("opened the {title} page");
    commands
        .spawn((
            Name::new(title),
            theme::full_screen(if page == Overlay::Controls { 3.0 } else { 6.0 }),
            BackgroundColor(theme::BACKGROUND),
            GlobalZIndex(20),
            DespawnOnExit(page),
        ))
        .with_children(|root| {
            root.spawn(theme::label(title, if page == Overlay::Controls { 32.0 } else { 40.0 }, theme::ACCENT));
            if page == Overlay::Controls {
                root.spawn((
                    Node { width: px(820), max_width: percent(94), padding: UiRect::axes(px(16), px(0)), ..default() },
                    children![theme::label(format!("{:<30} {:<24} {}", "Action", "Key", "Gamepad"), 16.0, theme::DIM)],
                ));
            }
            for (i, row) in rows(page).into_iter().enumerate() {
                root.spawn((
                    Button,
                    RowButton(i),
                    Node {
                        width: px(820),
                        max_width: percent(94),
                        padding: UiRect::axes(px(14), px(if page == Overlay::Controls { 1 } else { 5 })),
                        border: UiRect::all(px(2)),
                        ..default()
                    },
                    BorderColor::all(theme::PANEL),
                    BackgroundColor(theme::PANEL),
                ))
                .with_children(|b| {
                    let size = if page == Overlay::Controls { 16.0 } else { 19.0 };
                    b.spawn((RowText(i), theme::label(row.text(&settings, None), size, theme::TEXT)));
                });
            }
            root.spawn(Node { height: px(8), ..default() });
            if page == Overlay::Controls {
                // The HUD's condition icons, named: a blinking one is serious.
                root.spawn(Node {
                    column_gap: px(14),
                    flex_wrap: FlexWrap::Wrap,
                    justify_content: JustifyContent::Center,
                    max_width: px(900),
                    ..default()
                })
                .with_children(|legend| {
                    for icon in crate::paint::art::Icon::ALL {
                        legend
                            .spawn(Node { column_gap: px(4), align_items: AlignItems::Center, ..default() })
                            .with_children(|pair| {
                                pair.spawn((Node { width: px(18), height: px(18), ..default() }, icons.node(icon)));
                                pair.spawn(theme::label(icon.name(), 15.0, theme::TEXT));
                            });
                    }
                    legend.spawn(theme::label("(blinking: serious)", 15.0, theme::DIM));
                });
            }
            root.spawn(theme::label(footer, 16.0, theme::DIM));
        });
}

/// What a row does when used, or changed by `step` (-1 left, +1 right, 0 used).
fn use_row(
    row: Row,
    step: i32,
    settings: &mut Settings,
    cursor: &mut Cursor,
    next: &mut NextState<Overlay>,
    back: Overlay,
) {
    match row {
        Row::Volume(c) => {
            let v = settings.volume_mut(c);
            let delta = if step == 0 { if *v >= 1.0 { -1.0 } else { 1.0 } } else { step as f32 };
            *v = ((*v + delta * VOLUME_STEP) * 10.0).round().clamp(0.0, 10.0) / 10.0;
        }
        Row::Fullscreen => settings.fullscreen = !settings.fullscreen,
        Row::OpenControls => next.set(Overlay::Controls),
        Row::Bind(a) if step == 0 => cursor.waiting = Some(a),
        Row::Bind(_) => {}
        Row::ResetKeys => settings.keys = Settings::default().keys,
        Row::Back => next.set(back),
    }
}

/// Whether the controls page was opened from the settings page: Escape then goes back there.
#[derive(Resource, Debug, Clone, Copy, Default)]
struct CameFromSettings(bool);

fn back_from(page: Overlay, came_from_settings: bool) -> Overlay {
    if page == Overlay::Controls && came_from_settings { Overlay::Settings } else { Overlay::None }
}

fn navigate(
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    overlay: Res<State<Overlay>>,
    came: Res<CameFromSettings>,
    mut cursor: ResMut<Cursor>,
    mut settings: ResMut<Settings>,
    mut next: ResMut<NextState<Overlay>>,
    mut sounds: MessageWriter<crate::game::audio::UiSound>,
) {
    let page = *overlay.get();
    let list = rows(page);
    let back = back_from(page, came.0);
    if let Some(action) = cursor.waiting {
        if keys.just_pressed(KeyCode::Escape) {
            cursor.waiting = None;
        } else if let Some(key) = BINDABLE.into_iter().find(|k| keys.just_pressed(*k)) {
            settings.bind(action, key);
            cursor.waiting = None;
            sounds.write(crate::game::audio::UiSound);
        }
        return;
    }
    let pad = |b: GamepadButton| gamepads.iter().any(|g| g.just_pressed(b));
    let up = keys.just_pressed(KeyCode::ArrowUp) || pad(GamepadButton::DPadUp);
    let down = keys.just_pressed(KeyCode::ArrowDown) || pad(GamepadButton::DPadDown);
    let left = keys.just_pressed(KeyCode::ArrowLeft) || pad(GamepadButton::DPadLeft);
    let right = keys.just_pressed(KeyCode::ArrowRight) || pad(GamepadButton::DPadRight);
    let enter = keys.just_pressed(KeyCode::Enter) || keys.just_pressed(KeyCode::Space) || pad(GamepadButton::South);
    if keys.just_pressed(KeyCode::Escape) || pad(GamepadButton::East) {
        next.set(back);
        sounds.write(crate::game::audio::UiSound);
        return;
    }
    if up || down {
        let n = list.len();
        cursor.row = if up { (cursor.row + n - 1) % n } else { (cursor.row + 1) % n };
        sounds.write(crate::game::audio::UiSound);
    }
    let Some(&row) = list.get(cursor.row) else { return };
    let step = if left {
        -1
    } else if right {
        1
    } else if enter {
        0
    } else {
        return;
    };
    if step != 0 && !matches!(row, Row::Volume(_) | Row::Fullscreen) {
        return;
    }
    use_row(row, step, &mut settings, &mut cursor, &mut next, back);
    sounds.write(crate::game::audio::UiSound);
}

fn click_rows(
    buttons: Query<(&Interaction, &RowButton), Changed<Interaction>>,
    mut moved: MessageReader<CursorMoved>,
    window: Single<&Window>,
    overlay: Res<State<Overlay>>,
    came: Res<CameFromSettings>,
    mut cursor: ResMut<Cursor>,
    mut settings: ResMut<Settings>,
    mut next: ResMut<NextState<Overlay>>,
) {
    let page = *overlay.get();
    let list = rows(page);
    // A page opening under a resting pointer does not take the keyboard's row away.
    let pointer_moved = moved.read().count() > 0;
    for (interaction, b) in &buttons {
        if *interaction == Interaction::None || cursor.waiting.is_some() {
            continue;
        }
        if pointer_moved || *interaction == Interaction::Pressed {
            cursor.row = b.0;
        }
        if *interaction != Interaction::Pressed {
            continue;
        }
        let Some(&row) = list.get(b.0) else { continue };
        // A click on the left of a volume or window row turns it down, on the right up.
        let step = match row {
            Row::Volume(_) | Row::Fullscreen => {
                let x = window.cursor_position().map_or(1.0, |p| p.x / window.width());
                if x < 0.5 { -1 } else { 1 }
            }
            _ => 0,
        };
        use_row(row, step, &mut settings, &mut cursor, &mut next, back_from(page, came.0));
    }
}

fn show_rows(
    settings: Res<Settings>,
    cursor: Res<Cursor>,
    overlay: Res<State<Overlay>>,
    mut texts: Query<(&RowText, &mut Text)>,
    mut borders: Query<(&RowButton, &mut BorderColor)>,
) {
    if !settings.is_changed() && !cursor.is_changed() {
        return;
    }
    let list = rows(*overlay.get());
    for (r, mut text) in &mut texts {
        if let Some(row) = list.get(r.0) {
            let t = row.text(&settings, cursor.waiting);
            if text.0 != t {
                text.0 = t;
            }
        }
    }
    for (b, mut border) in &mut borders {
        *border = BorderColor::all(if b.0 == cursor.row { theme::ACCENT } else { theme::PANEL });
    }
}

/// Bindings may be shown anywhere: the controls page reads them, as do the title and hints.
pub fn describe_keys(settings: &Settings) -> String {
    let k = |a: Action| settings.label(a);
    format!(
        "Walk: {}{}{}{} / arrows / click  |  Camp until dawn: {}  |  Gather wood: {}  |  Fire: {}  |  Drink & fill skins: {}\n\
         Encourage: {}  |  Pace: {} slow, {} steady, {} forced  |  Pause: Esc or {}  |  Journal: {}  |  Zoom: wheel or +/-",
        k(Action::WalkUp),
        k(Action::WalkLeft),
        k(Action::WalkDown),
        k(Action::WalkRight),
        k(Action::Camp),
        k(Action::GatherWood),
        k(Action::MakeFire),
        k(Action::Drink),
        k(Action::Encourage),
        k(Action::PaceSlow),
        k(Action::PaceSteady),
        k(Action::PaceForced),
        k(Action::Pause),
        k(Action::Journal),
    )
}

pub(crate) fn plugin(app: &mut App) {
    app.init_state::<Overlay>();
    app.init_resource::<Cursor>();
    app.init_resource::<CameFromSettings>();
    for page in [Overlay::Settings, Overlay::Controls] {
        app.add_systems(OnEnter(page), spawn_page);
    }
    app.add_systems(OnEnter(Overlay::Settings), |mut came: ResMut<CameFromSettings>| came.0 = true);
    app.add_systems(OnEnter(Overlay::None), |mut came: ResMut<CameFromSettings>| came.0 = false);
    app.add_systems(OnExit(Overlay::Settings), || info!("closed the Settings page"));
    app.add_systems(Update, (navigate, click_rows, show_rows).chain().run_if(is_rows_page_open));
    // A page belongs to the screen it was opened over: it closes when that screen does.
    app.add_systems(OnExit(Screen::Title), crate::game::go_to(Overlay::None));
    app.add_systems(OnExit(Pause::Paused), crate::game::go_to(Overlay::None));
}
