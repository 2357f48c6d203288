//! The party on screen: a figure for each member, in their own colours, with a shadow at
//! their feet and their name over them while the pointer is on them or they speak. The group
//! is drawn as people walk together, a loose cluster round the way the leader goes, not the
//! file the simulation's trail keeps; an exhausted walker limps; at rest by a burning fire,
//! everyone sits round it, facing it. Nobody is drawn off their place through a fence or a wall.

use bevy::prelude::*;

use crate::game::TILE_PX;

use bevy::window::PrimaryWindow;

use crate::levels::{Levels, Look, MemberId, Stranger};
use crate::paint::art::{FIGURE, FIGURE_FRAMES, LYING};
use crate::sim::journey::story::StrangerAt;
use crate::sim::model::body::Vitals;
use crate::sim::model::journal::{Journal, Told};
use crate::sim::model::party::{Leader, Member, Position, Status};
use crate::sim::model::supplies::Fire;
use crate::sim::model::watch::Sentry;
use crate::sim::world::StageMap;
use crate::states::Screen;

/// Where a simulation position (tile units) is drawn: tile centres at `n * TILE_PX`.
pub fn world_pos(pos: Vec2) -> Vec2 {
    (pos - Vec2::splat(0.5)) * TILE_PX
}

fn rgb8((r, g, b): (u8, u8, u8)) -> [u8; 3] {
    [r, g, b]
}

/// The frames of every figure sheet: one layout shared by all; and the shadow at a figure's feet.
#[derive(Resource)]
struct FigureLayout(Handle<TextureAtlasLayout>, Handle<Image>);

/// A soft oval of shade, as the low sun of those latitudes casts under a walker.
fn paint_shadow() -> (u32, u32, Vec<u8>) {
    let (w, h) = (16u32, 6u32);
    let mut px = Vec::with_capacity((w * h * 4) as usize);
    for y in 0..h {
        for x in 0..w {
            let d =
                Vec2::new((x as f32 + 0.5) / w as f32 * 2.0 - 1.0, (y as f32 + 0.5) / h as f32 * 2.0 - 1.0).length();
            let a = ((1.0 - d) * 2.0).clamp(0.0, 1.0) * 0.5;
            px.extend_from_slice(&[10, 12, 20, (a * 255.0) as u8]);
        }
    }
    (w, h, px)
}

fn make_figure_layout(
    mut commands: Commands,
    mut layouts: ResMut<Assets<TextureAtlasLayout>>,
    mut images: ResMut<Assets<Image>>,
) {
    let layout = TextureAtlasLayout::from_grid(UVec2::splat(FIGURE), FIGURE_FRAMES, 1, None, None);
    let (w, h, px) = paint_shadow();
    commands.insert_resource(FigureLayout(layouts.add(layout), images.add(crate::game::rgba_image(w, h, px))));
}

/// A figure's name over its head: shown while the pointer is on the figure or it has just spoken.
#[derive(Component, Debug, Clone)]
struct NameTag(String);

/// How long after someone speaks their name stays over them, seconds.
const SPOKEN_S: f32 = 8.0;

/// The walking figure of a person, drawn by the project's own painter from their look.
#[derive(Component, Debug, Clone, Copy, Default)]
struct Walker {
    last: Vec2,
    /// Seconds into the walk cycle.
    phase: f32,
    /// The way the figure last walked, smoothed: the group spreads out across it.
    heading: Vec2,
    /// Where the figure is drawn off its place on the trail, tiles (eased, so nobody jumps).
    offset: Vec2,
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
    p.spawn((Sprite::from_image(layout.1.clone()), Transform::from_xyz(0.5, 1.0 - 9.5 * scale, -0.2)));
    p.spawn((
        Sprite::from_atlas_image(image, TextureAtlas { layout: layout.0.clone(), index: 0 }),
        Transform::from_xyz(0.0, 1.0, 0.0).with_scale(Vec3::splat(scale)),
    ));
    // Drawn at twice the size and shrunk, so that it stays sharp when the view is zoomed in.
    p.spawn((
        NameTag(name.to_string()),
        Text2d::new(name),
        TextFont::from_font_size(16.0),
        TextColor(Color::srgba(1.0, 1.0, 1.0, 0.95)),
        bevy::sprite::Text2dShadow::default(),
        Transform::from_xyz(0.0, 1.0 + 11.0 * scale, 0.3).with_scale(Vec3::splat(0.5)),
        Visibility::Hidden,
        // Drawn at the screen's resolution, over the world's canvas.
        crate::game::view::camera::SHARP,
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
            Walker { last: pos.0, ..default() },
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
            Walker { last: pos.0, ..default() },
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
            Walker { last: pos.0, ..default() },
        ));
        commands.entity(entity).with_children(|p| figure(p, &mut images, &layout, &look, "sentry", false));
    }
}

/// Steps while moving, stands still when not, lies down when dead; faces the way it walks. An
/// exhausted walker's steps come slower and uneven: a limp.
fn animate_walkers(
    time: Res<Time>,
    mut walkers: Query<(&Position, Option<&Status>, Option<&Vitals>, &mut Walker, &Children)>,
    mut sprites: Query<&mut Sprite>,
) {
    for (pos, status, vitals, mut walker, children) in &mut walkers {
        let moved = pos.0 - walker.last;
        walker.last = pos.0;
        let walking = moved.length() > 1e-4;
        if walking {
            walker.heading = (walker.heading * 0.9 + moved.normalize() * 0.1).normalize_or(moved.normalize());
        }
        let limping = vitals.is_some_and(|v| v.fatigue >= 0.8);
        if walking {
            // A limp: the bad leg's step is held twice as long as the good one's.
            let step = if limping && ((walker.phase / 0.2) as u32).is_multiple_of(2) { 0.5 } else { 1.0 };
            walker.phase += time.delta_secs() * step;
        } else {
            walker.phase = 0.0;
        }
        let frame = if status == Some(&Status::Dead) {
            LYING
        } else if walking {
            (walker.phase / if limping { 0.2 } else { 0.14 }) as u32 % 4
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

/// Where a walker is drawn off their place on the trail, tiles: drawn in toward the leader and
/// spread across the way the group goes, each at their own side and distance, so that the
/// group reads as people walking together. Someone far from the leader (strayed, lost in a
/// storm) is drawn where they are.
pub(crate) fn cluster_offset(id: u32, at: Vec2, leader: Vec2, heading: Vec2) -> Vec2 {
    let apart = leader - at;
    let near = ((9.0 - apart.length()) / 3.0).clamp(0.0, 1.0);
    if near == 0.0 {
        return Vec2::ZERO;
    }
    let across = heading.normalize_or(Vec2::Y).perp();
    // Each person's own side and how far out: fixed for them, so the group keeps its shape.
    let side = [-1.0, 1.0, -0.4, 0.7, -0.9, 0.3, 1.1, -0.6, 0.5][id as usize % 9];
    (apart * 0.55 + across * side * 1.1) * near
}

/// Tiles from a burning fire within which someone at rest goes to sit by it.
const HUDDLE_REACH: f32 = 5.0;

/// Where someone at rest near a burning fire is drawn off their place, tiles: in a ring round
/// the fire, each at their own place in it, close enough to feel it. `None` past its reach.
pub(crate) fn huddle_offset(id: u32, at: Vec2, fire: Vec2) -> Option<Vec2> {
    if at.distance(fire) > HUDDLE_REACH {
        return None;
    }
    // Nine places round the fire; flattened, as a ring on the ground is seen from above and
    // to the south.
    let angle = id as f32 * std::f32::consts::TAU / 9.0 + 0.35;
    Some(fire + Vec2::from_angle(angle) * Vec2::new(1.3, 0.85) - at)
}

/// Whether a figure drawn `offset` off its place `at` stands on open ground all the way there:
/// nobody is drawn through a fence, a wall or water.
fn clear_way(map: Option<&StageMap>, at: Vec2, offset: Vec2) -> bool {
    let Some(map) = map else { return true };
    (1..=4).all(|k| {
        let p = (at + offset * k as f32 / 4.0).round().as_ivec2();
        map.contains(p.x, p.y) && map.walkable(p.as_uvec2())
    })
}

#[allow(clippy::type_complexity)]
fn place_members(
    time: Res<Time>,
    map: Option<Res<StageMap>>,
    fires: Query<(&Position, &Fire)>,
    mut members: Query<
        (&Member, &Position, &Status, Has<Leader>, &mut Walker, &mut Transform, &mut Visibility, &Children),
        Without<Fire>,
    >,
    mut sprites: Query<&mut Sprite>,
) {
    let leader = members.iter().find(|m| m.3).map(|m| m.1.0);
    let ease = 1.0 - (-3.0 * time.delta_secs()).exp();
    let burning: Vec<Vec2> = fires.iter().filter(|(_, f)| f.burning()).map(|(p, _)| p.0).collect();
    for (member, pos, status, is_leader, mut walker, mut transform, mut visibility, children) in &mut members {
        let id = member.0 as u32;
        let resting = walker.phase == 0.0;
        let fire = burning
            .iter()
            .copied()
            .filter(|f| f.distance(pos.0) <= HUDDLE_REACH)
            .reduce(|a, b| if a.distance_squared(pos.0) <= b.distance_squared(pos.0) { a } else { b });
        // The dead lie where they fell (see `animate_walkers`); nobody is hidden.
        let wanted = match (leader, *status, fire) {
            (_, Status::Walking, Some(fire)) if resting => huddle_offset(id, pos.0, fire).unwrap_or(Vec2::ZERO),
            (Some(lead), Status::Walking, _) if !is_leader => cluster_offset(id, pos.0, lead, walker.heading),
            _ => Vec2::ZERO,
        };
        let wanted = if clear_way(map.as_deref(), pos.0, wanted) { wanted } else { Vec2::ZERO };
        walker.offset = walker.offset.lerp(wanted, ease);
        let drawn = pos.0 + walker.offset;
        let p = world_pos(drawn);
        transform.translation.x = p.x;
        transform.translation.y = p.y;
        // Lower on the screen draws in front.
        transform.translation.z = 10.0 - drawn.y * 0.001;
        *visibility = Visibility::Inherited;
        // Sat by the fire, each faces it.
        if let (Some(fire), true, Status::Walking) = (fire, resting, *status) {
            for child in children.iter() {
                if let Ok(mut sprite) = sprites.get_mut(child)
                    && sprite.texture_atlas.is_some()
                    && (fire.x - drawn.x).abs() > 0.2
                {
                    sprite.flip_x = fire.x < drawn.x;
                }
            }
        }
    }
}

/// Names show over whoever the pointer is on, and over whoever has just spoken (a journal line
/// `Name: "..."`), for a few seconds.
fn show_names(
    time: Res<Time>,
    journal: Res<Journal>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Camera, &GlobalTransform), With<crate::game::view::camera::ScreenCamera>>,
    figures: Query<(&GlobalTransform, &Children), With<Walker>>,
    mut tags: Query<(&NameTag, &mut Visibility)>,
    mut spoken: Local<(usize, Option<String>, f32)>,
) {
    if journal.0.len() != spoken.0 {
        spoken.0 = journal.0.len();
        spoken.1 = journal
            .0
            .last()
            .filter(|e| e.told != Told::Asked)
            .and_then(|e| e.text.split_once(": \"").map(|(who, _)| who.to_string()));
        spoken.2 = 0.0;
    }
    spoken.2 += time.delta_secs();
    let (camera, at) = *camera;
    let pointer = window.cursor_position().and_then(|c| camera.viewport_to_world_2d(at, c).ok());
    // The one figure under the pointer, the nearest if the group stands close: one name, not a
    // pile of them.
    let under = |place: &GlobalTransform| {
        let d = pointer? - place.translation().truncate() - Vec2::new(0.0, 2.0);
        (d.x.abs() < TILE_PX * 0.7 && d.y.abs() < TILE_PX * 0.8).then(|| d.length_squared())
    };
    let hovered = figures
        .iter()
        .filter_map(|(place, children)| Some((under(place)?, children.first()?)))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, first)| first);
    for (_, children) in &figures {
        let pointed = hovered.is_some();
        let hovered = pointed && children.first() == hovered;
        for child in children.iter() {
            if let Ok((tag, mut visibility)) = tags.get_mut(child) {
                // One name at a time: the one pointed at, else whoever has just spoken.
                let speaking = !pointed && spoken.2 < SPOKEN_S && spoken.1.as_deref() == Some(tag.0.as_str());
                visibility.set_if_neq(if hovered || speaking { Visibility::Inherited } else { Visibility::Hidden });
            }
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(Startup, make_figure_layout);
    app.add_systems(
        Update,
        (dress_member, dress_stranger, dress_sentry, animate_walkers, place_members, place_strangers, show_names)
            .chain()
            .run_if(in_state(Screen::Playing)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::levels::Terrain;

    /// A 12×12 field with a fence running north-south at x = 6.
    fn fenced() -> StageMap {
        let (w, h) = (12u32, 12u32);
        let terrain = (0..w * h).map(|i| if i % w == 6 { Terrain::Wire } else { Terrain::Yard }).collect();
        StageMap {
            width: w,
            height: h,
            terrain,
            elevation: vec![0.0; (w * h) as usize],
            wood: vec![false; (w * h) as usize],
            entry: UVec2::ZERO,
            exit: vec![],
            story_water: None,
        }
    }

    #[test]
    fn by_a_fire_everyone_has_their_own_place_in_a_ring_round_it() {
        let fire = Vec2::new(5.0, 5.0);
        let places: Vec<Vec2> =
            (0..9).map(|id| Vec2::new(3.0, 4.0) + huddle_offset(id, Vec2::new(3.0, 4.0), fire).unwrap()).collect();
        for (i, a) in places.iter().enumerate() {
            let d = a.distance(fire);
            assert!((0.8..=1.4).contains(&d), "{i} sits {d} tiles from the fire");
            for b in &places[i + 1..] {
                assert!(a.distance(*b) > 0.4, "two people on one spot");
            }
        }
        // Out of the fire's reach, nobody is drawn to it.
        assert_eq!(huddle_offset(0, Vec2::new(20.0, 5.0), fire), None);
    }

    #[test]
    fn nobody_is_drawn_across_a_fence() {
        let map = fenced();
        // Inside, drawn a tile along the fence: fine.
        assert!(clear_way(Some(&map), Vec2::new(4.0, 4.0), Vec2::new(0.0, 1.0)));
        // Drawn over the wire to the other side: refused.
        assert!(!clear_way(Some(&map), Vec2::new(5.0, 4.0), Vec2::new(2.0, 0.0)));
        // Off the map: refused.
        assert!(!clear_way(Some(&map), Vec2::new(0.0, 0.0), Vec2::new(-1.0, 0.0)));
    }
}
