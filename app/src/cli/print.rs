//! What `causeway` prints: each answer as lines for a person (or, with `--json`, its data), and
//! the node's own lines. Standard output may be closed at any time (`causeway feed | head`):
//! what is printed then is dropped, and nothing panics.
use causeway_sync::Refusals;
use causeway_sync::control::{
    EventLine, FeedPost, MemberOutcome, Output, PollLine, Standing, StatusReport,
};
use chrono::{Local, TimeZone as _};

/// A line on standard output. Nobody may be reading any more (a script that took the first
/// line, a closed terminal, `| head`): the line is dropped and the program goes on.
pub fn say(line: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// The first ten characters of an id: enough to name it in a command.
fn short(hex: &str) -> &str {
    hex.get(..10).unwrap_or(hex)
}

/// A time as a person reads it, in this machine's time zone: "2026-12-01 18:30".
fn when(ms: i64) -> String {
    match Local.timestamp_millis_opt(ms).single() {
        Some(t) => t.format("%Y-%m-%d %H:%M").to_string(),
        None => String::from("?"),
    }
}

/// What an answer prints: its data as JSON with `json`, else lines for a person. Empty when
/// there is nothing to say.
pub fn render(out: &Output, json: bool) -> String {
    if json {
        return serde_json::to_string_pretty(&out.data()).unwrap_or_default();
    }
    let mut lines: Vec<String> = Vec::new();
    match out {
        Output::Device(d) => lines.push(format!("{}  {}", d.device_id.to_hex(), d.display_name)),
        Output::Profile(p) => {
            lines.push(format!("Others now see you as {}.", p.display_name));
            if !p.bio.is_empty() {
                lines.push(format!("About you: {}", p.bio));
            }
            if !p.languages.is_empty() {
                lines.push(format!("You read: {}", p.languages.join(", ")));
            }
        }
        Output::Saved => lines.push("Saved; it applies the next time Causeway starts.".into()),
        Output::Done => lines.push("Done.".into()),
        Output::Attachments(all) => super::files::print_list(all, &mut lines),
        Output::FileSaved(f) => lines.push(format!("Written to {}", f.path.display())),
        Output::Space(all) => super::files::print_space(all, &mut lines),
        Output::Freed(f) => lines.push(format!(
            "Freed {} of files no group uses any more.",
            super::files::size(f.bytes)
        )),
        Output::Group(g) => lines.push(g.group_id.to_hex()),
        Output::Erased { items } => lines.push(match items {
            1 => "One post or comment of yours was deleted.".to_string(),
            n => format!("{n} posts and comments of yours were deleted."),
        }),
        Output::Left(l) => {
            if l.left_now {
                lines.push(match (l.told, l.members) {
                    (_, 0) => "You left the group.".to_string(),
                    (0, _) => "You left the group; no member could be reached yet to learn it.".to_string(),
                    (t, m) => format!("You left the group; {t} of {m} members know already."),
                });
            } else {
                lines.push("You are not in this group any more.".to_string());
            }
            if l.deleted {
                lines.push("This device's copy of the group is deleted.".to_string());
            }
        }
        Output::Groups(groups) => {
            for g in groups {
                lines.push(format!(
                    "{}  {}  ({} members, you: {})",
                    g.group_id.to_hex(),
                    g.name.as_deref().unwrap_or("(waiting for its history)"),
                    g.members,
                    g.my_role.map_or("not a member", |r| r.as_str())
                ));
            }
        }
        Output::Invite(t) => lines.push(t.ticket.clone()),
        Output::Withdrawn(w) => lines.push(
            if w.revoked {
                "The invite was withdrawn."
            } else {
                "No such invite was issued on this device."
            }
            .into(),
        ),
        Output::Joined(j) => lines.push(format!(
            "{} ({})",
            j.group_id.to_hex(),
            if j.admitted {
                "joined"
            } else {
                "waiting for an admin to approve"
            }
        )),
        Output::Item(i) => lines.push(i.item_id.to_hex()),
        Output::Feed(posts) => {
            for p in posts {
                feed_post(p, &mut lines);
            }
        }
        Output::Members(members) => {
            for m in members {
                lines.push(format!(
                    "{}  {}  {}",
                    m.device_id.to_hex(),
                    standing(m.role),
                    m.name
                ));
                if !m.bio.is_empty() {
                    lines.push(format!(
                        "    {}",
                        m.bio.split_whitespace().collect::<Vec<_>>().join(" ")
                    ));
                }
            }
        }
        Output::Member(m) => {
            let who = short_hex(&m.member.to_hex());
            lines.push(match m.standing {
                Standing::Removed => format!("{who} is not a member."),
                Standing::AskingToJoin => format!("{who} is asking to join."),
                Standing::Role(r) => format!("{who} is now {}.", r.as_str()),
            });
        }
        Output::Round(r) => {
            // Each member was printed as their outcome came in; this is the round's summary.
            if r.members.is_empty() {
                lines.push("No other member's device to sync with yet.".into());
            } else {
                lines.push(format!(
                    "Reached {} of {} members.",
                    r.synced,
                    r.members.len()
                ));
            }
        }
        Output::Status(s) => status(s, &mut lines),
        Output::Exported(e) => {
            lines.push(e.json.display().to_string());
            lines.push(e.automerge.display().to_string());
        }
        Output::Log(entries) if entries.is_empty() => lines.push(
            "The group's moderation log is empty: no decision was logged yet (an admin's first decision opens it)."
                .to_string(),
        ),
        Output::Log(entries) => {
            for e in entries {
                lines.push(super::log::entry_line(e, when));
            }
        }
        Output::LogExported(e) => lines.push(super::log::exported_line(e)),
        Output::Reported(r) => lines.push(super::reports::reported_line(r)),
        Output::Blocks(list) => super::blocks::print(list, &mut lines),
        Output::Decided(r) => lines.push(format!(
            "Report {} is decided; the group's log says so.",
            r.id.to_hex()
        )),
        Output::Warnings(w) if w.is_empty() => {
            lines.push("No moderator has warned you in this group.".to_string())
        }
        Output::Warnings(w) => {
            for x in w {
                lines.push(format!("{}  {} warned you: {}", when(x.at), x.by_name, x.words));
                if !x.reason.is_empty() {
                    lines.push(format!("    the log says: {}", x.reason));
                }
            }
        }
        Output::Queue(q) if q.is_empty() => {
            lines.push("No report here that this device can read.".to_string())
        }
        Output::Queue(q) => {
            for r in q {
                lines.extend(super::reports::report_lines(r, when));
            }
        }
        Output::BundleWritten(b) => lines.push(format!(
            "{}: {} of the group's changes, {} of its documents' ({} bytes)",
            b.file.display(),
            b.changes,
            b.doc_changes,
            b.bytes
        )),
        Output::BundleRead(b) => {
            let t = &b.taken;
            let changes = |n: usize| match n {
                1 => "1 change".to_string(),
                n => format!("{n} changes"),
            };
            lines.push(format!(
                "Took in {} of the group and {} of its documents; {} already here.",
                changes(t.accepted),
                changes(t.doc_accepted),
                changes(t.known)
            ));
            if t.refused > 0 {
                lines.push(format!(
                    "{} refused: their signature, their author's right or their shape did not pass.",
                    t.refused
                ));
            }
            if t.waiting > 0 {
                lines.push(format!(
                    "{} wait for changes the bundle does not hold; they come with a sync or a fuller bundle.",
                    t.waiting
                ));
            }
        }
        Output::Doc(d) => lines.push(d.doc_id.to_hex()),
        Output::Docs(docs) => {
            if docs.is_empty() {
                lines.push("No documents in this group yet; `causeway doc new` makes one.".into());
            }
            for d in docs {
                let mut line = format!("{}  {}", short_hex(&d.doc_id.to_hex()), d.title);
                let mut notes = vec![format!("by {}", d.creator)];
                if let (Some(who), Some(at)) = (&d.last_editor, d.last_change) {
                    notes.push(format!("last edited by {who} {}", when(at)));
                }
                if let Some(n) = d.size {
                    notes.push(format!("{n} characters"));
                }
                if d.editors != causeway_core::DocEditors::All {
                    notes.push(format!("edited by {}", d.editors.as_str()));
                }
                if d.archived {
                    notes.push("archived".into());
                }
                if let Some(reason) = &d.hidden {
                    notes.push(format!("hidden: {reason}"));
                }
                line.push_str(&format!("  ({})", notes.join(", ")));
                lines.push(line);
            }
        }
        Output::DocText(t) => lines.push(t.text.trim_end().to_string()),
        Output::DocHistory(versions) => {
            for v in versions {
                let edits = if v.changes == 1 { "edit" } else { "edits" };
                lines.push(format!(
                    "{:>4}  {}  {}  {}  {} {edits}",
                    v.number,
                    v.tag,
                    when(v.from),
                    v.author,
                    v.changes
                ));
            }
        }
        Output::DocExported(e) => {
            lines.push(e.markdown.display().to_string());
            lines.push(e.automerge.display().to_string());
        }
        Output::Events(events) => {
            if events.is_empty() {
                lines.push("No events.".into());
            }
            for e in events {
                event_head(e, &mut lines);
            }
        }
        Output::Event(e) => event_page(e, &mut lines),
        Output::Polls(polls) => {
            for p in polls {
                lines.push(format!(
                    "{}  {}  ({} voted{})",
                    short(&p.poll_id.to_hex()),
                    p.question,
                    p.voters,
                    if p.closed { ", closed" } else { "" }
                ));
            }
        }
        Output::Poll(p) => poll_page(p, &mut lines),
        Output::Tasks(tasks) => {
            for t in tasks {
                let mut line =
                    format!("{}  [{}] {}", short(&t.task_id.to_hex()), t.status, t.title);
                if let Some(d) = t.due {
                    line.push_str(&format!("  (due {})", when(d)));
                }
                if !t.assignees.is_empty() {
                    line.push_str(&format!("  — {}", t.assignees.join(", ")));
                }
                lines.push(line);
            }
        }
        Output::Shifts(shifts) => {
            for s in shifts {
                lines.push(format!(
                    "{}  {}  {}  {}/{} places{}",
                    short(&s.shift_id.to_hex()),
                    s.title,
                    span(s.start, s.end, &s.zone, false),
                    s.placed.len(),
                    s.places,
                    if s.cancelled { "  [cancelled]" } else { "" }
                ));
                if !s.placed.is_empty() {
                    lines.push(format!("    placed: {}", s.placed.join(", ")));
                }
                if !s.standing_by.is_empty() {
                    lines.push(format!("    standing by: {}", s.standing_by.join(", ")));
                }
            }
        }
        Output::Calendar(c) => lines.push(format!(
            "{} ({} event{})",
            c.file.display(),
            c.events,
            if c.events == 1 { "" } else { "s" }
        )),
    }
    lines.join("\n")
}

/// When something happens, in its own zone: "Sat 2026-12-12 10:00–12:30 (Europe/Paris)".
fn span(start: i64, end: i64, zone: &str, all_day: bool) -> String {
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::Tz::UTC);
    let at = |ms: i64| tz.timestamp_millis_opt(ms).single();
    let (Some(s), Some(e)) = (at(start), at(end)) else {
        return String::from("?");
    };
    let zone = if zone.is_empty() {
        String::new()
    } else {
        format!(" ({zone})")
    };
    if all_day {
        let last = (e - chrono::Duration::milliseconds(1)).max(s);
        return if last.date_naive() == s.date_naive() {
            format!("{} (all day){zone}", s.format("%a %Y-%m-%d"))
        } else {
            format!(
                "{} – {} (all day){zone}",
                s.format("%a %Y-%m-%d"),
                last.format("%a %Y-%m-%d")
            )
        };
    }
    if e.date_naive() == s.date_naive() {
        format!(
            "{}–{}{zone}",
            s.format("%a %Y-%m-%d %H:%M"),
            e.format("%H:%M")
        )
    } else {
        format!(
            "{} – {}{zone}",
            s.format("%a %Y-%m-%d %H:%M"),
            e.format("%a %Y-%m-%d %H:%M")
        )
    }
}

/// One moment in a zone: "Sat 2026-12-12 10:00", or the day alone.
fn instant(ms: i64, zone: &str, day: bool) -> String {
    let tz: chrono_tz::Tz = zone.parse().unwrap_or(chrono_tz::Tz::UTC);
    match tz.timestamp_millis_opt(ms).single() {
        Some(t) if day => t.format("%a %Y-%m-%d").to_string(),
        Some(t) => t.format("%a %Y-%m-%d %H:%M").to_string(),
        None => String::from("?"),
    }
}

/// An event as one line of a list, and a second with its counts.
fn event_head(e: &EventLine, lines: &mut Vec<String>) {
    let mut head = format!(
        "{}  {}  {}",
        short(&e.event_id.to_hex()),
        span(e.start, e.end, &e.zone, e.all_day),
        e.title
    );
    if e.cancelled {
        head.push_str("  [cancelled]");
    }
    lines.push(head);
    let places = e.capacity.map_or(String::new(), |c| format!(" of {c}"));
    let mut counts = format!(
        "    {}  going {}{places}, waiting {}, maybe {}, no {}",
        e.group,
        e.going.len(),
        e.waiting.len(),
        e.maybe.len(),
        e.no.len()
    );
    if let Some(mine) = &e.mine {
        counts.push_str(&format!("  (you: {mine})"));
    }
    lines.push(counts);
}

/// An event in full.
fn event_page(e: &EventLine, lines: &mut Vec<String>) {
    event_head(e, lines);
    if let Some(from) = e.moved_from {
        lines.push(format!(
            "    moved from {}",
            instant(from, &e.zone, e.all_day)
        ));
    }
    if !e.place.is_empty() {
        lines.push(format!("    where: {}", e.place));
    }
    if !e.online.is_empty() {
        lines.push(format!("    online: {}", e.online));
    }
    lines.push(format!("    organisers: {}", e.organisers.join(", ")));
    for (label, who) in [
        ("going", &e.going),
        ("waiting for a place", &e.waiting),
        ("maybe", &e.maybe),
        ("not coming", &e.no),
    ] {
        if !who.is_empty() {
            lines.push(format!("    {label}: {}", who.join(", ")));
        }
    }
    if !e.body.is_empty() {
        lines.push(String::new());
        lines.push(e.body.trim_end().to_string());
    }
}

/// A poll with its results.
fn poll_page(p: &PollLine, lines: &mut Vec<String>) {
    lines.push(format!("{}  {}", short(&p.poll_id.to_hex()), p.question));
    let mut how = vec![if p.multiple {
        "several answers"
    } else {
        "one answer"
    }];
    if p.open {
        how.push("members may add options");
    }
    if p.closed {
        how.push("closed");
    }
    lines.push(format!(
        "    {}; members see who voted what",
        how.join(", ")
    ));
    for (i, o) in p.options.iter().enumerate() {
        let mut line = format!("  {}. {}  — {}", i + 1, o.text, o.voters.len());
        if !o.voters.is_empty() {
            line.push_str(&format!(" ({})", o.voters.join(", ")));
        }
        lines.push(line);
    }
    if let Some(by) = &p.closed_by {
        lines.push(format!("    closed by {by}"));
    }
}

fn short_hex(hex: &str) -> String {
    short(hex).to_string()
}

fn standing(s: Standing) -> &'static str {
    match s {
        Standing::Removed => "removed",
        Standing::AskingToJoin => "asking to join",
        Standing::Role(r) => r.as_str(),
    }
}

/// A post as lines: who and when, its id, the text; its reactions; its comments indented.
fn feed_post(p: &FeedPost, lines: &mut Vec<String>) {
    let mut head = format!(
        "{}: {}",
        p.author,
        if p.title.is_empty() {
            p.text.clone()
        } else {
            format!("{} — {}", p.title, p.text)
        }
    );
    if let Some(reason) = &p.hidden {
        head = format!("[hidden: {reason}] {head}");
    }
    if p.pinned {
        head = format!("[pinned] {head}");
    }
    lines.push(head);
    let mut meta = format!("    {}  {}", when(p.created), short(&p.post_id.to_hex()));
    if let Some(t) = p.edited {
        meta.push_str(&format!("  (edited {})", when(t)));
    }
    if !p.lang.is_empty() {
        meta.push_str(&format!("  [{}]", p.lang));
    }
    if !p.reactions.is_empty() {
        let r: Vec<String> = p
            .reactions
            .iter()
            .map(|(e, n)| format!("{e} {n}"))
            .collect();
        meta.push_str(&format!("  {}", r.join("  ")));
    }
    lines.push(meta);
    for c in &p.comments {
        let indent = if c.reply_to.is_some() {
            "        "
        } else {
            "    "
        };
        let hidden = c
            .hidden
            .as_ref()
            .map(|r| format!("[hidden: {r}] "))
            .unwrap_or_default();
        lines.push(format!(
            "{indent}{hidden}{}: {}  ({}, {})",
            c.author,
            c.text,
            when(c.created),
            short(&c.comment_id.to_hex())
        ));
    }
}

/// One member's outcome in a sync round, as a line: "Bruno (1a2b3c4d5e): received 1, sent 0,
/// refused 0", with the group's name before each group's numbers when there are several.
pub fn member_line(m: &MemberOutcome) -> String {
    let hex = m.member.to_hex();
    let who = match m.name.as_str() {
        "" => short_hex(&hex),
        n => format!("{n} ({})", short(&hex)),
    };
    if let Some(e) = &m.error {
        return if m.refused {
            format!("{who}: refused: {e}")
        } else {
            format!("{who}: not reached: {e}")
        };
    }
    let several = m.groups.len() + m.up_to_date > 1;
    let mut parts: Vec<String> = m
        .groups
        .iter()
        .map(|g| {
            let what = match &g.error {
                Some(e) => e.clone(),
                None => format!(
                    "received {}, sent {}, refused {}",
                    g.received, g.sent, g.rejected
                ),
            };
            if several {
                format!("{}: {what}", g.group)
            } else {
                what
            }
        })
        .collect();
    match m.up_to_date {
        0 => {}
        1 if m.groups.is_empty() => parts.push("up to date".into()),
        n => parts.push(format!("{n} groups up to date")),
    }
    format!("{who}: {}", parts.join("; "))
}

fn status(s: &StatusReport, lines: &mut Vec<String>) {
    if !s.running {
        lines.push(
            "Causeway is not running on this data folder: start `causeway node` (or the app) to serve other devices."
                .into(),
        );
        return;
    }
    let hex = s.device_id.map(|d| d.to_hex()).unwrap_or_default();
    lines.push(format!(
        "Device {} ({}), {} groups.",
        short(&hex),
        s.display_name,
        s.groups
    ));
    let c = &s.connections;
    lines.push(format!(
        "Connected now: {} from members' devices, {} from others, {} joining.",
        c.members, c.strangers, c.joining
    ));
    lines.push(refusals_line(&s.refused));
}

/// What the node refused since it started, as one line.
pub fn refusals_line(r: &Refusals) -> String {
    format!(
        "Refused since start: {} changes, {} sessions from non-members, {} join requests, {} connections over the limits, {} broken sessions, {} requests for files.",
        r.changes, r.sessions, r.joins, r.busy, r.broken, r.files
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_reads_as_a_date_and_an_hour() {
        let t = when(86_400_000 * 365);
        assert_eq!(t.len(), "1971-01-01 00:00".len(), "{t}");
        assert_eq!(when(i64::MAX), "?");
    }
}
