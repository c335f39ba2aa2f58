//! Work on every core for independent items (groups): scoped threads, each taking the next
//! item as it finishes one.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` over `items` on every core, results in the items' order. An item whose thread
/// panicked has no result (`None`): that thread's other items lose theirs too.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<Option<R>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(|i| Some(f(i))).collect();
    }
    let next = AtomicUsize::new(0);
    let done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_default())
            .collect()
    });
    let mut out: Vec<Option<R>> = (0..items.len()).map(|_| None).collect();
    for (i, r) in done {
        out[i] = Some(r);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_come_back_in_order_whatever_thread_made_them() {
        let items: Vec<u64> = (0..1000).collect();
        let out = super::map(&items, |i| i * 2);
        assert!(
            out.iter()
                .enumerate()
                .all(|(i, r)| *r == Some(i as u64 * 2))
        );
        assert!(super::map(&[] as &[u64], |i| *i).is_empty());
    }
}
