//! Writes the game's tile art into `assets/tiles/` (`cargo run --bin tilegen`), or with `--check`
//! says whether the committed images are what the painter makes now.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use the_way_back::paint::art;

fn encode(width: u32, height: u32, rgba: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().expect("PNG header");
    writer.write_image_data(rgba).expect("PNG data");
    writer.finish().expect("PNG end");
    out
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let check = args.iter().any(|a| a == "--check");
    if let Some(bad) = args.iter().find(|a| *a != "--check") {
        eprintln!("error: unknown argument `{bad}`\nusage: tilegen [--check]");
        return ExitCode::from(2);
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets").join("tiles");
    let sheets: [(PathBuf, (u32, u32, Vec<u8>)); 2] =
        [(dir.join("terrain.png"), art::terrain_sheet()), (dir.join("transitions.png"), art::transition_sheet())];
    let mut stale = false;
    for (path, (w, h, rgba)) in sheets {
        let bytes = encode(w, h, &rgba);
        if check {
            if std::fs::read(&path).ok().as_deref() != Some(&bytes[..]) {
                eprintln!("{} is stale: run `cargo run --no-default-features --bin tilegen`", path.display());
                stale = true;
            }
        } else {
            if let Err(e) = std::fs::create_dir_all(&dir).and_then(|_| std::fs::write(&path, &bytes)) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
            println!("wrote {} ({w}x{h})", path.display());
        }
    }
    if stale { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
