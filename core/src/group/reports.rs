//! Reports and the moderators' queue (schema version 7). A member's device makes a report
//! ([`crate::collections::reports::make`]) and hands it to a moderator's device, which files
//! it ([`Group::file_report`]); every reader opens it on their own device ([`Group::queue`]),
//! and a moderator decides it: dismissed, the item hidden, its author warned in a sealed
//! note, or (admins) its author removed, each decision an entry of the log naming the report.

use super::{Group, LocalChange};
use crate::collections::items::ItemKind;
use crate::collections::modlog::{self, Decision, ModAction, ModEntry, Written};
use crate::collections::reports::{self, ReportContent, ReportTarget};
use crate::collections::{items, members};
use crate::error::CoreError;
use crate::identity::DeviceId;
use crate::ids::{ItemId, Timestamp};
use crate::problem::Problem;
use crate::role::Role;
use crate::seal::{self, Sealed};

/// How many reports of one member may wait for a decision at once: a moderator's device files
/// no more of theirs until some are decided (a flood of reports would otherwise become as
/// many changes of the group).
pub const OPEN_REPORTS_AT_MOST: usize = 20;

/// A report as one of its readers sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueuedReport {
    /// Its id.
    pub id: ItemId,
    /// When it was filed.
    pub filed_at: Timestamp,
    /// The moderator who filed it for the reporter.
    pub filed_by: Option<DeviceId>,
    /// What it says (who reported, about what, why).
    pub content: ReportContent,
    /// The decisions on it, oldest first (none: it is open).
    pub decisions: Vec<ModEntry>,
}

impl QueuedReport {
    /// Whether no moderator decided it yet.
    pub fn is_open(&self) -> bool {
        self.decisions.is_empty()
    }
}

/// What a moderator decides on a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing to act on.
    Dismiss,
    /// The reported post or comment is hidden.
    Hide,
    /// Its author is warned, in words only they and the moderators read.
    Warn(String),
    /// Its author is removed (admins).
    Remove,
}

impl Group {
    /// Who reads reports now: the owner, the admins and the moderators.
    pub fn report_readers(&self) -> Vec<DeviceId> {
        self.members()
            .into_iter()
            .filter(|m| m.role.is_some_and(|r| r >= Role::Moderator))
            .map(|m| m.id)
            .collect()
    }

    /// Makes a report as me, on `target`: signed, and sealed to the group's readers of the
    /// moment and to me; `seed` is fresh randomness. A moderator's device files it.
    pub fn make_report(
        &self,
        id: ItemId,
        target: ReportTarget,
        category: reports::Category,
        words: &str,
        now: Timestamp,
        seed: [u8; 32],
    ) -> Result<Sealed, CoreError> {
        if self.my_role().is_none() {
            return Err(CoreError::NotPermitted(Problem::NotAMember));
        }
        let content = ReportContent {
            reporter: self.device(),
            target,
            category,
            words: words.trim().to_owned(),
            at: now,
        };
        reports::make(
            &self.key,
            &self.id(),
            id,
            content,
            &self.report_readers(),
            seed,
        )
    }

    /// Files a report that `from`'s device handed to mine (moderators and up): it must open
    /// here, be signed by `from`, who must be a member, and not be filed yet. The log is
    /// opened first where an admin files the group's first report.
    pub fn file_report(
        &mut self,
        now: Timestamp,
        id: ItemId,
        sealed: &Sealed,
        from: DeviceId,
    ) -> Result<Vec<LocalChange>, CoreError> {
        if self.my_role().is_none_or(|r| r < Role::Moderator) {
            return Err(CoreError::NotPermitted(Problem::RoleDoesNotAllow {
                detail: "filing reports needs the moderator role".into(),
            }));
        }
        if self.role_of(from).is_none() {
            return Err(CoreError::NotPermitted(Problem::NotAMember));
        }
        let mine = sealed
            .keys
            .iter()
            .find(|(d, _)| *d == self.device())
            .ok_or(CoreError::InvalidInput(Problem::ReportUnreadable))?;
        let (content, _) = reports::open(&self.id(), id, &sealed.body, &mine.1, &self.key)
            .map_err(|_| CoreError::InvalidInput(Problem::ReportUnreadable))?;
        if content.reporter != from {
            return Err(CoreError::InvalidInput(Problem::ReportUnreadable));
        }
        let filed_before = reports::ids(&self.reader()).contains(&id);
        if !filed_before && self.open_reports_by(from) >= OPEN_REPORTS_AT_MOST {
            return Err(CoreError::InvalidInput(Problem::TooManyOpenReports {
                max: OPEN_REPORTS_AT_MOST,
            }));
        }
        let mut made = self.open_log(now)?;
        let edit = reports::file(&self.reader(), now, id, sealed)?;
        made.push(self.commit_local(now, edit)?);
        Ok(made)
    }

    /// How many of `who`'s reports that this device opens no moderator decided yet (a
    /// moderator counts anyone's; a member their own).
    pub fn open_reports_by(&self, who: DeviceId) -> usize {
        self.queue()
            .iter()
            .filter(|q| q.content.reporter == who && q.decisions.is_empty())
            .count()
    }

    /// How many reports no moderator decided yet, for a moderator (0 for others): counted
    /// without opening any.
    pub fn open_reports(&self) -> usize {
        if self.my_role().is_none_or(|r| r < Role::Moderator) {
            return 0;
        }
        let r = self.reader();
        let decided = modlog::decided_reports(&r);
        reports::ids(&r)
            .into_iter()
            .filter(|id| !decided.contains(id))
            .count()
    }

    /// Every report this device can open, oldest first, with the decisions on it: for a
    /// moderator the queue, for a member the reports they made.
    pub fn queue(&self) -> Vec<QueuedReport> {
        let log = self.moderation_log();
        let me = self.device();
        let group = self.id();
        reports::all(&self.reader())
            .into_iter()
            .filter_map(|e| {
                let (_, wrapped) = e.keys.iter().find(|(d, _)| *d == me)?;
                let (content, _) = reports::open(&group, e.id, &e.body, wrapped, &self.key).ok()?;
                let decisions = log
                    .iter()
                    .filter(|l| l.report == Some(e.id))
                    .cloned()
                    .collect();
                Some(QueuedReport {
                    id: e.id,
                    filed_at: e.at,
                    filed_by: e.filed_by,
                    content,
                    decisions,
                })
            })
            .collect()
    }

    /// Hands the key of every report this device can open to the readers who lack it (a
    /// moderator appointed since): one change, or none when nobody lacks one.
    pub fn reseal(
        &mut self,
        now: Timestamp,
        mut seed: impl FnMut() -> [u8; 32],
    ) -> Result<Option<LocalChange>, CoreError> {
        if self.my_role().is_none_or(|r| r < Role::Moderator) {
            return Ok(None);
        }
        let readers = self.report_readers();
        let me = self.device();
        let group = self.id();
        let mut keys = Vec::new();
        for e in reports::all(&self.reader()) {
            let Some((_, wrapped)) = e.keys.iter().find(|(d, _)| *d == me) else {
                continue;
            };
            let ctx = reports::context(&group, e.id);
            let Ok(key) = seal::unwrap(wrapped, &ctx, &self.key) else {
                continue;
            };
            for r in readers
                .iter()
                .filter(|r| !e.keys.iter().any(|(d, _)| d == *r))
            {
                if let Ok(w) = seal::wrap(&key, &ctx, *r, seed()) {
                    keys.push((e.id, *r, w));
                }
            }
        }
        if keys.is_empty() {
            return Ok(None);
        }
        let edit = reports::add_keys(&self.reader(), keys)?;
        self.commit_local(now, edit).map(Some)
    }

    /// Decides report `id`, with a reason the log keeps; `seed` seals a warning's words.
    pub fn decide_report(
        &mut self,
        now: Timestamp,
        id: ItemId,
        verdict: Verdict,
        reason: &str,
        seed: [u8; 32],
    ) -> Result<Vec<LocalChange>, CoreError> {
        crate::collections::check_len(
            reason,
            crate::limits::REASON,
            crate::problem::Field::Reason,
        )?;
        let report = self
            .queue()
            .into_iter()
            .find(|q| q.id == id)
            .ok_or(CoreError::NotFound(Problem::ReportNotFound))?;
        let mut made = self.open_log(now)?;
        let target = report.content.target;
        let author = self.author_of(target);
        let change = match verdict {
            Verdict::Dismiss => {
                let nothing = crate::collections::Edit::content(
                    |_: &mut automerge::transaction::Transaction<'_>| Ok(()),
                );
                self.decide(
                    now,
                    nothing,
                    Decision {
                        action: ModAction::Dismiss,
                        reason: reason.to_owned(),
                        target: Written::Report,
                        report: Some(id),
                    },
                )?
            }
            Verdict::Hide => {
                let (kind, item) = match target {
                    ReportTarget::Post(p) => (ItemKind::Post, p),
                    ReportTarget::Comment(c) => (ItemKind::Comment, c),
                    _ => return Err(CoreError::InvalidInput(Problem::ItemNotFound)),
                };
                let obj = self.item_obj(kind, item)?;
                let edit = items::hide(&self.reader(), self.device(), now, kind, item, reason)?;
                let decision = Decision {
                    report: Some(id),
                    ..Decision::hiding(true, super::moderation::kind_word(kind), &obj, reason)
                };
                self.decide(now, edit, decision)?
            }
            Verdict::Warn(words) => {
                let who = author.ok_or(CoreError::NotFound(Problem::MemberNotFound))?;
                let mut readers = self.report_readers();
                readers.push(who);
                readers.sort();
                readers.dedup();
                let ctx = warning_context(&self.id(), who, now);
                let sealed = seal::seal(words.as_bytes(), &ctx, &readers, seed)
                    .map_err(|_| CoreError::InvalidInput(Problem::ReportUnreadable))?;
                let mut note = Vec::new();
                note.extend_from_slice(&(sealed.body.len() as u32).to_be_bytes());
                note.extend_from_slice(&sealed.body);
                for (d, k) in &sealed.keys {
                    note.extend_from_slice(d.as_bytes());
                    note.extend_from_slice(k);
                }
                let nothing = crate::collections::Edit::content(
                    |_: &mut automerge::transaction::Transaction<'_>| Ok(()),
                );
                self.decide(
                    now,
                    nothing,
                    Decision {
                        action: ModAction::Warn,
                        reason: reason.to_owned(),
                        target: Written::Warning { who, note },
                        report: Some(id),
                    },
                )?
            }
            Verdict::Remove => {
                let who = author.ok_or(CoreError::NotFound(Problem::MemberNotFound))?;
                let edit = members::remove(&self.reader(), self.device(), now, who, reason)?;
                self.decide(
                    now,
                    edit,
                    Decision {
                        action: ModAction::Remove,
                        reason: reason.to_owned(),
                        target: Written::Member { who, role: None },
                        report: Some(id),
                    },
                )?
            }
        };
        made.push(change);
        Ok(made)
    }

    /// The words of a warning in the log, if it was sealed to this device.
    pub fn warning_words(&self, entry: &ModEntry) -> Option<String> {
        let (ModAction::Warn, crate::collections::modlog::ModTarget::Member(who), Some(note)) =
            (entry.action, &entry.target, &entry.note)
        else {
            return None;
        };
        let ctx = warning_context(&self.id(), *who, entry.at);
        let len = u32::from_be_bytes(note.get(..4)?.try_into().ok()?) as usize;
        let body = note.get(4..4 + len)?;
        let mut rest = note.get(4 + len..)?;
        while rest.len() >= 32 + seal::WRAPPED_LEN {
            let (d, tail) = rest.split_at(32);
            let (k, tail) = tail.split_at(seal::WRAPPED_LEN);
            rest = tail;
            if d == self.device().as_bytes() {
                let key = seal::unwrap(k, &ctx, &self.key).ok()?;
                return String::from_utf8(seal::open(body, &ctx, &key).ok()?).ok();
            }
        }
        None
    }

    /// A member's name in the group.
    pub fn name_of(&self, who: DeviceId) -> Option<String> {
        self.members()
            .into_iter()
            .find(|m| m.id == who)
            .map(|m| m.name)
    }

    /// The author of a post or comment that shows, and its title or first words.
    pub fn item_summary(&self, kind: ItemKind, id: ItemId) -> Option<(DeviceId, String)> {
        let r = self.reader();
        let (obj, author) = items::find(&r, kind, id)?;
        let words = modlog::words_of(&r.fields(&obj));
        Some((author, words))
    }

    /// The author of what a report is about (a member report: the member).
    fn author_of(&self, target: ReportTarget) -> Option<DeviceId> {
        let r = self.reader();
        match target {
            ReportTarget::Post(p) => items::find(&r, ItemKind::Post, p).map(|(_, a)| a),
            ReportTarget::Comment(c) => items::find(&r, ItemKind::Comment, c).map(|(_, a)| a),
            ReportTarget::Member(m) => Some(m),
            ReportTarget::Event(_) | ReportTarget::Document(_) => None,
        }
    }
}

/// What binds a warning's sealed words to its group, its person and its time.
fn warning_context(group: &crate::ids::GroupId, who: DeviceId, at: Timestamp) -> Vec<u8> {
    let mut out = b"causeway/warning/1".to_vec();
    out.extend_from_slice(group.as_bytes());
    out.extend_from_slice(who.as_bytes());
    out.extend_from_slice(&at.0.to_be_bytes());
    out
}
