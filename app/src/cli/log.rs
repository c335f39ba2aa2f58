//! The moderation log on the command line: `causeway log GROUP` lists it, `log export GROUP
//! FILE` writes it as a file, and `log verify FILE` checks such a file offline, on any
//! machine, without a data folder or a network.
use std::path::{Path, PathBuf};

use causeway_sync::audit::{LogLine, LogTarget, LogVerified};
use causeway_sync::control::{LogExported, Request};
use clap::{Args, Subcommand};

use super::find::{Finder, here};

/// `causeway log ...`.
#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct LogArgs {
    /// Group id, prefix or name: list its moderation log, oldest first.
    pub group: Option<String>,
    /// Export or verify.
    #[command(subcommand)]
    pub cmd: Option<LogCmd>,
}

/// `causeway log export|verify`.
#[derive(Subcommand, Debug)]
pub enum LogCmd {
    /// Write the group's moderation log to a file that anyone can check with `log verify`.
    /// The file holds the group's signed history, posts included, so that nobody has to
    /// trust you: share it only with people the group would show its posts to.
    Export {
        /// Group id, prefix or name.
        group: String,
        /// The file to write.
        file: PathBuf,
    },
    /// Check a log file offline: every entry signed by its decider, who held the role for it
    /// at that point of the group's history.
    Verify {
        /// The file, as `log export` wrote it.
        file: PathBuf,
    },
}

/// The request `causeway log ...` makes of the node (`None`: verify, which needs none).
pub fn request(args: LogArgs, find: &Finder) -> anyhow::Result<Option<Request>> {
    Ok(match (args.group, args.cmd) {
        (_, Some(LogCmd::Export { group, file })) => Some(Request::LogExport {
            group: find.group(&group)?,
            file: here(file),
        }),
        (_, Some(LogCmd::Verify { .. })) => None,
        (Some(group), None) => Some(Request::Log {
            group: find.group(&group)?,
        }),
        (None, None) => anyhow::bail!(
            "Name the group whose log to show (`causeway log GROUP`), or `causeway log verify FILE`."
        ),
    })
}

/// `causeway log verify FILE`: the sentence of what the file proves, or why it proves
/// nothing.
pub fn verify(file: &Path) -> anyhow::Result<LogVerified> {
    let size = std::fs::metadata(file)
        .map_err(|e| anyhow::anyhow!("{} could not be read: {e}.", file.display()))?
        .len();
    if size > causeway_sync::audit::MAX_LOG_FILE_BYTES {
        anyhow::bail!("{} is too large to be a moderation log.", file.display());
    }
    let bytes = std::fs::read(file)
        .map_err(|e| anyhow::anyhow!("{} could not be read: {e}.", file.display()))?;
    causeway_sync::audit::verify(&bytes)
        .map_err(|e| anyhow::anyhow!(crate::sentence(&e.to_string())))
}

/// What `log verify` prints when the file holds together.
pub fn verified_line(v: &LogVerified) -> String {
    format!(
        "The log of {} holds together: {} entries, each signed by its decider, who held the role for it at that point of the group's history ({} changes checked).",
        v.name, v.entries, v.changes
    )
}

/// What `log export` prints.
pub fn exported_line(e: &LogExported) -> String {
    format!(
        "{}: {} entries with the group's signed history ({} bytes). `causeway log verify` checks it anywhere.",
        e.file.display(),
        e.entries,
        e.bytes
    )
}

/// One entry of the log, as a line.
pub fn entry_line(l: &LogLine, when: impl Fn(i64) -> String) -> String {
    let role = if l.role.is_empty() {
        "no role".to_string()
    } else {
        l.role.clone()
    };
    let what = match (&l.action[..], &l.target) {
        (
            "hide" | "unhide",
            LogTarget::Item {
                kind,
                author,
                words,
                ..
            },
        ) => {
            let verb = if l.action == "hide" {
                "hid"
            } else {
                "showed again"
            };
            format!("{verb} {author}'s {kind} “{words}”")
        }
        ("remove", LogTarget::Member { name, .. }) => format!("removed {name}"),
        ("role", LogTarget::Member { name, .. }) => format!("made {name} {}", l.new_role),
        ("withdraw", LogTarget::Invite { name }) => format!("withdrew the invite {name}"),
        ("dismiss", _) => "dismissed a report".to_string(),
        ("warn", LogTarget::Member { name, .. }) => format!("warned {name}"),
        (action, _) => action.to_string(),
    };
    let reason = if l.reason.is_empty() {
        String::new()
    } else {
        format!(": {}", l.reason)
    };
    format!("{}  {} ({role}) {what}{reason}", when(l.at), l.by_name)
}
