//! The rules of attachments and languages (schema version 6): each allowed and refused, on
//! replicas of a small world and with changes forged as a hostile peer would.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::group::testing::*;
use crate::ids::BlobHash;
use crate::problem::Problem;
use crate::view::{AttachedTo, FileRef, ImageInfo, MB};

fn id(n: u64) -> ItemId {
    ItemId::from_u64(n)
}

fn hash(n: u8) -> BlobHash {
    BlobHash::from_bytes([n; 32])
}

fn photo(n: u8, size: u64) -> FileRef {
    FileRef {
        hash: hash(n),
        size,
        media: "image/jpeg".into(),
        name: format!("river-{n}.jpg"),
        image: Some(ImageInfo {
            width: 4000,
            height: 3000,
            thumb: Some((hash(n + 100), 20_000)),
        }),
    }
}

fn pdf(n: u8, size: u64) -> FileRef {
    FileRef {
        hash: hash(n),
        size,
        media: "application/pdf".into(),
        name: "petition.pdf".into(),
        image: None,
    }
}

fn refused(report: &IngestReport) -> bool {
    report.accepted.is_empty() && !report.rejected.is_empty()
}

/// A group at the newest schema, with Bruno and Chloé as members.
fn upgraded() -> World {
    let mut w = two_members();
    w.replicas[AMARA].set_file_limits(t(5), None, None).unwrap();
    w.sync_all();
    w
}

/// Writes an attachment entry by hand into a forged change by `who`, with `fields`.
fn forged_entry(w: &World, who: usize, fields: &[(&str, automerge::ScalarValue)]) -> SignedChange {
    let k = key(who as u8 + 1);
    forge(&w.replicas[who], &k, [7; 8], None, |tx, doc| {
        let root = obj(doc, &ROOT, "attachments");
        let e = tx.put_object(&root, id(77).to_hex(), ObjType::Map).unwrap();
        for (f, v) in fields {
            tx.put(&e, *f, v.clone()).unwrap();
        }
    })
}

/// The fields of a whole, valid file entry by `who` on their post 1.
fn entry_fields(who: DeviceId) -> Vec<(&'static str, automerge::ScalarValue)> {
    use automerge::ScalarValue as V;
    vec![
        ("author", V::Str(who.to_hex().into())),
        ("created", V::Int(50)),
        ("on", V::Str("post".into())),
        ("item", V::Str(id(1).to_hex().into())),
        ("hash", V::Str(hash(9).to_hex().into())),
        ("size", V::Int(1000)),
        ("media", V::Str("application/pdf".into())),
        ("name", V::Str("flyer.pdf".into())),
    ]
}

fn with(
    mut fields: Vec<(&'static str, automerge::ScalarValue)>,
    k: &'static str,
    v: Option<automerge::ScalarValue>,
) -> Vec<(&'static str, automerge::ScalarValue)> {
    fields.retain(|(f, _)| *f != k);
    if let Some(v) = v {
        fields.push((k, v));
    }
    fields
}

#[test]
fn a_post_and_its_photo_are_one_change_every_peer_takes() {
    let mut w = upgraded();
    let made = w.replicas[BRUNO]
        .post_with_files(t(20), id(1), "", "", "en", vec![(id(2), photo(1, 3 * MB))])
        .unwrap();
    assert_eq!(made.len(), 1, "one change: the post with its file");
    w.sync_all();
    for g in &w.replicas {
        let all = g.attachments();
        assert_eq!(all.len(), 1);
        let a = &all[0];
        assert_eq!(a.on, AttachedTo::Post(id(1)));
        assert_eq!(a.author, w.id_of(BRUNO));
        assert_eq!(a.file, photo(1, 3 * MB));
        assert!(a.shows());
        assert_eq!(g.posts().len(), 1, "a post of a photo alone has no text");
    }
    // Bruno takes it off; every peer sees it gone.
    w.replicas[BRUNO].remove_attachment(t(30), id(2)).unwrap();
    w.sync_all();
    assert!(w.replicas[CHLOE].attachments()[0].removed);
}

#[test]
fn a_member_waits_for_an_admin_to_bring_attachments_and_an_admin_brings_them() {
    let mut w = two_members();
    let err = w.replicas[BRUNO]
        .post_with_files(t(20), id(1), "", "x", "en", vec![(id(2), pdf(1, 10))])
        .unwrap_err();
    assert!(
        matches!(err, CoreError::NotPermitted(Problem::NeedsUpgrade)),
        "{err}"
    );
    let made = w.replicas[AMARA]
        .post_with_files(t(20), id(1), "", "x", "en", vec![(id(2), pdf(1, 10))])
        .unwrap();
    assert!(made.len() >= 2, "the upgrades, then the post");
    w.sync_all();
    assert_eq!(w.replicas[CHLOE].attachments().len(), 1);
}

#[test]
fn the_groups_limit_per_file_is_checked_before_writing_and_by_every_peer() {
    let mut w = upgraded();
    let err = w.replicas[BRUNO]
        .post_with_files(t(20), id(1), "", "x", "en", vec![(id(2), pdf(1, 26 * MB))])
        .unwrap_err();
    assert!(
        matches!(
            err,
            CoreError::InvalidInput(Problem::FileTooLarge { max_mb: 25 })
        ),
        "{err}"
    );
    // Forged past the check: every peer refuses it.
    let bruno = w.id_of(BRUNO);
    let big = with(
        entry_fields(bruno),
        "size",
        Some(automerge::ScalarValue::Int(26_000_000)),
    );
    let report = {
        let f = forged_entry(&w, BRUNO, &big);
        w.replicas[AMARA].ingest(vec![f])
    };
    assert!(refused(&report), "{report:?}");
    // An admin raises the limit; the same file is taken in a change made after it.
    w.replicas[AMARA]
        .set_file_limits(t(40), Some(100 * MB), None)
        .unwrap();
    w.sync_all();
    assert_eq!(w.replicas[BRUNO].file_limits().max_file, 100 * MB);
    let report = {
        let f = forged_entry(&w, BRUNO, &big);
        w.replicas[AMARA].ingest(vec![f])
    };
    assert!(report.rejected.is_empty(), "{report:?}");
    // A member cannot set the limit, nor above the hard cap anyone.
    assert!(
        w.replicas[CHLOE]
            .set_file_limits(t(50), Some(MB), None)
            .is_err()
    );
    let err = w.replicas[AMARA]
        .set_file_limits(t(50), Some(3_000 * MB), None)
        .unwrap_err();
    assert!(matches!(
        err,
        CoreError::InvalidInput(Problem::FileLimitOutOfRange { .. })
    ));
    let forged = forge(&w.replicas[CHLOE], &key(3), [8; 8], None, |tx, doc| {
        let root = obj(doc, &ROOT, "attachments");
        tx.put(&root, "max_file", 1_i64).unwrap();
    });
    assert!(refused(&w.replicas[AMARA].ingest(vec![forged])));
}

#[test]
fn the_groups_limit_on_all_files_counts_what_its_past_holds() {
    let mut w = upgraded();
    w.replicas[AMARA]
        .set_file_limits(t(10), None, Some(30 * MB))
        .unwrap();
    w.sync_all();
    w.replicas[BRUNO]
        .post_with_files(t(20), id(1), "", "a", "en", vec![(id(2), pdf(1, 20 * MB))])
        .unwrap();
    w.sync_all();
    let err = w.replicas[CHLOE]
        .post_with_files(t(30), id(3), "", "b", "en", vec![(id(4), pdf(2, 20 * MB))])
        .unwrap_err();
    assert!(matches!(
        err,
        CoreError::InvalidInput(Problem::GroupFilesFull { max_mb: 30 })
    ));
    let chloe = w.id_of(CHLOE);
    let over = with(
        entry_fields(chloe),
        "size",
        Some(automerge::ScalarValue::Int(20_000_000)),
    );
    let report = {
        let f = forged_entry(&w, CHLOE, &over);
        w.replicas[AMARA].ingest(vec![f])
    };
    assert!(refused(&report), "{report:?}");
    // Once Bruno's file is removed, there is room again.
    w.replicas[BRUNO].remove_attachment(t(40), id(2)).unwrap();
    w.sync_all();
    w.replicas[CHLOE]
        .post_with_files(t(50), id(3), "", "b", "en", vec![(id(4), pdf(2, 20 * MB))])
        .unwrap();
}

#[test]
fn nobody_writes_into_anothers_attachment_and_an_entry_is_written_once() {
    let mut w = upgraded();
    w.replicas[BRUNO]
        .post_with_files(t(20), id(1), "", "a", "en", vec![(id(2), pdf(1, 1000))])
        .unwrap();
    w.sync_all();
    for (who, field, value) in [
        (CHLOE, "removed", automerge::ScalarValue::Boolean(true)),
        (CHLOE, "name", "mine.pdf".into()),
        (BRUNO, "hash", hash(5).to_hex().into()),
    ] {
        let forged = forge(
            &w.replicas[who],
            &key(who as u8 + 1),
            [8; 8],
            None,
            |tx, doc| {
                let root = obj(doc, &ROOT, "attachments");
                let e = obj(doc, &root, &id(2).to_hex());
                tx.put(&e, field, value.clone()).unwrap();
            },
        );
        assert!(refused(&w.replicas[AMARA].ingest(vec![forged])), "{field}");
    }
    assert_eq!(w.replicas[AMARA].attachments()[0].file, pdf(1, 1000));
}

#[test]
fn malformed_references_are_refused() {
    use automerge::ScalarValue as V;
    let w = upgraded();
    let chloe = w.id_of(CHLOE);
    let amara = w.id_of(AMARA);
    let base = entry_fields(chloe);
    let cases: Vec<(&str, Vec<(&'static str, V)>)> = vec![
        (
            "author of another",
            with(base.clone(), "author", Some(V::Str(amara.to_hex().into()))),
        ),
        ("no hash", with(base.clone(), "hash", None)),
        (
            "short hash",
            with(base.clone(), "hash", Some(V::Str("abcd".into()))),
        ),
        ("no item", with(base.clone(), "item", None)),
        ("zero size", with(base.clone(), "size", Some(V::Int(0)))),
        (
            "folder in name",
            with(base.clone(), "name", Some(V::Str("../../.ssh/id".into()))),
        ),
        (
            "bad media",
            with(base.clone(), "media", Some(V::Str("pdf".into()))),
        ),
        (
            "unknown owner",
            with(base.clone(), "on", Some(V::Str("wall".into()))),
        ),
        (
            "pixels on a pdf",
            with(
                with(base.clone(), "width", Some(V::Int(10))),
                "height",
                Some(V::Int(10)),
            ),
        ),
        (
            "a 100000 x 100001 picture",
            with(
                with(
                    with(base.clone(), "media", Some(V::Str("image/png".into()))),
                    "width",
                    Some(V::Int(100_000)),
                ),
                "height",
                Some(V::Int(100_001)),
            ),
        ),
        (
            "a thumbnail without its size",
            with(
                with(
                    with(
                        with(base.clone(), "media", Some(V::Str("image/png".into()))),
                        "width",
                        Some(V::Int(10)),
                    ),
                    "height",
                    Some(V::Int(10)),
                ),
                "thumb",
                Some(V::Str(hash(3).to_hex().into())),
            ),
        ),
        (
            "an avatar that is a pdf",
            with(
                with(base.clone(), "on", Some(V::Str("avatar".into()))),
                "item",
                None,
            ),
        ),
        (
            "a field the schema lacks",
            with(base.clone(), "exif", Some(V::Str("gps".into()))),
        ),
    ];
    for (what, fields) in cases {
        let mut g = w.replicas[AMARA].clone();
        let report = g.ingest(vec![forged_entry(&w, CHLOE, &fields)]);
        assert!(refused(&report), "{what}: {report:?}");
    }
    // The whole entry is taken.
    let mut g = w.replicas[AMARA].clone();
    let report = g.ingest(vec![forged_entry(&w, CHLOE, &base)]);
    assert!(report.rejected.is_empty(), "{report:?}");
}

#[test]
fn avatars_and_the_group_picture_replace_the_last_one() {
    let mut w = upgraded();
    w.replicas[BRUNO]
        .set_picture(t(20), AttachedTo::Avatar, Some((id(1), photo(1, 100_000))))
        .unwrap();
    w.replicas[BRUNO]
        .set_picture(t(30), AttachedTo::Avatar, Some((id(2), photo(2, 100_000))))
        .unwrap();
    w.sync_all();
    let bruno = w.id_of(BRUNO);
    let shown = w.replicas[CHLOE].avatar_of(bruno).unwrap();
    assert_eq!(shown.file.hash, hash(2));
    assert_eq!(
        w.replicas[CHLOE]
            .attachments()
            .iter()
            .filter(|a| a.removed)
            .count(),
        1,
        "the first avatar was taken off"
    );
    // A member cannot set the group's picture; a forged one is refused.
    assert!(
        w.replicas[CHLOE]
            .set_picture(t(40), AttachedTo::Group, Some((id(3), photo(3, 10))))
            .is_err()
    );
    let chloe = w.id_of(CHLOE);
    use automerge::ScalarValue as V;
    let forged = with(
        with(
            with(
                with(entry_fields(chloe), "on", Some(V::Str("group".into()))),
                "item",
                None,
            ),
            "media",
            Some(V::Str("image/png".into())),
        ),
        "width",
        Some(V::Int(10)),
    );
    let forged = with(forged, "height", Some(V::Int(10)));
    assert!(refused(&{
        let f = forged_entry(&w, CHLOE, &forged);
        w.replicas[AMARA].ingest(vec![f])
    }));
    w.replicas[AMARA]
        .set_picture(t(50), AttachedTo::Group, Some((id(4), photo(4, 10))))
        .unwrap();
    w.sync_all();
    assert_eq!(w.replicas[BRUNO].picture().unwrap().file.hash, hash(4));
    // Taking the avatar off shows none.
    w.replicas[BRUNO]
        .set_picture(t(60), AttachedTo::Avatar, None)
        .unwrap();
    w.sync_all();
    assert!(w.replicas[CHLOE].avatar_of(bruno).is_none());
}

#[test]
fn a_moderator_hides_a_picture_and_a_member_cannot() {
    let mut w = upgraded();
    w.add(AMARA, BRUNO, Role::Moderator);
    w.sync_all();
    w.replicas[CHLOE]
        .post_with_files(t(20), id(1), "", "a", "en", vec![(id(2), photo(1, 1000))])
        .unwrap();
    w.sync_all();
    assert!(
        w.replicas[CHLOE]
            .hide_attachment(t(30), id(2), Some("mine"))
            .is_err()
    );
    w.replicas[BRUNO]
        .hide_attachment(t(30), id(2), Some("a face without consent"))
        .unwrap();
    w.sync_all();
    let a = &w.replicas[AMARA].attachments()[0];
    assert_eq!(a.hidden.as_ref().unwrap().reason, "a face without consent");
    assert!(!a.shows());
}

#[test]
fn languages_travel_in_ones_own_name_only() {
    let mut w = upgraded();
    let tags = vec!["fr".to_string(), "pt-BR".to_string()];
    w.replicas[CHLOE].set_languages(t(20), &tags).unwrap();
    w.sync_all();
    assert_eq!(w.replicas[AMARA].languages_of(w.id_of(CHLOE)), tags);
    let amara = w.id_of(AMARA).to_hex();
    let forged = forge(&w.replicas[CHLOE], &key(3), [8; 8], None, |tx, doc| {
        let root = obj(doc, &ROOT, "languages");
        tx.put(&root, amara.as_str(), "xx").unwrap();
    });
    assert!(refused(&w.replicas[AMARA].ingest(vec![forged])));
    let chloe = w.id_of(CHLOE).to_hex();
    let forged = forge(&w.replicas[CHLOE], &key(3), [9; 8], None, |tx, doc| {
        let root = obj(doc, &ROOT, "languages");
        tx.put(&root, chloe.as_str(), "fr <script>").unwrap();
    });
    assert!(refused(&w.replicas[AMARA].ingest(vec![forged])));
    assert!(
        w.replicas[CHLOE]
            .set_languages(t(30), &["a b".into()])
            .is_err()
    );
    w.replicas[CHLOE].set_languages(t(40), &[]).unwrap();
    w.sync_all();
    assert!(w.replicas[AMARA].languages_of(w.id_of(CHLOE)).is_empty());
}
