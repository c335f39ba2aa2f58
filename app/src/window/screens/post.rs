//! One post as a card: who wrote it and when, its title and its text (Markdown, long texts
//! folded behind "Show more"), its reactions, what I may do with it, and its comments.
use causeway_core::ItemKind;
use causeway_sync::control::Request;
use causeway_sync::views::{GroupView, PostView, Snapshot};
use egui::Ui;

use crate::window::confirm::Ask;
use crate::window::design::{S, XS, kit};
use crate::window::{CausewayApp, Waiting};

/// A text longer than this many characters, or lines, is folded behind "Show more".
const FOLD_CHARS: usize = 700;
const FOLD_LINES: usize = 12;

/// The first part of a long text, cut at a word, with "…"; `None` when it is short enough to
/// show whole.
pub(in crate::window) fn folded(text: &str) -> Option<String> {
    let at_line = text.match_indices('\n').nth(FOLD_LINES - 1).map(|(i, _)| i);
    let at_char = text.char_indices().nth(FOLD_CHARS).map(|(i, _)| i);
    let cut = match (at_line, at_char) {
        (Some(l), Some(c)) if l <= c => &text[..l],
        (Some(l), None) => &text[..l],
        (_, Some(c)) => {
            // In the middle of a line: back to the last space, unless that loses most of it
            // (one very long word).
            let cut = &text[..c];
            match cut.rfind(char::is_whitespace) {
                Some(i) if i > c / 2 => &cut[..i],
                _ => cut,
            }
        }
        (None, None) => return None,
    };
    if cut.len() >= text.trim_end().len() {
        return None;
    }
    Some(format!("{}…", cut.trim_end()))
}

/// Markdown as members write it, made safe to draw: pictures become links (nothing is fetched
/// from the network because a post names it; pictures come as files, not addresses).
pub(in crate::window) fn safe_markdown(text: &str) -> std::borrow::Cow<'_, str> {
    // Drawn at every frame a post is in view: a copy only when there is a picture to undo.
    if text.contains("![") {
        text.replace("![", "[").into()
    } else {
        text.into()
    }
}

impl CausewayApp {
    /// Draws a text written by a member: Markdown, with links that open in the browser only
    /// when clicked (the address shows on hover).
    pub(in crate::window) fn rich_text(&mut self, ui: &mut Ui, text: &str) {
        egui_commonmark::CommonMarkViewer::new()
            .default_implicit_uri_scheme("https://")
            .show(ui, &mut self.markdown, &safe_markdown(text));
    }

    /// The face, the name (with the author's bio on hover), and when: the head of a post
    /// or a comment.
    #[allow(clippy::too_many_arguments)]
    pub(in crate::window) fn byline(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        g: &GroupView,
        author: causeway_core::DeviceId,
        name: &str,
        when: causeway_core::Timestamp,
        edited: bool,
        size: f32,
    ) {
        let bio = g.bio_of(author);
        ui.horizontal(|ui| {
            self.face(ui, snap, g, author, name, size);
            ui.vertical(|ui| {
                ui.spacing_mut().item_spacing.y = 0.0;
                let shown = ui.add(egui::Label::new(kit::strong(name)).truncate());
                if let Some(bio) = bio {
                    shown.on_hover_ui(|ui| {
                        ui.set_max_width(320.0);
                        ui.label(kit::strong(name));
                        ui.label(bio);
                    });
                }
                let mut when = self.i18n.ago(when, Self::now());
                if edited {
                    when = format!("{when} · {}", self.i18n.t("post-edited"));
                }
                kit::secondary(ui, when);
            });
        });
    }

    pub(in crate::window) fn post(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        g: &GroupView,
        p: &PostView,
        group_name: Option<&str>,
    ) {
        if snap.blocks.thread_muted(g.id, p.post.id) {
            let words = if p.post.title.is_empty() {
                p.post.body.lines().next().unwrap_or_default().to_string()
            } else {
                p.post.title.clone()
            };
            kit::card(ui, |ui| self.muted_thread(ui, g.id, p.post.id, &words));
            return;
        }
        kit::card(ui, |ui| {
            if let Some(name) = group_name {
                kit::secondary(ui, name);
            }
            ui.horizontal(|ui| {
                self.byline(
                    ui,
                    snap,
                    g,
                    p.post.author,
                    &p.author_name,
                    p.post.created,
                    p.post.edited_at.is_some(),
                    36.0,
                );
                if p.pinned {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
                        kit::secondary(ui, self.i18n.t("post-pinned"));
                    });
                }
            });
            if let Some(h) = p.post.hidden.as_ref().filter(|_| p.mine) {
                let by = h.by.map_or_else(
                    || self.i18n.t("a-moderator"),
                    |d| {
                        g.name_of(d)
                            .map_or_else(|| d.fmt_short().to_string(), str::to_string)
                    },
                );
                let line = if h.reason.is_empty() {
                    self.i18n.a("hidden-yours", &[("name", by.into())])
                } else {
                    self.i18n.a(
                        "hidden-yours-because",
                        &[("name", by.into()), ("reason", h.reason.clone().into())],
                    )
                };
                let c = kit::palette(ui).warn;
                ui.add(egui::Label::new(egui::RichText::new(line).color(c)).wrap());
            }
            ui.add_space(XS);
            let editing = self
                .editing
                .as_ref()
                .is_some_and(|(id, ..)| *id == p.post.id);
            if editing {
                self.post_editor(ui, g);
            } else {
                if !p.post.title.is_empty() {
                    kit::title(ui, &p.post.title);
                }
                self.post_text(ui, p);
                self.attachments(
                    ui,
                    snap,
                    g,
                    causeway_core::view::AttachedTo::Post(p.post.id),
                    p.post.author,
                );
            }
            if g.my_role.is_none() {
                return;
            }
            ui.add_space(XS);
            self.post_actions(ui, snap, g, p, editing);
            if self.open_comments.contains(&p.post.id) {
                ui.add_space(S);
                self.comments(ui, snap, g, p);
            }
        });
    }

    /// The text of a post, folded when long.
    pub(in crate::window) fn post_text(&mut self, ui: &mut Ui, p: &PostView) {
        let open = self.expanded.contains(&p.post.id);
        match folded(&p.post.body) {
            Some(short) if !open => {
                self.rich_text(ui, &short);
                if ui.link(self.i18n.t("show-more")).clicked() {
                    self.expanded.insert(p.post.id);
                }
            }
            Some(_) => {
                self.rich_text(ui, &p.post.body);
                if ui.link(self.i18n.t("show-less")).clicked() {
                    self.expanded.remove(&p.post.id);
                }
            }
            None => self.rich_text(ui, &p.post.body),
        }
    }

    /// Editing one of my posts in place.
    fn post_editor(&mut self, ui: &mut Ui, g: &GroupView) {
        let mut save = false;
        let mut cancel = false;
        let counter = |n: usize| self.i18n.a("chars-left", &[("count", n.into())]);
        let (title_label, body_label) = (
            self.i18n.t("post-edit-title"),
            self.i18n.t("post-edit-body"),
        );
        if let Some((id, title, body)) = self.editing.as_mut() {
            kit::line_field(
                ui,
                &title_label,
                title,
                causeway_core::limits::POST_TITLE,
                f32::INFINITY,
                &counter,
                None,
            );
            kit::text_field(
                ui,
                egui::Id::unique("edit-body").with(*id),
                &body_label,
                body,
                causeway_core::limits::POST_TEXT,
                3,
                320.0,
                &counter,
            );
            ui.horizontal(|ui| {
                save = kit::primary(ui, &self.i18n.t("save"), true).clicked();
                cancel = ui.button(self.i18n.t("cancel")).clicked();
            });
        }
        if save && let Some((id, title, body)) = self.editing.take() {
            self.submit(
                Request::Edit {
                    group: g.id,
                    kind: ItemKind::Post,
                    item: id,
                    title,
                    text: body,
                },
                Waiting::Other,
            );
        }
        if cancel {
            self.editing = None;
        }
    }

    /// Reactions, comments, and what I may do with the post.
    fn post_actions(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        g: &GroupView,
        p: &PostView,
        editing: bool,
    ) {
        let gid = g.id;
        let mine = Some(p.post.author) == snap.me;
        ui.horizontal_wrapped(|ui| {
            self.reactions(ui, gid, p.post.id, &p.reactions);
            let n = p.comments.len() + p.comments.iter().map(|c| c.replies.len()).sum::<usize>();
            let open = self.open_comments.contains(&p.post.id);
            if ui
                .selectable_label(open, self.i18n.a("comments", &[("count", n.into())]))
                .clicked()
            {
                if open {
                    self.open_comments.remove(&p.post.id);
                } else {
                    self.open_comments.insert(p.post.id);
                }
            }
            // A hidden post (its author's own, here) shows to nobody else: no pin.
            if g.i_am_admin() && p.post.hidden.is_none() {
                let (label, request) = if p.pinned {
                    (
                        "post-unpin",
                        Request::Unpin {
                            group: gid,
                            post: p.post.id,
                        },
                    )
                } else {
                    (
                        "post-pin",
                        Request::Pin {
                            group: gid,
                            post: p.post.id,
                        },
                    )
                };
                if ui.button(self.i18n.t(label)).clicked() {
                    self.submit(request, Waiting::Other);
                }
            }
            if !mine {
                let about = self
                    .i18n
                    .a("report-post-of", &[("name", p.author_name.clone().into())]);
                self.report_button(ui, gid, format!("post:{}", p.post.id.to_hex()), about);
            }
            if !mine
                && ui
                    .small_button(self.i18n.t("thread-mute"))
                    .on_hover_text(self.i18n.t("thread-mute-help"))
                    .clicked()
            {
                self.set_muted(causeway_sync::MuteTarget::Thread(gid, p.post.id), true);
            }
            if g.i_am_moderator() && !mine && ui.button(self.i18n.t("hide")).clicked() {
                self.ask_first(Ask::Hide {
                    group: gid,
                    kind: ItemKind::Post,
                    item: p.post.id,
                    author: p.author_name.clone(),
                });
            }
            if mine && !editing {
                if ui.button(self.i18n.t("edit")).clicked() {
                    self.editing = Some((p.post.id, p.post.title.clone(), p.post.body.clone()));
                }
                if ui.button(self.i18n.t("delete")).clicked() {
                    self.ask_first(Ask::Delete {
                        group: gid,
                        kind: ItemKind::Post,
                        item: p.post.id,
                        title: p.post.title.clone(),
                        text: p.post.body.clone(),
                    });
                }
            }
        });
    }

    /// The head of a comment.
    pub(in crate::window) fn comment_head(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        g: &GroupView,
        c: &causeway_sync::views::CommentView,
    ) {
        self.byline(
            ui,
            snap,
            g,
            c.comment.author,
            &c.author_name,
            c.comment.created,
            false,
            24.0,
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_show_whole_and_long_ones_fold_at_a_word() {
        assert_eq!(folded("Meet at ten."), None);
        let long = "word ".repeat(400);
        let short = folded(&long).unwrap();
        assert!(short.chars().count() <= FOLD_CHARS + 1, "{}", short.len());
        assert!(short.ends_with("word…"), "{short}");
        let lines = "line\n".repeat(40);
        assert_eq!(folded(&lines).unwrap().lines().count(), FOLD_LINES);
        // One huge word, multi-byte: cut inside it, on a character boundary.
        let word = "é".repeat(5000);
        assert_eq!(folded(&word).unwrap().chars().count(), FOLD_CHARS + 1);
    }

    #[test]
    fn pictures_in_markdown_become_links() {
        assert_eq!(
            safe_markdown("see ![map](https://tracker.example/p.png)"),
            "see [map](https://tracker.example/p.png)"
        );
    }
}
