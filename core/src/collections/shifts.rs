//! `shifts`: time slots with a number of places ("Market stand, Sat 10-12, 3 people"). A
//! collection of schema version 5.
//!
//! ```text
//! shifts: { <16-hex id>: { author, created, title, notes, start, end, zone, all_day, places,
//!                          cancelled?, edited_at?, hidden?, ...,
//!                          signups: { <device hex>: true } } }
//! ```
//!
//! The creator and admins change a shift. Members sign up and withdraw in their own name. A
//! sign-up is refused where the shift was full in the change's past; two made at once for the
//! last place are both kept, and the places go to sign-ups in Automerge's order of the
//! operations (the same on every peer), the rest standing by in that order.

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

/// The shifts.
pub(crate) struct Shifts;

/// Field names.
const NOTES: &str = "notes";
pub(crate) const PLACES: &str = "places";
const CANCELLED: &str = "cancelled";
pub(crate) const SIGNUPS: &str = "signups";

/// The most places a shift has.
pub const MAX_PLACES: u32 = 10_000;

/// An object of the shifts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// The map of all shifts.
    Root,
    /// One shift.
    Shift {
        /// Its creator.
        creator: DeviceId,
    },
    /// A shift's sign-ups.
    Signups {
        /// The shift's creator.
        creator: DeviceId,
    },
}

/// What the rules note in one change.
#[derive(Default)]
pub(crate) struct Notes {
    times: Times,
    made: HashSet<u64>,
    complete: HashSet<u64>,
}

impl Collection for Shifts {
    const KEY: &'static str = "shifts";
    const SINCE: i64 = 5;
    type Loc = Loc;
    const ROOT: Loc = Loc::Root;
    const CODES: &'static [u8] = &[29, 30, 31];
    type Notes = Notes;

    fn check(at: &Loc, op: &Op<'_>, cx: &mut Cx, n: &mut Notes) -> Result<Option<Loc>, Rejection> {
        let is_new = op.in_new_object;
        match at {
            Loc::Root => {
                items::create_keyed(op, "a shift")?;
                n.made.insert(op.id);
                Ok(Some(Loc::Shift { creator: cx.author }))
            }
            Loc::Shift { creator } => {
                if let Some(verdict) = items::check_common(op, cx) {
                    return verdict.map(|()| None);
                }
                match (op.key, op.action) {
                    (SIGNUPS, OpType::Make(ObjType::Map)) if is_new => {
                        return Ok(Some(Loc::Signups { creator: *creator }));
                    }
                    _ => {}
                }
                if cx.author != *creator {
                    cx.needs(Role::Admin);
                }
                if let Some(verdict) = when::check(op, &mut n.times) {
                    return verdict.map(|()| None);
                }
                match (op.key, op.action) {
                    (item_key::TITLE, OpType::Put(v)) => {
                        if text(v, crate::limits::POST_TITLE, "the title")?
                            .trim()
                            .is_empty()
                        {
                            return Err(forbidden("a shift has a title"));
                        }
                    }
                    (NOTES, OpType::Put(v)) => {
                        text(v, crate::limits::NOTES, "the notes")?;
                    }
                    (PLACES, OpType::Put(v)) => {
                        int_in(v, 1, i64::from(MAX_PLACES), "the places")?;
                        if is_new {
                            n.complete.insert(op.obj);
                        }
                    }
                    (CANCELLED, OpType::Put(v)) => boolean(v, "cancelled")?,
                    (item_key::EDITED_AT, OpType::Put(v)) => int(v, "edited_at")?,
                    _ => {
                        return Err(forbidden(format!(
                            "shift field {:?} cannot be changed this way",
                            op.key
                        )));
                    }
                }
                Ok(None)
            }
            Loc::Signups { .. } => {
                if !cx.is_author(op.key) {
                    return Err(forbidden("a member signs up in their own name only"));
                }
                match op.action {
                    OpType::Put(ScalarValue::Boolean(true)) if !is_new => {
                        cx.past.push(Needs::Place {
                            signups: op.object(),
                        });
                        Ok(None)
                    }
                    OpType::Delete => Ok(None),
                    _ => Err(forbidden("a sign-up is made in a shift that exists")),
                }
            }
        }
    }

    fn finish(n: Notes, _cx: &mut Cx) -> Result<(), Rejection> {
        if n.made.iter().any(|s| !n.complete.contains(s)) {
            return Err(forbidden("a new shift has its places"));
        }
        when::finish(n.times)
    }

    fn code(loc: &Loc) -> (u8, Option<DeviceId>) {
        match loc {
            Loc::Root => (29, None),
            Loc::Shift { creator } => (30, Some(*creator)),
            Loc::Signups { creator } => (31, Some(*creator)),
        }
    }

    fn from_code(code: u8, device: Option<DeviceId>) -> Option<Loc> {
        match code {
            29 => Some(Loc::Root),
            30 => device.map(|creator| Loc::Shift { creator }),
            31 => device.map(|creator| Loc::Signups { creator }),
            _ => None,
        }
    }
}

/// A shift.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shift {
    /// Its id.
    pub id: ItemId,
    /// Who made it.
    pub creator: DeviceId,
    /// When it was made.
    pub created: Timestamp,
    /// What it is.
    pub title: String,
    /// More about it.
    pub notes: String,
    /// When.
    pub when: When,
    /// How many people it needs.
    pub places: u32,
    /// Cancelled by its creator or an admin.
    pub cancelled: bool,
    /// Hidden by a moderator.
    pub hidden: Option<Hidden>,
    /// Everyone signed up, in the order of their sign-ups (the same on every peer).
    pub signups: Vec<DeviceId>,
}

impl Shift {
    /// Who has a place: the first sign-ups, up to the places.
    pub fn placed(&self) -> &[DeviceId] {
        &self.signups[..self.signups.len().min(self.places as usize)]
    }

    /// Who signed up once the places were taken (two at once for the last place).
    pub fn standing_by(&self) -> &[DeviceId] {
        &self.signups[self.signups.len().min(self.places as usize)..]
    }

    /// Whether every place is taken.
    pub fn is_full(&self) -> bool {
        self.signups.len() >= self.places as usize
    }
}

/// Every shift that shows, soonest first.
pub(crate) fn list(r: &Reader<'_>) -> Vec<Shift> {
    let mut out: Vec<Shift> = items::objects_of::<Shifts>(r, None)
        .into_iter()
        .map(|(id, o, creator)| read(r, id, &o, creator))
        .collect();
    out.sort_by(|a, b| a.when.start.cmp(&b.when.start).then(a.id.cmp(&b.id)));
    out
}

/// The shifts under these ids.
pub(crate) fn with_ids(r: &Reader<'_>, ids: impl IntoIterator<Item = ItemId>) -> Vec<Shift> {
    ids.into_iter()
        .flat_map(|id| items::objects_of::<Shifts>(r, Some(id)))
        .map(|(id, o, creator)| read(r, id, &o, creator))
        .collect()
}

fn read(r: &Reader<'_>, id: ItemId, o: &ExId, creator: DeviceId) -> Shift {
    let f = r.fields(o);
    let mut signups: Vec<(OpOrder, DeviceId)> = r
        .object(o, SIGNUPS)
        .map(|m| r.entries(&m))
        .unwrap_or_default()
        .into_iter()
        .filter(|(_, v, _)| v.as_bool() == Some(true))
        .filter_map(|(k, _, at)| Some((at, DeviceId::from_hex(&k).ok()?)))
        .collect();
    signups.sort_by(|a, b| a.0.cmp(&b.0));
    Shift {
        id,
        creator,
        created: Timestamp(f.int(item_key::CREATED).unwrap_or(0)),
        title: f.text(item_key::TITLE),
        notes: f.text(NOTES),
        when: When::read(&f),
        places: f
            .int(PLACES)
            .and_then(|p| u32::try_from(p).ok())
            .unwrap_or(1),
        cancelled: f.flag(CANCELLED),
        hidden: items::hidden(&f),
        signups: signups.into_iter().map(|(_, d)| d).collect(),
    }
}

fn find(r: &Reader<'_>, id: ItemId) -> Result<(ExId, Shift), CoreError> {
    items::find_in::<Shifts, _>(r, id, read, Problem::ShiftNotFound)
}

/// What a person gives for a new shift.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShiftDraft {
    /// What it is.
    pub title: String,
    /// More about it.
    pub notes: String,
    /// When.
    pub when: When,
    /// How many people it needs.
    pub places: u32,
}

/// Writes a new shift.
pub(crate) fn create(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    id: ItemId,
    draft: ShiftDraft,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    if draft.title.trim().is_empty() {
        return Err(CoreError::InvalidInput(Problem::ShiftTitleRequired));
    }
    check_len(&draft.title, crate::limits::POST_TITLE, Field::Title)?;
    check_len(&draft.notes, crate::limits::NOTES, Field::Notes)?;
    if !(1..=MAX_PLACES).contains(&draft.places) {
        return Err(CoreError::InvalidInput(Problem::BadCapacity {
            max: MAX_PLACES as usize,
        }));
    }
    draft.when.validate()?;
    let root = super::root_for_action::<Shifts>(r)?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        let s = items::new_entry(tx, &root, id, me, now)?;
        tx.put(&s, item_key::TITLE, draft.title.trim())?;
        tx.put(&s, NOTES, draft.notes.as_str())?;
        draft.when.write(tx, &s)?;
        tx.put(&s, PLACES, i64::from(draft.places))?;
        tx.put_object(&s, SIGNUPS, ObjType::Map)?;
        Ok(())
    }))
}

/// Signs me up (`on`) or withdraws me.
pub(crate) fn join(
    r: &Reader<'_>,
    me: DeviceId,
    id: ItemId,
    on: bool,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let (o, s) = find(r, id)?;
    if s.signups.contains(&me) == on {
        return Err(CoreError::InvalidInput(Problem::NothingToChange));
    }
    if on && s.cancelled {
        return Err(CoreError::InvalidInput(Problem::EventCancelled));
    }
    if on && s.is_full() {
        return Err(CoreError::InvalidInput(Problem::ShiftFull));
    }
    let list = r
        .object(&o, SIGNUPS)
        .ok_or(CoreError::NotFound(Problem::ShiftNotFound))?;
    Ok(items::set_in(list, me, on))
}

/// Cancels a shift or takes the cancellation back (its creator and admins).
pub(crate) fn cancel(
    r: &Reader<'_>,
    me: DeviceId,
    role: Option<Role>,
    now: Timestamp,
    id: ItemId,
    cancelled: bool,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let (o, s) = find(r, id)?;
    if s.creator != me && role.is_none_or(|r| r < Role::Admin) {
        return Err(CoreError::NotPermitted(Problem::OnlyCreatorOrAdmin));
    }
    if s.cancelled == cancelled {
        return Err(CoreError::InvalidInput(Problem::NothingToChange));
    }
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        tx.put(&o, CANCELLED, cancelled)?;
        tx.put(&o, item_key::EDITED_AT, now.0)?;
        Ok(())
    }))
}
