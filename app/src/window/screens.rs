//! The screens: first run, the sidebar, a group's tabs, all groups, creating a group,
//! settings, and the invite and join dialogs.

use causeway_core::{DeviceId, GroupId, ItemId, ItemKind, Role, Visibility};
use causeway_sync::Relay;
use causeway_sync::control::{GroupEdit, Request};
use causeway_sync::views::{GroupView, PostView, Reach, Snapshot};
use egui::{RichText, ScrollArea, TextEdit, Ui};

use super::{
    CAUSES, CausewayApp, GroupForm, InviteDialog, JoinDialog, Place, Tab, Waiting,
    merge_newest_first,
};
use crate::i18n::Lang;

/// Reactions offered under every post.
const REACTIONS: [&str; 5] = ["👍", "❤", "🎉", "✊", "🙏"];

/// A drop-down list labelled (for screen readers) by the widget `label`; `options` are
/// (value, text) pairs.
fn choice<T: PartialEq>(
    ui: &mut Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    label: egui::Id,
    value: &mut T,
    options: Vec<(T, String)>,
) {
    let shown = options
        .iter()
        .find(|(v, _)| v == value)
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for (v, t) in options {
                ui.selectable_value(value, v, t);
            }
        })
        .response
        .labelled_by(label);
}

/// A checkbox that says whether `value` is in `list`, and adds or removes it.
fn member_checkbox(ui: &mut Ui, list: &mut Vec<String>, value: &str, text: &str) {
    let mut on = list.iter().any(|x| x == value);
    if ui.checkbox(&mut on, text).changed() {
        if on {
            list.push(value.to_string());
        } else {
            list.retain(|x| x != value);
        }
    }
}

fn labelled_line(ui: &mut Ui, label: &str, text: &mut String) {
    let l = ui.label(label);
    ui.add(TextEdit::singleline(text).desired_width(360.0))
        .labelled_by(l.id);
}

fn labelled_text(ui: &mut Ui, label: &str, text: &mut String, rows: usize) {
    let l = ui.label(label);
    ui.add(
        TextEdit::multiline(text)
            .desired_rows(rows)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(l.id);
}

impl CausewayApp {
    fn visibility_text(&self, v: Visibility) -> String {
        self.i18n.t(match v {
            Visibility::Invite => "visibility-invite",
            Visibility::Request => "visibility-request",
            Visibility::Open => "visibility-open",
        })
    }

    fn role_text(&self, r: Option<Role>) -> String {
        self.i18n.t(match r {
            Some(Role::Owner) => "role-owner",
            Some(Role::Admin) => "role-admin",
            Some(Role::Moderator) => "role-moderator",
            Some(Role::Member) => "role-member",
            None => "role-removed",
        })
    }

    fn cause_text(&self, c: &str) -> String {
        if CAUSES.contains(&c) {
            self.i18n.t(&format!("cause-{c}"))
        } else {
            c.to_string()
        }
    }

    fn reach_text(&self, r: Reach) -> String {
        let now = Self::now();
        match r {
            Reach::ThisDevice => self.i18n.t("reach-you"),
            Reach::Connected { relayed: false } => self.i18n.t("reach-direct"),
            Reach::Connected { relayed: true } => self.i18n.t("reach-relay"),
            Reach::SeenAt(t) => self
                .i18n
                .a("reach-seen", &[("when", self.i18n.ago(t, now).into())]),
            Reach::Unreachable { since, .. } => self.i18n.a(
                "reach-unreachable",
                &[("when", self.i18n.ago(since, now).into())],
            ),
            Reach::Unknown => self.i18n.t("reach-unknown"),
        }
    }

    pub(super) fn first_run(&mut self, ui: &mut Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading(self.i18n.t("welcome-title"));
            ui.label(self.i18n.t("welcome-name-help"));
            ui.add_space(12.0);
            let label = ui.label(self.i18n.t("your-name"));
            ui.add(TextEdit::singleline(&mut self.name_input).desired_width(280.0))
                .labelled_by(label.id);
            let label = ui.label(self.i18n.t("your-bio-optional"));
            ui.add(
                TextEdit::multiline(&mut self.bio_input)
                    .desired_rows(2)
                    .desired_width(280.0),
            )
            .labelled_by(label.id);
            ui.label(self.i18n.t("your-languages"));
            ui.horizontal(|ui| {
                for l in Lang::ALL {
                    member_checkbox(ui, &mut self.reads, l.tag(), l.native_name());
                }
            });
            ui.add_space(8.0);
            ui.horizontal(|ui| self.language_picker(ui));
            if ui.button(self.i18n.t("continue")).clicked() {
                let name = self.name_input.trim().to_string();
                if name.is_empty() {
                    self.notice = Some(self.i18n.t("name-needed"));
                } else {
                    let req = Request::SetProfile {
                        name,
                        bio: self.bio_input.trim().to_string(),
                        languages: self.reads.clone(),
                    };
                    self.submit(req, Waiting::Profile);
                }
            }
        });
    }

    fn language_picker(&mut self, ui: &mut Ui) {
        let label = ui.label(self.i18n.t("settings-language"));
        let current = self.i18n.lang();
        let mut chosen = current;
        let options = Lang::ALL.map(|l| (l, l.native_name().to_string())).to_vec();
        choice(ui, "language", label.id, &mut chosen, options);
        if chosen != current {
            self.set_language(chosen);
        }
    }

    pub(super) fn sidebar(&mut self, ui: &mut Ui, snap: &Snapshot) {
        ui.heading(self.i18n.t("my-groups"));
        ui.separator();
        let all_unread: usize = snap.groups.iter().map(|g| self.unread(snap, g)).sum();
        let label = if all_unread > 0 {
            self.i18n
                .a("all-groups-unread", &[("count", all_unread.into())])
        } else {
            self.i18n.t("all-groups")
        };
        if ui
            .selectable_label(self.place == Place::AllGroups, label)
            .clicked()
        {
            self.place = Place::AllGroups;
        }
        let now = Self::now();
        for g in &snap.groups {
            let unread = self.unread(snap, g);
            let name = if g.name().is_empty() {
                self.i18n.t("group-arriving")
            } else {
                g.name().to_string()
            };
            let connected = snap.connected_members(g, now);
            let text = match unread {
                0 => name,
                n => format!("{name} ({})", self.i18n.number(n)),
            };
            let selected = matches!(self.place, Place::Group(id, _) if id == g.id);
            let status = self
                .i18n
                .a("members-connected-short", &[("count", connected.into())]);
            let syncing = snap.activity.get(&g.id).is_some_and(|a| a.running > 0);
            let r = ui
                .horizontal(|ui| {
                    // Sync status stays in sight on every page: a dot per group, green when
                    // another member's device is connected, and a spinner while syncing.
                    let color = if connected > 0 {
                        egui::Color32::from_rgb(80, 180, 110)
                    } else {
                        ui.visuals().weak_text_color()
                    };
                    let (rect, dot) =
                        ui.allocate_exact_size(egui::vec2(8.0, 8.0), egui::Sense::hover());
                    ui.painter().circle_filled(rect.center(), 3.5, color);
                    dot.on_hover_text(&status);
                    let r = ui.selectable_label(selected, text).on_hover_text(&status);
                    if syncing {
                        ui.spinner();
                    }
                    r
                })
                .inner;
            if r.clicked() {
                self.place = Place::Group(g.id, Tab::Feed);
            }
        }
        ui.add_space(8.0);
        if ui.button(self.i18n.t("create-group")).clicked() {
            self.place = Place::CreateGroup;
        }
        if ui.button(self.i18n.t("join-group")).clicked() {
            self.join = Some(JoinDialog::default());
        }
        ui.with_layout(egui::Layout::bottom_up(egui::Align::LEFT), |ui| {
            if ui.button(self.i18n.t("settings")).clicked() {
                self.place = Place::Settings;
            }
            ui.small(self.i18n.a(
                "seen-as",
                &[("name", snap.profile.display_name.clone().into())],
            ));
        });
    }

    fn sync_status(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView) {
        let now = Self::now();
        let others = g
            .members
            .iter()
            .filter(|m| m.role.is_some() && Some(m.id) != snap.me)
            .count();
        let connected = snap.connected_members(g, now);
        let activity = snap.activity.get(&g.id).copied().unwrap_or_default();
        ui.horizontal(|ui| {
            if activity.running > 0 {
                ui.spinner();
                ui.small(self.i18n.t("syncing"));
            }
            ui.small(self.i18n.a(
                "members-connected",
                &[("count", connected.into()), ("total", others.into())],
            ));
            let last = match activity.last_sync {
                Some(t) => self
                    .i18n
                    .a("last-sync", &[("when", self.i18n.ago(t, now).into())]),
                None => self.i18n.t("never-synced"),
            };
            ui.small(last);
        });
        egui::CollapsingHeader::new(self.i18n.t("connection-details"))
            .id_salt(("details", g.id))
            .show(ui, |ui| {
                for m in g.members.iter().filter(|m| m.role.is_some()) {
                    ui.horizontal(|ui| {
                        ui.label(&m.name);
                        ui.small(self.reach_text(snap.reach(m.id, now)));
                    });
                }
            });
    }

    pub(super) fn group_page(&mut self, ui: &mut Ui, snap: &Snapshot, id: GroupId, tab: Tab) {
        let Some(g) = snap.group(id).cloned() else {
            if self.arriving == Some(id) {
                // Just created or joined: its view is being built.
                ui.spinner();
            } else {
                self.place = Place::AllGroups;
            }
            return;
        };
        if self.arriving == Some(id) {
            self.arriving = None;
        }
        let Some(info) = g.info.clone() else {
            ui.heading(self.i18n.t("group-arriving"));
            ui.label(self.i18n.t("group-arriving-help"));
            self.sync_status(ui, snap, &g);
            return;
        };
        ui.horizontal(|ui| {
            ui.heading(&info.name);
            if g.i_am_admin() && ui.button(self.i18n.t("invite-people")).clicked() {
                self.invite = Some(InviteDialog {
                    group: id,
                    uses: Some(1),
                    days: Some(7),
                    ticket: None,
                });
            }
        });
        if !info.mission.is_empty() {
            ui.label(&info.mission);
        }
        if g.my_role.is_none() {
            ui.colored_label(ui.visuals().warn_fg_color, self.i18n.t("no-longer-member"));
        }
        self.sync_status(ui, snap, &g);
        let mut tab_now = tab;
        ui.horizontal(|ui| {
            ui.selectable_value(&mut tab_now, Tab::Feed, self.i18n.t("tab-feed"));
            ui.selectable_value(&mut tab_now, Tab::Members, self.i18n.t("tab-members"));
            ui.selectable_value(&mut tab_now, Tab::About, self.i18n.t("tab-about"));
        });
        if tab_now != tab {
            self.place = Place::Group(id, tab_now);
        }
        ui.separator();
        match tab_now {
            Tab::Feed => {
                self.mark_read(&g);
                self.feed(ui, snap, &g);
            }
            Tab::Members => self.members(ui, snap, &g),
            Tab::About => self.about(ui, &g),
        }
    }

    fn composer(&mut self, ui: &mut Ui, group: GroupId) {
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
                            self.notice = Some(self.i18n.t("post-empty"));
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

    fn feed(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView) {
        if g.my_role.is_some() {
            self.composer(ui, g.id);
            ui.separator();
        }
        // Rows are measured again only when the group's content changed, not at every new
        // snapshot (who is connected changes far more often).
        let mut list = self.feed_list(Some(g.id), g.build, &g.posts, |p| p.post.id);
        let shown = ScrollArea::vertical()
            .id_salt(("feed", g.id))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if g.posts.is_empty() {
                    ui.label(self.i18n.t("no-posts"));
                }
                list.list.ui_custom_layout(ui, g.posts.len(), |ui, i| {
                    if let Some(p) = g.posts.get(i) {
                        self.post(ui, snap, g, p, None);
                    }
                    1
                });
            });
        list.at_top = shown.state.clamped_offset().y <= 1.0;
        self.lists.insert(Some(g.id), list);
    }

    fn post(
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
                if mine && !editing {
                    if ui.button(self.i18n.t("edit")).clicked() {
                        self.editing = Some((p.post.id, p.post.title.clone(), p.post.body.clone()));
                    }
                    if ui.button(self.i18n.t("delete")).clicked() {
                        self.submit(
                            Request::Delete {
                                group: gid,
                                kind: ItemKind::Post,
                                item: p.post.id,
                            },
                            Waiting::Other,
                        );
                    }
                }
            });
            if self.open_comments.contains(&p.post.id) {
                self.comments(ui, snap, gid, p);
            }
        });
    }

    fn comments(&mut self, ui: &mut Ui, snap: &Snapshot, gid: GroupId, p: &PostView) {
        let now = Self::now();
        ui.indent(("comments", p.post.id), |ui| {
            for c in &p.comments {
                ui.label(&c.comment.body);
                ui.horizontal(|ui| {
                    ui.small(self.i18n.a(
                        "post-byline",
                        &[
                            ("name", c.author_name.clone().into()),
                            ("when", self.i18n.ago(c.comment.created, now).into()),
                        ],
                    ));
                    if ui.small_button(self.i18n.t("reply")).clicked() {
                        self.replying = Some(c.comment.id);
                    }
                    if Some(c.comment.author) == snap.me
                        && ui.small_button(self.i18n.t("delete")).clicked()
                    {
                        self.submit(
                            Request::Delete {
                                group: gid,
                                kind: ItemKind::Comment,
                                item: c.comment.id,
                            },
                            Waiting::Other,
                        );
                    }
                });
                if c.replies.is_empty() && self.replying != Some(c.comment.id) {
                    continue;
                }
                ui.indent(("replies", c.comment.id), |ui| {
                    for r in &c.replies {
                        ui.label(&r.comment.body);
                        ui.small(self.i18n.a(
                            "post-byline",
                            &[
                                ("name", r.author_name.clone().into()),
                                ("when", self.i18n.ago(r.comment.created, now).into()),
                            ],
                        ));
                    }
                    if self.replying == Some(c.comment.id) {
                        self.comment_box(ui, gid, p.post.id, Some(c.comment.id), "reply-write");
                    }
                });
            }
            self.comment_box(ui, gid, p.post.id, None, "comment-write");
        });
    }

    fn comment_box(
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
            ui.add(
                TextEdit::singleline(draft)
                    .hint_text(&label)
                    .desired_width(300.0),
            )
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
            let text = draft.trim().to_string();
            if ui.button(self.i18n.t("comment-send")).clicked() && !text.is_empty() {
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

    fn members(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView) {
        let now = Self::now();
        let admin = g.i_am_admin();
        if admin && !g.pending.is_empty() {
            ui.label(RichText::new(self.i18n.t("requests")).strong());
            for r in &g.pending {
                // Requests come from the invite book this device wrote; an unreadable id
                // there would be a request nobody can answer, so it is not offered.
                let Ok(device) = DeviceId::from_hex(&r.device) else {
                    continue;
                };
                ui.horizontal(|ui| {
                    ui.label(&r.name);
                    if ui.button(self.i18n.t("approve")).clicked() {
                        self.submit(
                            Request::Approve {
                                group: g.id,
                                member: device,
                            },
                            Waiting::Other,
                        );
                    }
                    let this = Some((g.id, device));
                    if self.declining == this {
                        // Declining forgets the request: asked first.
                        ui.label(
                            self.i18n
                                .a("decline-confirm", &[("name", r.name.as_str().into())]),
                        );
                        if ui.button(self.i18n.t("decline")).clicked() {
                            self.declining = None;
                            self.submit(
                                Request::Decline {
                                    group: g.id,
                                    member: device,
                                },
                                Waiting::Other,
                            );
                        }
                        if ui.button(self.i18n.t("cancel")).clicked() {
                            self.declining = None;
                        }
                    } else if ui.button(self.i18n.t("decline")).clicked() {
                        self.declining = this;
                    }
                });
            }
            ui.separator();
        }
        ScrollArea::vertical()
            .id_salt(("members", g.id))
            .show(ui, |ui| {
                egui::Grid::new(("members-grid", g.id))
                    .striped(true)
                    .show(ui, |ui| {
                        for m in g.members.iter().filter(|m| m.role.is_some()) {
                            let name = ui.label(&m.name);
                            let is_me = Some(m.id) == snap.me;
                            if admin && !is_me && m.role != Some(Role::Owner) {
                                let mut role = m.role;
                                // The role list is labelled by the member's name.
                                let options = [Role::Member, Role::Moderator, Role::Admin]
                                    .map(|r| (Some(r), self.role_text(Some(r))))
                                    .to_vec();
                                choice(ui, ("role", m.id), name.id, &mut role, options);
                                if let Some(r) = role.filter(|r| Some(*r) != m.role) {
                                    self.set_role(g.id, m.id, r);
                                }
                            } else {
                                ui.label(self.role_text(m.role));
                            }
                            ui.small(self.reach_text(snap.reach(m.id, now)));
                            if admin && !is_me && m.role != Some(Role::Owner) {
                                if ui.button(self.i18n.t("remove")).clicked() {
                                    self.submit(
                                        Request::MemberRemove {
                                            group: g.id,
                                            member: m.id,
                                            reason: String::new(),
                                        },
                                        Waiting::Other,
                                    );
                                }
                            } else {
                                ui.label("");
                            }
                            ui.end_row();
                        }
                    });
            });
    }

    fn set_role(&mut self, group: GroupId, who: DeviceId, role: Role) {
        self.submit(
            Request::MemberRole {
                group,
                member: who,
                role,
            },
            Waiting::Other,
        );
    }

    fn about(&mut self, ui: &mut Ui, g: &GroupView) {
        let Some(info) = &g.info else { return };
        if let Some(mut form) = self.about_edit.take() {
            let (save, cancel) = self.group_fields(ui, &mut form, "save");
            if save {
                self.submit(
                    Request::GroupEdit {
                        group: g.id,
                        edit: GroupEdit {
                            name: Some(form.name.trim().to_string()),
                            mission: Some(form.mission.trim().to_string()),
                            region: Some(form.region.trim().to_string()),
                            visibility: Some(form.visibility.unwrap_or(Visibility::Invite)),
                            causes: Some(form.causes.clone()),
                            languages: Some(form.languages.clone()),
                        },
                    },
                    Waiting::GroupEdit,
                );
            }
            if !cancel {
                self.about_edit = Some(form);
            }
            return;
        }
        let row = |ui: &mut Ui, label: String, value: String| {
            ui.label(RichText::new(label).strong());
            ui.label(if value.is_empty() {
                "—".to_string()
            } else {
                value
            });
            ui.add_space(6.0);
        };
        row(ui, self.i18n.t("group-mission"), info.mission.clone());
        let causes: Vec<String> = info.causes.iter().map(|c| self.cause_text(c)).collect();
        row(ui, self.i18n.t("group-causes"), causes.join(", "));
        row(ui, self.i18n.t("group-region"), info.region.clone());
        row(
            ui,
            self.i18n.t("group-languages"),
            info.languages.join(", "),
        );
        row(
            ui,
            self.i18n.t("group-visibility"),
            self.visibility_text(info.visibility),
        );
        row(
            ui,
            self.i18n.t("group-created"),
            self.i18n.datetime(info.created_at),
        );
        if g.i_am_admin() && ui.button(self.i18n.t("edit")).clicked() {
            self.about_edit = Some(GroupForm {
                name: info.name.clone(),
                mission: info.mission.clone(),
                causes: info.causes.clone(),
                tag: String::new(),
                region: info.region.clone(),
                languages: info.languages.clone(),
                visibility: Some(info.visibility),
            });
        }
    }

    /// The fields of a group's description; returns (save, cancel).
    fn group_fields(&mut self, ui: &mut Ui, form: &mut GroupForm, submit: &str) -> (bool, bool) {
        ScrollArea::vertical()
            .id_salt("group-form")
            .show(ui, |ui| {
                labelled_line(ui, &self.i18n.t("group-name"), &mut form.name);
                labelled_text(ui, &self.i18n.t("group-mission"), &mut form.mission, 3);
                ui.label(self.i18n.t("group-causes"));
                ui.horizontal_wrapped(|ui| {
                    for c in CAUSES {
                        member_checkbox(ui, &mut form.causes, c, &self.cause_text(c));
                    }
                    for c in form
                        .causes
                        .clone()
                        .iter()
                        .filter(|c| !CAUSES.contains(&c.as_str()))
                    {
                        if ui.button(format!("{c} ✕")).clicked() {
                            form.causes.retain(|x| x != c);
                        }
                    }
                });
                ui.horizontal(|ui| {
                    let l = ui.label(self.i18n.t("group-tag"));
                    ui.add(TextEdit::singleline(&mut form.tag).desired_width(160.0))
                        .labelled_by(l.id);
                    if ui.button(self.i18n.t("add")).clicked() {
                        let tag = form.tag.trim().to_lowercase();
                        if !tag.is_empty() && !form.causes.contains(&tag) {
                            form.causes.push(tag);
                        }
                        form.tag.clear();
                    }
                });
                labelled_line(ui, &self.i18n.t("group-region"), &mut form.region);
                ui.label(self.i18n.t("group-languages"));
                ui.horizontal(|ui| {
                    for l in Lang::ALL {
                        member_checkbox(ui, &mut form.languages, l.tag(), l.native_name());
                    }
                });
                ui.label(self.i18n.t("group-visibility"));
                let vis = form.visibility.get_or_insert(Visibility::Invite);
                for v in [Visibility::Invite, Visibility::Request, Visibility::Open] {
                    ui.radio_value(vis, v, self.visibility_text(v));
                }
                ui.horizontal(|ui| {
                    (
                        ui.button(self.i18n.t(submit)).clicked(),
                        ui.button(self.i18n.t("cancel")).clicked(),
                    )
                })
                .inner
            })
            .inner
    }

    pub(super) fn create_group(&mut self, ui: &mut Ui) {
        ui.heading(self.i18n.t("create-group"));
        let mut form = std::mem::take(&mut self.form);
        let (save, cancel) = self.group_fields(ui, &mut form, "create");
        self.form = form;
        if cancel {
            self.form = GroupForm::default();
            self.place = Place::AllGroups;
        } else if save {
            if self.form.name.trim().is_empty() {
                self.notice = Some(self.i18n.t("group-name-needed"));
                return;
            }
            let f = &self.form;
            let req = Request::GroupCreate {
                name: f.name.trim().to_string(),
                mission: f.mission.trim().to_string(),
                causes: f.causes.clone(),
                visibility: f.visibility.unwrap_or(Visibility::Invite),
                region: f.region.trim().to_string(),
                languages: f.languages.clone(),
            };
            self.submit(req, Waiting::CreateGroup);
        }
    }

    pub(super) fn all_groups(&mut self, ui: &mut Ui, snap: &Snapshot) {
        ui.heading(self.i18n.t("all-groups"));
        if snap.groups.is_empty() {
            ui.add_space(20.0);
            ui.label(self.i18n.t("no-groups"));
            return;
        }
        let any = self.i18n.t("filter-any");
        ui.horizontal(|ui| {
            let l = ui.label(self.i18n.t("filter-group"));
            let mut options = vec![(None, any.clone())];
            options.extend(
                snap.groups
                    .iter()
                    .map(|g| (Some(g.id), g.name().to_string())),
            );
            choice(ui, "filter-group", l.id, &mut self.filters.group, options);
            let mut causes: Vec<String> = snap
                .groups
                .iter()
                .filter_map(|g| g.info.as_ref())
                .flat_map(|i| i.causes.clone())
                .collect();
            causes.sort();
            causes.dedup();
            let l = ui.label(self.i18n.t("filter-cause"));
            let labels: Vec<(String, String)> = causes
                .iter()
                .map(|c| (c.clone(), self.cause_text(c)))
                .collect();
            let mut options = vec![(None, any.clone())];
            options.extend(labels.into_iter().map(|(c, t)| (Some(c), t)));
            choice(ui, "filter-cause", l.id, &mut self.filters.cause, options);
            let l = ui.label(self.i18n.t("filter-language"));
            let mut options = vec![(None, any.clone())];
            options.extend(
                Lang::ALL.map(|l| (Some(l.tag().to_string()), l.native_name().to_string())),
            );
            choice(ui, "filter-language", l.id, &mut self.filters.lang, options);
        });
        ui.separator();
        // Each group's posts are newest first: merge them and lay out only the page shown,
        // so a frame costs the same with a hundred thousand posts as with ten.
        let groups: Vec<&std::sync::Arc<GroupView>> = snap
            .groups
            .iter()
            .filter(|g| self.filters.group.is_none_or(|f| f == g.id))
            .filter(|g| {
                self.filters
                    .cause
                    .as_ref()
                    .is_none_or(|c| g.info.as_ref().is_some_and(|i| i.causes.contains(c)))
            })
            .collect();
        let lang = self.filters.lang.clone();
        let fits = |p: &PostView| {
            lang.as_ref()
                .is_none_or(|l| p.post.lang.split('-').next() == Some(l.as_str()))
        };
        // What the merged feed depends on: the groups' builds (not the snapshot's version,
        // which also moves when someone connects) and the filters.
        let content = groups.iter().fold(groups.len() as u64, |acc, g| {
            acc.rotate_left(7) ^ g.build.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        });
        let key = (
            content,
            self.filters.group,
            self.filters.cause.clone(),
            self.filters.lang.clone(),
        );
        let merged = match &self.merged {
            Some((k, m)) if *k == key => m.clone(),
            _ => {
                let m = std::sync::Arc::new(merge_newest_first(&groups, fits));
                self.merged = Some((key, m.clone()));
                m
            }
        };
        let post_at = |i: usize| {
            merged.get(i).and_then(|(gi, pi)| {
                groups
                    .get(*gi)
                    .and_then(|g| g.posts.get(*pi).map(|p| (g, p)))
            })
        };
        let mut list = self.feed_list(None, content, &merged, |(gi, pi)| {
            groups
                .get(*gi)
                .and_then(|g| g.posts.get(*pi))
                .map_or(ItemId::from_u64(0), |p| p.post.id)
        });
        let shown = ScrollArea::vertical()
            .id_salt("all-feed")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if merged.is_empty() {
                    ui.label(self.i18n.t("no-posts-filtered"));
                }
                list.list.ui_custom_layout(ui, merged.len(), |ui, i| {
                    if let Some((g, p)) = post_at(i) {
                        self.post(ui, snap, g, p, Some(g.name()));
                    }
                    1
                });
            });
        list.at_top = shown.state.clamped_offset().y <= 1.0;
        self.lists.insert(None, list);
    }

    pub(super) fn settings_page(&mut self, ui: &mut Ui, snap: &Snapshot) {
        ui.heading(self.i18n.t("settings"));
        ui.add_space(8.0);
        ui.horizontal(|ui| self.language_picker(ui));
        ui.separator();
        let (mut name, mut bio) = self
            .settings
            .clone()
            .unwrap_or_else(|| (snap.profile.display_name.clone(), snap.profile.bio.clone()));
        labelled_line(ui, &self.i18n.t("your-name"), &mut name);
        labelled_text(ui, &self.i18n.t("your-bio"), &mut bio, 2);
        if ui.button(self.i18n.t("save-profile")).clicked() {
            self.submit(
                Request::SetProfile {
                    name: name.clone(),
                    bio: bio.clone(),
                    languages: snap.profile.languages.clone(),
                },
                Waiting::Profile,
            );
        }
        self.settings = Some((name, bio));
        ui.separator();
        ui.checkbox(&mut self.saved.notify, self.i18n.t("settings-notify"));
        ui.separator();
        self.network_settings(ui, snap);
        ui.separator();
        ui.label(RichText::new(self.i18n.t("settings-data-folder")).strong());
        ui.label(snap.data_dir.display().to_string());
        ui.separator();
        ui.label(RichText::new(self.i18n.t("settings-export")).strong());
        ui.label(self.i18n.t("settings-export-help"));
        labelled_line(
            ui,
            &self.i18n.t("settings-export-folder"),
            &mut self.export_dir,
        );
        for g in snap.groups.iter().filter(|g| g.info.is_some()) {
            if ui
                .button(self.i18n.a(
                    "settings-export-group",
                    &[("group", g.name().to_string().into())],
                ))
                .clicked()
            {
                self.submit(
                    Request::Export {
                        group: g.id,
                        dir: self.export_dir.clone().into(),
                    },
                    Waiting::Other,
                );
                self.notice = Some(self.i18n.a(
                    "settings-exported",
                    &[("group", g.name().to_string().into())],
                ));
            }
        }
    }

    fn network_settings(&mut self, ui: &mut Ui, snap: &Snapshot) {
        ui.label(RichText::new(self.i18n.t("settings-network")).strong());
        let (mut settings, mut url) = self.network_form.take().unwrap_or_else(|| {
            let url = match &snap.network.relay {
                Relay::Custom(u) => u.clone(),
                _ => String::new(),
            };
            (snap.network.clone(), url)
        });
        let mut chosen = match settings.relay {
            Relay::Default => 0,
            Relay::Custom(_) => 1,
            _ => 2,
        };
        ui.radio_value(&mut chosen, 0, self.i18n.t("relay-default"));
        ui.radio_value(&mut chosen, 1, self.i18n.t("relay-custom"));
        if chosen == 1 {
            let l = ui.label(self.i18n.t("relay-url"));
            ui.add(
                TextEdit::singleline(&mut url)
                    .desired_width(320.0)
                    .hint_text("https://relay.example.org"),
            )
            .labelled_by(l.id);
        }
        ui.radio_value(&mut chosen, 2, self.i18n.t("relay-none"));
        settings.relay = match chosen {
            0 => Relay::Default,
            1 => Relay::Custom(url.trim().to_string()),
            _ => Relay::Disabled,
        };
        ui.checkbox(&mut settings.lan_discovery, self.i18n.t("lan-discovery"));
        if settings != snap.network && ui.button(self.i18n.t("settings-network-save")).clicked() {
            self.submit(
                Request::SetNetwork {
                    settings: settings.clone(),
                },
                Waiting::Network,
            );
        }
        self.network_form = Some((settings, url));
    }

    pub(super) fn invite_dialog(&mut self, ctx: &egui::Context, snap: &Snapshot) {
        let Some(mut d) = self.invite.take() else {
            return;
        };
        let Some(g) = snap.group(d.group).cloned() else {
            return;
        };
        let mut open = true;
        let mut create = false;
        let mut withdraw = None;
        egui::Window::new(
            self.i18n
                .a("invite-title", &[("group", g.name().to_string().into())]),
        )
        .id(egui::Id::unique("invite-dialog"))
        .anchor(egui::Align2::CENTER_TOP, [0.0, 40.0])
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                let l = ui.label(self.i18n.t("invite-uses"));
                let uses_text = |u: Option<u32>| match u {
                    Some(n) => self.i18n.a("invite-uses-n", &[("count", n.into())]),
                    None => self.i18n.t("invite-uses-any"),
                };
                let options = [Some(1), Some(5), Some(25), None].map(|u| (u, uses_text(u)));
                choice(ui, "invite-uses", l.id, &mut d.uses, options.to_vec());
                let l = ui.label(self.i18n.t("invite-expires"));
                let days_text = |u: Option<u64>| match u {
                    Some(n) => self.i18n.a("invite-days", &[("count", n.into())]),
                    None => self.i18n.t("invite-never"),
                };
                let options = [Some(1), Some(7), Some(30), None].map(|u| (u, days_text(u)));
                choice(ui, "invite-days", l.id, &mut d.days, options.to_vec());
            });
            let busy = self.is_waiting(|w| matches!(w, Waiting::Invite));
            if ui
                .add_enabled(!busy, egui::Button::new(self.i18n.t("invite-create")))
                .clicked()
            {
                create = true;
            }
            if let Some((ticket, qr)) = &d.ticket {
                ui.separator();
                ui.label(self.i18n.t("invite-share"));
                let mut text = ticket.clone();
                let l = ui.label(self.i18n.t("invite-ticket"));
                ui.add(
                    TextEdit::multiline(&mut text)
                        .desired_rows(3)
                        .desired_width(380.0)
                        .interactive(true),
                )
                .labelled_by(l.id);
                if ui.button(self.i18n.t("copy")).clicked() {
                    ui.ctx().copy_text(ticket.clone());
                    self.notice = Some(self.i18n.t("copied"));
                }
                if let Some(qr) = qr {
                    qr.show(ui, 220.0, &self.i18n.t("invite-qr"));
                }
            }
            if !g.open_invites.is_empty() {
                ui.separator();
                ui.label(RichText::new(self.i18n.t("invite-open")).strong());
                for inv in &g.open_invites {
                    ui.horizontal(|ui| {
                        let used = match inv.max_uses {
                            Some(m) => self.i18n.a(
                                "invite-used-of",
                                &[("done", inv.used.into()), ("total", m.into())],
                            ),
                            None => self.i18n.a("invite-used", &[("count", inv.used.into())]),
                        };
                        let until = match inv.expires_at {
                            Some(t) => self.i18n.a(
                                "invite-until",
                                &[(
                                    "when",
                                    self.i18n.datetime(causeway_core::Timestamp(t)).into(),
                                )],
                            ),
                            None => self.i18n.t("invite-never"),
                        };
                        ui.label(format!("{used} · {until}"));
                        if ui.button(self.i18n.t("invite-withdraw")).clicked() {
                            withdraw = Some(inv.secret.clone());
                        }
                    });
                }
            }
        });
        if create {
            self.submit(
                Request::InviteCreate {
                    group: d.group,
                    uses: d.uses,
                    expires_in_secs: d.days.map(|n| n * 86_400),
                },
                Waiting::Invite,
            );
        }
        if let Some(secret) = withdraw {
            self.submit(
                Request::InviteWithdraw {
                    group: d.group,
                    secret,
                },
                Waiting::Other,
            );
        }
        if open {
            self.invite = Some(d);
        }
    }

    pub(super) fn join_dialog(&mut self, ctx: &egui::Context, snap: &Snapshot) {
        let Some(mut d) = self.join.take() else {
            return;
        };
        let mut open = true;
        let busy = self.is_waiting(|w| matches!(w, Waiting::Join));
        egui::Window::new(self.i18n.t("join-title"))
            .id(egui::Id::unique("join-dialog"))
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                ui.label(self.i18n.t("join-help"));
                let l = ui.label(self.i18n.t("join-paste"));
                ui.add(
                    TextEdit::multiline(&mut d.text)
                        .desired_rows(3)
                        .desired_width(380.0),
                )
                .labelled_by(l.id);
                let ticket = causeway_sync::invites::Ticket::parse(&d.text).ok();
                if let Some(t) = ticket.as_ref().filter(|t| !t.group_name.is_empty()) {
                    let name = if t.inviter_name.is_empty() {
                        t.inviter.id.fmt_short().to_string()
                    } else {
                        t.inviter_name.clone()
                    };
                    ui.label(
                        RichText::new(self.i18n.a(
                            "join-invited-by",
                            &[
                                ("name", name.into()),
                                ("group", t.group_name.clone().into()),
                            ],
                        ))
                        .strong(),
                    );
                }
                if busy {
                    let receiving = ticket
                        .as_ref()
                        .and_then(|t| snap.activity.get(&t.group))
                        .and_then(|a| a.receiving);
                    let stage = match (receiving, ticket.as_ref()) {
                        (Some((done, total)), _) => self.i18n.a(
                            "join-receiving",
                            &[("done", done.into()), ("total", total.into())],
                        ),
                        (None, Some(t)) if !t.inviter_name.is_empty() => self.i18n.a(
                            "join-reaching-name",
                            &[("name", t.inviter_name.clone().into())],
                        ),
                        _ => self.i18n.t("join-reaching"),
                    };
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(stage);
                    });
                } else if ui.button(self.i18n.t("join-button")).clicked() {
                    d.error = None;
                    match causeway_sync::invites::Ticket::parse(&d.text) {
                        Err(_) => d.error = Some(self.i18n.t("error-bad-ticket")),
                        Ok(_) => {
                            let id = self.node.submit(Request::Join {
                                ticket: d.text.trim().to_string(),
                            });
                            self.waiting.insert(id, Waiting::Join);
                        }
                    }
                }
                if let Some(e) = &d.error {
                    ui.colored_label(ui.visuals().error_fg_color, e);
                }
            });
        if open {
            self.join = Some(d);
        }
    }
}
