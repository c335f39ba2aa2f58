//! The group's views, each read by its collection from the document as every peer shows it,
//! and the roles the ledger enforces.

use std::collections::HashMap;

use super::Group;
use crate::collections::{comments, languages, members, meta, pinned, posts, profiles, reactions};
use crate::identity::DeviceId;
use crate::ids::ItemId;
use crate::role::Role;
use crate::view::{Comment, GroupInfo, Member, Post};

impl Group {
    /// The group's description, or `None` before its history has arrived.
    pub fn info(&self) -> Option<GroupInfo> {
        let owner = self.ledger.as_ref()?.owner();
        meta::info(&self.reader(), self.id, owner)
    }

    /// My current role, `None` when I am not (or no longer) a member.
    pub fn my_role(&self) -> Option<Role> {
        self.role_of(self.device())
    }

    /// Someone's current role as every peer enforces it.
    pub fn role_of(&self, who: DeviceId) -> Option<Role> {
        self.ledger.as_ref()?.current_role(who)
    }

    /// Everyone who is or was a member, owner first, then by name.
    pub fn members(&self) -> Vec<Member> {
        let Some(ledger) = self.ledger.as_ref() else {
            return Vec::new();
        };
        let r = self.reader();
        let mut bios = profiles::bios(&r);
        let mut langs = languages::all(&r);
        let mut all = members::list(&r, ledger.people(), |id| ledger.current_role(id));
        for m in &mut all {
            m.bio = bios.remove(&m.id).unwrap_or_default();
            m.languages = langs.remove(&m.id).unwrap_or_default();
        }
        all
    }

    /// The devices that are members now (with a role, owner included), from the ledger alone:
    /// for who to send news to, without reading the members list from the document.
    pub fn current_members(&self) -> Vec<DeviceId> {
        let Some(ledger) = self.ledger.as_ref() else {
            return Vec::new();
        };
        ledger
            .people()
            .into_iter()
            .filter(|id| ledger.current_role(*id).is_some())
            .collect()
    }

    /// The name `who` goes by in this group, if the group has an entry for them.
    pub fn member_name(&self, who: DeviceId) -> Option<String> {
        members::name(&self.reader(), who)
    }

    /// What `who` says about themselves; empty when they wrote nothing.
    pub fn bio_of(&self, who: DeviceId) -> String {
        profiles::bio(&self.reader(), who)
    }

    /// All posts, newest first. Hidden and deleted posts are included and marked.
    pub fn posts(&self) -> Vec<Post> {
        posts::list(&self.reader())
    }

    /// The posts pinned to the top of the feed, most recently pinned first; only posts that
    /// are neither deleted nor hidden.
    pub fn pinned(&self) -> Vec<crate::view::Pin> {
        self.pinned_among(&self.posts())
    }

    /// [`Group::pinned`] for a caller that read [`Group::posts`] already (a view of a big
    /// group reads them once).
    pub fn pinned_among(&self, posts: &[Post]) -> Vec<crate::view::Pin> {
        pinned::list(&self.reader(), posts)
    }

    /// [`Group::pinned`] where `shown` says which posts are neither deleted nor hidden (a
    /// view that keeps its own index of them).
    pub fn pinned_where(&self, shown: impl Fn(ItemId) -> bool) -> Vec<crate::view::Pin> {
        pinned::list_where(&self.reader(), shown)
    }

    /// The posts under these ids, newest first: usually one per id, none for an id that no
    /// post has (yet), one per author where two devices made a post under the same id.
    pub fn posts_with_ids(&self, ids: impl IntoIterator<Item = ItemId>) -> Vec<Post> {
        posts::with_ids(&self.reader(), ids)
    }

    /// The comments under these ids, oldest first (as [`Group::posts_with_ids`]).
    pub fn comments_with_ids(&self, ids: impl IntoIterator<Item = ItemId>) -> Vec<Comment> {
        comments::with_ids(&self.reader(), ids)
    }

    /// The reactions to these items: who reacted with what, per item.
    pub fn reactions_to(
        &self,
        items: impl IntoIterator<Item = ItemId>,
    ) -> HashMap<ItemId, Vec<(DeviceId, String)>> {
        reactions::to(&self.reader(), items)
    }

    /// All comments, oldest first.
    pub fn comments(&self) -> Vec<Comment> {
        comments::list(&self.reader())
    }

    /// Reactions to an item: who reacted with what.
    pub fn reactions(&self, item: ItemId) -> Vec<(DeviceId, String)> {
        self.reactions_to([item]).remove(&item).unwrap_or_default()
    }

    /// Every reaction in the group, per item: who reacted with what. One pass over the
    /// reactions map, for views that show many items at once.
    pub fn all_reactions(&self) -> HashMap<ItemId, Vec<(DeviceId, String)>> {
        reactions::all(&self.reader())
    }
}
