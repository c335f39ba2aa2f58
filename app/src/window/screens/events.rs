//! A group's Events tab: what is coming up (as a list or a month), each event with its answers
//! and places, the form that makes or changes one, and the group's shifts. The card that shows
//! an event is also what the feed and the agenda show.

use causeway_core::GroupId;
use causeway_core::view::{Event, Rsvp};
use causeway_sync::control::{KitRequest, Request};
use causeway_sync::views::{GroupView, Snapshot};
use egui::{RichText, Ui};

use super::kit_state::{EventForm, EventsView, kit_request};
use super::when;
use crate::window::confirm::Ask;
use crate::window::design::{S, XS, kit};
use crate::window::{CausewayApp, Waiting};

impl CausewayApp {
    /// The Events tab.
    pub(in crate::window) fn events_tab(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView) {
        egui::ScrollArea::vertical()
            .id_salt(("events", g.id))
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    if g.my_role.is_some()
                        && self.kit.event_form.is_none()
                        && kit::primary(ui, &self.i18n.t("event-new"), true).clicked()
                    {
                        self.kit.event_form = Some((g.id, EventForm::new_one()));
                    }
                    self.view_choice(ui);
                    if self.kit.view == EventsView::List {
                        ui.checkbox(&mut self.kit.past, self.i18n.t("events-past"));
                    }
                });
                ui.add_space(S);
                if self
                    .kit
                    .event_form
                    .as_ref()
                    .is_some_and(|(id, _)| *id == g.id)
                {
                    self.event_form(ui, g);
                }
                let now = causeway_sync::now();
                match self.kit.view {
                    EventsView::List => {
                        // The events are the group view's own (an Arc the page holds): they
                        // are drawn as they are, not copied each frame.
                        let events: Vec<&Event> = if self.kit.past {
                            g.kit.events_soonest().into_iter().rev().collect()
                        } else {
                            g.kit.upcoming(now)
                        };
                        if events.is_empty() {
                            kit::empty_state(
                                ui,
                                &self.i18n.t("events-none"),
                                &self.i18n.t("events-none-body"),
                            );
                        }
                        for e in events {
                            self.event_card(ui, g, e, false);
                        }
                    }
                    EventsView::Month => {
                        let all: Vec<(GroupId, &Event)> = g
                            .kit
                            .events_soonest()
                            .into_iter()
                            .map(|e| (g.id, e))
                            .collect();
                        let picked = self.month_view(ui, ("group-month", g.id), &all);
                        for (_, e) in picked {
                            self.event_card(ui, g, e, false);
                        }
                    }
                }
                ui.add_space(S);
                self.shifts_section(ui, snap, g);
            });
    }

    /// List or month, for the Events tab and the agenda.
    pub(in crate::window) fn view_choice(&mut self, ui: &mut Ui) {
        ui.selectable_value(
            &mut self.kit.view,
            EventsView::List,
            self.i18n.t("events-list"),
        );
        ui.selectable_value(
            &mut self.kit.view,
            EventsView::Month,
            self.i18n.t("events-month"),
        );
    }

    /// One event: when and where, who comes, my answer, and what organisers can do.
    pub(in crate::window) fn event_card(
        &mut self,
        ui: &mut Ui,
        g: &GroupView,
        e: &Event,
        compact: bool,
    ) {
        let me = self.node.node().device_id();
        let mine = e.answer_of(me);
        kit::card(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                kit::title(ui, &e.draft.title);
                if e.cancelled {
                    let c = kit::palette(ui).danger;
                    ui.label(kit::strong(self.i18n.t("event-cancelled")).color(c));
                }
            });
            ui.label(when::span(&self.i18n, &e.draft.when));
            if let Some(from) = e.moved_from {
                let c = kit::palette(ui).warn;
                ui.label(
                    RichText::new(self.i18n.a(
                        "event-moved",
                        &[(
                            "when",
                            when::moment(&self.i18n, from, e.draft.when.all_day).into(),
                        )],
                    ))
                    .color(c),
                );
            }
            if !e.draft.place.is_empty() {
                ui.add(
                    egui::Label::new(
                        self.i18n
                            .a("event-place", &[("place", e.draft.place.as_str().into())]),
                    )
                    .wrap(),
                );
            }
            if !e.draft.online.is_empty() {
                let link = e.draft.online.clone();
                if link.starts_with("https://") || link.starts_with("http://") {
                    ui.hyperlink_to(self.i18n.t("event-online"), link);
                } else {
                    ui.label(link);
                }
            }
            let (going, waiting, maybe, no) = e.counts();
            let counts = match e.draft.capacity {
                Some(c) => self.i18n.a(
                    "event-counts-places",
                    &[
                        ("going", going.into()),
                        ("places", i64::from(c).into()),
                        ("waiting", waiting.into()),
                        ("maybe", maybe.into()),
                        ("no", no.into()),
                    ],
                ),
                None => self.i18n.a(
                    "event-counts",
                    &[
                        ("going", going.into()),
                        ("maybe", maybe.into()),
                        ("no", no.into()),
                    ],
                ),
            };
            kit::secondary(ui, &counts);
            if !compact {
                let names = |ids: Vec<causeway_core::DeviceId>| -> String {
                    ids.iter()
                        .map(|d| g.name_of(*d).map_or_else(|| d.fmt_short(), str::to_owned))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                if going > 0 {
                    ui.add(
                        egui::Label::new(
                            self.i18n
                                .a("event-going", &[("names", names(e.going()).into())]),
                        )
                        .wrap(),
                    );
                }
                if waiting > 0 {
                    ui.add(
                        egui::Label::new(
                            self.i18n
                                .a("event-waiting", &[("names", names(e.waiting()).into())]),
                        )
                        .wrap(),
                    );
                }
                if mine == Some(Rsvp::Yes) && e.waiting().contains(&me) {
                    let c = kit::palette(ui).warn;
                    ui.label(RichText::new(self.i18n.t("event-you-wait")).color(c));
                }
                let organisers = names(e.organisers.clone());
                kit::secondary(
                    ui,
                    self.i18n
                        .a("event-organisers", &[("names", organisers.into())]),
                );
                if !e.draft.body.is_empty() {
                    ui.add_space(XS);
                    egui_commonmark::CommonMarkViewer::new().show(
                        ui,
                        &mut self.markdown,
                        &e.draft.body,
                    );
                }
            }
            ui.add_space(XS);
            ui.horizontal_wrapped(|ui| {
                let open = g.my_role.is_some() && !e.cancelled;
                for (rsvp, key) in [
                    (Rsvp::Yes, "rsvp-yes"),
                    (Rsvp::Maybe, "rsvp-maybe"),
                    (Rsvp::No, "rsvp-no"),
                ] {
                    let b = ui.add_enabled(
                        open,
                        egui::Button::selectable(mine == Some(rsvp), self.i18n.t(key)),
                    );
                    if b.clicked() && mine != Some(rsvp) {
                        self.submit(
                            kit_request(g.id, KitRequest::EventRsvp { event: e.id, rsvp }),
                            Waiting::Other,
                        );
                    }
                }
                if e.is_organiser(me, g.my_role) && !compact {
                    ui.separator();
                    if ui.button(self.i18n.t("event-edit")).clicked() {
                        self.kit.event_form = Some((g.id, EventForm::of(e)));
                    }
                    if (e.creator == me || g.i_am_admin()) && !e.cancelled {
                        self.organiser_choice(ui, g, e);
                    }
                    self.cancel_controls(
                        ui,
                        e.cancelled,
                        kit_request(
                            g.id,
                            KitRequest::EventCancel {
                                event: e.id,
                                undo: true,
                            },
                        ),
                        Ask::CancelEvent {
                            group: g.id,
                            event: e.id,
                            title: e.draft.title.clone(),
                        },
                        "event-cancel",
                    );
                }
                if !compact && ui.button(self.i18n.t("event-ics")).clicked() {
                    let file = std::path::Path::new(&self.export_dir)
                        .join(format!("{}.ics", super::file_name(&e.draft.title)));
                    self.submit(
                        kit_request(
                            g.id,
                            KitRequest::EventIcs {
                                event: Some(e.id),
                                file,
                            },
                        ),
                        Waiting::Calendar,
                    );
                }
            });
        });
    }

    /// An organiser's way to cancel (asking first) or to take a cancellation back: `undo` is
    /// the request that takes it back, `ask` what cancelling asks, `label` the button's words.
    pub(in crate::window) fn cancel_controls(
        &mut self,
        ui: &mut Ui,
        cancelled: bool,
        undo: Request,
        ask: Ask,
        label: &str,
    ) {
        if cancelled {
            if ui.button(self.i18n.t("event-uncancel")).clicked() {
                self.submit(undo, Waiting::Other);
            }
        } else if kit::danger(ui, &self.i18n.t(label)).clicked() {
            self.ask_first(ask);
        }
    }

    /// A drop-down that makes another member an organiser of `e`.
    fn organiser_choice(&mut self, ui: &mut Ui, g: &GroupView, e: &Event) {
        let others: Vec<(causeway_core::DeviceId, String)> = g
            .members
            .iter()
            .filter(|m| m.role.is_some() && !e.organisers.contains(&m.id))
            .map(|m| (m.id, m.name.clone()))
            .collect();
        if others.is_empty() {
            return;
        }
        let mut chosen = None;
        egui::ComboBox::from_id_salt(("organiser", e.id))
            .selected_text(self.i18n.t("event-add-organiser"))
            .show_ui(ui, |ui| {
                for (id, name) in &others {
                    if ui.selectable_label(false, name).clicked() {
                        chosen = Some(*id);
                    }
                }
            });
        if let Some(member) = chosen {
            self.submit(
                kit_request(
                    g.id,
                    KitRequest::EventOrganiser {
                        event: e.id,
                        member,
                        on: true,
                    },
                ),
                Waiting::Other,
            );
        }
    }

    /// The form that makes or changes an event.
    fn event_form(&mut self, ui: &mut Ui, g: &GroupView) {
        let Some((_, mut f)) = self.kit.event_form.take() else {
            return;
        };
        let busy = self.is_waiting(|w| matches!(w, Waiting::Kit(super::KitForm::Event)));
        let counter = |n: usize| self.i18n.a("chars-left", &[("count", n.into())]);
        let mut close = false;
        let mut send = None;
        kit::card(ui, |ui| {
            kit::title(
                ui,
                self.i18n.t(if f.editing.is_some() {
                    "event-edit-title"
                } else {
                    "event-new"
                }),
            );
            kit::line_field(
                ui,
                &self.i18n.t("event-title"),
                &mut f.title,
                causeway_core::limits::POST_TITLE,
                f32::INFINITY,
                &counter,
                None,
            );
            ui.checkbox(&mut f.all_day, self.i18n.t("event-all-day"));
            ui.horizontal_wrapped(|ui| {
                kit::short_field(
                    ui,
                    &self.i18n.t("event-date"),
                    &mut f.date,
                    10,
                    110.0,
                    "2026-12-12",
                );
                if f.all_day {
                    kit::short_field(
                        ui,
                        &self.i18n.t("event-last-day"),
                        &mut f.last_day,
                        10,
                        110.0,
                        "2026-12-13",
                    );
                } else {
                    kit::short_field(
                        ui,
                        &self.i18n.t("event-starts"),
                        &mut f.start,
                        5,
                        60.0,
                        "10:00",
                    );
                    kit::short_field(ui, &self.i18n.t("event-ends"), &mut f.end, 5, 60.0, "12:00");
                }
                kit::short_field(
                    ui,
                    &self.i18n.t("event-zone"),
                    &mut f.zone,
                    causeway_core::limits::TIME_ZONE,
                    160.0,
                    "Europe/Paris",
                );
            });
            kit::secondary(ui, self.i18n.t("event-date-hint"));
            kit::line_field(
                ui,
                &self.i18n.t("event-place-label"),
                &mut f.place,
                causeway_core::limits::PLACE,
                f32::INFINITY,
                &counter,
                None,
            );
            kit::line_field(
                ui,
                &self.i18n.t("event-online-label"),
                &mut f.online,
                causeway_core::limits::PLACE,
                f32::INFINITY,
                &counter,
                None,
            );
            let bad_places = f
                .places()
                .is_err()
                .then(|| self.i18n.t("event-capacity-bad"));
            kit::short_field(
                ui,
                &self.i18n.t("event-capacity"),
                &mut f.capacity,
                6,
                80.0,
                "",
            );
            if let Some(bad) = &bad_places {
                let c = kit::palette(ui).danger;
                ui.label(RichText::new(bad).small().color(c));
            }
            kit::text_field(
                ui,
                egui::Id::unique("event-body").with(g.id),
                &self.i18n.t("event-body"),
                &mut f.body,
                causeway_core::limits::POST_TEXT,
                3,
                160.0,
                &counter,
            );
            ui.horizontal(|ui| {
                let ready = !f.title.trim().is_empty()
                    && !f.date.trim().is_empty()
                    && bad_places.is_none()
                    && !busy;
                let label = self.i18n.t(if f.editing.is_some() {
                    "event-save"
                } else {
                    "event-create"
                });
                if kit::primary(ui, &label, ready).clicked() {
                    let (start, end) = f.times();
                    let zone = Some(f.zone.trim().to_owned()).filter(|z| !z.is_empty());
                    let capacity = f.places().ok().flatten();
                    let req = match f.editing {
                        None => KitRequest::EventCreate {
                            title: f.title.trim().to_owned(),
                            body: f.body.clone(),
                            start,
                            end,
                            zone,
                            place: f.place.trim().to_owned(),
                            online: f.online.trim().to_owned(),
                            capacity,
                        },
                        Some(event) => KitRequest::EventEdit {
                            event,
                            title: Some(f.title.trim().to_owned()),
                            body: Some(f.body.clone()),
                            start: Some(start),
                            end: end.or(Some(String::new())),
                            zone,
                            place: Some(f.place.trim().to_owned()),
                            online: Some(f.online.trim().to_owned()),
                            capacity: Some(capacity.unwrap_or(0)),
                        },
                    };
                    send = Some(req);
                }
                if ui.button(self.i18n.t("cancel")).clicked() {
                    close = true;
                }
            });
        });
        if let Some(req) = send {
            self.submit(kit_request(g.id, req), Waiting::Kit(super::KitForm::Event));
        }
        if !close {
            self.kit.event_form = Some((g.id, f));
        }
    }
}

/// A text's first words as a file name: letters, digits, spaces and dashes.
pub(in crate::window) fn file_name(title: &str) -> String {
    let name: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == ' ' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    let name = name.trim().to_owned();
    if name.is_empty() {
        "event".into()
    } else {
        name
    }
}
