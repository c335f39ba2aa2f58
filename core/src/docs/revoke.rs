//! Revoked edits (ARCHITECTURE.md, "Shared documents"): the changes of someone who may not edit a
//! document any more count only inside the past of the cutoff the group holds for them. The
//! view masks the rest: what they inserted does not show, and what they deleted shows again.
//! The rare path: while every author may edit, nothing here runs past one check per author.

use std::collections::{HashMap, HashSet};

use automerge::iter::Span;
use automerge::legacy::{ElementId, Key, OpType};
use automerge::{ChangeHash, ObjId as ExId, ReadDoc};

use super::view::{BlockKind, RichText};
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
        self.masked(&revoked)
    }

    fn masked(&self, revoked: &HashSet<ChangeHash>) -> Result<RichText, CoreError> {
        // What the revoked changes deleted goes back after its nearest element on the left,
        // as the text was when it was deleted, that shows now (at the start when none does).
        // Each element once (two revoked changes may delete the same one), in an order every
        // replica finds: by position now, then by change, then by position when deleted.
        let now_index: HashMap<ExId, usize> = self
            .doc
            .list_range(&self.text, ..)
            .enumerate()
            .map(|(i, item)| (item.id(), i))
            .collect();
        let mut found: HashMap<ExId, (usize, ChangeHash, usize, Option<String>)> = HashMap::new();
        let mut ordered: Vec<&ChangeHash> = revoked.iter().collect();
        ordered.sort();
        for hash in ordered {
            let Some(change) = self.doc.get_change_by_hash(hash) else {
                continue;
            };
            let deleted: Vec<ExId> = change
                .decode()
                .operations
                .iter()
                .filter_map(|op| match (&op.action, &op.key) {
                    (OpType::Delete, Key::Seq(ElementId::Id(id))) => {
                        Some(ExId::Id(id.0, id.1.clone(), 0))
                    }
                    _ => None,
                })
                .collect();
            if deleted.is_empty() {
                continue;
            }
            let then: Vec<(ExId, Option<String>)> = self
                .doc
                .list_range_at(&self.text, .., change.deps())
                .map(|item| {
                    let value = match &item.value {
                        automerge::ValueRef::Scalar(automerge::ScalarValueRef::Str(t)) => {
                            Some(t.to_string())
                        }
                        _ => None,
                    };
                    (item.id(), value)
                })
                .collect();
            let then_index: HashMap<&ExId, usize> = then
                .iter()
                .enumerate()
                .map(|(i, (id, _))| (id, i))
                .collect();
            for id in deleted {
                if found.contains_key(&id) || now_index.contains_key(&id) {
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
        let mut restored: Vec<(usize, ChangeHash, usize, Option<String>)> =
            found.into_values().collect();
        restored.sort_by_key(|r| (r.0, r.1, r.2));
        let restored: Vec<(usize, Option<String>)> = restored
            .into_iter()
            .map(|(now, _, _, v)| (now, v))
            .collect();
        let mut restored = restored.into_iter().peekable();
        // The text now, one element at a time, without what revoked changes inserted.
        let mut spans: Vec<Span> = Vec::new();
        let mut index = 0usize;
        let items: Vec<bool> = self
            .doc
            .list_range(&self.text, ..)
            .map(|item| {
                self.doc
                    .hash_for_opid(&item.id())
                    .is_some_and(|h| revoked.contains(&h))
            })
            .collect();
        let put_back = |at: usize, spans: &mut Vec<Span>, restored: &mut std::iter::Peekable<_>| {
            while let Some((_, value)) =
                restored.next_if(|(p, _): &(usize, Option<String>)| *p <= at)
            {
                spans.push(match value {
                    Some(text) => Span::Text { text, marks: None },
                    None => Span::Block(BlockKind::Paragraph.marker()),
                });
            }
        };
        for span in self.doc.spans(&self.text).map_err(doc_err)? {
            match span {
                Span::Block(map) => {
                    put_back(index, &mut spans, &mut restored);
                    if !items.get(index).copied().unwrap_or(false) {
                        spans.push(Span::Block(map));
                    }
                    index += 1;
                }
                Span::Text { text, marks } => {
                    let mut kept = String::new();
                    for c in text.chars() {
                        if restored.peek().is_some_and(|(p, _)| *p <= index) {
                            if !kept.is_empty() {
                                spans.push(Span::Text {
                                    text: std::mem::take(&mut kept),
                                    marks: marks.clone(),
                                });
                            }
                            put_back(index, &mut spans, &mut restored);
                        }
                        if !items.get(index).copied().unwrap_or(false) {
                            kept.push(c);
                        }
                        index += 1;
                    }
                    if !kept.is_empty() {
                        spans.push(Span::Text { text: kept, marks });
                    }
                }
            }
        }
        put_back(usize::MAX, &mut spans, &mut restored);
        Ok(RichText::from_spans(spans.into_iter()))
    }
}
