//! A group's campaign kit as the app shows it: its events, polls, tasks and shifts, each kept
//! by id in a persistent map, so that the view after one answer shares every other item with
//! the view before it and only the items a change touched are read again.

use std::collections::BTreeSet;
use std::sync::Arc;

use causeway_core::view::{Event, Poll, Shift, Task, soonest_first, task_order};
use causeway_core::{Changed, Group, ItemId, Timestamp};

/// Items of one kind by id (two under one id only where two devices used the same id).
pub type Items<T> = imbl::OrdMap<ItemId, Arc<[T]>>;

/// A group's events, polls, tasks and shifts, hidden and cancelled ones included (marked).
#[derive(Clone, Debug, Default)]
pub struct Kit {
    /// The events.
    pub events: Items<Event>,
    /// The polls.
    pub polls: Items<Poll>,
    /// The tasks.
    pub tasks: Items<Task>,
    /// The shifts.
    pub shifts: Items<Shift>,
}

fn by_id<T: Clone>(items: Vec<T>, id: impl Fn(&T) -> ItemId) -> Items<T> {
    let mut out: std::collections::BTreeMap<ItemId, Vec<T>> = std::collections::BTreeMap::new();
    for i in items {
        out.entry(id(&i)).or_default().push(i);
    }
    out.into_iter().map(|(k, v)| (k, Arc::from(v))).collect()
}

/// Puts what `read` gives for `ids` in place of what `items` held under them.
fn refresh<T: Clone>(
    items: &mut Items<T>,
    ids: &BTreeSet<ItemId>,
    read: Vec<T>,
    id: impl Fn(&T) -> ItemId,
) {
    if ids.is_empty() {
        return;
    }
    let mut fresh = by_id(read, id);
    for i in ids {
        match fresh.remove(i) {
            Some(v) => {
                items.insert(*i, v);
            }
            None => {
                items.remove(i);
            }
        }
    }
}

impl Kit {
    /// The kit of `group`, read whole.
    pub(super) fn build(group: &Group) -> Kit {
        Kit {
            events: by_id(group.events(), |e| e.id),
            polls: by_id(group.polls(), |p| p.id),
            tasks: by_id(group.tasks(), |t| t.id),
            shifts: by_id(group.shifts(), |s| s.id),
        }
    }

    /// How many items `changed` names in the kit.
    pub(super) fn touched(changed: &Changed) -> usize {
        changed.events.len() + changed.polls.len() + changed.tasks.len() + changed.shifts.len()
    }

    /// `self` with the items `changed` names read again.
    pub(super) fn follow(&self, group: &Group, changed: &Changed) -> Kit {
        let mut next = self.clone();
        let ids = |s: &BTreeSet<ItemId>| s.iter().copied().collect::<Vec<_>>();
        if !changed.events.is_empty() {
            let read = group.events_with_ids(ids(&changed.events));
            refresh(&mut next.events, &changed.events, read, |e| e.id);
        }
        if !changed.polls.is_empty() {
            let read = group.polls_with_ids(ids(&changed.polls));
            refresh(&mut next.polls, &changed.polls, read, |p| p.id);
        }
        if !changed.tasks.is_empty() {
            let read = group.tasks_with_ids(ids(&changed.tasks));
            refresh(&mut next.tasks, &changed.tasks, read, |t| t.id);
        }
        if !changed.shifts.is_empty() {
            let read = group.shifts_with_ids(ids(&changed.shifts));
            refresh(&mut next.shifts, &changed.shifts, read, |s| s.id);
        }
        next
    }

    /// The events a member sees (not hidden), soonest first.
    pub fn events_soonest(&self) -> Vec<&Event> {
        let mut out: Vec<&Event> = self
            .events
            .values()
            .flat_map(|v| v.iter())
            .filter(|e| e.hidden.is_none())
            .collect();
        out.sort_by(|a, b| soonest_first(a, b));
        out
    }

    /// The events that have not ended at `now`, soonest first.
    pub fn upcoming(&self, now: Timestamp) -> Vec<&Event> {
        let mut out = self.events_soonest();
        out.retain(|e| e.draft.when.end >= now);
        out
    }

    /// One event.
    pub fn event(&self, id: ItemId) -> Option<&Event> {
        self.events.get(&id).and_then(|v| v.first())
    }

    /// The polls a member sees, newest first.
    pub fn polls_newest(&self) -> Vec<&Poll> {
        let mut out: Vec<&Poll> = self
            .polls
            .values()
            .flat_map(|v| v.iter())
            .filter(|p| p.hidden.is_none())
            .collect();
        out.sort_by(|a, b| b.created.cmp(&a.created).then(a.id.cmp(&b.id)));
        out
    }

    /// The tasks a member sees (not deleted or hidden), in the list's order.
    pub fn task_list(&self) -> Vec<&Task> {
        let mut out: Vec<&Task> = self
            .tasks
            .values()
            .flat_map(|v| v.iter())
            .filter(|t| !t.deleted && t.hidden.is_none())
            .collect();
        out.sort_by(|a, b| task_order(a, b));
        out
    }

    /// The shifts a member sees, soonest first.
    pub fn shift_list(&self) -> Vec<&Shift> {
        let mut out: Vec<&Shift> = self
            .shifts
            .values()
            .flat_map(|v| v.iter())
            .filter(|s| s.hidden.is_none())
            .collect();
        out.sort_by(|a, b| a.when.start.cmp(&b.when.start).then(a.id.cmp(&b.id)));
        out
    }
}
