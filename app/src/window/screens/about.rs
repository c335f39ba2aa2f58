//! A group's description: reading and editing it, and creating a group.
use causeway_core::Visibility;
use causeway_sync::control::{GroupEdit, Request};
use causeway_sync::views::{GroupView, Snapshot};
use egui::{ScrollArea, TextEdit, Ui};

use super::*;
use crate::i18n::Lang;
use crate::window::confirm::Ask;
use crate::window::design::kit;
use crate::window::toast::Tone;
use crate::window::{CAUSES, CausewayApp, Place, Waiting};

/// The fields of a group's description (creating one, or an admin editing it).
#[derive(Clone, Debug, Default)]
pub(in crate::window) struct GroupForm {
    pub(in crate::window) name: String,
    pub(in crate::window) mission: String,
    pub(in crate::window) causes: Vec<String>,
    pub(in crate::window) tag: String,
    pub(in crate::window) region: String,
    pub(in crate::window) languages: Vec<String>,
    pub(in crate::window) visibility: Option<Visibility>,
    /// The name field had the keyboard once.
    pub(in crate::window) focused: bool,
}

impl CausewayApp {
    pub(in crate::window) fn about(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView) {
        let Some(info) = &g.info else { return };
        if let Some(mut form) = self.about_edit.take() {
            let (save, cancel) = self.group_fields(ui, &mut form, "save");
            if save {
                self.submit(
                    Request::GroupEdit {
                        group: g.id,
                        edit: GroupEdit {
                            name: Some(form.name.trim().to_string()),
                            mission: Some(form.mission.trim().to_string()),
                            region: Some(form.region.trim().to_string()),
                            visibility: Some(form.visibility.unwrap_or(Visibility::Invite)),
                            causes: Some(form.causes.clone()),
                            languages: Some(form.languages.clone()),
                        },
                    },
                    Waiting::GroupEdit,
                );
            }
            if !cancel {
                self.about_edit = Some(form);
            }
            return;
        }
        let row = |ui: &mut Ui, label: String, value: String| {
            ui.label(kit::strong(label));
            ui.label(if value.is_empty() {
                "—".to_string()
            } else {
                value
            });
            ui.add_space(6.0);
        };
        row(ui, self.i18n.t("group-mission"), info.mission.clone());
        let causes: Vec<String> = info.causes.iter().map(|c| self.cause_text(c)).collect();
        row(ui, self.i18n.t("group-causes"), causes.join(", "));
        row(ui, self.i18n.t("group-region"), info.region.clone());
        let languages: Vec<String> = info
            .languages
            .iter()
            .map(|l| Lang::from_tag(l).map_or_else(|| l.clone(), |l| l.native_name().to_string()))
            .collect();
        row(ui, self.i18n.t("group-languages"), languages.join(", "));
        row(
            ui,
            self.i18n.t("group-visibility"),
            self.visibility_text(info.visibility),
        );
        row(
            ui,
            self.i18n.t("group-created"),
            self.i18n.datetime(info.created_at),
        );
        if g.i_am_admin() && ui.button(self.i18n.t("edit")).clicked() {
            self.about_edit = Some(GroupForm {
                name: info.name.clone(),
                mission: info.mission.clone(),
                causes: info.causes.clone(),
                tag: String::new(),
                region: info.region.clone(),
                languages: info.languages.clone(),
                visibility: Some(info.visibility),
                focused: false,
            });
        }
        self.group_picture_row(ui, snap, g);
        let mut muted = snap.blocks.group_muted(g.id);
        if ui
            .checkbox(&mut muted, self.i18n.t("group-mute"))
            .on_hover_text(self.i18n.t("group-mute-help"))
            .changed()
        {
            self.set_muted(causeway_sync::MuteTarget::Group(g.id), muted);
        }
        if g.my_role.is_some() {
            ui.add_space(6.0);
            ui.horizontal_wrapped(|ui| {
                // The owner cannot leave (the group would have nobody to hand it over).
                if g.my_role != Some(causeway_core::Role::Owner) {
                    if kit::danger(ui, &self.i18n.t("leave")).clicked() {
                        self.ask_first(Ask::Leave {
                            group: g.id,
                            name: info.name.clone(),
                        });
                    }
                    if ui.button(self.i18n.t("leave-and-delete")).clicked() {
                        self.ask_first(Ask::DeleteCopy {
                            group: g.id,
                            name: info.name.clone(),
                        });
                    }
                }
                if ui.button(self.i18n.t("erase-mine")).clicked() {
                    self.ask_first(Ask::EraseMine {
                        group: g.id,
                        name: info.name.clone(),
                    });
                }
            });
        }
        if g.my_role.is_some() {
            self.bundle_card(ui, g);
        }
    }

    /// The fields of a group's description; returns (save, cancel).
    pub(in crate::window) fn group_fields(
        &mut self,
        ui: &mut Ui,
        form: &mut GroupForm,
        submit: &str,
    ) -> (bool, bool) {
        ScrollArea::vertical()
            .id_salt("group-form")
            .show(ui, |ui| {
                let counter = |n: usize| self.i18n.a("chars-left", &[("count", n.into())]);
                let name = kit::line_field(
                    ui,
                    &self.i18n.t("group-name"),
                    &mut form.name,
                    causeway_core::limits::GROUP_NAME,
                    360.0,
                    &counter,
                    None,
                );
                if !form.focused {
                    name.request_focus();
                    form.focused = true;
                }
                kit::text_field(
                    ui,
                    egui::Id::unique("group-mission"),
                    &self.i18n.t("group-mission"),
                    &mut form.mission,
                    causeway_core::limits::MISSION,
                    3,
                    200.0,
                    &counter,
                );
                ui.label(self.i18n.t("group-causes"));
                ui.horizontal_wrapped(|ui| {
                    for c in CAUSES {
                        member_checkbox(ui, &mut form.causes, c, &self.cause_text(c));
                    }
                    for c in form
                        .causes
                        .clone()
                        .iter()
                        .filter(|c| !CAUSES.contains(&c.as_str()))
                    {
                        if ui.button(format!("{c} ×")).clicked() {
                            form.causes.retain(|x| x != c);
                        }
                    }
                });
                ui.horizontal(|ui| {
                    let l = ui.label(self.i18n.t("group-tag"));
                    ui.add(
                        TextEdit::singleline(&mut form.tag)
                            .char_limit(causeway_core::limits::TAG)
                            .desired_width(160.0),
                    )
                    .labelled_by(l.id);
                    if ui.button(self.i18n.t("add")).clicked() {
                        let tag = form.tag.trim().to_lowercase();
                        if !tag.is_empty() && !form.causes.contains(&tag) {
                            form.causes.push(tag);
                        }
                        form.tag.clear();
                    }
                });
                kit::line_field(
                    ui,
                    &self.i18n.t("group-region"),
                    &mut form.region,
                    causeway_core::limits::REGION,
                    360.0,
                    &|n| self.i18n.a("chars-left", &[("count", n.into())]),
                    None,
                );
                ui.label(self.i18n.t("group-languages"));
                ui.horizontal(|ui| {
                    for l in Lang::ALL {
                        member_checkbox(ui, &mut form.languages, l.tag(), l.native_name());
                    }
                });
                ui.label(self.i18n.t("group-visibility"));
                let vis = form.visibility.get_or_insert(Visibility::Invite);
                for v in [Visibility::Invite, Visibility::Request, Visibility::Open] {
                    ui.radio_value(vis, v, self.visibility_text(v));
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let ready = !form.name.trim().is_empty();
                    let answer = (
                        kit::primary(ui, &self.i18n.t(submit), ready).clicked(),
                        ui.button(self.i18n.t("cancel")).clicked(),
                    );
                    // Why the button cannot be pressed yet.
                    if !ready {
                        kit::secondary(ui, self.i18n.t("group-name-needed"));
                    }
                    answer
                })
                .inner
            })
            .inner
    }

    pub(in crate::window) fn create_group(&mut self, ui: &mut Ui) {
        kit::heading(ui, self.i18n.t("create-group"));
        let mut form = std::mem::take(&mut self.form);
        let (save, cancel) = self.group_fields(ui, &mut form, "create");
        self.form = form;
        if cancel {
            self.form = GroupForm::default();
            self.place = Place::AllGroups;
        } else if save {
            if self.form.name.trim().is_empty() {
                self.say(Tone::Error, self.i18n.t("group-name-needed"));
                return;
            }
            let f = &self.form;
            let req = Request::GroupCreate {
                name: f.name.trim().to_string(),
                mission: f.mission.trim().to_string(),
                causes: f.causes.clone(),
                visibility: f.visibility.unwrap_or(Visibility::Invite),
                region: f.region.trim().to_string(),
                languages: f.languages.clone(),
            };
            self.submit(req, Waiting::CreateGroup);
        }
    }
}
