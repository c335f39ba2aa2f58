//! Live updates: a post made on one connected device reaches the others without anyone asking
//! for a sync. Real endpoints on 127.0.0.1; the test waits for events, never sleeps.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::time::Duration;

use causeway_tests::*;

use causeway_core::GroupId;
use causeway_sync::views::Reach;
use causeway_sync::{LocalNode, Network, Node, NodeEvent, new_item_id};
use tokio::sync::broadcast::Receiver;

/// Waits, event by event, until `node` holds `body`.
async fn until_has(node: &Node, events: &mut Receiver<NodeEvent>, group: GroupId, body: &str) {
    until(&format!("{body:?} to arrive"), events, || {
        bodies(node, group).iter().any(|b| b == body)
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_reaches_connected_members_without_anyone_syncing() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let ([amara, bruno, chloe], group) = invited_trio(&dirs, "Workshop").await;
    // Chloé joined after Bruno: a sync round lets Bruno learn of her.
    bounded(
        "Bruno catches up",
        bruno.sync_group(group, &amara.address()),
    )
    .await
    .unwrap();

    // Amara posts: it is pushed to both.
    let (mut eb, mut ec) = (bruno.subscribe(), chloe.subscribe());
    let item = new_item_id().unwrap();
    amara
        .act(group, |g, now| g.post(now, item, "", "from Amara", "en"))
        .unwrap();
    until_has(&bruno, &mut eb, group, "from Amara").await;
    until_has(&chloe, &mut ec, group, "from Amara").await;

    // What Bruno's app would draw: the post, by name, and Amara connected (directly).
    bounded("Bruno's view shows the post", async {
        loop {
            let view = bruno.snapshot();
            let shown = view.group(group).is_some_and(|g| {
                g.posts
                    .iter()
                    .any(|p| p.post.body == "from Amara" && p.author_name == "Amara")
            });
            if shown {
                assert_eq!(
                    view.reach(amara.device_id()),
                    Reach::Connected { relayed: false }
                );
                let g = view.group(group).unwrap();
                assert!(view.connected_members(g) >= 1);
                assert!(view.activity[&group].last_sync.is_some());
                break;
            }
            let _ = eb.recv().await;
        }
    })
    .await;

    // Bruno posts: pushed to the members he can reach, and passed on by those who receive it.
    let (mut ea, mut ec) = (amara.subscribe(), chloe.subscribe());
    let item = new_item_id().unwrap();
    bruno
        .act(group, |g, now| g.post(now, item, "", "from Bruno", "en"))
        .unwrap();
    until_has(&amara, &mut ea, group, "from Bruno").await;
    until_has(&chloe, &mut ec, group, "from Bruno").await;
    assert_eq!(bodies(&amara, group), bodies(&chloe, group));
    for n in [amara, bruno, chloe] {
        bounded("shutdown", n.shutdown()).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restarted_node_keeps_its_port_so_a_member_who_knows_only_the_old_address_reaches_it() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (amara, bruno, group) = invited_pair(da.path(), db.path(), "Workshop").await;
    let before = amara.address().direct;

    // Amara's node restarts. No background rounds and no address lookup: Bruno's device
    // knows only where hers was.
    bounded("shutdown", amara.shutdown()).await;
    drop(amara);
    bounded("the old port to be free", async {
        // Free once the stopped endpoint's last task let go of it.
        while std::net::UdpSocket::bind(before[0]).is_err() {
            tokio::task::yield_now().await;
        }
    })
    .await;
    let amara = bounded(
        "restart",
        Node::start(LocalNode::open(da.path()).unwrap(), Network::Loopback),
    )
    .await
    .unwrap();
    assert_eq!(amara.address().direct, before, "the same address as before");

    // Bruno's post is pushed to the address he has on record, and arrives.
    let mut ea = amara.subscribe();
    let item = new_item_id().unwrap();
    bruno
        .act(group, |g, now| g.post(now, item, "", "same place", "en"))
        .unwrap();
    until_has(&amara, &mut ea, group, "same place").await;
    for n in [amara, bruno] {
        bounded("shutdown", n.shutdown()).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_a_restart_on_a_new_port_the_devices_find_each_other_without_anyone_acting() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (amara, bruno, group) = invited_pair(da.path(), db.path(), "Office").await;
    let old_port = amara.address().direct[0].port();

    // Amara's node restarts while another program took its port: it comes back on another.
    bounded("shutdown", amara.shutdown()).await;
    drop(amara);
    let _taken = bounded("taking Amara's old port", async {
        loop {
            // The port is free once the stopped endpoint's last task let go of it.
            match std::net::UdpSocket::bind(("127.0.0.1", old_port)) {
                Ok(socket) => break socket,
                Err(_) => tokio::task::yield_now().await,
            }
        }
    })
    .await;
    let amara = bounded(
        "restart",
        Node::start(LocalNode::open(da.path()).unwrap(), Network::Loopback),
    )
    .await
    .unwrap();
    assert_ne!(amara.address().direct[0].port(), old_port);
    // Both keep groups in sync in the background (a short period, for the test).
    amara.spawn_background_sync(Duration::from_millis(200));
    bruno.spawn_background_sync(Duration::from_millis(200));

    // Bruno's post cannot be pushed to Amara's old address, but Amara's background round
    // reaches Bruno (she remembers where he connected from) and brings it back.
    let mut ea = amara.subscribe();
    let item = new_item_id().unwrap();
    bruno
        .act(group, |g, now| {
            g.post(now, item, "", "while you were away", "en")
        })
        .unwrap();
    until_has(&amara, &mut ea, group, "while you were away").await;

    // And Bruno learned Amara's new address from her visit: her next post is pushed to him.
    let mut eb = bruno.subscribe();
    let item = new_item_id().unwrap();
    amara
        .act(group, |g, now| g.post(now, item, "", "back again", "en"))
        .unwrap();
    until_has(&bruno, &mut eb, group, "back again").await;
    for n in [amara, bruno] {
        bounded("shutdown", n.shutdown()).await;
    }
}
