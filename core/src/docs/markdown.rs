//! Markdown in and out: headings, bold, italic, links, bulleted and numbered lists, quotes
//! and paragraphs survive a round trip. Parsing is pulldown-cmark's (CommonMark).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::rules;
use super::view::{Block, BlockKind, RichText, Run};

/// Largest Markdown file taken in: well past the text limit, so that what is refused is a
/// file no document could hold, and parsing it stays quick.
pub const MAX_MARKDOWN_BYTES: usize = 8 << 20;

/// Why a file cannot be read as Markdown.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MarkdownError {
    /// The file is larger than any document may be.
    #[error("the file is {size} bytes; a document's Markdown may be at most {max} bytes")]
    TooLarge {
        /// Its size.
        size: usize,
        /// The most allowed.
        max: usize,
    },
    /// The file is not text (not UTF-8, or it holds NUL bytes).
    #[error("the file is not a text file")]
    NotText,
}

/// Reads a Markdown file as a document's text.
pub fn from_markdown(bytes: &[u8]) -> Result<RichText, MarkdownError> {
    if bytes.len() > MAX_MARKDOWN_BYTES {
        return Err(MarkdownError::TooLarge {
            size: bytes.len(),
            max: MAX_MARKDOWN_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| MarkdownError::NotText)?;
    if text.contains('\0') {
        return Err(MarkdownError::NotText);
    }
    Ok(parse(text))
}

/// Where the parser is.
#[derive(Default)]
struct State {
    blocks: Vec<Block>,
    /// Open lists: numbered or not.
    lists: Vec<bool>,
    quotes: usize,
    bold: usize,
    italic: usize,
    links: Vec<Option<String>>,
    /// The kind the next text starts a block of, when no block is open for it.
    pending: Option<BlockKind>,
}

impl State {
    fn open(&mut self, kind: BlockKind) {
        self.pending = Some(kind);
    }

    fn kind_here(&self) -> BlockKind {
        match self.lists.last() {
            Some(true) => BlockKind::Numbered,
            Some(false) => BlockKind::Bullet,
            None if self.quotes > 0 => BlockKind::Quote,
            None => BlockKind::Paragraph,
        }
    }

    fn text(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        if let Some(kind) = self.pending.take() {
            self.blocks.push(Block::new(kind, ""));
        }
        if self.blocks.is_empty() {
            self.blocks.push(Block::new(self.kind_here(), ""));
        }
        let run = Run {
            text: t.replace(['\n', '\r', '\u{fffc}'], " "),
            bold: self.bold > 0,
            italic: self.italic > 0,
            link: self.links.last().cloned().flatten(),
        };
        if let Some(b) = self.blocks.last_mut() {
            match b.runs.last_mut() {
                Some(last)
                    if last.bold == run.bold
                        && last.italic == run.italic
                        && last.link == run.link =>
                {
                    last.text.push_str(&run.text)
                }
                _ => b.runs.push(run),
            }
        }
    }
}

fn parse(text: &str) -> RichText {
    let mut s = State::default();
    for event in Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH) {
        match event {
            // A list item's or quote's paragraph continues the block it opened.
            Event::Start(Tag::Paragraph) if s.pending.is_none() => {
                let kind = s.kind_here();
                s.open(kind);
            }
            Event::Start(Tag::Heading { level, .. }) => s.open(BlockKind::Heading(match level {
                HeadingLevel::H1 => 1,
                HeadingLevel::H2 => 2,
                HeadingLevel::H3 => 3,
                HeadingLevel::H4 => 4,
                HeadingLevel::H5 => 5,
                HeadingLevel::H6 => 6,
            })),
            Event::Start(Tag::BlockQuote(_)) => s.quotes += 1,
            Event::End(TagEnd::BlockQuote(_)) => s.quotes = s.quotes.saturating_sub(1),
            Event::Start(Tag::List(start)) => s.lists.push(start.is_some()),
            Event::End(TagEnd::List(_)) => {
                s.lists.pop();
            }
            Event::Start(Tag::Item) => {
                let kind = s.kind_here();
                s.open(kind);
            }
            Event::Start(Tag::CodeBlock(_)) => {
                let kind = s.kind_here();
                s.open(kind);
            }
            Event::Start(Tag::Strong) => s.bold += 1,
            Event::End(TagEnd::Strong) => s.bold = s.bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => s.italic += 1,
            Event::End(TagEnd::Emphasis) => s.italic = s.italic.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                let url = dest_url.to_string();
                let ok = url.len() <= rules::MAX_LINK_BYTES && rules::is_link(&url);
                s.links.push(ok.then_some(url));
            }
            Event::End(TagEnd::Link) => {
                s.links.pop();
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                // A code block's lines become blocks of their own.
                let mut lines = t.split('\n').peekable();
                while let Some(line) = lines.next() {
                    s.text(line);
                    if lines.peek().is_some_and(|l| !l.is_empty()) {
                        let kind = s.kind_here();
                        s.open(kind);
                    }
                }
            }
            Event::SoftBreak => s.text(" "),
            Event::HardBreak => {
                let kind = s.blocks.last().map_or(BlockKind::Paragraph, |b| b.kind);
                s.open(kind);
            }
            _ => {}
        }
    }
    RichText { blocks: s.blocks }
}

/// Writes a document's text as Markdown.
pub fn to_markdown(text: &RichText) -> String {
    let mut out = String::new();
    let mut previous: Option<BlockKind> = None;
    let mut number = 0usize;
    for block in &text.blocks {
        if let Some(p) = previous {
            let same_list =
                p == block.kind && matches!(block.kind, BlockKind::Bullet | BlockKind::Numbered);
            out.push_str(if same_list { "\n" } else { "\n\n" });
        }
        number = if block.kind == BlockKind::Numbered && previous == Some(BlockKind::Numbered) {
            number + 1
        } else {
            1
        };
        match block.kind {
            BlockKind::Paragraph => {}
            BlockKind::Heading(level) => {
                out.push_str(&"#".repeat(level as usize));
                out.push(' ');
            }
            BlockKind::Bullet => out.push_str("- "),
            BlockKind::Numbered => out.push_str(&format!("{number}. ")),
            BlockKind::Quote => out.push_str("> "),
        }
        let mut line = String::new();
        for run in &block.runs {
            line.push_str(&inline(run));
        }
        out.push_str(&escape_start(&line));
        previous = Some(block.kind);
    }
    out.push('\n');
    out
}

/// One run, its formatting around it (spaces at its edges stay outside the markers, where
/// Markdown needs them).
fn inline(run: &Run) -> String {
    let body = run.text.trim();
    if body.is_empty() {
        return escape(&run.text);
    }
    let lead = &run.text[..run.text.len() - run.text.trim_start().len()];
    let trail = &run.text[run.text.trim_end().len()..];
    let mut s = escape(body);
    if run.italic {
        s = format!("*{s}*");
    }
    if run.bold {
        s = format!("**{s}**");
    }
    if let Some(url) = &run.link {
        s = if url.contains(['(', ')', '<', '>']) {
            format!("[{s}](<{}>)", url.replace(['<', '>'], ""))
        } else {
            format!("[{s}]({url})")
        };
    }
    format!("{}{s}{}", escape(lead), escape(trail))
}

/// Escapes what Markdown would read as formatting inside a line.
fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '[' | ']' | '`' | '<' | '>' | '#' | '~' | '|'
        ) {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// Escapes what Markdown would read as a block's start at the start of a line (a list
/// number, a dash or a plus).
fn escape_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    if digits > 0 && (rest.starts_with(". ") || rest.starts_with(") ")) {
        return format!("{}\\{}", &line[..digits], rest);
    }
    if line.starts_with("- ") || line.starts_with("+ ") || line.starts_with("= ") {
        return format!("\\{line}");
    }
    line.to_string()
}
