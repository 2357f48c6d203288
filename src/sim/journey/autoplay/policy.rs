//! The autoplayer's ways of playing: careful, as the film did, reckless, or not at all.

use bevy::prelude::*;

use crate::levels::Effect;

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
            _ => None,
        }
    }
}
