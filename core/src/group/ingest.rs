//! The gate every change from elsewhere passes (ARCHITECTURE.md, "How a change is
//! validated"): decode with caps, order, authenticate, judge, apply, settle.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use automerge::{Automerge, Change, ChangeHash};

use super::open::new_change;
use super::{
    Group, Incoming, IngestReport, MAX_CHANGE_BYTES, MAX_DOCUMENT_INFLATED, SignedChange,
    decode_ops, load_doc,
};
use crate::actor::author_of_actor;
use crate::error::{CoreError, Rejection};
use crate::identity::ChangeSignature;
use crate::ledger::Ledger;
use crate::problem::Problem;
use crate::schema::classify;
use crate::walk::Walk;

impl Incoming {
    /// Decodes a change as it came over the wire; its bytes are dropped once decoded.
    pub fn decode(signed: SignedChange) -> Result<Incoming, Rejection> {
        let change = decode_change(&signed.bytes)?;
        drop(signed.bytes);
        Ok(Incoming {
            change,
            signature: signed.signature,
        })
    }

    /// The change's hash.
    pub fn hash(&self) -> ChangeHash {
        self.change.hash()
    }
}

impl Group {
    /// Takes changes that arrived from elsewhere. Each is checked (signature, structure, the
    /// author's role as of its causal history) before anything is applied; refused changes are
    /// never applied, and neither is anything that builds on them.
    pub fn ingest(&mut self, batch: Vec<SignedChange>) -> IngestReport {
        // Each change is decoded as it is taken from the batch, its bytes dropped then.
        self.ingest_decoded(batch.into_iter().map(Incoming::decode).collect())
    }

    /// [`Group::ingest`] for changes decoded already ([`Incoming::decode`]; those that did
    /// not decode are refused as malformed).
    pub fn ingest_decoded(&mut self, batch: Vec<Result<Incoming, Rejection>>) -> IngestReport {
        let mut report = IngestReport::default();
        // 1. Drop duplicates and malformed input. Each change is held once from here on
        //    (decoded, its signature beside it).
        let mut items: Vec<(Change, Option<ChangeSignature>)> = Vec::new();
        let mut seen = HashSet::new();
        for incoming in batch {
            match incoming {
                Ok(Incoming { change, signature }) => {
                    let h = change.hash();
                    if self.ledger.as_ref().is_some_and(|l| l.contains(&h)) || !seen.insert(h) {
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
        self.judge(items, report, None)
    }

    /// Takes a whole document from another member: a fresh member's first sync (PROTOCOL.md,
    /// "Snapshots"). The bytes are checked before Automerge reads them (one document chunk,
    /// bounded inflation), then every change in the document goes through exactly the checks
    /// of [`Group::ingest`]. When every change passes, the loaded document is kept as it is,
    /// so nothing is applied twice; otherwise only the changes that pass are applied, as with
    /// `ingest`. Returns the report and whether the document was kept whole.
    pub fn ingest_document(
        &mut self,
        bytes: &[u8],
        signatures: impl IntoIterator<Item = (ChangeHash, ChangeSignature)>,
    ) -> Result<(IngestReport, bool), CoreError> {
        if self.ledger.is_some() || !self.doc.get_heads().is_empty() {
            return Err(CoreError::InvalidInput(Problem::DocumentNotEmpty));
        }
        crate::document::check_document(bytes, MAX_DOCUMENT_INFLATED)
            .map_err(|r| CoreError::Document(r.to_string()))?;
        let loaded = load_doc(bytes)?;
        let sigs: HashMap<ChangeHash, ChangeSignature> = signatures.into_iter().collect();
        let items: Vec<(Change, Option<ChangeSignature>)> = loaded
            .get_changes(&[])
            .into_iter()
            .map(|c| {
                let signature = sigs.get(&c.hash()).copied();
                (c, signature)
            })
            .collect();
        let n = items.len();
        let report = self.judge(items, IngestReport::default(), Some(loaded));
        let whole = report.accepted.len() == n;
        Ok((report, whole))
    }

    /// Steps 2 to 5 of taking changes: order, authenticate, judge, apply. `whole`: the
    /// document these changes were read from, kept instead of applying them when all pass.
    fn judge(
        &mut self,
        items: Vec<(Change, Option<ChangeSignature>)>,
        mut report: IngestReport,
        whole: Option<Automerge>,
    ) -> IngestReport {
        self.journal.begin_batch();
        // 2. Order the batch so dependencies come first. 3. Authenticate newest first: a
        //    valid signature vouches for the author's earlier changes that it builds on, so
        //    one verification per author usually covers a whole batch.
        let mut walk = Walk::new(&items, |a, h, sig| {
            a.verify_change(&self.id, h, sig).is_ok()
        });
        // 4. Judge oldest first and register what passes. A change that needs its past's
        //    state (`group::past`) is judged against a document that holds its past: the
        //    loaded one, or ours once the changes accepted before it are applied ("flushed").
        let mut accepted_idx = Vec::new();
        let mut flushed = 0;
        let mut failed = None;
        let mut events = false;
        let order = std::mem::take(&mut walk.order);
        for &i in &order {
            let (change, signature) = &items[i];
            let hash = change.hash();
            let ledger = self.ledger.as_ref();
            let Some(verdict) = walk.before(
                i,
                change,
                &self.rejected,
                |d| ledger.is_some_and(|l| l.contains(d)),
                &mut report,
            ) else {
                continue;
            };
            let judged = verdict.and_then(|()| match self.prepare(change) {
                Ok(Step::Done(admitted)) => Ok(admitted),
                Ok(Step::Judge(prepared)) => {
                    if !prepared.classified.past.is_empty()
                        && whole.is_none()
                        && flushed < accepted_idx.len()
                    {
                        let pending = accepted_idx[flushed..]
                            .iter()
                            .map(|&j: &usize| items[j].0.clone());
                        if let Err(e) = self.doc_mut().apply_changes(pending) {
                            failed = Some(e);
                            return Err(None);
                        }
                        flushed = accepted_idx.len();
                    }
                    self.check_past(change, &prepared, whole.as_ref())
                        .map_err(Some)?;
                    Ok(self.register(change, *prepared))
                }
                Err(why) => Err(Some(why)),
            });
            if failed.is_some() {
                break;
            }
            let outcome = judged.map(|admitted| {
                events |= admitted.event;
                if admitted.held {
                    report
                        .held
                        .push((hash, Rejection::NewerSchema(self.known + 1)));
                }
                if let Some(sig) = *signature {
                    Arc::make_mut(&mut self.signatures).insert(hash, sig);
                }
            });
            if walk.settle(i, hash, outcome, &mut self.rejected, &mut report) {
                accepted_idx.push(i);
            }
        }
        if accepted_idx.is_empty() && failed.is_none() {
            return report;
        }
        // What is not accepted is dropped before the rest is applied; the accepted changes,
        // in the order they passed, are moved into the document (those flushed already are
        // in it).
        let n = items.len();
        let mut slots: Vec<Option<(Change, Option<ChangeSignature>)>> =
            items.into_iter().map(Some).collect();
        let accepted: Vec<(Change, Option<ChangeSignature>)> = accepted_idx
            .iter()
            .filter_map(|&i| slots[i].take())
            .collect();
        drop(slots);
        let hashes: Vec<ChangeHash> = accepted.iter().map(|(c, _)| c.hash()).collect();
        let applied = match (failed, whole.filter(|_| accepted.len() == n)) {
            (Some(e), _) => Err(e),
            (None, Some(doc)) => {
                self.doc = Arc::new(doc.with_actor(self.actor.clone()));
                self.journal.reset();
                report.accepted = accepted
                    .into_iter()
                    .map(|(c, signature)| (c.hash(), signed_copy(&c, signature)))
                    .collect();
                Ok(())
            }
            (None, None) => {
                let mut changes = Vec::with_capacity(accepted.len());
                for (k, (c, signature)) in accepted.into_iter().enumerate() {
                    report.accepted.push((c.hash(), signed_copy(&c, signature)));
                    if k >= flushed {
                        changes.push(c);
                    }
                }
                let applied = self.doc_mut().apply_changes(changes);
                if applied.is_ok() {
                    for (h, c) in &report.accepted {
                        self.recent.add(*h, &c.bytes);
                    }
                }
                applied
            }
        };
        if let Err(e) = applied {
            // Automerge refused what our checks let through: rebuild the ledger from the
            // document so the two agree again, and report the batch as refused (core has no
            // logger; the report carries Automerge's reason).
            report.accepted.clear();
            let _ = self.rebuild_ledger();
            for h in hashes {
                if !self.ledger.as_ref().is_some_and(|l| l.contains(&h)) {
                    Arc::make_mut(&mut self.signatures).remove(&h);
                    report
                        .rejected
                        .push((Some(h), Rejection::Malformed(e.to_string())));
                }
            }
            return report;
        }
        if let Some(ledger) = self.ledger.as_mut().map(Arc::make_mut) {
            if events {
                report.revocations_changed = ledger.resolve();
            } else {
                for h in &hashes {
                    report.revocations_changed |= ledger.settle_plain(*h);
                }
            }
        }
        if report.revocations_changed {
            self.journal.reset();
        }
        report
    }

    /// The permanent checks of one authenticated change whose dependencies are all present
    /// (in the document too); registers it in the ledger when it passes.
    pub(super) fn admit(&mut self, change: &Change) -> Result<Admitted, Rejection> {
        match self.prepare(change)? {
            Step::Done(admitted) => Ok(admitted),
            Step::Judge(prepared) => {
                self.check_past(change, &prepared, None)?;
                Ok(self.register(change, *prepared))
            }
        }
    }

    /// The checks of a change that need only the change and the ledger. The group's first
    /// change is admitted here.
    fn prepare(&mut self, change: &Change) -> Result<Step, Rejection> {
        let author = author_of_actor(change.actor_id())
            .ok_or_else(|| Rejection::Malformed("the author id is malformed".into()))?;
        if !change.extra_bytes().is_empty() {
            return Err(Rejection::Malformed("unexpected extra bytes".into()));
        }
        let genesis = change.deps().is_empty();
        if genesis {
            if self.ledger.is_some() || change.hash().0 != *self.id.as_bytes() {
                return Err(Rejection::WrongGroup);
            }
            let mut ledger = Ledger::new(author);
            let decoded = decode_ops(change)?;
            let classified = classify(&decoded, author, true, self.known, |a, c| ledger.loc(a, c))?;
            ledger.register(new_change(change, author), classified);
            self.ledger = Some(Arc::new(ledger));
            self.journal.reset();
            return Ok(Step::Done(Admitted {
                event: true,
                held: false,
            }));
        }
        let ledger = self
            .ledger
            .as_mut()
            .map(Arc::make_mut)
            .ok_or(Rejection::WrongGroup)?;
        if change.seq() != ledger.next_seq(change.actor_id()) {
            return Err(Rejection::Malformed("out-of-sequence change".into()));
        }
        let decoded = decode_ops(change)?;
        let classified = classify(&decoded, author, false, self.known, |a, c| ledger.loc(a, c))?;
        ledger.check_new(author, change.hash(), change.deps(), &classified)?;
        Ok(Step::Judge(Box::new(Prepared {
            author,
            decoded,
            classified,
        })))
    }

    /// The checks of a change against the state of its causal past (`group::past`), read
    /// from `whole` or, without it, from our document, which must hold that past.
    fn check_past(
        &self,
        change: &Change,
        prepared: &Prepared,
        whole: Option<&Automerge>,
    ) -> Result<(), Rejection> {
        if prepared.classified.past.is_empty() {
            return Ok(());
        }
        let ledger = self.ledger.as_ref().ok_or(Rejection::WrongGroup)?;
        super::past::check(
            whole.unwrap_or(&self.doc),
            ledger,
            prepared.author,
            change.deps(),
            &prepared.classified.past,
        )
    }

    /// Registers a change that passed every check.
    fn register(&mut self, change: &Change, prepared: Prepared) -> Admitted {
        let held = prepared.classified.held;
        let Some(ledger) = self.ledger.as_mut().map(Arc::make_mut) else {
            return Admitted { event: false, held };
        };
        let event = ledger.register(new_change(change, prepared.author), prepared.classified);
        self.journal.record(&prepared.decoded);
        Admitted { event, held }
    }
}

/// Where [`Group::prepare`] left a change.
enum Step {
    /// Admitted already (the group's first change).
    Done(Admitted),
    /// To be checked against its past, then registered.
    Judge(Box<Prepared>),
}

/// A change that passed the checks of [`Group::prepare`].
struct Prepared {
    author: crate::identity::DeviceId,
    decoded: automerge::ExpandedChange,
    classified: crate::schema::Classified,
}

/// What admitting a change found.
pub(super) struct Admitted {
    /// It is a membership event (or a schema upgrade): validity must be settled again.
    pub(super) event: bool,
    /// It is held, not judged (it needs a newer Causeway).
    pub(super) held: bool,
}

/// Decodes one change from a peer, refusing compressed chunks (whose inflation Automerge does
/// not bound) and oversized input before Automerge sees the bytes.
pub(crate) fn decode_change(bytes: &[u8]) -> Result<Change, Rejection> {
    const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
    const CHANGE_CHUNK: u8 = 1;
    if bytes.len() > MAX_CHANGE_BYTES {
        return Err(Rejection::Malformed("change too large".into()));
    }
    if bytes.len() < 9 || bytes[..4] != MAGIC {
        return Err(Rejection::Malformed("not an Automerge change".into()));
    }
    if bytes[8] != CHANGE_CHUNK {
        return Err(Rejection::Malformed(
            "only uncompressed change chunks are accepted".into(),
        ));
    }
    Change::try_from(bytes).map_err(|e| Rejection::Malformed(e.to_string()))
}

/// The bytes of an accepted change with its signature, to store and forward.
fn signed_copy(change: &Change, signature: Option<ChangeSignature>) -> SignedChange {
    SignedChange {
        bytes: change.raw_bytes().to_vec(),
        signature,
    }
}

impl crate::walk::Report for IngestReport {
    fn rejected(&mut self) -> &mut Vec<(Option<ChangeHash>, Rejection)> {
        &mut self.rejected
    }
    fn waiting(&mut self) -> &mut Vec<(ChangeHash, super::Waiting)> {
        &mut self.waiting
    }
}
