//! Joining with invites, between real iroh endpoints on 127.0.0.1 (no relay, no lookup).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use causeway_tests::*;

use causeway_core::{GroupId, Timestamp, Visibility};
use causeway_sync::invites::{JoinRefusal, Ticket};
use causeway_sync::{Network, SyncError, now};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bruno_joins_with_a_ticket_and_chloe_later_receives_the_whole_history() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let amara = person(dirs[0].path(), "Amara", Network::Loopback).await;
    let bruno = person(dirs[1].path(), "Bruno", Network::Loopback).await;
    let chloe = person(dirs[2].path(), "Chloé", Network::Loopback).await;
    let group = create_group(&amara, "River clean-up", Visibility::Invite);
    let ticket = amara.create_invite(group, Some(5), None).unwrap();

    let (joined, outcome) = bounded("Bruno joins", bruno.join(&ticket)).await.unwrap();
    assert_eq!(joined, group);
    assert!(outcome.unwrap().received >= 2);
    let names: Vec<String> = bruno
        .local_state(|n| {
            n.group(&group)
                .unwrap()
                .members()
                .into_iter()
                .map(|m| m.name)
                .collect()
        })
        .unwrap();
    assert_eq!(names, vec!["Amara".to_string(), "Bruno".into()]);

    post_offline(&amara, group, "from Amara");
    post_offline(&bruno, group, "from Bruno");
    bounded("sync", bruno.sync_group(group, &amara.address()))
        .await
        .unwrap();
    assert_eq!(
        bodies(&amara, group),
        vec!["from Amara".to_string(), "from Bruno".into()]
    );
    assert_eq!(bodies(&bruno, group), bodies(&amara, group));

    // Chloé joins later with the same ticket and receives everything, Bruno's post included.
    bounded("Chloé joins", chloe.join(&ticket)).await.unwrap();
    assert_eq!(bodies(&chloe, group), bodies(&amara, group));
    assert_eq!(amara.local_state(|n| n.invites(&group)[0].used).unwrap(), 2);
    for n in [amara, bruno, chloe] {
        bounded("shutdown", n.shutdown()).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn expired_used_up_revoked_and_forged_tickets_are_refused_with_a_sentence() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let amara = person(dirs[0].path(), "Amara", Network::Loopback).await;
    let bruno = person(dirs[1].path(), "Bruno", Network::Loopback).await;
    let chloe = person(dirs[2].path(), "Chloé", Network::Loopback).await;
    let group = create_group(&amara, "River clean-up", Visibility::Invite);
    let refused = |r: Result<(GroupId, Option<causeway_sync::SyncOutcome>), SyncError>| match r {
        Err(SyncError::JoinRefused(why)) => why,
        other => panic!("expected a refusal, got {other:?}"),
    };

    let expired = amara
        .create_invite(group, None, Some(Timestamp(now().0 - 1)))
        .unwrap();
    assert_eq!(
        refused(bounded("expired", bruno.join(&expired)).await),
        JoinRefusal::Expired
    );

    let once = amara.create_invite(group, Some(1), None).unwrap();
    bounded("first use", bruno.join(&once)).await.unwrap();
    assert_eq!(
        refused(bounded("second use", chloe.join(&once)).await),
        JoinRefusal::UsedUp
    );

    let revoked = amara.create_invite(group, None, None).unwrap();
    assert!(amara.revoke_invite(&revoked).unwrap());
    let err = bounded("revoked", chloe.join(&revoked)).await.unwrap_err();
    assert!(
        err.to_string().contains("withdrawn; ask for a new one"),
        "{err}"
    );

    let mut forged = Ticket::parse(&amara.create_invite(group, None, None).unwrap()).unwrap();
    forged.secret[0] ^= 1;
    assert_eq!(
        refused(bounded("forged", chloe.join(&forged.to_text())).await),
        JoinRefusal::Unknown
    );

    // None of this let Chloé in or showed her anything.
    assert!(
        chloe
            .local_state(|n| n.group(&group).unwrap().info().is_none())
            .unwrap()
    );
    assert!(
        amara
            .local_state(|n| n
                .group(&group)
                .unwrap()
                .role_of(chloe.device_id())
                .is_none())
            .unwrap()
    );
    // A ticket that is not one gets a sentence, without any network traffic.
    let bad = bounded("garbage", chloe.join("cw1abc")).await.unwrap_err();
    assert!(
        bad.to_string().contains("copy the whole invite again"),
        "{bad}"
    );
    for n in [amara, bruno, chloe] {
        bounded("shutdown", n.shutdown()).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn in_a_request_to_join_group_an_admin_approves_before_the_joiner_gets_anything() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let amara = person(da.path(), "Amara", Network::Loopback).await;
    let dara = person(db.path(), "Dara", Network::Loopback).await;
    let group = create_group(&amara, "River clean-up", Visibility::Request);
    post_offline(&amara, group, "members only");
    let ticket = amara.create_invite(group, None, None).unwrap();
    let (_, outcome) = bounded("request", dara.join(&ticket)).await.unwrap();
    assert!(outcome.is_none(), "waits for approval");
    assert!(bodies(&dara, group).is_empty());
    let pending = amara.local_state(|n| n.pending_requests(&group)).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].name, "Dara");
    // Before approval, syncing is refused.
    assert!(
        bounded("early sync", dara.sync_group(group, &amara.address()))
            .await
            .is_err()
    );
    amara.approve_request(group, dara.device_id()).unwrap();
    // Dara's copy has no history yet, so no member list: her round goes to the device that
    // invited her, as the ticket said.
    let round = bounded("sync", dara.sync_members(group)).await.unwrap();
    assert_eq!(round.len(), 1);
    assert_eq!(round[0].0, amara.device_id());
    assert!(round[0].1.is_ok(), "{round:?}");
    assert_eq!(bodies(&dara, group), vec!["members only".to_string()]);
    for n in [amara, dara] {
        bounded("shutdown", n.shutdown()).await;
    }
}
