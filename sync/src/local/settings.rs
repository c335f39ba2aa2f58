//! The person's and the device's settings: the profile, the network settings
//! (`network.json`) and the ports last bound (`ports.json`).
use causeway_core::schema::{ATTACHMENTS_SINCE, PROFILES_SINCE};
use causeway_core::view::{AttachedTo, FileRef};
use causeway_core::{GroupId, Profile, Role};

use super::LocalNode;
use crate::address::NetworkSettings;
use crate::error::SyncError;
use crate::identity::save_profile;

/// Where the network settings are kept.
pub(super) const NETWORK_FILE: &str = "network.json";

/// Where the ports the endpoint was last bound to are kept.
pub(super) const PORTS_FILE: &str = "ports.json";

/// Where the settings of files are kept.
pub(super) const FILES_FILE: &str = "files.json";

/// What downloads by itself (the person's choice, on this device).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FileSettings {
    /// Pictures up to this many megabytes download by themselves (0: none; thumbnails and
    /// avatars always do). Other files download when asked for.
    pub auto_images_mb: u32,
}

impl Default for FileSettings {
    fn default() -> Self {
        Self { auto_images_mb: 10 }
    }
}

impl FileSettings {
    /// The largest picture that downloads by itself, in bytes.
    pub fn auto_bytes(&self) -> u64 {
        u64::from(self.auto_images_mb) * causeway_core::view::MB
    }
}

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

/// What a group shows of this device that the profile says otherwise ([`LocalNode::profile_gaps`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ProfileGaps {
    /// The name to write.
    pub(crate) name: Option<String>,
    /// The bio to write.
    pub(crate) bio: Option<String>,
    /// The languages to write.
    pub(crate) languages: Option<Vec<String>>,
    /// The avatar to show (`Some(None)`: none).
    pub(crate) avatar: Option<Option<FileRef>>,
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
    /// write there (so that a rename reaches every group), the bio, the languages and the
    /// avatar. Nothing for a group this device is not a member of. What lives in a collection
    /// the group does not have yet (profiles: version 3; languages and avatars: version 6) is
    /// written only where this device is an admin, whose change makes the upgrade.
    pub(crate) fn profile_gaps(&self, id: &GroupId) -> ProfileGaps {
        let me = self.key.id();
        let Some(g) = self.group(id) else {
            return ProfileGaps::default();
        };
        let Some(role) = g.my_role() else {
            return ProfileGaps::default();
        };
        let can_write = |since: i64| {
            g.schema_version() >= since || (role >= Role::Admin && g.known_version() >= since)
        };
        let name = self.profile.display_name.trim();
        let name = (!name.is_empty() && g.member_name(me).is_some_and(|n| n != name))
            .then(|| name.to_owned());
        let bio = self.profile.bio.trim();
        let bio = (can_write(PROFILES_SINCE) && g.bio_of(me) != bio).then(|| bio.to_owned());
        let languages = (can_write(ATTACHMENTS_SINCE)
            && g.languages_of(me) != self.profile.languages
            && (g.schema_version() >= ATTACHMENTS_SINCE || !self.profile.languages.is_empty()))
        .then(|| self.profile.languages.clone());
        let shown = g.avatar_of(me).map(|a| a.file.hash);
        let wanted = self.profile.avatar.as_ref().map(|f| f.hash);
        let avatar =
            (can_write(ATTACHMENTS_SINCE) && shown != wanted).then(|| self.profile.avatar.clone());
        ProfileGaps {
            name,
            bio,
            languages,
            avatar,
        }
    }

    /// Writes into the group `id` what [`LocalNode::profile_gaps`] found. Returns whether it
    /// wrote anything.
    pub(crate) fn follow_profile(&mut self, id: &GroupId) -> Result<bool, SyncError> {
        let gaps = self.profile_gaps(id);
        if let Some(name) = &gaps.name {
            self.act(id, |g, now| g.set_display_name(now, name))?;
        }
        if let Some(bio) = &gaps.bio {
            self.act_all(id, |g, now| g.set_bio(now, bio))?;
        }
        if let Some(languages) = &gaps.languages {
            self.act_all(id, |g, now| g.set_languages(now, languages))?;
        }
        if let Some(avatar) = gaps.avatar.clone() {
            let new = match avatar {
                Some(f) => Some((super::new_item_id()?, f)),
                None => None,
            };
            self.act_all(id, |g, now| {
                g.set_picture(now, AttachedTo::Avatar, new.clone())
            })?;
        }
        Ok(gaps != ProfileGaps::default())
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

    /// What downloads by itself (defaults if none were saved or the file is damaged).
    pub fn file_settings(&self) -> FileSettings {
        self.dir
            .read_file(FILES_FILE)
            .ok()
            .flatten()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Saves what downloads by itself.
    pub fn set_file_settings(&mut self, settings: FileSettings) -> Result<(), SyncError> {
        let bytes =
            serde_json::to_vec_pretty(&settings).map_err(|e| SyncError::Internal(e.to_string()))?;
        self.dir.write_file_atomic(FILES_FILE, &bytes)?;
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
