//! Joining with an invite (`/causeway/join/1`): the joiner presents the invite's secret to the
//! inviting device, which checks it and adds the joiner with a signed change. The joiner then
//! receives the group with a group sync session. Byte layout: PROTOCOL.md, "Joining".

use std::sync::Arc;

use causeway_core::{DeviceId, GroupId};
use iroh::endpoint::Connection;
use iroh::protocol::{AcceptError, ProtocolHandler};
use iroh::{Endpoint, EndpointAddr};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tracing::{info, warn};

use crate::error::SyncError;
use crate::invites::JoinRefusal;
use crate::local::JoinAnswer;
use crate::node::Shared;
use crate::protocols::group_sync::IDLE;
use crate::protocols::group_sync::wire::WireError;

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
#[derive(Clone, Debug)]
pub(crate) struct JoinHandler {
    pub(crate) shared: Arc<Shared>,
}

impl ProtocolHandler for JoinHandler {
    async fn accept(&self, conn: Connection) -> Result<(), AcceptError> {
        let joiner = DeviceId::from_bytes(*conn.remote_id().as_bytes());
        let pool = self.shared.caller(joiner);
        let Some(_admitted) = self.shared.gate().admit(joiner, pool) else {
            conn.close(
                crate::protocols::limits::CLOSE_BUSY,
                b"too many connections",
            );
            return Ok(());
        };
        let (mut send, mut recv) = conn.accept_bi().await?;
        let read = async {
            let len = recv.read_u32_le().await? as usize;
            if len > MAX_REQUEST {
                return Err(WireError::TooLarge("join request"));
            }
            let mut body = vec![0u8; len];
            AsyncReadExt::read_exact(&mut recv, &mut body).await?;
            decode_request(&body)
        };
        let answer: u8 = match tokio::time::timeout(IDLE, read).await {
            Ok(Ok((group, secret, name))) => {
                let decision = self
                    .shared
                    .with_local(|n| n.admit_joiner(&group, &secret, joiner, &name));
                match decision {
                    Ok(Ok(JoinAnswer::Accepted)) => {
                        info!(joiner = %joiner.fmt_short(), group = %group.fmt_short(), "joiner added");
                        self.shared.notify(group);
                        0
                    }
                    Ok(Ok(JoinAnswer::Pending)) => 1,
                    Ok(Err(refusal)) => {
                        info!(joiner = %joiner.fmt_short(), ?refusal, "join refused");
                        refusal.code()
                    }
                    Err(e) => {
                        warn!(error = %e, "join failed");
                        JoinRefusal::NotAdmin.code()
                    }
                }
            }
            Ok(Err(e)) => {
                warn!(joiner = %joiner.fmt_short(), error = %e, "bad join request");
                JoinRefusal::Unknown.code()
            }
            Err(_) => return Ok(()),
        };
        let _ = tokio::time::timeout(IDLE, send.write_all(&[answer])).await;
        send.finish()?;
        // The joiner finished its side before reading the answer, so wait for it to close the
        // connection (after reading): closing first could lose the answer.
        let _ = tokio::time::timeout(IDLE, conn.closed()).await;
        Ok(())
    }
}

/// Presents an invite to the inviting device. `Ok(true)`: joined; `Ok(false)`: waiting for an
/// admin's approval.
pub(crate) async fn request(
    endpoint: &Endpoint,
    addr: EndpointAddr,
    group: GroupId,
    secret: [u8; 16],
    name: &str,
) -> Result<bool, SyncError> {
    let conn = super::connect_within(endpoint, addr, ALPN, IDLE)
        .await
        .ok_or_else(|| SyncError::Unreachable("the device that invited you did not answer in time; it may be offline, try again later".into()))?
        .map_err(|e| SyncError::Unreachable(format!("the device that invited you could not be reached ({e}); it may be offline, try again later")))?;
    let (mut send, mut recv) = conn
        .open_bi()
        .await
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    let body = encode_request(&group, &secret, name);
    let io = async {
        send.write_u32_le(body.len() as u32).await?;
        send.write_all(&body).await?;
        send.finish()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        recv.read_u8().await
    };
    let code = tokio::time::timeout(IDLE, io)
        .await
        .map_err(|_| {
            SyncError::Unreachable("the device that invited you stopped answering".into())
        })?
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    conn.close(0u32.into(), b"done");
    match code {
        0 => Ok(true),
        1 => Ok(false),
        c => Err(SyncError::JoinRefused(
            JoinRefusal::from_code(c).unwrap_or(JoinRefusal::Unknown),
        )),
    }
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
