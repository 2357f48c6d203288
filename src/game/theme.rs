//! Colours and text styles of the interface, chosen to read for colour-blind players too.

use bevy::prelude::*;

pub const BACKGROUND: Color = Color::srgb(0.06, 0.07, 0.09);
pub const TEXT: Color = Color::srgb(0.92, 0.91, 0.86);
pub const DIM: Color = Color::srgb(0.62, 0.63, 0.64);
pub const ACCENT: Color = Color::srgb(0.95, 0.75, 0.35);
pub const WARNING: Color = Color::srgb(1.0, 0.55, 0.35);
pub const PANEL: Color = Color::srgba(0.04, 0.05, 0.07, 0.78);

/// A line of interface text.
pub fn label(text: impl Into<String>, size: f32, color: Color) -> impl Bundle {
    (Text::new(text), TextFont::from_font_size(size), TextColor(color))
}

/// A page filling the window, its lines centred one under another `gap` pixels apart.
pub fn full_screen(gap: f32) -> Node {
    Node {
        width: percent(100),
        height: percent(100),
        flex_direction: FlexDirection::Column,
        justify_content: JustifyContent::Center,
        align_items: AlignItems::Center,
        row_gap: px(gap),
        ..default()
    }
}
