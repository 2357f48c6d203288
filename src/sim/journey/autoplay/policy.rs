//! The autoplayer's ways of playing: careful, as the film did, reckless, or not at all.

use bevy::prelude::*;

use crate::levels::{Effect, MemberId, Target};
use crate::sim::model::air::Weather;

/// How the built-in player plays: what a good player does, what the film's people did, what a
/// reckless one does, or nothing at all (issue 14's four policies, for the balance tool).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Policy {
    /// Looks after everyone: the pace for the weakest, rest days for the worn, fires every
    /// cold night, nobody sent into the dark who cannot see in it.
    #[default]
    Careful,
    /// As careful, but answers as the film did: lets Kazik go for wood, lets those go who
    /// would leave.
    Film,
    /// Forced pace, no rest days, no fire unless someone is freezing, no stays.
    Reckless,
    /// Never leaves the first camp in the taiga.
    Passive,
}

impl Policy {
    pub const ALL: [Policy; 4] = [Policy::Careful, Policy::Film, Policy::Reckless, Policy::Passive];

    pub fn name(self) -> &'static str {
        match self {
            Policy::Careful => "careful",
            Policy::Film => "film",
            Policy::Reckless => "reckless",
            Policy::Passive => "passive",
        }
    }

    pub fn from_name(name: &str) -> Option<Policy> {
        Policy::ALL.into_iter().find(|p| p.name() == name)
    }

    /// How much more than its share a chance's loss weighs: the careful fear it, the reckless
    /// shrug it off.
    pub(super) fn dread(self) -> f32 {
        match self {
            Policy::Careful | Policy::Film => 1.5,
            Policy::Reckless => 0.5,
            Policy::Passive => 1.0,
        }
    }

    /// What this policy makes of a story effect where it weighs it otherwise than a careful
    /// player does (see `worth`).
    pub(super) fn weighs(self, effect: &Effect) -> Option<f32> {
        match (self, effect) {
            // The film's Janusz let Kazik go for wood, and let go those who chose to leave.
            (Policy::Film, Effect::WoodRun(_)) => Some(2.0),
            (Policy::Film, Effect::Stay(..) | Effect::Depart(..)) => Some(0.0),
            // The reckless never stop.
            (Policy::Reckless, Effect::Rest(h)) => Some(-0.5 * h),
            (Policy::Reckless, Effect::Guests(_)) => Some(-2.0),
            // Nor turn aside to a monastery: on over the pass.
            (Policy::Reckless, Effect::Guide) => Some(-2.0),
            _ => None,
        }
    }
}

/// How short the group is of what effects give: a thing is worth more the less of it is left.
#[derive(Debug, Clone, Copy)]
pub struct Needs {
    /// Days of food left for each.
    pub food_days: f32,
    /// Share of the skins still full, 0 to 1.
    pub water_share: f32,
    /// The most tired walker's fatigue, 0 to 1.
    pub fatigue: f32,
    /// The most worn boots and clothes, 0 to 1.
    pub boots: f32,
    pub clothes: f32,
    /// The guards are on the trail.
    pub hunted: bool,
    /// The group's mean spirits and trust, 0 to 1.
    pub morale: f32,
    pub trust: f32,
    /// Days ahead of the season (less than 0: behind it).
    pub slack_days: f32,
    /// Someone walking is weak, freezing or worn out.
    pub weak: bool,
}

impl Needs {
    /// What a person-day of food is worth: little with a month in hand, much with days left.
    fn food(&self) -> f32 {
        (0.1 * 15.0 / self.food_days.max(1.0)).clamp(0.05, 1.0)
    }

    fn water(&self) -> f32 {
        (0.3 * 0.5 / self.water_share.max(0.05)).clamp(0.1, 2.0)
    }

    /// Spirits matter most when they are low; trust when it is.
    fn spirits(&self) -> f32 {
        1.6 - self.morale.clamp(0.0, 1.0)
    }

    fn faith(&self) -> f32 {
        1.6 - self.trust.clamp(0.0, 1.0)
    }

    /// What an hour stopped is worth: rest for the weak or in the heat (air above 30 °C), lost
    /// time when the season presses, little either way otherwise.
    fn hour(&self, air_c: f32) -> f32 {
        if air_c > 30.0 {
            0.3
        } else if self.slack_days < 0.0 {
            -0.5
        } else if self.weak {
            -0.05
        } else {
            -0.25
        }
    }
}

/// What a careful player would make of one effect: people kept and spirits held first, then
/// supplies, each worth more the shorter of it the group is; nobody sent into the dark who
/// cannot see in it.
pub(super) fn worth(
    effect: &Effect,
    stage: crate::states::Stage,
    weather: &Weather,
    policy: Policy,
    needs: &Needs,
) -> f32 {
    if let Some(own) = policy.weighs(effect) {
        return own;
    }
    match effect {
        Effect::Morale(Target::Everyone, x) => 10.0 * x * needs.spirits(),
        Effect::Trust(Target::Everyone, x) => 10.0 * x * needs.faith(),
        Effect::Morale(_, x) => 3.0 * x * needs.spirits(),
        Effect::Trust(_, x) => 3.0 * x * needs.faith(),
        Effect::Water(l) => needs.water() * l,
        Effect::Rations(r) => needs.food() * r,
        Effect::Wood(n) => 0.3 * *n as f32,
        // Tiredness matters more the more tired they are already; gear the more worn it is.
        Effect::Tire(t, x) => -x * (1.0 + 4.0 * needs.fatigue) * if *t == Target::Everyone { 4.0 } else { 1.0 },
        Effect::Boots(t, x) => x * (2.0 + 6.0 * (1.0 - needs.boots)) * if *t == Target::Everyone { 4.0 } else { 1.0 },
        Effect::Clothes(t, x) => {
            x * (2.0 + 6.0 * (1.0 - needs.clothes)) * if *t == Target::Everyone { 4.0 } else { 1.0 }
        }
        Effect::Lead(km) => {
            if needs.hunted {
                0.1 * km
            } else {
                0.0
            }
        }
        Effect::Drink(_, l) => 2.0 * l,
        Effect::Rest(h) => needs.hour(weather.air_c) * h,
        // Waiting for night is what every answer to it does.
        Effect::Weather(..) | Effect::Until(_) => 0.0,
        Effect::Join(_) => 3.0,
        // Someone lost brought back alive: more than a stranger joining.
        Effect::Found(_) => 4.5,
        Effect::TurnAway(..) | Effect::Stay(..) | Effect::Depart(..) => -3.0,
        Effect::GiveUp(_) => -2.0,
        Effect::Rally(_) => 2.0,
        Effect::WoodRun(id) => {
            if *id == MemberId::Kazik {
                -3.0
            } else {
                0.5
            }
        }
        // Weighed against the road itself (see `road_worth`) and the group (`stay_worth`).
        Effect::Road(..) | Effect::Guests(_) => 0.0,
        // The monk's way leads to a roof and the monks' food, which no load carried over the
        // pass is worth.
        Effect::Guide => {
            if stage == crate::states::Stage::Himalaya {
                10.0
            } else {
                1.0
            }
        }
    }
}
