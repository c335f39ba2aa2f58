//! Local edits: what the editor does to the text (typing, formatting, block kinds, a whole
//! new text from an import or a restore), one signed change per batch.

use automerge::marks::{ExpandMark, Mark, UpdateSpansConfig};
use automerge::transaction::{CommitOptions, Transactable, Transaction};
use automerge::{ChangeHash, ReadDoc, ScalarValue};

use super::rules::{self, MARK_BOLD, MARK_ITALIC, MARK_LINK};
use super::view::{BlockKind, RichText};
use super::{Binding, DocChange, MAX_TEXT_CHARS, SharedDoc, Standing, doc_err, message};
use crate::error::CoreError;
use crate::identity::DeviceKey;
use crate::ids::Timestamp;
use crate::problem::Problem;

/// A format that covers a range of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Format {
    /// Bold.
    Bold,
    /// Italic.
    Italic,
    /// A link to this address (`None` removes links from the range).
    Link(Option<String>),
}

/// One edit of the text. Positions count characters (Unicode code points); every block
/// marker counts as one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Replaces `delete` characters at `at` with `insert`. A `\n` in it is a line break
    /// inside the block (Shift+Enter); a new paragraph is [`Edit::Split`].
    Splice {
        /// Where.
        at: usize,
        /// How many characters to delete there.
        delete: usize,
        /// What to insert there.
        insert: String,
    },
    /// Starts a new block of `kind` at `at` (Enter).
    Split {
        /// Where.
        at: usize,
        /// The kind of the new block.
        kind: BlockKind,
    },
    /// Sets (`on`) or clears a format over `start..end`.
    Format {
        /// First character.
        start: usize,
        /// One past the last character.
        end: usize,
        /// Which format.
        format: Format,
        /// Set or clear.
        on: bool,
    },
    /// Makes the block whose marker is at `marker` a block of `kind`.
    SetBlock {
        /// The marker's position.
        marker: usize,
        /// The new kind.
        kind: BlockKind,
    },
    /// Makes the whole text this one with as few operations as Automerge finds
    /// (`update_spans`): a Markdown import into an existing document, or a restore. What
    /// others write concurrently elsewhere in the text survives.
    Replace(RichText),
}

impl SharedDoc {
    /// Makes `edits` as one change by `key`'s device, written under the group heads
    /// `group_heads`, and returns it to store and send. Refused, with nothing changed, when
    /// the device may not edit the document, a position is past the end, or the text would
    /// grow past [`MAX_TEXT_CHARS`].
    pub fn edit(
        &mut self,
        key: &DeviceKey,
        actor_suffix: [u8; 8],
        group_heads: &[ChangeHash],
        now: Timestamp,
        edits: &[Edit],
        group: &impl Binding,
    ) -> Result<DocChange, CoreError> {
        self.edit_at(key, actor_suffix, group_heads, now, None, edits, group)
    }

    /// [`SharedDoc::edit`] with the positions of `edits` read in the text as it was at
    /// `base` (the heads an editor last showed): the change builds on those heads, so edits
    /// that arrived from others meanwhile merge with it as any concurrent edits do. An
    /// editor that batches a pause's typing into one change so never has to move what
    /// was typed.
    #[allow(clippy::too_many_arguments)]
    pub fn edit_at(
        &mut self,
        key: &DeviceKey,
        actor_suffix: [u8; 8],
        group_heads: &[ChangeHash],
        now: Timestamp,
        base: Option<&[ChangeHash]>,
        edits: &[Edit],
        group: &impl Binding,
    ) -> Result<DocChange, CoreError> {
        if !self.has_text() {
            return Err(CoreError::InvalidInput(Problem::DocNotArrived));
        }
        let me = key.id();
        if group.standing(&self.id, self.creator, me) != Standing::Editor
            || !group.holds(group_heads)
            || !group.may_edit_at(&self.id, self.creator, me, group_heads)
        {
            return Err(CoreError::NotPermitted(Problem::NotAnEditor));
        }
        let heads_now = self.doc.get_heads();
        let base = base.filter(|b| *b != heads_now.as_slice());
        if base.is_some_and(|b| b.iter().any(|h| !self.has_change(h))) {
            return Err(CoreError::InvalidInput(Problem::PositionPastEnd));
        }
        let mut len = match base {
            Some(b) => self.doc.length_at(&self.text, b),
            None => self.doc.length(&self.text),
        };
        for e in edits {
            len = check_edit(e, len)?;
        }
        let whole = edits.iter().any(|e| matches!(e, Edit::Replace(_)));
        let mut named = group_heads.to_vec();
        named.sort();
        let same = self.named_by_me.as_ref() == Some(&named);
        let message = message(group_heads, whole, same)?;
        self.set_actor(key, actor_suffix);
        let text = self.text.clone();
        let mut tx = match base {
            Some(b) => self
                .doc
                .transaction_at(automerge::PatchLog::inactive(), b)
                .map_err(|e| CoreError::Document(e.to_string()))?,
            None => self.doc.transaction(),
        };
        for e in edits {
            if let Err(e) = write(&mut tx, &text, e) {
                tx.rollback();
                return Err(doc_err(e));
            }
        }
        let mut opts = CommitOptions::default().with_time(now.0 / 1000);
        if let Some(m) = message {
            opts = opts.with_message(m);
        }
        let (hash, _) = tx.commit_with(opts);
        let hash = hash.ok_or(CoreError::InvalidInput(Problem::NothingToChange))?;
        let change = self
            .doc
            .get_change_by_hash(&hash)
            .ok_or(CoreError::MissingChange(hash))?;
        // The gate's index learns what this change made, so changes from elsewhere that
        // build on it are judged; it judges the change by the same rules on the way.
        if let Some(judged) = self.judged.as_mut() {
            let decoded = change.decode();
            match judged.index.judge(&decoded, false) {
                Ok((adds, chars)) => judged.note(adds, chars),
                Err(why) => {
                    let before: Vec<ChangeHash> = change.deps().to_vec();
                    self.doc = self.doc.fork_at(&before).map_err(doc_err)?;
                    self.judged = None;
                    return Err(CoreError::NotPermitted(Problem::ChangeRefused {
                        detail: why.to_string(),
                    }));
                }
            }
        }
        let signature = key.sign_doc_change(&self.group, &self.id, &hash);
        self.signatures.insert(hash, signature);
        self.named_by_me = Some(named);
        Ok(DocChange {
            hash,
            bytes: change.raw_bytes().to_vec(),
            signature,
        })
    }
}

/// Checks one edit against a text of `len` characters; returns the length after it.
fn check_edit(e: &Edit, len: usize) -> Result<usize, CoreError> {
    let past_end = || CoreError::InvalidInput(Problem::PositionPastEnd);
    let too_long = || {
        CoreError::InvalidInput(Problem::DocTooLong {
            max: MAX_TEXT_CHARS,
        })
    };
    let after = match e {
        Edit::Splice { at, delete, insert } => {
            if at.checked_add(*delete).is_none_or(|end| end > len) {
                return Err(past_end());
            }
            if insert.contains(['\r', '\u{fffc}']) {
                return Err(CoreError::InvalidInput(Problem::ChangeRefused {
                    detail: "a carriage return or an object placeholder is not text".into(),
                }));
            }
            len - delete + insert.chars().count()
        }
        Edit::Split { at, .. } => {
            if *at > len {
                return Err(past_end());
            }
            len + 1
        }
        Edit::Format {
            start, end, format, ..
        } => {
            if start >= end || *end > len {
                return Err(past_end());
            }
            if let Format::Link(Some(url)) = format
                && (url.len() > rules::MAX_LINK_BYTES || !rules::is_link(url))
            {
                return Err(CoreError::InvalidInput(Problem::BadLink));
            }
            len
        }
        Edit::SetBlock { marker, .. } => {
            if *marker >= len {
                return Err(past_end());
            }
            len
        }
        Edit::Replace(rich) => {
            let chars: usize = rich
                .blocks
                .iter()
                .map(|b| 1 + b.runs.iter().map(|r| r.text.chars().count()).sum::<usize>())
                .sum();
            if rich.blocks.iter().flat_map(|b| &b.runs).any(|r| {
                r.link
                    .as_ref()
                    .is_some_and(|u| u.len() > rules::MAX_LINK_BYTES || !rules::is_link(u))
            }) {
                return Err(CoreError::InvalidInput(Problem::BadLink));
            }
            chars
        }
    };
    if after > MAX_TEXT_CHARS && after > len {
        return Err(too_long());
    }
    Ok(after)
}

/// How marks grow when someone types at their edge: bold and italic grow at the end, links
/// do not grow.
fn expand(name: &str) -> ExpandMark {
    if name == MARK_LINK {
        ExpandMark::None
    } else {
        ExpandMark::After
    }
}

fn write(
    tx: &mut Transaction<'_>,
    text: &automerge::ObjId,
    e: &Edit,
) -> Result<(), automerge::AutomergeError> {
    match e {
        Edit::Splice { at, delete, insert } => tx.splice_text(text, *at, *delete as isize, insert),
        Edit::Split { at, kind } => {
            let block = tx.split_block(text, *at)?;
            write_marker(tx, &block, *kind)
        }
        Edit::Format {
            start,
            end,
            format,
            on,
        } => {
            let (name, value) = match format {
                Format::Bold => (MARK_BOLD, ScalarValue::Boolean(true)),
                Format::Italic => (MARK_ITALIC, ScalarValue::Boolean(true)),
                Format::Link(Some(url)) => (MARK_LINK, ScalarValue::Str(url.as_str().into())),
                Format::Link(None) => (MARK_LINK, ScalarValue::Null),
            };
            if *on && value != ScalarValue::Null {
                tx.mark(
                    text,
                    Mark::new(name.into(), value, *start, *end),
                    expand(name),
                )
            } else {
                tx.unmark(text, name, *start, *end, expand(name))
            }
        }
        Edit::SetBlock { marker, kind } => {
            let block = tx.replace_block(text, *marker)?;
            write_marker(tx, &block, *kind)
        }
        Edit::Replace(rich) => {
            let config = UpdateSpansConfig::default()
                .with_default_expand(ExpandMark::After)
                .with_mark_expand(MARK_LINK, ExpandMark::None);
            tx.update_spans(text, config, rich.to_spans())
        }
    }
}

/// Writes a new block marker's fields.
fn write_marker(
    tx: &mut Transaction<'_>,
    block: &automerge::ObjId,
    kind: BlockKind,
) -> Result<(), automerge::AutomergeError> {
    tx.put(block, rules::BLOCK_TYPE, kind.type_name())?;
    tx.put_object(block, rules::BLOCK_PARENTS, automerge::ObjType::List)?;
    let attrs = tx.put_object(block, rules::BLOCK_ATTRS, automerge::ObjType::Map)?;
    if let BlockKind::Heading(level) = kind {
        tx.put(&attrs, rules::ATTR_LEVEL, level.clamp(1, 6) as i64)?;
    }
    Ok(())
}
