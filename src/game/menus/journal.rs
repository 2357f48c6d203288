//! The journal page: everything the journey told, day by day, over the journey (J, which
//! pauses it), the pause menu or the chronicle. Up/Down read back a line, PgUp/PgDn a page,
//! Home/End the first and the last; Esc or J closes it.

use bevy::input::mouse::{MouseScrollUnit, MouseWheel};
use bevy::prelude::*;

use crate::game::menus::Overlay;
use crate::game::menus::settings::{Action, Settings};
use crate::game::theme;
use crate::sim::model::clock::{GameClock, MINUTES_PER_DAY};
use crate::sim::model::journal::{Journal, JournalEntry, Told};
use crate::states::{Pause, Screen};

/// Lines of the journal on the page at once.
const PAGE_LINES: usize = 24;
/// Characters on a line of the page before it wraps.
const WIDTH: usize = 96;

/// How far back the page is read: lines above the last one.
#[derive(Resource, Debug, Clone, Copy, Default)]
struct ReadBack {
    lines: usize,
    /// Opened over the journey while it ran: it runs again when the page closes.
    resume_on_close: bool,
}

#[derive(Component)]
struct PageText;

#[derive(Component)]
struct PageFooter;

/// The journal as lines of the page: a heading for each day, then each entry at its time,
/// wrapped under itself.
fn page_lines(entries: &[JournalEntry]) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut day = 0;
    for e in entries {
        let d = (e.minute / MINUTES_PER_DAY) as u32 + 1;
        if d != day {
            day = d;
            if !out.is_empty() {
                out.push((String::new(), false));
            }
            out.push((format!("Day {d}, {}", GameClock::date_of(d).long()), true));
        }
        let time = GameClock { minutes: e.minute, step: 1 }.time_of_day();
        let mark = match e.told {
            Told::Asked => "? ",
            Told::Answered => "> ",
            Told::Story | Told::News => "",
        };
        let mut first = true;
        for piece in wrap(&format!("{mark}{}", e.text), WIDTH - 7) {
            let lead = if first { format!("{time}  ") } else { " ".repeat(7) };
            out.push((lead + &piece, false));
            first = false;
        }
    }
    out
}

/// Words wrapped to `width` characters a line (a word longer than that is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let word: String = word.chars().take(width).collect();
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&word);
        }
        lines.push(line);
    }
    lines
}

fn spawn_page(mut commands: Commands, mut read: ResMut<ReadBack>, journal: Res<Journal>) {
    read.lines = 0;
    info!("opened the Journal page ({} entries)", journal.0.len());
    commands.spawn((
        Name::new("Journal"),
        theme::full_screen(8.0),
        BackgroundColor(theme::BACKGROUND),
        GlobalZIndex(20),
        DespawnOnExit(Overlay::Journal),
        children![
            theme::label("Journal", 36.0, theme::ACCENT),
            (
                Node {
                    width: px(900),
                    max_width: percent(96),
                    height: px(PAGE_LINES as f32 * 20.0 + 16.0),
                    padding: UiRect::axes(px(16), px(8)),
                    border: UiRect::all(px(2)),
                    flex_direction: FlexDirection::Column,
                    justify_content: JustifyContent::FlexEnd,
                    overflow: Overflow::clip(),
                    ..default()
                },
                BorderColor::all(theme::DIM),
                BackgroundColor(theme::PANEL),
                children![(PageText, Text::new(""), TextFont::from_font_size(15.0), TextColor(theme::TEXT))],
            ),
            (PageFooter, theme::label("", 15.0, theme::DIM)),
        ],
    ));
}

fn read_the_page(
    keys: Res<ButtonInput<KeyCode>>,
    mut wheel: MessageReader<MouseWheel>,
    journal: Res<Journal>,
    settings: Res<Settings>,
    mut read: ResMut<ReadBack>,
    mut next: ResMut<NextState<Overlay>>,
    pause: Option<ResMut<NextState<Pause>>>,
    mut text: Single<&mut Text, With<PageText>>,
    mut footer: Single<&mut Text, (With<PageFooter>, Without<PageText>)>,
    mut cache: Local<(usize, Vec<(String, bool)>)>,
) {
    if keys.just_pressed(KeyCode::Escape) || keys.just_pressed(settings.key(Action::Journal)) {
        next.set(Overlay::None);
        if std::mem::take(&mut read.resume_on_close)
            && let Some(mut pause) = pause
        {
            pause.set(Pause::Running);
        }
        info!("closed the Journal page");
        return;
    }
    if cache.0 != journal.0.len() || cache.1.is_empty() {
        *cache = (journal.0.len(), page_lines(&journal.0));
    }
    let lines = &cache.1;
    let most = lines.len().saturating_sub(PAGE_LINES);
    let mut back = read.lines as i64;
    for (key, step) in [
        (KeyCode::ArrowUp, 1),
        (KeyCode::ArrowDown, -1),
        (KeyCode::PageUp, PAGE_LINES as i64 - 2),
        (KeyCode::PageDown, -(PAGE_LINES as i64 - 2)),
        (KeyCode::Home, i64::MAX / 4),
        (KeyCode::End, -(i64::MAX / 4)),
    ] {
        if keys.just_pressed(key) {
            back = back.saturating_add(step);
        }
    }
    for w in wheel.read() {
        let rows = match w.unit {
            MouseScrollUnit::Line => w.y * 3.0,
            MouseScrollUnit::Pixel => w.y / 20.0,
        };
        back += rows.round() as i64;
    }
    read.lines = back.clamp(0, most as i64) as usize;
    let end = lines.len() - read.lines;
    let start = end.saturating_sub(PAGE_LINES);
    let shown: Vec<&str> = lines[start..end].iter().map(|(l, _)| l.as_str()).collect();
    let body = if lines.is_empty() { "Nothing has happened yet.".to_string() } else { shown.join("\n") };
    if text.0 != body {
        text.0 = body;
    }
    let key = crate::game::menus::settings::key_label(settings.key(Action::Journal));
    let at = if read.lines == 0 { "the latest".to_string() } else { format!("{} lines back", read.lines) };
    let help = format!(
        "{} entries, {at}  |  Up/Down, PgUp/PgDn, wheel: read back  |  Home/End  |  Esc or {key}: close",
        journal.0.len()
    );
    if footer.0 != help {
        footer.0 = help;
    }
}

/// J opens the journal over the journey (pausing it), the pause menu or the chronicle.
fn open_the_journal(
    keys: Res<ButtonInput<KeyCode>>,
    settings: Res<Settings>,
    screen: Res<State<Screen>>,
    // Only while playing: on the chronicle there is no journey to pause.
    pause: Option<Res<State<Pause>>>,
    mut read: ResMut<ReadBack>,
    mut next: ResMut<NextState<Overlay>>,
    next_pause: Option<ResMut<NextState<Pause>>>,
) {
    if !keys.just_pressed(settings.key(Action::Journal)) {
        return;
    }
    let running = *screen.get() == Screen::Playing && pause.is_some_and(|p| *p.get() == Pause::Running);
    read.resume_on_close = running;
    if running && let Some(mut next_pause) = next_pause {
        next_pause.set(Pause::Paused);
    }
    next.set(Overlay::Journal);
}

/// The pause menu's button and key (the journey stays paused when the page closes).
pub fn open_from_the_pause_menu(next: &mut NextState<Overlay>) {
    next.set(Overlay::Journal);
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<ReadBack>();
    app.add_systems(OnEnter(Overlay::Journal), spawn_page);
    app.add_systems(Update, read_the_page.run_if(in_state(Overlay::Journal)));
    app.add_systems(
        Update,
        open_the_journal
            .run_if(not(crate::game::menus::is_overlay_open))
            .run_if(not(crate::game::screens::dialog::is_asking))
            .run_if(in_state(Screen::Playing).or_else(in_state(Screen::Chronicle))),
    );
    app.add_systems(OnExit(Screen::Chronicle), crate::game::go_to(Overlay::None));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_heads_each_day_and_wraps_long_lines_under_their_time() {
        let entry = |minute, told, text: &str| JournalEntry { minute, told, text: text.into(), event: None };
        let long = "word ".repeat(40);
        let lines = page_lines(&[
            entry(8 * 60, Told::Story, "The escape."),
            entry(9 * 60 + 5, Told::Answered, &long),
            entry(MINUTES_PER_DAY + 60, Told::News, "Kazik: \"Cold.\""),
        ]);
        assert_eq!(lines[0], ("Day 1, 1 February 1941".to_string(), true));
        assert_eq!(lines[1].0, "08:00  The escape.");
        assert!(lines[2].0.starts_with("09:05  > word"));
        assert!(lines[3].0.starts_with("       word"), "wrapped under the text: {:?}", lines[3]);
        assert!(lines.iter().all(|(l, _)| l.chars().count() <= WIDTH));
        let day2 = lines.iter().position(|(l, h)| *h && l.starts_with("Day 2")).unwrap();
        assert_eq!(lines[day2 - 1].0, "", "a blank line between days");
        assert_eq!(lines[day2 + 1].0, "01:00  Kazik: \"Cold.\"");
    }
}
