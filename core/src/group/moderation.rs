//! Moderators' and admins' decisions and the group's moderation log (schema version 7): each
//! decision is written with its entry in one change, where the group has a log. An admin's
//! first decision in an older group opens the log (the schema upgrade); a moderator's waits
//! for an admin to have done so, and is taken without an entry until then.

use super::{Group, LocalChange};
use crate::collections::items::ItemKind;
use crate::collections::modlog::{self, Decision, ModEntry, Written};
use automerge::ObjId as ExId;

use crate::collections::{Edit, Writes, items, members};
use crate::error::CoreError;
use crate::identity::DeviceId;
use crate::ids::{ItemId, Timestamp};
use crate::problem::Problem;
use crate::role::Role;
use crate::schema::MODLOG_SINCE;

impl Group {
    /// Opens the group's moderation log where it has none yet and I may (admins, on a
    /// build that knows it): the schema upgrades, in order, to be stored and sent before the
    /// decision. Nothing for a moderator, whose decisions go unlogged until an admin did.
    pub fn open_log(&mut self, now: Timestamp) -> Result<Vec<LocalChange>, CoreError> {
        let admin = self.my_role().is_some_and(|r| r >= Role::Admin);
        if self.schema_version() >= MODLOG_SINCE || !admin || self.known < MODLOG_SINCE {
            return Ok(Vec::new());
        }
        self.raise_to(now, MODLOG_SINCE)
    }

    /// The group's moderation log, oldest first: every decision with who took it and their
    /// role at that point of the history.
    pub fn moderation_log(&self) -> Vec<ModEntry> {
        let ledger = self.ledger.as_deref();
        modlog::entries(&self.reader(), |who, at| {
            // In the decision's past: a handover makes its decider an admin.
            ledger.and_then(|l| at.first().and_then(|h| l.role_before(who, h)))
        })
    }

    /// Commits `act` with its log entry (where the group keeps a log).
    pub(super) fn decide(
        &mut self,
        now: Timestamp,
        act: Edit<impl Writes>,
        decision: Decision,
    ) -> Result<LocalChange, CoreError> {
        let entry = modlog::root(&self.reader()).map(|root| {
            let actor = self.doc.get_actor().clone();
            let seq = self.ledger.as_deref().map_or(1, |l| l.next_seq(&actor));
            (
                root,
                modlog::entry_id(&actor, seq),
                self.device(),
                now,
                decision,
            )
        });
        self.commit_local(now, modlog::with_entry(act, entry))
    }

    /// Hides (moderators and up) someone's post or comment, with a reason everyone can read.
    pub fn hide(
        &mut self,
        now: Timestamp,
        kind: ItemKind,
        id: ItemId,
        reason: &str,
    ) -> Result<LocalChange, CoreError> {
        let obj = self.item_obj(kind, id)?;
        let edit = items::hide(&self.reader(), self.device(), now, kind, id, reason)?;
        self.decide(
            now,
            edit,
            Decision::hiding(true, kind_word(kind), &obj, reason),
        )
    }

    /// Makes a hidden post or comment visible again (moderators and up), saying why.
    pub fn unhide(
        &mut self,
        now: Timestamp,
        kind: ItemKind,
        id: ItemId,
        reason: &str,
    ) -> Result<LocalChange, CoreError> {
        crate::collections::check_len(
            reason,
            crate::limits::REASON,
            crate::problem::Field::Reason,
        )?;
        let obj = self.item_obj(kind, id)?;
        let edit = items::unhide(&self.reader(), kind, id)?;
        self.decide(
            now,
            edit,
            Decision::hiding(false, kind_word(kind), &obj, reason),
        )
    }

    /// Changes someone's role.
    pub fn set_role(
        &mut self,
        now: Timestamp,
        who: DeviceId,
        role: Role,
    ) -> Result<LocalChange, CoreError> {
        let edit = members::set_role(&self.reader(), who, role)?;
        let decision = Decision {
            action: modlog::ModAction::Role,
            reason: String::new(),
            target: Written::Member {
                who,
                role: Some(role),
            },
            report: None,
        };
        self.decide(now, edit, decision)
    }

    /// Hands the group over to `to`, an admin (the owner only): they become the owner, and I
    /// an admin. Every peer checks it (ARCHITECTURE.md, "Removal semantics"); the log keeps it.
    pub fn hand_over(&mut self, now: Timestamp, to: DeviceId) -> Result<LocalChange, CoreError> {
        if self.my_role() != Some(Role::Owner) {
            return Err(CoreError::NotPermitted(Problem::OnlyOwnerHandsOver));
        }
        if self.role_of(to) != Some(Role::Admin) {
            return Err(CoreError::InvalidInput(Problem::HandOverToAdmin));
        }
        let edit = members::hand_over(&self.reader(), self.device(), to)?;
        let decision = Decision {
            action: modlog::ModAction::Role,
            reason: String::new(),
            target: Written::Member {
                who: to,
                role: Some(Role::Owner),
            },
            report: None,
        };
        self.decide(now, edit, decision)
    }

    /// Removes someone from the group, with a reason members can read.
    pub fn remove_member(
        &mut self,
        now: Timestamp,
        who: DeviceId,
        reason: &str,
    ) -> Result<LocalChange, CoreError> {
        let edit = members::remove(&self.reader(), self.device(), now, who, reason)?;
        let decision = Decision {
            action: modlog::ModAction::Remove,
            reason: reason.to_owned(),
            target: Written::Member { who, role: None },
            report: None,
        };
        self.decide(now, edit, decision)
    }

    /// Records in the log that I withdrew an invite (invites live on the device that made
    /// them; the log says that it happened, and why). Nothing where the group has no log.
    pub fn log_withdrawn_invite(
        &mut self,
        now: Timestamp,
        invite: &str,
        reason: &str,
    ) -> Result<Option<LocalChange>, CoreError> {
        if self.my_role().is_none_or(|r| r < Role::Admin) {
            return Err(CoreError::NotPermitted(Problem::RoleDoesNotAllow {
                detail: "withdrawing invites needs the admin role".into(),
            }));
        }
        if modlog::root(&self.reader()).is_none() {
            return Ok(None);
        }
        let name: String = invite.chars().take(120).collect();
        let decision = Decision {
            action: modlog::ModAction::Withdraw,
            reason: reason.to_owned(),
            target: Written::Invite(name),
            report: None,
        };
        let nothing = Edit::content(|_: &mut automerge::transaction::Transaction<'_>| Ok(()));
        self.decide(now, nothing, decision).map(Some)
    }

    /// The object of an item that shows.
    pub(super) fn item_obj(&self, kind: ItemKind, id: ItemId) -> Result<ExId, CoreError> {
        items::find(&self.reader(), kind, id)
            .map(|(obj, _)| obj)
            .ok_or(CoreError::NotFound(Problem::ItemNotFound))
    }
}

/// How the log names a kind of item.
pub(super) const fn kind_word(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Post => "post",
        ItemKind::Comment => "comment",
    }
}
