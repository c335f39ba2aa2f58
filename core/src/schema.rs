//! The group document's schema: which collections it has (the registry below), and the one
//! pass over a change's operations that finds out, without applying it, what the change
//! touches and what its author needs to be allowed to make it.
//!
//! [`classify`] reads the change's operations (`Change::decode`) and resolves every object it
//! touches through the object index (object ids embed the actor, and so the device, that
//! created them). The collection the object belongs to judges the operation
//! (`crate::collections`). The result says which role the change needs and which membership
//! effects it has.
//!
//! ```text
//! ROOT
//! ├─ v: 1                                  schema version
//! ├─ meta: { name, mission, region, visibility, created_at, causes: {tag: true}, languages: {tag: true} }
//! ├─ members: { <device hex>: { role, name, added_by, added_at, removed_by?, removed_at?, removed_reason? } }
//! ├─ posts: { <item hex>: { author, created, title, body, lang, edited_at?, deleted?, hidden?, hidden_by?, hidden_reason?, hidden_at? } }
//! ├─ comments: { <item hex>: { author, created, post, reply_to?, body, edited_at?, deleted?, hidden?, ... } }
//! ├─ reactions: { "<item hex>/<device hex>": "<emoji>" }
//! ├─ pinned: { <item hex>: { by, at } }                     (version 2)
//! ├─ profiles: { <device hex>: { bio } }                    (version 3)
//! ├─ documents: { <document hex>: { creator, created, title, editors, listed, archived?,
//!                 hidden?, ..., cutoffs } }                   (version 4)
//! ├─ events: { <item hex>: { author, created, title, body, start, end, zone, all_day, place,
//!              online, capacity, cancelled?, moved_from?, organisers, answers } } (version 5)
//! ├─ polls: { <item hex>: { author, created, question, multiple, open, closed?, options, votes } }
//! ├─ tasks: { <item hex>: { author, created, title, notes, due, status, assignees } }
//! ├─ shifts: { <item hex>: { author, created, title, notes, start, end, zone, places, signups } }
//! ├─ attachments: { max_file?, max_total?, <item hex>: { author, created, on, item?, hash, size,
//!                   media, name, width?, height?, thumb?, thumb_size?, removed?, hidden?, ... } }
//!                                                                                 (version 6)
//! ├─ languages: { <device hex>: "<tag> <tag>" }
//! ├─ modlog: { <item hex>: { by, at, action, reason, kind?, obj?, member?, role?, invite?,
//!              report?, note? } }
//! └─ reports: { <item hex>: { at, body, keys: { <device hex>: "<wrapped key>" } } } (version 7)
//! ```

use std::collections::HashMap;

use automerge::legacy::{Key, ObjectId, OpId, OpType};
use automerge::transaction::{Transactable, Transaction};
use automerge::{ActorId, AutomergeError, ExpandedChange, ObjType, ROOT, ScalarValue};

use crate::collections::{
    Collection, Cx, Effect, Genesis, Needs, Op, attachments, comments, documents, events,
    forbidden, languages, members, meta, modlog, pinned, polls, posts, profiles, reactions,
    reports, shifts, tasks,
};
use crate::error::Rejection;
use crate::identity::DeviceId;
use crate::role::Role;

pub use crate::collections::Visibility;

/// The newest schema version this build knows (and can upgrade a group to). A group's
/// version is stored at `ROOT.v`; groups are created at [`GENESIS_VERSION`] and raised one
/// step at a time by schema upgrade changes.
pub const SCHEMA_VERSION: i64 = 7;

/// The version every group is created with (its first change writes `ROOT.v: 1`, as it always
/// did, so the first change of a group is the same whatever build made it).
pub const GENESIS_VERSION: i64 = 1;

/// The schema version that brings pinned posts.
pub const PINNED_SINCE: i64 = <pinned::Pinned as Collection>::SINCE;

/// The schema version that brings members' profiles (their bios).
pub const PROFILES_SINCE: i64 = <profiles::Profiles as Collection>::SINCE;

/// The schema version that brings shared documents.
pub const DOCUMENTS_SINCE: i64 = <documents::Documents as Collection>::SINCE;

/// The schema version that brings events, polls, tasks and shifts.
pub const EVENTS_SINCE: i64 = <events::Events as Collection>::SINCE;

/// The schema version that brings attachments (pictures, files, avatars) and members'
/// languages.
pub const ATTACHMENTS_SINCE: i64 = <attachments::Attachments as Collection>::SINCE;

/// The schema version that brings the moderation log.
pub const MODLOG_SINCE: i64 = <modlog::ModLog as Collection>::SINCE;

/// The image code of an object of a collection this build does not know.
const FOREIGN_CODE: u8 = 11;

/// The change message that marks a change with membership effects, so the membership ledger can be
/// rebuilt from change metadata without decoding every change. Every change with membership
/// effects must carry it; no other message is allowed.
pub(crate) const AUTHORITY_TAG: &str = "causeway:authority";

/// Where the schema version is, on the document's root.
const VERSION_KEY: &str = "v";
/// Longest map key, in bytes.
const MAX_KEY_BYTES: usize = 128;
/// Most operations in one change.
const MAX_OPS_PER_CHANGE: usize = 10_000;

/// Builds, from the list of collections, everything that is one entry per collection: the
/// [`Loc`] of an object (which collection, and what there), the rules' notes for one change,
/// and the calls into each collection. A call reaches its collection through a `match` on the
/// object (or a chain of `if`s on a root key or an image code): no table of function pointers,
/// no boxing, so judging an operation costs what a hand-written `match` would.
macro_rules! registry {
    ($($module:ident :: $collection:ident),+ $(,)?) => {
        /// What an object in the document is, derived from where it was created: the
        /// collection it belongs to, and what it is there.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub(crate) enum Loc {
            $(
                #[doc = concat!("An object of `", stringify!($module), "`.")]
                $collection(<$module::$collection as Collection>::Loc),
            )+
            /// An object of a collection this build does not know: one that a schema upgrade
            /// to a newer version than [`SCHEMA_VERSION`] (or than the group's known version)
            /// brought, or an object made inside one. Changes to it cannot be judged here;
            /// they are held (ARCHITECTURE.md, "Growth").
            Foreign,
        }

        /// What each collection's rules note while one change is read.
        #[derive(Default)]
        struct Notes {
            $($module: <$module::$collection as Collection>::Notes,)+
        }

        /// Every collection's root key and the schema version that brings it, in the order
        /// the group's creation (or an upgrade) builds them.
        const KEYS: &[(&str, i64)] = &[$((
            <$module::$collection as Collection>::KEY,
            <$module::$collection as Collection>::SINCE,
        ),)+];

        impl Loc {
            /// The root map of the collection at `key`, if schema version `version` brings it.
            fn root(key: &str, version: i64) -> Option<Loc> {
                $(
                    if key == <$module::$collection as Collection>::KEY
                        && version == <$module::$collection as Collection>::SINCE
                    {
                        return Some(Loc::$collection(<$module::$collection as Collection>::ROOT));
                    }
                )+
                None
            }

            /// Asks the collection this object belongs to about `op`.
            fn check(&self, op: &Op<'_>, cx: &mut Cx, notes: &mut Notes) -> Result<Option<Loc>, Rejection> {
                match self {
                    $(
                        Loc::$collection(at) => {
                            cx.needs_version = cx
                                .needs_version
                                .max(<$module::$collection as Collection>::SINCE);
                            let made = <$module::$collection as Collection>::check(at, op, cx, &mut notes.$module)?;
                            Ok(made.map(Loc::$collection))
                        }
                    )+
                    Loc::Foreign => {
                        // Nothing here can be judged: the change is held, and what it makes
                        // inside the unknown collection is unknown too.
                        cx.foreign = true;
                        Ok(matches!(op.action, OpType::Make(_)).then_some(Loc::Foreign))
                    }
                }
            }

            /// How the ledger's saved image writes this object.
            pub(crate) fn code(&self) -> (u8, Option<DeviceId>) {
                match self {
                    $(Loc::$collection(at) => <$module::$collection as Collection>::code(at),)+
                    Loc::Foreign => (FOREIGN_CODE, None),
                }
            }

            /// The object the ledger's saved image wrote as `code` and `device`.
            pub(crate) fn from_code(code: u8, device: Option<DeviceId>) -> Result<Loc, &'static str> {
                if code == FOREIGN_CODE {
                    return Ok(Loc::Foreign);
                }
                $(
                    if <$module::$collection as Collection>::CODES.contains(&code) {
                        return <$module::$collection as Collection>::from_code(code, device)
                            .map(Loc::$collection)
                            .ok_or("a device index is out of range");
                    }
                )+
                Err("unknown object kind")
            }
        }

        impl Notes {
            /// Each collection's checks once the whole change was read, in registry order.
            fn finish(self, cx: &mut Cx) -> Result<(), Rejection> {
                $(<$module::$collection as Collection>::finish(self.$module, cx)?;)+
                Ok(())
            }
        }

        /// Writes every collection's root map, each followed by what the collection puts in
        /// it.
        fn build_collections(tx: &mut Transaction<'_>, g: &Genesis<'_>) -> Result<(), AutomergeError> {
            $(
                if <$module::$collection as Collection>::SINCE == GENESIS_VERSION {
                    let root = tx.put_object(ROOT, <$module::$collection as Collection>::KEY, ObjType::Map)?;
                    <$module::$collection as Collection>::genesis(tx, &root, g)?;
                }
            )+
            Ok(())
        }

        /// Every collection's image codes, for the test that no two share one.
        #[cfg(test)]
        const CODES: &[&[u8]] = &[$(<$module::$collection as Collection>::CODES,)+ &[FOREIGN_CODE]];
    };
}

// The collections, in the order the group's creation (version 1) or an upgrade builds them;
// each says which version brings it (`Collection::SINCE`). A new collection is one module
// under `collections/` and one line here (and, from version 2 on, a new `SCHEMA_VERSION`).
registry! {
    meta::Meta,
    members::Members,
    posts::Posts,
    comments::Comments,
    reactions::Reactions,
    pinned::Pinned,
    profiles::Profiles,
    documents::Documents,
    events::Events,
    polls::Polls,
    tasks::Tasks,
    shifts::Shifts,
    attachments::Attachments,
    languages::Languages,
    modlog::ModLog,
    reports::Reports,
}

/// What [`classify`] found out about a change.
#[derive(Clone, Debug)]
pub(crate) struct Classified {
    /// The least role the author needs for the plain operations (at least `Member`).
    pub(crate) min_role: Role,
    /// Role changes the author makes to others: (target, new role or removal).
    pub(crate) sets: Vec<(DeviceId, Option<Role>)>,
    /// Membership effects, one per target.
    pub(crate) effects: Vec<(DeviceId, Effect)>,
    /// Objects this change creates, by op counter, with what they are.
    pub(crate) creates: Vec<(u64, Loc)>,
    /// For a schema upgrade: the version it raises the group to.
    pub(crate) upgrade: Option<i64>,
    /// The least schema version the change's causal past must hold (1: any group).
    pub(crate) needs_version: i64,
    /// The change touches what this build cannot judge (a collection of a newer version):
    /// it is held, not judged (ARCHITECTURE.md, "Growth").
    pub(crate) held: bool,
    /// What it needs its causal past to hold (checked by the group against the document).
    pub(crate) past: Vec<Needs>,
}

impl Classified {
    /// A change registered without effects and masked in every view, as a held one is.
    pub(crate) fn masked() -> Classified {
        Classified {
            min_role: Role::Member,
            sets: Vec::new(),
            effects: Vec::new(),
            creates: Vec::new(),
            upgrade: None,
            needs_version: 1,
            held: true,
            past: Vec::new(),
        }
    }
}

/// Writes the whole top level of a new group: the schema version, then every collection of
/// version 1.
pub(crate) fn build_genesis(
    tx: &mut Transaction<'_>,
    g: &Genesis<'_>,
) -> Result<(), AutomergeError> {
    tx.put(ROOT, VERSION_KEY, GENESIS_VERSION)?;
    build_collections(tx, g)
}

/// Writes a schema upgrade to `version`: the new version, and the root map of every
/// collection that version brings. Nothing else belongs in the same change.
pub(crate) fn build_upgrade(tx: &mut Transaction<'_>, version: i64) -> Result<(), AutomergeError> {
    tx.put(ROOT, VERSION_KEY, version)?;
    for (key, since) in KEYS {
        if *since == version {
            tx.put_object(ROOT, *key, ObjType::Map)?;
        }
    }
    Ok(())
}

/// Reads a change's operations and decides what it needs, without applying it.
///
/// `resolve` maps an existing object (creating actor, op counter) to what it is. `genesis` is true
/// only for the group's first change, which alone may build the top level. `known` is the
/// newest schema version the judging device knows ([`SCHEMA_VERSION`], lower in tests that
/// play an older Causeway): collections of later versions are [`Loc::Foreign`] to it.
pub(crate) fn classify(
    change: &ExpandedChange,
    author: DeviceId,
    genesis: bool,
    known: i64,
    resolve: impl Fn(&ActorId, u64) -> Option<Loc>,
) -> Result<Classified, Rejection> {
    if change.operations.len() > MAX_OPS_PER_CHANGE {
        return Err(forbidden("too many operations in one change"));
    }
    let start = change.start_op.get();
    let mut cx = Cx::new(author, genesis);
    let mut notes = Notes::default();
    let has_tag = change.message.as_deref() == Some(AUTHORITY_TAG);
    // Objects created earlier in this change, by op counter.
    let mut local: HashMap<u64, Loc> = HashMap::new();
    // Top-level keys written (only the group's creation writes any).
    let mut root_keys: Vec<&str> = Vec::new();
    // Top-level operations of a later change: a schema upgrade, judged once all are read.
    let mut upgrade_ops: Vec<(u64, &str, &OpType)> = Vec::new();
    let mut other_ops = false;

    for (i, op) in change.operations.iter().enumerate() {
        let counter = start + i as u64;
        if op.insert {
            return Err(forbidden("list edits are not part of this schema"));
        }
        let Key::Map(k) = &op.key else {
            return Err(forbidden("list edits are not part of this schema"));
        };
        let k = k.as_str();
        if k.len() > MAX_KEY_BYTES {
            return Err(forbidden("key too long"));
        }
        let made = match &op.obj {
            ObjectId::Root if genesis => top_level(k, &op.action, &mut root_keys)?,
            ObjectId::Root => {
                // Only an upgrade, marked as a change of authority, writes the top level
                // after the group's creation; anything else is refused as it always was.
                if !has_tag {
                    return Err(forbidden(
                        "only the group's creation may change the top level",
                    ));
                }
                if upgrade_ops.iter().any(|(_, seen, _)| *seen == k) {
                    return Err(forbidden("top-level key written twice"));
                }
                upgrade_ops.push((counter, k, &op.action));
                None
            }
            ObjectId::Id(OpId(ctr, actor)) => {
                other_ops = true;
                let here = if actor == &change.actor_id {
                    local.get(ctr)
                } else {
                    None
                };
                let in_new_object = here.is_some();
                let Some(loc) = here.cloned().or_else(|| resolve(actor, *ctr)) else {
                    return Err(forbidden("refers to an object this group does not have"));
                };
                let op = Op {
                    key: k,
                    action: &op.action,
                    replaces: !op.pred.is_empty(),
                    in_new_object,
                    obj: *ctr,
                    obj_actor: actor,
                    id: counter,
                };
                loc.check(&op, &mut cx, &mut notes)?
            }
        };
        if let Some(loc) = made {
            local.insert(counter, loc);
        }
    }

    if genesis
        && std::iter::once(&VERSION_KEY)
            .chain(
                KEYS.iter()
                    .filter(|(_, since)| *since == GENESIS_VERSION)
                    .map(|(k, _)| k),
            )
            .any(|required| !root_keys.contains(required))
    {
        return Err(forbidden(
            "the group's creation must build the whole top level",
        ));
    }
    let upgrade = if upgrade_ops.is_empty() {
        None
    } else {
        if other_ops {
            return Err(forbidden("a schema upgrade changes nothing else"));
        }
        let (version, roots) = judge_upgrade(&upgrade_ops, known)?;
        cx.needs(Role::Admin);
        cx.foreign |= version > known;
        local.extend(roots);
        Some(version)
    };
    notes.finish(&mut cx)?;
    match (&change.message, cx.effects.is_empty()) {
        (None, true) => {}
        (Some(_), false) if has_tag => {}
        (Some(_), true) if has_tag => {}
        (None, false) => return Err(forbidden("a membership change must be marked as one")),
        (Some(_), _) => return Err(forbidden("unexpected change message")),
    }
    Ok(Classified {
        min_role: cx.min_role,
        sets: cx.sets,
        effects: cx.effects,
        creates: local.into_iter().collect(),
        upgrade,
        needs_version: cx.needs_version,
        held: cx.foreign,
        past: cx.past,
    })
}

/// An operation on the document's root in the group's creation: each key once, and only the
/// schema version and the root maps of the collections of version 1.
fn top_level<'k>(
    k: &'k str,
    action: &OpType,
    written: &mut Vec<&'k str>,
) -> Result<Option<Loc>, Rejection> {
    if written.contains(&k) {
        return Err(forbidden("top-level key written twice"));
    }
    written.push(k);
    let root = match action {
        OpType::Put(ScalarValue::Int(GENESIS_VERSION)) if k == VERSION_KEY => return Ok(None),
        OpType::Make(ObjType::Map) => Loc::root(k, GENESIS_VERSION),
        _ => None,
    };
    match root {
        Some(root) => Ok(Some(root)),
        None => Err(forbidden(format!("unknown top-level key {k:?}"))),
    }
}

/// The top-level operations of a schema upgrade: exactly the new version (at least 2) and the
/// root map of every collection it brings, nothing else. Returns the version and the roots it
/// makes. An upgrade to a version newer than `known` cannot be checked key by key here: its
/// root maps are [`Loc::Foreign`], and the change is held. Whether the version is one step
/// above the one in the change's past, and the author's role, are the ledger's checks.
fn judge_upgrade(
    ops: &[(u64, &str, &OpType)],
    known: i64,
) -> Result<(i64, Vec<(u64, Loc)>), Rejection> {
    let version = ops
        .iter()
        .find_map(|(_, k, action)| match (k, action) {
            (&VERSION_KEY, OpType::Put(ScalarValue::Int(v))) => Some(*v),
            _ => None,
        })
        .ok_or_else(|| forbidden("a schema upgrade must set the new version"))?;
    if version <= GENESIS_VERSION {
        return Err(forbidden("a schema upgrade must raise the version"));
    }
    let mut roots = Vec::new();
    for (counter, k, action) in ops {
        if *k == VERSION_KEY {
            continue;
        }
        let root = match action {
            OpType::Make(ObjType::Map) if version > known => {
                if KEYS.iter().any(|(key, since)| key == k && *since <= known) {
                    None
                } else {
                    Some(Loc::Foreign)
                }
            }
            OpType::Make(ObjType::Map) => Loc::root(k, version),
            _ => None,
        };
        let Some(root) = root else {
            return Err(forbidden(format!(
                "a schema upgrade to version {version} cannot write the top-level key {k:?}"
            )));
        };
        roots.push((*counter, root));
    }
    if version <= known {
        let brings = KEYS.iter().filter(|(_, since)| *since == version).count();
        if roots.len() != brings {
            return Err(forbidden(format!(
                "a schema upgrade to version {version} must create exactly the collections it brings"
            )));
        }
    }
    Ok((version, roots))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_collections_share_a_root_key_or_an_image_code() {
        let mut keys: Vec<&str> = KEYS.iter().map(|(k, _)| *k).collect();
        keys.push(VERSION_KEY);
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a root key is taken twice");
        let mut codes: Vec<u8> = CODES.iter().flat_map(|c| c.iter().copied()).collect();
        codes.sort_unstable();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n, "an image code is taken twice");
    }

    #[test]
    fn every_object_reads_back_from_its_image_code() {
        let device = DeviceId::from_bytes([7; 32]);
        let all = [
            Loc::Meta(meta::Loc::Root),
            Loc::Meta(meta::Loc::Set),
            Loc::Members(members::Loc::Root),
            Loc::Members(members::Loc::Member(device)),
            Loc::Posts(posts::Loc::Root),
            Loc::Posts(posts::Loc::Post { author: device }),
            Loc::Comments(comments::Loc::Root),
            Loc::Comments(comments::Loc::Comment { author: device }),
            Loc::Reactions(()),
            Loc::Pinned(pinned::Loc::Root),
            Loc::Pinned(pinned::Loc::Pin { by: device }),
            Loc::Foreign,
            Loc::Profiles(profiles::Loc::Root),
            Loc::Profiles(profiles::Loc::Profile { of: device }),
            Loc::Documents(documents::Loc::Root),
            Loc::Documents(documents::Loc::Entry { creator: device }),
            Loc::Documents(documents::Loc::Listed { creator: device }),
            Loc::Documents(documents::Loc::Cutoffs { creator: device }),
            Loc::Events(events::Loc::Root),
            Loc::Events(events::Loc::Event { creator: device }),
            Loc::Events(events::Loc::Organisers { creator: device }),
            Loc::Events(events::Loc::Answers { creator: device }),
            Loc::Polls(polls::Loc::Root),
            Loc::Polls(polls::Loc::Poll { creator: device }),
            Loc::Polls(polls::Loc::Options { creator: device }),
            Loc::Polls(polls::Loc::Votes { creator: device }),
            Loc::Tasks(tasks::Loc::Root),
            Loc::Tasks(tasks::Loc::Task { creator: device }),
            Loc::Tasks(tasks::Loc::Assignees { creator: device }),
            Loc::Shifts(shifts::Loc::Root),
            Loc::Shifts(shifts::Loc::Shift { creator: device }),
            Loc::Shifts(shifts::Loc::Signups { creator: device }),
            Loc::Attachments(attachments::Loc::Root),
            Loc::Attachments(attachments::Loc::Entry { author: device }),
            Loc::Languages(()),
            Loc::ModLog(modlog::Loc::Root),
            Loc::ModLog(modlog::Loc::Entry),
            Loc::Reports(reports::Loc::Root),
            Loc::Reports(reports::Loc::Report),
            Loc::Reports(reports::Loc::Keys),
        ];
        for (expected_code, loc) in all.into_iter().enumerate() {
            let (code, dev) = loc.code();
            // The codes images were first written with (version 1): they never change.
            assert_eq!(code as usize, expected_code, "{loc:?}");
            assert_eq!(Loc::from_code(code, dev), Ok(loc));
        }
        assert!(Loc::from_code(40, None).is_err());
        assert!(Loc::from_code(33, None).is_err());
        assert!(Loc::from_code(19, None).is_err());
        assert!(Loc::from_code(15, None).is_err());
        assert!(Loc::from_code(13, None).is_err());
        assert!(Loc::from_code(3, None).is_err());
    }
}
