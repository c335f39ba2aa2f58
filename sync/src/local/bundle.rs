//! A group carried as a file ([`crate::bundle`]): what this device holds of a group and its
//! documents written out (all of it, or what one member lacks as far as this device knows),
//! and a bundle taken in through the same gates as a sync session.

use causeway_core::{DeviceId, DocId, GroupId, Incoming};

use super::LocalNode;
use crate::bundle::Bundle;
use crate::error::{SyncError, SyncProblem};

/// What reading a bundle took in.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct BundleTaken {
    /// The group's changes accepted (new here).
    pub accepted: usize,
    /// Its documents' changes accepted.
    pub doc_accepted: usize,
    /// Changes already held.
    pub known: usize,
    /// Changes refused (their signature, their author's right, their shape).
    pub refused: usize,
    /// Changes that wait for others not in the bundle.
    pub waiting: usize,
}

impl LocalNode {
    /// A bundle of `group`: everything held, or, `for_member`, what that member lacks as far as
    /// this device knows (from the heads the two shared at the end of their last session).
    pub fn write_bundle(
        &mut self,
        group: &GroupId,
        for_member: Option<DeviceId>,
    ) -> Result<Bundle, SyncError> {
        let g = self.group(group).ok_or(SyncError::UnknownGroup(*group))?;
        let base = for_member
            .map(|m| self.shared_heads(m, group))
            .unwrap_or_default();
        let changes = g.changes_since(&base);
        let mut documents = Vec::new();
        for doc in self.open_documents(group) {
            let base = for_member
                .map(|m| self.doc_shared_heads(m, group, &doc))
                .unwrap_or_default();
            if let Ok(d) = self.document(group, &doc) {
                let changes = d.changes_after(&base);
                if !changes.is_empty() {
                    documents.push((doc, changes));
                }
            }
        }
        Ok(Bundle {
            group: *group,
            changes,
            documents,
        })
    }

    /// Takes in a bundle: the group's changes first, then its documents', each judged as if
    /// a member's device had sent it; what passes is stored before this returns. A bundle of
    /// a group this device is not in is refused with a sentence.
    pub fn read_bundle(&mut self, bundle: Bundle) -> Result<(GroupId, BundleTaken), SyncError> {
        self.read_bundle_noting(bundle).map(|(g, t, _)| (g, t))
    }

    /// [`LocalNode::read_bundle`], with the documents it brought news of.
    pub(crate) fn read_bundle_noting(
        &mut self,
        bundle: Bundle,
    ) -> Result<(GroupId, BundleTaken, Vec<DocId>), SyncError> {
        let group = bundle.group;
        if self.group(&group).is_none() {
            return Err(SyncError::NotPermitted(SyncProblem::BundleForOtherGroup {
                group: group.fmt_short(),
            }));
        }
        let mut taken = BundleTaken::default();
        let mut changed = Vec::new();
        let report = self.ingest(&group, bundle.changes)?;
        taken.accepted = report.accepted.len();
        taken.known = report.duplicates;
        taken.refused = report.rejected.len();
        taken.waiting = report.waiting.len();
        for (doc, changes) in bundle.documents {
            let decoded = changes.into_iter().map(Incoming::decode).collect();
            let report = self.ingest_document_changes(&group, &doc, decoded)?;
            if !report.accepted.is_empty() {
                changed.push(doc);
            }
            taken.doc_accepted += report.accepted.len();
            taken.known += report.duplicates;
            taken.refused += report.rejected.len();
            taken.waiting += report.waiting.len();
        }
        Ok((group, taken, changed))
    }
}
