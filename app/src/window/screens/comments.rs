//! A post's comments and their answers (one level), each with its reactions, and the fields
//! to write them (Enter sends).
use causeway_core::{GroupId, ItemId, ItemKind};
use causeway_sync::control::Request;
use causeway_sync::views::{CommentView, GroupView, PostView, Snapshot};
use egui::{TextEdit, Ui};

use crate::window::confirm::Ask;
use crate::window::design::{S, XS, kit};
use crate::window::{CausewayApp, Waiting};

impl CausewayApp {
    pub(in crate::window) fn comments(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        g: &GroupView,
        p: &PostView,
    ) {
        let gid = g.id;
        ui.indent(("comments", p.post.id), |ui| {
            for c in &p.comments {
                self.comment(ui, snap, g, c, true);
                if c.replies.is_empty() && self.replying != Some(c.comment.id) {
                    continue;
                }
                ui.indent(("replies", c.comment.id), |ui| {
                    for r in &c.replies {
                        self.comment(ui, snap, g, r, false);
                    }
                    if self.replying == Some(c.comment.id) {
                        self.comment_box(ui, gid, p.post.id, Some(c.comment.id), "reply-write");
                    }
                });
            }
            if g.i_am_moderator() {
                for c in &p.hidden_comments {
                    self.hidden_comment(ui, snap, g, c);
                }
            }
            self.comment_box(ui, gid, p.post.id, None, "comment-write");
        });
    }

    /// A comment a moderator hid, as moderators see it: greyed, with who hid it and why, and
    /// a way to show it again.
    pub(in crate::window) fn hidden_comment(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        g: &GroupView,
        c: &CommentView,
    ) {
        ui.scope(|ui| {
            ui.multiply_opacity(0.55);
            self.comment_head(ui, snap, g, c);
            ui.indent(("hidden-comment", c.comment.id), |ui| {
                self.rich_text(ui, &c.comment.body);
            });
        });
        ui.indent(("hidden-comment-actions", c.comment.id), |ui| {
            self.hidden_note(
                ui,
                g,
                c.comment.hidden.as_ref(),
                ItemKind::Comment,
                c.comment.id,
            );
        });
        ui.add_space(XS);
    }

    /// "Hidden by Chloé: spam" and Show again, under something a moderator hid.
    pub(in crate::window) fn hidden_note(
        &mut self,
        ui: &mut Ui,
        g: &GroupView,
        hidden: Option<&causeway_core::view::Hidden>,
        kind: ItemKind,
        item: ItemId,
    ) {
        let Some(h) = hidden else { return };
        let by = match h.by {
            Some(d) => g
                .name_of(d)
                .map_or_else(|| d.fmt_short().to_string(), str::to_string),
            None => self.i18n.t("a-moderator"),
        };
        let line = if h.reason.is_empty() {
            self.i18n.a("hidden-by", &[("name", by.into())])
        } else {
            self.i18n.a(
                "hidden-by-because",
                &[("name", by.into()), ("reason", h.reason.clone().into())],
            )
        };
        ui.horizontal_wrapped(|ui| {
            let c = kit::palette(ui).warn;
            ui.label(egui::RichText::new(line).color(c));
            if ui.small_button(self.i18n.t("unhide")).clicked() {
                self.ask_first(Ask::Unhide {
                    group: g.id,
                    kind,
                    item,
                });
            }
        });
    }

    /// One comment: who and when, its text, its reactions, Reply (`answerable`) and Delete
    /// (asked first) when it is mine.
    fn comment(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        g: &GroupView,
        c: &CommentView,
        answerable: bool,
    ) {
        let gid = g.id;
        self.comment_head(ui, snap, g, c);
        ui.indent(("comment-body", c.comment.id), |ui| {
            self.rich_text(ui, &c.comment.body);
            self.attachments(
                ui,
                snap,
                g,
                causeway_core::view::AttachedTo::Comment(c.comment.id),
                c.comment.author,
            );
            ui.horizontal_wrapped(|ui| {
                self.reactions(ui, gid, c.comment.id, &c.reactions);
                if answerable && ui.small_button(self.i18n.t("reply")).clicked() {
                    self.replying = Some(c.comment.id);
                }
                if Some(c.comment.author) != snap.me {
                    let about = self.i18n.a(
                        "report-comment-of",
                        &[("name", c.author_name.clone().into())],
                    );
                    self.report_button(
                        ui,
                        gid,
                        format!("comment:{}", c.comment.id.to_hex()),
                        about,
                    );
                }
                if g.i_am_moderator()
                    && Some(c.comment.author) != snap.me
                    && ui.small_button(self.i18n.t("hide")).clicked()
                {
                    self.ask_first(Ask::Hide {
                        group: gid,
                        kind: ItemKind::Comment,
                        item: c.comment.id,
                        author: c.author_name.clone(),
                    });
                }
                if Some(c.comment.author) == snap.me
                    && ui.small_button(self.i18n.t("delete")).clicked()
                {
                    self.ask_first(Ask::Delete {
                        group: gid,
                        kind: ItemKind::Comment,
                        item: c.comment.id,
                        title: String::new(),
                        text: c.comment.body.clone(),
                    });
                }
            });
        });
        ui.add_space(XS);
    }

    pub(in crate::window) fn comment_box(
        &mut self,
        ui: &mut Ui,
        gid: GroupId,
        post: ItemId,
        reply_to: Option<ItemId>,
        label: &str,
    ) {
        let label = self.i18n.t(label);
        ui.add_space(XS);
        ui.horizontal(|ui| {
            let draft = self.comment_drafts.entry((post, reply_to)).or_default();
            let field = ui.add(
                TextEdit::singleline(draft)
                    .hint_text(&label)
                    .char_limit(causeway_core::limits::POST_TEXT)
                    .desired_width((ui.available_width() - 120.0).clamp(160.0, 520.0)),
            );
            field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
            // Enter in the field sends, as the button does.
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let text = draft.trim().to_string();
            let sent = ui.button(self.i18n.t("comment-send")).clicked() || entered;
            if sent && !text.is_empty() {
                self.submit(
                    Request::Comment {
                        group: gid,
                        post,
                        reply_to,
                        text,
                    },
                    Waiting::Comment,
                );
            }
        });
        ui.add_space(S);
    }
}
