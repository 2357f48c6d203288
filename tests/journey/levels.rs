//! Level files: the shipped ones are valid; broken ones are reported with file, line and field.

use std::path::{Path, PathBuf};
use std::process::Command;

use the_way_back::sim::prelude::*;

fn shipped(stage: Stage) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("levels").join(stage.file_name())).unwrap()
}

/// A copy of the shipped levels in a temporary folder, with one file replaced.
fn levels_dir_with(name: &str, stage: Stage, text: Option<&str>) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("twb-levels-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for s in Stage::ALL {
        if s == stage {
            if let Some(text) = text {
                std::fs::write(dir.join(s.file_name()), text).unwrap();
            }
        } else {
            std::fs::write(dir.join(s.file_name()), shipped(s)).unwrap();
        }
    }
    std::fs::write(dir.join("story.ron"), include_str!("../../levels/story.ron")).unwrap();
    std::fs::write(dir.join("events.ron"), include_str!("../../levels/events.ron")).unwrap();
    dir
}

#[test]
fn the_shipped_levels_are_valid_and_the_builtin_copy_matches_the_folder() {
    let builtin = Levels::builtin().unwrap();
    let dir = Levels::from_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("levels")).unwrap();
    assert_eq!(builtin.stages, dir.stages);
    assert_eq!(builtin.story, dir.story);
    for (level, stage) in builtin.stages.iter().zip(Stage::ALL) {
        assert_eq!(level.stage, stage);
    }
}

fn error_for(stage: Stage, text: &str) -> String {
    parse_level(Path::new("levels/x.ron"), text, stage).unwrap_err().to_string()
}

#[test]
fn bad_syntax_names_the_line() {
    let original = shipped(Stage::Taiga);
    let line = original.lines().position(|l| l.contains("tile_m")).unwrap() + 1;
    let text: String = original
        .lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == line { format!("{l},\n") } else { format!("{l}\n") })
        .collect();
    let err = error_for(Stage::Taiga, &text);
    assert!(err.starts_with(&format!("levels/x.ron:{line}")), "{err}");
}

#[test]
fn an_unknown_field_is_named_with_its_line() {
    let text = shipped(Stage::Gobi).replace("wind_kmh: 15.0,", "wind_kmh: 15.0,\n        wind_kph: 3.0,");
    assert!(text.contains("wind_kph"));
    let line = text.lines().position(|l| l.contains("wind_kph")).unwrap() + 1;
    let err = error_for(Stage::Gobi, &text);
    assert!(err.starts_with(&format!("levels/x.ron:{line}")), "{err}");
    assert!(err.contains("wind_kph"), "{err}");
}

#[test]
fn a_value_out_of_range_names_field_and_line() {
    let text = shipped(Stage::Gobi).replace("wind_kmh: 15.0,", "wind_kmh: 400.0,");
    let line = text.lines().position(|l| l.contains("wind_kmh")).unwrap() + 1;
    let err = error_for(Stage::Gobi, &text);
    assert_eq!(
        err,
        format!("levels/x.ron:{line}: field `climate.wind_kmh`: 400 km/h is out of range (0 km/h to 150 km/h)")
    );
    let text = shipped(Stage::Camp).replace("night_temp_c: -32.0", "night_temp_c: 5.0");
    assert!(error_for(Stage::Camp, &text).contains("field `climate.night_temp_c`: nights cannot be warmer"));
    let text = shipped(Stage::Camp).replace("size: (96, 64)", "size: (96, 4)");
    assert!(error_for(Stage::Camp, &text).contains("field `size`"));
}

#[test]
fn a_letter_the_font_cannot_draw_is_refused_with_its_place() {
    // The game's font is ASCII: "Lwów" would show its "ó" as an empty box.
    let text = shipped(Stage::Camp).replace("title: \"Twenty years\"", "title: \"Twenty years in Lwów\"");
    let line = text.lines().position(|l| l.contains("Lwów")).unwrap() + 1;
    let err = error_for(Stage::Camp, &text);
    assert!(err.starts_with(&format!("levels/x.ron:{line}:")) && err.contains("`ó` cannot be drawn"), "{err}");
}

#[test]
fn a_stay_must_be_at_a_place_on_the_march() {
    // A waypoint the route does not have.
    let text = shipped(Stage::Monastery).replace("trigger: Waypoint(1)", "trigger: Waypoint(9)");
    let err = error_for(Stage::Monastery, &text);
    assert!(err.contains("trigger`") && err.contains("Waypoint(9) must name one of the route's waypoints"), "{err}");
    // A stay of days in a scene, where it would hold the player in place for weeks.
    let text = shipped(Stage::Monastery).replace("trigger: Waypoint(1)", "trigger: Progress(0.9)");
    let err = error_for(Stage::Monastery, &text);
    assert!(err.contains("must happen on the march"), "{err}");
    // A stay too long to be a stay.
    let text = shipped(Stage::Monastery).replace("Guests(21)", "Guests(400)");
    let err = error_for(Stage::Monastery, &text);
    assert!(err.contains("400 days is out of range"), "{err}");
}

#[test]
fn the_documented_maxima_are_accepted_as_written() {
    // 0.4 read as an f32 is a hair above 0.4 as an f64: it is still the maximum the docs give.
    let text = shipped(Stage::Gobi).replace("obstacles: 0.05,", "obstacles: 0.4,");
    assert!(text.contains("obstacles: 0.4,"));
    parse_level(Path::new("levels/x.ron"), &text, Stage::Gobi).expect("obstacles: 0.4 is allowed");
    // Past it, the error tells the number as the file wrote it.
    let text = shipped(Stage::Gobi).replace("obstacles: 0.05,", "obstacles: 0.41,");
    let err = error_for(Stage::Gobi, &text);
    assert!(err.contains("field `generation.obstacles`: 0.41 is out of range (0 to 0.4)"), "{err}");
}

#[test]
fn a_story_cannot_send_janusz_away_or_guide_past_the_last_stage() {
    // Janusz leads: a story that has him depart, join or sit down would stop the journey.
    let text = shipped(Stage::Monastery).replace(
        "effects: [Depart(Smith, \"went to Lhasa, to a US Army contact, and home to America\"), Rations(4.0)],",
        "effects: [Depart(Janusz, \"went to Lhasa\")],",
    );
    assert!(text.contains("Depart(Janusz"));
    let err = error_for(Stage::Monastery, &text);
    assert!(err.contains("Janusz leads the group"), "{err}");
    // A guide in the last stage would lead nowhere.
    let text = shipped(Stage::Epilogue).replacen("choices: [", "effects: [Guide],\n            choices: [", 1);
    assert!(text.contains("effects: [Guide]"));
    let err = error_for(Stage::Epilogue, &text);
    assert!(err.contains("Guide leads on to the next stage, and this is the last"), "{err}");
}

#[test]
fn a_headless_run_without_the_autoplayer_stops_at_the_first_question() {
    // Nobody answers the Camp's first question: the run ends there, with a word why, not a hang.
    let out = run_game(&["--headless", "--seed", "3", "--report", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("a story question waits for an answer"), "{stderr}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a report");
    assert!(report["outcome"].is_null(), "{}", report["outcome"]);
}

#[test]
fn a_file_for_the_wrong_stage_is_refused() {
    let err = error_for(Stage::Baikal, &shipped(Stage::Taiga));
    assert!(err.contains("field `stage`") && err.contains("Baikal"), "{err}");
}

#[test]
fn a_missing_stage_is_reported() {
    let dir = levels_dir_with("missing", Stage::Himalaya, None);
    let err = Levels::from_dir(&dir).unwrap_err().to_string();
    assert!(err.contains("himalaya.ron") && err.contains("missing"), "{err}");
}

#[test]
fn a_level_file_that_is_not_a_file_or_not_text_is_told_for_what_it_is() {
    // A folder where the file should be: not "missing", and no hang.
    let dir = levels_dir_with("folder", Stage::Gobi, None);
    std::fs::create_dir_all(dir.join(Stage::Gobi.file_name())).unwrap();
    let err = Levels::from_dir(&dir).unwrap_err().to_string();
    assert!(err.contains("gobi.ron") && err.contains("is not a regular file"), "{err}");
    // One bad byte.
    let mut bytes = shipped(Stage::Gobi).into_bytes();
    bytes[40] = 0xff;
    let dir = levels_dir_with("bytes", Stage::Gobi, None);
    std::fs::write(dir.join(Stage::Gobi.file_name()), bytes).unwrap();
    let err = Levels::from_dir(&dir).unwrap_err().to_string();
    assert!(err.contains("is not UTF-8 text (a bad byte at 40)"), "{err}");
    // A file far too big to be a level is not read into memory.
    let dir = levels_dir_with("huge", Stage::Gobi, None);
    let file = std::fs::File::create(dir.join(Stage::Gobi.file_name())).unwrap();
    file.set_len(64 << 20).unwrap();
    let err = Levels::from_dir(&dir).unwrap_err().to_string();
    assert!(err.contains("is too large"), "{err}");
}

#[test]
fn a_monastery_map_too_small_for_its_courtyard_is_refused() {
    let text = shipped(Stage::Monastery).replace("size: (64, 64)", "size: (20, 20)");
    assert!(text.contains("size: (20, 20)"));
    let err = error_for(Stage::Monastery, &text);
    assert!(err.contains("field `size`") && err.contains("at least 24 × 20 tiles"), "{err}");
}

fn run_game(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_the-way-back")).args(args).output().unwrap()
}

#[test]
fn the_game_exits_with_code_2_and_names_the_broken_file() {
    let text = shipped(Stage::Border).replace("humidity_pct: 45.0", "humidity_pct: 145.0");
    let dir = levels_dir_with("broken", Stage::Border, Some(&text));
    let out = run_game(&["--headless", "--autoplay", "--levels", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = text.lines().position(|l| l.contains("humidity_pct")).unwrap() + 1;
    assert!(stderr.contains(&format!("border.ron:{line}: field `climate.humidity_pct`")), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn odd_flags_are_a_clear_error_with_code_2() {
    for args in [
        &["--headless", "--sede", "3"][..],
        &["--headless", "--seed", "seven"],
        &["--report", "json"],
        &["--headless", "--report", "xml"],
        &["--headless", "--stage", "mars"],
    ] {
        let out = run_game(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("error"), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
    let help = run_game(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in ["--headless", "--seed", "--autoplay", "--levels", "--report"] {
        assert!(text.contains(flag), "--help explains {flag}");
    }
}

#[test]
fn an_error_told_to_a_stderr_nobody_reads_is_no_panic() {
    // A pipe whose reading end is gone before the game starts: every write to it fails.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let text = shipped(Stage::Border).replace("humidity_pct: 45.0", "humidity_pct: 145.0");
    let dir = levels_dir_with("closed-stderr", Stage::Border, Some(&text));
    let status = Command::new(env!("CARGO_BIN_EXE_the-way-back"))
        .args(["--headless", "--autoplay", "--levels", dir.to_str().unwrap()])
        .stderr(writer)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2), "the broken level is still exit code 2, not a panic's 101");
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let status = Command::new(env!("CARGO_BIN_EXE_the-way-back"))
        .args(["--headless", "--seed", "1", "--report", "json"])
        .stdout(std::process::Stdio::null())
        .stderr(writer)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0), "the note on a question nobody answers is no panic either");
}

#[test]
fn a_report_that_cannot_be_written_is_an_error_not_a_success() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("Linux has /dev/full");
    let out = Command::new(env!("CARGO_BIN_EXE_the-way-back"))
        .args(["--headless", "--seed", "2", "--autoplay", "--max-days", "1", "--report", "json"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the report could not be written"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_headless_report_is_byte_identical_for_one_seed() {
    let a = run_game(&["--headless", "--seed", "9", "--autoplay", "--report", "json"]);
    let b = run_game(&["--headless", "--seed", "9", "--autoplay", "--report", "json"]);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    let report: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(report["seed"], 9);
    assert_eq!(report["outcome"], "reached_india");
    let stages = report["stages"].as_array().unwrap();
    assert_eq!(stages.len(), 10);
    assert_eq!(stages[0]["stage"], "Camp");
    assert_eq!(stages[9]["stage"], "Epilogue");
    for s in stages {
        assert!(s["entered_day"].is_u64() && s["left_day"].is_u64() && s["map_hash"].as_str().unwrap().len() == 16);
    }
    for m in report["members"].as_array().unwrap() {
        let fate = m["fate"].as_str().unwrap();
        assert!(["survived", "died", "lost", "stayed", "departed"].contains(&fate));
        if fate == "survived" {
            assert!(m["stage"].is_null() && m["day"].is_null() && m["cause"].is_null(), "{m}");
        } else {
            assert!(m["stage"].is_string() && m["day"].is_u64() && m["cause"].is_string(), "{m}");
        }
    }
    let c = run_game(&["--headless", "--seed", "8", "--autoplay", "--report", "json"]);
    let other: serde_json::Value = serde_json::from_slice(&c.stdout).unwrap();
    for (x, y) in stages.iter().zip(other["stages"].as_array().unwrap()) {
        assert_ne!(x["map_hash"], y["map_hash"], "another seed, another map for {}", x["stage"]);
    }
}

#[test]
fn a_stay_told_without_a_question_must_also_be_on_the_march() {
    // A stay among an event's own effects (told, not asked) in a scene is refused as a stay in
    // a choice is.
    let text = shipped(Stage::Monastery).replacen(
        "trigger: StageEntered,",
        "trigger: StageEntered,\n            effects: [Guests(7)],",
        1,
    );
    assert!(text.contains("effects: [Guests(7)]"));
    let err = error_for(Stage::Monastery, &text);
    assert!(err.contains("must happen on the march"), "{err}");
}

#[test]
fn only_an_event_about_a_death_can_bury_someone() {
    // A grave comes from a choice's `buries`, not from its words: the validator keeps it to the
    // events that have a body to bury.
    let dir = levels_dir_with("buries", Stage::Camp, Some(&shipped(Stage::Camp)));
    let story = include_str!("../../levels/story.ron");
    let search = "label: \"Follow the tracks, everyone who can walk\",";
    assert!(story.contains(search));
    std::fs::write(dir.join("story.ron"), story.replacen(search, &format!("{search} buries: true,"), 1)).unwrap();
    let err = Levels::from_dir(&dir).unwrap_err().to_string();
    let line = err.split("story.ron:").nth(1).and_then(|r| r.split(':').next()).and_then(|n| n.parse::<u32>().ok());
    assert!(line.is_some() && err.contains("choices[0].buries"), "file, line and field: {err}");
    assert!(err.contains("only an event about someone's death"), "{err}");
    // The burial itself says so in its level file, and it stands.
    assert!(story.contains("label: \"Bury {who}\",\n                    buries: true,"));
}
