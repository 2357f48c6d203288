//! The party panel: one row a member, five bars read by their length (warmth, water, spirit,
//! legs, trust in Janusz), an icon a condition, each a shape of its own, and the state in words where it matters.

use bevy::prelude::*;

use crate::game::hud::{PartyPanel, show};
use crate::game::theme;
use crate::levels::MemberId;
use crate::paint::art::{self, Icon};
use crate::sim::model::body::Vitals;
use crate::sim::model::gear::Gear;
use crate::sim::model::group::{Mind, Straying};
use crate::sim::model::party::{Member, Status};

/// What a member's bar measures. Each is read by its length; the colours are Okabe and Ito's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gauge {
    /// Body temperature: full at 37 C, empty at 32 C.
    Warmth,
    /// Water in the body: empty at 10 % dehydration, where people collapse.
    Water,
    Spirit,
    /// What is left before exhaustion.
    Strength,
    /// Their trust in Janusz: how readily a word from him is heard, and whether they stay with
    /// him (Valka at the border). Janusz's own row has none.
    Trust,
}

const GAUGES: [(Gauge, &str); 5] = [
    (Gauge::Warmth, "warm"),
    (Gauge::Water, "water"),
    (Gauge::Spirit, "spirit"),
    (Gauge::Strength, "legs"),
    (Gauge::Trust, "trust"),
];

#[derive(Component)]
pub(crate) struct PartyRow(usize);

#[derive(Component)]
pub(crate) struct RowName(usize);

#[derive(Component)]
pub(crate) struct RowState(usize);

#[derive(Component)]
pub(crate) struct BarFill(usize, Gauge);

#[derive(Component)]
pub(crate) struct IconSlot(usize, Icon);

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

pub(crate) fn paint_icons(
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

pub(crate) fn spawn_party_rows(
    mut commands: Commands,
    panel: Single<Entity, Added<PartyPanel>>,
    icons: Res<IconSheet>,
) {
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

/// How full a member's bar is (0 to 1), and its colour.
fn gauge(g: Gauge, who: MemberId, v: &Vitals, mind: &Mind) -> (f32, Color) {
    const BLUE: Color = Color::srgb(0.0, 0.447, 0.698);
    const SKY: Color = Color::srgb(0.337, 0.706, 0.914);
    const VERMILLION: Color = Color::srgb(0.835, 0.369, 0.0);
    const YELLOW: Color = Color::srgb(0.941, 0.894, 0.259);
    const GREEN: Color = Color::srgb(0.0, 0.620, 0.451);
    const PURPLE: Color = Color::srgb(0.800, 0.475, 0.655);
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
        Gauge::Trust if who == MemberId::Janusz => (0.0, theme::DIM),
        Gauge::Trust => (mind.trust.clamp(0.0, 1.0), PURPLE),
    }
}

/// Below this, clothes are rags: a quarter of their warmth gone.
const RAGS: f32 = 0.35;

/// The conditions a member shows icons for; the severe ones blink.
fn icons_for(v: &Vitals, gear: Option<&Gear>, status: Status, straying: bool) -> Vec<(Icon, bool)> {
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
    if let Some(g) = gear {
        if g.boots_worn() {
            out.push((Icon::WornBoots, g.barefoot()));
        }
        if g.clothes < RAGS {
            out.push((Icon::Rags, false));
        }
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
pub(crate) fn update_party(
    time: Res<Time<Real>>,
    party: Query<(&Member, &Status, Option<&Vitals>, Option<&Mind>, Has<Straying>, Option<&Gear>)>,
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
        if let Some((_, status, _, _, straying, _)) = members.get(slot.0) {
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
            Some((m, status, Some(v), Some(mind), ..))
                if !matches!(status, Status::Dead | Status::Lost | Status::Departed) =>
            {
                gauge(bar.1, m.0, v, mind)
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
        let shown = members.get(slot.0).and_then(|(_, status, v, _, straying, gear)| {
            let gone = matches!(status, Status::Dead | Status::Lost | Status::Departed);
            let list =
                if gone { Vec::new() } else { v.map(|v| icons_for(v, *gear, **status, *straying)).unwrap_or_default() };
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
