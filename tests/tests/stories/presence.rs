//! Who is connected: Amara's window says Bruno's device is connected exactly while a
//! connection to it is open. When his node stops, it says so at once; when his process is
//! killed (no word to anyone), it says so as soon as the connection times out, within
//! seconds. Real endpoints on 127.0.0.1, relays off; the test waits for snapshot events,
//! never sleeps.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use causeway_tests::*;

use causeway_core::{DeviceId, Profile, Visibility};
use causeway_sync::protocols::limits::KEEP_ALIVE;
use causeway_sync::views::Reach;
use causeway_sync::{LocalNode, Network, Node};

/// How long a device that went away may still show as connected. Well under the 90 s during
/// which a device used to count as connected after its last session, and above the QUIC idle
/// timeout plus one keep-alive (13 s) after which a silent device's connection is given up.
const GONE_WITHIN: Duration = Duration::from_secs(20);

const CHILD_DIR: &str = "CAUSEWAY_PRESENCE_CHILD_DIR";
const CHILD_TICKET: &str = "CAUSEWAY_PRESENCE_TICKET";

/// Waits, snapshot event by snapshot event, until `node`'s view of `who` satisfies `done`,
/// for at most `within`. Returns what it says then.
async fn until_reach(
    node: &Node,
    who: DeviceId,
    what: &str,
    within: Duration,
    done: impl Fn(Reach) -> bool,
) -> Reach {
    let mut events = node.subscribe();
    tokio::time::timeout(within, async {
        loop {
            let reach = node.snapshot().reach(who);
            if done(reach) {
                return reach;
            }
            // A lagging receiver just looks again.
            let _ = events.recv().await;
        }
    })
    .await
    .unwrap_or_else(|_| {
        panic!(
            "{what}: not within {within:?} (it still says {:?})",
            node.snapshot().reach(who)
        )
    })
}

fn connected(r: Reach) -> bool {
    matches!(r, Reach::Connected { .. })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_whose_node_stops_shows_as_gone_at_once() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (amara, bruno, _group) = invited_pair(da.path(), db.path(), "Garden").await;
    let (a, b) = (amara.device_id(), bruno.device_id());

    // Bruno's device dialed Amara's to join and keeps that connection: both see the other
    // connected, directly.
    let seen = until_reach(&amara, b, "Amara sees Bruno", GONE_WITHIN, connected).await;
    assert_eq!(seen, Reach::Connected { relayed: false });
    let seen = until_reach(&bruno, a, "Bruno sees Amara", GONE_WITHIN, connected).await;
    assert_eq!(seen, Reach::Connected { relayed: false });

    // What Amara's node runs with: loopback, no relay.
    let running = amara.snapshot().running.clone();
    assert_eq!(running.mode, Some(Network::Loopback));
    assert!(running.home_relays.is_empty(), "{running:?}");
    assert!(running.connected_relay().is_none());

    // Bruno closes the app: his node stops and closes its connections.
    let stopped = Instant::now();
    bounded("Bruno's node stops", bruno.shutdown()).await;
    let after = until_reach(&amara, b, "Amara sees Bruno gone", GONE_WITHIN, |r| {
        !connected(r)
    })
    .await;
    let took = stopped.elapsed();
    println!("a stopped device showed as gone after {took:?}");
    assert!(
        matches!(after, Reach::SeenAt(_)),
        "last seen, not unreachable: nothing tried to reach him ({after:?})"
    );
    bounded("shutdown", amara.shutdown()).await;
}

/// Runs only as the child process of the next story: Bruno joins Amara's group with the
/// ticket given, says so, and runs until he is killed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presence_child_joins_and_runs_until_killed() {
    let (Ok(dir), Ok(ticket)) = (std::env::var(CHILD_DIR), std::env::var(CHILD_TICKET)) else {
        return;
    };
    let mut local = LocalNode::open(std::path::Path::new(&dir)).unwrap();
    local
        .set_profile(Profile {
            display_name: "Bruno".into(),
            ..Profile::default()
        })
        .unwrap();
    let bruno = bounded("starting a node", Node::start(local, Network::Loopback))
        .await
        .unwrap();
    bounded("Bruno joins", bruno.join(&ticket)).await.unwrap();
    println!("joined {}", bruno.device_id().to_hex());
    // Not a wait for anything: the process runs, as the app would, until it is killed.
    std::future::pending::<()>().await;
}

/// Bruno's process, killed when the story ends however it ends (a failed step included).
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_whose_process_is_killed_shows_as_gone_within_seconds() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let amara = person(da.path(), "Amara", Network::Loopback).await;
    let group = create_group(&amara, "Kitchen", Visibility::Invite);
    let ticket = amara.create_invite(group, None, None).unwrap();

    // Bruno's device is another process, which joins and keeps its connection to Amara's.
    let mut child = KillOnDrop(
        Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "presence::presence_child_joins_and_runs_until_killed",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DIR, db.path())
            .env(CHILD_TICKET, &ticket)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let stdout = child.0.stdout.take().unwrap();
    let joined = bounded(
        "Bruno's process joins",
        tokio::task::spawn_blocking(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                // The test harness may have begun the line with the test's name.
                .find_map(|l| l.split_once("joined ").map(|(_, id)| id.trim().to_string()))
        }),
    )
    .await
    .unwrap()
    .expect("Bruno's process ended before it joined");
    let b = DeviceId::from_hex(&joined).unwrap();
    let seen = until_reach(&amara, b, "Amara sees Bruno", GONE_WITHIN, connected).await;
    assert_eq!(seen, Reach::Connected { relayed: false });

    // His laptop dies: SIGKILL, nothing is said on the connection.
    child.0.kill().unwrap();
    let killed = Instant::now();
    let killed_at = causeway_sync::now();
    child.0.wait().unwrap();
    let after = until_reach(
        &amara,
        b,
        "Amara sees killed Bruno gone",
        GONE_WITHIN,
        |r| !connected(r),
    )
    .await;
    let took = killed.elapsed();
    println!("a killed device showed as gone after {took:?}");
    let Reach::SeenAt(at) = after else {
        panic!("last seen, not unreachable: nothing tried to reach him ({after:?})");
    };
    // Last seen about when he was last heard (before the kill, or one keep-alive after: see
    // `KEEP_ALIVE`), not when his connection timed out seconds later. A second of slack for
    // a busy machine.
    let latest = killed_at.0 + KEEP_ALIVE.as_millis() as i64 + 1_000;
    assert!(
        at.0 <= latest,
        "last seen {} ms after the kill",
        at.0 - killed_at.0
    );
    bounded("shutdown", amara.shutdown()).await;
}
