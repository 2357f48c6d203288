//! The committed tile art is what the painter makes: `tilegen` was run after the last change.

use std::path::Path;

use the_way_back::art;

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
