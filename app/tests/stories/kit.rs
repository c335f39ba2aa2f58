//! The campaign kit in the window, found by role and label as a person would: Amara creates an
//! event with one place, answers it and finds it in her agenda; asks the group a question,
//! votes and closes the poll after confirming; makes a shift and signs up; adds a task, takes
//! it and marks it done.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use crate::ui_flows::amara_in_tool_library;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

#[test]
fn an_event_is_created_answered_and_found_in_the_agenda() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = amara_in_tool_library(tmp.path());
    w.click_label("Events");
    w.wait_for("No events coming up");
    w.click("New event");
    w.type_line("Title", "Repair café");
    w.type_line("Places (leave empty for no limit)", "1");
    w.type_text("What it is about", "Bring a broken lamp");
    w.click("Create the event");
    w.wait_for("0 of 1 places taken");
    assert!(w.shows("Repair café"));
    w.click("Going");
    w.wait_for("1 of 1 places taken");
    w.wait_for("Going: Amara");
    // The feed shows what is coming up, with the same answer.
    w.click_label("Feed");
    w.wait_for("Coming up");
    assert!(w.shows("Repair café"));
    // The agenda has it among the events she goes to, and in its month.
    w.click_label("Agenda");
    w.wait_for("You are going");
    assert!(w.shows("Repair café"));
    w.click_label("Month");
    w.wait_for("Today");
}

#[test]
fn a_poll_is_voted_in_and_closed_after_confirming() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = amara_in_tool_library(tmp.path());
    w.click_label("Polls");
    w.wait_for("Votes are not secret: every member sees who voted what.");
    w.click("New poll");
    w.type_line("Question", "Which Saturday?");
    w.type_line("Option 1", "12 Dec");
    w.type_line("Option 2", "19 Dec");
    w.click("Another option");
    w.type_line("Option 3", "9 Jan");
    w.click("Ask the group");
    w.wait_for("Which Saturday?");
    w.h.get_by_role_and_label(Role::RadioButton, "19 Dec")
        .click();
    w.frame();
    w.click("Vote");
    w.wait_for("1 member voted");
    w.click("Close the poll");
    // Closing asks first: nothing happens until confirmed.
    w.wait_for("Close “Which Saturday?”?");
    w.click_last("Close the poll");
    w.wait_for("Closed");
    assert!(w.h.query_by_role_and_label(Role::Button, "Vote").is_none());
}

#[test]
fn a_shift_is_signed_up_for_and_a_task_taken_and_done() {
    let tmp = tempfile::tempdir().unwrap();
    let mut w = amara_in_tool_library(tmp.path());
    w.click_label("Events");
    w.click("New shift");
    w.type_line("What it is", "Market stand");
    w.click("Create the shift");
    w.wait_for("0 of 3 places taken");
    w.click("Sign up");
    w.wait_for("You have a place.");
    assert!(w.shows("1 of 3 places taken"));
    w.click("Withdraw");
    w.wait_for("0 of 3 places taken");

    w.click_label("Tasks");
    w.type_line("New task", "Print flyers");
    w.click("Add the task");
    w.wait_for("Print flyers");
    w.click("I’ll do it");
    w.wait_for("On it: Amara");
    w.click("Done");
    w.wait_for("[done]");
}
