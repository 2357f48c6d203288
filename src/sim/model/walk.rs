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

/// Tiles a walker covers in one minute on this terrain, at this height.
pub fn tiles_per_minute(tile_m: f32, move_cost: f32, altitude_m: f32) -> f32 {
    WALK_KMH * altitude_walk_factor(altitude_m) * 1000.0 / 60.0 / tile_m / move_cost.max(0.1)
}

/// Height above which thin air slows a walker, m.
const THIN_AIR_FROM_M: f32 = 1500.0;

/// The share of a lowlander's walking speed left at this height. Aerobic power falls about
/// 10 % for every 1,000 m above 1,500 m (Buskirk et al., J Appl Physiol 23:259, 1967: 3.2 %
/// per 1,000 ft above 5,000 ft; the rule of thumb the ACSM teaches), and a walker on a long day
/// holds a fixed share of it, so the pace falls with it: about 0.7 at 4,500 m, 0.63 on the
/// Tanggula's 5,230 m. Acclimatisation gives back a little of it; a starving party gets little.
pub fn altitude_walk_factor(altitude_m: f32) -> f32 {
    (1.0 - 0.10 * (altitude_m - THIN_AIR_FROM_M).max(0.0) / 1000.0).clamp(0.5, 1.0)
}

/// Hours a climb adds to every km walked: Naismith's rule, an hour for every 2,000 ft
/// (610 m) of ascent on top of the time for the distance (W. W. Naismith, Scottish
/// Mountaineering Club Journal, 1892). Going down is taken as level going.
pub fn climb_h_per_km(rise_m_per_km: f32) -> f32 {
    rise_m_per_km.max(0.0) / 610.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thin_air_slows_the_walk_as_buskirk_measured() {
        // Up to 1,500 m nothing is lost.
        assert_eq!(altitude_walk_factor(0.0), 1.0);
        assert_eq!(altitude_walk_factor(1500.0), 1.0);
        // About 10 % for each 1,000 m above it: Lhasa's 3,650 m, the plateau's 4,500 m, the
        // Tanggula pass at 5,230 m.
        assert!((altitude_walk_factor(3650.0) - 0.785).abs() < 0.005);
        assert!((altitude_walk_factor(4500.0) - 0.70).abs() < 0.005);
        assert!((altitude_walk_factor(5230.0) - 0.627).abs() < 0.005);
        // Buskirk's own figure: 3.2 % for each 1,000 ft above 5,000 ft.
        let per_1000_ft = altitude_walk_factor(1524.0 + 304.8) - altitude_walk_factor(1524.0 + 2.0 * 304.8);
        assert!((per_1000_ft - 0.032).abs() < 0.002, "{per_1000_ft}");
    }

    #[test]
    fn naismith_adds_an_hour_for_every_610_m_climbed() {
        assert_eq!(climb_h_per_km(0.0), 0.0);
        assert_eq!(climb_h_per_km(-200.0), 0.0, "going down is level going");
        assert!((climb_h_per_km(610.0) - 1.0).abs() < 1e-6);
        // Tiles a minute shrink with the height as the km an hour do.
        let low = tiles_per_minute(50.0, 1.0, 500.0);
        let high = tiles_per_minute(50.0, 1.0, 4500.0);
        assert!((high / low - 0.7).abs() < 0.005);
    }
}
