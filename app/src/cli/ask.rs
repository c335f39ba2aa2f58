//! Asking a node: through the control socket of the one already running on the data folder,
//! or on a node of the command's own. Before the asking, what a person typed ("Riverside",
//! the start of an id, a member's name) is found among the groups, members and items that
//! node holds, and the request carries the ids.
use std::cell::OnceCell;
use std::path::PathBuf;

use causeway_core::{DeviceId, GroupId, ItemId, ItemKind};
use causeway_sync::control::{
    self, BlockingNode, FeedPost, GroupEdit, GroupLine, MemberLine, MemberOutcome, Output, Request,
};

use super::args::{BundleCmd, Command, DocCmd, GroupCmd, InviteCmd, MemberCmd, ProfileCmd};
use crate::sentence;

/// The node that answers.
pub enum Asker {
    /// The node already running on this data folder, through its control socket.
    #[cfg(unix)]
    Socket(PathBuf),
    /// A node started for this command.
    Node(BlockingNode),
}

impl Asker {
    /// Asks, and waits for the answer; `progress` hears a sync round's members as they end.
    pub fn ask(
        &self,
        req: Request,
        progress: impl FnMut(MemberOutcome) + Send,
    ) -> anyhow::Result<Output> {
        match self {
            #[cfg(unix)]
            Asker::Socket(dir) => {
                let answer = control::call_with(dir, &req, progress)?;
                if let Some(err) = answer.error {
                    anyhow::bail!("{}", sentence(&err));
                }
                answer.output.ok_or_else(|| {
                    anyhow::anyhow!("The running Causeway gave no answer; try again.")
                })
            }
            Asker::Node(node) => node
                .execute_with(req, progress)
                .map_err(|e| anyhow::anyhow!("{}", sentence(&e.to_string()))),
        }
    }

    fn quietly(&self, req: Request) -> anyhow::Result<Output> {
        self.ask(req, |_| {})
    }
}

/// Finds what a person's words name, asking the node once per kind of list.
pub struct Finder<'a> {
    asker: &'a Asker,
    groups: OnceCell<Vec<GroupLine>>,
    /// One group's feed, asked for once per command.
    feed: OnceCell<Vec<FeedPost>>,
}

/// One of the candidates a word may name.
pub(super) struct Candidate<T> {
    pub(super) value: T,
    pub(super) hex: String,
    pub(super) name: Option<String>,
}

/// The one candidate whose id is `word` or starts with it, or whose name is `word` exactly.
pub(super) fn pick<T: Copy>(
    word: &str,
    what: &str,
    list_with: &str,
    all: Vec<Candidate<T>>,
) -> anyhow::Result<T> {
    let word = word.trim();
    let lower = word.to_ascii_lowercase();
    if let Some(c) = all.iter().find(|c| c.hex == lower) {
        return Ok(c.value);
    }
    let found: Vec<&Candidate<T>> = all
        .iter()
        .filter(|c| {
            (!lower.is_empty() && c.hex.starts_with(&lower)) || c.name.as_deref() == Some(word)
        })
        .collect();
    match found.as_slice() {
        [one] => Ok(one.value),
        [] => anyhow::bail!("No {what} here matches {word:?}; `{list_with}` shows them."),
        _ => anyhow::bail!(
            "Several {what}s match {word:?}; give more of the id, as `{list_with}` shows it."
        ),
    }
}

impl<'a> Finder<'a> {
    /// A finder asking `asker`.
    pub fn new(asker: &'a Asker) -> Self {
        Finder {
            asker,
            groups: OnceCell::new(),
            feed: OnceCell::new(),
        }
    }

    /// Asks the node, quietly, on the way to finding something.
    pub(super) fn ask(&self, req: Request) -> anyhow::Result<Output> {
        self.asker.quietly(req)
    }

    /// The group named by its id, the start of its id, or its exact name.
    pub fn group(&self, word: &str) -> anyhow::Result<GroupId> {
        if let Ok(id) = GroupId::from_hex(word) {
            return Ok(id);
        }
        let groups = match self.groups.get() {
            Some(g) => g,
            None => {
                let Output::Groups(list) = self.asker.quietly(Request::GroupList)? else {
                    anyhow::bail!("The running Causeway answered something else; try again.");
                };
                self.groups.get_or_init(|| list)
            }
        };
        let all = groups
            .iter()
            .map(|g| Candidate {
                value: g.group_id,
                hex: g.group_id.to_hex(),
                name: g.name.clone(),
            })
            .collect();
        pick(word, "group", "causeway group list", all)
    }

    /// A document of `group`, by id, its start, or its exact title.
    pub fn doc(&self, group: GroupId, word: &str) -> anyhow::Result<causeway_core::DocId> {
        if let Ok(id) = causeway_core::DocId::from_hex(word) {
            return Ok(id);
        }
        let req = Request::Doc {
            group,
            req: control::DocRequest::List,
        };
        let Output::Docs(list) = self.asker.quietly(req)? else {
            anyhow::bail!("The running Causeway answered something else; try again.");
        };
        let all = list
            .into_iter()
            .map(|d| Candidate {
                value: d.doc_id,
                hex: d.doc_id.to_hex(),
                name: Some(d.title),
            })
            .collect();
        pick(word, "document", "causeway doc list GROUP", all)
    }

    /// A member of `group` (or someone asking to join it), by device id, its start, or name.
    pub fn member(&self, group: GroupId, word: &str) -> anyhow::Result<DeviceId> {
        if let Ok(id) = DeviceId::from_hex(word) {
            return Ok(id);
        }
        let Output::Members(list) = self.asker.quietly(Request::Members { group })? else {
            anyhow::bail!("The running Causeway answered something else; try again.");
        };
        let all = list
            .into_iter()
            .map(|m: MemberLine| Candidate {
                value: m.device_id,
                hex: m.device_id.to_hex(),
                name: Some(m.name),
            })
            .collect();
        pick(word, "member", "causeway members GROUP", all)
    }

    /// A post or comment of `group` in its feed, by id or the start of it.
    pub fn item(&self, group: GroupId, word: &str) -> anyhow::Result<(ItemKind, ItemId)> {
        let mut all = Vec::new();
        for p in self.feed(group)?.iter().cloned() {
            let FeedPost {
                post_id, comments, ..
            } = p;
            all.push(Candidate {
                value: (ItemKind::Post, post_id),
                hex: post_id.to_hex(),
                name: None,
            });
            all.extend(comments.into_iter().map(|c| Candidate {
                value: (ItemKind::Comment, c.comment_id),
                hex: c.comment_id.to_hex(),
                name: None,
            }));
        }
        pick(word, "post or comment", "causeway feed GROUP", all)
    }

    /// The feed of `group` (a command names items of one group only).
    fn feed(&self, group: GroupId) -> anyhow::Result<&Vec<FeedPost>> {
        if let Some(f) = self.feed.get() {
            return Ok(f);
        }
        let Output::Feed(posts) = self.asker.quietly(Request::Feed { group })? else {
            anyhow::bail!("The running Causeway answered something else; try again.");
        };
        Ok(self.feed.get_or_init(|| posts))
    }

    /// A post, by id or the start of it.
    fn post(&self, group: GroupId, word: &str) -> anyhow::Result<ItemId> {
        match self.item(group, word)? {
            (ItemKind::Post, id) => Ok(id),
            (ItemKind::Comment, _) => {
                anyhow::bail!("{word:?} is a comment; give the id of the post it is on.")
            }
        }
    }
}

/// The request a command makes of the node; `None` for `node`, which is the node itself.
pub fn request(cmd: Command, find: &Finder) -> anyhow::Result<Option<Request>> {
    Ok(Some(match cmd {
        Command::Id => Request::Id,
        Command::Profile(ProfileCmd::SetName { name }) => Request::SetName { name },
        Command::Profile(ProfileCmd::SetBio { bio }) => Request::SetBio { bio },
        Command::Profile(ProfileCmd::SetLanguages { languages }) => Request::SetLanguages {
            languages: languages
                .into_iter()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect(),
        },
        Command::Group(GroupCmd::Create {
            name,
            mission,
            causes,
            visibility,
            region,
            languages,
        }) => Request::GroupCreate {
            name,
            mission,
            causes,
            visibility,
            region,
            languages,
        },
        Command::Group(GroupCmd::List) => Request::GroupList,
        Command::Group(GroupCmd::Edit {
            group,
            name,
            mission,
            region,
            causes,
            languages,
            visibility,
        }) => Request::GroupEdit {
            group: find.group(&group)?,
            edit: GroupEdit {
                name,
                mission,
                region,
                visibility,
                causes,
                languages,
            },
        },
        Command::Group(GroupCmd::Leave { group }) => Request::GroupLeave {
            group: find.group(&group)?,
        },
        Command::Invite(InviteCmd::Create {
            group,
            uses,
            expires,
        }) => Request::InviteCreate {
            group: find.group(&group)?,
            uses,
            expires_in_secs: expires,
        },
        Command::Invite(InviteCmd::Revoke { group, ticket }) => Request::InviteRevoke {
            group: find.group(&group)?,
            ticket,
        },
        Command::Join { ticket } => Request::Join { ticket },
        Command::Post {
            group,
            text,
            title,
            lang,
        } => Request::Post {
            group: find.group(&group)?,
            text,
            title,
            lang: lang.trim().to_string(),
        },
        Command::Edit {
            group,
            item,
            text,
            title,
        } => {
            let group = find.group(&group)?;
            let (kind, item) = find.item(group, &item)?;
            let title = match (kind, title) {
                (ItemKind::Comment, Some(_)) => anyhow::bail!("A comment has no title."),
                (_, Some(t)) => t,
                // The title as it is.
                (ItemKind::Post, None) => current_title(find, group, item)?,
                (ItemKind::Comment, None) => String::new(),
            };
            Request::Edit {
                group,
                kind,
                item,
                title,
                text,
            }
        }
        Command::Delete { group, item } => {
            let group = find.group(&group)?;
            let (kind, item) = find.item(group, &item)?;
            Request::Delete { group, kind, item }
        }
        Command::Hide {
            group,
            item,
            reason,
        } => {
            let group = find.group(&group)?;
            let (kind, item) = find.item(group, &item)?;
            Request::Hide {
                group,
                kind,
                item,
                reason,
            }
        }
        Command::Pin { group, post } => {
            let group = find.group(&group)?;
            Request::Pin {
                group,
                post: find.post(group, &post)?,
            }
        }
        Command::Unpin { group, post } => {
            let group = find.group(&group)?;
            Request::Unpin {
                group,
                post: find.post(group, &post)?,
            }
        }
        Command::Unhide { group, item } => {
            let group = find.group(&group)?;
            let (kind, item) = find.item(group, &item)?;
            Request::Unhide { group, kind, item }
        }
        Command::Comment {
            group,
            post,
            text,
            reply_to,
        } => {
            let group = find.group(&group)?;
            Request::Comment {
                group,
                post: find.post(group, &post)?,
                reply_to: reply_to
                    .map(|r| find.item(group, &r).map(|(_, id)| id))
                    .transpose()?,
                text,
            }
        }
        Command::React {
            group,
            item,
            reaction,
            remove,
        } => {
            let group = find.group(&group)?;
            Request::React {
                group,
                item: find.item(group, &item)?.1,
                reaction: if remove { None } else { reaction },
            }
        }
        Command::Feed { group } => Request::Feed {
            group: find.group(&group)?,
        },
        Command::Members { group } => Request::Members {
            group: find.group(&group)?,
        },
        Command::Member(MemberCmd::Remove {
            group,
            member,
            reason,
        }) => {
            let group = find.group(&group)?;
            Request::MemberRemove {
                group,
                member: find.member(group, &member)?,
                reason,
            }
        }
        Command::Member(MemberCmd::Role {
            group,
            member,
            role,
        }) => {
            let group = find.group(&group)?;
            Request::MemberRole {
                group,
                member: find.member(group, &member)?,
                role,
            }
        }
        Command::Member(MemberCmd::Approve { group, member }) => {
            let group = find.group(&group)?;
            Request::Approve {
                group,
                member: find.member(group, &member)?,
            }
        }
        Command::Member(MemberCmd::Decline { group, member }) => {
            let group = find.group(&group)?;
            Request::Decline {
                group,
                member: find.member(group, &member)?,
            }
        }
        Command::Sync { group, timeout } => Request::Sync {
            group: group.map(|g| find.group(&g)).transpose()?,
            timeout_secs: timeout,
        },
        Command::Export { group, dir } => Request::Export {
            group: find.group(&group)?,
            dir: here(dir),
        },
        Command::Status => Request::Status,
        Command::Doc(cmd) => doc_request(cmd, find)?,
        Command::Bundle(BundleCmd::Write {
            group,
            file,
            for_member,
        }) => {
            let group = find.group(&group)?;
            let for_member = for_member.map(|m| find.member(group, &m)).transpose()?;
            Request::BundleWrite {
                group,
                file: here(file),
                for_member,
            }
        }
        Command::Bundle(BundleCmd::Read { file }) => Request::BundleRead { file: here(file) },
        Command::Event(cmd) => super::kit::event(cmd, find)?,
        Command::Agenda { days, past } => Request::Agenda { days, past },
        Command::Poll(cmd) => super::kit::poll(cmd, find)?,
        Command::Task(cmd) => super::kit::task(cmd, find)?,
        Command::Shift(cmd) => super::kit::shift(cmd, find)?,
        Command::Node => return Ok(None),
    }))
}

/// A `doc` command as a request.
fn doc_request(cmd: DocCmd, find: &Finder) -> anyhow::Result<Request> {
    use causeway_sync::control::DocRequest as D;
    let (group, req) = match cmd {
        DocCmd::New { group, title, from } => {
            let markdown = from.map(|f| read_markdown(&f)).transpose()?;
            (group, D::New { title, markdown })
        }
        DocCmd::List { group } => (group, D::List),
        DocCmd::Show {
            group,
            doc,
            at,
            markdown,
        } => {
            let g = find.group(&group)?;
            let doc = find.doc(g, &doc)?;
            return Ok(Request::Doc {
                group: g,
                req: D::Show { doc, at, markdown },
            });
        }
        DocCmd::Edit { group, doc, from } => {
            let g = find.group(&group)?;
            let req = D::Edit {
                doc: find.doc(g, &doc)?,
                markdown: read_markdown(&from)?,
            };
            return Ok(Request::Doc { group: g, req });
        }
        DocCmd::History { group, doc } => {
            let g = find.group(&group)?;
            let req = D::History {
                doc: find.doc(g, &doc)?,
            };
            return Ok(Request::Doc { group: g, req });
        }
        DocCmd::Restore {
            group,
            doc,
            version,
        } => {
            let g = find.group(&group)?;
            let req = D::Restore {
                doc: find.doc(g, &doc)?,
                version,
            };
            return Ok(Request::Doc { group: g, req });
        }
        DocCmd::Export { group, doc, dir } => {
            let g = find.group(&group)?;
            let req = D::Export {
                doc: find.doc(g, &doc)?,
                dir: here(dir),
                by_title: false,
            };
            return Ok(Request::Doc { group: g, req });
        }
        DocCmd::Archive { group, doc, undo } => {
            let g = find.group(&group)?;
            let req = D::Archive {
                doc: find.doc(g, &doc)?,
                archived: !undo,
            };
            return Ok(Request::Doc { group: g, req });
        }
        DocCmd::Hide {
            group,
            doc,
            reason,
            undo,
        } => {
            let g = find.group(&group)?;
            let req = D::Hide {
                doc: find.doc(g, &doc)?,
                reason: (!undo).then_some(reason),
            };
            return Ok(Request::Doc { group: g, req });
        }
        DocCmd::Editors { group, doc, who } => {
            let g = find.group(&group)?;
            let doc = find.doc(g, &doc)?;
            let (editors, listed) = match who.iter().map(String::as_str).collect::<Vec<_>>()[..] {
                ["all"] => (causeway_core::DocEditors::All, Vec::new()),
                ["admins"] => (causeway_core::DocEditors::Admins, Vec::new()),
                _ => {
                    let mut listed = Vec::new();
                    for w in &who {
                        listed.push(find.member(g, w)?.to_hex());
                    }
                    (causeway_core::DocEditors::Listed, listed)
                }
            };
            let req = D::Editors {
                doc,
                editors,
                listed,
            };
            return Ok(Request::Doc { group: g, req });
        }
    };
    Ok(Request::Doc {
        group: find.group(&group)?,
        req,
    })
}

/// A path as the person meant it: relative to where they typed the command, not to where a
/// running node was started (the request may go to it over the control socket).
pub(super) fn here(path: std::path::PathBuf) -> std::path::PathBuf {
    std::path::absolute(&path).unwrap_or(path)
}

/// Reads a Markdown file a person named, refusing with a sentence what no document could
/// hold (a binary file, a file of 50 MB) before reading all of it.
fn read_markdown(path: &std::path::Path) -> anyhow::Result<String> {
    let max = causeway_core::docs::MAX_MARKDOWN_BYTES;
    let meta = std::fs::metadata(path)
        .map_err(|e| anyhow::anyhow!("{} cannot be read: {e}.", path.display()))?;
    if meta.len() > max as u64 {
        anyhow::bail!(
            "{} is {} bytes; a document's Markdown may be at most {max} bytes. Split it, or import a part of it.",
            path.display(),
            meta.len()
        );
    }
    let bytes = std::fs::read(path)
        .map_err(|e| anyhow::anyhow!("{} cannot be read: {e}.", path.display()))?;
    control::parse_markdown(&bytes)
        .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), sentence(&e.to_string())))?;
    String::from_utf8(bytes).map_err(|_| {
        anyhow::anyhow!(
            "{} is not a text file; choose a Markdown (.md) or text file.",
            path.display()
        )
    })
}

/// A post's title as it is, so that editing the text alone keeps it.
fn current_title(find: &Finder, group: GroupId, post: ItemId) -> anyhow::Result<String> {
    Ok(find
        .feed(group)?
        .iter()
        .find(|p| p.post_id == post)
        .map(|p| p.title.clone())
        .unwrap_or_default())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn c(n: u8, name: &str) -> Candidate<u8> {
        Candidate {
            value: n,
            hex: format!("{n:02x}").repeat(4),
            name: Some(name.into()),
        }
    }

    #[test]
    fn a_word_names_one_by_id_start_or_exact_name_and_never_guesses() {
        let all = || vec![c(0x1a, "Riverside"), c(0x1b, "Market"), c(0x2c, "1b")];
        assert_eq!(pick("1a1a1a1a", "group", "x", all()).unwrap(), 0x1a);
        assert_eq!(pick("1A1A", "group", "x", all()).unwrap(), 0x1a);
        assert_eq!(pick("Market", "group", "x", all()).unwrap(), 0x1b);
        // "1b" is both the start of Market's id and the name of another: too many.
        let err = pick("1b", "group", "x", all()).unwrap_err().to_string();
        assert!(err.contains("Several groups"), "{err}");
        let err = pick("1", "group", "causeway group list", all())
            .unwrap_err()
            .to_string();
        assert!(err.contains("Several"), "{err}");
        let err = pick("river", "group", "causeway group list", all())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("No group here matches") && err.contains("causeway group list"),
            "{err}"
        );
        assert!(pick("", "group", "x", all()).is_err());
    }
}
