//! Writes the game's sounds into `assets/audio/` as Ogg Vorbis
//! (`cargo run --no-default-features --features soundgen --bin soundgen`); with `--wav DIR`
//! also as plain WAV files there, to listen to or look at without a decoder.

use std::num::{NonZeroU8, NonZeroU32};
use std::path::Path;
use std::process::ExitCode;

use the_way_back::paint::sound::{RATE, SoundId};
use vorbis_rs::{VorbisBitrateManagementStrategy, VorbisEncoderBuilder};

fn encode(id: SoundId, samples: &[f32]) -> Result<Vec<u8>, vorbis_rs::VorbisError> {
    // A serial from the name, not from entropy: the files come out the same each time.
    let serial = id.name().bytes().fold(17i32, |h, b| h.wrapping_mul(31).wrapping_add(b as i32));
    let mut builder = VorbisEncoderBuilder::new_with_serial(
        NonZeroU32::new(RATE).expect("rate"),
        NonZeroU8::new(1).expect("mono"),
        Vec::new(),
        serial,
    );
    // Music is heard for itself; ambience and effects sit under it and take less.
    let quality = if matches!(id, SoundId::Title | SoundId::Stage | SoundId::Loss | SoundId::Home) { 0.4 } else { 0.2 };
    builder.bitrate_management_strategy(VorbisBitrateManagementStrategy::QualityVbr { target_quality: quality });
    builder.comment_tag("TITLE", id.name())?.comment_tag("ARTIST", "The Way Back soundgen")?;
    let mut encoder = builder.build()?;
    for block in samples.chunks(4096) {
        encoder.encode_audio_block([block])?;
    }
    encoder.finish()
}

/// 16-bit mono PCM in a RIFF WAVE file.
fn wav(samples: &[f32]) -> Vec<u8> {
    let data = (samples.len() * 2) as u32;
    let mut out = Vec::with_capacity(44 + data as usize);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&RATE.to_le_bytes());
    out.extend_from_slice(&(RATE * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data.to_le_bytes());
    for s in samples {
        out.extend_from_slice(&((s.clamp(-1.0, 1.0) * 32767.0) as i16).to_le_bytes());
    }
    out
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let wav_dir = match args.as_slice() {
        [] => None,
        [flag, dir] if flag == "--wav" => Some(std::path::PathBuf::from(dir)),
        _ => {
            eprintln!("error: unknown arguments `{}`\nusage: soundgen [--wav DIR]", args.join(" "));
            return ExitCode::from(2);
        }
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets").join("audio");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("error: cannot make {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let mut total = 0;
    for id in SoundId::ALL {
        let samples = id.synthesise();
        let bytes = match encode(id, &samples) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: encoding {}: {e}", id.name());
                return ExitCode::FAILURE;
            }
        };
        let path = dir.join(format!("{}.ogg", id.name()));
        if let Err(e) = std::fs::write(&path, &bytes) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
        if let Some(d) = &wav_dir {
            let path = d.join(format!("{}.wav", id.name()));
            if let Err(e) = std::fs::create_dir_all(d).and_then(|()| std::fs::write(&path, wav(&samples))) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
        total += bytes.len();
        println!(
            "{:<12} {:>5.2} s  rms {:.3}  {:>6} bytes",
            id.name(),
            samples.len() as f32 / RATE as f32,
            the_way_back::paint::sound::rms(&samples),
            bytes.len()
        );
    }
    println!("{} sounds, {} KiB in {}", SoundId::ALL.len(), total / 1024, dir.display());
    ExitCode::SUCCESS
}
