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
