//! How a shared document's news spreads: a local edit is pushed to every other member at
//! once (one push per member and document under way, the edits made meanwhile in one more),
//! news that arrived is passed on to the others a moment later, and a round with a member
//! syncs the documents of the groups it syncs (ARCHITECTURE.md, "Shared documents").

use std::sync::Arc;
use std::time::Duration;

use causeway_core::docs::DocIngestReport;
use causeway_core::{ChangeHash, DeviceId, DocId, GroupId};
use tracing::debug;

use super::shared::{DocSpread, Here, Shared, Subject};
use super::spread::PushKind;
use crate::address::PeerAddress;
use crate::error::SyncError;
use crate::protocols::group_sync::{self, SyncOutcome};

/// How many rounds (the group, then the document) a member's document changes that wait
/// for group changes may ask for at once (see `Shared::catch_up_for_document`).
const CATCH_UP_ROUNDS: usize = 3;

/// A presence older than this is gone (an open editor says where it is every 10 s).
pub const PRESENCE_LASTS: Duration = Duration::from_secs(30);

impl Shared {
    /// Keeps (in memory) where a member's cursor is in a document, or forgets it.
    pub(crate) fn took_presence(
        &self,
        from: DeviceId,
        group: GroupId,
        doc: DocId,
        cursor: Option<u32>,
        heads: Vec<ChangeHash>,
    ) {
        self.spread(|s| {
            let here = s.presence.entry(doc).or_default();
            match cursor {
                Some(cursor) => {
                    here.insert(
                        from,
                        Here {
                            cursor,
                            heads,
                            at: std::time::Instant::now(),
                        },
                    );
                }
                None => {
                    here.remove(&from);
                }
            }
        });
        let _ = self
            .events
            .send(super::NodeEvent::DocumentChanged(group, doc));
    }

    pub(super) fn spread<R>(&self, f: impl FnOnce(&mut DocSpread) -> R) -> Option<R> {
        self.docs.lock().ok().map(|mut s| f(&mut s))
    }

    /// One session about document `doc` of `group` with a member's device.
    pub(crate) async fn sync_doc_with(
        self: &Arc<Self>,
        group: GroupId,
        doc: DocId,
        peer: &PeerAddress,
        push: bool,
    ) -> Result<SyncOutcome, SyncError> {
        // Kept in memory while the node runs (pushes end sessions often); the heads of the
        // last full session are kept on disk too, for the first session after a restart.
        let last = match self
            .spread(|s| s.shared.get(&(peer.id, doc)).cloned())
            .flatten()
        {
            Some(h) => h,
            None => self.with_local(|n| n.doc_shared_heads(peer.id, &group, &doc))?,
        };
        let addr = self.dial_addr(peer)?;
        let result =
            group_sync::dial(self, &self.endpoint, addr, (group, Some(doc)), last, push).await;
        let (outcome, final_heads) = match result {
            Ok(r) => {
                self.reached(peer.id, r.0.relayed);
                r
            }
            Err(e) => {
                if matches!(e, SyncError::Unreachable(_)) {
                    self.unreachable(peer.id);
                }
                return Err(e);
            }
        };
        let mine = self.with_local(|n| n.open_document(&group, &doc).map(|d| d.heads()))?;
        if mine.as_ref() == Some(&final_heads) {
            if !push {
                self.with_local(|n| n.set_doc_shared_heads(peer.id, &group, &doc, &final_heads))??;
            }
            self.spread(|s| s.shared.insert((peer.id, doc), final_heads));
        }
        Ok(outcome)
    }

    /// Fetches from `from` the documents `group` lists whose text this device does not hold
    /// yet (a member's new document: its listing came after, or without, its push). A
    /// document not open here is fetched too: a session that finds nothing new costs two
    /// small frames.
    pub(crate) fn fetch_new_documents(self: &Arc<Self>, group: GroupId, from: DeviceId) {
        let missing: Vec<DocId> = self
            .read_local(|n| {
                n.group(&group)
                    .map(|g| g.documents())
                    .unwrap_or_default()
                    .into_iter()
                    .map(|e| e.id)
                    .filter(|d| n.open_document(&group, d).is_none_or(|x| !x.has_text()))
                    .collect()
            })
            .unwrap_or_default();
        debug!(peer = %from.fmt_short(), missing = missing.len(), "documents the group lists and this device lacks");
        for doc in missing {
            let shared = self.clone();
            tokio::spawn(async move {
                let Ok(addr) = shared.with_local(|n| n.address_of(from)) else {
                    return;
                };
                if let Err(e) = shared.sync_doc_with(group, doc, &addr, false).await {
                    debug!(peer = %from.fmt_short(), doc = %doc.fmt_short(), error = %e, "new document not fetched");
                }
            });
        }
    }

    /// Pushes document `doc` of `group` to every other member now.
    pub(crate) fn push_doc(self: &Arc<Self>, group: GroupId, doc: DocId) {
        self.push_as(Subject::Doc(group, doc), None, PushKind::Session);
    }

    /// Passes news of `doc` on to the members other than `from`, a moment later, with
    /// whatever else arrives meanwhile.
    pub(crate) fn forward_doc(self: &Arc<Self>, group: GroupId, doc: DocId, from: DeviceId) {
        self.forward_subject(Subject::Doc(group, doc), from);
    }

    /// What a session about a document took in: refusals counted, the app told, the news
    /// passed on.
    pub(crate) fn took_in_document(
        self: &Arc<Self>,
        from: DeviceId,
        group: GroupId,
        doc: DocId,
        report: &DocIngestReport,
    ) {
        if let Some((_, why)) = report.rejected.first() {
            self.tally.record(
                crate::protocols::tally::Refused::Changes,
                report.rejected.len() as u64,
                from,
                &format!(
                    "{} changes for document {} of group {} (the first: {why})",
                    report.rejected.len(),
                    doc.fmt_short(),
                    group.fmt_short()
                ),
            );
        }
        if !report.accepted.is_empty() {
            let _ = self
                .events
                .send(super::NodeEvent::DocumentChanged(group, doc));
            self.notify(group);
            self.forward_doc(group, doc, from);
        }
        if report
            .waiting
            .iter()
            .any(|(_, w)| *w == causeway_core::Waiting::GroupHeads)
        {
            self.catch_up_for_document(from, group, doc);
        }
    }

    /// Some of `doc`'s changes from `from` name group changes this device lacks (written just
    /// before, and their push has not arrived, or broke): they are not kept, so the group is
    /// fetched from `from`, then the document again. More such changes meanwhile ask for
    /// another round, up to [`CATCH_UP_ROUNDS`] (a peer naming heads that do not exist gets
    /// no more).
    fn catch_up_for_document(self: &Arc<Self>, from: DeviceId, group: GroupId, doc: DocId) {
        let key = (from, doc);
        let start = self.spread(|s| match s.catching_up.get_mut(&key) {
            Some(again) => {
                *again = true;
                false
            }
            None => {
                s.catching_up.insert(key, false);
                true
            }
        });
        if start != Some(true) {
            return;
        }
        let shared = self.clone();
        tokio::spawn(async move {
            for _ in 0..CATCH_UP_ROUNDS {
                let result = async {
                    let addr = shared.with_local(|n| n.address_of(from))?;
                    shared.sync_with(group, &addr, false).await?;
                    shared.sync_doc_with(group, doc, &addr, false).await
                }
                .await;
                if let Err(e) = result {
                    debug!(peer = %from.fmt_short(), doc = %doc.fmt_short(), error = %e, "document changes waiting for the group not fetched");
                }
                let again = shared.spread(|s| s.catching_up.insert(key, false));
                if again != Some(Some(true)) {
                    break;
                }
            }
            shared.spread(|s| s.catching_up.remove(&key));
        });
    }
}

impl super::Node {
    /// Creates a document in `group` (from `start`, or empty), stores it, and sends it and
    /// the group change that lists it to the members.
    pub fn create_document(
        &self,
        group: GroupId,
        title: &str,
        start: Option<&causeway_core::docs::RichText>,
    ) -> Result<DocId, SyncError> {
        let (id, _, _) = self.local(|n| n.create_document(&group, title, start))??;
        self.documents_changed(group, id);
        Ok(id)
    }

    /// Makes `edits` in a document as one change, stores it and pushes it to the members.
    pub fn edit_document(
        &self,
        group: GroupId,
        doc: DocId,
        edits: &[causeway_core::docs::Edit],
    ) -> Result<causeway_core::docs::DocChange, SyncError> {
        self.edit_document_at(group, doc, None, edits)
    }

    /// [`Node::edit_document`] with positions read at the document heads `base` (what an
    /// editor last showed), so that edits from others meanwhile merge with these.
    pub fn edit_document_at(
        &self,
        group: GroupId,
        doc: DocId,
        base: Option<&[ChangeHash]>,
        edits: &[causeway_core::docs::Edit],
    ) -> Result<causeway_core::docs::DocChange, SyncError> {
        let change = self.local(|n| n.edit_document_at(&group, &doc, base, edits))??;
        let _ = self
            .shared
            .events
            .send(super::NodeEvent::DocumentChanged(group, doc));
        self.shared.push_doc(group, doc);
        Ok(change)
    }

    /// Says to every member whose device is connected now that this device has `doc` open
    /// with its cursor at `cursor` (a position in the text at `heads`), or closed it
    /// (`None`). Returns at once; call within the node's runtime.
    pub fn set_presence(
        &self,
        group: GroupId,
        doc: DocId,
        cursor: Option<usize>,
        heads: Vec<ChangeHash>,
    ) {
        let shared = self.shared.clone();
        let me = self.device_id();
        tokio::spawn(async move {
            let connected: Vec<DeviceId> = shared
                .open
                .lock()
                .map(|o| o.keys().copied().collect())
                .unwrap_or_default();
            let members = shared
                .with_local(|n| n.group(&group).map(|g| g.current_members()))
                .ok()
                .flatten()
                .unwrap_or_default();
            let frame = crate::protocols::group_sync::wire::Frame::Presence {
                group,
                doc,
                cursor: cursor.map(|c| u32::try_from(c).unwrap_or(u32::MAX - 1)),
                heads,
            };
            for id in members
                .into_iter()
                .filter(|m| *m != me && connected.contains(m))
            {
                let shared = shared.clone();
                let frame = frame.clone();
                tokio::spawn(async move {
                    let Ok(addr) = shared.with_local(|n| n.address_of(id)) else {
                        return;
                    };
                    let Ok(addr) = shared.dial_addr(&addr) else {
                        return;
                    };
                    if let Err(e) =
                        group_sync::send_presence(&shared, &shared.endpoint, addr, frame).await
                    {
                        debug!(peer = %id.fmt_short(), error = %e, "presence not sent");
                    }
                });
            }
        });
    }

    /// A document's text as every member shows it (revoked edits masked).
    pub fn document_text(
        &self,
        group: GroupId,
        doc: DocId,
    ) -> Result<causeway_core::docs::RichText, SyncError> {
        self.local(|n| {
            let g = n
                .group(&group)
                .ok_or(SyncError::UnknownGroup(group))?
                .clone();
            let d = n.document(&group, &doc)?;
            Ok(g.document_text(d)?)
        })?
    }

    /// Runs `f` on a document of `group`, opened from its store if needed.
    pub fn with_document<R>(
        &self,
        group: GroupId,
        doc: DocId,
        f: impl FnOnce(&causeway_core::Group, &causeway_core::docs::SharedDoc) -> R,
    ) -> Result<R, SyncError> {
        self.local(|n| {
            let g = n
                .group(&group)
                .ok_or(SyncError::UnknownGroup(group))?
                .clone();
            let d = n.document(&group, &doc)?;
            Ok(f(&g, d))
        })?
    }
}
