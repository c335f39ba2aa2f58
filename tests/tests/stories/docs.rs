//! Shared documents between real nodes on 127.0.0.1: created by one member, typed into live,
//! rewritten offline by two members at once and merged when they meet, restored to an older
//! version by a third. The test waits for events, never sleeps.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use causeway_tests::*;

use causeway_core::docs::{Edit, from_markdown};
use causeway_core::{DocId, GroupId};
use causeway_sync::{Node, NodeEvent};
use tokio::sync::broadcast::Receiver;

fn text(node: &Node, group: GroupId, doc: DocId) -> String {
    node.document_text(group, doc)
        .map(|t| t.plain())
        .unwrap_or_default()
}

/// Waits, event by event, until `node` shows `doc` with a text that `check` accepts.
async fn until_text(
    what: &str,
    node: &Node,
    events: &mut Receiver<NodeEvent>,
    group: GroupId,
    doc: DocId,
    check: impl Fn(&str) -> bool,
) {
    until(what, events, || check(&text(node, group, doc))).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_campaign_plan_written_live_offline_and_restored() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let ([amara, bruno, chloe], group) = invited_trio(&dirs, "Workshop").await;
    bounded(
        "Bruno catches up",
        bruno.sync_group(group, &amara.address()),
    )
    .await
    .unwrap();

    // Amara creates the plan; it reaches the others while they are connected.
    let (mut eb, mut ec) = (bruno.subscribe(), chloe.subscribe());
    let start = from_markdown(b"# Campaign plan\n\nWe meet at noon.\n").unwrap();
    let doc = amara
        .create_document(group, "Campaign plan", Some(&start))
        .unwrap();
    until_text("the plan at Bruno's", &bruno, &mut eb, group, doc, |t| {
        t == "Campaign plan\nWe meet at noon."
    })
    .await;
    until_text("the plan at Chloé's", &chloe, &mut ec, group, doc, |t| {
        t.contains("noon")
    })
    .await;
    let listed = bruno
        .local_state(|n| n.group(&group).unwrap().documents())
        .unwrap();
    assert_eq!(listed[0].title, "Campaign plan");

    // Live: Amara types, Bruno sees it.
    let end = amara.with_document(group, doc, |_, d| d.len()).unwrap();
    amara
        .edit_document(
            group,
            doc,
            &[Edit::Splice {
                at: end,
                delete: 0,
                insert: " Bring water.".into(),
            }],
        )
        .unwrap();
    until_text(
        "Amara's typing at Bruno's",
        &bruno,
        &mut eb,
        group,
        doc,
        |t| t.ends_with("Bring water."),
    )
    .await;
    until_text("and at Chloé's", &chloe, &mut ec, group, doc, |t| {
        t.ends_with("Bring water.")
    })
    .await;
    let yesterday = chloe
        .with_document(group, doc, |_, d| d.versions())
        .unwrap();

    // Offline (no pushes either way): both rewrite the same paragraph.
    amara.set_live(false);
    bruno.set_live(false);
    let at = amara
        .with_document(group, doc, |_, d| {
            // Positions count characters, block markers included.
            let raw = automerge::ReadDoc::text(d.doc(), d.text_id()).unwrap();
            raw[..raw.find("noon").unwrap()].chars().count()
        })
        .unwrap();
    amara
        .edit_document(
            group,
            doc,
            &[Edit::Splice {
                at,
                delete: 4,
                insert: "six".into(),
            }],
        )
        .unwrap();
    let end = bruno.with_document(group, doc, |_, d| d.len()).unwrap();
    bruno
        .edit_document(
            group,
            doc,
            &[Edit::Splice {
                at: end,
                delete: 0,
                insert: " And signs.".into(),
            }],
        )
        .unwrap();
    assert!(!text(&amara, group, doc).contains("signs"));
    // They meet: one round, and both texts are there, on both.
    let round = bounded(
        "Bruno and Amara meet",
        bruno.sync_peer(&amara.address(), &[group]),
    )
    .await
    .unwrap();
    assert_eq!(round.checked, 1);
    let merged = "Campaign plan\nWe meet at six. Bring water. And signs.";
    assert_eq!(text(&bruno, group, doc), merged);
    assert_eq!(text(&amara, group, doc), merged);

    // Chloé restores the version she had before: a new change, which reaches the others.
    amara.set_live(true);
    bruno.set_live(true);
    bounded(
        "Chloé catches up",
        chloe.sync_peer(&amara.address(), &[group]),
    )
    .await
    .unwrap();
    assert_eq!(text(&chloe, group, doc), merged);
    let before = yesterday.last().unwrap().heads.clone();
    let old = chloe
        .with_document(group, doc, |_, d| d.rich_text_at(Some(&before)).unwrap())
        .unwrap();
    let (mut ea, mut eb) = (amara.subscribe(), bruno.subscribe());
    chloe
        .edit_document(group, doc, &[Edit::Replace(old)])
        .unwrap();
    let restored = "Campaign plan\nWe meet at noon. Bring water.";
    until_text("the restore at Amara's", &amara, &mut ea, group, doc, |t| {
        t == restored
    })
    .await;
    until_text("the restore at Bruno's", &bruno, &mut eb, group, doc, |t| {
        t == restored
    })
    .await;
    // Nothing is lost: the history holds every version, the merged one among them.
    let versions = amara
        .with_document(group, doc, |_, d| d.versions())
        .unwrap();
    let merged_back = amara
        .with_document(group, doc, |_, d| {
            versions
                .iter()
                .any(|v| d.rich_text_at(Some(&v.heads)).unwrap().plain() == merged)
        })
        .unwrap();
    assert!(merged_back);
    for n in [amara, bruno, chloe] {
        n.shutdown().await;
    }
}

/// A document change names the group as its author had it: when the member receiving it
/// lacks part of that (a post written just before, whose push did not arrive), the change
/// is not lost: the member's node fetches the group from the author, then the document.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_change_that_names_a_group_change_not_yet_here_still_arrives() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (amara, bruno, group) = invited_pair(da.path(), db.path(), "Workshop").await;
    let mut eb = bruno.subscribe();
    let doc = amara.create_document(group, "Minutes", None).unwrap();
    until("the minutes at Bruno's", &mut eb, || {
        bruno
            .local_state(|n| n.open_document(&group, &doc).is_some_and(|d| d.has_text()))
            .unwrap_or(false)
    })
    .await;

    // A post written without a push (as if its push were lost), then a line of the minutes,
    // which names the post's change among the group's heads.
    let item = causeway_core::ItemId::from_u64(7);
    amara
        .local_state(|n| {
            n.act(&group, |g, now| {
                g.post(now, item, "", "Meeting moved", "en")
            })
        })
        .unwrap()
        .unwrap();
    amara
        .edit_document(
            group,
            doc,
            &[Edit::Splice {
                at: 0,
                delete: 0,
                insert: "We met.".into(),
            }],
        )
        .unwrap();
    until_text("the line at Bruno's", &bruno, &mut eb, group, doc, |t| {
        t.contains("We met.")
    })
    .await;
    let has_post = bruno
        .local_state(|n| {
            n.group(&group)
                .unwrap()
                .posts()
                .iter()
                .any(|p| p.id == item)
        })
        .unwrap();
    assert!(has_post, "the post the line names came with it");
    for n in [amara, bruno] {
        n.shutdown().await;
    }
}
