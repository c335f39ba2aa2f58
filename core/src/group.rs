//! A group: its Automerge document, the membership ledger, and the change signatures.
//!
//! Every change, local or remote, enters through one gate ([`Group::ingest`] for remote batches,
//! which local actions share through `admit`): signature, structure, and the author's role as of
//! the change's causal history. Rejected changes are never applied.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use automerge::transaction::{CommitOptions, Transactable, Transaction};
use automerge::{
    ActorId, Automerge, AutomergeError, Change, ChangeHash, ObjId as ExId, ObjType, ROOT, ReadDoc,
};

use crate::error::{CoreError, Rejection};
use crate::identity::{ChangeSignature, DeviceId, DeviceKey};
use crate::ids::{GroupId, ItemId, Timestamp};
use crate::ledger::{Ledger, NewChange};
use crate::role::Role;
use crate::schema::{AUTHORITY_TAG, SCHEMA_VERSION, Visibility, classify, key, limit};
use crate::view::{Comment, GroupInfo, Hidden, Member, Post, Removal};

/// Largest single change accepted from elsewhere. Frames are capped earlier by sync.
pub const MAX_CHANGE_BYTES: usize = 4 << 20;

/// Length of an actor id: the 32-byte device id followed by 8 bytes chosen by the device per
/// group and store, so a device that lost its store never reuses sequence numbers.
pub const ACTOR_LEN: usize = 40;
/// How many refused change hashes a group remembers (to refuse them again at once); past
/// that it forgets them all and judges them again if they come back.
const MAX_REMEMBERED_REJECTIONS: usize = 100_000;

/// What the store kept of a group at its last compaction, for [`Group::load`].
#[derive(Clone, Copy, Debug)]
pub struct Saved<'a> {
    /// The saved document ([`Group::save`]).
    pub doc: &'a [u8],
    /// The ledger saved with it ([`Group::ledger_image`]), if any.
    pub ledger: Option<&'a [u8]>,
}

/// A change as it travels and is stored: Automerge's change bytes plus, when needed, the
/// author's signature over its hash. A change may arrive without a signature when a later
/// change by the same author in the same batch is signed: a change hash commits to its whole
/// history, so that signature vouches for every earlier change of the author it builds on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedChange {
    /// Uncompressed Automerge change chunk.
    pub bytes: Vec<u8>,
    /// The author's signature, if sent.
    pub signature: Option<ChangeSignature>,
}

/// A change made on this device, ready to store and send.
#[derive(Clone, Debug)]
pub struct LocalChange {
    /// The change hash.
    pub hash: ChangeHash,
    /// Uncompressed Automerge change chunk.
    pub bytes: Vec<u8>,
    /// This device's signature over the hash.
    pub signature: ChangeSignature,
}

impl From<LocalChange> for SignedChange {
    fn from(c: LocalChange) -> Self {
        SignedChange {
            bytes: c.bytes,
            signature: Some(c.signature),
        }
    }
}

/// A change that came from another device, decoded and checked for its shape (size, chunk
/// type, Automerge's own checks) but not judged yet: [`Group::ingest_decoded`] judges it.
/// Decoding holds the change once, in Automerge's form, so a receiver that decodes each
/// change as it arrives (and drops the bytes it came in) holds a batch about once, and does
/// the decoding work outside whatever lock guards the group.
#[derive(Debug)]
pub struct Incoming {
    change: Change,
    signature: Option<ChangeSignature>,
}

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

/// Why a change could not be accepted yet (it may be later).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Waiting {
    /// Some change it builds on has not arrived.
    MissingDependencies,
    /// It carries no signature and no later signed change of its author vouches for it yet.
    Signature,
}

/// The outcome of [`Group::ingest`].
#[derive(Debug, Default)]
pub struct IngestReport {
    /// Changes now part of the group, in the order they were applied. Store these.
    pub accepted: Vec<(ChangeHash, SignedChange)>,
    /// Changes refused, with the reason. They were not applied.
    pub rejected: Vec<(Option<ChangeHash>, Rejection)>,
    /// Changes that may become acceptable once more arrives, by hash. They are not kept: a
    /// caller that wants to try them again hands them back with the next batch (a peer sends
    /// them again with their dependencies), so a batch of changes that wait costs no memory
    /// once it was judged.
    pub waiting: Vec<(ChangeHash, Waiting)>,
    /// How many were already known.
    pub duplicates: usize,
    /// True when earlier decisions changed (a removal revoked changes, or a revocation lapsed).
    pub revocations_changed: bool,
}

/// What to create a group with.
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

/// A change to the group's description; `None` leaves a field as it is.
#[derive(Clone, Debug, Default)]
pub struct MetaEdit {
    /// New name.
    pub name: Option<String>,
    /// New mission.
    pub mission: Option<String>,
    /// New region.
    pub region: Option<String>,
    /// New visibility.
    pub visibility: Option<Visibility>,
    /// Causes to add.
    pub add_causes: Vec<String>,
    /// Causes to remove.
    pub remove_causes: Vec<String>,
    /// Languages to add.
    pub add_languages: Vec<String>,
    /// Languages to remove.
    pub remove_languages: Vec<String>,
}

/// Which collection an item lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A post.
    Post,
    /// A comment.
    Comment,
}

#[derive(Clone, Debug)]
struct Roots {
    meta: ExId,
    causes: ExId,
    languages: ExId,
    members: ExId,
    posts: ExId,
    comments: ExId,
    reactions: ExId,
}

/// One group, as held by one device. Cloning is cheap: the document, ledger and signatures
/// are shared with the clone, and whichever side changes next copies what it changes
/// (copying the document takes about 60 ms for 100,000 posts). Views are built from a clone,
/// so the original is free for changes meanwhile, and nothing is copied when none arrive.
#[derive(Clone)]
pub struct Group {
    id: GroupId,
    /// Shared with clones until one of them changes it.
    doc: Arc<Automerge>,
    /// Shared with the copies views are built from; a change copies it only while such a
    /// copy is alive.
    ledger: Option<Arc<Ledger>>,
    roots: Option<Roots>,
    /// Shared with view copies, like the ledger.
    signatures: Arc<HashMap<ChangeHash, ChangeSignature>>,
    key: DeviceKey,
    actor: ActorId,
    rejected: HashSet<ChangeHash>,
    /// Bytes of changes added while open, so that sending them on is cheap.
    recent: recent::RecentChanges,
}

impl std::fmt::Debug for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Group")
            .field("id", &self.id)
            .field("changes", &self.ledger.as_ref().map_or(0, |l| l.len()))
            .field("device", &self.key.id())
            .finish()
    }
}

/// Most bytes a whole document from another member may inflate to (see
/// [`Group::ingest_document`]).
pub const MAX_DOCUMENT_INFLATED: u64 = 512 << 20;

/// The actor id this device uses in a group's document.
pub fn actor_for(device: DeviceId, suffix: [u8; 8]) -> ActorId {
    let mut bytes = Vec::with_capacity(ACTOR_LEN);
    bytes.extend_from_slice(device.as_bytes());
    bytes.extend_from_slice(&suffix);
    ActorId::from(bytes)
}

fn author_of_actor(actor: &ActorId) -> Option<DeviceId> {
    let bytes = actor.to_bytes();
    let id: [u8; 32] = bytes.get(..32)?.try_into().ok()?;
    (bytes.len() == ACTOR_LEN).then_some(DeviceId::from_bytes(id))
}

fn doc_err(e: AutomergeError) -> CoreError {
    CoreError::Document(e.to_string())
}

/// Automerge 0.12 panics, instead of returning an error, on some malformed input that it
/// parses: a change whose operations name an actor missing from its actor list fails an
/// `unwrap` in `Change::decode` (found by the `change` fuzz target). Decoding and loading
/// change nothing outside themselves, so the panic is caught and the input refused; nothing
/// is left half-done, and no lock is held across it.
fn caught<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

/// A change's operations, decoded; `Malformed` where Automerge cannot decode them.
fn decode_ops(change: &Change) -> Result<automerge::ExpandedChange, Rejection> {
    caught(|| change.decode())
        .ok_or_else(|| Rejection::Malformed("the change cannot be decoded".into()))
}

/// A saved document, loaded; an error where Automerge cannot load it.
fn load_doc(bytes: &[u8]) -> Result<Automerge, CoreError> {
    caught(|| Automerge::load(bytes))
        .ok_or_else(|| CoreError::Document("the document cannot be decoded".into()))?
        .map_err(doc_err)
}

impl NewGroup {
    /// Checks what a person typed; the error says what to change.
    pub fn validate(&self) -> Result<(), CoreError> {
        let bad = |m: &str| Err(CoreError::InvalidInput(m.to_string()));
        if self.name.trim().is_empty() {
            return bad("give the group a name");
        }
        if self.name.chars().count() > limit::GROUP_NAME {
            return bad("the group name is longer than 100 characters");
        }
        if self.mission.chars().count() > limit::MISSION {
            return bad("the mission is longer than 5,000 characters");
        }
        if self.region.chars().count() > limit::REGION {
            return bad("the region is longer than 100 characters");
        }
        if self
            .causes
            .iter()
            .chain(&self.languages)
            .any(|t| t.trim().is_empty() || t.chars().count() > limit::TAG)
        {
            return bad("causes and languages must be 1 to 64 characters each");
        }
        Ok(())
    }
}

impl Group {
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
        if owner_name.is_empty() || owner_name.chars().count() > limit::DISPLAY_NAME {
            return Err(CoreError::InvalidInput(
                "choose a display name first (1 to 100 characters)".into(),
            ));
        }
        let me = key.id();
        let actor = actor_for(me, actor_suffix);
        let mut doc = Automerge::new().with_actor(actor.clone());
        let mut tx = doc.transaction();
        build_genesis(&mut tx, me, now, new, owner_name).map_err(doc_err)?;
        let opts = CommitOptions::default()
            .with_message(AUTHORITY_TAG)
            .with_time(now.0 / 1000);
        let (hash, _) = tx.commit_with(opts);
        let hash = hash.ok_or_else(|| CoreError::Document("the new group is empty".into()))?;
        let mut group = Group {
            id: GroupId::from_bytes(hash.0),
            doc: Arc::new(Automerge::new().with_actor(actor.clone())),
            ledger: None,
            roots: None,
            signatures: Arc::default(),
            key,
            actor,
            rejected: HashSet::new(),
            recent: recent::RecentChanges::default(),
        };
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
        Group {
            id,
            doc: Arc::new(Automerge::new().with_actor(actor.clone())),
            ledger: None,
            roots: None,
            signatures: Arc::default(),
            key,
            actor,
            rejected: HashSet::new(),
            recent: recent::RecentChanges::default(),
        }
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
        let mut group = Group {
            id,
            doc: Arc::new(doc),
            ledger: ledger.map(Arc::new),
            roots: None,
            signatures: Arc::new(sigs),
            key,
            actor,
            rejected: HashSet::new(),
            recent: recent::RecentChanges::default(),
        };
        if group.ledger.is_some() && group.register_logged(changes).is_ok() {
            group.find_roots();
        } else {
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
            let classified = classify(&decoded, author, false, &|a, c| ledger.loc(a, c))
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

    fn rebuild_ledger(&mut self) -> Result<(), CoreError> {
        self.ledger = None;
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
            let classified = classify(&decoded, author, genesis, &|a, c| ledger.loc(a, c))
                .map_err(|e| CoreError::Document(format!("a stored change no longer passes the rules ({e}); it may come from a newer Causeway")))?;
            ledger.register(new_change(&change, author), classified);
        }
        if let Some(ledger) = self.ledger.as_mut().map(Arc::make_mut) {
            ledger.resolve();
        }
        self.find_roots();
        Ok(())
    }

    fn find_roots(&mut self) {
        let get = |doc: &Automerge, obj: &ExId, k: &str| -> Option<ExId> {
            match doc.get(obj, k) {
                Ok(Some((automerge::Value::Object(_), id))) => Some(id),
                _ => None,
            }
        };
        let d = &self.doc;
        let roots = (|| {
            let meta = get(d, &ROOT, key::META)?;
            Some(Roots {
                causes: get(d, &meta, key::CAUSES)?,
                languages: get(d, &meta, key::LANGUAGES)?,
                meta,
                members: get(d, &ROOT, key::MEMBERS)?,
                posts: get(d, &ROOT, key::POSTS)?,
                comments: get(d, &ROOT, key::COMMENTS)?,
                reactions: get(d, &ROOT, key::REACTIONS)?,
            })
        })();
        self.roots = roots;
    }

    /// The group's id.
    pub fn id(&self) -> GroupId {
        self.id
    }

    /// This device's id.
    pub fn device(&self) -> DeviceId {
        self.key.id()
    }

    /// The Automerge document (read it through the views; writing is reserved to this type).
    pub fn doc(&self) -> &Automerge {
        &self.doc
    }

    /// The current heads of the history.
    pub fn heads(&self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    /// How many changes the group holds.
    pub fn change_count(&self) -> usize {
        self.ledger.as_ref().map_or(0, |l| l.len())
    }

    /// Whether the group holds this change (accepted, possibly revoked).
    pub fn has_change(&self, hash: &ChangeHash) -> bool {
        self.ledger.as_ref().is_some_and(|l| l.contains(hash))
    }

    /// The stored signature of a change, if this device has it.
    pub fn signature(&self, hash: &ChangeHash) -> Option<ChangeSignature> {
        self.signatures.get(hash).copied()
    }

    /// Every stored signature (for compaction).
    pub fn signatures(&self) -> impl Iterator<Item = (&ChangeHash, &ChangeSignature)> {
        self.signatures.iter()
    }

    /// Whether a change is held but revoked (its effects are hidden from every view).
    pub fn is_revoked(&self, hash: &ChangeHash) -> bool {
        self.ledger.as_ref().is_some_and(|l| l.is_revoked(hash))
    }

    /// All revoked changes, sorted.
    pub fn revoked(&self) -> Vec<ChangeHash> {
        let mut v: Vec<_> = self
            .ledger
            .as_ref()
            .map(|l| l.revoked().iter().copied().collect())
            .unwrap_or_default();
        v.sort();
        v
    }

    /// Whether a change was refused by this device (kept in memory only).
    pub fn was_rejected(&self, hash: &ChangeHash) -> bool {
        self.rejected.contains(hash)
    }

    /// Changes that `have` lacks, with the signatures needed to authenticate them: for each
    /// author, the signature of every change that no later change of the same author in the
    /// set builds on.
    /// Hashes in `have` that this group does not hold are ignored.
    pub fn changes_since(&self, have: &[ChangeHash]) -> Vec<SignedChange> {
        let have: Vec<ChangeHash> = have
            .iter()
            .copied()
            .filter(|h| self.has_change(h))
            .collect();
        // Which changes, from the change graph alone; their bytes from the recent ones kept,
        // or (for older ones) rebuilt by Automerge, which is the costly part.
        let metas = self.doc.get_changes_meta(&have);
        if metas.is_empty() {
            return Vec::new();
        }
        let rebuilt: HashMap<ChangeHash, Change> =
            if metas.iter().all(|m| self.recent.get(&m.hash).is_some()) {
                HashMap::new()
            } else {
                self.doc
                    .get_changes(&have)
                    .into_iter()
                    .map(|c| (c.hash(), c))
                    .collect()
            };
        let index: HashMap<ChangeHash, usize> =
            metas.iter().enumerate().map(|(i, m)| (m.hash, i)).collect();
        let order = topo_order(metas.len(), |i| metas[i].hash, |i| &metas[i].deps, &index);
        let authors: Vec<Option<DeviceId>> =
            metas.iter().map(|m| author_of_actor(&m.actor)).collect();
        // Walk newest first; a change reached from a later change of the same author is
        // vouched for and needs no signature of its own.
        let mut covered = vec![false; metas.len()];
        let mut reach: Vec<HashSet<DeviceId>> = vec![HashSet::new(); metas.len()];
        for &i in order.iter().rev() {
            let mut carried = std::mem::take(&mut reach[i]);
            if let Some(a) = authors[i] {
                covered[i] = carried.contains(&a);
                carried.insert(a);
            }
            for d in &metas[i].deps {
                if let Some(&j) = index.get(d) {
                    reach[j].extend(carried.iter().copied());
                }
            }
        }
        order
            .into_iter()
            .filter_map(|i| {
                let hash = metas[i].hash;
                let bytes = match self.recent.get(&hash) {
                    Some(b) => b.to_vec(),
                    None => rebuilt.get(&hash)?.raw_bytes().to_vec(),
                };
                let signature = if covered[i] {
                    None
                } else {
                    self.signatures.get(&hash).copied()
                };
                Some(SignedChange { bytes, signature })
            })
            .collect()
    }

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
            return Err(CoreError::InvalidInput(
                "a whole document is only taken by a group that holds nothing yet".into(),
            ));
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

    /// The whole document for a member who holds nothing yet ([`Group::save`]), and the
    /// signatures that authenticate it ([`Group::signatures_for_peer`]).
    pub fn document_for_peer(&self) -> (Vec<u8>, Vec<(ChangeHash, ChangeSignature)>) {
        (self.save(), self.signatures_for_peer())
    }

    /// The signatures that authenticate the whole document to a member who holds nothing yet:
    /// those of every actor's latest change (each vouches for what its author wrote before
    /// it). They go with this group's [`Group::save`] as of now, or with an earlier save
    /// whose heads are the group's current ones.
    ///
    /// Found among the signatures held (one pass over them, not over the history): per actor,
    /// the signed change that comes last. Two changes of one actor can only start at the same
    /// operation when one of them is empty; both signatures are sent then.
    pub fn signatures_for_peer(&self) -> Vec<(ChangeHash, ChangeSignature)> {
        let Some(ledger) = self.ledger.as_ref() else {
            return Vec::new();
        };
        let mut latest: HashMap<u32, (u64, Vec<(ChangeHash, ChangeSignature)>)> = HashMap::new();
        for (hash, sig) in self.signatures.iter() {
            let Some((actor, start)) = ledger.position(hash) else {
                continue;
            };
            let e = latest.entry(actor).or_insert((start, Vec::new()));
            if start > e.0 {
                *e = (start, Vec::new());
            }
            if start == e.0 {
                e.1.push((*hash, *sig));
            }
        }
        let mut sigs: Vec<(ChangeHash, ChangeSignature)> =
            latest.into_values().flat_map(|(_, s)| s).collect();
        sigs.sort_by_key(|(h, _)| *h);
        sigs
    }

    /// Steps 2 to 5 of taking changes: order, authenticate, judge, apply. `whole`: the
    /// document these changes were read from, kept instead of applying them when all pass.
    fn judge(
        &mut self,
        items: Vec<(Change, Option<ChangeSignature>)>,
        mut report: IngestReport,
        whole: Option<Automerge>,
    ) -> IngestReport {
        // 2. Order the batch so dependencies come first; find what is waiting for missing deps.
        let index: HashMap<ChangeHash, usize> = items
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (c.hash(), i))
            .collect();
        let order = topo_indices(&items, &index);
        // 3. Authenticate newest first: a valid signature vouches for the author's earlier changes
        //    that it builds on, so one verification per author usually covers a whole batch.
        let mut authentic = vec![false; items.len()];
        let mut forged = vec![false; items.len()];
        let mut vouched: Vec<HashSet<DeviceId>> = vec![HashSet::new(); items.len()];
        for &i in order.iter().rev() {
            let (change, signature) = &items[i];
            let author = author_of_actor(change.actor_id());
            let mut carried = std::mem::take(&mut vouched[i]);
            if let Some(a) = author {
                if carried.contains(&a) {
                    authentic[i] = true;
                } else if let Some(sig) = signature {
                    if a.verify_change(&self.id, &change.hash(), sig).is_ok() {
                        authentic[i] = true;
                        carried.insert(a);
                    } else {
                        forged[i] = true;
                    }
                }
            }
            for d in change.deps() {
                if let Some(&j) = index.get(d) {
                    vouched[j].extend(carried.iter().copied());
                }
            }
        }
        // 4. Judge oldest first and register what passes.
        enum Fate {
            Accepted,
            Rejected,
            Waiting,
        }
        let mut fate: Vec<Option<Fate>> = (0..items.len()).map(|_| None).collect();
        let mut accepted_idx = Vec::new();
        let mut events = false;
        for &i in &order {
            let (change, signature) = &items[i];
            let hash = change.hash();
            let mut dep_state = Fate::Accepted;
            for d in change.deps() {
                match index.get(d).and_then(|&j| fate[j].as_ref()) {
                    Some(Fate::Accepted) => {}
                    Some(Fate::Rejected) => dep_state = Fate::Rejected,
                    Some(Fate::Waiting) if !matches!(dep_state, Fate::Rejected) => {
                        dep_state = Fate::Waiting
                    }
                    Some(Fate::Waiting) => {}
                    None => {
                        if self.rejected.contains(d) {
                            dep_state = Fate::Rejected;
                        } else if !self.ledger.as_ref().is_some_and(|l| l.contains(d))
                            && !matches!(dep_state, Fate::Rejected)
                        {
                            dep_state = Fate::Waiting;
                        }
                    }
                }
            }
            let outcome = match dep_state {
                Fate::Rejected => Err(Some(Rejection::DependsOnRejected)),
                Fate::Waiting => Err(None),
                Fate::Accepted if forged[i] => {
                    // The signature is not part of the hash: the same change may still come
                    // with its author's true signature. So a bad one is refused without
                    // remembering the hash, and what builds on it waits as if it had not come.
                    report.rejected.push((Some(hash), Rejection::BadSignature));
                    fate[i] = Some(Fate::Waiting);
                    continue;
                }
                Fate::Accepted if !authentic[i] => {
                    if author_of_actor(change.actor_id()).is_none() {
                        Err(Some(Rejection::Malformed(
                            "the author id is malformed".into(),
                        )))
                    } else {
                        report.waiting.push((hash, Waiting::Signature));
                        fate[i] = Some(Fate::Waiting);
                        continue;
                    }
                }
                Fate::Accepted => self.admit(change).map_err(Some),
            };
            match outcome {
                Ok(is_event) => {
                    events |= is_event;
                    if let Some(sig) = *signature {
                        Arc::make_mut(&mut self.signatures).insert(hash, sig);
                    }
                    fate[i] = Some(Fate::Accepted);
                    accepted_idx.push(i);
                }
                Err(Some(why)) => {
                    // The reason lies in the change itself (its author, its content, its
                    // history), so it is refused again if it comes back.
                    if self.rejected.len() >= MAX_REMEMBERED_REJECTIONS {
                        // Forgetting costs only judging a change again: bounded memory for
                        // a member who sends endless refused changes.
                        self.rejected.clear();
                    }
                    self.rejected.insert(hash);
                    report.rejected.push((Some(hash), why));
                    fate[i] = Some(Fate::Rejected);
                }
                Err(None) => {
                    report.waiting.push((hash, Waiting::MissingDependencies));
                    fate[i] = Some(Fate::Waiting);
                }
            }
        }
        if accepted_idx.is_empty() {
            return report;
        }
        // What is not accepted is dropped before the rest is applied; the accepted changes,
        // in the order they passed, are moved into the document.
        let n = items.len();
        let mut slots: Vec<Option<(Change, Option<ChangeSignature>)>> =
            items.into_iter().map(Some).collect();
        let accepted: Vec<(Change, Option<ChangeSignature>)> = accepted_idx
            .iter()
            .filter_map(|&i| slots[i].take())
            .collect();
        drop(slots);
        let hashes: Vec<ChangeHash> = accepted.iter().map(|(c, _)| c.hash()).collect();
        let had_roots = self.roots.is_some();
        let applied = match whole.filter(|_| accepted.len() == n) {
            Some(doc) => {
                self.doc = Arc::new(doc.with_actor(self.actor.clone()));
                report.accepted = accepted
                    .into_iter()
                    .map(|(c, signature)| (c.hash(), signed_copy(&c, signature)))
                    .collect();
                Ok(())
            }
            None => {
                let mut changes = Vec::with_capacity(accepted.len());
                for (c, signature) in accepted {
                    report.accepted.push((c.hash(), signed_copy(&c, signature)));
                    changes.push(c);
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
        if !had_roots {
            self.find_roots();
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
        report
    }

    /// The permanent checks of one authenticated change whose dependencies are all present;
    /// registers it in the ledger when it passes. Returns whether it is a membership event.
    fn admit(&mut self, change: &Change) -> Result<bool, Rejection> {
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
            let ledger = Ledger::new(author);
            let decoded = decode_ops(change)?;
            let classified = classify(&decoded, author, true, &|a, c| ledger.loc(a, c))?;
            let mut ledger = ledger;
            ledger.register(new_change(change, author), classified);
            self.ledger = Some(Arc::new(ledger));
            return Ok(true);
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
        let classified = classify(&decoded, author, false, &|a, c| ledger.loc(a, c))?;
        ledger.check_new(author, change.hash(), change.deps(), &classified)?;
        Ok(ledger.register(new_change(change, author), classified))
    }

    // ---------------------------------------------------------------- local actions

    /// The document, to change: copied first when a clone (a view build) still shares it.
    fn doc_mut(&mut self) -> &mut Automerge {
        Arc::make_mut(&mut self.doc)
    }

    fn roots(&self) -> Result<Roots, CoreError> {
        self.roots
            .clone()
            .ok_or_else(|| {
                CoreError::NotPermitted(
                    "this group has not arrived on this device yet (if you asked to join, an admin has to approve you first); try again once it shows its posts".into(),
                )
            })
    }

    /// Makes a change on this device through the same gate as remote changes. If the gate
    /// refuses it, the document is restored to what it was and the refusal is returned.
    fn commit_local<F>(
        &mut self,
        now: Timestamp,
        authority: bool,
        build: F,
    ) -> Result<LocalChange, CoreError>
    where
        F: FnOnce(&mut Transaction<'_>, &Roots) -> Result<(), AutomergeError>,
    {
        let roots = self.roots()?;
        let before = self.doc.get_heads();
        let mut tx = self.doc_mut().transaction();
        if let Err(e) = build(&mut tx, &roots) {
            tx.rollback();
            return Err(doc_err(e));
        }
        let mut opts = CommitOptions::default().with_time(now.0 / 1000);
        if authority {
            opts = opts.with_message(AUTHORITY_TAG);
        }
        let (hash, _) = tx.commit_with(opts);
        let hash = hash.ok_or_else(|| CoreError::InvalidInput("nothing to change".into()))?;
        let change = self
            .doc
            .get_change_by_hash(&hash)
            .ok_or(CoreError::MissingChange(hash))?;
        match self.admit(&change) {
            Ok(is_event) => {
                if let Some(ledger) = self.ledger.as_mut().map(Arc::make_mut) {
                    if is_event {
                        ledger.resolve();
                    } else {
                        ledger.settle_plain(hash);
                    }
                }
                let signature = self.key.sign_change(&self.id, &hash);
                Arc::make_mut(&mut self.signatures).insert(hash, signature);
                self.recent.add(hash, change.raw_bytes());
                Ok(LocalChange {
                    hash,
                    bytes: change.raw_bytes().to_vec(),
                    signature,
                })
            }
            Err(why) => {
                let restored = self.doc.fork_at(&before).map_err(doc_err)?;
                self.doc = Arc::new(restored.with_actor(self.actor.clone()));
                self.find_roots();
                Err(CoreError::NotPermitted(local_refusal(&why)))
            }
        }
    }

    /// Writes a new post.
    pub fn post(
        &mut self,
        now: Timestamp,
        id: ItemId,
        title: &str,
        body: &str,
        lang: &str,
    ) -> Result<LocalChange, CoreError> {
        check_len(title, limit::TITLE, "the title")?;
        check_len(body, limit::BODY, "the text")?;
        if title.trim().is_empty() && body.trim().is_empty() {
            return Err(CoreError::InvalidInput(
                "write a title or some text first".into(),
            ));
        }
        let me = self.device().to_hex();
        self.commit_local(now, false, |tx, r| {
            let p = tx.put_object(&r.posts, id.to_hex(), ObjType::Map)?;
            tx.put(&p, key::AUTHOR, me)?;
            tx.put(&p, key::CREATED, now.0)?;
            tx.put(&p, key::TITLE, title)?;
            tx.put(&p, key::BODY, body)?;
            tx.put(&p, key::LANG, lang)?;
            Ok(())
        })
    }

    /// Changes the title and text of one of my posts.
    pub fn edit_post(
        &mut self,
        now: Timestamp,
        id: ItemId,
        title: &str,
        body: &str,
    ) -> Result<LocalChange, CoreError> {
        check_len(title, limit::TITLE, "the title")?;
        check_len(body, limit::BODY, "the text")?;
        let obj = self.own_item(ItemKind::Post, id)?;
        self.commit_local(now, false, |tx, _| {
            tx.put(&obj, key::TITLE, title)?;
            tx.put(&obj, key::BODY, body)?;
            tx.put(&obj, key::EDITED_AT, now.0)?;
            Ok(())
        })
    }

    /// Changes the text of one of my comments.
    pub fn edit_comment(
        &mut self,
        now: Timestamp,
        id: ItemId,
        body: &str,
    ) -> Result<LocalChange, CoreError> {
        check_len(body, limit::BODY, "the comment")?;
        if body.trim().is_empty() {
            return Err(CoreError::InvalidInput("write something first".into()));
        }
        let obj = self.own_item(ItemKind::Comment, id)?;
        self.commit_local(now, false, |tx, _| {
            tx.put(&obj, key::BODY, body)?;
            tx.put(&obj, key::EDITED_AT, now.0)?;
            Ok(())
        })
    }

    /// Deletes one of my posts or comments (its text is cleared; the entry stays as a tombstone).
    pub fn delete_item(
        &mut self,
        now: Timestamp,
        kind: ItemKind,
        id: ItemId,
    ) -> Result<LocalChange, CoreError> {
        let obj = self.own_item(kind, id)?;
        self.commit_local(now, false, |tx, _| {
            if kind == ItemKind::Post {
                tx.put(&obj, key::TITLE, "")?;
            }
            tx.put(&obj, key::BODY, "")?;
            tx.put(&obj, key::DELETED, true)?;
            tx.put(&obj, key::EDITED_AT, now.0)?;
            Ok(())
        })
    }

    /// Comments on a post, optionally replying to a comment on it.
    pub fn comment(
        &mut self,
        now: Timestamp,
        id: ItemId,
        post: ItemId,
        reply_to: Option<ItemId>,
        body: &str,
    ) -> Result<LocalChange, CoreError> {
        check_len(body, limit::BODY, "the comment")?;
        if body.trim().is_empty() {
            return Err(CoreError::InvalidInput("write something first".into()));
        }
        if self.find_item(ItemKind::Post, post).is_none() {
            return Err(CoreError::NotFound("that post".into()));
        }
        let me = self.device().to_hex();
        self.commit_local(now, false, |tx, r| {
            let c = tx.put_object(&r.comments, id.to_hex(), ObjType::Map)?;
            tx.put(&c, key::AUTHOR, me)?;
            tx.put(&c, key::CREATED, now.0)?;
            tx.put(&c, key::POST, post.to_hex())?;
            if let Some(parent) = reply_to {
                tx.put(&c, key::REPLY_TO, parent.to_hex())?;
            }
            tx.put(&c, key::BODY, body)?;
            Ok(())
        })
    }

    /// Sets (or with `None`, withdraws) my reaction to a post or comment.
    pub fn react(
        &mut self,
        now: Timestamp,
        item: ItemId,
        reaction: Option<&str>,
    ) -> Result<LocalChange, CoreError> {
        if let Some(r) = reaction
            && (r.is_empty() || r.len() > limit::REACTION_BYTES)
        {
            return Err(CoreError::InvalidInput(
                "a reaction is one short emoji or word".into(),
            ));
        }
        let k = format!("{}/{}", item.to_hex(), self.device().to_hex());
        self.commit_local(now, false, |tx, r| match reaction {
            Some(v) => tx.put(&r.reactions, &k, v),
            None => tx.delete(&r.reactions, &k),
        })
    }

    /// Hides (moderators and up) someone's post or comment, with a reason everyone can read.
    pub fn hide(
        &mut self,
        now: Timestamp,
        kind: ItemKind,
        id: ItemId,
        reason: &str,
    ) -> Result<LocalChange, CoreError> {
        check_len(reason, limit::REASON, "the reason")?;
        let (obj, _) = self
            .find_item(kind, id)
            .ok_or_else(|| CoreError::NotFound("that item".into()))?;
        let me = self.device().to_hex();
        self.commit_local(now, false, |tx, _| {
            tx.put(&obj, key::HIDDEN, true)?;
            tx.put(&obj, key::HIDDEN_BY, me)?;
            tx.put(&obj, key::HIDDEN_REASON, reason)?;
            tx.put(&obj, key::HIDDEN_AT, now.0)?;
            Ok(())
        })
    }

    /// Makes a hidden post or comment visible again (moderators and up).
    pub fn unhide(
        &mut self,
        now: Timestamp,
        kind: ItemKind,
        id: ItemId,
    ) -> Result<LocalChange, CoreError> {
        let (obj, _) = self
            .find_item(kind, id)
            .ok_or_else(|| CoreError::NotFound("that item".into()))?;
        self.commit_local(now, false, |tx, _| tx.put(&obj, key::HIDDEN, false))
    }

    /// Adds someone (admins and the owner), or re-admits someone who was removed or left.
    pub fn add_member(
        &mut self,
        now: Timestamp,
        who: DeviceId,
        name: &str,
        role: Role,
    ) -> Result<LocalChange, CoreError> {
        check_len(name, limit::DISPLAY_NAME, "the display name")?;
        let name = if name.trim().is_empty() {
            "(no name yet)"
        } else {
            name
        };
        let me = self.device().to_hex();
        let existing = self.member_entry(who);
        self.commit_local(now, true, |tx, r| {
            match existing {
                Some(entry) => {
                    for k in [key::REMOVED_BY, key::REMOVED_AT, key::REMOVED_REASON] {
                        if tx.get(&entry, k)?.is_some() {
                            tx.delete(&entry, k)?;
                        }
                    }
                    tx.put(&entry, key::ROLE, role.as_str())?;
                }
                None => {
                    let m = tx.put_object(&r.members, who.to_hex(), ObjType::Map)?;
                    tx.put(&m, key::ROLE, role.as_str())?;
                    tx.put(&m, key::NAME, name)?;
                    tx.put(&m, key::ADDED_BY, me)?;
                    tx.put(&m, key::ADDED_AT, now.0)?;
                }
            }
            Ok(())
        })
    }

    /// Changes someone's role.
    pub fn set_role(
        &mut self,
        now: Timestamp,
        who: DeviceId,
        role: Role,
    ) -> Result<LocalChange, CoreError> {
        let entry = self
            .member_entry(who)
            .ok_or_else(|| CoreError::NotFound("that member".into()))?;
        self.commit_local(now, true, |tx, _| tx.put(&entry, key::ROLE, role.as_str()))
    }

    /// Removes someone from the group, with a reason members can read.
    pub fn remove_member(
        &mut self,
        now: Timestamp,
        who: DeviceId,
        reason: &str,
    ) -> Result<LocalChange, CoreError> {
        check_len(reason, limit::REASON, "the reason")?;
        if who == self.device() {
            return Err(CoreError::InvalidInput(
                "to leave the group yourself, use leave".into(),
            ));
        }
        self.write_removal(now, who, reason)
    }

    /// Leaves the group.
    pub fn leave(&mut self, now: Timestamp) -> Result<LocalChange, CoreError> {
        self.write_removal(now, self.device(), "")
    }

    fn write_removal(
        &mut self,
        now: Timestamp,
        who: DeviceId,
        reason: &str,
    ) -> Result<LocalChange, CoreError> {
        let entry = self
            .member_entry(who)
            .ok_or_else(|| CoreError::NotFound("that member".into()))?;
        let me = self.device().to_hex();
        self.commit_local(now, true, |tx, _| {
            tx.put(&entry, key::REMOVED_BY, me)?;
            tx.put(&entry, key::REMOVED_AT, now.0)?;
            if !reason.is_empty() {
                tx.put(&entry, key::REMOVED_REASON, reason)?;
            }
            Ok(())
        })
    }

    /// Changes my display name in this group.
    pub fn set_display_name(
        &mut self,
        now: Timestamp,
        name: &str,
    ) -> Result<LocalChange, CoreError> {
        if name.trim().is_empty() {
            return Err(CoreError::InvalidInput("a display name is required".into()));
        }
        check_len(name, limit::DISPLAY_NAME, "the display name")?;
        let entry = self
            .member_entry(self.device())
            .ok_or_else(|| CoreError::NotPermitted("you are not a member of this group".into()))?;
        self.commit_local(now, false, |tx, _| tx.put(&entry, key::NAME, name))
    }

    /// Edits the group's description (admins and the owner).
    pub fn edit_meta(&mut self, now: Timestamp, edit: &MetaEdit) -> Result<LocalChange, CoreError> {
        let probe = NewGroup {
            name: edit.name.clone().unwrap_or_else(|| "x".into()),
            mission: edit.mission.clone().unwrap_or_default(),
            causes: edit.add_causes.clone(),
            region: edit.region.clone().unwrap_or_default(),
            languages: edit.add_languages.clone(),
            visibility: Visibility::Open,
        };
        probe.validate()?;
        self.commit_local(now, false, |tx, r| {
            if let Some(v) = &edit.name {
                tx.put(&r.meta, key::NAME, v.as_str())?;
            }
            if let Some(v) = &edit.mission {
                tx.put(&r.meta, key::MISSION, v.as_str())?;
            }
            if let Some(v) = &edit.region {
                tx.put(&r.meta, key::REGION, v.as_str())?;
            }
            if let Some(v) = edit.visibility {
                tx.put(&r.meta, key::VISIBILITY, v.as_str())?;
            }
            for (set, add, remove) in [
                (&r.causes, &edit.add_causes, &edit.remove_causes),
                (&r.languages, &edit.add_languages, &edit.remove_languages),
            ] {
                for t in add {
                    tx.put(set, t.as_str(), true)?;
                }
                for t in remove {
                    if tx.get(set, t.as_str())?.is_some() {
                        tx.delete(set, t.as_str())?;
                    }
                }
            }
            Ok(())
        })
    }

    // ---------------------------------------------------------------- views

    fn masked(&self, id: &ExId) -> bool {
        match (id, self.ledger.as_ref()) {
            (ExId::Id(counter, actor, _), Some(l)) => l.is_masked(actor, *counter),
            _ => false,
        }
    }

    /// The visible value of `obj[k]`: the winning value among those not written by revoked
    /// changes. When every current value is revoked, the value as it was before the revoked
    /// change shows through.
    fn visible(&self, obj: &ExId, k: &str) -> Option<(automerge::Value<'_>, ExId)> {
        let (best, mut masked) = self.pick(self.doc.get_all(obj, k).ok()?);
        if best.is_some() {
            return best;
        }
        for _ in 0..8 {
            let m = masked?;
            let hash = self.doc.hash_for_opid(&m)?;
            let deps = self.ledger.as_ref()?.deps(&hash)?.to_vec();
            let (b, next) = self.pick(self.doc.get_all_at(obj, k, &deps).ok()?);
            if b.is_some() {
                return b;
            }
            masked = next;
        }
        None
    }

    fn pick<'v>(
        &self,
        vals: Vec<(automerge::Value<'v>, ExId)>,
    ) -> (Option<(automerge::Value<'v>, ExId)>, Option<ExId>) {
        let mut masked = None;
        let mut best: Option<(automerge::Value<'v>, ExId)> = None;
        for (v, id) in vals {
            if self.masked(&id) {
                masked = Some(id);
            } else if best
                .as_ref()
                .is_none_or(|(_, b)| opid_key(&id) > opid_key(b))
            {
                best = Some((v, id));
            }
        }
        (best, masked)
    }

    /// The visible fields of a map object, read in one pass: far cheaper than one lookup per
    /// field when a view reads many objects. A field with concurrent values, or whose winning
    /// value a revoked change wrote, takes the careful path of [`Group::visible`].
    fn fields(&self, obj: &ExId) -> Fields {
        let mut out = Vec::new();
        for item in self.doc.map_range(obj, ..) {
            let value = if item.conflict || self.masked(&item.id()) {
                match self.visible(obj, &item.key) {
                    Some((v, _)) => v.into_owned(),
                    None => continue,
                }
            } else {
                item.value.into_value()
            };
            out.push((item.key.into_owned(), value));
        }
        Fields(out)
    }

    fn text(&self, obj: &ExId, k: &str) -> String {
        self.visible(obj, k)
            .and_then(|(v, _)| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    fn int(&self, obj: &ExId, k: &str) -> Option<i64> {
        self.visible(obj, k).and_then(|(v, _)| v.as_i64())
    }

    fn device_field(&self, obj: &ExId, k: &str) -> Option<DeviceId> {
        DeviceId::from_hex(&self.text(obj, k)).ok()
    }

    fn set_keys(&self, set: &ExId) -> Vec<String> {
        self.doc
            .keys(set)
            .filter(|k| self.visible(set, k).is_some())
            .collect()
    }

    /// The group's description, or `None` before its history has arrived.
    pub fn info(&self) -> Option<GroupInfo> {
        let r = self.roots.as_ref()?;
        Some(GroupInfo {
            id: self.id,
            name: self.text(&r.meta, key::NAME),
            mission: self.text(&r.meta, key::MISSION),
            region: self.text(&r.meta, key::REGION),
            visibility: Visibility::parse(&self.text(&r.meta, key::VISIBILITY))
                .unwrap_or(Visibility::Invite),
            causes: self.set_keys(&r.causes),
            languages: self.set_keys(&r.languages),
            created_at: Timestamp(self.int(&r.meta, key::CREATED_AT).unwrap_or(0)),
            owner: self.ledger.as_ref()?.owner(),
        })
    }

    fn member_entry(&self, who: DeviceId) -> Option<ExId> {
        let r = self.roots.as_ref()?;
        match self.visible(&r.members, &who.to_hex()) {
            Some((automerge::Value::Object(_), id)) => Some(id),
            _ => None,
        }
    }

    /// My current role, `None` when I am not (or no longer) a member.
    pub fn my_role(&self) -> Option<Role> {
        self.role_of(self.device())
    }

    /// Someone's current role as every peer enforces it.
    pub fn role_of(&self, who: DeviceId) -> Option<Role> {
        self.ledger.as_ref()?.current_role(who)
    }

    /// Everyone who is or was a member, owner first, then by name.
    pub fn members(&self) -> Vec<Member> {
        let Some(ledger) = self.ledger.as_ref() else {
            return Vec::new();
        };
        let mut out: Vec<Member> = ledger
            .people()
            .into_iter()
            .filter_map(|id| {
                let e = self.member_entry(id)?;
                let removed = self.device_field(&e, key::REMOVED_BY).map(|by| Removal {
                    by,
                    at: Timestamp(self.int(&e, key::REMOVED_AT).unwrap_or(0)),
                    reason: self.text(&e, key::REMOVED_REASON),
                });
                Some(Member {
                    id,
                    name: self.text(&e, key::NAME),
                    role: ledger.current_role(id),
                    added_by: self.device_field(&e, key::ADDED_BY),
                    added_at: Timestamp(self.int(&e, key::ADDED_AT).unwrap_or(0)),
                    removed,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.role
                .cmp(&a.role)
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
                .then(a.id.cmp(&b.id))
        });
        out
    }

    fn items(&self, kind: ItemKind) -> Vec<(ItemId, ExId, DeviceId)> {
        let Some(r) = self.roots.as_ref() else {
            return Vec::new();
        };
        let coll = match kind {
            ItemKind::Post => &r.posts,
            ItemKind::Comment => &r.comments,
        };
        let mut out = Vec::new();
        let mut take = |id: ItemId, obj: ExId| {
            if let ExId::Id(_, actor, _) = &obj
                && let Some(author) = author_of_actor(actor)
                && !self.masked(&obj)
            {
                out.push((id, obj.clone(), author));
            }
        };
        for item in self.doc.map_range(coll, ..) {
            let Some(id) = ItemId::parse(&item.key) else {
                continue;
            };
            if !item.conflict {
                if matches!(item.value, automerge::ValueRef::Object(_)) {
                    take(id, item.id());
                }
                continue;
            }
            // Two items created under one id: each is shown (by its own author).
            for (v, obj) in self.doc.get_all(coll, &*item.key).unwrap_or_default() {
                if matches!(v, automerge::Value::Object(_)) {
                    take(id, obj);
                }
            }
        }
        out
    }

    fn find_item(&self, kind: ItemKind, id: ItemId) -> Option<(ExId, DeviceId)> {
        self.items(kind)
            .into_iter()
            .find(|(i, ..)| *i == id)
            .map(|(_, o, a)| (o, a))
    }

    fn own_item(&self, kind: ItemKind, id: ItemId) -> Result<ExId, CoreError> {
        let me = self.device();
        self.items(kind)
            .into_iter()
            .find(|(i, _, a)| *i == id && *a == me)
            .map(|(_, o, _)| o)
            .ok_or_else(|| {
                CoreError::NotPermitted("you can only change your own posts and comments".into())
            })
    }

    /// All posts, newest first. Hidden and deleted posts are included and marked.
    pub fn posts(&self) -> Vec<Post> {
        let mut out: Vec<Post> = self
            .items(ItemKind::Post)
            .into_iter()
            .map(|(id, o, author)| {
                let f = self.fields(&o);
                Post {
                    id,
                    author,
                    created: Timestamp(f.int(key::CREATED).unwrap_or(0)),
                    title: f.text(key::TITLE),
                    body: f.text(key::BODY),
                    lang: f.text(key::LANG),
                    edited_at: f.int(key::EDITED_AT).map(Timestamp),
                    deleted: f.flag(key::DELETED),
                    hidden: f.hidden(),
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.created
                .cmp(&a.created)
                .then(a.id.cmp(&b.id))
                .then(a.author.cmp(&b.author))
        });
        out
    }

    /// All comments, oldest first.
    pub fn comments(&self) -> Vec<Comment> {
        let mut out: Vec<Comment> = self
            .items(ItemKind::Comment)
            .into_iter()
            .filter_map(|(id, o, author)| {
                let f = self.fields(&o);
                Some(Comment {
                    id,
                    post: ItemId::parse(&f.text(key::POST))?,
                    reply_to: ItemId::parse(&f.text(key::REPLY_TO)),
                    author,
                    created: Timestamp(f.int(key::CREATED).unwrap_or(0)),
                    body: f.text(key::BODY),
                    edited_at: f.int(key::EDITED_AT).map(Timestamp),
                    deleted: f.flag(key::DELETED),
                    hidden: f.hidden(),
                })
            })
            .collect();
        out.sort_by(|a, b| a.created.cmp(&b.created).then(a.id.cmp(&b.id)));
        out
    }

    /// Reactions to an item: who reacted with what.
    pub fn reactions(&self, item: ItemId) -> Vec<(DeviceId, String)> {
        self.all_reactions().remove(&item).unwrap_or_default()
    }

    /// Every reaction in the group, per item: who reacted with what. One pass over the
    /// reactions map, for views that show many items at once.
    pub fn all_reactions(&self) -> std::collections::HashMap<ItemId, Vec<(DeviceId, String)>> {
        let mut out: std::collections::HashMap<ItemId, Vec<(DeviceId, String)>> =
            std::collections::HashMap::new();
        let Some(r) = self.roots.as_ref() else {
            return out;
        };
        for (k, v) in self.fields(&r.reactions).0 {
            let Some((item, who)) = k.split_once('/') else {
                continue;
            };
            let (Some(item), Ok(who)) = (ItemId::parse(item), DeviceId::from_hex(who)) else {
                continue;
            };
            match v.as_str() {
                Some(v) if !v.is_empty() => out.entry(item).or_default().push((who, v.to_owned())),
                _ => {}
            }
        }
        for list in out.values_mut() {
            list.sort();
        }
        out
    }

    /// The whole document in Automerge's compact format (what other Automerge tools open): one
    /// compressed document chunk, which is also what a member who holds nothing yet is sent
    /// (PROTOCOL.md, "Snapshots").
    pub fn save(&self) -> Vec<u8> {
        self.doc.save_with_options(automerge::SaveOptions {
            deflate: true,
            retain_orphans: false,
        })
    }
}

fn build_genesis(
    tx: &mut Transaction<'_>,
    me: DeviceId,
    now: Timestamp,
    new: &NewGroup,
    owner_name: &str,
) -> Result<(), AutomergeError> {
    tx.put(ROOT, key::VERSION, SCHEMA_VERSION)?;
    let meta = tx.put_object(ROOT, key::META, ObjType::Map)?;
    tx.put(&meta, key::NAME, new.name.trim())?;
    tx.put(&meta, key::MISSION, new.mission.as_str())?;
    tx.put(&meta, key::REGION, new.region.as_str())?;
    tx.put(&meta, key::VISIBILITY, new.visibility.as_str())?;
    tx.put(&meta, key::CREATED_AT, now.0)?;
    let causes = tx.put_object(&meta, key::CAUSES, ObjType::Map)?;
    for c in &new.causes {
        tx.put(&causes, c.trim(), true)?;
    }
    let langs = tx.put_object(&meta, key::LANGUAGES, ObjType::Map)?;
    for l in &new.languages {
        tx.put(&langs, l.trim(), true)?;
    }
    let members = tx.put_object(ROOT, key::MEMBERS, ObjType::Map)?;
    let owner = tx.put_object(&members, me.to_hex(), ObjType::Map)?;
    tx.put(&owner, key::ROLE, Role::Owner.as_str())?;
    tx.put(&owner, key::NAME, owner_name)?;
    tx.put(&owner, key::ADDED_BY, me.to_hex())?;
    tx.put(&owner, key::ADDED_AT, now.0)?;
    tx.put_object(ROOT, key::POSTS, ObjType::Map)?;
    tx.put_object(ROOT, key::COMMENTS, ObjType::Map)?;
    tx.put_object(ROOT, key::REACTIONS, ObjType::Map)?;
    Ok(())
}

fn new_change(change: &Change, author: DeviceId) -> NewChange<'_> {
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

/// Decodes one change from a peer, refusing compressed chunks (whose inflation Automerge does
/// not bound) and oversized input before Automerge sees the bytes.
fn decode_change(bytes: &[u8]) -> Result<Change, Rejection> {
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

/// Heads in the order [`Ledger::heads`] gives them.
fn sorted(mut heads: Vec<ChangeHash>) -> Vec<ChangeHash> {
    heads.sort_unstable();
    heads
}

/// Orders changes so that every change comes after its dependencies in the set (Kahn's
/// algorithm, ties broken by hash so the order is the same everywhere).
fn topological(changes: Vec<Change>) -> Vec<Change> {
    let index: HashMap<ChangeHash, usize> = changes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.hash(), i))
        .collect();
    let pairs: Vec<(Change, ())> = changes.into_iter().map(|c| (c, ())).collect();
    let order = topo_indices(&pairs, &index);
    let mut slots: Vec<Option<Change>> = pairs.into_iter().map(|(c, _)| Some(c)).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

fn topo_indices<T>(items: &[(Change, T)], index: &HashMap<ChangeHash, usize>) -> Vec<usize> {
    topo_order(
        items.len(),
        |i| items[i].0.hash(),
        |i| items[i].0.deps(),
        index,
    )
}

/// Kahn's algorithm over `n` changes given by index, ties broken by hash.
pub(crate) fn topo_order<'a>(
    n: usize,
    hash: impl Fn(usize) -> ChangeHash,
    deps: impl Fn(usize) -> &'a [ChangeHash],
    index: &HashMap<ChangeHash, usize>,
) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, degree) in indegree.iter_mut().enumerate() {
        for d in deps(i) {
            if let Some(&j) = index.get(d) {
                *degree += 1;
                children[j].push(i);
            }
        }
    }
    let mut ready: std::collections::BTreeSet<(ChangeHash, usize)> = (0..n)
        .filter(|&i| indegree[i] == 0)
        .map(|i| (hash(i), i))
        .collect();
    let mut out = Vec::with_capacity(n);
    while let Some(first) = ready.pop_first() {
        let i = first.1;
        out.push(i);
        for &c in &children[i] {
            indegree[c] -= 1;
            if indegree[c] == 0 {
                ready.insert((hash(c), c));
            }
        }
    }
    // A cycle is impossible with hashes, but never lose input: append leftovers.
    if out.len() < n {
        let placed: HashSet<usize> = out.iter().copied().collect();
        out.extend((0..n).filter(|i| !placed.contains(i)));
    }
    out
}

/// An object's visible fields (see `Group::fields`).
struct Fields(Vec<(String, automerge::Value<'static>)>);

impl Fields {
    fn get(&self, k: &str) -> Option<&automerge::Value<'static>> {
        self.0.iter().find(|(key, _)| key == k).map(|(_, v)| v)
    }

    fn text(&self, k: &str) -> String {
        self.get(k)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .unwrap_or_default()
    }

    fn int(&self, k: &str) -> Option<i64> {
        self.get(k).and_then(automerge::Value::as_i64)
    }

    fn flag(&self, k: &str) -> bool {
        self.get(k)
            .and_then(automerge::Value::as_bool)
            .unwrap_or(false)
    }

    fn hidden(&self) -> Option<Hidden> {
        self.flag(key::HIDDEN).then(|| Hidden {
            by: DeviceId::from_hex(&self.text(key::HIDDEN_BY)).ok(),
            reason: self.text(key::HIDDEN_REASON),
        })
    }
}

fn opid_key(id: &ExId) -> (u64, Vec<u8>) {
    match id {
        ExId::Root => (0, Vec::new()),
        ExId::Id(c, a, _) => (*c, a.to_bytes().to_vec()),
    }
}

fn check_len(s: &str, max: usize, what: &str) -> Result<(), CoreError> {
    if s.chars().count() > max {
        return Err(CoreError::InvalidInput(format!(
            "{what} is longer than {max} characters"
        )));
    }
    Ok(())
}

fn local_refusal(why: &Rejection) -> String {
    match why {
        Rejection::NotAMember => "you are not a member of this group any more".into(),
        Rejection::NotPermitted(m) => format!("your role does not allow this ({m})"),
        other => format!("this change was refused: {other}"),
    }
}

mod recent;

#[cfg(test)]
mod tests;

#[cfg(test)]
mod convergence;
