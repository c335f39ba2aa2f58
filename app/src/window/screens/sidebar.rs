//! The sidebar: groups with unread counts and how they sync, and the way to every page.
use causeway_sync::views::{GroupView, Snapshot};
use egui::Ui;

use super::*;
use crate::window::{CausewayApp, Place, Tab};

impl CausewayApp {
    pub(in crate::window) fn sidebar(&mut self, ui: &mut Ui, snap: &Snapshot) {
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

    pub(in crate::window) fn sync_status(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView) {
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
}
