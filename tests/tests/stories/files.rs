//! Pictures and files on real nodes. Amara posts a photo straight from her phone: Bruno's
//! node fetches it and its thumbnail by itself, and the copy he has says nothing of where it
//! was taken. Then a 50 MB file: Chloé fetches it whole; Bruno goes offline in the middle of
//! his download, Amara leaves too, and when Bruno comes back his download goes on from Chloé,
//! from the bytes he already had. Every await is bounded; the test waits for events.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::time::Duration;

use causeway_core::GroupId;
use causeway_core::view::{AttachedTo, Attachment};
use causeway_sync::control::{FileRequest, Output, Request, execute};
use causeway_sync::{LocalNode, Network, Node};
use causeway_tests::*;

fn post_with(group: GroupId, text: &str, files: Vec<std::path::PathBuf>) -> Request {
    Request::Post {
        group,
        text: text.into(),
        title: String::new(),
        lang: "en".into(),
        attach: files,
    }
}

/// The files on the group's post `text` as `node` shows them.
fn files_on(node: &Node, group: GroupId, text: &str) -> Vec<Attachment> {
    let snap = node.snapshot();
    let Some(g) = snap.group(group) else {
        return Vec::new();
    };
    g.posts
        .iter()
        .find(|p| p.post.body == text)
        .map(|p| {
            g.files
                .on(AttachedTo::Post(p.post.id), p.post.author)
                .to_vec()
        })
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_photo_arrives_without_its_location_and_a_big_file_resumes_from_another_member() {
    let dirs: Vec<_> = (0..3).map(|_| tempfile::tempdir().unwrap()).collect();
    let ([amara, bruno, chloe], group) = invited_trio(&dirs, "Clean River").await;
    bruno
        .local_state(|n| n.remember_address(&chloe.address()))
        .unwrap()
        .unwrap();
    let mut eb = bruno.subscribe();

    // Amara posts a photo that says where she took it.
    let photo = dirs[0].path().join("river.jpg");
    let original = photo_with_gps(1600, 1200);
    assert!(exif_tags(&original).contains(&exif::Tag::GPSLatitude));
    std::fs::write(&photo, &original).unwrap();
    let posted = bounded(
        "Amara posts the photo",
        execute(&amara, post_with(group, "Before the clean-up", vec![photo])),
    )
    .await
    .unwrap();
    assert!(matches!(posted, Output::Item(_)), "{posted:?}");

    // Bruno's node fetches the photo and its thumbnail by itself.
    until("the photo and its thumbnail at Bruno's", &mut eb, || {
        let files = files_on(&bruno, group, "Before the clean-up");
        let snap = bruno.snapshot();
        files.len() == 1
            && snap.files.holds(&files[0].file)
            && files[0]
                .file
                .image
                .and_then(|i| i.thumb)
                .is_some_and(|(h, _)| snap.files.has(h))
    })
    .await;
    let file = files_on(&bruno, group, "Before the clean-up")
        .remove(0)
        .file;
    let image = file.image.unwrap();
    assert_eq!(file.media, "image/jpeg");
    assert_eq!(
        (image.width, image.height),
        (1200, 1600),
        "shown turned, as the camera said"
    );
    let (thumb, _) = image.thumb.unwrap();
    let px = bounded("the thumbnail decoded", bruno.picture_pixels(thumb, 480))
        .await
        .unwrap();
    assert_eq!((px.width, px.height), (360, 480));

    // The copy Bruno has says nothing of where it was taken, nor with what.
    let saved = bounded(
        "Bruno saves the photo",
        execute(
            &bruno,
            Request::Files {
                req: Box::new(FileRequest::Get {
                    group,
                    hash: file.hash,
                    dir: dirs[1].path().to_path_buf(),
                    wait_secs: 20,
                }),
            },
        ),
    )
    .await
    .unwrap();
    let Output::FileSaved(saved) = saved else {
        panic!("{saved:?}")
    };
    let shared = std::fs::read(&saved.path).unwrap();
    assert_eq!(exif_tags(&shared), vec![exif::Tag::Orientation]);

    // A 50 MB file, over the group's usual limit of 25 MB: Amara, the owner, raises it.
    amara
        .act_all(group, |g, now| {
            g.set_file_limits(now, Some(100_000_000), None)
        })
        .unwrap();
    // It waits to be asked for.
    let big = causeway_tests::hostile::noise(7, 50 * 1_000_000);
    let path = dirs[0].path().join("meeting.mp4");
    std::fs::write(&path, &big).unwrap();
    bounded(
        "Amara posts the recording",
        execute(
            &amara,
            post_with(group, "The meeting, recorded", vec![path]),
        ),
    )
    .await
    .unwrap();
    until("the recording's post at Bruno's", &mut eb, || {
        files_on(&bruno, group, "The meeting, recorded").len() == 1
    })
    .await;
    let video = files_on(&bruno, group, "The meeting, recorded")
        .remove(0)
        .file;
    assert!(
        !bruno.snapshot().files.has(video.hash),
        "not fetched by itself"
    );
    let mut ec = chloe.subscribe();
    until("the recording's post at Chloé's", &mut ec, || {
        files_on(&chloe, group, "The meeting, recorded").len() == 1
    })
    .await;
    chloe
        .fetch_file(&video, Duration::from_secs(60))
        .await
        .unwrap();

    // Bruno starts; he goes offline in the middle, and Amara leaves too.
    bruno.want_file(video.hash);
    until("Bruno's download under way", &mut eb, || {
        bruno
            .snapshot()
            .files
            .downloads
            .get(&video.hash)
            .is_some_and(|p| p.have > 0)
    })
    .await;
    bounded("Bruno goes offline", bruno.shutdown()).await;
    drop(bruno);
    bounded("Amara leaves", amara.shutdown()).await;
    drop(amara);

    // Bruno comes back: what he had is still there, and the rest comes from Chloé.
    let bruno = bounded(
        "Bruno comes back",
        Node::start(LocalNode::open(dirs[1].path()).unwrap(), Network::Loopback),
    )
    .await
    .unwrap();
    let had = bounded("what Bruno had", bruno.file_bytes_here(video.hash)).await;
    assert!(had > 0 && had < video.size, "{had} of {} here", video.size);
    bruno
        .fetch_file(&video, Duration::from_secs(90))
        .await
        .unwrap();
    let out = bounded("Bruno saves it", bruno.save_file(&video, dirs[1].path()))
        .await
        .unwrap();
    assert!(std::fs::read(out).unwrap() == big, "the same bytes");
    bounded("shutdown", bruno.shutdown()).await;
    bounded("shutdown", chloe.shutdown()).await;
}
