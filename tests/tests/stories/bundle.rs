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
