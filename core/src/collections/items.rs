//! What posts and comments share: items keyed by 64 random bits, owned by the device that
//! created them (read from the object's id), edited and deleted only by it, hidden and
//! unhidden by moderators. `posts` and `comments` each register a collection built on these
//! rules.
//!
//! Entries are never replaced or deleted: deleting clears an item's text and sets `deleted`,
//! hiding sets `hidden` with a reason. So every object ever created stays reachable.

use std::collections::HashSet;

use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};
use automerge::{ObjId as ExId, ReadDoc, ScalarValue};

use super::{
    Cx, Edit, MAX_REASON, Op, Writes, boolean, check_len, forbidden, int, item_ref, root_at, text,
};
use crate::actor::author_of_actor;
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::ids::{ItemId, Timestamp};
use crate::problem::{Field, Problem};
use crate::read::{Fields, Reader};
use crate::role::Role;

/// The fields of an item.
pub(crate) mod key {
    pub const AUTHOR: &str = "author";
    pub const CREATED: &str = "created";
    pub const TITLE: &str = "title";
    pub const BODY: &str = "body";
    pub const LANG: &str = "lang";
    pub const EDITED_AT: &str = "edited_at";
    pub const DELETED: &str = "deleted";
    pub const POST: &str = "post";
    pub const REPLY_TO: &str = "reply_to";
    pub const HIDDEN: &str = "hidden";
    pub const HIDDEN_BY: &str = "hidden_by";
    pub const HIDDEN_REASON: &str = "hidden_reason";
    pub const HIDDEN_AT: &str = "hidden_at";
}

/// Longest post title, in characters.
pub(crate) const MAX_TITLE: usize = crate::limits::POST_TITLE;
/// Longest post or comment text, in characters.
pub(crate) const MAX_BODY: usize = crate::limits::POST_TEXT;
/// Longest language tag, in characters.
const MAX_LANG: usize = 35;

/// Which collection an item lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A post.
    Post,
    /// A comment.
    Comment,
}

impl ItemKind {
    /// The key of its collection on the document's root.
    pub(crate) const fn collection(self) -> &'static str {
        match self {
            ItemKind::Post => "posts",
            ItemKind::Comment => "comments",
        }
    }
}

/// A moderation decision that hides an item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hidden {
    /// The moderator.
    pub by: Option<DeviceId>,
    /// The reason given.
    pub reason: String,
}

/// The items one change creates, and those of them that name their author.
#[derive(Default)]
pub(crate) struct Created {
    items: HashSet<u64>,
    with_author: HashSet<u64>,
}

/// Creating an item in its collection's root map. Returns the new item's owner: the author.
pub(crate) fn create(op: &Op<'_>, cx: &Cx, created: &mut Created) -> Result<DeviceId, Rejection> {
    if !matches!(op.action, OpType::Make(automerge::ObjType::Map)) {
        return Err(op.not_allowed());
    }
    if ItemId::parse(op.key).is_none() {
        return Err(forbidden("post and comment keys are 16 hex characters"));
    }
    if op.replaces {
        return Err(forbidden("a post or comment cannot be replaced"));
    }
    created.items.insert(op.id);
    Ok(cx.author)
}

/// An operation on an item of `kind` owned by `owner`.
pub(crate) fn check(
    kind: ItemKind,
    owner: DeviceId,
    op: &Op<'_>,
    cx: &mut Cx,
    created: &mut Created,
) -> Result<(), Rejection> {
    let is_post = kind == ItemKind::Post;
    let is_new = op.in_new_object;
    let own = owner == cx.author;
    let k = op.key;
    if let Some(verdict) = check_hiding(op, cx) {
        return verdict;
    }
    match (k, op.action) {
        (key::AUTHOR, OpType::Put(v)) if is_new => {
            cx.names_author(v, "author")?;
            created.with_author.insert(op.obj);
        }
        (key::CREATED, OpType::Put(v)) if is_new => int(v, "created")?,
        (key::POST, OpType::Put(v)) if is_new && !is_post => item_ref(v, "post")?,
        (key::REPLY_TO, OpType::Put(v)) if is_new && !is_post => item_ref(v, "reply_to")?,
        (key::TITLE, OpType::Put(v)) if own && is_post => {
            text(v, MAX_TITLE, "the title")?;
        }
        (key::BODY, OpType::Put(v)) if own => {
            text(v, MAX_BODY, "the text")?;
        }
        (key::LANG, OpType::Put(v)) if own => {
            text(v, MAX_LANG, "language")?;
        }
        (key::EDITED_AT, OpType::Put(v)) if own => int(v, "edited_at")?,
        (key::DELETED, OpType::Put(v)) if own => boolean(v, "deleted")?,
        (key::TITLE | key::BODY | key::LANG | key::EDITED_AT | key::DELETED, _) if !own => {
            return Err(forbidden("only the author edits a post or comment"));
        }
        _ => {
            return Err(forbidden(format!(
                "post field {k:?} cannot be changed this way"
            )));
        }
    }
    Ok(())
}

/// The check once the change was read: every item it created names its author.
pub(crate) fn finish(created: Created) -> Result<(), Rejection> {
    if created
        .items
        .iter()
        .any(|c| !created.with_author.contains(c))
    {
        return Err(forbidden("a new post or comment must name its author"));
    }
    Ok(())
}

/// Every item of `kind` that shows, with its object and its author (read from the object's
/// id). Items created by revoked changes do not show.
pub(crate) fn list(r: &Reader<'_>, kind: ItemKind) -> Vec<(ItemId, ExId, DeviceId)> {
    in_range(r, kind, ..)
}

/// The items of `kind` under `id` that show: one, or one per author where two devices
/// created items under the same id. Reads only that key, not the whole collection.
pub(crate) fn entries(r: &Reader<'_>, kind: ItemKind, id: ItemId) -> Vec<(ItemId, ExId, DeviceId)> {
    let key = id.to_hex();
    in_range(r, kind, key.clone()..=key)
}

/// [`entries`] for each of `ids`.
pub(crate) fn with_ids(
    r: &Reader<'_>,
    kind: ItemKind,
    ids: impl IntoIterator<Item = ItemId>,
) -> Vec<(ItemId, ExId, DeviceId)> {
    ids.into_iter()
        .flat_map(|id| entries(r, kind, id))
        .collect()
}

/// [`list`] over a range of keys.
fn in_range(
    r: &Reader<'_>,
    kind: ItemKind,
    range: impl std::ops::RangeBounds<String>,
) -> Vec<(ItemId, ExId, DeviceId)> {
    let Some(coll) = root_at(r, kind.collection()) else {
        return Vec::new();
    };
    objects_in(r, &coll, range)
}

/// The objects keyed by an [`ItemId`] in the map `coll` (within `range` of keys) that show,
/// each with its author, read from the object's id: what every collection of items owned by
/// their creator (posts, comments, events, polls, tasks, shifts) lists.
pub(crate) fn objects_in(
    r: &Reader<'_>,
    coll: &ExId,
    range: impl std::ops::RangeBounds<String>,
) -> Vec<(ItemId, ExId, DeviceId)> {
    let mut out = Vec::new();
    let mut take = |id: ItemId, obj: ExId| {
        if let ExId::Id(_, actor, _) = &obj
            && let Some(author) = author_of_actor(actor)
            && !r.masked(&obj)
        {
            out.push((id, obj.clone(), author));
        }
    };
    let doc = r.doc();
    for item in doc.map_range(coll, range) {
        let Some(id) = ItemId::parse(&item.key) else {
            continue;
        };
        if !item.conflict {
            if matches!(item.value, automerge::ValueRef::Object(_)) {
                take(id, item.id());
            }
            continue;
        }
        // Two items created under one id: each is shown (by its own author).
        for (v, obj) in doc.get_all(coll, &*item.key).unwrap_or_default() {
            if matches!(v, automerge::Value::Object(_)) {
                take(id, obj);
            }
        }
    }
    out
}

/// The objects of the collection `C` (every root map of it) keyed by an [`ItemId`], with
/// their authors; with `id`, only those under that id.
pub(crate) fn objects_of<C: super::Collection>(
    r: &Reader<'_>,
    id: Option<ItemId>,
) -> Vec<(ItemId, ExId, DeviceId)> {
    let mut out = Vec::new();
    for root in super::roots_of::<C>(r) {
        match id {
            Some(id) => {
                let k = id.to_hex();
                out.extend(objects_in(r, &root, k.clone()..=k));
            }
            None => out.extend(objects_in(r, &root, ..)),
        }
    }
    out
}

/// Making an object owned by its creator, keyed by an [`ItemId`], in a collection's root
/// map (events, polls, tasks, shifts): made once, never replaced or deleted.
pub(crate) fn create_keyed(op: &Op<'_>, what: &str) -> Result<(), Rejection> {
    if ItemId::parse(op.key).is_none() {
        return Err(forbidden(format!("{what} keys are 16 hex characters")));
    }
    match op.action {
        OpType::Make(automerge::ObjType::Map) if !op.replaces => Ok(()),
        OpType::Make(automerge::ObjType::Map) => Err(forbidden(format!("{what} is made once"))),
        _ => Err(forbidden(format!("{what} is never replaced or deleted"))),
    }
}

/// The fields every entry of the campaign kit shares: `author` and `created`, written when it
/// is made, and the moderators' (below). The verdict on `op` when it writes one of them;
/// `None` when it writes another field.
pub(crate) fn check_common(op: &Op<'_>, cx: &mut Cx) -> Option<Result<(), Rejection>> {
    if let Some(verdict) = check_hiding(op, cx) {
        return Some(verdict);
    }
    match (op.key, op.action) {
        (key::AUTHOR, OpType::Put(v)) if op.in_new_object => Some(cx.names_author(v, "author")),
        (key::CREATED, OpType::Put(v)) if op.in_new_object => Some(int(v, "created")),
        _ => None,
    }
}

/// The entry of the collection `C` under `id`, with what `read` makes of it; `missing` when
/// there is none.
pub(crate) fn find_in<C: super::Collection, T>(
    r: &Reader<'_>,
    id: ItemId,
    read: impl Fn(&Reader<'_>, ItemId, &ExId, DeviceId) -> T,
    missing: Problem,
) -> Result<(ExId, T), CoreError> {
    objects_of::<C>(r, Some(id))
        .into_iter()
        .next()
        .map(|(id, o, creator)| {
            let t = read(r, id, &o, creator);
            (o, t)
        })
        .ok_or(CoreError::NotFound(missing))
}

/// Makes the entry `id` in a collection's map `root`, by `me`, now: the fields every entry of
/// the campaign kit opens with. Returns the entry, to write the rest into.
pub(crate) fn new_entry(
    tx: &mut Transaction<'_>,
    root: &ExId,
    id: ItemId,
    me: DeviceId,
    now: Timestamp,
) -> Result<ExId, automerge::AutomergeError> {
    let e = tx.put_object(root, id.to_hex(), automerge::ObjType::Map)?;
    tx.put(&e, key::AUTHOR, me.to_hex())?;
    tx.put(&e, key::CREATED, now.0)?;
    Ok(e)
}

/// Puts `who` in the set `list` (`on`: `who: true`) or takes them out: an organiser, an
/// assignee, a sign-up.
pub(crate) fn set_in(list: ExId, who: DeviceId, on: bool) -> Edit<impl Writes + use<>> {
    Edit::content(move |tx: &mut Transaction<'_>| {
        if on {
            tx.put(&list, who.to_hex(), true)?;
        } else {
            tx.delete(&list, who.to_hex())?;
        }
        Ok(())
    })
}

/// The moderators' fields of an item (`hidden`, `hidden_by`, `hidden_reason`, `hidden_at`):
/// `None` when `op` writes another field.
pub(crate) fn check_hiding(op: &Op<'_>, cx: &mut Cx) -> Option<Result<(), Rejection>> {
    let verdict = match (op.key, op.action) {
        (key::HIDDEN, OpType::Put(v)) => {
            if let ScalarValue::Boolean(b) = v {
                cx.hides.push((op.object(), *b));
            }
            boolean(v, "hidden")
        }
        (key::HIDDEN_BY, OpType::Put(v)) => cx.names_author(v, "hidden_by"),
        (key::HIDDEN_REASON, OpType::Put(v)) => text(v, MAX_REASON, "the reason").map(|_| ()),
        (key::HIDDEN_AT, OpType::Put(v)) => int(v, "hidden_at"),
        (key::HIDDEN | key::HIDDEN_BY | key::HIDDEN_REASON | key::HIDDEN_AT, OpType::Delete) => {
            Ok(())
        }
        _ => return None,
    };
    cx.needs(Role::Moderator);
    Some(verdict)
}

/// The hiding of an item, from its fields.
pub(crate) fn hidden(f: &Fields) -> Option<Hidden> {
    f.flag(key::HIDDEN).then(|| Hidden {
        by: DeviceId::from_hex(&f.text(key::HIDDEN_BY)).ok(),
        reason: f.text(key::HIDDEN_REASON),
    })
}

/// An item of `kind` that shows, with its author.
pub(crate) fn find(r: &Reader<'_>, kind: ItemKind, id: ItemId) -> Option<(ExId, DeviceId)> {
    entries(r, kind, id)
        .into_iter()
        .next()
        .map(|(_, o, a)| (o, a))
}

/// One of `me`'s items.
pub(crate) fn own(
    r: &Reader<'_>,
    me: DeviceId,
    kind: ItemKind,
    id: ItemId,
) -> Result<ExId, CoreError> {
    entries(r, kind, id)
        .into_iter()
        .find(|(_, _, a)| *a == me)
        .map(|(_, o, _)| o)
        .ok_or(CoreError::NotPermitted(Problem::NotYours))
}

/// Deletes one of my posts or comments (its text is cleared; the entry stays as a tombstone).
pub(crate) fn delete(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    kind: ItemKind,
    id: ItemId,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let obj = own(r, me, kind, id)?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        if kind == ItemKind::Post {
            tx.put(&obj, key::TITLE, "")?;
        }
        tx.put(&obj, key::BODY, "")?;
        tx.put(&obj, key::DELETED, true)?;
        tx.put(&obj, key::EDITED_AT, now.0)?;
        Ok(())
    }))
}

/// Deletes many of my posts and comments in one change, as [`delete`] does one. Items that are
/// not mine (or not here) are skipped.
pub(crate) fn delete_many(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    items: &[(ItemKind, ItemId)],
) -> Edit<impl Writes + use<>> {
    let objs: Vec<(ItemKind, ExId)> = items
        .iter()
        .filter_map(|(kind, id)| own(r, me, *kind, *id).ok().map(|o| (*kind, o)))
        .collect();
    Edit::content(move |tx: &mut Transaction<'_>| {
        for (kind, obj) in &objs {
            if *kind == ItemKind::Post {
                tx.put(obj, key::TITLE, "")?;
            }
            tx.put(obj, key::BODY, "")?;
            tx.put(obj, key::DELETED, true)?;
            tx.put(obj, key::EDITED_AT, now.0)?;
        }
        Ok(())
    })
}

/// Brings back one of my deleted posts or comments with the text it had (undoing a delete is
/// a new change, which every peer judges like an edit).
pub(crate) fn restore<'t>(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    kind: ItemKind,
    id: ItemId,
    title: &'t str,
    body: &'t str,
) -> Result<Edit<impl Writes + use<'t>>, CoreError> {
    let field = match kind {
        ItemKind::Post => Field::PostText,
        ItemKind::Comment => Field::Comment,
    };
    check_len(title, MAX_TITLE, Field::Title)?;
    check_len(body, MAX_BODY, field)?;
    let obj = own(r, me, kind, id)?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        if kind == ItemKind::Post {
            tx.put(&obj, key::TITLE, title)?;
        }
        tx.put(&obj, key::BODY, body)?;
        tx.put(&obj, key::DELETED, false)?;
        tx.put(&obj, key::EDITED_AT, now.0)?;
        Ok(())
    }))
}

/// Hides (moderators and up) someone's post or comment, with a reason everyone can read.
pub(crate) fn hide<'a>(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    kind: ItemKind,
    id: ItemId,
    reason: &'a str,
) -> Result<Edit<impl Writes + use<'a>>, CoreError> {
    check_len(reason, MAX_REASON, Field::Reason)?;
    let (obj, _) = find(r, kind, id).ok_or(CoreError::NotFound(Problem::ItemNotFound))?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        tx.put(&obj, key::HIDDEN, true)?;
        tx.put(&obj, key::HIDDEN_BY, me.to_hex())?;
        tx.put(&obj, key::HIDDEN_REASON, reason)?;
        tx.put(&obj, key::HIDDEN_AT, now.0)?;
        Ok(())
    }))
}

/// Makes a hidden post or comment visible again (moderators and up).
pub(crate) fn unhide(
    r: &Reader<'_>,
    kind: ItemKind,
    id: ItemId,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let (obj, _) = find(r, kind, id).ok_or(CoreError::NotFound(Problem::ItemNotFound))?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        tx.put(&obj, key::HIDDEN, false)
    }))
}
