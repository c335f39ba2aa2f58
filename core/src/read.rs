//! Reading a group's document as every peer shows it: values written by revoked changes are
//! masked, and the value before them shows through (ARCHITECTURE.md, "Removal semantics").
//!
//! The collections' readers work on a [`Reader`]; the ledger keeps the [`Mask`] up to date.

use std::collections::HashMap;

use automerge::{ActorId, Automerge, ChangeHash, ObjId as ExId, ReadDoc, Value};

use crate::identity::DeviceId;

/// The operations of revoked changes, which no view shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Mask {
    /// Per actor, the operation counters (start, end) of its revoked changes, sorted.
    ranges: HashMap<ActorId, Vec<(u64, u64)>>,
    /// The dependencies of each revoked change: where the value before it is read.
    deps: HashMap<ChangeHash, Box<[ChangeHash]>>,
}

impl Mask {
    /// Forgets every revoked change.
    pub(crate) fn clear(&mut self) {
        self.ranges.clear();
        self.deps.clear();
    }

    /// Masks a revoked change: `actor`'s operations `ops` (start, end), built on `deps`.
    pub(crate) fn add(
        &mut self,
        hash: ChangeHash,
        actor: &ActorId,
        ops: (u64, u64),
        deps: &[ChangeHash],
    ) {
        let ranges = self.ranges.entry(actor.clone()).or_default();
        let at = ranges.partition_point(|r| *r < ops);
        ranges.insert(at, ops);
        self.deps.insert(hash, deps.into());
    }

    /// Whether the operation `counter` of `actor` belongs to a revoked change.
    pub(crate) fn is_masked(&self, actor: &ActorId, counter: u64) -> bool {
        if self.ranges.is_empty() {
            return false;
        }
        self.ranges
            .get(actor)
            .is_some_and(|r| r.iter().any(|(s, e)| (*s..*e).contains(&counter)))
    }
}

/// The document, read through the mask of revoked changes.
#[derive(Clone, Copy)]
pub(crate) struct Reader<'a> {
    doc: &'a Automerge,
    mask: Option<&'a Mask>,
}

impl<'a> Reader<'a> {
    /// Reads `doc`, hiding what `mask` covers (nothing when there is no mask yet).
    pub(crate) fn new(doc: &'a Automerge, mask: Option<&'a Mask>) -> Self {
        Self { doc, mask }
    }

    /// The document itself, for reads that need no masking (keys of a map, say).
    pub(crate) fn doc(&self) -> &'a Automerge {
        self.doc
    }

    /// Whether the operation `id` was written by a revoked change.
    pub(crate) fn masked(&self, id: &ExId) -> bool {
        match (id, self.mask) {
            (ExId::Id(counter, actor, _), Some(m)) => m.is_masked(actor, *counter),
            _ => false,
        }
    }

    /// The visible value of `obj[k]`: the winning value among those not written by revoked
    /// changes. When every current value is revoked, the value as it was before the revoked
    /// change shows through.
    pub(crate) fn visible(&self, obj: &ExId, k: &str) -> Option<(Value<'a>, ExId)> {
        let (best, mut masked) = self.pick(self.doc.get_all(obj, k).ok()?);
        if best.is_some() {
            return best;
        }
        for _ in 0..8 {
            let m = masked?;
            let hash = self.doc.hash_for_opid(&m)?;
            let deps = self.mask?.deps.get(&hash)?.to_vec();
            let (b, next) = self.pick(self.doc.get_all_at(obj, k, &deps).ok()?);
            if b.is_some() {
                return b;
            }
            masked = next;
        }
        None
    }

    fn pick<'v>(&self, vals: Vec<(Value<'v>, ExId)>) -> (Option<(Value<'v>, ExId)>, Option<ExId>) {
        let mut masked = None;
        let mut best: Option<(Value<'v>, ExId)> = None;
        for (v, id) in vals {
            if self.masked(&id) {
                masked = Some(id);
            } else if best
                .as_ref()
                .is_none_or(|(_, b)| opid_key(&id) > opid_key(b))
            {
                best = Some((v, id));
            }
        }
        (best, masked)
    }

    /// The visible fields of a map object, read in one pass: far cheaper than one lookup per
    /// field when a view reads many objects. A field with concurrent values, or whose winning
    /// value a revoked change wrote, takes the careful path of [`Reader::visible`].
    pub(crate) fn fields(&self, obj: &ExId) -> Fields {
        self.fields_in(obj, ..)
    }

    /// [`Reader::fields`] for the keys in `range` only.
    pub(crate) fn fields_in(
        &self,
        obj: &ExId,
        range: impl std::ops::RangeBounds<String>,
    ) -> Fields {
        let mut out = Vec::new();
        for item in self.doc.map_range(obj, range) {
            let value = if item.conflict || self.masked(&item.id()) {
                match self.visible(obj, &item.key) {
                    Some((v, _)) => v.into_owned(),
                    None => continue,
                }
            } else {
                item.value.into_value()
            };
            out.push((item.key.into_owned(), value));
        }
        Fields(out)
    }

    /// The visible object at `obj[k]`, if that is an object.
    pub(crate) fn object(&self, obj: &ExId, k: &str) -> Option<ExId> {
        match self.visible(obj, k) {
            Some((Value::Object(_), id)) => Some(id),
            _ => None,
        }
    }

    /// The visible text at `obj[k]`; empty when there is none.
    pub(crate) fn text(&self, obj: &ExId, k: &str) -> String {
        self.visible(obj, k)
            .and_then(|(v, _)| v.as_str().map(str::to_owned))
            .unwrap_or_default()
    }

    /// The visible number at `obj[k]`.
    pub(crate) fn int(&self, obj: &ExId, k: &str) -> Option<i64> {
        self.visible(obj, k).and_then(|(v, _)| v.as_i64())
    }

    /// The visible entries of a map, each with the place of the operation that wrote its
    /// value in Automerge's order (counter, then actor). A counter is larger than every
    /// counter in its change's past, so this order follows the history and is the same on
    /// every peer: it ranks answers and sign-ups, never the order in which they arrived.
    pub(crate) fn entries(&self, obj: &ExId) -> Vec<(String, Value<'static>, OpOrder)> {
        let mut out = Vec::new();
        for item in self.doc.map_range(obj, ..) {
            let (value, id) = if item.conflict || self.masked(&item.id()) {
                match self.visible(obj, &item.key) {
                    Some((v, id)) => (v.into_owned(), id),
                    None => continue,
                }
            } else {
                let id = item.id();
                (item.value.into_value(), id)
            };
            out.push((item.key.into_owned(), value, opid_key(&id)));
        }
        out
    }

    /// The keys of a set (a map of `key: true`) that have a visible value.
    pub(crate) fn set_keys(&self, set: &ExId) -> Vec<String> {
        self.doc
            .keys(set)
            .filter(|k| self.visible(set, k).is_some())
            .collect()
    }
}

/// Where an operation stands in Automerge's order of operations (counter, then actor).
pub(crate) type OpOrder = (u64, Vec<u8>);

/// An object's visible fields (see [`Reader::fields`]).
pub(crate) struct Fields(pub(crate) Vec<(String, Value<'static>)>);

impl Fields {
    fn get(&self, k: &str) -> Option<&Value<'static>> {
        self.0.iter().find(|(key, _)| key == k).map(|(_, v)| v)
    }

    /// The text of field `k`; empty when there is none.
    pub(crate) fn text(&self, k: &str) -> String {
        self.get(k)
            .and_then(|v| v.as_str())
            .map(str::to_owned)
            .unwrap_or_default()
    }

    /// The device named (in hex) in field `k`.
    pub(crate) fn device(&self, k: &str) -> Option<DeviceId> {
        DeviceId::from_hex(&self.text(k)).ok()
    }

    /// The number in field `k`.
    pub(crate) fn int(&self, k: &str) -> Option<i64> {
        self.get(k).and_then(Value::as_i64)
    }

    /// Whether field `k` is `true`.
    pub(crate) fn flag(&self, k: &str) -> bool {
        self.get(k).and_then(Value::as_bool).unwrap_or(false)
    }
}

/// Automerge's order of operations: by counter, then by actor.
pub(crate) fn opid_key(id: &ExId) -> OpOrder {
    match id {
        ExId::Root => (0, Vec::new()),
        ExId::Id(c, a, _) => (*c, a.to_bytes().to_vec()),
    }
}
