//! What the group's changes touched, so that views can follow them instead of reading the
//! whole document again after every change (ARCHITECTURE.md, "Views").
//!
//! Every admitted change (from elsewhere or made here) adds the places its operations wrote
//! to: the object and the key. [`Group::changed_since`] turns the places written after a
//! [`Mark`] into the items of each collection that changed. What a view cannot follow item by
//! item starts a new epoch, and every mark of the old one asks for a full read: a revocation
//! (what shows changes everywhere), a ledger rebuilt, a batch larger than the journal keeps,
//! a write to the top level (a schema upgrade).

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use automerge::legacy::{Key, ObjectId, OpId};
use automerge::{ActorId, ExpandedChange, ObjId as ExId, Prop, ReadDoc};

use super::Group;
use crate::collections::{
    Collection, attachments, comments, events, languages, members, meta, pinned, polls, posts,
    profiles, reactions, shifts, tasks,
};
use crate::identity::DeviceId;
use crate::ids::ItemId;

/// Most places kept; a view that fell further behind reads everything again.
const MAX_TOUCHES: usize = 4096;

/// Epochs are unique in the process, so a mark taken on one copy of a group never matches
/// another group or a reloaded one.
static EPOCHS: AtomicU64 = AtomicU64::new(1);

/// A point in a group's journal ([`Group::mark`]): what a view was built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    epoch: u64,
    seq: u64,
}

/// One place an operation wrote to: the object (by the actor and counter of the operation
/// that made it) and the key in it.
#[derive(Clone, Debug)]
struct Touch {
    obj: (u64, ActorId),
    key: Box<str>,
}

/// The places written since the epoch began, the oldest dropped first.
#[derive(Clone, Debug)]
pub(super) struct Journal {
    epoch: u64,
    /// How many places were dropped from the front (the sequence number of `touches[0]`).
    start: u64,
    /// Shared with the copies views are built from, like the document.
    touches: Arc<VecDeque<Touch>>,
    /// Places recorded in the current batch; past [`MAX_TOUCHES`] the batch ends the epoch
    /// and records nothing more.
    in_batch: usize,
}

impl Default for Journal {
    fn default() -> Self {
        Self {
            epoch: EPOCHS.fetch_add(1, Ordering::Relaxed),
            start: 0,
            touches: Arc::default(),
            in_batch: 0,
        }
    }
}

impl Journal {
    /// Where the journal is now.
    pub(super) fn mark(&self) -> Mark {
        Mark {
            epoch: self.epoch,
            seq: self.start + self.touches.len() as u64,
        }
    }

    /// Ends the epoch: every earlier mark asks for a full read.
    pub(super) fn reset(&mut self) {
        *self = Self::default();
    }

    /// A new batch of changes begins (an ingest, a local action).
    pub(super) fn begin_batch(&mut self) {
        self.in_batch = 0;
    }

    /// Records where an admitted change writes.
    pub(super) fn record(&mut self, change: &ExpandedChange) {
        if self.in_batch > MAX_TOUCHES {
            return;
        }
        let mut new: Vec<Touch> = Vec::new();
        let made_here =
            change.start_op.get()..change.start_op.get() + change.operations.len() as u64;
        for op in &change.operations {
            // An object made by this change lies where the operation that made it wrote.
            if let ObjectId::Id(OpId(ctr, actor)) = &op.obj
                && *actor == change.actor_id
                && made_here.contains(ctr)
            {
                continue;
            }
            let (ObjectId::Id(OpId(ctr, actor)), Key::Map(k)) = (&op.obj, &op.key) else {
                // The top level (a schema upgrade) or a list: nothing follows that item by
                // item.
                self.overflow();
                return;
            };
            // Operations on one object come together; one place per object and key.
            if new
                .last()
                .is_some_and(|t| t.obj.0 == *ctr && t.obj.1 == *actor && *t.key == **k)
            {
                continue;
            }
            new.push(Touch {
                obj: (*ctr, actor.clone()),
                key: k.as_str().into(),
            });
        }
        self.in_batch += new.len();
        if self.in_batch > MAX_TOUCHES {
            self.overflow();
            return;
        }
        let touches = Arc::make_mut(&mut self.touches);
        touches.extend(new);
        while touches.len() > MAX_TOUCHES {
            touches.pop_front();
            self.start += 1;
        }
    }

    /// Too much at once to follow: a new epoch, and nothing more recorded in this batch.
    fn overflow(&mut self) {
        self.reset();
        self.in_batch = MAX_TOUCHES + 1;
    }

    /// The places written after `mark`, or `None` when they are no longer all known.
    fn since(&self, mark: Mark) -> Option<impl Iterator<Item = &Touch>> {
        if mark.epoch != self.epoch || mark.seq < self.start {
            return None;
        }
        let skip = usize::try_from(mark.seq - self.start).ok()?;
        (skip <= self.touches.len()).then(|| self.touches.iter().skip(skip))
    }
}

/// What changed in a group since a [`Mark`], by collection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changed {
    /// The group's description.
    pub meta: bool,
    /// Its members (names, roles, removals, profiles).
    pub members: bool,
    /// Which posts are pinned.
    pub pinned: bool,
    /// Posts written, edited, deleted, hidden or unhidden.
    pub posts: BTreeSet<ItemId>,
    /// Comments, likewise.
    pub comments: BTreeSet<ItemId>,
    /// Items (posts or comments) whose reactions changed.
    pub reactions: BTreeSet<ItemId>,
    /// Events made or changed, or answered.
    pub events: BTreeSet<ItemId>,
    /// Polls made, voted in or closed.
    pub polls: BTreeSet<ItemId>,
    /// Tasks made, taken or changed.
    pub tasks: BTreeSet<ItemId>,
    /// Shifts made, signed up for or changed.
    pub shifts: BTreeSet<ItemId>,
    /// Files attached, removed or hidden, or the group's limits on them.
    pub attachments: bool,
}

impl Changed {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        *self == Changed::default()
    }

    /// Notes the item at `key` of the collection at root key `collection`.
    fn note(&mut self, collection: &str, key: &str) {
        let item = |k: &str| ItemId::parse(k);
        if collection == <meta::Meta as Collection>::KEY {
            self.meta = true;
        } else if collection == <members::Members as Collection>::KEY
            || collection == <profiles::Profiles as Collection>::KEY
        {
            self.members = true;
        } else if collection == <pinned::Pinned as Collection>::KEY {
            self.pinned = true;
        } else if collection == <posts::Posts as Collection>::KEY {
            self.posts.extend(item(key));
        } else if collection == <comments::Comments as Collection>::KEY {
            self.comments.extend(item(key));
        } else if collection == <reactions::Reactions as Collection>::KEY {
            let on = key.split_once('/').map_or(key, |(on, who)| {
                // Only a well-formed key is a reaction any view shows.
                if DeviceId::from_hex(who).is_ok() {
                    on
                } else {
                    ""
                }
            });
            self.reactions.extend(item(on));
        } else if collection == <events::Events as Collection>::KEY {
            self.events.extend(item(key));
        } else if collection == <polls::Polls as Collection>::KEY {
            self.polls.extend(item(key));
        } else if collection == <tasks::Tasks as Collection>::KEY {
            self.tasks.extend(item(key));
        } else if collection == <shifts::Shifts as Collection>::KEY {
            self.shifts.extend(item(key));
        } else if collection == <attachments::Attachments as Collection>::KEY {
            self.attachments = true;
        } else if collection == <languages::Languages as Collection>::KEY {
            self.members = true;
        }
        // A collection of a newer schema (held, shown nowhere) or no collection at all.
    }
}

/// Where an object lies: the root key of its collection, and the key of the item it lies in
/// (`None` for the collection's own map).
type Place = (String, Option<String>);

impl Group {
    /// Where the group's journal of changes is now: a view built now follows later changes
    /// through [`Group::changed_since`].
    pub fn mark(&self) -> Mark {
        self.journal.mark()
    }

    /// What changed since `mark`, item by item; `None` when a view built at `mark` must be
    /// built again from the whole document (the journal no longer reaches back to `mark`, a
    /// revocation changed what shows, the group was loaded again).
    pub fn changed_since(&self, mark: Mark) -> Option<Changed> {
        let mut changed = Changed::default();
        let mut places: HashMap<&(u64, ActorId), Option<Place>> = HashMap::new();
        for touch in self.journal.since(mark)? {
            let place = places
                .entry(&touch.obj)
                .or_insert_with(|| self.place_of(&touch.obj));
            match place {
                Some((collection, Some(item))) => changed.note(collection, item),
                Some((collection, None)) => changed.note(collection, &touch.key),
                None => {}
            }
        }
        Some(changed)
    }

    /// Where an object is: the root key of its collection, and the key of the item it lies in
    /// (`None` for the collection's own map). `None` for an object the document does not
    /// hold under a collection.
    fn place_of(&self, (ctr, actor): &(u64, ActorId)) -> Option<Place> {
        let obj = ExId::Id(*ctr, actor.clone(), usize::MAX);
        let path: Vec<Prop> = self.doc.parents(&obj).ok()?.map(|p| p.prop).collect();
        // Innermost first: [.., item in the collection, collection on the root].
        let key = |p: &Prop| match p {
            Prop::Map(k) => Some(k.clone()),
            Prop::Seq(_) => None,
        };
        match path.as_slice() {
            [] => None,
            [collection] => Some((key(collection)?, None)),
            [.., item, collection] => Some((key(collection)?, Some(key(item)?))),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::group::testing::*;

    #[test]
    fn a_view_learns_which_items_changed_and_a_revocation_asks_for_a_full_read() {
        let mut w = World::new(3);
        w.add(AMARA, BRUNO, Role::Member);
        w.add(AMARA, CHLOE, Role::Member);
        w.sync_all();
        let start = w.replicas[AMARA].mark();
        assert_eq!(
            w.replicas[AMARA].changed_since(start),
            Some(Changed::default())
        );

        post(&mut w, BRUNO, 1, "hello");
        w.sync_all();
        let after_post = w.replicas[AMARA].mark();
        let changed = w.replicas[AMARA].changed_since(start).unwrap();
        assert_eq!(changed.posts, BTreeSet::from([ItemId::from_u64(1)]));
        assert!(changed.comments.is_empty() && !changed.members);

        w.replicas[CHLOE]
            .comment(t(20), ItemId::from_u64(2), ItemId::from_u64(1), None, "yes")
            .unwrap();
        w.replicas[CHLOE]
            .react(t(21), ItemId::from_u64(1), Some("👍"))
            .unwrap();
        w.sync_all();
        let changed = w.replicas[AMARA].changed_since(after_post).unwrap();
        assert!(changed.posts.is_empty(), "{changed:?}");
        assert_eq!(changed.comments, BTreeSet::from([ItemId::from_u64(2)]));
        assert_eq!(changed.reactions, BTreeSet::from([ItemId::from_u64(1)]));

        // Editing a post touches the post's own object: the item is found through it.
        let before_edit = w.replicas[AMARA].mark();
        w.replicas[BRUNO]
            .edit_post(t(22), ItemId::from_u64(1), "", "hello again")
            .unwrap();
        w.sync_all();
        let changed = w.replicas[AMARA].changed_since(before_edit).unwrap();
        assert_eq!(changed.posts, BTreeSet::from([ItemId::from_u64(1)]));

        // Chloé is removed while she writes concurrently: what she wrote is revoked, which
        // changes what shows anywhere; views read everything again.
        let before_removal = w.replicas[AMARA].mark();
        w.replicas[CHLOE]
            .edit_comment(t(30), ItemId::from_u64(2), "concurrent")
            .unwrap();
        let chloe = w.id_of(CHLOE);
        w.replicas[AMARA]
            .remove_member(t(30), chloe, "moved away")
            .unwrap();
        w.sync_all();
        assert_eq!(w.replicas[AMARA].changed_since(before_removal), None);
        // A copy of the group (a view build's) answers like the group.
        let copy = w.replicas[AMARA].clone();
        assert_eq!(copy.changed_since(copy.mark()), Some(Changed::default()));
    }

    #[test]
    fn a_mark_from_another_group_or_too_far_back_asks_for_a_full_read() {
        let mut w = two_members();
        let old = w.replicas[AMARA].mark();
        for i in 0..=(MAX_TOUCHES as u64) {
            post(&mut w, AMARA, 100 + i, "many");
        }
        assert_eq!(w.replicas[AMARA].changed_since(old), None);
        let other = two_members();
        assert_eq!(
            w.replicas[AMARA].changed_since(other.replicas[AMARA].mark()),
            None
        );
    }
}
