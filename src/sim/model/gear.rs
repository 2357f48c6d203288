//! What each person wears: boots and clothes that wear with the distance and the ground, and
//! what worn gear costs (docs/research/survival.md, section 6).

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::levels::Terrain;

/// Km a pair of the camp's boots lasts on easy ground: leather on rough ground lasts
/// 800–1,500 km, felt valenki on dry snow 400–800; these are leather-soled felt, re-soled as
/// they go.
pub const BOOT_KM: f32 = 1200.0;
/// Km the quilted jacket and trousers last against brush, rock and sleeping on the ground
/// before they are rags: a year's hard wear (an estimate; no measured figure was found).
pub const CLOTHES_KM: f32 = 5000.0;
/// Below this, boots are worn: blisters and frostbite come twice as readily.
pub const BOOTS_WORN: f32 = 0.25;

/// The odometer reading (km) the group's boots and clothes were last worn to: kept with the
/// journey, so that a resumed one wears them as the original did.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct WornTo(pub f32);

/// A member's boots and clothes, 1 new to 0 worn through.
#[derive(Component, Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Gear {
    pub boots: f32,
    pub clothes: f32,
}

impl Default for Gear {
    fn default() -> Self {
        // Three months of camp wear already on them.
        Gear { boots: 0.8, clothes: 0.8 }
    }
}

/// How much faster than easy ground a kind of ground wears boots: rock, scree and gravel cut
/// them (×2; wet and rocky ground wears valenki ×3), sand and brush grind them.
pub fn boot_wear_factor(terrain: Terrain) -> f32 {
    use Terrain::*;
    match terrain {
        Rock | Scree | Gravel | GravelPlain | DryRiverbed | Cliff | Pass | Glacier => 2.0,
        Sand | Dune | SaltFlat | Shingle | Reeds => 1.5,
        SpruceForest | BirchForest | DenseForest | Jungle | Hill => 1.3,
        Road | Village | Field | House | Yard | Courtyard | Temple | Terrace => 0.7,
        _ => 1.0,
    }
}

impl Gear {
    /// Walks `km` over `terrain` at a pace `pace_wear` times as hard on the feet as a steady one.
    pub fn wear(&mut self, km: f32, terrain: Terrain, pace_wear: f32) {
        self.boots = (self.boots - km * boot_wear_factor(terrain) * pace_wear / BOOT_KM).max(0.0);
        let rough = if terrain.wooded() || matches!(terrain, Terrain::Rock | Terrain::Scree) { 1.5 } else { 1.0 };
        self.clothes = (self.clothes - km * rough / CLOTHES_KM).max(0.0);
    }

    /// Boots walked through: what is left is rags round the feet.
    pub fn barefoot(&self) -> bool {
        self.boots <= 0.02
    }

    pub fn boots_worn(&self) -> bool {
        self.boots < BOOTS_WORN
    }

    /// Share of a fit walker's speed the boots allow: worn through, with rags bound round
    /// the feet, 15 % slower (the research's 30 % is for boots gone and nothing in their place).
    pub fn walk_factor(&self) -> f32 {
        if self.barefoot() {
            0.85
        } else if self.boots_worn() {
            0.95
        } else {
            1.0
        }
    }

    /// Share of the clothes' insulation left: rags still keep out 60 % of what they did (the
    /// wadding stays; the wind comes through the tears).
    pub fn insulation(&self) -> f32 {
        0.6 + 0.4 * self.clothes
    }

    /// How readily blisters and frostbite come: twice as readily in worn boots, three times
    /// barefoot.
    pub fn foot_risk(&self) -> f32 {
        if self.barefoot() {
            3.0
        } else if self.boots_worn() {
            2.0
        } else {
            1.0
        }
    }

    /// Boots or clothes in words, for the HUD.
    pub fn words(condition: f32) -> &'static str {
        match condition {
            c if c <= 0.02 => "worn through",
            c if c < BOOTS_WORN => "falling apart",
            c if c < 0.5 => "worn",
            c if c < 0.8 => "sound",
            _ => "good",
        }
    }

    /// Mends with what the land gives (birch bark, hide, rags): a day's work puts back `by`.
    pub fn mend(&mut self, by: f32) {
        self.boots = (self.boots + by).min(0.8);
        self.clothes = (self.clothes + by * 0.5).min(0.8);
    }

    /// What hosts can give: felt-lined boots and a coat of their own make, as good as new.
    pub fn refit(&mut self) {
        *self = Gear { boots: 1.0, clothes: 1.0 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boots_last_what_the_ground_lets_them() {
        // On snow the camp's boots (at 0.8) last 960 km; on the Gobi's gravel half that.
        let mut snow = Gear::default();
        snow.wear(900.0, Terrain::Snow, 1.0);
        assert!(!snow.barefoot());
        let mut gravel = Gear::default();
        gravel.wear(480.0, Terrain::GravelPlain, 1.0);
        assert!(gravel.barefoot(), "{gravel:?}");
        assert!(gravel.walk_factor() < 0.9 && gravel.foot_risk() >= 3.0);
    }
}
