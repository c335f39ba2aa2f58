//! The gate every change of a document passes, from elsewhere or from this device: decode with
//! caps, order, authenticate, judge against the group and the rules, apply.

use std::collections::HashSet;

use automerge::{Change, ChangeHash, ReadDoc};

use super::rules::Index;
use super::{Binding, MAX_TEXT_CHARS, SharedDoc, text_obj};
use crate::actor::author_of_actor;
use crate::error::Rejection;
use crate::group::{Incoming, SignedChange, Waiting};
use crate::identity::ChangeSignature;
use crate::walk::Walk;

/// The outcome of [`SharedDoc::ingest`].
#[derive(Debug, Default)]
pub struct DocIngestReport {
    /// Changes now part of the document, in the order they were applied. Store these.
    pub accepted: Vec<(ChangeHash, SignedChange)>,
    /// Changes refused, with the reason. They were not applied.
    pub rejected: Vec<(Option<ChangeHash>, Rejection)>,
    /// Changes that may become acceptable once more arrives (their dependencies, a later
    /// signed change of their author, or the group heads they name). Not kept.
    pub waiting: Vec<(ChangeHash, Waiting)>,
    /// How many were already known.
    pub duplicates: usize,
}

/// What the gate knows of the document's history, built once from it.
#[derive(Default)]
pub(super) struct Judged {
    pub(super) index: Index,
    /// Characters every change so far inserted, deleted or not: while this plus a change's
    /// own stays under the limit, its text cannot be over it.
    inserted: u64,
}

impl Judged {
    /// Takes in what a change that passed adds.
    pub(super) fn note(&mut self, adds: super::rules::Adds, chars: usize) {
        self.index.apply(adds);
        self.inserted += chars as u64;
    }
}

impl SharedDoc {
    /// Takes changes that arrived from elsewhere. Each is checked (signature, shape, its
    /// author's right to edit as of the group heads it names) before anything is applied;
    /// refused changes are never applied, and neither is anything that builds on them.
    pub fn ingest(&mut self, batch: Vec<SignedChange>, group: &impl Binding) -> DocIngestReport {
        self.ingest_decoded(batch.into_iter().map(Incoming::decode).collect(), group)
    }

    /// [`SharedDoc::ingest`] for changes decoded as they arrived ([`Incoming::decode`]).
    pub fn ingest_decoded(
        &mut self,
        batch: Vec<Result<Incoming, Rejection>>,
        group: &impl Binding,
    ) -> DocIngestReport {
        let mut report = DocIngestReport::default();
        let mut items: Vec<(Change, Option<ChangeSignature>)> = Vec::new();
        let mut seen = HashSet::new();
        for incoming in batch {
            match incoming {
                Ok(Incoming { change, signature }) => {
                    let h = change.hash();
                    if !seen.insert(h) || self.doc.get_change_meta_by_hash(&h).is_some() {
                        report.duplicates += 1;
                    } else if self.rejected.contains(&h) {
                        report
                            .rejected
                            .push((Some(h), Rejection::DependsOnRejected));
                    } else {
                        items.push((change, signature));
                    }
                }
                Err(why) => report.rejected.push((None, why)),
            }
        }
        if items.is_empty() {
            return report;
        }
        self.judge(items, group, report)
    }

    /// Builds what the gate knows from the history held (trusted: it passed the gate when it
    /// came).
    fn judged(&mut self) -> &mut Judged {
        if self.judged.is_none() {
            let mut judged = Judged::default();
            for change in self.doc.get_changes(&[]) {
                let Some(decoded) = caught(|| change.decode()) else {
                    continue;
                };
                let genesis = change.deps().is_empty();
                if let Ok((adds, chars)) = judged.index.judge(&decoded, genesis) {
                    judged.note(adds, chars);
                }
            }
            self.judged = Some(judged);
        }
        self.judged.get_or_insert_with(Judged::default)
    }

    fn judge(
        &mut self,
        items: Vec<(Change, Option<ChangeSignature>)>,
        group: &impl Binding,
        mut report: DocIngestReport,
    ) -> DocIngestReport {
        let (group_id, doc_id) = (self.group, self.id);
        let mut walk = Walk::new(&items, |a, h, sig| {
            a.verify_doc_change(&group_id, &doc_id, h, sig).is_ok()
        });
        self.judged();
        // Accepted changes wait here to be applied together; a change whose size must be
        // measured in the document applies them first.
        let mut pending: Vec<usize> = Vec::new();
        let mut failed = false;
        let mut has_text = self.has_text();
        let mut creator = self.creator;
        let order = std::mem::take(&mut walk.order);
        for &i in &order {
            let (change, signature) = &items[i];
            let hash = change.hash();
            let doc = &self.doc;
            let Some(before) = walk.before(
                i,
                change,
                &self.rejected,
                |d| doc.get_change_meta_by_hash(d).is_some(),
                &mut report,
            ) else {
                continue;
            };
            let verdict = match before {
                Err(e) => Err(e),
                Ok(()) => match self.admit(change, has_text, creator, group, &pending) {
                    Ok(Admit::Accept { genesis_by }) => {
                        if let Some(by) = genesis_by {
                            has_text = true;
                            creator = by;
                        }
                        Ok(())
                    }
                    Ok(Admit::WaitForGroup) => {
                        walk.wait(i, hash, Waiting::GroupHeads, &mut report);
                        continue;
                    }
                    Ok(Admit::Flush) => {
                        // Measure with what passed so far applied.
                        failed |= !self.apply(&mut pending, &items, &mut report);
                        match self.admit(change, has_text, creator, group, &pending) {
                            Ok(Admit::Accept { .. }) => Ok(()),
                            Ok(_) => Err(Some(Rejection::Forbidden(
                                "the document would be longer than its limit".into(),
                            ))),
                            Err(why) => Err(Some(why)),
                        }
                    }
                    Err(why) => Err(Some(why)),
                },
            };
            if walk.settle(i, hash, verdict, &mut self.rejected, &mut report) {
                if let Some(sig) = signature {
                    self.signatures.insert(hash, *sig);
                }
                pending.push(i);
            }
        }
        failed |= !self.apply(&mut pending, &items, &mut report);
        if failed {
            // Automerge refused what the rules let through: what the gate knows is built
            // again from what the document holds.
            self.judged = None;
        }
        report
    }

    /// Applies the accepted changes waiting in `pending`; false when Automerge refused them
    /// (they are reported as refused).
    fn apply(
        &mut self,
        pending: &mut Vec<usize>,
        items: &[(Change, Option<ChangeSignature>)],
        report: &mut DocIngestReport,
    ) -> bool {
        if pending.is_empty() {
            return true;
        }
        let changes: Vec<Change> = pending.iter().map(|&i| items[i].0.clone()).collect();
        let applied = caught(|| self.doc.apply_changes(changes));
        let ok = matches!(applied, Some(Ok(())));
        for &i in pending.iter() {
            let (change, signature) = &items[i];
            let hash = change.hash();
            if ok {
                report.accepted.push((
                    hash,
                    SignedChange {
                        bytes: change.raw_bytes().to_vec(),
                        signature: *signature,
                    },
                ));
            } else {
                self.signatures.remove(&hash);
                let why = match &applied {
                    Some(Err(e)) => e.to_string(),
                    _ => "the change cannot be applied".into(),
                };
                report
                    .rejected
                    .push((Some(hash), Rejection::Malformed(why)));
            }
        }
        pending.clear();
        if ok
            && !self.has_text()
            && let Ok(text) = text_obj(&self.doc)
        {
            self.text = text;
            if let Some(by) = self
                .doc
                .get_change_meta_by_hash(&ChangeHash(*self.id.as_bytes()))
                .and_then(|m| author_of_actor(&m.actor))
            {
                self.creator = by;
            }
        }
        ok
    }

    /// The checks of one authenticated change whose dependencies are all accepted. `pending`
    /// holds the accepted changes not applied yet.
    fn admit(
        &mut self,
        change: &Change,
        has_text: bool,
        creator: crate::identity::DeviceId,
        group: &impl Binding,
        pending: &[usize],
    ) -> Result<Admit, Rejection> {
        let author = author_of_actor(change.actor_id())
            .ok_or_else(|| Rejection::Malformed("the author id is malformed".into()))?;
        if !change.extra_bytes().is_empty() {
            return Err(Rejection::Malformed("unexpected extra bytes".into()));
        }
        let genesis = change.deps().is_empty();
        if genesis && (has_text || change.hash().0 != *self.id.as_bytes()) {
            return Err(Rejection::WrongGroup);
        }
        let heads = self
            .judged
            .get_or_insert_with(Judged::default)
            .index
            .heads_named(change.actor_id(), change.message())
            .ok_or_else(|| {
                Rejection::Malformed(
                    "a document change names the group heads it was written under".into(),
                )
            })?;
        if !group.holds(&heads) {
            return Ok(Admit::WaitForGroup);
        }
        let creator = if genesis { author } else { creator };
        if !group.may_edit_at(&self.id, creator, author, &heads) {
            return Err(Rejection::NotPermitted(
                "the author may not edit this document".into(),
            ));
        }
        let decoded = caught(|| change.decode())
            .ok_or_else(|| Rejection::Malformed("the change cannot be decoded".into()))?;
        let judged = self.judged.get_or_insert_with(Judged::default);
        let (adds, chars) = judged.index.judge(&decoded, genesis)?;
        if judged.inserted + chars as u64 > MAX_TEXT_CHARS as u64 {
            // Over the quick bound: measure the text as the change's own past left it.
            if !pending.is_empty() {
                return Ok(Admit::Flush);
            }
            let before = self.doc.length_at(&self.text, change.deps());
            if before + chars > MAX_TEXT_CHARS {
                return Err(Rejection::Forbidden(format!(
                    "the document would be longer than {MAX_TEXT_CHARS} characters"
                )));
            }
        }
        self.judged
            .get_or_insert_with(Judged::default)
            .note(adds, chars);
        Ok(Admit::Accept {
            genesis_by: genesis.then_some(author),
        })
    }
}

/// What admitting one change found.
enum Admit {
    /// It passes; for the document's first change, who made it.
    Accept {
        genesis_by: Option<crate::identity::DeviceId>,
    },
    /// The group does not hold the heads it names yet.
    WaitForGroup,
    /// Its size must be measured with the changes accepted before it applied.
    Flush,
}

/// Automerge panics on some malformed input it parses; decoding and applying change nothing
/// outside themselves, so the panic is caught and the input refused.
pub(super) fn caught<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

impl crate::walk::Report for DocIngestReport {
    fn rejected(&mut self) -> &mut Vec<(Option<ChangeHash>, Rejection)> {
        &mut self.rejected
    }
    fn waiting(&mut self) -> &mut Vec<(ChangeHash, Waiting)> {
        &mut self.waiting
    }
}
