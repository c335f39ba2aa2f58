//! What other devices may take of this node at once: connections, streams, and memory for
//! the frames being read. Honest devices stay far below these limits; a broken or hostile
//! one meets them, and the others are still served.
//!
//! - QUIC itself caps the streams open at once on a connection and the bytes it buffers for
//!   the application ([`transport`]).
//! - A device may hold [`MAX_CONNECTIONS_PER_DEVICE`] connections to this one. The devices of
//!   members of this device's groups may hold [`MAX_CONNECTIONS`] together, and all others
//!   (strangers, people joining) [`MAX_STRANGER_CONNECTIONS`] apart from those: a flood from
//!   fresh keys does not keep members out. Past that, new ones are closed at once.
//! - Every frame read from another device is counted, from its length header on and for as
//!   long as its contents are kept, against that device's share ([`BUFFERED_PER_DEVICE`]) and
//!   against the total ([`BUFFERED_TOTAL`]). A frame that would go over waits for room, at
//!   most as long as the protocol waits for a frame, then its session fails as "busy".

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use causeway_core::DeviceId;
use iroh::endpoint::{QuicTransportConfig, VarInt};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::group_sync::wire::{MAX_FRAME, MAX_SESSION_BYTES, WireError};

/// Connections the devices of members of this device's groups may hold to it together.
pub const MAX_CONNECTIONS: usize = 128;
/// Connections all other devices together may hold to this one.
pub const MAX_STRANGER_CONNECTIONS: usize = 32;
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

/// The code a connection is closed with when it is one too many.
pub(crate) const CLOSE_BUSY: VarInt = VarInt::from_u32(429);

/// The QUIC settings every Causeway endpoint uses: no unidirectional streams (no protocol
/// uses them), a cap on bidirectional ones, and a bounded receive window per connection.
pub(crate) fn transport() -> QuicTransportConfig {
    QuicTransportConfig::builder()
        .max_concurrent_bidi_streams(VarInt::from_u32(MAX_STREAMS_PER_CONNECTION))
        .max_concurrent_uni_streams(VarInt::from_u32(0))
        .receive_window(VarInt::from_u32(CONNECTION_WINDOW))
        .build()
}

/// Counts connections and buffered bytes per device. One per node.
#[derive(Debug)]
pub(crate) struct Gate {
    devices: Mutex<HashMap<DeviceId, Device>>,
    /// Connections held by members' devices, and by strangers.
    connections: [std::sync::atomic::AtomicUsize; 2],
    total: Arc<Semaphore>,
    per_device: usize,
    /// Connections members' devices may hold, and strangers.
    max_connections: [usize; 2],
    max_per_device: usize,
}

/// Which of the two pools of connections a device draws from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Caller {
    /// A member of one of this device's groups (or a device it joins through).
    Member = 0,
    /// Anyone else.
    Stranger = 1,
}

#[derive(Debug)]
struct Device {
    connections: usize,
    budget: Arc<Semaphore>,
}

impl Default for Gate {
    fn default() -> Self {
        Self::with_limits(
            [MAX_CONNECTIONS, MAX_STRANGER_CONNECTIONS],
            MAX_CONNECTIONS_PER_DEVICE,
            BUFFERED_PER_DEVICE,
            BUFFERED_TOTAL,
        )
    }
}

impl Gate {
    /// A gate with other limits (tests).
    pub(crate) fn with_limits(
        max_connections: [usize; 2],
        max_per_device: usize,
        per_device: usize,
        total: usize,
    ) -> Self {
        Self {
            devices: Mutex::new(HashMap::new()),
            connections: Default::default(),
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
        self.connections[pool as usize].load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Whether all connection slots of both pools are taken (checked before a handshake, where
    /// the caller is not known yet, to refuse cheaply).
    pub(crate) fn full(&self) -> bool {
        [Caller::Member, Caller::Stranger]
            .iter()
            .all(|&p| self.held(p) >= self.max_connections[p as usize])
    }

    /// Lets a connection from `device` in, or `None` when it or its pool holds too many.
    pub(crate) fn admit(self: &Arc<Self>, device: DeviceId, pool: Caller) -> Option<Admitted> {
        let mut devices = self.devices();
        if self.held(pool) >= self.max_connections[pool as usize] {
            return None;
        }
        if devices.len() > 4 * self.max_connections.iter().sum::<usize>() {
            // Shares outlived by what was read with them: drop those no one holds.
            devices.retain(|_, d| d.connections > 0 || Arc::strong_count(&d.budget) > 1);
        }
        let entry = devices.entry(device).or_insert_with(|| Device {
            connections: 0,
            budget: Arc::new(Semaphore::new(self.per_device)),
        });
        if entry.connections >= self.max_per_device {
            return None;
        }
        entry.connections += 1;
        self.connections[pool as usize].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let budget = entry.budget.clone();
        drop(devices);
        Some(Admitted {
            pool,
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
        (
            self.held(Caller::Member) + self.held(Caller::Stranger),
            self.devices().len(),
        )
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
    budget: Budget,
}

impl Admitted {
    /// Which pool the connection came in through.
    pub(crate) fn pool(&self) -> Caller {
        self.pool
    }

    /// The connecting device's share of memory.
    pub(crate) fn budget(&self) -> &Budget {
        &self.budget
    }
}

impl Drop for Admitted {
    fn drop(&mut self) {
        self.budget.gate.connections[self.pool as usize]
            .fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
        let mut devices = self.budget.gate.devices();
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

    use Caller::{Member, Stranger};

    #[test]
    fn connections_are_capped_per_device_and_per_pool() {
        let gate = Arc::new(Gate::with_limits([3, 2], 2, 100, 1000));
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
        let gate = Arc::new(Gate::with_limits([3, 3], 2, 100, 1000));
        let a = gate.admit(device(1), Member).unwrap();
        let b = gate.budget(device(1));
        drop(a);
        assert_eq!(gate.in_use(), (0, 1), "a reader still holds its share");
        drop(b);
        assert_eq!(gate.in_use(), (0, 0));
    }

    #[tokio::test(start_paused = true)]
    async fn a_device_cannot_take_more_than_its_share_and_others_still_get_room() {
        let gate = Arc::new(Gate::with_limits([8, 8], 4, 100, 150));
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
        let gate = Arc::new(Gate::with_limits([8, 8], 4, 100, 100));
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
}
