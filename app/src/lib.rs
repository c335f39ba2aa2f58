//! Causeway's desktop app: eframe/egui only. It holds view state, draws, and turns clicks into
//! calls on the sync handle. It never depends on iroh, and has no async runtime of its own.
//!
//! This is the foundation's window: first run, my groups, creating a group, reading and writing
//! posts (pushed to the group's members at once). The full app (tabs, invites, sync status, four
//! languages) is issue 4.
//!
//! Each frame draws from the local state under one short lock and collects what the person
//! asked for as [`Command`]s; they run after the lock is released.

use causeway_core::{GroupId, NewGroup, Profile, Visibility};
use causeway_sync::control::BlockingNode;
use causeway_sync::{LocalNode, new_item_id};
use egui::{RichText, ScrollArea, TextEdit};

/// The create-group form.
#[derive(Default)]
struct GroupForm {
    name: String,
    mission: String,
    visibility: Option<Visibility>,
}

/// What the person asked for during a frame.
enum Command {
    SetName(String),
    CreateGroup(NewGroup),
    Post {
        group: GroupId,
        title: String,
        body: String,
    },
}

/// The app.
pub struct CausewayApp {
    node: BlockingNode,
    name_input: String,
    selected: Option<GroupId>,
    form: Option<GroupForm>,
    title: String,
    body: String,
    notice: Option<String>,
}

impl CausewayApp {
    /// Wraps a running node.
    pub fn new(node: BlockingNode) -> Self {
        let selected = node
            .node()
            .local(|n| n.groups().next().map(|g| g.id()))
            .ok()
            .flatten();
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

    /// Asks `ctx` to repaint whenever a group changes (for example a post arrived).
    pub fn repaint_on_changes(&self, ctx: &egui::Context) {
        let ctx = ctx.clone();
        self.node.on_change(move || ctx.request_repaint());
    }

    fn first_run(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading("Welcome to Causeway");
            ui.label("Choose the name other members of your groups will see.");
            ui.add_space(12.0);
            let label = ui.label("Your name");
            ui.add(TextEdit::singleline(&mut self.name_input).desired_width(280.0))
                .labelled_by(label.id);
            if ui.button("Continue").clicked() {
                commands.push(Command::SetName(self.name_input.trim().to_string()));
            }
        });
    }

    fn sidebar(&mut self, ui: &mut egui::Ui, local: &LocalNode) {
        ui.heading("My groups");
        ui.separator();
        let groups: Vec<(GroupId, String)> = local
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
                local.profile().display_name
            ));
        });
    }

    fn create_form(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
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
            commands.push(Command::CreateGroup(NewGroup {
                name: form.name.clone(),
                mission: form.mission.clone(),
                causes: Vec::new(),
                region: String::new(),
                languages: Vec::new(),
                visibility: form.visibility.unwrap_or(Visibility::Invite),
            }));
        }
    }

    fn group_view(
        &mut self,
        ui: &mut egui::Ui,
        local: &LocalNode,
        id: GroupId,
        commands: &mut Vec<Command>,
    ) {
        let Some(group) = local.group(&id) else {
            return;
        };
        let Some(info) = group.info() else {
            ui.label("This group's history has not arrived yet. It will appear when a member's device is reachable.");
            return;
        };
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
        let posts = group.posts();
        if group.my_role().is_some() {
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
                commands.push(Command::Post {
                    group: id,
                    title: self.title.trim().to_string(),
                    body: self.body.trim().to_string(),
                });
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

    fn draw(&mut self, ui: &mut egui::Ui, local: &mut LocalNode, commands: &mut Vec<Command>) {
        let warnings: Vec<String> = local.warnings().to_vec();
        if !warnings.is_empty() || self.notice.is_some() {
            egui::Panel::top("notices").show(ui, |ui| {
                for w in warnings.iter().chain(self.notice.iter()) {
                    ui.colored_label(ui.visuals().warn_fg_color, w);
                }
            });
        }
        if local.profile().display_name.is_empty() {
            egui::CentralPanel::default().show(ui, |ui| self.first_run(ui, commands));
            return;
        }
        egui::Panel::left("groups")
            .resizable(true)
            .default_size(220.0)
            .show(ui, |ui| self.sidebar(ui, local));
        egui::CentralPanel::default().show(ui, |ui| {
            if self.form.is_some() {
                self.create_form(ui, commands);
            } else if let Some(id) = self.selected {
                self.group_view(ui, local, id, commands);
            } else {
                ui.vertical_centered(|ui| {
                    ui.add_space(60.0);
                    ui.heading("You are not in any group yet");
                    ui.label("Create a group for your cause with the button on the left.");
                });
            }
        });
    }

    fn run(&mut self, command: Command) {
        let result = match command {
            Command::SetName(name) => self
                .node
                .node()
                .local(|n| {
                    n.set_profile(Profile {
                        display_name: name,
                        ..n.profile().clone()
                    })
                })
                .and_then(|r| r),
            Command::CreateGroup(new) => match self
                .node
                .node()
                .local(|n| n.create_group(&new))
                .and_then(|r| r)
            {
                Ok(id) => {
                    self.selected = Some(id);
                    self.form = None;
                    Ok(())
                }
                Err(e) => Err(e),
            },
            Command::Post { group, title, body } => new_item_id()
                .and_then(|item| {
                    self.node
                        .act(group, |g, now| g.post(now, item, &title, &body, ""))
                })
                .map(|_| {
                    self.title.clear();
                    self.body.clear();
                }),
        };
        self.notice = result.err().map(|e| sentence(&e.to_string()));
    }
}

impl eframe::App for CausewayApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        // TODO(issue 4): read view models published by the sync handle instead of drawing from
        // the store under its lock, so large groups never cost frame time.
        let node = self.node.node().clone();
        let mut commands = Vec::new();
        if let Err(e) = node.local(|local| self.draw(ui, local, &mut commands)) {
            self.notice = Some(sentence(&e.to_string()));
        }
        for c in commands {
            self.run(c);
        }
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
