//! First run and restart, driven through AccessKit roles and labels.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

use crate::window::Window;
use causeway_sync::control::BlockingNode;
use causeway_sync::{LocalNode, Network};
use egui_kittest::kittest::Queryable;

#[test]
fn a_new_person_chooses_a_name_creates_a_group_and_posts_and_it_is_still_there_after_restart() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let mut w = Window::open(tmp.path());
        w.wait_for("Welcome to Causeway");
        w.type_line("Your name", "Amara");
        w.click("Continue");
        w.wait_for("You are not in any group yet");
        w.click("Create a group");
        w.type_line("Group name", "River clean-up");
        w.type_text("Mission", "Keep the Saône clean");
        w.click_label("Environment");
        w.type_line("Region", "Lyon");
        w.click("Create");
        w.wait_for("Keep the Saône clean");
        w.click("Write a post");
        w.type_line("Title (optional)", "Saturday");
        w.type_text("Your post", "Meet at the bridge at 10");
        w.click("Post");
        w.wait_for("Meet at the bridge at 10");
        assert!(w.shows("Amara") && w.shows("just now"));
        // The About tab shows what was entered, the cause translated.
        w.click_label("About");
        w.wait_for("Lyon");
        assert!(w.shows("Environment"));
    }
    // The data folder holds everything: a new window on it shows the same group and post.
    let mut w = Window::open(tmp.path());
    w.wait_for("Meet at the bridge at 10");
    // Once in the sidebar, once as the heading of the open group.
    assert_eq!(w.h.get_all_by_label("River clean-up").count(), 2);
}

#[test]
fn an_empty_name_gets_a_sentence_saying_what_to_do() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = Window::open(tmp.path());
    w.wait_for("Welcome to Causeway");
    w.click("Continue");
    w.wait_for("Write a name first");
    assert!(w.shows("Welcome to Causeway"));
    // Once the name is accepted, the message is gone: it is no longer true.
    w.type_line("Your name", "Amara");
    w.click("Continue");
    w.wait_for("You are not in any group yet");
    w.until("the message to go", |h| {
        !crate::window::shows(h, "Write a name first")
    });
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
    let group = local
        .create_group(&NewGroup::named("River clean-up", Visibility::Invite))
        .unwrap();
    let node = BlockingNode::start(local, Network::Loopback).unwrap();
    node.serve_control(tmp.path()).unwrap();
    let mut w = Window::on(node);
    w.wait_for("River clean-up");
    w.click_label("River clean-up");
    w.wait_for("No posts yet");
    // The window holds the data folder; the command line reaches it through its socket.
    assert!(
        LocalNode::open(tmp.path()).is_err(),
        "the folder is locked by the window"
    );
    let answer = call(
        tmp.path(),
        &Request::Post {
            group,
            text: "from the terminal".into(),
            title: String::new(),
            lang: String::new(),
            attach: Vec::new(),
        },
    )
    .unwrap();
    assert!(answer.error.is_none(), "{:?}", answer.error);
    w.wait_for("from the terminal");
}
