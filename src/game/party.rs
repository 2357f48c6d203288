//! The party on screen: a figure for each member, in their own colours, with their name.

use bevy::prelude::*;

use super::TILE_PX;
use crate::sim::levels::{Levels, Look, Stranger};
use crate::sim::party::{Leader, Member, MemberId, Position, Status};
use crate::sim::story::StrangerAt;
use crate::sim::state::Screen;

/// Where a simulation position (tile units) is drawn: tile centres at `n * TILE_PX`.
pub fn world_pos(pos: Vec2) -> Vec2 {
    (pos - Vec2::splat(0.5)) * TILE_PX
}

fn rgb((r, g, b): (u8, u8, u8)) -> Color {
    Color::srgb_u8(r, g, b)
}

/// A figure in someone's own colours and build, as `levels/story.ron` describes them.
fn figure(p: &mut ChildSpawnerCommands, look: &Look, name: &str, leader: bool) {
    let h = look.height;
    if leader {
        // A ring under the leader: the one the player steers.
        p.spawn((
            Sprite::from_color(Color::srgba(1.0, 0.9, 0.4, 0.45), Vec2::new(14.0, 5.0)),
            Transform::from_xyz(0.0, -7.0, -0.1),
        ));
    }
    let body = 11.0 * h;
    p.spawn((Sprite::from_color(rgb(look.coat), Vec2::new(8.0, body)), Transform::from_xyz(0.0, -6.5 + body / 2.0, 0.0)));
    let head_y = -6.5 + body + 2.5;
    p.spawn((Sprite::from_color(rgb(look.skin), Vec2::new(6.0, 5.0)), Transform::from_xyz(0.0, head_y, 0.1)));
    if look.beard {
        p.spawn((Sprite::from_color(rgb(look.hat).darker(0.1), Vec2::new(6.0, 1.5)), Transform::from_xyz(0.0, head_y - 1.8, 0.15)));
    }
    p.spawn((Sprite::from_color(rgb(look.hat), Vec2::new(7.0, 2.5)), Transform::from_xyz(0.0, head_y + 2.5, 0.2)));
    p.spawn((
        Text2d::new(name),
        TextFont::from_font_size(9.0),
        TextColor(Color::srgba(1.0, 1.0, 1.0, 0.85)),
        Transform::from_xyz(0.0, head_y + 10.0, 0.3),
    ));
}

fn dress_member(mut commands: Commands, levels: Res<Levels>, members: Query<(Entity, &Member, Has<Leader>), Added<Member>>) {
    for (entity, member, leader) in &members {
        let look = levels.story.character(member.0).look;
        commands.entity(entity).insert((Transform::from_xyz(0.0, 0.0, 10.0), Visibility::default()));
        commands.entity(entity).with_children(|p| figure(p, &look, member.0.name(), leader));
    }
}

/// The monk wears red and has no hat; Khabarov and Irena look as they will in the group.
fn dress_stranger(mut commands: Commands, levels: Res<Levels>, strangers: Query<(Entity, &StrangerAt), Added<StrangerAt>>) {
    for (entity, stranger) in &strangers {
        let look = match stranger.0 {
            Stranger::Khabarov => levels.story.character(MemberId::Khabarov).look,
            Stranger::Irena => levels.story.character(MemberId::Irena).look,
            Stranger::Monk => Look { coat: (150, 40, 30), hat: (200, 150, 60), skin: (200, 160, 120), beard: false, height: 1.0 },
        };
        commands.entity(entity).insert((Transform::from_xyz(0.0, 0.0, 10.0), Visibility::default()));
        commands.entity(entity).with_children(|p| figure(p, &look, stranger.0.name(), false));
    }
}

fn place_strangers(mut strangers: Query<(&Position, &mut Transform), With<StrangerAt>>) {
    for (pos, mut transform) in &mut strangers {
        let p = world_pos(pos.0);
        transform.translation = p.extend(10.0 - pos.0.y * 0.001);
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
    app.add_systems(
        Update,
        (dress_member, dress_stranger, place_members, place_strangers).chain().run_if(in_state(Screen::Playing)),
    );
}
