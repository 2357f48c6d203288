//! Lake ice in spring: from mid-April Baikal's ice rots and opens in leads, and a walker on the
//! open ice may go through it. Pulled out by the others, soaked to the skin in a wind off the
//! ice, they face the cold rules with a chilled core and wet hands and feet. On both scales: the
//! ground underfoot says where the ice is.

use bevy::prelude::*;
use rand::Rng;

use crate::levels::Terrain;
use crate::sim::SimSystems;
use crate::sim::model::body::{Exertion, Vitals};
use crate::sim::model::clock::GameClock;
use crate::sim::model::ground::Ground;
use crate::sim::model::party::{Member, News, Status};
use crate::sim::model::seed::SimRng;

/// The month (1.0 is 1 January) from which the lake ice rots: mid-April. It is a metre thick
/// and sound through March, and breaks up in the south of the lake in early to mid May
/// (docs/research/route.md §2, the Baikal fork).
pub const ICE_ROTS_FROM_MONTH: f32 = 4.5;
/// The chance, in each hour walked on the open ice, that a walker goes through: none before
/// the rot, rising by this much each month after it, to at most `MOST_A_HOUR` as break-up
/// comes. An assumption, not a measurement: enough that a crossing of two days late in April
/// costs the group a soaking or two.
const MORE_EACH_MONTH: f32 = 0.04;
const MOST_A_HOUR: f32 = 0.05;
/// What a minute in water at 0 °C and the hour after it in wet clothes do: the core falls by
/// about 2 °C (cold water cools the body some 25 times faster than air: Giesbrecht's "1-10-1"
/// of cold-water immersion) and wet hands and feet freeze as hours of frost would.
const SOAKED_CORE_DROP_C: f32 = 2.0;
const SOAKED_FROST_H: f32 = 4.0;

/// The chance a walker goes through rotten ice in an hour walked on it, in this month.
pub fn chance_through_a_hour(month: f32) -> f32 {
    (MORE_EACH_MONTH * (month - ICE_ROTS_FROM_MONTH)).clamp(0.0, MOST_A_HOUR)
}

fn go_through_the_ice(
    clock: Res<GameClock>,
    mut rng: ResMut<SimRng>,
    mut members: Query<(&Member, &Status, &Ground, &Exertion, &mut Vitals)>,
    mut news: MessageWriter<News>,
) {
    let chance = chance_through_a_hour(clock.month_f()) * clock.step_h();
    if chance <= 0.0 {
        return;
    }
    // In the group's order, so that the dice fall the same way in a resumed journey.
    let mut order: Vec<_> = members.iter_mut().collect();
    order.sort_by_key(|(member, ..)| member.0);
    for (member, status, ground, exertion, mut v) in order {
        if *status != Status::Walking || !exertion.walking || ground.terrain != Terrain::ThinIce {
            continue;
        }
        if rng.0.random::<f32>() < chance {
            v.core_c -= SOAKED_CORE_DROP_C;
            v.frost_hours += SOAKED_FROST_H;
            news.write(News(format!(
                "{} goes through the ice and is pulled out, soaked to the skin.",
                member.0.name()
            )));
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(FixedUpdate, go_through_the_ice.in_set(SimSystems::Ice));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ice_holds_until_mid_april_and_rots_toward_may() {
        assert_eq!(chance_through_a_hour(3.2), 0.0, "March: a metre of sound ice");
        assert_eq!(chance_through_a_hour(4.4), 0.0);
        let late_april = chance_through_a_hour(4.8);
        assert!(late_april > 0.0 && late_april < 0.02, "{late_april}");
        assert_eq!(chance_through_a_hour(6.0), MOST_A_HOUR, "at break-up it is at its worst");
    }
}
