//! The system's file picker (the desktop portal on Linux), off the window's thread: what was
//! chosen arrives in a later frame.

use std::path::PathBuf;
use std::sync::mpsc;

/// A picker that comes back with nothing sooner than this was not shown: no person closes a
/// dialog that fast (rfd does not say why it returned nothing).
const NOT_SHOWN: std::time::Duration = std::time::Duration::from_millis(400);

/// What a picker gave: a file, or nothing (`true`: no picker could be shown at all).
pub(in crate::window) type Picked = Result<PathBuf, bool>;

/// Opens a picker for one file of these extensions (`kind` names them in the filter).
pub(in crate::window) fn pick_file(
    ctx: &egui::Context,
    kind: String,
    extensions: &'static [&'static str],
) -> mpsc::Receiver<Picked> {
    let (tx, rx) = mpsc::channel();
    let ctx = ctx.clone();
    std::thread::spawn(move || {
        let opened = std::time::Instant::now();
        let chosen = rfd::FileDialog::new()
            .add_filter(kind, extensions)
            .pick_file();
        let _ = tx.send(chosen.ok_or(opened.elapsed() < NOT_SHOWN));
        ctx.request_repaint();
    });
    rx
}

/// Takes what the picker behind `rx` gave, if it did: `Some` once (clearing `rx`).
pub(in crate::window) fn take(rx: &mut Option<mpsc::Receiver<Picked>>) -> Option<Picked> {
    let got = match rx.as_ref()?.try_recv() {
        Ok(p) => Some(p),
        Err(mpsc::TryRecvError::Empty) => return None,
        Err(mpsc::TryRecvError::Disconnected) => None,
    };
    *rx = None;
    got
}
