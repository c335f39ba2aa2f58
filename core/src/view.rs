//! Read-only views of a group, as the app and the command line show them. Each is defined by
//! its collection (`crate::collections`); they are gathered here for the crates that show them.

pub use crate::collections::comments::{Comment, oldest_first};
pub use crate::collections::items::Hidden;
pub use crate::collections::members::{Member, Removal};
pub use crate::collections::meta::GroupInfo;
pub use crate::collections::pinned::Pin;
pub use crate::collections::posts::{Post, newest_first};
