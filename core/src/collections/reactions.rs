//! `reactions`: one short emoji or word per member and item, written in the member's own name.
//!
//! ```text
//! reactions: { "<item id>/<device hex>": "<emoji or word>" }
//! ```

use std::collections::HashMap;

use automerge::ScalarValue;
use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};

use super::{Collection, Cx, Edit, Op, Writes, forbidden, root_for_action, root_of};
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::ids::ItemId;
use crate::problem::Problem;
use crate::read::Reader;

/// Longest reaction, in bytes.
const MAX_REACTION_BYTES: usize = 32;

/// The reactions.
pub(crate) struct Reactions;

impl Collection for Reactions {
    const KEY: &'static str = "reactions";
    /// The reactions map is the collection's only object.
    type Loc = ();
    const ROOT: () = ();
    const CODES: &'static [u8] = &[8];
    type Notes = ();

    fn check(_: &(), op: &Op<'_>, cx: &mut Cx, _: &mut ()) -> Result<Option<()>, Rejection> {
        if !matches!(op.action, OpType::Put(_) | OpType::Delete) {
            return Err(op.not_allowed());
        }
        let Some((item, who)) = op.key.split_once('/') else {
            return Err(forbidden("reaction key is <item>/<device>"));
        };
        if ItemId::parse(item).is_none() || !cx.is_author(who) {
            return Err(forbidden("members react only in their own name"));
        }
        if let OpType::Put(v) = op.action {
            match v {
                ScalarValue::Str(s) if !s.is_empty() && s.len() <= MAX_REACTION_BYTES => {}
                _ => return Err(forbidden("a reaction is a short text")),
            }
        }
        Ok(None)
    }

    fn code(_: &()) -> (u8, Option<DeviceId>) {
        (8, None)
    }

    fn from_code(code: u8, _: Option<DeviceId>) -> Option<()> {
        (code == 8).then_some(())
    }
}

/// Every reaction in the group, per item: who reacted with what, sorted.
pub(crate) fn all(r: &Reader<'_>) -> HashMap<ItemId, Vec<(DeviceId, String)>> {
    let Some(root) = root_of::<Reactions>(r) else {
        return HashMap::new();
    };
    gather(r.fields(&root).0)
}

/// The reactions to these items, per item: who reacted with what, sorted. Reads only their
/// keys (`<item>/...`), not the whole map.
pub(crate) fn to(
    r: &Reader<'_>,
    items: impl IntoIterator<Item = ItemId>,
) -> HashMap<ItemId, Vec<(DeviceId, String)>> {
    let Some(root) = root_of::<Reactions>(r) else {
        return HashMap::new();
    };
    let mut fields = Vec::new();
    for item in items {
        // Keys of one item run from "<item>/" up to "<item>0" ('0' follows '/').
        let hex = item.to_hex();
        fields.extend(r.fields_in(&root, format!("{hex}/")..format!("{hex}0")).0);
    }
    gather(fields)
}

fn gather(
    fields: Vec<(String, automerge::Value<'static>)>,
) -> HashMap<ItemId, Vec<(DeviceId, String)>> {
    let mut out: HashMap<ItemId, Vec<(DeviceId, String)>> = HashMap::new();
    for (k, v) in fields {
        let Some((item, who)) = k.split_once('/') else {
            continue;
        };
        let (Some(item), Ok(who)) = (ItemId::parse(item), DeviceId::from_hex(who)) else {
            continue;
        };
        match v.as_str() {
            Some(v) if !v.is_empty() => out.entry(item).or_default().push((who, v.to_owned())),
            _ => {}
        }
    }
    for list in out.values_mut() {
        list.sort();
    }
    out
}

/// Sets (or with `None`, withdraws) my reaction to a post or comment.
pub(crate) fn react<'a>(
    r: &Reader<'_>,
    me: DeviceId,
    item: ItemId,
    reaction: Option<&'a str>,
) -> Result<Edit<impl Writes + use<'a>>, CoreError> {
    if let Some(r) = reaction
        && (r.is_empty() || r.len() > MAX_REACTION_BYTES)
    {
        return Err(CoreError::InvalidInput(Problem::BadReaction));
    }
    let k = format!("{}/{}", item.to_hex(), me.to_hex());
    let reactions = root_for_action::<Reactions>(r)?;
    Ok(Edit::content(
        move |tx: &mut Transaction<'_>| match reaction {
            Some(v) => tx.put(&reactions, &k, v),
            None => tx.delete(&reactions, &k),
        },
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::group::testing::*;

    #[test]
    fn members_react_and_comment_only_in_their_own_name() {
        let mut w = two_members();
        post(&mut w, BRUNO, 1, "hello");
        w.sync_all();
        w.replicas[CHLOE]
            .react(t(40), ItemId::from_u64(1), Some("👍"))
            .unwrap();
        w.replicas[CHLOE]
            .comment(
                t(41),
                ItemId::from_u64(2),
                ItemId::from_u64(1),
                None,
                "welcome",
            )
            .unwrap();
        let bruno = w.id_of(BRUNO);
        let forged = forge(&w.replicas[CHLOE], &key(3), [3; 8], None, |tx, doc| {
            let r = obj(doc, &ROOT, "reactions");
            tx.put(
                &r,
                format!("{}/{}", ItemId::from_u64(1).to_hex(), bruno.to_hex()),
                "👎",
            )
            .unwrap();
        });
        w.sync_all();
        let report = w.replicas[AMARA].ingest(vec![forged]);
        assert_eq!(report.rejected.len(), 1);
        let reactions = w.replicas[AMARA].reactions(ItemId::from_u64(1));
        assert_eq!(reactions, vec![(w.id_of(CHLOE), "👍".to_string())]);
        let all = w.replicas[AMARA].all_reactions();
        assert_eq!(all.len(), 1);
        assert_eq!(all[&ItemId::from_u64(1)], reactions);
        assert_eq!(w.replicas[AMARA].comments()[0].body, "welcome");
    }
}
