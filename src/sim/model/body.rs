//! A person's body and nature: vitals, the conditions they put a body in, traits, exertion,
//! and death.

use bevy::prelude::*;

use crate::levels::MemberId;
use crate::sim::model::food::{Hunger, STARVED_KCAL};

/// Hours of exhaustion a body survives: a day and a night past the point of collapse, unslept
/// (the forced marches that lost Greene half his men and the Long March three quarters).
pub const EXHAUSTED_TO_DEATH_H: f32 = 30.0;

/// Water in an adult body, litres (60 % of 70 kg).
pub const BODY_WATER_L: f32 = 42.0;
/// What a person's body is doing.
#[derive(Component, Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Vitals {
    /// Core body temperature, °C.
    pub core_c: f32,
    /// Body water lost and not yet drunk back, litres.
    pub water_deficit_l: f32,
    /// 0 rested to 1 exhausted.
    pub fatigue: f32,
    /// Kcal the body has paid from its own fat and muscle, not yet eaten back (0 well fed).
    pub short_kcal: f32,
    /// Hours spent exhausted (fatigue at 0.95 and above) and not yet slept off.
    pub spent_h: f32,
    /// Hours spent at a feels-like below −25 °C out of reach of a fire's warmth (mending by
    /// 0.1 h an hour above 5 °C); frostbite from 4 h.
    pub frost_hours: f32,
    /// Sun taken, in full-sun hours weighted by altitude and glare.
    pub uv_dose: f32,
    /// Hours walked on hot sand.
    pub hot_sand_hours: f32,
    /// The feels-like temperature where they stand, °C (for the HUD and the morale system).
    pub feels_like_c: f32,
    /// Hours in delirium without a break (see [`Vitals::delirious`]).
    #[serde(default)]
    pub delirious_h: f32,
}

impl Default for Vitals {
    fn default() -> Self {
        Vitals {
            core_c: 37.0,
            water_deficit_l: 0.0,
            fatigue: 0.1,
            short_kcal: 0.0,
            spent_h: 0.0,
            frost_hours: 0.0,
            uv_dose: 0.0,
            hot_sand_hours: 0.0,
            feels_like_c: 10.0,
            delirious_h: 0.0,
        }
    }
}

impl Vitals {
    /// Body water lost, % of body water.
    pub fn dehydration_pct(&self) -> f32 {
        self.water_deficit_l / BODY_WATER_L * 100.0
    }

    /// How far hunger has gone.
    pub fn hunger(&self) -> Hunger {
        Hunger::of(self.short_kcal)
    }

    pub fn conditions(&self) -> Conditions {
        let d = self.dehydration_pct();
        Conditions {
            cold: self.core_c < 36.0,
            hypothermia: self.core_c < 35.0,
            severe_hypothermia: self.core_c < 32.0,
            frostbite: self.frost_hours >= 4.0,
            heat_exhaustion: self.core_c > 38.5,
            heatstroke: self.core_c > 40.0,
            sunburn: self.uv_dose >= 14.0,
            blisters: self.hot_sand_hours >= 6.0,
            thirsty: d >= 2.0,
            weakened: d >= 5.0,
            collapsed: d >= 10.0 || self.core_c < 30.0 || self.core_c > 41.0,
            exhausted: self.fatigue >= 0.95,
            hungry: self.hunger() >= Hunger::Hungry,
            thin: self.hunger() >= Hunger::Thin,
            starving: self.hunger() >= Hunger::Starving,
        }
    }

    /// How fast this body can walk, relative to a fit walker (0 cannot walk).
    pub fn walk_factor(&self) -> f32 {
        let c = self.conditions();
        if c.collapsed || c.exhausted {
            return 0.0;
        }
        let mut f = 1.0 - 0.4 * (self.fatigue - 0.6).max(0.0) / 0.35;
        if c.weakened {
            f *= 0.75;
        }
        if c.severe_hypothermia || c.heatstroke {
            f *= 0.5;
        } else if c.hypothermia || c.heat_exhaustion {
            f *= 0.8;
        }
        if c.blisters {
            f *= 0.8;
        }
        if c.frostbite {
            f *= 0.85;
        }
        f *= self.hunger().strength();
        f.clamp(0.0, 1.0)
    }

    /// Seeing and hearing what is not there. Cold: below 33 °C come amnesia, poor judgement and
    /// apathy (Danzl & Pozos, "Accidental hypothermia", NEJM 1994, by degree). Heat: above
    /// 40 °C heatstroke's mark is the mind failing, delirium first (Bouchama & Knochel,
    /// "Heat stroke", NEJM 2002). Thirst: 9 % of body water (about 5½ % of body weight) is
    /// where Adolph's desert walkers began to stumble in speech and sense ("Physiology of man
    /// in the desert", 1947), just short of this model's collapse at 10 %.
    pub fn delirious(&self) -> bool {
        self.core_c < 33.0 || self.core_c > 40.0 || self.dehydration_pct() >= 9.0
    }

    /// What kills, if anything does now.
    pub fn fatal(&self) -> Option<&'static str> {
        if self.core_c <= 28.0 {
            Some("hypothermia")
        } else if self.core_c >= 42.0 {
            Some("heatstroke")
        } else if self.dehydration_pct() >= 15.0 {
            Some("dehydration")
        } else if self.short_kcal >= STARVED_KCAL {
            Some("starvation")
        } else if self.spent_h >= EXHAUSTED_TO_DEATH_H {
            Some("exhaustion")
        } else {
            None
        }
    }
}

/// The conditions a body is in, derived from its vitals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Conditions {
    pub cold: bool,
    pub hypothermia: bool,
    pub severe_hypothermia: bool,
    pub frostbite: bool,
    pub heat_exhaustion: bool,
    pub heatstroke: bool,
    pub sunburn: bool,
    pub blisters: bool,
    pub thirsty: bool,
    pub weakened: bool,
    pub collapsed: bool,
    pub exhausted: bool,
    pub hungry: bool,
    pub thin: bool,
    pub starving: bool,
}

/// The characters' traits (the people of `levels/story.ron`) that the survival and cohesion
/// rules use.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct Traits {
    /// Insulation of what they wear, °C added to the feels-like in the cold.
    pub clothing_c: f32,
    /// Sweat multiplier in heat and how hard heat drives the core up (1 ordinary).
    pub heat_frailty: f32,
    /// Share of daylight sight left at night (Kazik's night blindness).
    pub night_sight: f32,
    /// Lifts the morale of those near (Voss the priest).
    pub steadies: bool,
    /// Lifts the morale of those near at rest (Tomasz's sketches).
    pub sketches: bool,
    /// Frightens those near (Valka's knife).
    pub frightens: bool,
    /// Snares and a knife: brings in game where there is any (Valka).
    pub forages: bool,
    /// Counts rations: a share of food is 0.9, not 1 (Zoran). Counted, the skins lose a tenth
    /// more per mouthful drunk (as the thirst rule has it).
    pub counts_rations: bool,
    /// How readily encouragement reaches them (Smith is hard to move).
    pub movable: f32,
    /// Attachment to the group: with little of it, broken morale means leaving.
    pub loyalty: f32,
}

impl Traits {
    pub fn of(id: MemberId) -> Traits {
        let base = Traits {
            clothing_c: 25.0,
            heat_frailty: 1.0,
            night_sight: 1.0,
            steadies: false,
            sketches: false,
            frightens: false,
            forages: false,
            counts_rations: false,
            movable: 1.0,
            loyalty: 0.8,
        };
        match id {
            MemberId::Janusz => Traits { loyalty: 1.0, ..base },
            MemberId::Smith => Traits { movable: 0.5, ..base },
            MemberId::Khabarov => base,
            MemberId::Valka => Traits { frightens: true, forages: true, loyalty: 0.3, clothing_c: 28.0, ..base },
            MemberId::Tomasz => Traits { sketches: true, heat_frailty: 1.3, ..base },
            MemberId::Voss => Traits { steadies: true, ..base },
            MemberId::Kazik => Traits { night_sight: 0.3, ..base },
            MemberId::Zoran => Traits { counts_rations: true, ..base },
            MemberId::Irena => Traits { heat_frailty: 1.4, clothing_c: 21.0, ..base },
        }
    }
}

/// What a member's body is working against this minute: whether they walk (moving with the
/// group), and the heat index they sweat in.
#[derive(Component, Debug, Clone, Copy, Default, PartialEq)]
pub struct Exertion {
    pub walking: bool,
    /// Where they stood a minute ago.
    pub last: Vec2,
    /// The heat index where they stand, °C, with the sun's share (set by exposure, read by
    /// thirst).
    pub heat_c: f32,
}

/// A death: recorded with its cause; the body stays where it fell.
#[derive(Message, Debug, Clone, Copy)]
pub struct Died {
    pub member: MemberId,
    pub cause: &'static str,
}
