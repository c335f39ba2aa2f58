//! Handing a report to a moderator (`/causeway/report/1`): a member's device sends its
//! sealed report to the device of one of the group's moderators, admins or owner, which
//! checks that it opens there and that the connecting device signed it, and files it in the
//! group as its own change. The reporter's name therefore never appears in the group's
//! history. Byte layout: PROTOCOL.md, "Reports".
//!
//! ```text
//! request = version u8 (1) ‖ group id (32) ‖ report id u64 ‖ body length u32 ‖ body
//!           ‖ key count u16 ‖ key count × (device id (32) ‖ wrapped key (80))
//! answer  = one byte: 0 filed (or filed before), 1 this device files no reports of that
//!           group, 2 the sender is not a member, 3 the report does not open here or is not
//!           the sender's, 4 malformed, 5 the sender has as many undecided reports as a
//!           member may have (try again once moderators decided some)
//! ```
//! Integers are big-endian.

use std::sync::Arc;

use causeway_core::seal::{Sealed, WRAPPED_LEN};
use causeway_core::{DeviceId, GroupId, ItemId};
use iroh::endpoint::Connection;
use iroh::protocol::{AcceptError, ProtocolHandler};
use iroh::{Endpoint, EndpointAddr};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::error::SyncError;
use crate::protocols::group_sync::wire::WireError;
use crate::protocols::host::Host;
use crate::protocols::limits::{CLOSE_DONE, CLOSE_WITHIN, STRANGER_WITHIN};
use crate::protocols::tally::Refused;

/// The protocol's ALPN.
pub const ALPN: &[u8] = b"/causeway/report/1";
const VERSION: u8 = 1;
/// The largest request read (its length is looked at before anything is allocated).
pub const MAX_REQUEST: usize = 64 * 1024;

/// What a moderator's device answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Filed (now, or before).
    Filed = 0,
    /// That device files no reports of the group (not a moderator there, or not in it).
    NotAReader = 1,
    /// The sender is not a member of the group there.
    NotAMember = 2,
    /// The report does not open there, or it is not the sender's.
    Unreadable = 3,
    /// The request could not be read.
    Malformed = 4,
    /// The sender has as many undecided reports as a member may have.
    TooMany = 5,
}

impl Answer {
    fn from_code(c: u8) -> Answer {
        match c {
            0 => Answer::Filed,
            1 => Answer::NotAReader,
            2 => Answer::NotAMember,
            3 => Answer::Unreadable,
            5 => Answer::TooMany,
            _ => Answer::Malformed,
        }
    }
}

/// Encodes a request (without the length prefix).
pub fn encode_request(group: &GroupId, id: ItemId, sealed: &Sealed) -> Vec<u8> {
    let mut b = vec![VERSION];
    b.extend_from_slice(group.as_bytes());
    b.extend_from_slice(&id.to_u64().to_be_bytes());
    b.extend_from_slice(&(sealed.body.len() as u32).to_be_bytes());
    b.extend_from_slice(&sealed.body);
    b.extend_from_slice(&(sealed.keys.len() as u16).to_be_bytes());
    for (d, k) in &sealed.keys {
        b.extend_from_slice(d.as_bytes());
        b.extend_from_slice(k);
    }
    b
}

/// Decodes a request.
pub fn decode_request(b: &[u8]) -> Result<(GroupId, ItemId, Sealed), WireError> {
    let bad = || WireError::Malformed("bad report request");
    let take = |at: &mut usize, n: usize| -> Result<&[u8], WireError> {
        let s = b.get(*at..*at + n).ok_or_else(bad)?;
        *at += n;
        Ok(s)
    };
    let mut at = 0;
    if take(&mut at, 1)? != [VERSION] {
        return Err(bad());
    }
    let group = GroupId::from_bytes(take(&mut at, 32)?.try_into().map_err(|_| bad())?);
    let id = ItemId::from_u64(u64::from_be_bytes(
        take(&mut at, 8)?.try_into().map_err(|_| bad())?,
    ));
    let len = u32::from_be_bytes(take(&mut at, 4)?.try_into().map_err(|_| bad())?) as usize;
    let body = take(&mut at, len)?.to_vec();
    let count = u16::from_be_bytes(take(&mut at, 2)?.try_into().map_err(|_| bad())?) as usize;
    let mut keys = Vec::with_capacity(count.min(256));
    for _ in 0..count {
        let d = DeviceId::from_bytes(take(&mut at, 32)?.try_into().map_err(|_| bad())?);
        keys.push((d, take(&mut at, WRAPPED_LEN)?.to_vec()));
    }
    if at != b.len() {
        return Err(bad());
    }
    Ok((group, id, Sealed { body, keys }))
}

/// The accepting side: a moderator's device.
#[derive(Debug)]
pub(crate) struct ReportHandler<H> {
    pub(crate) shared: Arc<H>,
}

impl<H> Clone for ReportHandler<H> {
    fn clone(&self) -> Self {
        ReportHandler {
            shared: self.shared.clone(),
        }
    }
}

impl<H: Host> ProtocolHandler for ReportHandler<H> {
    async fn accept(&self, conn: Connection) -> Result<(), AcceptError> {
        let from = DeviceId::from_bytes(*conn.remote_id().as_bytes());
        // Only members of this device's groups hand reports over; they share the members'
        // pool of connections.
        let Some(admitted) = self.shared.admit_member(&conn, from, "a report") else {
            return Ok(());
        };
        let answer = self.serve(from, &conn).await;
        if answer.is_some() {
            let _ = tokio::time::timeout(CLOSE_WITHIN, conn.closed()).await;
        }
        conn.close(CLOSE_DONE, b"done");
        drop(admitted);
        Ok(())
    }
}

impl<H: Host> ReportHandler<H> {
    async fn serve(&self, from: DeviceId, conn: &Connection) -> Option<Answer> {
        let read = async {
            let (send, mut recv) = conn
                .accept_bi()
                .await
                .map_err(|e| WireError::Io(std::io::Error::other(e.to_string())))?;
            let len = recv.read_u32().await? as usize;
            if len > MAX_REQUEST {
                return Ok((send, Err(WireError::TooLarge("report"))));
            }
            let mut body = vec![0u8; len];
            AsyncReadExt::read_exact(&mut recv, &mut body).await?;
            Ok::<_, WireError>((send, decode_request(&body)))
        };
        let (mut send, request) = match tokio::time::timeout(STRANGER_WITHIN, read).await {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => {
                self.refused(from, &format!("a report connection broke off: {e}"));
                return None;
            }
            Err(_) => {
                self.refused(from, "a report did not arrive in time");
                return None;
            }
        };
        let answer = match request {
            Ok((group, id, sealed)) => self.file(from, group, id, &sealed),
            Err(e) => {
                self.refused(from, &format!("a malformed report: {e}"));
                Answer::Malformed
            }
        };
        let _ = tokio::time::timeout(CLOSE_WITHIN, send.write_all(&[answer as u8])).await;
        let _ = send.finish();
        let _ = tokio::time::timeout(CLOSE_WITHIN, send.stopped()).await;
        Some(answer)
    }

    fn file(&self, from: DeviceId, group: GroupId, id: ItemId, sealed: &Sealed) -> Answer {
        let filed = self
            .shared
            .with_local(|n| n.file_report(&group, id, sealed, from));
        match filed {
            Ok(Ok(true)) => {
                tracing::info!(from = %from.fmt_short(), group = %group.fmt_short(), "report filed");
                self.shared.changed_here(group);
                Answer::Filed
            }
            Ok(Ok(false)) => Answer::Filed,
            Ok(Err(e)) => {
                let answer = match &e {
                    SyncError::UnknownGroup(_) => Answer::NotAReader,
                    SyncError::Core(causeway_core::CoreError::NotPermitted(
                        causeway_core::Problem::NotAMember,
                    )) => Answer::NotAMember,
                    SyncError::Core(causeway_core::CoreError::NotPermitted(_)) => {
                        Answer::NotAReader
                    }
                    SyncError::Core(causeway_core::CoreError::InvalidInput(
                        causeway_core::Problem::TooManyOpenReports { .. },
                    )) => Answer::TooMany,
                    _ => Answer::Unreadable,
                };
                self.refused(
                    from,
                    &format!("a report for group {}: {e}", group.fmt_short()),
                );
                answer
            }
            Err(e) => {
                tracing::warn!(error = %e, "a report could not be filed");
                Answer::NotAReader
            }
        }
    }

    fn refused(&self, from: DeviceId, what: &str) {
        self.shared.tally().record(Refused::Sessions, 1, from, what);
    }
}

/// Hands a report to one moderator's device.
pub(crate) async fn hand_over(
    endpoint: &Endpoint,
    addr: EndpointAddr,
    body: &[u8],
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
        send.write_u32(body.len() as u32).await?;
        send.write_all(body).await?;
        send.finish()
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        recv.read_u8().await
    };
    let code = match tokio::time::timeout(within, io).await {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => return Err(SyncError::Unreachable(e.to_string())),
        Err(_) => return Err(SyncError::Unreachable("stopped answering".into())),
    };
    conn.close(CLOSE_DONE, b"done");
    Ok(Answer::from_code(code))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn report_requests_round_trip_and_lies_are_refused() {
        let sealed = Sealed {
            body: vec![7; 60],
            keys: vec![(DeviceId::from_bytes([3; 32]), vec![9; WRAPPED_LEN])],
        };
        let b = encode_request(&GroupId::from_bytes([1; 32]), ItemId::from_u64(42), &sealed);
        let (g, id, s) = decode_request(&b).unwrap();
        assert_eq!(
            (g, id, s),
            (GroupId::from_bytes([1; 32]), ItemId::from_u64(42), sealed)
        );
        // A length that lies, a cut request, bytes after the end, another version.
        let mut lie = b.clone();
        lie[41..45].copy_from_slice(&u32::MAX.to_be_bytes());
        assert!(decode_request(&lie).is_err());
        assert!(decode_request(&b[..b.len() - 1]).is_err());
        let mut long = b.clone();
        long.push(0);
        assert!(decode_request(&long).is_err());
        let mut v2 = b;
        v2[0] = 2;
        assert!(decode_request(&v2).is_err());
    }
}
