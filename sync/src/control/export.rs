//! `Export`: a group written as JSON (everything a member sees: the description, members with
//! their removals, posts and comments with languages, replies, edits, deletions, hidings and
//! reactions) and as the `.automerge` file other Automerge tools open.
use std::path::Path;

use causeway_core::view::Hidden;
use causeway_core::{DeviceId, Group, GroupId};
use serde_json::{Value, json};

use super::Exported;
use crate::error::{SyncError, SyncProblem};
use crate::node::Node;

/// Writes `<dir>/<short id>.json` and `<dir>/<short id>.automerge`.
pub(super) fn write(node: &Node, group: GroupId, dir: &Path) -> Result<Exported, SyncError> {
    let (doc, bytes) = node.local(|n| {
        let g = n.group(&group).ok_or(SyncError::UnknownGroup(group))?;
        Ok::<_, SyncError>((as_json(g), g.save()))
    })??;
    let base = dir.join(group.fmt_short());
    let json_path = base.with_extension("json");
    let am_path = base.with_extension("automerge");
    let pretty = serde_json::to_vec_pretty(&doc).map_err(|e| SyncError::Internal(e.to_string()))?;
    write_files(dir, &[(&json_path, &pretty), (&am_path, &bytes)])?;
    Ok(Exported {
        json: json_path,
        automerge: am_path,
    })
}

/// Writes export files into `dir` (created if missing), each failure a sentence that names
/// the folder or the file.
pub(super) fn write_files(dir: &Path, files: &[(&Path, &[u8])]) -> Result<(), SyncError> {
    std::fs::create_dir_all(dir).map_err(|e| {
        SyncError::NotPermitted(SyncProblem::ExportFolder {
            path: dir.display().to_string(),
            detail: e.to_string(),
        })
    })?;
    for (path, bytes) in files {
        std::fs::write(path, bytes).map_err(|e| {
            SyncError::NotPermitted(SyncProblem::ExportWrite {
                path: path.display().to_string(),
                detail: e.to_string(),
            })
        })?;
    }
    Ok(())
}

fn hidden(h: &Option<Hidden>) -> Value {
    match h {
        Some(h) => json!({ "by": h.by.map(|d| d.to_hex()), "reason": h.reason }),
        None => Value::Null,
    }
}

/// The group as a member sees it, in JSON.
pub(crate) fn as_json(g: &Group) -> Value {
    let hex = |d: DeviceId| d.to_hex();
    let info = g.info();
    let reactions = g.all_reactions();
    let reactions_of = |id| {
        reactions
            .get(&id)
            .into_iter()
            .flatten()
            .map(|(who, r)| json!({ "by": hex(*who), "reaction": r }))
            .collect::<Vec<_>>()
    };
    json!({
        "group_id": g.id().to_hex(),
        "name": info.as_ref().map(|i| i.name.clone()),
        "mission": info.as_ref().map(|i| i.mission.clone()),
        "region": info.as_ref().map(|i| i.region.clone()),
        "visibility": info.as_ref().map(|i| i.visibility.as_str()),
        "causes": info.as_ref().map(|i| i.causes.clone()),
        "languages": info.as_ref().map(|i| i.languages.clone()),
        "created": info.as_ref().map(|i| i.created_at.0),
        "owner": info.as_ref().map(|i| hex(i.owner)),
        "members": g.members().into_iter().map(|m| json!({
            "device_id": hex(m.id),
            "name": m.name,
            "role": m.role.map(|r| r.as_str()),
            "added_by": m.added_by.map(hex),
            "added_at": m.added_at.0,
            "removed": m.removed.map(|r| json!({ "by": hex(r.by), "at": r.at.0, "reason": r.reason })),
        })).collect::<Vec<_>>(),
        "posts": g.posts().into_iter().map(|p| json!({
            "post_id": p.id.to_hex(),
            "author_id": hex(p.author),
            "created": p.created.0,
            "edited": p.edited_at.map(|t| t.0),
            "title": p.title,
            "text": p.body,
            "lang": p.lang,
            "deleted": p.deleted,
            "hidden": hidden(&p.hidden),
            "reactions": reactions_of(p.id),
        })).collect::<Vec<_>>(),
        "comments": g.comments().into_iter().map(|c| json!({
            "comment_id": c.id.to_hex(),
            "post_id": c.post.to_hex(),
            "reply_to": c.reply_to.map(|r| r.to_hex()),
            "author_id": hex(c.author),
            "created": c.created.0,
            "edited": c.edited_at.map(|t| t.0),
            "text": c.body,
            "deleted": c.deleted,
            "hidden": hidden(&c.hidden),
            "reactions": reactions_of(c.id),
        })).collect::<Vec<_>>(),
    })
}
