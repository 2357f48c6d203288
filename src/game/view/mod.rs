//! The world on screen: the camera, the map, the party, night and weather.

pub mod camera;
pub mod canvas;
pub mod ground;
pub mod map;
pub mod march;
pub mod night;
pub mod party;
pub mod sight;
pub mod tileset;
pub mod tracks;
pub mod veil;
pub mod weather_fx;
