//! A group's posts as the app shows them: the shown ones newest first, and every post by id.
//! Both are persistent structures, so the view after one new post shares all the others with
//! the view before it: copying a feed costs nothing, changing one post a few small copies.

use std::sync::Arc;

use causeway_core::ItemId;
use causeway_core::view::newest_first;

use super::PostView;

/// The posts of a group's view.
#[derive(Clone, Debug, Default)]
pub struct Feed {
    /// The posts a member may see (not deleted, not hidden), newest first.
    shown: imbl::Vector<Arc<PostView>>,
    /// Every post by id, shown or not. One id holds two posts only where two devices made a
    /// post under the same id.
    by_id: imbl::HashMap<ItemId, Arc<[Arc<PostView>]>>,
}

impl FromIterator<PostView> for Feed {
    fn from_iter<I: IntoIterator<Item = PostView>>(posts: I) -> Feed {
        Feed::of(posts.into_iter().map(Arc::new).collect())
    }
}

impl Feed {
    /// A feed of these posts, in any order.
    pub(super) fn of(posts: Vec<Arc<PostView>>) -> Feed {
        let mut shown: Vec<Arc<PostView>> = posts.iter().filter(|p| p.shown()).cloned().collect();
        shown.sort_by(|a, b| newest_first(&a.post, &b.post));
        let mut by_id: std::collections::HashMap<ItemId, Vec<Arc<PostView>>> =
            std::collections::HashMap::new();
        for p in posts {
            by_id.entry(p.post.id).or_default().push(p);
        }
        Feed {
            shown: shown.into_iter().collect(),
            by_id: by_id.into_iter().map(|(id, v)| (id, v.into())).collect(),
        }
    }

    /// How many posts show.
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    /// Whether no post shows.
    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The newest post that shows.
    pub fn first(&self) -> Option<&PostView> {
        self.shown.front().map(|p| &**p)
    }

    /// The `i`-th post that shows, newest first.
    pub fn get(&self, i: usize) -> Option<&PostView> {
        self.shown.get(i).map(|p| &**p)
    }

    /// The posts that show, newest first.
    pub fn iter(&self) -> impl Iterator<Item = &PostView> + '_ {
        self.shown.iter().map(|p| &**p)
    }

    /// The post with this id, if it shows.
    pub fn find(&self, id: ItemId) -> Option<&PostView> {
        self.by_id
            .get(&id)?
            .iter()
            .find(|p| p.shown())
            .map(|p| &**p)
    }

    /// The posts a moderator hid (not deleted), newest first. Made on demand: hidden posts
    /// are few, and only moderators look at them.
    pub fn hidden(&self) -> Vec<&PostView> {
        let mut out: Vec<&PostView> = self
            .by_id
            .values()
            .flat_map(|ps| ps.iter())
            .filter(|p| p.post.hidden.is_some() && !p.post.deleted)
            .map(|p| &**p)
            .collect();
        out.sort_by(|a, b| newest_first(&a.post, &b.post));
        out
    }

    /// Every post under `id`, shown or not.
    pub(super) fn all_with_id(&self, id: ItemId) -> &[Arc<PostView>] {
        self.by_id.get(&id).map_or(&[], |v| v)
    }

    /// Puts `posts` in place of whatever was under `id` before.
    pub(super) fn replace(&mut self, id: ItemId, posts: Vec<Arc<PostView>>) {
        let old = self.by_id.get(&id).cloned().unwrap_or_else(|| Arc::new([]));
        for p in old.iter().filter(|p| p.shown()) {
            if let Ok(at) = self
                .shown
                .binary_search_by(|probe| newest_first(&probe.post, &p.post))
            {
                self.shown.remove(at);
            }
        }
        for p in posts.iter().filter(|p| p.shown()) {
            let at = self
                .shown
                .binary_search_by(|probe| newest_first(&probe.post, &p.post))
                .unwrap_or_else(|at| at);
            self.shown.insert(at, p.clone());
        }
        if posts.is_empty() {
            self.by_id.remove(&id);
        } else {
            self.by_id.insert(id, posts.into());
        }
    }
}
