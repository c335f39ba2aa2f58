//! [`ErrorKind`]: what a [`SyncError`] tells a person, as a Fluent key with its arguments.

use std::io;

use causeway_core::{Arg, Args, CoreError, Problem};

use super::{JoinRefusal, SyncError, SyncProblem};
use crate::protocols::group_sync::wire::RefuseCode;
use crate::store::StoreError;

/// What a [`SyncError`] tells a person: one message in the app's translation files, and the
/// numbers and short data it needs. Text that can only be foreign (an operating system's error,
/// a connection error, a bug's description) is a `detail` argument inside a translated sentence.
#[derive(Clone, Debug, PartialEq, Eq, strum::EnumIter)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Core refused or could not find what the person acted on.
    Problem(Problem),
    /// The sync layer refused what the person asked.
    SyncProblem(SyncProblem),
    /// The other device could not be reached.
    Unreachable,
    /// The other device does not count this one as a member.
    NotMember,
    /// The other device does not have the group.
    PeerLacksGroup,
    /// The other device is busy.
    Busy,
    /// The invite has expired.
    InviteExpired,
    /// The invite was used up.
    InviteUsedUp,
    /// The invite was withdrawn.
    InviteRevoked,
    /// The invite is not valid.
    InviteUnknown,
    /// Too many requests wait for an admin.
    TooManyRequests,
    /// The inviter can no longer add members.
    InviterNotAdmin,
    /// The invite text is incomplete.
    BadTicket,
    /// The disk is full.
    DiskFull,
    /// The data folder cannot be written.
    DiskReadOnly,
    /// Another file operation failed.
    DiskFailed {
        /// The file or folder.
        path: String,
        /// The operating system's error.
        detail: String,
    },
    /// Another process holds the data folder.
    DataFolderInUse {
        /// The data folder.
        path: String,
    },
    /// The device key file is damaged.
    KeyDamaged {
        /// The key file.
        path: String,
        /// Its size in bytes.
        len: u64,
    },
    /// A snapshot or a log file is damaged.
    FileDamaged {
        /// The file.
        path: String,
    },
    /// A file written by a newer Causeway.
    NewerFormat {
        /// The file.
        path: String,
    },
    /// A log that an earlier failed write left unusable until a restart.
    RestartNeeded {
        /// The log file.
        path: String,
    },
    /// Text that should be an id is not one.
    InvalidId {
        /// The text (truncated).
        input: String,
    },
    /// A signature does not match its author.
    BadSignature,
    /// A group's stored data could not be read.
    GroupDamaged {
        /// Short id of the group.
        group: String,
        /// Why, as found by the code (English).
        detail: String,
    },
    /// No such group on this device.
    UnknownGroup {
        /// Short id of the group.
        group: String,
    },
    /// The profile file is damaged.
    BadProfile {
        /// Why, as found by the decoder.
        detail: String,
    },
    /// The other device broke the protocol.
    Protocol {
        /// What it did, as found by the decoder.
        detail: String,
    },
    /// The operating system gave no randomness.
    Randomness {
        /// The operating system's error.
        detail: String,
    },
    /// A bug or an impossible state.
    Internal {
        /// What went wrong, for a bug report.
        detail: String,
    },
}

impl ErrorKind {
    /// The Fluent message that says this in the person's language.
    pub fn key(&self) -> &'static str {
        match self {
            ErrorKind::Problem(p) => p.key(),
            ErrorKind::SyncProblem(p) => p.key(),
            ErrorKind::Unreachable => "error-unreachable",
            ErrorKind::NotMember => "error-not-member",
            ErrorKind::PeerLacksGroup => "error-peer-lacks-group",
            ErrorKind::Busy => "error-refused",
            ErrorKind::InviteExpired => "error-invite-expired",
            ErrorKind::InviteUsedUp => "error-invite-used-up",
            ErrorKind::InviteRevoked => "error-invite-revoked",
            ErrorKind::InviteUnknown => "error-invite-unknown",
            ErrorKind::TooManyRequests => "error-too-many-requests",
            ErrorKind::InviterNotAdmin => "error-inviter-not-admin",
            ErrorKind::BadTicket => "error-bad-ticket",
            ErrorKind::DiskFull => "error-disk",
            ErrorKind::DiskReadOnly => "error-disk-read-only",
            ErrorKind::DiskFailed { .. } => "error-disk-failed",
            ErrorKind::DataFolderInUse { .. } => "error-data-folder-in-use",
            ErrorKind::KeyDamaged { .. } => "error-key-damaged",
            ErrorKind::FileDamaged { .. } => "error-file-damaged",
            ErrorKind::NewerFormat { .. } => "error-newer-format",
            ErrorKind::RestartNeeded { .. } => "error-restart-needed",
            ErrorKind::InvalidId { .. } => "error-invalid-id",
            ErrorKind::BadSignature => "error-bad-signature",
            ErrorKind::GroupDamaged { .. } => "error-group-damaged",
            ErrorKind::UnknownGroup { .. } => "error-unknown-group",
            ErrorKind::BadProfile { .. } => "error-bad-profile",
            ErrorKind::Protocol { .. } => "error-protocol",
            ErrorKind::Randomness { .. } => "error-randomness",
            ErrorKind::Internal { .. } => "error-internal",
        }
    }

    /// The arguments of [`ErrorKind::key`]'s message.
    pub fn args(&self) -> Args {
        let text = |s: &String| Arg::Text(s.clone());
        match self {
            ErrorKind::Problem(p) => p.args(),
            ErrorKind::SyncProblem(p) => p.args(),
            ErrorKind::DiskFailed { path, detail } => {
                vec![("path", text(path)), ("detail", text(detail))]
            }
            ErrorKind::DataFolderInUse { path }
            | ErrorKind::FileDamaged { path }
            | ErrorKind::NewerFormat { path }
            | ErrorKind::RestartNeeded { path } => vec![("path", text(path))],
            ErrorKind::KeyDamaged { path, len } => {
                vec![("path", text(path)), ("count", Arg::count(*len))]
            }
            ErrorKind::InvalidId { input } => vec![("input", text(input))],
            ErrorKind::GroupDamaged { group, detail } => {
                vec![("group", text(group)), ("detail", text(detail))]
            }
            ErrorKind::UnknownGroup { group } => vec![("group", text(group))],
            ErrorKind::BadProfile { detail }
            | ErrorKind::Protocol { detail }
            | ErrorKind::Randomness { detail }
            | ErrorKind::Internal { detail } => vec![("detail", text(detail))],
            ErrorKind::Unreachable
            | ErrorKind::NotMember
            | ErrorKind::PeerLacksGroup
            | ErrorKind::Busy
            | ErrorKind::InviteExpired
            | ErrorKind::InviteUsedUp
            | ErrorKind::InviteRevoked
            | ErrorKind::InviteUnknown
            | ErrorKind::TooManyRequests
            | ErrorKind::InviterNotAdmin
            | ErrorKind::BadTicket
            | ErrorKind::DiskFull
            | ErrorKind::DiskReadOnly
            | ErrorKind::BadSignature => Vec::new(),
        }
    }

    /// Every kind, with every [`Problem`] and [`SyncProblem`] and example values, for tests
    /// that check each has a message in every language.
    pub fn examples() -> impl Iterator<Item = ErrorKind> {
        use strum::IntoEnumIterator;
        ErrorKind::iter().flat_map(|k| -> Vec<ErrorKind> {
            match k {
                ErrorKind::Problem(_) => Problem::examples().map(ErrorKind::Problem).collect(),
                ErrorKind::SyncProblem(_) => {
                    SyncProblem::iter().map(ErrorKind::SyncProblem).collect()
                }
                other => vec![other],
            }
        })
    }
}

impl From<&StoreError> for ErrorKind {
    fn from(e: &StoreError) -> ErrorKind {
        let path = |p: &std::path::Path| p.display().to_string();
        match e {
            StoreError::Io {
                source, path: p, ..
            } => match source.kind() {
                io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => ErrorKind::DiskFull,
                io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied => {
                    ErrorKind::DiskReadOnly
                }
                _ => ErrorKind::DiskFailed {
                    path: path(p),
                    detail: source.to_string(),
                },
            },
            StoreError::Locked { path: p } => ErrorKind::DataFolderInUse { path: path(p) },
            StoreError::CorruptKey { path: p, len } => ErrorKind::KeyDamaged {
                path: path(p),
                len: *len,
            },
            StoreError::CorruptSnapshot { path: p, .. }
            | StoreError::CorruptLogHeader { path: p } => ErrorKind::FileDamaged { path: path(p) },
            StoreError::UnsupportedVersion { path: p, .. } => {
                ErrorKind::NewerFormat { path: path(p) }
            }
            StoreError::Poisoned { path: p } => ErrorKind::RestartNeeded { path: path(p) },
            // Names, sizes and open stores are chosen by the code, not by the person.
            StoreError::InvalidName { .. }
            | StoreError::TooLarge { .. }
            | StoreError::GroupAlreadyOpen { .. } => ErrorKind::Internal {
                detail: e.to_string(),
            },
        }
    }
}

impl From<&CoreError> for ErrorKind {
    fn from(e: &CoreError) -> ErrorKind {
        match e {
            CoreError::InvalidInput(p) | CoreError::NotPermitted(p) | CoreError::NotFound(p) => {
                ErrorKind::Problem(p.clone())
            }
            CoreError::InvalidId { input, .. } => ErrorKind::InvalidId {
                input: input.clone(),
            },
            CoreError::BadSignature => ErrorKind::BadSignature,
            // A damaged document or a missing change is a bug or damage the person cannot
            // repair from the window; core's enum may also grow (it is `non_exhaustive`).
            _ => ErrorKind::Internal {
                detail: e.to_string(),
            },
        }
    }
}

impl SyncError {
    /// What this error tells a person, for an app that words it in their language (its
    /// translation files have a message for each [`ErrorKind::key`]).
    pub fn error_kind(&self) -> ErrorKind {
        match self {
            SyncError::Store(e) => e.into(),
            SyncError::Core(e) => e.into(),
            SyncError::GroupDamaged { group, reason } => ErrorKind::GroupDamaged {
                group: group.clone(),
                detail: reason.clone(),
            },
            SyncError::UnknownGroup(id) => ErrorKind::UnknownGroup {
                group: id.fmt_short(),
            },
            SyncError::BadProfile(why) => ErrorKind::BadProfile {
                detail: why.clone(),
            },
            SyncError::Unreachable(_) => ErrorKind::Unreachable,
            // A removed device learns why from the group itself (its removal was sent with the
            // refusal): what it is told here is that it is no member.
            SyncError::Refused(RefuseCode::NotAMember | RefuseCode::Removed) => {
                ErrorKind::NotMember
            }
            SyncError::Refused(RefuseCode::UnknownGroup) => ErrorKind::PeerLacksGroup,
            SyncError::Refused(RefuseCode::Busy) => ErrorKind::Busy,
            SyncError::Wire(e) => ErrorKind::Protocol {
                detail: e.to_string(),
            },
            SyncError::NotPermitted(p) | SyncError::InvalidInput(p) => {
                ErrorKind::SyncProblem(p.clone())
            }
            SyncError::JoinRefused(r) => match r {
                JoinRefusal::Expired => ErrorKind::InviteExpired,
                JoinRefusal::UsedUp => ErrorKind::InviteUsedUp,
                JoinRefusal::Revoked => ErrorKind::InviteRevoked,
                JoinRefusal::Unknown => ErrorKind::InviteUnknown,
                JoinRefusal::NotAdmin => ErrorKind::InviterNotAdmin,
                JoinRefusal::TooManyWaiting => ErrorKind::TooManyRequests,
            },
            SyncError::BadTicket(_) => ErrorKind::BadTicket,
            SyncError::Internal(detail) => ErrorKind::Internal {
                detail: detail.clone(),
            },
            SyncError::Randomness(detail) => ErrorKind::Randomness {
                detail: detail.clone(),
            },
        }
    }

    /// The Fluent key of [`SyncError::error_kind`].
    pub fn kind(&self) -> &'static str {
        self.error_kind().key()
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn every_kind_has_its_own_key() {
        let all: Vec<ErrorKind> = ErrorKind::examples().collect();
        let keys: std::collections::BTreeSet<&str> = all.iter().map(ErrorKind::key).collect();
        assert_eq!(keys.len(), all.len(), "two kinds share a key");
        assert!(keys.iter().all(|k| k.starts_with("error-")));
    }

    #[test]
    fn a_refused_action_of_a_person_keeps_its_problem() {
        let e = SyncError::from(CoreError::NotPermitted(Problem::OnlyAdminsCanPin));
        assert_eq!(
            e.error_kind(),
            ErrorKind::Problem(Problem::OnlyAdminsCanPin)
        );
        assert_eq!(e.kind(), "error-only-admins-pin");
        let e = SyncError::NotPermitted(SyncProblem::NoSuchRequest);
        assert_eq!(e.kind(), "error-no-such-request");
    }

    #[test]
    fn foreign_text_is_an_argument_of_a_translated_sentence() {
        let e = SyncError::Internal("the runtime could not start".into());
        assert_eq!(e.kind(), "error-internal");
        assert_eq!(
            e.error_kind().args(),
            vec![("detail", Arg::Text("the runtime could not start".into()))]
        );
    }
}
