//! Files on the node: attaching them (read, made safe, stored), fetching what the groups
//! reference from the members who have it, and the pixels of a picture for the window.
//!
//! The fetcher runs for as long as the node does. After every change it looks at what the
//! groups reference: thumbnails and avatars always, pictures up to the size the person chose
//! (10 MB unless they said otherwise), anything a person asked for; other files wait to be
//! asked for. Each missing blob is fetched from the members of its groups, its author first,
//! then the others: a download cut off goes on from the bytes already here, from whichever
//! member answers next.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use causeway_core::view::{AttachedTo, FileRef, MB};
use causeway_core::{BlobHash, DeviceId, GroupId};
use tokio::task::JoinSet;
use tracing::debug;

use super::{Node, NodeEvent, Shared};
use crate::error::{SyncError, SyncProblem};
use crate::files::{FetchError, Progress, media};
use crate::protocols::connect_within;
use crate::protocols::files::{ALPN, Members};
use crate::protocols::tally::Refused;

/// How many files download at once.
const AT_ONCE: usize = 4;
/// How long to wait before trying again a file no member gave.
const RETRY_AFTER: Duration = Duration::from_secs(30);
/// How long a connection to one member for one file may take to open.
const CONNECT_BUDGET: Duration = Duration::from_secs(10);
/// The most bytes of a picture read to show it.
const MAX_SHOWN: u64 = 64 * MB;
/// How many pictures are decoded at once (each within `media::MAX_DECODE_BYTES`).
pub(super) const DECODING_AT_ONCE: usize = 2;
/// Pictures up to this size download by themselves unless the person chose otherwise.
pub const DEFAULT_AUTO_BYTES: u64 = 10 * MB;

/// One blob to fetch.
#[derive(Clone, Debug)]
struct Want {
    hash: BlobHash,
    /// The sizes its references give (one, unless a reference lies).
    sizes: Vec<u64>,
    /// Who may have it, the file's author first.
    from: Vec<DeviceId>,
}

impl Shared {
    /// Every blob the groups reference (files not taken off), with its size and who may have
    /// it; and those that download by themselves.
    fn referenced(&self, auto: u64) -> (HashMap<BlobHash, Want>, HashSet<BlobHash>) {
        let wanted: HashSet<BlobHash> = self
            .files
            .wanted
            .lock()
            .map(|w| w.clone())
            .unwrap_or_default();
        self.read_local(|n| {
            let me = n.device_id();
            let mut all: HashMap<BlobHash, Want> = HashMap::new();
            let mut auto_set = HashSet::new();
            for g in n.groups().filter(|g| g.my_role().is_some()) {
                let members: Vec<DeviceId> = g
                    .current_members()
                    .into_iter()
                    .filter(|d| *d != me && !n.is_blocked(*d))
                    .collect();
                for a in g.attachments().iter().filter(|a| !a.removed) {
                    let mut from = vec![a.author];
                    from.extend(members.iter().copied().filter(|d| *d != a.author));
                    from.retain(|d| *d != me && !n.is_blocked(*d));
                    for (i, (hash, size)) in a.file.blobs().enumerate() {
                        let w = all.entry(hash).or_insert_with(|| Want {
                            hash,
                            sizes: Vec::new(),
                            from: Vec::new(),
                        });
                        if !w.sizes.contains(&size) {
                            w.sizes.push(size);
                        }
                        for d in &from {
                            if !w.from.contains(d) {
                                w.from.push(*d);
                            }
                        }
                        let is_thumb = i > 0;
                        let picture = a.file.is_inline() && a.file.image.is_some();
                        let shows = a.shows();
                        if shows
                            && (is_thumb
                                || matches!(a.on, AttachedTo::Avatar | AttachedTo::Group)
                                || (picture && size <= auto)
                                || wanted.contains(&hash))
                        {
                            auto_set.insert(hash);
                        }
                    }
                }
            }
            (all, auto_set)
        })
        .unwrap_or_default()
    }

    /// Publishes what the fetcher knows of the files here.
    fn publish_files(&self, complete: &HashMap<BlobHash, u64>) {
        let downloads = self
            .files
            .downloads
            .lock()
            .map(|d| d.clone())
            .unwrap_or_default();
        let refused = self.files.refused();
        self.publish(|s| {
            s.files.complete = Arc::new(complete.clone());
            s.files.downloads = Arc::new(downloads);
            s.files.refused = Arc::new(refused);
        });
        let _ = self.events.send(NodeEvent::ViewsPublished);
    }

    /// Fetches `want` from the first of its members that gives it.
    async fn fetch_from_any(self: Arc<Self>, want: Want) -> Result<(), FetchError> {
        let mut last = FetchError::Failed("no member to ask".into());
        for who in &want.from {
            let Ok(addr) = self.read_local(|n| n.address_of(*who)) else {
                break;
            };
            let Ok(dial) = self.dial_addr(&addr) else {
                continue;
            };
            let conn = match connect_within(&self.endpoint, dial, ALPN, CONNECT_BUDGET).await {
                Some(Ok(c)) => c,
                Some(Err(e)) => {
                    last = FetchError::Failed(e.to_string());
                    continue;
                }
                None => continue,
            };
            // The first progress is published at once, then at most four times a second.
            let mut shown: Option<std::time::Instant> = None;
            let me = self.clone();
            let hash = want.hash;
            let size = want.sizes.iter().copied().max().unwrap_or(0);
            let got = self
                .files
                .fetch(conn.clone(), hash, &want.sizes, |have| {
                    if let Ok(mut d) = me.files.downloads.lock() {
                        d.insert(hash, Progress { have, size });
                    }
                    if shown.is_none_or(|t| t.elapsed() > Duration::from_millis(250)) {
                        shown = Some(std::time::Instant::now());
                        me.publish_downloads();
                    }
                })
                .await;
            conn.close(0u32.into(), b"done");
            match got {
                Ok(_) => return Ok(()),
                Err(FetchError::NotAsReferenced) => return Err(FetchError::NotAsReferenced),
                Err(e) => {
                    debug!(file = %hash.fmt_short(), member = %who.fmt_short(), error = %e, "a member did not give a file; asking the next");
                    last = e;
                }
            }
        }
        Err(last)
    }

    /// Publishes the downloads under way alone (progress).
    fn publish_downloads(&self) {
        let downloads = self
            .files
            .downloads
            .lock()
            .map(|d| d.clone())
            .unwrap_or_default();
        self.publish(|s| s.files.downloads = Arc::new(downloads));
        let _ = self.events.send(NodeEvent::ViewsPublished);
    }
}

/// Runs the fetcher (see the module's words) until the node stops.
pub(super) fn spawn_fetcher(shared: &Arc<Shared>) {
    let weak = Arc::downgrade(shared);
    let mut events = shared.events.subscribe();
    let wake = shared.files_wake.clone();
    tokio::spawn(async move {
        let mut complete: HashMap<BlobHash, u64> = HashMap::new();
        let mut failed: HashMap<BlobHash, tokio::time::Instant> = HashMap::new();
        let mut running: JoinSet<(BlobHash, Result<(), FetchError>)> = JoinSet::new();
        let mut under_way: HashSet<BlobHash> = HashSet::new();
        loop {
            let Some(shared) = weak.upgrade() else { return };
            if shared.stopping.load(std::sync::atomic::Ordering::Acquire) {
                return;
            }
            let auto = shared
                .read_local(|n| n.file_settings().auto_bytes())
                .unwrap_or(DEFAULT_AUTO_BYTES);
            let (all, fetch) = shared.referenced(auto);
            let mut changed = false;
            for hash in all.keys() {
                if !complete.contains_key(hash)
                    && let Some(size) = shared.files.size_of(*hash).await
                {
                    complete.insert(*hash, size);
                    changed = true;
                }
            }
            complete.retain(|h, _| all.contains_key(h));
            shared.files.set_referenced(all.keys().copied().collect());
            let now = tokio::time::Instant::now();
            failed.retain(|_, at| *at > now);
            for hash in &fetch {
                if running.len() >= AT_ONCE {
                    break;
                }
                if complete.contains_key(hash)
                    || under_way.contains(hash)
                    || failed.contains_key(hash)
                    || shared.files.is_refused(*hash)
                {
                    continue;
                }
                let Some(want) = all.get(hash).cloned() else {
                    continue;
                };
                if want.from.is_empty() {
                    continue;
                }
                under_way.insert(*hash);
                let s = shared.clone();
                running.spawn(async move {
                    let h = want.hash;
                    (h, s.fetch_from_any(want).await)
                });
            }
            if changed {
                shared.publish_files(&complete);
            }
            drop(shared);
            tokio::select! {
                ended = running.join_next(), if !running.is_empty() => {
                    if let Some(Ok((hash, result))) = ended {
                        under_way.remove(&hash);
                        let Some(shared) = weak.upgrade() else { return };
                        if let Ok(mut d) = shared.files.downloads.lock() {
                            d.remove(&hash);
                        }
                        match result {
                            Ok(()) => {
                                if let Some(size) = shared.files.size_of(hash).await {
                                    complete.insert(hash, size);
                                }
                            }
                            Err(e) => {
                                debug!(file = %hash.fmt_short(), error = %e, "a file did not arrive; will try again");
                                failed.insert(hash, tokio::time::Instant::now() + RETRY_AFTER);
                            }
                        }
                        shared.publish_files(&complete);
                    }
                }
                ev = events.recv() => {
                    if matches!(ev, Err(tokio::sync::broadcast::error::RecvError::Closed)) {
                        return;
                    }
                    // Only news of groups (or missed news) can change what is referenced.
                    if matches!(ev, Ok(NodeEvent::ViewsPublished | NodeEvent::Answered(_) | NodeEvent::DocumentChanged(..) | NodeEvent::DocumentViewed(..) | NodeEvent::PictureDecoded)) {
                        continue;
                    }
                }
                () = wake.notified() => {
                    // Asked for a file: try again what had failed.
                    failed.clear();
                }
                () = tokio::time::sleep(RETRY_AFTER) => {}
            }
        }
    });
}

impl Node {
    /// Reads the files at `paths` and makes them ready to attach in `group` (within its
    /// limits): their references, in order. Their bytes are kept until they are attached or
    /// [`Node::release_files`] says they will not be.
    pub async fn import_files(
        &self,
        group: GroupId,
        paths: &[impl AsRef<Path>],
    ) -> Result<Vec<FileRef>, SyncError> {
        let limits = self
            .local(|n| n.group(&group).map(|g| g.file_limits()))?
            .ok_or(SyncError::UnknownGroup(group))?;
        let mut out = Vec::new();
        for p in paths {
            match self.shared.files.import(p.as_ref(), limits).await {
                Ok(f) => out.push(f),
                Err(e) => {
                    self.release_files(&out);
                    return Err(e);
                }
            }
        }
        Ok(out)
    }

    /// A picture for the profile (an avatar), within the limits every group takes.
    pub async fn import_picture(&self, path: &Path) -> Result<FileRef, SyncError> {
        let limits = causeway_core::view::FileLimits::default();
        let f = self.shared.files.import(path, limits).await?;
        if f.image.is_none() {
            self.release_files(std::slice::from_ref(&f));
            return Err(
                causeway_core::CoreError::InvalidInput(causeway_core::Problem::NotAnImage).into(),
            );
        }
        Ok(f)
    }

    /// Files made ready that are now attached (their group keeps them), or will not be.
    pub fn release_files(&self, files: &[FileRef]) {
        for f in files {
            self.shared.files.release(f);
        }
        self.shared.files_wake.notify_one();
    }

    /// Asks for `hash` to be fetched from the members who have it (a file that does not
    /// download by itself).
    pub fn want_file(&self, hash: BlobHash) {
        if let Ok(mut w) = self.shared.files.wanted.lock() {
            w.insert(hash);
        }
        self.shared.files_wake.notify_one();
    }

    /// How many bytes of `hash` are here (a download cut off keeps what it had).
    pub async fn file_bytes_here(&self, hash: BlobHash) -> u64 {
        self.shared.files.local_bytes(hash).await
    }

    /// Whether all of `hash` is here.
    pub async fn has_file(&self, hash: BlobHash) -> bool {
        self.shared.files.has(hash).await
    }

    /// Waits until `file` is here (asking for it), at most `within`. The problem says why not.
    pub async fn fetch_file(&self, file: &FileRef, within: Duration) -> Result<(), SyncError> {
        self.want_file(file.hash);
        let mut events = self.subscribe();
        let deadline = tokio::time::Instant::now() + within;
        loop {
            if let Some(size) = self.shared.files.size_of(file.hash).await {
                if size == file.size {
                    return Ok(());
                }
                return Err(SyncError::NotPermitted(SyncProblem::FileNotAsReferenced {
                    name: file.name.clone(),
                }));
            }
            if self.shared.files.is_refused(file.hash) {
                return Err(SyncError::NotPermitted(SyncProblem::FileNotAsReferenced {
                    name: file.name.clone(),
                }));
            }
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                return Err(SyncError::NotPermitted(SyncProblem::FileNotHere {
                    name: file.name.clone(),
                }));
            }
            let _ = tokio::time::timeout(left.min(Duration::from_secs(1)), events.recv()).await;
        }
    }

    /// Writes `file` (all here) into `dir` under its own name, or a free one beside it.
    /// Returns where.
    pub async fn save_file(
        &self,
        file: &FileRef,
        dir: &Path,
    ) -> Result<std::path::PathBuf, SyncError> {
        let target = crate::files::free_path(dir, &file.name);
        self.shared.files.export(file.hash, &target).await?;
        Ok(target)
    }

    /// The pixels of the picture `hash` (all here), at most `max_side` a side, decoded off
    /// the async threads under Causeway's limits, [`DECODING_AT_ONCE`] at a time.
    pub async fn picture_pixels(
        &self,
        hash: BlobHash,
        max_side: u32,
    ) -> Result<media::Pixels, media::NotShown> {
        let _turn = self
            .shared
            .decoding
            .acquire()
            .await
            .map_err(|_| media::NotShown::Damaged)?;
        let bytes = self
            .shared
            .files
            .read(hash, MAX_SHOWN)
            .await
            .ok_or(media::NotShown::Damaged)?;
        tokio::task::spawn_blocking(move || media::pixels(&bytes, max_side))
            .await
            .unwrap_or(Err(media::NotShown::Damaged))
    }

    /// Removes what no group references; returns how many bytes that freed.
    pub async fn collect_files(&self) -> Result<u64, SyncError> {
        self.shared.files.collect().await
    }
}

impl Members for Shared {
    fn is_member_anywhere(&self, who: DeviceId) -> bool {
        self.read_local(|n| {
            n.groups()
                .any(|g| g.role_of(who).is_some() && g.my_role().is_some())
        })
        .unwrap_or(false)
    }

    fn may_have(&self, who: DeviceId, hash: BlobHash) -> bool {
        // The published views first (no Automerge work); the groups themselves for a file
        // attached since they were built.
        if self.read_local(|n| n.is_blocked(who)).unwrap_or(true) {
            return false;
        }
        let snap = self.snapshot();
        let in_view = snap.groups.iter().any(|g| {
            g.my_role.is_some()
                && g.members.iter().any(|m| m.id == who && m.role.is_some())
                && g.files.shows_blob(hash)
        });
        in_view
            || self
                .read_local(|n| {
                    n.groups().any(|g| {
                        g.my_role().is_some()
                            && g.role_of(who).is_some()
                            && g.attachments()
                                .iter()
                                .filter(|a| a.shows())
                                .any(|a| a.file.blobs().any(|(h, _)| h == hash))
                    })
                })
                .unwrap_or(false)
    }

    fn refused(&self, who: Option<DeviceId>) {
        self.tally.refuse(Refused::Files, who);
    }
}
