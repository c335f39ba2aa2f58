//! The command line's requests, executed on a node, and the control socket through which a
//! running node (`causeway node` or the app) takes them from other processes on the same data
//! folder. The socket is `<data dir>/control.sock`, mode 0600 (only the folder's owner can use
//! it); each connection carries one JSON request line and gets one JSON answer line.

use std::path::{Path, PathBuf};
use std::time::Duration;

use causeway_core::{
    DeviceId, GroupId, ItemId, ItemKind, NewGroup, Profile, Role, Timestamp, Visibility,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tracing::{info, warn};

use crate::error::SyncError;
use crate::local::{LocalNode, new_item_id, now};
use crate::node::{Network, Node};

/// File name of the control socket inside the data folder.
pub const SOCKET: &str = "control.sock";
const MAX_REQUEST: usize = 64 * 1024;

/// One command-line request.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "cmd", rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum Request {
    Id,
    SetName {
        name: String,
    },
    SetProfile {
        name: String,
        bio: String,
        languages: Vec<String>,
    },
    SetNetwork {
        settings: crate::node::NetworkSettings,
    },
    GroupCreate {
        name: String,
        mission: String,
        causes: Vec<String>,
        visibility: String,
        #[serde(default)]
        region: String,
        #[serde(default)]
        languages: Vec<String>,
    },
    GroupEdit {
        group: String,
        name: String,
        mission: String,
        region: String,
        visibility: String,
        causes: Vec<String>,
        languages: Vec<String>,
    },
    GroupList,
    InviteCreate {
        group: String,
        uses: Option<u32>,
        expires_in_secs: Option<u64>,
    },
    InviteRevoke {
        group: String,
        ticket: String,
    },
    InviteWithdraw {
        group: String,
        secret: String,
    },
    Approve {
        group: String,
        member: String,
    },
    Decline {
        group: String,
        member: String,
    },
    Join {
        ticket: String,
    },
    Post {
        group: String,
        text: String,
        title: String,
        #[serde(default)]
        lang: String,
    },
    EditPost {
        group: String,
        post: String,
        title: String,
        text: String,
    },
    Delete {
        group: String,
        item: String,
        comment: bool,
    },
    Comment {
        group: String,
        post: String,
        reply_to: Option<String>,
        text: String,
    },
    React {
        group: String,
        item: String,
        reaction: Option<String>,
    },
    Feed {
        group: String,
    },
    Members {
        group: String,
    },
    MemberRemove {
        group: String,
        member: String,
        reason: String,
    },
    MemberRole {
        group: String,
        member: String,
        role: String,
    },
    Sync {
        group: Option<String>,
        timeout_secs: u64,
    },
    Export {
        group: String,
        dir: PathBuf,
    },
    Status,
}

impl Request {
    /// Whether the request needs a network connection (and so a running endpoint).
    pub fn needs_network(&self) -> bool {
        matches!(
            self,
            Request::InviteCreate { .. } | Request::Join { .. } | Request::Sync { .. }
        )
    }
}

/// The answer: `output` on success, a sentence in `error` otherwise. Before it, a long
/// request may send lines that carry only `progress` (what it has done so far).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Response {
    /// Data for the command line to print.
    #[serde(default)]
    pub output: Value,
    /// What went wrong, as a sentence for a person.
    #[serde(default)]
    pub error: Option<String>,
    /// Set on the lines before the answer: what the request has done so far.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub progress: Option<Value>,
}

impl Response {
    fn progress(v: Value) -> Response {
        Response {
            output: Value::Null,
            error: None,
            progress: Some(v),
        }
    }
}

fn group_id(s: &str, node: &Node) -> Result<GroupId, SyncError> {
    if let Ok(id) = GroupId::from_hex(s) {
        return Ok(id);
    }
    // Also accept a unique prefix or an exact group name.
    let matches: Vec<GroupId> = node.local(|n| {
        n.groups()
            .filter(|g| g.id().to_hex().starts_with(s) || g.info().is_some_and(|i| i.name == s))
            .map(|g| g.id())
            .collect()
    })?;
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(SyncError::NotPermitted(format!(
            "no group here matches {s:?}; `causeway group list` shows them"
        ))),
        _ => Err(SyncError::NotPermitted(format!(
            "several groups match {s:?}; use the full group id"
        ))),
    }
}

fn visibility_of(s: &str) -> Result<Visibility, SyncError> {
    Visibility::parse(s)
        .ok_or_else(|| SyncError::NotPermitted("visibility is open, request or invite".into()))
}

fn device(s: &str) -> Result<DeviceId, SyncError> {
    DeviceId::from_hex(s).map_err(|_| {
        SyncError::NotPermitted(format!(
            "{s:?} is not a device id (64 hex characters, as `causeway members` shows)"
        ))
    })
}

/// Runs one request on a node.
pub async fn execute(node: &Node, req: Request) -> Result<Value, SyncError> {
    execute_with(node, req, |_| {}).await
}

/// Executes a request; `progress` hears what a long request has done so far (for `sync`:
/// each member's outcome as it ends, as [`member_outcome`] words it).
pub async fn execute_with(
    node: &Node,
    req: Request,
    mut progress: impl FnMut(Value) + Send,
) -> Result<Value, SyncError> {
    Ok(match req {
        Request::Id => {
            let name = node.local(|n| n.profile().display_name.clone())?;
            json!({ "device_id": node.device_id().to_hex(), "display_name": name, "addresses": node.address().direct.iter().map(ToString::to_string).collect::<Vec<_>>() })
        }
        Request::SetName { name } => {
            node.local(|n| {
                let mut p: Profile = n.profile().clone();
                p.display_name = name.trim().to_string();
                n.set_profile(p)
            })??;
            json!({ "display_name": name.trim() })
        }
        Request::SetProfile {
            name,
            bio,
            languages,
        } => {
            node.local(|n| {
                n.set_profile(Profile {
                    display_name: name.trim().to_string(),
                    bio: bio.trim().to_string(),
                    languages,
                })
            })??;
            json!({ "display_name": name.trim() })
        }
        Request::SetNetwork { settings } => {
            node.local(|n| n.set_network_settings(&settings))??;
            json!({ "saved": true })
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
                visibility: visibility_of(&visibility)?,
            };
            let id = node.local(|n| n.create_group(&new))??;
            json!({ "group_id": id.to_hex() })
        }
        Request::GroupList => {
            let groups: Vec<Value> = node.local(|n| {
                n.groups()
                    .map(|g| {
                        let info = g.info();
                        json!({
                            "group_id": g.id().to_hex(),
                            "name": info.as_ref().map(|i| i.name.clone()).unwrap_or_else(|| "(waiting for its history)".into()),
                            "members": g.members().iter().filter(|m| m.role.is_some()).count(),
                            "my_role": g.my_role().map(|r| r.as_str()),
                        })
                    })
                    .collect()
            })?;
            json!(groups)
        }
        Request::InviteCreate {
            group,
            uses,
            expires_in_secs,
        } => {
            let id = group_id(&group, node)?;
            let expires =
                expires_in_secs.map(|s| Timestamp(now().0 + (s as i64).saturating_mul(1000)));
            json!({ "ticket": node.create_invite(id, uses, expires)? })
        }
        Request::GroupEdit {
            group,
            name,
            mission,
            region,
            visibility,
            causes,
            languages,
        } => {
            let id = group_id(&group, node)?;
            let visibility = visibility_of(&visibility)?;
            let info = node
                .local(|n| n.group(&id).and_then(|g| g.info()))?
                .ok_or(SyncError::UnknownGroup(id))?;
            let diff = |old: &[String], new: &[String]| {
                let add: Vec<String> = new.iter().filter(|c| !old.contains(c)).cloned().collect();
                let remove: Vec<String> =
                    old.iter().filter(|c| !new.contains(c)).cloned().collect();
                (add, remove)
            };
            let (add_causes, remove_causes) = diff(&info.causes, &causes);
            let (add_languages, remove_languages) = diff(&info.languages, &languages);
            let changed = |old: &str, new: String| (old != new).then_some(new);
            let edit = causeway_core::MetaEdit {
                name: changed(&info.name, name),
                mission: changed(&info.mission, mission),
                region: changed(&info.region, region),
                visibility: (info.visibility != visibility).then_some(visibility),
                add_causes,
                remove_causes,
                add_languages,
                remove_languages,
            };
            node.act(id, |g, now| g.edit_meta(now, &edit))?;
            json!({ "group_id": id.to_hex() })
        }
        Request::InviteWithdraw { group, secret } => {
            let id = group_id(&group, node)?;
            let secret: [u8; 16] = hex::decode(&secret)
                .ok()
                .and_then(|b| b.try_into().ok())
                .ok_or_else(|| SyncError::NotPermitted("that invite is not known here".into()))?;
            json!({ "revoked": node.local(|n| n.revoke_invite(&id, &secret))?? })
        }
        Request::Approve { group, member } => {
            let (id, who) = (group_id(&group, node)?, device(&member)?);
            node.approve_request(id, who)?;
            json!({ "approved": who.to_hex() })
        }
        Request::Decline { group, member } => {
            let (id, who) = (group_id(&group, node)?, device(&member)?);
            node.local(|n| n.decline_request(&id, who))??;
            json!({ "declined": who.to_hex() })
        }
        Request::InviteRevoke { group, ticket } => {
            let id = group_id(&group, node)?;
            let t = crate::invites::Ticket::parse(&ticket)?;
            if t.group != id {
                return Err(SyncError::NotPermitted(
                    "that invite is for another group".into(),
                ));
            }
            json!({ "revoked": node.revoke_invite(&ticket)? })
        }
        Request::Join { ticket } => {
            let (id, outcome) = node.join(&ticket).await?;
            match outcome {
                Some(o) => {
                    json!({ "group_id": id.to_hex(), "status": "joined", "received": o.received })
                }
                None => {
                    json!({ "group_id": id.to_hex(), "status": "waiting for an admin to approve" })
                }
            }
        }
        Request::Post {
            group,
            text,
            title,
            lang,
        } => {
            let id = group_id(&group, node)?;
            let item = new_item_id()?;
            node.act(id, |g, now| g.post(now, item, &title, &text, &lang))?;
            json!({ "post_id": item.to_hex() })
        }
        Request::EditPost {
            group,
            post,
            title,
            text,
        } => {
            let (id, item) = (group_id(&group, node)?, ItemId::from_hex(&post)?);
            node.act(id, |g, now| g.edit_post(now, item, &title, &text))?;
            json!({ "post_id": item.to_hex() })
        }
        Request::Delete {
            group,
            item,
            comment,
        } => {
            let (id, item) = (group_id(&group, node)?, ItemId::from_hex(&item)?);
            let kind = if comment {
                ItemKind::Comment
            } else {
                ItemKind::Post
            };
            node.act(id, |g, now| g.delete_item(now, kind, item))?;
            json!({ "deleted": item.to_hex() })
        }
        Request::Comment {
            group,
            post,
            reply_to,
            text,
        } => {
            let (id, post) = (group_id(&group, node)?, ItemId::from_hex(&post)?);
            let reply_to = reply_to.as_deref().map(ItemId::from_hex).transpose()?;
            let item = new_item_id()?;
            node.act(id, |g, now| g.comment(now, item, post, reply_to, &text))?;
            json!({ "comment_id": item.to_hex() })
        }
        Request::React {
            group,
            item,
            reaction,
        } => {
            let (id, item) = (group_id(&group, node)?, ItemId::from_hex(&item)?);
            node.act(id, |g, now| g.react(now, item, reaction.as_deref()))?;
            json!({ "item": item.to_hex() })
        }
        Request::Feed { group } => {
            let id = group_id(&group, node)?;
            node.local(|n| {
                let g = n.group(&id).ok_or(SyncError::UnknownGroup(id))?;
                let members = g.members();
                let name = |d: DeviceId| members.iter().find(|m| m.id == d).map(|m| m.name.clone()).unwrap_or_default();
                Ok::<_, SyncError>(json!(g.posts().into_iter().filter(|p| !p.deleted && p.hidden.is_none()).map(|p| json!({
                    "post_id": p.id.to_hex(), "author": name(p.author), "author_id": p.author.to_hex(),
                    "created": p.created.0, "title": p.title, "text": p.body,
                })).collect::<Vec<_>>()))
            })??
        }
        Request::Members { group } => {
            let id = group_id(&group, node)?;
            node.local(|n| {
                let g = n.group(&id).ok_or(SyncError::UnknownGroup(id))?;
                let mut list: Vec<Value> = g.members().into_iter().map(|m| json!({
                    "device_id": m.id.to_hex(), "name": m.name, "role": m.role.map(|r| r.as_str()).unwrap_or("removed"),
                })).collect();
                list.extend(n.pending_requests(&id).into_iter().map(|r| json!({
                    "device_id": r.device, "name": r.name, "role": "asking to join",
                })));
                Ok::<_, SyncError>(json!(list))
            })??
        }
        Request::MemberRemove {
            group,
            member,
            reason,
        } => {
            let (id, who) = (group_id(&group, node)?, device(&member)?);
            node.act(id, |g, now| g.remove_member(now, who, &reason))?;
            json!({ "removed": who.to_hex() })
        }
        Request::MemberRole {
            group,
            member,
            role,
        } => {
            let (id, who) = (group_id(&group, node)?, device(&member)?);
            let role = match Role::parse(&role) {
                Some(r) if r != Role::Owner => r,
                _ => {
                    return Err(SyncError::NotPermitted(
                        "role is member, moderator or admin".into(),
                    ));
                }
            };
            node.act(id, |g, now| g.set_role(now, who, role))?;
            json!({ "member": who.to_hex(), "role": role.as_str() })
        }
        Request::Sync {
            group,
            timeout_secs,
        } => {
            let group = group.map(|g| group_id(&g, node)).transpose()?;
            let within = Duration::from_secs(timeout_secs.max(1));
            let mut members = Vec::new();
            node.sync_round(group, within, |m| {
                let v = member_outcome(node, m);
                progress(v.clone());
                members.push(v);
            })
            .await?;
            let synced = members
                .iter()
                .filter(|m| m["synced"].as_bool() == Some(true))
                .count();
            json!({ "members": members, "synced": synced })
        }
        Request::Status => {
            let (groups, name) =
                node.local(|n| (n.groups().count(), n.profile().display_name.clone()))?;
            let [members, strangers, joining] = node.connections();
            json!({
                "running": true,
                "device_id": node.device_id().to_hex(),
                "display_name": name,
                "groups": groups,
                "connections": { "members": members, "strangers": strangers, "joining": joining },
                "refused": node.refusals(),
            })
        }
        Request::Export { group, dir } => {
            let id = group_id(&group, node)?;
            let (json_doc, bytes) = node.local(|n| {
                let g = n.group(&id).ok_or(SyncError::UnknownGroup(id))?;
                let info = g.info();
                let doc = json!({
                    "group_id": id.to_hex(),
                    "name": info.as_ref().map(|i| i.name.clone()),
                    "mission": info.as_ref().map(|i| i.mission.clone()),
                    "members": g.members().into_iter().map(|m| json!({"device_id": m.id.to_hex(), "name": m.name, "role": m.role.map(|r| r.as_str())})).collect::<Vec<_>>(),
                    "posts": g.posts().into_iter().map(|p| json!({"post_id": p.id.to_hex(), "author_id": p.author.to_hex(), "created": p.created.0, "title": p.title, "text": p.body, "deleted": p.deleted, "hidden": p.hidden.is_some()})).collect::<Vec<_>>(),
                    "comments": g.comments().into_iter().map(|c| json!({"comment_id": c.id.to_hex(), "post_id": c.post.to_hex(), "author_id": c.author.to_hex(), "created": c.created.0, "text": c.body})).collect::<Vec<_>>(),
                });
                Ok::<_, SyncError>((doc, g.save()))
            })??;
            std::fs::create_dir_all(&dir).map_err(|e| {
                SyncError::NotPermitted(format!(
                    "the folder {} could not be created: {e}",
                    dir.display()
                ))
            })?;
            let base = dir.join(id.fmt_short());
            let json_path = base.with_extension("json");
            let am_path = base.with_extension("automerge");
            let pretty = serde_json::to_vec_pretty(&json_doc)
                .map_err(|e| SyncError::Internal(e.to_string()))?;
            std::fs::write(&json_path, pretty).map_err(|e| {
                SyncError::NotPermitted(format!(
                    "{} could not be written: {e}",
                    json_path.display()
                ))
            })?;
            std::fs::write(&am_path, bytes).map_err(|e| {
                SyncError::NotPermitted(format!("{} could not be written: {e}", am_path.display()))
            })?;
            json!({ "json": json_path, "automerge": am_path })
        }
    })
}

/// One member's outcome in a sync round, as data: `member`, `name`, `synced` (the member's
/// device answered and at least one group was exchanged or found the same), `error` when
/// it was not reached, `up_to_date` (groups found the same), and per group exchanged
/// `group_id`, `group`, `received`, `sent`, `rejected` or `error`.
pub fn member_outcome(node: &Node, m: &crate::node::MemberRound) -> Value {
    let name_of = |g: &GroupId| {
        node.local(|n| n.group(g).and_then(|g| g.info()).map(|i| i.name))
            .ok()
            .flatten()
            .unwrap_or_default()
    };
    match &m.result {
        Err(e) => json!({
            "member": m.member.to_hex(),
            "name": m.name,
            "synced": false,
            "error": e.to_string(),
        }),
        Ok(round) => {
            let groups: Vec<Value> = round
                .sessions
                .iter()
                .map(|(g, r)| match r {
                    Ok(o) => json!({ "group_id": g.to_hex(), "group": name_of(g), "received": o.received, "sent": o.sent, "rejected": o.rejected }),
                    Err(e) => json!({ "group_id": g.to_hex(), "group": name_of(g), "error": e.to_string() }),
                })
                .collect();
            let synced = round.same > 0 || round.sessions.iter().any(|(_, r)| r.is_ok());
            json!({
                "member": m.member.to_hex(),
                "name": m.name,
                "synced": synced,
                "up_to_date": round.same,
                "groups": groups,
            })
        }
    }
}

/// Serves the control socket of a running node until the node stops. Unix only.
#[cfg(unix)]
pub fn serve(node: Node, data_dir: &Path) -> Result<(), SyncError> {
    use std::os::unix::fs::PermissionsExt;
    let path = data_dir.join(SOCKET);
    // We hold the data folder's lock, so a socket file left here is stale.
    let _ = std::fs::remove_file(&path);
    let listener = tokio::net::UnixListener::bind(&path)
        .map_err(|e| SyncError::Internal(format!("the control socket could not be opened: {e}")))?;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| SyncError::Internal(e.to_string()))?;
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                break;
            };
            let node = node.clone();
            tokio::spawn(async move {
                let (read, mut write) = stream.into_split();
                let mut line = String::new();
                let mut reader = BufReader::new(read.take(MAX_REQUEST as u64));
                let request = match tokio::time::timeout(
                    Duration::from_secs(10),
                    reader.read_line(&mut line),
                )
                .await
                {
                    Ok(Ok(_)) => serde_json::from_str::<Request>(&line),
                    _ => return,
                };
                let response = match request {
                    Ok(req) => {
                        info!(?req, "control request");
                        // What a long request has done so far goes out as it happens, one
                        // `progress` line each, before the answer.
                        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Value>();
                        let run = execute_with(&node, req, move |v| {
                            let _ = tx.send(v);
                        });
                        tokio::pin!(run);
                        let result = loop {
                            tokio::select! {
                                result = &mut run => break result,
                                Some(v) = rx.recv() => {
                                    if write_line(&mut write, &Response::progress(v)).await.is_err() {
                                        return;
                                    }
                                }
                            }
                        };
                        while let Ok(v) = rx.try_recv() {
                            if write_line(&mut write, &Response::progress(v))
                                .await
                                .is_err()
                            {
                                return;
                            }
                        }
                        match result {
                            Ok(output) => Response {
                                output,
                                error: None,
                                progress: None,
                            },
                            Err(e) => Response {
                                output: Value::Null,
                                error: Some(e.to_string()),
                                progress: None,
                            },
                        }
                    }
                    Err(e) => Response {
                        output: Value::Null,
                        error: Some(format!("the request was not understood: {e}")),
                        progress: None,
                    },
                };
                if let Err(e) = write_line(&mut write, &response).await {
                    warn!(error = %e, "control answer lost");
                }
            });
        }
    });
    Ok(())
}

#[cfg(unix)]
async fn write_line(
    write: &mut tokio::net::unix::OwnedWriteHalf,
    response: &Response,
) -> std::io::Result<()> {
    let mut bytes = serde_json::to_vec(response).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    write.write_all(&bytes).await
}

/// Sends a request to the node running on `data_dir`. Unix only.
#[cfg(unix)]
pub fn call(data_dir: &Path, req: &Request) -> Result<Response, SyncError> {
    call_with(data_dir, req, |_| {})
}

/// Sends a request to the node running on `data_dir`; `progress` hears the progress lines
/// that come before the answer. Unix only.
#[cfg(unix)]
pub fn call_with(
    data_dir: &Path,
    req: &Request,
    mut progress: impl FnMut(Value),
) -> Result<Response, SyncError> {
    use std::io::{BufRead, Read, Write};
    let path = data_dir.join(SOCKET);
    let mut stream = std::os::unix::net::UnixStream::connect(&path).map_err(|e| {
        SyncError::NotPermitted(format!("another Causeway process uses this data folder but does not answer ({e}); close it and try again"))
    })?;
    // Joining and syncing wait on other devices; allow them their time.
    stream
        .set_read_timeout(Some(Duration::from_secs(600)))
        .map_err(|e| SyncError::Internal(e.to_string()))?;
    let mut line = serde_json::to_vec(req).map_err(|e| SyncError::Internal(e.to_string()))?;
    line.push(b'\n');
    stream
        .write_all(&line)
        .map_err(|e| SyncError::Internal(e.to_string()))?;
    let mut reader = std::io::BufReader::new(stream.take(64 << 20));
    loop {
        let mut answer = String::new();
        reader
            .read_line(&mut answer)
            .map_err(|e| SyncError::Internal(e.to_string()))?;
        let response: Response = serde_json::from_str(&answer).map_err(|e| {
            SyncError::Internal(format!(
                "the running Causeway answered something unreadable: {e}"
            ))
        })?;
        match response.progress {
            Some(p) => progress(p),
            None => return Ok(response),
        }
    }
}

/// A node with its own async runtime, for callers that are not async (the command line, the
/// app). Dropping it stops the node as [`BlockingNode::shutdown`] does.
pub struct BlockingNode {
    runtime: tokio::runtime::Runtime,
    node: Node,
    answers: std::sync::Arc<std::sync::Mutex<Vec<Answer>>>,
    next_request: std::sync::atomic::AtomicU64,
    stopped: std::sync::atomic::AtomicBool,
}

/// The answer to a request run with [`BlockingNode::submit`].
#[derive(Clone, Debug)]
pub struct Answer {
    /// The number `submit` returned.
    pub request: u64,
    /// The output, or what went wrong.
    pub result: Result<Value, Failure>,
}

/// What went wrong with a submitted request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The kind of failure ([`SyncError::kind`]), for wording it in the person's language.
    pub kind: &'static str,
    /// The English sentence.
    pub message: String,
}

impl BlockingNode {
    /// Starts a node on an opened data folder, to serve other devices (see
    /// [`crate::node::Lifetime`]).
    pub fn start(local: LocalNode, network: Network) -> Result<BlockingNode, SyncError> {
        Self::start_for(local, network, crate::node::Lifetime::Serving)
    }

    /// Starts a node for one command.
    pub fn start_brief(local: LocalNode, network: Network) -> Result<BlockingNode, SyncError> {
        Self::start_for(local, network, crate::node::Lifetime::Brief)
    }

    fn start_for(
        local: LocalNode,
        network: Network,
        lifetime: crate::node::Lifetime,
    ) -> Result<BlockingNode, SyncError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .map_err(|e| {
                SyncError::Internal(format!("the background runtime could not start: {e}"))
            })?;
        let node = runtime.block_on(Node::start_for(local, network, lifetime))?;
        Ok(BlockingNode {
            runtime,
            node,
            answers: Default::default(),
            next_request: std::sync::atomic::AtomicU64::new(1),
            stopped: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// The node.
    pub fn node(&self) -> &Node {
        &self.node
    }

    /// Keeps groups in sync in the background (see [`Node::spawn_background_sync`]).
    pub fn spawn_background_sync(&self, every: Duration) {
        let _guard = self.runtime.enter();
        self.node.spawn_background_sync(every);
    }

    /// Runs a local action, stores it, and pushes it to members (see [`Node::act`]). Callable
    /// from any thread.
    pub fn act(
        &self,
        group: causeway_core::GroupId,
        action: impl FnOnce(
            &mut causeway_core::Group,
            causeway_core::Timestamp,
        ) -> Result<causeway_core::LocalChange, causeway_core::CoreError>,
    ) -> Result<causeway_core::LocalChange, SyncError> {
        let _guard = self.runtime.enter();
        self.node.act(group, action)
    }

    /// Calls `f` (from a background thread) whenever a group changed, e.g. to ask a window for
    /// a repaint.
    pub fn on_change(&self, f: impl Fn() + Send + 'static) {
        let mut events = self.node.subscribe();
        self.runtime.spawn(async move {
            loop {
                match events.recv().await {
                    Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => f(),
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
                }
            }
        });
    }

    /// Runs a request in the background and returns at once (the app's thread never waits for
    /// the network or for Automerge). The answer is kept for [`BlockingNode::take_answers`] and
    /// announced with a [`crate::NodeEvent::Answered`] event.
    pub fn submit(&self, req: Request) -> u64 {
        let request = self
            .next_request
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (node, answers) = (self.node.clone(), self.answers.clone());
        self.runtime.spawn(async move {
            let result = execute(&node, req).await.map_err(|e| Failure {
                kind: e.kind(),
                message: e.to_string(),
            });
            if let Ok(mut a) = answers.lock() {
                a.push(Answer { request, result });
            }
            node.answered(request);
        });
        request
    }

    /// The answers that arrived since the last call.
    pub fn take_answers(&self) -> Vec<Answer> {
        self.answers
            .lock()
            .map(|mut a| std::mem::take(&mut *a))
            .unwrap_or_default()
    }

    /// Runs a command-line request to completion.
    pub fn execute(&self, req: Request) -> Result<Value, SyncError> {
        self.runtime.block_on(execute(&self.node, req))
    }

    /// Runs a command-line request to completion; `progress` hears what it has done so far
    /// (see [`execute_with`]).
    pub fn execute_with(
        &self,
        req: Request,
        progress: impl FnMut(Value) + Send,
    ) -> Result<Value, SyncError> {
        self.runtime
            .block_on(execute_with(&self.node, req, progress))
    }

    /// Calls `f` with the node every `period`, on the node's runtime, while it runs.
    pub fn every(&self, period: Duration, mut f: impl FnMut(&Node) + Send + 'static) {
        let node = self.node.clone();
        self.runtime.spawn(async move {
            let mut tick = tokio::time::interval(period);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            tick.tick().await;
            loop {
                tick.tick().await;
                f(&node);
            }
        });
    }

    /// Serves the control socket for other processes on the same data folder.
    #[cfg(unix)]
    pub fn serve_control(&self, data_dir: &Path) -> Result<(), SyncError> {
        let _guard = self.runtime.enter();
        serve(self.node.clone(), data_dir)
    }

    /// Blocks until SIGINT or SIGTERM, then stops the node cleanly. `ready` runs once the
    /// signals are caught (so a caller that says "started" there can be stopped at once).
    pub fn run_until_signal(&self, ready: impl FnOnce()) -> Result<(), SyncError> {
        self.runtime.block_on(async {
            #[cfg(unix)]
            {
                use tokio::signal::unix::{SignalKind, signal};
                let mut term = signal(SignalKind::terminate())
                    .map_err(|e| SyncError::Internal(e.to_string()))?;
                let mut int = signal(SignalKind::interrupt())
                    .map_err(|e| SyncError::Internal(e.to_string()))?;
                ready();
                tokio::select! {
                    _ = int.recv() => {}
                    _ = term.recv() => {}
                }
            }
            #[cfg(not(unix))]
            {
                let stop = tokio::signal::ctrl_c();
                ready();
                let _ = stop.await;
            }
            info!("stopping");
            self.node.shutdown().await;
            Ok(())
        })
    }

    /// Stops the node ([`Node::shutdown`]: group stores are compacted for the next start).
    /// Only the first call does anything.
    pub fn shutdown(&self) {
        if !self.stopped.swap(true, std::sync::atomic::Ordering::AcqRel) {
            self.runtime.block_on(self.node.shutdown());
        }
    }
}

impl Drop for BlockingNode {
    /// Stops the node, so that closing the window leaves every group compacted. Inside an
    /// async runtime, where blocking is not allowed, the node is only dropped.
    fn drop(&mut self) {
        if tokio::runtime::Handle::try_current().is_err() {
            self.shutdown();
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::local::tests::{named, new_group};
    use crate::store::DataDir;

    #[test]
    fn dropping_a_blocking_node_folds_the_logs_into_snapshots() {
        let tmp = tempfile::tempdir().unwrap();
        let mut local = named(tmp.path());
        let id = local.create_group(&new_group()).unwrap();
        let node = BlockingNode::start(local, Network::Loopback).unwrap();
        // As when the window closes.
        drop(node);
        let dir = DataDir::open(tmp.path()).unwrap();
        let (_, loaded) = dir.open_group(*id.as_bytes()).unwrap();
        assert!(loaded.records.is_empty());
        assert!(!loaded.snapshot.unwrap().index.is_empty());
    }
}
