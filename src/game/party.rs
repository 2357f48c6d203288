//! The party on screen: a figure for each member, in their own colours, with their name.

use bevy::prelude::*;

use super::TILE_PX;
use crate::sim::party::{Leader, Member, MemberId, Position, Status};
use crate::sim::state::Screen;

/// Where a simulation position (tile units) is drawn: tile centres at `n * TILE_PX`.
pub fn world_pos(pos: Vec2) -> Vec2 {
    (pos - Vec2::splat(0.5)) * TILE_PX
}

/// Coat and cap colours: each person can be told apart at a glance.
pub fn colours(id: MemberId) -> (Color, Color) {
    match id {
        MemberId::Janusz => (Color::srgb(0.55, 0.25, 0.18), Color::srgb(0.95, 0.8, 0.3)),
        MemberId::Smith => (Color::srgb(0.3, 0.38, 0.22), Color::srgb(0.75, 0.7, 0.55)),
        MemberId::Khabarov => (Color::srgb(0.4, 0.3, 0.45), Color::srgb(0.8, 0.75, 0.8)),
        MemberId::Valka => (Color::srgb(0.15, 0.15, 0.17), Color::srgb(0.7, 0.1, 0.1)),
        MemberId::Tomasz => (Color::srgb(0.25, 0.35, 0.6), Color::srgb(0.9, 0.9, 0.95)),
        MemberId::Voss => (Color::srgb(0.1, 0.1, 0.12), Color::srgb(0.95, 0.95, 0.95)),
        MemberId::Kazik => (Color::srgb(0.5, 0.45, 0.3), Color::srgb(0.35, 0.55, 0.8)),
        MemberId::Zoran => (Color::srgb(0.45, 0.42, 0.4), Color::srgb(0.3, 0.3, 0.3)),
        MemberId::Irena => (Color::srgb(0.65, 0.2, 0.3), Color::srgb(0.95, 0.6, 0.2)),
    }
}

fn dress_member(mut commands: Commands, members: Query<(Entity, &Member, Has<Leader>), Added<Member>>) {
    for (entity, member, leader) in &members {
        let (coat, cap) = colours(member.0);
        commands.entity(entity).insert((Transform::from_xyz(0.0, 0.0, 10.0), Visibility::default()));
        commands.entity(entity).with_children(|p| {
            if leader {
                // A ring under the leader: the one the player steers.
                p.spawn((
                    Sprite::from_color(Color::srgba(1.0, 0.9, 0.4, 0.45), Vec2::new(14.0, 5.0)),
                    Transform::from_xyz(0.0, -7.0, -0.1),
                ));
            }
            p.spawn((Sprite::from_color(coat, Vec2::new(8.0, 11.0)), Transform::from_xyz(0.0, -1.0, 0.0)));
            p.spawn((Sprite::from_color(Color::srgb(0.93, 0.8, 0.68), Vec2::new(6.0, 5.0)), Transform::from_xyz(0.0, 6.5, 0.1)));
            p.spawn((Sprite::from_color(cap, Vec2::new(7.0, 2.5)), Transform::from_xyz(0.0, 9.0, 0.2)));
            p.spawn((
                Text2d::new(member.0.name()),
                TextFont::from_font_size(9.0),
                TextColor(Color::srgba(1.0, 1.0, 1.0, 0.85)),
                Transform::from_xyz(0.0, 17.0, 0.3).with_scale(Vec3::splat(1.0)),
            ));
        });
    }
}

fn place_members(mut members: Query<(&Position, &Status, &mut Transform, &mut Visibility), With<Member>>) {
    for (pos, status, mut transform, mut visibility) in &mut members {
        let p = world_pos(pos.0);
        transform.translation.x = p.x;
        transform.translation.y = p.y;
        // Lower on the screen draws in front.
        transform.translation.z = 10.0 - pos.0.y * 0.001;
        *visibility = if *status == Status::Dead { Visibility::Hidden } else { Visibility::Inherited };
    }
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(Update, (dress_member, place_members).chain().run_if(in_state(Screen::Playing)));
}
