//! A group's page and its tabs.
use causeway_core::GroupId;
use causeway_sync::views::Snapshot;
use egui::Ui;

use super::*;
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
}
