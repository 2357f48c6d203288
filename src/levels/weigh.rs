//! Whether an answer to an event is worse than another on every number the game knows, so
//! that nobody would ever take it (a dominated option): the test that keeps choices choices.
//!
//! Each answer is reduced to numbers: food, water, wood, hours stopped, the lead on the
//! guards, and for each person their trust, spirits, rest, boots, clothes and what they are
//! given to drink. A chance counts at its expected value (odds × success + the rest × failure),
//! an ask of someone's trust as an even chance, since the player can see the trust but the
//! file cannot. What cannot be counted — a road, a guide, who joins or leaves, who goes for
//! wood, the weather, a stay as guests — is a kind of its own: answers with different kinds
//! are never compared. B dominates A when both have the same kinds and B is at least as good
//! on every number and better on one.

use std::collections::{BTreeMap, BTreeSet};

use crate::levels::{Choice, Effect, MemberId, StoryEvent, Target};

/// Differences smaller than this are no difference.
const EPSILON: f32 = 1e-4;

/// An answer as numbers (higher is better) and as the kinds of thing it does.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Weighed {
    pub numbers: BTreeMap<String, f32>,
    pub kinds: BTreeSet<String>,
}

fn people(t: Target) -> Vec<String> {
    match t {
        Target::Everyone => MemberId::ALL.iter().map(|m| m.name().to_string()).collect(),
        Target::Member(m) => vec![m.name().to_string()],
        Target::Subject => vec!["the one it is about".to_string()],
    }
}

fn add(w: &mut Weighed, effects: &[Effect], share: f32) {
    let mut num = |key: String, x: f32| *w.numbers.entry(key).or_default() += share * x;
    let mut kinds = Vec::new();
    for e in effects {
        match e {
            Effect::Rations(x) => num("food".into(), *x),
            Effect::Water(x) => num("water".into(), *x),
            Effect::Wood(n) => num("wood".into(), *n as f32),
            Effect::Rest(h) => num("hours".into(), -h),
            Effect::Lead(km) => num("lead".into(), *km),
            Effect::Found(t) => {
                for p in people(*t) {
                    num(format!("found {p}"), 1.0);
                }
            }
            Effect::Drink(t, l) => {
                for p in people(*t) {
                    num(format!("drink {p}"), *l);
                    num("water".into(), -l);
                }
            }
            Effect::Morale(t, x)
            | Effect::Trust(t, x)
            | Effect::Tire(t, x)
            | Effect::Boots(t, x)
            | Effect::Clothes(t, x) => {
                let (what, sign) = match e {
                    Effect::Morale(..) => ("spirits", 1.0),
                    Effect::Trust(..) => ("trust", 1.0),
                    Effect::Tire(..) => ("rest", -1.0),
                    Effect::Boots(..) => ("boots", 1.0),
                    _ => ("clothes", 1.0),
                };
                for p in people(*t) {
                    num(format!("{what} {p}"), sign * x);
                }
            }
            other => kinds.push(kind_of(other)),
        }
    }
    w.kinds.extend(kinds);
}

/// What an effect that cannot be counted does, as a name (a road, a guide, someone joining).
fn kind_of(e: &Effect) -> String {
    match e {
        Effect::Stay(m, _) => format!("Stay({m:?})"),
        Effect::Depart(m, _) => format!("Depart({m:?})"),
        Effect::TurnAway(m, _) => format!("TurnAway({m:?})"),
        other => format!("{other:?}"),
    }
}

/// One answer, weighed.
pub fn weigh(c: &Choice) -> Weighed {
    let mut w = Weighed::default();
    let p = match (c.odds, c.needs_trust) {
        (Some(p), _) => p,
        (None, Some(_)) => 0.5,
        (None, None) => 1.0,
    };
    add(&mut w, &c.effects, p);
    if p < 1.0 {
        add(&mut w, &c.failed_effects, 1.0 - p);
    }
    w
}

/// Whether `b` is at least as good as `a` on every number, better on one, and does the same
/// kinds of thing.
pub fn dominates(b: &Weighed, a: &Weighed) -> bool {
    if a.kinds != b.kinds {
        return false;
    }
    let keys: BTreeSet<&String> = a.numbers.keys().chain(b.numbers.keys()).collect();
    let get = |w: &Weighed, k: &String| w.numbers.get(k).copied().unwrap_or(0.0);
    keys.iter().all(|k| get(b, k) >= get(a, k) - EPSILON) && keys.iter().any(|k| get(b, k) > get(a, k) + EPSILON)
}

/// Whether two answers can ever be offered together: not if each asks for weather the other
/// rules out (the tracks followed in clear air, or in falling snow).
fn offered_together(a: &Choice, b: &Choice) -> bool {
    let weather = |c: &Choice| {
        c.requires.iter().find_map(|r| match r {
            crate::levels::Require::Weather(kinds) => Some(kinds.clone()),
            _ => None,
        })
    };
    match (weather(a), weather(b)) {
        (Some(x), Some(y)) => x.iter().any(|k| y.contains(k)),
        _ => true,
    }
}

/// The first answer of an event that another beats on everything: (the worse, the better).
/// Answers offered under different requirements are compared too, where both can be offered
/// at once: then the player would still never take the worse.
pub fn dominated(event: &StoryEvent) -> Option<(usize, usize)> {
    let weighed: Vec<Weighed> = event.choices.iter().map(weigh).collect();
    let c = &event.choices;
    (0..weighed.len()).find_map(|a| {
        (0..weighed.len())
            .find(|&b| b != a && offered_together(&c[a], &c[b]) && dominates(&weighed[b], &weighed[a]))
            .map(|b| (a, b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levels::Levels;

    fn choice(effects: Vec<Effect>) -> Choice {
        Choice {
            label: "x".into(),
            requires: vec![],
            reply: String::new(),
            effects,
            odds: None,
            needs_trust: None,
            failed_reply: String::new(),
            failed_effects: vec![],
            buries: false,
        }
    }

    #[test]
    fn an_answer_that_gives_more_food_and_costs_nothing_more_beats_one_that_does_not() {
        let more = weigh(&choice(vec![Effect::Rations(5.0), Effect::Morale(Target::Everyone, 0.05)]));
        let less = weigh(&choice(vec![Effect::Rations(2.0), Effect::Morale(Target::Everyone, 0.05)]));
        assert!(dominates(&more, &less));
        assert!(!dominates(&less, &more));
        // Food bought with time is a trade, not a better answer.
        let slow = weigh(&choice(vec![Effect::Rations(5.0), Effect::Rest(6.0)]));
        assert!(!dominates(&slow, &less) && !dominates(&less, &slow));
        // One man's trust against another's is a trade too.
        let valka = weigh(&choice(vec![Effect::Trust(Target::Member(MemberId::Valka), 0.1)]));
        let tomasz = weigh(&choice(vec![Effect::Trust(Target::Member(MemberId::Tomasz), 0.1)]));
        assert!(!dominates(&valka, &tomasz) && !dominates(&tomasz, &valka));
    }

    #[test]
    fn a_long_shot_is_weighed_at_what_it_gives_on_average() {
        let mut gamble = choice(vec![Effect::Rations(10.0)]);
        gamble.odds = Some(0.3);
        gamble.failed_effects = vec![Effect::Morale(Target::Everyone, -0.05)];
        let sure = weigh(&choice(vec![Effect::Rations(4.0)]));
        // 0.3 × 10 = 3 person-days on average, and spirits lost the rest of the time.
        assert!(dominates(&sure, &weigh(&gamble)));
        gamble.odds = Some(0.5);
        assert!(!dominates(&sure, &weigh(&gamble)), "5 on average is more than 4");
    }

    #[test]
    fn no_event_the_game_ships_offers_an_answer_nobody_would_take() {
        let levels = Levels::builtin().expect("the shipped levels load");
        let events =
            levels.stages.iter().flat_map(|l| l.events.iter()).chain(&levels.story.events).chain(&levels.story.pool);
        let mut bad = Vec::new();
        for e in events {
            if let Some((a, b)) = dominated(e) {
                bad.push(format!(
                    "{}: `{}` is beaten on everything by `{}`",
                    e.id, e.choices[a].label, e.choices[b].label
                ));
            }
        }
        assert!(bad.is_empty(), "dominated answers:\n{}", bad.join("\n"));
    }
}
