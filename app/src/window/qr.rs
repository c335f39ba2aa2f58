//! An invite as a QR code, painted as squares (crisp at any scale, no image decoding).

use egui::{Color32, Rect, Sense, Vec2, pos2};

/// A QR code's modules, ready to paint.
#[derive(Clone, Debug)]
pub struct Qr {
    width: usize,
    dark: Vec<bool>,
}

impl Qr {
    /// Encodes `text`; `None` if it is too long for a QR code.
    pub fn new(text: &str) -> Option<Qr> {
        let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M).ok()?;
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        Some(Qr {
            width: code.width(),
            dark,
        })
    }

    /// Modules per side.
    #[cfg(test)]
    pub fn width(&self) -> usize {
        self.width
    }

    /// Paints the code, `side` points wide with a quiet zone, labelled for screen readers.
    pub fn show(&self, ui: &mut egui::Ui, side: f32, label: &str) -> egui::Response {
        let (rect, response) = ui.allocate_exact_size(Vec2::splat(side), Sense::hover());
        let quiet = 4.0;
        let cell = side / (self.width as f32 + 2.0 * quiet);
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 0.0, Color32::WHITE);
        for (i, dark) in self.dark.iter().enumerate() {
            if *dark {
                let (x, y) = ((i % self.width) as f32, (i / self.width) as f32);
                let min = pos2(
                    rect.min.x + (quiet + x) * cell,
                    rect.min.y + (quiet + y) * cell,
                );
                painter.rect_filled(
                    Rect::from_min_size(min, Vec2::splat(cell + 0.3)),
                    0.0,
                    Color32::BLACK,
                );
            }
        }
        let label = label.to_string();
        response
            .widget_info(move || egui::WidgetInfo::labeled(egui::Role::Image, true, label.clone()));
        response
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn a_ticket_fits_in_a_qr_code_that_a_phone_reads() {
        let ticket = format!("cw1{}", "a".repeat(160));
        let qr = Qr::new(&ticket).unwrap();
        assert!(qr.width() >= 21 && qr.width() <= 177, "{}", qr.width());
        assert!(qr.dark.iter().any(|d| *d) && qr.dark.iter().any(|d| !*d));
    }
}
