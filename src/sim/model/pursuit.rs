//! The hunt after the escape: guards and dogs on the group's trail for the first days, until
//! the trail goes cold (docs/research/survival.md, section 8).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

/// How hard the hunt is pressed when the gap in the wire is found: the research's meter.
pub const HUNT_AT_THE_ESCAPE: f32 = 100.0;
/// Below this the guards give the trail up and go back.
pub const HUNT_GIVEN_UP: f32 = 15.0;
/// Km of trail the group has made before the gap is found at the morning count.
pub const HEAD_START_KM: f32 = 12.0;
/// Km an hour guards with dogs follow a fresh trail through the same snow the group broke
/// (FM 21-18's 2.4–2.6 km/h cross-country, a little more on a trodden trail), slower as the
/// trail grows uncertain.
pub const GUARDS_KMH: f32 = 3.0;

/// The guards on the group's trail.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Pursuit {
    /// Whether the hunt has begun (it begins once, at the escape).
    pub begun: bool,
    /// How hard it is pressed, 0 (over) to 100.
    pub hunt: f32,
    /// How far along the group's trail (its odometer) the guards have come, km.
    pub guards_km: f32,
    /// The watch saw the group go: the camp was woken at the wire, not at the morning count.
    #[serde(default)]
    pub alarm: bool,
}

impl Pursuit {
    pub fn is_on(&self) -> bool {
        self.begun && self.hunt >= HUNT_GIVEN_UP
    }

    /// Km of trail between the guards and the group, which has walked `trail_km`.
    pub fn gap_km(&self, trail_km: f32) -> f32 {
        trail_km - self.guards_km
    }
}
