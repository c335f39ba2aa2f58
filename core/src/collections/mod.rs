//! The collections of a group document, one module each, and what they share.
//!
//! A collection is one map on the document's root (`meta`, `members`, `posts`, ...). Its module
//! holds everything about it: its schema rules (a [`Collection`]: what an operation on its
//! objects may do, and which role that needs), its view type and reader, and the local actions
//! that write it. The group's pipeline (`group`) decodes, orders and authenticates changes and
//! asks the registry in `schema` which collection an operation touches; the collection judges
//! it. Adding a collection is one module here and one line in `schema`'s registry.
//!
//! Nothing here knows the `Group`, the ledger or the pipeline: readers take a [`Reader`] (the
//! document as every peer shows it), actions return an [`Edit`] that the group writes through
//! its gate.

use std::fmt;

use automerge::legacy::OpType;
use automerge::transaction::Transaction;
use automerge::{ActorId, AutomergeError, ObjId as ExId, ROOT, ReadDoc, ScalarValue};

use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::ids::{ItemId, Timestamp};
use crate::problem::{Field, Problem};
use crate::read::Reader;
use crate::role::Role;

#[cfg(test)]
mod attachment_tests;
pub(crate) mod attachments;
pub(crate) mod comments;
pub(crate) mod documents;
pub(crate) mod events;
pub(crate) mod items;
#[cfg(test)]
mod kit_tests;
pub(crate) mod languages;
pub(crate) mod members;
pub(crate) mod meta;
pub(crate) mod modlog;
#[cfg(test)]
mod modlog_tests;
pub(crate) mod pinned;
pub(crate) mod polls;
pub(crate) mod posts;
pub(crate) mod profiles;
pub(crate) mod reactions;
#[cfg(test)]
mod report_tests;
pub(crate) mod reports;
pub(crate) mod shifts;
pub(crate) mod tasks;
pub(crate) mod when;

/// Longest reason (for a removal, for hiding an item) accepted, in characters.
pub(crate) const MAX_REASON: usize = crate::limits::REASON;

/// One collection's rules: the judge of every operation on its objects.
///
/// Rules read one operation at a time and may note what they saw ([`Collection::Notes`]) for
/// the checks that need the whole change ([`Collection::finish`]). They never apply anything
/// and depend only on the change and what the objects it touches are, so every peer reaches
/// the same verdict. The registry calls them through one `match`, without allocating.
pub(crate) trait Collection {
    /// Its key on the document's root, where the group's creation (or the schema upgrade
    /// that brings it) puts its root map.
    const KEY: &'static str;
    /// The schema version that brings it: 1 for the collections the group's creation builds,
    /// higher for those a schema upgrade to that version creates (`schema`, "upgrades").
    /// A change that touches it is valid only where that upgrade is in its causal past.
    const SINCE: i64 = 1;
    /// What an object of this collection is, as far as the rules care (its root map included).
    type Loc: Clone + fmt::Debug + PartialEq + Eq;
    /// Its root map.
    const ROOT: Self::Loc;
    /// The codes the ledger's saved image writes its objects with ([`Collection::code`]); no
    /// two collections share a code, and a code never changes meaning.
    const CODES: &'static [u8];
    /// What the rules note while reading one change.
    type Notes: Default;

    /// Judges one operation `op` on the object `at`. Returns what it creates, if it creates an
    /// object.
    fn check(
        at: &Self::Loc,
        op: &Op<'_>,
        cx: &mut Cx,
        notes: &mut Self::Notes,
    ) -> Result<Option<Self::Loc>, Rejection>;

    /// The checks once every operation of the change was read.
    fn finish(_notes: Self::Notes, _cx: &mut Cx) -> Result<(), Rejection> {
        Ok(())
    }

    /// Writes its part of a new group into its root map, `root`, just made.
    fn genesis(
        _tx: &mut Transaction<'_>,
        _root: &ExId,
        _g: &Genesis<'_>,
    ) -> Result<(), AutomergeError> {
        Ok(())
    }

    /// How the ledger's saved image writes an object: its code, and the device it belongs
    /// to, if any.
    fn code(loc: &Self::Loc) -> (u8, Option<DeviceId>);

    /// The object written with `code` (one of [`Collection::CODES`]) and `device`; `None`
    /// when that code needs a device and there is none.
    fn from_code(code: u8, device: Option<DeviceId>) -> Option<Self::Loc>;
}

/// One operation of a change, as the rules see it.
pub(crate) struct Op<'a> {
    /// The map key it writes.
    pub(crate) key: &'a str,
    /// What it does there.
    pub(crate) action: &'a OpType,
    /// Whether it overwrites values (it has predecessors).
    pub(crate) replaces: bool,
    /// Whether the object it writes was created earlier in the same change.
    pub(crate) in_new_object: bool,
    /// The counter of the object it writes (with the change's actor, the object's id when
    /// `in_new_object`).
    pub(crate) obj: u64,
    /// The actor of the operation that made the object it writes.
    pub(crate) obj_actor: &'a ActorId,
    /// Its own counter: the id of the object it creates, if it creates one.
    pub(crate) id: u64,
}

impl Op<'_> {
    /// The object it writes, as a [`Needs`] names it.
    pub(crate) fn object(&self) -> ObjRef {
        ObjRef {
            counter: self.obj,
            actor: self.obj_actor.clone(),
        }
    }

    /// The refusal of an operation that no rule of its collection allows.
    pub(crate) fn not_allowed(&self) -> Rejection {
        match self.action {
            OpType::Make(_) => forbidden("objects can only be created where the schema has them"),
            _ => forbidden(format!("operation on {:?} is not allowed", self.key)),
        }
    }
}

/// A change's effect on someone's membership.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Effect {
    /// Added, re-admitted, or given a new role.
    Set(Role),
    /// Removed by someone else.
    Remove,
    /// Left by themselves.
    Leave,
}

impl Effect {
    /// The role this effect leaves its target with (`None`: not a member).
    pub(crate) fn role(self) -> Option<Role> {
        match self {
            Effect::Set(r) => Some(r),
            Effect::Remove | Effect::Leave => None,
        }
    }
}

/// What the rules find out about one change, shared by every collection it touches.
pub(crate) struct Cx {
    /// The change's author.
    pub(crate) author: DeviceId,
    /// The author's id in hex, as the document writes it (made once per change).
    author_hex: String,
    /// Whether this is the group's first change, which alone may build the top level.
    pub(crate) genesis: bool,
    /// The least role the author needs for the plain operations (at least `Member`).
    pub(crate) min_role: Role,
    /// Role changes the author makes to others: (target, new role or removal).
    pub(crate) sets: Vec<(DeviceId, Option<Role>)>,
    /// Membership effects, one per target.
    pub(crate) effects: Vec<(DeviceId, Effect)>,
    /// The least schema version the group must have, in the change's causal past, for what
    /// it touches (the highest [`Collection::SINCE`] among them).
    pub(crate) needs_version: i64,
    /// Whether the change touches a collection this build does not know (one a schema
    /// upgrade to a version newer than this build's brought): it cannot be judged here.
    pub(crate) foreign: bool,
    /// What the change needs its causal past to hold (checked against the document there).
    pub(crate) past: Vec<Needs>,
    /// The objects it hides (`true`) or shows again (`false`): what its moderation log
    /// entries may record.
    pub(crate) hides: Vec<(ObjRef, bool)>,
}

/// An object of the document, by the operation that made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ObjRef {
    /// The operation's counter.
    pub(crate) counter: u64,
    /// Its actor.
    pub(crate) actor: ActorId,
}

impl ObjRef {
    /// The object's id in a document.
    pub(crate) fn id(&self) -> ExId {
        ExId::Id(self.counter, self.actor.clone(), usize::MAX)
    }
}

/// What a change needs its causal past to hold, beyond what its own operations show: the
/// state of an object where the change was made (who organises an event, whether a poll was
/// closed, how many places a shift has left). The group checks it against the document at
/// the change's dependencies (`group::past`), so the verdict depends on the change and its
/// past only, never on what arrived since: every peer reaches the same one. An object made
/// in the same change is not in its past: a change that needs one is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Needs {
    /// The author is listed (`<author hex>: true`) in the map at key `list` of `obj` (in
    /// `obj` itself when `list` is `None`), or, with `or_admin`, is an admin there.
    Listed {
        /// The object holding the list, or the list.
        obj: ObjRef,
        /// The list's key in `obj`.
        list: Option<&'static str>,
        /// Whether an admin may act without being listed.
        or_admin: bool,
    },
    /// A vote in the poll whose votes map is `votes`: the poll is not closed, has every option
    /// voted for, and takes several only when it is a multiple-choice poll.
    Vote {
        /// The poll's votes map.
        votes: ObjRef,
        /// The options voted for (none: the vote is withdrawn).
        options: Vec<String>,
    },
    /// A new option in the poll whose options map is `options`: the poll is not closed, takes
    /// options from members (unless the author is `creator`) and has room for one more.
    NewOption {
        /// The poll's options map.
        options: ObjRef,
        /// The poll's creator.
        creator: DeviceId,
    },
    /// New files: the largest within the group's limit per file, and the group's files in the
    /// past plus `total` within its limit on all files.
    Files {
        /// The largest new file, in bytes.
        largest: u64,
        /// All the new files, in bytes.
        total: u64,
    },
    /// A sign-up to the shift whose sign-ups map is `signups`: it has a place left.
    Place {
        /// The shift's sign-ups map.
        signups: ObjRef,
    },
}

impl Cx {
    /// The context of a change by `author`.
    pub(crate) fn new(author: DeviceId, genesis: bool) -> Self {
        Self {
            author,
            author_hex: author.to_hex(),
            genesis,
            min_role: Role::Member,
            sets: Vec::new(),
            effects: Vec::new(),
            needs_version: 1,
            foreign: false,
            past: Vec::new(),
            hides: Vec::new(),
        }
    }

    /// Notes that the change needs at least `role`.
    pub(crate) fn needs(&mut self, role: Role) {
        self.min_role = self.min_role.max(role);
    }

    /// Whether `hex` is the author's id.
    pub(crate) fn is_author(&self, hex: &str) -> bool {
        hex == self.author_hex
    }

    /// Checks that `v` names the change's author.
    pub(crate) fn names_author(&self, v: &ScalarValue, field: &str) -> Result<(), Rejection> {
        if self.is_author(text(v, 64, field)?) {
            Ok(())
        } else {
            Err(forbidden(format!("{field} must name the change's author")))
        }
    }
}

/// What a group is created with: its description (`meta`) and its owner (`members`). Checked
/// by [`NewGroup::validate`], beside the limits of the description.
#[derive(Clone, Debug)]
pub struct NewGroup {
    /// The group's name.
    pub name: String,
    /// What the group is for.
    pub mission: String,
    /// Causes (categories) the group works on.
    pub causes: Vec<String>,
    /// Where the group is active.
    pub region: String,
    /// Languages the group uses.
    pub languages: Vec<String>,
    /// Who may join.
    pub visibility: Visibility,
}

/// Who may join a group and how (stored in the group's description, `meta`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Visibility {
    /// Anyone with the group's address may join.
    Open,
    /// Anyone may ask; an admin approves.
    Request,
    /// Only people holding an invite may join.
    Invite,
}

impl Visibility {
    /// The word stored in the document.
    pub const fn as_str(self) -> &'static str {
        match self {
            Visibility::Open => "open",
            Visibility::Request => "request",
            Visibility::Invite => "invite",
        }
    }

    /// Parses the stored word.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "open" => Visibility::Open,
            "request" => Visibility::Request,
            "invite" => Visibility::Invite,
            _ => return None,
        })
    }
}

/// What the group's first change is made from; each collection writes its part.
pub(crate) struct Genesis<'a> {
    /// The owner's device.
    pub(crate) owner: DeviceId,
    /// The owner's display name.
    pub(crate) owner_name: &'a str,
    /// The group's description.
    pub(crate) new: &'a NewGroup,
    /// When.
    pub(crate) now: Timestamp,
}

/// What a local action writes, in the transaction the group opens for it.
pub(crate) trait Writes: FnOnce(&mut Transaction<'_>) -> Result<(), AutomergeError> {}

impl<F: FnOnce(&mut Transaction<'_>) -> Result<(), AutomergeError>> Writes for F {}

/// A local action, checked and ready: what to write, in one transaction, through the group's
/// gate.
pub(crate) struct Edit<F> {
    /// Whether it changes someone's membership (the change is then marked as such).
    pub(crate) membership: bool,
    /// Writes it.
    pub(crate) write: F,
}

impl<F: Writes> Edit<F> {
    /// An action on content.
    pub(crate) fn content(write: F) -> Self {
        Self {
            membership: false,
            write,
        }
    }

    /// An action on someone's membership.
    pub(crate) fn membership(write: F) -> Self {
        Self {
            membership: true,
            write,
        }
    }
}

/// The root map of the collection `C` in the document; `None` before the group's history has
/// arrived.
pub(crate) fn root_of<C: Collection>(r: &Reader<'_>) -> Option<ExId> {
    root_at(r, C::KEY)
}

/// The root map at `key` on the document's root.
pub(crate) fn root_at(r: &Reader<'_>, key: &str) -> Option<ExId> {
    match r.doc().get(&ROOT, key) {
        Ok(Some((automerge::Value::Object(_), id))) => Some(id),
        _ => None,
    }
}

/// Every root map of the collection `C`, in object id order: one, or more where admins made
/// the schema upgrade that brings it at once (Automerge keeps both maps as a conflict on the
/// root). A collection that an upgrade brings reads all of them (`pinned`, `profiles`).
pub(crate) fn roots_of<C: Collection>(r: &Reader<'_>) -> Vec<ExId> {
    let mut out: Vec<ExId> = r
        .doc()
        .get_all(&ROOT, C::KEY)
        .unwrap_or_default()
        .into_iter()
        .filter(|(v, id)| {
            matches!(v, automerge::Value::Object(automerge::ObjType::Map)) && !r.masked(id)
        })
        .map(|(_, id)| id)
        .collect();
    out.sort();
    out
}

/// [`root_of`] for a local action, which cannot write before the group has arrived.
pub(crate) fn root_for_action<C: Collection>(r: &Reader<'_>) -> Result<ExId, CoreError> {
    root_of::<C>(r).ok_or_else(not_arrived)
}

/// Why a local action cannot be taken yet: the group's history has not arrived.
pub(crate) fn not_arrived() -> CoreError {
    CoreError::NotPermitted(Problem::NotArrived)
}

/// Refuses a change for what it does.
pub(crate) fn forbidden(msg: impl Into<String>) -> Rejection {
    Rejection::Forbidden(msg.into())
}

/// Text of at most `max_chars` characters.
pub(crate) fn text<'a>(
    v: &'a ScalarValue,
    max_chars: usize,
    field: &str,
) -> Result<&'a str, Rejection> {
    match v {
        ScalarValue::Str(s) if s.chars().count() <= max_chars => Ok(s.as_str()),
        ScalarValue::Str(_) => Err(forbidden(format!("{field} is too long"))),
        _ => Err(forbidden(format!("{field} must be text"))),
    }
}

/// A number (or a timestamp).
pub(crate) fn int(v: &ScalarValue, field: &str) -> Result<(), Rejection> {
    match v {
        ScalarValue::Int(_) | ScalarValue::Timestamp(_) => Ok(()),
        _ => Err(forbidden(format!("{field} must be a number"))),
    }
}

/// A whole number from `min` to `max`.
pub(crate) fn int_in(v: &ScalarValue, min: i64, max: i64, field: &str) -> Result<i64, Rejection> {
    match v {
        ScalarValue::Int(n) if (min..=max).contains(n) => Ok(*n),
        ScalarValue::Int(_) => Err(forbidden(format!("{field} is out of range"))),
        _ => Err(forbidden(format!("{field} must be a whole number"))),
    }
}

/// `true` or `false`.
pub(crate) fn boolean(v: &ScalarValue, field: &str) -> Result<(), Rejection> {
    match v {
        ScalarValue::Boolean(_) => Ok(()),
        _ => Err(forbidden(format!("{field} must be true or false"))),
    }
}

/// The id of a post or a comment.
pub(crate) fn item_ref(v: &ScalarValue, field: &str) -> Result<(), Rejection> {
    ItemId::parse(text(v, 16, field)?)
        .map(|_| ())
        .ok_or_else(|| forbidden(format!("{field} must be a post or comment id")))
}

/// Refuses what a person typed when it is longer than `max` characters.
pub(crate) fn check_len(s: &str, max: usize, field: Field) -> Result<(), CoreError> {
    if s.chars().count() > max {
        return Err(CoreError::InvalidInput(Problem::TooLong { field, max }));
    }
    Ok(())
}
