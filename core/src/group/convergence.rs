//! Property test: replicas that receive the same changes, in any order, with duplicates and
//! with hostile changes mixed in, end with the same state and the same decisions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashSet;

use automerge::ROOT;
use automerge::transaction::Transactable;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

use super::testing::*;
use crate::ledger::Ledger;
use crate::problem::Problem;

const PEOPLE: usize = 4;

#[derive(Clone, Debug)]
enum Action {
    Post,
    Edit(usize),
    Delete(usize),
    Comment(usize),
    React(usize),
    Hide(usize),
    Add(usize, Role),
    SetRole(usize, Role),
    Remove(usize),
    Leave,
    Rename,
    Bio,
    Pin(usize),
    Unpin(usize),
    /// The campaign kit: an event with one place, an answer, a poll, a vote, a close, a
    /// shift with one place, a sign-up.
    Event,
    Answer(usize),
    Poll,
    Vote(usize),
    Close(usize),
    Shift,
    SignUp(usize),
    /// A post with a file of 10 MB (the group's total is held to 30 MB: the limit in each
    /// change's past decides), or an admin's new limit.
    Attach,
    Limit,
    /// An admin opens the moderation log (then hides, removals and role changes are logged).
    OpenLog,
    /// The owner hands the group over to someone (taken only where they are an admin and the
    /// log is open).
    HandOver(usize),
}

#[derive(Clone, Debug)]
enum Step {
    Act(usize, Action),
    Deliver { from: usize, to: usize, seed: u64 },
    Hostile { to: usize, kind: u8 },
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![Just(Role::Member), Just(Role::Moderator), Just(Role::Admin)]
}

fn action() -> impl Strategy<Value = Action> {
    let who = 0..PEOPLE;
    prop_oneof![
        4 => Just(Action::Post),
        1 => (0..8usize).prop_map(Action::Edit),
        1 => (0..8usize).prop_map(Action::Delete),
        2 => (0..8usize).prop_map(Action::Comment),
        2 => (0..8usize).prop_map(Action::React),
        1 => (0..8usize).prop_map(Action::Hide),
        3 => (who.clone(), role()).prop_map(|(w, r)| Action::Add(w, r)),
        2 => (who.clone(), role()).prop_map(|(w, r)| Action::SetRole(w, r)),
        2 => who.prop_map(Action::Remove),
        1 => Just(Action::Leave),
        1 => Just(Action::Rename),
        1 => Just(Action::Bio),
        2 => (0..8usize).prop_map(Action::Pin),
        1 => (0..8usize).prop_map(Action::Unpin),
        1 => Just(Action::Event),
        2 => (0..8usize).prop_map(Action::Answer),
        1 => Just(Action::Poll),
        2 => (0..8usize).prop_map(Action::Vote),
        1 => (0..8usize).prop_map(Action::Close),
        1 => Just(Action::Shift),
        2 => (0..8usize).prop_map(Action::SignUp),
        2 => Just(Action::Attach),
        1 => Just(Action::Limit),
        1 => Just(Action::OpenLog),
        2 => (0..PEOPLE).prop_map(Action::HandOver),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        5 => (0..PEOPLE, action()).prop_map(|(w, a)| Step::Act(w, a)),
        5 => (0..PEOPLE, 0..PEOPLE, any::<u64>()).prop_map(|(from, to, seed)| Step::Deliver { from, to, seed }),
        1 => (0..PEOPLE, 0..3u8).prop_map(|(to, kind)| Step::Hostile { to, kind }),
    ]
}

/// A tiny seeded generator for delivery orders (the proptest seed drives it).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

struct Sim {
    world: World,
    waiting: Vec<Vec<SignedChange>>,
    hostile: Vec<SignedChange>,
    hostile_hashes: HashSet<ChangeHash>,
    /// Those refused for what they are (not for a bad signature).
    refused_for_content: HashSet<ChangeHash>,
    clock: i64,
    next_id: u64,
}

impl Sim {
    fn deliver(&mut self, to: usize, mut batch: Vec<SignedChange>) {
        batch.append(&mut self.waiting[to]);
        let report = self.world.replicas[to].ingest(batch.clone());
        for (hash, why) in &report.rejected {
            let h = hash.expect("honest changes decode");
            assert!(
                self.hostile_hashes.contains(&h),
                "honest change {h:?} rejected: {why}"
            );
        }
        // The replica keeps nothing that waits: the sender (here, the simulation) offers it
        // again with the next batch, as a peer would.
        let waiting: HashSet<ChangeHash> = report.waiting.iter().map(|(h, _)| *h).collect();
        self.waiting[to] = batch
            .into_iter()
            .filter(|c| {
                automerge::Change::try_from(&c.bytes[..]).is_ok_and(|d| waiting.contains(&d.hash()))
            })
            .collect();
    }

    fn act(&mut self, who: usize, action: Action) {
        self.clock += 1;
        self.next_id += 1;
        let now = Timestamp(self.clock);
        let id = ItemId::from_u64(self.next_id);
        let ids: Vec<DeviceId> = (0..PEOPLE).map(|i| self.world.id_of(i)).collect();
        let posts: Vec<ItemId> = self.world.replicas[who]
            .posts()
            .iter()
            .map(|p| p.id)
            .collect();
        let item = |n: usize| posts.get(n % posts.len().max(1)).copied();
        let pick = |v: Vec<ItemId>, n: usize| v.get(n % v.len().max(1)).copied();
        let replica = &self.world.replicas[who];
        let events = replica.events().iter().map(|e| e.id).collect::<Vec<_>>();
        let polls = replica.polls().iter().map(|p| p.id).collect::<Vec<_>>();
        let shifts = replica.shifts().iter().map(|s| s.id).collect::<Vec<_>>();
        let when = crate::view::When {
            start: Timestamp(1_000_000),
            end: Timestamp(2_000_000),
            zone: String::new(),
            all_day: false,
        };
        let last = |made: Result<Vec<crate::LocalChange>, CoreError>| {
            made.and_then(|m| {
                m.into_iter()
                    .last()
                    .ok_or(CoreError::InvalidInput(Problem::NothingToChange))
            })
        };
        let g = &mut self.world.replicas[who];
        // Refusals are expected (no role, not yet joined); they must leave the replica usable.
        let _ = match action {
            Action::Post => g.post(now, id, "t", "body", "en"),
            Action::Edit(n) => match item(n) {
                Some(p) => g.edit_post(now, p, "t2", "edited"),
                None => return,
            },
            Action::Delete(n) => match item(n) {
                Some(p) => g.delete_item(now, ItemKind::Post, p),
                None => return,
            },
            Action::Comment(n) => match item(n) {
                Some(p) => g.comment(now, id, p, None, "c"),
                None => return,
            },
            Action::React(n) => match item(n) {
                Some(p) => g.react(now, p, Some(if n % 2 == 0 { "👍" } else { "🌱" })),
                None => return,
            },
            Action::Hide(n) => match item(n) {
                Some(p) => g.hide(now, ItemKind::Post, p, "r"),
                None => return,
            },
            Action::Add(w, r) => g.add_member(now, ids[w], "name", r),
            Action::SetRole(w, r) => g.set_role(now, ids[w], r),
            Action::Remove(w) => g.remove_member(now, ids[w], "why"),
            Action::Leave => g.leave(now),
            Action::OpenLog => last(g.open_log(now)),
            // The owner opens the log and makes them an admin first where needed.
            Action::HandOver(w) => last((|| {
                let mut made = g.open_log(now)?;
                if g.role_of(ids[w]).is_some_and(|r| r < Role::Admin) {
                    made.push(g.set_role(now, ids[w], Role::Admin)?);
                }
                made.push(g.hand_over(now, ids[w])?);
                Ok(made)
            })()),
            Action::Rename => g.set_display_name(now, &format!("n{}", self.clock)),
            // An admin's first bio in an older group upgrades it first; the bio is last.
            Action::Bio => g
                .set_bio(now, &format!("b{}", self.clock))
                .and_then(|made| {
                    made.into_iter()
                        .last()
                        .ok_or(CoreError::InvalidInput(Problem::NothingToChange))
                }),
            // The first pin of a version-1 group is two changes (the upgrade, the pin).
            Action::Pin(n) => match item(n) {
                Some(p) => g.pin(now, p).and_then(|made| {
                    made.into_iter()
                        .last()
                        .ok_or(CoreError::InvalidInput(Problem::NothingToChange))
                }),
                None => return,
            },
            Action::Unpin(n) => match item(n) {
                Some(p) => g.unpin(now, p),
                None => return,
            },
            Action::Event => last(g.create_event(
                now,
                id,
                crate::view::EventDraft {
                    title: "e".into(),
                    body: String::new(),
                    lang: "en".into(),
                    when,
                    place: String::new(),
                    online: String::new(),
                    capacity: Some(1),
                },
            )),
            Action::Answer(n) => match pick(events, n) {
                Some(e) => {
                    let rsvp = [crate::view::Rsvp::Yes, crate::view::Rsvp::No][n % 2];
                    g.answer_event(now, e, rsvp)
                }
                None => return,
            },
            Action::Poll => last(g.create_poll(
                now,
                id,
                crate::view::PollDraft {
                    question: "q".into(),
                    options: vec!["a".into(), "b".into()],
                    multiple: false,
                    open: false,
                },
                vec![ItemId::from_u64(1), ItemId::from_u64(2)],
            )),
            Action::Vote(n) => match pick(polls, n) {
                Some(p) => g.vote(now, p, &[ItemId::from_u64(1 + (n as u64 % 2))]),
                None => return,
            },
            Action::Close(n) => match pick(polls, n) {
                Some(p) => g.close_poll(now, p),
                None => return,
            },
            Action::Shift => last(g.create_shift(
                now,
                id,
                crate::view::ShiftDraft {
                    title: "s".into(),
                    notes: String::new(),
                    when,
                    places: 1,
                },
            )),
            Action::SignUp(n) => match pick(shifts, n) {
                Some(s) => g.join_shift(now, s, n % 3 != 0),
                None => return,
            },
            Action::Attach => {
                let file = crate::view::FileRef {
                    hash: crate::ids::BlobHash::from_bytes([self.clock as u8; 32]),
                    size: 10 * crate::view::MB,
                    media: "application/pdf".into(),
                    name: "f.pdf".into(),
                    image: None,
                };
                let aid = ItemId::from_u64(self.next_id + 1_000_000);
                last(g.post_with_files(now, id, "", "with a file", "en", vec![(aid, file)]))
            }
            Action::Limit => last(g.set_file_limits(
                now,
                Some(crate::view::MB * (5 + (self.clock as u64 % 3) * 10)),
                Some(30 * crate::view::MB),
            )),
        };
    }

    fn hostile(&mut self, to: usize, kind: u8) {
        let g = &self.world.replicas[to];
        if g.info().is_none() {
            return;
        }
        // key(2) forges below; the victim is always somebody else (replica 2 holds key(3)).
        let victim = self.world.id_of(2);
        self.next_id += 1;
        let id = ItemId::from_u64(self.next_id);
        let change = match kind {
            // A stranger posts.
            0 => forge(g, &key(99), [99; 8], None, |tx, doc| {
                let posts = obj(doc, &ROOT, "posts");
                let p = tx.put_object(&posts, id.to_hex(), ObjType::Map).unwrap();
                tx.put(&p, "author", key(99).id().to_hex()).unwrap();
            }),
            // A member reacts in someone else's name.
            1 => forge(g, &key(2), [0xee; 8], None, |tx, doc| {
                let r = obj(doc, &ROOT, "reactions");
                tx.put(&r, format!("{}/{}", id.to_hex(), victim.to_hex()), "x")
                    .unwrap();
            }),
            // A valid-looking post with a broken signature.
            _ => {
                let mut c = forge(g, &key(3), [0xef; 8], None, |tx, doc| {
                    let posts = obj(doc, &ROOT, "posts");
                    let p = tx.put_object(&posts, id.to_hex(), ObjType::Map).unwrap();
                    tx.put(&p, "author", key(3).id().to_hex()).unwrap();
                });
                if let Some(s) = c.signature.as_mut() {
                    s.0[10] ^= 0x40;
                }
                c
            }
        };
        let hash = Change::try_from(&change.bytes[..]).unwrap().hash();
        self.hostile_hashes.insert(hash);
        if kind < 2 {
            self.refused_for_content.insert(hash);
        }
        self.hostile.push(change.clone());
        let report = self.world.replicas[to].ingest(vec![change]);
        assert_eq!(
            report.rejected.len(),
            1,
            "hostile change accepted: {report:?}"
        );
    }
}

fn run(roles: Vec<Role>, steps: Vec<Step>) {
    let mut sim = Sim {
        world: World::new(PEOPLE),
        waiting: vec![Vec::new(); PEOPLE],
        hostile: Vec::new(),
        hostile_hashes: HashSet::new(),
        refused_for_content: HashSet::new(),
        clock: 10,
        next_id: 0,
    };
    // Amara starts the group with everyone in it, in the given roles, and everyone hears of it.
    for (i, r) in roles.iter().enumerate() {
        let who = sim.world.id_of(i + 1);
        sim.world.replicas[0]
            .add_member(Timestamp(2), who, "someone", *r)
            .unwrap();
    }
    for to in 1..PEOPLE {
        let batch = sim.world.replicas[0].changes_since(&[]);
        sim.deliver(to, batch);
    }
    for s in steps {
        match s {
            Step::Act(who, a) => sim.act(who, a),
            Step::Hostile { to, kind } => sim.hostile(to, kind),
            Step::Deliver { from, to, seed } => {
                if from == to {
                    continue;
                }
                let mut rng = Rng(seed | 1);
                let mut all = sim.world.replicas[from].changes_since(&[]);
                // A random subset, in random order, with some duplicates.
                for i in (1..all.len()).rev() {
                    let j = rng.below(i + 1);
                    all.swap(i, j);
                }
                let keep = rng.below(all.len() + 1);
                all.truncate(keep);
                if let Some(dup) = all.first().cloned() {
                    all.push(dup);
                }
                while !all.is_empty() {
                    let n = 1 + rng.below(all.len());
                    let chunk: Vec<SignedChange> = all.drain(..n).collect();
                    sim.deliver(to, chunk);
                }
            }
        }
    }
    // Everyone meets everyone until nothing moves; hostile changes go to everyone too.
    let hostile = sim.hostile.clone();
    for to in 0..PEOPLE {
        sim.deliver(to, hostile.clone());
    }
    loop {
        let before: Vec<_> = sim.world.replicas.iter().map(Group::heads).collect();
        for from in 0..PEOPLE {
            for to in 0..PEOPLE {
                if from != to {
                    let batch = sim.world.replicas[from].changes_since(&[]);
                    sim.deliver(to, batch);
                }
            }
        }
        let after: Vec<_> = sim.world.replicas.iter().map(Group::heads).collect();
        if before == after {
            break;
        }
    }
    let first = &sim.world.replicas[0];
    if std::env::var("CONVERGENCE_STATS").is_ok() {
        eprintln!(
            "STATS changes={} revoked={} members={} posts={} hostile={} events={} polls={}",
            first.change_count(),
            first.revoked().len(),
            first.members().len(),
            first.posts().len(),
            sim.hostile_hashes.len(),
            first.events().len(),
            first.polls().len()
        );
    }
    for (i, g) in sim.world.replicas.iter().enumerate().skip(1) {
        assert_eq!(g.heads(), first.heads(), "replica {i} holds other changes");
        assert_eq!(
            g.revoked(),
            first.revoked(),
            "replica {i} decided differently"
        );
        assert_eq!(g.info(), first.info(), "replica {i}: description differs");
        assert_eq!(g.members(), first.members(), "replica {i}: members differ");
        assert_eq!(g.posts(), first.posts(), "replica {i}: posts differ");
        assert_eq!(
            g.moderation_log(),
            first.moderation_log(),
            "replica {i}: moderation logs differ"
        );
        assert_eq!(g.events(), first.events(), "replica {i}: events differ");
        assert_eq!(g.polls(), first.polls(), "replica {i}: polls differ");
        assert_eq!(g.shifts(), first.shifts(), "replica {i}: shifts differ");
        assert_eq!(
            g.attachments(),
            first.attachments(),
            "replica {i}: files differ"
        );
        assert_eq!(
            g.file_limits(),
            first.file_limits(),
            "replica {i}: limits differ"
        );
        assert_eq!(
            g.pinned(),
            first.pinned(),
            "replica {i}: pinned posts differ"
        );
        assert_eq!(
            g.schema_version(),
            first.schema_version(),
            "replica {i}: schema versions differ"
        );
        assert_eq!(
            g.comments(),
            first.comments(),
            "replica {i}: comments differ"
        );
        for p in first.posts() {
            assert_eq!(g.reactions(p.id), first.reactions(p.id));
        }
    }
    for g in &sim.world.replicas {
        for h in &sim.hostile_hashes {
            // Refused for what they are (a stranger, someone else's name) is remembered; a
            // bad signature is not (the author's true one may still come), but never taken.
            assert!(
                !g.has_change(h) && !g.is_revoked(h),
                "hostile change was not refused"
            );
            assert_eq!(g.was_rejected(h), sim.refused_for_content.contains(h));
        }
        assert!(
            sim.waiting.iter().all(Vec::is_empty),
            "changes left waiting after full sync"
        );
        // The ledger each replica built as changes arrived, saved and read back, is the one
        // a rebuild from the document gives.
        let mut rebuilt = g.clone();
        rebuilt.rebuild_ledger().unwrap();
        let image = g.ledger_image().unwrap();
        let read = Ledger::from_image(&image, ChangeHash(*g.id().as_bytes())).unwrap();
        assert_eq!(
            Some(&read),
            rebuilt.ledger.as_deref(),
            "saved ledger differs"
        );
    }
}

proptest! {
    #![proptest_config(Config {
        cases: 128,
        rng_seed: RngSeed::Fixed(0xCA05E),
        failure_persistence: None,
        ..Config::default()
    })]

    #[test]
    fn replicas_converge_to_the_same_state_and_decisions_in_any_delivery_order(
        roles in proptest::collection::vec(role(), PEOPLE - 1),
        steps in proptest::collection::vec(step(), 20..80)
    ) {
        run(roles, steps);
    }
}
