//! Help: the keyboard shortcuts, how to format a post, and what each role may do.
use causeway_core::Role;
use egui::Ui;

use crate::window::CausewayApp;
use crate::window::design::{S, kit};

/// The shortcuts, as (keys, what they do) message ids.
const SHORTCUTS: [(&str, &str); 6] = [
    ("keys-ctrl-enter", "shortcut-post"),
    ("keys-enter", "shortcut-comment"),
    ("keys-escape", "shortcut-close"),
    ("keys-tab", "shortcut-tab"),
    ("keys-zoom", "shortcut-zoom"),
    ("keys-select-all", "shortcut-select-all"),
];

impl CausewayApp {
    pub(in crate::window) fn help_page(&mut self, ui: &mut Ui) {
        kit::heading(ui, self.i18n.t("help"));
        ui.add_space(S);
        egui::ScrollArea::vertical()
            .id_salt("help")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(720.0);
                kit::card(ui, |ui| {
                    kit::title(ui, self.i18n.t("help-shortcuts"));
                    egui::Grid::new("shortcuts")
                        .num_columns(2)
                        .spacing([24.0, 6.0])
                        .show(ui, |ui| {
                            for (keys, what) in SHORTCUTS {
                                ui.label(kit::strong(self.i18n.t(keys)));
                                ui.label(self.i18n.t(what));
                                ui.end_row();
                            }
                        });
                });
                kit::card(ui, |ui| {
                    kit::title(ui, self.i18n.t("help-formatting"));
                    ui.label(self.i18n.t("help-formatting-body"));
                    ui.add_space(S);
                    let example = self.i18n.t("help-formatting-example");
                    ui.label(egui::RichText::new(&example).monospace());
                    ui.add_space(S);
                    kit::secondary(ui, self.i18n.t("help-formatting-shows"));
                    self.rich_text(ui, &example);
                });
                kit::card(ui, |ui| {
                    kit::title(ui, self.i18n.t("roles-explained"));
                    for r in [Role::Owner, Role::Admin, Role::Moderator, Role::Member] {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(kit::strong(self.role_text(Some(r))));
                            ui.label(self.role_help(Some(r)));
                        });
                    }
                });
            });
    }
}
