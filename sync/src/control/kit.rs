//! The requests about a group's events, polls, tasks and shifts (`causeway event ...`,
//! `poll ...`, `task ...`, `shift ...`, `agenda`) and what they answer.
//!
//! Dates come as people type them and are read here ([`crate::calendar`]), in the zone the
//! request names or this device's own, so the window and the command line read them alike.

use std::path::PathBuf;

use causeway_core::view::{EventDraft, PollDraft, Rsvp, ShiftDraft, Status, TaskDraft};
use causeway_core::{CoreError, DeviceId, Group, GroupId, ItemId, Problem, Timestamp};
use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::kit_answers::{CalendarWritten, event_line, poll_line, shift_line, task_line};
use super::{Output, as_text};
use crate::calendar;
use crate::error::SyncError;
use crate::node::Node;

/// How long an event lasts when only its start is given.
const DEFAULT_LENGTH_HOURS: i64 = 2;

/// A request about a group's campaign kit.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "what", rename_all = "kebab-case")]
pub enum KitRequest {
    /// Creates an event.
    EventCreate {
        /// Its title.
        title: String,
        /// What it is about (Markdown).
        #[serde(default)]
        body: String,
        /// Its start as typed ("2026-12-12 10:00", ISO 8601, or a date for a whole day).
        start: String,
        /// Its end as typed (none: two hours, or the whole day).
        #[serde(default)]
        end: Option<String>,
        /// The IANA zone (none: this device's).
        #[serde(default)]
        zone: Option<String>,
        /// The address.
        #[serde(default)]
        place: String,
        /// The link, for an event online.
        #[serde(default)]
        online: String,
        /// How many can come.
        #[serde(default)]
        capacity: Option<u32>,
    },
    /// Changes an event: each field given replaces the one it has (organisers and admins).
    EventEdit {
        /// The event.
        #[serde(with = "as_text")]
        event: ItemId,
        /// A new title.
        #[serde(default)]
        title: Option<String>,
        /// A new description.
        #[serde(default)]
        body: Option<String>,
        /// A new start (the length stays unless an end is given).
        #[serde(default)]
        start: Option<String>,
        /// A new end.
        #[serde(default)]
        end: Option<String>,
        /// A new zone.
        #[serde(default)]
        zone: Option<String>,
        /// A new place.
        #[serde(default)]
        place: Option<String>,
        /// A new link.
        #[serde(default)]
        online: Option<String>,
        /// A new capacity (0: no limit).
        #[serde(default)]
        capacity: Option<u32>,
    },
    /// The group's events, soonest first.
    EventList,
    /// One event.
    EventShow {
        /// The event.
        #[serde(with = "as_text")]
        event: ItemId,
    },
    /// Answers an event in my name.
    EventRsvp {
        /// The event.
        #[serde(with = "as_text")]
        event: ItemId,
        /// yes, maybe or no.
        rsvp: Rsvp,
    },
    /// Cancels an event (or, `undo`, takes the cancellation back).
    EventCancel {
        /// The event.
        #[serde(with = "as_text")]
        event: ItemId,
        /// Takes it back.
        #[serde(default)]
        undo: bool,
    },
    /// Adds or removes an organiser.
    EventOrganiser {
        /// The event.
        #[serde(with = "as_text")]
        event: ItemId,
        /// The member.
        #[serde(with = "as_text")]
        member: DeviceId,
        /// Added (or removed).
        on: bool,
    },
    /// Writes one event, or every upcoming event of the group, as an `.ics` calendar.
    EventIcs {
        /// One event (none: all upcoming).
        #[serde(default, with = "as_text::option")]
        event: Option<ItemId>,
        /// The file.
        file: PathBuf,
    },
    /// Creates a poll.
    PollCreate {
        /// The question.
        question: String,
        /// Its options.
        options: Vec<String>,
        /// Several options per member.
        #[serde(default)]
        multiple: bool,
        /// Members may add options.
        #[serde(default)]
        open: bool,
    },
    /// Votes for these options (none: withdraws my vote).
    PollVote {
        /// The poll.
        #[serde(with = "as_text")]
        poll: ItemId,
        /// The options' ids.
        options: Vec<String>,
    },
    /// Adds an option to a poll that takes them.
    PollAdd {
        /// The poll.
        #[serde(with = "as_text")]
        poll: ItemId,
        /// The option.
        text: String,
    },
    /// Closes a poll.
    PollClose {
        /// The poll.
        #[serde(with = "as_text")]
        poll: ItemId,
    },
    /// One poll with its results.
    PollShow {
        /// The poll.
        #[serde(with = "as_text")]
        poll: ItemId,
    },
    /// The group's polls.
    PollList,
    /// Adds a task.
    TaskAdd {
        /// Its title.
        title: String,
        /// Notes.
        #[serde(default)]
        notes: String,
        /// Its due date as typed.
        #[serde(default)]
        due: Option<String>,
    },
    /// Takes a task (or, `off`, lets it go).
    TaskTake {
        /// The task.
        #[serde(with = "as_text")]
        task: ItemId,
        /// Lets it go.
        #[serde(default)]
        off: bool,
    },
    /// Sets a task's status: open, doing or done.
    TaskStatus {
        /// The task.
        #[serde(with = "as_text")]
        task: ItemId,
        /// The status.
        status: Status,
    },
    /// Changes a task's words or due date (its creator, the people on it, admins): each
    /// field given replaces the one it has; an empty due date takes it away.
    TaskEdit {
        /// The task.
        #[serde(with = "as_text")]
        task: ItemId,
        /// A new title.
        #[serde(default)]
        title: Option<String>,
        /// New notes.
        #[serde(default)]
        notes: Option<String>,
        /// A new due date as typed.
        #[serde(default)]
        due: Option<String>,
    },
    /// The group's tasks.
    TaskList,
    /// Creates a shift.
    ShiftCreate {
        /// Its title.
        title: String,
        /// Its start as typed.
        start: String,
        /// Its end as typed.
        end: String,
        /// The zone.
        #[serde(default)]
        zone: Option<String>,
        /// How many people it needs.
        places: u32,
        /// Notes.
        #[serde(default)]
        notes: String,
    },
    /// Signs me up for a shift (or, `off`, withdraws me).
    ShiftJoin {
        /// The shift.
        #[serde(with = "as_text")]
        shift: ItemId,
        /// Withdraws.
        #[serde(default)]
        off: bool,
    },
    /// Cancels a shift (or, `undo`, takes the cancellation back): its creator and admins.
    ShiftCancel {
        /// The shift.
        #[serde(with = "as_text")]
        shift: ItemId,
        /// Takes it back.
        #[serde(default)]
        undo: bool,
    },
    /// The group's shifts.
    ShiftList,
}

/// What a creation answers: the new item's id (scripts read it).
fn made(group: GroupId, id: ItemId) -> Output {
    Output::Item(super::ItemRef {
        group_id: group,
        item_id: id,
    })
}

/// Reads something of the group.
fn read<T>(
    node: &Node,
    group: GroupId,
    f: impl FnOnce(&Group) -> Result<T, SyncError>,
) -> Result<T, SyncError> {
    node.local(|n| {
        let g = n.group(&group).ok_or(SyncError::UnknownGroup(group))?;
        f(g)
    })?
}

fn not_found(p: Problem) -> SyncError {
    SyncError::Core(CoreError::NotFound(p))
}

fn show_event(node: &Node, group: GroupId, id: ItemId) -> Result<Output, SyncError> {
    read(node, group, |g| {
        let e = g
            .events_with_ids([id])
            .into_iter()
            .next()
            .ok_or_else(|| not_found(Problem::EventNotFound))?;
        let name = g.info().map(|i| i.name).unwrap_or_default();
        Ok(Output::Event(Box::new(event_line(g, &name, &e))))
    })
}

fn show_poll(node: &Node, group: GroupId, id: ItemId) -> Result<Output, SyncError> {
    read(node, group, |g| {
        let p = g
            .polls_with_ids([id])
            .into_iter()
            .next()
            .ok_or_else(|| not_found(Problem::PollNotFound))?;
        Ok(Output::Poll(poll_line(g, &p)))
    })
}

fn show_task(node: &Node, group: GroupId, id: ItemId) -> Result<Output, SyncError> {
    read(node, group, |g| {
        Ok(Output::Tasks(
            g.tasks_with_ids([id])
                .iter()
                .map(|t| task_line(g, t))
                .collect(),
        ))
    })
}

fn show_shift(node: &Node, group: GroupId, id: ItemId) -> Result<Output, SyncError> {
    read(node, group, |g| {
        Ok(Output::Shifts(
            g.shifts_with_ids([id])
                .iter()
                .map(|s| shift_line(g, s))
                .collect(),
        ))
    })
}

/// Carries out a request about `group`'s campaign kit.
pub(super) fn execute(node: &Node, group: GroupId, req: KitRequest) -> Result<Output, SyncError> {
    let length = Duration::hours(DEFAULT_LENGTH_HOURS);
    match req {
        KitRequest::EventCreate {
            title,
            body,
            start,
            end,
            zone,
            place,
            online,
            capacity,
        } => {
            let when = calendar::parse_when(&start, end.as_deref(), zone.as_deref(), length)?;
            let lang =
                node.local(|n| n.profile().languages.first().cloned().unwrap_or_default())?;
            let draft = EventDraft {
                title,
                body,
                lang,
                when,
                place,
                online,
                capacity,
            };
            let id = crate::new_item_id()?;
            node.act_all(group, |g, now| g.create_event(now, id, draft))?;
            Ok(made(group, id))
        }
        KitRequest::EventEdit {
            event,
            title,
            body,
            start,
            end,
            zone,
            place,
            online,
            capacity,
        } => {
            let mut draft = read(node, group, |g| {
                g.events_with_ids([event])
                    .into_iter()
                    .next()
                    .map(|e| e.draft)
                    .ok_or_else(|| not_found(Problem::EventNotFound))
            })?;
            if start.is_some() || end.is_some() || zone.is_some() {
                let zone = zone.or_else(|| Some(draft.when.zone.clone()));
                let tz = calendar::zone(zone.as_deref())?;
                let was = draft.when.clone();
                let mut when = match &start {
                    Some(s) => calendar::parse_when(s, end.as_deref(), zone.as_deref(), length)?,
                    None => calendar::parse_when(
                        &calendar::utc(was.start)
                            .with_timezone(&tz)
                            .format("%Y-%m-%d %H:%M")
                            .to_string(),
                        end.as_deref(),
                        zone.as_deref(),
                        length,
                    )?,
                };
                // A new start alone keeps the length.
                if start.is_some() && end.is_none() && !when.all_day && !was.all_day {
                    when.end = Timestamp(when.start.0 + (was.end.0 - was.start.0));
                }
                when.validate()?;
                draft.when = when;
            }
            if let Some(t) = title {
                draft.title = t;
            }
            if let Some(b) = body {
                draft.body = b;
            }
            if let Some(p) = place {
                draft.place = p;
            }
            if let Some(o) = online {
                draft.online = o;
            }
            if let Some(c) = capacity {
                draft.capacity = (c > 0).then_some(c);
            }
            node.act(group, |g, now| g.edit_event(now, event, draft))?;
            show_event(node, group, event)
        }
        KitRequest::EventList => read(node, group, |g| {
            let name = g.info().map(|i| i.name).unwrap_or_default();
            Ok(Output::Events(
                g.events()
                    .iter()
                    .filter(|e| e.hidden.is_none())
                    .map(|e| event_line(g, &name, e))
                    .collect(),
            ))
        }),
        KitRequest::EventShow { event } => show_event(node, group, event),
        KitRequest::EventRsvp { event, rsvp } => {
            node.act(group, |g, now| g.answer_event(now, event, rsvp))?;
            show_event(node, group, event)
        }
        KitRequest::EventCancel { event, undo } => {
            node.act(group, |g, now| g.cancel_event(now, event, !undo))?;
            show_event(node, group, event)
        }
        KitRequest::EventOrganiser { event, member, on } => {
            node.act(group, |g, now| g.set_organiser(now, event, member, on))?;
            show_event(node, group, event)
        }
        KitRequest::EventIcs { event, file } => {
            let (name, events) = read(node, group, |g| {
                let name = g.info().map(|i| i.name).unwrap_or_default();
                let all = match event {
                    Some(id) => {
                        let one = g.events_with_ids([id]);
                        if one.is_empty() {
                            return Err(not_found(Problem::EventNotFound));
                        }
                        one
                    }
                    None => {
                        let now = crate::now();
                        g.events()
                            .into_iter()
                            .filter(|e| e.hidden.is_none() && e.draft.when.end >= now)
                            .collect()
                    }
                };
                Ok((name, all))
            })?;
            let text = calendar::ics(&name, events.iter().map(|e| (group, e)), crate::now());
            write_file(&file, text.as_bytes())?;
            Ok(Output::Calendar(CalendarWritten {
                file,
                events: events.len(),
            }))
        }
        KitRequest::PollCreate {
            question,
            options,
            multiple,
            open,
        } => {
            let id = crate::new_item_id()?;
            let ids = options
                .iter()
                .map(|_| crate::new_item_id())
                .collect::<Result<Vec<_>, _>>()?;
            let draft = PollDraft {
                question,
                options,
                multiple,
                open,
            };
            node.act_all(group, |g, now| g.create_poll(now, id, draft, ids))?;
            Ok(made(group, id))
        }
        KitRequest::PollVote { poll, options } => {
            let chosen = options
                .iter()
                .map(|o| ItemId::from_hex(o).map_err(SyncError::from))
                .collect::<Result<Vec<_>, _>>()?;
            node.act(group, |g, now| g.vote(now, poll, &chosen))?;
            show_poll(node, group, poll)
        }
        KitRequest::PollAdd { poll, text } => {
            let option = crate::new_item_id()?;
            node.act(group, |g, now| g.add_poll_option(now, poll, option, &text))?;
            show_poll(node, group, poll)
        }
        KitRequest::PollClose { poll } => {
            node.act(group, |g, now| g.close_poll(now, poll))?;
            show_poll(node, group, poll)
        }
        KitRequest::PollShow { poll } => show_poll(node, group, poll),
        KitRequest::PollList => read(node, group, |g| {
            Ok(Output::Polls(
                g.polls()
                    .iter()
                    .filter(|p| p.hidden.is_none())
                    .map(|p| poll_line(g, p))
                    .collect(),
            ))
        }),
        KitRequest::TaskAdd { title, notes, due } => {
            let due = match due.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                Some(d) => Some(calendar::parse_instant(d, calendar::local_zone())?.0),
                None => None,
            };
            let id = crate::new_item_id()?;
            node.act_all(group, |g, now| g.add_task(now, id, &title, &notes, due))?;
            Ok(made(group, id))
        }
        KitRequest::TaskTake { task, off } => {
            node.act(group, |g, now| g.take_task(now, task, !off))?;
            show_task(node, group, task)
        }
        KitRequest::TaskStatus { task, status } => {
            node.act(group, |g, now| g.set_task_status(now, task, status))?;
            show_task(node, group, task)
        }
        KitRequest::TaskEdit {
            task,
            title,
            notes,
            due,
        } => {
            let t = read(node, group, |g| {
                g.tasks_with_ids([task])
                    .into_iter()
                    .next()
                    .ok_or_else(|| not_found(Problem::TaskNotFound))
            })?;
            let due = match due.as_deref().map(str::trim) {
                Some("") => None,
                Some(d) => Some(calendar::parse_instant(d, calendar::local_zone())?.0),
                None => t.due,
            };
            let draft = TaskDraft {
                title: title.unwrap_or(t.title),
                notes: notes.unwrap_or(t.notes),
                due,
            };
            node.act(group, |g, now| g.edit_task(now, task, draft))?;
            show_task(node, group, task)
        }
        KitRequest::TaskList => read(node, group, |g| {
            Ok(Output::Tasks(
                g.tasks()
                    .iter()
                    .filter(|t| !t.deleted && t.hidden.is_none())
                    .map(|t| task_line(g, t))
                    .collect(),
            ))
        }),
        KitRequest::ShiftCreate {
            title,
            start,
            end,
            zone,
            places,
            notes,
        } => {
            let when = calendar::parse_when(&start, Some(&end), zone.as_deref(), length)?;
            let id = crate::new_item_id()?;
            let draft = ShiftDraft {
                title,
                notes,
                when,
                places,
            };
            node.act_all(group, |g, now| g.create_shift(now, id, draft))?;
            Ok(made(group, id))
        }
        KitRequest::ShiftJoin { shift, off } => {
            node.act(group, |g, now| g.join_shift(now, shift, !off))?;
            show_shift(node, group, shift)
        }
        KitRequest::ShiftCancel { shift, undo } => {
            node.act(group, |g, now| g.cancel_shift(now, shift, !undo))?;
            show_shift(node, group, shift)
        }
        KitRequest::ShiftList => read(node, group, |g| {
            Ok(Output::Shifts(
                g.shifts()
                    .iter()
                    .filter(|s| s.hidden.is_none())
                    .map(|s| shift_line(g, s))
                    .collect(),
            ))
        }),
    }
}

/// Every group's events from `days` ago (with `past`, else from now) to `days` ahead,
/// soonest first.
pub(super) fn agenda(node: &Node, days: u32, past: bool) -> Result<Output, SyncError> {
    let now = crate::now();
    let span = i64::from(days) * 86_400_000;
    let from = if past { now.0 - span } else { now.0 };
    let to = now.0 + span;
    let mut out = node.local(|n| {
        let mut out = Vec::new();
        for g in n.groups() {
            let name = g.info().map(|i| i.name).unwrap_or_default();
            for e in g.events() {
                if e.hidden.is_none() && e.draft.when.end.0 >= from && e.draft.when.start.0 <= to {
                    out.push(event_line(g, &name, &e));
                }
            }
        }
        out
    })?;
    out.sort_by(|a, b| a.start.cmp(&b.start).then(a.event_id.cmp(&b.event_id)));
    Ok(Output::Events(out))
}

/// Writes a calendar file, its folder made if missing.
fn write_file(file: &std::path::Path, bytes: &[u8]) -> Result<(), SyncError> {
    let dir = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    super::export::write_files(dir, &[(file, bytes)])
}
