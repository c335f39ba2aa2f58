//! The few file-system moves that make writes crash-safe: private files and folders, directory
//! fsync, and replace-by-rename.
//!
//! The rule everywhere: a file's data is fsynced before it is renamed into place, and the folder
//! is fsynced after an entry in it was created or renamed, so that after a crash a name points
//! either to the complete old content or to the complete new content.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::error::{StoreError, io_error};

/// Suffix of the temporary file a replacement is written to before it is renamed into place.
pub(crate) const TEMP_SUFFIX: &str = ".tmp";

/// Creates the folder `path` (mode 0700 on unix) and fsyncs its parent. Returns `false` if the
/// folder already existed. Missing parents are created too, also with mode 0700.
pub(crate) fn create_private_dir(path: &Path) -> Result<bool, StoreError> {
    if path.is_dir() {
        return Ok(false);
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(path)
        .map_err(io_error("create the folder", path))?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        sync_dir(parent)?;
    }
    Ok(true)
}

/// Flushes a folder's entries (names created, renamed or removed) to disk.
///
/// On unix this is an fsync of the folder. Other platforms have no portable way to do it, so
/// there it does nothing and renames are only as durable as the file system makes them.
pub(crate) fn sync_dir(path: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        File::open(path)
            .and_then(|dir| dir.sync_all())
            .map_err(io_error("finish writing the folder", path))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Creates a new file that only its owner can read and write (mode 0600 on unix, set at
/// creation so that there is no moment where it is readable by others). Fails if it exists.
pub(crate) fn create_private_file(path: &Path) -> Result<File, StoreError> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path).map_err(io_error("create", path))
}

/// Removes a file if it exists.
pub(crate) fn remove_if_exists(path: &Path) -> Result<(), StoreError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(io_error("remove", path)(e)),
    }
}

/// New content for `<dir>/<name>`, written and fsynced under a temporary name, waiting to be
/// renamed into place.
pub(crate) struct Staged {
    file: File,
    temp: PathBuf,
}

/// Writes `bytes` to `<dir>/<name>.tmp` (a new private file, replacing any left over from a
/// crash) and fsyncs it.
pub(crate) fn stage(dir: &Path, name: &str, bytes: &[u8]) -> Result<Staged, StoreError> {
    let temp = dir.join(format!("{name}{TEMP_SUFFIX}"));
    // A leftover temporary file is an incomplete write that was never renamed into place, so it
    // holds nothing that was acknowledged.
    remove_if_exists(&temp)?;
    let mut file = create_private_file(&temp)?;
    let written = file
        .write_all(bytes)
        .map_err(io_error("write", &temp))
        .and_then(|()| file.sync_all().map_err(io_error("finish writing", &temp)));
    if let Err(e) = written {
        // Best effort: the error being returned matters more than a leftover temporary file,
        // which the next write of the same name removes anyway.
        drop(file);
        let _ = fs::remove_file(&temp);
        return Err(e);
    }
    Ok(Staged { file, temp })
}

impl Staged {
    /// Renames the staged file over `target`. The returned handle (open for reading and
    /// writing) now refers to `target`. The caller must still [`sync_dir`] the folder to make the
    /// rename itself durable.
    pub(crate) fn rename_to(self, target: &Path) -> Result<File, StoreError> {
        fs::rename(&self.temp, target).map_err(io_error("rename into place", target))?;
        Ok(self.file)
    }
}

/// Atomically replaces (or creates) `<dir>/<name>` with `bytes`: temporary file, fsync, rename,
/// fsync of the folder. Returns a read-write handle to the new file.
pub(crate) fn replace_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<File, StoreError> {
    let file = stage(dir, name, bytes)?.rename_to(&dir.join(name))?;
    sync_dir(dir)?;
    Ok(file)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn replace_file_swaps_content_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        replace_file(dir.path(), "settings", b"old").unwrap();
        replace_file(dir.path(), "settings", b"new").unwrap();
        assert_eq!(fs::read(dir.path().join("settings")).unwrap(), b"new");
        assert!(!dir.path().join("settings.tmp").exists());
    }

    #[test]
    fn stage_replaces_a_temporary_file_left_by_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("settings.tmp"), b"half-written junk").unwrap();
        replace_file(dir.path(), "settings", b"fresh").unwrap();
        assert_eq!(fs::read(dir.path().join("settings")).unwrap(), b"fresh");
    }

    #[cfg(unix)]
    #[test]
    fn private_files_and_folders_are_closed_to_other_users() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("a").join("b");
        assert!(create_private_dir(&folder).unwrap());
        assert!(!create_private_dir(&folder).unwrap());
        let mode = fs::metadata(&folder).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o700);
        replace_file(&folder, "secret", b"x").unwrap();
        let mode = fs::metadata(folder.join("secret"))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600);
    }
}
