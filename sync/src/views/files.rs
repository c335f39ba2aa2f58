//! A group's files as the app shows them: every attachment that shows, found by what it is on
//! (a post, a comment, an event, by its author), each member's avatar and the group's picture.
//! Built whole from the group when its attachments change: there are few of them beside posts.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use causeway_core::view::{AttachedTo, Attachment, FileLimits};
use causeway_core::{BlobHash, DeviceId, Group};

/// A group's files.
#[derive(Clone, Debug, Default)]
pub struct GroupFiles {
    /// Every attachment, removed and hidden ones too, in the order they were made.
    pub all: Arc<[Attachment]>,
    /// The group's limits on files.
    pub limits: FileLimits,
    /// The attachments that show, by what they are on and their author.
    on: Arc<HashMap<(AttachedTo, DeviceId), Vec<Attachment>>>,
    /// Each member's avatar that shows.
    avatars: Arc<HashMap<DeviceId, Attachment>>,
    /// The group's picture.
    picture: Option<Attachment>,
}

impl GroupFiles {
    /// The files of `group` now.
    pub fn build(group: &Group) -> GroupFiles {
        let all = group.attachments();
        let mut on: HashMap<(AttachedTo, DeviceId), Vec<Attachment>> = HashMap::new();
        let mut avatars = HashMap::new();
        let mut picture = None;
        for a in all.iter().filter(|a| a.shows()) {
            match a.on {
                // The newest wins: `all` is in the order they were made.
                AttachedTo::Avatar => {
                    avatars.insert(a.author, a.clone());
                }
                AttachedTo::Group => picture = Some(a.clone()),
                _ => on.entry((a.on, a.author)).or_default().push(a.clone()),
            }
        }
        GroupFiles {
            all: all.into(),
            limits: group.file_limits(),
            on: Arc::new(on),
            avatars: Arc::new(avatars),
            picture,
        }
    }

    /// The files that show on what `on` names, by `author` (the item's author: nobody else's
    /// files show on it), in the order they were attached.
    pub fn on(&self, on: AttachedTo, author: DeviceId) -> &[Attachment] {
        self.on.get(&(on, author)).map_or(&[], Vec::as_slice)
    }

    /// The picture `who` shows in this group.
    pub fn avatar(&self, who: DeviceId) -> Option<&Attachment> {
        self.avatars.get(&who)
    }

    /// The group's picture.
    pub fn picture(&self) -> Option<&Attachment> {
        self.picture.as_ref()
    }

    /// Whether a file that shows (or its thumbnail) has the hash `hash`.
    pub fn shows_blob(&self, hash: BlobHash) -> bool {
        self.all
            .iter()
            .filter(|a| a.shows())
            .any(|a| a.file.blobs().any(|(h, _)| h == hash))
    }

    /// Every blob a file not taken off references (hidden ones too: a moderator may show
    /// them again), with its size.
    pub fn kept(&self) -> impl Iterator<Item = (BlobHash, u64)> + '_ {
        self.all
            .iter()
            .filter(|a| !a.removed)
            .flat_map(|a| a.file.blobs())
    }

    /// How many bytes the group's files take, each blob once.
    pub fn bytes(&self) -> u64 {
        let mut seen = HashSet::new();
        self.kept()
            .filter(|(h, _)| seen.insert(*h))
            .map(|(_, s)| s)
            .sum()
    }
}
