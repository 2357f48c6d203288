//! The built-in player at the break-out: it keeps to the dark, holding still in the shadow
//! while a beam or a sentry comes near its next steps, and going on when they have passed.
//! The reckless one runs for the wire.

use bevy::prelude::*;

use crate::sim::journey::autoplay::Policy;
use crate::sim::model::clock::GameClock;
use crate::sim::model::group::Halt;
use crate::sim::model::party::{Leader, Position};
use crate::sim::model::walk::Route;
use crate::sim::model::watch::{Searchlight, Sentry};

/// Steps of the route ahead the leader looks at before going on: about a minute's walk.
const LOOK_AHEAD: usize = 2;
/// Minutes ahead a beam's sweep is foreseen.
const FORESEE_MIN: u64 = 2;
/// Tiles beyond a sentry's sight the leader keeps from him.
const SENTRY_MARGIN: f32 = 2.0;

/// Holds the group for a minute when the way ahead is about to be lit or watched.
pub(super) fn keep_to_the_dark(
    clock: Res<GameClock>,
    policy: Res<Policy>,
    mut halt: ResMut<Halt>,
    lamps: Query<&Searchlight>,
    sentries: Query<&Sentry>,
    leader: Query<(&Position, &Route), With<Leader>>,
) {
    if *policy == Policy::Reckless || !clock.is_night() || lamps.is_empty() {
        return;
    }
    let Ok((pos, route)) = leader.single() else { return };
    let ahead: Vec<Vec2> = route.0.iter().take(LOOK_AHEAD).copied().collect();
    // A spot is in danger if a beam crosses it within the next minutes.
    let danger = |spot: Vec2| {
        (0..=FORESEE_MIN).any(|m| {
            let minute = (clock.minutes + m) as f32;
            lamps.iter().any(|l| l.lights(l.angle_at(minute), l.reach, spot))
        })
    };
    // Hold still only where the beam will not come: standing in its path is worse than going on.
    let lit = !danger(pos.0) && ahead.iter().any(|p| danger(*p));
    // Waiting for a sentry to pass is only safe out of his sight: seen already, better to run.
    let watched = sentries.iter().any(|s| {
        let near = |p: &Vec2| s.position().distance(*p) <= s.sight + SENTRY_MARGIN;
        s.position().distance(pos.0) > s.sight + 0.5 && ahead.iter().any(near)
    });
    if lit || watched {
        halt.0 = halt.0.max(clock.minutes + 1);
    }
}
