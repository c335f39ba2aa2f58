//! Driving the app's window in tests: egui_kittest finds widgets by AccessKit role and label.
//! Waiting is event-driven: between frames the test blocks on the node's next event (a view
//! published, a request answered), bounded in time; it never sleeps.
#![allow(dead_code)]

use std::path::Path;
use std::sync::mpsc;
use std::time::Instant;

use causeway_app::i18n::Lang;
use causeway_app::{CausewayApp, Saved};
use causeway_sync::control::BlockingNode;
use causeway_sync::{LocalNode, Network};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};

use crate::support::LIMIT;

/// One app window, backed by a real node on 127.0.0.1.
pub struct Window {
    pub h: Harness<'static, CausewayApp>,
    events: mpsc::Receiver<()>,
}

impl Window {
    /// A window on a data folder, in English whatever the machine's language.
    pub fn open(dir: &Path) -> Window {
        let node = BlockingNode::start(LocalNode::open(dir).unwrap(), Network::Loopback).unwrap();
        Window::on(node)
    }

    /// A window on a running node, in English.
    pub fn on(node: BlockingNode) -> Window {
        Window::on_in(node, Lang::En)
    }

    /// A window on a running node, in `lang`.
    pub fn on_in(node: BlockingNode, lang: Lang) -> Window {
        let (tx, events) = mpsc::channel();
        node.on_change(move || {
            let _ = tx.send(());
        });
        let saved = Saved {
            lang: Some(lang),
            ..Saved::default()
        };
        let h = Harness::builder()
            .with_size(egui::vec2(1100.0, 800.0))
            .build_eframe(move |_cc| CausewayApp::new(node, Some(saved)));
        let mut w = Window { h, events };
        w.frame();
        w
    }

    /// Runs frames until the window stops asking for more (a virtual list measuring its rows
    /// asks for several); something that never stops (a spinner) gets a bounded number.
    pub fn frame(&mut self) {
        for _ in 0..20 {
            if self.h.run_ok().is_some() {
                return;
            }
        }
    }

    /// Frames until `cond` holds, waiting for the node's events in between.
    pub fn until(&mut self, what: &str, cond: impl Fn(&Harness<'static, CausewayApp>) -> bool) {
        let deadline = Instant::now() + LIMIT;
        loop {
            self.frame();
            if cond(&self.h) {
                return;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if self.events.recv_timeout(left).is_err() {
                self.frame();
                assert!(
                    cond(&self.h),
                    "{what} did not happen within {LIMIT:?}; the window shows: {:?}",
                    self.texts()
                );
                return;
            }
            // Take every event already queued: one frame shows them all.
            while self.events.try_recv().is_ok() {}
        }
    }

    /// Waits until some widget's label contains `text`.
    pub fn wait_for(&mut self, text: &str) {
        self.until(&format!("{text:?} showing"), |h| shows(h, text));
    }

    /// Every text in the window: widgets' labels and text labels' values.
    pub fn texts(&self) -> Vec<String> {
        texts_of(&self.h)
    }

    /// Whether some widget's label contains `text` now.
    pub fn shows(&self, text: &str) -> bool {
        shows(&self.h, text)
    }

    /// Clicks the button labelled `label` (scrolled into view first, as a person would).
    pub fn click(&mut self, label: &str) {
        self.h
            .get_by_role_and_label(Role::Button, label)
            .scroll_to_me();
        self.frame();
        self.h.get_by_role_and_label(Role::Button, label).click();
        self.frame();
    }

    /// Clicks the last button labelled `label`: in an open dialog, the dialog's (it is drawn
    /// above the page, after it).
    pub fn click_last(&mut self, label: &str) {
        self.h
            .get_all_by_role_and_label(Role::Button, label)
            .last()
            .unwrap()
            .click();
        self.frame();
    }

    /// Clicks whatever is labelled `label` (tabs, toggles, list entries).
    pub fn click_label(&mut self, label: &str) {
        self.h.get_by_label(label).scroll_to_me();
        self.frame();
        self.h.get_by_label(label).click();
        self.frame();
    }

    /// Types into the one-line field labelled `label`.
    pub fn type_line(&mut self, label: &str, text: &str) {
        self.type_into(Role::TextInput, label, text);
    }

    /// Types into the multi-line field labelled `label`.
    pub fn type_text(&mut self, label: &str, text: &str) {
        self.type_into(Role::MultilineTextInput, label, text);
    }

    fn type_into(&mut self, role: Role, label: &str, text: &str) {
        self.h.get_by_role_and_label(role, label).scroll_to_me();
        self.frame();
        self.h.get_by_role_and_label(role, label).focus();
        self.frame();
        self.h.get_by_role_and_label(role, label).type_text(text);
        self.frame();
    }
}

/// Every text in a window: widgets' labels, and the values of text labels (AccessKit gives a
/// label's text as its value).
pub fn texts_of(h: &Harness<'static, CausewayApp>) -> Vec<String> {
    h.query_all(By::new())
        .flat_map(|n| {
            let node = n.accesskit_node();
            // Only text labels' values: a text field's value is what was typed into it.
            let value = (node.role() == Role::Label).then(|| node.value()).flatten();
            [node.label(), value]
        })
        .flatten()
        .collect()
}

/// Whether some widget's label, or some text label's value, contains `text`.
pub fn shows(h: &Harness<'static, CausewayApp>, text: &str) -> bool {
    h.query_all_by_label_contains(text).next().is_some()
        || texts_of(h).iter().any(|t| t.contains(text))
}
