//! Unit tests for the ingestion gate, loading and saving, and the rules no collection owns.
//! The rules of each collection are tested in its module. Names are sentences.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;

use super::Saved;
use super::ingest::decode_change;
use super::testing::*;
use crate::ledger::Ledger;

#[test]
fn forged_signature_is_rejected_and_nothing_is_applied() {
    let mut w = two_members();
    let mut change = forge(&w.replicas[BRUNO], &key(2), [2; 8], None, |tx, doc| {
        let posts = obj(doc, &ROOT, "posts");
        let p = tx
            .put_object(&posts, ItemId::from_u64(9).to_hex(), ObjType::Map)
            .unwrap();
        tx.put(&p, "author", key(2).id().to_hex()).unwrap();
    });
    change.signature.as_mut().unwrap().0[0] ^= 1;
    let before = w.replicas[AMARA].heads();
    let report = w.replicas[AMARA].ingest(vec![change]);
    assert_eq!(rejected_with(&report), vec![Rejection::BadSignature]);
    assert_eq!(w.replicas[AMARA].heads(), before);
    assert!(w.replicas[AMARA].posts().is_empty());
}

#[test]
fn a_copy_with_a_bad_signature_does_not_keep_the_real_change_out() {
    // Mallory, a member, races a copy of Bruno's new post, and of the change built on it, with
    // a broken signature on the first. The real changes arrive afterwards and are taken.
    let mut w = two_members();
    let first: SignedChange = post(&mut w, BRUNO, 1, "first").into();
    let second: SignedChange = post(&mut w, BRUNO, 2, "second").into();
    let mut forged = first.clone();
    forged.signature.as_mut().unwrap().0[0] ^= 1;
    let unsigned_second = SignedChange {
        signature: None,
        ..second.clone()
    };
    let report = w.replicas[AMARA].ingest(vec![forged, unsigned_second]);
    assert_eq!(rejected_with(&report), vec![Rejection::BadSignature]);
    assert_eq!(report.waiting.len(), 1, "the second waits for the first");
    assert!(w.replicas[AMARA].posts().is_empty());
    let report = w.replicas[AMARA].ingest(vec![first, second]);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(w.replicas[AMARA].posts().len(), 2);
}

#[test]
fn change_claiming_another_author_is_rejected() {
    let mut w = two_members();
    // Mallory writes a change whose actor says "Bruno" and signs it with her own key.
    let mallory = key(66);
    let mut change = forge(&w.replicas[BRUNO], &key(2), [9; 8], None, |tx, doc| {
        let posts = obj(doc, &ROOT, "posts");
        let p = tx
            .put_object(&posts, ItemId::from_u64(9).to_hex(), ObjType::Map)
            .unwrap();
        tx.put(&p, "author", key(2).id().to_hex()).unwrap();
    });
    let hash = Change::try_from(&change.bytes[..]).unwrap().hash();
    change.signature = Some(mallory.sign_change(&w.replicas[AMARA].id(), &hash));
    let report = w.replicas[AMARA].ingest(vec![change]);
    assert_eq!(rejected_with(&report), vec![Rejection::BadSignature]);
    assert!(w.replicas[AMARA].posts().is_empty());
}

#[test]
fn change_from_a_non_member_is_rejected() {
    let mut w = two_members();
    let stranger = key(77);
    let change = forge(&w.replicas[AMARA], &stranger, [7; 8], None, |tx, doc| {
        let posts = obj(doc, &ROOT, "posts");
        let p = tx
            .put_object(&posts, ItemId::from_u64(9).to_hex(), ObjType::Map)
            .unwrap();
        tx.put(&p, "author", stranger.id().to_hex()).unwrap();
    });
    let report = w.replicas[BRUNO].ingest(vec![change]);
    assert_eq!(rejected_with(&report), vec![Rejection::NotAMember]);
    assert!(w.replicas[BRUNO].posts().is_empty());
}

#[test]
fn a_change_built_on_a_rejected_change_is_rejected_too() {
    let mut w = two_members();
    let stranger = key(77);
    let first = forge(&w.replicas[AMARA], &stranger, [7; 8], None, |tx, doc| {
        let posts = obj(doc, &ROOT, "posts");
        let p = tx
            .put_object(&posts, ItemId::from_u64(9).to_hex(), ObjType::Map)
            .unwrap();
        tx.put(&p, "author", stranger.id().to_hex()).unwrap();
    });
    // Bruno's (tampered) replica accepted the stranger's change and built on it.
    let mut doc = Automerge::load(&w.replicas[BRUNO].save()).unwrap();
    doc.apply_changes([Change::try_from(&first.bytes[..]).unwrap()])
        .unwrap();
    doc.set_actor(actor_for(key(2).id(), [2; 8]));
    let posts = obj(&doc, &ROOT, "posts");
    let mut tx = doc.transaction();
    let p = tx
        .put_object(&posts, ItemId::from_u64(10).to_hex(), ObjType::Map)
        .unwrap();
    tx.put(&p, "author", key(2).id().to_hex()).unwrap();
    let (h, _) = tx.commit();
    let h = h.unwrap();
    let second = SignedChange {
        bytes: doc.get_change_by_hash(&h).unwrap().raw_bytes().to_vec(),
        signature: Some(key(2).sign_change(&w.replicas[AMARA].id(), &h)),
    };
    let report = w.replicas[AMARA].ingest(vec![second, first]);
    let mut reasons = rejected_with(&report);
    reasons.sort_by_key(|r| format!("{r:?}"));
    assert_eq!(
        reasons,
        vec![Rejection::DependsOnRejected, Rejection::NotAMember]
    );
    assert!(w.replicas[AMARA].posts().is_empty());
}

#[test]
fn a_removed_device_is_told_of_its_removal_and_of_nothing_after_it() {
    let mut w = two_members();
    let (bruno, amara) = (w.id_of(BRUNO), w.id_of(AMARA));
    post(&mut w, AMARA, 1, "before");
    w.sync_all();
    let brunos_heads = w.replicas[BRUNO].heads();
    post(&mut w, CHLOE, 2, "while Bruno was away");
    w.sync_all_but(BRUNO);
    w.replicas[AMARA]
        .remove_member(t(50), bruno, "spam")
        .unwrap();
    post(&mut w, AMARA, 3, "after the removal");
    // Members still are told nothing; Bruno is told of the removal and what it rests on.
    assert!(
        w.replicas[AMARA]
            .removal_news(w.id_of(CHLOE), &[])
            .is_none()
    );
    let news = w.replicas[AMARA]
        .removal_news(bruno, &brunos_heads)
        .unwrap();
    let report = w.replicas[BRUNO].ingest(news);
    assert!(
        report.rejected.is_empty() && report.waiting.is_empty(),
        "{report:?}"
    );
    assert_eq!(w.replicas[BRUNO].my_role(), None);
    let me = w.replicas[BRUNO]
        .members()
        .into_iter()
        .find(|m| m.id == bruno)
        .unwrap();
    let removal = me.removed.unwrap();
    assert_eq!((removal.by, removal.reason.as_str()), (amara, "spam"));
    let bodies: Vec<String> = w.replicas[BRUNO]
        .posts()
        .into_iter()
        .map(|p| p.body)
        .collect();
    assert!(bodies.contains(&"while Bruno was away".to_string()));
    assert!(
        !bodies.contains(&"after the removal".to_string()),
        "{bodies:?}"
    );
    // Bruno's device can no longer post.
    assert!(
        w.replicas[BRUNO]
            .post(t(60), ItemId::from_u64(4), "", "still here?", "en")
            .is_err()
    );
}

#[test]
fn removed_member_writing_after_the_removal_is_rejected() {
    let mut w = two_members();
    let bruno = w.id_of(BRUNO);
    w.replicas[AMARA]
        .remove_member(t(50), bruno, "left the project")
        .unwrap();
    w.sync_all();
    // Bruno's replica knows of the removal; a hand-made post on top of it is refused.
    let change = forge(&w.replicas[BRUNO], &key(2), [2; 8], None, |tx, doc| {
        let posts = obj(doc, &ROOT, "posts");
        let p = tx
            .put_object(&posts, ItemId::from_u64(9).to_hex(), ObjType::Map)
            .unwrap();
        tx.put(&p, "author", key(2).id().to_hex()).unwrap();
    });
    let report = w.replicas[CHLOE].ingest(vec![change]);
    assert_eq!(rejected_with(&report), vec![Rejection::NotAMember]);
}

#[test]
fn removed_member_pointing_at_old_heads_is_revoked_whatever_the_arrival_order() {
    let mut w = two_members();
    post(&mut w, BRUNO, 1, "before the removal");
    w.sync_all();
    let bruno = w.id_of(BRUNO);
    // Bruno goes on writing from the heads he had before Amara removed him.
    let sneaky = post(
        &mut w,
        BRUNO,
        2,
        "after the removal, pretending not to know",
    );
    let removal = w.replicas[AMARA]
        .remove_member(t(50), bruno, "spam")
        .unwrap();
    // Chloé hears of the removal first, Dara's replica (a copy of Chloé's before) the other way.
    let mut dara = Group::joining(w.replicas[AMARA].id(), key(4), [4; 8]);
    dara.ingest(w.replicas[CHLOE].changes_since(&[]));
    let r1 = w.replicas[CHLOE].ingest(vec![removal.clone().into()]);
    let r2 = w.replicas[CHLOE].ingest(vec![sneaky.clone().into()]);
    assert!(r1.rejected.is_empty() && r2.rejected.is_empty());
    let r3 = dara.ingest(vec![sneaky.clone().into()]);
    assert_eq!(
        dara.posts().len(),
        2,
        "before the removal is known, the post counts"
    );
    let r4 = dara.ingest(vec![removal.into()]);
    assert!(r3.rejected.is_empty() && r4.rejected.is_empty());
    assert!(r4.revocations_changed);
    for g in [&w.replicas[CHLOE], &dara] {
        assert!(g.is_revoked(&sneaky.hash));
        let bodies: Vec<String> = g.posts().into_iter().map(|p| p.body).collect();
        assert_eq!(bodies, vec!["before the removal".to_string()]);
        assert_eq!(g.role_of(bruno), None);
    }
    assert_eq!(w.replicas[CHLOE].heads(), dara.heads());
}

#[test]
fn owner_demoting_an_admin_revokes_the_admins_concurrent_removals() {
    let mut w = World::new(3);
    w.add(AMARA, BRUNO, Role::Admin);
    w.add(AMARA, CHLOE, Role::Member);
    w.sync_all();
    let (bruno, chloe) = (w.id_of(BRUNO), w.id_of(CHLOE));
    // Concurrently: Bruno removes Chloé, Amara demotes Bruno.
    w.replicas[BRUNO].remove_member(t(60), chloe, "").unwrap();
    w.replicas[AMARA]
        .set_role(t(60), bruno, Role::Member)
        .unwrap();
    w.sync_all();
    for g in &w.replicas {
        assert_eq!(g.role_of(bruno), Some(Role::Member));
        assert_eq!(
            g.role_of(chloe),
            Some(Role::Member),
            "Bruno's removal was revoked"
        );
        assert_eq!(g.revoked().len(), 1);
    }
}

#[test]
fn replayed_changes_are_harmless() {
    let mut w = two_members();
    post(&mut w, BRUNO, 1, "once");
    w.sync_all();
    let before = w.replicas[AMARA].posts();
    let report = w.send(BRUNO, AMARA);
    assert!(report.accepted.is_empty() && report.rejected.is_empty());
    assert!(report.duplicates > 0);
    assert_eq!(w.replicas[AMARA].posts(), before);
}

#[test]
fn compressed_or_garbage_input_is_refused_before_automerge_reads_it() {
    let mut w = two_members();
    let mut change = post(&mut w, BRUNO, 1, "x");
    change.bytes[8] = 2; // claims to be a compressed change chunk
    let report = w.replicas[AMARA].ingest(vec![change.into()]);
    assert!(matches!(
        rejected_with(&report)[..],
        [Rejection::Malformed(_)]
    ));
    let garbage = SignedChange {
        bytes: vec![0xff; 100],
        signature: None,
    };
    let report = w.replicas[AMARA].ingest(vec![garbage]);
    assert!(matches!(
        rejected_with(&report)[..],
        [Rejection::Malformed(_)]
    ));
}

#[test]
fn one_signature_vouches_for_the_authors_earlier_changes_in_the_batch() {
    let mut w = two_members();
    for i in 0..5 {
        post(&mut w, BRUNO, i, "p");
    }
    let batch = w.replicas[BRUNO].changes_since(&w.replicas[AMARA].heads());
    assert_eq!(batch.len(), 5);
    assert_eq!(batch.iter().filter(|c| c.signature.is_some()).count(), 1);
    let report = w.replicas[AMARA].ingest(batch.clone());
    assert_eq!(report.accepted.len(), 5);
    // Without the vouching change, the unsigned ones wait instead of being trusted.
    let mut fresh = Group::joining(w.replicas[AMARA].id(), key(4), [4; 8]);
    fresh.ingest(w.replicas[CHLOE].changes_since(&[]));
    let unsigned: Vec<SignedChange> = batch
        .iter()
        .filter(|c| c.signature.is_none())
        .cloned()
        .collect();
    let report = fresh.ingest(unsigned.clone());
    assert_eq!(report.waiting.len(), 4);
    assert!(report.waiting.iter().any(|(_, w)| *w == Waiting::Signature));
    let waiting: HashSet<ChangeHash> = report.waiting.iter().map(|(h, _)| *h).collect();
    let mut again: Vec<SignedChange> = unsigned
        .into_iter()
        .filter(|c| waiting.contains(&decode_change(&c.bytes).unwrap().hash()))
        .collect();
    again.extend(batch.into_iter().filter(|c| c.signature.is_some()));
    assert_eq!(fresh.ingest(again).accepted.len(), 5);
}

#[test]
fn changes_sent_from_memory_are_exactly_what_automerge_would_rebuild() {
    let mut w = two_members();
    for i in 0..5 {
        post(&mut w, BRUNO, i, "from Bruno");
        post(&mut w, CHLOE, 10 + i, "from Chloe");
    }
    let since = w.replicas[AMARA].heads();
    // Bruno keeps his own changes and the ones he took in from Chloe.
    assert_eq!(w.send(CHLOE, BRUNO).accepted.len(), 5);
    let kept = w.replicas[BRUNO].changes_since(&since);
    // A copy keeps none, so it asks Automerge for all of them.
    let rebuilt = w.replicas[BRUNO].clone().changes_since(&since);
    assert_eq!(kept.len(), 10);
    assert_eq!(kept, rebuilt);
    let report = w.replicas[AMARA].ingest(kept);
    assert_eq!(report.accepted.len(), 10);
    assert!(report.rejected.is_empty() && report.waiting.is_empty());
}

#[test]
fn the_group_id_is_the_hash_of_its_first_change_and_a_second_root_is_refused() {
    let w = two_members();
    let (other, genesis) = Group::create(key(9), [9; 8], t(1), &new_group(), "Eve").unwrap();
    assert_eq!(other.id().as_bytes(), &genesis.hash.0);
    let mut bruno = Group::joining(w.replicas[AMARA].id(), key(2), [2; 8]);
    // Its signature names the other group, so it does not even authenticate here...
    let report = bruno.ingest(vec![genesis.clone().into()]);
    assert_eq!(rejected_with(&report), vec![Rejection::BadSignature]);
    // ...and signed for this group, a second root is still not this group's history.
    let resigned = SignedChange {
        bytes: genesis.bytes,
        signature: Some(key(9).sign_change(&w.replicas[AMARA].id(), &genesis.hash)),
    };
    let mut bruno = Group::joining(w.replicas[AMARA].id(), key(2), [2; 8]);
    let report = bruno.ingest(vec![resigned]);
    assert_eq!(rejected_with(&report), vec![Rejection::WrongGroup]);
}

#[test]
fn a_group_reloads_from_its_saved_document_with_the_same_decisions() {
    let mut w = two_members();
    post(&mut w, BRUNO, 1, "kept");
    let sneaky = post(&mut w, BRUNO, 2, "revoked");
    let bruno = w.id_of(BRUNO);
    w.replicas[AMARA].remove_member(t(50), bruno, "").unwrap();
    w.sync_all();
    let g = &w.replicas[CHLOE];
    let sigs: Vec<_> = g.signatures().map(|(h, s)| (*h, *s)).collect();
    let saved = Saved {
        doc: &g.save(),
        ledger: None,
    };
    let reloaded = Group::load(g.id(), key(3), [3; 8], Some(saved), sigs, vec![]).unwrap();
    assert!(reloaded.is_revoked(&sneaky.hash));
    assert_eq!(reloaded.posts(), g.posts());
    assert_eq!(reloaded.members(), g.members());
    assert_eq!(reloaded.info(), g.info());
}

/// Chloe's replica after members were added, one made a moderator, Bruno removed while he
/// posted, and posts from everyone: every kind of ledger entry. Returns the world and the hash
/// of Bruno's revoked post.
fn eventful() -> (World, ChangeHash) {
    let mut w = two_members();
    post(&mut w, BRUNO, 1, "kept");
    let chloe = w.id_of(CHLOE);
    w.replicas[AMARA]
        .set_role(t(40), chloe, Role::Moderator)
        .unwrap();
    let sneaky = post(&mut w, BRUNO, 2, "revoked");
    let bruno = w.id_of(BRUNO);
    w.replicas[AMARA].remove_member(t(50), bruno, "").unwrap();
    post(&mut w, CHLOE, 3, "after");
    w.sync_all();
    (w, sneaky.hash)
}

fn signatures_of(g: &Group) -> Vec<(ChangeHash, ChangeSignature)> {
    g.signatures().map(|(h, s)| (*h, *s)).collect()
}

/// Loads Chloe's group from a saved document, an optional saved ledger and logged changes.
fn load_with(g: &Group, doc: &[u8], ledger: Option<&[u8]>, logged: Vec<SignedChange>) -> Group {
    let saved = Saved { doc, ledger };
    Group::load(
        g.id(),
        key(3),
        [3; 8],
        Some(saved),
        signatures_of(g),
        logged,
    )
    .unwrap()
}

fn same_decisions(a: &Group, b: &Group) {
    assert_eq!(a.heads(), b.heads());
    assert_eq!(a.change_count(), b.change_count());
    assert_eq!(a.revoked(), b.revoked());
    assert_eq!(a.posts(), b.posts());
    assert_eq!(a.members(), b.members());
    assert_eq!(a.info(), b.info());
}

#[test]
fn a_saved_ledger_reads_back_as_the_ledger_a_rebuild_gives() {
    let (w, sneaky) = eventful();
    for g in &w.replicas {
        // Each replica built its ledger in the order changes reached it.
        let image = g.ledger_image().unwrap();
        let read = Ledger::from_image(&image, ChangeHash(*g.id().as_bytes())).unwrap();
        let mut rebuilt = g.clone();
        rebuilt.rebuild_ledger().unwrap();
        assert_eq!(Some(&read), rebuilt.ledger.as_deref());
        assert!(read.is_revoked(&sneaky));
    }
}

#[test]
fn a_group_loads_from_its_saved_ledger_and_the_changes_logged_after_it() {
    let (mut w, sneaky) = eventful();
    let (doc, image) = {
        let g = &w.replicas[CHLOE];
        (g.save(), g.ledger_image().unwrap())
    };
    let compacted = w.replicas[CHLOE].heads();
    // After the compaction: a post, a new member, and Chloe's own post.
    post(&mut w, AMARA, 4, "later");
    let dan = key(4).id();
    w.replicas[AMARA]
        .add_member(t(60), dan, "Dan", Role::Member)
        .unwrap();
    w.sync_all();
    post(&mut w, CHLOE, 5, "mine");
    let g = &w.replicas[CHLOE];
    // The log may repeat changes the snapshot holds (a crash during compaction).
    let mut logged = g.changes_since(&compacted);
    logged.extend(g.changes_since(&[]).into_iter().take(3));
    let loaded = load_with(g, &doc, Some(&image), logged.clone());
    let rebuilt = load_with(g, &doc, None, logged);
    same_decisions(&loaded, g);
    same_decisions(&rebuilt, g);
    assert!(loaded.is_revoked(&sneaky));
    assert!(loaded.members().iter().any(|m| m.id == dan));
}

#[test]
fn a_saved_ledger_that_does_not_fit_is_set_aside_and_the_ledger_rebuilt() {
    let (mut w, _) = eventful();
    let old_image = w.replicas[CHLOE].ledger_image().unwrap();
    post(&mut w, CHLOE, 4, "newer");
    let g = &w.replicas[CHLOE];
    let doc = g.save();
    let image = g.ledger_image().unwrap();
    let (other, _) = Group::create(key(9), [9; 8], t(1), &new_group(), "Eve").unwrap();
    let mut misfits = vec![
        // A ledger saved before the document's last change.
        old_image,
        // Another group's ledger.
        other.ledger_image().unwrap(),
        // Empty, and another version.
        Vec::new(),
        [&[9u8][..], &image[1..]].concat(),
    ];
    // Cut short anywhere.
    misfits.extend((1..image.len()).step_by(7).map(|n| image[..n].to_vec()));
    for misfit in misfits {
        same_decisions(&load_with(g, &doc, Some(&misfit), vec![]), g);
    }
}

// ------------------------------------------------------------------ whole documents

/// A member who holds nothing yet, about to take Amara's whole document.
fn newcomer(w: &World, seed: u8) -> Group {
    Group::joining(w.replicas[AMARA].id(), key(seed), [seed; 8])
}

#[test]
fn a_whole_document_with_every_change_valid_is_kept_as_it_is() {
    let mut w = two_members();
    post(&mut w, BRUNO, 1, "hello");
    post(&mut w, CHLOE, 2, "hi");
    w.sync_all();
    let (doc, sigs) = w.replicas[AMARA].document_for_peer();
    let mut fresh = newcomer(&w, 9);
    let (report, whole) = fresh.ingest_document(&doc, sigs).unwrap();
    assert!(whole);
    assert!(report.rejected.is_empty() && report.waiting.is_empty());
    assert_eq!(report.accepted.len(), w.replicas[AMARA].change_count());
    assert_eq!(fresh.heads(), w.replicas[AMARA].heads());
    assert_eq!(fresh.posts(), w.replicas[AMARA].posts());
    assert_eq!(fresh.members(), w.replicas[AMARA].members());
    // It keeps working as a replica of its own afterwards.
    fresh.ingest(w.replicas[BRUNO].changes_since(&[]));
    assert_eq!(fresh.heads(), w.replicas[BRUNO].heads());
}

#[test]
fn a_whole_document_with_an_outsiders_change_keeps_only_what_is_valid() {
    let mut w = two_members();
    post(&mut w, BRUNO, 1, "hello");
    w.sync_all();
    // Dan, no member, writes a post into a copy of the document and hands that over whole.
    let dan = key(40);
    let forged = forge(&w.replicas[AMARA], &dan, [40; 8], None, |tx, doc| {
        let posts = obj(doc, &ROOT, "posts");
        let p = tx
            .put_object(&posts, ItemId::from_u64(66).to_hex(), ObjType::Map)
            .unwrap();
        tx.put(&p, "body", "spam").unwrap();
    });
    let mut doc = Automerge::load(&w.replicas[AMARA].save()).unwrap();
    doc.apply_changes([Change::try_from(&forged.bytes[..]).unwrap()])
        .unwrap();
    let forged_hash = Change::try_from(&forged.bytes[..]).unwrap().hash();
    let (_, mut sigs) = w.replicas[AMARA].document_for_peer();
    sigs.push((forged_hash, forged.signature.unwrap()));
    let mut fresh = newcomer(&w, 9);
    let (report, whole) = fresh.ingest_document(&doc.save(), sigs).unwrap();
    assert!(!whole);
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].0, Some(forged_hash));
    assert_eq!(fresh.heads(), w.replicas[AMARA].heads());
    assert_eq!(fresh.posts(), w.replicas[AMARA].posts());
}

#[test]
fn a_whole_document_without_signatures_authenticates_nothing() {
    let mut w = two_members();
    post(&mut w, BRUNO, 1, "hello");
    w.sync_all();
    let (doc, _) = w.replicas[AMARA].document_for_peer();
    let mut fresh = newcomer(&w, 9);
    let (report, whole) = fresh.ingest_document(&doc, vec![]).unwrap();
    assert!(!whole);
    assert!(report.accepted.is_empty());
    assert!(fresh.info().is_none());
}

#[test]
fn a_whole_document_of_another_group_or_for_a_group_already_held_is_refused() {
    let mut w = two_members();
    let (doc, sigs) = w.replicas[AMARA].document_for_peer();
    // Another group with the same owner.
    let (other, _) = Group::create(key(1), [5; 8], t(3), &new_group(), "Amara").unwrap();
    let mut stranger = Group::joining(other.id(), key(9), [9; 8]);
    let (report, whole) = stranger.ingest_document(&doc, sigs.clone()).unwrap();
    assert!(!whole && report.accepted.is_empty());
    assert!(stranger.info().is_none());
    // A replica that already holds the group takes changes, not documents.
    post(&mut w, BRUNO, 1, "hello");
    assert!(w.replicas[BRUNO].ingest_document(&doc, sigs).is_err());
    // Bytes that are not a document.
    let mut fresh = newcomer(&w, 9);
    assert!(fresh.ingest_document(b"not a document", vec![]).is_err());
}

/// The saved ledger of [`eventful`], made once for the property tests below.
fn eventful_image() -> &'static (GroupId, Vec<u8>) {
    static IMAGE: std::sync::OnceLock<(GroupId, Vec<u8>)> = std::sync::OnceLock::new();
    IMAGE.get_or_init(|| {
        let (w, _) = eventful();
        let g = &w.replicas[CHLOE];
        (g.id(), g.ledger_image().unwrap())
    })
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: 512,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x1ED6E5),
        failure_persistence: None,
        ..proptest::test_runner::Config::default()
    })]

    /// A saved ledger is only read back from a snapshot whose checksum matched, but whatever
    /// its bytes, reading it fails cleanly or gives a ledger; it never panics.
    #[test]
    fn reading_damaged_or_random_saved_ledgers_never_panics(
        flips in proptest::collection::vec(
            (proptest::prelude::any::<proptest::sample::Index>(), proptest::prelude::any::<u8>()),
            0..6,
        ),
        cut in proptest::prelude::any::<proptest::sample::Index>(),
        random in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512),
    ) {
        let (id, image) = eventful_image();
        let genesis = ChangeHash(*id.as_bytes());
        let mut damaged = image.clone();
        for (at, byte) in flips {
            damaged[at.index(image.len())] = byte;
        }
        damaged.truncate(cut.index(image.len() + 1));
        let _ = Ledger::from_image(&damaged, genesis);
        let _ = Ledger::from_image(&random, genesis);
        let mut versioned = random;
        versioned.insert(0, 1);
        let _ = Ledger::from_image(&versioned, genesis);
    }
}

// ------------------------------------------------------------------ what must never change

/// A fixed history through every local action. Its heads are hashes of every byte of every
/// change, so they change whenever the document format does.
#[test]
fn a_fixed_history_gives_the_same_changes_as_always() {
    let mut w = World::new(3);
    w.add(AMARA, BRUNO, Role::Moderator);
    w.add(AMARA, CHLOE, Role::Member);
    w.sync_all();
    let (amara, bruno, chloe) = (AMARA, BRUNO, CHLOE);
    post(&mut w, chloe, 1, "hello");
    let item = ItemId::from_u64(1);
    w.replicas[chloe]
        .edit_post(t(20), item, "t", "hello again")
        .unwrap();
    w.sync_all();
    w.replicas[bruno]
        .comment(t(21), ItemId::from_u64(2), item, None, "welcome")
        .unwrap();
    w.replicas[bruno]
        .comment(
            t(22),
            ItemId::from_u64(3),
            item,
            Some(ItemId::from_u64(2)),
            "again",
        )
        .unwrap();
    w.replicas[bruno].react(t(23), item, Some("🌱")).unwrap();
    w.replicas[bruno].react(t(24), item, None).unwrap();
    w.replicas[bruno].react(t(25), item, Some("👍")).unwrap();
    w.sync_all();
    w.replicas[bruno]
        .hide(t(26), ItemKind::Post, item, "off topic")
        .unwrap();
    w.replicas[bruno]
        .unhide(t(27), ItemKind::Post, item, "on topic after all")
        .unwrap();
    w.replicas[bruno]
        .delete_item(t(28), ItemKind::Comment, ItemId::from_u64(3))
        .unwrap();
    w.replicas[chloe].set_display_name(t(29), "Chloé").unwrap();
    let edit = MetaEdit {
        name: Some("River".into()),
        mission: Some("Plant trees".into()),
        region: Some("Rhône".into()),
        visibility: Some(Visibility::Request),
        add_causes: vec!["trees".into()],
        remove_causes: vec!["environment".into()],
        add_languages: vec!["de".into()],
        remove_languages: vec!["fr".into()],
    };
    w.replicas[amara].edit_meta(t(30), &edit).unwrap();
    w.sync_all();
    let (b, c) = (w.id_of(bruno), w.id_of(chloe));
    w.replicas[amara]
        .set_role(t(31), c, Role::Moderator)
        .unwrap();
    w.replicas[amara]
        .remove_member(t(32), b, "moved away")
        .unwrap();
    w.replicas[amara]
        .add_member(t(33), b, "Bruno", Role::Member)
        .unwrap();
    w.sync_all();
    w.replicas[bruno].leave(t(34)).unwrap();
    w.sync_all();
    let heads: Vec<String> = w.replicas[chloe]
        .heads()
        .iter()
        .map(|h| h.to_string())
        .collect();
    assert_eq!(
        (w.replicas[amara].id().to_hex(), heads),
        (
            GOLDEN_GROUP.to_string(),
            GOLDEN_HEADS
                .iter()
                .map(|h| h.to_string())
                .collect::<Vec<_>>()
        )
    );
}

const GOLDEN_GROUP: &str = "4c07c1414877e6d6b81a8f2c803610fb4a2f408b184b195c13c22812ff67bafe";
const GOLDEN_HEADS: &[&str] = &["af3642f326b30e83d925b561aa843e4d62e09bd9ce45eda4f01b6b099c057731"];

/// Hand-made changes that break one rule each, and the sentence every peer refuses them with.
#[test]
fn each_broken_rule_is_refused_with_the_same_sentence_as_always() {
    let mut w = two_members();
    post(&mut w, BRUNO, 1, "hello");
    w.sync_all();
    let bruno = w.id_of(BRUNO);
    let chloe = w.id_of(CHLOE);
    let item = ItemId::from_u64(1).to_hex();
    type Build = Box<dyn Fn(&mut automerge::transaction::Transaction<'_>, &Automerge)>;
    let cases: Vec<(Option<&str>, Build)> = vec![
        (None, Box::new(|tx, _| tx.put(ROOT, "v", 2).unwrap())),
        (
            None,
            Box::new(|tx, _| {
                tx.put_object(ROOT, "events", ObjType::Map).unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let meta = obj(doc, &ROOT, "meta");
                tx.put(&meta, "name", "x").unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let meta = obj(doc, &ROOT, "meta");
                tx.put(&meta, "owner", "x").unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let meta = obj(doc, &ROOT, "meta");
                tx.put(&meta, "name", " ").unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let meta = obj(doc, &ROOT, "meta");
                tx.put(&meta, "visibility", "secret").unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let meta = obj(doc, &ROOT, "meta");
                tx.put_object(&meta, "causes", ObjType::Map).unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let meta = obj(doc, &ROOT, "meta");
                let causes = obj(doc, &meta, "causes");
                tx.put(&causes, "x".repeat(65), true).unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let meta = obj(doc, &ROOT, "meta");
                let causes = obj(doc, &meta, "causes");
                tx.put(&causes, "trees", false).unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let members = obj(doc, &ROOT, "members");
                tx.put_object(&members, "not a device", ObjType::Map)
                    .unwrap();
            }),
        ),
        (
            Some(AUTHORITY_TAG),
            Box::new(move |tx, doc| {
                let members = obj(doc, &ROOT, "members");
                tx.put_object(&members, key(9).id().to_hex(), ObjType::Map)
                    .unwrap();
            }),
        ),
        (
            None,
            Box::new(move |tx, doc| {
                let members = obj(doc, &ROOT, "members");
                let m = tx
                    .put_object(&members, key(9).id().to_hex(), ObjType::Map)
                    .unwrap();
                tx.put(&m, "role", "member").unwrap();
            }),
        ),
        (
            Some(AUTHORITY_TAG),
            Box::new(move |tx, doc| {
                let members = obj(doc, &ROOT, "members");
                let m = obj(doc, &members, &chloe.to_hex());
                tx.put(&m, "removed_reason", "why").unwrap();
            }),
        ),
        (
            Some(AUTHORITY_TAG),
            Box::new(move |tx, doc| {
                let members = obj(doc, &ROOT, "members");
                let m = obj(doc, &members, &chloe.to_hex());
                tx.put(&m, "removed_by", bruno.to_hex()).unwrap();
                tx.put(&m, "role", "member").unwrap();
            }),
        ),
        (
            Some(AUTHORITY_TAG),
            Box::new(move |tx, doc| {
                let members = obj(doc, &ROOT, "members");
                let m = obj(doc, &members, &bruno.to_hex());
                tx.put(&m, "removed_by", chloe.to_hex()).unwrap();
            }),
        ),
        (
            Some(AUTHORITY_TAG),
            Box::new(move |tx, doc| {
                let members = obj(doc, &ROOT, "members");
                let m = obj(doc, &members, &bruno.to_hex());
                tx.put(&m, "role", "admin").unwrap();
            }),
        ),
        (
            Some("hello"),
            Box::new(move |tx, doc| {
                let members = obj(doc, &ROOT, "members");
                let m = obj(doc, &members, &bruno.to_hex());
                tx.put(&m, "name", "B").unwrap();
            }),
        ),
        (
            None,
            Box::new(move |tx, doc| {
                let members = obj(doc, &ROOT, "members");
                let m = obj(doc, &members, &bruno.to_hex());
                tx.put(&m, "added_at", 5).unwrap();
            }),
        ),
        (
            None,
            Box::new(move |tx, doc| {
                let members = obj(doc, &ROOT, "members");
                let m = obj(doc, &members, &bruno.to_hex());
                tx.delete(&m, "role").unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let posts = obj(doc, &ROOT, "posts");
                tx.put_object(&posts, "zz", ObjType::Map).unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let posts = obj(doc, &ROOT, "posts");
                let p = tx
                    .put_object(&posts, ItemId::from_u64(7).to_hex(), ObjType::Map)
                    .unwrap();
                tx.put(&p, "body", "no author").unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let posts = obj(doc, &ROOT, "posts");
                tx.put_object(&posts, ItemId::from_u64(1).to_hex(), ObjType::Map)
                    .unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let posts = obj(doc, &ROOT, "posts");
                let p = tx
                    .put_object(&posts, ItemId::from_u64(7).to_hex(), ObjType::Map)
                    .unwrap();
                tx.put(&p, "author", key(3).id().to_hex()).unwrap();
                tx.put(&p, "title", "x".repeat(301)).unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let posts = obj(doc, &ROOT, "posts");
                let p = tx
                    .put_object(&posts, ItemId::from_u64(7).to_hex(), ObjType::Map)
                    .unwrap();
                tx.put(&p, "author", key(3).id().to_hex()).unwrap();
                tx.put(&p, "post", ItemId::from_u64(1).to_hex()).unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let posts = obj(doc, &ROOT, "posts");
                let p = tx
                    .put_object(&posts, ItemId::from_u64(7).to_hex(), ObjType::Map)
                    .unwrap();
                tx.put(&p, "author", key(3).id().to_hex()).unwrap();
                tx.put(&p, "deleted", "yes").unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let posts = obj(doc, &ROOT, "posts");
                let p = tx
                    .put_object(&posts, ItemId::from_u64(7).to_hex(), ObjType::Map)
                    .unwrap();
                tx.put(&p, "author", key(3).id().to_hex()).unwrap();
                tx.put_object(&p, "extra", ObjType::Map).unwrap();
            }),
        ),
        (
            None,
            Box::new(move |tx, doc| {
                let posts = obj(doc, &ROOT, "posts");
                let p = obj(doc, &posts, &item);
                tx.put(&p, "hidden", true).unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let comments = obj(doc, &ROOT, "comments");
                let c = tx
                    .put_object(&comments, ItemId::from_u64(7).to_hex(), ObjType::Map)
                    .unwrap();
                tx.put(&c, "author", key(3).id().to_hex()).unwrap();
                tx.put(&c, "post", "nope").unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let comments = obj(doc, &ROOT, "comments");
                let c = tx
                    .put_object(&comments, ItemId::from_u64(7).to_hex(), ObjType::Map)
                    .unwrap();
                tx.put(&c, "author", key(3).id().to_hex()).unwrap();
                tx.put(&c, "title", "comments have none").unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let r = obj(doc, &ROOT, "reactions");
                tx.put(&r, "no-slash", "x").unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let r = obj(doc, &ROOT, "reactions");
                tx.put(
                    &r,
                    format!("{}/{}", ItemId::from_u64(1).to_hex(), key(3).id().to_hex()),
                    "x".repeat(33),
                )
                .unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let r = obj(doc, &ROOT, "reactions");
                tx.put_object(&r, "x", ObjType::Map).unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let r = obj(doc, &ROOT, "reactions");
                tx.put(&r, "k".repeat(129), "x").unwrap();
            }),
        ),
        (
            None,
            Box::new(|tx, doc| {
                let r = obj(doc, &ROOT, "reactions");
                let l = tx.put_object(&r, "x", ObjType::List).unwrap();
                tx.insert(&l, 0, "y").unwrap();
            }),
        ),
        (
            Some("hello"),
            Box::new(|tx, doc| {
                let posts = obj(doc, &ROOT, "posts");
                let p = tx
                    .put_object(&posts, ItemId::from_u64(7).to_hex(), ObjType::Map)
                    .unwrap();
                tx.put(&p, "author", key(3).id().to_hex()).unwrap();
            }),
        ),
        (
            Some(AUTHORITY_TAG),
            Box::new(move |tx, doc| {
                let members = obj(doc, &ROOT, "members");
                let m = obj(doc, &members, &chloe.to_hex());
                tx.put(&m, "role", "admin").unwrap();
            }),
        ),
        (
            Some(AUTHORITY_TAG),
            Box::new(move |tx, doc| {
                let members = obj(doc, &ROOT, "members");
                let m = obj(doc, &members, &chloe.to_hex());
                tx.put(&m, "removed_by", chloe.to_hex()).unwrap();
                tx.delete(&m, "removed_by").unwrap();
            }),
        ),
        (
            Some(AUTHORITY_TAG),
            Box::new(move |tx, doc| {
                let members = obj(doc, &ROOT, "members");
                let m = obj(doc, &members, &bruno.to_hex());
                tx.put(&m, "removed_by", chloe.to_hex()).unwrap();
                tx.put(&m, "role", "moderator").unwrap();
            }),
        ),
    ];
    let mut sentences = Vec::new();
    for (i, (message, build)) in cases.into_iter().enumerate() {
        // A fresh actor each time, so that each change is judged on its own.
        let suffix = [100 + i as u8; 8];
        let forged = forge(&w.replicas[CHLOE], &key(3), suffix, message, |tx, doc| {
            build(tx, doc)
        });
        let report = w.replicas[AMARA].ingest(vec![forged]);
        sentences.push(
            rejected_with(&report)
                .iter()
                .map(|r| r.to_string())
                .collect::<Vec<_>>()
                .join("; "),
        );
    }
    assert_eq!(sentences, SENTENCES);
}

const SENTENCES: &[&str] = &[
    "forbidden: only the group's creation may change the top level",
    "forbidden: only the group's creation may change the top level",
    "not allowed: needs the admin role, the author is member",
    "forbidden: group detail \"owner\" cannot be set",
    "forbidden: the group name is empty",
    "forbidden: unknown visibility",
    "forbidden: objects can only be created where the schema has them",
    "forbidden: a cause or language tag must be 1 to 64 characters",
    "forbidden: operation on \"trees\" is not allowed",
    "forbidden: member key is not a device id",
    "forbidden: a new member entry must have a role",
    "forbidden: a membership change must be marked as one",
    "forbidden: removal details without a removal",
    "forbidden: removed_by must name the change's author",
    "not allowed: a member may not remove here",
    "not allowed: a member may not make someone admin here",
    "forbidden: only members set their own display name",
    "forbidden: member field \"added_at\" cannot be set",
    "forbidden: operation on \"role\" is not allowed",
    "forbidden: post and comment keys are 16 hex characters",
    "forbidden: a new post or comment must name its author",
    "forbidden: a post or comment cannot be replaced",
    "forbidden: the title is too long",
    "forbidden: post field \"post\" cannot be changed this way",
    "forbidden: deleted must be true or false",
    "forbidden: post field \"extra\" cannot be changed this way",
    "not allowed: needs the moderator role, the author is member",
    "forbidden: post must be a post or comment id",
    "forbidden: post field \"title\" cannot be changed this way",
    "forbidden: reaction key is <item>/<device>",
    "forbidden: a reaction is a short text",
    "forbidden: objects can only be created where the schema has them",
    "forbidden: key too long",
    "forbidden: objects can only be created where the schema has them",
    "forbidden: unexpected change message",
    "forbidden: nobody changes their own role",
    "forbidden: nobody re-admits themselves",
    "forbidden: a change cannot both add and remove someone",
];

#[test]
fn erasing_mine_clears_my_posts_and_comments_only_and_every_peer_takes_it() {
    let mut w = two_members();
    for i in 0..(super::actions::ERASE_AT_ONCE as u64 + 5) {
        post(&mut w, BRUNO, 100 + i, "mine");
    }
    post(&mut w, AMARA, 1, "hers");
    w.sync_all();
    w.replicas[BRUNO]
        .comment(
            t(500),
            ItemId::from_u64(2),
            ItemId::from_u64(1),
            None,
            "my comment",
        )
        .unwrap();
    w.replicas[AMARA]
        .comment(
            t(501),
            ItemId::from_u64(3),
            ItemId::from_u64(1),
            None,
            "her comment",
        )
        .unwrap();
    w.sync_all();
    let changes = w.replicas[BRUNO].erase_mine(t(600)).unwrap();
    assert_eq!(
        changes.len(),
        2,
        "in changes of at most ERASE_AT_ONCE items"
    );
    w.sync_all();
    for g in &w.replicas {
        let bruno = w.replicas[BRUNO].device();
        assert!(
            g.posts()
                .iter()
                .filter(|p| p.author == bruno)
                .all(|p| p.deleted && p.body.is_empty())
        );
        let posts = g.posts();
        let hers = posts.iter().find(|p| p.id == ItemId::from_u64(1)).unwrap();
        assert!(!hers.deleted && hers.body == "hers");
        let comments = g.comments();
        assert!(
            comments
                .iter()
                .any(|c| c.body == "her comment" && !c.deleted)
        );
        assert!(comments.iter().all(|c| c.body != "my comment"));
    }
    // Nothing left to erase: a sentence, no change.
    assert!(matches!(
        w.replicas[BRUNO].erase_mine(t(700)),
        Err(CoreError::InvalidInput(crate::Problem::NothingToChange))
    ));
}
