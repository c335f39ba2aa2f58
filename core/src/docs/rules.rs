//! The shape every change of a shared document must have (PROTOCOL.md, "Shared documents"),
//! judged from the change alone and the objects its causal past made: which objects it may
//! touch, what it may write there, and which elements it may refer to.
//!
//! ```text
//! ROOT
//! └─ text: Text                       made by the document's first change, and only there
//!    ├─ characters                    inserted and deleted anywhere
//!    ├─ marks                         bold, italic (true or null), link (a URL or null)
//!    └─ block markers: { type, parents: [type...], attrs: { level? } }
//! ```

use std::collections::{BTreeMap, HashMap};

use automerge::legacy::{ElementId, Key, ObjectId, OpId, OpType};
use automerge::{ActorId, ChangeHash, ExpandedChange, ObjType, ScalarValue};

use crate::collections::forbidden;
use crate::error::Rejection;

/// The key of the text on the document's root.
pub(crate) const TEXT_KEY: &str = "text";
/// Fields of a block marker.
pub(crate) const BLOCK_TYPE: &str = "type";
pub(crate) const BLOCK_PARENTS: &str = "parents";
pub(crate) const BLOCK_ATTRS: &str = "attrs";
pub(crate) const ATTR_LEVEL: &str = "level";
/// Written `false` by `@automerge/prosemirror`; an embed is not a block type here.
pub(crate) const BLOCK_IS_EMBED: &str = "isEmbed";
/// The block types a marker may name.
pub(crate) const BLOCK_TYPES: &[&str] = &[
    "paragraph",
    "heading",
    "unordered-list-item",
    "ordered-list-item",
    "blockquote",
];
/// The marks text may carry.
pub(crate) const MARK_BOLD: &str = "bold";
pub(crate) const MARK_ITALIC: &str = "italic";
pub(crate) const MARK_LINK: &str = "link";
/// Longest link, in bytes.
pub(crate) const MAX_LINK_BYTES: usize = 2048;
/// Most operations one change may carry (a 2 MiB Markdown import is one change).
pub(crate) const MAX_OPS_PER_CHANGE: usize = 2_500_000;
/// Most operations a document's history may hold: no change may start past this counter.
pub(crate) const MAX_OPS_IN_DOCUMENT: u64 = 32_000_000;

/// What an object of a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// The text.
    Text,
    /// A block marker in the text.
    Block,
    /// A block marker's `parents`.
    Parents,
    /// A block marker's `attrs`.
    Attrs,
}

/// What the rules know of a document's objects and sequence elements: built from its history,
/// grown by every change that passes. Element ids are kept as ranges of counters per actor,
/// since one change's typing inserts consecutive counters.
#[derive(Default)]
pub(crate) struct Index {
    actors: HashMap<ActorId, u32>,
    /// The text object's id, once the first change made it.
    text: Option<(u32, u64)>,
    /// The other objects.
    objects: HashMap<(u32, u64), Kind>,
    /// Elements of each sequence (the text, and each `parents` list): (actor, first counter)
    /// to last counter.
    elements: HashMap<(u32, u64), BTreeMap<(u32, u64), u64>>,
    /// The last sequence number of each actor's changes.
    seqs: HashMap<u32, u64>,
    /// The group heads each actor's last change named.
    named: HashMap<u32, Vec<ChangeHash>>,
}

/// What a change adds to the index once it is applied.
#[derive(Default)]
pub(crate) struct Adds {
    objects: Vec<((u32, u64), Kind)>,
    elements: Vec<((u32, u64), (u32, u64))>,
    text: Option<(u32, u64)>,
    actor: Option<ActorId>,
    seq: (u32, u64),
    named: Option<Vec<ChangeHash>>,
}

impl Index {
    /// The index of an actor, if it wrote anything the index holds.
    fn actor(&self, a: &ActorId) -> Option<u32> {
        self.actors.get(a).copied()
    }

    /// An op id of the history, as the index keys it.
    fn id(&self, id: &OpId, change_actor: &ActorId, pending: u32) -> Option<(u32, u64)> {
        let OpId(ctr, actor) = id;
        if actor == change_actor {
            Some((self.actor(actor).unwrap_or(pending), *ctr))
        } else {
            self.actor(actor).map(|a| (a, *ctr))
        }
    }

    fn kind(
        &self,
        obj: (u32, u64),
        adds: &Adds,
        local: &HashMap<u64, Kind>,
        me: u32,
    ) -> Option<Kind> {
        if self.text == Some(obj) || adds.text == Some(obj) {
            return Some(Kind::Text);
        }
        if obj.0 == me
            && let Some(k) = local.get(&obj.1)
        {
            return Some(*k);
        }
        self.objects.get(&obj).copied()
    }

    fn has_element(&self, seq: (u32, u64), elem: (u32, u64)) -> bool {
        self.elements.get(&seq).is_some_and(|runs| {
            runs.range(..=elem)
                .next_back()
                .is_some_and(|(start, last)| start.0 == elem.0 && elem.1 <= *last)
        })
    }

    /// The group heads a change by `actor` with this message was written under: those it
    /// names, or those the actor's previous change named; `None` when it names none.
    pub(crate) fn heads_named(
        &self,
        actor: &ActorId,
        message: Option<&str>,
    ) -> Option<Vec<ChangeHash>> {
        match super::group_heads_of(message)? {
            super::Named::Heads(h) => Some(h),
            super::Named::Same => self.actor(actor).and_then(|a| self.named.get(&a).cloned()),
        }
    }

    /// Takes in what a change that passed added.
    pub(crate) fn apply(&mut self, adds: Adds) {
        if let Some(actor) = adds.actor {
            let n = self.actors.len() as u32;
            self.actors.entry(actor).or_insert(n);
        }
        if adds.text.is_some() {
            self.text = adds.text;
        }
        self.seqs.insert(adds.seq.0, adds.seq.1);
        if let Some(h) = adds.named {
            self.named.insert(adds.seq.0, h);
        }
        self.objects.extend(adds.objects);
        for (seq, (actor, ctr)) in adds.elements {
            let runs = self.elements.entry(seq).or_default();
            // Extend the run this counter follows, or start one.
            if let Some((start, last)) = runs.range_mut(..(actor, ctr)).next_back()
                && start.0 == actor
                && *last + 1 == ctr
            {
                *last = ctr;
                continue;
            }
            runs.insert((actor, ctr), ctr);
        }
    }

    /// Judges one change's operations, given that `genesis` says whether it is the document's
    /// first change. Returns what it adds to the index, and how many characters it inserts.
    pub(crate) fn judge(
        &self,
        change: &ExpandedChange,
        genesis: bool,
    ) -> Result<(Adds, usize), Rejection> {
        let ops = &change.operations;
        if ops.len() > MAX_OPS_PER_CHANGE {
            return Err(forbidden("too many operations in one change"));
        }
        let start = change.start_op.get();
        if start.saturating_add(ops.len() as u64) > MAX_OPS_IN_DOCUMENT {
            return Err(forbidden("the document's history is full"));
        }
        let me = &change.actor_id;
        let pending = self.actor(me).unwrap_or(self.actors.len() as u32);
        let last = self.seqs.get(&pending).copied().unwrap_or(0);
        if change.seq != last + 1 {
            return Err(Rejection::Malformed("out-of-sequence change".into()));
        }
        let named = self
            .heads_named(me, change.message.as_deref())
            .ok_or_else(|| Rejection::Malformed("the change names no group heads".into()))?;
        let mut adds = Adds {
            actor: self.actor(me).is_none().then(|| me.clone()),
            seq: (pending, change.seq),
            named: Some(named),
            ..Adds::default()
        };
        if genesis {
            return match &ops[..] {
                [op] if op.obj == ObjectId::Root
                    && op.key == Key::Map(TEXT_KEY.into())
                    && op.action == OpType::Make(ObjType::Text)
                    && !op.insert
                    && op.pred.is_empty() =>
                {
                    adds.text = Some((pending, start));
                    Ok((adds, 0))
                }
                _ => Err(forbidden("a document's first change only creates its text")),
            };
        }
        let mut chars = 0usize;
        // What this change made so far: objects by counter, and the sequence each of its
        // operations inserted into.
        let mut local: HashMap<u64, Kind> = HashMap::new();
        let mut inserted: Vec<Option<(u32, u64)>> = Vec::with_capacity(ops.len());
        for (i, op) in ops.iter().enumerate() {
            let counter = start + i as u64;
            let ObjectId::Id(obj) = &op.obj else {
                return Err(forbidden(
                    "only the document's first change writes its root",
                ));
            };
            let obj = self
                .id(obj, me, pending)
                .ok_or_else(|| forbidden("refers to an object this document does not have"))?;
            let kind = self
                .kind(obj, &adds, &local, pending)
                .ok_or_else(|| forbidden("refers to an object this document does not have"))?;
            let made = match kind {
                Kind::Text | Kind::Parents => {
                    let Key::Seq(elem) = &op.key else {
                        return Err(forbidden("text is edited by position"));
                    };
                    let exists = match elem {
                        ElementId::Head => op.insert,
                        ElementId::Id(e) => self.id(e, me, pending).is_some_and(|e| {
                            if e.0 == pending && e.1 >= start && e.1 < counter {
                                inserted[(e.1 - start) as usize] == Some(obj)
                            } else {
                                self.has_element(obj, e)
                            }
                        }),
                    };
                    if !exists {
                        return Err(forbidden("refers to a position that does not exist"));
                    }
                    if op.insert {
                        adds.elements.push((obj, (pending, counter)));
                    }
                    if kind == Kind::Text {
                        text_op(op.insert, &op.action, &mut chars)?
                    } else {
                        parents_op(op.insert, &op.action)?;
                        None
                    }
                }
                Kind::Block => block_op(&op.key, &op.action)?,
                Kind::Attrs => {
                    attrs_op(&op.key, &op.action)?;
                    None
                }
            };
            inserted.push(op.insert.then_some(obj));
            if let Some(k) = made {
                local.insert(counter, k);
                adds.objects.push(((pending, counter), k));
            }
        }
        Ok((adds, chars))
    }
}

/// An operation on the text: inserting a character, a mark's start or end, or a block marker;
/// deleting an element.
fn text_op(insert: bool, action: &OpType, chars: &mut usize) -> Result<Option<Kind>, Rejection> {
    match (insert, action) {
        (true, OpType::Put(ScalarValue::Str(s))) if !s.is_empty() && s.len() <= 16 => {
            *chars += s.chars().count();
            Ok(None)
        }
        (true, OpType::Make(ObjType::Map)) => Ok(Some(Kind::Block)),
        (true, OpType::MarkBegin(m)) => mark(&m.name, &m.value).map(|()| None),
        (true, OpType::MarkEnd(_)) => Ok(None),
        (false, OpType::Delete) => Ok(None),
        _ => Err(forbidden(
            "text holds characters, marks and block markers only",
        )),
    }
}

/// A mark: its name and value (null removes it).
fn mark(name: &str, value: &ScalarValue) -> Result<(), Rejection> {
    match (name, value) {
        (MARK_BOLD | MARK_ITALIC, ScalarValue::Boolean(true) | ScalarValue::Null) => Ok(()),
        (MARK_LINK, ScalarValue::Null) => Ok(()),
        (MARK_LINK, ScalarValue::Str(url)) if url.len() <= MAX_LINK_BYTES && is_link(url) => Ok(()),
        (MARK_LINK, _) => Err(forbidden("a link is a web or mail address")),
        _ => Err(forbidden(format!("unknown mark {name:?}"))),
    }
}

/// Whether `url` is an address a link may point to (web or mail, no spaces).
pub(crate) fn is_link(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// An operation on a block marker's map.
fn block_op(key: &Key, action: &OpType) -> Result<Option<Kind>, Rejection> {
    let Key::Map(k) = key else {
        return Err(forbidden("a block marker is a map"));
    };
    match (k.as_str(), action) {
        (BLOCK_TYPE, OpType::Put(ScalarValue::Str(t))) if BLOCK_TYPES.contains(&t.as_str()) => {
            Ok(None)
        }
        (BLOCK_TYPE, OpType::Put(_)) => Err(forbidden("unknown block type")),
        (BLOCK_PARENTS, OpType::Make(ObjType::List)) => Ok(Some(Kind::Parents)),
        (BLOCK_ATTRS, OpType::Make(ObjType::Map)) => Ok(Some(Kind::Attrs)),
        (BLOCK_IS_EMBED, OpType::Put(ScalarValue::Boolean(false))) => Ok(None),
        (BLOCK_TYPE | BLOCK_PARENTS | BLOCK_ATTRS | BLOCK_IS_EMBED, OpType::Delete) => Ok(None),
        _ => Err(forbidden(format!("block field {k:?} cannot be set"))),
    }
}

/// An operation on a block marker's `parents`.
fn parents_op(insert: bool, action: &OpType) -> Result<(), Rejection> {
    match (insert, action) {
        (true, OpType::Put(ScalarValue::Str(t))) if BLOCK_TYPES.contains(&t.as_str()) => Ok(()),
        (false, OpType::Delete) => Ok(()),
        _ => Err(forbidden("unknown block type")),
    }
}

/// An operation on a block marker's `attrs`.
fn attrs_op(key: &Key, action: &OpType) -> Result<(), Rejection> {
    match (key, action) {
        (Key::Map(k), OpType::Put(ScalarValue::Int(1..=6) | ScalarValue::Uint(1..=6)))
            if k == ATTR_LEVEL =>
        {
            Ok(())
        }
        (Key::Map(k), OpType::Delete) if k == ATTR_LEVEL => Ok(()),
        _ => Err(forbidden(
            "a block's only attribute is a heading level of 1 to 6",
        )),
    }
}
