//! The clean-up on real nodes: Amara creates it with two places and takes one; Bruno answers
//! while offline and Chloé while online; once they meet, all three devices show the same
//! counts and give the last place to the same person. Amara moves the date and both see where
//! it went from. Every await is bounded; the test waits for events, never sleeps.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use causeway_core::view::{Event, Rsvp};
use causeway_core::{GroupId, ItemId};
use causeway_sync::Node;
use causeway_sync::control::{KitRequest, Output, Request, execute};
use causeway_tests::*;

fn kit(group: GroupId, req: KitRequest) -> Request {
    Request::Kit {
        group,
        req: Box::new(req),
    }
}

/// The group's first event on `node`, if it has arrived.
fn event(node: &Node, group: GroupId) -> Option<Event> {
    node.local_state(|n| n.group(&group).and_then(|g| g.events().into_iter().next()))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_agree_on_three_devices_and_a_moved_date_reaches_everyone() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let ([amara, bruno, chloe], group) = invited_trio(&dirs, "Clean River").await;
    let (mut eb, mut ec) = (bruno.subscribe(), chloe.subscribe());

    let made = bounded(
        "Amara creates the clean-up",
        execute(
            &amara,
            kit(
                group,
                KitRequest::EventCreate {
                    title: "Saturday clean-up".into(),
                    body: "Gloves and bags provided".into(),
                    start: "2026-12-12 10:00".into(),
                    end: Some("2026-12-12 12:30".into()),
                    zone: Some("Europe/Paris".into()),
                    place: "The old bridge".into(),
                    online: String::new(),
                    capacity: Some(2),
                },
            ),
        ),
    )
    .await
    .unwrap();
    let Output::Item(made) = made else {
        panic!("{made:?}")
    };
    let id: ItemId = made.item_id;
    let answer = |rsvp| kit(group, KitRequest::EventRsvp { event: id, rsvp });
    bounded("Amara answers", execute(&amara, answer(Rsvp::Yes)))
        .await
        .unwrap();
    until("the clean-up at Bruno's", &mut eb, || {
        event(&bruno, group).is_some_and(|e| e.answers.len() == 1)
    })
    .await;
    until("the clean-up at Chloé's", &mut ec, || {
        event(&chloe, group).is_some_and(|e| e.answers.len() == 1)
    })
    .await;

    // Bruno is offline: his answer stays on his laptop. Chloé answers online.
    bruno.set_live(false);
    bruno
        .local_state(|n| n.act(&group, |g, now| g.answer_event(now, id, Rsvp::Yes)))
        .unwrap()
        .unwrap();
    bounded("Chloé answers", execute(&chloe, answer(Rsvp::Yes)))
        .await
        .unwrap();
    let mut ea = amara.subscribe();
    until("Chloé's answer at Amara's", &mut ea, || {
        event(&amara, group).is_some_and(|e| e.answers.len() == 2)
    })
    .await;

    // They meet: Bruno syncs with both.
    bruno.set_live(true);
    bounded(
        "Bruno meets Amara",
        bruno.sync_group(group, &amara.address()),
    )
    .await
    .unwrap();
    bounded(
        "Bruno meets Chloé",
        bruno.sync_group(group, &chloe.address()),
    )
    .await
    .unwrap();
    until("every answer at Chloé's", &mut ec, || {
        event(&chloe, group).is_some_and(|e| e.answers.len() == 3)
    })
    .await;
    let seen: Vec<Event> = [&amara, &bruno, &chloe]
        .iter()
        .map(|n| event(n, group).unwrap())
        .collect();
    for e in &seen {
        assert_eq!(e.counts(), (2, 1, 0, 0), "{e:?}");
        assert_eq!(e.going(), seen[0].going());
        assert_eq!(e.waiting(), seen[0].waiting());
    }
    assert_eq!(seen[0].going()[0], amara.device_id());
    let last = seen[0].going()[1];
    assert!(last == bruno.device_id() || last == chloe.device_id());

    // Amara moves it to Sunday; both see the new date and where it moved from.
    let (mut eb, mut ec) = (bruno.subscribe(), chloe.subscribe());
    let before = seen[0].draft.when.start;
    bounded(
        "Amara moves the clean-up",
        execute(
            &amara,
            kit(
                group,
                KitRequest::EventEdit {
                    event: id,
                    title: None,
                    body: None,
                    start: Some("2026-12-13 10:00".into()),
                    end: None,
                    zone: None,
                    place: None,
                    online: None,
                    capacity: None,
                },
            ),
        ),
    )
    .await
    .unwrap();
    let moved = |n: &Node| {
        event(n, group).is_some_and(|e| {
            e.moved_from == Some(before) && e.draft.when.start.0 == before.0 + 86_400_000
        })
    };
    until("the new date at Bruno's", &mut eb, || moved(&bruno)).await;
    until("the new date at Chloé's", &mut ec, || moved(&chloe)).await;
    let e = event(&chloe, group).unwrap();
    assert_eq!(
        e.draft.when.end.0 - e.draft.when.start.0,
        150 * 60_000,
        "the length stays"
    );
    for n in [amara, bruno, chloe] {
        n.shutdown().await;
    }
}
