//! Causeway's protocols over iroh, one folder each: wire messages, a sans-IO state machine, and
//! the `ProtocolHandler`. All are registered in one `Router` (see `crate::node`).
pub mod group_sync;
pub mod join;
