//! Short messages that float above the bottom of the window and never move the layout: what
//! just worked (green, gone after a few seconds), what is worth knowing (gone after a little
//! longer), and what went wrong (red, until dismissed or until the next thing succeeds). A new
//! message replaces the one shown, so nothing stays that stopped being true.

use egui::{Align2, Area, Context, Frame, Id, Order, RichText, Vec2};

use causeway_sync::control::Request;

use super::design::{Palette, kit};

/// What kind of message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tone {
    /// Something asked for worked.
    Success,
    /// Something worth knowing.
    Info,
    /// Something went wrong, with what to do.
    Error,
}

/// The message shown now.
#[derive(Clone, Debug)]
pub(crate) struct Toast {
    pub(crate) text: String,
    pub(crate) tone: Tone,
    /// A button beside the text ("Undo") and what it does.
    pub(crate) action: Option<(String, Request)>,
    /// When it was first drawn (egui's clock), to let it go after a while.
    since: Option<f64>,
}

/// What became of the message this frame.
#[derive(Debug)]
pub(crate) enum Shown {
    /// Still showing.
    Showing,
    /// Its time ran out, or it was dismissed.
    Over,
    /// Its action was clicked: this request is to be sent (and the message is over).
    Act(Request),
}

impl Toast {
    pub(crate) fn new(tone: Tone, text: String) -> Toast {
        Toast {
            text,
            tone,
            action: None,
            since: None,
        }
    }

    /// The same message with a button that sends `request`.
    pub(crate) fn with_action(mut self, label: String, request: Request) -> Toast {
        self.action = Some((label, request));
        self
    }

    /// How long it stays, in seconds; errors stay until dismissed.
    fn lasts(&self) -> Option<f64> {
        match self.tone {
            Tone::Success => Some(4.0),
            // Long enough to read it and to reach for its button.
            Tone::Info => Some(if self.action.is_some() { 10.0 } else { 8.0 }),
            Tone::Error => None,
        }
    }
}

/// Draws `toast` at the bottom of the window; says whether it is over or its action was
/// clicked.
pub(crate) fn show(ctx: &Context, toast: &mut Toast, dismiss: &str) -> Shown {
    let now = ctx.input(|i| i.time);
    let since = *toast.since.get_or_insert(now);
    if let Some(lasts) = toast.lasts() {
        if now - since >= lasts {
            return Shown::Over;
        }
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(lasts - (now - since)));
    }
    let p = Palette::of(ctx.global_style().visuals.dark_mode);
    let fill = p.toast[match toast.tone {
        Tone::Success => 0,
        Tone::Info => 1,
        Tone::Error => 2,
    }];
    let fg = p.text;
    let mut shown = Shown::Showing;
    Area::new(Id::unique("causeway-toast"))
        .order(Order::Foreground)
        .anchor(Align2::CENTER_BOTTOM, Vec2::new(0.0, -16.0))
        .interactable(true)
        .show(ctx, |ui| {
            Frame::popup(ui.style())
                .fill(fill)
                .stroke(egui::Stroke::new(1.0, p.line))
                .inner_margin(12.0)
                .show(ui, |ui| {
                    ui.set_max_width(520.0);
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(&toast.text).color(fg));
                        if let Some((label, request)) = &toast.action
                            && ui.button(kit::strong(label.as_str())).clicked()
                        {
                            shown = Shown::Act(request.clone());
                        }
                        if ui.small_button(dismiss).clicked() {
                            shown = Shown::Over;
                        }
                    });
                });
        });
    shown
}
