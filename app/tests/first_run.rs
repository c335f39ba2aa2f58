//! The foundation's window, driven through AccessKit roles and labels.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use causeway_app::CausewayApp;
use causeway_sync::LocalNode;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn type_into(h: &mut Harness<'_, CausewayApp>, label: &str, text: &str) {
    let role = if matches!(label, "Mission" | "Write a post") {
        Role::MultilineTextInput
    } else {
        Role::TextInput
    };
    h.get_by_role_and_label(role, label).focus();
    h.run();
    h.get_by_role_and_label(role, label).type_text(text);
    h.run();
}

fn click(h: &mut Harness<'_, CausewayApp>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
}

#[test]
fn a_new_person_chooses_a_name_creates_a_group_and_posts_and_it_is_still_there_after_restart() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let node = LocalNode::open(tmp.path()).unwrap();
        let mut h = Harness::builder()
            .with_size(egui::vec2(1000.0, 700.0))
            .build_eframe(|_cc| CausewayApp::new(node));
        h.run();
        h.get_by_label("Welcome to Causeway");
        type_into(&mut h, "Your name", "Amara");
        click(&mut h, "Continue");
        h.get_by_label("You are not in any group yet");
        click(&mut h, "Create a group");
        type_into(&mut h, "Group name", "River clean-up");
        type_into(&mut h, "Mission", "Keep the Saône clean");
        click(&mut h, "Create");
        h.get_by_label("Keep the Saône clean");
        type_into(&mut h, "Title", "Saturday");
        type_into(&mut h, "Write a post", "Meet at the bridge at 10");
        click(&mut h, "Post");
        h.get_by_label("Meet at the bridge at 10");
        h.get_by_label("by Amara");
    }
    // The data folder holds everything: a new window on it shows the same group and post.
    let node = LocalNode::open(tmp.path()).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_eframe(|_cc| CausewayApp::new(node));
    h.run();
    // Once in the sidebar, once as the heading of the selected group.
    assert_eq!(h.get_all_by_label("River clean-up").count(), 2);
    h.get_by_label("Meet at the bridge at 10");
}

#[test]
fn an_empty_name_gets_a_sentence_saying_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let node = LocalNode::open(tmp.path()).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(800.0, 600.0))
        .build_eframe(|_cc| CausewayApp::new(node));
    h.run();
    click(&mut h, "Continue");
    h.get_by_label("A display name is required.");
    h.get_by_label("Welcome to Causeway");
}
