//! Sync connections this device opened, kept for the next sessions with the same device for a
//! few seconds (bursts of pushes), not longer: a device that vanished without a word is only
//! noticed when a session on its connection goes unanswered.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use causeway_core::DeviceId;
use iroh::endpoint::Connection;

/// How long a sync connection is kept after the last session that worked on it.
const KEEP_CONNECTIONS: Duration = Duration::from_secs(10);

/// A sync connection kept for the next sessions with the same device.
#[derive(Debug)]
struct Kept {
    conn: Connection,
    /// When a session last started on it or ended well.
    used: Instant,
    /// Held by every session running on it: a connection in use is never closed as unused,
    /// however long its session takes on a busy machine.
    lease: Arc<()>,
}

/// The kept connections, one per device.
#[derive(Debug, Default)]
pub(crate) struct KeptConnections(Mutex<HashMap<DeviceId, Kept>>);

impl KeptConnections {
    /// The kept connection to `peer`, if it is still open, with a lease that the session
    /// holds while it runs on it. Closes the connections unused for too long.
    pub(crate) fn get(&self, peer: DeviceId) -> Option<(Connection, Arc<()>)> {
        let mut conns = self.0.lock().ok()?;
        conns.retain(|_, k| {
            let in_use = Arc::strong_count(&k.lease) > 1;
            let keep =
                k.conn.close_reason().is_none() && (in_use || k.used.elapsed() < KEEP_CONNECTIONS);
            if !keep {
                k.conn.close(0u32.into(), b"unused");
            }
            keep
        });
        conns.get_mut(&peer).map(|k| {
            k.used = Instant::now();
            (k.conn.clone(), k.lease.clone())
        })
    }

    /// Keeps `conn` for the next sessions with `peer`: it just carried one that worked.
    pub(crate) fn keep(&self, peer: DeviceId, conn: &Connection) {
        if let Ok(mut conns) = self.0.lock() {
            let now = Instant::now();
            match conns.get_mut(&peer) {
                Some(k) if k.conn.stable_id() == conn.stable_id() => k.used = now,
                _ => {
                    conns.insert(
                        peer,
                        Kept {
                            conn: conn.clone(),
                            used: now,
                            lease: Arc::new(()),
                        },
                    );
                }
            }
        }
    }

    /// Closes and forgets the connection to `peer` (it failed; a new one is tried).
    pub(crate) fn forget(&self, peer: DeviceId) {
        if let Ok(mut conns) = self.0.lock()
            && let Some(k) = conns.remove(&peer)
        {
            k.conn.close(0u32.into(), b"replaced");
        }
    }
}
