//! Dates and times as the window shows them: in this computer's zone, with the weekday and
//! month in the person's language, and the event's own time beside it when its zone differs
//! ("Sat 12 Dec, 10:00–12:30 (Europe/Paris: 10:00)").

use causeway_core::Timestamp;
use causeway_core::view::When;
use causeway_sync::calendar;
use chrono::{DateTime, Datelike, Local, NaiveDate, TimeZone as _};

use crate::i18n::I18n;

/// A moment in this computer's zone.
pub(in crate::window) fn local(t: Timestamp) -> DateTime<Local> {
    Local
        .timestamp_millis_opt(t.0)
        .single()
        .unwrap_or_else(|| DateTime::<Local>::from(calendar::utc(t)))
}

/// "Sat 12 Dec".
pub(in crate::window) fn day(i18n: &I18n, d: NaiveDate) -> String {
    i18n.a(
        "date-short",
        &[
            ("weekday", weekday(i18n, d).into()),
            ("day", i64::from(d.day()).into()),
            ("month", month_short(i18n, d.month()).into()),
        ],
    )
}

/// The short name of `d`'s weekday.
pub(in crate::window) fn weekday(i18n: &I18n, d: NaiveDate) -> String {
    i18n.t(&format!("weekday-{}", d.weekday().number_from_monday()))
}

/// The short name of month `m` (1 to 12).
fn month_short(i18n: &I18n, m: u32) -> String {
    i18n.t(&format!("month-{m}"))
}

/// "December 2026".
pub(in crate::window) fn month_title(i18n: &I18n, year: i32, m: u32) -> String {
    i18n.a(
        "month-title",
        &[
            ("month", i18n.t(&format!("month-long-{m}")).into()),
            ("year", year.to_string().into()),
        ],
    )
}

/// When something happens, as one line.
pub(in crate::window) fn span(i18n: &I18n, w: &When) -> String {
    if w.all_day {
        let (first, last) = calendar::days_of(w);
        return if first == last {
            i18n.a("when-all-day", &[("day", day(i18n, first).into())])
        } else {
            i18n.a(
                "when-days",
                &[
                    ("first", day(i18n, first).into()),
                    ("last", day(i18n, last).into()),
                ],
            )
        };
    }
    let (s, e) = (local(w.start), local(w.end));
    let mut out = if s.date_naive() == e.date_naive() {
        format!(
            "{}, {}–{}",
            day(i18n, s.date_naive()),
            s.format("%H:%M"),
            e.format("%H:%M")
        )
    } else {
        format!(
            "{}, {} – {}, {}",
            day(i18n, s.date_naive()),
            s.format("%H:%M"),
            day(i18n, e.date_naive()),
            e.format("%H:%M")
        )
    };
    // Where the organiser's zone shows another time, say theirs too.
    if let Ok(tz) = w.zone.parse::<chrono_tz::Tz>() {
        let theirs = calendar::utc(w.start).with_timezone(&tz);
        if theirs.format("%H:%M").to_string() != s.format("%H:%M").to_string() {
            out.push_str(&format!(" ({}: {})", w.zone, theirs.format("%H:%M")));
        }
    }
    out
}

/// One moment, as "Sat 12 Dec, 10:00".
pub(in crate::window) fn moment(i18n: &I18n, t: Timestamp, all_day: bool) -> String {
    let l = local(t);
    if all_day {
        day(i18n, l.date_naive())
    } else {
        format!("{}, {}", day(i18n, l.date_naive()), l.format("%H:%M"))
    }
}

/// The local day of a moment.
pub(in crate::window) fn local_day(t: Timestamp) -> NaiveDate {
    local(t).date_naive()
}
