//! The device's local state: identity, profile and every group, each backed by its store.
//!
//! Every change this device makes or accepts is on disk (fsynced) before the call that made or
//! accepted it returns.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use causeway_core::{
    ChangeHash, ChangeSignature, DeviceId, DeviceKey, Group, GroupId, Incoming, IngestReport,
    ItemId, LocalChange, NewGroup, Profile, Saved, SignedChange, Timestamp,
};
use tracing::{info, warn};

use crate::error::SyncError;
use crate::identity::{load_or_create_key, load_profile, random_bytes, save_profile};
use crate::invites::{INVITE_FILE, Invite, InviteBook, JoinRefusal, JoinRequest};
use crate::store::{DataDir, GroupStore, Record, Snapshot};

/// Where the network settings are kept.
const NETWORK_FILE: &str = "network.json";

/// An address book entry: direct addresses (`ip:port`), then the relay the device was last
/// reachable through, if any (the one entry that starts with `http`).
fn split_entry(entry: &[String]) -> (Vec<String>, Option<String>) {
    let (relays, direct): (Vec<String>, Vec<String>) =
        entry.iter().cloned().partition(|a| a.starts_with("http"));
    (direct, relays.into_iter().next_back())
}

/// Where the ports the endpoint was last bound to are kept.
const PORTS_FILE: &str = "ports.json";

/// The UDP ports the endpoint was bound to, per address family (`None`: not bound, or any).
/// A node binds them again at its next start, so that members who know only where it was
/// (no address lookup, as at a workshop with mDNS blocked) still find it after a restart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Ports {
    /// The IPv4 port.
    #[serde(default)]
    pub(crate) ipv4: Option<u16>,
    /// The IPv6 port.
    #[serde(default)]
    pub(crate) ipv6: Option<u16>,
}

/// Requests to join one request-to-join group that may wait for an admin at once. An admin
/// reads every one; more than this is a flood, not a crowd. Further requests are refused,
/// counting no use of their invite, until an admin answers some.
pub const MAX_WAITING_REQUESTS: usize = 500;

/// What an inviting device did with a join request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinAnswer {
    /// The joiner is a member now.
    Accepted,
    /// The group asks an admin to approve; the request waits.
    Pending,
}

/// One stored group.
struct Stored {
    group: Group,
    store: GroupStore,
    /// The heads of the document in the store's snapshot, when known: while they are the
    /// group's heads, that document is the group as it is now, and a member who holds nothing
    /// yet is sent it instead of a fresh save.
    saved_heads: Option<Vec<ChangeHash>>,
    /// Changes taken in memory whose append failed (a full disk): written before any later
    /// change, so that the log never holds a change without those it builds on.
    unsaved: Vec<Record>,
}

impl Stored {
    fn new(group: Group, store: GroupStore) -> Stored {
        Stored {
            group,
            store,
            saved_heads: None,
            unsaved: Vec::new(),
        }
    }

    /// Logs `records` after any left unsaved by an earlier failure, in order. On failure they
    /// all wait for the next write, or for the next compaction (which saves the whole group).
    fn log(&mut self, records: Vec<Record>) -> Result<(), SyncError> {
        self.unsaved.extend(records);
        self.store.append(&self.unsaved)?;
        self.unsaved.clear();
        Ok(())
    }

    /// Folds the log into a snapshot of `snapshot`, which holds the group as it is in memory.
    fn compact_to(&mut self, snapshot: &Snapshot) -> Result<(), SyncError> {
        self.store.compact(snapshot)?;
        self.unsaved.clear();
        self.saved_heads = Some(self.group.heads());
        Ok(())
    }
}

/// The device's data folder, opened and locked: identity, profile, groups.
pub struct LocalNode {
    dir: DataDir,
    key: DeviceKey,
    profile: Profile,
    groups: BTreeMap<GroupId, Stored>,
    invites: InviteBook,
    warnings: Vec<String>,
    dirty: Dirty,
}

/// What changed since the app's views were last built.
#[derive(Debug, Default)]
pub(crate) struct Dirty {
    /// Everything (first build, profile).
    pub(crate) all: bool,
    /// These groups.
    pub(crate) groups: BTreeSet<GroupId>,
}

impl std::fmt::Debug for LocalNode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LocalNode")
            .field("dir", &self.dir.root())
            .field("device", &self.key.id())
            .field("groups", &self.groups.len())
            .finish()
    }
}

/// The current time, for the changes this device makes.
pub fn now() -> Timestamp {
    let ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    Timestamp(ms)
}

/// A fresh random id for a post or comment.
pub fn new_item_id() -> Result<ItemId, SyncError> {
    Ok(ItemId::from_u64(u64::from_le_bytes(random_bytes::<8>()?)))
}

const PEERS_FILE: &str = "peers.json";
const SYNC_STATE_FILE: &str = "sync-state.json";
/// Groups being joined, with the device that invited us (it serves the group until others can).
const JOINING_FILE: &str = "joining.json";

fn actor_file(id: &GroupId) -> String {
    format!("{}.actor", id.to_hex())
}

fn to_record(c: &SignedChange) -> Record {
    Record {
        change: c.bytes.clone(),
        signature: c.signature.map(|s| s.0),
    }
}

/// This device's actor suffix for a group: read from its file, or made and saved.
fn actor_suffix(dir: &DataDir, id: &GroupId) -> Result<[u8; 8], SyncError> {
    let name = actor_file(id);
    if let Some(bytes) = dir.read_file(&name)?
        && let Ok(suffix) = <[u8; 8]>::try_from(bytes.as_slice())
    {
        return Ok(suffix);
    }
    // A new actor is always safe: it can never reuse a sequence number.
    let suffix = random_bytes::<8>()?;
    dir.write_file_atomic(&name, &suffix)?;
    Ok(suffix)
}

/// Opens one group's store and rebuilds the group from it, with the store's warnings.
fn load_group(dir: &DataDir, key: &DeviceKey, id: GroupId) -> Loaded {
    let suffix = actor_suffix(dir, &id)?;
    let (store, loaded) = dir.open_group(*id.as_bytes())?;
    let mut warnings = Vec::new();
    for w in &loaded.warnings {
        warn!(group = %id.fmt_short(), "{w}");
        warnings.push(w.to_string());
    }
    // With nothing logged after it, the snapshot holds exactly the group as loaded.
    let current = loaded.snapshot.is_some() && loaded.records.is_empty();
    let (saved, sigs) = match &loaded.snapshot {
        Some(s) => (
            Some(Saved {
                doc: &s.doc,
                ledger: (!s.index.is_empty()).then_some(s.index.as_slice()),
            }),
            s.signatures.clone(),
        ),
        None => (None, Vec::new()),
    };
    let sigs = sigs
        .into_iter()
        .map(|(h, s)| (ChangeHash(h), ChangeSignature(s)));
    let logged = loaded.records.into_iter().map(|r| SignedChange {
        bytes: r.change,
        signature: r.signature.map(ChangeSignature),
    });
    let group = Group::load(id, key.clone(), suffix, saved, sigs, logged).map_err(|e| {
        SyncError::GroupDamaged {
            group: id.fmt_short(),
            reason: e.to_string(),
        }
    })?;
    let mut stored = Stored::new(group, store);
    if current {
        stored.saved_heads = Some(stored.group.heads());
    }
    Ok((stored, warnings))
}

/// A whole document for a member who holds nothing yet, and the signatures that authenticate
/// it.
type PeerDocument = (Vec<u8>, Vec<(ChangeHash, ChangeSignature)>);

/// A group as loaded from its store, with the store's warnings.
type Loaded = Result<(Stored, Vec<String>), SyncError>;

/// Loads groups on every core at once (each group is independent, so a device in many groups
/// opens in a fraction of the time), in the order given.
fn load_groups(dir: &DataDir, key: &DeviceKey, ids: &[GroupId]) -> Vec<(GroupId, Loaded)> {
    let loaded = crate::par::map(ids, |id| load_group(dir, key, *id));
    ids.iter()
        .zip(loaded)
        .map(|(id, l)| {
            let l = l.unwrap_or_else(|| {
                Err(SyncError::Internal(
                    "loading this group failed unexpectedly".into(),
                ))
            });
            (*id, l)
        })
        .collect()
}

impl LocalNode {
    /// Opens (creating on first run) the data folder at `root`: takes its lock, loads or creates
    /// the device key, and loads every group. Damage found on the way is repaired where nothing
    /// good is lost and reported in [`LocalNode::warnings`]; a group that cannot be opened at all
    /// is left untouched on disk and reported there too.
    pub fn open(root: &Path) -> Result<LocalNode, SyncError> {
        let dir = DataDir::open(root)?;
        let key = load_or_create_key(&dir)?;
        let profile = load_profile(&dir)?;
        let mut warnings = Vec::new();
        let invites = match dir.read_file(INVITE_FILE)? {
            Some(bytes) => InviteBook::from_bytes(&bytes).unwrap_or_else(|e| {
                warnings.push(format!("Your list of invites could not be read ({e}); invites you sent earlier may need to be sent again."));
                InviteBook::default()
            }),
            None => InviteBook::default(),
        };
        let mut node = LocalNode {
            dir,
            key,
            profile,
            groups: BTreeMap::new(),
            invites,
            warnings,
            dirty: Dirty {
                all: true,
                groups: BTreeSet::new(),
            },
        };
        let ids: Vec<GroupId> = node
            .dir
            .group_ids()?
            .into_iter()
            .map(GroupId::from_bytes)
            .collect();
        for (id, loaded) in load_groups(&node.dir, &node.key, &ids) {
            match loaded {
                Ok((stored, warnings)) => {
                    node.warnings.extend(warnings);
                    node.groups.insert(id, stored);
                }
                Err(e) => {
                    warn!(group = %id.fmt_short(), error = %e, "group not opened");
                    node.warnings.push(format!(
                        "The group {} could not be opened and was left as it is on disk: {e}.",
                        id.fmt_short()
                    ));
                }
            }
        }
        info!(device = %node.key.id().fmt_short(), groups = node.groups.len(), "data folder opened");
        Ok(node)
    }

    /// Where the data lives.
    pub fn data_dir(&self) -> &Path {
        self.dir.root()
    }

    /// This device's id.
    pub fn device_id(&self) -> DeviceId {
        self.key.id()
    }

    /// The device key, for building the endpoint (crate-private: it never leaves sync).
    pub(crate) fn device_key(&self) -> &DeviceKey {
        &self.key
    }

    /// The person's profile (empty display name on first run).
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// Saves the profile.
    pub fn set_profile(&mut self, profile: Profile) -> Result<(), SyncError> {
        profile.validate()?;
        save_profile(&self.dir, &profile)?;
        self.profile = profile;
        self.dirty.all = true;
        Ok(())
    }

    /// The network settings the person chose (defaults if none were saved or the file is
    /// damaged).
    pub fn network_settings(&self) -> crate::node::NetworkSettings {
        self.dir
            .read_file(NETWORK_FILE)
            .ok()
            .flatten()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Saves the network settings; they apply from the next start.
    pub fn set_network_settings(
        &mut self,
        settings: &crate::node::NetworkSettings,
    ) -> Result<(), SyncError> {
        settings.validate()?;
        let bytes =
            serde_json::to_vec_pretty(settings).map_err(|e| SyncError::Internal(e.to_string()))?;
        self.dir.write_file_atomic(NETWORK_FILE, &bytes)?;
        self.dirty.all = true;
        Ok(())
    }

    /// The ports the endpoint was last bound to (IPv4, IPv6), if it ever was.
    pub(crate) fn last_ports(&self) -> Ports {
        self.dir
            .read_file(PORTS_FILE)
            .ok()
            .flatten()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Remembers the ports the endpoint is bound to, for the next start. Written only when
    /// they changed.
    pub(crate) fn set_last_ports(&mut self, ports: Ports) -> Result<(), SyncError> {
        if self.last_ports() == ports {
            return Ok(());
        }
        let bytes =
            serde_json::to_vec_pretty(&ports).map_err(|e| SyncError::Internal(e.to_string()))?;
        self.dir.write_file_atomic(PORTS_FILE, &bytes)?;
        Ok(())
    }

    /// Whether something changed that the app's views do not show yet.
    pub(crate) fn is_dirty(&self) -> bool {
        self.dirty.all || !self.dirty.groups.is_empty()
    }

    /// What changed since the last call.
    pub(crate) fn take_dirty(&mut self) -> Dirty {
        std::mem::take(&mut self.dirty)
    }

    /// What went wrong while opening, as sentences for the person.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Every group on this device.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.values().map(|s| &s.group)
    }

    /// One group.
    pub fn group(&self, id: &GroupId) -> Option<&Group> {
        self.groups.get(id).map(|s| &s.group)
    }

    /// Creates a group owned by this device and stores it.
    pub fn create_group(&mut self, new: &NewGroup) -> Result<GroupId, SyncError> {
        if self.profile.display_name.trim().is_empty() {
            return Err(causeway_core::CoreError::InvalidInput(
                "choose a display name before creating a group".into(),
            )
            .into());
        }
        // The actor suffix is chosen before the group id exists; it is stored under the id below.
        let suffix = random_bytes::<8>()?;
        let (group, genesis) = Group::create(
            self.key.clone(),
            suffix,
            now(),
            new,
            &self.profile.display_name,
        )?;
        let id = group.id();
        self.dir.write_file_atomic(&actor_file(&id), &suffix)?;
        let (mut store, _) = self.dir.open_group(*id.as_bytes())?;
        store.append(&[to_record(&genesis.into())])?;
        self.groups.insert(id, Stored::new(group, store));
        self.dirty.groups.insert(id);
        info!(group = %id.fmt_short(), "group created");
        Ok(id)
    }

    fn save_invites(&mut self, group: &GroupId) -> Result<(), SyncError> {
        self.dirty.groups.insert(*group);
        self.dir
            .write_file_atomic(INVITE_FILE, &self.invites.to_bytes()?)?;
        Ok(())
    }

    fn require_admin(&self, id: &GroupId) -> Result<(), SyncError> {
        let g = self.groups.get(id).ok_or(SyncError::UnknownGroup(*id))?;
        match g.group.my_role() {
            Some(r) if r >= causeway_core::Role::Admin => Ok(()),
            _ => Err(SyncError::NotPermitted(
                "only admins of the group can invite people".into(),
            )),
        }
    }

    /// Issues an invite to a group this device administers; returns its secret.
    pub fn create_invite(
        &mut self,
        id: &GroupId,
        max_uses: Option<u32>,
        expires_at: Option<Timestamp>,
    ) -> Result<[u8; 16], SyncError> {
        self.require_admin(id)?;
        let secret = random_bytes::<16>()?;
        self.invites.invites.push(Invite {
            group: id.to_hex(),
            secret: hex::encode(secret),
            created_at: now().0,
            expires_at: expires_at.map(|t| t.0),
            max_uses,
            used: 0,
            revoked: false,
        });
        self.save_invites(id)?;
        Ok(secret)
    }

    /// Withdraws an invite. Returns false if no such invite was issued here.
    pub fn revoke_invite(&mut self, id: &GroupId, secret: &[u8; 16]) -> Result<bool, SyncError> {
        let (g, s) = (id.to_hex(), hex::encode(secret));
        let Some(inv) = self
            .invites
            .invites
            .iter_mut()
            .find(|i| i.group == g && i.secret == s)
        else {
            return Ok(false);
        };
        inv.revoked = true;
        self.save_invites(id)?;
        Ok(true)
    }

    /// The invites this device issued for a group.
    pub fn invites(&self, id: &GroupId) -> Vec<Invite> {
        let g = id.to_hex();
        self.invites
            .invites
            .iter()
            .filter(|i| i.group == g)
            .cloned()
            .collect()
    }

    /// Join requests waiting for approval in a group.
    pub fn pending_requests(&self, id: &GroupId) -> Vec<JoinRequest> {
        let g = id.to_hex();
        self.invites
            .pending
            .iter()
            .filter(|p| p.group == g)
            .cloned()
            .collect()
    }

    /// Whether an invite presented for `id` would be taken now, without changing anything
    /// (asked under a shared lock, so that a flood of bad requests does not hold up
    /// sessions). A secret that matches no invite is refused the same way, in the same time,
    /// whether or not this device holds the group; only a valid one learns more.
    pub fn judge_join(&self, id: &GroupId, secret: &[u8; 16]) -> Result<(), JoinRefusal> {
        self.invites.find(id, secret, now())?;
        if self.require_admin(id).is_err() {
            return Err(JoinRefusal::NotAdmin);
        }
        Ok(())
    }

    /// Decides on someone presenting an invite: checks it, then adds them (a signed change by
    /// this device) or, for a request-to-join group, records the request for an admin (at
    /// most [`MAX_WAITING_REQUESTS`] per group). The secret is checked first, so that the
    /// answer to a wrong one does not depend on the group (see [`LocalNode::judge_join`]).
    pub fn admit_joiner(
        &mut self,
        id: &GroupId,
        secret: &[u8; 16],
        joiner: DeviceId,
        name: &str,
    ) -> Result<JoinAnswer, JoinRefusal> {
        self.judge_join(id, secret)?;
        let Some(stored) = self.groups.get(id) else {
            return Err(JoinRefusal::NotAdmin);
        };
        let request_only = stored
            .group
            .info()
            .is_some_and(|i| i.visibility == causeway_core::Visibility::Request);
        let already = stored.group.role_of(joiner).is_some();
        let (group_hex, joiner_hex) = (id.to_hex(), joiner.to_hex());
        let asked_before = self
            .invites
            .pending
            .iter()
            .any(|p| p.group == group_hex && p.device == joiner_hex);
        if request_only && !already && !asked_before {
            let waiting = self
                .invites
                .pending
                .iter()
                .filter(|p| p.group == group_hex)
                .count();
            if waiting >= MAX_WAITING_REQUESTS {
                return Err(JoinRefusal::TooManyWaiting);
            }
        }
        // Someone already in, or already waiting, is told so again (their answer may have
        // been lost on the way) without using the invite once more.
        if already {
            return Ok(JoinAnswer::Accepted);
        }
        if request_only && asked_before {
            return Ok(JoinAnswer::Pending);
        }
        let idx = self.invites.redeem(id, secret, now())?;
        let answer = if request_only {
            self.invites.pending.push(JoinRequest {
                group: group_hex,
                device: joiner_hex,
                name: name.chars().take(100).collect(),
                requested_at: now().0,
            });
            Ok(JoinAnswer::Pending)
        } else {
            let name = name.chars().take(100).collect::<String>();
            self.act(id, |g, now| {
                g.add_member(now, joiner, &name, causeway_core::Role::Member)
            })
            .map(|_| JoinAnswer::Accepted)
            .map_err(|e| {
                warn!(error = %e, "adding a joiner failed");
                JoinRefusal::NotAdmin
            })
        };
        if answer.is_err() {
            self.invites.unredeem(idx);
        }
        if self.save_invites(id).is_err() {
            warn!("the invites file could not be saved");
        }
        answer
    }

    /// Approves a waiting join request (admins).
    pub fn approve_request(&mut self, id: &GroupId, device: DeviceId) -> Result<(), SyncError> {
        let (g, d) = (id.to_hex(), device.to_hex());
        let pos = self
            .invites
            .pending
            .iter()
            .position(|p| p.group == g && p.device == d)
            .ok_or_else(|| SyncError::NotPermitted("there is no such request to join".into()))?;
        let name = self.invites.pending[pos].name.clone();
        self.act(id, |gr, now| {
            gr.add_member(now, device, &name, causeway_core::Role::Member)
        })?;
        self.invites.pending.remove(pos);
        self.save_invites(id)
    }

    /// Turns down a waiting join request (admins): it is forgotten, and the person may ask
    /// again with a valid invite.
    pub fn decline_request(&mut self, id: &GroupId, device: DeviceId) -> Result<(), SyncError> {
        self.require_admin(id)?;
        let (g, d) = (id.to_hex(), device.to_hex());
        let before = self.invites.pending.len();
        self.invites
            .pending
            .retain(|p| !(p.group == g && p.device == d));
        if self.invites.pending.len() == before {
            return Err(SyncError::NotPermitted(
                "there is no such request to join".into(),
            ));
        }
        self.save_invites(id)
    }

    /// Remembers where a device was reachable (from an invite or a session), for later syncs.
    /// The book is written only when the addresses changed.
    pub fn remember_address(&mut self, peer: &crate::node::PeerAddress) -> Result<(), SyncError> {
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
    pub fn caller_is_news(&self, peer: &crate::node::PeerAddress) -> bool {
        matches!(self.book_with(peer, true), Ok(Some(_)))
    }

    /// The address book with `peer`'s addresses in it, or `None` when that changes nothing
    /// (or when `only_known` and this device has no reason to reach `peer`). What `peer`
    /// does not say (no direct address, or no relay) is kept from the book.
    fn book_with(
        &self,
        peer: &crate::node::PeerAddress,
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

    /// Whether `who` is a member of one of this device's groups, or a device it joins through.
    pub fn has_reason_to_reach(&self, who: DeviceId) -> bool {
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
    pub fn address_of(&self, id: DeviceId) -> crate::node::PeerAddress {
        let (direct, relay) = self
            .address_book()
            .ok()
            .and_then(|book| book.get(&id.to_hex()).map(|e| split_entry(e)))
            .unwrap_or_default();
        crate::node::PeerAddress {
            id,
            direct: direct.iter().filter_map(|a| a.parse().ok()).collect(),
            relay,
        }
    }

    fn address_book(&self) -> Result<BTreeMap<String, Vec<String>>, SyncError> {
        self.read_list_map(PEERS_FILE)
    }

    /// Reads one of the small `{key: [text]}` files (addresses, sync state). They only save
    /// work: a damaged one is read as empty and rebuilt.
    fn read_list_map(&self, name: &str) -> Result<BTreeMap<String, Vec<String>>, SyncError> {
        Ok(match self.dir.read_file(name)? {
            Some(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
            None => BTreeMap::new(),
        })
    }

    fn write_list_map(
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
        let Ok(map) = self.read_list_map(SYNC_STATE_FILE) else {
            return Vec::new();
        };
        map.get(&format!("{}:{}", peer.to_hex(), group.to_hex()))
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

    /// Records the heads shared with `peer` at the end of a session, so the next one starts
    /// from there (a reconnect then costs about what changed, not a summary of everything).
    pub fn set_shared_heads(
        &mut self,
        peer: DeviceId,
        group: &GroupId,
        heads: &[ChangeHash],
    ) -> Result<(), SyncError> {
        let mut map = self.read_list_map(SYNC_STATE_FILE)?;
        map.insert(
            format!("{}:{}", peer.to_hex(), group.to_hex()),
            heads.iter().map(|h| hex::encode(h.0)).collect(),
        );
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
            return group
                .members()
                .into_iter()
                .filter(|m| m.role.is_some() && m.id != me)
                .map(|m| m.id)
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

    /// Prepares an empty group that this device is about to receive from `inviter`'s device
    /// (joining). Returns false if the group is already here.
    pub fn prepare_join(&mut self, id: GroupId, inviter: DeviceId) -> Result<bool, SyncError> {
        let mut joining = self.read_list_map(JOINING_FILE).unwrap_or_default();
        let via = joining.entry(id.to_hex()).or_default();
        if !via.contains(&inviter.to_hex()) {
            via.push(inviter.to_hex());
            self.write_list_map(JOINING_FILE, &joining)?;
        }
        if self.groups.contains_key(&id) {
            return Ok(false);
        }
        let suffix = actor_suffix(&self.dir, &id)?;
        let (store, _) = self.dir.open_group(*id.as_bytes())?;
        let group = Group::joining(id, self.key.clone(), suffix);
        self.groups.insert(id, Stored::new(group, store));
        self.dirty.groups.insert(id);
        Ok(true)
    }

    /// Runs a local action on a group and stores the resulting change before returning it.
    pub fn act(
        &mut self,
        id: &GroupId,
        action: impl FnOnce(&mut Group, Timestamp) -> Result<LocalChange, causeway_core::CoreError>,
    ) -> Result<LocalChange, SyncError> {
        let stored = self
            .groups
            .get_mut(id)
            .ok_or(SyncError::UnknownGroup(*id))?;
        let change = action(&mut stored.group, now())?;
        self.dirty.groups.insert(*id);
        stored.log(vec![Record {
            change: change.bytes.clone(),
            signature: Some(change.signature.0),
        }])?;
        Self::maybe_compact(stored)?;
        Ok(change)
    }

    /// Takes changes from another member's device; whatever is accepted is stored before this
    /// returns.
    pub fn ingest(
        &mut self,
        id: &GroupId,
        batch: Vec<SignedChange>,
    ) -> Result<IngestReport, SyncError> {
        self.ingest_decoded(id, batch.into_iter().map(Incoming::decode).collect())
    }

    /// [`LocalNode::ingest`] for changes decoded as they arrived ([`Incoming::decode`]).
    pub fn ingest_decoded(
        &mut self,
        id: &GroupId,
        batch: Vec<Result<Incoming, causeway_core::Rejection>>,
    ) -> Result<IngestReport, SyncError> {
        let stored = self
            .groups
            .get_mut(id)
            .ok_or(SyncError::UnknownGroup(*id))?;
        let report = stored.group.ingest_decoded(batch);
        if !report.accepted.is_empty() || report.revocations_changed {
            self.dirty.groups.insert(*id);
        }
        if !report.accepted.is_empty() {
            let records: Vec<Record> = report.accepted.iter().map(|(_, c)| to_record(c)).collect();
            stored.log(records)?;
            Self::maybe_compact(stored)?;
        }
        Ok(report)
    }

    /// Takes a whole document from another member's device (a fresh member's first sync).
    /// When it is kept whole, the bytes as they came become the group's stored snapshot, so
    /// nothing is saved twice; otherwise what was accepted is logged as with [`Self::ingest`].
    pub fn ingest_document(
        &mut self,
        id: &GroupId,
        doc: &[u8],
        signatures: Vec<(ChangeHash, ChangeSignature)>,
    ) -> Result<IngestReport, SyncError> {
        let stored = self
            .groups
            .get_mut(id)
            .ok_or(SyncError::UnknownGroup(*id))?;
        let (report, whole) = stored.group.ingest_document(doc, signatures)?;
        if !report.accepted.is_empty() || report.revocations_changed {
            self.dirty.groups.insert(*id);
        }
        if whole {
            // The ledger is saved with it when the node stops (`compact_logged`).
            let snapshot = Snapshot {
                doc: doc.to_vec(),
                signatures: stored.group.signatures().map(|(h, s)| (h.0, s.0)).collect(),
                index: Vec::new(),
            };
            stored.compact_to(&snapshot)?;
        } else if !report.accepted.is_empty() {
            let records: Vec<Record> = report.accepted.iter().map(|(_, c)| to_record(c)).collect();
            stored.log(records)?;
            Self::maybe_compact(stored)?;
        }
        Ok(report)
    }

    fn maybe_compact(stored: &mut Stored) -> Result<(), SyncError> {
        if !stored.store.wants_compaction() {
            return Ok(());
        }
        // Under the lock, on the way of news: the ledger is saved when the node stops.
        Self::compact(stored, false)?;
        info!(group = %stored.group.id().fmt_short(), "store compacted");
        Ok(())
    }

    /// Folds a group's log into a new snapshot: its document, signatures and, if `with_ledger`,
    /// its saved ledger (for a big group that takes about a third of the time `save` does).
    fn compact(stored: &mut Stored, with_ledger: bool) -> Result<(), SyncError> {
        let index = if with_ledger {
            stored.group.ledger_image().unwrap_or_default()
        } else {
            Vec::new()
        };
        let snapshot = Snapshot {
            doc: stored.group.save(),
            signatures: stored.group.signatures().map(|(h, s)| (h.0, s.0)).collect(),
            index,
        };
        stored.compact_to(&snapshot)?;
        Ok(())
    }

    /// The whole document of a group for a member who holds nothing yet, with the signatures
    /// that authenticate it (PROTOCOL.md, "Snapshots"). When the store's snapshot holds the
    /// group as it is now, its document is read back instead of saved again: saving a
    /// 100,000-post group takes about a second, reading it a few milliseconds, and every
    /// member who joins at a workshop asks for the same document.
    pub fn document_for_peer(&self, id: &GroupId) -> Option<PeerDocument> {
        let stored = self.groups.get(id)?;
        let sigs = stored.group.signatures_for_peer();
        if stored.saved_heads.as_ref() == Some(&stored.group.heads()) {
            match stored.store.read_snapshot() {
                Ok(Some(snapshot)) => return Some((snapshot.doc, sigs)),
                Ok(None) => {}
                Err(e) => {
                    warn!(group = %id.fmt_short(), error = %e, "stored document not readable; saving it afresh");
                }
            }
        }
        Some((stored.group.save(), sigs))
    }

    /// Compacts every group whose log holds changes or whose snapshot lacks the saved ledger,
    /// on every core, until `budget` has passed (groups left then keep their logs, which only
    /// costs the next start some time). Done when the node stops, so that the next start loads
    /// each group's saved document and ledger instead of replaying its log or rebuilding its
    /// ledger. Returns how many groups were compacted; a group that could not be is logged and
    /// left as it is.
    pub fn compact_logged(&mut self, budget: Duration) -> usize {
        let deadline = Instant::now() + budget;
        let pending: Vec<Mutex<&mut Stored>> = self
            .groups
            .values_mut()
            .filter(|s| {
                s.store.logged_records() > 0
                    || !s.unsaved.is_empty()
                    || s.store.snapshot_lacks_index()
            })
            .map(Mutex::new)
            .collect();
        let results = crate::par::map(&pending, |stored| {
            if Instant::now() >= deadline {
                return false;
            }
            let mut stored = stored.lock().unwrap_or_else(PoisonError::into_inner);
            match Self::compact(&mut stored, true) {
                Ok(()) => true,
                Err(e) => {
                    warn!(group = %stored.group.id().fmt_short(), error = %e, "group store not compacted");
                    false
                }
            }
        });
        results.into_iter().filter(|r| *r == Some(true)).count()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use causeway_core::Visibility;

    /// A fresh data folder whose person is named (groups can then be created).
    pub(crate) fn named(dir: &Path) -> LocalNode {
        let mut node = LocalNode::open(dir).unwrap();
        node.set_profile(Profile {
            display_name: "Amara".into(),
            ..Profile::default()
        })
        .unwrap();
        node
    }

    /// An open group with only a name.
    pub(crate) fn new_group() -> NewGroup {
        NewGroup {
            name: "Clean-up".into(),
            mission: String::new(),
            causes: vec![],
            region: String::new(),
            languages: vec![],
            visibility: Visibility::Open,
        }
    }

    #[test]
    fn a_group_and_its_posts_survive_a_restart() {
        let tmp = tempfile::tempdir().unwrap();
        let (id, device) = {
            let mut node = named(tmp.path());
            let id = node.create_group(&new_group()).unwrap();
            let item = new_item_id().unwrap();
            node.act(&id, |g, now| {
                g.post(now, item, "Saturday", "Bridge at 10", "en")
            })
            .unwrap();
            (id, node.device_id())
        };
        let node = LocalNode::open(tmp.path()).unwrap();
        assert_eq!(node.device_id(), device);
        assert_eq!(node.profile().display_name, "Amara");
        let g = node.group(&id).unwrap();
        assert_eq!(g.posts()[0].body, "Bridge at 10");
        assert!(node.warnings().is_empty());
    }

    #[test]
    fn creating_a_group_needs_a_display_name() {
        let tmp = tempfile::tempdir().unwrap();
        let mut node = LocalNode::open(tmp.path()).unwrap();
        let err = node.create_group(&new_group()).unwrap_err();
        assert!(err.to_string().contains("display name"), "{err}");
    }

    #[test]
    fn stopping_folds_logged_changes_into_a_snapshot_with_the_ledger() {
        let tmp = tempfile::tempdir().unwrap();
        let (id, posts) = {
            let mut node = named(tmp.path());
            let id = node.create_group(&new_group()).unwrap();
            for i in 0..5 {
                let item = new_item_id().unwrap();
                node.act(&id, |g, now| {
                    g.post(now, item, "t", &format!("post {i}"), "en")
                })
                .unwrap();
            }
            let budget = Duration::from_secs(60);
            assert_eq!(node.compact_logged(budget), 1);
            assert_eq!(node.compact_logged(budget), 0, "nothing is left to fold");
            (id, node.group(&id).unwrap().posts())
        };
        {
            let dir = DataDir::open(tmp.path()).unwrap();
            let (_, loaded) = dir.open_group(*id.as_bytes()).unwrap();
            assert!(loaded.records.is_empty());
            assert!(!loaded.snapshot.unwrap().index.is_empty());
        }
        let node = LocalNode::open(tmp.path()).unwrap();
        assert_eq!(node.group(&id).unwrap().posts(), posts);
        assert_eq!(posts.len(), 5);
    }

    /// Whether `doc` is the whole of `node`'s group `id` as it is now: a fresh member takes it
    /// whole, with every change accepted, and ends with the group's heads.
    fn is_whole_group(
        node: &LocalNode,
        id: &GroupId,
        doc: &[u8],
        sigs: Vec<(ChangeHash, ChangeSignature)>,
    ) -> bool {
        let mut fresh = Group::joining(*id, DeviceKey::from_bytes(&[7; 32]), [7; 8]);
        let (report, whole) = fresh.ingest_document(doc, sigs).unwrap();
        whole && report.rejected.is_empty() && fresh.heads() == node.group(id).unwrap().heads()
    }

    #[test]
    fn a_fresh_member_is_sent_the_stored_document_while_it_holds_the_group_as_it_is() {
        let tmp = tempfile::tempdir().unwrap();
        let post = |node: &mut LocalNode, id: &GroupId| {
            let item = new_item_id().unwrap();
            node.act(id, |g, now| g.post(now, item, "t", "news", "en"))
                .unwrap();
        };
        let id = {
            let mut node = named(tmp.path());
            let id = node.create_group(&new_group()).unwrap();
            post(&mut node, &id);
            // Nothing compacted yet: the document is saved afresh.
            assert_eq!(node.groups[&id].saved_heads, None);
            let (doc, sigs) = node.document_for_peer(&id).unwrap();
            assert!(is_whole_group(&node, &id, &doc, sigs));
            node.compact_logged(Duration::from_secs(60));
            id
        };
        let mut node = LocalNode::open(tmp.path()).unwrap();
        let heads = node.group(&id).unwrap().heads();
        assert_eq!(node.groups[&id].saved_heads.as_ref(), Some(&heads));
        let stored = node.groups[&id].store.read_snapshot().unwrap().unwrap();
        let (doc, sigs) = node.document_for_peer(&id).unwrap();
        assert_eq!(doc, stored.doc, "the stored document is sent as it is");
        assert!(is_whole_group(&node, &id, &doc, sigs));

        // A post later the stored document is behind: a fresh save goes out.
        post(&mut node, &id);
        let (doc, sigs) = node.document_for_peer(&id).unwrap();
        assert_ne!(doc, stored.doc);
        assert!(is_whole_group(&node, &id, &doc, sigs));

        // A snapshot that cannot be read back is passed over for a fresh save.
        node.compact_logged(Duration::from_secs(60));
        let path = tmp.path().join("groups").join(id.to_hex()).join("snapshot");
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 0xff;
        std::fs::write(&path, bytes).unwrap();
        let (doc, sigs) = node.document_for_peer(&id).unwrap();
        assert!(is_whole_group(&node, &id, &doc, sigs));
    }

    #[test]
    fn callers_are_remembered_only_when_this_device_has_reason_to_reach_them() {
        let tmp = tempfile::tempdir().unwrap();
        let mut node = named(tmp.path());
        let id = node.create_group(&new_group()).unwrap();
        let device = |b: u8| DeviceKey::from_bytes(&[b; 32]).id();
        let (member, stranger, inviter) = (device(5), device(6), device(7));
        node.act(&id, |g, now| {
            g.add_member(now, member, "Bea", causeway_core::Role::Member)
        })
        .unwrap();
        let at = |id: DeviceId| crate::node::PeerAddress {
            id,
            direct: vec!["127.0.0.1:4000".parse().unwrap()],
            relay: None,
        };
        let call = |node: &mut LocalNode, who: DeviceId| {
            if node.caller_is_news(&at(who)) {
                node.remember_address(&at(who)).unwrap();
            }
        };
        for who in [member, stranger, inviter] {
            call(&mut node, who);
        }
        assert!(!node.caller_is_news(&at(member)), "nothing new: no rewrite");
        assert_eq!(node.address_of(member).direct, at(member).direct);
        assert!(node.address_of(stranger).direct.is_empty());
        assert!(node.address_of(inviter).direct.is_empty());

        // A device this one joins through is reached again: it is remembered.
        let other_group = GroupId::from_bytes([9; 32]);
        node.prepare_join(other_group, inviter).unwrap();
        call(&mut node, inviter);
        assert_eq!(node.address_of(inviter).direct, at(inviter).direct);

        // What this device is told on purpose (an invite's address) is always kept.
        node.remember_address(&at(stranger)).unwrap();
        assert_eq!(node.address_of(stranger).direct, at(stranger).direct);
    }

    #[test]
    fn compaction_keeps_everything_and_the_same_actor() {
        let tmp = tempfile::tempdir().unwrap();
        let id = {
            let mut node = named(tmp.path());
            let id = node.create_group(&new_group()).unwrap();
            // Enough bytes to pass the 1 MiB compaction threshold.
            let body = "x".repeat(15_000);
            for _ in 0..80 {
                let item = new_item_id().unwrap();
                node.act(&id, |g, now| g.post(now, item, "t", &body, "en"))
                    .unwrap();
            }
            id
        };
        let mut node = LocalNode::open(tmp.path()).unwrap();
        assert_eq!(node.group(&id).unwrap().posts().len(), 80);
        let item = new_item_id().unwrap();
        node.act(&id, |g, now| g.post(now, item, "after", "reopen", "en"))
            .unwrap();
        let actors: std::collections::HashSet<_> = node
            .group(&id)
            .unwrap()
            .doc()
            .get_changes(&[])
            .iter()
            .map(|c| c.actor_id().clone())
            .collect();
        assert_eq!(
            actors.len(),
            1,
            "one actor per device and group, across restarts"
        );
    }
}
