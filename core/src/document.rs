//! Checks on a whole Automerge document that arrived from another device, made before
//! Automerge reads it (see PROTOCOL.md, "Snapshots").
//!
//! Automerge inflates a document's compressed columns without any limit, so a few kilobytes
//! could claim gigabytes (a decompression bomb), and a document may be followed by further
//! chunks, compressed changes among them. A document from a peer must therefore be exactly one
//! document chunk whose columns, once inflated, stay under a limit; this module checks that by
//! walking the chunk's header and inflating each compressed column into a counter.

use std::io::Read;

use crate::error::Rejection;

const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
const DOCUMENT: u8 = 0;
const DEFLATE_BIT: u64 = 0b1000;
/// More columns than any Automerge document has.
const MAX_COLUMNS: u64 = 64;

fn bad(why: &str) -> Rejection {
    Rejection::Malformed(format!("the group's document is malformed: {why}"))
}

struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: u64) -> Result<&'a [u8], Rejection> {
        let n = usize::try_from(n).map_err(|_| bad("a length is out of range"))?;
        let (head, rest) = self
            .buf
            .split_at_checked(n)
            .ok_or_else(|| bad("it ends too early"))?;
        self.buf = rest;
        Ok(head)
    }

    fn leb(&mut self) -> Result<u64, Rejection> {
        let mut out = 0u64;
        for i in 0..10 {
            let b = self.take(1)?[0];
            out |= u64::from(b & 0x7f)
                .checked_shl(7 * i)
                .ok_or_else(|| bad("a number is out of range"))?;
            if b & 0x80 == 0 {
                return Ok(out);
            }
        }
        Err(bad("a number is too long"))
    }

    fn columns(&mut self) -> Result<Vec<(u64, u64)>, Rejection> {
        let n = self.leb()?;
        if n > MAX_COLUMNS {
            return Err(bad("too many columns"));
        }
        (0..n).map(|_| Ok((self.leb()?, self.leb()?))).collect()
    }
}

/// Accepts `bytes` only if it is exactly one Automerge document chunk whose columns take at
/// most `max_inflated` bytes once inflated. Says nothing about the changes inside: those go
/// through the same checks as any change.
pub fn check_document(bytes: &[u8], max_inflated: u64) -> Result<(), Rejection> {
    let mut r = Reader { buf: bytes };
    if r.take(4)? != MAGIC {
        return Err(bad("it is not an Automerge document"));
    }
    r.take(4)?;
    if r.take(1)?[0] != DOCUMENT {
        return Err(bad("it is not a whole document"));
    }
    let len = r.leb()?;
    if u64::try_from(r.buf.len()).ok() != Some(len) {
        return Err(bad("its length does not match, or something follows it"));
    }
    let actors = r.leb()?;
    for _ in 0..actors {
        let l = r.leb()?;
        r.take(l)?;
    }
    let heads = r.leb()?;
    r.take(heads.checked_mul(32).ok_or_else(|| bad("too many heads"))?)?;
    let change_cols = r.columns()?;
    let op_cols = r.columns()?;
    let mut total = 0u64;
    for (spec, len) in change_cols.into_iter().chain(op_cols) {
        let data = r.take(len)?;
        let size = if spec & DEFLATE_BIT != 0 {
            inflated_size(data, max_inflated.saturating_sub(total))?
        } else {
            len
        };
        total = total.saturating_add(size);
        if total > max_inflated {
            return Err(bad("it inflates beyond the size allowed"));
        }
    }
    Ok(())
}

/// How many bytes `data` inflates to, reading at most `cap + 1` of them.
fn inflated_size(data: &[u8], cap: u64) -> Result<u64, Rejection> {
    let mut inflater = flate2::bufread::DeflateDecoder::new(data).take(cap.saturating_add(1));
    std::io::copy(&mut inflater, &mut std::io::sink())
        .map_err(|_| bad("a compressed column is damaged"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use automerge::transaction::Transactable;
    use std::io::Write;

    fn doc_with(text: &str) -> automerge::Automerge {
        let mut doc = automerge::Automerge::new();
        let mut tx = doc.transaction();
        for i in 0..50 {
            tx.put(automerge::ROOT, format!("k{i}"), text).unwrap();
        }
        tx.commit();
        doc
    }

    fn leb(mut n: u64, out: &mut Vec<u8>) {
        loop {
            let b = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }

    #[test]
    fn a_saved_document_passes_compressed_or_not() {
        let doc = doc_with(&"long enough to be worth compressing ".repeat(40));
        check_document(&doc.save(), 1 << 20).unwrap();
        check_document(&doc.save_nocompress(), 1 << 20).unwrap();
    }

    #[test]
    fn a_document_over_the_limit_is_refused() {
        let doc = doc_with(&"x".repeat(4000));
        let saved = doc.save();
        assert!(saved.len() < 10_000, "{}", saved.len());
        assert!(check_document(&saved, 10_000).is_err());
    }

    #[test]
    fn a_decompression_bomb_is_refused_after_reading_only_the_limit() {
        // A document chunk with one change column claiming to be deflated: 1 GiB of zeros.
        let mut deflated =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..1024 {
            deflated.write_all(&zeros).unwrap();
        }
        let bomb = deflated.finish().unwrap();
        let mut body = Vec::new();
        leb(0, &mut body); // actors
        leb(0, &mut body); // heads
        leb(1, &mut body); // one change column
        leb(DEFLATE_BIT | (1 << 4), &mut body);
        leb(bomb.len() as u64, &mut body);
        leb(0, &mut body); // no op columns
        body.extend_from_slice(&bomb);
        let mut chunk = MAGIC.to_vec();
        chunk.extend_from_slice(&[0; 4]);
        chunk.push(DOCUMENT);
        leb(body.len() as u64, &mut chunk);
        chunk.extend_from_slice(&body);
        assert!(check_document(&chunk, 16 << 20).is_err());
        // Inflating stops one byte past the limit.
        assert_eq!(inflated_size(&bomb, 16 << 20).unwrap(), (16 << 20) + 1);
    }

    #[test]
    fn anything_after_the_document_or_another_chunk_kind_is_refused() {
        let doc = doc_with("hello");
        let mut saved = doc.save();
        check_document(&saved, 1 << 20).unwrap();
        let change = doc.get_changes(&[])[0].raw_bytes().to_vec();
        assert!(check_document(&change, 1 << 20).is_err());
        saved.extend_from_slice(&change);
        assert!(check_document(&saved, 1 << 20).is_err());
        for cut in [0, 3, 8, 9, 12, saved.len() / 2] {
            assert!(check_document(&saved[..cut], 1 << 20).is_err());
        }
    }
}
