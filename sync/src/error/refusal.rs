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
    /// A file given as a bundle that is not one.
    #[error("that file is not a Causeway bundle; `causeway bundle write` makes one")]
    NotABundle,
    /// A bundle written by a newer Causeway.
    #[error("the bundle was written by a newer Causeway; update this one to read it")]
    BundleTooNew,
    /// A bundle damaged or cut short.
    #[error("the bundle is damaged or cut short; write it again on the device it came from")]
    BundleDamaged,
    /// A bundle larger than any is read.
    #[error(
        "the bundle is larger than {max} bytes; write one per group, or only what a member lacks (--for)"
    )]
    BundleTooLarge {
        /// The most bytes read.
        max: u64,
    },
    /// A bundle of a group this device is not in.
    #[error("the bundle is for a group this device is not in ({group}); join the group first")]
    BundleForOtherGroup {
        /// The group's short id.
        group: String,
    },
    /// A bundle file that could not be read.
    #[error("{path} could not be read: {detail}")]
    BundleUnreadable {
        /// The file.
        path: String,
        /// The operating system's error.
        detail: String,
    },
    /// A date that cannot be read.
    #[error("{given:?} is not a date; write it as 2026-12-12 10:00, or 2026-12-12 for a whole day")]
    BadDate {
        /// The date as typed.
        given: String,
    },
    /// A time zone that does not exist.
    #[error("{zone:?} is not a time zone; write it as Europe/Paris or America/Sao_Paulo")]
    UnknownZone {
        /// The zone as typed.
        zone: String,
    },
    /// A time that the clocks skip in its zone.
    #[error("{given} does not exist in {zone} (the clocks skip that hour); pick another time")]
    NoSuchTime {
        /// The time as typed.
        given: String,
        /// The zone.
        zone: String,
    },
    /// A file to attach that could not be read.
    #[error("{path} could not be read: {detail}")]
    FileUnreadable {
        /// The file.
        path: String,
        /// The operating system's error.
        detail: String,
    },
    /// A file that has not arrived and that no member online has now.
    #[error("{name} has not arrived yet and no member who has it is online; try again later")]
    FileNotHere {
        /// The file's name.
        name: String,
    },
    /// A file whose bytes were not what the group's reference says.
    #[error("{name} was not what the group says it is (another size); it was not kept")]
    FileNotAsReferenced {
        /// The file's name.
        name: String,
    },
    /// A report's category that is not one.
    #[error(
        "{given:?} is not a kind of report; use hate, sexual, violence, doxing, harassment, spam, illegal or other"
    )]
    UnknownCategory {
        /// As typed.
        given: String,
    },
    /// A decision on a report that is not one.
    #[error("{given:?} is not a decision on a report; use hide, dismiss, warn or remove")]
    UnknownVerdict {
        /// As typed.
        given: String,
    },
    /// What a report is about, in a form that is not one.
    #[error("{given:?} names nothing to report; name a post, a comment or a member")]
    UnknownReportTarget {
        /// As typed.
        given: String,
    },
    /// A file given as a moderation log that is not one.
    #[error("that file is not a moderation log; `causeway log export` writes one")]
    NotALogFile,
    /// A log file written by a newer Causeway.
    #[error("the log file was written by a newer Causeway; update this one to check it")]
    LogFileTooNew,
    /// A log file whose history does not hold together.
    #[error(
        "the group's history in the log file does not hold together ({refused} changes refused, {waiting} missing what they build on): the file was damaged or changed"
    )]
    LogHistoryBroken {
        /// Changes refused.
        refused: usize,
        /// Changes that wait for others not in the file.
        waiting: usize,
    },
    /// A log file whose entry is not what its signed history says.
    #[error(
        "entry {number} of the log file is not what the group's signed history says: the file was changed"
    )]
    LogEntryAltered {
        /// The entry, counting from 1.
        number: usize,
    },
    /// A log file that lists fewer or more entries than its history holds.
    #[error(
        "the log file lists {listed} entries but the group's signed history holds {held}: the file was changed"
    )]
    LogEntriesMissing {
        /// Entries listed.
        listed: usize,
        /// Entries in the history.
        held: usize,
    },
    /// Blocking or muting oneself.
    #[error("you cannot block or mute yourself")]
    CannotBlockSelf,
    /// Blocking or muting someone no group here knows.
    #[error("that person is not a member of any of your groups; name a member")]
    UnknownPerson,
    /// What to mute, in a form that is not one.
    #[error("{given:?} names nothing to mute; name a member, a group or a post")]
    UnknownMuteTarget {
        /// As typed.
        given: String,
    },
    /// Deleting a group's copy when no member took the leave.
    #[error(
        "no member could be reached to learn that you left, so your copy is kept to tell them; try again when a member is online, or add --anyway to delete it now (they will still count you as a member)"
    )]
    LeaveNotDelivered,
    /// Muting a post that is not there.
    #[error("that post is not in this group (it may have been deleted)")]
    UnknownPost,
    /// A blocking's reason longer than it may be.
    #[error("the reason is too long: {at_most} characters at most")]
    BlockReasonTooLong {
        /// The most characters.
        at_most: usize,
    },
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
            SyncProblem::CannotBlockSelf => "error-cannot-block-self",
            SyncProblem::UnknownPerson => "error-unknown-person",
            SyncProblem::UnknownPost => "error-unknown-post",
            SyncProblem::LeaveNotDelivered => "error-leave-not-delivered",
            SyncProblem::UnknownMuteTarget { .. } => "error-unknown-mute-target",
            SyncProblem::BlockReasonTooLong { .. } => "error-block-reason-too-long",
            SyncProblem::NotALogFile => "error-not-a-log-file",
            SyncProblem::UnknownCategory { .. } => "error-unknown-category",
            SyncProblem::UnknownVerdict { .. } => "error-unknown-verdict",
            SyncProblem::UnknownReportTarget { .. } => "error-unknown-report-target",
            SyncProblem::LogFileTooNew => "error-log-file-too-new",
            SyncProblem::LogHistoryBroken { .. } => "error-log-history-broken",
            SyncProblem::LogEntryAltered { .. } => "error-log-entry-altered",
            SyncProblem::LogEntriesMissing { .. } => "error-log-entries-missing",
            SyncProblem::NotABundle => "error-not-a-bundle",
            SyncProblem::BundleTooNew => "error-bundle-too-new",
            SyncProblem::BundleDamaged => "error-bundle-damaged",
            SyncProblem::BundleTooLarge { .. } => "error-bundle-too-large",
            SyncProblem::BundleForOtherGroup { .. } => "error-bundle-other-group",
            SyncProblem::BundleUnreadable { .. } => "error-bundle-unreadable",
            SyncProblem::BadDate { .. } => "error-bad-date",
            SyncProblem::UnknownZone { .. } => "error-unknown-zone",
            SyncProblem::NoSuchTime { .. } => "error-no-such-time",
            SyncProblem::FileUnreadable { .. } => "error-file-unreadable",
            SyncProblem::FileNotHere { .. } => "error-file-not-here",
            SyncProblem::FileNotAsReferenced { .. } => "error-file-not-as-referenced",
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
            SyncProblem::BundleTooLarge { max } => {
                vec![("max", Arg::Number(i64::try_from(*max).unwrap_or(i64::MAX)))]
            }
            SyncProblem::BundleForOtherGroup { group } => vec![("group", Arg::Text(group.clone()))],
            SyncProblem::BadDate { given }
            | SyncProblem::UnknownCategory { given }
            | SyncProblem::UnknownVerdict { given }
            | SyncProblem::UnknownReportTarget { given }
            | SyncProblem::UnknownMuteTarget { given } => {
                vec![("given", Arg::Text(given.clone()))]
            }
            SyncProblem::UnknownZone { zone } => vec![("zone", Arg::Text(zone.clone()))],
            SyncProblem::NoSuchTime { given, zone } => vec![
                ("given", Arg::Text(given.clone())),
                ("zone", Arg::Text(zone.clone())),
            ],

            SyncProblem::FileNotHere { name } | SyncProblem::FileNotAsReferenced { name } => {
                vec![("name", Arg::Text(name.clone()))]
            }
            SyncProblem::BundleUnreadable { path, detail }
            | SyncProblem::FileUnreadable { path, detail } => vec![
                ("path", Arg::Text(path.clone())),
                ("detail", Arg::Text(detail.clone())),
            ],
            SyncProblem::LogHistoryBroken { refused, waiting } => vec![
                (
                    "refused",
                    Arg::Number(i64::try_from(*refused).unwrap_or(i64::MAX)),
                ),
                (
                    "waiting",
                    Arg::Number(i64::try_from(*waiting).unwrap_or(i64::MAX)),
                ),
            ],
            SyncProblem::LogEntryAltered { number } => {
                vec![(
                    "number",
                    Arg::Number(i64::try_from(*number).unwrap_or(i64::MAX)),
                )]
            }
            SyncProblem::LogEntriesMissing { listed, held } => vec![
                (
                    "listed",
                    Arg::Number(i64::try_from(*listed).unwrap_or(i64::MAX)),
                ),
                (
                    "held",
                    Arg::Number(i64::try_from(*held).unwrap_or(i64::MAX)),
                ),
            ],
            SyncProblem::BlockReasonTooLong { at_most } => vec![(
                "count",
                Arg::Number(i64::try_from(*at_most).unwrap_or(i64::MAX)),
            )],
            SyncProblem::CannotBlockSelf
            | SyncProblem::UnknownPerson
            | SyncProblem::UnknownPost
            | SyncProblem::LeaveNotDelivered => Vec::new(),
            SyncProblem::NotABundle
            | SyncProblem::BundleTooNew
            | SyncProblem::BundleDamaged
            | SyncProblem::NotALogFile
            | SyncProblem::LogFileTooNew => Vec::new(),
            SyncProblem::UnknownInvite
            | SyncProblem::InviteForOtherGroup
            | SyncProblem::OwnerRoleNotGiven
            | SyncProblem::NoSuchRequest => Vec::new(),
        }
    }
}
