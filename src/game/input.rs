//! The player's input while playing, from the keyboard, the mouse or a gamepad: walk, pace,
//! camp, gather, fire, drink, encourage, pause; click to walk to a place, or on the action bar
//! for everything else.
//!
//! Gamepad: left stick or D-pad walks; A encourages, X gathers wood, Y makes a fire, B drinks
//! and fills the skins; LB and RB set the pace slower and faster; LT sets the rations; Select
//! makes camp; Start pauses.

use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use crate::game::TILE_PX;
use crate::game::menus::settings::{Action, Settings};
use crate::sim::journey::autoplay::Autoplay;
use crate::sim::model::clock::GameClock;
use crate::sim::model::food::Rations;
use crate::sim::model::group::{Encourage, Pace, Resting};
use crate::sim::model::march::{GoDown, GoUp, March, MarchOrders};
use crate::sim::model::party::{Leader, Position};
use crate::sim::model::supplies::CampAction;
use crate::sim::model::walk::{MoveInput, Route};
use crate::sim::world::StageMap;
use crate::sim::{MARCH_FAST_HOURS_PER_SECOND, MARCH_HOURS_PER_SECOND, SLEEP_SPEED};
use crate::states::{Pause, Scale, Screen};

fn read_walk_keys(
    keys: Res<ButtonInput<KeyCode>>,
    settings: Res<Settings>,
    gamepads: Query<&Gamepad>,
    mut leader: Query<(&mut MoveInput, &mut Route), With<Leader>>,
) {
    let Ok((mut input, mut route)) = leader.single_mut() else { return };
    let mut dir = Vec2::ZERO;
    for pad in &gamepads {
        let stick = pad.left_stick() + pad.dpad();
        // A worn stick rests a little off centre.
        if stick.length() > 0.25 {
            dir += stick.normalize();
        }
    }
    for (action, alt, d) in [
        (Action::WalkUp, KeyCode::ArrowUp, Vec2::Y),
        (Action::WalkDown, KeyCode::ArrowDown, Vec2::NEG_Y),
        (Action::WalkLeft, KeyCode::ArrowLeft, Vec2::NEG_X),
        (Action::WalkRight, KeyCode::ArrowRight, Vec2::X),
    ] {
        if keys.pressed(settings.key(action)) || keys.pressed(alt) {
            dir += d;
        }
    }
    if dir != Vec2::ZERO {
        route.0.clear();
    }
    input.0 = dir;
}

/// Click on the map: Janusz finds the way there.
fn walk_to_click(
    buttons: Res<ButtonInput<MouseButton>>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Camera, &GlobalTransform)>,
    map: Option<Res<StageMap>>,
    ui: Query<&Interaction, With<Button>>,
    mut leader: Query<(&Position, &mut Route), With<Leader>>,
) {
    // A click on a button is not a click on the ground beneath it.
    if !buttons.just_pressed(MouseButton::Left) || ui.iter().any(|i| *i != Interaction::None) {
        return;
    }
    let (Some(map), Some(cursor)) = (map, window.cursor_position()) else { return };
    let (camera, transform) = *camera;
    let Ok(world) = camera.viewport_to_world_2d(transform, cursor) else { return };
    let tile = (world / TILE_PX + Vec2::splat(0.5)).floor();
    if !map.contains(tile.x as i32, tile.y as i32) {
        return;
    }
    let goal = tile.as_uvec2();
    let Ok((pos, mut route)) = leader.single_mut() else { return };
    let from = pos.0.floor().as_uvec2();
    if let Some(path) = map.route(from, goal) {
        route.0 = path.into();
    }
}

/// An action the player asked for, by key, gamepad button or the action bar; all are carried
/// out in one place.
#[derive(Message, Debug, Clone, Copy)]
struct PlayerAction(Action);

/// The actions a key, a gamepad button or the action bar can ask for while playing: those of
/// `Action::ALL` between the four ways to walk and the rations, the pause and the journal.
const PLAY_ACTIONS: &[Action] = Action::ALL.split_at(4).1.split_at(Action::ALL.len() - 7).0;
const _: () = assert!(
    matches!(PLAY_ACTIONS[0], Action::GatherWood) && matches!(PLAY_ACTIONS[PLAY_ACTIONS.len() - 1], Action::PaceForced)
);

/// Keys as the settings bind them; gamepad buttons, LB and RB a pace slower and faster.
fn read_action_keys(
    keys: Res<ButtonInput<KeyCode>>,
    settings: Res<Settings>,
    gamepads: Query<&Gamepad>,
    pace: Res<Pace>,
    mut asked: MessageWriter<PlayerAction>,
) {
    let pad = |b: GamepadButton| gamepads.iter().any(|g| g.just_pressed(b));
    // The rations are on a key of their own and the gamepad's LT, not on the action bar: a
    // day's decision, not a button to press in the middle of things.
    for &action in PLAY_ACTIONS.iter().chain(&[Action::Rations]) {
        if keys.just_pressed(settings.key(action)) {
            asked.write(PlayerAction(action));
        }
    }
    let slower = if *pace == Pace::Forced { Action::PaceSteady } else { Action::PaceSlow };
    let faster = if *pace == Pace::Slow { Action::PaceSteady } else { Action::PaceForced };
    for (button, action) in [
        (GamepadButton::West, Action::GatherWood),
        (GamepadButton::North, Action::MakeFire),
        (GamepadButton::East, Action::Drink),
        (GamepadButton::South, Action::Encourage),
        (GamepadButton::Select, Action::Camp),
        (GamepadButton::LeftTrigger, slower),
        (GamepadButton::RightTrigger, faster),
        (GamepadButton::LeftTrigger2, Action::Rations),
    ] {
        if pad(button) {
            asked.write(PlayerAction(action));
        }
    }
}

fn carry_out_actions(
    mut asked: MessageReader<PlayerAction>,
    autoplay: Res<Autoplay>,
    scale: Res<State<Scale>>,
    clock: Res<GameClock>,
    mut orders: ResMut<MarchOrders>,
    mut camp: MessageWriter<CampAction>,
    mut encourage: MessageWriter<Encourage>,
    mut pace: ResMut<Pace>,
    mut rations: ResMut<Rations>,
    mut resting: ResMut<Resting>,
) {
    let marching = *scale.get() == Scale::March;
    for PlayerAction(action) in asked.read() {
        match action {
            Action::GatherWood => {
                camp.write(CampAction::GatherWood);
            }
            Action::MakeFire => {
                camp.write(CampAction::MakeFire);
            }
            Action::Drink => {
                camp.write(CampAction::FillSkins);
            }
            // On the march the group camps every night by itself: the order is a day's rest.
            Action::Camp if marching && !autoplay.0 => {
                let today = clock.day();
                orders.rest_day = if orders.rest_day == Some(today) { None } else { Some(today) };
            }
            // The built-in player decides when to camp while it leads.
            Action::Camp if !autoplay.0 => resting.0 = !resting.0,
            Action::Encourage => {
                encourage.write(Encourage);
            }
            Action::PaceSlow => *pace = Pace::Slow,
            Action::PaceSteady => *pace = Pace::Steady,
            Action::PaceForced => *pace = Pace::Forced,
            // The built-in player sets the rations itself while it leads.
            Action::Rations if !autoplay.0 => {
                *rations = rations.next();
                info!("the group is on {}", rations.name());
            }
            _ => {}
        }
    }
}

/// Time on the march runs fast (a day in three seconds) instead of at its normal pace (a day
/// in twenty: a year's walk is about an hour and a half of the march).
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct MarchFast(pub bool);

/// The key that takes the group down off the route onto the ground, and back up.
pub const GROUND_KEY: KeyCode = KeyCode::KeyH;

/// On the march: N walks by night or by day, Tab runs time fast or at its pace, H goes down
/// onto the ground here.
fn read_march_keys(
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    autoplay: Res<Autoplay>,
    mut orders: ResMut<MarchOrders>,
    mut fast: ResMut<MarchFast>,
    mut down: MessageWriter<GoDown>,
) {
    if keys.just_pressed(KeyCode::KeyN) && !autoplay.0 {
        orders.by_night = !orders.by_night;
    }
    let pad = gamepads.iter().any(|g| g.just_pressed(GamepadButton::RightThumb));
    if (keys.just_pressed(GROUND_KEY) || pad) && !autoplay.0 {
        down.write(GoDown);
    }
    if keys.just_pressed(KeyCode::Tab) {
        fast.0 = !fast.0;
    }
}

/// On ground off the route: H goes back up to the march where the group came down.
fn read_ground_keys(
    keys: Res<ButtonInput<KeyCode>>,
    gamepads: Query<&Gamepad>,
    autoplay: Res<Autoplay>,
    march: Res<March>,
    mut up: MessageWriter<GoUp>,
) {
    let pad = gamepads.iter().any(|g| g.just_pressed(GamepadButton::RightThumb));
    if (keys.just_pressed(GROUND_KEY) || pad) && !autoplay.0 && march.is_camped_off_the_route() {
        up.write(GoUp);
    }
}

/// How much slower than a scene's usual minute-a-tick time runs while the camp's lamps sweep
/// the yard: six game minutes a second.
const ESCAPE_SPEED: f32 = 0.2;

/// The player's choice of game speed (`--speed`).
#[derive(Resource, Debug, Clone, Copy)]
pub struct GameSpeed(pub f32);

/// Nights in camp pass quickly: the player should not have to wait them out.
fn speed_up_sleep(
    resting: Res<Resting>,
    base: Res<GameSpeed>,
    scale: Res<State<Scale>>,
    fast: Res<MarchFast>,
    lamps: Query<&crate::sim::model::watch::Searchlight>,
    mut time: ResMut<Time<Virtual>>,
) {
    let speed = if *scale.get() == Scale::March {
        // A tick is an hour on the march: run the ticks at the march's pace.
        let hours = if fast.0 { MARCH_FAST_HOURS_PER_SECOND } else { MARCH_HOURS_PER_SECOND };
        base.0 * hours / crate::sim::TICKS_PER_SECOND as f32
    } else if lamps.iter().any(|l| l.reach > 0.0) {
        // The break-out under the lamps is played minute by minute, slowly enough to time a
        // dash between two sweeps of a beam.
        base.0 * ESCAPE_SPEED
    } else {
        base.0 * if resting.0 { SLEEP_SPEED } else { 1.0 }
    };
    if time.relative_speed() != speed {
        time.set_relative_speed(speed);
    }
}

/// The camp breaks at dawn: the first frame of day after a night, however many minutes a
/// frame of fast sleep passes over.
fn wake_at_dawn(
    clock: Res<GameClock>,
    autoplay: Res<Autoplay>,
    mut resting: ResMut<Resting>,
    mut was_night: Local<bool>,
) {
    let night = clock.is_night();
    if !autoplay.0 && resting.0 && *was_night && !night {
        resting.0 = false;
    }
    *was_night = night;
}

fn toggle_pause(
    keys: Res<ButtonInput<KeyCode>>,
    settings: Res<Settings>,
    gamepads: Query<&Gamepad>,
    pause: Res<State<Pause>>,
    mut next: ResMut<NextState<Pause>>,
) {
    let pad = gamepads.iter().any(|g| g.just_pressed(GamepadButton::Start));
    if keys.just_pressed(KeyCode::Escape) || keys.just_pressed(settings.key(Action::Pause)) || pad {
        next.set(match pause.get() {
            Pause::Running => Pause::Paused,
            Pause::Paused => Pause::Running,
        });
    }
}

/// The action bar: the scene's actions (on the march its own line of keys stands instead).
#[derive(Component, Debug, Clone, Copy)]
struct ActionBar;

/// A button of the action bar: the mouse's way to every action the keys have.
#[derive(Component, Debug, Clone, Copy)]
struct ActionButton(Action);

fn spawn_action_bar(mut commands: Commands) {
    commands
        .spawn((
            Name::new("Action bar"),
            ActionBar,
            Node {
                position_type: PositionType::Absolute,
                right: px(12),
                top: px(250),
                flex_direction: FlexDirection::Column,
                row_gap: px(3),
                ..default()
            },
            GlobalZIndex(1),
            DespawnOnExit(Screen::Playing),
        ))
        .with_children(|bar| {
            for &action in PLAY_ACTIONS {
                bar.spawn((
                    Button,
                    ActionButton(action),
                    Node {
                        width: px(220),
                        padding: UiRect::axes(px(8), px(3)),
                        border: UiRect::all(px(1)),
                        ..default()
                    },
                    BorderColor::all(crate::game::theme::DIM),
                    BackgroundColor(crate::game::theme::PANEL),
                    children![crate::game::theme::label("", 13.0, crate::game::theme::TEXT)],
                ));
            }
        });
}

/// Each button names its key as bound, and the pace and the camp in force stand out.
fn show_action_bar(
    scale: Res<State<Scale>>,
    mut bar: Query<&mut Visibility, With<ActionBar>>,
    settings: Res<Settings>,
    pace: Res<Pace>,
    resting: Res<Resting>,
    buttons: Query<(&ActionButton, &Interaction, &Children, &mut BorderColor)>,
    mut texts: Query<&mut Text>,
) {
    let shown = if *scale.get() == Scale::March { Visibility::Hidden } else { Visibility::Inherited };
    for mut v in &mut bar {
        v.set_if_neq(shown);
    }
    for (button, interaction, children, mut border) in buttons {
        let on = match button.0 {
            Action::PaceSlow => *pace == Pace::Slow,
            Action::PaceSteady => *pace == Pace::Steady,
            Action::PaceForced => *pace == Pace::Forced,
            Action::Camp => resting.0,
            _ => false,
        };
        let colour =
            if on || *interaction != Interaction::None { crate::game::theme::ACCENT } else { crate::game::theme::DIM };
        if border.top != colour {
            *border = BorderColor::all(colour);
        }
        let name = match button.0 {
            Action::Camp if resting.0 => "Break camp",
            Action::Camp => "Camp until dawn",
            a => a.describe(),
        };
        let label = format!("{:<3}{name}", settings.label(button.0));
        if let Some(mut text) = children.first().and_then(|c| texts.get_mut(*c).ok())
            && text.0 != label
        {
            text.0 = label;
        }
    }
}

fn press_action_bar(
    buttons: Query<(&ActionButton, &Interaction), Changed<Interaction>>,
    mut asked: MessageWriter<PlayerAction>,
) {
    for (button, interaction) in &buttons {
        if *interaction == Interaction::Pressed {
            asked.write(PlayerAction(button.0));
        }
    }
}

fn reset_speed(mut time: ResMut<Time<Virtual>>) {
    time.set_relative_speed(1.0);
}

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            (
                read_walk_keys,
                walk_to_click,
                (read_action_keys, press_action_bar, carry_out_actions).chain(),
                wake_at_dawn,
                read_march_keys.run_if(in_state(Scale::March)),
                read_ground_keys.run_if(in_state(Scale::Scene)),
            )
                .run_if(in_state(Pause::Running))
                .run_if(not(crate::game::screens::dialog::is_asking)),
            speed_up_sleep,
            show_action_bar,
            toggle_pause.run_if(not(crate::game::menus::is_overlay_open)),
        )
            .run_if(in_state(Screen::Playing)),
    );
    app.add_systems(OnExit(Screen::Playing), reset_speed);
    app.add_systems(OnEnter(Screen::Playing), spawn_action_bar);
    app.add_message::<PlayerAction>().init_resource::<MarchFast>();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The actions a gamepad with `button` just pressed asks for.
    fn asked_by(button: GamepadButton) -> Vec<Action> {
        let mut app = App::new();
        app.init_resource::<ButtonInput<KeyCode>>()
            .init_resource::<Settings>()
            .init_resource::<Pace>()
            .add_message::<PlayerAction>()
            .add_systems(Update, read_action_keys);
        let mut pad = Gamepad::default();
        pad.digital_mut().press(button);
        app.world_mut().spawn(pad);
        app.update();
        let asked = app.world().resource::<Messages<PlayerAction>>();
        asked.get_cursor().read(asked).map(|a| a.0).collect()
    }

    #[test]
    fn the_gamepad_sets_the_rations_and_the_pace() {
        // LT cycles the rations, as V does; LB and RB step the pace from steady.
        assert_eq!(asked_by(GamepadButton::LeftTrigger2), vec![Action::Rations]);
        assert_eq!(asked_by(GamepadButton::LeftTrigger), vec![Action::PaceSlow]);
        assert_eq!(asked_by(GamepadButton::RightTrigger), vec![Action::PaceForced]);
        assert_eq!(Action::Rations.gamepad(), "LT", "the controls page names the button");
    }
}
