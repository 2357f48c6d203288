//! How different journeys are from one another: the events each one told, how many distinct,
//! how much any two share (|A∩B| / |A∪B| of their event ids, averaged over every pair), and
//! which answers the autoplayer gave to each question, so that a question always answered the
//! same way shows.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::sim::record::report::Report;

/// The variety of a set of journeys.
#[derive(Debug, Clone, PartialEq)]
pub struct Variety {
    /// Per journey: its seed, the events told, the distinct ones among them.
    pub runs: Vec<(u64, usize, usize)>,
    /// Mean over every pair of journeys of the share of their events they have in common.
    pub mean_jaccard: f64,
    /// The most alike pair: (seed, seed, share).
    pub closest: Option<(u64, u64, f64)>,
    /// For each event that asked: how often each answer was given.
    pub answers: BTreeMap<String, BTreeMap<String, usize>>,
}

/// |A∩B| / |A∪B|, 1 for two empty sets.
pub fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 { 1.0 } else { a.intersection(b).count() as f64 / union as f64 }
}

/// An answer without what the label adds as it is read (a road's km, the odds in words).
fn bare(label: &str) -> &str {
    label.split(" (").next().unwrap_or(label)
}

impl Variety {
    pub fn of(reports: &[Report]) -> Variety {
        let sets: Vec<BTreeSet<String>> =
            reports.iter().map(|r| r.events.iter().map(|e| e.id.clone()).collect()).collect();
        let runs = reports.iter().zip(&sets).map(|(r, s)| (r.seed, r.events.len(), s.len())).collect();
        let (mut sum, mut pairs, mut closest) = (0.0, 0usize, None::<(u64, u64, f64)>);
        for i in 0..sets.len() {
            for j in i + 1..sets.len() {
                let share = jaccard(&sets[i], &sets[j]);
                sum += share;
                pairs += 1;
                if closest.is_none_or(|c| share > c.2) {
                    closest = Some((reports[i].seed, reports[j].seed, share));
                }
            }
        }
        let mut answers: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for e in reports.iter().flat_map(|r| &r.events) {
            if let Some(c) = &e.choice {
                *answers.entry(e.id.clone()).or_default().entry(bare(c).to_string()).or_default() += 1;
            }
        }
        Variety { runs, mean_jaccard: if pairs == 0 { 1.0 } else { sum / pairs as f64 }, closest, answers }
    }

    /// Mean distinct events a journey.
    pub fn mean_distinct(&self) -> f64 {
        self.runs.iter().map(|r| r.2 as f64).sum::<f64>() / self.runs.len().max(1) as f64
    }

    /// Questions asked at least `min` times and always answered the same way.
    pub fn always_the_same(&self, min: usize) -> Vec<(&str, &str, usize)> {
        self.answers
            .iter()
            .filter(|(_, a)| a.len() == 1)
            .filter_map(|(id, a)| a.iter().next().map(|(c, n)| (id.as_str(), c.as_str(), *n)))
            .filter(|(.., n)| *n >= min)
            .collect()
    }
}

impl fmt::Display for Variety {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| seed | events told | distinct events |")?;
        writeln!(f, "|---|---|---|")?;
        for (seed, told, distinct) in &self.runs {
            writeln!(f, "| {seed} | {told} | {distinct} |")?;
        }
        writeln!(f, "mean distinct events a journey: {:.1}", self.mean_distinct())?;
        writeln!(f, "mean over pairs of |A∩B| / |A∪B|: {:.3}", self.mean_jaccard)?;
        if let Some((a, b, s)) = self.closest {
            writeln!(f, "most alike: seeds {a} and {b}, {s:.3}")?;
        }
        let asked = self.answers.len();
        let same = self.always_the_same(3);
        writeln!(f, "questions asked: {asked}; asked 3+ times and always answered alike: {}", same.len())?;
        for (id, c, n) in same {
            writeln!(f, "  {id}: `{c}` ({n} of {n})")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn two_journeys_share_what_both_told_over_what_either_told() {
        assert_eq!(jaccard(&set(&["a", "b", "c"]), &set(&["b", "c", "d"])), 0.5);
        assert_eq!(jaccard(&set(&["a"]), &set(&["b"])), 0.0);
        assert_eq!(jaccard(&set(&["a", "b"]), &set(&["b", "a"])), 1.0);
        assert_eq!(bare("Cut through the forest (286 km)"), "Cut through the forest");
    }
}
