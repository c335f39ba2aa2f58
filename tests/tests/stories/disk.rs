//! Amara's disk fills up, and another day her data folder is read-only. Causeway says so in a
//! sentence, keeps running, and loses nothing it had confirmed; what she did while the disk
//! was full is kept and written as soon as there is room again.
//!
//! The data folder is a small tmpfs the test mounts, so it needs the right to mount (root, as
//! in CI's container); without it each test says why it is skipped and passes.
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::path::{Path, PathBuf};
use std::process::Command;

use causeway_core::{GroupId, ItemId, NewGroup, Profile, Visibility};
use causeway_sync::{LocalNode, SyncError, new_item_id};

/// A tmpfs mounted for one test; unmounted when dropped.
struct Tmpfs {
    path: PathBuf,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (as `mount` writes it) on a fresh folder, or says why not.
    fn mount(parent: &Path, size: &str) -> Result<Tmpfs, String> {
        let path = parent.join("mnt");
        std::fs::create_dir_all(&path).unwrap();
        let out = Command::new("mount")
            .args([
                "-t",
                "tmpfs",
                "-o",
                &format!("size={size},mode=0700"),
                "tmpfs",
            ])
            .arg(&path)
            .output()
            .map_err(|e| format!("`mount` could not run: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "mounting a tmpfs failed (this needs root): {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(Tmpfs { path })
    }

    fn remount(&self, options: &str) {
        let out = Command::new("mount")
            .args(["-o", &format!("remount,{options}")])
            .arg(&self.path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "remount {options}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

fn open(dir: &Path) -> Result<LocalNode, SyncError> {
    let mut node = LocalNode::open(dir)?;
    if node.profile().display_name.is_empty() {
        node.set_profile(Profile {
            display_name: "Amara".into(),
            ..Profile::default()
        })?;
    }
    Ok(node)
}

fn new_group(node: &mut LocalNode) -> GroupId {
    node.create_group(&NewGroup::named("Allotment", Visibility::Invite))
        .unwrap()
}

fn post(node: &mut LocalNode, group: &GroupId, title: &str) -> Result<(), SyncError> {
    let item: ItemId = new_item_id().unwrap();
    let body = "compost rota, seed swap, watering plan. ".repeat(200);
    node.act(group, |g, now| g.post(now, item, title, &body, "en"))
        .map(|_| ())
}

fn titles(node: &LocalNode, group: &GroupId) -> Vec<String> {
    let mut t: Vec<String> = node
        .group(group)
        .unwrap()
        .posts()
        .into_iter()
        .map(|p| p.title)
        .collect();
    t.sort();
    t
}

#[test]
fn a_full_disk_is_said_plainly_and_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let disk = match Tmpfs::mount(tmp.path(), "2m") {
        Ok(d) => d,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let dir = disk.path.join("data");
    let mut node = open(&dir).unwrap();
    let group = new_group(&mut node);
    let mut acked = Vec::new();
    let full = loop {
        let title = format!("post {}", acked.len());
        match post(&mut node, &group, &title) {
            Ok(()) => acked.push(title),
            Err(e) => break e,
        }
        assert!(acked.len() < 10_000, "a 2 MiB disk never filled up");
    };
    assert!(
        full.to_string().contains("the disk is full"),
        "not said plainly: {full}"
    );
    assert_eq!(full.kind(), "error-disk");
    // Still full: more work fails the same way, and the node goes on.
    let later = post(&mut node, &group, "while full").unwrap_err();
    assert!(later.to_string().contains("the disk is full"), "{later}");
    // What was done while full is kept in memory, after what was confirmed.
    let in_memory = titles(&node, &group);
    for t in &acked {
        assert!(in_memory.contains(t));
    }
    // Room again: the next post writes everything kept, in order.
    disk.remount("size=64m");
    post(&mut node, &group, "room again").unwrap();
    let heads = node.group(&group).unwrap().heads();
    let everything = titles(&node, &group);
    drop(node);
    let node = open(&dir).unwrap();
    assert_eq!(node.group(&group).unwrap().heads(), heads);
    assert_eq!(titles(&node, &group), everything);
    assert!(everything.contains(&"while full".to_string()));
    println!(
        "{} posts confirmed before the disk was full; all {} back after a restart",
        acked.len(),
        everything.len()
    );
}

#[test]
fn a_read_only_folder_is_said_plainly_and_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let disk = match Tmpfs::mount(tmp.path(), "16m") {
        Ok(d) => d,
        Err(why) => {
            println!("skipped: {why}");
            return;
        }
    };
    let dir = disk.path.join("data");
    let (group, before) = {
        let mut node = open(&dir).unwrap();
        let group = new_group(&mut node);
        for i in 0..3 {
            post(&mut node, &group, &format!("post {i}")).unwrap();
        }
        (group, titles(&node, &group))
    };
    disk.remount("ro");
    let refused = match LocalNode::open(&dir) {
        Err(e) => e,
        Ok(_) => panic!("a read-only folder opened for writing"),
    };
    assert_eq!(refused.kind(), "error-disk-read-only", "{refused}");
    assert!(
        refused.to_string().contains("cannot be written"),
        "not said plainly: {refused}"
    );
    disk.remount("rw");
    let mut node = open(&dir).unwrap();
    assert_eq!(titles(&node, &group), before);
    post(&mut node, &group, "writable again").unwrap();
}
