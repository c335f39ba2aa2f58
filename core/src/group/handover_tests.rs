//! Handing a group over: the rule every peer enforces (by the owner, to an admin, who becomes
//! the owner while the owner becomes an admin) and its place in the removal semantics.
#![allow(clippy::unwrap_used)]

use automerge::ROOT;

use super::testing::*;
use crate::role::Role;

/// Amara owns the group; Bruno and Chloé are admins, Dara a member; the log is open.
fn world() -> World {
    let mut w = World::new(4);
    w.add(AMARA, BRUNO, Role::Admin);
    w.add(AMARA, CHLOE, Role::Admin);
    w.add(AMARA, 3, Role::Member);
    w.replicas[AMARA].open_log(t(3)).unwrap();
    w.sync_all();
    w
}

#[test]
fn the_owner_hands_over_to_an_admin_who_then_may_do_what_an_owner_does() {
    let mut w = world();
    let (amara, bruno) = (w.id_of(AMARA), w.id_of(BRUNO));
    w.replicas[AMARA].hand_over(t(10), bruno).unwrap();
    w.sync_all();
    for g in &w.replicas {
        assert_eq!(g.role_of(bruno), Some(Role::Owner));
        assert_eq!(g.role_of(amara), Some(Role::Admin));
        assert_eq!(g.info().unwrap().owner, bruno);
    }
    // The log keeps it, with the decider's role at that point: owner.
    let log = w.replicas[3].moderation_log();
    let last = log.last().unwrap();
    assert_eq!((last.by, last.role), (amara, Some(Role::Owner)));
    assert_eq!(last.new_role, Some(Role::Owner));
    // The new owner demotes the old one; the old one may now leave, the new one may not.
    w.replicas[BRUNO]
        .set_role(t(20), amara, Role::Member)
        .unwrap();
    w.sync_all();
    assert!(
        w.replicas
            .iter()
            .all(|g| g.role_of(amara) == Some(Role::Member))
    );
    assert!(w.replicas[BRUNO].leave(t(21)).is_err());
    w.replicas[AMARA].leave(t(22)).unwrap();
    w.sync_all();
    assert!(w.replicas.iter().all(|g| g.role_of(amara).is_none()));
    // And hands it on again.
    let chloe = w.id_of(CHLOE);
    w.replicas[BRUNO].hand_over(t(30), chloe).unwrap();
    w.sync_all();
    assert!(w.replicas.iter().all(|g| g.role_of(chloe) == Some(Role::Owner)
        && g.role_of(bruno) == Some(Role::Admin)));
}

#[test]
fn nobody_but_the_owner_hands_over_and_only_to_an_admin() {
    let mut w = world();
    let (bruno, chloe, dara) = (w.id_of(BRUNO), w.id_of(CHLOE), w.id_of(3));
    // Locally: a sentence each.
    assert!(w.replicas[BRUNO].hand_over(t(10), chloe).is_err());
    assert!(w.replicas[AMARA].hand_over(t(10), dara).is_err());
    let amara = w.id_of(AMARA);
    assert!(w.replicas[AMARA].hand_over(t(10), amara).is_err());
    // Forged: an admin "handing over" to another admin, as the owner would write it.
    let forged = forge(
        &w.replicas[BRUNO],
        &key(2),
        [2; 8],
        Some(AUTHORITY_TAG),
        |tx, doc| {
            let members = obj(doc, &ROOT, "members");
            let me = obj(doc, &members, &bruno.to_hex());
            let her = obj(doc, &members, &chloe.to_hex());
            tx.put(&her, "role", "owner").unwrap();
            tx.put(&me, "role", "admin").unwrap();
        },
    );
    let report = w.replicas[3].ingest(vec![forged]);
    assert_eq!(report.rejected.len(), 1, "{report:?}");
    // Forged by the owner: to a member; or making someone owner without stepping down.
    let to_member = forge(
        &w.replicas[AMARA],
        &key(1),
        [1; 8],
        Some(AUTHORITY_TAG),
        |tx, doc| {
            let members = obj(doc, &ROOT, "members");
            tx.put(obj(doc, &members, &dara.to_hex()), "role", "owner")
                .unwrap();
            tx.put(obj(doc, &members, &amara.to_hex()), "role", "admin")
                .unwrap();
        },
    );
    let two_owners = forge(
        &w.replicas[AMARA],
        &key(1),
        [3; 8],
        Some(AUTHORITY_TAG),
        |tx, doc| {
            let members = obj(doc, &ROOT, "members");
            tx.put(obj(doc, &members, &bruno.to_hex()), "role", "owner")
                .unwrap();
        },
    );
    for bad in [to_member, two_owners] {
        let report = w.replicas[3].ingest(vec![bad]);
        assert_eq!(report.rejected.len(), 1, "{report:?}");
    }
    assert!(
        w.replicas
            .iter()
            .all(|g| g.role_of(amara) == Some(Role::Owner)
                && g.role_of(bruno) == Some(Role::Admin)
                && g.role_of(dara) == Some(Role::Member))
    );
}

#[test]
fn a_removal_concurrent_with_the_handover_does_not_unseat_the_new_owner() {
    let mut w = world();
    let (amara, bruno) = (w.id_of(AMARA), w.id_of(BRUNO));
    // Chloé, not knowing of the handover, removes Bruno (an admin may remove an admin? if
    // not, she demotes him): either way, once both meet, Bruno owns the group everywhere.
    w.replicas[AMARA].hand_over(t(10), bruno).unwrap();
    let chloe_acted = w.replicas[CHLOE]
        .set_role(t(10), bruno, Role::Member)
        .is_ok()
        || w.replicas[CHLOE]
            .remove_member(t(10), bruno, "gone")
            .is_ok();
    w.sync_all();
    let roles: Vec<_> = w
        .replicas
        .iter()
        .map(|g| (g.role_of(bruno), g.role_of(amara), g.info().unwrap().owner))
        .collect();
    assert!(roles.windows(2).all(|p| p[0] == p[1]), "{roles:?}");
    assert_eq!(
        roles[0],
        (Some(Role::Owner), Some(Role::Admin), bruno),
        "chloé acted: {chloe_acted}"
    );
}
