//! A group's Tasks tab: the task list (open ones first, by due date), each with who is on it
//! and where it stands; any member takes a task, those on it move it along.

use causeway_core::view::{Status, Task};
use causeway_sync::control::KitRequest;
use causeway_sync::views::GroupView;
use egui::{RichText, Ui};

use super::kit_state::kit_request;
use super::{KitForm, when};
use crate::window::design::{S, kit};
use crate::window::{CausewayApp, Waiting};

impl CausewayApp {
    /// The Tasks tab.
    pub(in crate::window) fn tasks_tab(&mut self, ui: &mut Ui, g: &GroupView) {
        egui::ScrollArea::vertical()
            .id_salt(("tasks", g.id))
            .auto_shrink(false)
            .show(ui, |ui| {
                if g.my_role.is_some() {
                    self.task_form(ui, g);
                }
                ui.add_space(S);
                let tasks = g.kit.task_list();
                if tasks.is_empty() {
                    kit::empty_state(
                        ui,
                        &self.i18n.t("tasks-none"),
                        &self.i18n.t("tasks-none-body"),
                    );
                }
                for t in tasks {
                    self.task_row(ui, g, t);
                }
            });
    }

    fn task_row(&mut self, ui: &mut Ui, g: &GroupView, t: &Task) {
        let me = self.node.node().device_id();
        kit::card(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let status = self.i18n.t(match t.status {
                    Status::Open => "task-open",
                    Status::Doing => "task-doing",
                    Status::Done => "task-done",
                });
                let p = kit::palette(ui);
                let c = if t.status == Status::Done {
                    p.muted
                } else {
                    p.accent
                };
                ui.label(kit::strong(format!("[{status}]")).color(c));
                let mut title = RichText::new(&t.title);
                if t.status == Status::Done {
                    title = title.strikethrough();
                }
                ui.add(egui::Label::new(title).wrap());
            });
            if let Some(due) = t.due {
                let late = due < causeway_sync::now() && t.status != Status::Done;
                let text = self.i18n.a(
                    "task-due",
                    &[("when", when::moment(&self.i18n, due, true).into())],
                );
                let p = kit::palette(ui);
                ui.label(
                    RichText::new(text)
                        .small()
                        .color(if late { p.danger } else { p.muted }),
                );
            }
            if !t.notes.is_empty() {
                ui.add(egui::Label::new(&t.notes).wrap());
            }
            if !t.assignees.is_empty() {
                let names: Vec<String> = t
                    .assignees
                    .iter()
                    .map(|d| g.name_of(*d).map_or_else(|| d.fmt_short(), str::to_owned))
                    .collect();
                kit::secondary(
                    ui,
                    self.i18n
                        .a("task-on-it", &[("names", names.join(", ").into())]),
                );
            }
            if g.my_role.is_none() {
                return;
            }
            ui.horizontal_wrapped(|ui| {
                let on_it = t.assignees.contains(&me);
                if !on_it && ui.button(self.i18n.t("task-take")).clicked() {
                    self.submit(
                        kit_request(
                            g.id,
                            KitRequest::TaskTake {
                                task: t.id,
                                off: false,
                            },
                        ),
                        Waiting::Other,
                    );
                }
                if on_it && ui.button(self.i18n.t("task-let-go")).clicked() {
                    self.submit(
                        kit_request(
                            g.id,
                            KitRequest::TaskTake {
                                task: t.id,
                                off: true,
                            },
                        ),
                        Waiting::Other,
                    );
                }
                if t.may_change(me, g.my_role) {
                    for (status, key) in [
                        (Status::Doing, "task-mark-doing"),
                        (Status::Done, "task-mark-done"),
                        (Status::Open, "task-reopen"),
                    ] {
                        if t.status != status && ui.button(self.i18n.t(key)).clicked() {
                            self.submit(
                                kit_request(g.id, KitRequest::TaskStatus { task: t.id, status }),
                                Waiting::Other,
                            );
                        }
                    }
                }
            });
        });
    }

    /// The one-line form that adds a task, with an optional due date.
    fn task_form(&mut self, ui: &mut Ui, g: &GroupView) {
        let (mut title, mut due) = match self.kit.task_form.take() {
            Some((id, t, d)) if id == g.id => (t, d),
            _ => (String::new(), String::new()),
        };
        ui.horizontal_wrapped(|ui| {
            let l = ui.label(self.i18n.t("task-new"));
            ui.add(
                egui::TextEdit::singleline(&mut title)
                    .char_limit(causeway_core::limits::POST_TITLE)
                    .desired_width(260.0),
            )
            .labelled_by(l.id);
            let l = ui.label(self.i18n.t("task-due-label"));
            ui.add(
                egui::TextEdit::singleline(&mut due)
                    .char_limit(16)
                    .desired_width(120.0)
                    .hint_text("2026-12-12"),
            )
            .labelled_by(l.id);
            let busy = self.is_waiting(|w| matches!(w, Waiting::Kit(KitForm::Task)));
            if kit::primary(
                ui,
                &self.i18n.t("task-add"),
                !title.trim().is_empty() && !busy,
            )
            .clicked()
            {
                let due = Some(due.trim().to_owned()).filter(|d| !d.is_empty());
                self.submit(
                    kit_request(
                        g.id,
                        KitRequest::TaskAdd {
                            title: title.trim().to_owned(),
                            notes: String::new(),
                            due,
                        },
                    ),
                    Waiting::Kit(KitForm::Task),
                );
            }
        });
        self.kit.task_form = Some((g.id, title, due));
    }
}
