//! Tests of the local state.
#![allow(clippy::unwrap_used)]
use super::*;
use causeway_core::Visibility;

/// A fresh data folder whose person is named (groups can then be created).
pub(crate) fn named(dir: &Path) -> LocalNode {
    let mut node = LocalNode::open(dir).unwrap();
    node.set_profile(Profile {
        display_name: "Amara".into(),
        ..Profile::default()
    })
    .unwrap();
    node
}

/// An open group with only a name.
pub(crate) fn new_group() -> NewGroup {
    NewGroup::named("Clean-up", Visibility::Open)
}

#[test]
fn a_group_and_its_posts_survive_a_restart() {
    let tmp = tempfile::tempdir().unwrap();
    let (id, device) = {
        let mut node = named(tmp.path());
        let id = node.create_group(&new_group()).unwrap();
        let item = new_item_id().unwrap();
        node.act(&id, |g, now| {
            g.post(now, item, "Saturday", "Bridge at 10", "en")
        })
        .unwrap();
        (id, node.device_id())
    };
    let node = LocalNode::open(tmp.path()).unwrap();
    assert_eq!(node.device_id(), device);
    assert_eq!(node.profile().display_name, "Amara");
    let g = node.group(&id).unwrap();
    assert_eq!(g.posts()[0].body, "Bridge at 10");
    assert!(node.warnings().is_empty());
}

#[test]
fn creating_a_group_needs_a_display_name() {
    let tmp = tempfile::tempdir().unwrap();
    let mut node = LocalNode::open(tmp.path()).unwrap();
    let err = node.create_group(&new_group()).unwrap_err();
    assert!(err.to_string().contains("display name"), "{err}");
}

#[test]
fn stopping_folds_logged_changes_into_a_snapshot_with_the_ledger() {
    let tmp = tempfile::tempdir().unwrap();
    let (id, posts) = {
        let mut node = named(tmp.path());
        let id = node.create_group(&new_group()).unwrap();
        for i in 0..5 {
            let item = new_item_id().unwrap();
            node.act(&id, |g, now| {
                g.post(now, item, "t", &format!("post {i}"), "en")
            })
            .unwrap();
        }
        let budget = Duration::from_secs(60);
        assert_eq!(node.compact_logged(budget), 1);
        assert_eq!(node.compact_logged(budget), 0, "nothing is left to fold");
        (id, node.group(&id).unwrap().posts())
    };
    {
        let dir = DataDir::open(tmp.path()).unwrap();
        let (_, loaded) = dir.open_group(*id.as_bytes()).unwrap();
        assert!(loaded.records.is_empty());
        assert!(!loaded.snapshot.unwrap().index.is_empty());
    }
    let node = LocalNode::open(tmp.path()).unwrap();
    assert_eq!(node.group(&id).unwrap().posts(), posts);
    assert_eq!(posts.len(), 5);
}

/// Whether `doc` is the whole of `node`'s group `id` as it is now: a fresh member takes it
/// whole, with every change accepted, and ends with the group's heads.
fn is_whole_group(
    node: &LocalNode,
    id: &GroupId,
    doc: &[u8],
    sigs: Vec<(ChangeHash, ChangeSignature)>,
) -> bool {
    let mut fresh = Group::joining(*id, DeviceKey::from_bytes(&[7; 32]), [7; 8]);
    let (report, whole) = fresh.ingest_document(doc, sigs).unwrap();
    whole && report.rejected.is_empty() && fresh.heads() == node.group(id).unwrap().heads()
}

#[test]
fn a_fresh_member_is_sent_the_stored_document_while_it_holds_the_group_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let post = |node: &mut LocalNode, id: &GroupId| {
        let item = new_item_id().unwrap();
        node.act(id, |g, now| g.post(now, item, "t", "news", "en"))
            .unwrap();
    };
    let id = {
        let mut node = named(tmp.path());
        let id = node.create_group(&new_group()).unwrap();
        post(&mut node, &id);
        // Nothing compacted yet: the document is saved afresh.
        assert_eq!(node.groups[&id].saved_heads, None);
        let (doc, sigs) = node.document_for_peer(&id).unwrap();
        assert!(is_whole_group(&node, &id, &doc, sigs));
        node.compact_logged(Duration::from_secs(60));
        id
    };
    let mut node = LocalNode::open(tmp.path()).unwrap();
    let heads = node.group(&id).unwrap().heads();
    assert_eq!(node.groups[&id].saved_heads.as_ref(), Some(&heads));
    let stored = node.groups[&id].store.read_snapshot().unwrap().unwrap();
    let (doc, sigs) = node.document_for_peer(&id).unwrap();
    assert_eq!(doc, stored.doc, "the stored document is sent as it is");
    assert!(is_whole_group(&node, &id, &doc, sigs));

    // A post later the stored document is behind: a fresh save goes out.
    post(&mut node, &id);
    let (doc, sigs) = node.document_for_peer(&id).unwrap();
    assert_ne!(doc, stored.doc);
    assert!(is_whole_group(&node, &id, &doc, sigs));

    // A snapshot that cannot be read back is passed over for a fresh save.
    node.compact_logged(Duration::from_secs(60));
    let path = tmp.path().join("groups").join(id.to_hex()).join("snapshot");
    let mut bytes = std::fs::read(&path).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&path, bytes).unwrap();
    let (doc, sigs) = node.document_for_peer(&id).unwrap();
    assert!(is_whole_group(&node, &id, &doc, sigs));
}

#[test]
fn callers_are_remembered_only_when_this_device_has_reason_to_reach_them() {
    let tmp = tempfile::tempdir().unwrap();
    let mut node = named(tmp.path());
    let id = node.create_group(&new_group()).unwrap();
    let device = |b: u8| DeviceKey::from_bytes(&[b; 32]).id();
    let (member, stranger, inviter) = (device(5), device(6), device(7));
    node.act(&id, |g, now| {
        g.add_member(now, member, "Bea", causeway_core::Role::Member)
    })
    .unwrap();
    let at = |id: DeviceId| crate::address::PeerAddress {
        id,
        direct: vec!["127.0.0.1:4000".parse().unwrap()],
        relay: None,
    };
    let call = |node: &mut LocalNode, who: DeviceId| {
        if node.caller_is_news(&at(who)) {
            node.remember_address(&at(who)).unwrap();
        }
    };
    for who in [member, stranger, inviter] {
        call(&mut node, who);
    }
    assert!(!node.caller_is_news(&at(member)), "nothing new: no rewrite");
    assert_eq!(node.address_of(member).direct, at(member).direct);
    assert!(node.address_of(stranger).direct.is_empty());
    assert!(node.address_of(inviter).direct.is_empty());

    // A device this one joins through is reached again: it is remembered.
    let other_group = GroupId::from_bytes([9; 32]);
    node.prepare_join(other_group, inviter).unwrap();
    call(&mut node, inviter);
    assert_eq!(node.address_of(inviter).direct, at(inviter).direct);

    // What this device is told on purpose (an invite's address) is always kept.
    node.remember_address(&at(stranger)).unwrap();
    assert_eq!(node.address_of(stranger).direct, at(stranger).direct);
}

#[test]
fn compaction_keeps_everything_and_the_same_actor() {
    let tmp = tempfile::tempdir().unwrap();
    let id = {
        let mut node = named(tmp.path());
        let id = node.create_group(&new_group()).unwrap();
        // Enough bytes to pass the 1 MiB compaction threshold.
        let body = "x".repeat(15_000);
        for _ in 0..80 {
            let item = new_item_id().unwrap();
            node.act(&id, |g, now| g.post(now, item, "t", &body, "en"))
                .unwrap();
        }
        id
    };
    let mut node = LocalNode::open(tmp.path()).unwrap();
    assert_eq!(node.group(&id).unwrap().posts().len(), 80);
    let item = new_item_id().unwrap();
    node.act(&id, |g, now| g.post(now, item, "after", "reopen", "en"))
        .unwrap();
    let actors: std::collections::HashSet<_> = node
        .group(&id)
        .unwrap()
        .doc()
        .get_changes(&[])
        .iter()
        .map(|c| c.actor_id().clone())
        .collect();
    assert_eq!(
        actors.len(),
        1,
        "one actor per device and group, across restarts"
    );
}

#[test]
fn heads_shared_about_a_document_survive_a_restart_apart_from_the_groups() {
    let tmp = tempfile::tempdir().unwrap();
    let peer = causeway_core::DeviceKey::from_bytes(&[5; 32]).id();
    let group = causeway_core::GroupId::from_bytes([6; 32]);
    let (doc, other) = (
        causeway_core::DocId::from_bytes([7; 32]),
        causeway_core::DocId::from_bytes([8; 32]),
    );
    let heads = vec![ChangeHash([9; 32])];
    {
        let mut node = LocalNode::open(tmp.path()).unwrap();
        node.set_doc_shared_heads(peer, &group, &doc, &heads)
            .unwrap();
    }
    let node = LocalNode::open(tmp.path()).unwrap();
    assert_eq!(node.doc_shared_heads(peer, &group, &doc), heads);
    assert!(node.doc_shared_heads(peer, &group, &other).is_empty());
    assert!(node.shared_heads(peer, &group).is_empty());
}

#[test]
fn a_documents_summary_is_kept_and_found_again_when_its_files_changed_meanwhile() {
    use causeway_core::docs::Edit;
    let tmp = tempfile::tempdir().unwrap();
    let type_in = |n: &mut LocalNode, g: &GroupId, d: &causeway_core::DocId, s: &str| {
        let at = n.document(g, d).unwrap().len();
        n.edit_document(
            g,
            d,
            &[Edit::Splice {
                at,
                delete: 0,
                insert: s.into(),
            }],
        )
        .unwrap();
    };
    let (g, d) = {
        let mut n = named(tmp.path());
        let g = n.create_group(&new_group()).unwrap();
        let (d, _, _) = n.create_document(&g, "Minutes", None).unwrap();
        type_in(&mut n, &g, &d, "Bridge at ten");
        let s = n.document_summaries(&g);
        assert_eq!(s[&d].chars, 13);
        assert_eq!(s[&d].last_by, Some(n.device_id()));
        n.save_document_summaries();
        (g, d)
    };
    // Read back without opening the document.
    let mut n = LocalNode::open(tmp.path()).unwrap();
    assert_eq!(n.document_summaries(&g)[&d].chars, 13);
    assert!(n.open_document(&g, &d).is_none(), "the entry stood");
    // Written to without the summaries being saved (a process that stopped first): the
    // next run finds the files changed and reads the document again.
    type_in(&mut n, &g, &d, ", gloves");
    drop(n);
    let mut n = LocalNode::open(tmp.path()).unwrap();
    assert_eq!(n.document_summaries(&g)[&d].chars, 21);
}

#[test]
fn a_strangers_bundle_for_a_group_is_refused_change_by_change_and_nothing_is_lost() {
    let (ta, ts) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut amara = named(ta.path());
    let g = amara.create_group(&new_group()).unwrap();
    let item = new_item_id().unwrap();
    amara
        .act(&g, |grp, now| {
            grp.post(now, item, "", "Bridge at ten", "en")
        })
        .unwrap();
    let before = amara.group(&g).unwrap().heads();
    // A stranger's own group's changes, dressed as a bundle of Amara's group.
    let mut stranger = named(ts.path());
    let theirs = stranger.create_group(&new_group()).unwrap();
    let mut bundle = stranger.write_bundle(&theirs, None).unwrap();
    bundle.group = g;
    let bytes = bundle.encode();
    let (group, taken) = amara
        .read_bundle(crate::bundle::Bundle::decode(&bytes).unwrap())
        .unwrap();
    assert_eq!(group, g);
    assert_eq!(taken.accepted, 0, "{taken:?}");
    assert!(taken.refused + taken.waiting > 0, "{taken:?}");
    assert_eq!(amara.group(&g).unwrap().heads(), before);
    assert_eq!(amara.group(&g).unwrap().posts().len(), 1);
}
