//! Spreading news: a round with one member's device (a check, then sessions where groups
//! differ), a session for one group, this device's own changes pushed to every member at once,
//! and news received from one member passed on to the others.
use std::sync::Arc;

use causeway_core::{DeviceId, GroupId};
use tracing::debug;

use super::PeerRound;
use super::shared::{Shared, Subject};
use crate::address::PeerAddress;
use crate::error::SyncError;
use crate::local::now;
use crate::protocols::group_sync::{self, SyncOutcome};

/// How long news received from one member waits before it is passed on to the others.
/// Authors push their own changes to every member at once, so passing news on matters only for
/// members the author could not reach; waiting lets a burst of news go on together, and the
/// members who already have it answer a check (a few dozen bytes) instead of a session.
pub(super) const FORWARD_AFTER: std::time::Duration = std::time::Duration::from_millis(500);

/// How many times a push that broke on the way is tried, and how long it waits before the
/// next try (once, then twice as long).
const PUSH_TRIES: u32 = 3;
const PUSH_AGAIN_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

/// Whether a push that failed this way may get through if tried again soon: a connection
/// that broke, a timeout, a device that was busy or did not answer. A refusal (not a
/// member, removed) or a malformed answer is not tried again.
fn worth_another_push(e: &SyncError) -> bool {
    use crate::protocols::group_sync::wire::{RefuseCode, WireError};
    matches!(
        e,
        SyncError::Unreachable(_)
            | SyncError::Wire(WireError::Io(_) | WireError::Timeout)
            | SyncError::Refused(RefuseCode::Busy)
    )
}

/// How a push reaches a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PushKind {
    /// A session at once: the news is this device's own, so the member lacks it.
    Session,
    /// A check first, then a session only if the member's group differs (passing news on).
    CheckFirst,
}

impl Shared {
    /// One round with `peer` over `groups`: a check, then sessions where they differ. A device
    /// that does not understand checks (an older Causeway) gets a session for every group.
    pub(crate) async fn sync_peer(
        self: &Arc<Self>,
        peer: &PeerAddress,
        groups: &[GroupId],
    ) -> Result<PeerRound, SyncError> {
        let mut round = PeerRound {
            checked: groups.len(),
            ..PeerRound::default()
        };
        // The check asks about the documents of these groups too (by their ids).
        let docs: Vec<(GroupId, causeway_core::DocId)> = self.with_local(|n| {
            let mut docs = Vec::new();
            for g in groups {
                if n.group(g).is_some_and(|x| x.role_of(peer.id).is_some()) {
                    docs.extend(n.open_documents(g).into_iter().map(|d| (*g, d)));
                }
            }
            docs
        })?;
        let mut asked: Vec<GroupId> = groups.to_vec();
        asked.extend(docs.iter().map(|(_, d)| GroupId::from_bytes(*d.as_bytes())));
        let differ: Vec<GroupId> = match group_sync::check(
            self,
            &self.endpoint,
            self.dial_addr(peer)?,
            &asked,
        )
        .await
        {
            Ok(c) => {
                round.bytes_sent += c.bytes_sent;
                round.bytes_received += c.bytes_received;
                round.udp_sent += c.udp_sent;
                round.udp_received += c.udp_received;
                round.same = c
                    .same
                    .iter()
                    .filter(|(g, s)| *s && groups.contains(g))
                    .count();
                self.reached(peer.id, c.relayed);
                let now = now();
                self.publish(|s| {
                    for (g, same) in &c.same {
                        if *same {
                            s.activity.entry(*g).or_default().last_sync = Some(now);
                        }
                    }
                });
                c.same
                    .into_iter()
                    .filter(|(_, s)| !*s)
                    .map(|(g, _)| g)
                    .collect()
            }
            Err(SyncError::Wire(group_sync::wire::WireError::Malformed(why))) => {
                debug!(peer = %peer.id.fmt_short(), why, "no check with this device; a session per group");
                asked.clone()
            }
            Err(e) => {
                if matches!(e, SyncError::Unreachable(_)) {
                    self.unreachable(peer.id);
                }
                return Err(e);
            }
        };
        let (differ, docs_differ): (Vec<GroupId>, Vec<GroupId>) =
            differ.into_iter().partition(|g| groups.contains(g));
        for g in differ {
            let r = self.sync_with(g, peer, false).await;
            if let Ok(o) = &r {
                round.bytes_sent += o.bytes_sent;
                round.bytes_received += o.bytes_received;
                round.udp_sent += o.udp_sent;
                round.udp_received += o.udp_received;
            }
            round.sessions.push((g, r));
        }
        for d in docs_differ {
            let Some((group, doc)) = docs.iter().find(|(_, x)| x.as_bytes() == d.as_bytes()) else {
                continue;
            };
            if let Err(e) = self.sync_doc_with(*group, *doc, peer, false).await {
                debug!(peer = %peer.id.fmt_short(), doc = %doc.fmt_short(), error = %e, "document not synced");
            }
        }
        Ok(round)
    }

    /// One session for `group` with `peer`, recording the shared heads when both ended equal.
    /// A `push` brings this device's news and takes none back (see PROTOCOL.md, "Pushes").
    pub(crate) async fn sync_with(
        self: &Arc<Self>,
        group: GroupId,
        peer: &PeerAddress,
        push: bool,
    ) -> Result<SyncOutcome, SyncError> {
        let last = self.with_local(|n| n.shared_heads(peer.id, &group))?;
        let addr = self.dial_addr(peer)?;
        // Counted as running until it ends, also when the caller gives up on it (a round
        // past its time drops the sessions under way).
        struct Running<'a>(&'a Shared, GroupId);
        impl Drop for Running<'_> {
            fn drop(&mut self) {
                self.0.session(self.1, false);
            }
        }
        self.session(group, true);
        let running = Running(self, group);
        let result = group_sync::dial(self, &self.endpoint, addr, (group, None), last, push).await;
        drop(running);
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
        self.with_local(|n| {
            let mine = n.group(&group).map(|g| g.heads()).unwrap_or_default();
            if mine == final_heads {
                n.set_shared_heads(peer.id, &group, &final_heads)
            } else {
                Ok(())
            }
        })??;
        Ok(outcome)
    }

    /// Passes news of `group` that `from` brought on to the other members, after
    /// [`FORWARD_AFTER`]; news arriving meanwhile goes with it.
    pub(crate) fn forward(self: &Arc<Self>, group: GroupId, from: DeviceId) {
        self.forward_subject(Subject::Group(group), from);
    }

    /// A push to a member about a subject is over: the next news starts a new one.
    fn push_ended(&self, key: (DeviceId, Subject)) {
        if let Ok(mut pushing) = self.pushing.lock() {
            pushing.remove(&key);
        }
    }

    /// Sends this device's own news in `group` to every other member at once (live updates).
    pub(crate) fn push(self: &Arc<Self>, group: GroupId) {
        self.push_as(Subject::Group(group), None, PushKind::Session);
    }

    /// Passes news of `subject` that `from` brought on to the other members, after
    /// [`FORWARD_AFTER`]; news arriving meanwhile goes with it. A group's members are asked
    /// first whether they lack it; a document's get a session (a push holds only what the
    /// member lacks).
    pub(crate) fn forward_subject(self: &Arc<Self>, subject: Subject, from: DeviceId) {
        if !self.live.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let Ok(mut waiting) = self.forwarding.lock() else {
            return;
        };
        if !waiting.insert(subject) {
            return;
        }
        drop(waiting);
        let weak = Arc::downgrade(self);
        tokio::spawn(async move {
            tokio::time::sleep(FORWARD_AFTER).await;
            let Some(shared) = weak.upgrade() else { return };
            if let Ok(mut f) = shared.forwarding.lock() {
                f.remove(&subject);
            }
            if !shared.stopping.load(std::sync::atomic::Ordering::Acquire) {
                let kind = match subject {
                    Subject::Group(_) => PushKind::CheckFirst,
                    Subject::Doc(..) => PushKind::Session,
                };
                shared.push_as(subject, Some(from), kind);
            }
        });
    }

    /// Sends `subject`'s news to every other member of its group, except `except` (who just
    /// sent it). A push already under way for a member is marked to run once more.
    pub(crate) fn push_as(
        self: &Arc<Self>,
        subject: Subject,
        except: Option<DeviceId>,
        kind: PushKind,
    ) {
        if !self.live.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        let me = DeviceId::from_bytes(*self.endpoint.id().as_bytes());
        let group = subject.group();
        // From the ledger, under the shared lock: nothing of the document is read.
        // A blocked device gets no pushes, and what it brings is not passed on.
        let Ok(Some(members)) = self.read_local(|n| {
            n.group(&group).map(|g| {
                let mut m = g.current_members();
                m.retain(|d| !n.is_blocked(*d));
                m
            })
        }) else {
            return;
        };
        if except.is_some_and(|from| self.read_local(|n| n.is_blocked(from)).unwrap_or(true)) {
            return;
        }
        for id in members
            .into_iter()
            .filter(|id| *id != me && Some(*id) != except)
        {
            let key = (id, subject);
            {
                let Ok(mut pushing) = self.pushing.lock() else {
                    return;
                };
                if let Some(dirty) = pushing.get_mut(&key) {
                    debug!(peer = %id.fmt_short(), "push already under way; marked to run again");
                    *dirty = true;
                    continue;
                }
                debug!(peer = %id.fmt_short(), group = %group.fmt_short(), "pushing");
                pushing.insert(key, false);
            }
            let shared = self.clone();
            tokio::spawn(async move {
                let mut failed = 0u32;
                loop {
                    // iroh also remembers how to reach a device that connected recently.
                    let Ok(addr) = shared.with_local(|n| n.address_of(id)) else {
                        shared.push_ended(key);
                        return;
                    };
                    let result = match (subject, kind) {
                        (Subject::Group(g), PushKind::Session) => {
                            shared.sync_with(g, &addr, true).await.map(|_| ())
                        }
                        (Subject::Group(g), PushKind::CheckFirst) => {
                            shared.sync_peer(&addr, &[g]).await.and_then(|mut r| {
                                r.sessions.pop().map_or(Ok(()), |(_, o)| o.map(|_| ()))
                            })
                        }
                        (Subject::Doc(g, d), _) => {
                            shared.sync_doc_with(g, d, &addr, true).await.map(|_| ())
                        }
                    };
                    match result {
                        Ok(()) => failed = 0,
                        Err(e) => {
                            failed += 1;
                            debug!(peer = %id.fmt_short(), error = %e, failed, "push did not get through");
                            // A session that broke on the way (a connection the other side
                            // had just replaced, a busy moment) is tried again a moment
                            // later: a member who is online should not wait for the next
                            // background round to see news.
                            if worth_another_push(&e) && failed < PUSH_TRIES {
                                tokio::time::sleep(PUSH_AGAIN_AFTER * failed).await;
                                if shared.stopping.load(std::sync::atomic::Ordering::Acquire) {
                                    shared.push_ended(key);
                                    return;
                                }
                                continue;
                            }
                        }
                    }
                    let Ok(mut pushing) = shared.pushing.lock() else {
                        return;
                    };
                    match pushing.get(&key) {
                        Some(true) => {
                            pushing.insert(key, false);
                        }
                        _ => {
                            pushing.remove(&key);
                            return;
                        }
                    }
                }
            });
        }
    }
}
