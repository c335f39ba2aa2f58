//! Making a group: creating a new one, starting an empty one to join, and loading one from
//! what the store holds (rebuilding the ledger when its saved image does not fit).

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use automerge::ReadDoc;
use automerge::transaction::CommitOptions;
use automerge::{ActorId, Automerge, Change, ChangeHash};

use super::{Group, LocalChange, Saved, SignedChange, decode_ops, doc_err, load_doc, recent};
use crate::actor::{actor_for, author_of_actor};
use crate::collections::members::MAX_DISPLAY_NAME;
use crate::collections::{Genesis, NewGroup};
use crate::error::CoreError;
use crate::identity::{ChangeSignature, DeviceId, DeviceKey};
use crate::ids::{GroupId, Timestamp};
use crate::ledger::{Ledger, NewChange};
use crate::order::topological;
use crate::problem::{Field, Problem};
use crate::schema::{AUTHORITY_TAG, Classified, SCHEMA_VERSION, build_genesis, classify};

impl Group {
    /// A group with this document and nothing registered yet.
    fn blank(id: GroupId, key: DeviceKey, actor: ActorId, doc: Automerge) -> Group {
        Group {
            id,
            doc: Arc::new(doc),
            ledger: None,
            signatures: Arc::default(),
            key,
            actor,
            rejected: HashSet::new(),
            recent: recent::RecentChanges::default(),
            known: SCHEMA_VERSION,
            journal: super::journal::Journal::default(),
        }
    }

    /// Creates a new group owned by `key`'s device. Returns the group and its first change
    /// (whose hash is the group id), to be stored.
    pub fn create(
        key: DeviceKey,
        actor_suffix: [u8; 8],
        now: Timestamp,
        new: &NewGroup,
        owner_name: &str,
    ) -> Result<(Group, LocalChange), CoreError> {
        new.validate()?;
        let owner_name = owner_name.trim();
        if owner_name.is_empty() {
            return Err(CoreError::InvalidInput(Problem::NameBeforeCreating));
        }
        if owner_name.chars().count() > MAX_DISPLAY_NAME {
            return Err(CoreError::InvalidInput(Problem::TooLong {
                field: Field::DisplayName,
                max: MAX_DISPLAY_NAME,
            }));
        }
        let me = key.id();
        let actor = actor_for(me, actor_suffix);
        let mut doc = Automerge::new().with_actor(actor.clone());
        let mut tx = doc.transaction();
        let genesis = Genesis {
            owner: me,
            owner_name,
            new,
            now,
        };
        build_genesis(&mut tx, &genesis).map_err(doc_err)?;
        let opts = CommitOptions::default()
            .with_message(AUTHORITY_TAG)
            .with_time(now.0 / 1000);
        let (hash, _) = tx.commit_with(opts);
        let hash = hash.ok_or_else(|| CoreError::Document("the new group is empty".into()))?;
        let id = GroupId::from_bytes(hash.0);
        let empty = Automerge::new().with_actor(actor.clone());
        let mut group = Group::blank(id, key, actor, empty);
        let change = doc
            .get_change_by_hash(&hash)
            .ok_or(CoreError::MissingChange(hash))?;
        let signature = group.key.sign_change(&group.id, &hash);
        let signed = SignedChange {
            bytes: change.raw_bytes().to_vec(),
            signature: Some(signature),
        };
        let report = group.ingest(vec![signed.clone()]);
        if let Some((_, why)) = report.rejected.first() {
            return Err(CoreError::Document(format!(
                "the new group failed its own checks: {why}"
            )));
        }
        Ok((
            group,
            LocalChange {
                hash,
                bytes: signed.bytes,
                signature,
            },
        ))
    }

    /// An empty group about to receive its history from other members (joining).
    pub fn joining(id: GroupId, key: DeviceKey, actor_suffix: [u8; 8]) -> Group {
        let actor = actor_for(key.id(), actor_suffix);
        let doc = Automerge::new().with_actor(actor.clone());
        Group::blank(id, key, actor, doc)
    }

    /// Rebuilds a group from what the store holds: the document and ledger saved at the last
    /// compaction (if any), the stored signatures, and the changes logged after it. Everything
    /// stored was validated on arrival. A saved ledger is used when it describes exactly the
    /// saved document (same heads); otherwise, or when it cannot be read, the ledger is rebuilt
    /// from the document's own history.
    pub fn load(
        id: GroupId,
        key: DeviceKey,
        actor_suffix: [u8; 8],
        saved: Option<Saved<'_>>,
        signatures: impl IntoIterator<Item = (ChangeHash, ChangeSignature)>,
        logged: impl IntoIterator<Item = SignedChange>,
    ) -> Result<Group, CoreError> {
        let actor = actor_for(key.id(), actor_suffix);
        let (mut doc, image) = match saved {
            Some(s) => (load_doc(s.doc)?, s.ledger),
            None => (Automerge::new(), None),
        };
        let genesis = ChangeHash(*id.as_bytes());
        let ledger = image
            .and_then(|bytes| Ledger::from_image(bytes, genesis).ok())
            .filter(|l| l.heads() == sorted(doc.get_heads()));
        let mut sigs: HashMap<ChangeHash, ChangeSignature> = signatures.into_iter().collect();
        let mut changes = Vec::new();
        for record in logged {
            let change = Change::try_from(&record.bytes[..])
                .map_err(|e| CoreError::Document(format!("a logged change cannot be read: {e}")))?;
            if let Some(sig) = record.signature {
                sigs.insert(change.hash(), sig);
            }
            changes.push(change);
        }
        doc.apply_changes(changes.iter().cloned())
            .map_err(doc_err)?;
        doc.set_actor(actor.clone());
        let mut group = Group::blank(id, key, actor, doc);
        group.ledger = ledger.map(Arc::new);
        group.signatures = Arc::new(sigs);
        if group.ledger.is_none() || group.register_logged(changes).is_err() {
            group.rebuild_ledger()?;
        }
        Ok(group)
    }

    /// Registers logged changes on top of a ledger read from its image, as
    /// [`Group::rebuild_ledger`] registers every change. Fails when the result does not match
    /// the document (the caller then rebuilds).
    fn register_logged(&mut self, changes: Vec<Change>) -> Result<(), CoreError> {
        let mismatch = || CoreError::Document("the saved ledger does not match the log".into());
        let ledger = self
            .ledger
            .as_mut()
            .map(Arc::make_mut)
            .ok_or_else(mismatch)?;
        let mut added = false;
        for change in topological(changes) {
            let fresh = !ledger.contains(&change.hash())
                && change.deps().iter().all(|d| ledger.contains(d));
            if !fresh {
                continue;
            }
            let author = author_of_actor(change.actor_id()).ok_or_else(mismatch)?;
            let decoded = decode_ops(&change).map_err(|_| mismatch())?;
            let classified = classify(&decoded, author, false, self.known, |a, c| ledger.loc(a, c))
                .map_err(|_| mismatch())?;
            ledger.register(new_change(&change, author), classified);
            added = true;
        }
        if added {
            ledger.resolve();
        }
        if ledger.heads() == sorted(self.doc.get_heads()) {
            Ok(())
        } else {
            Err(mismatch())
        }
    }

    /// The ledger in the form [`Group::load`] reads back ([`Saved::ledger`]), to be stored
    /// with the document saved at the same moment. `None` for a group that holds nothing yet.
    /// Takes about a third of the time [`Group::save`] does.
    pub fn ledger_image(&self) -> Option<Vec<u8>> {
        self.ledger.as_ref()?.to_image()
    }

    /// Builds the ledger again from every change in the document, in the one order every
    /// rebuild uses.
    pub(super) fn rebuild_ledger(&mut self) -> Result<(), CoreError> {
        self.ledger = None;
        // What shows may change anywhere: views read everything again.
        self.journal.reset();
        let all = self.doc.get_changes(&[]);
        for change in topological(all) {
            let genesis = change.deps().is_empty();
            if genesis && change.hash().0 != *self.id.as_bytes() {
                return Err(CoreError::Document(
                    "the document holds another group's history".into(),
                ));
            }
            let author = author_of_actor(change.actor_id()).ok_or_else(|| {
                CoreError::Document("a stored change has a malformed author".into())
            })?;
            if genesis {
                self.ledger = Some(Arc::new(Ledger::new(author)));
            }
            let ledger =
                self.ledger.as_mut().map(Arc::make_mut).ok_or_else(|| {
                    CoreError::Document("the group's first change is missing".into())
                })?;
            let decoded = decode_ops(&change)
                .map_err(|e| CoreError::Document(format!("a stored change is damaged ({e})")))?;
            let classified = match classify(&decoded, author, genesis, self.known, |a, c| {
                ledger.loc(a, c)
            }) {
                Ok(c) => c,
                Err(e) if genesis => {
                    return Err(CoreError::Document(format!(
                        "the group's first change no longer passes the rules ({e})"
                    )));
                }
                // A stored change that this build refuses: one an older build held without
                // judging it (a forged change in a collection it did not know). It stays
                // stored and is passed on as before, and stays masked in every view, so the
                // group still opens and nothing stored is lost.
                Err(_) => Classified::masked(),
            };
            ledger.register(new_change(&change, author), classified);
        }
        if let Some(ledger) = self.ledger.as_mut().map(Arc::make_mut) {
            ledger.resolve();
        }
        Ok(())
    }
}

/// What the ledger registers of a change.
pub(super) fn new_change(change: &Change, author: DeviceId) -> NewChange<'_> {
    NewChange {
        hash: change.hash(),
        actor: change.actor_id(),
        seq: change.seq(),
        author,
        deps: change.deps(),
        start_op: change.start_op().get(),
        ops: change.len() as u64,
    }
}

/// Heads in the order [`Ledger::heads`] gives them.
fn sorted(mut heads: Vec<ChangeHash>) -> Vec<ChangeHash> {
    heads.sort_unstable();
    heads
}
