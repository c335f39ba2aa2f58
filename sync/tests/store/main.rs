//! The store on a real disk: the data folder, the log, and crashes while writing (one test
//! binary; each file under `tests/` would link the crate once more).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod crash;
mod data_dir;
mod log;
