//! The request each command makes: what a person typed ("Riverside", the start of an id, a
//! member's name) found among what the node holds ([`super::find`]), and the request carrying
//! the ids.
use causeway_core::{GroupId, ItemId, ItemKind};
use causeway_sync::control::{self, FileRequest, GroupEdit, Request};

use super::args::{BundleCmd, Command, DocCmd, GroupCmd, InviteCmd, MemberCmd, ProfileCmd};
use super::find::{Finder, here};
use crate::sentence;

/// The request a command makes of the node; `None` for `node`, which is the node itself.
pub fn request(cmd: Command, find: &Finder) -> anyhow::Result<Option<Request>> {
    Ok(Some(match cmd {
        Command::Id => Request::Id,
        Command::Profile(ProfileCmd::SetName { name }) => Request::SetName { name },
        Command::Profile(ProfileCmd::SetBio { bio }) => Request::SetBio { bio },
        Command::Profile(ProfileCmd::SetLanguages { languages }) => Request::SetLanguages {
            languages: languages
                .into_iter()
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty())
                .collect(),
        },
        Command::Group(GroupCmd::Create {
            name,
            mission,
            causes,
            visibility,
            region,
            languages,
        }) => Request::GroupCreate {
            name,
            mission,
            causes,
            visibility,
            region,
            languages,
        },
        Command::Group(GroupCmd::List) => Request::GroupList,
        Command::Group(GroupCmd::Edit {
            group,
            name,
            mission,
            region,
            causes,
            languages,
            visibility,
        }) => Request::GroupEdit {
            group: find.group(&group)?,
            edit: GroupEdit {
                name,
                mission,
                region,
                visibility,
                causes,
                languages,
            },
        },
        Command::Group(GroupCmd::Transfer { group, to }) => {
            let group = find.group(&group)?;
            Request::GroupTransfer {
                group,
                to: find.member(group, &to)?,
            }
        }
        Command::Group(GroupCmd::EraseMine { group }) => Request::GroupEraseMine {
            group: find.group(&group)?,
        },
        Command::Group(GroupCmd::Leave {
            group,
            delete_local,
            anyway,
        }) => Request::GroupLeave {
            group: find.group(&group)?,
            delete_local,
            anyway,
        },
        Command::Invite(InviteCmd::Create {
            group,
            uses,
            expires,
        }) => Request::InviteCreate {
            group: find.group(&group)?,
            uses,
            expires_in_secs: expires,
        },
        Command::Invite(InviteCmd::Revoke { group, ticket }) => Request::InviteRevoke {
            group: find.group(&group)?,
            ticket,
        },
        Command::Join { ticket } => Request::Join { ticket },
        Command::Post {
            group,
            text,
            title,
            lang,
            attach,
        } => Request::Post {
            group: find.group(&group)?,
            text,
            title,
            lang: lang.trim().to_string(),
            attach: attach.into_iter().map(here).collect(),
        },
        Command::Attachment(cmd) => super::files::attachment(cmd, find)?,
        Command::Report {
            group,
            item,
            category,
            words,
        } => super::reports::report(find, &group, &item, category, words)?,
        Command::Reports { group } => super::reports::queue(find, &group)?,
        Command::Block { who, reason } => super::blocks::block(find, who.as_deref(), reason)?,
        Command::Unblock { who } => super::blocks::unblock(find, &who)?,
        Command::Mute { what, group } => super::blocks::mute(find, &what, group.as_deref(), false)?,
        Command::Unmute { what, group } => {
            super::blocks::mute(find, &what, group.as_deref(), true)?
        }
        Command::Warnings { group } => Request::Moderation {
            group: find.group(&group)?,
            req: control::ModRequest::Warnings,
        },
        Command::Moderate {
            group,
            report,
            verdict,
            reason,
            words,
        } => super::reports::moderate(find, &group, &report, verdict, reason, words)?,
        Command::Log(args) => match super::log::request(args, find)? {
            Some(req) => req,
            None => return Ok(None),
        },
        Command::Profile(ProfileCmd::SetAvatar { file, .. }) => {
            super::files::files(FileRequest::SetAvatar {
                file: file.map(here),
            })
        }
        Command::Group(GroupCmd::SetPicture { group, file, .. }) => {
            super::files::files(FileRequest::SetGroupPicture {
                group: find.group(&group)?,
                file: file.map(here),
            })
        }
        Command::Group(GroupCmd::SetFileLimits {
            group,
            max_file_mb,
            max_total_mb,
        }) => super::files::files(FileRequest::Limits {
            group: find.group(&group)?,
            max_file_mb,
            max_total_mb,
        }),
        Command::Edit {
            group,
            item,
            text,
            title,
        } => {
            let group = find.group(&group)?;
            let (kind, item) = find.item(group, &item)?;
            let title = match (kind, title) {
                (ItemKind::Comment, Some(_)) => anyhow::bail!("A comment has no title."),
                (_, Some(t)) => t,
                // The title as it is.
                (ItemKind::Post, None) => current_title(find, group, item)?,
                (ItemKind::Comment, None) => String::new(),
            };
            Request::Edit {
                group,
                kind,
                item,
                title,
                text,
            }
        }
        Command::Delete { group, item } => {
            let group = find.group(&group)?;
            let (kind, item) = find.item(group, &item)?;
            Request::Delete { group, kind, item }
        }
        Command::Hide {
            group,
            item,
            reason,
        } => {
            let group = find.group(&group)?;
            let (kind, item) = find.item(group, &item)?;
            Request::Hide {
                group,
                kind,
                item,
                reason,
            }
        }
        Command::Pin { group, post } => {
            let group = find.group(&group)?;
            Request::Pin {
                group,
                post: find.post(group, &post)?,
            }
        }
        Command::Unpin { group, post } => {
            let group = find.group(&group)?;
            Request::Unpin {
                group,
                post: find.post(group, &post)?,
            }
        }
        Command::Unhide {
            group,
            item,
            reason,
        } => {
            let group = find.group(&group)?;
            let (kind, item) = find.item(group, &item)?;
            Request::Unhide {
                group,
                kind,
                item,
                reason,
            }
        }
        Command::Comment {
            group,
            post,
            text,
            reply_to,
        } => {
            let group = find.group(&group)?;
            Request::Comment {
                group,
                post: find.post(group, &post)?,
                reply_to: reply_to
                    .map(|r| find.item(group, &r).map(|(_, id)| id))
                    .transpose()?,
                text,
            }
        }
        Command::React {
            group,
            item,
            reaction,
            remove,
        } => {
            let group = find.group(&group)?;
            Request::React {
                group,
                item: find.item(group, &item)?.1,
                reaction: if remove { None } else { reaction },
            }
        }
        Command::Feed { group } => Request::Feed {
            group: find.group(&group)?,
        },
        Command::Members { group } => Request::Members {
            group: find.group(&group)?,
        },
        Command::Member(MemberCmd::Remove {
            group,
            member,
            reason,
        }) => {
            let group = find.group(&group)?;
            Request::MemberRemove {
                group,
                member: find.member(group, &member)?,
                reason,
            }
        }
        Command::Member(MemberCmd::Role {
            group,
            member,
            role,
        }) => {
            let group = find.group(&group)?;
            Request::MemberRole {
                group,
                member: find.member(group, &member)?,
                role,
            }
        }
        Command::Member(MemberCmd::Approve { group, member }) => {
            let group = find.group(&group)?;
            Request::Approve {
                group,
                member: find.member(group, &member)?,
            }
        }
        Command::Member(MemberCmd::Decline { group, member }) => {
            let group = find.group(&group)?;
            Request::Decline {
                group,
                member: find.member(group, &member)?,
            }
        }
        Command::Sync { group, timeout } => Request::Sync {
            group: group.map(|g| find.group(&g)).transpose()?,
            timeout_secs: timeout,
        },
        Command::Export { group, dir } => Request::Export {
            group: find.group(&group)?,
            dir: here(dir),
        },
        Command::Status => Request::Status,
        Command::Doc(cmd) => doc_request(cmd, find)?,
        Command::Bundle(BundleCmd::Write {
            group,
            file,
            for_member,
        }) => {
            let group = find.group(&group)?;
            let for_member = for_member.map(|m| find.member(group, &m)).transpose()?;
            Request::BundleWrite {
                group,
                file: here(file),
                for_member,
            }
        }
        Command::Bundle(BundleCmd::Read { file }) => Request::BundleRead { file: here(file) },
        Command::Event(cmd) => super::kit::event(cmd, find)?,
        Command::Agenda { days, past } => Request::Agenda { days, past },
        Command::Poll(cmd) => super::kit::poll(cmd, find)?,
        Command::Task(cmd) => super::kit::task(cmd, find)?,
        Command::Shift(cmd) => super::kit::shift(cmd, find)?,
        Command::Node => return Ok(None),
    }))
}

/// A `doc` command as a request.
fn doc_request(cmd: DocCmd, find: &Finder) -> anyhow::Result<Request> {
    use causeway_sync::control::DocRequest as D;
    let (group, req) = match cmd {
        DocCmd::New { group, title, from } => {
            let markdown = from.map(|f| read_markdown(&f)).transpose()?;
            (group, D::New { title, markdown })
        }
        DocCmd::List { group } => (group, D::List),
        DocCmd::Show {
            group,
            doc,
            at,
            markdown,
        } => {
            let g = find.group(&group)?;
            let doc = find.doc(g, &doc)?;
            return Ok(Request::Doc {
                group: g,
                req: D::Show { doc, at, markdown },
            });
        }
        DocCmd::Edit { group, doc, from } => {
            let g = find.group(&group)?;
            let req = D::Edit {
                doc: find.doc(g, &doc)?,
                markdown: read_markdown(&from)?,
            };
            return Ok(Request::Doc { group: g, req });
        }
        DocCmd::History { group, doc } => {
            let g = find.group(&group)?;
            let req = D::History {
                doc: find.doc(g, &doc)?,
            };
            return Ok(Request::Doc { group: g, req });
        }
        DocCmd::Restore {
            group,
            doc,
            version,
        } => {
            let g = find.group(&group)?;
            let req = D::Restore {
                doc: find.doc(g, &doc)?,
                version,
            };
            return Ok(Request::Doc { group: g, req });
        }
        DocCmd::Export { group, doc, dir } => {
            let g = find.group(&group)?;
            let req = D::Export {
                doc: find.doc(g, &doc)?,
                dir: here(dir),
                by_title: false,
            };
            return Ok(Request::Doc { group: g, req });
        }
        DocCmd::Archive { group, doc, undo } => {
            let g = find.group(&group)?;
            let req = D::Archive {
                doc: find.doc(g, &doc)?,
                archived: !undo,
            };
            return Ok(Request::Doc { group: g, req });
        }
        DocCmd::Hide {
            group,
            doc,
            reason,
            undo,
        } => {
            let g = find.group(&group)?;
            let req = D::Hide {
                doc: find.doc(g, &doc)?,
                reason: (!undo).then_some(reason),
            };
            return Ok(Request::Doc { group: g, req });
        }
        DocCmd::Editors { group, doc, who } => {
            let g = find.group(&group)?;
            let doc = find.doc(g, &doc)?;
            let (editors, listed) = match who.iter().map(String::as_str).collect::<Vec<_>>()[..] {
                ["all"] => (causeway_core::DocEditors::All, Vec::new()),
                ["admins"] => (causeway_core::DocEditors::Admins, Vec::new()),
                _ => {
                    let mut listed = Vec::new();
                    for w in &who {
                        listed.push(find.member(g, w)?.to_hex());
                    }
                    (causeway_core::DocEditors::Listed, listed)
                }
            };
            let req = D::Editors {
                doc,
                editors,
                listed,
            };
            return Ok(Request::Doc { group: g, req });
        }
    };
    Ok(Request::Doc {
        group: find.group(&group)?,
        req,
    })
}

/// Reads a Markdown file a person named, refusing with a sentence what no document could
/// hold (a binary file, a file of 50 MB) before reading all of it.
fn read_markdown(path: &std::path::Path) -> anyhow::Result<String> {
    let max = causeway_core::docs::MAX_MARKDOWN_BYTES;
    let meta = std::fs::metadata(path)
        .map_err(|e| anyhow::anyhow!("{} cannot be read: {e}.", path.display()))?;
    if meta.len() > max as u64 {
        anyhow::bail!(
            "{} is {} bytes; a document's Markdown may be at most {max} bytes. Split it, or import a part of it.",
            path.display(),
            meta.len()
        );
    }
    let bytes = std::fs::read(path)
        .map_err(|e| anyhow::anyhow!("{} cannot be read: {e}.", path.display()))?;
    control::parse_markdown(&bytes)
        .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), sentence(&e.to_string())))?;
    String::from_utf8(bytes).map_err(|_| {
        anyhow::anyhow!(
            "{} is not a text file; choose a Markdown (.md) or text file.",
            path.display()
        )
    })
}

/// A post's title as it is, so that editing the text alone keeps it.
fn current_title(find: &Finder, group: GroupId, post: ItemId) -> anyhow::Result<String> {
    Ok(find
        .feed(group)?
        .iter()
        .find(|p| p.post_id == post)
        .map(|p| p.title.clone())
        .unwrap_or_default())
}
