//! The campaign kit on the command line: `causeway event ...`, `poll ...`, `task ...`,
//! `shift ...` (what a person types, and the requests it makes). An event, a poll, a task or a
//! shift is named by its id, the start of it, or its exact title; a poll's option by its
//! number (1, 2...), its exact words, or the start of its id.
use std::path::PathBuf;

use causeway_core::GroupId;
use causeway_core::ItemId;
use causeway_core::view::{Rsvp, Status};
use causeway_sync::control::{KitRequest, Output, PollLine, Request};
use clap::Subcommand;

use super::find::{Candidate, Finder, here, pick};

/// `causeway event ...`.
#[derive(Subcommand, Debug)]
pub enum EventCmd {
    /// Create an event; prints its id.
    Create {
        /// Group id, prefix or name.
        group: String,
        /// Its title.
        title: String,
        /// When it starts: "2026-12-12 10:00" (in --tz, or this computer's zone), ISO 8601
        /// ("2026-12-12T10:00:00+01:00"), or a date alone for a whole day.
        #[arg(long)]
        start: String,
        /// When it ends (default: two hours later, or the end of the day).
        #[arg(long)]
        end: Option<String>,
        /// The time zone it happens in, such as Europe/Paris (default: this computer's).
        #[arg(long = "tz", value_name = "ZONE")]
        tz: Option<String>,
        /// Where: an address.
        #[arg(long, default_value = "", conflicts_with = "online")]
        place: String,
        /// Online: the link to join.
        #[arg(long, value_name = "URL", default_value = "")]
        online: String,
        /// How many people can come; further yes answers wait for a place.
        #[arg(long)]
        capacity: Option<u32>,
        /// What it is about (Markdown).
        #[arg(long, default_value = "")]
        text: String,
    },
    /// Change an event (organisers and admins): what you give replaces what it has. A new
    /// start keeps its length; everyone who answered sees where it moved.
    Edit {
        /// Group id, prefix or name.
        group: String,
        /// The event's id (or its start) or title.
        event: String,
        /// A new title.
        #[arg(long)]
        title: Option<String>,
        /// A new start.
        #[arg(long)]
        start: Option<String>,
        /// A new end.
        #[arg(long)]
        end: Option<String>,
        /// A new time zone.
        #[arg(long = "tz", value_name = "ZONE")]
        tz: Option<String>,
        /// A new place.
        #[arg(long)]
        place: Option<String>,
        /// A new link.
        #[arg(long, value_name = "URL")]
        online: Option<String>,
        /// A new number of places (0: no limit).
        #[arg(long)]
        capacity: Option<u32>,
        /// A new description.
        #[arg(long)]
        text: Option<String>,
    },
    /// List the group's events, soonest first.
    List {
        /// Group id, prefix or name.
        group: String,
    },
    /// Show an event: when, where, who is going, who waits for a place.
    Show {
        /// Group id, prefix or name.
        group: String,
        /// The event's id (or its start) or title.
        event: String,
    },
    /// Answer an event: yes, maybe or no (you can change your answer).
    Rsvp {
        /// Group id, prefix or name.
        group: String,
        /// The event's id (or its start) or title.
        event: String,
        /// yes, maybe or no.
        #[arg(value_parser = parse_rsvp)]
        answer: Rsvp,
    },
    /// Cancel an event (organisers and admins); --undo takes the cancellation back.
    Cancel {
        /// Group id, prefix or name.
        group: String,
        /// The event's id (or its start) or title.
        event: String,
        /// Take the cancellation back.
        #[arg(long)]
        undo: bool,
    },
    /// Make a member an organiser of an event (its creator and admins); --undo takes it back.
    Organiser {
        /// Group id, prefix or name.
        group: String,
        /// The event's id (or its start) or title.
        event: String,
        /// The member: their device id (or its start), or name.
        member: String,
        /// Take it back.
        #[arg(long)]
        undo: bool,
    },
    /// Write an event, or all upcoming events of the group, as an .ics file for any calendar.
    Ics {
        /// Group id, prefix or name.
        group: String,
        /// The event (leave out for all upcoming events), then the file.
        #[arg(num_args = 1..=2, required = true, value_names = ["EVENT", "FILE"])]
        rest: Vec<String>,
    },
}

/// `causeway poll ...`. The window and `poll show` say it plainly: members see who voted what.
#[derive(Subcommand, Debug)]
pub enum PollCmd {
    /// Ask the group a question; prints the poll's id.
    Create {
        /// Group id, prefix or name.
        group: String,
        /// The question.
        question: String,
        /// An option (give 2 to 20).
        #[arg(long = "option", required = true)]
        options: Vec<String>,
        /// Members may choose several options.
        #[arg(long)]
        multiple: bool,
        /// Members may add options.
        #[arg(long = "open")]
        open: bool,
    },
    /// Vote: the options by number, words or id (none with --withdraw).
    Vote {
        /// Group id, prefix or name.
        group: String,
        /// The poll's id (or its start) or question.
        poll: String,
        /// The options you choose.
        #[arg(required_unless_present = "withdraw")]
        options: Vec<String>,
        /// Take your vote back.
        #[arg(long)]
        withdraw: bool,
    },
    /// Add an option to a poll that takes them from members.
    Add {
        /// Group id, prefix or name.
        group: String,
        /// The poll's id (or its start) or question.
        poll: String,
        /// The option.
        text: String,
    },
    /// Close a poll (its creator and admins); its results are final.
    Close {
        /// Group id, prefix or name.
        group: String,
        /// The poll's id (or its start) or question.
        poll: String,
    },
    /// Show a poll's results and who voted what.
    Show {
        /// Group id, prefix or name.
        group: String,
        /// The poll's id (or its start) or question.
        poll: String,
    },
    /// List the group's polls.
    List {
        /// Group id, prefix or name.
        group: String,
    },
}

/// `causeway task ...`.
#[derive(Subcommand, Debug)]
pub enum TaskCmd {
    /// Add a task to the group's list; prints its id.
    Add {
        /// Group id, prefix or name.
        group: String,
        /// What to do.
        title: String,
        /// When it is due: "2026-12-12" or "2026-12-12 18:00".
        #[arg(long)]
        due: Option<String>,
        /// More about it.
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Take a task: you are on it (--undo lets it go).
    Take {
        /// Group id, prefix or name.
        group: String,
        /// The task's id (or its start) or title.
        task: String,
        /// Let it go.
        #[arg(long)]
        undo: bool,
    },
    /// Mark a task done (its creator, the people on it, admins).
    Done {
        /// Group id, prefix or name.
        group: String,
        /// The task's id (or its start) or title.
        task: String,
    },
    /// Set a task's status: open, doing or done.
    Status {
        /// Group id, prefix or name.
        group: String,
        /// The task's id (or its start) or title.
        task: String,
        /// open, doing or done.
        #[arg(value_parser = parse_status)]
        status: Status,
    },
    /// Change a task's title, notes or due date (its creator, the people on it, admins);
    /// --due "" takes the due date away.
    Edit {
        /// Group id, prefix or name.
        group: String,
        /// The task's id (or its start) or title.
        task: String,
        /// A new title.
        #[arg(long)]
        title: Option<String>,
        /// New notes.
        #[arg(long)]
        notes: Option<String>,
        /// A new due date.
        #[arg(long)]
        due: Option<String>,
    },
    /// List the group's tasks: open ones first, by due date.
    List {
        /// Group id, prefix or name.
        group: String,
    },
}

/// `causeway shift ...`.
#[derive(Subcommand, Debug)]
pub enum ShiftCmd {
    /// Create a shift with a number of places; prints its id.
    Create {
        /// Group id, prefix or name.
        group: String,
        /// What it is ("Market stand").
        title: String,
        /// When it starts ("2026-12-12 10:00").
        #[arg(long)]
        start: String,
        /// When it ends.
        #[arg(long)]
        end: String,
        /// How many people it needs.
        #[arg(long)]
        places: u32,
        /// The time zone (default: this computer's).
        #[arg(long = "tz", value_name = "ZONE")]
        tz: Option<String>,
    },
    /// Sign up for a shift.
    Join {
        /// Group id, prefix or name.
        group: String,
        /// The shift's id (or its start) or title.
        shift: String,
    },
    /// Withdraw from a shift.
    Leave {
        /// Group id, prefix or name.
        group: String,
        /// The shift's id (or its start) or title.
        shift: String,
    },
    /// Cancel a shift (its creator and admins); --undo takes the cancellation back.
    Cancel {
        /// Group id, prefix or name.
        group: String,
        /// The shift's id (or its start) or title.
        shift: String,
        /// Take the cancellation back.
        #[arg(long)]
        undo: bool,
    },
    /// List the group's shifts, with who has a place.
    List {
        /// Group id, prefix or name.
        group: String,
    },
}

fn parse_rsvp(s: &str) -> Result<Rsvp, String> {
    Rsvp::parse(&s.to_ascii_lowercase()).ok_or_else(|| format!("{s:?}: answer yes, maybe or no"))
}

fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(&s.to_ascii_lowercase())
        .ok_or_else(|| format!("{s:?}: a task is open, doing or done"))
}

/// Which list an item is found in.
#[derive(Clone, Copy)]
enum Kind {
    Event,
    Poll,
    Task,
    Shift,
}

impl Kind {
    fn what(self) -> &'static str {
        match self {
            Kind::Event => "event",
            Kind::Poll => "poll",
            Kind::Task => "task",
            Kind::Shift => "shift",
        }
    }
}

/// The event, poll, task or shift of `group` that `word` names.
fn find_item(find: &Finder, group: GroupId, kind: Kind, word: &str) -> anyhow::Result<ItemId> {
    if let Ok(id) = ItemId::from_hex(word) {
        return Ok(id);
    }
    let req = match kind {
        Kind::Event => KitRequest::EventList,
        Kind::Poll => KitRequest::PollList,
        Kind::Task => KitRequest::TaskList,
        Kind::Shift => KitRequest::ShiftList,
    };
    let all: Vec<Candidate<ItemId>> = match find.ask(Request::Kit {
        group,
        req: Box::new(req),
    })? {
        Output::Events(l) => l.into_iter().map(|e| cand(e.event_id, e.title)).collect(),
        Output::Polls(l) => l.into_iter().map(|p| cand(p.poll_id, p.question)).collect(),
        Output::Tasks(l) => l.into_iter().map(|t| cand(t.task_id, t.title)).collect(),
        Output::Shifts(l) => l.into_iter().map(|s| cand(s.shift_id, s.title)).collect(),
        _ => anyhow::bail!("The running Causeway answered something else; try again."),
    };
    let list_with = format!("causeway {} list GROUP", kind.what());
    pick(word, kind.what(), &list_with, all)
}

fn cand(id: ItemId, name: String) -> Candidate<ItemId> {
    Candidate {
        value: id,
        hex: id.to_hex(),
        name: Some(name),
    }
}

/// The options of `poll` that `words` name: by number, exact words, or the start of the id.
fn options(poll: &PollLine, words: &[String]) -> anyhow::Result<Vec<String>> {
    words
        .iter()
        .map(|w| {
            if let Ok(n) = w.trim().parse::<usize>()
                && let Some(o) = n.checked_sub(1).and_then(|i| poll.options.get(i))
            {
                return Ok(o.option_id.to_hex());
            }
            let all = poll
                .options
                .iter()
                .map(|o| cand(o.option_id, o.text.clone()))
                .collect();
            let id = pick(w, "option", "causeway poll show GROUP POLL", all)?;
            Ok(id.to_hex())
        })
        .collect()
}

/// The group `group` names, and the item of `kind` that `word` names in it.
fn named(find: &Finder, kind: Kind, group: &str, word: &str) -> anyhow::Result<(GroupId, ItemId)> {
    let g = find.group(group)?;
    Ok((g, find_item(find, g, kind, word)?))
}

/// A request about `group`'s kit.
fn kit_request(group: GroupId, req: KitRequest) -> Request {
    Request::Kit {
        group,
        req: Box::new(req),
    }
}

/// The request `causeway event ...` makes.
pub fn event(cmd: EventCmd, find: &Finder) -> anyhow::Result<Request> {
    let kit = |group: &str, req: KitRequest| -> anyhow::Result<Request> {
        Ok(Request::Kit {
            group: find.group(group)?,
            req: Box::new(req),
        })
    };
    let item = |group: &str, word: &str| named(find, Kind::Event, group, word);
    Ok(match cmd {
        EventCmd::Create {
            group,
            title,
            start,
            end,
            tz,
            place,
            online,
            capacity,
            text,
        } => kit(
            &group,
            KitRequest::EventCreate {
                title,
                body: text,
                start,
                end,
                zone: tz,
                place,
                online,
                capacity,
            },
        )?,
        EventCmd::Edit {
            group,
            event,
            title,
            start,
            end,
            tz,
            place,
            online,
            capacity,
            text,
        } => {
            let (group, event) = item(&group, &event)?;
            kit_request(
                group,
                KitRequest::EventEdit {
                    event,
                    title,
                    body: text,
                    start,
                    end,
                    zone: tz,
                    place,
                    online,
                    capacity,
                },
            )
        }
        EventCmd::List { group } => kit(&group, KitRequest::EventList)?,
        EventCmd::Show { group, event } => {
            let (group, event) = item(&group, &event)?;
            kit_request(group, KitRequest::EventShow { event })
        }
        EventCmd::Rsvp {
            group,
            event,
            answer,
        } => {
            let (group, event) = item(&group, &event)?;
            kit_request(
                group,
                KitRequest::EventRsvp {
                    event,
                    rsvp: answer,
                },
            )
        }
        EventCmd::Cancel { group, event, undo } => {
            let (group, event) = item(&group, &event)?;
            kit_request(group, KitRequest::EventCancel { event, undo })
        }
        EventCmd::Organiser {
            group,
            event,
            member,
            undo,
        } => {
            let (group, event) = item(&group, &event)?;
            kit_request(
                group,
                KitRequest::EventOrganiser {
                    event,
                    member: find.member(group, &member)?,
                    on: !undo,
                },
            )
        }
        EventCmd::Ics { group, mut rest } => {
            let file = here(PathBuf::from(rest.pop().unwrap_or_default()));
            let g = find.group(&group)?;
            let event = match rest.pop() {
                Some(word) => Some(find_item(find, g, Kind::Event, &word)?),
                None => None,
            };
            kit_request(g, KitRequest::EventIcs { event, file })
        }
    })
}

/// The request `causeway poll ...` makes.
pub fn poll(cmd: PollCmd, find: &Finder) -> anyhow::Result<Request> {
    let item = |group: &str, word: &str| named(find, Kind::Poll, group, word);
    let req = kit_request;
    Ok(match cmd {
        PollCmd::Create {
            group,
            question,
            options,
            multiple,
            open,
        } => req(
            find.group(&group)?,
            KitRequest::PollCreate {
                question,
                options,
                multiple,
                open,
            },
        ),
        PollCmd::Vote {
            group,
            poll,
            options: words,
            withdraw,
        } => {
            let (g, poll) = item(&group, &poll)?;
            let chosen = if withdraw {
                Vec::new()
            } else {
                let Output::Poll(line) = find.ask(req(g, KitRequest::PollShow { poll }))? else {
                    anyhow::bail!("The running Causeway answered something else; try again.");
                };
                options(&line, &words)?
            };
            req(
                g,
                KitRequest::PollVote {
                    poll,
                    options: chosen,
                },
            )
        }
        PollCmd::Add { group, poll, text } => {
            let (g, poll) = item(&group, &poll)?;
            req(g, KitRequest::PollAdd { poll, text })
        }
        PollCmd::Close { group, poll } => {
            let (g, poll) = item(&group, &poll)?;
            req(g, KitRequest::PollClose { poll })
        }
        PollCmd::Show { group, poll } => {
            let (g, poll) = item(&group, &poll)?;
            req(g, KitRequest::PollShow { poll })
        }
        PollCmd::List { group } => req(find.group(&group)?, KitRequest::PollList),
    })
}

/// The request `causeway task ...` makes.
pub fn task(cmd: TaskCmd, find: &Finder) -> anyhow::Result<Request> {
    let item = |group: &str, word: &str| named(find, Kind::Task, group, word);
    let req = kit_request;
    Ok(match cmd {
        TaskCmd::Add {
            group,
            title,
            due,
            notes,
        } => req(
            find.group(&group)?,
            KitRequest::TaskAdd { title, notes, due },
        ),
        TaskCmd::Take { group, task, undo } => {
            let (g, task) = item(&group, &task)?;
            req(g, KitRequest::TaskTake { task, off: undo })
        }
        TaskCmd::Done { group, task } => {
            let (g, task) = item(&group, &task)?;
            req(
                g,
                KitRequest::TaskStatus {
                    task,
                    status: Status::Done,
                },
            )
        }
        TaskCmd::Status {
            group,
            task,
            status,
        } => {
            let (g, task) = item(&group, &task)?;
            req(g, KitRequest::TaskStatus { task, status })
        }
        TaskCmd::Edit {
            group,
            task,
            title,
            notes,
            due,
        } => {
            let (g, task) = item(&group, &task)?;
            req(
                g,
                KitRequest::TaskEdit {
                    task,
                    title,
                    notes,
                    due,
                },
            )
        }
        TaskCmd::List { group } => req(find.group(&group)?, KitRequest::TaskList),
    })
}

/// The request `causeway shift ...` makes.
pub fn shift(cmd: ShiftCmd, find: &Finder) -> anyhow::Result<Request> {
    let item = |group: &str, word: &str| named(find, Kind::Shift, group, word);
    let req = kit_request;
    Ok(match cmd {
        ShiftCmd::Create {
            group,
            title,
            start,
            end,
            places,
            tz,
        } => req(
            find.group(&group)?,
            KitRequest::ShiftCreate {
                title,
                start,
                end,
                zone: tz,
                places,
                notes: String::new(),
            },
        ),
        ShiftCmd::Join { group, shift } => {
            let (g, shift) = item(&group, &shift)?;
            req(g, KitRequest::ShiftJoin { shift, off: false })
        }
        ShiftCmd::Leave { group, shift } => {
            let (g, shift) = item(&group, &shift)?;
            req(g, KitRequest::ShiftJoin { shift, off: true })
        }
        ShiftCmd::Cancel { group, shift, undo } => {
            let (g, shift) = item(&group, &shift)?;
            req(g, KitRequest::ShiftCancel { shift, undo })
        }
        ShiftCmd::List { group } => req(find.group(&group)?, KitRequest::ShiftList),
    })
}
