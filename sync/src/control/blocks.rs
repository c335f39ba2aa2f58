//! Blocking and muting on the control socket (`causeway block`, `unblock`, `mute`,
//! `unmute`): every answer is the whole list as it is now.

use causeway_core::{DeviceId, GroupId, ItemId};
use serde::{Deserialize, Serialize};

use super::{Output, as_text};
use crate::error::{SyncError, SyncProblem};
use crate::node::Node;
use crate::{Blocks, MuteTarget};

/// A request about whom and what this device does not show.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "what", rename_all = "kebab-case")]
pub enum BlockRequest {
    /// Blocks a person: their words disappear here, their device gets no session.
    Block {
        /// Their device.
        #[serde(with = "as_text")]
        device: DeviceId,
        /// Why, for this person's own list (may be empty).
        #[serde(default)]
        reason: String,
    },
    /// Unblocks a person.
    Unblock {
        /// Their device.
        #[serde(with = "as_text")]
        device: DeviceId,
    },
    /// Mutes `person:<device>`, `group:<group>` or `post:<group>/<post>`.
    Mute {
        /// What.
        target: String,
    },
    /// Unmutes what `Mute` muted.
    Unmute {
        /// What.
        target: String,
    },
    /// The list.
    List,
}

/// Someone on the lists.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct PersonLine {
    /// Their device.
    #[serde(with = "as_text")]
    pub device: DeviceId,
    /// Their name then.
    pub name: String,
    /// Why (blocked only).
    pub reason: String,
    /// When.
    pub at: i64,
}

/// A thread muted.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ThreadLine {
    /// Its group.
    #[serde(with = "as_text")]
    pub group: GroupId,
    /// Its post.
    #[serde(with = "as_text")]
    pub post: ItemId,
    /// What the post said.
    pub words: String,
}

/// A group muted.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct MutedGroupLine {
    /// The group.
    #[serde(with = "as_text")]
    pub group: GroupId,
    /// Its name then.
    pub name: String,
}

/// Whom and what this device does not show, and whether the request changed anything.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct BlockList {
    /// Whether the request changed the lists (`false`: unblocking someone not blocked...).
    pub changed: bool,
    /// People blocked.
    pub blocked: Vec<PersonLine>,
    /// People muted.
    pub muted: Vec<PersonLine>,
    /// Threads muted.
    pub threads: Vec<ThreadLine>,
    /// Groups muted.
    pub groups: Vec<MutedGroupLine>,
}

impl BlockList {
    fn of(b: &Blocks, changed: bool) -> BlockList {
        let person = |p: &crate::BlockedPerson| PersonLine {
            device: p.device,
            name: p.name.clone(),
            reason: p.reason.clone(),
            at: p.at.0,
        };
        BlockList {
            changed,
            blocked: b.blocked.iter().map(person).collect(),
            muted: b.muted.iter().map(person).collect(),
            threads: b
                .threads
                .iter()
                .map(|t| ThreadLine {
                    group: t.group,
                    post: t.post,
                    words: t.words.clone(),
                })
                .collect(),
            groups: b
                .groups
                .iter()
                .map(|g| MutedGroupLine {
                    group: g.group,
                    name: g.name.clone(),
                })
                .collect(),
        }
    }
}

/// How a request names what to mute.
pub fn mute_text(t: MuteTarget) -> String {
    match t {
        MuteTarget::Person(d) => format!("person:{}", d.to_hex()),
        MuteTarget::Group(g) => format!("group:{}", g.to_hex()),
        MuteTarget::Thread(g, p) => format!("post:{}/{}", g.to_hex(), p.to_hex()),
    }
}

fn parse_mute(s: &str) -> Result<MuteTarget, SyncError> {
    let bad = || {
        SyncError::InvalidInput(SyncProblem::UnknownMuteTarget {
            given: s.to_owned(),
        })
    };
    let (kind, id) = s.split_once(':').ok_or_else(bad)?;
    Ok(match kind {
        "person" => MuteTarget::Person(DeviceId::from_hex(id).map_err(|_| bad())?),
        "group" => MuteTarget::Group(GroupId::from_hex(id).map_err(|_| bad())?),
        "post" => {
            let (g, p) = id.split_once('/').ok_or_else(bad)?;
            MuteTarget::Thread(
                GroupId::from_hex(g).map_err(|_| bad())?,
                ItemId::from_hex(p).map_err(|_| bad())?,
            )
        }
        _ => return Err(bad()),
    })
}

/// Carries out a request about blocking and muting.
pub(super) fn execute(node: &Node, req: BlockRequest) -> Result<Output, SyncError> {
    let changed = match req {
        BlockRequest::Block { device, reason } => {
            node.block(device, &reason)?;
            true
        }
        BlockRequest::Unblock { device } => node.unblock(device)?,
        BlockRequest::Mute { target } => {
            node.mute(parse_mute(&target)?)?;
            true
        }
        BlockRequest::Unmute { target } => node.unmute(parse_mute(&target)?)?,
        BlockRequest::List => false,
    };
    Ok(Output::Blocks(
        node.local(|n| BlockList::of(n.blocks(), changed))?,
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn mute_targets_read_back_and_garbage_is_a_sentence() {
        let (g, p, d) = (
            GroupId::from_bytes([1; 32]),
            ItemId::from_u64(5),
            DeviceId::from_bytes([2; 32]),
        );
        for t in [
            MuteTarget::Person(d),
            MuteTarget::Group(g),
            MuteTarget::Thread(g, p),
        ] {
            assert_eq!(parse_mute(&mute_text(t)).unwrap(), t);
        }
        for bad in [
            "",
            "post:",
            "group:xyz",
            "person",
            "post:abc/def",
            "thread:00",
        ] {
            assert!(matches!(
                parse_mute(bad),
                Err(SyncError::InvalidInput(
                    SyncProblem::UnknownMuteTarget { .. }
                ))
            ));
        }
    }
}
