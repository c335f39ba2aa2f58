//! A group's feed: the composer and the posts (pinned first), in a virtual list.
use causeway_core::GroupId;
use causeway_sync::control::Request;
use causeway_sync::views::{GroupView, PostView, Snapshot};
use egui::{Key, Modifiers, ScrollArea, Ui};

use super::*;
use crate::i18n::Lang;
use crate::window::design::{S, kit};
use crate::window::toast::Tone;
use crate::window::{CausewayApp, Waiting};

/// The post composer.
#[derive(Clone, Debug, Default)]
pub(in crate::window) struct Composer {
    pub(in crate::window) title: String,
    pub(in crate::window) body: String,
    pub(in crate::window) lang: String,
    /// Open to write in; closed, it is one line inviting to write (a draft keeps it open).
    pub(in crate::window) open: bool,
    /// Give the text field the keyboard on the next frame.
    pub(in crate::window) focus: bool,
    /// Pictures and files to attach, as chosen or dropped.
    pub(in crate::window) files: Vec<std::path::PathBuf>,
}

impl Composer {
    /// Adds files to attach (each once, at most as many as a post carries).
    pub(in crate::window) fn add_files(&mut self, paths: Vec<std::path::PathBuf>) {
        for p in paths {
            if !self.files.contains(&p) && self.files.len() < causeway_core::view::MAX_FILES {
                self.files.push(p);
            }
        }
    }
}

/// How many events the feed shows above the posts.
const COMING_UP: usize = 2;

/// How tall the composer's text grows before it scrolls inside, in points.
const COMPOSER_GROWS_TO: f32 = 240.0;

impl CausewayApp {
    pub(in crate::window) fn composer(&mut self, ui: &mut Ui, group: GroupId) {
        let counter = |n: usize| self.i18n.a("chars-left", &[("count", n.into())]);
        let (title_label, body_label) = (self.i18n.t("post-title"), self.i18n.t("post-body"));
        let mut send = false;
        if !self.composer.open {
            let draft = !self.composer.body.is_empty()
                || !self.composer.title.is_empty()
                || !self.composer.files.is_empty();
            let label = self.i18n.t(if draft {
                "write-post-draft"
            } else {
                "write-post"
            });
            let b = ui.add_sized(
                [ui.available_width(), 36.0],
                egui::Button::new(kit::strong(label)),
            );
            if b.clicked() {
                self.composer.open = true;
                self.composer.focus = true;
            }
            return;
        }
        let busy = self.is_waiting(|w| matches!(w, Waiting::Post(g) if *g == group));
        let grows_to = COMPOSER_GROWS_TO.min(ui.available_height() * 0.3).max(60.0);
        kit::card(ui, |ui| {
            let title = kit::line_field(
                ui,
                &title_label,
                &mut self.composer.title,
                causeway_core::limits::POST_TITLE,
                f32::INFINITY,
                &counter,
                None,
            );
            let body = kit::text_field(
                ui,
                egui::Id::unique("composer").with(group),
                &body_label,
                &mut self.composer.body,
                causeway_core::limits::POST_TEXT,
                3,
                grows_to,
                &counter,
            );
            if std::mem::take(&mut self.composer.focus) {
                body.request_focus();
            }
            super::files::composer_files(ui, &self.i18n, &mut self.composer, &mut self.files);
            // Ctrl+Enter (Cmd+Enter on a Mac) posts from either field.
            send |= (title.has_focus() || body.has_focus())
                && ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Enter));
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
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    send |= kit::primary(ui, &self.i18n.t("post-send"), !busy).clicked();
                    if ui.button(self.i18n.t("post-later")).clicked() {
                        // The draft stays for later.
                        self.composer.open = false;
                    }
                    kit::secondary(ui, self.i18n.t("post-shortcut"));
                });
            });
        });
        if !send || busy {
            return;
        }
        if self.composer.body.trim().is_empty() && self.composer.files.is_empty() {
            self.say(Tone::Error, self.i18n.t("post-empty"));
            return;
        }
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
                attach: self.composer.files.clone(),
            },
            Waiting::Post(group),
        );
    }

    /// The next events of the group, above its posts, with a way to all of them.
    fn coming_up(&mut self, ui: &mut Ui, g: &GroupView) {
        let next: Vec<&causeway_core::view::Event> = g
            .kit
            .upcoming(causeway_sync::now())
            .into_iter()
            .filter(|e| !e.cancelled || e.moved_from.is_some())
            .take(COMING_UP)
            .collect();
        if next.is_empty() {
            return;
        }
        ui.horizontal(|ui| {
            kit::title(ui, self.i18n.t("coming-up"));
            if ui.link(self.i18n.t("coming-up-all")).clicked() {
                self.place = crate::window::Place::Group(g.id, crate::window::Tab::Events);
            }
        });
        for e in next {
            self.event_card(ui, g, e, true);
        }
        ui.add_space(S);
    }

    pub(in crate::window) fn feed(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView) {
        if g.my_role.is_some() {
            self.composer(ui, g.id);
            ui.add_space(S);
        }
        if g.held > 0 {
            ui.small(self.i18n.a("group-held", &[("count", g.held.into())]));
        }
        self.coming_up(ui, g);
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
                    kit::empty_state(ui, &self.i18n.t("no-posts"), &self.i18n.t("no-posts-help"));
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
}
