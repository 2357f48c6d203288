//! Where the journey went: the leader's way sampled every hour, and where each member's road
//! ended, as spots along the stages.

use std::collections::HashMap;

use bevy::prelude::*;
use serde::Serialize;

use crate::levels::MemberId;
use crate::sim::world::StageMap;
use crate::sim::world::map::progress;
use crate::states::Stage;

/// Where on a stage someone was: how far along it (0 entry, 1 way out) and how far to the side
/// of the straight line, as a share of the stage's length (left positive, right negative).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct Spot {
    pub stage: Stage,
    pub along: f32,
    pub aside: f32,
}

/// The leader's way, sampled every in-game hour.
#[derive(Resource, Debug, Clone, Default)]
pub struct Walked(pub Vec<Spot>);

/// Where each member's road ended.
#[derive(Resource, Debug, Clone, Default)]
pub struct FatePlaces(pub HashMap<MemberId, Spot>);

pub fn spot_of(map: &StageMap, stage: Stage, pos: Vec2) -> Spot {
    let entry = map.entry.as_vec2();
    let exit = map.exit_centre().as_vec2();
    let line = exit - entry;
    let len = line.length().max(1.0);
    let aside = line.perp_dot(pos - entry) / (len * len);
    Spot { stage, along: progress(map, pos), aside: aside.clamp(-0.5, 0.5) }
}
