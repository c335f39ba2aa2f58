//! A group carried on a USB stick, in the window: the group's About tab writes a bundle into
//! the export folder of the settings and reads one (chosen in the system's file picker, or a
//! bundle file dropped anywhere on the window). The node does the work (`BundleWrite`,
//! `BundleRead`); answers come back as toasts.

use std::path::PathBuf;

use causeway_sync::control::Request;
use causeway_sync::views::GroupView;
use egui::Ui;

use crate::window::design::kit;
use crate::window::toast::Tone;
use crate::window::{CausewayApp, Waiting};

/// The first bytes of every bundle (PROTOCOL.md, "Bundles").
const MAGIC: &[u8; 16] = b"CAUSEWAY-BUNDLE\n";

/// A group's name as a file name may hold it: letters, digits and dashes, words apart.
pub(in crate::window) fn file_stem(g: &GroupView) -> String {
    let name: String = g
        .name()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                ' '
            }
        })
        .collect();
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl CausewayApp {
    /// The About tab's card for carrying the group without a network.
    pub(in crate::window) fn bundle_card(&mut self, ui: &mut Ui, g: &GroupView) {
        ui.add_space(8.0);
        kit::card(ui, |ui| {
            ui.label(kit::strong(self.i18n.t("bundle-title")));
            ui.label(self.i18n.t("bundle-help"));
            ui.horizontal_wrapped(|ui| {
                let busy = self.is_waiting(|w| matches!(w, Waiting::Bundle));
                if ui
                    .add_enabled(!busy, egui::Button::new(self.i18n.t("bundle-write")))
                    .clicked()
                {
                    self.write_bundle(g);
                }
                let choosing = self.bundle_pick.is_some();
                if ui
                    .add_enabled(
                        !choosing && !busy,
                        egui::Button::new(self.i18n.t("bundle-read")),
                    )
                    .clicked()
                {
                    self.pick_bundle(ui.ctx());
                }
            });
            kit::secondary(ui, self.i18n.t("bundle-drop"));
        });
    }

    fn write_bundle(&mut self, g: &GroupView) {
        if self.export_dir.trim().is_empty() {
            let said = self.i18n.t("export-folder-needed");
            self.say(Tone::Error, said);
            return;
        }
        let name = file_stem(g);
        let file = PathBuf::from(self.export_dir.trim())
            .join(format!("{name} ({}).cwbundle", g.id.fmt_short()));
        self.submit(
            Request::BundleWrite {
                group: g.id,
                file,
                for_member: None,
            },
            Waiting::Bundle,
        );
    }

    fn pick_bundle(&mut self, ctx: &egui::Context) {
        let kind = self.i18n.t("bundle-files");
        self.bundle_pick = Some(crate::window::pick::pick_file(ctx, kind, &["cwbundle"]));
    }

    /// Takes the bundle chosen in the picker, or dropped on the window, and reads it. A
    /// dropped file that is not a bundle is left for the screen under it (a Markdown file on
    /// the Documents tab).
    pub(in crate::window) fn take_bundles(&mut self, ctx: &egui::Context) {
        match crate::window::pick::take(&mut self.bundle_pick) {
            Some(Ok(path)) => self.read_bundle(path),
            Some(Err(true)) => {
                let said = self.i18n.t("bundle-no-picker");
                self.say(Tone::Error, said);
            }
            Some(Err(false)) | None => {}
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        for path in dropped.into_iter().filter(|p| is_bundle(p)) {
            self.read_bundle(path);
        }
    }

    fn read_bundle(&mut self, file: PathBuf) {
        self.submit(Request::BundleRead { file }, Waiting::Bundle);
    }
}

/// Whether the file at `path` starts as a bundle does (its first 16 bytes).
pub(in crate::window) fn is_bundle(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == MAGIC)
}
