//! A group's page and its tabs.
use causeway_core::GroupId;
use causeway_sync::views::Snapshot;
use egui::Ui;

use super::*;
use crate::window::confirm::Ask;
use crate::window::design::{XS, kit};
use crate::window::{CausewayApp, Place, Tab};

impl CausewayApp {
    pub(in crate::window) fn group_page(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        id: GroupId,
        tab: Tab,
    ) {
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
        ui.add_space(XS);
        ui.horizontal(|ui| {
            self.group_face(ui, snap, &g, 40.0);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if g.i_am_admin() && kit::primary(ui, &self.i18n.t("invite-people"), true).clicked()
                {
                    self.invite = Some(InviteDialog {
                        group: id,
                        uses: Some(1),
                        days: Some(7),
                        ticket: None,
                    });
                }
                ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    kit::heading(ui, &info.name);
                });
            });
        });
        if !info.mission.is_empty() {
            // The mission in full is on the About tab; here, its first line.
            let first = info.mission.lines().next().unwrap_or_default();
            let c = kit::palette(ui).muted;
            ui.add(
                egui::Label::new(egui::RichText::new(first).color(c))
                    .truncate()
                    .show_tooltip_when_elided(true),
            );
        }
        if g.my_role.is_none() {
            let c = kit::palette(ui).warn;
            let removal = snap
                .me
                .and_then(|me| g.members.iter().find(|m| m.id == me))
                .and_then(|m| m.removed.clone())
                .filter(|r| Some(r.by) != snap.me);
            let text = match removal {
                Some(r) => {
                    let by = g
                        .name_of(r.by)
                        .map_or_else(|| r.by.fmt_short(), str::to_string);
                    let key = if r.reason.is_empty() {
                        "removed-by"
                    } else {
                        "removed-by-because"
                    };
                    self.i18n.a(
                        key,
                        &[
                            ("group", info.name.clone().into()),
                            ("name", by.into()),
                            ("reason", r.reason.into()),
                        ],
                    )
                }
                None => self.i18n.t("no-longer-member"),
            };
            ui.horizontal_wrapped(|ui| {
                ui.add(egui::Label::new(egui::RichText::new(text).color(c)).wrap());
                // What was kept stays readable; deleting it asks first.
                if ui.small_button(self.i18n.t("delete-copy")).clicked() {
                    self.ask_first(Ask::DeleteCopy {
                        group: g.id,
                        name: info.name.clone(),
                    });
                }
            });
        }
        self.sync_status(ui, snap, &g);
        let mut tab_now = tab;
        ui.add_space(XS);
        // The tabs wrap onto a second line in a narrow window or a longer language.
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(&mut tab_now, Tab::Feed, self.i18n.t("tab-feed"));
            ui.selectable_value(&mut tab_now, Tab::Events, self.i18n.t("tab-events"));
            ui.selectable_value(&mut tab_now, Tab::Polls, self.i18n.t("tab-polls"));
            ui.selectable_value(&mut tab_now, Tab::Tasks, self.i18n.t("tab-tasks"));
            ui.selectable_value(&mut tab_now, Tab::Documents, self.i18n.t("tab-documents"));
            ui.selectable_value(&mut tab_now, Tab::Members, self.i18n.t("tab-members"));
            if g.i_am_moderator() {
                let label = match g.open_reports {
                    0 => self.i18n.t("tab-moderation"),
                    n => self.i18n.a("tab-moderation-count", &[("count", n.into())]),
                };
                ui.selectable_value(&mut tab_now, Tab::Moderation, label);
            }
            ui.selectable_value(&mut tab_now, Tab::Log, self.i18n.t("tab-log"));
            ui.selectable_value(&mut tab_now, Tab::About, self.i18n.t("tab-about"));
        });
        if tab_now != tab {
            self.place = Place::Group(id, tab_now);
        }
        ui.separator();
        if tab_now != Tab::Documents {
            // Leaving a document writes what was typed in it.
            self.write_typing_now();
        }
        match tab_now {
            Tab::Feed => {
                self.mark_read(&g);
                self.feed(ui, snap, &g);
            }
            Tab::Events => self.events_tab(ui, snap, &g),
            Tab::Polls => self.polls_tab(ui, &g),
            Tab::Tasks => self.tasks_tab(ui, &g),
            Tab::Documents => self.documents(ui, snap, &g),
            Tab::Members => self.members(ui, snap, &g),
            // A moderator no longer: the tab is gone, and so is what it showed.
            Tab::Moderation if !g.i_am_moderator() => self.place = Place::Group(id, Tab::Feed),
            Tab::Moderation => self.moderation(ui, snap, &g),
            Tab::Log => self.log_tab(ui, &g),
            Tab::About => {
                egui::ScrollArea::vertical()
                    .id_salt(("about", g.id))
                    .auto_shrink(false)
                    .show(ui, |ui| self.about(ui, snap, &g));
            }
        }
    }
}
