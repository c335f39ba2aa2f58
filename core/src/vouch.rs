//! Which changes of a batch are authentic: a valid signature vouches for its author's earlier
//! changes that it builds on (a change hash commits to its whole history), so one
//! verification per author usually covers a whole batch. Group changes and document changes
//! are authenticated the same way; only what a signature covers differs.

use std::collections::{HashMap, HashSet};

use automerge::{Change, ChangeHash};

use crate::actor::author_of_actor;
use crate::identity::{ChangeSignature, DeviceId};

/// What authentication found for each change of a batch, by position.
pub(crate) struct Authenticity {
    /// Signed by its author, or vouched for by a later signed change of its author.
    pub(crate) authentic: Vec<bool>,
    /// It carries a signature that does not verify.
    pub(crate) forged: Vec<bool>,
}

/// Authenticates `items`, walking `order` (dependencies first) from the newest; `index` maps
/// each hash to its position; `verify` checks one signature by one author over one hash.
pub(crate) fn authenticate(
    items: &[(Change, Option<ChangeSignature>)],
    order: &[usize],
    index: &HashMap<ChangeHash, usize>,
    verify: impl Fn(&DeviceId, &ChangeHash, &ChangeSignature) -> bool,
) -> Authenticity {
    let mut authentic = vec![false; items.len()];
    let mut forged = vec![false; items.len()];
    let mut vouched: Vec<HashSet<DeviceId>> = vec![HashSet::new(); items.len()];
    for &i in order.iter().rev() {
        let (change, signature) = &items[i];
        let author = author_of_actor(change.actor_id());
        let mut carried = std::mem::take(&mut vouched[i]);
        if let Some(a) = author {
            if carried.contains(&a) {
                authentic[i] = true;
            } else if let Some(sig) = signature {
                if verify(&a, &change.hash(), sig) {
                    authentic[i] = true;
                    carried.insert(a);
                } else {
                    forged[i] = true;
                }
            }
        }
        for d in change.deps() {
            if let Some(&j) = index.get(d) {
                vouched[j].extend(carried.iter().copied());
            }
        }
    }
    Authenticity { authentic, forged }
}

/// Which changes of a set a later change of the same author in the set builds on: sent with
/// the set, such a change needs no signature of its own, since that later change's signature
/// vouches for it. `order` is a topological order (dependencies first) of the set's
/// positions; `index` maps each hash to its position.
pub(crate) fn covered<'a>(
    order: &[usize],
    author: impl Fn(usize) -> Option<DeviceId>,
    deps: impl Fn(usize) -> &'a [ChangeHash],
    index: &HashMap<ChangeHash, usize>,
) -> Vec<bool> {
    let mut covered = vec![false; index.len()];
    let mut reach: Vec<HashSet<DeviceId>> = vec![HashSet::new(); index.len()];
    for &i in order.iter().rev() {
        let mut carried = std::mem::take(&mut reach[i]);
        if let Some(a) = author(i) {
            covered[i] = carried.contains(&a);
            carried.insert(a);
        }
        for d in deps(i) {
            if let Some(&j) = index.get(d) {
                reach[j].extend(carried.iter().copied());
            }
        }
    }
    covered
}
