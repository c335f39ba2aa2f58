//! Keeps this device's name, bio, languages and avatar in every group as its profile says: a rename reaches
//! every group at once, and a bio that had to wait (a member's, in a group without profiles)
//! is written as soon as an admin's upgrade arrives.
use std::sync::Arc;

use causeway_core::GroupId;
use tokio::sync::broadcast::error::RecvError;
use tracing::warn;

use super::NodeEvent;
use super::shared::Shared;
use crate::local::ProfileGaps;

/// Follows every group's news for as long as the node runs: first every group (a rename an
/// older Causeway did not carry into them), then each group that changed.
pub(super) fn spawn_profile_follower(shared: &Arc<Shared>) {
    let mut events = shared.events.subscribe();
    let weak = Arc::downgrade(shared);
    tokio::spawn(async move {
        let mut next: Option<GroupId> = None;
        loop {
            let Some(shared) = weak.upgrade() else { return };
            if shared.stopping.load(std::sync::atomic::Ordering::Acquire) {
                return;
            }
            shared.follow_profile(next);
            drop(shared);
            next = loop {
                match events.recv().await {
                    Ok(NodeEvent::GroupChanged(g)) => break Some(g),
                    Ok(_) => {}
                    // Missed news: every group again.
                    Err(RecvError::Lagged(_)) => break None,
                    Err(RecvError::Closed) => return,
                }
            };
        }
    });
}

impl Shared {
    /// Writes the profile into `group` (every group: `None`) where it shows something else,
    /// and pushes what was written.
    pub(super) fn follow_profile(self: &Arc<Self>, group: Option<GroupId>) {
        let ids: Vec<GroupId> = match group {
            Some(g) => vec![g],
            None => match self.read_local(|n| n.groups().map(|g| g.id()).collect()) {
                Ok(ids) => ids,
                Err(_) => return,
            },
        };
        for id in ids {
            // Most news needs nothing written: looked at under the shared lock first.
            let gaps = self.read_local(|n| n.profile_gaps(&id));
            if !gaps.is_ok_and(|g| g != ProfileGaps::default()) {
                continue;
            }
            match self.with_local(|n| n.follow_profile(&id)) {
                Ok(Ok(true)) => {
                    self.notify(id);
                    self.push(id);
                }
                Ok(Ok(false)) => {}
                Ok(Err(e)) => {
                    warn!(group = %id.fmt_short(), error = %e, "the profile was not written into the group");
                }
                Err(e) => warn!(error = %e, "the profile was not written"),
            }
        }
    }
}
