//! The colours of the light and dark themes. Every text colour is chosen against the surfaces it
//! is drawn on to pass WCAG AA (4.5:1 for text; a test below measures each pair), and the
//! accent is a calm teal, the colour of water under a causeway.

use egui::Color32;

/// One theme's colours.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Palette {
    /// The window behind everything (side panel, page).
    pub(crate) page: Color32,
    /// The sidebar.
    pub(crate) side: Color32,
    /// Cards, dialogs, text fields.
    pub(crate) card: Color32,
    /// A card's outline and separators.
    pub(crate) line: Color32,
    /// Text.
    pub(crate) text: Color32,
    /// Secondary text: bylines, hints, counters.
    pub(crate) muted: Color32,
    /// Links, the selection, primary buttons.
    pub(crate) accent: Color32,
    /// Text on the accent.
    pub(crate) on_accent: Color32,
    /// A soft accent for selected rows and chips.
    pub(crate) accent_soft: Color32,
    /// Destructive actions and errors.
    pub(crate) danger: Color32,
    /// Something that worked; a connected device.
    pub(crate) success: Color32,
    /// Worth attention (warnings, "no longer a member").
    pub(crate) warn: Color32,
    /// Toast backgrounds: success, info, error (text on them is `text`).
    pub(crate) toast: [Color32; 3],
}

/// The light theme.
pub(crate) const LIGHT: Palette = Palette {
    page: Color32::from_rgb(0xf5, 0xf6, 0xf8),
    side: Color32::from_rgb(0xec, 0xee, 0xf1),
    card: Color32::from_rgb(0xff, 0xff, 0xff),
    line: Color32::from_rgb(0xd5, 0xd9, 0xdf),
    text: Color32::from_rgb(0x1b, 0x1f, 0x24),
    muted: Color32::from_rgb(0x52, 0x5a, 0x64),
    accent: Color32::from_rgb(0x0f, 0x6e, 0x64),
    on_accent: Color32::from_rgb(0xff, 0xff, 0xff),
    accent_soft: Color32::from_rgb(0xd3, 0xec, 0xe8),
    danger: Color32::from_rgb(0xb0, 0x24, 0x1c),
    success: Color32::from_rgb(0x1d, 0x6b, 0x35),
    warn: Color32::from_rgb(0x8a, 0x4b, 0x00),
    toast: [
        Color32::from_rgb(0xd9, 0xf1, 0xdf),
        Color32::from_rgb(0xdd, 0xe9, 0xf7),
        Color32::from_rgb(0xf9, 0xdd, 0xdb),
    ],
};

/// The dark theme.
pub(crate) const DARK: Palette = Palette {
    page: Color32::from_rgb(0x17, 0x1a, 0x1e),
    side: Color32::from_rgb(0x1f, 0x23, 0x28),
    card: Color32::from_rgb(0x24, 0x29, 0x2f),
    line: Color32::from_rgb(0x3a, 0x41, 0x4a),
    text: Color32::from_rgb(0xe9, 0xeb, 0xee),
    muted: Color32::from_rgb(0xaa, 0xb2, 0xbc),
    accent: Color32::from_rgb(0x5f, 0xcf, 0xbc),
    on_accent: Color32::from_rgb(0x0b, 0x1f, 0x1c),
    accent_soft: Color32::from_rgb(0x1d, 0x3d, 0x39),
    danger: Color32::from_rgb(0xff, 0x8f, 0x85),
    success: Color32::from_rgb(0x7f, 0xd9, 0x98),
    warn: Color32::from_rgb(0xf2, 0xc0, 0x6b),
    toast: [
        Color32::from_rgb(0x1c, 0x45, 0x2a),
        Color32::from_rgb(0x22, 0x36, 0x4f),
        Color32::from_rgb(0x55, 0x20, 0x1e),
    ],
};

impl Palette {
    /// The palette for a theme.
    pub(crate) fn of(dark: bool) -> &'static Palette {
        if dark { &DARK } else { &LIGHT }
    }
}

/// WCAG 2.1 contrast ratio of two opaque colours (1 to 21).
#[cfg(test)]
pub(crate) fn contrast(a: Color32, b: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let lin = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
    }
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every text colour on every surface it is drawn on reaches WCAG AA for normal text.
    #[test]
    fn text_colours_reach_wcag_aa_on_their_surfaces() {
        for (name, p) in [("light", LIGHT), ("dark", DARK)] {
            let surfaces = [
                ("page", p.page),
                ("side", p.side),
                ("card", p.card),
                ("accent-soft", p.accent_soft),
            ];
            for (fg_name, fg) in [
                ("text", p.text),
                ("muted", p.muted),
                ("accent", p.accent),
                ("danger", p.danger),
                ("success", p.success),
                ("warn", p.warn),
            ] {
                for (bg_name, bg) in surfaces {
                    let c = contrast(fg, bg);
                    assert!(c >= 4.5, "{name}: {fg_name} on {bg_name} is {c:.2}:1");
                }
            }
            let c = contrast(p.on_accent, p.accent);
            assert!(c >= 4.5, "{name}: text on the accent is {c:.2}:1");
            for bg in p.toast {
                let c = contrast(p.text, bg);
                assert!(c >= 4.5, "{name}: toast text is {c:.2}:1");
            }
        }
    }

    #[test]
    fn contrast_is_measured_as_wcag_says() {
        let c = contrast(Color32::BLACK, Color32::WHITE);
        assert!((c - 21.0).abs() < 0.01, "{c}");
        assert!((contrast(Color32::WHITE, Color32::WHITE) - 1.0).abs() < 0.001);
    }
}
