//! The append-only log of one group: encoding of records, and loading with recovery from
//! damaged bytes. The byte layout is documented in the [module above](super).

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::Record;
use super::codec::Reader;
use super::durable;
use super::error::{StoreError, StoreWarning, io_error};

/// Name of the log file inside a group folder.
pub(crate) const LOG_FILE: &str = "log";
/// Prefix of the side files that keep damaged bytes cut out of the log (`log.corrupt-<n>`).
pub(crate) const SIDE_FILE_PREFIX: &str = "log.corrupt-";

/// First eight bytes of every log file.
pub(crate) const LOG_MAGIC: [u8; 8] = *b"CWAYLOG\0";
/// The log format version written by this build.
pub(crate) const LOG_VERSION: u32 = 1;
/// Length of the file header: magic and version.
pub(crate) const HEADER_LEN: u64 = 12;

/// First four bytes of every record, used to find the next record after damaged bytes.
pub(crate) const RECORD_MAGIC: [u8; 4] = [0xCA, 0x05, 0xE7, 0xA1];
/// Length of a record header: magic, payload length, payload CRC.
pub(crate) const RECORD_HEADER_LEN: usize = 12;
/// Largest payload a record may have (64 MiB). Checked before anything of that size is
/// allocated or read.
pub(crate) const MAX_PAYLOAD_LEN: u32 = 64 * 1024 * 1024;

/// Payload flag: a 64-byte signature follows the change bytes.
const FLAG_SIGNED: u8 = 0b0000_0001;
/// Payload bytes besides the change and the signature: flags and change length.
const PAYLOAD_FIXED_LEN: usize = 1 + 4;
/// Length of a signature.
const SIGNATURE_LEN: usize = 64;

/// The header every log file starts with.
pub(crate) fn header() -> [u8; HEADER_LEN as usize] {
    let mut header = [0; HEADER_LEN as usize];
    header[..8].copy_from_slice(&LOG_MAGIC);
    header[8..].copy_from_slice(&LOG_VERSION.to_le_bytes());
    header
}

/// Appends the encoding of `record` (record header and payload) to `out`.
pub(crate) fn encode_record(record: &Record, out: &mut Vec<u8>) -> Result<(), StoreError> {
    let signature_len = if record.signature.is_some() {
        SIGNATURE_LEN
    } else {
        0
    };
    let payload_len = PAYLOAD_FIXED_LEN + record.change.len() + signature_len;
    let too_large = || StoreError::TooLarge {
        what: "a log record",
        len: payload_len as u64,
        max: u64::from(MAX_PAYLOAD_LEN),
    };
    let payload_len_u32 = u32::try_from(payload_len).map_err(|_| too_large())?;
    if payload_len_u32 > MAX_PAYLOAD_LEN {
        return Err(too_large());
    }
    // Fits: the change is shorter than the payload, which fits in a u32.
    let change_len = record.change.len() as u32;

    out.reserve(RECORD_HEADER_LEN + payload_len);
    out.extend_from_slice(&RECORD_MAGIC);
    out.extend_from_slice(&payload_len_u32.to_le_bytes());
    let crc_at = out.len();
    out.extend_from_slice(&[0; 4]);
    let payload_at = out.len();
    out.push(if record.signature.is_some() {
        FLAG_SIGNED
    } else {
        0
    });
    out.extend_from_slice(&change_len.to_le_bytes());
    out.extend_from_slice(&record.change);
    if let Some(signature) = &record.signature {
        out.extend_from_slice(signature);
    }
    let crc = crc32fast::hash(&out[payload_at..]);
    out[crc_at..payload_at].copy_from_slice(&crc.to_le_bytes());
    Ok(())
}

/// Decodes the record starting at `pos` in `log`, returning it and the offset just past it, or
/// `None` if the bytes there are not a complete record with a valid CRC and a well-formed payload.
pub(crate) fn decode_record_at(log: &[u8], pos: usize) -> Option<(Record, usize)> {
    let mut reader = Reader::new(log.get(pos..)?);
    if reader.array::<4>()? != RECORD_MAGIC {
        return None;
    }
    let payload_len = reader.u32_le()?;
    if payload_len > MAX_PAYLOAD_LEN {
        return None;
    }
    let crc = reader.u32_le()?;
    // `take` fails without allocating when the length runs past the end of the file.
    let payload = reader.take(payload_len as usize)?;
    if crc32fast::hash(payload) != crc {
        return None;
    }
    let record = decode_payload(payload)?;
    Some((record, pos + RECORD_HEADER_LEN + payload.len()))
}

/// Decodes a payload whose CRC has already been checked.
fn decode_payload(payload: &[u8]) -> Option<Record> {
    let mut reader = Reader::new(payload);
    let flags = reader.u8()?;
    if flags & !FLAG_SIGNED != 0 {
        // Unknown flags: not written by this format version, so not trusted.
        return None;
    }
    let change_len = reader.u32_le()? as usize;
    let change = reader.take(change_len)?.to_vec();
    let signature = if flags & FLAG_SIGNED != 0 {
        Some(reader.array::<SIGNATURE_LEN>()?)
    } else {
        None
    };
    (reader.remaining() == 0).then_some(Record { change, signature })
}

/// The result of reading every record of a log held in memory.
#[derive(Debug, Default)]
pub(crate) struct Scan {
    /// Good records with the byte range each occupies, in file order.
    pub(crate) good: Vec<(Range<usize>, Record)>,
    /// Damaged byte ranges, in file order. A range reaching the end of the log is a damaged tail.
    pub(crate) bad: Vec<Range<usize>>,
}

/// Reads the records of `log` from `start` (just past the file header) to its end.
///
/// A record that runs past the end, fails its CRC or has a malformed payload starts a damaged
/// range. The range ends where the next decodable record starts (found by searching for the
/// record magic and checking the record found there) or at the end of the log.
pub(crate) fn scan(log: &[u8], start: usize) -> Scan {
    let mut result = Scan::default();
    let mut pos = start;
    while pos < log.len() {
        if let Some((record, end)) = decode_record_at(log, pos) {
            result.good.push((pos..end, record));
            pos = end;
            continue;
        }
        let next = find_next_record(log, pos + 1).unwrap_or(log.len());
        result.bad.push(pos..next);
        pos = next;
    }
    result
}

/// The offset of the first decodable record at or after `from`.
fn find_next_record(log: &[u8], from: usize) -> Option<usize> {
    let rest = log.get(from..)?;
    rest.windows(RECORD_MAGIC.len())
        .enumerate()
        .filter(|(_, window)| *window == RECORD_MAGIC)
        .map(|(i, _)| from + i)
        .find(|&candidate| decode_record_at(log, candidate).is_some())
}

/// A group's log, opened for appending after it was loaded and repaired.
#[derive(Debug)]
pub(crate) struct OpenedLog {
    /// Read-write handle to the log file.
    pub(crate) file: File,
    /// Length of the log: header plus good records. Appends go here.
    pub(crate) len: u64,
    /// The good records, in order.
    pub(crate) records: Vec<Record>,
    /// What was repaired.
    pub(crate) warnings: Vec<StoreWarning>,
}

/// Opens the log in `dir` (creating an empty one if there is none), reads every good record and
/// repairs damage: damaged bytes are copied to side files, then cut out of the log.
pub(crate) fn open(dir: &Path) -> Result<OpenedLog, StoreError> {
    let path = dir.join(LOG_FILE);
    let mut file = match OpenOptions::new().read(true).write(true).open(&path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            durable::replace_file(dir, LOG_FILE, &header())?
        }
        Err(e) => return Err(io_error("open", &path)(e)),
    };
    let mut bytes = Vec::new();
    file.seek(SeekFrom::Start(0))
        .and_then(|_| file.read_to_end(&mut bytes))
        .map_err(io_error("read", &path))?;

    if bytes.is_empty() {
        // Logs are created whole (header included) by rename, so an empty one was never written
        // by Causeway; it holds nothing to lose, so give it a header.
        tracing::warn!(path = %path.display(), "log file was empty, writing a fresh header");
        bytes = header().to_vec();
        file = durable::replace_file(dir, LOG_FILE, &bytes)?;
    }
    check_header(&bytes, &path)?;

    let Scan { good, bad } = scan(&bytes, HEADER_LEN as usize);
    let mut warnings = Vec::with_capacity(bad.len());
    let mut len = bytes.len() as u64;
    if !bad.is_empty() {
        for range in &bad {
            let set_aside_to = set_aside(dir, &bytes[range.clone()])?;
            let offset = range.start as u64;
            let count = range.len() as u64;
            let warning = if range.end == bytes.len() {
                StoreWarning::CorruptTail {
                    file: path.clone(),
                    offset,
                    bytes_set_aside: count,
                    set_aside_to,
                }
            } else {
                StoreWarning::CorruptRecordSkipped {
                    file: path.clone(),
                    offset,
                    bytes_skipped: count,
                    set_aside_to,
                }
            };
            tracing::warn!("{warning}");
            warnings.push(warning);
        }
        // The side files are durable before any byte leaves the log.
        durable::sync_dir(dir)?;

        match bad.as_slice() {
            [tail] if tail.end == bytes.len() => {
                len = tail.start as u64;
                file.set_len(len)
                    .and_then(|()| file.sync_all())
                    .map_err(io_error("cut back", &path))?;
            }
            _ => {
                let mut repaired = header().to_vec();
                for (range, _) in &good {
                    repaired.extend_from_slice(&bytes[range.clone()]);
                }
                len = repaired.len() as u64;
                file = durable::replace_file(dir, LOG_FILE, &repaired)?;
            }
        }
    }

    let records = good.into_iter().map(|(_, record)| record).collect();
    Ok(OpenedLog {
        file,
        len,
        records,
        warnings,
    })
}

/// Checks the log header: magic, then version.
fn check_header(bytes: &[u8], path: &Path) -> Result<(), StoreError> {
    let mut reader = Reader::new(bytes);
    if reader.array::<8>() != Some(LOG_MAGIC) {
        return Err(StoreError::CorruptLogHeader {
            path: path.to_path_buf(),
        });
    }
    match reader.u32_le() {
        Some(LOG_VERSION) => Ok(()),
        Some(version) => Err(StoreError::UnsupportedVersion {
            path: path.to_path_buf(),
            version,
        }),
        None => Err(StoreError::CorruptLogHeader {
            path: path.to_path_buf(),
        }),
    }
}

/// Copies `bytes` to a new side file `<dir>/log.corrupt-<n>` (the first free `n` from 1) and
/// fsyncs it. The caller fsyncs the folder.
fn set_aside(dir: &Path, bytes: &[u8]) -> Result<PathBuf, StoreError> {
    for n in 1..=u32::MAX {
        let path = dir.join(format!("{SIDE_FILE_PREFIX}{n}"));
        let mut file = match durable::create_private_file(&path) {
            Ok(file) => file,
            Err(StoreError::Io { source, .. }) if source.kind() == io::ErrorKind::AlreadyExists => {
                continue;
            }
            Err(e) => return Err(e),
        };
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(io_error("write", &path))?;
        return Ok(path);
    }
    // Four billion side files already exist: refuse rather than overwrite one.
    Err(StoreError::Io {
        action: "find a free name for a side file in",
        path: dir.to_path_buf(),
        source: io::Error::other("every side file name is taken"),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn record(change: &[u8], signed: bool) -> Record {
        Record {
            change: change.to_vec(),
            signature: signed.then_some([7; 64]),
        }
    }

    fn log_of(records: &[Record]) -> Vec<u8> {
        let mut bytes = header().to_vec();
        for r in records {
            encode_record(r, &mut bytes).unwrap();
        }
        bytes
    }

    #[test]
    fn encoded_records_decode_to_the_same_records() {
        let records = [
            record(b"first", true),
            record(b"", false),
            record(&[0; 300], true),
        ];
        let bytes = log_of(&records);
        let scan = scan(&bytes, HEADER_LEN as usize);
        assert!(scan.bad.is_empty());
        let decoded: Vec<_> = scan.good.into_iter().map(|(_, r)| r).collect();
        assert_eq!(decoded, records);
    }

    #[test]
    fn record_layout_matches_the_documented_format() {
        let mut bytes = Vec::new();
        encode_record(&record(b"ab", false), &mut bytes).unwrap();
        let payload = [0u8, 2, 0, 0, 0, b'a', b'b'];
        let mut expected = RECORD_MAGIC.to_vec();
        expected.extend_from_slice(&7u32.to_le_bytes());
        expected.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
        expected.extend_from_slice(&payload);
        assert_eq!(bytes, expected);
    }

    #[test]
    fn a_length_over_the_cap_is_rejected_without_reading_further() {
        let mut bytes = RECORD_MAGIC.to_vec();
        bytes.extend_from_slice(&(MAX_PAYLOAD_LEN + 1).to_le_bytes());
        bytes.extend_from_slice(&[0; 4]);
        assert!(decode_record_at(&bytes, 0).is_none());
    }

    #[test]
    fn a_record_too_large_to_store_is_refused_before_writing() {
        let huge = record(&vec![0; MAX_PAYLOAD_LEN as usize], false);
        let mut out = Vec::new();
        let err = encode_record(&huge, &mut out).unwrap_err();
        assert!(matches!(err, StoreError::TooLarge { .. }));
        assert!(out.is_empty());
    }

    #[test]
    fn unknown_flags_make_a_record_bad() {
        let mut bytes = Vec::new();
        encode_record(&record(b"x", false), &mut bytes).unwrap();
        let payload_at = RECORD_HEADER_LEN;
        bytes[payload_at] = 0b10;
        let crc = crc32fast::hash(&bytes[payload_at..]);
        bytes[8..12].copy_from_slice(&crc.to_le_bytes());
        assert!(decode_record_at(&bytes, 0).is_none());
    }

    #[test]
    fn damage_in_the_middle_is_one_bad_range_between_good_records() {
        let records = [
            record(b"one", false),
            record(b"two", true),
            record(b"six", false),
        ];
        let mut bytes = log_of(&records);
        let second = scan(&bytes, HEADER_LEN as usize).good[1].0.clone();
        bytes[second.start + RECORD_HEADER_LEN + 6] ^= 0xFF;
        let scan = scan(&bytes, HEADER_LEN as usize);
        assert_eq!(scan.bad, vec![second]);
        let kept: Vec<_> = scan.good.into_iter().map(|(_, r)| r.change).collect();
        assert_eq!(kept, vec![b"one".to_vec(), b"six".to_vec()]);
    }

    #[test]
    fn a_cut_record_is_a_bad_range_reaching_the_end() {
        let records = [record(b"one", false), record(b"two", true)];
        let bytes = log_of(&records);
        let cut = &bytes[..bytes.len() - 1];
        let scan = scan(cut, HEADER_LEN as usize);
        assert_eq!(scan.good.len(), 1);
        assert_eq!(scan.bad, vec![scan.good[0].0.end..cut.len()]);
    }

    #[test]
    fn a_log_with_an_unknown_version_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = header().to_vec();
        bytes[8] = 9;
        std::fs::write(dir.path().join(LOG_FILE), &bytes).unwrap();
        let err = open(dir.path()).unwrap_err();
        assert!(matches!(
            err,
            StoreError::UnsupportedVersion { version: 9, .. }
        ));
    }

    #[test]
    fn a_file_that_is_not_a_log_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(LOG_FILE), b"hello world, not a log").unwrap();
        let err = open(dir.path()).unwrap_err();
        assert!(matches!(err, StoreError::CorruptLogHeader { .. }));
        let kept = std::fs::read(dir.path().join(LOG_FILE)).unwrap();
        assert_eq!(kept, b"hello world, not a log");
    }
}
