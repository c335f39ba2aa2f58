//! The bytes of pictures and files: an iroh-blobs store in the data folder (`files/`), what a
//! file becomes when a person attaches it ([`media`]: its type read from the bytes, a photo's
//! location and camera data taken out, a thumbnail), fetching from members (resumed from what
//! is already here, from whichever member has it), and collecting what no group references.
//!
//! Every blob is BLAKE3-verified as it arrives (iroh-blobs' verified streaming): bytes that do
//! not match their hash are never stored. A file whose size is not the size its reference in
//! the group says is dropped as soon as it passes it.

pub mod media;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use causeway_core::BlobHash;
use causeway_core::view::{FileLimits, FileRef, ImageInfo, MB};
use iroh::endpoint::Connection;
use iroh_blobs::Hash;
use iroh_blobs::api::remote::GetProgressItem;
use iroh_blobs::store::fs::FsStore;
use n0_future::StreamExt as _;

use crate::error::{SyncError, SyncProblem};

/// Where the store lives in the data folder.
pub(crate) const FOLDER: &str = "files";

/// The most bytes of a picture read into memory to make its thumbnail; a larger one is shared
/// as a file.
const MAX_PREPARED: u64 = 64 * MB;

/// How far a download of one file has come.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Bytes here.
    pub have: u64,
    /// Bytes in all.
    pub size: u64,
}

/// How often the store's collector wakes to see whether it has work (it runs only when asked,
/// and at most [`COLLECT_EVERY`] apart otherwise).
const COLLECTOR_WAKES: std::time::Duration = std::time::Duration::from_secs(1);
/// How often blobs no group references any more are collected without being asked.
const COLLECT_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// What the collector keeps: every blob a group references, and those being attached.
#[derive(Debug, Default)]
struct Keep {
    /// Set once the node has read every group: the collector never runs before.
    ready: bool,
    /// Blobs referenced by the groups (removed files excepted).
    referenced: HashSet<BlobHash>,
    /// Files being attached.
    pending: HashSet<BlobHash>,
    /// Blobs whose bytes were not what their reference says: never kept.
    refused: HashSet<BlobHash>,
    /// A collection was asked for.
    asked: bool,
    /// When it last ran.
    last: Option<std::time::Instant>,
    /// The store is closing: the collector never runs again.
    closing: bool,
}

/// The blob store and what is under way in it.
#[derive(Debug)]
pub(crate) struct Files {
    store: FsStore,
    /// What the collector keeps.
    keep: std::sync::Arc<Mutex<Keep>>,
    /// Downloads under way.
    pub(crate) downloads: Mutex<HashMap<BlobHash, Progress>>,
    /// Files a person asked for (beyond what is fetched by itself).
    pub(crate) wanted: Mutex<HashSet<BlobHash>>,
}

/// iroh-blobs' hash of ours.
pub(crate) fn to_iroh(h: BlobHash) -> Hash {
    Hash::from_bytes(*h.as_bytes())
}

/// Ours of iroh-blobs' hash.
pub(crate) fn from_iroh(h: Hash) -> BlobHash {
    BlobHash::from_bytes(*h.as_bytes())
}

/// An error of the store, for the log and the person.
fn store_err(e: impl std::fmt::Display) -> SyncError {
    SyncError::Internal(format!("the file store: {e}"))
}

impl Files {
    /// Opens (or makes) the store in `data`'s `files/` folder.
    pub(crate) async fn open(data: &Path) -> Result<Files, SyncError> {
        let root = data.join(FOLDER);
        let keep = std::sync::Arc::new(Mutex::new(Keep::default()));
        let mut options = iroh_blobs::store::fs::options::Options::new(&root);
        options.gc = Some(collector(keep.clone()));
        let store = FsStore::load_with_opts(root.join("blobs.db"), options)
            .await
            .map_err(store_err)?;
        Ok(Files {
            store,
            keep,
            downloads: Mutex::default(),
            wanted: Mutex::default(),
        })
    }

    /// The store, for the blobs protocol.
    pub(crate) fn store(&self) -> &iroh_blobs::api::Store {
        &self.store
    }

    /// Makes the file at `path` ready to attach: reads it, prepares it ([`media::prepare`]),
    /// stores its bytes (and its thumbnail) and returns its reference. Refused with a
    /// sentence when it cannot be read or is larger than `limits` allow.
    pub(crate) async fn import(
        &self,
        path: &Path,
        limits: FileLimits,
    ) -> Result<FileRef, SyncError> {
        let unreadable = |e: std::io::Error| {
            SyncError::InvalidInput(SyncProblem::FileUnreadable {
                path: path.display().to_string(),
                detail: e.to_string(),
            })
        };
        let meta = tokio::fs::metadata(path).await.map_err(unreadable)?;
        if !meta.is_file() {
            return Err(unreadable(std::io::Error::other("not a file")));
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".into());
        let size = meta.len();
        check_size(size, limits)?;
        let mut head = [0u8; 16];
        let n = {
            use tokio::io::AsyncReadExt;
            let mut f = tokio::fs::File::open(path).await.map_err(unreadable)?;
            f.read(&mut head).await.map_err(unreadable)?
        };
        let picture = media::picture_type(&head[..n]).is_some() && size <= MAX_PREPARED;
        if picture {
            let bytes = tokio::fs::read(path).await.map_err(unreadable)?;
            return self.import_bytes(&name, bytes, limits).await;
        }
        // Any other file is shared as it is, streamed into the store.
        let media = media::media_type(&name, &head[..n]);
        let tag = self
            .store
            .blobs()
            .add_path(std::path::absolute(path).map_err(unreadable)?)
            .temp_tag()
            .await
            .map_err(store_err)?;
        let hash = from_iroh(tag.hash());
        self.hold(hash);
        Ok(FileRef {
            hash,
            size,
            media,
            name: safe_name(&name),
            image: None,
        })
    }

    /// [`Files::import`] of bytes already read (a pasted picture).
    pub(crate) async fn import_bytes(
        &self,
        name: &str,
        bytes: Vec<u8>,
        limits: FileLimits,
    ) -> Result<FileRef, SyncError> {
        check_size(bytes.len() as u64, limits)?;
        let owned = name.to_owned();
        let prepared = tokio::task::spawn_blocking(move || media::prepare(&owned, bytes))
            .await
            .map_err(|e| SyncError::Internal(e.to_string()))?;
        let size = prepared.bytes.len() as u64;
        check_size(size, limits)?;
        let hash = self.add(prepared.bytes).await?;
        let image = match prepared.picture {
            Some(p) => {
                let thumb_size = p.thumb.len() as u64;
                let thumb = self.add(p.thumb).await?;
                Some(ImageInfo {
                    width: p.width,
                    height: p.height,
                    thumb: Some((thumb, thumb_size)),
                })
            }
            None => None,
        };
        Ok(FileRef {
            hash,
            size,
            media: prepared.media,
            name: safe_name(name),
            image,
        })
    }

    /// Stores `bytes`, kept until [`Files::release`].
    async fn add(&self, bytes: Vec<u8>) -> Result<BlobHash, SyncError> {
        let tag = self
            .store
            .blobs()
            .add_bytes(bytes)
            .temp_tag()
            .await
            .map_err(store_err)?;
        let hash = from_iroh(tag.hash());
        self.hold(hash);
        Ok(hash)
    }

    fn hold(&self, hash: BlobHash) {
        self.with_keep(|k| k.pending.insert(hash));
    }

    fn with_keep<R>(&self, f: impl FnOnce(&mut Keep) -> R) -> Option<R> {
        self.keep.lock().ok().map(|mut k| f(&mut k))
    }

    /// The files attached meanwhile are now referenced by their group (or were given up).
    pub(crate) fn release(&self, file: &FileRef) {
        self.with_keep(|k| {
            for (h, _) in file.blobs() {
                k.pending.remove(&h);
            }
        });
    }

    /// Every blob the groups reference now: what the collector keeps. The collector runs only
    /// once this was said.
    pub(crate) fn set_referenced(&self, referenced: HashSet<BlobHash>) {
        self.with_keep(|k| {
            k.referenced = referenced;
            k.ready = true;
        });
    }

    /// The blobs refused: their bytes were not what their reference says.
    pub(crate) fn refused(&self) -> HashSet<BlobHash> {
        self.with_keep(|k| k.refused.clone()).unwrap_or_default()
    }

    /// Whether `hash` was refused: its bytes were not what its reference says.
    pub(crate) fn is_refused(&self, hash: BlobHash) -> bool {
        self.with_keep(|k| k.refused.contains(&hash))
            .unwrap_or(false)
    }

    /// How many bytes of `hash` are here (all of them once it is complete).
    pub(crate) async fn local_bytes(&self, hash: BlobHash) -> u64 {
        match self.store.blobs().status(to_iroh(hash)).await {
            Ok(iroh_blobs::api::proto::BlobStatus::Complete { size }) => size,
            Ok(iroh_blobs::api::proto::BlobStatus::Partial { .. }) => self
                .store
                .remote()
                .local(to_iroh(hash))
                .await
                .map(|l| l.local_bytes())
                .unwrap_or(0),
            _ => 0,
        }
    }

    /// Whether all of `hash` is here.
    pub(crate) async fn has(&self, hash: BlobHash) -> bool {
        matches!(
            self.store.blobs().status(to_iroh(hash)).await,
            Ok(iroh_blobs::api::proto::BlobStatus::Complete { .. })
        )
    }

    /// The bytes of `hash`, when all of it is here and it is at most `max` bytes.
    pub(crate) async fn read(&self, hash: BlobHash, max: u64) -> Option<Vec<u8>> {
        match self.store.blobs().status(to_iroh(hash)).await {
            Ok(iroh_blobs::api::proto::BlobStatus::Complete { size }) if size <= max => self
                .store
                .blobs()
                .get_bytes(to_iroh(hash))
                .await
                .ok()
                .map(|b| b.to_vec()),
            _ => None,
        }
    }

    /// Writes `hash` to `target` (a new file).
    pub(crate) async fn export(&self, hash: BlobHash, target: &Path) -> Result<(), SyncError> {
        self.store
            .blobs()
            .export(to_iroh(hash), target)
            .finish()
            .await
            .map(drop)
            .map_err(|e| {
                SyncError::InvalidInput(SyncProblem::ExportWrite {
                    path: target.display().to_string(),
                    detail: e.to_string(),
                })
            })
    }

    /// Fetches `hash` over `conn`, from where the bytes here end; `progress` hears how many
    /// are here. `sizes` are the sizes the group's references give it (the same for honest
    /// ones): a provider that sends more than the largest, or a blob of none of them, loses
    /// what it sent, and the hash is never fetched again. Returns the blob's size.
    pub(crate) async fn fetch(
        &self,
        conn: Connection,
        hash: BlobHash,
        sizes: &[u64],
        mut progress: impl FnMut(u64),
    ) -> Result<u64, FetchError> {
        let most = sizes.iter().copied().max().unwrap_or(0);
        let start = self.local_bytes(hash).await;
        let mut stream = std::pin::pin!(self.store.remote().fetch(conn, to_iroh(hash)).stream());
        while let Some(item) = stream.next().await {
            match item {
                GetProgressItem::Progress(n) => {
                    if start.saturating_add(n) > most.saturating_add(16 * 1024) {
                        self.forget(hash).await;
                        return Err(FetchError::NotAsReferenced);
                    }
                    progress(start.saturating_add(n).min(most));
                }
                GetProgressItem::Done(_) => break,
                GetProgressItem::Error(e) => return Err(FetchError::Failed(e.to_string())),
            }
        }
        match self.store.blobs().status(to_iroh(hash)).await {
            Ok(iroh_blobs::api::proto::BlobStatus::Complete { size }) if sizes.contains(&size) => {
                progress(size);
                Ok(size)
            }
            Ok(iroh_blobs::api::proto::BlobStatus::Complete { .. }) => {
                self.forget(hash).await;
                Err(FetchError::NotAsReferenced)
            }
            _ => Err(FetchError::Failed("the transfer ended early".into())),
        }
    }

    /// The size of `hash` when all of it is here.
    pub(crate) async fn size_of(&self, hash: BlobHash) -> Option<u64> {
        match self.store.blobs().status(to_iroh(hash)).await {
            Ok(iroh_blobs::api::proto::BlobStatus::Complete { size }) => Some(size),
            _ => None,
        }
    }

    /// Drops whatever is here of `hash`, and never fetches it again: its bytes are not what
    /// its reference says (a hash names one content, of one size, for everyone).
    async fn forget(&self, hash: BlobHash) {
        tracing::warn!(file = %hash.fmt_short(), "a file was not the size its reference says; dropped");
        self.with_keep(|k| {
            k.refused.insert(hash);
            k.asked = true;
        });
    }

    /// Removes every blob no group references (nor being attached now). Returns how many
    /// bytes that frees; they are gone within a few seconds.
    pub(crate) async fn collect(&self) -> Result<u64, SyncError> {
        let keep = self
            .with_keep(|k| {
                let mut live = k.referenced.clone();
                live.extend(k.pending.iter().copied());
                for r in &k.refused {
                    live.remove(r);
                }
                (k.ready, live)
            })
            .ok_or_else(|| store_err("lock"))?;
        let (ready, live) = keep;
        if !ready {
            return Ok(0);
        }
        let mut dead = Vec::new();
        let mut list = self
            .store
            .blobs()
            .list()
            .stream()
            .await
            .map_err(store_err)?;
        while let Some(h) = list.next().await {
            let h = from_iroh(h.map_err(store_err)?);
            if !live.contains(&h) {
                dead.push(h);
            }
        }
        let mut freed = 0u64;
        for h in &dead {
            freed += self.local_bytes(*h).await;
        }
        self.with_keep(|k| k.asked = true);
        // The collector takes it at its next wake; wait for it, within reason.
        for _ in 0..50 {
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            let mut left = false;
            for h in &dead {
                if !matches!(
                    self.store.blobs().status(to_iroh(*h)).await,
                    Ok(iroh_blobs::api::proto::BlobStatus::NotFound)
                ) {
                    left = true;
                    break;
                }
            }
            if !left {
                break;
            }
        }
        Ok(freed)
    }

    /// Closes the store (its database is written out).
    pub(crate) async fn shutdown(&self) {
        self.with_keep(|k| k.closing = true);
        if let Err(e) = self.store.shutdown().await {
            tracing::debug!(error = %e, "the file store did not close cleanly");
        }
    }
}

/// Why fetching one file from one member failed.
#[derive(Debug, thiserror::Error)]
pub(crate) enum FetchError {
    /// The bytes were not what the group's reference says (another size): not kept.
    #[error("the bytes were not what the group's reference says")]
    NotAsReferenced,
    /// The transfer failed (refused, cut off); another member may have it.
    #[error("the transfer failed: {0}")]
    Failed(String),
}

/// Refuses a file larger than the group takes, before a byte of it is read.
fn check_size(size: u64, limits: FileLimits) -> Result<(), SyncError> {
    let file = FileRef {
        hash: BlobHash::from_bytes([0; 32]),
        size,
        media: "application/octet-stream".into(),
        name: "f".into(),
        image: None,
    };
    file.validate(limits).map_err(SyncError::from)
}

/// A file name every peer takes: folders and control characters out, at most 255 characters.
fn safe_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| {
            if c == '/' || c == '\\' || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(causeway_core::view::MAX_NAME)
        .collect();
    match clean.trim() {
        "" | "." | ".." => "file".into(),
        _ => clean,
    }
}

/// Where `name` can be saved in `dir` without replacing a file there: `name`, then
/// `name (2)`, `name (3)`...
pub(crate) fn free_path(dir: &Path, name: &str) -> PathBuf {
    let name = safe_name(name);
    let first = dir.join(&name);
    if !first.exists() {
        return first;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s.to_owned(), format!(".{e}")),
        _ => (name.clone(), String::new()),
    };
    (2..)
        .map(|i| dir.join(format!("{stem} ({i}){ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// The store's collector: it wakes every [`COLLECTOR_WAKES`] and runs when asked, or when
/// [`COLLECT_EVERY`] passed, never before the node has said what the groups reference.
fn collector(keep: std::sync::Arc<Mutex<Keep>>) -> iroh_blobs::store::GcConfig {
    let cb: iroh_blobs::store::ProtectCb = std::sync::Arc::new(move |live: &mut HashSet<Hash>| {
        let keep = keep.clone();
        let outcome = (|| {
            let mut k = keep.lock().ok()?;
            let due = k.last.is_none_or(|t| t.elapsed() >= COLLECT_EVERY);
            if k.closing || !k.ready || !(k.asked || due) {
                return None;
            }
            k.asked = false;
            k.last = Some(std::time::Instant::now());
            let refused = k.refused.clone();
            live.extend(
                k.referenced
                    .iter()
                    .chain(k.pending.iter())
                    .filter(|h| !refused.contains(h))
                    .map(|h| to_iroh(*h)),
            );
            Some(())
        })();
        Box::pin(async move {
            match outcome {
                Some(()) => iroh_blobs::store::ProtectOutcome::Continue,
                None => iroh_blobs::store::ProtectOutcome::Abort,
            }
        })
    });
    iroh_blobs::store::GcConfig {
        interval: COLLECTOR_WAKES,
        add_protected: Some(cb),
    }
}

/// A file's reference as JSON keeps it (the profile's avatar, answers on the command line):
/// hashes in hex.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileRecord {
    /// The BLAKE3 hash of its bytes, in hex.
    pub hash: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its media type.
    pub media: String,
    /// Its name.
    pub name: String,
    /// For a picture: width in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    /// For a picture: height in pixels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// For a picture: its thumbnail's hash, in hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumb: Option<String>,
    /// For a picture: its thumbnail's size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumb_size: Option<u64>,
}

impl From<&FileRef> for FileRecord {
    fn from(f: &FileRef) -> Self {
        FileRecord {
            hash: f.hash.to_hex(),
            size: f.size,
            media: f.media.clone(),
            name: f.name.clone(),
            width: f.image.map(|i| i.width),
            height: f.image.map(|i| i.height),
            thumb: f.image.and_then(|i| i.thumb).map(|(h, _)| h.to_hex()),
            thumb_size: f.image.and_then(|i| i.thumb).map(|(_, s)| s),
        }
    }
}

impl FileRecord {
    /// The reference it keeps; `None` when it is damaged.
    pub fn to_ref(&self) -> Option<FileRef> {
        let hash = BlobHash::from_hex(&self.hash).ok()?;
        let thumb = match (&self.thumb, self.thumb_size) {
            (Some(h), Some(s)) => Some((BlobHash::from_hex(h).ok()?, s)),
            _ => None,
        };
        let image = match (self.width, self.height) {
            (Some(width), Some(height)) => Some(ImageInfo {
                width,
                height,
                thumb,
            }),
            _ => None,
        };
        Some(FileRef {
            hash,
            size: self.size,
            media: self.media.clone(),
            name: self.name.clone(),
            image,
        })
    }
}
