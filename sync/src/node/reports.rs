//! Reports on the node: a member's report goes to the outbox and from there to the device of
//! a moderator, admin or owner of the group (`/causeway/report/1`), now and after every
//! background round until one filed it; a moderator's device hands the keys of the reports
//! it opens to the moderators appointed since.

use std::sync::Arc;
use std::time::Duration;

use causeway_core::view::{Category, ReportTarget};
use causeway_core::{GroupId, ItemId};
use tracing::debug;

use super::Node;
use super::shared::Shared;
use crate::error::SyncError;
use crate::protocols::report::{self, Answer};

/// How long one moderator's device gets to take a report.
const HAND_OVER_WITHIN: Duration = Duration::from_secs(5);

impl Node {
    /// Reports `target` in `group`: a moderator's own report is filed at once, a member's
    /// waits in the outbox for [`Node::deliver_reports`] (and the background rounds). Its
    /// id, and whether it is filed already.
    pub fn report(
        &self,
        group: GroupId,
        target: ReportTarget,
        category: Category,
        words: &str,
    ) -> Result<(ItemId, bool), SyncError> {
        let made = self.local(|n| n.report(&group, target, category, words))??;
        if made.1 {
            self.shared.notify(group);
            self.shared.push(group);
        }
        Ok(made)
    }

    /// Hands the outbox's reports to moderators' devices now (each device reached gets
    /// a few seconds); `true` when report `id` of `group` is filed.
    pub async fn deliver_reports(&self, group: GroupId, id: ItemId) -> Result<bool, SyncError> {
        self.shared.clone().deliver_reports().await;
        let waiting = self.local(|n| {
            n.outbox()
                .iter()
                .any(|o| o.group == group.to_hex() && o.id == id.to_hex())
        })?;
        Ok(!waiting)
    }

    /// Hands every report of the outbox to a moderator's device where one is reachable.
    pub async fn deliver_waiting_reports(&self) {
        self.shared.clone().deliver_reports().await;
    }

    /// Hands the keys of the reports of `group` this device opens to the moderators who lack
    /// them, and spreads the change where there was one.
    pub fn reseal_reports(&self, group: GroupId) -> Result<(), SyncError> {
        if self.local(|n| n.reseal_reports(&group))?? {
            self.shared.notify(group);
            self.shared.push(group);
        }
        Ok(())
    }
}

impl Shared {
    /// Tries to hand every report of the outbox to one of its group's readers.
    pub(crate) async fn deliver_reports(self: Arc<Self>) {
        let Ok(out) = self.read_local(|n| n.outbox()) else {
            return;
        };
        for o in out {
            let Some((group, id, sealed)) = o.parts() else {
                continue;
            };
            let me = self.endpoint.id();
            let Ok(readers) = self.read_local(|n| {
                n.group(&group)
                    .map(|g| g.report_readers())
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|d| d.as_bytes() != me.as_bytes())
                    .map(|d| n.address_of(d))
                    .collect::<Vec<_>>()
            }) else {
                return;
            };
            let body = report::encode_request(&group, id, &sealed);
            for addr in readers {
                let Ok(dial) = self.dial_addr(&addr) else {
                    continue;
                };
                match report::hand_over(&self.endpoint, dial, &body, HAND_OVER_WITHIN).await {
                    Ok(Answer::Filed) => {
                        if let Err(e) = self.with_local(|n| n.report_handed_over(&group, id)) {
                            debug!(error = %e, "the outbox could not be written");
                        }
                        break;
                    }
                    Ok(other) => debug!(?other, "a moderator's device did not file the report"),
                    Err(e) => debug!(error = %e, "a moderator's device was not reached"),
                }
            }
        }
    }
}
