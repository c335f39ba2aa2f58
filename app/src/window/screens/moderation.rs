//! What a group's moderators look after: the reports to decide (`reports`), then the posts
//! and comments they hid, each with who hid it and why, and a way to show it again. Members
//! never see this tab.
use causeway_core::ItemKind;
use causeway_sync::views::{CommentView, GroupView, PostView, Snapshot};
use egui::{ScrollArea, Ui};

use crate::window::CausewayApp;
use crate::window::design::{S, XS, kit};

impl CausewayApp {
    pub(in crate::window) fn moderation(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView) {
        let posts = g.posts.hidden();
        // Hidden comments hang on posts that show; a hidden post's comments go with it.
        let comments: Vec<(&PostView, &CommentView)> = g
            .posts
            .iter()
            .flat_map(|p| p.hidden_comments.iter().map(move |c| (p, c)))
            .collect();
        ScrollArea::vertical()
            .id_salt(("moderation", g.id))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.queue(ui, g);
                if posts.is_empty() && comments.is_empty() {
                    kit::empty_state(
                        ui,
                        &self.i18n.t("moderation-nothing-hidden"),
                        &self.i18n.t("moderation-nothing-hidden-help"),
                    );
                    return;
                }
                if !posts.is_empty() {
                    kit::title(
                        ui,
                        self.i18n
                            .a("moderation-hidden-posts", &[("count", posts.len().into())]),
                    );
                    for p in posts {
                        self.hidden_post(ui, snap, g, p);
                    }
                    ui.add_space(S);
                }
                if !comments.is_empty() {
                    kit::title(
                        ui,
                        self.i18n.a(
                            "moderation-hidden-comments",
                            &[("count", comments.len().into())],
                        ),
                    );
                    for (p, c) in comments {
                        kit::card(ui, |ui| {
                            let on = if p.post.title.is_empty() {
                                p.author_name.clone()
                            } else {
                                p.post.title.clone()
                            };
                            ui.add(
                                egui::Label::new(
                                    egui::RichText::new(
                                        self.i18n.a("moderation-on-post", &[("name", on.into())]),
                                    )
                                    .small(),
                                )
                                .truncate(),
                            );
                            self.hidden_comment(ui, snap, g, c);
                        });
                    }
                }
            });
    }

    /// A post a moderator hid, as moderators see it: greyed, with who hid it and why.
    fn hidden_post(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView, p: &PostView) {
        kit::card(ui, |ui| {
            ui.scope(|ui| {
                ui.multiply_opacity(0.55);
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
                ui.add_space(XS);
                if !p.post.title.is_empty() {
                    kit::title(ui, &p.post.title);
                }
                self.post_text(ui, p);
            });
            ui.add_space(XS);
            self.hidden_note(ui, g, p.post.hidden.as_ref(), ItemKind::Post, p.post.id);
        });
    }
}
