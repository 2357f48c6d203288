//! For developers: the frame-time benchmark, input replays, and what a crash shows.

pub mod crash;
pub mod framebench;
pub mod replay;
