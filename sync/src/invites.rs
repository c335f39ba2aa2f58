//! Invite tickets and the invites this device has issued.
//!
//! A ticket is a copy-pasteable string: `cw1` followed by lower-case base32 (no padding) of
//! the layout in PROTOCOL.md ("Invite tickets"). It names the group and the inviting device (id
//! and addresses) and carries a 128-bit secret. The inviting device alone decides whether a
//! ticket is still good: it keeps the secret, the expiry, the use limit and whether the invite was
//! revoked in its data folder (`invites.json`).

use std::net::{IpAddr, SocketAddr};

use causeway_core::{DeviceId, GroupId, Timestamp};
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq;

use crate::address::PeerAddress;
use crate::error::SyncError;
pub use crate::error::{BadTicket, JoinRefusal};

const PREFIX: &str = "cw1";
const VERSION: u8 = 1;
/// Longest ticket text accepted (checked before decoding).
const MAX_TICKET_CHARS: usize = 2048;

/// A parsed invite ticket.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ticket {
    /// The group to join.
    pub group: GroupId,
    /// The inviting device and where to reach it.
    pub inviter: PeerAddress,
    /// The invite's secret.
    pub secret: [u8; 16],
    /// When the invite stops working, as the inviter said when issuing it (it enforces it).
    pub expires_at: Option<Timestamp>,
    /// The inviting person's name, for the joiner to see before joining (may be empty).
    pub inviter_name: String,
    /// The group's name, likewise (may be empty).
    pub group_name: String,
}

/// At most 255 bytes of `s`, cut at a character boundary.
fn short(s: &str) -> &str {
    let mut end = s.len().min(255);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

impl Ticket {
    /// The ticket as text.
    pub fn to_text(&self) -> String {
        let mut b = vec![VERSION];
        b.extend_from_slice(self.group.as_bytes());
        b.extend_from_slice(self.inviter.id.as_bytes());
        b.extend_from_slice(&self.secret);
        b.extend_from_slice(&self.expires_at.map_or(0, |t| t.0).to_le_bytes());
        let addrs: Vec<&SocketAddr> = self.inviter.direct.iter().take(16).collect();
        b.push(addrs.len() as u8);
        for a in addrs {
            match a.ip() {
                IpAddr::V4(ip) => {
                    b.push(4);
                    b.extend_from_slice(&ip.octets());
                }
                IpAddr::V6(ip) => {
                    b.push(6);
                    b.extend_from_slice(&ip.octets());
                }
            }
            b.extend_from_slice(&a.port().to_le_bytes());
        }
        let relay = self.inviter.relay.as_deref().unwrap_or("").as_bytes();
        let relay = if relay.len() > 255 { &[][..] } else { relay };
        b.push(relay.len() as u8);
        b.extend_from_slice(relay);
        for name in [short(&self.inviter_name), short(&self.group_name)] {
            b.push(name.len() as u8);
            b.extend_from_slice(name.as_bytes());
        }
        format!(
            "{PREFIX}{}",
            data_encoding::BASE32_NOPAD.encode(&b).to_lowercase()
        )
    }

    /// Reads a ticket a person pasted (spaces and line breaks are ignored, case too).
    pub fn parse(text: &str) -> Result<Ticket, BadTicket> {
        let cleaned: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        if cleaned.len() > MAX_TICKET_CHARS {
            return Err(BadTicket("it is too long"));
        }
        let body = cleaned
            .strip_prefix(PREFIX)
            .ok_or(BadTicket("it does not start with cw1"))?;
        let bytes = data_encoding::BASE32_NOPAD
            .decode(body.to_uppercase().as_bytes())
            .map_err(|_| BadTicket("some characters are wrong or missing"))?;
        let mut r = bytes.as_slice();
        let mut take = |n: usize| -> Result<Vec<u8>, BadTicket> {
            if r.len() < n {
                return Err(BadTicket("it is cut short"));
            }
            let (a, rest) = r.split_at(n);
            r = rest;
            Ok(a.to_vec())
        };
        if take(1)?[0] != VERSION {
            return Err(BadTicket("it was made by a newer Causeway"));
        }
        let arr32 = |v: Vec<u8>| -> [u8; 32] { v.try_into().unwrap_or([0; 32]) };
        let group = GroupId::from_bytes(arr32(take(32)?));
        let inviter = DeviceId::from_bytes(arr32(take(32)?));
        let secret: [u8; 16] = take(16)?
            .try_into()
            .map_err(|_| BadTicket("it is cut short"))?;
        let expires: [u8; 8] = take(8)?
            .try_into()
            .map_err(|_| BadTicket("it is cut short"))?;
        let expires = i64::from_le_bytes(expires);
        let n = take(1)?[0] as usize;
        if n > 16 {
            return Err(BadTicket("it lists too many addresses"));
        }
        let mut direct = Vec::with_capacity(n);
        for _ in 0..n {
            let ip: IpAddr = match take(1)?[0] {
                4 => <[u8; 4]>::try_from(take(4)?)
                    .map(IpAddr::from)
                    .map_err(|_| BadTicket("an address is damaged"))?,
                6 => <[u8; 16]>::try_from(take(16)?)
                    .map(IpAddr::from)
                    .map_err(|_| BadTicket("an address is damaged"))?,
                _ => return Err(BadTicket("an address is damaged")),
            };
            let port = take(2)?;
            direct.push(SocketAddr::new(ip, u16::from_le_bytes([port[0], port[1]])));
        }
        let relay_len = take(1)?[0] as usize;
        let relay_bytes = take(relay_len)?;
        let relay = if relay_len == 0 {
            None
        } else {
            Some(
                String::from_utf8(relay_bytes)
                    .map_err(|_| BadTicket("the relay address is damaged"))?,
            )
        };
        // Names came later; a ticket without them is still complete.
        let mut names = [String::new(), String::new()];
        if let Ok(first) = take(1) {
            let mut len = first[0] as usize;
            for (i, name) in names.iter_mut().enumerate() {
                if i > 0 {
                    len = take(1)?[0] as usize;
                }
                *name = String::from_utf8(take(len)?)
                    .map_err(|_| BadTicket("a name in it is damaged"))?;
            }
        }
        if !r.is_empty() {
            return Err(BadTicket("it has extra characters at the end"));
        }
        let [inviter_name, group_name] = names;
        Ok(Ticket {
            group,
            inviter: PeerAddress {
                id: inviter,
                direct,
                relay,
            },
            secret,
            expires_at: (expires != 0).then_some(Timestamp(expires)),
            inviter_name,
            group_name,
        })
    }
}

/// One invite this device issued.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Invite {
    /// Group id, hex.
    pub group: String,
    /// Secret, hex.
    pub secret: String,
    /// When issued (ms).
    pub created_at: i64,
    /// When it stops working (ms), if ever.
    pub expires_at: Option<i64>,
    /// How many people may use it, if limited.
    pub max_uses: Option<u32>,
    /// How many used it.
    pub used: u32,
    /// Withdrawn.
    pub revoked: bool,
}

impl Invite {
    /// Whether the invite still works at `now`, and if not, why.
    pub fn check(&self, now: Timestamp) -> Result<(), JoinRefusal> {
        if self.revoked {
            return Err(JoinRefusal::Revoked);
        }
        if self.expires_at.is_some_and(|e| now.0 >= e) {
            return Err(JoinRefusal::Expired);
        }
        if self.max_uses.is_some_and(|m| self.used >= m) {
            return Err(JoinRefusal::UsedUp);
        }
        Ok(())
    }

    /// Whether the invite still works at `now`.
    pub fn is_open(&self, now: Timestamp) -> bool {
        self.check(now).is_ok()
    }
}

/// A request to join a request-to-join group, waiting for an admin.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct JoinRequest {
    /// Group id, hex.
    pub group: String,
    /// Device id, hex.
    pub device: String,
    /// The name they gave.
    pub name: String,
    /// When they asked (ms).
    pub requested_at: i64,
    /// The admin's device it waits on, when not this one (another admin's invite was used);
    /// not stored.
    #[serde(skip)]
    pub via: Option<causeway_core::DeviceId>,
}

/// The invites and pending join requests this device holds (`invites.json`).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct InviteBook {
    /// Issued invites.
    pub invites: Vec<Invite>,
    /// Join requests awaiting approval.
    #[serde(default)]
    pub pending: Vec<JoinRequest>,
}

pub(crate) const INVITE_FILE: &str = "invites.json";

impl InviteBook {
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Self, SyncError> {
        serde_json::from_slice(bytes)
            .map_err(|e| SyncError::Internal(format!("the invites file is damaged: {e}")))
    }

    pub(crate) fn to_bytes(&self) -> Result<Vec<u8>, SyncError> {
        serde_json::to_vec_pretty(self).map_err(|e| SyncError::Internal(e.to_string()))
    }

    /// The invite issued for `group` with `secret`, and whether it still works at `now`. Takes
    /// the same time whichever group is named and whether it is held here: every invite is
    /// compared, group and secret, in constant time, so that neither the answer nor its time
    /// tells a stranger which groups this device holds.
    pub(crate) fn find(
        &self,
        group: &GroupId,
        secret: &[u8; 16],
        now: Timestamp,
    ) -> Result<usize, JoinRefusal> {
        let group_hex = group.to_hex();
        let presented = hex::encode(secret);
        let mut found = subtle::CtOption::new(0u64, subtle::Choice::from(0));
        for (i, inv) in self.invites.iter().enumerate() {
            let same = inv.group.as_bytes().ct_eq(group_hex.as_bytes())
                & inv.secret.as_bytes().ct_eq(presented.as_bytes());
            let here = subtle::CtOption::new(i as u64, same);
            found =
                subtle::ConditionallySelectable::conditional_select(&found, &here, here.is_some());
        }
        let idx = Option::<u64>::from(found).ok_or(JoinRefusal::Unknown)? as usize;
        self.invites[idx].check(now)?;
        Ok(idx)
    }

    /// Checks a presented secret for a group at `now` (as [`InviteBook::find`]) and counts the
    /// use. On success returns the index of the invite.
    pub(crate) fn redeem(
        &mut self,
        group: &GroupId,
        secret: &[u8; 16],
        now: Timestamp,
    ) -> Result<usize, JoinRefusal> {
        let idx = self.find(group, secret, now)?;
        self.invites[idx].used += 1;
        Ok(idx)
    }

    /// Gives a use back (the addition failed after the invite was counted).
    pub(crate) fn unredeem(&mut self, idx: usize) {
        if let Some(inv) = self.invites.get_mut(idx) {
            inv.used = inv.used.saturating_sub(1);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn ticket() -> Ticket {
        Ticket {
            group: GroupId::from_bytes([3; 32]),
            inviter: PeerAddress {
                id: DeviceId::from_bytes([4; 32]),
                direct: vec![
                    "127.0.0.1:4433".parse().unwrap(),
                    "[::1]:9".parse().unwrap(),
                ],
                relay: Some("https://relay.example.org./".into()),
            },
            secret: [5; 16],
            expires_at: Some(Timestamp(1_800_000_000_000)),
            inviter_name: "Amara".into(),
            group_name: "Repair café".into(),
        }
    }

    #[test]
    fn a_ticket_survives_copy_and_paste_with_line_breaks_and_capitals() {
        let t = ticket();
        let text = t.to_text();
        assert!(text.starts_with("cw1"));
        let messy = format!("  {}\n{}  ", &text[..40].to_uppercase(), &text[40..]);
        assert_eq!(Ticket::parse(&messy).unwrap(), t);
    }

    #[test]
    fn a_damaged_ticket_gets_a_sentence_saying_what_to_do() {
        let text = ticket().to_text();
        let cut = Ticket::parse(&text[..text.len() - 10]).unwrap_err();
        assert!(
            cut.to_string().contains("copy the whole invite again"),
            "{cut}"
        );
        assert!(Ticket::parse("hello").is_err());
        assert!(Ticket::parse(&format!("{text}aa")).is_err());
        assert!(Ticket::parse(&"cw1".repeat(1000)).is_err());
    }

    fn book(max_uses: Option<u32>, expires_at: Option<i64>) -> InviteBook {
        InviteBook {
            invites: vec![Invite {
                group: GroupId::from_bytes([3; 32]).to_hex(),
                secret: hex::encode([5u8; 16]),
                created_at: 0,
                expires_at,
                max_uses,
                used: 0,
                revoked: false,
            }],
            pending: vec![],
        }
    }

    #[test]
    fn names_are_optional_and_long_ones_are_cut_at_a_character_boundary() {
        let mut t = ticket();
        t.inviter_name = String::new();
        t.group_name = "é".repeat(200);
        let back = Ticket::parse(&t.to_text()).unwrap();
        assert_eq!(back.group_name, "é".repeat(127));
        // A ticket from before names existed: everything up to the relay, nothing after.
        let bytes = data_encoding::BASE32_NOPAD
            .decode(t.to_text()[3..].to_uppercase().as_bytes())
            .unwrap();
        let without = &bytes[..bytes.len() - 2 - 254];
        let old = format!(
            "cw1{}",
            data_encoding::BASE32_NOPAD.encode(without).to_lowercase()
        );
        let parsed = Ticket::parse(&old).unwrap();
        assert_eq!(
            (parsed.inviter_name.as_str(), parsed.group_name.as_str()),
            ("", "")
        );
        assert_eq!(parsed.secret, t.secret);
    }

    #[test]
    fn an_invite_is_refused_once_used_up_expired_revoked_or_forged() {
        let g = GroupId::from_bytes([3; 32]);
        let mut b = book(Some(1), None);
        assert!(b.redeem(&g, &[5; 16], Timestamp(1)).is_ok());
        assert_eq!(
            b.redeem(&g, &[5; 16], Timestamp(2)),
            Err(JoinRefusal::UsedUp)
        );
        let mut b = book(None, Some(100));
        assert_eq!(
            b.redeem(&g, &[5; 16], Timestamp(100)),
            Err(JoinRefusal::Expired)
        );
        let mut b = book(None, None);
        b.invites[0].revoked = true;
        assert_eq!(
            b.redeem(&g, &[5; 16], Timestamp(1)),
            Err(JoinRefusal::Revoked)
        );
        let mut b = book(None, None);
        assert_eq!(
            b.redeem(&g, &[6; 16], Timestamp(1)),
            Err(JoinRefusal::Unknown)
        );
        assert_eq!(
            b.redeem(&GroupId::from_bytes([9; 32]), &[5; 16], Timestamp(1)),
            Err(JoinRefusal::Unknown)
        );
    }
}
