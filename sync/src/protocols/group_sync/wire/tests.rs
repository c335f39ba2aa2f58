//! Tests of the wire format.
#![allow(clippy::unwrap_used, clippy::panic)]
use super::*;

fn round_trip(f: &Frame) -> Frame {
    let bytes = encode(f);
    let len = u32::from_le_bytes(bytes[..4].try_into().unwrap()) as usize;
    assert_eq!(len, bytes.len() - 4);
    decode(&bytes[4..]).unwrap()
}

#[test]
fn every_frame_kind_survives_encoding() {
    let h = ChangeHash([7; 32]);
    let d = causeway_core::DocId::from_bytes([3; 32]);
    for cursor in [Some(7), None] {
        match round_trip(&Frame::Presence {
            group: GroupId::from_bytes([1; 32]),
            doc: d,
            cursor,
            heads: vec![h],
        }) {
            Frame::Presence {
                cursor: c, heads, ..
            } => {
                assert_eq!(c, cursor);
                assert_eq!(heads, vec![h]);
            }
            other => panic!("{other:?}"),
        }
    }
    for (push, doc) in [
        (false, None),
        (true, None),
        (false, Some(d)),
        (true, Some(d)),
    ] {
        match round_trip(&Frame::Hello {
            group: GroupId::from_bytes([1; 32]),
            doc,
            heads: vec![h],
            shared: vec![],
            push,
        }) {
            Frame::Hello {
                group,
                doc: came_doc,
                heads,
                shared,
                push: came,
            } => {
                assert_eq!(group, GroupId::from_bytes([1; 32]));
                assert_eq!(came_doc, doc);
                assert_eq!(heads, vec![h]);
                assert!(shared.is_empty());
                assert_eq!(came, push);
            }
            other => panic!("{other:?}"),
        }
    }
    let changes = vec![
        SignedChange {
            bytes: vec![1; MIN_CHANGE],
            signature: Some(ChangeSignature([9; 64])),
        },
        SignedChange {
            bytes: vec![4; MIN_CHANGE + 1],
            signature: None,
        },
    ];
    match round_trip(&Frame::Changes {
        last: true,
        changes,
    }) {
        Frame::Changes {
            last: true,
            changes,
        } => {
            assert_eq!(changes.len(), 2);
            assert_eq!(changes[0].signature, Some(ChangeSignature([9; 64])));
            assert_eq!(changes[1].bytes, vec![4; MIN_CHANGE + 1]);
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        round_trip(&Frame::Refuse(RefuseCode::NotAMember)),
        Frame::Refuse(RefuseCode::NotAMember)
    ));
    match round_trip(&Frame::Reply {
        heads: vec![h, h],
        count: 3_000,
    }) {
        Frame::Reply { heads, count } => assert_eq!((heads.len(), count), (2, 3_000)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_check_and_its_answer_survive_encoding() {
    let groups: Vec<(GroupId, [u8; DIGEST_LEN])> = (0..11u8)
        .map(|i| (GroupId::from_bytes([i; 32]), [i; DIGEST_LEN]))
        .collect();
    match round_trip(&Frame::Check {
        groups: groups.clone(),
    }) {
        Frame::Check { groups: back } => assert_eq!(back, groups),
        other => panic!("{other:?}"),
    }
    let same: Vec<bool> = (0..11).map(|i| i % 3 == 0).collect();
    let bytes = encode(&Frame::Checked { same: same.clone() });
    // Kind, count and two bytes of flags.
    assert_eq!(bytes.len(), 4 + 1 + 4 + 2);
    match decode(&bytes[4..]).unwrap() {
        Frame::Checked { same: back } => assert_eq!(back, same),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_snapshot_survives_framing_and_lies_in_it_are_refused() {
    let doc: Vec<u8> = (0..9_000_000u32).map(|i| i as u8).collect();
    let sigs = vec![(ChangeHash([3; 32]), ChangeSignature([4; 64]))];
    let payload = snapshot_payload(&doc, &sigs);
    let frames = snapshot_frames(&payload);
    assert_eq!(frames.len(), 3);
    let mut joined = Vec::new();
    for (i, f) in frames.iter().enumerate() {
        match round_trip(f) {
            Frame::Snapshot { last, part } => {
                assert_eq!(last, i == 2);
                joined.extend(part);
            }
            other => panic!("{other:?}"),
        }
    }
    let (d, s) = parse_snapshot_payload(&joined).unwrap();
    assert_eq!((d, s), (&doc[..], sigs));
    // A document length beyond the payload, and a signature count that does not match.
    let mut lie = payload.clone();
    lie[..8].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(parse_snapshot_payload(&lie).is_err());
    let mut short = payload.clone();
    short.pop();
    assert!(parse_snapshot_payload(&short).is_err());
}

#[test]
fn lying_checks_are_refused() {
    // A count that does not match the frame, and one over the cap.
    let mut lie = vec![CHECK];
    lie.extend_from_slice(&2u32.to_le_bytes());
    lie.extend_from_slice(&[0; 32 + DIGEST_LEN]);
    assert!(matches!(decode(&lie), Err(WireError::Malformed(_))));
    let mut huge = vec![CHECKED];
    huge.extend_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(decode(&huge), Err(WireError::TooLarge(_))));
    // Flags beyond the last group.
    let mut stray = vec![CHECKED];
    stray.extend_from_slice(&3u32.to_le_bytes());
    stray.push(0b1000_0000);
    assert!(decode(&stray).is_err());
}

#[test]
fn the_heads_digest_ignores_order_and_tells_sets_apart() {
    let (a, b) = (ChangeHash([1; 32]), ChangeHash([2; 32]));
    assert_eq!(heads_digest(&[a, b]), heads_digest(&[b, a]));
    assert_ne!(heads_digest(&[a]), heads_digest(&[a, b]));
    assert_ne!(heads_digest(&[]), heads_digest(&[a]));
}

#[test]
fn truncated_lying_or_trailing_frames_are_refused() {
    let bytes = encode(&Frame::Changes {
        last: true,
        changes: vec![SignedChange {
            bytes: vec![0; MIN_CHANGE],
            signature: None,
        }],
    });
    for cut in 5..bytes.len() {
        assert!(decode(&bytes[4..cut]).is_err(), "cut at {cut} accepted");
    }
    assert_eq!(changes_in(&bytes[4..]).unwrap(), 1);
    // A count of four billion changes in a tiny frame, told before anything is read.
    let mut lie = vec![CHANGES, 1];
    lie.extend_from_slice(&u32::MAX.to_le_bytes());
    assert!(matches!(decode(&lie), Err(WireError::Malformed(_))));
    assert!(matches!(changes_in(&lie), Err(WireError::Malformed(_))));
    // Changes shorter than any real one: a frame of millions of empty changes would take
    // far more memory decoded than its bytes.
    let tiny = encode(&Frame::Changes {
        last: true,
        changes: vec![
            SignedChange {
                bytes: vec![],
                signature: None,
            };
            1000
        ],
    });
    assert!(changes_in(&tiny[4..]).is_err());
    assert!(decode(&tiny[4..]).is_err());
    let mut trailing = encode(&Frame::Refuse(RefuseCode::Busy))[4..].to_vec();
    trailing.push(0);
    assert!(decode(&trailing).is_err());
}

#[tokio::test]
async fn a_length_header_of_four_gigabytes_is_refused_before_allocating() {
    let mut input: &[u8] = &[0xff, 0xff, 0xff, 0xff, 1];
    let err = read_frame(&mut input, Duration::from_secs(1))
        .await
        .unwrap_err();
    assert!(matches!(err, WireError::TooLarge(_)));
}

#[tokio::test]
async fn a_frame_cut_short_is_an_error_and_its_claimed_length_is_not_reserved() {
    // A header claiming the largest frame, then ten bytes, then the end of the stream.
    let mut bytes = (MAX_FRAME as u32).to_le_bytes().to_vec();
    bytes.extend_from_slice(&[HELLO; 10]);
    let mut input: &[u8] = &bytes;
    let err = read_frame(&mut input, Duration::from_secs(1))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, WireError::Io(e) if e.kind() == std::io::ErrorKind::UnexpectedEof),
        "{err}"
    );
    // A whole frame still reads back, however it is split on the stream.
    let frame = Frame::Changes {
        last: true,
        changes: vec![SignedChange {
            bytes: vec![7; 3 * PART],
            signature: None,
        }],
    };
    let (tx, mut rx) = tokio::io::duplex(1024);
    let bytes = encode(&frame);
    let writer = tokio::spawn(async move {
        let mut tx = tx;
        tx.write_all(&bytes).await.unwrap();
    });
    let (read, size) = read_frame_sized(&mut rx, Duration::from_secs(5))
        .await
        .unwrap();
    writer.await.unwrap();
    assert_eq!(size, encode(&frame).len());
    assert!(
        matches!(read, Frame::Changes { last: true, changes } if changes[0].bytes.len() == 3 * PART)
    );
}

#[test]
fn large_change_sets_are_split_into_frames_under_the_cap() {
    let changes: Vec<SignedChange> = (0..100)
        .map(|_| SignedChange {
            bytes: vec![0; 200_000],
            signature: None,
        })
        .collect();
    let frames = changes_frames(changes);
    assert!(frames.len() > 1);
    for (i, f) in frames.iter().enumerate() {
        assert!(encode(f).len() <= MAX_FRAME);
        assert!(matches!(f, Frame::Changes { last, .. } if *last == (i == frames.len() - 1)));
    }
}
