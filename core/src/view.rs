//! Read-only views of a group, as the app and the command line show them. Each is defined by
//! its collection (`crate::collections`); they are gathered here for the crates that show them.

pub use crate::collections::attachments::{
    AttachedTo, Attachment, FileLimits, FileRef, INLINE_MEDIA, ImageInfo, MAX_FILES, MAX_NAME, MB,
    is_inline,
};
pub use crate::collections::comments::{Comment, oldest_first};
pub use crate::collections::events::{
    Answer, Event, EventDraft, MAX_CAPACITY, Rsvp, soonest_first,
};
pub use crate::collections::items::Hidden;
pub use crate::collections::members::{Member, Removal};
pub use crate::collections::meta::GroupInfo;
pub use crate::collections::modlog::{ModAction, ModEntry, ModTarget};
pub use crate::collections::pinned::Pin;
pub use crate::collections::polls::{MAX_OPTIONS, MIN_OPTIONS, Poll, PollDraft, PollOption};
pub use crate::collections::posts::{Post, newest_first};
pub use crate::collections::reports::{
    Category, MAX_WORDS as MAX_REPORT_WORDS, ReportContent, ReportTarget,
};
pub use crate::collections::shifts::{MAX_PLACES, Shift, ShiftDraft};
pub use crate::collections::tasks::{Status, Task, TaskDraft, task_order};
pub use crate::collections::when::When;
pub use crate::group::files::newest;
pub use crate::group::reports::{QueuedReport, Verdict};
