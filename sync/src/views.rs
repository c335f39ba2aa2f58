//! What the app shows, built away from the UI thread and published as immutable snapshots.
//!
//! The app never reads a group's Automerge document itself: after every change to a group the
//! node rebuilds that group's [`GroupView`] on a blocking worker thread and publishes a new
//! [`Snapshot`] (the other groups' views are shared, not rebuilt). Reading the current snapshot
//! is one pointer copy under a short lock, so a frame costs the same for a group of ten posts and
//! one of a hundred thousand. Who is reachable changes more often than content; it lives in the
//! snapshot beside the group views and updating it rebuilds nothing.

use std::collections::HashMap;
use std::sync::Arc;

use causeway_core::view::{Comment, GroupInfo, Member, Post};
use causeway_core::{DeviceId, Group, GroupId, ItemId, Profile, Role, Timestamp};

use crate::invites::{Invite, JoinRequest};

/// How long after a successful session a device still counts as connected. Background rounds
/// run every 30 s, so a reachable member is confirmed well within this.
pub const CONNECTED_FOR_MS: i64 = 90_000;

/// Everything the app draws, at one moment.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// This device.
    pub me: Option<DeviceId>,
    /// This person's profile.
    pub profile: Profile,
    /// Problems found when opening the data folder, as sentences.
    pub warnings: Vec<String>,
    /// My groups, by name.
    pub groups: Vec<Arc<GroupView>>,
    /// What this device knows about reaching other devices.
    pub peers: HashMap<DeviceId, PeerStatus>,
    /// Sync activity per group.
    pub activity: HashMap<GroupId, GroupActivity>,
    /// How this device reaches others (from the next start).
    pub network: crate::address::NetworkSettings,
    /// Where the data lives.
    pub data_dir: std::path::PathBuf,
    /// Increases with every publication.
    pub version: u64,
}

impl Snapshot {
    /// One group's view.
    pub fn group(&self, id: GroupId) -> Option<&Arc<GroupView>> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// How another device is doing, as of `now`.
    pub fn reach(&self, who: DeviceId, now: Timestamp) -> Reach {
        if Some(who) == self.me {
            return Reach::ThisDevice;
        }
        self.peers
            .get(&who)
            .map_or(Reach::Unknown, |p| p.reach(now))
    }

    /// How many of a group's other members are connected now.
    pub fn connected_members(&self, group: &GroupView, now: Timestamp) -> usize {
        group
            .members
            .iter()
            .filter(|m| m.role.is_some())
            .filter(|m| matches!(self.reach(m.id, now), Reach::Connected { .. }))
            .count()
    }
}

/// What this device knows about reaching another one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PeerStatus {
    /// The last session that worked, either way round.
    pub last_ok: Option<Timestamp>,
    /// Whether that session went through a relay.
    pub relayed: bool,
    /// Since when attempts to reach it fail (cleared by the next success).
    pub failing_since: Option<Timestamp>,
}

impl PeerStatus {
    /// Its state as of `now`.
    pub fn reach(&self, now: Timestamp) -> Reach {
        match (self.last_ok, self.failing_since) {
            (_, Some(since)) => Reach::Unreachable {
                since,
                last_seen: self.last_ok,
            },
            (Some(at), None) if now.0 - at.0 <= CONNECTED_FOR_MS => Reach::Connected {
                relayed: self.relayed,
            },
            (Some(at), None) => Reach::SeenAt(at),
            (None, None) => Reach::Unknown,
        }
    }
}

/// A device's state, for the members list and the sync details.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// This very device.
    ThisDevice,
    /// A session worked moments ago.
    Connected {
        /// Through a relay rather than directly.
        relayed: bool,
    },
    /// Last seen then; not tried since.
    SeenAt(Timestamp),
    /// Attempts fail since `since`.
    Unreachable {
        /// The first failure after the last success.
        since: Timestamp,
        /// The last success, if any.
        last_seen: Option<Timestamp>,
    },
    /// Never reached from this device yet.
    Unknown,
}

/// Sync activity for one group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GroupActivity {
    /// When a session for this group last completed.
    pub last_sync: Option<Timestamp>,
    /// Sessions running now.
    pub running: usize,
    /// A large transfer under way: changes received so far, of how many.
    pub receiving: Option<(usize, usize)>,
}

/// One group, ready to draw.
#[derive(Clone, Debug)]
pub struct GroupView {
    /// The group's id.
    pub id: GroupId,
    /// Its description; `None` until its history has arrived.
    pub info: Option<GroupInfo>,
    /// My role; `None` when I am not (or no longer) a member.
    pub my_role: Option<Role>,
    /// Everyone who is or was a member, owner first, then by name.
    pub members: Vec<Member>,
    /// Posts a member may see (not deleted, not hidden), newest first, with their comments and
    /// reactions.
    pub posts: Vec<PostView>,
    /// Posts hidden by a moderator (shown to moderators and up, with the reason).
    pub hidden_posts: usize,
    /// The posts pinned to the top of the feed by an admin, most recently pinned first
    /// (only posts in `posts`: a deleted or hidden post does not show as pinned).
    pub pinned: Vec<ItemId>,
    /// How many changes this device holds without showing them: they need a newer Causeway.
    pub held: usize,
    /// Invites this device issued that still work.
    pub open_invites: Vec<Invite>,
    /// Join requests waiting for an admin.
    pub pending: Vec<JoinRequest>,
    /// How many changes the group's history holds.
    pub changes: usize,
    /// Which build this is: different for every view ever built in this process, so a screen
    /// can tell that a group's content changed without comparing it (other parts of the
    /// snapshot, such as who is connected, change far more often).
    pub build: u64,
}

/// Counts view builds (see [`GroupView::build`]).
static BUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A post with what hangs off it.
#[derive(Clone, Debug)]
pub struct PostView {
    /// The post.
    pub post: Post,
    /// Its author's name.
    pub author_name: String,
    /// Its comments, oldest first; answers to a comment follow it (one level).
    pub comments: Vec<CommentView>,
    /// Reactions: each distinct reaction with its count and whether one of them is mine.
    pub reactions: Vec<ReactionCount>,
    /// Pinned to the top of the group's feed.
    pub pinned: bool,
}

/// A comment, ready to draw.
#[derive(Clone, Debug)]
pub struct CommentView {
    /// The comment.
    pub comment: Comment,
    /// Its author's name.
    pub author_name: String,
    /// Answers to it (threads are one level deep), oldest first.
    pub replies: Vec<CommentView>,
}

/// How many people reacted with one reaction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReactionCount {
    /// The reaction (an emoji).
    pub reaction: String,
    /// How many.
    pub count: usize,
    /// Whether mine is among them.
    pub mine: bool,
}

impl GroupView {
    /// Builds the view of a group (the Automerge work; keep it off the UI thread).
    pub fn build(
        group: &Group,
        invites: Vec<Invite>,
        pending: Vec<JoinRequest>,
        now: Timestamp,
    ) -> GroupView {
        let me = group.device();
        let members = group.members();
        let names: HashMap<DeviceId, String> =
            members.iter().map(|m| (m.id, m.name.clone())).collect();
        let name_of = |d: DeviceId| {
            names
                .get(&d)
                .cloned()
                .unwrap_or_else(|| d.fmt_short().to_string())
        };
        let mut reactions = group.all_reactions();
        let mut threads: HashMap<ItemId, Vec<CommentView>> = HashMap::new();
        let mut replies: HashMap<ItemId, Vec<CommentView>> = HashMap::new();
        for c in group
            .comments()
            .into_iter()
            .filter(|c| !c.deleted && c.hidden.is_none())
        {
            let view = CommentView {
                author_name: name_of(c.author),
                comment: c,
                replies: Vec::new(),
            };
            match view.comment.reply_to {
                Some(parent) => replies.entry(parent).or_default().push(view),
                None => threads.entry(view.comment.post).or_default().push(view),
            }
        }
        let mut hidden_posts = 0;
        let all_posts = group.posts();
        let pinned: Vec<ItemId> = group
            .pinned_among(&all_posts)
            .into_iter()
            .map(|p| p.post)
            .collect();
        let posts = all_posts
            .into_iter()
            .filter(|p| {
                hidden_posts += usize::from(p.hidden.is_some() && !p.deleted);
                !p.deleted && p.hidden.is_none()
            })
            .map(|post| {
                let mut comments = threads.remove(&post.id).unwrap_or_default();
                for c in &mut comments {
                    c.replies = replies.remove(&c.comment.id).unwrap_or_default();
                }
                let mut counts: Vec<ReactionCount> = Vec::new();
                for (who, r) in reactions.remove(&post.id).unwrap_or_default() {
                    match counts.iter_mut().find(|c| c.reaction == r) {
                        Some(c) => {
                            c.count += 1;
                            c.mine |= who == me;
                        }
                        None => counts.push(ReactionCount {
                            reaction: r,
                            count: 1,
                            mine: who == me,
                        }),
                    }
                }
                counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.reaction.cmp(&b.reaction)));
                PostView {
                    author_name: name_of(post.author),
                    pinned: pinned.contains(&post.id),
                    post,
                    comments,
                    reactions: counts,
                }
            })
            .collect();
        GroupView {
            id: group.id(),
            info: group.info(),
            my_role: group.my_role(),
            members,
            posts,
            hidden_posts,
            pinned,
            held: group.held_count(),
            open_invites: invites.into_iter().filter(|i| i.is_open(now)).collect(),
            pending,
            changes: group.change_count(),
            build: BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The group's name, or a stand-in while its history has not arrived.
    pub fn name(&self) -> &str {
        self.info.as_ref().map_or("", |i| i.name.as_str())
    }

    /// Someone's name in this group.
    pub fn name_of(&self, who: DeviceId) -> Option<&str> {
        self.members
            .iter()
            .find(|m| m.id == who)
            .map(|m| m.name.as_str())
    }

    /// Whether I may manage members and invites (admins and the owner).
    pub fn i_am_admin(&self) -> bool {
        self.my_role.is_some_and(|r| r >= Role::Admin)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn a_peer_counts_as_connected_shortly_after_a_session_and_unreachable_after_a_failure() {
        let ok_at = Timestamp(1_000_000);
        let p = PeerStatus {
            last_ok: Some(ok_at),
            relayed: true,
            failing_since: None,
        };
        assert_eq!(
            p.reach(Timestamp(ok_at.0 + 1_000)),
            Reach::Connected { relayed: true }
        );
        assert_eq!(
            p.reach(Timestamp(ok_at.0 + CONNECTED_FOR_MS + 1)),
            Reach::SeenAt(ok_at)
        );
        let failing = PeerStatus {
            failing_since: Some(Timestamp(ok_at.0 + 5)),
            ..p
        };
        assert_eq!(
            failing.reach(Timestamp(ok_at.0 + 10)),
            Reach::Unreachable {
                since: Timestamp(ok_at.0 + 5),
                last_seen: Some(ok_at)
            }
        );
        assert_eq!(PeerStatus::default().reach(ok_at), Reach::Unknown);
    }
}
