//! Fuzz targets. Each takes any bytes, as a hostile peer or a damaged disk could give them, and
//! must neither panic nor take unbounded memory (the runs set a limit).
//!
//! - [`wire`]: every decoder of what peers send (sync frames, snapshot payloads, join
//!   requests) and invite tickets;
//! - [`change`]: a change arriving from a member, through validation and ingestion;
//! - [`document`]: a whole document arriving for a fresh member;
//! - [`doc_change`]: a change of a shared document arriving from a member, and the same
//!   bytes imported as Markdown;
//! - [`store`]: a data folder with one file damaged, loaded.
//!
//! libFuzzer runs them (`fuzz_targets/`, `scripts/fuzz.sh`); `tests/tests/stories/fuzz_regressions.rs`
//! runs them on [`seeds`] and on every saved input in `regressions/` with the other tests.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use causeway_core::{
    ChangeHash, DeviceKey, Group, ItemId, NewGroup, Profile, Role, SignedChange, Timestamp,
    Visibility,
};
use causeway_sync::LocalNode;
use causeway_sync::invites::Ticket;
use causeway_sync::protocols::group_sync::wire::{self, Frame, RefuseCode};
use causeway_sync::protocols::join;

/// Causeway catches the panics of some Automerge calls on malformed input (see
/// `causeway_core::group`); libFuzzer's panic hook would abort on those too. A panic that
/// escapes a target still fails the run: libFuzzer catches it and aborts.
fn caught_panics_are_not_failures() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(|info| eprintln!("caught: {info}"))));
}

/// Every decoder of what peers send; what decodes must encode back to the same frame.
pub fn wire(data: &[u8]) {
    if let Ok(frame) = wire::decode(data) {
        let bytes = wire::encode(&frame);
        let again = wire::decode(&bytes[4..]).expect("an encoded frame decodes");
        assert_eq!(wire::encode(&again), bytes, "encoding is not stable");
    }
    let _ = wire::parse_snapshot_payload(data);
    if let Ok((group, secret, name)) = join::decode_request(data) {
        assert_eq!(
            join::decode_request(&join::encode_request(&group, &secret, &name)).unwrap(),
            (group, secret, name)
        );
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Ticket::parse(text);
    }
}

/// A group of two members (owner key 1, member key 2) with a few posts, and the keys.
struct Base {
    group: Group,
    keys: [DeviceKey; 2],
}

fn base() -> &'static Base {
    static BASE: OnceLock<Base> = OnceLock::new();
    BASE.get_or_init(|| {
        let keys = [
            DeviceKey::from_bytes(&[1; 32]),
            DeviceKey::from_bytes(&[2; 32]),
        ];
        let new = NewGroup {
            name: "Fuzz".into(),
            mission: "find what breaks".into(),
            causes: vec![],
            region: String::new(),
            languages: vec![],
            visibility: Visibility::Invite,
        };
        let (mut group, _) =
            Group::create(keys[0].clone(), [1; 8], Timestamp(1), &new, "Owner").expect("a group");
        group
            .add_member(Timestamp(2), keys[1].id(), "Member", Role::Member)
            .unwrap();
        for i in 0..3 {
            group
                .post(
                    Timestamp(3 + i),
                    ItemId::from_u64(i as u64),
                    "t",
                    "a post",
                    "en",
                )
                .unwrap();
        }
        Base { group, keys }
    })
}

/// A change from a member: as sent (no signature), then signed by whichever of the two
/// members its actor names, so that the fuzzer gets past the signature check to the judging
/// of what the change does. The group must still read afterwards.
pub fn change(data: &[u8]) {
    caught_panics_are_not_failures();
    let b = base();
    let mut batches = vec![vec![SignedChange {
        bytes: data.to_vec(),
        signature: None,
    }]];
    if let Ok(c) = automerge::Change::try_from(data) {
        let actor = c.actor_id().to_bytes();
        for key in &b.keys {
            if actor.get(..32) == Some(key.id().as_bytes().as_slice()) {
                batches.push(vec![SignedChange {
                    bytes: data.to_vec(),
                    signature: Some(key.sign_change(&b.group.id(), &c.hash())),
                }]);
            }
        }
    }
    for batch in batches {
        let mut g = b.group.clone();
        let _ = g.ingest(batch);
        let _ = (g.info(), g.members(), g.posts(), g.heads(), g.revoked());
    }
}

/// The base group at schema version 4 with one shared document (by the owner, with a
/// heading, a formatted paragraph and a list), saved.
struct DocBase {
    group: Group,
    doc: Vec<u8>,
    id: causeway_core::DocId,
}

fn doc_base() -> &'static DocBase {
    static BASE: OnceLock<DocBase> = OnceLock::new();
    BASE.get_or_init(|| {
        let mut group = base().group.clone();
        let start = causeway_core::docs::from_markdown(
            b"# Plan\n\nWe **march** on *Friday*, see [site](https://example.org).\n\n- a\n- b\n",
        )
        .unwrap();
        let (doc, _, _) = group
            .create_document(Timestamp(10), "Plan", Some(&start))
            .expect("a document");
        DocBase {
            id: doc.id(),
            doc: doc.save(),
            group,
        }
    })
}

/// A change of a shared document from a member: as sent (no signature), then signed by
/// whichever of the two members its actor names (so the fuzzer reaches the rules). The
/// document must still read afterwards, in every view. The same bytes are then read as a
/// Markdown import.
pub fn doc_change(data: &[u8]) {
    caught_panics_are_not_failures();
    let b = doc_base();
    let mut batches = vec![vec![SignedChange {
        bytes: data.to_vec(),
        signature: None,
    }]];
    if let Ok(c) = automerge::Change::try_from(data) {
        let actor = c.actor_id().to_bytes();
        for key in &base().keys {
            if actor.get(..32) == Some(key.id().as_bytes().as_slice()) {
                batches.push(vec![SignedChange {
                    bytes: data.to_vec(),
                    signature: Some(key.sign_doc_change(&b.group.id(), &b.id, &c.hash())),
                }]);
            }
        }
    }
    for batch in batches {
        let mut doc =
            causeway_core::docs::SharedDoc::load(b.group.id(), b.id, Some(&b.doc), [], vec![])
                .unwrap();
        let _ = b.group.ingest_document_changes(&mut doc, batch);
        let text = b.group.document_text(&doc).unwrap();
        let _ = causeway_core::docs::to_markdown(&text);
        let versions = doc.versions();
        if let Some(first) = versions.first() {
            let _ = doc.diff(&first.heads, None);
        }
        let _ = doc.authorship();
    }
    if let Ok(rich) = causeway_core::docs::from_markdown(data) {
        let _ = causeway_core::docs::to_markdown(&rich);
    }
}

/// A whole document for a fresh member, with the signatures a real host would send.
pub fn document(data: &[u8]) {
    caught_panics_are_not_failures();
    let b = base();
    let mut fresh = Group::joining(b.group.id(), DeviceKey::from_bytes(&[3; 32]), [3; 8]);
    if fresh
        .ingest_document(data, b.group.signatures_for_peer())
        .is_ok()
    {
        let _ = (fresh.info(), fresh.members(), fresh.posts());
    }
}

/// A data folder of one device with a group, posts, an invite and a profile.
struct Template {
    dir: tempfile::TempDir,
    /// Every file in it (relative), sorted.
    files: Vec<PathBuf>,
}

fn files_under(root: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(root, &path, out);
        } else if path.file_name().is_some_and(|n| n != "LOCK") {
            out.push(path.strip_prefix(root).unwrap().to_path_buf());
        }
    }
}

fn template() -> &'static Template {
    static TEMPLATE: OnceLock<Template> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let dir = scratch();
        {
            let mut node = LocalNode::open(dir.path()).unwrap();
            node.set_profile(Profile {
                display_name: "Owner".into(),
                ..Profile::default()
            })
            .unwrap();
            let id = node
                .create_group(&NewGroup::named("Fuzz", Visibility::Open))
                .unwrap();
            for i in 0..3 {
                node.act(&id, |g, now| {
                    g.post(now, ItemId::from_u64(i), "t", "stored post", "en")
                })
                .unwrap();
            }
            node.create_invite(&id, Some(3), None).unwrap();
        }
        let mut files = Vec::new();
        files_under(dir.path(), dir.path(), &mut files);
        files.sort();
        Template { dir, files }
    })
}

/// A fresh folder, in memory when the machine has /dev/shm.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(d) = tempfile::tempdir_in(shm)
    {
        return d;
    }
    tempfile::tempdir().unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let dest = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
            copy_dir(&path, &dest);
        } else {
            // Not `fs::copy`: its system calls return EINTR under libFuzzer's timer signal
            // without retrying; reading and writing whole files retry.
            std::fs::write(&dest, std::fs::read(&path).unwrap()).unwrap();
        }
    }
}

/// A data folder with one file damaged: `data[0]` picks the file, `data[1]` how (replaced by
/// the rest, overwritten at an offset, cut short, or with bytes added), the rest is the bytes.
/// Loading it must not panic, and every group that loads must read.
pub fn store(data: &[u8]) {
    caught_panics_are_not_failures();
    let [which, how, rest @ ..] = data else {
        return;
    };
    let t = template();
    let copy = scratch();
    copy_dir(t.dir.path(), copy.path());
    let target = copy.path().join(&t.files[*which as usize % t.files.len()]);
    let mut bytes = std::fs::read(&target).unwrap();
    match how % 4 {
        0 => bytes = rest.to_vec(),
        1 => {
            let at = rest
                .get(..2)
                .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as usize);
            let at = at % (bytes.len() + 1);
            let patch = rest.get(2..).unwrap_or_default();
            let end = (at + patch.len()).min(bytes.len());
            bytes.splice(at..end, patch.iter().copied());
        }
        2 => {
            let keep = rest
                .get(..2)
                .map_or(0, |b| u16::from_le_bytes([b[0], b[1]]) as usize);
            bytes.truncate(keep % (bytes.len() + 1));
        }
        _ => bytes.extend_from_slice(rest),
    }
    std::fs::write(&target, bytes).unwrap();
    if let Ok(node) = LocalNode::open(copy.path()) {
        for g in node.groups() {
            let _ = (g.info(), g.members(), g.posts(), g.heads());
        }
    }
}

/// Valid inputs for each target, to start the fuzzer from (and to replay in the tests).
pub fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let b = base();
    let changes = b.group.changes_since(&[]);
    let heads = b.group.heads();
    let mut out = Vec::new();
    let payload = wire::snapshot_payload(&b.group.save(), &b.group.signatures_for_peer());
    let frames = [
        Frame::Hello {
            group: b.group.id(),
            doc: None,
            heads: heads.clone(),
            shared: heads.clone(),
            push: false,
        },
        Frame::Hello {
            group: b.group.id(),
            doc: Some(causeway_core::DocId::from_bytes([5; 32])),
            heads: vec![],
            shared: vec![],
            push: true,
        },
        Frame::Presence {
            group: b.group.id(),
            doc: causeway_core::DocId::from_bytes([5; 32]),
            cursor: Some(12),
            heads: heads.clone(),
        },
        Frame::Refuse(RefuseCode::NotAMember),
        Frame::Reply {
            heads: heads.clone(),
            count: 7,
        },
        Frame::Changes {
            last: true,
            changes: changes.clone(),
        },
        Frame::Done {
            heads: vec![ChangeHash([9; 32])],
        },
        Frame::Check {
            groups: vec![(b.group.id(), wire::heads_digest(&heads)); 3],
        },
        Frame::Checked {
            same: vec![true, false, true, true, false, false, false, true, true],
        },
        Frame::Snapshot {
            last: true,
            part: payload.clone(),
        },
    ];
    for f in &frames {
        out.push(("wire", wire::encode(f)[4..].to_vec()));
    }
    out.push(("wire", payload));
    out.push((
        "wire",
        join::encode_request(&b.group.id(), &[5; 16], "Joiner"),
    ));
    let ticket = Ticket {
        group: b.group.id(),
        inviter: causeway_sync::PeerAddress {
            id: b.keys[0].id(),
            direct: vec!["127.0.0.1:4242".parse().unwrap()],
            relay: Some("https://relay.example.org".into()),
        },
        secret: [6; 16],
        expires_at: Some(Timestamp(99)),
        inviter_name: "Owner".into(),
        group_name: "Fuzz".into(),
    };
    out.push(("wire", ticket.to_text().into_bytes()));
    for c in &changes {
        out.push(("change", c.bytes.clone()));
    }
    out.push(("document", b.group.save()));
    let d = doc_base();
    let doc =
        causeway_core::docs::SharedDoc::load(d.group.id(), d.id, Some(&d.doc), [], vec![]).unwrap();
    for c in doc.changes_after(&[]) {
        out.push(("doc_change", c.bytes));
    }
    out.push((
        "doc_change",
        b"# Title\n\n- **bold** [l](https://x.org)\n> q\n".to_vec(),
    ));
    let t = template();
    for (i, f) in t.files.iter().enumerate() {
        let original = std::fs::read(t.dir.path().join(f)).unwrap();
        let mut replace = vec![i as u8, 0];
        replace.extend_from_slice(&original);
        out.push(("store", replace));
        out.push(("store", vec![i as u8, 2, 7, 0]));
    }
    out
}

/// Runs target `name` on `data`.
pub fn run(name: &str, data: &[u8]) {
    match name {
        "wire" => wire(data),
        "change" => change(data),
        "document" => document(data),
        "doc_change" => doc_change(data),
        "store" => store(data),
        other => panic!("no fuzz target {other}"),
    }
}
