//! Causeway's design system: one type scale, one spacing scale, the colours of the light and
//! dark themes ([`palette`]), the fonts, and the components every screen draws with ([`kit`]):
//! cards, avatars, secondary text, fields with counters, empty states and modal dialogs. The
//! toast and the confirm dialog (`window::toast`, `window::confirm`) use the same tokens.
//!
//! Fonts (`assets/fonts/`, SIL Open Font License):
//! - **Inter** (Regular and SemiBold, 530 KB), a face drawn for screens, with a tall x-height
//!   that stays legible at 12–15 points, covering Latin, Greek and Cyrillic: every language
//!   Causeway speaks, and most names members type.
//! - **Noto Color Emoji** (10.5 MB; Unicode 15.1, skin tones and ZWJ sequences), drawn by
//!   epaint's colour-font support (`color_fonts`: its bitmap glyphs), so emoji are in colour
//!   everywhere, in reactions and inside posts, the same on every system. The size is what a
//!   complete colour set costs; a partial set would show empty boxes for the emoji members
//!   use.
//!
//! egui's own fonts stay behind them as fallbacks for symbols they lack.

pub(crate) mod emoji;
pub(crate) mod kit;
pub(crate) mod palette;

use egui::{Context, FontData, FontDefinitions, FontFamily, FontId, TextStyle, Theme};

pub(crate) use palette::Palette;

/// Body text, buttons and fields, in points.
pub(crate) const BODY: f32 = 15.0;
/// Secondary text (bylines, counters, hints): never below 12 points.
pub(crate) const SMALL: f32 = 12.5;
/// Titles of posts and sections.
pub(crate) const TITLE: f32 = 17.0;
/// Page headings.
pub(crate) const HEADING: f32 = 22.0;

/// Spacing scale, in points.
pub(crate) const XS: f32 = 4.0;
pub(crate) const S: f32 = 8.0;
pub(crate) const M: f32 = 12.0;
pub(crate) const L: f32 = 20.0;

/// Corner radius of cards and dialogs.
pub(crate) const RADIUS: u8 = 8;

/// The text sizes a person can choose in Settings (a factor on the whole type scale).
pub(crate) const TEXT_SIZES: [f32; 4] = [0.9, 1.0, 1.15, 1.3];

/// The family of semibold text (headings, names, titles).
pub(crate) fn strong_family() -> FontFamily {
    FontFamily::Name("strong".into())
}

/// The family for emoji shown on their own (reactions, the picker).
pub(crate) fn emoji_family() -> FontFamily {
    FontFamily::Name("emoji".into())
}

/// Installs the fonts (once per context).
pub(crate) fn install_fonts(ctx: &Context) {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "Inter".into(),
        FontData::from_static(include_bytes!("../../../../assets/fonts/Inter-Regular.otf")).into(),
    );
    fonts.font_data.insert(
        "Inter-SemiBold".into(),
        FontData::from_static(include_bytes!(
            "../../../../assets/fonts/Inter-SemiBold.otf"
        ))
        .into(),
    );
    fonts.font_data.insert(
        "NotoColorEmoji".into(),
        FontData::from_static(include_bytes!(
            "../../../../assets/fonts/NotoColorEmoji.ttf"
        ))
        .into(),
    );
    let fallbacks = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    // Colour emoji come before egui's own fonts (whose emoji are monochrome), which stay as
    // fallbacks for symbols the others lack.
    let mut body = vec!["Inter".to_string(), "NotoColorEmoji".to_string()];
    body.extend(fallbacks.iter().cloned());
    let mut strong = vec![
        "Inter-SemiBold".to_string(),
        "Inter".to_string(),
        "NotoColorEmoji".to_string(),
    ];
    strong.extend(fallbacks);
    // Reactions and the picker draw emoji before anything else: Inter has a few emoji-like
    // symbols of its own (❤, ☺), in one colour.
    let mut emoji = vec!["NotoColorEmoji".to_string()];
    emoji.extend(body.iter().cloned());
    fonts.families.insert(emoji_family(), emoji);
    fonts.families.insert(FontFamily::Proportional, body);
    fonts.families.insert(strong_family(), strong);
    ctx.set_fonts(fonts);
}

/// Applies the type scale (times `scale`, the person's text size), the spacing and both
/// themes' colours. Which theme shows follows the system unless the person chose one.
pub(crate) fn apply(ctx: &Context, scale: f32) {
    for theme in [Theme::Light, Theme::Dark] {
        let p = Palette::of(theme == Theme::Dark);
        ctx.style_mut_of(theme, |style| {
            style.text_styles = [
                (TextStyle::Small, FontId::proportional(SMALL * scale)),
                (TextStyle::Body, FontId::proportional(BODY * scale)),
                (TextStyle::Button, FontId::proportional(BODY * scale)),
                (
                    TextStyle::Heading,
                    FontId::new(HEADING * scale, strong_family()),
                ),
                (TextStyle::Monospace, FontId::monospace(13.5 * scale)),
            ]
            .into();
            let sp = &mut style.spacing;
            sp.item_spacing = egui::vec2(S, 6.0);
            sp.button_padding = egui::vec2(10.0, 4.0);
            sp.interact_size.y = 26.0 * scale.max(1.0);
            sp.window_margin = egui::Margin::same(16);
            sp.indent = 16.0;
            let v = &mut style.visuals;
            v.panel_fill = p.page;
            v.window_fill = p.card;
            v.window_stroke = egui::Stroke::new(1.0, p.line);
            v.window_corner_radius = egui::CornerRadius::same(RADIUS + 2);
            // Fields sit a step below the card they are on, outlined, so an empty one shows.
            v.extreme_bg_color = p.page;
            v.text_edit_bg_color = Some(p.page);
            v.faint_bg_color = p.side;
            v.code_bg_color = p.side;
            v.hyperlink_color = p.accent;
            v.error_fg_color = p.danger;
            v.warn_fg_color = p.warn;
            v.weak_text_color = Some(p.muted);
            v.selection.bg_fill = p.accent_soft;
            v.selection.stroke = egui::Stroke::new(1.0, p.accent);
            v.widgets.noninteractive.fg_stroke.color = p.text;
            v.widgets.noninteractive.bg_stroke.color = p.line;
            for w in [
                &mut v.widgets.inactive,
                &mut v.widgets.hovered,
                &mut v.widgets.active,
                &mut v.widgets.open,
            ] {
                w.fg_stroke.color = p.text;
                w.corner_radius = egui::CornerRadius::same(6);
            }
            v.widgets.inactive.bg_stroke = egui::Stroke::new(1.0, p.line);
            v.widgets.hovered.bg_stroke.color = p.accent;
        });
    }
}
