//! The first run: a name, a few words, the languages read.
use egui::Ui;

use super::ProfileForm;
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
            let mut form = self.settings.take().unwrap_or_else(|| ProfileForm {
                reads: vec![self.i18n.lang().tag().to_string()],
                ..ProfileForm::default()
            });
            kit::card(ui, |ui| {
                let name = self.profile_fields(ui, &mut form, "your-bio-optional", None);
                let entered = name.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.add_space(8.0);
                ui.horizontal(|ui| self.language_picker(ui));
                ui.add_space(8.0);
                let busy = self.is_waiting(|w| matches!(w, Waiting::Profile));
                if kit::primary(ui, &self.i18n.t("continue"), !busy).clicked() || entered {
                    if form.name.trim().is_empty() {
                        self.say(Tone::Error, self.i18n.t("name-needed"));
                    } else {
                        self.submit(form.request(), Waiting::Profile);
                    }
                }
            });
            self.settings = Some(form);
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
