//! Blocking and muting on the command line: `causeway block [DEVICE] [--reason ...]`
//! (without DEVICE: the lists), `unblock DEVICE`, `mute WHAT [--group GROUP]`, `unmute WHAT
//! [--group GROUP]`. A person is named by name or device id in any of the groups here (or on
//! the lists); WHAT is a group, a person, or a post (its group found by itself, or given).
use causeway_core::{DeviceId, ItemKind};
use causeway_sync::MuteTarget;
use causeway_sync::control::{BlockList, BlockRequest, Output, Request, mute_text};

use super::find::{Candidate, Finder, pick};

/// The lists as they are, for finding people on them.
fn lists(find: &Finder) -> anyhow::Result<BlockList> {
    let Output::Blocks(list) = find.ask(Request::Blocks {
        req: BlockRequest::List,
    })?
    else {
        anyhow::bail!("The running Causeway answered something else; try again.");
    };
    Ok(list)
}

/// A person, by name or device id, among the members of every group here and the people on
/// the lists.
fn person(find: &Finder, word: &str) -> anyhow::Result<DeviceId> {
    if let Ok(id) = DeviceId::from_hex(word.trim()) {
        return Ok(id);
    }
    let mut all: Vec<Candidate<DeviceId>> = Vec::new();
    let mut add = |device: DeviceId, name: String| {
        if !all.iter().any(|c| c.value == device) {
            all.push(Candidate {
                value: device,
                hex: device.to_hex(),
                name: Some(name),
            });
        }
    };
    let Output::Groups(groups) = find.ask(Request::GroupList)? else {
        anyhow::bail!("The running Causeway answered something else; try again.");
    };
    for g in groups {
        if let Ok(Output::Members(members)) = find.ask(Request::Members { group: g.group_id }) {
            for m in members {
                add(m.device_id, m.name);
            }
        }
    }
    let on_lists = lists(find)?;
    for p in on_lists.blocked.into_iter().chain(on_lists.muted) {
        add(p.device, p.name);
    }
    pick(word, "person", "causeway members GROUP", all)
}

/// The request of `causeway block`.
pub fn block(find: &Finder, who: Option<&str>, reason: Option<String>) -> anyhow::Result<Request> {
    let req = match who {
        None => BlockRequest::List,
        Some(w) => BlockRequest::Block {
            device: person(find, w)?,
            reason: reason.unwrap_or_default(),
        },
    };
    Ok(Request::Blocks { req })
}

/// The request of `causeway unblock`.
pub fn unblock(find: &Finder, who: &str) -> anyhow::Result<Request> {
    Ok(Request::Blocks {
        req: BlockRequest::Unblock {
            device: person(find, who)?,
        },
    })
}

/// What `causeway mute` names: with `--group`, a post of it or a person; else a group, a
/// person, or a post of any group.
fn target(find: &Finder, what: &str, group: Option<&str>) -> anyhow::Result<MuteTarget> {
    if let Some(g) = group {
        let g = find.group(g)?;
        return match find.item(g, what) {
            Ok((ItemKind::Post, p)) => Ok(MuteTarget::Thread(g, p)),
            Ok((ItemKind::Comment, _)) => {
                anyhow::bail!("{what:?} is a comment; give the id of the post it is on.")
            }
            Err(not_a_post) => person(find, what)
                .map(MuteTarget::Person)
                .map_err(|_| not_a_post),
        };
    }
    if let Ok(g) = find.group(what) {
        return Ok(MuteTarget::Group(g));
    }
    if let Ok(p) = person(find, what) {
        return Ok(MuteTarget::Person(p));
    }
    let Output::Groups(groups) = find.ask(Request::GroupList)? else {
        anyhow::bail!("The running Causeway answered something else; try again.");
    };
    let mut posts = Vec::new();
    for g in groups {
        if let Ok(Output::Feed(feed)) = find.ask(Request::Feed { group: g.group_id }) {
            posts.extend(feed.into_iter().map(|p| Candidate {
                value: (g.group_id, p.post_id),
                hex: p.post_id.to_hex(),
                name: None,
            }));
        }
    }
    pick(what, "group, person or post", "causeway feed GROUP", posts)
        .map(|(g, p)| MuteTarget::Thread(g, p))
}

/// The request of `causeway mute` or, with `undo`, `unmute`.
pub fn mute(find: &Finder, what: &str, group: Option<&str>, undo: bool) -> anyhow::Result<Request> {
    let target = mute_text(target(find, what, group)?);
    Ok(Request::Blocks {
        req: if undo {
            BlockRequest::Unmute { target }
        } else {
            BlockRequest::Mute { target }
        },
    })
}

/// Prints the lists.
pub fn print(list: &BlockList, lines: &mut Vec<String>) {
    if list.blocked.is_empty()
        && list.muted.is_empty()
        && list.threads.is_empty()
        && list.groups.is_empty()
    {
        lines.push("You have blocked and muted no one and nothing.".into());
        return;
    }
    for p in &list.blocked {
        let why = if p.reason.is_empty() {
            String::new()
        } else {
            format!(": {}", p.reason)
        };
        lines.push(format!(
            "blocked  {} ({}){why}",
            p.name,
            &p.device.to_hex()[..10]
        ));
    }
    for p in &list.muted {
        lines.push(format!(
            "muted    {} ({})",
            p.name,
            &p.device.to_hex()[..10]
        ));
    }
    for t in &list.threads {
        lines.push(format!(
            "muted    the thread {} ({})",
            t.words,
            &t.post.to_hex()[..10]
        ));
    }
    for g in &list.groups {
        lines.push(format!("muted    the news of {}", g.name));
    }
}
