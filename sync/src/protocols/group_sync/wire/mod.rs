//! Frames of the group sync protocol (byte layout in PROTOCOL.md, "Group sync").

use std::time::Duration;

use causeway_core::{ChangeHash, ChangeSignature, DocId, GroupId, SignedChange};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Largest frame accepted (length checked before anything is allocated).
pub const MAX_FRAME: usize = 16 << 20;
/// The most of a frame read or written in one step: a frame's buffer grows by at most this
/// much ahead of its bytes, and each step may wait for `idle` (so a wait measures silence).
const PART: usize = 64 << 10;
/// Largest total of change bytes accepted in one direction of one session.
pub const MAX_SESSION_BYTES: usize = 512 << 20;
/// Most heads a frame may list.
pub const MAX_HEADS: usize = 1024;
/// The shortest change a `Changes` frame may carry: an Automerge change chunk whose actor id
/// is 40 bytes (PROTOCOL.md, "Identities") cannot be shorter.
pub const MIN_CHANGE: usize = 52;
/// Target size of the change frames this side writes.
const CHANGES_FRAME_TARGET: usize = 4 << 20;

/// Why a peer refused a session.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefuseCode {
    /// The acceptor holds no such group with the dialer as a member (it may not hold the
    /// group at all: the two are not told apart, see PROTOCOL.md).
    NotAMember = 1,
    /// The acceptor does not hold this group. Earlier versions sent it; it is still read.
    UnknownGroup = 2,
    /// The acceptor cannot serve now; try again later.
    Busy = 3,
    /// The dialer was removed from the group: `Changes` frames follow with the removal and
    /// what it rests on (the dialer's device judges them like any change).
    Removed = 4,
}

/// One protocol frame.
#[derive(Clone, Debug)]
pub enum Frame {
    /// Dialer → acceptor: which group, my heads, and the heads we shared at the end of our last
    /// session (empty if none).
    Hello {
        /// The group.
        group: GroupId,
        /// One of the group's shared documents, when the session is about it rather than the
        /// group (protocol version 2).
        doc: Option<DocId>,
        /// The dialer's heads.
        heads: Vec<ChangeHash>,
        /// Heads both sides had at the end of their last session.
        shared: Vec<ChangeHash>,
        /// A push: the dialer brings news and wants none back, so the acceptor replies with
        /// its heads and no changes (sent as frame type 9 instead of 1).
        push: bool,
    },
    /// Acceptor → dialer: no.
    Refuse(RefuseCode),
    /// Acceptor → dialer: my heads; `Changes` frames follow.
    Reply {
        /// The acceptor's heads.
        heads: Vec<ChangeHash>,
        /// How many changes the `Changes` frames that follow carry (for progress; the frames,
        /// not this number, decide what is taken).
        count: u32,
    },
    /// Changes, in several frames when large; `last` closes the sequence.
    Changes {
        /// Whether this frame closes the sequence.
        last: bool,
        /// The changes, with the signatures needed to authenticate them.
        changes: Vec<SignedChange>,
    },
    /// Acceptor → dialer: my heads after taking the dialer's changes; the session ends.
    Done {
        /// The acceptor's heads after the session.
        heads: Vec<ChangeHash>,
    },
    /// Acceptor → dialer, instead of `Changes`, for a dialer that holds nothing yet: a part
    /// of the snapshot payload ([`snapshot_payload`]); `last` closes the sequence.
    Snapshot {
        /// Whether this part closes the sequence.
        last: bool,
        /// The part's bytes.
        part: Vec<u8>,
    },
    /// Dialer → acceptor, instead of `Hello`: for many groups at once, a digest of the
    /// dialer's heads ([`heads_digest`]), to learn which groups need a session at all.
    Check {
        /// Groups and digests.
        groups: Vec<(GroupId, [u8; DIGEST_LEN])>,
    },
    /// Acceptor → dialer: one flag per group of the `Check`, in order: `true` when the
    /// acceptor holds the group with the same heads and the dialer is a member there.
    Checked {
        /// The flags.
        same: Vec<bool>,
    },
    /// Dialer → acceptor, alone on a stream: the dialer has a document open with its cursor
    /// at `cursor` (a position in the text at `heads`), or has closed it (`None`). Never
    /// stored; the acceptor answers nothing.
    Presence {
        /// The group.
        group: GroupId,
        /// The document.
        doc: DocId,
        /// Where the cursor is, or `None` when the document was closed.
        cursor: Option<u32>,
        /// The document heads the position is read at.
        heads: Vec<ChangeHash>,
    },
}

/// Bytes of a heads digest.
pub const DIGEST_LEN: usize = 16;
/// Most groups one `Check` may list.
pub const MAX_CHECK: usize = 100_000;

/// The digest of a set of heads in a `Check`: the first 16 bytes of
/// SHA-256("causeway/heads/1" ‖ heads sorted by their bytes).
pub fn heads_digest(heads: &[ChangeHash]) -> [u8; DIGEST_LEN] {
    use sha2::Digest as _;
    let mut sorted: Vec<&ChangeHash> = heads.iter().collect();
    sorted.sort_by_key(|h| h.0);
    let mut h = sha2::Sha256::new();
    h.update(b"causeway/heads/1");
    for head in sorted {
        h.update(head.0);
    }
    let full = h.finalize();
    let mut out = [0u8; DIGEST_LEN];
    out.copy_from_slice(&full[..DIGEST_LEN]);
    out
}

/// Reading or writing frames failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WireError {
    /// The peer sent something that is not a valid frame.
    #[error("malformed frame: {0}")]
    Malformed(&'static str),
    /// A frame or a session exceeded its size cap.
    #[error("the peer sent too much: {0}")]
    TooLarge(&'static str),
    /// The peer was silent for too long, or too slow.
    #[error("the other device stopped answering")]
    Timeout,
    /// Other devices' data fills the memory set aside for it; try again later.
    #[error("this device is busy with other devices' data; try again later")]
    Busy,
    /// The stream failed.
    #[error("the connection failed: {0}")]
    Io(#[from] std::io::Error),
}

const HELLO: u8 = 1;
const REFUSE: u8 = 2;
const REPLY: u8 = 3;
const CHANGES: u8 = 4;
const DONE: u8 = 5;
const CHECK: u8 = 6;
const CHECKED: u8 = 7;
const SNAPSHOT: u8 = 8;
const PUSH: u8 = 9;
const PRESENCE: u8 = 10;
const VERSION: u8 = 1;
/// The version of a `Hello` about one of a group's shared documents.
const DOC_VERSION: u8 = 2;

fn put_heads(out: &mut Vec<u8>, heads: &[ChangeHash]) {
    let n = heads.len().min(MAX_HEADS);
    out.extend_from_slice(&(n as u16).to_le_bytes());
    for h in &heads[..n] {
        out.extend_from_slice(&h.0);
    }
}

/// Encodes one frame, length prefix included.
pub fn encode(frame: &Frame) -> Vec<u8> {
    let mut body = Vec::new();
    match frame {
        Frame::Hello {
            group,
            doc,
            heads,
            shared,
            push,
        } => {
            body.push(if *push { PUSH } else { HELLO });
            body.push(if doc.is_some() { DOC_VERSION } else { VERSION });
            body.extend_from_slice(group.as_bytes());
            if let Some(doc) = doc {
                body.extend_from_slice(doc.as_bytes());
            }
            put_heads(&mut body, heads);
            put_heads(&mut body, shared);
        }
        Frame::Refuse(code) => {
            body.push(REFUSE);
            body.push(*code as u8);
        }
        Frame::Reply { heads, count } => {
            body.push(REPLY);
            put_heads(&mut body, heads);
            body.extend_from_slice(&count.to_le_bytes());
        }
        Frame::Changes { last, changes } => {
            body.push(CHANGES);
            body.push(u8::from(*last));
            body.extend_from_slice(&(changes.len() as u32).to_le_bytes());
            for c in changes {
                body.push(u8::from(c.signature.is_some()));
                body.extend_from_slice(&(c.bytes.len() as u32).to_le_bytes());
                body.extend_from_slice(&c.bytes);
                if let Some(sig) = &c.signature {
                    body.extend_from_slice(&sig.0);
                }
            }
        }
        Frame::Done { heads } => {
            body.push(DONE);
            put_heads(&mut body, heads);
        }
        Frame::Snapshot { last, part } => {
            body.push(SNAPSHOT);
            body.push(u8::from(*last));
            body.extend_from_slice(part);
        }
        Frame::Check { groups } => {
            body.push(CHECK);
            let n = groups.len().min(MAX_CHECK);
            body.extend_from_slice(&(n as u32).to_le_bytes());
            for (g, d) in &groups[..n] {
                body.extend_from_slice(g.as_bytes());
                body.extend_from_slice(d);
            }
        }
        Frame::Presence {
            group,
            doc,
            cursor,
            heads,
        } => {
            body.push(PRESENCE);
            body.extend_from_slice(group.as_bytes());
            body.extend_from_slice(doc.as_bytes());
            body.extend_from_slice(&cursor.unwrap_or(u32::MAX).to_le_bytes());
            put_heads(&mut body, heads);
        }
        Frame::Checked { same } => {
            body.push(CHECKED);
            let n = same.len().min(MAX_CHECK);
            body.extend_from_slice(&(n as u32).to_le_bytes());
            let mut bits = vec![0u8; n.div_ceil(8)];
            for (i, _) in same[..n].iter().enumerate().filter(|(_, s)| **s) {
                bits[i / 8] |= 1 << (i % 8);
            }
            body.extend_from_slice(&bits);
        }
    }
    let mut out = Vec::with_capacity(body.len() + 4);
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    out
}

/// The snapshot payload: `doc_len u64 ‖ doc ‖ n u32 ‖ n × (change hash 32 ‖ signature 64)`.
pub fn snapshot_payload(doc: &[u8], signatures: &[(ChangeHash, ChangeSignature)]) -> Vec<u8> {
    let mut out = Vec::with_capacity(doc.len() + 12 + signatures.len() * 96);
    out.extend_from_slice(&(doc.len() as u64).to_le_bytes());
    out.extend_from_slice(doc);
    out.extend_from_slice(&(signatures.len() as u32).to_le_bytes());
    for (h, s) in signatures {
        out.extend_from_slice(&h.0);
        out.extend_from_slice(&s.0);
    }
    out
}

/// Signatures that travel with changes or documents.
pub type Signatures = Vec<(ChangeHash, ChangeSignature)>;

/// A snapshot payload's document and signatures. Every length is checked against the bytes
/// that are there.
pub fn parse_snapshot_payload(payload: &[u8]) -> Result<(&[u8], Signatures), WireError> {
    let mut r = Reader { buf: payload };
    let len = u64::from_le_bytes(
        r.take(8)?
            .try_into()
            .map_err(|_| WireError::Malformed("truncated frame"))?,
    );
    let len = usize::try_from(len).map_err(|_| WireError::Malformed("document too long"))?;
    let doc = r.take(len)?;
    let n = r.u32()? as usize;
    if n.checked_mul(96) != Some(r.buf.len()) {
        return Err(WireError::Malformed(
            "signature count does not match the snapshot",
        ));
    }
    let sigs = (0..n)
        .map(|_| {
            let h = ChangeHash(r.hash()?);
            let mut s = [0u8; 64];
            s.copy_from_slice(r.take(64)?);
            Ok((h, ChangeSignature(s)))
        })
        .collect::<Result<Vec<_>, WireError>>()?;
    Ok((doc, sigs))
}

/// Splits a snapshot payload into frames of a few MiB each; the last one is marked.
pub fn snapshot_frames(payload: &[u8]) -> Vec<Frame> {
    let mut parts: Vec<&[u8]> = payload.chunks(CHANGES_FRAME_TARGET).collect();
    if parts.is_empty() {
        parts.push(&[]);
    }
    let n = parts.len();
    parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| Frame::Snapshot {
            last: i + 1 == n,
            part: p.to_vec(),
        })
        .collect()
}

/// Splits changes into frames of a few MiB each; the last one is marked.
pub fn changes_frames(changes: Vec<SignedChange>) -> Vec<Frame> {
    let mut frames = Vec::new();
    let mut current = Vec::new();
    let mut size = 0;
    for c in changes {
        let len = c.bytes.len() + 69;
        if size + len > CHANGES_FRAME_TARGET && !current.is_empty() {
            frames.push(Frame::Changes {
                last: false,
                changes: std::mem::take(&mut current),
            });
            size = 0;
        }
        size += len;
        current.push(c);
    }
    frames.push(Frame::Changes {
        last: true,
        changes: current,
    });
    frames
}

struct Reader<'a> {
    buf: &'a [u8],
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], WireError> {
        if self.buf.len() < n {
            return Err(WireError::Malformed("truncated frame"));
        }
        let (a, b) = self.buf.split_at(n);
        self.buf = b;
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, WireError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, WireError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, WireError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn hash(&mut self) -> Result<[u8; 32], WireError> {
        let mut out = [0; 32];
        out.copy_from_slice(self.take(32)?);
        Ok(out)
    }
    fn heads(&mut self) -> Result<Vec<ChangeHash>, WireError> {
        let n = self.u16()? as usize;
        if n > MAX_HEADS {
            return Err(WireError::TooLarge("too many heads"));
        }
        (0..n).map(|_| self.hash().map(ChangeHash)).collect()
    }
    fn end(&self) -> Result<(), WireError> {
        if self.buf.is_empty() {
            Ok(())
        } else {
            Err(WireError::Malformed("trailing bytes"))
        }
    }
}

/// Decodes one frame body (without its length prefix).
pub fn decode(body: &[u8]) -> Result<Frame, WireError> {
    let mut r = Reader { buf: body };
    let frame = match r.u8()? {
        kind @ (HELLO | PUSH) => {
            let version = r.u8()?;
            if version != VERSION && version != DOC_VERSION {
                return Err(WireError::Malformed("unknown protocol version"));
            }
            let group = GroupId::from_bytes(r.hash()?);
            let doc = if version == DOC_VERSION {
                Some(DocId::from_bytes(r.hash()?))
            } else {
                None
            };
            Frame::Hello {
                group,
                doc,
                heads: r.heads()?,
                shared: r.heads()?,
                push: kind == PUSH,
            }
        }
        REFUSE => Frame::Refuse(match r.u8()? {
            1 => RefuseCode::NotAMember,
            2 => RefuseCode::UnknownGroup,
            3 => RefuseCode::Busy,
            4 => RefuseCode::Removed,
            _ => return Err(WireError::Malformed("unknown refusal")),
        }),
        REPLY => Frame::Reply {
            heads: r.heads()?,
            count: r.u32()?,
        },
        CHANGES => {
            let last = match r.u8()? {
                0 => false,
                1 => true,
                _ => return Err(WireError::Malformed("bad flag")),
            };
            let n = r.u32()? as usize;
            // Each change takes at least 5 + MIN_CHANGE bytes: a count beyond that is a lie.
            if n > r.buf.len() / (5 + MIN_CHANGE) {
                return Err(WireError::Malformed("change count exceeds the frame"));
            }
            let mut changes = Vec::with_capacity(n);
            for _ in 0..n {
                let signed = match r.u8()? {
                    0 => false,
                    1 => true,
                    _ => return Err(WireError::Malformed("bad flag")),
                };
                let len = r.u32()? as usize;
                if len < MIN_CHANGE {
                    return Err(WireError::Malformed("a change too short to be one"));
                }
                let bytes = r.take(len)?.to_vec();
                let signature = if signed {
                    let mut s = [0; 64];
                    s.copy_from_slice(r.take(64)?);
                    Some(ChangeSignature(s))
                } else {
                    None
                };
                changes.push(SignedChange { bytes, signature });
            }
            Frame::Changes { last, changes }
        }
        DONE => Frame::Done { heads: r.heads()? },
        SNAPSHOT => {
            let last = match r.u8()? {
                0 => false,
                1 => true,
                _ => return Err(WireError::Malformed("bad flag")),
            };
            let part = std::mem::take(&mut r.buf).to_vec();
            Frame::Snapshot { last, part }
        }
        CHECK => {
            let n = r.u32()? as usize;
            if n > MAX_CHECK {
                return Err(WireError::TooLarge("too many groups in a check"));
            }
            if n * (32 + DIGEST_LEN) != r.buf.len() {
                return Err(WireError::Malformed("group count does not match the frame"));
            }
            let mut groups = Vec::with_capacity(n);
            for _ in 0..n {
                let g = GroupId::from_bytes(r.hash()?);
                let mut d = [0u8; DIGEST_LEN];
                d.copy_from_slice(r.take(DIGEST_LEN)?);
                groups.push((g, d));
            }
            Frame::Check { groups }
        }
        CHECKED => {
            let n = r.u32()? as usize;
            if n > MAX_CHECK {
                return Err(WireError::TooLarge("too many groups in a check"));
            }
            let bits = r.take(n.div_ceil(8))?;
            if !n.is_multiple_of(8) && bits[n / 8] >> (n % 8) != 0 {
                return Err(WireError::Malformed("stray bits after the last group"));
            }
            Frame::Checked {
                same: (0..n).map(|i| bits[i / 8] & (1 << (i % 8)) != 0).collect(),
            }
        }
        PRESENCE => {
            let group = GroupId::from_bytes(r.hash()?);
            let doc = DocId::from_bytes(r.hash()?);
            let at = r.u32()?;
            Frame::Presence {
                group,
                doc,
                cursor: (at != u32::MAX).then_some(at),
                heads: r.heads()?,
            }
        }
        _ => return Err(WireError::Malformed("unknown frame kind")),
    };
    r.end()?;
    Ok(frame)
}

/// Reads one frame, waiting at most `idle` for it. The length is checked against
/// [`MAX_FRAME`] before the body is allocated.
pub async fn read_frame<R: AsyncRead + Unpin>(
    r: &mut R,
    idle: Duration,
) -> Result<Frame, WireError> {
    Ok(read_frame_sized(r, idle).await?.0)
}

/// Reads one frame and says how many bytes it took on the stream (header included).
pub async fn read_frame_sized<R: AsyncRead + Unpin>(
    r: &mut R,
    idle: Duration,
) -> Result<(Frame, usize), WireError> {
    let len = read_frame_len(r, idle).await?;
    let frame = tokio::time::timeout(within(idle, len), read_frame_body(r, len, idle))
        .await
        .map_err(|_| WireError::Timeout)??;
    Ok((frame, 4 + len))
}

/// The slowest data may arrive, in bytes per second, once `IDLE` has passed: a sender that
/// drips bytes to hold a stream open is cut off, a slow link is not.
pub const MIN_RATE: u64 = 1024;

/// How long `bytes` may take to arrive (or to be taken by the other side): `idle`, plus the
/// time they take at [`MIN_RATE`].
pub fn within(idle: Duration, bytes: usize) -> Duration {
    idle + Duration::from_secs(bytes as u64 / MIN_RATE)
}

/// Reads a frame's length header, waiting at most `idle`, and checks it against
/// [`MAX_FRAME`]. The frame's body is read by [`read_frame_body`].
pub async fn read_frame_len<R: AsyncRead + Unpin>(
    r: &mut R,
    idle: Duration,
) -> Result<usize, WireError> {
    tokio::time::timeout(idle, read_len(r))
        .await
        .map_err(|_| WireError::Timeout)?
}

/// Reads the body of a frame whose header said `len`, giving up when nothing arrives for
/// `idle` (a slow link may take longer than `idle` for the whole frame; callers bound the
/// whole, see `MIN_RATE` in the protocol module).
pub async fn read_frame_body<R: AsyncRead + Unpin>(
    r: &mut R,
    len: usize,
    idle: Duration,
) -> Result<Frame, WireError> {
    decode(&read_frame_bytes(r, len, idle).await?)
}

/// Reads the body of a frame whose header said `len`, as bytes (see [`read_frame_body`]).
pub async fn read_frame_bytes<R: AsyncRead + Unpin>(
    r: &mut R,
    len: usize,
    idle: Duration,
) -> Result<Vec<u8>, WireError> {
    // The buffer grows with what arrives: a header that claims 16 MiB and then trickles or
    // stops takes memory only for what was really sent.
    let mut body = Vec::with_capacity(len.min(PART));
    while body.len() < len {
        // Whatever has arrived, at most what is left of the frame: `idle` is a silence.
        let want = (len - body.len()).min(PART);
        body.reserve(want);
        let mut part = (&mut *r).take(want as u64);
        let n = tokio::time::timeout(idle, part.read_buf(&mut body))
            .await
            .map_err(|_| WireError::Timeout)??;
        if n == 0 {
            return Err(std::io::Error::from(std::io::ErrorKind::UnexpectedEof).into());
        }
    }
    Ok(body)
}

/// How many changes a frame's body says it carries (0 for frames of other kinds), checked
/// against its length before anything is allocated for them: every change takes at least
/// `5 + MIN_CHANGE` bytes.
pub fn changes_in(body: &[u8]) -> Result<usize, WireError> {
    if body.first() != Some(&CHANGES) {
        return Ok(0);
    }
    let n = body
        .get(2..6)
        .and_then(|b| <[u8; 4]>::try_from(b).ok())
        .map(u32::from_le_bytes)
        .ok_or(WireError::Malformed("a changes frame cut short"))? as usize;
    if n > (body.len() - 6) / (5 + MIN_CHANGE) {
        return Err(WireError::Malformed("change count exceeds the frame"));
    }
    Ok(n)
}

async fn read_len<R: AsyncRead + Unpin>(r: &mut R) -> Result<usize, WireError> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len).await?;
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_FRAME {
        return Err(WireError::TooLarge("frame over 16 MiB"));
    }
    if len == 0 {
        return Err(WireError::Malformed("empty frame"));
    }
    Ok(len)
}

/// Writes one frame, giving up when the other side takes nothing for `idle` (flow control:
/// a slow link may take longer than `idle` for a big frame). Returns how many bytes it took
/// on the stream.
pub async fn write_frame<W: AsyncWrite + Unpin>(
    w: &mut W,
    frame: &Frame,
    idle: Duration,
) -> Result<usize, WireError> {
    let bytes = encode(frame);
    for part in bytes.chunks(PART) {
        tokio::time::timeout(idle, w.write_all(part))
            .await
            .map_err(|_| WireError::Timeout)??;
    }
    Ok(bytes.len())
}

#[cfg(test)]
mod tests;
