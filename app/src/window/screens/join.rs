//! The join dialog: paste an invite.
use causeway_sync::control::Request;
use causeway_sync::views::Snapshot;
use egui::TextEdit;

use crate::window::design::kit;
use crate::window::{CausewayApp, Waiting};

/// The join dialog.
#[derive(Debug, Default)]
pub(in crate::window) struct JoinDialog {
    pub(in crate::window) text: String,
    pub(in crate::window) error: Option<String>,
    /// The paste field had the keyboard once.
    pub(in crate::window) focused: bool,
}

impl CausewayApp {
    pub(in crate::window) fn join_dialog(&mut self, ctx: &egui::Context, snap: &Snapshot) {
        let Some(mut d) = self.join.take() else {
            return;
        };
        let busy = self.is_waiting(|w| matches!(w, Waiting::Join));
        let (title, close) = (self.i18n.t("join-title"), self.i18n.t("close"));
        let ((), closed) = kit::dialog(ctx, "join", &title, &close, 420.0, |ui| {
            ui.label(self.i18n.t("join-help"));
            let l = ui.label(self.i18n.t("join-paste"));
            let field = ui
                .add(
                    TextEdit::multiline(&mut d.text)
                        // Monospace: no letter is drawn as another (Inter would make
                        // "5x2" read "5×2").
                        .font(egui::TextStyle::Monospace)
                        .desired_rows(3)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            if !d.focused {
                field.request_focus();
                d.focused = true;
            }
            // What went wrong with an earlier text stops being true once it changes.
            if field.changed() {
                d.error = None;
            }
            let ticket = causeway_sync::invites::Ticket::parse(&d.text).ok();
            if let Some(t) = ticket.as_ref().filter(|t| !t.group_name.is_empty()) {
                let name = if t.inviter_name.is_empty() {
                    t.inviter.id.fmt_short().to_string()
                } else {
                    t.inviter_name.clone()
                };
                ui.label(kit::strong(self.i18n.a(
                    "join-invited-by",
                    &[
                        ("name", name.into()),
                        ("group", t.group_name.clone().into()),
                    ],
                )));
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
            } else if kit::primary(ui, &self.i18n.t("join-button"), true).clicked() {
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
                let c = kit::palette(ui).danger;
                ui.label(egui::RichText::new(e).color(c));
            }
        });
        if !closed {
            self.join = Some(d);
        }
    }
}
