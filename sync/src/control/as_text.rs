//! How the core's ids and words travel in a control request or answer: as the text a person
//! sees (ids in hex, roles and visibilities as their words), so the JSON that `causeway
//! --json` prints and scripts read is the same as on the socket.
use causeway_core::{DeviceId, DocId, GroupId, ItemId, ItemKind, Role, Visibility};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};

/// A type that travels as one word.
pub trait AsText: Sized {
    /// The word.
    fn text(&self) -> String;
    /// The value of a word, or why it is none.
    fn from_text(s: &str) -> Result<Self, String>;
}

impl AsText for GroupId {
    fn text(&self) -> String {
        self.to_hex()
    }
    fn from_text(s: &str) -> Result<Self, String> {
        GroupId::from_hex(s).map_err(|_| format!("{s:?} is not a group id"))
    }
}

impl AsText for causeway_core::BlobHash {
    fn text(&self) -> String {
        self.to_hex()
    }
    fn from_text(s: &str) -> Result<Self, String> {
        causeway_core::BlobHash::from_hex(s).map_err(|_| format!("{s:?} is not a file hash"))
    }
}

impl AsText for DocId {
    fn text(&self) -> String {
        self.to_hex()
    }
    fn from_text(s: &str) -> Result<Self, String> {
        DocId::from_hex(s).map_err(|_| format!("{s:?} is not a document id"))
    }
}

impl AsText for DeviceId {
    fn text(&self) -> String {
        self.to_hex()
    }
    fn from_text(s: &str) -> Result<Self, String> {
        DeviceId::from_hex(s).map_err(|_| format!("{s:?} is not a device id"))
    }
}

impl AsText for ItemId {
    fn text(&self) -> String {
        self.to_hex()
    }
    fn from_text(s: &str) -> Result<Self, String> {
        ItemId::from_hex(s).map_err(|_| format!("{s:?} is not an item id"))
    }
}

impl AsText for Role {
    fn text(&self) -> String {
        self.as_str().to_string()
    }
    fn from_text(s: &str) -> Result<Self, String> {
        Role::parse(s).ok_or_else(|| format!("{s:?} is not a role"))
    }
}

impl AsText for Visibility {
    fn text(&self) -> String {
        self.as_str().to_string()
    }
    fn from_text(s: &str) -> Result<Self, String> {
        Visibility::parse(s).ok_or_else(|| format!("{s:?} is not open, request or invite"))
    }
}

impl AsText for ItemKind {
    fn text(&self) -> String {
        match self {
            ItemKind::Post => "post",
            ItemKind::Comment => "comment",
        }
        .to_string()
    }
    fn from_text(s: &str) -> Result<Self, String> {
        match s {
            "post" => Ok(ItemKind::Post),
            "comment" => Ok(ItemKind::Comment),
            _ => Err(format!("{s:?} is not post or comment")),
        }
    }
}

/// `#[serde(with = "as_text")]` for one value.
pub fn serialize<T: AsText, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&v.text())
}

/// `#[serde(with = "as_text")]` for one value.
pub fn deserialize<'de, T: AsText, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    T::from_text(&String::deserialize(d)?).map_err(D::Error::custom)
}

/// `#[serde(with = "as_text::option")]`.
pub mod option {
    use super::*;

    /// Serializes `None` as null.
    pub fn serialize<T: AsText, S: Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(v) => s.serialize_some(&v.text()),
            None => s.serialize_none(),
        }
    }

    /// Reads null (or a missing field, with `#[serde(default)]`) as `None`.
    pub fn deserialize<'de, T: AsText, D: Deserializer<'de>>(d: D) -> Result<Option<T>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|s| T::from_text(&s).map_err(D::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct T {
        #[serde(with = "super")]
        g: GroupId,
        #[serde(with = "super::option", default)]
        r: Option<Role>,
    }

    #[test]
    fn ids_and_words_travel_as_text_and_bad_text_is_refused() {
        let t = T {
            g: GroupId::from_bytes([7; 32]),
            r: Some(Role::Moderator),
        };
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            format!(r#"{{"g":"{}","r":"moderator"}}"#, "07".repeat(32))
        );
        assert_eq!(serde_json::from_str::<T>(&json).unwrap(), t);
        let missing = format!(r#"{{"g":"{}"}}"#, "07".repeat(32));
        assert_eq!(serde_json::from_str::<T>(&missing).unwrap().r, None);
        assert!(serde_json::from_str::<T>(r#"{"g":"zz"}"#).is_err());
        let bad_role = format!(r#"{{"g":"{}","r":"king"}}"#, "07".repeat(32));
        assert!(serde_json::from_str::<T>(&bad_role).is_err());
    }
}
