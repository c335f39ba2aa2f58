//! The rules of the campaign kit (events, polls, tasks, shifts): each allowed and refused,
//! on replicas of a small world and with changes forged as a hostile peer would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::group::testing::*;
use crate::problem::Problem;
use crate::view::{EventDraft, PollDraft, Rsvp, ShiftDraft, Status, When};

const HOUR: i64 = 3_600_000;
const DAY0: i64 = 1_797_000_000_000;

fn when(start_h: i64, hours: i64) -> When {
    When {
        start: t(DAY0 + start_h * HOUR),
        end: t(DAY0 + (start_h + hours) * HOUR),
        zone: "Europe/Paris".into(),
        all_day: false,
    }
}

fn draft(title: &str, capacity: Option<u32>) -> EventDraft {
    EventDraft {
        title: title.into(),
        body: "Bring gloves".into(),
        lang: "en".into(),
        when: when(10, 2),
        place: "The old bridge".into(),
        online: String::new(),
        capacity,
    }
}

fn id(n: u64) -> ItemId {
    ItemId::from_u64(n)
}

/// Amara (owner) with Bruno and Chloé as members, and an event of Amara's everyone holds.
fn with_event(capacity: Option<u32>) -> World {
    let mut w = two_members();
    w.replicas[AMARA]
        .create_event(t(100), id(1), draft("Clean-up", capacity))
        .unwrap();
    w.sync_all();
    w
}

/// The object at `path` from the root of `doc`.
fn at(doc: &Automerge, path: &[&str]) -> ExId {
    path.iter().fold(ROOT, |o, k| obj(doc, &o, k))
}

fn hex(n: u64) -> String {
    id(n).to_hex()
}

fn refused(report: &IngestReport) -> bool {
    report.accepted.is_empty() && !report.rejected.is_empty()
}

#[test]
fn a_member_answers_an_event_in_their_own_name_only() {
    let mut w = with_event(None);
    w.replicas[BRUNO]
        .answer_event(t(200), id(1), Rsvp::Yes)
        .unwrap();
    w.sync_all();
    let e = &w.replicas[CHLOE].events()[0];
    assert_eq!(e.answer_of(w.id_of(BRUNO)), Some(Rsvp::Yes));
    // Bruno writes an answer under Chloé's name.
    let chloe = w.id_of(CHLOE).to_hex();
    let forged = forge(&w.replicas[BRUNO], &key(2), [9; 8], None, |tx, doc| {
        let answers = at(doc, &["events", &hex(1), "answers"]);
        tx.put(&answers, chloe.as_str(), "no").unwrap();
    });
    let report = w.replicas[AMARA].ingest(vec![forged]);
    assert_eq!(
        rejected_with(&report),
        vec![Rejection::Forbidden(
            "a member answers in their own name only".into()
        )]
    );
}

#[test]
fn the_last_place_goes_to_the_same_person_on_every_replica() {
    let mut w = with_event(Some(1));
    // Bruno and Chloé answer yes at the same time, neither seeing the other.
    w.replicas[BRUNO]
        .answer_event(t(200), id(1), Rsvp::Yes)
        .unwrap();
    w.replicas[CHLOE]
        .answer_event(t(200), id(1), Rsvp::Yes)
        .unwrap();
    // Amara hears Chloé first, Bruno's replica hears only Chloé: arrival orders differ.
    w.send(CHLOE, AMARA);
    w.send(BRUNO, AMARA);
    w.send(CHLOE, BRUNO);
    w.send(BRUNO, CHLOE);
    let going: Vec<_> = w.replicas.iter().map(|g| g.events()[0].going()).collect();
    let waiting: Vec<_> = w.replicas.iter().map(|g| g.events()[0].waiting()).collect();
    assert_eq!(going[0].len(), 1);
    assert!(going.iter().all(|g| *g == going[0]), "{going:?}");
    assert!(waiting.iter().all(|g| *g == waiting[0] && g.len() == 1));
    // The one waiting moves up when the one going says no.
    let first = going[0][0];
    let who = if first == w.id_of(BRUNO) {
        BRUNO
    } else {
        CHLOE
    };
    w.replicas[who]
        .answer_event(t(300), id(1), Rsvp::No)
        .unwrap();
    w.sync_all();
    assert_eq!(w.replicas[AMARA].events()[0].going(), waiting[0]);
}

#[test]
fn organisers_and_admins_change_an_event_and_other_members_do_not() {
    let mut w = with_event(None);
    // Chloé is no organiser: her local action and her forged change are both refused.
    let err = w.replicas[CHLOE].edit_event(t(200), id(1), draft("Mine now", None));
    assert!(
        matches!(err, Err(CoreError::NotPermitted(Problem::NotAnOrganiser))),
        "{err:?}"
    );
    let forged = forge(&w.replicas[CHLOE], &key(3), [9; 8], None, |tx, doc| {
        let e = at(doc, &["events", &hex(1)]);
        tx.put(&e, "title", "Mine now").unwrap();
    });
    let report = w.replicas[AMARA].ingest(vec![forged]);
    assert!(refused(&report), "{report:?}");
    // Amara makes Bruno an organiser; his change is judged against a past that lists him.
    let bruno = w.id_of(BRUNO);
    w.replicas[AMARA]
        .set_organiser(t(300), id(1), bruno, true)
        .unwrap();
    w.sync_all();
    let mut moved = draft("Clean-up", None);
    moved.when = when(34, 2);
    w.replicas[BRUNO].edit_event(t(400), id(1), moved).unwrap();
    w.sync_all();
    let e = &w.replicas[CHLOE].events()[0];
    assert_eq!(e.draft.when.start, when(34, 2).start);
    assert_eq!(e.moved_from, Some(when(10, 2).start));
}

#[test]
fn an_edit_made_before_the_author_was_an_organiser_is_refused() {
    let mut w = with_event(None);
    // Bruno's change builds on a past in which he organises nothing.
    let before = w.replicas[BRUNO].heads();
    let bruno = w.id_of(BRUNO);
    w.replicas[AMARA]
        .set_organiser(t(300), id(1), bruno, true)
        .unwrap();
    w.sync_all();
    let forged = forge_at(
        &w.replicas[BRUNO],
        &before,
        &key(2),
        [9; 8],
        None,
        |tx, doc| {
            let e = at(doc, &["events", &hex(1)]);
            tx.put(&e, "title", "Too early").unwrap();
        },
    );
    let report = w.replicas[AMARA].ingest(vec![forged]);
    assert!(refused(&report), "{report:?}");
}

#[test]
fn an_end_before_the_start_is_refused() {
    let mut w = with_event(None);
    let mut bad = draft("Clean-up", None);
    bad.when.end = t(bad.when.start.0 - 1);
    let err = w.replicas[AMARA].edit_event(t(200), id(1), bad);
    assert!(
        matches!(err, Err(CoreError::InvalidInput(Problem::EndBeforeStart))),
        "{err:?}"
    );
    let forged = forge(&w.replicas[AMARA], &key(1), [9; 8], None, |tx, doc| {
        let e = at(doc, &["events", &hex(1)]);
        tx.put(&e, "start", DAY0 + 5 * HOUR).unwrap();
        tx.put(&e, "end", DAY0 + 4 * HOUR).unwrap();
    });
    let report = w.replicas[BRUNO].ingest(vec![forged]);
    assert_eq!(
        rejected_with(&report),
        vec![Rejection::Forbidden("the end is before the start".into())]
    );
    // A start alone could leave the end before it: a start and an end go together.
    let forged = forge(&w.replicas[AMARA], &key(1), [8; 8], None, |tx, doc| {
        let e = at(doc, &["events", &hex(1)]);
        tx.put(&e, "start", DAY0 + 50 * HOUR).unwrap();
    });
    assert!(refused(&w.replicas[BRUNO].ingest(vec![forged])));
    // A start and an end in order pass.
    let forged = forge(&w.replicas[AMARA], &key(1), [7; 8], None, |tx, doc| {
        let e = at(doc, &["events", &hex(1)]);
        tx.put(&e, "start", DAY0 + 5 * HOUR).unwrap();
        tx.put(&e, "end", DAY0 + 6 * HOUR).unwrap();
    });
    assert_eq!(w.replicas[BRUNO].ingest(vec![forged]).accepted.len(), 1);
}

#[test]
fn text_fields_have_their_limits() {
    let mut w = with_event(None);
    let err = w.replicas[AMARA].create_event(t(200), id(2), draft(&"x".repeat(301), None));
    assert!(matches!(
        err,
        Err(CoreError::InvalidInput(Problem::TooLong { .. }))
    ));
    let long = "x".repeat(crate::limits::PLACE + 1);
    let forged = forge(&w.replicas[AMARA], &key(1), [9; 8], None, |tx, doc| {
        let e = at(doc, &["events", &hex(1)]);
        tx.put(&e, "place", long.as_str()).unwrap();
    });
    assert_eq!(
        rejected_with(&w.replicas[BRUNO].ingest(vec![forged])),
        vec![Rejection::Forbidden("the place is too long".into())]
    );
    let err = w.replicas[AMARA].create_poll(t(200), id(3), poll("", 2, false), ids(2));
    assert!(
        matches!(err, Err(CoreError::InvalidInput(Problem::QuestionRequired))),
        "{err:?}"
    );
    let err = w.replicas[AMARA].add_task(t(200), id(4), " ", "", None);
    assert!(
        matches!(
            err,
            Err(CoreError::InvalidInput(Problem::TaskTitleRequired))
        ),
        "{err:?}"
    );
}

fn poll(question: &str, options: usize, multiple: bool) -> PollDraft {
    PollDraft {
        question: question.into(),
        options: (0..options).map(|i| format!("Option {i}")).collect(),
        multiple,
        open: false,
    }
}

fn ids(n: u64) -> Vec<ItemId> {
    (0..n).map(|i| id(100 + i)).collect()
}

/// A world with a poll of Amara's (`multiple` or not) with three options everyone holds.
fn with_poll(multiple: bool, open: bool) -> World {
    let mut w = two_members();
    let mut d = poll("Which Saturday?", 3, multiple);
    d.open = open;
    w.replicas[AMARA]
        .create_poll(t(100), id(7), d, ids(3))
        .unwrap();
    w.sync_all();
    w
}

fn forged_vote(w: &World, who: usize, options: &[u64], suffix: u8) -> SignedChange {
    let me = w.id_of(who).to_hex();
    let value: Vec<String> = options.iter().map(|o| hex(*o)).collect();
    forge(
        &w.replicas[who],
        &key(who as u8 + 1),
        [suffix; 8],
        None,
        |tx, doc| {
            let votes = at(doc, &["polls", &hex(7), "votes"]);
            tx.put(&votes, me.as_str(), value.join(",")).unwrap();
        },
    )
}

#[test]
fn a_vote_names_options_the_poll_has() {
    let mut w = with_poll(false, false);
    let ok = forged_vote(&w, BRUNO, &[101], 9);
    assert_eq!(w.replicas[AMARA].ingest(vec![ok]).accepted.len(), 1);
    assert_eq!(
        w.replicas[AMARA].polls()[0].options[1].voters,
        vec![w.id_of(BRUNO)]
    );
    let bad = forged_vote(&w, CHLOE, &[555], 9);
    assert_eq!(
        rejected_with(&w.replicas[AMARA].ingest(vec![bad])),
        vec![Rejection::Forbidden(
            "a vote for an option the poll does not have".into()
        )]
    );
    let err = w.replicas[CHLOE].vote(t(200), id(7), &[id(555)]);
    assert!(
        matches!(err, Err(CoreError::InvalidInput(Problem::NoSuchOption))),
        "{err:?}"
    );
}

#[test]
fn a_single_choice_poll_takes_one_option_and_a_multiple_choice_poll_several() {
    let mut w = with_poll(false, false);
    let bad = forged_vote(&w, BRUNO, &[100, 101], 9);
    assert_eq!(
        rejected_with(&w.replicas[AMARA].ingest(vec![bad])),
        vec![Rejection::Forbidden(
            "more than one option in a single-choice poll".into()
        )]
    );
    let err = w.replicas[BRUNO].vote(t(200), id(7), &[id(100), id(101)]);
    assert!(
        matches!(err, Err(CoreError::InvalidInput(Problem::SingleChoice))),
        "{err:?}"
    );
    let mut w = with_poll(true, false);
    w.replicas[BRUNO]
        .vote(t(200), id(7), &[id(100), id(102)])
        .unwrap();
    w.sync_all();
    let p = &w.replicas[CHLOE].polls()[0];
    assert_eq!(p.vote_of(w.id_of(BRUNO)), vec![id(100), id(102)]);
    assert_eq!(p.voters(), 1);
}

#[test]
fn a_vote_made_after_the_close_is_refused_and_one_made_concurrently_counts() {
    let mut w = with_poll(false, false);
    // Chloé votes before she hears of the close: concurrent with it, so it counts.
    w.replicas[CHLOE].vote(t(150), id(7), &[id(100)]).unwrap();
    w.replicas[AMARA].close_poll(t(200), id(7)).unwrap();
    w.sync_all();
    let p = &w.replicas[BRUNO].polls()[0];
    assert!(p.closed.is_some());
    assert_eq!(p.options[0].voters, vec![w.id_of(CHLOE)]);
    // Bruno has seen the close; his vote is refused, by his own node and by every peer.
    let err = w.replicas[BRUNO].vote(t(300), id(7), &[id(101)]);
    assert!(
        matches!(err, Err(CoreError::InvalidInput(Problem::PollClosed))),
        "{err:?}"
    );
    let late = forged_vote(&w, BRUNO, &[101], 9);
    assert_eq!(
        rejected_with(&w.replicas[AMARA].ingest(vec![late])),
        vec![Rejection::Forbidden(
            "the poll was closed in this change's past".into()
        )]
    );
}

#[test]
fn a_late_vote_is_refused_in_the_batch_that_brings_the_poll_and_its_close() {
    // A fresh replica takes the whole history at once: the vote's past (the poll, its
    // close) arrives in the same batch and is applied before the vote is judged.
    let mut w = with_poll(false, false);
    w.replicas[AMARA].close_poll(t(200), id(7)).unwrap();
    w.sync_all();
    let late = forged_vote(&w, BRUNO, &[101], 9);
    let mut batch = w.replicas[AMARA].changes_since(&[]);
    batch.push(late);
    let mut fresh = Group::joining(w.replicas[AMARA].id(), key(9), [9; 8]);
    let report = fresh.ingest(batch);
    assert_eq!(report.rejected.len(), 1, "{report:?}");
    assert_eq!(fresh.polls()[0].voters(), 0);
    assert_eq!(fresh.heads(), w.replicas[AMARA].heads());
}

#[test]
fn the_creator_or_an_admin_closes_a_poll() {
    let mut w = with_poll(false, false);
    let err = w.replicas[BRUNO].close_poll(t(200), id(7));
    assert!(
        matches!(
            err,
            Err(CoreError::NotPermitted(Problem::OnlyCreatorOrAdmin))
        ),
        "{err:?}"
    );
    let forged = forge(&w.replicas[BRUNO], &key(2), [9; 8], None, |tx, doc| {
        let p = at(doc, &["polls", &hex(7)]);
        tx.put(&p, "closed", true).unwrap();
    });
    assert!(refused(&w.replicas[AMARA].ingest(vec![forged])));
    w.replicas[AMARA].close_poll(t(200), id(7)).unwrap();
    w.sync_all();
    assert!(w.replicas[BRUNO].polls()[0].closed.is_some());
}

#[test]
fn a_poll_has_two_to_twenty_options_and_members_add_them_only_when_it_is_open() {
    let mut w = two_members();
    let err = w.replicas[AMARA].create_poll(t(100), id(7), poll("Q", 1, false), ids(1));
    assert!(matches!(
        err,
        Err(CoreError::InvalidInput(Problem::PollOptions { .. }))
    ));
    let err = w.replicas[AMARA].create_poll(t(100), id(7), poll("Q", 21, false), ids(21));
    assert!(matches!(
        err,
        Err(CoreError::InvalidInput(Problem::PollOptions { .. }))
    ));
    let mut w = with_poll(false, false);
    let err = w.replicas[BRUNO].add_poll_option(t(200), id(7), id(300), "Sunday");
    assert!(
        matches!(err, Err(CoreError::NotPermitted(Problem::NoNewOptions))),
        "{err:?}"
    );
    let forged = forge(&w.replicas[BRUNO], &key(2), [9; 8], None, |tx, doc| {
        let o = at(doc, &["polls", &hex(7), "options"]);
        tx.put(&o, hex(300), "Sunday").unwrap();
    });
    assert!(refused(&w.replicas[AMARA].ingest(vec![forged])));
    let mut w = with_poll(false, true);
    w.replicas[BRUNO]
        .add_poll_option(t(200), id(7), id(300), "Sunday")
        .unwrap();
    w.sync_all();
    let p = &w.replicas[CHLOE].polls()[0];
    assert_eq!(p.options.last().map(|o| o.text.as_str()), Some("Sunday"));
}

#[test]
fn any_member_takes_a_task_and_only_those_on_it_change_it() {
    let mut w = two_members();
    w.replicas[AMARA]
        .add_task(t(100), id(5), "Print flyers", "", None)
        .unwrap();
    w.sync_all();
    // Chloé is not on it: refused locally and by every peer.
    let err = w.replicas[CHLOE].set_task_status(t(200), id(5), Status::Done);
    assert!(
        matches!(err, Err(CoreError::NotPermitted(Problem::NotOnTask))),
        "{err:?}"
    );
    let forged = forge(&w.replicas[CHLOE], &key(3), [9; 8], None, |tx, doc| {
        let task = at(doc, &["tasks", &hex(5)]);
        tx.put(&task, "status", "done").unwrap();
    });
    assert!(refused(&w.replicas[AMARA].ingest(vec![forged])));
    // Bruno takes it, then marks it done.
    w.replicas[BRUNO].take_task(t(200), id(5), true).unwrap();
    w.replicas[BRUNO]
        .set_task_status(t(300), id(5), Status::Done)
        .unwrap();
    w.sync_all();
    let task = &w.replicas[CHLOE].tasks()[0];
    assert_eq!(task.assignees, vec![w.id_of(BRUNO)]);
    assert_eq!(task.status, Status::Done);
    // Chloé cannot put Bruno off it.
    let bruno = w.id_of(BRUNO).to_hex();
    let forged = forge(&w.replicas[CHLOE], &key(3), [8; 8], None, |tx, doc| {
        let list = at(doc, &["tasks", &hex(5), "assignees"]);
        tx.delete(&list, bruno.as_str()).unwrap();
    });
    assert!(refused(&w.replicas[AMARA].ingest(vec![forged])));
}

fn shift(places: u32) -> ShiftDraft {
    ShiftDraft {
        title: "Market stand".into(),
        notes: String::new(),
        when: when(10, 2),
        places,
    }
}

#[test]
fn a_full_shift_refuses_a_sign_up_made_after_it_filled() {
    let mut w = two_members();
    w.replicas[AMARA]
        .create_shift(t(100), id(9), shift(1))
        .unwrap();
    w.sync_all();
    w.replicas[BRUNO].join_shift(t(200), id(9), true).unwrap();
    w.sync_all();
    let err = w.replicas[CHLOE].join_shift(t(300), id(9), true);
    assert!(
        matches!(err, Err(CoreError::InvalidInput(Problem::ShiftFull))),
        "{err:?}"
    );
    let chloe = w.id_of(CHLOE).to_hex();
    let forged = forge(&w.replicas[CHLOE], &key(3), [9; 8], None, |tx, doc| {
        let list = at(doc, &["shifts", &hex(9), "signups"]);
        tx.put(&list, chloe.as_str(), true).unwrap();
    });
    assert_eq!(
        rejected_with(&w.replicas[AMARA].ingest(vec![forged])),
        vec![Rejection::Forbidden(
            "the shift was full in the sign-up's past".into()
        )]
    );
    // Once Bruno withdraws, Chloé signs up.
    w.replicas[BRUNO].join_shift(t(400), id(9), false).unwrap();
    w.sync_all();
    w.replicas[CHLOE].join_shift(t(500), id(9), true).unwrap();
    w.sync_all();
    assert_eq!(w.replicas[AMARA].shifts()[0].placed(), [w.id_of(CHLOE)]);
}

#[test]
fn two_sign_ups_for_the_last_place_at_once_resolve_the_same_everywhere() {
    let mut w = two_members();
    w.replicas[AMARA]
        .create_shift(t(100), id(9), shift(1))
        .unwrap();
    w.sync_all();
    w.replicas[BRUNO].join_shift(t(200), id(9), true).unwrap();
    w.replicas[CHLOE].join_shift(t(200), id(9), true).unwrap();
    w.send(BRUNO, CHLOE);
    w.send(CHLOE, BRUNO);
    w.sync_all();
    let placed: Vec<_> = w
        .replicas
        .iter()
        .map(|g| g.shifts()[0].placed().to_vec())
        .collect();
    assert_eq!(placed[0].len(), 1);
    assert!(placed.iter().all(|p| *p == placed[0]));
    assert_eq!(w.replicas[AMARA].shifts()[0].standing_by().len(), 1);
    // A sign-up in someone else's name is refused.
    let bruno = w.id_of(BRUNO).to_hex();
    let forged = forge(&w.replicas[CHLOE], &key(3), [9; 8], None, |tx, doc| {
        let list = at(doc, &["shifts", &hex(9), "signups"]);
        tx.delete(&list, bruno.as_str()).unwrap();
    });
    assert_eq!(
        rejected_with(&w.replicas[AMARA].ingest(vec![forged])),
        vec![Rejection::Forbidden(
            "a member signs up in their own name only".into()
        )]
    );
}

#[test]
fn a_member_cannot_bring_the_campaign_kit_to_a_group_that_lacks_it() {
    let mut w = two_members();
    let err = w.replicas[BRUNO].create_event(t(100), id(1), draft("Mine", None));
    assert!(
        matches!(err, Err(CoreError::NotPermitted(Problem::NeedsUpgrade))),
        "{err:?}"
    );
    let made = w.replicas[AMARA]
        .create_event(t(100), id(1), draft("Ours", None))
        .unwrap();
    assert!(made.len() >= 2, "the upgrades, then the event");
}
