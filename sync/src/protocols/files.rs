//! Who gets the bytes of a file: iroh-blobs' provider on the node's endpoint, behind a gate.
//! Every connection is asked about ([`ConnectMode::Intercept`]): a device that is a member of
//! none of this device's groups is refused before it asks anything. Every request is asked
//! about ([`RequestMode::Intercept`]): a member gets a blob only when a group that holds both
//! of them references it with a file that shows (not taken off, not hidden). A stranger who
//! knows a hash gets nothing, and neither does a member of another group. Requests for several
//! blobs at once, pushes and questions about what this device holds are refused outright.

use std::collections::HashMap;
use std::sync::Weak;

use causeway_core::{BlobHash, DeviceId};
use iroh_blobs::provider::events::{
    AbortReason, ConnectMode, EventMask, EventSender, ObserveMode, ProviderMessage, RequestMode,
    ThrottleMode,
};
use tracing::debug;

use crate::files::from_iroh;

/// The ALPN of files: iroh-blobs' own.
pub const ALPN: &[u8] = iroh_blobs::ALPN;

/// What the gate asks of the node.
pub(crate) trait Members: Send + Sync + 'static {
    /// Whether `who` is a member of any group this device holds.
    fn is_member_anywhere(&self, who: DeviceId) -> bool;
    /// Whether `who` may have `hash`: a group both are in references it with a file that shows.
    fn may_have(&self, who: DeviceId, hash: BlobHash) -> bool;
    /// Counts a refusal.
    fn refused(&self, who: Option<DeviceId>);
}

/// The events the provider sends, and the task that answers them as `members` says.
pub(crate) fn gate<M: Members>(members: Weak<M>) -> EventSender {
    let mask = EventMask {
        connected: ConnectMode::Intercept,
        get: RequestMode::Intercept,
        get_many: RequestMode::Disabled,
        push: RequestMode::Disabled,
        observe: ObserveMode::Intercept,
        throttle: ThrottleMode::None,
    };
    let (sender, mut rx) = EventSender::channel(64, mask);
    tokio::spawn(async move {
        // Which device each open connection is from.
        let mut from: HashMap<u64, DeviceId> = HashMap::new();
        while let Some(msg) = rx.recv().await {
            let Some(m) = members.upgrade() else { return };
            match msg {
                ProviderMessage::ClientConnected(msg) => {
                    let who = msg
                        .endpoint_id
                        .map(|id| DeviceId::from_bytes(*id.as_bytes()));
                    let verdict = match who {
                        Some(w) if m.is_member_anywhere(w) => {
                            from.insert(msg.connection_id, w);
                            Ok(())
                        }
                        _ => {
                            debug!(device = ?who.map(|w| w.fmt_short()), "files refused to a device that is no member");
                            m.refused(who);
                            Err(AbortReason::Permission)
                        }
                    };
                    msg.tx.send(verdict).await.ok();
                }
                ProviderMessage::ConnectionClosed(msg) => {
                    from.remove(&msg.connection_id);
                }
                ProviderMessage::GetRequestReceived(msg) => {
                    let who = from.get(&msg.connection_id).copied();
                    let hash = from_iroh(msg.request.hash);
                    let verdict = match who {
                        Some(w) if msg.request.ranges.is_blob() && m.may_have(w, hash) => Ok(()),
                        _ => {
                            debug!(file = %hash.fmt_short(), "a file refused to a member of no group that shows it");
                            m.refused(who);
                            Err(AbortReason::Permission)
                        }
                    };
                    msg.tx.send(verdict).await.ok();
                }
                ProviderMessage::ObserveRequestReceived(msg) => {
                    m.refused(from.get(&msg.connection_id).copied());
                    msg.tx.send(Err(AbortReason::Permission)).await.ok();
                }
                ProviderMessage::GetManyRequestReceived(msg) => {
                    msg.tx.send(Err(AbortReason::Permission)).await.ok();
                }
                ProviderMessage::PushRequestReceived(msg) => {
                    msg.tx.send(Err(AbortReason::Permission)).await.ok();
                }
                ProviderMessage::Throttle(msg) => {
                    msg.tx.send(Ok(())).await.ok();
                }
                _ => {}
            }
        }
    });
    sender
}
