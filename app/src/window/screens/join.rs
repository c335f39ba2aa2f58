//! The join dialog: paste an invite.
use causeway_sync::control::Request;
use causeway_sync::views::Snapshot;
use egui::{RichText, TextEdit};

use crate::window::{CausewayApp, Waiting};

/// The join dialog.
#[derive(Debug, Default)]
pub(in crate::window) struct JoinDialog {
    pub(in crate::window) text: String,
    pub(in crate::window) error: Option<String>,
}

impl CausewayApp {
    pub(in crate::window) fn join_dialog(&mut self, ctx: &egui::Context, snap: &Snapshot) {
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
