//! Kills a writer with SIGKILL at random moments and checks that every append it acknowledged is
//! still there afterwards.
//!
//! The test binary plays both parts: `acknowledged_appends_survive_sigkill` re-executes this same
//! binary, running only `crash_child_writer_appends_until_killed`, with the data folder in
//! `CAUSEWAY_STORE_CRASH_CHILD`. The child appends and compacts in a loop and prints `ack <i>`
//! after each append returns `Ok`; the parent kills it after a seeded random number of acks and
//! reopens the store. A long run: `CAUSEWAY_CRASH_ROUNDS=1000 cargo test -p causeway-sync --test
//! store_crash`.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use causeway_sync::store::{DataDir, LoadedGroup, Record, Snapshot};

const CHILD_ENV: &str = "CAUSEWAY_STORE_CRASH_CHILD";
const CHILD_TEST: &str = "crash::crash_child_writer_appends_until_killed";
const GROUP: [u8; 32] = [0xC4; 32];
/// Kill-and-reopen rounds; `CAUSEWAY_CRASH_ROUNDS` sets more for a long run.
const ROUNDS: usize = 5;
const ROUNDS_ENV: &str = "CAUSEWAY_CRASH_ROUNDS";
const SEED: u64 = 0x5EED_CA05_E7A1_0001;
/// How long the parent waits for the child at any one step before failing.
const PATIENCE: Duration = Duration::from_secs(60);
/// The child compacts after this many appends.
const COMPACT_EVERY: u64 = 50;
/// A long run starts over in a fresh folder after this many rounds.
const FRESH_EVERY: usize = 20;

/// SplitMix64: a small seeded generator, so every run kills at the same points.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// The record with index `i`: its index, then filler whose length and bytes depend on `i`
/// (0 to about 4 KiB, so that some appends span several pages). Signed when `i` is even.
fn record(i: u64) -> Record {
    let mut change = i.to_le_bytes().to_vec();
    let filler = (i.wrapping_mul(2_654_435_761) % 4099) as usize;
    change.extend((0..filler).map(|j| (i as usize).wrapping_mul(31).wrapping_add(j) as u8));
    Record {
        change,
        signature: i.is_multiple_of(2).then_some([(i % 251) as u8; 64]),
    }
}

fn index_of(record: &Record) -> u64 {
    u64::from_le_bytes(record.change[..8].try_into().unwrap())
}

/// Adds record `i` to a snapshot: the document is each change prefixed by its u32 length; the
/// signatures are (index as a 32-byte hash, signature) for the signed records.
fn add_to_snapshot(snapshot: &mut Snapshot, i: u64) {
    let r = record(i);
    snapshot
        .doc
        .extend_from_slice(&(r.change.len() as u32).to_le_bytes());
    snapshot.doc.extend_from_slice(&r.change);
    if let Some(signature) = r.signature {
        let mut hash = [0; 32];
        hash[..8].copy_from_slice(&i.to_le_bytes());
        snapshot.signatures.push((hash, signature));
    }
}

/// Every record in a loaded group, as index -> record: the snapshot's, then the log's. Checks
/// that each appears once in the snapshot and once in the log at most, and that a record in
/// both is the same in both (the documented case of a crash inside a compaction).
fn records_in(loaded: &LoadedGroup) -> BTreeMap<u64, Record> {
    let mut all = BTreeMap::new();
    if let Some(snapshot) = &loaded.snapshot {
        let signatures: BTreeMap<u64, [u8; 64]> = snapshot
            .signatures
            .iter()
            .map(|(hash, sig)| (u64::from_le_bytes(hash[..8].try_into().unwrap()), *sig))
            .collect();
        let mut doc = snapshot.doc.as_slice();
        while !doc.is_empty() {
            let len = u32::from_le_bytes(doc[..4].try_into().unwrap()) as usize;
            let change = doc[4..4 + len].to_vec();
            doc = &doc[4 + len..];
            let i = u64::from_le_bytes(change[..8].try_into().unwrap());
            let record = Record {
                change,
                signature: signatures.get(&i).copied(),
            };
            assert!(
                all.insert(i, record).is_none(),
                "record {i} twice in the snapshot"
            );
        }
        assert_eq!(
            signatures.len(),
            all.values().filter(|r| r.signature.is_some()).count()
        );
    }
    let mut in_log = std::collections::BTreeSet::new();
    for record in &loaded.records {
        let i = index_of(record);
        assert!(in_log.insert(i), "record {i} twice in the log");
        if let Some(earlier) = all.insert(i, record.clone()) {
            assert_eq!(
                &earlier, record,
                "record {i} differs between snapshot and log"
            );
        }
    }
    all
}

/// The child: opens the store, continues after the highest record present, and appends one
/// record at a time, compacting every `COMPACT_EVERY` appends, until it is killed. In a normal
/// test run (without the variable) it only checks that it was not asked to run.
#[test]
fn crash_child_writer_appends_until_killed() {
    let Some(root) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let dir = DataDir::open(Path::new(&root)).unwrap();
    let (mut store, loaded) = dir.open_group(GROUP).unwrap();
    let mut next = records_in(&loaded)
        .keys()
        .next_back()
        .map_or(0, |last| last + 1);
    // Kept up to date as records are appended, so that `compact` starts right after the ack
    // that precedes it, which is where the parent aims some of its kills.
    let mut snapshot = Snapshot {
        doc: Vec::new(),
        signatures: Vec::new(),
        index: Vec::new(),
    };
    for i in 0..next {
        add_to_snapshot(&mut snapshot, i);
    }
    let mut stdout = std::io::stdout().lock();
    // The harness may have left its "test ... " line open: start acks on a fresh line.
    writeln!(stdout).unwrap();
    loop {
        store.append(&[record(next)]).unwrap();
        add_to_snapshot(&mut snapshot, next);
        writeln!(stdout, "ack {next}").unwrap();
        stdout.flush().unwrap();
        next += 1;
        if next.is_multiple_of(COMPACT_EVERY) {
            store.compact(&snapshot).unwrap();
        }
    }
}

/// Kills the child if the parent fails before it meant to, so that no writer outlives the test.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What the parent learned from the children's `ack <i>` lines.
struct Acks {
    /// The highest record known to be acknowledged (or found on disk) so far.
    last: Option<u64>,
    /// Acks seen since the current child started.
    this_round: u64,
}

impl Acks {
    fn note(&mut self, line: &str) {
        // Other lines are the test harness's own output.
        let Some(i) = line.strip_prefix("ack ") else {
            return;
        };
        let i: u64 = i.parse().unwrap();
        let expected = self.last.map_or(0, |last| last + 1);
        assert_eq!(i, expected, "the child acknowledged records out of order");
        self.last = Some(i);
        self.this_round += 1;
    }
}

#[test]
fn acknowledged_appends_survive_sigkill() {
    let mut root = tempfile::tempdir().unwrap();
    let mut rng = Rng(SEED);
    let mut acks = Acks {
        last: None,
        this_round: 0,
    };

    let rounds = std::env::var(ROUNDS_ENV)
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(ROUNDS);
    for round in 0..rounds {
        if round > 0 && round % FRESH_EVERY == 0 {
            // Each compaction rewrites everything written so far: a fresh folder now and then
            // keeps a long run linear.
            root = tempfile::tempdir().unwrap();
            acks.last = None;
        }
        let mut kill_after = 200 + rng.next() % 100;
        if round % 2 == 1 {
            // Kill right after the ack that triggers a compaction, so that the kill most likely
            // lands inside `compact` (the widest window for ordering mistakes).
            let first = acks.last.map_or(0, |last| last + 1);
            while !(first + kill_after).is_multiple_of(COMPACT_EVERY) {
                kill_after += 1;
            }
        }
        acks.this_round = 0;
        let mut child = KillOnDrop(
            Command::new(std::env::current_exe().unwrap())
                .args(["--exact", CHILD_TEST, "--nocapture", "--test-threads=1"])
                .env(CHILD_ENV, root.path())
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::inherit())
                .spawn()
                .unwrap(),
        );
        let child = &mut child.0;

        // A thread turns the child's stdout into lines on a channel, so that every wait below
        // has a deadline.
        let stdout = child.stdout.take().unwrap();
        let (lines_tx, lines) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if lines_tx.send(line).is_err() {
                    break;
                }
            }
        });

        let deadline = Instant::now() + PATIENCE;
        while acks.this_round < kill_after {
            let wait = deadline.saturating_duration_since(Instant::now());
            match lines.recv_timeout(wait) {
                Ok(line) => acks.note(&line),
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    panic!(
                        "round {round}: the child gave {} acks in {PATIENCE:?}, expected {kill_after}",
                        acks.this_round
                    );
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let status = child.wait().unwrap();
                    panic!(
                        "round {round}: the child stopped after {} acks ({status}); see its output above",
                        acks.this_round
                    );
                }
            }
        }
        child.kill().unwrap(); // SIGKILL on unix
        child.wait().unwrap();
        // Acks the child printed before it died count too.
        let deadline = Instant::now() + PATIENCE;
        loop {
            let wait = deadline.saturating_duration_since(Instant::now());
            match lines.recv_timeout(wait) {
                Ok(line) => acks.note(&line),
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    panic!("round {round}: the child's output did not close after it was killed")
                }
            }
        }
        reader.join().unwrap();
        let last_ack = acks.last.unwrap();

        let dir = DataDir::open(root.path()).unwrap();
        let (_store, loaded) = dir.open_group(GROUP).unwrap();
        for warning in &loaded.warnings {
            eprintln!("round {round}: {warning}");
        }
        let present = records_in(&loaded);
        for i in 0..=last_ack {
            assert_eq!(
                present.get(&i),
                Some(&record(i)),
                "round {round}: acknowledged record {i} is missing or changed"
            );
        }
        // Only the append in flight when the kill came may be there without its ack.
        let highest = *present.keys().next_back().unwrap();
        assert!(
            highest <= last_ack + 1,
            "round {round}: record {highest} is there, but the child never got past {last_ack}"
        );
        assert_eq!(
            present.len() as u64,
            highest + 1,
            "round {round}: the records present are not exactly 0..={highest}"
        );
        eprintln!(
            "round {round}: killed after ack {last_ack}; {} records, snapshot: {}, log: {}, warnings: {}",
            present.len(),
            loaded.snapshot.is_some(),
            loaded.records.len(),
            loaded.warnings.len()
        );
        // The next child continues after the highest record on disk, acknowledged or not.
        acks.last = Some(highest);
    }
}
