//! Level files: one RON file per stage in `levels/`, parsed and validated with errors that
//! name the file, the line and the field.

use std::fmt;
use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::sim::party::MemberId;
use crate::sim::state::Stage;
use crate::sim::weather::{WeatherKind, default_odds};
use crate::sim::world::Terrain;

/// The land a stage's map is generated as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Biome {
    Camp,
    Taiga,
    Lakeshore,
    Steppe,
    Desert,
    Mountains,
    Monastery,
    Foothills,
    Homecoming,
}

/// A side of the map: where the group comes in and where the way out lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Edge {
    North,
    South,
    East,
    West,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Climate {
    /// Air temperature at midday on flat ground at the stage's altitude, °C.
    pub day_temp_c: f32,
    /// Air temperature before dawn, °C.
    pub night_temp_c: f32,
    /// Mean wind speed, km/h.
    pub wind_kmh: f32,
    /// Relative humidity, %.
    pub humidity_pct: f32,
    /// Altitude of the stage's lowest ground, metres.
    pub altitude_m: f32,
}

/// How the noise fields of the generator are shaped for this stage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Generation {
    /// Features per tile of the elevation field: small is broad hills, large is rough ground.
    pub elevation_scale: f64,
    /// Features per tile of the moisture field.
    pub moisture_scale: f64,
    /// Share of the land covered by trees, reeds or grass cover where the biome has them.
    pub vegetation: f32,
    /// Share of tiles that are water of any kind.
    pub water: f32,
    /// Share of tiles that carry firewood.
    pub firewood: f32,
    /// Share of tiles that cannot be crossed (cliffs, wire, deep water).
    pub obstacles: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WayOut {
    pub edge: Edge,
    /// Width of the way out, tiles.
    pub width: u32,
    /// What the player is told the way out is.
    pub label: String,
}

/// Who a trigger watches: anyone in the group, or one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    Anyone,
    Member(MemberId),
}

impl Who {
    pub fn matches(self, id: MemberId) -> bool {
        match self {
            Who::Anyone => id != MemberId::Janusz,
            Who::Member(m) => m == id,
        }
    }
}

/// A state of body or mind a trigger can wait for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    Hypothermic,
    Thirsty,
    Weakened,
    Collapsed,
    GivenUp,
    Straying,
}

/// Someone met on the way, standing on the map until the group reaches them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stranger {
    Khabarov,
    Irena,
    Monk,
}

impl Stranger {
    pub fn name(self) -> &'static str {
        match self {
            Stranger::Khabarov => "Khabarov",
            Stranger::Irena => "Irena",
            Stranger::Monk => "a monk",
        }
    }
}

/// What makes a story event happen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// When the group enters the stage.
    StageEntered,
    /// At dusk of the N-th night spent in the stage (1 is the first).
    Night(u32),
    /// When the group has walked this share (0 to 1) of the way to the way out.
    Progress(f32),
    /// When Janusz comes within a few steps of a kind of ground (a stream).
    Reached(Terrain),
    /// When a kind of ground comes into Janusz's sight (the monument by the road).
    Sighted(Terrain),
    /// When Janusz reaches someone standing this share (0 to 1) of the way along the path.
    Met { who: Stranger, along: f32 },
    /// When someone in the group comes to this state; fires once for each person it befalls.
    Condition(Who, Condition),
    /// When someone in the group dies; fires once for each death.
    Died(Who),
    /// Straight after another event of the same stage has been told or answered.
    After(String),
}

/// Who an effect acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// Everyone in the group.
    Everyone,
    Member(MemberId),
    /// The person the trigger was about (who collapsed, who died).
    Subject,
}

/// What a choice does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// Adds to morale (0 to 1).
    Morale(Target, f32),
    /// Adds to trust in Janusz (0 to 1).
    Trust(Target, f32),
    /// Litres into (or out of) the skins.
    Water(f32),
    /// Person-days of food.
    Rations(f32),
    /// Bundles of firewood.
    Wood(i32),
    /// Litres from the skins given to someone to drink.
    Drink(Target, f32),
    /// The group stops where it is for this many hours.
    Rest(f32),
    /// This weather, now, for this many hours.
    Weather(WeatherKind, f32),
    /// Someone met on the way joins the group.
    Join(MemberId),
    /// Someone met on the way is sent off; the text says why.
    TurnAway(MemberId, String),
    /// Someone stays behind by choice; the text says where and why.
    Stay(MemberId, String),
    /// Someone goes another way; the text says where.
    Depart(MemberId, String),
    /// Someone sits down and will not walk on until encouraged.
    GiveUp(MemberId),
    /// Someone is sent out from the fire for wood.
    WoodRun(MemberId),
    /// Someone who has given up gets up and walks on.
    Rally(Target),
    /// A guide leads the group, everyone still with it, on to the next stage.
    Guide,
}

/// One answer to a story event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub label: String,
    /// Offered only if these hold.
    #[serde(default)]
    pub requires: Vec<Require>,
    /// What happens, told after the choice.
    #[serde(default)]
    pub reply: String,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// The choice only works if this person trusts Janusz at least this much...
    #[serde(default)]
    pub needs_trust: Option<(MemberId, f32)>,
    /// ...and otherwise this is what happens.
    #[serde(default)]
    pub failed_reply: String,
    #[serde(default)]
    pub failed_effects: Vec<Effect>,
}

/// What must hold for an event to happen at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Require {
    /// With the group: alive, not lost, not gone.
    InGroup(MemberId),
    NotInGroup(MemberId),
    /// The stage's event of this id has not happened.
    NotTold(String),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryEvent {
    pub id: String,
    pub trigger: Trigger,
    #[serde(default)]
    pub requires: Vec<Require>,
    /// Who speaks the text, if anyone in particular.
    #[serde(default)]
    pub speaker: Option<MemberId>,
    pub title: String,
    /// `{who}` stands for the person the trigger was about.
    pub text: String,
    /// What happens as soon as it is told.
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// With no choices the event is told and play goes on; with choices, play waits.
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// One of the story's big moments, marked for music.
    #[serde(default)]
    pub moment: Option<Moment>,
}

/// The feeling of a big moment of the story; the presentation plays music to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Moment {
    /// The journey's own theme: the escape.
    Theme,
    /// Something given back: water, a guide, India.
    Hope,
    /// Someone left behind.
    Sorrow,
}

/// Where a stage lies on the real map: the route runs from `from` to `to`, (latitude,
/// longitude) in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Geo {
    pub from: (f32, f32),
    pub to: (f32, f32),
}

/// One stage's level file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub stage: Stage,
    pub title: String,
    /// Where and when, as the player is told on entering.
    pub place: String,
    pub biome: Biome,
    /// Map width and height, tiles.
    pub size: (u32, u32),
    /// Ground one tile stands for, metres: the map is the land compressed, not to scale.
    pub tile_m: f32,
    pub entry: Edge,
    pub way_out: WayOut,
    pub climate: Climate,
    pub generation: Generation,
    /// Odds of each kind of weather at each change; empty means the biome's usual odds.
    #[serde(default)]
    pub weather: Vec<(WeatherKind, f32)>,
    /// Where the stage lies on the map of the journey.
    pub geo: Geo,
    #[serde(default)]
    pub events: Vec<StoryEvent>,
}

impl Level {
    pub fn weather_odds(&self) -> Vec<(WeatherKind, f32)> {
        if self.weather.is_empty() { default_odds(self.biome) } else { self.weather.clone() }
    }
}

/// The people of the story: who they are, how they look and speak, and what became of them
/// in the film.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Character {
    pub id: MemberId,
    /// Full name, as the chronicle gives it.
    pub name: String,
    /// Who they are, in a few words.
    pub role: String,
    pub look: Look,
    /// What happened to them in the film, for the chronicle.
    pub film: String,
    pub lines: Lines,
}

/// How a character is drawn: colours as (r, g, b).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Look {
    pub coat: (u8, u8, u8),
    pub hat: (u8, u8, u8),
    pub skin: (u8, u8, u8),
    pub beard: bool,
    /// Relative to an average man, 0.8 to 1.2.
    pub height: f32,
}

/// What a character says when their state changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lines {
    pub cold: String,
    pub heat: String,
    pub thirsty: String,
    pub collapsed: String,
    pub lost: String,
    pub found: String,
    pub gives_up: String,
    pub walks_again: String,
    pub fire: String,
}

/// Which ending a journey has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EndingKind {
    /// Janusz reached India with others of the group.
    Home,
    /// Janusz reached India, but alone: the group fell apart on the way.
    Alone,
    JanuszDied,
    JanuszLost,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub when: EndingKind,
    pub title: String,
    /// `{stage}` and `{day}` stand for where and when the journey ended, `{with}` for who was
    /// with Janusz at the end.
    pub text: String,
}

/// `levels/story.ron`: the characters, the events that can happen in any stage, the endings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    pub characters: Vec<Character>,
    /// Events that can happen anywhere (a collapse, a death); a stage's own event with the same
    /// id takes their place.
    #[serde(default)]
    pub events: Vec<StoryEvent>,
    pub endings: Vec<Ending>,
}

impl Story {
    pub fn character(&self, id: MemberId) -> &Character {
        self.characters.iter().find(|c| c.id == id).expect("validated: every member has a character")
    }

    pub fn ending(&self, kind: EndingKind) -> &Ending {
        self.endings.iter().find(|e| e.when == kind).expect("validated: every ending is written")
    }
}

/// All ten stages' levels, in journey order, and the story file.
#[derive(Resource, Debug, Clone)]
pub struct Levels {
    pub stages: Vec<Level>,
    pub story: Story,
}

impl Levels {
    pub fn get(&self, stage: Stage) -> &Level {
        &self.stages[stage.index()]
    }

    /// The levels shipped with the game, compiled in so that the desktop, the browser and the
    /// tests read the very same text.
    pub fn builtin() -> Result<Levels, LevelError> {
        let sources = BUILTIN.iter().map(|(name, text)| (PathBuf::from("levels").join(name), Some(text.to_string())));
        let story = parse_story(&PathBuf::from("levels").join(STORY_FILE), BUILTIN_STORY)?;
        Levels::parse_all(sources, story)
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
        let story_text = std::fs::read_to_string(&story_path).map_err(|_| LevelError {
            file: story_path.clone(),
            line: None,
            field: None,
            message: "missing: the story file (characters, endings) is not there".into(),
        })?;
        let story = parse_story(&story_path, &story_text)?;
        let sources = Stage::ALL.iter().map(|stage| {
            let path = dir.join(stage.file_name());
            let text = std::fs::read_to_string(&path).ok();
            (path, text)
        });
        Levels::parse_all(sources, story)
    }

    fn parse_all(sources: impl Iterator<Item = (PathBuf, Option<String>)>, story: Story) -> Result<Levels, LevelError> {
        let mut levels = Vec::new();
        for ((path, text), stage) in sources.zip(Stage::ALL) {
            let Some(text) = text else {
                return Err(LevelError {
                    file: path,
                    line: None,
                    field: None,
                    message: format!("missing: the {} stage has no level file", stage.name()),
                });
            };
            levels.push(parse_level(&path, &text, stage)?);
        }
        Ok(Levels { stages: levels, story })
    }
}

pub const STORY_FILE: &str = "story.ron";
const BUILTIN_STORY: &str = include_str!("../../levels/story.ron");

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

type Invalid = (String, String);

fn check_range(field: &str, value: f64, min: f64, max: f64, unit: &str) -> Result<(), Invalid> {
    if !(min..=max).contains(&value) || value.is_nan() {
        return Err((field.into(), format!("{value}{unit} is out of range ({min}{unit} to {max}{unit})")));
    }
    Ok(())
}

fn validate(level: &Level, expected: Stage) -> Result<(), Invalid> {
    if level.stage != expected {
        return Err((
            "stage".into(),
            format!("the file is for the {} stage but says {:?}", expected.name(), level.stage),
        ));
    }
    if level.title.trim().is_empty() {
        return Err(("title".into(), "must not be empty".into()));
    }
    let (w, h) = level.size;
    check_range("size", w as f64, 16.0, 1024.0, " tiles wide")?;
    check_range("size", h as f64, 16.0, 1024.0, " tiles high")?;
    check_range("tile_m", level.tile_m as f64, 10.0, 5000.0, " m")?;
    let edge_len = match level.way_out.edge {
        Edge::North | Edge::South => w,
        Edge::East | Edge::West => h,
    };
    check_range("way_out.width", level.way_out.width as f64, 1.0, (edge_len / 2) as f64, " tiles")?;
    if level.way_out.edge == level.entry {
        return Err(("way_out.edge".into(), "the way out must be on another side than the entry".into()));
    }
    let c = &level.climate;
    check_range("climate.day_temp_c", c.day_temp_c as f64, -70.0, 60.0, " °C")?;
    check_range("climate.night_temp_c", c.night_temp_c as f64, -70.0, 60.0, " °C")?;
    if c.night_temp_c > c.day_temp_c {
        return Err(("climate.night_temp_c".into(), "nights cannot be warmer than days".into()));
    }
    check_range("climate.wind_kmh", c.wind_kmh as f64, 0.0, 150.0, " km/h")?;
    check_range("climate.humidity_pct", c.humidity_pct as f64, 0.0, 100.0, " %")?;
    check_range("climate.altitude_m", c.altitude_m as f64, -500.0, 8000.0, " m")?;
    let g = &level.generation;
    check_range("generation.elevation_scale", g.elevation_scale, 0.001, 0.5, "")?;
    check_range("generation.moisture_scale", g.moisture_scale, 0.001, 0.5, "")?;
    check_range("generation.vegetation", g.vegetation as f64, 0.0, 1.0, "")?;
    check_range("generation.water", g.water as f64, 0.0, 0.6, "")?;
    check_range("generation.firewood", g.firewood as f64, 0.0, 0.5, "")?;
    check_range("generation.obstacles", g.obstacles as f64, 0.0, 0.4, "")?;
    for (i, (_, p)) in level.weather.iter().enumerate() {
        check_range(&format!("weather[{i}]"), *p as f64, 0.0, 1.0, "")?;
    }
    if !level.weather.is_empty() && level.weather.iter().all(|(_, p)| *p == 0.0) {
        return Err(("weather".into(), "every kind of weather has odds 0".into()));
    }
    check_geo("geo.from", level.geo.from)?;
    check_geo("geo.to", level.geo.to)?;
    validate_events(&level.events, true)
}

fn check_geo(field: &str, (lat, lon): (f32, f32)) -> Result<(), Invalid> {
    check_range(field, lat as f64, -90.0, 90.0, "° latitude")?;
    check_range(field, lon as f64, -180.0, 180.0, "° longitude")
}

fn check_text(field: String, text: &str) -> Result<(), Invalid> {
    if text.trim().is_empty() { Err((field, "must not be empty".into())) } else { Ok(()) }
}

/// Story events of a stage (`in_stage`) or of the story file (which may only use triggers that
/// make sense anywhere).
fn validate_events(events: &[StoryEvent], in_stage: bool) -> Result<(), Invalid> {
    let mut ids = std::collections::HashSet::new();
    for (i, event) in events.iter().enumerate() {
        let at = |f: &str| format!("events[{i}].{f}");
        if !ids.insert(event.id.as_str()) {
            return Err((at("id"), format!("`{}` is used twice", event.id)));
        }
        check_text(at("title"), &event.title)?;
        check_text(at("text"), &event.text)?;
        match &event.trigger {
            Trigger::Progress(p) => check_range(&at("trigger"), *p as f64, 0.0, 1.0, "")?,
            Trigger::Met { along, .. } => check_range(&at("trigger"), *along as f64, 0.05, 0.95, "")?,
            Trigger::Night(n) => check_range(&at("trigger"), *n as f64, 1.0, 30.0, " nights")?,
            Trigger::After(id) if !events.iter().take(i).any(|e| &e.id == id) => {
                return Err((at("trigger"), format!("`{id}` is not an event written before this one")));
            }
            _ => {}
        }
        if !in_stage && !matches!(event.trigger, Trigger::Condition(..) | Trigger::Died(_)) {
            return Err((at("trigger"), "events of the story file may only wait for a Condition or a death".into()));
        }
        for effect in &event.effects {
            check_effect(&at("effects"), effect)?;
        }
        for (c, choice) in event.choices.iter().enumerate() {
            let at = |f: &str| format!("events[{i}].choices[{c}].{f}");
            check_text(at("label"), &choice.label)?;
            if let Some((_, t)) = choice.needs_trust {
                check_range(&at("needs_trust"), t as f64, 0.0, 1.0, "")?;
                check_text(at("failed_reply"), &choice.failed_reply)?;
            }
            for effect in choice.effects.iter().chain(&choice.failed_effects) {
                check_effect(&at("effects"), effect)?;
            }
        }
    }
    Ok(())
}

fn check_effect(field: &str, effect: &Effect) -> Result<(), Invalid> {
    match effect {
        Effect::Morale(_, x) | Effect::Trust(_, x) => check_range(field, *x as f64, -1.0, 1.0, ""),
        Effect::Water(l) => check_range(field, *l as f64, -30.0, 30.0, " L"),
        Effect::Drink(_, l) => check_range(field, *l as f64, 0.0, 5.0, " L"),
        Effect::Rations(r) => check_range(field, *r as f64, -50.0, 50.0, " person-days"),
        Effect::Wood(w) => check_range(field, *w as f64, -20.0, 20.0, " bundles"),
        Effect::Rest(h) => check_range(field, *h as f64, 0.25, 24.0, " h"),
        Effect::Weather(_, h) => check_range(field, *h as f64, 0.25, 48.0, " h"),
        Effect::TurnAway(_, why) | Effect::Stay(_, why) | Effect::Depart(_, why) => check_text(field.into(), why),
        _ => Ok(()),
    }
}

fn validate_story(story: &Story) -> Result<(), Invalid> {
    for id in MemberId::ALL {
        let n = story.characters.iter().filter(|c| c.id == id).count();
        if n != 1 {
            return Err(("characters".into(), format!("{} must be written exactly once (found {n})", id.name())));
        }
    }
    for (i, c) in story.characters.iter().enumerate() {
        let at = |f: &str| format!("characters[{i}].{f}");
        check_text(at("name"), &c.name)?;
        check_text(at("film"), &c.film)?;
        check_range(&at("height"), c.look.height as f64, 0.8, 1.2, "")?;
        let l = &c.lines;
        for (name, line) in [
            ("cold", &l.cold),
            ("heat", &l.heat),
            ("thirsty", &l.thirsty),
            ("collapsed", &l.collapsed),
            ("lost", &l.lost),
            ("found", &l.found),
            ("gives_up", &l.gives_up),
            ("walks_again", &l.walks_again),
            ("fire", &l.fire),
        ] {
            check_text(at(name), line)?;
        }
    }
    for kind in [EndingKind::Home, EndingKind::Alone, EndingKind::JanuszDied, EndingKind::JanuszLost] {
        if !story.endings.iter().any(|e| e.when == kind) {
            return Err(("endings".into(), format!("the {kind:?} ending is not written")));
        }
    }
    validate_events(&story.events, false)
}
