//! Destructive actions ask first. A modal dialog says what will happen and to whom, takes a
//! reason where the group keeps one (members can read why someone was removed), and does
//! nothing until confirmed: Cancel, Escape or a click beside the dialog leave everything as it
//! was. Every screen asks through [`CausewayApp::ask_first`].

use causeway_core::{DeviceId, GroupId, ItemId, ItemKind};
use causeway_sync::control::Request;
use egui::{Context, TextEdit};

use super::design::kit;
use super::{CausewayApp, Waiting};

/// Longest reason, in characters (what the group's rules keep).
const MAX_REASON: usize = 500;

/// What is asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Ask {
    /// Removing a member from a group, with a reason the members can read.
    RemoveMember {
        group: GroupId,
        member: DeviceId,
        name: String,
    },
    /// Deleting one of my posts or comments; its title and text are kept to undo it.
    Delete {
        group: GroupId,
        kind: ItemKind,
        item: ItemId,
        title: String,
        text: String,
    },
    /// Withdrawing an invite: whoever holds it can no longer join with it.
    Withdraw { group: GroupId, secret: String },
    /// Turning down a request to join.
    Decline {
        group: GroupId,
        member: DeviceId,
        name: String,
    },
    /// Cancelling an event: everyone who answered is told.
    CancelEvent {
        group: GroupId,
        event: ItemId,
        title: String,
    },
    /// Cancelling a shift: who signed up sees that it is cancelled.
    CancelShift {
        group: GroupId,
        shift: ItemId,
        title: String,
    },
    /// Closing a poll: its results are final.
    ClosePoll {
        group: GroupId,
        poll: ItemId,
        question: String,
    },
    /// Hiding someone's post or comment (moderators), with a reason members can read.
    Hide {
        group: GroupId,
        kind: ItemKind,
        item: ItemId,
        /// Who wrote it.
        author: String,
    },
    /// Showing a hidden post or comment again (moderators), with a reason the log keeps.
    Unhide {
        group: GroupId,
        kind: ItemKind,
        item: ItemId,
    },
    /// Hiding a shared document from members (moderators), with a reason they can read.
    HideDocument {
        group: GroupId,
        doc: causeway_core::DocId,
        title: String,
    },
    /// Blocking a person on this device, with a reason for my own list (optional).
    Block { device: DeviceId, name: String },
    /// Handing a group over to one of its admins (the owner).
    HandOver {
        group: GroupId,
        to: DeviceId,
        name: String,
        group_name: String,
    },
    /// Deleting all my posts and comments in a group.
    EraseMine { group: GroupId, name: String },
    /// Leaving a group; the copy here stays, read-only.
    Leave { group: GroupId, name: String },
    /// Deleting this device's copy of a group (leaving it first, if still in it).
    DeleteCopy { group: GroupId, name: String },
}

/// The dialog open now.
#[derive(Debug)]
pub(crate) struct Confirm {
    ask: Ask,
    reason: String,
    /// The first frame gives the reason field the keyboard.
    focused: bool,
}

impl Ask {
    /// Whether the group keeps a reason for it. A moderator's or an admin's decision is
    /// never made without one: members read it, and the person it touches learns why.
    fn takes_reason(&self) -> bool {
        matches!(
            self,
            Ask::RemoveMember { .. }
                | Ask::Hide { .. }
                | Ask::Unhide { .. }
                | Ask::HideDocument { .. }
        )
    }

    /// Whether a reason may be given, though none is needed (only I read it).
    fn offers_reason(&self) -> bool {
        self.takes_reason() || matches!(self, Ask::Block { .. })
    }

    /// What waits for the answer: a delete keeps what undoing it sends.
    fn waiting(&self) -> Waiting {
        match self.clone() {
            Ask::Delete {
                group,
                kind,
                item,
                title,
                text,
            } => Waiting::Delete(Request::Restore {
                group,
                kind,
                item,
                title,
                text,
            }),
            _ => Waiting::Other,
        }
    }

    /// The request it becomes once confirmed.
    fn request(&self, reason: &str) -> Request {
        match self.clone() {
            Ask::RemoveMember { group, member, .. } => Request::MemberRemove {
                group,
                member,
                reason: reason.trim().to_string(),
            },
            Ask::Delete {
                group, kind, item, ..
            } => Request::Delete { group, kind, item },
            Ask::Decline { group, member, .. } => Request::Decline { group, member },
            Ask::Withdraw { group, secret } => Request::InviteWithdraw { group, secret },
            Ask::CancelEvent { group, event, .. } => Request::Kit {
                group,
                req: Box::new(causeway_sync::control::KitRequest::EventCancel {
                    event,
                    undo: false,
                }),
            },
            Ask::CancelShift { group, shift, .. } => Request::Kit {
                group,
                req: Box::new(causeway_sync::control::KitRequest::ShiftCancel {
                    shift,
                    undo: false,
                }),
            },
            Ask::ClosePoll { group, poll, .. } => Request::Kit {
                group,
                req: Box::new(causeway_sync::control::KitRequest::PollClose { poll }),
            },
            Ask::Hide {
                group, kind, item, ..
            } => Request::Hide {
                group,
                kind,
                item,
                reason: reason.trim().to_string(),
            },
            Ask::Unhide { group, kind, item } => Request::Unhide {
                group,
                kind,
                item,
                reason: reason.trim().to_string(),
            },
            Ask::HideDocument { group, doc, .. } => Request::Doc {
                group,
                req: causeway_sync::control::DocRequest::Hide {
                    doc,
                    reason: Some(reason.trim().to_string()),
                },
            },
            Ask::EraseMine { group, .. } => Request::GroupEraseMine { group },
            Ask::HandOver { group, to, .. } => Request::GroupTransfer { group, to },
            Ask::Leave { group, .. } => Request::GroupLeave {
                group,
                delete_local: false,
                anyway: false,
            },
            Ask::DeleteCopy { group, .. } => Request::GroupLeave {
                group,
                delete_local: true,
                anyway: false,
            },
            Ask::Block { device, .. } => Request::Blocks {
                req: causeway_sync::control::BlockRequest::Block {
                    device,
                    reason: reason.trim().to_string(),
                },
            },
        }
    }
}

impl CausewayApp {
    /// Opens the confirmation for `ask` (in place of any other one).
    pub(in crate::window) fn ask_first(&mut self, ask: Ask) {
        self.confirm = Some(Confirm {
            ask,
            reason: String::new(),
            focused: false,
        });
    }

    /// Draws the open confirmation, if any, above everything else.
    pub(in crate::window) fn confirm_dialog(&mut self, ctx: &Context) {
        let Some(mut c) = self.confirm.take() else {
            return;
        };
        let (title, body, yes) = match &c.ask {
            Ask::RemoveMember { name, .. } => (
                self.i18n
                    .a("remove-title", &[("name", name.as_str().into())]),
                self.i18n.t("remove-body"),
                self.i18n.t("remove"),
            ),
            Ask::Delete {
                kind: ItemKind::Post,
                ..
            } => (
                self.i18n.t("delete-post-title"),
                self.i18n.t("delete-body"),
                self.i18n.t("delete"),
            ),
            Ask::Delete {
                kind: ItemKind::Comment,
                ..
            } => (
                self.i18n.t("delete-comment-title"),
                self.i18n.t("delete-body"),
                self.i18n.t("delete"),
            ),
            Ask::Withdraw { .. } => (
                self.i18n.t("withdraw-title"),
                self.i18n.t("withdraw-body"),
                self.i18n.t("invite-withdraw"),
            ),
            Ask::Decline { name, .. } => (
                self.i18n
                    .a("decline-title", &[("name", name.as_str().into())]),
                self.i18n.t("decline-body"),
                self.i18n.t("decline"),
            ),
            Ask::CancelEvent { title, .. } => (
                self.i18n
                    .a("event-cancel-title", &[("name", title.as_str().into())]),
                self.i18n.t("event-cancel-body"),
                self.i18n.t("event-cancel"),
            ),
            Ask::CancelShift { title, .. } => (
                self.i18n
                    .a("shift-cancel-title", &[("name", title.as_str().into())]),
                self.i18n.t("shift-cancel-body"),
                self.i18n.t("shift-cancel"),
            ),
            Ask::ClosePoll { question, .. } => (
                self.i18n
                    .a("poll-close-title", &[("name", question.as_str().into())]),
                self.i18n.t("poll-close-body"),
                self.i18n.t("poll-close"),
            ),
            Ask::Hide {
                kind: ItemKind::Post,
                author,
                ..
            } => (
                self.i18n
                    .a("hide-post-title", &[("name", author.as_str().into())]),
                self.i18n.t("hide-body"),
                self.i18n.t("hide"),
            ),
            Ask::Hide { author, .. } => (
                self.i18n
                    .a("hide-comment-title", &[("name", author.as_str().into())]),
                self.i18n.t("hide-body"),
                self.i18n.t("hide"),
            ),
            Ask::Unhide { .. } => (
                self.i18n.t("unhide-title"),
                self.i18n.t("unhide-body"),
                self.i18n.t("unhide"),
            ),
            Ask::HideDocument { title, .. } => (
                self.i18n
                    .a("doc-hide-title", &[("name", title.as_str().into())]),
                self.i18n.t("doc-hide-body"),
                self.i18n.t("doc-hide"),
            ),
            Ask::HandOver {
                name, group_name, ..
            } => (
                self.i18n.a(
                    "hand-over-title",
                    &[
                        ("name", group_name.as_str().into()),
                        ("other", name.as_str().into()),
                    ],
                ),
                self.i18n.t("hand-over-body"),
                self.i18n.t("hand-over"),
            ),
            Ask::EraseMine { name, .. } => (
                self.i18n
                    .a("erase-mine-title", &[("name", name.as_str().into())]),
                self.i18n.t("erase-mine-body"),
                self.i18n.t("erase-mine"),
            ),
            Ask::Leave { name, .. } => (
                self.i18n
                    .a("leave-title", &[("name", name.as_str().into())]),
                self.i18n.t("leave-body"),
                self.i18n.t("leave"),
            ),
            Ask::DeleteCopy { name, .. } => (
                self.i18n
                    .a("delete-copy-title", &[("name", name.as_str().into())]),
                self.i18n.t("delete-copy-body"),
                self.i18n.t("delete-copy"),
            ),
            Ask::Block { name, .. } => (
                self.i18n
                    .a("block-title", &[("name", name.as_str().into())]),
                self.i18n.t("block-body"),
                self.i18n.t("block"),
            ),
        };
        let reason_label = if c.ask.takes_reason() {
            self.i18n.t("reason-label")
        } else {
            self.i18n.t("block-reason-label")
        };
        let cancel = self.i18n.t("cancel");
        let counter = self.i18n.a(
            "chars-left",
            &[(
                "count",
                MAX_REASON.saturating_sub(c.reason.chars().count()).into(),
            )],
        );
        let close = self.i18n.t("close");
        let reason_needed = self.i18n.t("reason-needed");
        let ready = !c.ask.takes_reason() || !c.reason.trim().is_empty();
        let (answer, closed) = kit::dialog(ctx, "confirm", &title, &close, 420.0, |ui| {
            ui.label(&body);
            if c.ask.offers_reason() {
                ui.add_space(8.0);
                let label = ui.label(&reason_label);
                let field = ui
                    .add(
                        TextEdit::multiline(&mut c.reason)
                            .char_limit(MAX_REASON)
                            .desired_rows(3)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                if !c.focused {
                    field.request_focus();
                    c.focused = true;
                }
                kit::secondary(ui, &counter);
                if !ready {
                    kit::secondary(ui, &reason_needed);
                }
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button(&cancel).clicked() {
                    Some(false)
                } else if ui
                    .add_enabled_ui(ready, |ui| kit::danger(ui, &yes))
                    .inner
                    .clicked()
                {
                    Some(true)
                } else {
                    None
                }
            })
            .inner
        });
        match answer {
            Some(true) => {
                let request = c.ask.request(&c.reason);
                self.submit(request, c.ask.waiting());
            }
            Some(false) => {}
            None if closed => {}
            None => self.confirm = Some(c),
        }
    }
}
