//! Asking a node: through the control socket of the one already running on the data folder,
//! or on a node of the command's own; and finding what a person's words name ("Riverside",
//! the start of an id, a member's name) among the groups, members and items it holds.
use std::cell::OnceCell;
use std::path::PathBuf;

use causeway_core::{DeviceId, GroupId, ItemId, ItemKind};
use causeway_sync::control::{
    self, BlockingNode, FeedPost, GroupLine, MemberLine, MemberOutcome, Output, Request,
};

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

    pub(super) fn quietly(&self, req: Request) -> anyhow::Result<Output> {
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
    pub(super) fn feed(&self, group: GroupId) -> anyhow::Result<&Vec<FeedPost>> {
        if let Some(f) = self.feed.get() {
            return Ok(f);
        }
        let Output::Feed(posts) = self.asker.quietly(Request::Feed { group })? else {
            anyhow::bail!("The running Causeway answered something else; try again.");
        };
        Ok(self.feed.get_or_init(|| posts))
    }

    /// A post, by id or the start of it.
    pub(super) fn post(&self, group: GroupId, word: &str) -> anyhow::Result<ItemId> {
        match self.item(group, word)? {
            (ItemKind::Post, id) => Ok(id),
            (ItemKind::Comment, _) => {
                anyhow::bail!("{word:?} is a comment; give the id of the post it is on.")
            }
        }
    }
}

/// A path as the person meant it: relative to where they typed the command, not to where a
/// running node was started (the request may go to it over the control socket).
pub(super) fn here(path: std::path::PathBuf) -> std::path::PathBuf {
    std::path::absolute(&path).unwrap_or(path)
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
