//! Hunger: rations shared out once a day, and days gone without.

use bevy::prelude::*;

use crate::sim::SimSystems;
use crate::sim::model::body::{Traits, Vitals};
use crate::sim::model::clock::GameClock;
use crate::sim::model::party::{Member, Status};
use crate::sim::model::supplies::Supplies;

/// Rations are shared out at 07:00, an hour after dawn, one a person a day (0.9 when counted).
fn eat_rations(
    clock: Res<GameClock>,
    mut supplies: ResMut<Supplies>,
    mut members: Query<(&Member, &Status, &Traits, &mut Vitals)>,
) {
    if !clock.just_reached(7) {
        return;
    }
    // Valka always comes back with something: stolen, snared or bartered.
    let foragers = members.iter().filter(|(_, s, t, _)| **s == Status::Walking && t.frightens).count();
    supplies.rations += 1.5 * foragers as f32;
    let share = if supplies.counted { 0.9 } else { 1.0 };
    // Shared out in the group's order, whatever order the bodies were made in (a resumed
    // journey makes them anew): when food runs short, the same people go without.
    let mut order: Vec<_> = members.iter_mut().collect();
    order.sort_by_key(|(m, ..)| m.0);
    for (_, status, _, mut v) in order {
        if !matches!(status, Status::Walking | Status::GivenUp) {
            continue;
        }
        if supplies.rations >= share {
            supplies.rations -= share;
            v.hunger_days = 0.0;
        } else {
            v.hunger_days += 1.0;
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(FixedUpdate, eat_rations.in_set(SimSystems::Eat));
}
