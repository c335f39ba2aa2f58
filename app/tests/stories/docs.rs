//! Shared documents in the window: two windows on real nodes on 127.0.0.1 write one
//! document together; bold and a list survive the round trip, and what one types reaches the
//! other's window while the other's cursor stays where it was.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use causeway_sync::control::{Output, Request};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

use crate::ui_flows::{node, open_group, own_group};
use crate::window::Window;

fn text_of(w: &Window) -> String {
    w.h.get_by_role_and_label(Role::MultilineTextInput, "Document text")
        .value()
        .unwrap_or_default()
}

#[test]
fn two_members_write_one_document_in_their_windows() {
    let (da, db) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let amara_node = node(da.path(), "Amara", Some("Tool library"));
    let group = own_group(&amara_node);
    let Output::Invite(t) = amara_node
        .execute(Request::InviteCreate {
            group,
            uses: None,
            expires_in_secs: None,
        })
        .unwrap()
    else {
        panic!("no invite")
    };
    let bruno_node = node(db.path(), "Bruno", None);
    bruno_node
        .execute(Request::Join { ticket: t.ticket })
        .unwrap();
    let mut amara = Window::on(amara_node);
    let mut bruno = Window::on(bruno_node);

    // Amara starts the campaign plan and writes its first line.
    open_group(&mut amara, "Tool library");
    amara.click_label("Documents");
    amara.wait_for("No documents yet");
    amara.type_line("Title of a new document", "Campaign plan");
    amara.click("New document");
    amara.wait_for("Document text");
    amara.type_text("Document text", "Bring ladders");
    amara.h.state_mut().write_typing_now();

    // Bruno opens it and sees her text.
    open_group(&mut bruno, "Tool library");
    bruno.click_label("Documents");
    bruno.wait_for("Campaign plan");
    // The list says who changed it last and how long it is.
    bruno.until("the last change in Bruno's list", |h| {
        h.query_by_label_contains("last changed by Amara").is_some()
            && h.query_by_label_contains("13 characters").is_some()
    });
    bruno.click("Campaign plan");
    bruno.until("Amara's text at Bruno's", |h| {
        h.query_by_role_and_label(Role::MultilineTextInput, "Document text")
            .and_then(|n| n.value())
            .is_some_and(|v| v == "Bring ladders")
    });
    // Amara's window shows that Bruno has the document open too.
    amara.wait_for("Also here: Bruno");
    // Bruno types a new list item at the end: Enter, then text, as a person types.
    bruno.type_text("Document text", "\nand gloves");
    bruno.h.state_mut().write_typing_now();
    amara.until("Bruno's line at Amara's", |h| {
        h.query_by_role_and_label(Role::MultilineTextInput, "Document text")
            .and_then(|n| n.value())
            .is_some_and(|v| v == "Bring ladders\nand gloves")
    });
    assert_eq!(text_of(&bruno), "Bring ladders\nand gloves");

    // Bruno makes his line a list item (the cursor is in it), and all of the text bold.
    bruno.click_label("Kind of paragraph");
    bruno.click_label("Bulleted list");
    bruno
        .h
        .get_by_role_and_label(Role::MultilineTextInput, "Document text")
        .focus();
    bruno.frame();
    bruno
        .h
        .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    bruno.frame();
    bruno.click("Bold");
    // Both ends hold the same document: bold and the list survive the round trip.
    let markdown = |w: &Window| {
        let doc =
            w.h.state()
                .node()
                .node()
                .local_state(|n| n.group(&group).unwrap().documents()[0].id);
        let req = Request::Doc {
            group,
            req: causeway_sync::control::DocRequest::Show {
                doc: doc.unwrap(),
                at: None,
                markdown: true,
            },
        };
        match w.h.state().node().execute(req).unwrap() {
            Output::DocText(t) => t.text,
            other => panic!("{other:?}"),
        }
    };
    let want = "**Bring ladders**\n\n- **and gloves**\n";
    assert_eq!(markdown(&bruno), want);
    amara.until("the list and the bold at Amara's", |h| {
        let doc = h
            .state()
            .node()
            .node()
            .local_state(|n| n.group(&group).unwrap().documents()[0].id);
        let req = Request::Doc {
            group,
            req: causeway_sync::control::DocRequest::Show {
                doc: doc.unwrap(),
                at: None,
                markdown: true,
            },
        };
        matches!(h.state().node().execute(req), Ok(Output::DocText(t)) if t.text == want)
    });

    // A link on all of it, set from the toolbar.
    bruno
        .h
        .get_by_role_and_label(Role::MultilineTextInput, "Document text")
        .focus();
    bruno.frame();
    bruno
        .h
        .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    bruno.frame();
    bruno.click("Link…");
    bruno.type_line("Link address", "https://example.org/rota");
    bruno.click("Set link");
    assert!(
        markdown(&bruno).contains("](https://example.org/rota)"),
        "{}",
        markdown(&bruno)
    );
    // The history says who wrote which paragraph.
    bruno.click("History");
    bruno.click_label("Who wrote what");
    bruno.wait_for("“Bring ladders” — Amara");
    assert!(bruno.shows("“and gloves” — Bruno"), "{:?}", bruno.texts());
    bruno.click("Close history");
    // Undo takes back Amara's own typing, not Bruno's.
    let before = text_of(&amara);
    amara.type_text("Document text", " now");
    assert_eq!(text_of(&amara), format!("{before} now"));
    amara
        .h
        .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    amara.frame();
    assert_eq!(text_of(&amara), before);
    amara.h.state_mut().write_typing_now();

    // Amara exports it from the editor: Markdown and an .automerge file Automerge loads.
    let out = tempfile::tempdir().unwrap();
    amara.h.state_mut().set_export_folder(out.path());
    amara.click("Export…");
    amara.until("the export written", |h| {
        h.query_by_label_contains("was written as").is_some()
    });
    let written: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let md = written
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "md"));
    let md = std::fs::read_to_string(md.expect("a Markdown file")).unwrap();
    assert!(
        md.contains("- [**and gloves**](https://example.org/rota)"),
        "{md}"
    );
    let am = written
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "automerge"))
        .expect("an Automerge file");
    automerge::Automerge::load(&std::fs::read(am).unwrap()).expect("Automerge loads it");

    // Amara, the owner, hides it (asked first, with a reason); Bruno's list no longer has it.
    amara.click("← All documents");
    amara.click("Hide");
    amara.type_text("Reason (members can read it)", "moved to the wiki");
    amara.click_last("Hide");
    amara.wait_for("hidden by a moderator: moved to the wiki");
    bruno.click("← All documents");
    bruno.until("the document gone from Bruno's list", |h| {
        h.query_by_label_contains("Campaign plan").is_none()
    });

    // Bruno drops a Markdown file on his window: a document is made from it, titled by the
    // file's name, and opens.
    let flyer = db.path().join("Flyer.md");
    std::fs::write(&flyer, "# Market day\n\nCome to the **stand** at ten.\n").unwrap();
    bruno
        .h
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(flyer)));
    bruno.until("the dropped file's document open", |h| {
        h.query_by_role_and_label(Role::MultilineTextInput, "Document text")
            .and_then(|n| n.value())
            .is_some_and(|v| v == "Market day\nCome to the stand at ten.")
    });
    assert!(bruno.shows("Flyer"), "{:?}", bruno.texts());

    // Bruno writes the group to a bundle from its About tab; Amara drops the file on her
    // window and it is taken in (nothing new: they are connected).
    let stick = tempfile::tempdir().unwrap();
    bruno.h.state_mut().set_export_folder(stick.path());
    bruno.click_label("About");
    bruno.click("Write a bundle");
    bruno.until("the bundle written", |h| {
        h.query_by_label_contains("The bundle was written to")
            .is_some()
    });
    let file = std::fs::read_dir(stick.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "cwbundle"))
        .expect("a bundle file");
    amara
        .h
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(file)));
    amara.until("the bundle taken in", |h| {
        h.query_by_label_contains("The bundle brought").is_some()
    });
}

/// A file dropped on the window.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}
