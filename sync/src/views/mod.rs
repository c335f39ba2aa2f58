//! What the app shows, built away from the UI thread and published as immutable snapshots.
//!
//! The app never reads a group's Automerge document itself: after every change to a group the
//! node rebuilds that group's [`GroupView`] on a blocking worker thread and publishes a new
//! [`Snapshot`] (the other groups' views are shared, not rebuilt). Reading the current snapshot
//! is one pointer copy under a short lock, so a frame costs the same for a group of ten posts and
//! one of a hundred thousand. Who is reachable changes more often than content; it lives in the
//! snapshot beside the group views and updating it rebuilds nothing.

use std::collections::HashMap;
use std::sync::Arc;

use causeway_core::{DeviceId, GroupId, Profile, Timestamp};

mod feed;
mod group;

pub use feed::Feed;
pub use group::{CommentView, GroupView, PostView, ReactionCount};

/// How long after a successful session a device still counts as connected. Background rounds
/// run every 30 s, so a reachable member is confirmed well within this.
pub const CONNECTED_FOR_MS: i64 = 90_000;

/// Everything the app draws, at one moment.
#[derive(Clone, Debug, Default)]
pub struct Snapshot {
    /// This device.
    pub me: Option<DeviceId>,
    /// This person's profile.
    pub profile: Profile,
    /// Problems found when opening the data folder.
    pub warnings: Vec<crate::Warning>,
    /// My groups, by name.
    pub groups: Vec<Arc<GroupView>>,
    /// What this device knows about reaching other devices.
    pub peers: HashMap<DeviceId, PeerStatus>,
    /// Sync activity per group.
    pub activity: HashMap<GroupId, GroupActivity>,
    /// How this device reaches others (from the next start).
    pub network: crate::address::NetworkSettings,
    /// Where the data lives.
    pub data_dir: std::path::PathBuf,
    /// Increases with every publication.
    pub version: u64,
}

impl Snapshot {
    /// One group's view.
    pub fn group(&self, id: GroupId) -> Option<&Arc<GroupView>> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// How another device is doing, as of `now`.
    pub fn reach(&self, who: DeviceId, now: Timestamp) -> Reach {
        if Some(who) == self.me {
            return Reach::ThisDevice;
        }
        self.peers
            .get(&who)
            .map_or(Reach::Unknown, |p| p.reach(now))
    }

    /// How many of a group's other members are connected now.
    pub fn connected_members(&self, group: &GroupView, now: Timestamp) -> usize {
        group
            .members
            .iter()
            .filter(|m| m.role.is_some())
            .filter(|m| matches!(self.reach(m.id, now), Reach::Connected { .. }))
            .count()
    }
}

/// What this device knows about reaching another one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PeerStatus {
    /// The last session that worked, either way round.
    pub last_ok: Option<Timestamp>,
    /// Whether that session went through a relay.
    pub relayed: bool,
    /// Since when attempts to reach it fail (cleared by the next success).
    pub failing_since: Option<Timestamp>,
}

impl PeerStatus {
    /// Its state as of `now`.
    pub fn reach(&self, now: Timestamp) -> Reach {
        match (self.last_ok, self.failing_since) {
            (_, Some(since)) => Reach::Unreachable {
                since,
                last_seen: self.last_ok,
            },
            (Some(at), None) if now.0 - at.0 <= CONNECTED_FOR_MS => Reach::Connected {
                relayed: self.relayed,
            },
            (Some(at), None) => Reach::SeenAt(at),
            (None, None) => Reach::Unknown,
        }
    }
}

/// A device's state, for the members list and the sync details.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// This very device.
    ThisDevice,
    /// A session worked moments ago.
    Connected {
        /// Through a relay rather than directly.
        relayed: bool,
    },
    /// Last seen then; not tried since.
    SeenAt(Timestamp),
    /// Attempts fail since `since`.
    Unreachable {
        /// The first failure after the last success.
        since: Timestamp,
        /// The last success, if any.
        last_seen: Option<Timestamp>,
    },
    /// Never reached from this device yet.
    Unknown,
}

/// Sync activity for one group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GroupActivity {
    /// When a session for this group last completed.
    pub last_sync: Option<Timestamp>,
    /// Sessions running now.
    pub running: usize,
    /// A large transfer under way: changes received so far, of how many.
    pub receiving: Option<(usize, usize)>,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn a_peer_counts_as_connected_shortly_after_a_session_and_unreachable_after_a_failure() {
        let ok_at = Timestamp(1_000_000);
        let p = PeerStatus {
            last_ok: Some(ok_at),
            relayed: true,
            failing_since: None,
        };
        assert_eq!(
            p.reach(Timestamp(ok_at.0 + 1_000)),
            Reach::Connected { relayed: true }
        );
        assert_eq!(
            p.reach(Timestamp(ok_at.0 + CONNECTED_FOR_MS + 1)),
            Reach::SeenAt(ok_at)
        );
        let failing = PeerStatus {
            failing_since: Some(Timestamp(ok_at.0 + 5)),
            ..p
        };
        assert_eq!(
            failing.reach(Timestamp(ok_at.0 + 10)),
            Reach::Unreachable {
                since: Timestamp(ok_at.0 + 5),
                last_seen: Some(ok_at)
            }
        );
        assert_eq!(PeerStatus::default().reach(ok_at), Reach::Unknown);
    }
}

#[cfg(test)]
mod follow_tests;
