//! E1: what publishing a group's view costs when one answer to an event arrives in a group of
//! many events and answers: the view follows the change (the one event it touched is read
//! again; every other event is shared with the view before), then the agenda and the event's
//! counts are read from it, against building the whole view again.

use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use causeway_core::view::{EventDraft, Rsvp, When};
use causeway_core::{Group, ItemId, Timestamp};

use super::Ctx;
use super::follow::{against_whole, hub, whole_builds};
use crate::data::{self, Rng};
use crate::report::Row;

/// How many answers arrive, one at a time, each followed by the view.
const ARRIVALS: usize = 50;

pub fn answers(ctx: &Ctx) -> Result<Vec<Row>> {
    let (events, answerers) = (ctx.scale.events, ctx.scale.answerers);
    let start = 1_800_000_000_000i64;
    let (mut hub, keys) = hub("kit", "Many events", answerers, start)?;
    let mut rng = Rng::new(11);
    let ids: Vec<ItemId> = (0..events).map(|_| ItemId::from_u64(rng.next())).collect();
    for (i, id) in ids.iter().enumerate() {
        let at = start + 86_400_000 * (1 + i as i64 % 365);
        let draft = EventDraft {
            title: data::text(&mut rng, 30),
            body: data::text(&mut rng, 200),
            lang: "en".into(),
            when: When {
                start: Timestamp(at),
                end: Timestamp(at + 7_200_000),
                zone: "Europe/Paris".into(),
                all_day: false,
            },
            place: data::text(&mut rng, 40),
            online: String::new(),
            capacity: (i % 3 == 0).then_some(10),
        };
        hub.create_event(Timestamp(start + 10_000 + i as i64), *id, draft)?;
    }
    // Every member answers every event on their own replica, one change per answer, as their
    // device would; the hub takes each member's answers in one batch.
    let base = hub.changes_since(&[]);
    let mut replicas = Vec::new();
    for (m, k) in keys.iter().enumerate() {
        let mut own = Group::joining(hub.id(), k.clone(), [m as u8 + 2; 8]);
        own.ingest(base.clone());
        for (i, id) in ids.iter().enumerate() {
            let rsvp = [Rsvp::Yes, Rsvp::Maybe, Rsvp::No][(i + m) % 3];
            own.answer_event(Timestamp(start + 100_000 + i as i64), *id, rsvp)?;
        }
        let report = hub.ingest(own.changes_since(&hub.heads()));
        if report.accepted.len() != events {
            return Err(anyhow!(
                "E1: the answers of member {m} were not all taken: {:?}",
                report.rejected.first()
            ));
        }
        replicas.push(own);
    }
    let total: usize = hub.events().iter().map(|e| e.answers.len()).sum();
    if total != events * answerers {
        return Err(anyhow!("E1: the hub holds {total} answers"));
    }
    let (mut view, whole) = whole_builds(&hub);
    let mut followed = Vec::new();
    let now = Timestamp(start);
    for i in 0..ARRIVALS {
        let m = i % answerers;
        let id = ids[(i * 7) % events];
        let own = &mut replicas[m];
        own.ingest(hub.changes_since(&own.heads()));
        let was = own
            .events_with_ids([id])
            .first()
            .and_then(|e| e.answer_of(own.device()));
        let rsvp = if was == Some(Rsvp::Yes) {
            Rsvp::No
        } else {
            Rsvp::Yes
        };
        let change = own.answer_event(Timestamp(start + 200_000 + i as i64), id, rsvp)?;
        let report = hub.ingest(vec![change.into()]);
        if report.accepted.len() != 1 {
            return Err(anyhow!("E1: the new answer was not taken: {report:?}"));
        }
        let t = Instant::now();
        let next = view.update(
            &hub,
            Vec::new(),
            Vec::new(),
            Timestamp(0),
            &std::sync::Arc::default(),
        );
        let agenda = next.kit.upcoming(now);
        let counts = next.kit.event(id).map(|e| e.counts());
        followed.push(t.elapsed());
        if agenda.len() != events || counts.is_none() {
            return Err(anyhow!("E1: the followed view lacks events"));
        }
        if next.kit.event(id).and_then(|e| e.answer_of(keys[m].id())) != Some(rsvp) {
            return Err(anyhow!(
                "E1: the followed view does not show the new answer"
            ));
        }
        view = next;
    }
    let mut row = against_whole(
        ctx,
        "E1",
        format!(
            "publishing the agenda and an event's counts after one answer arrives ({events} events, {} answers; {ARRIVALS} answers)",
            events * answerers
        ),
        followed.clone(),
        whole,
        ("max < 50 ms", Duration::from_millis(50)),
        "the view follows the change (the one event it touched is read again, the others shared), then the agenda (every upcoming event, soonest first) and the event's counts are read from it; each answer is written on the member's own replica and taken in through `Group::ingest`",
    );
    let max = followed.iter().max().copied().unwrap_or_default();
    row.verdict = ctx.verdict(max < Duration::from_millis(50));
    Ok(vec![row])
}
