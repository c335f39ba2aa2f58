//! Blocking and muting in the window: the buttons on a member, a post and a group, and the
//! lists in Settings, each with a way back. Blocking asks first; the rest undoes itself with
//! one click.
use causeway_core::{DeviceId, GroupId, ItemId};
use causeway_sync::MuteTarget;
use causeway_sync::control::{BlockRequest, Request, mute_text};
use causeway_sync::views::Snapshot;
use egui::Ui;

use crate::window::confirm::Ask;
use crate::window::design::{XS, kit};
use crate::window::{CausewayApp, Waiting};

impl CausewayApp {
    fn blocks_request(&mut self, req: BlockRequest) {
        self.submit(Request::Blocks { req }, Waiting::Other);
    }

    /// Mutes or unmutes `target`.
    pub(in crate::window) fn set_muted(&mut self, target: MuteTarget, muted: bool) {
        let target = mute_text(target);
        self.blocks_request(if muted {
            BlockRequest::Mute { target }
        } else {
            BlockRequest::Unmute { target }
        });
    }

    /// Block (asks first) or Unblock, and Mute or Unmute, for the member `who`.
    pub(in crate::window) fn person_buttons(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        who: DeviceId,
        name: &str,
    ) {
        if snap.blocks.is_blocked(who) {
            if ui.small_button(self.i18n.t("unblock")).clicked() {
                self.blocks_request(BlockRequest::Unblock { device: who });
            }
            return;
        }
        if ui
            .small_button(self.i18n.t("block"))
            .on_hover_text(self.i18n.t("block-help"))
            .clicked()
        {
            self.ask_first(Ask::Block {
                device: who,
                name: name.to_string(),
            });
        }
        let muted = snap.blocks.is_muted(who);
        let label = if muted { "unmute" } else { "mute" };
        if ui
            .small_button(self.i18n.t(label))
            .on_hover_text(self.i18n.t("mute-help"))
            .clicked()
        {
            self.set_muted(MuteTarget::Person(who), !muted);
        }
    }

    /// What a member's row says when I blocked or muted them.
    pub(in crate::window) fn person_mark(&self, snap: &Snapshot, who: DeviceId) -> Option<String> {
        if snap.blocks.is_blocked(who) {
            Some(self.i18n.t("blocked-mark"))
        } else if snap.blocks.is_muted(who) {
            Some(self.i18n.t("muted-mark"))
        } else {
            None
        }
    }

    /// A muted thread, folded to one line with a way back.
    pub(in crate::window) fn muted_thread(
        &mut self,
        ui: &mut Ui,
        group: GroupId,
        post: ItemId,
        words: &str,
    ) {
        ui.horizontal(|ui| {
            let rtl = egui::Layout::right_to_left(egui::Align::Center);
            ui.with_layout(rtl, |ui| {
                if ui.small_button(self.i18n.t("thread-unmute")).clicked() {
                    self.set_muted(MuteTarget::Thread(group, post), false);
                }
                let c = kit::palette(ui).muted;
                let text = self.i18n.a("thread-muted", &[("name", words.into())]);
                // The words take what the button leaves, from the left, cut with "…".
                let ltr = egui::Layout::left_to_right(egui::Align::Center);
                ui.with_layout(ltr, |ui| {
                    ui.add(
                        egui::Label::new(egui::RichText::new(text).color(c))
                            .truncate()
                            .show_tooltip_when_elided(true),
                    );
                });
            });
        });
    }

    /// Settings: everyone and everything blocked or muted on this device.
    pub(in crate::window) fn blocks_settings(&mut self, ui: &mut Ui, snap: &Snapshot) {
        kit::title(ui, self.i18n.t("settings-blocks"));
        kit::secondary(ui, self.i18n.t("settings-blocks-help"));
        let b = snap.blocks.clone();
        if b.is_empty() {
            ui.add_space(XS);
            ui.label(self.i18n.t("settings-blocks-none"));
            return;
        }
        let row = |app: &mut Self, ui: &mut Ui, text: String, undo: &str| -> bool {
            let mut clicked = false;
            ui.horizontal(|ui| {
                let rtl = egui::Layout::right_to_left(egui::Align::Center);
                ui.with_layout(rtl, |ui| {
                    clicked = ui.button(app.i18n.t(undo)).clicked();
                    let ltr = egui::Layout::left_to_right(egui::Align::Center);
                    ui.with_layout(ltr, |ui| {
                        ui.add(
                            egui::Label::new(text)
                                .truncate()
                                .show_tooltip_when_elided(true),
                        );
                    });
                });
            });
            clicked
        };
        for p in &b.blocked {
            let text = if p.reason.is_empty() {
                self.i18n
                    .a("blocked-line", &[("name", p.name.as_str().into())])
            } else {
                self.i18n.a(
                    "blocked-line-because",
                    &[
                        ("name", p.name.as_str().into()),
                        ("reason", p.reason.as_str().into()),
                    ],
                )
            };
            if row(self, ui, text, "unblock") {
                self.blocks_request(BlockRequest::Unblock { device: p.device });
            }
        }
        for p in &b.muted {
            let text = self
                .i18n
                .a("muted-person-line", &[("name", p.name.as_str().into())]);
            if row(self, ui, text, "unmute") {
                self.set_muted(MuteTarget::Person(p.device), false);
            }
        }
        for t in &b.threads {
            let text = self
                .i18n
                .a("muted-thread-line", &[("name", t.words.as_str().into())]);
            if row(self, ui, text, "unmute") {
                self.set_muted(MuteTarget::Thread(t.group, t.post), false);
            }
        }
        for g in &b.groups {
            let text = self
                .i18n
                .a("muted-group-line", &[("name", g.name.as_str().into())]);
            if row(self, ui, text, "unmute") {
                self.set_muted(MuteTarget::Group(g.group), false);
            }
        }
    }
}
