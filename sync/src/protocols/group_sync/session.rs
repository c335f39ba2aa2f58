//! The group sync protocol's decisions, without IO: what to answer a dialer, what to send back.
//! The handler and the dialer in `mod.rs` only move these values over a QUIC stream.
//!
//! ```text
//! dialer                                   acceptor
//!   Hello{group, heads, shared}   ─────▶   refuses unless the dialer's authenticated id is a member
//!                                 ◀─────   Reply{heads}, Changes… (what the dialer lacks)
//!   ingest; Changes… (what the acceptor lacks, exactly, now that the dialer has its heads)
//!                                 ─────▶   ingest
//!                                 ◀─────   Done{heads}
//! ```
//! Two round trips. The acceptor computes what the dialer lacks from the dialer's heads; if
//! some of them are unknown to it (the dialer has news), from the known ones plus the heads the
//! two shared at the end of their last session. The dialer always knows the acceptor's heads by
//! the time it answers, so its part is exact. A push (`Hello` with `push`) brings the dialer's
//! news only: the acceptor replies with its heads and no changes.

use causeway_core::docs::DocIngestReport;
use causeway_core::{
    ChangeHash, DeviceId, DocId, GroupId, Incoming, IngestReport, Rejection, SignedChange,
};

use super::wire::RefuseCode;
use crate::error::SyncError;
use crate::local::LocalNode;

/// From how many changes a member who holds nothing gets the whole document (a snapshot)
/// rather than the changes one by one.
pub const SNAPSHOT_FROM: usize = 1000;

/// What the acceptor sends after its `Reply`.
#[derive(Debug)]
pub enum Body {
    /// The changes the dialer lacks.
    Changes(Vec<SignedChange>),
    /// The whole group, for a dialer that holds nothing: the snapshot payload
    /// ([`super::wire::snapshot_payload`]) and how many changes it holds.
    Snapshot {
        /// The payload.
        payload: Vec<u8>,
        /// Changes in the document.
        count: usize,
    },
    /// Not a reply: the dialer was removed from the group. Its removal and the changes in the
    /// removal's causal past it lacks, sent after a `Refuse` of [`RefuseCode::Removed`], so
    /// that its device judges the removal like any change.
    Removed(Vec<SignedChange>),
}

/// What arrived after a `Reply`: changes decoded as they came (each held once, in
/// Automerge's form), or the whole group.
#[derive(Debug)]
pub enum Received {
    /// The changes, decoded; those that did not decode are refused when judged.
    Changes(Vec<Result<Incoming, Rejection>>),
    /// The whole group (see [`Body::Snapshot`]).
    Snapshot {
        /// The payload.
        payload: Vec<u8>,
        /// Changes in the document.
        count: usize,
    },
}

impl From<Body> for Received {
    fn from(body: Body) -> Self {
        match body {
            Body::Changes(c) | Body::Removed(c) => {
                Received::Changes(c.into_iter().map(Incoming::decode).collect())
            }
            Body::Snapshot { payload, count } => Received::Snapshot { payload, count },
        }
    }
}

impl Body {
    /// How many changes it carries.
    pub fn count(&self) -> usize {
        match self {
            Body::Changes(c) | Body::Removed(c) => c.len(),
            Body::Snapshot { count, .. } => *count,
        }
    }
}

/// The acceptor's answer to a Hello: its heads and what the dialer lacks.
pub fn answer_hello(
    node: &LocalNode,
    peer: DeviceId,
    group: GroupId,
    heads: &[ChangeHash],
    shared: &[ChangeHash],
    push: bool,
) -> Result<(Vec<ChangeHash>, Body), RefuseCode> {
    // Only members are served. The id is the one QUIC authenticated, never a claim. A group
    // this device does not hold is refused the same way, so that a stranger cannot learn which
    // groups it holds.
    let g = node.group(&group).ok_or(RefuseCode::NotAMember)?;
    if g.role_of(peer).is_none() {
        // A device removed by someone else is told so, with what its removal rests on (it was
        // a member until then); anyone else learns nothing.
        return match g.removal_news(peer, heads) {
            Some(news) => Ok((g.heads(), Body::Removed(news))),
            None => Err(RefuseCode::NotAMember),
        };
    }
    if push {
        return Ok((g.heads(), Body::Changes(Vec::new())));
    }
    if heads.is_empty() && g.change_count() >= SNAPSHOT_FROM {
        let (doc, sigs) = node
            .document_for_peer(&group)
            .ok_or(RefuseCode::UnknownGroup)?;
        let payload = super::wire::snapshot_payload(&doc, &sigs);
        let count = g.change_count();
        return Ok((g.heads(), Body::Snapshot { payload, count }));
    }
    let all_known = heads.iter().all(|h| g.has_change(h));
    let base: Vec<ChangeHash> = if all_known {
        heads.to_vec()
    } else {
        heads
            .iter()
            .chain(shared)
            .copied()
            .filter(|h| g.has_change(h))
            .collect()
    };
    Ok((g.heads(), Body::Changes(g.changes_since(&base))))
}

/// The acceptor's answer to a check: per group, whether it holds the group with the same heads
/// and the dialer is a member there. Anything else answers `false` (a session then tells the
/// dialer more, or refuses it), so a check reveals nothing a session would not.
pub fn answer_check(
    node: &LocalNode,
    peer: DeviceId,
    groups: &[(GroupId, [u8; super::wire::DIGEST_LEN])],
) -> Vec<bool> {
    groups
        .iter()
        .map(|(id, digest)| match node.group(id) {
            Some(g) => {
                g.role_of(peer).is_some() && super::wire::heads_digest(&g.heads()) == *digest
            }
            // A document's id, in a check that also asks about the group's documents.
            None => node
                .open_document_by_id(&DocId::from_bytes(*id.as_bytes()))
                .is_some_and(|(group, d)| {
                    node.group(&group)
                        .is_some_and(|g| g.role_of(peer).is_some())
                        && super::wire::heads_digest(&d.heads()) == *digest
                }),
        })
        .collect()
}

/// The dialer takes the acceptor's changes, then says what the acceptor lacks. Nothing is sent
/// to an acceptor that is not a member in the dialer's view. When some of the acceptor's heads
/// are unknown here (after a push, the acceptor keeps its news), what it lacks is counted from
/// the known ones plus the heads the two shared at the end of their last session.
pub fn take_reply(
    node: &mut LocalNode,
    peer: DeviceId,
    group: GroupId,
    their_heads: &[ChangeHash],
    shared: &[ChangeHash],
    incoming: Received,
) -> Result<(IngestReport, Vec<SignedChange>), SyncError> {
    let report = match incoming {
        Received::Changes(changes) => node.ingest_decoded(&group, changes)?,
        Received::Snapshot { payload, .. } => {
            let (doc, sigs) = super::wire::parse_snapshot_payload(&payload)?;
            let started = std::time::Instant::now();
            let report = node.ingest_document(&group, doc, sigs)?;
            tracing::debug!(group = %group.fmt_short(), took = ?started.elapsed(), "whole document taken");
            report
        }
    };
    let g = node.group(&group).ok_or(SyncError::UnknownGroup(group))?;
    let back = if g.role_of(peer).is_none() {
        Vec::new()
    } else if their_heads.iter().all(|h| g.has_change(h)) {
        g.changes_since(their_heads)
    } else {
        let base: Vec<ChangeHash> = their_heads.iter().chain(shared).copied().collect();
        g.changes_since(&base)
    };
    Ok((report, back))
}

/// The acceptor takes the dialer's changes and reports its heads.
pub fn take_changes(
    node: &mut LocalNode,
    group: GroupId,
    changes: Vec<Result<Incoming, Rejection>>,
) -> Result<(IngestReport, Vec<ChangeHash>), SyncError> {
    let report = node.ingest_decoded(&group, changes)?;
    let heads = node.group(&group).map(|g| g.heads()).unwrap_or_default();
    Ok((report, heads))
}

/// The acceptor's answer to a `Hello` about a shared document of `group`: only members of
/// the group are served, and only documents the group lists or this device stores (anything
/// else is refused as a group this device does not hold is).
pub fn answer_doc_hello(
    node: &mut LocalNode,
    peer: DeviceId,
    group: GroupId,
    doc: DocId,
    heads: &[ChangeHash],
    shared: &[ChangeHash],
    push: bool,
) -> Result<(Vec<ChangeHash>, Body), RefuseCode> {
    if node.group(&group).is_none_or(|g| g.role_of(peer).is_none()) {
        return Err(RefuseCode::NotAMember);
    }
    let Ok(d) = node.document(&group, &doc) else {
        // Not heard of here yet (its listing may come after it): the dialer sends it all,
        // and it is judged like any change.
        return Ok((Vec::new(), Body::Changes(Vec::new())));
    };
    if push {
        return Ok((d.heads(), Body::Changes(Vec::new())));
    }
    let base = known_base(|h| d.has_change(h), heads, shared);
    Ok((d.heads(), Body::Changes(d.changes_after(&base))))
}

/// What the other side has, as far as this side can tell: its heads when all are known
/// here, otherwise the known ones plus the heads the two shared last time.
fn known_base(
    has: impl Fn(&ChangeHash) -> bool,
    heads: &[ChangeHash],
    shared: &[ChangeHash],
) -> Vec<ChangeHash> {
    if heads.iter().all(&has) {
        heads.to_vec()
    } else {
        heads
            .iter()
            .chain(shared)
            .copied()
            .filter(|h| has(h))
            .collect()
    }
}

/// [`take_reply`] for a document: the dialer takes the acceptor's changes of `doc`, then
/// says what the acceptor lacks.
pub fn take_doc_reply(
    node: &mut LocalNode,
    peer: DeviceId,
    group: GroupId,
    doc: DocId,
    their_heads: &[ChangeHash],
    shared: &[ChangeHash],
    incoming: Received,
) -> Result<(DocIngestReport, Vec<SignedChange>), SyncError> {
    let Received::Changes(changes) = incoming else {
        return Err(super::wire::WireError::Malformed("a document comes as changes").into());
    };
    let report = node.ingest_document_changes(&group, &doc, changes)?;
    let member = node
        .group(&group)
        .is_some_and(|g| g.role_of(peer).is_some());
    let back = match node.document(&group, &doc) {
        Ok(d) if member => d.changes_after(&known_base(|h| d.has_change(h), their_heads, shared)),
        _ => Vec::new(),
    };
    Ok((report, back))
}

/// [`take_changes`] for a document.
pub fn take_doc_changes(
    node: &mut LocalNode,
    group: GroupId,
    doc: DocId,
    changes: Vec<Result<Incoming, Rejection>>,
) -> Result<(DocIngestReport, Vec<ChangeHash>), SyncError> {
    let report = node.ingest_document_changes(&group, &doc, changes)?;
    let heads = node
        .document(&group, &doc)
        .map(|d| d.heads())
        .unwrap_or_default();
    Ok((report, heads))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use causeway_core::{NewGroup, Profile, Role, Visibility};

    fn node(dir: &std::path::Path, name: &str) -> LocalNode {
        let mut n = LocalNode::open(dir).unwrap();
        n.set_profile(Profile {
            display_name: name.into(),
            ..Profile::default()
        })
        .unwrap();
        n
    }

    fn new_group() -> NewGroup {
        NewGroup::named("G", Visibility::Invite)
    }

    fn decoded(changes: Vec<SignedChange>) -> Vec<Result<Incoming, Rejection>> {
        changes.into_iter().map(Incoming::decode).collect()
    }

    /// Runs one whole session between two nodes, without a network.
    fn session(
        dialer: &mut LocalNode,
        acceptor: &mut LocalNode,
        group: GroupId,
    ) -> Result<(), RefuseCode> {
        let (heads, shared) = (dialer.group(&group).unwrap().heads(), Vec::new());
        let (their_heads, body) =
            answer_hello(acceptor, dialer.device_id(), group, &heads, &shared, false)?;
        let (_, back) = take_reply(
            dialer,
            acceptor.device_id(),
            group,
            &their_heads,
            &[],
            body.into(),
        )
        .unwrap();
        let (_, final_heads) = take_changes(acceptor, group, decoded(back)).unwrap();
        assert_eq!(final_heads, dialer.group(&group).unwrap().heads());
        Ok(())
    }

    /// Amara's group with Bruno as a member, after a first session between them.
    fn amara_and_bruno(
        a: &std::path::Path,
        b: &std::path::Path,
    ) -> (LocalNode, LocalNode, GroupId) {
        let (mut amara, mut bruno) = (node(a, "Amara"), node(b, "Bruno"));
        let id = amara.create_group(&new_group()).unwrap();
        let who = bruno.device_id();
        amara
            .act(&id, |g, now| g.add_member(now, who, "Bruno", Role::Member))
            .unwrap();
        bruno.prepare_join(id, amara.device_id()).unwrap();
        session(&mut bruno, &mut amara, id).unwrap();
        (amara, bruno, id)
    }

    #[test]
    fn two_members_who_both_wrote_end_with_the_same_posts_in_one_session() {
        let (ta, tb) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (mut amara, mut bruno, id) = amara_and_bruno(ta.path(), tb.path());
        let item = crate::new_item_id().unwrap();
        amara
            .act(&id, |g, now| g.post(now, item, "A", "from Amara", "en"))
            .unwrap();
        let item = crate::new_item_id().unwrap();
        bruno
            .act(&id, |g, now| g.post(now, item, "B", "from Bruno", "en"))
            .unwrap();
        session(&mut bruno, &mut amara, id).unwrap();
        let posts = |n: &LocalNode| {
            let mut v: Vec<String> = n
                .group(&id)
                .unwrap()
                .posts()
                .into_iter()
                .map(|p| p.body)
                .collect();
            v.sort();
            v
        };
        assert_eq!(posts(&amara), vec!["from Amara", "from Bruno"]);
        assert_eq!(posts(&amara), posts(&bruno));
    }

    #[test]
    fn a_non_member_is_refused_and_receives_nothing() {
        let (ta, tc) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (mut amara, mut chloe) = (node(ta.path(), "Amara"), node(tc.path(), "Chloé"));
        let id = amara.create_group(&new_group()).unwrap();
        chloe.prepare_join(id, amara.device_id()).unwrap();
        assert_eq!(
            session(&mut chloe, &mut amara, id),
            Err(RefuseCode::NotAMember)
        );
        assert!(chloe.group(&id).unwrap().info().is_none());
        // An unknown group is refused the same way, revealing nothing either.
        let other = GroupId::from_bytes([9; 32]);
        assert!(matches!(
            answer_hello(&amara, chloe.device_id(), other, &[], &[], false),
            Err(RefuseCode::NotAMember)
        ));
        // A push is refused to a non-member just the same.
        assert!(matches!(
            answer_hello(&amara, chloe.device_id(), id, &[], &[], true),
            Err(RefuseCode::NotAMember)
        ));
    }

    #[test]
    fn a_push_takes_the_dialers_news_and_sends_none_back() {
        let (ta, tb) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let (mut amara, mut bruno, id) = amara_and_bruno(ta.path(), tb.path());
        let shared = bruno.group(&id).unwrap().heads();
        // Both write; Bruno pushes his post to Amara.
        for (n, text) in [(&mut amara, "from Amara"), (&mut bruno, "from Bruno")] {
            let item = crate::new_item_id().unwrap();
            n.act(&id, |g, now| g.post(now, item, "", text, "en"))
                .unwrap();
        }
        let heads = bruno.group(&id).unwrap().heads();
        let (their_heads, body) =
            answer_hello(&amara, bruno.device_id(), id, &heads, &[], true).unwrap();
        assert_eq!(body.count(), 0);
        let (report, back) = take_reply(
            &mut bruno,
            amara.device_id(),
            id,
            &their_heads,
            &shared,
            body.into(),
        )
        .unwrap();
        assert!(report.accepted.is_empty());
        // Amara's heads are her new post, unknown to Bruno: the heads they shared at the end
        // of their last session say what she has, so only his post goes.
        assert_eq!(back.len(), 1);
        let (report, _) = take_changes(&mut amara, id, decoded(back)).unwrap();
        assert_eq!(report.accepted.len(), 1);
        let bodies = |n: &LocalNode| -> Vec<String> {
            n.group(&id)
                .unwrap()
                .posts()
                .into_iter()
                .map(|p| p.body)
                .collect()
        };
        assert_eq!(bodies(&amara).len(), 2);
        assert_eq!(bodies(&bruno), vec!["from Bruno".to_string()]);
    }
}
