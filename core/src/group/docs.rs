//! The group's side of its shared documents: it lists them (`documents`, schema version 4),
//! answers every document's gate ([`Binding`]) from that list and its membership ledger, and
//! writes document changes with this device's key under its own heads.

use automerge::ChangeHash;
use automerge::transaction::Transaction;

use super::{Group, LocalChange};
use crate::collections::documents::{self, DocEntry, DocSetting, Rule};
use crate::collections::{Edit, Writes};
use crate::docs::{Binding, DocChange, DocIngestReport, SharedDoc, Standing};
use crate::error::CoreError;
use crate::group::SignedChange;
use crate::identity::DeviceId;
use crate::ids::{DocId, Timestamp};
use crate::problem::Problem;
use crate::role::Role;
use crate::schema::DOCUMENTS_SINCE;

impl Binding for Group {
    fn holds(&self, heads: &[ChangeHash]) -> bool {
        heads.iter().all(|h| self.has_change(h))
    }

    fn may_edit_at(
        &self,
        doc: &DocId,
        creator: DeviceId,
        who: DeviceId,
        at: &[ChangeHash],
    ) -> bool {
        let Some(ledger) = self.ledger.as_deref() else {
            return false;
        };
        let role = ledger.role_at(who, at);
        allowed(documents::rule_at(&self.doc, doc, at), creator, who, role)
    }

    fn standing(&self, doc: &DocId, creator: DeviceId, who: DeviceId) -> Standing {
        let r = self.reader();
        if allowed(
            documents::rule_now(&r, doc),
            creator,
            who,
            self.role_of(who),
        ) {
            Standing::Editor
        } else {
            Standing::Until(documents::cutoff(&r, doc, who).unwrap_or_default())
        }
    }
}

/// Whether `who` (of `role` there) may write in a document made by `creator` whose entry,
/// where it has one, is `rule`. Before its entry, only its creator writes; an entry made by
/// someone else than the document's creator binds nobody.
fn allowed(rule: Option<Rule>, creator: DeviceId, who: DeviceId, role: Option<Role>) -> bool {
    match rule {
        None => who == creator && role.is_some(),
        Some(rule) => rule.creator == creator && rule.allows(who, role),
    }
}

impl Group {
    /// The 8 bytes this device's actor id carries after its device id, in this group and
    /// store; its document changes use the same.
    fn actor_suffix(&self) -> [u8; 8] {
        let bytes = self.actor.to_bytes();
        let mut suffix = [0u8; 8];
        if let Some(tail) = bytes.get(32..40) {
            suffix.copy_from_slice(tail);
        }
        suffix
    }

    /// The group's documents, newest first (archived and hidden ones too: the caller
    /// chooses what to list).
    pub fn documents(&self) -> Vec<DocEntry> {
        documents::list(&self.reader())
    }

    /// One document's entry.
    pub fn document(&self, id: &DocId) -> Option<DocEntry> {
        self.documents().into_iter().find(|e| e.id == *id)
    }

    /// Creates a shared document titled `title`, starting from `start` (an import, or
    /// `None` for an empty text). Returns the document, its changes (to store and send with
    /// it), and the group changes that list it (an admin's first document in an older
    /// group raises the schema first; a member's waits for an admin's upgrade).
    pub fn create_document(
        &mut self,
        now: Timestamp,
        title: &str,
        start: Option<&crate::docs::RichText>,
    ) -> Result<(SharedDoc, Vec<DocChange>, Vec<LocalChange>), CoreError> {
        let mut made = self.raise_to(now, DOCUMENTS_SINCE)?;
        let role = self.my_role();
        let heads = self.heads();
        let (mut doc, first) =
            SharedDoc::create(self.id, &self.key, self.actor_suffix(), &heads, now)?;
        // The entry comes first in the group, so that it is checked before anything else.
        let edit = documents::create(&self.reader(), role, self.device(), doc.id(), title, now)?;
        made.push(self.commit_local(now, edit)?);
        let mut changes = vec![first];
        let start = start.filter(|s| !s.blocks.is_empty());
        if let Some(start) = start {
            changes.push(self.edit_document(
                &mut doc,
                now,
                &[crate::docs::Edit::Replace(start.clone())],
            )?);
        }
        Ok((doc, changes, made))
    }

    /// Makes `edits` in `doc` as one change of this device, under the group's heads.
    pub fn edit_document(
        &self,
        doc: &mut SharedDoc,
        now: Timestamp,
        edits: &[crate::docs::Edit],
    ) -> Result<DocChange, CoreError> {
        if doc.group() != self.id {
            return Err(CoreError::NotFound(Problem::DocNotFound));
        }
        doc.edit(
            &self.key,
            self.actor_suffix(),
            &self.heads(),
            now,
            edits,
            self,
        )
    }

    /// The text of `doc` as every member shows it (revoked edits masked).
    pub fn document_text(&self, doc: &SharedDoc) -> Result<crate::docs::RichText, CoreError> {
        doc.shown_text(self)
    }

    /// [`Group::edit_document`] with positions read at the document heads `base` (see
    /// [`SharedDoc::edit_at`]).
    pub fn edit_document_at(
        &self,
        doc: &mut SharedDoc,
        now: Timestamp,
        base: &[ChangeHash],
        edits: &[crate::docs::Edit],
    ) -> Result<DocChange, CoreError> {
        if doc.group() != self.id {
            return Err(CoreError::NotFound(Problem::DocNotFound));
        }
        doc.edit_at(
            &self.key,
            self.actor_suffix(),
            &self.heads(),
            now,
            Some(base),
            edits,
            self,
        )
    }

    /// Takes changes of `doc` from elsewhere, judged against this group.
    pub fn ingest_document_changes(
        &self,
        doc: &mut SharedDoc,
        batch: Vec<SignedChange>,
    ) -> DocIngestReport {
        doc.ingest(batch, self)
    }

    /// [`Group::ingest_document_changes`] for changes decoded as they arrived.
    pub fn ingest_document_changes_decoded(
        &self,
        doc: &mut SharedDoc,
        batch: Vec<Result<crate::group::Incoming, crate::error::Rejection>>,
    ) -> DocIngestReport {
        doc.ingest_decoded(batch, self)
    }

    /// Renames, archives, or chooses who may edit a document (its creator and admins).
    /// `doc` is this device's copy, whose heads become the cutoff of whoever the change of
    /// editors takes the right away from.
    pub fn set_document(
        &mut self,
        now: Timestamp,
        id: DocId,
        doc_heads: &[ChangeHash],
        setting: &DocSetting,
    ) -> Result<LocalChange, CoreError> {
        let mut cut = Vec::new();
        if let DocSetting::Editors(editors, listed) = setting
            && let Some(entry) = self.document(&id)
        {
            let after = Rule {
                creator: entry.creator,
                editors: *editors,
                listed: listed.clone(),
            };
            for who in self.member_devices() {
                let role = self.role_of(who);
                let before = Rule {
                    creator: entry.creator,
                    editors: entry.editors,
                    listed: entry.listed.clone(),
                };
                if before.allows(who, role) && !after.allows(who, role) {
                    cut.push((who, doc_heads.to_vec()));
                }
            }
        }
        let edit = documents::set(
            &self.reader(),
            self.my_role(),
            self.device(),
            &id,
            setting,
            cut,
        )?;
        self.commit_local(now, edit)
    }

    /// Hides a document with a reason, or shows it again (`None`): moderators.
    pub fn hide_document(
        &mut self,
        now: Timestamp,
        id: &DocId,
        reason: Option<&str>,
    ) -> Result<LocalChange, CoreError> {
        let obj = documents::entry(&self.reader(), id)?;
        let edit = documents::hide(
            &self.reader(),
            self.my_role(),
            self.device(),
            id,
            reason,
            now,
        )?;
        let decision = crate::collections::modlog::Decision::hiding(
            reason.is_some(),
            "document",
            &obj,
            reason.unwrap_or_default(),
        );
        self.decide(now, edit, decision)
    }

    /// Removes a member, writing in the same change the heads this device has of each
    /// document (`docs`), so that whatever the member wrote there concurrently is revoked
    /// on every peer, and what this device had seen stays.
    pub fn remove_member_from_documents(
        &mut self,
        now: Timestamp,
        who: DeviceId,
        reason: &str,
        docs: &[(DocId, Vec<ChangeHash>)],
    ) -> Result<LocalChange, CoreError> {
        let r = self.reader();
        let edit = crate::collections::members::remove(&r, self.device(), now, who, reason)?;
        let cuts: Vec<(DocId, DeviceId, Vec<ChangeHash>)> =
            docs.iter().map(|(d, h)| (*d, who, h.clone())).collect();
        let writes = documents::write_cutoffs(&r, &cuts);
        let decision = crate::collections::modlog::Decision {
            action: crate::collections::modlog::ModAction::Remove,
            reason: reason.to_owned(),
            target: crate::collections::modlog::Written::Member { who, role: None },
            report: None,
        };
        self.decide(now, with_cutoffs(edit, writes), decision)
    }

    /// Leaves the group, writing in the same change the heads this device has of each
    /// document (`docs`): what it wrote there up to now stays, nothing later counts.
    pub fn leave_documents(
        &mut self,
        now: Timestamp,
        docs: &[(DocId, Vec<ChangeHash>)],
    ) -> Result<LocalChange, CoreError> {
        let r = self.reader();
        let me = self.device();
        let edit = crate::collections::members::leave(&r, me, now)?;
        let cuts: Vec<(DocId, DeviceId, Vec<ChangeHash>)> =
            docs.iter().map(|(d, h)| (*d, me, h.clone())).collect();
        let writes = documents::write_cutoffs(&r, &cuts);
        self.commit_local(now, with_cutoffs(edit, writes))
    }

    /// Every device that holds a role in the group now.
    fn member_devices(&self) -> Vec<DeviceId> {
        self.ledger
            .as_deref()
            .map(|l| {
                l.people()
                    .into_iter()
                    .filter(|d| l.current_role(*d).is_some())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// `edit`, writing the cutoffs `writes` (object, key, value) in the same transaction.
fn with_cutoffs<F: Writes>(
    edit: Edit<F>,
    writes: Vec<(automerge::ObjId, String, String)>,
) -> Edit<impl Writes> {
    let Edit { membership, write } = edit;
    let write = move |tx: &mut Transaction<'_>| {
        write(tx)?;
        for (obj, key, value) in writes {
            automerge::transaction::Transactable::put(tx, &obj, key, value)?;
        }
        Ok(())
    };
    Edit { membership, write }
}
