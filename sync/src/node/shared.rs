//! The node's state, shared by the handle ([`super::Node`]), its background tasks and the
//! protocol handlers, which see it only as a [`Host`].
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use causeway_core::{DeviceId, GroupId, IngestReport};
use iroh::{Endpoint, EndpointAddr};
use tokio::sync::broadcast;

use super::NodeEvent;
use crate::address::PeerAddress;
use crate::error::SyncError;
use crate::local::LocalNode;
use crate::protocols::group_sync::kept::KeptConnections;
use crate::protocols::host::Host;
use crate::protocols::limits::Gate;
use crate::protocols::tally::Tally;
use crate::views::Snapshot;

/// State shared by the handle and the protocol handlers.
#[derive(Debug)]
pub(crate) struct Shared {
    /// The local state. Reads (view builds, answering a peer's hello or check) share it;
    /// changes take it alone.
    pub(super) local: std::sync::RwLock<LocalNode>,
    pub(super) events: broadcast::Sender<NodeEvent>,
    pub(super) endpoint: Endpoint,
    /// Pushes under way, per (peer, group or document); `true` when more changed since the
    /// push started.
    pub(super) pushing: Mutex<HashMap<(DeviceId, Subject), bool>>,
    /// Groups and documents whose received news waits to be passed on ([`FORWARD_AFTER`]).
    pub(super) forwarding: Mutex<std::collections::HashSet<Subject>>,
    /// Requests to join waiting on other admins' devices, per group, as they last said.
    pub(super) elsewhere: Mutex<HashMap<GroupId, Vec<Elsewhere>>>,
    /// What a node keeps in memory of shared documents (heads shared per member, presence).
    pub(super) docs: Mutex<DocSpread>,
    /// Whether local changes are pushed to members at once and received news passed on.
    pub(super) live: std::sync::atomic::AtomicBool,
    /// The app's views, as last published.
    pub(super) views: Mutex<Arc<Snapshot>>,
    /// Wakes the view builder when the local state changed.
    pub(super) rebuild: Arc<tokio::sync::Notify>,
    /// Set by shutdown: the view builder stops.
    pub(super) stopping: std::sync::atomic::AtomicBool,
    /// The view builder, awaited by shutdown.
    pub(super) view_builder: Mutex<Option<tokio::task::JoinHandle<()>>>,
    /// Connections this device opened for group sync, kept for the next sessions.
    pub(super) kept: KeptConnections,
    /// Group sync connections open now to members' devices, either way round: per device, by
    /// the connection's `stable_id`, whether it goes through a relay. What the snapshot's
    /// `PeerStatus::connections` counts (see [`Shared::connected`]).
    pub(super) open: Mutex<HashMap<DeviceId, HashMap<usize, bool>>>,
    /// What other devices may hold of this one at once (connections, memory for frames).
    pub(super) gate: Arc<crate::protocols::limits::Gate>,
    /// What was refused to other devices since the node started.
    pub(crate) tally: crate::protocols::tally::Tally,
    /// The self-hosted relay this node was told to use: named in its address (and so in its
    /// invites), and tried for members whose relay is not known, from the start, before
    /// the endpoint has reached it.
    pub(super) relay: Option<iroh::RelayUrl>,
    /// The bytes of files, and what is under way with them.
    pub(crate) files: crate::files::Files,
    /// Wakes the fetcher (a file asked for, or attached).
    pub(super) files_wake: Arc<tokio::sync::Notify>,
    /// Pictures decoded at once: memory for pictures stays within this many times the most
    /// one decode may take (`files::media::MAX_DECODE_BYTES`), however many are asked for.
    pub(super) decoding: tokio::sync::Semaphore,
}

impl Shared {
    /// Runs `f` on the local state. Keep `f` short: it holds the lock.
    pub(crate) fn with_local<R>(
        &self,
        f: impl FnOnce(&mut LocalNode) -> R,
    ) -> Result<R, SyncError> {
        let mut guard = self
            .local
            .write()
            .map_err(|_| SyncError::Internal("the local state lock was poisoned".into()))?;
        let out = f(&mut guard);
        if guard.is_dirty() {
            self.rebuild.notify_one();
        }
        Ok(out)
    }

    /// iroh's address for dialing `peer`. A device whose relay is not known may still be
    /// reached through this device's own relay: with one self-hosted relay, as Dara's group
    /// uses, every member's device is there, and a dial that knows it need not wait for an
    /// address lookup that cannot answer (none reaches the internet there).
    pub(crate) fn dial_addr(&self, peer: &PeerAddress) -> Result<EndpointAddr, SyncError> {
        let mut addr = peer.to_iroh()?;
        if addr.relay_urls().next().is_none()
            && let Some(own) = self
                .relay
                .clone()
                .or_else(|| self.endpoint.addr().relay_urls().next().cloned())
        {
            addr = addr.with_relay_url(own);
        }
        Ok(addr)
    }

    /// Runs `f` on the local state without changing it; other readers run at the same time.
    pub(crate) fn read_local<R>(&self, f: impl FnOnce(&LocalNode) -> R) -> Result<R, SyncError> {
        let guard = self
            .local
            .read()
            .map_err(|_| SyncError::Internal("the local state lock was poisoned".into()))?;
        Ok(f(&guard))
    }

    pub(crate) fn notify(&self, group: GroupId) {
        // Nobody listening is fine.
        let _ = self.events.send(NodeEvent::GroupChanged(group));
    }
}

impl Host for Shared {
    fn read_local<R>(&self, f: impl FnOnce(&LocalNode) -> R) -> Result<R, SyncError> {
        Shared::read_local(self, f)
    }

    fn with_local<R>(&self, f: impl FnOnce(&mut LocalNode) -> R) -> Result<R, SyncError> {
        Shared::with_local(self, f)
    }

    fn gate(&self) -> &Arc<Gate> {
        &self.gate
    }

    fn tally(&self) -> &Tally {
        &self.tally
    }

    fn kept(&self) -> &KeptConnections {
        &self.kept
    }

    fn group_changed(&self, group: GroupId) {
        self.notify(group);
    }

    fn changed_here(self: &Arc<Self>, group: GroupId) {
        self.notify(group);
        self.push(group);
    }

    fn took_in(self: &Arc<Self>, from: DeviceId, group: GroupId, report: &IngestReport) {
        self.refused_changes(from, group, report);
        if !report.accepted.is_empty() || report.revocations_changed {
            self.notify(group);
        }
        if !report.accepted.is_empty() {
            self.forward(group, from);
            self.fetch_new_documents(group, from);
        }
    }

    fn took_in_doc(
        self: &Arc<Self>,
        from: DeviceId,
        group: GroupId,
        doc: causeway_core::DocId,
        report: &causeway_core::docs::DocIngestReport,
    ) {
        self.took_in_document(from, group, doc, report);
    }

    fn presence(
        self: &Arc<Self>,
        from: DeviceId,
        group: GroupId,
        doc: causeway_core::DocId,
        cursor: Option<u32>,
        heads: Vec<causeway_core::ChangeHash>,
    ) {
        self.took_presence(from, group, doc, cursor, heads);
    }

    fn receiving(&self, group: GroupId, progress: Option<(usize, usize)>) {
        self.publish(|s| s.activity.entry(group).or_default().receiving = progress);
    }

    fn reached(&self, peer: DeviceId, relayed: bool) {
        Shared::reached(self, peer, relayed);
    }

    fn connected(self: &Arc<Self>, conn: &iroh::endpoint::Connection) {
        Shared::connected(self, conn);
    }
}

/// What a node keeps in memory of shared documents: the heads each member and this device
/// had in common at the end of their last session about a document (kept on disk too after
/// a full session), and who has which document open.
#[derive(Debug, Default)]
pub(crate) struct DocSpread {
    /// Heads shared with a member at the end of the last session about a document.
    pub(super) shared: HashMap<(DeviceId, causeway_core::DocId), Vec<causeway_core::ChangeHash>>,
    /// Who has which document open, and where their cursor is (a position in the text at
    /// the heads they sent), with when they said so. In memory only.
    pub(super) presence: HashMap<causeway_core::DocId, HashMap<DeviceId, Here>>,
    /// Documents whose changes from a member wait for group changes this device lacks: the
    /// group is being fetched from that member, then the document again; `true` when more
    /// such changes came meanwhile.
    pub(super) catching_up: HashMap<(DeviceId, causeway_core::DocId), bool>,
}

/// A request to join waiting on another admin's device, as this one keeps it
/// (`node::requests`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Elsewhere {
    /// The device it waits on (whose invite was used).
    pub(crate) holder: DeviceId,
    /// The request.
    pub(crate) request: crate::protocols::requests::Waiting,
}

/// Someone who has a document open: where their cursor is (a position at `heads`), and when
/// they said so.
#[derive(Clone, Debug)]
pub(crate) struct Here {
    pub(super) cursor: u32,
    pub(super) heads: Vec<causeway_core::ChangeHash>,
    pub(super) at: std::time::Instant,
}

/// What a push or a passing-on is about: a group, or one of its documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Subject {
    /// A group's own history.
    Group(GroupId),
    /// A shared document of a group.
    Doc(GroupId, causeway_core::DocId),
}

impl Subject {
    pub(super) fn group(self) -> GroupId {
        match self {
            Subject::Group(g) | Subject::Doc(g, _) => g,
        }
    }
}
