//! What the rules share: components, resources and messages, with the thresholds and rates
//! that more than one reader needs. No systems but the clock's tick.

pub mod air;
pub mod body;
pub mod clock;
pub mod food;
pub mod gear;
pub mod ground;
pub mod group;
pub mod hardship;
pub mod journal;
pub mod march;
pub mod party;
pub mod pursuit;
pub mod route;
pub mod seed;
pub mod stage;
pub mod supplies;
pub mod walk;
pub mod watch;

use bevy::prelude::*;

pub(crate) fn plugin(app: &mut App) {
    app.add_plugins((clock::plugin, party::plugin));
}
