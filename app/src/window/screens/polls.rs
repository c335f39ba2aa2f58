//! A group's Polls tab: each question with its live results and who voted what (the tab says
//! plainly that members see it), my vote, options added by members where the poll takes them,
//! closing; and the form that asks a new question.

use causeway_core::view::{MAX_OPTIONS, MIN_OPTIONS, Poll};
use causeway_sync::control::KitRequest;
use causeway_sync::views::GroupView;
use egui::{RichText, Ui};

use super::KitForm;
use super::kit_state::{Ballot, PollForm, kit_request};
use crate::window::confirm::Ask;
use crate::window::design::{S, XS, kit};
use crate::window::{CausewayApp, Waiting};

impl CausewayApp {
    /// The Polls tab.
    pub(in crate::window) fn polls_tab(&mut self, ui: &mut Ui, g: &GroupView) {
        egui::ScrollArea::vertical()
            .id_salt(("polls", g.id))
            .auto_shrink(false)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    if g.my_role.is_some()
                        && self.kit.poll_form.is_none()
                        && kit::primary(ui, &self.i18n.t("poll-new"), true).clicked()
                    {
                        self.kit.poll_form = Some((g.id, PollForm::default()));
                    }
                });
                kit::secondary(ui, self.i18n.t("poll-not-secret"));
                ui.add_space(S);
                if self
                    .kit
                    .poll_form
                    .as_ref()
                    .is_some_and(|(id, _)| *id == g.id)
                {
                    self.poll_form(ui, g);
                }
                let polls = g.kit.polls_newest();
                if polls.is_empty() {
                    kit::empty_state(
                        ui,
                        &self.i18n.t("polls-none"),
                        &self.i18n.t("polls-none-body"),
                    );
                }
                for p in polls {
                    self.poll_card(ui, g, p);
                }
            });
    }

    fn poll_card(&mut self, ui: &mut Ui, g: &GroupView, p: &Poll) {
        let me = self.node.node().device_id();
        let mine = p.vote_of(me);
        let voters = p.voters().max(1);
        let closed = p.closed.is_some();
        let mut ballot = self.kit.ballots.remove(&p.id).unwrap_or_else(|| Ballot {
            ticked: mine.clone(),
            new_option: String::new(),
        });
        kit::card(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                kit::title(ui, &p.question);
                if closed {
                    let c = kit::palette(ui).muted;
                    ui.label(kit::strong(self.i18n.t("poll-closed")).color(c));
                }
            });
            kit::secondary(
                ui,
                self.i18n.a(
                    if p.multiple {
                        "poll-how-multiple"
                    } else {
                        "poll-how-single"
                    },
                    &[("count", p.voters().into())],
                ),
            );
            ui.add_space(XS);
            let can_vote = g.my_role.is_some() && !closed;
            for o in &p.options {
                ui.horizontal(|ui| {
                    let mut on = ballot.ticked.contains(&o.id);
                    let changed = if p.multiple {
                        ui.add_enabled(can_vote, egui::Checkbox::new(&mut on, &o.text))
                            .changed()
                    } else {
                        let r = ui.add_enabled(can_vote, egui::RadioButton::new(on, &o.text));
                        if r.clicked() {
                            on = true;
                        }
                        r.clicked()
                    };
                    if changed {
                        if !p.multiple {
                            ballot.ticked.clear();
                        }
                        ballot.ticked.retain(|t| *t != o.id);
                        if on {
                            ballot.ticked.push(o.id);
                        }
                    }
                    let share = o.voters.len() as f32 / voters as f32;
                    ui.add(
                        egui::ProgressBar::new(share)
                            .desired_width(120.0)
                            .text(format!("{}", o.voters.len())),
                    );
                    if !o.voters.is_empty() {
                        let names: Vec<String> = o
                            .voters
                            .iter()
                            .map(|d| g.name_of(*d).map_or_else(|| d.fmt_short(), str::to_owned))
                            .collect();
                        let c = kit::palette(ui).muted;
                        ui.add(
                            egui::Label::new(RichText::new(names.join(", ")).small().color(c))
                                .wrap(),
                        );
                    }
                });
            }
            ui.horizontal_wrapped(|ui| {
                let mut sorted = ballot.ticked.clone();
                sorted.sort();
                let mut had = mine.clone();
                had.sort();
                if can_vote && sorted != had {
                    let label = self.i18n.t(if mine.is_empty() {
                        "poll-vote"
                    } else {
                        "poll-change-vote"
                    });
                    if kit::primary(ui, &label, !ballot.ticked.is_empty()).clicked() {
                        let options = ballot.ticked.iter().map(|o| o.to_hex()).collect();
                        self.submit(
                            kit_request(
                                g.id,
                                KitRequest::PollVote {
                                    poll: p.id,
                                    options,
                                },
                            ),
                            Waiting::Other,
                        );
                    }
                }
                if can_vote && !mine.is_empty() && ui.button(self.i18n.t("poll-withdraw")).clicked()
                {
                    ballot.ticked.clear();
                    self.submit(
                        kit_request(
                            g.id,
                            KitRequest::PollVote {
                                poll: p.id,
                                options: Vec::new(),
                            },
                        ),
                        Waiting::Other,
                    );
                }
                let steward = p.creator == me || g.i_am_admin();
                if steward && !closed && kit::danger(ui, &self.i18n.t("poll-close")).clicked() {
                    self.ask_first(Ask::ClosePoll {
                        group: g.id,
                        poll: p.id,
                        question: p.question.clone(),
                    });
                }
            });
            if can_vote && (p.open || p.creator == me) && p.options.len() < MAX_OPTIONS {
                ui.horizontal(|ui| {
                    let l = ui.label(self.i18n.t("poll-add-option"));
                    ui.add(
                        egui::TextEdit::singleline(&mut ballot.new_option)
                            .char_limit(causeway_core::limits::OPTION)
                            .desired_width(200.0),
                    )
                    .labelled_by(l.id);
                    if ui
                        .add_enabled(
                            !ballot.new_option.trim().is_empty(),
                            egui::Button::new(self.i18n.t("poll-add")),
                        )
                        .clicked()
                    {
                        let text = std::mem::take(&mut ballot.new_option).trim().to_owned();
                        self.submit(
                            kit_request(g.id, KitRequest::PollAdd { poll: p.id, text }),
                            Waiting::Other,
                        );
                    }
                });
            }
        });
        // What the voter ticked is kept only while it differs from their vote.
        let mut sorted = ballot.ticked.clone();
        sorted.sort();
        let mut had = mine;
        had.sort();
        if sorted != had || !ballot.new_option.is_empty() {
            self.kit.ballots.insert(p.id, ballot);
        }
    }

    fn poll_form(&mut self, ui: &mut Ui, g: &GroupView) {
        let Some((_, mut f)) = self.kit.poll_form.take() else {
            return;
        };
        let busy = self.is_waiting(|w| matches!(w, Waiting::Kit(KitForm::Poll)));
        let counter = |n: usize| self.i18n.a("chars-left", &[("count", n.into())]);
        let mut close = false;
        let mut send = None;
        kit::card(ui, |ui| {
            kit::line_field(
                ui,
                &self.i18n.t("poll-question"),
                &mut f.question,
                causeway_core::limits::QUESTION,
                f32::INFINITY,
                &counter,
                None,
            );
            let mut remove = None;
            for (i, o) in f.options.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    let l = ui.label(self.i18n.a("poll-option-n", &[("count", (i + 1).into())]));
                    ui.add(
                        egui::TextEdit::singleline(o)
                            .char_limit(causeway_core::limits::OPTION)
                            .desired_width(260.0),
                    )
                    .labelled_by(l.id);
                    if i >= MIN_OPTIONS
                        && ui
                            .button("×")
                            .on_hover_text(self.i18n.t("poll-remove-option"))
                            .clicked()
                    {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                f.options.remove(i);
            }
            if f.options.len() < MAX_OPTIONS
                && ui.button(self.i18n.t("poll-more-options")).clicked()
            {
                f.options.push(String::new());
            }
            ui.checkbox(&mut f.multiple, self.i18n.t("poll-multiple"));
            ui.checkbox(&mut f.open, self.i18n.t("poll-open"));
            ui.horizontal(|ui| {
                let filled = f.options.iter().filter(|o| !o.trim().is_empty()).count();
                let ready = !f.question.trim().is_empty() && filled >= MIN_OPTIONS && !busy;
                if kit::primary(ui, &self.i18n.t("poll-create"), ready).clicked() {
                    let req = KitRequest::PollCreate {
                        question: f.question.trim().to_owned(),
                        options: f
                            .options
                            .iter()
                            .map(|o| o.trim().to_owned())
                            .filter(|o| !o.is_empty())
                            .collect(),
                        multiple: f.multiple,
                        open: f.open,
                    };
                    send = Some(req);
                }
                if ui.button(self.i18n.t("cancel")).clicked() {
                    close = true;
                }
            });
        });
        if let Some(req) = send {
            self.submit(kit_request(g.id, req), Waiting::Kit(KitForm::Poll));
        }
        if !close {
            self.kit.poll_form = Some((g.id, f));
        }
    }
}
