//! Hints for a first journey: each shown once, when the moment for it comes (the first evening
//! in the cold, the first one to freeze, stray or give up), so the controls and the three
//! dangers are learned in play.

use bevy::prelude::*;

use crate::game::menus::settings::{Action, Settings};
use crate::game::theme;
use crate::levels::Biome;
use crate::sim::journey::story::PendingEvent;
use crate::sim::model::body::Vitals;
use crate::sim::model::clock::GameClock;
use crate::sim::model::food::Hunger;
use crate::sim::model::gear::Gear;
use crate::sim::model::group::Straying;
use crate::sim::model::party::{Leader, Member, Position, Status};
use crate::sim::model::pursuit::Pursuit;
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::supplies::{Fire, Supplies};
use crate::states::{Screen, Stage};

/// The hints of this journey already shown.
#[derive(Resource, Debug, Default)]
struct Shown(Vec<&'static str>);

#[derive(Component)]
struct HintPanel {
    /// Seconds the hint has been up.
    age: f32,
}

const HINT_SECONDS: f32 = 16.0;

fn spawn_hint_panel(mut commands: Commands, mut shown: ResMut<Shown>) {
    shown.0.clear();
    commands.spawn((
        Name::new("Hint"),
        HintPanel { age: HINT_SECONDS },
        GlobalZIndex(2),
        Node {
            position_type: PositionType::Absolute,
            right: px(12),
            top: px(crate::game::hud::BELOW_TOP_PANEL_PX),
            max_width: px(380),
            padding: UiRect::axes(px(12), px(8)),
            border: UiRect::left(px(3)),
            display: Display::None,
            ..default()
        },
        BorderColor::all(theme::ACCENT),
        BackgroundColor(theme::PANEL),
        DespawnOnExit(Screen::Playing),
        children![theme::label("", 15.0, theme::TEXT)],
    ));
}

/// The hint due now, if any: the first whose moment has come and that has not been shown.
fn offer_hints(
    time: Res<Time>,
    stage: Res<State<Stage>>,
    level: Option<Res<CurrentLevel>>,
    clock: Res<GameClock>,
    pending: Res<PendingEvent>,
    settings: Res<Settings>,
    supplies: Res<Supplies>,
    fires: Query<(&Position, &Fire)>,
    pursuit: Res<Pursuit>,
    leader: Query<&Position, With<Leader>>,
    members: Query<(&Member, &Status, &Vitals, Has<Straying>), Without<Leader>>,
    gear: Query<(&Member, &Status, &Gear)>,
    mut shown: ResMut<Shown>,
    mut panel: Single<(&mut HintPanel, &mut Node, &Children)>,
    mut texts: Query<&mut Text>,
    scale: Res<State<crate::states::Scale>>,
) {
    let (hint, node, children) = &mut *panel;
    // While a question of the story stands the hint steps aside (it would lie across the
    // dialog) and keeps its time for after.
    let asking = pending.0.is_some();
    if !asking {
        hint.age += time.delta_secs();
    }
    // The hints are about the ground: on the march its own column says what can be done.
    let marching = *scale.get() == crate::states::Scale::March;
    let up = hint.age < HINT_SECONDS && !marching && !asking;
    node.display = if up { Display::Flex } else { Display::None };
    if hint.age < 4.0 || pending.0.is_some() || marching {
        return;
    }
    let Some(level) = level else { return };
    let cold_stage = level.0.climate.night_temp_c < 0.0;
    let lead = leader.single().map(|p| p.0).unwrap_or_default();
    let fire_near = fires.iter().any(|(p, f)| p.0.distance(lead) < 4.0 && f.burning());
    let fire_out = fires.iter().any(|(p, f)| p.0.distance(lead) < 4.0 && !f.burning());
    let worn = gear.iter().filter(|(_, s, g)| **s == Status::Walking && g.boots_worn()).map(|(m, ..)| m.0).min();
    let who = |f: &dyn Fn(&Status, &Vitals, bool) -> bool| {
        members.iter().find(|(_, s, v, st)| f(s, v, *st)).map(|(m, ..)| m.0.name())
    };
    let k = |a: Action| settings.label(a);
    let walk_keys =
        format!("{}{}{}{}", k(Action::WalkUp), k(Action::WalkLeft), k(Action::WalkDown), k(Action::WalkRight));
    let candidates: [(&'static str, Option<String>); 13] = [
        ("walk", (*stage.get() == Stage::Camp).then(|| {
            format!("Walk with {walk_keys} or the arrows, or click where to go: the group follows. Reach the way out (where and how far: top left) with everyone close by.")
        })),
        ("wire", (*stage.get() == Stage::Camp && clock.is_night()).then(|| {
            "Keep out of the lamps' beams and clear of the sentries walking the wire: hold still in the dark while a beam passes, then go. Seen, you are shot at, and the dogs come after you at once. The gap is in the east wire.".to_string()
        })),
        ("evening", (cold_stage && clock.hour() >= 15.5 && supplies.wood < 4).then(|| {
            format!("Night is coming, and the cold with it. Gather wood ({}) among the trees, then make camp ({}) and light a fire ({}).", k(Action::GatherWood), k(Action::Camp), k(Action::MakeFire))
        })),
        ("cold", who(&|s, v, _| *s == Status::Walking && v.conditions().hypothermia).filter(|_| !fire_near).map(|n| {
            format!("{n} is hypothermic. A fire ({}) warms everyone a few steps from it; so does walking, by day.", k(Action::MakeFire))
        })),
        ("thirst", who(&|s, v, _| *s == Status::Walking && v.conditions().thirsty).map(|n| {
            format!("{n} is thirsty. Drink and fill the skins ({0}) at water, or melt snow: {0} by a fire is quickest.", k(Action::Drink))
        })),
        ("hunger", who(&|s, v, _| *s == Status::Walking && v.hunger() >= Hunger::Thin).map(|n| {
            format!("{n} is growing thin: hunger slows the walk and lets the cold in. {} sets the rations; a rest day ({}) forages where the land gives.", k(Action::Rations), k(Action::Camp))
        })),
        ("stray", who(&|_, _, straying| straying).map(|n| {
            format!("{n} has lost sight of the group. A fire is seen from afar; by day, walk toward them.")
        })),
        ("given_up", who(&|s, _, _| *s == Status::GivenUp).map(|n| {
            format!("{n} has given up. Walk to them and encourage them ({}), better with Voss or Zoran beside you.", k(Action::Encourage))
        })),
        ("guards", pursuit.is_on().then(|| {
            "Guards and dogs are on your trail by day. Keep moving: falling snow, wind, river ice and bare rock hide the tracks.".to_string()
        })),
        ("fire_out", (fire_out && clock.is_night()).then(|| {
            format!("The fire is out: wind kills a fire in the open. Camp ({}) in the lee of trees or rock, keep wood ({}), light it again ({}).", k(Action::Camp), k(Action::GatherWood), k(Action::MakeFire))
        })),
        ("boots", worn.map(|id| {
            format!("{}'s boots are wearing through: feet blister and freeze twice as readily. A rest day ({}) where there is bark or hide mends them.", id.name(), k(Action::Camp))
        })),
        ("desert", (level.0.biome == Biome::Desert).then(|| {
            format!("In the desert, walk in the cool of the night and rest through the heat of the day ({}). Water is what kills here.", k(Action::Camp))
        })),
        ("pace", (*stage.get() == Stage::Taiga && clock.hour() >= 10.0 && clock.hour() < 15.0).then(|| {
            format!("Pace: {} slow, {} steady, {} forced. Forcing covers ground but costs water, strength and spirits.", k(Action::PaceSlow), k(Action::PaceSteady), k(Action::PaceForced))
        })),
    ];
    for (key, text) in candidates {
        let Some(text) = text else { continue };
        if shown.0.contains(&key) {
            continue;
        }
        shown.0.push(key);
        hint.age = 0.0;
        if let Some(mut t) = children.first().and_then(|c| texts.get_mut(*c).ok()) {
            t.0 = text;
        }
        return;
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Shown>();
    app.add_systems(OnEnter(Screen::Playing), spawn_hint_panel);
    app.add_systems(Update, offer_hints.run_if(in_state(Screen::Playing)));
}
