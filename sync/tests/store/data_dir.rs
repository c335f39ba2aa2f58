//! The data folder: its lock, the device key, small files and the list of groups.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;

use causeway_sync::store::{DataDir, StoreError};

#[test]
fn the_device_key_is_created_once_and_read_back_the_same() {
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::open(root.path()).unwrap();
    let mut calls = 0;
    let key = dir
        .load_or_create_device_key(|| {
            calls += 1;
            [42; 32]
        })
        .unwrap();
    assert_eq!(key, [42; 32]);
    assert_eq!(fs::read(root.path().join("device.key")).unwrap(), [42; 32]);
    drop(dir);

    let dir = DataDir::open(root.path()).unwrap();
    let again = dir
        .load_or_create_device_key(|| {
            calls += 1;
            [7; 32]
        })
        .unwrap();
    assert_eq!(again, [42; 32]);
    assert_eq!(calls, 1, "the generator runs only the first time");
}

#[cfg(unix)]
#[test]
fn the_device_key_and_the_data_folder_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let parent = tempfile::tempdir().unwrap();
    let root = parent.path().join("causeway");
    let dir = DataDir::open(&root).unwrap();
    dir.load_or_create_device_key(|| [1; 32]).unwrap();
    let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&root), 0o700);
    assert_eq!(mode(&root.join("device.key")), 0o600);
}

#[test]
fn a_device_key_file_of_the_wrong_size_is_an_error_and_is_left_untouched() {
    for content in [&b""[..], &[5; 31][..], &[5; 33][..]] {
        let root = tempfile::tempdir().unwrap();
        let path = root.path().join("device.key");
        fs::write(&path, content).unwrap();
        let dir = DataDir::open(root.path()).unwrap();
        let result = dir.load_or_create_device_key(|| panic!("must not generate a new key"));
        match result {
            Err(StoreError::CorruptKey {
                path: reported,
                len,
            }) => {
                assert_eq!(reported, path);
                assert_eq!(len, content.len() as u64);
            }
            other => panic!("expected CorruptKey, got {other:?}"),
        }
        assert_eq!(fs::read(&path).unwrap(), content);
    }
}

#[test]
fn a_second_open_of_the_same_folder_is_refused_while_the_first_is_alive() {
    let root = tempfile::tempdir().unwrap();
    let first = DataDir::open(root.path()).unwrap();
    match DataDir::open(root.path()) {
        Err(err @ StoreError::Locked { .. }) => {
            let message = err.to_string();
            assert!(
                message.contains("already in use by another Causeway process"),
                "{message}"
            );
            assert!(
                message.contains(&root.path().display().to_string()),
                "{message}"
            );
        }
        other => panic!("expected Locked, got {other:?}"),
    }
    drop(first);
    DataDir::open(root.path()).unwrap();
}

#[test]
fn an_open_group_store_keeps_the_folder_locked_after_its_data_dir_is_dropped() {
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::open(root.path()).unwrap();
    let (store, _) = dir.open_group([1; 32]).unwrap();
    drop(dir);
    assert!(matches!(
        DataDir::open(root.path()),
        Err(StoreError::Locked { .. })
    ));
    drop(store);
    DataDir::open(root.path()).unwrap();
}

#[test]
fn small_files_are_replaced_whole_and_read_back() {
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::open(root.path()).unwrap();
    assert_eq!(dir.read_file("profile.json").unwrap(), None);
    dir.write_file_atomic("profile.json", b"{\"name\":\"Amara\"}")
        .unwrap();
    dir.write_file_atomic("profile.json", b"{\"name\":\"Bruno\"}")
        .unwrap();
    assert_eq!(
        dir.read_file("profile.json").unwrap().as_deref(),
        Some(&b"{\"name\":\"Bruno\"}"[..])
    );
    assert!(!root.path().join("profile.json.tmp").exists());
}

#[test]
fn names_that_would_leave_the_data_folder_or_hit_store_files_are_refused() {
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::open(root.path()).unwrap();
    for name in ["../outside", "device.key", "LOCK", "groups", "x.tmp", ""] {
        assert!(matches!(
            dir.write_file_atomic(name, b"x"),
            Err(StoreError::InvalidName { .. })
        ));
        assert!(matches!(
            dir.read_file(name),
            Err(StoreError::InvalidName { .. })
        ));
    }
    assert!(!root.path().parent().unwrap().join("outside").exists());
}

#[test]
fn group_ids_lists_the_group_folders_and_ignores_everything_else() {
    let root = tempfile::tempdir().unwrap();
    let dir = DataDir::open(root.path()).unwrap();
    assert!(dir.group_ids().unwrap().is_empty());
    let (a, b) = ([0xBB; 32], [0x01; 32]);
    drop(dir.open_group(a).unwrap());
    drop(dir.open_group(b).unwrap());
    let groups = root.path().join("groups");
    fs::create_dir(groups.join("not-a-group")).unwrap();
    fs::create_dir(groups.join(hex::encode_upper([0xCC; 32]))).unwrap();
    fs::write(
        groups.join(hex::encode([0xDD; 32])),
        b"a file, not a folder",
    )
    .unwrap();
    assert_eq!(dir.group_ids().unwrap(), vec![b, a]);
}

#[test]
fn the_default_location_is_a_causeway_folder() {
    // Every platform the tests run on has a home folder.
    let location = DataDir::default_location().unwrap();
    let text = location.display().to_string().to_lowercase();
    assert!(text.contains("causeway"), "{text}");
}
