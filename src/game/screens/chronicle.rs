//! The chronicle at the end of the journey: the ending, the route drawn on the map of Siberia to
//! India with the places where people were lost, and each person's fate beside the film's.

use bevy::prelude::*;

use crate::game::theme;
use crate::paint::journey_map::{MapView, PLACES, paint};
use crate::sim::model::party::Fate;
use crate::sim::record::chronicle::{Chronicle, MemberLine};
use crate::states::Screen;

/// The map is drawn at this share of its painted size.
const MAP_SCALE: f32 = 0.8;

fn fate_words(m: &MemberLine) -> String {
    let when = match (m.stage, m.day) {
        (Some(stage), Some(day)) => format!(" ({}, day {day})", stage.name()),
        _ => String::new(),
    };
    match m.fate {
        None => "never set out".into(),
        Some(Fate::Survived) => format!("lived: {}", m.cause),
        Some(Fate::Died) if m.buried => format!("died of {}{when}; buried by the group", m.cause),
        Some(Fate::Died) => format!("died of {}{when}", m.cause),
        Some(Fate::Lost) => format!("lost: {}{when}", m.cause),
        Some(Fate::Stayed) => format!("{}{when}", m.cause),
        Some(Fate::Departed) => format!("{}{when}", m.cause),
        Some(Fate::TurnedAway) => format!("{}{when}", m.cause),
    }
}

fn spawn_chronicle(world: &mut World) {
    let chronicle = Chronicle::from_world(world);
    let view = MapView::default();
    let losses: Vec<(f32, f32)> = chronicle
        .members
        .iter()
        .filter(|m| matches!(m.fate, Some(Fate::Died | Fate::Lost)))
        .filter_map(|m| m.at)
        .collect();
    let pixels = paint(&view, &chronicle.route, &losses);
    let handle = world.resource_mut::<Assets<Image>>().add(crate::game::rgba_image(view.width, view.height, pixels));
    let journal =
        world.resource::<crate::game::menus::settings::Settings>().label(crate::game::menus::settings::Action::Journal);
    let (title, text) = match &chronicle.ending {
        Some(e) => (e.title.clone(), e.text.clone()),
        None => ("Unfinished".into(), "The journey was left before it ended.".into()),
    };
    let seed = world.resource::<crate::sim::model::seed::RunSeed>().0;
    let difficulty = world.resource::<crate::sim::model::hardship::Difficulty>().name();
    let summary =
        format!("{} days, {:.0} km on foot   |   seed {seed}, {difficulty}", chronicle.days, chronicle.distance_km);
    let standing = world.get_resource::<crate::game::hall::JustEntered>().map(|j| {
        let place = match j.place {
            Some(p) => format!("number {p} of {} in the hall of fame (H on the title)", j.of),
            None => "not entered in the hall of fame (a trial journey)".into(),
        };
        let feats = if j.entry.feats.is_empty() { "none".to_string() } else { j.entry.feats.join(", ") };
        format!("Score {}: {place}   |   feats: {feats}", j.entry.score)
    });
    let (w, h) = (view.width as f32 * MAP_SCALE, view.height as f32 * MAP_SCALE);
    let mut labels: Vec<(String, f32, f32, Color)> = PLACES
        .iter()
        .map(|(name, ll)| {
            let (x, y) = view.project(*ll);
            (name.to_string(), x * MAP_SCALE, y * MAP_SCALE, Color::srgb(0.15, 0.13, 0.1))
        })
        .collect();
    for m in &chronicle.members {
        if let (Some(Fate::Died | Fate::Lost), Some(at)) = (m.fate, m.at) {
            let (x, y) = view.project(at);
            labels.push((
                if m.buried { format!("{}'s grave", m.id.name()) } else { m.id.name().to_string() },
                x * MAP_SCALE + 6.0,
                y * MAP_SCALE - 6.0,
                Color::srgb(0.5, 0.05, 0.05),
            ));
        }
    }

    world
        .spawn((
            Name::new("Chronicle"),
            Node {
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                padding: UiRect::axes(px(24), px(16)),
                row_gap: px(8),
                ..default()
            },
            BackgroundColor(theme::BACKGROUND),
            DespawnOnExit(Screen::Chronicle),
        ))
        .with_children(|root| {
            root.spawn(theme::label(title, 30.0, theme::ACCENT));
            root.spawn((Node { max_width: px(1100), ..default() }, children![theme::label(text, 16.0, theme::TEXT)]));
            root.spawn(theme::label(
                format!("{summary}   |   {journal}: the journal   |   Enter: back to the title"),
                15.0,
                theme::DIM,
            ));
            if let Some(standing) = standing {
                root.spawn(theme::label(standing, 17.0, theme::ACCENT));
            }
            root.spawn(Node { column_gap: px(24), align_items: AlignItems::FlexStart, ..default() }).with_children(
                |row| {
                    row.spawn((
                        Name::new("Route map"),
                        ImageNode::new(handle),
                        Node { width: px(w), height: px(h), border: UiRect::all(px(2)), ..default() },
                        BorderColor::all(theme::DIM),
                    ))
                    .with_children(|map| {
                        for (name, x, y, colour) in labels {
                            map.spawn((
                                Node {
                                    position_type: PositionType::Absolute,
                                    left: px(x + 4.0),
                                    top: px(y - 7.0),
                                    ..default()
                                },
                                theme::label(name, 12.0, colour),
                            ));
                        }
                    });
                    row.spawn(Node {
                        flex_direction: FlexDirection::Column,
                        row_gap: px(2),
                        max_width: px(700),
                        ..default()
                    })
                    .with_children(|list| {
                        list.spawn(theme::label("Your journey  /  in the film", 15.0, theme::DIM));
                        for m in &chronicle.members {
                            let colour = match m.fate {
                                Some(Fate::Died | Fate::Lost) => theme::WARNING,
                                _ => theme::TEXT,
                            };
                            list.spawn(theme::label(format!("{}: {}", m.name, fate_words(m)), 13.0, colour));
                            list.spawn((
                                Node { margin: UiRect::new(px(24), px(0), px(0), px(4)), ..default() },
                                children![theme::label(format!("film: {}", m.film), 11.0, theme::DIM)],
                            ));
                        }
                    });
                },
            );
        });
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Chronicle), spawn_chronicle.after(crate::game::hall::enter_the_journey));
}
