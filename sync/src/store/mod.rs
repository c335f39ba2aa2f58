//! Crash-safe storage of Causeway's data folder, as opaque bytes.
//!
//! The store knows nothing about Automerge, keys or groups beyond the sizes of what it keeps: a
//! 32-byte device key, small whole files, and per group a snapshot plus an append-only log of
//! records (change bytes with an optional 64-byte signature). It never talks to the network and
//! never interprets what it stores.
//!
//! ```no_run
//! use causeway_sync::store::{DataDir, Record};
//! # fn main() -> Result<(), causeway_sync::store::StoreError> {
//! let Some(root) = DataDir::default_location() else {
//!     return Ok(()); // No home folder: ask the person where to keep the data.
//! };
//! let dir = DataDir::open(&root)?;
//! let (mut group, loaded) = dir.open_group([7; 32])?;
//! for warning in &loaded.warnings {
//!     tracing::warn!("{warning}");
//! }
//! group.append(&[Record { change: b"change bytes".to_vec(), signature: None }])?;
//! // Returned Ok: the record is on disk and survives a crash.
//! # Ok(()) }
//! ```
//!
//! # Guarantees
//!
//! - An `Ok` from [`GroupStore::append`], [`GroupStore::compact`], [`DataDir::write_file_atomic`]
//!   or a key creation means the data is on disk (fsynced, and on unix the folder entries too).
//! - A crash or power loss at any moment leaves a store that opens, with everything that was
//!   acknowledged (on unix; elsewhere folder entries cannot be fsynced, so a rename is as durable
//!   as the file system makes it). Damaged bytes are copied to side files, never silently
//!   deleted; a damaged snapshot or key file is reported and left untouched.
//! - Only one process uses a data folder at a time (`<root>/LOCK`, see [`DataDir::open`]), and
//!   only one [`GroupStore`] per group exists in that process.
//!
//! # Layout of the data folder
//!
//! ```text
//! <root>/                     mode 0700
//!   LOCK                      empty; an exclusive advisory lock (flock) is held on it
//!   device.key                32 raw bytes, mode 0600
//!   <name>                    small files written by DataDir::write_file_atomic, mode 0600
//!   groups/                   mode 0700
//!     <64 lower-case hex characters of the 32-byte group id>/    mode 0700
//!       snapshot              optional; see "Snapshot file"
//!       log                   see "Log file"
//!       log.corrupt-<n>       damaged bytes cut out of the log (n = 1, 2, ...), never read back
//!       *.tmp                 a replacement being written; removed or replaced by the next
//!                             write of the same name; never read
//! ```
//!
//! Every file the store creates has mode 0600 on unix. Files are replaced atomically: new content
//! goes to `<name>.tmp` (created new), is fsynced, renamed over `<name>`, and the folder is fsynced.
//!
//! All integers are little-endian. CRC32 is the common CRC-32 (ISO-HDLC: polynomial 0x04C11DB7,
//! reflected, initial value and final XOR 0xFFFFFFFF, as in zlib and gzip; the CRC of the ASCII
//! bytes `123456789` is 0xCBF43926).
//!
//! # Log file (`groups/<id>/log`)
//!
//! A 12-byte header, then zero or more records back to back, up to the end of the file:
//!
//! ```text
//! header:  magic    8 bytes  "CWAYLOG\0"  (43 57 41 59 4C 4F 47 00)
//!          version  u32      1
//! record:  magic    4 bytes  CA 05 E7 A1
//!          len      u32      length of payload in bytes, at most 64 MiB (67 108 864)
//!          crc      u32      CRC32 of payload
//!          payload  len bytes:
//!              flags       u8   bit 0: a signature follows the change; other bits are 0
//!              change_len  u32
//!              change      change_len bytes
//!              signature   64 bytes, present only if flags bit 0 is set
//! ```
//!
//! A record is good when its magic matches, `len` is at most 64 MiB and fits in the file, the CRC
//! matches, its flags are known, and `len == 5 + change_len + (64 if signed)`. `len` is checked
//! against the cap and the file's size before anything of that size is allocated.
//!
//! Records are appended in one write followed by an fsync (`fdatasync`) before the append is
//! acknowledged. A failed append is cut back off the file.
//!
//! **Loading.** Records are read in order. At a bad record the loader searches forward for the
//! next offset holding the record magic *and* a good record. The bytes in between form a damaged
//! range: they are copied to a new side file `log.corrupt-<n>` (first free `n` from 1, fsynced,
//! folder fsynced) and the load goes on from that next good record. If no good record follows,
//! the range runs to the end of the file: a damaged tail, usually a write interrupted by a crash
//! ([`StoreWarning::CorruptTail`]). Then the log is repaired so that later appends follow a good
//! record: with only a damaged tail, the file is truncated to the end of the last good record and
//! fsynced; with damage in the middle ([`StoreWarning::CorruptRecordSkipped`]), the log is
//! rewritten (atomically, as above) as the header followed by the good records' exact bytes.
//! Good records are never dropped. (A record whose bytes happen to contain a complete good record
//! could, if damaged, have that inner record taken for a real one; with the 4-byte magic and a
//! CRC32 this needs deliberately crafted change bytes and then yields only bytes a peer chose.)
//!
//! The whole log is read into memory while loading; compaction keeps it small (see
//! [`GroupStore::wants_compaction`]).
//!
//! A log file that is missing is created empty; an empty (0-byte) one is given a header; one
//! with another magic is [`StoreError::CorruptLogHeader`]; another version is
//! [`StoreError::UnsupportedVersion`]. None of these errors changes the file.
//!
//! # Snapshot file (`groups/<id>/snapshot`)
//!
//! ```text
//! magic       8 bytes  "CWAYSNAP"  (43 57 41 59 53 4E 41 50)
//! version     u32      2
//! doc_len     u64
//! doc         doc_len bytes
//! sig_count   u32
//! signatures  sig_count entries of 96 bytes: change hash (32 bytes), signature (64 bytes)
//! index_len   u64
//! index       index_len bytes: what the caller derived from `doc` (Causeway's saved ledger)
//! crc         u32      CRC32 of every byte before it (magic to the last index byte)
//! ```
//!
//! Version 1 files, which end after the signatures (no `index_len`, no `index`), are still read,
//! with an empty index. The file must end exactly after `crc`. On load the magic and version are checked first (a
//! newer version is [`StoreError::UnsupportedVersion`]), then the CRC, then the lengths. Any
//! mismatch is [`StoreError::CorruptSnapshot`]; the file is never changed or removed by loading.
//!
//! # Compaction
//!
//! [`GroupStore::compact`] replaces `snapshot` atomically, then cuts `log` back to its header in
//! place (truncate, fsync). After a crash between the two, loading returns the new snapshot *and*
//! the old log's records, which the snapshot already contains: callers must apply records
//! idempotently. [`GroupStore::wants_compaction`] says when compacting is worth it; Causeway also
//! compacts every group with logged records when a node stops.
//!
//! # Device key (`device.key`)
//!
//! Exactly 32 bytes, nothing else. Created once from the caller's generator (temporary file
//! created with mode 0600, fsync, rename, folder fsync); a file of any other size is
//! [`StoreError::CorruptKey`] and is left untouched.

mod codec;
mod data_dir;
mod durable;
mod error;
mod group;
mod log;
mod open;
mod snapshot;

pub use data_dir::DataDir;
pub use error::{StoreError, StoreWarning};
pub use group::{
    COMPACT_LOG_BYTES, COMPACT_LOG_RECORDS, GroupStore, LoadedGroup, Record, Snapshot,
};
