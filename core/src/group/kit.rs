//! The campaign kit on a group: events, polls, tasks and shifts, the collections of schema
//! version 5. Each action is checked by its collection and committed through the gate; the
//! first one in an older group makes the schema upgrade that brings them (admins), and
//! returns it first, to be stored and sent in order.

use super::{Group, LocalChange};
use crate::collections::events::{self, EventDraft, Rsvp};
use crate::collections::polls::{self, PollDraft};
use crate::collections::shifts::{self, ShiftDraft};
use crate::collections::tasks::{self, Status, TaskDraft};
use crate::error::CoreError;
use crate::identity::DeviceId;
use crate::ids::{ItemId, Timestamp};
use crate::problem::Problem;
use crate::role::Role;
use crate::schema::EVENTS_SINCE;
use crate::view::{Event, Poll, Shift, Task};

impl Group {
    /// Raises the schema to `since` where it is lower (admins: the upgrades made, in order);
    /// a member's action waits for an admin's upgrade ([`Problem::NeedsUpgrade`]).
    pub(super) fn raise_to(
        &mut self,
        now: Timestamp,
        since: i64,
    ) -> Result<Vec<LocalChange>, CoreError> {
        let role = self.my_role();
        if role.is_none() {
            return Err(CoreError::NotPermitted(Problem::NotAMember));
        }
        let mut made = Vec::new();
        if self.schema_version() < since {
            if role.is_none_or(|r| r < Role::Admin) || self.known < since {
                return Err(CoreError::NotPermitted(Problem::NeedsUpgrade));
            }
            while self.schema_version() < since {
                made.push(self.upgrade_schema(now)?);
            }
        }
        Ok(made)
    }

    /// Creates an event (with the upgrade that brings events first, where needed).
    pub fn create_event(
        &mut self,
        now: Timestamp,
        id: ItemId,
        draft: EventDraft,
    ) -> Result<Vec<LocalChange>, CoreError> {
        let mut made = self.raise_to(now, EVENTS_SINCE)?;
        let edit = events::create(&self.reader(), self.device(), now, id, draft)?;
        made.push(self.commit_local(now, edit)?);
        Ok(made)
    }

    /// Changes an event (its organisers and admins); a new start is remembered as a move.
    pub fn edit_event(
        &mut self,
        now: Timestamp,
        id: ItemId,
        draft: EventDraft,
    ) -> Result<LocalChange, CoreError> {
        let edit = events::edit(
            &self.reader(),
            self.device(),
            self.my_role(),
            now,
            id,
            draft,
        )?;
        self.commit_local(now, edit)
    }

    /// Cancels an event, or takes the cancellation back (`false`).
    pub fn cancel_event(
        &mut self,
        now: Timestamp,
        id: ItemId,
        cancelled: bool,
    ) -> Result<LocalChange, CoreError> {
        let edit = events::cancel(
            &self.reader(),
            self.device(),
            self.my_role(),
            now,
            id,
            cancelled,
        )?;
        self.commit_local(now, edit)
    }

    /// Adds (`on`) or removes an organiser of an event (its creator and admins).
    pub fn set_organiser(
        &mut self,
        now: Timestamp,
        id: ItemId,
        who: DeviceId,
        on: bool,
    ) -> Result<LocalChange, CoreError> {
        let edit =
            events::set_organiser(&self.reader(), self.device(), self.my_role(), id, who, on)?;
        self.commit_local(now, edit)
    }

    /// Answers an event in my own name.
    pub fn answer_event(
        &mut self,
        now: Timestamp,
        id: ItemId,
        rsvp: Rsvp,
    ) -> Result<LocalChange, CoreError> {
        let edit = events::answer(&self.reader(), self.device(), id, rsvp)?;
        self.commit_local(now, edit)
    }

    /// Creates a poll; `option_ids` are the options' ids, one per option.
    pub fn create_poll(
        &mut self,
        now: Timestamp,
        id: ItemId,
        draft: PollDraft,
        option_ids: Vec<ItemId>,
    ) -> Result<Vec<LocalChange>, CoreError> {
        let mut made = self.raise_to(now, EVENTS_SINCE)?;
        let edit = polls::create(&self.reader(), self.device(), now, id, draft, option_ids)?;
        made.push(self.commit_local(now, edit)?);
        Ok(made)
    }

    /// Votes in a poll for `chosen` (none: withdraws my vote).
    pub fn vote(
        &mut self,
        now: Timestamp,
        id: ItemId,
        chosen: &[ItemId],
    ) -> Result<LocalChange, CoreError> {
        let edit = polls::vote(&self.reader(), self.device(), id, chosen)?;
        self.commit_local(now, edit)
    }

    /// Adds an option to a poll that takes them.
    pub fn add_poll_option(
        &mut self,
        now: Timestamp,
        id: ItemId,
        option: ItemId,
        text: &str,
    ) -> Result<LocalChange, CoreError> {
        let edit = polls::add_option(&self.reader(), self.device(), id, option, text)?;
        self.commit_local(now, edit)
    }

    /// Closes a poll (its creator and admins).
    pub fn close_poll(&mut self, now: Timestamp, id: ItemId) -> Result<LocalChange, CoreError> {
        let edit = polls::close(&self.reader(), self.device(), self.my_role(), now, id)?;
        self.commit_local(now, edit)
    }

    /// Adds a task.
    pub fn add_task(
        &mut self,
        now: Timestamp,
        id: ItemId,
        title: &str,
        notes: &str,
        due: Option<Timestamp>,
    ) -> Result<Vec<LocalChange>, CoreError> {
        let mut made = self.raise_to(now, EVENTS_SINCE)?;
        let edit = tasks::create(&self.reader(), self.device(), now, id, title, notes, due)?;
        made.push(self.commit_local(now, edit)?);
        Ok(made)
    }

    /// Takes a task (`on`) or lets it go.
    pub fn take_task(
        &mut self,
        now: Timestamp,
        id: ItemId,
        on: bool,
    ) -> Result<LocalChange, CoreError> {
        let edit = tasks::take(&self.reader(), self.device(), id, on)?;
        self.commit_local(now, edit)
    }

    /// Sets a task's status (its creator, the people on it, admins).
    pub fn set_task_status(
        &mut self,
        now: Timestamp,
        id: ItemId,
        status: Status,
    ) -> Result<LocalChange, CoreError> {
        let edit = tasks::set_status(
            &self.reader(),
            self.device(),
            self.my_role(),
            now,
            id,
            status,
        )?;
        self.commit_local(now, edit)
    }

    /// Changes a task's title, notes and due date.
    pub fn edit_task(
        &mut self,
        now: Timestamp,
        id: ItemId,
        draft: TaskDraft,
    ) -> Result<LocalChange, CoreError> {
        let edit = tasks::edit(
            &self.reader(),
            self.device(),
            self.my_role(),
            now,
            id,
            draft,
        )?;
        self.commit_local(now, edit)
    }

    /// Creates a shift.
    pub fn create_shift(
        &mut self,
        now: Timestamp,
        id: ItemId,
        draft: ShiftDraft,
    ) -> Result<Vec<LocalChange>, CoreError> {
        let mut made = self.raise_to(now, EVENTS_SINCE)?;
        let edit = shifts::create(&self.reader(), self.device(), now, id, draft)?;
        made.push(self.commit_local(now, edit)?);
        Ok(made)
    }

    /// Signs me up for a shift (`on`) or withdraws me.
    pub fn join_shift(
        &mut self,
        now: Timestamp,
        id: ItemId,
        on: bool,
    ) -> Result<LocalChange, CoreError> {
        let edit = shifts::join(&self.reader(), self.device(), id, on)?;
        self.commit_local(now, edit)
    }

    /// Cancels a shift, or takes the cancellation back (its creator and admins).
    pub fn cancel_shift(
        &mut self,
        now: Timestamp,
        id: ItemId,
        cancelled: bool,
    ) -> Result<LocalChange, CoreError> {
        let edit = shifts::cancel(
            &self.reader(),
            self.device(),
            self.my_role(),
            now,
            id,
            cancelled,
        )?;
        self.commit_local(now, edit)
    }

    /// Every event, soonest first (hidden and cancelled ones included and marked).
    pub fn events(&self) -> Vec<Event> {
        events::list(&self.reader())
    }

    /// The events under these ids.
    pub fn events_with_ids(&self, ids: impl IntoIterator<Item = ItemId>) -> Vec<Event> {
        events::with_ids(&self.reader(), ids)
    }

    /// Every poll, newest first.
    pub fn polls(&self) -> Vec<Poll> {
        polls::list(&self.reader())
    }

    /// The polls under these ids.
    pub fn polls_with_ids(&self, ids: impl IntoIterator<Item = ItemId>) -> Vec<Poll> {
        polls::with_ids(&self.reader(), ids)
    }

    /// Every task, open ones first by due date.
    pub fn tasks(&self) -> Vec<Task> {
        tasks::list(&self.reader())
    }

    /// The tasks under these ids.
    pub fn tasks_with_ids(&self, ids: impl IntoIterator<Item = ItemId>) -> Vec<Task> {
        tasks::with_ids(&self.reader(), ids)
    }

    /// Every shift, soonest first.
    pub fn shifts(&self) -> Vec<Shift> {
        shifts::list(&self.reader())
    }

    /// The shifts under these ids.
    pub fn shifts_with_ids(&self, ids: impl IntoIterator<Item = ItemId>) -> Vec<Shift> {
        shifts::with_ids(&self.reader(), ids)
    }
}
