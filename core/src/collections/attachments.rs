//! `attachments`: the pictures and files of a group, by reference. A collection of schema
//! version 6. The bytes are blobs, named by their BLAKE3 hash and carried by the nodes (the
//! `sync` crate, over iroh-blobs); the document holds what every member needs to show them and
//! to judge them: hash, size, media type, file name, and for images their size in pixels and
//! a thumbnail's blob.
//!
//! ```text
//! attachments: { max_file?, max_total?,                   (admins; bytes)
//!                <16-hex id>: { author, created, on, item?, hash, size, media, name,
//!                               width?, height?, thumb?, thumb_size?, removed?,
//!                               hidden?, hidden_by?, hidden_reason?, hidden_at? } }
//! ```
//!
//! `on` says what the file belongs to: `post`, `comment` or `event` (with `item`, the item's
//! id), `avatar` (its author's picture in this group) or `group` (the group's picture, made by
//! an admin). A file belongs to the item of that id *by its own author*: nobody attaches
//! anything to someone else's post, by construction. An entry is written once, in the change
//! that makes it; its author may later mark it `removed`, moderators hide it.
//!
//! Every peer checks: the fields' types and lengths, a size up to the group's limit per file
//! (`max_file` in the change's past, [`DEFAULT_MAX_FILE`] when unset, never above
//! [`HARD_MAX_FILE`]), the group's files in the change's past plus this one up to
//! `max_total` ([`DEFAULT_MAX_TOTAL`], at most [`HARD_MAX_TOTAL`]), pixel sizes and
//! thumbnails only on the image types shown inline ([`INLINE_MEDIA`]), avatars and group
//! pictures images only.

use std::collections::{HashMap, HashSet};

use automerge::ObjId as ExId;
use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};

use super::items::{self, Hidden, key as item_key};
use super::{
    Collection, Cx, Edit, Needs, Op, Writes, boolean, forbidden, int, int_in, item_ref,
    root_for_action, text,
};
use crate::error::{CoreError, Rejection};
use crate::identity::DeviceId;
use crate::ids::{BlobHash, ItemId, Timestamp};
use crate::problem::Problem;
use crate::read::{OpOrder, Reader};
use crate::role::Role;

/// The attachments.
pub(crate) struct Attachments;

/// Field names.
pub(crate) mod key {
    pub const ON: &str = "on";
    pub const ITEM: &str = "item";
    pub const HASH: &str = "hash";
    pub const SIZE: &str = "size";
    pub const MEDIA: &str = "media";
    pub const NAME: &str = "name";
    pub const WIDTH: &str = "width";
    pub const HEIGHT: &str = "height";
    pub const THUMB: &str = "thumb";
    pub const THUMB_SIZE: &str = "thumb_size";
    pub const REMOVED: &str = "removed";
    pub const MAX_FILE: &str = "max_file";
    pub const MAX_TOTAL: &str = "max_total";
}

/// One megabyte, as sizes are shown to people.
pub const MB: u64 = 1_000_000;
/// The group's limit per file when its admins set none.
pub const DEFAULT_MAX_FILE: u64 = 25 * MB;
/// The highest limit per file admins can set.
pub const HARD_MAX_FILE: u64 = 2_000 * MB;
/// The group's limit on all its files together when its admins set none.
pub const DEFAULT_MAX_TOTAL: u64 = 5_000 * MB;
/// The highest limit on all of a group's files admins can set.
pub const HARD_MAX_TOTAL: u64 = 100_000 * MB;
/// The largest thumbnail.
pub const MAX_THUMB: u64 = 256 * 1024;
/// The most pixels on a side an image may say it has.
pub const MAX_SIDE: u32 = 100_000;
/// The most files one change attaches, and one item carries.
pub const MAX_FILES: usize = 20;
/// Longest file name, in characters.
pub const MAX_NAME: usize = 255;
/// Longest media type, in characters.
const MAX_MEDIA: usize = 100;
/// The media types shown inline, as pictures; every other type is a file.
pub const INLINE_MEDIA: &[&str] = &["image/png", "image/jpeg", "image/webp", "image/gif"];

/// What a file belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AttachedTo {
    /// A post of the file's author.
    Post(ItemId),
    /// A comment of the file's author.
    Comment(ItemId),
    /// An event made by the file's author.
    Event(ItemId),
    /// The author's picture in this group.
    Avatar,
    /// The group's picture (logo or banner), by an admin.
    Group,
}

impl AttachedTo {
    /// The word stored at `on`.
    const fn word(self) -> &'static str {
        match self {
            AttachedTo::Post(_) => "post",
            AttachedTo::Comment(_) => "comment",
            AttachedTo::Event(_) => "event",
            AttachedTo::Avatar => "avatar",
            AttachedTo::Group => "group",
        }
    }

    /// The item it names, if any.
    pub const fn item(self) -> Option<ItemId> {
        match self {
            AttachedTo::Post(i) | AttachedTo::Comment(i) | AttachedTo::Event(i) => Some(i),
            AttachedTo::Avatar | AttachedTo::Group => None,
        }
    }

    /// Whether it needs a picture (an avatar, a group's picture).
    pub const fn is_picture(self) -> bool {
        matches!(self, AttachedTo::Avatar | AttachedTo::Group)
    }

    fn read(on: &str, item: Option<ItemId>) -> Option<Self> {
        Some(match (on, item) {
            ("post", Some(i)) => AttachedTo::Post(i),
            ("comment", Some(i)) => AttachedTo::Comment(i),
            ("event", Some(i)) => AttachedTo::Event(i),
            ("avatar", _) => AttachedTo::Avatar,
            ("group", _) => AttachedTo::Group,
            _ => return None,
        })
    }
}

/// A picture's size and its thumbnail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ImageInfo {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// A small copy for the feed (at most [`MAX_THUMB`] bytes): its blob and size.
    pub thumb: Option<(BlobHash, u64)>,
}

/// A file as the document references it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FileRef {
    /// The BLAKE3 hash of its bytes.
    pub hash: BlobHash,
    /// Its size in bytes.
    pub size: u64,
    /// Its media type (`image/jpeg`, `application/pdf`).
    pub media: String,
    /// Its name, without any folder.
    pub name: String,
    /// For a picture shown inline: its size and thumbnail.
    pub image: Option<ImageInfo>,
}

impl FileRef {
    /// Whether it is shown inline, as a picture.
    pub fn is_inline(&self) -> bool {
        is_inline(&self.media)
    }

    /// The blobs it needs: its own, and its thumbnail's.
    pub fn blobs(&self) -> impl Iterator<Item = (BlobHash, u64)> + use<> {
        std::iter::once((self.hash, self.size)).chain(self.image.and_then(|i| i.thumb))
    }

    /// Checks it before it is written; the problem says what to change.
    pub fn validate(&self, limits: FileLimits) -> Result<(), CoreError> {
        let bad = |p| Err(CoreError::InvalidInput(p));
        if self.size == 0 {
            return bad(Problem::FileEmpty);
        }
        if self.size > limits.max_file {
            return bad(Problem::FileTooLarge {
                max_mb: limits.max_file / MB,
            });
        }
        if !good_name(&self.name) {
            return bad(Problem::BadFileName { max: MAX_NAME });
        }
        if !good_media(&self.media) {
            return bad(Problem::NotAFileType);
        }
        if let Some(i) = &self.image {
            let side = 1..=MAX_SIDE;
            if !self.is_inline() || !side.contains(&i.width) || !side.contains(&i.height) {
                return bad(Problem::NotAnImage);
            }
            if i.thumb.is_some_and(|(_, s)| s == 0 || s > MAX_THUMB) {
                return bad(Problem::NotAnImage);
            }
        }
        Ok(())
    }
}

/// Whether files of `media` are shown inline, as pictures.
pub fn is_inline(media: &str) -> bool {
    INLINE_MEDIA.contains(&media)
}

/// A file name with no folder in it, no control characters, not `.` or `..`, and not too long.
pub fn good_name(name: &str) -> bool {
    !name.trim().is_empty()
        && name != "."
        && name != ".."
        && name.chars().count() <= MAX_NAME
        && !name
            .chars()
            .any(|c| c == '/' || c == '\\' || c.is_control())
}

/// A media type as `type/subtype`, in plain ASCII.
fn good_media(media: &str) -> bool {
    let ok = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
    };
    media.len() <= MAX_MEDIA && media.split_once('/').is_some_and(|(t, s)| ok(t) && ok(s))
}

/// A group's limits on its files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileLimits {
    /// The largest file, in bytes.
    pub max_file: u64,
    /// All the group's files together, in bytes.
    pub max_total: u64,
}

impl Default for FileLimits {
    fn default() -> Self {
        Self {
            max_file: DEFAULT_MAX_FILE,
            max_total: DEFAULT_MAX_TOTAL,
        }
    }
}

/// A file of the group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// Its entry's id.
    pub id: ItemId,
    /// Who attached it.
    pub author: DeviceId,
    /// When.
    pub created: Timestamp,
    /// What it belongs to.
    pub on: AttachedTo,
    /// The file.
    pub file: FileRef,
    /// Taken off by its author.
    pub removed: bool,
    /// Hidden by a moderator.
    pub hidden: Option<Hidden>,
    /// Where Automerge put its making (the same order on every peer).
    pub(crate) order: OpOrder,
}

impl Attachment {
    /// Whether it shows: neither removed nor hidden.
    pub fn shows(&self) -> bool {
        !self.removed && self.hidden.is_none()
    }
}

/// An object of the attachments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// The map of all attachments (and the group's limits).
    Root,
    /// One attachment.
    Entry {
        /// Its author.
        author: DeviceId,
    },
}

/// What the rules note in one change: per new entry, which fields it has.
#[derive(Default)]
pub(crate) struct Notes {
    made: HashMap<u64, Seen>,
}

/// The fields seen on one new entry.
#[derive(Default)]
struct Seen {
    has: HashSet<&'static str>,
    on: Option<String>,
    media: Option<String>,
    size: u64,
}

impl Collection for Attachments {
    const KEY: &'static str = "attachments";
    const SINCE: i64 = 6;
    type Loc = Loc;
    const ROOT: Loc = Loc::Root;
    const CODES: &'static [u8] = &[32, 33];
    type Notes = Notes;

    fn check(at: &Loc, op: &Op<'_>, cx: &mut Cx, n: &mut Notes) -> Result<Option<Loc>, Rejection> {
        match at {
            Loc::Root => match (op.key, op.action) {
                (key::MAX_FILE, OpType::Put(v)) => {
                    cx.needs(Role::Admin);
                    int_in(v, 1, as_i64(HARD_MAX_FILE), "max_file").map(|_| None)
                }
                (key::MAX_TOTAL, OpType::Put(v)) => {
                    cx.needs(Role::Admin);
                    int_in(v, 1, as_i64(HARD_MAX_TOTAL), "max_total").map(|_| None)
                }
                (key::MAX_FILE | key::MAX_TOTAL, OpType::Delete) => {
                    cx.needs(Role::Admin);
                    Ok(None)
                }
                _ => {
                    items::create_keyed(op, "an attachment")?;
                    if n.made.len() >= MAX_FILES {
                        return Err(forbidden("too many files in one change"));
                    }
                    n.made.insert(op.id, Seen::default());
                    Ok(Some(Loc::Entry { author: cx.author }))
                }
            },
            Loc::Entry { author } => {
                if let Some(verdict) = items::check_hiding(op, cx) {
                    return verdict.map(|()| None);
                }
                if cx.author != *author {
                    return Err(forbidden("only its author changes an attachment"));
                }
                if let (key::REMOVED, OpType::Put(v)) = (op.key, op.action) {
                    return boolean(v, "removed").map(|()| None);
                }
                let seen = match n.made.get_mut(&op.obj) {
                    Some(seen) if op.in_new_object => seen,
                    _ => return Err(forbidden("an attachment is written once, when it is made")),
                };
                let OpType::Put(v) = op.action else {
                    return Err(op.not_allowed());
                };
                let field: &'static str = match op.key {
                    item_key::AUTHOR => {
                        cx.names_author(v, "author")?;
                        item_key::AUTHOR
                    }
                    item_key::CREATED => {
                        int(v, "created")?;
                        item_key::CREATED
                    }
                    key::ON => {
                        let on = text(v, 16, "on")?;
                        if !["post", "comment", "event", "avatar", "group"].contains(&on) {
                            return Err(forbidden(
                                "an attachment is on a post, a comment, an event, an avatar or the group",
                            ));
                        }
                        if on == "group" {
                            cx.needs(Role::Admin);
                        }
                        seen.on = Some(on.to_owned());
                        key::ON
                    }
                    key::ITEM => {
                        item_ref(v, "item")?;
                        key::ITEM
                    }
                    key::HASH | key::THUMB => {
                        if BlobHash::from_hex(text(v, 64, "hash")?).is_err() {
                            return Err(forbidden("a hash is 64 hex characters"));
                        }
                        if op.key == key::HASH {
                            key::HASH
                        } else {
                            key::THUMB
                        }
                    }
                    key::SIZE => {
                        let size = int_in(v, 1, as_i64(HARD_MAX_FILE), "the size")?;
                        seen.size = u64::try_from(size).unwrap_or(0);
                        key::SIZE
                    }
                    key::THUMB_SIZE => {
                        int_in(v, 1, as_i64(MAX_THUMB), "the thumbnail's size")?;
                        key::THUMB_SIZE
                    }
                    key::WIDTH | key::HEIGHT => {
                        int_in(v, 1, i64::from(MAX_SIDE), "a picture's side")?;
                        if op.key == key::WIDTH {
                            key::WIDTH
                        } else {
                            key::HEIGHT
                        }
                    }
                    key::MEDIA => {
                        let media = text(v, MAX_MEDIA, "the media type")?;
                        if !good_media(media) {
                            return Err(forbidden("a media type is type/subtype"));
                        }
                        seen.media = Some(media.to_owned());
                        key::MEDIA
                    }
                    key::NAME => {
                        if !good_name(text(v, MAX_NAME, "the file name")?) {
                            return Err(forbidden(
                                "a file name without folders or control characters",
                            ));
                        }
                        key::NAME
                    }
                    _ => {
                        return Err(forbidden(format!(
                            "attachment field {:?} cannot be set",
                            op.key
                        )));
                    }
                };
                seen.has.insert(field);
                Ok(None)
            }
        }
    }

    fn finish(n: Notes, cx: &mut Cx) -> Result<(), Rejection> {
        let mut total = 0;
        for seen in n.made.values() {
            let has = |k: &str| seen.has.contains(k);
            let needed = [
                item_key::AUTHOR,
                item_key::CREATED,
                key::ON,
                key::HASH,
                key::SIZE,
                key::MEDIA,
                key::NAME,
            ];
            if !needed.iter().all(|k| has(k)) {
                return Err(forbidden(
                    "a new attachment names its author, time, owner, hash, size, type and name",
                ));
            }
            let on = seen.on.as_deref().unwrap_or_default();
            let names_item = matches!(on, "post" | "comment" | "event");
            if names_item != has(key::ITEM) {
                return Err(forbidden(
                    "a post's, comment's or event's file names the item, and no other does",
                ));
            }
            let inline = seen.media.as_deref().is_some_and(is_inline);
            let pictured = has(key::WIDTH) || has(key::HEIGHT) || has(key::THUMB);
            if pictured && !(inline && has(key::WIDTH) && has(key::HEIGHT)) {
                return Err(forbidden(
                    "only a picture shown inline has a size in pixels, and then both sides",
                ));
            }
            if has(key::THUMB) != has(key::THUMB_SIZE) {
                return Err(forbidden("a thumbnail has its hash and its size"));
            }
            if matches!(on, "avatar" | "group") && !inline {
                return Err(forbidden("an avatar or a group's picture is a picture"));
            }
            total += seen.size;
        }
        if !n.made.is_empty() {
            cx.past.push(Needs::Files {
                largest: n.made.values().map(|s| s.size).max().unwrap_or(0),
                total,
            });
        }
        Ok(())
    }

    fn code(loc: &Loc) -> (u8, Option<DeviceId>) {
        match loc {
            Loc::Root => (32, None),
            Loc::Entry { author } => (33, Some(*author)),
        }
    }

    fn from_code(code: u8, device: Option<DeviceId>) -> Option<Loc> {
        match code {
            32 => Some(Loc::Root),
            33 => device.map(|author| Loc::Entry { author }),
            _ => None,
        }
    }
}

/// A size as the document stores it.
fn as_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// The limits written in one root map (`None` where unset), as `fields` reads them.
pub(crate) fn limits_in(max_file: Option<i64>, max_total: Option<i64>) -> FileLimits {
    let d = FileLimits::default();
    let read = |v: Option<i64>, default: u64| {
        v.and_then(|n| u64::try_from(n).ok())
            .filter(|n| *n > 0)
            .unwrap_or(default)
    };
    FileLimits {
        max_file: read(max_file, d.max_file),
        max_total: read(max_total, d.max_total),
    }
}

/// The group's limits: those written in its first attachments map, the defaults where unset.
pub(crate) fn limits(r: &Reader<'_>) -> FileLimits {
    match super::roots_of::<Attachments>(r).first() {
        Some(root) => limits_in(r.int(root, key::MAX_FILE), r.int(root, key::MAX_TOTAL)),
        None => FileLimits::default(),
    }
}

/// Every attachment that shows (not made by a revoked change), in the order they were made
/// (Automerge's, the same on every peer). Removed and hidden ones are included and marked.
pub(crate) fn list(r: &Reader<'_>) -> Vec<Attachment> {
    let mut out = Vec::new();
    for root in super::roots_of::<Attachments>(r) {
        for (id, o, author) in items::objects_in(r, &root, ..) {
            if let Some(a) = read(r, id, &o, author) {
                out.push(a);
            }
        }
    }
    out.sort_by(|a, b| a.order.cmp(&b.order));
    out
}

/// One attachment, from its object; `None` for an entry that does not read whole.
fn read(r: &Reader<'_>, id: ItemId, o: &ExId, author: DeviceId) -> Option<Attachment> {
    let f = r.fields(o);
    let item = ItemId::parse(&f.text(key::ITEM));
    let on = AttachedTo::read(&f.text(key::ON), item)?;
    let hash = BlobHash::from_hex(&f.text(key::HASH)).ok()?;
    let size = u64::try_from(f.int(key::SIZE)?).ok()?;
    let side = |k| f.int(k).and_then(|n| u32::try_from(n).ok());
    let thumb = BlobHash::from_hex(&f.text(key::THUMB))
        .ok()
        .zip(f.int(key::THUMB_SIZE).and_then(|n| u64::try_from(n).ok()));
    let image = match (side(key::WIDTH), side(key::HEIGHT)) {
        (Some(width), Some(height)) => Some(ImageInfo {
            width,
            height,
            thumb,
        }),
        _ => None,
    };
    Some(Attachment {
        id,
        author,
        created: Timestamp(f.int(item_key::CREATED).unwrap_or(0)),
        on,
        file: FileRef {
            hash,
            size,
            media: f.text(key::MEDIA),
            name: f.text(key::NAME),
            image,
        },
        removed: f.flag(key::REMOVED),
        hidden: items::hidden(&f),
        order: crate::read::opid_key(o),
    })
}

/// Writes new attachments, each `(id, what it is on, the file)`, by `me`, now.
pub(crate) fn attach(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    files: Vec<(ItemId, AttachedTo, FileRef)>,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let root = root_for_action::<Attachments>(r)?;
    let limits = limits(r);
    if files.len() > MAX_FILES {
        return Err(CoreError::InvalidInput(Problem::TooManyFiles {
            max: MAX_FILES,
        }));
    }
    let mut total: u64 = list(r)
        .iter()
        .filter(|a| !a.removed)
        .map(|a| a.file.size)
        .sum();
    for (_, on, file) in &files {
        file.validate(limits)?;
        if on.is_picture() && file.image.is_none() {
            return Err(CoreError::InvalidInput(Problem::NotAnImage));
        }
        total = total.saturating_add(file.size);
    }
    if total > limits.max_total {
        return Err(CoreError::InvalidInput(Problem::GroupFilesFull {
            max_mb: limits.max_total / MB,
        }));
    }
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        for (id, on, file) in files {
            write_one(tx, &root, id, me, now, on, &file)?;
        }
        Ok(())
    }))
}

/// Writes one attachment entry.
fn write_one(
    tx: &mut Transaction<'_>,
    root: &ExId,
    id: ItemId,
    me: DeviceId,
    now: Timestamp,
    on: AttachedTo,
    file: &FileRef,
) -> Result<(), automerge::AutomergeError> {
    let e = items::new_entry(tx, root, id, me, now)?;
    tx.put(&e, key::ON, on.word())?;
    if let Some(item) = on.item() {
        tx.put(&e, key::ITEM, item.to_hex())?;
    }
    tx.put(&e, key::HASH, file.hash.to_hex())?;
    tx.put(&e, key::SIZE, as_i64(file.size))?;
    tx.put(&e, key::MEDIA, file.media.as_str())?;
    tx.put(&e, key::NAME, file.name.as_str())?;
    if let Some(i) = &file.image {
        tx.put(&e, key::WIDTH, i64::from(i.width))?;
        tx.put(&e, key::HEIGHT, i64::from(i.height))?;
        if let Some((thumb, size)) = i.thumb {
            tx.put(&e, key::THUMB, thumb.to_hex())?;
            tx.put(&e, key::THUMB_SIZE, as_i64(size))?;
        }
    }
    Ok(())
}

/// Takes one of my attachments off.
pub(crate) fn remove(
    r: &Reader<'_>,
    me: DeviceId,
    id: ItemId,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let (obj, _) = items::objects_of::<Attachments>(r, Some(id))
        .into_iter()
        .find(|(_, _, a)| *a == me)
        .map(|(_, o, a)| (o, a))
        .ok_or(CoreError::NotFound(Problem::AttachmentNotFound))?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        tx.put(&obj, key::REMOVED, true)
    }))
}

/// Takes several of my attachments off at once (an avatar replaced).
pub(crate) fn remove_all(
    r: &Reader<'_>,
    me: DeviceId,
    ids: Vec<ItemId>,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let objs: Vec<ExId> = ids
        .into_iter()
        .flat_map(|id| items::objects_of::<Attachments>(r, Some(id)))
        .filter(|(_, _, a)| *a == me)
        .map(|(_, o, _)| o)
        .collect();
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        for o in objs {
            tx.put(&o, key::REMOVED, true)?;
        }
        Ok(())
    }))
}

/// Hides (moderators) or shows again someone's attachment.
/// The object of attachment `id` (the first that shows).
pub(crate) fn object(r: &Reader<'_>, id: ItemId) -> Option<ExId> {
    items::objects_of::<Attachments>(r, Some(id))
        .into_iter()
        .next()
        .map(|(_, obj, _)| obj)
}

pub(crate) fn set_hidden<'a>(
    r: &Reader<'_>,
    me: DeviceId,
    now: Timestamp,
    id: ItemId,
    reason: Option<&'a str>,
) -> Result<Edit<impl Writes + use<'a>>, CoreError> {
    if let Some(reason) = reason {
        super::check_len(reason, super::MAX_REASON, crate::problem::Field::Reason)?;
    }
    let (_, obj, _) = items::objects_of::<Attachments>(r, Some(id))
        .into_iter()
        .next()
        .ok_or(CoreError::NotFound(Problem::AttachmentNotFound))?;
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        match reason {
            Some(reason) => {
                tx.put(&obj, item_key::HIDDEN, true)?;
                tx.put(&obj, item_key::HIDDEN_BY, me.to_hex())?;
                tx.put(&obj, item_key::HIDDEN_REASON, reason)?;
                tx.put(&obj, item_key::HIDDEN_AT, now.0)?;
            }
            None => tx.put(&obj, item_key::HIDDEN, false)?,
        }
        Ok(())
    }))
}

/// Sets the group's limits (admins): `None` leaves one as it is.
pub(crate) fn set_limits(
    r: &Reader<'_>,
    max_file: Option<u64>,
    max_total: Option<u64>,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let root = super::roots_of::<Attachments>(r)
        .into_iter()
        .next()
        .ok_or_else(super::not_arrived)?;
    for (v, hard) in [(max_file, HARD_MAX_FILE), (max_total, HARD_MAX_TOTAL)] {
        if v.is_some_and(|v| v == 0 || v > hard) {
            return Err(CoreError::InvalidInput(Problem::FileLimitOutOfRange {
                max_mb: hard / MB,
            }));
        }
    }
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        if let Some(v) = max_file {
            tx.put(&root, key::MAX_FILE, as_i64(v))?;
        }
        if let Some(v) = max_total {
            tx.put(&root, key::MAX_TOTAL, as_i64(v))?;
        }
        Ok(())
    }))
}

/// The limits and the sum of the files in the past `at` reads: what [`Needs::Files`] is
/// checked against. `read(obj, key)` gives an integer or a flag there.
pub(crate) fn check_past(
    roots: &[ExId],
    entries: impl Fn(&ExId) -> Vec<ExId>,
    int_at: impl Fn(&ExId, &str) -> Option<i64>,
    flag_at: impl Fn(&ExId, &str) -> bool,
    largest: u64,
    total: u64,
) -> Result<(), Rejection> {
    let limits = match roots.first() {
        Some(root) => limits_in(int_at(root, key::MAX_FILE), int_at(root, key::MAX_TOTAL)),
        None => FileLimits::default(),
    };
    if largest > limits.max_file {
        return Err(forbidden(
            "a file over the group's limit in the change's past",
        ));
    }
    let mut held: u64 = 0;
    for root in roots {
        for e in entries(root) {
            if !flag_at(&e, key::REMOVED) {
                let size = int_at(&e, key::SIZE).and_then(|n| u64::try_from(n).ok());
                held = held.saturating_add(size.unwrap_or(0));
            }
        }
    }
    if held.saturating_add(total) > limits.max_total {
        return Err(forbidden(
            "the group's files would pass its limit in the change's past",
        ));
    }
    Ok(())
}
