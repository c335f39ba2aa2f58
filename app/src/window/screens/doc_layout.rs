//! How the document editor draws its text: each line in its block's style (heading sizes,
//! quotes in italics), runs bold, italic or linked, and beside the text what a block shows
//! (a list item's bullet or number, a quote's bar).

use causeway_core::docs::BlockKind;
use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, Ui};

use super::doc_text::Mirror;
use crate::window::design::{BODY, kit, strong_family};

/// Draws what a block shows beside its text: a list item's bullet or number, a quote's bar.
pub(super) fn marks(
    ui: &Ui,
    out: &egui::text_edit::TextEditOutput,
    mirror: &Mirror,
    palette: &crate::window::design::Palette,
) {
    let painter = ui.painter_at(out.response.rect);
    let origin = out.galley_pos;
    let scale = kit::text_scale(ui);
    let font = FontId::proportional(BODY * scale);
    let mut line = 0usize;
    let mut number = 0usize;
    let mut starts = true;
    for row in &out.galley.rows {
        let kind = mirror.lines.get(line).map(|l| l.kind);
        let rect = row.rect().translate(origin.to_vec2());
        if starts {
            number = if kind == Some(BlockKind::Numbered) {
                number + 1
            } else {
                0
            };
        }
        match kind {
            Some(BlockKind::Bullet) if starts => {
                painter.text(
                    egui::pos2(origin.x + 8.0 * scale, rect.center().y),
                    egui::Align2::LEFT_CENTER,
                    "•",
                    font.clone(),
                    ui.visuals().text_color(),
                );
            }
            Some(BlockKind::Numbered) if starts => {
                painter.text(
                    egui::pos2(origin.x + 18.0 * scale, rect.center().y),
                    egui::Align2::RIGHT_CENTER,
                    format!("{number}."),
                    font.clone(),
                    ui.visuals().text_color(),
                );
            }
            Some(BlockKind::Quote) => {
                let x = origin.x + 8.0 * scale;
                painter.line_segment(
                    [egui::pos2(x, rect.top()), egui::pos2(x, rect.bottom())],
                    egui::Stroke::new(3.0 * scale, palette.muted),
                );
            }
            _ => {}
        }
        starts = row.ends_with_newline;
        if row.ends_with_newline {
            line += 1;
        }
    }
}

/// Draws where the others who have the document open have their cursor: a bar in the
/// accent colour, with their name above it.
pub(super) fn carets(
    ui: &Ui,
    out: &egui::text_edit::TextEditOutput,
    others: &[(String, usize)],
    palette: &crate::window::design::Palette,
) {
    let painter = ui.painter_at(out.response.rect.expand(24.0));
    let scale = kit::text_scale(ui);
    for (name, offset) in others {
        let at = out
            .galley
            .pos_from_cursor(egui::text::CCursor::new(*offset))
            .translate(out.galley_pos.to_vec2());
        painter.line_segment(
            [at.left_top(), at.left_bottom()],
            egui::Stroke::new(2.0 * scale, palette.accent),
        );
        painter.text(
            at.left_top(),
            egui::Align2::LEFT_BOTTOM,
            name,
            FontId::proportional(crate::window::design::SMALL * scale),
            palette.accent,
        );
    }
}

/// The editor's text laid out: each line in its block's style, its runs bold, italic or
/// linked, list items and quotes indented with their bullet or number drawn in the text.
pub(super) fn layout(
    ui: &Ui,
    text: &str,
    mirror: &Mirror,
    wrap: f32,
    palette: &crate::window::design::Palette,
) -> LayoutJob {
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping {
            max_width: wrap,
            ..Default::default()
        },
        ..Default::default()
    };
    let scale = kit::text_scale(ui);
    let body = FontId::proportional(BODY * scale);
    let mut byte = 0usize;
    let mut number = 0usize;
    for (i, line_text) in text.split('\n').enumerate() {
        let line = mirror.lines.get(i);
        let kind = line.map_or(BlockKind::Paragraph, |l| l.kind);
        number = if kind == BlockKind::Numbered {
            number + 1
        } else {
            0
        };
        let size = match kind {
            BlockKind::Heading(1) => BODY * 1.6,
            BlockKind::Heading(2) => BODY * 1.35,
            BlockKind::Heading(_) => BODY * 1.15,
            _ => BODY,
        } * scale;
        let indent = match kind {
            BlockKind::Bullet | BlockKind::Quote => 22.0 * scale,
            BlockKind::Numbered => 26.0 * scale,
            _ => 0.0,
        };
        let base = TextFormat {
            font_id: FontId::new(size, body.family.clone()),
            color: if kind == BlockKind::Quote {
                palette.muted
            } else {
                ui.visuals().text_color()
            },
            italics: kind == BlockKind::Quote,
            ..Default::default()
        };
        let heading = matches!(kind, BlockKind::Heading(_));
        let start = job.sections.len();
        let section =
            |job: &mut LayoutJob, from: usize, to: usize, bold: bool, italic: bool, link: bool| {
                let mut f = base.clone();
                if bold || heading {
                    f.font_id.family = strong_family();
                }
                f.italics |= italic;
                if link {
                    f.color = palette.accent;
                    f.underline = egui::Stroke::new(1.0, palette.accent);
                }
                job.sections.push(egui::text::LayoutSection {
                    leading_space: if job.sections.len() == start {
                        indent
                    } else {
                        0.0
                    },
                    byte_range: egui::text::ByteIndex(from)..egui::text::ByteIndex(to),
                    format: f,
                });
            };
        let chars: Vec<(usize, char)> = line_text.char_indices().collect();
        let at = |c: usize| chars.get(c).map_or(line_text.len(), |(b, _)| *b);
        let mut c = 0usize;
        if let Some(l) = line {
            for s in &l.spans {
                let end = (c + s.len).min(chars.len());
                if end > c {
                    section(
                        &mut job,
                        byte + at(c),
                        byte + at(end),
                        s.bold,
                        s.italic,
                        s.link,
                    );
                }
                c = end;
            }
        }
        if c < chars.len() || job.sections.len() == start {
            section(
                &mut job,
                byte + at(c),
                byte + line_text.len(),
                false,
                false,
                false,
            );
        }
        byte += line_text.len();
        if byte < text.len() {
            // The line break.
            job.sections.push(egui::text::LayoutSection {
                leading_space: 0.0,
                byte_range: egui::text::ByteIndex(byte)..egui::text::ByteIndex(byte + 1),
                format: base,
            });
            byte += 1;
        }
        let _ = number;
    }
    job.text = text.to_string();
    job
}

/// A diff between two versions as one text: what went struck through in the warning colour,
/// what came underlined in the accent colour.
pub(super) fn diff_job(ui: &Ui, runs: &[causeway_core::docs::DiffRun]) -> LayoutJob {
    use causeway_core::docs::DiffRun;
    let palette = kit::palette(ui);
    let font = FontId::proportional(BODY * kit::text_scale(ui));
    let mut job = LayoutJob::default();
    for (i, run) in runs.iter().enumerate() {
        let (text, format) = match run {
            DiffRun::Same(t) => (
                t,
                TextFormat::simple(font.clone(), ui.visuals().text_color()),
            ),
            DiffRun::Inserted(t) => (
                t,
                TextFormat {
                    font_id: font.clone(),
                    color: palette.accent,
                    underline: egui::Stroke::new(1.0, palette.accent),
                    ..Default::default()
                },
            ),
            DiffRun::Deleted(t) => (
                t,
                TextFormat {
                    font_id: font.clone(),
                    color: palette.warn,
                    strikethrough: egui::Stroke::new(1.0, palette.warn),
                    ..Default::default()
                },
            ),
        };
        // The first block's marker reads as a line break before everything: not shown.
        let text = if i == 0 {
            text.strip_prefix('\n').unwrap_or(text)
        } else {
            text
        };
        job.append(text, 0.0, format);
    }
    job
}
