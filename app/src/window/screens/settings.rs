//! Settings: profile, language, notifications, exports, connections.
use causeway_sync::Relay;
use causeway_sync::control::Request;
use causeway_sync::views::Snapshot;
use egui::{RichText, TextEdit, Ui};

use super::*;
use crate::window::{CausewayApp, Waiting};

impl CausewayApp {
    pub(in crate::window) fn settings_page(&mut self, ui: &mut Ui, snap: &Snapshot) {
        ui.heading(self.i18n.t("settings"));
        ui.add_space(8.0);
        ui.horizontal(|ui| self.language_picker(ui));
        ui.separator();
        let (mut name, mut bio) = self
            .settings
            .clone()
            .unwrap_or_else(|| (snap.profile.display_name.clone(), snap.profile.bio.clone()));
        labelled_line(ui, &self.i18n.t("your-name"), &mut name);
        labelled_text(ui, &self.i18n.t("your-bio"), &mut bio, 2);
        if ui.button(self.i18n.t("save-profile")).clicked() {
            self.submit(
                Request::SetProfile {
                    name: name.clone(),
                    bio: bio.clone(),
                    languages: snap.profile.languages.clone(),
                },
                Waiting::Profile,
            );
        }
        self.settings = Some((name, bio));
        ui.separator();
        ui.checkbox(&mut self.saved.notify, self.i18n.t("settings-notify"));
        ui.separator();
        self.network_settings(ui, snap);
        ui.separator();
        ui.label(RichText::new(self.i18n.t("settings-data-folder")).strong());
        ui.label(snap.data_dir.display().to_string());
        ui.separator();
        ui.label(RichText::new(self.i18n.t("settings-export")).strong());
        ui.label(self.i18n.t("settings-export-help"));
        labelled_line(
            ui,
            &self.i18n.t("settings-export-folder"),
            &mut self.export_dir,
        );
        for g in snap.groups.iter().filter(|g| g.info.is_some()) {
            if ui
                .button(self.i18n.a(
                    "settings-export-group",
                    &[("group", g.name().to_string().into())],
                ))
                .clicked()
            {
                self.submit(
                    Request::Export {
                        group: g.id,
                        dir: self.export_dir.clone().into(),
                    },
                    Waiting::Export(g.name().to_string()),
                );
            }
        }
    }

    pub(in crate::window) fn network_settings(&mut self, ui: &mut Ui, snap: &Snapshot) {
        ui.label(RichText::new(self.i18n.t("settings-network")).strong());
        let (mut settings, mut url) = self.network_form.take().unwrap_or_else(|| {
            let url = match &snap.network.relay {
                Relay::Custom(u) => u.clone(),
                _ => String::new(),
            };
            (snap.network.clone(), url)
        });
        let mut chosen = match settings.relay {
            Relay::Default => 0,
            Relay::Custom(_) => 1,
            _ => 2,
        };
        ui.radio_value(&mut chosen, 0, self.i18n.t("relay-default"));
        ui.radio_value(&mut chosen, 1, self.i18n.t("relay-custom"));
        if chosen == 1 {
            let l = ui.label(self.i18n.t("relay-url"));
            ui.add(
                TextEdit::singleline(&mut url)
                    .desired_width(320.0)
                    .hint_text("https://relay.example.org"),
            )
            .labelled_by(l.id);
        }
        ui.radio_value(&mut chosen, 2, self.i18n.t("relay-none"));
        settings.relay = match chosen {
            0 => Relay::Default,
            1 => Relay::Custom(url.trim().to_string()),
            _ => Relay::Disabled,
        };
        ui.checkbox(&mut settings.lan_discovery, self.i18n.t("lan-discovery"));
        if settings != snap.network && ui.button(self.i18n.t("settings-network-save")).clicked() {
            self.submit(
                Request::SetNetwork {
                    settings: settings.clone(),
                },
                Waiting::Network,
            );
        }
        self.network_form = Some((settings, url));
    }
}
