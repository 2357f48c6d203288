//! Gear: boots and clothes wear with every km the group walks, by the ground and the pace; a
//! rest day where the land gives birch bark, hide or rags (woods, yurts, villages, a host's
//! roof) goes partly on mending them.

use bevy::prelude::*;

use crate::levels::Terrain;
use crate::sim::SimSystems;
use crate::sim::model::body::Exertion;
use crate::sim::model::clock::GameClock;
use crate::sim::model::gear::{Gear, WornTo};
use crate::sim::model::ground::Ground;
use crate::sim::model::group::Pace;
use crate::sim::model::hardship::Difficulty;
use crate::sim::model::march::{March, MarchOrders};
use crate::sim::model::party::{News, Status};
use crate::sim::model::walk::Odometer;

/// What a day's mending puts back: a pair of bark-and-hide soles, rags sewn on.
pub const MEND_A_DAY: f32 = 0.25;

/// Whether the land here gives what mending takes: birch bark and bast in the woods, hide and
/// felt at yurts and villages.
pub fn has_mending_stuff(terrain: Terrain) -> bool {
    terrain.wooded() || matches!(terrain, Terrain::Yurt | Terrain::Village | Terrain::House | Terrain::Courtyard)
}

/// The km the leader walked since last time, walked by everyone walking with him, on the
/// ground each stands on.
fn wear_gear(
    odometer: Res<Odometer>,
    pace: Res<Pace>,
    difficulty: Res<Difficulty>,
    mut worn_to: ResMut<WornTo>,
    mut members: Query<(&Status, &Exertion, &Ground, &mut Gear)>,
) {
    // A new journey's odometer starts again from nought: nothing to wear for that.
    let km = (odometer.0 - worn_to.0).max(0.0);
    worn_to.0 = odometer.0;
    if km == 0.0 {
        return;
    }
    for (status, exertion, ground, mut gear) in &mut members {
        if *status == Status::Walking && exertion.walking {
            gear.wear(km * difficulty.wear_share(), ground.terrain, pace.wear_factor());
        }
    }
}

/// What an evening in camp with bark to hand puts back: a sole patched, a tear sewn.
pub const MEND_AN_EVENING: f32 = 0.015;

/// At noon of a rest day, where there is bark or hide to be had (or a host's help), the worst
/// boots and clothes are mended; each evening in camp where there is bark, a little.
fn mend_gear(
    clock: Res<GameClock>,
    orders: Res<MarchOrders>,
    march: Res<March>,
    mut members: Query<(&Status, &Ground, &mut Gear)>,
    mut news: MessageWriter<News>,
) {
    if clock.just_reached(20) {
        for (status, ground, mut gear) in &mut members {
            if *status == Status::Walking && has_mending_stuff(ground.terrain) && gear.boots < 0.8 {
                gear.mend(MEND_AN_EVENING);
            }
        }
    }
    let resting_today = orders.rest_day == Some(clock.day()) || march.is_hosted(clock.minutes);
    if !clock.just_reached(12) || !resting_today {
        return;
    }
    let mut mended = 0;
    let hosted = march.is_hosted(clock.minutes);
    for (status, ground, mut gear) in &mut members {
        // Hosts fit their guests out: felt boots and a coat, in the yurts and at the monastery.
        if hosted && *status == Status::Walking && gear.boots < 0.9 {
            gear.refit();
            mended += 1;
            continue;
        }
        let stuff = has_mending_stuff(ground.terrain);
        if *status == Status::Walking && stuff && gear.boots < 0.8 {
            gear.mend(MEND_A_DAY);
            mended += 1;
        }
    }
    if mended > 0 {
        news.write(News(format!("Boots and clothes mended: {mended} pairs of bark-and-hide soles.")));
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<WornTo>();
    app.add_systems(FixedUpdate, (wear_gear, mend_gear).chain().in_set(SimSystems::Wear));
}
