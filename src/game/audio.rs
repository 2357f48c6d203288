//! Sound, with bevy_kira_audio: wind, storm, lake, desert wind, fire, footsteps, interface
//! clicks, and music for the journey's big moments (each new stage, every death, the ending,
//! and the story events the level files mark with a `moment`). The sounds are `soundgen`'s
//! (`src/sound.rs`); the loudness of each channel is the player's setting.

use std::time::Duration;

use bevy::prelude::*;
use bevy_kira_audio::prelude::*;

use crate::game::menus::settings::{Channel, Settings};
use crate::levels::{Biome, Levels, Moment, Terrain, WeatherKind};
use crate::paint::sound::SoundId;
use crate::sim::journey::JourneyEnded;
use crate::sim::journey::story::{PendingEvent, StoryBeat, stage_events};
use crate::sim::model::air::Weather;
use crate::sim::model::body::Died;
use crate::sim::model::party::{Leader, Position};
use crate::sim::model::stage::{CurrentLevel, Outcome};
use crate::sim::model::supplies::Fire;
use crate::sim::world::StageMap;
use crate::states::{Screen, Stage};

/// Something in the interface was used: a click.
#[derive(Message, Debug, Clone, Copy)]
pub struct UiSound;

#[derive(Resource)]
struct MusicChannel;
#[derive(Resource)]
struct AmbienceChannel;
#[derive(Resource)]
struct EffectsChannel;
#[derive(Resource)]
struct InterfaceChannel;

#[derive(Resource)]
struct Sounds(Vec<(SoundId, Handle<AudioSource>)>);

impl Sounds {
    fn get(&self, id: SoundId) -> Handle<AudioSource> {
        self.0.iter().find(|(i, _)| *i == id).map(|(_, h)| h.clone()).unwrap_or_default()
    }
}

/// Amplitude (0 to 1) as kira's decibels; quiet enough is silence.
fn decibels(amplitude: f32) -> f32 {
    if amplitude <= 0.001 { -60.0 } else { 20.0 * amplitude.log10() }
}

/// Loading starts as the app is built, so the title's music is there for its first frame.
fn load_sounds(app: &mut App) {
    let server = app.world().resource::<AssetServer>().clone();
    app.insert_resource(Sounds(SoundId::ALL.iter().map(|id| (*id, server.load(id.path()))).collect()));
}

/// The ambience loops, all playing from the start of a journey, each at the loudness the scene
/// gives it.
#[derive(Resource, Default)]
struct Ambience {
    loops: Vec<(SoundId, Handle<AudioInstance>, f32)>,
}

const LOOPS: [SoundId; 5] = [SoundId::Wind, SoundId::Storm, SoundId::Desert, SoundId::Lake, SoundId::Fire];

fn start_ambience(channel: Res<AudioChannel<AmbienceChannel>>, sounds: Res<Sounds>, mut ambience: ResMut<Ambience>) {
    ambience.loops =
        LOOPS.iter().map(|id| (*id, channel.play(sounds.get(*id)).looped().with_volume(-60.0).handle(), 0.0)).collect();
}

fn stop_ambience(channel: Res<AudioChannel<AmbienceChannel>>, mut ambience: ResMut<Ambience>) {
    channel.stop().fade_out(AudioTween::linear(Duration::from_millis(600)));
    ambience.loops.clear();
}

/// How loud each loop should be now, 0 to 1, from the weather, the ground and the fires.
fn ambience_targets(
    biome: Biome,
    weather: &Weather,
    lead: Vec2,
    map: &StageMap,
    nearest_fire: Option<f32>,
) -> [(SoundId, f32); 5] {
    let wind = (weather.wind_kmh / 45.0).clamp(0.08, 1.0);
    let dry = matches!(biome, Biome::Steppe | Biome::Desert);
    let storm = match weather.kind {
        WeatherKind::Blizzard => 1.0,
        WeatherKind::Sandstorm => 0.45,
        WeatherKind::Snowfall => 0.1,
        _ => 0.0,
    };
    let sand = if weather.kind == WeatherKind::Sandstorm {
        1.0
    } else if dry {
        0.25 + 0.6 * wind
    } else {
        0.0
    };
    let mut water = 0;
    for dy in -8..=8 {
        for dx in -8..=8 {
            let (x, y) = (lead.x as i32 + dx, lead.y as i32 + dy);
            if map.contains(x, y)
                && matches!(map.at(UVec2::new(x as u32, y as u32)), Terrain::LakeWater | Terrain::River)
            {
                water += 1;
            }
        }
    }
    let lake = (water as f32 / 50.0).min(1.0) * if weather.kind == WeatherKind::Blizzard { 0.4 } else { 1.0 };
    let fire = nearest_fire.map_or(0.0, |d| (1.0 - d / 9.0).clamp(0.0, 1.0));
    [
        (SoundId::Wind, if dry { wind * 0.35 } else { wind * (1.0 - 0.6 * storm) }),
        (SoundId::Storm, storm),
        (SoundId::Desert, sand),
        (SoundId::Lake, lake),
        (SoundId::Fire, fire),
    ]
}

fn mix_ambience(
    time: Res<Time<Real>>,
    settings: Res<Settings>,
    level: Option<Res<CurrentLevel>>,
    weather: Res<Weather>,
    map: Option<Res<StageMap>>,
    leader: Query<&Position, With<Leader>>,
    fires: Query<(&Position, &Fire)>,
    mut ambience: ResMut<Ambience>,
    mut instances: ResMut<Assets<AudioInstance>>,
) {
    let (Some(level), Some(map), Ok(lead)) = (level, map, leader.single()) else { return };
    let nearest = fires.iter().filter(|(_, f)| f.burning()).map(|(p, _)| p.0.distance(lead.0)).reduce(f32::min);
    let targets = ambience_targets(level.0.biome, &weather, lead.0, &map, nearest);
    let gain = settings.volume(Channel::Ambience);
    // Changes glide over a second or two: a gust, not a switch.
    let k = (time.delta_secs() * 1.2).min(1.0);
    for (id, handle, level) in &mut ambience.loops {
        let target = targets.iter().find(|(t, _)| t == id).map_or(0.0, |(_, v)| *v);
        *level += (target - *level) * k;
        if let Some(mut instance) = instances.get_mut(handle) {
            instance.set_decibels(decibels(*level * gain * 0.9), AudioTween::linear(Duration::from_millis(100)));
        }
    }
}

/// Footsteps at the leader's feet, on the sound of the ground walked.
fn play_footsteps(
    time: Res<Time<Real>>,
    settings: Res<Settings>,
    map: Option<Res<StageMap>>,
    channel: Res<AudioChannel<EffectsChannel>>,
    sounds: Res<Sounds>,
    leader: Query<&Position, (With<Leader>, Changed<Position>)>,
    mut last: Local<Option<Vec2>>,
    mut since: Local<f32>,
    mut count: Local<u32>,
) {
    *since += time.delta_secs();
    let (Some(map), Ok(pos)) = (map, leader.single()) else { return };
    let moved = last.is_some_and(|l| l.distance(pos.0) > 0.0005 && l.distance(pos.0) < 2.0);
    *last = Some(pos.0);
    if !moved || *since < 0.42 {
        return;
    }
    *since = 0.0;
    *count += 1;
    let id = match map.terrain_at(pos.0) {
        Terrain::Snow
        | Terrain::DeepSnow
        | Terrain::Snowfield
        | Terrain::Glacier
        | Terrain::ShoreIce
        | Terrain::ThinIce
        | Terrain::FrozenStream
        | Terrain::SpruceForest
        | Terrain::BirchForest
        | Terrain::DenseForest
        | Terrain::Yard => SoundId::StepSnow,
        Terrain::Dune | Terrain::Sand | Terrain::SaltFlat | Terrain::DryRiverbed => SoundId::StepSand,
        _ => SoundId::StepGround,
    };
    // Every step a little different: the pitch and loudness wander.
    let rate = [1.0, 0.93, 1.06, 0.97][*count as usize % 4];
    let volume = settings.volume(Channel::Effects) * [0.55, 0.45, 0.5, 0.4][*count as usize % 4];
    channel.play(sounds.get(id)).with_playback_rate(rate).with_volume(decibels(volume));
}

fn click_buttons(
    buttons: Query<&Interaction, (Changed<Interaction>, With<Button>)>,
    mut ui: MessageReader<UiSound>,
    settings: Res<Settings>,
    channel: Res<AudioChannel<InterfaceChannel>>,
    sounds: Res<Sounds>,
) {
    let pressed = buttons.iter().any(|i| *i == Interaction::Pressed);
    if pressed || ui.read().count() > 0 {
        channel.play(sounds.get(SoundId::Click)).with_volume(decibels(settings.volume(Channel::Interface) * 0.6));
    }
}

/// A question opens with a chime; a message in the log with a softer one.
fn chime_for_questions(
    pending: Res<PendingEvent>,
    settings: Res<Settings>,
    channel: Res<AudioChannel<InterfaceChannel>>,
    sounds: Res<Sounds>,
    mut asked: Local<bool>,
) {
    let asking = pending.0.is_some();
    if asking && !*asked {
        channel.play(sounds.get(SoundId::Open)).with_volume(decibels(settings.volume(Channel::Interface) * 0.5));
    }
    *asked = asking;
}

/// The music now playing, so the volume setting reaches it and a new cue replaces it.
#[derive(Resource, Default)]
struct NowPlaying(Option<(Handle<AudioInstance>, f32)>);

fn cue(
    id: SoundId,
    loudness: f32,
    settings: &Settings,
    channel: &AudioChannel<MusicChannel>,
    sounds: &Sounds,
    now: &mut NowPlaying,
) {
    channel.stop().fade_out(AudioTween::linear(Duration::from_millis(800)));
    let handle = channel
        .play(sounds.get(id))
        .with_volume(decibels(settings.volume(Channel::Music) * loudness))
        .linear_fade_in(Duration::from_millis(300))
        .handle();
    now.0 = Some((handle, loudness));
}

fn play_title_music(
    settings: Res<Settings>,
    channel: Res<AudioChannel<MusicChannel>>,
    sounds: Res<Sounds>,
    mut now: ResMut<NowPlaying>,
) {
    cue(SoundId::Title, 0.8, &settings, &channel, &sounds, &mut now);
}

/// A new stage: a rising call; India and the Epilogue: the journey's end.
fn play_stage_music(
    stage: Res<State<Stage>>,
    settings: Res<Settings>,
    channel: Res<AudioChannel<MusicChannel>>,
    sounds: Res<Sounds>,
    mut now: ResMut<NowPlaying>,
) {
    let id = if matches!(stage.get(), Stage::India | Stage::Epilogue) { SoundId::Home } else { SoundId::Stage };
    cue(id, 0.7, &settings, &channel, &sounds, &mut now);
}

fn play_loss_music(
    mut died: MessageReader<Died>,
    mut ended: MessageReader<JourneyEnded>,
    settings: Res<Settings>,
    channel: Res<AudioChannel<MusicChannel>>,
    sounds: Res<Sounds>,
    mut now: ResMut<NowPlaying>,
) {
    let ending = ended.read().last().map(|e| e.0);
    if died.read().count() > 0 || matches!(ending, Some(o) if o != Outcome::ReachedIndia) {
        cue(SoundId::Loss, 0.8, &settings, &channel, &sounds, &mut now);
    } else if ending.is_some() {
        cue(SoundId::Home, 0.8, &settings, &channel, &sounds, &mut now);
    }
}

/// The story's big moments have their music: the theme for the escape, hope, sorrow.
fn play_story_music(
    mut beats: MessageReader<StoryBeat>,
    levels: Res<Levels>,
    level: Option<Res<CurrentLevel>>,
    settings: Res<Settings>,
    channel: Res<AudioChannel<MusicChannel>>,
    sounds: Res<Sounds>,
    mut now: ResMut<NowPlaying>,
) {
    let Some(level) = level else { return };
    for beat in beats.read() {
        // Once, as it is told; not again when its question is answered.
        if beat.0.choice.is_some() {
            continue;
        }
        let moment = stage_events(&levels, &level.0).find(|e| e.id == beat.0.id).and_then(|e| e.moment);
        let id = match moment {
            Some(Moment::Theme) => SoundId::Title,
            Some(Moment::Hope) => SoundId::Home,
            Some(Moment::Sorrow) => SoundId::Loss,
            None => continue,
        };
        cue(id, 0.8, &settings, &channel, &sounds, &mut now);
    }
}

fn follow_music_volume(settings: Res<Settings>, now: Res<NowPlaying>, mut instances: ResMut<Assets<AudioInstance>>) {
    if !settings.is_changed() {
        return;
    }
    if let Some((handle, loudness)) = &now.0
        && let Some(mut instance) = instances.get_mut(handle)
    {
        instance.set_decibels(decibels(settings.volume(Channel::Music) * loudness), AudioTween::default());
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_plugins(AudioPlugin)
        .add_audio_channel::<MusicChannel>()
        .add_audio_channel::<AmbienceChannel>()
        .add_audio_channel::<EffectsChannel>()
        .add_audio_channel::<InterfaceChannel>();
    app.add_message::<UiSound>();
    app.init_resource::<Ambience>();
    app.init_resource::<NowPlaying>();
    load_sounds(app);
    app.add_systems(OnEnter(Screen::Title), play_title_music);
    app.add_systems(OnEnter(Screen::Playing), start_ambience);
    app.add_systems(OnExit(Screen::Playing), stop_ambience);
    for stage in Stage::ALL {
        if stage != Stage::Camp {
            app.add_systems(OnEnter(stage), play_stage_music);
        }
    }
    app.add_systems(
        Update,
        (
            (mix_ambience, play_footsteps, chime_for_questions, play_story_music).run_if(in_state(Screen::Playing)),
            play_loss_music,
            click_buttons,
            follow_music_volume,
        ),
    );
}
