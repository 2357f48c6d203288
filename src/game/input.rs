//! The player's input while playing, from the keyboard, the mouse or a gamepad: walk, pace,
//! camp, gather, fire, drink, encourage, pause; click or tap to walk to a place (the action bar,
//! in `hud::action_bar`, has a button for everything else).
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

/// A touch that moved less than this (logical px) between finger down and up is a tap, not a
/// drag or half of a pinch.
const TAP_SLOP_PX: f32 = 16.0;

/// What the fingers on the screen have done since the first of them came down.
#[derive(Default)]
struct Gesture {
    /// The most fingers down at once.
    fingers: usize,
    /// Those that came down on the ground, not on a button, while the group could be led.
    began_here: Vec<u64>,
}

/// Click or tap on the map: Janusz finds the way there.
fn walk_to_click(
    buttons: Res<ButtonInput<MouseButton>>,
    touches: Res<Touches>,
    window: Single<&Window, With<PrimaryWindow>>,
    camera: Single<(&Camera, &GlobalTransform), With<crate::game::view::camera::ScreenCamera>>,
    map: Option<Res<StageMap>>,
    ui: Query<&Interaction, With<Button>>,
    mut leader: Query<(&Position, &mut Route), With<Leader>>,
    mut gesture: Local<Gesture>,
) {
    // A click on a button is not a click on the ground beneath it; nor is a tap that began on
    // one (by the time the finger lifts, the button has let go of it).
    let on_button = ui.iter().any(|i| *i != Interaction::None);
    for t in touches.iter_just_pressed() {
        if !on_button {
            gesture.began_here.push(t.id());
        }
    }
    gesture.fingers = gesture.fingers.max(touches.iter().count());
    // A tap is told when the finger lifts, if it came down on the ground while the group could
    // be led (not on a button, not on a question's answer), hardly moved, and no other finger
    // was down meanwhile: a pinch or a drag is no walk.
    let tap = touches
        .iter_just_released()
        .find(|t| t.distance().length() < TAP_SLOP_PX && gesture.fingers <= 1 && gesture.began_here.contains(&t.id()))
        .map(|t| t.position());
    if touches.iter().next().is_none() {
        *gesture = Gesture::default();
    }
    let click = buttons.just_pressed(MouseButton::Left).then(|| window.cursor_position()).flatten();
    let Some(screen) = click.filter(|_| !on_button).or(tap) else { return };
    let Some(map) = map else { return };
    let (camera, transform) = *camera;
    let Ok(world) = camera.viewport_to_world_2d(transform, screen) else { return };
    let tile = (world / TILE_PX + Vec2::splat(0.5)).floor();
    if !map.contains(tile.x as i32, tile.y as i32) {
        return;
    }
    let goal = tile.as_uvec2();
    let Ok((pos, mut route)) = leader.single_mut() else { return };
    let from = pos.0.floor().as_uvec2();
    if let Some(path) = map.route(from, goal) {
        info!("walking to tile ({}, {}), {} steps", goal.x, goal.y, path.len());
        route.0 = path.into();
    }
}

/// An action the player asked for, by key, gamepad button or the action bar; all are carried
/// out in one place.
#[derive(Message, Debug, Clone, Copy)]
pub(crate) struct PlayerAction(pub(crate) Action);

/// The actions a key, a gamepad button or the action bar can ask for while playing: those of
/// `Action::ALL` between the four ways to walk and the rations, the pause and the journal.
pub(crate) const PLAY_ACTIONS: &[Action] = Action::ALL.split_at(4).1.split_at(Action::ALL.len() - 7).0;
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
                (read_action_keys, carry_out_actions).chain(),
                wake_at_dawn,
                read_march_keys.run_if(in_state(Scale::March)),
                read_ground_keys.run_if(in_state(Scale::Scene)),
            )
                .run_if(in_state(Pause::Running))
                .run_if(not(crate::game::screens::dialog::is_asking)),
            speed_up_sleep,
            toggle_pause.run_if(not(crate::game::menus::is_overlay_open)),
        )
            .run_if(in_state(Screen::Playing)),
    );
    app.add_systems(OnExit(Screen::Playing), reset_speed);
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
