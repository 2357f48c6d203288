//! The HUD while playing: where and when the group is, the way out, what just happened.

pub mod hints;

use bevy::prelude::*;

use crate::game::theme;
use crate::levels::MemberId;
use crate::paint::art::{self, Icon};
use crate::sim::journey::story::StoryBeat;
use crate::sim::model::air::Weather;
use crate::sim::model::body::Vitals;
use crate::sim::model::clock::GameClock;
use crate::sim::model::group::Pace;
use crate::sim::model::group::Resting;
use crate::sim::model::group::{Mind, Straying};
use crate::sim::model::party::News;
use crate::sim::model::party::{Leader, Member, Position, Status};
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::supplies::Supplies;
use crate::sim::world::StageMap;
use crate::states::{Screen, Stage};

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
struct MessagePanel;

#[derive(Component)]
struct PartyPanel;

const MESSAGE_SECONDS: f32 = 14.0;

/// What a member's bar measures. Each is read by its length; the colours are Okabe and Ito's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gauge {
    /// Body temperature: full at 37 C, empty at 32 C.
    Warmth,
    /// Water in the body: empty at 10 % dehydration, where people collapse.
    Water,
    Spirit,
    /// What is left before exhaustion.
    Strength,
}

const GAUGES: [(Gauge, &str); 4] =
    [(Gauge::Warmth, "warm"), (Gauge::Water, "water"), (Gauge::Spirit, "spirit"), (Gauge::Strength, "legs")];

#[derive(Component)]
struct PartyRow(usize);

#[derive(Component)]
struct RowName(usize);

#[derive(Component)]
struct RowState(usize);

#[derive(Component)]
struct BarFill(usize, Gauge);

#[derive(Component)]
struct IconSlot(usize, Icon);

/// The condition icons, painted in code.
#[derive(Resource, Clone)]
pub struct IconSheet {
    pub image: Handle<Image>,
    pub layout: Handle<TextureAtlasLayout>,
}

impl IconSheet {
    pub fn node(&self, icon: Icon) -> ImageNode {
        let index = Icon::ALL.iter().position(|i| *i == icon).unwrap_or(0);
        ImageNode::from_atlas_image(self.image.clone(), TextureAtlas { layout: self.layout.clone(), index })
    }
}

fn paint_icons(
    mut commands: Commands,
    mut images: ResMut<Assets<Image>>,
    mut layouts: ResMut<Assets<TextureAtlasLayout>>,
) {
    let (w, h, px) = art::icon_sheet();
    let image = images.add(crate::game::rgba_image(w, h, px));
    let layout =
        layouts.add(TextureAtlasLayout::from_grid(UVec2::splat(art::ICON), Icon::ALL.len() as u32, 1, None, None));
    commands.insert_resource(IconSheet { image, layout });
}

const NAME_PX: f32 = 62.0;
const BAR_PX: f32 = 38.0;

fn spawn_party_rows(mut commands: Commands, panel: Single<Entity, Added<PartyPanel>>, icons: Res<IconSheet>) {
    commands.entity(*panel).with_children(|p| {
        p.spawn(Node { column_gap: px(6), ..default() }).with_children(|head| {
            head.spawn((Node { width: px(NAME_PX), ..default() }, children![theme::label("", 11.0, theme::DIM)]));
            for (_, name) in GAUGES {
                head.spawn((Node { width: px(BAR_PX), ..default() }, children![theme::label(name, 11.0, theme::DIM)]));
            }
        });
        for slot in 0..MemberId::ALL.len() {
            p.spawn((
                PartyRow(slot),
                Node { column_gap: px(6), align_items: AlignItems::Center, height: px(14), ..default() },
            ))
            .with_children(|row| {
                row.spawn((
                    RowName(slot),
                    Node { width: px(NAME_PX), ..default() },
                    theme::label("", 12.0, theme::TEXT),
                ));
                for (gauge, _) in GAUGES {
                    row.spawn((
                        Node { width: px(BAR_PX), height: px(8), border: UiRect::all(px(1)), ..default() },
                        BorderColor::all(theme::DIM),
                        children![(
                            BarFill(slot, gauge),
                            Node { width: percent(50), height: percent(100), ..default() },
                            BackgroundColor(theme::TEXT)
                        )],
                    ));
                }
                for icon in Icon::ALL {
                    row.spawn((
                        IconSlot(slot, icon),
                        Node { width: px(12), height: px(12), display: Display::None, ..default() },
                        icons.node(icon),
                    ));
                }
                row.spawn((RowState(slot), theme::label("", 12.0, theme::WARNING)));
            });
        }
    });
}

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
                        MessagePanel,
                        // A set width, not a maximum: the text is wrapped to it before the panel
                        // is sized, so a third line is not cut off at the bottom of the screen.
                        Node {
                            flex_direction: FlexDirection::Column,
                            padding: UiRect::axes(px(14), px(8)),
                            width: px(560),
                            ..default()
                        },
                        BackgroundColor(theme::PANEL),
                        children![(MessageLine { age: MESSAGE_SECONDS }, theme::label("", 16.0, theme::TEXT))],
                    ),
                    (
                        PartyPanel,
                        Node {
                            padding: UiRect::axes(px(10), px(6)),
                            flex_direction: FlexDirection::Column,
                            row_gap: px(3),
                            ..default()
                        },
                        BackgroundColor(theme::PANEL),
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
    )>,
) {
    let (Some(level), Some(map)) = (level, map) else { return };
    let level = &level.0;
    let number = stage.get().index() + 1;
    show(lines.p0().into_inner(), format!("{number}/10  {} - {}", level.title, level.place));
    let walking = members.iter().filter(|s| **s == Status::Walking).count();
    let camp = if resting.0 { "  |  camped until dawn" } else { "" };
    let part = if clock.is_night() { "night" } else { "day" };
    show(
        lines.p1().into_inner(),
        format!("Day {}  {} ({part})  |  {walking} walking{camp}", clock.day(), clock.time_of_day()),
    );
    if let Ok(pos) = leader.single() {
        let to = map.exit_centre().as_vec2() + Vec2::splat(0.5) - pos.0;
        let km = to.length() * level.tile_m / 1000.0;
        show(
            lines.p2().into_inner(),
            format!("Way out: {} - {:.0} km {}", level.way_out.label, km.max(0.0), compass(to)),
        );
    }
    let feels = party.iter().filter(|(_, s, ..)| **s == Status::Walking).map(|(_, _, v, ..)| v.feels_like_c).next();
    let weather_line = format!(
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
    show(lines.p3().into_inner(), weather_line);
}

/// Sets a text only when it says something new: a changed text is laid out and drawn anew, and
/// the HUD is written every frame.
fn show(mut text: Mut<Text>, line: String) {
    if text.0 != line {
        text.0 = line;
    }
}

/// How full a member's bar is (0 to 1), and its colour.
fn gauge(g: Gauge, v: &Vitals, mind: &Mind) -> (f32, Color) {
    const BLUE: Color = Color::srgb(0.0, 0.447, 0.698);
    const SKY: Color = Color::srgb(0.337, 0.706, 0.914);
    const VERMILLION: Color = Color::srgb(0.835, 0.369, 0.0);
    const YELLOW: Color = Color::srgb(0.941, 0.894, 0.259);
    const GREEN: Color = Color::srgb(0.0, 0.620, 0.451);
    match g {
        Gauge::Warmth => {
            let colour = if v.core_c < 35.0 {
                BLUE
            } else if v.core_c > 38.5 {
                VERMILLION
            } else {
                theme::TEXT
            };
            (((v.core_c - 32.0) / 5.0).clamp(0.0, 1.0), colour)
        }
        Gauge::Water => ((1.0 - v.dehydration_pct() / 10.0).clamp(0.0, 1.0), SKY),
        Gauge::Spirit => (mind.morale.clamp(0.0, 1.0), YELLOW),
        Gauge::Strength => ((1.0 - v.fatigue / 0.95).clamp(0.0, 1.0), GREEN),
    }
}

/// The conditions a member shows icons for; the severe ones blink.
fn icons_for(v: &Vitals, status: Status, straying: bool) -> Vec<(Icon, bool)> {
    let c = v.conditions();
    let mut out = Vec::new();
    if c.cold {
        out.push((Icon::Cold, c.hypothermia));
    }
    if c.heat_exhaustion || c.sunburn {
        out.push((Icon::Heat, c.heatstroke || c.heat_exhaustion));
    }
    if c.thirsty {
        out.push((Icon::Thirst, c.weakened));
    }
    if c.frostbite || c.blisters {
        out.push((Icon::Feet, c.frostbite));
    }
    if c.exhausted || c.collapsed {
        out.push((Icon::Tired, c.collapsed));
    }
    if c.hungry {
        out.push((Icon::Hungry, false));
    }
    if straying {
        out.push((Icon::Straying, true));
    }
    if status == Status::GivenUp {
        out.push((Icon::GivenUp, true));
    }
    out
}

/// The party panel: one row a member, bars read by length, icons by shape, and the state in
/// words where it matters most.
fn update_party(
    time: Res<Time<Real>>,
    party: Query<(&Member, &Status, Option<&Vitals>, Option<&Mind>, Has<Straying>)>,
    mut rows: Query<(&PartyRow, &mut Node), (Without<BarFill>, Without<IconSlot>)>,
    mut names: Query<(&RowName, &mut Text), Without<RowState>>,
    mut states: Query<(&RowState, &mut Text), Without<RowName>>,
    mut bars: Query<(&BarFill, &mut Node, &mut BackgroundColor), (Without<PartyRow>, Without<IconSlot>)>,
    mut icons: Query<(&IconSlot, &mut Node, &mut ImageNode), (Without<PartyRow>, Without<BarFill>)>,
) {
    let mut members: Vec<_> = party.iter().collect();
    members.sort_by_key(|(m, ..)| m.0);
    let blink = (time.elapsed_secs() * 2.5).sin() > -0.3;
    for (row, mut node) in &mut rows {
        let display = if row.0 < members.len() { Display::Flex } else { Display::None };
        if node.display != display {
            node.display = display;
        }
    }
    for (slot, text) in &mut names {
        if let Some((m, ..)) = members.get(slot.0) {
            show(text, m.0.name().to_string());
        }
    }
    for (slot, text) in &mut states {
        if let Some((_, status, _, _, straying)) = members.get(slot.0) {
            let state = match **status {
                Status::Walking if *straying => "STRAYING",
                Status::Walking => "",
                Status::GivenUp => "GIVEN UP",
                Status::Lost => "LOST",
                Status::Dead => "DEAD",
                Status::Departed => "LEFT",
            };
            show(text, state.to_string());
        }
    }
    for (bar, mut node, mut colour) in &mut bars {
        let (share, c) = match members.get(bar.0) {
            Some((_, status, Some(v), Some(mind), _))
                if !matches!(status, Status::Dead | Status::Lost | Status::Departed) =>
            {
                gauge(bar.1, v, mind)
            }
            _ => (0.0, theme::DIM),
        };
        // Whole percents: a bar that moves by less is not laid out again.
        let width = percent((share * 100.0).round());
        if node.width != width {
            node.width = width;
        }
        colour.set_if_neq(BackgroundColor(c));
    }
    for (slot, mut node, mut image) in &mut icons {
        let shown = members.get(slot.0).and_then(|(_, status, v, _, straying)| {
            let gone = matches!(status, Status::Dead | Status::Lost | Status::Departed);
            let list = if gone { Vec::new() } else { v.map(|v| icons_for(v, **status, *straying)).unwrap_or_default() };
            list.into_iter().find(|(i, _)| *i == slot.1)
        });
        let display = if shown.is_some() { Display::Flex } else { Display::None };
        if node.display != display {
            node.display = display;
        }
        if let Some((_, severe)) = shown {
            let tint = Color::WHITE.with_alpha(if severe && !blink { 0.25 } else { 1.0 });
            if image.color != tint {
                image.color = tint;
            }
        }
    }
}

/// The message panel shows only while there is a message. It keeps its place (hidden by
/// colour, not by `Display::None`), so the party panel beside it never moves.
fn fit_message_panel(
    line: Single<&Text, With<MessageLine>>,
    mut panel: Single<&mut BackgroundColor, With<MessagePanel>>,
) {
    let colour = if line.0.is_empty() { Color::NONE } else { theme::PANEL };
    panel.set_if_neq(BackgroundColor(colour));
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
    pending: Res<crate::sim::journey::story::PendingEvent>,
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
    colour.set_if_neq(TextColor(theme::TEXT.with_alpha(fade)));
    if fade == 0.0 && !text.0.is_empty() {
        text.0.clear();
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Playing), spawn_hud);
    app.add_systems(
        Update,
        (update_hud, update_party, show_story_beats, show_news, fit_message_panel)
            .chain()
            .run_if(in_state(Screen::Playing)),
    );
    app.add_systems(Startup, paint_icons);
    app.add_systems(Update, spawn_party_rows.run_if(in_state(Screen::Playing)));
}
