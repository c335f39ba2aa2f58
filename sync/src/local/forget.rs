//! Deleting a group's local copy (`causeway group leave --delete-local`, the window's Leave
//! with "delete my copy"): its history, snapshot and documents, and what this device kept
//! about it elsewhere (invites and requests, sync state, reports waiting to be handed over,
//! mutes). The files of its attachments go with the next collection (nothing references
//! them any more). Nothing of it is written to the group: leaving is (`Node::leave_group`).

use causeway_core::GroupId;

use super::LocalNode;
use crate::error::SyncError;

impl LocalNode {
    /// Deletes everything this device holds of `group`. The folder is renamed before it is
    /// removed, so a crash leaves either the whole group or none of it (the next start
    /// finishes a removal cut short).
    pub fn forget_group(&mut self, group: &GroupId) -> Result<(), SyncError> {
        if !self.groups.contains_key(group) {
            return Err(SyncError::UnknownGroup(*group));
        }
        // The stores close first: their files are open while they live.
        self.docs.retain(|(g, _), _| g != group);
        self.groups.remove(group);
        self.dir.remove_group(*group.as_bytes())?;
        let hex = group.to_hex();
        // Invites this device issued for it, and requests waiting in it.
        self.invites.invites.retain(|i| i.group != hex);
        self.invites.pending.retain(|r| r.group != hex);
        self.save_invites(group)?;
        for name in [super::JOINING_FILE, super::peers::SYNC_STATE_FILE] {
            let mut map = self.read_list_map(name)?;
            let before = map.len();
            map.retain(|k, _| k != &hex && !k.contains(&format!(":{hex}")));
            if map.len() != before {
                self.write_list_map(name, &map)?;
            }
        }
        self.forget_reports_of(group)?;
        let mut blocks = self.blocks.clone();
        blocks.threads.retain(|t| t.group != *group);
        blocks.groups.retain(|g| g.group != *group);
        if blocks != self.blocks {
            self.save_blocks(blocks)?;
        }
        self.summaries.forget(group);
        self.dirty.all = true;
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use causeway_core::{NewGroup, Visibility};

    use super::*;

    /// A node with a name, as the other tests of the local state make it.
    use crate::local::tests::named as node;

    #[test]
    fn a_forgotten_group_leaves_nothing_and_a_removal_cut_short_is_finished() {
        let tmp = tempfile::tempdir().unwrap();
        let (kept, gone) = {
            let mut n = node(tmp.path());
            let kept = n
                .create_group(&NewGroup::named("Kept", Visibility::Invite))
                .unwrap();
            let gone = n
                .create_group(&NewGroup::named("Gone", Visibility::Invite))
                .unwrap();
            n.create_invite(&gone, None, None).unwrap();
            n.forget_group(&gone).unwrap();
            assert!(n.group(&gone).is_none());
            assert!(n.invites(&gone).is_empty());
            assert!(matches!(
                n.forget_group(&gone),
                Err(SyncError::UnknownGroup(_))
            ));
            (kept, gone)
        };
        let groups = tmp.path().join("groups");
        assert!(!groups.join(gone.to_hex()).exists());
        let n = node(tmp.path());
        assert!(n.group(&kept).is_some() && n.group(&gone).is_none());
        drop(n);
        // A crash between the rename and the removal: the next start removes the rest.
        let cut = groups.join(format!("{}.removed", kept.to_hex()));
        std::fs::rename(groups.join(kept.to_hex()), &cut).unwrap();
        let n = node(tmp.path());
        assert!(n.group(&kept).is_none());
        assert!(!cut.exists());
    }
}
