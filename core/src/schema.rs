//! The group document's schema and the rules that say what each operation of a change may touch.
//!
//! Validation never applies a change to find out what it does: [`classify`] reads the change's
//! operations (`Change::decode`) and resolves every object it touches through the object index
//! (object ids embed the actor, and so the device, that created them). The result says which
//! role the change needs and which membership effects it has.
//!
//! ```text
//! ROOT
//! ├─ v: 1                                  schema version
//! ├─ meta: { name, mission, region, visibility, created_at, causes: {tag: true}, languages: {tag: true} }
//! ├─ members: { <device hex>: { role, name, added_by, added_at, removed_by?, removed_at?, removed_reason? } }
//! ├─ posts: { <item hex>: { author, created, title, body, lang, edited_at?, deleted?, hidden?, hidden_by?, hidden_reason?, hidden_at? } }
//! ├─ comments: { <item hex>: { author, created, post, reply_to?, body, edited_at?, deleted?, hidden?, ... } }
//! └─ reactions: { "<item hex>/<device hex>": "<emoji>" }
//! ```

use std::collections::{HashMap, HashSet};

use automerge::legacy::{Key, ObjectId, OpId, OpType};
use automerge::{ActorId, ExpandedChange, ObjType, ScalarValue};

use crate::error::Rejection;
use crate::identity::DeviceId;
use crate::ids::ItemId;
use crate::role::Role;

/// Version of the schema written by this build, stored at `ROOT.v`.
pub const SCHEMA_VERSION: i64 = 1;

/// The change message that marks a change with membership effects, so the membership ledger can be
/// rebuilt from change metadata without decoding every change. Every change with membership
/// effects must carry it; no other message is allowed.
pub(crate) const AUTHORITY_TAG: &str = "causeway:authority";

/// Keys of the document.
pub(crate) mod key {
    pub const VERSION: &str = "v";
    pub const META: &str = "meta";
    pub const MEMBERS: &str = "members";
    pub const POSTS: &str = "posts";
    pub const COMMENTS: &str = "comments";
    pub const REACTIONS: &str = "reactions";

    pub const NAME: &str = "name";
    pub const MISSION: &str = "mission";
    pub const REGION: &str = "region";
    pub const VISIBILITY: &str = "visibility";
    pub const CREATED_AT: &str = "created_at";
    pub const CAUSES: &str = "causes";
    pub const LANGUAGES: &str = "languages";

    pub const ROLE: &str = "role";
    pub const ADDED_BY: &str = "added_by";
    pub const ADDED_AT: &str = "added_at";
    pub const REMOVED_BY: &str = "removed_by";
    pub const REMOVED_AT: &str = "removed_at";
    pub const REMOVED_REASON: &str = "removed_reason";

    pub const AUTHOR: &str = "author";
    pub const CREATED: &str = "created";
    pub const TITLE: &str = "title";
    pub const BODY: &str = "body";
    pub const LANG: &str = "lang";
    pub const EDITED_AT: &str = "edited_at";
    pub const DELETED: &str = "deleted";
    pub const POST: &str = "post";
    pub const REPLY_TO: &str = "reply_to";
    pub const HIDDEN: &str = "hidden";
    pub const HIDDEN_BY: &str = "hidden_by";
    pub const HIDDEN_REASON: &str = "hidden_reason";
    pub const HIDDEN_AT: &str = "hidden_at";
}

/// Limits on what a change may write, in characters.
pub(crate) mod limit {
    pub const GROUP_NAME: usize = 100;
    pub const MISSION: usize = 5_000;
    pub const REGION: usize = 100;
    pub const TAG: usize = 64;
    pub const DISPLAY_NAME: usize = 100;
    pub const REASON: usize = 500;
    pub const TITLE: usize = 300;
    pub const BODY: usize = 20_000;
    pub const LANG: usize = 35;
    pub const REACTION_BYTES: usize = 32;
    pub const KEY_BYTES: usize = 128;
    pub const OPS_PER_CHANGE: usize = 10_000;
}

/// Who may join a group and how.
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

/// What an object in the document is, derived from where it was created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    Meta,
    MetaSet,
    Members,
    Member(DeviceId),
    Posts,
    Post { author: DeviceId },
    Comments,
    Comment { author: DeviceId },
    Reactions,
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
}

fn forbidden(msg: impl Into<String>) -> Rejection {
    Rejection::Forbidden(msg.into())
}

fn text<'a>(v: &'a ScalarValue, max_chars: usize, field: &str) -> Result<&'a str, Rejection> {
    match v {
        ScalarValue::Str(s) if s.chars().count() <= max_chars => Ok(s.as_str()),
        ScalarValue::Str(_) => Err(forbidden(format!("{field} is too long"))),
        _ => Err(forbidden(format!("{field} must be text"))),
    }
}

fn int(v: &ScalarValue, field: &str) -> Result<(), Rejection> {
    match v {
        ScalarValue::Int(_) | ScalarValue::Timestamp(_) => Ok(()),
        _ => Err(forbidden(format!("{field} must be a number"))),
    }
}

fn boolean(v: &ScalarValue, field: &str) -> Result<(), Rejection> {
    match v {
        ScalarValue::Boolean(_) => Ok(()),
        _ => Err(forbidden(format!("{field} must be true or false"))),
    }
}

fn is_self(v: &ScalarValue, author: &DeviceId, field: &str) -> Result<(), Rejection> {
    if text(v, 64, field)? == author.to_hex() {
        Ok(())
    } else {
        Err(forbidden(format!("{field} must name the change's author")))
    }
}

fn item_ref(v: &ScalarValue, field: &str) -> Result<(), Rejection> {
    ItemId::parse(text(v, 16, field)?)
        .map(|_| ())
        .ok_or_else(|| forbidden(format!("{field} must be a post or comment id")))
}

/// Per-member bookkeeping while reading one change.
#[derive(Default)]
struct MemberOps {
    created: bool,
    role: Option<Role>,
    removed_by: bool,
    removal_details: bool,
    readmitted: bool,
}

/// Reads a change's operations and decides what it needs, without applying it.
///
/// `resolve` maps an existing object (creating actor, op counter) to what it is. `genesis` is true
/// only for the group's first change, which alone may build the top level.
pub(crate) fn classify(
    change: &ExpandedChange,
    author: DeviceId,
    genesis: bool,
    resolve: &dyn Fn(&ActorId, u64) -> Option<Loc>,
) -> Result<Classified, Rejection> {
    if change.operations.len() > limit::OPS_PER_CHANGE {
        return Err(forbidden("too many operations in one change"));
    }
    let start = change.start_op.get();
    let mut local: HashMap<u64, Loc> = HashMap::new();
    let mut members: HashMap<DeviceId, MemberOps> = HashMap::new();
    let mut items_created: HashSet<u64> = HashSet::new();
    let mut items_with_author: HashSet<u64> = HashSet::new();
    let mut min_role = Role::Member;
    let mut root_keys: HashSet<&str> = HashSet::new();

    for (i, op) in change.operations.iter().enumerate() {
        let counter = start + i as u64;
        if op.insert {
            return Err(forbidden("list edits are not part of this schema"));
        }
        let Key::Map(k) = &op.key else {
            return Err(forbidden("list edits are not part of this schema"));
        };
        let k = k.as_str();
        if k.len() > limit::KEY_BYTES {
            return Err(forbidden("key too long"));
        }
        let (loc, obj_counter) = match &op.obj {
            ObjectId::Root => (None, 0),
            ObjectId::Id(OpId(ctr, actor)) => {
                let found = if actor == &change.actor_id {
                    local.get(ctr).cloned()
                } else {
                    None
                };
                match found.or_else(|| resolve(actor, *ctr)) {
                    Some(loc) => (Some(loc), *ctr),
                    None => return Err(forbidden("refers to an object this group does not have")),
                }
            }
        };
        // Whether the object this op writes to was created earlier in this same change.
        let created_here = op_created_here(&op.obj, &change.actor_id, &local);
        match (loc, &op.action) {
            (None, action) => {
                if !genesis {
                    return Err(forbidden(
                        "only the group's creation may change the top level",
                    ));
                }
                if !root_keys.insert(k) {
                    return Err(forbidden("top-level key written twice"));
                }
                let new = match (k, action) {
                    (key::VERSION, OpType::Put(ScalarValue::Int(SCHEMA_VERSION))) => None,
                    (key::META, OpType::Make(ObjType::Map)) => Some(Loc::Meta),
                    (key::MEMBERS, OpType::Make(ObjType::Map)) => Some(Loc::Members),
                    (key::POSTS, OpType::Make(ObjType::Map)) => Some(Loc::Posts),
                    (key::COMMENTS, OpType::Make(ObjType::Map)) => Some(Loc::Comments),
                    (key::REACTIONS, OpType::Make(ObjType::Map)) => Some(Loc::Reactions),
                    _ => return Err(forbidden(format!("unknown top-level key {k:?}"))),
                };
                if let Some(loc) = new {
                    local.insert(counter, loc);
                }
            }
            (Some(Loc::Meta), OpType::Put(v)) => {
                match k {
                    key::NAME => {
                        if text(v, limit::GROUP_NAME, "the group name")?
                            .trim()
                            .is_empty()
                        {
                            return Err(forbidden("the group name is empty"));
                        }
                    }
                    key::MISSION => {
                        text(v, limit::MISSION, "the mission")?;
                    }
                    key::REGION => {
                        text(v, limit::REGION, "the region")?;
                    }
                    key::VISIBILITY => {
                        Visibility::parse(text(v, 16, "visibility")?)
                            .ok_or_else(|| forbidden("unknown visibility"))?;
                    }
                    key::CREATED_AT if genesis => int(v, "created_at")?,
                    _ => return Err(forbidden(format!("group detail {k:?} cannot be set"))),
                }
                min_role = min_role.max(Role::Admin);
            }
            (Some(Loc::Meta), OpType::Make(ObjType::Map))
                if genesis && (k == key::CAUSES || k == key::LANGUAGES) =>
            {
                local.insert(counter, Loc::MetaSet);
            }
            (Some(Loc::MetaSet), OpType::Put(ScalarValue::Boolean(true)) | OpType::Delete) => {
                if k.is_empty() || k.chars().count() > limit::TAG {
                    return Err(forbidden(
                        "a cause or language tag must be 1 to 64 characters",
                    ));
                }
                min_role = min_role.max(Role::Admin);
            }
            (Some(Loc::Members), OpType::Make(ObjType::Map)) => {
                let target = DeviceId::from_hex(k)
                    .map_err(|_| forbidden("member key is not a device id"))?;
                if !op.pred.is_empty() {
                    return Err(forbidden("a member entry cannot be replaced"));
                }
                local.insert(counter, Loc::Member(target));
                members.entry(target).or_default().created = true;
            }
            (Some(Loc::Member(target)), OpType::Put(v)) => {
                let is_new = created_here;
                let m = members.entry(target).or_default();
                match k {
                    key::ROLE => {
                        let role = Role::parse(text(v, 16, "role")?)
                            .ok_or_else(|| forbidden("unknown role"))?;
                        let founding_owner = genesis && target == author && role == Role::Owner;
                        if target == author && !founding_owner {
                            return Err(forbidden("nobody changes their own role"));
                        }
                        m.role = Some(role);
                    }
                    key::NAME => {
                        if text(v, limit::DISPLAY_NAME, "the display name")?
                            .trim()
                            .is_empty()
                        {
                            return Err(forbidden("the display name is empty"));
                        }
                        if target != author && !is_new {
                            return Err(forbidden("only members set their own display name"));
                        }
                    }
                    key::ADDED_BY if is_new => is_self(v, &author, "added_by")?,
                    key::ADDED_AT if is_new => int(v, "added_at")?,
                    key::REMOVED_BY => {
                        is_self(v, &author, "removed_by")?;
                        m.removed_by = true;
                    }
                    key::REMOVED_AT => {
                        int(v, "removed_at")?;
                        m.removal_details = true;
                    }
                    key::REMOVED_REASON => {
                        text(v, limit::REASON, "the reason")?;
                        m.removal_details = true;
                    }
                    _ => return Err(forbidden(format!("member field {k:?} cannot be set"))),
                }
            }
            (Some(Loc::Member(target)), OpType::Delete)
                if matches!(k, key::REMOVED_BY | key::REMOVED_AT | key::REMOVED_REASON) =>
            {
                if target == author {
                    return Err(forbidden("nobody re-admits themselves"));
                }
                members.entry(target).or_default().readmitted = true;
            }
            (Some(parent @ (Loc::Posts | Loc::Comments)), OpType::Make(ObjType::Map)) => {
                if ItemId::parse(k).is_none() {
                    return Err(forbidden("post and comment keys are 16 hex characters"));
                }
                if !op.pred.is_empty() {
                    return Err(forbidden("a post or comment cannot be replaced"));
                }
                let is_post = parent == Loc::Posts;
                let loc = if is_post {
                    Loc::Post { author }
                } else {
                    Loc::Comment { author }
                };
                local.insert(counter, loc);
                items_created.insert(counter);
            }
            (Some(loc @ (Loc::Post { .. } | Loc::Comment { .. })), action) => {
                let (owner, is_post) = match loc {
                    Loc::Post { author } => (author, true),
                    Loc::Comment { author } => (author, false),
                    _ => return Err(forbidden("unexpected object")),
                };
                let is_new = created_here;
                let own = owner == author;
                match (k, action) {
                    (key::AUTHOR, OpType::Put(v)) if is_new => {
                        is_self(v, &author, "author")?;
                        items_with_author.insert(obj_counter);
                    }
                    (key::CREATED, OpType::Put(v)) if is_new => int(v, "created")?,
                    (key::POST, OpType::Put(v)) if is_new && !is_post => item_ref(v, "post")?,
                    (key::REPLY_TO, OpType::Put(v)) if is_new && !is_post => {
                        item_ref(v, "reply_to")?
                    }
                    (key::TITLE, OpType::Put(v)) if own && is_post => {
                        text(v, limit::TITLE, "the title")?;
                    }
                    (key::BODY, OpType::Put(v)) if own => {
                        text(v, limit::BODY, "the text")?;
                    }
                    (key::LANG, OpType::Put(v)) if own => {
                        text(v, limit::LANG, "language")?;
                    }
                    (key::EDITED_AT, OpType::Put(v)) if own => int(v, "edited_at")?,
                    (key::DELETED, OpType::Put(v)) if own => boolean(v, "deleted")?,
                    (key::HIDDEN, OpType::Put(v)) => {
                        boolean(v, "hidden")?;
                        min_role = min_role.max(Role::Moderator);
                    }
                    (key::HIDDEN_BY, OpType::Put(v)) => {
                        is_self(v, &author, "hidden_by")?;
                        min_role = min_role.max(Role::Moderator);
                    }
                    (key::HIDDEN_REASON, OpType::Put(v)) => {
                        text(v, limit::REASON, "the reason")?;
                        min_role = min_role.max(Role::Moderator);
                    }
                    (key::HIDDEN_AT, OpType::Put(v)) => {
                        int(v, "hidden_at")?;
                        min_role = min_role.max(Role::Moderator);
                    }
                    (
                        key::HIDDEN | key::HIDDEN_BY | key::HIDDEN_REASON | key::HIDDEN_AT,
                        OpType::Delete,
                    ) => {
                        min_role = min_role.max(Role::Moderator);
                    }
                    (key::TITLE | key::BODY | key::LANG | key::EDITED_AT | key::DELETED, _)
                        if !own =>
                    {
                        return Err(forbidden("only the author edits a post or comment"));
                    }
                    _ => {
                        return Err(forbidden(format!(
                            "post field {k:?} cannot be changed this way"
                        )));
                    }
                }
            }
            (Some(Loc::Reactions), OpType::Put(_) | OpType::Delete) => {
                let Some((item, who)) = k.split_once('/') else {
                    return Err(forbidden("reaction key is <item>/<device>"));
                };
                if ItemId::parse(item).is_none() || who != author.to_hex() {
                    return Err(forbidden("members react only in their own name"));
                }
                if let OpType::Put(v) = &op.action {
                    match v {
                        ScalarValue::Str(s)
                            if !s.is_empty() && s.len() <= limit::REACTION_BYTES => {}
                        _ => return Err(forbidden("a reaction is a short text")),
                    }
                }
            }
            (Some(_), OpType::Make(_)) => {
                return Err(forbidden(
                    "objects can only be created where the schema has them",
                ));
            }
            (Some(_), _) => return Err(forbidden(format!("operation on {k:?} is not allowed"))),
        }
    }

    if genesis {
        for required in [
            key::VERSION,
            key::META,
            key::MEMBERS,
            key::POSTS,
            key::COMMENTS,
            key::REACTIONS,
        ] {
            if !root_keys.contains(required) {
                return Err(forbidden(
                    "the group's creation must build the whole top level",
                ));
            }
        }
        let founder = members.get(&author);
        if !founder.is_some_and(|m| m.created && m.role == Some(Role::Owner)) {
            return Err(forbidden(
                "the group's creation must make its author the owner",
            ));
        }
    }
    if items_created.iter().any(|c| !items_with_author.contains(c)) {
        return Err(forbidden("a new post or comment must name its author"));
    }

    let mut sets = Vec::new();
    let mut effects = Vec::new();
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
            if !(genesis && target == author) && effect != Effect::Leave {
                sets.push((target, effect.role()));
            }
            effects.push((target, effect));
        }
    }
    let has_tag = change.message.as_deref() == Some(AUTHORITY_TAG);
    match (&change.message, effects.is_empty()) {
        (None, true) => {}
        (Some(_), false) if has_tag => {}
        (Some(_), true) if has_tag => {}
        (None, false) => return Err(forbidden("a membership change must be marked as one")),
        (Some(_), _) => return Err(forbidden("unexpected change message")),
    }
    let creates = local.into_iter().collect();
    Ok(Classified {
        min_role,
        sets,
        effects,
        creates,
    })
}

fn op_created_here(obj: &ObjectId, actor: &ActorId, local: &HashMap<u64, Loc>) -> bool {
    matches!(obj, ObjectId::Id(OpId(ctr, a)) if a == actor && local.contains_key(ctr))
}
