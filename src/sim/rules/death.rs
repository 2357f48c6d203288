//! Death: a body that has failed (too cold, too hot, too dry) dies; the fate is recorded and
//! the others hear of it.

use bevy::prelude::*;

use crate::sim::SimSystems;
use crate::sim::model::body::{Died, Vitals};
use crate::sim::model::clock::GameClock;
use crate::sim::model::party::{Fate, Fates, Member, Status};
use crate::states::Stage;

fn settle_deaths(
    stage: Res<State<Stage>>,
    clock: Res<GameClock>,
    mut fates: ResMut<Fates>,
    mut died: MessageWriter<Died>,
    mut members: Query<(&Member, &Vitals, &mut Status)>,
) {
    for (member, v, mut status) in &mut members {
        if matches!(*status, Status::Dead | Status::Lost | Status::Departed) {
            continue;
        }
        if let Some(cause) = v.fatal() {
            *status = Status::Dead;
            fates.settle(member.0, Fate::Died, *stage.get(), clock.day(), cause);
            died.write(Died { member: member.0, cause });
            info!("{} died of {cause} on day {}", member.0.name(), clock.day());
        }
    }
}

pub(crate) fn plugin(app: &mut App) {
    app.add_message::<Died>();
    app.add_systems(FixedUpdate, settle_deaths.in_set(SimSystems::Die));
}
