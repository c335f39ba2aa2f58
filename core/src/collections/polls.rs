//! `polls`: questions the group answers. A collection of schema version 5.
//!
//! ```text
//! polls: { <16-hex id>: { author, created, question, multiple, open, closed?, closed_by?,
//!                         closed_at?, hidden?, ...,
//!                         options: { <16-hex option id>: "<text>" },
//!                         votes: { <device hex>: "<option id>,<option id>" } } }
//! ```
//!
//! The creator writes the question and 2 to 20 options; with `open`, members add options
//! (up to 20 in all). Each member votes in their own name, for options the poll has, one
//! unless `multiple`, and changes or withdraws the vote while the poll is open. The creator or
//! an admin closes it: a change like any other, so a vote is refused where the close is in its
//! causal past, and counted where the two were made concurrently (no peer reads a clock).
//! Votes are not secret: every member sees who voted what.

use std::collections::{HashMap, HashSet};

use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};
use automerge::{ObjId as ExId, ObjType, ScalarValue};

use super::items::{self, Hidden, key as item_key};
use super::{Collection, Cx, Edit, Needs, Op, Writes, boolean, check_len, forbidden, int, text};
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::ids::{ItemId, Timestamp};
use crate::problem::{Field, Problem};
use crate::read::{OpOrder, Reader};
use crate::role::Role;

/// The polls.
pub(crate) struct Polls;

/// Field names.
const QUESTION: &str = "question";
pub(crate) const MULTIPLE: &str = "multiple";
pub(crate) const OPEN: &str = "open";
pub(crate) const CLOSED: &str = "closed";
const CLOSED_BY: &str = "closed_by";
const CLOSED_AT: &str = "closed_at";
pub(crate) const OPTIONS: &str = "options";
const VOTES: &str = "votes";

/// The fewest options a poll has.
pub const MIN_OPTIONS: usize = 2;
/// The most options a poll has.
pub const MAX_OPTIONS: usize = 20;

/// An object of the polls.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// The map of all polls.
    Root,
    /// One poll.
    Poll {
        /// Its creator.
        creator: DeviceId,
    },
    /// A poll's options.
    Options {
        /// The poll's creator.
        creator: DeviceId,
    },
    /// A poll's votes.
    Votes {
        /// The poll's creator.
        creator: DeviceId,
    },
}

/// What the rules note in one change.
#[derive(Default)]
pub(crate) struct Notes {
    /// Polls made, with their question written.
    made: HashSet<u64>,
    asked: HashSet<u64>,
    /// Options written into new options maps, by map.
    options: HashMap<u64, usize>,
    /// The options maps made, by the poll they belong to.
    options_of: HashMap<u64, u64>,
}

impl Collection for Polls {
    const KEY: &'static str = "polls";
    const SINCE: i64 = 5;
    type Loc = Loc;
    const ROOT: Loc = Loc::Root;
    const CODES: &'static [u8] = &[22, 23, 24, 25];
    type Notes = Notes;

    fn check(at: &Loc, op: &Op<'_>, cx: &mut Cx, n: &mut Notes) -> Result<Option<Loc>, Rejection> {
        let is_new = op.in_new_object;
        match at {
            Loc::Root => {
                items::create_keyed(op, "a poll")?;
                n.made.insert(op.id);
                Ok(Some(Loc::Poll { creator: cx.author }))
            }
            Loc::Poll { creator } => {
                if let Some(verdict) = items::check_common(op, cx) {
                    return verdict.map(|()| None);
                }
                match (op.key, op.action) {
                    (QUESTION, OpType::Put(v)) if is_new => {
                        if text(v, crate::limits::QUESTION, "the question")?
                            .trim()
                            .is_empty()
                        {
                            return Err(forbidden("a poll asks a question"));
                        }
                        n.asked.insert(op.obj);
                        Ok(None)
                    }
                    (MULTIPLE | OPEN, OpType::Put(v)) if is_new => {
                        boolean(v, op.key).map(|()| None)
                    }
                    (OPTIONS, OpType::Make(ObjType::Map)) if is_new => {
                        n.options_of.insert(op.id, op.obj);
                        Ok(Some(Loc::Options { creator: *creator }))
                    }
                    (VOTES, OpType::Make(ObjType::Map)) if is_new => {
                        Ok(Some(Loc::Votes { creator: *creator }))
                    }
                    // Closing: by the creator or an admin, once, for good.
                    (CLOSED | CLOSED_BY | CLOSED_AT, OpType::Put(v)) if !is_new => {
                        if cx.author != *creator {
                            cx.needs(Role::Admin);
                        }
                        match op.key {
                            CLOSED if matches!(v, ScalarValue::Boolean(true)) => Ok(None),
                            CLOSED => Err(forbidden("a closed poll is not opened again")),
                            CLOSED_BY => cx.names_author(v, "closed_by").map(|()| None),
                            _ => int(v, "closed_at").map(|()| None),
                        }
                    }
                    _ => Err(forbidden(format!(
                        "poll field {:?} cannot be changed this way",
                        op.key
                    ))),
                }
            }
            Loc::Options { creator } => {
                if ItemId::parse(op.key).is_none() {
                    return Err(forbidden("an option's key is 16 hex characters"));
                }
                let OpType::Put(v) = op.action else {
                    return Err(forbidden("an option is never removed"));
                };
                if op.replaces {
                    return Err(forbidden("an option is never changed"));
                }
                if text(v, crate::limits::OPTION, "the option")?
                    .trim()
                    .is_empty()
                {
                    return Err(forbidden("an option has words"));
                }
                if is_new {
                    *n.options.entry(op.obj).or_default() += 1;
                } else {
                    cx.past.push(Needs::NewOption {
                        options: op.object(),
                        creator: *creator,
                    });
                }
                Ok(None)
            }
            Loc::Votes { .. } => {
                if !cx.is_author(op.key) {
                    return Err(forbidden("a member votes in their own name only"));
                }
                if is_new {
                    return Err(forbidden("a vote is made in a poll that exists"));
                }
                let options = match op.action {
                    OpType::Put(ScalarValue::Str(s)) => parse_vote(s)
                        .ok_or_else(|| forbidden("a vote names options by their ids"))?,
                    OpType::Delete => Vec::new(),
                    _ => return Err(forbidden("a vote names options by their ids")),
                };
                cx.past.push(Needs::Vote {
                    votes: op.object(),
                    options,
                });
                Ok(None)
            }
        }
    }

    fn finish(n: Notes, _cx: &mut Cx) -> Result<(), Rejection> {
        if n.made.iter().any(|p| !n.asked.contains(p)) {
            return Err(forbidden("a new poll asks a question"));
        }
        let with_options: HashSet<u64> = n.options_of.values().copied().collect();
        if n.made.iter().any(|p| !with_options.contains(p)) {
            return Err(forbidden("a new poll has its options"));
        }
        for (map, _) in n.options_of {
            let count = n.options.get(&map).copied().unwrap_or(0);
            if !(MIN_OPTIONS..=MAX_OPTIONS).contains(&count) {
                return Err(forbidden("a poll has from 2 to 20 options"));
            }
        }
        Ok(())
    }

    fn code(loc: &Loc) -> (u8, Option<DeviceId>) {
        match loc {
            Loc::Root => (22, None),
            Loc::Poll { creator } => (23, Some(*creator)),
            Loc::Options { creator } => (24, Some(*creator)),
            Loc::Votes { creator } => (25, Some(*creator)),
        }
    }

    fn from_code(code: u8, device: Option<DeviceId>) -> Option<Loc> {
        match code {
            22 => Some(Loc::Root),
            23 => device.map(|creator| Loc::Poll { creator }),
            24 => device.map(|creator| Loc::Options { creator }),
            25 => device.map(|creator| Loc::Votes { creator }),
            _ => None,
        }
    }
}

/// The options a stored vote names: distinct option ids joined by commas, at most
/// [`MAX_OPTIONS`], at least one.
pub(crate) fn parse_vote(s: &str) -> Option<Vec<String>> {
    let ids: Vec<String> = s.split(',').map(str::to_owned).collect();
    let distinct: HashSet<&String> = ids.iter().collect();
    (ids.len() <= MAX_OPTIONS
        && distinct.len() == ids.len()
        && ids.iter().all(|i| ItemId::parse(i).is_some()))
    .then_some(ids)
}

/// One option of a poll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PollOption {
    /// Its id.
    pub id: ItemId,
    /// Its words.
    pub text: String,
    /// Who voted for it, in the order of their votes.
    pub voters: Vec<DeviceId>,
}

/// A poll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Poll {
    /// Its id.
    pub id: ItemId,
    /// Who made it.
    pub creator: DeviceId,
    /// When.
    pub created: Timestamp,
    /// The question.
    pub question: String,
    /// Whether a member may choose several options.
    pub multiple: bool,
    /// Whether members may add options.
    pub open: bool,
    /// Who closed it, if it is closed (`Some(None)`: closed, by someone not named).
    pub closed: Option<Option<DeviceId>>,
    /// Hidden by a moderator.
    pub hidden: Option<Hidden>,
    /// Its options, in the order they were written.
    pub options: Vec<PollOption>,
}

impl Poll {
    /// The options `who` voted for.
    pub fn vote_of(&self, who: DeviceId) -> Vec<ItemId> {
        self.options
            .iter()
            .filter(|o| o.voters.contains(&who))
            .map(|o| o.id)
            .collect()
    }

    /// How many members voted.
    pub fn voters(&self) -> usize {
        let all: HashSet<DeviceId> = self
            .options
            .iter()
            .flat_map(|o| o.voters.iter().copied())
            .collect();
        all.len()
    }
}

/// Every poll that shows, newest first.
pub(crate) fn list(r: &Reader<'_>) -> Vec<Poll> {
    let mut out: Vec<Poll> = items::objects_of::<Polls>(r, None)
        .into_iter()
        .map(|(id, o, creator)| read(r, id, &o, creator))
        .collect();
    out.sort_by(|a, b| b.created.cmp(&a.created).then(a.id.cmp(&b.id)));
    out
}

/// The polls under these ids.
pub(crate) fn with_ids(r: &Reader<'_>, ids: impl IntoIterator<Item = ItemId>) -> Vec<Poll> {
    ids.into_iter()
        .flat_map(|id| items::objects_of::<Polls>(r, Some(id)))
        .map(|(id, o, creator)| read(r, id, &o, creator))
        .collect()
}

/// One poll, from its object. A vote that names an option the poll does not show (or
/// several in a single-choice poll, which only two concurrent options could bring about)
/// counts for the options it names that exist, the first only when one is allowed.
fn read(r: &Reader<'_>, id: ItemId, o: &ExId, creator: DeviceId) -> Poll {
    let f = r.fields(o);
    let multiple = f.flag(MULTIPLE);
    let mut options: Vec<(OpOrder, PollOption)> = r
        .object(o, OPTIONS)
        .map(|m| r.entries(&m))
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v, at)| {
            Some((
                at,
                PollOption {
                    id: ItemId::parse(&k)?,
                    text: v.as_str()?.to_owned(),
                    voters: Vec::new(),
                },
            ))
        })
        .collect();
    options.sort_by(|a, b| a.0.cmp(&b.0));
    let mut options: Vec<PollOption> = options.into_iter().map(|(_, o)| o).collect();
    let mut votes: Vec<(OpOrder, DeviceId, Vec<String>)> = r
        .object(o, VOTES)
        .map(|m| r.entries(&m))
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(k, v, at)| Some((at, DeviceId::from_hex(&k).ok()?, parse_vote(v.as_str()?)?)))
        .collect();
    votes.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, who, chosen) in votes {
        let mut counted = 0;
        for c in chosen {
            if counted == 1 && !multiple {
                break;
            }
            if let Some(opt) = options.iter_mut().find(|o| o.id.to_hex() == c) {
                opt.voters.push(who);
                counted += 1;
            }
        }
    }
    Poll {
        id,
        creator,
        created: Timestamp(f.int(item_key::CREATED).unwrap_or(0)),
        question: f.text(QUESTION),
        multiple,
        open: f.flag(OPEN),
        closed: f.flag(CLOSED).then(|| f.device(CLOSED_BY)),
        hidden: items::hidden(&f),
        options,
    }
}

/// The poll `id` and its object.
fn find(r: &Reader<'_>, id: ItemId) -> Result<(ExId, Poll), CoreError> {
    items::find_in::<Polls, _>(r, id, read, Problem::PollNotFound)
}

/// What a person gives for a new poll.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PollDraft {
    /// The question.
    pub question: String,
    /// The options, in order.
    pub options: Vec<String>,
    /// Several options per member.
    pub multiple: bool,
    /// Members may add options.
    pub open: bool,
}

/// Writes a new poll; `option_ids` gives each option its id (random, from the caller).
pub(crate) fn create(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    id: ItemId,
    draft: PollDraft,
    option_ids: Vec<ItemId>,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    if draft.question.trim().is_empty() {
        return Err(CoreError::InvalidInput(Problem::QuestionRequired));
    }
    check_len(&draft.question, crate::limits::QUESTION, Field::Question)?;
    let options: Vec<String> = draft.options.iter().map(|o| o.trim().to_owned()).collect();
    if !(MIN_OPTIONS..=MAX_OPTIONS).contains(&options.len())
        || options.iter().any(String::is_empty)
        || option_ids.len() != options.len()
    {
        return Err(CoreError::InvalidInput(Problem::PollOptions {
            min: MIN_OPTIONS,
            max: MAX_OPTIONS,
        }));
    }
    for o in &options {
        check_len(o, crate::limits::OPTION, Field::PollOption)?;
    }
    let root = super::root_for_action::<Polls>(r)?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        let p = items::new_entry(tx, &root, id, me, now)?;
        tx.put(&p, QUESTION, draft.question.as_str())?;
        tx.put(&p, MULTIPLE, draft.multiple)?;
        tx.put(&p, OPEN, draft.open)?;
        let opts = tx.put_object(&p, OPTIONS, ObjType::Map)?;
        for (oid, text) in option_ids.iter().zip(&options) {
            tx.put(&opts, oid.to_hex(), text.as_str())?;
        }
        tx.put_object(&p, VOTES, ObjType::Map)?;
        Ok(())
    }))
}

/// Votes for `chosen` (none: withdraws my vote).
pub(crate) fn vote(
    r: &Reader<'_>,
    me: DeviceId,
    id: ItemId,
    chosen: &[ItemId],
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let (o, p) = find(r, id)?;
    if p.closed.is_some() {
        return Err(CoreError::InvalidInput(Problem::PollClosed));
    }
    let mut chosen: Vec<ItemId> = chosen.to_vec();
    chosen.dedup();
    if chosen.iter().any(|c| !p.options.iter().any(|o| o.id == *c)) {
        return Err(CoreError::InvalidInput(Problem::NoSuchOption));
    }
    if chosen.len() > 1 && !p.multiple {
        return Err(CoreError::InvalidInput(Problem::SingleChoice));
    }
    let mut mine = p.vote_of(me);
    mine.sort();
    let mut wanted = chosen.clone();
    wanted.sort();
    if mine == wanted {
        return Err(CoreError::InvalidInput(Problem::NothingToChange));
    }
    let votes = r
        .object(&o, VOTES)
        .ok_or(CoreError::NotFound(Problem::PollNotFound))?;
    let value: Vec<String> = chosen.iter().map(|c| c.to_hex()).collect();
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        if value.is_empty() {
            tx.delete(&votes, me.to_hex())?;
        } else {
            tx.put(&votes, me.to_hex(), value.join(","))?;
        }
        Ok(())
    }))
}

/// Adds an option to an open poll.
pub(crate) fn add_option(
    r: &Reader<'_>,
    me: DeviceId,
    id: ItemId,
    option: ItemId,
    text: &str,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let (o, p) = find(r, id)?;
    if p.closed.is_some() {
        return Err(CoreError::InvalidInput(Problem::PollClosed));
    }
    if !p.open && p.creator != me {
        return Err(CoreError::NotPermitted(Problem::NoNewOptions));
    }
    let text = text.trim().to_owned();
    if text.is_empty() || p.options.len() >= MAX_OPTIONS {
        return Err(CoreError::InvalidInput(Problem::PollOptions {
            min: MIN_OPTIONS,
            max: MAX_OPTIONS,
        }));
    }
    check_len(&text, crate::limits::OPTION, Field::PollOption)?;
    let opts = r
        .object(&o, OPTIONS)
        .ok_or(CoreError::NotFound(Problem::PollNotFound))?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        tx.put(&opts, option.to_hex(), text.as_str())?;
        Ok(())
    }))
}

/// Closes a poll (its creator and admins).
pub(crate) fn close(
    r: &Reader<'_>,
    me: DeviceId,
    role: Option<Role>,
    now: Timestamp,
    id: ItemId,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let (o, p) = find(r, id)?;
    if p.creator != me && role.is_none_or(|r| r < Role::Admin) {
        return Err(CoreError::NotPermitted(Problem::OnlyCreatorOrAdmin));
    }
    if p.closed.is_some() {
        return Err(CoreError::InvalidInput(Problem::PollClosed));
    }
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        tx.put(&o, CLOSED, true)?;
        tx.put(&o, CLOSED_BY, me.to_hex())?;
        tx.put(&o, CLOSED_AT, now.0)?;
        Ok(())
    }))
}
