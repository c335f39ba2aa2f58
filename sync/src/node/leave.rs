//! Leaving a group: the leave is handed to the members at once (a brief node's changes wait
//! for no later round: a device that left syncs the group no more), and the local copy is
//! deleted when asked, once a member knows.
use std::time::Duration;

use causeway_core::GroupId;

use crate::error::{SyncError, SyncProblem};
use crate::protocols::group_sync::wire::RefuseCode;

/// How long the members have to take the leave.
const TELL_WITHIN: Duration = Duration::from_secs(10);

/// What leaving did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Left {
    /// Whether the leave was written now (false: this device was out of the group already).
    pub left_now: bool,
    /// How many members' devices took the leave now, and how many there are.
    pub told: usize,
    /// The other members.
    pub members: usize,
    /// Whether the local copy was deleted.
    pub deleted: bool,
}

impl super::Node {
    /// Leaves `group` (when this device is still in it), hands the leave to every member
    /// reachable within a few seconds, and with `delete_local` deletes the local copy. The
    /// copy is kept when no member took the leave (they would count this device as a member
    /// for ever) unless `anyway`.
    pub async fn leave(
        &self,
        group: GroupId,
        delete_local: bool,
        anyway: bool,
    ) -> Result<Left, SyncError> {
        // In the group; or out of it by leaving (then the members are told again: an earlier
        // try may have reached nobody), or removed by someone else.
        let (in_group, i_left) = self.local(|n| {
            let g = n.group(&group).ok_or(SyncError::UnknownGroup(group))?;
            let me = g.device();
            let i_left = g
                .members()
                .iter()
                .any(|m| m.id == me && m.removed.as_ref().is_some_and(|r| r.by == me));
            Ok::<_, SyncError>((g.my_role().is_some(), i_left))
        })??;
        if in_group {
            self.leave_group(group)?;
        }
        let (told, members) = if in_group || i_left {
            self.tell_members(group).await
        } else {
            (0, 0)
        };
        let deleted = if delete_local {
            if told == 0 && members > 0 && !anyway {
                return Err(SyncError::InvalidInput(SyncProblem::LeaveNotDelivered));
            }
            self.local(|n| n.forget_group(&group))??;
            true
        } else {
            false
        };
        Ok(Left {
            left_now: in_group,
            told,
            members,
            deleted,
        })
    }

    /// Pushes `group` to each of its other members at once, each within [`TELL_WITHIN`]:
    /// how many took it, of how many.
    async fn tell_members(&self, group: GroupId) -> (usize, usize) {
        let me = self.device_id();
        let members = self
            .local(|n| {
                n.group(&group)
                    .map(|g| {
                        let mut m = g.current_members();
                        m.retain(|d| *d != me && !n.is_blocked(*d));
                        m
                    })
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        let mut tries = tokio::task::JoinSet::new();
        for id in &members {
            let Ok(addr) = self.local(|n| n.address_of(*id)) else {
                continue;
            };
            let shared = self.shared.clone();
            tries.spawn(async move {
                // Took it now, or knew already (it no longer counts this device a member).
                matches!(
                    tokio::time::timeout(TELL_WITHIN, shared.sync_with(group, &addr, true)).await,
                    Ok(Ok(_)
                        | Err(SyncError::Refused(
                            RefuseCode::NotAMember | RefuseCode::Removed
                        )))
                )
            });
        }
        let mut told = 0;
        while let Some(r) = tries.join_next().await {
            told += usize::from(r.unwrap_or(false));
        }
        (told, members.len())
    }
}
