//! What the document editor keeps of the text it shows: one line per block (its kind, whether
//! a block marker starts it, its runs of formatting), mirrored as the person types, so that
//! every keystroke maps to a position in the document (block markers count one) and the
//! formatting shows while a pause's typing waits to be written as one change.

use causeway_core::docs::{BlockKind, Edit, RichText};

/// A stretch of one line with one formatting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Span {
    /// Characters.
    pub(crate) len: usize,
    pub(crate) bold: bool,
    pub(crate) italic: bool,
    pub(crate) link: bool,
}

/// One block, shown as one line of the editor's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Line {
    pub(crate) kind: BlockKind,
    /// Whether a block marker starts it in the document (the first may have none).
    pub(crate) marker: bool,
    pub(crate) spans: Vec<Span>,
}

impl Line {
    fn len(&self) -> usize {
        self.spans.iter().map(|s| s.len).sum()
    }

    /// Grows the span the character before `at` is in (formatting continues as one types),
    /// or the first.
    fn insert(&mut self, at: usize, n: usize) {
        let mut pos = 0;
        for s in &mut self.spans {
            if at > pos && at <= pos + s.len {
                s.len += n;
                return;
            }
            pos += s.len;
        }
        match self.spans.first_mut() {
            Some(s) if at == 0 => s.len += n,
            _ => self.spans.push(Span {
                len: n,
                bold: false,
                italic: false,
                link: false,
            }),
        }
    }

    /// Removes characters `from..to` of the line.
    fn delete(&mut self, from: usize, to: usize) {
        let mut pos = 0;
        for s in &mut self.spans {
            let (a, b) = (pos, pos + s.len);
            let cut = to.min(b).saturating_sub(from.max(a));
            pos = b;
            s.len -= cut;
        }
        self.spans.retain(|s| s.len > 0);
    }

    /// Splits the line at `at`: what follows goes to the returned spans.
    fn split_off(&mut self, at: usize) -> Vec<Span> {
        let mut pos = 0;
        let mut tail = Vec::new();
        let mut keep = Vec::new();
        for s in self.spans.drain(..) {
            let (a, b) = (pos, pos + s.len);
            pos = b;
            if b <= at {
                keep.push(s);
            } else if a >= at {
                tail.push(s);
            } else {
                let mut right = s.clone();
                right.len = b - at;
                let mut left = s;
                left.len = at - a;
                keep.push(left);
                tail.push(right);
            }
        }
        self.spans = keep;
        tail
    }
}

/// The editor's mirror of the document's text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mirror {
    pub(crate) lines: Vec<Line>,
}

/// The kind a new block takes when Enter is pressed in a block of `kind`: lists and quotes
/// go on, a heading is followed by a paragraph.
pub(crate) fn next_kind(kind: BlockKind) -> BlockKind {
    match kind {
        BlockKind::Heading(_) => BlockKind::Paragraph,
        other => other,
    }
}

impl Mirror {
    /// The mirror of a text, and the editor's string for it (blocks joined by line breaks;
    /// a line break inside a block shows as a space, so lines are blocks).
    pub(crate) fn of(rich: &RichText) -> (Mirror, String) {
        let mut lines = Vec::new();
        let mut text = String::new();
        for (i, b) in rich.blocks.iter().enumerate() {
            if i > 0 {
                text.push('\n');
            }
            let mut spans = Vec::new();
            for r in &b.runs {
                let t = r.text.replace('\n', " ");
                let len = t.chars().count();
                text.push_str(&t);
                spans.push(Span {
                    len,
                    bold: r.bold,
                    italic: r.italic,
                    link: r.link.is_some(),
                });
            }
            lines.push(Line {
                kind: b.kind,
                marker: b.marker.is_some(),
                spans,
            });
        }
        if lines.is_empty() {
            lines.push(Line {
                kind: BlockKind::Paragraph,
                marker: false,
                spans: Vec::new(),
            });
        }
        (Mirror { lines }, text)
    }

    /// The line an offset of the editor's string is in, and the offset within it.
    pub(crate) fn line_at(&self, offset: usize) -> (usize, usize) {
        let mut start = 0;
        for (i, l) in self.lines.iter().enumerate() {
            let len = l.len();
            if offset <= start + len {
                return (i, offset - start);
            }
            start += len + 1;
        }
        let last = self.lines.len().saturating_sub(1);
        (last, self.lines.get(last).map_or(0, Line::len))
    }

    /// The document position of an offset of the editor's string.
    pub(crate) fn doc_pos(&self, offset: usize) -> usize {
        let (line, within) = self.line_at(offset);
        self.line_start(line) + within
    }

    /// The document position of a line's first character (after its marker).
    pub(crate) fn line_start(&self, line: usize) -> usize {
        self.lines[..line]
            .iter()
            .map(|l| usize::from(l.marker) + l.len())
            .sum::<usize>()
            + usize::from(self.lines.get(line).is_some_and(|l| l.marker))
    }

    /// The offset in the editor's string of a document position.
    pub(crate) fn offset_of(&self, pos: usize) -> usize {
        let mut doc = 0;
        let mut offset = 0;
        for (i, l) in self.lines.iter().enumerate() {
            if l.marker {
                doc += 1;
            }
            if pos <= doc + l.len() {
                return offset + pos.saturating_sub(doc);
            }
            doc += l.len();
            offset += l.len() + usize::from(i + 1 < self.lines.len());
        }
        offset
    }

    /// The edits that turn the editor's string `old` into `new` (one contiguous change, as
    /// typing, pasting or deleting a selection makes), applied to the mirror as well.
    pub(crate) fn edits(&mut self, old: &str, new: &str) -> Vec<Edit> {
        let (a, b): (Vec<char>, Vec<char>) = (old.chars().collect(), new.chars().collect());
        let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let max_suffix = a.len().min(b.len()) - prefix;
        let suffix = a
            .iter()
            .rev()
            .zip(b.iter().rev())
            .take(max_suffix)
            .take_while(|(x, y)| x == y)
            .count();
        let deleted = a.len() - prefix - suffix;
        let inserted: String = b[prefix..b.len() - suffix].iter().collect();
        let mut out = Vec::new();
        if deleted > 0 {
            let from = self.doc_pos(prefix);
            let to = self.doc_pos(prefix + deleted);
            out.push(Edit::Splice {
                at: from,
                delete: to - from,
                insert: String::new(),
            });
            self.delete(prefix, prefix + deleted);
        }
        let mut offset = prefix;
        for (i, piece) in inserted.split('\n').enumerate() {
            if i > 0 {
                let (line, _) = self.line_at(offset);
                let kind = next_kind(self.lines[line].kind);
                out.push(Edit::Split {
                    at: self.doc_pos(offset),
                    kind,
                });
                self.split(offset, kind);
                offset += 1;
            }
            if !piece.is_empty() {
                out.push(Edit::Splice {
                    at: self.doc_pos(offset),
                    delete: 0,
                    insert: piece.to_string(),
                });
                let n = piece.chars().count();
                let (line, within) = self.line_at(offset);
                self.lines[line].insert(within, n);
                offset += n;
            }
        }
        out
    }

    /// Removes offsets `from..to` of the editor's string, joining lines it spans (the first
    /// keeps its kind, as deleting a block marker joins the blocks).
    fn delete(&mut self, from: usize, to: usize) {
        let (first, a) = self.line_at(from);
        let (last, b) = self.line_at(to);
        if first == last {
            self.lines[first].delete(a, b);
            return;
        }
        let first_len = self.lines[first].len();
        self.lines[first].delete(a, first_len);
        let mut tail = self.lines[last].clone();
        tail.delete(0, b);
        self.lines[first].spans.extend(tail.spans);
        self.lines.drain(first + 1..=last);
    }

    /// A new line of `kind` at `offset` (Enter).
    fn split(&mut self, offset: usize, kind: BlockKind) {
        let (line, within) = self.line_at(offset);
        let tail = self.lines[line].split_off(within);
        self.lines.insert(
            line + 1,
            Line {
                kind,
                marker: true,
                spans: tail,
            },
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use causeway_core::docs::{Block, Run};

    fn rich() -> RichText {
        RichText {
            blocks: vec![
                Block {
                    kind: BlockKind::Heading(1),
                    runs: vec![Run::plain("Plan")],
                    marker: Some(0),
                },
                Block {
                    kind: BlockKind::Bullet,
                    runs: vec![
                        Run::plain("a "),
                        Run {
                            text: "bold".into(),
                            bold: true,
                            ..Run::default()
                        },
                    ],
                    marker: Some(5),
                },
            ],
        }
    }

    #[test]
    fn offsets_map_to_document_positions_past_the_block_markers() {
        let (m, text) = Mirror::of(&rich());
        assert_eq!(text, "Plan\na bold");
        assert_eq!(m.doc_pos(0), 1);
        assert_eq!(m.doc_pos(4), 5);
        assert_eq!(m.doc_pos(5), 6);
        assert_eq!(m.doc_pos(11), 12);
        assert_eq!(m.offset_of(6), 5);
        assert_eq!(m.offset_of(1), 0);
    }

    #[test]
    fn typing_enter_and_deleting_become_document_edits() {
        let (mut m, text) = Mirror::of(&rich());
        // Typing at the end of the bold word continues it.
        let e = m.edits(&text, "Plan\na bolder");
        assert_eq!(
            e,
            vec![Edit::Splice {
                at: 12,
                delete: 0,
                insert: "er".into()
            }]
        );
        assert_eq!(m.lines[1].spans[1].len, 6);
        // Enter in a list item starts another item.
        let e = m.edits("Plan\na bolder", "Plan\na bolder\nc");
        assert_eq!(
            e,
            vec![
                Edit::Split {
                    at: 14,
                    kind: BlockKind::Bullet
                },
                Edit::Splice {
                    at: 15,
                    delete: 0,
                    insert: "c".into()
                }
            ]
        );
        // Deleting across the line break joins the blocks (the marker goes too).
        let e = m.edits("Plan\na bolder\nc", "Plan\na boldc");
        assert_eq!(
            e,
            vec![Edit::Splice {
                at: 12,
                delete: 3,
                insert: String::new()
            }]
        );
        assert_eq!(m.lines.len(), 2);
        assert_eq!(m.doc_pos(11), 12);
    }
}
