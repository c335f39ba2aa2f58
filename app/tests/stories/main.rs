//! The app's stories, one test binary (each file under `tests/` would link the whole stack
//! once more): the window driven through AccessKit roles and labels, the real `causeway`
//! binary on the command line, and the network stories that run it in network namespaces
//! (a workshop with no internet; members who reach each other only through a relay).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

mod support;
mod window;

mod cli;
mod first_run;
mod lan;
mod relay_only;
mod ui_flows;
