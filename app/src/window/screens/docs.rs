//! A group's shared documents: the list, a new document, and the editor (formatting, block
//! kinds, live edits from others merged under the cursor, the history with any version to
//! read or restore).
//!
//! The editor reads its open document from views the node publishes for it
//! (`Node::watch_document`: a copy of the document, so positions, cursors and the history
//! are read on this thread without taking the node's lock). A pause's typing is written as
//! one change in the background, read at the heads the editor last showed
//! (`Node::edit_document_at`), so edits from others that arrive meanwhile merge with it; the
//! cursor is carried across them by Automerge cursors.

use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use causeway_core::docs::{BlockKind, DocChange, Edit, Format, RichText};
use causeway_core::{ChangeHash, DocId, GroupId};
use causeway_sync::DocView;
use causeway_sync::views::{GroupView, Snapshot};
use egui::Ui;
use egui::text::{CCursor, CCursorRange};

use super::doc_text::Mirror;
use crate::window::CausewayApp;
use crate::window::design::{BODY, kit};

/// Typing is written after this pause...
const PAUSE: Duration = Duration::from_millis(400);
/// ...or after this long in any case.
const AT_MOST: Duration = Duration::from_millis(1500);

/// The new-document form.
#[derive(Debug, Default)]
pub(in crate::window) struct NewDoc {
    pub(in crate::window) title: String,
    /// A Markdown file being chosen, for a document of this group.
    pub(super) importing: Option<(GroupId, Option<mpsc::Receiver<crate::window::pick::Picked>>)>,
}

/// A version listed in the history: its number, heads, who and when.
#[derive(Clone, Debug)]
pub(super) struct VersionLine {
    pub(super) number: usize,
    pub(super) heads: Vec<ChangeHash>,
    pub(super) author: String,
    pub(super) at: causeway_core::Timestamp,
}

/// An open document.
pub(in crate::window) struct DocEditor {
    pub(in crate::window) group: GroupId,
    pub(in crate::window) doc: DocId,
    pub(super) text: String,
    pub(super) mirror: Mirror,
    /// The document heads `text` was read at: where pending edits' positions are read.
    pub(super) base: Vec<ChangeHash>,
    pub(super) pending: Vec<Edit>,
    pub(super) first_pending: Option<Instant>,
    pub(super) last_typed: Option<Instant>,
    pub(super) can_edit: bool,
    /// Edits of someone who may no longer edit are hidden: positions in the text shown are
    /// not the document's, so it is read here, not edited.
    pub(super) masked: bool,
    pub(super) history: Option<Vec<VersionLine>>,
    /// Where this device last said its cursor is (a document position), and when.
    pub(super) told: Option<(usize, Instant)>,
    /// Who else has the document open: their name and where their cursor is (an offset of
    /// the editor's text).
    pub(super) others: Vec<(String, usize)>,
    /// A version being read instead of the text now: its number and text.
    pub(super) viewing: Option<(usize, RichText)>,
    /// What changed from a version to now: its number and the runs of the diff.
    pub(super) comparing: Option<(usize, Vec<causeway_core::docs::DiffRun>)>,
    /// The title being edited (the creator and admins).
    pub(super) title_form: Option<String>,
    /// The link being set on a stretch of the text (document positions) and its address.
    pub(super) link: Option<(usize, usize, String)>,
    /// Who wrote each paragraph, as the history shows it: the paragraph's start and the
    /// names of its authors, most characters first.
    pub(super) authors: Vec<(String, String)>,
    pub(super) error: Option<String>,
    /// The node's views of this document, while it is open.
    pub(super) watch: Option<causeway_sync::DocWatch>,
    /// The view `text` was read from (positions, the history, others' cursors).
    pub(super) view: Option<Arc<DocView>>,
    /// A pause's typing being written in the background: its answer.
    pub(super) writing: Option<mpsc::Receiver<Result<DocChange, causeway_sync::SyncError>>>,
}

impl DocEditor {
    pub(in crate::window) fn new(group: GroupId, doc: DocId) -> DocEditor {
        DocEditor {
            group,
            doc,
            text: String::new(),
            mirror: Mirror::default(),
            base: Vec::new(),
            pending: Vec::new(),
            first_pending: None,
            last_typed: None,
            can_edit: false,
            masked: false,
            history: None,
            told: None,
            others: Vec::new(),
            viewing: None,
            comparing: None,
            title_form: None,
            link: None,
            authors: Vec::new(),
            error: None,
            watch: None,
            view: None,
            writing: None,
        }
    }
}

fn kinds() -> [BlockKind; 7] {
    [
        BlockKind::Paragraph,
        BlockKind::Heading(1),
        BlockKind::Heading(2),
        BlockKind::Heading(3),
        BlockKind::Bullet,
        BlockKind::Numbered,
        BlockKind::Quote,
    ]
}

impl CausewayApp {
    fn kind_text(&self, k: BlockKind) -> String {
        match k {
            BlockKind::Paragraph => self.i18n.t("doc-kind-paragraph"),
            BlockKind::Heading(l) => self.i18n.a("doc-kind-heading", &[("count", l.into())]),
            BlockKind::Bullet => self.i18n.t("doc-kind-bullet"),
            BlockKind::Numbered => self.i18n.t("doc-kind-numbered"),
            BlockKind::Quote => self.i18n.t("doc-kind-quote"),
        }
    }

    /// Creates a document titled as the form says, starting from `start`.
    pub(super) fn create_document(&mut self, group: GroupId, start: Option<&RichText>) {
        let node = self.node.clone();
        let _rt = node.enter();
        let title = std::mem::take(&mut self.new_doc.title);
        match self.node.node().create_document(group, title.trim(), start) {
            Ok(doc) => self.doc_editor = Some(DocEditor::new(group, doc)),
            Err(e) => {
                self.new_doc.title = title;
                let said = super::super::failure::failure(
                    &self.i18n,
                    &causeway_sync::control::Failure::from(&e),
                );
                self.say(crate::window::toast::Tone::Error, said);
            }
        }
    }

    /// Writes the typing that waits now, without waiting for the pause (leaving the
    /// editor, closing the window).
    pub fn write_typing_now(&mut self) {
        self.flush(true);
    }

    /// Writes the typing that waits, read at the heads the editor last showed.
    fn flush(&mut self, force: bool) {
        let node = self.node.clone();
        let _rt = node.enter();
        // One write at a time: the next is read at the heads the last one made.
        self.settle(force);
        let Some(ed) = self.doc_editor.as_mut() else {
            return;
        };
        if ed.pending.is_empty() || ed.writing.is_some() {
            return;
        }
        let now = Instant::now();
        let due = force
            || ed.last_typed.is_some_and(|t| now - t >= PAUSE)
            || ed.first_pending.is_some_and(|t| now - t >= AT_MOST);
        if !due {
            return;
        }
        let edits = std::mem::take(&mut ed.pending);
        ed.first_pending = None;
        let (group, doc, base) = (ed.group, ed.doc, ed.base.clone());
        let writer = self.node.node().clone();
        let (tx, rx) = mpsc::channel();
        ed.writing = Some(rx);
        let write = move || {
            let _ = tx.send(writer.edit_document_at(group, doc, Some(&base), &edits));
        };
        if force {
            write();
        } else {
            self.node.in_background(write);
        }
        self.settle(force);
    }

    /// Takes the answer of the write under way, if it came (waiting for it when `wait`).
    fn settle(&mut self, wait: bool) {
        let Some(ed) = self.doc_editor.as_mut() else {
            return;
        };
        let Some(rx) = ed.writing.as_ref() else {
            return;
        };
        let answer = if wait {
            rx.recv().ok()
        } else {
            match rx.try_recv() {
                Ok(a) => Some(a),
                Err(mpsc::TryRecvError::Empty) => return,
                Err(mpsc::TryRecvError::Disconnected) => None,
            }
        };
        ed.writing = None;
        match answer {
            // What is shown is the base plus this change: positions are read there next.
            Some(Ok(change)) => ed.base = vec![change.hash],
            Some(Err(e)) => {
                ed.error = Some(super::super::failure::failure(
                    &self.i18n,
                    &causeway_sync::control::Failure::from(&e),
                ));
                // Read the document again: what could not be written is not shown as if it were.
                ed.base.clear();
            }
            None => ed.base.clear(),
        }
    }

    /// Reads the document again when its heads moved, carrying the selection `sel` (offsets
    /// of the editor's text) across what changed.
    fn refresh(&mut self, sel: Option<(usize, usize)>) -> Option<(usize, usize)> {
        let ed = self.doc_editor.as_mut()?;
        let view = match ed.watch.as_ref().and_then(|w| w.latest()) {
            None => return sel,
            Some(Err(e)) => {
                ed.error = Some(super::super::failure::failure(
                    &self.i18n,
                    &causeway_sync::control::Failure::from(e.as_ref()),
                ));
                return sel;
            }
            Some(Ok(view)) => view,
        };
        let base = &ed.base;
        // Nothing new; or this device's last write is not in the views yet: wait for it.
        if (view.heads == *base && !base.is_empty()) || base.iter().any(|h| !view.doc.has_change(h))
        {
            if view.heads == *base {
                ed.view = Some(view);
            }
            return sel;
        }
        let carry = |off: usize| {
            let p = ed.mirror.doc_pos(off);
            if base.is_empty() {
                p
            } else {
                view.doc.carry(p, base)
            }
        };
        let moved = sel.map(|(a, b)| (carry(a), carry(b)));
        let (mirror, text) = Mirror::of(&view.text);
        ed.base = view.heads.clone();
        ed.can_edit = view.can_edit && !view.masked;
        ed.masked = view.masked;
        ed.text = text;
        let moved = moved.map(|(a, b)| (mirror.offset_of(a), mirror.offset_of(b)));
        ed.mirror = mirror;
        ed.view = Some(view);
        moved
    }

    pub(super) fn editor(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView) {
        let Some((group, doc)) = self.doc_editor.as_ref().map(|e| (e.group, e.doc)) else {
            return;
        };
        if let Some(ed) = self.doc_editor.as_mut()
            && ed.watch.is_none()
        {
            let _rt = self.node.enter();
            ed.watch = Some(self.node.node().watch_document(group, doc));
        }
        let id = egui::Id::unique("doc-editor").with(doc);
        let state = egui::TextEdit::load_state(ui.ctx(), id);
        let sel = state
            .as_ref()
            .and_then(|s| s.cursor.char_range())
            .map(|r| (r.primary.index.0, r.secondary.index.0));
        // Typing waits for a pause; news from others is read once it is written.
        self.flush(false);
        let pending = self
            .doc_editor
            .as_ref()
            .is_some_and(|e| !e.pending.is_empty() || e.writing.is_some());
        if !pending {
            let before = self.doc_editor.as_ref().map(|e| e.text.clone());
            let moved = self.refresh(sel);
            let after = self.doc_editor.as_ref().map(|e| e.text.clone());
            if let Some(mut s) = state.clone()
                && (moved != sel || before != after)
            {
                if let Some((a, b)) = moved {
                    s.cursor
                        .set_char_range(Some(CCursorRange::two(CCursor::new(b), CCursor::new(a))));
                }
                // Undo (Ctrl+Z) takes back this person's own typing only: what others wrote
                // arrived since, and the text field's undo would take it away with it.
                if before != after {
                    s.clear_undoer();
                }
                s.store(ui.ctx(), id);
            }
        } else {
            ui.ctx().request_repaint_after(PAUSE);
        }
        self.presence(g, sel);
        let entry = g.documents.iter().find(|d| d.id == doc).cloned();
        let title = entry.as_ref().map(|e| e.title.clone()).unwrap_or_default();
        let mut close = false;
        ui.horizontal(|ui| {
            if ui.button(self.i18n.t("doc-back")).clicked() {
                close = true;
            }
            ui.add(egui::Label::new(kit::strong(title.clone()).size(BODY * 1.2)).truncate());
        });
        // The creator and admins rename the document and choose who may edit it.
        let steward = g.my_role.is_some()
            && entry
                .as_ref()
                .is_some_and(|e| snap.me == Some(e.creator) || g.i_am_admin());
        if steward && let Some(e) = &entry {
            self.doc_settings(ui, g, group, doc, e);
        }
        let Some(ed) = self.doc_editor.as_ref() else {
            return;
        };
        if let Some(err) = ed.error.clone() {
            ui.colored_label(kit::palette(ui).warn, err);
        }
        if !ed.others.is_empty() {
            let names: Vec<&str> = ed.others.iter().map(|(n, _)| n.as_str()).collect();
            let line = self
                .i18n
                .a("doc-also-here", &[("names", names.join(", ").into())]);
            ui.colored_label(kit::palette(ui).accent, line);
        }
        if ed.masked {
            ui.colored_label(kit::palette(ui).muted, self.i18n.t("doc-masked"));
        } else if !ed.can_edit && ed.viewing.is_none() {
            ui.colored_label(kit::palette(ui).muted, self.i18n.t("doc-read-only"));
        }
        let editable = ed.can_edit && ed.viewing.is_none();
        // The toolbar: formatting of the selection, the kind of the block the cursor is in.
        let mut action: Option<Edit> = None;
        let mut history_toggle = false;
        let mut export_clicked = false;
        let mut open_link: Option<(usize, usize)> = None;
        ui.horizontal(|ui| {
            let sel_range = sel.map(|(a, b)| (a.min(b), a.max(b)));
            let has_sel = sel_range.is_some_and(|(a, b)| a < b);
            for (key, format) in [("doc-bold", Format::Bold), ("doc-italic", Format::Italic)] {
                let b = ui.add_enabled(editable && has_sel, egui::Button::new(self.i18n.t(key)));
                if b.clicked()
                    && let Some((a, z)) = sel_range
                {
                    let (start, end) = (ed.mirror.doc_pos(a), ed.mirror.doc_pos(z));
                    let (line, within) = ed.mirror.line_at(a);
                    let on = !span_has(&ed.mirror, line, within, &format);
                    action = Some(Edit::Format {
                        start,
                        end,
                        format,
                        on,
                    });
                }
            }
            let b = ui.add_enabled(
                editable && has_sel,
                egui::Button::new(self.i18n.t("doc-link")),
            );
            if b.clicked()
                && let Some((a, z)) = sel_range
            {
                open_link = Some((ed.mirror.doc_pos(a), ed.mirror.doc_pos(z)));
            }
            let (line, _) = ed.mirror.line_at(sel.map_or(0, |s| s.0));
            let current = ed
                .mirror
                .lines
                .get(line)
                .map_or(BlockKind::Paragraph, |l| l.kind);
            let mut chosen = current;
            ui.add_enabled_ui(editable, |ui| {
                super::choice_named(
                    ui,
                    ("doc-kind", doc),
                    &self.i18n.t("doc-kind"),
                    &mut chosen,
                    kinds()
                        .into_iter()
                        .map(|k| (k, self.kind_text(k)))
                        .collect(),
                );
            });
            if chosen != current {
                let has_marker = ed.mirror.lines.get(line).is_some_and(|l| l.marker);
                let at = ed.mirror.line_start(line);
                action = Some(if has_marker {
                    Edit::SetBlock {
                        marker: at - 1,
                        kind: chosen,
                    }
                } else {
                    Edit::Split { at, kind: chosen }
                });
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let open = ed.history.is_some();
                let label = self.i18n.t(if open {
                    "doc-history-close"
                } else {
                    "doc-history"
                });
                if ui.button(label).clicked() {
                    history_toggle = true;
                }
                if ui
                    .button(self.i18n.t("doc-export"))
                    .on_hover_text(self.i18n.t("doc-export-help"))
                    .clicked()
                {
                    export_clicked = true;
                }
            });
        });
        if export_clicked {
            self.export_open_document(&title);
        }
        if let Some((a, z)) = open_link
            && let Some(ed) = self.doc_editor.as_mut()
        {
            ed.link = Some((a, z, String::new()));
        }
        if let Some(ed) = self.doc_editor.as_mut()
            && let Some((start, end, url)) = ed.link.as_mut()
        {
            let (start, end) = (*start, *end);
            let mut done = None;
            let mut cancel = false;
            ui.horizontal(|ui| {
                let label = self.i18n.t("doc-link-address");
                let field = ui.add(
                    egui::TextEdit::singleline(url)
                        .hint_text("https://…")
                        .desired_width(320.0),
                );
                field
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
                let ready = !url.trim().is_empty();
                if kit::primary(ui, &self.i18n.t("doc-link-apply"), ready).clicked() {
                    done = Some(Some(url.trim().to_string()));
                }
                if ui.button(self.i18n.t("doc-link-remove")).clicked() {
                    done = Some(None);
                }
                if ui.button(self.i18n.t("cancel")).clicked() {
                    cancel = true;
                }
            });
            if cancel {
                ed.link = None;
            }
            if let Some(url) = done {
                ed.link = None;
                action = Some(Edit::Format {
                    start,
                    end,
                    on: url.is_some(),
                    format: Format::Link(url),
                });
            }
        }
        if let Some(edit) = action {
            self.flush(true);
            let node = self.node.clone();
            let _rt = node.enter();
            if let Some(ed) = self.doc_editor.as_ref()
                && let Err(e) =
                    self.node
                        .node()
                        .edit_document_at(group, doc, Some(&ed.base), &[edit])
            {
                let said = super::super::failure::failure(
                    &self.i18n,
                    &causeway_sync::control::Failure::from(&e),
                );
                self.say(crate::window::toast::Tone::Error, said);
            }
            if let Some(ed) = self.doc_editor.as_mut() {
                ed.base.clear();
            }
        }
        if history_toggle {
            self.toggle_history(g);
        }
        ui.separator();
        let history_open = self
            .doc_editor
            .as_ref()
            .is_some_and(|e| e.history.is_some());
        if history_open {
            ui.columns(2, |cols| {
                self.text_area(&mut cols[0], id, editable);
                self.history_panel(&mut cols[1]);
            });
        } else {
            self.text_area(ui, id, editable);
        }
        if close {
            self.flush(true);
            if let Some(ed) = self.doc_editor.take() {
                let _rt = self.node.enter();
                self.node
                    .node()
                    .set_presence(ed.group, ed.doc, None, Vec::new());
            }
        }
    }

    /// Says where this device's cursor is when it moved (and every 10 s while the document
    /// is open), and reads where the others' are.
    fn presence(&mut self, g: &GroupView, sel: Option<(usize, usize)>) {
        let node = self.node.clone();
        let _rt = node.enter();
        let Some(ed) = self.doc_editor.as_mut() else {
            return;
        };
        let pos = ed.mirror.doc_pos(sel.map_or(0, |s| s.0));
        let now = Instant::now();
        let due = ed
            .told
            .is_none_or(|(p, at)| p != pos || now - at >= Duration::from_secs(10));
        let settled = ed.pending.is_empty() && ed.writing.is_none() && !ed.base.is_empty();
        if due && settled {
            node.node()
                .set_presence(ed.group, ed.doc, Some(pos), ed.base.clone());
            ed.told = Some((pos, now));
        }
        let names: std::collections::HashMap<_, _> =
            g.members.iter().map(|m| (m.id, m.name.clone())).collect();
        let Some(view) = ed.view.as_ref() else {
            return;
        };
        ed.others = view
            .presence(&node.node().presence_entries(ed.doc))
            .into_iter()
            .map(|(who, p)| {
                let name = names.get(&who).cloned().unwrap_or_else(|| who.fmt_short());
                (name, ed.mirror.offset_of(p))
            })
            .collect();
        ed.others.sort();
    }

    fn text_area(&mut self, ui: &mut Ui, id: egui::Id, editable: bool) {
        let Some(ed) = self.doc_editor.as_mut() else {
            return;
        };
        if let Some((n, runs)) = &ed.comparing {
            let head = self.i18n.a("doc-comparing", &[("count", (*n).into())]);
            ui.label(kit::strong(head));
            egui::ScrollArea::vertical()
                .id_salt(("doc-diff", id))
                .auto_shrink(false)
                .show(ui, |ui| {
                    ui.add(egui::Label::new(super::doc_layout::diff_job(ui, runs)).wrap());
                });
            return;
        }
        let (shown, mirror) = match &ed.viewing {
            Some((_, rich)) => {
                let (m, t) = Mirror::of(rich);
                (t, m)
            }
            None => (ed.text.clone(), ed.mirror.clone()),
        };
        let mut text = shown.clone();
        let others = if ed.viewing.is_none() {
            ed.others.clone()
        } else {
            Vec::new()
        };
        let palette = kit::palette(ui);
        let mut layouter = |ui: &Ui, buf: &dyn egui::TextBuffer, wrap: f32| {
            let job = super::doc_layout::layout(ui, buf.as_str(), &mirror, wrap, palette);
            ui.fonts_mut(|f| f.layout_job(job))
        };
        let label = self.i18n.t("doc-text");
        egui::ScrollArea::vertical()
            .id_salt(("doc-scroll", id))
            .auto_shrink(false)
            .show(ui, |ui| {
                let out = egui::TextEdit::multiline(&mut text)
                    .id(id)
                    .desired_width(f32::INFINITY)
                    .desired_rows(16)
                    .interactive(editable)
                    .layouter(&mut layouter)
                    .show(ui);
                out.response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, editable, &label)
                });
                super::doc_layout::marks(ui, &out, &mirror, palette);
                super::doc_layout::carets(ui, &out, &others, palette);
            });
        if editable && text != shown {
            let edits = ed.mirror.edits(&ed.text, &text);
            ed.text = text;
            if !edits.is_empty() {
                let now = Instant::now();
                ed.pending.extend(edits);
                ed.first_pending.get_or_insert(now);
                ed.last_typed = Some(now);
                ui.ctx().request_repaint_after(PAUSE);
            }
        }
    }
}

/// Whether the character at `within` of line `line` already has `format` (a button then
/// takes it away).
fn span_has(m: &Mirror, line: usize, within: usize, format: &Format) -> bool {
    let Some(l) = m.lines.get(line) else {
        return false;
    };
    let mut pos = 0;
    for s in &l.spans {
        if within < pos + s.len {
            return match format {
                Format::Bold => s.bold,
                Format::Italic => s.italic,
                Format::Link(_) => s.link,
            };
        }
        pos += s.len;
    }
    false
}
