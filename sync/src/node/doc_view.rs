//! Published views of open documents: what an editor reads, copied out of the local state by
//! a task of the node whenever the document changes, so that the window's thread reads and
//! carries cursors without ever taking the local state's lock (ARCHITECTURE.md, "Shared
//! documents").

use std::sync::Arc;

use causeway_core::docs::{Binding, RichText, SharedDoc, Standing};
use causeway_core::{ChangeHash, DeviceId, DocId, GroupId};
use tokio::sync::{broadcast, watch};
use tracing::debug;

use super::{Node, NodeEvent};
use crate::error::SyncError;

/// One document as it was when it was last published: a copy to read from, with what the
/// editor shows of it.
pub struct DocView {
    /// The document's heads.
    pub heads: Vec<ChangeHash>,
    /// A copy of the document to read from (versions, diffs, positions at any heads).
    pub doc: SharedDoc,
    /// The text every peer shows (revoked edits masked).
    pub text: RichText,
    /// Whether this device may edit it.
    pub can_edit: bool,
    /// Whether revoked edits are masked in `text` (its positions are then not the
    /// document's, so an editor reads it only).
    pub masked: bool,
}

impl std::fmt::Debug for DocView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocView")
            .field("heads", &self.heads.len())
            .field("can_edit", &self.can_edit)
            .field("masked", &self.masked)
            .finish()
    }
}

impl DocView {
    /// Where the others who have the document open have their cursors, in the text of this
    /// view; `here` from [`Node::presence_entries`].
    pub fn presence(&self, here: &[(DeviceId, usize, Vec<ChangeHash>)]) -> Vec<(DeviceId, usize)> {
        here.iter()
            .map(|(who, cursor, heads)| {
                let known = heads.iter().all(|h| self.doc.has_change(h));
                let pos = if known {
                    self.doc.carry(*cursor, heads)
                } else {
                    (*cursor).min(self.doc.len())
                };
                (*who, pos)
            })
            .collect()
    }
}

/// A published view, or why none could be built.
pub type Published = Result<Arc<DocView>, Arc<SyncError>>;

/// An open editor's hold on a document's published views. The node keeps publishing while
/// it lives; dropping it stops that.
pub struct DocWatch {
    views: watch::Receiver<Option<Published>>,
    task: tokio::task::JoinHandle<()>,
}

impl DocWatch {
    /// The latest view, or why the document could not be read; `None` until the first is
    /// built.
    pub fn latest(&self) -> Option<Published> {
        self.views.borrow().clone()
    }
}

impl Drop for DocWatch {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Node {
    /// Starts publishing views of document `doc` of `group` for an editor: one at once, and
    /// a new one whenever the document or its group changes. Call within the node's runtime.
    pub fn watch_document(&self, group: GroupId, doc: DocId) -> DocWatch {
        let (tx, views) = watch::channel(None);
        let node = self.clone();
        let mut events = self.subscribe();
        let task = tokio::spawn(async move {
            let mut last: Option<(Vec<ChangeHash>, Vec<ChangeHash>)> = None;
            loop {
                let n = node.clone();
                let seen = last.clone();
                let built =
                    tokio::task::spawn_blocking(move || n.build_doc_view(group, doc, seen)).await;
                let published: Option<Published> = match built {
                    Ok(Ok(Some((view, heads)))) => {
                        last = Some(heads);
                        Some(Ok(Arc::new(view)))
                    }
                    Ok(Ok(None)) => None,
                    Ok(Err(e)) => {
                        debug!(error = %e, "a document view was not built");
                        last = None;
                        Some(Err(Arc::new(e)))
                    }
                    Err(_) => return,
                };
                if let Some(p) = published {
                    if tx.send(Some(p)).is_err() {
                        return;
                    }
                    let _ = node
                        .shared
                        .events
                        .send(NodeEvent::DocumentViewed(group, doc));
                }
                // Wait for news of this document or its group, then take whatever else
                // arrived meanwhile with it.
                if !wait_for(&mut events, group, doc).await {
                    return;
                }
                while let Ok(e) = events.try_recv() {
                    let _ = e;
                }
            }
        });
        DocWatch { views, task }
    }

    /// Where the others who have `doc` open said their cursors are: (who, position, at the
    /// heads they sent). Reads only what presence keeps in memory.
    pub fn presence_entries(&self, doc: DocId) -> Vec<(DeviceId, usize, Vec<ChangeHash>)> {
        self.shared
            .spread(|s| {
                let now = std::time::Instant::now();
                let map = s.presence.entry(doc).or_default();
                map.retain(|_, h| now.duration_since(h.at) < super::docs::PRESENCE_LASTS);
                map.iter()
                    .map(|(d, h)| (*d, h.cursor as usize, h.heads.clone()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A view of the document, or `None` when neither it nor its group moved since the
    /// heads in `seen` (document's, group's). The lock is held only to copy them out.
    #[allow(clippy::type_complexity)]
    fn build_doc_view(
        &self,
        group: GroupId,
        doc: DocId,
        seen: Option<(Vec<ChangeHash>, Vec<ChangeHash>)>,
    ) -> Result<Option<(DocView, (Vec<ChangeHash>, Vec<ChangeHash>))>, SyncError> {
        let copied = self.local(|n| -> Result<_, SyncError> {
            let g = n.group(&group).ok_or(SyncError::UnknownGroup(group))?;
            let group_heads = g.heads();
            let g = g.clone();
            let d = n.document(&group, &doc)?;
            let heads = (d.heads(), group_heads);
            if seen.as_ref() == Some(&heads) {
                return Ok(None);
            }
            Ok(Some((g, d.copy_for_reading(), heads)))
        })??;
        let Some((g, d, heads)) = copied else {
            return Ok(None);
        };
        let me = g.device();
        let can_edit = d
            .creator()
            .is_some_and(|c| g.standing(&d.id(), c, me) == Standing::Editor);
        let masked = !d.revoked(&g).is_empty();
        let text = g.document_text(&d)?;
        Ok(Some((
            DocView {
                heads: heads.0.clone(),
                doc: d,
                text,
                can_edit,
                masked,
            },
            heads,
        )))
    }
}

/// Waits for an event about `doc` or its group; `false` when the node is gone.
async fn wait_for(events: &mut broadcast::Receiver<NodeEvent>, group: GroupId, doc: DocId) -> bool {
    loop {
        match events.recv().await {
            Ok(NodeEvent::DocumentChanged(g, d)) if g == group && d == doc => return true,
            Ok(NodeEvent::GroupChanged(g)) if g == group => return true,
            Ok(_) => {}
            Err(broadcast::error::RecvError::Lagged(_)) => return true,
            Err(broadcast::error::RecvError::Closed) => return false,
        }
    }
}
