//! The document settings the creator and admins see in the editor: the title, archiving,
//! who may edit (every member, admins, or the members ticked).

use causeway_core::{DocEntry, DocId, GroupId};
use causeway_sync::views::GroupView;
use egui::Ui;

use crate::window::CausewayApp;
use crate::window::design::kit;

impl CausewayApp {
    pub(super) fn doc_settings(
        &mut self,
        ui: &mut Ui,
        g: &GroupView,
        group: GroupId,
        doc: DocId,
        e: &DocEntry,
    ) {
        egui::CollapsingHeader::new(self.i18n.t("doc-settings"))
            .id_salt(("doc-settings", doc))
            .show(ui, |ui| {
                let Some(ed) = self.doc_editor.as_mut() else {
                    return;
                };
                let mut title_now = ed.title_form.get_or_insert_with(|| e.title.clone()).clone();
                let form = &mut title_now;
                ui.horizontal(|ui| {
                    let label = self.i18n.t("doc-title");
                    ui.add(egui::TextEdit::singleline(form).desired_width(260.0))
                        .widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label)
                        });
                    let changed = form.trim() != e.title && !form.trim().is_empty();
                    if kit::primary(ui, &self.i18n.t("doc-rename"), changed).clicked() {
                        self.submit(
                            causeway_sync::control::Request::Doc {
                                group,
                                req: causeway_sync::control::DocRequest::Rename {
                                    doc,
                                    title: form.trim().to_string(),
                                },
                            },
                            crate::window::Waiting::Other,
                        );
                    }
                });
                if let Some(ed) = self.doc_editor.as_mut() {
                    ed.title_form = Some(title_now.clone());
                }
                let archive_label = self.i18n.t(if e.archived {
                    "doc-unarchive"
                } else {
                    "doc-archive"
                });
                if ui.button(archive_label).clicked() {
                    self.submit(
                        causeway_sync::control::Request::Doc {
                            group,
                            req: causeway_sync::control::DocRequest::Archive {
                                doc,
                                archived: !e.archived,
                            },
                        },
                        crate::window::Waiting::Other,
                    );
                }
                let mut editors = e.editors;
                let options = vec![
                    (
                        causeway_core::DocEditors::All,
                        self.i18n.t("doc-editors-all"),
                    ),
                    (
                        causeway_core::DocEditors::Admins,
                        self.i18n.t("doc-editors-admins"),
                    ),
                    (
                        causeway_core::DocEditors::Listed,
                        self.i18n.t("doc-editors-listed"),
                    ),
                ];
                super::choice_named(
                    ui,
                    ("doc-editors", doc),
                    &self.i18n.t("doc-editors"),
                    &mut editors,
                    options,
                );
                if editors != e.editors {
                    self.submit(
                        causeway_sync::control::Request::Doc {
                            group,
                            req: causeway_sync::control::DocRequest::Editors {
                                doc,
                                editors,
                                listed: e.listed.iter().map(|d| d.to_hex()).collect(),
                            },
                        },
                        crate::window::Waiting::Other,
                    );
                }
                if e.editors == causeway_core::DocEditors::Listed {
                    // Who is listed: every current member but the creator and admins
                    // (who may always edit).
                    let mut listed: Vec<String> = e.listed.iter().map(|d| d.to_hex()).collect();
                    let before = listed.clone();
                    for m in g.members.iter().filter(|m| {
                        m.role.is_some_and(|r| r < causeway_core::Role::Admin) && m.id != e.creator
                    }) {
                        super::member_checkbox(ui, &mut listed, &m.id.to_hex(), &m.name);
                    }
                    if listed != before {
                        self.submit(
                            causeway_sync::control::Request::Doc {
                                group,
                                req: causeway_sync::control::DocRequest::Editors {
                                    doc,
                                    editors: causeway_core::DocEditors::Listed,
                                    listed,
                                },
                            },
                            crate::window::Waiting::Other,
                        );
                    }
                }
            });
    }
}
