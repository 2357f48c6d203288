//! Where saved journeys are kept: a file in the user's data folder on the desktop (written to a
//! temporary file and renamed over the old one, so a crash never leaves half a save), the
//! browser's local storage on the web. A save that cannot be read is set aside, not
//! overwritten, and the title screen says why.

use bevy::prelude::*;

use crate::sim::journey::save::{Save, SaveError, Saved};

/// What the title screen knows about the saved journey.
#[derive(Resource, Debug, Clone, Default)]
pub struct SavedJourney {
    pub save: Option<Save>,
    /// Why a save that is there could not be used, and where it was kept.
    pub problem: Option<String>,
}

/// Named texts kept between runs: `journey` (the save), `settings`.
#[cfg(not(target_arch = "wasm32"))]
pub(super) mod store {
    use std::io::Write;
    use std::path::PathBuf;

    /// `THE_WAY_BACK_SAVE_DIR`, else `$XDG_DATA_HOME/the-way-back`, else
    /// `~/.local/share/the-way-back`.
    pub fn dir() -> PathBuf {
        if let Some(d) = std::env::var_os("THE_WAY_BACK_SAVE_DIR") {
            return PathBuf::from(d);
        }
        let data = std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share")));
        data.unwrap_or_else(|| PathBuf::from(".")).join("the-way-back")
    }

    fn path(name: &str) -> PathBuf {
        dir().join(format!("{name}.ron"))
    }

    pub fn read(name: &str) -> Option<String> {
        std::fs::read_to_string(path(name)).ok()
    }

    pub fn write(name: &str, text: &str) -> std::io::Result<()> {
        let dir = dir();
        std::fs::create_dir_all(&dir)?;
        let tmp = dir.join(format!("{name}.ron.tmp"));
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(text.as_bytes())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path(name))
    }

    /// Moves an unreadable file aside; says where it is now.
    pub fn set_aside(name: &str) -> String {
        let kept = dir().join(format!("{name}.unreadable.ron"));
        match std::fs::rename(path(name), &kept) {
            Ok(()) => kept.display().to_string(),
            Err(_) => path(name).display().to_string(),
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub(super) mod store {
    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    fn key(name: &str) -> String {
        format!("the-way-back/{name}")
    }

    pub fn read(name: &str) -> Option<String> {
        storage()?.get_item(&key(name)).ok()?
    }

    pub fn write(name: &str, text: &str) -> std::io::Result<()> {
        let s = storage().ok_or_else(|| std::io::Error::other("no local storage"))?;
        s.set_item(&key(name), text).map_err(|_| std::io::Error::other("local storage refused the save"))
    }

    pub fn set_aside(name: &str) -> String {
        let aside = key(&format!("{name}.unreadable"));
        if let (Some(s), Some(text)) = (storage(), read(name)) {
            let _ = s.set_item(&aside, &text);
            let _ = s.remove_item(&key(name));
        }
        format!("the browser's storage as `{aside}`")
    }
}

/// Reads the saved journey, if any; one that cannot be used is set aside with a reason.
pub fn load() -> SavedJourney {
    let Some(text) = store::read("journey") else { return SavedJourney::default() };
    match Save::from_text(&text) {
        Ok(save) => SavedJourney { save: Some(save), problem: None },
        Err(e) => {
            let kept = store::set_aside("journey");
            let what = match e {
                SaveError::OtherVersion(_) => "The saved journey is from another version of the game",
                SaveError::Damaged(_) => "The saved journey is damaged",
            };
            warn!("{e}; kept at {kept}");
            SavedJourney { save: None, problem: Some(format!("{what} and cannot be continued. It is kept at {kept}.")) }
        }
    }
}

pub(super) fn read_saved_journey(mut commands: Commands) {
    commands.insert_resource(load());
}

fn keep_saves(mut saved: MessageReader<Saved>) {
    for s in saved.read() {
        match store::write("journey", &s.0) {
            Ok(()) => info!("journey saved"),
            Err(e) => warn!("the journey could not be saved: {e}"),
        }
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<SavedJourney>();
    app.add_systems(OnEnter(crate::states::Screen::Title), read_saved_journey);
    app.add_systems(Update, keep_saves);
}
