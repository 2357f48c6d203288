//! Thirst: body water lost by the hour (a little always, sweat with heat and walking, by field
//! guidance), and drunk back from the group's skins.

use bevy::prelude::*;

use crate::sim::SimSystems;
use crate::sim::model::body::{Exertion, Traits, Vitals};
use crate::sim::model::clock::GameClock;
use crate::sim::model::group::Pace;
use crate::sim::model::party::{Member, Position, Status};
use crate::sim::model::supplies::Supplies;

/// Body water lost per hour, litres: a little always, sweat with heat and exertion.
pub fn water_loss_l_per_h(heat_c: f32, walking: bool, heat_frailty: f32) -> f32 {
    let heat_load = ((heat_c - 24.0) / 20.0).clamp(0.0, 1.5);
    let activity = if walking { 1.0 } else { 0.4 };
    0.05 + 0.6 * heat_load * activity * heat_frailty + if walking { 0.1 } else { 0.0 }
}

/// Body water lost this minute, by the heat each walker felt and whether they walked.
fn sweat(
    clock: Res<GameClock>,
    pace: Res<Pace>,
    mut members: Query<(&Traits, &Exertion, &Status, &mut Vitals), With<Member>>,
) {
    let dt_h = clock.step_h();
    // Walking harder sweats more: a forced march half as much again an hour.
    let pace = pace.sweat_factor();
    for (traits, exertion, status, mut v) in &mut members {
        if *status == Status::Dead {
            continue;
        }
        let effort = if exertion.walking { pace } else { 1.0 };
        v.water_deficit_l += water_loss_l_per_h(exertion.heat_c, exertion.walking, traits.heat_frailty) * effort * dt_h;
    }
}

/// People drink from the skins once they have lost half a litre (before they are thirsty),
/// as much as is there.
/// The skins are with the group: those out of reach of it (strays, the lost, those who left)
/// drink nothing from them.
fn drink_from_skins(
    clock: Res<GameClock>,
    mut supplies: ResMut<Supplies>,
    leader: Query<&Position, With<crate::sim::model::party::Leader>>,
    mut members: Query<(&Member, &Status, &mut Vitals, &Position), Without<crate::sim::model::group::Straying>>,
) {
    let Ok(lead) = leader.single() else { return };
    let lead = lead.0;
    let mut waste = 1.0;
    if supplies.counted {
        waste = 0.9;
    }
    // The thirstiest drink first, so that scarce water is shared where it is needed.
    let mut order: Vec<_> = members.iter_mut().collect();
    order.sort_by(|a, b| b.2.water_deficit_l.total_cmp(&a.2.water_deficit_l).then(a.0.0.cmp(&b.0.0)));
    for (_, status, mut v, pos) in order {
        let with_group = matches!(status, Status::Walking | Status::GivenUp) && pos.0.distance(lead) <= 8.0;
        if !with_group || v.water_deficit_l < 0.5 || supplies.water_l <= 0.0 {
            continue;
        }
        // A few mouthfuls a minute at most.
        let sip = v.water_deficit_l.min(0.05 * clock.step as f32).min(supplies.water_l / (2.0 - waste));
        v.water_deficit_l -= sip;
        supplies.water_l -= sip * (2.0 - waste);
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(FixedUpdate, (sweat, drink_from_skins).chain().in_set(SimSystems::Drink));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::model::body::BODY_WATER_L;

    #[test]
    fn water_loss_follows_field_guidance() {
        // US Army: 0.5–1.5 L an hour working in desert sun; far less at rest at night.
        let walking_in_sun = water_loss_l_per_h(45.0, true, 1.0);
        assert!((0.5..=1.5).contains(&walking_in_sun), "{walking_in_sun}");
        let resting_at_night = water_loss_l_per_h(8.0, false, 1.0);
        assert!(resting_at_night < 0.1, "{resting_at_night}");
        assert!(water_loss_l_per_h(45.0, true, 1.4) > walking_in_sun);
    }

    #[test]
    fn dehydration_stages_are_the_clinical_ones() {
        let at = |pct: f32| Vitals { water_deficit_l: BODY_WATER_L * pct / 100.0, ..Vitals::default() };
        assert!(!at(1.5).conditions().thirsty);
        assert!(at(2.5).conditions().thirsty);
        assert!(at(5.5).conditions().weakened && at(5.5).walk_factor() < 1.0);
        assert!(at(10.5).conditions().collapsed && at(10.5).walk_factor() == 0.0);
        assert_eq!(at(15.1).fatal(), Some("dehydration"));
        assert_eq!(Vitals { core_c: 27.9, ..Vitals::default() }.fatal(), Some("hypothermia"));
        assert!(Vitals { core_c: 34.5, ..Vitals::default() }.conditions().hypothermia);
        assert!(Vitals { core_c: 31.5, ..Vitals::default() }.conditions().severe_hypothermia);
        assert!(Vitals { core_c: 40.5, ..Vitals::default() }.conditions().heatstroke);
    }
}
