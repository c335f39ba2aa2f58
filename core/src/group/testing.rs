//! What the unit tests of the group and of every collection share: a small world of
//! replicas, and a way to forge changes as a hostile or buggy peer would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub(crate) use automerge::transaction::{CommitOptions, Transactable};
pub(crate) use automerge::{Automerge, Change, ChangeHash, ObjId as ExId, ObjType, ROOT, ReadDoc};

pub(crate) use super::{
    Group, IngestReport, ItemKind, LocalChange, MetaEdit, NewGroup, SignedChange, Waiting,
};
pub(crate) use crate::actor::actor_for;
pub(crate) use crate::error::{CoreError, Rejection};
pub(crate) use crate::identity::{ChangeSignature, DeviceId, DeviceKey};
pub(crate) use crate::ids::{GroupId, ItemId, Timestamp};
pub(crate) use crate::role::Role;
pub(crate) use crate::schema::{AUTHORITY_TAG, Visibility};

pub(crate) fn key(seed: u8) -> DeviceKey {
    DeviceKey::from_bytes(&[seed; 32])
}

pub(crate) fn t(ms: i64) -> Timestamp {
    Timestamp(ms)
}

pub(crate) fn new_group() -> NewGroup {
    NewGroup {
        name: "River clean-up".into(),
        mission: "Keep the river clean".into(),
        causes: vec!["environment".into()],
        region: "Lyon".into(),
        languages: vec!["fr".into(), "en".into()],
        visibility: Visibility::Invite,
    }
}

/// A little world: Amara owns the group; every other person has a replica of their own.
pub(crate) struct World {
    pub(crate) replicas: Vec<Group>,
}

pub(crate) const AMARA: usize = 0;
pub(crate) const BRUNO: usize = 1;
pub(crate) const CHLOE: usize = 2;

impl World {
    pub(crate) fn new(people: usize) -> World {
        let (amara, _) = Group::create(key(1), [1; 8], t(1), &new_group(), "Amara").unwrap();
        let id = amara.id();
        let mut replicas = vec![amara];
        for i in 1..people {
            replicas.push(Group::joining(id, key(i as u8 + 1), [i as u8 + 1; 8]));
        }
        World { replicas }
    }

    pub(crate) fn id_of(&self, i: usize) -> DeviceId {
        self.replicas[i].device()
    }

    /// Sends everything `from` has to `to`.
    pub(crate) fn send(&mut self, from: usize, to: usize) -> IngestReport {
        let batch = self.replicas[from].changes_since(&[]);
        self.replicas[to].ingest(batch)
    }

    /// Everyone sends to everyone until nothing new moves.
    pub(crate) fn sync_all(&mut self) {
        for _ in 0..4 {
            for a in 0..self.replicas.len() {
                for b in 0..self.replicas.len() {
                    if a != b {
                        self.send(a, b);
                    }
                }
            }
        }
    }

    /// [`World::sync_all`] among everyone but `out`.
    pub(crate) fn sync_all_but(&mut self, out: usize) {
        for _ in 0..4 {
            for a in 0..self.replicas.len() {
                for b in 0..self.replicas.len() {
                    if a != b && a != out && b != out {
                        self.send(a, b);
                    }
                }
            }
        }
    }

    pub(crate) fn add(&mut self, by: usize, who: usize, role: Role) {
        let id = self.id_of(who);
        self.replicas[by]
            .add_member(t(2), id, "someone", role)
            .unwrap();
    }
}

/// Builds an arbitrary change on top of `group`'s current state, as `key`'s device, bypassing
/// every local check: what a hostile or buggy peer could send.
pub(crate) fn forge(
    group: &Group,
    key: &DeviceKey,
    suffix: [u8; 8],
    message: Option<&str>,
    build: impl FnOnce(&mut automerge::transaction::Transaction<'_>, &Automerge),
) -> SignedChange {
    let mut doc = Automerge::load(&group.save()).unwrap();
    doc.set_actor(actor_for(key.id(), suffix));
    let snapshot = doc.clone();
    let mut tx = doc.transaction();
    build(&mut tx, &snapshot);
    let mut opts = CommitOptions::default().with_time(0);
    if let Some(m) = message {
        opts = opts.with_message(m);
    }
    let (hash, _) = tx.commit_with(opts);
    let hash = hash.unwrap();
    let change = doc.get_change_by_hash(&hash).unwrap();
    SignedChange {
        bytes: change.raw_bytes().to_vec(),
        signature: Some(key.sign_change(&group.id(), &hash)),
    }
}

/// [`forge`], then with its dependencies replaced by `deps`: a change that writes to objects
/// its claimed past does not hold, as only a hostile peer would build.
pub(crate) fn forge_at(
    group: &Group,
    deps: &[ChangeHash],
    key: &DeviceKey,
    suffix: [u8; 8],
    message: Option<&str>,
    build: impl FnOnce(&mut automerge::transaction::Transaction<'_>, &Automerge),
) -> SignedChange {
    let made = forge(group, key, suffix, message, build);
    let mut expanded = automerge::ExpandedChange::from(&Change::try_from(&made.bytes[..]).unwrap());
    expanded.deps = deps.to_vec();
    let change = Change::from(expanded);
    SignedChange {
        bytes: change.raw_bytes().to_vec(),
        signature: Some(key.sign_change(&group.id(), &change.hash())),
    }
}

pub(crate) fn obj(doc: &Automerge, parent: &ExId, k: &str) -> ExId {
    match doc.get(parent, k).unwrap() {
        Some((automerge::Value::Object(_), id)) => id,
        other => panic!("no object at {k}: {other:?}"),
    }
}

pub(crate) fn rejected_with(report: &IngestReport) -> Vec<Rejection> {
    report.rejected.iter().map(|(_, r)| r.clone()).collect()
}

pub(crate) fn two_members() -> World {
    let mut w = World::new(3);
    w.add(AMARA, BRUNO, Role::Member);
    w.add(AMARA, CHLOE, Role::Member);
    w.sync_all();
    w
}

pub(crate) fn post(w: &mut World, who: usize, id: u64, text: &str) -> LocalChange {
    w.replicas[who]
        .post(t(10 + id as i64), ItemId::from_u64(id), "title", text, "en")
        .unwrap()
}
