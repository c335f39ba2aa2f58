//! The command-line story, through the real `causeway` binary in separate processes with
//! separate data folders, on 127.0.0.1 only (`CAUSEWAY_NETWORK=loopback`). Amara runs an
//! always-on node; her other commands reach it through its control socket.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use crate::support::{Person, stop};

#[test]
fn amara_runs_a_node_bruno_joins_from_the_command_line_and_both_feeds_agree() {
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (
        Person::loopback(dir_a.path()),
        Person::loopback(dir_b.path()),
    );
    a.ok(&["profile", "set-name", "Amara"]);
    let group = a.ok(&[
        "group",
        "create",
        "River clean-up",
        "--mission",
        "Clean water",
        "--cause",
        "environment",
    ]);
    assert_eq!(group.len(), 64);

    // Without a running node, an invite would point nowhere: a sentence says what to do.
    let (success, _, err) = a.run(&["invite", "create", &group]);
    assert!(!success && err.contains("Start `causeway node`"), "{err}");

    let node = a.start_node();
    // These reach the running node through its control socket.
    let ticket = a.ok(&["invite", "create", &group, "--uses", "2", "--expires", "7d"]);
    assert!(ticket.starts_with("cw1"));
    a.ok(&["post", "River clean-up", "Saturday 10am at the bridge"]);

    b.ok(&["profile", "set-name", "Bruno"]);
    let joined = b.ok(&["join", &ticket]);
    assert!(joined.contains("joined"), "{joined}");
    b.ok(&["post", &group, "I'll bring gloves", "--title", "Gloves"]);
    let sync = b.ok(&["sync", "--timeout", "30"]);
    assert!(sync.contains("received 0, sent 1, refused 0"), "{sync}");

    let feed_a = a.ok(&["feed", &group]);
    let feed_b = b.ok(&["feed", &group]);
    assert_eq!(feed_a, feed_b);
    assert!(
        feed_a.contains("Amara: Saturday 10am at the bridge")
            && feed_a.contains("Bruno: Gloves — I'll bring gloves"),
        "{feed_a}"
    );

    // Comments and reactions from the command line too.
    let feed: serde_json::Value = serde_json::from_str(&a.ok(&["feed", &group, "--json"])).unwrap();
    let gloves = feed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "Gloves")
        .unwrap()["post_id"]
        .as_str()
        .unwrap()
        .to_string();
    let comment = a.ok(&["comment", &group, &gloves, "Thank you!"]);
    assert_eq!(comment.len(), 16, "{comment}");
    a.ok(&["react", &group, &gloves, "👍"]);
    let (success, _, err) = a.run(&["comment", &group, "0123456789abcdef", "to nothing"]);
    assert!(!success && !err.is_empty());

    let members: serde_json::Value =
        serde_json::from_str(&a.ok(&["members", &group, "--json"])).unwrap();
    assert_eq!(members.as_array().unwrap().len(), 2);
    let bruno_id = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "Bruno")
        .unwrap()["device_id"]
        .as_str()
        .unwrap()
        .to_string();

    // Export: JSON plus a file plain Automerge opens.
    let out = tempfile::tempdir().unwrap();
    let paths = a.ok(&["export", &group, out.path().to_str().unwrap()]);
    let automerge_path = paths.lines().find(|l| l.ends_with(".automerge")).unwrap();
    let doc = automerge::Automerge::load(&std::fs::read(automerge_path).unwrap()).unwrap();
    use automerge::ReadDoc;
    let posts = match doc.get(automerge::ROOT, "posts").unwrap() {
        Some((automerge::Value::Object(_), id)) => id,
        other => panic!("no posts in the export: {other:?}"),
    };
    assert_eq!(
        doc.keys(&posts).count(),
        2,
        "both posts are in the exported document"
    );

    // Amara removes Bruno: his next sync is refused, with a sentence for the member and the
    // exit code that says no member was synced (2).
    a.ok(&[
        "member",
        "remove",
        &group,
        &bruno_id,
        "--reason",
        "moved away",
    ]);
    let (code, after, _) = b.run_code(&["sync", &group]);
    assert!(after.contains("not a member"), "{after}");
    assert_eq!(code, Some(2), "no member was reached: {after}");

    // Errors are sentences with a non-zero exit code.
    let (success, _, err) = b.run(&["feed", "no such group"]);
    assert!(!success && err.contains("o group here matches"), "{err}");
    let (success, _, err) = b.run(&["join", "cw1garbage"]);
    assert!(
        !success && err.contains("copy the whole invite again"),
        "{err}"
    );

    stop(node);
    // After the node stopped, commands open the folder themselves.
    assert!(a.ok(&["feed", &group]).contains("I'll bring gloves"));
}
