//! What a protocol needs of the node that runs it: the local state, the limits, the kept
//! connections, and where to report what happened. The node implements [`Host`]; the
//! protocols never see the node itself, so they sit below it.
use std::sync::Arc;

use causeway_core::{DeviceId, GroupId, IngestReport};

use super::group_sync::kept::KeptConnections;
use super::limits::{Caller, Gate};
use super::tally::{Refused, Tally};
use crate::address::PeerAddress;
use crate::error::SyncError;
use crate::local::LocalNode;

/// The node, as the protocols see it.
pub(crate) trait Host: std::fmt::Debug + Send + Sync + 'static {
    /// Runs `f` on the local state without changing it; other readers run at the same time.
    fn read_local<R>(&self, f: impl FnOnce(&LocalNode) -> R) -> Result<R, SyncError>;

    /// Runs `f` on the local state, alone. Keep `f` short: it holds the lock.
    fn with_local<R>(&self, f: impl FnOnce(&mut LocalNode) -> R) -> Result<R, SyncError>;

    /// What other devices may hold of this one at once.
    fn gate(&self) -> &Arc<Gate>;

    /// What was refused to other devices since the node started.
    fn tally(&self) -> &Tally;

    /// Sync connections kept for the next sessions with the same device.
    fn kept(&self) -> &KeptConnections;

    /// A group's state changed without a session (a joiner was added or asks to join).
    fn group_changed(&self, group: GroupId);

    /// This device made a change in `group` for another device (it filed a report): the
    /// app hears of it, and the members get it.
    fn changed_here(self: &Arc<Self>, group: GroupId);

    /// A session took in what `from` sent for `group`: the refused changes are counted, the
    /// app hears of the accepted ones, and those are passed on to the other members.
    fn took_in(self: &Arc<Self>, from: DeviceId, group: GroupId, report: &IngestReport);

    /// A session took in what `from` sent for the document `doc` of `group`, as `took_in`.
    fn took_in_doc(
        self: &Arc<Self>,
        from: DeviceId,
        group: GroupId,
        doc: causeway_core::DocId,
        report: &causeway_core::docs::DocIngestReport,
    );

    /// A member's device said it has document `doc` open with its cursor at `cursor` (a
    /// position at `heads`), or closed it.
    fn presence(
        self: &Arc<Self>,
        from: DeviceId,
        group: GroupId,
        doc: causeway_core::DocId,
        cursor: Option<u32>,
        heads: Vec<causeway_core::ChangeHash>,
    );

    /// How far a large incoming transfer for `group` got (`None` when it ended).
    fn receiving(&self, group: GroupId, progress: Option<(usize, usize)>);

    /// A session with `peer` worked, through a relay or not.
    fn reached(&self, peer: DeviceId, relayed: bool);

    /// A group sync connection to a member's device is open (dialed, or accepted): the device
    /// counts as connected until the connection closes. Called again for the same connection,
    /// it only refreshes whether that goes through a relay.
    fn connected(self: &Arc<Self>, conn: &iroh::endpoint::Connection);

    /// Which pool of connections a calling device draws from.
    fn caller(&self, device: DeviceId) -> Caller {
        match self.read_local(|n| n.has_reason_to_reach(device)) {
            Ok(true) => Caller::Member,
            _ => Caller::Stranger,
        }
    }

    /// Admits a connection from a member of one of this device's groups to the members'
    /// pool, or counts the refusal (`what` says what was asked) and closes it: the small
    /// protocols beside group sync (reports, requests to join) serve members only.
    fn admit_member(
        &self,
        conn: &iroh::endpoint::Connection,
        from: DeviceId,
        what: &str,
    ) -> Option<super::limits::Admitted> {
        let admitted = match self.caller(from) {
            Caller::Member => self.gate().admit(from, Caller::Member),
            _ => None,
        };
        if admitted.is_none() {
            self.tally().record(
                Refused::Sessions,
                1,
                from,
                &format!("{what} from a device that is in none of this device's groups"),
            );
            conn.close(super::limits::CLOSE_BUSY, b"not a member");
        }
        admitted
    }

    /// Remembers where a device was seen (a connection either way) when this device has a
    /// reason to reach it again and the address is news. Strangers are not remembered, and
    /// the check takes the state only to read: a flood of connections does not hold up
    /// sessions.
    fn remember_seen(&self, at: &PeerAddress) {
        if self.read_local(|n| n.caller_is_news(at)).unwrap_or(false)
            && let Err(e) = self.with_local(|n| n.remember_address(at)).and_then(|r| r)
        {
            tracing::debug!(error = %e, "address not remembered");
        }
    }

    /// Counts and logs the changes `from` sent for `group` that were refused, and apart from
    /// them those held because they need a newer Causeway.
    fn refused_changes(&self, from: DeviceId, group: GroupId, report: &IngestReport) {
        if let Some((_, why)) = report.held.first() {
            self.tally().record(
                Refused::Held,
                report.held.len() as u64,
                from,
                &format!(
                    "{} changes for group {} are kept but not shown: {why}",
                    report.held.len(),
                    group.fmt_short()
                ),
            );
        }
        if let Some((_, why)) = report.rejected.first() {
            self.tally().record(
                Refused::Changes,
                report.rejected.len() as u64,
                from,
                &format!(
                    "{} changes for group {} (the first: {why})",
                    report.rejected.len(),
                    group.fmt_short()
                ),
            );
        }
    }
}
