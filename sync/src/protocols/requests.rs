//! Requests to join seen by every admin (`/causeway/requests/1`): a request waits on the
//! device of the admin whose invite was used (its invite book); the group's other admins'
//! devices ask that device for the requests waiting there, and ask it to drop one they
//! declined. An approval needs no message: it is the change that adds the person, which
//! reaches the holding device like any change. Nothing of a request is written to the group
//! (a flood of requests is not a flood of changes everyone keeps). Byte layout: PROTOCOL.md,
//! "Requests to join".
//!
//! ```text
//! request = version u8 (1) ‖ group id (32) ‖ op u8 (0 list, 1 decline) ‖ op 1: device (32)
//! answer  = status u8 (0 done, 1 not an admin of that group here, 2 no such request,
//!           3 malformed) ‖ op 0 and status 0: count u16 ‖ count × (device (32)
//!           ‖ requested at i64 ‖ name length u16 ‖ name, UTF-8)
//! ```
//! Integers are big-endian.

use std::sync::Arc;

use causeway_core::{DeviceId, GroupId, Role};
use iroh::endpoint::Connection;
use iroh::protocol::{AcceptError, ProtocolHandler};
use iroh::{Endpoint, EndpointAddr};
use tokio::io::AsyncReadExt;

use crate::error::SyncError;
use crate::invites::JoinRequest;
use crate::protocols::host::Host;
use crate::protocols::limits::{CLOSE_DONE, CLOSE_WITHIN, STRANGER_WITHIN};
use crate::protocols::tally::Refused;

/// The protocol's ALPN.
pub const ALPN: &[u8] = b"/causeway/requests/1";
const VERSION: u8 = 1;
/// The longest request (a decline).
const MAX_REQUEST: usize = 1 + 32 + 1 + 32;
/// The longest answer read: as many requests as a device keeps, with the longest names.
const MAX_ANSWER: usize = 3 + crate::MAX_WAITING_REQUESTS * (32 + 8 + 2 + 4 * 100);

/// What is asked of the holding device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ask {
    /// The requests waiting there.
    List,
    /// Drop this device's request (an admin declined it).
    Decline(DeviceId),
}

/// A request as another admin's device keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiting {
    /// Who asks.
    pub device: DeviceId,
    /// The name they gave.
    pub name: String,
    /// When (milliseconds since 1970).
    pub requested_at: i64,
}

/// The holding device's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The list (for `List`), or empty (a decline done).
    Done(Vec<Waiting>),
    /// This device is not an admin of that group there (or the group is not there).
    NotAnAdmin,
    /// No such request waits there (a decline).
    NoSuchRequest,
    /// The request could not be read.
    Malformed,
}

fn encode_request(group: &GroupId, ask: Ask) -> Vec<u8> {
    let mut b = vec![VERSION];
    b.extend_from_slice(group.as_bytes());
    match ask {
        Ask::List => b.push(0),
        Ask::Decline(d) => {
            b.push(1);
            b.extend_from_slice(d.as_bytes());
        }
    }
    b
}

fn decode_request(b: &[u8]) -> Option<(GroupId, Ask)> {
    let (&version, rest) = b.split_first()?;
    if version != VERSION || rest.len() < 33 {
        return None;
    }
    let group = GroupId::from_bytes(rest[..32].try_into().ok()?);
    match (rest[32], &rest[33..]) {
        (0, []) => Some((group, Ask::List)),
        (1, d) if d.len() == 32 => Some((
            group,
            Ask::Decline(DeviceId::from_bytes(d.try_into().ok()?)),
        )),
        _ => None,
    }
}

fn encode_list(list: &[JoinRequest]) -> Vec<u8> {
    let mut b = vec![0u8];
    let list: Vec<(DeviceId, &JoinRequest)> = list
        .iter()
        .filter_map(|r| DeviceId::from_hex(&r.device).ok().map(|d| (d, r)))
        .take(usize::from(u16::MAX))
        .collect();
    b.extend_from_slice(&(list.len() as u16).to_be_bytes());
    for (d, r) in list {
        b.extend_from_slice(d.as_bytes());
        b.extend_from_slice(&r.requested_at.to_be_bytes());
        let name: String = r.name.chars().take(100).collect();
        b.extend_from_slice(&(name.len() as u16).to_be_bytes());
        b.extend_from_slice(name.as_bytes());
    }
    b
}

fn decode_answer(b: &[u8]) -> Option<Answer> {
    let (&status, mut at) = b.split_first()?;
    let mut take = |n: usize| -> Option<&[u8]> {
        let (head, tail) = (at.get(..n)?, at.get(n..)?);
        at = tail;
        Some(head)
    };
    Some(match status {
        0 if b.len() == 1 => Answer::Done(Vec::new()),
        0 => {
            let count = u16::from_be_bytes(take(2)?.try_into().ok()?);
            let mut list = Vec::with_capacity(usize::from(count).min(512));
            for _ in 0..count {
                let device = DeviceId::from_bytes(take(32)?.try_into().ok()?);
                let requested_at = i64::from_be_bytes(take(8)?.try_into().ok()?);
                let len = u16::from_be_bytes(take(2)?.try_into().ok()?);
                let name = std::str::from_utf8(take(usize::from(len))?).ok()?;
                if name.chars().count() > 100 {
                    return None;
                }
                list.push(Waiting {
                    device,
                    name: name.to_owned(),
                    requested_at,
                });
            }
            if take(1).is_some() {
                return None;
            }
            Answer::Done(list)
        }
        1 => Answer::NotAnAdmin,
        2 => Answer::NoSuchRequest,
        _ => Answer::Malformed,
    })
}

/// The accepting side: the device holding requests.
#[derive(Debug)]
pub(crate) struct RequestsHandler<H> {
    pub(crate) shared: Arc<H>,
}

impl<H> Clone for RequestsHandler<H> {
    fn clone(&self) -> Self {
        RequestsHandler {
            shared: self.shared.clone(),
        }
    }
}

impl<H: Host> ProtocolHandler for RequestsHandler<H> {
    async fn accept(&self, conn: Connection) -> Result<(), AcceptError> {
        let from = DeviceId::from_bytes(*conn.remote_id().as_bytes());
        let Some(admitted) = self
            .shared
            .admit_member(&conn, from, "an ask for requests to join")
        else {
            return Ok(());
        };
        let served = tokio::time::timeout(STRANGER_WITHIN, self.serve(from, &conn)).await;
        if matches!(served, Ok(true)) {
            let _ = tokio::time::timeout(CLOSE_WITHIN, conn.closed()).await;
        }
        conn.close(CLOSE_DONE, b"done");
        drop(admitted);
        Ok(())
    }
}

impl<H: Host> RequestsHandler<H> {
    /// Answers one request; whether an answer was sent.
    async fn serve(&self, from: DeviceId, conn: &Connection) -> bool {
        let Ok((mut send, mut recv)) = conn.accept_bi().await else {
            return false;
        };
        let mut body = Vec::new();
        let read = (&mut recv)
            .take(MAX_REQUEST as u64 + 1)
            .read_to_end(&mut body)
            .await;
        let answer = match read.ok().and_then(|_| decode_request(&body)) {
            Some((group, ask)) => self.answer(from, group, ask),
            None => {
                self.shared.tally().record(
                    Refused::Broken,
                    1,
                    from,
                    "a malformed ask for requests to join",
                );
                vec![3]
            }
        };
        send.write_all(&answer).await.is_ok() && send.finish().is_ok()
    }

    fn answer(&self, from: DeviceId, group: GroupId, ask: Ask) -> Vec<u8> {
        let admin = self.shared.read_local(|n| {
            n.group(&group)
                .is_some_and(|g| g.role_of(from).is_some_and(|r| r >= Role::Admin))
        });
        if !matches!(admin, Ok(true)) {
            return vec![1];
        }
        match ask {
            Ask::List => self
                .shared
                .read_local(|n| encode_list(&n.pending_requests(&group)))
                .unwrap_or_else(|_| vec![1]),
            Ask::Decline(d) => match self.shared.with_local(|n| n.drop_request(&group, d)) {
                Ok(Ok(true)) => {
                    tracing::info!(by = %from.fmt_short(), group = %group.fmt_short(), "a request to join declined by another admin");
                    vec![0]
                }
                Ok(Ok(false)) => vec![2],
                _ => vec![1],
            },
        }
    }
}

/// Asks the device at `addr` about the requests to join `group` waiting there.
pub(crate) async fn ask(
    endpoint: &Endpoint,
    addr: EndpointAddr,
    group: &GroupId,
    what: Ask,
    within: std::time::Duration,
) -> Result<Answer, SyncError> {
    let conn = super::connect_within(endpoint, addr, ALPN, within)
        .await
        .ok_or_else(|| SyncError::Unreachable("no answer in time".into()))?
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    let io = async {
        let (mut send, mut recv) = conn
            .open_bi()
            .await
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        send.write_all(&encode_request(group, what)).await?;
        send.finish()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let mut answer = Vec::new();
        (&mut recv)
            .take(MAX_ANSWER as u64 + 1)
            .read_to_end(&mut answer)
            .await?;
        Ok::<_, std::io::Error>(answer)
    };
    let answer = match tokio::time::timeout(within, io).await {
        Ok(Ok(a)) => a,
        Ok(Err(e)) => return Err(SyncError::Unreachable(e.to_string())),
        Err(_) => return Err(SyncError::Unreachable("stopped answering".into())),
    };
    conn.close(CLOSE_DONE, b"done");
    Ok(decode_answer(&answer).unwrap_or(Answer::Malformed))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_answers_read_back_and_garbage_is_refused() {
        let g = GroupId::from_bytes([1; 32]);
        let d = DeviceId::from_bytes([2; 32]);
        for ask in [Ask::List, Ask::Decline(d)] {
            assert_eq!(decode_request(&encode_request(&g, ask)), Some((g, ask)));
        }
        assert_eq!(decode_request(&[1, 2, 3]), None);
        let mut long = encode_request(&g, Ask::List);
        long.push(0);
        assert_eq!(decode_request(&long), None);
        let list = vec![JoinRequest {
            group: g.to_hex(),
            device: d.to_hex(),
            name: "Dara".into(),
            requested_at: 7,
            via: None,
        }];
        assert_eq!(
            decode_answer(&encode_list(&list)),
            Some(Answer::Done(vec![Waiting {
                device: d,
                name: "Dara".into(),
                requested_at: 7
            }]))
        );
        let mut cut = encode_list(&list);
        cut.pop();
        assert_eq!(decode_answer(&cut), None);
        assert_eq!(decode_answer(&[1]), Some(Answer::NotAnAdmin));
        assert_eq!(decode_answer(&[0]), Some(Answer::Done(Vec::new())));
    }
}
