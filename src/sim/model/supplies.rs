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
/// Rations one walker can carry on top of their own things: about 15 kg of food.
pub const RATIONS_EACH: f32 = 15.0;
/// Litres of snow water a fire melts in an hour: a pot of a litre and a half every twenty
/// minutes or so, and more wood burnt for it (melting a litre from −20 °C snow takes about
/// 420 kJ, a tenth of a kilogram of wood at an open fire's 10 % into the pot).
pub const MELT_L_PER_H: f32 = 4.0;
/// Hours of a fire's fuel each litre melted burns on top of its keeping.
pub const MELT_FUEL_H_PER_L: f32 = 0.08;

/// The chance that a fire catches, with the wind where it is laid (km/h, after what shelter
/// keeps off) and the weather: dry tinder in still air nearly always; falling snow wets it; in
/// a gale the flame is blown out before the kindling takes.
pub fn light_chance(wind_here_kmh: f32, kind: crate::levels::WeatherKind) -> f32 {
    use crate::levels::WeatherKind::*;
    let wet = match kind {
        Snowfall => 0.75,
        Blizzard | Sandstorm => 0.4,
        _ => 1.0,
    };
    (0.95 * (1.0 - wind_here_kmh / 70.0) * wet).clamp(0.05, 0.95)
}

/// The chance, an hour, that a storm puts out a fire this well sheltered (0 open, 1 walled).
pub fn storm_out_chance(kind: crate::levels::WeatherKind, shelter: f32) -> f32 {
    use crate::levels::WeatherKind::*;
    // The wind that reaches a fire falls with its shelter, and its force with the square.
    let open = (1.0 - shelter).clamp(0.0, 1.0).powi(2);
    match kind {
        Blizzard | Sandstorm => 0.6 * open,
        Snowfall => 0.08 * open,
        _ => 0.0,
    }
}

/// What the group carries.
#[derive(Resource, Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Supplies {
    pub water_l: f32,
    pub capacity_l: f32,
    /// Rations of food (a ration is a day's full share, `food::RATION_KCAL`).
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
    /// Tries to light a fire beside `at`, where `shelter` keeps that share of the wind off,
    /// with the wood that takes: the fire to spawn, scoped to `stage`, if it caught (`roll`,
    /// 0–1, under `light_chance`), or what the group is told if it did not. A fire that does
    /// not catch costs a bundle of wet or scattered kindling. The scene's "make a fire" and the
    /// march's night camp both light fires this way.
    pub fn light_fire(
        &mut self,
        at: Vec2,
        stage: crate::states::Stage,
        weather: &crate::sim::model::air::Weather,
        shelter: f32,
        roll: f32,
    ) -> Result<impl Bundle + use<>, &'static str> {
        if self.wood < WOOD_TO_LIGHT {
            return Err("There is not wood enough for a fire.");
        }
        if roll >= light_chance(weather.wind_kmh * (1.0 - shelter), weather.kind) {
            self.wood -= 1;
            return Err("The fire would not catch: a bundle of kindling is spoilt.");
        }
        self.wood -= WOOD_TO_LIGHT;
        Ok((
            Name::new("Fire"),
            Fire { fuel_h: HOURS_PER_WOOD * WOOD_TO_LIGHT as f32, shelter, melting: false },
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
    /// Share of the wind kept off where it was laid.
    pub shelter: f32,
    /// Snow is being melted at it into the skins.
    pub melting: bool,
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
