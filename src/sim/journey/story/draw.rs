//! Chance events: twice a day, as the group sets out and as it makes camp, the run's dice say
//! whether something happens, and which of the pool's events whose requirements hold it is.
//! Each journey is dealt its own share of the pool (its deck), and each event happens at most
//! once a journey, so the pool gives every journey its own story.

use bevy::prelude::*;
use rand::Rng;

use crate::levels::{Levels, MemberId, Who};
use crate::sim::journey::story::conditions::Circumstances;
use crate::sim::journey::story::effects::ToldEffects;
use crate::sim::journey::story::triggers::ask;
use crate::sim::journey::story::{PendingEvent, StoryBeat, StoryLog};
use crate::sim::model::clock::{GameClock, MINUTES_PER_DAY, START_HOUR};
use crate::sim::model::seed::{RunSeed, SimRng};
use crate::sim::model::stage::CurrentLevel;
use crate::states::Stage;

/// Minutes between draws: one as the day's march begins (08:00), one at the evening fire
/// (20:00).
pub const DRAW_EVERY_MIN: u64 = MINUTES_PER_DAY / 2;

/// The chance that something happens at a draw, when something can: with the pool's events
/// spread over the stages, about one every three or four days on the way.
pub const DRAW_CHANCE: f32 = 0.1;

/// The share of the pool dealt into a journey's deck: the rest cannot happen on it, so that
/// even events that could come on any journey come on some and not on others.
pub const DECK_SHARE: f64 = 0.6;

/// Whether the pool's event `id` is in the deck of the journey of `seed`: decided from the
/// seed and the id alone, so it needs no saving, draws nothing from the run's dice, and does
/// not change when events are added to the pool.
pub fn in_deck(seed: u64, id: &str) -> bool {
    // FNV-1a over the id, mixed with the seed by SplitMix64's finaliser.
    let mut h = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    h ^= seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^= h >> 31;
    (h >> 11) as f64 / (1u64 << 53) as f64 <= DECK_SHARE
}

/// The draw a minute of the journey falls in (0 from the first morning).
pub fn draw_of(minutes: u64) -> u64 {
    minutes.saturating_sub(START_HOUR * 60) / DRAW_EVERY_MIN
}

/// When a draw's time comes, perhaps tells one of the pool's events that may happen now.
#[allow(clippy::too_many_arguments)]
pub(crate) fn draw_chance_event(
    levels: Res<Levels>,
    level: Res<CurrentLevel>,
    clock: Res<GameClock>,
    circumstances: Circumstances,
    (seed, mut rng): (Res<RunSeed>, ResMut<SimRng>),
    mut last: Local<Option<u64>>,
    (mut log, mut told, mut pending, mut beats): (
        ResMut<StoryLog>,
        ResMut<ToldEffects>,
        ResMut<PendingEvent>,
        MessageWriter<StoryBeat>,
    ),
) {
    let draw = draw_of(clock.minutes);
    // A journey begun again, or resumed, starts counting from where it stands: only the next
    // draw or two (a march tick is an hour) is one that came due.
    let due = last.is_some_and(|l| draw > l && draw - l <= 2);
    if last.is_none_or(|l| draw != l) {
        *last = Some(draw);
    }
    if !due || pending.0.is_some() {
        return;
    }
    let now = circumstances.now();
    if matches!(now.stage, Stage::Camp | Stage::Epilogue) {
        return;
    }
    let whom = |who: Who| -> Vec<MemberId> {
        now.people.iter().filter(|p| p.walking && who.matches(p.id)).map(|p| p.id).collect()
    };
    let open: Vec<_> = levels
        .story
        .pool
        .iter()
        .filter(|e| in_deck(seed.0, &e.id) && !log.0.iter().any(|t| t.id == e.id))
        .filter(|e| now.all_hold(&e.requires, &log))
        .filter(|e| e.about.is_none_or(|w| !whom(w).is_empty()))
        .collect();
    if open.is_empty() || rng.0.random::<f32>() >= DRAW_CHANCE {
        return;
    }
    let event = open[rng.0.random_range(0..open.len())];
    let subject = event.about.map(|w| {
        let can = whom(w);
        can[rng.0.random_range(0..can.len())]
    });
    ask(event, subject, &now, &level.0, (&mut log, &mut told, &mut pending, &mut beats));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_journey_is_dealt_about_three_fifths_of_the_pool_and_another_seed_another_share() {
        let ids: Vec<String> = (0..1000).map(|i| format!("event_{i}")).collect();
        let dealt = |seed| ids.iter().filter(|id| in_deck(seed, id)).cloned().collect::<Vec<_>>();
        let (a, b) = (dealt(1), dealt(2));
        for d in [&a, &b] {
            assert!((560..=640).contains(&d.len()), "{}", d.len());
        }
        let both = a.iter().filter(|id| b.contains(id)).count();
        // Independent deals share about 0.6 × 0.6 of the pool.
        assert!((300..=420).contains(&both), "{both}");
        assert_eq!(dealt(1), a, "the same seed, the same deck");
    }
}
