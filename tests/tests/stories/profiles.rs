//! Profiles between real nodes on 127.0.0.1: a rename in Settings reaches every group, and
//! bios. A member's bio waits while the group has no profiles; the owner's own bio upgrades
//! the group (schema version 3, and 6 for the languages she reads), and the member's device then
//! writes the bio and the languages that waited.
//! Every await is bounded; no sleeps.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use causeway_tests::*;

use causeway_core::schema::{ATTACHMENTS_SINCE, PROFILES_SINCE};
use causeway_core::{DeviceId, GroupId};
use causeway_sync::Node;
use causeway_sync::control::{Output, Request, execute};

/// `who` as `node`'s view of `group` shows them: name and bio.
fn seen(node: &Node, group: GroupId, who: DeviceId) -> Option<(String, String)> {
    let snap = node.snapshot();
    let m = snap
        .group(group)?
        .members
        .iter()
        .find(|m| m.id == who)?
        .clone();
    Some((m.name, m.bio))
}

async fn set_profile(node: &Node, name: &str, bio: &str) {
    let out = bounded(
        "saving a profile",
        execute(
            node,
            Request::SetProfile {
                name: name.into(),
                bio: bio.into(),
                languages: vec!["en".into()],
            },
        ),
    )
    .await
    .unwrap();
    assert!(matches!(out, Output::Profile(_)), "{out:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rename_and_bios_reach_the_other_members() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (amara, bruno, group) = invited_pair(a.path(), b.path(), "Workshop").await;
    let (ida, idb) = (amara.device_id(), bruno.device_id());
    let mut ea = amara.subscribe();
    let mut eb = bruno.subscribe();

    // Bruno, a member, renames himself and writes a bio: the name reaches Amara; the bio
    // waits, since the group has no profiles yet and only an admin may add them.
    set_profile(&bruno, "Bruno B.", "Bikes and bags").await;
    until("Bruno's new name reaches Amara", &mut ea, || {
        seen(&amara, group, idb).is_some_and(|(n, _)| n == "Bruno B.")
    })
    .await;
    assert_eq!(seen(&amara, group, idb).unwrap().1, "");
    let version = |n: &Node| n.local_state(|l| l.group(&group).unwrap().schema_version());
    assert!(version(&bruno).unwrap() < PROFILES_SINCE);

    // Amara, the owner, writes hers: her device upgrades the group, then writes her bio.
    set_profile(&amara, "Amara", "Organiser, Lyon").await;
    until("Amara's bio reaches Bruno", &mut eb, || {
        seen(&bruno, group, ida).is_some_and(|(_, b)| b == "Organiser, Lyon")
    })
    .await;
    // The upgrade reached Bruno's device, which wrote the bio that waited.
    until("Bruno's bio reaches Amara", &mut ea, || {
        seen(&amara, group, idb).is_some_and(|(_, b)| b == "Bikes and bags")
    })
    .await;
    // Her languages came with it: her device raised the group to the version that carries
    // them, and Bruno's waiting languages followed.
    assert_eq!(version(&amara).unwrap(), ATTACHMENTS_SINCE);
    until("Bruno's languages reach Amara", &mut ea, || {
        let snap = amara.snapshot();
        snap.group(group)
            .and_then(|g| g.members.iter().find(|m| m.id == idb).cloned())
            .is_some_and(|m| m.languages == ["en"])
    })
    .await;

    // Cleared, it is gone for everyone.
    set_profile(&bruno, "Bruno B.", "").await;
    until("Bruno's cleared bio reaches Amara", &mut ea, || {
        seen(&amara, group, idb).is_some_and(|(_, b)| b.is_empty())
    })
    .await;
    let listed = bounded(
        "the members list",
        execute(&amara, Request::Members { group }),
    )
    .await
    .unwrap();
    let Output::Members(lines) = listed else {
        panic!("not a members list: {listed:?}");
    };
    let amara_line = lines.iter().find(|l| l.device_id == ida).unwrap();
    assert_eq!(amara_line.bio, "Organiser, Lyon");
}
