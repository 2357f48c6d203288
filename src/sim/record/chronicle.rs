//! The chronicle of a journey: the route walked on the real map, where each member's road
//! ended and why, set beside the film, and the ending. Read by the chronicle screen and the
//! `--report json` output.

use bevy::prelude::*;
use serde::Serialize;

use crate::levels::{EndingKind, Geo, Level, Levels, MemberId};
use crate::sim::SimSystems;
use crate::sim::journey::story::StoryLog;
use crate::sim::model::clock::GameClock;
use crate::sim::model::march::March;
use crate::sim::model::party::{Fate, Fates, Leader, Member, Position};
use crate::sim::model::route::{FatePlaces, Spot, Walked, spot_of};
use crate::sim::model::stage::{CurrentLevel, JourneyOutcome, Outcome};
use crate::sim::model::walk::Odometer;
use crate::sim::world::StageMap;
use crate::states::{Scale, Screen, Stage};

/// (latitude, longitude) of a spot: along the stage's real route where it has one (the spot's
/// `along` is then the share of the route), else on the straight line across its region.
pub fn geo_of_level(level: &Level, spot: &Spot) -> (f32, f32) {
    match &level.route {
        Some(route) => route.point_at(spot.along * route.length_km()),
        None => geo_of(&level.geo, spot),
    }
}

/// (latitude, longitude) of a spot, on the straight line across its stage's region.
pub fn geo_of(geo: &Geo, spot: &Spot) -> (f32, f32) {
    let from = Vec2::new(geo.from.1, geo.from.0);
    let to = Vec2::new(geo.to.1, geo.to.0);
    let d = to - from;
    // Sideways on the real map is scaled down: the map's stage is a strip, the route a line.
    let p = from + d * spot.along + d.perp() * spot.aside * 0.3;
    (p.y, p.x)
}

/// Where the leader is as a spot of the stage: on a stage with a route, the share of the route
/// (the march's km, or the scene's stretch by how far across it he is).
fn spot_now(map: &StageMap, level: &Level, stage: Stage, march: &March, marching: bool, pos: Vec2) -> Spot {
    let on_map = spot_of(map, stage, pos);
    let Some(route) = &level.route else { return on_map };
    let length = route.length_km().max(1.0);
    let km = if marching { march.km } else { level.scene_start_km() + on_map.along * level.scene_km() };
    Spot { stage, along: (km / length).clamp(0.0, 1.0), aside: 0.0 }
}

/// The leader's way, every hour (every six on the march: a year of hours is too many).
fn record_route(
    clock: Res<GameClock>,
    map: Res<StageMap>,
    level: Res<CurrentLevel>,
    march: Res<March>,
    scale: Res<State<Scale>>,
    stage: Res<State<Stage>>,
    leader: Query<&Position, With<Leader>>,
    mut walked: ResMut<Walked>,
) {
    let Ok(lead) = leader.single() else { return };
    let marching = *scale.get() == Scale::March;
    let every = if marching { 6 * 60 } else { 60 };
    if clock.minutes % every >= clock.step && !map.is_changed() {
        return;
    }
    walked.0.push(spot_now(&map, &level.0, *stage.get(), &march, marching, lead.0));
}

fn place_fates(
    fates: Res<Fates>,
    map: Res<StageMap>,
    level: Res<CurrentLevel>,
    march: Res<March>,
    scale: Res<State<Scale>>,
    stage: Res<State<Stage>>,
    members: Query<(&Member, &Position)>,
    leader: Query<&Position, With<Leader>>,
    mut places: ResMut<FatePlaces>,
) {
    if !fates.is_changed() {
        return;
    }
    let marching = *scale.get() == Scale::March;
    for record in &fates.0 {
        if places.0.contains_key(&record.member) || record.fate == Fate::Survived {
            continue;
        }
        let pos = members
            .iter()
            .find(|(m, _)| m.0 == record.member)
            .map(|(_, p)| p.0)
            .or_else(|| leader.single().ok().map(|p| p.0));
        if let Some(pos) = pos {
            places.0.insert(record.member, spot_now(&map, &level.0, *stage.get(), &march, marching, pos));
        }
    }
}

fn clear_chronicle(mut walked: ResMut<Walked>, mut places: ResMut<FatePlaces>) {
    walked.0.clear();
    places.0.clear();
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberLine {
    pub id: MemberId,
    pub name: String,
    pub role: String,
    pub fate: Option<Fate>,
    pub stage: Option<Stage>,
    pub day: Option<u32>,
    /// Why, in words; for the survivors, where they ended.
    pub cause: String,
    /// What happened to them in the film.
    pub film: String,
    /// Where their road ended, if it ended on the way: (latitude, longitude).
    pub at: Option<(f32, f32)>,
    /// Dead, and buried by the group where they died: a grave on the map.
    pub buried: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndingText {
    pub kind: EndingKind,
    pub title: String,
    pub text: String,
}

/// Whether the group stopped to bury this member (a choice that `buries`, about them).
pub fn buried(log: &StoryLog, id: MemberId) -> bool {
    log.0.iter().any(|e| e.buried && e.subject == Some(id))
}

/// Everything the chronicle screen and the report tell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chronicle {
    pub days: u32,
    pub distance_km: f32,
    pub ending: Option<EndingText>,
    pub members: Vec<MemberLine>,
    /// The route walked, (latitude, longitude), in order.
    pub route: Vec<(f32, f32)>,
}

fn list(names: &[&str]) -> String {
    match names {
        [] => "nobody".into(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl Chronicle {
    pub fn from_world(world: &World) -> Chronicle {
        let levels = world.resource::<Levels>();
        let fates = world.resource::<Fates>();
        let places = world.resource::<FatePlaces>();
        let clock = world.resource::<GameClock>();
        let outcome = world.resource::<JourneyOutcome>().0;
        let geo = |stage: Stage, spot: &Spot| geo_of_level(levels.get(stage), spot);
        let log = world.resource::<StoryLog>();
        let members: Vec<MemberLine> = MemberId::ALL
            .iter()
            .map(|&id| {
                let c = levels.story.character(id);
                let record = fates.of(id);
                MemberLine {
                    id,
                    name: c.name.clone(),
                    role: c.role.clone(),
                    fate: record.map(|r| r.fate),
                    stage: record.map(|r| r.stage),
                    day: record.map(|r| r.day).filter(|d| *d > 0),
                    cause: record.map(|r| r.cause.clone()).unwrap_or_default(),
                    film: c.film.clone(),
                    at: places.0.get(&id).map(|s| geo(s.stage, s)),
                    buried: record.is_some_and(|r| r.fate == Fate::Died) && buried(log, id),
                }
            })
            .collect();
        let route = world.resource::<Walked>().0.iter().map(|s| geo(s.stage, s)).collect();
        let stage = world.get_resource::<CurrentLevel>().map(|l| l.0.title.clone()).unwrap_or_default();
        let ending = outcome.map(|outcome| {
            // Who was with Janusz at the end: in India, those who came down with him.
            let with: Vec<&str> = fates
                .0
                .iter()
                .filter(|r| r.member != MemberId::Janusz)
                .filter(|r| match outcome {
                    Outcome::ReachedIndia => {
                        r.fate == Fate::Survived || (r.fate == Fate::Stayed && r.stage == Stage::India)
                    }
                    _ => r.fate == Fate::Survived,
                })
                .map(|r| r.member.name())
                .collect();
            let kind = match outcome {
                Outcome::ReachedIndia if with.is_empty() => EndingKind::Alone,
                Outcome::ReachedIndia => EndingKind::Home,
                Outcome::JanuszDied => EndingKind::JanuszDied,
                Outcome::JanuszLost => EndingKind::JanuszLost,
            };
            let e = levels.story.ending(kind);
            let place = match stage.strip_prefix("The ") {
                Some(rest) => format!("the {rest}"),
                None => stage.clone(),
            };
            let fill = |t: &str| {
                t.replace("{stage}", &place).replace("{day}", &clock.day().to_string()).replace("{with}", &list(&with))
            };
            EndingText { kind, title: fill(&e.title), text: fill(&e.text) }
        });
        Chronicle {
            days: clock.day(),
            distance_km: (world.resource::<Odometer>().0 * 10.0).round() / 10.0,
            ending,
            members,
            route,
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Walked>().init_resource::<FatePlaces>();
    app.add_systems(OnEnter(Screen::Loading), clear_chronicle);
    app.add_systems(FixedUpdate, (record_route, place_fates).in_set(SimSystems::Record));
}
