//! The baseline: plain Automerge 0.12 documents kept in memory and synced with Automerge's own
//! sync protocol between two bare iroh endpoints on 127.0.0.1. No signatures, no validation,
//! no storage: the least any Automerge-over-iroh app has to do for the same work.
//!
//! Wire: one bidirectional stream per document session. The dialer first sends the document's
//! number (u64), then both sides exchange frames in lockstep (`len u32 ‖ sync message`, `len`
//! 0 for "nothing to say"): the dialer speaks, the acceptor answers. A session ends when a
//! round carries nothing either way.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result, anyhow};
use automerge::Automerge;
use automerge::sync::{Message, State, SyncDoc};
use iroh::endpoint::{Connection, PortmapperConfig, RecvStream, SendStream, presets};
use iroh::protocol::{AcceptError, ProtocolHandler, Router};
use iroh::{Endpoint, EndpointAddr, EndpointId, NetReportConfig, RelayMode, SecretKey};

/// The baseline's ALPN.
pub const ALPN: &[u8] = b"causeway-bench/automerge-sync/0";
const IDLE: Duration = Duration::from_secs(60);
const MAX_MESSAGE: usize = 1 << 30;

/// Documents and per-peer sync states.
#[derive(Default)]
pub struct Docs {
    pub docs: HashMap<u64, Automerge>,
    states: HashMap<(EndpointId, u64), State>,
}

/// What one session moved, from the dialer's side.
#[derive(Clone, Copy, Debug, Default)]
pub struct Traffic {
    pub bytes_sent: u64,
    pub bytes_received: u64,
    pub round_trips: u32,
    pub udp_sent: u64,
    pub udp_received: u64,
}

/// A bare peer: an endpoint, its documents, an accept loop.
#[derive(Clone)]
pub struct Bare {
    pub docs: Arc<Mutex<Docs>>,
    router: Router,
}

#[derive(Clone, Debug)]
struct Handler {
    docs: Arc<Mutex<Docs>>,
}

impl std::fmt::Debug for Docs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Docs({})", self.docs.len())
    }
}

async fn read_msg(recv: &mut RecvStream) -> Result<(Option<Vec<u8>>, usize)> {
    let mut len = [0u8; 4];
    tokio::time::timeout(IDLE, recv.read_exact(&mut len))
        .await
        .context("baseline: peer silent")??;
    let len = u32::from_le_bytes(len) as usize;
    if len > MAX_MESSAGE {
        return Err(anyhow!("baseline: message too large"));
    }
    if len == 0 {
        return Ok((None, 4));
    }
    let mut buf = vec![0u8; len];
    tokio::time::timeout(IDLE, recv.read_exact(&mut buf))
        .await
        .context("baseline: peer silent")??;
    Ok((Some(buf), 4 + len))
}

async fn write_msg(send: &mut SendStream, msg: Option<&[u8]>) -> Result<usize> {
    let body = msg.unwrap_or(&[]);
    let mut frame = Vec::with_capacity(4 + body.len());
    frame.extend_from_slice(&(body.len() as u32).to_le_bytes());
    frame.extend_from_slice(body);
    tokio::time::timeout(IDLE, send.write_all(&frame))
        .await
        .context("baseline: peer not reading")??;
    Ok(frame.len())
}

impl Docs {
    fn generate(&mut self, peer: EndpointId, doc: u64) -> Option<Vec<u8>> {
        let state = self.states.entry((peer, doc)).or_default();
        let d = self.docs.entry(doc).or_default();
        d.generate_sync_message(state).map(Message::encode)
    }

    fn receive(&mut self, peer: EndpointId, doc: u64, msg: &[u8]) -> Result<()> {
        let state = self.states.entry((peer, doc)).or_default();
        let d = self.docs.entry(doc).or_default();
        d.receive_sync_message(state, Message::decode(msg)?)?;
        Ok(())
    }

    /// As if both sides saved their sync states and restarted: only what `State::encode`
    /// keeps survives.
    pub fn persist_states(&mut self) -> Result<()> {
        for s in self.states.values_mut() {
            *s = State::decode(&s.encode())?;
        }
        Ok(())
    }
}

impl Handler {
    async fn respond(
        &self,
        peer: EndpointId,
        mut send: SendStream,
        mut recv: RecvStream,
    ) -> Result<()> {
        let mut id = [0u8; 8];
        recv.read_exact(&mut id).await?;
        let doc = u64::from_le_bytes(id);
        loop {
            let (incoming, _) = read_msg(&mut recv).await?;
            let out = {
                let mut docs = self.docs.lock().map_err(|_| anyhow!("poisoned"))?;
                if let Some(m) = &incoming {
                    docs.receive(peer, doc, m)?;
                }
                docs.generate(peer, doc)
            };
            write_msg(&mut send, out.as_deref()).await?;
            if incoming.is_none() && out.is_none() {
                break;
            }
        }
        send.finish()?;
        let _ = tokio::time::timeout(IDLE, recv.read_to_end(0)).await;
        Ok(())
    }
}

impl ProtocolHandler for Handler {
    async fn accept(&self, conn: Connection) -> Result<(), AcceptError> {
        let peer = conn.remote_id();
        while let Ok((send, recv)) = conn.accept_bi().await {
            let me = self.clone();
            tokio::spawn(async move {
                if let Err(e) = me.respond(peer, send, recv).await {
                    eprintln!("baseline session failed: {e:#}");
                }
            });
        }
        Ok(())
    }
}

impl Bare {
    /// A bare peer on 127.0.0.1 with a seeded key, no relay, no address lookup.
    pub async fn start(seed: u8) -> Result<Bare> {
        let endpoint = Endpoint::builder(presets::Minimal)
            .relay_mode(RelayMode::Disabled)
            .portmapper_config(PortmapperConfig::Disabled)
            .clear_ip_transports()
            .bind_addr("127.0.0.1:0")?
            .net_report_config(NetReportConfig::minimal())
            .secret_key(SecretKey::from_bytes(&[seed; 32]))
            .bind()
            .await?;
        let docs = Arc::new(Mutex::new(Docs::default()));
        let router = Router::builder(endpoint)
            .accept(ALPN, Handler { docs: docs.clone() })
            .spawn();
        Ok(Bare { docs, router })
    }

    pub fn addr(&self) -> EndpointAddr {
        let ep = self.router.endpoint();
        let mut a = EndpointAddr::new(ep.id());
        for s in ep.bound_sockets() {
            a = a.with_ip_addr(s);
        }
        a
    }

    pub async fn connect(&self, to: &Bare) -> Result<Connection> {
        Ok(self.router.endpoint().connect(to.addr(), ALPN).await?)
    }

    /// Runs one session for document `doc` over `conn`, as the dialer.
    pub async fn sync(&self, conn: &Connection, doc: u64) -> Result<Traffic> {
        let peer = conn.remote_id();
        let before = conn.stats();
        let (mut send, mut recv) = conn.open_bi().await?;
        let mut t = Traffic::default();
        send.write_all(&doc.to_le_bytes()).await?;
        t.bytes_sent += 8;
        loop {
            let out = {
                let mut docs = self.docs.lock().map_err(|_| anyhow!("poisoned"))?;
                docs.generate(peer, doc)
            };
            t.bytes_sent += write_msg(&mut send, out.as_deref()).await? as u64;
            let (incoming, n) = read_msg(&mut recv).await?;
            t.bytes_received += n as u64;
            if out.is_none() && incoming.is_none() {
                break;
            }
            t.round_trips += 1;
            if let Some(m) = incoming {
                let mut docs = self.docs.lock().map_err(|_| anyhow!("poisoned"))?;
                docs.receive(peer, doc, &m)?;
            }
        }
        send.finish()?;
        let _ = tokio::time::timeout(IDLE, recv.read_to_end(0)).await;
        let after = conn.stats();
        t.udp_sent = after.udp_tx.bytes - before.udp_tx.bytes;
        t.udp_received = after.udp_rx.bytes - before.udp_rx.bytes;
        Ok(t)
    }

    pub async fn shutdown(&self) {
        let _ = self.router.shutdown().await;
    }
}
