//! The ground under each walker, as the body feels it: what kind of land, how much of the wind
//! it keeps off, and how high it is. A scene reads it off its tilemap; the march off the land
//! along the route. The rules read only this, so they run the same on both scales.

use bevy::prelude::*;

use crate::levels::Terrain;

#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Ground {
    pub terrain: Terrain,
    /// Share of the wind kept off, 0 to 1.
    pub shelter: f32,
    /// Height above the stage's lowest ground, metres.
    pub elevation_m: f32,
}

impl Default for Ground {
    fn default() -> Self {
        Ground { terrain: Terrain::Grass, shelter: 0.0, elevation_m: 0.0 }
    }
}
