//! Pictures and files in the window: inline pictures on posts, comments and events (a
//! thumbnail, click to see it whole), files as a chip with name, size and type and Open / Save,
//! what the composer will attach (chosen in the file dialog or dropped on the window), and the
//! faces of members (their avatars).
//!
//! Every picture keeps its place while it loads: its size is in its reference, so the feed
//! never jumps.

use std::path::PathBuf;
use std::sync::mpsc;

use causeway_core::view::{AttachedTo, FileRef, MB};
use causeway_core::{DeviceId, GroupId};
use causeway_sync::NotShown;
use causeway_sync::control::{FileRequest, Request};
use causeway_sync::views::{GroupView, Snapshot};
use egui::{Color32, Sense, Ui, Vec2};

use crate::window::design::{XS, kit};
use crate::window::pictures::{Pictures, Shown};
use crate::window::toast::Tone;
use crate::window::{CausewayApp, Waiting, pick};

/// The longest side of a thumbnail as decoded (its blob is at most this).
pub(in crate::window) const THUMB_SIDE: u32 = 480;
/// The longest side of a picture seen whole.
const WHOLE_SIDE: u32 = 2048;
/// A single picture on a post is at most this wide and tall.
const ONE: Vec2 = Vec2::new(480.0, 360.0);
/// Several pictures on a post are tiles of at most this size.
const TILE: Vec2 = Vec2::new(200.0, 150.0);

/// The picture and file state of the window.
#[derive(Default)]
pub(in crate::window) struct FilesState {
    /// Decoded pictures, as textures.
    pub(in crate::window) pictures: Pictures,
    /// The picture seen whole, if one is, with its group.
    pub(in crate::window) viewing: Option<(GroupId, FileRef)>,
    /// The file dialog open for the composer.
    pub(in crate::window) picking: Option<mpsc::Receiver<Vec<PathBuf>>>,
    /// The dialog open for a picture: my avatar (`None`) or a group's.
    pub(in crate::window) picture_pick: Option<(Option<GroupId>, mpsc::Receiver<pick::Picked>)>,
}

/// A size as a person reads it, in their language's numbers.
pub(in crate::window) fn size_words(i18n: &crate::i18n::I18n, bytes: u64) -> String {
    if bytes >= MB {
        let tenths = (bytes * 10 / MB) as i64;
        i18n.a(
            "size-mb",
            &[("mb", format!("{}.{}", tenths / 10, tenths % 10).into())],
        )
    } else if bytes >= 1000 {
        i18n.a("size-kb", &[("kb", ((bytes / 1000) as i64).into())])
    } else {
        i18n.a("size-bytes", &[("count", (bytes as i64).into())])
    }
}

/// Where `size` fits in `max`, keeping its shape.
fn fit(width: u32, height: u32, max: Vec2) -> Vec2 {
    let (w, h) = (width.max(1) as f32, height.max(1) as f32);
    let k = (max.x / w).min(max.y / h).min(1.0);
    Vec2::new((w * k).max(24.0), (h * k).max(24.0))
}

/// Opens `path` with the program the system has for it.
fn open_with_system(path: &std::path::Path) -> std::io::Result<()> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(path)
        .spawn()
        .map(drop)
}

/// Opens the file dialog for the composer, several files at once.
fn pick_files(ctx: &egui::Context) -> mpsc::Receiver<Vec<PathBuf>> {
    let (tx, rx) = mpsc::channel();
    let ctx = ctx.clone();
    std::thread::spawn(move || {
        let chosen = rfd::FileDialog::new().pick_files().unwrap_or_default();
        let _ = tx.send(chosen);
        ctx.request_repaint();
    });
    rx
}

impl CausewayApp {
    /// The files on what `on` names, by `author`: pictures first, then the other files.
    pub(in crate::window) fn attachments(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        g: &GroupView,
        on: AttachedTo,
        author: DeviceId,
    ) {
        let all = g.files.on(on, author);
        if all.is_empty() {
            return;
        }
        let (pictures, others): (Vec<&FileRef>, Vec<&FileRef>) = all
            .iter()
            .map(|a| &a.file)
            .partition(|f| f.is_inline() && f.image.is_some());
        ui.add_space(XS);
        if !pictures.is_empty() {
            let max = if pictures.len() == 1 { ONE } else { TILE };
            let max = Vec2::new(max.x.min(ui.available_width()), max.y);
            ui.horizontal_wrapped(|ui| {
                for f in pictures {
                    self.picture_tile(ui, snap, g.id, f, max);
                }
            });
        }
        for f in others {
            self.file_chip(ui, snap, g, f);
        }
    }

    /// A picture's thumbnail in its place (grey while it comes); a click shows it whole.
    fn picture_tile(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        group: GroupId,
        f: &FileRef,
        max: Vec2,
    ) {
        let Some(info) = f.image else { return };
        let size = fit(info.width, info.height, max);
        let (rect, response) = ui.allocate_exact_size(size, Sense::click());
        let response = response.on_hover_text(&f.name);
        let thumb = info.thumb.map(|(h, _)| h);
        let here = thumb.is_some_and(|h| snap.files.has(h));
        let shown = match thumb {
            Some(h) if here && !snap.files.refused.contains(&h) => {
                Some(self.files.pictures.get(&self.node, ui.ctx(), h, THUMB_SIDE))
            }
            _ => None,
        };
        let grey = ui.visuals().faint_bg_color;
        let painter = ui.painter_at(rect);
        match shown {
            Some(Shown::Ready(t)) => {
                egui::Image::new(&t)
                    .corner_radius(6.0)
                    .alt_text(&f.name)
                    .paint_at(ui, rect);
            }
            Some(Shown::Failed(why)) => {
                painter.rect_filled(rect, 6.0, grey);
                let said = self.i18n.t(not_shown_key(&why));
                ui.put(
                    rect.shrink(8.0),
                    egui::Label::new(egui::RichText::new(said).small()).wrap(),
                );
            }
            _ => {
                painter.rect_filled(rect, 6.0, grey);
                let said = if snap.files.lies(f) {
                    self.i18n.t("file-lies")
                } else {
                    self.i18n.t("picture-loading")
                };
                ui.put(
                    rect.shrink(8.0),
                    egui::Label::new(egui::RichText::new(said).small()).wrap(),
                );
            }
        }
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &f.name));
        if response.clicked() {
            self.files.viewing = Some((group, f.clone()));
        }
    }

    /// A file as a chip: its name, size and type, and what can be done with it.
    fn file_chip(&mut self, ui: &mut Ui, snap: &Snapshot, g: &GroupView, f: &FileRef) {
        let lies = snap.files.lies(f);
        let here = snap.files.holds(f);
        let progress = snap.files.downloads.get(&f.hash).copied();
        kit::inset(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.add(egui::Label::new(kit::strong(format!("📄 {}", f.name))).truncate());
                kit::secondary(
                    ui,
                    format!("{} · {}", size_words(&self.i18n, f.size), f.media),
                );
                if lies {
                    ui.colored_label(ui.visuals().warn_fg_color, self.i18n.t("file-lies"));
                } else if here {
                    if ui.button(self.i18n.t("file-open")).clicked() {
                        self.save_file(g.id, f, true);
                    }
                    if ui.button(self.i18n.t("file-save")).clicked() {
                        self.save_file(g.id, f, false);
                    }
                } else if let Some(p) = progress {
                    let done = p.have as f32 / p.size.max(1) as f32;
                    ui.add(
                        egui::ProgressBar::new(done)
                            .desired_width(140.0)
                            .show_percentage(),
                    );
                } else if ui.button(self.i18n.t("file-download")).clicked() {
                    self.node.want_file(f.hash);
                }
            });
        });
    }

    /// Writes a file (all here) into the export folder, and opens it with the system's
    /// program when `open`.
    fn save_file(&mut self, group: GroupId, f: &FileRef, open: bool) {
        let dir = PathBuf::from(&self.export_dir);
        if let Err(e) = std::fs::create_dir_all(&dir) {
            let said = self.i18n.a(
                "error-export-folder",
                &[
                    ("path", dir.display().to_string().into()),
                    ("detail", e.to_string().into()),
                ],
            );
            self.say(Tone::Error, said);
            return;
        }
        self.submit(
            Request::Files {
                req: Box::new(FileRequest::Get {
                    group,
                    hash: f.hash,
                    dir,
                    wait_secs: 5,
                }),
            },
            Waiting::File { open },
        );
    }

    /// What a saved file does next: opened, or said where it is.
    pub(in crate::window) fn file_saved(&mut self, path: &std::path::Path, open: bool) {
        if open && open_with_system(path).is_ok() {
            return;
        }
        let said = self
            .i18n
            .a("file-saved", &[("path", path.display().to_string().into())]);
        self.say(Tone::Success, said);
    }

    /// The picture seen whole, over the window.
    pub(in crate::window) fn picture_viewer(&mut self, ctx: &egui::Context, snap: &Snapshot) {
        let Some((group, f)) = self.files.viewing.clone() else {
            return;
        };
        let here = snap.files.holds(&f);
        if !here && !snap.files.downloads.contains_key(&f.hash) {
            self.node.want_file(f.hash);
        }
        let mut close = false;
        let screen = ctx.content_rect().size();
        let modal = egui::Modal::new(egui::Id::unique("picture-viewer")).show(ctx, |ui| {
            ui.set_max_width(screen.x * 0.9);
            kit::title(ui, &f.name);
            let max = Vec2::new(screen.x * 0.85, screen.y * 0.7);
            let size = f
                .image
                .map_or(Vec2::splat(200.0), |i| fit(i.width, i.height, max));
            if here {
                match self.files.pictures.get(&self.node, ctx, f.hash, WHOLE_SIDE) {
                    Shown::Ready(t) => {
                        ui.add(
                            egui::Image::new(&t)
                                .fit_to_exact_size(size)
                                .alt_text(&f.name),
                        );
                    }
                    Shown::Loading => {
                        ui.add_sized(size, egui::Spinner::new());
                    }
                    Shown::Failed(why) => {
                        ui.label(self.i18n.t(not_shown_key(&why)));
                    }
                }
            } else if let Some(p) = snap.files.downloads.get(&f.hash) {
                ui.label(self.i18n.t("picture-loading"));
                ui.add(
                    egui::ProgressBar::new(p.have as f32 / p.size.max(1) as f32).show_percentage(),
                );
            } else {
                ui.label(self.i18n.t("file-waiting"));
            }
            ui.horizontal(|ui| {
                if here && ui.button(self.i18n.t("file-save")).clicked() {
                    self.save_file(group, &f, false);
                }
                close = ui.button(self.i18n.t("close")).clicked();
            });
        });
        if close || modal.should_close() {
            self.files.viewing = None;
        }
    }
}

/// What the composer will attach, each with a way to take it off, and the button that adds
/// more (the file dialog).
pub(in crate::window) fn composer_files(
    ui: &mut Ui,
    i18n: &crate::i18n::I18n,
    composer: &mut crate::window::Composer,
    files: &mut FilesState,
) {
    if let Some(rx) = files.picking.as_ref() {
        match rx.try_recv() {
            Ok(paths) => {
                files.picking = None;
                composer.add_files(paths);
            }
            Err(mpsc::TryRecvError::Disconnected) => files.picking = None,
            Err(mpsc::TryRecvError::Empty) => {}
        }
    }
    let mut gone = None;
    ui.horizontal_wrapped(|ui| {
        for (i, p) in composer.files.iter().enumerate() {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let size = std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
            kit::inset(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.add(egui::Label::new(format!("📎 {name}")).truncate());
                    kit::secondary(ui, size_words(i18n, size));
                    let remove = i18n.a("attach-remove", &[("name", name.clone().into())]);
                    let x = ui.small_button("×");
                    // A screen reader says what the cross does.
                    x.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &remove));
                    if x.on_hover_text(&remove).clicked() {
                        gone = Some(i);
                    }
                });
            });
        }
        let choosing = files.picking.is_some();
        if ui
            .add_enabled(!choosing, egui::Button::new(i18n.t("attach-files")))
            .clicked()
        {
            files.picking = Some(pick_files(ui.ctx()));
        }
    });
    if let Some(i) = gone {
        composer.files.remove(i);
    }
    if !composer.files.is_empty() {
        kit::secondary(ui, i18n.t("attach-privacy"));
    }
}

impl CausewayApp {
    /// Files dropped on a group's feed go to its composer (a bundle is read as one, a
    /// Markdown file on the Documents tab becomes a document); while they hover over the
    /// feed, the window says so.
    pub(in crate::window) fn take_dropped(&mut self, ctx: &egui::Context) {
        if !matches!(
            self.place,
            crate::window::Place::Group(_, crate::window::Tab::Feed)
        ) {
            return;
        }
        let (hovering, dropped) = ctx.input(|i| {
            (
                !i.raw.hovered_files.is_empty(),
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_path_buf())
                    // A bundle dropped on the window is read as one (see `bundles`).
                    .filter(|p| !super::bundles::is_bundle(p))
                    .collect::<Vec<PathBuf>>(),
            )
        });
        if !dropped.is_empty() {
            self.attach_files(dropped);
        }
        if hovering {
            let rect = ctx.content_rect();
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop-files"),
            ));
            painter.rect_filled(rect, 0.0, Color32::from_black_alpha(140));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                self.i18n.t("attach-drop"),
                egui::FontId::proportional(24.0),
                Color32::WHITE,
            );
        }
    }

    /// A member's face: their picture in this group when it is here, their initials
    /// otherwise.
    pub(in crate::window) fn face(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        g: &GroupView,
        who: DeviceId,
        name: &str,
        size: f32,
    ) {
        let file = g.files.avatar(who).map(|a| a.file.clone());
        self.round_picture(ui, snap, file.as_ref(), size, name, |ui| {
            kit::avatar(ui, name, who.as_bytes(), size);
        });
    }

    /// A group's face: its picture when it is here, its initials otherwise.
    pub(in crate::window) fn group_face(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        g: &GroupView,
        size: f32,
    ) {
        let file = g.files.picture().map(|a| a.file.clone());
        let name = g.name().to_owned();
        self.round_picture(ui, snap, file.as_ref(), size, &name, |ui| {
            kit::avatar(ui, &name, g.id.as_bytes(), size);
        });
    }

    /// A picture (an avatar, a group's picture) as a round face of `size`, or `fallback`
    /// while it is not here.
    pub(in crate::window) fn round_picture(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        file: Option<&FileRef>,
        size: f32,
        alt: &str,
        fallback: impl FnOnce(&mut Ui),
    ) {
        let thumb = file
            .and_then(|f| f.image)
            .and_then(|i| i.thumb)
            .map(|(h, _)| h)
            .filter(|h| snap.files.has(*h));
        let texture = match thumb {
            Some(h) => match self.files.pictures.get(&self.node, ui.ctx(), h, THUMB_SIDE) {
                Shown::Ready(t) => Some(t),
                _ => None,
            },
            None => None,
        };
        match texture {
            Some(t) => {
                ui.add(
                    egui::Image::new(&t)
                        .fit_to_exact_size(Vec2::splat(size))
                        .corner_radius(size / 2.0)
                        .alt_text(alt),
                );
            }
            None => fallback(ui),
        }
    }

    /// My picture in Settings: shown, chosen, taken away.
    pub(in crate::window) fn avatar_row(&mut self, ui: &mut Ui, snap: &Snapshot) {
        let name = snap.profile.display_name.clone();
        let me = snap.me.map(|d| *d.as_bytes()).unwrap_or_default();
        ui.horizontal(|ui| {
            let avatar = snap.profile.avatar.clone();
            self.round_picture(ui, snap, avatar.as_ref(), 56.0, &name, |ui| {
                kit::avatar(ui, &name, &me, 56.0);
            });
            ui.vertical(|ui| {
                ui.label(kit::strong(self.i18n.t("avatar-label")));
                ui.horizontal(|ui| {
                    let choosing = self.files.picture_pick.is_some();
                    if ui
                        .add_enabled(!choosing, egui::Button::new(self.i18n.t("avatar-choose")))
                        .clicked()
                    {
                        self.choose_picture(ui.ctx(), None);
                    }
                    if avatar.is_some() && ui.button(self.i18n.t("avatar-remove")).clicked() {
                        self.set_picture(None, None);
                    }
                });
                kit::secondary(ui, self.i18n.t("attach-privacy"));
            });
        });
    }

    /// The group's picture in its About tab; admins choose it.
    pub(in crate::window) fn group_picture_row(
        &mut self,
        ui: &mut Ui,
        snap: &Snapshot,
        g: &GroupView,
    ) {
        let has = g.files.picture().is_some();
        if !has && !g.i_am_admin() {
            return;
        }
        ui.label(kit::strong(self.i18n.t("group-picture")));
        ui.horizontal(|ui| {
            self.group_face(ui, snap, g, 64.0);
            if g.i_am_admin() {
                let choosing = self.files.picture_pick.is_some();
                if ui
                    .add_enabled(
                        !choosing,
                        egui::Button::new(self.i18n.t("group-picture-choose")),
                    )
                    .clicked()
                {
                    self.choose_picture(ui.ctx(), Some(g.id));
                }
                if has && ui.button(self.i18n.t("group-picture-remove")).clicked() {
                    self.set_picture(Some(g.id), None);
                }
            }
        });
        ui.add_space(6.0);
    }

    /// Settings of files: what downloads by itself, the space each group's files take, and
    /// freeing what no group uses any more.
    pub(in crate::window) fn files_settings(&mut self, ui: &mut Ui, snap: &Snapshot) {
        kit::title(ui, self.i18n.t("settings-files"));
        let mut mb = snap.file_settings.auto_images_mb;
        ui.horizontal(|ui| {
            let l = ui.label(self.i18n.t("settings-auto-download"));
            let changed = ui
                .add(egui::DragValue::new(&mut mb).range(0..=500).suffix(" MB"))
                .labelled_by(l.id)
                .changed();
            if changed {
                self.submit(
                    Request::Files {
                        req: Box::new(FileRequest::Settings { auto_images_mb: mb }),
                    },
                    Waiting::Other,
                );
            }
        });
        kit::secondary(ui, self.i18n.t("settings-auto-download-help"));
        ui.add_space(6.0);
        for g in &snap.groups {
            let mut seen = std::collections::HashSet::new();
            let (mut all, mut here) = (0u64, 0u64);
            for (h, size) in g.files.kept() {
                if seen.insert(h) {
                    all += size;
                    if snap.files.has(h) {
                        here += size;
                    }
                }
            }
            let said = self.i18n.a(
                "settings-space",
                &[
                    ("group", g.name().to_owned().into()),
                    ("here", size_words(&self.i18n, here).into()),
                    ("all", size_words(&self.i18n, all).into()),
                ],
            );
            ui.add(egui::Label::new(said).truncate());
        }
        let busy = self.is_waiting(|w| matches!(w, Waiting::Freed));
        if ui
            .add_enabled(!busy, egui::Button::new(self.i18n.t("settings-free-space")))
            .on_hover_text(self.i18n.t("settings-free-space-help"))
            .clicked()
        {
            self.submit(
                Request::Files {
                    req: Box::new(FileRequest::Collect),
                },
                Waiting::Freed,
            );
        }
    }

    /// What freeing space freed.
    pub(in crate::window) fn freed(&mut self, bytes: u64) {
        let said = self.i18n.a(
            "settings-freed",
            &[("size", size_words(&self.i18n, bytes).into())],
        );
        self.say(Tone::Success, said);
    }

    /// Opens the picture dialog for my avatar (`None`) or a group's picture.
    pub(in crate::window) fn choose_picture(
        &mut self,
        ctx: &egui::Context,
        group: Option<GroupId>,
    ) {
        let rx = pick::pick_file(
            ctx,
            self.i18n.t("picture-kind"),
            &["png", "jpg", "jpeg", "webp", "gif"],
        );
        self.files.picture_pick = Some((group, rx));
    }

    /// A picture chosen in the dialog becomes my avatar or the group's picture.
    pub(in crate::window) fn take_picture_pick(&mut self) {
        let Some((group, rx)) = self.files.picture_pick.as_mut() else {
            return;
        };
        let group = *group;
        let mut slot = Some(std::mem::replace(rx, mpsc::channel().1));
        let picked = pick::take(&mut slot);
        match slot {
            Some(rx) => {
                if let Some((_, r)) = self.files.picture_pick.as_mut() {
                    *r = rx;
                }
            }
            None => self.files.picture_pick = None,
        }
        match picked {
            Some(Ok(path)) => self.picture_chosen(group, path),
            Some(Err(true)) => self.say(Tone::Error, self.i18n.t("picture-no-picker")),
            _ => {}
        }
    }

    /// What the picture dialog gives: `path` becomes my avatar (`group` `None`) or the
    /// group's picture.
    pub fn picture_chosen(&mut self, group: Option<GroupId>, path: PathBuf) {
        self.set_picture(group, Some(path));
    }

    /// Opens a group's feed (as a click in the sidebar does).
    pub fn open_group_feed(&mut self, group: GroupId) {
        self.place = crate::window::Place::Group(group, crate::window::Tab::Feed);
    }

    /// How many pictures are held as textures now (the benchmarks' look at memory).
    pub fn picture_textures(&self) -> usize {
        self.files.pictures.textures()
    }

    /// What the file dialog and a drop give the composer: files to attach to the post being
    /// written (the composer opens).
    pub fn attach_files(&mut self, paths: Vec<PathBuf>) {
        self.composer.add_files(paths);
        self.composer.open = true;
    }

    /// Sets (or with `None`, takes away) my avatar or the group's picture.
    pub(in crate::window) fn set_picture(&mut self, group: Option<GroupId>, file: Option<PathBuf>) {
        let req = match group {
            None => FileRequest::SetAvatar { file },
            Some(group) => FileRequest::SetGroupPicture { group, file },
        };
        self.submit(Request::Files { req: Box::new(req) }, Waiting::Other);
    }
}

/// The message for a picture that cannot be shown.
fn not_shown_key(why: &NotShown) -> &'static str {
    match why {
        NotShown::Damaged => "picture-damaged",
        NotShown::TooLarge => "picture-too-large",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_picture_keeps_its_shape_in_its_place() {
        assert_eq!(fit(4000, 3000, ONE), Vec2::new(480.0, 360.0));
        assert_eq!(fit(1000, 4000, ONE), Vec2::new(90.0, 360.0));
        assert_eq!(fit(100, 50, ONE), Vec2::new(100.0, 50.0), "never grown");
        assert_eq!(fit(100_000, 1, ONE).y, 24.0, "a sliver stays clickable");
    }
}
