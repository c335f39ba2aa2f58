//! What other devices may take of this node at once: connections, streams, and memory for
//! the frames being read. Honest devices stay far below these limits; a broken or hostile
//! one meets them, and the others are still served.
//!
//! - QUIC itself caps the streams open at once on a connection and the bytes it buffers for
//!   the application ([`transport`]).
//! - A device may hold [`MAX_CONNECTIONS_PER_DEVICE`] connections to this one. Connections
//!   come in three pools, so that no one kind of caller can keep another out:
//!   - group sync from the devices of members of this device's groups: [`MAX_CONNECTIONS`];
//!   - group sync from everyone else (strangers): [`MAX_STRANGER_CONNECTIONS`]. A stranger is
//!     refused whatever it asks, so its connection carries one stream, is closed once that
//!     stream was answered, and lasts at most [`STRANGER_WITHIN`];
//!   - joining: [`MAX_JOIN_CONNECTIONS`]. A join connection must present its request within
//!     [`JOIN_WITHIN`]. When the pool is full, a new connection takes the place of the oldest
//!     one that has not presented a valid invite (it is idle, or was refused and has not gone
//!     yet): a flood of fresh keys cannot keep an invitee out.
//!
//!   Past that, new connections are closed at once with code 429.
//! - Every frame read from another device is counted, from its length header on and for as
//!   long as its contents are kept, against that device's share ([`BUFFERED_PER_DEVICE`]) and
//!   against the total ([`BUFFERED_TOTAL`]). A frame that carries changes also counts
//!   [`PER_CHANGE`] for each of them, for what judging them holds besides their bytes. A frame
//!   that would go over waits for room, at most as long as the protocol waits for a frame,
//!   then its session fails as "busy".

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::Duration;

use causeway_core::DeviceId;
use iroh::endpoint::{QuicTransportConfig, VarInt};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::group_sync::wire::{MAX_FRAME, MAX_SESSION_BYTES, WireError};

/// Group sync connections the devices of members of this device's groups may hold to it
/// together.
pub const MAX_CONNECTIONS: usize = 128;
/// Group sync connections all other devices together may hold to this one.
pub const MAX_STRANGER_CONNECTIONS: usize = 32;
/// Join connections all devices together may hold to this one.
pub const MAX_JOIN_CONNECTIONS: usize = 16;
/// How long a stranger's group sync connection lasts at most: time to open its one stream,
/// send its first frame (at most 64 KiB) and read the refusal.
pub const STRANGER_WITHIN: Duration = Duration::from_secs(10);
/// How long a join connection may take to present its request (at most 305 bytes).
pub const JOIN_WITHIN: Duration = Duration::from_secs(10);
/// How long, after answering a stranger or a joiner, this device waits for it to close the
/// connection (it closes as soon as it has read the answer) before closing it itself.
pub const CLOSE_WITHIN: Duration = Duration::from_secs(5);
/// What judging a change holds besides its bytes (its decoded form, its place in the batch),
/// counted against the sender's share with each change a frame carries. Measured on 20,000
/// posts of 350 bytes each (release build): decoded, each takes 557 bytes of resident memory
/// more than before, its bytes included; judging adds a few dozen bytes per change. Rounded
/// up, so that a batch of small changes cannot hold more than its share says.
pub const PER_CHANGE: usize = 1024;
/// Connections one device may hold to this one (a device keeps one; more come from restarts
/// and from the join protocol).
pub const MAX_CONNECTIONS_PER_DEVICE: usize = 4;
/// Streams another device may have open at once on one connection.
pub const MAX_STREAMS_PER_CONNECTION: u32 = 32;
/// Bytes QUIC buffers, per connection, for streams the application has not read yet.
pub const CONNECTION_WINDOW: u32 = 4 << 20;
/// Bytes of frames from one device held at once: one full session and two frames more.
pub const BUFFERED_PER_DEVICE: usize = MAX_SESSION_BYTES + 2 * MAX_FRAME;
/// Bytes of frames from all devices held at once.
pub const BUFFERED_TOTAL: usize = 2 * BUFFERED_PER_DEVICE;

/// How long a connection may go without a packet from the other side before it counts as
/// gone. Connections to members' devices stay open while both run, so this is how soon a
/// device that vanished without a word (power cut, network gone, process killed) shows as no
/// longer connected. Both sides send a keep-alive after [`KEEP_ALIVE`] of quiet, so a
/// connection between devices that run is never idle this long.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a connection may be quiet before this side sends a keep-alive: three of them
/// fit in [`IDLE_TIMEOUT`], so one lost datagram does not end a connection. A device that
/// vanished shows as gone between [`IDLE_TIMEOUT`] and that plus this after it was last heard
/// (the idle timer starts again with the first keep-alive sent after the last packet heard).
pub const KEEP_ALIVE: Duration = Duration::from_secs(3);

/// The code a connection is closed with when it is one too many.
pub(crate) const CLOSE_BUSY: VarInt = VarInt::from_u32(429);
/// The code a connection is closed with when its business is done (a stranger refused, a
/// joiner answered) or its time is over.
pub(crate) const CLOSE_DONE: VarInt = VarInt::from_u32(0);

/// The QUIC settings every Causeway endpoint uses: no unidirectional streams (no protocol
/// uses them), a cap on bidirectional ones, a bounded receive window per connection, and
/// keep-alives with a short idle timeout ([`IDLE_TIMEOUT`], [`KEEP_ALIVE`]).
pub(crate) fn transport() -> QuicTransportConfig {
    // Milliseconds, as QUIC carries the idle timeout; 10,000 fits a VarInt by far.
    let idle = VarInt::from_u32(u32::try_from(IDLE_TIMEOUT.as_millis()).unwrap_or(u32::MAX));
    QuicTransportConfig::builder()
        .max_concurrent_bidi_streams(VarInt::from_u32(MAX_STREAMS_PER_CONNECTION))
        .max_concurrent_uni_streams(VarInt::from_u32(0))
        .receive_window(VarInt::from_u32(CONNECTION_WINDOW))
        .keep_alive_interval(KEEP_ALIVE)
        .max_idle_timeout(Some(idle.into()))
        .build()
}

/// Counts connections and buffered bytes per device. One per node.
#[derive(Debug)]
pub(crate) struct Gate {
    devices: Mutex<HashMap<DeviceId, Device>>,
    /// Connections held, per pool ([`Caller`]). Changed only under the `devices` lock.
    connections: [AtomicUsize; 3],
    /// Join connections in the order they came, which a newcomer may replace.
    joining: Mutex<VecDeque<Weak<Slot>>>,
    total: Arc<Semaphore>,
    per_device: usize,
    /// Connections each pool may hold.
    max_connections: [usize; 3],
    max_per_device: usize,
}

/// Which pool of connections a device draws from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Caller {
    /// Group sync from a member of one of this device's groups (or a device it joins through).
    Member = 0,
    /// Group sync from anyone else.
    Stranger = 1,
    /// The join protocol, from anyone.
    Joiner = 2,
}

/// The place of one join connection in its pool: another may take it until it presents a
/// valid invite.
#[derive(Debug, Default)]
pub(crate) struct Slot {
    /// Set while the connection holds a valid invite: it is not replaced then.
    valid: AtomicBool,
    /// Set when another connection took its place.
    replaced: AtomicBool,
    wake: tokio::sync::Notify,
}

impl Slot {
    /// Marks the connection as presenting a valid invite (or, `false`, as done with it).
    pub(crate) fn hold_valid(&self, valid: bool) {
        self.valid.store(valid, Ordering::Release);
    }

    /// Resolves when another connection took this one's place: close it then.
    pub(crate) async fn replaced(&self) {
        loop {
            let woken = self.wake.notified();
            tokio::pin!(woken);
            // Registered before the flag is read, so a replacement in between still wakes it.
            woken.as_mut().enable();
            if self.replaced.load(Ordering::Acquire) {
                return;
            }
            woken.await;
        }
    }

    fn replaceable(&self) -> bool {
        !self.valid.load(Ordering::Acquire) && !self.replaced.load(Ordering::Acquire)
    }
}

#[derive(Debug)]
struct Device {
    connections: usize,
    budget: Arc<Semaphore>,
}

impl Default for Gate {
    fn default() -> Self {
        Self::with_limits(
            [
                MAX_CONNECTIONS,
                MAX_STRANGER_CONNECTIONS,
                MAX_JOIN_CONNECTIONS,
            ],
            MAX_CONNECTIONS_PER_DEVICE,
            BUFFERED_PER_DEVICE,
            BUFFERED_TOTAL,
        )
    }
}

impl Gate {
    /// A gate with other limits (tests).
    pub(crate) fn with_limits(
        max_connections: [usize; 3],
        max_per_device: usize,
        per_device: usize,
        total: usize,
    ) -> Self {
        Self {
            devices: Mutex::new(HashMap::new()),
            connections: Default::default(),
            joining: Mutex::new(VecDeque::new()),
            total: Arc::new(Semaphore::new(total)),
            per_device,
            max_connections,
            max_per_device,
        }
    }

    fn devices(&self) -> MutexGuard<'_, HashMap<DeviceId, Device>> {
        // The map holds counts only: a panic elsewhere cannot leave it half-changed.
        self.devices
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn held(&self, pool: Caller) -> usize {
        self.connections[pool as usize].load(Ordering::Relaxed)
    }

    fn joining(&self) -> MutexGuard<'_, VecDeque<Weak<Slot>>> {
        // A queue of weak pointers: a panic elsewhere cannot leave it half-changed.
        self.joining
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether every pool is full and no join connection could be replaced (checked before a
    /// handshake, where the caller is not known yet, to refuse cheaply).
    pub(crate) fn full(&self) -> bool {
        let pools_full = [Caller::Member, Caller::Stranger, Caller::Joiner]
            .iter()
            .all(|&p| self.held(p) >= self.max_connections[p as usize]);
        pools_full
            && !self
                .joining()
                .iter()
                .any(|w| w.upgrade().is_some_and(|s| s.replaceable()))
    }

    /// Lets a connection from `device` in, or `None` when it or its pool holds too many. A
    /// join connection may take the place of the oldest one that holds no valid invite.
    pub(crate) fn admit(self: &Arc<Self>, device: DeviceId, pool: Caller) -> Option<Admitted> {
        let mut devices = self.devices();
        if devices
            .get(&device)
            .is_some_and(|d| d.connections >= self.max_per_device)
        {
            return None;
        }
        if self.held(pool) >= self.max_connections[pool as usize] {
            if pool != Caller::Joiner {
                return None;
            }
            let mut joining = self.joining();
            joining.retain(|w| w.strong_count() > 0);
            let oldest = joining
                .iter()
                .position(|w| w.upgrade().is_some_and(|s| s.replaceable()))?;
            if let Some(slot) = joining.remove(oldest).and_then(|w| w.upgrade()) {
                // Its place is given up now (under the devices lock, as its drop would).
                slot.replaced.store(true, Ordering::Release);
                slot.wake.notify_waiters();
                self.connections[pool as usize].fetch_sub(1, Ordering::Relaxed);
            }
        }
        if devices.len() > 4 * self.max_connections.iter().sum::<usize>() {
            // Shares outlived by what was read with them: drop those no one holds.
            devices.retain(|_, d| d.connections > 0 || Arc::strong_count(&d.budget) > 1);
        }
        let entry = devices.entry(device).or_insert_with(|| Device {
            connections: 0,
            budget: Arc::new(Semaphore::new(self.per_device)),
        });
        entry.connections += 1;
        self.connections[pool as usize].fetch_add(1, Ordering::Relaxed);
        let budget = entry.budget.clone();
        let slot = (pool == Caller::Joiner).then(|| {
            let slot = Arc::new(Slot::default());
            self.joining().push_back(Arc::downgrade(&slot));
            slot
        });
        drop(devices);
        Some(Admitted {
            pool,
            slot,
            budget: Budget {
                gate: self.clone(),
                device,
                own: budget,
            },
        })
    }

    /// `device`'s share of memory, for reading from a connection this device opened.
    pub(crate) fn budget(self: &Arc<Self>, device: DeviceId) -> Budget {
        let own = self
            .devices()
            .entry(device)
            .or_insert_with(|| Device {
                connections: 0,
                budget: Arc::new(Semaphore::new(self.per_device)),
            })
            .budget
            .clone();
        Budget {
            gate: self.clone(),
            device,
            own,
        }
    }

    /// Connections held now, and devices with a share in use (tests, logs).
    pub(crate) fn in_use(&self) -> (usize, usize) {
        let held = self.connections();
        (held.iter().sum(), self.devices().len())
    }

    /// Connections held now per pool: members', strangers', joiners'.
    pub(crate) fn connections(&self) -> [usize; 3] {
        [Caller::Member, Caller::Stranger, Caller::Joiner].map(|p| self.held(p))
    }
}

/// A device's share of memory, while someone reads from it.
#[derive(Debug)]
pub(crate) struct Budget {
    gate: Arc<Gate>,
    device: DeviceId,
    own: Arc<Semaphore>,
}

impl Budget {
    /// Holds `bytes` of the device's share and of the total, waiting at most `within` for
    /// room.
    pub(crate) async fn reserve(&self, bytes: usize, within: Duration) -> Result<Held, WireError> {
        let n = u32::try_from(bytes).map_err(|_| WireError::TooLarge("frame"))?;
        let take = async {
            let own = self.own.clone().acquire_many_owned(n).await;
            let total = self.gate.total.clone().acquire_many_owned(n).await;
            own.and_then(|own| total.map(|total| (own, total)))
        };
        match tokio::time::timeout(within, take).await {
            Ok(Ok((own, total))) => Ok(Held(Some((own, total)))),
            // The semaphores are never closed.
            Ok(Err(_)) | Err(_) => Err(WireError::Busy),
        }
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        let mut devices = self.gate.devices();
        // Forget the device when nothing holds its share any more (the map's copy and this).
        if let Some(d) = devices.get(&self.device)
            && d.connections == 0
            && Arc::strong_count(&d.budget) <= 2
        {
            devices.remove(&self.device);
        }
    }
}

/// A connection let in; gives its slot back when dropped.
#[derive(Debug)]
pub(crate) struct Admitted {
    pool: Caller,
    /// A join connection's place, which another may take.
    slot: Option<Arc<Slot>>,
    budget: Budget,
}

impl Admitted {
    /// Which pool the connection came in through.
    pub(crate) fn pool(&self) -> Caller {
        self.pool
    }

    /// A join connection's place in its pool.
    pub(crate) fn slot(&self) -> Option<&Arc<Slot>> {
        self.slot.as_ref()
    }

    /// The connecting device's share of memory.
    pub(crate) fn budget(&self) -> &Budget {
        &self.budget
    }
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut devices = self.budget.gate.devices();
        // A replaced connection's place was given up when it was replaced.
        if !self
            .slot
            .as_ref()
            .is_some_and(|s| s.replaced.load(Ordering::Acquire))
        {
            self.budget.gate.connections[self.pool as usize].fetch_sub(1, Ordering::Relaxed);
        }
        if let Some(d) = devices.get_mut(&self.budget.device) {
            d.connections = d.connections.saturating_sub(1);
        }
        // `budget` drops after this and forgets the device if nothing else uses it.
    }
}

/// Bytes held for frames read; given back when dropped.
#[derive(Debug, Default)]
pub(crate) struct Held(Option<(OwnedSemaphorePermit, OwnedSemaphorePermit)>);

impl Held {
    /// Adds what `other` holds to this.
    pub(crate) fn merge(&mut self, other: Held) {
        match (&mut self.0, other.0) {
            (Some((own, total)), Some((o, t))) => {
                own.merge(o);
                total.merge(t);
            }
            (slot @ None, other) => *slot = other,
            (Some(_), None) => {}
        }
    }

    /// Bytes held.
    #[cfg(test)]
    pub(crate) fn bytes(&self) -> usize {
        self.0.as_ref().map_or(0, |(own, _)| own.num_permits())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn device(n: u8) -> DeviceId {
        DeviceId::from_bytes([n; 32])
    }

    use Caller::{Joiner, Member, Stranger};

    #[test]
    fn connections_are_capped_per_device_and_per_pool() {
        let gate = Arc::new(Gate::with_limits([3, 2, 0], 2, 100, 1000));
        let a1 = gate.admit(device(1), Member).unwrap();
        let _a2 = gate.admit(device(1), Member).unwrap();
        assert!(
            gate.admit(device(1), Member).is_none(),
            "a third from the same device"
        );
        let _b = gate.admit(device(2), Member).unwrap();
        assert!(
            gate.admit(device(3), Member).is_none(),
            "over the members' total"
        );
        assert!(!gate.full(), "strangers still have room");
        let strangers: Vec<_> = (10..12)
            .map(|n| gate.admit(device(n), Stranger).unwrap())
            .collect();
        assert!(
            gate.admit(device(12), Stranger).is_none(),
            "over the strangers' total"
        );
        assert!(gate.full());
        drop(a1);
        assert!(!gate.full());
        assert!(
            gate.admit(device(12), Stranger).is_none(),
            "a member's slot is not a stranger's"
        );
        assert!(
            gate.admit(device(3), Member).is_some(),
            "a slot was given back"
        );
        drop(strangers);
    }

    #[test]
    fn a_device_is_forgotten_when_nothing_of_it_is_held() {
        let gate = Arc::new(Gate::with_limits([3, 3, 3], 2, 100, 1000));
        let a = gate.admit(device(1), Member).unwrap();
        let b = gate.budget(device(1));
        drop(a);
        assert_eq!(gate.in_use(), (0, 1), "a reader still holds its share");
        drop(b);
        assert_eq!(gate.in_use(), (0, 0));
    }

    #[tokio::test(start_paused = true)]
    async fn a_device_cannot_take_more_than_its_share_and_others_still_get_room() {
        let gate = Arc::new(Gate::with_limits([8, 8, 8], 4, 100, 150));
        let greedy = gate.budget(device(1));
        let mut held = greedy.reserve(60, Duration::from_secs(1)).await.unwrap();
        held.merge(greedy.reserve(40, Duration::from_secs(1)).await.unwrap());
        assert_eq!(held.bytes(), 100);
        assert!(matches!(
            greedy.reserve(1, Duration::from_secs(1)).await,
            Err(WireError::Busy)
        ));
        let honest = gate.budget(device(2));
        let h = honest.reserve(50, Duration::from_secs(1)).await.unwrap();
        assert!(
            matches!(
                honest.reserve(1, Duration::from_secs(1)).await,
                Err(WireError::Busy)
            ),
            "the total is spent"
        );
        drop(held);
        assert!(honest.reserve(50, Duration::from_secs(1)).await.is_ok());
        drop(h);
    }

    #[tokio::test(start_paused = true)]
    async fn a_reservation_waits_for_room_to_be_given_back() {
        let gate = Arc::new(Gate::with_limits([8, 8, 8], 4, 100, 100));
        let b = gate.budget(device(1));
        let held = b.reserve(100, Duration::from_secs(1)).await.unwrap();
        let waiting = tokio::spawn({
            let gate = gate.clone();
            async move {
                gate.budget(device(1))
                    .reserve(10, Duration::from_secs(5))
                    .await
                    .map(|h| h.bytes())
            }
        });
        tokio::task::yield_now().await;
        drop(held);
        assert_eq!(waiting.await.unwrap().unwrap(), 10);
    }

    #[tokio::test]
    async fn a_joiner_takes_the_place_of_the_oldest_one_without_a_valid_invite() {
        let gate = Arc::new(Gate::with_limits([0, 0, 2], 4, 100, 1000));
        let idle = gate.admit(device(1), Joiner).unwrap();
        let valid = gate.admit(device(2), Joiner).unwrap();
        valid.slot().unwrap().hold_valid(true);
        assert!(!gate.full(), "the idle one can be replaced");
        let newcomer = gate.admit(device(3), Joiner).unwrap();
        // The idle one is told to go, and its place is the newcomer's.
        tokio::time::timeout(Duration::from_secs(1), idle.slot().unwrap().replaced())
            .await
            .unwrap();
        assert_eq!(gate.connections(), [0, 0, 2]);
        drop(idle);
        assert_eq!(
            gate.connections(),
            [0, 0, 2],
            "its place was already given up"
        );
        newcomer.slot().unwrap().hold_valid(true);
        assert!(gate.full(), "both hold valid invites");
        assert!(gate.admit(device(4), Joiner).is_none());
        // A joiner refused after all can be replaced again.
        newcomer.slot().unwrap().hold_valid(false);
        assert!(gate.admit(device(4), Joiner).is_some());
        drop(valid);
    }
}
