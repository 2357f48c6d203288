//! When a story event happens: its trigger watched for (the stage entered, a night, a share of
//! the way, ground reached or sighted, someone met, a condition, a death, another event), its
//! requirements held, and then it is told.

use std::collections::HashMap;

use bevy::prelude::*;

use crate::levels::{Choice, Condition, Effect, Levels, MarchRoute, MemberId, Require, StoryEvent, Terrain, Trigger};
use crate::sim::journey::story::conditions::{Circumstances, Situation};
use crate::sim::journey::story::effects::ToldEffects;
use crate::sim::journey::story::strangers::{Greeted, StrangerAt};
use crate::sim::journey::story::{
    Pending, PendingEvent, SceneKind, StageNights, StoryBeat, StoryEntry, StoryLog, fill, in_group, stage_events,
};
use crate::sim::model::air::Weather;
use crate::sim::model::body::Vitals;
use crate::sim::model::group::Straying;
use crate::sim::model::party::{Fate, Fates, Leader, Member, Position, Status};
use crate::sim::model::stage::CurrentLevel;
use crate::sim::world::StageMap;
use crate::sim::world::map::progress;
use crate::states::Stage;

/// Where each kind of ground lies on the current map, found when first asked.
#[derive(Default)]
pub(crate) struct Landmarks {
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

/// Members as triggers see them: who, in what state, in what body, out of sight or not.
type Watched<'w, 's> = Query<'w, 's, (&'static Member, &'static Status, &'static Vitals, Has<Straying>)>;
/// Strangers standing on the map.
type Waiting<'w, 's> = Query<'w, 's, (Entity, &'static StrangerAt, &'static Position)>;

/// What a trigger watches, as it stands this minute.
struct Watch<'a, 'w, 's> {
    map: &'a StageMap,
    /// On the stage's own ground: places (a share of the way, ground, strangers) are the
    /// story's only there, not on ground the group went down to off the route.
    on_stage_ground: bool,
    /// The fork of the route the march stands at, undecided.
    fork_due: Option<usize>,
    /// Km the march has come along the stage's route, while it marches.
    marched_km: Option<f32>,
    route: Option<&'a MarchRoute>,
    stage: Stage,
    /// The day of the journey, and whether it is dark.
    day: u32,
    night: bool,
    lead: Vec2,
    along: f32,
    nights: &'a StageNights,
    weather: &'a Weather,
    fates: &'a Fates,
    log: &'a StoryLog,
    pending: &'a PendingEvent,
    members: &'a Watched<'w, 's>,
    strangers: &'a Waiting<'w, 's>,
}

/// Whom a trigger fires for now: `[None]` for an event about nobody in particular, one entry
/// for each person it befalls, or nothing.
fn subjects(trigger: &Trigger, w: &Watch, landmarks: &mut Landmarks, commands: &mut Commands) -> Vec<Option<MemberId>> {
    let once = |fires: bool| if fires { vec![None] } else { vec![] };
    match trigger {
        Trigger::StageEntered => vec![None],
        // Drawn by chance, not watched for (`draw`).
        Trigger::Drawn => vec![],
        Trigger::Night(n) => once(w.nights.count >= *n),
        Trigger::Progress(_) | Trigger::Reached(_) | Trigger::Sighted(_) | Trigger::Met { .. }
            if !w.on_stage_ground =>
        {
            vec![]
        }
        Trigger::Progress(p) => once(w.along >= *p),
        Trigger::Reached(t) => once(landmarks.near(w.map, *t, w.lead, 3.0)),
        Trigger::Sighted(t) => once(landmarks.near(w.map, *t, w.lead, w.weather.sight_tiles.max(3.0))),
        Trigger::Met { who, .. } => {
            let close = w.strangers.iter().find(|(_, s, p)| s.0 == *who && p.0.distance(w.lead) <= 2.5);
            if let Some((e, ..)) = close {
                commands.entity(e).insert(Greeted);
            }
            once(close.is_some())
        }
        Trigger::Condition(who, c) => w
            .members
            .iter()
            .filter(|(m, s, v, straying)| who.matches(m.0) && in_group(**s) && has_condition(v, **s, *straying, *c))
            .map(|(m, ..)| Some(m.0))
            .collect(),
        Trigger::Died(who) => w
            .fates
            .0
            .iter()
            .filter(|r| r.fate == Fate::Died && r.stage == w.stage && who.matches(r.member))
            .map(|r| Some(r.member))
            .collect(),
        // The search waits for daylight, and for nobody to be out looking already.
        Trigger::Missing(_) if w.night => vec![],
        Trigger::Missing(who) => w
            .fates
            .0
            .iter()
            .filter(|r| Fates::strayed(r) && r.stage == w.stage && r.day + 1 >= w.day && who.matches(r.member))
            .filter(|r| r.member != MemberId::Janusz)
            .map(|r| Some(r.member))
            .collect(),
        Trigger::After(id) => once(w.log.settled(w.stage, id, w.pending)),
        Trigger::Fork(n) => once(w.fork_due == Some(*n)),
        Trigger::Waypoint(n) => {
            once(w.marched_km.zip(w.route).is_some_and(|(km, r)| *n < r.points.len() && km + 0.01 >= r.km_to_point(*n)))
        }
    }
}

/// The story's events whose moment has come are told; one that asks waits for an answer.
pub(crate) fn fire_story_events(
    levels: Res<Levels>,
    level: Res<CurrentLevel>,
    map: Res<StageMap>,
    stage: Res<State<Stage>>,
    (nights, weather, march, scale): (
        Res<StageNights>,
        Res<Weather>,
        Res<crate::sim::model::march::March>,
        Option<Res<State<crate::states::Scale>>>,
    ),
    (fates, circumstances): (Res<Fates>, Circumstances),
    mut landmarks: Local<Landmarks>,
    mut pending: ResMut<PendingEvent>,
    leader: Query<&Position, With<Leader>>,
    members: Watched,
    strangers: Waiting,
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
    let now = circumstances.now();
    for event in stage_events(&levels, &level.0) {
        if !now.all_hold(&event.requires, &log) {
            continue;
        }
        let watch = Watch {
            map: &map,
            on_stage_ground: !march.is_camped_off_the_route(),
            fork_due: level.0.route.as_ref().and_then(|r| march.fork_due(r)),
            marched_km: scale
                .as_ref()
                .filter(|s| *s.get() == crate::states::Scale::March && !march.is_camped_off_the_route())
                .map(|_| march.km),
            route: level.0.route.as_ref(),
            stage,
            day: now.day,
            night: now.night,
            lead: lead.0,
            along,
            nights: &nights,
            weather: &weather,
            fates: &fates,
            log: &log,
            pending: &pending,
            members: &members,
            strangers: &strangers,
        };
        for subject in subjects(&event.trigger, &watch, &mut landmarks, &mut commands) {
            if log.has_for(stage, &event.id, subject) {
                continue;
            }
            let asks = !event.choices.is_empty();
            if asks && pending.0.is_some() {
                // One question at a time; this one is asked when the last is answered.
                break;
            }
            ask(event, subject, &now, &level.0, (&mut log, &mut told, &mut pending, &mut beats));
        }
    }
}

/// What a telling writes to.
pub(crate) type Telling<'a, 'w> =
    (&'a mut StoryLog, &'a mut ToldEffects, &'a mut PendingEvent, &'a mut MessageWriter<'w, StoryBeat>);

/// An event told, and if it asks something, its choices that hold put to the player.
pub(crate) fn ask(
    event: &StoryEvent,
    subject: Option<MemberId>,
    now: &Situation,
    level: &crate::levels::Level,
    (log, told, pending, beats): Telling,
) {
    let entry = tell(event, subject, now.stage, now.day, log, told);
    if !event.choices.is_empty() {
        let offered: Vec<&Choice> = event.choices.iter().filter(|c| now.all_hold(&c.requires, log)).collect();
        let keys = offered.iter().map(|c| c.label.clone()).collect();
        let choices: Vec<Choice> = offered
            .into_iter()
            .map(|c| Choice { label: with_road_km(&fill(&c.label_with_odds(), subject), c, level), ..c.clone() })
            .collect();
        if !choices.is_empty() {
            // A search at first light and a talk at the fire are drawn as scenes.
            let scene = if matches!(event.trigger, Trigger::Missing(_)) {
                Some(SceneKind::DawnSearch)
            } else {
                event.requires.contains(&Require::AtFire).then_some(SceneKind::Fireside)
            };
            pending.0 = Some(Pending { entry: entry.clone(), choices, keys, scene });
        }
    }
    beats.write(StoryBeat(entry));
}

/// A choice of road says how long the road is, measured on the route as walked; a choice to
/// stay, for how many days.
fn with_road_km(label: &str, choice: &Choice, level: &crate::levels::Level) -> String {
    let road =
        choice.effects.iter().find_map(|e| if let Effect::Road(n, other) = e { Some((*n, *other)) } else { None });
    let km = road
        .and_then(|(n, other)| level.route.as_ref()?.fork_roads_km(n).map(|(own, alt)| if other { alt } else { own }));
    let stay = choice.effects.iter().find_map(|e| if let Effect::Guests(d) = e { Some(*d) } else { None });
    match (km, stay) {
        (Some(km), _) => format!("{label} ({km:.0} km)"),
        (None, Some(1)) => format!("{label} (a day)"),
        (None, Some(days)) => format!("{label} ({days} days)"),
        (None, None) => label.to_string(),
    }
}

/// An event told: written in the story's log, its effects queued to be carried out.
fn tell(
    event: &StoryEvent,
    subject: Option<MemberId>,
    stage: Stage,
    day: u32,
    log: &mut StoryLog,
    told: &mut ToldEffects,
) -> StoryEntry {
    let entry = StoryEntry {
        id: event.id.clone(),
        stage,
        day,
        subject,
        speaker: event.speaker,
        title: fill(&event.title, subject),
        text: fill(&event.text, subject),
        choice: None,
        chose: None,
        reply: None,
        worked: None,
        buried: false,
    };
    info!("story: {} ({:?}, day {})", entry.id, stage, entry.day);
    log.0.push(entry.clone());
    if !event.effects.is_empty() {
        told.0.push((event.effects.clone(), subject));
    }
    entry
}
