//! Whether an event's requirements hold now: who is with the group and in what mind, the
//! stage, the month, the weather and the ground, the supplies, the hunt, and what happened
//! before.

use bevy::prelude::*;

use crate::levels::{MemberId, Require, Terrain, WeatherKind};
use crate::sim::journey::story::{StoryLog, in_group};
use crate::sim::model::air::Weather;
use crate::sim::model::clock::GameClock;
use crate::sim::model::group::Mind;
use crate::sim::model::march::March;
use crate::sim::model::party::{Leader, Member, Position, Status};
use crate::sim::model::pursuit::Pursuit;
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::supplies::Supplies;
use crate::sim::world::StageMap;
use crate::states::{Scale, Stage};

/// A person as requirements see them.
#[derive(Debug, Clone, Copy)]
pub struct Person {
    pub id: MemberId,
    pub with_group: bool,
    pub walking: bool,
    pub morale: f32,
    pub trust: f32,
}

/// How near a fire Janusz must be for the group to be sitting round it, tiles.
const FIRESIDE_TILES: f32 = 3.0;

/// The journey as it stands this minute, as far as events ask about it.
#[derive(Debug, Clone)]
pub struct Situation {
    pub stage: Stage,
    pub day: u32,
    pub month: u32,
    pub night: bool,
    pub weather: WeatherKind,
    pub air_c: f32,
    /// The ground under Janusz (on the march, the stretch of the route he is on).
    pub ground: Terrain,
    pub rations: f32,
    pub water_l: f32,
    pub wood: u32,
    pub hunted: bool,
    /// A fire burns within a few steps of Janusz.
    pub at_fire: bool,
    pub people: Vec<Person>,
}

impl Situation {
    pub fn with_group(&self, id: MemberId) -> bool {
        self.people.iter().any(|p| p.id == id && p.with_group)
    }

    fn person(&self, id: MemberId) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id && p.with_group)
    }

    /// Days of food for everyone with the group.
    pub fn food_days(&self) -> f32 {
        self.rations / self.people.iter().filter(|p| p.with_group).count().max(1) as f32
    }

    /// Whether one requirement holds, with `log` for what happened before.
    pub fn holds(&self, r: &Require, log: &StoryLog) -> bool {
        let told = |id: &str| log.0.iter().find(|e| e.id == id);
        let mind = |id: MemberId, f: fn(&Person) -> f32| self.person(id).map(f);
        match r {
            Require::InGroup(id) => self.with_group(*id),
            Require::NotInGroup(id) => !self.with_group(*id),
            Require::NotTold(id) => told(id).is_none(),
            Require::Stages(s) => s.contains(&self.stage),
            Require::Months(from, to) => crate::levels::pool::in_months(self.month, *from, *to),
            Require::Weather(kinds) => kinds.contains(&self.weather),
            Require::Ground(kinds) => kinds.contains(&self.ground),
            Require::ColderThan(c) => self.air_c < *c,
            Require::WarmerThan(c) => self.air_c > *c,
            Require::FoodBelow(d) => self.food_days() < *d,
            Require::FoodAbove(d) => self.food_days() > *d,
            Require::WaterBelow(l) => self.water_l < *l,
            Require::WaterAbove(l) => self.water_l > *l,
            Require::WoodBelow(n) => self.wood < *n,
            Require::TrustBelow(id, x) => mind(*id, |p| p.trust).is_some_and(|t| t < *x),
            Require::TrustAbove(id, x) => mind(*id, |p| p.trust).is_some_and(|t| t > *x),
            Require::MoraleBelow(id, x) => mind(*id, |p| p.morale).is_some_and(|m| m < *x),
            Require::MoraleAbove(id, x) => mind(*id, |p| p.morale).is_some_and(|m| m > *x),
            Require::GroupMoraleBelow(x) => {
                let (sum, n) =
                    self.people.iter().filter(|p| p.with_group).fold((0.0, 0), |(s, n), p| (s + p.morale, n + 1));
                n > 0 && sum / (n as f32) < *x
            }
            Require::Told(id) => told(id).is_some(),
            Require::Chose(id, label) => log.0.iter().any(|e| e.id == *id && e.chose.as_ref() == Some(label)),
            Require::DaysSince(id, days) => told(id).is_some_and(|e| self.day >= e.day + days),
            Require::Hunted => self.hunted,
            Require::AtNight => self.night,
            Require::ByDay => !self.night,
            Require::AtFire => self.at_fire,
            Require::GroupAtLeast(n) => self.people.iter().filter(|p| p.walking).count() as u32 >= *n,
        }
    }

    pub fn all_hold(&self, rs: &[Require], log: &StoryLog) -> bool {
        rs.iter().all(|r| self.holds(r, log))
    }
}

/// What it takes to see the [`Situation`].
#[derive(bevy::ecs::system::SystemParam)]
pub struct Circumstances<'w, 's> {
    stage: Res<'w, State<Stage>>,
    scale: Option<Res<'w, State<Scale>>>,
    clock: Res<'w, GameClock>,
    weather: Res<'w, Weather>,
    supplies: Res<'w, Supplies>,
    pursuit: Option<Res<'w, Pursuit>>,
    march: Res<'w, March>,
    level: Res<'w, CurrentLevel>,
    map: Res<'w, StageMap>,
    leader: Query<'w, 's, &'static Position, With<Leader>>,
    fires: Query<'w, 's, (&'static Position, &'static crate::sim::model::supplies::Fire)>,
    people: Query<'w, 's, (&'static Member, &'static Status, Option<&'static Mind>)>,
}

impl Circumstances<'_, '_> {
    pub fn now(&self) -> Situation {
        let marching =
            self.scale.as_ref().is_some_and(|s| *s.get() == Scale::March) && !self.march.is_camped_off_the_route();
        let ground = match (&self.level.0.route, marching) {
            (Some(route), true) => route.stretch_at(self.march.km).1,
            _ => self.leader.single().map_or(Terrain::Grass, |p| self.map.terrain_at(p.0)),
        };
        Situation {
            stage: *self.stage.get(),
            day: self.clock.day(),
            month: self.clock.date().month,
            night: self.clock.is_night(),
            weather: self.weather.kind,
            air_c: self.weather.air_c,
            ground,
            rations: self.supplies.rations,
            water_l: self.supplies.water_l,
            wood: self.supplies.wood,
            hunted: self.pursuit.as_ref().is_some_and(|p| p.is_on()),
            at_fire: self
                .leader
                .single()
                .is_ok_and(|lead| self.fires.iter().any(|(p, f)| f.burning() && p.0.distance(lead.0) < FIRESIDE_TILES)),
            people: self
                .people
                .iter()
                .map(|(m, s, mind)| Person {
                    id: m.0,
                    with_group: in_group(*s),
                    walking: *s == Status::Walking,
                    morale: mind.map_or(1.0, |m| m.morale),
                    trust: mind.map_or(1.0, |m| m.trust),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::journey::story::StoryEntry;

    fn now() -> Situation {
        let person = |id, morale, trust| Person { id, with_group: true, walking: true, morale, trust };
        Situation {
            stage: Stage::Gobi,
            day: 140,
            month: 6,
            night: false,
            weather: WeatherKind::Heatwave,
            air_c: 38.0,
            ground: Terrain::Dune,
            rations: 21.0,
            water_l: 6.0,
            at_fire: false,
            wood: 0,
            hunted: false,
            people: vec![
                person(MemberId::Janusz, 1.0, 1.0),
                person(MemberId::Irena, 0.3, 0.7),
                Person { with_group: false, walking: false, ..person(MemberId::Valka, 0.9, 0.9) },
            ],
        }
    }

    fn told(id: &str, day: u32, choice: Option<(&str, &str)>) -> StoryEntry {
        StoryEntry {
            id: id.into(),
            stage: Stage::Baikal,
            day,
            subject: None,
            speaker: None,
            title: String::new(),
            text: String::new(),
            choice: choice.map(|(read, _)| read.into()),
            chose: choice.map(|(_, key)| key.into()),
            reply: None,
            worked: None,
            buried: false,
        }
    }

    #[test]
    fn an_event_asks_about_the_season_the_supplies_the_people_and_the_past() {
        let (now, log) =
            (now(), StoryLog(vec![told("irena", 100, Some(("Let her in (a good chance)", "Let her in")))]));
        let yes = [
            Require::Months(5, 8),
            Require::Months(11, 6),
            Require::FoodBelow(11.0),
            Require::WaterBelow(8.0),
            Require::WarmerThan(35.0),
            Require::Ground(vec![Terrain::Dune, Terrain::Sand]),
            Require::InGroup(MemberId::Irena),
            Require::NotInGroup(MemberId::Valka),
            Require::MoraleBelow(MemberId::Irena, 0.5),
            Require::Chose("irena".into(), "Let her in".into()),
            Require::DaysSince("irena".into(), 40),
            Require::GroupAtLeast(2),
            Require::ByDay,
        ];
        for r in &yes {
            assert!(now.holds(r, &log), "{r:?}");
        }
        let no = [
            Require::Months(7, 12),
            Require::FoodAbove(11.0),
            Require::TrustAbove(MemberId::Irena, 0.8),
            Require::TrustAbove(MemberId::Valka, 0.5),
            Require::Chose("irena".into(), "Turn her away".into()),
            Require::DaysSince("irena".into(), 41),
            Require::Told("the_stream".into()),
            Require::NotTold("irena".into()),
            Require::GroupAtLeast(3),
            Require::Hunted,
        ];
        for r in &no {
            assert!(!now.holds(r, &log), "{r:?}");
        }
        // 21 rations for the two with the group (Valka is not).
        assert_eq!(now.food_days(), 10.5);
    }
}
