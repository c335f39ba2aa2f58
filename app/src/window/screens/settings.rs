//! Settings: profile, how the window looks, notifications, connections, where data is kept,
//! and exports. Each section is a card.
use causeway_sync::Relay;
use causeway_sync::control::Request;
use causeway_sync::views::Snapshot;
use egui::{TextEdit, Ui};

use super::*;
use crate::i18n::Lang;
use crate::window::design::{S, TEXT_SIZES, XS, kit};
use crate::window::{Appearance, CausewayApp, Waiting};

/// The profile being edited (on first run, or in Settings): name, bio, languages read.
#[derive(Clone, Debug, Default)]
pub(in crate::window) struct ProfileForm {
    pub(in crate::window) name: String,
    pub(in crate::window) bio: String,
    pub(in crate::window) reads: Vec<String>,
    /// The name field had the keyboard once.
    pub(in crate::window) focused: bool,
}

impl ProfileForm {
    /// The request that saves it.
    pub(in crate::window) fn request(&self) -> Request {
        Request::SetProfile {
            name: self.name.trim().to_string(),
            bio: self.bio.trim().to_string(),
            languages: self.reads.clone(),
        }
    }
}

impl CausewayApp {
    pub(in crate::window) fn settings_page(&mut self, ui: &mut Ui, snap: &Snapshot) {
        kit::heading(ui, self.i18n.t("settings"));
        ui.add_space(S);
        egui::ScrollArea::vertical()
            .id_salt("settings")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.set_max_width(720.0);
                self.profile_settings(ui, snap);
                self.look_settings(ui);
                kit::card(ui, |ui| {
                    kit::title(ui, self.i18n.t("settings-notifications"));
                    ui.checkbox(&mut self.saved.notify, self.i18n.t("settings-notify"));
                    self.reminder_settings(ui);
                });
                kit::card(ui, |ui| self.blocks_settings(ui, snap));
                kit::card(ui, |ui| self.network_settings(ui, snap));
                kit::card(ui, |ui| {
                    kit::title(ui, self.i18n.t("settings-data-folder"));
                    ui.label(snap.data_dir.display().to_string());
                });
                kit::card(ui, |ui| self.files_settings(ui, snap));
                kit::card(ui, |ui| self.export_settings(ui, snap));
            });
    }

    /// The profile's fields, as the first run and Settings show them; returns the name
    /// field (the first run sends on Enter in it). `error` shows under the name.
    pub(in crate::window) fn profile_fields(
        &self,
        ui: &mut Ui,
        form: &mut ProfileForm,
        bio_label: &str,
        error: Option<&str>,
    ) -> egui::Response {
        let counter = |n: usize| self.i18n.a("chars-left", &[("count", n.into())]);
        let name = kit::line_field(
            ui,
            &self.i18n.t("your-name"),
            &mut form.name,
            causeway_core::limits::DISPLAY_NAME,
            360.0_f32.min(ui.available_width()),
            &counter,
            error,
        );
        if !form.focused {
            name.request_focus();
            form.focused = true;
        }
        kit::text_field(
            ui,
            egui::Id::unique("profile-bio"),
            &self.i18n.t(bio_label),
            &mut form.bio,
            causeway_core::limits::BIO,
            2,
            140.0,
            &counter,
        );
        kit::secondary(ui, self.i18n.t("your-bio-hint"));
        ui.add_space(XS);
        ui.label(self.i18n.t("your-languages"));
        ui.horizontal_wrapped(|ui| {
            for l in Lang::ALL {
                member_checkbox(ui, &mut form.reads, l.tag(), l.native_name());
            }
        });
        name
    }

    fn profile_settings(&mut self, ui: &mut Ui, snap: &Snapshot) {
        let mut form = self.settings.take().unwrap_or_else(|| ProfileForm {
            name: snap.profile.display_name.clone(),
            bio: snap.profile.bio.clone(),
            reads: snap.profile.languages.clone(),
            // Settings is not a form to fill in: the keyboard stays where it is.
            focused: true,
        });
        let mut save = false;
        kit::card(ui, |ui| {
            kit::title(ui, self.i18n.t("settings-profile"));
            let error = form
                .name
                .trim()
                .is_empty()
                .then(|| self.i18n.t("name-needed"));
            self.avatar_row(ui, snap);
            self.profile_fields(ui, &mut form, "your-bio", error.as_deref());
            let changed = form.name != snap.profile.display_name
                || form.bio != snap.profile.bio
                || form.reads != snap.profile.languages;
            let busy = self.is_waiting(|w| matches!(w, Waiting::Profile));
            ui.add_space(S);
            save = kit::primary(
                ui,
                &self.i18n.t("save-profile"),
                changed && !busy && error.is_none(),
            )
            .clicked();
        });
        if save {
            self.submit(form.request(), Waiting::Profile);
        }
        self.settings = Some(form);
    }

    /// Language, theme and text size: applied at once.
    fn look_settings(&mut self, ui: &mut Ui) {
        kit::card(ui, |ui| {
            kit::title(ui, self.i18n.t("settings-look"));
            egui::Grid::new("look").num_columns(2).show(ui, |ui| {
                self.language_picker(ui);
                ui.end_row();
                let l = ui.label(self.i18n.t("settings-theme"));
                let options = vec![
                    (None, self.i18n.t("theme-system")),
                    (Some(Appearance::Light), self.i18n.t("theme-light")),
                    (Some(Appearance::Dark), self.i18n.t("theme-dark")),
                ];
                choice(ui, "theme", l.id, &mut self.saved.theme, options);
                ui.end_row();
                let l = ui.label(self.i18n.t("settings-text-size"));
                let mut size = self.text_size();
                let names = ["text-small", "text-normal", "text-large", "text-larger"];
                let options = (0..TEXT_SIZES.len())
                    .map(|i| (i, self.i18n.t(names[i])))
                    .collect();
                choice(ui, "text-size", l.id, &mut size, options);
                self.saved.text_size = Some(size);
                ui.end_row();
            });
        });
    }

    fn export_settings(&mut self, ui: &mut Ui, snap: &Snapshot) {
        kit::title(ui, self.i18n.t("settings-export"));
        ui.label(self.i18n.t("settings-export-help"));
        ui.horizontal(|ui| {
            let l = ui.label(self.i18n.t("settings-export-folder"));
            ui.add(TextEdit::singleline(&mut self.export_dir).desired_width(360.0))
                .labelled_by(l.id);
            if ui.button(self.i18n.t("choose-folder")).clicked() {
                self.pick_folder(ui.ctx());
            }
        });
        let empty = self.export_dir.trim().is_empty();
        if empty {
            kit::secondary(ui, self.i18n.t("export-folder-needed"));
        }
        for g in snap.groups.iter().filter(|g| g.info.is_some()) {
            let label = self.i18n.a(
                "settings-export-group",
                &[("group", g.name().to_string().into())],
            );
            let busy = self.is_waiting(|w| matches!(w, Waiting::Export(n) if n == g.name()));
            if ui
                .add_enabled(!empty && !busy, egui::Button::new(label).truncate())
                .clicked()
            {
                self.submit(
                    Request::Export {
                        group: g.id,
                        dir: self.export_dir.trim().into(),
                    },
                    Waiting::Export(g.name().to_string()),
                );
            }
        }
    }

    /// Opens the system's folder picker (the desktop portal on Linux) off the window's
    /// thread; the folder chosen arrives in a later frame.
    fn pick_folder(&mut self, ctx: &egui::Context) {
        let (tx, rx) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let start = self.export_dir.clone();
        std::thread::spawn(move || {
            let mut dialog = rfd::FileDialog::new();
            if !start.trim().is_empty() {
                dialog = dialog.set_directory(start.trim());
            }
            let _ = tx.send(dialog.pick_folder());
            ctx.request_repaint();
        });
        self.picking = Some(rx);
    }

    /// Takes the folder the picker returned, if it has.
    pub(in crate::window) fn take_picked_folder(&mut self) {
        let Some(rx) = &self.picking else { return };
        match rx.try_recv() {
            Ok(Some(dir)) => {
                self.export_dir = dir.display().to_string();
                self.picking = None;
            }
            Ok(None) | Err(std::sync::mpsc::TryRecvError::Disconnected) => self.picking = None,
            Err(std::sync::mpsc::TryRecvError::Empty) => {}
        }
    }

    /// What the running node uses now (it can differ from the saved settings until the next
    /// start), and whether a relay is connected.
    fn running_network(&self, ui: &mut Ui, snap: &Snapshot) {
        let r = &snap.running;
        let mut lines = Vec::new();
        match &r.mode {
            Some(causeway_sync::Network::Internet {
                relay,
                lan_discovery,
            }) => {
                lines.push(match relay {
                    Relay::Default => self.i18n.t("running-relay-default"),
                    Relay::Custom(url) => self
                        .i18n
                        .a("running-relay-custom", &[("url", url.clone().into())]),
                    _ => self.i18n.t("running-relay-none"),
                });
                lines.push(self.i18n.t(if *lan_discovery {
                    "running-lan-on"
                } else {
                    "running-lan-off"
                }));
                if !matches!(relay, Relay::Disabled) {
                    lines.push(match r.connected_relay() {
                        Some(h) => self
                            .i18n
                            .a("running-relay-connected", &[("url", h.url.clone().into())]),
                        None => self.i18n.t("running-relay-waiting"),
                    });
                }
            }
            Some(_) => lines.push(self.i18n.t("running-loopback")),
            None => {}
        }
        if lines.is_empty() {
            return;
        }
        ui.label(kit::strong(self.i18n.t("running-title")));
        for l in lines {
            kit::secondary(ui, l);
        }
        ui.add_space(S);
    }

    pub(in crate::window) fn network_settings(&mut self, ui: &mut Ui, snap: &Snapshot) {
        kit::title(ui, self.i18n.t("settings-network"));
        self.running_network(ui, snap);
        ui.label(kit::strong(self.i18n.t("saved-title")));
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
        if settings != snap.network
            && kit::primary(ui, &self.i18n.t("settings-network-save"), true).clicked()
        {
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

impl CausewayApp {
    /// When reminders come before the events I go to: a day, an hour, a quarter of an hour.
    fn reminder_settings(&mut self, ui: &mut Ui) {
        let mut minutes = self
            .saved
            .reminders
            .clone()
            .unwrap_or_else(|| crate::window::reminders::DEFAULT_MINUTES.to_vec());
        ui.label(self.i18n.t("settings-reminders"));
        let mut changed = false;
        ui.horizontal_wrapped(|ui| {
            for (m, key) in [
                (24 * 60, "settings-remind-day"),
                (60, "settings-remind-hour"),
                (15, "settings-remind-quarter"),
            ] {
                let mut on = minutes.contains(&m);
                if ui.checkbox(&mut on, self.i18n.t(key)).changed() {
                    minutes.retain(|x| *x != m);
                    if on {
                        minutes.push(m);
                    }
                    minutes.sort_unstable_by(|a, b| b.cmp(a));
                    changed = true;
                }
            }
        });
        if changed {
            self.saved.reminders = Some(minutes);
        }
    }
}
