//! Level files: one RON file per stage in `levels/`, parsed and validated with errors that
//! name the file, the line and the field.

use std::fmt;
use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::state::Stage;
use super::weather::{WeatherKind, default_odds};

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

/// What makes a story event happen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// When the group enters the stage.
    StageEntered,
    /// At dusk of the N-th night spent in the stage (1 is the first).
    Night(u32),
    /// When the group has walked this share (0 to 1) of the way to the way out.
    Progress(f32),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryEvent {
    pub id: String,
    pub trigger: Trigger,
    pub title: String,
    pub text: String,
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
    #[serde(default)]
    pub events: Vec<StoryEvent>,
}

impl Level {
    pub fn weather_odds(&self) -> Vec<(WeatherKind, f32)> {
        if self.weather.is_empty() { default_odds(self.biome) } else { self.weather.clone() }
    }
}

/// All ten stages' levels, in journey order.
#[derive(Resource, Debug, Clone)]
pub struct Levels(pub Vec<Level>);

impl Levels {
    pub fn get(&self, stage: Stage) -> &Level {
        &self.0[stage.index()]
    }

    /// The levels shipped with the game, compiled in so that the desktop, the browser and the
    /// tests read the very same text.
    pub fn builtin() -> Result<Levels, LevelError> {
        let sources = BUILTIN.iter().map(|(name, text)| (PathBuf::from("levels").join(name), Some(text.to_string())));
        Levels::parse_all(sources)
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
        let sources = Stage::ALL.iter().map(|stage| {
            let path = dir.join(stage.file_name());
            let text = std::fs::read_to_string(&path).ok();
            (path, text)
        });
        Levels::parse_all(sources)
    }

    fn parse_all(sources: impl Iterator<Item = (PathBuf, Option<String>)>) -> Result<Levels, LevelError> {
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
        Ok(Levels(levels))
    }
}

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
    let level: Level = ron::from_str(text).map_err(|e| LevelError {
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

/// The line a field is written on. Field names are unique within a level file, so the last
/// segment of the path finds it.
fn line_of_field(text: &str, field: &str) -> Option<usize> {
    let name = field.rsplit('.').next()?;
    let name = name.split('[').next()?;
    text.lines().position(|line| {
        let line = line.trim_start();
        line.strip_prefix(name).is_some_and(|rest| rest.trim_start().starts_with(':'))
    })
    .map(|i| i + 1)
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
    let mut ids = std::collections::HashSet::new();
    for (i, event) in level.events.iter().enumerate() {
        if !ids.insert(event.id.as_str()) {
            return Err((format!("events[{i}].id"), format!("`{}` is used twice", event.id)));
        }
        if let Trigger::Progress(p) = event.trigger {
            check_range(&format!("events[{i}].trigger"), p as f64, 0.0, 1.0, "")?;
        }
    }
    Ok(())
}

