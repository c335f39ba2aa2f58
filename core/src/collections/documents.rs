//! `documents`: the group's shared documents, each its own Automerge document
//! (`crate::docs`) bound to the group by its entry here. The collection of schema version 4.
//!
//! ```text
//! documents: { <document id hex>: { creator, created, title, editors: all|admins|listed,
//!              listed: { <device hex>: true }, archived?, hidden?, hidden_by?,
//!              hidden_reason?, hidden_at?, cutoffs: { <device hex>: "<head hex>,..." } } }
//! ```
//!
//! An entry is made once, by the document's creator (the author of the document's first
//! change, whose hash is the id). The creator and admins rename, archive, and choose who may
//! edit; moderators hide. `cutoffs/<device>` holds the document heads whoever took that
//! device's right to edit away had seen (ARCHITECTURE.md, "Shared documents"): written by
//! admins and the creator, or by the device itself when it leaves.

use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};
use automerge::{Automerge, ChangeHash, ObjId as ExId, ObjType, ROOT, ReadDoc, ScalarValue};

use super::items::{Hidden, key as item_key};
use super::{
    Collection, Cx, Edit, MAX_REASON, Op, Writes, boolean, check_len, forbidden, int, text,
};
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::ids::{DocId, Timestamp};
use crate::problem::{Field, Problem};
use crate::read::Reader;
use crate::role::Role;

/// The group's documents.
pub(crate) struct Documents;

/// Field names of an entry.
const CREATOR: &str = "creator";
const CREATED: &str = "created";
const TITLE: &str = "title";
const EDITORS: &str = "editors";
const LISTED: &str = "listed";
const ARCHIVED: &str = "archived";
const CUTOFFS: &str = "cutoffs";

/// Longest document title, in characters.
pub const MAX_DOC_TITLE: usize = crate::limits::POST_TITLE;

/// Who may edit a document.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Editors {
    /// Every member.
    #[default]
    All,
    /// Admins and the owner (and the creator).
    Admins,
    /// The members listed (and admins, and the creator).
    Listed,
}

impl Editors {
    /// The word stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            Editors::All => "all",
            Editors::Admins => "admins",
            Editors::Listed => "listed",
        }
    }

    /// Parses the stored word.
    pub fn parse(s: &str) -> Option<Editors> {
        Some(match s {
            "all" => Editors::All,
            "admins" => Editors::Admins,
            "listed" => Editors::Listed,
            _ => return None,
        })
    }
}

/// An object of the documents collection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// The map of all entries.
    Root,
    /// One document's entry, made by its creator.
    Entry {
        /// Who made it.
        creator: DeviceId,
    },
    /// An entry's listed editors.
    Listed {
        /// The entry's creator.
        creator: DeviceId,
    },
    /// An entry's cutoffs.
    Cutoffs {
        /// The entry's creator.
        creator: DeviceId,
    },
}

impl Collection for Documents {
    const KEY: &'static str = "documents";
    const SINCE: i64 = 4;
    type Loc = Loc;
    const ROOT: Loc = Loc::Root;
    const CODES: &'static [u8] = &[14, 15, 16, 17];
    type Notes = ();

    fn check(at: &Loc, op: &Op<'_>, cx: &mut Cx, _: &mut ()) -> Result<Option<Loc>, Rejection> {
        let is_new = op.in_new_object;
        match at {
            Loc::Root => {
                if DocId::from_hex(op.key).is_err() {
                    return Err(forbidden("a document's key is its id"));
                }
                match op.action {
                    OpType::Make(ObjType::Map) if op.replaces => {
                        Err(forbidden("a document's entry is made once"))
                    }
                    OpType::Make(ObjType::Map) => Ok(Some(Loc::Entry { creator: cx.author })),
                    _ => Err(forbidden("a document is archived, not deleted")),
                }
            }
            Loc::Entry { creator } => {
                let steward = |cx: &mut Cx| {
                    if cx.author != *creator {
                        cx.needs(Role::Admin);
                    }
                };
                match (op.key, op.action) {
                    (CREATOR, OpType::Put(v)) if is_new => {
                        cx.names_author(v, CREATOR).map(|()| None)
                    }
                    (CREATED, OpType::Put(v)) if is_new => int(v, CREATED).map(|()| None),
                    (LISTED, OpType::Make(ObjType::Map)) if is_new => {
                        Ok(Some(Loc::Listed { creator: *creator }))
                    }
                    (CUTOFFS, OpType::Make(ObjType::Map)) if is_new => {
                        Ok(Some(Loc::Cutoffs { creator: *creator }))
                    }
                    (TITLE, OpType::Put(v)) => {
                        steward(cx);
                        let t = text(v, MAX_DOC_TITLE, "the title")?;
                        if t.trim().is_empty() {
                            return Err(forbidden("a document has a title"));
                        }
                        Ok(None)
                    }
                    (EDITORS, OpType::Put(v)) => {
                        steward(cx);
                        match v {
                            ScalarValue::Str(s) if Editors::parse(s).is_some() => Ok(None),
                            _ => Err(forbidden("editors are all, admins or listed")),
                        }
                    }
                    (ARCHIVED, OpType::Put(v)) => {
                        steward(cx);
                        boolean(v, ARCHIVED).map(|()| None)
                    }
                    (item_key::HIDDEN, OpType::Put(v)) => {
                        cx.needs(Role::Moderator);
                        if let ScalarValue::Boolean(b) = v {
                            cx.hides.push((op.object(), *b));
                        }
                        boolean(v, "hidden").map(|()| None)
                    }
                    (item_key::HIDDEN_BY, OpType::Put(v)) => {
                        cx.needs(Role::Moderator);
                        cx.names_author(v, "hidden_by").map(|()| None)
                    }
                    (item_key::HIDDEN_REASON, OpType::Put(v)) => {
                        cx.needs(Role::Moderator);
                        text(v, MAX_REASON, "the reason").map(|_| None)
                    }
                    (item_key::HIDDEN_AT, OpType::Put(v)) => {
                        cx.needs(Role::Moderator);
                        int(v, "hidden_at").map(|()| None)
                    }
                    _ => Err(forbidden(format!(
                        "document field {:?} cannot be changed this way",
                        op.key
                    ))),
                }
            }
            Loc::Listed { creator } => {
                if cx.author != *creator {
                    cx.needs(Role::Admin);
                }
                if DeviceId::from_hex(op.key).is_err() {
                    return Err(forbidden("a listed editor is a device id"));
                }
                match op.action {
                    OpType::Put(ScalarValue::Boolean(true)) | OpType::Delete => Ok(None),
                    _ => Err(op.not_allowed()),
                }
            }
            Loc::Cutoffs { creator } => {
                // Whoever takes a right away says what they had seen: an admin, the
                // creator, or the member themselves as they leave.
                if cx.author != *creator && !cx.is_author(op.key) {
                    cx.needs(Role::Admin);
                }
                if DeviceId::from_hex(op.key).is_err() {
                    return Err(forbidden("a cutoff is keyed by a device id"));
                }
                match op.action {
                    OpType::Put(ScalarValue::Str(s)) if parse_heads(s).is_some() => Ok(None),
                    _ => Err(forbidden("a cutoff is a list of document heads")),
                }
            }
        }
    }

    fn code(loc: &Loc) -> (u8, Option<DeviceId>) {
        match loc {
            Loc::Root => (14, None),
            Loc::Entry { creator } => (15, Some(*creator)),
            Loc::Listed { creator } => (16, Some(*creator)),
            Loc::Cutoffs { creator } => (17, Some(*creator)),
        }
    }

    fn from_code(code: u8, device: Option<DeviceId>) -> Option<Loc> {
        match code {
            14 => Some(Loc::Root),
            15 => device.map(|creator| Loc::Entry { creator }),
            16 => device.map(|creator| Loc::Listed { creator }),
            17 => device.map(|creator| Loc::Cutoffs { creator }),
            _ => None,
        }
    }
}

/// Document heads as a cutoff stores them: hex hashes joined by commas (none: empty).
pub(crate) fn format_heads(heads: &[ChangeHash]) -> String {
    let mut v: Vec<String> = heads.iter().map(|h| hex::encode(h.0)).collect();
    v.sort();
    v.join(",")
}

/// Parses [`format_heads`]; at most 64 heads.
pub(crate) fn parse_heads(s: &str) -> Option<Vec<ChangeHash>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    let heads: Vec<ChangeHash> = s
        .split(',')
        .map(|h| {
            let b: [u8; 32] = hex::decode(h).ok()?.try_into().ok()?;
            Some(ChangeHash(b))
        })
        .collect::<Option<_>>()?;
    (heads.len() <= 64).then_some(heads)
}

/// A document as the group lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocEntry {
    /// The document's id.
    pub id: DocId,
    /// Who made it.
    pub creator: DeviceId,
    /// When.
    pub created: Timestamp,
    /// Its title.
    pub title: String,
    /// Who may edit it.
    pub editors: Editors,
    /// The members listed as editors (for [`Editors::Listed`]).
    pub listed: Vec<DeviceId>,
    /// Archived: kept and readable, listed apart.
    pub archived: bool,
    /// Hidden by a moderator, and why.
    pub hidden: Option<Hidden>,
}

/// What the binding reads of an entry.
pub(crate) struct Rule {
    pub(crate) creator: DeviceId,
    pub(crate) editors: Editors,
    pub(crate) listed: Vec<DeviceId>,
}

impl Rule {
    /// Whether `who`, whose role is `role`, may edit under this rule.
    pub(crate) fn allows(&self, who: DeviceId, role: Option<Role>) -> bool {
        let Some(role) = role else {
            return false;
        };
        who == self.creator
            || role >= Role::Admin
            || match self.editors {
                Editors::All => true,
                Editors::Admins => false,
                Editors::Listed => self.listed.contains(&who),
            }
    }
}

/// Every document entry that shows (made by changes that are not revoked).
pub(crate) fn list(r: &Reader<'_>) -> Vec<DocEntry> {
    let mut out = Vec::new();
    for root in super::roots_of::<Documents>(r) {
        for (k, _) in r.fields(&root).0 {
            let Ok(id) = DocId::from_hex(&k) else {
                continue;
            };
            let Some(e) = r.object(&root, &k) else {
                continue;
            };
            let Some(creator) = creator_of(&e) else {
                continue;
            };
            let f = r.fields(&e);
            let listed = r
                .object(&e, LISTED)
                .map(|l| r.set_keys(&l))
                .unwrap_or_default()
                .iter()
                .filter_map(|k| DeviceId::from_hex(k).ok())
                .collect();
            out.push(DocEntry {
                id,
                creator,
                created: Timestamp(f.int(CREATED).unwrap_or(0)),
                title: f.text(TITLE),
                editors: Editors::parse(&f.text(EDITORS)).unwrap_or_default(),
                listed,
                archived: f.flag(ARCHIVED),
                hidden: f.flag(item_key::HIDDEN).then(|| Hidden {
                    by: f.device(item_key::HIDDEN_BY),
                    reason: f.text(item_key::HIDDEN_REASON),
                }),
            });
        }
    }
    out.sort_by(|a, b| b.created.cmp(&a.created).then(a.id.cmp(&b.id)));
    out.dedup_by_key(|e| e.id);
    out
}

/// The creator an entry's object id names (the actor that made it).
fn creator_of(e: &ExId) -> Option<DeviceId> {
    match e {
        ExId::Id(_, actor, _) => crate::actor::author_of_actor(actor),
        ExId::Root => None,
    }
}

/// The entry of document `id` as the group's history stood at `heads` (every change there
/// counts: this is the permanent check, like a group change's).
pub(crate) fn rule_at(doc: &Automerge, id: &DocId, heads: &[ChangeHash]) -> Option<Rule> {
    let key = id.to_hex();
    let mut roots: Vec<ExId> = doc
        .get_all_at(ROOT, Documents::KEY, heads)
        .unwrap_or_default()
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    roots.sort();
    roots.into_iter().find_map(|root| {
        let Ok(Some((_, e))) = doc.get_at(&root, &key, heads) else {
            return None;
        };
        let creator = creator_of(&e)?;
        let editors = match doc.get_at(&e, EDITORS, heads) {
            Ok(Some((automerge::Value::Scalar(s), _))) => match s.as_ref() {
                ScalarValue::Str(s) => Editors::parse(s).unwrap_or_default(),
                _ => Editors::All,
            },
            _ => Editors::All,
        };
        let listed = match doc.get_at(&e, LISTED, heads) {
            Ok(Some((_, l))) => doc
                .keys_at(&l, heads)
                .filter_map(|k| DeviceId::from_hex(&k).ok())
                .collect(),
            _ => Vec::new(),
        };
        Some(Rule {
            creator,
            editors,
            listed,
        })
    })
}

/// The rule of document `id` now, as every peer shows it.
pub(crate) fn rule_now(r: &Reader<'_>, id: &DocId) -> Option<Rule> {
    list(r).into_iter().find(|e| e.id == *id).map(|e| Rule {
        creator: e.creator,
        editors: e.editors,
        listed: e.listed,
    })
}

/// The document heads the group says `who`'s changes count up to; `None` when no cutoff
/// was written (none of them count once they may not edit).
pub(crate) fn cutoff(r: &Reader<'_>, id: &DocId, who: DeviceId) -> Option<Vec<ChangeHash>> {
    let key = id.to_hex();
    let mut heads: Vec<ChangeHash> = Vec::new();
    let mut any = false;
    for root in super::roots_of::<Documents>(r) {
        let Some(e) = r.object(&root, &key) else {
            continue;
        };
        let Some(c) = r.object(&e, CUTOFFS) else {
            continue;
        };
        if let Some((v, _)) = r.visible(&c, &who.to_hex())
            && let Some(h) = v.as_str().and_then(parse_heads)
        {
            any = true;
            heads.extend(h);
        }
    }
    heads.sort();
    heads.dedup();
    any.then_some(heads)
}

/// The entry object of document `id`, to change it.
pub(crate) fn entry(r: &Reader<'_>, id: &DocId) -> Result<ExId, CoreError> {
    let key = id.to_hex();
    super::roots_of::<Documents>(r)
        .into_iter()
        .find_map(|root| r.object(&root, &key))
        .ok_or(CoreError::NotFound(Problem::DocNotFound))
}

/// Lists a new document made by `me` (its first change's hash is `id`).
pub(crate) fn create<'t>(
    r: &Reader<'_>,
    role: Option<Role>,
    me: DeviceId,
    id: DocId,
    title: &'t str,
    now: Timestamp,
) -> Result<Edit<impl Writes + use<'t>>, CoreError> {
    if role.is_none() {
        return Err(CoreError::NotPermitted(Problem::NotAMember));
    }
    let title = check_title(title)?;
    let root = super::root_for_action::<Documents>(r)?;
    if entry(r, &id).is_ok() {
        return Err(CoreError::InvalidInput(Problem::NothingToChange));
    }
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        let e = tx.put_object(&root, id.to_hex(), ObjType::Map)?;
        tx.put(&e, CREATOR, me.to_hex())?;
        tx.put(&e, CREATED, now.0)?;
        tx.put(&e, TITLE, title)?;
        tx.put(&e, EDITORS, Editors::All.as_str())?;
        tx.put_object(&e, LISTED, ObjType::Map)?;
        tx.put_object(&e, CUTOFFS, ObjType::Map)?;
        Ok(())
    }))
}

fn check_title(title: &str) -> Result<&str, CoreError> {
    let title = title.trim();
    if title.is_empty() {
        return Err(CoreError::InvalidInput(Problem::DocTitleRequired));
    }
    check_len(title, MAX_DOC_TITLE, Field::Title)?;
    Ok(title)
}

/// Whether `me` may steward (rename, archive, set editors of) the document.
fn steward(
    r: &Reader<'_>,
    role: Option<Role>,
    me: DeviceId,
    id: &DocId,
) -> Result<ExId, CoreError> {
    let e = entry(r, id)?;
    let creator = creator_of(&e);
    if role.is_none() {
        return Err(CoreError::NotPermitted(Problem::NotAMember));
    }
    if creator != Some(me) && role.is_none_or(|r| r < Role::Admin) {
        return Err(CoreError::NotPermitted(Problem::OnlyStewards));
    }
    Ok(e)
}

/// What a steward changes about a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocSetting {
    /// A new title.
    Title(String),
    /// Archived or not.
    Archived(bool),
    /// Who may edit; with [`Editors::Listed`], the members listed.
    Editors(Editors, Vec<DeviceId>),
}

/// Changes a document's setting. `cut`: for an editors change that takes someone's right
/// away, their cutoff (the document heads this device has).
pub(crate) fn set<'s>(
    r: &Reader<'_>,
    role: Option<Role>,
    me: DeviceId,
    id: &DocId,
    setting: &'s DocSetting,
    cut: Vec<(DeviceId, Vec<ChangeHash>)>,
) -> Result<Edit<impl Writes + use<'s>>, CoreError> {
    let e = steward(r, role, me, id)?;
    if let DocSetting::Title(t) = setting {
        check_title(t)?;
    }
    let listed_now: Vec<String> = r
        .object(&e, LISTED)
        .map(|l| r.set_keys(&l))
        .unwrap_or_default();
    let listed_obj = r.object(&e, LISTED);
    let cutoffs = r.object(&e, CUTOFFS);
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        match setting {
            DocSetting::Title(t) => tx.put(&e, TITLE, t.trim())?,
            DocSetting::Archived(a) => tx.put(&e, ARCHIVED, *a)?,
            DocSetting::Editors(editors, listed) => {
                tx.put(&e, EDITORS, editors.as_str())?;
                if let Some(l) = &listed_obj {
                    for k in &listed_now {
                        if !listed.iter().any(|d| d.to_hex() == *k) {
                            tx.delete(l, k.as_str())?;
                        }
                    }
                    for d in listed {
                        if !listed_now.contains(&d.to_hex()) {
                            tx.put(l, d.to_hex(), true)?;
                        }
                    }
                }
            }
        }
        if let Some(c) = &cutoffs {
            for (who, heads) in &cut {
                tx.put(c, who.to_hex(), format_heads(heads))?;
            }
        }
        Ok(())
    }))
}

/// Hides (with a reason) or shows a document again: moderators.
pub(crate) fn hide<'s>(
    r: &Reader<'_>,
    role: Option<Role>,
    me: DeviceId,
    id: &DocId,
    reason: Option<&'s str>,
    now: Timestamp,
) -> Result<Edit<impl Writes + use<'s>>, CoreError> {
    if role.is_none_or(|r| r < Role::Moderator) {
        return Err(CoreError::NotPermitted(Problem::RoleDoesNotAllow {
            detail: "hiding a document needs the moderator role".into(),
        }));
    }
    if let Some(reason) = reason {
        check_len(reason, MAX_REASON, Field::Reason)?;
    }
    let e = entry(r, id)?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        match reason {
            Some(reason) => {
                tx.put(&e, item_key::HIDDEN, true)?;
                tx.put(&e, item_key::HIDDEN_BY, me.to_hex())?;
                tx.put(&e, item_key::HIDDEN_REASON, reason)?;
                tx.put(&e, item_key::HIDDEN_AT, now.0)?;
            }
            None => tx.put(&e, item_key::HIDDEN, false)?,
        }
        Ok(())
    }))
}

/// Writes cutoffs for documents whose editing right a change takes away (a removal or a
/// leave): `cuts` holds, per document, who and the document heads this device has.
pub(crate) fn write_cutoffs(
    r: &Reader<'_>,
    cuts: &[(DocId, DeviceId, Vec<ChangeHash>)],
) -> Vec<(ExId, String, String)> {
    cuts.iter()
        .filter_map(|(id, who, heads)| {
            let e = entry(r, id).ok()?;
            let c = r.object(&e, CUTOFFS)?;
            Some((c, who.to_hex(), format_heads(heads)))
        })
        .collect()
}
