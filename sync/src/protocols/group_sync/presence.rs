//! Presence in a shared document (PROTOCOL.md, "Shared documents"): where a member's cursor
//! is, told on a stream of a connection kept to each member's device. Sessions about a
//! document are the group's (`serve`), over the document's changes.

use super::IDLE;
use super::wire::{Frame, write_frame};
use crate::error::SyncError;
use crate::protocols::host::Host;

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
