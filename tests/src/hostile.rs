//! A hostile device: it speaks Causeway's wire protocol as PROTOCOL.md writes it down, on a raw
//! iroh endpoint of its own, and bends it. Used by `tests/hostile_story.rs`.

use std::io::Write;
use std::time::{Duration, Instant};

use causeway_core::group::actor_for;
use causeway_core::{ChangeHash, DeviceKey, Group, GroupId, ItemId, SignedChange};
use causeway_sync::PeerAddress;
use causeway_sync::protocols::group_sync::wire::{
    self, Frame, RefuseCode, changes_frames, encode, read_frame,
};
use iroh::endpoint::{Connection, ConnectionError, PortmapperConfig, presets};
use iroh::protocol::{AcceptError, ProtocolHandler, Router};
use iroh::{Endpoint, EndpointAddr, NetReportConfig, RelayMode, SecretKey};

/// The group sync protocol's name on the wire.
pub const SYNC: &[u8] = b"/causeway/sync/1";
/// The join protocol's name on the wire.
pub const JOIN: &[u8] = b"/causeway/join/1";

/// How long the hostile side waits for any one answer.
const WAIT: Duration = Duration::from_secs(30);

/// A raw endpoint on 127.0.0.1 with the key `seed`: no relay, no address lookup.
pub async fn endpoint(seed: [u8; 32], alpns: Vec<Vec<u8>>) -> Endpoint {
    Endpoint::builder(presets::Minimal)
        .relay_mode(RelayMode::Disabled)
        .portmapper_config(PortmapperConfig::Disabled)
        .clear_ip_transports()
        .bind_addr("127.0.0.1:0")
        .unwrap()
        .net_report_config(NetReportConfig::minimal())
        .secret_key(SecretKey::from_bytes(&seed))
        .alpns(alpns)
        .bind()
        .await
        .unwrap()
}

/// iroh's address for a node's `PeerAddress`.
pub fn iroh_addr(p: &PeerAddress) -> EndpointAddr {
    p.direct.iter().fold(
        EndpointAddr::new(iroh::PublicKey::from_bytes(p.id.as_bytes()).unwrap()),
        |a, s| a.with_ip_addr(*s),
    )
}

/// How a hostile session ended.
#[derive(Debug)]
pub enum Ended {
    /// The node took the frames and answered `Done` with these heads.
    Done(Vec<ChangeHash>),
    /// The node refused the session.
    Refused(RefuseCode),
    /// The node closed the stream or the connection, or answered something else.
    Cut(String),
}

/// A device that bends the protocol: a member gone bad, or a stranger.
pub struct Hostile {
    /// Its key (also its iroh endpoint's key).
    pub key: DeviceKey,
    /// Its raw endpoint.
    pub endpoint: Endpoint,
}

impl Hostile {
    /// A hostile device with the key `seed`.
    pub async fn new(seed: [u8; 32]) -> Self {
        Self {
            key: DeviceKey::from_bytes(&seed),
            endpoint: endpoint(seed, vec![]).await,
        }
    }

    /// A new connection to `to` on `alpn`.
    pub async fn connect(&self, to: &PeerAddress, alpn: &[u8]) -> Connection {
        crate::bounded(
            "a hostile connection",
            self.endpoint.connect(iroh_addr(to), alpn),
        )
        .await
        .unwrap()
    }

    /// One session on a new stream of `conn` in which this device pushes `batch` (PROTOCOL.md,
    /// "Pushes"), the frames cut as an honest device would.
    pub async fn push(&self, conn: &Connection, group: GroupId, batch: Vec<SignedChange>) -> Ended {
        let frames: Vec<Vec<u8>> = changes_frames(batch).iter().map(encode).collect();
        self.push_raw(conn, group, frames).await
    }

    /// A push of changes of the shared document `doc` of `group` (a `Hello` of version 2).
    pub async fn push_doc(
        &self,
        conn: &Connection,
        group: GroupId,
        doc: causeway_core::DocId,
        batch: Vec<SignedChange>,
    ) -> Ended {
        let frames: Vec<Vec<u8>> = changes_frames(batch).iter().map(encode).collect();
        self.push_frames_about(conn, group, Some(doc), frames.into_iter(), WAIT, 2 * WAIT)
            .await
    }

    /// A push whose frames after `Reply` are `frames`, as given.
    pub async fn push_raw(&self, conn: &Connection, group: GroupId, frames: Vec<Vec<u8>>) -> Ended {
        self.push_frames(conn, group, frames.into_iter(), WAIT, 2 * WAIT)
            .await
    }

    /// A push whose changes come from `changes`, one `Changes` frame each, built only as
    /// they are sent (so that a push of hundreds of MiB costs the hostile side one change
    /// at a time).
    pub async fn push_stream(
        &self,
        conn: &Connection,
        group: GroupId,
        changes: impl Iterator<Item = SignedChange> + Send,
    ) -> Ended {
        let mut changes = changes.peekable();
        let frames = std::iter::from_fn(move || {
            let c = changes.next()?;
            Some(encode(&Frame::Changes {
                last: changes.peek().is_none(),
                changes: vec![c],
            }))
        });
        self.push_frames(
            conn,
            group,
            frames,
            Duration::from_secs(120),
            Duration::from_secs(300),
        )
        .await
    }

    /// A push on a new stream of `conn`: `Hello`, the node's `Reply` and its closing frame,
    /// then `frames` as they come; the node's `Done` may take `done_within`, the whole
    /// `within`.
    async fn push_frames(
        &self,
        conn: &Connection,
        group: GroupId,
        frames: impl Iterator<Item = Vec<u8>> + Send,
        done_within: Duration,
        within: Duration,
    ) -> Ended {
        self.push_frames_about(conn, group, None, frames, done_within, within)
            .await
    }

    /// [`Hostile::push_frames`] about the group, or one of its documents.
    async fn push_frames_about(
        &self,
        conn: &Connection,
        group: GroupId,
        doc: Option<causeway_core::DocId>,
        frames: impl Iterator<Item = Vec<u8>> + Send,
        done_within: Duration,
        within: Duration,
    ) -> Ended {
        let run = async {
            let (mut send, mut recv) = conn.open_bi().await.map_err(|e| e.to_string())?;
            let hello = Frame::Hello {
                group,
                doc,
                heads: vec![],
                shared: vec![],
                push: true,
            };
            send.write_all(&encode(&hello))
                .await
                .map_err(|e| e.to_string())?;
            match read_frame(&mut recv, WAIT)
                .await
                .map_err(|e| e.to_string())?
            {
                Frame::Reply { .. } => {}
                Frame::Refuse(code) => return Ok(Ended::Refused(code)),
                other => return Ok(Ended::Cut(format!("answered {other:?}"))),
            }
            // The acceptor's part of a push: no changes, one closing frame.
            loop {
                match read_frame(&mut recv, WAIT)
                    .await
                    .map_err(|e| e.to_string())?
                {
                    Frame::Changes { last: true, .. } => break,
                    Frame::Changes { .. } => {}
                    other => return Ok(Ended::Cut(format!("answered {other:?}"))),
                }
            }
            for f in frames {
                if let Err(e) = send.write_all(&f).await {
                    return Ok(Ended::Cut(e.to_string()));
                }
            }
            let ended = match read_frame(&mut recv, done_within).await {
                Ok(Frame::Done { heads }) => Ended::Done(heads),
                Ok(other) => Ended::Cut(format!("answered {other:?}")),
                Err(e) => Ended::Cut(e.to_string()),
            };
            let _ = send.finish();
            Ok::<_, String>(ended)
        };
        match tokio::time::timeout(within, run).await {
            Ok(Ok(e)) => e,
            Ok(Err(e)) => Ended::Cut(e),
            Err(_) => panic!("a hostile push got no end in {within:?}"),
        }
    }

    /// Presents a join request (PROTOCOL.md, "Joining") on a new connection and returns the
    /// answer byte, or `None` when the node closed without one. Like Causeway's own joiner,
    /// it asks again (a few times) when the node closed the connection as one too many.
    pub async fn join(
        &self,
        to: &PeerAddress,
        group: GroupId,
        secret: [u8; 16],
        name: &str,
    ) -> Option<u8> {
        let body = causeway_sync::protocols::join::encode_request(&group, &secret, name);
        let mut pause = Duration::from_millis(200);
        for _ in 0..5 {
            let conn = self.connect(to, JOIN).await;
            let answer = async {
                let (mut send, mut recv) = conn.open_bi().await.ok()?;
                let mut framed = (body.len() as u32).to_le_bytes().to_vec();
                framed.extend_from_slice(&body);
                send.write_all(&framed).await.ok()?;
                let _ = send.finish();
                let mut code = [0u8; 1];
                recv.read_exact(&mut code).await.ok()?;
                Some(code[0])
            };
            let code = crate::bounded("a join answer", answer).await;
            let busy = conn
                .close_reason()
                .as_ref()
                .and_then(close_code)
                .is_some_and(|c| c == 429);
            conn.close(0u32.into(), b"done");
            if code.is_some() || !busy {
                return code;
            }
            tokio::time::sleep(pause).await;
            pause *= 2;
        }
        None
    }

    /// Asks for a group's content as a dialer would (`Hello` with no heads), and returns
    /// every frame the node sends back until it ends the stream.
    pub async fn ask(&self, conn: &Connection, first: Frame) -> Vec<Frame> {
        let (mut send, mut recv) = conn.open_bi().await.unwrap();
        send.write_all(&encode(&first)).await.unwrap();
        let _ = send.finish();
        let mut got = Vec::new();
        while let Ok(f) = read_frame(&mut recv, WAIT).await {
            got.push(f);
        }
        got
    }

    /// Writes `bytes` on a new stream of `conn` and waits until the node ends the stream or
    /// the connection; returns what came back (raw) and whether the node ended it.
    pub async fn garbage(conn: &Connection, bytes: &[u8]) -> Vec<u8> {
        let Ok((mut send, mut recv)) = conn.open_bi().await else {
            return Vec::new();
        };
        let _ = send.write_all(bytes).await;
        let _ = send.finish();
        crate::bounded("the node ending a garbage stream", async {
            recv.read_to_end(1 << 20).await.unwrap_or_default()
        })
        .await
    }

    /// Sends one byte a second on a new stream of `conn` until the node stops reading (or
    /// `give_up` passes); returns how long the node let it go on.
    pub async fn drip(conn: &Connection, give_up: Duration) -> Duration {
        let start = Instant::now();
        let Ok((mut send, _recv)) = conn.open_bi().await else {
            return start.elapsed();
        };
        // A hello that claims 1,000 bytes, then a byte a second.
        let mut bytes = 1000u32.to_le_bytes().to_vec();
        bytes.extend(std::iter::repeat_n(1u8, 1000));
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        for b in bytes {
            tick.tick().await;
            let write = tokio::time::timeout(Duration::from_secs(5), send.write_all(&[b])).await;
            if !matches!(write, Ok(Ok(()))) || start.elapsed() > give_up {
                break;
            }
        }
        start.elapsed()
    }

    /// A valid post by this device on its copy of the group, signed.
    pub fn post(&self, replica: &mut Group, id: u64, body: &str) -> SignedChange {
        replica
            .post(causeway_sync::now(), ItemId::from_u64(id), "", body, "en")
            .unwrap()
            .into()
    }

    /// A post on `replica`'s document whose Automerge actor names `author` (this device, or
    /// someone else), signed by this device, made without asking whether it may.
    pub fn post_as(
        &self,
        replica: &Group,
        author: causeway_core::DeviceId,
        id: u64,
    ) -> SignedChange {
        use automerge::ObjType;
        use automerge::transaction::Transactable;
        forge_on_posts(replica, author, [0xab; 8], &self.key, |tx, posts| {
            let p = tx
                .put_object(posts, ItemId::from_u64(id).to_hex(), ObjType::Map)
                .unwrap();
            tx.put(&p, "author", author.to_hex()).unwrap();
            tx.put(&p, "body", "written in someone else's name")
                .unwrap();
        })
    }
}

/// A change made on a copy of `replica`'s document acting as (`author`, `suffix`): `write`
/// gets the transaction and the posts map; the change is signed by `signer`, whoever the
/// actor names, and nobody asks whether it may be made.
fn forge_on_posts(
    replica: &Group,
    author: causeway_core::DeviceId,
    suffix: [u8; 8],
    signer: &DeviceKey,
    write: impl FnOnce(&mut automerge::transaction::Transaction<'_>, &automerge::ObjId),
) -> SignedChange {
    forge_on(replica, "posts", author, suffix, signer, |tx, posts, _| {
        write(tx, posts)
    })
}

/// [`forge_on_posts`] for the collection at root key `collection`; `write` also gets the
/// document as it was, to find objects in it.
pub fn forge_on(
    replica: &Group,
    collection: &str,
    author: causeway_core::DeviceId,
    suffix: [u8; 8],
    signer: &DeviceKey,
    write: impl FnOnce(
        &mut automerge::transaction::Transaction<'_>,
        &automerge::ObjId,
        &automerge::Automerge,
    ),
) -> SignedChange {
    use automerge::{ROOT, ReadDoc};
    let mut doc = automerge::Automerge::load(&replica.save()).unwrap();
    doc.set_actor(actor_for(author, suffix));
    let map = match doc.get(ROOT, collection).unwrap() {
        Some((automerge::Value::Object(_), o)) => o,
        other => panic!("no {collection} map: {other:?}"),
    };
    let before = doc.clone();
    let mut tx = doc.transaction();
    write(&mut tx, &map, &before);
    // A change to members says it is one (as the real ones do), so that what refuses it is
    // the rule it breaks, not a missing mark.
    let (hash, _) = if collection == "members" {
        tx.commit_with(
            automerge::transaction::CommitOptions::default().with_message("causeway:authority"),
        )
    } else {
        tx.commit()
    };
    let hash = hash.unwrap();
    let bytes = doc.get_change_by_hash(&hash).unwrap().raw_bytes().to_vec();
    SignedChange {
        bytes,
        signature: Some(signer.sign_change(&replica.id(), &hash)),
    }
}

/// `n` changes of about `size` bytes each by `key`, unsigned, each built on a change of its
/// own that is never sent: every one of them waits (for its dependency and for a signature)
/// at a node that receives them. Built one at a time, as they are taken.
pub fn waiting_changes(
    key: &DeviceKey,
    n: usize,
    size: usize,
) -> impl Iterator<Item = SignedChange> + Send + use<> {
    use automerge::ReadDoc;
    use automerge::transaction::Transactable;
    let id = key.id();
    (0..n).map(move |i| {
        let mut doc = automerge::Automerge::new();
        doc.set_actor(actor_for(id, (i as u64).to_le_bytes()));
        let mut tx = doc.transaction();
        tx.put(automerge::ROOT, "first", "never sent").unwrap();
        tx.commit();
        let mut tx = doc.transaction();
        tx.put(automerge::ROOT, "big", "x".repeat(size)).unwrap();
        let (hash, _) = tx.commit();
        let bytes = doc
            .get_change_by_hash(&hash.unwrap())
            .unwrap()
            .raw_bytes()
            .to_vec();
        SignedChange {
            bytes,
            signature: None,
        }
    })
}

/// A post by `key` on `replica`'s document, with `body` as its text, made without asking
/// whether it may (no length check), signed by `key`.
pub fn raw_post(replica: &Group, key: &DeviceKey, suffix: u8, id: u64, body: &str) -> SignedChange {
    use automerge::ObjType;
    use automerge::transaction::Transactable;
    forge_on_posts(replica, key.id(), [suffix; 8], key, |tx, posts| {
        let p = tx
            .put_object(posts, ItemId::from_u64(id).to_hex(), ObjType::Map)
            .unwrap();
        tx.put(&p, "author", key.id().to_hex()).unwrap();
        tx.put(&p, "body", body).unwrap();
        tx.put(&p, "created", 1i64).unwrap();
    })
}

/// One change by `key` on `replica`'s document that adds as many posts as make at least
/// `ops` operations (four each: the post, its author, time and text), each post valid on its
/// own, signed by `key`.
pub fn many_ops(replica: &Group, key: &DeviceKey, suffix: u8, ops: usize) -> SignedChange {
    use automerge::ObjType;
    use automerge::transaction::Transactable;
    forge_on_posts(replica, key.id(), [suffix; 8], key, |tx, posts| {
        for i in 0..ops.div_ceil(4) {
            let p = tx
                .put_object(
                    posts,
                    ItemId::from_u64(900_000 + i as u64).to_hex(),
                    ObjType::Map,
                )
                .unwrap();
            tx.put(&p, "author", key.id().to_hex()).unwrap();
            tx.put(&p, "created", 1i64).unwrap();
            tx.put(&p, "body", "one of many").unwrap();
        }
    })
}

/// The process's resident memory now, in MiB (`None` where /proc does not tell).
pub fn rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Why a connection ended, if it has: the QUIC application code it was closed with.
pub fn close_code(e: &ConnectionError) -> Option<u64> {
    match e {
        ConnectionError::ApplicationClosed(c) => Some(c.error_code.into_inner()),
        _ => None,
    }
}

/// Automerge's chunk magic.
const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];

fn leb(v: u64, out: &mut Vec<u8>) {
    leb128::write::unsigned(out, v).unwrap();
}

/// `gib` GiB of zeros, DEFLATE-compressed (about 1 MB per GiB).
pub fn deflated_zeros(gib: usize) -> Vec<u8> {
    let mut deflated = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..gib * 1024 {
        deflated.write_all(&zeros).unwrap();
    }
    deflated.finish().unwrap()
}

/// A compressed change chunk (type 2) that inflates to the size of `bomb`'s contents.
pub fn compressed_change_bomb(bomb: &[u8]) -> Vec<u8> {
    let mut chunk = MAGIC.to_vec();
    chunk.extend_from_slice(&[0; 4]);
    chunk.push(2);
    leb(bomb.len() as u64, &mut chunk);
    chunk.extend_from_slice(bomb);
    chunk
}

/// A document chunk with one change column whose deflated contents are `bomb`.
pub fn document_bomb(bomb: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    leb(0, &mut body); // actors
    leb(0, &mut body); // heads
    leb(1, &mut body); // one change column
    leb(0b1000 | (1 << 4), &mut body); // deflated, column id 1
    leb(bomb.len() as u64, &mut body);
    leb(0, &mut body); // no op columns
    body.extend_from_slice(bomb);
    let mut chunk = MAGIC.to_vec();
    chunk.extend_from_slice(&[0; 4]);
    chunk.push(0);
    leb(body.len() as u64, &mut chunk);
    chunk.extend_from_slice(&body);
    chunk
}

/// A hostile host: answers every session with a whole document, `document`, claiming
/// `count` changes (a fresh member's first sync, PROTOCOL.md "Snapshots").
#[derive(Debug, Clone)]
pub struct SnapshotHost {
    /// The document it sends.
    pub document: std::sync::Arc<Vec<u8>>,
}

impl ProtocolHandler for SnapshotHost {
    async fn accept(&self, conn: Connection) -> Result<(), AcceptError> {
        let (mut send, mut recv) = conn.accept_bi().await?;
        if read_frame(&mut recv, WAIT).await.is_err() {
            return Ok(());
        }
        let payload = wire::snapshot_payload(&self.document, &[]);
        let mut out = encode(&Frame::Reply {
            heads: vec![ChangeHash([1; 32])],
            count: 5000,
        });
        for f in wire::snapshot_frames(&payload) {
            out.extend(encode(&f));
        }
        let _ = send.write_all(&out).await;
        let _ = send.finish();
        let _ = tokio::time::timeout(WAIT, recv.read_to_end(1 << 20)).await;
        let _ = tokio::time::timeout(WAIT, conn.closed()).await;
        Ok(())
    }
}

/// A member's device that takes group sync connections and streams and never answers.
#[derive(Debug, Clone)]
pub struct Silent;

impl ProtocolHandler for Silent {
    async fn accept(&self, conn: Connection) -> Result<(), AcceptError> {
        // Takes the streams it is offered and says nothing until the other side gives up.
        while let Ok((_send, _recv)) = conn.accept_bi().await {
            let _ = conn.closed().await;
        }
        Ok(())
    }
}

/// Runs a silent device ([`Silent`]) with the key `seed`; returns its router (keep it alive)
/// and address.
pub async fn silent_member(seed: [u8; 32]) -> (Router, PeerAddress) {
    let router = Router::builder(endpoint(seed, vec![]).await)
        .accept(SYNC, Silent)
        .spawn();
    let ep = router.endpoint();
    let addr = PeerAddress {
        id: causeway_core::DeviceId::from_bytes(*ep.id().as_bytes()),
        direct: ep.bound_sockets(),
        relay: None,
    };
    (router, addr)
}

/// Runs a hostile host with the key `seed`; returns its router (keep it alive) and address.
pub async fn snapshot_host(seed: [u8; 32], document: Vec<u8>) -> (Router, PeerAddress) {
    let ep = endpoint(seed, vec![]).await;
    let router = Router::builder(ep)
        .accept(
            SYNC,
            SnapshotHost {
                document: std::sync::Arc::new(document),
            },
        )
        .spawn();
    let ep = router.endpoint();
    let addr = PeerAddress {
        id: causeway_core::DeviceId::from_bytes(*ep.id().as_bytes()),
        direct: ep.bound_sockets(),
        relay: None,
    };
    (router, addr)
}

/// Bytes from a small seeded generator (xorshift): "random" garbage that is the same on
/// every run.
pub fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// The process's peak resident memory since the last [`reset_peak`], in MiB (`None` where
/// /proc does not tell).
pub fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Starts measuring the peak resident memory afresh (Linux: `clear_refs` with 5).
pub fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}
