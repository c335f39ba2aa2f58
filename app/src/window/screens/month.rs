//! A month's calendar: the weeks of the month, each day with the first of its events, the day
//! picked below it with its events (the Events tab and the agenda show it).

use causeway_core::view::Event;
use causeway_core::{GroupId, Timestamp};
use chrono::{Datelike, NaiveDate};
use egui::{RichText, Ui};

use super::when;
use crate::window::CausewayApp;
use crate::window::design::{S, kit};

impl CausewayApp {
    /// A month's calendar of `events`; returns the events of the day picked in it.
    pub(in crate::window) fn month_view<'e>(
        &mut self,
        ui: &mut Ui,
        id: impl std::hash::Hash + std::fmt::Debug,
        events: &[(GroupId, &'e Event)],
    ) -> Vec<(GroupId, &'e Event)> {
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
        let on = |d: NaiveDate| -> Vec<(GroupId, &'e Event)> {
            events
                .iter()
                .filter(|(_, e)| {
                    let (a, b) = (
                        when::local_day(e.draft.when.start),
                        when::local_day(Timestamp(e.draft.when.end.0 - 1).max(e.draft.when.start)),
                    );
                    a <= d && d <= b
                })
                .copied()
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
        let picked = on(day);
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
