//! What makes the window comfortable and safe, in the real window on a real node: long texts
//! and long names that never break the layout, messages that go by themselves, Escape,
//! Ctrl+Enter, undoing a delete, Markdown links, and errors from core in the person's language.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use causeway_app::i18n::Lang;
use egui::accesskit::Role;
use egui_kittest::kittest::{By, NodeT, Queryable};

use crate::ui_flows::{amara_in_tool_library, node, post};
use crate::window::{self, Window};

/// The harness window's size (see `Window::on_in`).
const WIDTH: f32 = 1100.0;
const HEIGHT: f32 = 800.0;

#[test]
fn a_ten_thousand_character_post_keeps_post_in_reach_and_folds_in_the_feed() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = amara_in_tool_library(tmp.path());
    w.click("Write a post");
    let long = "Bring gloves and bags. ".repeat(435);
    assert!(long.chars().count() > 10_000);
    w.type_text("Your post", &long);
    // The field grew to its limit and scrolls inside: the button is still in the window.
    let button = w.h.get_by_role_and_label(Role::Button, "Post").rect();
    assert!(
        button.max.y <= HEIGHT && button.min.y >= 0.0,
        "Post is at {button:?}, outside the window"
    );
    // Ctrl+Enter posts too.
    w.h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    w.frame();
    w.wait_for("Show more");
    w.click_label("Show more");
    w.wait_for("Show less");
}

#[test]
fn a_hundred_character_group_name_stays_inside_the_window() {
    let tmp = tempfile::tempdir().unwrap();
    let name = "Association des amis du jardin partagé de la rue des Pyrénées et de ses environs, Paris 20e arrondis";
    assert_eq!(name.chars().count(), 100);
    let mut w = Window::on(node(tmp.path(), "Amara", Some(name)));
    w.until("the group in the sidebar", |h| {
        h.query_all_by_label(name).next().is_some()
    });
    w.h.get_all_by_label(name).next().unwrap().click();
    w.frame();
    w.wait_for("Write a post");
    // No widget reaches past the window's right edge (the sidebar keeps its width; the name
    // is cut with "…" and shown whole on hover).
    for n in w.h.query_all(By::new()) {
        let node = n.accesskit_node();
        let Some(r) = node.bounding_box() else {
            continue;
        };
        assert!(
            r.x1 <= f64::from(WIDTH) + 1.0,
            "{:?} {:?} ends at x = {}",
            node.role(),
            node.label(),
            r.x1
        );
    }
    // The tabs start where they always do, at the page's left, not pushed by the name.
    let tab = w.h.get_by_label("Feed").rect();
    assert!(tab.max.x < WIDTH / 2.0, "the tabs moved to {tab:?}");
}

#[test]
fn escape_closes_a_dialog_and_the_first_field_has_the_keyboard() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = Window::on(node(tmp.path(), "Bruno", None));
    w.wait_for("You are not in any group yet");
    w.click("Join a group");
    w.wait_for("Paste the invite someone sent you");
    assert!(
        w.h.get_by_role_and_label(Role::MultilineTextInput, "Invite")
            .is_focused(),
        "the invite field does not have the keyboard"
    );
    w.h.key_press(egui::Key::Escape);
    w.frame();
    w.until("Escape to close the dialog", |h| {
        !window::shows(h, "Paste the invite someone sent you")
    });
}

#[test]
fn a_deleted_post_comes_back_with_undo() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = amara_in_tool_library(tmp.path());
    post(&mut w, "The drill is back on its shelf");
    w.click("Delete");
    w.wait_for("Delete this post?");
    w.click_last("Delete");
    w.wait_for("Post deleted.");
    w.until("the post to go", |h| {
        !window::shows(h, "The drill is back on its shelf")
    });
    w.click("Undo");
    w.wait_for("The drill is back on its shelf");
}

#[test]
fn markdown_shows_formatted_with_a_link_that_names_its_address() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = amara_in_tool_library(tmp.path());
    w.click("Write a post");
    w.type_text(
        "Your post",
        "**Repair café** on Saturday, see [the map](https://example.org/map)",
    );
    w.click("Post");
    // Rendered, not raw: the stars are gone and the link is a link.
    w.wait_for("Repair café");
    assert!(!w.shows("**Repair café**"), "Markdown shown raw");
    assert!(
        w.h.query_by_role_and_label(Role::Link, "the map").is_some(),
        "the link is not a link: {:?}",
        w.texts()
    );
}

#[test]
fn an_error_from_the_sync_layer_reads_in_german() {
    let tmp = tempfile::tempdir().unwrap();
    let node = node(tmp.path(), "Amara", Some("Werkstatt"));
    let mut w = Window::on_in(node, Lang::De);
    w.wait_for("Meine Gruppen");
    w.click("Einstellungen");
    w.wait_for("Verbindungen");
    w.click_label("Unser eigenes Relais nutzen");
    w.type_line("Adresse des Relais", "kein Relais");
    w.click("Verbindungseinstellungen speichern");
    w.wait_for("„kein Relais“ ist keine Relais-Adresse.");
    assert!(
        !w.shows("is not a relay address"),
        "English in the German window"
    );
}

#[test]
fn the_emoji_picker_finds_an_emoji_by_name_and_says_who_reacted() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = amara_in_tool_library(tmp.path());
    post(&mut w, "We have a tile cutter now");
    w.click("Add a reaction");
    w.wait_for("Search emoji by English name");
    w.type_line("Search emoji by English name", "party popper");
    // One emoji matches: it is the only one left in the grid besides the quick row.
    w.until("the search to narrow the grid", |h| {
        h.query_all_by_role(Role::Button).count() < 40
    });
    w.h.get_all_by_role_and_label(Role::Button, "🎉")
        .last()
        .unwrap()
        .click();
    w.frame();
    w.wait_for("🎉 1");
    // Pointing at it names who reacted.
    w.h.get_by_label("🎉 1").hover();
    w.frame();
    w.wait_for("Amara reacted with 🎉 (party popper)");
}

#[test]
fn a_bio_written_in_settings_shows_in_the_members_list_and_on_the_posts() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = amara_in_tool_library(tmp.path());
    post(&mut w, "Ladders are back");
    w.click("Settings");
    w.wait_for("Your profile");
    w.type_text("A few words about you", "Runs the Tuesday repair café");
    w.click("Save");
    // The owner's bio upgrades the group and is written there; the members list shows it.
    w.click_label("Tool library");
    w.click_label("Members");
    w.wait_for("Runs the Tuesday repair café");
    // Pointing at her name on a post shows it too.
    w.click_label("Feed");
    w.wait_for("Ladders are back");
    w.h.get_all_by_label("Amara").last().unwrap().hover();
    w.frame();
    w.wait_for("Runs the Tuesday repair café");
}
