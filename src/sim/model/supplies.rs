//! What the group carries (water, food, wood), the fires it lights, the wood runs it sends,
//! and what the player asks of the camp.

use bevy::prelude::*;

/// Litres a water skin holds; each walker carries one.
pub const SKIN_L: f32 = 4.0;
/// Hours of fire one bundle of wood gives.
pub const HOURS_PER_WOOD: f32 = 2.5;
/// Bundles of wood the group can carry.
pub const MAX_WOOD: u32 = 12;
/// Bundles a fire needs to be lit.
pub const WOOD_TO_LIGHT: u32 = 2;

/// What the group carries.
#[derive(Resource, Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Supplies {
    pub water_l: f32,
    pub capacity_l: f32,
    /// Person-days of food.
    pub rations: f32,
    /// Bundles of firewood.
    pub wood: u32,
    /// Someone counts every ration (Zoran is with the group): a share of food is 0.9, not 1.
    pub counted: bool,
}

impl Default for Supplies {
    fn default() -> Self {
        Supplies { water_l: 7.0 * SKIN_L, capacity_l: 7.0 * SKIN_L, rations: 100.0, wood: 0, counted: true }
    }
}

impl Supplies {
    /// Lights a fire beside `at` with the wood that takes, if the group has it: the fire to
    /// spawn, scoped to `stage`. The scene's "make a fire" and the march's night camp both
    /// light fires this way.
    pub fn light_fire(&mut self, at: Vec2, stage: crate::states::Stage) -> Option<impl Bundle + use<>> {
        if self.wood < WOOD_TO_LIGHT {
            return None;
        }
        self.wood -= WOOD_TO_LIGHT;
        Some((
            Name::new("Fire"),
            Fire { fuel_h: HOURS_PER_WOOD * WOOD_TO_LIGHT as f32 },
            crate::sim::model::party::Position(at + Vec2::new(0.6, 0.0)),
            DespawnOnExit(stage),
        ))
    }

    /// Puts a bundle of wood on `fire`, if there is one; whether it did.
    pub fn feed(&mut self, fire: &mut Fire) -> bool {
        if self.wood == 0 {
            return false;
        }
        self.wood -= 1;
        fire.fuel_h += HOURS_PER_WOOD;
        true
    }
}

/// A fire, lit where the group camps. Scoped to its stage.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Fire {
    /// Hours it will still burn.
    pub fuel_h: f32,
}

impl Fire {
    pub fn burning(&self) -> bool {
        self.fuel_h > 0.0
    }
}

/// A member sent out at night for wood: to `target`, then back to the fire at `home`.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct WoodRun {
    pub target: Vec2,
    pub home: Vec2,
    pub returning: bool,
}

/// What the player (or the autoplayer) asks the group to do this minute.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CampAction {
    /// Gather the dead wood on and around the leader's tile.
    GatherWood,
    /// Light a fire where the leader stands, or feed the one there.
    MakeFire,
    /// Fill the skins from water beside the leader (or melt snow at a burning fire).
    FillSkins,
}
