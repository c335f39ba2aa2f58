//! Amara and Bruno sync across a bad link: 10% of the packets lost in each direction, 150 ms
//! added to each (a 300 ms round trip), and the link down for 3 s in the middle of the
//! transfer. Bruno, a new member, fetches Amara's 300 posts; the sync completes, trying again
//! as the background rounds would when a session fails.
//!
//! Each side runs in a network namespace of its own; a third namespace between them holds the
//! link: a UDP relay that loses, delays and cuts packets (the only way through: the middle
//! namespace does not route). `tc netem` would do the same in the kernel, but the kernels of
//! this project's machines are built without it (CONFIG_NET_SCH_NETEM). The test needs root
//! for the namespaces; without the rights it says why it is skipped and passes. It removes
//! its namespaces at the end, also when it fails.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::net::SocketAddr;
use std::os::fd::AsFd;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use causeway_core::{GroupId, ItemId, Role, Visibility};
use causeway_sync::{Network, PeerAddress};
use causeway_tests::*;
use tokio::net::UdpSocket;

const POSTS: u64 = 300;
const LOSS: f64 = 0.10;
const DELAY: Duration = Duration::from_millis(150);
const OUTAGE: Duration = Duration::from_secs(3);

fn run(program: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(program)
        .args(args)
        .output()
        .map_err(|e| format!("`{program}` could not run: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "`{program} {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Three namespaces: Bruno's (10.201.1.1), the link's (10.201.1.2 and 10.201.2.2) and
/// Amara's (10.201.2.1), joined by two veth pairs. Removed when dropped.
struct Namespaces {
    names: [String; 3],
}

impl Namespaces {
    fn new() -> Result<Namespaces, String> {
        let tag = std::process::id() % 100_000;
        let ns = Namespaces {
            names: [
                format!("cw{tag}b"),
                format!("cw{tag}m"),
                format!("cw{tag}a"),
            ],
        };
        // From here on, Drop removes whatever was made.
        for n in &ns.names {
            run("ip", &["netns", "add", n])?;
        }
        for (side, (near, far)) in [(0usize, (1usize, 0usize)), (1, (1, 2))] {
            let (a, b) = (format!("cw{tag}x{side}"), format!("cw{tag}y{side}"));
            run(
                "ip",
                &["link", "add", &a, "type", "veth", "peer", "name", &b],
            )?;
            run("ip", &["link", "set", &a, "netns", &ns.names[near]])?;
            run("ip", &["link", "set", &b, "netns", &ns.names[far]])?;
            let net = side + 1;
            run(
                "ip",
                &[
                    "-n",
                    &ns.names[near],
                    "addr",
                    "add",
                    &format!("10.201.{net}.2/24"),
                    "dev",
                    &a,
                ],
            )?;
            run(
                "ip",
                &[
                    "-n",
                    &ns.names[far],
                    "addr",
                    "add",
                    &format!("10.201.{net}.1/24"),
                    "dev",
                    &b,
                ],
            )?;
            run("ip", &["-n", &ns.names[near], "link", "set", &a, "up"])?;
            run("ip", &["-n", &ns.names[far], "link", "set", &b, "up"])?;
        }
        for n in &ns.names {
            run("ip", &["-n", n, "link", "set", "lo", "up"])?;
        }
        Ok(ns)
    }
}

impl Drop for Namespaces {
    fn drop(&mut self) {
        for n in &self.names {
            let _ = run("ip", &["netns", "del", n]);
        }
    }
}

/// The link: relays UDP between Bruno (whoever sends to `front`) and Amara (`server`),
/// losing `LOSS` of the packets and delaying the rest by `DELAY`, each way; once
/// `down_after` bytes have gone towards Bruno, nothing passes for `OUTAGE`.
struct Link {
    lost: AtomicU64,
    passed: AtomicU64,
    cut: AtomicU64,
    down: AtomicBool,
    stop: tokio::sync::Notify,
}

async fn relay(
    front: SocketAddr,
    back: SocketAddr,
    server: SocketAddr,
    down_after: u64,
    link: Arc<Link>,
) {
    let front = Arc::new(UdpSocket::bind(front).await.unwrap());
    let back = Arc::new(UdpSocket::bind(back).await.unwrap());
    let mut rng = 0x5EED_0FBA_D000_0001_u64;
    let mut lose = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % 10_000) as f64 / 10_000.0 < LOSS
    };
    let mut client: Option<SocketAddr> = None;
    let mut towards_client = 0u64;
    let mut went_down = false;
    let (mut a, mut b) = (vec![0u8; 65_536], vec![0u8; 65_536]);
    loop {
        let (bytes, out, to) = tokio::select! {
            () = link.stop.notified() => return,
            r = front.recv_from(&mut a) => {
                let (n, from) = r.unwrap();
                client = Some(from);
                (a[..n].to_vec(), back.clone(), server)
            }
            r = back.recv_from(&mut b) => {
                let (n, _) = r.unwrap();
                let Some(c) = client else { continue };
                towards_client += n as u64;
                if !went_down && towards_client >= down_after {
                    went_down = true;
                    link.down.store(true, Ordering::SeqCst);
                    let l = link.clone();
                    tokio::spawn(async move {
                        tokio::time::sleep(OUTAGE).await;
                        l.down.store(false, Ordering::SeqCst);
                    });
                }
                (b[..n].to_vec(), front.clone(), c)
            }
        };
        if link.down.load(Ordering::SeqCst) {
            link.cut.fetch_add(1, Ordering::Relaxed);
            continue;
        }
        if lose() {
            link.lost.fetch_add(1, Ordering::Relaxed);
            continue;
        }
        link.passed.fetch_add(1, Ordering::Relaxed);
        tokio::spawn(async move {
            tokio::time::sleep(DELAY).await;
            let _ = out.send_to(&bytes, to).await;
        });
    }
}

/// Runs `f` on a thread of its own inside namespace `ns`: sockets it opens (and threads it
/// starts) live in that namespace.
fn in_netns<T: Send + 'static>(
    ns: &str,
    f: impl FnOnce() -> T + Send + 'static,
) -> std::thread::JoinHandle<T> {
    let path = format!("/var/run/netns/{ns}");
    std::thread::spawn(move || {
        let file = std::fs::File::open(&path).unwrap();
        rustix::thread::move_into_link_name_space(
            file.as_fd(),
            Some(rustix::thread::LinkNameSpaceType::Network),
        )
        .unwrap();
        f()
    })
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Text that does not compress much, so the transfer takes as long as its size says.
fn body(i: u64) -> String {
    let mut x = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..1000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (b'a' + (x % 26) as u8) as char
        })
        .collect()
}

#[test]
fn sync_completes_over_a_lossy_slow_link_that_goes_down_mid_sync() {
    let ns = match Namespaces::new() {
        Ok(n) => n,
        Err(why) => {
            println!("skipped: network namespaces need root: {why}");
            return;
        }
    };
    let dirs: Vec<_> = (0..2).map(|_| tempfile::tempdir().unwrap()).collect();
    let (amara_dir, bruno_dir) = (dirs[0].path().to_owned(), dirs[1].path().to_owned());
    let (bruno_id_tx, bruno_id_rx) = mpsc::channel();
    let (group_tx, group_rx) = mpsc::channel::<(GroupId, PeerAddress)>();
    let (relay_tx, relay_rx) = mpsc::channel::<(GroupId, PeerAddress)>();
    let (done_tx, done_rx) = mpsc::channel::<()>();
    let link = Arc::new(Link {
        lost: AtomicU64::new(0),
        passed: AtomicU64::new(0),
        cut: AtomicU64::new(0),
        down: AtomicBool::new(false),
        stop: tokio::sync::Notify::new(),
    });

    // Amara: creates the group, adds Bruno, writes the posts, serves until told to stop.
    let amara = in_netns(&ns.names[2], move || {
        runtime().block_on(async move {
            let at: SocketAddr = "10.201.2.1:0".parse().unwrap();
            let node = person(&amara_dir, "Amara", Network::Bound(at)).await;
            let group = create_group(&node, "Flood relief", Visibility::Invite);
            let bruno = bruno_id_rx.recv().unwrap();
            node.local_state(|n| {
                n.act(&group, |g, now| {
                    g.add_member(now, bruno, "Bruno", Role::Member)
                })
            })
            .unwrap()
            .unwrap();
            for i in 0..POSTS {
                let text = body(i);
                node.local_state(|n| {
                    n.act(&group, |g, now| {
                        g.post(now, ItemId::from_u64(i + 1), "", &text, "en")
                    })
                })
                .unwrap()
                .unwrap();
            }
            group_tx.send((group, node.address())).unwrap();
            tokio::task::spawn_blocking(move || done_rx.recv())
                .await
                .unwrap()
                .ok();
            bounded("Amara's shutdown", node.shutdown()).await;
        })
    });

    // Bruno: fetches the group through the link, trying again when a session fails.
    let bruno = in_netns(&ns.names[0], move || {
        runtime().block_on(async move {
            let at: SocketAddr = "10.201.1.1:0".parse().unwrap();
            let node = person(&bruno_dir, "Bruno", Network::Bound(at)).await;
            bruno_id_tx.send(node.device_id()).unwrap();
            let (group, amara) = tokio::task::spawn_blocking(move || relay_rx.recv())
                .await
                .unwrap()
                .unwrap();
            node.local_state(|n| n.prepare_join(group, amara.id))
                .unwrap()
                .unwrap();
            let started = Instant::now();
            let mut attempts = Vec::new();
            loop {
                let r =
                    tokio::time::timeout(Duration::from_secs(180), node.sync_group(group, &amara))
                        .await
                        .unwrap_or_else(|_| panic!("a session hung past 180 s"));
                attempts.push(r.as_ref().map(|o| o.received).map_err(ToString::to_string));
                let posts = node
                    .local_state(|n| n.group(&group).map_or(0, |g| g.posts().len()))
                    .unwrap();
                if posts as u64 == POSTS {
                    break;
                }
                assert!(attempts.len() < 6, "no full sync after {attempts:?}");
            }
            let took = started.elapsed();
            bounded("Bruno's shutdown", node.shutdown()).await;
            (took, attempts)
        })
    });
    // The link, between them: Bruno reaches Amara only through it.
    let (group, amara_at) = group_rx.recv_timeout(Duration::from_secs(120)).unwrap();
    let server = amara_at.direct[0];
    let front: SocketAddr = "10.201.1.2:7000".parse().unwrap();
    let relay_link = link.clone();
    let relay_thread = in_netns(&ns.names[1], move || {
        runtime().block_on(relay(
            front,
            "10.201.2.2:0".parse().unwrap(),
            server,
            POSTS * 250,
            relay_link,
        ));
    });
    relay_tx
        .send((
            group,
            PeerAddress {
                id: amara_at.id,
                direct: vec![front],
                relay: None,
            },
        ))
        .unwrap();

    let (took, attempts) = bruno.join().expect("Bruno's side failed");
    done_tx.send(()).unwrap();
    amara.join().expect("Amara's side failed");
    link.stop.notify_one();
    relay_thread.join().expect("the link failed");
    let (lost, passed, cut) = (
        link.lost.load(Ordering::Relaxed),
        link.passed.load(Ordering::Relaxed),
        link.cut.load(Ordering::Relaxed),
    );
    assert!(cut > 0, "the link never went down during the transfer");
    println!(
        "{POSTS} posts over {:.0}% loss, 300 ms round trip, {} s outage: synced in {:.1} s; sessions: {attempts:?}; packets passed {passed}, lost {lost}, cut {cut}",
        LOSS * 100.0,
        OUTAGE.as_secs(),
        took.as_secs_f64()
    );
}
