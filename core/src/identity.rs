//! Device identity: one ed25519 key per installation.
//!
//! The same key is the device's iroh endpoint key (sync converts it through bytes), so the id a
//! peer authenticates with over QUIC is the id that signs its changes.

use std::fmt;

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};

use crate::error::CoreError;
pub use crate::ids::DeviceId;
use crate::ids::{DocId, GroupId};
use crate::problem::{Field, Problem};

/// Domain separation for change signatures: a signature made for a Causeway change can never be
/// replayed as a signature over anything else (or over the same hash in another group).
const CHANGE_SIGNATURE_DOMAIN: &[u8] = b"causeway/change-signature/1";

/// Domain separation for the changes of a shared document: such a signature never passes for
/// a group change, nor for a change of another document or group.
const DOC_CHANGE_SIGNATURE_DOMAIN: &[u8] = b"causeway/doc-change-signature/1";

/// Signature checks on a device's id.
impl DeviceId {
    /// Verifies `signature` over a change `hash` in `group`, with `verify_strict`.
    pub fn verify_change(
        &self,
        group: &GroupId,
        hash: &automerge::ChangeHash,
        signature: &ChangeSignature,
    ) -> Result<(), CoreError> {
        let key = VerifyingKey::from_bytes(self.as_bytes()).map_err(|_| CoreError::BadSignature)?;
        let message = change_signing_message(group, hash);
        key.verify_strict(&message, &Signature::from_bytes(&signature.0))
            .map_err(|_| CoreError::BadSignature)
    }

    /// Verifies `signature` over the change `hash` of the shared document `doc` of `group`.
    pub fn verify_doc_change(
        &self,
        group: &GroupId,
        doc: &DocId,
        hash: &automerge::ChangeHash,
        signature: &ChangeSignature,
    ) -> Result<(), CoreError> {
        let key = VerifyingKey::from_bytes(self.as_bytes()).map_err(|_| CoreError::BadSignature)?;
        let message = doc_change_signing_message(group, doc, hash);
        key.verify_strict(&message, &Signature::from_bytes(&signature.0))
            .map_err(|_| CoreError::BadSignature)
    }
}

/// The secret key of this device. `Debug` prints only the public id; the key is zeroized on drop
/// (ed25519-dalek's `SigningKey` does that itself).
#[derive(Clone)]
pub struct DeviceKey {
    key: SigningKey,
}

impl DeviceKey {
    /// Builds the key from its 32 secret bytes (as stored on disk or produced by a CSPRNG).
    pub fn from_bytes(secret: &[u8; 32]) -> Self {
        Self {
            key: SigningKey::from_bytes(secret),
        }
    }

    /// The 32 secret bytes, for storage and for building the iroh endpoint key. Handle with care.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.key.to_bytes()
    }

    /// The X25519 secret that goes with this key (RFC 7748's form of the ed25519 secret
    /// scalar), for opening what was sealed to this device.
    pub(crate) fn x25519_secret(&self) -> [u8; 32] {
        self.key.to_scalar_bytes()
    }

    /// Signs `message` (a domain-separated message of core's own).
    pub(crate) fn sign_raw(&self, message: &[u8]) -> [u8; 64] {
        self.key.sign(message).to_bytes()
    }

    /// The public id of this device.
    pub fn id(&self) -> DeviceId {
        DeviceId::from_bytes(self.key.verifying_key().to_bytes())
    }

    /// Signs a change hash for `group`.
    pub fn sign_change(&self, group: &GroupId, hash: &automerge::ChangeHash) -> ChangeSignature {
        ChangeSignature(
            self.key
                .sign(&change_signing_message(group, hash))
                .to_bytes(),
        )
    }
}

impl DeviceKey {
    /// Signs the change `hash` of the shared document `doc` of `group`.
    pub fn sign_doc_change(
        &self,
        group: &GroupId,
        doc: &DocId,
        hash: &automerge::ChangeHash,
    ) -> ChangeSignature {
        ChangeSignature(
            self.key
                .sign(&doc_change_signing_message(group, doc, hash))
                .to_bytes(),
        )
    }
}

impl fmt::Debug for DeviceKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DeviceKey(id {}, secret hidden)", self.id().fmt_short())
    }
}

/// An ed25519 signature by a change's author over [`change_signing_message`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ChangeSignature(pub [u8; 64]);

impl fmt::Debug for ChangeSignature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ChangeSignature({}..)", hex::encode(&self.0[..4]))
    }
}

/// The exact bytes a change signature covers: a domain tag, the group id and the change hash.
pub fn change_signing_message(group: &GroupId, hash: &automerge::ChangeHash) -> Vec<u8> {
    let mut m = Vec::with_capacity(CHANGE_SIGNATURE_DOMAIN.len() + 64);
    m.extend_from_slice(CHANGE_SIGNATURE_DOMAIN);
    m.extend_from_slice(group.as_bytes());
    m.extend_from_slice(&hash.0);
    m
}

/// The exact bytes a document change's signature covers: a domain tag of its own, the group
/// id, the document id and the change hash.
pub fn doc_change_signing_message(
    group: &GroupId,
    doc: &DocId,
    hash: &automerge::ChangeHash,
) -> Vec<u8> {
    let mut m = Vec::with_capacity(DOC_CHANGE_SIGNATURE_DOMAIN.len() + 96);
    m.extend_from_slice(DOC_CHANGE_SIGNATURE_DOMAIN);
    m.extend_from_slice(group.as_bytes());
    m.extend_from_slice(doc.as_bytes());
    m.extend_from_slice(&hash.0);
    m
}

/// A person's profile on this device: shown to the groups they belong to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Profile {
    /// The name other members see.
    pub display_name: String,
    /// A short text about the person.
    pub bio: String,
    /// Languages the person reads, as BCP 47 tags ("en", "fr", "pt-BR").
    pub languages: Vec<String>,
    /// The person's picture, shown in every group they are in (a picture already in this
    /// device's file store).
    pub avatar: Option<crate::view::FileRef>,
}

impl Profile {
    /// Longest display name accepted, in characters.
    pub const MAX_NAME_CHARS: usize = crate::limits::DISPLAY_NAME;
    /// Longest bio accepted, in characters.
    pub const MAX_BIO_CHARS: usize = crate::limits::BIO;

    /// Checks the profile a person typed; the error says what to change.
    pub fn validate(&self) -> Result<(), CoreError> {
        let name = self.display_name.trim();
        if name.is_empty() {
            return Err(CoreError::InvalidInput(Problem::NameRequired));
        }
        if name.chars().count() > Self::MAX_NAME_CHARS {
            return Err(CoreError::InvalidInput(Problem::TooLong {
                field: Field::DisplayName,
                max: Self::MAX_NAME_CHARS,
            }));
        }
        if self.bio.chars().count() > Self::MAX_BIO_CHARS {
            return Err(CoreError::InvalidInput(Problem::TooLong {
                field: Field::Bio,
                max: Self::MAX_BIO_CHARS,
            }));
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn key(seed: u8) -> DeviceKey {
        DeviceKey::from_bytes(&[seed; 32])
    }

    #[test]
    fn signature_verifies_for_the_signer_and_nobody_else() {
        let group = GroupId::from_bytes([7; 32]);
        let hash = automerge::ChangeHash([9; 32]);
        let sig = key(1).sign_change(&group, &hash);
        assert!(key(1).id().verify_change(&group, &hash, &sig).is_ok());
        assert!(key(2).id().verify_change(&group, &hash, &sig).is_err());
    }

    #[test]
    fn signature_does_not_carry_over_to_another_group() {
        let hash = automerge::ChangeHash([9; 32]);
        let sig = key(1).sign_change(&GroupId::from_bytes([1; 32]), &hash);
        let other = GroupId::from_bytes([2; 32]);
        assert!(key(1).id().verify_change(&other, &hash, &sig).is_err());
    }

    #[test]
    fn debug_output_never_shows_the_secret() {
        let k = key(42);
        let printed = format!("{k:?}");
        assert!(!printed.contains(&hex::encode(k.to_bytes())));
        assert!(printed.contains(&k.id().fmt_short()));
    }

    #[test]
    fn device_id_hex_round_trips_and_rejects_junk() {
        let id = key(3).id();
        assert_eq!(DeviceId::from_hex(&id.to_hex()).unwrap(), id);
        assert!(DeviceId::from_hex("xyz").is_err());
        assert!(DeviceId::from_hex(&id.to_hex().to_uppercase()).is_err());
    }

    #[test]
    fn empty_or_overlong_display_names_are_refused() {
        let mut p = Profile {
            display_name: "  ".into(),
            ..Profile::default()
        };
        assert!(p.validate().is_err());
        p.display_name = "x".repeat(101);
        assert!(p.validate().is_err());
        p.display_name = "Amara".into();
        assert!(p.validate().is_ok());
    }
}
