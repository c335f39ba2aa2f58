//! The snapshot file of one group: the compacted state. The byte layout is documented in the
//! [module above](super).

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use super::Snapshot;
use super::codec::Reader;
use super::error::{StoreError, io_error};

/// Name of the snapshot file inside a group folder.
pub(crate) const SNAPSHOT_FILE: &str = "snapshot";
/// First eight bytes of every snapshot file.
pub(crate) const SNAPSHOT_MAGIC: [u8; 8] = *b"CWAYSNAP";
/// The snapshot format version written by this build.
pub(crate) const SNAPSHOT_VERSION: u32 = 2;
/// The first version, without the index; still read.
const SNAPSHOT_VERSION_1: u32 = 1;

/// Length of one signature entry: a 32-byte change hash and a 64-byte signature.
const SIGNATURE_ENTRY_LEN: usize = 32 + 64;
/// Length of the trailing CRC.
const CRC_LEN: usize = 4;

/// Encodes a snapshot file.
pub(crate) fn encode(snapshot: &Snapshot) -> Result<Vec<u8>, StoreError> {
    let count = u32::try_from(snapshot.signatures.len()).map_err(|_| StoreError::TooLarge {
        what: "the snapshot's signature list",
        len: snapshot.signatures.len() as u64,
        max: u64::from(u32::MAX),
    })?;
    let mut out = Vec::with_capacity(
        8 + 4
            + 8
            + snapshot.doc.len()
            + 4
            + snapshot.signatures.len() * SIGNATURE_ENTRY_LEN
            + 8
            + snapshot.index.len()
            + CRC_LEN,
    );
    out.extend_from_slice(&SNAPSHOT_MAGIC);
    out.extend_from_slice(&SNAPSHOT_VERSION.to_le_bytes());
    out.extend_from_slice(&(snapshot.doc.len() as u64).to_le_bytes());
    out.extend_from_slice(&snapshot.doc);
    out.extend_from_slice(&count.to_le_bytes());
    for (hash, signature) in &snapshot.signatures {
        out.extend_from_slice(hash);
        out.extend_from_slice(signature);
    }
    out.extend_from_slice(&(snapshot.index.len() as u64).to_le_bytes());
    out.extend_from_slice(&snapshot.index);
    let crc = crc32fast::hash(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    Ok(out)
}

/// Why a snapshot could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// The bytes are damaged or malformed.
    Corrupt(&'static str),
    /// A version this build cannot read.
    Version(u32),
}

/// Decodes a snapshot file: magic, then version, then CRC, then the fields.
pub(crate) fn decode(bytes: &[u8]) -> Result<Snapshot, DecodeError> {
    let mut reader = Reader::new(bytes);
    if reader.array::<8>() != Some(SNAPSHOT_MAGIC) {
        return Err(DecodeError::Corrupt("it does not start like a snapshot"));
    }
    let version = match reader.u32_le() {
        Some(v @ (SNAPSHOT_VERSION_1 | SNAPSHOT_VERSION)) => v,
        Some(version) => return Err(DecodeError::Version(version)),
        None => return Err(DecodeError::Corrupt("it is cut short")),
    };
    let Some(body_len) = bytes.len().checked_sub(CRC_LEN) else {
        return Err(DecodeError::Corrupt("it is cut short"));
    };
    let (body, crc) = bytes.split_at(body_len);
    if crc32fast::hash(body) != u32::from_le_bytes([crc[0], crc[1], crc[2], crc[3]]) {
        return Err(DecodeError::Corrupt("its checksum does not match"));
    }

    let mut reader = Reader::new(body);
    let _header = reader.take(8 + 4);
    let doc_len = reader
        .u64_le()
        .ok_or(DecodeError::Corrupt("it is cut short"))?;
    // Compared with what is left before anything of that length is allocated.
    let doc = usize::try_from(doc_len)
        .ok()
        .and_then(|len| reader.take(len))
        .ok_or(DecodeError::Corrupt(
            "its document length runs past its end",
        ))?
        .to_vec();
    let count = reader
        .u32_le()
        .ok_or(DecodeError::Corrupt("it is cut short"))? as usize;
    let fits = count
        .checked_mul(SIGNATURE_ENTRY_LEN)
        .is_some_and(|len| len <= reader.remaining());
    if !fits {
        return Err(DecodeError::Corrupt(
            "its signature count runs past its end",
        ));
    }
    let mut signatures = Vec::with_capacity(count);
    for _ in 0..count {
        let entry = reader
            .array::<32>()
            .zip(reader.array::<64>())
            .ok_or(DecodeError::Corrupt("it is cut short"))?;
        signatures.push(entry);
    }
    let index = if version == SNAPSHOT_VERSION_1 {
        Vec::new()
    } else {
        let len = reader
            .u64_le()
            .ok_or(DecodeError::Corrupt("it is cut short"))?;
        usize::try_from(len)
            .ok()
            .and_then(|len| reader.take(len))
            .ok_or(DecodeError::Corrupt("its index length runs past its end"))?
            .to_vec()
    };
    if reader.remaining() != 0 {
        return Err(DecodeError::Corrupt("it runs on past its last field"));
    }
    Ok(Snapshot {
        doc,
        signatures,
        index,
    })
}

/// Reads the snapshot at `path`, with the file's length, or `None` if there is no snapshot.
/// A damaged snapshot is an error and is left as it is.
pub(crate) fn read(path: &Path) -> Result<Option<(Snapshot, u64)>, StoreError> {
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io_error("open", path)(e)),
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(io_error("read", path))?;
    match decode(&bytes) {
        Ok(snapshot) => Ok(Some((snapshot, bytes.len() as u64))),
        Err(DecodeError::Corrupt(reason)) => Err(StoreError::CorruptSnapshot {
            path: path.to_path_buf(),
            reason,
        }),
        Err(DecodeError::Version(version)) => Err(StoreError::UnsupportedVersion {
            path: path.to_path_buf(),
            version,
        }),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn sample() -> Snapshot {
        Snapshot {
            doc: b"automerge bytes".to_vec(),
            signatures: vec![([1; 32], [2; 64]), ([3; 32], [4; 64])],
            index: b"ledger".to_vec(),
        }
    }

    #[test]
    fn an_encoded_snapshot_decodes_to_the_same_snapshot() {
        let bytes = encode(&sample()).unwrap();
        assert_eq!(decode(&bytes).unwrap(), sample());
        let empty = Snapshot {
            doc: Vec::new(),
            signatures: Vec::new(),
            index: Vec::new(),
        };
        assert_eq!(decode(&encode(&empty).unwrap()).unwrap(), empty);
    }

    #[test]
    fn snapshot_layout_matches_the_documented_format() {
        let bytes = encode(&sample()).unwrap();
        assert_eq!(&bytes[..8], b"CWAYSNAP");
        assert_eq!(&bytes[8..12], &2u32.to_le_bytes());
        assert_eq!(&bytes[12..20], &15u64.to_le_bytes());
        assert_eq!(&bytes[20..35], b"automerge bytes");
        assert_eq!(&bytes[35..39], &2u32.to_le_bytes());
        let index = 39 + 2 * 96;
        assert_eq!(&bytes[index..index + 8], &6u64.to_le_bytes());
        assert_eq!(&bytes[index + 8..index + 14], b"ledger");
        assert_eq!(bytes.len(), index + 14 + 4);
        let crc = crc32fast::hash(&bytes[..bytes.len() - 4]);
        assert_eq!(&bytes[bytes.len() - 4..], &crc.to_le_bytes());
    }

    #[test]
    fn every_flipped_byte_is_detected() {
        let bytes = encode(&sample()).unwrap();
        for i in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[i] ^= 0x01;
            assert!(decode(&damaged).is_err(), "flip at byte {i} went unnoticed");
        }
    }

    #[test]
    fn every_cut_is_detected() {
        let bytes = encode(&sample()).unwrap();
        for len in 0..bytes.len() {
            assert!(
                decode(&bytes[..len]).is_err(),
                "cut at {len} went unnoticed"
            );
        }
    }

    #[test]
    fn a_huge_document_length_with_a_valid_checksum_is_refused_without_allocating() {
        let mut bytes = SNAPSHOT_MAGIC.to_vec();
        bytes.extend_from_slice(&SNAPSHOT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&u64::MAX.to_le_bytes());
        let crc = crc32fast::hash(&bytes);
        bytes.extend_from_slice(&crc.to_le_bytes());
        assert_eq!(
            decode(&bytes),
            Err(DecodeError::Corrupt(
                "its document length runs past its end"
            ))
        );
    }

    #[test]
    fn a_newer_version_is_reported_as_such() {
        let mut bytes = encode(&sample()).unwrap();
        bytes[8] = 3;
        assert_eq!(decode(&bytes), Err(DecodeError::Version(3)));
    }

    #[test]
    fn a_first_version_snapshot_reads_with_no_index() {
        // Version 1 ends with the signatures.
        let mut bytes = SNAPSHOT_MAGIC.to_vec();
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend_from_slice(&3u64.to_le_bytes());
        bytes.extend_from_slice(b"doc");
        bytes.extend_from_slice(&1u32.to_le_bytes());
        bytes.extend_from_slice(&[5; 32]);
        bytes.extend_from_slice(&[6; 64]);
        let crc = crc32fast::hash(&bytes);
        bytes.extend_from_slice(&crc.to_le_bytes());
        let expected = Snapshot {
            doc: b"doc".to_vec(),
            signatures: vec![([5; 32], [6; 64])],
            index: Vec::new(),
        };
        assert_eq!(decode(&bytes), Ok(expected));
    }
}
