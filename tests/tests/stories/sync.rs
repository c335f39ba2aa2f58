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
        .local_state(|n| n.act(&group, |g, now| g.add_member(now, b, "Bruno", Role::Member)))
        .unwrap()
        .unwrap();
    post_offline(&amara, group, "Saturday at the bridge");

    // Bruno receives the whole group in one session.
    bruno
        .local_state(|n| n.prepare_join(group, amara.device_id()))
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
            .local_state(|n| n.group(&group).unwrap().info().unwrap().name)
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
        .local_state(|n| n.prepare_join(group, amara.device_id()))
        .unwrap()
        .unwrap();
    let refused = bounded("outsider sync", chloe.sync_group(group, &amara.address())).await;
    assert!(
        matches!(refused, Err(SyncError::Refused(RefuseCode::NotAMember))),
        "{refused:?}"
    );
    assert!(
        chloe
            .local_state(|n| n.group(&group).unwrap().info().is_none())
            .unwrap()
    );
    assert_eq!(
        chloe
            .local_state(|n| n.group(&group).unwrap().change_count())
            .unwrap(),
        0
    );

    // Once removed, Bruno can no longer sync with Amara; his device is told of the removal.
    amara
        .local_state(|n| n.act(&group, |g, now| g.remove_member(now, b, "moved away")))
        .unwrap()
        .unwrap();
    let after = bounded(
        "removed member sync",
        bruno.sync_group(group, &amara.address()),
    )
    .await;
    assert!(
        matches!(after, Err(SyncError::Refused(RefuseCode::Removed))),
        "{after:?}"
    );
    assert_eq!(
        bruno
            .local_state(|n| n.group(&group).unwrap().my_role())
            .unwrap(),
        None
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
        .local_state(|n| n.act(&group, |g, now| g.add_member(now, b, "Bruno", Role::Member)))
        .unwrap()
        .unwrap();
    bruno
        .local_state(|n| n.prepare_join(group, amara.device_id()))
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_round_checks_every_group_at_once_and_syncs_only_those_that_differ() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let amara = person(dirs[0].path(), "Amara", Network::Loopback).await;
    let bruno = person(dirs[1].path(), "Bruno", Network::Loopback).await;
    let chloe = person(dirs[2].path(), "Chloé", Network::Loopback).await;
    let b = bruno.device_id();
    let groups: Vec<_> = ["Repair café", "Food bank", "Choir"]
        .iter()
        .map(|name| {
            let g = create_group(&amara, name, Visibility::Invite);
            amara
                .local_state(|n| n.act(&g, |x, now| x.add_member(now, b, "Bruno", Role::Member)))
                .unwrap()
                .unwrap();
            bruno
                .local_state(|n| n.prepare_join(g, amara.device_id()))
                .unwrap()
                .unwrap();
            g
        })
        .collect();

    // The first round: nothing is the same yet, so every group gets a session.
    let first = bounded("first round", bruno.sync_peer(&amara.address(), &groups))
        .await
        .unwrap();
    assert_eq!((first.checked, first.same, first.sessions.len()), (3, 0, 3));
    assert!(first.sessions.iter().all(|(_, r)| r.is_ok()), "{first:?}");

    // Nothing changed: one check, no session, a few dozen bytes per group.
    let idle = bounded("idle round", bruno.sync_peer(&amara.address(), &groups))
        .await
        .unwrap();
    assert_eq!((idle.same, idle.sessions.len()), (3, 0));
    assert!(
        idle.bytes_sent + idle.bytes_received < 3 * 60,
        "an idle round moved {} bytes",
        idle.bytes_sent + idle.bytes_received
    );

    // Amara posts in one group: only that one is synced.
    post_offline(&amara, groups[1], "Open on Tuesday");
    let next = bounded(
        "round after a post",
        bruno.sync_peer(&amara.address(), &groups),
    )
    .await
    .unwrap();
    assert_eq!(next.same, 2);
    assert_eq!(next.sessions.len(), 1);
    assert_eq!(next.sessions[0].0, groups[1]);
    assert_eq!(
        bodies(&bruno, groups[1]),
        vec!["Open on Tuesday".to_string()]
    );

    // Chloé is no member: her check says nothing is the same, and each session is refused.
    for g in &groups {
        chloe
            .local_state(|n| n.prepare_join(*g, amara.device_id()))
            .unwrap()
            .unwrap();
    }
    let outsider = bounded("outsider round", chloe.sync_peer(&amara.address(), &groups))
        .await
        .unwrap();
    assert_eq!(outsider.same, 0);
    assert!(
        outsider
            .sessions
            .iter()
            .all(|(_, r)| matches!(r, Err(SyncError::Refused(RefuseCode::NotAMember))))
    );
    for n in [amara, bruno, chloe] {
        bounded("shutdown", n.shutdown()).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fresh_member_of_a_big_group_gets_the_whole_document_in_one_piece() {
    use causeway_core::{DeviceKey, Group, ItemId, Timestamp};
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let amara = person(da.path(), "Amara", Network::Loopback).await;
    let bruno = person(db.path(), "Bruno", Network::Loopback).await;
    let group = create_group(&amara, "Archive", Visibility::Invite);
    let writer = DeviceKey::from_bytes(&[42; 32]);
    for (id, name) in [(bruno.device_id(), "Bruno"), (writer.id(), "Writer")] {
        amara
            .local_state(|n| n.act(&group, |g, now| g.add_member(now, id, name, Role::Member)))
            .unwrap()
            .unwrap();
    }
    // A member wrote 1,100 posts elsewhere; Amara's device holds them all.
    let mut elsewhere = Group::joining(group, writer, [42; 8]);
    elsewhere.ingest(
        amara
            .local_state(|n| n.group(&group).unwrap().changes_since(&[]))
            .unwrap(),
    );
    for i in 0..1100u64 {
        elsewhere
            .post(
                Timestamp(i as i64),
                ItemId::from_u64(i + 1),
                "",
                &format!("post {i}"),
                "en",
            )
            .unwrap();
    }
    let report = amara
        .local_state(|n| n.ingest(&group, elsewhere.changes_since(&[])))
        .unwrap()
        .unwrap();
    assert!(report.rejected.is_empty() && report.waiting.is_empty());
    let (count, raw) = amara
        .local_state(|n| {
            let g = n.group(&group).unwrap();
            let raw: usize = g.changes_since(&[]).iter().map(|c| c.bytes.len()).sum();
            (g.change_count(), raw)
        })
        .unwrap();

    bruno
        .local_state(|n| n.prepare_join(group, amara.device_id()))
        .unwrap()
        .unwrap();
    let first = bounded("catching up", bruno.sync_group(group, &amara.address()))
        .await
        .unwrap();
    assert_eq!(
        (first.received, first.rejected, first.waiting),
        (count, 0, 0)
    );
    // One compressed document, not the changes one by one.
    assert!(
        (first.bytes_received as usize) < raw / 2,
        "{} bytes for {raw} bytes of changes",
        first.bytes_received
    );
    assert_eq!(bodies(&bruno, group), bodies(&amara, group));

    // Bruno's device kept the document as its snapshot: a restart has everything, and the
    // group goes on as usual.
    bounded("shutdown", bruno.shutdown()).await;
    drop(bruno);
    let bruno = bounded(
        "restart",
        Node::start(LocalNode::open(db.path()).unwrap(), Network::Loopback),
    )
    .await
    .unwrap();
    assert_eq!(bodies(&bruno, group).len(), 1100);
    post_offline(&bruno, group, "thanks for the archive");
    let next = bounded("sync after", bruno.sync_group(group, &amara.address()))
        .await
        .unwrap();
    assert_eq!((next.sent, next.received), (1, 0));
    assert_eq!(bodies(&amara, group).len(), 1101);
    bounded("shutdown", amara.shutdown()).await;
    bounded("shutdown", bruno.shutdown()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_round_tries_every_member_at_once_and_tells_each_outcome_as_it_ends() {
    let dirs: Vec<_> = (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    let (amara, bruno, group) = invited_pair(dirs[0].path(), dirs[1].path(), "Choir").await;
    // Sam's device is up, takes connections, and never answers one.
    let (sam_router, sam_at) = causeway_tests::hostile::silent_member([0x5a; 32]).await;
    let sam_id = sam_at.id;
    amara
        .act(group, |g, now| {
            g.add_member(now, sam_id, "Sam", Role::Member)
        })
        .unwrap();
    post_offline(&amara, group, "Rehearsal at 7");
    // Bruno's device knows where Sam's is (as after a session with it).
    bruno
        .local_state(|n| n.remember_address(&sam_at))
        .unwrap()
        .unwrap();
    bounded(
        "Bruno hears of Sam",
        bruno.sync_group(group, &amara.address()),
    )
    .await
    .unwrap();

    let mut heard = Vec::new();
    let within = std::time::Duration::from_secs(3);
    let round = bounded(
        "a round with a silent member",
        bruno.sync_round(Some(group), within, |m| {
            heard.push((m.name.clone(), m.result.is_ok()))
        }),
    )
    .await
    .unwrap();
    // Amara's outcome came as soon as it was known, while Sam's device was still silent;
    // Sam's came when the round's time was over, named, as not reached.
    assert_eq!(
        heard,
        vec![("Amara".to_string(), true), ("Sam".to_string(), false)]
    );
    let sam_result = &round.iter().find(|m| m.member == sam_id).unwrap().result;
    assert!(
        matches!(sam_result, Err(SyncError::Unreachable(why)) if why.contains("did not answer within 3 s")),
        "{sam_result:?}"
    );
    sam_router.shutdown().await.unwrap();
    for n in [amara, bruno] {
        bounded("shutdown", n.shutdown()).await;
    }
}
