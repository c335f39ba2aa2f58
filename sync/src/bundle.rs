//! Bundles: a group carried as a file where there is no network at all (PROTOCOL.md,
//! "Bundles"). A bundle holds changes of one group and of its documents, each with its
//! signature where one is needed, and a checksum; reading one takes every change through the
//! same gates as a sync session, so a bundle proves nothing by itself: its changes do.
//!
//! ```text
//! bundle  = magic "CAUSEWAY-BUNDLE\n" (16 bytes) ‖ version u8 (1) ‖ group id (32)
//!           ‖ count u32 ‖ count × entry ‖ CRC-32 (IEEE) of everything before it, u32
//! entry   = kind u8 (0: a change of the group, 1: of a document) ‖ [document id (32), kind 1]
//!           ‖ length u32 ‖ change bytes ‖ signed u8 (0 or 1) ‖ [signature (64), signed 1]
//! ```
//! Integers are little-endian.

use causeway_core::group::MAX_CHANGE_BYTES;
use causeway_core::{ChangeSignature, DocId, GroupId, SignedChange};

use crate::error::{SyncError, SyncProblem};

/// The first bytes of every bundle.
const MAGIC: &[u8; 16] = b"CAUSEWAY-BUNDLE\n";
/// The version written, and the newest read.
const VERSION: u8 = 1;
/// The largest bundle read (its size is looked at before it is read).
pub const MAX_BUNDLE_BYTES: u64 = 1 << 30;

/// What a bundle holds.
#[derive(Debug, PartialEq, Eq)]
pub struct Bundle {
    /// The group.
    pub group: GroupId,
    /// Changes of the group's own history.
    pub changes: Vec<SignedChange>,
    /// Changes of its documents, by document.
    pub documents: Vec<(DocId, Vec<SignedChange>)>,
}

impl Bundle {
    /// The bundle's bytes.
    pub fn encode(&self) -> Vec<u8> {
        let count = self.changes.len() + self.documents.iter().map(|(_, c)| c.len()).sum::<usize>();
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.extend_from_slice(self.group.as_bytes());
        out.extend_from_slice(&u32::try_from(count).unwrap_or(u32::MAX).to_le_bytes());
        let entry = |out: &mut Vec<u8>, doc: Option<&DocId>, c: &SignedChange| {
            match doc {
                None => out.push(0),
                Some(d) => {
                    out.push(1);
                    out.extend_from_slice(d.as_bytes());
                }
            }
            out.extend_from_slice(
                &u32::try_from(c.bytes.len())
                    .unwrap_or(u32::MAX)
                    .to_le_bytes(),
            );
            out.extend_from_slice(&c.bytes);
            match &c.signature {
                Some(s) => {
                    out.push(1);
                    out.extend_from_slice(&s.0);
                }
                None => out.push(0),
            }
        };
        for c in &self.changes {
            entry(&mut out, None, c);
        }
        for (d, changes) in &self.documents {
            for c in changes {
                entry(&mut out, Some(d), c);
            }
        }
        let crc = crc32fast::hash(&out);
        out.extend_from_slice(&crc.to_le_bytes());
        out
    }

    /// Reads a bundle; every way it can be wrong is a sentence (not one, made by a newer
    /// Causeway, damaged or cut short).
    pub fn decode(bytes: &[u8]) -> Result<Bundle, SyncError> {
        let refuse = |p: SyncProblem| Err(SyncError::NotPermitted(p));
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return refuse(SyncProblem::NotABundle);
        }
        let mut r = Reader {
            bytes,
            at: MAGIC.len(),
        };
        let version = r.u8()?;
        if version != VERSION {
            return refuse(SyncProblem::BundleTooNew);
        }
        // The checksum first: a damaged bundle is one sentence, wherever it is damaged.
        let Some(body_len) = bytes.len().checked_sub(4) else {
            return refuse(SyncProblem::BundleDamaged);
        };
        let (body, crc) = bytes.split_at(body_len);
        let crc = u32::from_le_bytes(crc.try_into().map_err(|_| damaged())?);
        if body_len < r.at || crc32fast::hash(body) != crc {
            return refuse(SyncProblem::BundleDamaged);
        }
        let mut r = Reader {
            bytes: body,
            at: r.at,
        };
        let group = GroupId::from_bytes(r.array()?);
        let count = r.u32()? as usize;
        let mut bundle = Bundle {
            group,
            changes: Vec::new(),
            documents: Vec::new(),
        };
        for _ in 0..count {
            let doc = match r.u8()? {
                0 => None,
                1 => Some(DocId::from_bytes(r.array()?)),
                _ => return Err(damaged()),
            };
            let len = r.u32()? as usize;
            if len > MAX_CHANGE_BYTES {
                return Err(damaged());
            }
            let change = r.take(len)?.to_vec();
            let signature = match r.u8()? {
                0 => None,
                1 => Some(ChangeSignature(r.array()?)),
                _ => return Err(damaged()),
            };
            let c = SignedChange {
                bytes: change,
                signature,
            };
            match doc {
                None => bundle.changes.push(c),
                Some(d) => match bundle.documents.iter_mut().find(|(x, _)| *x == d) {
                    Some((_, list)) => list.push(c),
                    None => bundle.documents.push((d, vec![c])),
                },
            }
        }
        if r.at != body.len() {
            return Err(damaged());
        }
        Ok(bundle)
    }
}

fn damaged() -> SyncError {
    SyncError::NotPermitted(SyncProblem::BundleDamaged)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], SyncError> {
        let end = self.at.checked_add(n).ok_or_else(damaged)?;
        let out = self.bytes.get(self.at..end).ok_or_else(damaged)?;
        self.at = end;
        Ok(out)
    }
    fn u8(&mut self) -> Result<u8, SyncError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, SyncError> {
        let b: [u8; 4] = self.take(4)?.try_into().map_err(|_| damaged())?;
        Ok(u32::from_le_bytes(b))
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], SyncError> {
        self.take(N)?.try_into().map_err(|_| damaged())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    fn sample() -> Bundle {
        Bundle {
            group: GroupId::from_bytes([3; 32]),
            changes: vec![
                SignedChange {
                    bytes: vec![1, 2, 3],
                    signature: Some(ChangeSignature([9; 64])),
                },
                SignedChange {
                    bytes: vec![4],
                    signature: None,
                },
            ],
            documents: vec![(
                DocId::from_bytes([5; 32]),
                vec![SignedChange {
                    bytes: vec![6, 7],
                    signature: Some(ChangeSignature([8; 64])),
                }],
            )],
        }
    }

    fn problem(bytes: &[u8]) -> SyncProblem {
        match Bundle::decode(bytes) {
            Err(SyncError::NotPermitted(p)) => p,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_bundle_reads_back_as_it_was_written() {
        let b = sample();
        assert_eq!(Bundle::decode(&b.encode()).unwrap(), b);
    }

    #[test]
    fn a_truncated_damaged_foreign_or_newer_file_gets_its_own_sentence() {
        let bytes = sample().encode();
        for cut in [0, 10, 17, 40, bytes.len() - 1] {
            let p = problem(&bytes[..cut]);
            assert!(
                matches!(p, SyncProblem::NotABundle | SyncProblem::BundleDamaged),
                "{cut}: {p:?}"
            );
        }
        let mut flipped = bytes.clone();
        flipped[60] ^= 1;
        assert_eq!(problem(&flipped), SyncProblem::BundleDamaged);
        assert_eq!(problem(b"%PDF-1.7 a document"), SyncProblem::NotABundle);
        let mut newer = bytes.clone();
        newer[16] = 2;
        assert_eq!(problem(&newer), SyncProblem::BundleTooNew);
    }

    #[test]
    fn a_length_past_the_end_or_past_the_limit_is_damage_not_an_allocation() {
        // A well-formed checksum over an entry that claims 4 GiB.
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.push(VERSION);
        out.extend_from_slice(&[3; 32]);
        out.extend_from_slice(&1u32.to_le_bytes());
        out.push(0);
        out.extend_from_slice(&u32::MAX.to_le_bytes());
        let crc = crc32fast::hash(&out);
        out.extend_from_slice(&crc.to_le_bytes());
        assert_eq!(problem(&out), SyncProblem::BundleDamaged);
    }
}
