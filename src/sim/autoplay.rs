//! The built-in player: walks the group to each way out by day and makes camp at night.

use bevy::prelude::*;

use super::SimSystems;
use super::clock::GameClock;
use super::movement::{Resting, Route};
use super::party::{Leader, Position};
use super::world::StageMap;

/// Whether the built-in policy plays (`--autoplay`, and the headless tests).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Autoplay(pub bool);

fn is_autoplaying(autoplay: Res<Autoplay>) -> bool {
    autoplay.0
}

fn steer_autoplay(
    map: Option<Res<StageMap>>,
    clock: Res<GameClock>,
    mut resting: ResMut<Resting>,
    mut leader: Query<(&Position, &mut Route), With<Leader>>,
) {
    let Some(map) = map else { return };
    let Ok((pos, mut route)) = leader.single_mut() else { return };
    // Walking the taiga or the Gobi through the night is how people die: camp until dawn.
    resting.0 = clock.is_night();
    if resting.0 || !route.0.is_empty() {
        return;
    }
    let here = pos.0.floor().as_uvec2();
    if map.is_exit(here) {
        return;
    }
    if let Some((path, _)) = map.path_to_exit(here) {
        route.0 = path.into_iter().skip(1).map(|p| p.as_vec2() + Vec2::splat(0.5)).collect();
    }
}

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Autoplay>();
    app.add_systems(FixedUpdate, steer_autoplay.run_if(is_autoplaying).in_set(SimSystems::Decide));
}
