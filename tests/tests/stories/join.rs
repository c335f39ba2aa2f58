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

/// A request waits on the device of the admin whose invite was used; every other admin's
/// device asks it for the requests waiting there, and any admin decides them: Chloé approves
/// Dara, who then gets the group from Amara's device, and declines Eve, whose request Amara's
/// device forgets.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_admin_sees_a_request_to_join_and_any_of_them_decides_it() {
    use causeway_core::Role;
    use causeway_sync::control::{Request, execute};
    let dirs: Vec<_> = (0..4).map(|_| tempfile::tempdir().unwrap()).collect();
    let amara = person(dirs[0].path(), "Amara", Network::Loopback).await;
    let chloe = person(dirs[1].path(), "Chloé", Network::Loopback).await;
    let dara = person(dirs[2].path(), "Dara", Network::Loopback).await;
    let eve = person(dirs[3].path(), "Eve", Network::Loopback).await;
    let group = create_group(&amara, "River clean-up", Visibility::Request);
    post_offline(&amara, group, "members only");
    let ticket = amara.create_invite(group, None, None).unwrap();
    bounded("Chloé asks", chloe.join(&ticket)).await.unwrap();
    amara.approve_request(group, chloe.device_id()).unwrap();
    bounded(
        "Chloé becomes an admin",
        execute(
            &amara,
            Request::MemberRole {
                group,
                member: chloe.device_id(),
                role: Role::Admin,
            },
        ),
    )
    .await
    .unwrap();
    bounded("Chloé gets the group", chloe.sync_members(group))
        .await
        .unwrap();
    assert_eq!(
        chloe
            .local_state(|n| n.group(&group).and_then(|g| g.my_role()))
            .unwrap(),
        Some(Role::Admin)
    );

    // Dara and Eve ask through Amara's invite: the requests wait on Amara's device only.
    for p in [&dara, &eve] {
        let (_, outcome) = bounded("a request", p.join(&ticket)).await.unwrap();
        assert!(outcome.is_none());
    }
    assert!(
        chloe
            .local_state(|n| n.pending_requests(&group))
            .unwrap()
            .is_empty()
    );
    // Chloé's device asks Amara's; both requests show in Chloé's members list, through Amara.
    let mut ec = chloe.subscribe();
    bounded("Chloé's device asks", chloe.fetch_requests(group)).await;
    let shown = |n: &causeway_sync::Node| {
        n.snapshot()
            .group(group)
            .map(|g| {
                let mut v: Vec<(String, Option<causeway_core::DeviceId>)> =
                    g.pending.iter().map(|r| (r.name.clone(), r.via)).collect();
                v.sort();
                v
            })
            .unwrap_or_default()
    };
    until("both requests in Chloé's view", &mut ec, || {
        shown(&chloe).len() == 2
    })
    .await;
    assert_eq!(
        shown(&chloe),
        vec![
            ("Dara".to_string(), Some(amara.device_id())),
            ("Eve".to_string(), Some(amara.device_id()))
        ]
    );

    // Chloé approves Dara: the change reaches Amara's device, and Dara gets the group from it.
    let mut ea = amara.subscribe();
    chloe.approve_request(group, dara.device_id()).unwrap();
    until("Dara a member at Amara's", &mut ea, || {
        amara
            .local_state(|n| n.group(&group).and_then(|g| g.role_of(dara.device_id())))
            .unwrap()
            == Some(Role::Member)
    })
    .await;
    let pending = amara.local_state(|n| n.pending_requests(&group)).unwrap();
    assert_eq!(pending.len(), 1, "Dara no longer waits");
    bounded("Dara syncs", dara.sync_members(group))
        .await
        .unwrap();
    assert_eq!(bodies(&dara, group), vec!["members only".to_string()]);

    // A member's device that asks is told nothing: requests are for admins.
    bounded("Dara's device asks", dara.fetch_requests(group)).await;
    assert!(shown(&dara).is_empty());

    // Chloé declines Eve: Amara's device forgets her request; a member cannot do either.
    let refused = bounded(
        "Dara declines",
        dara.decline_request(group, eve.device_id()),
    )
    .await;
    assert!(refused.is_err(), "{refused:?}");
    bounded(
        "Chloé declines Eve",
        chloe.decline_request(group, eve.device_id()),
    )
    .await
    .unwrap();
    assert!(
        amara
            .local_state(|n| n.pending_requests(&group))
            .unwrap()
            .is_empty()
    );
    for n in [amara, chloe, dara, eve] {
        bounded("shutdown", n.shutdown()).await;
    }
}
