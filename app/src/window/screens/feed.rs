//! A group's feed: the composer, posts, comments, reactions.
use causeway_core::{GroupId, ItemId, ItemKind};
use causeway_sync::control::Request;
use causeway_sync::views::{GroupView, PostView, Snapshot};
use egui::{RichText, ScrollArea, TextEdit, Ui};

use super::*;
use crate::i18n::Lang;
use crate::window::confirm::Ask;
use crate::window::toast::Tone;
use crate::window::{CausewayApp, Waiting};

/// Reactions offered under every post.
const REACTIONS: [&str; 5] = ["👍", "❤", "🎉", "✊", "🙏"];

/// The post composer.
#[derive(Clone, Debug, Default)]
pub(in crate::window) struct Composer {
    pub(in crate::window) title: String,
    pub(in crate::window) body: String,
    pub(in crate::window) lang: String,
}

impl CausewayApp {
    pub(in crate::window) fn composer(&mut self, ui: &mut Ui, group: GroupId) {
        egui::CollapsingHeader::new(self.i18n.t("write-post"))
            .id_salt(("composer", group))
            .default_open(true)
            .show(ui, |ui| {
                labelled_line(ui, &self.i18n.t("post-title"), &mut self.composer.title);
                labelled_text(ui, &self.i18n.t("post-body"), &mut self.composer.body, 3);
                ui.horizontal(|ui| {
                    let l = ui.label(self.i18n.t("post-language"));
                    if self.composer.lang.is_empty() {
                        self.composer.lang = self.i18n.lang().tag().to_string();
                    }
                    let options = Lang::ALL
                        .map(|l| (l.tag().to_string(), l.native_name().to_string()))
                        .to_vec();
                    choice(
                        ui,
                        ("post-language", group),
                        l.id,
                        &mut self.composer.lang,
                        options,
                    );
                    let busy = self.is_waiting(|w| matches!(w, Waiting::Post(g) if *g == group));
                    if ui
                        .add_enabled(!busy, egui::Button::new(self.i18n.t("post-send")))
                        .clicked()
                    {
                        if self.composer.body.trim().is_empty() {
                            self.say(Tone::Error, self.i18n.t("post-empty"));
                        } else {
                            let lang = if self.composer.lang.trim().is_empty() {
                                self.i18n.lang().tag().to_string()
                            } else {
                                self.composer.lang.trim().to_string()
                            };
                            self.submit(
                                Request::Post {
                                    group,
                                    title: self.composer.title.trim().to_string(),
                                    text: self.composer.body.trim().to_string(),
                                    lang,
                                },
                                Waiting::Post(group),
                            );
                        }
                    }
                });
            });
    }

    pub(in crate::window) fn feed(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView) {
        if g.my_role.is_some() {
            self.composer(ui, g.id);
            ui.separator();
        }
        if g.held > 0 {
            ui.small(self.i18n.a("group-held", &[("count", g.held.into())]));
        }
        // Pinned posts first (most recently pinned first), then the others, newest first.
        // Only a group with pins pays for a list of its own; without, rows are read from the
        // feed by index (no list of 100,000 posts made at every frame).
        let ordered: Option<Vec<&PostView>> = (!g.pinned.is_empty()).then(|| {
            g.pinned
                .iter()
                .filter_map(|id| g.posts.find(*id))
                .chain(g.posts.iter().filter(|p| !p.pinned))
                .collect()
        });
        let row = |i: usize| match &ordered {
            Some(o) => o.get(i).copied(),
            None => g.posts.get(i),
        };
        let len = ordered.as_ref().map_or(g.posts.len(), Vec::len);
        // Rows are measured again only when the group's content changed, not at every new
        // snapshot (who is connected changes far more often).
        let mut list = self.feed_list(Some(g.id), g.build, len, |i| row(i).map(|p| p.post.id));
        let shown = ScrollArea::vertical()
            .id_salt(("feed", g.id))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if g.posts.is_empty() {
                    ui.label(self.i18n.t("no-posts"));
                }
                list.list.ui_custom_layout(ui, len, |ui, i| {
                    if let Some(p) = row(i) {
                        self.post(ui, snap, g, p, None);
                    }
                    1
                });
            });
        list.at_top = shown.state.clamped_offset().y <= 1.0;
        self.lists.insert(Some(g.id), list);
    }

    pub(in crate::window) fn post(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        g: &GroupView,
        p: &PostView,
        group_name: Option<&str>,
    ) {
        let mine = Some(p.post.author) == snap.me;
        let gid = g.id;
        ui.group(|ui| {
            ui.set_width(ui.available_width());
            if let Some(name) = group_name {
                ui.small(name);
            }
            if p.pinned {
                ui.label(RichText::new(self.i18n.t("post-pinned")).strong());
            }
            let editing = self
                .editing
                .as_ref()
                .is_some_and(|(id, ..)| *id == p.post.id);
            if editing {
                let mut save = false;
                let mut cancel = false;
                if let Some((_, title, body)) = self.editing.as_mut() {
                    let l = ui.label(self.i18n.t("post-edit-title"));
                    ui.add(TextEdit::singleline(title).desired_width(f32::INFINITY))
                        .labelled_by(l.id);
                    let l = ui.label(self.i18n.t("post-edit-body"));
                    ui.add(TextEdit::multiline(body).desired_width(f32::INFINITY))
                        .labelled_by(l.id);
                    ui.horizontal(|ui| {
                        save = ui.button(self.i18n.t("save")).clicked();
                        cancel = ui.button(self.i18n.t("cancel")).clicked();
                    });
                }
                if save && let Some((id, title, body)) = self.editing.take() {
                    self.submit(
                        Request::Edit {
                            group: gid,
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
            } else {
                if !p.post.title.is_empty() {
                    ui.label(RichText::new(&p.post.title).strong());
                }
                ui.label(&p.post.body);
            }
            let now = Self::now();
            let mut byline = self.i18n.a(
                "post-byline",
                &[
                    ("name", p.author_name.clone().into()),
                    ("when", self.i18n.ago(p.post.created, now).into()),
                ],
            );
            if p.post.edited_at.is_some() {
                byline = format!("{byline} · {}", self.i18n.t("post-edited"));
            }
            ui.small(byline);
            if g.my_role.is_none() {
                return;
            }
            ui.horizontal(|ui| {
                for r in REACTIONS {
                    let count = p
                        .reactions
                        .iter()
                        .find(|c| c.reaction == r)
                        .map_or(0, |c| c.count);
                    let mine_r = p.reactions.iter().any(|c| c.reaction == r && c.mine);
                    let text = if count > 0 {
                        format!("{r} {}", self.i18n.number(count))
                    } else {
                        r.to_string()
                    };
                    let b = ui
                        .selectable_label(mine_r, text)
                        .on_hover_text(self.i18n.t("react"));
                    if b.clicked() {
                        self.submit(
                            Request::React {
                                group: gid,
                                item: p.post.id,
                                reaction: (!mine_r).then(|| r.to_string()),
                            },
                            Waiting::Other,
                        );
                    }
                }
                let n =
                    p.comments.len() + p.comments.iter().map(|c| c.replies.len()).sum::<usize>();
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
                if g.i_am_admin() {
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
                if mine && !editing {
                    if ui.button(self.i18n.t("edit")).clicked() {
                        self.editing = Some((p.post.id, p.post.title.clone(), p.post.body.clone()));
                    }
                    if ui.button(self.i18n.t("delete")).clicked() {
                        self.ask_first(Ask::Delete {
                            group: gid,
                            kind: ItemKind::Post,
                            item: p.post.id,
                        });
                    }
                }
            });
            if self.open_comments.contains(&p.post.id) {
                self.comments(ui, snap, gid, p);
            }
        });
    }

    pub(in crate::window) fn comments(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        gid: GroupId,
        p: &PostView,
    ) {
        let now = Self::now();
        ui.indent(("comments", p.post.id), |ui| {
            for c in &p.comments {
                ui.label(&c.comment.body);
                ui.horizontal(|ui| {
                    self.comment_byline(ui, snap, gid, c, now);
                    if ui.small_button(self.i18n.t("reply")).clicked() {
                        self.replying = Some(c.comment.id);
                    }
                });
                if c.replies.is_empty() && self.replying != Some(c.comment.id) {
                    continue;
                }
                ui.indent(("replies", c.comment.id), |ui| {
                    for r in &c.replies {
                        ui.label(&r.comment.body);
                        ui.horizontal(|ui| self.comment_byline(ui, snap, gid, r, now));
                    }
                    if self.replying == Some(c.comment.id) {
                        self.comment_box(ui, gid, p.post.id, Some(c.comment.id), "reply-write");
                    }
                });
            }
            self.comment_box(ui, gid, p.post.id, None, "comment-write");
        });
    }

    /// Who wrote a comment and when, and Delete (asked first) when it is mine.
    fn comment_byline(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        gid: GroupId,
        c: &causeway_sync::views::CommentView,
        now: causeway_core::Timestamp,
    ) {
        ui.small(self.i18n.a(
            "post-byline",
            &[
                ("name", c.author_name.clone().into()),
                ("when", self.i18n.ago(c.comment.created, now).into()),
            ],
        ));
        if Some(c.comment.author) == snap.me && ui.small_button(self.i18n.t("delete")).clicked() {
            self.ask_first(Ask::Delete {
                group: gid,
                kind: ItemKind::Comment,
                item: c.comment.id,
            });
        }
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
        ui.horizontal(|ui| {
            let draft = self.comment_drafts.entry((post, reply_to)).or_default();
            let field = ui.add(
                TextEdit::singleline(draft)
                    .hint_text(&label)
                    .desired_width(300.0),
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
    }
}
