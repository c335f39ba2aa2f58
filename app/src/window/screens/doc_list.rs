//! A group's list of shared documents: a new one (titled, or from a Markdown file), and each
//! document with who made it, who changed it last and how long it is; moderators hide and
//! show them.

use causeway_sync::views::{GroupView, Snapshot};
use egui::Ui;

use super::docs::DocEditor;
use crate::window::CausewayApp;
use crate::window::design::{S, XS, kit};

impl CausewayApp {
    /// The Documents tab: the open document, or the list.
    pub(in crate::window) fn documents(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView) {
        self.take_picked_markdown();
        if self.doc_editor.as_ref().is_some_and(|e| e.group == g.id) {
            self.editor(ui, snap, g);
            return;
        }
        let can_create = g.my_role.is_some();
        if can_create {
            self.take_dropped_markdown(ui.ctx(), g.id);
            kit::card(ui, |ui| {
                ui.horizontal(|ui| {
                    let label = self.i18n.t("docs-new-title");
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut self.new_doc.title)
                            .hint_text(label.clone())
                            .desired_width((ui.available_width() - 340.0).max(120.0)),
                    );
                    field.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label)
                    });
                    let ready = !self.new_doc.title.trim().is_empty()
                        && self.new_doc.title.chars().count()
                            <= causeway_core::group::MAX_DOC_TITLE;
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if (kit::primary(ui, &self.i18n.t("docs-new"), ready).clicked() || enter)
                        && ready
                    {
                        self.create_document(g.id, None);
                    }
                    let choosing = self.new_doc.importing.is_some();
                    let from_file = ui.add_enabled(
                        !choosing,
                        egui::Button::new(self.i18n.t("docs-new-from-file")),
                    );
                    if from_file.clicked() {
                        self.pick_markdown(ui.ctx(), g.id);
                    }
                });
                kit::secondary(ui, self.i18n.t("docs-new-from-file-help"));
            });
            ui.add_space(S);
        }
        let docs: Vec<_> = g
            .documents
            .iter()
            .filter(|d| {
                d.hidden.is_none()
                    || g.my_role
                        .is_some_and(|r| r >= causeway_core::Role::Moderator)
            })
            .cloned()
            .collect();
        // Archived documents after the others.
        let mut docs = docs;
        docs.sort_by_key(|d| d.archived);
        if docs.is_empty() {
            kit::empty_state(
                ui,
                &self.i18n.t("docs-none"),
                &self.i18n.t("docs-none-help"),
            );
            return;
        }
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                for d in docs {
                    let by = g
                        .members
                        .iter()
                        .find(|m| m.id == d.creator)
                        .map_or_else(|| d.creator.fmt_short(), |m| m.name.clone());
                    kit::card(ui, |ui| {
                        let title = egui::Button::new(kit::strong(d.title.clone())).frame(false);
                        let title = ui.add(title.truncate());
                        let when = self.i18n.datetime(d.created);
                        let mut line = self
                            .i18n
                            .a("docs-by", &[("name", by.into()), ("when", when.into())]);
                        if d.archived {
                            line = format!("{line} · {}", self.i18n.t("docs-archived"));
                        }
                        if let Some(h) = &d.hidden {
                            line = format!(
                                "{line} · {}",
                                self.i18n
                                    .a("docs-hidden", &[("detail", h.reason.clone().into())])
                            );
                        }
                        ui.add(
                            egui::Label::new(
                                egui::RichText::new(line).color(kit::palette(ui).muted),
                            )
                            .truncate(),
                        );
                        if let Some(sum) = g.doc_summaries.get(&d.id) {
                            let name = sum.last_by.map_or_else(String::new, |who| {
                                g.members
                                    .iter()
                                    .find(|m| m.id == who)
                                    .map_or_else(|| who.fmt_short(), |m| m.name.clone())
                            });
                            let last = self.i18n.a(
                                "docs-last",
                                &[
                                    ("name", name.into()),
                                    ("when", self.i18n.datetime(sum.last_at).into()),
                                    ("count", sum.chars.into()),
                                ],
                            );
                            ui.add(
                                egui::Label::new(
                                    egui::RichText::new(last).color(kit::palette(ui).muted),
                                )
                                .truncate(),
                            );
                        }
                        if title.clicked() {
                            self.doc_editor = Some(DocEditor::new(g.id, d.id));
                        }
                        let moderator = g
                            .my_role
                            .is_some_and(|r| r >= causeway_core::Role::Moderator);
                        if moderator {
                            if d.hidden.is_some() {
                                if ui.button(self.i18n.t("doc-unhide")).clicked() {
                                    self.submit(
                                        causeway_sync::control::Request::Doc {
                                            group: g.id,
                                            req: causeway_sync::control::DocRequest::Hide {
                                                doc: d.id,
                                                reason: None,
                                            },
                                        },
                                        crate::window::Waiting::Other,
                                    );
                                }
                            } else if ui.button(self.i18n.t("doc-hide")).clicked() {
                                self.ask_first(crate::window::confirm::Ask::HideDocument {
                                    group: g.id,
                                    doc: d.id,
                                    title: d.title.clone(),
                                });
                            }
                        }
                    });
                    ui.add_space(XS);
                }
            });
    }
}
