//! Identifiers of groups and of items inside a group.

use std::fmt;

use crate::error::CoreError;
use crate::identity::{parse_hex32, truncate_for_message};

/// A group's id: the hash of the group's first (genesis) change. It therefore names exactly one
/// creation event by one owner and cannot be claimed by anybody else.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GroupId([u8; 32]);

impl GroupId {
    /// Wraps raw bytes.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(bytes)
    }

    /// The raw bytes.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Parses the 64-character lowercase hex form.
    pub fn from_hex(s: &str) -> Result<Self, CoreError> {
        parse_hex32(s)
            .map(Self)
            .ok_or_else(|| CoreError::InvalidId {
                what: "group id",
                input: truncate_for_message(s),
            })
    }

    /// The 64-character hex form.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// A short form for logs and the UI.
    pub fn fmt_short(&self) -> String {
        hex::encode(&self.0[..5])
    }
}

impl fmt::Display for GroupId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for GroupId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GroupId({})", self.fmt_short())
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

    /// Parses the 16-character lowercase hex form.
    pub fn from_hex(s: &str) -> Result<Self, CoreError> {
        Self::parse(s).ok_or_else(|| CoreError::InvalidId {
            what: "post or comment id",
            input: truncate_for_message(s),
        })
    }

    pub(crate) fn parse(s: &str) -> Option<Self> {
        if s.len() != 16
            || !s
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
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
}
