//! Falls: on the high passes, steep or icy ground above 4,000 m, a walker may fall. An
//! unequipped party loses 1–3 % of its people a day to a serious fall on a high pass
//! (docs/research/survival.md, section 9: against 14 deaths in 100,000 trekkers in Nepal, and
//! 1.6 % of climbers on the 8,000 m peaks); twice that in falling snow, in the dark, when
//! exhausted or in worn boots. Half the serious falls kill.

use bevy::prelude::*;
use rand::Rng;

use crate::levels::{Terrain, WeatherKind};
use crate::sim::SimSystems;
use crate::sim::is_marching;
use crate::sim::model::air::Weather;
use crate::sim::model::body::{Died, Exertion, Vitals};
use crate::sim::model::clock::GameClock;
use crate::sim::model::gear::Gear;
use crate::sim::model::hardship::Difficulty;
use crate::sim::model::march::March;
use crate::sim::model::party::{Fate, Fates, Member, News, Status};
use crate::sim::model::seed::SimRng;
use crate::sim::model::stage::CurrentLevel;
use crate::states::Stage;

/// A serious fall, a walker and a walking day on a high pass (1 %), spread over its 8 hours.
pub const FALL_PER_H: f32 = 0.01 / 8.0;
/// Height above which steep or icy ground is a high pass, m.
pub const HIGH_M: f32 = 4000.0;
/// The cause told of a fatal fall.
pub const FELL: &str = "a fall in the mountains";

/// Whether the ground is what people fall on: ice, scree, the pass itself, or a climb steeper
/// than 80 m in each km.
pub fn is_treacherous(terrain: Terrain, rise_m_per_km: f32) -> bool {
    matches!(terrain, Terrain::Glacier | Terrain::Scree | Terrain::Pass | Terrain::Snowfield) || rise_m_per_km > 80.0
}

/// How much likelier a fall is than on a clear day, rested and well shod.
pub fn fall_risk(weather: WeatherKind, night: bool, fatigue: f32, gear: &Gear) -> f32 {
    let snow = if matches!(weather, WeatherKind::Snowfall | WeatherKind::Blizzard) { 2.0 } else { 1.0 };
    let dark = if night { 2.0 } else { 1.0 };
    let tired = if fatigue > 0.8 { 2.0 } else { 1.0 };
    let shod = if gear.boots_worn() { 2.0 } else { 1.0 };
    snow * dark * tired * shod
}

fn fall(
    clock: Res<GameClock>,
    level: Res<CurrentLevel>,
    march: Res<March>,
    weather: Res<Weather>,
    mut rng: ResMut<SimRng>,
    difficulty: Res<Difficulty>,
    stage: Res<State<Stage>>,
    mut fates: ResMut<Fates>,
    mut members: Query<(&Member, &mut Status, &Exertion, &Gear, &mut Vitals)>,
    mut news: MessageWriter<News>,
    mut died: MessageWriter<Died>,
) {
    let Some(route) = &level.0.route else { return };
    let stretch = route.stretch_at(march.km);
    let (terrain, altitude_m) = (stretch.1, stretch.2);
    if altitude_m < HIGH_M || !is_treacherous(terrain, route.rise_at(march.km)) {
        return;
    }
    let mut order: Vec<_> = members.iter_mut().collect();
    order.sort_by_key(|(m, ..)| m.0);
    for (member, mut status, exertion, gear, mut v) in order {
        if *status != Status::Walking || !exertion.walking {
            continue;
        }
        let p = FALL_PER_H
            * difficulty.fall_share()
            * clock.step_h()
            * fall_risk(weather.kind, clock.is_night(), v.fatigue, gear);
        if rng.0.random::<f32>() >= p {
            continue;
        }
        if rng.0.random::<bool>() {
            *status = Status::Dead;
            fates.settle(member.0, Fate::Died, *stage.get(), clock.day(), FELL);
            died.write(Died { member: member.0, cause: FELL });
            news.write(News(format!("{} slipped on the ice and fell to their death.", member.0.name())));
        } else {
            v.fatigue = 1.0;
            v.frost_hours += 2.0;
            news.write(News(format!("{} fell, and was got up again, battered and shaking.", member.0.name())));
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(FixedUpdate, fall.in_set(SimSystems::Fall).run_if(is_marching));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_come_on_bad_ground_in_bad_conditions() {
        assert!(is_treacherous(Terrain::Glacier, 0.0) && !is_treacherous(Terrain::Grass, 20.0));
        let shod = Gear { boots: 0.8, clothes: 0.8 };
        let worn = Gear { boots: 0.1, clothes: 0.8 };
        assert_eq!(fall_risk(WeatherKind::Clear, false, 0.2, &shod), 1.0);
        // A tired night march in falling snow on worn boots: sixteen times a clear day's risk.
        assert_eq!(fall_risk(WeatherKind::Snowfall, true, 0.9, &worn), 16.0);
    }
}
