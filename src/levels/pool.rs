//! The pool of chance events (`levels/events.ron`): read, and checked against the stages so
//! that an event whose conditions can never all hold is refused with its file, line and field.

use std::collections::HashSet;

use crate::levels::validate::Invalid;
use crate::levels::{Effect, Level, MemberId, Require, StoryEvent, Terrain, Trigger, Who};
use crate::states::Stage;

/// The escape's month and day (`sim::model::clock::ESCAPE_DATE`, checked to agree there):
/// day 1 of every journey.
pub const ESCAPE_MONTH_DAY: (u32, u32) = (2, 1);

/// Days either side of when a walk usually reaches a stage (`reached_about_day`) that a slow
/// or quick one may still be in it: the months an event there can come in.
const SLACK_DAYS: u32 = 60;

/// The months (1 to 12) the group can be in `stage`: from a season before it usually arrives
/// to a season after the next stage usually begins.
pub fn months_in(levels: &[Level], stage: Stage) -> HashSet<u32> {
    let day = |s: Stage| levels.iter().find(|l| l.stage == s).and_then(|l| l.reached_about_day);
    let from = day(stage).unwrap_or(1);
    let to = Stage::ALL.iter().skip(stage.index() + 1).find_map(|s| day(*s)).unwrap_or(from + 30);
    let start = ESCAPE_MONTH_DAY;
    (from.saturating_sub(SLACK_DAYS)..=to + SLACK_DAYS).map(|d| month_of_journey_day(start, d)).collect()
}

/// The month of a journey's day `d` (day 1 is the escape, on `start` = (month, day)).
fn month_of_journey_day((month, day): (u32, u32), d: u32) -> u32 {
    const DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut m = month - 1;
    let mut left = day + d.saturating_sub(1);
    while left > DAYS[m as usize] {
        left -= DAYS[m as usize];
        m = (m + 1) % 12;
    }
    m + 1
}

/// Whether `month` lies in the range `from..=to`, wrapping past December.
pub fn in_months(month: u32, from: u32, to: u32) -> bool {
    if from <= to { (from..=to).contains(&month) } else { month >= from || month <= to }
}

/// Kinds of ground a stage can have under the group: its route's stretches (its forks' too)
/// and the biome's own.
fn grounds_in(level: &Level) -> HashSet<Terrain> {
    let mut out: HashSet<Terrain> = level.biome.grounds().into_iter().collect();
    if let Some(r) = &level.route {
        out.extend(r.land.iter().map(|s| s.1));
        out.extend(r.forks.iter().flat_map(|f| f.land.iter().map(|s| s.1)));
    }
    out
}

/// Whether `id` can be with the group in `stage`: not before they join, and not after a beat
/// that takes them away whatever is chosen (Khabarov stays in the camp).
fn can_be_in(levels: &[Level], id: MemberId, stage: Stage) -> bool {
    if stage < id.joins_at() {
        return false;
    }
    !levels.iter().filter(|l| l.stage < stage).any(|l| {
        l.events.iter().any(|e| {
            e.requires.iter().all(|r| matches!(r, Require::InGroup(_)))
                && e.effects.iter().any(|x| matches!(x, Effect::Stay(m, _) | Effect::Depart(m, _) if *m == id))
        })
    })
}

/// Where an event of the given id can happen: the stages of a drawn one, or the stage a
/// level's own event belongs to.
fn stages_of(levels: &[Level], pool: &[StoryEvent], id: &str) -> Option<(Vec<Stage>, Vec<String>)> {
    let labels = |e: &StoryEvent| e.choices.iter().map(|c| c.label.clone()).collect::<Vec<_>>();
    if let Some(e) = pool.iter().find(|e| e.id == id) {
        return Some((drawn_stages(e).to_vec(), labels(e)));
    }
    let found: Vec<_> =
        levels.iter().flat_map(|l| l.events.iter().filter(|e| e.id == id).map(|e| (l.stage, e))).collect();
    let (_, first) = found.first()?;
    Some((found.iter().map(|(s, _)| *s).collect(), labels(first)))
}

/// The stages a drawn event may come in (validated to be written).
pub fn drawn_stages(e: &StoryEvent) -> &[Stage] {
    e.requires.iter().find_map(|r| if let Require::Stages(s) = r { Some(s.as_slice()) } else { None }).unwrap_or(&[])
}

/// Checks the pool's events: each written once, drawn, and with conditions that can all hold
/// together in at least one of its stages.
pub(crate) fn validate_pool(levels: &[Level], pool: &[StoryEvent]) -> Result<(), Invalid> {
    let mut ids = HashSet::new();
    for (i, event) in pool.iter().enumerate() {
        let at = |f: &str| format!("events[{i}].{f}");
        if !ids.insert(event.id.as_str()) || levels.iter().any(|l| l.events.iter().any(|e| e.id == event.id)) {
            return Err((at("id"), format!("`{}` is used twice", event.id)));
        }
        if event.trigger != Trigger::Drawn {
            return Err((at("trigger"), "an event of the pool is Drawn".into()));
        }
        crate::levels::validate::validate_event(event, &at)?;
        let stages = drawn_stages(event);
        if stages.is_empty() {
            return Err((at("requires"), "says in which Stages([..]) it can happen".into()));
        }
        if let Some(s) = stages.iter().find(|s| matches!(s, Stage::Camp | Stage::Epilogue)) {
            return Err((at("requires"), format!("nothing is drawn in the {s:?} stage")));
        }
        let named = [event.speaker, event.about.and_then(|w| if let Who::Member(m) = w { Some(m) } else { None })];
        for m in named.into_iter().flatten() {
            if !event.requires.contains(&Require::InGroup(m)) {
                return Err((at("requires"), format!("{} speaks or is spoken of: it needs InGroup({m:?})", m.name())));
            }
        }
        let possible = stages.iter().any(|s| possible_in(levels, pool, &event.id, &event.requires, *s).is_ok());
        if !possible {
            let why = possible_in(levels, pool, &event.id, &event.requires, stages[0]).err().unwrap_or_default();
            return Err((at("requires"), format!("can never all hold: {why}")));
        }
        for (c, choice) in event.choices.iter().enumerate() {
            let at = |f: &str| format!("events[{i}].choices[{c}].{f}");
            for r in &choice.requires {
                if !stages.iter().any(|s| possible_in(levels, pool, &event.id, std::slice::from_ref(r), *s).is_ok()) {
                    return Err((at("requires"), format!("{r:?} can never hold where this event happens")));
                }
            }
        }
    }
    Ok(())
}

/// Why the requirements `rs` of the event `own` cannot all hold in `stage`, if they cannot.
fn possible_in(levels: &[Level], pool: &[StoryEvent], own: &str, rs: &[Require], stage: Stage) -> Result<(), String> {
    let level = levels.iter().find(|l| l.stage == stage).ok_or("no such stage")?;
    let months = months_in(levels, stage);
    let grounds = grounds_in(level);
    let weathers: Vec<_> = level.weather_odds().into_iter().filter(|(_, p)| *p > 0.0).map(|(k, _)| k).collect();
    let (mut below, mut above) = (f32::INFINITY, f32::NEG_INFINITY);
    for r in rs {
        match r {
            Require::InGroup(m) if !can_be_in(levels, *m, stage) => {
                return Err(format!("{} cannot be with the group in the {stage:?} stage", m.name()));
            }
            Require::InGroup(m) if rs.contains(&Require::NotInGroup(*m)) => {
                return Err(format!("{} both in and not in the group", m.name()));
            }
            Require::Months(from, to) => {
                if !(1..=12).contains(from) || !(1..=12).contains(to) {
                    return Err("months run from 1 to 12".into());
                }
                if !months.iter().any(|m| in_months(*m, *from, *to)) {
                    return Err(format!("the group is never in the {stage:?} stage in months {from} to {to}"));
                }
            }
            Require::Weather(kinds) if !kinds.iter().any(|k| weathers.contains(k)) => {
                return Err(format!("the {stage:?} stage never has {kinds:?}"));
            }
            Require::Ground(kinds) if !kinds.iter().any(|k| grounds.contains(k)) => {
                return Err(format!("the {stage:?} stage has no {kinds:?}"));
            }
            Require::ColderThan(c) => below = below.min(*c),
            Require::WarmerThan(c) => above = above.max(*c),
            Require::FoodBelow(x) | Require::WaterBelow(x) | Require::GroupMoraleBelow(x) if *x <= 0.0 => {
                return Err(format!("{r:?}: nothing is below nothing"));
            }
            Require::WoodBelow(0) => return Err("WoodBelow(0): nothing is below nothing".into()),
            Require::TrustBelow(m, x) | Require::MoraleBelow(m, x) if *x <= 0.0 || !can_be_in(levels, *m, stage) => {
                return Err(format!("{r:?}: never below 0, and only for someone who can be there"));
            }
            Require::TrustAbove(m, x) | Require::MoraleAbove(m, x) if *x >= 1.0 || !can_be_in(levels, *m, stage) => {
                return Err(format!("{r:?}: never above 1, and only for someone who can be there"));
            }
            Require::GroupAtLeast(n) if *n as usize > MemberId::ALL.len() => {
                return Err(format!("the group is never {n} strong"));
            }
            Require::Told(other) | Require::Chose(other, _) | Require::DaysSince(other, _) => {
                let id = other;
                if id == own {
                    return Err("waits for itself".into());
                }
                let Some((there, labels)) = stages_of(levels, pool, id) else {
                    return Err(format!("`{id}` is no event"));
                };
                if !there.iter().any(|s| *s <= stage) {
                    return Err(format!("`{id}` only comes after the {stage:?} stage"));
                }
                if let Require::Chose(_, label) = r
                    && !labels.contains(label)
                {
                    return Err(format!("`{id}` has no choice `{label}`"));
                }
                if rs.contains(&Require::NotTold(id.clone())) {
                    return Err(format!("`{id}` both told and not told"));
                }
            }
            _ => {}
        }
    }
    if below <= above {
        return Err(format!("colder than {below} °C and warmer than {above} °C"));
    }
    let pairs = [(Require::AtNight, Require::ByDay)];
    if pairs.iter().any(|(a, b)| rs.contains(a) && rs.contains(b)) {
        return Err("both by night and by day".into());
    }
    let bounds = |lo: &dyn Fn(&Require) -> Option<(MemberId, f32)>,
                  hi: &dyn Fn(&Require) -> Option<(MemberId, f32)>| {
        rs.iter().filter_map(lo).any(|(m, a)| rs.iter().filter_map(hi).any(|(n, b)| m == n && a <= b))
    };
    let trust_below = |r: &Require| if let Require::TrustBelow(m, x) = r { Some((*m, *x)) } else { None };
    let trust_above = |r: &Require| if let Require::TrustAbove(m, x) = r { Some((*m, *x)) } else { None };
    let morale_below = |r: &Require| if let Require::MoraleBelow(m, x) = r { Some((*m, *x)) } else { None };
    let morale_above = |r: &Require| if let Require::MoraleAbove(m, x) = r { Some((*m, *x)) } else { None };
    if bounds(&trust_below, &trust_above) || bounds(&morale_below, &morale_above) {
        return Err("below a number and above a bigger one".into());
    }
    let pair = |lo: fn(&Require) -> Option<f32>, hi: fn(&Require) -> Option<f32>| {
        rs.iter().filter_map(lo).any(|a| rs.iter().filter_map(hi).any(|b| a <= b))
    };
    let food = pair(
        |r| if let Require::FoodBelow(x) = r { Some(*x) } else { None },
        |r| if let Require::FoodAbove(x) = r { Some(*x) } else { None },
    );
    let water = pair(
        |r| if let Require::WaterBelow(x) = r { Some(*x) } else { None },
        |r| if let Require::WaterAbove(x) = r { Some(*x) } else { None },
    );
    if food || water {
        return Err("below a number and above a bigger one".into());
    }
    Ok(())
}
