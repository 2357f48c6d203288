//! The game's pixel art, painted by code: every terrain's tile variants and the soft edges where
//! one terrain meets another, the trees standing on the forests, boulders, yurts, towers and wire, the people's figures, and the
//! HUD's icons. Pure pixels, no engine
//! types: `tilegen` writes the tiles to `assets/`, the game paints the rest when it starts.

mod figures;
mod fireside;
mod icons;
mod props;
mod tiles;
mod trees;

pub use figures::*;
pub use fireside::*;
pub use icons::*;
pub use props::*;
pub use tiles::*;
pub use trees::*;
