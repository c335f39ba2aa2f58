//! The USB story on real nodes: Bruno's laptop never meets Amara's. What he writes offline
//! goes onto a stick as a bundle; Chloé's node reads it at the workshop and passes it on to
//! Amara's, whom it reaches, as it passes on news from any member. The test waits for events,
//! never sleeps.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use causeway_tests::*;

use causeway_sync::control::{Output, Request, execute};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bundle_carried_by_chloe_brings_what_bruno_wrote_to_amara() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let ([amara, bruno, chloe], group) = invited_trio(&dirs, "Workshop").await;

    // Offline from here on, Bruno writes; his bundle holds what Chloé lacks.
    bruno.set_live(false);
    post_offline(&bruno, group, "I can bring the van on Saturday");
    let stick = tempfile::tempdir().unwrap();
    let file = stick.path().join("workshop.cwbundle");
    let wrote = bounded(
        "Bruno writes the bundle",
        execute(
            &bruno,
            Request::BundleWrite {
                group,
                file: file.clone(),
                for_member: Some(chloe.device_id()),
            },
        ),
    )
    .await
    .unwrap();
    assert!(
        matches!(wrote, Output::BundleWritten(ref b) if b.changes >= 1),
        "{wrote:?}"
    );
    bruno.shutdown().await;

    let van = "I can bring the van on Saturday".to_string();
    assert!(!bodies(&amara, group).contains(&van));
    assert!(!bodies(&chloe, group).contains(&van));

    // Chloé reads the stick; her node passes it on to Amara's.
    let mut ea = amara.subscribe();
    let read = bounded(
        "Chloé reads the bundle",
        execute(&chloe, Request::BundleRead { file }),
    )
    .await
    .unwrap();
    match read {
        Output::BundleRead(r) => {
            assert_eq!(r.group_id, group);
            assert_eq!(r.taken.accepted, 1, "{r:?}");
            assert_eq!(r.taken.refused, 0, "{r:?}");
        }
        other => panic!("{other:?}"),
    }
    until("Bruno's post at Amara's", &mut ea, || {
        bodies(&amara, group).contains(&van)
    })
    .await;
    for n in [amara, chloe] {
        n.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_answer_given_offline_reaches_the_organiser_on_a_stick() {
    use causeway_core::view::{EventDraft, Rsvp, When};
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let ([amara, bruno, chloe], group) = invited_trio(&dirs, "Workshop").await;
    let event = causeway_sync::new_item_id().unwrap();
    let draft = EventDraft {
        title: "Repair café".into(),
        body: String::new(),
        lang: "en".into(),
        when: When {
            start: causeway_core::Timestamp(1_797_000_000_000),
            end: causeway_core::Timestamp(1_797_007_200_000),
            zone: "Europe/Lisbon".into(),
            all_day: false,
        },
        place: "The library".into(),
        online: String::new(),
        capacity: None,
    };
    amara
        .act_all(group, |g, now| g.create_event(now, event, draft))
        .unwrap();
    let mut eb = bruno.subscribe();
    until("the event at Bruno's", &mut eb, || {
        bruno
            .local_state(|n| n.group(&group).is_some_and(|g| !g.events().is_empty()))
            .unwrap()
    })
    .await;

    // Bruno, offline for good, answers; his answer goes onto the stick.
    bruno.set_live(false);
    bruno
        .local_state(|n| n.act(&group, |g, now| g.answer_event(now, event, Rsvp::Yes)))
        .unwrap()
        .unwrap();
    let stick = tempfile::tempdir().unwrap();
    let file = stick.path().join("answers.cwbundle");
    bounded(
        "Bruno writes the bundle",
        execute(
            &bruno,
            Request::BundleWrite {
                group,
                file: file.clone(),
                for_member: Some(chloe.device_id()),
            },
        ),
    )
    .await
    .unwrap();
    let bruno_id = bruno.device_id();
    bruno.shutdown().await;

    let mut ea = amara.subscribe();
    bounded(
        "Chloé reads the bundle",
        execute(&chloe, Request::BundleRead { file }),
    )
    .await
    .unwrap();
    until("Bruno's answer at Amara's", &mut ea, || {
        amara
            .local_state(|n| {
                n.group(&group).is_some_and(|g| {
                    g.events()
                        .first()
                        .is_some_and(|e| e.answer_of(bruno_id) == Some(Rsvp::Yes))
                })
            })
            .unwrap()
    })
    .await;
    for n in [amara, chloe] {
        n.shutdown().await;
    }
}
