//! What other parts of Causeway ask of a node, and what it answers, as types: the window
//! submits [`Request`]s on a [`BlockingNode`], the command line sends them through the control
//! socket of a node already running on the data folder ([`socket`]) or runs them on a node of
//! its own. [`execute`] carries them out.
//!
//! Requests carry ids and enums, never names to look up: the command line resolves what a
//! person typed ("the group called Riverside", a prefix of an id) before it asks. JSON exists
//! only at the socket's edge, and in `causeway --json`, which prints an answer's data as the
//! socket carries it (ids in hex, roles and visibilities as words: [`as_text`]).

pub mod as_text;
mod blocking;
mod bundles;
mod docs;
mod execute;
mod export;
mod kit;
mod kit_answers;
#[cfg(unix)]
pub mod socket;

use std::path::PathBuf;

use causeway_core::{DeviceId, GroupId, ItemId, ItemKind, Role, Visibility};
use serde::{Deserialize, Serialize};

pub use blocking::{Answer, BlockingNode, Failure};
pub use bundles::{BundleRead, BundleWritten};
pub use docs::{DocExported, DocLine, DocRequest, DocText, VersionLine, parse_markdown};
pub use execute::{execute, execute_with};
pub use kit::KitRequest;
pub use kit_answers::{CalendarWritten, EventLine, PollLine, PollOptionLine, ShiftLine, TaskLine};
#[cfg(unix)]
pub use socket::{Response, SOCKET, call, call_with, serve};

use crate::Refusals;

/// One request to a node.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "cmd", rename_all = "kebab-case")]
pub enum Request {
    /// This device's id, name and addresses.
    Id,
    /// Sets the display name, keeping bio and languages.
    SetName {
        /// The new name.
        name: String,
    },
    /// Sets the bio, keeping name and languages.
    SetBio {
        /// The new bio (may be empty).
        bio: String,
    },
    /// Sets the languages the person reads, keeping name and bio.
    SetLanguages {
        /// Language tags, e.g. `fr`.
        languages: Vec<String>,
    },
    /// Sets the whole profile.
    SetProfile {
        /// Display name.
        name: String,
        /// Bio.
        bio: String,
        /// Languages the person reads.
        languages: Vec<String>,
    },
    /// Saves the network settings (they apply at the next start).
    SetNetwork {
        /// The settings.
        settings: crate::node::NetworkSettings,
    },
    /// Creates a group.
    GroupCreate {
        /// Name.
        name: String,
        /// What it is for.
        mission: String,
        /// Causes it works on.
        causes: Vec<String>,
        /// Who may join.
        #[serde(with = "as_text")]
        visibility: Visibility,
        /// Where it works.
        #[serde(default)]
        region: String,
        /// Languages it works in.
        #[serde(default)]
        languages: Vec<String>,
    },
    /// Changes a group's description (admins): the fields given are set, the others kept.
    GroupEdit {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The description as it is to be.
        edit: GroupEdit,
    },
    /// Leaves a group: a change that removes this device, sent to the members; the copy stays
    /// here, read-only.
    GroupLeave {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
    },
    /// The groups held here.
    GroupList,
    /// Creates an invite (admins; the node must keep running for the person to join).
    InviteCreate {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// How many people may use it (`None`: no limit).
        uses: Option<u32>,
        /// How long it stays valid.
        expires_in_secs: Option<u64>,
    },
    /// Withdraws an invite, given as its text.
    InviteRevoke {
        /// The group it is for.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The invite text.
        ticket: String,
    },
    /// The text of an invite this device issued and that still works, given by its secret
    /// (hex), to share it again.
    InviteText {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The invite's secret, in hex.
        secret: String,
    },
    /// Withdraws an invite, given by its secret (hex), as the window lists them.
    InviteWithdraw {
        /// The group it is for.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The secret, hex.
        secret: String,
    },
    /// Lets in someone who asked to join.
    Approve {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// Their device.
        #[serde(with = "as_text")]
        member: DeviceId,
    },
    /// Turns down someone who asked to join.
    Decline {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// Their device.
        #[serde(with = "as_text")]
        member: DeviceId,
    },
    /// Joins a group with an invite.
    Join {
        /// The invite text.
        ticket: String,
    },
    /// Writes a post.
    Post {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// Text.
        text: String,
        /// Title (may be empty).
        title: String,
        /// Language tag (may be empty).
        #[serde(default)]
        lang: String,
    },
    /// Changes one's own post, or (with `kind` comment) comment; a comment has no title.
    Edit {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// Post or comment.
        #[serde(with = "as_text")]
        kind: ItemKind,
        /// Its id.
        #[serde(with = "as_text")]
        item: ItemId,
        /// The new title (posts).
        #[serde(default)]
        title: String,
        /// The new text.
        text: String,
    },
    /// Deletes one's own post or comment.
    Delete {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// Post or comment.
        #[serde(with = "as_text")]
        kind: ItemKind,
        /// Its id.
        #[serde(with = "as_text")]
        item: ItemId,
    },
    /// Brings back one's own deleted post or comment with its text (the undo of `Delete`).
    Restore {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// Post or comment.
        #[serde(with = "as_text")]
        kind: ItemKind,
        /// Its id.
        #[serde(with = "as_text")]
        item: ItemId,
        /// The title it had (posts).
        #[serde(default)]
        title: String,
        /// The text it had.
        text: String,
    },
    /// Hides a post or comment with a reason (moderators).
    Hide {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// Post or comment.
        #[serde(with = "as_text")]
        kind: ItemKind,
        /// Its id.
        #[serde(with = "as_text")]
        item: ItemId,
        /// Why (members can read it).
        reason: String,
    },
    /// Pins a post to the top of the group's feed (admins). The first pin in a group of
    /// schema version 1 upgrades the group first.
    Pin {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The post.
        #[serde(with = "as_text")]
        post: ItemId,
    },
    /// Unpins a post (admins).
    Unpin {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The post.
        #[serde(with = "as_text")]
        post: ItemId,
    },
    /// Shows a hidden post or comment again (moderators).
    Unhide {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// Post or comment.
        #[serde(with = "as_text")]
        kind: ItemKind,
        /// Its id.
        #[serde(with = "as_text")]
        item: ItemId,
    },
    /// Comments on a post, or answers a comment.
    Comment {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The post.
        #[serde(with = "as_text")]
        post: ItemId,
        /// The comment this answers.
        #[serde(with = "as_text::option", default)]
        reply_to: Option<ItemId>,
        /// Text.
        text: String,
    },
    /// Reacts to a post or comment (`None`: takes one's reaction back).
    React {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The post or comment.
        #[serde(with = "as_text")]
        item: ItemId,
        /// The reaction, e.g. 👍.
        reaction: Option<String>,
    },
    /// A group's posts, newest first, with their comments and reactions: what members see,
    /// and for moderators also what is hidden (marked, with the reason).
    Feed {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
    },
    /// A group's members, and who asks to join.
    Members {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
    },
    /// Removes a member (admins).
    MemberRemove {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// Their device.
        #[serde(with = "as_text")]
        member: DeviceId,
        /// Why (members can read it).
        reason: String,
    },
    /// Changes a member's role (admins; not to owner).
    MemberRole {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// Their device.
        #[serde(with = "as_text")]
        member: DeviceId,
        /// The new role.
        #[serde(with = "as_text")]
        role: Role,
    },
    /// One sync round with every member that can be reached.
    Sync {
        /// Only this group.
        #[serde(with = "as_text::option", default)]
        group: Option<GroupId>,
        /// Give up on members that have not answered by then.
        timeout_secs: u64,
    },
    /// Writes a group as JSON and as an `.automerge` file.
    Export {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The folder to write to.
        dir: PathBuf,
    },
    /// Writes a group and its documents as a bundle file, to carry where there is no
    /// network (PROTOCOL.md, "Bundles").
    BundleWrite {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The file to write.
        file: PathBuf,
        /// Only what this member lacks, as far as this device knows.
        #[serde(default, with = "as_text::option")]
        for_member: Option<DeviceId>,
    },
    /// Takes in a bundle file through the same checks as a sync session.
    BundleRead {
        /// The file.
        file: PathBuf,
    },
    /// What the node is doing: connections, and what it refused since it started.
    Status,
    /// Upcoming events of every group, over the next `days` (and, with `past`, those of
    /// the last `days` too).
    Agenda {
        /// How many days ahead.
        days: u32,
        /// Also the past days.
        #[serde(default)]
        past: bool,
    },
    /// About the events, polls, tasks and shifts of a group.
    Kit {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// What about them.
        #[serde(flatten)]
        req: Box<KitRequest>,
    },
    /// About the shared documents of a group.
    Doc {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// What about them.
        #[serde(flatten)]
        req: DocRequest,
    },
}

impl Request {
    /// Whether the request needs a network connection (and so a running endpoint).
    pub fn needs_network(&self) -> bool {
        matches!(
            self,
            Request::InviteCreate { .. } | Request::Join { .. } | Request::Sync { .. }
        )
    }
}

/// A group's description as an admin wants it (`GroupEdit`): `None` keeps a field.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct GroupEdit {
    /// Name.
    #[serde(default)]
    pub name: Option<String>,
    /// Mission.
    #[serde(default)]
    pub mission: Option<String>,
    /// Region.
    #[serde(default)]
    pub region: Option<String>,
    /// Who may join.
    #[serde(with = "as_text::option", default)]
    pub visibility: Option<Visibility>,
    /// The whole list of causes.
    #[serde(default)]
    pub causes: Option<Vec<String>>,
    /// The whole list of languages.
    #[serde(default)]
    pub languages: Option<Vec<String>>,
}

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

#[cfg(test)]
mod tests;
