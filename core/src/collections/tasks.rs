//! `tasks`: the group's task list. A collection of schema version 5.
//!
//! ```text
//! tasks: { <16-hex id>: { author, created, title, notes, due, status: open|doing|done,
//!                         edited_at?, deleted?, hidden?, ...,
//!                         assignees: { <device hex>: true } } }
//! ```
//!
//! Any member takes a task (adds themselves to its assignees) or lets it go. The creator,
//! the task's assignees in the change's past and admins change it: its words, its due date,
//! its status, who else is on it.

use std::collections::HashSet;

use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};
use automerge::{ObjId as ExId, ObjType, ScalarValue};

use super::items::{self, Hidden, key as item_key};
use super::{
    Collection, Cx, Edit, Needs, Op, Writes, boolean, check_len, forbidden, int, int_in, text,
};
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::ids::{ItemId, Timestamp};
use crate::problem::{Field, Problem};
use crate::read::Reader;
use crate::role::Role;

/// The tasks.
pub(crate) struct Tasks;

/// Field names.
const NOTES: &str = "notes";
const DUE: &str = "due";
const STATUS: &str = "status";
pub(crate) const ASSIGNEES: &str = "assignees";

/// An object of the tasks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// The map of all tasks.
    Root,
    /// One task.
    Task {
        /// Its creator.
        creator: DeviceId,
    },
    /// A task's assignees.
    Assignees {
        /// The task's creator.
        creator: DeviceId,
    },
}

/// What the rules note in one change.
#[derive(Default)]
pub(crate) struct Notes {
    made: HashSet<u64>,
    titled: HashSet<u64>,
    asked: HashSet<u64>,
}

impl Collection for Tasks {
    const KEY: &'static str = "tasks";
    const SINCE: i64 = 5;
    type Loc = Loc;
    const ROOT: Loc = Loc::Root;
    const CODES: &'static [u8] = &[26, 27, 28];
    type Notes = Notes;

    fn check(at: &Loc, op: &Op<'_>, cx: &mut Cx, n: &mut Notes) -> Result<Option<Loc>, Rejection> {
        let is_new = op.in_new_object;
        match at {
            Loc::Root => {
                items::create_keyed(op, "a task")?;
                n.made.insert(op.id);
                Ok(Some(Loc::Task { creator: cx.author }))
            }
            Loc::Task { creator } => {
                if let Some(verdict) = items::check_common(op, cx) {
                    return verdict.map(|()| None);
                }
                match (op.key, op.action) {
                    (ASSIGNEES, OpType::Make(ObjType::Map)) if is_new => {
                        return Ok(Some(Loc::Assignees { creator: *creator }));
                    }
                    _ => {}
                }
                if !is_new && cx.author != *creator && n.asked.insert(op.obj) {
                    cx.past.push(Needs::Listed {
                        obj: op.object(),
                        list: Some(ASSIGNEES),
                        or_admin: true,
                    });
                }
                match (op.key, op.action) {
                    (item_key::TITLE, OpType::Put(v)) => {
                        if text(v, crate::limits::POST_TITLE, "the title")?
                            .trim()
                            .is_empty()
                        {
                            return Err(forbidden("a task has a title"));
                        }
                        if is_new {
                            n.titled.insert(op.obj);
                        }
                    }
                    (NOTES, OpType::Put(v)) => {
                        text(v, crate::limits::NOTES, "the notes")?;
                    }
                    (DUE, OpType::Put(v)) => {
                        int_in(v, 0, 253_402_300_799_999, "the due date")?;
                    }
                    (STATUS, OpType::Put(ScalarValue::Str(s))) if Status::parse(s).is_some() => {}
                    (STATUS, _) => return Err(forbidden("a status is open, doing or done")),
                    (item_key::EDITED_AT, OpType::Put(v)) => int(v, "edited_at")?,
                    (item_key::DELETED, OpType::Put(v)) => boolean(v, "deleted")?,
                    _ => {
                        return Err(forbidden(format!(
                            "task field {:?} cannot be changed this way",
                            op.key
                        )));
                    }
                }
                Ok(None)
            }
            Loc::Assignees { creator } => {
                if DeviceId::from_hex(op.key).is_err() {
                    return Err(forbidden("an assignee is a device id"));
                }
                if !matches!(
                    op.action,
                    OpType::Put(ScalarValue::Boolean(true)) | OpType::Delete
                ) {
                    return Err(op.not_allowed());
                }
                // Taking a task or letting it go is every member's; putting others on it or
                // off it is for those who may change the task.
                if !cx.is_author(op.key) && cx.author != *creator {
                    if is_new {
                        return Err(forbidden("a new task is taken by its creator only"));
                    }
                    cx.past.push(Needs::Listed {
                        obj: op.object(),
                        list: None,
                        or_admin: true,
                    });
                }
                Ok(None)
            }
        }
    }

    fn finish(n: Notes, _cx: &mut Cx) -> Result<(), Rejection> {
        if n.made.iter().any(|t| !n.titled.contains(t)) {
            return Err(forbidden("a new task has a title"));
        }
        Ok(())
    }

    fn code(loc: &Loc) -> (u8, Option<DeviceId>) {
        match loc {
            Loc::Root => (26, None),
            Loc::Task { creator } => (27, Some(*creator)),
            Loc::Assignees { creator } => (28, Some(*creator)),
        }
    }

    fn from_code(code: u8, device: Option<DeviceId>) -> Option<Loc> {
        match code {
            26 => Some(Loc::Root),
            27 => device.map(|creator| Loc::Task { creator }),
            28 => device.map(|creator| Loc::Assignees { creator }),
            _ => None,
        }
    }
}

/// Where a task stands.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Nobody has finished it.
    Open,
    /// Someone is on it.
    Doing,
    /// Finished.
    Done,
}

impl Status {
    /// The word stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Open => "open",
            Status::Doing => "doing",
            Status::Done => "done",
        }
    }

    /// Parses the stored word.
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "open" => Status::Open,
            "doing" => Status::Doing,
            "done" => Status::Done,
            _ => return None,
        })
    }
}

/// A task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Task {
    /// Its id.
    pub id: ItemId,
    /// Who made it.
    pub creator: DeviceId,
    /// When.
    pub created: Timestamp,
    /// What to do.
    pub title: String,
    /// More about it.
    pub notes: String,
    /// When it is due.
    pub due: Option<Timestamp>,
    /// Where it stands.
    pub status: Status,
    /// Who is on it, by id.
    pub assignees: Vec<DeviceId>,
    /// Deleted (by those who may change it).
    pub deleted: bool,
    /// Hidden by a moderator.
    pub hidden: Option<Hidden>,
}

impl Task {
    /// Whether `who`, with `role`, may change it.
    pub fn may_change(&self, who: DeviceId, role: Option<Role>) -> bool {
        who == self.creator
            || self.assignees.contains(&who)
            || role.is_some_and(|r| r >= Role::Admin)
    }
}

/// Every task that shows: open ones first, by due date (none last), then by creation.
pub(crate) fn list(r: &Reader<'_>) -> Vec<Task> {
    let mut out: Vec<Task> = items::objects_of::<Tasks>(r, None)
        .into_iter()
        .map(|(id, o, creator)| read(r, id, &o, creator))
        .collect();
    out.sort_by(task_order);
    out
}

/// The tasks under these ids.
pub(crate) fn with_ids(r: &Reader<'_>, ids: impl IntoIterator<Item = ItemId>) -> Vec<Task> {
    ids.into_iter()
        .flat_map(|id| items::objects_of::<Tasks>(r, Some(id)))
        .map(|(id, o, creator)| read(r, id, &o, creator))
        .collect()
}

/// The order of a task list: done last; then by due date, undated last; then oldest first.
pub fn task_order(a: &Task, b: &Task) -> std::cmp::Ordering {
    (a.status == Status::Done)
        .cmp(&(b.status == Status::Done))
        .then(a.due.is_none().cmp(&b.due.is_none()))
        .then(a.due.cmp(&b.due))
        .then(a.created.cmp(&b.created))
        .then(a.id.cmp(&b.id))
}

fn read(r: &Reader<'_>, id: ItemId, o: &ExId, creator: DeviceId) -> Task {
    let f = r.fields(o);
    let mut assignees: Vec<DeviceId> = r
        .object(o, ASSIGNEES)
        .map(|a| r.set_keys(&a))
        .unwrap_or_default()
        .iter()
        .filter_map(|k| DeviceId::from_hex(k).ok())
        .collect();
    assignees.sort();
    Task {
        id,
        creator,
        created: Timestamp(f.int(item_key::CREATED).unwrap_or(0)),
        title: f.text(item_key::TITLE),
        notes: f.text(NOTES),
        due: f.int(DUE).filter(|d| *d > 0).map(Timestamp),
        status: Status::parse(&f.text(STATUS)).unwrap_or(Status::Open),
        assignees,
        deleted: f.flag(item_key::DELETED),
        hidden: items::hidden(&f),
    }
}

fn find(r: &Reader<'_>, id: ItemId) -> Result<(ExId, Task), CoreError> {
    let (o, t) = items::find_in::<Tasks, _>(r, id, read, Problem::TaskNotFound)?;
    if t.deleted {
        return Err(CoreError::NotFound(Problem::TaskNotFound));
    }
    Ok((o, t))
}

/// Writes a new task.
pub(crate) fn create(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    id: ItemId,
    title: &str,
    notes: &str,
    due: Option<Timestamp>,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let title = title.trim().to_owned();
    if title.is_empty() {
        return Err(CoreError::InvalidInput(Problem::TaskTitleRequired));
    }
    check_len(&title, crate::limits::POST_TITLE, Field::Title)?;
    check_len(notes, crate::limits::NOTES, Field::Notes)?;
    let notes = notes.to_owned();
    let root = super::root_for_action::<Tasks>(r)?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        let t = items::new_entry(tx, &root, id, me, now)?;
        tx.put(&t, item_key::TITLE, title.as_str())?;
        tx.put(&t, NOTES, notes.as_str())?;
        tx.put(&t, DUE, due.map_or(0, |d| d.0.max(0)))?;
        tx.put(&t, STATUS, Status::Open.as_str())?;
        tx.put_object(&t, ASSIGNEES, ObjType::Map)?;
        Ok(())
    }))
}

/// Takes a task (`on`) or lets it go, in my own name.
pub(crate) fn take(
    r: &Reader<'_>,
    me: DeviceId,
    id: ItemId,
    on: bool,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let (o, t) = find(r, id)?;
    if t.assignees.contains(&me) == on {
        return Err(CoreError::InvalidInput(Problem::NothingToChange));
    }
    let list = r
        .object(&o, ASSIGNEES)
        .ok_or(CoreError::NotFound(Problem::TaskNotFound))?;
    Ok(items::set_in(list, me, on))
}

/// Sets a task's status (its creator, assignees and admins).
pub(crate) fn set_status(
    r: &Reader<'_>,
    me: DeviceId,
    role: Option<Role>,
    now: Timestamp,
    id: ItemId,
    status: Status,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let (o, t) = find(r, id)?;
    if !t.may_change(me, role) {
        return Err(CoreError::NotPermitted(Problem::NotOnTask));
    }
    if t.status == status {
        return Err(CoreError::InvalidInput(Problem::NothingToChange));
    }
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        tx.put(&o, STATUS, status.as_str())?;
        tx.put(&o, item_key::EDITED_AT, now.0)?;
        Ok(())
    }))
}

/// What a person gives when changing a task.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskDraft {
    /// What to do.
    pub title: String,
    /// More about it.
    pub notes: String,
    /// When it is due.
    pub due: Option<Timestamp>,
}

/// Changes a task's title, notes and due date (its creator, assignees and admins).
pub(crate) fn edit(
    r: &Reader<'_>,
    me: DeviceId,
    role: Option<Role>,
    now: Timestamp,
    id: ItemId,
    draft: TaskDraft,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let (o, t) = find(r, id)?;
    if !t.may_change(me, role) {
        return Err(CoreError::NotPermitted(Problem::NotOnTask));
    }
    let TaskDraft { title, notes, due } = draft;
    let notes = notes.as_str();
    let title = title.trim().to_owned();
    if title.is_empty() {
        return Err(CoreError::InvalidInput(Problem::TaskTitleRequired));
    }
    check_len(&title, crate::limits::POST_TITLE, Field::Title)?;
    check_len(notes, crate::limits::NOTES, Field::Notes)?;
    if t.title == title && t.notes == notes && t.due == due {
        return Err(CoreError::InvalidInput(Problem::NothingToChange));
    }
    let notes = notes.to_owned();
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        tx.put(&o, item_key::TITLE, title.as_str())?;
        tx.put(&o, NOTES, notes.as_str())?;
        tx.put(&o, DUE, due.map_or(0, |d| d.0.max(0)))?;
        tx.put(&o, item_key::EDITED_AT, now.0)?;
        Ok(())
    }))
}
