//! Walking the whole journey: stages in order, state transitions, and what each state owns.

use bevy::prelude::*;
use the_way_back::sim::journey::{JourneyOutcome, Outcome, StageLog, WayOut};
use the_way_back::sim::movement::Route;
use the_way_back::sim::party::{Leader, Member, MemberId, Position};
use the_way_back::sim::state::{Pause, Screen, Stage};
use the_way_back::sim::world::StageMap;

use crate::helpers::*;

#[test]
fn debug_camp() {
    let mut app = sim_app(7, true);
    start_journey(&mut app);
    for i in 0..400 {
        for _ in 0..10 { app.update(); }
        let mut q = app.world_mut().query::<(&Member, &Position)>();
        let v: Vec<_> = q.iter(app.world()).map(|(m, p)| (m.0, p.0)).collect();
        let map = app.world().resource::<StageMap>();
        if i % 20 == 0 { println!("{i} {:?} exit {:?}", v, map.exit); }
    }
    panic!();
}
