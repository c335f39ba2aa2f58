//! Pinned posts between real nodes on 127.0.0.1: an admin's first pin upgrades the group
//! (schema version 2), the pin reaches the others live, and a device running an older
//! Causeway (one that knows version 1 only) keeps receiving ordinary posts after the
//! upgrade while it holds the pin it cannot judge. Every await is bounded; no sleeps.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::path::Path;

use causeway_tests::*;

use causeway_core::{GroupId, ItemId, Profile};
use causeway_sync::control::{Request, execute};
use causeway_sync::{LocalNode, Network, Node, new_item_id};

/// A person whose Causeway knows schema version 1 only: an older build.
async fn older_person(dir: &Path, name: &str) -> Node {
    let mut local = LocalNode::open(dir).unwrap();
    local
        .set_profile(Profile {
            display_name: name.into(),
            ..Profile::default()
        })
        .unwrap();
    local.set_known_version(1).unwrap();
    bounded(
        "starting an older node",
        Node::start(local, Network::Loopback),
    )
    .await
    .unwrap()
}

fn pinned_in_view(node: &Node, group: GroupId) -> Vec<ItemId> {
    node.snapshot()
        .group(group)
        .map(|g| g.pinned.clone())
        .unwrap_or_default()
}

fn post(node: &Node, group: GroupId, body: &str) -> ItemId {
    let item = new_item_id().unwrap();
    node.act(group, |g, now| g.post(now, item, "", body, "en"))
        .unwrap();
    item
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn amara_pins_a_post_and_bruno_sees_it_pinned_at_the_top() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (amara, bruno, group) = invited_pair(a.path(), b.path(), "Workshop").await;
    let mut eb = bruno.subscribe();
    let older = post(&amara, group, "older news");
    let saturday = post(&amara, group, "Saturday at the bridge");
    let _newest = post(&amara, group, "newest");
    until("the posts reach Bruno", &mut eb, || {
        bodies(&bruno, group).len() == 3
    })
    .await;

    // Amara pins, through the same request the window and `causeway pin` send.
    execute(
        &amara,
        Request::Pin {
            group,
            post: saturday,
        },
    )
    .await
    .unwrap();
    until("Bruno's view shows the pin", &mut eb, || {
        pinned_in_view(&bruno, group) == vec![saturday]
    })
    .await;
    bounded("Bruno's feed", async {
        let feed = execute(&bruno, Request::Feed { group }).await.unwrap();
        let causeway_sync::control::Output::Feed(posts) = feed else {
            panic!("not a feed: {feed:?}");
        };
        assert_eq!(posts[0].post_id, saturday, "the pinned post comes first");
        assert!(posts[0].pinned);
        assert!(posts[1..].iter().all(|p| !p.pinned));
        assert_eq!(posts.len(), 3);
    })
    .await;
    let schema = bruno
        .local_state(|n| n.group(&group).unwrap().schema_version())
        .unwrap();
    assert_eq!(schema, 2, "the first pin upgraded the group");

    // Bruno, a member, cannot pin; Amara unpins, and Bruno sees it unpinned.
    let refused = execute(&bruno, Request::Pin { group, post: older }).await;
    assert!(refused.is_err(), "{refused:?}");
    execute(
        &amara,
        Request::Unpin {
            group,
            post: saturday,
        },
    )
    .await
    .unwrap();
    until("Bruno's view shows the unpin", &mut eb, || {
        pinned_in_view(&bruno, group).is_empty()
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_peer_keeps_receiving_posts_after_the_upgrade_and_holds_the_pin() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let (amara, bruno, group) = invited_pair(dirs[0].path(), dirs[1].path(), "Workshop").await;
    let chloe = older_person(dirs[2].path(), "Chloé").await;
    let ticket = amara.create_invite(group, None, None).unwrap();
    bounded("Chloé joins", chloe.join(&ticket)).await.unwrap();
    bounded(
        "Bruno learns of Chloé",
        bruno.sync_group(group, &amara.address()),
    )
    .await
    .unwrap();
    let (mut eb, mut ec) = (bruno.subscribe(), chloe.subscribe());
    let news = post(&amara, group, "the bridge at 10");
    until("the post reaches Chloé", &mut ec, || {
        bodies(&chloe, group).len() == 1
    })
    .await;

    // Amara pins it (the upgrade, then the pin), then writes a post that builds on both.
    execute(&amara, Request::Pin { group, post: news })
        .await
        .unwrap();
    post(&amara, group, "after the upgrade");
    until("Bruno sees the pin", &mut eb, || {
        pinned_in_view(&bruno, group) == vec![news]
    })
    .await;
    // Chloé's older Causeway takes the post that came after the pin, holds the two changes
    // it cannot judge, and shows no pin.
    until("the later post reaches Chloé", &mut ec, || {
        bodies(&chloe, group).len() == 2
    })
    .await;
    let (held, pinned, heads_match) = chloe
        .local_state(|n| {
            let g = n.group(&group).unwrap();
            (g.held_count(), g.pinned().len(), g.heads())
        })
        .map(|(h, p, heads)| {
            let amaras = amara
                .local_state(|n| n.group(&group).unwrap().heads())
                .unwrap();
            (h, p, heads == amaras)
        })
        .unwrap();
    assert_eq!(held, 2, "the upgrade and the pin are held");
    assert_eq!(pinned, 0);
    assert!(
        heads_match,
        "Chloé holds the whole history, nothing is stuck"
    );
    // Counted once the session that brought them is done with them (the app is told
    // after): waited for, event by event.
    until("the held changes counted", &mut ec, || {
        chloe.refusals().held >= 1
    })
    .await;
    until("Chloé's view says what it holds", &mut ec, || {
        chloe
            .snapshot()
            .group(group)
            .is_some_and(|g| g.held == 2 && g.pinned.is_empty())
    })
    .await;

    // Chloé keeps writing, and Amara and Bruno keep receiving her posts.
    let mut ea = amara.subscribe();
    post(&chloe, group, "from the older Causeway");
    until("Chloé's post reaches Amara", &mut ea, || {
        bodies(&amara, group)
            .iter()
            .any(|b| b == "from the older Causeway")
    })
    .await;
}
