//! Reports on this device: making one (sealed in core), keeping it in the outbox
//! (`reports.json`) until a moderator's device filed it, and filing those that members'
//! devices hand to this one when it is a moderator's.

use causeway_core::seal::Sealed;
use causeway_core::view::{Category, ReportTarget};
use causeway_core::{CoreError, DeviceId, GroupId, ItemId, Problem};
use serde::{Deserialize, Serialize};

use super::{LocalNode, now};
use crate::error::SyncError;
use crate::identity::random_bytes;

/// The outbox: reports made here that no moderator's device has filed yet.
const OUTBOX_FILE: &str = "reports.json";

/// A report waiting to be handed over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    /// The group (hex).
    pub group: String,
    /// The report's id (hex).
    pub id: String,
    /// The sealed words (base64).
    pub body: String,
    /// The wrapped keys: device (hex), key (base64).
    pub keys: Vec<(String, String)>,
    /// When it was made (milliseconds since 1970).
    pub at: i64,
}

impl Outgoing {
    /// The group, id and sealed report, if the entry reads back.
    pub(crate) fn parts(&self) -> Option<(GroupId, ItemId, Sealed)> {
        let group = GroupId::from_hex(&self.group).ok()?;
        let id = ItemId::from_hex(&self.id).ok()?;
        let body = data_encoding::BASE64.decode(self.body.as_bytes()).ok()?;
        let keys = self
            .keys
            .iter()
            .map(|(d, k)| {
                Some((
                    DeviceId::from_hex(d).ok()?,
                    data_encoding::BASE64.decode(k.as_bytes()).ok()?,
                ))
            })
            .collect::<Option<Vec<_>>>()?;
        Some((group, id, Sealed { body, keys }))
    }
}

impl LocalNode {
    /// Makes a report on `target` in `group`: filed at once when this device files reports
    /// itself (a moderator's), else kept in the outbox for a moderator's device. Returns its
    /// id and whether it is filed already.
    pub fn report(
        &mut self,
        group: &GroupId,
        target: ReportTarget,
        category: Category,
        words: &str,
    ) -> Result<(ItemId, bool), SyncError> {
        let id = super::new_item_id()?;
        let g = self.group(group).ok_or(SyncError::UnknownGroup(*group))?;
        // As many undecided as a moderator's device files (those it filed, and those
        // waiting here to be handed over): the moderators decide some first.
        let waiting = self
            .outbox()
            .iter()
            .filter(|o| o.group == group.to_hex())
            .count();
        if g.open_reports_by(g.device()) + waiting >= causeway_core::OPEN_REPORTS_AT_MOST {
            return Err(CoreError::InvalidInput(Problem::TooManyOpenReports {
                max: causeway_core::OPEN_REPORTS_AT_MOST,
            })
            .into());
        }
        let sealed = g.make_report(id, target, category, words, now(), random_bytes::<32>()?)?;
        let me = g.device();
        if g.my_role()
            .is_some_and(|r| r >= causeway_core::Role::Moderator)
        {
            self.file_report(group, id, &sealed, me)?;
            return Ok((id, true));
        }
        let mut out = self.outbox();
        out.push(Outgoing {
            group: group.to_hex(),
            id: id.to_hex(),
            body: data_encoding::BASE64.encode(&sealed.body),
            keys: sealed
                .keys
                .iter()
                .map(|(d, k)| (d.to_hex(), data_encoding::BASE64.encode(k)))
                .collect(),
            at: now().0,
        });
        self.save_outbox(&out)?;
        Ok((id, false))
    }

    /// The reports made here and not filed yet.
    pub fn outbox(&self) -> Vec<Outgoing> {
        self.dir
            .read_file(OUTBOX_FILE)
            .ok()
            .flatten()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    /// Drops the reports about `group` that wait to be handed over (its copy is deleted).
    pub(super) fn forget_reports_of(&mut self, group: &GroupId) -> Result<(), SyncError> {
        let mut out = self.outbox();
        let before = out.len();
        out.retain(|o| o.group != group.to_hex());
        if out.len() == before {
            return Ok(());
        }
        self.save_outbox(&out)
    }

    fn save_outbox(&mut self, out: &[Outgoing]) -> Result<(), SyncError> {
        let bytes =
            serde_json::to_vec_pretty(out).map_err(|e| SyncError::Internal(e.to_string()))?;
        self.dir.write_file_atomic(OUTBOX_FILE, &bytes)?;
        self.dirty.all = true;
        Ok(())
    }

    /// A report of the outbox was filed (or can never be): it leaves the outbox.
    pub(crate) fn report_handed_over(
        &mut self,
        group: &GroupId,
        id: ItemId,
    ) -> Result<(), SyncError> {
        let mut out = self.outbox();
        let before = out.len();
        out.retain(|o| !(o.group == group.to_hex() && o.id == id.to_hex()));
        if out.len() != before {
            self.save_outbox(&out)?;
        }
        Ok(())
    }

    /// Files a report `from`'s device handed to this one (a moderator's): `true` when it was
    /// written now, `false` when it was filed before.
    pub fn file_report(
        &mut self,
        group: &GroupId,
        id: ItemId,
        sealed: &Sealed,
        from: DeviceId,
    ) -> Result<bool, SyncError> {
        match self.act_all(group, |g, now| g.file_report(now, id, sealed, from)) {
            Ok(_) => Ok(true),
            Err(SyncError::Core(CoreError::InvalidInput(Problem::NothingToChange))) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Hands the keys of the reports of `group` this device opens to the moderators who lack
    /// them. Whether it wrote anything.
    pub fn reseal_reports(&mut self, group: &GroupId) -> Result<bool, SyncError> {
        let moderates = self
            .group(group)
            .ok_or(SyncError::UnknownGroup(*group))?
            .my_role()
            .is_some_and(|r| r >= causeway_core::Role::Moderator);
        if !moderates {
            return Ok(false);
        }
        // One seed from the system, stretched per key (SHA-256 of it and a counter): a
        // failing generator stops everything before anything is written.
        let master = random_bytes::<32>()?;
        let mut n: u64 = 0;
        let made = self.act_all(group, |g, now| {
            let seeds = || {
                use sha2::Digest as _;
                n += 1;
                let mut h = sha2::Sha256::new();
                h.update(master);
                h.update(n.to_be_bytes());
                let out: [u8; 32] = h.finalize().into();
                out
            };
            Ok(g.reseal(now, seeds)?.into_iter().collect())
        })?;
        Ok(!made.is_empty())
    }
}
