//! The foundation's window, driven through AccessKit roles and labels.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use causeway_app::CausewayApp;
use causeway_sync::control::BlockingNode;
use causeway_sync::{LocalNode, Network};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The app's window on a data folder, with its node on 127.0.0.1.
fn window(dir: &std::path::Path) -> Harness<'static, CausewayApp> {
    let node = BlockingNode::start(LocalNode::open(dir).unwrap(), Network::Loopback).unwrap();
    Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_eframe(|_cc| CausewayApp::new(node))
}

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
        let mut h = window(tmp.path());
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
    let mut h = window(tmp.path());
    h.run();
    // Once in the sidebar, once as the heading of the selected group.
    assert_eq!(h.get_all_by_label("River clean-up").count(), 2);
    h.get_by_label("Meet at the bridge at 10");
}

#[test]
fn an_empty_name_gets_a_sentence_saying_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let mut h = window(tmp.path());
    h.run();
    click(&mut h, "Continue");
    h.get_by_label("A display name is required.");
    h.get_by_label("Welcome to Causeway");
}

#[cfg(unix)]
#[test]
fn while_the_window_is_open_the_command_line_posts_through_it() {
    use causeway_core::{NewGroup, Profile, Visibility};
    use causeway_sync::control::{Request, call};
    let tmp = tempfile::tempdir().unwrap();
    let mut local = LocalNode::open(tmp.path()).unwrap();
    local
        .set_profile(Profile {
            display_name: "Amara".into(),
            ..Profile::default()
        })
        .unwrap();
    local
        .create_group(&NewGroup {
            name: "River clean-up".into(),
            mission: String::new(),
            causes: vec![],
            region: String::new(),
            languages: vec![],
            visibility: Visibility::Invite,
        })
        .unwrap();
    let node = BlockingNode::start(local, Network::Loopback).unwrap();
    node.serve_control(tmp.path()).unwrap();
    let mut h = Harness::builder()
        .with_size(egui::vec2(1000.0, 700.0))
        .build_eframe(|_cc| CausewayApp::new(node));
    h.run();
    h.get_by_label("No posts yet. Write the first one above.");
    // The window holds the data folder; the command line reaches it through its socket.
    assert!(
        LocalNode::open(tmp.path()).is_err(),
        "the folder is locked by the window"
    );
    let answer = call(
        tmp.path(),
        &Request::Post {
            group: "River clean-up".into(),
            text: "from the terminal".into(),
            title: String::new(),
        },
    )
    .unwrap();
    assert!(answer.error.is_none(), "{:?}", answer.error);
    h.run();
    h.get_by_label("from the terminal");
}
