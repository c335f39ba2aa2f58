//! The shared documents of the groups held here: each in its own store beside its group's
//! (`groups/<group>/docs/<document>/`: a log and a snapshot, as a group's), opened when first
//! asked for, so that a group with many large documents opens its feed as fast as one
//! without.

use causeway_core::docs::{DocChange, DocIngestReport, Edit, RichText, SharedDoc};
use causeway_core::{
    CoreError, DocId, GroupId, Incoming, LocalChange, Problem, Rejection, SignedChange,
};
use tracing::info;

use super::load::to_record;
use super::{LocalNode, now};
use crate::error::SyncError;
use crate::store::{GroupStore, Record, Snapshot};

/// One stored document.
pub(crate) struct StoredDoc {
    pub(crate) doc: SharedDoc,
    store: GroupStore,
    /// Changes whose append failed, written before any later one.
    pub(super) unsaved: Vec<Record>,
}

impl StoredDoc {
    fn log(&mut self, records: Vec<Record>) -> Result<(), SyncError> {
        self.unsaved.extend(records);
        self.store.append(&self.unsaved)?;
        self.unsaved.clear();
        Ok(())
    }

    fn compact(&mut self) -> Result<(), SyncError> {
        let snapshot = Snapshot {
            doc: self.doc.save(),
            signatures: self
                .doc
                .signatures_to_keep()
                .into_iter()
                .map(|(h, s)| (h.0, s.0))
                .collect(),
            index: Vec::new(),
        };
        self.store.compact(&snapshot)?;
        self.unsaved.clear();
        Ok(())
    }

    fn maybe_compact(&mut self) -> Result<(), SyncError> {
        if self.store.wants_compaction() {
            self.compact()?;
            info!(doc = %self.doc.id().fmt_short(), "document store compacted");
        }
        Ok(())
    }
}

fn not_found() -> SyncError {
    CoreError::NotFound(Problem::DocNotFound).into()
}

impl LocalNode {
    /// The ids of the documents stored for `group` (listed in the group or not yet).
    pub fn stored_document_ids(&self, group: &GroupId) -> Vec<DocId> {
        self.dir
            .document_ids(*group.as_bytes())
            .unwrap_or_default()
            .into_iter()
            .map(DocId::from_bytes)
            .collect()
    }

    /// Opens the store of a document of `group` (creating it empty when the group lists the
    /// document but none of it is here yet).
    fn open_doc(&mut self, group: &GroupId, id: &DocId) -> Result<&mut StoredDoc, SyncError> {
        let key = (*group, *id);
        if !self.docs.contains_key(&key) {
            let g = self.group(group).ok_or(SyncError::UnknownGroup(*group))?;
            let listed = g.document(id).is_some();
            let stored_here = self.stored_document_ids(group).contains(id);
            if !listed && !stored_here {
                return Err(not_found());
            }
            let (store, loaded) = self.dir.open_document(*group.as_bytes(), *id.as_bytes())?;
            let (saved, signatures) = match &loaded.snapshot {
                Some(s) => (
                    Some(s.doc.as_slice()),
                    s.signatures
                        .iter()
                        .map(|(h, s)| {
                            (
                                causeway_core::ChangeHash(*h),
                                causeway_core::ChangeSignature(*s),
                            )
                        })
                        .collect(),
                ),
                None => (None, Vec::new()),
            };
            let logged = loaded
                .records
                .iter()
                .map(|r| SignedChange {
                    bytes: r.change.clone(),
                    signature: r.signature.map(causeway_core::ChangeSignature),
                })
                .collect();
            let doc = SharedDoc::load(*group, *id, saved, signatures, logged)?;
            self.docs.insert(
                key,
                StoredDoc {
                    doc,
                    store,
                    unsaved: Vec::new(),
                },
            );
        }
        self.docs.get_mut(&key).ok_or_else(not_found)
    }

    /// A document of `group`, opened from its store if it is not open yet.
    pub fn document(&mut self, group: &GroupId, id: &DocId) -> Result<&SharedDoc, SyncError> {
        Ok(&self.open_doc(group, id)?.doc)
    }

    /// The heads of the group with this id, or of the open document with this id.
    pub fn heads_of(&self, id: &[u8; 32]) -> Option<Vec<causeway_core::ChangeHash>> {
        let group = GroupId::from_bytes(*id);
        if let Some(g) = self.group(&group) {
            return Some(g.heads());
        }
        self.open_document_by_id(&DocId::from_bytes(*id))
            .map(|(_, d)| d.heads())
    }

    /// An open document by its id alone, with its group.
    pub fn open_document_by_id(&self, id: &DocId) -> Option<(GroupId, &SharedDoc)> {
        self.docs
            .iter()
            .find(|((_, d), _)| d == id)
            .map(|((g, _), s)| (*g, &s.doc))
    }

    /// Opens every document of `group` held here or listed there (a round checks them).
    pub fn open_documents(&mut self, group: &GroupId) -> Vec<DocId> {
        let mut ids = self.stored_document_ids(group);
        if let Some(g) = self.group(group) {
            ids.extend(g.documents().into_iter().map(|e| e.id));
        }
        ids.sort();
        ids.dedup();
        for id in &ids {
            if let Err(e) = self.open_doc(group, id) {
                tracing::warn!(doc = %id.fmt_short(), error = %e, "document not opened");
            }
        }
        ids
    }

    /// A document that is open already (what a reader under the shared lock may see).
    pub fn open_document(&self, group: &GroupId, id: &DocId) -> Option<&SharedDoc> {
        self.docs.get(&(*group, *id)).map(|s| &s.doc)
    }

    /// Creates a document in `group` titled `title`, starting from `start`, and stores it with
    /// the group changes that list it. Returns its id, its changes, and the group changes.
    pub fn create_document(
        &mut self,
        group: &GroupId,
        title: &str,
        start: Option<&RichText>,
    ) -> Result<(DocId, Vec<DocChange>, Vec<LocalChange>), SyncError> {
        let mut made = None;
        let group_changes = self.act_all(group, |g, now| {
            let (doc, changes, listed) = g.create_document(now, title, start)?;
            made = Some((doc, changes));
            Ok(listed)
        })?;
        let (doc, changes) = made.ok_or_else(not_found)?;
        let id = doc.id();
        let (store, _) = self.dir.open_document(*group.as_bytes(), *id.as_bytes())?;
        let mut stored = StoredDoc {
            doc,
            store,
            unsaved: Vec::new(),
        };
        stored.log(
            changes
                .iter()
                .map(|c| to_record(&c.clone().into()))
                .collect(),
        )?;
        self.docs.insert((*group, id), stored);
        self.dirty.groups.insert(*group);
        info!(group = %group.fmt_short(), doc = %id.fmt_short(), "document created");
        Ok((id, changes, group_changes))
    }

    /// Makes `edits` in a document as one change of this device, and stores it.
    pub fn edit_document(
        &mut self,
        group: &GroupId,
        id: &DocId,
        edits: &[Edit],
    ) -> Result<DocChange, SyncError> {
        self.edit_document_at(group, id, None, edits)
    }

    /// [`LocalNode::edit_document`] with positions read at the document heads `base`.
    pub fn edit_document_at(
        &mut self,
        group: &GroupId,
        id: &DocId,
        base: Option<&[causeway_core::ChangeHash]>,
        edits: &[Edit],
    ) -> Result<DocChange, SyncError> {
        self.open_doc(group, id)?;
        let g = self
            .groups
            .get(group)
            .ok_or(SyncError::UnknownGroup(*group))?;
        let stored = self.docs.get_mut(&(*group, *id)).ok_or_else(not_found)?;
        let change = match base {
            Some(b) => g.group.edit_document_at(&mut stored.doc, now(), b, edits)?,
            None => g.group.edit_document(&mut stored.doc, now(), edits)?,
        };
        stored.log(vec![to_record(&change.clone().into())])?;
        stored.maybe_compact()?;
        self.dirty.groups.insert(*group);
        Ok(change)
    }

    /// Takes changes of a document from another member's device; what is accepted is stored
    /// before this returns.
    pub fn ingest_document_changes(
        &mut self,
        group: &GroupId,
        id: &DocId,
        batch: Vec<Result<Incoming, Rejection>>,
    ) -> Result<DocIngestReport, SyncError> {
        if self.open_doc(group, id).is_err() {
            // A document this device has not heard of (its listing in the group may come
            // later): judged in memory, and stored only once some of it is accepted.
            let g = self
                .groups
                .get(group)
                .ok_or(SyncError::UnknownGroup(*group))?;
            let mut doc = SharedDoc::empty(*group, *id);
            let report = g.group.ingest_document_changes_decoded(&mut doc, batch);
            if !report.accepted.is_empty() {
                let (store, _) = self.dir.open_document(*group.as_bytes(), *id.as_bytes())?;
                let mut stored = StoredDoc {
                    doc,
                    store,
                    unsaved: Vec::new(),
                };
                stored.log(report.accepted.iter().map(|(_, c)| to_record(c)).collect())?;
                self.docs.insert((*group, *id), stored);
                self.dirty.groups.insert(*group);
            }
            return Ok(report);
        }
        let g = self
            .groups
            .get(group)
            .ok_or(SyncError::UnknownGroup(*group))?;
        let stored = self.docs.get_mut(&(*group, *id)).ok_or_else(not_found)?;
        let report = g
            .group
            .ingest_document_changes_decoded(&mut stored.doc, batch);
        if !report.accepted.is_empty() {
            let records = report.accepted.iter().map(|(_, c)| to_record(c)).collect();
            stored.log(records)?;
            stored.maybe_compact()?;
            self.dirty.groups.insert(*group);
        }
        Ok(report)
    }

    /// Removes a member from `group`, cutting their right to edit every document here at
    /// the heads this device has of it (ARCHITECTURE.md, "Shared documents").
    pub fn remove_member_cutting(
        &mut self,
        group: &GroupId,
        who: causeway_core::DeviceId,
        reason: &str,
    ) -> Result<LocalChange, SyncError> {
        let listed: Vec<DocId> = self
            .group(group)
            .map(|g| g.documents().into_iter().map(|e| e.id).collect())
            .unwrap_or_default();
        let mut cuts = Vec::new();
        for id in listed {
            if let Ok(doc) = self.document(group, &id) {
                cuts.push((id, doc.heads()));
            }
        }
        let mut made = self.act_all(group, |g, now| {
            let mut made = g.open_log(now)?;
            made.push(g.remove_member_from_documents(now, who, reason, &cuts)?);
            Ok(made)
        })?;
        made.pop()
            .ok_or(SyncError::Core(causeway_core::CoreError::InvalidInput(
                causeway_core::Problem::NothingToChange,
            )))
    }

    /// Leaves `group`, cutting this device's own right to edit every document here at the
    /// heads it has of it.
    pub fn leave_cutting(&mut self, group: &GroupId) -> Result<LocalChange, SyncError> {
        let listed: Vec<DocId> = self
            .group(group)
            .map(|g| g.documents().into_iter().map(|e| e.id).collect())
            .unwrap_or_default();
        let mut cuts = Vec::new();
        for id in listed {
            if let Ok(doc) = self.document(group, &id) {
                cuts.push((id, doc.heads()));
            }
        }
        self.act(group, |g, now| g.leave_documents(now, &cuts))
    }

    /// Compacts every open document whose log holds changes (when the node stops).
    pub(crate) fn compact_documents(&mut self) -> usize {
        let mut n = 0;
        for stored in self.docs.values_mut() {
            if stored.store.logged_records() > 0 || !stored.unsaved.is_empty() {
                match stored.compact() {
                    Ok(()) => n += 1,
                    Err(e) => {
                        tracing::warn!(doc = %stored.doc.id().fmt_short(), error = %e, "document store not compacted");
                    }
                }
            }
        }
        n
    }
}
