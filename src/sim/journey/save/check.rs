//! Whether a saved journey holds what a journey can: every value of a save that parsed, by
//! field, against the levels it is resumed with.

use crate::levels::{Levels, MemberId};
use crate::sim::journey::off_the_route::GROUND_SIZE;
use crate::sim::journey::save::{MAX_SAVED_MINUTES, Save};
use crate::sim::model::journal::MAX_JOURNAL_ENTRIES;
use crate::sim::model::party::Status;
use crate::sim::model::route::Spot;
use crate::states::Scale;

impl Save {
    /// The save with every value checked against what a journey on these levels can hold.
    pub fn checked(mut self, levels: &Levels) -> Result<Save, String> {
        let finite = |what: &str, v: f32, lo: f32, hi: f32| -> Result<(), String> {
            if v.is_finite() && (lo..=hi).contains(&v) {
                Ok(())
            } else {
                Err(format!("{what} is {v}, not {lo} to {hi}"))
            }
        };
        let at_most = |what: &str, n: usize, max: usize| -> Result<(), String> {
            if n <= max { Ok(()) } else { Err(format!("{what} has {n} entries, at most {max}")) }
        };
        if self.clock.minutes > MAX_SAVED_MINUTES {
            return Err(format!("clock.minutes is {}, past a thousand days", self.clock.minutes));
        }
        let level = levels.get(self.stage);
        // The party: at most everyone once, Janusz among them and still leading.
        at_most("members", self.members.len(), MemberId::ALL.len())?;
        let mut seen = Vec::new();
        for m in &self.members {
            if seen.contains(&m.id) {
                return Err(format!("members: {:?} is there twice", m.id));
            }
            seen.push(m.id);
        }
        match self.members.iter().find(|m| m.id == MemberId::Janusz) {
            None => return Err("members: Janusz is not in the party".into()),
            Some(j) if !matches!(j.status, Status::Walking | Status::GivenUp) => {
                return Err(format!("members: Janusz is {:?}, and the journey would have ended", j.status));
            }
            Some(_) => {}
        }
        for m in &mut self.members {
            if let Some(v) = &mut m.vitals {
                let who = format!("members.{:?}.vitals", m.id);
                finite(&format!("{who}.core_c"), v.core_c, 10.0, 47.0)?;
                finite(&format!("{who}.water_deficit_l"), v.water_deficit_l, 0.0, 60.0)?;
                finite(&format!("{who}.fatigue"), v.fatigue, 0.0, 1.0)?;
                finite(&format!("{who}.short_kcal"), v.short_kcal, 0.0, 1e6)?;
                finite(&format!("{who}.spent_h"), v.spent_h, 0.0, 1e5)?;
                finite(&format!("{who}.frost_hours"), v.frost_hours, 0.0, 1e5)?;
                finite(&format!("{who}.uv_dose"), v.uv_dose, 0.0, 1e5)?;
                finite(&format!("{who}.hot_sand_hours"), v.hot_sand_hours, 0.0, 1e5)?;
                finite(&format!("{who}.feels_like_c"), v.feels_like_c, -120.0, 120.0)?;
            }
            if let Some(mind) = &mut m.mind {
                let who = format!("members.{:?}.mind", m.id);
                finite(&format!("{who}.morale"), mind.morale, -0.5, 1.5)?;
                finite(&format!("{who}.trust"), mind.trust, -0.5, 1.5)?;
                mind.morale = mind.morale.clamp(0.0, 1.0);
                mind.trust = mind.trust.clamp(0.0, 1.0);
            }
            if let Some(gear) = &mut m.gear {
                let who = format!("members.{:?}.gear", m.id);
                finite(&format!("{who}.boots"), gear.boots, 0.0, 1.0)?;
                finite(&format!("{who}.clothes"), gear.clothes, 0.0, 1.0)?;
            }
        }
        at_most("fates", self.fates.len(), MemberId::ALL.len())?;
        // What the group carries.
        let s = &mut self.supplies;
        finite("supplies.capacity_l", s.capacity_l, 0.0, 200.0)?;
        finite("supplies.water_l", s.water_l, 0.0, 200.0)?;
        s.water_l = s.water_l.min(s.capacity_l);
        finite("supplies.rations", s.rations, 0.0, 100_000.0)?;
        let p = &self.pursuit;
        finite("pursuit.hunt", p.hunt, 0.0, 100.0)?;
        finite("pursuit.guards_km", p.guards_km, -1e5, 1e5)?;
        if s.wood > 10_000 {
            return Err(format!("supplies.wood is {}, more than anyone could carry", s.wood));
        }
        // The air.
        let w = &self.weather;
        finite("weather.air_c", w.air_c, -90.0, 70.0)?;
        finite("weather.wind_kmh", w.wind_kmh, 0.0, 500.0)?;
        finite("weather.humidity_pct", w.humidity_pct, 0.0, 100.0)?;
        finite("weather.sun", w.sun, 0.0, 1.0)?;
        finite("weather.sight_tiles", w.sight_tiles, 0.0, 10_000.0)?;
        // The way: stages walked before this one, the march along this one, the trail.
        let done = self.stage.index() + usize::from(self.camp.is_some());
        at_most("stages", self.stages.len(), done)?;
        for r in &self.stages {
            finite("stages.km", r.km, 0.0, 20_000.0)?;
            finite("stages.route_km", r.route_km, 0.0, 20_000.0)?;
        }
        finite("odometer", self.odometer.0, 0.0, 100_000.0)?;
        if let Some(km) = self.gear_worn_to_km {
            finite("gear_worn_to_km", km, 0.0, 100_000.0)?;
        }
        // Metres on a stage's map or along its route.
        finite("foraged.at.x", self.foraged.at.x, -1.0e8, 1.0e8)?;
        finite("foraged.at.y", self.foraged.at.y, -1.0e8, 1.0e8)?;
        let route_km = level.route_km().max(0.0);
        finite("march.km", self.march.km, 0.0, route_km * 3.0 + 100.0)?;
        finite("march.scene_km", self.march.scene_km, 0.0, route_km * 3.0 + 100.0)?;
        if let Some(down) = self.march.down_at {
            finite("march.down_at", down, 0.0, route_km * 3.0 + 100.0)?;
        }
        let forks = level.route.as_ref().map_or(0, |r| r.forks.len());
        at_most("march.roads", self.march.roads.len(), forks)?;
        if self.march.guests_until.is_some_and(|t| t > MAX_SAVED_MINUTES) {
            return Err("march.guests_until is past a thousand days".into());
        }
        if self.halt.0 > MAX_SAVED_MINUTES {
            return Err("halt is past a thousand days".into());
        }
        if self.scale == Scale::March && level.route.is_none() {
            return Err(format!("scale is March, and the {} has no march", self.stage.name()));
        }
        // The trail, sampled every hour; where people were lost.
        at_most("walked", self.walked.len(), (MAX_SAVED_MINUTES / 60) as usize + 1000)?;
        at_most("story", self.story.len(), 100_000)?;
        at_most("journal", self.journal.len(), MAX_JOURNAL_ENTRIES)?;
        let spot = |what: &str, s: &Spot| {
            finite(&format!("{what}.along"), s.along, -1.0, 2.0)?;
            finite(&format!("{what}.aside"), s.aside, -1.0, 1.0)
        };
        for s in &self.walked {
            spot("walked", s)?;
        }
        at_most("fate_places", self.fate_places.len(), MemberId::ALL.len())?;
        for (_, s) in &self.fate_places {
            spot("fate_places", s)?;
        }
        // The camp: everyone on this stage's map, fires with fuel a fire can hold.
        if let Some(camp) = &self.camp {
            // Down off the route, the camp is on the ground laid there, not on the stage's map.
            let size = if self.march.down_at.is_some() { GROUND_SIZE } else { level.size };
            let (w, h) = (size.0 as f32, size.1 as f32);
            let on_map = |what: &str, (x, y): (f32, f32)| {
                finite(&format!("{what}.x"), x, 0.0, w)?;
                finite(&format!("{what}.y"), y, 0.0, h)
            };
            at_most("camp.positions", camp.positions.len(), MemberId::ALL.len())?;
            for (id, p) in &camp.positions {
                on_map(&format!("camp.positions.{id:?}"), *p)?;
            }
            at_most("camp.fires", camp.fires.len(), 100)?;
            for (p, fuel) in &camp.fires {
                on_map("camp.fires", *p)?;
                finite("camp.fires.fuel_h", *fuel, 0.0, 1000.0)?;
            }
            at_most("camp.strangers", camp.strangers.len(), 100)?;
            for (_, p, _) in &camp.strangers {
                on_map("camp.strangers", *p)?;
            }
            if camp.nights > 1000 {
                return Err(format!("camp.nights is {}", camp.nights));
            }
        }
        Ok(self)
    }
}
