//! Shared documents on their own, against a group played by hand ([`Fake`]).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{HashMap, HashSet};

use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ChangeHash, ObjType, ReadDoc};

use super::*;
use crate::error::Rejection;
use crate::group::testing::{key, t};
use crate::group::{SignedChange, Waiting};
use crate::problem::Problem;

/// A group as a document sees it: the heads it holds, who may edit, and who was cut off.
#[derive(Default)]
struct Fake {
    held: HashSet<ChangeHash>,
    /// Editors; the creator always may.
    editors: HashSet<DeviceId>,
    cut: HashMap<DeviceId, Vec<ChangeHash>>,
}

impl Binding for Fake {
    fn holds(&self, heads: &[ChangeHash]) -> bool {
        heads.iter().all(|h| self.held.contains(h))
    }
    fn may_edit_at(&self, _: &DocId, creator: DeviceId, who: DeviceId, _: &[ChangeHash]) -> bool {
        who == creator || self.editors.contains(&who)
    }
    fn standing(&self, _: &DocId, _: DeviceId, who: DeviceId) -> Standing {
        match self.cut.get(&who) {
            Some(h) => Standing::Until(h.clone()),
            None => Standing::Editor,
        }
    }
}

const G: ChangeHash = ChangeHash([7; 32]);

fn group() -> GroupId {
    GroupId::from_bytes([9; 32])
}

fn fake(editors: &[u8]) -> Fake {
    Fake {
        held: HashSet::from([G]),
        editors: editors.iter().map(|s| key(*s).id()).collect(),
        cut: HashMap::new(),
    }
}

/// A document by device 1, and an empty copy of it held by another device.
fn pair(b: &Fake) -> (SharedDoc, SharedDoc) {
    let (a, first) = SharedDoc::create(group(), &key(1), [1; 8], &[G], t(1_000)).unwrap();
    let mut other = SharedDoc::empty(group(), a.id());
    let r = other.ingest(vec![first.into()], b);
    assert_eq!(r.accepted.len(), 1, "{r:?}");
    (a, other)
}

fn type_in(d: &mut SharedDoc, seed: u8, at: usize, s: &str, b: &Fake) -> SignedChange {
    let edits = [Edit::Splice {
        at,
        delete: 0,
        insert: s.into(),
    }];
    d.edit(&key(seed), [seed; 8], &[G], t(2_000), &edits, b)
        .unwrap()
        .into()
}

#[test]
fn a_document_is_written_formatted_and_read_back_by_another_member() {
    let b = fake(&[2]);
    let (mut a, mut other) = pair(&b);
    let mut sent = Vec::new();
    let edits = [
        Edit::Split {
            at: 0,
            kind: BlockKind::Heading(1),
        },
        Edit::Splice {
            at: 1,
            delete: 0,
            insert: "Campaign plan".into(),
        },
        Edit::Split {
            at: 14,
            kind: BlockKind::Paragraph,
        },
        Edit::Splice {
            at: 15,
            delete: 0,
            insert: "We march on Friday.".into(),
        },
        Edit::Format {
            start: 18,
            end: 23,
            format: Format::Bold,
            on: true,
        },
    ];
    sent.push(
        a.edit(&key(1), [1; 8], &[G], t(2_000), &edits, &b)
            .unwrap()
            .into(),
    );
    let r = other.ingest(sent, &b);
    assert_eq!(r.accepted.len(), 1, "{r:?}");
    let text = other.rich_text().unwrap();
    assert_eq!(text, a.rich_text().unwrap());
    assert_eq!(text.blocks.len(), 2);
    assert_eq!(text.blocks[0].kind, BlockKind::Heading(1));
    assert_eq!(text.blocks[0].text(), "Campaign plan");
    assert_eq!(text.blocks[1].runs[1].text, "march");
    assert!(text.blocks[1].runs[1].bold);
    assert_eq!(
        to_markdown(&text),
        "# Campaign plan\n\nWe **march** on Friday.\n"
    );
}

#[test]
fn two_offline_rewrites_of_one_paragraph_both_survive() {
    let b = fake(&[2]);
    let (mut a, mut other) = pair(&b);
    let first = type_in(&mut a, 1, 0, "Meet at noon.", &b);
    other.ingest(vec![first], &b);
    // Both type in the same sentence, offline.
    let mine = type_in(&mut a, 1, 8, "the square ", &b);
    let theirs = type_in(&mut other, 2, 13, " Bring signs.", &b);
    let r1 = a.ingest(vec![theirs], &b);
    let r2 = other.ingest(vec![mine], &b);
    assert!(
        r1.rejected.is_empty() && r2.rejected.is_empty(),
        "{r1:?} {r2:?}"
    );
    let text = a.rich_text().unwrap().plain();
    assert_eq!(text, other.rich_text().unwrap().plain());
    assert_eq!(text, "Meet at the square noon. Bring signs.");
}

#[test]
fn a_member_who_may_not_edit_is_refused_everywhere() {
    let b = fake(&[]);
    let (mut a, mut other) = pair(&b);
    // Locally: refused before anything is written.
    let e = other
        .edit(&key(2), [2; 8], &[G], t(2), &[], &b)
        .unwrap_err();
    assert!(
        matches!(e, CoreError::NotPermitted(Problem::NotAnEditor)),
        "{e:?}"
    );
    // A change written anyway (by a Causeway that allowed it) is refused by the others.
    let lax = fake(&[2]);
    let forced = type_in(&mut other, 2, 0, "mine now", &lax);
    let r = a.ingest(vec![forced], &b);
    assert!(
        matches!(r.rejected[..], [(Some(_), Rejection::NotPermitted(_))]),
        "{r:?}"
    );
    assert_eq!(a.rich_text().unwrap().plain(), "");
}

#[test]
fn changes_wait_for_the_group_heads_they_name_and_for_signatures() {
    let b = fake(&[]);
    let (mut a, _) = pair(&b);
    let mut other = SharedDoc::empty(group(), a.id());
    other.ingest(a.changes_after(&[]), &b);
    let later = ChangeHash([8; 32]);
    let mut ahead = fake(&[]);
    ahead.held.insert(later);
    let c = a
        .edit(
            &key(1),
            [1; 8],
            &[later],
            t(3),
            &[Edit::Splice {
                at: 0,
                delete: 0,
                insert: "x".into(),
            }],
            &ahead,
        )
        .unwrap();
    let r = other.ingest(vec![c.clone().into()], &b);
    assert_eq!(r.waiting, vec![(c.hash, Waiting::GroupHeads)]);
    let unsigned = SignedChange {
        bytes: c.bytes.clone(),
        signature: None,
    };
    let r = other.ingest(vec![unsigned], &ahead);
    assert_eq!(r.waiting, vec![(c.hash, Waiting::Signature)]);
    let forged = SignedChange {
        bytes: c.bytes.clone(),
        signature: Some(key(2).sign_doc_change(&group(), &a.id(), &c.hash)),
    };
    let r = other.ingest(vec![forged], &ahead);
    assert_eq!(r.rejected, vec![(Some(c.hash), Rejection::BadSignature)]);
    let r = other.ingest(vec![c.into()], &ahead);
    assert_eq!(r.accepted.len(), 1);
    assert_eq!(other.rich_text().unwrap().plain(), "x");
}

#[test]
fn a_signature_for_the_group_or_another_document_does_not_pass() {
    let b = fake(&[]);
    let (mut a, mut other) = pair(&b);
    let mut c = type_in(&mut a, 1, 0, "x", &b);
    let hash = automerge::Change::try_from(&c.bytes[..]).unwrap().hash();
    c.signature = Some(key(1).sign_change(&group(), &hash));
    let r = other.ingest(vec![c.clone()], &b);
    assert_eq!(r.rejected, vec![(Some(hash), Rejection::BadSignature)]);
    c.signature = Some(key(1).sign_doc_change(&group(), &DocId::from_bytes([3; 32]), &hash));
    let r = other.ingest(vec![c], &b);
    assert_eq!(r.rejected, vec![(Some(hash), Rejection::BadSignature)]);
}

/// A change by device 1 to `doc` written by hand, signed, naming the group head.
fn forge(
    doc: &SharedDoc,
    write: impl FnOnce(&mut automerge::transaction::Transaction<'_>, &automerge::ObjId),
) -> SignedChange {
    let mut copy = doc
        .doc()
        .fork()
        .with_actor(crate::actor::actor_for(key(1).id(), [1; 8]));
    let text = doc.text_id().clone();
    let mut tx = copy.transaction();
    write(&mut tx, &text);
    let opts = CommitOptions::default().with_message(message(&[G], false, false).unwrap().unwrap());
    let hash = tx.commit_with(opts).0.unwrap();
    let change = copy.get_change_by_hash(&hash).unwrap();
    SignedChange {
        bytes: change.raw_bytes().to_vec(),
        signature: Some(key(1).sign_doc_change(&doc.group(), &doc.id(), &hash)),
    }
}

#[test]
fn changes_of_the_wrong_shape_are_refused_and_the_rest_goes_on() {
    let b = fake(&[]);
    let (mut a, mut other) = pair(&b);
    let good = type_in(&mut a, 1, 0, "hello", &b);
    other.ingest(vec![good], &b);
    let cases: Vec<(&str, SignedChange)> = vec![
        (
            "a key on the root",
            forge(&a, |tx, _| {
                tx.put(automerge::ROOT, "evil", 1).unwrap();
            }),
        ),
        (
            "an unknown block type",
            forge(&a, |tx, text| {
                let m = tx.split_block(text, 0).unwrap();
                tx.put(&m, "type", "iframe").unwrap();
            }),
        ),
        (
            "an unknown mark",
            forge(&a, |tx, text| {
                tx.mark(
                    text,
                    automerge::marks::Mark::new("font".into(), "Comic", 0, 2),
                    automerge::marks::ExpandMark::None,
                )
                .unwrap();
            }),
        ),
        (
            "a javascript link",
            forge(&a, |tx, text| {
                tx.mark(
                    text,
                    automerge::marks::Mark::new("link".into(), "javascript:alert(1)", 0, 2),
                    automerge::marks::ExpandMark::None,
                )
                .unwrap();
            }),
        ),
        (
            "a number in the text",
            forge(&a, |tx, text| {
                tx.insert(text, 0, 5).unwrap();
            }),
        ),
        (
            "a second text",
            forge(&a, |tx, _| {
                tx.put_object(automerge::ROOT, "text", ObjType::Text)
                    .unwrap();
            }),
        ),
        (
            "a heading level of 9",
            forge(&a, |tx, text| {
                let m = tx.split_block(text, 0).unwrap();
                tx.put(&m, "type", "heading").unwrap();
                let attrs = tx.put_object(&m, "attrs", ObjType::Map).unwrap();
                tx.put(&attrs, "level", 9).unwrap();
            }),
        ),
    ];
    for (what, c) in cases {
        let r = other.ingest(vec![c], &b);
        assert!(
            matches!(r.rejected[..], [(Some(_), Rejection::Forbidden(_))]),
            "{what}: {r:?}"
        );
    }
    // Nothing stored was lost, and what follows still passes.
    let more = type_in(&mut a, 1, 5, "!", &b);
    let r = other.ingest(vec![more], &b);
    assert_eq!(r.accepted.len(), 1, "{r:?}");
    assert_eq!(other.rich_text().unwrap().plain(), "hello!");
}

#[test]
fn a_position_that_does_not_exist_is_refused() {
    let b = fake(&[]);
    let (mut a, mut other) = pair(&b);
    let e = a
        .edit(
            &key(1),
            [1; 8],
            &[G],
            t(2),
            &[Edit::Splice {
                at: 3,
                delete: 0,
                insert: "x".into(),
            }],
            &b,
        )
        .unwrap_err();
    assert!(
        matches!(e, CoreError::InvalidInput(Problem::PositionPastEnd)),
        "{e:?}"
    );
    // An element id made up by hand: insert after element 99@(device 1).
    let bogus = {
        let mut ex = automerge::ExpandedChange::from(
            &automerge::Change::try_from(&type_in(&mut a, 1, 0, "a", &b).bytes[..]).unwrap(),
        );
        for op in &mut ex.operations {
            op.key = automerge::legacy::Key::Seq(automerge::legacy::ElementId::Id(
                automerge::legacy::OpId(99, ex.actor_id.clone()),
            ));
        }
        ex.hash = None;
        let c = automerge::Change::from(ex);
        SignedChange {
            bytes: c.raw_bytes().to_vec(),
            signature: Some(key(1).sign_doc_change(&group(), &a.id(), &c.hash())),
        }
    };
    let r = other.ingest(vec![bogus], &b);
    assert!(
        matches!(r.rejected[..], [(Some(_), Rejection::Forbidden(_))]),
        "{r:?}"
    );
}

#[test]
fn a_text_past_the_limit_is_refused() {
    let b = fake(&[]);
    let (mut a, _) = pair(&b);
    let big = "x".repeat(MAX_TEXT_CHARS);
    a.edit(
        &key(1),
        [1; 8],
        &[G],
        t(2),
        &[Edit::Splice {
            at: 0,
            delete: 0,
            insert: big,
        }],
        &b,
    )
    .unwrap();
    let e = a
        .edit(
            &key(1),
            [1; 8],
            &[G],
            t(2),
            &[Edit::Splice {
                at: 0,
                delete: 0,
                insert: "y".into(),
            }],
            &b,
        )
        .unwrap_err();
    assert!(
        matches!(e, CoreError::InvalidInput(Problem::DocTooLong { .. })),
        "{e:?}"
    );
}

#[test]
fn markdown_round_trips_headings_emphasis_links_and_lists() {
    let md = "# Campaign plan\n\n## Goals\n\nWe want **safe streets** and *quiet* nights, see [our site](https://example.org/a_b).\n\n- posters\n- a *march*\n\n1. ask the council\n2. wait\n\n> Be the change.\n";
    let rich = from_markdown(md.as_bytes()).unwrap();
    assert_eq!(rich.blocks.len(), 8, "{rich:?}");
    assert_eq!(to_markdown(&rich), md);
    let b = fake(&[]);
    let (mut a, mut other) = pair(&b);
    let c = a
        .edit(
            &key(1),
            [1; 8],
            &[G],
            t(2),
            &[Edit::Replace(rich.clone())],
            &b,
        )
        .unwrap();
    let r = other.ingest(vec![c.into()], &b);
    assert_eq!(r.accepted.len(), 1, "{r:?}");
    assert_eq!(to_markdown(&other.rich_text().unwrap()), md);
    // Special characters stay text.
    let odd = RichText {
        blocks: vec![Block::new(
            BlockKind::Paragraph,
            "1. not a list *or* [link] # x",
        )],
    };
    assert_eq!(
        from_markdown(to_markdown(&odd).as_bytes()).unwrap().plain(),
        odd.plain()
    );
}

#[test]
fn a_binary_or_huge_file_is_not_markdown() {
    assert_eq!(
        from_markdown(&[0xff, 0xfe, 0, 1]),
        Err(MarkdownError::NotText)
    );
    assert_eq!(from_markdown(b"abc\0def"), Err(MarkdownError::NotText));
    let huge = vec![b'a'; MAX_MARKDOWN_BYTES + 1];
    assert!(matches!(
        from_markdown(&huge),
        Err(MarkdownError::TooLarge { .. })
    ));
}

#[test]
fn an_import_into_an_edited_document_keeps_concurrent_edits_elsewhere() {
    let b = fake(&[2]);
    let (mut a, mut other) = pair(&b);
    let base = from_markdown(b"First paragraph.\n\nSecond paragraph.\n").unwrap();
    let c = a
        .edit(&key(1), [1; 8], &[G], t(2), &[Edit::Replace(base)], &b)
        .unwrap();
    other.ingest(vec![c.into()], &b);
    // Bruno adds to the second paragraph while Amara imports a new first one.
    let end = other.len();
    let theirs = type_in(&mut other, 2, end, " Really.", &b);
    let new = from_markdown(b"First paragraph, rewritten.\n\nSecond paragraph.\n").unwrap();
    let mine: SignedChange = a
        .edit(&key(1), [1; 8], &[G], t(3), &[Edit::Replace(new)], &b)
        .unwrap()
        .into();
    a.ingest(vec![theirs], &b);
    other.ingest(vec![mine], &b);
    let text = a.rich_text().unwrap().plain();
    assert_eq!(text, other.rich_text().unwrap().plain());
    assert_eq!(
        text,
        "First paragraph, rewritten.\nSecond paragraph. Really."
    );
}

#[test]
fn history_shows_versions_an_old_text_and_what_changed() {
    let b = fake(&[2]);
    let (mut a, mut other) = pair(&b);
    let first = type_in(&mut a, 1, 0, "Meet at noon.", &b);
    other.ingest(vec![first], &b);
    let edits = [Edit::Splice {
        at: 8,
        delete: 4,
        insert: "six".into(),
    }];
    let c = other
        .edit(&key(2), [2; 8], &[G], t(600_000), &edits, &b)
        .unwrap();
    a.ingest(vec![c.into()], &b);
    let versions = a.versions();
    assert_eq!(versions.len(), 2, "{versions:?}");
    assert_eq!(versions[0].author, Some(key(1).id()));
    assert_eq!(versions[1].author, Some(key(2).id()));
    let old = a.rich_text_at(Some(&versions[0].heads)).unwrap().plain();
    assert_eq!(old, "Meet at noon.");
    assert_eq!(
        a.diff(&versions[0].heads, None),
        vec![
            DiffRun::Same("Meet at ".into()),
            DiffRun::Deleted("noon".into()),
            DiffRun::Inserted("six".into()),
            DiffRun::Same(".".into()),
        ]
    );
    assert_eq!(
        a.find_version(&versions[1].tag()),
        Some(versions[1].clone())
    );
    assert_eq!(
        a.authorship(),
        vec![
            (Some(key(1).id()), 8),
            (Some(key(2).id()), 3),
            (Some(key(1).id()), 1)
        ]
    );
    // Restoring the first version writes a new change; nothing is lost.
    let old_text = a.rich_text_at(Some(&versions[0].heads)).unwrap();
    a.edit(
        &key(1),
        [1; 8],
        &[G],
        t(700_000),
        &[Edit::Replace(old_text)],
        &b,
    )
    .unwrap();
    assert_eq!(a.rich_text().unwrap().plain(), "Meet at noon.");
    assert_eq!(a.versions().len(), 3);
}

#[test]
fn an_edit_read_at_older_heads_merges_with_what_arrived_meanwhile() {
    let b = fake(&[2]);
    let (mut a, mut other) = pair(&b);
    let first = type_in(&mut a, 1, 0, "abc", &b);
    other.ingest(vec![first], &b);
    let base = a.heads();
    // Bruno's "X" at the start reaches Amara while she is typing "d" after "abc".
    let theirs = type_in(&mut other, 2, 0, "X", &b);
    a.ingest(vec![theirs], &b);
    let e = [Edit::Splice {
        at: 3,
        delete: 0,
        insert: "d".into(),
    }];
    let mine = a
        .edit_at(&key(1), [1; 8], &[G], t(5), Some(&base), &e, &b)
        .unwrap();
    assert_eq!(a.rich_text().unwrap().plain(), "Xabcd");
    other.ingest(vec![mine.into()], &b);
    assert_eq!(other.rich_text().unwrap().plain(), "Xabcd");
}

#[test]
fn a_batch_carries_one_signature_per_author_and_still_passes() {
    let b = fake(&[2]);
    let (mut a, mut other) = pair(&b);
    for i in 0..5 {
        type_in(&mut a, 1, i, "x", &b);
    }
    let batch = a.changes_after(&other.heads());
    assert_eq!(batch.len(), 5);
    let signed = batch.iter().filter(|c| c.signature.is_some()).count();
    assert_eq!(signed, 1, "the last change vouches for the four before it");
    let r = other.ingest(batch, &b);
    assert_eq!(r.accepted.len(), 5, "{r:?}");
    // Alone, an unsigned one waits for the change that vouches for it.
    let mut third = SharedDoc::empty(group(), a.id());
    let r = third.ingest(a.changes_after(&[]).into_iter().take(2).collect(), &b);
    assert!(r.accepted.is_empty(), "{r:?}");
    assert_eq!(r.waiting.len(), 2, "{r:?}");
    assert!(
        r.waiting.iter().any(|(_, w)| *w == Waiting::Signature),
        "{r:?}"
    );
}
