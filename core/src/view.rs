//! Read-only views of a group, as the app and the command line show them.

use crate::identity::DeviceId;
use crate::ids::{GroupId, ItemId, Timestamp};
use crate::role::Role;
use crate::schema::Visibility;

/// A group's description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupInfo {
    /// The group's id.
    pub id: GroupId,
    /// Name.
    pub name: String,
    /// Mission.
    pub mission: String,
    /// Region.
    pub region: String,
    /// Who may join.
    pub visibility: Visibility,
    /// Causes, sorted.
    pub causes: Vec<String>,
    /// Languages, sorted.
    pub languages: Vec<String>,
    /// When it was created.
    pub created_at: Timestamp,
    /// Its owner (creator).
    pub owner: DeviceId,
}

/// Who removed a member, when and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Removal {
    /// Who removed them (themselves, when they left).
    pub by: DeviceId,
    /// When.
    pub at: Timestamp,
    /// The reason given, possibly empty.
    pub reason: String,
}

/// A member as shown in the members list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// Device id.
    pub id: DeviceId,
    /// Display name.
    pub name: String,
    /// Current role; `None` when removed or gone.
    pub role: Option<Role>,
    /// Who added them (themselves for the owner).
    pub added_by: Option<DeviceId>,
    /// When they were added.
    pub added_at: Timestamp,
    /// The recorded removal, if any.
    pub removed: Option<Removal>,
}

/// A moderation decision that hides an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hidden {
    /// The moderator.
    pub by: Option<DeviceId>,
    /// The reason given.
    pub reason: String,
}

/// A post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    /// Id.
    pub id: ItemId,
    /// Author.
    pub author: DeviceId,
    /// When it was written.
    pub created: Timestamp,
    /// Title.
    pub title: String,
    /// Text.
    pub body: String,
    /// Language tag.
    pub lang: String,
    /// Last edit, if edited.
    pub edited_at: Option<Timestamp>,
    /// Deleted by its author.
    pub deleted: bool,
    /// Hidden by a moderator.
    pub hidden: Option<Hidden>,
}

/// A comment on a post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comment {
    /// Id.
    pub id: ItemId,
    /// The post it belongs to.
    pub post: ItemId,
    /// The comment it answers, if any (threads are one level deep).
    pub reply_to: Option<ItemId>,
    /// Author.
    pub author: DeviceId,
    /// When it was written.
    pub created: Timestamp,
    /// Text.
    pub body: String,
    /// Last edit, if edited.
    pub edited_at: Option<Timestamp>,
    /// Deleted by its author.
    pub deleted: bool,
    /// Hidden by a moderator.
    pub hidden: Option<Hidden>,
}
