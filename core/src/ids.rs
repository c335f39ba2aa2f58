//! Identifiers: the 32-byte ids of devices and groups, the ids of items inside a group, and
//! timestamps.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::marker::PhantomData;

use crate::error::CoreError;

/// What a 32-byte id names. It fixes the id's name in messages and in `Debug` output, and
/// keeps ids of different kinds apart: a [`DeviceId`] is never taken for a [`GroupId`].
pub trait IdKind {
    /// How a person calls it, in error messages ("device id").
    const WHAT: &'static str;
    /// The type's name in `Debug` output ("DeviceId").
    const TYPE: &'static str;
}

/// The kinds of 32-byte ids.
pub mod kind {
    /// A device: an ed25519 public key ([`super::DeviceId`]).
    #[derive(Debug)]
    pub enum Device {}

    /// A group: the hash of its first change ([`super::GroupId`]).
    #[derive(Debug)]
    pub enum Group {}

    /// A shared document: the hash of its first change ([`super::DocId`]).
    #[derive(Debug)]
    pub enum Doc {}

    /// A file's bytes: their BLAKE3 hash ([`super::BlobHash`]).
    #[derive(Debug)]
    pub enum Blob {}

    impl super::IdKind for Blob {
        const WHAT: &'static str = "file hash";
        const TYPE: &'static str = "BlobHash";
    }

    impl super::IdKind for Doc {
        const WHAT: &'static str = "document id";
        const TYPE: &'static str = "DocId";
    }

    impl super::IdKind for Device {
        const WHAT: &'static str = "device id";
        const TYPE: &'static str = "DeviceId";
    }

    impl super::IdKind for Group {
        const WHAT: &'static str = "group id";
        const TYPE: &'static str = "GroupId";
    }
}

/// 32 bytes that name something of kind `K`, written as 64 lowercase hex characters.
pub struct Id32<K>([u8; 32], PhantomData<fn() -> K>);

/// The public identity of a device (an ed25519 public key; also its iroh endpoint id). Whether
/// the bytes are a valid curve point is checked when a signature is verified, so a malformed id
/// simply never verifies anything.
pub type DeviceId = Id32<kind::Device>;

/// A group's id: the hash of the group's first (genesis) change. It therefore names exactly one
/// creation event by one owner and cannot be claimed by anybody else.
pub type GroupId = Id32<kind::Group>;

/// The BLAKE3 hash of a file's bytes, which names the file (a picture, an attachment) wherever
/// it is stored or sent.
pub type BlobHash = Id32<kind::Blob>;

/// A shared document's id: the hash of the document's first change, which creates its text.
pub type DocId = Id32<kind::Doc>;

impl<K: IdKind> Id32<K> {
    /// Length of the id in bytes.
    pub const LEN: usize = 32;

    /// Wraps raw bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes, PhantomData)
    }

    /// The raw bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Parses the 64-character lowercase hex form used in documents and on the command line.
    pub fn from_hex(s: &str) -> Result<Self, CoreError> {
        parse_hex32(s)
            .map(Self::from_bytes)
            .ok_or_else(|| CoreError::InvalidId {
                what: K::WHAT,
                input: truncate_for_message(s),
            })
    }

    /// The full 64-character hex form.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// A short form for logs and the UI (first 10 hex characters). Never used as a key.
    pub fn fmt_short(&self) -> String {
        hex::encode(&self.0[..5])
    }
}

// Written out rather than derived: a derive would ask the kind, which is never a value, to
// implement each trait too.
impl<K> Clone for Id32<K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K> Copy for Id32<K> {}

impl<K> PartialEq for Id32<K> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl<K> Eq for Id32<K> {}

impl<K> Hash for Id32<K> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl<K> PartialOrd for Id32<K> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl<K> Ord for Id32<K> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.cmp(&other.0)
    }
}

impl<K: IdKind> fmt::Display for Id32<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl<K: IdKind> fmt::Debug for Id32<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}({})", K::TYPE, self.fmt_short())
    }
}

/// The id of a post or a comment: 64 random bits chosen by its author, written as 16 hex
/// characters. Two authors picking the same id is harmless: both objects are kept (Automerge
/// records the conflict) and each stays owned by the device that created it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ItemId(u64);

impl ItemId {
    /// Wraps 64 random bits (the caller supplies the randomness).
    pub const fn from_u64(v: u64) -> Self {
        Self(v)
    }

    /// The 64 bits (as a wire format writes them).
    pub const fn to_u64(self) -> u64 {
        self.0
    }

    /// Parses the 16-character lowercase hex form.
    pub fn from_hex(s: &str) -> Result<Self, CoreError> {
        Self::parse(s).ok_or_else(|| CoreError::InvalidId {
            what: "post or comment id",
            input: truncate_for_message(s),
        })
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        if s.len() != 16 || !is_lower_hex(s) {
            return None;
        }
        u64::from_str_radix(s, 16).ok().map(Self)
    }

    /// The 16-character hex form used as the document key.
    pub fn to_hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ItemId({})", self.to_hex())
    }
}

/// Milliseconds since the Unix epoch. Core never reads the clock: callers pass time in.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Default)]
pub struct Timestamp(pub i64);

fn is_lower_hex(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// 32 bytes from exactly 64 lowercase hex characters.
fn parse_hex32(s: &str) -> Option<[u8; 32]> {
    let mut out = [0u8; 32];
    if s.len() != 64 || !is_lower_hex(s) {
        return None;
    }
    hex::decode_to_slice(s, &mut out).ok()?;
    Some(out)
}

/// What an error message quotes of a person's input: at most 80 characters of it.
fn truncate_for_message(s: &str) -> String {
    s.chars().take(80).collect()
}

// In the few binary forms core writes itself (a sealed report), ids are their bytes: 32 for
// an `Id32`, a `u64` for an item.
impl<K> serde::Serialize for Id32<K> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, K> serde::Deserialize<'de> for Id32<K> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        <[u8; 32]>::deserialize(d).map(|b| Id32(b, PhantomData))
    }
}

impl serde::Serialize for ItemId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for ItemId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        u64::deserialize(d).map(ItemId)
    }
}

impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> serde::Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        i64::deserialize(d).map(Timestamp)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn item_ids_round_trip_through_their_document_key() {
        let id = ItemId::from_u64(0x00ab_cdef_0123_4567);
        assert_eq!(id.to_hex(), "00abcdef01234567");
        assert_eq!(ItemId::from_hex(&id.to_hex()).unwrap(), id);
        assert!(ItemId::from_hex("00ABCDEF01234567").is_err());
        assert!(ItemId::from_hex("abc").is_err());
    }

    #[test]
    fn device_and_group_ids_name_their_kind_in_messages_and_debug_output() {
        let bytes = [0xab; 32];
        assert_eq!(
            format!("{:?}", DeviceId::from_bytes(bytes)),
            "DeviceId(ababababab)"
        );
        assert_eq!(
            format!("{:?}", GroupId::from_bytes(bytes)),
            "GroupId(ababababab)"
        );
        let group = GroupId::from_hex(&"ab".repeat(32)).unwrap();
        assert_eq!(group.as_bytes(), &bytes);
        assert_eq!(group.to_string(), "ab".repeat(32));
        let err = GroupId::from_hex("nope").unwrap_err().to_string();
        assert_eq!(err, "group id \"nope\" is not valid");
        let err = DeviceId::from_hex(&"x".repeat(100))
            .unwrap_err()
            .to_string();
        assert_eq!(err, format!("device id {:?} is not valid", "x".repeat(80)));
    }
}
