//! Requests to join seen by every admin (`protocols::requests`): this device asks the other
//! admins' devices of its groups for the requests waiting there (each background round, and
//! when asked), keeps them in memory, and approves or declines them as its own.
use std::sync::Arc;
use std::time::Duration;

use causeway_core::{DeviceId, GroupId, Role, Visibility};
use tracing::debug;

use super::shared::{Elsewhere, Shared};
use crate::error::{SyncError, SyncProblem};
use crate::protocols::requests::{self, Answer, Ask};

/// How long an admin's device has to answer.
const ASK_WITHIN: Duration = Duration::from_secs(5);

impl Shared {
    /// Asks the other admins' devices of every request-to-join group this device is an admin
    /// of for the requests waiting there.
    pub(crate) async fn fetch_all_requests(self: &Arc<Self>) {
        let groups: Vec<GroupId> = self
            .read_local(|n| {
                n.groups()
                    .filter(|g| {
                        g.my_role().is_some_and(|r| r >= Role::Admin)
                            && g.info()
                                .is_some_and(|i| i.visibility == Visibility::Request)
                    })
                    .map(|g| g.id())
                    .collect()
            })
            .unwrap_or_default();
        for group in groups {
            self.fetch_requests(group).await;
        }
    }

    /// [`Shared::fetch_all_requests`] for one group; what an admin's device does not answer
    /// keeps what it said last.
    pub(crate) async fn fetch_requests(self: &Arc<Self>, group: GroupId) {
        let me = DeviceId::from_bytes(*self.endpoint.id().as_bytes());
        let admins: Vec<_> = self
            .read_local(|n| {
                n.group(&group)
                    .map(|g| {
                        g.current_members()
                            .into_iter()
                            .filter(|d| {
                                *d != me
                                    && !n.is_blocked(*d)
                                    && g.role_of(*d).is_some_and(|r| r >= Role::Admin)
                            })
                            .map(|d| n.address_of(d))
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .unwrap_or_default();
        let mut changed = false;
        for addr in admins {
            let Ok(dial) = self.dial_addr(&addr) else {
                continue;
            };
            match requests::ask(&self.endpoint, dial, &group, Ask::List, ASK_WITHIN).await {
                Ok(Answer::Done(list)) => {
                    let Ok(mut all) = self.elsewhere.lock() else {
                        return;
                    };
                    let kept = all.entry(group).or_default();
                    let before = kept.clone();
                    kept.retain(|e| e.holder != addr.id);
                    kept.extend(list.into_iter().map(|request| Elsewhere {
                        holder: addr.id,
                        request,
                    }));
                    changed |= *kept != before;
                }
                Ok(other) => debug!(?other, "an admin's device did not list its requests"),
                Err(e) => debug!(error = %e, "an admin's device was not reached for requests"),
            }
        }
        if changed {
            self.with_local(|n| n.touch(&group)).ok();
        }
    }

    /// The requests to join `group` waiting on other admins' devices, without those of
    /// people who are members now or who wait here too.
    pub(crate) fn requests_elsewhere(&self, group: GroupId) -> Vec<Elsewhere> {
        let kept = self
            .elsewhere
            .lock()
            .map(|all| all.get(&group).cloned().unwrap_or_default())
            .unwrap_or_default();
        let Ok((members, here)) = self.read_local(|n| {
            (
                n.group(&group)
                    .map(|g| g.current_members())
                    .unwrap_or_default(),
                n.pending_requests(&group),
            )
        }) else {
            return Vec::new();
        };
        kept.into_iter()
            .filter(|e| {
                !members.contains(&e.request.device)
                    && !here.iter().any(|r| r.device == e.request.device.to_hex())
            })
            .collect()
    }

    /// `who`'s request to join `group` waiting on another admin's device.
    fn request_elsewhere(&self, group: GroupId, who: DeviceId) -> Result<Elsewhere, SyncError> {
        self.requests_elsewhere(group)
            .into_iter()
            .find(|e| e.request.device == who)
            .ok_or(SyncError::NotPermitted(SyncProblem::NoSuchRequest))
    }

    fn forget_elsewhere(&self, group: GroupId, who: DeviceId) {
        if let Ok(mut all) = self.elsewhere.lock()
            && let Some(list) = all.get_mut(&group)
        {
            list.retain(|e| e.request.device != who);
        }
    }
}

impl super::Node {
    /// Whether `who`'s request to join `group` waits on this device.
    fn waits_here(&self, group: GroupId, who: DeviceId) -> Result<bool, SyncError> {
        self.local(|n| {
            n.pending_requests(&group)
                .iter()
                .any(|r| r.device == who.to_hex())
        })
    }

    /// Approves a request to join `group` (admins), waiting here or on another admin's
    /// device: adds the person as a member, and pushes the news (the holding device learns
    /// it so, and the person gets the group from it).
    pub fn approve_request(&self, group: GroupId, who: DeviceId) -> Result<(), SyncError> {
        let here = self.waits_here(group, who)?;
        if here {
            self.local(|n| n.approve_request(&group, who))??;
        } else {
            let e = self.shared.request_elsewhere(group, who)?;
            self.local(|n| {
                n.act(&group, |g, now| {
                    g.add_member(now, who, &e.request.name, Role::Member)
                })
            })??;
            self.shared.forget_elsewhere(group, who);
        }
        self.shared.notify(group);
        self.shared.push(group);
        Ok(())
    }

    /// Declines a request to join `group` (admins): forgotten here, or on the admin's device
    /// it waits on (which must be reachable now).
    pub async fn decline_request(&self, group: GroupId, who: DeviceId) -> Result<(), SyncError> {
        let here = self.waits_here(group, who)?;
        if here {
            return self.local(|n| n.decline_request(&group, who))?;
        }
        self.local(|n| n.require_admin(&group))??;
        let e = self.shared.request_elsewhere(group, who)?;
        let addr = self.local(|n| n.address_of(e.holder))?;
        let dial = self.shared.dial_addr(&addr)?;
        let answer = requests::ask(
            &self.shared.endpoint,
            dial,
            &group,
            Ask::Decline(who),
            ASK_WITHIN,
        )
        .await?;
        match answer {
            Answer::Done(_) | Answer::NoSuchRequest => {
                self.shared.forget_elsewhere(group, who);
                self.local(|n| n.touch(&group))?;
                Ok(())
            }
            _ => Err(SyncError::NotPermitted(SyncProblem::NoSuchRequest)),
        }
    }

    /// Asks the other admins' devices of `group` for the requests to join waiting there now.
    pub async fn fetch_requests(&self, group: GroupId) {
        self.shared.fetch_requests(group).await;
    }
}
