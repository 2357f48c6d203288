//! Resuming a saved journey: the party, the camp and the world's state put back in place of
//! a new journey's, once the stage it was saved in is entered again.

use bevy::prelude::*;

use crate::sim::journey::story::{Greeted, StageNights, StoryLog, StrangerAt};
use crate::sim::model::body::Vitals;
use crate::sim::model::clock::GameClock;
use crate::sim::model::gear::WornTo;
use crate::sim::model::group::Resting;
use crate::sim::model::journal::Journal;
use crate::sim::model::march::March;
use crate::sim::model::party::{Fates, Member, Position};
use crate::sim::model::route::{FatePlaces, Walked};
use crate::sim::model::seed::{RunSeed, SimRng};
use crate::sim::model::stage::{StageLog, StartStage};
use crate::sim::model::supplies::Fire;
use crate::sim::world::StageMap;
use crate::states::{Scale, Stage};

use crate::sim::journey::save::{CampSave, ResumeFrom};

/// Puts the saved journey back in place of a new one: runs after the journey's start has set
/// up a fresh party, and replaces it; the journey then enters the saved stage directly.
pub(super) fn resume(
    mut commands: Commands,
    resume: Option<Res<ResumeFrom>>,
    members: Query<Entity, With<Member>>,
    mut next_stage: ResMut<NextState<Stage>>,
) {
    let Some(resume) = resume else { return };
    let save = &resume.0;
    for e in &members {
        commands.entity(e).despawn();
    }
    for m in &save.members {
        let entity = crate::sim::journey::spawn_member(&mut commands, m.id, Vec2::ZERO);
        commands.entity(entity).insert(m.status);
        if let Some(v) = m.vitals {
            commands.entity(entity).insert(v);
        }
        if let Some(mind) = m.mind {
            commands.entity(entity).insert(mind);
        }
        if let Some(gear) = m.gear {
            commands.entity(entity).insert(gear);
        }
    }
    commands.insert_resource(RunSeed(save.seed));
    commands.insert_resource(SimRng(save.rng.clone()));
    commands.insert_resource(save.clock);
    commands.insert_resource(save.weather.clone());
    commands.insert_resource(save.supplies.clone());
    commands.insert_resource(save.pace);
    commands.insert_resource(save.halt);
    commands.insert_resource(save.odometer);
    commands.insert_resource(WornTo(save.gear_worn_to_km.unwrap_or(save.odometer.0)));
    commands.insert_resource(save.foraged);
    commands.insert_resource(save.difficulty);
    commands.insert_resource(save.orders);
    commands.insert_resource(save.rations);
    commands.insert_resource(save.pursuit);
    commands.insert_resource(Fates(save.fates.clone()));
    commands.insert_resource(StageLog(save.stages.clone()));
    commands.insert_resource(StoryLog(save.story.clone()));
    commands.insert_resource(Walked(save.walked.clone()));
    commands.insert_resource(FatePlaces(save.fate_places.iter().copied().collect()));
    commands.insert_resource(StartStage(save.stage));
    commands.insert_resource(Journal(save.journal.clone()));
    next_stage.set(save.stage);
}

/// Once the saved stage is entered, the resumed journey is an ordinary one again.
pub(crate) fn finish_resuming(
    mut commands: Commands,
    resume: Option<Res<ResumeFrom>>,
    stage: Res<State<Stage>>,
    mut log: ResMut<StageLog>,
    mut members: Query<(&Member, &mut Position), Without<StrangerAt>>,
    strangers: Query<(Entity, &StrangerAt, &mut Position), Without<Member>>,
    mut nights: ResMut<StageNights>,
    mut resting: ResMut<Resting>,
    mut march: ResMut<March>,
    mut next_scale: ResMut<NextState<Scale>>,
    mut bodies: Query<(&Member, &mut Vitals)>,
    map: Res<StageMap>,
) {
    let Some(resume) = resume else { return };
    if *stage.get() != resume.0.stage {
        return;
    }
    let walked = resume.0.stages.len();
    if let Some(camp) = resume.0.camp.as_ref() {
        // The stage's record is the saved one, not this second entering.
        if log.0.len() > walked {
            log.0.pop();
        }
        // Saved down off the route, the places are on the ground, which is laid again after
        // this (`off_the_route::resume_the_route`) with the places kept: not this map's to judge.
        let ground = if resume.0.march.down_at.is_none() { Some(&*map) } else { None };
        put_back_camp(&mut commands, camp, *stage.get(), ground, &mut members, strangers, &mut nights, &resume.0.clock);
        resting.0 = true;
        // Back where the march (or the scene) was.
        *march = resume.0.march.clone();
        next_scale.set(resume.0.scale);
    }
    // Entering the stage again ran its setup: the air drawn anew from the dice, the stage's
    // strangers placed, the monks' care given. The dice, the air, the stores and the bodies are
    // as they were when the save was written.
    let save = &resume.0;
    commands.insert_resource(SimRng(save.rng.clone()));
    commands.insert_resource(save.weather.clone());
    commands.insert_resource(save.supplies.clone());
    for (member, mut vitals) in &mut bodies {
        if let Some(v) = save.members.iter().find(|m| m.id == member.0).and_then(|m| m.vitals) {
            *vitals = v;
        }
    }
    commands.remove_resource::<ResumeFrom>();
    commands.insert_resource(StartStage(Stage::Camp));
}

fn put_back_camp(
    commands: &mut Commands,
    camp: &CampSave,
    stage: Stage,
    map: Option<&StageMap>,
    members: &mut Query<(&Member, &mut Position), Without<StrangerAt>>,
    mut strangers: Query<(Entity, &StrangerAt, &mut Position), Without<Member>>,
    nights: &mut StageNights,
    clock: &GameClock,
) {
    let at = |(x, y): (f32, f32)| Vec2::new(x, y);
    for (m, mut pos) in members.iter_mut() {
        if let Some((_, p)) = camp.positions.iter().find(|(id, _)| *id == m.0) {
            pos.0 = map.map_or(at(*p), |map| on_firm_ground(map, at(*p)));
        }
    }
    for (place, fuel_h) in &camp.fires {
        let shelter = map.map_or(0.0, |m| crate::sim::world::shelter_at(m, at(*place)));
        let fire = Fire { fuel_h: *fuel_h, shelter, melting: false };
        commands.spawn((Name::new("Fire"), fire, Position(at(*place)), DespawnOnExit(stage)));
    }
    for (e, s, mut pos) in &mut strangers {
        match camp.strangers.iter().find(|(who, ..)| *who == s.0) {
            Some((_, p, greeted)) => {
                pos.0 = at(*p);
                if *greeted {
                    commands.entity(e).insert(Greeted);
                }
            }
            // Met and gone on with the group (or turned away) before the camp.
            None => commands.entity(e).despawn(),
        }
    }
    *nights = StageNights::resumed(camp.nights, clock);
}

/// Where someone saved at `p` stands on the map as it was made again: there, if it is ground
/// one can stand on; else the nearest such tile's middle (the map, or the save, was changed
/// since: a save checked by [`Save::checked`] is on the map, not always on firm ground).
fn on_firm_ground(map: &StageMap, p: Vec2) -> Vec2 {
    let (x, y) = (p.x.floor() as i32, p.y.floor() as i32);
    if map.contains(x, y) && map.get(x, y).props().walkable {
        return p;
    }
    let mut best: Option<(f32, Vec2)> = None;
    for ty in 0..map.height {
        for tx in 0..map.width {
            if map.walkable(UVec2::new(tx, ty)) {
                let c = Vec2::new(tx as f32 + 0.5, ty as f32 + 0.5);
                let d = c.distance_squared(p);
                if best.is_none_or(|(b, _)| d < b) {
                    best = Some((d, c));
                }
            }
        }
    }
    let moved = best.map_or(p, |(_, c)| c);
    warn!("a saved place ({}, {}) is not firm ground on this map; put at ({}, {})", p.x, p.y, moved.x, moved.y);
    moved
}
