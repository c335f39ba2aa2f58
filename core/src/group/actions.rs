//! Local actions: each collection checks what the person asked for and says what to write
//! ([`Edit`]); the group writes it in one transaction and admits the change through the same
//! gate as changes from elsewhere, restoring the document if the gate refuses it.

use std::sync::Arc;

use automerge::ReadDoc;
use automerge::transaction::CommitOptions;

use super::{Group, ItemKind, LocalChange, MetaEdit, doc_err};
use crate::collections::{
    Edit, Writes, comments, items, members, meta, pinned, posts, profiles, reactions,
};
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::ids::{ItemId, Timestamp};
use crate::problem::Problem;
use crate::role::Role;
use crate::schema::AUTHORITY_TAG;

/// How many posts and comments one change of [`Group::erase_mine`] deletes at most (a change
/// stays well under what a peer takes in one piece).
pub const ERASE_AT_ONCE: usize = 200;

impl Group {
    /// Makes a change on this device through the same gate as remote changes. If the gate
    /// refuses it, the document is restored to what it was and the refusal is returned.
    pub(super) fn commit_local(
        &mut self,
        now: Timestamp,
        edit: Edit<impl Writes>,
    ) -> Result<LocalChange, CoreError> {
        let before = self.doc.get_heads();
        self.journal.begin_batch();
        let mut tx = self.doc_mut().transaction();
        if let Err(e) = (edit.write)(&mut tx) {
            tx.rollback();
            return Err(doc_err(e));
        }
        let mut opts = CommitOptions::default().with_time(now.0 / 1000);
        if edit.membership {
            opts = opts.with_message(AUTHORITY_TAG);
        }
        let (hash, _) = tx.commit_with(opts);
        let hash = hash.ok_or(CoreError::InvalidInput(Problem::NothingToChange))?;
        let change = self
            .doc
            .get_change_by_hash(&hash)
            .ok_or(CoreError::MissingChange(hash))?;
        match self.admit(&change) {
            Ok(admitted) => {
                if let Some(ledger) = self.ledger.as_mut().map(Arc::make_mut) {
                    let revocations_changed = if admitted.event {
                        ledger.resolve()
                    } else {
                        ledger.settle_plain(hash)
                    };
                    if revocations_changed {
                        self.journal.reset();
                    }
                }
                let signature = self.key.sign_change(&self.id, &hash);
                Arc::make_mut(&mut self.signatures).insert(hash, signature);
                self.recent.add(hash, change.raw_bytes());
                Ok(LocalChange {
                    hash,
                    bytes: change.raw_bytes().to_vec(),
                    signature,
                })
            }
            Err(why) => {
                let restored = self.doc.fork_at(&before).map_err(doc_err)?;
                self.doc = Arc::new(restored.with_actor(self.actor.clone()));
                Err(CoreError::NotPermitted(local_refusal(&why)))
            }
        }
    }

    /// Writes a new post.
    pub fn post(
        &mut self,
        now: Timestamp,
        id: ItemId,
        title: &str,
        body: &str,
        lang: &str,
    ) -> Result<LocalChange, CoreError> {
        let edit = posts::post(
            &self.reader(),
            self.device(),
            now,
            id,
            title,
            body,
            lang,
            false,
        )?;
        self.commit_local(now, edit)
    }

    /// Changes the title and text of one of my posts.
    pub fn edit_post(
        &mut self,
        now: Timestamp,
        id: ItemId,
        title: &str,
        body: &str,
    ) -> Result<LocalChange, CoreError> {
        let edit = posts::edit(&self.reader(), self.device(), now, id, title, body)?;
        self.commit_local(now, edit)
    }

    /// Changes the text of one of my comments.
    pub fn edit_comment(
        &mut self,
        now: Timestamp,
        id: ItemId,
        body: &str,
    ) -> Result<LocalChange, CoreError> {
        let edit = comments::edit(&self.reader(), self.device(), now, id, body)?;
        self.commit_local(now, edit)
    }

    /// The posts and comments of mine that are not deleted (what [`Group::erase_mine`] clears).
    pub fn mine_to_erase(&self) -> Vec<(ItemKind, ItemId)> {
        let me = self.device();
        let posts = self
            .posts()
            .into_iter()
            .filter(|p| p.author == me && !p.deleted);
        let comments = self
            .comments()
            .into_iter()
            .filter(|c| c.author == me && !c.deleted);
        posts
            .map(|p| (ItemKind::Post, p.id))
            .chain(comments.map(|c| (ItemKind::Comment, c.id)))
            .collect()
    }

    /// Deletes all my posts and comments in this group, as deleting one does (their text is
    /// cleared), in changes of at most [`ERASE_AT_ONCE`] items each. Nothing to erase is
    /// [`Problem::NothingToChange`].
    pub fn erase_mine(&mut self, now: Timestamp) -> Result<Vec<LocalChange>, CoreError> {
        let all = self.mine_to_erase();
        if all.is_empty() {
            return Err(CoreError::InvalidInput(Problem::NothingToChange));
        }
        let mut changes = Vec::new();
        for batch in all.chunks(ERASE_AT_ONCE) {
            let edit = items::delete_many(&self.reader(), self.device(), now, batch);
            changes.push(self.commit_local(now, edit)?);
        }
        Ok(changes)
    }

    /// Deletes one of my posts or comments (its text is cleared; the entry stays as a tombstone).
    pub fn delete_item(
        &mut self,
        now: Timestamp,
        kind: ItemKind,
        id: ItemId,
    ) -> Result<LocalChange, CoreError> {
        let edit = items::delete(&self.reader(), self.device(), now, kind, id)?;
        self.commit_local(now, edit)
    }

    /// Brings back one of my deleted posts or comments with its text (the undo of
    /// [`Group::delete_item`]; a comment's `title` is ignored).
    pub fn restore_item(
        &mut self,
        now: Timestamp,
        kind: ItemKind,
        id: ItemId,
        title: &str,
        body: &str,
    ) -> Result<LocalChange, CoreError> {
        let edit = items::restore(&self.reader(), self.device(), now, kind, id, title, body)?;
        self.commit_local(now, edit)
    }

    /// Comments on a post, optionally replying to a comment on it.
    pub fn comment(
        &mut self,
        now: Timestamp,
        id: ItemId,
        post: ItemId,
        reply_to: Option<ItemId>,
        body: &str,
    ) -> Result<LocalChange, CoreError> {
        let edit = comments::comment(&self.reader(), self.device(), now, id, post, reply_to, body)?;
        self.commit_local(now, edit)
    }

    /// Sets (or with `None`, withdraws) my reaction to a post or comment.
    pub fn react(
        &mut self,
        now: Timestamp,
        item: ItemId,
        reaction: Option<&str>,
    ) -> Result<LocalChange, CoreError> {
        let edit = reactions::react(&self.reader(), self.device(), item, reaction)?;
        self.commit_local(now, edit)
    }

    /// Adds someone (admins and the owner), or re-admits someone who was removed or left.
    pub fn add_member(
        &mut self,
        now: Timestamp,
        who: DeviceId,
        name: &str,
        role: Role,
    ) -> Result<LocalChange, CoreError> {
        let edit = members::add(&self.reader(), self.device(), now, who, name, role)?;
        self.commit_local(now, edit)
    }

    /// Leaves the group.
    pub fn leave(&mut self, now: Timestamp) -> Result<LocalChange, CoreError> {
        let edit = members::leave(&self.reader(), self.device(), now)?;
        self.commit_local(now, edit)
    }

    /// Changes my display name in this group.
    pub fn set_display_name(
        &mut self,
        now: Timestamp,
        name: &str,
    ) -> Result<LocalChange, CoreError> {
        let edit = members::set_display_name(&self.reader(), self.device(), name)?;
        self.commit_local(now, edit)
    }

    /// Writes what I say about myself in this group (empty: nothing). The bio lives in the
    /// `profiles` collection of schema version 3: in an older group an admin's bio first
    /// raises the schema one version at a time (the changes are returned in order, to be
    /// stored and sent so); a member's waits for an admin's upgrade
    /// ([`Problem::NeedsUpgrade`]).
    pub fn set_bio(&mut self, now: Timestamp, bio: &str) -> Result<Vec<LocalChange>, CoreError> {
        if self.my_role().is_none() {
            return Err(CoreError::NotPermitted(Problem::NotAMember));
        }
        crate::collections::check_len(bio, crate::limits::BIO, crate::problem::Field::Bio)?;
        let mut made = self.raise_to(now, crate::schema::PROFILES_SINCE)?;
        let role = self.my_role();
        let edit = profiles::set_bio(&self.reader(), role, self.device(), bio)?;
        made.push(self.commit_local(now, edit)?);
        Ok(made)
    }

    /// Raises the group's schema by one version (admins and the owner): one change that
    /// sets the new version and creates the root maps of the collections it brings, and
    /// nothing else (ARCHITECTURE.md, "Growth").
    pub fn upgrade_schema(&mut self, now: Timestamp) -> Result<LocalChange, CoreError> {
        if self.my_role().is_none_or(|r| r < Role::Admin) {
            return Err(CoreError::NotPermitted(Problem::OnlyAdminsCanUpgrade));
        }
        let to = self.schema_version() + 1;
        if to > self.known {
            return Err(CoreError::InvalidInput(Problem::AlreadyNewest));
        }
        self.commit_local(
            now,
            Edit::membership(move |tx: &mut automerge::transaction::Transaction<'_>| {
                crate::schema::build_upgrade(tx, to)
            }),
        )
    }

    /// Pins a post to the top of the feed (admins and the owner). In a group of schema
    /// version 1 this first makes the schema upgrade that brings pinned posts: the changes
    /// made are returned in order (the upgrade, then the pin), to be stored and sent so.
    /// They are two changes, not one, so that an upgrade is always a change of its own,
    /// judged by the one rule for upgrades.
    pub fn pin(&mut self, now: Timestamp, post: ItemId) -> Result<Vec<LocalChange>, CoreError> {
        let role = self.my_role();
        let found = self
            .posts()
            .into_iter()
            .find(|p| p.id == post)
            .ok_or(CoreError::NotFound(Problem::PostNotFound))?;
        // Refuse what the pin would refuse before making an upgrade for it.
        if role.is_none_or(|r| r < Role::Admin) {
            return Err(CoreError::NotPermitted(Problem::OnlyAdminsCanPin));
        }
        if found.deleted || found.hidden.is_some() {
            return Err(CoreError::InvalidInput(Problem::PinHiddenPost));
        }
        let mut made = Vec::new();
        if self.schema_version() < crate::schema::PINNED_SINCE {
            made.push(self.upgrade_schema(now)?);
        }
        let edit = pinned::pin(&self.reader(), role, self.device(), now, &found)?;
        made.push(self.commit_local(now, edit)?);
        Ok(made)
    }

    /// Unpins a post (admins and the owner).
    pub fn unpin(&mut self, now: Timestamp, post: ItemId) -> Result<LocalChange, CoreError> {
        let edit = pinned::unpin(&self.reader(), self.my_role(), post)?;
        self.commit_local(now, edit)
    }

    /// Edits the group's description (admins and the owner).
    pub fn edit_meta(&mut self, now: Timestamp, edit: &MetaEdit) -> Result<LocalChange, CoreError> {
        let edit = meta::edit(&self.reader(), edit)?;
        self.commit_local(now, edit)
    }
}

/// What a person is told when the gate refuses their own action.
fn local_refusal(why: &Rejection) -> Problem {
    match why {
        Rejection::NotAMember => Problem::NotAMember,
        Rejection::NotPermitted(m) => Problem::RoleDoesNotAllow { detail: m.clone() },
        other => Problem::ChangeRefused {
            detail: other.to_string(),
        },
    }
}
