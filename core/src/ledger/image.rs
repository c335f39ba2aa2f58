//! The ledger saved next to the document it describes, so that opening a group does not read
//! every change back out of Automerge to rebuild it (ARCHITECTURE.md, "Opening a group").
//!
//! The image holds what the ledger was built from, not what it derived: for every change its
//! hash, actor, dependencies, operation range, the least role it needs and its membership
//! effects, and the objects the changes created. Loading registers the changes again, every one
//! after its dependencies, and settles validity once. With the changes in the same order as a
//! rebuild from the document, that gives the same ledger, without decoding an operation.
//!
//! Layout: one version byte, then a postcard body ([`Image`]). Device ids are written once and
//! referred to by index; a dependency is written as how many changes back it is.

use std::collections::HashMap;

use automerge::{ActorId, ChangeHash};
use serde::{Deserialize, Serialize};

use super::{Ledger, NewChange};
use crate::actor::actor_for;
use crate::collections::Effect;
use crate::identity::DeviceId;
use crate::order::topo_order;
use crate::role::Role;
use crate::schema::{Classified, Loc};

/// The image format written by this build.
const VERSION: u8 = 1;

/// Set in a change's `min_role` when the change is a schema upgrade (its version is one
/// above the version in its past, so it needs no field of its own). Builds from before
/// upgrades existed read such an image as damaged, and rebuild the ledger instead.
const UPGRADE_FLAG: u8 = 0x10;

/// Why an image could not be read back (the caller then rebuilds the ledger from the document).
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("the saved ledger cannot be used: {0}")]
pub(crate) struct ImageError(&'static str);

#[derive(Serialize, Deserialize)]
struct Image {
    owner: u32,
    devices: Vec<[u8; 32]>,
    actors: Vec<ActorEntry>,
    changes: Vec<ChangeEntry>,
    /// Sorted by actor, then counter; `counter` is the distance from the previous entry of the
    /// same actor.
    locs: Vec<LocEntry>,
}

#[derive(Serialize, Deserialize)]
struct ActorEntry {
    device: u32,
    suffix: [u8; 8],
    max_seq: u64,
}

#[derive(Serialize, Deserialize)]
struct ChangeEntry {
    hash: [u8; 32],
    actor: u32,
    /// How many changes back each dependency is (at least 1).
    deps: Vec<u32>,
    start_op: u64,
    ops: u64,
    min_role: u8,
    /// Target device and [`effect_code`].
    effects: Vec<(u32, u8)>,
    /// Target device and [`set_code`].
    sets: Vec<(u32, u8)>,
}

#[derive(Serialize, Deserialize)]
struct LocEntry {
    actor: u32,
    counter: u64,
    kind: u8,
    /// The device the object belongs to (a member entry, a post, a comment); 0 otherwise.
    device: u32,
}

fn role_code(r: Role) -> u8 {
    match r {
        Role::Member => 0,
        Role::Moderator => 1,
        Role::Admin => 2,
        Role::Owner => 3,
    }
}

fn role_of(code: u8) -> Result<Role, ImageError> {
    Ok(match code {
        0 => Role::Member,
        1 => Role::Moderator,
        2 => Role::Admin,
        3 => Role::Owner,
        _ => return Err(ImageError("unknown role")),
    })
}

/// A role is its own code; removal 4, leaving 5.
fn effect_code(e: Effect) -> u8 {
    match e {
        Effect::Set(r) => role_code(r),
        Effect::Remove => 4,
        Effect::Leave => 5,
    }
}

fn effect_of(code: u8) -> Result<Effect, ImageError> {
    Ok(match code {
        4 => Effect::Remove,
        5 => Effect::Leave,
        c => Effect::Set(role_of(c)?),
    })
}

/// A role is its own code; no role (a removal) 4.
fn set_code(r: Option<Role>) -> u8 {
    r.map_or(4, role_code)
}

fn set_of(code: u8) -> Result<Option<Role>, ImageError> {
    if code == 4 {
        Ok(None)
    } else {
        role_of(code).map(Some)
    }
}

/// Device ids, each written once.
#[derive(Default)]
struct Devices {
    list: Vec<[u8; 32]>,
    index: HashMap<DeviceId, u32>,
}

impl Devices {
    fn intern(&mut self, d: DeviceId) -> u32 {
        *self.index.entry(d).or_insert_with(|| {
            self.list.push(*d.as_bytes());
            (self.list.len() - 1) as u32
        })
    }
}

impl Ledger {
    /// The image of this ledger, or `None` when it cannot be written (a change whose dependency
    /// the ledger does not hold, or a malformed actor: neither is ever registered).
    pub(crate) fn to_image(&self) -> Option<Vec<u8>> {
        // Held changes are judged again when the group next opens (by then this device may
        // know their collection): a group holding any is saved without an image.
        if self.held_count() > 0 {
            return None;
        }
        let mut devices = Devices::default();
        let owner = devices.intern(self.owner);
        let mut actors: Vec<Option<&ActorId>> = vec![None; self.actor_ids.len()];
        for (actor, &i) in &self.actor_ids {
            *actors.get_mut(i as usize)? = Some(actor);
        }
        let actors = actors
            .into_iter()
            .enumerate()
            .map(|(i, actor)| {
                let bytes = actor?.to_bytes();
                let device: [u8; 32] = bytes.get(..32)?.try_into().ok()?;
                let suffix: [u8; 8] = bytes.get(32..)?.try_into().ok()?;
                Some(ActorEntry {
                    device: devices.intern(DeviceId::from_bytes(device)),
                    suffix,
                    max_seq: *self.max_seq.get(i)?,
                })
            })
            .collect::<Option<Vec<_>>>()?;

        let hashes: Vec<ChangeHash> = self.infos.keys().copied().collect();
        let index: HashMap<ChangeHash, usize> =
            hashes.iter().enumerate().map(|(i, h)| (*h, i)).collect();
        let info = |i: usize| &self.infos[&hashes[i]];
        let order = topo_order(hashes.len(), |i| hashes[i], |i| &info(i).deps, &index);
        let mut position: HashMap<ChangeHash, usize> = HashMap::with_capacity(order.len());
        let mut changes = Vec::with_capacity(order.len());
        for (pos, &i) in order.iter().enumerate() {
            let hash = hashes[i];
            let info = info(i);
            let deps = info
                .deps
                .iter()
                .map(|d| {
                    let back = pos - position.get(d)?;
                    u32::try_from(back).ok()
                })
                .collect::<Option<Vec<_>>>()?;
            let event = info.event.and_then(|e| self.events.get(e as usize));
            let (effects, sets) = match event {
                Some(ev) => (
                    ev.effects
                        .iter()
                        .map(|(t, e)| (devices.intern(*t), effect_code(*e)))
                        .collect(),
                    ev.sets
                        .iter()
                        .map(|(t, r)| (devices.intern(*t), set_code(*r)))
                        .collect(),
                ),
                None => (Vec::new(), Vec::new()),
            };
            changes.push(ChangeEntry {
                hash: hash.0,
                actor: info.actor,
                deps,
                start_op: info.start_op,
                ops: info.ops,
                min_role: role_code(info.min_role)
                    | if event.is_some_and(|ev| ev.upgrade.is_some()) {
                        UPGRADE_FLAG
                    } else {
                        0
                    },
                effects,
                sets,
            });
            position.insert(hash, pos);
        }

        let mut sorted: Vec<(&(u32, u64), &Loc)> = self.locs.iter().collect();
        sorted.sort_unstable_by_key(|(k, _)| **k);
        let mut locs = Vec::with_capacity(sorted.len());
        let mut last: Option<(u32, u64)> = None;
        for (&(actor, counter), loc) in sorted {
            let delta = match last {
                Some((a, c)) if a == actor => counter - c,
                _ => counter,
            };
            last = Some((actor, counter));
            // Each collection names its objects' codes (`Collection::code`).
            let (kind, device) = loc.code();
            locs.push(LocEntry {
                actor,
                counter: delta,
                kind,
                device: device.map_or(0, |d| devices.intern(d)),
            });
        }

        let image = Image {
            owner,
            devices: devices.list,
            actors,
            changes,
            locs,
        };
        postcard::to_extend(&image, vec![VERSION]).ok()
    }

    /// Reads an image back into a ledger. Only the image's own consistency is checked here
    /// (indices in range, every dependency earlier, one first change: `genesis`, by the owner);
    /// whether it describes a given document is for the caller to check against the document's
    /// heads.
    pub(crate) fn from_image(bytes: &[u8], genesis: ChangeHash) -> Result<Ledger, ImageError> {
        let (&version, body) = bytes.split_first().ok_or(ImageError("it is empty"))?;
        if version != VERSION {
            return Err(ImageError("it was written by another version"));
        }
        let image: Image =
            postcard::from_bytes(body).map_err(|_| ImageError("it cannot be decoded"))?;
        let device = |i: u32| {
            image
                .devices
                .get(i as usize)
                .map(|b| DeviceId::from_bytes(*b))
                .ok_or(ImageError("a device index is out of range"))
        };
        let mut ledger = Ledger::new(device(image.owner)?);
        let actors: Vec<(ActorId, DeviceId)> = image
            .actors
            .iter()
            .map(|a| device(a.device).map(|d| (actor_for(d, a.suffix), d)))
            .collect::<Result<_, _>>()?;
        let mut hashes: Vec<ChangeHash> = Vec::with_capacity(image.changes.len());
        for (i, c) in image.changes.iter().enumerate() {
            let (actor, author) = actors
                .get(c.actor as usize)
                .ok_or(ImageError("an actor index is out of range"))?;
            let deps = c
                .deps
                .iter()
                .map(|&back| match back {
                    0 => None,
                    back => i.checked_sub(back as usize).map(|j| hashes[j]),
                })
                .collect::<Option<Vec<_>>>()
                .ok_or(ImageError("a dependency does not come before its change"))?;
            if deps.is_empty() != (i == 0) {
                return Err(ImageError("only the first change may have no dependencies"));
            }
            if i == 0 && (*author != ledger.owner || c.hash != genesis.0) {
                return Err(ImageError("the first change is not this group's"));
            }
            let upgrade = if c.min_role & UPGRADE_FLAG != 0 {
                let strict = ledger.strict_set(&deps);
                Some(ledger.version_in(strict, super::Mode::Recorded) + 1)
            } else {
                None
            };
            let classified = Classified {
                upgrade,
                needs_version: 1,
                held: false,
                past: Vec::new(),
                min_role: role_of(c.min_role & !UPGRADE_FLAG)?,
                sets: c
                    .sets
                    .iter()
                    .map(|&(t, r)| Ok((device(t)?, set_of(r)?)))
                    .collect::<Result<_, ImageError>>()?,
                effects: c
                    .effects
                    .iter()
                    .map(|&(t, e)| Ok((device(t)?, effect_of(e)?)))
                    .collect::<Result<_, ImageError>>()?,
                creates: Vec::new(),
            };
            let hash = ChangeHash(c.hash);
            if ledger.contains(&hash) {
                return Err(ImageError("a change is listed twice"));
            }
            ledger.register(
                NewChange {
                    hash,
                    actor,
                    seq: 0,
                    author: *author,
                    deps: &deps,
                    start_op: c.start_op,
                    ops: c.ops,
                },
                classified,
            );
            hashes.push(hash);
        }
        for (entry, (actor, _)) in image.actors.iter().zip(&actors) {
            let a = *ledger
                .actor_ids
                .get(actor)
                .ok_or(ImageError("an actor has no changes"))?;
            ledger.max_seq[a as usize] = entry.max_seq;
        }
        let mut last: Option<(u32, u64)> = None;
        for l in &image.locs {
            let counter = match last {
                Some((a, c)) if a == l.actor => c
                    .checked_add(l.counter)
                    .ok_or(ImageError("an object counter overflows"))?,
                _ => l.counter,
            };
            last = Some((l.actor, counter));
            let (actor, _) = actors
                .get(l.actor as usize)
                .ok_or(ImageError("an actor index is out of range"))?;
            let a = *ledger
                .actor_ids
                .get(actor)
                .ok_or(ImageError("an object's actor has no changes"))?;
            let owner = image.devices.get(l.device as usize);
            let loc = Loc::from_code(l.kind, owner.map(|b| DeviceId::from_bytes(*b)))
                .map_err(ImageError)?;
            ledger.locs.insert((a, counter), loc);
        }
        ledger.resolve();
        Ok(ledger)
    }

    /// The changes no other change depends on, sorted.
    pub(crate) fn heads(&self) -> Vec<ChangeHash> {
        let mut depended: std::collections::HashSet<&ChangeHash> =
            std::collections::HashSet::with_capacity(self.infos.len());
        for info in self.infos.values() {
            depended.extend(info.deps.iter());
        }
        let mut heads: Vec<ChangeHash> = self
            .infos
            .keys()
            .filter(|h| !depended.contains(h))
            .copied()
            .collect();
        heads.sort_unstable();
        heads
    }
}
