//! A group's Events tab: what is coming up (as a list or a month), each event with its answers
//! and places, the form that makes or changes one, and the group's shifts. The card that shows
//! an event is also what the feed and the agenda show.

use causeway_core::view::{Event, Rsvp};
use causeway_core::{GroupId, ItemId, Timestamp};
use causeway_sync::control::{KitRequest, Request};
use causeway_sync::views::{GroupView, Snapshot};
use chrono::{Datelike, NaiveDate};
use egui::{RichText, Ui};

use super::when;
use crate::window::confirm::Ask;
use crate::window::design::{S, XS, kit};
use crate::window::{CausewayApp, Waiting};

/// The form of a new event, or of one being changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(in crate::window) struct EventForm {
    /// The event being changed (`None`: a new one).
    pub(in crate::window) editing: Option<ItemId>,
    pub(in crate::window) title: String,
    pub(in crate::window) date: String,
    pub(in crate::window) start: String,
    pub(in crate::window) end: String,
    pub(in crate::window) all_day: bool,
    pub(in crate::window) last_day: String,
    pub(in crate::window) zone: String,
    pub(in crate::window) place: String,
    pub(in crate::window) online: String,
    pub(in crate::window) capacity: String,
    pub(in crate::window) body: String,
}

impl EventForm {
    /// A new event's form: tomorrow at 10:00, in this computer's zone.
    fn new_one() -> EventForm {
        let tomorrow = chrono::Local::now()
            .date_naive()
            .succ_opt()
            .unwrap_or_default();
        EventForm {
            date: tomorrow.format("%Y-%m-%d").to_string(),
            start: "10:00".into(),
            end: "12:00".into(),
            zone: causeway_sync::calendar::local_zone().name().to_owned(),
            ..EventForm::default()
        }
    }

    /// The form of an event to change, as it is.
    fn of(e: &Event) -> EventForm {
        let tz = causeway_sync::calendar::zone_of(&e.draft.when);
        let at = |t: Timestamp| causeway_sync::calendar::utc(t).with_timezone(&tz);
        let (s, en) = (at(e.draft.when.start), at(e.draft.when.end));
        let (_, last) = causeway_sync::calendar::days_of(&e.draft.when);
        EventForm {
            editing: Some(e.id),
            title: e.draft.title.clone(),
            date: s.format("%Y-%m-%d").to_string(),
            start: s.format("%H:%M").to_string(),
            end: en.format("%H:%M").to_string(),
            all_day: e.draft.when.all_day,
            last_day: last.format("%Y-%m-%d").to_string(),
            zone: e.draft.when.zone.clone(),
            place: e.draft.place.clone(),
            online: e.draft.online.clone(),
            capacity: e.draft.capacity.map(|c| c.to_string()).unwrap_or_default(),
            body: e.draft.body.clone(),
        }
    }

    /// The start and end as the node reads them.
    fn times(&self) -> (String, Option<String>) {
        let date = self.date.trim();
        if self.all_day {
            let last = self.last_day.trim();
            return (date.to_owned(), (!last.is_empty()).then(|| last.to_owned()));
        }
        let start = format!("{date} {}", self.start.trim());
        let end = self.end.trim();
        if end.is_empty() {
            return (start, None);
        }
        // An end before the start is on the next day (an evening into the night).
        let next = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .ok()
            .filter(|_| end < self.start.trim())
            .and_then(|d| d.succ_opt())
            .map_or(date.to_owned(), |d| d.format("%Y-%m-%d").to_string());
        (start, Some(format!("{next} {end}")))
    }

    /// The places given: `Ok(None)` for none, `Err` when it is not a number.
    fn places(&self) -> Result<Option<u32>, ()> {
        let c = self.capacity.trim();
        if c.is_empty() {
            return Ok(None);
        }
        c.parse::<u32>().map(Some).map_err(|_| ())
    }
}

/// How the Events tab shows what is coming.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(in crate::window) enum EventsView {
    /// Soonest first.
    #[default]
    List,
    /// A month's calendar.
    Month,
}

/// What the Events, Polls and Tasks tabs and the agenda keep between frames.
#[derive(Clone, Debug, Default)]
pub(in crate::window) struct KitState {
    /// The event form open, for its group.
    pub(in crate::window) event_form: Option<(GroupId, EventForm)>,
    /// List or month.
    pub(in crate::window) view: EventsView,
    /// Past events shown too.
    pub(in crate::window) past: bool,
    /// The month shown (year, month).
    pub(in crate::window) month: Option<(i32, u32)>,
    /// The day picked in the month.
    pub(in crate::window) day: Option<NaiveDate>,
    /// The shift form open, for its group.
    pub(in crate::window) shift_form: Option<(GroupId, super::shifts::ShiftForm)>,
    /// The poll form open, for its group.
    pub(in crate::window) poll_form: Option<(GroupId, super::polls::PollForm)>,
    /// What each poll's voter has ticked before voting, and the option being added.
    pub(in crate::window) ballots: std::collections::HashMap<ItemId, super::polls::Ballot>,
    /// The new task's title and due date, per group.
    pub(in crate::window) task_form: Option<(GroupId, String, String)>,
}

/// Which form a request came from, to close it once it is done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(in crate::window) enum KitForm {
    Event,
    Shift,
    Poll,
    Task,
}

impl KitState {
    /// Closes the form a request came from, now that it is done.
    pub(in crate::window) fn done(&mut self, form: KitForm) {
        match form {
            KitForm::Event => self.event_form = None,
            KitForm::Shift => self.shift_form = None,
            KitForm::Poll => self.poll_form = None,
            KitForm::Task => self.task_form = None,
        }
    }
}

/// A request about a group's kit.
pub(in crate::window) fn kit_request(group: GroupId, req: KitRequest) -> Request {
    Request::Kit {
        group,
        req: Box::new(req),
    }
}

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
                        let events: Vec<Event> = if self.kit.past {
                            g.kit.events_soonest().into_iter().rev().cloned().collect()
                        } else {
                            g.kit.upcoming(now).into_iter().cloned().collect()
                        };
                        if events.is_empty() {
                            kit::empty_state(
                                ui,
                                &self.i18n.t("events-none"),
                                &self.i18n.t("events-none-body"),
                            );
                        }
                        for e in &events {
                            self.event_card(ui, g, e, false);
                        }
                    }
                    EventsView::Month => {
                        let all: Vec<(GroupId, Event)> = g
                            .kit
                            .events_soonest()
                            .into_iter()
                            .map(|e| (g.id, e.clone()))
                            .collect();
                        let picked = self.month_view(ui, ("group-month", g.id), &all);
                        for (_, e) in picked {
                            self.event_card(ui, g, &e, false);
                        }
                    }
                }
                ui.add_space(S);
                self.shifts_section(ui, snap, g);
            });
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
                    if e.cancelled {
                        if ui.button(self.i18n.t("event-uncancel")).clicked() {
                            self.submit(
                                kit_request(
                                    g.id,
                                    KitRequest::EventCancel {
                                        event: e.id,
                                        undo: true,
                                    },
                                ),
                                Waiting::Other,
                            );
                        }
                    } else if kit::danger(ui, &self.i18n.t("event-cancel")).clicked() {
                        self.ask_first(Ask::CancelEvent {
                            group: g.id,
                            event: e.id,
                            title: e.draft.title.clone(),
                        });
                    }
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
                ui.vertical(|ui| {
                    kit::short_field(
                        ui,
                        &self.i18n.t("event-date"),
                        &mut f.date,
                        10,
                        110.0,
                        "2026-12-12",
                    );
                });
                if f.all_day {
                    ui.vertical(|ui| {
                        kit::short_field(
                            ui,
                            &self.i18n.t("event-last-day"),
                            &mut f.last_day,
                            10,
                            110.0,
                            "2026-12-13",
                        );
                    });
                } else {
                    ui.vertical(|ui| {
                        kit::short_field(
                            ui,
                            &self.i18n.t("event-starts"),
                            &mut f.start,
                            5,
                            60.0,
                            "10:00",
                        );
                    });
                    ui.vertical(|ui| {
                        kit::short_field(
                            ui,
                            &self.i18n.t("event-ends"),
                            &mut f.end,
                            5,
                            60.0,
                            "12:00",
                        );
                    });
                }
                ui.vertical(|ui| {
                    kit::short_field(
                        ui,
                        &self.i18n.t("event-zone"),
                        &mut f.zone,
                        causeway_core::limits::TIME_ZONE,
                        160.0,
                        "Europe/Paris",
                    );
                });
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

    /// A month's calendar of `events`; returns the events of the day picked in it.
    pub(in crate::window) fn month_view(
        &mut self,
        ui: &mut Ui,
        id: impl std::hash::Hash + std::fmt::Debug,
        events: &[(GroupId, Event)],
    ) -> Vec<(GroupId, Event)> {
        let today = chrono::Local::now().date_naive();
        let (year, month) = self.kit.month.unwrap_or((today.year(), today.month()));
        ui.horizontal(|ui| {
            if ui
                .button("‹")
                .on_hover_text(self.i18n.t("month-before"))
                .clicked()
            {
                self.kit.month = Some(if month == 1 {
                    (year - 1, 12)
                } else {
                    (year, month - 1)
                });
            }
            kit::title(ui, when::month_title(&self.i18n, year, month));
            if ui
                .button("›")
                .on_hover_text(self.i18n.t("month-after"))
                .clicked()
            {
                self.kit.month = Some(if month == 12 {
                    (year + 1, 1)
                } else {
                    (year, month + 1)
                });
            }
            if ui.button(self.i18n.t("month-today")).clicked() {
                self.kit.month = None;
                self.kit.day = Some(today);
            }
        });
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
            return Vec::new();
        };
        let offset = first.weekday().num_days_from_monday() as i64;
        let start = first - chrono::Duration::days(offset);
        let on = |d: NaiveDate| -> Vec<&(GroupId, Event)> {
            events
                .iter()
                .filter(|(_, e)| {
                    let (a, b) = (
                        when::local_day(e.draft.when.start),
                        when::local_day(Timestamp(e.draft.when.end.0 - 1).max(e.draft.when.start)),
                    );
                    a <= d && d <= b
                })
                .collect()
        };
        let cell_w = ((ui.available_width() - 6.0 * 4.0) / 7.0 - 1.0).max(40.0);
        egui::Grid::new(("month", id))
            .spacing([4.0, 4.0])
            .min_col_width(cell_w)
            .max_col_width(cell_w)
            .show(ui, |ui| {
                for i in 0..7 {
                    let d = start + chrono::Duration::days(i);
                    ui.label(kit::strong(when::weekday(&self.i18n, d)));
                }
                ui.end_row();
                for week in 0..6 {
                    for i in 0..7 {
                        let d = start + chrono::Duration::days(week * 7 + i);
                        let here = on(d);
                        let p = kit::palette(ui);
                        let label = match here.as_slice() {
                            [] => format!("{}", d.day()),
                            [(_, e)] => format!("{}\n{}", d.day(), short_title(&e.draft.title)),
                            [(_, e), more @ ..] => {
                                format!(
                                    "{}\n{} +{}",
                                    d.day(),
                                    short_title(&e.draft.title),
                                    more.len()
                                )
                            }
                        };
                        let mut text = RichText::new(label);
                        if d.month() != month {
                            text = text.color(p.muted);
                        }
                        if d == today {
                            text = text.strong().color(p.accent);
                        }
                        let b = ui.add_sized(
                            [cell_w, 44.0],
                            egui::Button::selectable(self.kit.day == Some(d), text)
                                .wrap_mode(egui::TextWrapMode::Wrap),
                        );
                        let names: Vec<&str> =
                            here.iter().map(|(_, e)| e.draft.title.as_str()).collect();
                        let b = if names.is_empty() {
                            b
                        } else {
                            b.on_hover_text(names.join("\n"))
                        };
                        if b.clicked() {
                            self.kit.day = Some(d);
                        }
                    }
                    ui.end_row();
                }
            });
        ui.add_space(S);
        let day = self.kit.day.unwrap_or(today);
        kit::secondary(ui, when::day(&self.i18n, day));
        let picked: Vec<(GroupId, Event)> = on(day).into_iter().cloned().collect();
        if picked.is_empty() {
            ui.label(self.i18n.t("month-day-empty"));
        }
        picked
    }
}

/// The start of a title, to fit a day of the month.
fn short_title(title: &str) -> String {
    let mut t: String = title.chars().take(8).collect();
    if title.chars().count() > 8 {
        t.push('…');
    }
    t
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
