//! The pursuit: from the escape, guards and dogs follow the group's trail by day. The hunt
//! cools by a third a day (dogs trail reliably for 12–15 hours of scent), slower in clear calm
//! air that keeps the tracks, faster under falling snow that covers them or over water and
//! rock that hold no scent. Guards who come up with the group take whoever is slowest.

use bevy::prelude::*;

use crate::levels::{MemberId, Terrain, WeatherKind};
use crate::sim::SimSystems;
use crate::sim::model::air::Weather;
use crate::sim::model::body::{Died, Vitals};
use crate::sim::model::clock::GameClock;
use crate::sim::model::ground::Ground;
use crate::sim::model::party::{Fate, Fates, Leader, Member, News, Status};
use crate::sim::model::pursuit::{GUARDS_KMH, HEAD_START_KM, HUNT_AT_THE_ESCAPE, HUNT_GIVEN_UP, Pursuit};
use crate::sim::model::seed::SimRng;
use crate::sim::model::walk::Odometer;
use crate::sim::model::watch::HEAD_START_RAISED_KM;
use crate::states::Stage;
use rand::Rng;

/// Share of the hunt lost in a day: the research's 35 %, half that when clear calm air keeps
/// the tracks sharp.
fn daily_cooling(weather: &Weather) -> f32 {
    if weather.kind == WeatherKind::Clear && weather.wind_kmh < 15.0 { 0.175 } else { 0.35 }
}

/// Hunt lost in an hour to what covers or breaks the trail: fresh snow takes 40 over a
/// snowfall of about ten hours; water and bare rock hold no scent.
fn trail_broken_per_h(weather: &Weather, terrain: Terrain) -> f32 {
    let snow = match weather.kind {
        WeatherKind::Snowfall | WeatherKind::Blizzard | WeatherKind::Sandstorm => 4.0,
        _ => 0.0,
    };
    let scentless =
        matches!(terrain, Terrain::FrozenStream | Terrain::Stream | Terrain::River | Terrain::ShoreIce | Terrain::Rock);
    snow + if scentless { 5.0 } else { 0.0 }
}

/// The cause told of whoever the guards take.
pub const CAUGHT: &str = "caught by the guards";

fn pursue(
    clock: Res<GameClock>,
    stage: Res<State<Stage>>,
    weather: Res<Weather>,
    odometer: Res<Odometer>,
    mut pursuit: ResMut<Pursuit>,
    mut rng: ResMut<SimRng>,
    mut fates: ResMut<Fates>,
    leader: Query<&Ground, With<Leader>>,
    mut members: Query<(&Member, &Vitals, &mut Status)>,
    mut news: MessageWriter<News>,
    mut died: MessageWriter<Died>,
) {
    // The hunt begins once, as the group comes out of the wire into the taiga.
    if !pursuit.begun {
        if *stage.get() == Stage::Taiga {
            // Seen going, the dogs are put on the trail at once; unseen, at the morning count.
            let head_start = if pursuit.alarm { HEAD_START_RAISED_KM } else { HEAD_START_KM };
            *pursuit = Pursuit {
                begun: true,
                hunt: HUNT_AT_THE_ESCAPE,
                guards_km: odometer.0 - head_start,
                alarm: pursuit.alarm,
            };
        }
        return;
    }
    if !pursuit.is_on() {
        return;
    }
    let dt_h = clock.step_h();
    let terrain = leader.single().map(|g| g.terrain).unwrap_or(Terrain::Snow);
    pursuit.hunt *= (1.0 - daily_cooling(&weather)).powf(dt_h / 24.0);
    pursuit.hunt -= trail_broken_per_h(&weather, terrain) * dt_h;
    if pursuit.hunt < HUNT_GIVEN_UP {
        pursuit.hunt = 0.0;
        news.write(News("The dogs have lost the trail: the guards have turned back.".into()));
        return;
    }
    // Guards follow by daylight only (a Siberian February's nine hours of it), and no faster
    // than the trail lets them be sure of it.
    if (8.0..17.0).contains(&clock.hour()) {
        pursuit.guards_km += GUARDS_KMH * pursuit.hunt / HUNT_AT_THE_ESCAPE * dt_h;
    }
    if pursuit.gap_km(odometer.0) > 0.3 {
        return;
    }
    // They have come up with the group: it scatters, and one of the slowest is taken (any of
    // those within a tenth of the slowest's speed: in the scramble it is luck which).
    let mut runners: Vec<(MemberId, f32)> = members
        .iter()
        .filter(|(_, _, s)| matches!(**s, Status::Walking | Status::GivenUp))
        .map(|(m, v, s)| (m.0, if *s == Status::GivenUp { 0.0 } else { v.walk_factor() }))
        .collect();
    runners.sort_by_key(|(id, _)| *id);
    let slowest = runners.iter().map(|(_, f)| *f).fold(f32::MAX, f32::min);
    let slow: Vec<MemberId> = runners.iter().filter(|(_, f)| *f <= slowest + 0.1).map(|(id, _)| *id).collect();
    let taken = (!slow.is_empty()).then(|| slow[rng.0.random_range(0..slow.len())]);
    if let Some(id) = taken {
        for (m, _, mut status) in &mut members {
            if m.0 == id {
                *status = Status::Dead;
            }
        }
        fates.settle(id, Fate::Died, *stage.get(), clock.day(), CAUGHT);
        died.write(Died { member: id, cause: CAUGHT });
        let told = if id == MemberId::Janusz {
            "The guards came up with the group: Janusz was taken.".to_string()
        } else {
            format!("The guards came up with the group: {} was too slow and was taken. The others ran.", id.name())
        };
        news.write(News(told));
    }
    // With a runaway to bring back, the patrol goes home.
    pursuit.hunt = 0.0;
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Pursuit>();
    app.add_systems(FixedUpdate, pursue.in_set(SimSystems::Pursue));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hunt_cools_as_the_research_has_it() {
        let clear = Weather { kind: WeatherKind::Clear, wind_kmh: 5.0, ..Weather::default() };
        let windy = Weather { kind: WeatherKind::Overcast, wind_kmh: 20.0, ..Weather::default() };
        // Three days of ordinary weather: 100 → 27, the guards about to give up.
        let after = HUNT_AT_THE_ESCAPE * (1.0 - daily_cooling(&windy)).powi(3);
        assert!((after - 27.5).abs() < 0.5, "{after}");
        assert!(daily_cooling(&clear) < daily_cooling(&windy));
        // A night's snowfall covers the tracks: about 40 gone.
        let snow = Weather { kind: WeatherKind::Snowfall, ..Weather::default() };
        assert!((trail_broken_per_h(&snow, Terrain::Snow) * 10.0 - 40.0).abs() < 1.0);
        assert!(trail_broken_per_h(&clear, Terrain::FrozenStream) > 0.0);
    }
}
