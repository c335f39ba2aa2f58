//! What this device sends a peer: the changes it lacks with just the signatures that
//! authenticate them, or the whole document for a member who holds nothing yet.

use std::collections::HashMap;

use automerge::{Change, ChangeHash};

use super::{Group, SignedChange};
use crate::actor::author_of_actor;
use crate::identity::{ChangeSignature, DeviceId};
use crate::order::topo_order;
use crate::vouch::covered;

impl Group {
    /// Changes that `have` lacks, with the signatures needed to authenticate them: for each
    /// author, the signature of every change that no later change of the same author in the
    /// set builds on.
    /// Hashes in `have` that this group does not hold are ignored.
    pub fn changes_since(&self, have: &[ChangeHash]) -> Vec<SignedChange> {
        self.changes_since_within(have, None)
    }

    /// What a removed device is told when it asks for the group (`who`, holding `have`): its
    /// removal and the changes in the removal's causal past it lacks, which it judges like
    /// any change. `None` when `who` was not removed by someone else (never a member, left, or
    /// a member still), or the removal's change is not here.
    pub fn removal_news(&self, who: DeviceId, have: &[ChangeHash]) -> Option<Vec<SignedChange>> {
        if self.role_of(who).is_some() {
            return None;
        }
        let r = self.reader();
        let root = crate::collections::root_of::<crate::collections::members::Members>(&r)?;
        let entry = r.object(&root, &who.to_hex())?;
        let (by, id) = r.visible(&entry, "removed_by")?;
        if by.as_str() == Some(who.to_hex().as_str()) {
            return None;
        }
        let removal = self.doc.hash_for_opid(&id)?;
        Some(self.changes_since_within(have, Some(removal)))
    }

    /// [`Group::changes_since`], kept to the causal past of `within` (itself included).
    fn changes_since_within(
        &self,
        have: &[ChangeHash],
        within: Option<ChangeHash>,
    ) -> Vec<SignedChange> {
        let have: Vec<ChangeHash> = have
            .iter()
            .copied()
            .filter(|h| self.has_change(h))
            .collect();
        // Which changes, from the change graph alone; their bytes from the recent ones kept,
        // or (for older ones) rebuilt by Automerge, which is the costly part.
        let mut metas = self.doc.get_changes_meta(&have);
        if let Some(top) = within {
            // The ancestors of `top` among them: what is not among them the other side has.
            let deps: HashMap<ChangeHash, Vec<ChangeHash>> =
                metas.iter().map(|m| (m.hash, m.deps.clone())).collect();
            let mut keep = std::collections::HashSet::new();
            let mut todo = vec![top];
            while let Some(h) = todo.pop() {
                if let Some(d) = deps.get(&h)
                    && keep.insert(h)
                {
                    todo.extend(d.iter().copied());
                }
            }
            metas.retain(|m| keep.contains(&m.hash));
        }
        if metas.is_empty() {
            return Vec::new();
        }
        let rebuilt: HashMap<ChangeHash, Change> =
            if metas.iter().all(|m| self.recent.get(&m.hash).is_some()) {
                HashMap::new()
            } else {
                self.doc
                    .get_changes(&have)
                    .into_iter()
                    .map(|c| (c.hash(), c))
                    .collect()
            };
        let index: HashMap<ChangeHash, usize> =
            metas.iter().enumerate().map(|(i, m)| (m.hash, i)).collect();
        let order = topo_order(metas.len(), |i| metas[i].hash, |i| &metas[i].deps, &index);
        let authors: Vec<Option<DeviceId>> =
            metas.iter().map(|m| author_of_actor(&m.actor)).collect();
        let covered = covered(&order, |i| authors[i], |i| &metas[i].deps, &index);
        order
            .into_iter()
            .filter_map(|i| {
                let hash = metas[i].hash;
                let bytes = match self.recent.get(&hash) {
                    Some(b) => b.to_vec(),
                    None => rebuilt.get(&hash)?.raw_bytes().to_vec(),
                };
                let signature = if covered[i] {
                    None
                } else {
                    self.signatures.get(&hash).copied()
                };
                Some(SignedChange { bytes, signature })
            })
            .collect()
    }

    /// The whole document for a member who holds nothing yet ([`Group::save`]), and the
    /// signatures that authenticate it ([`Group::signatures_for_peer`]).
    pub fn document_for_peer(&self) -> (Vec<u8>, Vec<(ChangeHash, ChangeSignature)>) {
        (self.save(), self.signatures_for_peer())
    }

    /// The signatures that authenticate the whole document to a member who holds nothing yet:
    /// those of every actor's latest change (each vouches for what its author wrote before
    /// it). They go with this group's [`Group::save`] as of now, or with an earlier save
    /// whose heads are the group's current ones.
    ///
    /// Found among the signatures held (one pass over them, not over the history): per actor,
    /// the signed change that comes last. Two changes of one actor can only start at the same
    /// operation when one of them is empty; both signatures are sent then.
    pub fn signatures_for_peer(&self) -> Vec<(ChangeHash, ChangeSignature)> {
        let Some(ledger) = self.ledger.as_ref() else {
            return Vec::new();
        };
        let mut latest: HashMap<u32, (u64, Vec<(ChangeHash, ChangeSignature)>)> = HashMap::new();
        for (hash, sig) in self.signatures.iter() {
            let Some((actor, start)) = ledger.position(hash) else {
                continue;
            };
            let e = latest.entry(actor).or_insert((start, Vec::new()));
            if start > e.0 {
                *e = (start, Vec::new());
            }
            if start == e.0 {
                e.1.push((*hash, *sig));
            }
        }
        let mut sigs: Vec<(ChangeHash, ChangeSignature)> =
            latest.into_values().flat_map(|(_, s)| s).collect();
        sigs.sort_by_key(|(h, _)| *h);
        sigs
    }
}
