//! [`Problem`]: every reason core gives a person for refusing what they asked.
//!
//! A problem is data, not a sentence: its [`std::fmt::Display`] is the English sentence (for
//! logs and the command line), [`Problem::key`] names the message in the app's Fluent files,
//! and [`Problem::args`] gives that message its numbers and short data. The window words it in
//! the person's language; nothing in core builds a sentence for a person outside this enum.

/// A value filled into a translated message: a number (a limit, a count) or a short piece of
/// data (an id, a path, a name someone typed, an error text from the operating system). Never
/// an English phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arg {
    /// A number; the app writes it the way the language groups digits, and chooses plural
    /// forms by it.
    Number(i64),
    /// Text shown as it is.
    Text(String),
}

impl Arg {
    /// A count or a limit, saturating at `i64::MAX`.
    pub fn count(n: impl TryInto<i64>) -> Arg {
        Arg::Number(n.try_into().unwrap_or(i64::MAX))
    }
}

/// The arguments of a translated message, by name.
pub type Args = Vec<(&'static str, Arg)>;

/// A text a person types whose length is limited.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, thiserror::Error, strum::EnumIter)]
#[non_exhaustive]
pub enum Field {
    /// The name other members see.
    #[default]
    #[error("the display name")]
    DisplayName,
    /// The text about a person in their profile.
    #[error("the bio")]
    Bio,
    /// A group's name.
    #[error("the group name")]
    GroupName,
    /// A group's mission.
    #[error("the mission")]
    Mission,
    /// A group's region.
    #[error("the region")]
    Region,
    /// A post's title.
    #[error("the title")]
    Title,
    /// A post's text.
    #[error("the text")]
    PostText,
    /// A comment's text.
    #[error("the comment")]
    Comment,
    /// The reason given for removing a member or hiding a post.
    #[error("the reason")]
    Reason,
    /// An event's place or online link.
    #[error("the place")]
    Place,
    /// A time zone's name.
    #[error("the time zone")]
    TimeZone,
    /// A poll's question.
    #[error("the question")]
    Question,
    /// One option of a poll.
    #[error("the option")]
    PollOption,
    /// A task's or a shift's notes.
    #[error("the notes")]
    Notes,
}

/// Why core refuses what a person asked, or cannot find what they acted on.
///
/// `Display` is the English sentence (lower-case, no final period); [`Problem::key`] is the
/// Fluent message the app shows instead.
#[derive(Clone, Debug, Default, PartialEq, Eq, thiserror::Error, strum::EnumIter)]
#[non_exhaustive]
pub enum Problem {
    /// A profile or a member entry without a display name.
    #[default]
    #[error("a display name is required")]
    NameRequired,
    /// Creating a group before choosing a display name.
    #[error("choose a display name before creating a group")]
    NameBeforeCreating,
    /// Joining a group before choosing a display name.
    #[error("choose a display name before joining a group")]
    NameBeforeJoining,
    /// A group without a name.
    #[error("give the group a name")]
    GroupNameRequired,
    /// A text longer than its field allows.
    #[error("{field} is longer than {max} characters")]
    TooLong {
        /// Which text.
        field: Field,
        /// The most characters it may have.
        max: usize,
    },
    /// A cause or a language tag that is empty or too long.
    #[error("causes and languages must be 1 to {max} characters each")]
    BadTag {
        /// The most characters a tag may have.
        max: usize,
    },
    /// A post with neither a title nor a text.
    #[error("write a title or some text first")]
    PostEmpty,
    /// An empty comment.
    #[error("write something first")]
    CommentEmpty,
    /// A reaction that is empty or not short.
    #[error("a reaction is one short emoji or word")]
    BadReaction,
    /// Removing oneself instead of leaving.
    #[error("to leave the group yourself, use leave")]
    RemoveYourself,
    /// A member with as many undecided reports as a member may have.
    #[error(
        "you have {max} reports the moderators have not decided yet; wait for them before reporting more"
    )]
    TooManyOpenReports {
        /// The most.
        max: usize,
    },
    /// Handing the group over to oneself.
    #[error("you own the group already; hand it over to an admin")]
    HandOverToYourself,
    /// Handing the group over to someone who is not an admin.
    #[error("the group can be handed over only to an admin; make them an admin first")]
    HandOverToAdmin,
    /// Handing over a group one does not own.
    #[error("only the owner can hand the group over")]
    OnlyOwnerHandsOver,
    /// An action that would change nothing.
    #[error("nothing to change")]
    NothingToChange,
    /// Acting in a group this device is not (or no longer) a member of.
    #[error("you are not a member of this group")]
    NotAMember,
    /// Changing someone else's post or comment.
    #[error("you can only change your own posts and comments")]
    NotYours,
    /// Upgrading a group without being an admin.
    #[error("only admins and the owner can upgrade a group")]
    OnlyAdminsCanUpgrade,
    /// Pinning or unpinning without being an admin.
    #[error("only admins and the owner can pin or unpin posts")]
    OnlyAdminsCanPin,
    /// Inviting without being an admin.
    #[error("only admins of the group can invite people")]
    OnlyAdminsCanInvite,
    /// The group's rules refuse this action for the person's role.
    #[error("your role does not allow this ({detail})")]
    RoleDoesNotAllow {
        /// What the rules said, in English, for the log (the person reads only that their
        /// role does not allow it).
        detail: String,
    },
    /// The group's rules refuse the change this action made (a bug in this build).
    #[error("this change was refused: {detail}")]
    ChangeRefused {
        /// Why, in English.
        detail: String,
    },
    /// Acting in a group whose history has not arrived yet.
    #[error(
        "this group has not arrived on this device yet (if you asked to join, an admin has to approve you first); try again once it shows its posts"
    )]
    NotArrived,
    /// Pinning in a group that has no pinned posts yet.
    #[error("this group has no pinned posts yet (it needs the upgrade)")]
    NeedsUpgrade,
    /// Upgrading a group that has the newest schema already.
    #[error("this group has the newest schema this Causeway knows")]
    AlreadyNewest,
    /// Pinning a post that is deleted or hidden.
    #[error("this post is deleted or hidden; only a post everyone sees can be pinned")]
    PinHiddenPost,
    /// Pinning a pinned post.
    #[error("this post is pinned already")]
    AlreadyPinned,
    /// Unpinning a post that is not pinned.
    #[error("this post is not pinned")]
    NotPinned,
    /// No such post in the group.
    #[error("that post was not found in this group")]
    PostNotFound,
    /// No such member in the group.
    #[error("that member was not found in this group")]
    MemberNotFound,
    /// No such post or comment in the group.
    #[error("that item was not found in this group")]
    ItemNotFound,
    /// No such report in the group.
    #[error("that report was not found in this group")]
    ReportNotFound,
    /// A report this device cannot open (not sealed to it, or damaged), or cannot seal.
    #[error(
        "that report cannot be opened on this device; it was sealed to the moderators of its day"
    )]
    ReportUnreadable,
    /// A report's words longer than a report takes.
    #[error("a report's words are at most {max} characters")]
    ReportTooLong {
        /// The most characters.
        max: usize,
    },
    /// A whole document offered to a group that already holds changes (a bug in the caller).
    #[error("a whole document is only taken by a group that holds nothing yet")]
    DocumentNotEmpty,
    /// Editing a shared document without the right to.
    #[error("you may not edit this document; ask its creator or an admin")]
    NotAnEditor,
    /// Editing a shared document whose first change has not arrived.
    #[error("this document has not arrived on this device yet; try again once it shows its text")]
    DocNotArrived,
    /// A document that would grow past its limit.
    #[error("a document may hold at most {max} characters; split it into two documents")]
    DocTooLong {
        /// The most characters a document may hold.
        max: usize,
    },
    /// An edit at a position the text does not have (a bug in the editor).
    #[error("that place is not in the document any more; try again")]
    PositionPastEnd,
    /// No such document in the group.
    #[error("that document was not found in this group")]
    DocNotFound,
    /// A document without a title.
    #[error("give the document a title")]
    DocTitleRequired,
    /// Renaming, archiving or choosing editors without being the creator or an admin.
    #[error(
        "only the document's creator and admins can change its title, archive it or choose who edits"
    )]
    OnlyStewards,
    /// A Markdown file larger than any document may be.
    #[error("the file is larger than {max} bytes; a document cannot hold it")]
    MarkdownTooLarge {
        /// The most bytes taken in.
        max: usize,
    },
    /// A file to import that is not text.
    #[error("the file is not a text file; choose a Markdown (.md) or text file")]
    MarkdownNotText,
    /// A link that is not a web or mail address.
    #[error("a link must be a web address (https://...) or a mail address (mailto:...)")]
    BadLink,
    /// The end is before the start; give an end after the start.
    #[error("the end is before the start; give an end after the start")]
    EndBeforeStart,
    /// That date is out of range (from 1970, lasting at most a year).
    #[error("that date is out of range (from 1970, lasting at most a year)")]
    DateOutOfRange,
    /// That event was not found in this group.
    #[error("that event was not found in this group")]
    EventNotFound,
    /// That poll was not found in this group.
    #[error("that poll was not found in this group")]
    PollNotFound,
    /// That task was not found in this group.
    #[error("that task was not found in this group")]
    TaskNotFound,
    /// That shift was not found in this group.
    #[error("that shift was not found in this group")]
    ShiftNotFound,
    /// Give the event a title.
    #[error("give the event a title")]
    EventTitleRequired,
    /// Only the event's organisers and admins can change it.
    #[error("only the event's organisers and admins can change it")]
    NotAnOrganiser,
    /// This event is cancelled.
    #[error("this event is cancelled")]
    EventCancelled,
    /// The number of places must be from 1 to {max}.
    #[error("the number of places must be from 1 to {max}")]
    BadCapacity {
        /// The most.
        max: usize,
    },
    /// A poll has from {min} to {max} options, none of them empty.
    #[error("a poll has from {min} to {max} options, none of them empty")]
    PollOptions {
        /// The fewest.
        min: usize,
        /// The most.
        max: usize,
    },
    /// Write the poll's question first.
    #[error("write the poll's question first")]
    QuestionRequired,
    /// This poll is closed.
    #[error("this poll is closed")]
    PollClosed,
    /// That option is not in this poll.
    #[error("that option is not in this poll")]
    NoSuchOption,
    /// This poll takes one answer only.
    #[error("this poll takes one answer only")]
    SingleChoice,
    /// Only the poll's creator can add options to this poll.
    #[error("only the poll's creator can add options to this poll")]
    NoNewOptions,
    /// Only its creator or an admin can do this.
    #[error("only its creator or an admin can do this")]
    OnlyCreatorOrAdmin,
    /// Give the task a title.
    #[error("give the task a title")]
    TaskTitleRequired,
    /// Only the task's creator, the people doing it and admins can change it.
    #[error("only the task's creator, the people doing it and admins can change it")]
    NotOnTask,
    /// This shift is full.
    #[error("this shift is full")]
    ShiftFull,
    /// Give the shift a title.
    #[error("give the shift a title")]
    ShiftTitleRequired,
    /// An empty file.
    #[error("this file is empty")]
    FileEmpty,
    /// A file over the group's limit.
    #[error("this file is larger than the group's limit of {max_mb} MB")]
    FileTooLarge {
        /// The limit, in megabytes.
        max_mb: u64,
    },
    /// The group's files would pass its limit.
    #[error("the group's files would pass its limit of {max_mb} MB")]
    GroupFilesFull {
        /// The limit, in megabytes.
        max_mb: u64,
    },
    /// A limit on files out of range.
    #[error("a limit on files is from 1 byte to {max_mb} MB")]
    FileLimitOutOfRange {
        /// The highest limit, in megabytes.
        max_mb: u64,
    },
    /// A file name with folders, control characters, or too long.
    #[error("a file name has no folders or control characters and at most {max} characters")]
    BadFileName {
        /// The most characters.
        max: usize,
    },
    /// A media type that is not `type/subtype`.
    #[error("this is not a known kind of file")]
    NotAFileType,
    /// A picture that is not one (for an avatar, a group's picture, a thumbnail).
    #[error("this is not a picture Causeway can show (PNG, JPEG, WebP or GIF)")]
    NotAnImage,
    /// More files than an item may carry.
    #[error("at most {max} files at once")]
    TooManyFiles {
        /// The most files.
        max: usize,
    },
    /// No such attachment.
    #[error("there is no such file in this group")]
    AttachmentNotFound,
}

impl Problem {
    /// The Fluent message that says this in the person's language.
    pub fn key(&self) -> &'static str {
        match self {
            Problem::NameRequired => "error-name-required",
            Problem::NameBeforeCreating => "error-name-before-creating",
            Problem::NameBeforeJoining => "error-name-before-joining",
            Problem::GroupNameRequired => "error-group-name-required",
            Problem::TooLong { field, .. } => match field {
                Field::DisplayName => "error-too-long-display-name",
                Field::Bio => "error-too-long-bio",
                Field::GroupName => "error-too-long-group-name",
                Field::Mission => "error-too-long-mission",
                Field::Region => "error-too-long-region",
                Field::Title => "error-too-long-title",
                Field::PostText => "error-too-long-post-text",
                Field::Comment => "error-too-long-comment",
                Field::Reason => "error-too-long-reason",
                Field::Place => "error-too-long-place",
                Field::TimeZone => "error-too-long-time-zone",
                Field::Question => "error-too-long-question",
                Field::PollOption => "error-too-long-option",
                Field::Notes => "error-too-long-notes",
            },
            Problem::BadTag { .. } => "error-bad-tag",
            Problem::PostEmpty => "error-post-empty",
            Problem::CommentEmpty => "error-comment-empty",
            Problem::BadReaction => "error-bad-reaction",
            Problem::RemoveYourself => "error-remove-yourself",
            Problem::HandOverToYourself => "error-hand-over-to-yourself",
            Problem::TooManyOpenReports { .. } => "error-too-many-open-reports",
            Problem::HandOverToAdmin => "error-hand-over-to-admin",
            Problem::OnlyOwnerHandsOver => "error-only-owner-hands-over",
            Problem::NothingToChange => "error-nothing-to-change",
            Problem::NotAMember => "error-not-a-member",
            Problem::NotYours => "error-not-yours",
            Problem::OnlyAdminsCanUpgrade => "error-only-admins-upgrade",
            Problem::OnlyAdminsCanPin => "error-only-admins-pin",
            Problem::OnlyAdminsCanInvite => "error-only-admins-invite",
            Problem::RoleDoesNotAllow { .. } => "error-role-does-not-allow",
            Problem::ChangeRefused { .. } => "error-change-refused",
            Problem::NotArrived => "error-not-arrived",
            Problem::NeedsUpgrade => "error-needs-upgrade",
            Problem::AlreadyNewest => "error-already-newest",
            Problem::PinHiddenPost => "error-pin-hidden-post",
            Problem::AlreadyPinned => "error-already-pinned",
            Problem::NotPinned => "error-not-pinned",
            Problem::PostNotFound => "error-post-not-found",
            Problem::MemberNotFound => "error-member-not-found",
            Problem::ItemNotFound => "error-item-not-found",
            Problem::ReportNotFound => "error-report-not-found",
            Problem::ReportUnreadable => "error-report-unreadable",
            Problem::ReportTooLong { .. } => "error-report-too-long",
            Problem::DocumentNotEmpty => "error-document-not-empty",
            Problem::NotAnEditor => "error-not-an-editor",
            Problem::DocNotArrived => "error-doc-not-arrived",
            Problem::DocTooLong { .. } => "error-doc-too-long",
            Problem::PositionPastEnd => "error-position-past-end",
            Problem::BadLink => "error-bad-link",
            Problem::MarkdownTooLarge { .. } => "error-markdown-too-large",
            Problem::MarkdownNotText => "error-markdown-not-text",
            Problem::DocNotFound => "error-doc-not-found",
            Problem::DocTitleRequired => "error-doc-title-required",
            Problem::OnlyStewards => "error-only-stewards",
            Problem::EndBeforeStart => "error-end-before-start",
            Problem::DateOutOfRange => "error-date-out-of-range",
            Problem::EventNotFound => "error-event-not-found",
            Problem::PollNotFound => "error-poll-not-found",
            Problem::TaskNotFound => "error-task-not-found",
            Problem::ShiftNotFound => "error-shift-not-found",
            Problem::EventTitleRequired => "error-event-title-required",
            Problem::NotAnOrganiser => "error-not-an-organiser",
            Problem::EventCancelled => "error-event-cancelled",
            Problem::BadCapacity { .. } => "error-bad-capacity",
            Problem::PollOptions { .. } => "error-poll-options",
            Problem::QuestionRequired => "error-question-required",
            Problem::PollClosed => "error-poll-closed",
            Problem::NoSuchOption => "error-no-such-option",
            Problem::SingleChoice => "error-single-choice",
            Problem::NoNewOptions => "error-no-new-options",
            Problem::OnlyCreatorOrAdmin => "error-only-creator-or-admin",
            Problem::TaskTitleRequired => "error-task-title-required",
            Problem::NotOnTask => "error-not-on-task",
            Problem::ShiftFull => "error-shift-full",
            Problem::ShiftTitleRequired => "error-shift-title-required",
            Problem::FileEmpty => "error-file-empty",
            Problem::FileTooLarge { .. } => "error-file-too-large",
            Problem::GroupFilesFull { .. } => "error-group-files-full",
            Problem::FileLimitOutOfRange { .. } => "error-file-limit-out-of-range",
            Problem::BadFileName { .. } => "error-bad-file-name",
            Problem::NotAFileType => "error-not-a-file-type",
            Problem::NotAnImage => "error-not-an-image",
            Problem::TooManyFiles { .. } => "error-too-many-files",
            Problem::AttachmentNotFound => "error-attachment-not-found",
        }
    }

    /// The arguments of [`Problem::key`]'s message.
    pub fn args(&self) -> Args {
        match self {
            Problem::TooLong { max, .. }
            | Problem::BadTag { max }
            | Problem::DocTooLong { max }
            | Problem::ReportTooLong { max }
            | Problem::MarkdownTooLarge { max }
            | Problem::BadCapacity { max }
            | Problem::BadFileName { max }
            | Problem::TooManyFiles { max }
            | Problem::TooManyOpenReports { max } => {
                vec![("max", Arg::count(*max))]
            }
            Problem::PollOptions { min, max } => {
                vec![("min", Arg::count(*min)), ("max", Arg::count(*max))]
            }
            Problem::FileTooLarge { max_mb }
            | Problem::GroupFilesFull { max_mb }
            | Problem::FileLimitOutOfRange { max_mb } => vec![("max_mb", Arg::count(*max_mb))],
            // The rules' own words are English: the person is told only the outcome.
            Problem::RoleDoesNotAllow { .. } => Vec::new(),
            Problem::ChangeRefused { detail } => vec![("detail", Arg::Text(detail.clone()))],
            Problem::NameRequired
            | Problem::NameBeforeCreating
            | Problem::NameBeforeJoining
            | Problem::GroupNameRequired
            | Problem::PostEmpty
            | Problem::CommentEmpty
            | Problem::BadReaction
            | Problem::RemoveYourself
            | Problem::HandOverToYourself
            | Problem::HandOverToAdmin
            | Problem::OnlyOwnerHandsOver
            | Problem::NothingToChange
            | Problem::NotAMember
            | Problem::NotYours
            | Problem::OnlyAdminsCanUpgrade
            | Problem::OnlyAdminsCanPin
            | Problem::OnlyAdminsCanInvite
            | Problem::NotArrived
            | Problem::NeedsUpgrade
            | Problem::AlreadyNewest
            | Problem::PinHiddenPost
            | Problem::AlreadyPinned
            | Problem::NotPinned
            | Problem::PostNotFound
            | Problem::MemberNotFound
            | Problem::ItemNotFound
            | Problem::ReportNotFound
            | Problem::ReportUnreadable
            | Problem::DocumentNotEmpty
            | Problem::NotAnEditor
            | Problem::DocNotArrived
            | Problem::PositionPastEnd
            | Problem::BadLink
            | Problem::MarkdownNotText
            | Problem::DocNotFound
            | Problem::DocTitleRequired
            | Problem::OnlyStewards
            | Problem::EndBeforeStart
            | Problem::DateOutOfRange
            | Problem::EventNotFound
            | Problem::PollNotFound
            | Problem::TaskNotFound
            | Problem::ShiftNotFound
            | Problem::EventTitleRequired
            | Problem::NotAnOrganiser
            | Problem::EventCancelled
            | Problem::QuestionRequired
            | Problem::PollClosed
            | Problem::NoSuchOption
            | Problem::SingleChoice
            | Problem::NoNewOptions
            | Problem::OnlyCreatorOrAdmin
            | Problem::TaskTitleRequired
            | Problem::NotOnTask
            | Problem::ShiftFull
            | Problem::ShiftTitleRequired
            | Problem::FileEmpty
            | Problem::NotAFileType
            | Problem::NotAnImage
            | Problem::AttachmentNotFound => Vec::new(),
        }
    }

    /// Every problem, with each [`Field`] for [`Problem::TooLong`] and example values, for
    /// tests that check each has a message in every language.
    pub fn examples() -> impl Iterator<Item = Problem> {
        use strum::IntoEnumIterator;
        Problem::iter().flat_map(|p| -> Vec<Problem> {
            match p {
                Problem::TooLong { .. } => Field::iter()
                    .map(|field| Problem::TooLong { field, max: 100 })
                    .collect(),
                Problem::BadTag { .. } => vec![Problem::BadTag { max: 64 }],
                Problem::BadCapacity { .. } => vec![Problem::BadCapacity { max: 100_000 }],
                Problem::PollOptions { .. } => vec![Problem::PollOptions { min: 2, max: 20 }],
                Problem::DocTooLong { .. } => vec![Problem::DocTooLong { max: 2 << 20 }],
                Problem::MarkdownTooLarge { .. } => {
                    vec![Problem::MarkdownTooLarge { max: 8 << 20 }]
                }
                Problem::FileTooLarge { .. } => vec![Problem::FileTooLarge { max_mb: 25 }],
                Problem::GroupFilesFull { .. } => vec![Problem::GroupFilesFull { max_mb: 5000 }],
                Problem::FileLimitOutOfRange { .. } => {
                    vec![Problem::FileLimitOutOfRange { max_mb: 2000 }]
                }
                Problem::BadFileName { .. } => vec![Problem::BadFileName { max: 255 }],
                Problem::TooManyFiles { .. } => vec![Problem::TooManyFiles { max: 20 }],
                other => vec![other],
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_its_own_key() {
        let all: Vec<Problem> = Problem::examples().collect();
        let keys: std::collections::BTreeSet<&str> = all.iter().map(Problem::key).collect();
        assert_eq!(keys.len(), all.len());
        assert!(keys.iter().all(|k| k.starts_with("error-")));
    }

    #[test]
    fn a_limit_is_an_argument_not_part_of_the_key() {
        let p = Problem::TooLong {
            field: Field::DisplayName,
            max: 100,
        };
        assert_eq!(
            p.to_string(),
            "the display name is longer than 100 characters"
        );
        assert_eq!(p.key(), "error-too-long-display-name");
        assert_eq!(p.args(), vec![("max", Arg::Number(100))]);
    }
}
