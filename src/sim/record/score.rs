//! A journey's score and its feats: who came down into India, how long it took, what was kept,
//! and how hard the journey was set. Read off the finished journey; nothing here changes it.

use serde::Serialize;

use crate::levels::MemberId;
use crate::sim::model::hardship::Difficulty;
use crate::sim::model::party::Fate;
use crate::sim::model::stage::Outcome;
use crate::states::Stage;

/// Points for each person who came down into India.
pub const REACHED: u32 = 1000;
/// Points for each who left the group alive, by their own will, before India.
pub const LEFT_ALIVE: u32 = 400;
/// Points a day for each day under this many, for a journey that reached India.
pub const QUICK_BEFORE_DAYS: u32 = 420;
pub const A_DAY: u32 = 5;
/// Points for each ration carried into India (at most a hundred count)...
pub const A_RATION: f32 = 5.0;
/// ...and for boots and clothes as good as new, the walkers' mean.
pub const WHOLE_GEAR: f32 = 500.0;

/// Something a journey did that few do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Feat {
    EveryoneToIndia,
    AsInTheFilm,
    GobiWithoutTheStream,
    NobodyTheFilmLost,
    AsItWas,
}

impl Feat {
    pub const ALL: [Feat; 5] =
        [Feat::EveryoneToIndia, Feat::AsInTheFilm, Feat::GobiWithoutTheStream, Feat::NobodyTheFilmLost, Feat::AsItWas];

    pub fn name(self) -> &'static str {
        match self {
            Feat::EveryoneToIndia => "Everyone to India",
            Feat::AsInTheFilm => "As in the film",
            Feat::GobiWithoutTheStream => "The Gobi without the stream",
            Feat::NobodyTheFilmLost => "Nobody the film lost",
            Feat::AsItWas => "As it was",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Feat::EveryoneToIndia => "India reached, and nobody who walked with Janusz died or was lost",
            Feat::AsInTheFilm => "Janusz, Voss and Zoran, and only they, came down into India",
            Feat::GobiWithoutTheStream => "across the Gobi without once drinking at the stream",
            Feat::NobodyTheFilmLost => {
                "Kazik, Tomasz and Irena, who died on the way in the film, all came down into India"
            }
            Feat::AsItWas => "India reached at the hardest setting, with no saves at camp",
        }
    }
}

/// What the score is read from.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub outcome: Option<Outcome>,
    pub difficulty: Difficulty,
    pub days: u32,
    pub km: f32,
    /// Each member who set out or joined, with how their road ended and where.
    pub fates: Vec<(MemberId, Fate, Stage)>,
    pub rations: f32,
    /// The walkers' boots and clothes at the end, 0 rags to 1 new (mean).
    pub gear: f32,
    /// The stages the journey came into, and whether it drank at the Gobi's stream.
    pub left_the_gobi: bool,
    pub drank_at_the_stream: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Score {
    pub points: u32,
    pub feats: Vec<Feat>,
}

impl Tally {
    /// Whoever came down into India: the survivors of a journey that got there, and anyone who
    /// chose to stay in India.
    pub fn reached(&self) -> Vec<MemberId> {
        if self.outcome != Some(Outcome::ReachedIndia) {
            return Vec::new();
        }
        self.fates
            .iter()
            .filter(|(_, f, s)| *f == Fate::Survived || (*f == Fate::Stayed && *s >= Stage::India))
            .map(|(m, ..)| *m)
            .collect()
    }

    pub fn score(&self) -> Score {
        let reached = self.reached();
        let india = self.outcome == Some(Outcome::ReachedIndia);
        let left_alive = self
            .fates
            .iter()
            .filter(|(m, f, _)| matches!(f, Fate::Stayed | Fate::Departed) && !reached.contains(m))
            .count() as u32;
        let mut points = REACHED * reached.len() as u32 + LEFT_ALIVE * left_alive;
        if india {
            points += A_DAY * QUICK_BEFORE_DAYS.saturating_sub(self.days);
            points += (self.rations.clamp(0.0, 100.0) * A_RATION + self.gear.clamp(0.0, 1.0) * WHOLE_GEAR) as u32;
        } else {
            // The way walked counts for something: a point for every two km.
            points += (self.km.max(0.0) / 2.0) as u32;
        }
        let points = (points as f32 * self.difficulty.score_share()).round() as u32;
        let gone = self.fates.iter().any(|(_, f, _)| matches!(f, Fate::Died | Fate::Lost));
        let mut film = reached.clone();
        film.sort();
        let feats = Feat::ALL
            .into_iter()
            .filter(|feat| match feat {
                Feat::EveryoneToIndia => india && !gone,
                Feat::AsInTheFilm => india && film == [MemberId::Janusz, MemberId::Voss, MemberId::Zoran],
                Feat::GobiWithoutTheStream => self.left_the_gobi && !self.drank_at_the_stream,
                Feat::NobodyTheFilmLost => {
                    [MemberId::Kazik, MemberId::Tomasz, MemberId::Irena].iter().all(|m| reached.contains(m))
                }
                Feat::AsItWas => india && self.difficulty == Difficulty::AsItWas,
            })
            .collect();
        Score { points, feats }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn film_ending() -> Tally {
        use MemberId::*;
        Tally {
            outcome: Some(Outcome::ReachedIndia),
            difficulty: Difficulty::Normal,
            days: 320,
            km: 6400.0,
            fates: vec![
                (Janusz, Fate::Survived, Stage::India),
                (Smith, Fate::Departed, Stage::Monastery),
                (Valka, Fate::Stayed, Stage::Border),
                (Tomasz, Fate::Died, Stage::Gobi),
                (Voss, Fate::Survived, Stage::India),
                (Kazik, Fate::Died, Stage::Taiga),
                (Zoran, Fate::Survived, Stage::India),
                (Irena, Fate::Died, Stage::Gobi),
            ],
            rations: 10.0,
            gear: 0.4,
            left_the_gobi: true,
            drank_at_the_stream: true,
        }
    }

    #[test]
    fn the_films_journey_scores_its_three_and_the_two_who_left_and_earns_its_feat() {
        let s = film_ending().score();
        // 3 × 1000 + 2 × 400 + 5 × 100 days + 10 rations × 5 + 0.4 × 500.
        assert_eq!(s.points, 3000 + 800 + 500 + 50 + 200);
        assert_eq!(s.feats, vec![Feat::AsInTheFilm]);
    }

    #[test]
    fn harder_settings_score_more_and_a_lost_journey_scores_its_way() {
        let mut t = film_ending();
        t.difficulty = Difficulty::AsItWas;
        assert_eq!(t.score().points, (4550.0_f32 * 1.5).round() as u32);
        assert!(t.score().feats.contains(&Feat::AsItWas));
        t.outcome = Some(Outcome::JanuszLost);
        t.fates[0] = (MemberId::Janusz, Fate::Lost, Stage::Gobi);
        // Smith and Valka left alive; nobody reached India; 6,400 km walked.
        assert_eq!(t.score().points, ((800.0_f32 + 3200.0) * 1.5).round() as u32);
        assert!(t.score().feats.is_empty(), "a lost journey earns no feat of India: {:?}", t.score().feats);
    }

    #[test]
    fn everyone_to_india_and_the_gobi_without_the_stream_are_told_apart() {
        let mut t = film_ending();
        for f in &mut t.fates {
            if f.1 == Fate::Died {
                *f = (f.0, Fate::Survived, Stage::India);
            }
        }
        t.drank_at_the_stream = false;
        let feats = t.score().feats;
        assert_eq!(feats, vec![Feat::EveryoneToIndia, Feat::GobiWithoutTheStream, Feat::NobodyTheFilmLost]);
    }
}
