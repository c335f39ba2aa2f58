//! The invite dialog: text and QR code, uses and expiry, open invites.
use causeway_core::GroupId;
use causeway_sync::control::Request;
use causeway_sync::views::Snapshot;
use egui::TextEdit;

use super::*;
use crate::window::confirm::Ask;
use crate::window::design::kit;
use crate::window::qr::Qr;
use crate::window::toast::Tone;
use crate::window::{CausewayApp, Waiting};

/// The invite dialog.
#[derive(Debug)]
pub(in crate::window) struct InviteDialog {
    pub(in crate::window) group: GroupId,
    pub(in crate::window) uses: Option<u32>,
    pub(in crate::window) days: Option<u64>,
    pub(in crate::window) ticket: Option<(String, Option<Qr>)>,
}

impl CausewayApp {
    pub(in crate::window) fn invite_dialog(&mut self, ctx: &egui::Context, snap: &Snapshot) {
        let Some(mut d) = self.invite.take() else {
            return;
        };
        let Some(g) = snap.group(d.group).cloned() else {
            return;
        };
        let mut create = false;
        let mut withdraw = None;
        let mut show = None;
        let title = self
            .i18n
            .a("invite-title", &[("group", g.name().to_string().into())]);
        let close = self.i18n.t("close");
        let ((), closed) = kit::dialog(ctx, "invite", &title, &close, 420.0, |ui| {
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
            if kit::primary(ui, &self.i18n.t("invite-create"), !busy).clicked() {
                create = true;
            }
            if let Some((ticket, qr)) = &d.ticket {
                ui.separator();
                ui.label(self.i18n.t("invite-share"));
                // The text (to copy) beside its QR code (to scan).
                ui.horizontal_top(|ui| {
                    ui.vertical(|ui| {
                        ui.set_width(230.0);
                        let mut text = ticket.clone();
                        let l = ui.label(self.i18n.t("invite-ticket"));
                        ui.add(
                            TextEdit::multiline(&mut text)
                                // Monospace: no letter is drawn as another (Inter would
                                // make "5x2" read "5×2").
                                .font(egui::TextStyle::Monospace)
                                .desired_rows(6)
                                .desired_width(230.0)
                                .interactive(true),
                        )
                        .labelled_by(l.id);
                        if ui.button(self.i18n.t("copy")).clicked() {
                            ui.ctx().copy_text(ticket.clone());
                            self.say(Tone::Success, self.i18n.t("copied"));
                        }
                    });
                    if let Some(qr) = qr {
                        qr.show(ui, 170.0, &self.i18n.t("invite-qr"));
                    }
                });
            }
            if !g.open_invites.is_empty() {
                ui.separator();
                ui.label(kit::strong(self.i18n.t("invite-open")));
                egui::ScrollArea::vertical()
                    .id_salt("open-invites")
                    .max_height(150.0)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        for inv in &g.open_invites {
                            ui.horizontal_wrapped(|ui| {
                                let used = match inv.max_uses {
                                    Some(m) => self.i18n.a(
                                        "invite-used-of",
                                        &[("done", inv.used.into()), ("total", m.into())],
                                    ),
                                    None => {
                                        self.i18n.a("invite-used", &[("count", inv.used.into())])
                                    }
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
                                // Its text again, to copy it or show its QR code once more.
                                if ui.button(self.i18n.t("invite-show")).clicked() {
                                    show = Some(inv.secret.clone());
                                }
                                if ui.button(self.i18n.t("invite-withdraw")).clicked() {
                                    withdraw = Some(inv.secret.clone());
                                }
                            });
                        }
                    });
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
        if let Some(secret) = show {
            self.submit(
                Request::InviteText {
                    group: d.group,
                    secret,
                },
                Waiting::Invite,
            );
        }
        if let Some(secret) = withdraw {
            // Withdrawing cannot be taken back: asked first.
            self.ask_first(Ask::Withdraw {
                group: d.group,
                secret,
            });
        }
        if !closed {
            self.invite = Some(d);
        }
    }
}
