//! Causeway's desktop app: eframe/egui only. It holds view state, draws, and turns clicks into
//! calls on the sync layer. It never depends on iroh.
//!
//! This is the foundation's window: first run, my groups, creating a group, reading and writing
//! posts. The full app (tabs, invites, sync status, four languages) is issue 4.

use causeway_core::{Group, GroupId, NewGroup, Profile, Visibility};
use causeway_sync::{LocalNode, new_item_id};
use egui::{RichText, ScrollArea, TextEdit};

/// The create-group form.
#[derive(Default)]
struct GroupForm {
    name: String,
    mission: String,
    visibility: Option<Visibility>,
}

/// The app.
pub struct CausewayApp {
    node: LocalNode,
    name_input: String,
    selected: Option<GroupId>,
    form: Option<GroupForm>,
    title: String,
    body: String,
    notice: Option<String>,
}

impl CausewayApp {
    /// Wraps an opened data folder.
    pub fn new(node: LocalNode) -> Self {
        let selected = node.groups().next().map(Group::id);
        Self {
            node,
            name_input: String::new(),
            selected,
            form: None,
            title: String::new(),
            body: String::new(),
            notice: None,
        }
    }

    fn first_run(&mut self, ui: &mut egui::Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading("Welcome to Causeway");
            ui.label("Choose the name other members of your groups will see.");
            ui.add_space(12.0);
            let label = ui.label("Your name");
            ui.add(TextEdit::singleline(&mut self.name_input).desired_width(280.0))
                .labelled_by(label.id);
            if ui.button("Continue").clicked() {
                let profile = Profile {
                    display_name: self.name_input.trim().to_string(),
                    ..Profile::default()
                };
                match self.node.set_profile(profile) {
                    Ok(()) => self.notice = None,
                    Err(e) => self.notice = Some(sentence(&e.to_string())),
                }
            }
        });
    }

    fn sidebar(&mut self, ui: &mut egui::Ui) {
        ui.heading("My groups");
        ui.separator();
        let groups: Vec<(GroupId, String)> = self
            .node
            .groups()
            .map(|g| (g.id(), g.info().map(|i| i.name).unwrap_or_default()))
            .collect();
        for (id, name) in groups {
            if ui
                .selectable_label(self.selected == Some(id) && self.form.is_none(), name)
                .clicked()
            {
                self.selected = Some(id);
                self.form = None;
            }
        }
        ui.add_space(8.0);
        if ui.button("Create a group").clicked() {
            self.form = Some(GroupForm::default());
        }
        ui.with_layout(egui::Layout::bottom_up(egui::Align::LEFT), |ui| {
            ui.small(format!(
                "Others see you as {}",
                self.node.profile().display_name
            ));
        });
    }

    fn create_form(&mut self, ui: &mut egui::Ui) {
        let Some(form) = self.form.as_mut() else {
            return;
        };
        ui.heading("Create a group");
        let l = ui.label("Group name");
        ui.add(TextEdit::singleline(&mut form.name).desired_width(360.0))
            .labelled_by(l.id);
        let l = ui.label("Mission");
        ui.add(
            TextEdit::multiline(&mut form.mission)
                .desired_rows(3)
                .desired_width(360.0),
        )
        .labelled_by(l.id);
        ui.label("Who can join");
        let vis = form.visibility.get_or_insert(Visibility::Invite);
        ui.radio_value(vis, Visibility::Invite, "Only people I invite");
        ui.radio_value(
            vis,
            Visibility::Request,
            "Anyone can ask; an admin approves",
        );
        ui.radio_value(vis, Visibility::Open, "Anyone can join");
        let (create, cancel) = ui
            .horizontal(|ui| (ui.button("Create").clicked(), ui.button("Cancel").clicked()))
            .inner;
        if cancel {
            self.form = None;
        } else if create {
            let new = NewGroup {
                name: form.name.clone(),
                mission: form.mission.clone(),
                causes: Vec::new(),
                region: String::new(),
                languages: Vec::new(),
                visibility: form.visibility.unwrap_or(Visibility::Invite),
            };
            match self.node.create_group(&new) {
                Ok(id) => {
                    self.selected = Some(id);
                    self.form = None;
                    self.notice = None;
                }
                Err(e) => self.notice = Some(sentence(&e.to_string())),
            }
        }
    }

    fn group_view(&mut self, ui: &mut egui::Ui, id: GroupId) {
        let Some(group) = self.node.group(&id) else {
            return;
        };
        let Some(info) = group.info() else { return };
        let members = group.members();
        let name_of = |d| {
            members
                .iter()
                .find(|m| m.id == d)
                .map(|m| m.name.clone())
                .unwrap_or_else(|| "someone".into())
        };
        ui.heading(&info.name);
        if !info.mission.is_empty() {
            ui.label(&info.mission);
        }
        let active = members.iter().filter(|m| m.role.is_some()).count();
        ui.small(if active == 1 {
            "1 member".to_string()
        } else {
            format!("{active} members")
        });
        ui.separator();
        let can_post = group.my_role().is_some();
        let posts = group.posts();
        if can_post {
            let l = ui.label("Title");
            ui.add(TextEdit::singleline(&mut self.title).desired_width(f32::INFINITY))
                .labelled_by(l.id);
            let l = ui.label("Write a post");
            ui.add(
                TextEdit::multiline(&mut self.body)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
            if ui.button("Post").clicked() {
                self.publish(id);
            }
            ui.separator();
        }
        ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if posts.is_empty() {
                    ui.label("No posts yet. Write the first one above.");
                }
                for p in posts.iter().filter(|p| !p.deleted && p.hidden.is_none()) {
                    ui.group(|ui| {
                        ui.set_width(ui.available_width());
                        if !p.title.is_empty() {
                            ui.label(RichText::new(&p.title).strong());
                        }
                        ui.label(&p.body);
                        ui.small(format!("by {}", name_of(p.author)));
                    });
                }
            });
    }

    fn publish(&mut self, id: GroupId) {
        let item = match new_item_id() {
            Ok(i) => i,
            Err(e) => return self.notice = Some(sentence(&e.to_string())),
        };
        let (title, body) = (self.title.trim().to_string(), self.body.trim().to_string());
        match self
            .node
            .act(&id, |g, now| g.post(now, item, &title, &body, ""))
        {
            Ok(_) => {
                self.title.clear();
                self.body.clear();
                self.notice = None;
            }
            Err(e) => self.notice = Some(sentence(&e.to_string())),
        }
    }
}

impl eframe::App for CausewayApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // TODO(issue 4): read view models published by the sync handle instead of the store,
        // so large groups never cost frame time.
        let warnings: Vec<String> = self.node.warnings().to_vec();
        if !warnings.is_empty() || self.notice.is_some() {
            egui::Panel::top("notices").show(ui, |ui| {
                for w in warnings.iter().chain(self.notice.iter()) {
                    ui.colored_label(ui.visuals().warn_fg_color, w);
                }
            });
        }
        if self.node.profile().display_name.is_empty() {
            egui::CentralPanel::default().show(ui, |ui| self.first_run(ui));
            return;
        }
        egui::Panel::left("groups")
            .resizable(true)
            .default_size(220.0)
            .show(ui, |ui| self.sidebar(ui));
        egui::CentralPanel::default().show(ui, |ui| {
            if self.form.is_some() {
                self.create_form(ui);
            } else if let Some(id) = self.selected {
                self.group_view(ui, id);
            } else {
                ui.vertical_centered(|ui| {
                    ui.add_space(60.0);
                    ui.heading("You are not in any group yet");
                    ui.label("Create a group for your cause with the button on the left.");
                });
            }
        });
    }
}

/// Turns an error message into a sentence for a person: capital first letter, final period.
pub fn sentence(msg: &str) -> String {
    let mut s = msg.to_string();
    if let Some(first) = s.get(..1) {
        s.replace_range(..1, &first.to_uppercase());
    }
    if !s.ends_with('.') {
        s.push('.');
    }
    s
}
