//! `meta`: the group's description (name, mission, region, visibility, causes, languages).
//! Admins and the owner edit it; the group's creation writes it first.
//!
//! ```text
//! meta: { name, mission, region, visibility: open|request|invite, created_at,
//!         causes: { <tag>: true }, languages: { <tag>: true } }
//! ```

use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};
use automerge::{AutomergeError, ObjId as ExId, ObjType, ReadDoc, ScalarValue};

use super::{
    Collection, Cx, Edit, Genesis, NewGroup, Op, Visibility, Writes, check_len, forbidden, int,
    not_arrived, root_of, text,
};
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::ids::{GroupId, Timestamp};
use crate::problem::{Field, Problem};
use crate::read::Reader;
use crate::role::Role;

mod key {
    pub const NAME: &str = "name";
    pub const MISSION: &str = "mission";
    pub const REGION: &str = "region";
    pub const VISIBILITY: &str = "visibility";
    pub const CREATED_AT: &str = "created_at";
    pub const CAUSES: &str = "causes";
    pub const LANGUAGES: &str = "languages";
}

/// Longest group name, in characters.
const MAX_NAME: usize = crate::limits::GROUP_NAME;
/// Longest mission, in characters.
const MAX_MISSION: usize = crate::limits::MISSION;
/// Longest region, in characters.
const MAX_REGION: usize = crate::limits::REGION;
/// Longest cause or language tag, in characters.
const MAX_TAG: usize = crate::limits::TAG;

/// The group's description.
pub(crate) struct Meta;

/// An object of the description.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// The description itself.
    Root,
    /// Its causes or its languages: a set of tags.
    Set,
}

impl Collection for Meta {
    const KEY: &'static str = "meta";
    type Loc = Loc;
    const ROOT: Loc = Loc::Root;
    const CODES: &'static [u8] = &[0, 1];
    type Notes = ();

    fn check(at: &Loc, op: &Op<'_>, cx: &mut Cx, _: &mut ()) -> Result<Option<Loc>, Rejection> {
        let k = op.key;
        match (at, op.action) {
            (Loc::Root, OpType::Put(v)) => {
                match k {
                    key::NAME => {
                        if text(v, MAX_NAME, "the group name")?.trim().is_empty() {
                            return Err(forbidden("the group name is empty"));
                        }
                    }
                    key::MISSION => {
                        text(v, MAX_MISSION, "the mission")?;
                    }
                    key::REGION => {
                        text(v, MAX_REGION, "the region")?;
                    }
                    key::VISIBILITY => {
                        Visibility::parse(text(v, 16, "visibility")?)
                            .ok_or_else(|| forbidden("unknown visibility"))?;
                    }
                    key::CREATED_AT if cx.genesis => int(v, "created_at")?,
                    _ => return Err(forbidden(format!("group detail {k:?} cannot be set"))),
                }
                cx.needs(Role::Admin);
                Ok(None)
            }
            (Loc::Root, OpType::Make(ObjType::Map))
                if cx.genesis && (k == key::CAUSES || k == key::LANGUAGES) =>
            {
                Ok(Some(Loc::Set))
            }
            (Loc::Set, OpType::Put(ScalarValue::Boolean(true)) | OpType::Delete) => {
                if k.is_empty() || k.chars().count() > MAX_TAG {
                    return Err(forbidden(
                        "a cause or language tag must be 1 to 64 characters",
                    ));
                }
                cx.needs(Role::Admin);
                Ok(None)
            }
            _ => Err(op.not_allowed()),
        }
    }

    fn genesis(
        tx: &mut Transaction<'_>,
        meta: &ExId,
        g: &Genesis<'_>,
    ) -> Result<(), AutomergeError> {
        let new = g.new;
        tx.put(meta, key::NAME, new.name.trim())?;
        tx.put(meta, key::MISSION, new.mission.as_str())?;
        tx.put(meta, key::REGION, new.region.as_str())?;
        tx.put(meta, key::VISIBILITY, new.visibility.as_str())?;
        tx.put(meta, key::CREATED_AT, g.now.0)?;
        let causes = tx.put_object(meta, key::CAUSES, ObjType::Map)?;
        for c in &new.causes {
            tx.put(&causes, c.trim(), true)?;
        }
        let langs = tx.put_object(meta, key::LANGUAGES, ObjType::Map)?;
        for l in &new.languages {
            tx.put(&langs, l.trim(), true)?;
        }
        Ok(())
    }

    fn code(loc: &Loc) -> (u8, Option<DeviceId>) {
        match loc {
            Loc::Root => (0, None),
            Loc::Set => (1, None),
        }
    }

    fn from_code(code: u8, _: Option<DeviceId>) -> Option<Loc> {
        match code {
            0 => Some(Loc::Root),
            1 => Some(Loc::Set),
            _ => None,
        }
    }
}

impl NewGroup {
    /// A group with a name and who may join, and nothing else yet: its mission, causes,
    /// region and languages can be given later.
    pub fn named(name: &str, visibility: Visibility) -> NewGroup {
        NewGroup {
            name: name.to_string(),
            mission: String::new(),
            causes: Vec::new(),
            region: String::new(),
            languages: Vec::new(),
            visibility,
        }
    }

    /// Checks what a person typed; the error says what to change.
    pub fn validate(&self) -> Result<(), CoreError> {
        if self.name.trim().is_empty() {
            return Err(CoreError::InvalidInput(Problem::GroupNameRequired));
        }
        check_len(&self.name, MAX_NAME, Field::GroupName)?;
        check_len(&self.mission, MAX_MISSION, Field::Mission)?;
        check_len(&self.region, MAX_REGION, Field::Region)?;
        if self
            .causes
            .iter()
            .chain(&self.languages)
            .any(|t| t.trim().is_empty() || t.chars().count() > MAX_TAG)
        {
            return Err(CoreError::InvalidInput(Problem::BadTag { max: MAX_TAG }));
        }
        Ok(())
    }
}

/// A change to the group's description; `None` leaves a field as it is.
#[derive(Clone, Debug, Default)]
pub struct MetaEdit {
    /// New name.
    pub name: Option<String>,
    /// New mission.
    pub mission: Option<String>,
    /// New region.
    pub region: Option<String>,
    /// New visibility.
    pub visibility: Option<Visibility>,
    /// Causes to add.
    pub add_causes: Vec<String>,
    /// Causes to remove.
    pub remove_causes: Vec<String>,
    /// Languages to add.
    pub add_languages: Vec<String>,
    /// Languages to remove.
    pub remove_languages: Vec<String>,
}

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

/// The description's objects: the map and its two sets of tags.
struct Objects {
    meta: ExId,
    causes: ExId,
    languages: ExId,
}

impl Objects {
    fn find(r: &Reader<'_>) -> Option<Objects> {
        let meta = root_of::<Meta>(r)?;
        let set = |k: &str| match r.doc().get(&meta, k) {
            Ok(Some((automerge::Value::Object(_), id))) => Some(id),
            _ => None,
        };
        Some(Objects {
            causes: set(key::CAUSES)?,
            languages: set(key::LANGUAGES)?,
            meta,
        })
    }
}

/// The group's description, or `None` before its history has arrived.
pub(crate) fn info(r: &Reader<'_>, id: GroupId, owner: DeviceId) -> Option<GroupInfo> {
    let o = Objects::find(r)?;
    Some(GroupInfo {
        id,
        name: r.text(&o.meta, key::NAME),
        mission: r.text(&o.meta, key::MISSION),
        region: r.text(&o.meta, key::REGION),
        visibility: Visibility::parse(&r.text(&o.meta, key::VISIBILITY))
            .unwrap_or(Visibility::Invite),
        causes: r.set_keys(&o.causes),
        languages: r.set_keys(&o.languages),
        created_at: Timestamp(r.int(&o.meta, key::CREATED_AT).unwrap_or(0)),
        owner,
    })
}

/// Edits the group's description (admins and the owner).
pub(crate) fn edit<'e>(
    r: &Reader<'_>,
    edit: &'e MetaEdit,
) -> Result<Edit<impl Writes + use<'e>>, CoreError> {
    let probe = NewGroup {
        name: edit.name.clone().unwrap_or_else(|| "x".into()),
        mission: edit.mission.clone().unwrap_or_default(),
        causes: edit.add_causes.clone(),
        region: edit.region.clone().unwrap_or_default(),
        languages: edit.add_languages.clone(),
        visibility: Visibility::Open,
    };
    probe.validate()?;
    let o = Objects::find(r).ok_or_else(not_arrived)?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        if let Some(v) = &edit.name {
            tx.put(&o.meta, key::NAME, v.as_str())?;
        }
        if let Some(v) = &edit.mission {
            tx.put(&o.meta, key::MISSION, v.as_str())?;
        }
        if let Some(v) = &edit.region {
            tx.put(&o.meta, key::REGION, v.as_str())?;
        }
        if let Some(v) = edit.visibility {
            tx.put(&o.meta, key::VISIBILITY, v.as_str())?;
        }
        for (set, add, remove) in [
            (&o.causes, &edit.add_causes, &edit.remove_causes),
            (&o.languages, &edit.add_languages, &edit.remove_languages),
        ] {
            for t in add {
                tx.put(set, t.as_str(), true)?;
            }
            for t in remove {
                if tx.get(set, t.as_str())?.is_some() {
                    tx.delete(set, t.as_str())?;
                }
            }
        }
        Ok(())
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::group::testing::*;

    #[test]
    fn only_admins_edit_the_group_description() {
        let mut w = World::new(3);
        w.add(AMARA, BRUNO, Role::Admin);
        w.add(AMARA, CHLOE, Role::Member);
        w.sync_all();
        let edit = MetaEdit {
            mission: Some("Plant trees".into()),
            add_causes: vec!["trees".into()],
            ..MetaEdit::default()
        };
        assert!(w.replicas[CHLOE].edit_meta(t(5), &edit).is_err());
        w.replicas[BRUNO].edit_meta(t(5), &edit).unwrap();
        w.sync_all();
        let info = w.replicas[CHLOE].info().unwrap();
        assert_eq!(info.mission, "Plant trees");
        assert!(info.causes.contains(&"trees".to_string()));
    }
}
