//! The map of the journey, painted in code: Siberia to India with Lake Baikal, the steppe, the
//! Gobi, the Tibetan plateau and the Himalaya, the borders of 1941, the route walked and the
//! places where members were lost. Pure pixels, so it is tested without a GPU.

/// The part of the world the map shows and its size in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapView {
    pub width: u32,
    pub height: u32,
    pub north: f32,
    pub south: f32,
    pub west: f32,
    pub east: f32,
}

impl Default for MapView {
    fn default() -> Self {
        MapView { width: 560, height: 500, north: 63.0, south: 21.0, west: 70.0, east: 128.0 }
    }
}

impl MapView {
    /// Pixel of a (latitude, longitude); may lie outside the picture.
    pub fn project(&self, (lat, lon): (f32, f32)) -> (f32, f32) {
        let x = (lon - self.west) / (self.east - self.west) * self.width as f32;
        let y = (self.north - lat) / (self.north - self.south) * self.height as f32;
        (x, y)
    }

    fn unproject(&self, x: f32, y: f32) -> (f32, f32) {
        let lon = self.west + x / self.width as f32 * (self.east - self.west);
        let lat = self.north - y / self.height as f32 * (self.north - self.south);
        (lat, lon)
    }
}

/// Lake Baikal's shore, (latitude, longitude), roughly.
const BAIKAL: [(f32, f32); 12] = [
    (55.85, 109.45),
    (55.6, 109.9),
    (54.6, 109.6),
    (53.6, 109.0),
    (52.9, 108.3),
    (52.0, 106.6),
    (51.45, 104.6),
    (51.7, 103.7),
    (52.2, 106.0),
    (53.2, 107.3),
    (54.3, 108.5),
    (55.4, 109.0),
];

/// The Gobi, roughly.
const GOBI: [(f32, f32); 10] = [
    (45.8, 96.0),
    (46.0, 103.0),
    (45.5, 108.5),
    (44.8, 112.5),
    (42.8, 113.5),
    (41.3, 108.0),
    (40.6, 103.0),
    (40.2, 98.0),
    (41.5, 94.5),
    (43.8, 93.5),
];

/// The Tibetan plateau, roughly.
const TIBET: [(f32, f32); 10] = [
    (36.5, 78.5),
    (37.0, 86.0),
    (36.2, 94.0),
    (35.0, 100.0),
    (32.0, 102.0),
    (29.0, 99.0),
    (28.2, 94.0),
    (28.3, 88.0),
    (30.0, 81.5),
    (33.0, 78.5),
];

/// The Himalaya's crest, west to east.
const HIMALAYA: [(f32, f32); 7] =
    [(35.5, 75.0), (32.5, 77.8), (30.2, 81.0), (28.5, 84.5), (27.9, 87.0), (27.9, 90.5), (28.6, 96.0)];

/// The Soviet border with Mongolia, and Mongolia's with China (1941), west to east.
const SOVIET_BORDER: [(f32, f32); 7] =
    [(49.6, 87.8), (50.6, 92.0), (50.3, 98.0), (51.5, 100.5), (50.2, 106.5), (49.6, 112.0), (49.9, 116.5)];
const MONGOLIA_SOUTH: [(f32, f32); 7] =
    [(48.9, 87.8), (45.2, 90.8), (42.7, 96.4), (42.5, 101.5), (41.8, 105.5), (43.2, 111.0), (46.6, 119.5)];

/// The Bay of Bengal and the Arabian Sea.
const BENGAL: [(f32, f32); 7] =
    [(22.5, 80.0), (22.0, 88.5), (22.5, 91.5), (21.0, 93.0), (16.0, 95.0), (14.0, 80.5), (16.0, 80.0)];
const ARABIAN: [(f32, f32); 6] = [(26.0, 60.0), (24.5, 67.5), (22.8, 69.0), (21.0, 72.8), (14.0, 74.5), (14.0, 60.0)];

fn inside(poly: &[(f32, f32)], p: (f32, f32)) -> bool {
    let mut c = false;
    let mut j = poly.len() - 1;
    for i in 0..poly.len() {
        let (a, b) = (poly[i], poly[j]);
        if (a.0 > p.0) != (b.0 > p.0) && p.1 < (b.1 - a.1) * (p.0 - a.0) / (b.0 - a.0) + a.1 {
            c = !c;
        }
        j = i;
    }
    c
}

/// Distance from a point to a polyline, in degrees.
fn to_line(line: &[(f32, f32)], p: (f32, f32)) -> f32 {
    line.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let t = (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / (dx * dx + dy * dy)).clamp(0.0, 1.0);
            let (qx, qy) = (a.0 + t * dx - p.0, a.1 + t * dy - p.1);
            (qx * qx + qy * qy).sqrt()
        })
        .fold(f32::MAX, f32::min)
}

fn grain(x: u32, y: u32) -> f32 {
    let mut h = x.wrapping_mul(0x9E37_79B1) ^ y.wrapping_mul(0x85EB_CA77);
    h ^= h >> 15;
    h = h.wrapping_mul(0x2C1B_3C6D);
    h ^= h >> 12;
    (h & 0xffff) as f32 / 65535.0
}

fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> [u8; 3] {
    let t = t.clamp(0.0, 1.0);
    [0, 1, 2].map(|i| (a[i] as f32 + (b[i] as f32 - a[i] as f32) * t) as u8)
}

/// The land's colour at a place, like an old printed atlas.
fn land(p: (f32, f32)) -> [u8; 3] {
    const TAIGA: [u8; 3] = [148, 160, 132];
    const STEPPE: [u8; 3] = [196, 190, 140];
    const DESERT: [u8; 3] = [226, 204, 150];
    const PLATEAU: [u8; 3] = [196, 186, 170];
    const SNOW: [u8; 3] = [240, 240, 236];
    const PLAINS: [u8; 3] = [168, 190, 128];
    const SEA: [u8; 3] = [150, 178, 200];
    if inside(&BENGAL, p) || inside(&ARABIAN, p) || inside(&BAIKAL, p) {
        return SEA;
    }
    let (lat, _) = p;
    let ridge = to_line(&HIMALAYA, p);
    if ridge < 0.6 {
        return mix(SNOW, PLATEAU, ridge / 0.6 * 0.5);
    }
    if inside(&TIBET, p) {
        return PLATEAU;
    }
    if inside(&GOBI, p) {
        return DESERT;
    }
    if lat < 29.0 {
        return PLAINS;
    }
    // North to south: taiga fading into steppe.
    mix(STEPPE, TAIGA, (lat - 47.0) / 5.0)
}

fn put(px: &mut [u8], view: &MapView, x: i32, y: i32, c: [u8; 3], alpha: f32) {
    if x < 0 || y < 0 || x >= view.width as i32 || y >= view.height as i32 {
        return;
    }
    let i = ((y as u32 * view.width + x as u32) * 4) as usize;
    for k in 0..3 {
        px[i + k] = (px[i + k] as f32 * (1.0 - alpha) + c[k] as f32 * alpha) as u8;
    }
}

fn dot(px: &mut [u8], view: &MapView, (x, y): (f32, f32), r: f32, c: [u8; 3]) {
    let ri = r.ceil() as i32 + 1;
    let (cx, cy) = (x.floor() as i32, y.floor() as i32);
    for yi in cy - ri..=cy + ri {
        for xi in cx - ri..=cx + ri {
            let d = ((xi as f32 + 0.5 - x).powi(2) + (yi as f32 + 0.5 - y).powi(2)).sqrt();
            let a = (r + 0.5 - d).clamp(0.0, 1.0);
            if a > 0.0 {
                put(px, view, xi, yi, c, a);
            }
        }
    }
}

fn stroke(px: &mut [u8], view: &MapView, line: &[(f32, f32)], width: f32, c: [u8; 3], dash: Option<f32>) {
    let mut walked = 0.0;
    for w in line.windows(2) {
        let (a, b) = (view.project(w[0]), view.project(w[1]));
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        // A segment wholly off one side of the picture draws nothing, and a point far off the
        // map (a damaged save) must not cost a billion dots.
        let (w, h) = (view.width as f32, view.height as f32);
        let off = (a.0 < 0.0 && b.0 < 0.0) || (a.0 > w && b.0 > w) || (a.1 < 0.0 && b.1 < 0.0) || (a.1 > h && b.1 > h);
        if off || !len.is_finite() {
            walked += if len.is_finite() { len } else { 0.0 };
            continue;
        }
        let steps = (len * 2.0).ceil().clamp(1.0, 4.0 * (w + h)) as u32;
        for s in 0..=steps {
            let t = s as f32 / steps as f32;
            let at = walked + len * t;
            if dash.is_some_and(|d| (at / d) as u32 % 2 == 1) {
                continue;
            }
            dot(px, view, (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t), width / 2.0, c);
        }
        walked += len;
    }
}

/// Paints the map: the route (latitude, longitude points, in order) and a mark where each
/// member was lost. RGBA, `view.width × view.height`.
/// Another road the route could take (a fork not yet decided), dashed in blue over `px`, a
/// picture painted by [`paint`] for `view`.
pub fn draw_other_road(px: &mut [u8], view: &MapView, road: &[(f32, f32)]) {
    stroke(px, view, road, 2.2, [40, 70, 150], Some(6.0));
}

pub fn paint(view: &MapView, route: &[(f32, f32)], losses: &[(f32, f32)]) -> Vec<u8> {
    let mut px = vec![255u8; (view.width * view.height * 4) as usize];
    for y in 0..view.height {
        for x in 0..view.width {
            let p = view.unproject(x as f32 + 0.5, y as f32 + 0.5);
            let c = land(p);
            // Paper grain, and a darker edge toward the frame.
            let g = 0.94 + 0.06 * grain(x, y);
            let i = ((y * view.width + x) * 4) as usize;
            px[i..i + 3].copy_from_slice(&c.map(|v| (v as f32 * g) as u8));
        }
    }
    // Graticule every 10 degrees.
    // Graticule every 10 degrees (every degree on a map of a few degrees: a stage's march).
    let step = if view.north - view.south < 15.0 { 1 } else { 10 };
    let (lat0, lat1) = ((view.south / step as f32).ceil() as i32 * step, view.north.floor() as i32);
    let (lon0, lon1) = ((view.west / step as f32).ceil() as i32 * step, view.east.floor() as i32);
    for lat in (lat0..=lat1).step_by(step as usize) {
        let line: Vec<_> =
            (0..=24).map(|k| (lat as f32, view.west + k as f32 * (view.east - view.west) / 24.0)).collect();
        stroke(&mut px, view, &line, 1.0, [120, 120, 110], Some(3.0));
    }
    for lon in (lon0..=lon1).step_by(step as usize) {
        let line: Vec<_> =
            (0..=24).map(|k| (view.south + k as f32 * (view.north - view.south) / 24.0, lon as f32)).collect();
        stroke(&mut px, view, &line, 1.0, [120, 120, 110], Some(3.0));
    }
    stroke(&mut px, view, &SOVIET_BORDER, 1.6, [150, 60, 60], Some(5.0));
    stroke(&mut px, view, &MONGOLIA_SOUTH, 1.4, [110, 90, 70], Some(5.0));
    stroke(&mut px, view, &HIMALAYA, 2.0, [150, 150, 160], None);
    // The route: a dark line under a bright one, so it reads on any ground.
    stroke(&mut px, view, route, 4.0, [60, 30, 20], None);
    stroke(&mut px, view, route, 2.0, [210, 70, 40], None);
    if let Some(first) = route.first() {
        dot(&mut px, view, view.project(*first), 4.0, [30, 30, 30]);
    }
    for l in losses {
        let (x, y) = view.project(*l);
        for d in -4..=4 {
            let d = d as f32;
            dot(&mut px, view, (x + d, y + d), 1.2, [20, 20, 20]);
            dot(&mut px, view, (x + d, y - d), 1.2, [20, 20, 20]);
        }
    }
    px
}

/// Where the places of the story lie, for labels over the map.
pub const PLACES: [(&str, (f32, f32)); 8] = [
    ("Camp", (60.62, 121.9)),
    ("Lake Baikal", (53.5, 108.2)),
    ("Mongolia", (47.5, 100.0)),
    ("Ulaanbaatar", (47.9, 106.9)),
    ("Gobi", (43.2, 104.0)),
    ("Tibet", (33.5, 88.0)),
    ("Lhasa", (29.65, 91.1)),
    ("India", (25.0, 82.0)),
];
