//! Story events from the level files: each fires once (once for each person it befalls), is
//! told, and where it has choices, waits for the player's answer and carries it out.

use std::collections::HashMap;

use bevy::prelude::*;
use serde::Serialize;

use crate::levels::MemberId;
use crate::levels::Terrain;
use crate::levels::{Choice, Condition, Effect, Levels, Require, StoryEvent, Stranger, Target, Trigger};
use crate::sim::EnterStage;
use crate::sim::EnterStageSystems;
use crate::sim::SimSystems;
use crate::sim::journey::spawn_member;
use crate::sim::model::air::Weather;
use crate::sim::model::body::Vitals;
use crate::sim::model::clock::GameClock;
use crate::sim::model::group::Halt;
use crate::sim::model::group::{Mind, Straying, WALK_AGAIN_ABOVE};
use crate::sim::model::party::{Fate, Fates, Leader, Member, News, Position, Status};
use crate::sim::model::stage::{CurrentLevel, StageLog};
use crate::sim::model::supplies::{Supplies, WoodRun};
use crate::sim::world::StageMap;
use crate::sim::world::map::place_near;
use crate::sim::world::map::progress;
use crate::sim::world::nearest_wood;
use crate::states::{Screen, Stage};

#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct StoryEntry {
    pub id: String,
    pub stage: Stage,
    pub day: u32,
    /// The person the event was about, if any.
    pub subject: Option<MemberId>,
    pub speaker: Option<MemberId>,
    pub title: String,
    pub text: String,
    /// The choice taken, once answered.
    pub choice: Option<String>,
    /// What came of it.
    pub reply: Option<String>,
}

/// Every story event that has happened, in order.
#[derive(Resource, Debug, Clone, Default)]
pub struct StoryLog(pub Vec<StoryEntry>);

impl StoryLog {
    pub fn has(&self, stage: Stage, id: &str) -> bool {
        self.0.iter().any(|e| e.stage == stage && e.id == id)
    }

    fn has_for(&self, stage: Stage, id: &str, subject: Option<MemberId>) -> bool {
        self.0.iter().any(|e| e.stage == stage && e.id == id && e.subject == subject)
    }

    /// Told, and answered if it asked anything.
    fn settled(&self, stage: Stage, id: &str, pending: &PendingEvent) -> bool {
        self.has(stage, id) && pending.0.as_ref().is_none_or(|p| p.entry.id != id)
    }
}

/// A story event just happened (or was answered): the interface shows it.
#[derive(Message, Debug, Clone)]
pub struct StoryBeat(pub StoryEntry);

/// An event waiting for the player's choice. While one waits, the world stands still.
#[derive(Debug, Clone)]
pub struct Pending {
    pub entry: StoryEntry,
    pub choices: Vec<Choice>,
}

#[derive(Resource, Debug, Clone, Default)]
pub struct PendingEvent(pub Option<Pending>);

/// Whether the world goes on: not while the player is asked to choose.
pub fn is_no_choice_waiting(pending: Res<PendingEvent>) -> bool {
    pending.0.is_none()
}

/// The player's answer to the waiting event: the index of the choice.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choose(pub usize);

/// Carrying out the player's answer: input and the autoplayer choose before it.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AnswerSystems;

/// Someone met on the way, standing where the story put them. Scoped to the stage.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrangerAt(pub Stranger);

/// A stranger whose event has been told: they no longer come to meet the group.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Greeted;

/// Those waiting on the way come to meet the group once they see it.
fn approach_the_group(
    map: Res<StageMap>,
    level: Res<CurrentLevel>,
    leader: Query<&Position, (With<Leader>, Without<StrangerAt>)>,
    mut strangers: Query<&mut Position, (With<StrangerAt>, Without<Greeted>)>,
) {
    let Ok(lead) = leader.single() else { return };
    for mut pos in &mut strangers {
        let to = lead.0 - pos.0;
        if to.length() > 12.0 || to.length() < 1.5 {
            continue;
        }
        let speed = crate::sim::model::walk::tiles_per_minute(level.0.tile_m, map.terrain_at(pos.0).props().move_cost);
        pos.0 = crate::sim::world::slide(&map, pos.0, to.normalize() * speed.min(to.length()));
    }
}

/// Nights begun in the current stage.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct StageNights {
    pub count: u32,
    was_night: bool,
}

impl StageNights {
    /// As a journey resumed mid-stage left them.
    pub fn resumed(count: u32, clock: &GameClock) -> Self {
        StageNights { count, was_night: clock.is_night() }
    }
}

pub(crate) fn reset_stage_nights(mut nights: ResMut<StageNights>, clock: Res<GameClock>) {
    *nights = StageNights { count: 0, was_night: clock.is_night() };
}

fn count_nights(mut nights: ResMut<StageNights>, clock: Res<GameClock>) {
    let night = clock.is_night();
    if night && !nights.was_night {
        nights.count += 1;
    }
    nights.was_night = night;
}

/// The events that can happen in this stage: its own, and the story file's unless the stage
/// has its own of the same id.
pub fn stage_events<'a>(levels: &'a Levels, level: &'a crate::levels::Level) -> impl Iterator<Item = &'a StoryEvent> {
    level.events.iter().chain(levels.story.events.iter().filter(|e| !level.events.iter().any(|own| own.id == e.id)))
}

/// Puts those the group will meet on the path to the way out, as far along as their event says.
pub(crate) fn place_strangers(
    mut commands: Commands,
    level: Res<CurrentLevel>,
    map: Res<StageMap>,
    stage: Res<State<Stage>>,
) {
    let Some((path, _)) = map.path_to_exit(map.entry) else { return };
    let mut placed = Vec::new();
    for event in &level.0.events {
        if let Trigger::Met { who, along } = event.trigger {
            if placed.contains(&who) {
                continue;
            }
            placed.push(who);
            let i = ((path.len() - 1) as f32 * along) as usize;
            let at = place_near(&map, path[i].as_vec2() + Vec2::splat(0.5), 0);
            commands.spawn((Name::new(who.name()), StrangerAt(who), Position(at), DespawnOnExit(*stage.get())));
        }
    }
}

/// Where each kind of ground lies on the current map, found when first asked.
#[derive(Default)]
struct Landmarks {
    found: HashMap<Terrain, Vec<Vec2>>,
}

impl Landmarks {
    fn near(&mut self, map: &StageMap, terrain: Terrain, pos: Vec2, radius: f32) -> bool {
        let tiles = self.found.entry(terrain).or_insert_with(|| {
            (0..map.height)
                .flat_map(|y| (0..map.width).map(move |x| UVec2::new(x, y)))
                .filter(|p| map.at(*p) == terrain)
                .map(|p| p.as_vec2() + Vec2::splat(0.5))
                .collect()
        });
        tiles.iter().any(|p| p.distance(pos) <= radius)
    }
}

fn has_condition(v: &Vitals, status: Status, straying: bool, c: Condition) -> bool {
    let k = v.conditions();
    match c {
        Condition::Hypothermic => k.hypothermia,
        Condition::Thirsty => k.thirsty,
        Condition::Weakened => k.weakened,
        Condition::Collapsed => k.collapsed,
        Condition::GivenUp => status == Status::GivenUp,
        Condition::Straying => straying,
    }
}

/// With the group: on the map, alive and not gone.
fn in_group(status: Status) -> bool {
    matches!(status, Status::Walking | Status::GivenUp)
}

fn holds(r: &Require, with_group: &impl Fn(MemberId) -> bool, log: &StoryLog, stage: Stage) -> bool {
    match r {
        Require::InGroup(id) => with_group(*id),
        Require::NotInGroup(id) => !with_group(*id),
        Require::NotTold(id) => !log.has(stage, id),
    }
}

/// Fills `{who}` in an event's text.
fn fill(text: &str, subject: Option<MemberId>) -> String {
    match subject {
        Some(who) => text.replace("{who}", who.name()),
        None => text.to_string(),
    }
}

fn fire_story_events(
    levels: Res<Levels>,
    level: Res<CurrentLevel>,
    map: Res<StageMap>,
    stage: Res<State<Stage>>,
    clock: Res<GameClock>,
    (nights, weather): (Res<StageNights>, Res<Weather>),
    fates: Res<Fates>,
    mut landmarks: Local<Landmarks>,
    mut pending: ResMut<PendingEvent>,
    leader: Query<&Position, With<Leader>>,
    members: Query<(&Member, &Status, &Vitals, Has<Straying>)>,
    strangers: Query<(Entity, &StrangerAt, &Position)>,
    mut commands: Commands,
    mut log: ResMut<StoryLog>,
    mut told: ResMut<ToldEffects>,
    mut beats: MessageWriter<StoryBeat>,
) {
    if map.is_changed() {
        *landmarks = Landmarks::default();
    }
    let stage = *stage.get();
    let Ok(lead) = leader.single() else { return };
    let along = progress(&map, lead.0);
    let with_group = |id: MemberId| members.iter().any(|(m, s, ..)| m.0 == id && in_group(*s));
    for event in stage_events(&levels, &level.0) {
        let met = event.requires.iter().all(|r| holds(r, &with_group, &log, stage));
        if !met {
            continue;
        }
        let subjects: Vec<Option<MemberId>> = match &event.trigger {
            Trigger::StageEntered => vec![None],
            Trigger::Night(n) => {
                if nights.count >= *n {
                    vec![None]
                } else {
                    vec![]
                }
            }
            Trigger::Progress(p) => {
                if along >= *p {
                    vec![None]
                } else {
                    vec![]
                }
            }
            Trigger::Reached(t) => {
                if landmarks.near(&map, *t, lead.0, 3.0) {
                    vec![None]
                } else {
                    vec![]
                }
            }
            Trigger::Sighted(t) => {
                let sight = weather.sight_tiles.max(3.0);
                if landmarks.near(&map, *t, lead.0, sight) { vec![None] } else { vec![] }
            }
            Trigger::Met { who, .. } => {
                let close = strangers.iter().find(|(_, s, p)| s.0 == *who && p.0.distance(lead.0) <= 2.5);
                if let Some((e, ..)) = close {
                    commands.entity(e).insert(Greeted);
                    vec![None]
                } else {
                    vec![]
                }
            }
            Trigger::Condition(who, c) => members
                .iter()
                .filter(|(m, s, v, straying)| who.matches(m.0) && in_group(**s) && has_condition(v, **s, *straying, *c))
                .map(|(m, ..)| Some(m.0))
                .collect(),
            Trigger::Died(who) => fates
                .0
                .iter()
                .filter(|r| r.fate == Fate::Died && r.stage == stage && who.matches(r.member))
                .map(|r| Some(r.member))
                .collect(),
            Trigger::After(id) => {
                if log.settled(stage, id, &pending) {
                    vec![None]
                } else {
                    vec![]
                }
            }
        };
        for subject in subjects {
            if log.has_for(stage, &event.id, subject) {
                continue;
            }
            let asks = !event.choices.is_empty();
            if asks && pending.0.is_some() {
                // One question at a time; this one is asked when the last is answered.
                break;
            }
            let entry = StoryEntry {
                id: event.id.clone(),
                stage,
                day: clock.day(),
                subject,
                speaker: event.speaker,
                title: fill(&event.title, subject),
                text: fill(&event.text, subject),
                choice: None,
                reply: None,
            };
            info!("story: {} ({:?}, day {})", entry.id, stage, entry.day);
            log.0.push(entry.clone());
            if !event.effects.is_empty() {
                told.0.push((event.effects.clone(), subject));
            }
            if asks {
                let choices: Vec<Choice> = event
                    .choices
                    .iter()
                    .filter(|c| c.requires.iter().all(|r| holds(r, &with_group, &log, stage)))
                    .map(|c| Choice { label: fill(&c.label, subject), ..c.clone() })
                    .collect();
                if !choices.is_empty() {
                    pending.0 = Some(Pending { entry: entry.clone(), choices });
                }
            }
            beats.write(StoryBeat(entry));
        }
    }
}

/// Effects of events just told, carried out by [`carry_out_told`].
#[derive(Resource, Debug, Clone, Default)]
pub struct ToldEffects(Vec<(Vec<Effect>, Option<MemberId>)>);

fn carry_out_told(mut told: ResMut<ToldEffects>, mut world: StoryWorld, janusz: Query<&Position, With<Leader>>) {
    let lead = janusz.single().map(|p| p.0).unwrap_or_default();
    for (effects, subject) in std::mem::take(&mut told.0) {
        for effect in &effects {
            apply(effect, subject, lead, &mut world);
        }
    }
}

/// What answering needs to touch, gathered so the effects can be applied one by one.
#[derive(bevy::ecs::system::SystemParam)]
struct StoryWorld<'w, 's> {
    commands: Commands<'w, 's>,
    stage: Res<'w, State<Stage>>,
    next_stage: ResMut<'w, NextState<Stage>>,
    clock: Res<'w, GameClock>,
    map: Option<ResMut<'w, StageMap>>,
    supplies: ResMut<'w, Supplies>,
    weather: ResMut<'w, Weather>,
    halt: ResMut<'w, Halt>,
    fates: ResMut<'w, Fates>,
    stage_log: ResMut<'w, StageLog>,
    news: MessageWriter<'w, News>,
    members: Query<
        'w,
        's,
        (
            Entity,
            &'static Member,
            &'static Position,
            &'static mut Status,
            &'static mut Mind,
            &'static mut Vitals,
            Has<Straying>,
        ),
        Without<Leader>,
    >,
    strangers: Query<'w, 's, (Entity, &'static StrangerAt, &'static Position)>,
}

/// The waiting event's answer: its effects, then play goes on.
fn answer_event(
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
    let subject = p.entry.subject;
    let works = choice.needs_trust.is_none_or(|(who, min)| {
        world.members.iter().any(|(_, m, _, s, mind, ..)| m.0 == who && in_group(*s) && mind.trust >= min)
    });
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

fn apply(effect: &Effect, subject: Option<MemberId>, lead: Vec2, w: &mut StoryWorld) {
    let stage = *w.stage.get();
    let day = w.clock.day();
    match effect {
        Effect::Morale(t, x) => {
            for (_, m, _, s, mut mind, ..) in &mut w.members {
                if in_group(*s) && targets(*t, subject, m.0) {
                    mind.morale = (mind.morale + x).clamp(0.0, 1.0);
                }
            }
        }
        Effect::Trust(t, x) => {
            for (_, m, _, s, mut mind, ..) in &mut w.members {
                if in_group(*s) && targets(*t, subject, m.0) {
                    mind.trust = (mind.trust + x).clamp(0.0, 1.0);
                }
            }
        }
        Effect::Water(l) => w.supplies.water_l = (w.supplies.water_l + l).clamp(0.0, w.supplies.capacity_l),
        Effect::Rations(r) => w.supplies.rations = (w.supplies.rations + r).max(0.0),
        Effect::Wood(n) => w.supplies.wood = (w.supplies.wood as i32 + n).max(0) as u32,
        Effect::Drink(t, l) => {
            for (_, m, _, s, _, mut v, _) in &mut w.members {
                if in_group(*s) && targets(*t, subject, m.0) {
                    let given = l.min(w.supplies.water_l).min(v.water_deficit_l);
                    w.supplies.water_l -= given;
                    v.water_deficit_l -= given;
                }
            }
        }
        Effect::Rest(h) => w.halt.0 = w.halt.0.max(w.clock.minutes + (h * 60.0) as u64),
        Effect::Weather(kind, h) => w.weather.force(*kind, w.clock.minutes + (h * 60.0) as u64),
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
        Effect::WoodRun(id) => {
            let Some(map) = w.map.as_deref() else { return };
            let Some(wood) = nearest_wood(map, lead, 12) else { return };
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
            for (_, m, _, mut s, mut mind, _, straying) in &mut w.members {
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
            if let Some(record) = w.stage_log.0.last_mut() {
                record.left_day.get_or_insert(day);
            }
            if let Some(next) = stage.next() {
                w.next_stage.set(next);
            }
        }
    }
}

fn settle(fates: &mut Fates, member: MemberId, fate: Fate, stage: Stage, day: u32, why: &str) {
    if fates.of(member).is_none() {
        fates.settle(member, fate, stage, day, why.to_string());
    }
}

/// What someone says when their state changes: once when it begins, and not again for hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Says {
    Cold,
    Heat,
    Thirsty,
    Collapsed,
    Lost,
    Found,
    GivesUp,
    WalksAgain,
}

fn speak(
    levels: Res<Levels>,
    clock: Res<GameClock>,
    mut was: Local<HashMap<(MemberId, Says), bool>>,
    mut last: Local<HashMap<(MemberId, Says), u64>>,
    members: Query<(&Member, &Status, &Vitals, Has<Straying>), Without<Leader>>,
    mut news: MessageWriter<News>,
) {
    for (member, status, v, straying) in &members {
        let c = v.conditions();
        let now = [
            (Says::Cold, c.hypothermia),
            (Says::Heat, c.heat_exhaustion),
            (Says::Thirsty, c.weakened),
            (Says::Collapsed, c.collapsed && *status != Status::Dead),
            (Says::Lost, straying),
            (Says::Found, !straying),
            (Says::GivesUp, *status == Status::GivenUp),
            (Says::WalksAgain, *status == Status::Walking),
        ];
        for (says, on) in now {
            let key = (member.0, says);
            let before = was.insert(key, on).unwrap_or(on);
            let edge = on && !before;
            // Found and walking again are only news after being lost or giving up.
            if !edge || !matches!(*status, Status::Walking | Status::GivenUp) {
                continue;
            }
            if last.get(&key).is_some_and(|t| clock.minutes < t + 180) {
                continue;
            }
            last.insert(key, clock.minutes);
            let lines = &levels.story.character(member.0).lines;
            let line = match says {
                Says::Cold => &lines.cold,
                Says::Heat => &lines.heat,
                Says::Thirsty => &lines.thirsty,
                Says::Collapsed => &lines.collapsed,
                Says::Lost => &lines.lost,
                Says::Found => &lines.found,
                Says::GivesUp => &lines.gives_up,
                Says::WalksAgain => &lines.walks_again,
            };
            news.write(News(format!("{}: \"{}\"", member.0.name(), line)));
        }
    }
}

/// Someone by a newly lit fire at night says so.
fn speak_at_fire(
    levels: Res<Levels>,
    clock: Res<GameClock>,
    fires: Query<&Position, Added<crate::sim::model::supplies::Fire>>,
    members: Query<(&Member, &Position, &Status), Without<Leader>>,
    mut news: MessageWriter<News>,
) {
    if !clock.is_night() {
        return;
    }
    for fire in &fires {
        let nearest = members
            .iter()
            .filter(|(_, p, s)| **s == Status::Walking && p.0.distance(fire.0) < 4.0)
            .min_by_key(|(m, ..)| (clock.day() as usize + m.0 as usize * 7) % 9);
        if let Some((m, ..)) = nearest {
            news.write(News(format!("{}: \"{}\"", m.0.name(), levels.story.character(m.0).lines.fire)));
        }
    }
}

fn clear_story(mut log: ResMut<StoryLog>, mut pending: ResMut<PendingEvent>, mut told: ResMut<ToldEffects>) {
    log.0.clear();
    told.0.clear();
    pending.0 = None;
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<StoryLog>()
        .init_resource::<StageNights>()
        .init_resource::<PendingEvent>()
        .init_resource::<ToldEffects>()
        .add_message::<StoryBeat>()
        .add_message::<Choose>();
    app.add_systems(OnEnter(Screen::Loading), clear_story);
    app.add_systems(EnterStage, (reset_stage_nights, place_strangers).in_set(EnterStageSystems::Setup));
    app.add_systems(
        FixedUpdate,
        (count_nights, approach_the_group, fire_story_events, carry_out_told, speak, speak_at_fire)
            .chain()
            .in_set(SimSystems::Story),
    );
    // Answering runs while the rest of the world waits for it.
    app.add_systems(
        FixedUpdate,
        answer_event.in_set(AnswerSystems).before(SimSystems::Clock).run_if(in_state(crate::states::Pause::Running)),
    );
}
