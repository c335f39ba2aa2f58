//! A document's history: versions (edits grouped by author and by pauses), what changed
//! between two versions, and who wrote which passage.

use std::collections::{BTreeSet, HashMap};

use automerge::{ChangeHash, PatchAction, ReadDoc};

use super::SharedDoc;
use crate::actor::author_of_actor;
use crate::identity::DeviceId;
use crate::ids::Timestamp;

/// A pause longer than this between one author's edits starts a new version.
pub const VERSION_PAUSE_SECS: i64 = 5 * 60;

/// One version: a run of one author's changes without a long pause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    /// 1 for the document's first version, counting up.
    pub number: usize,
    /// Who wrote it.
    pub author: Option<DeviceId>,
    /// When its first and last changes were written (seconds since 1970, as the authors'
    /// clocks said).
    pub from: Timestamp,
    /// See `from`.
    pub to: Timestamp,
    /// How many changes it holds.
    pub changes: usize,
    /// The document's heads once it was written: where "the document at this version" is
    /// read, and what a restore goes back to.
    pub heads: Vec<ChangeHash>,
}

impl Version {
    /// A short name for the version (the start of its newest head), for the command line.
    pub fn tag(&self) -> String {
        self.heads
            .iter()
            .max()
            .map(|h| hex::encode(&h.0[..6]))
            .unwrap_or_default()
    }
}

/// A stretch of a diff between two versions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiffRun {
    /// In both.
    Same(String),
    /// Only in the newer.
    Inserted(String),
    /// Only in the older.
    Deleted(String),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Same,
    Inserted,
    Deleted,
}

impl SharedDoc {
    /// The document's versions, oldest first.
    pub fn versions(&self) -> Vec<Version> {
        let mut out: Vec<Version> = Vec::new();
        let mut heads: BTreeSet<ChangeHash> = BTreeSet::new();
        for meta in self.doc.get_changes_meta(&[]) {
            for d in &meta.deps {
                heads.remove(d);
            }
            heads.insert(meta.hash);
            let author = author_of_actor(&meta.actor);
            let at = Timestamp(meta.timestamp.saturating_mul(1000));
            match out.last_mut() {
                Some(v)
                    if v.author == author
                        // A change that starts a version of its own does, unless all
                        // before it is the document's creation.
                        && (!super::starts_version(meta.message.as_deref())
                            || (v.number == 1 && v.changes == 1))
                        && meta.timestamp.saturating_sub(v.to.0 / 1000) <= VERSION_PAUSE_SECS =>
                {
                    v.to = at;
                    v.changes += 1;
                    v.heads = heads.iter().copied().collect();
                }
                _ => {
                    let number = out.len() + 1;
                    out.push(Version {
                        number,
                        author,
                        from: at,
                        to: at,
                        changes: 1,
                        heads: heads.iter().copied().collect(),
                    });
                }
            }
        }
        out
    }

    /// The version a person names: its number, or the start of its tag.
    pub fn find_version(&self, name: &str) -> Option<Version> {
        let versions = self.versions();
        if let Ok(n) = name.parse::<usize>() {
            return versions.into_iter().find(|v| v.number == n);
        }
        let name = name.to_ascii_lowercase();
        if name.len() < 4 {
            return None;
        }
        versions.into_iter().find(|v| v.tag().starts_with(&name))
    }

    /// What changed in the text from `before` to `after` (now for `None`), in the order of
    /// the newer text, deletions where they were.
    pub fn diff(&self, before: &[ChangeHash], after: Option<&[ChangeHash]>) -> Vec<DiffRun> {
        if !self.has_text() {
            return Vec::new();
        }
        let now = self.doc.get_heads();
        let after = after.unwrap_or(&now);
        let old = self.doc.text_at(&self.text, before).unwrap_or_default();
        let mut chars: Vec<(char, Side)> = old.chars().map(|c| (c, Side::Same)).collect();
        for patch in self.doc.diff(before, after) {
            if patch.obj != self.text {
                continue;
            }
            match patch.action {
                PatchAction::SpliceText { index, value, .. } => {
                    let at = position(&chars, index);
                    let new: Vec<(char, Side)> = value
                        .make_string()
                        .chars()
                        .map(|c| (c, Side::Inserted))
                        .collect();
                    chars.splice(at..at, new);
                }
                PatchAction::Insert { index, values, .. } => {
                    let at = position(&chars, index);
                    let new = std::iter::repeat_n(('\u{fffc}', Side::Inserted), values.len());
                    chars.splice(at..at, new);
                }
                PatchAction::DeleteSeq { index, length } => {
                    let mut at = position(&chars, index);
                    let mut left = length;
                    while left > 0 && at < chars.len() {
                        match chars[at].1 {
                            Side::Deleted => at += 1,
                            Side::Inserted => {
                                chars.remove(at);
                                left -= 1;
                            }
                            Side::Same => {
                                chars[at].1 = Side::Deleted;
                                at += 1;
                                left -= 1;
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let mut out: Vec<DiffRun> = Vec::new();
        let mut current: Option<(Side, String)> = None;
        for (c, side) in chars {
            let c = if c == '\u{fffc}' { '\n' } else { c };
            match &mut current {
                Some((s, text)) if *s == side => text.push(c),
                _ => {
                    if let Some(run) = current.take() {
                        out.push(run_of(run));
                    }
                    current = Some((side, c.to_string()));
                }
            }
        }
        if let Some(run) = current {
            out.push(run_of(run));
        }
        // Where a passage was replaced, what went comes before what came.
        for i in 1..out.len() {
            if matches!(
                (&out[i - 1], &out[i]),
                (DiffRun::Inserted(_), DiffRun::Deleted(_))
            ) {
                out.swap(i - 1, i);
            }
        }
        out
    }

    /// Where a position in the text as it was at `then` is now: the same character, after
    /// whatever others inserted and deleted around it (an Automerge cursor), so an editor's
    /// cursor stays where the person put it.
    pub fn carry(&self, pos: usize, then: &[ChangeHash]) -> usize {
        if !self.has_text() {
            return pos;
        }
        let now = self.doc.get_heads();
        let len = self.doc.length_at(&self.text, then);
        if pos >= len {
            return self.doc.length(&self.text);
        }
        // Read at the heads of now rather than "now": Automerge checks two ways of finding
        // an element against each other in a debug build, and they disagree on deleted ones.
        self.doc
            .get_cursor(&self.text, pos, Some(then))
            .and_then(|c| self.doc.get_cursor_position(&self.text, &c, Some(&now)))
            .unwrap_or(pos)
    }

    /// Who wrote each character of the text now: runs of (author, characters), in order.
    pub fn authorship(&self) -> Vec<(Option<DeviceId>, usize)> {
        let mut out: Vec<(Option<DeviceId>, usize)> = Vec::new();
        if !self.has_text() {
            return out;
        }
        let mut by_hash: HashMap<ChangeHash, Option<DeviceId>> = HashMap::new();
        for item in self.elements(None) {
            let id = item.id();
            let author = self.doc.hash_for_opid(&id).and_then(|h| {
                *by_hash.entry(h).or_insert_with(|| {
                    self.doc
                        .get_change_meta_by_hash(&h)
                        .and_then(|m| author_of_actor(&m.actor))
                })
            });
            match out.last_mut() {
                Some((a, n)) if *a == author => *n += 1,
                _ => out.push((author, 1)),
            }
        }
        out
    }
}

/// The index in `chars` of the `visible`-th character not deleted.
fn position(chars: &[(char, Side)], visible: usize) -> usize {
    let mut seen = 0;
    for (i, (_, side)) in chars.iter().enumerate() {
        if *side != Side::Deleted {
            if seen == visible {
                return i;
            }
            seen += 1;
        }
    }
    chars.len()
}

fn run_of((side, text): (Side, String)) -> DiffRun {
    match side {
        Side::Same => DiffRun::Same(text),
        Side::Inserted => DiffRun::Inserted(text),
        Side::Deleted => DiffRun::Deleted(text),
    }
}

/// What a list of documents shows of one: who changed it last, when, and how long it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocSummary {
    /// The author of the latest change (the latest of the heads, by its time).
    pub last_by: Option<DeviceId>,
    /// When that change was written (as its author's clock said).
    pub last_at: Timestamp,
    /// Characters in the text (block markers count as one).
    pub chars: usize,
}

impl SharedDoc {
    /// The document as a list shows it; `None` before its first change arrived.
    pub fn summary(&self) -> Option<DocSummary> {
        if !self.has_text() {
            return None;
        }
        let last = self
            .doc
            .get_heads()
            .iter()
            .filter_map(|h| self.doc.get_change_meta_by_hash(h))
            .max_by_key(|m| (m.timestamp, m.hash))?;
        Some(DocSummary {
            last_by: author_of_actor(&last.actor),
            last_at: Timestamp(last.timestamp.saturating_mul(1000)),
            chars: self.len(),
        })
    }
}
