//! The document editor's history: its versions, any of them shown, compared with now or
//! restored, and who wrote which paragraph.

use causeway_core::ChangeHash;
use causeway_core::docs::Edit;
use causeway_sync::views::GroupView;
use egui::Ui;

use super::doc_text::Mirror;
use super::docs::VersionLine;
use crate::window::CausewayApp;
use crate::window::design::kit;

impl CausewayApp {
    pub(super) fn toggle_history(&mut self, g: &GroupView) {
        let Some(ed) = self.doc_editor.as_mut() else {
            return;
        };
        if ed.history.take().is_some() {
            ed.viewing = None;
            return;
        }
        let names: std::collections::HashMap<_, _> =
            g.members.iter().map(|m| (m.id, m.name.clone())).collect();
        // Read from the view the editor shows: no lock is taken on this thread. (Until the
        // first view arrives, a moment after the editor opens, there is no history to show.)
        let Some(view) = ed.view.clone() else {
            return;
        };
        let versions = view.doc.versions();
        ed.authors = by_paragraph(&ed.mirror, &ed.text, &view.doc.authorship(), &names);
        ed.history = Some(
            versions
                .into_iter()
                .rev()
                .map(|v| VersionLine {
                    number: v.number,
                    author: v
                        .author
                        .map(|a| names.get(&a).cloned().unwrap_or_else(|| a.fmt_short()))
                        .unwrap_or_default(),
                    at: v.to,
                    heads: v.heads,
                })
                .collect(),
        );
    }

    pub(super) fn history_panel(&mut self, ui: &mut Ui) {
        let Some(ed) = self.doc_editor.as_ref() else {
            return;
        };
        let (group, doc, can_edit) = (ed.group, ed.doc, ed.can_edit);
        let lines = ed.history.clone().unwrap_or_default();
        let viewing = ed.viewing.as_ref().map(|v| v.0);
        let mut show: Option<(usize, Vec<ChangeHash>)> = None;
        let mut compare: Option<(usize, Vec<ChangeHash>)> = None;
        let mut restore: Option<Vec<ChangeHash>> = None;
        let mut back = false;
        let authors = ed.authors.clone();
        egui::ScrollArea::vertical()
            .id_salt(("doc-history", doc))
            .show(ui, |ui| {
                if viewing.is_some() && ui.button(self.i18n.t("doc-back-to-now")).clicked() {
                    back = true;
                }
                egui::CollapsingHeader::new(self.i18n.t("doc-who-wrote"))
                    .id_salt(("doc-who-wrote", doc))
                    .show(ui, |ui| {
                        for (start, names) in &authors {
                            ui.add(egui::Label::new(format!("“{start}” — {names}")).truncate());
                        }
                    });
                for v in &lines {
                    kit::card(ui, |ui| {
                        let head = self.i18n.a(
                            "doc-version",
                            &[
                                ("count", v.number.into()),
                                ("name", v.author.clone().into()),
                                ("when", self.i18n.datetime(v.at).into()),
                            ],
                        );
                        ui.add(egui::Label::new(head).truncate());
                        ui.horizontal(|ui| {
                            if ui
                                .add_enabled(
                                    viewing != Some(v.number),
                                    egui::Button::new(self.i18n.t("doc-show-version")),
                                )
                                .clicked()
                            {
                                show = Some((v.number, v.heads.clone()));
                            }
                            if ui.button(self.i18n.t("doc-compare")).clicked() {
                                compare = Some((v.number, v.heads.clone()));
                            }
                            if can_edit && ui.button(self.i18n.t("doc-restore")).clicked() {
                                restore = Some(v.heads.clone());
                            }
                        });
                    });
                }
            });
        let blocking = self.node.clone();
        let _rt = blocking.enter();
        let node = blocking.node().clone();
        let Some(ed) = self.doc_editor.as_mut() else {
            return;
        };
        if back {
            ed.viewing = None;
            ed.comparing = None;
        }
        let Some(view) = ed.view.clone() else {
            return;
        };
        if let Some((n, heads)) = compare {
            ed.comparing = Some((n, view.doc.diff(&heads, None)));
            ed.viewing = None;
        }
        if let Some((n, heads)) = show
            && let Ok(rich) = view.doc.rich_text_at(Some(&heads))
        {
            ed.viewing = Some((n, rich));
            ed.comparing = None;
        }
        if let Some(heads) = restore
            && let Ok(rich) = view.doc.rich_text_at(Some(&heads))
        {
            match node.edit_document(group, doc, &[Edit::Replace(rich)]) {
                Ok(_) => {
                    ed.viewing = None;
                    ed.history = None;
                    ed.base.clear();
                }
                Err(e) => {
                    ed.error = Some(super::super::failure::failure(
                        &self.i18n,
                        &causeway_sync::control::Failure::from(&e),
                    ))
                }
            }
        }
    }
}

/// Who wrote each paragraph: its first words and its authors' names, most characters first.
fn by_paragraph(
    mirror: &Mirror,
    text: &str,
    runs: &[(Option<causeway_core::DeviceId>, usize)],
    names: &std::collections::HashMap<causeway_core::DeviceId, String>,
) -> Vec<(String, String)> {
    // The author of every document position.
    let mut of_pos: Vec<Option<causeway_core::DeviceId>> = Vec::new();
    for (who, n) in runs {
        of_pos.extend(std::iter::repeat_n(*who, *n));
    }
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let start = mirror.line_start(i);
        let len = line.chars().count();
        let mut counts: Vec<(causeway_core::DeviceId, usize)> = Vec::new();
        for who in of_pos.iter().skip(start).take(len).flatten() {
            match counts.iter_mut().find(|(d, _)| d == who) {
                Some((_, n)) => *n += 1,
                None => counts.push((*who, 1)),
            }
        }
        counts.sort_by_key(|c| std::cmp::Reverse(c.1));
        let who: Vec<String> = counts
            .iter()
            .map(|(d, _)| names.get(d).cloned().unwrap_or_else(|| d.fmt_short()))
            .collect();
        let preview: String = line.chars().take(32).collect();
        out.push((preview, who.join(", ")));
    }
    out
}
