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
mod blocks;
mod bundles;
mod docs;
mod execute;
mod export;
mod files;
mod kit;
mod kit_answers;
mod modlog;
mod output;
mod reports;
#[cfg(unix)]
pub mod socket;

use std::path::PathBuf;

use causeway_core::{DeviceId, GroupId, ItemId, ItemKind, Role, Visibility};
use serde::{Deserialize, Serialize};

pub use blocking::{Answer, BlockingNode, Failure};
pub use blocks::{BlockList, BlockRequest, MutedGroupLine, PersonLine, ThreadLine, mute_text};
pub use bundles::{BundleRead, BundleWritten};
pub use docs::{DocExported, DocLine, DocRequest, DocText, VersionLine, parse_markdown};
pub use execute::{execute, execute_with};
pub use files::{AttachTo, AttachmentLine, FileRequest, FileSaved, Freed, SpaceLine};
pub use kit::KitRequest;
pub use kit_answers::{CalendarWritten, EventLine, PollLine, PollOptionLine, ShiftLine, TaskLine};
pub use modlog::LogExported;
pub use output::*;
pub use reports::{ModRequest, ReportLine, Reported, WarningLine, target_text};
#[cfg(unix)]
pub use socket::{Response, SOCKET, call, call_with, serve};

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
        /// Deletes this device's copy too, once a member knows.
        #[serde(default)]
        delete_local: bool,
        /// Deletes it even when no member could be told.
        #[serde(default)]
        anyway: bool,
    },
    /// Hands a group over to one of its admins (the owner only): they become the owner, and
    /// this device's person an admin.
    GroupTransfer {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The admin who becomes the owner.
        #[serde(with = "as_text")]
        to: DeviceId,
    },
    /// Deletes all my posts and comments in a group (their text cleared, as a delete does).
    GroupEraseMine {
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
        /// Files to attach, on this machine.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        attach: Vec<PathBuf>,
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
    /// Shows a hidden post or comment again (moderators), saying why (the log keeps it).
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
        /// Why.
        #[serde(default)]
        reason: String,
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
    /// A group's moderation log, oldest first (every member may read it).
    Log {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
    },
    /// Writes a group's moderation log as a file that `causeway log verify` checks offline.
    LogExport {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The file to write.
        file: PathBuf,
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
    /// About a group's reports and its moderators' queue.
    Moderation {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// What about them.
        #[serde(flatten)]
        req: ModRequest,
    },
    /// Whom and what this device does not show (blocking, muting).
    Blocks {
        /// What about them.
        #[serde(flatten)]
        req: BlockRequest,
    },
    /// About pictures and files.
    Files {
        /// What about them.
        #[serde(flatten)]
        req: Box<FileRequest>,
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
            Request::InviteCreate { .. }
                | Request::Join { .. }
                | Request::Sync { .. }
                | Request::GroupLeave { .. }
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

#[cfg(test)]
mod tests;
