//! Carrying out a [`Request`] on a node.
use std::time::Duration;

use causeway_core::{DeviceId, GroupId, ItemKind, MetaEdit, NewGroup, Profile, Role, Timestamp};

use super::{
    Connections, DeviceInfo, FeedComment, FeedPost, GroupLine, GroupOutcome, GroupRef, InviteText,
    ItemRef, Joined, MemberChange, MemberLine, MemberOutcome, Output, ProfileInfo, Request,
    RoundReport, Standing, StatusReport, Withdrawn,
};
use crate::error::{SyncError, SyncProblem};
use crate::local::{new_item_id, now};
use crate::node::{MemberRound, Node};

/// Runs one request on a node.
pub async fn execute(node: &Node, req: Request) -> Result<Output, SyncError> {
    execute_with(node, req, |_| {}).await
}

/// Runs one request on a node; `progress` hears what a long request has done so far (for
/// `Sync`: each member's outcome as it ends).
pub async fn execute_with(
    node: &Node,
    req: Request,
    mut progress: impl FnMut(MemberOutcome) + Send,
) -> Result<Output, SyncError> {
    let item = |group_id, item_id| Output::Item(ItemRef { group_id, item_id });
    let member = |member, standing| Output::Member(MemberChange { member, standing });
    Ok(match req {
        Request::Id => {
            let name = node.local(|n| n.profile().display_name.clone())?;
            Output::Device(DeviceInfo {
                device_id: node.device_id(),
                display_name: name,
                addresses: node
                    .address()
                    .direct
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
            })
        }
        Request::SetName { name } => profile(node, |p| p.display_name = name.trim().into())?,
        Request::SetBio { bio } => profile(node, |p| p.bio = bio.trim().into())?,
        Request::SetLanguages { languages } => profile(node, |p| p.languages = languages)?,
        Request::SetProfile {
            name,
            bio,
            languages,
        } => profile(node, |p| {
            p.display_name = name.trim().into();
            p.bio = bio.trim().into();
            p.languages = languages;
        })?,
        Request::SetNetwork { settings } => {
            node.local(|n| n.set_network_settings(&settings))??;
            Output::Saved
        }
        Request::GroupCreate {
            name,
            mission,
            causes,
            visibility,
            region,
            languages,
        } => {
            let new = NewGroup {
                name,
                mission,
                causes,
                region,
                languages,
                visibility,
            };
            let group_id = node.local(|n| n.create_group(&new))??;
            // The owner's bio, if any, is written into the new group at once.
            node.follow_profile(Some(group_id));
            Output::Group(GroupRef { group_id })
        }
        Request::GroupEdit { group, edit } => {
            let info = node
                .local(|n| n.group(&group).and_then(|g| g.info()))?
                .ok_or(SyncError::UnknownGroup(group))?;
            let diff = |old: &[String], new: Option<Vec<String>>| {
                let new = new.unwrap_or_else(|| old.to_vec());
                let add: Vec<String> = new.iter().filter(|c| !old.contains(c)).cloned().collect();
                let remove: Vec<String> =
                    old.iter().filter(|c| !new.contains(c)).cloned().collect();
                (add, remove)
            };
            let (add_causes, remove_causes) = diff(&info.causes, edit.causes);
            let (add_languages, remove_languages) = diff(&info.languages, edit.languages);
            let changed = |old: &str, new: Option<String>| new.filter(|n| n != old);
            let meta = MetaEdit {
                name: changed(&info.name, edit.name),
                mission: changed(&info.mission, edit.mission),
                region: changed(&info.region, edit.region),
                visibility: edit.visibility.filter(|v| *v != info.visibility),
                add_causes,
                remove_causes,
                add_languages,
                remove_languages,
            };
            node.act(group, |g, now| g.edit_meta(now, &meta))?;
            Output::Group(GroupRef { group_id: group })
        }
        Request::GroupLeave {
            group,
            delete_local,
            anyway,
        } => {
            let left = node.leave(group, delete_local, anyway).await?;
            Output::Left(super::Left {
                group_id: group,
                left_now: left.left_now,
                told: left.told,
                members: left.members,
                deleted: left.deleted,
            })
        }
        Request::GroupTransfer { group, to } => {
            node.act_all(group, |g, now| {
                let mut made = g.open_log(now)?;
                made.push(g.hand_over(now, to)?);
                Ok(made)
            })?;
            member(to, Standing::Role(Role::Owner))
        }
        Request::GroupEraseMine { group } => {
            let items = node.local(|n| {
                n.group(&group)
                    .map(|g| g.mine_to_erase().len())
                    .ok_or(SyncError::UnknownGroup(group))
            })??;
            node.act_all(group, |g, now| g.erase_mine(now))?;
            Output::Erased { items }
        }
        Request::GroupList => Output::Groups(node.local(|n| {
            n.groups()
                .map(|g| GroupLine {
                    group_id: g.id(),
                    name: g.info().map(|i| i.name),
                    members: g.members().iter().filter(|m| m.role.is_some()).count(),
                    my_role: g.my_role(),
                })
                .collect()
        })?),
        Request::InviteCreate {
            group,
            uses,
            expires_in_secs,
        } => {
            let expires =
                expires_in_secs.map(|s| Timestamp(now().0 + (s as i64).saturating_mul(1000)));
            Output::Invite(InviteText {
                ticket: node.create_invite(group, uses, expires)?,
            })
        }
        Request::InviteText { group, secret } => Output::Invite(InviteText {
            ticket: node.invite_text(group, &secret)?,
        }),
        Request::InviteWithdraw { group, secret } => {
            let secret: [u8; 16] = hex::decode(&secret)
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or(SyncError::NotPermitted(SyncProblem::UnknownInvite))?;
            let revoked = node.withdraw_invite(group, &secret)?;
            Output::Withdrawn(Withdrawn { revoked })
        }
        Request::InviteRevoke { group, ticket } => {
            let t = crate::invites::Ticket::parse(&ticket)?;
            if t.group != group {
                return Err(SyncError::NotPermitted(SyncProblem::InviteForOtherGroup));
            }
            Output::Withdrawn(Withdrawn {
                revoked: node.revoke_invite(&ticket)?,
            })
        }
        Request::Approve { group, member: who } => {
            node.approve_request(group, who)?;
            let role = node.local(|n| n.group(&group).and_then(|g| g.role_of(who)))?;
            member(who, role.map_or(Standing::Removed, Standing::Role))
        }
        Request::Decline { group, member: who } => {
            node.decline_request(group, who).await?;
            member(who, Standing::Removed)
        }
        Request::Join { ticket } => {
            let (group_id, outcome) = node.join(&ticket).await?;
            Output::Joined(Joined {
                group_id,
                admitted: outcome.is_some(),
                received: outcome.map_or(0, |o| o.received),
            })
        }
        Request::Post {
            group,
            text,
            title,
            lang,
            attach,
        } if attach.is_empty() => {
            let id = new_item_id()?;
            node.act(group, |g, now| g.post(now, id, &title, &text, &lang))?;
            item(group, id)
        }
        Request::Post {
            group,
            text,
            title,
            lang,
            attach,
        } => item(
            group,
            super::files::post(node, group, &title, &text, &lang, &attach).await?,
        ),
        Request::Files { req } => super::files::execute(node, *req).await?,
        Request::Edit {
            group,
            kind,
            item: id,
            title,
            text,
        } => {
            match kind {
                ItemKind::Post => node.act(group, |g, now| g.edit_post(now, id, &title, &text))?,
                ItemKind::Comment => node.act(group, |g, now| g.edit_comment(now, id, &text))?,
            };
            item(group, id)
        }
        Request::Delete {
            group,
            kind,
            item: id,
        } => {
            node.act(group, |g, now| g.delete_item(now, kind, id))?;
            item(group, id)
        }
        Request::Restore {
            group,
            kind,
            item: id,
            title,
            text,
        } => {
            node.act(group, |g, now| g.restore_item(now, kind, id, &title, &text))?;
            item(group, id)
        }
        Request::Hide {
            group,
            kind,
            item: id,
            reason,
        } => {
            node.act_all(group, |g, now| {
                let mut made = g.open_log(now)?;
                made.push(g.hide(now, kind, id, &reason)?);
                Ok(made)
            })?;
            item(group, id)
        }
        Request::Pin { group, post } => {
            node.act_all(group, |g, now| g.pin(now, post))?;
            item(group, post)
        }
        Request::Unpin { group, post } => {
            node.act(group, |g, now| g.unpin(now, post))?;
            item(group, post)
        }
        Request::Unhide {
            group,
            kind,
            item: id,
            reason,
        } => {
            node.act_all(group, |g, now| {
                let mut made = g.open_log(now)?;
                made.push(g.unhide(now, kind, id, &reason)?);
                Ok(made)
            })?;
            item(group, id)
        }
        Request::Comment {
            group,
            post,
            reply_to,
            text,
        } => {
            let id = new_item_id()?;
            node.act(group, |g, now| g.comment(now, id, post, reply_to, &text))?;
            item(group, id)
        }
        Request::React {
            group,
            item: id,
            reaction,
        } => {
            node.act(group, |g, now| g.react(now, id, reaction.as_deref()))?;
            item(group, id)
        }
        Request::Feed { group } => Output::Feed(node.local(|n| {
            let g = n.group(&group).ok_or(SyncError::UnknownGroup(group))?;
            Ok::<_, SyncError>(feed(g, &n.blocks().unseen()))
        })??),
        Request::Members { group } => Output::Members(node.local(|n| {
            let g = n.group(&group).ok_or(SyncError::UnknownGroup(group))?;
            let mut list: Vec<MemberLine> = g
                .members()
                .into_iter()
                .map(|m| MemberLine {
                    device_id: m.id,
                    name: m.name,
                    role: m.role.map_or(Standing::Removed, Standing::Role),
                    bio: m.bio,
                })
                .collect();
            list.extend(n.pending_requests(&group).into_iter().filter_map(|r| {
                Some(MemberLine {
                    device_id: DeviceId::from_hex(&r.device).ok()?,
                    name: r.name,
                    role: Standing::AskingToJoin,
                    bio: String::new(),
                })
            }));
            Ok::<_, SyncError>(list)
        })??),
        Request::MemberRemove {
            group,
            member: who,
            reason,
        } => {
            node.remove_member(group, who, &reason)?;
            member(who, Standing::Removed)
        }
        Request::MemberRole {
            group,
            member: who,
            role,
        } => {
            if role == Role::Owner {
                return Err(SyncError::NotPermitted(SyncProblem::OwnerRoleNotGiven));
            }
            node.act_all(group, |g, now| {
                let mut made = g.open_log(now)?;
                made.push(g.set_role(now, who, role)?);
                Ok(made)
            })?;
            member(who, Standing::Role(role))
        }
        Request::Sync {
            group,
            timeout_secs,
        } => {
            let within = Duration::from_secs(timeout_secs.max(1));
            let mut members = Vec::new();
            node.sync_round(group, within, |m| {
                let o = member_outcome(node, m);
                progress(o.clone());
                members.push(o);
            })
            .await?;
            // Reports waiting for a moderator's device go with the round.
            node.deliver_waiting_reports().await;
            let synced = members.iter().filter(|m| m.synced).count();
            Output::Round(RoundReport { members, synced })
        }
        Request::Status => {
            let (groups, display_name) =
                node.local(|n| (n.groups().count(), n.profile().display_name.clone()))?;
            let [members, strangers, joining] = node.connections();
            Output::Status(StatusReport {
                running: true,
                device_id: Some(node.device_id()),
                display_name,
                groups,
                connections: Connections {
                    members,
                    strangers,
                    joining,
                },
                refused: node.refusals(),
            })
        }
        Request::Doc { group, req } => super::docs::execute(node, group, req)?,
        Request::Kit { group, req } => super::kit::execute(node, group, *req)?,
        Request::Moderation { group, req } => super::reports::execute(node, group, req).await?,
        Request::Agenda { days, past } => super::kit::agenda(node, days, past)?,
        Request::Export { group, dir } => {
            Output::Exported(super::export::write(node, group, &dir)?)
        }
        Request::BundleWrite {
            group,
            file,
            for_member,
        } => Output::BundleWritten(super::bundles::write(node, group, &file, for_member)?),
        Request::BundleRead { file } => Output::BundleRead(super::bundles::read(node, &file)?),
        Request::Blocks { req } => super::blocks::execute(node, req)?,
        Request::Log { group } => Output::Log(super::modlog::list(node, group)?),
        Request::LogExport { group, file } => {
            Output::LogExported(super::modlog::export(node, group, &file)?)
        }
    })
}

/// Changes the profile with `f` and answers it as it is now.
fn profile(node: &Node, f: impl FnOnce(&mut Profile)) -> Result<Output, SyncError> {
    let p = node.local(|n| {
        let mut p: Profile = n.profile().clone();
        f(&mut p);
        n.set_profile(p.clone()).map(|()| p)
    })??;
    node.follow_profile(None);
    Ok(Output::Profile(ProfileInfo {
        display_name: p.display_name,
        bio: p.bio,
        languages: p.languages,
    }))
}

/// A group's posts, pinned ones first (most recently pinned first), then the others newest
/// first, each with its comments (oldest first) and reactions counted by emoji: none
/// deleted, and hidden ones only for moderators and up.
/// The feed as this device shows it: without the posts, comments and reactions of people
/// blocked or muted here (`unseen`).
fn feed(g: &causeway_core::Group, unseen: &std::collections::BTreeSet<DeviceId>) -> Vec<FeedPost> {
    let pinned: Vec<causeway_core::ItemId> = g.pinned().into_iter().map(|p| p.post).collect();
    let moderator = g.my_role().is_some_and(|r| r >= Role::Moderator);
    let shown = |deleted: bool, hidden: &Option<causeway_core::view::Hidden>| {
        !deleted && (moderator || hidden.is_none())
    };
    let members = g.members();
    let name = |d: DeviceId| {
        members
            .iter()
            .find(|m| m.id == d)
            .map(|m| m.name.clone())
            .unwrap_or_default()
    };
    let reactions = g.all_reactions();
    let counted = |id| {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for (who, r) in reactions.get(&id).into_iter().flatten() {
            if unseen.contains(who) {
                continue;
            }
            match counts.iter_mut().find(|(e, _)| e == r) {
                Some((_, n)) => *n += 1,
                None => counts.push((r.clone(), 1)),
            }
        }
        counts
    };
    let mut comments: std::collections::HashMap<_, Vec<FeedComment>> = Default::default();
    let mut all = g.comments();
    all.sort_by_key(|c| (c.created, c.id));
    for c in all
        .into_iter()
        .filter(|c| shown(c.deleted, &c.hidden) && !unseen.contains(&c.author))
    {
        comments.entry(c.post).or_default().push(FeedComment {
            comment_id: c.id,
            reply_to: c.reply_to,
            author: name(c.author),
            author_id: c.author,
            created: c.created.0,
            text: c.body,
            hidden: c.hidden.map(|h| h.reason),
        });
    }
    let mut posts: Vec<FeedPost> = g
        .posts()
        .into_iter()
        .filter(|p| shown(p.deleted, &p.hidden) && !unseen.contains(&p.author))
        .map(|p| FeedPost {
            pinned: pinned.contains(&p.id),
            post_id: p.id,
            author: name(p.author),
            author_id: p.author,
            created: p.created.0,
            edited: p.edited_at.map(|t| t.0),
            reactions: counted(p.id),
            comments: comments.remove(&p.id).unwrap_or_default(),
            hidden: p.hidden.map(|h| h.reason),
            title: p.title,
            text: p.body,
            lang: p.lang,
        })
        .collect();
    // A stable sort keeps the newest-first order among the others.
    posts.sort_by_key(|p| {
        pinned
            .iter()
            .position(|id| *id == p.post_id)
            .unwrap_or(usize::MAX)
    });
    posts
}

/// One member's outcome in a sync round.
pub(crate) fn member_outcome(node: &Node, m: &MemberRound) -> MemberOutcome {
    let name_of = |g: &GroupId| {
        node.local(|n| n.group(g).and_then(|g| g.info()).map(|i| i.name))
            .ok()
            .flatten()
            .unwrap_or_default()
    };
    match &m.result {
        Err(e) => MemberOutcome {
            member: m.member,
            name: m.name.clone(),
            synced: false,
            error: Some(e.to_string()),
            refused: matches!(e, SyncError::Refused(_)),
            up_to_date: 0,
            groups: Vec::new(),
        },
        Ok(round) => MemberOutcome {
            member: m.member,
            name: m.name.clone(),
            synced: round.same > 0 || round.sessions.iter().any(|(_, r)| r.is_ok()),
            error: None,
            refused: false,
            up_to_date: round.same,
            groups: round
                .sessions
                .iter()
                .map(|(g, r)| {
                    let (received, sent, rejected, error) = match r {
                        Ok(o) => (o.received, o.sent, o.rejected, None),
                        Err(e) => (0, 0, 0, Some(e.to_string())),
                    };
                    GroupOutcome {
                        group_id: *g,
                        group: name_of(g),
                        received,
                        sent,
                        rejected,
                        error,
                    }
                })
                .collect(),
        },
    }
}
