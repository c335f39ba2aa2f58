//! The bytes of changes a group took in while it was open, kept so that sending them on does
//! not ask Automerge to rebuild them from its columns (`Automerge::get_changes` re-encodes
//! every change it returns, which dominated live sync between many members).

use std::collections::{HashMap, VecDeque};

use automerge::ChangeHash;

/// Most bytes kept; the oldest changes are dropped first.
const MAX_BYTES: usize = 16 << 20;

/// Raw bytes of recently added changes, oldest dropped first. A copy starts empty: the copies
/// views are built from never send changes.
#[derive(Default)]
pub(super) struct RecentChanges {
    bytes: HashMap<ChangeHash, Box<[u8]>>,
    order: VecDeque<ChangeHash>,
    total: usize,
}

impl Clone for RecentChanges {
    fn clone(&self) -> Self {
        Self::default()
    }
}

impl RecentChanges {
    /// Keeps the bytes of a change that was just added to the document.
    pub(super) fn add(&mut self, hash: ChangeHash, raw: &[u8]) {
        if raw.len() > MAX_BYTES || self.bytes.contains_key(&hash) {
            return;
        }
        self.bytes.insert(hash, raw.into());
        self.order.push_back(hash);
        self.total += raw.len();
        while self.total > MAX_BYTES {
            let Some(old) = self.order.pop_front() else {
                break;
            };
            if let Some(b) = self.bytes.remove(&old) {
                self.total -= b.len();
            }
        }
    }

    pub(super) fn get(&self, hash: &ChangeHash) -> Option<&[u8]> {
        self.bytes.get(hash).map(|b| &b[..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_at_most_its_budget_and_drops_the_oldest_first() {
        let mut r = RecentChanges::default();
        let chunk = vec![7u8; MAX_BYTES / 4];
        for i in 0..6u8 {
            r.add(ChangeHash([i; 32]), &chunk);
        }
        assert!(r.total <= MAX_BYTES);
        assert!(r.get(&ChangeHash([0; 32])).is_none());
        assert!(r.get(&ChangeHash([1; 32])).is_none());
        assert_eq!(r.get(&ChangeHash([5; 32])), Some(&chunk[..]));
        assert!(r.clone().get(&ChangeHash([5; 32])).is_none());
    }
}
