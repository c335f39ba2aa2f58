//! Everything of Causeway that touches the outside world: storage on disk, the iroh endpoint
//! and its protocols, behind [`Node`], one cloneable handle.
//!
//! ```no_run
//! use causeway_sync::LocalNode;
//! # fn main() -> Result<(), causeway_sync::SyncError> {
//! let node = LocalNode::open(std::path::Path::new("/tmp/causeway-demo"))?;
//! println!("this device is {}", node.device_id().fmt_short());
//! # Ok(()) }
//! ```
//!
//! It never re-exports iroh types: the app sees core types and this crate's own.
mod address;
pub mod audit;
pub mod bundle;
pub mod calendar;
pub mod control;
mod error;
mod files;
mod identity;
pub mod invites;
mod local;
mod node;
mod par;
pub mod protocols;
pub mod store;
pub mod views;

pub use error::{ErrorKind, SyncError, SyncProblem, Warning};
pub use files::Progress;
pub use files::media::{MAX_DECODE_BYTES, MAX_DECODE_SIDE, NotShown, Pixels};
pub use local::{
    BlockedPerson, Blocks, BundleTaken, FileSettings, JoinAnswer, LocalNode, MAX_WAITING_REQUESTS,
    MuteTarget, MutedGroup, MutedThread, new_item_id, now,
};
pub use node::{
    DocView, DocWatch, Lifetime, MemberRound, Network, NetworkSettings, Node, NodeEvent,
    PeerAddress, PeerRound, Published, Relay,
};
pub use protocols::group_sync::SyncOutcome;
pub use protocols::tally::Refusals;
