//! The action bar: a button for each thing the keys do in the scale at hand (the scene's camp
//! work and pace; the march's pace, rations, rest, night walking, going down and fast time; the
//! pause everywhere), so that a mouse or a finger on a touch screen can play the whole game.

use bevy::prelude::*;

use crate::game::input::{MarchFast, PlayerAction};
use crate::game::menus::settings::{Action, Settings};
use crate::game::theme;
use crate::sim::journey::autoplay::Autoplay;
use crate::sim::model::food::Rations;
use crate::sim::model::group::{Pace, Resting};
use crate::sim::model::march::{GoDown, GoUp, March, MarchOrders};
use crate::states::{Pause, Scale, Screen};

/// What a button of the bar asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    /// What its key asks for (an `Action` of the settings' key bindings).
    Act(Action),
    /// Walk by night or by day (`N`).
    ByNight,
    /// Go down onto the ground here, or back up to the march from it (`H`).
    Ground,
    /// Time on the march at its pace or fast (`Tab`).
    Fast,
    /// The pause menu (`Esc`), and through it the journal and the settings.
    Pause,
}

/// The scene's buttons, top to bottom.
const SCENE: &[Command] = &[
    Command::Act(Action::GatherWood),
    Command::Act(Action::MakeFire),
    Command::Act(Action::Drink),
    Command::Act(Action::Camp),
    Command::Act(Action::Encourage),
    Command::Act(Action::PaceSlow),
    Command::Act(Action::PaceSteady),
    Command::Act(Action::PaceForced),
    Command::Ground,
    Command::Pause,
];

/// The march's buttons, top to bottom.
const MARCH: &[Command] = &[
    Command::Act(Action::PaceSlow),
    Command::Act(Action::PaceSteady),
    Command::Act(Action::PaceForced),
    Command::Act(Action::Rations),
    Command::Act(Action::Camp),
    Command::ByNight,
    Command::Ground,
    Command::Act(Action::Encourage),
    Command::Fast,
    Command::Pause,
];

/// The bar of one scale.
#[derive(Component, Debug, Clone, Copy)]
struct ActionBar(Scale);

/// A button of the bar.
#[derive(Component, Debug, Clone, Copy)]
struct BarButton(Command);

fn spawn_action_bars(mut commands: Commands) {
    for (scale, buttons) in [(Scale::Scene, SCENE), (Scale::March, MARCH)] {
        commands
            .spawn((
                Name::new("Action bar"),
                ActionBar(scale),
                Node {
                    position_type: PositionType::Absolute,
                    right: px(12),
                    // On the ground, below the hint's room; on the march there is no hint or minimap
                    // there, and the bar sits beside the journey's panel.
                    top: px(if scale == Scale::March { 140.0 } else { crate::game::hud::BELOW_TOP_PANEL_PX + 100.0 }),
                    flex_direction: FlexDirection::Column,
                    row_gap: px(3),
                    ..default()
                },
                Visibility::Hidden,
                GlobalZIndex(1),
                DespawnOnExit(Screen::Playing),
            ))
            .with_children(|bar| {
                for &command in buttons {
                    bar.spawn((
                        Button,
                        BarButton(command),
                        Node {
                            width: px(220),
                            // Tall enough for a fingertip on a phone.
                            min_height: px(22),
                            padding: UiRect::axes(px(8), px(3)),
                            border: UiRect::all(px(1)),
                            ..default()
                        },
                        BorderColor::all(theme::DIM),
                        BackgroundColor(theme::PANEL),
                        children![theme::label("", 13.0, theme::TEXT)],
                    ));
                }
            });
    }
}

/// What the bar's buttons show: each names its key as bound and what it does now, and the
/// orders in force stand out.
#[derive(bevy::ecs::system::SystemParam)]
struct InForce<'w> {
    pace: Res<'w, Pace>,
    resting: Res<'w, Resting>,
    rations: Res<'w, Rations>,
    orders: Res<'w, MarchOrders>,
    fast: Res<'w, MarchFast>,
    march: Res<'w, March>,
    clock: Res<'w, crate::sim::model::clock::GameClock>,
}

impl InForce<'_> {
    /// The button's key, its words, and whether what it orders is in force.
    fn show(&self, command: Command, scale: Scale, settings: &Settings) -> (String, String, bool) {
        let act = |a: Action| settings.label(a);
        match command {
            // On the march the group camps every night by itself: the order is a day's rest.
            Command::Act(Action::Camp) if scale == Scale::March => {
                let resting = self.orders.rest_day == Some(self.clock.day());
                (act(Action::Camp), "Rest today".into(), resting)
            }
            Command::Act(Action::Camp) if self.resting.0 => (act(Action::Camp), "Break camp".into(), true),
            Command::Act(Action::Camp) => (act(Action::Camp), "Camp until dawn".into(), false),
            Command::Act(Action::Rations) => (act(Action::Rations), format!("On {}", self.rations.name()), false),
            Command::Act(a) => {
                let on = matches!(
                    (a, *self.pace),
                    (Action::PaceSlow, Pace::Slow)
                        | (Action::PaceSteady, Pace::Steady)
                        | (Action::PaceForced, Pace::Forced)
                );
                (act(a), a.describe().into(), on)
            }
            Command::ByNight => ("N".into(), "Walk by night".into(), self.orders.by_night),
            Command::Ground if self.march.is_camped_off_the_route() => {
                ("H".into(), "Back up to the march".into(), false)
            }
            Command::Ground => ("H".into(), "Go down here (camp)".into(), false),
            Command::Fast => ("Tab".into(), "Time fast".into(), self.fast.0),
            Command::Pause => ("Esc".into(), "Pause menu".into(), false),
        }
    }
}

/// The bar of the scale at hand is shown (the ground's way back up only on ground off the
/// route), and each button says what it does now.
fn show_action_bars(
    scale: Res<State<Scale>>,
    mut bars: Query<(&ActionBar, &mut Visibility)>,
    settings: Res<Settings>,
    in_force: InForce,
    mut buttons: Query<(&BarButton, &ChildOf, &Interaction, &Children, &mut BorderColor, &mut Node)>,
    mut texts: Query<&mut Text>,
) {
    for (bar, mut v) in &mut bars {
        v.set_if_neq(if bar.0 == *scale.get() { Visibility::Inherited } else { Visibility::Hidden });
    }
    for (button, parent, interaction, children, mut border, mut node) in &mut buttons {
        let Ok((bar, _)) = bars.get(parent.parent()) else { continue };
        let display =
            if button.0 == Command::Ground && *scale.get() == Scale::Scene && !in_force.march.is_camped_off_the_route()
            {
                Display::None
            } else {
                Display::Flex
            };
        if node.display != display {
            node.display = display;
        }
        let (key, name, on) = in_force.show(button.0, bar.0, &settings);
        let colour = if on || *interaction != Interaction::None { theme::ACCENT } else { theme::DIM };
        if border.top != colour {
            *border = BorderColor::all(colour);
        }
        let label = format!("{key:<4}{name}");
        if let Some(mut text) = children.first().and_then(|c| texts.get_mut(*c).ok())
            && text.0 != label
        {
            text.0 = label;
        }
    }
}

/// A button pressed asks for what its key does.
fn press_action_bars(
    buttons: Query<(&BarButton, &Interaction), Changed<Interaction>>,
    autoplay: Res<Autoplay>,
    march: Res<March>,
    mut asked: MessageWriter<PlayerAction>,
    (mut orders, mut fast): (ResMut<MarchOrders>, ResMut<MarchFast>),
    (mut down, mut up): (MessageWriter<GoDown>, MessageWriter<GoUp>),
    mut pause: ResMut<NextState<Pause>>,
) {
    for (button, interaction) in &buttons {
        if *interaction != Interaction::Pressed {
            continue;
        }
        info!("pressed the button {:?}", button.0);
        match button.0 {
            Command::Act(action) => {
                asked.write(PlayerAction(action));
            }
            // The built-in player chooses these itself while it leads, as with the keys.
            Command::ByNight if !autoplay.0 => orders.by_night = !orders.by_night,
            Command::Ground if !autoplay.0 && march.is_camped_off_the_route() => {
                up.write(GoUp);
            }
            Command::Ground if !autoplay.0 => {
                down.write(GoDown);
            }
            Command::Fast => fast.0 = !fast.0,
            Command::Pause => pause.set(Pause::Paused),
            _ => {}
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Playing), spawn_action_bars);
    app.add_systems(Update, show_action_bars.run_if(in_state(Screen::Playing)));
    app.add_systems(
        Update,
        press_action_bars
            .run_if(in_state(Screen::Playing))
            .run_if(in_state(Pause::Running))
            .run_if(not(crate::game::screens::dialog::is_asking)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use bevy::state::app::StatesPlugin;

    /// An app with only the bar's press rule, on the march, and the bar's button for `command`
    /// pressed (as a click or a tap presses it).
    fn press(command: Command) -> App {
        let mut app = App::new();
        app.add_plugins(StatesPlugin)
            .init_state::<Screen>()
            .add_sub_state::<Pause>()
            .init_resource::<Autoplay>()
            .init_resource::<March>()
            .init_resource::<MarchOrders>()
            .init_resource::<MarchFast>()
            .add_message::<PlayerAction>()
            .add_message::<GoDown>()
            .add_message::<GoUp>()
            .add_systems(Update, press_action_bars);
        app.world_mut().insert_resource(NextState::Pending(Screen::Playing));
        app.update();
        app.world_mut().spawn((Button, BarButton(command), Interaction::Pressed));
        app.update();
        app.update();
        app
    }

    #[test]
    fn each_button_asks_for_what_its_key_does() {
        let app = press(Command::ByNight);
        assert!(app.world().resource::<MarchOrders>().by_night, "N: walk by night");
        assert!(press(Command::Fast).world().resource::<MarchFast>().0, "Tab: time fast");
        let app = press(Command::Pause);
        assert_eq!(*app.world().resource::<State<Pause>>().get(), Pause::Paused, "Esc: the pause menu");
        let app = press(Command::Ground);
        let down = app.world().resource::<Messages<GoDown>>();
        assert_eq!(down.get_cursor().read(down).count(), 1, "H on the march: down onto the ground");
        let app = press(Command::Act(Action::GatherWood));
        let asked = app.world().resource::<Messages<PlayerAction>>();
        let asked: Vec<Action> = asked.get_cursor().read(asked).map(|a| a.0).collect();
        assert_eq!(asked, vec![Action::GatherWood], "G: gather wood, as the key asks");
    }

    #[test]
    fn every_key_of_each_scale_has_its_button() {
        for action in crate::game::input::PLAY_ACTIONS {
            assert!(SCENE.contains(&Command::Act(*action)), "the scene's bar lacks {action:?}");
        }
        for command in [Command::Act(Action::Rations), Command::ByNight, Command::Ground, Command::Fast, Command::Pause]
        {
            assert!(MARCH.contains(&command), "the march's bar lacks {command:?}");
        }
        assert!(SCENE.contains(&Command::Pause) && SCENE.contains(&Command::Ground));
    }
}
