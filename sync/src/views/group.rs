//! One group's view, and how it follows the group's changes: after a change, only the items
//! it touched are read again ([`Group::changed_since`]), and the new view shares everything
//! else with the one before. A full build happens when a group is opened, after a revocation
//! (what shows may change anywhere), when a member's name changes (it shows on their posts),
//! and when more changed at once than following would save.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use causeway_core::view::{Comment, GroupInfo, Member, Post, oldest_first};
use causeway_core::{Changed, DeviceId, Group, GroupId, ItemId, Mark, Role, Timestamp};

use super::{Feed, GroupFiles, Kit};
use crate::invites::{Invite, JoinRequest};

/// Past this many changed items a view is built again whole: reading them one by one would
/// cost about as much.
const FOLLOW_AT_MOST: usize = 2_000;

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
    pub posts: Feed,
    /// Posts hidden by a moderator (shown to moderators and up, with the reason).
    pub hidden_posts: usize,
    /// The posts pinned to the top of the feed by an admin, most recently pinned first
    /// (only posts in `posts`: a deleted or hidden post does not show as pinned).
    pub pinned: Vec<ItemId>,
    /// How many changes this device holds without showing them: they need a newer Causeway.
    pub held: usize,
    /// Reports no moderator decided yet (for moderators; 0 for members).
    pub open_reports: usize,
    /// Invites this device issued that still work.
    pub open_invites: Vec<Invite>,
    /// Join requests waiting for an admin.
    pub pending: Vec<JoinRequest>,
    /// How many changes the group's history holds.
    pub changes: usize,
    /// The group's events, polls, tasks and shifts.
    pub kit: Kit,
    /// The group's pictures and files.
    pub files: GroupFiles,
    /// The group's shared documents as it lists them, newest first.
    pub documents: Vec<causeway_core::DocEntry>,
    /// What the documents' list shows of each document this device knows: who changed it
    /// last, when, how long it is (absent for a document none of which arrived yet).
    pub doc_summaries:
        std::collections::BTreeMap<causeway_core::DocId, causeway_core::docs::DocSummary>,
    /// Which build this is: different for every view ever built in this process, so a screen
    /// can tell that a group's content changed without comparing it (other parts of the
    /// snapshot, such as who is connected, change far more often).
    pub build: u64,
    /// What the next view needs to follow the group's changes from this one.
    follow: Follow,
}

/// Counts view builds (see [`GroupView::build`]).
static BUILDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// A post with what hangs off it.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// Its comments and answers a moderator hid (not deleted), oldest first: shown to
    /// moderators only, greyed, with the reason.
    pub hidden_comments: Vec<CommentView>,
    /// Its author is blocked or muted on this device: it does not show.
    pub unseen: bool,
    /// It is this device's own: hidden by a moderator, it still shows here, marked, so that
    /// its author knows why it is gone for the others.
    pub mine: bool,
}

impl PostView {
    /// Whether it shows in the feed (neither deleted nor hidden).
    pub fn shown(&self) -> bool {
        !self.post.deleted && (self.post.hidden.is_none() || self.mine) && !self.unseen
    }

    /// Whether it counts among the hidden posts.
    fn counts_hidden(&self) -> bool {
        self.post.hidden.is_some() && !self.post.deleted
    }
}

/// A comment, ready to draw.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentView {
    /// The comment.
    pub comment: Comment,
    /// Its author's name.
    pub author_name: String,
    /// Answers to it (threads are one level deep), oldest first.
    pub replies: Vec<CommentView>,
    /// Reactions to it, as a post's.
    pub reactions: Vec<ReactionCount>,
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
    /// The names of who reacted so, in the order of their device ids.
    pub who: Vec<String>,
}

/// What a view keeps to follow changes: where in the group's journal it was built, and every
/// comment with where it hangs (a post's view is made again from these when it changes).
#[derive(Clone, Debug, Default)]
struct Follow {
    mark: Option<Mark>,
    /// Every comment by id, shown or not (two only where two devices used one id).
    comments: imbl::HashMap<ItemId, Arc<[Comment]>>,
    /// The comments on each post that answer no comment, by post.
    threads: imbl::HashMap<ItemId, Arc<[ItemId]>>,
    /// The comments that answer a comment, by the comment they answer.
    answers: imbl::HashMap<ItemId, Arc<[ItemId]>>,
    /// The people whose posts, comments and reactions this device does not show (blocked
    /// or muted); a view built for others is built again whole.
    unseen: Arc<BTreeSet<DeviceId>>,
}

impl Follow {
    /// Puts `now` in place of the comments under `id`.
    fn set_comments(&mut self, id: ItemId, now: Vec<Comment>) {
        let old = self
            .comments
            .get(&id)
            .cloned()
            .unwrap_or_else(|| Arc::new([]));
        for c in old.iter() {
            let list = self.list_for(c);
            unlink(list, id);
        }
        for c in &now {
            let list = self.list_for(c);
            link(list, id);
        }
        if now.is_empty() {
            self.comments.remove(&id);
        } else {
            self.comments.insert(id, now.into());
        }
    }

    /// The index a comment hangs in: its post's thread, or the answers to its comment.
    fn list_for(&mut self, c: &Comment) -> (&mut imbl::HashMap<ItemId, Arc<[ItemId]>>, ItemId) {
        match c.reply_to {
            None => (&mut self.threads, c.post),
            Some(parent) => (&mut self.answers, parent),
        }
    }

    /// The posts whose view shows comment `c` or would: its post, or the posts of the comment
    /// it answers.
    fn posts_showing(&self, c: &Comment) -> Vec<ItemId> {
        match c.reply_to {
            None => vec![c.post],
            Some(parent) => self
                .comments
                .get(&parent)
                .map(|ps| ps.iter().map(|p| p.post).collect())
                .unwrap_or_default(),
        }
    }

    /// The comments under the ids in `list` that show, oldest first.
    fn shown(&self, list: Option<&Arc<[ItemId]>>) -> Vec<&Comment> {
        self.under(list, |c| !c.deleted && c.hidden.is_none())
    }

    /// The comments under the ids in `list` that a moderator hid, oldest first.
    fn hidden(&self, list: Option<&Arc<[ItemId]>>) -> Vec<&Comment> {
        self.under(list, |c| !c.deleted && c.hidden.is_some())
    }

    fn under(
        &self,
        list: Option<&Arc<[ItemId]>>,
        keep: impl Fn(&Comment) -> bool,
    ) -> Vec<&Comment> {
        let mut out: Vec<&Comment> = list
            .into_iter()
            .flat_map(|ids| ids.iter())
            .filter_map(|id| self.comments.get(id))
            .flat_map(|cs| cs.iter())
            .filter(|c| keep(c))
            .collect();
        out.sort_by(|a, b| oldest_first(a, b));
        out
    }
}

fn link((index, key): (&mut imbl::HashMap<ItemId, Arc<[ItemId]>>, ItemId), id: ItemId) {
    let mut ids: Vec<ItemId> = index.get(&key).map(|l| l.to_vec()).unwrap_or_default();
    if !ids.contains(&id) {
        ids.push(id);
        index.insert(key, ids.into());
    }
}

fn unlink((index, key): (&mut imbl::HashMap<ItemId, Arc<[ItemId]>>, ItemId), id: ItemId) {
    let Some(list) = index.get(&key) else { return };
    if !list.contains(&id) {
        return;
    }
    let ids: Vec<ItemId> = list.iter().copied().filter(|i| *i != id).collect();
    if ids.is_empty() {
        index.remove(&key);
    } else {
        index.insert(key, ids.into());
    }
}

/// What a post's view is made of, besides the post.
struct Parts<'a> {
    me: DeviceId,
    names: &'a HashMap<DeviceId, String>,
    follow: &'a Follow,
    /// Reactions to the posts made and to their comments.
    reactions: &'a HashMap<ItemId, Vec<(DeviceId, String)>>,
}

impl Parts<'_> {
    /// Whether `who`'s words are left out here.
    fn unseen(&self, who: DeviceId) -> bool {
        self.follow.unseen.contains(&who)
    }
}

impl Parts<'_> {
    fn name_of(&self, d: DeviceId) -> String {
        self.names
            .get(&d)
            .cloned()
            .unwrap_or_else(|| d.fmt_short().to_string())
    }

    fn comment_view(&self, c: &Comment, replies: Vec<CommentView>) -> CommentView {
        CommentView {
            author_name: self.name_of(c.author),
            reactions: self.counts(c.id),
            comment: c.clone(),
            replies,
        }
    }

    fn post_view(&self, post: Post, pinned: bool) -> PostView {
        // A blocked or muted person's comments go, with the answers to them.
        let mut shown = self.follow.shown(self.follow.threads.get(&post.id));
        shown.retain(|c| !self.unseen(c.author));
        // Hidden comments on the post, and hidden answers to comments that show (an answer
        // to a hidden comment goes with it).
        let mut hidden: Vec<&Comment> = self.follow.hidden(self.follow.threads.get(&post.id));
        for c in &shown {
            hidden.extend(self.follow.hidden(self.follow.answers.get(&c.id)));
        }
        hidden.sort_by(|a, b| oldest_first(a, b));
        let hidden_comments = hidden
            .into_iter()
            .map(|c| self.comment_view(c, Vec::new()))
            .collect();
        let comments = shown
            .into_iter()
            .map(|c| {
                let replies = self
                    .follow
                    .shown(self.follow.answers.get(&c.id))
                    .into_iter()
                    .filter(|r| !self.unseen(r.author))
                    .map(|r| self.comment_view(r, Vec::new()))
                    .collect();
                self.comment_view(c, replies)
            })
            .collect();
        PostView {
            author_name: self.name_of(post.author),
            unseen: self.unseen(post.author),
            mine: post.author == self.me,
            pinned,
            reactions: self.counts(post.id),
            post,
            comments,
            hidden_comments,
        }
    }

    /// Each distinct reaction to `item`, most given first.
    fn counts(&self, item: ItemId) -> Vec<ReactionCount> {
        let mut counts: Vec<ReactionCount> = Vec::new();
        for (who, r) in self
            .reactions
            .get(&item)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .filter(|(who, _)| !self.unseen(*who))
        {
            let i = match counts.iter().position(|c| c.reaction == *r) {
                Some(i) => i,
                None => {
                    counts.push(ReactionCount {
                        reaction: r.clone(),
                        count: 0,
                        mine: false,
                        who: Vec::new(),
                    });
                    counts.len() - 1
                }
            };
            let c = &mut counts[i];
            c.count += 1;
            c.mine |= *who == self.me;
            c.who.push(self.name_of(*who));
        }
        counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.reaction.cmp(&b.reaction)));
        counts
    }
}

fn names_of(members: &[Member]) -> HashMap<DeviceId, String> {
    members.iter().map(|m| (m.id, m.name.clone())).collect()
}

impl GroupView {
    /// The view of a group of which nothing has arrived (nothing follows from it: the next
    /// view is built whole).
    pub fn empty(id: GroupId) -> GroupView {
        GroupView {
            id,
            info: None,
            my_role: None,
            members: Vec::new(),
            posts: Feed::default(),
            hidden_posts: 0,
            pinned: Vec::new(),
            held: 0,
            open_reports: 0,
            open_invites: Vec::new(),
            pending: Vec::new(),
            changes: 0,
            kit: Kit::default(),
            files: GroupFiles::default(),
            documents: Vec::new(),
            doc_summaries: Default::default(),
            build: BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            follow: Follow::default(),
        }
    }

    /// Builds the view of a group from its whole document (the Automerge work; keep it off
    /// the UI thread).
    pub fn build(
        group: &Group,
        invites: Vec<Invite>,
        pending: Vec<JoinRequest>,
        now: Timestamp,
        unseen: &Arc<BTreeSet<DeviceId>>,
    ) -> GroupView {
        let mut follow = Follow {
            mark: Some(group.mark()),
            unseen: unseen.clone(),
            ..Follow::default()
        };
        let mut by_id: HashMap<ItemId, Vec<Comment>> = HashMap::new();
        for c in group.comments() {
            by_id.entry(c.id).or_default().push(c);
        }
        for (id, cs) in by_id {
            follow.set_comments(id, cs);
        }
        let members = group.members();
        let names = names_of(&members);
        let all_posts = group.posts();
        let pinned: Vec<ItemId> = group
            .pinned_among(&all_posts)
            .into_iter()
            .map(|p| p.post)
            .collect();
        let pinned_set: HashSet<ItemId> = pinned.iter().copied().collect();
        let reactions = group.all_reactions();
        let parts = Parts {
            me: group.device(),
            names: &names,
            follow: &follow,
            reactions: &reactions,
        };
        let views: Vec<Arc<PostView>> = all_posts
            .into_iter()
            .map(|p| {
                let pinned = pinned_set.contains(&p.id);
                Arc::new(parts.post_view(p, pinned))
            })
            .collect();
        let hidden_posts = views.iter().filter(|p| p.counts_hidden()).count();
        // A pin shows only on a post that shows (not on a blocked person's).
        let posts = Feed::of(views);
        let pinned: Vec<ItemId> = pinned
            .into_iter()
            .filter(|id| posts.find(*id).is_some())
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
            open_reports: group.open_reports(),
            open_invites: invites.into_iter().filter(|i| i.is_open(now)).collect(),
            pending,
            changes: group.change_count(),
            kit: Kit::build(group),
            files: GroupFiles::build(group),
            documents: group.documents(),
            doc_summaries: Default::default(),
            build: BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            follow,
        }
    }

    /// The view of `group` now, made from `self` (an earlier view of the same group) by
    /// reading again only what changed since; built whole where it cannot follow.
    pub fn update(
        &self,
        group: &Group,
        invites: Vec<Invite>,
        pending: Vec<JoinRequest>,
        now: Timestamp,
        unseen: &Arc<BTreeSet<DeviceId>>,
    ) -> GroupView {
        let followed = self
            .follow
            .mark
            .filter(|_| self.id == group.id() && *self.follow.unseen == **unseen)
            .and_then(|m| group.changed_since(m))
            .and_then(|changed| self.follow_changes(group, &changed));
        match followed {
            Some(mut next) => {
                next.open_invites = invites.into_iter().filter(|i| i.is_open(now)).collect();
                next.pending = pending;
                next
            }
            None => Self::build(group, invites, pending, now, unseen),
        }
    }

    /// `self` with what `changed` names read again; `None` where the view must be built
    /// whole.
    fn follow_changes(&self, group: &Group, changed: &Changed) -> Option<GroupView> {
        if changed.posts.len()
            + changed.comments.len()
            + changed.reactions.len()
            + Kit::touched(changed)
            > FOLLOW_AT_MOST
        {
            return None;
        }
        let mut next = self.clone();
        next.follow.mark = Some(group.mark());
        next.my_role = group.my_role();
        next.held = group.held_count();
        next.open_reports = group.open_reports();
        next.changes = group.change_count();
        next.documents = group.documents();
        next.build = BUILDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if changed.is_empty() {
            return Some(next);
        }
        if changed.members {
            let members = group.members();
            let before = names_of(&self.members);
            let renamed = members
                .iter()
                .any(|m| before.get(&m.id).is_some_and(|n| *n != m.name));
            if renamed {
                // Their name shows on each of their posts and comments.
                return None;
            }
            next.members = members;
        }
        if changed.meta {
            next.info = group.info();
        }
        if Kit::touched(changed) > 0 {
            next.kit = self.kit.follow(group, changed);
        }
        if changed.attachments {
            next.files = GroupFiles::build(group);
        }

        // Comments first: a post's view is made from the comments that hang on it.
        let mut touched: BTreeSet<ItemId> = changed.posts.clone();
        for id in &changed.reactions {
            // A reaction to a post, or to a comment: then its post's view changes.
            touched.insert(*id);
            for c in self
                .follow
                .comments
                .get(id)
                .into_iter()
                .flat_map(|c| c.iter())
            {
                touched.extend(self.follow.posts_showing(c));
            }
        }
        let mut now: HashMap<ItemId, Vec<Comment>> = HashMap::new();
        for c in group.comments_with_ids(changed.comments.iter().copied()) {
            now.entry(c.id).or_default().push(c);
        }
        for id in &changed.comments {
            let old: Vec<Comment> = next
                .follow
                .comments
                .get(id)
                .map(|c| c.to_vec())
                .unwrap_or_default();
            let new = now.remove(id).unwrap_or_default();
            next.follow.set_comments(*id, new.clone());
            for c in old.iter().chain(&new) {
                touched.extend(next.follow.posts_showing(c));
            }
        }

        // Then the posts touched, directly or through their comments and reactions.
        let names = names_of(&next.members);
        let mut posts: HashMap<ItemId, Vec<Post>> = HashMap::new();
        for p in group.posts_with_ids(touched.iter().copied()) {
            posts.entry(p.id).or_default().push(p);
        }
        // Reactions to the posts made again, and to every comment they show.
        let remade: Vec<ItemId> = touched
            .iter()
            .copied()
            .filter(|id| posts.contains_key(id) || !next.posts.all_with_id(*id).is_empty())
            .collect();
        let mut reacted = remade.clone();
        for id in &remade {
            for c in next.follow.shown(next.follow.threads.get(id)) {
                reacted.push(c.id);
                reacted.extend(
                    next.follow
                        .shown(next.follow.answers.get(&c.id))
                        .into_iter()
                        .map(|r| r.id),
                );
            }
        }
        let reactions = group.reactions_to(reacted);
        let pinned_before: HashSet<ItemId> = self.pinned.iter().copied().collect();
        let mut shown_changed = false;
        let parts = Parts {
            me: group.device(),
            names: &names,
            follow: &next.follow,
            reactions: &reactions,
        };
        let mut feed = next.posts.clone();
        for id in &touched {
            let old = feed.all_with_id(*id);
            let new: Vec<Arc<PostView>> = posts
                .remove(id)
                .unwrap_or_default()
                .into_iter()
                .map(|p| Arc::new(parts.post_view(p, pinned_before.contains(id))))
                .collect();
            if old.len() == new.len() && old.iter().zip(&new).all(|(a, b)| **a == **b) {
                continue;
            }
            // Whether it shows to everyone (a pin shows only then; the author's own hidden
            // post shows to them alone).
            let open = |p: &Arc<PostView>| p.shown() && p.post.hidden.is_none();
            shown_changed |= old.iter().any(open) != new.iter().any(open);
            next.hidden_posts -= old.iter().filter(|p| p.counts_hidden()).count();
            next.hidden_posts += new.iter().filter(|p| p.counts_hidden()).count();
            feed.replace(*id, new);
        }

        // Then what is pinned: a pin shows only on a post that shows.
        if changed.pinned || shown_changed {
            let pinned: Vec<ItemId> = group
                .pinned_where(|id| feed.find(id).is_some_and(|p| p.post.hidden.is_none()))
                .into_iter()
                .map(|p| p.post)
                .collect();
            let pinned_now: HashSet<ItemId> = pinned.iter().copied().collect();
            for id in pinned_before.symmetric_difference(&pinned_now) {
                let flipped: Vec<Arc<PostView>> = feed
                    .all_with_id(*id)
                    .iter()
                    .map(|p| {
                        Arc::new(PostView {
                            pinned: pinned_now.contains(id),
                            ..PostView::clone(p)
                        })
                    })
                    .collect();
                if !flipped.is_empty() {
                    feed.replace(*id, flipped);
                }
            }
            next.pinned = pinned;
        }
        next.posts = feed;
        Some(next)
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

    /// What someone says about themselves in this group; `None` when they wrote nothing.
    pub fn bio_of(&self, who: DeviceId) -> Option<&str> {
        self.members
            .iter()
            .find(|m| m.id == who)
            .map(|m| m.bio.as_str())
            .filter(|b| !b.is_empty())
    }

    /// Whether I may hide and show again what members wrote (moderators and up).
    pub fn i_am_moderator(&self) -> bool {
        self.my_role.is_some_and(|r| r >= Role::Moderator)
    }

    /// Whether I may manage members and invites (admins and the owner).
    pub fn i_am_admin(&self) -> bool {
        self.my_role.is_some_and(|r| r >= Role::Admin)
    }
}
