//! The screens, one file each (first run, the sidebar, a group's page and its tabs, all
//! groups, settings, the invite and join dialogs), each with its form state; this file holds
//! the widgets and wordings they share.

mod about;
mod agenda;
mod all_groups;
mod blocks;
mod bundles;
mod comments;
mod doc_files;
mod doc_history;
mod doc_layout;
mod doc_list;
mod doc_settings;
mod doc_text;
mod docs;
mod events;
mod feed;
mod files;
mod first_run;
mod group;
mod help;
mod invite;
mod join;
mod kit_state;
mod log;
mod members;
mod moderation;
mod month;
mod polls;
mod post;
mod reactions;
mod reports;
mod settings;
mod shifts;
mod sidebar;
mod tasks;
pub(in crate::window) mod when;

pub(in crate::window) use about::GroupForm;
pub(in crate::window) use all_groups::Filters;
pub(in crate::window) use docs::{DocEditor, NewDoc};
pub(in crate::window) use events::file_name;
pub(in crate::window) use feed::Composer;
pub(in crate::window) use files::FilesState;
pub(in crate::window) use invite::InviteDialog;
pub(in crate::window) use join::JoinDialog;
pub(in crate::window) use kit_state::{EventsView, KitForm, KitState};
pub(in crate::window) use log::LogState;
pub(in crate::window) use reactions::Picker;
pub(in crate::window) use reports::ReportsState;
pub(in crate::window) use settings::ProfileForm;

use causeway_core::{Role, Visibility};
use causeway_sync::views::Reach;
use egui::Ui;

use super::CausewayApp;
use crate::window::CAUSES;

/// A drop-down list labelled (for screen readers) by the widget `label`; `options` are
/// (value, text) pairs.
pub(in crate::window) fn choice<T: PartialEq>(
    ui: &mut Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    label: egui::Id,
    value: &mut T,
    options: Vec<(T, String)>,
) {
    drop_down(ui, id, value, options).labelled_by(label);
}

/// A drop-down list whose accessible label is `name` (no label widget beside it).
pub(in crate::window) fn choice_named<T: PartialEq>(
    ui: &mut Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    name: &str,
    value: &mut T,
    options: Vec<(T, String)>,
) {
    drop_down(ui, id, value, options)
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name));
}

fn drop_down<T: PartialEq>(
    ui: &mut Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    value: &mut T,
    options: Vec<(T, String)>,
) -> egui::Response {
    let shown = options
        .iter()
        .find(|(v, _)| v == value)
        .map(|(_, t)| t.clone())
        .unwrap_or_default();
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .show_ui(ui, |ui| {
            for (v, t) in options {
                ui.selectable_value(value, v, t);
            }
        })
        .response
}

/// A checkbox that says whether `value` is in `list`, and adds or removes it.
pub(in crate::window) fn member_checkbox(
    ui: &mut Ui,
    list: &mut Vec<String>,
    value: &str,
    text: &str,
) {
    let mut on = list.iter().any(|x| x == value);
    if ui.checkbox(&mut on, text).changed() {
        if on {
            list.push(value.to_string());
        } else {
            list.retain(|x| x != value);
        }
    }
}

impl CausewayApp {
    pub(in crate::window) fn visibility_text(&self, v: Visibility) -> String {
        self.i18n.t(match v {
            Visibility::Invite => "visibility-invite",
            Visibility::Request => "visibility-request",
            Visibility::Open => "visibility-open",
        })
    }

    pub(in crate::window) fn role_text(&self, r: Option<Role>) -> String {
        self.i18n.t(match r {
            Some(Role::Owner) => "role-owner",
            Some(Role::Admin) => "role-admin",
            Some(Role::Moderator) => "role-moderator",
            Some(Role::Member) => "role-member",
            None => "role-removed",
        })
    }

    pub(in crate::window) fn cause_text(&self, c: &str) -> String {
        if CAUSES.contains(&c) {
            self.i18n.t(&format!("cause-{c}"))
        } else {
            c.to_string()
        }
    }

    pub(in crate::window) fn reach_text(&self, r: Reach) -> String {
        let now = Self::now();
        match r {
            Reach::ThisDevice => self.i18n.t("reach-you"),
            Reach::Connected { relayed: false } => self.i18n.t("reach-direct"),
            Reach::Connected { relayed: true } => self.i18n.t("reach-relay"),
            Reach::SeenAt(t) => self
                .i18n
                .a("reach-seen", &[("when", self.i18n.ago(t, now).into())]),
            Reach::Unreachable { since, .. } => self.i18n.a(
                "reach-unreachable",
                &[("when", self.i18n.ago(since, now).into())],
            ),
            Reach::Unknown => self.i18n.t("reach-unknown"),
        }
    }
}
