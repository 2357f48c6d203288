//! The chronicle of a journey: the route walked on the real map, where each member's road
//! ended and why, set beside the film, and the ending. Read by the chronicle screen and the
//! `--report json` output.

use bevy::prelude::*;
use serde::Serialize;

use crate::levels::{EndingKind, Geo, Levels, MemberId};
use crate::sim::SimSystems;
use crate::sim::model::clock::GameClock;
use crate::sim::model::party::{Fate, Fates, Leader, Member, Position};
use crate::sim::model::route::{FatePlaces, Spot, Walked, spot_of};
use crate::sim::model::stage::{CurrentLevel, JourneyOutcome, Outcome};
use crate::sim::model::walk::Odometer;
use crate::sim::world::StageMap;
use crate::states::{Screen, Stage};

/// (latitude, longitude) of a spot, on its stage's stretch of the real route.
pub fn geo_of(geo: &Geo, spot: &Spot) -> (f32, f32) {
    let from = Vec2::new(geo.from.1, geo.from.0);
    let to = Vec2::new(geo.to.1, geo.to.0);
    let d = to - from;
    // Sideways on the real map is scaled down: the map's stage is a strip, the route a line.
    let p = from + d * spot.along + d.perp() * spot.aside * 0.3;
    (p.y, p.x)
}

fn record_route(
    clock: Res<GameClock>,
    map: Res<StageMap>,
    stage: Res<State<Stage>>,
    leader: Query<&Position, With<Leader>>,
    mut walked: ResMut<Walked>,
) {
    let Ok(lead) = leader.single() else { return };
    if !clock.minutes.is_multiple_of(60) && !map.is_changed() {
        return;
    }
    walked.0.push(spot_of(&map, *stage.get(), lead.0));
}

fn place_fates(
    fates: Res<Fates>,
    map: Res<StageMap>,
    stage: Res<State<Stage>>,
    members: Query<(&Member, &Position)>,
    leader: Query<&Position, With<Leader>>,
    mut places: ResMut<FatePlaces>,
) {
    if !fates.is_changed() {
        return;
    }
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
            places.0.insert(record.member, spot_of(&map, *stage.get(), pos));
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
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EndingText {
    pub kind: EndingKind,
    pub title: String,
    pub text: String,
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
        let geo = |stage: Stage| levels.get(stage).geo;
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
                    at: places.0.get(&id).map(|s| geo_of(&geo(s.stage), s)),
                }
            })
            .collect();
        let route = world.resource::<Walked>().0.iter().map(|s| geo_of(&geo(s.stage), s)).collect();
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
    app.add_systems(FixedUpdate, (record_route, place_fates).in_set(SimSystems::Journey));
}
