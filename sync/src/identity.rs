//! The device key on disk and as the iroh endpoint key.

use causeway_core::{DeviceKey, Profile};
use serde::{Deserialize, Serialize};

use crate::error::SyncError;
use crate::store::DataDir;

const PROFILE_FILE: &str = "profile.json";

/// Fills `buf` from the operating system's CSPRNG.
pub(crate) fn random_bytes<const N: usize>() -> Result<[u8; N], SyncError> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).map_err(|e| SyncError::Randomness(e.to_string()))?;
    Ok(buf)
}

/// Loads the device key, creating it on first run. The bytes never reach a log.
pub(crate) fn load_or_create_key(dir: &DataDir) -> Result<DeviceKey, SyncError> {
    let mut fresh: Option<Result<[u8; 32], SyncError>> = None;
    let bytes = dir.load_or_create_device_key(|| {
        let r = random_bytes::<32>();
        let out = r.as_ref().map(|b| *b).unwrap_or([0; 32]);
        fresh = Some(r);
        out
    })?;
    if let Some(Err(e)) = fresh {
        // Randomness failed while creating a key: the all-zero key must never be used.
        return Err(e);
    }
    Ok(DeviceKey::from_bytes(&bytes))
}

/// The iroh endpoint key of this device: the same ed25519 key, so the id a peer authenticates
/// over QUIC is the id that signs the device's changes. Never exported from this crate.
pub(crate) fn endpoint_secret(key: &DeviceKey) -> iroh::SecretKey {
    iroh::SecretKey::from_bytes(&key.to_bytes())
}

#[derive(Serialize, Deserialize, Default)]
struct ProfileFile {
    display_name: String,
    #[serde(default)]
    bio: String,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    avatar: Option<crate::files::FileRecord>,
}

/// Reads the profile; a missing file is an empty profile (first run).
pub(crate) fn load_profile(dir: &DataDir) -> Result<Profile, SyncError> {
    let Some(bytes) = dir.read_file(PROFILE_FILE)? else {
        return Ok(Profile::default());
    };
    let p: ProfileFile =
        serde_json::from_slice(&bytes).map_err(|e| SyncError::BadProfile(e.to_string()))?;
    Ok(Profile {
        display_name: p.display_name,
        bio: p.bio,
        languages: p.languages,
        avatar: p.avatar.and_then(|a| a.to_ref()),
    })
}

/// Writes the profile atomically.
pub(crate) fn save_profile(dir: &DataDir, p: &Profile) -> Result<(), SyncError> {
    let file = ProfileFile {
        display_name: p.display_name.clone(),
        bio: p.bio.clone(),
        languages: p.languages.clone(),
        avatar: p.avatar.as_ref().map(crate::files::FileRecord::from),
    };
    let bytes =
        serde_json::to_vec_pretty(&file).map_err(|e| SyncError::BadProfile(e.to_string()))?;
    dir.write_file_atomic(PROFILE_FILE, &bytes)?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_endpoint_id_is_the_device_id() {
        let key = DeviceKey::from_bytes(&[5; 32]);
        let endpoint = endpoint_secret(&key);
        assert_eq!(endpoint.public().as_bytes(), key.id().as_bytes());
        // And a signature made by the endpoint key verifies as the device's.
        let msg = b"hello";
        let sig = endpoint.sign(msg);
        let vk = ed25519_dalek::VerifyingKey::from_bytes(key.id().as_bytes()).unwrap();
        assert!(
            vk.verify_strict(msg, &ed25519_dalek::Signature::from_bytes(&sig.to_bytes()))
                .is_ok()
        );
    }
}
