//! A group's moderation log, for every member: each decision with who took it, in which
//! role, when and why, newest first, filtered by kind of decision; and written out as a file
//! that `causeway log verify` checks anywhere. The node reads the log (`Request::Log`) again
//! whenever the group's content changed.
use std::path::PathBuf;

use causeway_core::GroupId;
use causeway_sync::audit::{LogLine, LogTarget};
use causeway_sync::control::Request;
use causeway_sync::views::GroupView;
use egui::{ScrollArea, Ui};

use crate::window::design::{S, kit};
use crate::window::toast::Tone;
use crate::window::{CausewayApp, Waiting};

/// The log shown, with what it was read for.
#[derive(Debug, Default)]
pub(in crate::window) struct LogState {
    /// The group and the build of its view the lines were asked for.
    pub(in crate::window) asked: Option<(GroupId, u64)>,
    /// The lines, once the node answered (oldest first, as it gives them).
    pub(in crate::window) lines: Option<(GroupId, Vec<LogLine>)>,
    /// Only decisions of this kind (`None`: all).
    filter: Option<&'static str>,
}

/// The kinds of decision the filter offers, with their label.
const KINDS: [(&str, &str); 7] = [
    ("hide", "log-filter-hide"),
    ("unhide", "log-filter-unhide"),
    ("dismiss", "log-filter-dismiss"),
    ("warn", "log-filter-warn"),
    ("remove", "log-filter-remove"),
    ("role", "log-filter-role"),
    ("withdraw", "log-filter-withdraw"),
];

impl CausewayApp {
    pub(in crate::window) fn log_tab(&mut self, ui: &mut Ui, g: &GroupView) {
        if self.log.asked != Some((g.id, g.build)) {
            self.log.asked = Some((g.id, g.build));
            self.submit(Request::Log { group: g.id }, Waiting::Log);
        }
        ui.horizontal_wrapped(|ui| {
            let mut options = vec![(None, self.i18n.t("log-filter-all"))];
            options.extend(
                KINDS
                    .iter()
                    .map(|(k, label)| (Some(*k), self.i18n.t(label))),
            );
            let name = self.i18n.t("log-filter");
            super::choice_named(
                ui,
                ("log-filter", g.id),
                &name,
                &mut self.log.filter,
                options,
            );
            let busy = self.is_waiting(|w| matches!(w, Waiting::LogExport));
            if ui
                .add_enabled(!busy, egui::Button::new(self.i18n.t("log-export")))
                .on_hover_text(self.i18n.t("log-export-help"))
                .clicked()
            {
                self.export_log(g);
            }
        });
        kit::secondary(ui, self.i18n.t("log-help"));
        ui.add_space(S);
        if !g.i_am_moderator() {
            self.my_warnings(ui, g);
            self.my_reports(ui, g);
        }
        let lines = match &self.log.lines {
            Some((id, lines)) if *id == g.id => lines.clone(),
            _ => {
                ui.spinner();
                return;
            }
        };
        let filter = self.log.filter;
        let shown: Vec<&LogLine> = lines
            .iter()
            .rev()
            .filter(|l| filter.is_none_or(|f| l.action == f))
            .collect();
        ScrollArea::vertical()
            .id_salt(("log", g.id))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if shown.is_empty() {
                    kit::empty_state(
                        ui,
                        &self.i18n.t("log-empty"),
                        &self.i18n.t("log-empty-help"),
                    );
                }
                for l in shown {
                    kit::card(ui, |ui| {
                        ui.add(egui::Label::new(kit::strong(self.log_sentence(l))).wrap());
                        if !l.reason.is_empty() {
                            ui.add(egui::Label::new(&l.reason).wrap());
                        }
                        let role = self.role_word(&l.role);
                        kit::secondary(
                            ui,
                            format!(
                                "{} · {role}",
                                self.i18n.ago(causeway_core::Timestamp(l.at), Self::now())
                            ),
                        );
                    });
                }
            });
    }

    /// What a decision was, as a sentence: "Chloé hid Bruno's post “Cheap phones”".
    fn log_sentence(&self, l: &LogLine) -> String {
        let by = || ("name", l.by_name.clone().into());
        match (&l.action[..], &l.target) {
            (
                "hide" | "unhide",
                LogTarget::Item {
                    kind,
                    author,
                    words,
                    ..
                },
            ) => self.i18n.a(
                if l.action == "hide" {
                    "log-hid"
                } else {
                    "log-unhid"
                },
                &[
                    by(),
                    ("other", author.clone().into()),
                    ("kind", kind.clone().into()),
                    ("title", words.clone().into()),
                ],
            ),
            ("remove", LogTarget::Member { name, .. }) => self
                .i18n
                .a("log-removed", &[by(), ("other", name.clone().into())]),
            ("role", LogTarget::Member { name, .. }) => self.i18n.a(
                "log-role",
                &[
                    by(),
                    ("other", name.clone().into()),
                    ("role", self.role_word(&l.new_role).into()),
                ],
            ),
            ("withdraw", LogTarget::Invite { name }) => self
                .i18n
                .a("log-withdrew", &[by(), ("title", name.clone().into())]),
            _ => self.i18n.a("log-other", &[by()]),
        }
    }

    /// A role's word as the log gives it, in the person's language.
    fn role_word(&self, role: &str) -> String {
        self.role_text(causeway_core::Role::parse(role))
    }

    fn export_log(&mut self, g: &GroupView) {
        if self.export_dir.trim().is_empty() {
            let said = self.i18n.t("export-folder-needed");
            self.say(Tone::Error, said);
            return;
        }
        let name = super::bundles::file_stem(g);
        let file = PathBuf::from(self.export_dir.trim())
            .join(format!("{name} log ({}).json", g.id.fmt_short()));
        self.submit(Request::LogExport { group: g.id, file }, Waiting::LogExport);
    }
}
