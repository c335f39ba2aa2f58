//! Joining with an invite (`/causeway/join/1`): the joiner presents the invite's secret to the
//! inviting device, which checks it and adds the joiner with a signed change. The joiner then
//! receives the group with a group sync session. Byte layout: PROTOCOL.md, "Joining".

use std::sync::Arc;

use causeway_core::{DeviceId, GroupId};
use iroh::endpoint::Connection;
use iroh::protocol::{AcceptError, ProtocolHandler};
use iroh::{Endpoint, EndpointAddr};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tracing::{debug, info, warn};

use crate::error::SyncError;
use crate::invites::JoinRefusal;
use crate::local::JoinAnswer;
use crate::protocols::group_sync::IDLE;
use crate::protocols::group_sync::wire::WireError;
use crate::protocols::host::Host;
use crate::protocols::limits::{CLOSE_BUSY, CLOSE_DONE, CLOSE_WITHIN, Caller, JOIN_WITHIN, Slot};
use crate::protocols::tally::Refused;

/// The protocol's ALPN.
pub const ALPN: &[u8] = b"/causeway/join/1";
const VERSION: u8 = 1;
const MAX_REQUEST: usize = 1 + 32 + 16 + 1 + 255;

/// Encodes a join request (without the length prefix).
pub fn encode_request(group: &GroupId, secret: &[u8; 16], name: &str) -> Vec<u8> {
    let mut name_bytes: Vec<u8> = name.as_bytes().to_vec();
    if name_bytes.len() > 255 {
        // Cut at a character boundary.
        let mut end = 255;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        name_bytes.truncate(end);
    }
    let mut b = vec![VERSION];
    b.extend_from_slice(group.as_bytes());
    b.extend_from_slice(secret);
    b.push(name_bytes.len() as u8);
    b.extend_from_slice(&name_bytes);
    b
}

/// Decodes a join request.
pub fn decode_request(b: &[u8]) -> Result<(GroupId, [u8; 16], String), WireError> {
    if b.len() < 50 || b[0] != VERSION {
        return Err(WireError::Malformed("bad join request"));
    }
    let group = GroupId::from_bytes(
        b[1..33]
            .try_into()
            .map_err(|_| WireError::Malformed("bad join request"))?,
    );
    let secret: [u8; 16] = b[33..49]
        .try_into()
        .map_err(|_| WireError::Malformed("bad join request"))?;
    let n = b[49] as usize;
    if b.len() != 50 + n {
        return Err(WireError::Malformed("bad join request"));
    }
    let name = String::from_utf8(b[50..].to_vec())
        .map_err(|_| WireError::Malformed("name is not text"))?;
    Ok((group, secret, name))
}

/// The accepting side.
#[derive(Debug)]
pub(crate) struct JoinHandler<H> {
    pub(crate) shared: Arc<H>,
}

impl<H> Clone for JoinHandler<H> {
    fn clone(&self) -> Self {
        JoinHandler {
            shared: self.shared.clone(),
        }
    }
}

impl<H: Host> ProtocolHandler for JoinHandler<H> {
    async fn accept(&self, conn: Connection) -> Result<(), AcceptError> {
        let joiner = DeviceId::from_bytes(*conn.remote_id().as_bytes());
        // Joining has a pool of its own (strangers' sync connections cannot fill it), where
        // a newcomer takes the place of the oldest connection holding no valid invite.
        let Some(admitted) = self.shared.gate().admit(joiner, Caller::Joiner) else {
            self.shared.tally().record(
                Refused::Busy,
                1,
                joiner,
                "a join connection: too many at once",
            );
            conn.close(CLOSE_BUSY, b"too many connections");
            return Ok(());
        };
        let Some(slot) = admitted.slot().cloned() else {
            return Ok(());
        };
        let served = tokio::select! {
            served = self.serve(joiner, &conn, &slot) => served,
            () = slot.replaced() => {
                self.shared.tally().record(
                    Refused::Busy,
                    1,
                    joiner,
                    "a join connection without a valid invite gave its place to a newer one",
                );
                conn.close(CLOSE_BUSY, b"too many connections");
                return Ok(());
            }
        };
        if served.is_some() {
            // The joiner closes the connection once it has read the answer (closing first
            // could lose the answer); one that does not is closed after CLOSE_WITHIN.
            tokio::select! {
                _ = tokio::time::timeout(CLOSE_WITHIN, conn.closed()) => {}
                () = slot.replaced() => {}
            }
        }
        conn.close(CLOSE_DONE, b"done");
        drop(admitted);
        Ok(())
    }
}

impl<H: Host> JoinHandler<H> {
    /// Reads the request (within [`JOIN_WITHIN`]), decides and answers. `None` when nothing
    /// was answered (the joiner was too slow or went away).
    async fn serve(&self, joiner: DeviceId, conn: &Connection, slot: &Slot) -> Option<u8> {
        let read = async {
            let (send, mut recv) = conn
                .accept_bi()
                .await
                .map_err(|e| WireError::Io(std::io::Error::other(e.to_string())))?;
            let len = recv.read_u32_le().await? as usize;
            if len > MAX_REQUEST {
                return Ok((send, Err(WireError::TooLarge("join request"))));
            }
            let mut body = vec![0u8; len];
            AsyncReadExt::read_exact(&mut recv, &mut body).await?;
            Ok::<_, WireError>((send, decode_request(&body)))
        };
        let (mut send, request) = match tokio::time::timeout(JOIN_WITHIN, read).await {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => {
                self.refused(joiner, &format!("a join connection broke off: {e}"));
                return None;
            }
            Err(_) => {
                self.refused(joiner, "a join request did not arrive in time");
                return None;
            }
        };
        let answer = match request {
            Ok((group, secret, name)) => self.decide(joiner, slot, group, &secret, &name),
            Err(e) => {
                self.refused(joiner, &format!("a malformed join request: {e}"));
                JoinRefusal::Unknown.code()
            }
        };
        let _ = tokio::time::timeout(CLOSE_WITHIN, send.write_all(&[answer])).await;
        let _ = send.finish();
        // A joiner let in keeps its place until its answer is known to have arrived.
        let _ = tokio::time::timeout(CLOSE_WITHIN, send.stopped()).await;
        slot.hold_valid(false);
        Some(answer)
    }

    /// The answer to a well-formed request. A secret that matches no invite is refused under
    /// the shared lock, whether or not the group is held here; only a valid one takes the
    /// state to change it, and holds its place in the pool until its answer arrived.
    fn decide(
        &self,
        joiner: DeviceId,
        slot: &Slot,
        group: GroupId,
        secret: &[u8; 16],
        name: &str,
    ) -> u8 {
        if let Ok(Err(refusal)) = self.shared.read_local(|n| n.judge_join(&group, secret)) {
            self.refused(joiner, &format!("a join request: {refusal}"));
            return refusal.code();
        }
        slot.hold_valid(true);
        let decision = self
            .shared
            .with_local(|n| n.admit_joiner(&group, secret, joiner, name));
        match decision {
            Ok(Ok(JoinAnswer::Accepted)) => {
                info!(joiner = %joiner.fmt_short(), group = %group.fmt_short(), "joiner added");
                self.shared.group_changed(group);
                0
            }
            Ok(Ok(JoinAnswer::Pending)) => {
                info!(joiner = %joiner.fmt_short(), group = %group.fmt_short(), "join request waits for an admin");
                self.shared.group_changed(group);
                1
            }
            Ok(Err(refusal)) => {
                slot.hold_valid(false);
                self.refused(joiner, &format!("a join request: {refusal}"));
                refusal.code()
            }
            Err(e) => {
                slot.hold_valid(false);
                warn!(error = %e, "join failed");
                JoinRefusal::NotAdmin.code()
            }
        }
    }

    fn refused(&self, joiner: DeviceId, what: &str) {
        self.shared.tally().record(Refused::Joins, 1, joiner, what);
    }
}

/// Presents an invite to the inviting device. `Ok(true)`: joined; `Ok(false)`: waiting for an
/// admin's approval. A device that was too busy to take the request (its join connections
/// all taken, say by a flood) is asked again, a few times, within [`IDLE`].
pub(crate) async fn request(
    endpoint: &Endpoint,
    addr: EndpointAddr,
    group: GroupId,
    secret: [u8; 16],
    name: &str,
) -> Result<bool, SyncError> {
    let deadline = tokio::time::Instant::now() + IDLE;
    let body = encode_request(&group, &secret, name);
    let mut pause = std::time::Duration::from_millis(200);
    loop {
        let left = deadline.saturating_duration_since(tokio::time::Instant::now());
        match present(endpoint, addr.clone(), &body, left).await {
            Err(Presented::Busy) if left > pause => {
                debug!(?pause, "the inviting device was busy; asking again");
                tokio::time::sleep(pause).await;
                pause *= 2;
            }
            Err(Presented::Busy) => {
                return Err(SyncError::Unreachable(
                    "the device that invited you is too busy to answer; try again in a few minutes"
                        .into(),
                ));
            }
            Err(Presented::Failed(e)) => return Err(e),
            Ok(code) => {
                return match code {
                    0 => Ok(true),
                    1 => Ok(false),
                    c => Err(SyncError::JoinRefused(
                        JoinRefusal::from_code(c).unwrap_or(JoinRefusal::Unknown),
                    )),
                };
            }
        }
    }
}

/// Why presenting an invite got no answer.
enum Presented {
    /// The inviting device closed the connection as one too many: ask again.
    Busy,
    Failed(SyncError),
}

/// One attempt: a connection, the request, the one-byte answer.
async fn present(
    endpoint: &Endpoint,
    addr: EndpointAddr,
    body: &[u8],
    within: std::time::Duration,
) -> Result<u8, Presented> {
    let conn = super::connect_within(endpoint, addr, ALPN, within)
        .await
        .ok_or_else(|| Presented::Failed(SyncError::Unreachable("the device that invited you did not answer in time; it may be offline, try again later".into())))?
        .map_err(|e| Presented::Failed(SyncError::Unreachable(format!("the device that invited you could not be reached ({e}); it may be offline, try again later"))))?;
    let busy = |conn: &Connection| {
        matches!(
            conn.close_reason(),
            Some(iroh::endpoint::ConnectionError::ApplicationClosed(c)) if c.error_code == CLOSE_BUSY
        )
    };
    let io = async {
        let (mut send, mut recv) = conn
            .open_bi()
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        send.write_u32_le(body.len() as u32).await?;
        send.write_all(body).await?;
        send.finish()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        recv.read_u8().await
    };
    let code = match tokio::time::timeout(within, io).await {
        Ok(Ok(code)) => code,
        Ok(Err(_)) if busy(&conn) => return Err(Presented::Busy),
        Ok(Err(e)) => return Err(Presented::Failed(SyncError::Unreachable(e.to_string()))),
        Err(_) => {
            return Err(Presented::Failed(SyncError::Unreachable(
                "the device that invited you stopped answering".into(),
            )));
        }
    };
    conn.close(CLOSE_DONE, b"done");
    Ok(code)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn join_requests_round_trip_and_lies_are_refused() {
        let b = encode_request(&GroupId::from_bytes([1; 32]), &[2; 16], "Chloé");
        let (g, s, n) = decode_request(&b).unwrap();
        assert_eq!(
            (g, s, n.as_str()),
            (GroupId::from_bytes([1; 32]), [2; 16], "Chloé")
        );
        let mut lie = b.clone();
        lie[49] = 200;
        assert!(decode_request(&lie).is_err());
        assert!(decode_request(&b[..30]).is_err());
        let long = "é".repeat(300);
        let (_, _, n) = decode_request(&encode_request(
            &GroupId::from_bytes([1; 32]),
            &[2; 16],
            &long,
        ))
        .unwrap();
        assert!(n.len() <= 255 && n.chars().all(|c| c == 'é'));
    }
}
