//! Requests about pictures and files: attaching them, listing a group's, fetching one to a
//! folder, the avatar and the group's picture, the group's limits, the space they take and
//! freeing what no group references.

use std::path::PathBuf;
use std::time::Duration;

use causeway_core::view::{AttachedTo, FileRef, MB};
use causeway_core::{BlobHash, DeviceId, GroupId, ItemId};
use serde::{Deserialize, Serialize};

use super::{ItemRef, Output, as_text};
use crate::error::SyncError;
use crate::files::FileRecord;
use crate::local::{FileSettings, new_item_id};
use crate::node::Node;

/// What a file is attached to, as a request names it.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum AttachTo {
    /// A post of mine.
    Post,
    /// A comment of mine.
    Comment,
    /// An event I made.
    Event,
}

/// A request about a group's files, or this device's.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "about", rename_all = "kebab-case")]
pub enum FileRequest {
    /// Attaches files to one of my items.
    Attach {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// What kind of item.
        to: AttachTo,
        /// The item.
        #[serde(with = "as_text")]
        item: ItemId,
        /// The files, on this machine.
        files: Vec<PathBuf>,
    },
    /// A group's files.
    List {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
    },
    /// Fetches a file of a group (waiting for it at most `wait_secs`) and writes it into a
    /// folder.
    Get {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The file's hash.
        #[serde(with = "as_text")]
        hash: BlobHash,
        /// The folder.
        dir: PathBuf,
        /// How long to wait for it.
        wait_secs: u64,
    },
    /// Takes one of my files off.
    Remove {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The attachment.
        #[serde(with = "as_text")]
        attachment: ItemId,
    },
    /// Sets my picture in every group (none: take it away).
    SetAvatar {
        /// The picture, on this machine.
        file: Option<PathBuf>,
    },
    /// Sets the group's picture (admins; none: take it away).
    SetGroupPicture {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The picture, on this machine.
        file: Option<PathBuf>,
    },
    /// Sets the group's limits (admins), in megabytes.
    Limits {
        /// The group.
        #[serde(with = "as_text")]
        group: GroupId,
        /// The largest file.
        max_file_mb: Option<u64>,
        /// All the group's files together.
        max_total_mb: Option<u64>,
    },
    /// How much space each group's files take here.
    Space,
    /// Frees what no group references any more.
    Collect,
    /// What downloads by itself.
    Settings {
        /// Pictures up to this many megabytes.
        auto_images_mb: u32,
    },
}

/// One file of a group.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct AttachmentLine {
    /// The attachment's id.
    #[serde(with = "as_text")]
    pub attachment: ItemId,
    /// Who attached it.
    #[serde(with = "as_text")]
    pub author: DeviceId,
    /// Their name in the group.
    pub author_name: String,
    /// What it is on: `post`, `comment`, `event`, `avatar`, `group`.
    pub on: String,
    /// The item it is on, if any.
    #[serde(with = "as_text::option", default)]
    pub item: Option<ItemId>,
    /// The file.
    pub file: FileRecord,
    /// Whether all of it is here.
    pub here: bool,
    /// Hidden by a moderator (the reason).
    pub hidden: Option<String>,
}

/// Where a file was written.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct FileSaved {
    /// The file written.
    pub path: PathBuf,
}

/// The space one group's files take.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct SpaceLine {
    /// The group.
    #[serde(with = "as_text")]
    pub group_id: GroupId,
    /// Its name.
    pub name: String,
    /// Bytes its files take in all.
    pub referenced: u64,
    /// Of those, bytes here.
    pub here: u64,
    /// Its limit on one file.
    pub max_file: u64,
    /// Its limit on all files.
    pub max_total: u64,
}

/// What a request about files answered.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Freed {
    /// Bytes freed.
    pub bytes: u64,
}

/// Carries out `req`.
pub(super) async fn execute(node: &Node, req: FileRequest) -> Result<Output, SyncError> {
    Ok(match req {
        FileRequest::Attach {
            group,
            to,
            item,
            files,
        } => {
            let refs = node.import_files(group, &files).await?;
            let on = match to {
                AttachTo::Post => AttachedTo::Post(item),
                AttachTo::Comment => AttachedTo::Comment(item),
                AttachTo::Event => AttachedTo::Event(item),
            };
            let mut with_ids = Vec::new();
            for f in &refs {
                with_ids.push((new_item_id()?, on, f.clone()));
            }
            let done = node.act_all(group, |g, now| g.attach(now, with_ids));
            node.release_files(&refs);
            done?;
            Output::Item(ItemRef {
                group_id: group,
                item_id: item,
            })
        }
        FileRequest::List { group } => Output::Attachments(list(node, group).await?),
        FileRequest::Get {
            group,
            hash,
            dir,
            wait_secs,
        } => {
            let file = find(node, group, hash)?;
            node.fetch_file(&file, Duration::from_secs(wait_secs))
                .await?;
            Output::FileSaved(FileSaved {
                path: node.save_file(&file, &dir).await?,
            })
        }
        FileRequest::Remove { group, attachment } => {
            node.act(group, |g, now| g.remove_attachment(now, attachment))?;
            Output::Done
        }
        FileRequest::SetAvatar { file } => {
            let avatar = match file {
                Some(p) => Some(node.import_picture(&p).await?),
                None => None,
            };
            node.local(|n| {
                let mut p = n.profile().clone();
                p.avatar = avatar.clone();
                n.set_profile(p)
            })??;
            node.follow_profile(None);
            if let Some(a) = &avatar {
                node.release_files(std::slice::from_ref(a));
            }
            Output::Done
        }
        FileRequest::SetGroupPicture { group, file } => {
            let picture = match file {
                Some(p) => Some(node.import_picture(&p).await?),
                None => None,
            };
            let new = match &picture {
                Some(f) => Some((new_item_id()?, f.clone())),
                None => None,
            };
            let done = node.act_all(group, |g, now| g.set_picture(now, AttachedTo::Group, new));
            if let Some(p) = &picture {
                node.release_files(std::slice::from_ref(p));
            }
            done?;
            Output::Group(super::GroupRef { group_id: group })
        }
        FileRequest::Limits {
            group,
            max_file_mb,
            max_total_mb,
        } => {
            let bytes = |mb: Option<u64>| mb.map(|m| m.saturating_mul(MB));
            node.act_all(group, |g, now| {
                g.set_file_limits(now, bytes(max_file_mb), bytes(max_total_mb))
            })?;
            Output::Group(super::GroupRef { group_id: group })
        }
        FileRequest::Space => Output::Space(space(node).await?),
        FileRequest::Collect => Output::Freed(Freed {
            bytes: node.collect_files().await?,
        }),
        FileRequest::Settings { auto_images_mb } => {
            node.local(|n| n.set_file_settings(FileSettings { auto_images_mb }))??;
            Output::Done
        }
    })
}

/// The file of `group` with the hash `hash` (a thumbnail's hash finds its picture's
/// thumbnail).
pub(super) fn find(node: &Node, group: GroupId, hash: BlobHash) -> Result<FileRef, SyncError> {
    let all = node
        .local(|n| n.group(&group).map(|g| g.attachments()))?
        .ok_or(SyncError::UnknownGroup(group))?;
    all.iter()
        .filter(|a| a.shows())
        .find_map(|a| {
            if a.file.hash == hash {
                return Some(a.file.clone());
            }
            a.file
                .image
                .and_then(|i| i.thumb)
                .filter(|(h, _)| *h == hash)
                .map(|(h, size)| FileRef {
                    hash: h,
                    size,
                    media: "image/jpeg".into(),
                    name: format!("thumbnail-{}", a.file.name),
                    image: None,
                })
        })
        .ok_or_else(|| {
            causeway_core::CoreError::NotFound(causeway_core::Problem::AttachmentNotFound).into()
        })
}

async fn list(node: &Node, group: GroupId) -> Result<Vec<AttachmentLine>, SyncError> {
    let (all, names) = node
        .local(|n| {
            n.group(&group).map(|g| {
                let names: std::collections::HashMap<DeviceId, String> =
                    g.members().into_iter().map(|m| (m.id, m.name)).collect();
                (g.attachments(), names)
            })
        })?
        .ok_or(SyncError::UnknownGroup(group))?;
    let mut out = Vec::new();
    for a in all.into_iter().filter(|a| !a.removed) {
        let (on, item) = match a.on {
            AttachedTo::Post(i) => ("post", Some(i)),
            AttachedTo::Comment(i) => ("comment", Some(i)),
            AttachedTo::Event(i) => ("event", Some(i)),
            AttachedTo::Avatar => ("avatar", None),
            AttachedTo::Group => ("group", None),
        };
        out.push(AttachmentLine {
            attachment: a.id,
            author: a.author,
            author_name: names.get(&a.author).cloned().unwrap_or_default(),
            on: on.into(),
            item,
            here: node.has_file(a.file.hash).await,
            file: FileRecord::from(&a.file),
            hidden: a.hidden.map(|h| h.reason),
        });
    }
    Ok(out)
}

async fn space(node: &Node) -> Result<Vec<SpaceLine>, SyncError> {
    // From the groups themselves, not the published views: a command's own node answers
    // before its first views are built.
    let groups = node.local(|n| {
        n.groups()
            .filter(|g| g.my_role().is_some())
            .map(|g| {
                let files = crate::views::GroupFiles::build(g);
                let name = g.info().map(|i| i.name).unwrap_or_default();
                (g.id(), name, files)
            })
            .collect::<Vec<_>>()
    })?;
    let mut out = Vec::new();
    for (group_id, name, files) in groups {
        let mut seen = std::collections::HashSet::new();
        let (mut referenced, mut here) = (0, 0);
        for (h, size) in files.kept() {
            if seen.insert(h) {
                referenced += size;
                if node.has_file(h).await {
                    here += size;
                }
            }
        }
        out.push(SpaceLine {
            group_id,
            name,
            referenced,
            here,
            max_file: files.limits.max_file,
            max_total: files.limits.max_total,
        });
    }
    Ok(out)
}

/// Writes a new post with files: the files read and stored first, then the post and its
/// files in one change.
pub(super) async fn post(
    node: &Node,
    group: GroupId,
    title: &str,
    text: &str,
    lang: &str,
    paths: &[PathBuf],
) -> Result<ItemId, SyncError> {
    let refs = node.import_files(group, paths).await?;
    let id = new_item_id()?;
    let mut with_ids = Vec::new();
    for f in &refs {
        with_ids.push((new_item_id()?, f.clone()));
    }
    let done = node.act_all(group, |g, now| {
        g.post_with_files(now, id, title, text, lang, with_ids)
    });
    node.release_files(&refs);
    done?;
    Ok(id)
}
