//! The first run: a name, a few words, the languages read.
use causeway_sync::control::Request;
use egui::Ui;

use super::*;
use crate::i18n::Lang;
use crate::window::design::kit;
use crate::window::toast::Tone;
use crate::window::{CausewayApp, Waiting};

impl CausewayApp {
    pub(in crate::window) fn first_run(&mut self, ui: &mut Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(48.0);
            ui.set_max_width(440.0);
            ui.label(kit::strong(self.i18n.t("welcome-title")).size(26.0 * kit::text_scale(ui)));
            ui.add_space(4.0);
            ui.label(self.i18n.t("welcome-name-help"));
            ui.add_space(16.0);
        });
        ui.vertical_centered(|ui| {
            ui.set_max_width(440.0);
            kit::card(ui, |ui| {
                let counter = |n: usize| self.i18n.a("chars-left", &[("count", n.into())]);
                let name = kit::line_field(
                    ui,
                    &self.i18n.t("your-name"),
                    &mut self.name_input,
                    causeway_core::limits::DISPLAY_NAME,
                    f32::INFINITY,
                    &counter,
                    None,
                );
                if !self.name_focused {
                    name.request_focus();
                    self.name_focused = true;
                }
                let entered = name.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                kit::text_field(
                    ui,
                    egui::Id::unique("first-run-bio"),
                    &self.i18n.t("your-bio-optional"),
                    &mut self.bio_input,
                    causeway_core::limits::BIO,
                    2,
                    120.0,
                    &counter,
                );
                ui.label(self.i18n.t("your-languages"));
                ui.horizontal_wrapped(|ui| {
                    for l in Lang::ALL {
                        member_checkbox(ui, &mut self.reads, l.tag(), l.native_name());
                    }
                });
                ui.add_space(8.0);
                ui.horizontal(|ui| self.language_picker(ui));
                ui.add_space(8.0);
                let busy = self.is_waiting(|w| matches!(w, Waiting::Profile));
                if kit::primary(ui, &self.i18n.t("continue"), !busy).clicked() || entered {
                    let name = self.name_input.trim().to_string();
                    if name.is_empty() {
                        self.say(Tone::Error, self.i18n.t("name-needed"));
                    } else {
                        let req = Request::SetProfile {
                            name,
                            bio: self.bio_input.trim().to_string(),
                            languages: self.reads.clone(),
                        };
                        self.submit(req, Waiting::Profile);
                    }
                }
            });
        });
    }

    pub(in crate::window) fn language_picker(&mut self, ui: &mut Ui) {
        let label = ui.label(self.i18n.t("settings-language"));
        let current = self.i18n.lang();
        let mut chosen = current;
        let options = Lang::ALL.map(|l| (l, l.native_name().to_string())).to_vec();
        choice(ui, "language", label.id, &mut chosen, options);
        if chosen != current {
            self.set_language(chosen);
        }
    }
}
