//! Moderation in the window, on real nodes on 127.0.0.1: Amara hides Bruno's post with a
//! reason (the dialog does not hide without one), it leaves both feeds, her Moderation tab
//! shows it greyed with who hid it and why, Show again (with a reason) brings it back for
//! Bruno too, and both decisions are in the log Bruno reads.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use crate::ui_flows::{amara_invites_bruno, post};
use crate::window;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn a_moderator_hides_a_post_with_a_reason_and_shows_it_again() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut amara, mut bruno) = amara_invites_bruno(da.path(), db.path());
    // Members have no Moderation tab and no Hide button.
    assert!(bruno.h.query_by_label("Moderation").is_none());
    post(&mut bruno, "Cheap phones, message me");
    amara.wait_for("Cheap phones, message me");

    amara.click("Hide");
    amara.wait_for("Hide this post by Bruno?");
    // No decision without a reason.
    assert!(amara.shows("Write a reason first"));
    let hide = amara
        .h
        .get_all_by_role_and_label(Role::Button, "Hide")
        .last()
        .unwrap();
    assert!(hide.accesskit_node().is_disabled());
    amara.type_text("Reason (members can read it)", "advertising");
    assert!(!amara.shows("Write a reason first"));
    amara.click_last("Hide");
    amara.until("the post to leave Amara's feed", |h| {
        !window::shows(h, "Cheap phones, message me")
    });
    // Its author still sees it, marked: he knows why the others no longer do.
    bruno.wait_for(
        "Amara hid your post: advertising. The other members no longer see it; you and the moderators do.",
    );
    assert!(bruno.shows("Cheap phones, message me"));

    amara.click_label("Moderation");
    amara.wait_for("One hidden post");
    assert!(amara.shows("Cheap phones, message me"));
    assert!(amara.shows("Hidden by Amara: advertising"));
    // Showing again asks for a reason too: the log keeps it.
    amara.click("Show again");
    amara.wait_for("Show this again?");
    amara.type_text(
        "Reason (members can read it)",
        "he sells for the repair café",
    );
    amara.click_last("Show again");
    amara.wait_for("Nothing is hidden");
    bruno.wait_for("Cheap phones, message me");

    // Every member reads both decisions in the group's log, newest first, with the reasons.
    bruno.click_label("Log");
    bruno.wait_for("Amara showed Bruno’s post “Cheap phones, message me” again");
    assert!(bruno.shows("Amara hid Bruno’s post “Cheap phones, message me”"));
    assert!(bruno.shows("advertising") && bruno.shows("he sells for the repair café"));
    // The filter keeps one kind of decision.
    bruno
        .h
        .get_by_role_and_label(Role::ComboBox, "Which decisions")
        .click();
    bruno.frame();
    bruno.click_label("Hidden");
    bruno.until("the log to keep the hide only", |h| {
        !window::shows(h, "he sells for the repair café")
    });
    assert!(bruno.shows("advertising"));
}

#[test]
fn a_member_reports_a_post_and_a_moderator_decides_it_from_the_queue() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut amara, mut bruno) = amara_invites_bruno(da.path(), db.path());
    post(&mut amara, "Bikes for sale, 20 euros");
    bruno.wait_for("Bikes for sale, 20 euros");

    // Bruno reports it: the dialog says who reads it, and sends nothing without a reason.
    bruno.click("Report");
    bruno.wait_for("Report Amara’s post");
    assert!(bruno.shows("nobody else learns that you made it"));
    let send = bruno
        .h
        .get_by_role_and_label(Role::Button, "Send the report");
    assert!(send.accesskit_node().is_disabled());
    bruno.click_label("Spam or advertising");
    bruno.type_text("In your words (optional)", "Selling in the repair group");
    bruno.click("Send the report");
    bruno.wait_for("Your report is with the moderators.");

    // Amara's window counts it, and her queue shows who reported what and why.
    amara.wait_for("Repair café, one report to decide");
    amara.click_label("Moderation (1)");
    amara.wait_for("One report to decide");
    assert!(amara.shows("Bruno reported it: Spam or advertising"));
    assert!(amara.shows("“Selling in the repair group”"));
    amara.type_line(
        "Reason (members can read it)",
        "Bikes for the café's fundraiser are fine",
    );
    amara.click("Dismiss");
    amara.wait_for("No reports to decide");

    // Bruno learns what became of it.
    bruno.click_label("Log");
    bruno.wait_for("Your reports");
    bruno.wait_for("dismissed by a moderator: Bikes for the café's fundraiser are fine");
}

#[test]
fn a_member_blocks_someone_mutes_a_thread_and_undoes_both_in_settings() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut amara, mut bruno) = amara_invites_bruno(da.path(), db.path());
    post(&mut bruno, "You will all regret this");
    amara.wait_for("You will all regret this");
    post(&mut amara, "Clean-up on Sunday at ten");
    bruno.wait_for("Clean-up on Sunday at ten");

    // Another's thread folds to one line, with a way back (her own has no Mute thread).
    amara.click("Mute thread");
    amara.wait_for("You muted this thread: You will all regret this");
    amara.click("Show again");
    amara.until("the thread whole again", |h| {
        !window::shows(h, "You muted this thread: You will all regret this")
    });

    // Blocking asks first, with a reason only Amara reads.
    amara.click_label("Members");
    amara.click("Block");
    amara.wait_for("Block Bruno?");
    amara.type_text("Why (optional; only you read it)", "threats");
    amara.click_last("Block");
    amara.wait_for("Blocked by you");
    amara.click_label("Feed");
    amara.until("his post to leave Amara's feed", |h| {
        !window::shows(h, "You will all regret this")
    });
    assert!(amara.shows("Clean-up on Sunday at ten"));
    // Bruno is not told: his own feed still shows his post and hers.
    assert!(bruno.shows("You will all regret this"));

    // Settings lists him, and unblocking brings his post back.
    amara.click_label("Settings");
    amara.wait_for("Blocked: Bruno (threats)");
    amara.click("Unblock");
    amara.wait_for("You have not blocked or muted anyone or anything.");
    amara.click_label("Repair café");
    amara.wait_for("You will all regret this");
}

#[test]
fn a_member_leaves_and_deletes_the_copy_after_confirming() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut amara, mut bruno) = amara_invites_bruno(da.path(), db.path());
    post(&mut amara, "Welcome to the repair café");
    bruno.wait_for("Welcome to the repair café");
    // The owner cannot leave: no button.
    amara.click_label("About");
    assert!(amara.h.query_by_label("Leave this group").is_none());

    bruno.click_label("About");
    bruno.click("Leave and delete my copy");
    bruno.wait_for("Delete your copy of Repair café?");
    bruno.click("Cancel");
    assert!(!bruno.shows("Delete your copy of Repair café?"));
    assert!(
        bruno.shows("Leave and delete my copy"),
        "still in the group"
    );
    bruno.click("Leave and delete my copy");
    bruno.click("Delete my copy");
    bruno.wait_for("You are not in any group yet. Create a group for your cause, or join one with an invite you received.");
    // Amara's node learnt it before the copy went.
    amara.click_label("Members");
    amara.until("Bruno gone from Amara's members", |h| {
        !window::shows(h, "Bruno")
    });
}

#[test]
fn the_owner_hands_the_group_over_to_an_admin_after_confirming() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut amara, mut bruno) = amara_invites_bruno(da.path(), db.path());
    amara.click_label("Members");
    amara.wait_for("Bruno");
    // Only an admin can take the group: no handover for a member.
    assert!(amara.h.query_by_label("Hand the group over").is_none());
    amara
        .h
        .get_by_role_and_label(Role::ComboBox, "Bruno")
        .click();
    amara.frame();
    amara.click_label("Admin");
    amara.wait_for("Hand the group over");
    amara.click("Hand the group over");
    amara.wait_for("Hand Repair café over to Bruno?");
    amara.click_last("Hand the group over");
    // Amara is an admin now; on Bruno's side he is the owner, and may remove her.
    amara.until("Amara's own role to be admin", |h| {
        h.query_by_label("Hand the group over").is_none()
    });
    bruno.click_label("Members");
    bruno.until("Bruno to own the group", |h| {
        h.query_by_role_and_label(Role::ComboBox, "Amara")
            .and_then(|n| n.value())
            .is_some_and(|v| v == "Admin")
    });
    assert!(bruno.shows("Remove"));
}
