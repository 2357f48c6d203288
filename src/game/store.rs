//! Texts kept between runs (the saved journey and its backup, the settings): files in the
//! user's data folder on the desktop, the browser's local storage on the web. Nothing already
//! kept is ever lost by keeping something new: a write goes to a temporary file of its own and
//! is renamed over the old one (a crash leaves the old one whole), the old one can be kept as a
//! backup first, and a text set aside is given a numbered name no other set-aside has.

/// The largest kept text the game reads: a year's journey saves in well under 1 MiB; more is
/// not a save (a wrong file, a device, garbage).
pub const MAX_KEPT_BYTES: u64 = 8 << 20;

/// What reading a kept text found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kept {
    /// Nothing is kept under that name: a first run.
    Absent,
    Text(String),
    /// Something is there but cannot be read as text (a folder, a bad byte, no permission,
    /// too large): never the same as absent, or it would be overwritten.
    Unreadable(String),
}

#[cfg(not(target_arch = "wasm32"))]
pub use desktop::Store;

#[cfg(target_arch = "wasm32")]
pub use web::Store;

#[cfg(not(target_arch = "wasm32"))]
mod desktop {
    use std::io::{Read, Write};
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicU64, Ordering};

    use crate::game::store::{Kept, MAX_KEPT_BYTES};

    /// A folder of kept texts, `NAME.ron` each.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Store {
        dir: PathBuf,
    }

    /// Tells this process's temporary files apart from each other.
    static NEXT_TEMP: AtomicU64 = AtomicU64::new(0);

    impl Store {
        /// `THE_WAY_BACK_SAVE_DIR`, else `$XDG_DATA_HOME/the-way-back`, else
        /// `~/.local/share/the-way-back`.
        pub fn user() -> Store {
            if let Some(d) = std::env::var_os("THE_WAY_BACK_SAVE_DIR") {
                return Store::at(PathBuf::from(d));
            }
            let data = std::env::var_os("XDG_DATA_HOME")
                .map(PathBuf::from)
                .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local").join("share")));
            Store::at(data.unwrap_or_else(|| PathBuf::from(".")).join("the-way-back"))
        }

        pub fn at(dir: impl Into<PathBuf>) -> Store {
            Store { dir: dir.into() }
        }

        pub fn path(&self, name: &str) -> PathBuf {
            self.dir.join(format!("{name}.ron"))
        }

        /// Where a text is kept, for messages.
        pub fn describe(&self, name: &str) -> String {
            self.path(name).display().to_string()
        }

        /// Reads a kept text: only a regular file of at most [`MAX_KEPT_BYTES`] of UTF-8 (a FIFO
        /// or a device would block or never end).
        pub fn read(&self, name: &str) -> Kept {
            let path = self.path(name);
            let meta = match std::fs::metadata(&path) {
                Ok(meta) => meta,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Kept::Absent,
                Err(e) => return Kept::Unreadable(format!("it cannot be read: {e}")),
            };
            if !meta.is_file() {
                return Kept::Unreadable("it is not a regular file".into());
            }
            if meta.len() > MAX_KEPT_BYTES {
                return Kept::Unreadable(format!("it is too large ({} bytes)", meta.len()));
            }
            let mut bytes = Vec::new();
            if let Err(e) = std::fs::File::open(&path).and_then(|f| f.take(MAX_KEPT_BYTES + 1).read_to_end(&mut bytes))
            {
                return Kept::Unreadable(format!("it cannot be read: {e}"));
            }
            match String::from_utf8(bytes) {
                Ok(text) => Kept::Text(text),
                Err(e) => Kept::Unreadable(format!("it is not text (a bad byte at {})", e.utf8_error().valid_up_to())),
            }
        }

        /// Keeps `text` as `name`: written whole to a new temporary file (created exclusively,
        /// so never through a symlink or into another game's half-written file), flushed to
        /// disk, then renamed over the old one and the folder synced. With `backup`, the old text
        /// is kept first as `NAME.backup.ron`.
        pub fn write(&self, name: &str, text: &str, backup: bool) -> std::io::Result<()> {
            std::fs::create_dir_all(&self.dir)?;
            let tmp = self.write_temp(name, text.as_bytes())?;
            let done = (|| {
                let target = self.path(name);
                if backup && std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_file()) {
                    self.keep_backup(name, &target)?;
                }
                std::fs::rename(&tmp, &target)?;
                sync_dir(&self.dir);
                Ok(())
            })();
            if done.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            done
        }

        pub(super) fn temp_path(&self, name: &str) -> PathBuf {
            let n = NEXT_TEMP.fetch_add(1, Ordering::Relaxed);
            let nanos =
                std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.subsec_nanos());
            self.dir.join(format!(".{name}.{}.{n}.{nanos}.tmp", std::process::id()))
        }

        /// A new file of the text's own, fully on disk.
        fn write_temp(&self, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
            let tmp = self.temp_path(name);
            let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
            let written = f.write_all(bytes).and_then(|()| f.sync_all());
            if let Err(e) = written {
                drop(f);
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
            Ok(tmp)
        }

        /// The current text kept as the backup, swapped in by a rename so that there is always a
        /// whole backup.
        fn keep_backup(&self, name: &str, current: &Path) -> std::io::Result<()> {
            let tmp = self.temp_path(&format!("{name}.backup"));
            if std::fs::hard_link(current, &tmp).is_err() {
                // A file system without hard links: a copy does as well.
                let text = std::fs::read(current)?;
                let copy = self.write_temp(&format!("{name}.backup"), &text)?;
                std::fs::rename(&copy, &tmp)?;
            }
            let renamed = std::fs::rename(&tmp, self.path(&format!("{name}.backup")));
            if renamed.is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
            renamed
        }

        /// Moves the text kept as `name` out of the way under a numbered name of its own
        /// (`NAME.WHY-N.ron`, never one already used) and says where it is now.
        pub fn set_aside(&self, name: &str, why: &str) -> Result<String, String> {
            let from = self.path(name);
            for n in 1..10_000 {
                let to = self.path(&format!("{name}.{why}-{n}"));
                if std::fs::symlink_metadata(&to).is_ok() {
                    continue;
                }
                // A hard link takes the new name only if nothing has it (two games at once);
                // a folder cannot be linked, and is renamed.
                let moved = match std::fs::hard_link(&from, &to) {
                    Ok(()) => std::fs::remove_file(&from),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                    Err(_) => std::fs::rename(&from, &to),
                };
                return match moved {
                    Ok(()) => {
                        sync_dir(&self.dir);
                        Ok(to.display().to_string())
                    }
                    Err(e) => Err(format!("it could not be moved aside: {e}")),
                };
            }
            Err("there are too many texts set aside already".into())
        }
    }

    /// A rename is on disk only once its folder is (POSIX); where a folder cannot be opened
    /// for that (other systems), the file system's own order has to do.
    fn sync_dir(dir: &Path) {
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod web {
    use crate::game::store::{Kept, MAX_KEPT_BYTES};

    /// The browser's local storage, `the-way-back/NAME` each.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Store;

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok()?
    }

    fn key(name: &str) -> String {
        format!("the-way-back/{name}")
    }

    impl Store {
        pub fn user() -> Store {
            Store
        }

        pub fn describe(&self, name: &str) -> String {
            format!("`{}` in the browser's storage", key(name))
        }

        pub fn read(&self, name: &str) -> Kept {
            let Some(s) = storage() else { return Kept::Unreadable("the browser gives no local storage".into()) };
            match s.get_item(&key(name)) {
                Ok(Some(text)) if text.len() as u64 > MAX_KEPT_BYTES => {
                    Kept::Unreadable(format!("it is too large ({} bytes)", text.len()))
                }
                Ok(Some(text)) => Kept::Text(text),
                Ok(None) => Kept::Absent,
                Err(_) => Kept::Unreadable("the browser's storage refused to read it".into()),
            }
        }

        pub fn write(&self, name: &str, text: &str, backup: bool) -> std::io::Result<()> {
            let s = storage().ok_or_else(|| std::io::Error::other("the browser gives no local storage"))?;
            if backup && let Ok(Some(old)) = s.get_item(&key(name)) {
                s.set_item(&key(&format!("{name}.backup")), &old)
                    .map_err(|_| std::io::Error::other("the browser's storage is full"))?;
            }
            s.set_item(&key(name), text).map_err(|_| std::io::Error::other("the browser's storage is full"))
        }

        /// Copies the text to a numbered key of its own and removes it only once the copy is
        /// made: a full storage leaves it where it was.
        pub fn set_aside(&self, name: &str, why: &str) -> Result<String, String> {
            let s = storage().ok_or("the browser gives no local storage")?;
            let text = match s.get_item(&key(name)) {
                Ok(Some(text)) => text,
                _ => return Err("it could not be read to be moved aside".into()),
            };
            for n in 1..10_000 {
                let to = key(&format!("{name}.{why}-{n}"));
                if matches!(s.get_item(&to), Ok(Some(_))) {
                    continue;
                }
                s.set_item(&to, &text).map_err(|_| "the browser's storage is too full to keep it aside".to_string())?;
                let _ = s.remove_item(&key(name));
                return Ok(format!("`{to}` in the browser's storage"));
            }
            Err("there are too many texts set aside already".into())
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use crate::game::store::*;

    fn fresh(name: &str) -> Store {
        let dir = std::env::temp_dir().join(format!("the-way-back-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        Store::at(dir)
    }

    fn files(store: &Store) -> Vec<String> {
        let dir = store.path("x").parent().unwrap().to_path_buf();
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_keeps_the_old_text_as_the_backup_and_leaves_no_temporary_file() {
        let s = fresh("backup");
        assert_eq!(s.read("journey"), Kept::Absent);
        s.write("journey", "first", true).unwrap();
        s.write("journey", "second", true).unwrap();
        assert_eq!(s.read("journey"), Kept::Text("second".into()));
        assert_eq!(s.read("journey.backup"), Kept::Text("first".into()));
        s.write("journey", "third", true).unwrap();
        assert_eq!(s.read("journey.backup"), Kept::Text("second".into()));
        assert_eq!(files(&s), ["journey.backup.ron", "journey.ron"]);
    }

    #[test]
    fn set_asides_are_numbered_and_never_overwrite_each_other() {
        let s = fresh("aside");
        s.write("journey", "bad one", false).unwrap();
        let first = s.set_aside("journey", "unreadable").unwrap();
        assert!(first.ends_with("journey.unreadable-1.ron"), "{first}");
        assert_eq!(s.read("journey"), Kept::Absent);
        s.write("journey", "bad two", false).unwrap();
        let second = s.set_aside("journey", "unreadable").unwrap();
        assert!(second.ends_with("journey.unreadable-2.ron"), "{second}");
        assert_eq!(s.read("journey.unreadable-1"), Kept::Text("bad one".into()));
        assert_eq!(s.read("journey.unreadable-2"), Kept::Text("bad two".into()));
    }

    #[test]
    fn what_cannot_be_read_is_not_taken_for_absent() {
        let s = fresh("unreadable");
        std::fs::create_dir_all(s.path("journey")).unwrap();
        assert!(matches!(s.read("journey"), Kept::Unreadable(why) if why.contains("not a regular file")));
        // A folder in the save's place is moved aside whole.
        assert!(s.set_aside("journey", "unreadable").is_ok());
        assert_eq!(s.read("journey"), Kept::Absent);
        std::fs::write(s.path("settings"), b"(master: 0.5\xff)").unwrap();
        assert!(matches!(s.read("settings"), Kept::Unreadable(why) if why.contains("bad byte at 12")));
        // A FIFO would block a plain read for ever.
        std::fs::remove_file(s.path("settings")).unwrap();
        let made = std::process::Command::new("mkfifo").arg(s.path("settings")).status();
        if made.is_ok_and(|m| m.success()) {
            assert!(matches!(s.read("settings"), Kept::Unreadable(why) if why.contains("not a regular file")));
            std::fs::remove_file(s.path("settings")).unwrap();
        }
        let big = vec![b' '; MAX_KEPT_BYTES as usize + 1];
        std::fs::write(s.path("settings"), big).unwrap();
        assert!(matches!(s.read("settings"), Kept::Unreadable(why) if why.contains("too large")));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_planted_in_the_folder_is_never_written_through() {
        let s = fresh("symlink");
        s.write("journey", "mine", true).unwrap();
        let victim = std::env::temp_dir().join(format!("the-way-back-victim-{}", std::process::id()));
        std::fs::write(&victim, "not the game's").unwrap();
        // The link takes the name the old game used for its temporary file, and the backup's.
        let dir = s.path("x").parent().unwrap().to_path_buf();
        std::os::unix::fs::symlink(&victim, dir.join("journey.ron.tmp")).unwrap();
        std::fs::remove_file(s.path("journey.backup")).ok();
        std::os::unix::fs::symlink(&victim, s.path("journey.backup")).unwrap();
        s.write("journey", "mine again", true).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "not the game's");
        assert_eq!(s.read("journey"), Kept::Text("mine again".into()));
        assert_eq!(s.read("journey.backup"), Kept::Text("mine".into()), "the link itself was replaced");
        std::fs::remove_file(victim).ok();
    }

    #[test]
    fn a_write_that_fails_leaves_the_old_text_whole() {
        let s = fresh("fails");
        s.write("journey", "kept", true).unwrap();
        // The folder made read-only is no test as root; a folder in the way of the rename is.
        std::fs::remove_file(s.path("journey.backup")).ok();
        let blocker = s.path("journey.backup");
        std::fs::create_dir_all(blocker.join("inside")).unwrap();
        assert!(s.write("journey", "new", true).is_err(), "the backup could not be kept, so nothing is replaced");
        assert_eq!(s.read("journey"), Kept::Text("kept".into()));
        assert!(!files(&s).iter().any(|f| f.ends_with(".tmp")), "no temporary file is left: {:?}", files(&s));
    }

    #[test]
    fn two_writers_in_one_folder_never_share_a_temporary_file() {
        let s = fresh("two");
        std::fs::create_dir_all(s.path("x").parent().unwrap()).unwrap();
        let a = s.temp_path("journey");
        let b = s.temp_path("journey");
        assert_ne!(a, b);
        let threads: Vec<_> = (0..4)
            .map(|i| {
                let s = s.clone();
                std::thread::spawn(move || {
                    for j in 0..25 {
                        s.write("journey", &format!("writer {i} text {j} ").repeat(200), true).unwrap();
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        // Whatever won, it is one writer's whole text, not two interleaved.
        let Kept::Text(text) = s.read("journey") else { panic!("no save") };
        let first = text.split(' ').take(4).collect::<Vec<_>>().join(" ") + " ";
        assert_eq!(text, first.repeat(200));
    }
}
