//! The sidebar: groups with unread counts and how they sync, and the way to every page.
use causeway_sync::views::{GroupView, Snapshot};
use egui::Ui;

use super::*;
use crate::window::design::{S, XS, kit};
use crate::window::{CausewayApp, Place, Tab};

impl CausewayApp {
    pub(in crate::window) fn sidebar(&mut self, ui: &mut Ui, snap: &Snapshot) {
        ui.add_space(S);
        ui.label(kit::strong(self.i18n.t("my-groups")).size(17.0 * kit::text_scale(ui)));
        ui.add_space(XS);
        let all_unread: usize = snap.groups.iter().map(|g| self.unread(snap, g)).sum();
        let all = self.i18n.t("all-groups");
        if self
            .side_row(
                ui,
                snap,
                self.place == Place::AllGroups,
                &all,
                None,
                all_unread,
                None,
            )
            .clicked()
        {
            self.place = Place::AllGroups;
        }
        egui::ScrollArea::vertical()
            .id_salt("sidebar-groups")
            .max_height((ui.available_height() - 150.0).max(80.0))
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for g in &snap.groups {
                    let unread = self.unread(snap, g);
                    let name = if g.name().is_empty() {
                        self.i18n.t("group-arriving")
                    } else {
                        g.name().to_string()
                    };
                    let connected = snap.connected_members(g);
                    let selected = matches!(self.place, Place::Group(id, _) if id == g.id);
                    let status = self
                        .i18n
                        .a("members-connected-short", &[("count", connected.into())]);
                    let syncing = snap.activity.get(&g.id).is_some_and(|a| a.running > 0);
                    let state = Some((connected > 0, syncing, status));
                    let r = self.side_row(ui, snap, selected, &name, Some(g), unread, state);
                    if r.clicked() {
                        self.place = Place::Group(g.id, Tab::Feed);
                    }
                }
            });
        ui.add_space(S);
        if ui
            .selectable_label(self.place == Place::Agenda, self.i18n.t("agenda"))
            .clicked()
        {
            self.place = Place::Agenda;
        }
        if ui.button(self.i18n.t("create-group")).clicked() {
            self.place = Place::CreateGroup;
        }
        if ui.button(self.i18n.t("join-group")).clicked() {
            self.join = Some(JoinDialog::default());
        }
        ui.with_layout(egui::Layout::bottom_up(egui::Align::LEFT), |ui| {
            ui.add_space(S);
            ui.horizontal(|ui| {
                if ui
                    .selectable_label(self.place == Place::Settings, self.i18n.t("settings"))
                    .clicked()
                {
                    self.place = Place::Settings;
                }
                if ui
                    .selectable_label(self.place == Place::Help, self.i18n.t("help"))
                    .clicked()
                {
                    self.place = Place::Help;
                }
            });
            ui.horizontal(|ui| {
                let me = snap.me.map(|d| *d.as_bytes()).unwrap_or_default();
                let name = snap.profile.display_name.clone();
                self.round_picture(ui, snap, snap.profile.avatar.as_ref(), 24.0, &name, |ui| {
                    kit::avatar(ui, &name, &me, 24.0);
                });
                let seen = self.i18n.a(
                    "seen-as",
                    &[("name", snap.profile.display_name.clone().into())],
                );
                ui.add(egui::Label::new(kit::strong(&snap.profile.display_name)).truncate())
                    .on_hover_text(seen);
            });
        });
    }

    /// One row of the sidebar: an avatar (for a group), the name cut to the width with "…",
    /// and, at the right, the unread count and how the group syncs (a dot, green when another
    /// member's device is connected; a spinner while syncing), each in a slot of fixed width
    /// so nothing moves sideways when they change.
    #[allow(clippy::too_many_arguments)]
    fn side_row(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        selected: bool,
        name: &str,
        group: Option<&GroupView>,
        unread: usize,
        state: Option<(bool, bool, String)>,
    ) -> egui::Response {
        let p = kit::palette(ui);
        let height = 32.0 * kit::text_scale(ui).max(1.0);
        let (rect, response) = ui.allocate_exact_size(
            egui::vec2(ui.available_width(), height),
            egui::Sense::click(),
        );
        let mut label = match unread {
            0 => name.to_string(),
            n => self.i18n.a(
                "group-unread",
                &[("name", name.into()), ("count", n.into())],
            ),
        };
        // Moderators see how many reports wait for a decision.
        let reports = group.map_or(0, |g| g.open_reports);
        if reports > 0 {
            label = self.i18n.a(
                "group-reports-waiting",
                &[("name", label.into()), ("count", reports.into())],
            );
        }
        response
            .widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, &label));
        if !ui.is_rect_visible(rect) {
            return response;
        }
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() {
            let fill = if selected {
                p.accent_soft
            } else {
                visuals.bg_fill
            };
            ui.painter().rect_filled(rect, 6.0, fill);
        }
        let mut left = rect.left() + 6.0;
        if let Some(g) = group {
            let r = egui::Rect::from_center_size(
                egui::pos2(left + 11.0, rect.center().y),
                egui::vec2(22.0, 22.0),
            );
            let mut child = ui.new_child(egui::UiBuilder::new().max_rect(r));
            self.group_face(&mut child, snap, g, 22.0);
            left += 30.0;
        }
        // Right slots: status (16 points), unread (up to 40).
        let mut right = rect.right() - 6.0;
        if let Some((connected, syncing, status)) = &state {
            let c = egui::pos2(right - 8.0, rect.center().y);
            if *syncing {
                let r = egui::Rect::from_center_size(c, egui::vec2(14.0, 14.0));
                egui::Spinner::new().size(14.0).paint_at(ui, r);
            } else {
                let color = if *connected { p.success } else { p.muted };
                ui.painter().circle_filled(c, 4.0, color);
            }
            let r = egui::Rect::from_center_size(c, egui::vec2(16.0, height));
            ui.interact(r, response.id.with("status"), egui::Sense::hover())
                .on_hover_text(status);
            right -= 20.0;
        }
        if unread > 0 {
            let text = self.i18n.number(unread);
            let galley = ui.painter().layout_no_wrap(
                text,
                egui::FontId::new(
                    crate::window::design::SMALL * kit::text_scale(ui),
                    crate::window::design::strong_family(),
                ),
                p.on_accent,
            );
            let w = (galley.size().x + 12.0).max(22.0);
            let badge = egui::Rect::from_center_size(
                egui::pos2(right - w / 2.0, rect.center().y),
                egui::vec2(w, 18.0),
            );
            ui.painter().rect_filled(badge, 9.0, p.accent);
            ui.painter()
                .galley(badge.center() - galley.size() / 2.0, galley, p.on_accent);
            right -= w + 6.0;
        }
        if reports > 0 {
            let text = self.i18n.number(reports);
            let galley = ui.painter().layout_no_wrap(
                text,
                egui::FontId::new(
                    crate::window::design::SMALL * kit::text_scale(ui),
                    crate::window::design::strong_family(),
                ),
                p.warn,
            );
            let w = (galley.size().x + 12.0).max(22.0);
            let badge = egui::Rect::from_center_size(
                egui::pos2(right - w / 2.0, rect.center().y),
                egui::vec2(w, 18.0),
            );
            ui.painter().rect_stroke(
                badge,
                9.0,
                egui::Stroke::new(1.5, p.warn),
                egui::StrokeKind::Inside,
            );
            ui.painter()
                .galley(badge.center() - galley.size() / 2.0, galley, p.warn);
            ui.interact(badge, response.id.with("reports"), egui::Sense::hover())
                .on_hover_text(self.i18n.a("reports-waiting", &[("count", reports.into())]));
            right -= w + 6.0;
        }
        // The name, cut with "…" where the slots begin.
        let font = if unread > 0 || selected {
            egui::FontId::new(
                egui::TextStyle::Body.resolve(ui.style()).size,
                crate::window::design::strong_family(),
            )
        } else {
            egui::TextStyle::Body.resolve(ui.style())
        };
        let mut job = egui::text::LayoutJob::simple_singleline(name.to_string(), font, p.text);
        job.wrap = egui::text::TextWrapping::truncate_at_width((right - left).max(10.0));
        let galley = ui.painter().layout_job(job);
        let elided = galley.elided;
        ui.painter().galley(
            egui::pos2(left, rect.center().y - galley.size().y / 2.0),
            galley,
            p.text,
        );
        if elided {
            return response.on_hover_text(name);
        }
        response
    }

    pub(in crate::window) fn sync_status(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView) {
        let now = Self::now();
        let others = g
            .members
            .iter()
            .filter(|m| m.role.is_some() && Some(m.id) != snap.me)
            .count();
        let connected = snap.connected_members(g);
        let activity = snap.activity.get(&g.id).copied().unwrap_or_default();
        ui.horizontal(|ui| {
            let p = kit::palette(ui);
            let color = if connected > 0 { p.success } else { p.muted };
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().circle_filled(rect.center(), 4.0, color);
            kit::secondary(
                ui,
                self.i18n.a(
                    "members-connected",
                    &[("count", connected.into()), ("total", others.into())],
                ),
            );
            let last = match activity.last_sync {
                Some(t) => self
                    .i18n
                    .a("last-sync", &[("when", self.i18n.ago(t, now).into())]),
                None => self.i18n.t("never-synced"),
            };
            kit::secondary(ui, "·");
            kit::secondary(ui, last);
            // Last, so nothing before it moves when it comes and goes.
            if activity.running > 0 {
                kit::secondary(ui, "·");
                ui.spinner();
                kit::secondary(ui, self.i18n.t("syncing"));
            }
        });
        egui::CollapsingHeader::new(self.i18n.t("connection-details"))
            .id_salt(("details", g.id))
            .show(ui, |ui| {
                for m in g.members.iter().filter(|m| m.role.is_some()) {
                    ui.horizontal(|ui| {
                        ui.add(egui::Label::new(&m.name).truncate());
                        kit::secondary(ui, self.reach_text(snap.reach(m.id)));
                    });
                }
            });
    }
}
