//! The HUD while playing: where and when the group is, the way out, what just happened, and
//! the dark of night.

use bevy::prelude::*;

use super::theme;
use crate::sim::clock::GameClock;
use crate::sim::journey::CurrentLevel;
use crate::sim::movement::Resting;
use crate::sim::party::{Leader, Member, Position, Status};
use crate::sim::state::{Screen, Stage};
use crate::sim::story::StoryBeat;
use crate::sim::world::StageMap;

#[derive(Component)]
struct StageLine;

#[derive(Component)]
struct ClockLine;

#[derive(Component)]
struct WayLine;

#[derive(Component)]
struct MessageLine {
    /// Seconds the message has been up.
    age: f32,
}

#[derive(Component)]
struct Darkness;

const MESSAGE_SECONDS: f32 = 14.0;

fn spawn_hud(mut commands: Commands) {
    commands.spawn((
        Name::new("Night"),
        Darkness,
        Node { position_type: PositionType::Absolute, width: percent(100), height: percent(100), ..default() },
        BackgroundColor(Color::NONE),
        GlobalZIndex(-1),
        Pickable::IGNORE,
        DespawnOnExit(Screen::Playing),
    ));
    commands.spawn((
        Name::new("HUD"),
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::SpaceBetween,
            padding: UiRect::all(px(12)),
            ..default()
        },
        Pickable::IGNORE,
        DespawnOnExit(Screen::Playing),
        children![
            (
                Node {
                    flex_direction: FlexDirection::Column,
                    padding: UiRect::axes(px(14), px(8)),
                    row_gap: px(4),
                    align_self: AlignSelf::FlexStart,
                    ..default()
                },
                BackgroundColor(theme::PANEL),
                children![
                    (StageLine, theme::label("", 24.0, theme::ACCENT)),
                    (ClockLine, theme::label("", 17.0, theme::TEXT)),
                    (WayLine, theme::label("", 17.0, theme::TEXT)),
                ],
            ),
            (
                Node {
                    flex_direction: FlexDirection::Column,
                    padding: UiRect::axes(px(14), px(8)),
                    max_width: px(760),
                    align_self: AlignSelf::FlexStart,
                    ..default()
                },
                BackgroundColor(theme::PANEL),
                children![(MessageLine { age: MESSAGE_SECONDS }, theme::label("", 17.0, theme::TEXT))],
            ),
        ],
    ));
}

fn compass(v: Vec2) -> &'static str {
    const NAMES: [&str; 8] = ["east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east"];
    let a = v.y.atan2(v.x).rem_euclid(std::f32::consts::TAU);
    NAMES[((a / (std::f32::consts::TAU / 8.0)).round() as usize) % 8]
}

#[allow(clippy::too_many_arguments)]
fn update_hud(
    stage: Res<State<Stage>>,
    level: Option<Res<CurrentLevel>>,
    map: Option<Res<StageMap>>,
    clock: Res<GameClock>,
    resting: Res<Resting>,
    leader: Query<&Position, With<Leader>>,
    members: Query<&Status, With<Member>>,
    mut lines: ParamSet<(
        Single<&mut Text, With<StageLine>>,
        Single<&mut Text, With<ClockLine>>,
        Single<&mut Text, With<WayLine>>,
    )>,
) {
    let (Some(level), Some(map)) = (level, map) else { return };
    let level = &level.0;
    let number = stage.get().index() + 1;
    lines.p0().0 = format!("{number}/10  {} - {}", level.title, level.place);
    let walking = members.iter().filter(|s| **s == Status::Walking).count();
    let camp = if resting.0 { "  |  camped until dawn" } else { "" };
    let part = if clock.is_night() { "night" } else { "day" };
    lines.p1().0 = format!("Day {}  {} ({part})  |  {walking} walking{camp}", clock.day(), clock.time_of_day());
    if let Ok(pos) = leader.single() {
        let to = map.exit_centre().as_vec2() + Vec2::splat(0.5) - pos.0;
        let km = to.length() * level.tile_m / 1000.0;
        lines.p2().0 = format!("Way out: {} - {:.0} km {}", level.way_out.label, km.max(0.0), compass(to));
    }
}

fn show_story_beats(
    time: Res<Time>,
    mut beats: MessageReader<StoryBeat>,
    mut line: Single<(&mut Text, &mut MessageLine, &mut TextColor)>,
) {
    let (text, message, colour) = &mut *line;
    for beat in beats.read() {
        text.0 = format!("{}\n{}", beat.0.title, beat.0.text);
        message.age = 0.0;
    }
    message.age += time.delta_secs();
    let fade = (1.0 - (message.age - MESSAGE_SECONDS + 2.0) / 2.0).clamp(0.0, 1.0);
    colour.0 = theme::TEXT.with_alpha(fade);
    if fade == 0.0 {
        text.0.clear();
    }
}

/// How dark it is, 0 at noon to about 0.7 in the small hours, with dusk and dawn between.
fn darkness(hour: f32) -> f32 {
    let sun = ((hour - 6.0) / 12.0 * std::f32::consts::PI).sin();
    (0.1 - sun * 0.8).clamp(0.0, 0.68)
}

fn darken_night(clock: Res<GameClock>, mut night: Single<&mut BackgroundColor, With<Darkness>>) {
    night.0 = Color::srgba(0.02, 0.03, 0.08, darkness(clock.hour()));
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Playing), spawn_hud);
    app.add_systems(
        Update,
        (update_hud, show_story_beats, darken_night).run_if(in_state(Screen::Playing)),
    );
}
