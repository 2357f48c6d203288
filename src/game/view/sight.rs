//! What the group has seen of the scene's map, and what it sees now: the ground round every
//! walker as far as the weather and the hour let anyone see. The small map and the fog over
//! the world both read it, so that the player sees what the group sees and no more.

use bevy::prelude::*;

use crate::sim::model::air::Weather;
use crate::sim::model::party::{Member, Position, Status};
use crate::sim::world::StageMap;
use crate::states::Screen;

/// The tiles of the scene's map someone in the group has seen, and where the walkers stand.
#[derive(Resource, Debug, Default)]
pub(crate) struct Explored {
    /// Which map: its size, where it is entered and left (a map's tiles change as wood is
    /// gathered; the map is the same).
    map: (u32, u32, UVec2, Option<UVec2>),
    width: u32,
    height: u32,
    pub(crate) seen: Vec<bool>,
    /// Seen since the small map was last painted.
    pub(crate) fresh: bool,
    /// Where each walker stands now, tiles, and how far they see.
    pub(crate) eyes: Vec<Vec2>,
    pub(crate) sight: f32,
}

impl Explored {
    pub(crate) fn fit(&mut self, map: &StageMap) {
        let which = (map.width, map.height, map.entry, map.exit.first().copied());
        if self.map != which || self.seen.len() != map.terrain.len() {
            *self = Explored {
                map: which,
                width: map.width,
                height: map.height,
                seen: vec![false; map.terrain.len()],
                fresh: true,
                ..default()
            };
        }
    }

    /// Marks the disc of `radius` tiles round `at` as seen.
    pub(crate) fn look(&mut self, at: Vec2, radius: f32) {
        let r = radius.max(1.5);
        let (x0, x1) = ((at.x - r).floor().max(0.0) as u32, ((at.x + r).ceil().max(0.0) as u32).min(self.width));
        let (y0, y1) = ((at.y - r).floor().max(0.0) as u32, ((at.y + r).ceil().max(0.0) as u32).min(self.height));
        for y in y0..y1 {
            for x in x0..x1 {
                let centre = Vec2::new(x as f32 + 0.5, y as f32 + 0.5);
                let i = (y * self.width + x) as usize;
                if centre.distance_squared(at) <= r * r && !self.seen[i] {
                    self.seen[i] = true;
                    self.fresh = true;
                }
            }
        }
    }

    /// How much of the ground at `at` (tiles, fractional) has been seen, 0 to 1, blended
    /// between the four nearest tiles so that the edge of the known is soft, not a staircase.
    pub(crate) fn seen_at(&self, at: Vec2) -> f32 {
        if self.seen.is_empty() {
            return 0.0;
        }
        let p = at - Vec2::splat(0.5);
        let (fx, fy) = (p.x.floor(), p.y.floor());
        let (tx, ty) = (p.x - fx, p.y - fy);
        let tile = |x: f32, y: f32| {
            let (x, y) = (x as i64, y as i64);
            let inside = x >= 0 && y >= 0 && x < self.width as i64 && y < self.height as i64;
            if inside && self.seen[y as usize * self.width as usize + x as usize] { 1.0 } else { 0.0 }
        };
        let bottom = tile(fx, fy) * (1.0 - tx) + tile(fx + 1.0, fy) * tx;
        let top = tile(fx, fy + 1.0) * (1.0 - tx) + tile(fx + 1.0, fy + 1.0) * tx;
        bottom * (1.0 - ty) + top * ty
    }

    /// How plainly the group sees `at` now: 1 well within someone's sight, fading to 0 over the
    /// last two tiles of it.
    pub(crate) fn in_sight(&self, at: Vec2) -> f32 {
        let r = self.sight.max(1.5);
        let nearest = self.eyes.iter().map(|e| e.distance_squared(at)).fold(f32::INFINITY, f32::min).sqrt();
        ((r - nearest) / 2.0).clamp(0.0, 1.0)
    }
}

/// Everyone walking sees round them as far as the weather and the hour allow; a new map (a new
/// stage, or ground off the route) starts unseen.
fn explore(
    map: Option<Res<StageMap>>,
    weather: Option<Res<Weather>>,
    members: Query<(&Position, &Status), With<Member>>,
    mut explored: ResMut<Explored>,
) {
    let Some(map) = map else { return };
    explored.fit(&map);
    let sight = weather.map_or(14.0, |w| w.sight_tiles);
    explored.sight = sight;
    explored.eyes.clear();
    for (pos, status) in &members {
        if *status == Status::Walking {
            explored.look(pos.0, sight);
            explored.eyes.push(pos.0);
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Explored>();
    app.add_systems(Update, explore.run_if(in_state(Screen::Playing)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_seen_is_a_disc_round_the_walker_and_the_rest_stays_dark() {
        let mut explored = Explored { width: 40, height: 30, seen: vec![false; 1200], ..default() };
        explored.look(Vec2::new(10.5, 10.5), 5.0);
        let seen = explored.seen.iter().filter(|s| **s).count();
        // A disc of radius 5: about 25π tiles.
        assert!((70..=90).contains(&seen), "{seen} tiles seen");
        assert!(explored.seen[10 * 40 + 15] && !explored.seen[10 * 40 + 16], "5 tiles east seen, 6 not");
        assert!(!explored.seen[20 * 40 + 20], "far off stays unseen");
        assert!(explored.fresh);
        // At the map's corner the disc is cut, not wrapped.
        explored.look(Vec2::new(0.5, 0.5), 3.0);
        assert!(!explored.seen[29 * 40 + 39]);
    }

    #[test]
    fn the_edge_of_the_known_is_soft_and_sight_fades_at_its_reach() {
        let mut explored = Explored { width: 40, height: 30, seen: vec![false; 1200], ..default() };
        explored.look(Vec2::new(10.5, 10.5), 5.0);
        assert_eq!(explored.seen_at(Vec2::new(10.5, 10.5)), 1.0, "a seen tile's centre");
        assert_eq!(explored.seen_at(Vec2::new(30.5, 20.5)), 0.0, "far off");
        // Half-way between the last seen tile's centre (x 15) and the first unseen one (x 16).
        let edge = explored.seen_at(Vec2::new(16.0, 10.5));
        assert!((edge - 0.5).abs() < 1e-4, "{edge}");
        assert_eq!(explored.seen_at(Vec2::new(-3.0, -3.0)), 0.0, "off the map");
        explored.eyes = vec![Vec2::new(10.0, 10.0)];
        explored.sight = 6.0;
        assert_eq!(explored.in_sight(Vec2::new(12.0, 10.0)), 1.0);
        assert!((explored.in_sight(Vec2::new(15.0, 10.0)) - 0.5).abs() < 1e-4, "a tile from its reach");
        assert_eq!(explored.in_sight(Vec2::new(17.0, 10.0)), 0.0, "past its reach");
        explored.eyes.clear();
        assert_eq!(explored.in_sight(Vec2::new(10.0, 10.0)), 0.0, "nobody walking sees nothing");
    }
}
