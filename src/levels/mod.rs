//! Level files: one RON file per stage in `levels/`, `levels/story.ron`, and the pool of chance
//! events in `levels/events.ron`. What they can say (the schema), how they are read, and how
//! they are checked, with errors that name the file, the line and the field. No systems: the
//! simulation reads what is loaded here.

mod land;
mod level;
mod parse;
mod people;
pub mod pool;
mod route;
mod story;
pub(crate) mod validate;
mod weather;
pub mod weigh;

pub use land::*;
pub use level::*;
pub use parse::*;
pub use people::*;
pub use route::*;
pub use story::*;
pub use weather::*;
