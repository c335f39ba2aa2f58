//! Errors of the sync crate.
//!
//! Errors are kinds with Fluent keys: every [`SyncError`] has an [`ErrorKind`] that names the
//! message the app shows in the person's language, with its numbers and short data as
//! arguments. `Display` stays the English sentence, for logs and the command line.

mod kind;
mod refusal;
mod warning;

use causeway_core::{CoreError, GroupId};

pub use self::kind::ErrorKind;
pub use self::refusal::SyncProblem;
pub use self::warning::Warning;

use crate::protocols::group_sync::wire::{RefuseCode, WireError};
use crate::store::StoreError;

fn refusal_sentence(code: RefuseCode) -> &'static str {
    match code {
        RefuseCode::NotAMember => {
            "this device is not a member of the group there, or that device does not have the group"
        }
        RefuseCode::UnknownGroup => "that device does not have this group",
        RefuseCode::Busy => "it is busy; it will be tried again",
        RefuseCode::Removed => "this device was removed from the group",
    }
}

/// What went wrong in the sync layer. Messages are lower-case sentences without a final period.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyncError {
    /// Reading or writing the data folder failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The domain refused the action or found the data inconsistent.
    #[error(transparent)]
    Core(#[from] CoreError),
    /// A stored group could not be opened.
    #[error("the group {group} could not be opened: {reason}")]
    GroupDamaged {
        /// Short id of the group.
        group: String,
        /// Why.
        reason: String,
    },
    /// No group with that id is stored here.
    #[error("there is no group {0} on this device")]
    UnknownGroup(GroupId),
    /// The profile file could not be read.
    #[error("the profile file is damaged ({0}); set your name again in Settings")]
    BadProfile(String),
    /// The other device could not be reached or the connection broke.
    #[error("the other device could not be reached: {0}")]
    Unreachable(String),
    /// The other device refused to sync this group with us.
    #[error("the other device refused: {}", refusal_sentence(*.0))]
    Refused(RefuseCode),
    /// The other device broke the protocol.
    #[error(transparent)]
    Wire(#[from] WireError),
    /// The local device may not do this.
    #[error("{0}")]
    NotPermitted(SyncProblem),
    /// What the person gave cannot be read (a date, a time zone).
    #[error("{0}")]
    InvalidInput(SyncProblem),
    /// The inviting device turned the invite down.
    #[error(transparent)]
    JoinRefused(#[from] JoinRefusal),
    /// The invite text could not be read.
    #[error(transparent)]
    BadTicket(#[from] BadTicket),
    /// A bug or an impossible state.
    #[error("internal error: {0}")]
    Internal(String),
    /// The operating system's random number source failed.
    #[error("the system could not provide randomness: {0}")]
    Randomness(String),
}

/// Why a ticket could not be read. Shown to a person: says what to do.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("this is not a complete Causeway invite ({0}); copy the whole invite again and paste it")]
pub struct BadTicket(pub(crate) &'static str);

/// Why an inviting device turned a joiner away (sent over the wire as a code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JoinRefusal {
    /// The invite's time is over.
    #[error("this invite has expired; ask for a new one")]
    Expired,
    /// The invite was used as many times as allowed.
    #[error("this invite has already been used as many times as allowed; ask for a new one")]
    UsedUp,
    /// The invite was withdrawn.
    #[error("this invite was withdrawn; ask for a new one")]
    Revoked,
    /// No such invite (wrong or forged secret, or another group).
    #[error("this invite is not valid; check that you copied all of it, or ask for a new one")]
    Unknown,
    /// The inviting device can no longer add members.
    #[error(
        "the person who invited you can no longer add members; ask an admin of the group for a new invite"
    )]
    NotAdmin,
    /// The group (request-to-join) holds as many requests waiting for an admin as it takes.
    #[error(
        "this group has too many requests waiting for an admin to answer; try again in a few days"
    )]
    TooManyWaiting,
}

impl JoinRefusal {
    /// Its wire code.
    pub fn code(self) -> u8 {
        match self {
            JoinRefusal::Expired => 2,
            JoinRefusal::UsedUp => 3,
            JoinRefusal::Revoked => 4,
            JoinRefusal::Unknown => 5,
            JoinRefusal::NotAdmin => 6,
            JoinRefusal::TooManyWaiting => 7,
        }
    }

    /// From a wire code.
    pub fn from_code(c: u8) -> Option<Self> {
        Some(match c {
            2 => JoinRefusal::Expired,
            3 => JoinRefusal::UsedUp,
            4 => JoinRefusal::Revoked,
            5 => JoinRefusal::Unknown,
            6 => JoinRefusal::NotAdmin,
            7 => JoinRefusal::TooManyWaiting,
            _ => return None,
        })
    }
}
