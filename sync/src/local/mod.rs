//! The device's local state: identity, profile and every group, each backed by its store.
//! This file holds the groups ([`LocalNode`]: open, create, act, take in, compact); beside it
//! are how groups are loaded (`load`), the invite book and joining (`joining`), the address
//! book and sync state (`peers`), and the settings (`settings`).
//!
//! Every change this device makes or accepts is on disk (fsynced) before the call that made or
//! accepted it returns.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

mod blocks;
mod bundle;
mod docs;
mod forget;
mod joining;
mod load;
mod peers;
mod reports;
mod settings;
mod summaries;

use causeway_core::{
    ChangeHash, ChangeSignature, DeviceId, DeviceKey, Group, GroupId, Incoming, IngestReport,
    ItemId, LocalChange, NewGroup, Profile, SignedChange, Timestamp,
};
use tracing::{info, warn};

pub use blocks::{Blocks, MuteTarget, MutedGroup, Person as BlockedPerson, Thread as MutedThread};
pub use bundle::BundleTaken;
pub use joining::{JoinAnswer, MAX_WAITING_REQUESTS};
use load::{PeerDocument, Stored, actor_file, load_groups, to_record};
pub use settings::FileSettings;
pub(crate) use settings::{Ports, ProfileGaps};

use crate::error::{SyncError, Warning};
use crate::identity::{load_or_create_key, load_profile, random_bytes};
use crate::invites::{INVITE_FILE, InviteBook};
use crate::store::{DataDir, Record, Snapshot};

/// The device's data folder, opened and locked: identity, profile, groups.
pub struct LocalNode {
    dir: DataDir,
    key: DeviceKey,
    profile: Profile,
    groups: BTreeMap<GroupId, Stored>,
    /// The shared documents opened so far.
    docs: BTreeMap<(GroupId, causeway_core::DocId), docs::StoredDoc>,
    invites: InviteBook,
    warnings: Vec<Warning>,
    dirty: Dirty,
    /// What the documents' list shows of each document, read from `doc-summaries.json` when
    /// first asked for, kept up to date from the documents open.
    summaries: summaries::Summaries,
    /// What this person blocked and muted here (`blocks.json`).
    blocks: blocks::Blocks,
    /// The newest schema version this node judges (`causeway_core::schema::SCHEMA_VERSION`;
    /// lower only where a test plays an older Causeway).
    known_version: i64,
}

/// What changed since the app's views were last built.
#[derive(Debug, Default)]
pub(crate) struct Dirty {
    /// Everything (first build, profile).
    pub(crate) all: bool,
    /// These groups.
    pub(crate) groups: BTreeSet<GroupId>,
}

impl std::fmt::Debug for LocalNode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalNode")
            .field("dir", &self.dir.root())
            .field("device", &self.key.id())
            .field("groups", &self.groups.len())
            .finish()
    }
}

/// The current time, for the changes this device makes.
pub fn now() -> Timestamp {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    Timestamp(ms)
}

/// A fresh random id for a post or comment.
pub fn new_item_id() -> Result<ItemId, SyncError> {
    Ok(ItemId::from_u64(u64::from_le_bytes(random_bytes::<8>()?)))
}

/// Groups being joined, with the device that invited us (it serves the group until others can).
pub(super) const JOINING_FILE: &str = "joining.json";

impl LocalNode {
    /// Opens (creating on first run) the data folder at `root`: takes its lock, loads or creates
    /// the device key, and loads every group. Damage found on the way is repaired where nothing
    /// good is lost and reported in [`LocalNode::warnings`]; a group that cannot be opened at all
    /// is left untouched on disk and reported there too.
    pub fn open(root: &Path) -> Result<LocalNode, SyncError> {
        let dir = DataDir::open(root)?;
        // A group whose deletion a crash cut short goes now.
        dir.finish_removals()?;
        let key = load_or_create_key(&dir)?;
        let profile = load_profile(&dir)?;
        let mut warnings = Vec::new();
        let invites = match dir.read_file(INVITE_FILE)? {
            Some(bytes) => InviteBook::from_bytes(&bytes).unwrap_or_else(|e| {
                warnings.push(Warning::InvitesUnreadable {
                    detail: e.to_string(),
                });
                InviteBook::default()
            }),
            None => InviteBook::default(),
        };
        let blocks = blocks::load(dir.read_file(blocks::BLOCKS_FILE)?, &mut warnings);
        let mut node = LocalNode {
            dir,
            key,
            profile,
            groups: BTreeMap::new(),
            docs: BTreeMap::new(),
            invites,
            warnings,
            dirty: Dirty {
                all: true,
                groups: BTreeSet::new(),
            },
            summaries: summaries::Summaries::default(),
            blocks,
            known_version: causeway_core::schema::SCHEMA_VERSION,
        };
        let ids: Vec<GroupId> = node
            .dir
            .group_ids()?
            .into_iter()
            .map(GroupId::from_bytes)
            .collect();
        for (id, loaded) in load_groups(&node.dir, &node.key, &ids) {
            match loaded {
                Ok((stored, warnings)) => {
                    node.warnings.extend(warnings);
                    node.groups.insert(id, stored);
                }
                Err(e) => {
                    warn!(group = %id.fmt_short(), error = %e, "group not opened");
                    node.warnings.push(Warning::GroupNotOpened {
                        group: id.fmt_short(),
                        detail: e.to_string(),
                    });
                }
            }
        }
        info!(device = %node.key.id().fmt_short(), groups = node.groups.len(), "data folder opened");
        Ok(node)
    }

    /// Where the data lives.
    pub fn data_dir(&self) -> &Path {
        self.dir.root()
    }

    /// This device's id.
    pub fn device_id(&self) -> DeviceId {
        self.key.id()
    }

    /// The device key, for building the endpoint (crate-private: it never leaves sync).
    pub(crate) fn device_key(&self) -> &DeviceKey {
        &self.key
    }

    /// The person's profile (empty display name on first run).
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Whether something changed that the app's views do not show yet.
    pub(crate) fn is_dirty(&self) -> bool {
        self.dirty.all || !self.dirty.groups.is_empty()
    }

    /// What changed since the last call.
    pub(crate) fn take_dirty(&mut self) -> Dirty {
        std::mem::take(&mut self.dirty)
    }

    /// What went wrong while opening, to tell the person.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Every group on this device.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.values().map(|s| &s.group)
    }

    /// One group.
    pub fn group(&self, id: &GroupId) -> Option<&Group> {
        self.groups.get(id).map(|s| &s.group)
    }

    /// Creates a group owned by this device and stores it.
    pub fn create_group(&mut self, new: &NewGroup) -> Result<GroupId, SyncError> {
        if self.profile.display_name.trim().is_empty() {
            return Err(causeway_core::CoreError::InvalidInput(
                causeway_core::Problem::NameBeforeCreating,
            )
            .into());
        }
        // The actor suffix is chosen before the group id exists; it is stored under the id below.
        let suffix = random_bytes::<8>()?;
        let (mut group, genesis) = Group::create(
            self.key.clone(),
            suffix,
            now(),
            new,
            &self.profile.display_name,
        )?;
        group.set_known_version(self.known_version)?;
        let id = group.id();
        self.dir.write_file_atomic(&actor_file(&id), &suffix)?;
        let (mut store, _) = self.dir.open_group(*id.as_bytes())?;
        store.append(&[to_record(&genesis.into())])?;
        self.groups.insert(id, Stored::new(group, store));
        self.dirty.groups.insert(id);
        info!(group = %id.fmt_short(), "group created");
        Ok(id)
    }

    /// Makes this node judge every group as a Causeway that knows schema versions up to
    /// `version` only: how the tests play an older peer in the same group (ARCHITECTURE.md,
    /// "Growth"). Groups held now are judged again at once, groups added later from the start.
    pub fn set_known_version(&mut self, version: i64) -> Result<(), SyncError> {
        self.known_version = version;
        for (id, stored) in &mut self.groups {
            stored.group.set_known_version(version)?;
            self.dirty.groups.insert(*id);
        }
        Ok(())
    }

    /// The newest schema version this node judges.
    pub fn known_version(&self) -> i64 {
        self.known_version
    }

    /// Runs a local action that may make several changes (a pin that first upgrades the
    /// group) and stores them, in order, before returning them.
    pub fn act_all(
        &mut self,
        id: &GroupId,
        action: impl FnOnce(&mut Group, Timestamp) -> Result<Vec<LocalChange>, causeway_core::CoreError>,
    ) -> Result<Vec<LocalChange>, SyncError> {
        let stored = self
            .groups
            .get_mut(id)
            .ok_or(SyncError::UnknownGroup(*id))?;
        let changes = action(&mut stored.group, now())?;
        if changes.is_empty() {
            // Nothing was written (a re-seal with nobody lacking a key): nothing to store, and
            // no view to build again.
            return Ok(changes);
        }
        self.dirty.groups.insert(*id);
        stored.log(
            changes
                .iter()
                .map(|c| Record {
                    change: c.bytes.clone(),
                    signature: Some(c.signature.0),
                })
                .collect(),
        )?;
        Self::maybe_compact(stored)?;
        Ok(changes)
    }

    /// Runs a local action on a group and stores the resulting change before returning it.
    pub fn act(
        &mut self,
        id: &GroupId,
        action: impl FnOnce(&mut Group, Timestamp) -> Result<LocalChange, causeway_core::CoreError>,
    ) -> Result<LocalChange, SyncError> {
        let stored = self
            .groups
            .get_mut(id)
            .ok_or(SyncError::UnknownGroup(*id))?;
        let change = action(&mut stored.group, now())?;
        self.dirty.groups.insert(*id);
        stored.log(vec![Record {
            change: change.bytes.clone(),
            signature: Some(change.signature.0),
        }])?;
        Self::maybe_compact(stored)?;
        Ok(change)
    }

    /// Takes changes from another member's device; whatever is accepted is stored before this
    /// returns.
    pub fn ingest(
        &mut self,
        id: &GroupId,
        batch: Vec<SignedChange>,
    ) -> Result<IngestReport, SyncError> {
        self.ingest_decoded(id, batch.into_iter().map(Incoming::decode).collect())
    }

    /// [`LocalNode::ingest`] for changes decoded as they arrived ([`Incoming::decode`]).
    pub fn ingest_decoded(
        &mut self,
        id: &GroupId,
        batch: Vec<Result<Incoming, causeway_core::Rejection>>,
    ) -> Result<IngestReport, SyncError> {
        let stored = self
            .groups
            .get_mut(id)
            .ok_or(SyncError::UnknownGroup(*id))?;
        let report = stored.group.ingest_decoded(batch);
        if !report.accepted.is_empty() || report.revocations_changed {
            self.dirty.groups.insert(*id);
        }
        if !report.accepted.is_empty() {
            let records: Vec<Record> = report.accepted.iter().map(|(_, c)| to_record(c)).collect();
            stored.log(records)?;
            Self::maybe_compact(stored)?;
        }
        Ok(report)
    }

    /// Takes a whole document from another member's device (a fresh member's first sync).
    /// When it is kept whole, the bytes as they came become the group's stored snapshot, so
    /// nothing is saved twice; otherwise what was accepted is logged as with [`Self::ingest`].
    pub fn ingest_document(
        &mut self,
        id: &GroupId,
        doc: &[u8],
        signatures: Vec<(ChangeHash, ChangeSignature)>,
    ) -> Result<IngestReport, SyncError> {
        let stored = self
            .groups
            .get_mut(id)
            .ok_or(SyncError::UnknownGroup(*id))?;
        let (report, whole) = stored.group.ingest_document(doc, signatures)?;
        if !report.accepted.is_empty() || report.revocations_changed {
            self.dirty.groups.insert(*id);
        }
        if whole {
            // The ledger is saved with it when the node stops (`compact_logged`).
            let snapshot = Snapshot {
                doc: doc.to_vec(),
                signatures: stored.group.signatures().map(|(h, s)| (h.0, s.0)).collect(),
                index: Vec::new(),
            };
            stored.compact_to(&snapshot)?;
        } else if !report.accepted.is_empty() {
            let records: Vec<Record> = report.accepted.iter().map(|(_, c)| to_record(c)).collect();
            stored.log(records)?;
            Self::maybe_compact(stored)?;
        }
        Ok(report)
    }

    fn maybe_compact(stored: &mut Stored) -> Result<(), SyncError> {
        if !stored.store.wants_compaction() {
            return Ok(());
        }
        // Under the lock, on the way of news: the ledger is saved when the node stops.
        Self::compact(stored, false)?;
        info!(group = %stored.group.id().fmt_short(), "store compacted");
        Ok(())
    }

    /// Folds a group's log into a new snapshot: its document, signatures and, if `with_ledger`,
    /// its saved ledger (for a big group that takes about a third of the time `save` does).
    fn compact(stored: &mut Stored, with_ledger: bool) -> Result<(), SyncError> {
        let index = if with_ledger {
            stored.group.ledger_image().unwrap_or_default()
        } else {
            Vec::new()
        };
        let snapshot = Snapshot {
            doc: stored.group.save(),
            signatures: stored.group.signatures().map(|(h, s)| (h.0, s.0)).collect(),
            index,
        };
        stored.compact_to(&snapshot)?;
        Ok(())
    }

    /// The whole document of a group for a member who holds nothing yet, with the signatures
    /// that authenticate it (PROTOCOL.md, "Snapshots"). When the store's snapshot holds the
    /// group as it is now, its document is read back instead of saved again: saving a
    /// 100,000-post group takes about a second, reading it a few milliseconds, and every
    /// member who joins at a workshop asks for the same document.
    pub fn document_for_peer(&self, id: &GroupId) -> Option<PeerDocument> {
        let stored = self.groups.get(id)?;
        let sigs = stored.group.signatures_for_peer();
        if stored.saved_heads.as_ref() == Some(&stored.group.heads()) {
            match stored.store.read_snapshot() {
                Ok(Some(snapshot)) => return Some((snapshot.doc, sigs)),
                Ok(None) => {}
                Err(e) => {
                    warn!(group = %id.fmt_short(), error = %e, "stored document not readable; saving it afresh");
                }
            }
        }
        Some((stored.group.save(), sigs))
    }

    /// Compacts every group whose log holds changes or whose snapshot lacks the saved ledger,
    /// on every core, until `budget` has passed (groups left then keep their logs, which only
    /// costs the next start some time). Done when the node stops, so that the next start loads
    /// each group's saved document and ledger instead of replaying its log or rebuilding its
    /// ledger. Returns how many groups were compacted; a group that could not be is logged and
    /// left as it is.
    pub fn compact_logged(&mut self, budget: Duration) -> usize {
        let deadline = Instant::now() + budget;
        let pending: Vec<Mutex<&mut Stored>> = self
            .groups
            .values_mut()
            .filter(|s| {
                s.store.logged_records() > 0
                    || !s.unsaved.is_empty()
                    || s.store.snapshot_lacks_index()
            })
            .map(Mutex::new)
            .collect();
        let results = crate::par::map(&pending, |stored| {
            if Instant::now() >= deadline {
                return false;
            }
            let mut stored = stored.lock().unwrap_or_else(PoisonError::into_inner);
            match Self::compact(&mut stored, true) {
                Ok(()) => true,
                Err(e) => {
                    warn!(group = %stored.group.id().fmt_short(), error = %e, "group store not compacted");
                    false
                }
            }
        });
        let groups = results.into_iter().filter(|r| *r == Some(true)).count();
        groups + self.compact_documents()
    }
}

#[cfg(test)]
pub(crate) mod tests;
