//! The requests about shared documents (`causeway doc ...`) and what they answer.
use std::path::{Path, PathBuf};

use causeway_core::docs::{self, Edit, RichText, SharedDoc};
use causeway_core::{CoreError, DeviceId, DocEditors, DocId, DocSetting, Group, GroupId, Problem};
use serde::{Deserialize, Serialize};

use super::{Output, as_text};
use crate::error::{SyncError, SyncProblem};
use crate::node::Node;

/// A request about a shared document.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "what", rename_all = "kebab-case")]
pub enum DocRequest {
    /// Creates a document, from Markdown or empty.
    New {
        /// The title.
        title: String,
        /// The Markdown to start from.
        #[serde(default)]
        markdown: Option<String>,
    },
    /// The group's documents.
    List,
    /// A document's text, now or at a version.
    Show {
        /// The document.
        #[serde(with = "as_text")]
        doc: DocId,
        /// A version's number or tag (`History` lists them).
        #[serde(default)]
        at: Option<String>,
        /// As Markdown (otherwise plain text, one line per paragraph).
        #[serde(default)]
        markdown: bool,
    },
    /// Makes the text this Markdown, with as few edits as can be found, so that what others
    /// write elsewhere in it meanwhile survives.
    Edit {
        /// The document.
        #[serde(with = "as_text")]
        doc: DocId,
        /// The new text.
        markdown: String,
    },
    /// The document's versions.
    History {
        /// The document.
        #[serde(with = "as_text")]
        doc: DocId,
    },
    /// Makes the text what it was at a version, as a new change (nothing is lost).
    Restore {
        /// The document.
        #[serde(with = "as_text")]
        doc: DocId,
        /// The version's number or tag.
        version: String,
    },
    /// Writes `<dir>/<doc>.md` and `<dir>/<doc>.automerge` (the document's id, as scripts
    /// expect), or, `by_title`, `<dir>/<title> (<short id>).md` and `.automerge`, as a person
    /// finds them again.
    Export {
        /// The document.
        #[serde(with = "as_text")]
        doc: DocId,
        /// The folder.
        dir: PathBuf,
        /// Named by the document's title.
        #[serde(default)]
        by_title: bool,
    },
    /// Chooses who may edit (the creator and admins).
    Editors {
        /// The document.
        #[serde(with = "as_text")]
        doc: DocId,
        /// all, admins or listed.
        editors: DocEditors,
        /// The members listed, for `listed`.
        #[serde(default)]
        listed: Vec<String>,
    },
    /// Archives a document, or takes it out of the archive (the creator and admins).
    Archive {
        /// The document.
        #[serde(with = "as_text")]
        doc: DocId,
        /// Archived or not.
        archived: bool,
    },
    /// Hides a document with a reason, or shows it again (`None`): moderators.
    Hide {
        /// The document.
        #[serde(with = "as_text")]
        doc: DocId,
        /// Why (members can read it); none shows it again.
        #[serde(default)]
        reason: Option<String>,
    },
    /// Renames a document (the creator and admins).
    Rename {
        /// The document.
        #[serde(with = "as_text")]
        doc: DocId,
        /// The new title.
        title: String,
    },
}

/// A document as a list shows it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct DocLine {
    /// Its id.
    #[serde(with = "as_text")]
    pub doc_id: DocId,
    /// Its title.
    pub title: String,
    /// Who made it (their name in the group).
    pub creator: String,
    /// Who may edit it.
    pub editors: DocEditors,
    /// Archived.
    pub archived: bool,
    /// Hidden by a moderator (with the reason).
    pub hidden: Option<String>,
    /// Who wrote its latest version, when its text is here.
    pub last_editor: Option<String>,
    /// When (ms since 1970).
    pub last_change: Option<i64>,
    /// Characters in its text, when its text is here.
    pub size: Option<usize>,
}

/// A document's text.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct DocText {
    /// Its id.
    #[serde(with = "as_text")]
    pub doc_id: DocId,
    /// Its title.
    pub title: String,
    /// The text, as Markdown or plain, as asked.
    pub text: String,
    /// The version shown (its number), the latest when none was asked for.
    pub version: usize,
}

/// One version in a document's history.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct VersionLine {
    /// Its number, from 1.
    pub number: usize,
    /// Its tag (the start of its newest change's hash).
    pub tag: String,
    /// Who wrote it.
    pub author: String,
    /// When its first change was written (ms since 1970).
    pub from: i64,
    /// When its last one was.
    pub to: i64,
    /// How many changes it holds.
    pub changes: usize,
}

/// The files a document's export wrote.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct DocExported {
    /// The Markdown file.
    pub markdown: PathBuf,
    /// The Automerge file.
    pub automerge: PathBuf,
}

/// Reads a person's Markdown, with a sentence when it cannot be a document.
pub fn parse_markdown(bytes: &[u8]) -> Result<RichText, CoreError> {
    docs::from_markdown(bytes).map_err(|e| {
        CoreError::InvalidInput(match e {
            docs::MarkdownError::TooLarge { max, .. } => Problem::MarkdownTooLarge { max },
            docs::MarkdownError::NotText => Problem::MarkdownNotText,
        })
    })
}

fn name_of(g: &Group, who: Option<DeviceId>) -> String {
    who.and_then(|d| g.member_name(d).or_else(|| Some(d.fmt_short())))
        .unwrap_or_default()
}

/// The version a person named.
fn version(doc: &SharedDoc, name: &str) -> Result<docs::Version, SyncError> {
    doc.find_version(name.trim()).ok_or_else(|| {
        SyncError::NotPermitted(SyncProblem::NoSuchVersion {
            version: name.trim().to_string(),
        })
    })
}

/// Carries out a document request in `group`.
pub(super) fn execute(node: &Node, group: GroupId, req: DocRequest) -> Result<Output, SyncError> {
    let doc_ref = |doc_id| {
        Output::Doc(super::DocRef {
            group_id: group,
            doc_id,
        })
    };
    Ok(match req {
        DocRequest::New { title, markdown } => {
            let start = markdown.map(|m| parse_markdown(m.as_bytes())).transpose()?;
            doc_ref(node.create_document(group, &title, start.as_ref())?)
        }
        DocRequest::List => Output::Docs(node.local(|n| list(n, group))??),
        DocRequest::Show { doc, at, markdown } => Output::DocText(node.local(|n| {
            let title = n
                .group(&group)
                .and_then(|g| g.document(&doc))
                .map(|e| e.title)
                .unwrap_or_default();
            let g = n
                .group(&group)
                .ok_or(SyncError::UnknownGroup(group))?
                .clone();
            let d = n.document(&group, &doc)?;
            let versions = d.versions();
            let (text, number) = match at {
                Some(name) => {
                    let v = version(d, &name)?;
                    (d.rich_text_at(Some(&v.heads))?, v.number)
                }
                None => (g.document_text(d)?, versions.len()),
            };
            Ok::<_, SyncError>(DocText {
                doc_id: doc,
                title,
                text: if markdown {
                    docs::to_markdown(&text)
                } else {
                    text.plain()
                },
                version: number,
            })
        })??),
        DocRequest::Edit { doc, markdown } => {
            let text = parse_markdown(markdown.as_bytes())?;
            node.edit_document(group, doc, &[Edit::Replace(text)])?;
            doc_ref(doc)
        }
        DocRequest::History { doc } => Output::DocHistory(node.local(|n| {
            let g = n
                .group(&group)
                .ok_or(SyncError::UnknownGroup(group))?
                .clone();
            let d = n.document(&group, &doc)?;
            Ok::<_, SyncError>(
                d.versions()
                    .into_iter()
                    .map(|v| VersionLine {
                        number: v.number,
                        tag: v.tag(),
                        author: name_of(&g, v.author),
                        from: v.from.0,
                        to: v.to.0,
                        changes: v.changes,
                    })
                    .collect(),
            )
        })??),
        DocRequest::Restore { doc, version: name } => {
            let then = node.with_document(group, doc, |_, d| {
                let v = version(d, &name)?;
                Ok::<_, SyncError>(d.rich_text_at(Some(&v.heads))?)
            })??;
            node.edit_document(group, doc, &[Edit::Replace(then)])?;
            doc_ref(doc)
        }
        DocRequest::Export { doc, dir, by_title } => {
            Output::DocExported(export(node, group, doc, &dir, by_title)?)
        }
        DocRequest::Editors {
            doc,
            editors,
            listed,
        } => {
            let listed: Vec<DeviceId> = listed
                .iter()
                .filter_map(|d| DeviceId::from_hex(d).ok())
                .collect();
            let setting = DocSetting::Editors(editors, listed);
            set(node, group, doc, &setting)?;
            doc_ref(doc)
        }
        DocRequest::Archive { doc, archived } => {
            set(node, group, doc, &DocSetting::Archived(archived))?;
            doc_ref(doc)
        }
        DocRequest::Hide { doc, reason } => {
            node.act(group, |g, now| {
                g.hide_document(now, &doc, reason.as_deref())
            })?;
            doc_ref(doc)
        }
        DocRequest::Rename { doc, title } => {
            set(node, group, doc, &DocSetting::Title(title))?;
            doc_ref(doc)
        }
    })
}

fn set(node: &Node, group: GroupId, doc: DocId, setting: &DocSetting) -> Result<(), SyncError> {
    node.local(|n| {
        let heads = n.document(&group, &doc)?.heads();
        n.act(&group, |g, now| g.set_document(now, doc, &heads, setting))
    })??;
    node.documents_changed(group, doc);
    Ok(())
}

fn list(n: &mut crate::local::LocalNode, group: GroupId) -> Result<Vec<DocLine>, SyncError> {
    let g = n
        .group(&group)
        .ok_or(SyncError::UnknownGroup(group))?
        .clone();
    let summaries = n.document_summaries(&group);
    n.save_document_summaries();
    let mut out = Vec::new();
    for e in g.documents() {
        let (last_editor, last_change, size) = match summaries.get(&e.id) {
            Some(s) => (
                Some(name_of(&g, s.last_by)),
                Some(s.last_at.0),
                Some(s.chars),
            ),
            None => (None, None, None),
        };
        out.push(DocLine {
            doc_id: e.id,
            title: e.title,
            creator: name_of(&g, Some(e.creator)),
            editors: e.editors,
            archived: e.archived,
            hidden: e.hidden.map(|h| h.reason),
            last_editor,
            last_change,
            size,
        });
    }
    Ok(out)
}

/// A file name for a document's export: its title, without what a file name may not hold,
/// and its short id, so that two documents of one title do not overwrite each other.
fn file_name(title: &str, doc: DocId) -> String {
    let safe: String = title
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                ' '
            } else {
                c
            }
        })
        .collect();
    let safe: String = safe.split_whitespace().collect::<Vec<_>>().join(" ");
    let safe: String = safe
        .trim_start_matches(['.', ' '])
        .chars()
        .take(80)
        .collect();
    let safe = safe.trim_end();
    if safe.is_empty() {
        doc.fmt_short()
    } else {
        format!("{safe} ({})", doc.fmt_short())
    }
}

fn export(
    node: &Node,
    group: GroupId,
    doc: DocId,
    dir: &Path,
    by_title: bool,
) -> Result<DocExported, SyncError> {
    let (markdown, bytes, title) = node.local(|n| {
        let g = n
            .group(&group)
            .ok_or(SyncError::UnknownGroup(group))?
            .clone();
        let title = g.document(&doc).map(|e| e.title).unwrap_or_default();
        let d = n.document(&group, &doc)?;
        Ok::<_, SyncError>((docs::to_markdown(&g.document_text(d)?), d.save(), title))
    })??;
    let base = if by_title {
        file_name(&title, doc)
    } else {
        doc.to_hex()
    };
    let md = dir.join(format!("{base}.md"));
    let am = dir.join(format!("{base}.automerge"));
    super::export::write_files(dir, &[(&md, markdown.as_bytes()), (&am, &bytes)])?;
    Ok(DocExported {
        markdown: md,
        automerge: am,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_export_is_named_by_the_title_without_what_a_file_name_may_not_hold() {
        let doc = DocId::from_bytes([0xab; 32]);
        assert_eq!(
            file_name("Plan v1.2", doc),
            format!("Plan v1.2 ({})", doc.fmt_short())
        );
        assert_eq!(
            file_name("../a/b:c\n", doc),
            format!("a b c ({})", doc.fmt_short())
        );
        assert_eq!(file_name("  ", doc), doc.fmt_short());
        assert!(file_name(&"x".repeat(500), doc).chars().count() < 100);
    }
}
