//! A group's members: roles, removal, requests to join.
use causeway_core::{DeviceId, GroupId, Role};
use causeway_sync::control::Request;
use causeway_sync::views::{GroupView, Snapshot};
use egui::{ScrollArea, Ui};

use super::*;
use crate::window::confirm::Ask;
use crate::window::design::{S, kit};
use crate::window::{CausewayApp, Waiting};

impl CausewayApp {
    pub(in crate::window) fn members(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView) {
        let admin = g.i_am_admin();
        if admin && !g.pending.is_empty() {
            kit::title(ui, self.i18n.t("requests"));
            for r in &g.pending {
                // Requests come from the invite book this device wrote; an unreadable id
                // there would be a request nobody can answer, so it is not offered.
                let Ok(device) = DeviceId::from_hex(&r.device) else {
                    continue;
                };
                ui.horizontal(|ui| {
                    ui.add(egui::Label::new(kit::strong(&r.name)).truncate());
                    // A request that waits on another admin's device, through their invite.
                    if let Some(via) = r.via {
                        let by = g
                            .name_of(via)
                            .map_or_else(|| via.fmt_short().to_string(), str::to_string);
                        kit::secondary(ui, self.i18n.a("request-via", &[("name", by.into())]));
                    }
                    if kit::primary(ui, &self.i18n.t("approve"), true).clicked() {
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
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for m in g.members.iter().filter(|m| m.role.is_some()) {
                    let is_me = Some(m.id) == snap.me;
                    let manage = admin && !is_me && m.role != Some(Role::Owner);
                    // Right to left: the actions keep their place; the name takes what
                    // is left, cut with "…".
                    let row = egui::vec2(ui.available_width(), 40.0 * kit::text_scale(ui));
                    let rtl = egui::Layout::right_to_left(egui::Align::Center);
                    ui.allocate_ui_with_layout(row, rtl, |ui| {
                        if !is_me {
                            self.person_buttons(ui, snap, m.id, &m.name);
                        }
                        if !is_me && g.my_role.is_some() {
                            self.report_button(
                                ui,
                                g.id,
                                format!("member:{}", m.id.to_hex()),
                                m.name.clone(),
                            );
                        }
                        let owner = g.my_role == Some(Role::Owner);
                        if owner
                            && m.role == Some(Role::Admin)
                            && ui.small_button(self.i18n.t("hand-over")).clicked()
                        {
                            self.ask_first(Ask::HandOver {
                                group: g.id,
                                to: m.id,
                                name: m.name.clone(),
                                group_name: g.name().to_string(),
                            });
                        }
                        if manage && kit::danger(ui, &self.i18n.t("remove")).clicked() {
                            self.ask_first(Ask::RemoveMember {
                                group: g.id,
                                member: m.id,
                                name: m.name.clone(),
                            });
                        }
                        if manage {
                            let mut role = m.role;
                            // The role list is labelled by the member's name.
                            let options = [Role::Member, Role::Moderator, Role::Admin]
                                .map(|r| (Some(r), self.role_text(Some(r))))
                                .to_vec();
                            choice_named(ui, ("role", m.id), &m.name, &mut role, options);
                            if let Some(r) = role.filter(|r| Some(*r) != m.role) {
                                self.set_role(g.id, m.id, r);
                            }
                        } else {
                            ui.label(self.role_text(m.role))
                                .on_hover_text(self.role_help(m.role));
                        }
                        ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                            self.face(ui, snap, g, m.id, &m.name, 32.0);
                            ui.vertical(|ui| {
                                ui.spacing_mut().item_spacing.y = 0.0;
                                ui.add(
                                    egui::Label::new(kit::strong(&m.name))
                                        .truncate()
                                        .show_tooltip_when_elided(true),
                                );
                                if !m.bio.is_empty() {
                                    // One line here; the whole bio on hover.
                                    let line = m.bio.split_whitespace().collect::<Vec<_>>();
                                    ui.add(egui::Label::new(line.join(" ")).truncate())
                                        .on_hover_text(&m.bio);
                                }
                                match self.person_mark(snap, m.id) {
                                    Some(mark) => kit::secondary(ui, mark),
                                    None => kit::secondary(ui, self.reach_text(snap.reach(m.id))),
                                };
                            });
                        });
                    });
                    ui.add_space(S);
                }
                ui.add_space(S);
                egui::CollapsingHeader::new(self.i18n.t("roles-explained"))
                    .id_salt(("roles", g.id))
                    .show(ui, |ui| {
                        for r in [Role::Owner, Role::Admin, Role::Moderator, Role::Member] {
                            ui.horizontal_wrapped(|ui| {
                                ui.label(kit::strong(self.role_text(Some(r))));
                                ui.label(self.role_help(Some(r)));
                            });
                        }
                    });
            });
    }

    /// What a role may do, in a sentence.
    pub(in crate::window) fn role_help(&self, r: Option<Role>) -> String {
        self.i18n.t(match r {
            Some(Role::Owner) => "role-owner-help",
            Some(Role::Admin) => "role-admin-help",
            Some(Role::Moderator) => "role-moderator-help",
            Some(Role::Member) => "role-member-help",
            None => "role-removed-help",
        })
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
