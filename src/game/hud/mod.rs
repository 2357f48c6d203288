//! The HUD while playing: where and when the group is, the way out, what just happened.

pub mod action_bar;
pub mod hints;
pub mod minimap;
pub mod party_panel;

use bevy::prelude::*;

use crate::game::theme;
use crate::sim::model::air::Weather;
use crate::sim::model::body::Vitals;
use crate::sim::model::clock::{GameClock, MINUTES_PER_DAY};
use crate::sim::model::group::{Mind, Pace, Resting, Straying};
use crate::sim::model::journal::{Journal, Told};
use crate::sim::model::march::March;
use crate::sim::model::party::{Leader, Member, Position, Status};
use crate::sim::model::pursuit::Pursuit;
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::supplies::{Fire, Supplies};
use crate::sim::model::walk::Odometer;
use crate::sim::world::StageMap;
use crate::states::{Scale, Screen, Stage};

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

/// What the group carries and how it walks: under the weather, not beside it, so that the
/// panel stays clear of the minimap however much there is to say.
#[derive(Component)]
struct StoresLine;

#[derive(Component)]
struct MessagePanel;

#[derive(Component)]
pub(crate) struct PartyPanel;

/// Seconds a new message stays bright before it settles among the older lines.
const MESSAGE_SECONDS: f32 = 14.0;
/// How bright lines that are no longer new stay: readable, but not calling for attention.
const SETTLED_ALPHA: f32 = 0.6;
/// How far the journey's panel (five lines, top left) reaches down the screen, in logical px.
/// What stands below it is placed from here: the hint and the action bar at the right, the
/// march's map, and the view's margin past the map's top edge (`view/camera.rs`).
pub(crate) const TOP_PANEL_PX: f32 = 155.0;
/// The gap between the journey's panel and what stands below it.
pub(crate) const BELOW_TOP_PANEL_PX: f32 = TOP_PANEL_PX + 10.0;
/// Lines of the journal the message panel shows.
const MESSAGE_LINES: usize = 4;

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
                // The minimap's room at the right is kept free: a line too long for what is left
                // wraps instead of running under the map.
                Node { padding: UiRect::right(px(minimap::BOX.x + 12.0)), align_self: AlignSelf::Stretch, ..default() },
                children![(
                    Node {
                        flex_direction: FlexDirection::Column,
                        padding: UiRect::axes(px(14), px(8)),
                        row_gap: px(4),
                        ..default()
                    },
                    BackgroundColor(theme::PANEL),
                    children![
                        (StageLine, theme::label("", 24.0, theme::ACCENT)),
                        (ClockLine, theme::label("", 17.0, theme::TEXT)),
                        (WayLine, theme::label("", 17.0, theme::TEXT)),
                        (WeatherLine, theme::label("", 17.0, theme::TEXT)),
                        (StoresLine, theme::label("", 17.0, theme::TEXT)),
                    ],
                )],
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
    chase: (Res<Resting>, Res<Pursuit>, Res<Odometer>),
    leader: Query<&Position, With<Leader>>,
    members: Query<&Status, With<Member>>,
    weather: Res<Weather>,
    stores: (Res<Supplies>, Query<(&Position, &Fire)>),
    rations: Res<crate::sim::model::food::Rations>,
    pace: Res<Pace>,
    party: Query<(&Member, &Status, &Vitals, &Mind, Has<Straying>)>,
    grounds: Query<&crate::sim::model::ground::Ground, With<Leader>>,
    march: (Res<March>, Res<State<Scale>>),
    mut lines: ParamSet<(
        Single<&mut Text, With<StageLine>>,
        Single<&mut Text, With<ClockLine>>,
        Single<&mut Text, With<WayLine>>,
        Single<&mut Text, With<WeatherLine>>,
        Single<&mut Text, With<StoresLine>>,
    )>,
) {
    let (Some(level), Some(map)) = (level, map) else { return };
    let level = &level.0;
    let number = stage.get().index() + 1;
    show(lines.p0().into_inner(), format!("{number}/10  {} - {}", level.title, level.place));
    let walking = members.iter().filter(|s| **s == Status::Walking).count();
    // A stay of days (as someone's guests) is told with the day it ends.
    let staying = march
        .0
        .guests_until
        .filter(|_| march.0.is_hosted(clock.minutes))
        .map(|until| GameClock::date_of((until / MINUTES_PER_DAY) as u32 + 1));
    let (resting, pursuit, odometer) = chase;
    // The guards on the trail, while the hunt is on: the player's reason to keep moving, told
    // beside the way out (where to, and who follows).
    let guards = if pursuit.is_on() {
        format!("  |  guards {:.0} km behind", pursuit.gap_km(odometer.0).max(0.0))
    } else {
        String::new()
    };
    let camp = match (resting.0, march.1.get(), staying) {
        (false, ..) => String::new(),
        (true, Scale::March, Some(until)) => format!("  |  staying until {}", until.long()),
        // On the march the group stops for the noon hour, the night and the storms.
        (true, Scale::March, None) => "  |  halted".into(),
        (true, Scale::Scene, _) => "  |  camped until dawn".into(),
    };
    let part = if clock.is_night() { "night" } else { "day" };
    // The epilogue is fifty years on: the journey's calendar is not its date.
    let when = if *stage.get() == Stage::Epilogue {
        "1989".to_string()
    } else {
        format!("Day {}, {}", clock.day(), clock.date().long())
    };
    show(lines.p1().into_inner(), format!("{when}  {} ({part})  |  {walking} walking{camp}", clock.time_of_day()));
    if let (Some(route), true) = (&level.route, march.1.get() == &Scale::March) {
        let march = &march.0;
        let stretch = route.stretch_at(march.km);
        show(
            lines.p2().into_inner(),
            format!(
                "On the march: {:.0} of {:.0} km  |  {}, {:.0} m{guards}",
                march.km,
                route.length_km(),
                stretch.1.name(),
                stretch.2
            ),
        );
    } else if let Ok(pos) = leader.single() {
        let to = map.exit_centre().as_vec2() + Vec2::splat(0.5) - pos.0;
        let km = to.length() * level.tile_m / 1000.0;
        show(
            lines.p2().into_inner(),
            match march.0.down_at {
                Some(at) => format!(
                    "Off the route at km {at:.0}: {} - {:.1} km {}  |  H: back up here{guards}",
                    level.way_out.label,
                    km.max(0.0),
                    compass(to)
                ),
                None => format!("Way out: {} - {:.0} km {}{guards}", level.way_out.label, km.max(0.0), compass(to)),
            },
        );
    }
    let (supplies, fires) = stores;
    // The fire the group sits at, if any: how long its wood lasts, or that it has gone out.
    let lead = leader.single().map(|p| p.0).ok();
    let fire = fires
        .iter()
        .filter(|(p, _)| lead.is_some_and(|l| p.0.distance(l) < 3.0))
        .map(|(_, f)| f.fuel_h)
        .reduce(f32::max);
    let fire = match fire {
        Some(h) if h > 0.0 => format!(", fire {h:.0} h"),
        Some(_) => ", fire out".into(),
        None => String::new(),
    };
    let feels = party.iter().filter(|(_, s, ..)| **s == Status::Walking).map(|(_, _, v, ..)| v.feels_like_c).next();
    // The air where the group stands: the stage's air less the lapse for the height underfoot.
    let above_m = grounds.iter().next().map_or(0.0, |g| g.elevation_m);
    let weather_line = format!(
        "{:?} {:.0} C, feels {}, wind {:.0} km/h",
        weather.kind,
        weather.air_c - crate::levels::LAPSE_C_PER_M * above_m,
        feels.map_or("-".into(), |f| format!("{f:.0} C")),
        weather.wind_kmh,
    );
    show(lines.p3().into_inner(), weather_line);
    let stores_line = format!(
        "water {:.0}/{:.0} L, wood {}{fire}, food {:.0} ({}) | {:?}",
        supplies.water_l,
        supplies.capacity_l,
        supplies.wood,
        supplies.rations.floor(),
        rations.name(),
        *pace,
    );
    show(lines.p4().into_inner(), stores_line);
}

/// Sets a text only when it says something new: a changed text is laid out and drawn anew, and
/// the HUD is written every frame.
pub(crate) fn show(mut text: Mut<Text>, line: String) {
    if text.0 != line {
        text.0 = line;
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

/// The message panel: the journal's last lines (a question is in its dialog, not here), the
/// newest at the bottom, the older ones cut to a row each. They stay: after a quiet spell they only
/// dim, until newer lines push them up and out to the journal page (J), which has them all.
fn show_latest(
    time: Res<Time>,
    journal: Res<Journal>,
    mut seen: Local<usize>,
    mut line: Single<(&mut Text, &mut MessageLine, &mut TextColor)>,
) {
    let (text, message, colour) = &mut *line;
    if journal.0.len() != *seen {
        *seen = journal.0.len();
        let mut lines: Vec<String> = journal
            .0
            .iter()
            .rev()
            .filter(|e| e.told != Told::Asked)
            .take(MESSAGE_LINES)
            .map(|e| e.text.clone())
            .collect();
        for older in lines.iter_mut().skip(1) {
            if older.chars().count() > 54 {
                *older = older.chars().take(51).collect::<String>() + "...";
            }
        }
        lines.reverse();
        text.0 = lines.join("\n");
        message.age = 0.0;
    }
    message.age += time.delta_secs();
    let settle = ((message.age - MESSAGE_SECONDS + 2.0) / 2.0).clamp(0.0, 1.0);
    colour.set_if_neq(TextColor(theme::TEXT.with_alpha(1.0 - (1.0 - SETTLED_ALPHA) * settle)));
}

pub(crate) fn plugin(app: &mut App) {
    app.add_plugins((action_bar::plugin, minimap::plugin));
    app.add_systems(OnEnter(Screen::Playing), spawn_hud);
    app.add_systems(
        Update,
        (update_hud, party_panel::update_party, show_latest, fit_message_panel)
            .chain()
            .run_if(in_state(Screen::Playing)),
    );
    app.add_systems(Startup, party_panel::paint_icons);
    app.add_systems(Update, party_panel::spawn_party_rows.run_if(in_state(Screen::Playing)));
}
