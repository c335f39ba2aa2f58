//! The person's and the device's settings: the profile, the network settings
//! (`network.json`) and the ports last bound (`ports.json`).
use causeway_core::schema::PROFILES_SINCE;
use causeway_core::{GroupId, Profile, Role};

use super::LocalNode;
use crate::address::NetworkSettings;
use crate::error::SyncError;
use crate::identity::save_profile;

/// Where the network settings are kept.
pub(super) const NETWORK_FILE: &str = "network.json";

/// Where the ports the endpoint was last bound to are kept.
pub(super) const PORTS_FILE: &str = "ports.json";

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

impl LocalNode {
    /// Saves the profile.
    pub fn set_profile(&mut self, profile: Profile) -> Result<(), SyncError> {
        profile.validate()?;
        save_profile(&self.dir, &profile)?;
        self.profile = profile;
        self.dirty.all = true;
        Ok(())
    }

    /// What the group `id` shows of this device that the profile says otherwise: the name to
    /// write there (so that a rename reaches every group) and the bio. Nothing for a group
    /// this device is not a member of; no bio for a group without profiles yet (schema
    /// version 3) unless this device is an admin there, whose bio makes the upgrade.
    pub(crate) fn profile_gaps(&self, id: &GroupId) -> (Option<String>, Option<String>) {
        let me = self.key.id();
        let Some(g) = self.group(id) else {
            return (None, None);
        };
        let Some(role) = g.my_role() else {
            return (None, None);
        };
        let name = self.profile.display_name.trim();
        let name = (!name.is_empty() && g.member_name(me).is_some_and(|n| n != name))
            .then(|| name.to_owned());
        let bio = self.profile.bio.trim();
        let can_write = g.schema_version() >= PROFILES_SINCE
            || (role >= Role::Admin && g.known_version() >= PROFILES_SINCE);
        let bio = (can_write && g.bio_of(me) != bio).then(|| bio.to_owned());
        (name, bio)
    }

    /// Writes into the group `id` what [`LocalNode::profile_gaps`] found. Returns whether it
    /// wrote anything.
    pub(crate) fn follow_profile(&mut self, id: &GroupId) -> Result<bool, SyncError> {
        let (name, bio) = self.profile_gaps(id);
        if let Some(name) = &name {
            self.act(id, |g, now| g.set_display_name(now, name))?;
        }
        if let Some(bio) = &bio {
            self.act_all(id, |g, now| g.set_bio(now, bio))?;
        }
        Ok(name.is_some() || bio.is_some())
    }

    /// The network settings the person chose (defaults if none were saved or the file is
    /// damaged).
    pub fn network_settings(&self) -> NetworkSettings {
        self.dir
            .read_file(NETWORK_FILE)
            .ok()
            .flatten()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Saves the network settings; they apply from the next start.
    pub fn set_network_settings(&mut self, settings: &NetworkSettings) -> Result<(), SyncError> {
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
}
