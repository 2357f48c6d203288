//! A stage's march: the real route it follows (waypoints in latitude and longitude), the kind
//! of land along it, and where on it the stage's scene lies.

use serde::{Deserialize, Serialize};

use crate::levels::Terrain;

/// Mean radius of the Earth, km (IUGG).
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// Great-circle distance between two points given as (latitude, longitude) in degrees, km, by
/// the haversine formula.
pub fn great_circle_km(a: (f32, f32), b: (f32, f32)) -> f32 {
    let (la1, lo1) = (f64::from(a.0).to_radians(), f64::from(a.1).to_radians());
    let (la2, lo2) = (f64::from(b.0).to_radians(), f64::from(b.1).to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    (2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin()) as f32
}

/// A point the route passes: latitude, longitude (degrees) and what is there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Waypoint(pub f32, pub f32, pub String);

impl Waypoint {
    pub fn at(&self) -> (f32, f32) {
        (self.0, self.1)
    }
}

/// A stretch of the route from `km` on: the kind of land and its height (metres above sea).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Stretch(pub f32, pub Terrain, pub f32);

/// The stage's march.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarchRoute {
    /// The route's waypoints in order; the stage's length is the sum of the great circles
    /// between them.
    pub points: Vec<Waypoint>,
    /// Where along the route (0 its start, 1 its end) the stage's own scene lies: the group
    /// marches to it, crosses it on the ground, and marches on.
    pub scene_at: f32,
    /// The land along the route, each stretch from its km to the next one's.
    pub land: Vec<Stretch>,
    /// Where the way divides: another road between two of the route's waypoints.
    #[serde(default)]
    pub forks: Vec<Fork>,
}

/// Another road between two waypoints of the route (`from` and `to`, their indices): the
/// waypoints between it passes instead, and its own land, each stretch from its km after
/// `from`. A story event triggered by `Fork(n)` asks which road to take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fork {
    pub from: usize,
    pub to: usize,
    pub points: Vec<Waypoint>,
    pub land: Vec<Stretch>,
}

/// Km along `points` from the first to each one.
fn km_at_points(points: &[Waypoint]) -> Vec<f32> {
    let mut km = vec![0.0];
    for w in points.windows(2) {
        km.push(km.last().copied().unwrap_or(0.0) + great_circle_km(w[0].at(), w[1].at()));
    }
    km
}

impl MarchRoute {
    pub fn length_km(&self) -> f32 {
        self.points.windows(2).map(|w| great_circle_km(w[0].at(), w[1].at())).sum()
    }

    /// Km along the route to waypoint `i`.
    pub fn km_to_point(&self, i: usize) -> f32 {
        km_at_points(&self.points).get(i).copied().unwrap_or_else(|| self.length_km())
    }

    /// Where fork `n` leaves the route, km (on this route, with the roads taken before it).
    pub fn fork_km(&self, n: usize) -> Option<f32> {
        self.forks.get(n).map(|f| self.km_to_point(f.from))
    }

    /// Km of each road at fork `n`: the route's own between the fork's ends, and the other.
    pub fn fork_roads_km(&self, n: usize) -> Option<(f32, f32)> {
        let f = self.forks.get(n)?;
        let own = self.km_to_point(f.to) - self.km_to_point(f.from);
        let mut other = vec![self.points.get(f.from)?.clone()];
        other.extend(f.points.iter().cloned());
        other.push(self.points.get(f.to)?.clone());
        Some((own, km_at_points(&other).last().copied().unwrap_or(0.0)))
    }

    /// This route with the other road taken at fork `n`: its waypoints and land in place of
    /// the route's between the fork's ends, the route's land after it moved by the difference.
    /// Later forks' waypoint indices are moved with it.
    pub fn with_other_road(&self, n: usize) -> MarchRoute {
        let Some(f) = self.forks.get(n) else { return self.clone() };
        let Some((own, other)) = self.fork_roads_km(n) else { return self.clone() };
        let (start, end) = (self.km_to_point(f.from), self.km_to_point(f.to));
        let mut points: Vec<Waypoint> = self.points[..=f.from].to_vec();
        points.extend(f.points.iter().cloned());
        points.extend(self.points[f.to..].iter().cloned());
        let shift = other - own;
        let mut land: Vec<Stretch> = self.land.iter().filter(|s| s.0 < start).copied().collect();
        land.extend(f.land.iter().map(|s| Stretch(start + s.0, s.1, s.2)));
        // The land the route had on reaching the fork's far end goes on from there.
        let after = self.stretch_at(end);
        land.push(Stretch(start + other, after.1, after.2));
        land.extend(self.land.iter().filter(|s| s.0 > end).map(|s| Stretch(s.0 + shift, s.1, s.2)));
        let moved = f.points.len() as isize - (f.to - f.from - 1) as isize;
        let forks = self
            .forks
            .iter()
            .map(|g| {
                if g.from >= f.to {
                    Fork { from: (g.from as isize + moved) as usize, to: (g.to as isize + moved) as usize, ..g.clone() }
                } else {
                    g.clone()
                }
            })
            .collect();
        MarchRoute { points, scene_at: self.scene_at, land, forks }
    }

    /// The stretch of land at `km` along the route.
    pub fn stretch_at(&self, km: f32) -> Stretch {
        self.land.iter().rev().find(|s| s.0 <= km).or(self.land.first()).copied().unwrap_or(Stretch(
            0.0,
            Terrain::Grass,
            0.0,
        ))
    }

    /// The climb at `km`, m of height gained per km: from this stretch's height to the next
    /// one's, spread over this stretch (0 where the route goes down or on the flat).
    pub fn rise_at(&self, km: f32) -> f32 {
        let Some(i) = self.land.iter().rposition(|s| s.0 <= km) else { return 0.0 };
        let (Some(here), Some(next)) = (self.land.get(i), self.land.get(i + 1)) else { return 0.0 };
        let len = next.0 - here.0;
        if len <= 0.0 { 0.0 } else { ((next.2 - here.2) / len).max(0.0) }
    }

    /// The stretches of land walked over between `from` and `to` km (a well or a stream is
    /// a short stretch that an hour's walk crosses).
    pub fn stretches_between(&self, from: f32, to: f32) -> impl Iterator<Item = Stretch> + '_ {
        let ends = self.land.iter().skip(1).map(|s| s.0).chain(std::iter::once(f32::INFINITY));
        self.land.iter().zip(ends).filter(move |(s, end)| s.0 <= to && *end > from).map(|(s, _)| *s)
    }

    /// The longest run of km between `from` and `to` where no stretch's land is `wanted`.
    pub fn longest_without(&self, from: f32, to: f32, wanted: impl Fn(Terrain) -> bool) -> f32 {
        let ends: Vec<f32> = self.land.iter().skip(1).map(|s| s.0).chain(std::iter::once(f32::INFINITY)).collect();
        let (mut longest, mut since) = (0.0f32, from);
        for (s, end) in self.land.iter().zip(ends) {
            let (a, b) = (s.0.max(from), end.min(to));
            if b <= a {
                continue;
            }
            if wanted(s.1) {
                longest = longest.max(a - since);
                since = b;
            }
        }
        longest.max(to - since)
    }

    /// Where `km` along the route is, (latitude, longitude), between its waypoints.
    pub fn point_at(&self, km: f32) -> (f32, f32) {
        let mut left = km.max(0.0);
        for w in self.points.windows(2) {
            let leg = great_circle_km(w[0].at(), w[1].at());
            if left <= leg && leg > 0.0 {
                let t = left / leg;
                return (w[0].0 + (w[1].0 - w[0].0) * t, w[0].1 + (w[1].1 - w[0].1) * t);
            }
            left -= leg;
        }
        self.points.last().map_or((0.0, 0.0), Waypoint::at)
    }

    /// The last waypoint passed at `km`, and the next one.
    pub fn between(&self, km: f32) -> (&Waypoint, &Waypoint) {
        let mut left = km.max(0.0);
        for w in self.points.windows(2) {
            let leg = great_circle_km(w[0].at(), w[1].at());
            if left < leg {
                return (&w[0], &w[1]);
            }
            left -= leg;
        }
        let n = self.points.len();
        (&self.points[n.saturating_sub(2)], &self.points[n - 1])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn great_circles_match_known_distances() {
        // Irkutsk to Ulaanbaatar is about 520 km in a straight line; London to Paris about 344 km.
        let irkutsk_ub = great_circle_km((52.29, 104.28), (47.92, 106.92));
        assert!((irkutsk_ub - 518.0).abs() < 15.0, "{irkutsk_ub}");
        let london_paris = great_circle_km((51.5074, -0.1278), (48.8566, 2.3522));
        assert!((london_paris - 344.0).abs() < 2.0, "{london_paris}");
    }

    #[test]
    fn the_climb_is_read_off_the_land_heights() {
        let route = MarchRoute {
            points: vec![],
            scene_at: 0.0,
            land: vec![
                Stretch(0.0, Terrain::Grass, 1000.0),
                Stretch(10.0, Terrain::Scree, 2000.0),
                Stretch(20.0, Terrain::Pass, 1500.0),
            ],
            forks: vec![],
        };
        // 1,000 m gained over the first 10 km; the way down and the last stretch are level going.
        assert_eq!(route.rise_at(5.0), 100.0);
        assert_eq!(route.rise_at(15.0), 0.0);
        assert_eq!(route.rise_at(25.0), 0.0);
    }
}
