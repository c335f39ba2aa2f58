//! The acceptor's part of a session about one of a group's shared documents: the same
//! exchange as for the group (PROTOCOL.md, "Shared documents"), over the document's changes.

use causeway_core::{ChangeHash, DeviceId, DocId, GroupId};
use iroh::endpoint::{RecvStream, SendStream};
use tracing::debug;

use super::wire::{self, Frame, write_frame};
use super::{GroupSyncHandler, IDLE, Meter, read_changes, send_body, session};
use crate::error::SyncError;
use crate::protocols::host::Host;
use crate::protocols::limits::Budget;
use crate::protocols::tally::Refused;

/// A dialer's `Hello` about a shared document.
pub(super) struct DocHello {
    pub(super) group: GroupId,
    pub(super) doc: DocId,
    pub(super) heads: Vec<ChangeHash>,
    pub(super) shared: Vec<ChangeHash>,
    pub(super) push: bool,
}

impl<H: Host> GroupSyncHandler<H> {
    /// Serves a session about one of a group's shared documents: the same exchange as for
    /// the group, over the document's changes.
    pub(super) async fn serve_doc(
        &self,
        peer: DeviceId,
        budget: &Budget,
        send: &mut SendStream,
        recv: &mut RecvStream,
        hello: DocHello,
    ) -> Result<(), SyncError> {
        let DocHello {
            group,
            doc,
            heads,
            shared,
            push,
        } = hello;
        let answer = self.shared.with_local(|n| {
            session::answer_doc_hello(n, peer, group, doc, &heads, &shared, push)
        })?;
        let (my_heads, body) = match answer {
            Ok(a) => a,
            Err(code) => {
                self.shared.tally().record(
                    Refused::Sessions,
                    1,
                    peer,
                    &format!(
                        "a session for a document of group {}: not a member there, or no such document here",
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
        let patience = wire::within(IDLE, meter.sent as usize);
        let (incoming, held) = read_changes(recv, budget, &mut meter, patience).await?;
        let (report, heads) = self
            .shared
            .with_local(|n| session::take_doc_changes(n, group, doc, incoming))??;
        drop(held);
        self.shared.took_in_doc(peer, group, doc, &report);
        write_frame(send, &Frame::Done { heads }, IDLE).await?;
        debug!(peer = %peer.fmt_short(), group = %group.fmt_short(), doc = %doc.fmt_short(), sent, received = report.accepted.len(), rejected = report.rejected.len(), "document sync served");
        Ok(())
    }
}

/// Tells a member's device, on a stream of a connection kept to it, where this device's
/// cursor is in a document (or that it closed it). Nothing comes back.
pub(crate) async fn send_presence<H: Host>(
    shared: &std::sync::Arc<H>,
    endpoint: &iroh::Endpoint,
    addr: iroh::EndpointAddr,
    frame: Frame,
) -> Result<(), SyncError> {
    let mut o = super::open(shared, endpoint, &addr, true).await?;
    write_frame(&mut o.send, &frame, IDLE).await?;
    o.send
        .finish()
        .map_err(|e| SyncError::Unreachable(e.to_string()))?;
    let _ = tokio::time::timeout(super::super::limits::CLOSE_WITHIN, o.send.stopped()).await;
    Ok(())
}
