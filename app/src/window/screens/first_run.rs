//! The first run: a name, a few words, the languages read.
use causeway_sync::control::Request;
use egui::{TextEdit, Ui};

use super::*;
use crate::i18n::Lang;
use crate::window::toast::Tone;
use crate::window::{CausewayApp, Waiting};

impl CausewayApp {
    pub(in crate::window) fn first_run(&mut self, ui: &mut Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading(self.i18n.t("welcome-title"));
            ui.label(self.i18n.t("welcome-name-help"));
            ui.add_space(12.0);
            let label = ui.label(self.i18n.t("your-name"));
            ui.add(TextEdit::singleline(&mut self.name_input).desired_width(280.0))
                .labelled_by(label.id);
            let label = ui.label(self.i18n.t("your-bio-optional"));
            ui.add(
                TextEdit::multiline(&mut self.bio_input)
                    .desired_rows(2)
                    .desired_width(280.0),
            )
            .labelled_by(label.id);
            ui.label(self.i18n.t("your-languages"));
            ui.horizontal(|ui| {
                for l in Lang::ALL {
                    member_checkbox(ui, &mut self.reads, l.tag(), l.native_name());
                }
            });
            ui.add_space(8.0);
            ui.horizontal(|ui| self.language_picker(ui));
            if ui.button(self.i18n.t("continue")).clicked() {
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
