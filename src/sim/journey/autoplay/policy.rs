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

/// What a careful player would make of one effect: people kept and spirits held first, then
/// supplies; nobody sent into the dark who cannot see in it.
pub(super) fn worth(effect: &Effect, stage: crate::states::Stage, weather: &Weather, policy: Policy) -> f32 {
    if let Some(own) = policy.weighs(effect) {
        return own;
    }
    match effect {
        Effect::Morale(Target::Everyone, x) | Effect::Trust(Target::Everyone, x) => 10.0 * x,
        Effect::Morale(_, x) | Effect::Trust(_, x) => 3.0 * x,
        Effect::Water(l) => 0.3 * l,
        Effect::Rations(r) => 0.1 * r,
        Effect::Wood(n) => 0.3 * *n as f32,
        Effect::Drink(_, l) => 2.0 * l,
        // Stopping costs a little, except in the heat (air above 30 °C), where a rest is worth
        // having.
        Effect::Rest(h) => {
            if weather.air_c > 30.0 {
                0.3 * h
            } else {
                -0.1 * h
            }
        }
        Effect::Weather(..) => 0.0,
        Effect::Join(_) => 3.0,
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
        Effect::Guide => {
            if stage == crate::states::Stage::Himalaya {
                4.0
            } else {
                1.0
            }
        }
    }
}
