//! Documents and files: a new document from a Markdown file (chosen in the system's file
//! picker, or dropped on the window), and a document written out as Markdown and as an
//! `.automerge` file into the export folder of the settings. Files are read off the
//! window's thread; what was read arrives in a later frame.

use std::path::PathBuf;

use causeway_core::docs::{MAX_MARKDOWN_BYTES, RichText};
use causeway_core::{CoreError, DocId, GroupId};
use causeway_sync::control::{DocRequest, Failure, Request};

use crate::window::CausewayApp;
use crate::window::toast::Tone;

/// What reading a Markdown file the person chose (or dropped) found.
#[derive(Debug)]
pub(in crate::window) enum Read {
    /// The text, and the file's name without its extension (a title when none was typed).
    Text(RichText, String),
    /// The file could not be read.
    Unreadable(PathBuf, String),
    /// It is no document's Markdown (too large, not text).
    Refused(CoreError),
}

impl CausewayApp {
    /// Opens the file picker for a Markdown file to start a document of `group` from.
    pub(super) fn pick_markdown(&mut self, ctx: &egui::Context, group: GroupId) {
        let kind = self.i18n.t("docs-markdown-files");
        let rx = crate::window::pick::pick_file(ctx, kind, &["md", "markdown", "txt"]);
        self.new_doc.importing = Some((group, Some(rx)));
    }

    /// Takes the Markdown file chosen, if it was: the document is made from it.
    pub(super) fn take_picked_markdown(&mut self) {
        let Some((group, rx)) = self.new_doc.importing.as_mut() else {
            return;
        };
        let group = *group;
        let Some(picked) = crate::window::pick::take(rx) else {
            if rx.is_none() {
                self.new_doc.importing = None;
            }
            return;
        };
        self.new_doc.importing = None;
        match picked {
            Ok(path) => self.take_markdown(group, read_markdown(path)),
            Err(true) => {
                let said = self.i18n.t("docs-no-picker");
                self.say(Tone::Error, said);
            }
            Err(false) => {}
        }
    }

    /// Makes a document from the Markdown file read, or says why not.
    fn take_markdown(&mut self, group: GroupId, read: Read) {
        match read {
            Read::Text(text, stem) => {
                if self.new_doc.title.trim().is_empty() {
                    self.new_doc.title = stem;
                }
                self.create_document(group, Some(&text));
            }
            Read::Unreadable(path, detail) => {
                let said = self.i18n.a(
                    "docs-file-unreadable",
                    &[
                        ("path", path.display().to_string().into()),
                        ("detail", detail.into()),
                    ],
                );
                self.say(Tone::Error, said);
            }
            Read::Refused(e) => {
                let said = super::super::failure::failure(
                    &self.i18n,
                    &Failure::from(&causeway_sync::SyncError::from(e)),
                );
                self.say(Tone::Error, said);
            }
        }
    }

    /// Writes the open document, as Markdown and as an `.automerge` file, into the export
    /// folder chosen in the settings (the person's documents folder at first).
    pub(super) fn export_open_document(&mut self, title: &str) {
        let Some((group, doc)) = self.doc_editor.as_ref().map(|e| (e.group, e.doc)) else {
            return;
        };
        if self.export_dir.trim().is_empty() {
            let said = self.i18n.t("export-folder-needed");
            self.say(Tone::Error, said);
            return;
        }
        let dir = PathBuf::from(self.export_dir.trim());
        self.export_document(group, doc, dir, title);
    }

    /// Takes the Markdown files dropped on the window: a document is made from the first (read
    /// here: its size is looked at first, and a document's Markdown is at most a few MiB).
    pub(super) fn take_dropped_markdown(&mut self, ctx: &egui::Context, group: GroupId) {
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        let Some(path) = dropped
            .iter()
            .map(|f| f.path().to_path_buf())
            .find(|p| !super::bundles::is_bundle(p))
        else {
            return;
        };
        self.take_markdown(group, read_markdown(path));
    }

    fn export_document(&mut self, group: GroupId, doc: DocId, dir: PathBuf, title: &str) {
        // What waits is written first, so the file holds what the window shows.
        self.write_typing_now();
        self.submit(
            Request::Doc {
                group,
                req: DocRequest::Export {
                    doc,
                    dir,
                    by_title: true,
                },
            },
            crate::window::Waiting::DocExport(title.to_string()),
        );
    }
}

/// Reads the Markdown file at `path`: a sentence, not a hang, for a file of 50 MB or a
/// binary one (its size is looked at before it is read).
fn read_markdown(path: PathBuf) -> Read {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let size = match std::fs::metadata(&path) {
        Ok(m) => m.len(),
        Err(e) => return Read::Unreadable(path, e.to_string()),
    };
    if size > MAX_MARKDOWN_BYTES as u64 {
        return Read::Refused(CoreError::InvalidInput(
            causeway_core::Problem::MarkdownTooLarge {
                max: MAX_MARKDOWN_BYTES,
            },
        ));
    }
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => return Read::Unreadable(path, e.to_string()),
    };
    match causeway_sync::control::parse_markdown(&bytes) {
        Ok(text) => Read::Text(text, stem),
        Err(e) => Read::Refused(e),
    }
}
