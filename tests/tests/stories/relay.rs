//! Two devices that know no direct address of each other sync through a relay server started
//! by the test on 127.0.0.1 (iroh's relay server, self-signed certificate). Nothing leaves the
//! machine.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use causeway_tests::*;

use causeway_core::{Role, Visibility};
use causeway_sync::{Network, Node, PeerAddress, new_item_id};

async fn person_via(dir: &std::path::Path, name: &str, relay: &str) -> Node {
    let node = person(dir, name, Network::TestRelay(relay.to_string())).await;
    bounded("reaching the relay", node.online()).await;
    node
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn members_without_a_direct_address_sync_through_a_relay() {
    let (_relay_map, relay_url, _server) =
        bounded("relay server", iroh::test_utils::run_relay_server())
            .await
            .unwrap();
    let relay = relay_url.to_string();
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let amara = person_via(da.path(), "Amara", &relay).await;
    let bruno = person_via(db.path(), "Bruno", &relay).await;
    assert_eq!(
        amara.address().relay.as_deref(),
        Some(relay.as_str()),
        "the node announces its relay"
    );
    // What her settings would show of the running node: the test relay's mode, and that
    // relay as its home, connected now.
    let mut events = amara.subscribe();
    let home = bounded("the view shows the home relay", async {
        loop {
            let running = amara.snapshot().running.clone();
            if let Some(home) = running.connected_relay() {
                break (running.mode.clone(), home.url.clone());
            }
            let _ = events.recv().await;
        }
    })
    .await;
    assert_eq!(
        home,
        (Some(Network::TestRelay(relay.clone())), relay.clone())
    );

    let group = create_group(&amara, "Far apart", Visibility::Invite);
    let b = bruno.device_id();
    amara
        .act(group, |g, now| g.add_member(now, b, "Bruno", Role::Member))
        .unwrap();
    let item = new_item_id().unwrap();
    amara
        .act(group, |g, now| {
            g.post(now, item, "", "through the relay", "en")
        })
        .unwrap();

    // Bruno knows Amara's id and relay, and no IP address at all.
    let only_relay = PeerAddress {
        id: amara.device_id(),
        direct: Vec::new(),
        relay: Some(relay.clone()),
    };
    bruno
        .local_state(|n| n.prepare_join(group, amara.device_id()))
        .unwrap()
        .unwrap();
    let outcome = bounded(
        "sync through the relay",
        bruno.sync_group(group, &only_relay),
    )
    .await
    .unwrap();
    assert!(
        outcome.received >= 3 && outcome.rejected == 0,
        "{outcome:?}"
    );
    let posts: Vec<String> = bruno
        .local_state(|n| {
            n.group(&group)
                .unwrap()
                .posts()
                .into_iter()
                .map(|p| p.body)
                .collect()
        })
        .unwrap();
    assert_eq!(posts, vec!["through the relay".to_string()]);
    for n in [amara, bruno] {
        bounded("shutdown", n.shutdown()).await;
    }
}
