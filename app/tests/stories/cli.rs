//! The command-line story, through the real `causeway` binary in separate processes with
//! separate data folders, on 127.0.0.1 only (`CAUSEWAY_NETWORK=loopback`). Amara runs an
//! always-on node; her other commands reach it through its control socket.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use crate::support::{Person, stop};

#[test]
fn amara_runs_a_node_bruno_joins_from_the_command_line_and_both_feeds_agree() {
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (
        Person::loopback(dir_a.path()),
        Person::loopback(dir_b.path()),
    );
    a.ok(&["profile", "set-name", "Amara"]);
    let group = a.ok(&[
        "group",
        "create",
        "River clean-up",
        "--mission",
        "Clean water",
        "--cause",
        "environment",
    ]);
    assert_eq!(group.len(), 64);

    // Without a running node, an invite would point nowhere: a sentence says what to do.
    let (success, _, err) = a.run(&["invite", "create", &group]);
    assert!(!success && err.contains("Start `causeway node`"), "{err}");

    let node = a.start_node();
    // These reach the running node through its control socket.
    let ticket = a.ok(&["invite", "create", &group, "--uses", "2", "--expires", "7d"]);
    assert!(ticket.starts_with("cw1"));
    a.ok(&["post", "River clean-up", "Saturday 10am at the bridge"]);

    b.ok(&["profile", "set-name", "Bruno"]);
    let joined = b.ok(&["join", &ticket]);
    assert!(joined.contains("joined"), "{joined}");
    b.ok(&["post", &group, "I'll bring gloves", "--title", "Gloves"]);
    let sync = b.ok(&["sync", "--timeout", "30"]);
    assert!(sync.contains("received 0, sent 1, refused 0"), "{sync}");

    let feed_a = a.ok(&["feed", &group]);
    let feed_b = b.ok(&["feed", &group]);
    assert_eq!(feed_a, feed_b);
    assert!(
        feed_a.contains("Amara: Saturday 10am at the bridge")
            && feed_a.contains("Bruno: Gloves — I'll bring gloves"),
        "{feed_a}"
    );

    // Comments and reactions from the command line too.
    let feed: serde_json::Value = serde_json::from_str(&a.ok(&["feed", &group, "--json"])).unwrap();
    let gloves = feed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["title"] == "Gloves")
        .unwrap()["post_id"]
        .as_str()
        .unwrap()
        .to_string();
    let comment = a.ok(&["comment", &group, &gloves, "Thank you!"]);
    assert_eq!(comment.len(), 16, "{comment}");
    a.ok(&["react", &group, &gloves, "👍"]);
    let (success, _, err) = a.run(&["comment", &group, "0123456789abcdef", "to nothing"]);
    assert!(!success && !err.is_empty());

    // Amara (the owner) pins Bruno's post: it comes first in the feed, marked; the group's
    // first pin upgrades it. Bruno, a member, may not pin.
    a.ok(&["pin", &group, &gloves[..6]]);
    let pinned = a.ok(&["feed", &group]);
    assert!(
        pinned
            .lines()
            .next()
            .unwrap()
            .starts_with("[pinned] Bruno: Gloves"),
        "{pinned}"
    );
    let feed: serde_json::Value = serde_json::from_str(&a.ok(&["feed", &group, "--json"])).unwrap();
    assert_eq!(feed[0]["post_id"], gloves.as_str());
    assert_eq!(feed[0]["pinned"], true);
    assert_eq!(feed[1]["pinned"], false);
    let (success, _, err) = b.run(&["pin", &group, &gloves]);
    assert!(!success && err.contains("admins"), "{err}");
    a.ok(&["unpin", &group, &gloves]);
    assert!(!a.ok(&["feed", &group]).contains("[pinned]"));

    let members: serde_json::Value =
        serde_json::from_str(&a.ok(&["members", &group, "--json"])).unwrap();
    assert_eq!(members.as_array().unwrap().len(), 2);
    let bruno_id = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["name"] == "Bruno")
        .unwrap()["device_id"]
        .as_str()
        .unwrap()
        .to_string();

    // Export: JSON plus a file plain Automerge opens.
    let out = tempfile::tempdir().unwrap();
    let paths = a.ok(&["export", &group, out.path().to_str().unwrap()]);
    let automerge_path = paths.lines().find(|l| l.ends_with(".automerge")).unwrap();
    let doc = automerge::Automerge::load(&std::fs::read(automerge_path).unwrap()).unwrap();
    use automerge::ReadDoc;
    let posts = match doc.get(automerge::ROOT, "posts").unwrap() {
        Some((automerge::Value::Object(_), id)) => id,
        other => panic!("no posts in the export: {other:?}"),
    };
    assert_eq!(
        doc.keys(&posts).count(),
        2,
        "both posts are in the exported document"
    );

    // Amara removes Bruno: his next sync is refused, with a sentence for the member and the
    // exit code that says no member was synced (2); his device is told of the removal.
    a.ok(&[
        "member",
        "remove",
        &group,
        &bruno_id,
        "--reason",
        "moved away",
    ]);
    let (code, after, _) = b.run_code(&["sync", &group]);
    assert!(
        after.contains("this device was removed from the group"),
        "{after}"
    );
    assert_eq!(code, Some(2), "no member was reached: {after}");
    let members = b.ok(&["members", &group]);
    assert!(
        members.contains("Bruno") && members.contains("removed"),
        "{members}"
    );

    // Errors are sentences with a non-zero exit code.
    let (success, _, err) = b.run(&["feed", "no such group"]);
    assert!(!success && err.contains("o group here matches"), "{err}");
    let (success, _, err) = b.run(&["join", "cw1garbage"]);
    assert!(
        !success && err.contains("copy the whole invite again"),
        "{err}"
    );

    stop(node);
    // After the node stopped, commands open the folder themselves.
    assert!(a.ok(&["feed", &group]).contains("I'll bring gloves"));
}

#[test]
fn a_member_does_everything_the_window_does_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let a = Person::loopback(dir.path());
    a.ok(&["profile", "set-name", "Amara"]);
    let bio = a.ok(&["profile", "set-bio", "Organiser, Lyon"]);
    assert!(bio.contains("About you: Organiser, Lyon"), "{bio}");
    let langs = a.ok(&["profile", "set-languages", "fr,en"]);
    assert!(langs.contains("You read: fr, en"), "{langs}");
    let group = a.ok(&["group", "create", "River clean-up"]);
    // The owner's bio is in the new group: the members list shows it under her name.
    let members = a.ok(&["members", "River clean-up"]);
    assert!(
        members.contains("Amara") && members.contains("    Organiser, Lyon"),
        "{members}"
    );
    a.ok(&[
        "group",
        "edit",
        "River clean-up",
        "--region",
        "Lyon",
        "--visibility",
        "request",
        "--language",
        "fr",
    ]);
    let post = a.ok(&[
        "post",
        "River clean-up",
        "Samedi au pont",
        "--title",
        "Samedi",
        "--lang",
        "fr",
    ]);
    assert_eq!(post.len(), 16, "{post}");
    // Ids may be given by their start, as `feed` shows them.
    let comment = a.ok(&["comment", &group[..8], &post[..6], "J'apporte des gants"]);
    a.ok(&["edit", &group, &post[..6], "Samedi 10h au pont"]);
    a.ok(&["edit", &group, &comment, "J'apporte des gants et des sacs"]);
    a.ok(&["react", &group, &post, "👍"]);
    let feed = a.ok(&["feed", &group]);
    assert!(
        feed.contains("Amara: Samedi — Samedi 10h au pont"),
        "the title stays: {feed}"
    );
    assert!(
        feed.contains("(edited ") && feed.contains("[fr]") && feed.contains("👍 1"),
        "{feed}"
    );
    assert!(
        feed.contains("    Amara: J'apporte des gants et des sacs"),
        "{feed}"
    );
    assert!(
        feed.contains(&post[..10]) && feed.contains(&comment[..10]),
        "{feed}"
    );

    // A moderator hides with a reason, and can see what is hidden to show it again.
    a.ok(&["hide", &group, &comment, "--reason", "off topic"]);
    assert!(
        a.ok(&["feed", &group])
            .contains("[hidden: off topic] Amara: J'apporte")
    );
    a.ok(&[
        "unhide",
        &group,
        &comment,
        "--reason",
        "it answers the post",
    ]);
    assert!(!a.ok(&["feed", &group]).contains("[hidden"));

    // Both decisions are in the group's log, with who took them in which role, and why.
    let log = a.ok(&["log", &group]);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 2, "{log}");
    assert!(
        lines[0].contains("Amara (owner) hid Amara's comment") && lines[0].ends_with(": off topic"),
        "{log}"
    );
    assert!(
        lines[1].contains("showed again") && lines[1].ends_with(": it answers the post"),
        "{log}"
    );
    // Exported, the log is checked offline, with no data folder; changed, it fails.
    let files = tempfile::tempdir().unwrap();
    let file = files.path().join("log.json");
    let exported = a.ok(&["log", "export", &group, file.to_str().unwrap()]);
    assert!(exported.contains("2 entries"), "{exported}");
    let anywhere = Person::loopback(files.path().join("elsewhere").as_path());
    let verified = anywhere.ok(&["log", "verify", file.to_str().unwrap()]);
    assert!(
        verified.starts_with("The log of River clean-up holds together: 2 entries"),
        "{verified}"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("off topic", "spam", 1)).unwrap();
    let err = anywhere.fails(&["log", "verify", file.to_str().unwrap()]);
    assert!(
        err.contains("Entry 1 of the log file is not what the group's signed history says"),
        "{err}"
    );
    std::fs::write(&file, b"not json").unwrap();
    let err = anywhere.fails(&["log", "verify", file.to_str().unwrap()]);
    assert!(err.contains("not a moderation log"), "{err}");
    assert!(
        !files.path().join("elsewhere").exists(),
        "verify made no data folder"
    );

    // The export holds everything a member sees.
    let out = tempfile::tempdir().unwrap();
    let paths = a.ok(&["export", &group, out.path().to_str().unwrap()]);
    let json_path = paths.lines().find(|l| l.ends_with(".json")).unwrap();
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json_path).unwrap()).unwrap();
    assert_eq!(doc["region"], "Lyon");
    assert_eq!(doc["visibility"], "request");
    assert_eq!(doc["languages"][0], "fr");
    assert_eq!(doc["posts"][0]["lang"], "fr");
    assert_eq!(doc["posts"][0]["reactions"][0]["reaction"], "👍");
    assert_eq!(doc["comments"][0]["post_id"], post.as_str());
    assert!(doc["members"][0]["added_at"].is_i64(), "{doc}");

    // A reader that stops early (`| head`) is no error.
    let (read, write) = std::io::pipe().unwrap();
    drop(read);
    let status = a
        .command(&["feed", &group])
        .stdout(write)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    assert!(!String::from_utf8_lossy(&status.stderr).contains("panicked"));

    a.ok(&["delete", &group, &post]);
    assert_eq!(a.ok(&["feed", &group]), "");
    let (success, _, err) = a.run(&["edit", &group, "ffff", "x"]);
    assert!(
        !success && err.contains("No post or comment here matches"),
        "{err}"
    );
    let (success, _, err) = a.run(&["member", "role", &group, "Amara", "king"]);
    assert!(
        !success && err.contains("member, moderator or admin"),
        "{err}"
    );

    // Help speaks to a person.
    let help = a.ok(&["--help"]);
    assert!(help.starts_with("Causeway: your cause groups"), "{help}");
}

/// The USB story: after joining, Bruno's laptop never meets Amara's again. What he writes
/// offline (a post, a line in the group's plan) travels as a bundle file; Amara's node takes
/// it in through the same checks as a sync. A damaged, a foreign and a stranger's file each
/// get a sentence, and nothing she holds is lost.
#[test]
fn a_bundle_on_a_stick_brings_what_bruno_wrote_offline() {
    let (dir_a, dir_b, dir_c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );
    let (a, b, c) = (
        Person::loopback(dir_a.path()),
        Person::loopback(dir_b.path()),
        Person::loopback(dir_c.path()),
    );
    a.ok(&["profile", "set-name", "Amara"]);
    let group = a.ok(&["group", "create", "River clean-up"]);
    let plan = a.ok(&["doc", "new", &group, "Plan"]);
    let node = a.start_node();
    let ticket = a.ok(&["invite", "create", &group]);
    b.ok(&["profile", "set-name", "Bruno"]);
    b.ok(&["join", &ticket]);
    b.ok(&["sync", "--timeout", "30"]);
    stop(node);

    // Offline from here on: Bruno writes, and carries a bundle of what Amara lacks.
    b.ok(&["post", &group, "I'll bring the van on Saturday"]);
    let md = dir_b.path().join("plan.md");
    std::fs::write(&md, "Bruno brings the van.\n").unwrap();
    b.ok(&[
        "doc",
        "edit",
        &group,
        &plan[..8],
        "--from",
        md.to_str().unwrap(),
    ]);
    let stick = tempfile::tempdir().unwrap();
    let file = stick.path().join("river.cwbundle");
    let wrote = b.ok(&[
        "bundle",
        "write",
        &group,
        file.to_str().unwrap(),
        "--for",
        "Amara",
    ]);
    assert!(wrote.contains("river.cwbundle"), "{wrote}");

    // A bundle cut short (the stick pulled out while writing) is refused whole.
    let bytes = std::fs::read(&file).unwrap();
    let cut = stick.path().join("cut.cwbundle");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let (ok, _, err) = a.run(&["bundle", "read", cut.to_str().unwrap()]);
    assert!(!ok && err.contains("damaged or cut short"), "{err}");
    // A file that is not a bundle.
    let (ok, _, err) = a.run(&["bundle", "read", md.to_str().unwrap()]);
    assert!(!ok && err.contains("not a Causeway bundle"), "{err}");
    // A bundle of a group Amara is not in.
    c.ok(&["profile", "set-name", "Chloé"]);
    let other = c.ok(&["group", "create", "Chess club"]);
    let foreign = stick.path().join("chess.cwbundle");
    c.ok(&["bundle", "write", &other, foreign.to_str().unwrap()]);
    let (ok, _, err) = a.run(&["bundle", "read", foreign.to_str().unwrap()]);
    assert!(!ok && err.contains("not in"), "{err}");

    // The real one: both of Bruno's changes arrive, judged like any member's.
    let read = a.ok(&["bundle", "read", file.to_str().unwrap()]);
    assert!(
        read.contains("Took in 1 change of the group and 1 change of its documents"),
        "{read}"
    );
    assert!(
        a.ok(&["feed", &group])
            .contains("Bruno: I'll bring the van on Saturday")
    );
    let text = a.ok(&["doc", "show", &group, &plan[..8]]);
    assert_eq!(text.trim(), "Bruno brings the van.");
    // Reading it again takes in nothing new.
    let again = a.ok(&["bundle", "read", file.to_str().unwrap()]);
    assert!(again.contains("Took in 0 changes"), "{again}");
}

#[test]
fn the_campaign_kit_from_the_command_line_with_sentences_for_bad_dates() {
    let dir = tempfile::tempdir().unwrap();
    let a = Person::loopback(dir.path());
    a.ok(&["profile", "set-name", "Amara"]);
    let group = a.ok(&["group", "create", "River clean-up"]);
    let event = a.ok(&[
        "event",
        "create",
        &group,
        "Saturday clean-up",
        "--start",
        "2026-12-12 10:00",
        "--tz",
        "Europe/Paris",
        "--place",
        "Old bridge",
        "--capacity",
        "20",
    ]);
    assert_eq!(event.len(), 16, "prints the event id: {event:?}");
    let shown = a.ok(&["event", "rsvp", &group, &event[..6], "yes"]);
    assert!(
        shown.contains("Sat 2026-12-12 10:00–12:00 (Europe/Paris)"),
        "{shown}"
    );
    assert!(shown.contains("going 1 of 20"), "{shown}");
    let moved = a.ok(&[
        "event",
        "edit",
        &group,
        "Saturday clean-up",
        "--start",
        "2026-12-13 10:00",
    ]);
    assert!(moved.contains("moved from Sat 2026-12-12 10:00"), "{moved}");
    let ics = dir.path().join("out").join("river.ics");
    a.ok(&["event", "ics", &group, ics.to_str().unwrap()]);
    let text = std::fs::read_to_string(&ics).unwrap();
    assert!(text.contains("DTSTART:20261213T090000Z"), "{text}");
    let agenda = a.ok(&["agenda", "--days", "400"]);
    assert!(
        agenda.contains("Saturday clean-up") && agenda.contains("(you: yes)"),
        "{agenda}"
    );
    // A date nobody can read gets a sentence with an example, and nothing is made.
    let said = a.fails(&[
        "event",
        "create",
        &group,
        "Later",
        "--start",
        "next saturday",
    ]);
    assert!(
        said.contains("is not a date; write it as 2026-12-12 10:00"),
        "{said}"
    );
    let said = a.fails(&[
        "event",
        "create",
        &group,
        "Later",
        "--start",
        "2026-12-12 10:00",
        "--end",
        "2026-12-12 09:00",
    ]);
    assert!(said.contains("end is before the start"), "{said}");
    let said = a.fails(&[
        "event",
        "create",
        &group,
        "Later",
        "--start",
        "2026-12-12 10:00",
        "--tz",
        "Mars/Base",
    ]);
    assert!(said.contains("is not a time zone"), "{said}");

    let poll = a.ok(&[
        "poll",
        "create",
        &group,
        "Which Saturday?",
        "--option",
        "12 Dec",
        "--option",
        "19 Dec",
    ]);
    let voted = a.ok(&["poll", "vote", &group, &poll, "2"]);
    assert!(voted.contains("2. 19 Dec  — 1 (Amara)"), "{voted}");
    assert!(voted.contains("members see who voted what"), "{voted}");
    a.ok(&["poll", "close", &group, "Which Saturday?"]);
    let said = a.fails(&["poll", "vote", &group, &poll, "1"]);
    assert!(said.contains("poll is closed"), "{said}");

    let task = a.ok(&["task", "add", &group, "Print flyers", "--due", "2026-12-10"]);
    assert_eq!(task.len(), 16, "{task:?}");
    a.ok(&["task", "take", &group, "Print flyers"]);
    let done = a.ok(&["task", "done", &group, &task]);
    assert!(
        done.contains("[done] Print flyers") && done.contains("Amara"),
        "{done}"
    );
    let edited = a.ok(&[
        "task",
        "edit",
        &group,
        &task,
        "--title",
        "Print 200 flyers",
        "--due",
        "",
    ]);
    assert!(
        edited.contains("Print 200 flyers") && !edited.contains("(due"),
        "{edited}"
    );

    let shift = a.ok(&[
        "shift",
        "create",
        &group,
        "Market stand",
        "--start",
        "2026-12-12 10:00",
        "--end",
        "2026-12-12 12:00",
        "--places",
        "1",
    ]);
    let joined = a.ok(&["shift", "join", &group, &shift]);
    assert!(
        joined.contains("1/1 places") && joined.contains("placed: Amara"),
        "{joined}"
    );
    let left = a.ok(&["shift", "leave", &group, "Market stand"]);
    assert!(left.contains("0/1 places"), "{left}");
    let cancelled = a.ok(&["shift", "cancel", &group, "Market stand"]);
    assert!(cancelled.contains("[cancelled]"), "{cancelled}");
    let said = a.fails(&["shift", "join", &group, &shift]);
    assert!(said.contains("cancelled"), "{said}");
}

#[test]
fn pictures_and_files_from_the_command_line_with_sentences_for_what_cannot_be() {
    let dir = tempfile::tempdir().unwrap();
    let a = Person::loopback(dir.path());
    a.ok(&["profile", "set-name", "Amara"]);
    let group = a.ok(&["group", "create", "River clean-up"]);
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    let pdf = files.join("petition.pdf");
    std::fs::write(&pdf, b"%PDF-1.7 sign here").unwrap();
    let notes = files.join("notes.jpg");
    std::fs::write(&notes, b"plain words, not a photo").unwrap();
    let post = a.ok(&[
        "post",
        &group,
        "Sign the petition",
        "--attach",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(post.len(), 16, "prints the post id: {post:?}");
    a.ok(&[
        "attachment",
        "add",
        &group,
        &post[..6],
        notes.to_str().unwrap(),
    ]);
    let listed = a.ok(&["attachment", "list", &group]);
    assert!(
        listed.contains("petition.pdf") && listed.contains("(application/pdf)"),
        "{listed}"
    );
    // A file named .jpg that is no picture is a file, not a picture.
    assert!(
        listed.contains("notes.jpg") && listed.contains("(application/octet-stream)"),
        "{listed}"
    );
    assert!(listed.contains(", here"), "{listed}");
    let hash = listed
        .lines()
        .find(|l| l.contains("petition.pdf"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_string();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let got = a.ok(&[
        "attachment",
        "get",
        &group,
        &hash[..8],
        out.to_str().unwrap(),
    ]);
    assert!(got.contains("Written to"), "{got}");
    assert_eq!(
        std::fs::read(out.join("petition.pdf")).unwrap(),
        b"%PDF-1.7 sign here"
    );
    // Again: a free name beside it, nothing replaced.
    a.ok(&[
        "attachment",
        "get",
        &group,
        &hash[..8],
        out.to_str().unwrap(),
    ]);
    assert!(out.join("petition (2).pdf").exists());
    let space = a.ok(&["attachment", "space"]);
    assert!(space.contains("River clean-up:"), "{space}");

    // What cannot be gets a sentence, and nothing is written.
    let said = a.fails(&["post", &group, "x", "--attach", "/nowhere/flyer.png"]);
    assert!(
        said.contains("/nowhere/flyer.png could not be read"),
        "{said}"
    );
    let said = a.fails(&["profile", "set-avatar", pdf.to_str().unwrap()]);
    assert!(said.contains("not a picture Causeway can show"), "{said}");
    a.ok(&["group", "set-file-limits", &group, "--max-file-mb", "1"]);
    let big = files.join("video.mp4");
    std::fs::write(&big, vec![7u8; 1_500_000]).unwrap();
    let said = a.fails(&[
        "post",
        &group,
        "the video",
        "--attach",
        big.to_str().unwrap(),
    ]);
    assert!(
        said.contains("larger than the group's limit of 1 MB"),
        "{said}"
    );
    let said = a.fails(&["attachment", "get", &group, "ffff", out.to_str().unwrap()]);
    assert!(
        said.contains("No file of this group has a hash starting with ffff"),
        "{said}"
    );
    let feed = a.ok(&["feed", &group]);
    assert!(!feed.contains("the video"), "{feed}");
}

/// Reports from the command line. Bruno reports Amara's post while her node is down: the
/// report waits, sealed, on his device, and goes with his next sync once her node is back.
/// She reads it in her queue and dismisses it; Bruno sees the outcome. Words that are not a
/// category or a decision get a sentence.
#[test]
fn a_report_waits_for_a_moderators_device_and_is_decided_from_the_command_line() {
    let (dir_a, dir_b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (a, b) = (
        Person::loopback(dir_a.path()),
        Person::loopback(dir_b.path()),
    );
    a.ok(&["profile", "set-name", "Amara"]);
    let group = a.ok(&["group", "create", "River clean-up"]);
    let node = a.start_node();
    let ticket = a.ok(&["invite", "create", &group]);
    let post = a.ok(&["post", &group, "Bikes for sale, 20 euros"]);
    b.ok(&["profile", "set-name", "Bruno"]);
    b.ok(&["join", &ticket]);
    b.ok(&["sync", "--timeout", "30"]);
    stop(node);

    let err = b.fails(&["report", &group, &post, "--category", "rude"]);
    assert!(err.contains("is not a kind of report"), "{err}");
    let said = b.ok(&[
        "report",
        &group,
        &post[..8],
        "--category",
        "spam",
        "--words",
        "Selling in the repair group",
    ]);
    assert!(
        said.contains("is sealed for the group's moderators"),
        "{said}"
    );
    let id = said.split_whitespace().nth(1).unwrap().to_string();

    let node = a.start_node();
    b.ok(&["sync", "--timeout", "30"]);
    let queue = a.ok(&["reports", &group]);
    assert!(
        queue.contains("Bruno reported Amara's post “Bikes for sale, 20 euros”: spam")
            && queue.contains("“Selling in the repair group”")
            && queue.contains("    open"),
        "{queue}"
    );
    let err = a.fails(&["moderate", &group, &id, "warn", "--reason", "x"]);
    assert!(err.contains("A warning needs its words"), "{err}");
    a.ok(&[
        "moderate",
        &group,
        &id,
        "dismiss",
        "--reason",
        "Bikes for the fundraiser are fine",
    ]);
    b.ok(&["sync", "--timeout", "30"]);
    let mine = b.ok(&["reports", &group]);
    assert!(
        mine.contains("dismiss by Amara: Bikes for the fundraiser are fine"),
        "{mine}"
    );
    let log = b.ok(&["log", &group]);
    assert!(
        log.contains("Amara (owner) dismissed a report: Bikes for the fundraiser are fine"),
        "{log}"
    );
    stop(node);

    // Blocking and muting, on Bruno's device only, by name; and undone.
    assert_eq!(
        b.ok(&["block"]),
        "You have blocked and muted no one and nothing."
    );
    let err = b.fails(&["block", "Bruno"]);
    assert!(err.contains("cannot block or mute yourself"), "{err}");
    let err = b.fails(&["block", "Zoé"]);
    assert!(err.contains("No person here matches"), "{err}");
    let list = b.ok(&["block", "Amara", "--reason", "she sells bikes"]);
    assert!(
        list.starts_with("blocked  Amara (") && list.ends_with("): she sells bikes"),
        "{list}"
    );
    let feed = b.ok(&["feed", &group]);
    assert!(!feed.contains("Bikes for sale"), "{feed}");
    b.ok(&["unblock", "Amara"]);
    assert!(b.ok(&["feed", &group]).contains("Bikes for sale"));
    b.ok(&["mute", "River clean-up"]);
    b.ok(&["mute", &post[..8]]);
    let list = b.ok(&["block"]);
    assert!(
        list.contains("muted    the news of River clean-up")
            && list.contains("muted    the thread Bikes for sale, 20 euros"),
        "{list}"
    );
    b.ok(&["unmute", "River clean-up"]);
    let list = b.ok(&["unmute", &post[..8]]);
    assert_eq!(list, "You have blocked and muted no one and nothing.");

    // He deletes all his posts and comments in the group; once, then there is nothing left.
    b.ok(&["post", &group, "I fix bikes on Saturdays"]);
    b.ok(&["comment", &group, &post[..8], "Mine is a blue one"]);
    assert_eq!(
        b.ok(&["group", "erase-mine", &group]),
        "2 posts and comments of yours were deleted."
    );
    let feed = b.ok(&["feed", &group]);
    assert!(
        !feed.contains("I fix bikes")
            && !feed.contains("blue one")
            && feed.contains("Bikes for sale"),
        "{feed}"
    );
    b.fails(&["group", "erase-mine", &group]);

    // Bruno leaves and deletes his copy: not while no member can learn that he left...
    let err = b.fails(&["group", "leave", &group, "--delete-local"]);
    assert!(
        err.contains("could be reached to learn that you left"),
        "{err}"
    );
    assert!(b.ok(&["group", "list"]).contains("River clean-up"));
    // ...then, with Amara's node running, she learns it and his copy goes.
    let node = a.start_node();
    let said = b.ok(&["group", "leave", &group, "--delete-local"]);
    assert!(said.contains("copy of the group is deleted"), "{said}");
    assert!(!b.ok(&["group", "list"]).contains("River clean-up"));
    let err = b.fails(&["feed", &group]);
    assert!(err.contains("There is no group"), "{err}");
    let members = a.ok(&["members", &group]);
    assert!(members.contains("removed  Bruno"), "{members}");
    stop(node);
    // The group is handed over only to an admin: Bruno is not one (he left).
    let err = a.fails(&["group", "transfer", &group, "Bruno"]);
    assert!(err.contains("only to an admin"), "{err}");
}
