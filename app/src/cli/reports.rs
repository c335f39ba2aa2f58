//! Reports on the command line: `causeway report GROUP ITEM --category ...` reports a post, a
//! comment or a member to the group's moderators; `reports GROUP` is the queue (for a member:
//! the reports they made, with what became of them); `moderate GROUP REPORT
//! hide|dismiss|warn|remove --reason ...` decides one.
use causeway_core::ItemKind;
use causeway_sync::control::{ModRequest, ReportLine, Reported, Request};

use super::find::Finder;

/// The request of `causeway report`.
pub fn report(
    find: &Finder,
    group: &str,
    item: &str,
    category: String,
    words: Option<String>,
) -> anyhow::Result<Request> {
    let group = find.group(group)?;
    // A post or a comment by its id (or its start); else a member by name or id.
    let target = match find.item(group, item) {
        Ok((ItemKind::Post, id)) => format!("post:{}", id.to_hex()),
        Ok((ItemKind::Comment, id)) => format!("comment:{}", id.to_hex()),
        Err(not_an_item) => match find.member(group, item) {
            Ok(d) => format!("member:{}", d.to_hex()),
            Err(_) => return Err(not_an_item),
        },
    };
    Ok(Request::Moderation {
        group,
        req: ModRequest::Report {
            target,
            category,
            words: words.unwrap_or_default(),
        },
    })
}

/// The request of `causeway reports`.
pub fn queue(find: &Finder, group: &str) -> anyhow::Result<Request> {
    Ok(Request::Moderation {
        group: find.group(group)?,
        req: ModRequest::Queue,
    })
}

/// The request of `causeway moderate`.
pub fn moderate(
    find: &Finder,
    group: &str,
    report: &str,
    verdict: String,
    reason: String,
    words: Option<String>,
) -> anyhow::Result<Request> {
    let group = find.group(group)?;
    let report = causeway_core::ItemId::from_hex(report.trim()).map_err(|_| {
        anyhow::anyhow!("{report:?} is not a report's id; `causeway reports GROUP` lists them.")
    })?;
    if verdict == "warn" && words.as_deref().is_none_or(|w| w.trim().is_empty()) {
        anyhow::bail!(
            "A warning needs its words for the person warned: add --words \"...\" (only they and the moderators read them)."
        );
    }
    Ok(Request::Moderation {
        group,
        req: ModRequest::Decide {
            report,
            verdict,
            reason,
            words: words.unwrap_or_default(),
        },
    })
}

/// What `report` prints.
pub fn reported_line(r: &Reported) -> String {
    if r.filed {
        format!("Report {} is with the group's moderators.", r.id.to_hex())
    } else {
        format!(
            "Report {} is sealed for the group's moderators; it is handed to the first moderator's device this one reaches (run `causeway node` or the app to keep trying).",
            r.id.to_hex()
        )
    }
}

/// What `reports` prints for one report.
pub fn report_lines(r: &ReportLine, when: impl Fn(i64) -> String) -> Vec<String> {
    let about = match (
        r.target.split_once(':').map(|(k, _)| k),
        r.words_of_item.is_empty(),
    ) {
        (Some("member"), _) => r.about.clone(),
        (Some(kind), false) => format!("{}'s {kind} “{}”", r.about, r.words_of_item),
        (Some(kind), true) => format!("a {kind} by {}", r.about),
        (None, _) => r.target.clone(),
    };
    let mut out = vec![format!(
        "{}  {}  {} reported {about}: {}",
        r.id.to_hex(),
        when(r.at),
        r.reporter_name,
        r.category
    )];
    if !r.words.is_empty() {
        out.push(format!("    “{}”", r.words));
    }
    if r.decisions.is_empty() {
        out.push("    open".to_string());
    }
    for (action, by, reason) in &r.decisions {
        out.push(format!("    {action} by {by}: {reason}"));
    }
    out
}
