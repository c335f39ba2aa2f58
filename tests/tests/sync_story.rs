//! Amara and Bruno sync a group between two real iroh endpoints on 127.0.0.1 (no relay, no
//! address lookup, nothing leaves the machine). Every await is bounded.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::future::Future;
use std::time::Duration;

use causeway_core::{GroupId, NewGroup, Profile, Role, Visibility};
use causeway_sync::protocols::group_sync::wire::RefuseCode;
use causeway_sync::{LocalNode, Network, Node, SyncError, new_item_id};

async fn bounded<T>(what: &str, f: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), f)
        .await
        .unwrap_or_else(|_| panic!("{what} took over 30 s"))
}

async fn person(dir: &std::path::Path, name: &str) -> Node {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_test_writer()
        .try_init();
    let mut local = LocalNode::open(dir).unwrap();
    local
        .set_profile(Profile {
            display_name: name.into(),
            ..Profile::default()
        })
        .unwrap();
    bounded("starting a node", Node::start(local, Network::Loopback))
        .await
        .unwrap()
}

fn post(node: &Node, group: GroupId, body: &str) {
    let item = new_item_id().unwrap();
    node.local(|n| n.act(&group, |g, now| g.post(now, item, "", body, "en")))
        .unwrap()
        .unwrap();
}

fn bodies(node: &Node, group: GroupId) -> Vec<String> {
    let mut v: Vec<String> = node
        .local(|n| {
            n.group(&group)
                .unwrap()
                .posts()
                .into_iter()
                .map(|p| p.body)
                .collect()
        })
        .unwrap();
    v.sort();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn amara_and_bruno_share_a_group_over_real_endpoints_and_outsiders_get_nothing() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let amara = person(dirs[0].path(), "Amara").await;
    let bruno = person(dirs[1].path(), "Bruno").await;
    let chloe = person(dirs[2].path(), "Chloé").await;

    // Amara creates the group and adds Bruno (invites come with the join protocol).
    let group = amara
        .local(|n| {
            n.create_group(&NewGroup {
                name: "River clean-up".into(),
                mission: "Clean water".into(),
                causes: vec![],
                region: String::new(),
                languages: vec![],
                visibility: Visibility::Invite,
            })
        })
        .unwrap()
        .unwrap();
    let b = bruno.device_id();
    amara
        .local(|n| n.act(&group, |g, now| g.add_member(now, b, "Bruno", Role::Member)))
        .unwrap()
        .unwrap();
    post(&amara, group, "Saturday at the bridge");

    // Bruno receives the whole group in one session.
    bruno.local(|n| n.prepare_join(group)).unwrap().unwrap();
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
    post(&bruno, group, "I'll bring gloves");
    post(&amara, group, "And bags");
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
    chloe.local(|n| n.prepare_join(group)).unwrap().unwrap();
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
    let amara = person(da.path(), "Amara").await;
    let group = amara
        .local(|n| {
            n.create_group(&NewGroup {
                name: "Workshop".into(),
                mission: String::new(),
                causes: vec![],
                region: String::new(),
                languages: vec![],
                visibility: Visibility::Open,
            })
        })
        .unwrap()
        .unwrap();
    let bruno = person(db.path(), "Bruno").await;
    let b = bruno.device_id();
    amara
        .local(|n| n.act(&group, |g, now| g.add_member(now, b, "Bruno", Role::Member)))
        .unwrap()
        .unwrap();
    bruno.local(|n| n.prepare_join(group)).unwrap().unwrap();
    bounded("sync", bruno.sync_group(group, &amara.address()))
        .await
        .unwrap();
    post(&bruno, group, "before the restart");
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
    post(&bruno, group, "after the restart");
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
