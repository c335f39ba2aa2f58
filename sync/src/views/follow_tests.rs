//! A view that follows changes must show exactly what a view built from the whole document
//! shows, whatever happens in the group: checked after every step of random histories of
//! posts, edits, deletions, moderation, comments and answers, reactions, pins, renames, bios and
//! removals (whose revocations make views read everything again), between three replicas
//! that sync now and then.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use causeway_core::{DeviceKey, Group, ItemId, ItemKind, NewGroup, Role, Timestamp, Visibility};
use proptest::prelude::*;

use super::GroupView;

#[derive(Clone, Debug)]
enum Step {
    Post(usize, u64),
    Edit(usize, u64),
    Delete(usize, u64),
    Hide(usize, u64),
    Unhide(usize, u64),
    Comment(usize, u64, u64, Option<u64>),
    DeleteComment(usize, u64),
    React(usize, u64, Option<&'static str>),
    Pin(usize, u64),
    Unpin(usize, u64),
    Rename(usize),
    Bio(usize),
    Remove(usize, usize),
    ReAdd(usize, usize),
    /// Someone does something with the campaign kit: (who, which item, what).
    Kit(usize, u64, u8),
    Sync(usize, usize),
}

fn step() -> impl Strategy<Value = Step> {
    let who = 0..3usize;
    let item = 0..6u64;
    prop_oneof![
        3 => (who.clone(), item.clone()).prop_map(|(w, i)| Step::Post(w, i)),
        1 => (who.clone(), item.clone()).prop_map(|(w, i)| Step::Edit(w, i)),
        1 => (who.clone(), item.clone()).prop_map(|(w, i)| Step::Delete(w, i)),
        // Bruno moderates, Amara owns: they hide and pin.
        1 => (0..2usize, item.clone()).prop_map(|(w, i)| Step::Hide(w, i)),
        1 => (0..2usize, item.clone()).prop_map(|(w, i)| Step::Unhide(w, i)),
        3 => (who.clone(), 10..16u64, item.clone(), proptest::option::of(10..16u64))
            .prop_map(|(w, c, p, r)| Step::Comment(w, c, p, r)),
        1 => (who.clone(), 10..16u64).prop_map(|(w, c)| Step::DeleteComment(w, c)),
        3 => (who.clone(), prop_oneof![3 => item.clone(), 1 => 10..16u64], proptest::option::of(prop_oneof![Just("👍"), Just("🎉")]))
            .prop_map(|(w, i, r)| Step::React(w, i, r)),
        1 => item.clone().prop_map(|i| Step::Pin(0, i)),
        1 => item.clone().prop_map(|i| Step::Unpin(0, i)),
        1 => who.clone().prop_map(Step::Rename),
        1 => who.clone().prop_map(Step::Bio),
        1 => (Just(0usize), 1..3usize).prop_map(|(a, b)| Step::Remove(a, b)),
        1 => (Just(0usize), 1..3usize).prop_map(|(a, b)| Step::ReAdd(a, b)),
        4 => (who.clone(), 20..23u64, 0..8u8).prop_map(|(w, i, k)| Step::Kit(w, i, k)),
        4 => (who.clone(), who).prop_map(|(a, b)| Step::Sync(a, b)),
    ]
}

/// Amara owns the group, Bruno moderates, Chloé is a member.
fn world() -> Vec<Group> {
    let key = |s: u8| DeviceKey::from_bytes(&[s; 32]);
    let (mut amara, _) = Group::create(
        key(1),
        [1; 8],
        Timestamp(1),
        &NewGroup::named("River clean-up", Visibility::Invite),
        "Amara",
    )
    .unwrap();
    let mut others: Vec<Group> = (2..4u8)
        .map(|s| Group::joining(amara.id(), key(s), [s; 8]))
        .collect();
    let bruno = others[0].device();
    let chloe = others[1].device();
    amara
        .add_member(Timestamp(2), bruno, "Bruno", Role::Moderator)
        .unwrap();
    amara
        .add_member(Timestamp(3), chloe, "Chloé", Role::Member)
        .unwrap();
    for g in &mut others {
        g.ingest(amara.changes_since(&[]));
    }
    let mut all = vec![amara];
    all.extend(others);
    all
}

fn apply(groups: &mut [Group], step: &Step, at: i64) {
    let t = Timestamp(at);
    let id = ItemId::from_u64;
    // A step that the rules refuse (not one's own post, not a moderator...) changes nothing.
    let _ = match step.clone() {
        Step::Post(w, i) => groups[w]
            .post(t, id(i), "title", &format!("post {i} at {at}"), "en")
            .map(drop),
        Step::Edit(w, i) => groups[w]
            .edit_post(t, id(i), "edited", &format!("edit at {at}"))
            .map(drop),
        Step::Delete(w, i) => groups[w].delete_item(t, ItemKind::Post, id(i)).map(drop),
        Step::Hide(w, i) => groups[w]
            .hide(t, ItemKind::Post, id(i), "off topic")
            .map(drop),
        Step::Unhide(w, i) => groups[w].unhide(t, ItemKind::Post, id(i), "ok").map(drop),
        Step::Comment(w, c, p, r) => groups[w]
            .comment(t, id(c), id(p), r.map(id), "a comment")
            .map(drop),
        Step::DeleteComment(w, c) => groups[w].delete_item(t, ItemKind::Comment, id(c)).map(drop),
        Step::React(w, i, r) => groups[w].react(t, id(i), r).map(drop),
        Step::Pin(w, i) => groups[w].pin(t, id(i)).map(drop),
        Step::Unpin(w, i) => groups[w].unpin(t, id(i)).map(drop),
        Step::Rename(w) => {
            let name = format!("name {at}");
            groups[w].set_display_name(t, &name).map(drop)
        }
        // A member's bio in a group without profiles is refused until an admin's upgrade.
        Step::Bio(w) => groups[w].set_bio(t, &format!("bio {at}")).map(drop),
        Step::Remove(a, b) => {
            let who = groups[b].device();
            groups[a].remove_member(t, who, "moved away").map(drop)
        }
        Step::ReAdd(a, b) => {
            let who = groups[b].device();
            groups[a].add_member(t, who, "back", Role::Member).map(drop)
        }
        Step::Kit(w, i, k) => kit(&mut groups[w], t, id(i), k),
        Step::Sync(a, b) => {
            if a != b {
                let batch = groups[a].changes_since(&[]);
                groups[b].ingest(batch);
            }
            Ok(())
        }
    };
}

/// One action of the campaign kit on item `i` (an event, a poll, a task and a shift share
/// the id, each in its own collection).
fn kit(g: &mut Group, t: Timestamp, i: ItemId, k: u8) -> Result<(), causeway_core::CoreError> {
    use causeway_core::view::{EventDraft, PollDraft, Rsvp, ShiftDraft, Status, When};
    let when = When {
        start: Timestamp(1_000_000 + t.0),
        end: Timestamp(2_000_000 + t.0),
        zone: String::new(),
        all_day: false,
    };
    let option = |n: u64| ItemId::from_u64(1000 + n);
    match k {
        0 => g
            .create_event(
                t,
                i,
                EventDraft {
                    title: format!("event {}", t.0),
                    body: String::new(),
                    lang: "en".into(),
                    when,
                    place: String::new(),
                    online: String::new(),
                    capacity: Some(1),
                },
            )
            .map(drop),
        1 => g.answer_event(t, i, Rsvp::Yes).map(drop),
        2 => g.answer_event(t, i, Rsvp::No).map(drop),
        3 => g
            .create_poll(
                t,
                i,
                PollDraft {
                    question: "which?".into(),
                    options: vec!["a".into(), "b".into()],
                    multiple: false,
                    open: true,
                },
                vec![option(0), option(1)],
            )
            .map(drop),
        4 => g.vote(t, i, &[option(t.0 as u64 % 2)]).map(drop),
        5 => g
            .add_task(t, i, "print flyers", "", None)
            .map(drop)
            .and(g.take_task(t, i, true).map(drop)),
        6 => g
            .create_shift(
                t,
                i,
                ShiftDraft {
                    title: "stand".into(),
                    notes: String::new(),
                    when,
                    places: 1,
                },
            )
            .map(drop),
        _ => g
            .join_shift(t, i, true)
            .map(drop)
            .or_else(|_| g.set_task_status(t, i, Status::Done).map(drop))
            .or_else(|_| g.close_poll(t, i).map(drop)),
    }
}

/// What a person sees in a view (not which build it is).
fn seen(v: &GroupView) -> impl PartialEq + std::fmt::Debug {
    (
        v.info.clone(),
        v.my_role,
        v.members.clone(),
        v.posts.iter().cloned().collect::<Vec<_>>(),
        v.hidden_posts,
        v.pinned.clone(),
        v.held,
        v.changes,
        (
            v.kit
                .events_soonest()
                .into_iter()
                .cloned()
                .collect::<Vec<_>>(),
            v.kit
                .polls_newest()
                .into_iter()
                .cloned()
                .collect::<Vec<_>>(),
            v.kit.task_list().into_iter().cloned().collect::<Vec<_>>(),
            v.kit.shift_list().into_iter().cloned().collect::<Vec<_>>(),
        ),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn a_view_that_follows_changes_shows_what_a_whole_build_shows(
        steps in proptest::collection::vec(step(), 1..60)
    ) {
        let mut groups = world();
        let now = Timestamp(0);
        // The first replica has blocked the third person: what it follows leaves them out
        // just as a whole build does.
        let unseen = |i: usize| {
            std::sync::Arc::new(if i == 0 {
                [DeviceKey::from_bytes(&[3; 32]).id()].into_iter().collect()
            } else {
                std::collections::BTreeSet::new()
            })
        };
        let mut views: Vec<GroupView> = groups
            .iter()
            .enumerate()
            .map(|(i, g)| GroupView::build(g, Vec::new(), Vec::new(), now, &unseen(i)))
            .collect();
        for (i, s) in steps.iter().enumerate() {
            apply(&mut groups, s, 100 + i as i64);
            for (r, (g, v)) in groups.iter().zip(views.iter_mut()).enumerate() {
                let followed = v.update(g, Vec::new(), Vec::new(), now, &unseen(r));
                let whole = GroupView::build(g, Vec::new(), Vec::new(), now, &unseen(r));
                prop_assert_eq!(seen(&followed), seen(&whole), "after {:?}", s);
                prop_assert_eq!(followed.posts.len(), whole.posts.len());
                for p in whole.posts.iter() {
                    prop_assert_eq!(followed.posts.find(p.post.id).map(|f| f.post.id), Some(p.post.id));
                }
                *v = followed;
            }
        }
    }
}

#[test]
fn one_new_post_is_followed_without_reading_the_others_again() {
    let mut groups = world();
    for i in 0..50 {
        groups[0]
            .post(
                Timestamp(10 + i),
                ItemId::from_u64(i as u64),
                "t",
                "text",
                "en",
            )
            .unwrap();
    }
    let now = Timestamp(0);
    let before = GroupView::build(
        &groups[0],
        Vec::new(),
        Vec::new(),
        now,
        &std::sync::Arc::default(),
    );
    groups[0]
        .post(Timestamp(100), ItemId::from_u64(99), "t", "news", "en")
        .unwrap();
    let after = before.update(
        &groups[0],
        Vec::new(),
        Vec::new(),
        now,
        &std::sync::Arc::default(),
    );
    assert_eq!(after.posts.len(), 51);
    assert_eq!(
        after.posts.first().map(|p| p.post.body.as_str()),
        Some("news")
    );
    // The other posts are the very same values as before, not read again.
    let old = before.posts.find(ItemId::from_u64(3)).unwrap();
    let new = after.posts.find(ItemId::from_u64(3)).unwrap();
    assert!(std::ptr::eq(old, new));
}

#[test]
fn a_blocked_persons_posts_comments_and_reactions_are_left_out_until_unblocked() {
    let mut groups = world();
    let bruno = DeviceKey::from_bytes(&[2; 32]).id();
    groups[0]
        .post(Timestamp(10), ItemId::from_u64(1), "", "Amara's", "en")
        .unwrap();
    groups[0]
        .post(Timestamp(11), ItemId::from_u64(2), "", "second", "en")
        .unwrap();
    let batch = groups[0].changes_since(&[]);
    groups[1].ingest(batch);
    let b = &mut groups[1..];
    b[0].post(Timestamp(12), ItemId::from_u64(3), "", "Bruno's", "en")
        .unwrap();
    b[0].comment(
        Timestamp(13),
        ItemId::from_u64(4),
        ItemId::from_u64(1),
        None,
        "his comment",
    )
    .unwrap();
    b[0].react(Timestamp(14), ItemId::from_u64(1), Some("👍"))
        .unwrap();
    let batch = groups[1].changes_since(&[]);
    groups[0].ingest(batch);
    let now = Timestamp(0);
    let none = std::sync::Arc::default();
    let blocked = std::sync::Arc::new([bruno].into_iter().collect());
    let all = GroupView::build(&groups[0], Vec::new(), Vec::new(), now, &none);
    assert_eq!(all.posts.len(), 3);
    let without = all.update(&groups[0], Vec::new(), Vec::new(), now, &blocked);
    assert_eq!(without.posts.len(), 2, "his post is left out");
    let first = without.posts.find(ItemId::from_u64(1)).unwrap();
    assert!(first.comments.is_empty(), "his comment is left out");
    assert!(first.reactions.is_empty(), "his reaction is left out");
    assert!(without.posts.find(ItemId::from_u64(3)).is_none());
    let back = without.update(&groups[0], Vec::new(), Vec::new(), now, &none);
    assert_eq!(back.posts.len(), 3);
    assert_eq!(
        back.posts.find(ItemId::from_u64(1)).unwrap().comments.len(),
        1
    );
}
