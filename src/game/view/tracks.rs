//! Tracks in the snow and the sand: footprints left behind each walker, which the wind and
//! falling snow fill again, fast in a storm and slowly on a still day (what the guards' dogs
//! follow, and what the escape's storm hides).

use bevy::prelude::*;

use crate::game::view::party::world_pos;
use crate::levels::{Terrain, WeatherKind};
use crate::sim::model::air::Weather;
use crate::sim::model::clock::GameClock;
use crate::sim::model::party::{Member, Position, Status};
use crate::sim::world::StageMap;
use crate::states::{Scale, Screen, Stage};

/// Tiles walked between one footprint and the next.
const STRIDE_TILES: f32 = 0.7;
/// Tiles moved in a frame beyond which it was no step.
const JUMP_TILES: f32 = 6.0;
/// The most footprints kept on the ground: the oldest go first.
const MOST_PRINTS: usize = 900;
/// How dark a fresh footprint is.
const FRESH_ALPHA: f32 = 0.38;

/// A footprint, made at this minute of the clock.
#[derive(Component, Debug, Clone, Copy)]
struct Print(u64);

/// Where each walker last left a print.
#[derive(Resource, Default)]
struct LastPrints(Vec<(Member, Vec2)>);

/// Ground that keeps a print.
fn takes_prints(t: Terrain) -> bool {
    use Terrain::*;
    matches!(t, Snow | DeepSnow | SpruceForest | BirchForest | Yard | Snowfield | Dune | Sand | ShoreIce)
}

/// Game minutes until the weather has filled a print: a blizzard or a sandstorm in half an
/// hour, falling snow in two, the wind over a clear day in a day.
fn filled_after_min(kind: WeatherKind) -> f32 {
    match kind {
        WeatherKind::Blizzard | WeatherKind::Sandstorm => 30.0,
        WeatherKind::Snowfall => 120.0,
        _ => 1440.0,
    }
}

fn leave_prints(
    mut commands: Commands,
    clock: Res<GameClock>,
    map: Option<Res<StageMap>>,
    stage: Res<State<Stage>>,
    mut last: ResMut<LastPrints>,
    members: Query<(&Member, &Position, &Status)>,
    prints: Query<(Entity, &Print)>,
) {
    let Some(map) = map else { return };
    for (member, pos, status) in &members {
        if *status != Status::Walking {
            continue;
        }
        let Some((_, at)) = last.0.iter_mut().find(|(m, _)| m.0 == member.0) else {
            last.0.push((*member, pos.0));
            continue;
        };
        let moved = at.distance(pos.0);
        // A jump is a new map or the march's way in, not a step.
        if moved > JUMP_TILES {
            *at = pos.0;
            continue;
        }
        if moved < STRIDE_TILES {
            continue;
        }
        *at = pos.0;
        if !takes_prints(map.terrain_at(pos.0)) {
            continue;
        }
        // Left and right feet a little apart.
        let side = if (clock.minutes + member.0 as u8 as u64).is_multiple_of(2) { 1.5 } else { -1.5 };
        commands.spawn((
            Print(clock.minutes),
            Sprite::from_color(Color::srgba(0.25, 0.27, 0.33, FRESH_ALPHA), Vec2::new(2.0, 3.0)),
            Transform::from_translation((world_pos(pos.0) + Vec2::new(side, -7.0)).extend(2.0)),
            DespawnOnExit(*stage.get()),
            DespawnOnExit(Scale::Scene),
        ));
    }
    let count = prints.iter().count();
    if count > MOST_PRINTS {
        let mut old: Vec<(Entity, u64)> = prints.iter().map(|(e, p)| (e, p.0)).collect();
        old.sort_by_key(|(_, made)| *made);
        for (e, _) in old.into_iter().take(count - MOST_PRINTS) {
            commands.entity(e).despawn();
        }
    }
}

/// The weather fills the prints in; a filled one is gone.
fn fill_prints(
    mut commands: Commands,
    clock: Res<GameClock>,
    weather: Res<Weather>,
    mut prints: Query<(Entity, &Print, &mut Sprite)>,
) {
    let fill = filled_after_min(weather.kind);
    for (e, print, mut sprite) in &mut prints {
        let age = clock.minutes.saturating_sub(print.0) as f32;
        let left = 1.0 - age / fill;
        if left <= 0.0 {
            commands.entity(e).despawn();
        } else {
            sprite.color.set_alpha(FRESH_ALPHA * left);
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<LastPrints>();
    app.add_systems(
        Update,
        (leave_prints, fill_prints).chain().run_if(in_state(Screen::Playing)).run_if(in_state(Scale::Scene)),
    );
}
