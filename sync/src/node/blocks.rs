//! Blocking and muting on a running node (the choices themselves: `local::blocks`): a
//! blocked device loses its kept connection at once, and the views are built again without
//! the people concerned.
use causeway_core::DeviceId;

use crate::MuteTarget;
use crate::error::SyncError;

impl super::Node {
    /// Blocks `who` on this device (see `local::blocks`), with a reason for the person's
    /// own list.
    pub fn block(&self, who: DeviceId, reason: &str) -> Result<(), SyncError> {
        self.local(|n| n.block(who, reason))??;
        // A connection this device kept to theirs goes now; streams they open on one they
        // made are refused (the handler asks again for every stream).
        self.shared.kept.forget(who);
        Ok(())
    }

    /// Unblocks `who`; false when they were not blocked. Sessions with them start again at
    /// the next round.
    pub fn unblock(&self, who: DeviceId) -> Result<bool, SyncError> {
        self.local(|n| n.unblock(who))?
    }

    /// Mutes a person, a thread or a group's news on this device.
    pub fn mute(&self, target: MuteTarget) -> Result<(), SyncError> {
        self.local(|n| n.mute(target))?
    }

    /// Unmutes; false when it was not muted.
    pub fn unmute(&self, target: MuteTarget) -> Result<bool, SyncError> {
        self.local(|n| n.unmute(target))?
    }
}
