//! Reports and the moderators' queue on the control socket (`causeway report`, `reports`,
//! `moderate`): a report made and handed over, the queue as this device opens it (for a
//! member: the reports they made, with what became of them), and a moderator's decision.

use causeway_core::view::{Category, ModAction, QueuedReport, ReportTarget, Verdict};
use causeway_core::{DeviceId, DocId, Group, GroupId, ItemId, ItemKind};
use serde::{Deserialize, Serialize};

use super::{Output, as_text};
use crate::error::{SyncError, SyncProblem};
use crate::node::Node;

/// A request about a group's reports.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "what", rename_all = "kebab-case")]
pub enum ModRequest {
    /// Reports an item or a member to the group's moderators.
    Report {
        /// What: `post:<id>`, `comment:<id>`, `event:<id>`, `document:<id>` or
        /// `member:<device>`.
        target: String,
        /// Why: hate, sexual, violence, doxing, harassment, spam, illegal or other.
        category: String,
        /// In the reporter's words (may be empty).
        #[serde(default)]
        words: String,
    },
    /// The reports this device opens, oldest first (for moderators, the queue).
    Queue,
    /// The warnings addressed to this device, with their words (only the person warned and
    /// the moderators can open them).
    Warnings,
    /// A moderator's decision on a report: hide, dismiss, warn or remove.
    Decide {
        /// The report.
        #[serde(with = "as_text")]
        report: ItemId,
        /// What is decided.
        verdict: String,
        /// Why (the log keeps it).
        reason: String,
        /// A warning's words, for the person warned only.
        #[serde(default)]
        words: String,
    },
}

/// A report made (`Report`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Reported {
    /// Its id.
    #[serde(with = "as_text")]
    pub id: ItemId,
    /// Whether a moderator's device filed it already (else it waits in the outbox).
    pub filed: bool,
}

/// A report as its reader sees it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ReportLine {
    /// Its id.
    #[serde(with = "as_text")]
    pub id: ItemId,
    /// When it was made.
    pub at: i64,
    /// Who reported (device, hex), and their name.
    pub reporter: String,
    /// The reporter's name.
    pub reporter_name: String,
    /// What it is about, as typed in a request (`post:<id>`...).
    pub target: String,
    /// The author of the item (or the member reported), by name.
    pub about: String,
    /// Their device (hex; empty when the item is not here).
    #[serde(default)]
    pub about_device: String,
    /// The item's title or first words (empty for a member).
    pub words_of_item: String,
    /// Why.
    pub category: String,
    /// In the reporter's words.
    pub words: String,
    /// The decisions on it, oldest first: (action, decider's name, reason).
    pub decisions: Vec<(String, String, String)>,
}

/// A warning to this device's person, opened.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct WarningLine {
    /// Who warned (their name).
    pub by_name: String,
    /// When.
    pub at: i64,
    /// The reason the log gives (everyone reads it).
    pub reason: String,
    /// The words, for the person warned only.
    pub words: String,
}

/// Carries out a request about `group`'s reports.
pub(super) async fn execute(
    node: &Node,
    group: GroupId,
    req: ModRequest,
) -> Result<Output, SyncError> {
    Ok(match req {
        ModRequest::Report {
            target,
            category,
            words,
        } => {
            let target = parse_target(&target)?;
            let category = Category::parse(&category).ok_or(SyncError::InvalidInput(
                SyncProblem::UnknownCategory { given: category },
            ))?;
            let (id, mut filed) = node.report(group, target, category, &words)?;
            if !filed {
                filed = node.deliver_reports(group, id).await?;
            }
            Output::Reported(Reported { id, filed })
        }
        ModRequest::Queue => {
            // A moderator who looks at the queue hands its keys on to moderators appointed
            // since (their device cannot open those reports otherwise).
            node.reseal_reports(group)?;
            Output::Queue(node.local(|n| {
                let g = n.group(&group).ok_or(SyncError::UnknownGroup(group))?;
                Ok::<_, SyncError>(g.queue().into_iter().map(|q| line(g, q)).collect())
            })??)
        }
        ModRequest::Warnings => Output::Warnings(node.local(|n| {
            let g = n.group(&group).ok_or(SyncError::UnknownGroup(group))?;
            let me = g.device();
            let name = |d: DeviceId| g.name_of(d).unwrap_or_else(|| d.fmt_short());
            Ok::<_, SyncError>(
                g.moderation_log()
                    .into_iter()
                    .filter(|e| {
                        e.action == ModAction::Warn
                            && e.target == causeway_core::view::ModTarget::Member(me)
                    })
                    .filter_map(|e| {
                        let words = g.warning_words(&e)?;
                        Some(WarningLine {
                            by_name: name(e.by),
                            at: e.at.0,
                            reason: e.reason,
                            words,
                        })
                    })
                    .collect(),
            )
        })??),
        ModRequest::Decide {
            report,
            verdict,
            reason,
            words,
        } => {
            let verdict = match &verdict[..] {
                "hide" => Verdict::Hide,
                "dismiss" => Verdict::Dismiss,
                "remove" => Verdict::Remove,
                "warn" => Verdict::Warn(words),
                _ => {
                    return Err(SyncError::InvalidInput(SyncProblem::UnknownVerdict {
                        given: verdict,
                    }));
                }
            };
            let seed = crate::identity::random_bytes::<32>()?;
            node.act_all(group, |g, now| {
                g.decide_report(now, report, verdict, &reason, seed)
            })?;
            Output::Decided(Reported {
                id: report,
                filed: true,
            })
        }
    })
}

/// Reads a target as a request writes it.
fn parse_target(s: &str) -> Result<ReportTarget, SyncError> {
    let bad = || {
        SyncError::InvalidInput(SyncProblem::UnknownReportTarget {
            given: s.to_owned(),
        })
    };
    let (kind, id) = s.split_once(':').ok_or_else(bad)?;
    Ok(match kind {
        "post" => ReportTarget::Post(ItemId::from_hex(id).map_err(|_| bad())?),
        "comment" => ReportTarget::Comment(ItemId::from_hex(id).map_err(|_| bad())?),
        "event" => ReportTarget::Event(ItemId::from_hex(id).map_err(|_| bad())?),
        "document" => ReportTarget::Document(DocId::from_hex(id).map_err(|_| bad())?),
        "member" => ReportTarget::Member(DeviceId::from_hex(id).map_err(|_| bad())?),
        _ => return Err(bad()),
    })
}

/// How a request names a target.
pub fn target_text(t: &ReportTarget) -> String {
    match t {
        ReportTarget::Post(i) => format!("post:{}", i.to_hex()),
        ReportTarget::Comment(i) => format!("comment:{}", i.to_hex()),
        ReportTarget::Event(i) => format!("event:{}", i.to_hex()),
        ReportTarget::Document(d) => format!("document:{}", d.to_hex()),
        ReportTarget::Member(d) => format!("member:{}", d.to_hex()),
    }
}

fn line(g: &Group, q: QueuedReport) -> ReportLine {
    let name = |d: DeviceId| g.name_of(d).unwrap_or_else(|| d.fmt_short());
    let (who, words_of_item) = match q.content.target {
        ReportTarget::Post(i) | ReportTarget::Comment(i) => {
            let kind = if matches!(q.content.target, ReportTarget::Post(_)) {
                ItemKind::Post
            } else {
                ItemKind::Comment
            };
            g.item_summary(kind, i)
                .map(|(a, w)| (Some(a), w))
                .unwrap_or_default()
        }
        ReportTarget::Member(d) => (Some(d), String::new()),
        ReportTarget::Event(_) | ReportTarget::Document(_) => (None, String::new()),
    };
    let about = who.map(name).unwrap_or_default();
    ReportLine {
        id: q.id,
        at: q.content.at.0,
        reporter: q.content.reporter.to_hex(),
        reporter_name: name(q.content.reporter),
        target: target_text(&q.content.target),
        about,
        about_device: who.map(|d| d.to_hex()).unwrap_or_default(),
        words_of_item,
        category: q.content.category.as_str().to_owned(),
        words: q.content.words,
        decisions: q
            .decisions
            .into_iter()
            .map(|d| (action_word(d.action).to_owned(), name(d.by), d.reason))
            .collect(),
    }
}

fn action_word(a: ModAction) -> &'static str {
    a.as_str()
}
