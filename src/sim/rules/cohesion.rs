//! Group cohesion: morale and trust, who can see the group, straying and getting lost, giving
//! up and being encouraged back, and leaving.

use bevy::prelude::*;
use rand::Rng;

use crate::levels::MemberId;
use crate::sim::SimSystems;
use crate::sim::model::air::Weather;
use crate::sim::model::body::{Died, Exertion, Traits, Vitals};
use crate::sim::model::clock::GameClock;
use crate::sim::model::food::{Hunger, Rations};
use crate::sim::model::group::{
    DRIFT_TOLD_AT, ENCOURAGE_FATIGUE, ENCOURAGE_MINUTES, ENCOURAGE_MORALE, Encourage, GIVE_UP_BELOW, Halt,
    LOST_AFTER_H, Mind, Pace, Resting, Straying, WALK_AGAIN_ABOVE,
};
use crate::sim::model::hardship::Difficulty;
use crate::sim::model::march::MarchOrders;
use crate::sim::model::party::{Fate, Fates, Leader, Member, News, Position, Status};
use crate::sim::model::seed::SimRng;
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::supplies::{Fire, WoodRun};
use crate::sim::model::walk::tiles_per_minute;
use crate::sim::world::{StageMap, slide};
use crate::states::Stage;

/// How far someone sees now, tiles.
pub fn sight_tiles(weather: &Weather, night: bool, traits: &Traits) -> f32 {
    weather.sight_tiles * if night { traits.night_sight } else { 1.0 }
}

/// How far a call carries, tiles: nobody hears anything in a storm.
pub fn hearing_tiles(weather: &Weather) -> f32 {
    match weather.kind {
        crate::levels::WeatherKind::Blizzard | crate::levels::WeatherKind::Sandstorm => 0.0,
        _ => (3.5 - weather.wind_kmh / 20.0).max(1.0),
    }
}

/// Who can see or hear the group: another walker in sight or within call, or a fire's light.
fn look_for_the_group(
    mut commands: Commands,
    weather: Res<Weather>,
    clock: Res<GameClock>,
    stage: Res<State<Stage>>,
    mut rng: ResMut<SimRng>,
    fires: Query<(&Position, &Fire)>,
    members: Query<(Entity, &Member, &Position, &Status, &Traits, Has<Leader>, Option<&Straying>)>,
    mut news: MessageWriter<News>,
) {
    // Across the camp's yard each holds the belt of the one in front (so Rawicz's party went
    // out into the storm): nobody loses the group there. On the march beyond the wire, they do.
    if *stage.get() == Stage::Camp {
        return;
    }
    let night = clock.is_night();
    let anchors: Vec<(Entity, Vec2)> = members
        .iter()
        .filter(|(_, _, _, s, _, _, straying)| **s == Status::Walking && straying.is_none())
        .map(|(e, _, p, _, _, _, _)| (e, p.0))
        .collect();
    let lights: Vec<Vec2> = fires.iter().filter(|(_, f)| f.burning()).map(|(p, _)| p.0).collect();
    // In the group's order, whatever order the bodies were made in: the dice fall the same
    // way for the same people in a resumed journey.
    let mut order: Vec<_> = members.iter().collect();
    order.sort_by_key(|(_, member, ..)| member.0);
    for (e, member, pos, status, traits, leader, straying) in order {
        if leader || !matches!(status, Status::Walking | Status::GivenUp) {
            continue;
        }
        let sight = sight_tiles(&weather, night, traits);
        // A walker in sight, or near enough to hear the others call.
        let reach = sight.max(hearing_tiles(&weather));
        let sees_someone = anchors.iter().any(|(o, p)| *o != e && p.distance(pos.0) <= reach);
        let sees_fire = lights.iter().any(|p| p.distance(pos.0) <= sight + 3.0);
        let sees = sees_someone || sees_fire;
        match (sees, straying) {
            (false, None) if *status == Status::Walking => {
                let heading = Vec2::from_angle(rng.0.random_range(0.0..std::f32::consts::TAU));
                commands.entity(e).insert(Straying { minutes: 0, heading });
                news.write(News(format!("{} has lost sight of the group.", member.0.name())));
            }
            (true, Some(_)) => {
                commands.entity(e).remove::<Straying>();
                news.write(News(format!("{} found the group again.", member.0.name())));
            }
            _ => {}
        }
    }
}

/// A stray wanders, turning now and then; after hours alone they are lost.
fn wander(
    map: Res<StageMap>,
    level: Res<CurrentLevel>,
    stage: Res<State<Stage>>,
    clock: Res<GameClock>,
    difficulty: Res<Difficulty>,
    mut rng: ResMut<SimRng>,
    mut fates: ResMut<Fates>,
    mut strays: Query<(&Member, &mut Position, &mut Straying, &mut Status, &Vitals)>,
    mut news: MessageWriter<News>,
) {
    let mut order: Vec<_> = strays.iter_mut().collect();
    order.sort_by_key(|(member, ..)| member.0);
    for (member, mut pos, mut stray, mut status, vitals) in order {
        if *status != Status::Walking {
            continue;
        }
        stray.minutes += 1;
        if stray.minutes % 30 == 0 {
            stray.heading = Vec2::from_angle(stray.heading.to_angle() + rng.0.random_range(-1.2..1.2));
        }
        let speed =
            tiles_per_minute(level.0.tile_m, map.terrain_at(pos.0).props().move_cost, level.0.climate.altitude_m)
                * 0.4
                * vitals.walk_factor();
        let next = slide(&map, pos.0, stray.heading * speed);
        if next == pos.0 {
            stray.heading = -stray.heading;
        }
        pos.0 = next;
        if stray.minutes as f32 >= LOST_AFTER_H * difficulty.patience_share() * 60.0 {
            *status = Status::Lost;
            let when = if clock.is_night() { "in the dark" } else { "out of sight of the others" };
            fates.settle_stray(member.0, *stage.get(), clock.day(), format!("strayed {when} and was never found"));
            news.write(News(format!("{} is lost.", member.0.name())));
        }
    }
}

/// An hour's worth of what lifts and wears down each member's spirit, applied a minute at a time.
fn weigh_morale(
    clock: Res<GameClock>,
    resting: Res<Resting>,
    pace: Res<Pace>,
    (rations, orders): (Res<Rations>, Res<MarchOrders>),
    fires: Query<(&Position, &Fire)>,
    mut deaths: MessageReader<Died>,
    mut members: Query<(&Member, &Position, &Status, &Traits, &Vitals, &Exertion, &mut Mind, Has<Leader>)>,
) {
    let dt_h = clock.step_h();
    let loss = deaths.read().count() as f32;
    let auras: Vec<(Vec2, Traits)> =
        members.iter().filter(|(_, _, s, ..)| **s == Status::Walking).map(|(_, p, _, t, ..)| (p.0, *t)).collect();
    let lights: Vec<Vec2> = fires.iter().filter(|(_, f)| f.burning()).map(|(p, _)| p.0).collect();
    for (_, pos, status, traits, v, exertion, mut mind, leader) in &mut members {
        if !matches!(status, Status::Walking | Status::GivenUp) {
            continue;
        }
        let c = v.conditions();
        let mut rate = 0.0;
        if c.weakened {
            rate -= 0.06;
        } else if c.thirsty {
            rate -= 0.03;
        }
        if c.hypothermia || c.heat_exhaustion {
            rate -= 0.03;
        } else if c.cold {
            rate -= 0.01;
        }
        // Hunger wears the spirit as it deepens (Keys's men: apathy, irritability, food-talk).
        rate -= match v.hunger() {
            Hunger::Fed => 0.0,
            Hunger::Hungry => 0.002,
            Hunger::Thin => 0.006,
            Hunger::Starving => 0.012,
        };
        // Short commons grumble; a full bowl shared out lifts.
        rate += match *rations {
            Rations::Full => 0.002,
            Rations::Half => -0.001,
            Rations::Quarter => -0.004,
        };
        if c.blisters || c.sunburn || c.frostbite {
            rate -= 0.01;
        }
        if exertion.walking {
            rate -= match *pace {
                Pace::Forced => 0.02,
                _ => 0.0,
            };
            // Marching through a freezing night is held against the one who orders it.
            if clock.is_night() && v.feels_like_c < 0.0 {
                let before = mind.trust;
                mind.trust = (mind.trust - 0.003 * dt_h).max(0.0);
                mind.drift.frost_marches += mind.trust - before;
            }
        }
        let by_fire = lights.iter().any(|p| p.distance(pos.0) <= 3.0);
        if by_fire && clock.is_night() {
            rate += 0.04;
            let before = mind.trust;
            mind.trust = (mind.trust + 0.001 * traits.loyalty * dt_h).min(1.0);
            mind.drift.fireside += mind.trust - before;
        }
        if resting.0 {
            rate += 0.01;
        }
        // A whole day's rest, ordered, lifts more than a night's.
        if orders.rest_day == Some(clock.day()) {
            rate += 0.01;
        }
        for (p, t) in &auras {
            let near = p.distance(pos.0) <= 3.0 && p.distance(pos.0) > 0.01;
            if near && t.steadies {
                rate += 0.02;
            }
            if near && t.sketches && resting.0 {
                rate += 0.02;
            }
            if near && t.frightens && p.distance(pos.0) <= 2.0 {
                rate -= 0.01;
            }
        }
        mind.morale =
            (mind.morale + rate * dt_h - loss * if traits.loyalty < 0.5 { 0.05 } else { 0.2 }).clamp(0.0, 1.0);
        if leader {
            // Janusz does not give up: he is the player.
            mind.morale = mind.morale.max(GIVE_UP_BELOW);
        }
    }
}

/// Broken morale: sitting down, or for those with little loyalty, leaving.
fn break_down(
    mut commands: Commands,
    stage: Res<State<Stage>>,
    clock: Res<GameClock>,
    mut fates: ResMut<Fates>,
    mut members: Query<(Entity, &Member, &Traits, &Mind, &mut Status), Without<Leader>>,
    mut news: MessageWriter<News>,
) {
    for (e, member, traits, mind, mut status) in &mut members {
        match *status {
            Status::Walking if mind.morale < GIVE_UP_BELOW => {
                if traits.loyalty < 0.5 && mind.trust < 0.3 {
                    *status = Status::Departed;
                    fates.settle(member.0, Fate::Departed, *stage.get(), clock.day(), "lost faith and left the group");
                    news.write(News(format!("{} has left the group.", member.0.name())));
                } else {
                    *status = Status::GivenUp;
                    commands.entity(e).remove::<WoodRun>();
                    news.write(News(format!("{} has given up and will not walk on.", member.0.name())));
                }
            }
            _ => {}
        }
    }
}

/// Janusz's word to someone near him; Voss and Zoran beside him make it count for more. It
/// costs him strength, a little of his own spirit and the group's time; words repeated the
/// same day count for less, and someone who does not trust him may not listen at all.
fn encourage(
    mut orders: MessageReader<Encourage>,
    clock: Res<GameClock>,
    mut halt: ResMut<Halt>,
    mut rng: ResMut<SimRng>,
    mut leader: Query<(&Position, &mut Vitals, &mut Mind), With<Leader>>,
    mut members: Query<(&Member, &Position, &Traits, &mut Mind, &mut Status), Without<Leader>>,
    mut news: MessageWriter<News>,
) {
    if orders.read().count() == 0 {
        return;
    }
    let Ok((lead, mut lead_body, mut lead_mind)) = leader.single_mut() else { return };
    let lead = *lead;
    let helpers = members
        .iter()
        .filter(|(m, p, _, _, s)| {
            matches!(m.0, MemberId::Voss | MemberId::Zoran) && **s == Status::Walking && p.0.distance(lead.0) <= 3.0
        })
        .count() as f32;
    let target = members
        .iter_mut()
        .filter(|(_, p, _, _, s)| matches!(**s, Status::Walking | Status::GivenUp) && p.0.distance(lead.0) <= 2.5)
        .min_by(|a, b| {
            let key = |x: &(&Member, &Position, &Traits, Mut<Mind>, Mut<Status>)| {
                (if *x.4 == Status::GivenUp { 0 } else { 1 }, (x.3.morale * 1000.0) as i32)
            };
            key(a).cmp(&key(b))
        });
    if let Some((member, _, traits, mut mind, mut status)) = target {
        let day = clock.day();
        lead_body.fatigue = (lead_body.fatigue + ENCOURAGE_FATIGUE).min(1.0);
        lead_mind.morale = (lead_mind.morale - ENCOURAGE_MORALE).max(GIVE_UP_BELOW);
        halt.0 = halt.0.max(clock.minutes + ENCOURAGE_MINUTES);
        let heard = rng.0.random::<f32>() < mind.hears_chance(day);
        if !heard {
            news.write(News(format!("{} turns away: words are not bread.", member.0.name())));
            return;
        }
        // Only words heard wear thin: one turned away leaves the next as fresh.
        let weight = mind.word_weight(day);
        mind.heard = if mind.heard_day == day { mind.heard + 1 } else { 1 };
        mind.heard_day = day;
        let lift = (0.3 + 0.1 * helpers) * traits.movable * (0.5 + mind.trust) * weight;
        // A word when it is needed builds faith; words to the contented are cheap.
        if mind.morale < 0.5 {
            mind.trust = (mind.trust + 0.05).min(1.0);
        }
        mind.morale = (mind.morale + lift).min(1.0);
        if *status == Status::GivenUp && mind.morale > WALK_AGAIN_ABOVE {
            *status = Status::Walking;
            news.write(News(format!("{} gets up and walks on.", member.0.name())));
        }
    }
}

/// Each morning, what has moved the members' trust little by little, once it adds up: so that
/// a trust bar that sinks over a week of night marches has a reason the player can read.
fn tell_what_moved_trust(
    clock: Res<GameClock>,
    mut told_day: Local<Option<u32>>,
    mut members: Query<(&Member, &Status, &mut Mind), Without<Leader>>,
    mut news: MessageWriter<News>,
) {
    if clock.hour() < 7.0 || *told_day == Some(clock.day()) {
        return;
    }
    *told_day = Some(clock.day());
    let (mut colder, mut warmer) = (Vec::new(), Vec::new());
    for (member, status, mut mind) in &mut members {
        if !matches!(status, Status::Walking | Status::GivenUp) {
            continue;
        }
        if mind.drift.frost_marches <= -DRIFT_TOLD_AT {
            colder.push(member.0.name());
            mind.drift.frost_marches = 0.0;
        }
        if mind.drift.fireside >= DRIFT_TOLD_AT {
            warmer.push(member.0.name());
            mind.drift.fireside = 0.0;
        }
    }
    for (who, why) in [(colder, "less for the night marches in the frost"), (warmer, "more for the nights at the fire")]
    {
        if !who.is_empty() {
            news.write(News(format!(
                "{} {} Janusz {why}.",
                names(&who),
                if who.len() == 1 { "trusts" } else { "trust" }
            )));
        }
    }
}

/// "Smith", "Smith and Voss", "Smith, Voss and Zoran".
fn names(who: &[&str]) -> String {
    match who {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_message::<Encourage>();
    app.add_systems(
        FixedUpdate,
        (look_for_the_group, wander, weigh_morale, break_down, encourage, tell_what_moved_trust)
            .chain()
            .in_set(SimSystems::Cohere),
    );
}
