//! Reminders before the events I said I would go to (yes or maybe): by default a day and an
//! hour before, as set in Settings; also when the app starts after a reminder's time, as long
//! as the event has not begun. And word of what changed in them: moved or cancelled by an
//! organiser. Each comes as a desktop notification, and in the window when it is in front.
//! What was told is remembered across runs, so nothing is told twice.

use std::collections::HashMap;

use causeway_core::view::{Event, Rsvp};
use causeway_core::{DeviceId, GroupId, ItemId, Timestamp};
use causeway_sync::views::Snapshot;

use super::screens::when;
use super::toast::Tone;
use super::{CausewayApp, Saved};

/// The reminders' times when the person set none: a day and an hour before.
pub(super) const DEFAULT_MINUTES: [i64; 2] = [24 * 60, 60];

/// What the events looked like when last seen, to tell what changed.
#[derive(Debug, Default)]
pub(super) struct Told {
    seen: HashMap<(GroupId, ItemId), (Timestamp, bool)>,
    version: u64,
    /// The snapshot's events were seen once (what is there at the start is not news).
    started: bool,
    /// When the next reminder is due and the reminders' times, as of the last look: until
    /// then, while the snapshot and the times are the same, nothing is looked at again (this
    /// runs at every frame).
    next: Option<Timestamp>,
    minutes: Vec<i64>,
}

/// Something to tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Note {
    /// An event begins in `minutes`.
    Soon {
        title: String,
        minutes: i64,
        when: Timestamp,
        all_day: bool,
    },
    /// An event was moved.
    Moved {
        title: String,
        when: Timestamp,
        all_day: bool,
    },
    /// An event was cancelled.
    Cancelled { title: String },
}

/// Whether I said I would go.
fn going(e: &Event, me: DeviceId) -> bool {
    matches!(e.answer_of(me), Some(Rsvp::Yes | Rsvp::Maybe)) && !e.cancelled && e.hidden.is_none()
}

impl Told {
    /// What to tell now, and when to look again (the next reminder's time).
    pub(super) fn notes(
        &mut self,
        snap: &Snapshot,
        saved: &mut Saved,
        now: Timestamp,
    ) -> (Vec<Note>, Option<Timestamp>) {
        let Some(me) = snap.me else {
            return (Vec::new(), None);
        };
        let minutes = saved
            .reminders
            .clone()
            .unwrap_or_else(|| DEFAULT_MINUTES.to_vec());
        let changed = snap.version != self.version;
        if !changed && self.started && minutes == self.minutes && self.next.is_none_or(|n| now < n)
        {
            return (Vec::new(), self.next);
        }
        let mut out = Vec::new();
        let mut next: Option<Timestamp> = None;
        self.version = snap.version;
        for g in &snap.groups {
            for e in g.kit.events_soonest() {
                let start = e.draft.when.start;
                // What organisers changed, told to those who said they would come.
                if changed {
                    let was = self.seen.insert((g.id, e.id), (start, e.cancelled));
                    let answered = matches!(e.answer_of(me), Some(Rsvp::Yes | Rsvp::Maybe));
                    let mine = e.organisers.contains(&me);
                    if let Some((was_start, was_cancelled)) = was
                        && self.started
                        && answered
                        && !mine
                    {
                        if e.cancelled && !was_cancelled {
                            out.push(Note::Cancelled {
                                title: e.draft.title.clone(),
                            });
                        } else if start != was_start && !e.cancelled {
                            out.push(Note::Moved {
                                title: e.draft.title.clone(),
                                when: start,
                                all_day: e.draft.when.all_day,
                            });
                        }
                    }
                }
                if !going(e, me) || start <= now {
                    continue;
                }
                for m in &minutes {
                    let at = Timestamp(start.0 - m * 60_000);
                    let key = format!("{}/{}/{}/{m}", g.id.fmt_short(), e.id, start.0);
                    if saved.reminded.contains(&key) {
                        continue;
                    }
                    if at <= now {
                        saved.reminded.insert(key);
                        out.push(Note::Soon {
                            title: e.draft.title.clone(),
                            minutes: (start.0 - now.0) / 60_000,
                            when: start,
                            all_day: e.draft.when.all_day,
                        });
                        // One reminder per event at a time: the nearer ones are not news.
                        for other in &minutes {
                            if start.0 - other * 60_000 <= now.0 {
                                saved.reminded.insert(format!(
                                    "{}/{}/{}/{other}",
                                    g.id.fmt_short(),
                                    e.id,
                                    start.0
                                ));
                            }
                        }
                        break;
                    }
                    next = Some(next.map_or(at, |n| n.min(at)));
                }
            }
        }
        self.started = true;
        self.next = next;
        self.minutes = minutes;
        // Forget what was told of events long past.
        saved.reminded.retain(|k| {
            k.split('/')
                .nth(2)
                .and_then(|s| s.parse::<i64>().ok())
                .is_some_and(|s| s > now.0 - 7 * 86_400_000)
        });
        (out, next)
    }
}

impl CausewayApp {
    /// Tells what is due (see the module), and asks for a frame when the next reminder is.
    pub(super) fn remind(&mut self, ctx: &egui::Context, snap: &Snapshot, focused: bool) {
        let now = causeway_sync::now();
        let (notes, next) = self.reminders.notes(snap, &mut self.saved, now);
        if let Some(at) = next {
            let wait = u64::try_from(at.0 - now.0).unwrap_or(0).max(1000);
            ctx.request_repaint_after(std::time::Duration::from_millis(wait));
        }
        if notes.is_empty() {
            return;
        }
        let lines: Vec<(String, String)> = notes.iter().map(|n| self.note_text(n)).collect();
        if focused && let Some((title, body)) = lines.first() {
            self.say(Tone::Info, format!("{title} — {body}"));
        }
        super::notify::send(lines);
    }

    fn note_text(&self, n: &Note) -> (String, String) {
        match n {
            Note::Soon {
                title,
                minutes,
                when: at,
                all_day,
            } => {
                let (key, count) = match *minutes {
                    m if m < 120 => ("remind-soon-minutes", m.max(1)),
                    m if m < 48 * 60 => ("remind-soon-hours", (m + 30) / 60),
                    m => ("remind-soon-days", (m + 720) / 1440),
                };
                (
                    self.i18n.a(
                        key,
                        &[("name", title.as_str().into()), ("count", count.into())],
                    ),
                    when::moment(&self.i18n, *at, *all_day),
                )
            }
            Note::Moved {
                title,
                when: at,
                all_day,
            } => (
                self.i18n
                    .a("remind-moved", &[("name", title.as_str().into())]),
                self.i18n.a(
                    "remind-moved-to",
                    &[("when", when::moment(&self.i18n, *at, *all_day).into())],
                ),
            ),
            Note::Cancelled { title } => (
                self.i18n
                    .a("remind-cancelled", &[("name", title.as_str().into())]),
                String::new(),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::Arc;

    use causeway_core::view::{Answer, EventDraft, When};
    use causeway_sync::views::GroupView;

    use super::*;

    const HOUR: i64 = 3_600_000;

    fn snapshot(version: u64, start: i64, rsvp: Option<Rsvp>) -> Snapshot {
        let me = DeviceId::from_bytes([1; 32]);
        let e = Event {
            id: ItemId::from_u64(7),
            creator: DeviceId::from_bytes([2; 32]),
            created: Timestamp(0),
            draft: EventDraft {
                title: "Clean-up".into(),
                body: String::new(),
                lang: "en".into(),
                when: When {
                    start: Timestamp(start),
                    end: Timestamp(start + 2 * HOUR),
                    zone: String::new(),
                    all_day: false,
                },
                place: String::new(),
                online: String::new(),
                capacity: None,
            },
            cancelled: false,
            moved_from: None,
            edited_at: None,
            hidden: None,
            organisers: vec![DeviceId::from_bytes([2; 32])],
            answers: rsvp
                .map(|rsvp| Answer { who: me, rsvp })
                .into_iter()
                .collect(),
        };
        let mut group = GroupView::empty(GroupId::from_bytes([9; 32]));
        group.kit.events.insert(e.id, Arc::from(vec![e]));
        Snapshot {
            me: Some(me),
            groups: vec![Arc::new(group)],
            version,
            ..Snapshot::default()
        }
    }

    #[test]
    fn a_reminder_comes_once_before_an_event_i_go_to_and_a_move_is_told() {
        let (mut told, mut saved) = (Told::default(), Saved::default());
        let start = 100 * HOUR;
        // A day and a half before: nothing yet; the next look is a day before.
        let snap = snapshot(1, start, Some(Rsvp::Yes));
        let (notes, next) = told.notes(&snap, &mut saved, Timestamp(start - 36 * HOUR));
        assert!(notes.is_empty());
        assert_eq!(next, Some(Timestamp(start - 24 * HOUR)));
        // Twenty hours before: the day's reminder, once.
        let (notes, _) = told.notes(&snap, &mut saved, Timestamp(start - 20 * HOUR));
        assert!(
            matches!(&notes[..], [Note::Soon { minutes: 1200, .. }]),
            "{notes:?}"
        );
        let (notes, _) = told.notes(&snap, &mut saved, Timestamp(start - 19 * HOUR));
        assert!(notes.is_empty());
        // A fresh start after the time (the app was closed): remembered, not told again.
        let mut again = Told::default();
        let (notes, _) = again.notes(&snap, &mut saved, Timestamp(start - 19 * HOUR));
        assert!(notes.is_empty(), "{notes:?}");
        // The organiser moves it: told, and the hour's reminder comes for the new time.
        let moved = snapshot(2, start + 24 * HOUR, Some(Rsvp::Yes));
        let (notes, _) = told.notes(&moved, &mut saved, Timestamp(start - 18 * HOUR));
        assert!(matches!(&notes[..], [Note::Moved { .. }]), "{notes:?}");
        let (notes, _) = told.notes(
            &moved,
            &mut saved,
            Timestamp(start + 23 * HOUR + 30 * 60_000),
        );
        assert!(
            matches!(&notes[..], [Note::Soon { minutes: 30, .. }]),
            "{notes:?}"
        );
    }

    #[test]
    fn no_reminder_for_an_event_i_did_not_say_i_would_go_to() {
        let (mut told, mut saved) = (Told::default(), Saved::default());
        for rsvp in [None, Some(Rsvp::No)] {
            let snap = snapshot(1, 100 * HOUR, rsvp);
            let (notes, next) = told.notes(&snap, &mut saved, Timestamp(99 * HOUR));
            assert!(notes.is_empty() && next.is_none());
        }
    }
}
