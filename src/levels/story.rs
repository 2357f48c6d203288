//! What the story files can say: events, their triggers, requirements, choices and effects,
//! and the endings.

use serde::{Deserialize, Serialize};

use crate::levels::{Character, MemberId, Terrain, WeatherKind};
use crate::states::Stage;

/// Who a trigger watches: anyone in the group but Janusz, or one person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Who {
    Anyone,
    Member(MemberId),
}

impl Who {
    pub fn matches(self, id: MemberId) -> bool {
        match self {
            Who::Anyone => id != MemberId::Janusz,
            Who::Member(m) => m == id,
        }
    }
}

/// A state of body or mind a trigger can wait for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    Hypothermic,
    Thirsty,
    Weakened,
    Collapsed,
    GivenUp,
    Straying,
}

/// Someone met on the way, standing on the map until the group reaches them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Stranger {
    Khabarov,
    Irena,
    Monk,
}

impl Stranger {
    pub fn name(self) -> &'static str {
        match self {
            Stranger::Khabarov => "Khabarov",
            Stranger::Irena => "Irena",
            Stranger::Monk => "a monk",
        }
    }

    /// Tiles from which they see the group and come to meet it. Irena, hiding, and Khabarov,
    /// in the camp, see only what is near; the monastery watches the path down from the pass,
    /// and its monk goes up to whoever its lookouts see on the snow, a day's walk off (60 of
    /// the Himalaya's 500 m tiles; the film's monk finds the group where it has sat down).
    pub fn comes_from_tiles(self) -> f32 {
        match self {
            Stranger::Khabarov | Stranger::Irena => 12.0,
            Stranger::Monk => 60.0,
        }
    }
}

/// What makes a story event happen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Trigger {
    /// When the group enters the stage.
    StageEntered,
    /// At dusk of the N-th night spent in the stage (1 is the first).
    Night(u32),
    /// When the group has walked this share (0 to 1) of the way to the way out.
    Progress(f32),
    /// When Janusz comes within a few steps of a kind of ground (a stream).
    Reached(Terrain),
    /// When a kind of ground comes into Janusz's sight (the monument by the road).
    Sighted(Terrain),
    /// When Janusz reaches someone standing this share (0 to 1) of the way along the path.
    Met { who: Stranger, along: f32 },
    /// When someone in the group comes to this state; fires once for each person it befalls.
    Condition(Who, Condition),
    /// When someone in the group dies; fires once for each death.
    Died(Who),
    /// By daylight after someone has strayed from the group and not been found, within a day
    /// of it; once for each: the dawn search. (Whoever the group left behind where they sat
    /// was waited for already.)
    Missing(Who),
    /// Straight after another event of the same stage has been told or answered.
    After(String),
    /// When the march reaches the stage route's fork N (0 is the first), where the way
    /// divides: its choices say which road (`Road`).
    Fork(usize),
    /// When the march comes to the stage route's waypoint N (0 is the first): a real place on
    /// the way, such as a monastery's gate. Not one inside a fork's roads.
    Waypoint(usize),
    /// Drawn by chance from the pool (`levels/events.ron`) when its requirements hold: about
    /// one a few days, at most once a journey (see `sim::journey::story::draw`).
    Drawn,
}

/// Who an effect acts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// Everyone in the group.
    Everyone,
    Member(MemberId),
    /// The person the trigger was about (who collapsed, who died).
    Subject,
}

/// What a choice does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Effect {
    /// Adds to morale (0 to 1).
    Morale(Target, f32),
    /// Adds to trust in Janusz (0 to 1).
    Trust(Target, f32),
    /// Litres into (or out of) the skins.
    Water(f32),
    /// Person-days of food.
    Rations(f32),
    /// Bundles of firewood.
    Wood(i32),
    /// Litres from the skins given to someone to drink.
    Drink(Target, f32),
    /// The group stops where it is for this many hours.
    Rest(f32),
    /// The rest of the day passes, with nothing in it to play, until this hour of the day (0 to
    /// 24): the prisoners wait in the barracks for night.
    Until(f32),
    /// This weather, now, for this many hours.
    Weather(WeatherKind, f32),
    /// Someone met on the way joins the group.
    Join(MemberId),
    /// Someone met on the way is sent off; the text says why.
    TurnAway(MemberId, String),
    /// Someone stays behind by choice; the text says where and why.
    Stay(MemberId, String),
    /// Someone goes another way; the text says where.
    Depart(MemberId, String),
    /// Someone sits down and will not walk on until encouraged.
    GiveUp(MemberId),
    /// Someone is sent out from the fire for wood.
    WoodRun(MemberId),
    /// Someone who has given up gets up and walks on.
    Rally(Target),
    /// A guide leads the group, everyone still with it, on to the next stage.
    Guide,
    /// At the stage route's fork N, the road taken: the route's own (false) or the other
    /// (true). Its length is told with the choice.
    Road(usize, bool),
    /// The group stays this many days where the march has brought it, as someone's guests:
    /// housed and fed (a ration each a day), nobody walks, the body mends, the season goes on.
    Guests(u32),
    /// Adds to fatigue (0 to 1; less is rested).
    Tire(Target, f32),
    /// Mends (or wears) boots, 0 worn through to 1 new.
    Boots(Target, f32),
    /// Mends (or wears) clothes, 0 rags to 1 new.
    Clothes(Target, f32),
    /// Km gained on the guards on the trail (less: they gain).
    Lead(f32),
    /// Someone lost is found and walks with the group again (a `Missing` event's subject).
    Found(Target),
}

/// One answer to a story event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub label: String,
    /// Offered only if these hold.
    #[serde(default)]
    pub requires: Vec<Require>,
    /// What happens, told after the choice.
    #[serde(default)]
    pub reply: String,
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// The chance (0 to 1) that it works, drawn from the run's dice when chosen; the label
    /// says it in words ("a good chance"). Otherwise `failed_reply` and `failed_effects`.
    #[serde(default)]
    pub odds: Option<f32>,
    /// The choice only works if this person trusts Janusz at least this much...
    #[serde(default)]
    pub needs_trust: Option<(MemberId, f32)>,
    /// ...and otherwise this is what happens.
    #[serde(default)]
    pub failed_reply: String,
    #[serde(default)]
    pub failed_effects: Vec<Effect>,
    /// Taking it (and its working) buries the event's subject where they died: a grave on the
    /// march's map and in the chronicle. Only on an event about someone's death.
    #[serde(default)]
    pub buries: bool,
}

/// What must hold for an event to happen at all (or a choice to be offered).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Require {
    /// With the group: alive, not lost, not gone.
    InGroup(MemberId),
    NotInGroup(MemberId),
    /// The event of this id has not happened (in this stage, or for a drawn event anywhere).
    NotTold(String),
    /// In one of these stages.
    Stages(Vec<Stage>),
    /// In these months, 1 to 12, from the first to the second (wrapping past December).
    Months(u32, u32),
    /// In one of these kinds of weather.
    Weather(Vec<WeatherKind>),
    /// On or beside one of these kinds of ground.
    Ground(Vec<Terrain>),
    /// The air colder than this, °C.
    ColderThan(f32),
    WarmerThan(f32),
    /// Days of food left for the group (rations over the people in it).
    FoodBelow(f32),
    FoodAbove(f32),
    /// Litres in the skins.
    WaterBelow(f32),
    WaterAbove(f32),
    /// Bundles of firewood.
    WoodBelow(u32),
    /// Someone's trust in Janusz, 0 to 1.
    TrustBelow(MemberId, f32),
    TrustAbove(MemberId, f32),
    /// Someone's spirits, 0 to 1.
    MoraleBelow(MemberId, f32),
    MoraleAbove(MemberId, f32),
    /// The group's mean spirits.
    GroupMoraleBelow(f32),
    /// This event happened earlier in the journey (any stage)...
    Told(String),
    /// ...and this was the choice taken (its label as written).
    Chose(String, String),
    /// At least this many days after it.
    DaysSince(String, u32),
    /// The guards are still on the trail.
    Hunted,
    AtNight,
    ByDay,
    /// A fire burns where Janusz is: the group sits round it (a fireside scene).
    AtFire,
    /// At least this many on their feet, Janusz with them.
    GroupAtLeast(u32),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryEvent {
    pub id: String,
    pub trigger: Trigger,
    #[serde(default)]
    pub requires: Vec<Require>,
    /// Who speaks the text, if anyone in particular.
    #[serde(default)]
    pub speaker: Option<MemberId>,
    /// A drawn event about one of the group, drawn at random from those it may befall: its
    /// `{who}`, and the `Subject` of its effects.
    #[serde(default)]
    pub about: Option<Who>,
    pub title: String,
    /// `{who}` stands for the person the trigger was about.
    pub text: String,
    /// What happens as soon as it is told.
    #[serde(default)]
    pub effects: Vec<Effect>,
    /// With no choices the event is told and play goes on; with choices, play waits.
    #[serde(default)]
    pub choices: Vec<Choice>,
    /// One of the story's big moments, marked for music.
    #[serde(default)]
    pub moment: Option<Moment>,
}

/// The feeling of a big moment of the story; the presentation plays music to match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Moment {
    /// The journey's own theme: the escape.
    Theme,
    /// Something given back: water, a guide, India.
    Hope,
    /// Someone left behind.
    Sorrow,
}

/// Which ending a journey has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EndingKind {
    /// Janusz reached India with others of the group.
    Home,
    /// Janusz reached India, but alone: the group fell apart on the way.
    Alone,
    JanuszDied,
    JanuszLost,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ending {
    pub when: EndingKind,
    pub title: String,
    /// `{stage}` and `{day}` stand for where and when the journey ended, `{with}` for who was
    /// with Janusz at the end.
    pub text: String,
}

/// `levels/story.ron`: the characters, the events that can happen in any stage, the endings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    pub characters: Vec<Character>,
    /// Events that can happen anywhere (a collapse, a death); a stage's own event with the same
    /// id takes their place.
    #[serde(default)]
    pub events: Vec<StoryEvent>,
    pub endings: Vec<Ending>,
    /// Janusz's dreams of the house, the journey's thread: one a stage from the Taiga on, in
    /// this order, the house nearer each time.
    #[serde(default)]
    pub visions: Vec<String>,
    /// What is told when delirium shows him the house awake and he gets up to follow it; one
    /// is picked by the dice.
    #[serde(default)]
    pub called_away: Vec<String>,
    /// The pool of chance events, from `levels/events.ron` (see [`Pool`]).
    #[serde(skip)]
    pub pool: Vec<StoryEvent>,
}

/// `levels/events.ron`: the events a journey draws by chance, beyond the film's beats.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pool {
    pub events: Vec<StoryEvent>,
}

impl Choice {
    /// The label as the player reads it: with its odds in words.
    pub fn label_with_odds(&self) -> String {
        match self.odds {
            Some(p) => format!("{} ({})", self.label, odds_in_words(p)),
            None => self.label.clone(),
        }
    }
}

/// A chance said as a player would hear it.
pub fn odds_in_words(p: f32) -> &'static str {
    match p {
        p if p >= 0.9 => "almost certain",
        p if p >= 0.7 => "a good chance",
        p if p >= 0.5 => "better than even",
        p if p >= 0.35 => "a fair chance",
        p if p >= 0.2 => "a long shot",
        _ => "hardly a hope",
    }
}

impl Story {
    pub fn character(&self, id: MemberId) -> &Character {
        self.characters.iter().find(|c| c.id == id).expect("validated: every member has a character")
    }

    pub fn ending(&self, kind: EndingKind) -> &Ending {
        self.endings.iter().find(|e| e.when == kind).expect("validated: every ending is written")
    }
}
