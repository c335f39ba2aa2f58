//! Reactions under a post or a comment: what was given, as colour emoji with counts (hovering
//! one says who gave it), and a button opening a picker with every emoji and a search.
use causeway_core::{GroupId, ItemId};
use causeway_sync::control::Request;
use causeway_sync::views::ReactionCount;
use egui::{RichText, Ui};

use crate::window::design::{emoji, emoji_family, kit};
use crate::window::{CausewayApp, Waiting};

/// The picker open now: for which item, and the reaction I gave it (choosing it again takes
/// it back).
#[derive(Clone, Debug)]
pub(in crate::window) struct Picker {
    group: GroupId,
    item: ItemId,
    mine: Option<String>,
}

/// How many emoji the picker shows at once (a search narrows them).
const PICKER_SHOWS: usize = 240;

impl CausewayApp {
    /// The reactions to `item`, and the way to add mine.
    pub(in crate::window) fn reactions(
        &mut self,
        ui: &mut Ui,
        group: GroupId,
        item: ItemId,
        given: &[ReactionCount],
    ) {
        let size = 17.0 * kit::text_scale(ui);
        for r in given {
            // The emoji from the emoji font, the count from the text's (the emoji font has
            // digits of its own, drawn as keycaps).
            let color = kit::palette(ui).text;
            let mut text = egui::text::LayoutJob::default();
            let format = |family| egui::TextFormat {
                font_id: egui::FontId::new(size, family),
                color,
                valign: egui::Align::Center,
                ..Default::default()
            };
            text.append(&r.reaction, 0.0, format(emoji_family()));
            let count = self.i18n.number(r.count);
            text.append(
                &format!(" {count}"),
                0.0,
                format(egui::FontFamily::Proportional),
            );
            let who = self.who_reacted(r);
            let b = ui.selectable_label(r.mine, text).on_hover_text(who);
            if b.clicked() {
                self.react(group, item, (!r.mine).then(|| r.reaction.clone()));
            }
        }
        let label = self.i18n.t("react-add");
        let add = ui
            .button(RichText::new("😊+").family(emoji_family()).size(size))
            .on_hover_text(&label);
        add.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if add.clicked() {
            let mine = given.iter().find(|r| r.mine).map(|r| r.reaction.clone());
            self.emoji_query.clear();
            self.picker_for = Some(Picker { group, item, mine });
        }
    }

    /// The emoji picker, when open: a small dialog above the page.
    pub(in crate::window) fn picker_dialog(&mut self, ctx: &egui::Context) {
        let Some(p) = self.picker_for.clone() else {
            return;
        };
        let (title, close) = (self.i18n.t("react-add"), self.i18n.t("close"));
        let (chosen, closed) =
            kit::dialog(ctx, "emoji", &title, &close, 340.0, |ui| self.picker(ui));
        if let Some(e) = chosen {
            // One reaction each: choosing the one I gave takes it back.
            let next = (p.mine.as_deref() != Some(e)).then(|| e.to_string());
            self.react(p.group, p.item, next);
            self.picker_for = None;
        } else if closed {
            self.picker_for = None;
        }
    }

    fn react(&mut self, group: GroupId, item: ItemId, reaction: Option<String>) {
        self.submit(
            Request::React {
                group,
                item,
                reaction,
            },
            Waiting::Other,
        );
    }

    /// "Amara, Bruno and 3 others reacted with 👍 (thumbs up)".
    fn who_reacted(&self, r: &ReactionCount) -> String {
        const NAMED: usize = 5;
        let names = r
            .who
            .iter()
            .take(NAMED)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let emoji = match emoji::name(&r.reaction) {
            Some(n) => format!("{} ({n})", r.reaction),
            None => r.reaction.clone(),
        };
        self.i18n.a(
            "reacted-with",
            &[
                ("names", names.into()),
                ("others", r.who.len().saturating_sub(NAMED).into()),
                ("emoji", emoji.into()),
            ],
        )
    }

    /// The emoji picker: the quick reactions, a search field, and every emoji that matches.
    fn picker(&mut self, ui: &mut Ui) -> Option<&'static str> {
        let mut chosen = None;
        ui.set_width(320.0);
        let size = 20.0 * kit::text_scale(ui);
        ui.horizontal(|ui| {
            for e in emoji::QUICK {
                let b = ui.button(RichText::new(e).family(emoji_family()).size(size));
                if b.on_hover_text(emoji::name(e).unwrap_or(e)).clicked() {
                    chosen = Some(e);
                }
            }
        });
        let label = self.i18n.t("emoji-search");
        let field = ui.add(
            egui::TextEdit::singleline(&mut self.emoji_query)
                .hint_text(&label)
                .desired_width(f32::INFINITY),
        );
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &label));
        if !field.has_focus() && self.emoji_query.is_empty() {
            field.request_focus();
        }
        // Searched again only when the words change, not at every frame.
        if self
            .emoji_found
            .as_ref()
            .is_none_or(|(q, _)| *q != self.emoji_query)
        {
            let found = emoji::search(&self.emoji_query, PICKER_SHOWS);
            self.emoji_found = Some((self.emoji_query.clone(), found));
        }
        let found = self
            .emoji_found
            .as_ref()
            .map(|(_, f)| f.clone())
            .unwrap_or_default();
        egui::ScrollArea::vertical()
            .max_height(220.0)
            .show(ui, |ui| {
                if found.is_empty() {
                    kit::secondary(ui, self.i18n.t("emoji-none"));
                }
                ui.horizontal_wrapped(|ui| {
                    for e in found {
                        let text = RichText::new(e).family(emoji_family()).size(size);
                        let b = ui.add(egui::Button::new(text).frame(false));
                        if b.on_hover_text(emoji::name(e).unwrap_or(e)).clicked() {
                            chosen = Some(e);
                        }
                    }
                });
            });
        chosen
    }
}
