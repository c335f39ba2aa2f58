//! Moderation (issue 22). R1: a moderator opens a queue of many sealed reports (each key
//! unwrapped with HPKE, the words opened, the reporter's signature checked), against reading
//! the same reports in clear from a plain Automerge document. R2: a group's moderation log
//! checked offline (`causeway log verify`: the whole history judged again by the gate, the
//! log read from it and compared), against plain Automerge loading the same history.

use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use automerge::transaction::Transactable as _;
use automerge::{Automerge, ObjType, ROOT, ReadDoc as _};
use causeway_core::view::{Category, ReportTarget};
use causeway_core::{Group, ItemId, ItemKind, Timestamp};

use super::Ctx;
use super::follow::hub;
use crate::data::{self, Rng};
use crate::report::{Row, Verdict, ratio, secs};

/// The best of a few runs of `f`.
fn best(mut f: impl FnMut() -> Result<()>) -> Result<Duration> {
    let mut best = Duration::MAX;
    for _ in 0..5 {
        let t = Instant::now();
        f()?;
        best = best.min(t.elapsed());
    }
    Ok(best)
}

pub fn moderation(ctx: &Ctx) -> Result<Vec<Row>> {
    let reports = if ctx.scale.judged { 500 } else { 20 };
    let members = if ctx.scale.judged { 50 } else { 5 };
    let start = 1_800_000_000_000i64;
    let (mut hub, keys) = hub("moderation", "Reports", members, start)?;
    let base = hub.changes_since(&[]);
    let mut rng = Rng::new(22);
    let mut plain = Automerge::new();
    let mut tx = plain.transaction();
    let map = tx.put_object(ROOT, "reports", ObjType::Map)?;
    for i in 0..reports {
        let m = i % members;
        let mut own = Group::joining(hub.id(), keys[m].clone(), [m as u8 + 2; 8]);
        own.ingest(base.clone());
        let id = ItemId::from_u64(rng.next());
        let words = data::text(&mut rng, 200);
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&rng.next().to_be_bytes());
        let sealed = own.make_report(
            id,
            ReportTarget::Member(keys[(m + 1) % members].id()),
            Category::Harassment,
            &words,
            Timestamp(start + 1000 + i as i64),
            seed,
        )?;
        hub.file_report(
            Timestamp(start + 2000 + i as i64),
            id,
            &sealed,
            keys[m].id(),
        )?;
        let e = tx.put_object(&map, id.to_hex(), ObjType::Map)?;
        tx.put(&e, "reporter", keys[m].id().to_hex())?;
        tx.put(&e, "category", "harassment")?;
        tx.put(&e, "words", words)?;
    }
    tx.commit();
    let mut opened = 0;
    let sealed = best(|| {
        opened = hub.queue().len();
        Ok(())
    })?;
    if opened != reports {
        return Err(anyhow!("R1: {opened} of {reports} reports opened"));
    }
    let clear = best(|| {
        let mut n = 0;
        for k in plain.keys(&map) {
            if let Some((_, e)) = plain.get(&map, &k)? {
                for f in ["reporter", "category", "words"] {
                    n += usize::from(plain.get(&e, f)?.is_some());
                }
            }
        }
        if n != 3 * reports {
            return Err(anyhow!("R1 baseline read {n} fields"));
        }
        Ok(())
    })?;
    let per = sealed / reports as u32;
    let r1 = Row {
        id: "R1",
        scenario: format!("a moderator opens a queue of {reports} sealed reports"),
        causeway: secs(sealed),
        baseline: format!("in clear: {}", secs(clear)),
        ratio: ratio(sealed.as_secs_f64(), clear.as_secs_f64()),
        target: "< 1 ms a report",
        verdict: if !ctx.scale.judged {
            Verdict::Info
        } else if per < Duration::from_millis(1) {
            Verdict::Met
        } else {
            Verdict::Missed
        },
        notes: vec![format!(
            "each report: its key unwrapped (HPKE, X25519), the words opened (XChaCha20-Poly1305), the reporter's ed25519 signature checked, its decisions found in the log: {} a report. Baseline: the same reports' three fields read from a plain Automerge map",
            secs(per)
        )],
    };

    // R2: a group with a long history and decisions in its log.
    let posts = ctx.scale.big / 10;
    hub.open_log(Timestamp(start + 10_000))?;
    for i in 0..posts {
        let id = ItemId::from_u64(rng.next());
        hub.post(
            Timestamp(start + 20_000 + i as i64),
            id,
            "",
            &data::text(&mut rng, 120),
            "en",
        )?;
        if i % 100 == 0 {
            hub.hide(
                Timestamp(start + 20_001 + i as i64),
                ItemKind::Post,
                id,
                "off topic",
            )?;
        }
    }
    let file = causeway_sync::audit::export(&hub, start)?;
    let mut entries = 0;
    let verify = best(|| {
        entries = causeway_sync::audit::verify(&file)?.entries;
        Ok(())
    })?;
    let saved = hub.save();
    let load = best(|| {
        Automerge::load(&saved)?;
        Ok(())
    })?;
    let changes = hub.change_count();
    let r2 = Row {
        id: "R2",
        scenario: format!(
            "`causeway log verify` of a group of {changes} changes with {entries} log entries"
        ),
        causeway: secs(verify),
        baseline: format!("Automerge loads the document: {}", secs(load)),
        ratio: ratio(verify.as_secs_f64(), load.as_secs_f64()),
        target: "informational",
        verdict: Verdict::Info,
        notes: vec![format!(
            "the file ({} bytes, the log and a bundle of every change) read, every change judged again by the gate as a member's device judges it (signatures, rules, roles in each change's past), the log read and compared entry by entry. Baseline: `Automerge::load` of the saved document, which judges nothing",
            file.len()
        )],
    };
    Ok(vec![r1, r2])
}
