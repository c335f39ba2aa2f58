//! Desktop notifications for new posts in my groups: off by default, turned on in Settings, and
//! only while the window is not in front. Sending runs on its own thread: the desktop's
//! notification service may be slow or missing, and the window never waits for it.

use std::collections::HashMap;

use causeway_core::GroupId;
use causeway_sync::views::Snapshot;

use crate::i18n::I18n;

/// A post worth telling the person about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct News {
    /// The group's name.
    pub group: String,
    /// Who wrote it.
    pub author: String,
    /// Its title, or the start of its text.
    pub text: String,
}

/// What was already considered, per group: the newest post's time.
#[derive(Debug, Default)]
pub struct Seen {
    newest: HashMap<GroupId, i64>,
    version: u64,
}

impl Seen {
    /// Posts by others that arrived since the last call. The first time a group is seen, its
    /// posts count as old: nobody wants a notification for every post of a group just opened.
    pub fn news(&mut self, snap: &Snapshot) -> Vec<News> {
        if snap.version == self.version {
            return Vec::new();
        }
        self.version = snap.version;
        let mut out = Vec::new();
        for g in &snap.groups {
            let newest = g.posts.first().map_or(0, |p| p.post.created.0);
            let Some(seen) = self.newest.insert(g.id, newest) else {
                continue;
            };
            if snap.blocks.group_muted(g.id) {
                // Muted: nothing is told, and unmuting later does not tell what came meanwhile.
                continue;
            }
            let seen = seen.max(0);
            if newest < seen {
                self.newest.insert(g.id, seen);
            }
            out.extend(
                g.posts
                    .iter()
                    .take_while(|p| p.post.created.0 > seen)
                    .filter(|p| Some(p.post.author) != snap.me)
                    .map(|p| News {
                        group: g.name().to_string(),
                        author: p.author_name.clone(),
                        text: if p.post.title.is_empty() {
                            p.post.body.chars().take(140).collect()
                        } else {
                            p.post.title.clone()
                        },
                    }),
            );
        }
        out
    }
}

/// Shows the news as desktop notifications (at most three, then a summary), in the background.
pub fn show(i18n: &I18n, news: Vec<News>) {
    let more = news.len().saturating_sub(3);
    let mut notes: Vec<(String, String)> = news
        .into_iter()
        .take(3)
        .map(|n| {
            (
                i18n.a(
                    "notify-title",
                    &[("name", n.author.into()), ("group", n.group.into())],
                ),
                n.text,
            )
        })
        .collect();
    if more > 0 {
        notes.push((
            i18n.a("notify-more", &[("count", more.into())]),
            String::new(),
        ));
    }
    send(notes);
}

/// Shows desktop notifications, (summary, body) each, in the background: the desktop's
/// notification service may be slow or missing, and the window never waits for it.
pub fn send(notes: Vec<(String, String)>) {
    std::thread::spawn(move || {
        for (summary, body) in notes {
            if let Err(e) = notify_rust::Notification::new()
                .appname("Causeway")
                .summary(&summary)
                .body(&body)
                .show()
            {
                tracing::debug!(error = %e, "no desktop notification service");
                return;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::sync::Arc;

    use causeway_core::view::Post;
    use causeway_core::{DeviceId, ItemId, Timestamp};
    use causeway_sync::views::{GroupView, PostView};

    use super::*;

    fn post(author: u8, at: i64, body: &str) -> PostView {
        PostView {
            post: Post {
                id: ItemId::from_u64(at as u64),
                author: DeviceId::from_bytes([author; 32]),
                created: Timestamp(at),
                title: String::new(),
                body: body.into(),
                lang: "en".into(),
                edited_at: None,
                deleted: false,
                hidden: None,
            },
            author_name: format!("person {author}"),
            unseen: false,
            mine: false,
            comments: vec![],
            reactions: vec![],
            pinned: false,
            hidden_comments: vec![],
        }
    }

    fn snapshot(version: u64, posts: Vec<PostView>) -> Snapshot {
        let mut group = GroupView::empty(GroupId::from_bytes([9; 32]));
        group.posts = posts.into_iter().collect();
        group.build = version;
        Snapshot {
            me: Some(DeviceId::from_bytes([1; 32])),
            groups: vec![Arc::new(group)],
            version,
            ..Snapshot::default()
        }
    }

    #[test]
    fn only_posts_by_others_that_arrive_later_are_news() {
        let mut seen = Seen::default();
        // What is there at the start is old.
        assert!(seen.news(&snapshot(1, vec![post(2, 10, "old")])).is_empty());
        // The same snapshot again: nothing.
        assert!(seen.news(&snapshot(1, vec![post(2, 20, "x")])).is_empty());
        let news = seen.news(&snapshot(
            2,
            vec![post(1, 40, "mine"), post(2, 30, "new"), post(2, 10, "old")],
        ));
        assert_eq!(news.len(), 1);
        assert_eq!(news[0].text, "new");
        assert_eq!(news[0].author, "person 2");
        // A post deleted (the newest goes back in time) does not make old posts new again.
        assert!(seen.news(&snapshot(3, vec![post(2, 10, "old")])).is_empty());
    }
}
