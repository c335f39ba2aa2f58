//! Frame times of the real window while a member catches up (B7).
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use automerge::Automerge;
use causeway_sync::LocalNode;

use super::*;
use crate::baseline::Bare;
use crate::report::{Row, ratio, secs};
use crate::setup::{self, bounded, shown_posts, start, until_views};

/// One headless frame of an egui app: layout (`Context::run_ui`) and tessellation, scrolling
/// down a little each frame with the pointer over the feed.
pub(super) struct Frames {
    ctx: egui::Context,
    t: f64,
}

impl Frames {
    pub(super) fn new() -> Frames {
        Frames {
            ctx: egui::Context::default(),
            t: 0.0,
        }
    }

    pub(super) fn frame(&mut self, scroll: f32, mut draw: impl FnMut(&mut egui::Ui)) -> Duration {
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
