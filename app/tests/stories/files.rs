//! Pictures and files in the window, found by role and label: Amara attaches a photo as the
//! file dialog gives it and drops a PDF on the window; the composer lists both and says that
//! photos lose their location; her post shows the picture in its place and the PDF as a chip
//! to open or save; her picture, chosen in Settings, becomes her face in the sidebar and on
//! her posts.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use crate::ui_flows::amara_in_tool_library;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

/// A PNG picture `w` x `h`, written at `path`.
fn picture(path: &std::path::Path, w: u32, h: u32) {
    image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 200) as u8, (y % 200) as u8, 120])
    })
    .save(path)
    .unwrap();
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

#[test]
fn a_photo_and_a_dropped_file_are_posted_and_shown_and_a_face_is_chosen() {
    let tmp = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let mut w = amara_in_tool_library(tmp.path());
    let photo = files.path().join("river.png");
    picture(&photo, 640, 480);
    let pdf = files.path().join("petition.pdf");
    std::fs::write(&pdf, b"%PDF-1.7 sign here").unwrap();

    // The photo as the file dialog gives it; the PDF dropped on the window.
    w.click("Write a post");
    w.h.state_mut().attach_files(vec![photo]);
    w.frame();
    w.wait_for("📎 river.png");
    w.h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(pdf)));
    w.wait_for("📎 petition.pdf");
    assert!(w.shows("Location and camera details are taken out of photos before they are shared."));
    // One of them is taken off, and put back.
    w.h.get_by_role_and_label(Role::Button, "Take river.png off")
        .click();
    w.frame();
    assert!(!w.shows("📎 river.png"), "{:?}", w.texts());
    w.h.state_mut()
        .attach_files(vec![files.path().join("river.png")]);
    w.frame();
    w.type_text("Your post", "The river before the clean-up");
    w.click("Post");
    w.wait_for("The river before the clean-up");

    // The picture takes its place at once, and shows once its thumbnail is decoded.
    w.until("the picture shown", |h| {
        h.query_by_role_and_label(Role::Button, "river.png")
            .is_some()
            && h.query_by_label_contains("Loading the picture").is_none()
    });
    w.wait_for("📄 petition.pdf");
    assert!(w.h.query_by_role_and_label(Role::Button, "Open").is_some());
    assert!(w.h.query_by_role_and_label(Role::Button, "Save").is_some());
    // Clicked, it shows whole.
    w.h.get_by_role_and_label(Role::Button, "river.png").click();
    w.frame();
    w.until("the picture seen whole", |h| {
        h.query_by_role_and_label(Role::Image, "river.png")
            .is_some()
    });
    w.click("Close");

    // Her picture, as the picture dialog gives it, becomes her face.
    let face = files.path().join("amara.png");
    picture(&face, 300, 300);
    assert!(w.h.query_by_role_and_label(Role::Image, "Amara").is_none());
    w.h.state_mut().picture_chosen(None, face);
    w.until("Amara's face", |h| {
        h.query_all_by_role_and_label(Role::Image, "Amara").count() >= 2
    });
}
