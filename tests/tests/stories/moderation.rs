//! Moderation on real nodes. Mallory posts Bruno's street address in Clean River. Bruno
//! reports it: his node hands the sealed report to a moderator's device, which files it in
//! the group as its own change. Chloé, a moderator, opens it in her queue and hides the post
//! with a reason; Bruno sees what became of his report; Dara, a member, reads the hide in the
//! group's log, and nowhere Bruno's name. Every await is bounded; the test waits for events.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use causeway_core::{GroupId, Role};
use causeway_sync::control::{ModRequest, Output, Request, execute};
use causeway_sync::{Network, Node};
use causeway_tests::*;

fn moderation(group: GroupId, req: ModRequest) -> Request {
    Request::Moderation { group, req }
}

async fn queue(node: &Node, group: GroupId) -> Vec<causeway_sync::control::ReportLine> {
    match bounded(
        "the queue",
        execute(node, moderation(group, ModRequest::Queue)),
    )
    .await
    .unwrap()
    {
        Output::Queue(q) => q,
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_reaches_a_moderator_who_hides_the_post_and_the_reporter_stays_unnamed() {
    let dirs: Vec<_> = (0..5).map(|_| tempfile::tempdir().unwrap()).collect();
    let ([amara, bruno, chloe], group) = invited_trio(&dirs, "Clean River").await;
    let dara = person(dirs[3].path(), "Dara", Network::Loopback).await;
    let mallory = person(dirs[4].path(), "Mallory", Network::Loopback).await;
    let ticket = amara.create_invite(group, None, None).unwrap();
    bounded("Dara joins", dara.join(&ticket)).await.unwrap();
    bounded("Mallory joins", mallory.join(&ticket))
        .await
        .unwrap();
    for n in [&bruno, &dara, &mallory] {
        n.local_state(|l| l.remember_address(&chloe.address()))
            .unwrap()
            .unwrap();
    }
    bounded(
        "Chloé becomes a moderator",
        execute(
            &amara,
            Request::MemberRole {
                group,
                member: chloe.device_id(),
                role: Role::Moderator,
            },
        ),
    )
    .await
    .unwrap();
    let mut eb = bruno.subscribe();
    let mut ec = chloe.subscribe();
    let mut ed = dara.subscribe();
    let role_of = |n: &Node, who| {
        n.local_state(|l| l.group(&group).and_then(|g| g.role_of(who)))
            .unwrap()
    };
    until("Bruno's node knows Chloé moderates", &mut eb, || {
        role_of(&bruno, chloe.device_id()) == Some(Role::Moderator)
    })
    .await;

    // Mallory's post reaches Bruno.
    let posted = bounded(
        "Mallory posts",
        execute(
            &mallory,
            Request::Post {
                group,
                text: "He lives at 12 rue des Saules".into(),
                title: String::new(),
                lang: "en".into(),
                attach: vec![],
            },
        ),
    )
    .await
    .unwrap();
    let Output::Item(item) = posted else {
        panic!("{posted:?}")
    };
    until("the post at Bruno's", &mut eb, || {
        bodies(&bruno, group).contains(&"He lives at 12 rue des Saules".to_string())
    })
    .await;

    // Bruno reports it; his node hands it to a moderator's device, which files it.
    let reported = bounded(
        "Bruno reports",
        execute(
            &bruno,
            moderation(
                group,
                ModRequest::Report {
                    target: format!("post:{}", item.item_id.to_hex()),
                    category: "doxing".into(),
                    words: "That is my home address.".into(),
                },
            ),
        ),
    )
    .await
    .unwrap();
    let Output::Reported(report) = reported else {
        panic!("{reported:?}")
    };
    assert!(
        report.filed,
        "a moderator's device was reachable: it filed the report"
    );
    until("the report in Chloé's group", &mut ec, || {
        chloe
            .local_state(|l| l.group(&group).map(|g| g.queue().len()))
            .unwrap()
            == Some(1)
    })
    .await;
    assert!(bruno.local_state(|l| l.outbox().is_empty()).unwrap());

    // Chloé reads it in her queue and hides the post.
    let q = queue(&chloe, group).await;
    assert_eq!(q.len(), 1);
    assert_eq!(
        (
            q[0].reporter_name.as_str(),
            q[0].category.as_str(),
            q[0].words.as_str()
        ),
        ("Bruno", "doxing", "That is my home address.")
    );
    assert_eq!(q[0].about, "Mallory");
    assert!(q[0].decisions.is_empty());
    bounded(
        "Chloé hides the post",
        execute(
            &chloe,
            moderation(
                group,
                ModRequest::Decide {
                    report: report.id,
                    verdict: "hide".into(),
                    reason: "No one's address is posted here.".into(),
                    words: String::new(),
                },
            ),
        ),
    )
    .await
    .unwrap();

    // Bruno sees the outcome of his report.
    until("the outcome at Bruno's", &mut eb, || {
        bruno
            .local_state(|l| {
                l.group(&group)
                    .is_some_and(|g| g.queue().first().is_some_and(|q| !q.is_open()))
            })
            .unwrap()
    })
    .await;
    let mine = queue(&bruno, group).await;
    assert_eq!(
        mine[0].decisions,
        vec![(
            "hide".to_string(),
            "Chloé".to_string(),
            "No one's address is posted here.".to_string()
        )]
    );

    // Dara reads the hide in the log, and nothing says who reported.
    until("the hide in Dara's log", &mut ed, || {
        dara.local_state(|l| {
            l.group(&group).is_some_and(|g| {
                g.moderation_log()
                    .iter()
                    .any(|e| e.report == Some(report.id))
            })
        })
        .unwrap()
    })
    .await;
    let log = match bounded("Dara's log", execute(&dara, Request::Log { group }))
        .await
        .unwrap()
    {
        Output::Log(l) => l,
        other => panic!("{other:?}"),
    };
    let hide = log.iter().find(|l| l.action == "hide").unwrap();
    assert_eq!(hide.by_name, "Chloé");
    assert_eq!(hide.reason, "No one's address is posted here.");
    let everything = serde_json::to_string(&log).unwrap();
    assert!(!everything.contains("Bruno"), "{everything}");
    assert!(queue(&dara, group).await.is_empty(), "Dara opens no report");

    // Chloé also warns Mallory, in words only Mallory and the moderators read.
    let mut em = mallory.subscribe();
    bounded(
        "Chloé warns Mallory",
        execute(
            &chloe,
            moderation(
                group,
                ModRequest::Decide {
                    report: report.id,
                    verdict: "warn".into(),
                    reason: "A first warning".into(),
                    words: "Please never post an address again.".into(),
                },
            ),
        ),
    )
    .await
    .unwrap();
    let warnings = |n: &Node| {
        n.local_state(|l| {
            l.group(&group).map_or(0, |g| {
                g.moderation_log()
                    .iter()
                    .filter(|e| e.action == causeway_core::view::ModAction::Warn)
                    .count()
            })
        })
        .unwrap()
    };
    until("the warning at Mallory's", &mut em, || {
        warnings(&mallory) == 1
    })
    .await;
    until("the warning at Dara's", &mut ed, || warnings(&dara) == 1).await;
    let read = |n: &Node| {
        let n = n.clone();
        async move {
            match bounded(
                "warnings",
                execute(&n, moderation(group, ModRequest::Warnings)),
            )
            .await
            .unwrap()
            {
                Output::Warnings(w) => w,
                other => panic!("{other:?}"),
            }
        }
    };
    let to_mallory = read(&mallory).await;
    assert_eq!(to_mallory.len(), 1);
    assert_eq!(to_mallory[0].words, "Please never post an address again.");
    assert_eq!(to_mallory[0].by_name, "Chloé");
    assert!(read(&dara).await.is_empty(), "Dara reads no one's warning");
    for n in [amara, bruno, chloe, dara, mallory] {
        bounded("shutdown", n.shutdown()).await;
    }
}

/// Amara removes Bruno while his laptop is closed. When it opens, his node asks Amara's for
/// the group: it is refused, and told why, with the removal itself, which his device judges
/// like any change. His window can then say who removed him and why; he keeps what he had,
/// cannot post, stops syncing the group, and never receives what was written after.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_removed_device_learns_of_its_removal_and_keeps_what_it_had() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (amara, bruno, group) = invited_pair(da.path(), db.path(), "Clean River").await;
    post_offline(&amara, group, "Saturday at the bridge");
    bounded("Bruno syncs", bruno.sync_group(group, &amara.address()))
        .await
        .unwrap();
    bounded(
        "Amara removes Bruno",
        execute(
            &amara,
            Request::MemberRemove {
                group,
                member: bruno.device_id(),
                reason: "Selling phones again".into(),
            },
        ),
    )
    .await
    .unwrap();
    post_offline(&amara, group, "After Bruno left");

    let refused = bounded(
        "Bruno's next sync",
        bruno.sync_group(group, &amara.address()),
    )
    .await;
    assert!(refused.is_err(), "{refused:?}");
    let (role, removal, partners) = bruno
        .local_state(|n| {
            let g = n.group(&group).unwrap();
            let me = g
                .members()
                .into_iter()
                .find(|m| m.id == bruno.device_id())
                .unwrap();
            (g.my_role(), me.removed, n.sync_partners(&group))
        })
        .unwrap();
    assert_eq!(role, None);
    let removal = removal.unwrap();
    assert_eq!(
        (removal.by, removal.reason.as_str()),
        (amara.device_id(), "Selling phones again")
    );
    assert!(
        partners.is_empty(),
        "a removed device stops syncing the group"
    );
    assert_eq!(
        bodies(&bruno, group),
        vec!["Saturday at the bridge".to_string()]
    );
    let item = causeway_sync::new_item_id().unwrap();
    let posted = bruno
        .local_state(|n| n.act(&group, |g, now| g.post(now, item, "", "still here?", "en")))
        .unwrap();
    assert!(posted.is_err(), "a removed device cannot post");
    for n in [amara, bruno] {
        bounded("shutdown", n.shutdown()).await;
    }
}
