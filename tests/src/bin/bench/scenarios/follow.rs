//! What publishing a group's view costs when it follows one change (`GroupView::update`)
//! against building it whole. B8: one new post arrives in a big group. B9: one member's bio
//! arrives in a group of many members.

use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use causeway_core::{DeviceKey, Group, ItemId, NewGroup, Role, Timestamp, Visibility};
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
    let (mut view, whole) = whole_builds(&group);
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
        let next = view.update(
            &group,
            Vec::new(),
            Vec::new(),
            now,
            &std::sync::Arc::default(),
        );
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
    Ok(vec![against_whole(
        ctx,
        "B8",
        format!(
            "publishing the view after one new post arrives in a {n}-post group ({ARRIVALS} posts)"
        ),
        followed,
        whole,
        ("p50 < 1 ms", Duration::from_millis(1)),
        "the view follows the change (the items it touched are read again, the rest is shared with the view before) against a whole build of the same view; each post is written on another copy of the group and taken in through `Group::ingest`, then the view is made",
    )])
}

/// How many bios arrive, one at a time (B9).
const BIOS: usize = 50;

pub fn bios(ctx: &Ctx) -> Result<Vec<Row>> {
    let m = ctx.scale.members;
    let start = 1_700_000_000_000i64;
    let (mut hub, keys) = hub("bio", "Many members", m, start)?;
    // The owner's bio brings profiles to the group (the upgrades, then the bio).
    hub.set_bio(Timestamp(start + 10_000), "Runs the group")?;
    let base = hub.changes_since(&[]);
    let now = Timestamp(0);
    let (mut view, whole) = whole_builds(&hub);
    let mut rng = Rng::new(9);
    let mut followed = Vec::new();
    for (i, k) in keys.iter().take(BIOS).enumerate() {
        // Each member writes on their own replica, as their device would.
        let mut own = Group::joining(hub.id(), k.clone(), [i as u8 + 2; 8]);
        own.ingest(base.clone());
        let bio = data::text(&mut rng, 120);
        let made = own.set_bio(Timestamp(start + 20_000 + i as i64), &bio)?;
        let report = hub.ingest(made.into_iter().map(Into::into).collect());
        if report.accepted.len() != 1 {
            return Err(anyhow!("B9: the bio was not taken: {report:?}"));
        }
        let t = Instant::now();
        let next = view.update(
            &hub,
            Vec::new(),
            Vec::new(),
            now,
            &std::sync::Arc::default(),
        );
        followed.push(t.elapsed());
        if next.bio_of(k.id()) != Some(bio.as_str()) {
            return Err(anyhow!("B9: the followed view does not show the new bio"));
        }
        view = next;
    }
    let scenario = format!(
        "publishing the view after one member's bio arrives in a {m}-member group ({} bios)",
        followed.len()
    );
    let note = format!(
        "a bio changes the members list, which the view reads again whole (names, roles, removals, bios of all {m} members); each bio is written on the member's own replica and taken in through `Group::ingest`"
    );
    Ok(vec![against_whole(
        ctx,
        "B9",
        scenario,
        followed,
        whole,
        ("p50 < 50 ms", Duration::from_millis(50)),
        &note,
    )])
}

/// A group made by an owner (`<label>-owner`) at `start`, with `members` members
/// (`<label>-member`, seeded keys) added one change each; and the members' keys.
pub(super) fn hub(
    label: &str,
    name: &str,
    members: usize,
    start: i64,
) -> Result<(Group, Vec<DeviceKey>)> {
    let new = NewGroup {
        name: name.into(),
        mission: "Benchmark group".into(),
        causes: vec!["environment".into()],
        region: "Lisbon".into(),
        languages: vec!["en".into()],
        visibility: Visibility::Invite,
    };
    let (mut hub, _) = Group::create(
        data::key(&format!("{label}-owner"), 0),
        [1; 8],
        Timestamp(start),
        &new,
        "Owner",
    )?;
    let keys: Vec<DeviceKey> = (0..members)
        .map(|i| data::key(&format!("{label}-member"), i))
        .collect();
    for (i, k) in keys.iter().enumerate() {
        hub.add_member(
            Timestamp(start + 1 + i as i64),
            k.id(),
            &format!("Member {i}"),
            Role::Member,
        )?;
    }
    Ok((hub, keys))
}

/// The group's view built whole [`WHOLE`] times: the last one, and how long each took.
pub(super) fn whole_builds(group: &Group) -> (GroupView, Vec<Duration>) {
    let now = Timestamp(0);
    let mut view = GroupView::build(
        group,
        Vec::new(),
        Vec::new(),
        now,
        &std::sync::Arc::default(),
    );
    let mut took = Vec::new();
    for _ in 0..WHOLE {
        let t = Instant::now();
        view = GroupView::build(
            group,
            Vec::new(),
            Vec::new(),
            now,
            &std::sync::Arc::default(),
        );
        took.push(t.elapsed());
    }
    (view, took)
}

/// The row of a view that followed changes (`followed`, one time each) against whole builds
/// of it (`whole`), judged on the followed median against `target`.
pub(super) fn against_whole(
    ctx: &Ctx,
    id: &'static str,
    scenario: String,
    mut followed: Vec<Duration>,
    mut whole: Vec<Duration>,
    target: (&'static str, Duration),
    what: &str,
) -> Row {
    followed.sort();
    whole.sort();
    let median = |v: &[Duration]| v[v.len() / 2];
    let (p50, max) = (median(&followed), followed[followed.len() - 1]);
    let full = median(&whole);
    Row {
        id,
        scenario,
        causeway: format!("followed: p50 {} · max {}", secs(p50), secs(max)),
        baseline: format!("built whole: {}", secs(full)),
        ratio: format!(
            "1/{:.0} of a whole build",
            full.as_secs_f64() / p50.as_secs_f64().max(1e-9)
        ),
        target: target.0,
        verdict: ctx.verdict(p50 < target.1),
        notes: vec![format!(
            "core time on one thread: {what}; whole builds: {}",
            whole
                .iter()
                .map(|d| secs(*d))
                .collect::<Vec<_>>()
                .join(", ")
        )],
    }
}
