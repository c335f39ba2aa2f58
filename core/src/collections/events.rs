//! `events`: what the group meets for. A collection of schema version 5.
//!
//! ```text
//! events: { <16-hex id>: { author, created, title, body, lang, start, end, zone, all_day,
//!                          place, online, capacity, cancelled?, moved_from?, edited_at?,
//!                          hidden?, hidden_by?, hidden_reason?, hidden_at?,
//!                          organisers: { <device hex>: true },
//!                          answers: { <device hex>: "yes" | "maybe" | "no" } } }
//! ```
//!
//! An event is made by its creator, who adds organisers; the creator, the organisers listed in
//! the change's past and admins change it (edit, reschedule, cancel). Each member answers in
//! their own name only. Who gets the places of an event with a capacity is decided from the
//! answers alone: "yes" answers in the order of the operations that gave them (Automerge's
//! order, which follows the history and is the same on every peer), the first `capacity` going,
//! the rest waiting in that order.

use std::collections::HashSet;

use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};
use automerge::{ObjId as ExId, ObjType, ScalarValue};

use super::items::{self, Hidden, key as item_key};
use super::when::{self, Times, When};
use super::{
    Collection, Cx, Edit, Needs, Op, Writes, boolean, check_len, forbidden, int, int_in, text,
};
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::ids::{ItemId, Timestamp};
use crate::problem::{Field, Problem};
use crate::read::{OpOrder, Reader};
use crate::role::Role;

/// The events.
pub(crate) struct Events;

/// Field names.
const PLACE: &str = "place";
const ONLINE: &str = "online";
const CAPACITY: &str = "capacity";
const CANCELLED: &str = "cancelled";
const MOVED_FROM: &str = "moved_from";
pub(crate) const ORGANISERS: &str = "organisers";
const ANSWERS: &str = "answers";

/// The most places an event can have.
pub const MAX_CAPACITY: u32 = 100_000;
/// Longest language tag.
const MAX_LANG: usize = 35;

/// An object of the events.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// The map of all events.
    Root,
    /// One event.
    Event {
        /// Its creator.
        creator: DeviceId,
    },
    /// An event's organisers.
    Organisers {
        /// The event's creator.
        creator: DeviceId,
    },
    /// An event's answers.
    Answers {
        /// The event's creator.
        creator: DeviceId,
    },
}

/// What the rules note in one change.
#[derive(Default)]
pub(crate) struct Notes {
    times: Times,
    /// Events made, and those of them given a title and a time.
    made: HashSet<u64>,
    titled: HashSet<u64>,
    timed: HashSet<u64>,
    /// Events changed by someone who is not their creator (one condition each).
    asked: HashSet<u64>,
}

impl Collection for Events {
    const KEY: &'static str = "events";
    const SINCE: i64 = 5;
    type Loc = Loc;
    const ROOT: Loc = Loc::Root;
    const CODES: &'static [u8] = &[18, 19, 20, 21];
    type Notes = Notes;

    fn check(at: &Loc, op: &Op<'_>, cx: &mut Cx, n: &mut Notes) -> Result<Option<Loc>, Rejection> {
        match at {
            Loc::Root => {
                items::create_keyed(op, "an event")?;
                n.made.insert(op.id);
                Ok(Some(Loc::Event { creator: cx.author }))
            }
            Loc::Event { creator } => check_event(*creator, op, cx, n),
            Loc::Organisers { creator } => {
                if cx.author != *creator {
                    cx.needs(Role::Admin);
                }
                if DeviceId::from_hex(op.key).is_err() {
                    return Err(forbidden("an organiser is a device id"));
                }
                match op.action {
                    OpType::Put(ScalarValue::Boolean(true)) | OpType::Delete => Ok(None),
                    _ => Err(op.not_allowed()),
                }
            }
            Loc::Answers { .. } => {
                if !cx.is_author(op.key) {
                    return Err(forbidden("a member answers in their own name only"));
                }
                match op.action {
                    OpType::Put(ScalarValue::Str(s)) if Rsvp::parse(s).is_some() => Ok(None),
                    OpType::Delete => Ok(None),
                    _ => Err(forbidden("an answer is yes, maybe or no")),
                }
            }
        }
    }

    fn finish(n: Notes, _cx: &mut Cx) -> Result<(), Rejection> {
        if n.made
            .iter()
            .any(|e| !n.titled.contains(e) || !n.timed.contains(e))
        {
            return Err(forbidden("a new event has a title, a start and an end"));
        }
        when::finish(n.times)
    }

    fn code(loc: &Loc) -> (u8, Option<DeviceId>) {
        match loc {
            Loc::Root => (18, None),
            Loc::Event { creator } => (19, Some(*creator)),
            Loc::Organisers { creator } => (20, Some(*creator)),
            Loc::Answers { creator } => (21, Some(*creator)),
        }
    }

    fn from_code(code: u8, device: Option<DeviceId>) -> Option<Loc> {
        match code {
            18 => Some(Loc::Root),
            19 => device.map(|creator| Loc::Event { creator }),
            20 => device.map(|creator| Loc::Organisers { creator }),
            21 => device.map(|creator| Loc::Answers { creator }),
            _ => None,
        }
    }
}

/// An operation on an event's own fields.
fn check_event(
    creator: DeviceId,
    op: &Op<'_>,
    cx: &mut Cx,
    n: &mut Notes,
) -> Result<Option<Loc>, Rejection> {
    let is_new = op.in_new_object;
    if let Some(verdict) = items::check_common(op, cx) {
        return verdict.map(|()| None);
    }
    match (op.key, op.action) {
        (ORGANISERS, OpType::Make(ObjType::Map)) if is_new => {
            return Ok(Some(Loc::Organisers { creator }));
        }
        (ANSWERS, OpType::Make(ObjType::Map)) if is_new => {
            return Ok(Some(Loc::Answers { creator }));
        }
        _ => {}
    }
    // Everything else is the organisers' to change.
    if !is_new && cx.author != creator && n.asked.insert(op.obj) {
        cx.past.push(Needs::Listed {
            obj: op.object(),
            list: Some(ORGANISERS),
            or_admin: true,
        });
    }
    if let Some(verdict) = when::check(op, &mut n.times) {
        verdict?;
        if op.key == when::START && is_new {
            n.timed.insert(op.obj);
        }
        return Ok(None);
    }
    match (op.key, op.action) {
        (item_key::TITLE, OpType::Put(v)) => {
            if text(v, crate::limits::POST_TITLE, "the title")?
                .trim()
                .is_empty()
            {
                return Err(forbidden("an event has a title"));
            }
            if is_new {
                n.titled.insert(op.obj);
            }
        }
        (item_key::BODY, OpType::Put(v)) => {
            text(v, crate::limits::POST_TEXT, "the description")?;
        }
        (item_key::LANG, OpType::Put(v)) => {
            text(v, MAX_LANG, "language")?;
        }
        (PLACE | ONLINE, OpType::Put(v)) => {
            text(v, crate::limits::PLACE, "the place")?;
        }
        (CAPACITY, OpType::Put(v)) => {
            int_in(v, 0, i64::from(MAX_CAPACITY), "the capacity")?;
        }
        (CANCELLED, OpType::Put(v)) => boolean(v, "cancelled")?,
        (MOVED_FROM | item_key::EDITED_AT, OpType::Put(v)) => int(v, op.key)?,
        _ => {
            return Err(forbidden(format!(
                "event field {:?} cannot be changed this way",
                op.key
            )));
        }
    }
    Ok(None)
}

/// An answer to an event.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Rsvp {
    /// Coming.
    Yes,
    /// Perhaps.
    Maybe,
    /// Not coming.
    No,
}

impl Rsvp {
    /// The word stored (and typed on the command line).
    pub const fn as_str(self) -> &'static str {
        match self {
            Rsvp::Yes => "yes",
            Rsvp::Maybe => "maybe",
            Rsvp::No => "no",
        }
    }

    /// Parses the stored word.
    pub fn parse(s: &str) -> Option<Rsvp> {
        Some(match s {
            "yes" => Rsvp::Yes,
            "maybe" => Rsvp::Maybe,
            "no" => Rsvp::No,
            _ => return None,
        })
    }
}

/// What a person gives for a new event, or for an edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventDraft {
    /// Its title.
    pub title: String,
    /// What it is about (the same rich text as posts: Markdown).
    pub body: String,
    /// The language it is written in.
    pub lang: String,
    /// When.
    pub when: When,
    /// The address, if it happens somewhere.
    pub place: String,
    /// The link, if it happens online.
    pub online: String,
    /// How many can come (`None`: no limit).
    pub capacity: Option<u32>,
}

impl EventDraft {
    fn validate(&self) -> Result<(), CoreError> {
        if self.title.trim().is_empty() {
            return Err(CoreError::InvalidInput(Problem::EventTitleRequired));
        }
        check_len(&self.title, crate::limits::POST_TITLE, Field::Title)?;
        check_len(&self.body, crate::limits::POST_TEXT, Field::PostText)?;
        check_len(&self.place, crate::limits::PLACE, Field::Place)?;
        check_len(&self.online, crate::limits::PLACE, Field::Place)?;
        check_len(&self.lang, MAX_LANG, Field::Title)?;
        if let Some(c) = self.capacity
            && !(1..=MAX_CAPACITY).contains(&c)
        {
            return Err(CoreError::InvalidInput(Problem::BadCapacity {
                max: MAX_CAPACITY as usize,
            }));
        }
        self.when.validate()
    }

    fn write(&self, tx: &mut Transaction<'_>, e: &ExId) -> Result<(), automerge::AutomergeError> {
        tx.put(e, item_key::TITLE, self.title.as_str())?;
        tx.put(e, item_key::BODY, self.body.as_str())?;
        tx.put(e, item_key::LANG, self.lang.as_str())?;
        self.when.write(tx, e)?;
        tx.put(e, PLACE, self.place.as_str())?;
        tx.put(e, ONLINE, self.online.as_str())?;
        tx.put(e, CAPACITY, i64::from(self.capacity.unwrap_or(0)))?;
        Ok(())
    }
}

/// One member's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// Who.
    pub who: DeviceId,
    /// What.
    pub rsvp: Rsvp,
}

/// An event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Its id.
    pub id: ItemId,
    /// Who made it.
    pub creator: DeviceId,
    /// When it was made.
    pub created: Timestamp,
    /// Its title, description, time, place, link and capacity.
    pub draft: EventDraft,
    /// Cancelled by an organiser.
    pub cancelled: bool,
    /// The start before the last reschedule, if it was moved.
    pub moved_from: Option<Timestamp>,
    /// The last edit.
    pub edited_at: Option<Timestamp>,
    /// Hidden by a moderator.
    pub hidden: Option<Hidden>,
    /// Its organisers: the creator first, then the members they added, by id.
    pub organisers: Vec<DeviceId>,
    /// Every answer, in the order in which it was given (the same order on every peer).
    pub answers: Vec<Answer>,
}

impl Event {
    /// Whether `who` may change it, with the role `role`.
    pub fn is_organiser(&self, who: DeviceId, role: Option<Role>) -> bool {
        self.organisers.contains(&who) || role.is_some_and(|r| r >= Role::Admin)
    }

    /// `who`'s answer.
    pub fn answer_of(&self, who: DeviceId) -> Option<Rsvp> {
        self.answers.iter().find(|a| a.who == who).map(|a| a.rsvp)
    }

    /// Who answered `rsvp`, in order.
    pub fn answered(&self, rsvp: Rsvp) -> impl Iterator<Item = DeviceId> + '_ {
        self.answers
            .iter()
            .filter(move |a| a.rsvp == rsvp)
            .map(|a| a.who)
    }

    /// Who is going: the first "yes" answers, up to the capacity.
    pub fn going(&self) -> Vec<DeviceId> {
        let cap = self.draft.capacity.map_or(usize::MAX, |c| c as usize);
        self.answered(Rsvp::Yes).take(cap).collect()
    }

    /// Who said yes after the places were taken, in the order they will move up.
    pub fn waiting(&self) -> Vec<DeviceId> {
        let cap = self.draft.capacity.map_or(usize::MAX, |c| c as usize);
        self.answered(Rsvp::Yes).skip(cap).collect()
    }

    /// How many answered each way: (going, waiting, maybe, no).
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let yes = self.answered(Rsvp::Yes).count();
        let cap = self.draft.capacity.map_or(usize::MAX, |c| c as usize);
        (
            yes.min(cap),
            yes.saturating_sub(cap),
            self.answered(Rsvp::Maybe).count(),
            self.answered(Rsvp::No).count(),
        )
    }
}

/// Every event that shows, soonest first.
pub(crate) fn list(r: &Reader<'_>) -> Vec<Event> {
    let mut out: Vec<Event> = items::objects_of::<Events>(r, None)
        .into_iter()
        .map(|(id, o, creator)| read(r, id, &o, creator))
        .collect();
    out.sort_by(soonest_first);
    out
}

/// The events under these ids.
pub(crate) fn with_ids(r: &Reader<'_>, ids: impl IntoIterator<Item = ItemId>) -> Vec<Event> {
    let mut out: Vec<Event> = ids
        .into_iter()
        .flat_map(|id| items::objects_of::<Events>(r, Some(id)))
        .map(|(id, o, creator)| read(r, id, &o, creator))
        .collect();
    out.sort_by(soonest_first);
    out
}

/// The order of an agenda: by start, then by id (the same everywhere).
pub fn soonest_first(a: &Event, b: &Event) -> std::cmp::Ordering {
    a.draft
        .when
        .start
        .cmp(&b.draft.when.start)
        .then(a.id.cmp(&b.id))
        .then(a.creator.cmp(&b.creator))
}

/// One event, from its object.
fn read(r: &Reader<'_>, id: ItemId, o: &ExId, creator: DeviceId) -> Event {
    let f = r.fields(o);
    let mut organisers = vec![creator];
    if let Some(list) = r.object(o, ORGANISERS) {
        let mut added: Vec<DeviceId> = r
            .set_keys(&list)
            .iter()
            .filter_map(|k| DeviceId::from_hex(k).ok())
            .filter(|d| *d != creator)
            .collect();
        added.sort();
        organisers.extend(added);
    }
    let mut answers: Vec<(OpOrder, Answer)> = r
        .object(o, ANSWERS)
        .map(|a| r.entries(&a))
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v, at)| {
            let who = DeviceId::from_hex(&k).ok()?;
            let rsvp = Rsvp::parse(v.as_str()?)?;
            Some((at, Answer { who, rsvp }))
        })
        .collect();
    answers.sort_by(|a, b| a.0.cmp(&b.0));
    let capacity = f
        .int(CAPACITY)
        .and_then(|c| u32::try_from(c).ok())
        .filter(|c| *c > 0);
    Event {
        id,
        creator,
        created: Timestamp(f.int(item_key::CREATED).unwrap_or(0)),
        draft: EventDraft {
            title: f.text(item_key::TITLE),
            body: f.text(item_key::BODY),
            lang: f.text(item_key::LANG),
            when: When::read(&f),
            place: f.text(PLACE),
            online: f.text(ONLINE),
            capacity,
        },
        cancelled: f.flag(CANCELLED),
        moved_from: f.int(MOVED_FROM).map(Timestamp),
        edited_at: f.int(item_key::EDITED_AT).map(Timestamp),
        hidden: items::hidden(&f),
        organisers,
        answers: answers.into_iter().map(|(_, a)| a).collect(),
    }
}

/// The event `id` and its object.
fn find(r: &Reader<'_>, id: ItemId) -> Result<(ExId, Event), CoreError> {
    items::find_in::<Events, _>(r, id, read, Problem::EventNotFound)
}

/// Writes a new event.
pub(crate) fn create(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    id: ItemId,
    draft: EventDraft,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    draft.validate()?;
    let root = super::root_for_action::<Events>(r)?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        let e = items::new_entry(tx, &root, id, me, now)?;
        draft.write(tx, &e)?;
        tx.put_object(&e, ORGANISERS, ObjType::Map)?;
        tx.put_object(&e, ANSWERS, ObjType::Map)?;
        Ok(())
    }))
}

/// The event `id`, if `me` (with `role`) organises it.
fn organised(
    r: &Reader<'_>,
    me: DeviceId,
    role: Option<Role>,
    id: ItemId,
) -> Result<(ExId, Event), CoreError> {
    let (o, e) = find(r, id)?;
    if !e.is_organiser(me, role) {
        return Err(CoreError::NotPermitted(Problem::NotAnOrganiser));
    }
    Ok((o, e))
}

/// Changes an event (its organisers and admins). A new start is remembered as a move, so
/// that everyone who answered sees where it went from.
pub(crate) fn edit(
    r: &Reader<'_>,
    me: DeviceId,
    role: Option<Role>,
    now: Timestamp,
    id: ItemId,
    draft: EventDraft,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    draft.validate()?;
    let (o, e) = organised(r, me, role, id)?;
    if e.draft == draft {
        return Err(CoreError::InvalidInput(Problem::NothingToChange));
    }
    let moved = (e.draft.when.start != draft.when.start).then_some(e.draft.when.start);
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        draft.write(tx, &o)?;
        if let Some(from) = moved {
            tx.put(&o, MOVED_FROM, from.0)?;
        }
        tx.put(&o, item_key::EDITED_AT, now.0)?;
        Ok(())
    }))
}

/// Cancels an event, or takes the cancellation back.
pub(crate) fn cancel(
    r: &Reader<'_>,
    me: DeviceId,
    role: Option<Role>,
    now: Timestamp,
    id: ItemId,
    cancelled: bool,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let (o, e) = organised(r, me, role, id)?;
    if e.cancelled == cancelled {
        return Err(CoreError::InvalidInput(Problem::NothingToChange));
    }
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        tx.put(&o, CANCELLED, cancelled)?;
        tx.put(&o, item_key::EDITED_AT, now.0)?;
        Ok(())
    }))
}

/// Adds or removes an organiser (the creator and admins).
pub(crate) fn set_organiser(
    r: &Reader<'_>,
    me: DeviceId,
    role: Option<Role>,
    id: ItemId,
    who: DeviceId,
    on: bool,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let (o, e) = find(r, id)?;
    if me != e.creator && role.is_none_or(|r| r < Role::Admin) {
        return Err(CoreError::NotPermitted(Problem::OnlyCreatorOrAdmin));
    }
    if who == e.creator || e.organisers.contains(&who) == on {
        return Err(CoreError::InvalidInput(Problem::NothingToChange));
    }
    let list = r
        .object(&o, ORGANISERS)
        .ok_or(CoreError::NotFound(Problem::EventNotFound))?;
    Ok(items::set_in(list, who, on))
}

/// Answers an event in my own name.
pub(crate) fn answer(
    r: &Reader<'_>,
    me: DeviceId,
    id: ItemId,
    rsvp: Rsvp,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let (o, e) = find(r, id)?;
    if e.cancelled {
        return Err(CoreError::InvalidInput(Problem::EventCancelled));
    }
    if e.answer_of(me) == Some(rsvp) {
        return Err(CoreError::InvalidInput(Problem::NothingToChange));
    }
    let answers = r
        .object(&o, ANSWERS)
        .ok_or(CoreError::NotFound(Problem::EventNotFound))?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        tx.put(&answers, me.to_hex(), rsvp.as_str())?;
        Ok(())
    }))
}
