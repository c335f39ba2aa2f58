//! `profiles`: what each member says about themselves, beside the name in `members`. The
//! collection of schema version 3. Each member writes only their own profile.
//!
//! ```text
//! profiles: { <device hex>: { bio } }
//! ```
//!
//! A profile is a map made once by its member. It is a map rather than one text so that
//! later fields (a picture) need no new collection. Two admins who upgrade a group at once
//! both made a `profiles` map (a conflict on the root, as with `pinned`): the view reads every
//! one of them, and a member writes into the map that already holds their profile, so a
//! profile lives in one map only.

use std::collections::HashMap;

use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};
use automerge::{ObjId as ExId, ObjType, ReadDoc};

use super::{Collection, Cx, Edit, Op, Writes, check_len, forbidden, text};
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::problem::{Field, Problem};
use crate::read::Reader;
use crate::role::Role;

/// The members' profiles.
pub(crate) struct Profiles;

/// Field names of a profile.
const BIO: &str = "bio";

/// An object of the profiles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// The map of all profiles.
    Root,
    /// The profile of `of`.
    Profile {
        /// The member it describes, who alone writes it.
        of: DeviceId,
    },
}

impl Collection for Profiles {
    const KEY: &'static str = "profiles";
    const SINCE: i64 = 3;
    type Loc = Loc;
    const ROOT: Loc = Loc::Root;
    const CODES: &'static [u8] = &[12, 13];
    type Notes = ();

    fn check(at: &Loc, op: &Op<'_>, cx: &mut Cx, _: &mut ()) -> Result<Option<Loc>, Rejection> {
        match at {
            Loc::Root => {
                if !cx.is_author(op.key) {
                    return Err(forbidden("members write only their own profile"));
                }
                match op.action {
                    OpType::Make(ObjType::Map) if op.replaces => {
                        Err(forbidden("a profile is made once"))
                    }
                    OpType::Make(ObjType::Map) => Ok(Some(Loc::Profile { of: cx.author })),
                    OpType::Delete => Ok(None),
                    _ => Err(op.not_allowed()),
                }
            }
            Loc::Profile { of } => {
                if *of != cx.author {
                    return Err(forbidden("members write only their own profile"));
                }
                match (op.key, op.action) {
                    (BIO, OpType::Put(v)) => text(v, crate::limits::BIO, BIO).map(|_| None),
                    (BIO, OpType::Delete) => Ok(None),
                    _ => Err(forbidden(format!(
                        "profile field {:?} cannot be set",
                        op.key
                    ))),
                }
            }
        }
    }

    fn code(loc: &Loc) -> (u8, Option<DeviceId>) {
        match loc {
            Loc::Root => (12, None),
            Loc::Profile { of } => (13, Some(*of)),
        }
    }

    fn from_code(code: u8, device: Option<DeviceId>) -> Option<Loc> {
        match code {
            12 => Some(Loc::Root),
            13 => device.map(|of| Loc::Profile { of }),
            _ => None,
        }
    }
}

/// The profile map of `who`: in the first root (in id order) that holds one.
fn profile_of(r: &Reader<'_>, roots: &[ExId], who: DeviceId) -> Option<ExId> {
    let key = who.to_hex();
    roots.iter().find_map(|root| r.object(root, &key))
}

/// Every member's bio that is not empty, by device.
pub(crate) fn bios(r: &Reader<'_>) -> HashMap<DeviceId, String> {
    let mut out = HashMap::new();
    for root in super::roots_of::<Profiles>(r).iter().rev() {
        // Read in reverse so that the first root's profile wins, as in `profile_of`.
        for (k, _) in r.fields(root).0 {
            let Ok(who) = DeviceId::from_hex(&k) else {
                continue;
            };
            let Some(p) = r.object(root, &k) else {
                continue;
            };
            let bio = r.text(&p, BIO);
            if bio.is_empty() {
                out.remove(&who);
            } else {
                out.insert(who, bio);
            }
        }
    }
    out
}

/// The bio of `who`; empty when they wrote none (or the group has no profiles yet).
pub(crate) fn bio(r: &Reader<'_>, who: DeviceId) -> String {
    profile_of(r, &super::roots_of::<Profiles>(r), who)
        .map(|p| r.text(&p, BIO))
        .unwrap_or_default()
}

/// Writes my bio (empty: none). The group must have the `profiles` collection already
/// (schema version 3; the group's `set_bio` upgrades it first where an admin can).
pub(crate) fn set_bio<'b>(
    r: &Reader<'_>,
    role: Option<Role>,
    me: DeviceId,
    bio: &'b str,
) -> Result<Edit<impl Writes + use<'b>>, CoreError> {
    if role.is_none() {
        return Err(CoreError::NotPermitted(Problem::NotAMember));
    }
    check_len(bio, crate::limits::BIO, Field::Bio)?;
    let all = super::roots_of::<Profiles>(r);
    let first = all
        .first()
        .cloned()
        .ok_or(CoreError::NotPermitted(Problem::NeedsUpgrade))?;
    let existing = profile_of(r, &all, me);
    let key = me.to_hex();
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        let p = match existing {
            Some(p) => p,
            None => tx.put_object(&first, &key, ObjType::Map)?,
        };
        if bio.is_empty() {
            if tx.get(&p, BIO)?.is_some() {
                tx.delete(&p, BIO)?;
            }
            Ok(())
        } else {
            tx.put(&p, BIO, bio)
        }
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::group::testing::*;
    use crate::schema::SCHEMA_VERSION;
    use crate::{CoreError, Problem};

    /// Amara (owner), Bruno (admin), Chloe (member).
    fn three() -> World {
        let mut w = World::new(3);
        w.add(AMARA, BRUNO, Role::Admin);
        w.add(AMARA, CHLOE, Role::Member);
        w.sync_all();
        w
    }

    fn bio_of(g: &Group, who: DeviceId) -> String {
        g.members()
            .into_iter()
            .find(|m| m.id == who)
            .map(|m| m.bio)
            .unwrap_or_default()
    }

    #[test]
    fn an_admins_bio_upgrades_the_group_and_every_member_then_writes_their_own() {
        let mut w = three();
        let err = w.replicas[CHLOE]
            .set_bio(t(10), "Gloves and bags")
            .unwrap_err();
        assert!(
            matches!(err, CoreError::NotPermitted(Problem::NeedsUpgrade)),
            "{err}"
        );
        let made = w.replicas[BRUNO].set_bio(t(20), "Organiser, Lyon").unwrap();
        assert_eq!(made.len(), 3, "two upgrades, then the bio");
        w.sync_all();
        let made = w.replicas[CHLOE].set_bio(t(30), "Gloves and bags").unwrap();
        assert_eq!(made.len(), 1);
        w.sync_all();
        let (bruno, chloe) = (w.id_of(BRUNO), w.id_of(CHLOE));
        for g in &w.replicas {
            assert_eq!(g.schema_version(), crate::schema::PROFILES_SINCE);
            assert_eq!(bio_of(g, bruno), "Organiser, Lyon");
            assert_eq!(bio_of(g, chloe), "Gloves and bags");
            assert_eq!(bio_of(g, w.id_of(AMARA)), "");
        }
        // Changed, then cleared.
        w.replicas[CHLOE].set_bio(t(40), "Litter pickers").unwrap();
        w.sync_all();
        assert_eq!(bio_of(&w.replicas[AMARA], chloe), "Litter pickers");
        w.replicas[CHLOE].set_bio(t(50), "").unwrap();
        w.sync_all();
        assert_eq!(bio_of(&w.replicas[AMARA], chloe), "");
    }

    #[test]
    fn concurrent_upgrades_keep_every_bio() {
        let mut w = three();
        w.replicas[AMARA].set_bio(t(10), "Owner").unwrap();
        w.replicas[BRUNO].set_bio(t(11), "Admin").unwrap();
        w.sync_all();
        w.replicas[CHLOE].set_bio(t(20), "Member").unwrap();
        w.sync_all();
        for g in &w.replicas {
            assert_eq!(bio_of(g, w.id_of(AMARA)), "Owner");
            assert_eq!(bio_of(g, w.id_of(BRUNO)), "Admin");
            assert_eq!(bio_of(g, w.id_of(CHLOE)), "Member");
        }
        // Bruno edits the profile he made in his own map; nothing is duplicated.
        w.replicas[BRUNO].set_bio(t(30), "Admin, Lyon").unwrap();
        w.sync_all();
        assert_eq!(bio_of(&w.replicas[CHLOE], w.id_of(BRUNO)), "Admin, Lyon");
    }

    #[test]
    fn an_overlong_bio_is_refused_before_it_is_written() {
        let mut w = three();
        let err = w.replicas[AMARA]
            .set_bio(t(10), &"x".repeat(crate::limits::BIO + 1))
            .unwrap_err();
        assert!(matches!(err, CoreError::InvalidInput(_)), "{err}");
        assert_eq!(w.replicas[AMARA].schema_version(), 1, "nothing was written");
    }

    #[test]
    fn forged_profiles_are_refused_by_every_peer() {
        let mut w = three();
        w.replicas[AMARA].set_bio(t(10), "Owner").unwrap();
        w.sync_all();
        let amara = w.id_of(AMARA).to_hex();
        let chloe = w.id_of(CHLOE).to_hex();
        let refused = |w: &mut World, forged: SignedChange, why: &str| {
            let report = w.replicas[AMARA].ingest(vec![forged]);
            assert_eq!(
                rejected_with(&report),
                vec![Rejection::Forbidden(why.into())],
                "{report:?}"
            );
        };
        // Chloe makes a profile in Amara's name.
        let forged = forge(&w.replicas[CHLOE], &key(3), [3; 8], None, |tx, doc| {
            let root = obj(doc, &ROOT, "profiles");
            tx.put_object(&root, amara.as_str(), ObjType::Map).unwrap();
        });
        refused(&mut w, forged, "members write only their own profile");
        // Chloe writes into Amara's profile.
        let forged = forge(&w.replicas[CHLOE], &key(3), [4; 8], None, |tx, doc| {
            let root = obj(doc, &ROOT, "profiles");
            let p = obj(doc, &root, &amara);
            tx.put(&p, "bio", "Chloe was here").unwrap();
        });
        refused(&mut w, forged, "members write only their own profile");
        // An overlong bio, and a field the schema does not have, in her own profile.
        for (field, value, why) in [
            ("bio", "x".repeat(crate::limits::BIO + 1), "bio is too long"),
            (
                "avatar",
                "x".into(),
                "profile field \"avatar\" cannot be set",
            ),
        ] {
            let forged = forge(&w.replicas[CHLOE], &key(3), [5; 8], None, |tx, doc| {
                let root = obj(doc, &ROOT, "profiles");
                let p = tx.put_object(&root, chloe.as_str(), ObjType::Map).unwrap();
                tx.put(&p, field, value.as_str()).unwrap();
            });
            refused(&mut w, forged, why);
        }
        w.sync_all();
        for g in &w.replicas {
            assert_eq!(bio_of(g, w.id_of(AMARA)), "Owner");
            assert_eq!(bio_of(g, w.id_of(CHLOE)), "");
        }
    }

    #[test]
    fn an_older_peer_holds_profiles_and_keeps_taking_posts() {
        let mut w = three();
        let mut old = w.replicas[CHLOE].clone();
        old.set_known_version(2).unwrap();
        w.replicas[AMARA].set_bio(t(10), "Owner").unwrap();
        post(&mut w, AMARA, 1, "after the upgrade");
        let all = w.replicas[AMARA].changes_since(&old.heads());
        let report = old.ingest(all);
        assert!(report.rejected.is_empty(), "{report:?}");
        assert_eq!(
            report.held.len(),
            2,
            "the upgrade to 3 and the bio: {report:?}"
        );
        assert_eq!(old.known_version(), 2, "it judges up to version 2");
        assert_eq!(old.posts().len(), 1);
        assert_eq!(bio_of(&old, w.id_of(AMARA)), "");
        let mut updated = old.clone();
        updated.set_known_version(SCHEMA_VERSION).unwrap();
        assert_eq!(bio_of(&updated, w.id_of(AMARA)), "Owner");
    }
}
