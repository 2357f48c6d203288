//! Strangers on the way (Khabarov in the yard, Irena on the shore, the monk): placed on the
//! path as far along as their event says, and coming to meet the group once they see it.

use bevy::prelude::*;

use crate::levels::{Stranger, Trigger};
use crate::sim::model::party::{Leader, Position};
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::walk::tiles_per_minute;
use crate::sim::world::map::place_near;
use crate::sim::world::{StageMap, slide};
use crate::states::Stage;

/// Someone met on the way, standing where the story put them. Scoped to the stage.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct StrangerAt(pub Stranger);

/// A stranger whose event has been told: they no longer come to meet the group.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Greeted;

/// Puts those the group will meet on the path to the way out, as far along as their event says.
pub(crate) fn place_strangers(
    mut commands: Commands,
    level: Res<CurrentLevel>,
    map: Res<StageMap>,
    stage: Res<State<Stage>>,
) {
    let Some((path, _)) = map.path_to_exit(map.entry) else { return };
    let mut placed = Vec::new();
    for event in &level.0.events {
        if let Trigger::Met { who, along } = event.trigger {
            if placed.contains(&who) {
                continue;
            }
            placed.push(who);
            let i = ((path.len() - 1) as f32 * along) as usize;
            let at = place_near(&map, path[i].as_vec2() + Vec2::splat(0.5), 0);
            commands.spawn((Name::new(who.name()), StrangerAt(who), Position(at), DespawnOnExit(*stage.get())));
        }
    }
}

/// The way a stranger far off is coming to the group, worked out for where it was.
#[derive(Component, Debug, Clone, Default)]
pub struct ComingBy {
    path: std::collections::VecDeque<Vec2>,
    toward: Vec2,
}

/// Tiles within which a stranger walks straight at the group; further off, along the way a
/// walker would take (a straight line down a mountain meets cliffs).
const STRAIGHT_TILES: f32 = 12.0;

/// Those waiting on the way come to meet the group once they see it.
pub(crate) fn approach_the_group(
    mut commands: Commands,
    map: Res<StageMap>,
    level: Res<CurrentLevel>,
    leader: Query<&Position, (With<Leader>, Without<StrangerAt>)>,
    mut strangers: Query<(Entity, &mut Position, &StrangerAt, Option<&mut ComingBy>), Without<Greeted>>,
    scale: Option<Res<State<crate::states::Scale>>>,
) {
    // On the march the group is not on this ground at all: nobody here can see it.
    if crate::sim::is_marching(scale) {
        return;
    }
    let Ok(lead) = leader.single() else { return };
    for (e, mut pos, who, coming) in &mut strangers {
        let to = lead.0 - pos.0;
        if to.length() > who.0.comes_from_tiles() || to.length() < 1.5 {
            continue;
        }
        // Those met on the way live at this height: the thin air does not slow them.
        let speed = tiles_per_minute(level.0.tile_m, map.terrain_at(pos.0).props().move_cost, 0.0);
        if to.length() <= STRAIGHT_TILES {
            pos.0 = slide(&map, pos.0, to.normalize() * speed.min(to.length()));
            continue;
        }
        let Some(mut coming) = coming.filter(|c| !c.path.is_empty() && c.toward.distance(lead.0) < 3.0) else {
            let path = map.route(pos.0.floor().as_uvec2(), lead.0.floor().as_uvec2()).unwrap_or_default();
            commands.entity(e).insert(ComingBy { path: path.into(), toward: lead.0 });
            continue;
        };
        let Some(next) = coming.path.front().copied() else { continue };
        let step = next - pos.0;
        if step.length() <= speed {
            pos.0 = next;
            coming.path.pop_front();
        } else {
            pos.0 = slide(&map, pos.0, step.normalize() * speed);
        }
    }
}
