//! What the people say: a line when their state changes (cold, thirsty, lost, found, giving up,
//! walking again), and at a newly lit fire at night.

use std::collections::HashMap;

use bevy::prelude::*;

use crate::levels::{Levels, MemberId};
use crate::sim::model::body::Vitals;
use crate::sim::model::clock::GameClock;
use crate::sim::model::group::Straying;
use crate::sim::model::party::{Leader, Member, News, Position, Status};
use crate::sim::model::supplies::Fire;

/// What someone says when their state changes: once when it begins, and not again for hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Says {
    Cold,
    Heat,
    Thirsty,
    Collapsed,
    Lost,
    Found,
    GivesUp,
    WalksAgain,
}

pub(crate) fn speak(
    levels: Res<Levels>,
    clock: Res<GameClock>,
    mut was: Local<HashMap<(MemberId, Says), bool>>,
    mut last: Local<HashMap<(MemberId, Says), u64>>,
    members: Query<(&Member, &Status, &Vitals, Has<Straying>), Without<Leader>>,
    mut news: MessageWriter<News>,
) {
    for (member, status, v, straying) in &members {
        let c = v.conditions();
        let now = [
            (Says::Cold, c.hypothermia),
            (Says::Heat, c.heat_exhaustion),
            (Says::Thirsty, c.weakened),
            (Says::Collapsed, c.collapsed && *status != Status::Dead),
            (Says::Lost, straying),
            (Says::Found, !straying),
            (Says::GivesUp, *status == Status::GivenUp),
            (Says::WalksAgain, *status == Status::Walking),
        ];
        for (says, on) in now {
            let key = (member.0, says);
            let before = was.insert(key, on).unwrap_or(on);
            let edge = on && !before;
            // Found and walking again are only news after being lost or giving up.
            if !edge || !matches!(*status, Status::Walking | Status::GivenUp) {
                continue;
            }
            if last.get(&key).is_some_and(|t| clock.minutes < t + 180) {
                continue;
            }
            last.insert(key, clock.minutes);
            let lines = &levels.story.character(member.0).lines;
            let line = match says {
                Says::Cold => &lines.cold,
                Says::Heat => &lines.heat,
                Says::Thirsty => &lines.thirsty,
                Says::Collapsed => &lines.collapsed,
                Says::Lost => &lines.lost,
                Says::Found => &lines.found,
                Says::GivesUp => &lines.gives_up,
                Says::WalksAgain => &lines.walks_again,
            };
            news.write(News(format!("{}: \"{}\"", member.0.name(), line)));
        }
    }
}

/// Someone by a newly lit fire at night says so.
pub(crate) fn speak_at_fire(
    levels: Res<Levels>,
    clock: Res<GameClock>,
    fires: Query<&Position, Added<Fire>>,
    members: Query<(&Member, &Position, &Status), Without<Leader>>,
    mut news: MessageWriter<News>,
) {
    if !clock.is_night() {
        return;
    }
    for fire in &fires {
        let nearest = members
            .iter()
            .filter(|(_, p, s)| **s == Status::Walking && p.0.distance(fire.0) < 4.0)
            .min_by_key(|(m, ..)| (clock.day() as usize + m.0 as usize * 7) % 9);
        if let Some((m, ..)) = nearest {
            news.write(News(format!("{}: \"{}\"", m.0.name(), levels.story.character(m.0).lines.fire)));
        }
    }
}
