//! [`SyncProblem`]: why the sync layer refuses what a person asked, as data with a Fluent key.

use causeway_core::{Arg, Args};

/// Why the sync layer refuses what a person asked (core's own reasons are
/// [`causeway_core::Problem`]). `Display` is the English sentence; [`SyncProblem::key`] names
/// the message the app shows instead.
#[derive(Clone, Debug, Default, PartialEq, Eq, thiserror::Error, strum::EnumIter)]
#[non_exhaustive]
pub enum SyncProblem {
    /// A self-hosted relay address that is not one.
    #[error("{url:?} is not a relay address; it looks like https://relay.example.org")]
    BadRelayAddress {
        /// The address as typed.
        url: String,
    },
    /// Another process holds the data folder but does not answer on its control socket.
    #[error(
        "another Causeway process uses this data folder but does not answer ({detail}); close it and try again"
    )]
    OtherProcessSilent {
        /// The operating system's error.
        detail: String,
    },
    /// The folder to export into could not be created.
    #[error("the folder {path} could not be created: {detail}")]
    ExportFolder {
        /// The folder.
        path: String,
        /// The operating system's error.
        detail: String,
    },
    /// An export file could not be written.
    #[error("{path} could not be written: {detail}")]
    ExportWrite {
        /// The file.
        path: String,
        /// The operating system's error.
        detail: String,
    },
    /// An invite secret that this device never issued.
    #[default]
    #[error("that invite is not known here")]
    UnknownInvite,
    /// An invite given for another group than the one named.
    #[error("that invite is for another group")]
    InviteForOtherGroup,
    /// Giving someone the owner role.
    #[error("role is member, moderator or admin")]
    OwnerRoleNotGiven,
    /// Answering a request to join that is not waiting.
    #[error("there is no such request to join")]
    NoSuchRequest,
    /// A document version that the document does not have.
    #[error("the document has no version {version:?}; `causeway doc history` lists them")]
    NoSuchVersion {
        /// The version as typed.
        version: String,
    },
}

impl SyncProblem {
    /// The Fluent message that says this in the person's language.
    pub fn key(&self) -> &'static str {
        match self {
            SyncProblem::BadRelayAddress { .. } => "error-bad-relay-address",
            SyncProblem::OtherProcessSilent { .. } => "error-other-process-silent",
            SyncProblem::ExportFolder { .. } => "error-export-folder",
            SyncProblem::ExportWrite { .. } => "error-export-write",
            SyncProblem::UnknownInvite => "error-unknown-invite",
            SyncProblem::InviteForOtherGroup => "error-invite-for-other-group",
            SyncProblem::OwnerRoleNotGiven => "error-owner-role-not-given",
            SyncProblem::NoSuchRequest => "error-no-such-request",
            SyncProblem::NoSuchVersion { .. } => "error-no-such-version",
        }
    }

    /// The arguments of [`SyncProblem::key`]'s message.
    pub fn args(&self) -> Args {
        match self {
            SyncProblem::BadRelayAddress { url } => vec![("url", Arg::Text(url.clone()))],
            SyncProblem::NoSuchVersion { version } => {
                vec![("version", Arg::Text(version.clone()))]
            }
            SyncProblem::OtherProcessSilent { detail } => {
                vec![("detail", Arg::Text(detail.clone()))]
            }
            SyncProblem::ExportFolder { path, detail }
            | SyncProblem::ExportWrite { path, detail } => {
                vec![
                    ("path", Arg::Text(path.clone())),
                    ("detail", Arg::Text(detail.clone())),
                ]
            }
            SyncProblem::UnknownInvite
            | SyncProblem::InviteForOtherGroup
            | SyncProblem::OwnerRoleNotGiven
            | SyncProblem::NoSuchRequest => Vec::new(),
        }
    }
}
