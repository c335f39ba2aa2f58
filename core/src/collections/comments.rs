//! `comments`: answers to posts, one level of replies deep. Each comment is owned by the device
//! that created it; the rules are those of every item ([`super::items`]), plus the post it
//! belongs to and the comment it answers, both set when it is made.
//!
//! ```text
//! comments: { <16-hex id>: { author, created, post, reply_to?, body, edited_at?, deleted?, hidden?, ... } }
//! ```

use automerge::ObjType;
use automerge::transaction::{Transactable, Transaction};

use super::items::{self, Created, Hidden, ItemKind, MAX_BODY, key};
use super::{Collection, Cx, Edit, Op, Writes, check_len, root_for_action};
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::ids::{ItemId, Timestamp};
use crate::problem::{Field, Problem};
use crate::read::Reader;

/// The comments.
pub(crate) struct Comments;

/// An object of the comments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// The map of all comments.
    Root,
    /// One comment, owned by its author.
    Comment {
        /// The device that created it.
        author: DeviceId,
    },
}

impl Collection for Comments {
    const KEY: &'static str = ItemKind::Comment.collection();
    type Loc = Loc;
    const ROOT: Loc = Loc::Root;
    const CODES: &'static [u8] = &[6, 7];
    type Notes = Created;

    fn check(
        at: &Loc,
        op: &Op<'_>,
        cx: &mut Cx,
        created: &mut Created,
    ) -> Result<Option<Loc>, Rejection> {
        match at {
            Loc::Root => items::create(op, cx, created).map(|author| Some(Loc::Comment { author })),
            Loc::Comment { author } => {
                items::check(ItemKind::Comment, *author, op, cx, created).map(|()| None)
            }
        }
    }

    fn finish(created: Created, _: &mut Cx) -> Result<(), Rejection> {
        items::finish(created)
    }

    fn code(loc: &Loc) -> (u8, Option<DeviceId>) {
        match loc {
            Loc::Root => (6, None),
            Loc::Comment { author } => (7, Some(*author)),
        }
    }

    fn from_code(code: u8, device: Option<DeviceId>) -> Option<Loc> {
        match code {
            6 => Some(Loc::Root),
            7 => device.map(|author| Loc::Comment { author }),
            _ => None,
        }
    }
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

/// All comments, oldest first.
pub(crate) fn list(r: &Reader<'_>) -> Vec<Comment> {
    let mut out: Vec<Comment> = items::list(r, ItemKind::Comment)
        .into_iter()
        .filter_map(|(id, o, author)| read(r, id, &o, author))
        .collect();
    out.sort_by(oldest_first);
    out
}

/// The comments under these ids (usually one each; none for an id no comment has), oldest
/// first.
pub(crate) fn with_ids(r: &Reader<'_>, ids: impl IntoIterator<Item = ItemId>) -> Vec<Comment> {
    let mut out: Vec<Comment> = items::with_ids(r, ItemKind::Comment, ids)
        .into_iter()
        .filter_map(|(id, o, author)| read(r, id, &o, author))
        .collect();
    out.sort_by(oldest_first);
    out
}

/// The order of a thread: oldest first, then by id and author (the same everywhere).
pub fn oldest_first(a: &Comment, b: &Comment) -> std::cmp::Ordering {
    a.created
        .cmp(&b.created)
        .then(a.id.cmp(&b.id))
        .then(a.author.cmp(&b.author))
}

/// One comment, from its object; `None` when it names no post.
fn read(r: &Reader<'_>, id: ItemId, o: &automerge::ObjId, author: DeviceId) -> Option<Comment> {
    let f = r.fields(o);
    Some(Comment {
        id,
        post: ItemId::parse(&f.text(key::POST))?,
        reply_to: ItemId::parse(&f.text(key::REPLY_TO)),
        author,
        created: Timestamp(f.int(key::CREATED).unwrap_or(0)),
        body: f.text(key::BODY),
        edited_at: f.int(key::EDITED_AT).map(Timestamp),
        deleted: f.flag(key::DELETED),
        hidden: items::hidden(&f),
    })
}

/// Comments on a post, optionally replying to a comment on it.
pub(crate) fn comment<'t>(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    id: ItemId,
    post: ItemId,
    reply_to: Option<ItemId>,
    body: &'t str,
) -> Result<Edit<impl Writes + use<'t>>, CoreError> {
    check_len(body, MAX_BODY, Field::Comment)?;
    if body.trim().is_empty() {
        return Err(CoreError::InvalidInput(Problem::CommentEmpty));
    }
    if items::find(r, ItemKind::Post, post).is_none() {
        return Err(CoreError::NotFound(Problem::PostNotFound));
    }
    let comments = root_for_action::<Comments>(r)?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        let c = tx.put_object(&comments, id.to_hex(), ObjType::Map)?;
        tx.put(&c, key::AUTHOR, me.to_hex())?;
        tx.put(&c, key::CREATED, now.0)?;
        tx.put(&c, key::POST, post.to_hex())?;
        if let Some(parent) = reply_to {
            tx.put(&c, key::REPLY_TO, parent.to_hex())?;
        }
        tx.put(&c, key::BODY, body)?;
        Ok(())
    }))
}

/// Changes the text of one of my comments.
pub(crate) fn edit<'t>(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    id: ItemId,
    body: &'t str,
) -> Result<Edit<impl Writes + use<'t>>, CoreError> {
    check_len(body, MAX_BODY, Field::Comment)?;
    if body.trim().is_empty() {
        return Err(CoreError::InvalidInput(Problem::CommentEmpty));
    }
    let obj = items::own(r, me, ItemKind::Comment, id)?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        tx.put(&obj, key::BODY, body)?;
        tx.put(&obj, key::EDITED_AT, now.0)?;
        Ok(())
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::group::testing::*;
    use crate::{CoreError, Problem};

    #[test]
    fn member_edits_their_own_comment_and_nobody_elses() {
        let mut w = two_members();
        post(&mut w, BRUNO, 1, "hello");
        w.sync_all();
        let c = ItemId::from_u64(2);
        w.replicas[CHLOE]
            .comment(t(20), c, ItemId::from_u64(1), None, "see you")
            .unwrap();
        w.replicas[CHLOE]
            .edit_comment(t(21), c, "see you there")
            .unwrap();
        w.sync_all();
        let comments = w.replicas[AMARA].comments();
        assert_eq!(comments[0].body, "see you there");
        assert_eq!(comments[0].edited_at, Some(t(21)));
        let err = w.replicas[BRUNO].edit_comment(t(22), c, "x").unwrap_err();
        assert!(
            matches!(err, CoreError::NotPermitted(Problem::NotYours)),
            "{err}"
        );
        assert!(w.replicas[CHLOE].edit_comment(t(22), c, "  ").is_err());
    }

    #[test]
    fn a_comment_cannot_name_someone_else_as_its_author() {
        let mut w = two_members();
        post(&mut w, BRUNO, 1, "hello");
        w.sync_all();
        let bruno = w.id_of(BRUNO);
        let forged = forge(&w.replicas[CHLOE], &key(3), [3; 8], None, |tx, doc| {
            let comments = obj(doc, &ROOT, "comments");
            let c = tx
                .put_object(&comments, ItemId::from_u64(5).to_hex(), ObjType::Map)
                .unwrap();
            tx.put(&c, "author", bruno.to_hex()).unwrap();
            tx.put(&c, "post", ItemId::from_u64(1).to_hex()).unwrap();
            tx.put(&c, "body", "words put in Bruno's mouth").unwrap();
        });
        let report = w.replicas[AMARA].ingest(vec![forged]);
        assert!(
            matches!(rejected_with(&report)[..], [Rejection::Forbidden(_)]),
            "{report:?}"
        );
        assert!(w.replicas[AMARA].comments().is_empty());
    }
}
