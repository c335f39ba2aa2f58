//! Shared documents: rich text a group writes together, each its own Automerge document bound
//! to its group (ARCHITECTURE.md, "Shared documents"; PROTOCOL.md, "Shared documents").
//!
//! A [`SharedDoc`] holds one document: its Automerge history, the signatures of its changes,
//! and what the rules know of its objects. Every change, local or remote, passes one gate
//! ([`SharedDoc::ingest`]): its shape, its signature, and its author's right to edit as of
//! the group heads the change names, which the group answers through [`Binding`]. Nothing in
//! this module reads the group's document itself.
//!
//! `edit` writes local changes, `ingest` judges remote ones, `view` reads the text as blocks
//! and runs, `markdown` converts to and from Markdown, `history` reads versions and diffs.

use std::collections::{HashMap, HashSet};

use automerge::{ActorId, Automerge, ChangeHash, ObjId as ExId, ReadDoc, TextEncoding};

use crate::error::CoreError;
use crate::identity::{ChangeSignature, DeviceId, DeviceKey};
use crate::ids::{DocId, GroupId};

pub(crate) mod rules;

mod edit;
mod history;
mod ingest;
mod markdown;
mod revoke;
mod view;

#[cfg(test)]
mod tests;

pub use edit::{Edit, Format};
pub use history::{DiffRun, DocSummary, Version};
pub use ingest::DocIngestReport;
pub use markdown::{MAX_MARKDOWN_BYTES, MarkdownError, from_markdown, to_markdown};
pub use view::{Block, BlockKind, RichText, Run};

/// Most characters (Unicode code points) a document's text may hold: a change whose text, as
/// its own past left it plus what it inserts, would be longer is refused.
pub const MAX_TEXT_CHARS: usize = 2 << 20;

/// Most group heads a document change may name.
pub const MAX_GROUP_HEADS: usize = 16;

/// The start of every document change's message: the group heads it was written under follow.
const MESSAGE_TAG: &str = "causeway:doc ";
/// The same, for a change that starts a version of its own in the history (an import, a
/// restore, a whole new text from the command line), whatever came just before it.
const VERSION_TAG: &str = "causeway:doc-version ";

/// The text encoding of every document: positions count Unicode code points, as egui's text
/// editing does, so a cursor from the window is a position in the document unchanged.
pub const ENCODING: TextEncoding = TextEncoding::UnicodeCodePoint;

/// What a document needs to know of its group: whether the group holds the heads a change
/// names, and who may edit. The group implements it from its `documents` collection and its
/// membership ledger; tests implement it by hand.
pub trait Binding {
    /// Whether the group holds every one of these changes.
    fn holds(&self, heads: &[ChangeHash]) -> bool;

    /// Whether `who` may edit the document as of the group heads `at` (which the group
    /// holds): a member there, allowed by the document's editors rule there. Where the
    /// group lists no such document at `at`, only its `creator` may write (the document's
    /// first changes come before its entry in the group).
    fn may_edit_at(&self, doc: &DocId, creator: DeviceId, who: DeviceId, at: &[ChangeHash])
    -> bool;

    /// Whether `who`'s changes count now, after every removal and editors change the group
    /// holds.
    fn standing(&self, doc: &DocId, creator: DeviceId, who: DeviceId) -> Standing;
}

/// Whether someone's changes to a document count now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// They may edit: all their changes count.
    Editor,
    /// They may not edit any more: only their changes in the causal past of these document
    /// heads count (what whoever took the right away had seen); the rest are revoked.
    Until(Vec<ChangeHash>),
}

/// A change of a document made on this device, ready to store and send.
pub type DocChange = crate::group::LocalChange;

/// One shared document, as held by one device.
pub struct SharedDoc {
    group: GroupId,
    id: DocId,
    /// Who made the document (the author of its first change).
    creator: DeviceId,
    doc: Automerge,
    text: ExId,
    /// What the gate knows of the document's history, built when the first change is
    /// judged (a document only read never builds it).
    judged: Option<ingest::Judged>,
    signatures: HashMap<ChangeHash, ChangeSignature>,
    rejected: HashSet<ChangeHash>,
    /// The group heads this device's last change here named (sorted), while it runs.
    named_by_me: Option<Vec<ChangeHash>>,
}

impl std::fmt::Debug for SharedDoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedDoc")
            .field("group", &self.group)
            .field("id", &self.id)
            .field("heads", &self.doc.get_heads().len())
            .finish()
    }
}

impl SharedDoc {
    /// An empty document waiting for its first change (a member who has not received it yet).
    pub fn empty(group: GroupId, id: DocId) -> SharedDoc {
        SharedDoc {
            group,
            id,
            creator: DeviceId::from_bytes([0; 32]),
            doc: Automerge::new_with_encoding(ENCODING),
            text: ExId::Root,
            judged: None,
            signatures: HashMap::new(),
            rejected: HashSet::new(),
            named_by_me: None,
        }
    }

    /// Opens a document from what this device stored: its saved document (if it was ever
    /// compacted) with the signatures saved beside it, and the changes logged after. Trusted:
    /// every change passed the gate when it came; what Automerge cannot read is an error.
    pub fn load(
        group: GroupId,
        id: DocId,
        saved: Option<&[u8]>,
        signatures: impl IntoIterator<Item = (ChangeHash, ChangeSignature)>,
        logged: Vec<crate::group::SignedChange>,
    ) -> Result<SharedDoc, CoreError> {
        let mut shared = SharedDoc::empty(group, id);
        if let Some(bytes) = saved {
            let options = automerge::LoadOptions::new().text_encoding(ENCODING);
            shared.doc = ingest::caught(|| Automerge::load_with_options(bytes, options))
                .ok_or_else(|| CoreError::Document("the document cannot be decoded".into()))?
                .map_err(doc_err)?;
        }
        shared.signatures.extend(signatures);
        let mut changes = Vec::with_capacity(logged.len());
        for c in logged {
            let change = crate::group::decode_change(&c.bytes)
                .map_err(|e| CoreError::Document(e.to_string()))?;
            if let Some(sig) = c.signature {
                shared.signatures.insert(change.hash(), sig);
            }
            changes.push(change);
        }
        ingest::caught(|| shared.doc.apply_changes(changes))
            .ok_or_else(|| CoreError::Document("the document cannot be decoded".into()))?
            .map_err(doc_err)?;
        if !shared.doc.get_heads().is_empty() {
            shared.text = text_obj(&shared.doc)?;
            if let Some(by) = shared
                .doc
                .get_change_meta_by_hash(&ChangeHash(*id.as_bytes()))
                .and_then(|m| crate::actor::author_of_actor(&m.actor))
            {
                shared.creator = by;
            }
        }
        Ok(shared)
    }

    /// Creates a new document in `group`, written under the group heads `group_heads` by
    /// `key`'s device. Returns it and its first change (whose hash is the document's id).
    pub fn create(
        group: GroupId,
        key: &DeviceKey,
        actor_suffix: [u8; 8],
        group_heads: &[ChangeHash],
        now: crate::ids::Timestamp,
    ) -> Result<(SharedDoc, DocChange), CoreError> {
        let actor = crate::actor::actor_for(key.id(), actor_suffix);
        let mut doc = Automerge::new_with_encoding(ENCODING).with_actor(actor);
        let mut tx = doc.transaction();
        automerge::transaction::Transactable::put_object(
            &mut tx,
            automerge::ROOT,
            rules::TEXT_KEY,
            automerge::ObjType::Text,
        )
        .map_err(doc_err)?;
        let mut opts = automerge::transaction::CommitOptions::default().with_time(now.0 / 1000);
        if let Some(m) = message(group_heads, false, false)? {
            opts = opts.with_message(m);
        }
        let (hash, _) = tx.commit_with(opts);
        let hash = hash.ok_or_else(|| CoreError::Document("the new document is empty".into()))?;
        let id = DocId::from_bytes(hash.0);
        let change = doc
            .get_change_by_hash(&hash)
            .ok_or(CoreError::MissingChange(hash))?;
        let signature = key.sign_doc_change(&group, &id, &hash);
        let mut shared = SharedDoc::empty(group, id);
        shared.doc = doc;
        shared.creator = key.id();
        shared.text = text_obj(&shared.doc)?;
        shared.signatures.insert(hash, signature);
        let mut named = group_heads.to_vec();
        named.sort();
        shared.named_by_me = Some(named);
        Ok((
            shared,
            DocChange {
                hash,
                bytes: change.raw_bytes().to_vec(),
                signature,
            },
        ))
    }

    /// The group the document belongs to.
    pub fn group(&self) -> GroupId {
        self.group
    }

    /// The document's id.
    pub fn id(&self) -> DocId {
        self.id
    }

    /// Who made the document; `None` while its first change has not arrived.
    pub fn creator(&self) -> Option<DeviceId> {
        self.has_text().then_some(self.creator)
    }

    /// Whether the document's first change is here (it has a text to show).
    pub fn has_text(&self) -> bool {
        self.text != ExId::Root
    }

    /// The current heads of the document's history.
    pub fn heads(&self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    /// Whether the document holds this change.
    pub fn has_change(&self, hash: &ChangeHash) -> bool {
        self.doc.get_change_by_hash(hash).is_some()
    }

    /// How many changes the document holds.
    pub fn change_count(&self) -> usize {
        self.doc.get_changes_meta(&[]).len()
    }

    /// The Automerge document (what `@automerge/automerge` loads when saved).
    pub fn doc(&self) -> &Automerge {
        &self.doc
    }

    /// The text object.
    pub fn text_id(&self) -> &ExId {
        &self.text
    }

    /// The stored signature of a change.
    pub fn signature(&self, hash: &ChangeHash) -> Option<ChangeSignature> {
        self.signatures.get(hash).copied()
    }

    /// The signatures a saved document needs: per actor, that of its latest change held
    /// (which vouches for everything the actor wrote before it, so every batch this device
    /// sends carries a signature for each author in it). The others are not kept.
    pub fn signatures_to_keep(&self) -> Vec<(ChangeHash, ChangeSignature)> {
        let mut latest: HashMap<ActorId, (u64, ChangeHash)> = HashMap::new();
        for hash in self.signatures.keys() {
            let Some(meta) = self.doc.get_change_meta_by_hash(hash) else {
                continue;
            };
            let seq = meta.seq;
            let e = latest
                .entry(meta.actor.into_owned())
                .or_insert((seq, *hash));
            if seq > e.0 {
                *e = (seq, *hash);
            }
        }
        let mut out: Vec<(ChangeHash, ChangeSignature)> = latest
            .into_values()
            .filter_map(|(_, h)| self.signatures.get(&h).map(|s| (h, *s)))
            .collect();
        out.sort_by_key(|(h, _)| *h);
        out
    }

    /// How many characters the text holds now (block markers count as one).
    pub fn len(&self) -> usize {
        if self.has_text() {
            self.doc.length(&self.text)
        } else {
            0
        }
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The whole document in Automerge's compact format, which `@automerge/automerge` loads.
    pub fn save(&self) -> Vec<u8> {
        self.doc.save()
    }

    /// The changes this document holds that a peer with `their_heads` lacks (all of them for
    /// empty heads), with their signatures, oldest first.
    pub fn changes_after(&self, their_heads: &[ChangeHash]) -> Vec<crate::group::SignedChange> {
        let known: Vec<ChangeHash> = their_heads
            .iter()
            .filter(|h| self.has_change(h))
            .copied()
            .collect();
        let changes = self.doc.get_changes(&known);
        let index: HashMap<ChangeHash, usize> = changes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.hash(), i))
            .collect();
        let order = crate::order::topo_order(
            changes.len(),
            |i| changes[i].hash(),
            |i| changes[i].deps(),
            &index,
        );
        let covered = crate::vouch::covered(
            &order,
            |i| crate::actor::author_of_actor(changes[i].actor_id()),
            |i| changes[i].deps(),
            &index,
        );
        order
            .into_iter()
            .map(|i| {
                let c = &changes[i];
                crate::group::SignedChange {
                    bytes: c.raw_bytes().to_vec(),
                    signature: if covered[i] {
                        None
                    } else {
                        self.signatures.get(&c.hash()).copied()
                    },
                }
            })
            .collect()
    }

    /// A copy of this document to read from elsewhere (another thread, without the lock
    /// the original lives under): its history and text, without what the gate keeps
    /// (signatures, the rules' index), so it reads like the original and takes in nothing.
    pub fn copy_for_reading(&self) -> SharedDoc {
        SharedDoc {
            group: self.group,
            id: self.id,
            creator: self.creator,
            doc: self.doc.clone(),
            text: self.text.clone(),
            judged: None,
            signatures: HashMap::new(),
            rejected: HashSet::new(),
            named_by_me: None,
        }
    }

    /// The elements of the text (at `heads`, or now), in order: its characters and block
    /// markers. Automerge's `list_range` also yields the anchors of marks (their value: the
    /// mark's, a boolean, null or an address); a character is a one-code-point string and a
    /// block marker a map, which no mark value is (the rules allow no one-character
    /// address).
    pub(crate) fn elements(
        &self,
        heads: Option<&[ChangeHash]>,
    ) -> impl Iterator<Item = automerge::iter::ListRangeItem<'_>> {
        let items = match heads {
            Some(h) => self.doc.list_range_at(&self.text, .., h),
            None => self.doc.list_range(&self.text, ..),
        };
        items.filter(|item| match &item.value {
            automerge::ValueRef::Object(_) => true,
            automerge::ValueRef::Scalar(automerge::ScalarValueRef::Str(s)) => {
                s.chars().nth(1).is_none()
            }
            _ => false,
        })
    }

    /// The actor this device writes with in this document.
    fn set_actor(&mut self, key: &DeviceKey, suffix: [u8; 8]) {
        let actor: ActorId = crate::actor::actor_for(key.id(), suffix);
        if self.doc.get_actor() != &actor {
            self.doc.set_actor(actor);
        }
    }
}

/// The message of a document change written under `group_heads`; `version`: it starts a
/// version of its own; `same`: the author's previous change in the document named these
/// heads too, so the message only says so: none at all (1 byte instead of 78), or the
/// version tag alone.
fn message(
    group_heads: &[ChangeHash],
    version: bool,
    same: bool,
) -> Result<Option<String>, CoreError> {
    let tag = if version { VERSION_TAG } else { MESSAGE_TAG };
    if same {
        return Ok(version.then(|| tag.trim_end().to_string()));
    }
    if group_heads.is_empty() || group_heads.len() > MAX_GROUP_HEADS {
        return Err(CoreError::Document(format!(
            "a document change names 1 to {MAX_GROUP_HEADS} group heads"
        )));
    }
    let mut heads = group_heads.to_vec();
    heads.sort();
    let list: Vec<String> = heads.iter().map(|h| hex::encode(h.0)).collect();
    Ok(Some(format!("{tag}{}", list.join(","))))
}

/// What a document change's message says of the group heads it was written under.
pub(crate) enum Named {
    /// These heads.
    Heads(Vec<ChangeHash>),
    /// Those its author's previous change in the document named.
    Same,
}

/// The group heads a document change's message names; `None` when it is not of that form.
/// A change without a message names those its author's previous change named.
pub(crate) fn group_heads_of(message: Option<&str>) -> Option<Named> {
    let Some(message) = message else {
        return Some(Named::Same);
    };
    if message == MESSAGE_TAG.trim_end() || message == VERSION_TAG.trim_end() {
        return Some(Named::Same);
    }
    let list = message
        .strip_prefix(MESSAGE_TAG)
        .or_else(|| message.strip_prefix(VERSION_TAG))?;
    let heads: Vec<ChangeHash> = list
        .split(',')
        .map(|h| {
            let bytes: [u8; 32] = hex::decode(h).ok()?.try_into().ok()?;
            Some(ChangeHash(bytes))
        })
        .collect::<Option<_>>()?;
    let sorted = heads.windows(2).all(|w| w[0] < w[1]);
    (!heads.is_empty() && heads.len() <= MAX_GROUP_HEADS && sorted).then_some(Named::Heads(heads))
}

/// Whether a change's message says it starts a version of its own.
fn starts_version(message: Option<&str>) -> bool {
    message.is_some_and(|m| m.starts_with(VERSION_TAG.trim_end()))
}

/// The text object of a document whose first change is applied.
fn text_obj(doc: &Automerge) -> Result<ExId, CoreError> {
    match doc.get(automerge::ROOT, rules::TEXT_KEY) {
        Ok(Some((automerge::Value::Object(automerge::ObjType::Text), id))) => Ok(id),
        Ok(_) => Err(CoreError::Document("the document has no text".into())),
        Err(e) => Err(doc_err(e)),
    }
}

fn doc_err(e: automerge::AutomergeError) -> CoreError {
    CoreError::Document(e.to_string())
}
