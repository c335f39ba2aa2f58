//! Opening the groups of a data folder: each group's store loaded (snapshot, then log) into a
//! core `Group`, in parallel, a group that cannot be opened reported and left alone.
use causeway_core::Saved;
use causeway_core::{ChangeHash, ChangeSignature, DeviceKey, Group, GroupId, SignedChange};
use tracing::warn;

use crate::error::{SyncError, Warning};
use crate::identity::random_bytes;
use crate::store::{DataDir, GroupStore, Record, Snapshot};

/// One stored group.
pub(super) struct Stored {
    pub(super) group: Group,
    pub(super) store: GroupStore,
    /// The heads of the document in the store's snapshot, when known: while they are the
    /// group's heads, that document is the group as it is now, and a member who holds nothing
    /// yet is sent it instead of a fresh save.
    pub(super) saved_heads: Option<Vec<ChangeHash>>,
    /// Changes taken in memory whose append failed (a full disk): written before any later
    /// change, so that the log never holds a change without those it builds on.
    pub(super) unsaved: Vec<Record>,
}

impl Stored {
    pub(super) fn new(group: Group, store: GroupStore) -> Stored {
        Stored {
            group,
            store,
            saved_heads: None,
            unsaved: Vec::new(),
        }
    }

    /// Logs `records` after any left unsaved by an earlier failure, in order. On failure they
    /// all wait for the next write, or for the next compaction (which saves the whole group).
    pub(super) fn log(&mut self, records: Vec<Record>) -> Result<(), SyncError> {
        self.unsaved.extend(records);
        self.store.append(&self.unsaved)?;
        self.unsaved.clear();
        Ok(())
    }

    /// Folds the log into a snapshot of `snapshot`, which holds the group as it is in memory.
    pub(super) fn compact_to(&mut self, snapshot: &Snapshot) -> Result<(), SyncError> {
        self.store.compact(snapshot)?;
        self.unsaved.clear();
        self.saved_heads = Some(self.group.heads());
        Ok(())
    }
}

pub(super) fn actor_file(id: &GroupId) -> String {
    format!("{}.actor", id.to_hex())
}

pub(super) fn to_record(c: &SignedChange) -> Record {
    Record {
        change: c.bytes.clone(),
        signature: c.signature.map(|s| s.0),
    }
}

/// This device's actor suffix for a group: read from its file, or made and saved.
pub(super) fn actor_suffix(dir: &DataDir, id: &GroupId) -> Result<[u8; 8], SyncError> {
    let name = actor_file(id);
    if let Some(bytes) = dir.read_file(&name)?
        && let Ok(suffix) = <[u8; 8]>::try_from(bytes.as_slice())
    {
        return Ok(suffix);
    }
    // A new actor is always safe: it can never reuse a sequence number.
    let suffix = random_bytes::<8>()?;
    dir.write_file_atomic(&name, &suffix)?;
    Ok(suffix)
}

/// Opens one group's store and rebuilds the group from it, with the store's warnings.
pub(super) fn load_group(dir: &DataDir, key: &DeviceKey, id: GroupId) -> Loaded {
    let suffix = actor_suffix(dir, &id)?;
    let (store, loaded) = dir.open_group(*id.as_bytes())?;
    let mut warnings = Vec::new();
    for w in &loaded.warnings {
        warn!(group = %id.fmt_short(), "{w}");
        warnings.push(Warning::from(w));
    }
    // With nothing logged after it, the snapshot holds exactly the group as loaded.
    let current = loaded.snapshot.is_some() && loaded.records.is_empty();
    let (saved, sigs) = match &loaded.snapshot {
        Some(s) => (
            Some(Saved {
                doc: &s.doc,
                ledger: (!s.index.is_empty()).then_some(s.index.as_slice()),
            }),
            s.signatures.clone(),
        ),
        None => (None, Vec::new()),
    };
    let sigs = sigs
        .into_iter()
        .map(|(h, s)| (ChangeHash(h), ChangeSignature(s)));
    let logged = loaded.records.into_iter().map(|r| SignedChange {
        bytes: r.change,
        signature: r.signature.map(ChangeSignature),
    });
    let group = Group::load(id, key.clone(), suffix, saved, sigs, logged).map_err(|e| {
        SyncError::GroupDamaged {
            group: id.fmt_short(),
            reason: e.to_string(),
        }
    })?;
    let mut stored = Stored::new(group, store);
    if current {
        stored.saved_heads = Some(stored.group.heads());
    }
    Ok((stored, warnings))
}

/// Loads groups on every core at once (each group is independent, so a device in many groups
/// opens in a fraction of the time), in the order given.
pub(super) fn load_groups(
    dir: &DataDir,
    key: &DeviceKey,
    ids: &[GroupId],
) -> Vec<(GroupId, Loaded)> {
    let loaded = crate::par::map(ids, |id| load_group(dir, key, *id));
    ids.iter()
        .zip(loaded)
        .map(|(id, l)| {
            let l = l.unwrap_or_else(|| {
                Err(SyncError::Internal(
                    "loading this group failed unexpectedly".into(),
                ))
            });
            (*id, l)
        })
        .collect()
}

/// A whole document for a member who holds nothing yet, and the signatures that authenticate
/// it.
pub(super) type PeerDocument = (Vec<u8>, Vec<(ChangeHash, ChangeSignature)>);

/// A group as loaded from its store, with the store's warnings.
pub(super) type Loaded = Result<(Stored, Vec<Warning>), SyncError>;
