//! The committed tile art is what the painter makes: `tilegen` was run after the last change.

use std::path::Path;

use the_way_back::paint::art;

fn decode(name: &str) -> (u32, u32, Vec<u8>) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/tiles").join(name);
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (info.width, info.height, buf)
}

#[test]
fn the_committed_tilesets_match_the_generator() {
    for (name, sheet) in [("terrain.png", art::terrain_sheet()), ("transitions.png", art::transition_sheet())] {
        let (w, h, rgba) = decode(name);
        assert_eq!((w, h), (sheet.0, sheet.1), "{name}: size; run `cargo run --no-default-features --bin tilegen`");
        assert!(rgba == sheet.2, "{name} is stale; run `cargo run --no-default-features --bin tilegen`");
    }
}

#[test]
fn every_terrain_has_distinct_textured_variants() {
    let (w, _, rgba) = art::terrain_sheet();
    let tile = |i: u32| -> Vec<[u8; 4]> {
        let (ox, oy) = ((i % art::COLUMNS) * art::TILE, (i / art::COLUMNS) * art::TILE);
        (0..art::TILE * art::TILE)
            .map(|k| {
                let (x, y) = (ox + k % art::TILE, oy + k / art::TILE);
                let at = ((y * w + x) * 4) as usize;
                [rgba[at], rgba[at + 1], rgba[at + 2], rgba[at + 3]]
            })
            .collect()
    };
    for t in 0..art::TERRAINS {
        let variants: Vec<_> = (0..art::VARIANTS).map(|v| tile(t * art::VARIANTS + v)).collect();
        for v in &variants {
            let mut colours = v.clone();
            colours.sort();
            colours.dedup();
            assert!(colours.len() >= 3, "terrain {t}: a textured tile, not a flat square ({} colours)", colours.len());
        }
        assert!(variants.windows(2).any(|p| p[0] != p[1]), "terrain {t}: variants differ");
    }
}

#[test]
fn the_journey_map_shows_the_route_and_where_people_were_lost() {
    use the_way_back::paint::journey_map::{MapView, paint};
    let view = MapView::default();
    let route = [(59.6, 109.4), (53.0, 106.0), (47.5, 106.8), (40.0, 99.0), (29.6, 91.0), (27.0, 88.3)];
    let lost = [(44.0, 103.0)];
    let px = paint(&view, &route, &lost);
    assert_eq!(px.len(), (view.width * view.height * 4) as usize);
    let at = |ll: (f32, f32)| {
        let (x, y) = view.project(ll);
        let i = ((y as u32 * view.width + x as u32) * 4) as usize;
        [px[i], px[i + 1], px[i + 2]]
    };
    // The route is drawn in red over the land; Baikal is water-blue; the loss is marked dark.
    let mid = (53.0 + (47.5 - 53.0) * 0.5, 106.0 + (106.8 - 106.0) * 0.5);
    let red = at(mid);
    assert!(red[0] > 150 && red[1] < 110, "route colour at {mid:?}: {red:?}");
    let lake = at((53.3, 108.0));
    assert!(lake[2] > lake[0], "Baikal is blue: {lake:?}");
    let mark = at(lost[0]);
    assert!(mark.iter().all(|c| *c < 90), "loss marked: {mark:?}");
    let desert = at((43.0, 100.0));
    let taiga = at((58.0, 95.0));
    assert!(desert[0] > taiga[0] + 30, "the Gobi is paler than the taiga: {desert:?} {taiga:?}");
}

#[test]
fn each_person_has_their_own_figure_with_a_walk_and_a_fall() {
    use the_way_back::paint::art::{FIGURE, FIGURE_FRAMES, LYING, figure_sheet};
    let levels = the_way_back::levels::Levels::builtin().unwrap();
    let mut sheets = Vec::new();
    for c in &levels.story.characters {
        let l = c.look;
        let (w, h, px) = figure_sheet(
            [l.coat.0, l.coat.1, l.coat.2],
            [l.hat.0, l.hat.1, l.hat.2],
            [l.skin.0, l.skin.1, l.skin.2],
            l.beard,
        );
        assert_eq!((w, h), (FIGURE * FIGURE_FRAMES, FIGURE));
        let frame = |f: u32| -> Vec<u8> {
            (0..FIGURE)
                .flat_map(|y| {
                    let px = &px;
                    (0..FIGURE).flat_map(move |x| px[(((y * w) + f * FIGURE + x) * 4) as usize..][..4].to_vec())
                })
                .collect()
        };
        // A walk: the stepping frames differ from standing and from each other; lying differs.
        assert_ne!(frame(0), frame(1), "{}: a step", c.name);
        assert_ne!(frame(1), frame(3), "{}: the other step", c.name);
        assert_ne!(frame(0), frame(LYING), "{}: lying down", c.name);
        let opaque = frame(0).chunks(4).filter(|p| p[3] == 255).count();
        assert!(opaque > 80, "{}: a figure, not a speck ({opaque} pixels)", c.name);
        sheets.push(frame(0));
    }
    for i in 0..sheets.len() {
        for j in i + 1..sheets.len() {
            assert_ne!(sheets[i], sheets[j], "every character looks different");
        }
    }
}

#[test]
fn each_condition_icon_has_a_shape_of_its_own() {
    use the_way_back::paint::art::{ICON, Icon, icon_sheet};
    let (w, h, px) = icon_sheet();
    assert_eq!((w, h), (ICON * Icon::ALL.len() as u32, ICON));
    // The opaque pixels of each icon, as a shape: no two alike, so none relies on its colour.
    let shapes: Vec<Vec<bool>> = (0..Icon::ALL.len() as u32)
        .map(|i| {
            (0..ICON * ICON)
                .map(|p| {
                    let (x, y) = (i * ICON + p % ICON, p / ICON);
                    px[((y * w + x) * 4 + 3) as usize] == 255
                })
                .collect()
        })
        .collect();
    for (i, a) in shapes.iter().enumerate() {
        let on = a.iter().filter(|b| **b).count();
        assert!(on >= 12, "{:?} is drawn ({on} pixels)", Icon::ALL[i]);
        for (j, b) in shapes.iter().enumerate().skip(i + 1) {
            let differ = a.iter().zip(b).filter(|(x, y)| x != y).count();
            assert!(differ >= 12, "{:?} and {:?} differ by shape ({differ} pixels)", Icon::ALL[i], Icon::ALL[j]);
        }
    }
}
