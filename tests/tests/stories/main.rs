//! End-to-end stories with real nodes, real stores and real endpoints on 127.0.0.1 (or in
//! network namespaces), one test binary: each file under `tests/` would link the whole stack
//! once more. The hostile-peer story has a binary of its own (`hostile_story.rs`), so that the
//! process's peak memory is its own.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod bad_network;
mod blocks;
mod bundle;
mod crash;
mod disk;
mod docs;
mod events;
mod files;
mod fuzz_regressions;
mod join;
mod live;
mod moderation;
mod pinned;
mod presence;
mod profiles;
mod relay;
mod sync;
