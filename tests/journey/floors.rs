//! The house's floors, read off the source: no file names a floor above its own, no rule names
//! another rule, nothing in the simulation or the level files names a render, asset, UI,
//! window, tilemap or audio type, and the painting code names no bevy. A failure names the
//! file, the line and what it climbed to.

use std::path::{Path, PathBuf};

/// How high a part of the crate stands: a file may name its own floor and those below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Floor {
    States,
    Levels,
    /// `sim::model`, `sim::world`, and the schedule's sets named in `sim` itself.
    Model,
    Rules,
    Journey,
    Record,
    /// `sim::prelude` and `SimulationPlugin`: the simulation as a whole.
    Simulation,
    Game,
    /// The binary's own wiring: `main`, `cli`, `headless`, `lib`, `bin/`.
    Top,
    /// Pixels and samples: below the game, beside everything else.
    Paint,
}

/// The floor of a source file, by where it lies.
fn floor_of_file(rel: &str) -> Floor {
    match rel {
        "states.rs" => Floor::States,
        "sim/mod.rs" | "sim/prelude.rs" => Floor::Simulation,
        _ if rel.starts_with("levels/") => Floor::Levels,
        _ if rel.starts_with("sim/model/") || rel.starts_with("sim/world/") => Floor::Model,
        _ if rel.starts_with("sim/rules/") => Floor::Rules,
        _ if rel.starts_with("sim/journey/") => Floor::Journey,
        _ if rel.starts_with("sim/record/") => Floor::Record,
        _ if rel.starts_with("game/") => Floor::Game,
        _ if rel.starts_with("paint/") => Floor::Paint,
        _ => Floor::Top,
    }
}

/// The floor a `crate::` path names, or `None` for paths this test does not judge.
fn floor_of_path(path: &str) -> Option<Floor> {
    let p = path.strip_prefix("crate::")?;
    let first = p.split("::").next().unwrap_or("");
    Some(match first {
        "states" => Floor::States,
        "levels" => Floor::Levels,
        "paint" => Floor::Paint,
        "game" => Floor::Game,
        "headless" | "cli" => Floor::Top,
        "sim" => {
            let second = p.split("::").nth(1).unwrap_or("");
            match second {
                "model" | "world" => Floor::Model,
                "rules" => Floor::Rules,
                "journey" => Floor::Journey,
                "record" => Floor::Record,
                "prelude" | "SimulationPlugin" => Floor::Simulation,
                // The tick's and the entry's sets, the run conditions, the tick rate.
                _ => Floor::Model,
            }
        }
        _ => return None,
    })
}

/// Whether a file on `from` may name something on `to`.
fn may_name(from: Floor, to: Floor) -> bool {
    match (from, to) {
        (Floor::Paint, Floor::States | Floor::Levels | Floor::Paint) => true,
        (Floor::Paint, _) => false,
        (Floor::Game | Floor::Top, Floor::Paint) => true,
        (_, Floor::Paint) => false,
        _ => to <= from,
    }
}

/// Types of the renderer, assets, UI, windows, the tilemap and audio: none of them below the
/// game.
const PRESENTATION: [&str; 24] = [
    "bevy::render",
    "bevy::asset",
    "bevy::ui",
    "bevy::window",
    "bevy::winit",
    "bevy::sprite",
    "bevy::text",
    "bevy::image",
    "bevy::camera",
    "bevy::core_pipeline",
    "bevy::audio",
    "bevy::color",
    "bevy_ecs_tilemap",
    "bevy_kira_audio",
    "Handle<",
    "AssetServer",
    "Assets<",
    "Sprite",
    "Camera2d",
    "ImageNode",
    "TextFont",
    "Window",
    "Color",
    "Node {",
];

/// The code of a file with its comments and string literals blanked, line for line.
fn code_only(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_block = false;
    for line in text.lines() {
        let mut code = String::new();
        let mut chars = line.chars().peekable();
        let mut in_str = false;
        while let Some(c) = chars.next() {
            if in_block {
                if c == '*' && chars.peek() == Some(&'/') {
                    chars.next();
                    in_block = false;
                }
                continue;
            }
            if in_str {
                if c == '\\' {
                    chars.next();
                } else if c == '"' {
                    in_str = false;
                    code.push('"');
                }
                continue;
            }
            match c {
                '/' if chars.peek() == Some(&'/') => break,
                '/' if chars.peek() == Some(&'*') => {
                    chars.next();
                    in_block = true;
                }
                '"' => {
                    in_str = true;
                    code.push('"');
                }
                _ => code.push(c),
            }
        }
        out.push(code);
    }
    out
}

/// Every `crate::` path in a line, with `crate::a::{b, c::d}` groups spread out.
fn crate_paths(line: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i..];
        let end = after.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(after.len());
        let head = after[..end].trim_end_matches(':').to_string();
        if after[end..].starts_with('{') {
            let close = after[end..].find('}').map_or(after.len(), |j| end + j);
            for item in after[end + 1..close].split(',') {
                let item = item.trim();
                if !item.is_empty() && item != "self" {
                    paths.push(format!("{head}::{item}"));
                }
            }
        } else {
            paths.push(head);
        }
        rest = &after[end.max(7)..];
    }
    paths
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ can be read") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// What is wrong with one file, one line each (`file:line: ...`).
fn climbs(rel: &str, text: &str) -> Vec<String> {
    let from = floor_of_file(rel);
    let mut found = Vec::new();
    let own_rule = rel.strip_prefix("sim/rules/").map(|f| f.trim_end_matches(".rs").to_string());
    for (n, line) in code_only(text).iter().enumerate() {
        let at = format!("src/{rel}:{}", n + 1);
        for path in crate_paths(line) {
            if let Some(to) = floor_of_path(&path)
                && !may_name(from, to)
            {
                found.push(format!("{at}: a {from:?} file names `{path}` on the {to:?} floor above it"));
            }
            if let (Some(own), Some(other)) = (&own_rule, path.strip_prefix("crate::sim::rules::")) {
                let other = other.split("::").next().unwrap_or("");
                if other != own {
                    found.push(format!("{at}: the rule `{own}` names another rule, `{path}`"));
                }
            }
        }
        if line.contains("super::") && !line.trim_start().starts_with("use super::*") {
            found.push(format!("{at}: a `super::` path; write it from `crate::` so climbs can be seen"));
        }
        let low = matches!(from, Floor::States | Floor::Levels | Floor::Model | Floor::Rules | Floor::Journey);
        if low || matches!(from, Floor::Record | Floor::Simulation) {
            for word in PRESENTATION {
                if line.contains(word) {
                    found.push(format!("{at}: the simulation names `{word}`, a presentation type"));
                }
            }
        }
        if from == Floor::Paint && line.contains("bevy") {
            found.push(format!("{at}: painting code names bevy"));
        }
    }
    found
}

#[test]
fn no_file_names_a_floor_above_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    assert!(files.len() > 40, "the source tree was found ({} files)", files.len());
    let mut found = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).expect("under src").to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(file).expect("a source file can be read");
        found.extend(climbs(&rel, &text));
    }
    assert!(found.is_empty(), "{} climbs:\n{}", found.len(), found.join("\n"));
}

#[test]
fn a_climbing_import_is_caught_and_named() {
    // The checker itself, on files written to climb: each is caught, naming file and line.
    let rule = "//! A rule.\nuse crate::sim::model::party::Member;\nuse crate::sim::rules::cohesion::Mind;\n";
    assert_eq!(
        climbs("sim/rules/thirst.rs", rule),
        ["src/sim/rules/thirst.rs:3: the rule `thirst` names another rule, `crate::sim::rules::cohesion::Mind`"]
    );
    let model = "use crate::sim::{journey::stages::enter_stage, model::clock::GameClock};\n";
    let found = climbs("sim/model/party.rs", model);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("src/sim/model/party.rs:1: a Model file names `crate::sim::journey::stages::enter_stage`")
    );
    let sim = "fn f(images: Res<Assets<Image>>) {}\n";
    assert!(climbs("sim/journey/story.rs", sim)[0].contains("`Assets<`, a presentation type"));
    assert!(climbs("levels/land.rs", "use crate::game::theme;\n")[0].contains("on the Game floor"));
    assert!(climbs("paint/art.rs", "use bevy::prelude::*;\n")[0].contains("painting code names bevy"));
    assert!(climbs("sim/world/map.rs", "    let x = super::noise::quantile(&v, 0.5);\n")[0].contains("`super::` path"));
    // Comments and strings are not code.
    assert!(
        climbs("sim/rules/camp.rs", "// see crate::game::view\nlet s = \"crate::sim::rules::thirst\";\n").is_empty()
    );
    // Looking down is fine, and the game may name everything.
    assert!(climbs("sim/journey/story.rs", "use crate::sim::rules::cohesion::sight_tiles;\n").is_empty());
    assert!(
        climbs("game/hud/mod.rs", "use crate::sim::record::chronicle::Chronicle;\nuse crate::paint::art;\n").is_empty()
    );
}
