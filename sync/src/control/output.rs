//! What a request answered ([`Output`]) and the lines it is made of.

use std::path::PathBuf;

use causeway_core::{DeviceId, GroupId, ItemId, Role};
use serde::{Deserialize, Serialize};

use super::{
    AttachmentLine, BundleRead, BundleWritten, CalendarWritten, DocExported, DocLine, DocText,
    EventLine, FileSaved, Freed, PollLine, ShiftLine, SpaceLine, TaskLine, VersionLine, as_text,
};
use crate::Refusals;

/// What a request answered. `causeway --json` prints the data inside (`data` on the socket).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "answer", content = "data", rename_all = "kebab-case")]
pub enum Output {
    /// This device (`Id`).
    Device(DeviceInfo),
    /// The profile as it is now (`SetName`, `SetBio`, `SetLanguages`, `SetProfile`).
    Profile(ProfileInfo),
    /// Saved (`SetNetwork`).
    Saved,
    /// The group created, edited or left.
    Group(GroupRef),
    /// The groups held here (`GroupList`).
    Groups(Vec<GroupLine>),
    /// A new invite (`InviteCreate`), or an existing one again (`InviteText`).
    Invite(InviteText),
    /// Whether an invite was withdrawn (`InviteRevoke`, `InviteWithdraw`).
    Withdrawn(Withdrawn),
    /// The outcome of joining (`Join`).
    Joined(Joined),
    /// The post or comment written, changed, deleted, hidden, unhidden or reacted to.
    Item(ItemRef),
    /// A group's feed (`Feed`).
    Feed(Vec<FeedPost>),
    /// A group's members (`Members`).
    Members(Vec<MemberLine>),
    /// A member's standing after `Approve`, `Decline`, `MemberRemove`, `MemberRole`.
    Member(MemberChange),
    /// A sync round (`Sync`).
    Round(RoundReport),
    /// What the node is doing (`Status`).
    Status(StatusReport),
    /// The files written (`Export`).
    Exported(Exported),
    /// The document created or changed.
    Doc(DocRef),
    /// A group's documents.
    Docs(Vec<DocLine>),
    /// A document's text.
    DocText(DocText),
    /// A document's versions.
    DocHistory(Vec<VersionLine>),
    /// The files a document's export wrote.
    DocExported(DocExported),
    /// A report made (`Moderation` `Report`).
    Reported(super::Reported),
    /// The reports this device opens (`Moderation` `Queue`).
    Queue(Vec<super::ReportLine>),
    /// The warnings addressed to this device (`Moderation` `Warnings`).
    Warnings(Vec<super::WarningLine>),
    /// A decision on a report taken (`Moderation` `Decide`).
    Decided(super::Reported),
    /// What leaving a group did (`GroupLeave`).
    Left(Left),
    /// How many of my posts and comments were deleted (`GroupEraseMine`).
    Erased {
        /// Posts and comments.
        items: usize,
    },
    /// Whom and what this device does not show (`Blocks`).
    Blocks(super::BlockList),
    /// A group's moderation log (`Log`).
    Log(Vec<crate::audit::LogLine>),
    /// The log file written (`LogExport`).
    LogExported(super::LogExported),
    /// The bundle written (`BundleWrite`).
    BundleWritten(BundleWritten),
    /// What a bundle brought (`BundleRead`).
    BundleRead(BundleRead),
    /// Events (`Agenda`, an event list).
    Events(Vec<EventLine>),
    /// One event, made, changed, answered or shown.
    Event(Box<EventLine>),
    /// A group's polls.
    Polls(Vec<PollLine>),
    /// One poll, made, voted in, closed or shown.
    Poll(PollLine),
    /// A group's tasks, or the one changed (alone).
    Tasks(Vec<TaskLine>),
    /// A group's shifts, or the one changed (alone).
    Shifts(Vec<ShiftLine>),
    /// The calendar file written (`.ics`).
    Calendar(CalendarWritten),
    /// A group's files.
    Attachments(Vec<AttachmentLine>),
    /// Where a file was written.
    FileSaved(FileSaved),
    /// The space each group's files take here.
    Space(Vec<SpaceLine>),
    /// What freeing space freed.
    Freed(Freed),
    /// Done, and in effect now (a setting, a file taken off).
    Done,
}

/// A document, by group and id.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct DocRef {
    /// The group.
    #[serde(with = "as_text")]
    pub group_id: GroupId,
    /// The document.
    #[serde(with = "as_text")]
    pub doc_id: causeway_core::DocId,
}

/// This device.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct DeviceInfo {
    /// Its id.
    #[serde(with = "as_text")]
    pub device_id: DeviceId,
    /// Its display name.
    pub display_name: String,
    /// Where other devices reach it now.
    pub addresses: Vec<String>,
}

/// The profile as it is now.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ProfileInfo {
    /// Display name.
    pub display_name: String,
    /// Bio.
    pub bio: String,
    /// Languages read.
    pub languages: Vec<String>,
}

/// What leaving a group did (`GroupLeave`).
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Left {
    /// The group.
    #[serde(with = "as_text")]
    pub group_id: GroupId,
    /// Whether the leave was written now (false: this device was out of it already).
    pub left_now: bool,
    /// How many members' devices took the leave now.
    pub told: usize,
    /// The other members.
    pub members: usize,
    /// Whether the local copy was deleted.
    pub deleted: bool,
}

/// A group, by id.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct GroupRef {
    /// Its id.
    #[serde(with = "as_text")]
    pub group_id: GroupId,
}

/// A group in the list.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct GroupLine {
    /// Its id.
    #[serde(with = "as_text")]
    pub group_id: GroupId,
    /// Its name; `None` while its history has not arrived.
    pub name: Option<String>,
    /// Current members.
    pub members: usize,
    /// This device's role; `None` when not (or no longer) a member.
    #[serde(with = "as_text::option", default)]
    pub my_role: Option<Role>,
}

/// An invite's text.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct InviteText {
    /// The text to give to the person invited (starts with `cw1`).
    pub ticket: String,
}

/// Whether an invite was withdrawn.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Withdrawn {
    /// `false`: no such invite was issued on this device.
    pub revoked: bool,
}

/// The outcome of joining.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Joined {
    /// The group.
    #[serde(with = "as_text")]
    pub group_id: GroupId,
    /// `false`: asked, waiting for an admin to approve.
    pub admitted: bool,
    /// Changes received while joining.
    pub received: usize,
}

/// A post or comment, by id.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ItemRef {
    /// The group.
    #[serde(with = "as_text")]
    pub group_id: GroupId,
    /// The item.
    #[serde(with = "as_text")]
    pub item_id: ItemId,
}

/// One post of a feed, with its comments and reactions.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct FeedPost {
    /// Its id.
    #[serde(with = "as_text")]
    pub post_id: ItemId,
    /// The author's name in the group.
    pub author: String,
    /// The author's device.
    #[serde(with = "as_text")]
    pub author_id: DeviceId,
    /// When it was written (ms since 1970).
    pub created: i64,
    /// When it was last edited (ms), if it was.
    pub edited: Option<i64>,
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
    /// Language tag (may be empty).
    pub lang: String,
    /// Reactions: (emoji, how many).
    pub reactions: Vec<(String, usize)>,
    /// Hidden by a moderator, with this reason (moderators and up see hidden items).
    pub hidden: Option<String>,
    /// Comments, oldest first.
    pub comments: Vec<FeedComment>,
    /// Pinned to the top of the feed by an admin (pinned posts come first in a feed).
    #[serde(default)]
    pub pinned: bool,
}

/// One comment of a feed.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct FeedComment {
    /// Its id.
    #[serde(with = "as_text")]
    pub comment_id: ItemId,
    /// The comment it answers.
    #[serde(with = "as_text::option", default)]
    pub reply_to: Option<ItemId>,
    /// The author's name in the group.
    pub author: String,
    /// The author's device.
    #[serde(with = "as_text")]
    pub author_id: DeviceId,
    /// When it was written (ms).
    pub created: i64,
    /// Text.
    pub text: String,
    /// Hidden by a moderator, with this reason (moderators and up see hidden items).
    pub hidden: Option<String>,
}

/// A member, or someone asking to join.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct MemberLine {
    /// Their device.
    #[serde(with = "as_text")]
    pub device_id: DeviceId,
    /// Their name.
    pub name: String,
    /// Their standing.
    pub role: Standing,
    /// What they say about themselves (empty: nothing, or asking to join).
    #[serde(default)]
    pub bio: String,
}

/// Where someone stands in a group.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// Removed, or left.
    Removed,
    /// Asking to join.
    AskingToJoin,
    /// A member with this role (written as the role's word).
    #[serde(untagged, with = "as_text")]
    Role(Role),
}

/// A member's standing after an admin's decision.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct MemberChange {
    /// The member.
    #[serde(with = "as_text")]
    pub member: DeviceId,
    /// Their standing now.
    pub standing: Standing,
}

/// A sync round.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct RoundReport {
    /// Each member tried, as their outcome came.
    pub members: Vec<MemberOutcome>,
    /// How many of them synced.
    pub synced: usize,
}

/// One member's outcome in a sync round.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct MemberOutcome {
    /// Their device.
    #[serde(with = "as_text")]
    pub member: DeviceId,
    /// Their name in the first group shared with them (may be empty).
    pub name: String,
    /// Their device answered, and at least one group was exchanged or found the same.
    pub synced: bool,
    /// Why they were not reached, or why their device refused.
    pub error: Option<String>,
    /// Their device answered, and refused (this device is not a member there).
    #[serde(default)]
    pub refused: bool,
    /// Groups found the same.
    pub up_to_date: usize,
    /// Groups exchanged, or that failed.
    pub groups: Vec<GroupOutcome>,
}

/// One group's session in a round.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct GroupOutcome {
    /// The group.
    #[serde(with = "as_text")]
    pub group_id: GroupId,
    /// Its name.
    pub group: String,
    /// Changes received and accepted.
    pub received: usize,
    /// Changes sent.
    pub sent: usize,
    /// Changes received and refused.
    pub rejected: usize,
    /// Why the session failed.
    pub error: Option<String>,
}

/// What the node is doing.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct StatusReport {
    /// Whether a node runs on the data folder (`false`: the rest is empty).
    pub running: bool,
    /// Its device.
    #[serde(with = "as_text::option", default)]
    pub device_id: Option<DeviceId>,
    /// Its display name.
    pub display_name: String,
    /// Groups held.
    pub groups: usize,
    /// Connections open now.
    pub connections: Connections,
    /// What it refused since it started.
    pub refused: Refusals,
}

/// Connections open now, by pool.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Connections {
    /// From members' devices.
    pub members: usize,
    /// From others.
    pub strangers: usize,
    /// From people joining.
    pub joining: usize,
}

/// The files an export wrote.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Exported {
    /// The JSON file.
    pub json: PathBuf,
    /// The Automerge file.
    pub automerge: PathBuf,
}

impl Output {
    /// The data part, as `causeway --json` prints it.
    pub fn data(&self) -> serde_json::Value {
        match serde_json::to_value(self) {
            Ok(mut v) => v
                .get_mut("data")
                .map(serde_json::Value::take)
                .unwrap_or(serde_json::Value::Null),
            Err(_) => serde_json::Value::Null,
        }
    }
}
