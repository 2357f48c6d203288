//! What a level file may say: ranges, required text, and events that can happen.

use crate::levels::{Edge, Effect, EndingKind, Level, MemberId, Story, StoryEvent, Trigger};
use crate::states::Stage;

pub(crate) type Invalid = (String, String);

/// The smallest map a Monastery-biome level may have: its courtyard with a tile of ground
/// and a gate path on every side.
const MONASTERY_MIN: (u32, u32) = (24, 20);

/// Everything an event can do: what it does when told, and what each answer does, kept or
/// refused.
fn every_effect(e: &StoryEvent) -> impl Iterator<Item = &Effect> {
    e.effects.iter().chain(e.choices.iter().flat_map(|c| c.effects.iter().chain(&c.failed_effects)))
}

/// Whether `value` lies in `min..=max`. Level files hold f32s: 0.4 read as an f32 is
/// 0.4000000059604645 as an f64, so the bounds are widened by an f32's rounding and the value
/// is told as the file wrote it.
fn check_range(field: &str, value: f64, min: f64, max: f64, unit: &str) -> Result<(), Invalid> {
    let slack = f64::from(f32::EPSILON) * min.abs().max(max.abs()).max(1.0);
    if !(min - slack..=max + slack).contains(&value) || value.is_nan() {
        let told = value as f32;
        return Err((field.into(), format!("{told}{unit} is out of range ({min}{unit} to {max}{unit})")));
    }
    Ok(())
}

pub(crate) fn validate(level: &Level, expected: Stage) -> Result<(), Invalid> {
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
    // The monastery's walled courtyard (21 × 17 tiles) and its gates need room around them.
    if level.biome == crate::levels::Biome::Monastery && (w < MONASTERY_MIN.0 || h < MONASTERY_MIN.1) {
        return Err((
            "size".into(),
            format!(
                "a Monastery map must be at least {} × {} tiles to hold its 21 × 17 courtyard ({w} × {h})",
                MONASTERY_MIN.0, MONASTERY_MIN.1
            ),
        ));
    }
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
    if let Some(n) = &level.normals {
        for (field, values, min, max) in [
            ("normals.max_c", &n.max_c, -70.0, 60.0),
            ("normals.min_c", &n.min_c, -70.0, 60.0),
            ("normals.wind_kmh", &n.wind_kmh, 0.0, 200.0),
            ("normals.humidity_pct", &n.humidity_pct, 0.0, 100.0),
        ] {
            if values.len() != 12 {
                return Err((field.to_string(), format!("has {} values, not 12 (one a month)", values.len())));
            }
            for (i, v) in values.iter().enumerate() {
                check_range(&format!("{field}[{i}]"), f64::from(*v), min, max, "")?;
            }
        }
        check_range("normals.altitude_m", f64::from(n.altitude_m), -500.0, 9000.0, " m")?;
    }
    if let Some(r) = &level.route {
        if r.points.len() < 2 {
            return Err(("route.points".to_string(), "needs at least two waypoints".to_string()));
        }
        for (i, p) in r.points.iter().enumerate() {
            check_geo(&format!("route.points[{i}]"), p.at())?;
        }
        check_range("route.scene_at", f64::from(r.scene_at), 0.0, 1.0, "")?;
        if r.land.is_empty() {
            return Err(("route.land".to_string(), "needs at least one stretch".to_string()));
        }
        let mut last = -1.0;
        for (i, s) in r.land.iter().enumerate() {
            check_range(&format!("route.land[{i}]"), f64::from(s.0), 0.0, 20_000.0, " km")?;
            if s.0 <= last {
                return Err((format!("route.land[{i}]"), "stretches must be in order of km".to_string()));
            }
            last = s.0;
            check_range(&format!("route.land[{i}] height"), f64::from(s.2), -500.0, 9000.0, " m")?;
        }
        validate_forks(level, r)?;
    }
    if let Some(day) = level.reached_about_day {
        check_range("reached_about_day", f64::from(day), 1.0, 500.0, " days")?;
    }
    let forks = level.route.as_ref().map_or(0, |r| r.forks.len());
    for (i, e) in level.events.iter().enumerate() {
        if let Trigger::Fork(n) = e.trigger
            && n >= forks
        {
            return Err((format!("events[{i}].trigger"), format!("the stage's route has no fork {n}")));
        }
        if let Trigger::Waypoint(n) = e.trigger {
            let points = level.route.as_ref().map_or(0, |r| r.points.len());
            // A fork's other road replaces the waypoints between its ends, and shifts those after.
            let first_fork = level.route.as_ref().and_then(|r| r.forks.first()).map(|f| f.from);
            if n >= points || first_fork.is_some_and(|from| n > from) {
                return Err((
                    format!("events[{i}].trigger"),
                    format!(
                        "Waypoint({n}) must name one of the route's waypoints (0 to {}) before its first fork",
                        first_fork.unwrap_or(points.max(1) - 1)
                    ),
                ));
            }
        }
        let stays = every_effect(e).any(|x| matches!(x, Effect::Guests(_)));
        if stays && !matches!(e.trigger, Trigger::Waypoint(_) | Trigger::Fork(_)) {
            return Err((
                format!("events[{i}].trigger"),
                "an event with a stay of days (Guests) must happen on the march (trigger: Waypoint or Fork)".into(),
            ));
        }
    }
    // A guide leads on to the next stage: the last stage has none.
    if level.stage == *Stage::ALL.last().expect("stages")
        && let Some(i) = level.events.iter().position(|e| every_effect(e).any(|x| *x == Effect::Guide))
    {
        return Err((format!("events[{i}].effects"), "Guide leads on to the next stage, and this is the last".into()));
    }
    validate_events(&level.events, true)
}

/// Each fork joins two waypoints of the route in order, after the last fork and clear of the
/// stage's scene, has land of its own, and is asked about by an event whose every choice
/// takes one of its two roads.
fn validate_forks(level: &Level, r: &crate::levels::MarchRoute) -> Result<(), Invalid> {
    let mut after = 0;
    let scene = (level.scene_start_km(), level.scene_start_km() + level.scene_km());
    for (n, f) in r.forks.iter().enumerate() {
        let at = |field: &str| format!("route.forks[{n}].{field}");
        if f.from < after || f.to <= f.from || f.to >= r.points.len() {
            return Err((
                at("from"),
                format!("must join two waypoints in order after the last fork (0 to {})", r.points.len() - 1),
            ));
        }
        let (a, b) = (r.km_to_point(f.from), r.km_to_point(f.to));
        if a < scene.1 && b > scene.0 {
            return Err((at("to"), format!("the fork ({a:.0}-{b:.0} km) crosses the stage's scene")));
        }
        for (i, p) in f.points.iter().enumerate() {
            check_geo(&at(&format!("points[{i}]")), p.at())?;
        }
        if f.land.first().is_none_or(|s| s.0 != 0.0) {
            return Err((at("land"), "needs its land from km 0 of the fork".to_string()));
        }
        let asked = level.events.iter().find(|e| e.trigger == Trigger::Fork(n));
        let Some(event) = asked else {
            return Err((at("from"), format!("no event asks which road to take (trigger: Fork({n}))")));
        };
        let roads: Vec<Option<bool>> = event
            .choices
            .iter()
            .map(|c| {
                c.effects.iter().find_map(|e| if let Effect::Road(m, o) = e { (*m == n).then_some(*o) } else { None })
            })
            .collect();
        if !roads.contains(&Some(false)) || !roads.contains(&Some(true)) || roads.contains(&None) {
            return Err((
                format!("events `{}`.choices", event.id),
                format!(
                    "every choice must take a road of fork {n} (Road({n}, false) or Road({n}, true)), both roads offered"
                ),
            ));
        }
        after = f.to;
    }
    Ok(())
}

fn check_geo(field: &str, (lat, lon): (f32, f32)) -> Result<(), Invalid> {
    check_range(field, lat as f64, -90.0, 90.0, "° latitude")?;
    check_range(field, lon as f64, -180.0, 180.0, "° longitude")
}

fn check_text(field: String, text: &str) -> Result<(), Invalid> {
    if text.trim().is_empty() {
        return Err((field, "must not be empty".into()));
    }
    check_drawable(field, text)
}

/// The game's font draws ASCII only: a letter outside it would show as an empty box.
fn check_drawable(field: String, text: &str) -> Result<(), Invalid> {
    match text.chars().find(|c| !(c.is_ascii_graphic() || *c == ' ')) {
        Some(c) => Err((field, format!("`{c}` cannot be drawn (the game's font has ASCII only)"))),
        None => Ok(()),
    }
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
        match &event.trigger {
            Trigger::Progress(p) => check_range(&at("trigger"), *p as f64, 0.0, 1.0, "")?,
            Trigger::Met { along, .. } => check_range(&at("trigger"), *along as f64, 0.05, 0.95, "")?,
            Trigger::Night(n) => check_range(&at("trigger"), *n as f64, 1.0, 30.0, " nights")?,
            Trigger::After(id) if !events.iter().take(i).any(|e| &e.id == id) => {
                return Err((at("trigger"), format!("`{id}` is not an event written before this one")));
            }
            Trigger::Drawn => {
                return Err((at("trigger"), "a Drawn event belongs in the pool, levels/events.ron".into()));
            }
            _ => {}
        }
        if !in_stage && !matches!(event.trigger, Trigger::Condition(..) | Trigger::Died(_) | Trigger::Missing(_)) {
            return Err((
                at("trigger"),
                "events of the story file may only wait for a Condition, a death or someone missing".into(),
            ));
        }
        validate_event(event, &at)?;
    }
    Ok(())
}

/// What every event must say, wherever it is written: a title and a text, effects in range,
/// and choices whose chance or whose ask of someone's trust costs something when it fails.
pub(crate) fn validate_event(event: &StoryEvent, at: &dyn Fn(&str) -> String) -> Result<(), Invalid> {
    check_text(at("title"), &event.title)?;
    let finds = event
        .effects
        .iter()
        .chain(event.choices.iter().flat_map(|c| c.effects.iter().chain(&c.failed_effects)))
        .any(|e| matches!(e, Effect::Found(_)));
    if finds && !matches!(event.trigger, Trigger::Missing(_)) {
        return Err((at("trigger"), "only an event for someone Missing can find them (Found)".into()));
    }
    check_text(at("text"), &event.text)?;
    for effect in &event.effects {
        check_effect(&at("effects"), effect)?;
    }
    for (c, choice) in event.choices.iter().enumerate() {
        let at = |f: &str| at(&format!("choices[{c}].{f}"));
        check_text(at("label"), &choice.label)?;
        check_drawable(at("reply"), &choice.reply)?;
        if let Some((_, t)) = choice.needs_trust {
            check_range(&at("needs_trust"), t as f64, 0.0, 1.0, "")?;
        }
        if let Some(p) = choice.odds {
            check_range(&at("odds"), p as f64, 0.05, 0.95, "")?;
        }
        if choice.odds.is_some() || choice.needs_trust.is_some() {
            check_text(at("failed_reply"), &choice.failed_reply)?;
            // No free roll: an ask that can fail must cost something when it does.
            if !choice.failed_effects.iter().any(costs) {
                return Err((at("failed_effects"), "a choice that can fail must cost something when it does".into()));
            }
        }
        for effect in choice.effects.iter().chain(&choice.failed_effects) {
            check_effect(&at("effects"), effect)?;
        }
        // A grave needs a body: only an event about a death can bury its subject.
        if choice.buries && !matches!(event.trigger, Trigger::Died(_)) {
            return Err((at("buries"), "only an event about someone's death (trigger Died) can bury them".into()));
        }
    }
    Ok(())
}

/// Whether an effect is a loss to the group: less of something it needs, time, people, worse
/// weather.
pub fn costs(effect: &Effect) -> bool {
    use crate::levels::WeatherKind;
    match effect {
        Effect::Morale(_, x) | Effect::Trust(_, x) | Effect::Boots(_, x) | Effect::Clothes(_, x) => *x < 0.0,
        Effect::Water(x) | Effect::Rations(x) | Effect::Lead(x) => *x < 0.0,
        Effect::Wood(n) => *n < 0,
        Effect::Tire(_, x) => *x > 0.0,
        Effect::Rest(_) | Effect::GiveUp(_) | Effect::TurnAway(..) | Effect::Stay(..) | Effect::Depart(..) => true,
        Effect::Weather(kind, _) => {
            matches!(
                kind,
                WeatherKind::Blizzard | WeatherKind::Sandstorm | WeatherKind::Heatwave | WeatherKind::Snowfall
            )
        }
        _ => false,
    }
}

fn check_effect(field: &str, effect: &Effect) -> Result<(), Invalid> {
    // Janusz leads: the journey is his, so he cannot join it, leave it, be sent off or sit
    // down in it by a story's say (the group would wait for him for ever).
    let janusz = match effect {
        Effect::Join(id)
        | Effect::TurnAway(id, _)
        | Effect::Stay(id, _)
        | Effect::Depart(id, _)
        | Effect::GiveUp(id) => *id == MemberId::Janusz,
        _ => false,
    };
    if janusz {
        return Err((field.into(), format!("{effect:?}: Janusz leads the group; he cannot join, leave or give up")));
    }
    match effect {
        Effect::Morale(_, x) | Effect::Trust(_, x) => check_range(field, *x as f64, -1.0, 1.0, ""),
        Effect::Water(l) => check_range(field, *l as f64, -30.0, 30.0, " L"),
        Effect::Drink(_, l) => check_range(field, *l as f64, 0.0, 5.0, " L"),
        Effect::Rations(r) => check_range(field, *r as f64, -50.0, 50.0, " person-days"),
        Effect::Wood(w) => check_range(field, *w as f64, -20.0, 20.0, " bundles"),
        Effect::Rest(h) => check_range(field, *h as f64, 0.25, 24.0, " h"),
        Effect::Until(h) => check_range(field, *h as f64, 0.0, 23.99, " o'clock"),
        Effect::Guests(d) => check_range(field, *d as f64, 1.0, 60.0, " days"),
        Effect::Weather(_, h) => check_range(field, *h as f64, 0.25, 48.0, " h"),
        Effect::Tire(_, x) | Effect::Boots(_, x) | Effect::Clothes(_, x) => {
            check_range(field, *x as f64, -1.0, 1.0, "")
        }
        Effect::Lead(km) => check_range(field, *km as f64, -100.0, 100.0, " km"),
        Effect::TurnAway(_, why) | Effect::Stay(_, why) | Effect::Depart(_, why) => check_text(field.into(), why),
        _ => Ok(()),
    }
}

pub(crate) fn validate_story(story: &Story) -> Result<(), Invalid> {
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
    // A dream a stage from the Taiga to India.
    let dreamt = Stage::ALL.len() - 2;
    if story.visions.len() < dreamt {
        return Err((
            "visions".into(),
            format!(
                "{} written; a dream is needed for each of the {dreamt} stages from the Taiga to India",
                story.visions.len()
            ),
        ));
    }
    if story.called_away.is_empty() {
        return Err(("called_away".into(), "no line for a vision followed awake".into()));
    }
    for (i, line) in story.visions.iter().enumerate() {
        check_text(format!("visions[{i}]"), line)?;
    }
    for (i, line) in story.called_away.iter().enumerate() {
        check_text(format!("called_away[{i}]"), line)?;
    }
    validate_events(&story.events, false)
}
