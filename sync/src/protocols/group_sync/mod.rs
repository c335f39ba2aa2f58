//! Group sync over iroh (`/causeway/sync/1`): members' devices exchange the changes the other
//! lacks, with signatures, in two round trips. Every change goes through `Group::ingest`.
//! Byte layout: PROTOCOL.md, "Group sync".

mod check;
pub(crate) mod kept;
mod presence;
pub mod session;
pub mod wire;

pub use check::Checked;
pub(crate) use check::check;
pub(crate) use presence::send_presence;

use std::sync::Arc;
use std::time::Duration;

use causeway_core::{ChangeHash, DeviceId, DocId, GroupId, Incoming, Rejection, SignedChange};
use iroh::endpoint::{Connection, RecvStream, SendStream};
use iroh::protocol::{AcceptError, ProtocolHandler};
use iroh::{Endpoint, EndpointAddr};
use tracing::{debug, info};

use self::session::{Body, Received};
use self::wire::{
    Frame, MAX_SESSION_BYTES, WireError, changes_frames, changes_in, read_frame_bytes,
    read_frame_len, read_frame_sized, snapshot_frames, write_frame,
};
use super::limits::{Admitted, Budget, CLOSE_WITHIN, Caller, Held, PER_CHANGE, STRANGER_WITHIN};
use super::tally::Refused;
use crate::error::SyncError;
use crate::protocols::host::Host;

/// The protocol's ALPN.
pub const ALPN: &[u8] = b"/causeway/sync/1";

/// From how many incoming changes a session reports its progress.
const PROGRESS_FROM: usize = 200;

/// How long a stream may stay silent, and the least time any frame gets (plus the time its
/// bytes need at `wire::MIN_RATE`).
pub(crate) const IDLE: Duration = Duration::from_secs(30);

/// The largest first frame a device that is not a member of any of this device's groups may
/// send (its hello or check is refused anyway): strangers cannot hold much memory.
const STRANGER_FRAME: usize = 64 << 10;

/// What one session did, from this device's point of view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SyncOutcome {
    /// Changes received and accepted.
    pub received: usize,
    /// Changes sent.
    pub sent: usize,
    /// Changes received and refused.
    pub rejected: usize,
    /// Changes received that wait for something else first.
    pub waiting: usize,
    /// Whether the session went through a relay rather than a direct path.
    pub relayed: bool,
    /// Bytes this side wrote to the session's stream (frames, headers included).
    pub bytes_sent: u64,
    /// Bytes this side read from the session's stream.
    pub bytes_received: u64,
    /// Times this side waited for an answer to what it had sent.
    pub round_trips: u32,
    /// UDP bytes the whole connection sent (QUIC and TLS handshake included).
    pub udp_sent: u64,
    /// UDP bytes the whole connection received.
    pub udp_received: u64,
}

/// Counts a session's traffic and round trips, as the dialer sees them.
#[derive(Debug, Default)]
struct Meter {
    sent: u64,
    received: u64,
    round_trips: u32,
    awaiting: bool,
}

impl Meter {
    fn wrote(&mut self, n: usize) {
        self.sent += n as u64;
        self.awaiting = true;
    }

    fn read(&mut self, n: usize) {
        self.received += n as u64;
        if std::mem::take(&mut self.awaiting) {
            self.round_trips += 1;
        }
    }
}

/// The accepting side, registered in the node's `Router`. Cheap to clone.
#[derive(Debug)]
pub(crate) struct GroupSyncHandler<H> {
    pub(crate) shared: Arc<H>,
}

impl<H> Clone for GroupSyncHandler<H> {
    fn clone(&self) -> Self {
        GroupSyncHandler {
            shared: self.shared.clone(),
        }
    }
}

fn peer_of(conn: &Connection) -> DeviceId {
    DeviceId::from_bytes(*conn.remote_id().as_bytes())
}

/// Where the other side of `conn` was seen: its direct addresses and its relay.
fn seen_at(conn: &Connection) -> crate::address::PeerAddress {
    let mut at = crate::address::PeerAddress {
        id: peer_of(conn),
        direct: Vec::new(),
        relay: None,
    };
    for p in conn.paths().iter() {
        match p.remote_addr() {
            iroh::TransportAddr::Ip(a) => at.direct.push(*a),
            iroh::TransportAddr::Relay(url) => at.relay = Some(url.to_string()),
            _ => {}
        }
    }
    at
}

/// Whether the connection's current path goes through a relay.
pub(crate) fn relayed(conn: &Connection) -> bool {
    conn.paths()
        .iter()
        .find(|p| p.is_selected())
        .is_some_and(|p| p.is_relay())
}

/// Reads one frame, its bytes counted against the sender's share of memory from its length
/// header on (`Held` keeps them counted), and [`PER_CHANGE`] more for every change it carries
/// before they are decoded. Its header may take `header_within`; then the stream may be
/// silent for at most [`IDLE`], and the frame must be in by `deadline(len)`.
async fn read_counted(
    recv: &mut RecvStream,
    budget: &Budget,
    header_within: Duration,
    max_len: usize,
    deadline: impl FnOnce(usize) -> tokio::time::Instant,
) -> Result<(Frame, usize, Held), WireError> {
    let len = read_frame_len(recv, header_within).await?;
    if len > max_len {
        return Err(WireError::TooLarge(
            "a first frame over 64 KiB from a stranger",
        ));
    }
    let mut held = budget.reserve(4 + len, IDLE).await?;
    let body = tokio::time::timeout_at(deadline(len), read_frame_bytes(recv, len, IDLE))
        .await
        .map_err(|_| WireError::Timeout)??;
    let changes = changes_in(&body)?;
    if changes > 0 {
        held.merge(budget.reserve(changes * PER_CHANGE, IDLE).await?);
    }
    let frame = wire::decode(&body)?;
    Ok((frame, 4 + len, held))
}

/// Reads `Changes` frames up to the last one.
async fn read_changes(
    recv: &mut RecvStream,
    budget: &Budget,
    meter: &mut Meter,
    patience: Duration,
) -> Result<(Vec<Result<Incoming, Rejection>>, Held), WireError> {
    match read_body(recv, budget, meter, false, 0, |_| {}, patience).await? {
        (Received::Changes(c), held) => Ok((c, held)),
        (Received::Snapshot { .. }, _) => Err(WireError::Malformed("expected changes")),
    }
}

/// Reads what follows a `Reply`: `Changes` frames, or (when `snapshot_ok`) `Snapshot` frames,
/// up to the last one. `progress` hears about how many of `expected` changes arrived so far.
/// The frames stay counted against the sender's share while the returned `Held` lives.
/// `patience`: how long the first frame may take to start (longer when the other side must
/// first take in what this side sent).
async fn read_body(
    recv: &mut RecvStream,
    budget: &Budget,
    meter: &mut Meter,
    snapshot_ok: bool,
    expected: usize,
    mut progress: impl FnMut(usize),
    patience: Duration,
) -> Result<(Received, Held), WireError> {
    let mut changes = Vec::new();
    let mut payload: Vec<u8> = Vec::new();
    let mut total = 0usize;
    let mut held = Held::default();
    let started = tokio::time::Instant::now();
    let mut arrived = 0u64;
    loop {
        // The body as a whole must arrive within `patience` plus its size at MIN_RATE: a slow
        // link gets the time its bytes need, a trickle that keeps each frame just in time is
        // cut off.
        let header_within = if arrived == 0 { patience } else { IDLE };
        let so_far = arrived as usize;
        let (frame, size, h) = read_counted(recv, budget, header_within, wire::MAX_FRAME, |len| {
            started + wire::within(patience, so_far + 4 + len)
        })
        .await?;
        held.merge(h);
        arrived += size as u64;
        meter.read(size);
        let last = match frame {
            Frame::Changes { last, changes: c } if payload.is_empty() => {
                total += c.iter().map(|c| c.bytes.len()).sum::<usize>();
                // Decoded as they come: from here on each change is held once, in
                // Automerge's form, and the decoding is done outside the node's lock.
                changes.extend(c.into_iter().map(Incoming::decode));
                progress(changes.len());
                last
            }
            Frame::Snapshot { last, part } if snapshot_ok && changes.is_empty() => {
                total += part.len();
                payload.extend_from_slice(&part);
                // The document's length leads the payload: progress in proportion.
                let doc_len = payload
                    .get(..8)
                    .and_then(|b| b.try_into().ok())
                    .map_or(0, u64::from_le_bytes);
                if doc_len > 0 {
                    let share = (payload.len() as f64 / doc_len as f64).min(1.0);
                    progress((share * expected as f64) as usize);
                }
                last
            }
            _ => return Err(WireError::Malformed("expected changes")),
        };
        if total > MAX_SESSION_BYTES {
            return Err(WireError::TooLarge("session over its byte budget"));
        }
        if last {
            let body = if payload.is_empty() {
                Received::Changes(changes)
            } else {
                Received::Snapshot {
                    payload,
                    count: expected,
                }
            };
            return Ok((body, held));
        }
    }
}

async fn send_changes(
    send: &mut SendStream,
    meter: &mut Meter,
    changes: Vec<SignedChange>,
) -> Result<(), WireError> {
    send_body(send, meter, Body::Changes(changes)).await
}

async fn send_body(send: &mut SendStream, meter: &mut Meter, body: Body) -> Result<(), WireError> {
    let frames = match body {
        Body::Changes(changes) | Body::Removed(changes) => changes_frames(changes),
        Body::Snapshot { payload, .. } => snapshot_frames(&payload),
    };
    for frame in frames {
        meter.wrote(write_frame(send, &frame, IDLE).await?);
    }
    Ok(())
}

/// Waits until the other side has finished its stream (so our last frame was read), bounded.
async fn drain(recv: &mut RecvStream) {
    let mut sink = [0u8; 64];
    let _ = tokio::time::timeout(IDLE, async {
        // `Ok(None)` is the end of the stream; an error means it is gone anyway.
        while let Ok(Some(_)) = recv.read(&mut sink).await {}
    })
    .await;
}

impl<H: Host> GroupSyncHandler<H> {
    async fn serve(
        &self,
        peer: DeviceId,
        admitted: &Admitted,
        send: &mut SendStream,
        recv: &mut RecvStream,
    ) -> Result<(), SyncError> {
        let budget = admitted.budget();
        let max_len = match admitted.pool() {
            Caller::Member => wire::MAX_FRAME,
            Caller::Stranger | Caller::Joiner => STRANGER_FRAME,
        };
        let now = tokio::time::Instant::now();
        let (first, _, held) = read_counted(recv, budget, IDLE, max_len, |len| {
            now + wire::within(IDLE, 4 + len)
        })
        .await?;
        if self.shared.read_local(|n| n.is_blocked(peer))? {
            // Blocked here (also since its connection opened): answered as a stranger is,
            // whatever it asks; its presence is not kept.
            if !matches!(first, Frame::Presence { .. }) {
                write_frame(send, &Frame::Refuse(wire::RefuseCode::NotAMember), IDLE).await?;
            }
            return Ok(());
        }
        let (group, doc, heads, shared, push) = match first {
            Frame::Hello {
                group,
                doc,
                heads,
                shared,
                push,
            } => (group, doc, heads, shared, push),
            Frame::Presence {
                group,
                doc,
                cursor,
                heads,
            } => {
                // Only a member's presence is kept (and only in memory); nothing is answered.
                let member = self
                    .shared
                    .read_local(|n| n.group(&group).is_some_and(|g| g.role_of(peer).is_some()))?;
                if member {
                    self.shared.presence(peer, group, doc, cursor, heads);
                }
                return Ok(());
            }
            Frame::Check { groups } => {
                let same = self
                    .shared
                    .read_local(|n| session::answer_check(n, peer, &groups))?;
                if admitted.pool() != Caller::Member {
                    self.shared.tally().record(
                        Refused::Sessions,
                        1,
                        peer,
                        "a check from a device that is not a member",
                    );
                }
                drop((groups, held));
                write_frame(send, &Frame::Checked { same }, IDLE).await?;
                return Ok(());
            }
            _ => return Err(WireError::Malformed("expected hello").into()),
        };
        drop(held);
        // One exchange for the group's history and for one of its documents; only what
        // answers and what takes in differ.
        let started = std::time::Instant::now();
        let answer = match doc {
            None => self
                .shared
                .read_local(|n| session::answer_hello(n, peer, group, &heads, &shared, push))?,
            Some(doc) => self.shared.with_local(|n| {
                session::answer_doc_hello(n, peer, group, doc, &heads, &shared, push)
            })?,
        };
        if let Ok((_, Body::Snapshot { count, .. })) = &answer {
            debug!(peer = %peer.fmt_short(), group = %group.fmt_short(), count, took = ?started.elapsed(), "whole document ready to send");
        }
        let (my_heads, body) = match answer {
            Ok((_, Body::Removed(news))) => {
                info!(peer = %peer.fmt_short(), group = %group.fmt_short(), changes = news.len(), "a removed device told of its removal");
                self.shared.tally().record(
                    Refused::Sessions,
                    1,
                    peer,
                    &format!(
                        "a session for group {} by a device removed from it (told so)",
                        group.fmt_short()
                    ),
                );
                write_frame(send, &Frame::Refuse(wire::RefuseCode::Removed), IDLE).await?;
                let mut meter = Meter::default();
                send_body(send, &mut meter, Body::Changes(news)).await?;
                return Ok(());
            }
            Ok(a) => a,
            Err(code) => {
                let what = match doc {
                    Some(_) => "a document of group",
                    None => "group",
                };
                self.shared.tally().record(
                    Refused::Sessions,
                    1,
                    peer,
                    &format!(
                        "a session for {what} {} ({code:?}): not a member there, or no such group or document here",
                        group.fmt_short()
                    ),
                );
                write_frame(send, &Frame::Refuse(code), IDLE).await?;
                return Ok(());
            }
        };
        let sent = body.count();
        let count = u32::try_from(sent).unwrap_or(u32::MAX);
        write_frame(
            send,
            &Frame::Reply {
                heads: my_heads,
                count,
            },
            IDLE,
        )
        .await?;
        let mut meter = Meter::default();
        send_body(send, &mut meter, body).await?;
        // The dialer answers once it has taken in all this side sent, at a slow link's pace.
        let patience = wire::within(IDLE, meter.sent as usize);
        let (incoming, held) = read_changes(recv, budget, &mut meter, patience).await?;
        // Counted, told to the app, and passed on to the other members (not back to the one
        // who brought it).
        let (heads, received, rejected) = match doc {
            None => {
                let (report, heads) = self
                    .shared
                    .with_local(|n| session::take_changes(n, group, incoming))??;
                self.shared.took_in(peer, group, &report);
                (heads, report.accepted.len(), report.rejected.len())
            }
            Some(doc) => {
                let (report, heads) = self
                    .shared
                    .with_local(|n| session::take_doc_changes(n, group, doc, incoming))??;
                self.shared.took_in_doc(peer, group, doc, &report);
                (heads, report.accepted.len(), report.rejected.len())
            }
        };
        drop(held);
        write_frame(send, &Frame::Done { heads }, IDLE).await?;
        info!(peer = %peer.fmt_short(), group = %group.fmt_short(), doc = ?doc.map(|d| d.fmt_short()), sent, received, rejected, "sync served");
        Ok(())
    }
}

impl<H: Host> GroupSyncHandler<H> {
    /// Serves one stream: a session or a check.
    async fn stream(
        &self,
        peer: DeviceId,
        admitted: &Admitted,
        conn: &Connection,
        mut send: SendStream,
        mut recv: RecvStream,
    ) {
        match self.serve(peer, admitted, &mut send, &mut recv).await {
            Ok(()) => {
                let _ = send.finish();
                if admitted.pool() == Caller::Member {
                    self.shared.reached(peer, relayed(conn));
                } else {
                    // The connection is closed after this stream: first the answer must be
                    // known to have arrived (a close would discard it on the way).
                    let _ = tokio::time::timeout(CLOSE_WITHIN, send.stopped()).await;
                }
                drain(&mut recv).await;
            }
            Err(e) => {
                self.shared.tally().record(
                    Refused::Broken,
                    1,
                    peer,
                    &format!(
                        "a sync session failed: {e} (connection: {:?})",
                        conn.close_reason()
                    ),
                );
                // Nothing more is read from a session that went wrong (it may be a trickle).
                let _ = send.finish();
                let _ = recv.stop(iroh::endpoint::VarInt::from_u32(0));
            }
        }
    }
}

impl<H: Host> ProtocolHandler for GroupSyncHandler<H> {
    async fn accept(&self, conn: Connection) -> Result<(), AcceptError> {
        let peer = peer_of(&conn);
        let pool = self.shared.caller(peer);
        let Some(admitted) = self.shared.gate().admit(peer, pool) else {
            let (connections, devices) = self.shared.gate().in_use();
            self.shared.tally().record(
                Refused::Busy,
                1,
                peer,
                &format!(
                    "a sync connection ({pool:?}): too many at once ({connections} connections, {devices} devices)"
                ),
            );
            conn.close(super::limits::CLOSE_BUSY, b"too many connections");
            return Ok(());
        };
        if pool == Caller::Stranger {
            // Whatever a stranger asks is refused: its connection carries one stream, for
            // STRANGER_WITHIN at most, and is closed once that stream was answered.
            let one = async {
                if let Ok((send, recv)) = conn.accept_bi().await {
                    self.stream(peer, &admitted, &conn, send, recv).await;
                }
            };
            if tokio::time::timeout(STRANGER_WITHIN, one).await.is_err() {
                self.shared.tally().record(
                    Refused::Broken,
                    1,
                    peer,
                    "a stranger's connection ran out of time",
                );
            }
            conn.close(super::limits::CLOSE_DONE, b"not a member");
            return Ok(());
        }
        let admitted = Arc::new(admitted);
        // Remember where members reach us from, so this device can reach them later (pushes,
        // background rounds), also after it restarts. Strangers are not remembered, and the
        // check takes the state only to read: a flood of connections does not hold up sessions.
        self.shared.remember_seen(&seen_at(&conn));
        // A member's device connected: it counts as connected while the connection is open.
        self.shared.connected(&conn);
        // The dialer keeps its connection for later sessions, for as long as both devices
        // run: serve every stream it opens (QUIC caps how many are open at once) until the
        // connection closes or times out.
        let mut streams = tokio::task::JoinSet::new();
        while let Ok((send, recv)) = conn.accept_bi().await {
            let (me, conn, admitted) = (self.clone(), conn.clone(), admitted.clone());
            streams.spawn(async move { me.stream(peer, &admitted, &conn, send, recv).await });
            while streams.try_join_next().is_some() {}
        }
        while streams.join_next().await.is_some() {}
        Ok(())
    }
}

/// A stream to a member's device, on the connection kept from earlier sessions when there is
/// one. `base`: the connection's UDP counters when the stream opened (zero for a new
/// connection, so its handshake counts).
struct Opened {
    conn: Connection,
    send: SendStream,
    recv: RecvStream,
    reused: bool,
    base: (u64, u64),
    /// Keeps a kept connection from being closed as unused while this stream runs.
    _lease: Option<Arc<()>>,
}

async fn open<H: Host>(
    shared: &Arc<H>,
    endpoint: &Endpoint,
    addr: &EndpointAddr,
    reuse: bool,
) -> Result<Opened, SyncError> {
    let peer = DeviceId::from_bytes(*addr.id.as_bytes());
    let kept = if reuse { shared.kept().get(peer) } else { None };
    let reused = kept.is_some();
    let (conn, lease) = match kept {
        Some((c, lease)) => (c, Some(lease)),
        None => (
            super::connect_within(endpoint, addr.clone(), ALPN, IDLE)
                .await
                .ok_or_else(|| {
                    SyncError::Unreachable("the other device did not answer in time".into())
                })?
                .map_err(|e| SyncError::Unreachable(e.to_string()))?,
            None,
        ),
    };
    let base = if reused {
        let s = conn.stats();
        (s.udp_tx.bytes, s.udp_rx.bytes)
    } else {
        (0, 0)
    };
    let (send, recv) = conn
        .open_bi()
        .await
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    Ok(Opened {
        conn,
        send,
        recv,
        reused,
        base,
        _lease: lease,
    })
}

impl Opened {
    /// UDP bytes sent and received on the connection since the stream opened.
    fn udp(&self) -> (u64, u64) {
        let s = self.conn.stats();
        (
            s.udp_tx.bytes.saturating_sub(self.base.0),
            s.udp_rx.bytes.saturating_sub(self.base.1),
        )
    }
}

/// Whether an error may come from a kept connection that died meanwhile (the other device
/// restarted, the network changed): then one more try on a new connection is worth it.
fn connection_failed(e: &SyncError) -> bool {
    matches!(
        e,
        SyncError::Unreachable(_) | SyncError::Wire(WireError::Io(_) | WireError::Timeout)
    )
}

/// How long the first answer may take on a kept connection before it counts as dead (a
/// device that vanished without closing it), and a new connection is tried.
const FIRST_ANSWER_ON_KEPT: Duration = Duration::from_secs(5);

impl Opened {
    /// How long to wait for the first answer on this stream.
    fn first_answer(&self) -> Duration {
        if self.reused {
            FIRST_ANSWER_ON_KEPT
        } else {
            IDLE
        }
    }
}

/// Runs one session with a member's device, as the dialer.
pub(crate) async fn dial<H: Host>(
    shared: &Arc<H>,
    endpoint: &Endpoint,
    addr: EndpointAddr,
    subject: (GroupId, Option<DocId>),
    last_shared: Vec<ChangeHash>,
    push: bool,
) -> Result<(SyncOutcome, Vec<ChangeHash>), SyncError> {
    let mut opened = open(shared, endpoint, &addr, true).await?;
    let mut heard = false;
    let mut result = session(shared, &mut opened, subject, &last_shared, push, &mut heard).await;
    if let Err(e) = &result
        && opened.reused
        && !heard
        && connection_failed(e)
    {
        debug!(error = %e, "the kept connection failed; trying a new one");
        shared
            .kept()
            .forget(DeviceId::from_bytes(*addr.id.as_bytes()));
        opened = open(shared, endpoint, &addr, false).await?;
        result = session(shared, &mut opened, subject, &last_shared, push, &mut heard).await;
    }
    result
}

/// The dialer's part of one session on an opened stream. `heard`: whether anything came back.
async fn session<H: Host>(
    shared: &Arc<H>,
    o: &mut Opened,
    (group, doc): (GroupId, Option<DocId>),
    last_shared: &[ChangeHash],
    push: bool,
    heard: &mut bool,
) -> Result<(SyncOutcome, Vec<ChangeHash>), SyncError> {
    let peer = peer_of(&o.conn);
    let heads = match doc {
        None => shared
            .read_local(|n| n.group(&group).map(|g| g.heads()))?
            .ok_or(SyncError::UnknownGroup(group))?,
        Some(doc) => shared
            .with_local(|n| n.document(&group, &doc).map(|d| d.heads()))?
            .unwrap_or_default(),
    };
    let mut meter = Meter::default();
    meter.wrote(
        write_frame(
            &mut o.send,
            &Frame::Hello {
                group,
                doc,
                heads,
                shared: last_shared.to_vec(),
                push,
            },
            IDLE,
        )
        .await?,
    );
    let wait = o.first_answer();
    let (reply, size) = read_frame_sized(&mut o.recv, wait).await?;
    *heard = true;
    meter.read(size);
    let (their_heads, expected) = match reply {
        Frame::Reply { heads, count } => (heads, count as usize),
        Frame::Refuse(wire::RefuseCode::Removed) if doc.is_none() => {
            // Its removal follows: judged here like any change, so this device learns that it
            // was removed, by whom and why, and keeps what it had.
            let _ = o.send.finish();
            let budget = shared.gate().budget(peer);
            let (incoming, held) =
                read_body(&mut o.recv, &budget, &mut meter, false, 0, |_| {}, IDLE).await?;
            if let Received::Changes(changes) = incoming {
                let report = shared.with_local(|n| n.ingest_decoded(&group, changes))??;
                shared.took_in(peer, group, &report);
            }
            drop(held);
            return Err(SyncError::Refused(wire::RefuseCode::Removed));
        }
        Frame::Refuse(code) => {
            let _ = o.send.finish();
            return Err(SyncError::Refused(code));
        }
        _ => return Err(WireError::Malformed("expected a reply").into()),
    };
    // Large transfers (joining, catching up) show progress: "1,240 of 3,000 changes".
    let budget = shared.gate().budget(peer);
    let incoming = read_body(
        &mut o.recv,
        &budget,
        &mut meter,
        true,
        expected,
        |done| {
            if expected >= PROGRESS_FROM {
                shared.receiving(group, Some((done.min(expected), expected)));
            }
        },
        IDLE,
    )
    .await;
    if expected >= PROGRESS_FROM {
        shared.receiving(group, None);
    }
    let (incoming, held) = incoming?;
    let (taken, back) = match doc {
        None => {
            let (report, back) = shared.with_local(|n| {
                session::take_reply(n, peer, group, &their_heads, last_shared, incoming)
            })??;
            shared.took_in(peer, group, &report);
            let taken = (
                report.accepted.len(),
                report.rejected.len(),
                report.waiting.len(),
            );
            (taken, back)
        }
        Some(doc) => {
            let (report, back) = shared.with_local(|n| {
                session::take_doc_reply(n, peer, group, doc, &their_heads, last_shared, incoming)
            })??;
            shared.took_in_doc(peer, group, doc, &report);
            let taken = (
                report.accepted.len(),
                report.rejected.len(),
                report.waiting.len(),
            );
            (taken, back)
        }
    };
    drop((held, budget));
    let (received, sent) = (taken.0, back.len());
    let before = meter.sent;
    send_changes(&mut o.send, &mut meter, back).await?;
    // The acceptor answers once it has taken in what was sent, at a slow link's pace.
    let patience = wire::within(IDLE, (meter.sent - before) as usize);
    let (done, size) = read_frame_sized(&mut o.recv, patience).await?;
    meter.read(size);
    let final_heads = match done {
        Frame::Done { heads } => heads,
        _ => return Err(WireError::Malformed("expected done").into()),
    };
    o.send
        .finish()
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    drain(&mut o.recv).await;
    shared.kept().keep(peer, &o.conn);
    shared.connected(&o.conn);
    if !o.reused {
        shared.remember_seen(&seen_at(&o.conn));
    }
    let (udp_sent, udp_received) = o.udp();
    let outcome = SyncOutcome {
        received,
        sent,
        rejected: taken.1,
        waiting: taken.2,
        relayed: relayed(&o.conn),
        bytes_sent: meter.sent,
        bytes_received: meter.received,
        round_trips: meter.round_trips,
        udp_sent,
        udp_received,
    };
    debug!(peer = %peer.fmt_short(), group = %group.fmt_short(), ?outcome, "sync done");
    Ok((outcome, final_heads))
}
