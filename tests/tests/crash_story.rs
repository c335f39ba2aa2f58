//! Amara's laptop loses power while she posts: every post the app confirmed is still there.
//!
//! A real child process opens the data folder and posts in a loop, printing `ack <n>` only after
//! the post is durable. The test kills it with SIGKILL at seeded random moments, reopens the
//! folder, and checks every acknowledged post. Several rounds reuse the same folder, so the kills
//! also land during compactions.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use causeway_core::{NewGroup, Profile, Visibility};
use causeway_sync::{LocalNode, new_item_id};

const CHILD_ENV: &str = "CAUSEWAY_CRASH_STORY_DIR";
const ROUNDS: u64 = 5;

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
    let existing = node.groups().next().map(|g| g.id());
    let id = match existing {
        Some(id) => id,
        None => node
            .create_group(&NewGroup {
                name: "Crash".into(),
                mission: String::new(),
                causes: vec![],
                region: String::new(),
                languages: vec![],
                visibility: Visibility::Invite,
            })
            .unwrap(),
    };
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
        node.act(&id, |g, now| g.post(now, item, &title, &filler, "en"))
            .unwrap();
        writeln!(out, "ack {title}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn every_acknowledged_post_survives_sigkill() {
    let tmp = tempfile::tempdir().unwrap();
    let exe = std::env::current_exe().unwrap();
    let mut seed: u64 = 0x5eed_c0de;
    let mut acked: Vec<String> = Vec::new();
    for round in 0..ROUNDS {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let stop_after = 20 + seed % 90;
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "crash_story_child_posts_until_killed",
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
    assert!(acked.len() as u64 >= ROUNDS * 20);
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
