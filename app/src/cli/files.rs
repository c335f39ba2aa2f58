//! Pictures and files on the command line: `causeway attachment ...`, `profile set-avatar`,
//! `group set-picture`, and what `post --attach` sends. A file of a group is named by its hash
//! or the start of it, as `attachment list` prints it.
use std::path::PathBuf;

use causeway_core::BlobHash;
use causeway_core::view::MB;
use causeway_sync::control::{AttachTo, AttachmentLine, FileRequest, Output, Request, SpaceLine};
use clap::Subcommand;

use super::find::{Finder, here};

/// `causeway attachment ...`.
#[derive(Subcommand, Debug)]
pub enum AttachmentCmd {
    /// The group's files: hash, size, type, name, who attached them, and whether they are
    /// here.
    List {
        /// Group id, prefix or name.
        group: String,
    },
    /// Attach pictures or files to one of your posts or comments.
    Add {
        /// Group id, prefix or name.
        group: String,
        /// The post's or comment's id (or its start), as `feed` shows it.
        item: String,
        /// The files (a photo's location and camera data are taken out first).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Fetch a file from the members who have it and write it into a folder.
    Get {
        /// Group id, prefix or name.
        group: String,
        /// The file's hash (or its start), as `attachment list` prints it.
        hash: String,
        /// The folder to write it into.
        dir: PathBuf,
        /// How long to wait for it, in seconds.
        #[arg(long, default_value_t = 120)]
        wait: u64,
    },
    /// How much space each group's files take on this device.
    Space,
    /// Free the space of files no group uses any more.
    Free,
    /// Pictures up to this size download by themselves (0: only thumbnails and avatars).
    AutoDownload {
        /// Megabytes.
        mb: u32,
    },
}

/// An `attachment` command as a request.
pub fn attachment(cmd: AttachmentCmd, find: &Finder) -> anyhow::Result<Request> {
    let req = match cmd {
        AttachmentCmd::List { group } => FileRequest::List {
            group: find.group(&group)?,
        },
        AttachmentCmd::Get {
            group,
            hash,
            dir,
            wait,
        } => {
            let group = find.group(&group)?;
            FileRequest::Get {
                group,
                hash: file_hash(find, group, &hash)?,
                dir: here(dir),
                wait_secs: wait,
            }
        }
        AttachmentCmd::Add { group, item, files } => {
            let group = find.group(&group)?;
            let (kind, item) = find.item(group, &item)?;
            FileRequest::Attach {
                group,
                to: match kind {
                    causeway_core::ItemKind::Post => AttachTo::Post,
                    causeway_core::ItemKind::Comment => AttachTo::Comment,
                },
                item,
                files: files.into_iter().map(here).collect(),
            }
        }
        AttachmentCmd::Space => FileRequest::Space,
        AttachmentCmd::Free => FileRequest::Collect,
        AttachmentCmd::AutoDownload { mb } => FileRequest::Settings { auto_images_mb: mb },
    };
    Ok(files(req))
}

/// A request about files.
pub fn files(req: FileRequest) -> Request {
    Request::Files { req: Box::new(req) }
}

/// The hash of a group's file that `word` names: a whole hash, or the start of one.
fn file_hash(find: &Finder, group: causeway_core::GroupId, word: &str) -> anyhow::Result<BlobHash> {
    if let Ok(h) = BlobHash::from_hex(word) {
        return Ok(h);
    }
    let word = word.to_ascii_lowercase();
    let Output::Attachments(all) = find.ask(files(FileRequest::List { group }))? else {
        anyhow::bail!("The running Causeway answered something else; try again.");
    };
    let mut found: Vec<String> = all
        .iter()
        .flat_map(|a| std::iter::once(a.file.hash.clone()).chain(a.file.thumb.clone()))
        .filter(|h| h.starts_with(&word))
        .collect();
    found.dedup();
    match found.as_slice() {
        [one] => Ok(BlobHash::from_hex(one)?),
        [] => anyhow::bail!(
            "No file of this group has a hash starting with {word}; `causeway attachment list` shows them."
        ),
        _ => anyhow::bail!("Several files have a hash starting with {word}; give more of it."),
    }
}

/// A size as a person reads it: "3.2 MB", "820 kB", "12 bytes".
pub fn size(bytes: u64) -> String {
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1000 {
        format!("{} kB", bytes / 1000)
    } else {
        format!("{bytes} bytes")
    }
}

/// The lines of a group's files.
pub fn print_list(all: &[AttachmentLine], lines: &mut Vec<String>) {
    if all.is_empty() {
        lines.push("This group has no files.".into());
    }
    for a in all {
        let on = match &a.item {
            Some(i) => format!("{} {}", a.on, &i.to_hex()[..10]),
            None => a.on.clone(),
        };
        let here = if a.here { "here" } else { "not here yet" };
        let pixels = match (a.file.width, a.file.height) {
            (Some(w), Some(h)) => format!(", {w}x{h}"),
            _ => String::new(),
        };
        lines.push(format!(
            "{}  {}  {} ({}{}), by {}, on {}, {}",
            &a.file.hash[..16],
            a.file.name,
            size(a.file.size),
            a.file.media,
            pixels,
            a.author_name,
            on,
            here
        ));
        if let Some(why) = &a.hidden {
            lines.push(format!("    hidden by a moderator: {why}"));
        }
    }
}

/// The lines of the space files take.
pub fn print_space(all: &[SpaceLine], lines: &mut Vec<String>) {
    for s in all {
        lines.push(format!(
            "{}: {} here of {} ({} per file, {} in all at most)",
            if s.name.is_empty() {
                "(waiting)"
            } else {
                &s.name
            },
            size(s.here),
            size(s.referenced),
            size(s.max_file),
            size(s.max_total),
        ));
    }
}
