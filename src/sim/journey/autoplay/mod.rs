//! The built-in player: walks the group to each way out, camps at night (in the desert, through
//! the heat of the day and the small hours), gathers wood before dark, makes and feeds fires, fills the skins where
//! it can, goes for water when it runs low, and encourages whoever gives up.

mod escape;
mod march;
mod policy;
mod roads;

use bevy::prelude::*;

pub use policy::Policy;
use policy::{Needs, worth};
use roads::{RoadSense, road_worth};

use crate::levels::{Biome, Choice, Effect};
use crate::sim::SimSystems;
use crate::sim::journey::story::{Choose, Greeted, PendingEvent, StrangerAt};
use crate::sim::model::air::Weather;
use crate::sim::model::body::Vitals;
use crate::sim::model::clock::GameClock;
use crate::sim::model::group::{Encourage, Mind, Resting, Straying};
use crate::sim::model::march::March;
use crate::sim::model::party::{Leader, Member, Position, Status};
use crate::sim::model::stage::CurrentLevel;
use crate::sim::model::supplies::{CampAction, Fire, Supplies, WOOD_TO_LIGHT};
use crate::sim::model::walk::Route;
use crate::sim::world::{StageMap, nearest_shelter, nearest_water, nearest_wood, shelter_at};

/// Whether the built-in policy plays (`--autoplay`, and the headless tests).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Autoplay(pub bool);

/// What the autoplayer is walking toward now.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Errand {
    #[default]
    WayOut,
    Wood,
    Water,
    Comrade,
    Stranger,
    Search,
    /// To the lee of a wood to make camp.
    Shelter,
}

/// Wind kept off below which a careful leader looks for a better place to camp.
const CAMP_SHELTER: f32 = 0.4;
/// Minutes a careful leader walks toward a lee before making camp wherever the group is.
const SHELTER_WALK_MIN: u64 = 60;

fn is_autoplaying(autoplay: Res<Autoplay>) -> bool {
    autoplay.0
}

/// Whether now is a time to camp: nights; in the desert the heat of the day (air above 33 °C)
/// and 23:00–04:00.
fn should_rest(level: &CurrentLevel, clock: &GameClock, weather: &Weather, march: &March) -> bool {
    let h = clock.hour();
    // Gone down off the route for the night: camp from the end of the day's walking to dawn.
    if march.is_camped_off_the_route() && !(7.0..16.0).contains(&h) {
        return true;
    }
    if level.0.biome == Biome::Desert { weather.air_c > 33.0 || !(4.0..23.0).contains(&h) } else { clock.is_night() }
}

/// What the autoplayer keeps from one minute to the next.
#[derive(Debug, Default)]
struct Steering {
    errand: Errand,
    /// The minute the last errand was taken up.
    last_errand: u64,
    /// The Gobi's stream has been reached.
    found_stream: bool,
    /// The minute the walk to a lee for the night began.
    shelter_since: u64,
}

impl Steering {
    /// Back to walking to the way out.
    fn walk_on(&mut self, route: &mut Route) {
        route.0.clear();
        self.errand = Errand::WayOut;
    }
}

/// A careful leader: looks after whoever gave up or strayed, camps when it is time, runs
/// errands for water and wood, and otherwise walks to the way out.
fn steer_autoplay(
    map: Res<StageMap>,
    level: Res<CurrentLevel>,
    clock: Res<GameClock>,
    stage: Res<State<crate::states::Stage>>,
    (weather, march): (Res<Weather>, Res<March>),
    supplies: Res<Supplies>,
    policy: Res<Policy>,
    mut steering: Local<Steering>,
    mut resting: ResMut<Resting>,
    mut actions: MessageWriter<CampAction>,
    mut encourage: MessageWriter<Encourage>,
    fires: Query<(&Position, &Fire)>,
    strangers: Query<&Position, (With<StrangerAt>, Without<Greeted>, Without<Leader>)>,
    members: Query<(&Position, &Status, &Vitals, Has<Straying>), (With<Member>, Without<Leader>)>,
    mut leader: Query<(&Position, &mut Route, &Vitals), With<Leader>>,
) {
    let Ok((pos, mut route, own)) = leader.single_mut() else { return };
    let s = &mut *steering;
    if stage.is_changed() || level.is_changed() {
        // Each stage, and each ground gone down to, is begun afresh (and so a resumed journey
        // plays on as the original did).
        *s = Steering::default();
        route.0.clear();
    }
    if map.story_water.is_some_and(|w| w.as_vec2().distance(pos.0) < 2.0) {
        s.found_stream = true;
    }
    let minute = clock.minutes % 60;
    // A camp's fire comes before anything: nobody is talked round who is freezing.
    if resting.0 {
        let cold = members.iter().any(|(_, s, v, _)| {
            let freezing = if *policy == Policy::Reckless { v.conditions().hypothermia } else { v.feels_like_c < 10.0 };
            *s != Status::Dead && freezing
        });
        keep_the_fire(pos.0, minute, cold, &supplies, &fires, &mut actions);
    }
    let given_up: Vec<Vec2> = members.iter().filter(|(_, s, ..)| **s == Status::GivenUp).map(|(p, ..)| p.0).collect();
    // Words cost the leader strength: a careful one does not talk himself into collapse.
    let can_talk = own.fatigue < 0.75;
    if can_talk && tend_the_given_up(&map, pos.0, minute, &given_up, s, &mut route, &mut encourage) {
        return;
    }
    // Someone has lost the group: by day (or on a night march) go and look for them; in a night
    // camp the fire is the beacon, and nobody else is sent into the dark.
    let stray = members
        .iter()
        .filter(|(_, s, _, straying)| **s == Status::Walking && *straying)
        .map(|(p, ..)| p.0)
        .min_by(|a, b| a.distance(pos.0).total_cmp(&b.distance(pos.0)));
    let camping = resting.0 && should_rest(&level, &clock, &weather, &march);
    // Nor does a careful leader search himself into collapse.
    match stray {
        Some(at) if given_up.is_empty() && !camping && own.fatigue < 0.85 => {
            if (s.errand != Errand::Search || minute.is_multiple_of(15))
                && let Some(r) = map.route(pos.0.floor().as_uvec2(), at.floor().as_uvec2())
            {
                route.0 = r.into();
                s.errand = Errand::Search;
            }
            return;
        }
        None if s.errand == Errand::Search => s.walk_on(&mut route),
        _ => {}
    }
    // The passive player, once out of the wire, makes camp and never breaks it.
    let stays = *policy == Policy::Passive && *stage.get() != crate::states::Stage::Camp;
    // Nobody careful walks out into a blizzard or a sandstorm: the camp sits it out. Except
    // the break-out itself, which a storm covers (Rawicz chose a heavy snowfall for it).
    let storm = matches!(weather.kind, crate::levels::WeatherKind::Blizzard | crate::levels::WeatherKind::Sandstorm);
    let sits_out = storm && *policy != Policy::Reckless && *stage.get() != crate::states::Stage::Camp;
    // Nobody camps in the yard of the camp they are breaking out of: the night is the escape.
    let breaking_out = *stage.get() == crate::states::Stage::Camp;
    let rest = !breaking_out && (stays || sits_out || should_rest(&level, &clock, &weather, &march));
    // Before making camp in the open, a careful leader leads the group into the lee of a wood
    // near by, where a fire keeps burning through a storm.
    if rest && !resting.0 && *policy != Policy::Reckless {
        match s.errand {
            // Not for long: a group too spent to reach the lee within the hour camps where it is.
            Errand::Shelter if !route.0.is_empty() && clock.minutes < s.shelter_since + SHELTER_WALK_MIN => return,
            Errand::Shelter => {}
            _ if shelter_at(&map, pos.0) < CAMP_SHELTER => {
                if let Some(lee) = nearest_shelter(&map, pos.0, 10, CAMP_SHELTER)
                    && let Some(r) = map.route(pos.0.floor().as_uvec2(), lee)
                {
                    route.0 = r.into();
                    s.errand = Errand::Shelter;
                    s.shelter_since = clock.minutes;
                    return;
                }
            }
            _ => {}
        }
    }
    if rest && !resting.0 {
        // Making camp: wood from close by, then a fire if the night is cold.
        actions.write(CampAction::GatherWood);
    }
    resting.0 = rest;
    if stays && minute.is_multiple_of(30) {
        // Wood and water from round about the camp, and back to it.
        actions.write(CampAction::GatherWood);
    }
    if rest {
        return;
    }
    if minute.is_multiple_of(10) {
        actions.write(CampAction::FillSkins);
        actions.write(CampAction::GatherWood);
    }
    // Busy with an errand, or walking on with nothing to reconsider this half hour.
    if !route.0.is_empty() && (s.errand != Errand::WayOut || !minute.is_multiple_of(30)) {
        return;
    }
    // Arrived where an errand led: do it, then on to the way out.
    match s.errand {
        Errand::Wood if route.0.is_empty() => {
            actions.write(CampAction::GatherWood);
        }
        Errand::Water if route.0.is_empty() => {
            actions.write(CampAction::FillSkins);
        }
        _ => {}
    }
    let stranger = strangers.iter().next().map(|p| p.0.floor().as_uvec2());
    choose_the_way(&map, &level, &clock, &supplies, pos.0, stranger, s, &mut route);
}

/// Anyone sitting in despair within reach gets a word; someone further is walked to. Whether
/// that took the leader's minute.
fn tend_the_given_up(
    map: &StageMap,
    pos: Vec2,
    minute: u64,
    given_up: &[Vec2],
    s: &mut Steering,
    route: &mut Route,
    encourage: &mut MessageWriter<Encourage>,
) -> bool {
    if let Some(nearest) = given_up.iter().min_by(|a, b| a.distance(pos).total_cmp(&b.distance(pos))) {
        if nearest.distance(pos) <= 2.0 {
            if minute.is_multiple_of(30) {
                encourage.write(Encourage);
            }
            s.walk_on(route);
            return true;
        } else if s.errand != Errand::Comrade
            && let Some(r) = map.route(pos.floor().as_uvec2(), nearest.floor().as_uvec2())
        {
            route.0 = r.into();
            s.errand = Errand::Comrade;
        }
    } else if s.errand == Errand::Comrade {
        s.walk_on(route);
    }
    false
}

/// In camp: a fire lit if the night is cold (or fed before it dies), the skins filled hourly.
fn keep_the_fire(
    pos: Vec2,
    minute: u64,
    cold: bool,
    supplies: &Supplies,
    fires: &Query<(&Position, &Fire)>,
    actions: &mut MessageWriter<CampAction>,
) {
    let fire = fires.iter().find(|(p, _)| p.0.distance(pos) < 2.0);
    match fire {
        None if cold && supplies.wood >= WOOD_TO_LIGHT => {
            actions.write(CampAction::MakeFire);
        }
        Some((_, f)) if f.fuel_h < 1.0 && supplies.wood > 0 => {
            actions.write(CampAction::MakeFire);
        }
        _ => {}
    }
    if minute == 0 {
        actions.write(CampAction::FillSkins);
    }
}

/// The next errand (someone waiting on the way, the Gobi's stream, water when low, wood at
/// evening), or else the way out.
fn choose_the_way(
    map: &StageMap,
    level: &CurrentLevel,
    clock: &GameClock,
    supplies: &Supplies,
    pos: Vec2,
    stranger: Option<UVec2>,
    s: &mut Steering,
    route: &mut Route,
) {
    let here = pos.floor().as_uvec2();
    // A careful leader scouts well beyond what the eye reaches from the path.
    let sight = 40;
    let near_exit = map.exit_centre().as_vec2().distance(pos) < 25.0;
    // Low, or not full with the way out close: the next stage may have none.
    let low_water = supplies.water_l < supplies.capacity_l * if near_exit { 0.95 } else { 0.6 };
    let evening = (16.5..19.0).contains(&clock.hour()) && level.0.biome != Biome::Desert;
    // Errands are not taken up again within a few hours of the last: no walking to and fro.
    let may_errand = clock.minutes >= s.last_errand + 240;
    // The Gobi's stream is only known once someone has seen the green of it.
    let stream_seen = map.story_water.is_some_and(|w| w.as_vec2().distance(pos) < 30.0);
    let stream = map.story_water.filter(|_| !s.found_stream && stream_seen);
    // Someone waiting on the way is gone to and spoken with.
    let goal = if let Some(at) = stranger.filter(|_| s.errand != Errand::Stranger) {
        Some((at, Errand::Stranger))
    } else if stream.is_some() && s.errand != Errand::Water {
        // In the Gobi, where there is nothing to see, the stream the story promises comes first
        // (the film's four found it too).
        stream.map(|g| (g, Errand::Water))
    } else if low_water && s.errand != Errand::Water && may_errand {
        nearest_water(map, pos, sight).map(|g| (g, Errand::Water))
    } else if evening && supplies.wood < 4 && s.errand != Errand::Wood && may_errand {
        nearest_wood(map, pos, 8).map(|g| (g, Errand::Wood))
    } else {
        None
    };
    if let Some((goal, kind)) = goal
        && let Some(r) = map.route(here, goal)
    {
        route.0 = r.into();
        s.errand = kind;
        s.last_errand = clock.minutes;
        return;
    }
    if s.errand == Errand::WayOut && !route.0.is_empty() {
        return;
    }
    s.errand = Errand::WayOut;
    if map.is_exit(here) {
        return;
    }
    if let Some((path, _)) = map.path_to_exit(here) {
        route.0 = path.into_iter().skip(1).map(|p| p.as_vec2() + Vec2::splat(0.5)).collect();
    }
}

/// Game minutes the autoplayer lets a question stand before answering, so that a watcher can
/// read it (0 headless; the windowed game sets a few seconds' worth of a scene's minutes, which
/// the march, an hour a tick, passes in a tick or two).
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReadingTime(pub u32);

fn answer_questions(
    pending: Res<PendingEvent>,
    reading: Res<ReadingTime>,
    stage: Res<State<crate::states::Stage>>,
    (weather, policy): (Res<Weather>, Res<Policy>),
    (level, supplies, clock): (Res<CurrentLevel>, Res<Supplies>, Res<GameClock>),
    (levels, march_km): (Res<crate::levels::Levels>, Res<March>),
    bodies: Query<(&Status, &Vitals), With<Member>>,
    (minds, gear, pursuit): (
        Query<(&Member, &Mind)>,
        Query<&crate::sim::model::gear::Gear>,
        Option<Res<crate::sim::model::pursuit::Pursuit>>,
    ),
    mut waited: Local<u32>,
    mut choose: MessageWriter<Choose>,
) {
    let Some(p) = pending.0.as_ref() else {
        *waited = 0;
        return;
    };
    *waited += clock.step as u32;
    if *waited <= reading.0 {
        return;
    }
    let stage = *stage.get();
    let climate = level.0.climate_in(clock.month_f());
    let walking = || bodies.iter().filter(|(s, _)| **s == Status::Walking).map(|(_, v)| v);
    let sense = RoadSense {
        water_l: supplies.water_l,
        wood: supplies.wood,
        walkers: walking().count(),
        night_c: climate.night_temp_c,
        day_c: climate.day_temp_c,
        air_c: weather.air_c,
        month: clock.month_f(),
        weak: walking().any(|v| v.conditions().weakened || v.conditions().hypothermia || v.fatigue > 0.6),
    };
    let walkers: Vec<&Vitals> = walking().collect();
    let slack = march::slack_days(
        &levels,
        stage,
        march_km.km,
        clock.minutes as f32 / crate::sim::model::clock::MINUTES_PER_DAY as f32,
    );
    let road = |e: &Effect| match e {
        Effect::Road(n, other) => road_worth(&level.0, *n, *other, &sense),
        // A policy with its own mind about stays (the reckless never stop) is not talked round.
        Effect::Guests(days) if policy.weighs(e).is_none() => march::stay_worth(*days, &walkers, slack),
        _ => 0.0,
    };
    let needs = Needs {
        food_days: supplies.rations / walkers.len().max(1) as f32,
        water_share: supplies.water_l / supplies.capacity_l.max(1.0),
        fatigue: walkers.iter().map(|v| v.fatigue).fold(0.0, f32::max),
        boots: gear.iter().map(|g| g.boots).fold(1.0, f32::min),
        clothes: gear.iter().map(|g| g.clothes).fold(1.0, f32::min),
        hunted: pursuit.as_ref().is_some_and(|p| p.is_on()),
        morale: minds.iter().map(|(_, m)| m.morale).sum::<f32>() / minds.iter().count().max(1) as f32,
        trust: minds.iter().map(|(_, m)| m.trust).sum::<f32>() / minds.iter().count().max(1) as f32,
        slack_days: slack,
        weak: sense.weak,
    };
    let score = |c: &Choice| {
        let sum = |effects: &[Effect]| {
            effects.iter().map(|e| worth(e, stage, &weather, *policy, &needs) + road(e)).sum::<f32>()
        };
        let trusted = match c.needs_trust {
            // It is known how much someone trusts you; a request likely refused is not made.
            Some((who, min)) => minds.iter().find(|(m, _)| m.0 == who).is_some_and(|(_, mind)| mind.trust >= min),
            None => true,
        };
        match (trusted, c.odds) {
            (false, _) => sum(&c.failed_effects) - 0.5,
            // A chance is weighed at what it is worth on average, its loss made more of by a
            // careful player and less by a reckless one.
            (true, Some(p)) => p * sum(&c.effects) + (1.0 - p) * policy.dread() * sum(&c.failed_effects),
            (true, None) => sum(&c.effects),
        }
    };
    let best = p
        .choices
        .iter()
        .enumerate()
        .max_by(|(i, a), (j, b)| score(a).total_cmp(&score(b)).then(j.cmp(i)))
        .map(|(i, _)| i)
        .unwrap_or(0);
    choose.write(Choose(best));
    *waited = 0;
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Autoplay>().init_resource::<ReadingTime>().init_resource::<Policy>();
    app.add_systems(
        FixedUpdate,
        answer_questions
            .run_if(is_autoplaying)
            .run_if(in_state(crate::states::Pause::Running))
            .before(crate::sim::journey::story::AnswerSystems),
    );
    app.add_systems(
        FixedUpdate,
        (
            march::steer_the_march.run_if(is_autoplaying).run_if(crate::sim::is_marching),
            steer_autoplay.run_if(is_autoplaying).run_if(crate::sim::is_on_the_ground),
            escape::keep_to_the_dark
                .run_if(is_autoplaying)
                .run_if(in_state(crate::states::Stage::Camp))
                .run_if(crate::sim::is_on_the_ground),
        )
            .chain()
            .in_set(SimSystems::Decide),
    );
}
