//! The small map of the scene, top right: the ground the group has seen (as far as the weather
//! and the hour let anyone see), the way out once someone has set eyes on it, and where the
//! group is. What nobody has seen stays dark.

use bevy::prelude::*;

use crate::game::theme;
use crate::game::view::sight::Explored;
use crate::paint::art::map_colour;
use crate::sim::model::party::{Leader, Position};
use crate::sim::world::StageMap;
use crate::states::{Scale, Screen};

/// The most room the small map takes, in logical px: top right, under the browser page's
/// fullscreen button and above the hints.
pub(crate) const BOX: Vec2 = Vec2::new(228.0, 100.0);
/// Seconds between two paintings of the small map: it follows a walk, not a frame.
const REPAINT_S: f32 = 0.5;
/// Unseen ground.
const UNSEEN: [u8; 4] = [14, 16, 20, 255];

/// The small map's picture.
#[derive(Component)]
struct Minimap;

fn spawn_minimap(mut commands: Commands) {
    commands.spawn((
        Name::new("Small map"),
        Minimap,
        ImageNode::default(),
        Node {
            position_type: PositionType::Absolute,
            right: px(12),
            top: px(44),
            width: px(BOX.x),
            height: px(BOX.y),
            border: UiRect::all(px(1)),
            ..default()
        },
        BorderColor::all(theme::DIM),
        Visibility::Hidden,
        DespawnOnExit(Screen::Playing),
    ));
}

/// Paints the seen ground, the way out where it has been seen, and the group; shown in a scene
/// only (the march has its own map).
fn paint_minimap(
    time: Res<Time<Real>>,
    scale: Res<State<Scale>>,
    map: Option<Res<StageMap>>,
    mut explored: ResMut<Explored>,
    leader: Query<&Position, With<Leader>>,
    mut images: ResMut<Assets<Image>>,
    mut minimap: Query<(&mut ImageNode, &mut Node, &mut Visibility), With<Minimap>>,
    mut since: Local<f32>,
    mut last_tile: Local<UVec2>,
) {
    let Ok((mut image, mut node, mut visibility)) = minimap.single_mut() else { return };
    let shown = *scale.get() == Scale::Scene && map.is_some();
    visibility.set_if_neq(if shown { Visibility::Inherited } else { Visibility::Hidden });
    let (Some(map), Ok(lead)) = (map, leader.single()) else { return };
    if !shown {
        return;
    }
    *since += time.delta_secs();
    let tile = lead.0.floor().as_uvec2();
    let moved = tile != *last_tile;
    if *since < REPAINT_S || !(explored.fresh || moved || map.is_changed()) {
        return;
    }
    *since = 0.0;
    *last_tile = tile;
    explored.fresh = false;
    // As large as the box allows, the map's shape kept.
    let fit = (BOX.x / map.width as f32).min(BOX.y / map.height as f32);
    // The group's mark about 6 px across, however many tiles that is.
    let mark = (3.0 / fit).ceil() as i32;
    let pixels = picture(&map, &explored.seen, tile, mark);
    image.image = images.add(crate::game::rgba_image(map.width, map.height, pixels));
    let (w, h) = (map.width as f32 * fit, map.height as f32 * fit);
    if node.width != px(w) || node.height != px(h) {
        node.width = px(w);
        node.height = px(h);
    }
}

/// One pixel a tile, north up: the seen ground in its colours, the way out (seen) bright, the
/// group a red square `mark` tiles either side of its tile; unseen ground dark.
fn picture(map: &StageMap, seen: &[bool], group: UVec2, mark: i32) -> Vec<u8> {
    let mut px = vec![0u8; (map.width * map.height * 4) as usize];
    for y in 0..map.height {
        for x in 0..map.width {
            let i = (y * map.width + x) as usize;
            // The picture's first row is the map's northmost.
            let o = (((map.height - 1 - y) * map.width + x) * 4) as usize;
            let rgba = if !seen.get(i).copied().unwrap_or(false) {
                UNSEEN
            } else if map.exit.contains(&UVec2::new(x, y)) {
                [250, 200, 70, 255]
            } else {
                let [r, g, b] = map_colour(map.terrain[i]);
                [r, g, b, 255]
            };
            px[o..o + 4].copy_from_slice(&rgba);
        }
    }
    // The group: a red mark, to be found at a glance.
    for dy in -mark..=mark {
        for dx in -mark..=mark {
            let (x, y) = (group.x as i32 + dx, group.y as i32 + dy);
            if map.contains(x, y) {
                let o = (((map.height as i32 - 1 - y) * map.width as i32 + x) * 4) as usize;
                px[o..o + 4].copy_from_slice(&[220, 40, 30, 255]);
            }
        }
    }
    px
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Playing), spawn_minimap);
    app.add_systems(Update, paint_minimap.run_if(in_state(Screen::Playing)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picture_shows_the_seen_ground_the_way_out_once_seen_and_the_group_north_up() {
        use crate::levels::Terrain;
        let (w, h) = (20u32, 10u32);
        let map = StageMap {
            width: w,
            height: h,
            terrain: vec![Terrain::Grass; (w * h) as usize],
            elevation: vec![0.0; (w * h) as usize],
            wood: vec![false; (w * h) as usize],
            entry: UVec2::ZERO,
            exit: vec![UVec2::new(19, 9)],
            story_water: None,
        };
        let pixel = |px: &[u8], x: u32, y: u32| {
            let o = (((h - 1 - y) * w + x) * 4) as usize;
            [px[o], px[o + 1], px[o + 2], px[o + 3]]
        };
        let mut explored = Explored::default();
        explored.fit(&map);
        explored.look(Vec2::new(2.5, 2.5), 4.0);
        let px = picture(&map, &explored.seen, UVec2::new(2, 2), 1);
        assert_eq!(pixel(&px, 2, 2), [220, 40, 30, 255], "the group, red");
        let [r, g, b] = map_colour(Terrain::Grass);
        assert_eq!(pixel(&px, 5, 2), [r, g, b, 255], "seen grass in its colour");
        assert_eq!(pixel(&px, 19, 9), UNSEEN, "the way out, not yet seen");
        // North is up: the map's southmost row (seen here, by the group) is the picture's last.
        let last_row = ((h - 1) * w * 4) as usize;
        assert_eq!(&px[last_row..last_row + 4], &[r, g, b, 255]);
        assert_eq!(&px[0..4], &UNSEEN, "the north-west corner, far off");
        explored.look(Vec2::new(18.5, 8.5), 3.0);
        let px = picture(&map, &explored.seen, UVec2::new(16, 6), 1);
        assert_eq!(pixel(&px, 19, 9), [250, 200, 70, 255], "the way out, seen");
    }
}
