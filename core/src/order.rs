//! The one order in which changes are taken everywhere: every change after the changes it
//! depends on, ties broken by hash, so every peer and every rebuild walks a set of changes the
//! same way.

use std::collections::{BTreeSet, HashMap, HashSet};

use automerge::{Change, ChangeHash};

/// Orders changes so that every change comes after its dependencies in the set (Kahn's
/// algorithm, ties broken by hash so the order is the same everywhere).
pub(crate) fn topological(changes: Vec<Change>) -> Vec<Change> {
    let index: HashMap<ChangeHash, usize> = changes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.hash(), i))
        .collect();
    let pairs: Vec<(Change, ())> = changes.into_iter().map(|c| (c, ())).collect();
    let order = topo_indices(&pairs, &index);
    let mut slots: Vec<Option<Change>> = pairs.into_iter().map(|(c, _)| Some(c)).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// [`topo_order`] over changes held with something beside them; `index` maps each hash to its
/// position in `items`.
pub(crate) fn topo_indices<T>(
    items: &[(Change, T)],
    index: &HashMap<ChangeHash, usize>,
) -> Vec<usize> {
    topo_order(
        items.len(),
        |i| items[i].0.hash(),
        |i| items[i].0.deps(),
        index,
    )
}

/// Kahn's algorithm over `n` changes given by index, ties broken by hash.
pub(crate) fn topo_order<'a>(
    n: usize,
    hash: impl Fn(usize) -> ChangeHash,
    deps: impl Fn(usize) -> &'a [ChangeHash],
    index: &HashMap<ChangeHash, usize>,
) -> Vec<usize> {
    let mut indegree = vec![0usize; n];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, degree) in indegree.iter_mut().enumerate() {
        for d in deps(i) {
            if let Some(&j) = index.get(d) {
                *degree += 1;
                children[j].push(i);
            }
        }
    }
    let mut ready: BTreeSet<(ChangeHash, usize)> = (0..n)
        .filter(|&i| indegree[i] == 0)
        .map(|i| (hash(i), i))
        .collect();
    let mut out = Vec::with_capacity(n);
    while let Some(first) = ready.pop_first() {
        let i = first.1;
        out.push(i);
        for &c in &children[i] {
            indegree[c] -= 1;
            if indegree[c] == 0 {
                ready.insert((hash(c), c));
            }
        }
    }
    // A cycle is impossible with hashes, but never lose input: append leftovers.
    if out.len() < n {
        let placed: HashSet<usize> = out.iter().copied().collect();
        out.extend((0..n).filter(|i| !placed.contains(i)));
    }
    out
}
