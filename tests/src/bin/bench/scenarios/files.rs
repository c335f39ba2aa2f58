//! Pictures and files (issue 21). A1: a 100 MB file between two loopback nodes, against
//! plain iroh-blobs between bare endpoints. A2: the window's frames while a feed of 300 image
//! posts is scrolled and its thumbnails load. A3: memory while 20 large pictures are decoded
//! at once, against decoding them with no limit.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use causeway_core::view::MB;
use causeway_sync::control::{BlockingNode, Output, Request};
use causeway_sync::{Network, new_item_id};
use iroh::endpoint::{PortmapperConfig, presets};
use iroh::protocol::Router;
use iroh::{Endpoint, EndpointAddr, NetReportConfig, RelayMode, SecretKey};

use super::frames::Frames;
use super::{Ctx, pct};
use crate::report::{Row, bytes, ratio, secs};
use crate::setup::{self, until_views};

/// A folder of its own for one scenario, empty.
fn fresh(ctx: &Ctx, name: &str) -> Result<PathBuf> {
    let dir = ctx.work.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// A bare endpoint on 127.0.0.1 serving an iroh-blobs store of its own on disk.
async fn bare_blobs(
    seed: u8,
    dir: &Path,
) -> Result<(Router, iroh_blobs::store::fs::FsStore, EndpointAddr)> {
    let endpoint = Endpoint::builder(presets::Minimal)
        .relay_mode(RelayMode::Disabled)
        .portmapper_config(PortmapperConfig::Disabled)
        .clear_ip_transports()
        .bind_addr("127.0.0.1:0")?
        .net_report_config(NetReportConfig::minimal())
        .secret_key(SecretKey::from_bytes(&[seed; 32]))
        .bind()
        .await?;
    let store = iroh_blobs::store::fs::FsStore::load(dir).await?;
    let mut addr = EndpointAddr::new(endpoint.id());
    for s in endpoint.bound_sockets() {
        addr = addr.with_ip_addr(s);
    }
    let router = Router::builder(endpoint)
        .accept(
            iroh_blobs::ALPN,
            iroh_blobs::BlobsProtocol::new(&store, None),
        )
        .spawn();
    Ok((router, store, addr))
}

/// A1: one large file from Amara to Bruno, then the same bytes between bare endpoints.
pub fn transfer(ctx: &Ctx) -> Result<Vec<Row>> {
    let size = if ctx.scale.judged { 100 * MB } else { 10 * MB };
    let rt = tokio::runtime::Runtime::new()?;
    let data = causeway_tests::hostile::noise(21, size as usize);
    let (a, b, base) = (
        fresh(ctx, "a1-amara")?,
        fresh(ctx, "a1-bruno")?,
        fresh(ctx, "a1-base")?,
    );
    let file = base.join("recording.bin");
    std::fs::write(&file, &data)?;
    let (ours, base_t) = rt.block_on(async {
        let (amara, bruno, group) = causeway_tests::invited_pair(&a, &b, "Files").await;
        amara.act_all(group, |g, now| g.set_file_limits(now, Some(200 * MB), None))?;
        let refs = amara.import_files(group, &[&file]).await?;
        let (id, aid) = (new_item_id()?, new_item_id()?);
        let posted = refs[0].clone();
        amara.act_all(group, |g, now| {
            g.post_with_files(now, id, "", "the recording", "en", vec![(aid, posted)])
        })?;
        amara.release_files(&refs);
        until_views(&bruno, "A1: the post at Bruno's", |s| {
            s.group(group).is_some_and(|g| g.files.all.len() == 1)
        })
        .await?;
        let started = Instant::now();
        bruno.fetch_file(&refs[0], setup::LIMIT).await?;
        let ours = started.elapsed();
        bruno.shutdown().await;
        amara.shutdown().await;
        // The same bytes between bare endpoints, each with iroh-blobs' own store on disk.
        let (p, pstore, paddr) = bare_blobs(51, &base.join("provider")).await?;
        let (q, qstore, _) = bare_blobs(52, &base.join("getter")).await?;
        let tag = pstore.blobs().add_bytes(data.clone()).await?;
        let started = Instant::now();
        let conn = q.endpoint().connect(paddr, iroh_blobs::ALPN).await?;
        qstore.remote().fetch(conn.clone(), tag.hash).await?;
        let base_t = started.elapsed();
        conn.close(0u32.into(), b"done");
        let got = qstore.blobs().get_bytes(tag.hash).await?;
        if got.len() as u64 != size {
            return Err(anyhow!("A1: the baseline got {} bytes", got.len()));
        }
        p.shutdown().await?;
        q.shutdown().await?;
        Ok::<_, anyhow::Error>((ours, base_t))
    })?;
    let r = ours.as_secs_f64() / base_t.as_secs_f64();
    Ok(vec![Row {
        id: "A1",
        scenario: format!(
            "a {} file from one loopback node to another (a member's download, asked for)",
            bytes(size)
        ),
        causeway: secs(ours),
        baseline: secs(base_t),
        ratio: ratio(ours.as_secs_f64(), base_t.as_secs_f64()),
        target: "<= 1.1x",
        verdict: ctx.verdict(r <= 1.1),
        notes: vec![format!(
            "Causeway: from `Node::fetch_file` to the last byte, through the fetcher (the file asked for, its members tried author first, dialed, the provider's gate asked about the connection and the request) into the node's store; {} MB/s. Baseline: iroh-blobs' `Remote::fetch` between two bare endpoints with the same on-disk store, dial included",
            (size as f64 / MB as f64 / ours.as_secs_f64()).round()
        )],
    }])
}

/// A picture `w` x `h` in PNG, different for each `seed`.
fn png(w: u32, h: u32, seed: u32) -> Result<Vec<u8>> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([
            ((x + seed * 7) % 256) as u8,
            ((y + seed * 13) % 256) as u8,
            ((x ^ y ^ seed) % 256) as u8,
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png)?;
    Ok(out.into_inner())
}

/// A JPEG photo `w` x `h` (a large one, as a phone takes).
fn jpeg(w: u32, h: u32, seed: u32) -> Result<Vec<u8>> {
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([
            ((x / 8 + seed) % 256) as u8,
            ((y / 8 + seed * 3) % 256) as u8,
            (((x + y) / 16) % 256) as u8,
        ])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85).encode_image(&img)?;
    Ok(out.into_inner())
}

/// Posts `n` posts in `group` on `node`, each with the file `file(i)` made in `dir`
/// (`None`: text only).
fn post_many(
    node: &BlockingNode,
    group: causeway_core::GroupId,
    n: usize,
    dir: &Path,
    mut file: impl FnMut(usize) -> Result<Option<Vec<u8>>>,
) -> Result<()> {
    for i in 0..n {
        let attach = match file(i)? {
            Some(b) => {
                let p = dir.join(format!("picture-{i}.png"));
                std::fs::write(&p, b)?;
                vec![p]
            }
            None => Vec::new(),
        };
        let out = node.execute(Request::Post {
            group,
            text: format!("Post {i} of the clean-up, with what we saw on the way."),
            title: String::new(),
            lang: "en".into(),
            attach,
        })?;
        if !matches!(out, Output::Item(_)) {
            return Err(anyhow!("a post was answered with {out:?}"));
        }
    }
    Ok(())
}

/// A2: the window scrolled down a feed of 300 image posts while their thumbnails load, and
/// down a feed of 300 text posts the same way.
pub fn picture_frames(ctx: &Ctx) -> Result<Vec<Row>> {
    use causeway_app::i18n::Lang;
    use causeway_app::{CausewayApp, Saved};
    let n = if ctx.scale.judged { 300 } else { 40 };
    let dir = fresh(ctx, "a2")?;
    let pictures = dir.join("pictures");
    std::fs::create_dir_all(&pictures)?;
    let mut local = setup::folder(
        &dir.join("node"),
        &causeway_core::DeviceKey::from_bytes(&[61; 32]),
        "Amara",
    )?;
    let with = local.create_group(&causeway_core::NewGroup::named(
        "With pictures",
        causeway_core::Visibility::Invite,
    ))?;
    let without = local.create_group(&causeway_core::NewGroup::named(
        "Text only",
        causeway_core::Visibility::Invite,
    ))?;
    let node = BlockingNode::start(local, Network::Loopback)?;
    let made = Instant::now();
    post_many(&node, with, n, &pictures, |i| {
        png(800 + (i as u32 % 5) * 40, 600, i as u32).map(Some)
    })?;
    post_many(&node, without, n, &pictures, |_| Ok(None))?;
    let making = made.elapsed();
    let handle = node.node().clone();
    let mut app = CausewayApp::new(
        node,
        Some(Saved {
            lang: Some(Lang::En),
            open_group: Some(with.to_hex()),
            ..Saved::default()
        }),
    );
    let run = |app: &mut CausewayApp, group: causeway_core::GroupId| -> Result<Vec<Duration>> {
        app.open_group_feed(group);
        let mut frames = Frames::new();
        let deadline = Instant::now() + setup::LIMIT;
        while setup::shown_posts(&handle.snapshot(), group) < n {
            if Instant::now() > deadline {
                return Err(anyhow!("A2: the feed never appeared"));
            }
            frames.frame(0.0, |ui| app.draw(ui));
            std::thread::sleep(Duration::from_millis(16));
        }
        for _ in 0..10 {
            frames.frame(0.0, |ui| app.draw(ui));
        }
        let mut times = Vec::new();
        let mut next = Instant::now();
        // Down the whole feed at 120 points a frame, paced like a 60 Hz display.
        for _ in 0..(n * 4).max(240) {
            times.push(frames.frame(120.0, |ui| app.draw(ui)));
            next += Duration::from_micros(16_667);
            if let Some(wait) = next.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
        }
        Ok(times)
    };
    let mut ours = run(&mut app, with)?;
    let textures = app.picture_textures();
    let mut base = run(&mut app, without)?;
    drop(app);
    let (p95, max) = (pct(&mut ours, 95.0), pct(&mut ours, 100.0));
    let (b95, bmax) = (pct(&mut base, 95.0), pct(&mut base, 100.0));
    Ok(vec![Row {
        id: "A2",
        scenario: format!(
            "the window's frames down a feed of {n} image posts while their thumbnails load ({} frames)",
            ours.len()
        ),
        causeway: format!("p95 {} · max {}", secs(p95), secs(max)),
        baseline: format!("text only: p95 {} · max {}", secs(b95), secs(bmax)),
        ratio: format!("p95 {}", ratio(p95.as_secs_f64(), b95.as_secs_f64())),
        target: "p95 < 8 ms, max < 16.7 ms",
        verdict: ctx.verdict(p95 < Duration::from_millis(8) && max < Duration::from_micros(16_700)),
        notes: vec![format!(
            "headless: egui layout and tessellation of the real window (1100×800), scrolling 120 points a frame at 60 Hz from the top of the feed, every thumbnail decoded as it comes into view (off the window's thread, {} at a time, at most 4 uploaded a frame); {textures} textures held at the end (those not drawn for 120 frames are let go). Baseline: the same window down a feed of {n} text posts. Making the {} posts (pictures read, thumbnails made): {}",
            3,
            2 * n,
            secs(making)
        )],
    }])
}

/// A3: the peak memory while 20 large photos are decoded for the screen, all asked for at
/// once, against decoding the same photos with no limit.
pub fn picture_memory(ctx: &Ctx) -> Result<Vec<Row>> {
    let (n, w, h) = if ctx.scale.judged {
        (20, 4000, 3000)
    } else {
        (6, 1600, 1200)
    };
    let dir = fresh(ctx, "a3")?;
    let mut local = setup::folder(
        &dir.join("node"),
        &causeway_core::DeviceKey::from_bytes(&[62; 32]),
        "Amara",
    )?;
    let group = local.create_group(&causeway_core::NewGroup::named(
        "Photos",
        causeway_core::Visibility::Invite,
    ))?;
    let node = BlockingNode::start(local, Network::Loopback)?;
    let photos: Vec<Vec<u8>> = (0..n)
        .map(|i| jpeg(w, h, i as u32))
        .collect::<Result<_>>()?;
    for (i, p) in photos.iter().enumerate() {
        let path = dir.join(format!("photo-{i}.jpg"));
        std::fs::write(&path, p)?;
        node.execute(Request::Post {
            group,
            text: format!("Photo {i}"),
            title: String::new(),
            lang: "en".into(),
            attach: vec![path],
        })?;
    }
    let hashes: Vec<causeway_core::BlobHash> = node.node().local_state(|l| {
        l.group(&group)
            .map(|g| g.attachments().into_iter().map(|a| a.file.hash).collect())
            .unwrap_or_default()
    })?;
    let mib = |b: f64| b / (1024.0 * 1024.0);
    let peak = || causeway_tests::hostile::peak_rss_mib().unwrap_or(0.0);
    let measure = |f: &dyn Fn()| -> (f64, Duration) {
        std::thread::sleep(Duration::from_millis(200));
        causeway_tests::hostile::reset_peak();
        let before = causeway_tests::hostile::rss_mib().unwrap_or(0.0);
        let t = Instant::now();
        f();
        (peak() - before, t.elapsed())
    };
    let (ours, took) = measure(&|| {
        let (tx, rx) = std::sync::mpsc::channel();
        for h in &hashes {
            let tx = tx.clone();
            node.picture(*h, 2048, move |r| {
                let _ = tx.send(r.map(|p| p.rgba.len()));
            });
        }
        for _ in 0..hashes.len() {
            let _ = rx.recv_timeout(setup::LIMIT);
        }
    });
    let (base, base_took) = measure(&|| {
        std::thread::scope(|s| {
            for p in &photos {
                s.spawn(move || image::load_from_memory(p).map(|i| i.to_rgba8().len()));
            }
        });
    });
    node.shutdown();
    let bound = mib((2 * causeway_sync::MAX_DECODE_BYTES) as f64);
    Ok(vec![Row {
        id: "A3",
        scenario: format!(
            "memory while {n} photos of {w}×{h} are decoded for the screen, all asked for at once"
        ),
        causeway: format!("peak +{ours:.0} MiB in {}", secs(took)),
        baseline: format!(
            "no limit, all at once: peak +{base:.0} MiB in {}",
            secs(base_took)
        ),
        ratio: ratio(ours, base),
        target: "bounded by the limits set",
        verdict: ctx.verdict(ours <= bound),
        notes: vec![format!(
            "decoded by the node two at a time (each refused past {} pixels a side or {:.0} MiB of pixels), turned as the camera said and shrunk to 2048 pixels a side: the bound is two decodes, {bound:.0} MiB, whatever is asked at once. Baseline: `image::load_from_memory` of the same photos on one thread each. Peak resident memory above where each began (VmHWM, reset before each)",
            causeway_sync::MAX_DECODE_SIDE,
            mib(causeway_sync::MAX_DECODE_BYTES as f64)
        )],
    }])
}
