//! The running node: this device's iroh endpoint, its protocol handlers, and the local state,
//! behind one cheap-to-clone handle. The app and the command line use only this handle and core
//! types; no iroh type crosses it.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use causeway_core::{DeviceId, GroupId, IngestReport};
use iroh::endpoint::{PortmapperConfig, presets};
use iroh::protocol::Router;
use iroh::{Endpoint, EndpointAddr, NetReportConfig, RelayMode};
use tokio::sync::broadcast;
use tracing::{debug, info, warn};

use crate::error::SyncError;
use crate::identity::endpoint_secret;
use crate::invites::Ticket;
use crate::local::{LocalNode, Ports, now};
use crate::protocols::group_sync::{self, GroupSyncHandler, SyncOutcome};
use crate::protocols::join::{self, JoinHandler};
use crate::views::{GroupView, PeerStatus, Snapshot};

/// How the node reaches other devices.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Network {
    /// Only this machine (127.0.0.1), no relay, no address lookup: tests and demos. Nothing
    /// leaves the machine.
    Loopback,
    /// The local network and the internet: iroh's address lookup (and, when `lan_discovery`
    /// is on, mDNS on the local network, so a workshop with no internet works), with relays as
    /// a fallback.
    Internet {
        /// Which relays to fall back on.
        relay: Relay,
        /// Find members' devices on the local network (mDNS).
        lan_discovery: bool,
    },
    /// Tests only: 127.0.0.1 and a relay server started by the test (its self-signed
    /// certificate is accepted). Nothing leaves the machine.
    #[cfg(feature = "test-relay")]
    TestRelay(String),
    /// Tests only: bound to this address (say, one in a network namespace), no relay, no
    /// address lookup.
    #[cfg(feature = "test-relay")]
    Bound(SocketAddr),
}

/// Relays a node may fall back on when no direct path works.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Relay {
    /// iroh's public relays.
    Default,
    /// None: direct connections only.
    Disabled,
    /// A self-hosted relay, by URL.
    Custom(String),
}

/// How this device reaches others, as the person chose in the settings (`network.json`).
/// Command-line options override it for one run.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct NetworkSettings {
    /// Which relays to fall back on.
    pub relay: Relay,
    /// Find members' devices on the local network (mDNS).
    pub lan_discovery: bool,
}

impl Default for NetworkSettings {
    fn default() -> Self {
        NetworkSettings {
            relay: Relay::Default,
            lan_discovery: true,
        }
    }
}

impl NetworkSettings {
    /// Checks a self-hosted relay's address.
    pub fn validate(&self) -> Result<(), SyncError> {
        if let Relay::Custom(url) = &self.relay {
            url.parse::<iroh::RelayUrl>().map_err(|_| {
                SyncError::NotPermitted(format!(
                    "{url:?} is not a relay address; it looks like https://relay.example.org"
                ))
            })?;
        }
        Ok(())
    }

    /// The network mode these settings describe.
    pub fn network(&self) -> Network {
        Network::Internet {
            relay: self.relay.clone(),
            lan_discovery: self.lan_discovery,
        }
    }
}

/// An endpoint bound to `addr` on 127.0.0.1 only, with no address lookup and no port
/// mapping: nothing it sends leaves the machine (besides, at most, the given relay's own
/// loopback address).
fn loopback_builder(
    relay: RelayMode,
    addr: SocketAddr,
) -> Result<iroh::endpoint::Builder, SyncError> {
    bound_builder(relay, addr)
}

/// An endpoint bound to `addr` only, with no address lookup and no port mapping.
fn bound_builder(relay: RelayMode, addr: SocketAddr) -> Result<iroh::endpoint::Builder, SyncError> {
    Endpoint::builder(presets::Minimal)
        .relay_mode(relay)
        .portmapper_config(PortmapperConfig::Disabled)
        .transport_config(crate::protocols::limits::transport())
        .clear_ip_transports()
        .bind_addr(addr)
        .map_err(|e| SyncError::Unreachable(e.to_string()))
}

/// Binds the endpoint for `network` on `ports` (any free port where `None`).
async fn bind(
    network: &Network,
    secret: iroh::SecretKey,
    ports: Ports,
) -> Result<Endpoint, SyncError> {
    let v4 = |ip: [u8; 4]| SocketAddr::from((ip, ports.ipv4.unwrap_or(0)));
    let bound = match network {
        Network::Loopback => {
            loopback_builder(RelayMode::Disabled, v4([127, 0, 0, 1]))?
                .net_report_config(NetReportConfig::minimal())
                .secret_key(secret)
                .bind()
                .await
        }
        #[cfg(feature = "test-relay")]
        Network::Bound(addr) => {
            bound_builder(RelayMode::Disabled, *addr)?
                .net_report_config(NetReportConfig::minimal())
                .secret_key(secret)
                .bind()
                .await
        }
        #[cfg(feature = "test-relay")]
        Network::TestRelay(url) => {
            let url: iroh::RelayUrl = url
                .parse()
                .map_err(|_| SyncError::NotPermitted("bad relay url".into()))?;
            loopback_builder(
                RelayMode::Custom(iroh::RelayMap::from(url)),
                v4([127, 0, 0, 1]),
            )?
            .ca_tls_config(iroh::tls::CaTlsConfig::insecure_skip_verify())
            .secret_key(secret)
            .bind()
            .await
        }
        Network::Internet {
            relay,
            lan_discovery,
        } => {
            let mut builder = match relay {
                Relay::Default => Endpoint::builder(presets::N0),
                Relay::Disabled => Endpoint::builder(presets::N0DisableRelay),
                Relay::Custom(url) => {
                    let url: iroh::RelayUrl = url.parse().map_err(|_| {
                        SyncError::NotPermitted(format!(
                            "{url:?} is not a relay address; it looks like https://relay.example.org"
                        ))
                    })?;
                    Endpoint::builder(presets::N0)
                        .relay_mode(RelayMode::Custom(iroh::RelayMap::from(url)))
                }
            };
            if *lan_discovery {
                builder =
                    builder.address_lookup(iroh_mdns_address_lookup::MdnsAddressLookup::builder());
            }
            // iroh's own defaults (every interface, IPv6 where there is one), on the ports
            // asked for.
            let v6 = SocketAddr::from((std::net::Ipv6Addr::UNSPECIFIED, ports.ipv6.unwrap_or(0)));
            builder
                .clear_ip_transports()
                .bind_addr(v4([0, 0, 0, 0]))
                .and_then(|b| {
                    b.bind_addr_with_opts(
                        v6,
                        iroh::endpoint::BindOpts::default().set_is_required(ports.ipv6.is_some()),
                    )
                })
                .map_err(|e| SyncError::Unreachable(e.to_string()))?
                .transport_config(crate::protocols::limits::transport())
                .secret_key(secret)
                .bind()
                .await
        }
    };
    bound.map_err(|e| SyncError::Unreachable(format!("the network could not be started: {e}")))
}

/// Where another device can be reached. Causeway's own type: iroh's stays inside this crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeerAddress {
    /// The device's id.
    pub id: DeviceId,
    /// Direct addresses (IP and port).
    pub direct: Vec<SocketAddr>,
    /// The relay the device is reachable through, if any.
    pub relay: Option<String>,
}

impl PeerAddress {
    fn to_iroh(&self) -> Result<EndpointAddr, SyncError> {
        let key = iroh::PublicKey::from_bytes(self.id.as_bytes())
            .map_err(|_| SyncError::Unreachable("that device id is not valid".into()))?;
        let mut addr = self
            .direct
            .iter()
            .fold(EndpointAddr::new(key), |a, s| a.with_ip_addr(*s));
        if let Some(url) = self
            .relay
            .as_ref()
            .and_then(|u| u.parse::<iroh::RelayUrl>().ok())
        {
            addr = addr.with_relay_url(url);
        }
        Ok(addr)
    }
}

/// Keeps the app's views current: after every change to the local state, rebuilds what
/// changed on a blocking thread and publishes it. Changes that arrive while a build runs are
/// taken by the next one, so a burst of changes costs one or two builds, not one each.
/// The task holds the node's state only while a build runs; [`Node::shutdown`] waits for that
/// build to end, so the data folder is free once shutdown returns.
fn spawn_view_builder(shared: &Arc<Shared>) -> tokio::task::JoinHandle<()> {
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

/// The longest pause between two view builds (see [`spawn_view_builder`]).
const MAX_BUILD_PAUSE: std::time::Duration = std::time::Duration::from_millis(500);

/// How long news received from one member waits before it is passed on to the others.
/// Authors push their own changes to every member at once, so passing news on matters only for
/// members the author could not reach; waiting lets a burst of news go on together, and the
/// members who already have it answer a check (a few dozen bytes) instead of a session.
const FORWARD_AFTER: std::time::Duration = std::time::Duration::from_millis(500);

/// How a push reaches a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PushKind {
    /// A session at once: the news is this device's own, so the member lacks it.
    Session,
    /// A check first, then a session only if the member's group differs (passing news on).
    CheckFirst,
}

/// A sync connection kept for the next sessions with the same device.
#[derive(Debug)]
struct Kept {
    conn: iroh::endpoint::Connection,
    /// When a session last started on it or ended well.
    used: std::time::Instant,
    /// Held by every session running on it: a connection in use is never closed as unused,
    /// however long its session takes on a busy machine.
    lease: Arc<()>,
}

/// How long stopping a node may spend compacting group stores (see
/// [`LocalNode::compact_logged`]); groups left then replay their logs at the next start.
const SHUTDOWN_COMPACTION: std::time::Duration = std::time::Duration::from_secs(5);

/// How long a sync connection is kept after the last session that worked on it.
const KEEP_CONNECTIONS: std::time::Duration = std::time::Duration::from_secs(10);

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
}

/// State shared by the handle and the protocol handlers.
#[derive(Debug)]
pub(crate) struct Shared {
    /// The local state. Reads (view builds, answering a peer's hello or check) share it;
    /// changes take it alone.
    local: std::sync::RwLock<LocalNode>,
    events: broadcast::Sender<NodeEvent>,
    endpoint: Endpoint,
    /// Pushes under way, per (peer, group); `true` when more changed since the push started.
    pushing: Mutex<HashMap<(DeviceId, GroupId), bool>>,
    /// Groups whose received news waits to be passed on ([`FORWARD_AFTER`]).
    forwarding: Mutex<std::collections::HashSet<GroupId>>,
    /// Whether local changes are pushed to members at once and received news passed on.
    live: std::sync::atomic::AtomicBool,
    /// The app's views, as last published.
    views: Mutex<Arc<Snapshot>>,
    /// Wakes the view builder when the local state changed.
    rebuild: Arc<tokio::sync::Notify>,
    /// Set by shutdown: the view builder stops.
    stopping: std::sync::atomic::AtomicBool,
    /// The view builder, awaited by shutdown.
    view_builder: Mutex<Option<tokio::task::JoinHandle<()>>>,
    /// Connections this device opened for group sync, with when they last carried a session
    /// that worked: kept for the next sessions with the same device for a few seconds (bursts
    /// of pushes), not longer, since a device that vanished without a word is only noticed
    /// when a session on its connection goes unanswered.
    connections: Mutex<HashMap<DeviceId, Kept>>,
    /// What other devices may hold of this one at once (connections, memory for frames).
    gate: Arc<crate::protocols::limits::Gate>,
    /// What was refused to other devices since the node started.
    tally: crate::protocols::tally::Tally,
    /// The self-hosted relay this node was told to use: named in its address (and so in its
    /// invites), and tried for members whose relay is not known, from the start, before
    /// the endpoint has reached it.
    relay: Option<iroh::RelayUrl>,
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

    /// What other devices may hold of this one at once.
    pub(crate) fn gate(&self) -> &Arc<crate::protocols::limits::Gate> {
        &self.gate
    }

    /// What was refused to other devices since the node started.
    pub(crate) fn tally(&self) -> &crate::protocols::tally::Tally {
        &self.tally
    }

    /// Counts and logs the changes `from` sent for `group` that were refused.
    pub(crate) fn refused_changes(&self, from: DeviceId, group: GroupId, report: &IngestReport) {
        if let Some((_, why)) = report.rejected.first() {
            self.tally.record(
                crate::protocols::tally::Refused::Changes,
                report.rejected.len() as u64,
                from,
                &format!(
                    "{} changes for group {} (the first: {why})",
                    report.rejected.len(),
                    group.fmt_short()
                ),
            );
        }
    }

    /// Remembers where a device was seen (a connection either way) when this device has a
    /// reason to reach it again and the address is news. Strangers are not remembered, and
    /// the check takes the state only to read: a flood of connections does not hold up
    /// sessions.
    pub(crate) fn remember_seen(&self, at: &PeerAddress) {
        if self.read_local(|n| n.caller_is_news(at)).unwrap_or(false)
            && let Err(e) = self.with_local(|n| n.remember_address(at)).and_then(|r| r)
        {
            debug!(error = %e, "address not remembered");
        }
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

    /// Which pool of connections a calling device draws from.
    pub(crate) fn caller(&self, device: DeviceId) -> crate::protocols::limits::Caller {
        use crate::protocols::limits::Caller;
        match self.read_local(|n| n.has_reason_to_reach(device)) {
            Ok(true) => Caller::Member,
            _ => Caller::Stranger,
        }
    }

    /// Runs `f` on the local state without changing it; other readers run at the same time.
    pub(crate) fn read_local<R>(&self, f: impl FnOnce(&LocalNode) -> R) -> Result<R, SyncError> {
        let guard = self
            .local
            .read()
            .map_err(|_| SyncError::Internal("the local state lock was poisoned".into()))?;
        Ok(f(&guard))
    }

    /// The app's views as last published.
    pub(crate) fn snapshot(&self) -> Arc<Snapshot> {
        self.views
            .lock()
            .map(|v| v.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }

    /// Publishes a changed copy of the current snapshot (the group views are shared, not
    /// copied) and tells listeners.
    fn publish(&self, change: impl FnOnce(&mut Snapshot)) {
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
    fn rebuild_views(&self) -> Result<(), SyncError> {
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
        // A build that panicked leaves that group's previous view in place.
        let built: Vec<Arc<GroupView>> = crate::par::map(&todo, |(g, invites, pending)| {
            Arc::new(GroupView::build(g, invites.clone(), pending.clone(), now))
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

    /// The kept sync connection to `peer`, if it is still open, with a lease that the session
    /// holds while it runs on it.
    pub(crate) fn kept_connection(
        &self,
        peer: DeviceId,
    ) -> Option<(iroh::endpoint::Connection, Arc<()>)> {
        let mut conns = self.connections.lock().ok()?;
        conns.retain(|_, k| {
            let in_use = Arc::strong_count(&k.lease) > 1;
            let keep =
                k.conn.close_reason().is_none() && (in_use || k.used.elapsed() < KEEP_CONNECTIONS);
            if !keep {
                k.conn.close(0u32.into(), b"unused");
            }
            keep
        });
        conns.get_mut(&peer).map(|k| {
            k.used = std::time::Instant::now();
            (k.conn.clone(), k.lease.clone())
        })
    }

    /// Keeps `conn` for the next sessions with `peer`: it just carried one that worked.
    pub(crate) fn keep_connection(&self, peer: DeviceId, conn: &iroh::endpoint::Connection) {
        if let Ok(mut conns) = self.connections.lock() {
            let now = std::time::Instant::now();
            match conns.get_mut(&peer) {
                Some(k) if k.conn.stable_id() == conn.stable_id() => k.used = now,
                _ => {
                    conns.insert(
                        peer,
                        Kept {
                            conn: conn.clone(),
                            used: now,
                            lease: Arc::new(()),
                        },
                    );
                }
            }
        }
    }

    pub(crate) fn forget_connection(&self, peer: DeviceId) {
        if let Ok(mut conns) = self.connections.lock()
            && let Some(k) = conns.remove(&peer)
        {
            k.conn.close(0u32.into(), b"replaced");
        }
    }

    /// One round with `peer` over `groups`: a check, then sessions where they differ. A device
    /// that does not understand checks (an older Causeway) gets a session for every group.
    pub(crate) async fn sync_peer(
        self: &Arc<Self>,
        peer: &PeerAddress,
        groups: &[GroupId],
    ) -> Result<PeerRound, SyncError> {
        let mut round = PeerRound {
            checked: groups.len(),
            ..PeerRound::default()
        };
        let differ: Vec<GroupId> = match group_sync::check(
            self,
            &self.endpoint,
            self.dial_addr(peer)?,
            groups,
        )
        .await
        {
            Ok(c) => {
                round.bytes_sent += c.bytes_sent;
                round.bytes_received += c.bytes_received;
                round.udp_sent += c.udp_sent;
                round.udp_received += c.udp_received;
                round.same = c.same.iter().filter(|(_, s)| *s).count();
                self.reached(peer.id, c.relayed);
                let now = now();
                self.publish(|s| {
                    for (g, same) in &c.same {
                        if *same {
                            s.activity.entry(*g).or_default().last_sync = Some(now);
                        }
                    }
                });
                c.same
                    .into_iter()
                    .filter(|(_, s)| !*s)
                    .map(|(g, _)| g)
                    .collect()
            }
            Err(SyncError::Wire(group_sync::wire::WireError::Malformed(why))) => {
                debug!(peer = %peer.id.fmt_short(), why, "no check with this device; a session per group");
                groups.to_vec()
            }
            Err(e) => {
                if matches!(e, SyncError::Unreachable(_)) {
                    self.unreachable(peer.id);
                }
                return Err(e);
            }
        };
        for g in differ {
            let r = self.sync_with(g, peer, false).await;
            if let Ok(o) = &r {
                round.bytes_sent += o.bytes_sent;
                round.bytes_received += o.bytes_received;
                round.udp_sent += o.udp_sent;
                round.udp_received += o.udp_received;
            }
            round.sessions.push((g, r));
        }
        Ok(round)
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
    fn unreachable(&self, peer: DeviceId) {
        self.publish(|s| {
            let p = s.peers.entry(peer).or_default();
            p.failing_since.get_or_insert(now());
        });
    }

    /// Reports how far a large incoming transfer for `group` got (`None` when it ended).
    pub(crate) fn receiving(&self, group: GroupId, progress: Option<(usize, usize)>) {
        self.publish(|s| s.activity.entry(group).or_default().receiving = progress);
    }

    /// Counts a session for `group` as running (`+1`) or finished (`-1`, recording when).
    fn session(&self, group: GroupId, started: bool) {
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

    pub(crate) fn announce(&self, group: GroupId, report: &IngestReport) {
        if !report.accepted.is_empty() || report.revocations_changed {
            self.notify(group);
        }
    }

    /// One session for `group` with `peer`, recording the shared heads when both ended equal.
    /// A `push` brings this device's news and takes none back (see PROTOCOL.md, "Pushes").
    pub(crate) async fn sync_with(
        self: &Arc<Self>,
        group: GroupId,
        peer: &PeerAddress,
        push: bool,
    ) -> Result<SyncOutcome, SyncError> {
        let last = self.with_local(|n| n.shared_heads(peer.id, &group))?;
        let addr = self.dial_addr(peer)?;
        // Counted as running until it ends, also when the caller gives up on it (a round
        // past its time drops the sessions under way).
        struct Running<'a>(&'a Shared, GroupId);
        impl Drop for Running<'_> {
            fn drop(&mut self) {
                self.0.session(self.1, false);
            }
        }
        self.session(group, true);
        let running = Running(self, group);
        let result = group_sync::dial(self, &self.endpoint, addr, group, last, push).await;
        drop(running);
        let (outcome, final_heads) = match result {
            Ok(r) => {
                self.reached(peer.id, r.0.relayed);
                r
            }
            Err(e) => {
                if matches!(e, SyncError::Unreachable(_)) {
                    self.unreachable(peer.id);
                }
                return Err(e);
            }
        };
        self.with_local(|n| {
            let mine = n.group(&group).map(|g| g.heads()).unwrap_or_default();
            if mine == final_heads {
                n.set_shared_heads(peer.id, &group, &final_heads)
            } else {
                Ok(())
            }
        })??;
        Ok(outcome)
    }

    /// Passes news of `group` that `from` brought on to the other members, after
    /// [`FORWARD_AFTER`]; news arriving meanwhile goes with it.
    pub(crate) fn forward(self: &Arc<Self>, group: GroupId, from: DeviceId) {
        if !self.live.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let Ok(mut waiting) = self.forwarding.lock() else {
            return;
        };
        if !waiting.insert(group) {
            return;
        }
        drop(waiting);
        let weak = Arc::downgrade(self);
        tokio::spawn(async move {
            tokio::time::sleep(FORWARD_AFTER).await;
            let Some(shared) = weak.upgrade() else { return };
            if let Ok(mut f) = shared.forwarding.lock() {
                f.remove(&group);
            }
            if !shared.stopping.load(std::sync::atomic::Ordering::Acquire) {
                shared.push_as(group, Some(from), PushKind::CheckFirst);
            }
        });
    }

    /// Sends this device's own news in `group` to every other member at once (live updates).
    pub(crate) fn push(self: &Arc<Self>, group: GroupId) {
        self.push_as(group, None, PushKind::Session);
    }

    /// Sends `group`'s news to every other member, except `except` (who just sent it). A push
    /// already under way for a member is marked to run once more.
    fn push_as(self: &Arc<Self>, group: GroupId, except: Option<DeviceId>, kind: PushKind) {
        if !self.live.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let me = DeviceId::from_bytes(*self.endpoint.id().as_bytes());
        let Ok(Some(members)) = self.with_local(|n| n.group(&group).map(|g| g.members())) else {
            return;
        };
        for m in members
            .into_iter()
            .filter(|m| m.role.is_some() && m.id != me && Some(m.id) != except)
        {
            let key = (m.id, group);
            {
                let Ok(mut pushing) = self.pushing.lock() else {
                    return;
                };
                if let Some(dirty) = pushing.get_mut(&key) {
                    debug!(peer = %m.id.fmt_short(), "push already under way; marked to run again");
                    *dirty = true;
                    continue;
                }
                debug!(peer = %m.id.fmt_short(), group = %group.fmt_short(), "pushing");
                pushing.insert(key, false);
            }
            let shared = self.clone();
            tokio::spawn(async move {
                loop {
                    // iroh also remembers how to reach a device that connected recently.
                    let Ok(addr) = shared.with_local(|n| n.address_of(m.id)) else {
                        return;
                    };
                    let result = match kind {
                        PushKind::Session => shared.sync_with(group, &addr, true).await.map(|_| ()),
                        PushKind::CheckFirst => {
                            shared.sync_peer(&addr, &[group]).await.and_then(|mut r| {
                                r.sessions.pop().map_or(Ok(()), |(_, o)| o.map(|_| ()))
                            })
                        }
                    };
                    if let Err(e) = result {
                        debug!(peer = %m.id.fmt_short(), error = %e, "push did not get through");
                    }
                    let Ok(mut pushing) = shared.pushing.lock() else {
                        return;
                    };
                    match pushing.get(&key) {
                        Some(true) => {
                            pushing.insert(key, false);
                        }
                        _ => {
                            pushing.remove(&key);
                            return;
                        }
                    }
                }
            });
        }
    }

    pub(crate) fn notify(&self, group: GroupId) {
        // Nobody listening is fine.
        let _ = self.events.send(NodeEvent::GroupChanged(group));
    }
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
        let (events, _) = broadcast::channel(256);
        let shared = Arc::new(Shared {
            local: std::sync::RwLock::new(local),
            events,
            endpoint: endpoint.clone(),
            pushing: Mutex::new(HashMap::new()),
            forwarding: Mutex::new(std::collections::HashSet::new()),
            live: std::sync::atomic::AtomicBool::new(true),
            views: Mutex::new(Arc::new(Snapshot::default())),
            rebuild: Arc::new(tokio::sync::Notify::new()),
            stopping: std::sync::atomic::AtomicBool::new(false),
            view_builder: Mutex::new(None),
            connections: Mutex::new(HashMap::new()),
            gate: Arc::default(),
            tally: crate::protocols::tally::Tally::default(),
            relay: match &network {
                Network::Internet {
                    relay: Relay::Custom(url),
                    ..
                } => url.parse().ok(),
                _ => None,
            },
        });
        let builder = spawn_view_builder(&shared);
        if let Ok(mut slot) = shared.view_builder.lock() {
            *slot = Some(builder);
        }
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

    /// Announces that a background request was answered.
    pub(crate) fn answered(&self, request: u64) {
        let _ = self.shared.events.send(NodeEvent::Answered(request));
    }

    /// What the app shows, as last published (one pointer copy; never blocks on Automerge work).
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.shared.snapshot()
    }

    /// Runs `f` on the local state (groups, profile, local actions). Keep it short.
    pub fn local<R>(&self, f: impl FnOnce(&mut LocalNode) -> R) -> Result<R, SyncError> {
        self.shared.with_local(f)
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

    /// Approves a pending request to join `group` (admins): adds the person as a member and
    /// pushes the news.
    pub fn approve_request(&self, group: GroupId, who: DeviceId) -> Result<(), SyncError> {
        self.local(|n| n.approve_request(&group, who))??;
        self.shared.notify(group);
        self.shared.push(group);
        Ok(())
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

    /// Withdraws an invite given its ticket text. Returns false if it was not issued here.
    pub fn revoke_invite(&self, ticket: &str) -> Result<bool, SyncError> {
        let t = Ticket::parse(ticket)?;
        self.local(|n| n.revoke_invite(&t.group, &t.secret))?
    }

    /// Joins a group with an invite: asks the inviting device to add this one, then receives
    /// the group. `Ok(None)`: the group asks an admin to approve first; sync later.
    pub async fn join(&self, ticket: &str) -> Result<(GroupId, Option<SyncOutcome>), SyncError> {
        let t = Ticket::parse(ticket)?;
        let name = self.local(|n| n.profile().display_name.clone())?;
        if name.trim().is_empty() {
            return Err(SyncError::NotPermitted(
                "choose a display name before joining a group".into(),
            ));
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
                        .and_then(|g| g.members().into_iter().find(|m| m.id == p))
                        .map(|m| m.name)
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
    }
}
