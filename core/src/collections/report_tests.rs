//! Reports and their decisions (schema version 7): sealed so that only the group's readers
//! and the reporter open them, filed by a moderator so that the history never names the
//! reporter, handed on to moderators appointed later, and decided with an entry of the log;
//! and what a hostile peer would try: filing as a member, a report sealed to other keys, a
//! member's decision.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::group::testing::*;
use crate::view::{Category, ModAction, ReportTarget, Verdict};

const DARA: usize = 3;
const MALLORY: usize = 4;

/// Amara's group with its log open: Bruno and Dara members, Chloé a moderator, Mallory a
/// member whose post 7 is the trouble.
fn group() -> World {
    let mut w = World::new(5);
    for who in [BRUNO, DARA, MALLORY] {
        w.add(AMARA, who, Role::Member);
    }
    w.add(AMARA, CHLOE, Role::Moderator);
    w.replicas[AMARA].open_log(t(3)).unwrap();
    w.sync_all();
    post(&mut w, MALLORY, 7, "I know where you live");
    w.sync_all();
    w
}

/// Bruno reports Mallory's post; Chloé files it.
fn reported(w: &mut World) -> ItemId {
    let id = ItemId::from_u64(500);
    let sealed = w.replicas[BRUNO]
        .make_report(
            id,
            ReportTarget::Post(ItemId::from_u64(7)),
            Category::Doxing,
            "she posted my street",
            t(40),
            [5; 32],
        )
        .unwrap();
    let bruno = w.id_of(BRUNO);
    w.replicas[CHLOE]
        .file_report(t(41), id, &sealed, bruno)
        .unwrap();
    w.sync_all();
    id
}

#[test]
fn a_report_opens_for_the_moderators_and_its_reporter_only_and_never_names_the_reporter() {
    let mut w = group();
    let id = reported(&mut w);
    let bruno = w.id_of(BRUNO);
    for who in [AMARA, CHLOE, BRUNO] {
        let q = w.replicas[who].queue();
        assert_eq!(q.len(), 1, "replica {who}");
        assert_eq!(q[0].content.reporter, bruno);
        assert_eq!(q[0].content.category, Category::Doxing);
        assert_eq!(q[0].content.words, "she posted my street");
        assert!(q[0].is_open());
        assert_eq!(q[0].id, id);
    }
    for who in [DARA, MALLORY] {
        assert!(w.replicas[who].queue().is_empty(), "replica {who}");
    }
    // Nobody without a key reads the words or learns the reporter from the document: the
    // words are sealed, and the change that holds the report is Chloé's.
    let bytes = w.replicas[DARA].save();
    assert!(!bytes.windows(6).any(|x| x == b"street"));
    let doc = automerge::Automerge::load(&bytes).unwrap();
    let bruno_actor = actor_for(bruno, [2; 8]);
    let reports = obj(&doc, &ROOT, "reports");
    let entry = obj(&doc, &reports, &id.to_hex());
    match entry {
        ExId::Id(_, actor, _) => assert_ne!(actor, bruno_actor),
        ExId::Root => panic!(),
    }
}

#[test]
fn a_moderators_decision_on_a_report_is_logged_and_its_reporter_sees_the_outcome() {
    let mut w = group();
    let id = reported(&mut w);
    w.replicas[CHLOE]
        .decide_report(t(50), id, Verdict::Hide, "doxing is not allowed", [6; 32])
        .unwrap();
    w.sync_all();
    let q = w.replicas[BRUNO].queue();
    assert!(!q[0].is_open());
    assert_eq!(q[0].decisions[0].action, ModAction::Hide);
    assert_eq!(q[0].decisions[0].reason, "doxing is not allowed");
    assert!(
        w.replicas[DARA]
            .posts()
            .iter()
            .all(|p| p.hidden.is_some() || p.id != ItemId::from_u64(7))
    );
    // Dara reads the decision in the log, with its report's id, but not who reported.
    let log = w.replicas[DARA].moderation_log();
    let hide = log.iter().find(|e| e.action == ModAction::Hide).unwrap();
    assert_eq!(hide.report, Some(id));
    assert_eq!(hide.by, w.id_of(CHLOE));
}

#[test]
fn a_warning_is_read_by_the_person_warned_and_the_moderators_only() {
    let mut w = group();
    let id = reported(&mut w);
    w.replicas[CHLOE]
        .decide_report(
            t(50),
            id,
            Verdict::Warn("Please take the address down.".into()),
            "a first warning",
            [6; 32],
        )
        .unwrap();
    w.sync_all();
    let entry = |who: usize| {
        w.replicas[who]
            .moderation_log()
            .into_iter()
            .find(|e| e.action == ModAction::Warn)
            .unwrap()
    };
    for who in [MALLORY, CHLOE, AMARA] {
        assert_eq!(
            w.replicas[who].warning_words(&entry(who)).as_deref(),
            Some("Please take the address down."),
            "replica {who}"
        );
    }
    assert_eq!(w.replicas[DARA].warning_words(&entry(DARA)), None);
}

#[test]
fn a_moderator_appointed_later_gets_the_key_from_the_next_moderator() {
    let mut w = group();
    reported(&mut w);
    let dara = w.id_of(DARA);
    w.replicas[AMARA]
        .set_role(t(60), dara, Role::Moderator)
        .unwrap();
    w.sync_all();
    assert!(w.replicas[DARA].queue().is_empty());
    let mut n = 0u8;
    let change = w.replicas[CHLOE]
        .reseal(t(61), || {
            n += 1;
            [n; 32]
        })
        .unwrap();
    assert!(change.is_some());
    w.sync_all();
    assert_eq!(w.replicas[DARA].queue().len(), 1);
    // Nobody lacks a key now: nothing more to write.
    assert!(
        w.replicas[CHLOE]
            .reseal(t(62), || [9; 32])
            .unwrap()
            .is_none()
    );
}

#[test]
fn a_report_sealed_to_other_keys_or_from_someone_else_is_not_filed() {
    let mut w = group();
    let id = ItemId::from_u64(501);
    let bruno = w.id_of(BRUNO);
    // Sealed before Chloé was a reader (as a hostile device would: only to Amara).
    let sealed = crate::seal::seal(b"garbage", b"ctx", &[w.id_of(AMARA)], [1; 32]).unwrap();
    assert!(
        w.replicas[CHLOE]
            .file_report(t(41), id, &sealed, bruno)
            .is_err()
    );
    // A real report, handed over by Dara's device as if it were hers.
    let sealed = w.replicas[BRUNO]
        .make_report(
            id,
            ReportTarget::Post(ItemId::from_u64(7)),
            Category::Spam,
            "",
            t(40),
            [5; 32],
        )
        .unwrap();
    let dara = w.id_of(DARA);
    assert!(
        w.replicas[CHLOE]
            .file_report(t(41), id, &sealed, dara)
            .is_err()
    );
    // A member cannot file at all.
    assert!(
        w.replicas[DARA]
            .file_report(t(41), id, &sealed, bruno)
            .is_err()
    );
}

#[test]
fn a_member_cannot_file_a_report_or_decide_one_even_forged() {
    let mut w = group();
    let id = reported(&mut w);
    // Dara writes a report entry by hand.
    let k = key(DARA as u8 + 1);
    let forged = forge(&w.replicas[DARA], &k, [9; 8], None, |tx, doc| {
        let root = obj(doc, &ROOT, "reports");
        let e = tx
            .put_object(&root, ItemId::from_u64(9).to_hex(), ObjType::Map)
            .unwrap();
        tx.put(&e, "at", 1).unwrap();
        tx.put(
            &e,
            "body",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        )
        .unwrap();
    });
    assert!(!w.replicas[AMARA].ingest(vec![forged]).rejected.is_empty());
    // Dara dismisses Bruno's report in the log.
    let forged = forge(&w.replicas[DARA], &k, [9; 8], None, |tx, doc| {
        let root = obj(doc, &ROOT, "modlog");
        let e = tx
            .put_object(&root, ItemId::from_u64(10).to_hex(), ObjType::Map)
            .unwrap();
        tx.put(&e, "by", k.id().to_hex()).unwrap();
        tx.put(&e, "at", 1).unwrap();
        tx.put(&e, "action", "dismiss").unwrap();
        tx.put(&e, "reason", "nothing").unwrap();
        tx.put(&e, "report", id.to_hex()).unwrap();
    });
    assert!(!w.replicas[AMARA].ingest(vec![forged]).rejected.is_empty());
    assert!(w.replicas[AMARA].queue()[0].is_open());
}

#[test]
fn a_member_has_at_most_so_many_undecided_reports_filed_at_once() {
    let mut w = group();
    let bruno = w.id_of(BRUNO);
    let make = |w: &World, n: u64| {
        w.replicas[BRUNO]
            .make_report(
                ItemId::from_u64(600 + n),
                ReportTarget::Member(w.id_of(MALLORY)),
                Category::Spam,
                "again",
                t(40),
                [n as u8; 32],
            )
            .unwrap()
    };
    for n in 0..crate::OPEN_REPORTS_AT_MOST as u64 {
        let sealed = make(&w, n);
        w.replicas[CHLOE]
            .file_report(t(41), ItemId::from_u64(600 + n), &sealed, bruno)
            .unwrap();
    }
    let over = make(&w, 99);
    let refused = w.replicas[CHLOE].file_report(t(42), ItemId::from_u64(699), &over, bruno);
    assert!(
        matches!(
            refused,
            Err(crate::CoreError::InvalidInput(
                crate::Problem::TooManyOpenReports { .. }
            ))
        ),
        "{refused:?}"
    );
    // Handed over again, one already filed still counts as filed.
    let again = make(&w, 3);
    assert!(
        w.replicas[CHLOE]
            .file_report(t(43), ItemId::from_u64(603), &again, bruno)
            .is_err_and(|e| !matches!(
                e,
                crate::CoreError::InvalidInput(crate::Problem::TooManyOpenReports { .. })
            ))
    );
    // Once a moderator decided one, the next is filed.
    w.replicas[CHLOE]
        .decide_report(
            t(50),
            ItemId::from_u64(600),
            Verdict::Dismiss,
            "spam about spam",
            [6; 32],
        )
        .unwrap();
    w.replicas[CHLOE]
        .file_report(t(51), ItemId::from_u64(699), &over, bruno)
        .unwrap();
}
