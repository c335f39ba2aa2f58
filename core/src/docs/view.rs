//! The text of a document as blocks of formatted runs, read from Automerge's spans, and the
//! spans that write such a text back (`update_spans`, for imports and restores).

use std::collections::HashMap;
use std::sync::Arc;

use automerge::hydrate::{self, Value as HValue};
use automerge::iter::Span;
use automerge::marks::MarkSet;
use automerge::{ChangeHash, ReadDoc, ScalarValue};

use super::rules::{
    ATTR_LEVEL, BLOCK_ATTRS, BLOCK_PARENTS, BLOCK_TYPE, MARK_BOLD, MARK_ITALIC, MARK_LINK,
};
use super::{SharedDoc, doc_err};
use crate::error::CoreError;

/// What kind of block a paragraph of the text is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A plain paragraph.
    #[default]
    Paragraph,
    /// A heading of level 1 (largest) to 6.
    Heading(u8),
    /// An item of a bulleted list.
    Bullet,
    /// An item of a numbered list.
    Numbered,
    /// A quote.
    Quote,
}

impl BlockKind {
    /// The block type written in the marker.
    pub fn type_name(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::Heading(_) => "heading",
            BlockKind::Bullet => "unordered-list-item",
            BlockKind::Numbered => "ordered-list-item",
            BlockKind::Quote => "blockquote",
        }
    }

    /// The kind a marker's map names; a paragraph where it names nothing known.
    fn of_marker(map: &hydrate::Map) -> BlockKind {
        let name = match map.get(BLOCK_TYPE) {
            Some(HValue::Scalar(ScalarValue::Str(s))) => s.to_string(),
            _ => String::new(),
        };
        match name.as_str() {
            "heading" => {
                let level = match map.get(BLOCK_ATTRS) {
                    Some(HValue::Map(attrs)) => match attrs.get(ATTR_LEVEL) {
                        Some(HValue::Scalar(ScalarValue::Int(n))) => *n,
                        Some(HValue::Scalar(ScalarValue::Uint(n))) => *n as i64,
                        _ => 1,
                    },
                    _ => 1,
                };
                BlockKind::Heading(level.clamp(1, 6) as u8)
            }
            "unordered-list-item" => BlockKind::Bullet,
            "ordered-list-item" => BlockKind::Numbered,
            "blockquote" => BlockKind::Quote,
            _ => BlockKind::Paragraph,
        }
    }

    /// The marker's map for this kind.
    pub(crate) fn marker(self) -> hydrate::Map {
        let mut fields: HashMap<&str, HValue> = HashMap::from([
            (BLOCK_TYPE, HValue::from(self.type_name())),
            (
                BLOCK_PARENTS,
                hydrate::List::from(Vec::<HValue>::new()).into(),
            ),
        ]);
        let attrs: HashMap<&str, HValue> = match self {
            BlockKind::Heading(level) => HashMap::from([(ATTR_LEVEL, HValue::from(level as i64))]),
            _ => HashMap::new(),
        };
        fields.insert(BLOCK_ATTRS, hydrate::Map::from(attrs).into());
        hydrate::Map::from(fields)
    }
}

/// A stretch of text with one formatting.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Run {
    /// The characters.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Where it links to.
    pub link: Option<String>,
}

impl Run {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Run {
        Run {
            text: text.into(),
            ..Run::default()
        }
    }

    fn same_format(&self, other: &Run) -> bool {
        self.bold == other.bold && self.italic == other.italic && self.link == other.link
    }

    fn marks(&self) -> Option<Arc<MarkSet>> {
        let mut marks: Vec<(String, ScalarValue)> = Vec::new();
        if self.bold {
            marks.push((MARK_BOLD.into(), ScalarValue::Boolean(true)));
        }
        if self.italic {
            marks.push((MARK_ITALIC.into(), ScalarValue::Boolean(true)));
        }
        if let Some(url) = &self.link {
            marks.push((MARK_LINK.into(), ScalarValue::Str(url.as_str().into())));
        }
        (!marks.is_empty()).then(|| Arc::new(marks.into_iter().collect()))
    }
}

/// A paragraph, heading, list item or quote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Block {
    /// What kind of block.
    pub kind: BlockKind,
    /// Its text, in runs of one formatting each (adjacent runs differ).
    pub runs: Vec<Run>,
    /// The position of its marker in the document's text (its first character follows);
    /// `None` for text before the first marker.
    pub marker: Option<usize>,
}

impl Block {
    /// A block of one plain run.
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Block {
        let text = text.into();
        Block {
            kind,
            runs: if text.is_empty() {
                Vec::new()
            } else {
                vec![Run::plain(text)]
            },
            marker: None,
        }
    }

    /// The block's characters, without formatting.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    fn push(&mut self, run: Run) {
        if run.text.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some(last) if last.same_format(&run) => last.text.push_str(&run.text),
            _ => self.runs.push(run),
        }
    }
}

/// A document's text: its blocks in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RichText {
    /// The blocks.
    pub blocks: Vec<Block>,
}

impl RichText {
    /// The text without formatting, one line per block.
    pub fn plain(&self) -> String {
        let lines: Vec<String> = self.blocks.iter().map(Block::text).collect();
        lines.join("\n")
    }

    /// The spans that write this text (each block starts with its marker).
    pub(crate) fn to_spans(&self) -> Vec<Span> {
        let mut spans = Vec::new();
        for block in &self.blocks {
            spans.push(Span::Block(block.kind.marker()));
            for run in &block.runs {
                spans.push(Span::Text {
                    text: run.text.clone(),
                    marks: run.marks(),
                });
            }
        }
        spans
    }

    /// Reads spans as blocks.
    pub(crate) fn from_spans(spans: impl Iterator<Item = Span>) -> RichText {
        let mut blocks: Vec<Block> = Vec::new();
        let mut pos = 0usize;
        for span in spans {
            match span {
                Span::Block(map) => {
                    blocks.push(Block {
                        kind: BlockKind::of_marker(&map),
                        runs: Vec::new(),
                        marker: Some(pos),
                    });
                    pos += 1;
                }
                Span::Text { text, marks } => {
                    pos += text.chars().count();
                    let mut run = Run::plain(text);
                    for (name, value) in marks.iter().flat_map(|m| m.iter()) {
                        match (name, value) {
                            (MARK_BOLD, ScalarValue::Boolean(true)) => run.bold = true,
                            (MARK_ITALIC, ScalarValue::Boolean(true)) => run.italic = true,
                            (MARK_LINK, ScalarValue::Str(url)) => run.link = Some(url.to_string()),
                            _ => {}
                        }
                    }
                    if blocks.is_empty() {
                        blocks.push(Block::default());
                    }
                    if let Some(b) = blocks.last_mut() {
                        b.push(run);
                    }
                }
            }
        }
        RichText { blocks }
    }
}

impl SharedDoc {
    /// The text as it is now.
    pub fn rich_text(&self) -> Result<RichText, CoreError> {
        self.rich_text_at(None)
    }

    /// The text as it was at `heads` (now for `None`).
    pub fn rich_text_at(&self, heads: Option<&[ChangeHash]>) -> Result<RichText, CoreError> {
        if !self.has_text() {
            return Ok(RichText::default());
        }
        let spans = match heads {
            None => self.doc.spans(&self.text).map_err(doc_err)?,
            Some(h) => self.doc.spans_at(&self.text, h).map_err(doc_err)?,
        };
        Ok(RichText::from_spans(spans))
    }
}
