//! Actor ids: who wrote each operation of a group's document.
//!
//! An actor id is the 32-byte device id followed by 8 bytes the device picks once per group and
//! store, so the author of every operation is readable from its op id, and a device that lost
//! its store never reuses sequence numbers.

use automerge::ActorId;

use crate::identity::DeviceId;

/// Length of an actor id: the 32-byte device id followed by 8 bytes chosen by the device per
/// group and store, so a device that lost its store never reuses sequence numbers.
pub const ACTOR_LEN: usize = 40;

/// The actor id this device uses in a group's document.
pub fn actor_for(device: DeviceId, suffix: [u8; 8]) -> ActorId {
    let mut bytes = Vec::with_capacity(ACTOR_LEN);
    bytes.extend_from_slice(device.as_bytes());
    bytes.extend_from_slice(&suffix);
    ActorId::from(bytes)
}

/// The device an actor id belongs to; `None` when it is not of Causeway's form.
pub(crate) fn author_of_actor(actor: &ActorId) -> Option<DeviceId> {
    let bytes = actor.to_bytes();
    let id: [u8; 32] = bytes.get(..32)?.try_into().ok()?;
    (bytes.len() == ACTOR_LEN).then_some(DeviceId::from_bytes(id))
}
