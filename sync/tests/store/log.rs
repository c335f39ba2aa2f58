//! A group's log and snapshot on disk: what survives a reopen, a cut file, a flipped byte and a
//! compaction.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use causeway_sync::store::{
    DataDir, GroupStore, LoadedGroup, Record, Snapshot, StoreError, StoreWarning,
};

const GROUP: [u8; 32] = [0x5A; 32];

/// Record `i`: recognisable bytes of a length that varies with `i`, signed when `i` is even.
fn record(i: u32) -> Record {
    let mut change = format!("change {i}:").into_bytes();
    change.extend((0..(i * 37) % 300).map(|j| (i + j) as u8));
    Record {
        change,
        signature: i.is_multiple_of(2).then_some([i as u8; 64]),
    }
}

fn records(range: std::ops::Range<u32>) -> Vec<Record> {
    range.map(record).collect()
}

fn open(root: &Path) -> (DataDir, GroupStore, LoadedGroup) {
    let dir = DataDir::open(root).unwrap();
    let (store, loaded) = dir.open_group(GROUP).unwrap();
    (dir, store, loaded)
}

fn group_dir(root: &Path) -> PathBuf {
    root.join("groups").join(hex::encode(GROUP))
}

fn log_path(root: &Path) -> PathBuf {
    group_dir(root).join("log")
}

fn log_len(root: &Path) -> u64 {
    fs::metadata(log_path(root)).unwrap().len()
}

#[test]
fn appended_records_survive_reopen_in_order_with_signatures() {
    let root = tempfile::tempdir().unwrap();
    {
        let (_dir, mut store, loaded) = open(root.path());
        assert_eq!(loaded.snapshot, None);
        assert!(loaded.records.is_empty());
        assert!(loaded.warnings.is_empty());
        store.append(&records(0..3)).unwrap();
        store.append(&[]).unwrap();
        for i in 3..10 {
            store.append(&[record(i)]).unwrap();
        }
    }
    let (_dir, _store, loaded) = open(root.path());
    assert_eq!(loaded.records, records(0..10));
    assert!(loaded.warnings.is_empty());
    assert_eq!(loaded.snapshot, None);
}

/// Builds a log of `n` records and returns (offset where the last record starts, the log's bytes).
fn log_with_records(root: &Path, n: u32) -> (u64, Vec<u8>) {
    let (_dir, mut store, _) = open(root);
    store.append(&records(0..n - 1)).unwrap();
    let last_start = log_len(root);
    store.append(&[record(n - 1)]).unwrap();
    (last_start, fs::read(log_path(root)).unwrap())
}

#[test]
fn a_log_cut_inside_its_last_record_loses_only_that_record_and_keeps_the_cut_bytes_aside() {
    const N: u32 = 6;
    let probe = tempfile::tempdir().unwrap();
    let (last_start, full) = log_with_records(probe.path(), N);
    let last_start = last_start as usize;
    let cuts = [
        last_start + 1,      // inside the record magic
        last_start + 4,      // after the magic, before the length
        last_start + 11,     // inside the CRC
        last_start + 12,     // header complete, no payload
        last_start + 12 + 3, // inside the payload's fixed fields
        full.len() - 1,      // one byte short
    ];
    for cut in cuts {
        let root = tempfile::tempdir().unwrap();
        let (_, bytes) = log_with_records(root.path(), N);
        assert_eq!(bytes, full);
        fs::write(log_path(root.path()), &full[..cut]).unwrap();

        {
            let (_dir, mut store, loaded) = open(root.path());
            assert_eq!(loaded.records, records(0..N - 1), "cut at {cut}");
            let [
                StoreWarning::CorruptTail {
                    file,
                    offset,
                    bytes_set_aside,
                    set_aside_to,
                },
            ] = loaded.warnings.as_slice()
            else {
                panic!(
                    "cut at {cut}: expected one CorruptTail warning, got {:?}",
                    loaded.warnings
                );
            };
            assert_eq!(*file, log_path(root.path()));
            assert_eq!(*offset, last_start as u64);
            assert_eq!(*bytes_set_aside, (cut - last_start) as u64);
            assert_eq!(*set_aside_to, group_dir(root.path()).join("log.corrupt-1"));
            assert_eq!(fs::read(set_aside_to).unwrap(), &full[last_start..cut]);
            assert!(loaded.warnings[0].to_string().contains("log.corrupt-1"));
            assert_eq!(
                log_len(root.path()),
                last_start as u64,
                "log cut back to its last good record"
            );

            store.append(&[record(100)]).unwrap();
        }

        let (_dir, _store, loaded) = open(root.path());
        let mut expected = records(0..N - 1);
        expected.push(record(100));
        assert_eq!(loaded.records, expected, "cut at {cut}");
        assert!(loaded.warnings.is_empty(), "the repair is done once");
    }
}

#[test]
fn a_log_cut_exactly_between_records_loads_without_warning() {
    let root = tempfile::tempdir().unwrap();
    let (last_start, full) = log_with_records(root.path(), 4);
    fs::write(log_path(root.path()), &full[..last_start as usize]).unwrap();
    let (_dir, _store, loaded) = open(root.path());
    assert_eq!(loaded.records, records(0..3));
    assert!(loaded.warnings.is_empty());
}

#[test]
fn a_damaged_record_in_the_middle_is_skipped_and_the_records_around_it_are_kept() {
    let probe = tempfile::tempdir().unwrap();
    let (_dir, mut store, _) = open(probe.path());
    store.append(&records(0..2)).unwrap();
    let middle_start = log_len(probe.path()) as usize;
    store.append(&[record(2)]).unwrap();
    let middle_end = log_len(probe.path()) as usize;
    store.append(&records(3..5)).unwrap();
    drop((store, _dir));
    let full = fs::read(log_path(probe.path())).unwrap();

    // The magic, the length, the CRC, the payload's flags and the change bytes.
    for damaged in [
        middle_start,
        middle_start + 5,
        middle_start + 9,
        middle_start + 12,
        middle_end - 1,
    ] {
        let root = tempfile::tempdir().unwrap();
        fs::create_dir_all(group_dir(root.path())).unwrap();
        let mut bytes = full.clone();
        bytes[damaged] ^= 0x40;
        fs::write(log_path(root.path()), &bytes).unwrap();

        {
            let (_dir, mut store, loaded) = open(root.path());
            let expected: Vec<_> = [0, 1, 3, 4].into_iter().map(record).collect();
            assert_eq!(loaded.records, expected, "byte {damaged} damaged");
            let [
                StoreWarning::CorruptRecordSkipped {
                    offset,
                    bytes_skipped,
                    set_aside_to,
                    ..
                },
            ] = loaded.warnings.as_slice()
            else {
                panic!(
                    "expected one CorruptRecordSkipped warning, got {:?}",
                    loaded.warnings
                );
            };
            assert_eq!(*offset, middle_start as u64);
            assert_eq!(*bytes_skipped, (middle_end - middle_start) as u64);
            assert_eq!(
                fs::read(set_aside_to).unwrap(),
                &bytes[middle_start..middle_end]
            );
            store.append(&[record(5)]).unwrap();
        }

        let (_dir, _store, loaded) = open(root.path());
        let expected: Vec<_> = [0, 1, 3, 4, 5].into_iter().map(record).collect();
        assert_eq!(loaded.records, expected);
        assert!(
            loaded.warnings.is_empty(),
            "the log was rewritten without the damage"
        );
    }
}

#[test]
fn damage_in_the_middle_and_at_the_tail_is_set_aside_in_two_side_files() {
    let root = tempfile::tempdir().unwrap();
    let (last_start, mut bytes) = log_with_records(root.path(), 4);
    bytes[20] ^= 0xFF; // inside the first record
    bytes.truncate(last_start as usize + 7);
    fs::write(log_path(root.path()), &bytes).unwrap();

    let (_dir, _store, loaded) = open(root.path());
    assert_eq!(loaded.records, records(1..3));
    assert!(matches!(
        loaded.warnings.as_slice(),
        [
            StoreWarning::CorruptRecordSkipped { .. },
            StoreWarning::CorruptTail { .. }
        ]
    ));
    assert!(group_dir(root.path()).join("log.corrupt-1").exists());
    assert!(group_dir(root.path()).join("log.corrupt-2").exists());
}

#[test]
fn after_compaction_reopen_gives_the_snapshot_and_only_newer_records() {
    let root = tempfile::tempdir().unwrap();
    let snapshot = Snapshot {
        doc: b"everything up to record 4".to_vec(),
        signatures: vec![([1; 32], [2; 64]), ([3; 32], [4; 64])],
        index: b"an index".to_vec(),
    };
    {
        let (_dir, mut store, _) = open(root.path());
        store.append(&records(0..5)).unwrap();
        store.compact(&snapshot).unwrap();
        store.append(&records(5..8)).unwrap();
    }
    let (dir, mut store, loaded) = open(root.path());
    assert_eq!(loaded.snapshot.as_ref(), Some(&snapshot));
    assert_eq!(loaded.records, records(5..8));
    assert!(loaded.warnings.is_empty());

    // A second compaction replaces the first snapshot.
    let newer = Snapshot {
        doc: b"everything up to record 7".to_vec(),
        signatures: Vec::new(),
        index: Vec::new(),
    };
    store.compact(&newer).unwrap();
    drop(store);
    let (_store, loaded) = dir.open_group(GROUP).unwrap();
    assert_eq!(loaded.snapshot, Some(newer));
    assert!(loaded.records.is_empty());
    let leftovers: Vec<_> = fs::read_dir(group_dir(root.path()))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
}

#[test]
fn a_crash_between_snapshot_and_log_reset_loads_the_snapshot_plus_records_it_already_contains() {
    let root = tempfile::tempdir().unwrap();
    let snapshot = Snapshot {
        doc: b"records 0 to 2".to_vec(),
        signatures: Vec::new(),
        index: Vec::new(),
    };
    {
        let (_dir, mut store, _) = open(root.path());
        store.append(&records(0..3)).unwrap();
        let old_log = fs::read(log_path(root.path())).unwrap();
        store.compact(&snapshot).unwrap();
        // Put back the log as it was before the reset: the state a crash right after the
        // snapshot's rename leaves.
        drop(store);
        fs::write(log_path(root.path()), old_log).unwrap();
    }
    let (_dir, _store, loaded) = open(root.path());
    assert_eq!(loaded.snapshot, Some(snapshot));
    assert_eq!(loaded.records, records(0..3));
    assert!(loaded.warnings.is_empty());
}

#[test]
fn a_snapshot_with_a_flipped_byte_is_refused_and_left_untouched() {
    let root = tempfile::tempdir().unwrap();
    {
        let (_dir, mut store, _) = open(root.path());
        store.append(&records(0..3)).unwrap();
        let snapshot = Snapshot {
            doc: vec![9; 100],
            signatures: vec![([1; 32], [2; 64])],
            index: Vec::new(),
        };
        store.compact(&snapshot).unwrap();
    }
    let snapshot_path = group_dir(root.path()).join("snapshot");
    let mut bytes = fs::read(&snapshot_path).unwrap();
    bytes[40] ^= 0x01;
    fs::write(&snapshot_path, &bytes).unwrap();
    let log_before = fs::read(log_path(root.path())).unwrap();

    let dir = DataDir::open(root.path()).unwrap();
    match dir.open_group(GROUP) {
        Err(StoreError::CorruptSnapshot { path, .. }) => assert_eq!(path, snapshot_path),
        other => panic!("expected CorruptSnapshot, got {other:?}"),
    }
    assert_eq!(
        fs::read(&snapshot_path).unwrap(),
        bytes,
        "snapshot untouched"
    );
    assert_eq!(
        fs::read(log_path(root.path())).unwrap(),
        log_before,
        "log untouched"
    );
    // The failed open does not leave the group marked as open.
    assert!(matches!(
        dir.open_group(GROUP),
        Err(StoreError::CorruptSnapshot { .. })
    ));
}

#[test]
fn compaction_is_wanted_after_many_records_or_many_bytes() {
    let root = tempfile::tempdir().unwrap();
    let (_dir, mut store, _) = open(root.path());
    assert!(!store.wants_compaction());
    let small = Record {
        change: vec![1],
        signature: None,
    };
    store.append(&vec![small; 10_000]).unwrap();
    assert!(!store.wants_compaction());
    store.append(&[record(1)]).unwrap();
    assert!(store.wants_compaction(), "more than 10 000 records");
    store
        .compact(&Snapshot {
            doc: vec![0; 10],
            signatures: Vec::new(),
            index: Vec::new(),
        })
        .unwrap();
    assert!(!store.wants_compaction());

    store
        .append(&[Record {
            change: vec![0; 1024 * 1024],
            signature: None,
        }])
        .unwrap();
    assert!(store.wants_compaction(), "more than 1 MiB of log");

    // With a snapshot larger than the log, the log may grow to the snapshot's size.
    store
        .compact(&Snapshot {
            doc: vec![0; 3 * 1024 * 1024],
            signatures: Vec::new(),
            index: Vec::new(),
        })
        .unwrap();
    store
        .append(&[Record {
            change: vec![0; 2 * 1024 * 1024],
            signature: None,
        }])
        .unwrap();
    assert!(!store.wants_compaction());
}

#[test]
fn a_group_cannot_be_opened_twice_at_once() {
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::open(root.path()).unwrap();
    let (store, _) = dir.open_group(GROUP).unwrap();
    assert!(matches!(
        dir.open_group(GROUP),
        Err(StoreError::GroupAlreadyOpen { .. })
    ));
    drop(store);
    dir.open_group(GROUP).unwrap();
}
