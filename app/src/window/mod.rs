//! Causeway's desktop app: eframe/egui only. It holds view state, draws, and turns clicks into
//! requests on the sync handle. It never depends on iroh, and has no async runtime of its own.
//!
//! Each frame draws from the latest [`Snapshot`] the node published (built off this thread,
//! so a big group costs no frame time) and sends what the person asked for with
//! [`BlockingNode::submit`], which returns at once; answers come back as events that repaint.
//! Every word comes from the Fluent files in `assets/locales/` ([`crate::i18n`]).

mod confirm;
mod design;
mod failure;
mod notify;
mod pick;
mod pictures;
mod qr;
mod reminders;
mod screens;
mod toast;

use std::collections::HashMap;
use std::sync::Arc;

use causeway_core::{GroupId, Timestamp};
use causeway_sync::control::{Answer, BlockingNode, Failure, Output, Request};
use causeway_sync::views::Snapshot;
use serde::{Deserialize, Serialize};

use self::qr::Qr;
use self::screens::{Composer, Filters, GroupForm, InviteDialog, JoinDialog};
use self::toast::Tone;
use crate::i18n::{I18n, Lang};

/// Causes offered when creating a group (free tags can be added too). Stored as these ids;
/// shown translated (`cause-<id>`).
pub const CAUSES: [&str; 10] = [
    "environment",
    "housing",
    "education",
    "health",
    "food",
    "migration",
    "animals",
    "culture",
    "human-rights",
    "neighbourhood",
];

/// What the app remembers between runs (eframe's storage; group data lives in the sync store).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Saved {
    /// The chosen language; `None` follows the system.
    pub lang: Option<Lang>,
    /// Per group (hex id): the newest post seen, for unread counts.
    pub last_read: HashMap<String, i64>,
    /// The group open when the app closed.
    pub open_group: Option<String>,
    /// Desktop notifications for new posts (off unless the person turns them on).
    pub notify: bool,
    /// Light, dark, or as the system is (`None`).
    pub theme: Option<Appearance>,
    /// The text size: an index into the sizes Settings offers (1 is the normal size).
    pub text_size: Option<usize>,
    /// How long before an event I said I would go to its reminders come, in minutes
    /// (`None`: a day and an hour before; empty: none).
    pub reminders: Option<Vec<i64>>,
    /// The reminders already shown: the event's key and the minutes before it.
    pub reminded: std::collections::BTreeSet<String>,
}

/// A theme the person chose over the system's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Appearance {
    /// Dark text on light surfaces.
    Light,
    /// Light text on dark surfaces.
    Dark,
}

const SAVED_KEY: &str = "causeway-ui";

/// Where the person is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    AllGroups,
    Agenda,
    Group(GroupId, Tab),
    CreateGroup,
    Settings,
    Help,
}

/// A group's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Feed,
    Events,
    Polls,
    Tasks,
    Documents,
    Members,
    /// Moderators only: what they hid.
    Moderation,
    /// The moderation log, for everyone.
    Log,
    About,
}

/// What a submitted request was for, to act on its answer.
#[derive(Clone, Debug)]
enum Waiting {
    CreateGroup,
    Post(GroupId),
    Comment,
    Invite,
    Join,
    Profile,
    GroupEdit,
    Network,
    /// An export of the group of this name.
    Export(String),
    /// An export of the document of this title.
    DocExport(String),
    /// A bundle written or read.
    Bundle,
    /// A form of the campaign kit, closed once its request is done.
    Kit(screens::KitForm),
    /// An event written as a calendar file.
    Calendar,
    /// A group's moderation log, read for the Log tab.
    Log,
    /// A group's moderation log written as a file.
    LogExport,
    /// A report made.
    Report,
    /// The reports of this group this device opens.
    Queue(GroupId),
    /// The warnings to me in this group.
    Warnings(GroupId),
    /// A delete, with what undoing it sends.
    Delete(Request),
    /// Space freed of files no group uses.
    Freed,
    /// A file saved into the export folder; opened with the system's program when `open`.
    File {
        /// Whether to open it.
        open: bool,
    },
    Other,
}

/// The app.
pub struct CausewayApp {
    /// Shared with the document editor, which enters the node's runtime for the pushes its
    /// edits make.
    node: Arc<BlockingNode>,
    i18n: I18n,
    saved: Saved,
    place: Place,
    form: GroupForm,
    about_edit: Option<GroupForm>,
    composer: Composer,
    editing: Option<(causeway_core::ItemId, String, String)>,
    comment_drafts: HashMap<(causeway_core::ItemId, Option<causeway_core::ItemId>), String>,
    open_comments: std::collections::HashSet<causeway_core::ItemId>,
    /// The comment whose reply field is open.
    replying: Option<causeway_core::ItemId>,
    /// Long posts shown whole ("Show more").
    expanded: std::collections::HashSet<causeway_core::ItemId>,
    /// What Markdown rendering keeps between frames.
    markdown: egui_commonmark::CommonMarkCache,
    /// The emoji picker's search.
    emoji_query: String,
    /// What the picker's search found, for the words it was made for.
    emoji_found: Option<(String, Vec<&'static str>)>,
    /// The post or comment whose emoji picker is open.
    picker_for: Option<screens::Picker>,
    /// Each feed's virtual list (`None`: all groups), with what it was last laid out from.
    lists: HashMap<Option<GroupId>, FeedList>,
    /// The all-groups feed in order, for one snapshot and one set of filters.
    merged: Option<(MergeKey, Merged)>,
    invite: Option<InviteDialog>,
    join: Option<JoinDialog>,
    filters: Filters,
    /// The profile being edited (first run, Settings).
    settings: Option<screens::ProfileForm>,
    /// The folder picker open now: the folder it returns.
    picking: Option<std::sync::mpsc::Receiver<Option<std::path::PathBuf>>>,
    /// A bundle file being chosen.
    bundle_pick: Option<std::sync::mpsc::Receiver<pick::Picked>>,
    export_dir: String,
    waiting: HashMap<u64, Waiting>,
    /// The network settings being edited, with the self-hosted relay's address as typed.
    network_form: Option<(causeway_sync::NetworkSettings, String)>,
    /// Per group, the newest post already considered for a notification.
    notified: notify::Seen,
    /// The window title last set.
    title: String,
    /// A group just created or joined, whose view may not be published yet.
    arriving: Option<GroupId>,
    /// The message floating above the bottom of the window (see `toast`).
    toast: Option<toast::Toast>,
    /// The destructive action waiting for a yes (see `confirm`).
    confirm: Option<confirm::Confirm>,
    /// The shared document open in the Documents tab.
    doc_editor: Option<screens::DocEditor>,
    /// The new-document form.
    new_doc: screens::NewDoc,
    /// The forms and views of events, polls, tasks and shifts.
    kit: screens::KitState,
    /// The moderation log on the Log tab.
    log: screens::LogState,
    /// Reports: the dialog, the queue, the moderators' drafts.
    reports: screens::ReportsState,
    /// The reminders and event changes already told.
    reminders: reminders::Told,
    /// The look applied to the context: (text size, theme), once the fonts are in.
    styled: Option<(usize, Option<Appearance>)>,
    /// Pictures, files being chosen, the picture seen whole.
    files: screens::FilesState,
}

/// What the all-groups order depends on: the snapshot and the filters.
type MergeKey = (u64, Option<GroupId>, Option<String>, Option<String>);

/// The all-groups feed in order: (group index, post index) pairs.
type Merged = Arc<Vec<(usize, usize)>>;

/// A feed's virtual list: only the rows in view are laid out, each row's height measured once
/// and cached, so a feed of 100,000 posts costs a frame what a feed of 20 does.
struct FeedList {
    list: egui_virtual_list::VirtualList,
    /// The content it was drawn from (a group view's build, or a merge of several).
    version: u64,
    /// Its first post then (new posts arrive at the top).
    first: Option<causeway_core::ItemId>,
    /// Whether the person is at the top: then new posts show; further down, they arrive above
    /// without moving what is being read.
    at_top: bool,
    /// What changes rows' heights besides content: comments open, long posts shown whole, a
    /// post being edited, a reply field open.
    layout: (
        usize,
        usize,
        Option<causeway_core::ItemId>,
        Option<causeway_core::ItemId>,
    ),
}

impl Default for FeedList {
    fn default() -> Self {
        let mut list = egui_virtual_list::VirtualList::new();
        // Hiding the list while the window is resized waits on the clock; never hide it.
        list.hide_on_resize(None);
        FeedList {
            list,
            version: 0,
            first: None,
            at_top: true,
            layout: (0, 0, None, None),
        }
    }
}

/// Merges groups' newest-first post lists into one newest-first order of (group, post)
/// indexes, keeping only the posts `fits` accepts.
pub(crate) fn merge_newest_first(
    groups: &[&Arc<causeway_sync::views::GroupView>],
    fits: impl Fn(&causeway_sync::views::PostView) -> bool,
) -> Vec<(usize, usize)> {
    let mut heap = std::collections::BinaryHeap::new();
    let next = |gi: usize, from: usize| {
        let posts = &groups[gi].posts;
        (from..posts.len())
            .filter_map(|pi| posts.get(pi).map(|p| (pi, p)))
            .find(|(_, p)| fits(p))
            .map(|(pi, p)| (p.post.created, std::cmp::Reverse(gi), pi))
    };
    for gi in 0..groups.len() {
        heap.extend(next(gi, 0));
    }
    let mut out = Vec::new();
    while let Some((_, std::cmp::Reverse(gi), pi)) = heap.pop() {
        out.push((gi, pi));
        heap.extend(next(gi, pi + 1));
    }
    out
}

impl CausewayApp {
    /// Wraps a running node, with what the app remembered (`None` on first start).
    pub fn new(node: BlockingNode, saved: Option<Saved>) -> Self {
        let saved = saved.unwrap_or_default();
        let lang = saved.lang.unwrap_or_else(Lang::from_system);
        let place = saved
            .open_group
            .as_deref()
            .and_then(|g| GroupId::from_hex(g).ok())
            .map_or(Place::AllGroups, |g| Place::Group(g, Tab::Feed));
        // Documents/Causeway, or ~/Causeway where the system names no documents folder.
        let export_dir = directories::UserDirs::new()
            .map(|u| u.document_dir().unwrap_or(u.home_dir()).join("Causeway"))
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        Self {
            node: Arc::new(node),
            i18n: I18n::new(lang),
            saved,
            place,
            form: GroupForm::default(),
            about_edit: None,
            composer: Composer::default(),
            editing: None,
            comment_drafts: HashMap::new(),
            open_comments: Default::default(),
            replying: None,
            expanded: Default::default(),
            markdown: Default::default(),
            emoji_query: String::new(),
            emoji_found: None,
            picker_for: None,
            lists: HashMap::new(),
            merged: None,
            invite: None,
            join: None,
            filters: Filters::default(),
            settings: None,
            picking: None,
            bundle_pick: None,
            export_dir,
            waiting: HashMap::new(),
            arriving: None,
            title: String::new(),
            notified: notify::Seen::default(),
            network_form: None,
            toast: None,
            confirm: None,
            doc_editor: None,
            new_doc: screens::NewDoc::default(),
            kit: screens::KitState::default(),
            reminders: reminders::Told::default(),
            log: screens::LogState::default(),
            reports: screens::ReportsState::default(),
            styled: None,
            files: screens::FilesState::default(),
        }
    }

    /// Reads what the app remembered from eframe's storage.
    pub fn load_saved(storage: Option<&dyn eframe::Storage>) -> Option<Saved> {
        storage.and_then(|s| eframe::get_value(s, SAVED_KEY))
    }

    /// Asks `ctx` to repaint whenever the node publishes something (a post arrived, a member
    /// connected, a request was answered).
    pub fn repaint_on_changes(&self, ctx: &egui::Context) {
        let ctx = ctx.clone();
        self.node.on_change(move || ctx.request_repaint());
    }

    /// The node the window runs on.
    pub fn node(&self) -> &BlockingNode {
        &self.node
    }

    /// Where exports are written (as the settings' folder field sets it).
    pub fn set_export_folder(&mut self, dir: &std::path::Path) {
        self.export_dir = dir.display().to_string();
    }

    /// Switches the language at once.
    pub fn set_language(&mut self, lang: Lang) {
        self.i18n = I18n::new(lang);
        self.saved.lang = Some(lang);
    }

    fn submit(&mut self, req: Request, why: Waiting) {
        let id = self.node.submit(req);
        self.waiting.insert(id, why);
    }

    fn is_waiting(&self, what: impl Fn(&Waiting) -> bool) -> bool {
        self.waiting.values().any(what)
    }

    /// A failure in the person's language, with what to do.
    fn failure(&self, f: &Failure) -> String {
        failure::failure(&self.i18n, f)
    }

    fn take_answers(&mut self) {
        for Answer { request, result } in self.node.take_answers() {
            let Some(why) = self.waiting.remove(&request) else {
                continue;
            };
            // What went wrong before stops being true once something works.
            if result.is_ok() && self.toast.as_ref().is_some_and(|t| t.tone == Tone::Error) {
                self.toast = None;
            }
            match (why, result) {
                (Waiting::CreateGroup, Ok(Output::Group(g))) => {
                    self.form = GroupForm::default();
                    self.place = Place::Group(g.group_id, Tab::Feed);
                    self.arriving = Some(g.group_id);
                }
                (Waiting::Post(_), Ok(_)) => self.composer = Composer::default(),
                (Waiting::File { open }, Ok(Output::FileSaved(f))) => {
                    self.file_saved(&f.path, open)
                }
                (Waiting::Freed, Ok(Output::Freed(f))) => self.freed(f.bytes),
                (Waiting::Comment, Ok(_)) => {
                    self.comment_drafts.clear();
                    self.replying = None;
                }
                (Waiting::Invite, Ok(Output::Invite(t))) => {
                    if let Some(d) = self.invite.as_mut() {
                        let qr = Qr::new(&t.ticket);
                        d.ticket = Some((t.ticket, qr));
                    }
                }
                (Waiting::Join, Ok(Output::Joined(j))) => {
                    self.join = None;
                    self.place = Place::Group(j.group_id, Tab::Feed);
                    self.arriving = Some(j.group_id);
                    if !j.admitted {
                        self.say(Tone::Info, self.i18n.t("join-waiting-approval"));
                    }
                }
                (Waiting::Join, Err(f)) => {
                    let msg = self.failure(&f);
                    if let Some(d) = self.join.as_mut() {
                        d.error = Some(msg);
                    }
                }
                (Waiting::GroupEdit, Ok(_)) => self.about_edit = None,
                (Waiting::Profile, Ok(_)) => self.settings = None,
                (Waiting::Network, Ok(_)) => {
                    self.network_form = None;
                    self.say(Tone::Info, self.i18n.t("settings-network-restart"));
                }
                (Waiting::Export(group), Ok(Output::Exported(e))) => {
                    let path = e.json.parent().unwrap_or(&e.json).display().to_string();
                    let said = self.i18n.a(
                        "settings-exported",
                        &[("group", group.into()), ("path", path.into())],
                    );
                    self.say(Tone::Success, said);
                }
                (Waiting::DocExport(title), Ok(Output::DocExported(e))) => {
                    let said = self.i18n.a(
                        "doc-exported",
                        &[
                            ("title", title.into()),
                            ("markdown", e.markdown.display().to_string().into()),
                            ("automerge", e.automerge.display().to_string().into()),
                        ],
                    );
                    self.say(Tone::Success, said);
                }
                (Waiting::Bundle, Ok(Output::BundleWritten(b))) => {
                    let said = self.i18n.a(
                        "bundle-written",
                        &[
                            ("path", b.file.display().to_string().into()),
                            ("count", (b.changes + b.doc_changes).into()),
                        ],
                    );
                    self.say(Tone::Success, said);
                }
                (Waiting::Bundle, Ok(Output::BundleRead(r))) => {
                    let group = self
                        .node
                        .node()
                        .snapshot()
                        .group(r.group_id)
                        .map_or_else(|| r.group_id.fmt_short(), |g| g.name().to_string());
                    let said = self.i18n.a(
                        "bundle-taken",
                        &[
                            ("group", group.into()),
                            ("count", (r.taken.accepted + r.taken.doc_accepted).into()),
                            ("refused", r.taken.refused.into()),
                        ],
                    );
                    let tone = if r.taken.refused > 0 {
                        Tone::Info
                    } else {
                        Tone::Success
                    };
                    self.say(tone, said);
                }
                (Waiting::Delete(undo), Ok(_)) => {
                    let kind = match &undo {
                        Request::Restore {
                            kind: causeway_core::ItemKind::Comment,
                            ..
                        } => "comment-deleted",
                        _ => "post-deleted",
                    };
                    let t = toast::Toast::new(Tone::Info, self.i18n.t(kind))
                        .with_action(self.i18n.t("undo"), undo);
                    self.toast = Some(t);
                }
                (Waiting::Kit(form), Ok(_)) => self.kit.done(form),
                (Waiting::Log, Ok(Output::Log(lines))) => {
                    if let Some((group, _)) = self.log.asked {
                        self.log.lines = Some((group, lines));
                    }
                }
                (Waiting::Queue(group), Ok(Output::Queue(lines))) => {
                    self.reports.lines = Some((group, lines));
                }
                (Waiting::Warnings(group), Ok(Output::Warnings(w))) => {
                    self.reports.warnings = Some((group, w));
                }
                (Waiting::Report, Ok(Output::Reported(r))) => {
                    let said = self.i18n.t(if r.filed {
                        "report-filed"
                    } else {
                        "report-sealed"
                    });
                    self.say(Tone::Success, said);
                }
                (Waiting::LogExport, Ok(Output::LogExported(e))) => {
                    let said = self.i18n.a(
                        "log-exported",
                        &[
                            ("path", e.file.display().to_string().into()),
                            ("count", e.entries.into()),
                        ],
                    );
                    self.say(Tone::Success, said);
                }
                (Waiting::Calendar, Ok(Output::Calendar(c))) => {
                    let said = self.i18n.a(
                        "ics-written",
                        &[("path", c.file.display().to_string().into())],
                    );
                    self.say(Tone::Info, said);
                }
                (_, Ok(_)) => {}
                (_, Err(f)) => {
                    let said = self.failure(&f);
                    self.say(Tone::Error, said);
                }
            }
        }
    }

    /// The virtual list for a feed, told what changed since it was last drawn: posts added at
    /// the top keep the reading position; other changes measure the rows again.
    /// The virtual list of a feed of `len` rows, where `id_at(i)` is the id of row `i`.
    fn feed_list(
        &mut self,
        key: Option<GroupId>,
        version: u64,
        len: usize,
        id_at: impl Fn(usize) -> Option<causeway_core::ItemId>,
    ) -> FeedList {
        let mut fl = self.lists.remove(&key).unwrap_or_default();
        let layout = (
            self.open_comments.len(),
            self.expanded.len(),
            self.editing.as_ref().map(|e| e.0),
            self.replying,
        );
        let first = id_at(0);
        if fl.version != version || fl.layout != layout {
            let added = fl
                .first
                .filter(|_| !fl.at_top && fl.layout == layout && first != fl.first)
                .and_then(|old| (0..len.min(1000)).position(|i| id_at(i) == Some(old)));
            match added {
                Some(n) if n > 0 => fl.list.items_inserted_at_start(n),
                _ => fl.list.reset(),
            }
            fl.version = version;
            fl.layout = layout;
            fl.first = first;
        }
        fl
    }

    /// Unread posts in a group: posts by others newer than the newest one seen.
    fn unread(&self, snap: &Snapshot, g: &causeway_sync::views::GroupView) -> usize {
        let seen = self
            .saved
            .last_read
            .get(&g.id.to_hex())
            .copied()
            .unwrap_or(0);
        g.posts
            .iter()
            .take_while(|p| p.post.created.0 > seen)
            .filter(|p| Some(p.post.author) != snap.me)
            .count()
    }

    fn mark_read(&mut self, g: &causeway_sync::views::GroupView) {
        if let Some(newest) = g.posts.first() {
            let e = self.saved.last_read.entry(g.id.to_hex()).or_default();
            *e = (*e).max(newest.post.created.0);
        }
    }

    fn window_title(&self, snap: &Snapshot) -> String {
        match self.place {
            Place::Group(id, _) => match snap.group(id) {
                Some(g) if !g.name().is_empty() => format!("{} — Causeway", g.name()),
                _ => "Causeway".into(),
            },
            _ => "Causeway".into(),
        }
    }

    /// The text size chosen (an index into [`design::TEXT_SIZES`]).
    fn text_size(&self) -> usize {
        self.saved
            .text_size
            .filter(|i| *i < design::TEXT_SIZES.len())
            .unwrap_or(1)
    }

    /// Puts the design system's fonts in on the first frame, and its type scale and colours
    /// whenever the text size or the theme changed.
    fn style(&mut self, ctx: &egui::Context) {
        let want = (self.text_size(), self.saved.theme);
        if self.styled == Some(want) {
            return;
        }
        if self.styled.is_none() {
            design::install_fonts(ctx);
        }
        design::apply(ctx, design::TEXT_SIZES[want.0]);
        ctx.set_theme(match want.1 {
            None => egui::ThemePreference::System,
            Some(Appearance::Light) => egui::ThemePreference::Light,
            Some(Appearance::Dark) => egui::ThemePreference::Dark,
        });
        self.styled = Some(want);
    }

    /// Draws one frame.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        self.style(ui.ctx());
        self.take_answers();
        self.take_picked_folder();
        self.take_bundles(ui.ctx());
        self.files.pictures.begin_frame(ui.ctx());
        let snap: Arc<Snapshot> = self.node.node().snapshot();
        let fresh = self.notified.news(&snap);
        let focused = ui.ctx().input(|i| i.viewport().focused).unwrap_or(true);
        if self.saved.notify && !focused && !fresh.is_empty() {
            notify::show(&self.i18n, fresh);
        }
        self.remind(ui.ctx(), &snap, focused);
        let title = self.window_title(&snap);
        if title != self.title {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
        // What opening the data folder found stays on top for the whole session.
        if !snap.warnings.is_empty() {
            egui::Panel::top("notices").show(ui, |ui| {
                for w in &snap.warnings {
                    let said = self.i18n.told(w.key(), &w.args());
                    ui.colored_label(ui.visuals().warn_fg_color, said);
                }
            });
        }
        if snap.version == 0 {
            egui::CentralPanel::default().show(ui, |ui| {
                ui.vertical_centered(|ui| {
                    ui.add_space(80.0);
                    ui.spinner();
                    ui.label(self.i18n.t("opening"));
                });
            });
            return;
        }
        if snap.profile.display_name.is_empty() {
            egui::CentralPanel::default().show(ui, |ui| self.first_run(ui));
            self.show_toast(ui.ctx());
            return;
        }
        let side = design::Palette::of(ui.visuals().dark_mode).side;
        egui::Panel::left("groups")
            .resizable(true)
            .default_size(240.0)
            .frame(egui::Frame::side_top_panel(ui.style()).fill(side))
            .show(ui, |ui| self.sidebar(ui, &snap));
        egui::CentralPanel::default().show(ui, |ui| match self.place {
            Place::AllGroups => self.all_groups(ui, &snap),
            Place::Agenda => self.agenda_page(ui, &snap),
            Place::Group(id, tab) => self.group_page(ui, &snap, id, tab),
            Place::CreateGroup => self.create_group(ui),
            Place::Settings => self.settings_page(ui, &snap),
            Place::Help => self.help_page(ui),
        });
        self.invite_dialog(ui.ctx(), &snap);
        self.join_dialog(ui.ctx(), &snap);
        self.picker_dialog(ui.ctx());
        self.picture_viewer(ui.ctx(), &snap);
        self.take_dropped(ui.ctx());
        self.take_picture_pick();
        self.confirm_dialog(ui.ctx());
        self.report_dialog(ui.ctx());
        self.show_toast(ui.ctx());
    }

    /// Draws the message of the moment, if any, and lets it go when its time is over.
    fn show_toast(&mut self, ctx: &egui::Context) {
        let Some(t) = self.toast.as_mut() else {
            return;
        };
        match toast::show(ctx, t, &self.i18n.t("dismiss")) {
            toast::Shown::Showing => {}
            toast::Shown::Over => self.toast = None,
            toast::Shown::Act(request) => {
                self.toast = None;
                self.submit(request, Waiting::Other);
            }
        }
    }

    /// Shows a message above the bottom of the window, in place of the one shown.
    fn say(&mut self, tone: Tone, text: String) {
        self.toast = Some(toast::Toast::new(tone, text));
    }

    /// Today's time for "how long ago".
    fn now() -> Timestamp {
        causeway_sync::now()
    }
}

impl eframe::App for CausewayApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // Closing the window writes what was typed in a document and waits for its pause.
        self.write_typing_now();
        self.saved.open_group = match self.place {
            Place::Group(g, _) => Some(g.to_hex()),
            _ => None,
        };
        eframe::set_value(storage, SAVED_KEY, &self.saved);
    }
}

/// Opens the window on a running node and returns when the person closes it. The node keeps
/// syncing in the background meanwhile and serves the command line.
pub fn open(node: BlockingNode) -> anyhow::Result<()> {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Causeway")
        .with_app_id("org.causeway.Causeway")
        .with_inner_size([1000.0, 700.0])
        .with_min_inner_size([480.0, 360.0]);
    // The same picture as assets/causeway.svg (the desktop file's icon), for the window.
    if let Ok(icon) =
        eframe::icon_data::from_png_bytes(include_bytes!("../../../assets/causeway.png"))
    {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        ..Default::default()
    };
    eframe::run_native(
        "Causeway",
        options,
        Box::new(|cc| {
            let app = CausewayApp::new(node, CausewayApp::load_saved(cc.storage));
            app.repaint_on_changes(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
}
