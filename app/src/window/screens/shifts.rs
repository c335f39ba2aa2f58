//! A group's shifts, under its events: time slots with a number of places that members sign up
//! for ("Market stand, Sat 10-12, 3 people"), and the form that makes one.

use causeway_core::view::Shift;
use causeway_sync::control::KitRequest;
use causeway_sync::views::{GroupView, Snapshot};
use egui::{RichText, Ui};

use super::kit_state::{ShiftForm, kit_request};
use super::{KitForm, when};
use crate::window::confirm::Ask;
use crate::window::design::{S, kit};
use crate::window::{CausewayApp, Waiting};

impl CausewayApp {
    /// The group's shifts, soonest first, each with its places and my sign-up.
    pub(in crate::window) fn shifts_section(
        &mut self,
        ui: &mut Ui,
        _snap: &Snapshot,
        g: &GroupView,
    ) {
        ui.horizontal(|ui| {
            kit::title(ui, self.i18n.t("shifts"));
            if g.my_role.is_some()
                && self.kit.shift_form.is_none()
                && ui.button(self.i18n.t("shift-new")).clicked()
            {
                let tomorrow = chrono::Local::now()
                    .date_naive()
                    .succ_opt()
                    .unwrap_or_default();
                self.kit.shift_form = Some((
                    g.id,
                    ShiftForm {
                        date: tomorrow.format("%Y-%m-%d").to_string(),
                        start: "10:00".into(),
                        end: "12:00".into(),
                        places: "3".into(),
                        ..ShiftForm::default()
                    },
                ));
            }
        });
        if self
            .kit
            .shift_form
            .as_ref()
            .is_some_and(|(id, _)| *id == g.id)
        {
            self.shift_form(ui, g);
        }
        let now = causeway_sync::now();
        let shifts: Vec<&Shift> = g
            .kit
            .shift_list()
            .into_iter()
            .filter(|s| s.when.end >= now)
            .collect();
        if shifts.is_empty() {
            kit::secondary(ui, self.i18n.t("shifts-none"));
        }
        let me = self.node.node().device_id();
        for s in shifts {
            kit::card(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(kit::strong(&s.title));
                    if s.cancelled {
                        let c = kit::palette(ui).danger;
                        ui.label(RichText::new(self.i18n.t("event-cancelled")).color(c));
                    }
                });
                ui.label(when::span(&self.i18n, &s.when));
                let names = |ids: &[causeway_core::DeviceId]| -> String {
                    ids.iter()
                        .map(|d| g.name_of(*d).map_or_else(|| d.fmt_short(), str::to_owned))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                kit::secondary(
                    ui,
                    self.i18n.a(
                        "shift-places",
                        &[
                            ("taken", s.placed().len().into()),
                            ("places", i64::from(s.places).into()),
                        ],
                    ),
                );
                if !s.placed().is_empty() {
                    ui.add(egui::Label::new(names(s.placed())).wrap());
                }
                if !s.standing_by().is_empty() {
                    ui.add(
                        egui::Label::new(self.i18n.a(
                            "shift-standing-by",
                            &[("names", names(s.standing_by()).into())],
                        ))
                        .wrap(),
                    );
                }
                let signed = s.signups.contains(&me);
                let steward = s.creator == me || g.i_am_admin();
                ui.horizontal(|ui| {
                    if signed {
                        if s.standing_by().contains(&me) {
                            let c = kit::palette(ui).warn;
                            ui.label(RichText::new(self.i18n.t("shift-you-stand-by")).color(c));
                        } else {
                            ui.label(self.i18n.t("shift-you-are-in"));
                        }
                        if ui.button(self.i18n.t("shift-leave")).clicked() {
                            self.submit(
                                kit_request(
                                    g.id,
                                    KitRequest::ShiftJoin {
                                        shift: s.id,
                                        off: true,
                                    },
                                ),
                                Waiting::Other,
                            );
                        }
                    } else if s.is_full() {
                        ui.label(self.i18n.t("shift-full"));
                    } else if g.my_role.is_some()
                        && !s.cancelled
                        && kit::primary(ui, &self.i18n.t("shift-join"), true).clicked()
                    {
                        self.submit(
                            kit_request(
                                g.id,
                                KitRequest::ShiftJoin {
                                    shift: s.id,
                                    off: false,
                                },
                            ),
                            Waiting::Other,
                        );
                    }
                    if steward {
                        ui.separator();
                        self.cancel_controls(
                            ui,
                            s.cancelled,
                            kit_request(
                                g.id,
                                KitRequest::ShiftCancel {
                                    shift: s.id,
                                    undo: true,
                                },
                            ),
                            Ask::CancelShift {
                                group: g.id,
                                shift: s.id,
                                title: s.title.clone(),
                            },
                            "shift-cancel",
                        );
                    }
                });
            });
        }
        ui.add_space(S);
    }

    fn shift_form(&mut self, ui: &mut Ui, g: &GroupView) {
        let Some((_, mut f)) = self.kit.shift_form.take() else {
            return;
        };
        let busy = self.is_waiting(|w| matches!(w, Waiting::Kit(KitForm::Shift)));
        let counter = |n: usize| self.i18n.a("chars-left", &[("count", n.into())]);
        let mut close = false;
        let mut send = None;
        kit::card(ui, |ui| {
            kit::line_field(
                ui,
                &self.i18n.t("shift-title"),
                &mut f.title,
                causeway_core::limits::POST_TITLE,
                f32::INFINITY,
                &counter,
                None,
            );
            ui.horizontal_wrapped(|ui| {
                kit::short_field(
                    ui,
                    &self.i18n.t("event-date"),
                    &mut f.date,
                    10,
                    110.0,
                    "2026-12-12",
                );
                kit::short_field(
                    ui,
                    &self.i18n.t("event-starts"),
                    &mut f.start,
                    5,
                    60.0,
                    "10:00",
                );
                kit::short_field(ui, &self.i18n.t("event-ends"), &mut f.end, 5, 60.0, "12:00");
                kit::short_field(
                    ui,
                    &self.i18n.t("shift-places-label"),
                    &mut f.places,
                    5,
                    60.0,
                    "3",
                );
            });
            let places = f.places.trim().parse::<u32>().ok().filter(|p| *p > 0);
            if places.is_none() {
                let c = kit::palette(ui).danger;
                ui.label(
                    RichText::new(self.i18n.t("shift-places-bad"))
                        .small()
                        .color(c),
                );
            }
            ui.horizontal(|ui| {
                let ready = !f.title.trim().is_empty() && places.is_some() && !busy;
                if kit::primary(ui, &self.i18n.t("shift-create"), ready).clicked()
                    && let Some(places) = places
                {
                    let date = f.date.trim();
                    let req = KitRequest::ShiftCreate {
                        title: f.title.trim().to_owned(),
                        start: format!("{date} {}", f.start.trim()),
                        end: format!("{date} {}", f.end.trim()),
                        zone: None,
                        places,
                        notes: String::new(),
                    };
                    send = Some(req);
                }
                if ui.button(self.i18n.t("cancel")).clicked() {
                    close = true;
                }
            });
        });
        if let Some(req) = send {
            self.submit(kit_request(g.id, req), Waiting::Kit(KitForm::Shift));
        }
        if !close {
            self.kit.shift_form = Some((g.id, f));
        }
    }
}
