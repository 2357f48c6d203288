//! The HUD while playing: where and when the group is, the way out, what just happened.

use bevy::prelude::*;

use super::theme;
use crate::sim::clock::GameClock;
use crate::sim::journey::CurrentLevel;
use crate::sim::movement::Resting;
use crate::sim::party::{Leader, Member, Position, Status};
use crate::sim::state::{Screen, Stage};
use crate::sim::camp::Supplies;
use crate::sim::cohesion::{Mind, Straying};
use crate::sim::movement::Pace;
use crate::sim::party::News;
use crate::sim::story::StoryBeat;
use crate::sim::survival::Vitals;
use crate::sim::weather::Weather;
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
struct WeatherLine;

#[derive(Component)]
struct PartyPanel;

const MESSAGE_SECONDS: f32 = 14.0;

fn spawn_hud(mut commands: Commands) {
    commands.spawn((
        Name::new("HUD"),
        GlobalZIndex(1),
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            justify_content: JustifyContent::SpaceBetween,
            padding: UiRect::all(px(12)),
            ..default()
        },
        bevy::ui::FocusPolicy::Pass,
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
                    (WeatherLine, theme::label("", 17.0, theme::TEXT)),
                ],
            ),
            (
                Node {
                    justify_content: JustifyContent::SpaceBetween,
                    align_items: AlignItems::FlexEnd,
                    column_gap: px(12),
                    ..default()
                },
                children![
                    (
                        Node {
                            flex_direction: FlexDirection::Column,
                            padding: UiRect::axes(px(14), px(8)),
                            max_width: px(560),
                            ..default()
                        },
                        BackgroundColor(theme::PANEL),
                        children![(MessageLine { age: MESSAGE_SECONDS }, theme::label("", 16.0, theme::TEXT))],
                    ),
                    (
                        Node { padding: UiRect::axes(px(10), px(6)), ..default() },
                        BackgroundColor(theme::PANEL),
                        children![(PartyPanel, theme::label("", 12.0, theme::TEXT))],
                    ),
                ],
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
    weather: Res<Weather>,
    supplies: Res<Supplies>,
    pace: Res<Pace>,
    party: Query<(&Member, &Status, &Vitals, &Mind, Has<Straying>)>,
    mut lines: ParamSet<(
        Single<&mut Text, With<StageLine>>,
        Single<&mut Text, With<ClockLine>>,
        Single<&mut Text, With<WayLine>>,
        Single<&mut Text, With<WeatherLine>>,
        Single<&mut Text, With<PartyPanel>>,
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
    let feels = party.iter().filter(|(_, s, ..)| **s == Status::Walking).map(|(_, _, v, ..)| v.feels_like_c).next();
    lines.p3().0 = format!(
        "{:?} {:.0} C, feels {}, wind {:.0} km/h | water {:.0}/{:.0} L, wood {}, food {:.0} | {:?}",
        weather.kind,
        weather.air_c,
        feels.map_or("-".into(), |f| format!("{f:.0} C")),
        weather.wind_kmh,
        supplies.water_l,
        supplies.capacity_l,
        supplies.wood,
        supplies.rations,
        *pace,
    );
    let mut rows: Vec<_> = party.iter().collect();
    rows.sort_by_key(|(m, ..)| m.0);
    lines.p4().0 = rows
        .iter()
        .map(|(m, status, v, mind, straying)| member_line(m.0.name(), **status, v, mind, *straying))
        .collect::<Vec<_>>()
        .join("\n");
}

/// One member's state in words, so that it reads without relying on colour.
fn member_line(name: &str, status: Status, v: &Vitals, mind: &Mind, straying: bool) -> String {
    let state = match status {
        Status::Walking if straying => "STRAYING",
        Status::Walking => "",
        Status::GivenUp => "GIVEN UP",
        Status::Lost => "LOST",
        Status::Dead => "DEAD",
        Status::Departed => "LEFT",
    };
    if matches!(status, Status::Dead | Status::Lost | Status::Departed) {
        return format!("{name:<8} {state}");
    }
    let c = v.conditions();
    let mut tags = Vec::new();
    for (on, tag) in [
        (c.severe_hypothermia, "severe hypothermia"),
        (c.hypothermia && !c.severe_hypothermia, "hypothermia"),
        (c.cold && !c.hypothermia, "cold"),
        (c.heatstroke, "heatstroke"),
        (c.heat_exhaustion && !c.heatstroke, "heat exhaustion"),
        (c.collapsed, "collapsed"),
        (c.weakened && !c.collapsed, "weak with thirst"),
        (c.thirsty && !c.weakened, "thirsty"),
        (c.frostbite, "frostbite"),
        (c.sunburn, "sunburn"),
        (c.blisters, "blisters"),
        (c.exhausted, "exhausted"),
        (c.hungry, "hungry"),
    ] {
        if on {
            tags.push(tag);
        }
    }
    format!(
        "{name:<8} {:>4.1}C  dry {:>4.1}%  spirit {:>3.0}%  tired {:>3.0}%  {state} {}",
        v.core_c,
        v.dehydration_pct(),
        mind.morale * 100.0,
        v.fatigue * 100.0,
        tags.join(", ")
    )
}

fn show_news(mut news: MessageReader<News>, mut line: Single<(&mut Text, &mut MessageLine)>) {
    let (text, message) = &mut *line;
    for n in news.read() {
        text.0 = n.0.clone();
        message.age = 0.0;
    }
}

fn show_story_beats(
    time: Res<Time>,
    pending: Res<crate::sim::story::PendingEvent>,
    mut beats: MessageReader<StoryBeat>,
    mut line: Single<(&mut Text, &mut MessageLine, &mut TextColor)>,
) {
    let (text, message, colour) = &mut *line;
    for beat in beats.read() {
        let e = &beat.0;
        // A question is in its dialog; what came of it is told here afterwards.
        if e.choice.is_none() && pending.0.as_ref().is_some_and(|p| p.entry.id == e.id) {
            continue;
        }
        text.0 = match (&e.choice, &e.reply) {
            (Some(choice), Some(reply)) if !reply.is_empty() => format!("{}: {choice}\n{reply}", e.title),
            (Some(choice), _) => format!("{}: {choice}", e.title),
            _ => format!("{}\n{}", e.title, e.text),
        };
        message.age = 0.0;
    }
    message.age += time.delta_secs();
    let fade = (1.0 - (message.age - MESSAGE_SECONDS + 2.0) / 2.0).clamp(0.0, 1.0);
    colour.0 = theme::TEXT.with_alpha(fade);
    if fade == 0.0 {
        text.0.clear();
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Playing), spawn_hud);
    app.add_systems(
        Update,
        (update_hud, show_story_beats, show_news).run_if(in_state(Screen::Playing)),
    );
}
