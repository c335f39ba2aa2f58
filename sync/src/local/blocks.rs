//! Blocking and muting, this device's own choice (`blocks.json`): nothing of it is written to
//! a group or told to anyone.
//!
//! - A **blocked** person's posts, comments and reactions disappear from this device's views
//!   in every group; their device cannot start a session with this one (it is answered as a
//!   stranger is), this node does not dial it, push to it or pass on what it brings, and
//!   serves it no files. Their changes that reach this device through other members are kept
//!   (the group's history needs them: they are valid for everyone else) and shown nowhere.
//! - A **muted** person's posts, comments and reactions disappear from the views only.
//! - A muted **thread** (a post) folds in the feed and tells no news; a muted **group** tells
//!   no news (no desktop notification).
//!
//! Everything is reversible. A damaged file is read as empty (and a warning kept): nothing
//! else depends on it.

use std::collections::BTreeSet;

use causeway_core::{DeviceId, GroupId, ItemId, Timestamp};

use super::LocalNode;
use crate::error::{SyncError, SyncProblem};

/// Where the choices are kept.
pub(super) const BLOCKS_FILE: &str = "blocks.json";

/// Someone blocked or muted, with the name they had then (they may leave every group later,
/// and the list must still say who they are).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// Their device.
    pub device: DeviceId,
    /// Their name when they were blocked or muted.
    pub name: String,
    /// Why (blocking only; may be empty).
    pub reason: String,
    /// When.
    pub at: Timestamp,
}

/// A thread muted: a post of a group, with its title or first words when it was muted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thread {
    /// The group.
    pub group: GroupId,
    /// The post.
    pub post: ItemId,
    /// What it said, to list it.
    pub words: String,
}

/// A group whose news is muted, with its name when it was muted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MutedGroup {
    /// The group.
    pub group: GroupId,
    /// Its name then.
    pub name: String,
}

/// What this person chose not to see or hear, on this device.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Blocks {
    /// People blocked.
    pub blocked: Vec<Person>,
    /// People muted.
    pub muted: Vec<Person>,
    /// Threads muted.
    pub threads: Vec<Thread>,
    /// Groups muted.
    pub groups: Vec<MutedGroup>,
}

/// Something to mute or unmute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MuteTarget {
    /// A person, in every group.
    Person(DeviceId),
    /// A thread: a post and its comments.
    Thread(GroupId, ItemId),
    /// A group's news.
    Group(GroupId),
}

impl Blocks {
    /// Whether `who` is blocked.
    pub fn is_blocked(&self, who: DeviceId) -> bool {
        self.blocked.iter().any(|p| p.device == who)
    }

    /// Whether `who` is muted.
    pub fn is_muted(&self, who: DeviceId) -> bool {
        self.muted.iter().any(|p| p.device == who)
    }

    /// The people whose words this device does not show: blocked or muted.
    pub fn unseen(&self) -> BTreeSet<DeviceId> {
        self.blocked
            .iter()
            .chain(&self.muted)
            .map(|p| p.device)
            .collect()
    }

    /// Whether the thread of `post` in `group` is muted.
    pub fn thread_muted(&self, group: GroupId, post: ItemId) -> bool {
        self.threads
            .iter()
            .any(|t| t.group == group && t.post == post)
    }

    /// Whether `group`'s news is muted.
    pub fn group_muted(&self, group: GroupId) -> bool {
        self.groups.iter().any(|g| g.group == group)
    }

    /// Whether nothing is blocked or muted.
    pub fn is_empty(&self) -> bool {
        self.blocked.is_empty()
            && self.muted.is_empty()
            && self.threads.is_empty()
            && self.groups.is_empty()
    }
}

/// The file's shape: ids in hex, so that a person can read it.
mod file {
    use serde::{Deserialize, Serialize};

    #[derive(Default, Serialize, Deserialize)]
    pub(super) struct Blocks {
        #[serde(default)]
        pub(super) blocked: Vec<Person>,
        #[serde(default)]
        pub(super) muted: Vec<Person>,
        #[serde(default)]
        pub(super) threads: Vec<Thread>,
        #[serde(default)]
        pub(super) groups: Vec<Group>,
    }

    #[derive(Serialize, Deserialize)]
    pub(super) struct Person {
        pub(super) device: String,
        #[serde(default)]
        pub(super) name: String,
        #[serde(default)]
        pub(super) reason: String,
        #[serde(default)]
        pub(super) at: i64,
    }

    #[derive(Serialize, Deserialize)]
    pub(super) struct Thread {
        pub(super) group: String,
        pub(super) post: u64,
        #[serde(default)]
        pub(super) words: String,
    }

    #[derive(Serialize, Deserialize)]
    pub(super) struct Group {
        pub(super) group: String,
        #[serde(default)]
        pub(super) name: String,
    }
}

impl Blocks {
    /// Reads the file's bytes; entries whose ids do not read are left out.
    pub(super) fn from_bytes(bytes: &[u8]) -> Result<Blocks, serde_json::Error> {
        let f: file::Blocks = serde_json::from_slice(bytes)?;
        let person = |p: file::Person| {
            DeviceId::from_hex(&p.device).ok().map(|device| Person {
                device,
                name: p.name,
                reason: p.reason,
                at: Timestamp(p.at),
            })
        };
        Ok(Blocks {
            blocked: f.blocked.into_iter().filter_map(person).collect(),
            muted: f.muted.into_iter().filter_map(person).collect(),
            threads: f
                .threads
                .into_iter()
                .filter_map(|t| {
                    GroupId::from_hex(&t.group).ok().map(|group| Thread {
                        group,
                        post: ItemId::from_u64(t.post),
                        words: t.words,
                    })
                })
                .collect(),
            groups: f
                .groups
                .into_iter()
                .filter_map(|g| {
                    GroupId::from_hex(&g.group).ok().map(|group| MutedGroup {
                        group,
                        name: g.name,
                    })
                })
                .collect(),
        })
    }

    fn to_bytes(&self) -> Result<Vec<u8>, SyncError> {
        let person = |p: &Person| file::Person {
            device: p.device.to_hex(),
            name: p.name.clone(),
            reason: p.reason.clone(),
            at: p.at.0,
        };
        let f = file::Blocks {
            blocked: self.blocked.iter().map(person).collect(),
            muted: self.muted.iter().map(person).collect(),
            threads: self
                .threads
                .iter()
                .map(|t| file::Thread {
                    group: t.group.to_hex(),
                    post: t.post.to_u64(),
                    words: t.words.clone(),
                })
                .collect(),
            groups: self
                .groups
                .iter()
                .map(|g| file::Group {
                    group: g.group.to_hex(),
                    name: g.name.clone(),
                })
                .collect(),
        };
        serde_json::to_vec_pretty(&f).map_err(|e| SyncError::Internal(e.to_string()))
    }
}

/// The most words a blocking's reason holds.
pub const REASON_AT_MOST: usize = 500;

impl LocalNode {
    /// What this person blocked and muted on this device.
    pub fn blocks(&self) -> &Blocks {
        &self.blocks
    }

    /// Whether `who` is blocked here.
    pub fn is_blocked(&self, who: DeviceId) -> bool {
        self.blocks.is_blocked(who)
    }

    /// The name `who` has in the groups held here, if any.
    fn name_here(&self, who: DeviceId) -> Option<String> {
        self.groups
            .values()
            .find_map(|s| s.group.members().into_iter().find(|m| m.id == who))
            .map(|m| m.name)
    }

    pub(super) fn save_blocks(&mut self, next: Blocks) -> Result<(), SyncError> {
        self.dir.write_file_atomic(BLOCKS_FILE, &next.to_bytes()?)?;
        self.blocks = next;
        // Every group's view shows or leaves out the people concerned.
        self.dirty.all = true;
        Ok(())
    }

    /// Blocks `who` (a person known here, in a group held here or blocked before; not this
    /// device): blocking again updates the reason. A person muted before is blocked instead.
    pub fn block(&mut self, who: DeviceId, reason: &str) -> Result<(), SyncError> {
        if who == self.device_id() {
            return Err(SyncError::InvalidInput(SyncProblem::CannotBlockSelf));
        }
        let reason = reason.trim();
        if reason.chars().count() > REASON_AT_MOST {
            return Err(SyncError::InvalidInput(SyncProblem::BlockReasonTooLong {
                at_most: REASON_AT_MOST,
            }));
        }
        let mut next = self.blocks.clone();
        let name = self
            .name_here(who)
            .or_else(|| {
                next.blocked
                    .iter()
                    .chain(&next.muted)
                    .find(|p| p.device == who)
                    .map(|p| p.name.clone())
            })
            .ok_or(SyncError::InvalidInput(SyncProblem::UnknownPerson))?;
        next.blocked.retain(|p| p.device != who);
        next.muted.retain(|p| p.device != who);
        next.blocked.push(Person {
            device: who,
            name,
            reason: reason.to_string(),
            at: super::now(),
        });
        self.save_blocks(next)
    }

    /// Unblocks `who`; false when they were not blocked.
    pub fn unblock(&mut self, who: DeviceId) -> Result<bool, SyncError> {
        if !self.blocks.is_blocked(who) {
            return Ok(false);
        }
        let mut next = self.blocks.clone();
        next.blocked.retain(|p| p.device != who);
        self.save_blocks(next)?;
        Ok(true)
    }

    /// Mutes `target`; muting what is muted (or a blocked person) changes nothing.
    pub fn mute(&mut self, target: MuteTarget) -> Result<(), SyncError> {
        let mut next = self.blocks.clone();
        match target {
            MuteTarget::Person(who) => {
                if who == self.device_id() {
                    return Err(SyncError::InvalidInput(SyncProblem::CannotBlockSelf));
                }
                if next.is_blocked(who) || next.is_muted(who) {
                    return Ok(());
                }
                let name = self
                    .name_here(who)
                    .ok_or(SyncError::InvalidInput(SyncProblem::UnknownPerson))?;
                next.muted.push(Person {
                    device: who,
                    name,
                    reason: String::new(),
                    at: super::now(),
                });
            }
            MuteTarget::Thread(group, post) => {
                if next.thread_muted(group, post) {
                    return Ok(());
                }
                let g = self.group(&group).ok_or(SyncError::UnknownGroup(group))?;
                let p = g
                    .posts()
                    .into_iter()
                    .find(|p| p.id == post && !p.deleted)
                    .ok_or(SyncError::InvalidInput(SyncProblem::UnknownPost))?;
                let words = if p.title.is_empty() {
                    p.body.chars().take(80).collect()
                } else {
                    p.title
                };
                next.threads.push(Thread { group, post, words });
            }
            MuteTarget::Group(group) => {
                if next.group_muted(group) {
                    return Ok(());
                }
                let g = self.group(&group).ok_or(SyncError::UnknownGroup(group))?;
                let name = g.info().map(|i| i.name).unwrap_or_default();
                next.groups.push(MutedGroup { group, name });
            }
        }
        self.save_blocks(next)
    }

    /// Unmutes `target`; false when it was not muted.
    pub fn unmute(&mut self, target: MuteTarget) -> Result<bool, SyncError> {
        let mut next = self.blocks.clone();
        let before = next.clone();
        match target {
            MuteTarget::Person(who) => next.muted.retain(|p| p.device != who),
            MuteTarget::Thread(group, post) => next
                .threads
                .retain(|t| !(t.group == group && t.post == post)),
            MuteTarget::Group(group) => next.groups.retain(|g| g.group != group),
        }
        if next == before {
            return Ok(false);
        }
        self.save_blocks(next)?;
        Ok(true)
    }
}

/// Reads the choices kept in `bytes` (or none); a damaged file is read as empty, with a
/// warning.
pub(super) fn load(bytes: Option<Vec<u8>>, warnings: &mut Vec<crate::Warning>) -> Blocks {
    match bytes {
        None => Blocks::default(),
        Some(b) => Blocks::from_bytes(&b).unwrap_or_else(|e| {
            warnings.push(crate::Warning::BlocksUnreadable {
                detail: e.to_string(),
            });
            Blocks::default()
        }),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use causeway_core::{DeviceKey, NewGroup, Role, Visibility};

    /// A node with a name, as the other tests of the local state make it.
    use crate::local::tests::named as node;

    #[test]
    fn blocks_and_mutes_are_kept_across_a_restart_and_undone() {
        let tmp = tempfile::tempdir().unwrap();
        let mallory = DeviceKey::from_bytes(&[9; 32]).id();
        let (group, post) = {
            let mut n = node(tmp.path());
            let group = n
                .create_group(&NewGroup::named("River", Visibility::Invite))
                .unwrap();
            n.act(&group, |g, now| {
                g.add_member(now, mallory, "Mallory", Role::Member)
            })
            .unwrap();
            let post = ItemId::from_u64(3);
            n.act(&group, |g, now| {
                g.post(now, post, "Clean-up", "Sunday", "en")
            })
            .unwrap();
            n.block(mallory, "insults").unwrap();
            n.mute(MuteTarget::Thread(group, post)).unwrap();
            n.mute(MuteTarget::Group(group)).unwrap();
            (group, post)
        };
        let mut n = node(tmp.path());
        let b = n.blocks().clone();
        assert_eq!(b.blocked.len(), 1);
        assert_eq!(b.blocked[0].name, "Mallory");
        assert_eq!(b.blocked[0].reason, "insults");
        assert!(b.thread_muted(group, post));
        assert_eq!(b.threads[0].words, "Clean-up");
        assert!(b.group_muted(group));
        assert!(
            !n.has_reason_to_reach(mallory),
            "a blocked device is a stranger"
        );
        // Muting a blocked person changes nothing; unblocking, then muting, mutes.
        n.mute(MuteTarget::Person(mallory)).unwrap();
        assert!(n.blocks().muted.is_empty());
        assert!(n.unblock(mallory).unwrap());
        assert!(!n.unblock(mallory).unwrap());
        assert!(n.has_reason_to_reach(mallory));
        n.mute(MuteTarget::Person(mallory)).unwrap();
        assert!(n.blocks().is_muted(mallory));
        assert!(n.unmute(MuteTarget::Person(mallory)).unwrap());
        assert!(n.unmute(MuteTarget::Thread(group, post)).unwrap());
        assert!(n.unmute(MuteTarget::Group(group)).unwrap());
        assert!(n.blocks().is_empty());
    }

    #[test]
    fn nobody_unknown_or_oneself_is_blocked_and_a_damaged_file_reads_as_empty() {
        let tmp = tempfile::tempdir().unwrap();
        let mut n = node(tmp.path());
        let stranger = DeviceKey::from_bytes(&[4; 32]).id();
        assert!(matches!(
            n.block(stranger, ""),
            Err(SyncError::InvalidInput(SyncProblem::UnknownPerson))
        ));
        let me = n.device_id();
        assert!(matches!(
            n.block(me, ""),
            Err(SyncError::InvalidInput(SyncProblem::CannotBlockSelf))
        ));
        drop(n);
        std::fs::write(tmp.path().join(BLOCKS_FILE), b"{not json").unwrap();
        let n = node(tmp.path());
        assert!(n.blocks().is_empty());
        assert!(
            n.warnings()
                .iter()
                .any(|w| matches!(w, crate::Warning::BlocksUnreadable { .. }))
        );
    }
}
