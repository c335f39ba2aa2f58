//! A group: its Automerge document, the membership ledger, and the change signatures.
//!
//! Every change, local or remote, enters through one gate ([`Group::ingest`] for remote batches,
//! which local actions share through `admit`): signature, structure, and the author's role as of
//! the change's causal history. Rejected changes are never applied.
//!
//! The group keeps the pipeline and nothing about any one collection: `ingest` decodes, orders,
//! authenticates, asks the schema's registry what each operation touches (the collection it
//! touches judges it), applies and settles; `actions` runs the collections' local actions
//! through the same gate; `read` hands out their views. `open` creates and loads groups, `send`
//! picks what to send to a peer.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use automerge::{Automerge, AutomergeError, Change, ChangeHash};

use crate::error::{CoreError, Rejection};
use crate::identity::{ChangeSignature, DeviceId, DeviceKey};
use crate::ids::GroupId;
use crate::ledger::Ledger;
use crate::read::Reader;

pub use crate::actor::{ACTOR_LEN, actor_for};
pub use crate::collections::NewGroup;
pub use crate::collections::documents::{DocEntry, DocSetting, Editors, MAX_DOC_TITLE};
pub use crate::collections::items::ItemKind;
pub use crate::collections::meta::MetaEdit;
pub use journal::{Changed, Mark};

mod actions;
mod docs;
pub(crate) mod files;
mod ingest;
pub(crate) use ingest::decode_change;
mod journal;
mod kit;
mod moderation;
mod open;
mod past;
mod read;
mod recent;
pub(crate) mod reports;
mod send;

#[cfg(test)]
mod convergence;
#[cfg(test)]
mod doc_convergence;
#[cfg(test)]
mod doc_tests;
#[cfg(test)]
mod handover_tests;
#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;

/// Largest single change accepted from elsewhere. Frames are capped earlier by sync.
pub const MAX_CHANGE_BYTES: usize = 4 << 20;

/// Most bytes a whole document from another member may inflate to (see
/// [`Group::ingest_document`]).
pub const MAX_DOCUMENT_INFLATED: u64 = 512 << 20;

/// What the store kept of a group at its last compaction, for [`Group::load`].
#[derive(Clone, Copy, Debug)]
pub struct Saved<'a> {
    /// The saved document ([`Group::save`]).
    pub doc: &'a [u8],
    /// The ledger saved with it ([`Group::ledger_image`]), if any.
    pub ledger: Option<&'a [u8]>,
}

/// A change as it travels and is stored: Automerge's change bytes plus, when needed, the
/// author's signature over its hash. A change may arrive without a signature when a later
/// change by the same author in the same batch is signed: a change hash commits to its whole
/// history, so that signature vouches for every earlier change of the author it builds on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedChange {
    /// Uncompressed Automerge change chunk.
    pub bytes: Vec<u8>,
    /// The author's signature, if sent.
    pub signature: Option<ChangeSignature>,
}

/// A change made on this device, ready to store and send.
#[derive(Clone, Debug)]
pub struct LocalChange {
    /// The change hash.
    pub hash: ChangeHash,
    /// Uncompressed Automerge change chunk.
    pub bytes: Vec<u8>,
    /// This device's signature over the hash.
    pub signature: ChangeSignature,
}

impl From<LocalChange> for SignedChange {
    fn from(c: LocalChange) -> Self {
        SignedChange {
            bytes: c.bytes,
            signature: Some(c.signature),
        }
    }
}

/// A change that came from another device, decoded and checked for its shape (size, chunk
/// type, Automerge's own checks) but not judged yet: [`Group::ingest_decoded`] judges it.
/// Decoding holds the change once, in Automerge's form, so a receiver that decodes each
/// change as it arrives (and drops the bytes it came in) holds a batch about once, and does
/// the decoding work outside whatever lock guards the group.
#[derive(Debug)]
pub struct Incoming {
    pub(crate) change: Change,
    pub(crate) signature: Option<ChangeSignature>,
}

/// Why a change could not be accepted yet (it may be later).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waiting {
    /// Some change it builds on has not arrived.
    MissingDependencies,
    /// It carries no signature and no later signed change of its author vouches for it yet.
    Signature,
    /// A shared document's change names group heads the group does not hold yet.
    GroupHeads,
}

/// The outcome of [`Group::ingest`].
#[derive(Debug, Default)]
pub struct IngestReport {
    /// Changes now part of the group, in the order they were applied. Store these.
    pub accepted: Vec<(ChangeHash, SignedChange)>,
    /// Changes refused, with the reason. They were not applied.
    pub rejected: Vec<(Option<ChangeHash>, Rejection)>,
    /// Changes that may become acceptable once more arrives, by hash. They are not kept: a
    /// caller that wants to try them again hands them back with the next batch (a peer sends
    /// them again with their dependencies), so a batch of changes that wait costs no memory
    /// once it was judged.
    pub waiting: Vec<(ChangeHash, Waiting)>,
    /// Changes accepted (they are in `accepted` too) but held, not judged: they touch a
    /// collection of a schema version this device does not know (ARCHITECTURE.md, "Growth").
    /// They are stored and passed on, and what builds on them is judged as usual; their own
    /// effects show nowhere until this device knows their version.
    pub held: Vec<(ChangeHash, Rejection)>,
    /// How many were already known.
    pub duplicates: usize,
    /// True when earlier decisions changed (a removal revoked changes, or a revocation lapsed).
    pub revocations_changed: bool,
}

/// One group, as held by one device. Cloning is cheap: the document, ledger and signatures
/// are shared with the clone, and whichever side changes next copies what it changes
/// (copying the document takes about 60 ms for 100,000 posts). Views are built from a clone,
/// so the original is free for changes meanwhile, and nothing is copied when none arrive.
#[derive(Clone)]
pub struct Group {
    id: GroupId,
    /// Shared with clones until one of them changes it.
    doc: Arc<Automerge>,
    /// Shared with the copies views are built from; a change copies it only while such a
    /// copy is alive. `None` until the group's first change is held.
    ledger: Option<Arc<Ledger>>,
    /// Shared with view copies, like the ledger.
    signatures: Arc<HashMap<ChangeHash, ChangeSignature>>,
    key: DeviceKey,
    actor: automerge::ActorId,
    rejected: HashSet<ChangeHash>,
    /// Bytes of changes added while open, so that sending them on is cheap.
    recent: recent::RecentChanges,
    /// The newest schema version this device judges (`schema::SCHEMA_VERSION`; lower only
    /// where a test plays an older Causeway).
    known: i64,
    /// Where the changes admitted since the group was opened wrote, for views that follow
    /// them ([`Group::changed_since`]).
    journal: journal::Journal,
}

impl std::fmt::Debug for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Group")
            .field("id", &self.id)
            .field("changes", &self.ledger.as_ref().map_or(0, |l| l.len()))
            .field("device", &self.key.id())
            .finish()
    }
}

impl Group {
    /// The group's id.
    pub fn id(&self) -> GroupId {
        self.id
    }

    /// This device's id.
    pub fn device(&self) -> DeviceId {
        self.key.id()
    }

    /// The Automerge document (read it through the views; writing is reserved to this type).
    pub fn doc(&self) -> &Automerge {
        &self.doc
    }

    /// The current heads of the history.
    pub fn heads(&self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    /// How many changes the group holds.
    pub fn change_count(&self) -> usize {
        self.ledger.as_ref().map_or(0, |l| l.len())
    }

    /// Whether the group holds this change (accepted, possibly revoked).
    pub fn has_change(&self, hash: &ChangeHash) -> bool {
        self.ledger.as_ref().is_some_and(|l| l.contains(hash))
    }

    /// The stored signature of a change, if this device has it.
    pub fn signature(&self, hash: &ChangeHash) -> Option<ChangeSignature> {
        self.signatures.get(hash).copied()
    }

    /// Every stored signature (for compaction).
    pub fn signatures(&self) -> impl Iterator<Item = (&ChangeHash, &ChangeSignature)> {
        self.signatures.iter()
    }

    /// Whether a change is held but revoked (its effects are hidden from every view).
    pub fn is_revoked(&self, hash: &ChangeHash) -> bool {
        self.ledger.as_ref().is_some_and(|l| l.is_revoked(hash))
    }

    /// All revoked changes, sorted.
    pub fn revoked(&self) -> Vec<ChangeHash> {
        let mut v: Vec<_> = self
            .ledger
            .as_ref()
            .map(|l| l.revoked().iter().copied().collect())
            .unwrap_or_default();
        v.sort();
        v
    }

    /// The group's schema version (1 until an admin's upgrade; see ARCHITECTURE.md, "Growth").
    pub fn schema_version(&self) -> i64 {
        self.ledger
            .as_ref()
            .map_or(crate::schema::GENESIS_VERSION, |l| l.schema_version())
    }

    /// The newest schema version this device judges.
    pub fn known_version(&self) -> i64 {
        self.known
    }

    /// Makes this device judge as a Causeway that knows schema versions up to `version`
    /// (at most [`crate::schema::SCHEMA_VERSION`]): how tests play an older peer. The
    /// group's history is judged again at once: changes of newer versions become held, or
    /// held changes are judged for real.
    pub fn set_known_version(&mut self, version: i64) -> Result<(), CoreError> {
        self.known = version.clamp(
            crate::schema::GENESIS_VERSION,
            crate::schema::SCHEMA_VERSION,
        );
        if self.ledger.is_some() {
            self.rebuild_ledger()?;
        }
        Ok(())
    }

    /// Whether a change is held: kept but not judged, as it needs a newer Causeway.
    pub fn is_held(&self, hash: &ChangeHash) -> bool {
        self.ledger.as_ref().is_some_and(|l| l.is_held(hash))
    }

    /// How many of the group's changes are held (they need a newer Causeway).
    pub fn held_count(&self) -> usize {
        self.ledger.as_ref().map_or(0, |l| l.held_count())
    }

    /// Whether a change was refused by this device (kept in memory only).
    pub fn was_rejected(&self, hash: &ChangeHash) -> bool {
        self.rejected.contains(hash)
    }

    /// The whole document in Automerge's compact format (what other Automerge tools open): one
    /// compressed document chunk, which is also what a member who holds nothing yet is sent
    /// (PROTOCOL.md, "Snapshots").
    pub fn save(&self) -> Vec<u8> {
        self.doc.save_with_options(automerge::SaveOptions {
            deflate: true,
            retain_orphans: false,
        })
    }

    /// The document as every peer shows it: what revoked changes wrote is masked.
    fn reader(&self) -> Reader<'_> {
        Reader::new(&self.doc, self.ledger.as_deref().map(Ledger::mask))
    }

    /// The document, to change: copied first when a clone (a view build) still shares it.
    fn doc_mut(&mut self) -> &mut Automerge {
        Arc::make_mut(&mut self.doc)
    }
}

fn doc_err(e: AutomergeError) -> CoreError {
    CoreError::Document(e.to_string())
}

/// Automerge 0.12 panics, instead of returning an error, on some malformed input that it
/// parses: a change whose operations name an actor missing from its actor list fails an
/// `unwrap` in `Change::decode` (found by the `change` fuzz target). Decoding and loading
/// change nothing outside themselves, so the panic is caught and the input refused; nothing
/// is left half-done, and no lock is held across it.
fn caught<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

/// A change's operations, decoded; `Malformed` where Automerge cannot decode them.
fn decode_ops(change: &Change) -> Result<automerge::ExpandedChange, Rejection> {
    caught(|| change.decode())
        .ok_or_else(|| Rejection::Malformed("the change cannot be decoded".into()))
}

/// A saved document, loaded; an error where Automerge cannot load it.
fn load_doc(bytes: &[u8]) -> Result<Automerge, CoreError> {
    caught(|| Automerge::load(bytes))
        .ok_or_else(|| CoreError::Document("the document cannot be decoded".into()))?
        .map_err(doc_err)
}
