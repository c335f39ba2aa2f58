//! Group sync over iroh (`/causeway/sync/1`): members' devices exchange the changes the other
//! lacks, with signatures, in two round trips. Every change goes through `Group::ingest`.
//! Byte layout: PROTOCOL.md, "Group sync".

pub mod session;
pub mod wire;

use std::sync::Arc;
use std::time::Duration;

use causeway_core::{ChangeHash, DeviceId, GroupId, SignedChange};
use iroh::endpoint::{Connection, RecvStream, SendStream};
use iroh::protocol::{AcceptError, ProtocolHandler};
use iroh::{Endpoint, EndpointAddr};
use tracing::{debug, info, warn};

use self::wire::{
    Frame, MAX_SESSION_BYTES, WireError, changes_frames, read_frame, read_frame_sized, write_frame,
};
use crate::error::SyncError;
use crate::node::Shared;

/// The protocol's ALPN.
pub const ALPN: &[u8] = b"/causeway/sync/1";

/// From how many incoming changes a session reports its progress.
const PROGRESS_FROM: usize = 200;

/// How long either side waits for the next frame.
pub(crate) const IDLE: Duration = Duration::from_secs(30);

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
#[derive(Clone, Debug)]
pub(crate) struct GroupSyncHandler {
    pub(crate) shared: Arc<Shared>,
}

fn peer_of(conn: &Connection) -> DeviceId {
    DeviceId::from_bytes(*conn.remote_id().as_bytes())
}

/// Whether the connection's current path goes through a relay.
fn relayed(conn: &Connection) -> bool {
    conn.paths()
        .iter()
        .find(|p| p.is_selected())
        .is_some_and(|p| p.is_relay())
}

/// Reads `Changes` frames up to the last one; `progress` hears how many changes arrived so far.
async fn read_changes(
    recv: &mut RecvStream,
    meter: &mut Meter,
    mut progress: impl FnMut(usize),
) -> Result<Vec<SignedChange>, WireError> {
    let mut all = Vec::new();
    let mut total = 0usize;
    loop {
        let (frame, size) = read_frame_sized(recv, IDLE).await?;
        meter.read(size);
        match frame {
            Frame::Changes { last, changes } => {
                total += changes.iter().map(|c| c.bytes.len()).sum::<usize>();
                if total > MAX_SESSION_BYTES {
                    return Err(WireError::TooLarge("session over its byte budget"));
                }
                all.extend(changes);
                progress(all.len());
                if last {
                    return Ok(all);
                }
            }
            _ => return Err(WireError::Malformed("expected changes")),
        }
    }
}

async fn send_changes(
    send: &mut SendStream,
    meter: &mut Meter,
    changes: Vec<SignedChange>,
) -> Result<(), WireError> {
    for frame in changes_frames(changes) {
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

impl GroupSyncHandler {
    async fn serve(
        &self,
        peer: DeviceId,
        send: &mut SendStream,
        recv: &mut RecvStream,
    ) -> Result<(), SyncError> {
        let Frame::Hello {
            group,
            heads,
            shared,
        } = read_frame(recv, IDLE).await?
        else {
            return Err(WireError::Malformed("expected hello").into());
        };
        let answer = self
            .shared
            .with_local(|n| session::answer_hello(n, peer, group, &heads, &shared))?;
        let (my_heads, changes) = match answer {
            Ok(a) => a,
            Err(code) => {
                info!(peer = %peer.fmt_short(), group = %group.fmt_short(), ?code, "sync refused");
                write_frame(send, &Frame::Refuse(code), IDLE).await?;
                return Ok(());
            }
        };
        let sent = changes.len();
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
        send_changes(send, &mut meter, changes).await?;
        let incoming = read_changes(recv, &mut meter, |_| {}).await?;
        let (report, heads) = self
            .shared
            .with_local(|n| session::take_changes(n, group, incoming))??;
        self.shared.announce(group, &report);
        if !report.accepted.is_empty() {
            // Pass the news on to the other members (not back to the one who brought it).
            self.shared.push(group, Some(peer));
        }
        write_frame(send, &Frame::Done { heads }, IDLE).await?;
        info!(peer = %peer.fmt_short(), group = %group.fmt_short(), sent, received = report.accepted.len(), rejected = report.rejected.len(), "sync served");
        Ok(())
    }
}

impl ProtocolHandler for GroupSyncHandler {
    async fn accept(&self, conn: Connection) -> Result<(), AcceptError> {
        let peer = peer_of(&conn);
        // Remember where members reach us from, so this device can reach them later (pushes,
        // background rounds), also after it restarts.
        let direct: Vec<std::net::SocketAddr> = conn
            .paths()
            .iter()
            .filter_map(|p| match p.remote_addr() {
                iroh::TransportAddr::Ip(a) => Some(*a),
                _ => None,
            })
            .collect();
        if let Err(e) = self.shared.with_local(|n| {
            n.remember_address(&crate::node::PeerAddress {
                id: peer,
                direct,
                relay: None,
            })
        }) {
            debug!(error = %e, "address not remembered");
        }
        let (mut send, mut recv) = conn.accept_bi().await?;
        match self.serve(peer, &mut send, &mut recv).await {
            Ok(()) => self.shared.reached(peer, relayed(&conn)),
            Err(e) => warn!(peer = %peer.fmt_short(), error = %e, "sync session failed"),
        }
        send.finish()?;
        drain(&mut recv).await;
        conn.close(0u32.into(), b"done");
        Ok(())
    }
}

/// Runs one session with a member's device, as the dialer.
pub(crate) async fn dial(
    shared: &Arc<Shared>,
    endpoint: &Endpoint,
    addr: EndpointAddr,
    group: GroupId,
    last_shared: Vec<ChangeHash>,
) -> Result<(SyncOutcome, Vec<ChangeHash>), SyncError> {
    let peer = DeviceId::from_bytes(*addr.id.as_bytes());
    let conn = super::connect_within(endpoint, addr, ALPN, IDLE)
        .await
        .ok_or_else(|| SyncError::Unreachable("the other device did not answer in time".into()))?
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    let (mut send, mut recv) = conn
        .open_bi()
        .await
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    let heads = shared
        .with_local(|n| n.group(&group).map(|g| g.heads()))?
        .ok_or(SyncError::UnknownGroup(group))?;
    let mut meter = Meter::default();
    meter.wrote(
        write_frame(
            &mut send,
            &Frame::Hello {
                group,
                heads,
                shared: last_shared,
            },
            IDLE,
        )
        .await?,
    );
    let (reply, size) = read_frame_sized(&mut recv, IDLE).await?;
    meter.read(size);
    let (their_heads, expected) = match reply {
        Frame::Reply { heads, count } => (heads, count as usize),
        Frame::Refuse(code) => {
            let _ = send.finish();
            conn.close(0u32.into(), b"refused");
            return Err(SyncError::Refused(code));
        }
        _ => return Err(WireError::Malformed("expected a reply").into()),
    };
    // Large transfers (joining, catching up) show progress: "1,240 of 3,000 changes".
    let incoming = read_changes(&mut recv, &mut meter, |done| {
        if expected >= PROGRESS_FROM {
            shared.receiving(group, Some((done.min(expected), expected)));
        }
    })
    .await;
    if expected >= PROGRESS_FROM {
        shared.receiving(group, None);
    }
    let incoming = incoming?;
    let (report, back) =
        shared.with_local(|n| session::take_reply(n, peer, group, &their_heads, incoming))??;
    shared.announce(group, &report);
    if !report.accepted.is_empty() {
        shared.push(group, Some(peer));
    }
    let (received, sent) = (report.accepted.len(), back.len());
    send_changes(&mut send, &mut meter, back).await?;
    let (done, size) = read_frame_sized(&mut recv, IDLE).await?;
    meter.read(size);
    let final_heads = match done {
        Frame::Done { heads } => heads,
        _ => return Err(WireError::Malformed("expected done").into()),
    };
    let outcome = SyncOutcome {
        received,
        sent,
        rejected: report.rejected.len(),
        waiting: report.waiting.len(),
        relayed: relayed(&conn),
        bytes_sent: meter.sent,
        bytes_received: meter.received,
        round_trips: meter.round_trips,
        udp_sent: 0,
        udp_received: 0,
    };
    send.finish()
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    drain(&mut recv).await;
    let stats = conn.stats();
    let outcome = SyncOutcome {
        udp_sent: stats.udp_tx.bytes,
        udp_received: stats.udp_rx.bytes,
        ..outcome
    };
    conn.close(0u32.into(), b"done");
    debug!(peer = %peer.fmt_short(), group = %group.fmt_short(), ?outcome, "sync done");
    Ok((outcome, final_heads))
}
