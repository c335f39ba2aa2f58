//! What the app shows, built away from the UI thread and published as immutable snapshots.
//!
//! The app never reads a group's Automerge document itself: after every change to a group the
//! node rebuilds that group's [`GroupView`] on a blocking worker thread and publishes a new
//! [`Snapshot`] (the other groups' views are shared, not rebuilt). Reading the current snapshot
//! is one pointer copy under a short lock, so a frame costs the same for a group of ten posts and
//! one of a hundred thousand. Who is reachable changes more often than content; it lives in the
//! snapshot beside the group views and updating it rebuilds nothing. A device counts as
//! connected exactly while a connection to it is open, either way round: the node hears of
//! every connection that closes, and publishes the change at once.

use std::collections::HashMap;
use std::sync::Arc;

use causeway_core::{DeviceId, GroupId, Profile, Timestamp};

mod feed;
mod files;
mod group;
mod kit;

pub use feed::Feed;
pub use files::GroupFiles;
pub use group::{CommentView, GroupView, PostView, ReactionCount};
pub use kit::{Items, Kit};

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
    /// How this device reaches others, as saved in the settings: the node uses them from its
    /// next start (what it uses now is [`Snapshot::running`]).
    pub network: crate::address::NetworkSettings,
    /// How the running node reaches others now: the network mode it was started with and its
    /// home relay. It differs from [`Snapshot::network`] after the settings changed, until the
    /// node restarts, and when a command-line option chose the mode for this run.
    pub running: RunningNetwork,
    /// Where the data lives.
    pub data_dir: std::path::PathBuf,
    /// Increases with every publication.
    pub version: u64,
    /// Which files are here, and downloads under way.
    pub files: FilesHere,
    /// What downloads by itself, as the person chose.
    pub file_settings: crate::FileSettings,
    /// Who and what this person blocked and muted on this device.
    pub blocks: Arc<crate::Blocks>,
}

/// Which files this device holds, and what it is downloading.
#[derive(Clone, Debug, Default)]
pub struct FilesHere {
    /// Blobs all here, with their sizes.
    pub complete: Arc<HashMap<causeway_core::BlobHash, u64>>,
    /// Downloads under way: how far each has come.
    pub downloads: Arc<HashMap<causeway_core::BlobHash, crate::Progress>>,
    /// Blobs whose bytes were not what their reference says: never shown.
    pub refused: Arc<std::collections::HashSet<causeway_core::BlobHash>>,
}

impl FilesHere {
    /// Whether all of `hash` is here.
    pub fn has(&self, hash: causeway_core::BlobHash) -> bool {
        self.complete.contains_key(&hash)
    }

    /// Whether `file` is here as its reference says (its bytes, of its size).
    pub fn holds(&self, file: &causeway_core::view::FileRef) -> bool {
        self.complete.get(&file.hash) == Some(&file.size)
    }

    /// Whether `file` is here, but of another size than its reference says: the reference
    /// lies, and the file is not shown.
    pub fn lies(&self, file: &causeway_core::view::FileRef) -> bool {
        self.complete
            .get(&file.hash)
            .is_some_and(|s| *s != file.size)
            || self.refused.contains(&file.hash)
    }
}

impl Snapshot {
    /// One group's view.
    pub fn group(&self, id: GroupId) -> Option<&Arc<GroupView>> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// How another device is doing, as of this snapshot.
    pub fn reach(&self, who: DeviceId) -> Reach {
        if Some(who) == self.me {
            return Reach::ThisDevice;
        }
        self.peers
            .get(&who)
            .map_or(Reach::Unknown, PeerStatus::reach)
    }

    /// How many of a group's other members have a connection open to this device now.
    pub fn connected_members(&self, group: &GroupView) -> usize {
        group
            .members
            .iter()
            .filter(|m| m.role.is_some())
            .filter(|m| matches!(self.reach(m.id), Reach::Connected { .. }))
            .count()
    }
}

/// How the running node reaches others, as opposed to the saved settings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RunningNetwork {
    /// The network mode the node was started with: loopback, or the internet with its relay
    /// setting and whether it looks for members on the local network. `None` only in a
    /// snapshot made without a node.
    pub mode: Option<crate::address::Network>,
    /// The relays the endpoint calls home (where other devices reach it when no direct path
    /// works; in practice one), and whether it is connected to each now. Empty when the mode
    /// has no relay, and while the endpoint has not picked one yet. Kept current in the
    /// background: a relay that drops or comes back is published at once.
    pub home_relays: Vec<HomeRelay>,
}

impl RunningNetwork {
    /// The home relay the endpoint is connected to now, if any.
    pub fn connected_relay(&self) -> Option<&HomeRelay> {
        self.home_relays.iter().find(|r| r.connected)
    }
}

/// One home relay of the running endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HomeRelay {
    /// The relay's URL.
    pub url: String,
    /// Whether the endpoint is connected to it now.
    pub connected: bool,
}

/// What this device knows about reaching another one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PeerStatus {
    /// Connections open to it now, either way round (the one this device dialed, the one it
    /// accepted from it).
    pub connections: usize,
    /// Whether the connection that opened, or carried a session, last goes through a relay.
    pub relayed: bool,
    /// When it was last seen: a connection to it opened, carried a session that worked, or
    /// closed (for a connection that went silent, when it was last heard).
    pub last_ok: Option<Timestamp>,
    /// Since when attempts to reach it fail (cleared by the next success).
    pub failing_since: Option<Timestamp>,
}

impl PeerStatus {
    /// Its state: connected while a connection is open, whatever the attempts to open
    /// another one did; otherwise unreachable since the first failure after the last time it
    /// was seen, or last seen then.
    pub fn reach(&self) -> Reach {
        match (self.connections, self.last_ok, self.failing_since) {
            (1.., _, _) => Reach::Connected {
                relayed: self.relayed,
            },
            (0, last_seen, Some(since)) => Reach::Unreachable { since, last_seen },
            (0, Some(at), None) => Reach::SeenAt(at),
            (0, None, None) => Reach::Unknown,
        }
    }
}

/// A device's state, for the members list and the sync details.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// This very device.
    ThisDevice,
    /// A connection to it is open now.
    Connected {
        /// Through a relay rather than directly.
        relayed: bool,
    },
    /// No connection is open; it was last seen then, and no attempt failed since.
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
    fn a_peer_is_connected_exactly_while_a_connection_is_open_then_seen_or_unreachable() {
        let seen = Timestamp(1_000_000);
        let open = PeerStatus {
            connections: 1,
            relayed: true,
            last_ok: Some(seen),
            failing_since: None,
        };
        assert_eq!(open.reach(), Reach::Connected { relayed: true });
        // An open connection is the truth, however long ago its last session was, and whatever
        // a dial that tried to open another one met.
        let failing_beside = PeerStatus {
            failing_since: Some(Timestamp(seen.0 + 5)),
            ..open
        };
        assert_eq!(failing_beside.reach(), Reach::Connected { relayed: true });
        // Its last connection closed: last seen then, at once (no grace period).
        let closed = PeerStatus {
            connections: 0,
            ..open
        };
        assert_eq!(closed.reach(), Reach::SeenAt(seen));
        // Attempts to reach it since fail.
        let failing = PeerStatus {
            failing_since: Some(Timestamp(seen.0 + 5)),
            ..closed
        };
        assert_eq!(
            failing.reach(),
            Reach::Unreachable {
                since: Timestamp(seen.0 + 5),
                last_seen: Some(seen)
            }
        );
        let never = PeerStatus {
            failing_since: Some(seen),
            ..PeerStatus::default()
        };
        assert_eq!(
            never.reach(),
            Reach::Unreachable {
                since: seen,
                last_seen: None
            }
        );
        assert_eq!(PeerStatus::default().reach(), Reach::Unknown);
    }

    #[test]
    fn a_snapshot_counts_only_members_with_an_open_connection_as_connected() {
        let me = DeviceId::from_bytes([1; 32]);
        let (here, gone) = (DeviceId::from_bytes([2; 32]), DeviceId::from_bytes([3; 32]));
        let mut group = GroupView::empty(GroupId::from_bytes([9; 32]));
        for id in [me, here, gone] {
            group.members.push(causeway_core::view::Member {
                id,
                name: String::new(),
                role: Some(causeway_core::Role::Member),
                added_by: Some(me),
                added_at: Timestamp(1),
                removed: None,
                bio: String::new(),
                languages: Vec::new(),
            });
        }
        let s = Snapshot {
            me: Some(me),
            peers: HashMap::from([
                (
                    here,
                    PeerStatus {
                        connections: 2,
                        ..PeerStatus::default()
                    },
                ),
                (
                    gone,
                    PeerStatus {
                        last_ok: Some(Timestamp(5)),
                        ..PeerStatus::default()
                    },
                ),
            ]),
            ..Snapshot::default()
        };
        assert_eq!(s.reach(me), Reach::ThisDevice);
        assert_eq!(s.reach(here), Reach::Connected { relayed: false });
        assert_eq!(s.reach(gone), Reach::SeenAt(Timestamp(5)));
        assert_eq!(s.connected_members(&group), 1);
    }
}

#[cfg(test)]
mod follow_tests;
