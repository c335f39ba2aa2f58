//! All groups: one feed of every group, with filters.
use causeway_core::GroupId;
use causeway_sync::views::{GroupView, PostView, Snapshot};
use egui::{ScrollArea, Ui};

use super::*;
use crate::i18n::Lang;
use crate::window::design::kit;
use crate::window::{CausewayApp, merge_newest_first};

/// Feed filters of "All groups".
#[derive(Debug, Default)]
pub(in crate::window) struct Filters {
    pub(in crate::window) group: Option<GroupId>,
    pub(in crate::window) cause: Option<String>,
    pub(in crate::window) lang: Option<String>,
}

impl CausewayApp {
    pub(in crate::window) fn all_groups(&mut self, ui: &mut Ui, snap: &Snapshot) {
        kit::heading(ui, self.i18n.t("all-groups"));
        if snap.groups.is_empty() {
            kit::empty_state(
                ui,
                &self.i18n.t("no-groups-title"),
                &self.i18n.t("no-groups"),
            );
            return;
        }
        let any = self.i18n.t("filter-any");
        ui.horizontal(|ui| {
            let l = ui.label(self.i18n.t("filter-group"));
            let mut options = vec![(None, any.clone())];
            options.extend(
                snap.groups
                    .iter()
                    .map(|g| (Some(g.id), g.name().to_string())),
            );
            choice(ui, "filter-group", l.id, &mut self.filters.group, options);
            let mut causes: Vec<String> = snap
                .groups
                .iter()
                .filter_map(|g| g.info.as_ref())
                .flat_map(|i| i.causes.clone())
                .collect();
            causes.sort();
            causes.dedup();
            let l = ui.label(self.i18n.t("filter-cause"));
            let labels: Vec<(String, String)> = causes
                .iter()
                .map(|c| (c.clone(), self.cause_text(c)))
                .collect();
            let mut options = vec![(None, any.clone())];
            options.extend(labels.into_iter().map(|(c, t)| (Some(c), t)));
            choice(ui, "filter-cause", l.id, &mut self.filters.cause, options);
            let l = ui.label(self.i18n.t("filter-language"));
            let mut options = vec![(None, any.clone())];
            options.extend(
                Lang::ALL.map(|l| (Some(l.tag().to_string()), l.native_name().to_string())),
            );
            choice(ui, "filter-language", l.id, &mut self.filters.lang, options);
        });
        ui.separator();
        // Each group's posts are newest first: merge them and lay out only the page shown,
        // so a frame costs the same with a hundred thousand posts as with ten.
        let groups: Vec<&std::sync::Arc<GroupView>> = snap
            .groups
            .iter()
            .filter(|g| self.filters.group.is_none_or(|f| f == g.id))
            .filter(|g| {
                self.filters
                    .cause
                    .as_ref()
                    .is_none_or(|c| g.info.as_ref().is_some_and(|i| i.causes.contains(c)))
            })
            .collect();
        let lang = self.filters.lang.clone();
        let fits = |p: &PostView| {
            lang.as_ref()
                .is_none_or(|l| p.post.lang.split('-').next() == Some(l.as_str()))
        };
        // What the merged feed depends on: the groups' builds (not the snapshot's version,
        // which also moves when someone connects) and the filters.
        let content = groups.iter().fold(groups.len() as u64, |acc, g| {
            acc.rotate_left(7) ^ g.build.wrapping_mul(0x9e37_79b9_7f4a_7c15)
        });
        let key = (
            content,
            self.filters.group,
            self.filters.cause.clone(),
            self.filters.lang.clone(),
        );
        let merged = match &self.merged {
            Some((k, m)) if *k == key => m.clone(),
            _ => {
                let m = std::sync::Arc::new(merge_newest_first(&groups, fits));
                self.merged = Some((key, m.clone()));
                m
            }
        };
        let post_at = |i: usize| {
            merged.get(i).and_then(|(gi, pi)| {
                groups
                    .get(*gi)
                    .and_then(|g| g.posts.get(*pi).map(|p| (g, p)))
            })
        };
        let mut list = self.feed_list(None, content, merged.len(), |i| {
            post_at(i).map(|(_, p)| p.post.id)
        });
        let shown = ScrollArea::vertical()
            .id_salt("all-feed")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if merged.is_empty() {
                    kit::empty_state(
                        ui,
                        &self.i18n.t("no-posts-filtered-title"),
                        &self.i18n.t("no-posts-filtered"),
                    );
                }
                list.list.ui_custom_layout(ui, merged.len(), |ui, i| {
                    if let Some((g, p)) = post_at(i) {
                        self.post(ui, snap, g, p, Some(g.name()));
                    }
                    1
                });
            });
        list.at_top = shown.state.clamped_offset().y <= 1.0;
        self.lists.insert(None, list);
    }
}
