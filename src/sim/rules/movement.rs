//! The group's movement: the leader walks a route or the player's direction, and the others
//! follow the leader's trail as a loose group, each at their own place in it.

use bevy::prelude::*;

use crate::sim::SimSystems;
use crate::sim::model::body::Vitals;
use crate::sim::model::gear::Gear;
use crate::sim::model::group::{Halt, Pace, Resting, Straying};
use crate::sim::model::party::{Leader, Member, Position, Status};
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::supplies::{Fire, WoodRun};
use crate::sim::model::walk::{MoveInput, Odometer, Route, SPACING, TRAIL_LEN, TRAIL_STEP, Trail, tiles_per_minute};
use crate::sim::world::{StageMap, slide};

fn walk_leader(
    map: Res<StageMap>,
    level: Res<CurrentLevel>,
    resting: Res<Resting>,
    halt: Res<Halt>,
    clock: Res<crate::sim::model::clock::GameClock>,
    pace: Res<Pace>,
    mut trail: ResMut<Trail>,
    mut odometer: ResMut<Odometer>,
    mut leader: Query<(&mut Position, &mut Route, &MoveInput, &Status, &Vitals, &Gear), With<Leader>>,
    others: Query<
        (&Status, &Vitals, &Position, &Gear),
        (With<Member>, Without<Leader>, Without<Straying>, Without<WoodRun>),
    >,
) {
    let Ok((mut pos, mut route, input, status, vitals, gear)) = leader.single_mut() else { return };
    if resting.0 || *status != Status::Walking || clock.minutes < halt.0 {
        return;
    }
    // The group goes at the pace of its weakest walker; those who cannot walk at all are
    // left to sit, or the whole group would stop with them.
    let weakest = others
        .iter()
        .filter(|(s, ..)| **s == Status::Walking)
        .map(|(_, v, _, g)| v.walk_factor() * g.walk_factor())
        .filter(|f| *f > 0.0)
        .fold(1.0, f32::min);
    // Nobody is let fall out of sight: the leader waits for whoever lags behind.
    let able: Vec<Vec2> = others
        .iter()
        .filter(|(s, v, ..)| **s == Status::Walking && v.walk_factor() > 0.0)
        .map(|(_, _, p, _)| p.0)
        .collect();
    let spread = SPACING * able.len() as f32 + 3.0;
    if able.iter().any(|p| p.distance(pos.0) > spread) {
        return;
    }
    let own = vitals.walk_factor() * gear.walk_factor();
    let tile_m = level.0.tile_m;
    let mut budget = tiles_per_minute(tile_m, map.terrain_at(pos.0).props().move_cost, level.0.climate.altitude_m)
        * pace.speed()
        * own
        * weakest.max(0.5);
    let start = pos.0;
    if input.0 != Vec2::ZERO {
        let step = input.0.normalize() * budget;
        pos.0 = slide(&map, pos.0, step);
    } else {
        while budget > 0.0 {
            let Some(&target) = route.0.front() else { break };
            let to = target - pos.0;
            let d = to.length();
            if d <= budget {
                pos.0 = target;
                budget -= d;
                route.0.pop_front();
            } else {
                pos.0 += to / d * budget;
                budget = 0.0;
            }
        }
    }
    let moved = pos.0.distance(start);
    odometer.0 += moved * tile_m / 1000.0;
    let far_enough = trail.0.front().is_none_or(|p| p.distance(pos.0) >= TRAIL_STEP);
    if far_enough {
        trail.0.push_front(pos.0);
        trail.0.truncate(TRAIL_LEN);
    }
}

/// Followers keep to the trail, each a little further back and a little to the side.
fn follow_leader(
    map: Res<StageMap>,
    level: Res<CurrentLevel>,
    resting: Res<Resting>,
    trail: Res<Trail>,
    leader: Query<&Position, With<Leader>>,
    pace: Res<Pace>,
    fires: Query<&Position, (With<Fire>, Without<Member>)>,
    mut followers: Query<
        (&Member, &mut Position, &Status, &Vitals),
        (Without<Leader>, Without<Straying>, Without<WoodRun>),
    >,
) {
    let Ok(leader_pos) = leader.single() else { return };
    let mut walkers: Vec<_> = followers.iter_mut().filter(|(_, _, s, _)| **s == Status::Walking).collect();
    walkers.sort_by_key(|(m, _, _, _)| m.0);
    if resting.0 {
        // In camp everyone draws in close, around the fire if there is one.
        let centre =
            fires.iter().map(|p| p.0).min_by(|a, b| a.distance(leader_pos.0).total_cmp(&b.distance(leader_pos.0)));
        let centre = centre.filter(|c| c.distance(leader_pos.0) < 3.0).unwrap_or(leader_pos.0);
        for (rank, (member, pos, _, vitals)) in walkers.iter_mut().enumerate() {
            let spot = centre + Vec2::from_angle(rank as f32 * 0.9 + member.0 as u8 as f32) * 0.9;
            let to = spot - pos.0;
            let speed = tiles_per_minute(level.0.tile_m, 1.0, level.0.climate.altitude_m) * vitals.walk_factor();
            if to.length() > 0.05 && speed > 0.0 {
                let step = if to.length() <= speed { to } else { to.normalize() * speed };
                pos.0 = slide(&map, pos.0, step);
            }
        }
        return;
    }
    for (rank, (member, pos, _, vitals)) in walkers.iter_mut().enumerate() {
        let back = SPACING * (rank as f32 + 1.0);
        let (anchor, dir) = trail.behind(back).unwrap_or((leader_pos.0, Vec2::ZERO));
        // A fixed sideways offset per person, so the group walks as a loose cluster.
        let side = ((member.0 as i32 % 3) - 1) as f32 * 0.45;
        let mut target = anchor + dir.perp() * side;
        if !map.contains(target.x.floor() as i32, target.y.floor() as i32) || !map.terrain_at(target).props().walkable {
            target = anchor;
        }
        let to = target - pos.0;
        let d = to.length();
        if d < 0.05 {
            continue;
        }
        // Those who fall behind hurry; those close ease off.
        let hurry = if d > 2.0 { 1.4 } else { 1.0 };
        let budget =
            tiles_per_minute(level.0.tile_m, map.terrain_at(pos.0).props().move_cost, level.0.climate.altitude_m)
                * hurry
                * pace.speed()
                * vitals.walk_factor();
        if budget <= 0.0 {
            continue;
        }
        let step = if d <= budget { to } else { to / d * budget };
        let next = slide(&map, pos.0, step);
        // Stuck against an obstacle: step straight onto the trail, which is walkable.
        pos.0 = if next == pos.0 && d > 1.5 {
            slide(&map, pos.0, (anchor - pos.0).normalize_or_zero() * budget)
        } else {
            next
        };
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Resting>()
        .init_resource::<Halt>()
        .init_resource::<Pace>()
        .init_resource::<Trail>()
        .init_resource::<Odometer>();
    app.add_systems(FixedUpdate, (walk_leader, follow_leader).chain().in_set(SimSystems::Move));
}
