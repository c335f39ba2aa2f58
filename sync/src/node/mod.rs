//! The running node: this device's iroh endpoint, its protocol handlers, and the local state,
//! behind one cheap-to-clone handle. The app and the command line use only this handle and core
//! types; no iroh type crosses it.

mod blocks;
mod doc_view;
mod docs;
mod endpoint;
mod files;
mod follow;
mod leave;
mod reports;
mod requests;
mod shared;
mod spread;
mod views_task;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use causeway_core::{CoreError, DeviceId, GroupId, Problem};
use iroh::protocol::Router;
use tokio::sync::broadcast;
use tracing::{debug, info, warn};

pub use crate::address::{Network, NetworkSettings, PeerAddress, Relay};
use crate::error::{SyncError, SyncProblem};
use crate::identity::endpoint_secret;
use crate::invites::Ticket;
use crate::local::{LocalNode, Ports};
use crate::protocols::group_sync::{self, GroupSyncHandler, SyncOutcome};
use crate::protocols::join::{self, JoinHandler};
use crate::views::Snapshot;
pub use doc_view::{DocView, DocWatch, Published};
use endpoint::bind;
pub(crate) use shared::Shared;
use views_task::{spawn_relay_watch, spawn_view_builder};

/// How long stopping a node may spend compacting group stores (see
/// [`LocalNode::compact_logged`]); groups left then replay their logs at the next start.
const SHUTDOWN_COMPACTION: std::time::Duration = std::time::Duration::from_secs(5);

/// Something the app may want to redraw for.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NodeEvent {
    /// New changes were accepted into a group (or decisions about old ones changed).
    GroupChanged(GroupId),
    /// A new [`Snapshot`] of what the app shows was published.
    ViewsPublished,
    /// A request submitted in the background was answered.
    Answered(u64),
    /// New changes of a shared document of a group were accepted.
    DocumentChanged(GroupId, causeway_core::DocId),
    /// A new view of a document an editor watches was published ([`Node::watch_document`]).
    DocumentViewed(GroupId, causeway_core::DocId),
    /// A picture the app asked for was decoded ([`crate::control::BlockingNode::picture`]).
    PictureDecoded,
}

/// One member's part in a round with every member ([`Node::sync_round`]).
#[derive(Debug)]
#[non_exhaustive]
pub struct MemberRound {
    /// The member's device.
    pub member: DeviceId,
    /// The name the member goes by in the first group shared with them (may be empty).
    pub name: String,
    /// What happened: the check and the sessions, or why the member was not reached.
    pub result: Result<PeerRound, SyncError>,
}

/// One sync round with a member's device over all the groups both hold: a check of every
/// group in one round trip, then a session for each group that differs.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct PeerRound {
    /// Groups asked about.
    pub checked: usize,
    /// Of those, groups that were already the same on both devices.
    pub same: usize,
    /// The sessions run, per group.
    pub sessions: Vec<(GroupId, Result<SyncOutcome, SyncError>)>,
    /// Bytes written to the round's streams (check and sessions).
    pub bytes_sent: u64,
    /// Bytes read from them.
    pub bytes_received: u64,
    /// UDP bytes sent on the connection (a new connection's handshake included).
    pub udp_sent: u64,
    /// UDP bytes received on the connection.
    pub udp_received: u64,
}

/// A running node. Clone it freely; every clone is the same node.
#[derive(Clone, Debug)]
pub struct Node {
    shared: Arc<Shared>,
    router: Router,
}

/// How long a node is meant to run, which decides its ports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Lifetime {
    /// It serves other devices (`causeway node`, the window): it binds the ports it bound
    /// last time, so that members who know only where it was find it again.
    Serving,
    /// One command, then it exits (`causeway post`, `causeway sync`): any free ports, not
    /// remembered. A process that comes and goes on the serving node's ports would be
    /// mistaken for it by members that hold connections to it.
    Brief,
}

impl Node {
    /// Starts the endpoint (keyed by the device key) and serves every protocol, on the ports
    /// of its last start ([`Lifetime::Serving`]).
    pub async fn start(local: LocalNode, network: Network) -> Result<Node, SyncError> {
        Self::start_for(local, network, Lifetime::Serving).await
    }

    /// Starts a node meant to run for `lifetime`.
    pub async fn start_for(
        local: LocalNode,
        network: Network,
        lifetime: Lifetime,
    ) -> Result<Node, SyncError> {
        let secret = {
            // The key is read once to build the endpoint; only its public half is logged.
            let key = local.device_key();
            endpoint_secret(key)
        };
        let mut local = local;
        // The ports bound last time, so that members who know only where this device was
        // find it again; fresh ones when those are taken now.
        let last = match lifetime {
            Lifetime::Serving => local.last_ports(),
            Lifetime::Brief => Ports::default(),
        };
        let mut tries = vec![last];
        if last.ipv6.is_some() {
            tries.push(Ports { ipv6: None, ..last });
        }
        if last != Ports::default() {
            tries.push(Ports::default());
        }
        let mut endpoint = Err(SyncError::Internal("no way to bind".into()));
        for ports in tries {
            endpoint = bind(&network, secret.clone(), ports).await;
            match &endpoint {
                Ok(_) => break,
                Err(e) => debug!(?ports, error = %e, "could not bind these ports"),
            }
        }
        let endpoint = endpoint?;
        let bound = endpoint.bound_sockets();
        let port = |v4: bool| {
            bound
                .iter()
                .find(|a| a.is_ipv4() == v4)
                .map(SocketAddr::port)
        };
        let (ipv4, ipv6) = (port(true), port(false));
        let moved =
            |asked: Option<u16>, got: Option<u16>| asked.is_some() && got.is_some() && asked != got;
        if moved(last.ipv4, ipv4) || moved(last.ipv6, ipv6) {
            info!(
                ?last,
                ?ipv4,
                ?ipv6,
                "the ports of the last start were taken; members who know only the old address will find this device again through discovery or its next session with them"
            );
        }
        // A mode that binds one family only (loopback) keeps what the other had.
        let now_bound = Ports {
            ipv4: ipv4.or(last.ipv4),
            ipv6: ipv6.or(last.ipv6),
        };
        if lifetime == Lifetime::Serving
            && now_bound != last
            && let Err(e) = local.set_last_ports(now_bound)
        {
            warn!(error = %e, "the ports bound were not remembered");
        }
        let files = crate::files::Files::open(local.data_dir()).await?;
        let (events, _) = broadcast::channel(256);
        let shared = Arc::new(Shared {
            local: std::sync::RwLock::new(local),
            events,
            endpoint: endpoint.clone(),
            pushing: Mutex::new(HashMap::new()),
            forwarding: Mutex::new(std::collections::HashSet::new()),
            elsewhere: Mutex::new(HashMap::new()),
            docs: Mutex::default(),
            live: std::sync::atomic::AtomicBool::new(true),
            views: Mutex::new(Arc::new(Snapshot {
                running: crate::views::RunningNetwork {
                    mode: Some(network.clone()),
                    home_relays: Vec::new(),
                },
                ..Snapshot::default()
            })),
            rebuild: Arc::new(tokio::sync::Notify::new()),
            stopping: std::sync::atomic::AtomicBool::new(false),
            view_builder: Mutex::new(None),
            kept: Default::default(),
            open: Mutex::new(HashMap::new()),
            gate: Arc::default(),
            tally: crate::protocols::tally::Tally::default(),
            relay: match &network {
                Network::Internet {
                    relay: Relay::Custom(url),
                    ..
                } => url.parse().ok(),
                _ => None,
            },
            files,
            files_wake: Arc::new(tokio::sync::Notify::new()),
            decoding: tokio::sync::Semaphore::new(files::DECODING_AT_ONCE),
        });
        let builder = spawn_view_builder(&shared);
        if let Ok(mut slot) = shared.view_builder.lock() {
            *slot = Some(builder);
        }
        spawn_relay_watch(&shared);
        follow::spawn_profile_follower(&shared);
        files::spawn_fetcher(&shared);
        let blobs = iroh_blobs::BlobsProtocol::new(
            shared.files.store(),
            Some(crate::protocols::files::gate(Arc::downgrade(&shared))),
        );
        // A node that holds all the connections it takes refuses more before their handshake.
        let gate = shared.gate.clone();
        let router = Router::builder(endpoint)
            .incoming_filter(Arc::new(move |_| {
                if gate.full() {
                    iroh::protocol::IncomingFilterOutcome::Reject
                } else {
                    iroh::protocol::IncomingFilterOutcome::Accept
                }
            }))
            .accept(
                group_sync::ALPN,
                GroupSyncHandler {
                    shared: shared.clone(),
                },
            )
            .accept(
                join::ALPN,
                JoinHandler {
                    shared: shared.clone(),
                },
            )
            .accept(
                crate::protocols::report::ALPN,
                crate::protocols::report::ReportHandler {
                    shared: shared.clone(),
                },
            )
            .accept(
                crate::protocols::requests::ALPN,
                crate::protocols::requests::RequestsHandler {
                    shared: shared.clone(),
                },
            )
            .accept(crate::protocols::files::ALPN, blobs)
            .spawn();
        let node = Node { shared, router };
        info!(device = %node.device_id().fmt_short(), addrs = ?node.address().direct, "node started");
        Ok(node)
    }

    /// This device's id.
    pub fn device_id(&self) -> DeviceId {
        DeviceId::from_bytes(*self.router.endpoint().id().as_bytes())
    }

    /// Waits until the node is reachable through its relay (when it uses one), bounded by the
    /// caller.
    pub async fn online(&self) {
        self.router.endpoint().online().await;
    }

    /// Where this node can be reached now.
    pub fn address(&self) -> PeerAddress {
        let ep = self.router.endpoint();
        let mut direct: Vec<SocketAddr> = ep.addr().ip_addrs().copied().collect();
        if direct.is_empty() {
            direct = ep.bound_sockets();
        }
        let relay = ep
            .addr()
            .relay_urls()
            .next()
            .map(ToString::to_string)
            .or_else(|| self.shared.relay.as_ref().map(ToString::to_string));
        PeerAddress {
            id: self.device_id(),
            direct,
            relay,
        }
    }

    /// What this node refused other devices since it started.
    pub fn refusals(&self) -> crate::protocols::tally::Refusals {
        self.shared.tally.counts()
    }

    /// Connections other devices hold to this node now: from members' devices, from
    /// strangers, and for joining.
    pub fn connections(&self) -> [usize; 3] {
        self.shared.gate.connections()
    }

    /// Announces that a picture asked for was decoded.
    pub(crate) fn decoded(&self) {
        let _ = self.shared.events.send(NodeEvent::PictureDecoded);
    }

    /// Announces that a background request was answered.
    pub(crate) fn answered(&self, request: u64) {
        let _ = self.shared.events.send(NodeEvent::Answered(request));
    }

    /// What the app shows, as last published (one pointer copy; never blocks on Automerge work).
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.shared.snapshot()
    }

    /// Runs `f` on the local state (groups, profile, local actions). Keep it short. Other
    /// crates use the named methods ([`Node::act`], [`Node::snapshot`], the control requests);
    /// tests and benchmarks reach the state with [`Node::local_state`].
    pub(crate) fn local<R>(&self, f: impl FnOnce(&mut LocalNode) -> R) -> Result<R, SyncError> {
        self.shared.with_local(f)
    }

    /// Runs `f` on the local state, for tests and benchmarks that set up or inspect what a
    /// person could not reach directly (feature `test-utils`).
    #[cfg(feature = "test-utils")]
    pub fn local_state<R>(&self, f: impl FnOnce(&mut LocalNode) -> R) -> Result<R, SyncError> {
        self.local(f)
    }

    /// Turns live pushes on or off (on by default). A one-shot command turns them off: its
    /// changes reach others at the next sync instead of from a process about to exit.
    pub fn set_live(&self, live: bool) {
        self.shared
            .live
            .store(live, std::sync::atomic::Ordering::Relaxed);
    }

    /// Keeps every group in sync in the background: every `every`, one round with each member
    /// that is due, all of them at once. A member that could not be reached is tried again after 2×, 4×, ... the
    /// period, at most 15 minutes later, so a device that comes back (restart, new network,
    /// wake from sleep) is found again without anyone doing anything.
    pub fn spawn_background_sync(&self, every: std::time::Duration) {
        let shared = self.shared.clone();
        tokio::spawn(async move {
            let mut backoff: HashMap<DeviceId, (tokio::time::Instant, std::time::Duration)> =
                HashMap::new();
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tick.tick().await;
                // Per member device, every group shared with it: one round each.
                let Ok(plan) = shared.with_local(|n| {
                    let mut plan: std::collections::BTreeMap<DeviceId, Vec<GroupId>> =
                        std::collections::BTreeMap::new();
                    for id in n.groups().map(|g| g.id()) {
                        for p in n.sync_partners(&id) {
                            plan.entry(p).or_default().push(id);
                        }
                    }
                    plan
                }) else {
                    return;
                };
                // Connections are kept to members' devices only: a device that is no longer
                // a member of any group held here loses its kept connection.
                shared.kept.retain(|p| plan.contains_key(p));
                // Every member that is due at once: one that does not answer costs the
                // others nothing.
                let now = tokio::time::Instant::now();
                let mut rounds = tokio::task::JoinSet::new();
                for (peer, groups) in plan {
                    if backoff.get(&peer).is_some_and(|(next, _)| *next > now) {
                        continue;
                    }
                    let Ok(addr) = shared.read_local(|n| n.address_of(peer)) else {
                        return;
                    };
                    let shared = shared.clone();
                    rounds.spawn(async move { (peer, shared.sync_peer(&addr, &groups).await) });
                }
                while let Some(ended) = rounds.join_next().await {
                    let Ok((peer, result)) = ended else { continue };
                    match result {
                        Ok(_) => {
                            backoff.remove(&peer);
                        }
                        Err(e) => {
                            let wait = backoff.get(&peer).map_or(every * 2, |(_, w)| {
                                (*w * 2).min(std::time::Duration::from_secs(900))
                            });
                            debug!(peer = %peer.fmt_short(), error = %e, ?wait, "member not reachable; will retry");
                            backoff.insert(peer, (tokio::time::Instant::now() + wait, wait));
                        }
                    }
                }
                // Reports waiting for a moderator's device go with every round, and an
                // admin's device learns the requests to join waiting on the others'.
                shared.clone().deliver_reports().await;
                shared.fetch_all_requests().await;
            }
        });
    }

    /// One sync round with the device at `peer` over `groups` (see [`PeerRound`]).
    pub async fn sync_peer(
        &self,
        peer: &PeerAddress,
        groups: &[GroupId],
    ) -> Result<PeerRound, SyncError> {
        self.shared.sync_peer(peer, groups).await
    }

    /// Listens for changes worth a redraw.
    pub fn subscribe(&self) -> broadcast::Receiver<NodeEvent> {
        self.shared.events.subscribe()
    }

    /// One sync session for `group` with the device at `peer`.
    pub async fn sync_group(
        &self,
        group: GroupId,
        peer: &PeerAddress,
    ) -> Result<SyncOutcome, SyncError> {
        self.shared.sync_with(group, peer, false).await
    }

    /// Tells the app and the members of `group` this device reaches about news that came
    /// other than from one of them (a bundle): of the group itself (`group_news`), and of
    /// these documents.
    pub(crate) fn spread_news(
        &self,
        group: GroupId,
        group_news: bool,
        docs: &[causeway_core::DocId],
    ) {
        if group_news {
            self.shared.notify(group);
            self.shared.push(group);
        }
        for doc in docs {
            let _ = self
                .shared
                .events
                .send(NodeEvent::DocumentChanged(group, *doc));
            self.shared.push_doc(group, *doc);
        }
    }

    /// Runs a local action on a group, stores it, and pushes it to the other members at once.
    pub fn act(
        &self,
        group: GroupId,
        action: impl FnOnce(
            &mut causeway_core::Group,
            causeway_core::Timestamp,
        ) -> Result<causeway_core::LocalChange, causeway_core::CoreError>,
    ) -> Result<causeway_core::LocalChange, SyncError> {
        let change = self.local(|n| n.act(&group, action))??;
        self.shared.notify(group);
        self.shared.push(group);
        Ok(change)
    }

    /// Removes a member from `group` (admins), cutting their right to edit each of the
    /// group's documents at the heads this device has of it, and pushes the news.
    pub fn remove_member(
        &self,
        group: GroupId,
        who: DeviceId,
        reason: &str,
    ) -> Result<causeway_core::LocalChange, SyncError> {
        let change = self.local(|n| n.remove_member_cutting(&group, who, reason))??;
        self.shared.notify(group);
        self.shared.push(group);
        Ok(change)
    }

    /// Leaves `group`, cutting this device's right to edit its documents at the heads it has,
    /// and pushes the news.
    pub fn leave_group(&self, group: GroupId) -> Result<causeway_core::LocalChange, SyncError> {
        let change = self.local(|n| n.leave_cutting(&group))??;
        self.shared.notify(group);
        self.shared.push(group);
        Ok(change)
    }

    /// Tells the views and the group's members that a document of `group` changed.
    pub(crate) fn documents_changed(&self, group: GroupId, doc: causeway_core::DocId) {
        self.shared.notify(group);
        self.shared.push(group);
        self.shared.push_doc(group, doc);
    }

    /// [`Node::act`] for an action that may make several changes (a pin that first upgrades
    /// the group): all are stored, then pushed together.
    pub fn act_all(
        &self,
        group: GroupId,
        action: impl FnOnce(
            &mut causeway_core::Group,
            causeway_core::Timestamp,
        )
            -> Result<Vec<causeway_core::LocalChange>, causeway_core::CoreError>,
    ) -> Result<Vec<causeway_core::LocalChange>, SyncError> {
        let changes = self.local(|n| n.act_all(&group, action))??;
        self.shared.notify(group);
        self.shared.push(group);
        Ok(changes)
    }

    /// Carries the profile (the name, the bio) into `group`, or into every group after the
    /// profile changed (`None`), and pushes what was written.
    pub(crate) fn follow_profile(&self, group: Option<GroupId>) {
        self.shared.follow_profile(group);
    }

    /// Issues an invite to `group` (admins): the ticket text to give to the person invited.
    pub fn create_invite(
        &self,
        group: GroupId,
        max_uses: Option<u32>,
        expires_at: Option<causeway_core::Timestamp>,
    ) -> Result<String, SyncError> {
        let (secret, inviter_name, group_name) = self.local(|n| {
            let secret = n.create_invite(&group, max_uses, expires_at)?;
            let group_name = n
                .group(&group)
                .and_then(|g| g.info())
                .map(|i| i.name)
                .unwrap_or_default();
            Ok::<_, SyncError>((secret, n.profile().display_name.clone(), group_name))
        })??;
        Ok(Ticket {
            group,
            inviter: self.address(),
            secret,
            expires_at,
            inviter_name,
            group_name,
        }
        .to_text())
    }

    /// The text of an invite this device issued and that still works (`secret` in hex), to
    /// share it again; it carries this device's address as it is now.
    pub fn invite_text(&self, group: GroupId, secret: &str) -> Result<String, SyncError> {
        let (invite, inviter_name, group_name) = self.local(|n| {
            let invite = n
                .invites(&group)
                .into_iter()
                .find(|i| i.secret == secret && i.is_open(crate::now()));
            let group_name = n
                .group(&group)
                .and_then(|g| g.info())
                .map(|i| i.name)
                .unwrap_or_default();
            (invite, n.profile().display_name.clone(), group_name)
        })?;
        let unknown = || SyncError::NotPermitted(SyncProblem::UnknownInvite);
        let invite = invite.ok_or_else(unknown)?;
        let secret: [u8; 16] = hex::decode(&invite.secret)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or_else(unknown)?;
        Ok(Ticket {
            group,
            inviter: self.address(),
            secret,
            expires_at: invite.expires_at.map(causeway_core::Timestamp),
            inviter_name,
            group_name,
        }
        .to_text())
    }

    /// Withdraws an invite given its ticket text. Returns false if it was not issued here.
    pub fn revoke_invite(&self, ticket: &str) -> Result<bool, SyncError> {
        let t = Ticket::parse(ticket)?;
        self.withdraw_invite(t.group, &t.secret)
    }

    /// Withdraws an invite this device issued, by its secret; the log entry (where the group
    /// keeps a log) is pushed to the members.
    pub fn withdraw_invite(&self, group: GroupId, secret: &[u8; 16]) -> Result<bool, SyncError> {
        let revoked = self.local(|n| n.revoke_invite(&group, secret))??;
        if revoked {
            self.shared.notify(group);
            self.shared.push(group);
        }
        Ok(revoked)
    }

    /// Joins a group with an invite: asks the inviting device to add this one, then receives
    /// the group. `Ok(None)`: the group asks an admin to approve first; sync later.
    pub async fn join(&self, ticket: &str) -> Result<(GroupId, Option<SyncOutcome>), SyncError> {
        let t = Ticket::parse(ticket)?;
        let name = self.local(|n| n.profile().display_name.clone())?;
        if name.trim().is_empty() {
            return Err(CoreError::InvalidInput(Problem::NameBeforeJoining).into());
        }
        self.local(|n| n.prepare_join(t.group, t.inviter.id))??;
        self.local(|n| n.remember_address(&t.inviter))??;
        let joined = join::request(
            self.router.endpoint(),
            t.inviter.to_iroh()?,
            t.group,
            t.secret,
            &name,
        )
        .await?;
        if !joined {
            return Ok((t.group, None));
        }
        let outcome = self.sync_group(t.group, &t.inviter).await?;
        Ok((t.group, Some(outcome)))
    }

    /// One sync round for `group` with every other member whose address this device knows
    /// (see [`Node::sync_round`]). Returns, per member, what happened in that group: a group
    /// found the same on both devices counts as a session that exchanged nothing.
    pub async fn sync_members(
        &self,
        group: GroupId,
    ) -> Result<Vec<(DeviceId, Result<SyncOutcome, SyncError>)>, SyncError> {
        let rounds = self
            .sync_round(Some(group), crate::protocols::group_sync::IDLE * 2, |_| {})
            .await?;
        Ok(rounds
            .into_iter()
            .map(|m| {
                let outcome = m.result.and_then(|mut r| {
                    r.sessions
                        .pop()
                        .map_or(Ok(SyncOutcome::default()), |(_, o)| o)
                });
                (m.member, outcome)
            })
            .collect())
    }

    /// One sync round with every other member of `group` (or of all groups) whose device
    /// this device can try to reach: all members at once, each with one check over the
    /// groups shared with them and sessions where those differ. `each` hears every member's
    /// outcome as it ends; members still under way after `within` are given up and reported
    /// as not reached. Returns every member's outcome, in the order they ended.
    pub async fn sync_round(
        &self,
        group: Option<GroupId>,
        within: std::time::Duration,
        mut each: impl FnMut(&MemberRound),
    ) -> Result<Vec<MemberRound>, SyncError> {
        let plan = self.local(|n| {
            let groups: Vec<GroupId> = match group {
                Some(g) => n
                    .group(&g)
                    .map(|_| vec![g])
                    .ok_or(SyncError::UnknownGroup(g))?,
                None => n.groups().map(|g| g.id()).collect(),
            };
            let mut plan: std::collections::BTreeMap<DeviceId, (String, Vec<GroupId>)> =
                std::collections::BTreeMap::new();
            for id in groups {
                for p in n.sync_partners(&id) {
                    let name = n
                        .group(&id)
                        .and_then(|g| g.member_name(p))
                        .unwrap_or_default();
                    let entry = plan.entry(p).or_insert_with(|| (name, Vec::new()));
                    entry.1.push(id);
                }
            }
            let addrs: Vec<(DeviceId, String, Vec<GroupId>, PeerAddress)> = plan
                .into_iter()
                .map(|(p, (name, groups))| (p, name, groups, n.address_of(p)))
                .collect();
            Ok::<_, SyncError>(addrs)
        })??;
        let deadline = tokio::time::Instant::now() + within;
        let mut running = tokio::task::JoinSet::new();
        let mut names = HashMap::new();
        for (member, name, groups, addr) in plan {
            names.insert(member, name.clone());
            let shared = self.shared.clone();
            running.spawn(async move {
                let result = shared.sync_peer(&addr, &groups).await;
                MemberRound {
                    member,
                    name,
                    result,
                }
            });
        }
        let mut ended = Vec::new();
        loop {
            tokio::select! {
                next = running.join_next() => match next {
                    None => break,
                    Some(Ok(m)) => {
                        names.remove(&m.member);
                        each(&m);
                        ended.push(m);
                    }
                    // A task that panicked: its member is reported below as not reached.
                    Some(Err(e)) => warn!(error = %e, "a member's round ended abnormally"),
                },
                () = tokio::time::sleep_until(deadline) => {
                    running.abort_all();
                    break;
                }
            }
        }
        for (member, name) in names {
            let m = MemberRound {
                member,
                name,
                result: Err(SyncError::Unreachable(format!(
                    "it did not answer within {} s",
                    within.as_secs()
                ))),
            };
            each(&m);
            ended.push(m);
        }
        Ok(ended)
    }

    /// Stops serving and closes the endpoint.
    pub async fn shutdown(&self) {
        let _ = self.router.shutdown().await;
        // Let a build under way finish (it holds the state, and with it the data folder's lock).
        self.shared
            .stopping
            .store(true, std::sync::atomic::Ordering::Release);
        self.shared.rebuild.notify_one();
        let builder = self
            .shared
            .view_builder
            .lock()
            .ok()
            .and_then(|mut b| b.take());
        if let Some(builder) = builder {
            let _ = builder.await;
        }
        // Fold the logs into snapshots, so that the next start loads saved documents and
        // ledgers instead of replaying every change logged since the last compaction.
        let shared = Arc::clone(&self.shared);
        let started = std::time::Instant::now();
        let compacted = tokio::task::spawn_blocking(move || {
            shared.with_local(|l| l.compact_logged(SHUTDOWN_COMPACTION))
        })
        .await;
        if let Ok(Ok(groups)) = compacted
            && groups > 0
        {
            info!(groups, took = ?started.elapsed(), "group stores compacted for the next start");
        }
        self.shared.files.shutdown().await;
    }
}
