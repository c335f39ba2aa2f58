//! What a data folder and the group stores opened from it share: the folder's lock, held
//! until the last of them is dropped, and which groups are open (each at most once).
use std::collections::HashSet;
use std::fs::File;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

use super::error::StoreError;

/// State shared by a [`super::DataDir`] and the [`super::GroupStore`]s opened from it. The lock on the data
/// folder is released when the last of them is dropped.
pub(super) struct Shared {
    pub(super) root: PathBuf,
    /// Holds the exclusive lock; closing it releases the lock.
    pub(super) _lock: File,
    /// Groups that have a live [`super::GroupStore`].
    pub(super) open_groups: Mutex<HashSet<[u8; 32]>>,
}

/// Marks a group as open while a [`super::GroupStore`] lives, and keeps the data folder locked.
pub(crate) struct OpenGroupGuard {
    shared: Arc<Shared>,
    id: [u8; 32],
}

impl Drop for OpenGroupGuard {
    fn drop(&mut self) {
        self.shared
            .open_groups
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&self.id);
    }
}

impl OpenGroupGuard {
    /// Marks group `id` as open, or fails while another store of it lives.
    pub(super) fn claim(shared: &Arc<Shared>, id: [u8; 32]) -> Result<OpenGroupGuard, StoreError> {
        let newly_open = shared
            .open_groups
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(id);
        if !newly_open {
            return Err(StoreError::GroupAlreadyOpen {
                id_short: hex::encode(&id[..4]),
            });
        }
        Ok(OpenGroupGuard {
            shared: Arc::clone(shared),
            id,
        })
    }
}
