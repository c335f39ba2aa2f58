//! Where other devices are (`peers.json`, the address book) and what this device last had in
//! common with each (`sync-state.json`, heads shared per group).
use std::collections::BTreeMap;

use causeway_core::{ChangeHash, DeviceId, DocId, GroupId};

use super::{JOINING_FILE, LocalNode};
use crate::address::PeerAddress;
use crate::error::SyncError;

/// An address book entry: direct addresses (`ip:port`), then the relay the device was last
/// reachable through, if any (the one entry that starts with `http`).
pub(super) fn split_entry(entry: &[String]) -> (Vec<String>, Option<String>) {
    let (relays, direct): (Vec<String>, Vec<String>) =
        entry.iter().cloned().partition(|a| a.starts_with("http"));
    (direct, relays.into_iter().next_back())
}

pub(super) const PEERS_FILE: &str = "peers.json";

pub(super) const SYNC_STATE_FILE: &str = "sync-state.json";

impl LocalNode {
    /// Remembers where a device was reachable (from an invite or a session), for later syncs.
    /// The book is written only when the addresses changed.
    pub fn remember_address(&mut self, peer: &PeerAddress) -> Result<(), SyncError> {
        match self.book_with(peer, false)? {
            Some(book) => self.write_list_map(PEERS_FILE, &book),
            None => Ok(()),
        }
    }

    /// Whether a device that connected to this one brings news for the address book: this
    /// device has a reason to reach it again (it is in the book already, shares a group with
    /// this device, or is one this device joins through) and it came from addresses not on
    /// record. Anyone can connect; the book must not grow, nor be rewritten, for every
    /// stranger who does. Only reads, so that it can be asked under a shared lock and the
    /// exclusive one taken only to write ([`LocalNode::remember_address`]).
    pub fn caller_is_news(&self, peer: &PeerAddress) -> bool {
        matches!(self.book_with(peer, true), Ok(Some(_)))
    }

    /// The address book with `peer`'s addresses in it, or `None` when that changes nothing
    /// (or when `only_known` and this device has no reason to reach `peer`). What `peer`
    /// does not say (no direct address, or no relay) is kept from the book.
    pub(super) fn book_with(
        &self,
        peer: &PeerAddress,
        only_known: bool,
    ) -> Result<Option<BTreeMap<String, Vec<String>>>, SyncError> {
        if peer.direct.is_empty() && peer.relay.is_none() {
            return Ok(None);
        }
        let mut book = self.address_book()?;
        let key = peer.id.to_hex();
        let known = book.get(&key).map(|k| split_entry(k));
        let direct: Vec<String> = if peer.direct.is_empty() {
            known.as_ref().map(|k| k.0.clone()).unwrap_or_default()
        } else {
            peer.direct.iter().map(ToString::to_string).collect()
        };
        let relay = peer
            .relay
            .clone()
            .or_else(|| known.as_ref().and_then(|k| k.1.clone()));
        let entry: Vec<String> = direct.into_iter().chain(relay).collect();
        match book.get(&key) {
            Some(k) if *k == entry => return Ok(None),
            Some(_) => {}
            None if only_known && !self.has_reason_to_reach(peer.id) => return Ok(None),
            None => {}
        }
        book.insert(key, entry);
        Ok(Some(book))
    }

    /// Whether `who` is a member of one of this device's groups, or a device it joins
    /// through, and not blocked here (a blocked device is answered as a stranger is).
    pub fn has_reason_to_reach(&self, who: DeviceId) -> bool {
        if self.is_blocked(who) {
            return false;
        }
        let hex = who.to_hex();
        self.groups.values().any(|s| s.group.role_of(who).is_some())
            || self
                .read_list_map(JOINING_FILE)
                .is_ok_and(|m| m.values().any(|via| via.contains(&hex)))
    }

    /// Where a device was last known to be reachable: its id, the direct addresses and the
    /// relay on record (none if it never connected; dialing by id alone then relies on
    /// address lookup, which finds it on the local network or the internet where that is
    /// enabled).
    pub fn address_of(&self, id: DeviceId) -> PeerAddress {
        let (direct, relay) = self
            .address_book()
            .ok()
            .and_then(|book| book.get(&id.to_hex()).map(|e| split_entry(e)))
            .unwrap_or_default();
        PeerAddress {
            id,
            direct: direct.iter().filter_map(|a| a.parse().ok()).collect(),
            relay,
        }
    }

    pub(super) fn address_book(&self) -> Result<BTreeMap<String, Vec<String>>, SyncError> {
        self.read_list_map(PEERS_FILE)
    }

    /// Reads one of the small `{key: [text]}` files (addresses, sync state). They only save
    /// work: a damaged one is read as empty and rebuilt.
    pub(super) fn read_list_map(
        &self,
        name: &str,
    ) -> Result<BTreeMap<String, Vec<String>>, SyncError> {
        Ok(match self.dir.read_file(name)? {
            Some(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
            None => BTreeMap::new(),
        })
    }

    pub(super) fn write_list_map(
        &self,
        name: &str,
        map: &BTreeMap<String, Vec<String>>,
    ) -> Result<(), SyncError> {
        let bytes =
            serde_json::to_vec_pretty(map).map_err(|e| SyncError::Internal(e.to_string()))?;
        self.dir.write_file_atomic(name, &bytes)?;
        Ok(())
    }

    /// The heads this device and `peer` both had at the end of their last session on `group`.
    pub fn shared_heads(&self, peer: DeviceId, group: &GroupId) -> Vec<ChangeHash> {
        self.shared_heads_of(&format!("{}:{}", peer.to_hex(), group.to_hex()))
    }

    /// Records the heads shared with `peer` at the end of a session, so the next one starts
    /// from there (a reconnect then costs about what changed, not a summary of everything).
    pub fn set_shared_heads(
        &mut self,
        peer: DeviceId,
        group: &GroupId,
        heads: &[ChangeHash],
    ) -> Result<(), SyncError> {
        self.set_shared_heads_of(format!("{}:{}", peer.to_hex(), group.to_hex()), heads)
    }

    /// [`LocalNode::shared_heads`] for document `doc` of `group`.
    pub fn doc_shared_heads(
        &self,
        peer: DeviceId,
        group: &GroupId,
        doc: &DocId,
    ) -> Vec<ChangeHash> {
        self.shared_heads_of(&doc_key(peer, group, doc))
    }

    /// [`LocalNode::set_shared_heads`] for document `doc` of `group`.
    pub fn set_doc_shared_heads(
        &mut self,
        peer: DeviceId,
        group: &GroupId,
        doc: &DocId,
        heads: &[ChangeHash],
    ) -> Result<(), SyncError> {
        self.set_shared_heads_of(doc_key(peer, group, doc), heads)
    }

    fn shared_heads_of(&self, key: &str) -> Vec<ChangeHash> {
        let Ok(map) = self.read_list_map(SYNC_STATE_FILE) else {
            return Vec::new();
        };
        map.get(key)
            .map(|v| {
                v.iter()
                    .filter_map(|h| {
                        <[u8; 32]>::try_from(hex::decode(h).ok()?)
                            .ok()
                            .map(ChangeHash)
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn set_shared_heads_of(&mut self, key: String, heads: &[ChangeHash]) -> Result<(), SyncError> {
        let mut map = self.read_list_map(SYNC_STATE_FILE)?;
        map.insert(key, heads.iter().map(|h| hex::encode(h.0)).collect());
        self.write_list_map(SYNC_STATE_FILE, &map)
    }

    /// The devices to sync a group with: its other current members once its history is here;
    /// before that (a join waiting for approval, or interrupted), the device that invited us.
    pub fn sync_partners(&self, id: &GroupId) -> Vec<DeviceId> {
        let me = self.device_id();
        let Some(group) = self.group(id) else {
            return Vec::new();
        };
        if group.info().is_some() {
            // A device no longer in the group (removed, and told so; or gone) stops syncing
            // it and keeps what it had. Pushes still reach it if it is let in again.
            if group.my_role().is_none() {
                return Vec::new();
            }
            return group
                .current_members()
                .into_iter()
                .filter(|id| *id != me && !self.is_blocked(*id))
                .collect();
        }
        self.read_list_map(JOINING_FILE)
            .ok()
            .and_then(|m| m.get(&id.to_hex()).cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|d| DeviceId::from_hex(d).ok())
            .collect()
    }
}

/// The sync state's key for a document: peer, group and document.
fn doc_key(peer: DeviceId, group: &GroupId, doc: &DocId) -> String {
    format!("{}:{}:{}", peer.to_hex(), group.to_hex(), doc.to_hex())
}
