//! The components screens draw with: cards, avatars, names and secondary text, labelled fields
//! with character counters, empty states and modal dialogs. Each takes its colours from the
//! theme's [`Palette`] and its sizes from the type and spacing scales.

use egui::{
    Align2, Color32, CornerRadius, FontId, Frame, Id, Margin, Response, RichText, Sense, Stroke,
    TextEdit, Ui, Vec2, WidgetInfo,
};

use super::{HEADING, L, M, Palette, RADIUS, S, TITLE, XS, strong_family};

/// The palette of the theme `ui` shows.
pub(crate) fn palette(ui: &Ui) -> &'static Palette {
    Palette::of(ui.visuals().dark_mode)
}

/// A card: content on the card surface, outlined and rounded, filling the width.
pub(crate) fn card<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    // Whatever the layout around it, a card's content starts at its left edge.
    let add = |ui: &mut Ui| {
        ui.with_layout(egui::Layout::top_down(egui::Align::Min), add)
            .inner
    };
    let p = palette(ui);
    Frame::new()
        .fill(p.card)
        .stroke(Stroke::new(1.0, p.line))
        .corner_radius(CornerRadius::same(RADIUS))
        .inner_margin(Margin::same(M as i8))
        .outer_margin(Margin {
            bottom: S as i8,
            ..Margin::ZERO
        })
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui)
        })
        .inner
}

/// A light box inside a card: a file to attach, a file attached.
pub(crate) fn inset<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    let p = palette(ui);
    Frame::new()
        .fill(ui.visuals().faint_bg_color)
        .stroke(Stroke::new(1.0, p.line))
        .corner_radius(CornerRadius::same(RADIUS / 2))
        .inner_margin(Margin::symmetric(6, 3))
        .show(ui, add)
        .inner
}

/// Text in the semibold face (names, titles, labels of sections).
pub(crate) fn strong(text: impl Into<String>) -> RichText {
    RichText::new(text).family(strong_family())
}

/// A title (of a post, of a section of a page).
pub(crate) fn title(ui: &mut Ui, text: impl Into<String>) -> Response {
    ui.label(strong(text).size(TITLE * text_scale(ui)))
}

/// A page's heading, cut with "…" when it is longer than the width.
pub(crate) fn heading(ui: &mut Ui, text: impl Into<String>) -> Response {
    let text: String = text.into();
    ui.add(
        egui::Label::new(strong(text.clone()).size(HEADING * text_scale(ui)))
            .truncate()
            .show_tooltip_when_elided(true),
    )
}

/// A line of secondary text.
pub(crate) fn secondary(ui: &mut Ui, text: impl Into<String>) -> Response {
    let c = palette(ui).muted;
    ui.label(RichText::new(text).small().color(c))
}

/// The person's text size (the factor on the type scale), read back from the style.
pub(crate) fn text_scale(ui: &Ui) -> f32 {
    let body = ui
        .style()
        .text_styles
        .get(&egui::TextStyle::Body)
        .map_or(super::BODY, |f| f.size);
    body / super::BODY
}

/// A round avatar with a person's (or group's) initials, its colour drawn from `seed` so the
/// same person has the same colour on every device. Decorative: the name beside it is what
/// screen readers read.
pub(crate) fn avatar(ui: &mut Ui, name: &str, seed: &[u8], size: f32) -> Response {
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(size), Sense::hover());
    // Eight hues, each dark enough for white initials (AA for large text).
    const HUES: [Color32; 8] = [
        Color32::from_rgb(0x0f, 0x6e, 0x64),
        Color32::from_rgb(0x2f, 0x5d, 0x9e),
        Color32::from_rgb(0x7a, 0x4b, 0x9c),
        Color32::from_rgb(0xa3, 0x3e, 0x5b),
        Color32::from_rgb(0x9a, 0x52, 0x12),
        Color32::from_rgb(0x4d, 0x6b, 0x1f),
        Color32::from_rgb(0x5a, 0x5f, 0x66),
        Color32::from_rgb(0x1f, 0x6a, 0x86),
    ];
    let hue = seed
        .iter()
        .fold(0u32, |h, b| h.wrapping_mul(31) ^ u32::from(*b));
    let fill = HUES[(hue % HUES.len() as u32) as usize];
    let painter = ui.painter();
    painter.circle_filled(rect.center(), size / 2.0, fill);
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        initials(name),
        FontId::new(size * 0.42, strong_family()),
        Color32::WHITE,
    );
    response
}

/// Up to two initials: the first letters of the first two words ("Amara Diallo" → "AD").
pub(crate) fn initials(name: &str) -> String {
    let mut words = name.split_whitespace();
    let first = words.next().and_then(|w| w.chars().next());
    let second = words.next().and_then(|w| w.chars().next());
    match (first, second) {
        (Some(a), Some(b)) => a.to_uppercase().chain(b.to_uppercase()).collect(),
        (Some(a), None) => a.to_uppercase().collect(),
        _ => "?".into(),
    }
}

/// What an empty list shows instead: a short title and a sentence saying what to do.
pub(crate) fn empty_state(ui: &mut Ui, title: &str, body: &str) {
    ui.add_space(L);
    ui.vertical_centered(|ui| {
        ui.set_max_width(420.0);
        ui.label(strong(title).size(TITLE * text_scale(ui)));
        ui.add_space(XS);
        ui.label(RichText::new(body).color(palette(ui).muted));
    });
    ui.add_space(L);
}

/// A one-line text field with its label above, at most `max` characters; shows how many are
/// left once fewer than a fifth remain, and `error` (if any) under it, in the danger colour.
pub(crate) fn line_field(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    max: usize,
    width: f32,
    counter: &dyn Fn(usize) -> String,
    error: Option<&str>,
) -> Response {
    let l = ui.label(label);
    let r = ui
        .add(
            TextEdit::singleline(text)
                .char_limit(max)
                .desired_width(width),
        )
        .labelled_by(l.id);
    under_field(ui, text, max, counter, error);
    r
}

/// A short one-line field with its label above (the two stacked, so that several stand in a
/// row) and an example inside while it is empty (a date, a time, a number): no counter, the
/// limit is the format's.
pub(crate) fn short_field(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    max: usize,
    width: f32,
    hint: &str,
) -> Response {
    ui.vertical(|ui| {
        let l = ui.label(label);
        ui.add(
            TextEdit::singleline(text)
                .char_limit(max)
                .desired_width(width)
                .hint_text(hint),
        )
        .labelled_by(l.id)
    })
    .inner
}

/// A multi-line field with its label above, at most `max` characters, `rows` high at first and
/// growing with its text up to `max_height`, then scrolling inside.
#[allow(clippy::too_many_arguments)]
pub(crate) fn text_field(
    ui: &mut Ui,
    id: Id,
    label: &str,
    text: &mut String,
    max: usize,
    rows: usize,
    max_height: f32,
    counter: &dyn Fn(usize) -> String,
) -> Response {
    let l = ui.label(label);
    let width = ui.available_width();
    let r = egui::ScrollArea::vertical()
        .id_salt(id)
        .max_height(max_height)
        .max_width(width)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            ui.add(
                TextEdit::multiline(text)
                    .char_limit(max)
                    .desired_rows(rows)
                    .desired_width(width - 4.0),
            )
            .labelled_by(l.id)
        })
        .inner;
    under_field(ui, text, max, counter, None);
    r
}

/// The counter and the error under a field.
fn under_field(
    ui: &mut Ui,
    text: &str,
    max: usize,
    counter: &dyn Fn(usize) -> String,
    error: Option<&str>,
) {
    let left = max.saturating_sub(text.chars().count());
    if let Some(e) = error {
        let c = palette(ui).danger;
        ui.label(RichText::new(e).small().color(c));
    }
    if left * 5 < max {
        let p = palette(ui);
        let c = if left == 0 { p.danger } else { p.muted };
        ui.label(RichText::new(counter(left)).small().color(c));
    }
}

/// A modal dialog: the page behind is dimmed and cannot be reached (keyboard focus stays in
/// the dialog), Escape or a click beside it closes it, and so does its close button. Returns
/// what `add` returned and whether the dialog asks to be closed.
///
/// What a dialog does, its content returns (a choice, an answer). On the frame it opens, the
/// click that opened it is still in egui's input and would reach whatever widget of the
/// dialog appears under the pointer: that frame returns `R::default()` and never closes.
pub(crate) fn dialog<R: Default>(
    ctx: &egui::Context,
    id: &str,
    title_text: &str,
    close: &str,
    width: f32,
    add: impl FnOnce(&mut Ui) -> R,
) -> (R, bool) {
    let pass = ctx.cumulative_pass_nr();
    let seen = Id::unique("causeway-dialog-seen").with(id);
    let before = ctx.data_mut(|d| {
        let before = d.get_temp::<u64>(seen);
        d.insert_temp(seen, pass);
        before
    });
    let was_open = before == Some(pass.saturating_sub(1));
    let mut closed = false;
    // Anchored near the top: growing (an invite appears, an error shows) never moves what is
    // already in it.
    let modal_id = Id::unique("causeway-dialog").with(id);
    let area = egui::Modal::default_area(modal_id).anchor(Align2::CENTER_TOP, [0.0, 48.0]);
    let modal = egui::Modal::new(modal_id).area(area).show(ctx, |ui| {
        ui.set_width(width);
        ui.horizontal(|ui| {
            ui.add(
                egui::Label::new(strong(title_text).size(TITLE * text_scale(ui)))
                    .truncate()
                    .show_tooltip_when_elided(true),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let b = ui.add(egui::Button::new("×").frame(false));
                b.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, close));
                if b.on_hover_text(close).clicked() {
                    closed = true;
                }
            });
        });
        ui.add_space(S);
        // Lists inside a dialog scroll on their own, so a dialog stays within the window.
        add(ui)
    });
    if !was_open {
        return (R::default(), false);
    }
    let escape = modal.is_top_modal
        && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape));
    let should_close = closed || modal.backdrop_response.clicked() || escape;
    (modal.inner, should_close)
}

/// A primary button: filled with the accent.
pub(crate) fn primary(ui: &mut Ui, text: &str, enabled: bool) -> Response {
    let p = palette(ui);
    ui.add_enabled(
        enabled,
        egui::Button::new(strong(text).color(p.on_accent)).fill(p.accent),
    )
}

/// A button for a destructive action: its text in the danger colour.
pub(crate) fn danger(ui: &mut Ui, text: &str) -> Response {
    let c = palette(ui).danger;
    ui.button(strong(text).color(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_take_the_first_letters_of_two_words() {
        assert_eq!(initials("Amara Diallo"), "AD");
        assert_eq!(initials("bruno"), "B");
        assert_eq!(initials("  élodie  de la  Roche"), "ÉD");
        assert_eq!(initials(""), "?");
    }
}
