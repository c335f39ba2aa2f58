//! Amara's laptop loses power while she posts and takes in Bruno's posts: every post the app
//! confirmed is still there.
//!
//! A real child process opens the data folder and, in a loop, posts, and takes in a post of
//! Bruno's as a sync session stores it (`LocalNode::ingest`, what a session calls with the
//! changes it received), printing `ack <title>` only after each is durable. The test kills it
//! with SIGKILL at seeded random moments, reopens the folder, and checks every acknowledged
//! post. Rounds reuse the folder (a fresh one every 20), so the kills also land during
//! compactions. CI runs 5 rounds; `CAUSEWAY_CRASH_ROUNDS=1000 cargo test -p causeway-tests
//! --test crash_story` is the long run.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use causeway_core::{DeviceKey, Group, NewGroup, Profile, Role, SignedChange, Visibility};
use causeway_sync::{LocalNode, new_item_id};

const CHILD_ENV: &str = "CAUSEWAY_CRASH_STORY_DIR";
/// Kill-and-reopen rounds; `CAUSEWAY_CRASH_ROUNDS` sets more for a long run.
const ROUNDS: u64 = 5;
const ROUNDS_ENV: &str = "CAUSEWAY_CRASH_ROUNDS";
/// A long run starts over in a fresh folder after this many rounds.
const FRESH_EVERY: u64 = 20;
/// Bruno's device key.
const BRUNO: [u8; 32] = [0xB0; 32];

/// Runs only as the child process: posts until killed.
#[test]
fn crash_story_child_posts_until_killed() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let mut node = LocalNode::open(Path::new(&dir)).unwrap();
    if node.profile().display_name.is_empty() {
        node.set_profile(Profile {
            display_name: "Amara".into(),
            ..Profile::default()
        })
        .unwrap();
    }
    let bruno = DeviceKey::from_bytes(&BRUNO);
    let existing = node.groups().next().map(|g| g.id());
    let id = match existing {
        Some(id) => id,
        None => node
            .create_group(&NewGroup::named("Crash", Visibility::Invite))
            .unwrap(),
    };
    if node.group(&id).unwrap().role_of(bruno.id()).is_none() {
        node.act(&id, |g, now| {
            g.add_member(now, bruno.id(), "Bruno", Role::Member)
        })
        .unwrap();
    }
    // Bruno's own copy of the group, on which he writes the posts Amara takes in.
    let mut theirs = Group::joining(id, bruno, [0xB0; 8]);
    theirs.ingest(node.group(&id).unwrap().changes_since(&[]));
    let round: u64 = std::env::var("CAUSEWAY_CRASH_ROUND")
        .unwrap()
        .parse()
        .unwrap();
    // Big enough bodies that the store compacts every few dozen posts.
    let filler = "x".repeat(16_000);
    let mut out = std::io::stdout().lock();
    for n in 0.. {
        let item = new_item_id().unwrap();
        let title = format!("r{round}-{n}");
        if n % 3 == 2 {
            // A post of Bruno's arrives and is stored as a sync session stores it.
            let title = format!("{title}-bruno");
            let change: SignedChange = theirs
                .post(causeway_sync::now(), item, &title, &filler, "en")
                .unwrap()
                .into();
            let report = node.ingest(&id, vec![change]).unwrap();
            assert_eq!(report.accepted.len(), 1, "{report:?}");
            writeln!(out, "ack {title}").unwrap();
            out.flush().unwrap();
            continue;
        }
        node.act(&id, |g, now| g.post(now, item, &title, &filler, "en"))
            .unwrap();
        writeln!(out, "ack {title}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn every_acknowledged_post_survives_sigkill() {
    let rounds: u64 = std::env::var(ROUNDS_ENV)
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(ROUNDS);
    let mut tmp = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut seed: u64 = 0x5eed_c0de;
    let mut acked: Vec<String> = Vec::new();
    let (mut total, mut theirs) = (0usize, 0usize);
    let started = std::time::Instant::now();
    for round in 0..rounds {
        if round > 0 && round % FRESH_EVERY == 0 {
            tmp = tempfile::tempdir().unwrap();
            total += acked.len();
            theirs += acked.iter().filter(|t| t.ends_with("-bruno")).count();
            acked.clear();
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let stop_after = 20 + seed % 90;
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash::crash_story_child_posts_until_killed",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, tmp.path())
            .env("CAUSEWAY_CRASH_ROUND", round.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(title) = line.strip_prefix("ack ")
                    && tx.send(title.to_string()).is_err()
                {
                    break;
                }
            }
        });
        for _ in 0..stop_after {
            let title = rx
                .recv_timeout(Duration::from_secs(60))
                .expect("the writer stopped acknowledging posts");
            acked.push(title);
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // Acks already printed before the kill count too.
        acked.extend(rx.try_iter());

        let node = LocalNode::open(tmp.path()).expect("the store must open after a crash");
        let group = node.groups().next().expect("the group exists");
        let titles: std::collections::HashSet<String> =
            group.posts().into_iter().map(|p| p.title).collect();
        for t in &acked {
            assert!(
                titles.contains(t),
                "round {round}: acknowledged post {t} is missing"
            );
        }
        assert!(titles.len() >= acked.len());
    }
    total += acked.len();
    theirs += acked.iter().filter(|t| t.ends_with("-bruno")).count();
    println!(
        "{rounds} kills in {:.0} s: {total} acknowledged posts ({theirs} of them taken in from Bruno), all present after every restart",
        started.elapsed().as_secs_f64()
    );
    assert!(total as u64 >= rounds * 20);
    assert!(theirs > 0);
    // The rounds wrote enough for the store to compact in between (so kills met compactions).
    let group_dir = std::fs::read_dir(tmp.path().join("groups"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    assert!(
        group_dir.join("snapshot").exists(),
        "the story never reached a compaction"
    );
}
