//! The app's views, kept current: after every change to the local state, what changed is
//! rebuilt on a blocking thread and published as a new [`Snapshot`]; who is reachable and
//! which sessions run are published without a rebuild.
use std::sync::Arc;

use causeway_core::{DeviceId, GroupId};
use tracing::warn;

use super::NodeEvent;
use super::shared::Shared;
use crate::error::SyncError;
use crate::local::{LocalNode, now};
use crate::views::{GroupView, PeerStatus, Snapshot};

/// The longest pause between two view builds (see [`spawn_view_builder`]).
const MAX_BUILD_PAUSE: std::time::Duration = std::time::Duration::from_millis(500);

/// Keeps the app's views current: after every change to the local state, rebuilds what
/// changed on a blocking thread and publishes it. Changes that arrive while a build runs are
/// taken by the next one, so a burst of changes costs one or two builds, not one each.
/// The task holds the node's state only while a build runs; [`Node::shutdown`] waits for that
/// build to end, so the data folder is free once shutdown returns.
pub(super) fn spawn_view_builder(shared: &Arc<Shared>) -> tokio::task::JoinHandle<()> {
    let weak = Arc::downgrade(shared);
    let wake = shared.rebuild.clone();
    // The first build: everything is marked changed when the folder is opened.
    wake.notify_one();
    tokio::spawn(async move {
        loop {
            wake.notified().await;
            let Some(shared) = weak.upgrade() else { return };
            if shared.stopping.load(std::sync::atomic::Ordering::Acquire) {
                return;
            }
            let started = tokio::time::Instant::now();
            let built = tokio::task::spawn_blocking(move || shared.rebuild_views()).await;
            if let Ok(Err(e)) = built {
                warn!(error = %e, "views not rebuilt");
            }
            // When news came in during the build (a stream of it), leave the rest of the node
            // at least as much time as the build took before the next one: the stream would
            // otherwise keep a core building views of a big group back to back. News after a
            // quiet spell is built at once.
            let streaming = tokio::time::timeout(std::time::Duration::ZERO, wake.notified())
                .await
                .is_ok();
            if !streaming {
                continue;
            }
            let stopping = || {
                weak.upgrade()
                    .is_none_or(|s| s.stopping.load(std::sync::atomic::Ordering::Acquire))
            };
            let deadline = tokio::time::Instant::now() + started.elapsed().min(MAX_BUILD_PAUSE);
            while !stopping() {
                tokio::select! {
                    () = tokio::time::sleep_until(deadline) => break,
                    () = wake.notified() => {}
                }
            }
            // The news that came in is built next (or shutdown, if that was the news).
            wake.notify_one();
        }
    })
}

impl Shared {
    /// The app's views as last published.
    pub(crate) fn snapshot(&self) -> Arc<Snapshot> {
        self.views
            .lock()
            .map(|v| v.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    /// Publishes a changed copy of the current snapshot (the group views are shared, not
    /// copied) and tells listeners.
    pub(super) fn publish(&self, change: impl FnOnce(&mut Snapshot)) {
        {
            let mut views = self.views.lock().unwrap_or_else(|p| p.into_inner());
            let mut next = Snapshot::clone(&views);
            change(&mut next);
            next.version = views.version + 1;
            *views = Arc::new(next);
        }
        let _ = self.events.send(NodeEvent::ViewsPublished);
    }

    /// Rebuilds the views of what changed, then publishes them. Runs on a blocking thread:
    /// this is where the Automerge work for the app happens.
    pub(super) fn rebuild_views(&self) -> Result<(), SyncError> {
        let now = now();
        let dirty = self.with_local(LocalNode::take_dirty)?;
        // Clone what changed under a shared lock (cheap: a clone shares the document until one
        // side changes it), then build without holding the state: posting, syncing and
        // answering peers go on while a big group's view is built. A change that arrives
        // meanwhile copies the document (tens of milliseconds for 100,000 posts).
        let (all, me, profile, warnings, ids, todo, settings) = self.read_local(|n| {
            let ids: Vec<GroupId> = n.groups().map(|g| g.id()).collect();
            let todo: Vec<(causeway_core::Group, _, _)> = n
                .groups()
                .filter(|g| dirty.all || dirty.groups.contains(&g.id()))
                .map(|g| (g.clone(), n.invites(&g.id()), n.pending_requests(&g.id())))
                .collect();
            (
                dirty.all,
                n.device_id(),
                n.profile().clone(),
                n.warnings().to_vec(),
                ids,
                todo,
                (n.network_settings(), n.data_dir().to_path_buf()),
            )
        })?;
        // Each view follows the changes since the one before it (a full build only when it
        // cannot: see `GroupView::update`). A build that panicked leaves that group's previous
        // view in place.
        let before = self.snapshot();
        let built: Vec<Arc<GroupView>> = crate::par::map(&todo, |(g, invites, pending)| {
            let (invites, pending) = (invites.clone(), pending.clone());
            Arc::new(match before.group(g.id()) {
                Some(prev) => prev.update(g, invites, pending, now),
                None => GroupView::build(g, invites, pending, now),
            })
        })
        .into_iter()
        .flatten()
        .collect();
        drop(todo);
        self.publish(|s| {
            let mut groups: Vec<Arc<GroupView>> = ids
                .iter()
                .filter_map(|id| {
                    built
                        .iter()
                        .find(|g| g.id == *id)
                        .or_else(|| (!all).then(|| s.group(*id)).flatten())
                        .cloned()
                })
                .collect();
            groups.sort_by(|a, b| {
                a.name()
                    .to_lowercase()
                    .cmp(&b.name().to_lowercase())
                    .then(a.id.cmp(&b.id))
            });
            s.me = Some(me);
            (s.network, s.data_dir) = settings;
            s.profile = profile;
            s.warnings = warnings;
            s.groups = groups;
        });
        Ok(())
    }

    /// Records that a session with `peer` worked.
    pub(crate) fn reached(&self, peer: DeviceId, relayed: bool) {
        self.publish(|s| {
            s.peers.insert(
                peer,
                PeerStatus {
                    last_ok: Some(now()),
                    relayed,
                    failing_since: None,
                },
            );
        });
    }

    /// Records that `peer` could not be reached.
    pub(super) fn unreachable(&self, peer: DeviceId) {
        self.publish(|s| {
            let p = s.peers.entry(peer).or_default();
            p.failing_since.get_or_insert(now());
        });
    }

    /// Counts a session for `group` as running (`+1`) or finished (`-1`, recording when).
    pub(super) fn session(&self, group: GroupId, started: bool) {
        self.publish(|s| {
            let a = s.activity.entry(group).or_default();
            if started {
                a.running += 1;
            } else {
                a.running = a.running.saturating_sub(1);
                a.last_sync = Some(now());
            }
        });
    }
}
