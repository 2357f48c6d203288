//! For developers: the frame-time benchmark and input replays.

pub mod framebench;
pub mod replay;
