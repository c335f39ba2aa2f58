//! What the Events, Polls and Tasks tabs and the agenda keep between frames: the forms being
//! filled (a new event or one being changed, a shift, a poll, a task), the ballots ticked
//! before voting, the list or month shown; and which form a request came from.

use causeway_core::view::{Event, MIN_OPTIONS};
use causeway_core::{GroupId, ItemId, Timestamp};
use causeway_sync::control::{KitRequest, Request};
use chrono::NaiveDate;

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
    pub(in crate::window) fn new_one() -> EventForm {
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
    pub(in crate::window) fn of(e: &Event) -> EventForm {
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
    pub(in crate::window) fn times(&self) -> (String, Option<String>) {
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
    pub(in crate::window) fn places(&self) -> Result<Option<u32>, ()> {
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
    pub(in crate::window) shift_form: Option<(GroupId, ShiftForm)>,
    /// The poll form open, for its group.
    pub(in crate::window) poll_form: Option<(GroupId, PollForm)>,
    /// What each poll's voter has ticked before voting, and the option being added.
    pub(in crate::window) ballots: std::collections::HashMap<ItemId, Ballot>,
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

/// The form of a new shift.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(in crate::window) struct ShiftForm {
    pub(in crate::window) title: String,
    pub(in crate::window) date: String,
    pub(in crate::window) start: String,
    pub(in crate::window) end: String,
    pub(in crate::window) places: String,
}

/// The form of a new poll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(in crate::window) struct PollForm {
    pub(in crate::window) question: String,
    pub(in crate::window) options: Vec<String>,
    pub(in crate::window) multiple: bool,
    pub(in crate::window) open: bool,
}

impl Default for PollForm {
    fn default() -> Self {
        PollForm {
            question: String::new(),
            options: vec![String::new(); MIN_OPTIONS],
            multiple: false,
            open: false,
        }
    }
}

/// What a voter has ticked in one poll before voting, and an option being added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(in crate::window) struct Ballot {
    pub(in crate::window) ticked: Vec<ItemId>,
    pub(in crate::window) new_option: String,
}
