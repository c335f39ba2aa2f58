//! The rules of the moderation log (schema version 7): decisions logged with the role their
//! decider held, the same log on every replica, and entries forged as a hostile peer would:
//! by a member, claiming a decision their change does not make, changed after the fact.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::group::testing::*;
use crate::view::{ModAction, ModTarget};

fn refused(report: &IngestReport) -> bool {
    report.accepted.is_empty() && !report.rejected.is_empty()
}

/// Amara's group with its log open, Bruno a member and Chloé a moderator, and Bruno's post 1.
fn logged_world() -> World {
    let mut w = two_members();
    assert!(!w.replicas[AMARA].open_log(t(3)).unwrap().is_empty());
    let chloe = w.id_of(CHLOE);
    w.replicas[AMARA]
        .set_role(t(4), chloe, Role::Moderator)
        .unwrap();
    w.sync_all();
    post(&mut w, BRUNO, 1, "Cheap phones, message me");
    w.sync_all();
    w
}

/// A change by `who` that writes a log entry with `fields`, and whatever `also` writes.
fn forged_entry(
    w: &World,
    who: usize,
    fields: &[(&str, &str)],
    also: impl FnOnce(&mut automerge::transaction::Transaction<'_>, &Automerge),
) -> SignedChange {
    let k = key(who as u8 + 1);
    forge(&w.replicas[who], &k, [9; 8], None, |tx, doc| {
        also(tx, doc);
        let root = obj(doc, &ROOT, "modlog");
        let e = tx
            .put_object(&root, ItemId::from_u64(99).to_hex(), ObjType::Map)
            .unwrap();
        tx.put(&e, "by", k.id().to_hex()).unwrap();
        tx.put(&e, "at", 60).unwrap();
        for (f, v) in fields {
            tx.put(&e, *f, *v).unwrap();
        }
    })
}

/// Bruno's post 1 as the log names it, and the object itself.
fn post_one(doc: &Automerge) -> (String, ExId) {
    let posts = obj(doc, &ROOT, "posts");
    let p = obj(doc, &posts, &ItemId::from_u64(1).to_hex());
    (crate::collections::modlog::obj_text(&p).unwrap(), p)
}

#[test]
fn decisions_are_logged_with_the_deciders_role_and_every_replica_reads_the_same_log() {
    let mut w = logged_world();
    let (bruno, amara, chloe) = (w.id_of(BRUNO), w.id_of(AMARA), w.id_of(CHLOE));
    w.replicas[CHLOE]
        .hide(t(20), ItemKind::Post, ItemId::from_u64(1), "advertising")
        .unwrap();
    w.replicas[CHLOE]
        .unhide(
            t(21),
            ItemKind::Post,
            ItemId::from_u64(1),
            "he sells for the repair café",
        )
        .unwrap();
    w.sync_all();
    w.replicas[AMARA]
        .remove_member(t(30), bruno, "moved to Lyon")
        .unwrap();
    w.sync_all();
    let log = w.replicas[BRUNO].moderation_log();
    for r in &w.replicas {
        assert_eq!(r.moderation_log(), log);
    }
    let seen: Vec<(ModAction, DeviceId, Option<Role>, &str)> = log
        .iter()
        .map(|e| (e.action, e.by, e.role, e.reason.as_str()))
        .collect();
    assert_eq!(
        seen,
        vec![
            (ModAction::Role, amara, Some(Role::Owner), ""),
            (ModAction::Hide, chloe, Some(Role::Moderator), "advertising"),
            (
                ModAction::Unhide,
                chloe,
                Some(Role::Moderator),
                "he sells for the repair café"
            ),
            (ModAction::Remove, amara, Some(Role::Owner), "moved to Lyon"),
        ]
    );
    assert_eq!(log[0].new_role, Some(Role::Moderator));
    assert_eq!(log[0].target, ModTarget::Member(chloe));
    match &log[1].target {
        ModTarget::Item {
            kind,
            id,
            author,
            words,
        } => {
            assert_eq!(kind, "post");
            assert_eq!(*id, Some(ItemId::from_u64(1)));
            assert_eq!(*author, Some(bruno));
            assert_eq!(words, "title");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(log[3].target, ModTarget::Member(bruno));
}

#[test]
fn a_member_cannot_write_a_log_entry_even_with_the_act() {
    let mut w = logged_world();
    let doc = automerge::Automerge::load(&w.replicas[BRUNO].save()).unwrap();
    let (named, _) = post_one(&doc);
    // Bruno hides his own post and logs it: hiding needs a moderator, and so does the log.
    let forged = forged_entry(
        &w,
        BRUNO,
        &[
            ("action", "hide"),
            ("reason", "x"),
            ("kind", "post"),
            ("obj", &named),
        ],
        |tx, doc| {
            let (_, p) = post_one(doc);
            tx.put(&p, "hidden", true).unwrap();
        },
    );
    assert!(refused(&w.replicas[AMARA].ingest(vec![forged])));
    assert!(w.replicas[AMARA].moderation_log().len() == 1);
}

#[test]
fn an_entry_claiming_a_decision_its_change_does_not_make_is_refused() {
    let mut w = logged_world();
    let doc = automerge::Automerge::load(&w.replicas[CHLOE].save()).unwrap();
    let (named, _) = post_one(&doc);
    // Chloé may hide, but this change hides nothing.
    let lie = forged_entry(
        &w,
        CHLOE,
        &[
            ("action", "hide"),
            ("reason", "x"),
            ("kind", "post"),
            ("obj", &named),
        ],
        |_, _| {},
    );
    assert!(refused(&w.replicas[AMARA].ingest(vec![lie])));
    // An entry "unhide" beside a hide is a lie too.
    let wrong_way = forged_entry(
        &w,
        CHLOE,
        &[
            ("action", "unhide"),
            ("reason", "x"),
            ("kind", "post"),
            ("obj", &named),
        ],
        |tx, doc| {
            let (_, p) = post_one(doc);
            tx.put(&p, "hidden", true).unwrap();
        },
    );
    assert!(refused(&w.replicas[AMARA].ingest(vec![wrong_way])));
    // A removal logged by a moderator: removing needs an admin, and the change removes no one.
    let bruno = w.id_of(BRUNO).to_hex();
    let removal = forged_entry(
        &w,
        CHLOE,
        &[("action", "remove"), ("reason", "x"), ("member", &bruno)],
        |_, _| {},
    );
    assert!(refused(&w.replicas[AMARA].ingest(vec![removal])));
    // The same hide, made and logged together, is taken.
    let honest = forged_entry(
        &w,
        CHLOE,
        &[
            ("action", "hide"),
            ("reason", "spam"),
            ("kind", "post"),
            ("obj", &named),
        ],
        |tx, doc| {
            let (_, p) = post_one(doc);
            tx.put(&p, "hidden", true).unwrap();
        },
    );
    let report = w.replicas[AMARA].ingest(vec![honest]);
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(w.replicas[AMARA].moderation_log().len(), 2);
}

#[test]
fn an_entry_is_never_changed_after_it_was_written() {
    let mut w = logged_world();
    w.replicas[CHLOE]
        .hide(t(20), ItemKind::Post, ItemId::from_u64(1), "advertising")
        .unwrap();
    w.sync_all();
    let entry = w.replicas[CHLOE].moderation_log()[1].id.clone();
    // Amara, the owner, rewrites Chloé's reason.
    let rewrite = forge(&w.replicas[AMARA], &key(1), [9; 8], None, |tx, doc| {
        let root = obj(doc, &ROOT, "modlog");
        let e = obj(doc, &root, &entry);
        tx.put(&e, "reason", "nothing to see").unwrap();
    });
    assert!(refused(&w.replicas[BRUNO].ingest(vec![rewrite])));
    assert_eq!(w.replicas[BRUNO].moderation_log()[1].reason, "advertising");
}

#[test]
fn a_moderators_decision_before_the_log_exists_is_taken_unlogged() {
    let mut w = two_members();
    let chloe = w.id_of(CHLOE);
    w.replicas[AMARA]
        .set_role(t(4), chloe, Role::Moderator)
        .unwrap();
    w.sync_all();
    post(&mut w, BRUNO, 1, "Cheap phones");
    w.sync_all();
    // A moderator may not open the log (that is a schema upgrade, for admins).
    assert!(w.replicas[CHLOE].open_log(t(19)).unwrap().is_empty());
    w.replicas[CHLOE]
        .hide(t(20), ItemKind::Post, ItemId::from_u64(1), "advertising")
        .unwrap();
    w.sync_all();
    assert!(w.replicas[AMARA].moderation_log().is_empty());
    assert!(w.replicas[AMARA].posts().iter().any(|p| p.hidden.is_some()));
}

#[test]
fn an_admins_decision_revoked_by_the_owner_leaves_the_log_too() {
    let mut w = World::new(3);
    w.add(AMARA, BRUNO, Role::Admin);
    w.add(AMARA, CHLOE, Role::Member);
    w.replicas[AMARA].open_log(t(3)).unwrap();
    w.sync_all();
    let (bruno, chloe) = (w.id_of(BRUNO), w.id_of(CHLOE));
    // Bruno removes Chloé while Amara, not knowing, demotes him.
    w.replicas[BRUNO]
        .remove_member(t(10), chloe, "spam")
        .unwrap();
    w.replicas[AMARA]
        .set_role(t(10), bruno, Role::Member)
        .unwrap();
    w.sync_all();
    for r in &w.replicas {
        let actions: Vec<ModAction> = r.moderation_log().iter().map(|e| e.action).collect();
        assert_eq!(
            actions,
            vec![ModAction::Role],
            "the removal is revoked everywhere"
        );
    }
}

#[test]
fn hiding_a_file_is_logged_with_its_name() {
    use crate::view::FileRef;
    let mut w = logged_world();
    let file = FileRef {
        hash: crate::ids::BlobHash::from_bytes([3; 32]),
        size: 1000,
        media: "application/pdf".into(),
        name: "flyer.pdf".into(),
        image: None,
    };
    w.replicas[BRUNO]
        .post_with_files(
            t(30),
            ItemId::from_u64(2),
            "",
            "",
            "en",
            vec![(ItemId::from_u64(20), file)],
        )
        .unwrap();
    w.sync_all();
    w.replicas[CHLOE]
        .hide_attachment(t(31), ItemId::from_u64(20), Some("not ours"))
        .unwrap();
    w.sync_all();
    let log = w.replicas[AMARA].moderation_log();
    let last = log.last().unwrap();
    assert_eq!(
        (last.action, last.reason.as_str()),
        (ModAction::Hide, "not ours")
    );
    match &last.target {
        ModTarget::Item { kind, words, .. } => {
            assert_eq!((kind.as_str(), words.as_str()), ("attachment", "flyer.pdf"));
        }
        other => panic!("{other:?}"),
    }
}
