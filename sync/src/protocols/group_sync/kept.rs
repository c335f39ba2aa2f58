//! Sync connections this device opened, kept open for the next sessions with the same device
//! for as long as both run. Keep-alives hold them open (see `limits::transport`); a device
//! that vanished without a word is noticed when its connection times out, one that stopped
//! when it closes its connections. Either way the node hears of it at once and shows the
//! device as no longer connected.
//!
//! Only members' devices get here (sessions and checks are dialed to members only), and
//! [`MAX_KEPT`] bounds how many are kept at once.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use causeway_core::DeviceId;
use iroh::endpoint::Connection;

/// How many connections are kept at once. Past that, the one unused longest (and not in use)
/// is closed; its device is dialed again when it is next needed. A device in groups with more
/// members than this keeps connections to those it syncs with most.
pub(crate) const MAX_KEPT: usize = 64;

/// A sync connection kept for the next sessions with the same device.
#[derive(Debug)]
struct Kept {
    conn: Connection,
    /// When a session last started on it or ended well.
    used: Instant,
    /// Held by every session running on it: a connection in use is never closed to make
    /// room, however long its session takes on a busy machine.
    lease: Arc<()>,
}

impl Kept {
    fn in_use(&self) -> bool {
        Arc::strong_count(&self.lease) > 1
    }
}

/// The kept connections, one per device.
#[derive(Debug, Default)]
pub(crate) struct KeptConnections(Mutex<HashMap<DeviceId, Kept>>);

impl KeptConnections {
    /// The kept connection to `peer`, if it is still open, with a lease that the session
    /// holds while it runs on it. Forgets the connections that closed.
    pub(crate) fn get(&self, peer: DeviceId) -> Option<(Connection, Arc<()>)> {
        let mut conns = self.0.lock().ok()?;
        conns.retain(|_, k| k.conn.close_reason().is_none());
        conns.get_mut(&peer).map(|k| {
            k.used = Instant::now();
            (k.conn.clone(), k.lease.clone())
        })
    }

    /// Keeps `conn` for the next sessions with `peer`: it just carried one that worked.
    pub(crate) fn keep(&self, peer: DeviceId, conn: &Connection) {
        let Ok(mut conns) = self.0.lock() else { return };
        let now = Instant::now();
        match conns.get_mut(&peer) {
            Some(k) if k.conn.stable_id() == conn.stable_id() => k.used = now,
            _ => {
                let kept = Kept {
                    conn: conn.clone(),
                    used: now,
                    lease: Arc::new(()),
                };
                if let Some(old) = conns.insert(peer, kept) {
                    old.conn.close(0u32.into(), b"replaced");
                }
            }
        }
        if conns.len() > MAX_KEPT {
            conns.retain(|_, k| k.conn.close_reason().is_none());
        }
        while conns.len() > MAX_KEPT {
            let Some(oldest) = conns
                .iter()
                .filter(|(p, k)| **p != peer && !k.in_use())
                .min_by_key(|(_, k)| k.used)
                .map(|(p, _)| *p)
            else {
                break;
            };
            if let Some(k) = conns.remove(&oldest) {
                k.conn.close(0u32.into(), b"too many kept");
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

    /// Closes and forgets the connections to devices for which `keep` says no (they are no
    /// longer members of any group this device holds). Those in use are left to their
    /// sessions and closed next time.
    pub(crate) fn retain(&self, keep: impl Fn(&DeviceId) -> bool) {
        if let Ok(mut conns) = self.0.lock() {
            conns.retain(|p, k| {
                let stay = keep(p) || k.in_use();
                if !stay {
                    k.conn.close(0u32.into(), b"no longer a member");
                }
                stay
            });
        }
    }
}
