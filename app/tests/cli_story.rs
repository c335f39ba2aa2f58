//! The command-line story, through the real `causeway` binary in separate processes with
//! separate data folders, on 127.0.0.1 only (`CAUSEWAY_NETWORK=loopback`). Amara runs an
//! always-on node; her other commands reach it through its control socket.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use wait_timeout::ChildExt;

const BIN: &str = env!("CARGO_BIN_EXE_causeway");
const LIMIT: Duration = Duration::from_secs(60);

fn causeway(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let mut child = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("CAUSEWAY_NETWORK", "loopback")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let status = child.wait_timeout(LIMIT).unwrap().unwrap_or_else(|| {
        child.kill().unwrap();
        panic!("causeway {args:?} did not finish within {LIMIT:?}")
    });
    let (mut out, mut err) = (String::new(), String::new());
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut out)
        .unwrap();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (
        status.success(),
        out.trim().to_string(),
        err.trim().to_string(),
    )
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let (success, out, err) = causeway(dir, args);
    assert!(success, "causeway {args:?} failed: {err}");
    out
}

fn start_node(dir: &Path) -> Child {
    let mut child = Command::new(BIN)
        .arg("--data-dir")
        .arg(dir)
        .arg("node")
        .env("CAUSEWAY_NETWORK", "loopback")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The node prints its id once it serves; wait for that line, bounded.
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(LIMIT).expect("the node did not start");
    assert_eq!(
        line.trim().len(),
        64,
        "the node prints its device id first: {line:?}"
    );
    child
}

fn stop(mut node: Child) {
    let term = Command::new("kill")
        .args(["-TERM", &node.id().to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let status = node
        .wait_timeout(LIMIT)
        .unwrap()
        .expect("the node did not stop on SIGTERM");
    assert!(
        status.success(),
        "the node stops cleanly on SIGTERM: {status:?}"
    );
}

#[test]
fn amara_runs_a_node_bruno_joins_from_the_command_line_and_both_feeds_agree() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (a.path(), b.path());
    ok(a, &["profile", "set-name", "Amara"]);
    let group = ok(
        a,
        &[
            "group",
            "create",
            "River clean-up",
            "--mission",
            "Clean water",
            "--cause",
            "environment",
        ],
    );
    assert_eq!(group.len(), 64);

    // Without a running node, an invite would point nowhere: a sentence says what to do.
    let (success, _, err) = causeway(a, &["invite", "create", &group]);
    assert!(!success && err.contains("Start `causeway node`"), "{err}");

    let node = start_node(a);
    // These reach the running node through its control socket.
    let ticket = ok(
        a,
        &["invite", "create", &group, "--uses", "2", "--expires", "7d"],
    );
    assert!(ticket.starts_with("cw1"));
    ok(
        a,
        &["post", "River clean-up", "Saturday 10am at the bridge"],
    );

    ok(b, &["profile", "set-name", "Bruno"]);
    let joined = ok(b, &["join", &ticket]);
    assert!(joined.contains("joined"), "{joined}");
    ok(
        b,
        &["post", &group, "I'll bring gloves", "--title", "Gloves"],
    );
    let sync = ok(b, &["sync", "--timeout", "30"]);
    assert!(sync.contains("received 0, sent 1, refused 0"), "{sync}");

    let feed_a = ok(a, &["feed", &group]);
    let feed_b = ok(b, &["feed", &group]);
    assert_eq!(feed_a, feed_b);
    assert!(
        feed_a.contains("Amara: Saturday 10am at the bridge")
            && feed_a.contains("Bruno: Gloves — I'll bring gloves"),
        "{feed_a}"
    );

    let members: serde_json::Value =
        serde_json::from_str(&ok(a, &["members", &group, "--json"])).unwrap();
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
    let paths = ok(a, &["export", &group, out.path().to_str().unwrap()]);
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

    // Amara removes Bruno: his next sync is refused, with a sentence and a failure exit code
    // for the member, and the command itself still reports per member.
    ok(
        a,
        &[
            "member",
            "remove",
            &group,
            &bruno_id,
            "--reason",
            "moved away",
        ],
    );
    let after = ok(b, &["sync", &group]);
    assert!(after.contains("not a member"), "{after}");

    // Errors are sentences with a non-zero exit code.
    let (success, _, err) = causeway(b, &["feed", "no such group"]);
    assert!(!success && err.contains("o group here matches"), "{err}");
    let (success, _, err) = causeway(b, &["join", "cw1garbage"]);
    assert!(
        !success && err.contains("copy the whole invite again"),
        "{err}"
    );

    stop(node);
    // After the node stopped, commands open the folder themselves.
    assert!(ok(a, &["feed", &group]).contains("I'll bring gloves"));
}
