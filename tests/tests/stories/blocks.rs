//! Blocking on real nodes. Mallory keeps insulting Amara in Clean River; Amara blocks him.
//! His posts leave her window; his device can no longer open a session with hers, so his new
//! post never reaches her node, and her node cannot pass it on to Bruno. The group keeps what
//! he wrote: Bruno still sees his old post. Unblocked, he syncs with her again. Every await
//! is bounded; the test waits for events.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use causeway_core::{GroupId, ItemId};
use causeway_sync::control::{BlockRequest, Output, Request, execute};
use causeway_sync::{Node, SyncError};
use causeway_tests::*;

fn shown(node: &Node, group: GroupId) -> Vec<String> {
    node.snapshot()
        .group(group)
        .map(|g| g.posts.iter().map(|p| p.post.body.clone()).collect())
        .unwrap_or_default()
}

fn post(node: &Node, group: GroupId, id: u64, text: &str) {
    node.local_state(|n| {
        n.act(&group, |g, now| {
            g.post(now, ItemId::from_u64(id), "", text, "en")
        })
    })
    .unwrap()
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_blocked_device_cannot_sync_with_mine_and_my_node_does_not_pass_its_posts_on() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let ([amara, bruno, mallory], group) = invited_trio(&dirs, "Clean River").await;
    mallory.set_live(false);
    bruno.set_live(false);
    amara.set_live(false);
    post(&mallory, group, 1, "You are all useless");
    bounded(
        "Amara takes Mallory's post",
        amara.sync_group(group, &mallory.address()),
    )
    .await
    .unwrap();
    bounded(
        "Bruno takes it from Amara",
        bruno.sync_group(group, &amara.address()),
    )
    .await
    .unwrap();
    let mut ea = amara.subscribe();
    until("the post in Amara's window", &mut ea, || {
        shown(&amara, group).contains(&"You are all useless".to_string())
    })
    .await;

    // Amara blocks him: his post leaves her window (the group keeps it).
    let out = bounded(
        "Amara blocks Mallory",
        execute(
            &amara,
            Request::Blocks {
                req: BlockRequest::Block {
                    device: mallory.device_id(),
                    reason: "insults".into(),
                },
            },
        ),
    )
    .await
    .unwrap();
    let Output::Blocks(list) = out else {
        panic!("{out:?}")
    };
    assert_eq!(list.blocked.len(), 1);
    assert_eq!(
        list.blocked[0].name, "Chloé",
        "the name he has in the group"
    );
    until("his post gone from Amara's window", &mut ea, || {
        !shown(&amara, group).contains(&"You are all useless".to_string())
    })
    .await;
    assert!(bodies(&amara, group).contains(&"You are all useless".to_string()));

    // His device cannot open a session with hers; his new post never reaches her node.
    post(&mallory, group, 2, "Still here");
    let refused = bounded(
        "Mallory tries to sync with Amara",
        mallory.sync_group(group, &amara.address()),
    )
    .await;
    assert!(matches!(refused, Err(SyncError::Refused(_))), "{refused:?}");
    assert!(!bodies(&amara, group).contains(&"Still here".to_string()));
    // Her node does not dial him either: a round with every member leaves him out.
    assert!(
        amara
            .local_state(|n| n.sync_partners(&group))
            .unwrap()
            .iter()
            .all(|d| *d != mallory.device_id())
    );
    // So Bruno, who syncs with Amara only, does not get it through her.
    bounded(
        "Bruno syncs with Amara",
        bruno.sync_group(group, &amara.address()),
    )
    .await
    .unwrap();
    assert!(!bodies(&bruno, group).contains(&"Still here".to_string()));
    assert!(
        shown(&bruno, group).contains(&"You are all useless".to_string()) || {
            let mut eb = bruno.subscribe();
            until("the old post in Bruno's window", &mut eb, || {
                shown(&bruno, group).contains(&"You are all useless".to_string())
            })
            .await;
            true
        }
    );

    // Unblocked, he syncs with her again.
    let out = bounded(
        "Amara unblocks Mallory",
        execute(
            &amara,
            Request::Blocks {
                req: BlockRequest::Unblock {
                    device: mallory.device_id(),
                },
            },
        ),
    )
    .await
    .unwrap();
    assert!(matches!(out, Output::Blocks(ref l) if l.changed && l.blocked.is_empty()));
    bounded(
        "Mallory syncs with Amara",
        mallory.sync_group(group, &amara.address()),
    )
    .await
    .unwrap();
    assert!(bodies(&amara, group).contains(&"Still here".to_string()));
    until("his posts back in Amara's window", &mut ea, || {
        shown(&amara, group).contains(&"Still here".to_string())
    })
    .await;
    for n in [amara, bruno, mallory] {
        n.shutdown().await;
    }
}
