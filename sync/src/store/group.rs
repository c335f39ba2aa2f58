//! The store of one group: its snapshot and its log, appended to and compacted.

use std::fmt;
use std::fs::File;
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::durable;
use super::error::{StoreError, StoreWarning, io_error};
use super::log::{self, HEADER_LEN, LOG_FILE};
use super::open::OpenGroupGuard;
use super::snapshot::{self, SNAPSHOT_FILE};

/// One change as stored in a group's log: opaque change bytes and, optionally, the 64-byte
/// signature that came with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The change, as bytes the store does not interpret.
    pub change: Vec<u8>,
    /// The signature over the change, if it has one.
    pub signature: Option<[u8; 64]>,
}

/// The compacted state of a group: one document, the signatures of the changes in it, and an
/// index of the document that spares rebuilding it when the group is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The document, as bytes the store does not interpret.
    pub doc: Vec<u8>,
    /// Signatures of the changes folded into `doc`: (32-byte change hash, 64-byte signature).
    pub signatures: Vec<([u8; 32], [u8; 64])>,
    /// What the caller derived from `doc` and wants back with it (Causeway's saved ledger),
    /// as bytes the store does not interpret; empty for none.
    pub index: Vec<u8>,
}

/// Everything found on disk for a group when it was opened.
///
/// `records` may repeat changes already folded into `snapshot` (see
/// [`GroupStore::compact`]), so they must be applied idempotently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedGroup {
    /// The latest compacted state, if the group was ever compacted.
    pub snapshot: Option<Snapshot>,
    /// Every good log record after the snapshot, in append order.
    pub records: Vec<Record>,
    /// Damage found and repaired while loading; nothing good was discarded.
    pub warnings: Vec<StoreWarning>,
}

/// The log grows this large (in bytes, header excluded) before compaction is worth it, unless the
/// snapshot is larger still: compacting rewrites the whole snapshot, so the log is allowed to
/// grow to the snapshot's size, which keeps the cost of compaction proportional to what was
/// appended.
pub const COMPACT_LOG_BYTES: u64 = 1024 * 1024;
/// A log with more records than this is worth compacting whatever its size, because loading
/// applies each record on its own.
pub const COMPACT_LOG_RECORDS: u64 = 10_000;

/// The open, writable store of one group. Holds the data folder's lock while it lives.
///
/// Created by [`DataDir::open_group`](super::DataDir::open_group); at most one exists per group
/// at a time.
pub struct GroupStore {
    id: [u8; 32],
    dir: PathBuf,
    log_path: PathBuf,
    /// Read-write handle to the current log file.
    log: File,
    /// Length of the log's durable, well-formed content. Appends are written here.
    log_len: u64,
    /// Number of records in the log.
    log_records: u64,
    /// Length of the snapshot file, 0 without one.
    snapshot_len: u64,
    /// Whether the snapshot carries an index.
    snapshot_indexed: bool,
    /// A failed append could not be undone; no more writes are accepted.
    poisoned: bool,
    _guard: OpenGroupGuard,
}

impl fmt::Debug for GroupStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GroupStore")
            .field("id", &hex::encode(&self.id[..4]))
            .field("dir", &self.dir)
            .field("log_len", &self.log_len)
            .field("log_records", &self.log_records)
            .field("snapshot_len", &self.snapshot_len)
            .field("poisoned", &self.poisoned)
            .finish_non_exhaustive()
    }
}

impl GroupStore {
    /// Loads the group in `dir` (which exists), repairing a damaged log.
    pub(crate) fn open(
        id: [u8; 32],
        dir: &Path,
        guard: OpenGroupGuard,
    ) -> Result<(GroupStore, LoadedGroup), StoreError> {
        // The snapshot is read first: if it is damaged, nothing is touched, not even the log.
        let snapshot = snapshot::read(&dir.join(SNAPSHOT_FILE))?;
        let opened = log::open(dir)?;
        let (snapshot, snapshot_len) = match snapshot {
            Some((snapshot, len)) => (Some(snapshot), len),
            None => (None, 0),
        };
        let snapshot_indexed = snapshot.as_ref().is_some_and(|s| !s.index.is_empty());
        let store = GroupStore {
            id,
            dir: dir.to_path_buf(),
            log_path: dir.join(LOG_FILE),
            log: opened.file,
            log_len: opened.len,
            log_records: opened.records.len() as u64,
            snapshot_len,
            snapshot_indexed,
            poisoned: false,
            _guard: guard,
        };
        let loaded = LoadedGroup {
            snapshot,
            records: opened.records,
            warnings: opened.warnings,
        };
        Ok((store, loaded))
    }

    /// The id of the group.
    pub fn id(&self) -> [u8; 32] {
        self.id
    }

    /// Appends `records` to the group's log, in order, and flushes them to disk before returning:
    /// `Ok` means they survive a crash or power loss.
    ///
    /// On error none of them is acknowledged; the log is cut back to where it was, and if even
    /// that fails the store refuses further writes ([`StoreError::Poisoned`]).
    pub fn append(&mut self, records: &[Record]) -> Result<(), StoreError> {
        self.check_writable()?;
        if records.is_empty() {
            return Ok(());
        }
        let mut bytes = Vec::new();
        for record in records {
            log::encode_record(record, &mut bytes)?;
        }
        let written = self
            .log
            .seek(SeekFrom::Start(self.log_len))
            .and_then(|_| self.log.write_all(&bytes))
            .and_then(|()| self.log.sync_data());
        match written {
            Ok(()) => {
                self.log_len += bytes.len() as u64;
                self.log_records += records.len() as u64;
                Ok(())
            }
            Err(source) => {
                self.roll_back();
                Err(io_error("append to", &self.log_path)(source))
            }
        }
    }

    /// Cuts the log back to its last acknowledged length after a failed append.
    fn roll_back(&mut self) {
        let undone = self
            .log
            .set_len(self.log_len)
            .and_then(|()| self.log.sync_all());
        if let Err(e) = undone {
            tracing::error!(
                path = %self.log_path.display(),
                error = %e,
                "could not undo a failed append; refusing further writes to this log"
            );
            self.poisoned = true;
        }
    }

    fn check_writable(&self) -> Result<(), StoreError> {
        if self.poisoned {
            return Err(StoreError::Poisoned {
                path: self.log_path.clone(),
            });
        }
        Ok(())
    }

    /// Reads the snapshot back from disk (checked as when the group was opened); `None` when
    /// the group was never compacted.
    pub fn read_snapshot(&self) -> Result<Option<Snapshot>, StoreError> {
        Ok(snapshot::read(&self.dir.join(SNAPSHOT_FILE))?.map(|(s, _)| s))
    }

    /// How many records the log holds (changes not yet folded into the snapshot).
    pub fn logged_records(&self) -> u64 {
        self.log_records
    }

    /// Whether there is a snapshot without an index (see [`Snapshot::index`]).
    pub fn snapshot_lacks_index(&self) -> bool {
        self.snapshot_len > 0 && !self.snapshot_indexed
    }

    /// True when the log has grown enough that [`compact`](Self::compact) is worth it: its
    /// records take more than [`COMPACT_LOG_BYTES`] and more than the snapshot file, or there are
    /// more than [`COMPACT_LOG_RECORDS`] of them.
    pub fn wants_compaction(&self) -> bool {
        let log_bytes = self.log_len.saturating_sub(HEADER_LEN);
        log_bytes > COMPACT_LOG_BYTES.max(self.snapshot_len)
            || self.log_records > COMPACT_LOG_RECORDS
    }

    /// Replaces the group's snapshot and log by `snapshot`, which the caller guarantees contains
    /// every change in the snapshot and log it replaces.
    ///
    /// Steps, each durable before the next starts:
    /// 1. the new snapshot is written to `snapshot.tmp`, fsynced, renamed over `snapshot`, and
    ///    the folder is fsynced;
    /// 2. the log is cut back to its header in place and fsynced.
    ///
    /// A crash at any point leaves a loadable group with everything acknowledged: before the
    /// rename, the old snapshot and the old log; after the cut, the new snapshot and an empty
    /// log; in between, the new snapshot *and the old log*, whose records are already in the
    /// snapshot. Loading then returns those records again, which is harmless because callers
    /// apply records idempotently, and the next compaction removes them. Appends after the cut
    /// write from the header on, and their own flush makes the cut durable too.
    pub fn compact(&mut self, snapshot: &Snapshot) -> Result<(), StoreError> {
        self.check_writable()?;
        let bytes = snapshot::encode(snapshot)?;
        durable::replace_file(&self.dir, SNAPSHOT_FILE, &bytes)?;
        self.snapshot_len = bytes.len() as u64;
        self.snapshot_indexed = !snapshot.index.is_empty();

        // From here the snapshot holds everything; the old log's records are redundant.
        self.log
            .set_len(HEADER_LEN)
            .map_err(io_error("cut back", &self.log_path))?;
        self.log_len = HEADER_LEN;
        self.log_records = 0;
        self.log
            .sync_all()
            .map_err(io_error("flush", &self.log_path))?;
        tracing::debug!(
            group = %hex::encode(&self.id[..4]),
            snapshot_bytes = bytes.len(),
            "compacted group store"
        );
        Ok(())
    }
}
