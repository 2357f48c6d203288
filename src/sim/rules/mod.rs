//! The rules of the journey: the design card's three dangers (exposure, thirst, cohesion) and
//! what serves them, one file each. A rule never names another rule: they talk through the
//! components, resources and messages of `sim::model`.

pub mod camp;
pub mod cohesion;
pub mod death;
pub mod exposure;
pub mod falls;
pub mod gear;
pub mod hunger;
pub mod ice;
pub mod march;
pub mod movement;
pub mod pursuit;
pub mod thirst;
pub mod watch;
pub mod weather;
