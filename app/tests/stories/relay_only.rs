//! Dara's everyday setting: direct paths are blocked and the group goes through a relay of
//! its own. Three network namespaces: Amara's, Bruno's, and between them the relay's, where
//! iroh's relay server (the `iroh-relay` crate's, over plain HTTP as with `iroh-relay --dev`)
//! listens on 10.88.0.1:3340. Amara and Bruno can each reach only that address; the relay's
//! namespace forwards nothing, so no packet goes from one to the other except through the
//! relay. Both run the real `causeway` binary with `--relay http://10.88.0.1:3340 --no-lan`.
//!
//! Bruno joins, receives Amara's post and sends his own; then rounds with nothing to exchange
//! end within a few seconds (they took 28 s when a fresh process knew no relay for Amara and
//! waited until her node happened to call). Amara's node restarts and is reached again.
//!
//! Creating namespaces needs CAP_NET_ADMIN (root in CI); without it the test says so and passes
//! without running.
#![cfg(target_os = "linux")]

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use crate::support::{Namespaces, Person, in_netns, stop};

const RELAY: &str = "http://10.88.0.1:3340";
/// How long a round with nothing to exchange may take through the relay. On loopback it
/// takes 0.1 s; this leaves room for a loaded CI machine, and catches any wait for a path
/// or a lookup that cannot come (that cost 25 s).
const QUIET_ROUND: Duration = Duration::from_secs(8);

/// Amara's namespace, the relay's, Bruno's (in that order), or why they cannot be made.
fn net() -> Result<Namespaces, String> {
    let tag = std::process::id() % 100_000;
    let [a, r, b] = [
        format!("cw{tag}ra"),
        format!("cw{tag}rr"),
        format!("cw{tag}rb"),
    ];
    let mut steps: Vec<Vec<String>> = Vec::new();
    let mut step = |args: &[&str]| steps.push(args.iter().map(ToString::to_string).collect());
    for (side, ns, subnet) in [("a", &a, 1), ("b", &b, 2)] {
        let (near, far) = (format!("cw{tag}{side}0"), format!("cw{tag}{side}1"));
        let (here, there) = (format!("10.88.{subnet}.1"), format!("10.88.{subnet}.2"));
        step(&[
            "link", "add", &near, "netns", ns, "type", "veth", "peer", "name", &far, "netns", &r,
        ]);
        step(&["-n", ns, "addr", "add", &format!("{here}/24"), "dev", &near]);
        step(&["-n", &r, "addr", "add", &format!("{there}/24"), "dev", &far]);
        step(&["-n", ns, "link", "set", &near, "up"]);
        step(&["-n", &r, "link", "set", &far, "up"]);
        step(&["-n", ns, "link", "set", "lo", "up"]);
        // The one place this side can reach: the relay.
        step(&["-n", ns, "route", "add", "10.88.0.1/32", "via", &there]);
    }
    step(&["-n", &r, "link", "set", "lo", "up"]);
    step(&["-n", &r, "addr", "add", "10.88.0.1/32", "dev", "lo"]);
    // The relay's namespace passes nothing on between Amara's and Bruno's.
    step(&[
        "netns",
        "exec",
        &r,
        "sh",
        "-c",
        "echo 0 > /proc/sys/net/ipv4/ip_forward",
    ]);
    Namespaces::new(vec![a, r, b], &steps)
}

/// Runs iroh's relay server inside namespace `ns` on a thread of its own, until the returned
/// sender is dropped.
fn relay_server(ns: &str) -> std::sync::mpsc::Sender<()> {
    let (stop_tx, stop_rx) = std::sync::mpsc::channel::<()>();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    in_netns(ns, move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let mut config = iroh_relay::server::ServerConfig::default();
            config.relay = Some(iroh_relay::server::RelayConfig::new(SocketAddr::from((
                [10, 88, 0, 1],
                3340,
            ))));
            let server = iroh_relay::server::Server::spawn(config).await.unwrap();
            ready_tx.send(()).unwrap();
            let _ = tokio::task::spawn_blocking(move || stop_rx.recv()).await;
            let _ = server.shutdown().await;
        });
    });
    ready_rx
        .recv_timeout(Duration::from_secs(30))
        .expect("the relay server did not start");
    stop_tx
}

/// A sync round that must reach Amara: its output and how long it took.
fn round(b: &Person, group: &str) -> (String, Duration) {
    let started = Instant::now();
    let out = b.ok(&["sync", group, "--timeout", "30"]);
    (out, started.elapsed())
}

#[test]
fn members_who_reach_each_other_only_through_their_own_relay_sync_in_seconds() {
    let net = match net() {
        Ok(net) => net,
        Err(why) => {
            eprintln!(
                "SKIPPED relay_only: network namespaces are not available here ({why}); \
                 run as root (or with CAP_NET_ADMIN) to test syncing through a relay"
            );
            return;
        }
    };
    let _relay = relay_server(&net.names[1]);
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = Person::in_netns_via_relay(dir_a.path(), &net.names[0], RELAY);
    let b = Person::in_netns_via_relay(dir_b.path(), &net.names[2], RELAY);

    a.ok(&["profile", "set-name", "Amara"]);
    let group = a.ok(&["group", "create", "Safe house"]);
    let node = a.start_node();
    a.ok(&["post", &group, "Meeting moved to the library"]);
    let ticket = a.ok(&["invite", "create", &group]);
    let parsed = causeway_sync::invites::Ticket::parse(&ticket).unwrap();
    assert_eq!(
        parsed
            .inviter
            .relay
            .as_deref()
            .map(|u| u.trim_end_matches('/')),
        Some(RELAY),
        "the invite names the relay"
    );

    b.ok(&["profile", "set-name", "Bruno"]);
    let joined = b.ok(&["join", &ticket]);
    assert!(joined.contains("joined"), "{joined}");
    assert!(
        b.ok(&["feed", &group])
            .contains("Amara: Meeting moved to the library")
    );

    // Bruno writes; a round brings it to Amara. (Her node's background round may reach his
    // device first; either way the post arrives.)
    b.ok(&["post", &group, "I will bring the keys"]);
    let (out, took) = round(&b, &group);
    assert!(out.contains("Reached 1 of 1 members."), "{out}");
    eprintln!("relay_only: a round that sent one post took {took:?}");
    assert!(
        a.ok(&["feed", &group])
            .contains("Bruno: I will bring the keys")
    );

    // Rounds with nothing to exchange, each in a fresh process that starts knowing only
    // what the data folder remembers.
    for n in 1..=3 {
        let (out, took) = round(&b, &group);
        eprintln!("relay_only: quiet round {n} took {took:?}: {out}");
        assert!(out.contains("up to date"), "{out}");
        assert!(
            took < QUIET_ROUND,
            "a round with nothing to exchange took {took:?} through the relay"
        );
    }

    // Amara's device restarts; Bruno's next round reaches it again.
    stop(node);
    let node = a.start_node();
    a.ok(&["post", &group, "Library, room 2"]);
    let (out, took) = round(&b, &group);
    eprintln!("relay_only: the round after Amara's restart took {took:?}: {out}");
    assert!(out.contains("Reached 1 of 1 members."), "{out}");
    assert!(b.ok(&["feed", &group]).contains("Amara: Library, room 2"));
    stop(node);
}
