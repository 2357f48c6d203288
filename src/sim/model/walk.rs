//! Walking: the leader's route and input, the trail the others follow, the distance walked,
//! and how fast a walker goes on a kind of ground.

use std::collections::VecDeque;

use bevy::prelude::*;

use crate::sim::model::party::WALK_KMH;

/// Waypoints (tile centres) the leader walks to, in order.
#[derive(Component, Debug, Clone, Default)]
pub struct Route(pub VecDeque<Vec2>);

/// The direction the player pushes the leader in; zero when no key is held. Overrides the
/// route while held.
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct MoveInput(pub Vec2);

/// Where the leader has walked, newest first: the followers walk it too, so they go around
/// whatever the leader went around.
#[derive(Resource, Debug, Clone, Default)]
pub struct Trail(pub VecDeque<Vec2>);

/// How far the leader has walked on the whole journey, km.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Odometer(pub f32);

pub const TRAIL_STEP: f32 = 0.35;
pub const TRAIL_LEN: usize = 256;
/// Gap along the trail between one walker and the next, tiles.
pub const SPACING: f32 = 0.9;

impl Trail {
    /// The point `distance` tiles back along the trail, and the direction walked there.
    pub fn behind(&self, distance: f32) -> Option<(Vec2, Vec2)> {
        let mut left = distance;
        let mut points = self.0.iter();
        let mut newer = *points.next()?;
        for &older in points {
            let seg = newer.distance(older);
            if seg >= left && seg > 0.0 {
                let p = newer.lerp(older, left / seg);
                return Some((p, (newer - older) / seg));
            }
            left -= seg;
            newer = older;
        }
        Some((newer, Vec2::ZERO))
    }
}

/// Tiles a walker covers in one minute on this terrain.
pub fn tiles_per_minute(tile_m: f32, move_cost: f32) -> f32 {
    WALK_KMH * 1000.0 / 60.0 / tile_m / move_cost.max(0.1)
}
