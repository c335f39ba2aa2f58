//! Pictures and files on a group, and the members' languages: the collections of schema
//! version 6. A post and its files are one change, so that no member ever sees the post
//! without them; the first file in an older group makes the schema upgrade (admins).

use super::{Group, LocalChange};
use crate::collections::attachments::{self, AttachedTo, Attachment, FileLimits, FileRef};
use crate::collections::{Edit, Writes, languages, posts};
use crate::error::CoreError;
use crate::identity::DeviceId;
use crate::ids::{ItemId, Timestamp};
use crate::problem::Problem;
use crate::role::Role;
use crate::schema::ATTACHMENTS_SINCE;

/// The refusal of an action that needs `role`.
fn needs(role: Role) -> CoreError {
    CoreError::NotPermitted(Problem::RoleDoesNotAllow {
        detail: format!("this needs the role {role:?}"),
    })
}

/// Two edits written in one change.
fn both(a: Edit<impl Writes>, b: Edit<impl Writes>) -> Edit<impl Writes> {
    Edit::content(move |tx: &mut automerge::transaction::Transaction<'_>| {
        (a.write)(tx)?;
        (b.write)(tx)
    })
}

impl Group {
    /// Attaches files, each `(id, what it is on, the file)`, in one change (with the upgrade
    /// that brings attachments first, where needed). A file is on an item of mine only: on
    /// another's post it would show nowhere.
    pub fn attach(
        &mut self,
        now: Timestamp,
        files: Vec<(ItemId, AttachedTo, FileRef)>,
    ) -> Result<Vec<LocalChange>, CoreError> {
        if files.iter().any(|(_, on, _)| *on == AttachedTo::Group)
            && self.my_role().is_none_or(|r| r < Role::Admin)
        {
            return Err(needs(Role::Admin));
        }
        let mut made = self.raise_to(now, ATTACHMENTS_SINCE)?;
        let edit = attachments::attach(&self.reader(), self.device(), now, files)?;
        made.push(self.commit_local(now, edit)?);
        Ok(made)
    }

    /// Writes a new post with its files (each `(attachment id, file)`), in one change. A post
    /// with files may have no text.
    #[allow(clippy::too_many_arguments)]
    pub fn post_with_files(
        &mut self,
        now: Timestamp,
        id: ItemId,
        title: &str,
        body: &str,
        lang: &str,
        files: Vec<(ItemId, FileRef)>,
    ) -> Result<Vec<LocalChange>, CoreError> {
        if files.is_empty() {
            return self.post(now, id, title, body, lang).map(|c| vec![c]);
        }
        let mut made = self.raise_to(now, ATTACHMENTS_SINCE)?;
        let me = self.device();
        let r = self.reader();
        let post = posts::post(&r, me, now, id, title, body, lang, true)?;
        let files = files
            .into_iter()
            .map(|(a, f)| (a, AttachedTo::Post(id), f))
            .collect();
        let files = attachments::attach(&r, me, now, files)?;
        made.push(self.commit_local(now, both(post, files))?);
        Ok(made)
    }

    /// Sets my avatar or (admins) the group's picture, `on`, to `file` (`None`: none), taking
    /// my earlier ones off in the same change so that their bytes can go.
    pub fn set_picture(
        &mut self,
        now: Timestamp,
        on: AttachedTo,
        new: Option<(ItemId, FileRef)>,
    ) -> Result<Vec<LocalChange>, CoreError> {
        if !on.is_picture() {
            return Err(CoreError::InvalidInput(Problem::NotAnImage));
        }
        if on == AttachedTo::Group && self.my_role().is_none_or(|r| r < Role::Admin) {
            return Err(needs(Role::Admin));
        }
        let mut made = self.raise_to(now, ATTACHMENTS_SINCE)?;
        let me = self.device();
        let old: Vec<ItemId> = self
            .attachments()
            .into_iter()
            .filter(|a| a.on == on && a.author == me && !a.removed)
            .map(|a| a.id)
            .collect();
        if old.is_empty() && new.is_none() {
            return Ok(made);
        }
        let r = self.reader();
        let off = attachments::remove_all(&r, me, old)?;
        let put = attachments::attach(
            &r,
            me,
            now,
            new.into_iter().map(|(id, f)| (id, on, f)).collect(),
        )?;
        let edit = both(off, put);
        made.push(self.commit_local(now, edit)?);
        Ok(made)
    }

    /// Takes one of my files off what it was on.
    pub fn remove_attachment(
        &mut self,
        now: Timestamp,
        id: ItemId,
    ) -> Result<LocalChange, CoreError> {
        let edit = attachments::remove(&self.reader(), self.device(), id)?;
        self.commit_local(now, edit)
    }

    /// Hides someone's file with a reason, or (`None`) shows it again (moderators and up).
    pub fn hide_attachment(
        &mut self,
        now: Timestamp,
        id: ItemId,
        reason: Option<&str>,
    ) -> Result<LocalChange, CoreError> {
        if self.my_role().is_none_or(|r| r < Role::Moderator) {
            return Err(needs(Role::Moderator));
        }
        let obj = attachments::object(&self.reader(), id)
            .ok_or(CoreError::NotFound(Problem::AttachmentNotFound))?;
        let edit = attachments::set_hidden(&self.reader(), self.device(), now, id, reason)?;
        let decision = crate::collections::modlog::Decision::hiding(
            reason.is_some(),
            "attachment",
            &obj,
            reason.unwrap_or_default(),
        );
        self.decide(now, edit, decision)
    }

    /// Sets the group's limits on files, in bytes (admins); `None` leaves one as it is (both:
    /// only the upgrade that brings attachments, where needed).
    pub fn set_file_limits(
        &mut self,
        now: Timestamp,
        max_file: Option<u64>,
        max_total: Option<u64>,
    ) -> Result<Vec<LocalChange>, CoreError> {
        if self.my_role().is_none_or(|r| r < Role::Admin) {
            return Err(needs(Role::Admin));
        }
        let mut made = self.raise_to(now, ATTACHMENTS_SINCE)?;
        if max_file.is_none() && max_total.is_none() {
            return Ok(made);
        }
        let edit = attachments::set_limits(&self.reader(), max_file, max_total)?;
        made.push(self.commit_local(now, edit)?);
        Ok(made)
    }

    /// Writes the languages I read into this group (none: taken away), with the upgrade
    /// first where needed.
    pub fn set_languages(
        &mut self,
        now: Timestamp,
        tags: &[String],
    ) -> Result<Vec<LocalChange>, CoreError> {
        if !languages::valid(tags) {
            return Err(CoreError::InvalidInput(Problem::BadTag {
                max: languages::MAX_TAG,
            }));
        }
        let mut made = self.raise_to(now, ATTACHMENTS_SINCE)?;
        let edit = languages::set(&self.reader(), self.my_role(), self.device(), tags)?;
        made.push(self.commit_local(now, edit)?);
        Ok(made)
    }

    /// The languages `who` reads, as written in this group.
    pub fn languages_of(&self, who: DeviceId) -> Vec<String> {
        languages::of(&self.reader(), who)
    }

    /// Every file of the group, in the order they were attached; removed and hidden ones
    /// included and marked.
    pub fn attachments(&self) -> Vec<Attachment> {
        attachments::list(&self.reader())
    }

    /// The group's limits on files.
    pub fn file_limits(&self) -> FileLimits {
        attachments::limits(&self.reader())
    }

    /// The picture `who` shows in this group: their newest avatar that shows.
    pub fn avatar_of(&self, who: DeviceId) -> Option<Attachment> {
        newest(self.attachments(), |a| {
            a.on == AttachedTo::Avatar && a.author == who
        })
    }

    /// The group's picture: the newest one an admin set that shows.
    pub fn picture(&self) -> Option<Attachment> {
        newest(self.attachments(), |a| a.on == AttachedTo::Group)
    }
}

/// The last attachment (in the order they were made) that shows and passes `which`.
pub fn newest(all: Vec<Attachment>, which: impl Fn(&Attachment) -> bool) -> Option<Attachment> {
    all.into_iter().rev().find(|a| a.shows() && which(a))
}
