//! The walk both gates take over a batch of changes (a group's, a document's): dependencies
//! first, each change's fate decided first by its dependencies' and by its authentication,
//! then by the gate's own checks; what is refused is remembered (within a bound), so it is
//! refused again if it comes back, and what waits is reported, not kept.

use std::collections::{HashMap, HashSet};

use automerge::{Change, ChangeHash};

use crate::actor::author_of_actor;
use crate::error::Rejection;
use crate::group::Waiting;
use crate::identity::{ChangeSignature, DeviceId};
use crate::order::topo_indices;
use crate::vouch::{Authenticity, authenticate};

/// How many refused change hashes a group or a document remembers; past it they are
/// forgotten (judging one again is the only cost), so a member who sends endless refused
/// changes costs bounded memory.
pub(crate) const MAX_REMEMBERED_REJECTIONS: usize = 100_000;

/// Where a walk reports what it decided.
pub(crate) trait Report {
    /// Changes refused, with why.
    fn rejected(&mut self) -> &mut Vec<(Option<ChangeHash>, Rejection)>;
    /// Changes that may pass once more arrives.
    fn waiting(&mut self) -> &mut Vec<(ChangeHash, Waiting)>;
}

enum Fate {
    Accepted,
    Rejected,
    Waiting,
}

/// One walk over a batch.
pub(crate) struct Walk {
    /// The batch's positions, dependencies first.
    pub(crate) order: Vec<usize>,
    index: HashMap<ChangeHash, usize>,
    fate: Vec<Option<Fate>>,
    authenticity: Authenticity,
}

impl Walk {
    /// Orders `items` and authenticates them (`verify`: one signature by one author over one
    /// hash, as the gate signs).
    pub(crate) fn new(
        items: &[(Change, Option<ChangeSignature>)],
        verify: impl Fn(&DeviceId, &ChangeHash, &ChangeSignature) -> bool,
    ) -> Walk {
        let index: HashMap<ChangeHash, usize> = items
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (c.hash(), i))
            .collect();
        let order = topo_indices(items, &index);
        let authenticity = authenticate(items, &order, &index, verify);
        Walk {
            order,
            index,
            fate: (0..items.len()).map(|_| None).collect(),
            authenticity,
        }
    }

    /// What is decided of change `i` before the gate's own checks: `None` when it is decided
    /// and reported already (a bad signature, which the true one may still follow; no
    /// signature yet); `Some(Err(..))` to [`Walk::settle`] as it is (what it builds on was
    /// refused or is missing; its author id is malformed); `Some(Ok(()))` for the gate to
    /// judge. `refused`: the hashes the gate remembers refusing; `held`: whether it holds a
    /// change already.
    pub(crate) fn before(
        &mut self,
        i: usize,
        change: &Change,
        refused: &HashSet<ChangeHash>,
        held: impl Fn(&ChangeHash) -> bool,
        report: &mut impl Report,
    ) -> Option<Result<(), Option<Rejection>>> {
        let mut deps = Fate::Accepted;
        for d in change.deps() {
            let known = self.index.get(d).and_then(|&j| self.fate[j].as_ref());
            match known {
                Some(Fate::Accepted) => {}
                Some(Fate::Rejected) => deps = Fate::Rejected,
                Some(Fate::Waiting) => {
                    if !matches!(deps, Fate::Rejected) {
                        deps = Fate::Waiting;
                    }
                }
                None if refused.contains(d) => deps = Fate::Rejected,
                None => {
                    if !held(d) && !matches!(deps, Fate::Rejected) {
                        deps = Fate::Waiting;
                    }
                }
            }
        }
        let hash = change.hash();
        match deps {
            Fate::Rejected => Some(Err(Some(Rejection::DependsOnRejected))),
            Fate::Waiting => Some(Err(None)),
            Fate::Accepted if self.authenticity.forged[i] => {
                // The signature is not part of the hash: the same change may still come
                // with its author's true signature. So a bad one is refused without
                // remembering the hash, and what builds on it waits as if it had not come.
                report
                    .rejected()
                    .push((Some(hash), Rejection::BadSignature));
                self.fate[i] = Some(Fate::Waiting);
                None
            }
            Fate::Accepted if !self.authenticity.authentic[i] => {
                if author_of_actor(change.actor_id()).is_none() {
                    return Some(Err(Some(Rejection::Malformed(
                        "the author id is malformed".into(),
                    ))));
                }
                report.waiting().push((hash, Waiting::Signature));
                self.fate[i] = Some(Fate::Waiting);
                None
            }
            Fate::Accepted => Some(Ok(())),
        }
    }

    /// Records the verdict on change `i` (`Err(None)`: it waits for what it builds on);
    /// whether it was accepted. A refused hash is remembered in `refused`.
    pub(crate) fn settle(
        &mut self,
        i: usize,
        hash: ChangeHash,
        verdict: Result<(), Option<Rejection>>,
        refused: &mut HashSet<ChangeHash>,
        report: &mut impl Report,
    ) -> bool {
        match verdict {
            Ok(()) => {
                self.fate[i] = Some(Fate::Accepted);
                true
            }
            Err(Some(why)) => {
                // The reason lies in the change itself (its author, its content, its
                // history), so it is refused again if it comes back.
                if refused.len() >= MAX_REMEMBERED_REJECTIONS {
                    refused.clear();
                }
                refused.insert(hash);
                report.rejected().push((Some(hash), why));
                self.fate[i] = Some(Fate::Rejected);
                false
            }
            Err(None) => {
                report.waiting().push((hash, Waiting::MissingDependencies));
                self.fate[i] = Some(Fate::Waiting);
                false
            }
        }
    }

    /// Records that change `i` waits for something the gate names (`why`).
    pub(crate) fn wait(
        &mut self,
        i: usize,
        hash: ChangeHash,
        why: Waiting,
        report: &mut impl Report,
    ) {
        report.waiting().push((hash, why));
        self.fate[i] = Some(Fate::Waiting);
    }
}
