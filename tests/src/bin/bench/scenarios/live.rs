//! Live pushes (B6), memory (B4) and the swarm (S1).
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use automerge::Automerge;
use causeway_sync::{LocalNode, Node};

use super::*;
use crate::baseline::Bare;
use crate::data::{self, Rng, Shape};
use crate::report::{Row, bytes, ratio, secs};
use crate::setup::{self, start, until_changes, until_views};

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
    a.local_state(|n| n.remember_address(&b_addr))??;
    b.local_state(|n| n.remember_address(&a_addr))??;
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
                n.local_state(|l| l.remember_address(a))??;
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
