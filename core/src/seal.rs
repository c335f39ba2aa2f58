//! Sealing what only some members may read (a report): the words under a fresh content key
//! with XChaCha20-Poly1305, and that key wrapped for each reader with HPKE (RFC 9180, base
//! mode: X25519, HKDF-SHA256, ChaCha20-Poly1305) to the X25519 form of their ed25519 device
//! key. Each wrapped key and the words are bound to what they belong to (`context`: the
//! group and the report's id), so a sealed part copied elsewhere opens nowhere else.
//!
//! Core takes no randomness of its own: the caller passes a 32-byte seed from the operating
//! system's generator, which ChaCha20 stretches into the content key, the nonce and the
//! ephemeral keys.
//!
//! What this does not hide: that something was sealed, to whom (the wrapped keys are listed
//! by device), and its size.

use chacha20::ChaCha20Rng;
use chacha20::rand_core::{Rng, SeedableRng};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hpke::aead::ChaCha20Poly1305;
use hpke::kdf::HkdfSha256;
use hpke::kem::X25519HkdfSha256;
use hpke::{Deserializable, OpModeR, OpModeS, Serializable};

use crate::identity::{DeviceId, DeviceKey};

type Kem = X25519HkdfSha256;

/// Bytes of a wrapped key: the encapsulated key (32), the content key (32) and its tag (16).
pub const WRAPPED_LEN: usize = 80;
/// Bytes the sealed words add: the nonce (24) and the tag (16).
pub const BODY_OVERHEAD: usize = 40;

/// Why something sealed did not open (or could not be sealed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SealError {
    /// A reader's device id is not a point of the curve: no one could open it.
    #[error("a reader's device id is not a valid key")]
    BadReader,
    /// Not sealed to this device, or damaged, or bound to something else.
    #[error("this is not sealed to this device, or it was changed")]
    NotForMe,
}

/// The words sealed, and the content key wrapped for each reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    /// Nonce, then the words under the content key.
    pub body: Vec<u8>,
    /// The content key for each reader.
    pub keys: Vec<(DeviceId, Vec<u8>)>,
}

/// A content key, held only while it is used.
pub struct ContentKey([u8; 32]);

impl Drop for ContentKey {
    fn drop(&mut self) {
        // Not a guarantee against the optimiser, but the key does not linger on purpose.
        self.0 = [0; 32];
    }
}

/// Seals `words` for `readers`, bound to `context`, with randomness from `seed`.
pub fn seal(
    words: &[u8],
    context: &[u8],
    readers: &[DeviceId],
    seed: [u8; 32],
) -> Result<Sealed, SealError> {
    let mut rng = ChaCha20Rng::from_seed(seed);
    let mut key = ContentKey([0; 32]);
    rng.fill_bytes(&mut key.0);
    let mut nonce = [0u8; 24];
    rng.fill_bytes(&mut nonce);
    let cipher = XChaCha20Poly1305::new(&key.0.into());
    let sealed = cipher
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: words,
                aad: context,
            },
        )
        .map_err(|_| SealError::BadReader)?;
    let mut body = nonce.to_vec();
    body.extend_from_slice(&sealed);
    let mut keys = Vec::with_capacity(readers.len());
    for r in readers {
        keys.push((*r, wrap_with(&key, context, *r, &mut rng)?));
    }
    Ok(Sealed { body, keys })
}

/// Wraps `key` for one more reader (a moderator appointed after the report was made).
pub fn wrap(
    key: &ContentKey,
    context: &[u8],
    reader: DeviceId,
    seed: [u8; 32],
) -> Result<Vec<u8>, SealError> {
    wrap_with(key, context, reader, &mut ChaCha20Rng::from_seed(seed))
}

fn wrap_with(
    key: &ContentKey,
    context: &[u8],
    reader: DeviceId,
    rng: &mut ChaCha20Rng,
) -> Result<Vec<u8>, SealError> {
    let pk = x25519_public(reader)?;
    let info = info(context, reader);
    let (encapped, ct) = hpke::single_shot_seal_with_rng::<ChaCha20Poly1305, HkdfSha256, Kem>(
        &OpModeS::Base,
        &pk,
        &info,
        &key.0,
        &[],
        rng,
    )
    .map_err(|_| SealError::BadReader)?;
    let mut out = encapped.to_bytes().to_vec();
    out.extend_from_slice(&ct);
    Ok(out)
}

/// The content key wrapped in `wrapped`, if it was wrapped for `me` and `context`.
pub fn unwrap(wrapped: &[u8], context: &[u8], me: &DeviceKey) -> Result<ContentKey, SealError> {
    if wrapped.len() != WRAPPED_LEN {
        return Err(SealError::NotForMe);
    }
    let (encapped, ct) = wrapped.split_at(32);
    let encapped =
        <Kem as hpke::Kem>::EncappedKey::from_bytes(encapped).map_err(|_| SealError::NotForMe)?;
    let secret = me.x25519_secret();
    let sk =
        <Kem as hpke::Kem>::PrivateKey::from_bytes(&secret).map_err(|_| SealError::NotForMe)?;
    let info = info(context, me.id());
    let plain = hpke::single_shot_open::<ChaCha20Poly1305, HkdfSha256, Kem>(
        &OpModeR::Base,
        &sk,
        &encapped,
        &info,
        ct,
        &[],
    )
    .map_err(|_| SealError::NotForMe)?;
    let bytes: [u8; 32] = plain
        .as_slice()
        .try_into()
        .map_err(|_| SealError::NotForMe)?;
    Ok(ContentKey(bytes))
}

/// The words in `body`, under `key`, bound to `context`.
pub fn open(body: &[u8], context: &[u8], key: &ContentKey) -> Result<Vec<u8>, SealError> {
    if body.len() < BODY_OVERHEAD {
        return Err(SealError::NotForMe);
    }
    let (nonce, sealed) = body.split_at(24);
    let nonce: [u8; 24] = nonce.try_into().map_err(|_| SealError::NotForMe)?;
    XChaCha20Poly1305::new(&key.0.into())
        .decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: sealed,
                aad: context,
            },
        )
        .map_err(|_| SealError::NotForMe)
}

/// What a key is wrapped under: the context and the reader it is for.
fn info(context: &[u8], reader: DeviceId) -> Vec<u8> {
    let mut out = b"causeway/sealed-key/1".to_vec();
    out.extend_from_slice(context);
    out.extend_from_slice(reader.as_bytes());
    out
}

/// The X25519 public key of a device: its ed25519 key in Montgomery form.
fn x25519_public(device: DeviceId) -> Result<<Kem as hpke::Kem>::PublicKey, SealError> {
    let ed = ed25519_dalek::VerifyingKey::from_bytes(device.as_bytes())
        .map_err(|_| SealError::BadReader)?;
    <Kem as hpke::Kem>::PublicKey::from_bytes(&ed.to_montgomery().to_bytes())
        .map_err(|_| SealError::BadReader)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn key(n: u8) -> DeviceKey {
        DeviceKey::from_bytes(&[n; 32])
    }

    #[test]
    fn each_reader_opens_what_was_sealed_and_no_one_else_does() {
        let (chloe, amara, dara) = (key(3), key(1), key(4));
        let sealed = seal(
            b"he follows me home",
            b"group+report",
            &[chloe.id(), amara.id()],
            [9; 32],
        )
        .unwrap();
        assert_eq!(sealed.keys.len(), 2);
        assert!(sealed.body.len() == b"he follows me home".len() + BODY_OVERHEAD);
        for (who, k) in [(&chloe, &sealed.keys[0].1), (&amara, &sealed.keys[1].1)] {
            let ck = unwrap(k, b"group+report", who).unwrap();
            assert_eq!(
                open(&sealed.body, b"group+report", &ck).unwrap(),
                b"he follows me home"
            );
        }
        // Dara holds no key, and Chloé's key does not open for her.
        assert_eq!(
            unwrap(&sealed.keys[0].1, b"group+report", &dara).err(),
            Some(SealError::NotForMe)
        );
        // The words are not in the body.
        assert!(!sealed.body.windows(7).any(|w| w == b"follows"));
    }

    #[test]
    fn a_sealed_part_moved_to_another_context_or_changed_opens_nowhere() {
        let chloe = key(3);
        let sealed = seal(b"spam", b"group A/report 1", &[chloe.id()], [1; 32]).unwrap();
        assert!(unwrap(&sealed.keys[0].1, b"group B/report 1", &chloe).is_err());
        let ck = unwrap(&sealed.keys[0].1, b"group A/report 1", &chloe).unwrap();
        assert!(open(&sealed.body, b"group A/report 2", &ck).is_err());
        let mut bent = sealed.body.clone();
        let last = bent.len() - 1;
        bent[last] ^= 1;
        assert!(open(&bent, b"group A/report 1", &ck).is_err());
        assert!(open(&sealed.body[..10], b"group A/report 1", &ck).is_err());
        assert!(unwrap(&sealed.keys[0].1[..40], b"group A/report 1", &chloe).is_err());
    }

    #[test]
    fn a_key_wrapped_later_for_a_new_moderator_opens_the_same_words() {
        let (chloe, eli) = (key(3), key(5));
        let sealed = seal(b"doxing", b"ctx", &[chloe.id()], [2; 32]).unwrap();
        let ck = unwrap(&sealed.keys[0].1, b"ctx", &chloe).unwrap();
        let for_eli = wrap(&ck, b"ctx", eli.id(), [3; 32]).unwrap();
        let ck = unwrap(&for_eli, b"ctx", &eli).unwrap();
        assert_eq!(open(&sealed.body, b"ctx", &ck).unwrap(), b"doxing");
    }
}
