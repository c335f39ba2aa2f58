//! The app's stories, one test binary (each file under `tests/` would link the whole stack
//! once more): the window driven through AccessKit roles and labels, the real `causeway`
//! binary on the command line, and the network stories that run it in network namespaces
//! (a workshop with no internet; members who reach each other only through a relay).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;
// The window's stories need the window (the headless build, `--no-default-features`, has
// the command-line ones only).
#[cfg(feature = "window")]
mod window;

mod cli;
#[cfg(feature = "window")]
mod comfort;
#[cfg(feature = "window")]
mod docs;
#[cfg(feature = "window")]
mod files;
#[cfg(feature = "window")]
mod first_run;
#[cfg(feature = "window")]
mod kit;
mod lan;
#[cfg(feature = "window")]
mod moderation;
mod relay_only;
#[cfg(feature = "window")]
mod ui_flows;
