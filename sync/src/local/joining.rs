//! The invite book as the local state keeps it (`invites.json`): invites this device issued,
//! and requests to join that wait for an admin; joining and admitting joiners.
use causeway_core::Group;
use causeway_core::{CoreError, DeviceId, GroupId, Problem, Timestamp};
use tracing::warn;

use super::load::{Stored, actor_suffix};
use super::{JOINING_FILE, LocalNode, now};
use crate::error::{SyncError, SyncProblem};
use crate::identity::random_bytes;
use crate::invites::{INVITE_FILE, Invite, JoinRefusal, JoinRequest};

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

/// How the log names a withdrawn invite: when it was made (UTC) and the first six hex digits
/// of SHA-256 over the group id and its secret, which tell invites apart without giving the
/// secret away.
fn withdrawn_label(created_at: i64, group: &GroupId, secret: &[u8; 16]) -> String {
    use sha2::Digest;
    let when = chrono::DateTime::from_timestamp_millis(created_at)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default();
    let mut h = sha2::Sha256::new();
    h.update(b"causeway/withdrawn-invite/1");
    h.update(group.as_bytes());
    h.update(secret);
    let fp = hex::encode(&h.finalize()[..3]);
    format!("made {when} ({fp})")
}

impl LocalNode {
    pub(super) fn save_invites(&mut self, group: &GroupId) -> Result<(), SyncError> {
        self.dirty.groups.insert(*group);
        self.dir
            .write_file_atomic(INVITE_FILE, &self.invites.to_bytes()?)?;
        Ok(())
    }

    pub(crate) fn require_admin(&self, id: &GroupId) -> Result<(), SyncError> {
        let g = self.groups.get(id).ok_or(SyncError::UnknownGroup(*id))?;
        match g.group.my_role() {
            Some(r) if r >= causeway_core::Role::Admin => Ok(()),
            _ => Err(CoreError::NotPermitted(Problem::OnlyAdminsCanInvite).into()),
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
        let label = withdrawn_label(inv.created_at, id, secret);
        self.save_invites(id)?;
        // The group's log says an admin withdrew an invite: when it was made and a short
        // fingerprint of it, never its secret (whoever holds an invite could still join).
        // (An admin since demoted withdraws what they issued without an entry.)
        self.act_all(id, |g, now| {
            if g.my_role().is_none_or(|r| r < causeway_core::Role::Admin) {
                return Ok(Vec::new());
            }
            let mut made = g.open_log(now)?;
            made.extend(g.log_withdrawn_invite(now, &label, "")?);
            Ok(made)
        })?;
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
    /// The requests to join `id` waiting here, without those of people who are members now
    /// (another admin approved them).
    pub fn pending_requests(&self, id: &GroupId) -> Vec<JoinRequest> {
        let g = id.to_hex();
        let member = |d: &str| {
            DeviceId::from_hex(d)
                .is_ok_and(|d| self.group(id).is_some_and(|gr| gr.role_of(d).is_some()))
        };
        self.invites
            .pending
            .iter()
            .filter(|p| p.group == g && !member(&p.device))
            .cloned()
            .collect()
    }

    /// Forgets the request of `device` to join `id` (another admin declined it); whether
    /// one waited.
    pub fn drop_request(&mut self, id: &GroupId, device: DeviceId) -> Result<bool, SyncError> {
        let (g, d) = (id.to_hex(), device.to_hex());
        let before = self.invites.pending.len();
        self.invites
            .pending
            .retain(|p| !(p.group == g && p.device == d));
        if self.invites.pending.len() == before {
            return Ok(false);
        }
        self.save_invites(id)?;
        Ok(true)
    }

    /// Marks `id`'s view to be built again (what it shows changed outside the group).
    pub(crate) fn touch(&mut self, id: &GroupId) {
        self.dirty.groups.insert(*id);
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
                via: None,
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
            .ok_or(SyncError::NotPermitted(SyncProblem::NoSuchRequest))?;
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
        if !self.drop_request(id, device)? {
            return Err(SyncError::NotPermitted(SyncProblem::NoSuchRequest));
        }
        Ok(())
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
        let mut group = Group::joining(id, self.key.clone(), suffix);
        group.set_known_version(self.known_version)?;
        self.groups.insert(id, Stored::new(group, store));
        self.dirty.groups.insert(id);
        Ok(true)
    }
}
