//! Shared documents bound to a real group: who may edit as the group's members and rules
//! say, and a removal that revokes the removed member's concurrent edits everywhere.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::testing::*;
use crate::docs::{Edit, SharedDoc};
use crate::group::{DocSetting, Editors};

fn typing(at: usize, s: &str) -> Vec<Edit> {
    vec![Edit::Splice {
        at,
        delete: 0,
        insert: s.into(),
    }]
}

/// Amara (owner), Bruno and Chloé (members); Amara made "Campaign plan", all three hold it.
fn world_with_doc() -> (World, Vec<SharedDoc>) {
    let mut w = World::new(3);
    w.add(AMARA, BRUNO, Role::Member);
    w.add(AMARA, CHLOE, Role::Member);
    let (doc, changes, _) = w.replicas[AMARA]
        .create_document(t(10), "Campaign plan", None)
        .unwrap();
    w.sync_all();
    let mut docs = vec![doc];
    for i in [BRUNO, CHLOE] {
        let mut d = SharedDoc::empty(w.replicas[i].id(), docs[0].id());
        let batch = changes.iter().cloned().map(Into::into).collect();
        let r = w.replicas[i].ingest_document_changes(&mut d, batch);
        assert_eq!(r.accepted.len(), 1, "{r:?}");
        docs.push(d);
    }
    assert_eq!(w.replicas[BRUNO].documents()[0].title, "Campaign plan");
    (w, docs)
}

/// Sends every change of `docs[from]` to `docs[to]`.
fn pass(w: &World, docs: &mut [SharedDoc], from: usize, to: usize) -> crate::docs::DocIngestReport {
    let batch = docs[from].changes_after(&docs[to].heads());
    w.replicas[to].ingest_document_changes(&mut docs[to], batch)
}

/// Bruno writes `text` at the start, and Amara and Chloé take it in.
fn seen_by_all(w: &World, docs: &mut [SharedDoc], text: &str) {
    w.replicas[BRUNO]
        .edit_document(&mut docs[BRUNO], t(20), &typing(0, text))
        .unwrap();
    pass(w, docs, BRUNO, AMARA);
    pass(w, docs, BRUNO, CHLOE);
}

/// Amara removes Bruno, cutting at the document heads she has; then what Bruno and Chloé
/// hold reaches her.
fn remove_bruno_then_meet(w: &mut World, docs: &mut [SharedDoc]) {
    let (bruno, heads, id) = (w.id_of(BRUNO), docs[AMARA].heads(), docs[AMARA].id());
    w.replicas[AMARA]
        .remove_member_from_documents(t(23), bruno, "left town", &[(id, heads)])
        .unwrap();
    w.sync_all();
    pass(w, docs, BRUNO, AMARA);
    pass(w, docs, CHLOE, AMARA);
}

#[test]
fn members_edit_a_document_and_every_replica_shows_the_same_text() {
    let (w, mut docs) = world_with_doc();
    let c = w.replicas[BRUNO]
        .edit_document(&mut docs[BRUNO], t(20), &typing(0, "Posters by Friday."))
        .unwrap();
    assert!(docs[BRUNO].has_change(&c.hash));
    for to in [AMARA, CHLOE] {
        let r = pass(&w, &mut docs, BRUNO, to);
        assert_eq!(r.accepted.len(), 1, "{r:?}");
    }
    for (group, doc) in w.replicas.iter().zip(&docs) {
        let text = group.document_text(doc).unwrap().plain();
        assert_eq!(text, "Posters by Friday.");
    }
}

#[test]
fn editors_chosen_by_the_creator_bind_every_peer() {
    let (mut w, mut docs) = world_with_doc();
    let bruno = w.id_of(BRUNO);
    let setting = DocSetting::Editors(Editors::Listed, vec![bruno]);
    let (id, heads) = (docs[AMARA].id(), docs[AMARA].heads());
    w.replicas[AMARA]
        .set_document(t(30), id, &heads, &setting)
        .unwrap();
    w.sync_all();
    assert_eq!(w.replicas[CHLOE].documents()[0].editors, Editors::Listed);
    // Chloé is not listed: her own Causeway refuses, and so does everyone else's.
    let e = w.replicas[CHLOE]
        .edit_document(&mut docs[CHLOE], t(31), &typing(0, "x"))
        .unwrap_err();
    assert!(
        matches!(e, CoreError::NotPermitted(crate::Problem::NotAnEditor)),
        "{e:?}"
    );
    w.replicas[BRUNO]
        .edit_document(&mut docs[BRUNO], t(32), &typing(0, "ok"))
        .unwrap();
    assert_eq!(pass(&w, &mut docs, BRUNO, CHLOE).accepted.len(), 1);
    // Only the creator and admins choose editors.
    let e = w.replicas[BRUNO]
        .set_document(t(33), id, &heads, &DocSetting::Title("Mine".into()))
        .unwrap_err();
    assert!(
        matches!(e, CoreError::NotPermitted(crate::Problem::OnlyStewards)),
        "{e:?}"
    );
}

#[test]
fn a_removed_members_concurrent_edits_are_revoked_everywhere() {
    let (mut w, mut docs) = world_with_doc();
    // Bruno writes a line everyone sees.
    seen_by_all(&w, &mut docs, "Seen.");
    // Offline, Bruno writes more, and deletes what Amara will not see go.
    let five = docs[BRUNO].len();
    w.replicas[BRUNO]
        .edit_document(&mut docs[BRUNO], t(21), &typing(five, " Unseen."))
        .unwrap();
    w.replicas[BRUNO]
        .edit_document(
            &mut docs[BRUNO],
            t(22),
            &[Edit::Splice {
                at: 0,
                delete: 1,
                insert: String::new(),
            }],
        )
        .unwrap();
    // Chloé gets them while her group does not know of any removal yet.
    pass(&w, &mut docs, BRUNO, CHLOE);
    assert_eq!(docs[CHLOE].rich_text().unwrap().plain(), "een. Unseen.");
    let stale = w.replicas[BRUNO].clone();
    // Meanwhile Amara removes him, cutting at the document heads she has; she gets his
    // edits only after the removal.
    remove_bruno_then_meet(&mut w, &mut docs);
    for i in [AMARA, CHLOE] {
        let text = w.replicas[i].document_text(&docs[i]).unwrap().plain();
        assert_eq!(text, "Seen.", "replica {i}");
        assert_eq!(docs[i].revoked(&w.replicas[i]).len(), 2);
    }
    // His own Causeway now refuses; one that still names the group as it was before the
    // removal writes a change that is taken in and revoked, like the others.
    let e = w.replicas[BRUNO].edit_document(&mut docs[BRUNO], t(24), &typing(0, "again"));
    assert!(matches!(e, Err(CoreError::NotPermitted(_))), "{e:?}");
    stale
        .edit_document(&mut docs[BRUNO], t(25), &typing(0, "again"))
        .unwrap();
    pass(&w, &mut docs, BRUNO, AMARA);
    let text = w.replicas[AMARA]
        .document_text(&docs[AMARA])
        .unwrap()
        .plain();
    assert_eq!(text, "Seen.");
    // Chloé can still write, and her text shows.
    let end = docs[CHLOE].len();
    w.replicas[CHLOE]
        .edit_document(&mut docs[CHLOE], t(26), &typing(end, " Go."))
        .unwrap();
    pass(&w, &mut docs, CHLOE, AMARA);
    let text = w.replicas[AMARA]
        .document_text(&docs[AMARA])
        .unwrap()
        .plain();
    assert_eq!(
        text,
        w.replicas[CHLOE]
            .document_text(&docs[CHLOE])
            .unwrap()
            .plain()
    );
    assert!(text.starts_with("Seen."), "{text}");
    assert!(text.ends_with("Go."), "{text}");
}

#[test]
fn a_member_who_leaves_keeps_what_they_wrote_and_nothing_later_counts() {
    let (mut w, mut docs) = world_with_doc();
    w.replicas[CHLOE]
        .edit_document(&mut docs[CHLOE], t(20), &typing(0, "Kept."))
        .unwrap();
    pass(&w, &mut docs, CHLOE, AMARA);
    let stale = w.replicas[CHLOE].clone();
    let (id, heads) = (docs[CHLOE].id(), docs[CHLOE].heads());
    w.replicas[CHLOE]
        .leave_documents(t(21), &[(id, heads)])
        .unwrap();
    w.sync_all();
    // A Causeway that did not see the leave writes on; it counts nowhere.
    let end = docs[CHLOE].len();
    stale
        .edit_document(&mut docs[CHLOE], t(22), &typing(end, " Later."))
        .unwrap();
    pass(&w, &mut docs, CHLOE, AMARA);
    let text = w.replicas[AMARA]
        .document_text(&docs[AMARA])
        .unwrap()
        .plain();
    assert_eq!(text, "Kept.");
}

#[test]
fn a_revoked_members_marks_go_and_what_others_deleted_too_stays_deleted() {
    let (mut w, mut docs) = world_with_doc();
    // Bruno writes a line everyone sees.
    seen_by_all(&w, &mut docs, "Seen.");
    // Offline, Bruno makes "Seen" bold and deletes the full stop; Chloé, who may edit,
    // deletes the same full stop at the same time.
    let bold = Edit::Format {
        start: 0,
        end: 4,
        format: crate::docs::Format::Bold,
        on: true,
    };
    let stop = Edit::Splice {
        at: 4,
        delete: 1,
        insert: String::new(),
    };
    w.replicas[BRUNO]
        .edit_document(&mut docs[BRUNO], t(21), &[bold, stop.clone()])
        .unwrap();
    w.replicas[CHLOE]
        .edit_document(&mut docs[CHLOE], t(21), std::slice::from_ref(&stop))
        .unwrap();
    // Amara removes Bruno before she sees any of it.
    remove_bruno_then_meet(&mut w, &mut docs);
    let shown =
        |w: &World, docs: &[SharedDoc], i: usize| w.replicas[i].document_text(&docs[i]).unwrap();
    let text = shown(&w, &docs, AMARA);
    assert_eq!(text.plain(), "Seen", "Chloé's deletion stands");
    assert!(
        text.blocks.iter().flat_map(|b| &b.runs).all(|r| !r.bold),
        "{text:?}"
    );
    // Chloé took Bruno's changes in before she knew, and writes after them: her change
    // builds on revoked ones, and still the bold is gone and the stop stays deleted.
    pass(&w, &mut docs, BRUNO, CHLOE);
    let end = docs[CHLOE].len();
    w.replicas[CHLOE]
        .edit_document(&mut docs[CHLOE], t(24), &typing(end, " Go"))
        .unwrap();
    pass(&w, &mut docs, CHLOE, AMARA);
    for i in [AMARA, CHLOE] {
        let text = shown(&w, &docs, i);
        assert_eq!(text.plain(), "Seen Go", "replica {i}");
        // Who wrote what counts characters, not the anchors of marks.
        let counted: usize = docs[i].authorship().iter().map(|(_, n)| n).sum();
        assert_eq!(counted, docs[i].len(), "replica {i}");
        assert!(
            text.blocks.iter().flat_map(|b| &b.runs).all(|r| !r.bold),
            "{text:?}"
        );
    }
}
