//! The synthesised sounds: the files the game loads are there and are Ogg Vorbis, loops run on
//! without a click, nothing clips, and the same sounds come out every time.

use the_way_back::paint::sound::{RATE, SoundId, rms};

#[test]
fn every_sound_is_in_the_assets_as_ogg_vorbis() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    for id in SoundId::ALL {
        let path = dir.join(id.path());
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e} (run soundgen)", path.display()));
        assert!(bytes.starts_with(b"OggS"), "{} is an Ogg stream", path.display());
        assert!(bytes.windows(7).any(|w| w == b"\x01vorbis"), "{} holds Vorbis audio", path.display());
        assert!(bytes.len() > 2_000, "{} is not empty", path.display());
    }
}

#[test]
fn loops_run_on_without_a_click_and_nothing_clips() {
    for id in SoundId::ALL {
        let s = id.synthesise();
        let peak = s.iter().fold(0.0f32, |m, x| m.max(x.abs()));
        assert!(peak <= 1.0, "{} clips (peak {peak})", id.name());
        assert!(peak > 0.05, "{} is not silence", id.name());
        if id.looped() {
            // The jump from the last sample to the first is no bigger than the loop's own steps.
            let steps: Vec<f32> = s.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
            let typical = steps.iter().sum::<f32>() / steps.len() as f32;
            let seam = (s[0] - s[s.len() - 1]).abs();
            assert!(seam < typical * 6.0, "{} clicks at its loop point ({seam} vs steps of {typical})", id.name());
            assert!(s.len() as u32 >= RATE * 4, "{} is long enough not to be heard repeating", id.name());
        } else {
            assert!(s.len() as u32 <= RATE * 20, "{} is a cue, not a track", id.name());
        }
    }
}

#[test]
fn a_blizzard_is_rougher_than_the_wind_and_the_sounds_are_the_same_each_time() {
    let wind = SoundId::Wind.synthesise();
    let storm = SoundId::Storm.synthesise();
    assert_eq!(wind, SoundId::Wind.synthesise(), "the same every time");
    // The storm's howl is busier: more of its energy moves from sample to sample.
    let roughness = |s: &[f32]| {
        let diff: Vec<f32> = s.windows(2).map(|w| w[1] - w[0]).collect();
        rms(&diff) / rms(s)
    };
    assert!(roughness(&storm) > roughness(&wind) * 1.5, "storm {} vs wind {}", roughness(&storm), roughness(&wind));
    // A step is short; the fire's crackle has sharp peaks well above its average.
    let step = SoundId::StepSnow.synthesise();
    assert!(step.len() < RATE as usize / 2);
    let fire = SoundId::Fire.synthesise();
    let peak = fire.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    assert!(peak > rms(&fire) * 3.0, "the fire crackles");
}
