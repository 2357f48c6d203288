//! Janusz's visions of the house, the journey's thread: a dream in each stage from the Taiga to
//! India, the house nearer each time. And the danger in them: in delirium (deep cold,
//! heatstroke, thirst) he sees the house awake and may get up and follow
//! it. Then only companions who trust him enough to go out after him can bring him back; if
//! nobody finds him, Janusz is lost, and so is the journey.

use bevy::prelude::*;
use rand::Rng;

use crate::levels::{Levels, MemberId, WeatherKind};
use crate::sim::journey::story::{StoryBeat, StoryEntry, StoryLog, in_group};
use crate::sim::model::air::Weather;
use crate::sim::model::body::Vitals;
use crate::sim::model::clock::GameClock;
use crate::sim::model::group::{Mind, Resting, Straying};
use crate::sim::model::party::{Fate, Fates, Leader, Member, News, Status};
use crate::sim::model::seed::SimRng;
use crate::states::Stage;

/// The id a dream of the thread is logged under (once a stage).
pub const DREAM: &str = "vision";
/// The id of a vision followed awake.
pub const CALLED_AWAY: &str = "vision_followed";
/// The cause told when nobody found him.
pub const FOLLOWED_THE_HOUSE: &str = "walked after a vision of his house and was never found";

/// The small hours, when the camp sleeps deepest: the dream comes then.
const DREAM_HOUR: u64 = 3;
/// The chance of the stage's dream on any one night: most stages' dream comes in the first
/// few nights.
const DREAM_CHANCE: f32 = 0.4;
/// Hours of delirium before the house calls: a few hours at the fire, warming, are not yet a
/// walk; a player told of the delirium has that long to mend it.
const CALLED_AFTER_H: f32 = 4.0;
/// The chance an hour, after that, that he gets up and follows it: my estimate. Most deep
/// hypothermia and heat delirium ends in stupor, not a walk; the hypothermic's wandering and
/// undressing are known from their dead (Rothschild & Schneider, "Terminal burrowing
/// behaviour", International Journal of Legal Medicine, 1995). Measured over 200 careful
/// journeys (seeds 1-200): Janusz was lost this way in 11, and died in 75 (74 before the
/// visions, none lost); reckless: lost in 28 of 200.
const FOLLOWS_PER_H: f32 = 0.01;
/// The chance that a companion who trusts him wholly, in clear air, sees him go or finds his
/// tracks and him (my estimate: a man stumbling off from a camp is more often caught than
/// not). Trust is what sends them out after him: one who trusts him half is half as likely to
/// go as far.
const FINDS: f32 = 0.6;

/// How well tracks and a man can be followed in this weather: fresh snow or blowing sand fill
/// the tracks within the hour.
fn findable(kind: WeatherKind) -> f32 {
    match kind {
        WeatherKind::Clear | WeatherKind::Heatwave => 1.0,
        WeatherKind::Overcast => 0.85,
        WeatherKind::Snowfall => 0.5,
        WeatherKind::Blizzard | WeatherKind::Sandstorm => 0.25,
    }
}

/// The chance that at least one of these companions (each trust 0 to 1) finds him.
pub fn found_chance(trusts: &[f32], weather: WeatherKind) -> f32 {
    let missed: f32 = trusts.iter().map(|t| 1.0 - FINDS * t.clamp(0.0, 1.0) * findable(weather)).product();
    1.0 - missed
}

fn entry(id: &str, stage: Stage, day: u32, title: &str, text: String) -> StoryEntry {
    StoryEntry {
        id: id.into(),
        stage,
        day,
        subject: Some(MemberId::Janusz),
        speaker: None,
        title: title.into(),
        text,
        choice: None,
        chose: None,
        reply: None,
        worked: None,
        buried: false,
    }
}

/// In the small hours, the stage's dream (each stage from the Taiga to India has one, told in
/// order: the journey's first stage with a dream gets the first).
pub(crate) fn dream_of_the_house(
    clock: Res<GameClock>,
    stage: Res<State<Stage>>,
    levels: Res<Levels>,
    mut rng: ResMut<SimRng>,
    mut log: ResMut<StoryLog>,
    mut beats: MessageWriter<StoryBeat>,
    janusz: Query<&Status, With<Leader>>,
) {
    let stage = *stage.get();
    if !clock.just_reached(DREAM_HOUR) || matches!(stage, Stage::Camp | Stage::Epilogue) {
        return;
    }
    if !janusz.single().is_ok_and(|s| in_group(*s)) || log.has(stage, DREAM) {
        return;
    }
    let dreamt = log.0.iter().filter(|e| e.id == DREAM).count();
    let Some(text) = levels.story.visions.get(dreamt) else { return };
    if rng.0.random::<f32>() >= DREAM_CHANCE {
        return;
    }
    let told = entry(DREAM, stage, clock.day(), "The house", text.clone());
    log.0.push(told.clone());
    beats.write(StoryBeat(told));
}

/// Each hour: delirium kept count of; after four hours of it the house may call him away, and
/// then the others search.
pub(crate) fn follow_the_house(
    clock: Res<GameClock>,
    stage: Res<State<Stage>>,
    levels: Res<Levels>,
    weather: Res<Weather>,
    resting: Res<Resting>,
    mut rng: ResMut<SimRng>,
    mut fates: ResMut<Fates>,
    mut log: ResMut<StoryLog>,
    mut beats: MessageWriter<StoryBeat>,
    mut news: MessageWriter<News>,
    mut janusz: Query<(&mut Vitals, &mut Status), With<Leader>>,
    mut others: Query<(&Member, &Status, &mut Mind, &mut Vitals, Has<Straying>), Without<Leader>>,
) {
    let step_h = clock.step_h();
    let hour_turned = clock.minutes / 60 != clock.minutes.saturating_sub(clock.step) / 60;
    let Ok((mut v, mut status)) = janusz.single_mut() else { return };
    // Alone he has no group to walk away from: the cold or the thirst take their own course.
    let companions = others.iter().any(|(_, s, ..)| in_group(*s));
    if !hour_turned || *status != Status::Walking || !companions {
        return;
    }
    if !v.delirious() {
        v.delirious_h = 0.0;
        return;
    }
    if v.delirious_h == 0.0 {
        // Told as it begins, so that a leader's own danger can be seen and mended.
        let why = if v.core_c < 33.0 {
            "the cold"
        } else if v.core_c > 40.0 {
            "the heat"
        } else {
            "thirst"
        };
        news.write(News(format!(
            "Janusz is seeing the house where there is none ({why} has got into his head). Warm him or water \
             him before it calls him away."
        )));
    }
    v.delirious_h += step_h.max(1.0);
    // Asleep in a camp he lies in a stupor among the others; on his feet he can walk off.
    if resting.0 || v.delirious_h < CALLED_AFTER_H || rng.0.random::<f32>() >= FOLLOWS_PER_H * step_h.max(1.0) {
        return;
    }
    v.delirious_h = 0.0;
    let stage = *stage.get();
    let lines = &levels.story.called_away;
    let text = lines[rng.0.random_range(0..lines.len())].clone();
    // Whoever can walk and is with the group goes out, as far as their trust takes them.
    let mut searchers: Vec<(MemberId, f32)> = others
        .iter()
        .filter(|(_, s, _, v, straying)| **s == Status::Walking && !straying && v.walk_factor() > 0.0)
        .map(|(m, _, mind, ..)| (m.0, mind.trust))
        .collect();
    searchers.sort_by_key(|(m, _)| *m);
    let trusts: Vec<f32> = searchers.iter().map(|(_, t)| *t).collect();
    let found = rng.0.random::<f32>() < found_chance(&trusts, weather.kind);
    let mut told = entry(CALLED_AWAY, stage, clock.day(), "The lamp in the window", text);
    told.worked = Some(found);
    if found {
        // The one who found him: the most trusting goes farthest.
        let finder = searchers.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map_or("Someone", |(m, _)| m.name());
        told.reply = Some(format!(
            "{finder} followed his tracks and found him a long way off, talking to a door that was not there, and \
             brought him back by the arm. Nobody says much about it."
        ));
        for (_, s, mut mind, mut v, _) in &mut others {
            if *s == Status::Walking {
                // A night out searching, and a leader seen at his weakest.
                v.fatigue = (v.fatigue + 0.15).min(1.0);
                mind.morale = (mind.morale - 0.05).max(0.0);
            }
        }
    } else {
        told.reply = Some(if searchers.is_empty() {
            "There is nobody to go after him.".into()
        } else {
            "They call for him until their voices go, and follow his tracks until the tracks are gone. He does not \
             come back."
                .into()
        });
        *status = Status::Lost;
        fates.settle(MemberId::Janusz, Fate::Lost, stage, clock.day(), FOLLOWED_THE_HOUSE);
        news.write(News("Janusz is lost.".into()));
    }
    log.0.push(told.clone());
    beats.write(StoryBeat(told));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trusted_leader_is_found_more_often_and_a_storm_hides_him() {
        let trusting = found_chance(&[0.8; 6], WeatherKind::Clear);
        let doubting = found_chance(&[0.1; 6], WeatherKind::Clear);
        let storm = found_chance(&[0.8; 6], WeatherKind::Blizzard);
        assert!(trusting > 0.95, "{trusting}");
        assert!(doubting < 0.35, "{doubting}");
        assert!(storm < 0.6 && storm > 0.4, "{storm}");
        assert_eq!(found_chance(&[], WeatherKind::Clear), 0.0);
    }
}
