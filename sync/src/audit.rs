//! A group's moderation log as people read it ([`LogLine`]), written out as a file anyone can
//! check offline ([`export`], [`verify`]): the file holds the log as it was read and the
//! group's signed history, and checking it judges that history with the same gate as every
//! member's device, reads the log from it again and compares, entry by entry. An entry
//! changed in the file, a change whose signature fails, a decision by someone whose role
//! did not allow it: each is a sentence, never a pass.
//!
//! ```text
//! { "causeway_log": 1, "group": "<hex>", "name": "...", "exported_at": <seconds>,
//!   "entries": [ <LogLine>, ... ], "history": "<base64 of a bundle of the group's changes>" }
//! ```
//!
//! The history is the group's whole history, posts included: what makes the file checkable
//! without trusting whoever wrote it is also why it is shared only with people the group
//! would show its posts to (docs/SECURITY.md, "The moderation log").

use causeway_core::view::{ModEntry, ModTarget};
use causeway_core::{DeviceId, DeviceKey, Group, GroupId};
use serde::{Deserialize, Serialize};

use crate::bundle::Bundle;
use crate::error::{SyncError, SyncProblem};

/// The version of the file written, and the newest read.
const FILE_VERSION: u32 = 1;
/// The largest log file read.
pub const MAX_LOG_FILE_BYTES: u64 = 1 << 30;

/// One decision, as the log shows it (and as `causeway log --json` prints it).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct LogLine {
    /// The entry's key in the log.
    pub id: String,
    /// Who decided (device id, hex).
    pub by: String,
    /// Their name in the group.
    pub by_name: String,
    /// Their role when they decided (`owner`, `admin`, `moderator`; empty: none).
    pub role: String,
    /// When (seconds since 1970).
    pub at: i64,
    /// What: `hide`, `unhide`, `remove`, `role`, `withdraw`, `dismiss` or `warn`.
    pub action: String,
    /// About what or whom.
    pub target: LogTarget,
    /// The new role of a role change.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub new_role: String,
    /// The reason given.
    pub reason: String,
    /// The change that holds the decision (hex).
    pub change: String,
    /// The report it decides (hex; empty: none).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub report: String,
}

/// What a decision was about.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum LogTarget {
    /// A post, a comment or another item.
    Item {
        /// What it is (`post`, `comment`, ...).
        kind: String,
        /// Its id (hex), where the group still has it.
        id: String,
        /// Its author's name.
        author: String,
        /// Its title, or the start of its text.
        words: String,
    },
    /// A member.
    Member {
        /// Their device (hex).
        device: String,
        /// Their name.
        name: String,
    },
    /// An invite.
    Invite {
        /// Its name.
        name: String,
    },
    /// A report (a dismissal names nothing else).
    Report,
}

/// The log of `g` as lines, oldest first.
pub fn lines(g: &Group) -> Vec<LogLine> {
    let members = g.members();
    let name = |d: DeviceId| {
        members
            .iter()
            .find(|m| m.id == d)
            .map_or_else(|| d.fmt_short(), |m| m.name.clone())
    };
    g.moderation_log()
        .into_iter()
        .map(|e| line(e, &name))
        .collect()
}

fn line(e: ModEntry, name: &impl Fn(DeviceId) -> String) -> LogLine {
    let target = match e.target {
        ModTarget::Item {
            kind,
            id,
            author,
            words,
        } => LogTarget::Item {
            kind,
            id: id.map(|i| i.to_hex()).unwrap_or_default(),
            author: author.map(name).unwrap_or_default(),
            words,
        },
        ModTarget::Member(d) => LogTarget::Member {
            device: d.to_hex(),
            name: name(d),
        },
        ModTarget::Invite(n) => LogTarget::Invite { name: n },
        ModTarget::Report => LogTarget::Report,
    };
    LogLine {
        id: e.id,
        by: e.by.to_hex(),
        by_name: name(e.by),
        role: e.role.map(|r| r.as_str().to_owned()).unwrap_or_default(),
        at: e.at.0,
        action: e.action.as_str().to_owned(),
        target,
        new_role: e
            .new_role
            .map(|r| r.as_str().to_owned())
            .unwrap_or_default(),
        reason: e.reason,
        change: e.change.map(|h| hex::encode(h.0)).unwrap_or_default(),
        report: e.report.map(|r| r.to_hex()).unwrap_or_default(),
    }
}

/// A log file, as written and read.
#[derive(Serialize, Deserialize)]
struct LogFile {
    causeway_log: u32,
    group: String,
    name: String,
    exported_at: i64,
    entries: Vec<LogLine>,
    history: String,
}

/// The log file of `g`, as bytes (JSON), written at `now`.
pub fn export(g: &Group, now: i64) -> Result<Vec<u8>, SyncError> {
    let bundle = Bundle {
        group: g.id(),
        changes: g.changes_since(&[]),
        documents: Vec::new(),
    };
    let file = LogFile {
        causeway_log: FILE_VERSION,
        group: g.id().to_hex(),
        name: g.info().map(|i| i.name).unwrap_or_default(),
        exported_at: now,
        entries: lines(g),
        history: data_encoding::BASE64.encode(&bundle.encode()),
    };
    serde_json::to_vec_pretty(&file).map_err(|e| SyncError::Internal(e.to_string()))
}

/// What checking a log file found: it holds together.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct LogVerified {
    /// The group (hex).
    pub group: String,
    /// Its name, as its history says.
    pub name: String,
    /// How many entries the file lists, every one as the history says.
    pub entries: usize,
    /// How many changes of the group's history were judged.
    pub changes: usize,
}

/// Checks a log file offline: its history, judged change by change as a member's device
/// judges it, must hold every change (none refused, none waiting for another), and the log
/// read from it must be exactly the entries the file lists.
pub fn verify(bytes: &[u8]) -> Result<LogVerified, SyncError> {
    let not_one = || SyncError::NotPermitted(SyncProblem::NotALogFile);
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|_| not_one())?;
    let version = value
        .get("causeway_log")
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(not_one)?;
    if version > u64::from(FILE_VERSION) {
        return Err(SyncError::NotPermitted(SyncProblem::LogFileTooNew));
    }
    let file: LogFile = serde_json::from_value(value).map_err(|_| not_one())?;
    let group = GroupId::from_hex(&file.group).map_err(|_| not_one())?;
    let raw = data_encoding::BASE64
        .decode(file.history.as_bytes())
        .map_err(|_| {
            SyncError::NotPermitted(SyncProblem::LogHistoryBroken {
                refused: 0,
                waiting: 0,
            })
        })?;
    let bundle = Bundle::decode(&raw)?;
    if bundle.group != group {
        return Err(SyncError::NotPermitted(SyncProblem::LogHistoryBroken {
            refused: 0,
            waiting: 0,
        }));
    }
    // A reader of its own: a key no one holds, never used to write.
    let mut g = Group::joining(group, DeviceKey::from_bytes(&[0; 32]), [0; 8]);
    let count = bundle.changes.len();
    let report = g.ingest(bundle.changes);
    if !report.rejected.is_empty() || !report.waiting.is_empty() || g.info().is_none() {
        return Err(SyncError::NotPermitted(SyncProblem::LogHistoryBroken {
            refused: report.rejected.len(),
            waiting: report.waiting.len(),
        }));
    }
    let held = lines(&g);
    for (i, listed) in file.entries.iter().enumerate() {
        if held.get(i) != Some(listed) {
            return Err(SyncError::NotPermitted(SyncProblem::LogEntryAltered {
                number: i + 1,
            }));
        }
    }
    if held.len() != file.entries.len() {
        return Err(SyncError::NotPermitted(SyncProblem::LogEntriesMissing {
            listed: file.entries.len(),
            held: held.len(),
        }));
    }
    Ok(LogVerified {
        group: file.group,
        name: g.info().map(|i| i.name).unwrap_or_default(),
        entries: held.len(),
        changes: count,
    })
}
