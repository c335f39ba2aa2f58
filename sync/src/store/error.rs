//! What can go wrong in the store, and what the store repaired on its own.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// What to do about a failed file operation, when the cause is one a person can fix.
fn advice(e: &io::Error) -> &'static str {
    match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            ": the disk is full. Nothing saved before was lost; free some space"
        }
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied => {
            ": the folder cannot be written (it is read-only, or belongs to someone else). Nothing saved before was lost; choose another data folder (--data-dir), or make this one writable"
        }
        _ => "",
    }
}

impl StoreError {
    /// Whether the error says the data folder cannot be written at all (read-only, no
    /// permission), rather than that one write failed.
    pub fn is_read_only(&self) -> bool {
        matches!(self, StoreError::Io { source, .. }
            if matches!(source.kind(), io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied))
    }
}

/// An error from the on-disk store.
///
/// The messages are written for the person running Causeway: they name the file involved and,
/// where there is one, what to do next.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// A call to the operating system on a file or folder failed.
    #[error("could not {action} {}{}", path.display(), advice(source))]
    Io {
        /// What the store was doing, as a verb phrase (`"read"`, `"finish writing"`, ...).
        action: &'static str,
        /// The file or folder involved.
        path: PathBuf,
        /// The error from the operating system.
        #[source]
        source: io::Error,
    },

    /// Another process (or another `DataDir` in this one) holds the data folder's lock.
    #[error(
        "the data folder {} is already in use by another Causeway process; close that one first or choose another data folder",
        path.display()
    )]
    Locked {
        /// The data folder.
        path: PathBuf,
    },

    /// The device key file exists but does not hold exactly 32 bytes. It was left untouched.
    #[error(
        "the device key file {} holds {len} bytes instead of 32; it was left untouched: restore it from a backup, or move it away to start this device with a new identity",
        path.display()
    )]
    CorruptKey {
        /// The key file.
        path: PathBuf,
        /// Its size in bytes.
        len: u64,
    },

    /// A snapshot file failed its checksum or is malformed. It was left untouched.
    #[error(
        "the snapshot {} is damaged ({reason}); it was left untouched: restore it from a backup or move the group folder away to fetch the group again from other members",
        path.display()
    )]
    CorruptSnapshot {
        /// The snapshot file.
        path: PathBuf,
        /// What is wrong with it.
        reason: &'static str,
    },

    /// A log file does not start with the log header. It was left untouched.
    #[error(
        "{} does not start like a Causeway log; it was left untouched: restore it from a backup or move the group folder away to fetch the group again from other members",
        path.display()
    )]
    CorruptLogHeader {
        /// The log file.
        path: PathBuf,
    },

    /// A file was written in a format version this build does not know.
    #[error(
        "{} uses format version {version}, which this version of Causeway cannot read; update Causeway",
        path.display()
    )]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
        /// The version number found in it.
        version: u32,
    },

    /// A name given to [`DataDir::write_file_atomic`](super::DataDir::write_file_atomic) or
    /// [`DataDir::read_file`](super::DataDir::read_file) is not allowed.
    #[error(
        "{name:?} is not a valid file name in the data folder (use 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit, not ending in \".tmp\", and not a reserved name)"
    )]
    InvalidName {
        /// The rejected name.
        name: String,
    },

    /// A record or snapshot is larger than the format allows.
    #[error("{what} of {len} bytes is larger than the limit of {max} bytes")]
    TooLarge {
        /// What was too large ("a log record", "the snapshot's signature list").
        what: &'static str,
        /// Its size.
        len: u64,
        /// The largest size allowed.
        max: u64,
    },

    /// The store of this group is already open through another [`GroupStore`](super::GroupStore).
    #[error("the store of group {id_short} is already open in this process")]
    GroupAlreadyOpen {
        /// The first 8 hex characters of the group id.
        id_short: String,
    },

    /// An earlier write to this log failed and could not be undone, so the store refuses to write
    /// more to it.
    #[error(
        "an earlier write to {} failed and could not be undone; restart Causeway to reload the group",
        path.display()
    )]
    Poisoned {
        /// The log file.
        path: PathBuf,
    },
}

/// Returns a closure turning an [`io::Error`] into [`StoreError::Io`] for `path`.
pub(crate) fn io_error(
    action: &'static str,
    path: &Path,
) -> impl FnOnce(io::Error) -> StoreError + use<> {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        action,
        path,
        source,
    }
}

/// Something the store found wrong while loading and repaired without losing good data.
///
/// Warnings are worth showing to a person (the data set aside may matter to them) but do not
/// stop Causeway.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StoreWarning {
    /// The log ended in bytes that are not a complete, valid record, usually because a write was
    /// interrupted. The bytes were copied to `set_aside_to` and the log was cut back to its last
    /// good record.
    CorruptTail {
        /// The log file.
        file: PathBuf,
        /// Where the damaged bytes started in the log.
        offset: u64,
        /// How many bytes were cut off.
        bytes_set_aside: u64,
        /// The side file holding a copy of those bytes.
        set_aside_to: PathBuf,
    },
    /// Damaged bytes were found between two good records. They were copied to `set_aside_to`,
    /// the records after them were kept, and the log was rewritten without them.
    CorruptRecordSkipped {
        /// The log file.
        file: PathBuf,
        /// Where the damaged bytes started in the log, before it was rewritten.
        offset: u64,
        /// How many bytes were skipped.
        bytes_skipped: u64,
        /// The side file holding a copy of those bytes.
        set_aside_to: PathBuf,
    },
}

impl fmt::Display for StoreWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreWarning::CorruptTail {
                file,
                offset,
                bytes_set_aside,
                set_aside_to,
            } => write!(
                f,
                "The end of {} was damaged, probably by an interrupted write: {bytes_set_aside} bytes from offset {offset} were moved to {} and the log was cut back to its last good record.",
                file.display(),
                set_aside_to.display()
            ),
            StoreWarning::CorruptRecordSkipped {
                file,
                offset,
                bytes_skipped,
                set_aside_to,
            } => write!(
                f,
                "{bytes_skipped} damaged bytes at offset {offset} of {} were skipped and copied to {}; the good records after them were kept.",
                file.display(),
                set_aside_to.display()
            ),
        }
    }
}
