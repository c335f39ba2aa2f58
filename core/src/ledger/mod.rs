//! The membership ledger: which changes the group holds, who was allowed to do what at each point
//! of the history, and which changes are revoked.
//!
//! Every change in the document has an [`Info`]. Changes with membership effects are also
//! [`Event`]s. For each change the ledger keeps the set of events in its causal past (interned
//! bitsets: almost every change shares its parents' set), which answers "what did the author's
//! role look like when this change was made" without replaying the document.
//!
//! Decisions are a function of the set of changes only (see ARCHITECTURE.md, "Removal
//! semantics"), so every peer that holds the same changes reaches the same decisions.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use automerge::{ActorId, ChangeHash};

use crate::collections::Effect;
use crate::error::Rejection;
use crate::identity::DeviceId;
use crate::read::Mask;
use crate::role::Role;
use crate::schema::{Classified, GENESIS_VERSION, Loc};

mod image;

/// A growable bitset over event indices.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Bits(Vec<u64>);

impl Bits {
    pub(crate) fn contains(&self, i: u32) -> bool {
        let (w, b) = ((i / 64) as usize, i % 64);
        self.0.get(w).is_some_and(|word| word & (1 << b) != 0)
    }

    fn insert(&mut self, i: u32) {
        let (w, b) = ((i / 64) as usize, i % 64);
        if self.0.len() <= w {
            self.0.resize(w + 1, 0);
        }
        self.0[w] |= 1 << b;
    }

    fn union_with(&mut self, other: &Bits) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    fn count(&self) -> u32 {
        self.0.iter().map(|w| w.count_ones()).sum()
    }
}

/// What the ledger knows of one change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Info {
    pub(crate) author: DeviceId,
    actor: u32,
    deps: Box<[ChangeHash]>,
    /// Events strictly in the causal past.
    strict: u32,
    /// `strict` plus this change's own event, if it is one.
    incl: u32,
    event: Option<u32>,
    start_op: u64,
    ops: u64,
    min_role: Role,
}

/// Kinds of events, which fixes the order in which their validity is settled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EventKind {
    /// By the owner, whose role never changes: valid whenever it passed the permanent checks.
    Owner,
    /// A member leaving: it only lowers its author's own role, so it is always honoured.
    Leave,
    /// An admin acting on others: settled in a deterministic order (see `resolve`).
    Admin,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Event {
    hash: ChangeHash,
    author: DeviceId,
    kind: EventKind,
    effects: Vec<(DeviceId, Effect)>,
    sets: Vec<(DeviceId, Option<Role>)>,
    min_role: Role,
    strict: u32,
    /// For each target that had written anything before this event: which of the target's
    /// changes are in the event's causal past (those are never revoked by it).
    seen: HashMap<DeviceId, HashSet<ChangeHash>>,
    /// For a schema upgrade: the version it raises the group to. An upgrade is an event
    /// with no membership effects, so that "is it in this change's past" is one bit of the
    /// change's event set, and so that an admin's upgrade is settled like an admin's other
    /// acts of authority (void when made concurrently with the admin's demotion).
    upgrade: Option<i64>,
}

/// How to read roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// From every event in the causal past, valid or not (the permanent, arrival-time check).
    Recorded,
    /// From valid events in the causal past, lowered by valid concurrent events.
    Resolved,
}

/// The ledger itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Ledger {
    /// The group's founder, its first owner.
    owner: DeviceId,
    /// Ownership handed over: the event, from whom, to whom, in the order of events (a
    /// causal order: each handover is made by the owner of its past, so each knows the one
    /// before it). Owner events are always valid, so the owner at a point of the history
    /// needs no resolution.
    transfers: Vec<(u32, DeviceId, DeviceId)>,
    infos: HashMap<ChangeHash, Info>,
    actor_ids: HashMap<ActorId, u32>,
    /// Each actor by its index in `actor_ids`.
    actors: Vec<ActorId>,
    max_seq: Vec<u64>,
    locs: HashMap<(u32, u64), Loc>,
    events: Vec<Event>,
    by_target: HashMap<DeviceId, Vec<u32>>,
    sets: Vec<Arc<Bits>>,
    set_ids: HashMap<Arc<Bits>, u32>,
    valid: Vec<bool>,
    written: HashMap<DeviceId, usize>,
    revoked: HashSet<ChangeHash>,
    /// Schema upgrades: their event and the version each raises the group to.
    upgrades: Vec<(u32, i64)>,
    /// Changes held, not judged: they touch a collection of a schema version newer than the
    /// judging build knows. Kept and passed on, masked in every view.
    held: HashSet<ChangeHash>,
    /// What the revoked and the held changes wrote, masked in every view.
    mask: Mask,
}

/// A change about to be registered.
pub(crate) struct NewChange<'a> {
    pub(crate) hash: ChangeHash,
    pub(crate) actor: &'a ActorId,
    pub(crate) seq: u64,
    pub(crate) author: DeviceId,
    pub(crate) deps: &'a [ChangeHash],
    pub(crate) start_op: u64,
    pub(crate) ops: u64,
}

impl Ledger {
    pub(crate) fn new(owner: DeviceId) -> Self {
        let empty = Arc::new(Bits::default());
        Self {
            owner,
            transfers: Vec::new(),
            infos: HashMap::new(),
            actor_ids: HashMap::new(),
            actors: Vec::new(),
            max_seq: Vec::new(),
            locs: HashMap::new(),
            events: Vec::new(),
            by_target: HashMap::new(),
            sets: vec![empty.clone()],
            set_ids: HashMap::from([(empty, 0)]),
            valid: Vec::new(),
            written: HashMap::new(),
            revoked: HashSet::new(),
            upgrades: Vec::new(),
            held: HashSet::new(),
            mask: Mask::default(),
        }
    }

    /// The owner now.
    pub(crate) fn owner(&self) -> DeviceId {
        self.owner_among(|_| true)
    }

    /// The owner at a point whose past holds the events `known` says: the founder, then
    /// whoever each handover in that past made owner, in order.
    fn owner_among(&self, known: impl Fn(u32) -> bool) -> DeviceId {
        let mut owner = self.owner;
        for &(e, from, to) in &self.transfers {
            if from == owner && known(e) {
                owner = to;
            }
        }
        owner
    }

    /// [`Ledger::owner_among`] for the events in `set`.
    fn owner_in(&self, set: &Bits) -> DeviceId {
        self.owner_among(|e| set.contains(e))
    }

    pub(crate) fn contains(&self, hash: &ChangeHash) -> bool {
        self.infos.contains_key(hash)
    }

    pub(crate) fn len(&self) -> usize {
        self.infos.len()
    }

    /// Where a change sits in its actor's history: the actor's index and the change's first
    /// operation counter (which grows with the actor's sequence numbers).
    pub(crate) fn position(&self, hash: &ChangeHash) -> Option<(u32, u64)> {
        self.infos.get(hash).map(|i| (i.actor, i.start_op))
    }

    /// What an existing object is.
    pub(crate) fn loc(&self, actor: &ActorId, counter: u64) -> Option<Loc> {
        let a = self.actor_ids.get(actor)?;
        self.locs.get(&(*a, counter)).cloned()
    }

    /// The sequence number the next change of `actor` must carry.
    pub(crate) fn next_seq(&self, actor: &ActorId) -> u64 {
        self.actor_ids
            .get(actor)
            .map_or(1, |a| self.max_seq[*a as usize] + 1)
    }

    fn actor_index(&mut self, actor: &ActorId) -> u32 {
        if let Some(a) = self.actor_ids.get(actor) {
            return *a;
        }
        let a = self.actor_ids.len() as u32;
        self.actor_ids.insert(actor.clone(), a);
        self.actors.push(actor.clone());
        self.max_seq.push(0);
        a
    }

    fn intern(&mut self, bits: Bits) -> u32 {
        if let Some(id) = self.set_ids.get(&bits) {
            return *id;
        }
        let id = self.sets.len() as u32;
        let bits = Arc::new(bits);
        self.sets.push(bits.clone());
        self.set_ids.insert(bits, id);
        id
    }

    /// The events strictly before a change with these dependencies.
    pub(crate) fn strict_set(&mut self, deps: &[ChangeHash]) -> u32 {
        let mut ids: Vec<u32> = deps
            .iter()
            .filter_map(|d| self.infos.get(d).map(|i| i.incl))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        match ids.as_slice() {
            [] => 0,
            [one] => *one,
            many => {
                let mut bits = Bits::default();
                for id in many {
                    bits.union_with(&self.sets[*id as usize]);
                }
                self.intern(bits)
            }
        }
    }

    /// The role `who` has at a point whose past holds the events in `set`.
    fn role_in(&self, who: DeviceId, set: &Bits, mode: Mode) -> Option<Role> {
        self.role_among(who, |e| set.contains(e), mode)
    }

    /// [`Ledger::role_in`] for the events `known` says are in the set.
    fn role_among(&self, who: DeviceId, known: impl Fn(u32) -> bool, mode: Mode) -> Option<Role> {
        if who == self.owner_among(&known) {
            return Some(Role::Owner);
        }
        let list = self.by_target.get(&who)?;
        let usable = |e: u32| known(e) && (mode == Mode::Recorded || self.valid[e as usize]);
        let mut result: Option<Option<Role>> = None;
        for &e in list.iter().filter(|e| usable(**e)) {
            // Only the latest events count: an event someone else knew about is superseded.
            let superseded = list.iter().any(|&later| {
                later != e
                    && usable(later)
                    && self.sets[self.events[later as usize].strict as usize].contains(e)
            });
            if superseded {
                continue;
            }
            let role = effect_of(&self.events[e as usize], who);
            // Concurrent latest events: removal wins, otherwise the lower role.
            result = Some(match result {
                None => role,
                Some(prev) => min_role(prev, role),
            });
        }
        result.flatten()
    }

    /// The role `author` effectively had for a change: its role in the change's past, lowered by
    /// any valid event about the author that the change did not know of and that did not know
    /// of the change (a concurrent removal or demotion).
    fn effective_role(
        &self,
        author: DeviceId,
        strict: u32,
        hash: ChangeHash,
        own_event: Option<u32>,
        mode: Mode,
    ) -> Option<Role> {
        let past = &self.sets[strict as usize];
        let mut role = self.role_in(author, past, mode);
        if mode == Mode::Resolved && author != self.owner_in(past) {
            for &e in self
                .by_target
                .get(&author)
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                if Some(e) == own_event || past.contains(e) || !self.valid[e as usize] {
                    continue;
                }
                let ev = &self.events[e as usize];
                if ev.seen.get(&author).is_some_and(|s| s.contains(&hash)) {
                    continue;
                }
                role = min_role(role, effect_of(ev, author));
            }
        }
        role
    }

    /// Whether a change with these needs is allowed.
    #[allow(clippy::too_many_arguments)]
    fn permits(
        &self,
        author: DeviceId,
        strict: u32,
        hash: ChangeHash,
        own_event: Option<u32>,
        min: Role,
        sets: &[(DeviceId, Option<Role>)],
        leaves: bool,
        mode: Mode,
    ) -> Result<(), Rejection> {
        let Some(role) = self.effective_role(author, strict, hash, own_event, mode) else {
            return Err(Rejection::NotAMember);
        };
        if role < min {
            return Err(Rejection::NotPermitted(format!(
                "needs the {} role, the author is {role}",
                min.as_str()
            )));
        }
        let past = &self.sets[strict as usize];
        if leaves && author == self.owner_in(past) {
            return Err(Rejection::NotPermitted(
                "the owner cannot leave the group".into(),
            ));
        }
        if sets.iter().any(|(_, r)| *r == Some(Role::Owner)) {
            // A handover (its shape is checked where it is read: the author becomes an admin,
            // one other member the owner): by the owner, to an admin.
            let to = sets
                .iter()
                .find(|(t, r)| *t != author && *r == Some(Role::Owner))
                .map(|(t, _)| *t);
            let by_owner = role == Role::Owner && author == self.owner_in(past);
            let to_admin = to.is_some_and(|t| self.role_in(t, past, mode) == Some(Role::Admin));
            if !by_owner || !to_admin {
                return Err(Rejection::NotPermitted(
                    "only the owner hands the group over, and only to an admin".into(),
                ));
            }
            return Ok(());
        }
        for (target, new) in sets {
            let current = self.role_in(*target, past, mode);
            if !role.may_set_role(current, *new) {
                let what = new.map_or("remove".to_string(), |r| format!("make someone {r}"));
                return Err(Rejection::NotPermitted(format!(
                    "a {role} may not {what} here"
                )));
            }
        }
        Ok(())
    }

    /// The permanent check of a new change against its recorded past.
    pub(crate) fn check_new(
        &mut self,
        author: DeviceId,
        hash: ChangeHash,
        deps: &[ChangeHash],
        c: &Classified,
    ) -> Result<(), Rejection> {
        let strict = self.strict_set(deps);
        let leaves = c.effects.iter().any(|(_, e)| *e == Effect::Leave);
        self.permits(
            author,
            strict,
            hash,
            None,
            c.min_role,
            &c.sets,
            leaves,
            Mode::Recorded,
        )?;
        // The schema version in the change's past: an upgrade goes one known step up from
        // it, and what a collection of version n touches needs version n there.
        let version = self.version_in(strict, Mode::Recorded);
        if let Some(to) = c.upgrade
            && to != version + 1
        {
            return Err(Rejection::Forbidden(format!(
                "a schema upgrade goes one step up, from {version} to {}",
                version + 1
            )));
        }
        if c.needs_version > version {
            return Err(Rejection::Forbidden(format!(
                "this change needs schema version {}, and its past holds version {version}",
                c.needs_version
            )));
        }
        Ok(())
    }

    /// The schema version of the group at a point whose past holds the events in `strict`:
    /// the highest version an upgrade there raised it to (with `Mode::Resolved`, only valid
    /// upgrades count), 1 when there is none.
    fn version_in(&self, strict: u32, mode: Mode) -> i64 {
        let past = &self.sets[strict as usize];
        self.upgrades
            .iter()
            .filter(|(e, _)| {
                past.contains(*e) && (mode == Mode::Recorded || self.valid[*e as usize])
            })
            .map(|(_, v)| *v)
            .fold(GENESIS_VERSION, i64::max)
    }

    /// The group's schema version now, from its valid upgrades.
    pub(crate) fn schema_version(&self) -> i64 {
        self.upgrades
            .iter()
            .filter(|(e, _)| self.valid[*e as usize])
            .map(|(_, v)| *v)
            .fold(GENESIS_VERSION, i64::max)
    }

    /// Whether a change is held (not judged: it needs a newer Causeway).
    pub(crate) fn is_held(&self, hash: &ChangeHash) -> bool {
        self.held.contains(hash)
    }

    /// How many changes are held.
    pub(crate) fn held_count(&self) -> usize {
        self.held.len()
    }

    /// Adds a change that passed the permanent checks. Returns true when it is a membership
    /// event (so validity must be settled again with [`Ledger::resolve`]).
    pub(crate) fn register(&mut self, new: NewChange<'_>, c: Classified) -> bool {
        let actor = self.actor_index(new.actor);
        let seq = &mut self.max_seq[actor as usize];
        *seq = (*seq).max(new.seq);
        for (counter, loc) in c.creates {
            self.locs.insert((actor, counter), loc);
        }
        let strict = self.strict_set(new.deps);
        let mut event = None;
        let mut incl = strict;
        if c.held {
            // Masked below, once the change's info is in.
            self.held.insert(new.hash);
        }
        if !c.effects.is_empty() || c.upgrade.is_some() {
            let e = self.events.len() as u32;
            if let Some(to) = c.upgrade {
                self.upgrades.push((e, to));
            }
            let owner_then = self.owner_in(&self.sets[strict as usize]);
            if let Some((to, _)) = c
                .sets
                .iter()
                .find(|(t, r)| *t != new.author && *r == Some(Role::Owner))
            {
                self.transfers.push((e, new.author, *to));
            }
            let kind = if new.author == owner_then {
                EventKind::Owner
            } else if !c.effects.is_empty() && c.effects.iter().all(|(t, _)| *t == new.author) {
                EventKind::Leave
            } else {
                EventKind::Admin
            };
            let targets: Vec<DeviceId> = c
                .effects
                .iter()
                .map(|(t, _)| *t)
                .filter(|t| self.written.get(t).is_some_and(|n| *n > 0))
                .collect();
            let seen = self.seen_by(new.deps, &targets);
            for (t, _) in &c.effects {
                self.by_target.entry(*t).or_default().push(e);
            }
            self.events.push(Event {
                hash: new.hash,
                author: new.author,
                kind,
                effects: c.effects,
                sets: c.sets,
                min_role: c.min_role,
                strict,
                seen,
                upgrade: c.upgrade,
            });
            self.valid.push(true);
            let mut bits = (*self.sets[strict as usize]).clone();
            bits.insert(e);
            incl = self.intern(bits);
            event = Some(e);
        }
        *self.written.entry(new.author).or_default() += 1;
        self.infos.insert(
            new.hash,
            Info {
                author: new.author,
                actor,
                deps: new.deps.into(),
                strict,
                incl,
                event,
                start_op: new.start_op,
                ops: new.ops,
                min_role: c.min_role,
            },
        );
        if c.held {
            self.mask_change(new.hash);
        }
        event.is_some()
    }

    /// Which changes of each target lie in the causal past of `deps`.
    fn seen_by(
        &self,
        deps: &[ChangeHash],
        targets: &[DeviceId],
    ) -> HashMap<DeviceId, HashSet<ChangeHash>> {
        let mut seen: HashMap<DeviceId, HashSet<ChangeHash>> =
            targets.iter().map(|t| (*t, HashSet::new())).collect();
        if targets.is_empty() {
            return seen;
        }
        let mut visited: HashSet<ChangeHash> = HashSet::new();
        let mut stack: Vec<ChangeHash> = deps.to_vec();
        while let Some(h) = stack.pop() {
            if !visited.insert(h) {
                continue;
            }
            let Some(info) = self.infos.get(&h) else {
                continue;
            };
            if let Some(s) = seen.get_mut(&info.author) {
                s.insert(h);
            }
            stack.extend(info.deps.iter().copied());
        }
        seen
    }

    /// Settles which events are valid and which changes are revoked. Returns true when the set
    /// of revoked changes changed.
    ///
    /// Owner events and leaves are always valid once they passed the permanent checks. Admin
    /// events are settled one by one in a fixed order (fewest events in their past first, then
    /// by hash), each against the events settled before it; content is then judged against all
    /// valid events. The order depends only on the set of changes, never on arrival order.
    pub(crate) fn resolve(&mut self) -> bool {
        let n = self.events.len();
        let mut valid = vec![false; n];
        let mut admin: Vec<u32> = Vec::new();
        for (i, e) in self.events.iter().enumerate() {
            match e.kind {
                EventKind::Owner | EventKind::Leave => valid[i] = true,
                EventKind::Admin => admin.push(i as u32),
            }
        }
        admin.sort_by_key(|&e| {
            let ev = &self.events[e as usize];
            (self.sets[ev.strict as usize].count(), ev.hash)
        });
        self.valid = valid;
        for e in admin {
            let ev = &self.events[e as usize];
            let ok = self
                .permits(
                    ev.author,
                    ev.strict,
                    ev.hash,
                    Some(e),
                    ev.min_role,
                    &ev.sets,
                    false,
                    Mode::Resolved,
                )
                .is_ok();
            self.valid[e as usize] = ok;
        }
        let mut revoked = HashSet::new();
        for (hash, info) in &self.infos {
            let ok = match info.event {
                Some(e) => self.valid[e as usize],
                None => self
                    .permits(
                        info.author,
                        info.strict,
                        *hash,
                        None,
                        info.min_role,
                        &[],
                        false,
                        Mode::Resolved,
                    )
                    .is_ok(),
            };
            if !ok {
                revoked.insert(*hash);
            }
        }
        let changed = revoked != self.revoked;
        self.revoked = revoked;
        self.rebuild_mask();
        changed
    }

    /// Judges a freshly registered plain change (no membership effects) against the current
    /// valid events; returns true when it is revoked.
    pub(crate) fn settle_plain(&mut self, hash: ChangeHash) -> bool {
        let Some(info) = self.infos.get(&hash) else {
            return false;
        };
        let ok = self
            .permits(
                info.author,
                info.strict,
                hash,
                None,
                info.min_role,
                &[],
                false,
                Mode::Resolved,
            )
            .is_ok();
        if !ok && self.revoked.insert(hash) {
            self.mask_change(hash);
        }
        !ok
    }

    fn rebuild_mask(&mut self) {
        self.mask.clear();
        let revoked: Vec<ChangeHash> = self.revoked.union(&self.held).copied().collect();
        for hash in revoked {
            self.mask_change(hash);
        }
    }

    fn mask_change(&mut self, hash: ChangeHash) {
        if let Some(i) = self.infos.get(&hash) {
            let actor = &self.actors[i.actor as usize];
            self.mask
                .add(hash, actor, (i.start_op, i.start_op + i.ops), &i.deps);
        }
    }

    /// What the revoked changes wrote, for the views to mask.
    pub(crate) fn mask(&self) -> &Mask {
        &self.mask
    }

    /// Whether a change is revoked.
    pub(crate) fn is_revoked(&self, hash: &ChangeHash) -> bool {
        self.revoked.contains(hash)
    }

    /// All revoked changes.
    pub(crate) fn revoked(&self) -> &HashSet<ChangeHash> {
        &self.revoked
    }

    /// The current role of `who`, from every valid event (what the group shows and enforces now).
    pub(crate) fn current_role(&self, who: DeviceId) -> Option<Role> {
        // Every event is in the present: no set of them to build (a members list asks this
        // of every member).
        self.role_among(who, |_| true, Mode::Resolved)
    }

    /// The role `who` had at the point of the history whose heads are `heads` (every event
    /// there counts, valid or not: the permanent check a shared document's change passes).
    pub(crate) fn role_at(&self, who: DeviceId, heads: &[ChangeHash]) -> Option<Role> {
        let mut bits = Bits::default();
        for h in heads {
            if let Some(i) = self.infos.get(h) {
                bits.union_with(&self.sets[i.incl as usize]);
            }
        }
        self.role_in(who, &bits, Mode::Recorded)
    }

    /// The role `who` had just before `change` (every event in its past counts, valid or
    /// not): the role a decision was taken in, which the decision itself may change (a
    /// handover).
    pub(crate) fn role_before(&self, who: DeviceId, change: &ChangeHash) -> Option<Role> {
        let i = self.infos.get(change)?;
        self.role_in(who, &self.sets[i.strict as usize], Mode::Recorded)
    }

    /// Everybody who was ever the target of a membership event, plus the owner.
    pub(crate) fn people(&self) -> Vec<DeviceId> {
        let mut v: Vec<DeviceId> = self.by_target.keys().copied().collect();
        if !v.contains(&self.owner) {
            v.push(self.owner);
        }
        v.sort();
        v
    }
}

fn effect_of(ev: &Event, who: DeviceId) -> Option<Role> {
    ev.effects
        .iter()
        .find(|(t, _)| *t == who)
        .and_then(|(_, e)| e.role())
}

/// The lower of two roles, where `None` (not a member) is lowest.
fn min_role(a: Option<Role>, b: Option<Role>) -> Option<Role> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        _ => None,
    }
}
