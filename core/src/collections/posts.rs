//! `posts`: what members write to the group. Each post is owned by the device that created it;
//! the rules are those of every item ([`super::items`]), plus a title.
//!
//! ```text
//! posts: { <16-hex id>: { author, created, title, body, lang, edited_at?, deleted?,
//!                         hidden?, hidden_by?, hidden_reason?, hidden_at? } }
//! ```

use automerge::ObjType;
use automerge::transaction::{Transactable, Transaction};

use super::items::{self, Created, Hidden, ItemKind, MAX_BODY, MAX_TITLE, key};
use super::{Collection, Cx, Edit, Op, Writes, check_len, root_for_action};
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::ids::{ItemId, Timestamp};
use crate::problem::{Field, Problem};
use crate::read::Reader;

/// The posts.
pub(crate) struct Posts;

/// An object of the posts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// The map of all posts.
    Root,
    /// One post, owned by its author.
    Post {
        /// The device that created it.
        author: DeviceId,
    },
}

impl Collection for Posts {
    const KEY: &'static str = ItemKind::Post.collection();
    type Loc = Loc;
    const ROOT: Loc = Loc::Root;
    const CODES: &'static [u8] = &[4, 5];
    type Notes = Created;

    fn check(
        at: &Loc,
        op: &Op<'_>,
        cx: &mut Cx,
        created: &mut Created,
    ) -> Result<Option<Loc>, Rejection> {
        match at {
            Loc::Root => items::create(op, cx, created).map(|author| Some(Loc::Post { author })),
            Loc::Post { author } => {
                items::check(ItemKind::Post, *author, op, cx, created).map(|()| None)
            }
        }
    }

    fn finish(created: Created, _: &mut Cx) -> Result<(), Rejection> {
        items::finish(created)
    }

    fn code(loc: &Loc) -> (u8, Option<DeviceId>) {
        match loc {
            Loc::Root => (4, None),
            Loc::Post { author } => (5, Some(*author)),
        }
    }

    fn from_code(code: u8, device: Option<DeviceId>) -> Option<Loc> {
        match code {
            4 => Some(Loc::Root),
            5 => device.map(|author| Loc::Post { author }),
            _ => None,
        }
    }
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

/// All posts, newest first. Hidden and deleted posts are included and marked.
pub(crate) fn list(r: &Reader<'_>) -> Vec<Post> {
    let mut out: Vec<Post> = items::list(r, ItemKind::Post)
        .into_iter()
        .map(|(id, o, author)| read(r, id, &o, author))
        .collect();
    out.sort_by(newest_first);
    out
}

/// The posts under these ids (usually one each; none for an id no post has), newest first.
pub(crate) fn with_ids(r: &Reader<'_>, ids: impl IntoIterator<Item = ItemId>) -> Vec<Post> {
    let mut out: Vec<Post> = items::with_ids(r, ItemKind::Post, ids)
        .into_iter()
        .map(|(id, o, author)| read(r, id, &o, author))
        .collect();
    out.sort_by(newest_first);
    out
}

/// The order of a feed: newest first, then by id and author (the same everywhere).
pub fn newest_first(a: &Post, b: &Post) -> std::cmp::Ordering {
    b.created
        .cmp(&a.created)
        .then(a.id.cmp(&b.id))
        .then(a.author.cmp(&b.author))
}

/// One post, from its object.
fn read(r: &Reader<'_>, id: ItemId, o: &automerge::ObjId, author: DeviceId) -> Post {
    let f = r.fields(o);
    Post {
        id,
        author,
        created: Timestamp(f.int(key::CREATED).unwrap_or(0)),
        title: f.text(key::TITLE),
        body: f.text(key::BODY),
        lang: f.text(key::LANG),
        edited_at: f.int(key::EDITED_AT).map(Timestamp),
        deleted: f.flag(key::DELETED),
        hidden: items::hidden(&f),
    }
}

/// Writes a new post; one `with_files` may have no text.
#[allow(clippy::too_many_arguments)]
pub(crate) fn post<'t>(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    id: ItemId,
    title: &'t str,
    body: &'t str,
    lang: &'t str,
    with_files: bool,
) -> Result<Edit<impl Writes + use<'t>>, CoreError> {
    check_len(title, MAX_TITLE, Field::Title)?;
    check_len(body, MAX_BODY, Field::PostText)?;
    if title.trim().is_empty() && body.trim().is_empty() && !with_files {
        return Err(CoreError::InvalidInput(Problem::PostEmpty));
    }
    let posts = root_for_action::<Posts>(r)?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        let p = tx.put_object(&posts, id.to_hex(), ObjType::Map)?;
        tx.put(&p, key::AUTHOR, me.to_hex())?;
        tx.put(&p, key::CREATED, now.0)?;
        tx.put(&p, key::TITLE, title)?;
        tx.put(&p, key::BODY, body)?;
        tx.put(&p, key::LANG, lang)?;
        Ok(())
    }))
}

/// Changes the title and text of one of my posts.
pub(crate) fn edit<'t>(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    id: ItemId,
    title: &'t str,
    body: &'t str,
) -> Result<Edit<impl Writes + use<'t>>, CoreError> {
    check_len(title, MAX_TITLE, Field::Title)?;
    check_len(body, MAX_BODY, Field::PostText)?;
    let obj = items::own(r, me, ItemKind::Post, id)?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        tx.put(&obj, key::TITLE, title)?;
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
    fn member_can_post_and_edit_their_own_post() {
        let mut w = two_members();
        post(&mut w, BRUNO, 1, "hello");
        w.replicas[BRUNO]
            .edit_post(t(20), ItemId::from_u64(1), "title", "hello again")
            .unwrap();
        w.sync_all();
        let posts = w.replicas[AMARA].posts();
        assert_eq!(posts.len(), 1);
        assert_eq!(posts[0].body, "hello again");
        assert_eq!(posts[0].edited_at, Some(t(20)));
    }

    #[test]
    fn an_author_undoes_a_delete_and_nobody_else_can() {
        let mut w = two_members();
        post(&mut w, BRUNO, 1, "bring gloves");
        let id = ItemId::from_u64(1);
        w.replicas[BRUNO]
            .delete_item(t(20), ItemKind::Post, id)
            .unwrap();
        w.sync_all();
        assert!(w.replicas[AMARA].posts()[0].deleted);
        // Someone else cannot bring it back.
        let err = w.replicas[AMARA]
            .restore_item(t(21), ItemKind::Post, id, "", "forged")
            .unwrap_err();
        assert!(
            matches!(err, CoreError::NotPermitted(Problem::NotYours)),
            "{err}"
        );
        // Its author can: a new change, which every peer takes.
        w.replicas[BRUNO]
            .restore_item(t(22), ItemKind::Post, id, "Saturday", "bring gloves")
            .unwrap();
        w.sync_all();
        let p = &w.replicas[AMARA].posts()[0];
        assert!(!p.deleted);
        assert_eq!(
            (p.title.as_str(), p.body.as_str()),
            ("Saturday", "bring gloves")
        );
    }

    #[test]
    fn member_cannot_edit_another_members_post() {
        let mut w = two_members();
        post(&mut w, BRUNO, 1, "mine");
        w.sync_all();
        // Through the API: refused with a sentence.
        let err = w.replicas[CHLOE]
            .edit_post(t(20), ItemId::from_u64(1), "x", "hijacked")
            .unwrap_err();
        assert!(
            matches!(err, CoreError::NotPermitted(Problem::NotYours)),
            "{err}"
        );
        // Forged by hand: refused by every peer.
        let chloe = key(3);
        let forged = forge(&w.replicas[CHLOE], &chloe, [3; 8], None, |tx, doc| {
            let posts = obj(doc, &ROOT, "posts");
            let p = obj(doc, &posts, &ItemId::from_u64(1).to_hex());
            tx.put(&p, "body", "hijacked").unwrap();
        });
        let report = w.replicas[AMARA].ingest(vec![forged]);
        assert!(
            matches!(rejected_with(&report)[..], [Rejection::Forbidden(_)]),
            "{report:?}"
        );
        assert_eq!(w.replicas[AMARA].posts()[0].body, "mine");
    }

    #[test]
    fn moderator_can_hide_others_posts_and_a_member_cannot() {
        let mut w = World::new(3);
        w.add(AMARA, BRUNO, Role::Moderator);
        w.add(AMARA, CHLOE, Role::Member);
        w.sync_all();
        post(&mut w, CHLOE, 1, "off topic");
        w.sync_all();
        assert!(
            w.replicas[CHLOE]
                .hide(t(30), ItemKind::Post, ItemId::from_u64(1), "mine")
                .is_err()
        );
        w.replicas[BRUNO]
            .hide(t(30), ItemKind::Post, ItemId::from_u64(1), "off topic")
            .unwrap();
        w.sync_all();
        let p = &w.replicas[AMARA].posts()[0];
        let hidden = p.hidden.as_ref().unwrap();
        assert_eq!(hidden.reason, "off topic");
        assert_eq!(hidden.by, Some(w.id_of(BRUNO)));
        w.replicas[BRUNO]
            .unhide(t(31), ItemKind::Post, ItemId::from_u64(1), "ok")
            .unwrap();
        assert!(w.replicas[BRUNO].posts()[0].hidden.is_none());
    }
}
