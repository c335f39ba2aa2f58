//! The app's views, kept current: after every change to the local state, what changed is
//! rebuilt on a blocking thread and published as a new [`Snapshot`]; who is connected, who is
//! reachable and which sessions run are published without a rebuild.
use std::sync::Arc;

use causeway_core::{DeviceId, GroupId};
use iroh::Watcher;
use iroh::endpoint::{Connection, ConnectionError};
use tracing::{Instrument, debug, warn};

use super::NodeEvent;
use super::shared::Shared;
use crate::error::SyncError;
use crate::local::{LocalNode, now};
use crate::protocols::group_sync;
use crate::protocols::limits::IDLE_TIMEOUT;
use crate::views::{GroupView, HomeRelay, Snapshot};

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

/// Keeps the snapshot's home relays ([`crate::views::RunningNetwork::home_relays`]) current:
/// publishes whenever the endpoint's connection to one changes, until the endpoint closes or
/// the node is gone.
pub(super) fn spawn_relay_watch(shared: &Arc<Shared>) {
    let mut status = shared.endpoint.home_relay_status();
    let closed = shared.endpoint.closed();
    let weak = Arc::downgrade(shared);
    tokio::spawn(async move {
        tokio::pin!(closed);
        let mut relays = status.get();
        loop {
            let Some(shared) = weak.upgrade() else { return };
            let now: Vec<HomeRelay> = relays
                .iter()
                .map(|r| HomeRelay {
                    url: r.url().to_string(),
                    connected: r.is_connected(),
                })
                .collect();
            if shared.snapshot().running.home_relays != now {
                debug!(relays = ?now, "home relays changed");
                shared.publish(|s| s.running.home_relays = now);
            }
            drop(shared);
            relays = tokio::select! {
                () = &mut closed => return,
                next = status.updated() => match next {
                    Ok(next) => next,
                    // The endpoint is gone.
                    Err(_) => return,
                },
            };
        }
    });
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
                (
                    n.network_settings(),
                    n.data_dir().to_path_buf(),
                    n.file_settings(),
                    Arc::new(n.blocks().clone()),
                ),
            )
        })?;
        // Each view follows the changes since the one before it (a full build only when it
        // cannot: see `GroupView::update`). A build that panicked leaves that group's previous
        // view in place.
        // What the documents' lists show (read from the documents open, or as last kept).
        let summaries: std::collections::HashMap<GroupId, _> = self.with_local(|n| {
            let s = todo
                .iter()
                .map(|(g, _, _)| (g.id(), n.document_summaries(&g.id())))
                .collect();
            n.save_document_summaries();
            s
        })?;
        // Requests to join waiting on other admins' devices show beside this one's.
        let todo: Vec<_> = todo
            .into_iter()
            .map(|(g, invites, mut pending)| {
                pending.extend(self.requests_elsewhere(g.id()).into_iter().map(|e| {
                    crate::invites::JoinRequest {
                        group: g.id().to_hex(),
                        device: e.request.device.to_hex(),
                        name: e.request.name,
                        requested_at: e.request.requested_at,
                        via: Some(e.holder),
                    }
                }));
                (g, invites, pending)
            })
            .collect();
        let before = self.snapshot();
        let unseen = Arc::new(settings.3.unseen());
        let built: Vec<Arc<GroupView>> = crate::par::map(&todo, |(g, invites, pending)| {
            let (invites, pending) = (invites.clone(), pending.clone());
            let mut view = match before.group(g.id()) {
                Some(prev) => prev.update(g, invites, pending, now, &unseen),
                None => GroupView::build(g, invites, pending, now, &unseen),
            };
            view.doc_summaries = summaries.get(&g.id()).cloned().unwrap_or_default();
            Arc::new(view)
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
            (s.network, s.data_dir, s.file_settings, s.blocks) = settings;
            s.profile = profile;
            s.warnings = warnings;
            s.groups = groups;
        });
        Ok(())
    }

    /// Records that a session with `peer` worked (its connection stays counted as open until
    /// it closes: see [`Shared::connected`]).
    pub(crate) fn reached(&self, peer: DeviceId, relayed: bool) {
        self.publish(|s| {
            let p = s.peers.entry(peer).or_default();
            p.last_ok = Some(now());
            p.relayed = relayed;
            p.failing_since = None;
        });
    }

    /// Records that a connection to a member's device is open (this device dialed it or
    /// accepted it), and watches it: once it closes, and no other connection to that device is
    /// open, the device is published as no longer connected. The same connection again only
    /// refreshes whether it goes through a relay.
    pub(crate) fn connected(self: &Arc<Self>, conn: &Connection) {
        let peer = DeviceId::from_bytes(*conn.remote_id().as_bytes());
        let id = conn.stable_id();
        let relayed = group_sync::relayed(conn);
        // The weak handle does not keep the connection open (dropping the last strong one
        // closes it, as before), but it keeps its allocation, and so its `stable_id`, from
        // being reused by a new connection until the watcher below has forgotten it. Asked
        // for its close while the connection is alive, it is sure to hear of it.
        let handle = conn.weak_handle();
        let closed = handle.closed();
        let Ok(mut open) = self.open.lock() else {
            return;
        };
        let conns = open.entry(peer).or_default();
        let was = conns.insert(id, relayed);
        let fresh = was.is_none();
        let count = conns.len();
        if was != Some(relayed) {
            // Published under the `open` lock, so that what the snapshot says follows the
            // order in which connections opened and closed.
            self.publish(|s| {
                let p = s.peers.entry(peer).or_default();
                p.connections = count;
                p.relayed = relayed;
                p.last_ok = Some(now());
                p.failing_since = None;
            });
        }
        drop(open);
        if !fresh {
            return;
        }
        debug!(peer = %peer.fmt_short(), relayed, count, "connection open");
        let weak = Arc::downgrade(self);
        tokio::spawn(
            async move {
                let reason = closed.await.map(|c| c.reason);
                if let Some(shared) = weak.upgrade() {
                    shared.disconnected(peer, id, reason);
                }
                drop(handle);
            }
            .instrument(tracing::debug_span!("connection", peer = %peer.fmt_short())),
        );
    }

    /// Records that the connection `id` to `peer` closed (`reason`: why, when known).
    fn disconnected(&self, peer: DeviceId, id: usize, reason: Option<ConnectionError>) {
        let Ok(mut open) = self.open.lock() else {
            return;
        };
        let Some(conns) = open.get_mut(&peer) else {
            return;
        };
        conns.remove(&id);
        let count = conns.len();
        let relayed = conns.values().next().copied();
        if count == 0 {
            open.remove(&peer);
        }
        // A connection that went silent was last heard one idle timeout ago.
        let silent = matches!(reason, Some(ConnectionError::TimedOut));
        let at = if silent {
            let idle = i64::try_from(IDLE_TIMEOUT.as_millis()).unwrap_or(0);
            causeway_core::Timestamp(now().0.saturating_sub(idle))
        } else {
            now()
        };
        debug!(peer = %peer.fmt_short(), ?reason, count, "connection closed");
        self.publish(|s| {
            let p = s.peers.entry(peer).or_default();
            p.connections = count;
            if let Some(relayed) = relayed {
                p.relayed = relayed;
            }
            p.last_ok = p.last_ok.max(Some(at));
        });
        drop(open);
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
