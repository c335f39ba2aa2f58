//! Causeway's domain: identity, group state on Automerge, permissions, change validation.
//!
//! ```
//! use causeway_core::{DeviceKey, Group, NewGroup, Timestamp, Visibility, ItemId};
//! let amara = DeviceKey::from_bytes(&[1; 32]);
//! let new = NewGroup::named("River clean-up", Visibility::Invite);
//! let (mut group, _genesis) = Group::create(amara, [0; 8], Timestamp(0), &new, "Amara").unwrap();
//! group.post(Timestamp(1), ItemId::from_u64(7), "Saturday", "Meet at the bridge", "en").unwrap();
//! assert_eq!(group.posts().len(), 1);
//! ```
//!
//! Pure: no tokio, no iroh, no egui, no file or network IO. Time and randomness are passed in.
//! It never trusts a peer: every change from elsewhere goes through [`Group::ingest`].
pub(crate) mod actor;
pub(crate) mod collections;
pub mod docs;
pub mod document;
pub mod error;
pub mod group;
pub mod identity;
pub mod ids;
pub(crate) mod ledger;
pub mod limits;
pub(crate) mod order;
pub mod problem;
pub(crate) mod read;
pub mod role;
pub mod schema;
pub mod seal;
pub mod view;
pub(crate) mod vouch;
pub(crate) mod walk;

pub use automerge::ChangeHash;
pub use error::{CoreError, Rejection};
pub use group::reports::OPEN_REPORTS_AT_MOST;
pub use group::{
    Changed, Group, Incoming, IngestReport, ItemKind, LocalChange, Mark, MetaEdit, NewGroup, Saved,
    SignedChange, Waiting,
};
pub use group::{DocEntry, DocSetting, Editors as DocEditors};
pub use identity::{ChangeSignature, DeviceId, DeviceKey, Profile};
pub use ids::{BlobHash, DocId, GroupId, ItemId, Timestamp};
pub use problem::{Arg, Args, Field, Problem};
pub use role::Role;
pub use schema::Visibility;
