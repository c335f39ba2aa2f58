//! What this node refused other devices, counted since it started, and warnings in the log
//! that a flood cannot multiply: at most one line per kind every [`LOG_EVERY`], which says how
//! many more of the kind came since the last one. An operator sees an attack (`causeway
//! status`, the periodic line of `causeway node`, the log) without the log filling the disk.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use causeway_core::DeviceId;
use tracing::warn;

/// The least time between two log lines of one kind.
pub const LOG_EVERY: Duration = Duration::from_secs(10);

/// A kind of refusal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    /// Changes a member sent that were refused (bad signature, not allowed, malformed...).
    Changes = 0,
    /// Sessions or checks asked by a device that is not a member of the group.
    Sessions = 1,
    /// Join requests refused (unknown, expired, used up or withdrawn invites, malformed).
    Joins = 2,
    /// Connections closed because their pool or their device held too many.
    Busy = 3,
    /// Sessions ended because the other side broke the protocol or its time limits.
    Broken = 4,
    /// Changes held, not judged: they need a newer Causeway (a collection of a schema
    /// version this build does not know). They are kept and passed on, not shown.
    Held = 5,
    /// Connections and requests for files by devices that are no members of a group that
    /// shows them.
    Files = 6,
}

const KINDS: usize = 7;

/// How many of each kind were refused since the node started.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct Refusals {
    /// Changes refused.
    pub changes: u64,
    /// Sessions refused to non-members.
    pub sessions: u64,
    /// Join requests refused.
    pub joins: u64,
    /// Connections closed as one too many.
    pub busy: u64,
    /// Sessions ended for breaking the protocol or its time limits.
    pub broken: u64,
    /// Changes held because they need a newer Causeway (kept and passed on, not shown).
    #[serde(default)]
    pub held: u64,
    /// Requests for files refused (not a member, or no group of theirs shows the file).
    #[serde(default)]
    pub files: u64,
}

impl Refusals {
    /// Everything refused, all kinds together (held changes are not refused: they are
    /// counted apart, in `held`).
    pub fn total(&self) -> u64 {
        self.changes + self.sessions + self.joins + self.busy + self.broken + self.files
    }
}

/// The node's counts, and when each kind was last logged.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    counts: [AtomicU64; KINDS],
    /// Per kind: when it was last logged, and how many came since without a line.
    logged: Mutex<[(Option<Instant>, u64); KINDS]>,
}

impl Tally {
    /// Counts `n` refusals of `kind` by `device`, and logs `what` happened unless a line of
    /// this kind was written less than [`LOG_EVERY`] ago.
    pub(crate) fn record(&self, kind: Refused, n: u64, device: DeviceId, what: &str) {
        self.record_from(kind, n, Some(device), what);
    }

    /// [`Tally::record`] for a refusal of a device that may not have said who it is.
    pub(crate) fn refuse(&self, kind: Refused, device: Option<DeviceId>) {
        self.record_from(
            kind,
            1,
            device,
            "a file asked for by a device that may not have it",
        );
    }

    fn record_from(&self, kind: Refused, n: u64, device: Option<DeviceId>, what: &str) {
        self.counts[kind as usize].fetch_add(n, Ordering::Relaxed);
        let since = {
            let mut logged = self
                .logged
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let (last, quiet) = &mut logged[kind as usize];
            let now = Instant::now();
            if last.is_some_and(|t| now.duration_since(t) < LOG_EVERY) {
                *quiet += n;
                return;
            }
            *last = Some(now);
            std::mem::take(quiet)
        };
        let total = self.counts[kind as usize].load(Ordering::Relaxed);
        warn!(
            kind = ?kind,
            device = %device.map(|d| d.fmt_short()).unwrap_or_default(),
            unlogged_since_last_line = since,
            total_since_start = total,
            "refused: {what}"
        );
    }

    /// The counts so far.
    pub(crate) fn counts(&self) -> Refusals {
        let c = |k: Refused| self.counts[k as usize].load(Ordering::Relaxed);
        Refusals {
            changes: c(Refused::Changes),
            sessions: c(Refused::Sessions),
            joins: c(Refused::Joins),
            busy: c(Refused::Busy),
            broken: c(Refused::Broken),
            held: c(Refused::Held),
            files: c(Refused::Files),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flood_is_counted_whole_but_logged_once_per_period() {
        let tally = Tally::default();
        let device = DeviceId::from_bytes([1; 32]);
        for _ in 0..1000 {
            tally.record(Refused::Sessions, 1, device, "not a member");
        }
        tally.record(Refused::Changes, 3, device, "bad signature");
        let counts = tally.counts();
        assert_eq!(
            (counts.sessions, counts.changes, counts.total()),
            (1000, 3, 1003)
        );
        let logged = tally.logged.lock().unwrap_or_else(|p| p.into_inner());
        // One line written; the 999 others wait to be mentioned in the next one.
        assert_eq!(logged[Refused::Sessions as usize].1, 999);
        assert_eq!(logged[Refused::Changes as usize].1, 0);
    }
}
