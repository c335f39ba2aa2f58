//! Reports in the window: Report on someone's post or comment opens a dialog (why, in a few
//! categories, and optional words; who reads it), the moderators' queue heads the Moderation
//! tab (open reports by item, oldest first, each decided with a reason: hide, dismiss, warn
//! in a private note, remove), and a member finds the reports they made, with what became of
//! them, on the Log tab. The node opens the reports (`ModRequest::Queue`) again whenever the
//! group's content changed.
use std::collections::HashMap;

use causeway_core::view::Category;
use causeway_core::{GroupId, ItemId};
use causeway_sync::control::{ModRequest, ReportLine, Request, WarningLine};
use causeway_sync::views::GroupView;
use egui::{Context, TextEdit, Ui};

use crate::window::design::{S, XS, kit};
use crate::window::{CausewayApp, Waiting};

/// The report being written.
#[derive(Debug)]
pub(in crate::window) struct ReportForm {
    group: GroupId,
    /// As a request names it: `post:<id>`, `comment:<id>`.
    target: String,
    /// What it is, in words: "Bruno's post".
    about: String,
    category: Option<Category>,
    words: String,
}

/// The reports this device opens, as last read, and the moderators' drafts.
#[derive(Debug, Default)]
pub(in crate::window) struct ReportsState {
    /// The group and build of its view they were asked for.
    asked: Option<(GroupId, u64)>,
    /// What the node answered.
    pub(in crate::window) lines: Option<(GroupId, Vec<ReportLine>)>,
    /// Per report: the reason, and a warning's private words, as typed.
    drafts: HashMap<ItemId, (String, String)>,
    /// The report dialog, when open.
    pub(in crate::window) form: Option<ReportForm>,
    /// The warnings to me, as last read, with the group and build they were asked for.
    warnings_asked: Option<(GroupId, u64)>,
    pub(in crate::window) warnings: Option<(GroupId, Vec<WarningLine>)>,
}

/// Longest words of a report, in characters.
const MAX_WORDS: usize = causeway_core::view::MAX_REPORT_WORDS;

impl CausewayApp {
    /// The Report button under someone else's post or comment.
    pub(in crate::window) fn report_button(
        &mut self,
        ui: &mut Ui,
        group: GroupId,
        target: String,
        about: String,
    ) {
        if ui.small_button(self.i18n.t("report")).clicked() {
            self.reports.form = Some(ReportForm {
                group,
                target,
                about,
                category: None,
                words: String::new(),
            });
        }
    }

    /// The report dialog, when open.
    pub(in crate::window) fn report_dialog(&mut self, ctx: &Context) {
        let Some(mut f) = self.reports.form.take() else {
            return;
        };
        let title = self
            .i18n
            .a("report-title", &[("name", f.about.clone().into())]);
        let close = self.i18n.t("close");
        let (labels, help, words_label, send, cancel, pick) = (
            Category::ALL
                .into_iter()
                .map(|c| (c, self.i18n.t(category_key(c))))
                .collect::<Vec<_>>(),
            self.i18n.t("report-help"),
            self.i18n.t("report-words"),
            self.i18n.t("report-send"),
            self.i18n.t("cancel"),
            self.i18n.t("report-pick"),
        );
        let counter = self.i18n.a(
            "chars-left",
            &[(
                "count",
                MAX_WORDS.saturating_sub(f.words.chars().count()).into(),
            )],
        );
        let (answer, closed) = kit::dialog(ctx, "report", &title, &close, 440.0, |ui| {
            ui.label(&help);
            ui.add_space(XS);
            for (c, label) in labels {
                ui.radio_value(&mut f.category, Some(c), label);
            }
            ui.add_space(XS);
            let label = ui.label(&words_label);
            ui.add(
                TextEdit::multiline(&mut f.words)
                    .char_limit(MAX_WORDS)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            kit::secondary(ui, &counter);
            if f.category.is_none() {
                kit::secondary(ui, &pick);
            }
            ui.add_space(XS);
            ui.horizontal(|ui| {
                if ui.button(&cancel).clicked() {
                    Some(false)
                } else if kit::primary(ui, &send, f.category.is_some()).clicked() {
                    Some(true)
                } else {
                    None
                }
            })
            .inner
        });
        match answer {
            Some(true) => {
                if let Some(c) = f.category {
                    self.submit(
                        Request::Moderation {
                            group: f.group,
                            req: ModRequest::Report {
                                target: f.target,
                                category: c.as_str().to_owned(),
                                words: f.words.trim().to_owned(),
                            },
                        },
                        Waiting::Report,
                    );
                }
            }
            Some(false) => {}
            None if closed => {}
            None => self.reports.form = Some(f),
        }
    }

    /// Asks the node for the reports of `g` again when its content changed since.
    fn refresh_reports(&mut self, g: &GroupView) {
        if self.reports.asked != Some((g.id, g.build)) {
            self.reports.asked = Some((g.id, g.build));
            self.submit(
                Request::Moderation {
                    group: g.id,
                    req: ModRequest::Queue,
                },
                Waiting::Queue(g.id),
            );
        }
    }

    fn report_lines(&self, g: &GroupView) -> Option<Vec<ReportLine>> {
        match &self.reports.lines {
            Some((id, lines)) if *id == g.id => Some(lines.clone()),
            _ => None,
        }
    }

    /// The queue, at the head of the Moderation tab: open reports by item, oldest first.
    pub(in crate::window) fn queue(&mut self, ui: &mut Ui, g: &GroupView) {
        self.refresh_reports(g);
        let Some(lines) = self.report_lines(g) else {
            ui.spinner();
            return;
        };
        let mut open: Vec<&ReportLine> = lines.iter().filter(|l| l.decisions.is_empty()).collect();
        // By item, the oldest report of each first.
        open.sort_by(|a, b| {
            let first = |t: &str| {
                lines
                    .iter()
                    .filter(|l| l.target == t && l.decisions.is_empty())
                    .map(|l| l.at)
                    .min()
                    .unwrap_or_default()
            };
            first(&a.target)
                .cmp(&first(&b.target))
                .then(a.target.cmp(&b.target))
                .then(a.at.cmp(&b.at))
        });
        kit::title(
            ui,
            self.i18n.a("queue-title", &[("count", open.len().into())]),
        );
        if open.is_empty() {
            kit::secondary(ui, self.i18n.t("queue-empty"));
            ui.add_space(S);
            return;
        }
        let mut last_target = None;
        for l in open {
            if last_target != Some(&l.target) {
                last_target = Some(&l.target);
                ui.add(egui::Label::new(kit::strong(self.about_text(l))).wrap());
            }
            kit::card(ui, |ui| self.queued(ui, g, l));
        }
        ui.add_space(S);
    }

    /// What a report is about, in words: "Mallory’s post “…”".
    fn about_text(&self, l: &ReportLine) -> String {
        let kind = l.target.split_once(':').map_or("", |(k, _)| k).to_owned();
        self.i18n.a(
            "report-about",
            &[
                ("kind", kind.into()),
                ("name", l.about.clone().into()),
                ("title", l.words_of_item.clone().into()),
            ],
        )
    }

    /// One open report, with the moderator's decision.
    fn queued(&mut self, ui: &mut Ui, g: &GroupView, l: &ReportLine) {
        ui.label(self.i18n.a(
            "report-by",
            &[
                ("name", l.reporter_name.clone().into()),
                ("kind", self.i18n.t(category_key_of(&l.category)).into()),
            ],
        ));
        if !l.words.is_empty() {
            ui.add(egui::Label::new(format!("“{}”", l.words)).wrap());
        }
        kit::secondary(
            ui,
            self.i18n.ago(causeway_core::Timestamp(l.at), Self::now()),
        );
        let (reason_label, note_label) = (self.i18n.t("reason-label"), self.i18n.t("warn-words"));
        let (reason, note) = self.reports.drafts.entry(l.id).or_default();
        let label = ui.label(&reason_label);
        ui.add(
            TextEdit::singleline(reason)
                .char_limit(500)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        let label = ui.label(&note_label);
        ui.add(
            TextEdit::singleline(note)
                .char_limit(MAX_WORDS)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        let (has_reason, has_note) = (!reason.trim().is_empty(), !note.trim().is_empty());
        let item = !l.target.starts_with("member:");
        // Nobody warns or removes themselves, and the owner cannot be removed.
        let author = causeway_core::DeviceId::from_hex(&l.about_device).ok();
        let mine = author.is_some() && author == Some(self.node.node().device_id());
        let owner = author.is_some_and(|a| {
            g.members
                .iter()
                .any(|m| m.id == a && m.role == Some(causeway_core::Role::Owner))
        });
        let mut decided = None;
        ui.horizontal_wrapped(|ui| {
            if item
                && ui
                    .add_enabled(has_reason, egui::Button::new(self.i18n.t("hide")))
                    .clicked()
            {
                decided = Some("hide");
            }
            if ui
                .add_enabled(has_reason, egui::Button::new(self.i18n.t("report-dismiss")))
                .clicked()
            {
                decided = Some("dismiss");
            }
            if author.is_some()
                && !mine
                && ui
                    .add_enabled(
                        has_reason && has_note,
                        egui::Button::new(self.i18n.t("report-warn")),
                    )
                    .clicked()
            {
                decided = Some("warn");
            }
            if g.i_am_admin()
                && author.is_some()
                && !mine
                && !owner
                && ui
                    .add_enabled(has_reason, egui::Button::new(self.i18n.t("remove")))
                    .clicked()
            {
                decided = Some("remove");
            }
        });
        if !has_reason {
            kit::secondary(ui, self.i18n.t("reason-needed"));
        }
        if let Some(verdict) = decided
            && let Some((reason, note)) = self.reports.drafts.remove(&l.id)
        {
            self.submit(
                Request::Moderation {
                    group: g.id,
                    req: ModRequest::Decide {
                        report: l.id,
                        verdict: verdict.to_owned(),
                        reason: reason.trim().to_owned(),
                        words: note.trim().to_owned(),
                    },
                },
                Waiting::Other,
            );
        }
    }

    /// The warnings moderators wrote to me, with their words (on the Log tab).
    pub(in crate::window) fn my_warnings(&mut self, ui: &mut Ui, g: &GroupView) {
        if self.reports.warnings_asked != Some((g.id, g.build)) {
            self.reports.warnings_asked = Some((g.id, g.build));
            self.submit(
                Request::Moderation {
                    group: g.id,
                    req: ModRequest::Warnings,
                },
                Waiting::Warnings(g.id),
            );
        }
        let Some((_, warnings)) = self.reports.warnings.as_ref().filter(|(id, _)| *id == g.id)
        else {
            return;
        };
        for w in warnings.clone().iter().rev() {
            kit::card(ui, |ui| {
                let c = kit::palette(ui).warn;
                ui.label(
                    egui::RichText::new(
                        self.i18n
                            .a("warned-you", &[("name", w.by_name.clone().into())]),
                    )
                    .color(c),
                );
                ui.add(egui::Label::new(format!("“{}”", w.words)).wrap());
                kit::secondary(
                    ui,
                    self.i18n.ago(causeway_core::Timestamp(w.at), Self::now()),
                );
            });
        }
    }

    /// The reports I made, and what became of them (on the Log tab, for members).
    pub(in crate::window) fn my_reports(&mut self, ui: &mut Ui, g: &GroupView) {
        self.refresh_reports(g);
        let Some(lines) = self.report_lines(g) else {
            return;
        };
        if lines.is_empty() {
            return;
        }
        kit::title(ui, self.i18n.t("my-reports"));
        for l in lines.iter().rev() {
            kit::card(ui, |ui| {
                ui.add(egui::Label::new(kit::strong(self.about_text(l))).wrap());
                let kind = self.i18n.t(category_key_of(&l.category));
                match l.decisions.last() {
                    None => {
                        ui.label(self.i18n.a("my-report-open", &[("kind", kind.into())]));
                    }
                    Some((action, _, reason)) => {
                        ui.label(self.i18n.a(
                            "my-report-decided",
                            &[
                                ("kind", kind.into()),
                                ("action", action.clone().into()),
                                ("reason", reason.clone().into()),
                            ],
                        ));
                    }
                }
            });
        }
        ui.add_space(S);
    }
}

/// The message of a category's name.
fn category_key(c: Category) -> &'static str {
    match c {
        Category::Hate => "category-hate",
        Category::Sexual => "category-sexual",
        Category::Violence => "category-violence",
        Category::Doxing => "category-doxing",
        Category::Harassment => "category-harassment",
        Category::Spam => "category-spam",
        Category::Illegal => "category-illegal",
        Category::Other => "category-other",
    }
}

/// [`category_key`] of a category's word, as the node gives it.
fn category_key_of(word: &str) -> &'static str {
    Category::parse(word).map_or("category-other", category_key)
}
