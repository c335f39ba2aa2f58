//! A workshop with no internet: two laptops on one local network, nothing else. Each person runs
//! the real `causeway` binary inside their own Linux network namespace, joined by a virtual
//! Ethernet cable (veth) and nothing more, in the ordinary network mode with relays off and
//! local network discovery (mDNS) on. The invite carries no address at all, so Bruno can only
//! find Amara's device by asking the local network; after Amara restarts on a new port (another
//! program took hers), he
//! finds her again the same way.
//!
//! Creating namespaces needs CAP_NET_ADMIN (root in CI); without it the test says so and passes
//! without running. Nothing here can reach beyond the two namespaces: they have no route out.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use crate::support::{Namespaces, Person, stop};
use causeway_sync::invites::Ticket;

/// Two network namespaces joined by a veth pair, or why they cannot be made.
fn lan() -> Result<Namespaces, String> {
    let tag = std::process::id();
    let (a, b) = (format!("cw-lan-{tag}-a"), format!("cw-lan-{tag}-b"));
    let (va, vb) = (format!("cwa{tag}"), format!("cwb{tag}"));
    let (va, vb) = (&va[..va.len().min(15)], &vb[..vb.len().min(15)]);
    let steps: Vec<Vec<&str>> = vec![
        vec![
            "link", "add", va, "netns", &a, "type", "veth", "peer", "name", vb, "netns", &b,
        ],
        vec!["-n", &a, "addr", "add", "10.77.0.1/24", "dev", va],
        vec!["-n", &b, "addr", "add", "10.77.0.2/24", "dev", vb],
        vec!["-n", &a, "link", "set", "lo", "up"],
        vec!["-n", &b, "link", "set", "lo", "up"],
        vec!["-n", &a, "link", "set", va, "up"],
        vec!["-n", &b, "link", "set", vb, "up"],
        // Like a workshop router with no uplink: everything goes onto the cable, and the
        // other side forwards nothing.
        vec!["-n", &a, "route", "add", "default", "dev", va],
        vec!["-n", &b, "route", "add", "default", "dev", vb],
    ];
    let steps: Vec<Vec<String>> = steps
        .iter()
        .map(|s| s.iter().map(ToString::to_string).collect())
        .collect();
    Namespaces::new(vec![a.clone(), b.clone()], &steps)
}

#[test]
fn a_workshop_without_internet_finds_each_other_on_the_local_network() {
    let lan = match lan() {
        Ok(lan) => lan,
        Err(why) => {
            eprintln!(
                "SKIPPED lan_story: network namespaces are not available here ({why}); \
                 run as root (or with CAP_NET_ADMIN) to test local network discovery"
            );
            return;
        }
    };
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let a = Person::in_netns(dir_a.path(), &lan.names[0]);
    let b = Person::in_netns(dir_b.path(), &lan.names[1]);

    a.ok(&["profile", "set-name", "Amara"]);
    let group = a.ok(&["group", "create", "Repair café"]);
    let node = a.start_node();
    a.ok(&["post", &group, "Tools are on the back table"]);

    // The invite, with every address taken out: only the local network can say where Amara is.
    let ticket = a.ok(&["invite", "create", &group]);
    let mut bare = Ticket::parse(&ticket).unwrap();
    assert!(!bare.inviter.direct.is_empty(), "the node gave its address");
    bare.inviter.direct.clear();
    bare.inviter.relay = None;

    b.ok(&["profile", "set-name", "Bruno"]);
    let joined = b.ok(&["join", &bare.to_text()]);
    assert!(joined.contains("joined"), "{joined}");
    assert!(
        b.ok(&["feed", &group])
            .contains("Amara: Tools are on the back table")
    );

    // Amara's device restarts, and finds its port taken by another program: it comes back on a
    // new one. She posts while Bruno's copy knows only the old address. His next round finds
    // her again through the local network.
    let ipv4 = |a: &crate::support::Person| -> std::net::SocketAddr {
        let id: serde_json::Value = serde_json::from_str(&a.ok(&["id", "--json"])).unwrap();
        id["addresses"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a.as_str()?.parse::<std::net::SocketAddr>().ok())
            .find(std::net::SocketAddr::is_ipv4)
            .unwrap()
    };
    let old = ipv4(&a);
    stop(node);
    let _taken = crate::support::udp_socket_in(&lan.names[0], old.port());
    let node = a.start_node();
    assert_ne!(ipv4(&a), old, "the port was taken: a new one");
    a.ok(&["post", &group, "Soldering starts at 3"]);
    b.ok(&["post", &group, "I brought a multimeter"]);
    // (Amara's own background round may reach Bruno's device first: it kept its port. Either
    // way the two meet, though neither knew where the other was now.)
    let round = b.ok(&["sync", &group, "--timeout", "30"]);
    assert!(round.contains("Reached 1 of 1 members."), "{round}");
    let (feed_a, feed_b) = (a.ok(&["feed", &group]), b.ok(&["feed", &group]));
    assert_eq!(feed_a, feed_b);
    assert!(
        feed_b.contains("Amara: Soldering starts at 3")
            && feed_b.contains("Bruno: I brought a multimeter"),
        "{feed_b}"
    );
    stop(node);
}
