//! Reading level files: RON parsed, then validated, with errors that name the file, the line
//! and the field.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::levels::pool::validate_pool;
use crate::levels::validate::{validate, validate_story};
use crate::levels::{Level, Levels, Pool, Story, StoryEvent};
use crate::states::Stage;

/// What is wrong with a level file, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelError {
    pub file: PathBuf,
    /// 1-based line, where the problem has one.
    pub line: Option<usize>,
    /// The field at fault, as a path (`climate.wind_kmh`).
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for LevelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for LevelError {}

/// Parses and validates one level file; `expected` is the stage the file name stands for.
pub fn parse_level(path: &Path, text: &str, expected: Stage) -> Result<Level, LevelError> {
    let level: Level = ron_options().from_str(text).map_err(|e| LevelError {
        file: path.to_path_buf(),
        line: Some(e.span.start.line),
        field: None,
        message: e.code.to_string(),
    })?;
    validate(&level, expected).map_err(|(field, message)| LevelError {
        file: path.to_path_buf(),
        line: line_of_field(text, &field),
        field: Some(field),
        message,
    })?;
    Ok(level)
}

/// Optional fields are written plainly (`speaker: Smith`, not `speaker: Some(Smith)`).
fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses and validates the story file.
pub fn parse_story(path: &Path, text: &str) -> Result<Story, LevelError> {
    let story: Story = ron_options().from_str(text).map_err(|e| LevelError {
        file: path.to_path_buf(),
        line: Some(e.span.start.line),
        field: None,
        message: e.code.to_string(),
    })?;
    validate_story(&story).map_err(|(field, message)| LevelError {
        file: path.to_path_buf(),
        line: line_of_field(text, &field),
        field: Some(field),
        message,
    })?;
    Ok(story)
}

/// Parses the pool of chance events and checks it against the stages it names.
pub fn parse_pool(path: &Path, text: &str, levels: &[Level]) -> Result<Vec<StoryEvent>, LevelError> {
    let pool: Pool = ron_options().from_str(text).map_err(|e| LevelError {
        file: path.to_path_buf(),
        line: Some(e.span.start.line),
        field: None,
        message: e.code.to_string(),
    })?;
    validate_pool(levels, &pool.events).map_err(|(field, message)| LevelError {
        file: path.to_path_buf(),
        line: line_of_field(text, &field),
        field: Some(field),
        message,
    })?;
    Ok(pool.events)
}

/// The line a field is written on: each segment of the path (`events[2].choices[1].label`)
/// is looked for inside the text of the one before, so a name used in many places is found
/// where the path says.
fn line_of_field(text: &str, field: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut from, mut to) = (0, text.len());
    for segment in field.split('.') {
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        let at = find_key(&text[from..to], name)? + from;
        from = at;
        if let Some(k) = index {
            let (start, end) = nth_element(bytes, at, to, k)?;
            from = start;
            to = end;
        }
    }
    Some(text[..from].matches('\n').count() + 1)
}

/// Offset of `name:` as a key (at the start of a line or after `(`), in `text`.
fn find_key(text: &str, name: &str) -> Option<usize> {
    let mut offset = 0;
    while let Some(i) = text[offset..].find(name) {
        let at = offset + i;
        let before = text[..at].trim_end_matches([' ', '\t']).chars().last();
        let after = text[at + name.len()..].trim_start();
        if matches!(before, None | Some('\n' | '(' | ',')) && after.starts_with(':') {
            return Some(at);
        }
        offset = at + name.len();
    }
    None
}

/// The extent of the `k`-th element of the list that follows `at` (`name: [ a, b, c ]`).
fn nth_element(bytes: &[u8], at: usize, to: usize, k: usize) -> Option<(usize, usize)> {
    let open = at + bytes[at..to].iter().position(|&b| b == b'[')?;
    let (mut depth, mut quoted, mut n, mut start) = (0i32, false, 0, None);
    let mut i = open + 1;
    while i < to {
        let b = bytes[i];
        if quoted {
            if b == b'\\' {
                i += 1;
            } else if b == b'"' {
                quoted = false;
            }
        } else if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            // A comment runs to the end of its line.
            while i < to && bytes[i] != b'\n' {
                i += 1;
            }
        } else {
            if depth == 0 && n == k && start.is_none() && !b.is_ascii_whitespace() && b != b',' && b != b']' {
                start = Some(i);
            }
            match b {
                b'"' => quoted = true,
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' if depth == 0 => return start.map(|s| (s, i)),
                b')' | b']' | b'}' => depth -= 1,
                b',' if depth == 0 => {
                    if let Some(s) = start {
                        return Some((s, i));
                    }
                    n += 1;
                }
                _ => {}
            }
        }
        i += 1;
    }
    None
}

impl Levels {
    /// The levels shipped with the game, compiled in so that the desktop, the browser and the
    /// tests read the very same text.
    pub fn builtin() -> Result<Levels, LevelError> {
        let sources = BUILTIN.iter().map(|(name, text)| (PathBuf::from("levels").join(name), Ok(text.to_string())));
        let story = parse_story(&PathBuf::from("levels").join(STORY_FILE), BUILTIN_STORY)?;
        let pool = (PathBuf::from("levels").join(POOL_FILE), Ok(BUILTIN_POOL.to_string()));
        Levels::parse_all(sources, story, pool)
    }

    /// Levels read from a folder, e.g. `--levels DIR`.
    pub fn from_dir(dir: &Path) -> Result<Levels, LevelError> {
        if !dir.is_dir() {
            return Err(LevelError {
                file: dir.to_path_buf(),
                line: None,
                field: None,
                message: "is not a folder of level files".into(),
            });
        }
        let story_path = dir.join(STORY_FILE);
        let story_text = read_text(&story_path, "the story file (characters, endings)")
            .map_err(|message| LevelError { file: story_path.clone(), line: None, field: None, message })?;
        let story = parse_story(&story_path, &story_text)?;
        let pool_path = dir.join(POOL_FILE);
        let pool = (pool_path.clone(), read_text(&pool_path, "the pool of chance events"));
        let sources = Stage::ALL.iter().map(|stage| {
            let path = dir.join(stage.file_name());
            let text = read_text(&path, &format!("the {} stage's level file", stage.name()));
            (path, text)
        });
        Levels::parse_all(sources, story, pool)
    }

    fn parse_all(
        sources: impl Iterator<Item = (PathBuf, Result<String, String>)>,
        mut story: Story,
        (pool_path, pool_text): (PathBuf, Result<String, String>),
    ) -> Result<Levels, LevelError> {
        let mut levels = Vec::new();
        for ((path, text), stage) in sources.zip(Stage::ALL) {
            let text = text.map_err(|message| LevelError { file: path.clone(), line: None, field: None, message })?;
            levels.push(parse_level(&path, &text, stage)?);
        }
        let text =
            pool_text.map_err(|message| LevelError { file: pool_path.clone(), line: None, field: None, message })?;
        story.pool = parse_pool(&pool_path, &text, &levels)?;
        Ok(Levels { stages: levels, story })
    }
}

pub const STORY_FILE: &str = "story.ron";
pub const POOL_FILE: &str = "events.ron";

/// The largest text file the game reads (a level, the story, a replay script): the biggest
/// shipped one is under 20 KiB.
pub const MAX_LEVEL_FILE_BYTES: u64 = 1 << 20;

/// Reads a text file the game is given (`what` it is, for the message), refusing what is not a regular
/// file of sensible size or not text, each with its own reason: a FIFO or a device would block
/// or never end, a folder is not a file, one bad byte is not "missing".
pub fn read_text(path: &Path, what: &str) -> Result<String, String> {
    use std::io::Read;
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(format!("missing: {what} is not there")),
        Err(e) => return Err(format!("cannot be read ({e})")),
    };
    if !meta.is_file() {
        return Err(format!("is not a regular file ({what} must be one)"));
    }
    if meta.len() > MAX_LEVEL_FILE_BYTES {
        return Err(format!("is too large ({} bytes; at most {MAX_LEVEL_FILE_BYTES})", meta.len()));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_LEVEL_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot be read ({e})"))?;
    String::from_utf8(bytes).map_err(|e| format!("is not UTF-8 text (a bad byte at {})", e.utf8_error().valid_up_to()))
}
const BUILTIN_STORY: &str = include_str!("../../levels/story.ron");
const BUILTIN_POOL: &str = include_str!("../../levels/events.ron");

const BUILTIN: [(&str, &str); 10] = [
    ("camp.ron", include_str!("../../levels/camp.ron")),
    ("taiga.ron", include_str!("../../levels/taiga.ron")),
    ("baikal.ron", include_str!("../../levels/baikal.ron")),
    ("border.ron", include_str!("../../levels/border.ron")),
    ("mongolia.ron", include_str!("../../levels/mongolia.ron")),
    ("gobi.ron", include_str!("../../levels/gobi.ron")),
    ("himalaya.ron", include_str!("../../levels/himalaya.ron")),
    ("monastery.ron", include_str!("../../levels/monastery.ron")),
    ("india.ron", include_str!("../../levels/india.ron")),
    ("epilogue.ron", include_str!("../../levels/epilogue.ron")),
];
