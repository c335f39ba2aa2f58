//! Shared steps of Causeway's end-to-end stories (the stories are in `tests/tests/`).
//!
//! This crate is test support: a step that fails must fail the story loudly, so unwrapping is
//! the right thing here.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

pub mod hostile;

use std::future::Future;
use std::path::Path;
use std::time::Duration;

use causeway_core::{GroupId, NewGroup, Profile, Visibility};
use causeway_sync::{LocalNode, Network, Node, NodeEvent, new_item_id};
use tokio::sync::broadcast::Receiver;

/// Every await of a story is bounded: a hang fails with the step's name.
pub async fn bounded<T>(what: &str, f: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), f)
        .await
        .unwrap_or_else(|_| panic!("{what} took over 30 s"))
}

/// Waits, event by event, until `check` holds (bounded like every await).
pub async fn until(what: &str, events: &mut Receiver<NodeEvent>, mut check: impl FnMut() -> bool) {
    bounded(what, async {
        while !check() {
            let _ = events.recv().await;
        }
    })
    .await;
}

/// A person with a fresh data folder and a display name, running a node on `network`.
/// `RUST_LOG` shows the nodes' logs.
pub async fn person(dir: &Path, name: &str, network: Network) -> Node {
    let _ = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_test_writer()
        .try_init();
    let mut local = LocalNode::open(dir).unwrap();
    local
        .set_profile(Profile {
            display_name: name.into(),
            ..Profile::default()
        })
        .unwrap();
    bounded("starting a node", Node::start(local, network))
        .await
        .unwrap()
}

/// Creates a group owned by `node`.
pub fn create_group(node: &Node, name: &str, visibility: Visibility) -> GroupId {
    let new = NewGroup::named(name, visibility);
    node.local_state(|n| n.create_group(&new)).unwrap().unwrap()
}

/// Amara and Bruno on nodes of their own (data folders `amara` and `bruno`, loopback):
/// Amara creates an invite-only group named `name`, and Bruno joins it with an invite.
pub async fn invited_pair(amara: &Path, bruno: &Path, name: &str) -> (Node, Node, GroupId) {
    let a = person(amara, "Amara", Network::Loopback).await;
    let b = person(bruno, "Bruno", Network::Loopback).await;
    let group = create_group(&a, name, Visibility::Invite);
    let ticket = a.create_invite(group, None, None).unwrap();
    bounded("Bruno joins", b.join(&ticket)).await.unwrap();
    (a, b, group)
}

/// Amara creates an invite-only group named `name`; Bruno and Chloé join it with one invite.
pub async fn invited_trio(dirs: &[tempfile::TempDir], name: &str) -> ([Node; 3], GroupId) {
    let amara = person(dirs[0].path(), "Amara", Network::Loopback).await;
    let bruno = person(dirs[1].path(), "Bruno", Network::Loopback).await;
    let chloe = person(dirs[2].path(), "Chloé", Network::Loopback).await;
    let group = create_group(&amara, name, Visibility::Invite);
    let ticket = amara.create_invite(group, None, None).unwrap();
    bounded("Bruno joins", bruno.join(&ticket)).await.unwrap();
    bounded("Chloé joins", chloe.join(&ticket)).await.unwrap();
    ([amara, bruno, chloe], group)
}

/// Posts on this device only (no live push), as if written while offline.
pub fn post_offline(node: &Node, group: GroupId, body: &str) {
    let item = new_item_id().unwrap();
    node.local_state(|n| n.act(&group, |g, now| g.post(now, item, "", body, "en")))
        .unwrap()
        .unwrap();
}

/// The texts of a group's posts on `node`, sorted.
pub fn bodies(node: &Node, group: GroupId) -> Vec<String> {
    let mut v: Vec<String> = node
        .local_state(|n| {
            n.group(&group)
                .map(|g| g.posts().into_iter().map(|p| p.body).collect())
                .unwrap_or_default()
        })
        .unwrap();
    v.sort();
    v
}

/// A JPEG photo `w` x `h` whose EXIF says where it was taken (GPS), with which camera, and
/// that it must be turned a quarter (orientation 6): what a phone writes.
pub fn photo_with_gps(w: u32, h: u32) -> Vec<u8> {
    use exif::experimental::Writer;
    use exif::{Field, In, Rational, Tag, Value};
    use img_parts::ImageEXIF;
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    });
    let mut jpeg = std::io::Cursor::new(Vec::new());
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 85)
        .encode_image(&img)
        .unwrap();
    let field = |tag, value| Field {
        tag,
        ifd_num: In::PRIMARY,
        value,
    };
    let fields = [
        field(Tag::Make, Value::Ascii(vec![b"Phonemaker".to_vec()])),
        field(Tag::Orientation, Value::Short(vec![6])),
        field(
            Tag::GPSLatitude,
            Value::Rational(vec![
                Rational { num: 45, denom: 1 },
                Rational { num: 45, denom: 1 },
                Rational { num: 0, denom: 1 },
            ]),
        ),
        field(Tag::GPSLatitudeRef, Value::Ascii(vec![b"N".to_vec()])),
    ];
    let mut writer = Writer::new();
    for f in &fields {
        writer.push_field(f);
    }
    let mut exif = std::io::Cursor::new(Vec::new());
    writer.write(&mut exif, true).unwrap();
    let mut j = img_parts::jpeg::Jpeg::from_bytes(jpeg.into_inner().into()).unwrap();
    j.set_exif(Some(exif.into_inner().into()));
    j.encoder().bytes().to_vec()
}

/// The EXIF tags of a JPEG, read by an EXIF parser (none when it has no EXIF).
pub fn exif_tags(jpeg: &[u8]) -> Vec<exif::Tag> {
    match exif::Reader::new().read_from_container(&mut std::io::Cursor::new(jpeg)) {
        Ok(e) => e.fields().map(|f| f.tag).collect(),
        Err(_) => Vec::new(),
    }
}
