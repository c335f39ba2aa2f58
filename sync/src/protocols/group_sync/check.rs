//! Checks: one round trip that asks a member's device which of many groups (and their
//! documents) both hold with the same heads (PROTOCOL.md, "Checks").

use std::sync::Arc;

use causeway_core::{DeviceId, GroupId};
use iroh::{Endpoint, EndpointAddr};

use super::wire::{self, Frame, WireError, read_frame_sized, write_frame};
use super::{IDLE, Opened, connection_failed, drain, open, peer_of, relayed, seen_at};
use crate::error::SyncError;
use crate::protocols::host::Host;

/// What a check told and cost.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checked {
    /// Per group asked about: whether both devices hold the same heads (no session needed).
    pub same: Vec<(GroupId, bool)>,
    /// Bytes written to the stream.
    pub bytes_sent: u64,
    /// Bytes read from the stream.
    pub bytes_received: u64,
    /// UDP bytes sent on the connection meanwhile (its handshake included when it is new).
    pub udp_sent: u64,
    /// UDP bytes received on the connection meanwhile.
    pub udp_received: u64,
    /// Whether the connection went through a relay rather than a direct path.
    pub relayed: bool,
}

/// Asks a member's device, in one round trip, which of `groups` both hold with the same
/// heads. Groups this device does not hold are left out.
pub(crate) async fn check<H: Host>(
    shared: &Arc<H>,
    endpoint: &Endpoint,
    addr: EndpointAddr,
    groups: &[GroupId],
) -> Result<Checked, SyncError> {
    let digests: Vec<(GroupId, [u8; wire::DIGEST_LEN])> = shared.read_local(|n| {
        groups
            .iter()
            .filter_map(|g| {
                n.heads_of(g.as_bytes())
                    .map(|h| (*g, wire::heads_digest(&h)))
            })
            .take(wire::MAX_CHECK)
            .collect()
    })?;
    let mut opened = open(shared, endpoint, &addr, true).await?;
    let mut result = check_on(shared, &mut opened, &digests).await;
    if let Err(e) = &result
        && opened.reused
        && connection_failed(e)
    {
        shared
            .kept()
            .forget(DeviceId::from_bytes(*addr.id.as_bytes()));
        opened = open(shared, endpoint, &addr, false).await?;
        result = check_on(shared, &mut opened, &digests).await;
    }
    result
}

async fn check_on<H: Host>(
    shared: &Arc<H>,
    o: &mut Opened,
    digests: &[(GroupId, [u8; wire::DIGEST_LEN])],
) -> Result<Checked, SyncError> {
    let sent = write_frame(
        &mut o.send,
        &Frame::Check {
            groups: digests.to_vec(),
        },
        IDLE,
    )
    .await?;
    let wait = o.first_answer();
    let (answer, received) = read_frame_sized(&mut o.recv, wait).await?;
    let same = match answer {
        Frame::Checked { same } => same,
        // A refusal (a device that answers checks so, or a future one): no session is taken.
        Frame::Refuse(code) => {
            let _ = o.send.finish();
            return Err(SyncError::Refused(code));
        }
        _ => return Err(WireError::Malformed("expected the answer to a check").into()),
    };
    if same.len() != digests.len() {
        return Err(WireError::Malformed("the answer to a check has the wrong length").into());
    }
    o.send
        .finish()
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    drain(&mut o.recv).await;
    shared.kept().keep(peer_of(&o.conn), &o.conn);
    shared.connected(&o.conn);
    if !o.reused {
        shared.remember_seen(&seen_at(&o.conn));
    }
    let (udp_sent, udp_received) = o.udp();
    Ok(Checked {
        same: digests.iter().map(|(g, _)| *g).zip(same).collect(),
        bytes_sent: sent as u64,
        bytes_received: received as u64,
        udp_sent,
        udp_received,
        relayed: relayed(&o.conn),
    })
}
