//! The player's settings: volume per sound channel, window or full screen, and the keys for
//! each action. Kept between runs beside the saved journey (`settings.ron`; the browser's
//! local storage on the web); a settings file that cannot be read is set aside and the
//! defaults used, with a message.

use std::collections::BTreeMap;

use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, WindowMode};
use serde::{Deserialize, Serialize};

use crate::game::store::{Kept, Store};

pub use crate::game::menus::keys::{Action, BINDABLE, key_from_name, key_id, key_label};

/// Volumes run 0 to 1 in tenths.
pub const VOLUME_STEP: f32 = 0.1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Channel {
    Music,
    Ambience,
    Effects,
    Interface,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Music, Channel::Ambience, Channel::Effects, Channel::Interface];

    pub fn name(self) -> &'static str {
        match self {
            Channel::Music => "Music",
            Channel::Ambience => "Wind, water and fire",
            Channel::Effects => "Footsteps",
            Channel::Interface => "Interface",
        }
    }
}

#[derive(Resource, Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub master: f32,
    pub music: f32,
    pub ambience: f32,
    pub effects: f32,
    pub interface: f32,
    pub fullscreen: bool,
    /// Bevy's key names, by action.
    pub keys: BTreeMap<Action, String>,
    /// How hard a new journey is, as last chosen on the title.
    pub difficulty: crate::sim::model::hardship::Difficulty,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            master: 0.8,
            music: 0.7,
            ambience: 0.8,
            effects: 0.8,
            interface: 0.7,
            fullscreen: false,
            keys: Action::ALL.iter().map(|a| (*a, key_id(a.default_key()))).collect(),
            difficulty: crate::sim::model::hardship::Difficulty::Normal,
        }
    }
}

impl Settings {
    /// The key bound to an action (its default if the file named none, or a key unknown).
    pub fn key(&self, action: Action) -> KeyCode {
        self.keys.get(&action).and_then(|n| key_from_name(n)).unwrap_or(action.default_key())
    }

    pub fn label(&self, action: Action) -> String {
        key_label(self.key(action))
    }

    /// Binds `key` to `action`; an action that had it takes `action`'s old key, so no action
    /// is ever left without one.
    pub fn bind(&mut self, action: Action, key: KeyCode) {
        let old = self.key(action);
        for other in Action::ALL {
            if other != action && self.key(other) == key {
                self.keys.insert(other, key_id(old));
            }
        }
        self.keys.insert(action, key_id(key));
    }

    pub fn volume_mut(&mut self, channel: Option<Channel>) -> &mut f32 {
        match channel {
            None => &mut self.master,
            Some(Channel::Music) => &mut self.music,
            Some(Channel::Ambience) => &mut self.ambience,
            Some(Channel::Effects) => &mut self.effects,
            Some(Channel::Interface) => &mut self.interface,
        }
    }

    /// A volume slider's setting: `None` the master.
    pub fn level(&self, channel: Option<Channel>) -> f32 {
        match channel {
            None => self.master,
            Some(Channel::Music) => self.music,
            Some(Channel::Ambience) => self.ambience,
            Some(Channel::Effects) => self.effects,
            Some(Channel::Interface) => self.interface,
        }
    }

    /// How loud a channel plays, master included, 0 to 1.
    pub fn volume(&self, channel: Channel) -> f32 {
        (self.level(Some(channel)) * self.master).clamp(0.0, 1.0)
    }

    pub fn to_text(&self) -> String {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).expect("settings always serialise")
    }

    /// Reads settings; volumes out of range are brought into it.
    pub fn from_text(text: &str) -> Result<Settings, String> {
        let mut s: Settings = ron::from_str(text).map_err(|e| format!("line {}: {}", e.span.start.line, e.code))?;
        for c in [None, Some(Channel::Music), Some(Channel::Ambience), Some(Channel::Effects), Some(Channel::Interface)]
        {
            let v = s.volume_mut(c);
            *v = if v.is_finite() { v.clamp(0.0, 1.0) } else { 0.8 };
        }
        Ok(s)
    }
}

/// Why the settings file could not be used, for the title screen.
#[derive(Resource, Debug, Clone, Default)]
pub struct SettingsProblem(pub Option<String>);

/// The settings could not be read and could not be moved aside either: they are not written
/// this run, so that whatever is there is not lost.
#[derive(Resource, Debug, Clone, Default)]
struct SettingsNotKept(bool);

/// Read as the app is built: the title screen's first frame already needs them.
fn load_settings(app: &mut App) {
    let (settings, problem, not_kept) = read_settings(&Store::user());
    app.insert_resource(settings);
    app.insert_resource(SettingsProblem(problem));
    app.insert_resource(SettingsNotKept(not_kept));
}

/// The settings kept in `store`, what went wrong reading them, and whether writing them would
/// destroy a file that could not be moved aside.
fn read_settings(store: &Store) -> (Settings, Option<String>, bool) {
    let why = match store.read("settings") {
        Kept::Absent => return (Settings::default(), None, false),
        Kept::Text(text) => match Settings::from_text(&text) {
            Ok(s) => return (s, None, false),
            Err(e) => e,
        },
        Kept::Unreadable(why) => why,
    };
    match store.set_aside("settings", "unreadable") {
        Ok(kept) => {
            warn!("the settings could not be read ({why}); kept at {kept}");
            let problem =
                format!("The settings file could not be read ({why}); the defaults are used. It is kept at {kept}.");
            (Settings::default(), Some(problem), false)
        }
        Err(e) => {
            warn!("the settings could not be read ({why}), and {e}");
            let problem = format!(
                "The settings file could not be read ({why}) and {e}; the defaults are used and changes are not kept."
            );
            (Settings::default(), Some(problem), true)
        }
    }
}

/// Writes the settings whenever they change (not on the first frame: nothing changed then).
fn keep_settings(settings: Res<Settings>, not_kept: Res<SettingsNotKept>, mut first: Local<bool>) {
    if !*first {
        *first = true;
        return;
    }
    if !settings.is_changed() || not_kept.0 {
        return;
    }
    match Store::user().write("settings", &settings.to_text(), false) {
        Ok(()) => info!("settings kept"),
        Err(e) => warn!("the settings could not be saved: {e}"),
    }
}

fn apply_window_mode(settings: Res<Settings>, mut window: Query<&mut Window, With<PrimaryWindow>>) {
    if !settings.is_changed() {
        return;
    }
    let Ok(mut window) = window.single_mut() else { return };
    let mode = if settings.fullscreen {
        WindowMode::BorderlessFullscreen(MonitorSelection::Current)
    } else {
        WindowMode::Windowed
    };
    if window.mode != mode {
        window.mode = mode;
    }
}

pub(crate) fn plugin(app: &mut App) {
    load_settings(app);
    app.add_systems(Update, keep_settings);
    // In the browser the page's button does it (see the settings page).
    if !cfg!(target_arch = "wasm32") {
        app.add_systems(Update, apply_window_mode);
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// One change to a text: a byte replaced, removed or doubled, or the text cut short.
    fn mutate(text: &str, at: usize, how: u8, byte: u8) -> Vec<u8> {
        let mut b = text.as_bytes().to_vec();
        if b.is_empty() {
            return b;
        }
        let at = at % b.len();
        match how % 4 {
            0 => b[at] = byte,
            1 => {
                b.remove(at);
            }
            2 => b.insert(at, b[at]),
            _ => b.truncate(at),
        }
        b
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// Settings files damaged a byte at a time (and then again) are read, brought into
        /// range, or refused with a line: never a panic, never a volume out of range.
        #[test]
        fn damaged_settings_never_panic(edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..4)) {
            let mut text = Settings::default().to_text();
            for (at, how, byte) in edits {
                text = String::from_utf8_lossy(&mutate(&text, at, how, byte)).into_owned();
            }
            match Settings::from_text(&text) {
                Ok(mut s) => {
                    for c in [None, Some(Channel::Music), Some(Channel::Ambience), Some(Channel::Effects), Some(Channel::Interface)] {
                        let v = *s.volume_mut(c);
                        prop_assert!((0.0..=1.0).contains(&v), "volume {v}");
                    }
                }
                Err(e) => prop_assert!(e.starts_with("line "), "{e}"),
            }
        }
    }

    #[test]
    fn unreadable_settings_are_kept_aside_and_the_defaults_used() {
        let dir = std::env::temp_dir().join(format!("the-way-back-settings-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::at(&dir);
        std::fs::write(store.path("settings"), b"(master: 0.3,\xff").unwrap();
        let (s, problem, not_kept) = read_settings(&store);
        assert_eq!(s, Settings::default());
        assert!(problem.unwrap().contains("bad byte"));
        assert!(!not_kept);
        assert!(matches!(store.read("settings.unreadable-1"), Kept::Unreadable(_)));
        assert_eq!(store.read("settings"), Kept::Absent);
    }
}
