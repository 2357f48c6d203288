//! The party on screen: a figure for each member, in their own colours, with their name.

use bevy::prelude::*;

use crate::game::TILE_PX;

use crate::levels::{Levels, Look, MemberId, Stranger};
use crate::paint::art::{FIGURE, FIGURE_FRAMES, LYING};
use crate::sim::journey::story::StrangerAt;
use crate::sim::model::party::{Leader, Member, Position, Status};
use crate::sim::model::watch::Sentry;
use crate::states::Screen;

/// Where a simulation position (tile units) is drawn: tile centres at `n * TILE_PX`.
pub fn world_pos(pos: Vec2) -> Vec2 {
    (pos - Vec2::splat(0.5)) * TILE_PX
}

fn rgb8((r, g, b): (u8, u8, u8)) -> [u8; 3] {
    [r, g, b]
}

/// The frames of every figure sheet: one layout shared by all.
#[derive(Resource)]
struct FigureLayout(Handle<TextureAtlasLayout>);

fn make_figure_layout(mut commands: Commands, mut layouts: ResMut<Assets<TextureAtlasLayout>>) {
    let layout = TextureAtlasLayout::from_grid(UVec2::splat(FIGURE), FIGURE_FRAMES, 1, None, None);
    commands.insert_resource(FigureLayout(layouts.add(layout)));
}

/// The walking figure of a person, drawn by the project's own painter from their look.
#[derive(Component, Debug, Clone, Copy, Default)]
struct Walker {
    last: Vec2,
    /// Seconds into the walk cycle.
    phase: f32,
}

/// A figure in someone's own colours and build, as `levels/story.ron` describes them.
fn figure(
    p: &mut ChildSpawnerCommands,
    images: &mut Assets<Image>,
    layout: &FigureLayout,
    look: &Look,
    name: &str,
    leader: bool,
) {
    if leader {
        // A ring under the leader: the one the player steers.
        p.spawn((
            Sprite::from_color(Color::srgba(1.0, 0.9, 0.4, 0.45), Vec2::new(14.0, 5.0)),
            Transform::from_xyz(0.0, -8.0, -0.1),
        ));
    }
    let (w, h, rgba) = crate::paint::art::figure_sheet(rgb8(look.coat), rgb8(look.hat), rgb8(look.skin), look.beard);
    let image = images.add(crate::game::rgba_image(w, h, rgba));
    let scale = 0.9 * look.height;
    p.spawn((
        Sprite::from_atlas_image(image, TextureAtlas { layout: layout.0.clone(), index: 0 }),
        Transform::from_xyz(0.0, 1.0, 0.0).with_scale(Vec3::splat(scale)),
    ));
    p.spawn((
        Text2d::new(name),
        TextFont::from_font_size(9.0),
        TextColor(Color::srgba(1.0, 1.0, 1.0, 0.85)),
        Transform::from_xyz(0.0, 16.0, 0.3),
    ));
}

fn dress_member(
    mut commands: Commands,
    levels: Res<Levels>,
    mut images: ResMut<Assets<Image>>,
    layout: Res<FigureLayout>,
    members: Query<(Entity, &Member, &Position, Has<Leader>), Added<Member>>,
) {
    for (entity, member, pos, leader) in &members {
        let look = levels.story.character(member.0).look;
        commands.entity(entity).insert((
            Transform::from_xyz(0.0, 0.0, 10.0),
            Visibility::default(),
            Walker { last: pos.0, phase: 0.0 },
        ));
        commands.entity(entity).with_children(|p| figure(p, &mut images, &layout, &look, member.0.name(), leader));
    }
}

/// The monk wears red and has no hat; Khabarov and Irena look as they will in the group.
fn dress_stranger(
    mut commands: Commands,
    levels: Res<Levels>,
    mut images: ResMut<Assets<Image>>,
    layout: Res<FigureLayout>,
    strangers: Query<(Entity, &StrangerAt, &Position), Added<StrangerAt>>,
) {
    for (entity, stranger, pos) in &strangers {
        let look = match stranger.0 {
            Stranger::Khabarov => levels.story.character(MemberId::Khabarov).look,
            Stranger::Irena => levels.story.character(MemberId::Irena).look,
            Stranger::Monk => {
                Look { coat: (150, 40, 30), hat: (200, 150, 60), skin: (200, 160, 120), beard: false, height: 1.0 }
            }
        };
        commands.entity(entity).insert((
            Transform::from_xyz(0.0, 0.0, 10.0),
            Visibility::default(),
            Walker { last: pos.0, phase: 0.0 },
        ));
        commands.entity(entity).with_children(|p| figure(p, &mut images, &layout, &look, stranger.0.name(), false));
    }
}

/// A sentry of the camp's watch: a guard in a grey-green greatcoat and a fur hat.
fn dress_sentry(
    mut commands: Commands,
    mut images: ResMut<Assets<Image>>,
    layout: Res<FigureLayout>,
    sentries: Query<(Entity, &Position), Added<Sentry>>,
) {
    let look = Look { coat: (74, 78, 56), hat: (58, 52, 40), skin: (196, 158, 128), beard: false, height: 1.05 };
    for (entity, pos) in &sentries {
        commands.entity(entity).insert((
            Transform::from_xyz(0.0, 0.0, 10.0),
            Visibility::default(),
            Walker { last: pos.0, phase: 0.0 },
        ));
        commands.entity(entity).with_children(|p| figure(p, &mut images, &layout, &look, "sentry", false));
    }
}

/// Steps while moving, stands still when not, lies down when dead; faces the way it walks.
fn animate_walkers(
    time: Res<Time>,
    mut walkers: Query<(&Position, Option<&Status>, &mut Walker, &Children)>,
    mut sprites: Query<&mut Sprite>,
) {
    for (pos, status, mut walker, children) in &mut walkers {
        let moved = pos.0 - walker.last;
        walker.last = pos.0;
        let walking = moved.length() > 1e-4;
        if walking {
            walker.phase += time.delta_secs();
        } else {
            walker.phase = 0.0;
        }
        let frame = if status == Some(&Status::Dead) {
            LYING
        } else if walking {
            (walker.phase / 0.14) as u32 % 4
        } else {
            0
        };
        for child in children.iter() {
            if let Ok(mut sprite) = sprites.get_mut(child)
                && let Some(atlas) = sprite.texture_atlas.as_mut()
            {
                atlas.index = frame as usize;
                if moved.x.abs() > 1e-4 {
                    sprite.flip_x = moved.x < 0.0;
                }
            }
        }
    }
}

fn place_strangers(mut strangers: Query<(&Position, &mut Transform), Or<(With<StrangerAt>, With<Sentry>)>>) {
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
        // The dead lie where they fell (see `animate_walkers`); nobody is hidden.
        let _ = status;
        *visibility = Visibility::Inherited;
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(Startup, make_figure_layout);
    app.add_systems(
        Update,
        (dress_member, dress_stranger, dress_sentry, place_members, place_strangers, animate_walkers)
            .chain()
            .run_if(in_state(Screen::Playing)),
    );
}
