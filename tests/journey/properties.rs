//! Properties over random seeds, stages, weather and player actions: vitals stay in range,
//! the dead never act, and every member is in exactly one state with a fate to match.

use bevy::prelude::*;
use proptest::prelude::*;
use the_way_back::sim::prelude::*;

use crate::helpers::*;

#[derive(Debug, Clone, Copy)]
enum Act {
    Walk(f32),
    Stop,
    Camp(bool),
    Do(u8),
    Encourage,
}

fn act() -> impl Strategy<Value = Act> {
    prop_oneof![
        (0.0f32..std::f32::consts::TAU).prop_map(Act::Walk),
        Just(Act::Stop),
        any::<bool>().prop_map(Act::Camp),
        (0u8..3).prop_map(Act::Do),
        Just(Act::Encourage),
    ]
}

fn check_invariants(app: &mut App, dead_at: &mut Vec<(MemberId, Vec2)>) -> Result<(), TestCaseError> {
    let fates = app.world().resource::<Fates>().clone();
    let journey_over = app.world().resource::<JourneyOutcome>().0.is_some();
    let mut q = app.world_mut().query::<(&Member, &Status, &Position, &Vitals, &Mind)>();
    for (member, status, pos, v, mind) in q.iter(app.world()) {
        prop_assert!((15.0..=46.0).contains(&v.core_c), "{:?} core {}", member.0, v.core_c);
        prop_assert!(
            v.water_deficit_l >= 0.0 && v.water_deficit_l <= BODY_WATER_L,
            "{:?} water {}",
            member.0,
            v.water_deficit_l
        );
        prop_assert!((0.0..=1.0).contains(&v.fatigue), "{:?} fatigue {}", member.0, v.fatigue);
        prop_assert!((0.0..=1.0).contains(&mind.morale) && (0.0..=1.0).contains(&mind.trust));
        let record = fates.of(member.0).map(|r| r.fate);
        // Exactly one state, and the fate agrees with it.
        match status {
            // Survivors get their fate when the journey ends, and only then.
            Status::Walking | Status::GivenUp => prop_assert!(
                record.is_none() || (record == Some(Fate::Survived) && journey_over),
                "{:?} active with a fate {:?}",
                member.0,
                record
            ),
            Status::Dead => prop_assert_eq!(record, Some(Fate::Died)),
            Status::Lost => prop_assert_eq!(record, Some(Fate::Lost)),
            Status::Departed => prop_assert_eq!(record, Some(Fate::Departed)),
        }
        if *status == Status::Dead {
            match dead_at.iter().find(|(id, _)| *id == member.0) {
                Some((_, at)) => prop_assert_eq!(*at, pos.0, "{:?} moved after death", member.0),
                None => dead_at.push((member.0, pos.0)),
            }
        }
    }
    let once = |id: MemberId| fates.0.iter().filter(|r| r.member == id).count() <= 1;
    prop_assert!(MemberId::ALL.into_iter().all(once), "a fate is settled once: {:?}", fates.0);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn vitals_stay_in_range_and_the_dead_never_act(
        seed in 0u64..10_000,
        stage in prop::sample::select(vec![Stage::Taiga, Stage::Baikal, Stage::Gobi, Stage::Himalaya]),
        weather in prop::sample::select(WeatherKind::ALL.to_vec()),
        hour in 0u64..24,
        acts in prop::collection::vec(act(), 8..16),
    ) {
        let mut app = sim_app(seed, false);
        start_journey(&mut app);
        app.world_mut().resource_mut::<NextState<Stage>>().set(stage);
        app.update();
        app.update();
        go_down_to_the_scene(&mut app);
        {
            let mut clock = app.world_mut().resource_mut::<GameClock>();
            clock.minutes = clock.minutes / 1440 * 1440 + 1440 + hour * 60;
        }
        app.world_mut().resource_mut::<Weather>().hold(weather);
        let mut dead_at = Vec::new();
        // Each act holds for three hours: 24 to 48 hours in all.
        for a in acts {
            let leader = {
                let mut q = app.world_mut().query_filtered::<Entity, With<Leader>>();
                q.iter(app.world()).next()
            };
            let Some(leader) = leader else { break };
            match a {
                Act::Walk(angle) => app.world_mut().get_mut::<MoveInput>(leader).unwrap().0 = Vec2::from_angle(angle),
                Act::Stop => app.world_mut().get_mut::<MoveInput>(leader).unwrap().0 = Vec2::ZERO,
                Act::Camp(c) => app.world_mut().resource_mut::<Resting>().0 = c,
                Act::Do(k) => {
                    let action = [CampAction::GatherWood, CampAction::MakeFire, CampAction::FillSkins][k as usize];
                    app.world_mut().write_message(action);
                }
                Act::Encourage => {
                    app.world_mut().write_message(Encourage);
                }
            }
            for minute in 0..180 {
                app.update();
                if minute % 15 == 0 {
                    check_invariants(&mut app, &mut dead_at)?;
                }
                if stage_of(&app).is_none() {
                    break;
                }
            }
        }
    }
}

fn stage_of(app: &App) -> Option<Stage> {
    stage(app)
}
