//! Property test for shared documents: three members edit one document at once (insertions,
//! deletions, bold), changes reach each other in any order and in pieces, and the owner
//! removes one of them somewhere in the middle. At the end every replica shows the same text
//! and marks, and every edit of the removed member that the owner had not seen when removing
//! them is revoked everywhere.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

use super::testing::*;
use crate::docs::{Edit, Format, SharedDoc};

const PEOPLE: usize = 3;
/// The member the owner removes.
const REMOVED: usize = CHLOE;

#[derive(Clone, Debug)]
enum Step {
    /// Someone types `text` at a fraction of their text's length.
    Insert(usize, u8, String),
    /// Someone deletes up to `len` characters at a fraction of their text.
    Delete(usize, u8, u8),
    /// Someone makes a stretch bold.
    Bold(usize, u8, u8),
    /// Everything `from` holds (group and document) reaches `to`.
    Deliver(usize, usize),
    /// The owner removes Chloé, cutting at the document heads the owner has.
    Remove,
}

fn step() -> impl Strategy<Value = Step> {
    let who = 0..PEOPLE;
    prop_oneof![
        5 => (who.clone(), any::<u8>(), "[a-z ]{1,6}").prop_map(|(w, p, t)| Step::Insert(w, p, t)),
        2 => (who.clone(), any::<u8>(), 1..4u8).prop_map(|(w, p, n)| Step::Delete(w, p, n)),
        1 => (who.clone(), any::<u8>(), 1..5u8).prop_map(|(w, p, n)| Step::Bold(w, p, n)),
        4 => (0..PEOPLE, 0..PEOPLE).prop_map(|(a, b)| Step::Deliver(a, b)),
        1 => Just(Step::Remove),
    ]
}

fn at(fraction: u8, len: usize) -> usize {
    (fraction as usize * (len + 1)) / 256
}

/// Sends `from`'s group changes, then its document changes, to `to`.
fn deliver(w: &mut World, docs: &mut [SharedDoc], from: usize, to: usize) {
    if from == to {
        return;
    }
    w.send(from, to);
    let batch = docs[from].changes_after(&docs[to].heads());
    let (group, doc) = (&w.replicas[to], &mut docs[to]);
    let r = group.ingest_document_changes(doc, batch);
    assert!(r.rejected.is_empty(), "{r:?}");
}

fn run(steps: &[Step]) {
    let mut w = World::new(PEOPLE);
    w.add(AMARA, BRUNO, Role::Member);
    w.add(AMARA, CHLOE, Role::Member);
    let (doc, changes, _) = w.replicas[AMARA]
        .create_document(t(10), "Minutes", None)
        .unwrap();
    w.sync_all();
    let mut docs = vec![doc];
    for i in 1..PEOPLE {
        let mut d = SharedDoc::empty(w.replicas[i].id(), docs[0].id());
        let batch = changes.iter().cloned().map(Into::into).collect();
        w.replicas[i].ingest_document_changes(&mut d, batch);
        docs.push(d);
    }
    let mut removed_at: Option<Vec<automerge::ChangeHash>> = None;
    let mut by_removed: Vec<automerge::ChangeHash> = Vec::new();
    for (n, s) in steps.iter().enumerate() {
        let now = t(100 + n as i64);
        let edit = |w: &World, docs: &mut [SharedDoc], who: usize, edits: &[Edit]| {
            w.replicas[who]
                .edit_document(&mut docs[who], now, edits)
                .ok()
        };
        match s {
            Step::Insert(who, p, text) => {
                let pos = at(*p, docs[*who].len());
                let e = [Edit::Splice {
                    at: pos,
                    delete: 0,
                    insert: text.clone(),
                }];
                if let Some(c) = edit(&w, &mut docs, *who, &e)
                    && *who == REMOVED
                {
                    by_removed.push(c.hash);
                }
            }
            Step::Delete(who, p, len) => {
                let l = docs[*who].len();
                if l == 0 {
                    continue;
                }
                let pos = at(*p, l - 1);
                let delete = (*len as usize).min(l - pos);
                let e = [Edit::Splice {
                    at: pos,
                    delete,
                    insert: String::new(),
                }];
                if let Some(c) = edit(&w, &mut docs, *who, &e)
                    && *who == REMOVED
                {
                    by_removed.push(c.hash);
                }
            }
            Step::Bold(who, p, len) => {
                let l = docs[*who].len();
                if l == 0 {
                    continue;
                }
                let start = at(*p, l - 1);
                let end = (start + *len as usize).min(l);
                if start < end {
                    let e = [Edit::Format {
                        start,
                        end,
                        format: Format::Bold,
                        on: true,
                    }];
                    if let Some(c) = edit(&w, &mut docs, *who, &e)
                        && *who == REMOVED
                    {
                        by_removed.push(c.hash);
                    }
                }
            }
            Step::Deliver(from, to) => deliver(&mut w, &mut docs, *from, *to),
            Step::Remove => {
                if removed_at.is_some() {
                    continue;
                }
                let heads = docs[AMARA].heads();
                let (id, who) = (docs[AMARA].id(), w.id_of(REMOVED));
                w.replicas[AMARA]
                    .remove_member_from_documents(now, who, "", &[(id, heads.clone())])
                    .unwrap();
                removed_at = Some(heads);
            }
        }
    }
    // Everyone meets.
    for _ in 0..2 {
        for a in 0..PEOPLE {
            for b in 0..PEOPLE {
                deliver(&mut w, &mut docs, a, b);
            }
        }
    }
    let shown: Vec<_> = (0..PEOPLE)
        .map(|i| w.replicas[i].document_text(&docs[i]).unwrap())
        .collect();
    for i in 1..PEOPLE {
        assert_eq!(shown[i], shown[0], "replica {i} differs");
        assert_eq!(docs[i].heads(), docs[0].heads());
    }
    if let Some(cut) = removed_at {
        // What the owner had seen of Chloé counts; the rest of her edits are revoked.
        let seen: HashSet<_> = {
            let after: HashSet<_> = docs[AMARA]
                .changes_after(&cut)
                .iter()
                .map(|c| automerge::Change::try_from(&c.bytes[..]).unwrap().hash())
                .collect();
            by_removed
                .iter()
                .filter(|h| !after.contains(h))
                .copied()
                .collect()
        };
        for (i, (doc, group)) in docs.iter().zip(&w.replicas).enumerate() {
            let revoked = doc.revoked(group);
            for h in &by_removed {
                assert_eq!(revoked.contains(h), !seen.contains(h), "replica {i}");
            }
        }
    }
}

proptest! {
    #![proptest_config(Config {
        cases: 64,
        rng_seed: RngSeed::Fixed(0xD0C5),
        failure_persistence: None,
        ..Config::default()
    })]

    #[test]
    fn replicas_of_a_document_converge_and_a_removal_revokes_what_the_remover_had_not_seen(
        steps in proptest::collection::vec(step(), 1..40)
    ) {
        run(&steps);
    }
}
