//! A group's members: roles, removal, requests to join.
use causeway_core::{DeviceId, GroupId, Role};
use causeway_sync::control::Request;
use causeway_sync::views::{GroupView, Snapshot};
use egui::{RichText, ScrollArea, Ui};

use super::*;
use crate::window::confirm::Ask;
use crate::window::{CausewayApp, Waiting};

impl CausewayApp {
    pub(in crate::window) fn members(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView) {
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
                    if ui.button(self.i18n.t("decline")).clicked() {
                        // Declining forgets the request: asked first.
                        self.ask_first(Ask::Decline {
                            group: g.id,
                            member: device,
                            name: r.name.clone(),
                        });
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
                                    self.ask_first(Ask::RemoveMember {
                                        group: g.id,
                                        member: m.id,
                                        name: m.name.clone(),
                                    });
                                }
                            } else {
                                ui.label("");
                            }
                            ui.end_row();
                        }
                    });
            });
    }

    pub(in crate::window) fn set_role(&mut self, group: GroupId, who: DeviceId, role: Role) {
        self.submit(
            Request::MemberRole {
                group,
                member: who,
                role,
            },
            Waiting::Other,
        );
    }
}
