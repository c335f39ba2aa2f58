//! `BundleWrite` and `BundleRead`: a group carried as a file ([`crate::bundle`]).

use std::path::{Path, PathBuf};

use causeway_core::{DeviceId, GroupId};

use serde::{Deserialize, Serialize};

use super::as_text;
use crate::bundle::{Bundle, MAX_BUNDLE_BYTES};
use crate::error::{SyncError, SyncProblem};
use crate::node::Node;

/// Writes `group`'s bundle (or what `for_member` lacks) to `file`.
pub(super) fn write(
    node: &Node,
    group: GroupId,
    file: &Path,
    for_member: Option<DeviceId>,
) -> Result<BundleWritten, SyncError> {
    let bundle = node.local(|n| n.write_bundle(&group, for_member))??;
    let changes = bundle.changes.len();
    let doc_changes = bundle.documents.iter().map(|(_, c)| c.len()).sum();
    let bytes = bundle.encode();
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    super::export::write_files(dir, &[(file, &bytes)])?;
    Ok(BundleWritten {
        file: file.to_path_buf(),
        changes,
        doc_changes,
        bytes: bytes.len() as u64,
    })
}

/// Reads the bundle in `file` (its size looked at first) and takes it in.
pub(super) fn read(node: &Node, file: &Path) -> Result<BundleRead, SyncError> {
    let unreadable = |e: std::io::Error| {
        SyncError::NotPermitted(SyncProblem::BundleUnreadable {
            path: file.display().to_string(),
            detail: e.to_string(),
        })
    };
    let size = std::fs::metadata(file).map_err(unreadable)?.len();
    if size > MAX_BUNDLE_BYTES {
        return Err(SyncError::NotPermitted(SyncProblem::BundleTooLarge {
            max: MAX_BUNDLE_BYTES,
        }));
    }
    let bytes = std::fs::read(file).map_err(unreadable)?;
    let bundle = Bundle::decode(&bytes)?;
    let (group_id, taken, docs) = node.local(|n| n.read_bundle_noting(bundle))??;
    // What was new here goes on to the members this device reaches, as news from a
    // member's device would.
    node.spread_news(group_id, taken.accepted > 0, &docs);
    Ok(BundleRead { group_id, taken })
}

/// A bundle written.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct BundleWritten {
    /// The file.
    pub file: PathBuf,
    /// The group's changes in it.
    pub changes: usize,
    /// Its documents' changes in it.
    pub doc_changes: usize,
    /// Its size in bytes.
    pub bytes: u64,
}

/// What a bundle brought.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct BundleRead {
    /// The group.
    #[serde(with = "as_text")]
    pub group_id: GroupId,
    /// What was taken in.
    pub taken: crate::BundleTaken,
}
