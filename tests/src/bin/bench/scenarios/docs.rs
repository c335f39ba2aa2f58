//! D1–D5 (issue 19): shared documents against plain Automerge doing the same work.
//!
//! The keystrokes are those that wrote the Automerge paper
//! (`../shared/data/automerge-paper-edits.json`, `[position, deleted, inserted]` each),
//! batched as the editor batches typing: one change per 20 keystrokes (a short pause).

use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use automerge::transaction::{CommitOptions, Transactable};
use automerge::{Automerge, ChangeHash, ReadDoc, TextEncoding};
use causeway_core::docs::{Edit, SharedDoc};
use causeway_core::{DeviceKey, Group, NewGroup, SignedChange, Timestamp, Visibility};

use super::Ctx;
use crate::report::{Row, Verdict, bytes, ratio, secs};

/// Keystrokes per change, as the editor batches typing.
const BATCH: usize = 20;
/// Bytes a log record adds to a change (magic, length, CRC, flags, change length).
const RECORD: usize = 17;
/// How many times D3 opens each of its two folders.
const FEED_RUNS: usize = 21;
/// Bytes of a signature.
const SIGNATURE: usize = 64;
/// Bytes one kept signature takes in a snapshot (change hash and signature).
const SNAPSHOT_ENTRY: usize = 96;

/// One keystroke of the trace.
type Key = (usize, usize, String);

/// The keystrokes of the trace, or (where the trace is not on this machine, as on CI) as
/// many made up by a seeded typist: runs of typing with corrections, at moving places.
fn trace(limit: Option<usize>) -> Result<(Vec<Key>, &'static str)> {
    let path = std::env::var_os("CAUSEWAY_EDIT_TRACE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../shared/data/automerge-paper-edits.json")
        });
    let Ok(raw) = std::fs::read(&path) else {
        return Ok((
            made_up(limit.unwrap_or(20_000)),
            "made-up keystrokes (the trace is not on this machine)",
        ));
    };
    // Each entry is [position, deleted] or [position, deleted, inserted].
    let v: Vec<Vec<serde_json::Value>> =
        serde_json::from_slice(&raw).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    let keys = v
        .into_iter()
        .take(limit.unwrap_or(usize::MAX))
        .map(|e| {
            let n = |i: usize| e.get(i).and_then(serde_json::Value::as_u64).unwrap_or(0) as usize;
            let s = e.get(2).and_then(serde_json::Value::as_str).unwrap_or("");
            (n(0), n(1), s.to_string())
        })
        .collect();
    Ok((keys, "the Automerge paper's keystrokes"))
}

fn made_up(n: usize) -> Vec<Key> {
    let mut rng = crate::data::Rng::new(19);
    let mut len = 0usize;
    let mut at = 0usize;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        if rng.below(40) == 0 {
            at = rng.below(len + 1);
        }
        if len > 0 && at > 0 && rng.below(8) == 0 {
            at -= 1;
            len -= 1;
            out.push((at, 1, String::new()));
        } else {
            let c = (b'a' + rng.below(26) as u8) as char;
            out.push((at, 0, c.to_string()));
            at += 1;
            len += 1;
        }
    }
    out
}

fn splices(keys: &[Key]) -> Vec<Edit> {
    keys.iter()
        .map(|(at, delete, insert)| Edit::Splice {
            at: *at,
            delete: *delete,
            insert: insert.clone(),
        })
        .collect()
}

/// An owner's group at schema version 4.
fn group() -> Result<Group> {
    let key = DeviceKey::from_bytes(&[41; 32]);
    let new = NewGroup::named("Docs", Visibility::Invite);
    let (g, _) = Group::create(key, [41; 8], Timestamp(1), &new, "Amara")?;
    Ok(g)
}

/// A document typed from `keys` through Causeway's document path: its group, the document,
/// its changes in order, and the heads after each batch.
struct Typed {
    group: Group,
    doc: SharedDoc,
    changes: Vec<SignedChange>,
    heads: Vec<Vec<ChangeHash>>,
    took: Duration,
}

fn causeway_typed(keys: &[Key]) -> Result<Typed> {
    let mut group = group()?;
    let (mut doc, first, _) = group.create_document(Timestamp(2), "Paper", None)?;
    let mut changes: Vec<SignedChange> = first.into_iter().map(Into::into).collect();
    let mut heads = Vec::new();
    let started = Instant::now();
    for (i, batch) in keys.chunks(BATCH).enumerate() {
        let c =
            group.edit_document(&mut doc, Timestamp(1000 + i as i64 * 1000), &splices(batch))?;
        changes.push(c.into());
        heads.push(doc.heads());
    }
    Ok(Typed {
        group,
        doc,
        changes,
        heads,
        took: started.elapsed(),
    })
}

/// The same keystrokes into plain Automerge, one commit per batch.
fn plain_typed(keys: &[Key]) -> Result<(Automerge, Vec<Vec<ChangeHash>>, Duration)> {
    let mut doc = Automerge::new_with_encoding(TextEncoding::UnicodeCodePoint);
    let mut tx = doc.transaction();
    let text = tx.put_object(automerge::ROOT, "text", automerge::ObjType::Text)?;
    tx.commit();
    let mut heads = Vec::new();
    let started = Instant::now();
    for (i, batch) in keys.chunks(BATCH).enumerate() {
        let mut tx = doc.transaction();
        for (at, delete, insert) in batch {
            tx.splice_text(&text, *at, *delete as isize, insert)?;
        }
        tx.commit_with(CommitOptions::default().with_time(1 + i as i64));
        heads.push(doc.get_heads());
    }
    Ok((doc, heads, started.elapsed()))
}

fn plain_text(doc: &Automerge) -> Result<String> {
    let Some((_, text)) = doc.get(automerge::ROOT, "text")? else {
        return Err(anyhow!("no text"));
    };
    Ok(doc.text(&text)?)
}

fn verdict(ok: bool, judged: bool) -> Verdict {
    match (judged, ok) {
        (false, _) => Verdict::Info,
        (true, true) => Verdict::Met,
        (true, false) => Verdict::Missed,
    }
}

/// D2 and D5: the whole trace through both paths.
pub fn trace_rows(ctx: &Ctx) -> Result<Vec<Row>> {
    let (keys, source) = trace(if ctx.scale.judged { None } else { Some(5_000) })?;
    let chars: usize = keys.iter().map(|k| k.2.chars().count()).sum();
    let typed = causeway_typed(&keys)?;
    let (plain, _, plain_took) = plain_typed(&keys)?;
    let mine = typed.doc.rich_text()?.plain();
    let theirs = plain_text(&plain)?;
    if mine != theirs {
        return Err(anyhow!("the two paths end with different texts"));
    }
    let saved = typed.doc.save().len();
    let plain_saved = plain.save().len();
    // A second member catches up: every change judged (Causeway) or applied (plain).
    let started = Instant::now();
    let mut second = SharedDoc::empty(typed.group.id(), typed.doc.id());
    let report = typed
        .group
        .ingest_document_changes(&mut second, typed.doc.changes_after(&[]));
    let catch_up = started.elapsed();
    if report.accepted.len() != typed.changes.len() || second.heads() != typed.doc.heads() {
        return Err(anyhow!(
            "the second member did not take every change: {report:?}"
        ));
    }
    let started = Instant::now();
    let mut plain_second = Automerge::new();
    plain_second.apply_changes(plain.get_changes(&[]))?;
    let plain_catch_up = started.elapsed();
    let time_ratio = typed.took.as_secs_f64() / plain_took.as_secs_f64();
    let size_ratio = saved as f64 / plain_saved as f64;
    // D2: what one typed character costs. Live, each change goes out alone as it is
    // written, with its signature; a sync session sends the changes a member lacks with one
    // signature per author (the last change vouches for the earlier ones); on disk, the log
    // holds each change as it came (a record each), and compaction folds it into a snapshot
    // with the signatures it needs.
    let live: usize = typed
        .changes
        .iter()
        .map(|c| c.bytes.len() + c.signature.map_or(0, |_| SIGNATURE))
        .sum();
    let session: usize = typed
        .doc
        .changes_after(&[])
        .iter()
        .map(|c| c.bytes.len() + c.signature.map_or(0, |_| SIGNATURE))
        .sum();
    let log = live + RECORD * typed.changes.len();
    let kept = typed.doc.signatures_to_keep().len();
    let compacted = saved + SNAPSHOT_ENTRY * kept;
    let plain_wire: usize = plain
        .get_changes(&[])
        .iter()
        .map(|c| c.raw_bytes().len())
        .sum();
    let per = |n: usize| n as f64 / chars as f64;
    let session_ok = session as f64 <= 1.5 * plain_wire as f64;
    let disk_ok = compacted as f64 <= 1.5 * plain_saved as f64;
    Ok(vec![
        Row {
            id: "D2",
            scenario: format!(
                "bytes per typed character, {} keystrokes in changes of {BATCH}: a sync session, and on disk",
                keys.len()
            ),
            causeway: format!(
                "{:.1} B session, {:.2} B disk compacted",
                per(session),
                per(compacted)
            ),
            baseline: format!(
                "{:.1} B changes, {:.2} B saved",
                per(plain_wire),
                per(plain_saved)
            ),
            ratio: format!(
                "{} session, {} disk",
                ratio(per(session), per(plain_wire)),
                ratio(per(compacted), per(plain_saved))
            ),
            target: "≤ 1.5×",
            verdict: verdict(session_ok && disk_ok, ctx.scale.judged),
            notes: vec![
                format!(
                    "{} changes, {} signatures in the session and kept on disk (one per author: the last change vouches for the earlier ones)",
                    typed.changes.len(),
                    kept
                ),
                format!(
                    "the log before compaction: {:.1} B per character (each change as it came, signed, in a record)",
                    per(log)
                ),
            ],
        },
        Row {
            id: "D2 live",
            scenario: format!(
                "bytes per typed character pushed live, each change of {BATCH} keystrokes sent alone as it is written"
            ),
            causeway: format!("{:.1} B", per(live)),
            baseline: format!("{:.1} B", per(plain_wire)),
            ratio: ratio(per(live), per(plain_wire)),
            target: "≤ 1.5×",
            verdict: verdict(live as f64 <= 1.5 * plain_wire as f64, ctx.scale.judged),
            notes: vec![format!(
                "a live change carries its own 64-byte signature (it is judged the moment it lands) and a 40-byte actor (device id and store suffix) against plain Automerge's 16; {:.0} B per change against {:.0} B",
                live as f64 / typed.changes.len() as f64,
                plain_wire as f64 / typed.changes.len() as f64
            )],
        },
        Row {
            id: "D5",
            scenario: format!("{source}: {} keystrokes, replayed", keys.len()),
            causeway: format!("{}, saved {}", secs(typed.took), bytes(saved as u64)),
            baseline: format!("{}, saved {}", secs(plain_took), bytes(plain_saved as u64)),
            ratio: format!(
                "{} time, {} size",
                ratio(time_ratio, 1.0),
                ratio(size_ratio, 1.0)
            ),
            target: "≤ 1.5× time, ≤ 1.2× size",
            verdict: verdict(time_ratio <= 1.5 && size_ratio <= 1.2, ctx.scale.judged),
            notes: vec![
                format!("final texts equal ({} characters)", mine.chars().count()),
                format!(
                    "a second member's catch-up, every change judged: {} (plain Automerge applying them: {}, {})",
                    secs(catch_up),
                    secs(plain_catch_up),
                    ratio(catch_up.as_secs_f64(), plain_catch_up.as_secs_f64())
                ),
            ],
        },
    ])
}

/// D3 and D4: a long document's open and its history.
pub fn history_rows(ctx: &Ctx) -> Result<Vec<Row>> {
    let edits = if ctx.scale.judged { 50_000 } else { 5_000 };
    let back = edits / 5;
    let (keys, _) = trace(Some(edits))?;
    let typed = causeway_typed(&keys)?;
    let (plain, plain_heads, _) = plain_typed(&keys)?;
    let saved = typed.doc.save();
    let plain_saved = plain.save();
    let runs = 5;
    let best = |f: &mut dyn FnMut() -> Result<()>| -> Result<Duration> {
        let mut best = Duration::MAX;
        for _ in 0..runs {
            let t = Instant::now();
            f()?;
            best = best.min(t.elapsed());
        }
        Ok(best)
    };
    let (g, id) = (typed.group.id(), typed.doc.id());
    let open = best(&mut || {
        let d = SharedDoc::load(g, id, Some(&saved), [], vec![])?;
        let _ = typed.group.document_text(&d)?;
        Ok(())
    })?;
    let plain_open = best(&mut || {
        let d = Automerge::load(&plain_saved)?;
        let _ = plain_text(&d)?;
        Ok(())
    })?;
    // D4: the document as it was `back` edits ago, and the diff from then to now.
    let at = typed.heads[typed.heads.len() - 1 - back / BATCH].clone();
    let plain_at = plain_heads[plain_heads.len() - 1 - back / BATCH].clone();
    let mut runs_diff = 0usize;
    let hist = best(&mut || {
        let _ = typed.doc.rich_text_at(Some(&at))?;
        runs_diff = typed.doc.diff(&at, None).len();
        Ok(())
    })?;
    let plain_hist = best(&mut || {
        let Some((_, text)) = plain.get(automerge::ROOT, "text")? else {
            return Err(anyhow!("no text"));
        };
        let _ = plain.text_at(&text, &plain_at)?;
        let _ = plain.diff(&plain_at, &plain.get_heads());
        Ok(())
    })?;
    let open_ratio = open.as_secs_f64() / plain_open.as_secs_f64();
    let feed = feed_with_documents(ctx, edits)?;
    let feed_ratio = feed.with.as_secs_f64() / feed.listed.as_secs_f64();
    let listing_ratio = feed.listed.as_secs_f64() / feed.without.as_secs_f64();
    Ok(vec![
        Row {
            id: "D3",
            scenario: format!(
                "a group's feed (200 posts) opened with 20 documents of {edits} edits beside it, against the same 20 listed with no text held"
            ),
            causeway: secs(feed.with),
            baseline: format!("{} with the listings only", secs(feed.listed)),
            ratio: ratio(feed_ratio, 1.0),
            target: "≤ 1.1×",
            verdict: verdict(feed_ratio <= 1.1, ctx.scale.judged),
            notes: vec![
                format!(
                    "one such document opened and shown: {} against `Automerge::load` and its text {} ({})",
                    secs(open),
                    secs(plain_open),
                    ratio(open_ratio, 1.0)
                ),
                format!(
                    "against a group that never had documents ({}): {}, which is the 20 listings: 20 more changes in a history of 200 posts",
                    secs(feed.without),
                    ratio(listing_ratio, 1.0)
                ),
                format!("the best of {FEED_RUNS} opens of each folder, the three in turn"),
                format!(
                    "saved {} ({} plain); documents load only when opened, so the feed never reads them",
                    bytes(saved.len() as u64),
                    bytes(plain_saved.len() as u64)
                ),
            ],
        },
        Row {
            id: "D4",
            scenario: format!("the text {back} edits back and the diff to now"),
            causeway: secs(hist),
            baseline: secs(plain_hist),
            ratio: ratio(hist.as_secs_f64(), plain_hist.as_secs_f64()),
            target: "< 200 ms",
            verdict: verdict(hist < Duration::from_millis(200), ctx.scale.judged),
            notes: vec![format!("{runs_diff} runs in the diff")],
        },
    ])
}

/// D1: one member types into a document another connected member has open, one keystroke
/// every 50 ms (20 a second); from each keystroke until the other's copy holds it.
pub async fn live_typing(ctx: &Ctx) -> Result<Vec<Row>> {
    use crate::data::{self, Shape};
    use crate::setup::{bounded, start};
    let chars = if ctx.scale.judged { 2000 } else { 100 };
    let corpus = data::corpus(
        &ctx.cache,
        Shape {
            posts: 20,
            authors: 2,
            devices: 2,
            seed: 19,
        },
    )?;
    let g = corpus.group;
    let a_dir = ctx.folder(&corpus, 0, "typing")?;
    let b_dir = ctx.folder(&corpus, 1, "typing")?;
    let a = start(causeway_sync::LocalNode::open(&a_dir)?, true).await?;
    let b = start(causeway_sync::LocalNode::open(&b_dir)?, true).await?;
    let (a_addr, b_addr) = (a.address(), b.address());
    a.local_state(|n| n.remember_address(&b_addr))??;
    b.local_state(|n| n.remember_address(&a_addr))??;
    let doc = a.create_document(g, "Minutes", None)?;
    let mut events = b.subscribe();
    bounded(
        "D1 document arriving",
        until_len(&b, g, doc, 0, &mut events),
    )
    .await??;
    let text = "We meet at the old bridge on Saturday at ten. Bring gloves, bags and tea. ";
    let mut lat = Vec::with_capacity(chars);
    for (i, c) in text.chars().cycle().take(chars).enumerate() {
        let t0 = Instant::now();
        a.edit_document(
            g,
            doc,
            &[Edit::Splice {
                at: i,
                delete: 0,
                insert: c.to_string(),
            }],
        )?;
        let seen = bounded(
            "D1 keystroke arriving",
            until_len(&b, g, doc, i + 1, &mut events),
        )
        .await??;
        lat.push(seen - t0);
        let next = t0 + Duration::from_millis(50);
        tokio::time::sleep_until(next.into()).await;
    }
    a.shutdown().await;
    b.shutdown().await;
    lat.sort();
    let pct = |p: f64| lat[((lat.len() - 1) as f64 * p / 100.0).round() as usize];
    let (p50, p99) = (pct(50.0), pct(99.0));
    Ok(vec![Row {
        id: "D1",
        scenario: format!("live typing: {chars} keystrokes at 20 a second into a document the other member has open"),
        causeway: format!("p50 {} · p99 {}", secs(p50), secs(p99)),
        baseline: "–".into(),
        ratio: "–".into(),
        target: "p99 < 100 ms",
        verdict: verdict(p99 < Duration::from_millis(100), ctx.scale.judged),
        notes: vec![
            "each keystroke one signed change, pushed at once over the kept connection; the window batches a pause's typing into one change instead".into(),
            "B6 has plain Automerge and iroh doing one push per change on this machine (its baseline column)".into(),
        ],
    }])
}

/// Waits, event by event, until `node` holds document `doc` with at least `len` characters.
async fn until_len(
    node: &causeway_sync::Node,
    group: causeway_core::GroupId,
    doc: causeway_core::DocId,
    len: usize,
    events: &mut tokio::sync::broadcast::Receiver<causeway_sync::NodeEvent>,
) -> Result<Instant> {
    loop {
        let held = node
            .with_document(group, doc, |_, d| d.has_text().then(|| d.len()))
            .ok()
            .flatten();
        if held.is_some_and(|n| n >= len) {
            return Ok(Instant::now());
        }
        match events.recv().await {
            Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
            Err(e) => return Err(anyhow!("{e}")),
        }
    }
}

/// D3's second half: a group's feed opened (the data folder opened, the group's posts read)
/// with 20 documents of `edits` edits each stored beside it, against the same folder
/// without them. Documents load only when opened, so the two should cost the same.
pub fn feed_with_documents(ctx: &Ctx, edits: usize) -> Result<Feed> {
    use causeway_core::{NewGroup, Visibility};
    use causeway_sync::LocalNode;
    use causeway_sync::store::{DataDir, Snapshot};
    let without = ctx.work.join("d3-without");
    let with = ctx.work.join("d3-with");
    let key = DeviceKey::from_bytes(&[43; 32]);
    let mut local = crate::setup::folder(&without, &key, "Amara")?;
    let g = local.create_group(&NewGroup::named("Feed", Visibility::Invite))?;
    for i in 0..200u64 {
        local.act(&g, |grp, now| {
            grp.post(
                now,
                causeway_core::ItemId::from_u64(i),
                "",
                "a post of the feed",
                "en",
            )
        })?;
    }
    drop(local);
    copy_dir(&without, &with)?;
    // The documents: listed in the group, typed in memory, stored as the node stores them.
    let (keys, _) = trace(Some(edits))?;
    let mut local = LocalNode::open(&with)?;
    let mut made = Vec::new();
    for n in 0..20 {
        let mut doc = None;
        local.act_all(&g, |grp, now| {
            let (d, _, listed) = grp.create_document(now, &format!("Document {n}"), None)?;
            doc = Some(d);
            Ok(listed)
        })?;
        let mut doc = doc.ok_or_else(|| anyhow!("no document"))?;
        let grp = local.group(&g).ok_or_else(|| anyhow!("no group"))?.clone();
        for (i, batch) in keys.chunks(BATCH).enumerate() {
            grp.edit_document(&mut doc, Timestamp(1000 + i as i64), &splices(batch))?;
        }
        made.push(doc);
    }
    drop(local);
    let dir = DataDir::open(&with)?;
    for doc in &made {
        let (mut store, _) = dir.open_document(*g.as_bytes(), *doc.id().as_bytes())?;
        store.compact(&Snapshot {
            doc: doc.save(),
            signatures: doc
                .signatures_to_keep()
                .into_iter()
                .map(|(h, s)| (h.0, s.0))
                .collect(),
            index: Vec::new(),
        })?;
    }
    drop(dir);
    // The same group with the same 20 documents listed, none of their text held (as a
    // member who has not fetched them yet): what the documents' size costs, apart from
    // their 20 listings in the group's history.
    let listed = ctx.work.join("d3-listed");
    copy_dir(&with, &listed)?;
    remove_dirs_named(&listed, "docs")?;
    let open = |root: &Path| -> Result<Duration> {
        let t = Instant::now();
        let n = LocalNode::open(root)?;
        let posts = n.group(&g).map_or(0, |x| x.posts().len());
        if posts != 200 {
            return Err(anyhow!("the feed shows {posts} posts"));
        }
        Ok(t.elapsed())
    };
    // The two folders in turn, so that whatever else the machine does falls on both; the
    // best of each.
    let mut best = [Duration::MAX; 3];
    for _ in 0..FEED_RUNS {
        for (b, root) in best.iter_mut().zip([&with, &listed, &without]) {
            *b = (*b).min(open(root)?);
        }
    }
    Ok(Feed {
        with: best[0],
        listed: best[1],
        without: best[2],
    })
}

/// D3's feed opens: with the documents, with only their listings, without either.
pub struct Feed {
    with: Duration,
    listed: Duration,
    without: Duration,
}

fn remove_dirs_named(root: &Path, name: &str) -> Result<()> {
    for e in std::fs::read_dir(root)? {
        let e = e?;
        if e.file_type()?.is_dir() {
            if e.file_name() == name {
                std::fs::remove_dir_all(e.path())?;
            } else {
                remove_dirs_named(&e.path(), name)?;
            }
        }
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else if e.file_name() != "LOCK" {
            std::fs::copy(e.path(), &target)?;
        }
    }
    Ok(())
}
