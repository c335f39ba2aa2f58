//! Dates as people write them, and calendars as other programs read them.
//!
//! [`parse_when`] reads a start and an end as typed on the command line or in the window
//! ("2026-12-12 10:00", ISO 8601 with or without an offset, or a date alone for a whole day)
//! in a named IANA zone or this device's own. [`ics`] writes events as an RFC 5545 calendar:
//! each event's UID is made from its group and id, so it stays the same across exports and a
//! calendar program updates the event instead of adding a copy; times are in UTC, all-day
//! events are dates in the event's zone; text is escaped and lines folded at 75 octets.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

use causeway_core::view::{Event, When};
use causeway_core::{GroupId, Timestamp};

use crate::error::{SyncError, SyncProblem};

/// The zone named `name`, or this device's own when `name` is `None` or empty (UTC when the
/// system does not say).
pub fn zone(name: Option<&str>) -> Result<Tz, SyncError> {
    match name.map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => n
            .parse::<Tz>()
            .map_err(|_| SyncError::InvalidInput(SyncProblem::UnknownZone { zone: n.to_owned() })),
        None => Ok(local_zone()),
    }
}

/// This device's zone.
pub fn local_zone() -> Tz {
    iana_time_zone::get_timezone()
        .ok()
        .and_then(|n| n.parse::<Tz>().ok())
        .unwrap_or(Tz::UTC)
}

/// An instant as typed: `Ok((instant, false))` for a date and time, `Ok((midnight, true))`
/// for a date alone (in `tz`).
pub fn parse_instant(s: &str, tz: Tz) -> Result<(Timestamp, bool), SyncError> {
    let s = s.trim();
    let bad = || {
        SyncError::InvalidInput(SyncProblem::BadDate {
            given: s.to_owned(),
        })
    };
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Ok((Timestamp(dt.timestamp_millis()), false));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok((local(tz, d.and_time(NaiveTime::MIN), s)?, true));
    }
    for f in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(naive) = NaiveDateTime::parse_from_str(s, f) {
            return Ok((local(tz, naive, s)?, false));
        }
    }
    Err(bad())
}

/// A wall-clock time in `tz` as an instant. In the hour the clocks go back, the earlier of
/// the two; in the hour they skip, a sentence.
fn local(tz: Tz, naive: NaiveDateTime, given: &str) -> Result<Timestamp, SyncError> {
    tz.from_local_datetime(&naive)
        .earliest()
        .map(|d| Timestamp(d.timestamp_millis()))
        .ok_or_else(|| {
            SyncError::InvalidInput(SyncProblem::NoSuchTime {
                given: given.to_owned(),
                zone: tz.name().to_owned(),
            })
        })
}

/// When something happens, from a start and an optional end as typed, in the zone `zone`
/// (this device's when `None`). A date alone makes an all-day event, ending after the end's
/// date (or the start's); a time without an end lasts `default_length`.
pub fn parse_when(
    start: &str,
    end: Option<&str>,
    zone_name: Option<&str>,
    default_length: Duration,
) -> Result<When, SyncError> {
    let tz = zone(zone_name)?;
    let (s, all_day) = parse_instant(start, tz)?;
    let e = match end.map(str::trim).filter(|e| !e.is_empty()) {
        Some(end) => {
            let (e, date_only) = parse_instant(end, tz)?;
            if all_day && date_only {
                next_midnight(e, tz)
            } else {
                e
            }
        }
        None if all_day => next_midnight(s, tz),
        None => Timestamp(s.0 + default_length.num_milliseconds()),
    };
    let when = When {
        start: s,
        end: e,
        zone: tz.name().to_owned(),
        all_day,
    };
    when.validate()?;
    Ok(when)
}

/// The midnight after the day of `t` in `tz`.
fn next_midnight(t: Timestamp, tz: Tz) -> Timestamp {
    let day = utc(t).with_timezone(&tz).date_naive();
    let next = day.succ_opt().unwrap_or(day).and_time(NaiveTime::MIN);
    tz.from_local_datetime(&next)
        .earliest()
        .map_or(Timestamp(t.0 + 86_400_000), |d| {
            Timestamp(d.timestamp_millis())
        })
}

/// An instant as chrono's.
pub fn utc(t: Timestamp) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(t.0).single().unwrap_or_default()
}

/// The zone an event was given (UTC when it names none this build knows).
pub fn zone_of(when: &When) -> Tz {
    when.zone.parse::<Tz>().unwrap_or(Tz::UTC)
}

/// The first and last day of an all-day event, in its zone.
pub fn days_of(when: &When) -> (NaiveDate, NaiveDate) {
    let tz = zone_of(when);
    let first = utc(when.start).with_timezone(&tz).date_naive();
    let after = utc(when.end).with_timezone(&tz).date_naive();
    let last = after.pred_opt().filter(|l| *l >= first).unwrap_or(first);
    (first, last)
}

/// The UID an event keeps in every calendar it is exported to.
pub fn uid(group: GroupId, e: &Event) -> String {
    format!(
        "{}-{}@{}.causeway",
        e.id.to_hex(),
        e.creator.fmt_short(),
        group.fmt_short()
    )
}

/// The events, each with its group, as an RFC 5545 calendar named `name`. `now` is the
/// moment of the export (`DTSTAMP`).
pub fn ics<'a>(
    name: &str,
    events: impl IntoIterator<Item = (GroupId, &'a Event)>,
    now: Timestamp,
) -> String {
    use icalendar::{Calendar, Component, EventLike, EventStatus};
    let mut cal = Calendar::empty();
    cal.append_property(icalendar::Property::new("VERSION", "2.0"));
    cal.append_property(icalendar::Property::new(
        "PRODID",
        "-//Causeway//Causeway//EN",
    ));
    cal.append_property(icalendar::Property::new("CALSCALE", "GREGORIAN"));
    cal.name(name);
    for (group, e) in events {
        let mut ev = icalendar::Event::new();
        ev.uid(&uid(group, e))
            .summary(&e.draft.title)
            .timestamp(utc(now))
            .created(utc(e.created))
            .last_modified(utc(e.edited_at.unwrap_or(e.created)))
            .sequence(sequence(e))
            .status(if e.cancelled {
                EventStatus::Cancelled
            } else {
                EventStatus::Confirmed
            });
        if e.draft.when.all_day {
            let (first, last) = days_of(&e.draft.when);
            ev.starts(first).ends(last.succ_opt().unwrap_or(last));
        } else {
            ev.starts(utc(e.draft.when.start))
                .ends(utc(e.draft.when.end));
        }
        let mut description = e.draft.body.clone();
        if !e.draft.online.is_empty() {
            if !description.is_empty() {
                description.push_str("\n\n");
            }
            description.push_str(&e.draft.online);
            ev.url(&e.draft.online);
        }
        if !description.is_empty() {
            ev.description(&description);
        }
        if !e.draft.place.is_empty() {
            ev.location(&e.draft.place);
        }
        cal.push(ev.done());
    }
    cal.done().to_string()
}

/// A number that grows with every edit of an event (`SEQUENCE`), so that a calendar takes a
/// later export of it as an update: 0 before any edit, then one more than the seconds from
/// its creation to its last edit.
fn sequence(e: &Event) -> u32 {
    e.edited_at.map_or(0, |at| {
        u32::try_from((at.0 - e.created.0).max(0) / 1000 + 1).unwrap_or(u32::MAX)
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use causeway_core::view::EventDraft;
    use causeway_core::{DeviceId, ItemId};

    fn paris() -> Tz {
        zone(Some("Europe/Paris")).unwrap()
    }

    #[test]
    fn a_local_time_in_a_named_zone_is_the_right_instant() {
        let (t, day) = parse_instant("2026-12-12 10:00", paris()).unwrap();
        assert!(!day);
        // 10:00 in Paris in December is 09:00 UTC.
        assert_eq!(utc(t).to_rfc3339(), "2026-12-12T09:00:00+00:00");
        let (t2, _) = parse_instant("2026-12-12T10:00:00+01:00", Tz::UTC).unwrap();
        assert_eq!(t, t2);
        let (t3, _) = parse_instant("2026-07-12T10:00", paris()).unwrap();
        assert_eq!(utc(t3).to_rfc3339(), "2026-07-12T08:00:00+00:00");
    }

    #[test]
    fn a_bad_date_or_zone_or_a_skipped_hour_gets_its_own_sentence() {
        let e = parse_instant("next saturday", paris()).unwrap_err();
        assert!(matches!(
            e,
            SyncError::InvalidInput(SyncProblem::BadDate { .. })
        ));
        assert!(e.to_string().contains("2026-12-12 10:00"), "{e}");
        let e = zone(Some("Mars/Olympus")).unwrap_err();
        assert!(matches!(
            e,
            SyncError::InvalidInput(SyncProblem::UnknownZone { .. })
        ));
        // The clocks skip from 02:00 to 03:00 on 29 March 2026 in Paris.
        let e = parse_instant("2026-03-29 02:30", paris()).unwrap_err();
        assert!(matches!(
            e,
            SyncError::InvalidInput(SyncProblem::NoSuchTime { .. })
        ));
    }

    #[test]
    fn a_date_alone_is_a_whole_day_and_an_end_before_the_start_is_refused() {
        let w = parse_when("2026-12-12", None, Some("Europe/Paris"), Duration::hours(2)).unwrap();
        assert!(w.all_day);
        assert_eq!(
            days_of(&w),
            (
                NaiveDate::from_ymd_opt(2026, 12, 12).unwrap(),
                NaiveDate::from_ymd_opt(2026, 12, 12).unwrap()
            )
        );
        let w = parse_when(
            "2026-12-12",
            Some("2026-12-13"),
            Some("Europe/Paris"),
            Duration::hours(2),
        )
        .unwrap();
        assert_eq!(
            days_of(&w).1,
            NaiveDate::from_ymd_opt(2026, 12, 13).unwrap()
        );
        let w = parse_when(
            "2026-12-12 10:00",
            None,
            Some("Europe/Paris"),
            Duration::hours(2),
        )
        .unwrap();
        assert_eq!(w.end.0 - w.start.0, 2 * 3_600_000);
        let e = parse_when(
            "2026-12-12 10:00",
            Some("2026-12-12 09:00"),
            None,
            Duration::hours(2),
        );
        assert!(
            matches!(
                e,
                Err(SyncError::Core(causeway_core::CoreError::InvalidInput(
                    causeway_core::Problem::EndBeforeStart
                )))
            ),
            "{e:?}"
        );
    }

    fn event(title: &str, body: &str, when: When) -> Event {
        Event {
            id: ItemId::from_u64(7),
            creator: DeviceId::from_hex(&"ab".repeat(32)).unwrap(),
            created: Timestamp(1_790_000_000_000),
            draft: EventDraft {
                title: title.into(),
                body: body.into(),
                lang: "en".into(),
                when,
                place: "Quai de Saône; by the bridge, Lyon".into(),
                online: String::new(),
                capacity: None,
            },
            cancelled: false,
            moved_from: None,
            edited_at: None,
            hidden: None,
            organisers: Vec::new(),
            answers: Vec::new(),
        }
    }

    #[test]
    fn an_ics_file_reads_back_in_an_independent_parser_with_the_right_times() {
        let group = GroupId::from_bytes([3; 32]);
        let long =
            "Gloves, bags and boots; we meet at the bridge, then walk down the river to the weir. "
                .repeat(4);
        let timed = event(
            "River clean-up, with everyone",
            &long,
            parse_when(
                "2026-12-12 10:00",
                Some("2026-12-12 12:30"),
                Some("Europe/Paris"),
                Duration::hours(2),
            )
            .unwrap(),
        );
        let mut day = event(
            "Market day",
            "",
            parse_when("2026-12-19", None, Some("Europe/Paris"), Duration::hours(2)).unwrap(),
        );
        day.id = ItemId::from_u64(8);
        let text = ics(
            "Clean River",
            [(group, &timed), (group, &day)],
            Timestamp(1_795_000_000_000),
        );
        // Lines are folded at 75 octets and end with CRLF.
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
        let parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let cals: Vec<_> = parser.collect::<Result<_, _>>().unwrap();
        assert_eq!(cals.len(), 1);
        let events = &cals[0].events;
        assert_eq!(events.len(), 2);
        let prop = |i: usize, name: &str| {
            events[i]
                .properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
                .unwrap_or_default()
        };
        assert_eq!(prop(0, "SUMMARY"), "River clean-up\\, with everyone");
        assert_eq!(
            prop(0, "LOCATION"),
            "Quai de Saône\\; by the bridge\\, Lyon"
        );
        assert_eq!(prop(0, "DTSTART"), "20261212T090000Z");
        assert_eq!(prop(0, "DTEND"), "20261212T113000Z");
        assert_eq!(prop(0, "UID"), uid(group, &timed));
        assert!(prop(0, "DESCRIPTION").starts_with("Gloves\\, bags and boots"));
        assert_eq!(prop(1, "DTSTART"), "20261219");
        assert_eq!(prop(1, "DTEND"), "20261220");
        // The UID stays the same in a later export.
        let again = ics(
            "Clean River",
            [(group, &timed)],
            Timestamp(1_796_000_000_000),
        );
        assert!(again.contains(&format!("UID:{}", uid(group, &timed))));
    }
}
