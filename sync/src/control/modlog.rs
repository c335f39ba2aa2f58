//! The moderation log on the control socket: the log of a group as lines, and written out as
//! a file to check offline (`crate::audit`).

use std::path::{Path, PathBuf};

use causeway_core::GroupId;
use serde::{Deserialize, Serialize};

use crate::audit::{self, LogLine};
use crate::error::SyncError;
use crate::node::Node;

/// The log file written (`LogExport`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct LogExported {
    /// The file.
    pub file: PathBuf,
    /// How many entries it lists.
    pub entries: usize,
    /// Its size, in bytes.
    pub bytes: u64,
}

/// The log of `group`, oldest first.
pub(super) fn list(node: &Node, group: GroupId) -> Result<Vec<LogLine>, SyncError> {
    node.local(|n| {
        n.group(&group)
            .map(audit::lines)
            .ok_or(SyncError::UnknownGroup(group))
    })?
}

/// Writes the log file of `group` at `file`.
pub(super) fn export(node: &Node, group: GroupId, file: &Path) -> Result<LogExported, SyncError> {
    let (bytes, entries) = node.local(|n| {
        let g = n.group(&group).ok_or(SyncError::UnknownGroup(group))?;
        Ok::<_, SyncError>((
            audit::export(g, crate::local::now().0)?,
            audit::lines(g).len(),
        ))
    })??;
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    super::export::write_files(dir, &[(file, &bytes)])?;
    Ok(LogExported {
        file: file.to_path_buf(),
        entries,
        bytes: bytes.len() as u64,
    })
}
