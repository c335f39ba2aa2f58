//! What the requests about the campaign kit answer: events, polls, tasks and shifts as lists
//! and pages show them, with names where the group has them.

use std::path::PathBuf;

use causeway_core::view::{Event, Poll, Rsvp, Shift, Task};
use causeway_core::{DeviceId, Group, GroupId, ItemId};
use serde::{Deserialize, Serialize};

use super::as_text;

/// An event as a list or a page shows it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct EventLine {
    /// The group.
    #[serde(with = "as_text")]
    pub group_id: GroupId,
    /// The group's name.
    pub group: String,
    /// The event.
    #[serde(with = "as_text")]
    pub event_id: ItemId,
    /// Its title.
    pub title: String,
    /// What it is about.
    pub body: String,
    /// Its start (milliseconds since 1970, UTC).
    pub start: i64,
    /// Its end.
    pub end: i64,
    /// Its zone.
    pub zone: String,
    /// Whether it lasts whole days.
    pub all_day: bool,
    /// The address.
    pub place: String,
    /// The link.
    pub online: String,
    /// Its places, if limited.
    pub capacity: Option<u32>,
    /// Cancelled.
    pub cancelled: bool,
    /// Where it was moved from.
    pub moved_from: Option<i64>,
    /// Its organisers' names.
    pub organisers: Vec<String>,
    /// Who is going, in order.
    pub going: Vec<String>,
    /// Who waits for a place, in order.
    pub waiting: Vec<String>,
    /// Who may come.
    pub maybe: Vec<String>,
    /// Who is not coming.
    pub no: Vec<String>,
    /// My answer.
    pub mine: Option<String>,
}

/// One option of a poll, with who voted for it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct PollOptionLine {
    /// Its id.
    #[serde(with = "as_text")]
    pub option_id: ItemId,
    /// Its words.
    pub text: String,
    /// Who voted for it.
    pub voters: Vec<String>,
}

/// A poll.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct PollLine {
    /// The group.
    #[serde(with = "as_text")]
    pub group_id: GroupId,
    /// The poll.
    #[serde(with = "as_text")]
    pub poll_id: ItemId,
    /// The question.
    pub question: String,
    /// Several options per member.
    pub multiple: bool,
    /// Members may add options.
    pub open: bool,
    /// Who closed it, if it is closed.
    pub closed_by: Option<String>,
    /// Whether it is closed.
    pub closed: bool,
    /// Its options.
    pub options: Vec<PollOptionLine>,
    /// How many members voted.
    pub voters: usize,
}

/// A task.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct TaskLine {
    /// The group.
    #[serde(with = "as_text")]
    pub group_id: GroupId,
    /// The task.
    #[serde(with = "as_text")]
    pub task_id: ItemId,
    /// Its title.
    pub title: String,
    /// Its notes.
    pub notes: String,
    /// When it is due.
    pub due: Option<i64>,
    /// open, doing or done.
    pub status: String,
    /// Who is on it.
    pub assignees: Vec<String>,
}

/// A shift.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ShiftLine {
    /// The group.
    #[serde(with = "as_text")]
    pub group_id: GroupId,
    /// The shift.
    #[serde(with = "as_text")]
    pub shift_id: ItemId,
    /// Its title.
    pub title: String,
    /// Its start.
    pub start: i64,
    /// Its end.
    pub end: i64,
    /// Its zone.
    pub zone: String,
    /// Its places.
    pub places: u32,
    /// Who has a place, in order.
    pub placed: Vec<String>,
    /// Who signed up once it was full.
    pub standing_by: Vec<String>,
    /// Cancelled.
    pub cancelled: bool,
}

/// A calendar written.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct CalendarWritten {
    /// The file.
    pub file: PathBuf,
    /// How many events it holds.
    pub events: usize,
}

/// Names as a group shows them.
fn names(g: &Group, who: impl IntoIterator<Item = DeviceId>) -> Vec<String> {
    who.into_iter()
        .map(|d| g.member_name(d).unwrap_or_else(|| d.fmt_short()))
        .collect()
}

/// An event's line.
pub(crate) fn event_line(g: &Group, group_name: &str, e: &Event) -> EventLine {
    EventLine {
        group_id: g.id(),
        group: group_name.to_owned(),
        event_id: e.id,
        title: e.draft.title.clone(),
        body: e.draft.body.clone(),
        start: e.draft.when.start.0,
        end: e.draft.when.end.0,
        zone: e.draft.when.zone.clone(),
        all_day: e.draft.when.all_day,
        place: e.draft.place.clone(),
        online: e.draft.online.clone(),
        capacity: e.draft.capacity,
        cancelled: e.cancelled,
        moved_from: e.moved_from.map(|t| t.0),
        organisers: names(g, e.organisers.iter().copied()),
        going: names(g, e.going()),
        waiting: names(g, e.waiting()),
        maybe: names(g, e.answered(Rsvp::Maybe)),
        no: names(g, e.answered(Rsvp::No)),
        mine: e.answer_of(g.device()).map(|r| r.as_str().to_owned()),
    }
}

pub(super) fn poll_line(g: &Group, p: &Poll) -> PollLine {
    PollLine {
        group_id: g.id(),
        poll_id: p.id,
        question: p.question.clone(),
        multiple: p.multiple,
        open: p.open,
        closed: p.closed.is_some(),
        closed_by: p.closed.flatten().map(|d| names(g, [d]).remove(0)),
        voters: p.voters(),
        options: p
            .options
            .iter()
            .map(|o| PollOptionLine {
                option_id: o.id,
                text: o.text.clone(),
                voters: names(g, o.voters.iter().copied()),
            })
            .collect(),
    }
}

pub(super) fn task_line(g: &Group, t: &Task) -> TaskLine {
    TaskLine {
        group_id: g.id(),
        task_id: t.id,
        title: t.title.clone(),
        notes: t.notes.clone(),
        due: t.due.map(|d| d.0),
        status: t.status.as_str().to_owned(),
        assignees: names(g, t.assignees.iter().copied()),
    }
}

pub(super) fn shift_line(g: &Group, s: &Shift) -> ShiftLine {
    ShiftLine {
        group_id: g.id(),
        shift_id: s.id,
        title: s.title.clone(),
        start: s.when.start.0,
        end: s.when.end.0,
        zone: s.when.zone.clone(),
        places: s.places,
        placed: names(g, s.placed().iter().copied()),
        standing_by: names(g, s.standing_by().iter().copied()),
        cancelled: s.cancelled,
    }
}
