//! [`Warning`]: what opening the data folder found wrong and repaired or left alone.

use causeway_core::{Arg, Args};

use crate::store::StoreWarning;

/// Something found wrong while opening the data folder, shown to the person for the whole
/// session. `Display` is the English sentence (logs, the command line); [`Warning::key`] names
/// the message the app shows instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, strum::EnumIter)]
#[non_exhaustive]
pub enum Warning {
    /// The list of invites this device sent could not be read.
    #[error(
        "your list of invites could not be read ({detail}); invites you sent earlier may need to be sent again"
    )]
    InvitesUnreadable {
        /// What the decoder found.
        detail: String,
    },
    /// The list of people blocked and muted could not be read.
    #[error(
        "your list of blocked and muted people could not be read ({detail}); block or mute them again in Settings"
    )]
    BlocksUnreadable {
        /// What the decoder found.
        detail: String,
    },
    /// A group could not be opened and was left as it is on disk.
    #[error("the group {group} could not be opened and was left as it is on disk: {detail}")]
    GroupNotOpened {
        /// Short id of the group.
        group: String,
        /// Why (the error's English text, for a bug report).
        detail: String,
    },
    /// A log ended in damaged bytes, which were set aside; the log was cut back.
    #[error(
        "the end of {file} was damaged, probably by an interrupted write: {bytes} bytes from offset {offset} were moved to {set_aside_to} and the log was cut back to its last good record"
    )]
    LogTailSetAside {
        /// The log file.
        file: String,
        /// Where the damaged bytes started.
        offset: u64,
        /// How many bytes were set aside.
        bytes: u64,
        /// The side file holding them.
        set_aside_to: String,
    },
    /// Damaged bytes between good records were skipped and set aside.
    #[error(
        "{bytes} damaged bytes at offset {offset} of {file} were skipped and copied to {set_aside_to}; the good records after them were kept"
    )]
    LogRecordsSkipped {
        /// The log file.
        file: String,
        /// Where the damaged bytes started.
        offset: u64,
        /// How many bytes were skipped.
        bytes: u64,
        /// The side file holding them.
        set_aside_to: String,
    },
}

impl Warning {
    /// The Fluent message that says this in the person's language.
    pub fn key(&self) -> &'static str {
        match self {
            Warning::InvitesUnreadable { .. } => "warning-invites-unreadable",
            Warning::BlocksUnreadable { .. } => "warning-blocks-unreadable",
            Warning::GroupNotOpened { .. } => "warning-group-not-opened",
            Warning::LogTailSetAside { .. } => "warning-log-tail-set-aside",
            Warning::LogRecordsSkipped { .. } => "warning-log-records-skipped",
        }
    }

    /// The arguments of [`Warning::key`]'s message.
    pub fn args(&self) -> Args {
        let text = |s: &String| Arg::Text(s.clone());
        match self {
            Warning::InvitesUnreadable { detail } | Warning::BlocksUnreadable { detail } => {
                vec![("detail", text(detail))]
            }
            Warning::GroupNotOpened { group, detail } => {
                vec![("group", text(group)), ("detail", text(detail))]
            }
            Warning::LogTailSetAside {
                file,
                offset,
                bytes,
                set_aside_to,
            }
            | Warning::LogRecordsSkipped {
                file,
                offset,
                bytes,
                set_aside_to,
            } => vec![
                ("path", text(file)),
                ("offset", Arg::count(*offset)),
                ("count", Arg::count(*bytes)),
                ("copy", text(set_aside_to)),
            ],
        }
    }
}

impl From<&StoreWarning> for Warning {
    fn from(w: &StoreWarning) -> Warning {
        match w {
            StoreWarning::CorruptTail {
                file,
                offset,
                bytes_set_aside,
                set_aside_to,
            } => Warning::LogTailSetAside {
                file: file.display().to_string(),
                offset: *offset,
                bytes: *bytes_set_aside,
                set_aside_to: set_aside_to.display().to_string(),
            },
            StoreWarning::CorruptRecordSkipped {
                file,
                offset,
                bytes_skipped,
                set_aside_to,
            } => Warning::LogRecordsSkipped {
                file: file.display().to_string(),
                offset: *offset,
                bytes: *bytes_skipped,
                set_aside_to: set_aside_to.display().to_string(),
            },
        }
    }
}
