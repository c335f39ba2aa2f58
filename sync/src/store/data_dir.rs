//! The data folder: its lock, the device key, small whole files, and the folders of groups.

use std::collections::HashSet;
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::durable::{self, TEMP_SUFFIX};
use super::error::{StoreError, io_error};
use super::group::{GroupStore, LoadedGroup};
use super::open::{OpenGroupGuard, Shared};

/// Name of the lock file in the data folder.
pub(crate) const LOCK_FILE: &str = "LOCK";
/// Name of the device key file in the data folder.
pub(crate) const DEVICE_KEY_FILE: &str = "device.key";
/// Name of the folder holding one folder per group.
pub(crate) const GROUPS_DIR: &str = "groups";
/// Length of a device key.
const DEVICE_KEY_LEN: u64 = 32;
/// Longest name accepted by [`DataDir::write_file_atomic`].
const MAX_NAME_LEN: usize = 128;

/// An opened data folder, locked so that only this process uses it.
///
/// The lock is held until this value and every [`GroupStore`] opened from it are dropped.
pub struct DataDir {
    shared: Arc<Shared>,
}

impl fmt::Debug for DataDir {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DataDir")
            .field("root", &self.shared.root)
            .finish_non_exhaustive()
    }
}

impl DataDir {
    /// The platform's usual data folder for Causeway (for example
    /// `~/.local/share/causeway` on Linux), or `None` if the platform has no home folder.
    pub fn default_location() -> Option<PathBuf> {
        directories::ProjectDirs::from("org", "Causeway", "Causeway")
            .map(|dirs| dirs.data_dir().to_path_buf())
    }

    /// Opens the data folder at `root`, creating it (mode 0700 on unix) if it is missing, and
    /// takes an exclusive lock on `<root>/LOCK`.
    ///
    /// Fails with [`StoreError::Locked`] if another process, or another `DataDir` in this one,
    /// holds the lock. The lock is advisory (`flock` on unix) and is released by the operating
    /// system if the process dies.
    pub fn open(root: &Path) -> Result<DataDir, StoreError> {
        durable::create_private_dir(root)?;
        let lock_path = root.join(LOCK_FILE);
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let lock = options
            .open(&lock_path)
            .map_err(io_error("open the lock file", &lock_path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: root.to_path_buf(),
                });
            }
            Err(TryLockError::Error(source)) => {
                return Err(io_error("lock", &lock_path)(source));
            }
        }
        Ok(DataDir {
            shared: Arc::new(Shared {
                root: root.to_path_buf(),
                _lock: lock,
                open_groups: Mutex::new(HashSet::new()),
            }),
        })
    }

    /// The data folder.
    pub fn root(&self) -> &Path {
        &self.shared.root
    }

    /// Returns this device's secret key, stored as 32 raw bytes in `<root>/device.key`
    /// (mode 0600 on unix).
    ///
    /// The first time, the key is made by `generate` and written durably (temporary file created
    /// with mode 0600, fsync, rename, fsync of the folder). A key file of the wrong size is
    /// [`StoreError::CorruptKey`] and is never overwritten.
    pub fn load_or_create_device_key(
        &self,
        generate: impl FnOnce() -> [u8; 32],
    ) -> Result<[u8; 32], StoreError> {
        let root = self.root();
        let path = root.join(DEVICE_KEY_FILE);
        match File::open(&path) {
            Ok(mut file) => {
                let metadata = file.metadata().map_err(io_error("read", &path))?;
                // Checked before reading, so a huge file is not read into memory.
                if metadata.len() != DEVICE_KEY_LEN {
                    return Err(StoreError::CorruptKey {
                        path,
                        len: metadata.len(),
                    });
                }
                warn_if_readable_by_others(&path, &metadata);
                let mut key = [0; 32];
                file.read_exact(&mut key).map_err(io_error("read", &path))?;
                Ok(key)
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let key = generate();
                durable::replace_file(root, DEVICE_KEY_FILE, &key)?;
                tracing::info!(path = %path.display(), "created a new device key");
                Ok(key)
            }
            Err(e) => Err(io_error("open", &path)(e)),
        }
    }

    /// Replaces (or creates) the file `<root>/<name>` with `bytes`, atomically: after a crash it
    /// holds either the old or the new bytes. Meant for small whole values (profile, settings).
    ///
    /// `name` must be 1 to 64 ASCII letters, digits, `-`, `_` or `.`, start with a letter or
    /// digit, not end in `.tmp`, and not be `LOCK`, `device.key` or `groups`.
    pub fn write_file_atomic(&self, name: &str, bytes: &[u8]) -> Result<(), StoreError> {
        check_name(name)?;
        durable::replace_file(self.root(), name, bytes)?;
        Ok(())
    }

    /// Reads the file `<root>/<name>` written by [`write_file_atomic`](Self::write_file_atomic),
    /// or `None` if there is none. `name` follows the same rules.
    pub fn read_file(&self, name: &str) -> Result<Option<Vec<u8>>, StoreError> {
        check_name(name)?;
        let path = self.root().join(name);
        match fs::read(&path) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io_error("read", &path)(e)),
        }
    }

    /// The ids of the groups stored here: every folder `<root>/groups/<id>` whose name is 64
    /// lower-case hex characters, sorted. Anything else in `groups` is ignored.
    pub fn group_ids(&self) -> Result<Vec<[u8; 32]>, StoreError> {
        let groups = self.root().join(GROUPS_DIR);
        let entries = match fs::read_dir(&groups) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_error("list", &groups)(e)),
        };
        let mut ids = Vec::new();
        for entry in entries {
            let entry = entry.map_err(io_error("list", &groups))?;
            let Some(id) = entry.file_name().to_str().and_then(parse_group_dir_name) else {
                continue;
            };
            let is_dir = entry
                .file_type()
                .map_err(io_error("inspect", &entry.path()))?
                .is_dir();
            if is_dir {
                ids.push(id);
            }
        }
        ids.sort_unstable();
        Ok(ids)
    }

    /// Opens the store of group `id`, creating its folder `<root>/groups/<hex id>` if missing, and
    /// loads everything in it.
    ///
    /// A damaged log tail or damaged record is set aside and reported in
    /// [`LoadedGroup::warnings`]; a damaged snapshot is [`StoreError::CorruptSnapshot`]. Fails
    /// with [`StoreError::GroupAlreadyOpen`] while another `GroupStore` of the same group lives.
    pub fn open_group(&self, id: [u8; 32]) -> Result<(GroupStore, LoadedGroup), StoreError> {
        // From here the guard unmarks the group on every path out, errors included.
        let guard = OpenGroupGuard::claim(&self.shared, id)?;
        let groups = self.root().join(GROUPS_DIR);
        durable::create_private_dir(&groups)?;
        let dir = groups.join(hex::encode(id));
        durable::create_private_dir(&dir)?;
        GroupStore::open(id, &dir, guard)
    }
}

/// What a group's folder is renamed to before it is removed: not a group id, so a removal cut
/// short by a crash leaves nothing that opens as a group, and the next start finishes it.
const REMOVED_SUFFIX: &str = ".removed";

impl DataDir {
    /// Removes group `id`'s folder (its history, snapshot and documents): first renamed, the
    /// rename made durable, then deleted. Its stores must be closed (dropped) first.
    pub fn remove_group(&self, id: [u8; 32]) -> Result<(), StoreError> {
        let groups = self.root().join(GROUPS_DIR);
        let dir = groups.join(hex::encode(id));
        if !dir.exists() {
            return Ok(());
        }
        let gone = groups.join(format!("{}{REMOVED_SUFFIX}", hex::encode(id)));
        fs::rename(&dir, &gone).map_err(io_error("rename", &dir))?;
        durable::sync_dir(&groups)?;
        fs::remove_dir_all(&gone).map_err(io_error("remove", &gone))
    }

    /// Finishes removals a crash cut short (folders renamed for removal, still there).
    pub fn finish_removals(&self) -> Result<(), StoreError> {
        let groups = self.root().join(GROUPS_DIR);
        let Ok(entries) = fs::read_dir(&groups) else {
            return Ok(());
        };
        for entry in entries.flatten() {
            if entry
                .file_name()
                .to_str()
                .is_some_and(|n| n.ends_with(REMOVED_SUFFIX))
            {
                let path = entry.path();
                fs::remove_dir_all(&path).map_err(io_error("remove", &path))?;
            }
        }
        Ok(())
    }

    /// The ids of the shared documents stored for group `group`: every folder
    /// `<root>/groups/<group>/docs/<id>` named by 64 lower-case hex characters, sorted.
    pub fn document_ids(&self, group: [u8; 32]) -> Result<Vec<[u8; 32]>, StoreError> {
        let docs = self.documents_dir(group);
        let entries = match fs::read_dir(&docs) {
            Ok(entries) => entries,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_error("list", &docs)(e)),
        };
        let mut ids = Vec::new();
        for entry in entries {
            let entry = entry.map_err(io_error("list", &docs))?;
            if let Some(id) = entry.file_name().to_str().and_then(parse_group_dir_name) {
                ids.push(id);
            }
        }
        ids.sort_unstable();
        Ok(ids)
    }

    /// Opens the store of shared document `doc` of group `group` (a log and a snapshot, as a
    /// group's), creating `<root>/groups/<group>/docs/<doc>` if missing.
    pub fn open_document(
        &self,
        group: [u8; 32],
        doc: [u8; 32],
    ) -> Result<(GroupStore, LoadedGroup), StoreError> {
        let guard = OpenGroupGuard::claim(&self.shared, doc)?;
        let groups = self.root().join(GROUPS_DIR);
        durable::create_private_dir(&groups)?;
        durable::create_private_dir(&groups.join(hex::encode(group)))?;
        let docs = self.documents_dir(group);
        durable::create_private_dir(&docs)?;
        let dir = docs.join(hex::encode(doc));
        durable::create_private_dir(&dir)?;
        GroupStore::open(doc, &dir, guard)
    }

    /// What tells whether document `doc` of `group` changed on disk since: the lengths and
    /// modification times of its log and snapshot (`None` when it is not stored here).
    pub fn document_fingerprint(&self, group: [u8; 32], doc: [u8; 32]) -> Option<String> {
        let dir = self.documents_dir(group).join(hex::encode(doc));
        let mut parts = Vec::new();
        for name in [super::log::LOG_FILE, super::snapshot::SNAPSHOT_FILE] {
            match fs::metadata(dir.join(name)) {
                Ok(m) => {
                    let at = m
                        .modified()
                        .ok()
                        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                        .map_or(0, |d| d.as_nanos());
                    parts.push(format!("{}.{at}", m.len()));
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => parts.push("-".into()),
                Err(_) => return None,
            }
        }
        dir.is_dir().then(|| parts.join("/"))
    }

    fn documents_dir(&self, group: [u8; 32]) -> std::path::PathBuf {
        self.root()
            .join(GROUPS_DIR)
            .join(hex::encode(group))
            .join(DOCS_DIR)
    }
}

/// The folder, inside a group's, of its shared documents.
const DOCS_DIR: &str = "docs";

/// Parses a group folder name: exactly 64 lower-case hex characters.
fn parse_group_dir_name(name: &str) -> Option<[u8; 32]> {
    let lower_hex = name.len() == 64
        && name
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    if !lower_hex {
        return None;
    }
    let mut id = [0; 32];
    hex::decode_to_slice(name, &mut id).ok()?;
    Some(id)
}

/// Checks a name for [`DataDir::write_file_atomic`] and [`DataDir::read_file`].
fn check_name(name: &str) -> Result<(), StoreError> {
    let reserved = [LOCK_FILE, DEVICE_KEY_FILE, GROUPS_DIR]
        .iter()
        // Case-insensitive, because so are the default file systems of Windows and macOS.
        .any(|r| r.eq_ignore_ascii_case(name));
    let valid = !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        && !name.to_ascii_lowercase().ends_with(TEMP_SUFFIX)
        && !reserved;
    if valid {
        Ok(())
    } else {
        Err(StoreError::InvalidName {
            name: name.to_owned(),
        })
    }
}

/// Logs a warning if the key file can be read by other users. The file is not changed: its
/// permissions may have been set that way on purpose, and the person should know either way.
fn warn_if_readable_by_others(path: &Path, metadata: &fs::Metadata) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = metadata.permissions().mode();
        if mode & 0o077 != 0 {
            tracing::warn!(
                path = %path.display(),
                mode = format_args!("{:o}", mode & 0o777),
                "the device key file can be read by other users of this computer"
            );
        }
    }
    #[cfg(not(unix))]
    let _ = (path, metadata);
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn only_lower_case_hex_names_of_64_characters_are_group_folders() {
        let id = [0xAB; 32];
        assert_eq!(parse_group_dir_name(&hex::encode(id)), Some(id));
        assert_eq!(parse_group_dir_name(&hex::encode_upper(id)), None);
        assert_eq!(parse_group_dir_name(&hex::encode(&id[..31])), None);
        assert_eq!(parse_group_dir_name(&format!("{}0", hex::encode(id))), None);
        assert_eq!(parse_group_dir_name("zz"), None);
    }

    #[test]
    fn names_that_could_clash_with_store_files_are_refused() {
        for name in [
            "",
            "LOCK",
            "lock",
            "device.key",
            "groups",
            "settings.tmp",
            "settings.TMP",
            ".hidden",
            "../escape",
            "a/b",
            "a\\b",
            &"x".repeat(129),
        ] {
            assert!(check_name(name).is_err(), "{name:?} was accepted");
        }
        for name in ["profile", "settings.json", "a-b_c.1", &"x".repeat(128)] {
            assert!(check_name(name).is_ok(), "{name:?} was refused");
        }
    }
}
