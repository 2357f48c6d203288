//! The march on screen: the painted map of the real route with the group as a marker walking
//! it, the route still to go, and what the player can order; the HUD's panels (date, weather,
//! supplies, the party) stay over it. Time runs by the hour here, a day in about twenty
//! seconds, faster on request.

use bevy::prelude::*;

use crate::game::hud;
use crate::game::input::MarchFast;
use crate::game::theme;
use crate::levels::{Levels, MarchRoute};
use crate::paint::journey_map::{MapView, draw_other_road, paint};
use crate::sim::journey::story::StoryLog;
use crate::sim::model::clock::GameClock;
use crate::sim::model::food::Rations;
use crate::sim::model::gear::Gear;
use crate::sim::model::march::{March, MarchOrders};
use crate::sim::model::party::{Fate, Fates, Member, Status};
use crate::sim::model::route::FatePlaces;
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::supplies::{Fire, Supplies};
use crate::sim::record::chronicle::{buried, geo_of_level};
use crate::states::{Scale, Screen};

/// Size the map is shown at, on screen pixels per map pixel.
const MAP_SCALE: f32 = 0.9;

/// The group's marker on the march map.
#[derive(Component)]
struct MarchMarker;

/// The line of orders and what the group is doing.
#[derive(Component)]
struct MarchLine;

/// The map this march screen shows (the region of the stage, with the whole route drawn).
#[derive(Component)]
struct MarchMap(MapView);

/// The part of the world a stage's march is shown in: its route with a margin, at least a
/// few degrees across, in the picture's proportions.
fn view_of(route: &MarchRoute) -> MapView {
    let lats = route.points.iter().map(|p| p.0);
    let lons = route.points.iter().map(|p| p.1);
    let (south, north) = lats.fold((90.0f32, -90.0f32), |(a, b), x| (a.min(x), b.max(x)));
    let (west, east) = lons.fold((180.0f32, -180.0f32), |(a, b), x| (a.min(x), b.max(x)));
    let (width, height) = (640u32, 480u32);
    let centre = ((south + north) / 2.0, (west + east) / 2.0);
    // Degrees of longitude are shorter toward the pole: keep the land's shape.
    let squash = centre.0.to_radians().cos().max(0.2);
    let span_lat = ((north - south) * 1.3).max(3.0).max((east - west) * 1.3 * squash * height as f32 / width as f32);
    let span_lon = span_lat / squash * width as f32 / height as f32;
    MapView {
        width,
        height,
        north: centre.0 + span_lat / 2.0,
        south: centre.0 - span_lat / 2.0,
        west: centre.1 - span_lon / 2.0,
        east: centre.1 + span_lon / 2.0,
    }
}

/// The route of the whole journey, every stage's waypoints in order.
fn whole_route(levels: &Levels) -> Vec<(f32, f32)> {
    levels.stages.iter().filter_map(|l| l.route.as_ref()).flat_map(|r| r.points.iter().map(|p| p.at())).collect()
}

/// Where each place's name goes on the map (left, top): right of its dot, or left of it if
/// that would cover a name already placed or run off the map, or pulled in from the map's
/// edge; or not at all (close places on a long stage: the first of them is named). The first
/// `stacked` labels (the graves, several of which may share one spot) may also go a line or
/// three above or below, as a list beside their crosses.
fn place_labels(labels: Vec<(String, f32, f32)>, map_w: f32, stacked: usize) -> Vec<(String, f32, f32)> {
    // The 11 px label's box, about: 6 px a letter, 14 px high.
    let size = |name: &str| (6.0 * name.chars().count() as f32, 14.0);
    let mut placed: Vec<(String, f32, f32)> = Vec::new();
    let clear = |placed: &[(String, f32, f32)], l: f32, t: f32, w: f32, h: f32| {
        placed.iter().all(|(n, pl, pt)| {
            let (pw, ph) = size(n);
            l + w <= *pl || *pl + pw <= l || t + h <= *pt || *pt + ph <= t
        })
    };
    for (i, (name, x, y)) in labels.into_iter().enumerate() {
        let (w, h) = size(&name);
        let lines: &[f32] = if i < stacked { &[0.0, 1.0, -1.0, 2.0, -2.0, 3.0, -3.0] } else { &[0.0] };
        // Right of the dot, left of it, or pulled in from the map's edge; a grave's a line
        // or more up or down as well.
        let inside = (x + 5.0).clamp(2.0, (map_w - w - 2.0).max(2.0));
        let spot = lines.iter().map(|n| y - 8.0 + n * h).find_map(|top| {
            [x + 5.0, x - 5.0 - w, inside]
                .into_iter()
                .find(|l| *l >= 0.0 && *l + w <= map_w && clear(&placed, *l, top, w, h))
                .map(|l| (l, top))
        });
        if let Some((left, top)) = spot {
            placed.push((name, left, top));
        }
    }
    placed
}

/// Where the journey left its dead and its lost so far, (latitude, longitude), and what the
/// map calls each: a grave where the group stopped to bury them.
fn graves(levels: &Levels, fates: &Fates, places: &FatePlaces, log: &StoryLog) -> Vec<((f32, f32), String)> {
    fates
        .0
        .iter()
        .filter(|r| matches!(r.fate, Fate::Died | Fate::Lost))
        .filter_map(|r| {
            let spot = places.0.get(&r.member)?;
            let name = r.member.name();
            let label = match r.fate {
                Fate::Died if buried(log, r.member) => format!("{name}'s grave"),
                Fate::Died => name.to_string(),
                _ => format!("{name}, lost"),
            };
            Some((geo_of_level(levels.get(spot.stage), spot), label))
        })
        .collect()
}

/// What the march map marks besides the route: the journey's graves and losses.
type Marks<'w> = (Res<'w, Fates>, Res<'w, FatePlaces>, Res<'w, StoryLog>);

fn spawn_march_screen(
    mut commands: Commands,
    level: Res<CurrentLevel>,
    levels: Res<Levels>,
    march: Res<March>,
    mut images: ResMut<Assets<Image>>,
    (fates, places, log): Marks,
) {
    let Some(route) = &level.0.route else { return };
    let view = view_of(route);
    // The whole journey faintly, this stage's route over it.
    let stage_route: Vec<(f32, f32)> = route.points.iter().map(|p| p.at()).collect();
    let graves = graves(&levels, &fates, &places, &log);
    let crosses: Vec<(f32, f32)> = graves.iter().map(|(at, _)| *at).collect();
    let mut pixels = paint(&view, &whole_route(&levels), &crosses);
    let this = paint(&view, &stage_route, &[]);
    for (p, t) in pixels.chunks_exact_mut(4).zip(this.chunks_exact(4)) {
        // The stage's own route is the strong line: take it where it was drawn.
        if t[0] > 150 && t[1] < 110 && t[2] < 90 {
            p.copy_from_slice(t);
        }
    }
    // The other roads of the forks still ahead, dashed, with their places named.
    let mut places: Vec<&crate::levels::Waypoint> = route.points.iter().collect();
    for fork in route.forks.iter().skip(march.roads.len()) {
        let (Some(a), Some(b)) = (route.points.get(fork.from), route.points.get(fork.to)) else { continue };
        let road: Vec<(f32, f32)> =
            std::iter::once(a.at()).chain(fork.points.iter().map(|p| p.at())).chain(std::iter::once(b.at())).collect();
        draw_other_road(&mut pixels, &view, &road);
        places.extend(fork.points.iter());
    }
    let image = images.add(crate::game::rgba_image(view.width, view.height, pixels));
    let (w, h) = (view.width as f32 * MAP_SCALE, view.height as f32 * MAP_SCALE);
    // The graves' names first: a place's name gives way to them.
    let grave_names: Vec<String> = graves.iter().map(|(_, name)| name.clone()).collect();
    let marked = graves.into_iter().map(|(at, name)| {
        let (x, y) = view.project(at);
        (name, x * MAP_SCALE, y * MAP_SCALE)
    });
    let labels: Vec<(String, f32, f32)> = marked
        .chain(places.into_iter().map(|p| {
            let (x, y) = view.project(p.at());
            // The name up to its first comma or colon: the place, not the note.
            let name = p.2.split([',', ':', '(']).next().unwrap_or(&p.2).trim().to_string();
            (name, x * MAP_SCALE, y * MAP_SCALE)
        }))
        .collect();
    commands
        .spawn((
            Name::new("March screen"),
            Node {
                width: percent(100),
                height: percent(100),
                // Below the HUD's top panel, left of the party and the messages.
                padding: UiRect { left: px(16), top: px(hud::BELOW_TOP_PANEL_PX), right: px(16), bottom: px(16) },
                column_gap: px(20),
                align_items: AlignItems::FlexStart,
                ..default()
            },
            BackgroundColor(theme::BACKGROUND),
            MarchScreen,
            DespawnOnExit(Scale::March),
            DespawnOnExit(Screen::Playing),
        ))
        .with_children(|root| {
            root.spawn((
                Name::new("March map"),
                MarchMap(view),
                ImageNode::new(image),
                Node { width: px(w), height: px(h), border: UiRect::all(px(2)), ..default() },
                BorderColor::all(theme::DIM),
            ))
            .with_children(|map| {
                for (name, left, top) in place_labels(labels, w, grave_names.len()) {
                    let colour = if grave_names.contains(&name) {
                        Color::srgb(0.5, 0.05, 0.05)
                    } else {
                        Color::srgb(0.15, 0.12, 0.1)
                    };
                    map.spawn((
                        Node { position_type: PositionType::Absolute, left: px(left), top: px(top), ..default() },
                        theme::label(name, 11.0, colour),
                    ));
                }
                map.spawn((
                    Name::new("The group"),
                    MarchMarker,
                    Node {
                        position_type: PositionType::Absolute,
                        width: px(14),
                        height: px(14),
                        border: UiRect::all(px(2)),
                        border_radius: BorderRadius::MAX,
                        ..default()
                    },
                    BackgroundColor(Color::srgb(0.85, 0.2, 0.1)),
                    BorderColor::all(Color::srgb(0.1, 0.05, 0.0)),
                ));
            });
            root.spawn((
                Node { flex_direction: FlexDirection::Column, row_gap: px(8), max_width: px(440), ..default() },
                children![
                    theme::label("The march", 22.0, theme::ACCENT),
                    (MarchLine, theme::label("", 16.0, theme::TEXT)),
                ],
            ));
        });
}

/// The march screen's root, painted anew when the route changes (a fork decided).
#[derive(Component)]
struct MarchScreen;

/// A fork decided on the march changes the route: the screen is painted again with it.
fn repaint_on_a_new_road(
    mut commands: Commands,
    level: Res<CurrentLevel>,
    screens: Query<Entity, With<MarchScreen>>,
    levels: Res<Levels>,
    march: Res<March>,
    images: ResMut<Assets<Image>>,
    marks: Marks,
) {
    // A death on the march puts its cross on the map too.
    if !(level.is_changed() || marks.0.is_changed()) || screens.is_empty() {
        return;
    }
    for e in &screens {
        commands.entity(e).despawn();
    }
    spawn_march_screen(commands, level, levels, march, images, marks);
}

/// The marker where the group is, between its fixed ticks, and the line of orders.
fn show_the_march(
    level: Res<CurrentLevel>,
    march: Res<March>,
    orders: Res<MarchOrders>,
    clock: Res<GameClock>,
    fast: Res<MarchFast>,
    fires: Query<&Fire>,
    (supplies, rations, gear): (Res<Supplies>, Res<Rations>, Query<(&Gear, &Status), With<Member>>),
    maps: Query<&MarchMap>,
    mut marker: Query<&mut Node, With<MarchMarker>>,
    mut line: Query<&mut Text, With<MarchLine>>,
) {
    let (Some(route), Ok(map), Ok(mut node)) = (&level.0.route, maps.single(), marker.single_mut()) else { return };
    let (x, y) = map.0.project(route.point_at(march.km));
    node.left = px(x * MAP_SCALE - 7.0);
    node.top = px(y * MAP_SCALE - 7.0);
    let Ok(mut text) = line.single_mut() else { return };
    let (_, next) = route.between(march.km);
    let next = next.2.split([',', ':', '(']).next().unwrap_or(&next.2).trim();
    let when = if orders.by_night { "by night" } else { "by day" };
    // The order, whether or not the group is walking this hour.
    let rest = if orders.rest_day == Some(clock.day()) { "\nresting today" } else { "" };
    let fire = if fires.iter().any(Fire::burning) { "\na fire burns" } else { "" };
    let speed = if fast.0 { "fast" } else { "normal" };
    // What the group eats and walks in: the two things the road wears down day by day.
    let (through, worn) = gear.iter().filter(|(_, s)| **s == Status::Walking).fold((0, 0), |(t, w), (g, _)| {
        if g.barefoot() {
            (t + 1, w)
        } else if g.boots_worn() {
            (t, w + 1)
        } else {
            (t, w)
        }
    });
    let boots = match (through, worn) {
        (0, 0) => "boots: sound".to_string(),
        (0, w) => format!("boots: {w} pairs worn thin"),
        (t, 0) => format!("boots: {t} walking in rags"),
        (t, w) => format!("boots: {t} walking in rags, {w} worn thin"),
    };
    let food = format!("food: {:.0} rations, on {}", supplies.rations.floor(), rations.name());
    let stretch = route.stretch_at(march.km);
    let said = format!(
        "{:.0} of {:.0} km of this stage\ntoward {next}\n{} at {:.0} m\nordered to walk {when}{rest}{fire}\n{food}\n{boots}\ntime {speed}",
        march.km,
        route.length_km(),
        stretch.1.name(),
        stretch.2,
    );
    if text.0 != said {
        text.0 = said;
    }
}

/// Says in the log when the march begins and each day of it: tests driving the game wait for
/// these lines.
fn log_the_march(
    stage: Res<State<crate::states::Stage>>,
    march: Res<March>,
    clock: Res<GameClock>,
    level: Res<CurrentLevel>,
    mut last_day: ResMut<MarchLogged>,
) {
    let day = clock.day();
    if last_day.0.is_none() {
        info!("on the march in {:?} at km {:.0} on day {day}", stage.get(), march.km);
    }
    if last_day.0 != Some(day) {
        last_day.0 = Some(day);
        info!("march: day {day}, km {:.0} of {:.0}", march.km, level.0.route_km());
    }
}

/// The last day of the march said in the log, while on it.
#[derive(Resource, Default)]
struct MarchLogged(Option<u32>);

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Scale::March), spawn_march_screen);
    app.init_resource::<MarchLogged>();
    app.add_systems(Update, log_the_march.run_if(in_state(Scale::March)));
    app.add_systems(OnExit(Scale::March), |mut logged: ResMut<MarchLogged>| logged.0 = None);
    app.add_systems(Update, (repaint_on_a_new_road, show_the_march).chain().run_if(in_state(Scale::March)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_fallen_at_one_spot_are_all_named_in_a_list_beside_it() {
        let names = ["Zoran's grave", "Voss's grave", "Tomasz's grave", "Smith's grave", "Valka, lost", "Kazik, lost"];
        let labels: Vec<_> = names.iter().map(|n| (n.to_string(), 200.0, 100.0)).collect();
        let placed = place_labels(labels, 400.0, names.len());
        assert_eq!(placed.len(), 6, "{placed:?}");
        for (i, (a, al, at)) in placed.iter().enumerate() {
            // Each within three lines of the spot.
            assert!((at - 92.0).abs() <= 3.0 * 14.0 + 0.1, "{a} at {at}");
            for (b, bl, bt) in &placed[i + 1..] {
                let apart = (at - bt).abs() >= 14.0 || (al - bl).abs() >= 6.0 * a.len().min(b.len()) as f32;
                assert!(apart, "{a} and {b} overlap");
            }
        }
        // A place's name stays on its dot's line, or is left out.
        let towns: Vec<_> =
            ["Kirensk", "Kazachinskoye", "Vitim"].iter().map(|n| (n.to_string(), 200.0, 100.0)).collect();
        let placed = place_labels(towns, 400.0, 0);
        assert_eq!(placed.len(), 2, "right and left of the dot, the third left out: {placed:?}");
        assert!(placed.iter().all(|(_, _, t)| *t == 92.0));
    }
}
