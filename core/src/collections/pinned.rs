//! `pinned`: posts an admin (or the owner) keeps at the top of the group's feed. The first
//! collection of schema version 2: a group gets it from a schema upgrade change
//! (`schema::build_upgrade`), and a change that touches it is valid only where that upgrade
//! is in its causal past.
//!
//! ```text
//! pinned: { <post id>: { by: <device hex>, at: <ms> } }
//! ```
//!
//! A pin is a map made once (pinning a post again means unpinning it first); unpinning
//! deletes it. Two admins who pin the same post at once both made a pin; either shows. Two
//! admins who upgrade a group at once both made a `pinned` map (Automerge keeps both as a
//! conflict on the root): the view reads the pins of every one of them, and unpinning
//! deletes the post's pin from each, so no pin is lost to the conflict.

use std::collections::HashMap;

use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};
use automerge::{ObjId as ExId, ObjType, ReadDoc};

use super::{Collection, Cx, Edit, Op, Writes, forbidden, int, posts::Post};
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::ids::{ItemId, Timestamp};
use crate::problem::Problem;
use crate::read::Reader;
use crate::role::Role;

/// The pinned posts.
pub(crate) struct Pinned;

/// Field names of a pin.
const BY: &str = "by";
const AT: &str = "at";

/// An object of the pinned posts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// The map of all pins.
    Root,
    /// One pin, made by `by`.
    Pin {
        /// The device that made it.
        by: DeviceId,
    },
}

impl Collection for Pinned {
    const KEY: &'static str = "pinned";
    const SINCE: i64 = 2;
    type Loc = Loc;
    const ROOT: Loc = Loc::Root;
    const CODES: &'static [u8] = &[9, 10];
    type Notes = ();

    fn check(at: &Loc, op: &Op<'_>, cx: &mut Cx, _: &mut ()) -> Result<Option<Loc>, Rejection> {
        // Every change to the pins is an admin's.
        cx.needs(Role::Admin);
        match at {
            Loc::Root => {
                if ItemId::parse(op.key).is_none() {
                    return Err(forbidden("a pin's key is the post's id"));
                }
                match op.action {
                    OpType::Make(ObjType::Map) if op.replaces => {
                        Err(forbidden("a pinned post is pinned once"))
                    }
                    OpType::Make(ObjType::Map) => Ok(Some(Loc::Pin { by: cx.author })),
                    OpType::Delete => Ok(None),
                    _ => Err(op.not_allowed()),
                }
            }
            Loc::Pin { .. } => {
                if !op.in_new_object {
                    return Err(forbidden("a pin is written once, when it is made"));
                }
                match (op.key, op.action) {
                    (BY, OpType::Put(v)) => cx.names_author(v, BY).map(|()| None),
                    (AT, OpType::Put(v)) => int(v, AT).map(|()| None),
                    _ => Err(forbidden(format!("pin field {:?} cannot be set", op.key))),
                }
            }
        }
    }

    fn code(loc: &Loc) -> (u8, Option<DeviceId>) {
        match loc {
            Loc::Root => (9, None),
            Loc::Pin { by } => (10, Some(*by)),
        }
    }

    fn from_code(code: u8, device: Option<DeviceId>) -> Option<Loc> {
        match code {
            9 => Some(Loc::Root),
            10 => device.map(|by| Loc::Pin { by }),
            _ => None,
        }
    }
}

/// A pinned post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pin {
    /// The post.
    pub post: ItemId,
    /// Who pinned it.
    pub by: DeviceId,
    /// When.
    pub at: Timestamp,
}

/// The posts pinned now, most recently pinned first. A pin shows only while its post is in
/// `posts`, not deleted and not hidden.
pub(crate) fn list(r: &Reader<'_>, posts: &[Post]) -> Vec<Pin> {
    let shown: HashMap<ItemId, &Post> = posts
        .iter()
        .filter(|p| !p.deleted && p.hidden.is_none())
        .map(|p| (p.id, p))
        .collect();
    list_where(r, |post| shown.contains_key(&post))
}

/// [`list`] where `shown` says which posts are neither deleted nor hidden.
pub(crate) fn list_where(r: &Reader<'_>, shown: impl Fn(ItemId) -> bool) -> Vec<Pin> {
    let mut out: HashMap<ItemId, Pin> = HashMap::new();
    for root in super::roots_of::<Pinned>(r) {
        for (k, _) in r.fields(&root).0 {
            let Some(post) = ItemId::parse(&k) else {
                continue;
            };
            if !shown(post) {
                continue;
            }
            let Some(pin) = r.object(&root, &k) else {
                continue;
            };
            let f = r.fields(&pin);
            let (Ok(by), Some(at)) = (DeviceId::from_hex(&f.text(BY)), f.int(AT)) else {
                continue;
            };
            let pin = Pin {
                post,
                by,
                at: Timestamp(at),
            };
            // The same post pinned in two maps: the later pin shows.
            match out.get(&post) {
                Some(seen) if (seen.at, seen.by) >= (pin.at, pin.by) => {}
                _ => {
                    out.insert(post, pin);
                }
            }
        }
    }
    let mut out: Vec<Pin> = out.into_values().collect();
    out.sort_by(|a, b| b.at.cmp(&a.at).then(a.post.cmp(&b.post)));
    out
}

/// The refusal of a pin or an unpin by someone who is not an admin.
fn admins_only() -> CoreError {
    CoreError::NotPermitted(Problem::OnlyAdminsCanPin)
}

/// Pins a post (admins and the owner). The group must have the `pinned` collection already
/// (the group's `pin` makes the schema upgrade first when it does not).
pub(crate) fn pin(
    r: &Reader<'_>,
    role: Option<Role>,
    me: DeviceId,
    now: Timestamp,
    post: &Post,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    if role.is_none_or(|r| r < Role::Admin) {
        return Err(admins_only());
    }
    if post.deleted || post.hidden.is_some() {
        return Err(CoreError::InvalidInput(Problem::PinHiddenPost));
    }
    let key = post.id.to_hex();
    let all = super::roots_of::<Pinned>(r);
    if all.iter().any(|root| r.object(root, &key).is_some()) {
        return Err(CoreError::InvalidInput(Problem::AlreadyPinned));
    }
    let root = super::root_of::<Pinned>(r).ok_or(CoreError::NotPermitted(Problem::NeedsUpgrade))?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        let p = tx.put_object(&root, &key, ObjType::Map)?;
        tx.put(&p, BY, me.to_hex())?;
        tx.put(&p, AT, now.0)?;
        Ok(())
    }))
}

/// Unpins a post (admins and the owner): removes its pin from every `pinned` map.
pub(crate) fn unpin(
    r: &Reader<'_>,
    role: Option<Role>,
    post: ItemId,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    if role.is_none_or(|r| r < Role::Admin) {
        return Err(admins_only());
    }
    let key = post.to_hex();
    let holding: Vec<ExId> = super::roots_of::<Pinned>(r)
        .into_iter()
        .filter(|root| r.doc().get(root, &key).ok().flatten().is_some())
        .collect();
    if holding.is_empty() {
        return Err(CoreError::InvalidInput(Problem::NotPinned));
    }
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        for root in &holding {
            tx.delete(root, &key)?;
        }
        Ok(())
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::group::testing::*;
    use crate::schema::{PINNED_SINCE, SCHEMA_VERSION};
    use crate::{CoreError, Problem};

    const P: u64 = 1;

    fn pinned_ids(g: &Group) -> Vec<ItemId> {
        g.pinned().into_iter().map(|p| p.post).collect()
    }

    /// Amara (owner), Bruno (admin), Chloe (member); Chloe has written post 1.
    fn with_admin() -> World {
        let mut w = World::new(3);
        w.add(AMARA, BRUNO, Role::Admin);
        w.add(AMARA, CHLOE, Role::Member);
        w.sync_all();
        post(&mut w, CHLOE, P, "the bridge at 10");
        w.sync_all();
        w
    }

    #[test]
    fn an_admins_first_pin_upgrades_the_group_and_every_peer_sees_it() {
        let mut w = with_admin();
        assert_eq!(w.replicas[BRUNO].schema_version(), 1);
        let made = w.replicas[BRUNO].pin(t(50), ItemId::from_u64(P)).unwrap();
        assert_eq!(made.len(), 2, "the upgrade, then the pin");
        w.sync_all();
        for g in &w.replicas {
            assert_eq!(g.schema_version(), PINNED_SINCE);
            assert_eq!(pinned_ids(g), vec![ItemId::from_u64(P)]);
            assert_eq!(g.pinned()[0].by, w.id_of(BRUNO));
        }
        // A second pin needs no second upgrade.
        post(&mut w, CHLOE, 2, "gloves");
        w.sync_all();
        let made = w.replicas[AMARA].pin(t(60), ItemId::from_u64(2)).unwrap();
        assert_eq!(made.len(), 1);
        w.sync_all();
        assert_eq!(
            pinned_ids(&w.replicas[CHLOE]),
            vec![ItemId::from_u64(2), ItemId::from_u64(P)]
        );
        w.replicas[BRUNO].unpin(t(70), ItemId::from_u64(P)).unwrap();
        w.sync_all();
        assert_eq!(pinned_ids(&w.replicas[CHLOE]), vec![ItemId::from_u64(2)]);
    }

    #[test]
    fn a_member_cannot_pin_or_upgrade() {
        let mut w = with_admin();
        let err = w.replicas[CHLOE]
            .pin(t(50), ItemId::from_u64(P))
            .unwrap_err();
        assert!(
            matches!(err, CoreError::NotPermitted(Problem::OnlyAdminsCanPin)),
            "{err}"
        );
        // Forged by hand: a member's upgrade is refused by every peer.
        let forged = forge(
            &w.replicas[CHLOE],
            &key(3),
            [3; 8],
            Some(AUTHORITY_TAG),
            |tx, _| {
                tx.put(ROOT, "v", 2).unwrap();
                tx.put_object(ROOT, "pinned", ObjType::Map).unwrap();
            },
        );
        let report = w.replicas[AMARA].ingest(vec![forged]);
        assert_eq!(
            rejected_with(&report),
            vec![Rejection::NotPermitted(
                "needs the admin role, the author is member".into()
            )]
        );
        assert_eq!(w.replicas[AMARA].schema_version(), 1);
        // After a true upgrade, a member's pin is refused too.
        w.replicas[AMARA].pin(t(51), ItemId::from_u64(P)).unwrap();
        w.sync_all();
        let forged = forge(&w.replicas[CHLOE], &key(3), [4; 8], None, |tx, doc| {
            let pins = obj(doc, &ROOT, "pinned");
            tx.put_object(&pins, ItemId::from_u64(5).to_hex(), ObjType::Map)
                .unwrap();
        });
        let report = w.replicas[AMARA].ingest(vec![forged]);
        assert_eq!(
            rejected_with(&report),
            vec![Rejection::NotPermitted(
                "needs the admin role, the author is member".into()
            )]
        );
    }

    #[test]
    fn an_upgrade_with_anything_else_in_it_is_refused() {
        let mut w = with_admin();
        let forged = forge(
            &w.replicas[BRUNO],
            &key(2),
            [9; 8],
            Some(AUTHORITY_TAG),
            |tx, doc| {
                tx.put(ROOT, "v", 2).unwrap();
                tx.put_object(ROOT, "pinned", ObjType::Map).unwrap();
                let meta = obj(doc, &ROOT, "meta");
                tx.put(&meta, "name", "taken over").unwrap();
            },
        );
        let report = w.replicas[AMARA].ingest(vec![forged]);
        assert_eq!(
            rejected_with(&report),
            vec![Rejection::Forbidden(
                "a schema upgrade changes nothing else".into()
            )]
        );
        // A collection version 2 does not bring, or a skipped version: refused.
        let forged = forge(
            &w.replicas[BRUNO],
            &key(2),
            [10; 8],
            Some(AUTHORITY_TAG),
            |tx, _| {
                tx.put(ROOT, "v", 2).unwrap();
                tx.put_object(ROOT, "pinned", ObjType::Map).unwrap();
                tx.put_object(ROOT, "events", ObjType::Map).unwrap();
            },
        );
        assert!(matches!(
            rejected_with(&w.replicas[AMARA].ingest(vec![forged]))[..],
            [Rejection::Forbidden(_)]
        ));
        let forged = forge(
            &w.replicas[BRUNO],
            &key(2),
            [11; 8],
            Some(AUTHORITY_TAG),
            |tx, _| {
                tx.put(ROOT, "v", 3).unwrap();
            },
        );
        assert!(matches!(
            rejected_with(&w.replicas[AMARA].ingest(vec![forged]))[..],
            [Rejection::Forbidden(_)]
        ));
        assert_eq!(w.replicas[AMARA].schema_version(), 1);
    }

    #[test]
    fn a_pin_without_the_upgrade_in_its_past_is_refused() {
        let mut w = with_admin();
        // Bruno upgrades; Amara pins into his map from a history that does not hold it.
        let upgrade = w.replicas[BRUNO].upgrade_schema(t(50)).unwrap();
        let mut amara_view = w.replicas[AMARA].clone();
        amara_view.ingest(vec![upgrade.clone().into()]);
        let forged = forge_at(
            &amara_view,
            &w.replicas[AMARA].heads(),
            &key(1),
            [12; 8],
            None,
            |tx, doc| {
                let pins = obj(doc, &ROOT, "pinned");
                let p = tx
                    .put_object(&pins, ItemId::from_u64(P).to_hex(), ObjType::Map)
                    .unwrap();
                tx.put(&p, "by", key(1).id().to_hex()).unwrap();
                tx.put(&p, "at", 5).unwrap();
            },
        );
        let report = w.replicas[CHLOE].ingest(vec![upgrade.into()]);
        assert_eq!(report.accepted.len(), 1, "{report:?}");
        let report = w.replicas[CHLOE].ingest(vec![forged]);
        assert_eq!(
            rejected_with(&report),
            vec![Rejection::Forbidden(
                "this change needs schema version 2, and its past holds version 1".into()
            )]
        );
        assert!(w.replicas[CHLOE].pinned().is_empty());
    }

    #[test]
    fn a_deleted_or_hidden_post_does_not_show_as_pinned() {
        let mut w = with_admin();
        post(&mut w, CHLOE, 2, "second");
        w.sync_all();
        w.replicas[BRUNO].pin(t(50), ItemId::from_u64(P)).unwrap();
        w.replicas[BRUNO].pin(t(51), ItemId::from_u64(2)).unwrap();
        w.sync_all();
        w.replicas[CHLOE]
            .delete_item(t(52), ItemKind::Post, ItemId::from_u64(P))
            .unwrap();
        w.replicas[AMARA]
            .hide(t(53), ItemKind::Post, ItemId::from_u64(2), "spam")
            .unwrap();
        w.sync_all();
        assert!(w.replicas[BRUNO].pinned().is_empty());
        w.replicas[AMARA]
            .unhide(t(54), ItemKind::Post, ItemId::from_u64(2), "ok")
            .unwrap();
        w.sync_all();
        assert_eq!(pinned_ids(&w.replicas[BRUNO]), vec![ItemId::from_u64(2)]);
    }

    #[test]
    fn concurrent_upgrades_and_pins_converge_and_unpin_clears_every_map() {
        let mut w = with_admin();
        post(&mut w, CHLOE, 2, "second");
        w.sync_all();
        // Amara and Bruno upgrade and pin at once, without hearing of each other.
        w.replicas[AMARA].pin(t(50), ItemId::from_u64(P)).unwrap();
        w.replicas[BRUNO].pin(t(51), ItemId::from_u64(2)).unwrap();
        w.replicas[BRUNO].pin(t(52), ItemId::from_u64(P)).unwrap();
        w.sync_all();
        let first = pinned_ids(&w.replicas[AMARA]);
        assert_eq!(first, vec![ItemId::from_u64(P), ItemId::from_u64(2)]);
        for g in &w.replicas {
            assert_eq!(g.pinned(), w.replicas[AMARA].pinned());
        }
        // One unpin takes post 1 out of both maps; a concurrent unpin changes nothing more.
        w.replicas[AMARA].unpin(t(60), ItemId::from_u64(P)).unwrap();
        w.replicas[BRUNO].unpin(t(60), ItemId::from_u64(P)).unwrap();
        w.sync_all();
        for g in &w.replicas {
            assert_eq!(pinned_ids(g), vec![ItemId::from_u64(2)]);
        }
    }

    #[test]
    fn an_older_peer_holds_the_pins_it_cannot_judge_and_keeps_taking_posts() {
        let mut w = with_admin();
        let mut old = w.replicas[CHLOE].clone();
        old.set_known_version(1).unwrap();
        w.replicas[AMARA].pin(t(50), ItemId::from_u64(P)).unwrap();
        // Amara's next post builds on the pin.
        post(&mut w, AMARA, 3, "after the pin");
        let all = w.replicas[AMARA].changes_since(&old.heads());
        let report = old.ingest(all);
        assert!(report.rejected.is_empty(), "{report:?}");
        assert_eq!(report.held.len(), 2, "the upgrade and the pin: {report:?}");
        assert_eq!(
            report.held[0].1.to_string(),
            "needs a newer version of Causeway (schema version 2 or later): kept and passed on, not shown"
        );
        assert!(old.posts().iter().any(|p| p.id == ItemId::from_u64(3)));
        assert!(old.pinned().is_empty());
        assert_eq!(old.heads(), w.replicas[AMARA].heads());
        // Updated, the same device judges them and shows the pin.
        let mut updated = old.clone();
        updated.set_known_version(SCHEMA_VERSION).unwrap();
        assert_eq!(pinned_ids(&updated), vec![ItemId::from_u64(P)]);
    }

    #[test]
    fn a_forged_change_an_older_peer_held_stays_masked_once_it_is_updated() {
        let mut w = with_admin();
        let mut old = w.replicas[CHLOE].clone();
        old.set_known_version(1).unwrap();
        let upgrade = w.replicas[AMARA].upgrade_schema(t(50)).unwrap();
        let mut amara = w.replicas[AMARA].clone();
        amara.ingest(vec![upgrade.clone().into()]);
        // A pin with a field no pin has: the older peer cannot judge it and holds it.
        let forged = forge(&amara, &key(1), [13; 8], None, |tx, doc| {
            let pins = obj(doc, &ROOT, "pinned");
            let p = tx
                .put_object(&pins, ItemId::from_u64(P).to_hex(), ObjType::Map)
                .unwrap();
            tx.put(&p, "by", key(1).id().to_hex()).unwrap();
            tx.put(&p, "at", 5).unwrap();
            tx.put(&p, "colour", "red").unwrap();
        });
        let report = old.ingest(vec![upgrade.into(), forged]);
        assert!(report.rejected.is_empty(), "{report:?}");
        assert_eq!(report.held.len(), 2, "{report:?}");
        // Updated, the device refuses the forged pin: the group still opens, the change
        // stays stored, and nothing of it shows.
        let mut updated = old.clone();
        updated.set_known_version(SCHEMA_VERSION).unwrap();
        assert!(updated.pinned().is_empty());
        assert_eq!(updated.heads(), old.heads());
        assert_eq!(updated.posts().len(), old.posts().len());
    }
}
