//! `languages`: the languages each member reads, beside their name and bio, so that every
//! group they are in knows them. A collection of schema version 6. Each member writes only
//! their own entry: the BCP 47 tags, separated by spaces.
//!
//! ```text
//! languages: { <device hex>: "en fr pt-BR" }
//! ```
//!
//! Two admins who upgrade a group at once both made a `languages` map: the view reads every
//! one of them, the first (in id order) winning; a member writes into the first.

use std::collections::HashMap;

use automerge::ScalarValue;
use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};

use super::{Collection, Cx, Edit, Op, Writes, forbidden};
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::problem::Problem;
use crate::read::Reader;
use crate::role::Role;

/// The members' languages.
pub(crate) struct Languages;

/// The most languages one member lists.
pub const MAX_LANGUAGES: usize = 12;
/// Longest language tag, in characters.
pub const MAX_TAG: usize = 35;

impl Collection for Languages {
    const KEY: &'static str = "languages";
    const SINCE: i64 = 6;
    /// The map is the collection's only object.
    type Loc = ();
    const ROOT: () = ();
    const CODES: &'static [u8] = &[34];
    type Notes = ();

    fn check(_: &(), op: &Op<'_>, cx: &mut Cx, _: &mut ()) -> Result<Option<()>, Rejection> {
        if !cx.is_author(op.key) {
            return Err(forbidden("members write only their own languages"));
        }
        match op.action {
            OpType::Put(ScalarValue::Str(s)) if parse(s).is_some() => Ok(None),
            OpType::Put(_) => Err(forbidden(
                "languages are up to 12 tags of letters, digits and dashes",
            )),
            OpType::Delete => Ok(None),
            _ => Err(op.not_allowed()),
        }
    }

    fn code(_: &()) -> (u8, Option<DeviceId>) {
        (34, None)
    }

    fn from_code(code: u8, _: Option<DeviceId>) -> Option<()> {
        (code == 34).then_some(())
    }
}

/// The tags of a stored list; `None` when it is not one.
fn parse(s: &str) -> Option<Vec<String>> {
    let tags: Vec<String> = s.split(' ').map(str::to_owned).collect();
    valid(&tags).then_some(tags)
}

/// Whether a person's list of languages can be written as it is: at most [`MAX_LANGUAGES`]
/// tags of letters, digits and dashes.
pub fn valid(tags: &[String]) -> bool {
    let good = |t: &String| {
        !t.is_empty()
            && t.chars().count() <= MAX_TAG
            && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    tags.len() <= MAX_LANGUAGES && tags.iter().all(good)
}

/// Every member's languages that are not empty, by device.
pub(crate) fn all(r: &Reader<'_>) -> HashMap<DeviceId, Vec<String>> {
    let mut out = HashMap::new();
    for root in super::roots_of::<Languages>(r).iter().rev() {
        for (k, v) in r.fields(root).0 {
            let Ok(who) = DeviceId::from_hex(&k) else {
                continue;
            };
            if let Some(tags) = v.as_str().and_then(parse) {
                out.insert(who, tags);
            }
        }
    }
    out
}

/// The languages of `who` in this group (empty: none written).
pub(crate) fn of(r: &Reader<'_>, who: DeviceId) -> Vec<String> {
    all(r).remove(&who).unwrap_or_default()
}

/// Writes my languages (none: the entry is taken away).
pub(crate) fn set(
    r: &Reader<'_>,
    role: Option<Role>,
    me: DeviceId,
    tags: &[String],
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    if role.is_none() {
        return Err(CoreError::NotPermitted(Problem::NotAMember));
    }
    if !valid(tags) {
        return Err(CoreError::InvalidInput(Problem::BadTag { max: MAX_TAG }));
    }
    let root = super::roots_of::<Languages>(r)
        .into_iter()
        .next()
        .ok_or(CoreError::NotPermitted(Problem::NeedsUpgrade))?;
    let key = me.to_hex();
    let joined = tags.join(" ");
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        if joined.is_empty() {
            tx.delete(&root, &key)
        } else {
            tx.put(&root, &key, joined)
        }
    }))
}
