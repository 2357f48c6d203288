//! Keeping the journal: every line the journey tells the player goes into it as it is told.

use bevy::prelude::*;

use crate::sim::journey::story::StoryBeat;
use crate::sim::model::clock::GameClock;
use crate::sim::model::journal::{Journal, Told};
use crate::sim::model::party::News;
use crate::states::Screen;

/// Keeps what was told since the last tick. Runs after every fixed step whatever else is
/// paused (a question waiting stops the rules, not the telling).
fn keep_what_was_told(
    clock: Res<GameClock>,
    mut news: MessageReader<News>,
    mut beats: MessageReader<StoryBeat>,
    mut journal: ResMut<Journal>,
) {
    for b in beats.read() {
        let e = &b.0;
        match (&e.choice, &e.reply) {
            (Some(choice), Some(reply)) if !reply.is_empty() => {
                journal.add(clock.minutes, Told::Answered, format!("{}: {choice}. {reply}", e.title), Some(&e.id))
            }
            (Some(choice), _) => {
                journal.add(clock.minutes, Told::Answered, format!("{}: {choice}.", e.title), Some(&e.id))
            }
            (None, _) => journal.add(clock.minutes, Told::Story, format!("{}. {}", e.title, e.text), Some(&e.id)),
        }
    }
    for n in news.read() {
        journal.add(clock.minutes, Told::News, n.0.clone(), None);
    }
}

/// A question is told as it is asked, by the same beat as one that asks nothing: the journal
/// marks the beat of the question now waiting as asked.
fn mark_questions(pending: Res<crate::sim::journey::story::PendingEvent>, mut journal: ResMut<Journal>) {
    let Some(p) = &pending.0 else { return };
    let id = Some(&p.entry.id);
    if let Some(last) = journal.0.iter_mut().rev().take(64).find(|e| e.told == Told::Story && e.event.as_ref() == id) {
        last.told = Told::Asked;
    }
}

fn clear_journal(mut journal: ResMut<Journal>) {
    journal.0.clear();
}

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Journal>();
    // Cleared before a saved journey's is put back.
    app.add_systems(OnEnter(Screen::Loading), clear_journal.before(crate::sim::journey::StartSystems::Resume));
    app.add_systems(FixedPostUpdate, (keep_what_was_told, mark_questions).chain());
}
