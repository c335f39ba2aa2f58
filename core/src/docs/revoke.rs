//! Revoked edits (ARCHITECTURE.md, "Shared documents"): the changes of someone who may not edit a
//! document any more count only inside the past of the cutoff the group holds for them. The
//! view masks the rest: what they inserted does not show, and what they deleted shows again.
//! The rare path: while every author may edit, nothing here runs past one check per author.

use std::collections::{HashMap, HashSet};

use automerge::iter::Span;
use automerge::legacy::{ElementId, Key, OpType};
use automerge::marks::MarkSet;
use automerge::{ActorId, ChangeHash, ObjId as ExId, ReadDoc, ScalarValue};

use super::view::RichText;
use super::{Binding, SharedDoc, Standing, doc_err};
use crate::actor::author_of_actor;
use crate::error::CoreError;
use crate::identity::DeviceId;

impl SharedDoc {
    /// The changes whose effects no view shows now, given what the group holds.
    pub fn revoked(&self, group: &impl Binding) -> HashSet<ChangeHash> {
        let mut out = HashSet::new();
        if !self.has_text() {
            return out;
        }
        let mut cut: HashMap<DeviceId, Option<HashSet<ChangeHash>>> = HashMap::new();
        let metas = self.doc.get_changes_meta(&[]);
        for meta in &metas {
            let Some(author) = author_of_actor(&meta.actor) else {
                continue;
            };
            let outside = cut.entry(author).or_insert_with(|| {
                match group.standing(&self.id, self.creator, author) {
                    Standing::Editor => None,
                    Standing::Until(heads) => {
                        // Changes not in the past of the cutoff heads (all, for none).
                        let known: Vec<ChangeHash> = heads
                            .into_iter()
                            .filter(|h| self.doc.get_change_meta_by_hash(h).is_some())
                            .collect();
                        Some(
                            self.doc
                                .get_changes_meta(&known)
                                .into_iter()
                                .map(|m| m.hash)
                                .collect(),
                        )
                    }
                }
            });
            if outside.as_ref().is_some_and(|o| o.contains(&meta.hash)) {
                out.insert(meta.hash);
            }
        }
        out
    }

    /// The text as every peer shows it now: what revoked changes inserted is left out, what
    /// they deleted is put back.
    pub fn shown_text(&self, group: &impl Binding) -> Result<RichText, CoreError> {
        let revoked = self.revoked(group);
        if revoked.is_empty() {
            return self.rich_text();
        }
        // Where no change that counts builds on a revoked one, the text is exactly the
        // document at the heads of the changes that count; otherwise the mask below.
        let metas = self.doc.get_changes_meta(&[]);
        let kept: HashSet<ChangeHash> = metas
            .iter()
            .map(|m| m.hash)
            .filter(|h| !revoked.contains(h))
            .collect();
        let closed = metas
            .iter()
            .filter(|m| kept.contains(&m.hash))
            .all(|m| m.deps.iter().all(|d| kept.contains(d)));
        if closed {
            let depended: HashSet<ChangeHash> = metas
                .iter()
                .filter(|m| kept.contains(&m.hash))
                .flat_map(|m| m.deps.iter().copied())
                .collect();
            let mut heads: Vec<ChangeHash> = kept
                .iter()
                .filter(|h| !depended.contains(h))
                .copied()
                .collect();
            heads.sort();
            if heads.is_empty() {
                return Ok(RichText::default());
            }
            return self.rich_text_at(Some(&heads));
        }
        self.masked(&revoked)
    }

    fn masked(&self, revoked: &HashSet<ChangeHash>) -> Result<RichText, CoreError> {
        // What the revoked changes deleted goes back after its nearest element on the left,
        // as the text was when it was deleted, that shows now (at the start when none does),
        // unless a change that counts deleted it too. Each element once (two revoked changes
        // may delete the same one), in an order every replica finds: by position now, then
        // by change, then by position when deleted.
        let now_index: HashMap<ExId, usize> = self
            .elements(None)
            .enumerate()
            .map(|(i, item)| (item.id(), i))
            .collect();
        let mut ops = Ops::default();
        let mut found: HashMap<ExId, (usize, ChangeHash, usize, Span)> = HashMap::new();
        let mut ordered: Vec<&ChangeHash> = revoked.iter().collect();
        ordered.sort();
        for hash in ordered {
            let deleted: Vec<ExId> = ops
                .of(&self.doc, hash)
                .iter()
                .filter_map(deleted_element)
                .collect();
            if deleted.is_empty() {
                continue;
            }
            let Some(change) = self.doc.get_change_meta_by_hash(hash) else {
                continue;
            };
            let mut deleted_too: HashSet<ExId> = HashSet::new();
            for other in self.not_before(hash, revoked) {
                deleted_too.extend(ops.of(&self.doc, &other).iter().filter_map(deleted_element));
            }
            let then = self.elements_at(&change.deps)?;
            let then_index: HashMap<&ExId, usize> = then
                .iter()
                .enumerate()
                .map(|(i, (id, _))| (id, i))
                .collect();
            for id in deleted {
                if found.contains_key(&id)
                    || now_index.contains_key(&id)
                    || deleted_too.contains(&id)
                {
                    continue;
                }
                let Some(&at) = then_index.get(&id) else {
                    continue;
                };
                let now = then[..at]
                    .iter()
                    .rev()
                    .find_map(|(left, _)| now_index.get(left).map(|i| i + 1))
                    .unwrap_or(0);
                found.insert(id, (now, *hash, at, then[at].1.clone()));
            }
        }
        let marks_fixed = self.mark_fixes(revoked, &mut ops)?;
        let mut restored: Vec<(usize, ChangeHash, usize, Span)> = found.into_values().collect();
        restored.sort_by_key(|r| (r.0, r.1, r.2));
        let restored: Vec<(usize, Span)> = restored
            .into_iter()
            .map(|(now, _, _, v)| (now, v))
            .collect();
        let mut restored = restored.into_iter().peekable();
        // The text now, one element at a time, without what revoked changes inserted.
        let mut spans: Vec<Span> = Vec::new();
        let mut index = 0usize;
        let items: Vec<(bool, ExId)> = self
            .elements(None)
            .map(|item| {
                let id = item.id();
                let hidden = self
                    .doc
                    .hash_for_opid(&id)
                    .is_some_and(|h| revoked.contains(&h));
                (hidden, id)
            })
            .collect();
        let hidden = |i: usize| items.get(i).is_some_and(|(h, _)| *h);
        let put_back = |at: usize, spans: &mut Vec<Span>, restored: &mut std::iter::Peekable<_>| {
            while let Some((_, span)) = restored.next_if(|(p, _): &(usize, Span)| *p <= at) {
                spans.push(span);
            }
        };
        for span in self.doc.spans(&self.text).map_err(doc_err)? {
            match span {
                Span::Block(map) => {
                    put_back(index, &mut spans, &mut restored);
                    if !hidden(index) {
                        spans.push(Span::Block(map));
                    }
                    index += 1;
                }
                Span::Text { text, marks } => {
                    let mut kept = String::new();
                    let flush = |kept: &mut String, spans: &mut Vec<Span>| {
                        if !kept.is_empty() {
                            spans.push(Span::Text {
                                text: std::mem::take(kept),
                                marks: marks.clone(),
                            });
                        }
                    };
                    for c in text.chars() {
                        if restored.peek().is_some_and(|(p, _)| *p <= index) {
                            flush(&mut kept, &mut spans);
                            put_back(index, &mut spans, &mut restored);
                        }
                        let fixed = items.get(index).and_then(|(_, id)| marks_fixed.get(id));
                        match fixed {
                            _ if hidden(index) => {}
                            Some(fix) => {
                                flush(&mut kept, &mut spans);
                                spans.push(Span::Text {
                                    text: c.to_string(),
                                    marks: with_fix(marks.as_deref(), fix),
                                });
                            }
                            None => kept.push(c),
                        }
                        index += 1;
                    }
                    flush(&mut kept, &mut spans);
                }
            }
        }
        put_back(usize::MAX, &mut spans, &mut restored);
        Ok(RichText::from_spans(spans.into_iter()))
    }

    /// Changes that count and are not in the causal past of `hash`: those that were written
    /// beside it or after it.
    fn not_before(&self, hash: &ChangeHash, revoked: &HashSet<ChangeHash>) -> Vec<ChangeHash> {
        self.doc
            .get_changes_meta(&[*hash])
            .into_iter()
            .map(|m| m.hash)
            .filter(|h| !revoked.contains(h))
            .collect()
    }

    /// What the marks of each element would be without the revoked changes' marks: for each
    /// element a revoked change marked, each name it set, the value before it (none, for an
    /// unmarked name), unless a change that counts, written beside or after it, set that name
    /// there too (then the latest of those, by Automerge's own order, op counter then actor).
    /// Where several revoked changes set one name on one element, the earliest one's before.
    fn mark_fixes(
        &self,
        revoked: &HashSet<ChangeHash>,
        ops: &mut Ops,
    ) -> Result<HashMap<ExId, Fix>, CoreError> {
        type Setting = ((u64, ActorId), Option<ScalarValue>);
        let mut by_revoked: HashMap<(ExId, String), Setting> = HashMap::new();
        let mut by_others: HashMap<(ExId, String), Setting> = HashMap::new();
        // Every element some revoked change that marks saw.
        let mut seen: HashSet<ExId> = HashSet::new();
        let mut ordered: Vec<&ChangeHash> = revoked.iter().collect();
        ordered.sort();
        for hash in ordered {
            let names = mark_names(ops.of(&self.doc, hash));
            if names.is_empty() {
                continue;
            }
            let order = self.order_of(hash);
            for (id, name, before, _) in self.marks_set_by(hash, &names, Some(&mut seen))? {
                let entry = by_revoked
                    .entry((id, name))
                    .or_insert((order.clone(), before.clone()));
                if order < entry.0 {
                    *entry = (order.clone(), before);
                }
            }
            for other in self.not_before(hash, revoked) {
                let names: HashSet<String> = mark_names(ops.of(&self.doc, &other))
                    .intersection(&names)
                    .cloned()
                    .collect();
                if names.is_empty() {
                    continue;
                }
                let order = self.order_of(&other);
                for (id, name, _, after) in self.marks_set_by(&other, &names, None)? {
                    let entry = by_others
                        .entry((id, name))
                        .or_insert((order.clone(), after.clone()));
                    if order > entry.0 {
                        *entry = (order.clone(), after);
                    }
                }
            }
        }
        if by_revoked.is_empty() {
            return Ok(HashMap::new());
        }
        let mut fixed: HashMap<(ExId, String), Option<ScalarValue>> = HashMap::new();
        for ((id, name), (_, before)) in by_revoked {
            let value = match by_others.get(&(id.clone(), name.clone())) {
                Some((_, after)) => after.clone(),
                None => before,
            };
            fixed.insert((id, name), value);
        }
        // Text written later, where a revoked mark reached it (inside its range, or just
        // after it for a mark that grows with typing), took the mark on: it follows the
        // fixed character on its left that shows the same mark.
        let names: HashSet<String> = fixed.keys().map(|(_, n)| n.clone()).collect();
        let now = self.elements_at(&self.doc.get_heads())?;
        for name in &names {
            let mut left: Option<(Option<ScalarValue>, Option<ScalarValue>)> = None;
            for (id, span) in &now {
                let Span::Text { marks, .. } = span else {
                    left = None;
                    continue;
                };
                let shows = marks.as_deref().and_then(|m| value_of(m, name));
                let key = (id.clone(), name.clone());
                if let Some(fix) = fixed.get(&key) {
                    left = Some((shows, fix.clone()));
                } else if let Some((value, fix)) = left.clone().filter(|(v, _)| {
                    shows.is_some()
                        && *v == shows
                        && !seen.contains(id)
                        && !by_others.contains_key(&key)
                }) {
                    let _ = value;
                    fixed.insert(key, fix);
                } else {
                    left = None;
                }
            }
        }
        let mut out: HashMap<ExId, Fix> = HashMap::new();
        for ((id, name), value) in fixed {
            out.entry(id).or_default().push((name, value));
        }
        Ok(out)
    }

    /// Automerge's order of a change among concurrent ones: its last op counter, then actor.
    fn order_of(&self, hash: &ChangeHash) -> (u64, ActorId) {
        self.doc
            .get_change_meta_by_hash(hash)
            .map(|m| (m.max_op, m.actor.into_owned()))
            .unwrap_or((0, ActorId::from(Vec::new())))
    }

    /// Each element whose mark `name` (one of `names`) the change `hash` changed, with the
    /// value before it and after it (`None`: not marked); `seen` gathers every element the
    /// change saw.
    #[allow(clippy::type_complexity)]
    fn marks_set_by(
        &self,
        hash: &ChangeHash,
        names: &HashSet<String>,
        seen: Option<&mut HashSet<ExId>>,
    ) -> Result<Vec<(ExId, String, Option<ScalarValue>, Option<ScalarValue>)>, CoreError> {
        let Some(meta) = self.doc.get_change_meta_by_hash(hash) else {
            return Ok(Vec::new());
        };
        let before = self.marks_by_element(&meta.deps)?;
        let after = self.marks_by_element(&[*hash])?;
        if let Some(seen) = seen {
            seen.extend(after.keys().cloned());
        }
        let mut out = Vec::new();
        for (id, set) in &after {
            for name in names {
                let was = before
                    .get(id)
                    .and_then(|s| s.as_ref())
                    .and_then(|s| value_of(s, name));
                let is = set.as_ref().and_then(|s| value_of(s, name));
                if was != is {
                    out.push((id.clone(), name.clone(), was, is));
                }
            }
        }
        Ok(out)
    }

    /// Every element of the text at `heads`, in order: a block marker, or one character
    /// with its marks.
    fn elements_at(&self, heads: &[ChangeHash]) -> Result<Vec<(ExId, Span)>, CoreError> {
        let mut ids = self.elements(Some(heads)).map(|item| item.id());
        let mut out = Vec::new();
        for span in self.doc.spans_at(&self.text, heads).map_err(doc_err)? {
            match span {
                Span::Block(map) => {
                    if let Some(id) = ids.next() {
                        out.push((id, Span::Block(map)));
                    }
                }
                Span::Text { text, marks } => {
                    for c in text.chars() {
                        if let Some(id) = ids.next() {
                            let text = c.to_string();
                            out.push((
                                id,
                                Span::Text {
                                    text,
                                    marks: marks.clone(),
                                },
                            ));
                        }
                    }
                }
            }
        }
        Ok(out)
    }

    /// The marks of every character of the text at `heads`.
    fn marks_by_element(&self, heads: &[ChangeHash]) -> Result<HashMap<ExId, Marks>, CoreError> {
        Ok(self
            .elements_at(heads)?
            .into_iter()
            .filter_map(|(id, span)| match span {
                Span::Text { marks, .. } => Some((id, marks)),
                Span::Block(_) => None,
            })
            .collect())
    }
}

type Marks = Option<std::sync::Arc<MarkSet>>;

/// The marks to show on one element instead of those it has: each name with its value
/// (`None`: not marked).
type Fix = Vec<(String, Option<ScalarValue>)>;

/// The ops of changes, decoded once each.
#[derive(Default)]
struct Ops(HashMap<ChangeHash, Vec<automerge::legacy::Op>>);

impl Ops {
    fn of(&mut self, doc: &automerge::Automerge, hash: &ChangeHash) -> &[automerge::legacy::Op] {
        self.0.entry(*hash).or_insert_with(|| {
            doc.get_change_by_hash(hash)
                .map(|c| c.decode().operations)
                .unwrap_or_default()
        })
    }
}

/// The element an op deletes, when it deletes one of a sequence.
fn deleted_element(op: &automerge::legacy::Op) -> Option<ExId> {
    match (&op.action, &op.key) {
        (OpType::Delete, Key::Seq(ElementId::Id(id))) => Some(ExId::Id(id.0, id.1.clone(), 0)),
        _ => None,
    }
}

/// The names of the marks these ops set or remove.
fn mark_names(ops: &[automerge::legacy::Op]) -> HashSet<String> {
    ops.iter()
        .filter_map(|op| match &op.action {
            OpType::MarkBegin(m) => Some(m.name.to_string()),
            _ => None,
        })
        .collect()
}

/// The value of mark `name` in `set`; `None` when it is not marked (or removed).
fn value_of(set: &MarkSet, name: &str) -> Option<ScalarValue> {
    set.iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.clone())
        .filter(|v| !matches!(v, ScalarValue::Null))
}

/// `marks` with each name in `fix` set to its value (removed for `None`).
fn with_fix(
    marks: Option<&MarkSet>,
    fix: &[(String, Option<ScalarValue>)],
) -> Option<std::sync::Arc<MarkSet>> {
    let mut all: Vec<(String, ScalarValue)> = marks
        .iter()
        .flat_map(|m| m.iter())
        .filter(|(n, _)| !fix.iter().any(|(f, _)| f == n))
        .map(|(n, v)| (n.to_string(), v.clone()))
        .collect();
    all.extend(
        fix.iter()
            .filter_map(|(n, v)| v.clone().map(|v| (n.clone(), v))),
    );
    (!all.is_empty()).then(|| std::sync::Arc::new(all.into_iter().collect()))
}
