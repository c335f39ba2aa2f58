//! What the list of a group's documents shows of each (who changed it last, when, how long
//! it is) without keeping them open: kept in `doc-summaries.json` with a fingerprint of each
//! document's files, read when first asked for (an entry whose document's files changed
//! since, or a document without an entry, is read from the document once), brought up to
//! date from every document open here, and written back when it changed.

use std::collections::BTreeMap;

use causeway_core::docs::DocSummary;
use causeway_core::{DeviceId, DocId, GroupId, Timestamp};

use super::LocalNode;

/// The file, in the data folder.
const SUMMARIES_FILE: &str = "doc-summaries.json";

/// A summary, with the fingerprint of its document's files it was written with.
type Entry = (DocSummary, Option<String>);

/// The summaries known, once read.
#[derive(Debug, Default)]
pub(super) struct Summaries {
    known: Option<BTreeMap<(GroupId, DocId), Entry>>,
    /// Documents whose entry was checked against their files, or made, in this run.
    checked: std::collections::BTreeSet<(GroupId, DocId)>,
    /// Changed since written.
    dirty: bool,
}

impl Summaries {
    /// Drops what is known of `group`'s documents (its copy is deleted).
    pub(super) fn forget(&mut self, group: &GroupId) {
        if let Some(known) = self.known.as_mut() {
            known.retain(|(g, _), _| g != group);
        }
        self.checked.retain(|(g, _)| g != group);
        self.dirty = true;
    }
}

impl LocalNode {
    /// What the list of `group`'s documents shows of each document known here.
    pub fn document_summaries(&mut self, group: &GroupId) -> BTreeMap<DocId, DocSummary> {
        if self.summaries.known.is_none() {
            self.summaries.known = Some(self.read_summaries());
        }
        // Listed documents whose entry was not checked yet in this run: their entry stands
        // when their files are as they were when it was written; otherwise (or without one)
        // the document is read once, and closed again unless it was open.
        let listed: Vec<DocId> = self
            .group(group)
            .map(|g| g.documents().into_iter().map(|e| e.id).collect())
            .unwrap_or_default();
        for doc in listed {
            if !self.summaries.checked.insert((*group, doc))
                || self.docs.contains_key(&(*group, doc))
            {
                continue;
            }
            let print = self
                .dir
                .document_fingerprint(*group.as_bytes(), *doc.as_bytes());
            let stands = self
                .summaries
                .known
                .as_ref()
                .and_then(|k| k.get(&(*group, doc)))
                .is_some_and(|s| print.is_some() && s.1 == print);
            if stands || print.is_none() {
                continue;
            }
            let summary = self.document(group, &doc).ok().and_then(|d| d.summary());
            if self
                .docs
                .get(&(*group, doc))
                .is_some_and(|s| s.unsaved.is_empty())
            {
                self.docs.remove(&(*group, doc));
            }
            if let (Some(summary), Some(known)) = (summary, self.summaries.known.as_mut()) {
                let print = self
                    .dir
                    .document_fingerprint(*group.as_bytes(), *doc.as_bytes());
                known.insert((*group, doc), (summary, print));
                self.summaries.dirty = true;
            }
        }
        let fresh: Vec<(DocId, DocSummary)> = self
            .docs
            .iter()
            .filter(|((g, _), _)| g == group)
            .filter_map(|((_, d), stored)| Some((*d, stored.doc.summary()?)))
            .collect();
        let known = self.summaries.known.get_or_insert_with(BTreeMap::new);
        for (doc, summary) in fresh {
            if known.get(&(*group, doc)).map(|s| &s.0) != Some(&summary) {
                // The fingerprint is taken when the summaries are written.
                known.insert((*group, doc), (summary, None));
                self.summaries.dirty = true;
            }
        }
        known
            .range((*group, DocId::from_bytes([0; 32]))..=(*group, DocId::from_bytes([255; 32])))
            .map(|((_, d), s)| (*d, s.0.clone()))
            .collect()
    }

    /// Writes the summaries back when they changed. They only save opening documents to
    /// list them: a failure to write is logged, and they are found again.
    pub fn save_document_summaries(&mut self) {
        if !self.summaries.dirty {
            return;
        }
        let dir = &self.dir;
        let Some(known) = self.summaries.known.as_mut() else {
            return;
        };
        let map: BTreeMap<String, Vec<String>> = known
            .iter_mut()
            .map(|((g, d), (s, print))| {
                let now = dir.document_fingerprint(*g.as_bytes(), *d.as_bytes());
                *print = now.clone();
                let by = s.last_by.map(|b| b.to_hex()).unwrap_or_default();
                let fields = vec![
                    by,
                    s.last_at.0.to_string(),
                    s.chars.to_string(),
                    now.unwrap_or_default(),
                ];
                (format!("{}:{}", g.to_hex(), d.to_hex()), fields)
            })
            .collect();
        match self.write_list_map(SUMMARIES_FILE, &map) {
            Ok(()) => self.summaries.dirty = false,
            Err(e) => tracing::warn!(error = %e, "document summaries not written"),
        }
    }

    /// The summaries on disk; a damaged entry is left out (it is found again when its
    /// document opens).
    fn read_summaries(&self) -> BTreeMap<(GroupId, DocId), Entry> {
        let map = self.read_list_map(SUMMARIES_FILE).unwrap_or_default();
        map.into_iter()
            .filter_map(|(key, fields)| {
                let (g, d) = key.split_once(':')?;
                let (g, d) = (GroupId::from_hex(g).ok()?, DocId::from_hex(d).ok()?);
                let [by, at, chars, print] = fields.as_slice() else {
                    return None;
                };
                let last_by = match by.as_str() {
                    "" => None,
                    hex => Some(DeviceId::from_hex(hex).ok()?),
                };
                let summary = DocSummary {
                    last_by,
                    last_at: Timestamp(at.parse().ok()?),
                    chars: chars.parse().ok()?,
                };
                Some((
                    (g, d),
                    (summary, Some(print.clone()).filter(|p| !p.is_empty())),
                ))
            })
            .collect()
    }
}
