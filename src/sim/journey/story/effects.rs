//! What story events do: the effects of an event told, and of the player's answer to one that
//! asks, carried out on the group, its supplies and the journey.

use bevy::prelude::*;
use rand::Rng;

use crate::levels::{Effect, MemberId, Target};
use crate::sim::journey::spawn_member;
use crate::sim::journey::story::strangers::StrangerAt;
use crate::sim::journey::story::{Choose, PendingEvent, StoryBeat, StoryLog, fill, in_group};
use crate::sim::model::air::Weather;
use crate::sim::model::body::Vitals;
use crate::sim::model::clock::GameClock;
use crate::sim::model::gear::Gear;
use crate::sim::model::group::{Halt, Mind, Straying, WALK_AGAIN_ABOVE};
use crate::sim::model::party::{Fate, Fates, Leader, Member, News, Position, Status};
use crate::sim::model::stage::StageLog;
use crate::sim::model::supplies::{Supplies, WoodRun};
use crate::sim::world::StageMap;
use crate::states::Stage;

/// Effects of events just told, carried out by [`carry_out_told`].
#[derive(Resource, Debug, Clone, Default)]
pub struct ToldEffects(pub(crate) Vec<(Vec<Effect>, Option<MemberId>)>);

pub(crate) fn carry_out_told(
    mut told: ResMut<ToldEffects>,
    mut world: StoryWorld,
    janusz: Query<&Position, With<Leader>>,
) {
    let lead = janusz.single().map(|p| p.0).unwrap_or_default();
    for (effects, subject) in std::mem::take(&mut told.0) {
        for effect in &effects {
            apply(effect, subject, lead, &mut world);
        }
    }
}

/// What answering needs to touch, gathered so the effects can be applied one by one.
#[derive(bevy::ecs::system::SystemParam)]
pub(crate) struct StoryWorld<'w, 's> {
    commands: Commands<'w, 's>,
    stage: Res<'w, State<Stage>>,
    next_stage: ResMut<'w, NextState<Stage>>,
    clock: ResMut<'w, GameClock>,
    map: Option<ResMut<'w, StageMap>>,
    supplies: ResMut<'w, Supplies>,
    weather: ResMut<'w, Weather>,
    halt: ResMut<'w, Halt>,
    fates: ResMut<'w, Fates>,
    fate_places: ResMut<'w, crate::sim::model::route::FatePlaces>,
    stage_log: ResMut<'w, StageLog>,
    odometer: Res<'w, crate::sim::model::walk::Odometer>,
    level: ResMut<'w, crate::sim::model::stage::CurrentLevel>,
    march: ResMut<'w, crate::sim::model::march::March>,
    news: MessageWriter<'w, News>,
    members: Query<
        'w,
        's,
        (
            Entity,
            &'static Member,
            &'static mut Position,
            &'static mut Status,
            &'static mut Mind,
            &'static mut Vitals,
            Has<Straying>,
            Option<&'static mut Gear>,
        ),
        Without<Leader>,
    >,
    janusz: Query<'w, 's, (&'static mut Vitals, Option<&'static mut Gear>), With<Leader>>,
    pursuit: Option<ResMut<'w, crate::sim::model::pursuit::Pursuit>>,
    rng: Option<ResMut<'w, crate::sim::model::seed::SimRng>>,
    strangers: Query<'w, 's, (Entity, &'static StrangerAt, &'static Position), Without<Member>>,
}

/// The waiting event's answer: its effects, then play goes on.
pub(crate) fn answer_event(
    mut choices: MessageReader<Choose>,
    mut pending: ResMut<PendingEvent>,
    mut log: ResMut<StoryLog>,
    mut beats: MessageWriter<StoryBeat>,
    mut world: StoryWorld,
    janusz: Query<&Position, With<Leader>>,
) {
    let Some(Choose(index)) = choices.read().last().copied() else { return };
    let Some(p) = pending.0.as_ref() else { return };
    let Some(choice) = p.choices.get(index).cloned() else { return };
    let key = p.keys.get(index).cloned();
    let subject = p.entry.subject;
    let trusted = choice.needs_trust.is_none_or(|(who, min)| {
        world.members.iter().any(|(_, m, _, s, mind, ..)| m.0 == who && in_group(*s) && mind.trust >= min)
    });
    // The dice are the run's: the same seed and the same answers come out the same.
    let lucky = choice.odds.is_none_or(|p| match world.rng.as_mut() {
        Some(rng) => rng.0.random::<f32>() < p,
        None => p >= 0.5,
    });
    let works = trusted && lucky;
    let (reply, effects) = if works {
        (choice.reply.clone(), choice.effects.clone())
    } else {
        (choice.failed_reply.clone(), choice.failed_effects.clone())
    };
    let lead = janusz.single().map(|p| p.0).unwrap_or_default();
    for effect in &effects {
        apply(effect, subject, lead, &mut world);
    }
    let p = pending.0.take().expect("checked above");
    if let Some(entry) =
        log.0.iter_mut().rev().find(|e| e.id == p.entry.id && e.stage == p.entry.stage && e.subject == subject)
    {
        entry.choice = Some(choice.label.clone());
        entry.chose = key;
        entry.worked = (choice.odds.is_some() || choice.needs_trust.is_some()).then_some(works);
        entry.buried = choice.buries && works;
        entry.reply = Some(fill(&reply, subject));
        beats.write(StoryBeat(entry.clone()));
    }
}

fn targets(target: Target, subject: Option<MemberId>, id: MemberId) -> bool {
    match target {
        Target::Everyone => true,
        Target::Member(m) => m == id,
        Target::Subject => subject == Some(id),
    }
}

/// Carries out one effect of the story (`lead`: where Janusz stands).
fn apply(effect: &Effect, subject: Option<MemberId>, lead: Vec2, w: &mut StoryWorld) {
    match effect {
        Effect::Morale(..) | Effect::Trust(..) | Effect::Drink(..) | Effect::GiveUp(_) | Effect::Rally(_) => {
            apply_to_spirits(effect, subject, w)
        }
        Effect::Water(_)
        | Effect::Rations(_)
        | Effect::Wood(_)
        | Effect::Rest(_)
        | Effect::Until(_)
        | Effect::Guests(_)
        | Effect::Weather(..) => apply_to_supplies(effect, w),
        Effect::Join(_) | Effect::TurnAway(..) | Effect::Stay(..) | Effect::Depart(..) => {
            apply_to_company(effect, lead, w)
        }
        Effect::Found(t) => find_the_lost(*t, subject, lead, w),
        Effect::WoodRun(_) | Effect::Guide | Effect::Road(..) => apply_to_way(effect, lead, w),
        Effect::Tire(..) | Effect::Boots(..) | Effect::Clothes(..) => apply_to_bodies(effect, subject, w),
        Effect::Lead(km) => {
            if let Some(p) = w.pursuit.as_mut().filter(|p| p.is_on()) {
                // The guards' distance along the trail: a lead gained puts them further back.
                p.guards_km = (p.guards_km - km).clamp(0.0, w.odometer.0);
            }
        }
    }
}

/// Effects on bodies and what they wear: fatigue, boots, clothes; Janusz's too.
fn apply_to_bodies(effect: &Effect, subject: Option<MemberId>, w: &mut StoryWorld) {
    let change = |v: &mut Vitals, gear: Option<Mut<Gear>>| match (effect, gear) {
        (Effect::Tire(_, x), _) => v.fatigue = (v.fatigue + x).clamp(0.0, 1.0),
        (Effect::Boots(_, x), Some(mut g)) => g.boots = (g.boots + x).clamp(0.0, 1.0),
        (Effect::Clothes(_, x), Some(mut g)) => g.clothes = (g.clothes + x).clamp(0.0, 1.0),
        _ => {}
    };
    let (Effect::Tire(t, _) | Effect::Boots(t, _) | Effect::Clothes(t, _)) = effect else { return };
    for (_, m, _, s, _, mut v, _, gear) in &mut w.members {
        if in_group(*s) && targets(*t, subject, m.0) {
            change(&mut v, gear);
        }
    }
    if targets(*t, subject, MemberId::Janusz)
        && let Ok((mut v, gear)) = w.janusz.single_mut()
    {
        change(&mut v, gear);
    }
}

/// Effects on people's spirits and bodies: morale, trust, a drink, giving up, rallying.
fn apply_to_spirits(effect: &Effect, subject: Option<MemberId>, w: &mut StoryWorld) {
    match effect {
        Effect::Morale(t, x) => {
            for (_, m, _, s, mut mind, ..) in &mut w.members {
                if in_group(*s) && targets(*t, subject, m.0) {
                    mind.morale = (mind.morale + x).clamp(0.0, 1.0);
                }
            }
        }
        Effect::Trust(t, x) => {
            let mut moved = Vec::new();
            for (_, m, _, s, mut mind, ..) in &mut w.members {
                if in_group(*s) && targets(*t, subject, m.0) {
                    mind.trust = (mind.trust + x).clamp(0.0, 1.0);
                    if m.0 != MemberId::Janusz {
                        moved.push(m.0.name());
                    }
                }
            }
            // Told, so that a move of the party panel's trust bar has a reason the player saw.
            if !moved.is_empty() {
                let who = if *t == Target::Everyone { "The group".to_string() } else { moved.join(" and ") };
                let way = if *x < 0.0 { "less" } else { "more" };
                w.news.write(News(format!("{who} trusts Janusz {way} for it.")));
            }
        }
        Effect::Drink(t, l) => {
            for (_, m, _, s, _, mut v, ..) in &mut w.members {
                if in_group(*s) && targets(*t, subject, m.0) {
                    let given = l.min(w.supplies.water_l).min(v.water_deficit_l);
                    w.supplies.water_l -= given;
                    v.water_deficit_l -= given;
                }
            }
        }
        Effect::GiveUp(id) => {
            for (_, m, _, mut s, mut mind, ..) in &mut w.members {
                if m.0 == *id && *s == Status::Walking {
                    *s = Status::GivenUp;
                    mind.morale = mind.morale.min(0.1);
                    w.news.write(News(format!("{} has given up and will not walk on.", id.name())));
                }
            }
        }
        Effect::Rally(t) => {
            for (_, m, _, mut s, mut mind, ..) in &mut w.members {
                if in_group(*s) && targets(*t, subject, m.0) {
                    mind.morale = mind.morale.max(WALK_AGAIN_ABOVE + 0.15);
                    if *s == Status::GivenUp {
                        *s = Status::Walking;
                        w.news.write(News(format!("{} gets up and walks on.", m.0.name())));
                    }
                }
            }
        }
        _ => {}
    }
}

/// Effects on what the group carries, on time and on the weather.
fn apply_to_supplies(effect: &Effect, w: &mut StoryWorld) {
    match effect {
        Effect::Water(l) => w.supplies.water_l = (w.supplies.water_l + l).clamp(0.0, w.supplies.capacity_l),
        Effect::Rations(r) => w.supplies.rations = (w.supplies.rations + r).max(0.0),
        Effect::Wood(n) => w.supplies.wood = (w.supplies.wood as i32 + n).max(0) as u32,
        Effect::Rest(h) => w.halt.0 = w.halt.0.max(w.clock.minutes + (h * 60.0) as u64),
        Effect::Until(h) => {
            // The clock jumps: hours in the barracks, where no rule has anything to do.
            let day = crate::sim::model::clock::MINUTES_PER_DAY;
            let at = (h * 60.0) as u64;
            let now = w.clock.minutes % day;
            w.clock.minutes += (at + day - now) % day;
        }
        Effect::Weather(kind, h) => w.weather.force(*kind, w.clock.minutes + (h * 60.0) as u64),
        Effect::Guests(days) => {
            // Fed by the hosts from their own pot while they stay (the hunger rule), and sent
            // on with food for the road: dried curd, millet, a sheep's meat (Przhevalsky's
            // Mongols gave "even a sheep"), a ration a day stayed for everyone.
            let fed = w.members.iter().filter(|(_, _, _, s, ..)| in_group(**s)).count() + 1;
            w.supplies.rations += (fed as u32 * days) as f32;
            let until = w.clock.minutes + u64::from(*days) * crate::sim::model::clock::MINUTES_PER_DAY;
            w.halt.0 = w.halt.0.max(until);
            w.march.guests_until = Some(until);
        }
        _ => {}
    }
}

/// The dawn search found them: back with the group, worn by a night out alone; no longer lost
/// in the chronicle.
fn find_the_lost(target: Target, subject: Option<MemberId>, lead: Vec2, w: &mut StoryWorld) {
    for (e, m, mut pos, mut s, mut mind, mut v, ..) in &mut w.members {
        if *s != Status::Lost || !targets(target, subject, m.0) {
            continue;
        }
        *s = Status::Walking;
        pos.0 = lead + Vec2::new(0.8, 0.4);
        v.fatigue = (v.fatigue + 0.3).min(1.0);
        mind.morale = (mind.morale + 0.1).min(1.0);
        w.commands.entity(e).remove::<Straying>();
        w.fates.0.retain(|r| r.member != m.0);
        w.fate_places.0.remove(&m.0);
        w.news.write(News(format!("{} is found, and walks with the group again.", m.0.name())));
    }
}

/// Who is in the group: someone joins, is turned away, stays behind or goes another way.
fn apply_to_company(effect: &Effect, lead: Vec2, w: &mut StoryWorld) {
    let stage = *w.stage.get();
    let day = w.clock.day();
    match effect {
        Effect::Join(id) => {
            let at = w.strangers.iter().find(|(_, s, _)| s.0.name() == id.name()).map(|(e, _, p)| (e, p.0));
            let (stranger, at) = match at {
                Some((e, p)) => (Some(e), p),
                None => (None, lead + Vec2::X),
            };
            if let Some(e) = stranger {
                w.commands.entity(e).despawn();
            }
            if w.fates.of(*id).is_none() && !w.members.iter().any(|(_, m, ..)| m.0 == *id) {
                spawn_member(&mut w.commands, *id, at);
                w.news.write(News(format!("{} joins the group.", id.name())));
            }
        }
        Effect::TurnAway(id, why) => {
            for (e, s, _) in &w.strangers {
                if s.0.name() == id.name() {
                    w.commands.entity(e).despawn();
                }
            }
            settle(&mut w.fates, *id, Fate::TurnedAway, stage, day, why);
        }
        Effect::Stay(id, why) | Effect::Depart(id, why) => {
            let fate = if matches!(effect, Effect::Stay(..)) { Fate::Stayed } else { Fate::Departed };
            let mut found = false;
            for (_, m, _, mut s, ..) in &mut w.members {
                if m.0 == *id && in_group(*s) {
                    *s = Status::Departed;
                    found = true;
                }
            }
            let absent = !w.members.iter().any(|(_, m, ..)| m.0 == *id);
            if found || absent {
                settle(&mut w.fates, *id, fate, stage, day, why);
                if found {
                    w.news.write(News(format!("{} leaves the group.", id.name())));
                }
            }
        }
        _ => {}
    }
}

/// Errands and the way on: someone sent for wood, a guide leading the group on.
fn apply_to_way(effect: &Effect, lead: Vec2, w: &mut StoryWorld) {
    let stage = *w.stage.get();
    let day = w.clock.day();
    match effect {
        Effect::Road(n, other) => {
            // Decided once, in order: the march walks on along the road taken.
            if w.march.roads.len() != *n {
                return;
            }
            w.march.roads.push(*other);
            if *other && let Some(route) = &w.level.0.route {
                let taken = route.with_other_road(*n);
                w.level.0.route = Some(taken);
            }
        }
        Effect::WoodRun(id) => {
            let Some(map) = w.map.as_deref() else { return };
            // The wood near the fire is burnt by the second night: whoever goes must go out of
            // its light for more.
            let Some(wood) = crate::sim::world::map::tiles_near(map, lead, 12)
                .into_iter()
                .find(|p| map.wood[map.index(*p)] && (p.as_vec2() + Vec2::splat(0.5)).distance(lead) >= FAR_WOOD_TILES)
            else {
                return;
            };
            for (e, m, _, s, ..) in &w.members {
                if m.0 == *id && *s == Status::Walking {
                    w.commands.entity(e).insert(WoodRun {
                        target: wood.as_vec2() + Vec2::splat(0.5),
                        home: lead,
                        returning: false,
                    });
                    w.news.write(News(format!("{} goes out for wood.", id.name())));
                }
            }
        }
        Effect::Guide => {
            // The guide helps up whoever sat down; those out of sight are not waited for.
            for (_, m, _, mut s, mut mind, _, straying, _) in &mut w.members {
                if !in_group(*s) {
                    continue;
                }
                if straying {
                    *s = Status::Lost;
                    settle(&mut w.fates, m.0, Fate::Lost, stage, day, "was out of sight when the group was led away");
                } else {
                    *s = Status::Walking;
                    mind.morale = mind.morale.max(WALK_AGAIN_ABOVE + 0.15);
                }
            }
            // Led away from the scene: its stretch of the route is covered.
            let covered = w.level.0.route.as_ref().map_or(w.level.0.scene_km(), |r| {
                (w.level.0.scene_start_km() + w.level.0.scene_km()).min(r.length_km())
            });
            w.stage_log.close(day, covered, w.level.0.route_km(), w.odometer.0);
            if let Some(next) = stage.next() {
                w.next_stage.set(next);
            }
        }
        _ => {}
    }
}

/// How far out the story's wood run goes, tiles.
const FAR_WOOD_TILES: f32 = 5.0;

fn settle(fates: &mut Fates, member: MemberId, fate: Fate, stage: Stage, day: u32, why: &str) {
    if fates.of(member).is_none() {
        fates.settle(member, fate, stage, day, why.to_string());
    }
}
