//! The chronicle at the end of the journey: stage by stage, and what became of each person.

use bevy::prelude::*;

use super::theme;
use crate::sim::party::Fate;
use crate::sim::report::Report;
use crate::sim::state::Screen;

fn spawn_chronicle(world: &mut World) {
    let report = Report::from_world(world);
    let headline = match report.outcome {
        Some(crate::sim::journey::Outcome::ReachedIndia) => "They reached India.",
        Some(crate::sim::journey::Outcome::JanuszDied) => "Janusz died on the way.",
        Some(crate::sim::journey::Outcome::JanuszLost) => "Janusz was lost.",
        None => "The journey was left unfinished.",
    };
    let stages: Vec<String> = report
        .stages
        .iter()
        .map(|s| match s.left_day {
            Some(left) => format!("{:?}: days {}-{}", s.stage, s.entered_day, left),
            None => format!("{:?}: from day {}", s.stage, s.entered_day),
        })
        .collect();
    let members: Vec<String> = report
        .members
        .iter()
        .map(|m| match m.fate {
            Fate::Survived => format!("{}: survived", m.name),
            fate => format!(
                "{}: {:?} - {}, day {}, {}",
                m.name,
                fate,
                m.stage.map(|s| format!("{s:?}")).unwrap_or_default(),
                m.day.unwrap_or(0),
                m.cause.clone().unwrap_or_default()
            ),
        })
        .collect();
    let summary = format!("{} days, {:.0} km on foot", report.days, report.distance_km);
    world.spawn((
        Name::new("Chronicle"),
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            padding: UiRect::all(px(32)),
            row_gap: px(12),
            ..default()
        },
        BackgroundColor(theme::BACKGROUND),
        DespawnOnExit(Screen::Chronicle),
        children![
            theme::label("The Chronicle", 48.0, theme::ACCENT),
            theme::label(headline, 26.0, theme::TEXT),
            theme::label(summary, 20.0, theme::DIM),
            (
                Node { column_gap: px(60), ..default() },
                children![
                    theme::label(stages.join("\n"), 18.0, theme::TEXT),
                    theme::label(members.join("\n"), 18.0, theme::TEXT),
                ],
            ),
            theme::label("Enter: back to the title", 18.0, theme::DIM),
        ],
    ));
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Chronicle), spawn_chronicle);
}
