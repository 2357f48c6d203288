//! Level files: one RON file per stage in `levels/`, and `levels/story.ron`. What they can say
//! (the schema), how they are read, and how they are checked, with errors that name the file,
//! the line and the field. No systems: the simulation reads what is loaded here.

mod land;
mod level;
mod parse;
mod people;
mod route;
mod story;
mod validate;
mod weather;

pub use land::*;
pub use level::*;
pub use parse::*;
pub use people::*;
pub use route::*;
pub use story::*;
pub use weather::*;
