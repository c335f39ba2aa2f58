//! Rough scale check: a fresh member ingests a group of N posts by 50 authors, compared with
//! plain Automerge applying the same changes. `cargo run --release -p causeway-core --example catch_up_scale -- 20000`
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]
use std::time::Instant;

use causeway_core::{
    DeviceKey, Group, ItemId, NewGroup, Role, Saved, SignedChange, Timestamp, Visibility,
};

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let owner = DeviceKey::from_bytes(&[1; 32]);
    let new = NewGroup::named("Big", Visibility::Open);
    let (mut a, _) = Group::create(owner, [1; 8], Timestamp(0), &new, "Owner").unwrap();
    let authors: Vec<DeviceKey> = (0..50u8)
        .map(|i| DeviceKey::from_bytes(&[i + 10; 32]))
        .collect();
    for k in &authors {
        a.add_member(Timestamp(1), k.id(), "m", Role::Member)
            .unwrap();
    }
    let mut replicas: Vec<Group> = authors
        .iter()
        .enumerate()
        .map(|(i, k)| Group::joining(a.id(), k.clone(), [i as u8; 8]))
        .collect();
    let base = a.changes_since(&[]);
    for r in &mut replicas {
        r.ingest(base.clone());
    }
    let body = "x".repeat(200);
    let t = Instant::now();
    for i in 0..n {
        let r = &mut replicas[(i % 50) as usize];
        r.post(Timestamp(i as i64), ItemId::from_u64(i), "", &body, "en")
            .unwrap();
    }
    eprintln!("authoring {n} posts: {:?}", t.elapsed());
    // Merge everything into one source replica.
    let t = Instant::now();
    let mut all: Vec<SignedChange> = Vec::new();
    for r in &replicas {
        all.extend(r.changes_since(&base_heads(&a)));
    }
    let src_report = a.ingest(all);
    eprintln!(
        "source merge: accepted {} in {:?}",
        src_report.accepted.len(),
        t.elapsed()
    );
    let batch = a.changes_since(&[]);
    let sigs = batch.iter().filter(|c| c.signature.is_some()).count();
    eprintln!("batch: {} changes, {} signatures", batch.len(), sigs);
    // Plain automerge baseline.
    let changes: Vec<automerge::Change> = batch
        .iter()
        .map(|c| automerge::Change::try_from(&c.bytes[..]).unwrap())
        .collect();
    let t = Instant::now();
    let mut plain = automerge::Automerge::new();
    plain.apply_changes(changes).unwrap();
    let base_t = t.elapsed();
    eprintln!("plain automerge apply: {base_t:?}");
    let t = Instant::now();
    let mut fresh = Group::joining(a.id(), DeviceKey::from_bytes(&[99; 32]), [9; 8]);
    let report = fresh.ingest(batch);
    let ours = t.elapsed();
    eprintln!(
        "causeway ingest: {ours:?} accepted {} rejected {} waiting {} ratio {:.2}",
        report.accepted.len(),
        report.rejected.len(),
        report.waiting.len(),
        ours.as_secs_f64() / base_t.as_secs_f64()
    );
    let t = Instant::now();
    let posts = fresh.posts().len();
    eprintln!("posts view: {posts} in {:?}", t.elapsed());
    let saved = fresh.save();
    let t = Instant::now();
    let sigs: Vec<_> = fresh.signatures().map(|(h, s)| (*h, *s)).collect();
    let load = |ledger: Option<&[u8]>| {
        let saved = Saved {
            doc: &saved,
            ledger,
        };
        Group::load(
            fresh.id(),
            DeviceKey::from_bytes(&[99; 32]),
            [9; 8],
            Some(saved),
            sigs.clone(),
            vec![],
        )
        .unwrap()
    };
    let _g = load(None);
    eprintln!("load from save ({} bytes): {:?}", saved.len(), t.elapsed());
    let t = Instant::now();
    let image = fresh.ledger_image().unwrap();
    eprintln!("saving the ledger: {:?}", t.elapsed());
    let t = Instant::now();
    let _g = load(Some(&image));
    eprintln!(
        "load from save with its ledger ({} bytes): {:?}",
        image.len(),
        t.elapsed()
    );
    let t = Instant::now();
    let _p = automerge::Automerge::load(&saved).unwrap();
    eprintln!("plain automerge load: {:?}", t.elapsed());
    // A fresh member's first sync takes the whole document (PROTOCOL.md, "Snapshots").
    let t = Instant::now();
    let (doc, sigs) = fresh.document_for_peer();
    eprintln!(
        "document for a peer ({} signatures): {:?}",
        sigs.len(),
        t.elapsed()
    );
    let t = Instant::now();
    let mut joined = Group::joining(fresh.id(), DeviceKey::from_bytes(&[98; 32]), [8; 8]);
    let (report, whole) = joined.ingest_document(&doc, sigs).unwrap();
    eprintln!(
        "ingest whole document: {:?} (kept whole: {whole}, accepted {})",
        t.elapsed(),
        report.accepted.len()
    );
}

fn base_heads(g: &Group) -> Vec<causeway_core::ChangeHash> {
    g.heads()
}
