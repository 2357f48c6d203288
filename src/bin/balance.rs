//! Balance: plays the journey with the autoplayer over many seeds and prints, per stage, who
//! died of what and how often, who was lost or left, and who reached the end.
//!
//! `cargo run --release --no-default-features --bin balance -- [SEEDS] [FIRST_SEED]` (default
//! 200 from 1) prints the table; `-- --policy NAME --runs N [--first SEED] [--json]` plays one
//! policy (careful, film, reckless, passive) and prints its table, or one JSON object: runs,
//! reached_india, survivors, deaths_by_cause, lost, mean_days, mean_km and each member's fates.
//! `--variety` prints how different the journeys were: the events each told, the mean share
//! of events two journeys have in common, and the questions always answered alike.

use std::collections::BTreeMap;
use std::process::ExitCode;

use the_way_back::levels::{EndingKind, Levels, MemberId};
use the_way_back::sim::journey::autoplay::Policy;
use the_way_back::sim::model::clock::GameClock;
use the_way_back::sim::model::hardship::Difficulty;
use the_way_back::sim::model::party::Fate;
use the_way_back::sim::model::stage::Outcome;
use the_way_back::sim::record::report::Report;
use the_way_back::states::Stage;

const USAGE: &str = "usage: balance [SEEDS] [FIRST_SEED]   (numbers; default 200 seeds from 1)\n       \
     balance --policy careful|film|reckless|passive [--runs N] [--first SEED]\n                [--difficulty story|normal|as-it-was] [--json | --variety]";

/// What the command line asks for.
struct Ask {
    count: u64,
    first: u64,
    policy: Policy,
    json: bool,
    variety: bool,
    difficulty: Difficulty,
}

fn parse_args(args: &[String]) -> Option<Ask> {
    let mut ask = Ask {
        count: 200,
        first: 1,
        policy: Policy::Careful,
        json: false,
        variety: false,
        difficulty: Difficulty::Normal,
    };
    if !args.first().is_some_and(|a| a.starts_with("--")) {
        let num = |i: usize, default: u64| args.get(i).map_or(Some(default), |a| a.parse().ok());
        ask.count = num(0, 200)?;
        ask.first = num(1, 1)?;
        return (args.len() <= 2).then_some(ask);
    }
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        match flag.as_str() {
            "--policy" => ask.policy = Policy::from_name(it.next()?)?,
            "--runs" => ask.count = it.next()?.parse().ok()?,
            "--first" => ask.first = it.next()?.parse().ok()?,
            "--difficulty" => ask.difficulty = Difficulty::from_name(it.next()?)?,
            "--json" => ask.json = true,
            "--variety" => ask.variety = true,
            _ => return None,
        }
    }
    (ask.count > 0).then_some(ask)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(ask) = parse_args(&args) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let (count, first, policy, difficulty) = (ask.count, ask.first, ask.policy, ask.difficulty);
    let levels = match Levels::builtin() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let seeds: Vec<u64> = (first..first + count).collect();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(8);
    let reports: Vec<Report> = std::thread::scope(|scope| {
        let chunks: Vec<_> = seeds
            .chunks(seeds.len().div_ceil(threads).max(1))
            .map(|chunk| {
                let levels = levels.clone();
                scope.spawn(move || {
                    chunk
                        .iter()
                        .map(|&s| {
                            the_way_back::headless::run_on(
                                the_way_back::sim::Executor::OneThread,
                                s,
                                levels.clone(),
                                Some(policy),
                                500,
                                Stage::Camp,
                                difficulty,
                            )
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        chunks.into_iter().flat_map(|h| h.join().expect("a run panicked")).collect()
    });
    if ask.variety {
        println!("policy: {}, {} journeys from seed {first}", policy.name(), reports.len());
        print!("{}", the_way_back::sim::record::variety::Variety::of(&reports));
    } else if ask.json {
        println!("{}", summary(&reports));
    } else {
        println!("policy: {}, difficulty: {}", policy.name(), difficulty.name());
        print!("{}", table(&reports));
    }
    ExitCode::SUCCESS
}

/// Whoever came down into India in a journey that got there.
fn reached_india(r: &Report, m: &the_way_back::sim::record::report::MemberReport) -> bool {
    r.outcome == Some(Outcome::ReachedIndia)
        && (m.fate == Fate::Survived || (m.fate == Fate::Stayed && m.stage == Some(Stage::India)))
}

/// The policy's numbers as one JSON object.
fn summary(reports: &[Report]) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let n = reports.len();
    let mut survivors: BTreeMap<String, usize> = BTreeMap::new();
    let mut causes: BTreeMap<String, usize> = BTreeMap::new();
    let mut lost = 0;
    for r in reports {
        if r.outcome == Some(Outcome::ReachedIndia) {
            *survivors.entry(r.members.iter().filter(|m| reached_india(r, m)).count().to_string()).or_default() += 1;
        }
        for m in &r.members {
            match m.fate {
                Fate::Died => *causes.entry(m.cause.clone().unwrap_or_default()).or_default() += 1,
                Fate::Lost => lost += 1,
                _ => {}
            }
        }
    }
    let mut members = Map::new();
    for id in MemberId::ALL {
        let mut fates: BTreeMap<String, usize> = BTreeMap::new();
        for r in reports {
            if let Some(m) = r.members.iter().find(|m| m.name == id.name()) {
                let fate = if reached_india(r, m) {
                    "reached_india".to_string()
                } else {
                    format!("{:?}", m.fate).to_lowercase()
                };
                *fates.entry(fate).or_default() += 1;
            }
        }
        members.insert(id.name().to_string(), json!(fates));
    }
    let mean = |f: &dyn Fn(&Report) -> f64| reports.iter().map(f).sum::<f64>() / n.max(1) as f64;
    let reached = reports.iter().filter(|r| r.outcome == Some(Outcome::ReachedIndia)).count();
    let mut feats: BTreeMap<String, usize> = BTreeMap::new();
    let mut endings: BTreeMap<String, usize> = BTreeMap::new();
    for r in reports {
        for f in &r.feats {
            *feats.entry(f.to_string()).or_default() += 1;
        }
        let ending = r.ending.as_ref().map_or("none".to_string(), |e| format!("{:?}", e.kind));
        *endings.entry(ending).or_default() += 1;
    }
    let value = json!({
        "runs": n,
        "reached_india": reached,
        "survivors": survivors,
        "deaths_by_cause": causes,
        "lost": lost,
        "mean_days": (mean(&|r| r.days as f64) * 10.0).round() / 10.0,
        "mean_km": mean(&|r| r.distance_km).round(),
        "mean_score": mean(&|r| r.score as f64).round(),
        "seen_at_the_wire": reports.iter().filter(|r| r.seen_at_the_wire).count(),
        "feats": feats,
        "endings": endings,
        "members": Value::Object(members),
    });
    value
}

fn pct(n: usize, of: usize) -> String {
    format!("{:.0}%", 100.0 * n as f64 / of.max(1) as f64)
}

/// The balance table, as text.
fn table(reports: &[Report]) -> String {
    let n = reports.len();
    let mut out = String::new();
    let reached = reports.iter().filter(|r| r.outcome == Some(Outcome::ReachedIndia)).count();
    let with_others = reports
        .iter()
        .filter(|r| r.outcome == Some(Outcome::ReachedIndia))
        .filter(|r| r.ending.as_ref().is_some_and(|e| e.kind == EndingKind::Home))
        .count();
    let mean = |f: &dyn Fn(&Report) -> f64| reports.iter().map(f).sum::<f64>() / n.max(1) as f64;
    out += &format!("{n} journeys (autoplayer)\n");
    out += &format!(
        "reached India: {} ({}), with others of the group: {}; Janusz died: {}; Janusz lost: {}\n",
        reached,
        pct(reached, n),
        pct(with_others, n),
        pct(reports.iter().filter(|r| r.outcome == Some(Outcome::JanuszDied)).count(), n),
        pct(reports.iter().filter(|r| r.outcome == Some(Outcome::JanuszLost)).count(), n),
    );
    out +=
        &format!("days: mean {:.1}; distance: mean {:.0} km\n\n", mean(&|r| r.days as f64), mean(&|r| r.distance_km));
    out += &calendar(reports);
    out += &by_stage(reports);
    out += &by_member(reports);
    out += &survivors(reports);
    out += &roads(reports);
    out
}

/// When the journeys come to each stage (the median day and its date), and how long a player
/// would take over a whole journey at normal speed.
fn calendar(reports: &[Report]) -> String {
    let median = |mut v: Vec<u32>| {
        v.sort_unstable();
        v.get(v.len() / 2).copied()
    };
    let mut out = "stage      entered (median day, date)\n".to_string();
    for stage in Stage::ALL {
        let days: Vec<u32> =
            reports.iter().flat_map(|r| r.stages.iter()).filter(|s| s.stage == stage).map(|s| s.entered_day).collect();
        if let Some(day) = median(days) {
            out += &format!("{:<10} {:>4}  {}\n", format!("{stage:?}"), day, GameClock::date_of(day).long());
        }
    }
    let play: Vec<u32> = reports.iter().filter_map(|r| r.play.map(|p| p.minutes_at_normal_speed)).collect();
    if let (Some(lo), Some(mid), Some(hi)) = (play.iter().min(), median(play.clone()), play.iter().max()) {
        out += &format!("a journey at normal speed: {lo}-{hi} minutes, median {mid}\n");
    }
    out + "\n"
}

/// How often each road was taken at each fork (and how those journeys ended), and how often the
/// group went down off the route: a choice always taken the same way is no choice.
fn roads(reports: &[Report]) -> String {
    let mut taken: BTreeMap<(Stage, String, String), (usize, usize)> = BTreeMap::new();
    for r in reports {
        let reached = r.outcome == Some(Outcome::ReachedIndia);
        // The choices told with a length or a stay: the roads at the forks, the stays.
        let weighed = |c: &str| c.ends_with(" km)") || c.ends_with(" days)") || c.ends_with("(a day)");
        for e in r.events.iter().filter(|e| e.choice.as_deref().is_some_and(weighed)) {
            // The road's name, without the length told with it.
            let road = e.choice.as_deref().unwrap_or("-").split(" (").next().unwrap_or("-").to_string();
            let entry = taken.entry((e.stage, e.id.clone(), road)).or_default();
            entry.0 += 1;
            entry.1 += usize::from(reached);
        }
    }
    let mut out = "\nroads taken at the forks, stays made (journeys; of them reached India)\n".to_string();
    for ((stage, id, road), (n, reached)) in &taken {
        out += &format!("{:<10} {:<12} {:<32} {:>5}  {}\n", format!("{stage:?}"), id, road, n, pct(*reached, *n));
    }
    let grounds: u32 = reports.iter().flat_map(|r| r.stages.iter()).map(|s| s.grounds).sum();
    let journeys = reports.iter().filter(|r| r.stages.iter().any(|s| s.grounds > 0)).count();
    out += &format!("went down off the route: {grounds} times, in {journeys} of {} journeys\n", reports.len());
    out
}

/// Per stage: deaths by cause, the lost, and those who left by choice.
fn by_stage(reports: &[Report]) -> String {
    let n = reports.len();
    let mut out = format!(
        "{:<10} {:>6} {:>6} {:>6} {:>7}  deaths by cause, and the LOST (member: times)\n",
        "stage", "deaths", "lost", "left", "runs%"
    );
    for stage in Stage::ALL {
        let here: Vec<_> = reports
            .iter()
            .flat_map(|r| r.members.iter().map(move |m| (r, m)))
            .filter(|(_, m)| m.stage == Some(stage))
            .collect();
        let deaths: Vec<_> = here.iter().filter(|(_, m)| m.fate == Fate::Died).collect();
        let lost = here.iter().filter(|(_, m)| m.fate == Fate::Lost).count();
        let left =
            here.iter().filter(|(_, m)| matches!(m.fate, Fate::Stayed | Fate::Departed | Fate::TurnedAway)).count();
        let runs_with_death =
            reports.iter().filter(|r| r.members.iter().any(|m| m.stage == Some(stage) && m.fate == Fate::Died)).count();
        let mut causes: BTreeMap<String, BTreeMap<&str, usize>> = BTreeMap::new();
        for (_, m) in &deaths {
            *causes.entry(m.cause.clone().unwrap_or_default()).or_default().entry(m.name).or_default() += 1;
        }
        for (_, m) in here.iter().filter(|(_, m)| m.fate == Fate::Lost) {
            *causes.entry("LOST".into()).or_default().entry(m.name).or_default() += 1;
        }
        let causes: Vec<String> = causes
            .iter()
            .map(|(cause, who)| {
                let who: Vec<String> = who.iter().map(|(name, k)| format!("{name} {k}")).collect();
                format!("{cause}: {}", who.join(", "))
            })
            .collect();
        out += &format!(
            "{:<10} {:>6} {:>6} {:>6} {:>7}  {}\n",
            stage.name(),
            deaths.len(),
            lost,
            left,
            pct(runs_with_death, n),
            causes.join("; ")
        );
    }

    out
}

/// Per member: how their journeys ended.
fn by_member(reports: &[Report]) -> String {
    let n = reports.len();
    let mut out = format!(
        "\n{:<9} {:>9} {:>6} {:>6} {:>7} {:>8}  most often ended in\n",
        "member", "to India", "died", "lost", "stayed", "departed"
    );
    for id in MemberId::ALL {
        let fates: Vec<_> = reports.iter().filter_map(|r| r.members.iter().find(|m| m.name == id.name())).collect();
        let count = |f: Fate| fates.iter().filter(|m| m.fate == f).count();
        // Came down into India: only in journeys that got there.
        let survived =
            reports.iter().filter(|r| r.members.iter().any(|m| m.name == id.name() && reached_india(r, m))).count();
        let mut stages: BTreeMap<Stage, usize> = BTreeMap::new();
        for m in fates.iter().filter(|m| matches!(m.fate, Fate::Died | Fate::Lost)) {
            if let Some(s) = m.stage {
                *stages.entry(s).or_default() += 1;
            }
        }
        let worst =
            stages.iter().max_by_key(|(_, k)| **k).map(|(s, k)| format!("{} ({k})", s.name())).unwrap_or("-".into());
        out += &format!(
            "{:<9} {:>9} {:>6} {:>6} {:>7} {:>8}  {}\n",
            id.name(),
            pct(survived, n),
            pct(count(Fate::Died), n),
            pct(count(Fate::Lost), n),
            pct(count(Fate::Stayed) + count(Fate::TurnedAway), n),
            pct(count(Fate::Departed), n),
            worst
        );
    }
    out
}

/// How many came down into India, journey by journey.
fn survivors(reports: &[Report]) -> String {
    let survivors: Vec<usize> = reports
        .iter()
        .filter(|r| r.outcome == Some(Outcome::ReachedIndia))
        .map(|r| r.members.iter().filter(|m| reached_india(r, m)).count())
        .collect();
    let mut hist = [0usize; 10];
    for s in &survivors {
        hist[(*s).min(9)] += 1;
    }
    let mut out = "\nsurvivors reaching India (Janusz included): ".to_string();
    out += &hist
        .iter()
        .enumerate()
        .filter(|(_, k)| **k > 0)
        .map(|(i, k)| format!("{i}: {k}"))
        .collect::<Vec<_>>()
        .join(", ");
    out += "\n";
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn the_command_line_is_read_or_refused() {
        let old = parse_args(&args("50 7")).expect("the old form");
        assert_eq!((old.count, old.first, old.policy, old.json), (50, 7, Policy::Careful, false));
        let new = parse_args(&args("--policy reckless --runs 20 --first 3 --json")).expect("the new form");
        assert_eq!((new.count, new.first, new.policy, new.json), (20, 3, Policy::Reckless, true));
        for bad in ["--policy brave", "--runs", "--runs 0", "--runs x", "--colour", "1 2 3", "x"] {
            assert!(parse_args(&args(bad)).is_none(), "{bad}");
        }
    }
}
