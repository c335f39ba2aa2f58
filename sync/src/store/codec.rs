//! Bounds-checked reading of the little-endian integers and byte runs that make up the log and
//! snapshot formats.
//!
//! Every read returns `None` instead of panicking when the input is too short, because the input
//! is a file that may have been cut short or damaged.

/// A cursor over a byte slice that never reads past its end.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Starts reading at the beginning of `bytes`.
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    /// Bytes not read yet.
    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    /// The next `len` bytes, or `None` if fewer are left.
    ///
    /// Callers compare a length read from the file with `remaining()` through this method before
    /// allocating anything of that length.
    pub(crate) fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let end = self.pos.checked_add(len)?;
        let slice = self.bytes.get(self.pos..end)?;
        self.pos = end;
        Some(slice)
    }

    /// The next `N` bytes as an array.
    pub(crate) fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }

    /// The next byte.
    pub(crate) fn u8(&mut self) -> Option<u8> {
        Some(self.array::<1>()?[0])
    }

    /// The next four bytes as a little-endian `u32`.
    pub(crate) fn u32_le(&mut self) -> Option<u32> {
        self.array().map(u32::from_le_bytes)
    }

    /// The next eight bytes as a little-endian `u64`.
    pub(crate) fn u64_le(&mut self) -> Option<u64> {
        self.array().map(u64::from_le_bytes)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn reads_little_endian_integers_in_order() {
        let bytes = [1, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 9];
        let mut reader = Reader::new(&bytes);
        assert_eq!(reader.u8(), Some(1));
        assert_eq!(reader.u32_le(), Some(2));
        assert_eq!(reader.u64_le(), Some(3));
        assert_eq!(reader.remaining(), 1);
        assert_eq!(reader.take(1), Some(&[9][..]));
        assert_eq!(reader.remaining(), 0);
    }

    #[test]
    fn reading_past_the_end_gives_none_and_consumes_nothing() {
        let bytes = [1, 2, 3];
        let mut reader = Reader::new(&bytes);
        assert_eq!(reader.u32_le(), None);
        assert_eq!(reader.take(usize::MAX), None);
        assert_eq!(reader.remaining(), 3);
    }
}
