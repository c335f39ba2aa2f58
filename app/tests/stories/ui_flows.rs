//! What a member does in the window: posting, commenting, reacting, editing and deleting; the
//! invite dialog; joining (and failing to); switching language; and two app windows backed by
//! real nodes on 127.0.0.1, Amara inviting Bruno and Bruno seeing her post arrive.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::path::Path;

use crate::window::{self, Window};
use causeway_core::{NewGroup, Profile, Timestamp, Visibility};
use causeway_sync::control::BlockingNode;
use causeway_sync::{LocalNode, Network};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};

/// A node for `name` on a fresh data folder, optionally with a group of their own.
pub fn node(dir: &Path, name: &str, group: Option<&str>) -> BlockingNode {
    let mut local = LocalNode::open(dir).unwrap();
    local
        .set_profile(Profile {
            display_name: name.into(),
            ..Profile::default()
        })
        .unwrap();
    if let Some(g) = group {
        local
            .create_group(&NewGroup {
                name: g.into(),
                mission: "Tools for everyone".into(),
                causes: vec!["neighbourhood".into()],
                region: String::new(),
                languages: vec![],
                visibility: Visibility::Invite,
            })
            .unwrap();
    }
    BlockingNode::start(local, Network::Loopback).unwrap()
}

/// The one group `node` holds.
pub fn own_group(node: &BlockingNode) -> causeway_core::GroupId {
    node.node()
        .local_state(|n| n.groups().next().unwrap().id())
        .unwrap()
}

pub fn open_group(w: &mut Window, name: &str) {
    w.wait_for(name);
    // The sidebar's entry comes first (the all-groups feed names the group above its posts).
    w.h.get_all_by_label(name).next().unwrap().click();
    w.frame();
    w.wait_for("Write a post");
}

/// Amara's window on her group "Tool library", open on its feed.
pub fn amara_in_tool_library(dir: &Path) -> Window {
    let mut w = Window::on(node(dir, "Amara", Some("Tool library")));
    open_group(&mut w, "Tool library");
    w
}

pub fn post(w: &mut Window, text: &str) {
    // The composer opens from its one line.
    if w.h
        .query_by_role_and_label(Role::Button, "Write a post")
        .is_some()
    {
        w.click("Write a post");
    }
    w.type_text("Your post", text);
    w.click("Post");
    w.wait_for(text);
}

#[test]
fn a_member_posts_comments_reacts_edits_and_deletes() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = amara_in_tool_library(tmp.path());
    post(&mut w, "Who has a ladder?");

    // Comment, then answer the comment (threads are one level deep).
    w.click_label("Comment");
    w.type_line("Write a comment", "Bruno does");
    w.click("Send");
    w.wait_for("Bruno does");
    assert!(w.shows("1 comment"));
    w.h.get_all_by_role_and_label(Role::Button, "Reply")
        .next()
        .unwrap()
        .click();
    w.frame();
    // Enter in the field sends it.
    w.type_line("Write a reply", "thanks!");
    w.h.key_press(egui::Key::Enter);
    w.frame();
    w.wait_for("thanks!");
    assert!(w.shows("2 comments"));

    // React from the picker, and take the reaction back.
    w.h.get_all_by_role_and_label(Role::Button, "Add a reaction")
        .next()
        .unwrap()
        .click();
    w.frame();
    w.h.get_all_by_role_and_label(Role::Button, "👍")
        .next()
        .unwrap()
        .click();
    w.frame();
    w.wait_for("👍 1");
    w.click_label("👍 1");
    w.until("the reaction to go", |h| h.query_by_label("👍 1").is_none());

    // Edit my post.
    w.h.get_all_by_role_and_label(Role::Button, "Edit")
        .next()
        .unwrap()
        .click();
    w.frame();
    let field =
        w.h.get_by_role_and_label(Role::MultilineTextInput, "Edit the text");
    field.focus();
    w.frame();
    w.h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    w.frame();
    w.h.get_by_role_and_label(Role::MultilineTextInput, "Edit the text")
        .type_text("Who has a long ladder?");
    w.frame();
    w.click("Save");
    w.wait_for("Who has a long ladder?");
    assert!(w.shows("edited"));

    // Deleting asks first. Cancel, and then Escape, leave the post as it was.
    let ask = |w: &mut Window| {
        w.h.get_all_by_role_and_label(Role::Button, "Delete")
            .next()
            .unwrap()
            .click();
        w.frame();
        w.wait_for("Delete this post?");
    };
    ask(&mut w);
    w.click("Cancel");
    w.until("the question to go", |h| {
        !window::shows(h, "Delete this post?")
    });
    assert!(w.shows("Who has a long ladder?"));
    ask(&mut w);
    w.h.key_press(egui::Key::Escape);
    w.frame();
    w.until("Escape to close the question", |h| {
        !window::shows(h, "Delete this post?")
    });
    assert!(w.shows("Who has a long ladder?"));
    // Confirmed, it is deleted: the feed is empty again.
    ask(&mut w);
    w.click_last("Delete");
    w.wait_for("No posts yet");
}

#[test]
fn the_invite_dialog_shows_a_ticket_and_a_qr_code_and_withdraws_it() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = amara_in_tool_library(tmp.path());
    w.click("Invite people");
    w.wait_for("Invite people to Tool library");
    w.click("Create invite");
    w.until("the invite to show", |h| {
        h.query_by_role_and_label(Role::Image, "Invite as a QR code")
            .is_some()
    });
    let ticket =
        w.h.get_by_role_and_label(Role::MultilineTextInput, "Invite")
            .value()
            .unwrap();
    assert!(ticket.starts_with("cw1"), "{ticket}");
    causeway_sync::invites::Ticket::parse(&ticket).unwrap();
    w.wait_for("used 0 of 1");
    // Copying says so, and the message goes by itself (egui's clock moves a quarter of a
    // second a frame in the harness).
    w.click("Copy");
    w.wait_for("Copied");
    for _ in 0..20 {
        w.h.step();
    }
    assert!(!w.shows("Copied"), "the message stayed");
    // An open invite's text can be had again (to copy it or show its QR code once more):
    // closed and opened again, the dialog shows no invite text until asked.
    w.h.key_press(egui::Key::Escape);
    w.frame();
    w.until("the dialog to close", |h| {
        !window::shows(h, "Invite people to Tool library")
    });
    w.click("Invite people");
    w.wait_for("used 0 of 1");
    assert!(
        w.h.query_by_role_and_label(Role::MultilineTextInput, "Invite")
            .is_none()
    );
    w.click("Show again");
    w.until("the same invite again", |h| {
        h.query_by_role_and_label(Role::MultilineTextInput, "Invite")
            .and_then(|n| n.value())
            .and_then(|t| causeway_sync::invites::Ticket::parse(&t).ok())
            .is_some_and(|t| {
                Some(t.secret)
                    == causeway_sync::invites::Ticket::parse(&ticket)
                        .ok()
                        .map(|f| f.secret)
            })
    });
    // Withdrawing asks first.
    w.click("Withdraw");
    w.wait_for("Withdraw this invite?");
    w.click_last("Withdraw");
    w.until("the invite to be withdrawn", |h| {
        h.query_all_by_label_contains("used 0 of 1")
            .next()
            .is_none()
    });
    // The group's log says so, naming the invite by when it was made, not by its secret.
    w.h.key_press(egui::Key::Escape);
    w.frame();
    w.click_label("Log");
    w.until("the withdrawal in the log", |h| {
        h.query_by_label_contains("Amara withdrew the invite “made ")
            .is_some()
    });
    let secret = causeway_sync::invites::Ticket::parse(&ticket)
        .unwrap()
        .secret;
    let secret: String = secret.iter().map(|b| format!("{b:02x}")).collect();
    assert!(!window::texts_of(&w.h).iter().any(|t| t.contains(&secret)));
}

#[test]
fn a_failed_join_says_what_happened_and_what_to_do() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let amara = node(da.path(), "Amara", Some("Tool library"));
    let group = own_group(&amara);
    // An invite whose time is over.
    let expired = amara
        .node()
        .create_invite(group, None, Some(Timestamp(1)))
        .unwrap();
    let mut w = Window::on(node(db.path(), "Bruno", None));
    w.wait_for("You are not in any group yet");
    w.click("Join a group");
    w.type_text("Invite", "cw1 this is not an invite");
    w.click("Join");
    w.wait_for("This is not a complete Causeway invite. Copy the whole invite again");

    let field =
        w.h.get_by_role_and_label(Role::MultilineTextInput, "Invite");
    field.focus();
    w.frame();
    w.h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    w.frame();
    w.h.get_by_role_and_label(Role::MultilineTextInput, "Invite")
        .type_text(&expired);
    w.frame();
    w.click("Join");
    w.wait_for("This invite has expired. Ask for a new one.");
    drop(amara);
}

#[test]
fn the_language_switches_to_french_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = Window::on(node(tmp.path(), "Amara", Some("Tool library")));
    w.wait_for("My groups");
    w.click("Settings");
    w.wait_for("Export a group");
    w.h.get_by_role_and_label(Role::ComboBox, "Language")
        .click();
    w.frame();
    // The list's entry (the languages one reads are checkboxes above it).
    w.h.get_all_by_label("Français").last().unwrap().click();
    w.frame();
    w.wait_for("Mes groupes");
    assert!(w.shows("Réglages") && w.shows("Exporter un groupe"));
    assert!(!w.shows("My groups"));
    // Causes and dates follow the language too.
    w.click_label("Tool library");
    w.wait_for("Écrire une publication");
    w.click_label("À propos");
    w.wait_for("Quartier");
}

/// Amara creates "Repair café" in her window and invites Bruno, who joins in his: both
/// windows on real nodes on 127.0.0.1, open on the group's feed.
pub fn amara_invites_bruno(da: &Path, db: &Path) -> (Window, Window) {
    let mut amara = Window::on(node(da, "Amara", None));
    let mut bruno = Window::on(node(db, "Bruno", None));

    amara.wait_for("You are not in any group yet");
    amara.click("Create a group");
    amara.type_line("Group name", "Repair café");
    amara.click("Create");
    amara.wait_for("Write a post");
    amara.click("Invite people");
    amara.click("Create invite");
    amara.until("the invite to show", |h| {
        h.query_by_role_and_label(Role::Image, "Invite as a QR code")
            .is_some()
    });
    let ticket = amara
        .h
        .get_by_role_and_label(Role::MultilineTextInput, "Invite")
        .value()
        .unwrap();

    bruno.wait_for("You are not in any group yet");
    bruno.click("Join a group");
    bruno.type_text("Invite", &ticket);
    // Before joining, Bruno sees who invites him to what.
    bruno.wait_for("Amara invites you to Repair café");
    bruno.click("Join");
    bruno.wait_for("Repair café");
    bruno.wait_for("Write a post");
    amara.click("Close");
    (amara, bruno)
}

#[test]
fn amara_invites_bruno_through_the_window_and_her_post_reaches_his() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (mut amara, mut bruno) = amara_invites_bruno(da.path(), db.path());

    post(&mut amara, "Bring broken lamps on Saturday");
    bruno.wait_for("Bring broken lamps on Saturday");
    assert!(bruno.shows("Amara") && bruno.shows("just now"));
    // Bruno's window counts Amara as connected.
    bruno.wait_for("The other member is connected");
}

#[test]
fn connection_settings_are_saved_for_the_next_start() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = Window::on(node(tmp.path(), "Amara", None));
    w.wait_for("My groups");
    w.click("Settings");
    w.wait_for("Connections");
    // What the running node uses is said apart from what is saved for the next start.
    w.wait_for("This computer only (a test or a demonstration)");
    assert!(w.shows("For the next start"));
    w.click_label("Direct connections only (no relay)");
    w.click_label("Find members on the local network");
    w.click("Save connection settings");
    w.wait_for("apply the next time Causeway starts");
    let saved: causeway_sync::NetworkSettings =
        serde_json::from_slice(&std::fs::read(tmp.path().join("network.json")).unwrap()).unwrap();
    assert_eq!(
        saved,
        causeway_sync::NetworkSettings {
            relay: causeway_sync::Relay::Disabled,
            lan_discovery: false,
        }
    );
    // A relay address that is not one gets a sentence, and nothing is saved.
    w.click_label("Use our own relay");
    w.type_line("Relay address", "not a url");
    w.click("Save connection settings");
    w.wait_for("is not a relay address");
}

#[test]
fn a_long_feed_lays_out_only_what_is_in_view() {
    let tmp = tempfile::tempdir().unwrap();
    let node = node(tmp.path(), "Amara", Some("Tool library"));
    let group = own_group(&node);
    for i in 0..600 {
        let item = causeway_sync::new_item_id().unwrap();
        node.node()
            .local_state(|n| {
                n.act(&group, |g, _| {
                    g.post(
                        Timestamp(1_000_000 + i),
                        item,
                        "",
                        &format!("post number {i}"),
                        "en",
                    )
                })
            })
            .unwrap()
            .unwrap();
    }
    let mut w = Window::on(node);
    open_group(&mut w, "Tool library");
    w.wait_for("post number 599");
    // The newest posts are laid out; the oldest exist only as the list's estimated height.
    assert!(w.shows("post number 595"));
    assert!(!w.shows("post number 0"));
    let laid_out = w
        .texts()
        .iter()
        .filter(|t| t.starts_with("post number"))
        .count();
    assert!(laid_out < 40, "{laid_out} posts laid out");
}

#[test]
fn an_admin_changes_a_role_and_removes_a_member() {
    use causeway_core::{DeviceId, Role as MemberRole};
    let tmp = tempfile::tempdir().unwrap();
    let node = node(tmp.path(), "Amara", Some("Tool library"));
    let group = own_group(&node);
    let bruno = DeviceId::from_bytes([7; 32]);
    node.node()
        .local_state(|n| {
            n.act(&group, |g, now| {
                g.add_member(now, bruno, "Bruno", MemberRole::Member)
            })
        })
        .unwrap()
        .unwrap();
    let handle = node.node().clone();
    let mut w = Window::on(node);
    open_group(&mut w, "Tool library");
    w.click_label("Members");
    w.wait_for("Bruno");
    // The role list is labelled by the member's name.
    w.h.get_by_role_and_label(Role::ComboBox, "Bruno").click();
    w.frame();
    w.click_label("Moderator");
    w.until("Bruno to be a moderator", |h| {
        h.query_by_role_and_label(Role::ComboBox, "Bruno")
            .and_then(|n| n.value())
            .is_some_and(|v| v == "Moderator")
    });
    // Removing asks first, with a reason the members can read; Cancel keeps Bruno.
    w.click("Remove");
    w.wait_for("Remove Bruno from the group?");
    w.click("Cancel");
    w.until("the question to go", |h| {
        !window::shows(h, "Remove Bruno from the group?")
    });
    assert!(w.shows("Bruno"));
    w.click("Remove");
    w.wait_for("Remove Bruno from the group?");
    // Not without a reason.
    assert!(w.shows("Write a reason first"));
    let remove =
        w.h.get_all_by_role_and_label(Role::Button, "Remove")
            .last()
            .unwrap();
    assert!(remove.accesskit_node().is_disabled());
    w.type_text("Reason (members can read it)", "moved to Lyon");
    w.wait_for("487 characters left");
    w.click_last("Remove");
    w.until("Bruno to be gone", |h| !window::shows(h, "Bruno"));
    let removal = handle
        .local_state(|n| {
            n.group(&group)
                .unwrap()
                .members()
                .into_iter()
                .find(|m| m.id == bruno)
                .and_then(|m| m.removed)
        })
        .unwrap()
        .unwrap();
    assert_eq!(removal.reason, "moved to Lyon");
}

#[test]
fn an_admin_declines_a_request_to_join_after_confirming() {
    use causeway_core::DeviceId;
    let tmp = tempfile::tempdir().unwrap();
    let node = node(tmp.path(), "Amara", Some("Tool library"));
    let group = own_group(&node);
    // Chloé asked to join with an invite: her request waits for an admin.
    node.node()
        .local_state(|n| {
            n.act(&group, |g, now| {
                g.edit_meta(
                    now,
                    &causeway_core::MetaEdit {
                        visibility: Some(Visibility::Request),
                        ..Default::default()
                    },
                )
            })
            .unwrap();
            let secret = n.create_invite(&group, None, None).unwrap();
            n.admit_joiner(&group, &secret, DeviceId::from_bytes([9; 32]), "Chloé")
                .unwrap()
        })
        .unwrap();
    let mut w = Window::on(node);
    open_group(&mut w, "Tool library");
    w.click_label("Members");
    w.wait_for("Chloé");
    // One click asks first; nothing is declined yet.
    w.click("Decline");
    w.wait_for("Turn down Chloé’s request?");
    assert!(w.shows("Their request is forgotten. They can ask again with an invite."));
    w.click("Cancel");
    w.until("the question to go", |h| {
        !window::shows(h, "Turn down Chloé’s request?")
    });
    assert!(w.shows("Chloé"));
    w.click("Decline");
    w.wait_for("Turn down Chloé’s request?");
    w.click_last("Decline");
    w.until("Chloé's request to be gone", |h| {
        !window::shows(h, "Chloé")
    });
}
