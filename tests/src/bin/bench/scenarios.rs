//! The scenarios of issue 5, each run against Causeway's real code and against the baseline in
//! the same process and run.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use automerge::Automerge;
use causeway_core::{GroupId, ItemId, SignedChange, Timestamp};
use causeway_sync::{LocalNode, Node};

use crate::baseline::Bare;
use crate::data::{self, Corpus, Rng, Shape};
use crate::report::{Row, Verdict, bytes, ratio, secs};
use crate::setup::{self, bounded, shown_posts, start, until_changes, until_views};

/// Sizes of one run.
#[derive(Clone, Copy, Debug)]
pub struct Scale {
    /// Posts in the big group (B2–B4, B7, M1).
    pub big: usize,
    /// Groups and posts per group (B5).
    pub groups: usize,
    pub group_posts: usize,
    /// Posts timed one by one (B6).
    pub live_posts: usize,
    /// Members and posts each (S1).
    pub swarm: usize,
    pub swarm_posts: usize,
    /// Whether these are the sizes the targets are about.
    pub judged: bool,
}

impl Scale {
    pub const FULL: Scale = Scale {
        big: 100_000,
        groups: 1000,
        group_posts: 100,
        live_posts: 1000,
        swarm: 30,
        swarm_posts: 100,
        judged: true,
    };
    pub const SMOKE: Scale = Scale {
        big: 1000,
        groups: 20,
        group_posts: 20,
        live_posts: 30,
        swarm: 4,
        swarm_posts: 10,
        judged: false,
    };
}

/// Where a run keeps things.
pub struct Ctx {
    pub cache: PathBuf,
    pub work: PathBuf,
    pub scale: Scale,
}

impl Ctx {
    /// A working copy of the cached data folder of `device` holding one corpus, as the device
    /// leaves it when its node stops ([`setup::prepared`]).
    fn folder(&self, corpus: &Corpus, device: usize, label: &str) -> Result<PathBuf> {
        setup::prepared(
            &self.cache,
            &self.work,
            std::slice::from_ref(corpus),
            device,
            label,
            setup::Left::Stopped,
        )
    }

    fn verdict(&self, met: bool) -> Verdict {
        match (self.scale.judged, met) {
            (false, _) => Verdict::Info,
            (true, true) => Verdict::Met,
            (true, false) => Verdict::Missed,
        }
    }
}

fn post_with(rng: &mut Rng, node: &Node, group: GroupId) -> Result<(ItemId, SignedChange)> {
    let id = ItemId::from_u64(rng.next());
    let title = data::text(rng, 30);
    let body = data::text(rng, 200);
    let change = node.act(group, |g, now| g.post(now, id, &title, &body, "en"))?;
    Ok((id, change.into()))
}

fn apply(doc: &mut Automerge, changes: &[SignedChange]) -> Result<()> {
    let changes = changes
        .iter()
        .map(|c| automerge::Change::try_from(&c.bytes[..]))
        .collect::<Result<Vec<_>, _>>()?;
    doc.apply_changes(changes)?;
    Ok(())
}

fn plain_doc(corpus: &Corpus) -> Result<Automerge> {
    let mut doc = Automerge::new();
    apply(&mut doc, &corpus.changes)?;
    Ok(doc)
}

fn docs(peer: &Bare) -> Result<std::sync::MutexGuard<'_, crate::baseline::Docs>> {
    peer.docs.lock().map_err(|_| anyhow!("poisoned"))
}

/// The big group of B2–B4, B7 and M1: `scale.big` posts by 50 authors, 4 member devices.
fn big_corpus(ctx: &Ctx) -> Result<Corpus> {
    data::corpus(
        &ctx.cache,
        Shape {
            posts: ctx.scale.big,
            authors: 50,
            devices: 4,
            seed: 1,
        },
    )
}

/// B2, B3 and B4 on one pair of devices: a fresh member catches up on the big group, then the
/// two meet again after one side wrote 100 posts, then after both wrote 1,000 offline.
pub async fn catch_up(ctx: &Ctx) -> Result<Vec<Row>> {
    let n = ctx.scale.big;
    let corpus = big_corpus(ctx)?;
    let g = corpus.group;
    let host_dir = ctx.folder(&corpus, 0, "big")?;
    let fresh_dir = ctx.work.join("fresh");
    let mut fresh_local = setup::folder(&fresh_dir, &corpus.devices[1], "Fresh")?;
    fresh_local.prepare_join(g, corpus.devices[0].id())?;
    let t = Instant::now();
    let host_local = LocalNode::open(&host_dir)?;
    let load_time = t.elapsed();
    let saved = host_local
        .group(&g)
        .ok_or_else(|| anyhow!("host lacks the group"))?
        .save();
    let host = start(host_local, false).await?;
    let fresh = start(fresh_local, false).await?;
    // Both devices have been running a while: their views are built.
    let started = Instant::now();
    until_views(&host, "B2 host views", |s| shown_posts(s, g) > n).await?;
    until_views(&fresh, "B2 fresh views", |s| s.version > 0).await?;
    let host_views = started.elapsed();

    // B2, Causeway.
    let t0 = Instant::now();
    let out = bounded("B2 sync", fresh.sync_group(g, &host.address())).await??;
    let synced = t0.elapsed();
    let shown = until_views(&fresh, "B2 view", |s| shown_posts(s, g) > n).await? - t0;
    let wire = out.bytes_sent + out.bytes_received;
    // B2, baseline.
    let bh = Bare::start(10).await?;
    let bf = Bare::start(11).await?;
    docs(&bh)?.docs.insert(0, Automerge::load(&saved)?);
    let conn = bf.connect(&bh).await?;
    let t0 = Instant::now();
    let bt = bf.sync(&conn, 0).await?;
    let base_time = t0.elapsed();
    conn.close(0u32.into(), b"done");
    let base_wire = bt.bytes_sent + bt.bytes_received;
    let saved_len = saved.len() as u64;
    let time_ratio = synced.as_secs_f64() / base_time.as_secs_f64();
    let bytes_ratio = wire as f64 / saved_len as f64;
    let mut rows = vec![Row {
        id: "B2",
        scenario: format!("fresh member catches up on a {n}-post group (loopback)"),
        causeway: format!("{} · {}", secs(synced), bytes(wire)),
        baseline: format!("{} · {}", secs(base_time), bytes(base_wire)),
        ratio: format!(
            "time {} · bytes {} of saved size",
            ratio(synced.as_secs_f64(), base_time.as_secs_f64()),
            ratio(wire as f64, saved_len as f64)
        ),
        target: "time ≤ 1.3× baseline; bytes ≤ 1.1× saved size",
        verdict: ctx.verdict(time_ratio <= 1.3 && bytes_ratio <= 1.1),
        notes: vec![
            format!(
                "saved document {} ({} in raw change chunks); Causeway moved {} in {} changes, UDP {} both ways",
                bytes(saved_len),
                bytes(corpus.bytes() as u64),
                bytes(wire),
                out.received,
                bytes(out.udp_sent + out.udp_received)
            ),
            format!(
                "Causeway: synced and stored in {}; all {} posts in the app's published view after {}",
                secs(synced),
                n + 1,
                secs(shown)
            ),
            format!(
                "opening the host's data folder with this group took {}, and its first views {} more",
                secs(load_time),
                secs(host_views)
            ),
        ],
    }];

    // B3: restart both (sync state comes from disk), the host writes 100 posts, they meet.
    host.shutdown().await;
    fresh.shutdown().await;
    drop((host, fresh));
    let t = Instant::now();
    let host = start(LocalNode::open(&host_dir)?, false).await?;
    let fresh = start(LocalNode::open(&fresh_dir)?, false).await?;
    until_views(&host, "B3 host views", |s| shown_posts(s, g) > n).await?;
    until_views(&fresh, "B3 fresh views", |s| shown_posts(s, g) > n).await?;
    let restart = t.elapsed();
    let mut rng = Rng::new(33);
    let mut made = Vec::new();
    for _ in 0..100 {
        made.push(post_with(&mut rng, &host, g)?.1);
    }
    let raw: u64 = made.iter().map(|c| c.bytes.len() as u64).sum();
    let t0 = Instant::now();
    let out = bounded("B3 sync", fresh.sync_group(g, &host.address())).await??;
    let took = t0.elapsed();
    apply(docs(&bh)?.docs.entry(0).or_default(), &made)?;
    docs(&bh)?.persist_states()?;
    docs(&bf)?.persist_states()?;
    let conn = bf.connect(&bh).await?;
    let t0 = Instant::now();
    let bt = bf.sync(&conn, 0).await?;
    let base_took = t0.elapsed();
    conn.close(0u32.into(), b"done");
    let wire = out.bytes_sent + out.bytes_received;
    let limit = 2 * raw + 1024;
    rows.push(Row {
        id: "B3",
        scenario: "reconnect with saved sync state after the other side added 100 posts".into(),
        causeway: format!("{} round trips · {} · {}", out.round_trips, bytes(wire), secs(took)),
        baseline: format!(
            "{} round trips · {} · {}",
            bt.round_trips,
            bytes(bt.bytes_sent + bt.bytes_received),
            secs(base_took)
        ),
        ratio: format!("bytes {} of raw changes", ratio(wire as f64, raw as f64)),
        target: "≤ 2 round trips; bytes ≤ 2× raw change bytes + 1 KB",
        verdict: ctx.verdict(out.round_trips <= 2 && wire <= limit),
        notes: vec![
            format!(
                "raw change bytes {}, so the limit is {}; both nodes restarted first (opening both folders and building their views: {})",
                bytes(raw),
                bytes(limit),
                secs(restart)
            ),
            format!("time ratio {}", ratio(took.as_secs_f64(), base_took.as_secs_f64())),
        ],
    });

    // B4: both write 1,000 posts offline, then meet.
    let mut host_made = Vec::new();
    let mut fresh_made = Vec::new();
    for _ in 0..1000 {
        host_made.push(post_with(&mut rng, &host, g)?.1);
        fresh_made.push(post_with(&mut rng, &fresh, g)?.1);
    }
    let t0 = Instant::now();
    let out = bounded("B4 sync", fresh.sync_group(g, &host.address())).await??;
    let took = t0.elapsed();
    apply(docs(&bh)?.docs.entry(0).or_default(), &host_made)?;
    apply(docs(&bf)?.docs.entry(0).or_default(), &fresh_made)?;
    docs(&bh)?.persist_states()?;
    docs(&bf)?.persist_states()?;
    let conn = bf.connect(&bh).await?;
    let t0 = Instant::now();
    let bt = bf.sync(&conn, 0).await?;
    let base_took = t0.elapsed();
    conn.close(0u32.into(), b"done");
    let converged = {
        let h = host.local(|l| l.group(&g).map(|x| x.heads()))?;
        let f = fresh.local(|l| l.group(&g).map(|x| x.heads()))?;
        h == f
    };
    rows.push(Row {
        id: "B4",
        scenario: format!("both sides added 1,000 posts offline to a {n}-post group, then meet"),
        causeway: format!(
            "{} round trips · {} · {}",
            out.round_trips,
            bytes(out.bytes_sent + out.bytes_received),
            secs(took)
        ),
        baseline: format!(
            "{} round trips · {} · {}",
            bt.round_trips,
            bytes(bt.bytes_sent + bt.bytes_received),
            secs(base_took)
        ),
        ratio: format!(
            "time {}",
            ratio(took.as_secs_f64(), base_took.as_secs_f64())
        ),
        target: "≤ 3 round trips",
        verdict: ctx.verdict(out.round_trips <= 3 && converged),
        notes: vec![format!(
            "sent {} and received {} changes; both ended with the same heads: {converged}",
            out.sent, out.received
        )],
    });
    host.shutdown().await;
    fresh.shutdown().await;
    bh.shutdown().await;
    bf.shutdown().await;
    Ok(rows)
}

/// B5: many groups. Start-up of a device holding them all, then a reconnect where nothing
/// changed.
pub async fn many_groups(ctx: &Ctx) -> Result<Vec<Row>> {
    let (count, posts) = (ctx.scale.groups, ctx.scale.group_posts);
    let corpora: Vec<Corpus> = (0..count)
        .map(|i| {
            data::corpus(
                &ctx.cache.join("many"),
                Shape {
                    posts,
                    authors: 5,
                    devices: 2,
                    seed: 1000 + i as u64,
                },
            )
        })
        .collect::<Result<_>>()?;
    let label = format!("many-{count}x{posts}");
    let dirs: Vec<PathBuf> = (0..2)
        .map(|d| {
            setup::prepared(
                &ctx.cache,
                &ctx.work,
                &corpora,
                d,
                &label,
                setup::Left::Written,
            )
        })
        .collect::<Result<_>>()?;
    // A first sync of every group records the shared heads, as at the end of a working day.
    let all_views = |s: &causeway_sync::views::Snapshot| s.version > 0 && s.groups.len() == count;
    let host = start(LocalNode::open(&dirs[0])?, false).await?;
    until_views(&host, "B5 host views", all_views).await?;
    // The first start after the data was written replays every group's log.
    let t0 = Instant::now();
    let peer = start(LocalNode::open(&dirs[1])?, false).await?;
    until_views(&peer, "B5 first views", all_views).await?;
    let from_logs = t0.elapsed();
    let ids: Vec<GroupId> = corpora.iter().map(|c| c.group).collect();
    let t0 = Instant::now();
    let round = bounded("B5 first sync", peer.sync_peer(&host.address(), &ids)).await??;
    if let Some((_, Err(e))) = round.sessions.iter().find(|(_, r)| r.is_err()) {
        return Err(anyhow!("B5 first sync: {e}"));
    }
    let first = t0.elapsed();
    // Stopping folds every group's log into its snapshot, with its ledger.
    let t0 = Instant::now();
    peer.shutdown().await;
    let stopping = t0.elapsed();
    drop(peer);
    // Start-up: open the folder, start the node, and publish the first views.
    let t0 = Instant::now();
    let peer = start(LocalNode::open(&dirs[1])?, false).await?;
    until_views(&peer, "B5 views", all_views).await?;
    let startup = t0.elapsed();
    // Reconnect with nothing changed.
    let t0 = Instant::now();
    let round = bounded("B5 reconnect", peer.sync_peer(&host.address(), &ids)).await??;
    let reconnect = t0.elapsed();
    let app_bytes = round.bytes_sent + round.bytes_received;
    let udp = round.udp_sent + round.udp_received;
    let in_step = round.same;
    peer.shutdown().await;
    host.shutdown().await;
    // Baseline: one saved file per document; start-up loads them all.
    let bare_dir = ctx.work.join("bare-many");
    std::fs::create_dir_all(&bare_dir)?;
    for (i, c) in corpora.iter().enumerate() {
        std::fs::write(
            bare_dir.join(format!("{i}.automerge")),
            plain_doc(c)?.save(),
        )?;
    }
    let t0 = Instant::now();
    let mut loaded = Vec::with_capacity(count);
    for i in 0..count {
        loaded.push(Automerge::load(&std::fs::read(
            bare_dir.join(format!("{i}.automerge")),
        )?)?);
    }
    let base_startup = t0.elapsed();
    let bh = Bare::start(20).await?;
    let bp = Bare::start(21).await?;
    for (i, doc) in loaded.into_iter().enumerate() {
        docs(&bp)?.docs.insert(i as u64, doc.clone());
        docs(&bh)?.docs.insert(i as u64, doc);
    }
    let conn = bp.connect(&bh).await?;
    for i in 0..count {
        bp.sync(&conn, i as u64).await?;
    }
    conn.close(0u32.into(), b"done");
    docs(&bh)?.persist_states()?;
    docs(&bp)?.persist_states()?;
    let conn = bp.connect(&bh).await?;
    let (mut base_app, mut base_udp) = (0u64, 0u64);
    let t0 = Instant::now();
    for i in 0..count {
        let t = bp.sync(&conn, i as u64).await?;
        base_app += t.bytes_sent + t.bytes_received;
    }
    let base_reconnect = t0.elapsed();
    let stats = conn.stats();
    base_udp += stats.udp_tx.bytes + stats.udp_rx.bytes;
    conn.close(0u32.into(), b"done");
    bh.shutdown().await;
    bp.shutdown().await;
    let per = |b: u64| b / count as u64;
    Ok(vec![Row {
        id: "B5",
        scenario: format!("{count} groups × {posts} posts: start-up, then reconnect with nothing changed"),
        causeway: format!(
            "start-up {} · {} per group ({} UDP)",
            secs(startup),
            bytes(per(app_bytes)),
            bytes(per(udp))
        ),
        baseline: format!(
            "start-up {} · {} per group ({} UDP)",
            secs(base_startup),
            bytes(per(base_app)),
            bytes(per(base_udp))
        ),
        ratio: format!(
            "start-up {} · bytes {}",
            ratio(startup.as_secs_f64(), base_startup.as_secs_f64()),
            ratio(app_bytes as f64, base_app as f64)
        ),
        target: "start-up to usable < 2 s; < 200 bytes per group on reconnect",
        verdict: ctx.verdict(startup < Duration::from_secs(2) && per(udp) < 200),
        notes: vec![
            format!(
                "reconnect took {} for all groups (baseline {}), {in_step} of {count} found the same by one check; the first sync of all groups {}",
                secs(reconnect),
                secs(base_reconnect),
                secs(first)
            ),
            format!(
                "start-up after a clean stop, which folded each group's log into its snapshot with the group's ledger in {}; the first start, replaying {posts} logged changes per group, took {}",
                secs(stopping),
                secs(from_logs)
            ),
            "Causeway's start-up runs to the first published views of every group; the baseline's only loads the saved documents. Causeway reconnects with one round: a check of every group in one round trip (16-byte digests of the heads), then sessions only where they differ. Bytes per group are the protocols' own, then UDP including the QUIC and TLS handshake of the new connection".into(),
        ],
    }])
}

/// B6: a post made on one connected device, until it shows in the other device's views.
pub async fn live(ctx: &Ctx) -> Result<Vec<Row>> {
    let corpus = data::corpus(
        &ctx.cache,
        Shape {
            posts: 100,
            authors: 5,
            devices: 2,
            seed: 6,
        },
    )?;
    let g = corpus.group;
    let a_dir = ctx.folder(&corpus, 0, "live")?;
    let b_dir = ctx.folder(&corpus, 1, "live")?;
    let a = start(LocalNode::open(&a_dir)?, true).await?;
    let b = start(LocalNode::open(&b_dir)?, true).await?;
    let (a_addr, b_addr) = (a.address(), b.address());
    a.local(|n| n.remember_address(&b_addr))??;
    b.local(|n| n.remember_address(&a_addr))??;
    let mut rng = Rng::new(66);
    let mut lat = Vec::new();
    let mut made = Vec::new();
    for _ in 0..ctx.scale.live_posts {
        let t0 = Instant::now();
        let (id, change) = post_with(&mut rng, &a, g)?;
        let seen = until_views(&b, "B6 post visible", |s| {
            s.group(g)
                .is_some_and(|v| v.posts.iter().take(8).any(|p| p.post.id == id))
        })
        .await?;
        lat.push(seen - t0);
        made.push(change);
    }
    a.shutdown().await;
    b.shutdown().await;
    // Baseline: the same changes, applied on one bare peer and sent by one session each over
    // an open connection.
    let ba = Bare::start(30).await?;
    let bb = Bare::start(31).await?;
    docs(&ba)?.docs.insert(0, plain_doc(&corpus)?);
    docs(&bb)?.docs.insert(0, plain_doc(&corpus)?);
    let conn = ba.connect(&bb).await?;
    ba.sync(&conn, 0).await?;
    let mut base = Vec::new();
    for c in &made {
        let t0 = Instant::now();
        apply(
            docs(&ba)?.docs.entry(0).or_default(),
            std::slice::from_ref(c),
        )?;
        ba.sync(&conn, 0).await?;
        base.push(t0.elapsed());
    }
    conn.close(0u32.into(), b"done");
    ba.shutdown().await;
    bb.shutdown().await;
    let (p50, p99) = (pct(&mut lat, 50.0), pct(&mut lat, 99.0));
    let (b50, b99) = (pct(&mut base, 50.0), pct(&mut base, 99.0));
    Ok(vec![Row {
        id: "B6",
        scenario: format!("a post made on one connected device is visible on the other ({} posts)", lat.len()),
        causeway: format!("p50 {} · p99 {}", secs(p50), secs(p99)),
        baseline: format!("p50 {} · p99 {}", secs(b50), secs(b99)),
        ratio: format!("p99 {}", ratio(p99.as_secs_f64(), b99.as_secs_f64())),
        target: "p99 < 50 ms",
        verdict: ctx.verdict(p99 < Duration::from_millis(50)),
        notes: vec![
            "Causeway: from the call that posts until the other device's published view (what its window draws) shows the post; sessions run on a connection kept open between them. Baseline: the same change applied and sent in one Automerge sync session over a connection kept open".into(),
        ],
    }])
}

fn pct(v: &mut [Duration], p: f64) -> Duration {
    if v.is_empty() {
        return Duration::ZERO;
    }
    v.sort();
    let i = ((p / 100.0) * (v.len() - 1) as f64).round() as usize;
    v[i.min(v.len() - 1)]
}

/// M1: resident memory with the big group loaded, each side measured in a fresh process.
pub async fn memory(ctx: &Ctx) -> Result<Vec<Row>> {
    let n = ctx.scale.big;
    let corpus = big_corpus(ctx)?;
    let dir = ctx.folder(&corpus, 0, "big")?;
    let saved = ctx.work.join("big.automerge");
    std::fs::write(&saved, plain_doc(&corpus)?.save())?;
    let child = |what: &str, path: &PathBuf| -> Result<u64> {
        let out = std::process::Command::new(std::env::current_exe()?)
            .arg("--child-memory")
            .arg(what)
            .arg(path)
            .output()?;
        let text = String::from_utf8_lossy(&out.stdout);
        text.trim().parse().map_err(|_| {
            anyhow!(
                "memory child said {text:?} {}",
                String::from_utf8_lossy(&out.stderr)
            )
        })
    };
    let ours = child("causeway", &dir)?;
    let base = child("automerge", &saved)?;
    let r = ours as f64 / base as f64;
    Ok(vec![Row {
        id: "M1",
        scenario: format!("resident memory with a {n}-post group loaded"),
        causeway: bytes(ours),
        baseline: bytes(base),
        ratio: ratio(ours as f64, base as f64),
        target: "< 2× the baseline",
        verdict: ctx.verdict(r < 2.0),
        notes: vec![
            "growth of resident memory in a fresh process: Causeway opens the data folder, starts the node and publishes the app's views; the baseline loads the saved document with Automerge::load".into(),
        ],
    }])
}

/// The child process of [`memory`]: prints how much resident memory loading took.
pub fn memory_child(what: &str, path: &str) -> Result<()> {
    let rt = tokio::runtime::Runtime::new()?;
    let before = setup::rss().unwrap_or(0);
    let after = match what {
        "causeway" => rt.block_on(async {
            let node = start(LocalNode::open(std::path::Path::new(path))?, false).await?;
            until_views(&node, "M1 views", |s| s.version > 0 && !s.groups.is_empty()).await?;
            let rss = setup::rss().unwrap_or(0);
            node.shutdown().await;
            Ok::<_, anyhow::Error>(rss)
        })?,
        _ => {
            let doc = Automerge::load(&std::fs::read(path)?)?;
            let rss = setup::rss().unwrap_or(0);
            drop(doc);
            rss
        }
    };
    println!("{}", after.saturating_sub(before));
    Ok(())
}

/// S1: members on loopback each post; time until every one holds every post.
pub async fn swarm(ctx: &Ctx) -> Result<Vec<Row>> {
    let (count, each) = (ctx.scale.swarm, ctx.scale.swarm_posts);
    let corpus = data::corpus(
        &ctx.cache,
        Shape {
            posts: 0,
            authors: 1,
            devices: count,
            seed: 30,
        },
    )?;
    let g = corpus.group;
    let base = corpus.changes.len();
    let mut nodes = Vec::new();
    for d in 0..count {
        let dir = ctx.folder(&corpus, d, "swarm")?;
        nodes.push(start(LocalNode::open(&dir)?, true).await?);
    }
    let addrs: Vec<_> = nodes.iter().map(Node::address).collect();
    for n in &nodes {
        for a in &addrs {
            if a.id != n.device_id() {
                n.local(|l| l.remember_address(a))??;
            }
        }
    }
    let (t0, cpu0) = (Instant::now(), setup::cpu_seconds());
    let mut writers = tokio::task::JoinSet::new();
    for (i, n) in nodes.iter().enumerate() {
        let n = n.clone();
        writers.spawn(async move {
            let mut rng = Rng::new(300 + i as u64);
            for _ in 0..each {
                post_with(&mut rng, &n, g)?;
                tokio::task::yield_now().await;
            }
            Ok::<_, anyhow::Error>(())
        });
    }
    let mut waits = tokio::task::JoinSet::new();
    for n in &nodes {
        let n = n.clone();
        waits.spawn(async move { until_changes(&n, g, base + count * each).await });
    }
    while let Some(r) = writers.join_next().await {
        r??;
    }
    let written = t0.elapsed();
    let mut last = t0;
    while let Some(r) = waits.join_next().await {
        last = last.max(r??);
    }
    let ours = last - t0;
    let our_cpu = cpu0.zip(setup::cpu_seconds()).map(|(a, b)| b - a);
    for n in &nodes {
        n.shutdown().await;
    }
    // Baseline: bare peers write the same number of posts as plain Automerge transactions,
    // then every pair runs one sync session.
    let mut peers = Vec::new();
    for i in 0..count {
        let p = Bare::start(100 + i as u8).await?;
        docs(&p)?.docs.insert(0, plain_doc(&corpus)?);
        peers.push(Arc::new(p));
    }
    let (t0, cpu0) = (Instant::now(), setup::cpu_seconds());
    for (i, p) in peers.iter().enumerate() {
        let mut docs = docs(p)?;
        let doc = docs.docs.entry(0).or_default();
        let mut rng = Rng::new(300 + i as u64);
        for _ in 0..each {
            plain_post(doc, &mut rng)?;
        }
    }
    let mut sessions = tokio::task::JoinSet::new();
    for i in 0..count {
        for j in (i + 1)..count {
            let (a, b) = (peers[i].clone(), peers[j].clone());
            sessions.spawn(async move {
                let conn = a.connect(&b).await?;
                a.sync(&conn, 0).await?;
                conn.close(0u32.into(), b"done");
                Ok::<_, anyhow::Error>(())
            });
        }
    }
    while let Some(r) = sessions.join_next().await {
        r??;
    }
    let base_time = t0.elapsed();
    let base_cpu = cpu0.zip(setup::cpu_seconds()).map(|(a, b)| b - a);
    let complete = peers.iter().all(|p| {
        docs(p).is_ok_and(|d| {
            d.docs
                .get(&0)
                .is_some_and(|doc| doc.get_changes(&[]).len() == base + count * each)
        })
    });
    for p in &peers {
        p.shutdown().await;
    }
    if !complete {
        return Err(anyhow!("the baseline swarm did not converge"));
    }
    Ok(vec![Row {
        id: "S1",
        scenario: format!(
            "{count} members on loopback each post {each} times; until all hold all {} posts",
            count * each
        ),
        causeway: secs(ours),
        baseline: secs(base_time),
        ratio: ratio(ours.as_secs_f64(), base_time.as_secs_f64()),
        target: "< 10 s",
        verdict: ctx.verdict(ours < Duration::from_secs(10)),
        notes: vec![
            "Causeway: every node posts through its live push path while the others post too. Baseline: every peer writes its posts as plain Automerge transactions, then each pair runs one sync session (a full mesh, all at once)".into(),
            format!(
                "Causeway's posts were all written after {}; processor time used: Causeway {}, baseline {} (all nodes share this machine's cores)",
                secs(written),
                our_cpu.map_or("unknown".into(), |c| format!("{c:.1} s")),
                base_cpu.map_or("unknown".into(), |c| format!("{c:.1} s")),
            ),
        ],
    }])
}

fn plain_post(doc: &mut Automerge, rng: &mut Rng) -> Result<()> {
    use automerge::transaction::Transactable;
    use automerge::{ObjType, ROOT, ReadDoc};
    let posts = match doc.get(ROOT, "posts")? {
        Some((_, id)) => id,
        None => return Err(anyhow!("the corpus has no posts map")),
    };
    let mut tx = doc.transaction();
    let p = tx.put_object(&posts, format!("{:016x}", rng.next()), ObjType::Map)?;
    tx.put(&p, "title", data::text(rng, 30))?;
    tx.put(&p, "body", data::text(rng, 200))?;
    tx.put(&p, "lang", "en")?;
    tx.put(&p, "created", Timestamp(0).0)?;
    tx.commit();
    Ok(())
}

/// One headless frame of an egui app: layout (`Context::run_ui`) and tessellation, scrolling
/// down a little each frame with the pointer over the feed.
struct Frames {
    ctx: egui::Context,
    t: f64,
}

impl Frames {
    fn new() -> Frames {
        Frames {
            ctx: egui::Context::default(),
            t: 0.0,
        }
    }

    fn frame(&mut self, scroll: f32, mut draw: impl FnMut(&mut egui::Ui)) -> Duration {
        self.t += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1100.0, 800.0),
            )),
            time: Some(self.t),
            events: vec![
                egui::Event::PointerMoved(egui::pos2(700.0, 450.0)),
                egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, -scroll),
                    phase: egui::TouchPhase::Move,
                    source: egui::MouseWheelSource::Wheel,
                    modifiers: egui::Modifiers::default(),
                },
            ],
            ..Default::default()
        };
        let start = Instant::now();
        let mut out = self.ctx.run_ui(input, |ui| draw(ui));
        // No GPU here: the font atlas updates are dropped on purpose.
        out.textures_delta.clear();
        let _ = self.ctx.tessellate(out.shapes, out.pixels_per_point);
        start.elapsed()
    }
}

/// Frames at 60 per second while `busy` runs on another runtime; their durations.
fn frames_while(
    frames: &mut Frames,
    busy: tokio::task::JoinHandle<Result<()>>,
    mut draw: impl FnMut(&mut egui::Ui),
) -> Result<Vec<Duration>> {
    let mut times = Vec::new();
    let deadline = Instant::now() + setup::LIMIT;
    let mut next = Instant::now();
    while !busy.is_finished() || times.len() < 120 {
        if Instant::now() > deadline {
            return Err(anyhow!("B7: the catch-up did not end"));
        }
        times.push(frames.frame(120.0, &mut draw));
        // Pace like a 60 Hz display.
        next += Duration::from_micros(16_667);
        if let Some(wait) = next.checked_duration_since(Instant::now()) {
            std::thread::sleep(wait);
        }
    }
    Ok(times)
}

/// B7: the app's frame time with the big group's feed open while a fresh member catches up
/// from this very device (B2 running against it).
pub fn frames(ctx: &Ctx) -> Result<Vec<Row>> {
    use causeway_app::i18n::Lang;
    use causeway_app::{CausewayApp, Saved};
    use causeway_sync::Network;
    use causeway_sync::control::BlockingNode;
    let n = ctx.scale.big;
    let corpus = big_corpus(ctx)?;
    let g = corpus.group;
    let host_dir = ctx.folder(&corpus, 0, "big")?;
    let host = BlockingNode::start(LocalNode::open(&host_dir)?, Network::Loopback)?;
    let host_node = host.node().clone();
    host_node.set_live(false);
    let mut app = CausewayApp::new(
        host,
        Some(Saved {
            lang: Some(Lang::En),
            open_group: Some(g.to_hex()),
            ..Saved::default()
        }),
    );
    let mut frames = Frames::new();
    // Warm up: until the feed's view is published and drawn.
    let deadline = Instant::now() + setup::LIMIT;
    while shown_posts(&host_node.snapshot(), g) <= n {
        if Instant::now() > deadline {
            return Err(anyhow!("B7: the host's views never appeared"));
        }
        frames.frame(0.0, |ui| app.draw(ui));
        std::thread::sleep(Duration::from_millis(16));
    }
    for _ in 0..30 {
        frames.frame(0.0, |ui| app.draw(ui));
    }
    let rt = tokio::runtime::Runtime::new()?;
    let fresh_dir = ctx.work.join("b7-fresh");
    let mut fresh_local = setup::folder(&fresh_dir, &corpus.devices[2], "Fresh")?;
    fresh_local.prepare_join(g, corpus.devices[0].id())?;
    let addr = host_node.address();
    let (done_tx, done) = tokio::sync::oneshot::channel();
    let busy = rt.spawn(async move {
        let fresh = start(fresh_local, false).await?;
        bounded("B7 catch-up", fresh.sync_group(g, &addr)).await??;
        until_views(&fresh, "B7 fresh views", |s| shown_posts(s, g) > n).await?;
        // Stopped after the frames are measured: stopping is not part of catching up.
        let _ = done_tx.send(fresh);
        Ok(())
    });
    let mut ours = frames_while(&mut frames, busy, |ui| app.draw(ui))?;
    if let Ok(fresh) = rt.block_on(done) {
        rt.block_on(fresh.shutdown());
    }
    drop(app);
    // Baseline: a plain egui list of the same posts (title and body, read once from the plain
    // document) while two bare peers run the same catch-up.
    let doc = plain_doc(&corpus)?;
    let rows = plain_rows(&doc)?;
    let saved = doc.save();
    let (bh, bf) = rt.block_on(async {
        Ok::<_, anyhow::Error>((Bare::start(40).await?, Bare::start(41).await?))
    })?;
    docs(&bh)?.docs.insert(0, Automerge::load(&saved)?);
    let (bh2, bf2) = (bh.clone(), bf.clone());
    let busy = rt.spawn(async move {
        let conn = bf2.connect(&bh2).await?;
        bf2.sync(&conn, 0).await?;
        conn.close(0u32.into(), b"done");
        Ok(())
    });
    let mut frames = Frames::new();
    let draw_plain = |ui: &mut egui::Ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show_rows(ui, 40.0, rows.len(), |ui, range| {
                for (title, body) in &rows[range] {
                    ui.strong(title);
                    ui.label(body);
                }
            });
        });
    };
    for _ in 0..30 {
        frames.frame(0.0, draw_plain);
    }
    let mut base = frames_while(&mut frames, busy, draw_plain)?;
    rt.block_on(async {
        bh.shutdown().await;
        bf.shutdown().await;
    });
    let (p95, max) = (pct(&mut ours, 95.0), pct(&mut ours, 100.0));
    let (b95, bmax) = (pct(&mut base, 95.0), pct(&mut base, 100.0));
    Ok(vec![Row {
        id: "B7",
        scenario: format!("the app's frame time with a {n}-post feed open while B2 runs ({} frames)", ours.len()),
        causeway: format!("p95 {} · max {}", secs(p95), secs(max)),
        baseline: format!("p95 {} · max {}", secs(b95), secs(bmax)),
        ratio: format!("p95 {}", ratio(p95.as_secs_f64(), b95.as_secs_f64())),
        target: "p95 < 8 ms, max < 16.7 ms",
        verdict: ctx.verdict(p95 < Duration::from_millis(8) && max < Duration::from_micros(16_700)),
        notes: vec![
            "headless: egui layout (Context::run_ui) plus tessellation of the real app window (1100×800, the group's feed open, scrolling 120 points a frame), paced at 60 Hz, while a fresh member catches up from this device. Baseline: a plain egui list of the same posts while bare peers run the same catch-up".into(),
        ],
    }])
}

fn plain_rows(doc: &Automerge) -> Result<Vec<(String, String)>> {
    use automerge::{ROOT, ReadDoc};
    let posts = match doc.get(ROOT, "posts")? {
        Some((_, id)) => id,
        None => return Err(anyhow!("the corpus has no posts map")),
    };
    let text = |obj: &automerge::ObjId, k: &str| -> String {
        doc.get(obj, k)
            .ok()
            .flatten()
            .and_then(|(v, _)| v.into_string().ok())
            .unwrap_or_default()
    };
    Ok(doc
        .map_range(&posts, ..)
        .map(|item| {
            let id = item.id();
            (text(&id, "title"), text(&id, "body"))
        })
        .collect())
}
