//! B8: what publishing a group's view costs after one new post arrives in a big group, when
//! the view follows the change (`GroupView::update`) against building it whole.

use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use causeway_core::{ItemId, Timestamp};
use causeway_sync::LocalNode;
use causeway_sync::views::GroupView;

use super::{Ctx, big_corpus};
use crate::data::{self, Rng};
use crate::report::{Row, secs};

/// How many posts arrive, one at a time, each followed by the view.
const ARRIVALS: usize = 50;
/// How many whole builds are timed.
const WHOLE: usize = 3;

pub fn follow(ctx: &Ctx) -> Result<Vec<Row>> {
    let n = ctx.scale.big;
    let corpus = big_corpus(ctx)?;
    let dir = ctx.folder(&corpus, 0, "big")?;
    let local = LocalNode::open(&dir)?;
    let mut group = local
        .group(&corpus.group)
        .ok_or_else(|| anyhow!("B8: the big group is not in its folder"))?
        .clone();
    drop(local);
    let now = Timestamp(0);
    let mut whole = Vec::new();
    let mut view = GroupView::build(&group, Vec::new(), Vec::new(), now);
    for _ in 0..WHOLE {
        let t = Instant::now();
        view = GroupView::build(&group, Vec::new(), Vec::new(), now);
        whole.push(t.elapsed());
    }
    // Each post is written on another copy of the group (this device's other replica, as a
    // member's post would arrive) and taken in through the same gate as any change.
    let mut rng = Rng::new(8);
    let mut writer = group.clone();
    // After every post of the corpus: each new post comes first in the feed.
    let latest = view.posts.first().map_or(0, |p| p.post.created.0);
    let mut followed = Vec::new();
    for i in 0..ARRIVALS {
        let id = ItemId::from_u64(rng.next());
        let (title, body) = (data::text(&mut rng, 30), data::text(&mut rng, 200));
        let change = writer.post(
            Timestamp(latest + 1000 * (i as i64 + 1)),
            id,
            &title,
            &body,
            "en",
        )?;
        let report = group.ingest(vec![change.into()]);
        if report.accepted.len() != 1 {
            return Err(anyhow!("B8: the new post was not taken: {report:?}"));
        }
        let t = Instant::now();
        let next = view.update(&group, Vec::new(), Vec::new(), now);
        followed.push(t.elapsed());
        if next.posts.first().map(|p| p.post.id) != Some(id)
            || next.posts.len() != view.posts.len() + 1
        {
            return Err(anyhow!(
                "B8: the followed view does not show the new post first"
            ));
        }
        view = next;
    }
    followed.sort();
    whole.sort();
    let median = |v: &[Duration]| v[v.len() / 2];
    let (p50, max) = (median(&followed), followed[followed.len() - 1]);
    let full = median(&whole);
    Ok(vec![Row {
        id: "B8",
        scenario: format!(
            "publishing the view after one new post arrives in a {n}-post group ({ARRIVALS} posts)"
        ),
        causeway: format!("followed: p50 {} · max {}", secs(p50), secs(max)),
        baseline: format!("built whole: {}", secs(full)),
        ratio: format!(
            "1/{:.0} of a whole build",
            full.as_secs_f64() / p50.as_secs_f64().max(1e-9)
        ),
        target: "p50 < 1 ms",
        verdict: ctx.verdict(p50 < Duration::from_millis(1)),
        notes: vec![format!(
            "core time on one thread: the view follows the change (the items it touched are read again, the rest is shared with the view before) against a whole build of the same view; each post is written on another copy of the group and taken in through `Group::ingest`, then the view is made; whole builds: {}",
            whole
                .iter()
                .map(|d| secs(*d))
                .collect::<Vec<_>>()
                .join(", ")
        )],
    }])
}
