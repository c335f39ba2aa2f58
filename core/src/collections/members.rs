//! `members`: who belongs to the group, in which role, added and removed by whom. Its rules
//! decide a change's membership effects, which the ledger turns into everyone's role at every
//! point of the history.
//!
//! ```text
//! members: { <device hex>: { role, name, added_by, added_at, removed_by?, removed_at?, removed_reason? } }
//! ```

use std::collections::HashMap;

use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};
use automerge::{AutomergeError, ObjId as ExId, ObjType, ReadDoc};

use super::{
    Collection, Cx, Edit, Effect, Genesis, MAX_REASON, Op, Writes, check_len, forbidden, int,
    root_for_action, root_of, text,
};
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::ids::Timestamp;
use crate::problem::{Field, Problem};
use crate::read::Reader;
use crate::role::Role;

mod key {
    pub const ROLE: &str = "role";
    pub const NAME: &str = "name";
    pub const ADDED_BY: &str = "added_by";
    pub const ADDED_AT: &str = "added_at";
    pub const REMOVED_BY: &str = "removed_by";
    pub const REMOVED_AT: &str = "removed_at";
    pub const REMOVED_REASON: &str = "removed_reason";
}

/// Longest display name in a group, in characters.
pub(crate) const MAX_DISPLAY_NAME: usize = crate::limits::DISPLAY_NAME;

/// The members list.
pub(crate) struct Members;

/// An object of the members list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// The list itself.
    Root,
    /// The entry of one device.
    Member(DeviceId),
}

/// What one change does to one member's entry.
#[derive(Default)]
pub(crate) struct MemberOps {
    created: bool,
    role: Option<Role>,
    removed_by: bool,
    removal_details: bool,
    readmitted: bool,
}

impl Collection for Members {
    const KEY: &'static str = "members";
    type Loc = Loc;
    const ROOT: Loc = Loc::Root;
    const CODES: &'static [u8] = &[2, 3];
    type Notes = HashMap<DeviceId, MemberOps>;

    fn check(
        at: &Loc,
        op: &Op<'_>,
        cx: &mut Cx,
        members: &mut Self::Notes,
    ) -> Result<Option<Loc>, Rejection> {
        let (k, author) = (op.key, cx.author);
        match (at, op.action) {
            (Loc::Root, OpType::Make(ObjType::Map)) => {
                let target = DeviceId::from_hex(k)
                    .map_err(|_| forbidden("member key is not a device id"))?;
                if op.replaces {
                    return Err(forbidden("a member entry cannot be replaced"));
                }
                members.entry(target).or_default().created = true;
                Ok(Some(Loc::Member(target)))
            }
            (Loc::Member(target), OpType::Put(v)) => {
                let target = *target;
                let is_new = op.in_new_object;
                let m = members.entry(target).or_default();
                match k {
                    key::ROLE => {
                        let role = Role::parse(text(v, 16, "role")?)
                            .ok_or_else(|| forbidden("unknown role"))?;
                        // One's own role changes only in a handover (checked when the
                        // change is read whole) or at the group's creation.
                        m.role = Some(role);
                    }
                    key::NAME => {
                        if text(v, MAX_DISPLAY_NAME, "the display name")?
                            .trim()
                            .is_empty()
                        {
                            return Err(forbidden("the display name is empty"));
                        }
                        if target != author && !is_new {
                            return Err(forbidden("only members set their own display name"));
                        }
                    }
                    key::ADDED_BY if is_new => cx.names_author(v, "added_by")?,
                    key::ADDED_AT if is_new => int(v, "added_at")?,
                    key::REMOVED_BY => {
                        cx.names_author(v, "removed_by")?;
                        m.removed_by = true;
                    }
                    key::REMOVED_AT => {
                        int(v, "removed_at")?;
                        m.removal_details = true;
                    }
                    key::REMOVED_REASON => {
                        text(v, MAX_REASON, "the reason")?;
                        m.removal_details = true;
                    }
                    _ => return Err(forbidden(format!("member field {k:?} cannot be set"))),
                }
                Ok(None)
            }
            (Loc::Member(target), OpType::Delete)
                if matches!(k, key::REMOVED_BY | key::REMOVED_AT | key::REMOVED_REASON) =>
            {
                if *target == author {
                    return Err(forbidden("nobody re-admits themselves"));
                }
                members.entry(*target).or_default().readmitted = true;
                Ok(None)
            }
            _ => Err(op.not_allowed()),
        }
    }

    /// Turns what the change wrote into entries into its membership effects, one per member,
    /// in the order of their ids.
    fn finish(members: Self::Notes, cx: &mut Cx) -> Result<(), Rejection> {
        let author = cx.author;
        if cx.genesis {
            let founder = members.get(&author);
            if !founder.is_some_and(|m| m.created && m.role == Some(Role::Owner)) {
                return Err(forbidden(
                    "the group's creation must make its author the owner",
                ));
            }
        }
        // A handover: the author (the owner, the ledger checks) becomes an admin and one other
        // member the owner, in one change that does nothing else to members. Otherwise
        // nobody changes their own role, and nobody else is made owner.
        let owners = members
            .iter()
            .filter(|(t, m)| **t != author && m.role == Some(Role::Owner))
            .count();
        let own = members.get(&author).and_then(|m| m.role);
        if !cx.genesis && (owners > 0 || own.is_some()) {
            let handover = owners == 1
                && own == Some(Role::Admin)
                && members.len() == 2
                && members
                    .values()
                    .all(|m| !m.created && !m.removed_by && !m.readmitted && !m.removal_details);
            if !handover {
                return Err(forbidden(if owners > 0 {
                    "the owner role is given only by handing the group over"
                } else {
                    "nobody changes their own role"
                }));
            }
            cx.needs_version = cx
                .needs_version
                .max(<super::modlog::ModLog as Collection>::SINCE);
        }
        let mut ordered: Vec<_> = members.into_iter().collect();
        ordered.sort_by_key(|(id, _)| *id);
        for (target, m) in ordered {
            if m.created && m.role.is_none() {
                return Err(forbidden("a new member entry must have a role"));
            }
            if m.readmitted && m.role.is_none() {
                return Err(forbidden("re-admitting someone must give them a role"));
            }
            if m.removal_details && !m.removed_by {
                return Err(forbidden("removal details without a removal"));
            }
            if m.removed_by && (m.role.is_some() || m.readmitted || m.created) {
                return Err(forbidden("a change cannot both add and remove someone"));
            }
            let effect = if m.removed_by {
                Some(if target == author {
                    Effect::Leave
                } else {
                    Effect::Remove
                })
            } else {
                m.role.map(Effect::Set)
            };
            if let Some(effect) = effect {
                if !(cx.genesis && target == author) && effect != Effect::Leave {
                    cx.sets.push((target, effect.role()));
                }
                cx.effects.push((target, effect));
            }
        }
        Ok(())
    }

    fn genesis(
        tx: &mut Transaction<'_>,
        members: &ExId,
        g: &Genesis<'_>,
    ) -> Result<(), AutomergeError> {
        let owner = tx.put_object(members, g.owner.to_hex(), ObjType::Map)?;
        tx.put(&owner, key::ROLE, Role::Owner.as_str())?;
        tx.put(&owner, key::NAME, g.owner_name)?;
        tx.put(&owner, key::ADDED_BY, g.owner.to_hex())?;
        tx.put(&owner, key::ADDED_AT, g.now.0)?;
        Ok(())
    }

    fn code(loc: &Loc) -> (u8, Option<DeviceId>) {
        match loc {
            Loc::Root => (2, None),
            Loc::Member(d) => (3, Some(*d)),
        }
    }

    fn from_code(code: u8, device: Option<DeviceId>) -> Option<Loc> {
        match code {
            2 => Some(Loc::Root),
            3 => device.map(Loc::Member),
            _ => None,
        }
    }
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
    /// What they say about themselves (`profiles`); empty when they wrote nothing, or the
    /// group has no profiles yet.
    pub bio: String,
    /// The languages they read (`languages`, schema version 6); empty when they wrote none.
    pub languages: Vec<String>,
}

/// The entry of `who`, if the group has one.
pub(crate) fn entry(r: &Reader<'_>, who: DeviceId) -> Option<ExId> {
    r.object(&root_of::<Members>(r)?, &who.to_hex())
}

/// The name of `who`, if the group has an entry for them.
pub(crate) fn name(r: &Reader<'_>, who: DeviceId) -> Option<String> {
    entry(r, who).map(|e| r.text(&e, key::NAME))
}

/// Everyone in `people` with an entry, owner first, then by name. `role` gives each one's
/// current role as every peer enforces it (from the ledger).
pub(crate) fn list(
    r: &Reader<'_>,
    people: Vec<DeviceId>,
    role: impl Fn(DeviceId) -> Option<Role>,
) -> Vec<Member> {
    let Some(root) = root_of::<Members>(r) else {
        return Vec::new();
    };
    // Every entry's object in one pass over the map (a lookup per member costs about as
    // much as the pass); an entry with concurrent values or written by a revoked change takes
    // the careful path of `Reader::object`.
    let mut entries: HashMap<String, Option<ExId>> = HashMap::new();
    for item in r.doc().map_range(&root, ..) {
        let plain = !item.conflict
            && !r.masked(&item.id())
            && matches!(item.value, automerge::ValueRef::Object(_));
        let obj = if plain { Some(item.id()) } else { None };
        entries.insert(item.key.into_owned(), obj);
    }
    let mut out: Vec<Member> = people
        .into_iter()
        .filter_map(|id| {
            let hex = id.to_hex();
            let e = match entries.get(&hex) {
                Some(Some(e)) => e.clone(),
                Some(None) => r.object(&root, &hex)?,
                None => return None,
            };
            // All the entry's fields in one pass: one lookup each costs about as much as
            // the pass (a members list of a big group reads thousands of entries).
            let f = r.fields(&e);
            let removed = f.device(key::REMOVED_BY).map(|by| Removal {
                by,
                at: Timestamp(f.int(key::REMOVED_AT).unwrap_or(0)),
                reason: f.text(key::REMOVED_REASON),
            });
            Some(Member {
                id,
                name: f.text(key::NAME),
                role: role(id),
                added_by: f.device(key::ADDED_BY),
                added_at: Timestamp(f.int(key::ADDED_AT).unwrap_or(0)),
                removed,
                bio: String::new(),
                languages: Vec::new(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.role
            .cmp(&a.role)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then(a.id.cmp(&b.id))
    });
    out
}

/// Adds someone (admins and the owner), or re-admits someone who was removed or left.
pub(crate) fn add<'n>(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    who: DeviceId,
    name: &'n str,
    role: Role,
) -> Result<Edit<impl Writes + use<'n>>, CoreError> {
    check_len(name, MAX_DISPLAY_NAME, Field::DisplayName)?;
    let name = if name.trim().is_empty() {
        "(no name yet)"
    } else {
        name
    };
    let existing = entry(r, who);
    let members = root_for_action::<Members>(r)?;
    Ok(Edit::membership(move |tx: &mut Transaction<'_>| {
        match existing {
            Some(entry) => {
                for k in [key::REMOVED_BY, key::REMOVED_AT, key::REMOVED_REASON] {
                    if tx.get(&entry, k)?.is_some() {
                        tx.delete(&entry, k)?;
                    }
                }
                tx.put(&entry, key::ROLE, role.as_str())?;
            }
            None => {
                let m = tx.put_object(&members, who.to_hex(), ObjType::Map)?;
                tx.put(&m, key::ROLE, role.as_str())?;
                tx.put(&m, key::NAME, name)?;
                tx.put(&m, key::ADDED_BY, me.to_hex())?;
                tx.put(&m, key::ADDED_AT, now.0)?;
            }
        }
        Ok(())
    }))
}

/// Changes someone's role.
pub(crate) fn set_role(
    r: &Reader<'_>,
    who: DeviceId,
    role: Role,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let entry = entry(r, who).ok_or(CoreError::NotFound(Problem::MemberNotFound))?;
    Ok(Edit::membership(move |tx: &mut Transaction<'_>| {
        tx.put(&entry, key::ROLE, role.as_str())
    }))
}

/// Hands the group over: `to` becomes the owner and `me` (the owner) an admin, in one change.
pub(crate) fn hand_over(
    r: &Reader<'_>,
    me: DeviceId,
    to: DeviceId,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    if to == me {
        return Err(CoreError::InvalidInput(Problem::HandOverToYourself));
    }
    let theirs = entry(r, to).ok_or(CoreError::NotFound(Problem::MemberNotFound))?;
    let mine = entry(r, me).ok_or(CoreError::NotFound(Problem::MemberNotFound))?;
    Ok(Edit::membership(move |tx: &mut Transaction<'_>| {
        tx.put(&theirs, key::ROLE, Role::Owner.as_str())?;
        tx.put(&mine, key::ROLE, Role::Admin.as_str())
    }))
}

/// Removes someone from the group, with a reason members can read.
pub(crate) fn remove<'a>(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    who: DeviceId,
    reason: &'a str,
) -> Result<Edit<impl Writes + use<'a>>, CoreError> {
    check_len(reason, MAX_REASON, Field::Reason)?;
    if who == me {
        return Err(CoreError::InvalidInput(Problem::RemoveYourself));
    }
    removal(r, me, now, who, reason)
}

/// Leaves the group.
pub(crate) fn leave(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    removal(r, me, now, me, "")
}

fn removal<'a>(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    who: DeviceId,
    reason: &'a str,
) -> Result<Edit<impl Writes + use<'a>>, CoreError> {
    let entry = entry(r, who).ok_or(CoreError::NotFound(Problem::MemberNotFound))?;
    Ok(Edit::membership(move |tx: &mut Transaction<'_>| {
        tx.put(&entry, key::REMOVED_BY, me.to_hex())?;
        tx.put(&entry, key::REMOVED_AT, now.0)?;
        if !reason.is_empty() {
            tx.put(&entry, key::REMOVED_REASON, reason)?;
        }
        Ok(())
    }))
}

/// Changes my display name in this group.
pub(crate) fn set_display_name<'n>(
    r: &Reader<'_>,
    me: DeviceId,
    name: &'n str,
) -> Result<Edit<impl Writes + use<'n>>, CoreError> {
    if name.trim().is_empty() {
        return Err(CoreError::InvalidInput(Problem::NameRequired));
    }
    check_len(name, MAX_DISPLAY_NAME, Field::DisplayName)?;
    let entry = entry(r, me).ok_or(CoreError::NotPermitted(Problem::NotAMember))?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        tx.put(&entry, key::NAME, name)
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::group::testing::*;
    use crate::{CoreError, Problem};

    #[test]
    fn member_cannot_add_members() {
        let mut w = two_members();
        let dara = key(4).id();
        let err = w.replicas[BRUNO]
            .add_member(t(5), dara, "Dara", Role::Member)
            .unwrap_err();
        assert!(matches!(err, CoreError::NotPermitted(_)), "{err}");
        assert!(w.replicas[BRUNO].role_of(dara).is_none());
        // The refused attempt left Bruno's replica fully usable.
        post(&mut w, BRUNO, 1, "still here");
        assert_eq!(w.replicas[BRUNO].posts().len(), 1);
    }

    #[test]
    fn admin_can_add_and_remove_members() {
        let mut w = World::new(4);
        w.add(AMARA, BRUNO, Role::Admin);
        w.sync_all();
        w.add(BRUNO, CHLOE, Role::Member);
        let chloe = w.id_of(CHLOE);
        assert_eq!(w.replicas[BRUNO].role_of(chloe), Some(Role::Member));
        w.replicas[BRUNO]
            .remove_member(t(9), chloe, "spam")
            .unwrap();
        w.sync_all();
        assert_eq!(w.replicas[AMARA].role_of(chloe), None);
        let m = w.replicas[AMARA]
            .members()
            .into_iter()
            .find(|m| m.id == chloe)
            .unwrap();
        assert_eq!(m.removed.unwrap().reason, "spam");
    }

    #[test]
    fn admin_cannot_appoint_admins_but_the_owner_can() {
        let mut w = World::new(3);
        w.add(AMARA, BRUNO, Role::Admin);
        w.add(AMARA, CHLOE, Role::Member);
        w.sync_all();
        let chloe = w.id_of(CHLOE);
        assert!(
            w.replicas[BRUNO]
                .set_role(t(5), chloe, Role::Admin)
                .is_err()
        );
        w.replicas[AMARA]
            .set_role(t(5), chloe, Role::Admin)
            .unwrap();
        assert_eq!(w.replicas[AMARA].role_of(chloe), Some(Role::Admin));
    }

    #[test]
    fn admin_cannot_remove_another_admin() {
        let mut w = World::new(3);
        w.add(AMARA, BRUNO, Role::Admin);
        w.add(AMARA, CHLOE, Role::Admin);
        w.sync_all();
        let chloe = w.id_of(CHLOE);
        assert!(w.replicas[BRUNO].remove_member(t(5), chloe, "").is_err());
        assert_eq!(w.replicas[BRUNO].role_of(chloe), Some(Role::Admin));
    }

    #[test]
    fn nobody_can_remove_or_demote_the_owner_and_the_owner_cannot_leave() {
        let mut w = World::new(2);
        w.add(AMARA, BRUNO, Role::Admin);
        w.sync_all();
        let amara = w.id_of(AMARA);
        assert!(w.replicas[BRUNO].remove_member(t(5), amara, "").is_err());
        assert!(
            w.replicas[BRUNO]
                .set_role(t(5), amara, Role::Member)
                .is_err()
        );
        assert!(w.replicas[AMARA].leave(t(5)).is_err());
        assert_eq!(w.replicas[BRUNO].role_of(amara), Some(Role::Owner));
    }

    #[test]
    fn nobody_changes_their_own_role() {
        let mut w = World::new(2);
        w.add(AMARA, BRUNO, Role::Admin);
        w.sync_all();
        let bruno = w.id_of(BRUNO);
        let forged = forge(
            &w.replicas[BRUNO],
            &key(2),
            [2; 8],
            Some(AUTHORITY_TAG),
            |tx, doc| {
                let members = obj(doc, &ROOT, "members");
                let me = obj(doc, &members, &bruno.to_hex());
                tx.put(&me, "role", "owner").unwrap();
            },
        );
        let report = w.replicas[AMARA].ingest(vec![forged]);
        assert_eq!(report.rejected.len(), 1, "{report:?}");
        assert_eq!(w.replicas[AMARA].role_of(bruno), Some(Role::Admin));
    }

    #[test]
    fn members_set_only_their_own_display_name() {
        let mut w = two_members();
        w.replicas[BRUNO]
            .set_display_name(t(5), "Bruno B.")
            .unwrap();
        let bruno = w.id_of(BRUNO);
        let forged = forge(&w.replicas[CHLOE], &key(3), [3; 8], None, |tx, doc| {
            let members = obj(doc, &ROOT, "members");
            let entry = obj(doc, &members, &bruno.to_hex());
            tx.put(&entry, "name", "Mallory").unwrap();
        });
        w.sync_all();
        assert_eq!(w.replicas[AMARA].ingest(vec![forged]).rejected.len(), 1);
        let m = w.replicas[AMARA]
            .members()
            .into_iter()
            .find(|m| m.id == bruno)
            .unwrap();
        assert_eq!(m.name, "Bruno B.");
    }

    #[test]
    fn member_who_left_cannot_post() {
        let mut w = two_members();
        w.replicas[BRUNO].leave(t(5)).unwrap();
        assert_eq!(w.replicas[BRUNO].my_role(), None);
        let err = w.replicas[BRUNO]
            .post(t(6), ItemId::from_u64(1), "t", "b", "en")
            .unwrap_err();
        assert!(
            matches!(err, CoreError::NotPermitted(Problem::NotAMember)),
            "{err}"
        );
    }
}
