//! `modlog`: the group's moderation log, a collection of schema version 7. Every decision a
//! moderator or an admin takes (hiding, showing again, removing someone, changing a role,
//! withdrawing an invite) is an entry written in the same change as the decision itself, so
//! the entry and the act are signed together and judged together: an entry that claims a
//! decision its change does not make is refused, and so is an entry by someone whose role
//! at that point of the history did not allow the decision.
//!
//! ```text
//! modlog: { <16-hex id>: { by, at, action, reason, kind?, obj?, member?, role?, invite?,
//!                          report?, note? } }
//! ```
//!
//! `action` is `hide`, `unhide` (then `kind` says what was hidden and `obj` is the hidden
//! object's id, `<counter>@<actor hex>`), `remove`, `role` (then `member` is the device, and
//! `role` its new role), `withdraw` (`invite` names the invite), `dismiss` (a report closed,
//! `report` its id) or `warn` (`member` is warned in `note`, sealed to them and the
//! moderators). Any entry may name the report it decides. Entries are written once
//! and never changed. The log is everyone's to read: each member's device shows it from its
//! own, fully judged, copy of the group.

use std::collections::HashMap;

use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};
use automerge::{ActorId, ChangeHash, ObjId as ExId, Prop, ReadDoc, ScalarValue};

use super::{Collection, Cx, Edit, Effect, MAX_REASON, ObjRef, Op, Writes, forbidden, int, text};
use crate::error::Rejection;
use crate::identity::DeviceId;
use crate::ids::{ItemId, Timestamp};
use crate::read::Reader;
use crate::role::Role;

/// The log.
pub(crate) struct ModLog;

/// The fields of an entry.
mod key {
    pub const BY: &str = "by";
    pub const AT: &str = "at";
    pub const ACTION: &str = "action";
    pub const REASON: &str = "reason";
    pub const KIND: &str = "kind";
    pub const OBJ: &str = "obj";
    pub const MEMBER: &str = "member";
    pub const ROLE: &str = "role";
    pub const INVITE: &str = "invite";
    pub const REPORT: &str = "report";
    pub const NOTE: &str = "note";
}

/// Longest name of an invite in an entry, in characters.
const MAX_INVITE: usize = 120;
/// Longest sealed note of a warning, in base64 characters.
const MAX_NOTE_B64: usize = 16 * 1024;
/// Most entries in one change.
const MAX_ENTRIES: usize = 64;

/// What a moderator or an admin decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ModAction {
    /// Hid a post, a comment or another item from members.
    Hide,
    /// Showed a hidden item again.
    Unhide,
    /// Removed someone from the group.
    Remove,
    /// Gave someone another role.
    Role,
    /// Withdrew an invite.
    Withdraw,
    /// Closed a report without acting on it.
    Dismiss,
    /// Warned someone, in a note only they and the moderators read.
    Warn,
}

impl ModAction {
    /// Every action, in the order filters list them.
    pub const ALL: [ModAction; 7] = [
        ModAction::Hide,
        ModAction::Unhide,
        ModAction::Remove,
        ModAction::Role,
        ModAction::Withdraw,
        ModAction::Dismiss,
        ModAction::Warn,
    ];

    /// The word stored in the log (and typed on the command line).
    pub const fn as_str(self) -> &'static str {
        match self {
            ModAction::Hide => "hide",
            ModAction::Unhide => "unhide",
            ModAction::Remove => "remove",
            ModAction::Role => "role",
            ModAction::Withdraw => "withdraw",
            ModAction::Dismiss => "dismiss",
            ModAction::Warn => "warn",
        }
    }

    /// Parses the stored word.
    pub fn parse(s: &str) -> Option<Self> {
        ModAction::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// The least role that takes this decision.
    const fn needs(self) -> Role {
        match self {
            ModAction::Hide | ModAction::Unhide | ModAction::Dismiss | ModAction::Warn => {
                Role::Moderator
            }
            ModAction::Remove | ModAction::Role | ModAction::Withdraw => Role::Admin,
        }
    }
}

/// What hides can be on, as the log names them.
const KINDS: &[&str] = &[
    "post",
    "comment",
    "event",
    "poll",
    "task",
    "shift",
    "attachment",
    "document",
];

/// What a decision was about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModTarget {
    /// An item (`kind` is one of post, comment, event, poll, task, shift, attachment,
    /// document), with its id where the group still has it, and a few words of it.
    Item {
        /// What it is.
        kind: String,
        /// Its id.
        id: Option<ItemId>,
        /// Who wrote it.
        author: Option<DeviceId>,
        /// Its title, or the start of its text.
        words: String,
    },
    /// A member.
    Member(DeviceId),
    /// An invite, by the name the admin gave it.
    Invite(String),
    /// A report (dismissed).
    Report,
}

/// One entry of the log, as every member's device shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModEntry {
    /// Its key in the log.
    pub id: String,
    /// Who decided.
    pub by: DeviceId,
    /// Their role at that point of the history, as every peer judged the change.
    pub role: Option<Role>,
    /// When (seconds since 1970, as the decider's clock said).
    pub at: Timestamp,
    /// What was decided.
    pub action: ModAction,
    /// About what, or whom.
    pub target: ModTarget,
    /// The new role, for a role change.
    pub new_role: Option<Role>,
    /// The reason given.
    pub reason: String,
    /// The change that holds the decision.
    pub change: Option<ChangeHash>,
    /// The report it decides, if any.
    pub report: Option<ItemId>,
    /// A warning's note, sealed to the person warned and the moderators.
    pub note: Option<Vec<u8>>,
}

/// The root map, or one entry (by the device that wrote it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// The map of all entries.
    Root,
    /// One entry.
    Entry,
}

/// What one change writes into the log: each new entry's fields.
#[derive(Default)]
pub(crate) struct Notes {
    made: HashMap<u64, HashMap<&'static str, ScalarValue>>,
}

impl Collection for ModLog {
    const KEY: &'static str = "modlog";
    const SINCE: i64 = 7;
    type Loc = Loc;
    const ROOT: Loc = Loc::Root;
    const CODES: &'static [u8] = &[35, 36];
    type Notes = Notes;

    fn check(at: &Loc, op: &Op<'_>, cx: &mut Cx, n: &mut Notes) -> Result<Option<Loc>, Rejection> {
        match at {
            Loc::Root => {
                super::items::create_keyed(op, "a log entry")?;
                if n.made.len() >= MAX_ENTRIES {
                    return Err(forbidden("too many log entries in one change"));
                }
                n.made.insert(op.id, HashMap::new());
                // Writing the log at all takes a moderator; each action says what more.
                cx.needs(Role::Moderator);
                Ok(Some(Loc::Entry))
            }
            Loc::Entry => {
                let fields = match n.made.get_mut(&op.obj) {
                    Some(f) if op.in_new_object => f,
                    _ => return Err(forbidden("a log entry is written once, when it is made")),
                };
                let OpType::Put(v) = op.action else {
                    return Err(op.not_allowed());
                };
                let field: &'static str = match op.key {
                    key::BY => {
                        cx.names_author(v, "by")?;
                        key::BY
                    }
                    key::AT => {
                        int(v, "at")?;
                        key::AT
                    }
                    key::ACTION => {
                        if ModAction::parse(text(v, 16, "action")?).is_none() {
                            return Err(forbidden("unknown moderation action"));
                        }
                        key::ACTION
                    }
                    key::REASON => {
                        text(v, MAX_REASON, "the reason")?;
                        key::REASON
                    }
                    key::KIND => {
                        if !KINDS.contains(&text(v, 16, "kind")?) {
                            return Err(forbidden("unknown kind of item"));
                        }
                        key::KIND
                    }
                    key::OBJ => {
                        if parse_obj(text(v, 120, "obj")?).is_none() {
                            return Err(forbidden("an object is <counter>@<actor hex>"));
                        }
                        key::OBJ
                    }
                    key::MEMBER => {
                        if DeviceId::from_hex(text(v, 64, "member")?).is_err() {
                            return Err(forbidden("a member is a device id in hex"));
                        }
                        key::MEMBER
                    }
                    key::ROLE => {
                        if Role::parse(text(v, 16, "role")?).is_none() {
                            return Err(forbidden("unknown role"));
                        }
                        key::ROLE
                    }
                    key::INVITE => {
                        text(v, MAX_INVITE, "invite")?;
                        key::INVITE
                    }
                    key::REPORT => {
                        super::item_ref(v, "report")?;
                        key::REPORT
                    }
                    key::NOTE => {
                        let b = text(v, MAX_NOTE_B64, "note")?;
                        if data_encoding::BASE64.decode(b.as_bytes()).is_err() {
                            return Err(forbidden("a warning's note is sealed words in base64"));
                        }
                        key::NOTE
                    }
                    other => {
                        return Err(forbidden(format!(
                            "log entry field {other:?} cannot be set"
                        )));
                    }
                };
                if fields.insert(field, v.clone()).is_some() {
                    return Err(forbidden("a log entry field written twice"));
                }
                Ok(None)
            }
        }
    }

    fn finish(n: Notes, cx: &mut Cx) -> Result<(), Rejection> {
        for fields in n.made.values() {
            let str_of = |k: &str| match fields.get(k) {
                Some(ScalarValue::Str(s)) => Some(s.as_str()),
                _ => None,
            };
            let (Some(_), Some(_), Some(action)) = (
                str_of(key::BY),
                fields.get(key::AT),
                str_of(key::ACTION).and_then(ModAction::parse),
            ) else {
                return Err(forbidden("a log entry names who, when and what"));
            };
            cx.needs(action.needs());
            let has = |k: &str| fields.contains_key(k);
            let made = match action {
                ModAction::Hide | ModAction::Unhide => {
                    let obj = str_of(key::OBJ).and_then(parse_obj);
                    let hidden = action == ModAction::Hide;
                    has(key::KIND)
                        && obj.is_some_and(|o| cx.hides.iter().any(|h| *h == (o.clone(), hidden)))
                }
                ModAction::Remove => member_effect(cx, str_of(key::MEMBER), Effect::Remove),
                ModAction::Role => match str_of(key::ROLE).and_then(Role::parse) {
                    Some(r) => member_effect(cx, str_of(key::MEMBER), Effect::Set(r)),
                    None => false,
                },
                ModAction::Withdraw => has(key::INVITE),
                // A dismissal decides a report and does nothing else.
                ModAction::Dismiss => has(key::REPORT),
                // A warning names who is warned and carries its sealed note.
                ModAction::Warn => {
                    has(key::NOTE)
                        && str_of(key::MEMBER).is_some_and(|m| DeviceId::from_hex(m).is_ok())
                }
            };
            if !made {
                return Err(forbidden(
                    "a log entry records a decision its own change makes",
                ));
            }
        }
        Ok(())
    }

    fn code(loc: &Loc) -> (u8, Option<DeviceId>) {
        match loc {
            Loc::Root => (35, None),
            Loc::Entry => (36, None),
        }
    }

    fn from_code(code: u8, _: Option<DeviceId>) -> Option<Loc> {
        match code {
            35 => Some(Loc::Root),
            36 => Some(Loc::Entry),
            _ => None,
        }
    }
}

/// Whether the change has `effect` on the member named `member`.
fn member_effect(cx: &Cx, member: Option<&str>, effect: Effect) -> bool {
    member
        .and_then(|m| DeviceId::from_hex(m).ok())
        .is_some_and(|who| cx.effects.iter().any(|(t, e)| *t == who && *e == effect))
}

/// An object's id as the log writes it: `<counter>@<actor hex>`.
pub(crate) fn obj_text(obj: &ExId) -> Option<String> {
    match obj {
        ExId::Id(counter, actor, _) => Some(format!("{counter}@{}", hex::encode(actor.to_bytes()))),
        ExId::Root => None,
    }
}

/// The object an entry names.
fn parse_obj(s: &str) -> Option<ObjRef> {
    let (counter, actor) = s.split_once('@')?;
    let counter: u64 = counter.parse().ok()?;
    let bytes = hex::decode(actor).ok()?;
    if bytes.is_empty() || bytes.len() > 64 {
        return None;
    }
    Some(ObjRef {
        counter,
        actor: ActorId::from(bytes),
    })
}

/// A decision, ready to be written beside the act it records.
#[derive(Clone, Debug)]
pub(crate) struct Decision {
    pub(crate) action: ModAction,
    pub(crate) reason: String,
    pub(crate) target: Written,
    /// The report it decides.
    pub(crate) report: Option<ItemId>,
}

impl Decision {
    /// Hiding the object `obj` (of `kind`) with `reason`, or showing it again (`hide` false).
    pub(crate) fn hiding(hide: bool, kind: &'static str, obj: &ExId, reason: &str) -> Decision {
        Decision {
            action: if hide {
                ModAction::Hide
            } else {
                ModAction::Unhide
            },
            reason: reason.to_owned(),
            target: Written::Object {
                kind,
                obj: obj_text(obj).unwrap_or_default(),
            },
            report: None,
        }
    }
}

/// What the entry names, as it is written.
#[derive(Clone, Debug)]
pub(crate) enum Written {
    /// A report only (a dismissal).
    Report,
    /// A warning to `who`, with its sealed note.
    Warning { who: DeviceId, note: Vec<u8> },
    /// The hidden (or shown) object, and what it is.
    Object { kind: &'static str, obj: String },
    /// A member, with the new role for a role change.
    Member { who: DeviceId, role: Option<Role> },
    /// An invite.
    Invite(String),
}

/// An id for a new entry: distinct for every change of every device (it mixes the device's
/// actor and the change's sequence number; two entries that still met under one key would
/// both be kept, as a conflict, and both read).
pub(crate) fn entry_id(actor: &ActorId, seq: u64) -> ItemId {
    // FNV-1a: stable across builds and platforms, which `std`'s hashers are not.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in actor.to_bytes().iter().chain(seq.to_be_bytes().iter()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    ItemId::from_u64(h)
}

/// Writes `d` into the log (the first log of the group) under `id`, as part of the
/// transaction of the act itself.
pub(crate) fn write(
    tx: &mut Transaction<'_>,
    root: &ExId,
    id: ItemId,
    me: DeviceId,
    now: Timestamp,
    d: &Decision,
) -> Result<(), automerge::AutomergeError> {
    let e = tx.put_object(root, id.to_hex(), automerge::ObjType::Map)?;
    tx.put(&e, key::BY, me.to_hex())?;
    tx.put(&e, key::AT, now.0)?;
    tx.put(&e, key::ACTION, d.action.as_str())?;
    tx.put(&e, key::REASON, d.reason.as_str())?;
    match &d.target {
        Written::Object { kind, obj } => {
            tx.put(&e, key::KIND, *kind)?;
            tx.put(&e, key::OBJ, obj.as_str())?;
        }
        Written::Member { who, role } => {
            tx.put(&e, key::MEMBER, who.to_hex())?;
            if let Some(r) = role {
                tx.put(&e, key::ROLE, r.as_str())?;
            }
        }
        Written::Invite(name) => tx.put(&e, key::INVITE, name.as_str())?,
        Written::Report => {}
        Written::Warning { who, note } => {
            tx.put(&e, key::MEMBER, who.to_hex())?;
            tx.put(&e, key::NOTE, data_encoding::BASE64.encode(note))?;
        }
    }
    if let Some(r) = d.report {
        tx.put(&e, key::REPORT, r.to_hex())?;
    }
    Ok(())
}

/// An edit that makes `act` and writes its entry, in one change.
pub(crate) fn with_entry<F: Writes>(
    act: Edit<F>,
    entry: Option<(ExId, ItemId, DeviceId, Timestamp, Decision)>,
) -> Edit<impl Writes> {
    let membership = act.membership;
    let write = move |tx: &mut Transaction<'_>| {
        (act.write)(tx)?;
        match entry {
            Some((root, id, me, now, d)) => write(tx, &root, id, me, now, &d),
            None => Ok(()),
        }
    };
    Edit { membership, write }
}

/// The first log of the group (where new entries go); `None` before schema version 7.
pub(crate) fn root(r: &Reader<'_>) -> Option<ExId> {
    super::roots_of::<ModLog>(r).into_iter().next()
}

/// The reports that entries of the log decide.
pub(crate) fn decided_reports(r: &Reader<'_>) -> std::collections::HashSet<ItemId> {
    let mut out = std::collections::HashSet::new();
    for root in super::roots_of::<ModLog>(r) {
        for k in r.doc().keys(&root) {
            for (v, id) in r.doc().get_all(&root, &k).unwrap_or_default() {
                if matches!(v, automerge::Value::Object(_))
                    && !r.masked(&id)
                    && let Ok(report) = ItemId::from_hex(&r.text(&id, key::REPORT))
                {
                    out.insert(report);
                }
            }
        }
    }
    out
}

/// Every entry of every log (two admins who upgraded at once made two), oldest first.
pub(crate) fn entries(
    r: &Reader<'_>,
    role_at: impl Fn(DeviceId, &[ChangeHash]) -> Option<Role>,
) -> Vec<ModEntry> {
    let mut out = Vec::new();
    for root in super::roots_of::<ModLog>(r) {
        for k in r.doc().keys(&root) {
            for (v, id) in r.doc().get_all(&root, &k).unwrap_or_default() {
                if !matches!(v, automerge::Value::Object(_)) || r.masked(&id) {
                    continue;
                }
                if let Some(e) = entry(r, &k, &id, &role_at) {
                    out.push(e);
                }
            }
        }
    }
    out.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
    out
}

fn entry(
    r: &Reader<'_>,
    k: &str,
    obj: &ExId,
    role_at: &impl Fn(DeviceId, &[ChangeHash]) -> Option<Role>,
) -> Option<ModEntry> {
    let f = r.fields(obj);
    let by = f.device(key::BY)?;
    let action = ModAction::parse(&f.text(key::ACTION))?;
    let change = r.doc().hash_for_opid(obj);
    let target = match action {
        ModAction::Hide | ModAction::Unhide => {
            let kind = f.text(key::KIND);
            let (id, author, words) = parse_obj(&f.text(key::OBJ))
                .map(|o| item_of(r, &o.id()))
                .unwrap_or_default();
            ModTarget::Item {
                kind,
                id,
                author,
                words,
            }
        }
        ModAction::Remove | ModAction::Role | ModAction::Warn => {
            ModTarget::Member(f.device(key::MEMBER)?)
        }
        ModAction::Withdraw => ModTarget::Invite(f.text(key::INVITE)),
        ModAction::Dismiss => ModTarget::Report,
    };
    Some(ModEntry {
        id: k.to_owned(),
        by,
        role: change.and_then(|h| role_at(by, &[h])),
        at: Timestamp(f.int(key::AT).unwrap_or_default()),
        action,
        target,
        new_role: Role::parse(&f.text(key::ROLE)),
        reason: f.text(key::REASON),
        change,
        report: ItemId::from_hex(&f.text(key::REPORT)).ok(),
        note: (action == ModAction::Warn)
            .then(|| {
                data_encoding::BASE64
                    .decode(f.text(key::NOTE).as_bytes())
                    .ok()
            })
            .flatten(),
    })
}

/// Words of an item, for the log: its id (its key where it is kept), its author, and its
/// title or the start of its text.
fn item_of(r: &Reader<'_>, obj: &ExId) -> (Option<ItemId>, Option<DeviceId>, String) {
    let id = r
        .doc()
        .parents(obj)
        .ok()
        .and_then(|mut p| p.next())
        .and_then(|p| match p.prop {
            Prop::Map(k) => ItemId::from_hex(&k).ok(),
            Prop::Seq(_) => None,
        });
    let author = match obj {
        ExId::Id(_, actor, _) => crate::actor::author_of_actor(actor),
        ExId::Root => None,
    };
    (id, author, words_of(&r.fields(obj)))
}

/// A few words of an item: its title (a post's, a document's), its file name (an attachment),
/// else the start of its text.
pub(crate) fn words_of(f: &crate::read::Fields) -> String {
    let title = Some(f.text("title"))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| f.text("name"));
    if !title.is_empty() {
        return title;
    }
    let body = f.text("body");
    let mut cut: String = body.chars().take(60).collect();
    if cut.len() < body.len() {
        cut.push('…');
    }
    cut
}
