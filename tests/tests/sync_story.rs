//! Amara and Bruno sync a group between two real iroh endpoints on 127.0.0.1 (no relay, no
//! address lookup, nothing leaves the machine). Every await is bounded.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use causeway_tests::*;

use causeway_core::{Role, Visibility};
use causeway_sync::protocols::group_sync::wire::RefuseCode;
use causeway_sync::{LocalNode, Network, Node, SyncError};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn amara_and_bruno_share_a_group_over_real_endpoints_and_outsiders_get_nothing() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let amara = person(dirs[0].path(), "Amara", Network::Loopback).await;
    let bruno = person(dirs[1].path(), "Bruno", Network::Loopback).await;
    let chloe = person(dirs[2].path(), "Chloé", Network::Loopback).await;

    // Amara creates the group and adds Bruno (invites come with the join protocol).
    let group = create_group(&amara, "River clean-up", Visibility::Invite);
    let b = bruno.device_id();
    amara
        .local(|n| n.act(&group, |g, now| g.add_member(now, b, "Bruno", Role::Member)))
        .unwrap()
        .unwrap();
    post_offline(&amara, group, "Saturday at the bridge");

    // Bruno receives the whole group in one session.
    bruno
        .local(|n| n.prepare_join(group, amara.device_id()))
        .unwrap()
        .unwrap();
    let mut events = bruno.subscribe();
    let first = bounded("first sync", bruno.sync_group(group, &amara.address()))
        .await
        .unwrap();
    assert_eq!(first.rejected, 0);
    assert!(
        first.received >= 3,
        "genesis, Bruno's addition, the post: {first:?}"
    );
    bounded("the change event", events.recv()).await.unwrap();
    assert_eq!(
        bruno
            .local(|n| n.group(&group).unwrap().info().unwrap().name)
            .unwrap(),
        "River clean-up"
    );

    // Both post while apart, then meet again: both feeds show both posts.
    post_offline(&bruno, group, "I'll bring gloves");
    post_offline(&amara, group, "And bags");
    let second = bounded("second sync", bruno.sync_group(group, &amara.address()))
        .await
        .unwrap();
    assert_eq!((second.received, second.sent, second.rejected), (1, 1, 0));
    let expected = vec![
        "And bags".to_string(),
        "I'll bring gloves".into(),
        "Saturday at the bridge".into(),
    ];
    assert_eq!(bodies(&amara, group), expected);
    assert_eq!(bodies(&bruno, group), expected);

    // A reconnect with nothing new moves nothing.
    let idle = bounded("idle sync", bruno.sync_group(group, &amara.address()))
        .await
        .unwrap();
    assert_eq!((idle.received, idle.sent), (0, 0));

    // Chloé is not a member: refused, and she learns nothing about the group.
    chloe
        .local(|n| n.prepare_join(group, amara.device_id()))
        .unwrap()
        .unwrap();
    let refused = bounded("outsider sync", chloe.sync_group(group, &amara.address())).await;
    assert!(
        matches!(refused, Err(SyncError::Refused(RefuseCode::NotAMember))),
        "{refused:?}"
    );
    assert!(
        chloe
            .local(|n| n.group(&group).unwrap().info().is_none())
            .unwrap()
    );
    assert_eq!(
        chloe
            .local(|n| n.group(&group).unwrap().change_count())
            .unwrap(),
        0
    );

    // Once removed, Bruno can no longer sync with Amara.
    amara
        .local(|n| n.act(&group, |g, now| g.remove_member(now, b, "moved away")))
        .unwrap()
        .unwrap();
    let after = bounded(
        "removed member sync",
        bruno.sync_group(group, &amara.address()),
    )
    .await;
    assert!(
        matches!(after, Err(SyncError::Refused(RefuseCode::NotAMember))),
        "{after:?}"
    );

    for n in [amara, bruno, chloe] {
        bounded("shutdown", n.shutdown()).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_restarts_with_everything_and_syncs_again() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let amara = person(da.path(), "Amara", Network::Loopback).await;
    let group = create_group(&amara, "Workshop", Visibility::Open);
    let bruno = person(db.path(), "Bruno", Network::Loopback).await;
    let b = bruno.device_id();
    amara
        .local(|n| n.act(&group, |g, now| g.add_member(now, b, "Bruno", Role::Member)))
        .unwrap()
        .unwrap();
    bruno
        .local(|n| n.prepare_join(group, amara.device_id()))
        .unwrap()
        .unwrap();
    bounded("sync", bruno.sync_group(group, &amara.address()))
        .await
        .unwrap();
    post_offline(&bruno, group, "before the restart");
    bounded("sync", bruno.sync_group(group, &amara.address()))
        .await
        .unwrap();

    // Amara's node stops (the data folder is released) and starts again on the same folder.
    bounded("shutdown", amara.shutdown()).await;
    drop(amara);
    let amara = bounded(
        "restart",
        Node::start(LocalNode::open(da.path()).unwrap(), Network::Loopback),
    )
    .await
    .unwrap();
    assert_eq!(
        bodies(&amara, group),
        vec!["before the restart".to_string()]
    );
    post_offline(&bruno, group, "after the restart");
    let outcome = bounded(
        "sync after restart",
        bruno.sync_group(group, &amara.address()),
    )
    .await
    .unwrap();
    assert_eq!(outcome.sent, 1);
    assert_eq!(
        bodies(&amara, group),
        vec!["after the restart".to_string(), "before the restart".into()]
    );
    bounded("shutdown", amara.shutdown()).await;
    bounded("shutdown", bruno.shutdown()).await;
}
