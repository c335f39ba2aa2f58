//! When something happens: the start and end that events and shifts share, with the rules
//! every peer checks on them.
//!
//! ```text
//! { start: <ms since 1970, UTC>, end: <ms>, zone: "Europe/Paris" | "", all_day: bool }
//! ```
//!
//! The instants are UTC; `zone` is the IANA zone the organiser meant (empty: none given),
//! which readers use to show the local time and to find the day of an all-day event. Peers
//! do not judge the zone's name against a time zone database (two builds with different
//! databases would disagree); they check its length and its characters.

use std::collections::HashMap;

use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};
use automerge::{AutomergeError, ObjId as ExId};

use super::{Op, boolean, forbidden, int_in, text};
use crate::error::{CoreError, Rejection};
use crate::ids::Timestamp;
use crate::problem::{Field, Problem};
use crate::read::Fields;

/// Field names.
pub(crate) const START: &str = "start";
pub(crate) const END: &str = "end";
pub(crate) const ZONE: &str = "zone";
pub(crate) const ALL_DAY: &str = "all_day";

/// The latest instant accepted: the end of the year 9999.
const LATEST: i64 = 253_402_300_799_999;
/// The longest span accepted: a year and a day.
const LONGEST: i64 = 366 * 24 * 3_600_000;

/// When something happens.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct When {
    /// Its start (UTC).
    pub start: Timestamp,
    /// Its end (UTC), never before the start.
    pub end: Timestamp,
    /// The IANA time zone the organiser gave (empty: none).
    pub zone: String,
    /// Whether it lasts whole days (`start` is the first day's midnight in `zone`, `end` the
    /// midnight after the last day).
    pub all_day: bool,
}

impl When {
    /// Checks what a person gave: the end not before the start, a span of at most a year, a
    /// zone name that could be one.
    pub fn validate(&self) -> Result<(), CoreError> {
        if self.end.0 < self.start.0 {
            return Err(CoreError::InvalidInput(Problem::EndBeforeStart));
        }
        if self.start.0 < 0 || self.end.0 > LATEST || self.end.0 - self.start.0 > LONGEST {
            return Err(CoreError::InvalidInput(Problem::DateOutOfRange));
        }
        if !zone_ok(&self.zone) {
            return Err(CoreError::InvalidInput(Problem::TooLong {
                field: Field::TimeZone,
                max: crate::limits::TIME_ZONE,
            }));
        }
        Ok(())
    }

    /// Writes it into `obj`.
    pub(crate) fn write(&self, tx: &mut Transaction<'_>, obj: &ExId) -> Result<(), AutomergeError> {
        tx.put(obj, START, self.start.0)?;
        tx.put(obj, END, self.end.0)?;
        tx.put(obj, ZONE, self.zone.as_str())?;
        tx.put(obj, ALL_DAY, self.all_day)?;
        Ok(())
    }

    /// Reads it from an object's fields. Two organisers rescheduling at once may leave the
    /// start of one and the end of the other: the end then shows no earlier than the start.
    pub(crate) fn read(f: &Fields) -> When {
        let start = f.int(START).unwrap_or(0);
        When {
            start: Timestamp(start),
            end: Timestamp(f.int(END).unwrap_or(start).max(start)),
            zone: f.text(ZONE),
            all_day: f.flag(ALL_DAY),
        }
    }
}

/// Whether `zone` could name a time zone: short, of letters, digits and `/_+-`.
fn zone_ok(zone: &str) -> bool {
    zone.len() <= crate::limits::TIME_ZONE
        && zone
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/_+-".contains(c))
}

/// The start and end one change writes, per object (by counter), for [`finish`].
#[derive(Default)]
pub(crate) struct Times(HashMap<u64, (Option<i64>, Option<i64>)>);

/// Judges an operation on one of the fields of [`When`]; `None` when `op` writes another
/// field.
pub(crate) fn check(op: &Op<'_>, times: &mut Times) -> Option<Result<(), Rejection>> {
    let OpType::Put(v) = op.action else {
        return matches!(op.key, START | END | ZONE | ALL_DAY)
            .then(|| Err(forbidden(format!("{} is changed, not removed", op.key))));
    };
    let entry = |times: &mut Times, n: i64, is_start: bool| {
        let e = times.0.entry(op.obj).or_default();
        if is_start {
            e.0 = Some(n)
        } else {
            e.1 = Some(n)
        }
    };
    Some(match op.key {
        START => int_in(v, 0, LATEST, "the start").map(|n| entry(times, n, true)),
        END => int_in(v, 0, LATEST, "the end").map(|n| entry(times, n, false)),
        ZONE => text(v, crate::limits::TIME_ZONE, "the time zone").and_then(|z| {
            if zone_ok(z) {
                Ok(())
            } else {
                Err(forbidden("the time zone is not a zone's name"))
            }
        }),
        ALL_DAY => boolean(v, "all_day"),
        _ => return None,
    })
}

/// Once the change is read: wherever it writes a start or an end it writes both, the end not
/// before the start and at most a year and a day after it.
pub(crate) fn finish(times: Times) -> Result<(), Rejection> {
    for (start, end) in times.0.into_values() {
        let (Some(start), Some(end)) = (start, end) else {
            return Err(forbidden("a start and an end are written together"));
        };
        if end < start {
            return Err(forbidden("the end is before the start"));
        }
        if end - start > LONGEST {
            return Err(forbidden("it lasts more than a year"));
        }
    }
    Ok(())
}
