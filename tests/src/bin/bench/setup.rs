//! Causeway nodes for the scenarios: data folders with seeded device keys, filled from a
//! corpus through the node's own ingest (so the store, snapshot and ledger are what a real
//! device would have), and started on 127.0.0.1.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};
use causeway_core::{DeviceKey, GroupId, Profile};
use causeway_sync::{LocalNode, Network, Node, NodeEvent};

use crate::data::Corpus;

/// Every wait in the harness is bounded: a hang is a failure with a name.
pub const LIMIT: Duration = Duration::from_secs(600);

pub async fn bounded<T>(what: &str, f: impl Future<Output = T>) -> Result<T> {
    tokio::time::timeout(LIMIT, f)
        .await
        .map_err(|_| anyhow!("{what} took over {LIMIT:?}"))
}

/// A data folder whose device key is `key`, with a display name.
pub fn folder(dir: &Path, key: &DeviceKey, name: &str) -> Result<LocalNode> {
    std::fs::create_dir_all(dir)?;
    let key_file = dir.join("device.key");
    if !key_file.exists() {
        std::fs::write(&key_file, key.to_bytes())?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600))?;
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))?;
        }
    }
    let mut local = LocalNode::open(dir)?;
    if local.profile().display_name.is_empty() {
        local.set_profile(Profile {
            display_name: name.into(),
            ..Profile::default()
        })?;
    }
    Ok(local)
}

/// Puts the corpus's group into `local`, as if it had arrived from another member.
pub fn fill(local: &mut LocalNode, corpus: &Corpus) -> Result<()> {
    let inviter = corpus.devices[0].id();
    local.prepare_join(corpus.group, inviter)?;
    let report = local.ingest(&corpus.group, corpus.changes.clone())?;
    if !report.rejected.is_empty() || !report.waiting.is_empty() {
        return Err(anyhow!(
            "the corpus did not go in cleanly: {} refused, {} waiting",
            report.rejected.len(),
            report.waiting.len()
        ));
    }
    Ok(())
}

/// Bumped whenever what Causeway writes to a data folder changes, so that folders cached by an
/// older build are made again (2: snapshots with the saved ledger).
const FOLDER_FORMAT: u32 = 2;

/// The state a prepared data folder is left in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Left {
    /// As a device leaves it when its node stops: every group compacted, with its saved ledger.
    Stopped,
    /// As written while the changes came in: small groups' changes still in their logs.
    Written,
}

/// A folder of device `device` holding the groups of `corpora` (all with the same devices),
/// made once under `cache` and copied into `work` for each use.
pub fn prepared(
    cache: &Path,
    work: &Path,
    corpora: &[Corpus],
    device: usize,
    label: &str,
    left: Left,
) -> Result<PathBuf> {
    let first = corpora.first().ok_or_else(|| anyhow!("no corpus"))?;
    let state = match left {
        Left::Stopped => "stopped",
        Left::Written => "written",
    };
    // Named after the corpora too (their first group and how many changes they hold): smoke
    // and full runs share the cache, and corpora of different sizes share their first change.
    let changes: usize = corpora.iter().map(|c| c.changes.len()).sum();
    let master = cache.join(format!(
        "folder-v{FOLDER_FORMAT}-{label}-{}-{changes}c-{state}-{device}",
        first.group.fmt_short()
    ));
    if !master.join("DONE").exists() {
        let _ = std::fs::remove_dir_all(&master);
        let mut local = folder(&master, &first.devices[device], &format!("Device {device}"))?;
        for c in corpora {
            fill(&mut local, c)?;
        }
        if left == Left::Stopped {
            local.compact_logged(Duration::from_secs(3600));
        }
        drop(local);
        std::fs::write(master.join("DONE"), b"")?;
    }
    let copy = work.join(format!("{label}-{device}"));
    let _ = std::fs::remove_dir_all(&copy);
    copy_dir(&master, &copy)?;
    let _ = std::fs::remove_file(copy.join("DONE"));
    Ok(copy)
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else if entry.file_name() != "LOCK" {
            std::fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(to, std::fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Starts a node on 127.0.0.1.
pub async fn start(local: LocalNode, live: bool) -> Result<Node> {
    let node = bounded("starting a node", Node::start(local, Network::Loopback)).await??;
    node.set_live(live);
    Ok(node)
}

/// Waits until the node's published views satisfy `cond` (event-driven, bounded).
pub async fn until_views(
    node: &Node,
    what: &str,
    cond: impl Fn(&causeway_sync::views::Snapshot) -> bool,
) -> Result<Instant> {
    let mut events = node.subscribe();
    bounded(what, async {
        loop {
            if cond(&node.snapshot()) {
                return Ok(Instant::now());
            }
            match events.recv().await {
                Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                Err(e) => return Err(anyhow!("{what}: {e}")),
            }
        }
    })
    .await?
}

/// How many posts the node's published view of `group` shows.
pub fn shown_posts(s: &causeway_sync::views::Snapshot, group: GroupId) -> usize {
    s.group(group).map_or(0, |g| g.posts.len())
}

/// Waits until the node holds `count` changes of `group` (event-driven, bounded).
pub async fn until_changes(node: &Node, group: GroupId, count: usize) -> Result<Instant> {
    let mut events = node.subscribe();
    let held = || {
        node.local_state(|n| n.group(&group).map_or(0, |g| g.change_count()))
            .unwrap_or(0)
    };
    bounded("changes arriving", async {
        loop {
            if held() >= count {
                return Ok(Instant::now());
            }
            loop {
                match events.recv().await {
                    Ok(NodeEvent::GroupChanged(g)) if g == group => break,
                    Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                    Err(e) => return Err(anyhow!("changes arriving: {e}")),
                }
            }
        }
    })
    .await?
}

/// Resident memory of this process, in bytes (Linux).
pub fn rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Processor time this process used so far (user and system, all threads), in seconds (Linux).
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces; the fields after it are plain.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let (user, system): (f64, f64) = (fields.get(11)?.parse().ok()?, fields.get(12)?.parse().ok()?);
    // Linux reports these in clock ticks, which are 1/100 s on every architecture it runs on.
    Some((user + system) / 100.0)
}
