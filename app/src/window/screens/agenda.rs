//! The agenda: the events of all my groups, those I said I would go to first, then everything
//! coming, then what is past; or a month's calendar of them all.

use causeway_core::GroupId;
use causeway_core::view::{Event, Rsvp};
use causeway_sync::views::Snapshot;
use egui::Ui;

use super::EventsView;
use crate::window::CausewayApp;
use crate::window::design::{S, kit};

impl CausewayApp {
    /// The agenda page.
    pub(in crate::window) fn agenda_page(&mut self, ui: &mut Ui, snap: &Snapshot) {
        kit::heading(ui, self.i18n.t("agenda"));
        ui.horizontal(|ui| self.view_choice(ui));
        ui.separator();
        let me = snap.me;
        let now = causeway_sync::now();
        // The snapshot's own events (the page holds the snapshot), not copies.
        let mut all: Vec<(GroupId, &Event)> = snap
            .groups
            .iter()
            .flat_map(|g| g.kit.events_soonest().into_iter().map(|e| (g.id, e)))
            .collect();
        all.sort_by(|a, b| causeway_core::view::soonest_first(a.1, b.1));
        egui::ScrollArea::vertical()
            .id_salt("agenda")
            .auto_shrink(false)
            .show(ui, |ui| {
                if all.is_empty() {
                    kit::empty_state(
                        ui,
                        &self.i18n.t("agenda-none"),
                        &self.i18n.t("agenda-none-body"),
                    );
                    return;
                }
                let shown = match self.kit.view {
                    EventsView::Month => {
                        let picked = self.month_view(ui, "agenda-month", &all);
                        vec![(None, picked)]
                    }
                    EventsView::List => {
                        let mine = |e: &Event| {
                            me.is_some_and(|m| {
                                matches!(e.answer_of(m), Some(Rsvp::Yes | Rsvp::Maybe))
                            })
                        };
                        let (upcoming, past): (Vec<_>, Vec<_>) =
                            all.iter().partition(|(_, e)| e.draft.when.end >= now);
                        let going: Vec<_> = upcoming
                            .iter()
                            .filter(|(_, e)| mine(e) && !e.cancelled)
                            .copied()
                            .collect();
                        let others: Vec<_> = upcoming
                            .into_iter()
                            .filter(|(_, e)| !mine(e) || e.cancelled)
                            .collect();
                        let mut past = past;
                        past.reverse();
                        past.truncate(20);
                        vec![
                            (Some("agenda-mine"), going),
                            (Some("agenda-upcoming"), others),
                            (Some("agenda-past"), past),
                        ]
                    }
                };
                for (title, events) in shown {
                    if events.is_empty() {
                        continue;
                    }
                    if let Some(t) = title {
                        ui.add_space(S);
                        kit::title(ui, self.i18n.t(t));
                    }
                    for (gid, e) in events {
                        let Some(g) = snap.group(gid) else {
                            continue;
                        };
                        kit::secondary(ui, g.name());
                        self.event_card(ui, g, e, true);
                    }
                }
            });
    }
}
