//! `reports`: members' reports to the group's moderators, a collection of schema version 7.
//! A report is sealed (`crate::seal`) to the owner, the admins and the moderators of the
//! moment, and to its reporter; what it says (the item, the category, the words) and who made
//! it are inside, signed by the reporter. It is written into the group by a moderator who
//! received it from the reporter's device, so the document's history names the moderator,
//! never the reporter. Moderators appointed later get the key from the next moderator who
//! opens the queue (a wrapped key more in `keys`).
//!
//! ```text
//! reports: { <16-hex id>: { at, body: "<base64>", keys: { <device hex>: "<base64>" } } }
//! ```
//!
//! Every peer checks: only a moderator (or higher) files a report or adds a key; a report is
//! written once, a key never replaced; the sizes. That the sealed parts open, and that the
//! reporter signed them, only its readers can check, and they do (`Group::queue`).

use automerge::legacy::OpType;
use automerge::transaction::{Transactable, Transaction};
use automerge::{ObjId as ExId, ObjType, ReadDoc};
use serde::{Deserialize, Serialize};

use super::{Collection, Cx, Edit, Op, Writes, forbidden, int, text};
use crate::error::{CoreError, Rejection};
use crate::identity::{DeviceId, DeviceKey};
use crate::ids::{DocId, GroupId, ItemId, Timestamp};
use crate::problem::Problem;
use crate::read::Reader;
use crate::role::Role;
use crate::seal::{self, SealError, Sealed};

/// The reports.
pub(crate) struct Reports;

mod key {
    pub const AT: &str = "at";
    pub const BODY: &str = "body";
    pub const KEYS: &str = "keys";
}

/// Longest words of a report, in characters.
pub const MAX_WORDS: usize = 2000;
/// Longest sealed body accepted, in base64 characters.
const MAX_BODY_B64: usize = 16 * 1024;
/// Most readers a report is sealed to.
pub const MAX_READERS: usize = 200;

/// What a report is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ReportTarget {
    /// A post.
    Post(ItemId),
    /// A comment.
    Comment(ItemId),
    /// An event.
    Event(ItemId),
    /// A shared document.
    Document(DocId),
    /// A member.
    Member(DeviceId),
}

/// Why something is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Category {
    /// Discrimination or hate.
    Hate,
    /// Sexual content.
    Sexual,
    /// Glorifying violence.
    Violence,
    /// Publishing someone's private details.
    Doxing,
    /// Harassment or stalking.
    Harassment,
    /// Spam or advertising.
    Spam,
    /// Illegal content.
    Illegal,
    /// Something else (the words say what).
    Other,
}

impl Category {
    /// Every category, in the order a form offers them.
    pub const ALL: [Category; 8] = [
        Category::Hate,
        Category::Sexual,
        Category::Violence,
        Category::Doxing,
        Category::Harassment,
        Category::Spam,
        Category::Illegal,
        Category::Other,
    ];

    /// The word on the command line and in messages' keys.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Hate => "hate",
            Category::Sexual => "sexual",
            Category::Violence => "violence",
            Category::Doxing => "doxing",
            Category::Harassment => "harassment",
            Category::Spam => "spam",
            Category::Illegal => "illegal",
            Category::Other => "other",
        }
    }

    /// Parses the word.
    pub fn parse(s: &str) -> Option<Self> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// What a report says, once opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportContent {
    /// Who reported.
    pub reporter: DeviceId,
    /// About what.
    pub target: ReportTarget,
    /// Why.
    pub category: Category,
    /// In their words (may be empty).
    pub words: String,
    /// When (milliseconds since 1970, as the reporter's clock said).
    pub at: Timestamp,
}

/// The sealed plaintext: the content and the reporter's signature over it.
#[derive(Serialize, Deserialize)]
struct Signed {
    content: ReportContent,
    signature: Vec<u8>,
}

/// What binds a report's sealed parts and signature to its group and id.
pub fn context(group: &GroupId, id: ItemId) -> Vec<u8> {
    let mut out = b"causeway/report/1".to_vec();
    out.extend_from_slice(group.as_bytes());
    out.extend_from_slice(id.to_hex().as_bytes());
    out
}

fn signed_message(
    group: &GroupId,
    id: ItemId,
    content: &ReportContent,
) -> Result<Vec<u8>, CoreError> {
    let mut out = context(group, id);
    out.extend_from_slice(
        &postcard::to_allocvec(content)
            .map_err(|_| CoreError::InvalidInput(Problem::ReportUnreadable))?,
    );
    Ok(out)
}

/// Makes a report as `me`, signed and sealed to `readers` and to me, with randomness `seed`.
pub(crate) fn make(
    me: &DeviceKey,
    group: &GroupId,
    id: ItemId,
    content: ReportContent,
    readers: &[DeviceId],
    seed: [u8; 32],
) -> Result<Sealed, CoreError> {
    if content.words.chars().count() > MAX_WORDS {
        return Err(CoreError::InvalidInput(Problem::ReportTooLong {
            max: MAX_WORDS,
        }));
    }
    if content.reporter != me.id() {
        return Err(CoreError::InvalidInput(Problem::ReportUnreadable));
    }
    let signature = me.sign_raw(&signed_message(group, id, &content)?).to_vec();
    let plain = postcard::to_allocvec(&Signed { content, signature })
        .map_err(|_| CoreError::InvalidInput(Problem::ReportUnreadable))?;
    let mut to: Vec<DeviceId> = readers.to_vec();
    to.push(me.id());
    to.sort();
    to.dedup();
    to.truncate(MAX_READERS);
    seal::seal(&plain, &context(group, id), &to, seed)
        .map_err(|_| CoreError::InvalidInput(Problem::ReportUnreadable))
}

/// Opens a report's body with a key wrapped for `me`, and checks the reporter's signature.
pub fn open(
    group: &GroupId,
    id: ItemId,
    body: &[u8],
    wrapped: &[u8],
    me: &DeviceKey,
) -> Result<(ReportContent, seal::ContentKey), SealError> {
    let ctx = context(group, id);
    let key = seal::unwrap(wrapped, &ctx, me)?;
    let plain = seal::open(body, &ctx, &key)?;
    let signed: Signed = postcard::from_bytes(&plain).map_err(|_| SealError::NotForMe)?;
    let message = signed_message(group, id, &signed.content).map_err(|_| SealError::NotForMe)?;
    let sig: [u8; 64] = signed
        .signature
        .as_slice()
        .try_into()
        .map_err(|_| SealError::NotForMe)?;
    let vk = ed25519_dalek::VerifyingKey::from_bytes(signed.content.reporter.as_bytes())
        .map_err(|_| SealError::NotForMe)?;
    vk.verify_strict(&message, &ed25519_dalek::Signature::from_bytes(&sig))
        .map_err(|_| SealError::NotForMe)?;
    Ok((signed.content, key))
}

/// A report as the document holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportEntry {
    /// Its id.
    pub id: ItemId,
    /// When it was filed (by the moderator who received it).
    pub at: Timestamp,
    /// Who filed it: the moderator who received it, not the reporter.
    pub filed_by: Option<DeviceId>,
    /// The sealed words.
    pub body: Vec<u8>,
    /// The wrapped keys, by reader.
    pub keys: Vec<(DeviceId, Vec<u8>)>,
}

/// Where an object of the collection is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    Root,
    Report,
    Keys,
}

impl Collection for Reports {
    const KEY: &'static str = "reports";
    const SINCE: i64 = 7;
    type Loc = Loc;
    const ROOT: Loc = Loc::Root;
    const CODES: &'static [u8] = &[37, 38, 39];
    type Notes = ();

    fn check(at: &Loc, op: &Op<'_>, cx: &mut Cx, _: &mut ()) -> Result<Option<Loc>, Rejection> {
        // Only moderators and up file reports and hand their keys on.
        cx.needs(Role::Moderator);
        match at {
            Loc::Root => {
                super::items::create_keyed(op, "a report")?;
                Ok(Some(Loc::Report))
            }
            Loc::Report => {
                if !op.in_new_object || op.replaces {
                    return Err(forbidden("a report is written once, when it is filed"));
                }
                match (op.key, op.action) {
                    (key::AT, OpType::Put(v)) => int(v, "at").map(|()| None),
                    (key::BODY, OpType::Put(v)) => {
                        let b = text(v, MAX_BODY_B64, "a report")?;
                        match data_encoding::BASE64.decode(b.as_bytes()) {
                            Ok(bytes) if bytes.len() >= seal::BODY_OVERHEAD => Ok(None),
                            _ => Err(forbidden("a report's body is sealed words in base64")),
                        }
                    }
                    (key::KEYS, OpType::Make(ObjType::Map)) => Ok(Some(Loc::Keys)),
                    _ => Err(op.not_allowed()),
                }
            }
            Loc::Keys => {
                if op.replaces {
                    return Err(forbidden("a report's key is never replaced"));
                }
                if DeviceId::from_hex(op.key).is_err() {
                    return Err(forbidden("a report's keys are by device id"));
                }
                match op.action {
                    OpType::Put(v) => {
                        let k = text(v, 200, "a key")?;
                        match data_encoding::BASE64.decode(k.as_bytes()) {
                            Ok(bytes) if bytes.len() == seal::WRAPPED_LEN => Ok(None),
                            _ => Err(forbidden("a report's key is a wrapped key in base64")),
                        }
                    }
                    _ => Err(op.not_allowed()),
                }
            }
        }
    }

    fn code(loc: &Loc) -> (u8, Option<DeviceId>) {
        match loc {
            Loc::Root => (37, None),
            Loc::Report => (38, None),
            Loc::Keys => (39, None),
        }
    }

    fn from_code(code: u8, _: Option<DeviceId>) -> Option<Loc> {
        match code {
            37 => Some(Loc::Root),
            38 => Some(Loc::Report),
            39 => Some(Loc::Keys),
            _ => None,
        }
    }
}

/// The ids of every report the group holds (nothing opened, nothing decoded).
pub(crate) fn ids(r: &Reader<'_>) -> Vec<ItemId> {
    let mut out = Vec::new();
    for root in super::roots_of::<Reports>(r) {
        for k in r.doc().keys(&root) {
            if let Ok(id) = ItemId::from_hex(&k) {
                out.push(id);
            }
        }
    }
    out
}

/// Every report the group holds, oldest first.
pub(crate) fn all(r: &Reader<'_>) -> Vec<ReportEntry> {
    let mut out = Vec::new();
    for root in super::roots_of::<Reports>(r) {
        for k in r.doc().keys(&root) {
            let Ok(id) = ItemId::from_hex(&k) else {
                continue;
            };
            for (v, obj) in r.doc().get_all(&root, &k).unwrap_or_default() {
                if !matches!(v, automerge::Value::Object(_)) || r.masked(&obj) {
                    continue;
                }
                let f = r.fields(&obj);
                let Ok(body) = data_encoding::BASE64.decode(f.text(key::BODY).as_bytes()) else {
                    continue;
                };
                let keys = r
                    .object(&obj, key::KEYS)
                    .map(|m| {
                        r.entries(&m)
                            .into_iter()
                            .filter_map(|(k, v, _)| {
                                let who = DeviceId::from_hex(&k).ok()?;
                                let bytes =
                                    data_encoding::BASE64.decode(v.as_str()?.as_bytes()).ok()?;
                                Some((who, bytes))
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let filed_by = match &obj {
                    ExId::Id(_, actor, _) => crate::actor::author_of_actor(actor),
                    ExId::Root => None,
                };
                out.push(ReportEntry {
                    id,
                    at: Timestamp(f.int(key::AT).unwrap_or_default()),
                    filed_by,
                    body,
                    keys,
                });
            }
        }
    }
    out.sort_by(|a, b| a.at.cmp(&b.at).then(a.id.to_hex().cmp(&b.id.to_hex())));
    out
}

/// Files a sealed report under `id` (moderators, who received it from the reporter).
pub(crate) fn file(
    r: &Reader<'_>,
    now: Timestamp,
    id: ItemId,
    sealed: &Sealed,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let root = super::roots_of::<Reports>(r)
        .into_iter()
        .next()
        .ok_or(CoreError::NotPermitted(Problem::NeedsUpgrade))?;
    if all(r).iter().any(|e| e.id == id) {
        // Filed already (the reporter's device sent it twice): nothing to write.
        return Err(CoreError::InvalidInput(Problem::NothingToChange));
    }
    let body = data_encoding::BASE64.encode(&sealed.body);
    let keys: Vec<(String, String)> = sealed
        .keys
        .iter()
        .map(|(d, k)| (d.to_hex(), data_encoding::BASE64.encode(k)))
        .collect();
    let key_id = id.to_hex();
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        let e = tx.put_object(&root, key_id, ObjType::Map)?;
        tx.put(&e, key::AT, now.0)?;
        tx.put(&e, key::BODY, body)?;
        let m = tx.put_object(&e, key::KEYS, ObjType::Map)?;
        for (d, k) in keys {
            tx.put(&m, d, k)?;
        }
        Ok(())
    }))
}

/// Adds wrapped keys to reports, each `(report, reader, wrapped key)`.
pub(crate) fn add_keys(
    r: &Reader<'_>,
    keys: Vec<(ItemId, DeviceId, Vec<u8>)>,
) -> Result<Edit<impl Writes + use<>>, CoreError> {
    let mut writes: Vec<(ExId, String, String)> = Vec::new();
    for root in super::roots_of::<Reports>(r) {
        for (id, who, k) in &keys {
            if let Some(m) = r
                .object(&root, &id.to_hex())
                .and_then(|e| r.object(&e, key::KEYS))
            {
                writes.push((m, who.to_hex(), data_encoding::BASE64.encode(k)));
            }
        }
    }
    if writes.is_empty() {
        return Err(CoreError::InvalidInput(Problem::NothingToChange));
    }
    Ok(Edit::content(move |tx: &mut Transaction<'_>| {
        for (m, d, k) in writes {
            tx.put(&m, d, k)?;
        }
        Ok(())
    }))
}
