//! The camp's night watch: searchlights sweeping the yard from the towers and sentries walking
//! the wire, and what they can see through the weather.

use bevy::prelude::*;

use crate::levels::WeatherKind;

/// How far a tower's lamp lights the snow in clear air, tiles (25 m each): about 650 m. The
/// camps' towers carried lamps of a few hundred watts, not army searchlights; a yard lamp of
/// that size lights a man at a few hundred metres (an estimate: no camp's lamp is on record).
pub const BEAM_REACH_TILES: f32 = 26.0;
/// Half the width of a beam, radians (7°): a lamp's spot, not a floodlight.
pub const BEAM_HALF_WIDTH: f32 = 0.12;
/// Half the arc a beam sweeps to and fro over the yard, radians (50° each way of the yard's
/// middle, so two towers' arcs cross).
pub const HALF_SWEEP: f32 = 0.87;
/// Tiles a minute a sentry walks his stretch of the wire: 1.8 km/h, a patrol's stroll.
pub const SENTRY_TILES_PER_MIN: f32 = 1.2;
/// The nearest a sentry in the dark makes out a man: the night's sight, never more than this,
/// tiles (100 m by a lit wire).
pub const SENTRY_SIGHT_TILES: f32 = 4.0;
/// Chance an hour's worth of a tower's rifle fire hits someone held in its light: a rifleman
/// on a tower at two or three hundred metres, at night, into a storm (an estimate). Taken a
/// minute at a time.
pub const TOWER_HITS_PER_H: f32 = 3.0;
/// The same for a sentry on the wire, at a few tens of metres.
pub const SENTRY_HITS_PER_H: f32 = 12.0;
/// Km of the head start the group has when the alarm is raised at the wire instead of at the
/// morning count: the dogs are put on the trail at once.
pub const HEAD_START_RAISED_KM: f32 = 2.0;

/// How much of a beam's reach the weather leaves: in a blizzard "the tower lights are only
/// glows" (the camp's story); falling snow scatters it too.
pub fn glow(kind: WeatherKind) -> f32 {
    match kind {
        WeatherKind::Clear | WeatherKind::Heatwave => 1.0,
        WeatherKind::Overcast => 0.9,
        WeatherKind::Snowfall => 0.6,
        WeatherKind::Blizzard | WeatherKind::Sandstorm => 0.4,
    }
}

/// A lamp on a watchtower, sweeping its arc of the yard.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Searchlight {
    /// Where the tower stands, tiles.
    pub at: Vec2,
    /// The middle of its arc, radians.
    pub centre: f32,
    /// Minutes for one sweep there and back.
    pub period_min: f32,
    /// Where in its sweep it started, radians.
    pub phase: f32,
    /// Where it points now, radians.
    pub angle: f32,
    /// How far it lights now, tiles (0 by day, when the lamps are out).
    pub reach: f32,
}

impl Searchlight {
    /// Where the beam points at a minute of the clock.
    pub fn angle_at(&self, minute: f32) -> f32 {
        self.centre + HALF_SWEEP * (std::f32::consts::TAU * minute / self.period_min + self.phase).sin()
    }

    /// Whether a spot is in the beam pointing at `angle` with this reach.
    pub fn lights(&self, angle: f32, reach: f32, spot: Vec2) -> bool {
        let d = spot - self.at;
        let far = d.length();
        // The foot of the tower is in its own shadow.
        if far > reach || far < 1.0 {
            return false;
        }
        let off =
            (d.to_angle() - angle + std::f32::consts::PI).rem_euclid(std::f32::consts::TAU) - std::f32::consts::PI;
        off.abs() <= BEAM_HALF_WIDTH
    }

    /// Whether a spot is lit now.
    pub fn lit(&self, spot: Vec2) -> bool {
        self.lights(self.angle, self.reach, spot)
    }
}

/// A guard walking the wire, round and round its rectangle.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Sentry {
    /// The corners of the round he walks (a tile outside the wire), tiles.
    pub min: Vec2,
    pub max: Vec2,
    /// How far round it he is, tiles from `min` along the bottom edge first.
    pub along: f32,
    /// +1 or -1: which way round.
    pub dir: f32,
    /// How far he sees now, tiles.
    pub sight: f32,
}

impl Sentry {
    /// Length of the round, tiles.
    pub fn round(&self) -> f32 {
        let s = self.max - self.min;
        2.0 * (s.x + s.y)
    }

    /// Where he is on his round.
    pub fn position(&self) -> Vec2 {
        let s = self.max - self.min;
        let a = self.along.rem_euclid(self.round());
        if a < s.x {
            self.min + Vec2::new(a, 0.0)
        } else if a < s.x + s.y {
            Vec2::new(self.max.x, self.min.y + a - s.x)
        } else if a < 2.0 * s.x + s.y {
            Vec2::new(self.max.x - (a - s.x - s.y), self.max.y)
        } else {
            Vec2::new(self.min.x, self.max.y - (a - 2.0 * s.x - s.y))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lamp() -> Searchlight {
        Searchlight { at: Vec2::ZERO, centre: 0.0, period_min: 12.0, phase: 0.0, angle: 0.0, reach: 20.0 }
    }

    #[test]
    fn a_beam_lights_a_narrow_spot_and_no_further_than_its_reach() {
        let l = lamp();
        assert!(l.lit(Vec2::new(10.0, 0.0)));
        // 7° either side: at 10 tiles a little over one tile.
        assert!(l.lit(Vec2::new(10.0, 1.1)));
        assert!(!l.lit(Vec2::new(10.0, 1.5)));
        assert!(!l.lit(Vec2::new(21.0, 0.0)));
        assert!(!l.lit(Vec2::new(-10.0, 0.0)));
    }

    #[test]
    fn a_beam_sweeps_its_arc_and_comes_back() {
        let l = lamp();
        assert!((l.angle_at(0.0)).abs() < 1e-5);
        assert!((l.angle_at(3.0) - HALF_SWEEP).abs() < 1e-4);
        assert!((l.angle_at(9.0) + HALF_SWEEP).abs() < 1e-4);
        assert!((l.angle_at(12.0)).abs() < 1e-4);
    }

    #[test]
    fn the_storm_hides_the_yard_from_the_lamps() {
        let mut l = lamp();
        let spot = Vec2::new(15.0, 0.0);
        l.reach = BEAM_REACH_TILES * glow(WeatherKind::Clear);
        assert!(l.lit(spot));
        l.reach = BEAM_REACH_TILES * glow(WeatherKind::Blizzard);
        assert!(!l.lit(spot), "in a blizzard the lamps are only glows");
    }

    #[test]
    fn a_sentry_walks_round_the_wire() {
        let mut s = Sentry { min: Vec2::ZERO, max: Vec2::new(10.0, 5.0), along: 0.0, dir: 1.0, sight: 2.0 };
        assert_eq!(s.round(), 30.0);
        s.along = 12.0;
        assert_eq!(s.position(), Vec2::new(10.0, 2.0));
        s.along = 20.0;
        assert_eq!(s.position(), Vec2::new(5.0, 5.0));
        s.along = 28.0;
        assert_eq!(s.position(), Vec2::new(0.0, 2.0));
        s.along = -2.0;
        assert_eq!(s.position(), Vec2::new(0.0, 2.0));
    }
}
