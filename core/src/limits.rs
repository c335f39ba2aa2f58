//! How long each text a person writes may be, in characters (Unicode scalar values). Every
//! peer refuses a change that goes over (the collections' rules use these numbers); a window
//! uses them to count down as the person types, instead of refusing after the fact.

/// A display name (in a profile and in a group's member list).
pub const DISPLAY_NAME: usize = 100;
/// A profile's few words about oneself.
pub const BIO: usize = 1000;
/// A post's title.
pub const POST_TITLE: usize = 300;
/// A post's or a comment's text.
pub const POST_TEXT: usize = 20_000;
/// A reason kept with a removal or a hidden item.
pub const REASON: usize = 500;
/// A group's name.
pub const GROUP_NAME: usize = 100;
/// A group's mission.
pub const MISSION: usize = 5_000;
/// A group's region.
pub const REGION: usize = 100;
/// A free cause tag.
pub const TAG: usize = 64;
/// An event's place (an address) or an online link.
pub const PLACE: usize = 500;
/// A time zone's name (`Europe/Paris`).
pub const TIME_ZONE: usize = 64;
/// A poll's question.
pub const QUESTION: usize = 500;
/// One option of a poll.
pub const OPTION: usize = 200;
/// A task's notes.
pub const NOTES: usize = 5_000;
