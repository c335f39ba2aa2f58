//! Amara's node is attacked, in turn, by Mallory (a member gone bad), Oscar (a stranger) and a
//! crowd of fresh keys, all speaking the wire protocol of PROTOCOL.md on real endpoints on
//! 127.0.0.1. After each attack Bruno, an honest member, posts and syncs with Amara; the
//! flood runs while he does, and a slow drip runs under everything. At the end Amara's node
//! restarts from its folder and holds exactly the honest posts.
//!
//! The whole story is one test, alone in its binary, so that the process's peak memory
//! (`VmHWM`, reset before each attack) is this story's. It prints a table of the attacks;
//! with `CAUSEWAY_HOSTILE_TABLE=path` it also writes it there (docs/SECURITY.md quotes it).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::time::{Duration, Instant};

use causeway_core::{
    ChangeHash, DeviceId, DeviceKey, Group, GroupId, Role, SignedChange, Visibility,
};
use causeway_sync::MAX_WAITING_REQUESTS;
use causeway_sync::control::{Request, execute};
use causeway_sync::invites::Ticket;
use causeway_sync::protocols::group_sync::wire::{Frame, RefuseCode, heads_digest};
use causeway_sync::protocols::limits::{
    BUFFERED_PER_DEVICE, BUFFERED_TOTAL, JOIN_WITHIN, MAX_JOIN_CONNECTIONS,
    MAX_STRANGER_CONNECTIONS, STRANGER_WITHIN,
};
use causeway_sync::{LocalNode, Network, Node};
use causeway_tests::hostile::{
    Ended, Hostile, JOIN, SYNC, close_code, compressed_change_bomb, deflated_zeros, document_bomb,
    forge_on, many_ops, noise, peak_rss_mib, raw_post, reset_peak, rss_mib, silent_member,
    snapshot_host, waiting_changes,
};
use causeway_tests::*;
use futures::future::join_all;

/// The code Causeway closes a connection with when it is one too many.
const BUSY: u64 = 429;
/// The most memory any attack may add to the whole test process (the nodes, the hostile
/// devices and their payloads included).
const PEAK_LIMIT_MIB: f64 = 768.0;

fn hash_of(c: &SignedChange) -> ChangeHash {
    automerge::Change::try_from(&c.bytes[..]).unwrap().hash()
}

fn holds(node: &Node, group: GroupId, h: &ChangeHash) -> bool {
    node.local_state(|n| n.group(&group).unwrap().has_change(h))
        .unwrap()
}

fn revoked(node: &Node, group: GroupId, h: &ChangeHash) -> bool {
    node.local_state(|n| n.group(&group).unwrap().is_revoked(h))
        .unwrap()
}

fn heads(node: &Node, group: GroupId) -> Vec<ChangeHash> {
    node.local_state(|n| n.group(&group).unwrap().heads())
        .unwrap()
}

struct Story {
    amara: Node,
    bruno: Node,
    group: GroupId,
    /// The posts Amara's feed must show: the honest ones.
    expected: Vec<String>,
    rows: Vec<String>,
    served: usize,
    /// The most an attack may add to what the process held when it began
    /// ([`PEAK_LIMIT_MIB`] unless the attack asserts its own budget).
    peak_limit: f64,
    /// What the process held when the attack began, in MiB.
    start: f64,
}

impl Story {
    /// Bruno posts and syncs with Amara; her feed shows exactly the honest posts.
    async fn still_served(&mut self, after: &str) {
        self.served += 1;
        let text = format!("still here after {after} ({})", self.served);
        post_offline(&self.bruno, self.group, &text);
        let outcome = bounded(
            "an honest sync",
            self.bruno.sync_group(self.group, &self.amara.address()),
        )
        .await
        .unwrap_or_else(|e| panic!("Bruno was not served after {after}: {e}"));
        assert_eq!(outcome.rejected, 0);
        self.expected.push(text);
        self.expected.sort();
        assert_eq!(
            bodies(&self.amara, self.group),
            self.expected,
            "after {after}"
        );
    }

    /// Starts measuring an attack: the peak from here on, against what the process holds
    /// now (freed memory the allocator kept for reuse counts as held).
    fn reset(&mut self) {
        reset_peak();
        self.start = rss_mib().unwrap_or(0.0);
    }

    fn row(&mut self, n: u32, attack: &str, outcome: &str) {
        let peak = peak_rss_mib().map_or("n/a".to_string(), |m| format!("{m:.0} MiB"));
        if let Some(m) = peak_rss_mib() {
            assert!(
                m - self.start < self.peak_limit,
                "attack {n} ({attack}) took the process from {:.0} to {m:.0} MiB",
                self.start
            );
        }
        let row = format!("| {n} | {attack} | {outcome} | {peak} |");
        println!("{row}");
        self.rows.push(row);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_under_attack_keeps_serving_keeps_its_data_and_keeps_outsiders_out() {
    let dirs: Vec<_> = (0..4).map(|_| tempfile::tempdir().unwrap()).collect();
    let amara = person(dirs[0].path(), "Amara", Network::Loopback).await;
    let bruno = person(dirs[1].path(), "Bruno", Network::Loopback).await;
    let group = create_group(&amara, "Night shelter", Visibility::Invite);
    let mallory = Hostile::new([66; 32]).await;
    let oscar = Hostile::new([77; 32]).await;
    let max = DeviceKey::from_bytes(&[68; 32]);
    let nina = Hostile::new([69; 32]).await;
    for (id, name) in [
        (bruno.device_id(), "Bruno"),
        (mallory.key.id(), "Mallory"),
        (max.id(), "Max"),
        (nina.key.id(), "Nina"),
    ] {
        amara
            .local_state(|n| n.act(&group, |g, now| g.add_member(now, id, name, Role::Member)))
            .unwrap()
            .unwrap();
    }
    post_offline(&amara, group, "The kitchen rota is up");
    bruno
        .local_state(|n| n.prepare_join(group, amara.device_id()))
        .unwrap()
        .unwrap();
    bounded(
        "Bruno's first sync",
        bruno.sync_group(group, &amara.address()),
    )
    .await
    .unwrap();
    // Mallory's and Max's own copies of the group, to build their changes on.
    let history = amara
        .local_state(|n| n.group(&group).unwrap().changes_since(&[]))
        .unwrap();
    let mut m_copy = Group::joining(group, mallory.key.clone(), [6; 8]);
    assert!(m_copy.ingest(history.clone()).rejected.is_empty());
    let mut x_copy = Group::joining(group, max.clone(), [8; 8]);
    assert!(x_copy.ingest(history.clone()).rejected.is_empty());
    let at = amara.address();
    let mut s = Story {
        expected: bodies(&amara, group),
        amara,
        bruno,
        group,
        rows: vec![
            "| # | attack | what the node did | peak memory (test process) |".into(),
            "|---|---|---|---|".into(),
        ],
        served: 0,
        peak_limit: PEAK_LIMIT_MIB,
        start: 0.0,
    };

    // 10. A trickle of one byte a second, from the start to the end of the story.
    let drip_conn = oscar.connect(&at, SYNC).await;
    let drip = tokio::spawn(async move {
        let d = Hostile::drip(&drip_conn, Duration::from_secs(120)).await;
        drop(drip_conn);
        d
    });

    let conn = mallory.connect(&at, SYNC).await;

    // 1. A forged signature; then the same change, truly signed, is still taken.
    s.reset();
    let real = mallory.post(&mut m_copy, 101, "Mallory's real post");
    let mut forged = real.clone();
    forged.signature.as_mut().unwrap().0[0] ^= 1;
    let ended = mallory.push(&conn, group, vec![forged]).await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    assert!(!holds(&s.amara, group, &hash_of(&real)));
    assert_eq!(bodies(&s.amara, group), s.expected);
    let ended = mallory.push(&conn, group, vec![real.clone()]).await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    assert!(
        holds(&s.amara, group, &hash_of(&real)),
        "the forged copy kept the real change out"
    );
    s.expected.push("Mallory's real post".into());
    s.expected.sort();
    s.row(1, "change with a forged signature", "refused it (nothing applied, hash not remembered); the truly signed change was taken afterwards");
    s.still_served("a forged signature").await;

    // 2. A change whose actor names Bruno, signed by Mallory.
    s.reset();
    let as_bruno = mallory.post_as(&m_copy, s.bruno.device_id(), 102);
    let ended = mallory.push(&conn, group, vec![as_bruno.clone()]).await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    assert!(!holds(&s.amara, group, &hash_of(&as_bruno)));
    s.row(
        2,
        "change claiming another member (Bruno) as author",
        "refused it: the signature is not Bruno's",
    );
    s.still_served("a change in Bruno's name").await;

    // 3. A stranger's change, relayed by Mallory; and the stranger itself knocking.
    s.reset();
    let strangers = oscar.post_as(&m_copy, oscar.key.id(), 103);
    let ended = mallory.push(&conn, group, vec![strangers.clone()]).await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    assert!(!holds(&s.amara, group, &hash_of(&strangers)));
    let oconn = oscar.connect(&at, SYNC).await;
    let ended = oscar.push(&oconn, group, vec![strangers.clone()]).await;
    assert!(
        matches!(ended, Ended::Refused(RefuseCode::NotAMember)),
        "{ended:?}"
    );
    assert!(!holds(&s.amara, group, &hash_of(&strangers)));
    let gone = bounded("the stranger's connection to be closed", oconn.closed()).await;
    assert_eq!(close_code(&gone), Some(0), "{gone}");
    s.row(3, "change from a non-member (relayed by a member; and pushed by the stranger)", "refused it as not a member; the stranger's own session was refused before any change was read, and its connection closed right after");
    s.still_served("a stranger's change").await;

    // 4. Max is removed, then writes on the heads he had before; Mallory relays it.
    s.reset();
    let max_id = max.id();
    s.amara
        .local_state(|n| n.act(&group, |g, now| g.remove_member(now, max_id, "spam")))
        .unwrap()
        .unwrap();
    let late: SignedChange = x_copy
        .post(
            causeway_sync::now(),
            causeway_core::ItemId::from_u64(104),
            "",
            "posted after my removal",
            "en",
        )
        .unwrap()
        .into();
    let ended = mallory.push(&conn, group, vec![late.clone()]).await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    let h = hash_of(&late);
    assert!(!holds(&s.amara, group, &h) || revoked(&s.amara, group, &h));
    assert_eq!(bodies(&s.amara, group), s.expected);
    let what = if holds(&s.amara, group, &h) {
        "kept it in the history as revoked: not shown, and decided the same on every member's device"
    } else {
        "refused it"
    };
    s.row(
        4,
        "change from a removed member, built on heads from before the removal",
        what,
    );
    s.still_served("a removed member's change").await;

    // 5. A replay of the whole history and of Mallory's accepted post.
    s.reset();
    let before = heads(&s.amara, group);
    let mut replay = history.clone();
    replay.push(real.clone());
    let ended = mallory.push(&conn, group, replay).await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    assert_eq!(heads(&s.amara, group), before);
    s.row(
        5,
        "replay of old, valid changes (the whole history)",
        "counted them as duplicates; nothing changed",
    );
    s.still_served("a replay").await;

    // 6. A frame that claims 4 GiB, on the sync and the join protocol.
    s.reset();
    let back = Hostile::garbage(&conn, &[0xff, 0xff, 0xff, 0xff, 1, 2, 3]).await;
    assert!(back.is_empty(), "answered {back:?}");
    let jconn = oscar.connect(&at, JOIN).await;
    let back = Hostile::garbage(&jconn, &[0xff, 0xff, 0xff, 0xff, 1, 2, 3]).await;
    assert!(back.len() <= 1, "a join answer is one byte: {back:?}");
    jconn.close(0u32.into(), b"");
    s.row(
        6,
        "frame whose length header claims 4 GiB (sync and join)",
        "ended the stream after reading the 4-byte header; nothing allocated for it",
    );
    s.still_served("a 4 GiB frame").await;

    // 7. Decompression bombs: a compressed change chunk that inflates to 1 GiB, pushed; and a
    //    whole document that inflates to 1 GiB, sent by a hostile host to a fresh member.
    let zeros = deflated_zeros(1);
    s.reset();
    let bomb = SignedChange {
        signature: Some(mallory.key.sign_change(&group, &ChangeHash([5; 32]))),
        bytes: compressed_change_bomb(&zeros),
    };
    let before = heads(&s.amara, group);
    let ended = mallory.push(&conn, group, vec![bomb]).await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    assert_eq!(heads(&s.amara, group), before);
    let (host, host_at) = snapshot_host([99; 32], document_bomb(&zeros)).await;
    let vera = person(dirs[2].path(), "Vera", Network::Loopback).await;
    let elsewhere = GroupId::from_bytes([42; 32]);
    vera.local_state(|n| n.prepare_join(elsewhere, host_at.id))
        .unwrap()
        .unwrap();
    let started = Instant::now();
    let got = bounded(
        "a fresh member meeting a bomb",
        vera.sync_group(elsewhere, &host_at),
    )
    .await;
    let took = started.elapsed();
    let why = match got {
        Err(e) => e.to_string(),
        Ok(o) => panic!("the bomb was taken: {o:?}"),
    };
    assert!(
        vera.local_state(|n| n.group(&elsewhere).unwrap().info().is_none())
            .unwrap()
    );
    s.row(7, "Automerge chunk that inflates to 1 GiB (a compressed change pushed; a whole document sent to a fresh member)", &format!("refused the change unread (only uncompressed changes are taken); refused the document in {:.1} s (\"{why}\"), without keeping any of it", took.as_secs_f64()));
    vera.shutdown().await;
    host.shutdown().await.unwrap();
    s.still_served("decompression bombs").await;

    // 8. Changes whose dependencies never arrive: the newer half of a chain of 200 posts.
    s.reset();
    let chain: Vec<SignedChange> = (0..200)
        .map(|i| mallory.post(&mut m_copy, 1000 + i, "part of a chain"))
        .collect();
    let before = heads(&s.amara, group);
    let ended = mallory.push(&conn, group, chain[100..].to_vec()).await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    assert_eq!(heads(&s.amara, group), before);
    assert!(
        chain[100..]
            .iter()
            .all(|c| !holds(&s.amara, group, &hash_of(c)))
    );
    s.row(
        8,
        "100 changes whose dependencies never arrive",
        "applied none and kept none (they would be sent again with their dependencies)",
    );
    s.still_served("changes with missing dependencies").await;

    // 9. Garbage on every protocol: random bytes, valid lengths with random bodies, every
    //    frame kind with a random body; and a protocol the node does not speak.
    s.reset();
    let mut streams = 0;
    for seed in 0..24u64 {
        let len = [1, 3, 4, 5, 64, 4096, 65_536, 1 << 20][seed as usize % 8];
        let mut bytes = noise(seed, len);
        if seed % 3 == 1 {
            let mut framed = (len as u32).to_le_bytes().to_vec();
            framed.append(&mut bytes);
            bytes = framed;
        } else if seed % 3 == 2 {
            let mut framed = ((len + 1) as u32).to_le_bytes().to_vec();
            framed.push((seed % 10) as u8);
            framed.append(&mut bytes);
            bytes = framed;
        }
        let o = oscar.connect(&at, SYNC).await;
        let back = Hostile::garbage(&o, &bytes).await;
        assert!(
            back.is_empty(),
            "answered garbage with {} bytes",
            back.len()
        );
        let back = Hostile::garbage(&conn, &bytes).await;
        assert!(
            back.len() <= 16,
            "answered a member's garbage with {} bytes",
            back.len()
        );
        streams += 2;
        let j = oscar.connect(&at, JOIN).await;
        let back = Hostile::garbage(&j, &bytes).await;
        assert!(back.len() <= 1);
        j.close(0u32.into(), b"");
        streams += 1;
    }
    let unknown = bounded(
        "a connection on an unknown protocol",
        oscar
            .endpoint
            .connect(hostile::iroh_addr(&at), b"/not/causeway/1"),
    )
    .await;
    assert!(unknown.is_err(), "an unknown protocol was accepted");
    s.row(9, &format!("random garbage on every protocol ({streams} streams: sync as stranger and as member, join), and an unknown protocol"), "ended each stream without an answer (a join: one refusal byte); the unknown protocol was refused in the handshake");
    s.still_served("garbage").await;

    // 11. A flood while Bruno syncs: Mallory opens 10 more connections and runs 128 sessions
    //     at once on those let in; 40 fresh keys connect at once.
    s.reset();
    let mut extra = Vec::new();
    for _ in 0..10 {
        extra.push(mallory.connect(&at, SYNC).await);
    }
    // She holds one already: 3 more are let in, 7 closed at once.
    let refused = closed_as_busy(&extra, 7).await;
    let open: Vec<_> = extra
        .iter()
        .filter(|c| c.close_reason().is_none())
        .chain([&conn])
        .cloned()
        .collect();
    assert_eq!(open.len(), 4, "{refused} refused");
    let crowd: Vec<Hostile> = join_all((0..40u8).map(|i| Hostile::new([150 + i; 32]))).await;
    let crowd_conns = join_all(crowd.iter().map(|h| h.connect(&at, SYNC))).await;
    let sessions = join_all(open.iter().flat_map(|c| {
        let history = &history;
        let mallory = &mallory;
        (0..32).map(move |i| async move {
            if i % 8 == 0 {
                // A check naming 100,000 groups (the most a check may name).
                let groups = (0..100_000u32)
                    .map(|g| {
                        let mut id = [0u8; 32];
                        id[..4].copy_from_slice(&g.to_le_bytes());
                        (GroupId::from_bytes(id), [0u8; 16])
                    })
                    .collect();
                let got = mallory.ask(c, Frame::Check { groups }).await;
                matches!(got.as_slice(), [Frame::Checked { .. }])
            } else {
                matches!(
                    mallory.push(c, group, history.clone()).await,
                    Ended::Done(_)
                )
            }
        })
    }));
    let honest = s.still_served("a flood (during it)");
    let (sessions, ()) = tokio::join!(sessions, honest);
    // The strangers' pool takes 32 (fewer while Oscar's drip still holds one): the others are
    // closed at once; those let in are closed when their time as strangers is over.
    let crowd_refused = closed_as_busy(&crowd_conns, 40 - MAX_STRANGER_CONNECTIONS).await;
    let started = Instant::now();
    let codes = join_all(crowd_conns.iter().map(|c| async {
        close_code(&bounded("a stranger's connection to end", c.closed()).await)
    }))
    .await;
    let crowd_busy = codes.iter().filter(|c| **c == Some(BUSY)).count();
    let crowd_ended_in = started.elapsed();
    let served_sessions = sessions.iter().filter(|ok| **ok).count();
    assert!(crowd_busy >= crowd_refused);
    s.row(11, "flood: 10 more connections from one member, 128 sessions at once on the 4 let in (16 checks naming 100,000 groups, 112 pushes of the whole history), 40 fresh keys connecting at once", &format!("closed {refused} of the member's connections and {crowd_busy} of the 40 strangers' at once (code 429), the other strangers' {:.0} s later (their time was over); served {served_sessions} of the 128 sessions; Bruno was served during the flood", crowd_ended_in.as_secs_f64()));
    for c in extra.iter().chain(&crowd_conns) {
        c.close(0u32.into(), b"");
    }
    drop(crowd);
    s.still_served("a flood (after it)").await;

    // 12. A stranger asks for the group's content by its id, and checks its heads.
    s.reset();
    for ask in [group, GroupId::from_bytes([43; 32])] {
        let oconn = oscar.connect(&at, SYNC).await;
        let got = oscar
            .ask(
                &oconn,
                Frame::Hello {
                    doc: None,
                    group: ask,
                    heads: vec![],
                    shared: vec![],
                    push: false,
                },
            )
            .await;
        assert!(
            matches!(got.as_slice(), [Frame::Refuse(RefuseCode::NotAMember)]),
            "{got:?}"
        );
    }
    let digest = heads_digest(&heads(&s.amara, group));
    let oconn = oscar.connect(&at, SYNC).await;
    let got = oscar
        .ask(
            &oconn,
            Frame::Check {
                groups: vec![(group, digest)],
            },
        )
        .await;
    assert!(
        matches!(got.as_slice(), [Frame::Checked { same }] if same == &[false]),
        "{got:?}"
    );
    s.row(12, "a non-member asks for the group by its id (hello, and a check with the right heads)", "refused with the same answer as for a group it does not hold; the check said \"differs\"; nothing about the group was sent");
    s.still_served("a stranger asking").await;

    // 13. Strangers fill every pool with idle connections (40 fresh keys on sync, 40 on
    //     join), and hold them; then Chloé, a real invitee, joins.
    s.reset();
    let idle_sync: Vec<Hostile> = join_all((0..40u8).map(|i| Hostile::new([200 + i; 32]))).await;
    let idle_join: Vec<Hostile> =
        join_all((0..40u8).map(|i| Hostile::new([[i; 16], [1; 16]].concat().try_into().unwrap())))
            .await;
    let sync_conns = join_all(idle_sync.iter().map(|h| h.connect(&at, SYNC))).await;
    let join_conns = join_all(idle_join.iter().map(|h| h.connect(&at, JOIN))).await;
    let ticket = s.amara.create_invite(group, None, None).unwrap();
    let chloe = person(dirs[3].path(), "Chloé", Network::Loopback).await;
    let started = Instant::now();
    let (_, outcome) = bounded("Chloé joining through the flood", chloe.join(&ticket))
        .await
        .unwrap_or_else(|e| panic!("a flood of idle strangers kept the invitee out: {e}"));
    let joined_in = started.elapsed();
    assert!(outcome.is_some_and(|o| o.rejected == 0));
    assert_eq!(
        bodies(&chloe, group),
        s.expected,
        "Chloé received the group"
    );
    // Every idle connection is gone within its time: a stranger's 10 s, a joiner's 10 s.
    let ended = Instant::now();
    let codes = join_all(sync_conns.iter().chain(&join_conns).map(|c| async {
        close_code(&bounded("an idle stranger's connection to end", c.closed()).await)
    }))
    .await;
    let idle_ended = ended.elapsed();
    assert!(
        idle_ended < STRANGER_WITHIN.max(JOIN_WITHIN) + Duration::from_secs(5),
        "{idle_ended:?}"
    );
    let busy = codes.iter().filter(|c| **c == Some(BUSY)).count();
    s.row(13, "80 fresh keys hold idle connections (40 on sync, 40 on join); then an invitee joins", &format!("the invitee joined in {:.1} s and received the group: joining has a pool of its own ({MAX_JOIN_CONNECTIONS}), where a newcomer takes the place of the oldest connection without a valid invite; {busy} idle connections were closed as one too many, all the others within {:.0} s (a stranger's connection lasts 10 s, a join request must come within 10 s)", joined_in.as_secs_f64(), idle_ended.as_secs_f64()));
    drop((idle_sync, idle_join));
    s.still_served("idle strangers on every pool").await;

    // 14. Which groups does the node hold? Join requests with a wrong secret, for the group
    //     it holds and for one it does not: the same answer, in about the same time.
    s.reset();
    let mut times: [Vec<f64>; 2] = [Vec::new(), Vec::new()];
    for round in 0..20u8 {
        for (i, g) in [group, GroupId::from_bytes([44; 32])]
            .into_iter()
            .enumerate()
        {
            let started = Instant::now();
            let code = oscar.join(&at, g, [round; 16], "Oscar").await;
            times[i].push(started.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(
                code,
                Some(5),
                "a wrong secret for group {i} answered {code:?}"
            );
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (held_ms, other_ms) = (median(&mut times[0]), median(&mut times[1]));
    s.row(14, "join requests with a wrong secret, for a group the node holds and for one it does not (20 each)", &format!("answered 5 (unknown invite) to all 40: the secret is checked first, against every invite in constant time; median time {held_ms:.1} ms for the held group, {other_ms:.1} ms for the other (a whole connection each, on loopback)"));
    s.still_served("join requests probing for groups").await;

    // 15. Memory: Mallory, then Mallory and Nina at once, each push 500 MiB of unsigned
    //     changes that wait for dependencies that never come.
    const BIG: usize = (4 << 20) - (4 << 10);
    const N: usize = 125;
    let before = rss_mib().unwrap_or(0.0);
    s.reset();
    let mconn = mallory.connect(&at, SYNC).await;
    let alone = mallory
        .push_stream(&mconn, group, waiting_changes(&mallory.key, N, BIG))
        .await;
    assert!(matches!(alone, Ended::Done(_)), "{alone:?}");
    let peak_alone = peak_rss_mib().unwrap_or(0.0);
    let before_two = rss_mib().unwrap_or(0.0);
    s.reset();
    let nconn = nina.connect(&at, SYNC).await;
    let (m, n) = tokio::join!(
        mallory.push_stream(&mconn, group, waiting_changes(&mallory.key, N, BIG)),
        nina.push_stream(&nconn, group, waiting_changes(&nina.key, N, BIG)),
    );
    assert!(
        matches!(m, Ended::Done(_)) && matches!(n, Ended::Done(_)),
        "{m:?} {n:?}"
    );
    let peak_two = peak_rss_mib().unwrap_or(0.0);
    let mib = |b: usize| b as f64 / f64::from(1 << 20);
    // What QUIC buffers (4 MiB per connection) and the hostile side's own frame in flight
    // come on top of what the node counts.
    let slack = 64.0;
    assert!(
        peak_alone - before <= mib(BUFFERED_PER_DEVICE) + slack,
        "one member took the process from {before:.0} to {peak_alone:.0} MiB"
    );
    assert!(
        peak_two - before_two <= mib(BUFFERED_TOTAL) + slack,
        "two members took the process from {before_two:.0} to {peak_two:.0} MiB"
    );
    // Whatever the allocator kept of the first push, the process never held more than it
    // did before both, plus the budget of all devices.
    assert!(
        peak_two - before <= mib(BUFFERED_TOTAL) + slack,
        "the pushes took the process from {before:.0} to {peak_two:.0} MiB"
    );
    assert_eq!(bodies(&s.amara, group), s.expected);
    let after = rss_mib().unwrap_or(0.0);
    s.peak_limit = f64::INFINITY;
    s.row(15, &format!("{N} unsigned changes of 4 MiB (500 MiB) waiting for dependencies that never come, pushed by one member, then by two at once"), &format!("applied and kept none; memory grew by {:.0} MiB for one member (its budget: {:.0} MiB) and {:.0} MiB for two (the budget: {:.0} MiB): every change counts its bytes plus 1 KiB for its decoded form, and is held once; at most {:.0} MiB above where the process began; {after:.0} MiB resident afterwards (freed memory the allocator keeps for reuse)", peak_alone - before, mib(BUFFERED_PER_DEVICE), peak_two - before_two, mib(BUFFERED_TOTAL), peak_two.max(peak_alone) - before));
    s.peak_limit = PEAK_LIMIT_MIB;
    s.still_served("500 MiB of waiting changes").await;

    // 16. A join request that trickles, one byte a second; and one that claims a 16 MiB name.
    s.reset();
    let jconn = oscar.connect(&at, JOIN).await;
    let trickled = bounded("a trickling join request to be cut off", async {
        let started = Instant::now();
        let (mut send, _recv) = jconn.open_bi().await.unwrap();
        // A plausible length, then the request a byte a second.
        send.write_all(&100u32.to_le_bytes()).await.unwrap();
        let mut tick = tokio::time::interval(Duration::from_secs(1));
        for b in std::iter::repeat_n(1u8, 100) {
            tick.tick().await;
            if send.write_all(&[b]).await.is_err() || jconn.close_reason().is_some() {
                break;
            }
        }
        started.elapsed()
    })
    .await;
    assert!(
        trickled < JOIN_WITHIN + Duration::from_secs(3),
        "{trickled:?}"
    );
    let jconn = oscar.connect(&at, JOIN).await;
    let mut claim = (16u32 << 20).to_le_bytes().to_vec();
    claim.extend_from_slice(&[1; 64]);
    let back = Hostile::garbage(&jconn, &claim).await;
    assert_eq!(back, vec![5], "a 16 MiB join request is answered 5 at once");
    s.row(16, "join requests that trickle (a byte a second) or claim a 16 MiB name", &format!("cut the trickle off after {:.0} s (a request must be in within 10 s); answered the 16 MiB claim with 5 after reading its 4-byte length (a request is at most 305 bytes)", trickled.as_secs_f64()));
    s.still_served("slow and huge join requests").await;

    // 17. A request-to-join group whose invite went public: 520 fresh keys ask to join.
    s.reset();
    let open_door = create_group(&s.amara, "Open door", Visibility::Request);
    let door_ticket =
        Ticket::parse(&s.amara.create_invite(open_door, None, None).unwrap()).unwrap();
    let asked = MAX_WAITING_REQUESTS + 20;
    let mut answers = std::collections::BTreeMap::<Option<u8>, usize>::new();
    // Eight at a time: half the join pool, so that no request of the crowd takes another's
    // place before it is answered.
    for chunk in (0..asked)
        .collect::<Vec<_>>()
        .chunks(MAX_JOIN_CONNECTIONS / 2)
    {
        let crowd = join_all(chunk.iter().map(|i| {
            let mut seed = [9u8; 32];
            seed[..8].copy_from_slice(&(*i as u64).to_le_bytes());
            Hostile::new(seed)
        }))
        .await;
        for code in join_all(
            crowd
                .iter()
                .map(|h| h.join(&at, open_door, door_ticket.secret, "someone")),
        )
        .await
        {
            *answers.entry(code).or_default() += 1;
        }
    }
    let waiting = s
        .amara
        .local_state(|n| n.pending_requests(&open_door).len())
        .unwrap();
    assert_eq!(waiting, MAX_WAITING_REQUESTS, "{answers:?}");
    assert_eq!(
        answers.get(&Some(1)),
        Some(&MAX_WAITING_REQUESTS),
        "{answers:?}"
    );
    assert_eq!(answers.get(&Some(7)), Some(&20), "{answers:?}");
    let used = s
        .amara
        .local_state(|n| n.invites(&open_door)[0].used)
        .unwrap();
    assert_eq!(
        used as usize, MAX_WAITING_REQUESTS,
        "refused requests use no invite"
    );
    s.row(17, &format!("{asked} fresh keys ask to join a request-to-join group with a valid invite"), &format!("kept {MAX_WAITING_REQUESTS} requests for an admin (the most one group keeps) and answered the other 20 with 7 (too many waiting; no use of the invite counted); an admin can decline requests to make room"));
    s.still_served("a crowd asking to join").await;

    // 18. Valid but enormous posts by a member: at the limit, one character over, and a
    //     change of 10,001 operations.
    s.reset();
    // Built on the group as Amara holds it now (Mallory's own copy holds changes she never
    // took).
    let mut now_copy = Group::joining(group, mallory.key.clone(), [10; 8]);
    now_copy.ingest(
        s.amara
            .local_state(|n| n.group(&group).unwrap().changes_since(&[]))
            .unwrap(),
    );
    let at_limit = raw_post(&now_copy, &mallory.key, 7, 5001, &"é".repeat(20_000));
    let over = raw_post(&now_copy, &mallory.key, 8, 5002, &"é".repeat(20_001));
    let ended = mallory
        .push(&mconn, group, vec![at_limit.clone(), over.clone()])
        .await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    assert!(
        holds(&s.amara, group, &hash_of(&at_limit)),
        "a 20,000-character post is taken"
    );
    assert!(
        !holds(&s.amara, group, &hash_of(&over)),
        "a 20,001-character post is refused"
    );
    s.expected.push("é".repeat(20_000));
    s.expected.sort();
    assert_eq!(bodies(&s.amara, group), s.expected);
    let many = many_ops(&now_copy, &mallory.key, 9, 10_001);
    let ended = mallory.push(&mconn, group, vec![many.clone()]).await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    assert!(!holds(&s.amara, group, &hash_of(&many)));
    s.row(18, "a member's posts at the size limits: 20,000 characters, 20,001 characters, and a change of 10,001 operations", "took the post at the limit (shown whole); refused the one over it and the change with too many operations (PROTOCOL.md, \"Limits on content\")");
    s.still_served("enormous posts").await;

    // 22. Profiles (schema version 3): Mallory writes a profile in Amara's name, writes into
    //     Amara's profile, and gives herself a bio over the limit and a field profiles lack.
    s.reset();
    bounded(
        "Amara's bio",
        execute(
            &s.amara,
            Request::SetBio {
                bio: "Runs the repair café".into(),
            },
        ),
    )
    .await
    .unwrap();
    let amara_bio = |s: &Story| {
        s.amara
            .local_state(|n| n.group(&group).unwrap().bio_of(n.device_id()))
            .unwrap()
    };
    assert_eq!(
        amara_bio(&s),
        "Runs the repair café",
        "the owner's bio upgraded the group"
    );
    let mut now_copy = Group::joining(group, mallory.key.clone(), [11; 8]);
    now_copy.ingest(
        s.amara
            .local_state(|n| n.group(&group).unwrap().changes_since(&[]))
            .unwrap(),
    );
    let (amara_hex, mallory_hex) = (s.amara.device_id().to_hex(), mallory.key.id().to_hex());
    let profile = |suffix: u8,
                   write: &dyn Fn(
        &mut automerge::transaction::Transaction<'_>,
        &automerge::ObjId,
        &automerge::Automerge,
    )| {
        forge_on(
            &now_copy,
            "profiles",
            mallory.key.id(),
            [suffix; 8],
            &mallory.key,
            |tx, map, doc| write(tx, map, doc),
        )
    };
    use automerge::transaction::Transactable;
    use automerge::{ObjType, ReadDoc};
    let forged = vec![
        profile(12, &|tx, map, _| {
            let p = tx
                .put_object(map, amara_hex.as_str(), ObjType::Map)
                .unwrap();
            tx.put(&p, "bio", "Mallory was here").unwrap();
        }),
        profile(13, &|tx, map, doc| {
            let (_, p) = doc.get(map, amara_hex.as_str()).unwrap().unwrap();
            tx.put(&p, "bio", "Mallory was here").unwrap();
        }),
        profile(14, &|tx, map, _| {
            let p = tx
                .put_object(map, mallory_hex.as_str(), ObjType::Map)
                .unwrap();
            tx.put(&p, "bio", "é".repeat(1001)).unwrap();
        }),
        profile(15, &|tx, map, _| {
            let p = tx
                .put_object(map, mallory_hex.as_str(), ObjType::Map)
                .unwrap();
            tx.put(&p, "avatar", "https://example.invalid/x.png")
                .unwrap();
        }),
    ];
    let ended = mallory.push(&mconn, group, forged.clone()).await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    for f in &forged {
        assert!(
            !holds(&s.amara, group, &hash_of(f)),
            "a forged profile was taken"
        );
    }
    assert_eq!(amara_bio(&s), "Runs the repair café");
    let mallory_bio = s
        .amara
        .local_state(|n| n.group(&group).unwrap().bio_of(mallory.key.id()))
        .unwrap();
    assert_eq!(mallory_bio, "");
    s.row(22, "a member's profiles out of bounds: one made in the owner's name, a bio written into the owner's profile, a 1,001-character bio, a field profiles do not have", "refused all four (each member writes only their own profile, whose one field is a bio of at most 1,000 characters; PROTOCOL.md, \"Schema versions\"); the owner's bio and the group are as they were");
    s.still_served("forged profiles").await;

    // 23. Shared documents: Amara's "Shelter rota" may be edited by admins only. Mallory, a
    //     member, writes into it with a Causeway that lets her; Max, removed, writes into
    //     it on the group heads he had; and Mallory sends a change that names group heads
    //     that do not exist and one that is no text at all.
    s.reset();
    let doc = s
        .amara
        .create_document(group, "Shelter rota", None)
        .unwrap();
    s.amara
        .edit_document(
            group,
            doc,
            &[causeway_core::docs::Edit::Splice {
                at: 0,
                delete: 0,
                insert: "Monday: Amara".into(),
            }],
        )
        .unwrap();
    let rota_heads = s.amara.with_document(group, doc, |_, d| d.heads()).unwrap();
    s.amara
        .local_state(|n| {
            n.act(&group, |g, now| {
                g.set_document(
                    now,
                    doc,
                    &rota_heads,
                    &causeway_core::DocSetting::Editors(causeway_core::DocEditors::Admins, vec![]),
                )
            })
        })
        .unwrap()
        .unwrap();
    let rota = |s: &Story| s.amara.document_text(group, doc).unwrap().plain();
    let (saved, group_now) = s
        .amara
        .with_document(group, doc, |g, d| (d.save(), g.heads()))
        .unwrap();
    /// A Causeway that lets anyone write anything.
    struct Lax;
    impl causeway_core::docs::Binding for Lax {
        fn holds(&self, _: &[ChangeHash]) -> bool {
            true
        }
        fn may_edit_at(
            &self,
            _: &causeway_core::DocId,
            _: DeviceId,
            _: DeviceId,
            _: &[ChangeHash],
        ) -> bool {
            true
        }
        fn standing(
            &self,
            _: &causeway_core::DocId,
            _: DeviceId,
            _: DeviceId,
        ) -> causeway_core::docs::Standing {
            causeway_core::docs::Standing::Editor
        }
    }
    let write = |key: &DeviceKey, suffix: u8, heads: &[ChangeHash], text: &str| {
        let mut copy =
            causeway_core::docs::SharedDoc::load(group, doc, Some(&saved), [], vec![]).unwrap();
        let e = [causeway_core::docs::Edit::Splice {
            at: 0,
            delete: 0,
            insert: text.into(),
        }];
        SignedChange::from(
            copy.edit(
                key,
                [suffix; 8],
                heads,
                causeway_core::Timestamp(9),
                &e,
                &Lax,
            )
            .unwrap(),
        )
    };
    let by_mallory = write(&mallory.key, 31, &group_now, "Mallory rules. ");
    let by_max = write(&max, 32, &x_copy.heads(), "Max was here. ");
    let unknown_heads = write(&mallory.key, 33, &[ChangeHash([3; 32])], "From nowhere. ");
    let garbage = SignedChange {
        bytes: b"not a change at all, only bytes ".repeat(3),
        signature: None,
    };
    for batch in [
        vec![by_mallory.clone()],
        vec![by_max.clone()],
        vec![unknown_heads.clone()],
        vec![garbage],
    ] {
        let ended = mallory.push_doc(&mconn, group, doc, batch).await;
        assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    }
    let taken = |c: &SignedChange| {
        let h = hash_of(c);
        s.amara
            .with_document(group, doc, |_, d| d.has_change(&h))
            .unwrap()
    };
    assert!(!taken(&by_mallory), "a non-editor's change was taken");
    assert!(!taken(&by_max), "a removed member's change was taken");
    assert!(
        !taken(&unknown_heads),
        "a change naming unknown heads was taken"
    );
    assert_eq!(rota(&s), "Monday: Amara", "the document is as it was");
    s.row(23, "shared documents: a member who may not edit writes into one; a removed member writes into it on the heads he had; a change names group heads that do not exist; bytes that are no change", "refused the first two (the author may not edit there, PROTOCOL.md, \"Shared documents\"), held back the third (it waits for heads the group does not hold and is not kept), refused the fourth as malformed; the document is as it was");
    s.still_served("document attacks").await;

    // 24. The campaign kit out of bounds: an answer in Bruno's name, a vote after the poll
    //     was closed, an event changed by a member who does not organise it, an event whose
    //     place is over the limit, a sign-up to a full shift.
    s.reset();
    use causeway_core::ItemId;
    use causeway_core::view::{EventDraft, PollDraft, Rsvp, ShiftDraft, When};
    let (event, poll, shift) = (
        ItemId::from_u64(2401),
        ItemId::from_u64(2402),
        ItemId::from_u64(2403),
    );
    let when = When {
        start: causeway_core::Timestamp(1_797_000_000_000),
        end: causeway_core::Timestamp(1_797_007_200_000),
        zone: "Europe/Paris".into(),
        all_day: false,
    };
    s.amara
        .act_all(group, |g, now| {
            let mut made = g.create_event(
                now,
                event,
                EventDraft {
                    title: "Soup kitchen".into(),
                    body: String::new(),
                    lang: "en".into(),
                    when: when.clone(),
                    place: "The hall".into(),
                    online: String::new(),
                    capacity: Some(1),
                },
            )?;
            made.extend(g.create_poll(
                now,
                poll,
                PollDraft {
                    question: "Soup or stew?".into(),
                    options: vec!["Soup".into(), "Stew".into()],
                    multiple: false,
                    open: false,
                },
                vec![ItemId::from_u64(1), ItemId::from_u64(2)],
            )?);
            made.push(g.close_poll(now, poll)?);
            made.extend(g.create_shift(
                now,
                shift,
                ShiftDraft {
                    title: "Door".into(),
                    notes: String::new(),
                    when: when.clone(),
                    places: 1,
                },
            )?);
            made.push(g.join_shift(now, shift, true)?);
            Ok(made)
        })
        .unwrap();
    let mut kit_copy = Group::joining(group, mallory.key.clone(), [16; 8]);
    kit_copy.ingest(
        s.amara
            .local_state(|n| n.group(&group).unwrap().changes_since(&[]))
            .unwrap(),
    );
    let bruno_hex = s.bruno.device_id().to_hex();
    let kit_forge =
        |collection: &str,
         suffix: u8,
         path: &[&str],
         write: &dyn Fn(&mut automerge::transaction::Transaction<'_>, &automerge::ObjId)| {
            forge_on(
                &kit_copy,
                collection,
                mallory.key.id(),
                [suffix; 8],
                &mallory.key,
                |tx, map, doc| {
                    let mut at = map.clone();
                    for k in path {
                        at = match doc.get(&at, *k).unwrap() {
                            Some((automerge::Value::Object(_), o)) => o,
                            other => panic!("no {k}: {other:?}"),
                        };
                    }
                    write(tx, &at)
                },
            )
        };
    let (e, p, sh) = (event.to_hex(), poll.to_hex(), shift.to_hex());
    let (e, p, sh) = (e.as_str(), p.as_str(), sh.as_str());
    let mallory_hex = mallory.key.id().to_hex();
    let forged = vec![
        kit_forge("events", 17, &[e, "answers"], &|tx, answers| {
            tx.put(answers, bruno_hex.as_str(), "no").unwrap();
        }),
        kit_forge("polls", 18, &[p, "votes"], &|tx, votes| {
            tx.put(votes, mallory_hex.as_str(), ItemId::from_u64(2).to_hex())
                .unwrap();
        }),
        kit_forge("events", 19, &[e], &|tx, ev| {
            tx.put(ev, "title", "Cancelled, go home").unwrap();
        }),
        kit_forge("events", 20, &[], &|tx, events| {
            let ev = tx
                .put_object(events, ItemId::from_u64(2404).to_hex(), ObjType::Map)
                .unwrap();
            tx.put(&ev, "title", "Mine").unwrap();
            tx.put(&ev, "start", 1_797_000_000_000i64).unwrap();
            tx.put(&ev, "end", 1_797_000_000_001i64).unwrap();
            tx.put(&ev, "place", "x".repeat(501)).unwrap();
        }),
        kit_forge("shifts", 21, &[sh, "signups"], &|tx, signups| {
            tx.put(signups, mallory_hex.as_str(), true).unwrap();
        }),
    ];
    let ended = mallory.push(&mconn, group, forged.clone()).await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    for f in &forged {
        assert!(
            !holds(&s.amara, group, &hash_of(f)),
            "a forged kit change was taken"
        );
    }
    let (ev, pl, sf) = s
        .amara
        .local_state(|n| {
            let g = n.group(&group).unwrap();
            (
                g.events_with_ids([event]).remove(0),
                g.polls_with_ids([poll]).remove(0),
                g.shifts_with_ids([shift]).remove(0),
            )
        })
        .unwrap();
    assert_eq!(ev.draft.title, "Soup kitchen");
    assert_eq!(ev.answers.len(), 0);
    assert_eq!(pl.voters(), 0);
    assert_eq!(sf.signups, vec![s.amara.device_id()]);
    // Her own answer, in her own name, is taken.
    let own = kit_copy
        .answer_event(causeway_core::Timestamp(1), event, Rsvp::Yes)
        .unwrap();
    let ended = mallory.push(&mconn, group, vec![own.clone().into()]).await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    assert!(holds(&s.amara, group, &own.hash));
    s.row(24, "the campaign kit out of bounds: an answer in another member's name, a vote after the poll was closed, an event changed by a member who does not organise it, an event with a 501-character place, a sign-up to a full shift", "refused all five (PROTOCOL.md, \"Schema versions\"; the closed poll and the full shift read in each change's causal past); the event, the poll and the shift are as they were; her own answer, in her own name, was taken");
    s.still_served("campaign kit attacks").await;

    // 25. Pictures and files: a stranger asks for a file of the group; a member asks for a
    //     file of a group she is not in; a reference lies about a file's size; a picture that
    //     claims 100,000 x 100,000 pixels; a file over the group's limit.
    s.reset();
    files_attacks(&mut s, &mallory, &oscar, &mconn, &dirs).await;
    s.still_served("attacks on files").await;

    // 26. Moderation: Mallory, a member, writes a dismissal into the log and files a report
    //     herself; on the report protocol she hands over a report sealed to her own key only,
    //     a copy of Bruno's real report as if it were hers, and garbage; Oscar, a stranger,
    //     hands one over too. Then Bruno's real report is filed.
    s.reset();
    moderation_attacks(&mut s, &mallory, &oscar, &mconn).await;
    s.still_served("attacks on moderation").await;

    // 27. A handover by an admin: Mallory, made an admin, writes the group over to Bruno as
    //     the owner would (Bruno the owner, herself an admin); then, as the owner would not,
    //     makes herself the owner. Amara stays the owner.
    s.reset();
    handover_attacks(&mut s, &mallory, &mconn).await;
    s.still_served("a handover by an admin").await;

    // 19. What the operator sees: every kind of refusal was counted (and logged, at most a
    //     line per kind every 10 s).
    let refused = s.amara.refusals();
    assert!(refused.changes >= 5, "{refused:?}");
    assert!(refused.sessions >= 3, "{refused:?}");
    assert!(refused.joins >= 40 + 20 + 2, "{refused:?}");
    assert!(
        refused.busy >= (40 - MAX_STRANGER_CONNECTIONS) as u64,
        "{refused:?}"
    );
    assert!(refused.broken >= 24, "{refused:?}");
    s.row(19, "what an operator sees after all of the above (`causeway status`, and a line from `causeway node` each minute something was refused)", &format!("counted {} refused changes, {} sessions from non-members, {} refused join requests, {} connections over the limits, {} broken sessions; warnings in the log, at most one per kind every 10 s, each saying how many more came since", refused.changes, refused.sessions, refused.joins, refused.busy, refused.broken));
    chloe.shutdown().await;

    // 20. A member's device that takes connections and never answers, while Amara's node
    //     runs a round with every member (what `causeway sync --timeout 3` does).
    s.reset();
    let (sam_router, sam_at) = silent_member([0x5b; 32]).await;
    let sam = sam_at.id;
    s.amara
        .act(group, |g, now| g.add_member(now, sam, "Sam", Role::Member))
        .unwrap();
    s.amara
        .local_state(|n| n.remember_address(&sam_at))
        .unwrap()
        .unwrap();
    let mut heard: Vec<(String, bool, f64)> = Vec::new();
    let started = Instant::now();
    let round = bounded(
        "a round with a silent member",
        s.amara
            .sync_round(Some(group), Duration::from_secs(3), |m| {
                heard.push((
                    m.name.clone(),
                    m.result.is_ok(),
                    started.elapsed().as_secs_f64(),
                ))
            }),
    )
    .await
    .unwrap();
    let took = started.elapsed();
    let (bruno_at, sam_at_s) = (
        heard.iter().find(|h| h.0 == "Bruno").unwrap(),
        heard.iter().find(|h| h.0 == "Sam").unwrap(),
    );
    assert!(bruno_at.1, "Bruno was synced: {heard:?}");
    assert!(
        !sam_at_s.1 && sam_at_s.2 >= 3.0 && bruno_at.2 < sam_at_s.2,
        "Bruno's outcome came as it was known, Sam's when the time was over: {heard:?}"
    );
    assert_eq!(round.len(), heard.len());
    s.row(20, "a member's device that takes connections and never answers, during a round with every member (`causeway sync --timeout 3`)", &format!("tried all {} members at once; Bruno's outcome came after {:.1} s, the silent member's when the 3 s were over, named, as not reached; the round took {:.1} s in all (before: one member after the other, 30 s each, and only \"the round took longer than the timeout\")", round.len(), bruno_at.2, took.as_secs_f64()));
    sam_router.shutdown().await.unwrap();
    s.still_served("a silent member").await;

    // 10, ended: the trickle was cut off.
    let dripped = bounded("the drip to be cut off", async { drip.await.unwrap() }).await;
    assert!(
        dripped < STRANGER_WITHIN + Duration::from_secs(10),
        "the drip went on for {dripped:?}"
    );
    s.row(
        10,
        "a stranger's connection that sends one byte per second (under the other attacks; its memory is in theirs)",
        &format!(
            "cut off after {:.0} s (a stranger's connection lasts at most 10 s; a member's frame must be in within 30 s plus its length at 1 KiB/s)",
            dripped.as_secs_f64()
        ),
    );

    // Nothing hostile reached the store: Amara's node restarts with the honest posts only.
    let (expected, heads_before) = (s.expected.clone(), heads(&s.amara, group));
    let hostile_hashes: Vec<ChangeHash> = [&as_bruno, &strangers]
        .into_iter()
        .chain(&chain)
        .map(hash_of)
        .collect();
    let Story {
        amara,
        bruno,
        mut rows,
        ..
    } = s;
    // 21. Amara's node restarts: with no address lookup at all, Bruno reaches her where she
    //     was (his address book has only that).
    let was = amara.address();
    bounded("shutdown", amara.shutdown()).await;
    drop(amara);
    bounded("Amara's port to be free", async {
        while std::net::UdpSocket::bind(was.direct[0]).is_err() {
            tokio::task::yield_now().await;
        }
    })
    .await;
    let amara = bounded(
        "restart",
        Node::start(LocalNode::open(dirs[0].path()).unwrap(), Network::Loopback),
    )
    .await
    .unwrap();
    assert_eq!(
        amara.address().direct,
        was.direct,
        "the same address as before"
    );
    let known = bruno
        .local_state(|n| n.address_of(amara.device_id()))
        .unwrap();
    let outcome = bounded(
        "Bruno reaching Amara after her restart",
        bruno.sync_group(group, &known),
    )
    .await
    .unwrap();
    assert_eq!(outcome.rejected, 0);
    rows.push(format!("| 21 | Amara's node restarts (no address lookup, as at a workshop with mDNS blocked) | bound the port it had before ({}), so Bruno reached it at the one address he knew | n/a |", was.direct[0].port()));
    bounded("shutdown", amara.shutdown()).await;
    bounded("shutdown", bruno.shutdown()).await;
    drop((amara, bruno));
    let reopened = LocalNode::open(dirs[0].path()).unwrap();
    let g = reopened.group(&group).unwrap();
    assert_eq!(g.heads(), heads_before);
    let mut after: Vec<String> = g.posts().into_iter().map(|p| p.body).collect();
    after.sort();
    assert_eq!(after, expected);
    assert!(hostile_hashes.iter().all(|h| !g.has_change(h)));

    rows.sort_by_key(|r| {
        r.split('|')
            .nth(1)
            .and_then(|n| n.trim().parse::<u32>().ok())
            .unwrap_or(0)
    });
    if let Ok(path) = std::env::var("CAUSEWAY_HOSTILE_TABLE") {
        std::fs::write(path, rows.join("\n") + "\n").unwrap();
    }
}

/// Waits until `n` of `conns` are closed by the node, each with the "too many" code; returns
/// `n`.
async fn closed_as_busy(conns: &[iroh::endpoint::Connection], n: usize) -> usize {
    use futures::StreamExt;
    let mut closing: futures::stream::FuturesUnordered<_> =
        conns.iter().map(|c| c.closed()).collect();
    bounded("connections over the limit to be closed", async {
        for _ in 0..n {
            let e = closing
                .next()
                .await
                .expect("fewer connections closed than expected");
            assert_eq!(close_code(&e), Some(BUSY), "{e}");
        }
    })
    .await;
    n
}

/// Asks `to` for the blob `hash` as a raw iroh-blobs client on `ep` would.
async fn ask_file(
    ep: &iroh::Endpoint,
    to: &causeway_sync::PeerAddress,
    hash: causeway_core::BlobHash,
) -> Result<Vec<u8>, String> {
    let conn = bounded(
        "a raw connection for files",
        ep.connect(causeway_tests::hostile::iroh_addr(to), iroh_blobs::ALPN),
    )
    .await
    .map_err(|e| e.to_string())?;
    bounded(
        "a raw request for a file",
        iroh_blobs::get::request::get_blob(conn, iroh_blobs::Hash::from_bytes(*hash.as_bytes()))
            .bytes(),
    )
    .await
    .map(|b| b.to_vec())
    .map_err(|e| e.to_string())
}

/// A PNG that says it is 100,000 x 100,000 pixels, in 57 bytes.
fn picture_bomb() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(b"IHDR");
    png.extend_from_slice(&ihdr);
    let crc = crc32(&[b"IHDR".as_slice(), &ihdr].concat());
    png.extend_from_slice(&crc.to_be_bytes());
    png.extend_from_slice(&[0, 0, 0, 0]);
    png.extend_from_slice(b"IEND\xaeB`\x82");
    png
}

/// The CRC-32 of PNG chunks.
fn crc32(bytes: &[u8]) -> u32 {
    let mut c = 0xffff_ffffu32;
    for b in bytes {
        c ^= u32::from(*b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                (c >> 1) ^ 0xedb8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

async fn files_attacks(
    s: &mut Story,
    mallory: &Hostile,
    oscar: &Hostile,
    mconn: &iroh::endpoint::Connection,
    dirs: &[tempfile::TempDir],
) {
    use automerge::ObjType;
    use automerge::transaction::Transactable;
    use causeway_core::view::Attachment;
    use causeway_sync::control::Output;
    let group = s.group;
    let post = |group, text: &str, file| Request::Post {
        group,
        text: text.into(),
        title: String::new(),
        lang: "en".into(),
        attach: vec![file],
    };
    let photo = dirs[0].path().join("beds.jpg");
    std::fs::write(&photo, photo_with_gps(800, 600)).unwrap();
    let out = bounded(
        "a photo in the group",
        execute(&s.amara, post(group, "The new beds", photo)),
    )
    .await
    .unwrap();
    assert!(matches!(out, Output::Item(_)), "{out:?}");
    s.expected.push("The new beds".into());
    s.expected.sort();
    let board = create_group(&s.amara, "Board", Visibility::Invite);
    let minutes = dirs[0].path().join("minutes.pdf");
    std::fs::write(&minutes, b"%PDF-1.7 the board's minutes").unwrap();
    bounded(
        "a file in another group",
        execute(&s.amara, post(board, "Minutes", minutes)),
    )
    .await
    .unwrap();
    let files = |g: GroupId| -> Vec<Attachment> {
        s.amara
            .local_state(|n| n.group(&g).unwrap().attachments())
            .unwrap()
    };
    let photo = files(group).remove(0).file;
    let minutes = files(board).remove(0).file;
    let at = s.amara.address();
    let before = s.amara.refusals().files;

    // A stranger who knows the hash, and a member asking for another group's file.
    let stranger = ask_file(&oscar.endpoint, &at, photo.hash).await;
    assert!(stranger.is_err(), "a stranger got the photo");
    let other = ask_file(&mallory.endpoint, &at, minutes.hash).await;
    assert!(other.is_err(), "a member got another group's file");
    let own = ask_file(&mallory.endpoint, &at, photo.hash).await.unwrap();
    assert_eq!(
        own.len() as u64,
        photo.size,
        "a member gets her group's photo"
    );
    assert!(s.amara.refusals().files >= before + 2);

    // Mallory's own files: a reference to the photo that says it is 1,000 bytes, a picture
    // bomb she serves from her own device, and a file over the group's limit.
    let store = iroh_blobs::store::mem::MemStore::new();
    let bomb = picture_bomb();
    let tag = store.add_bytes(bomb.clone()).await.unwrap();
    let bomb_hash = causeway_core::BlobHash::from_bytes(*tag.hash.as_bytes());
    let _router = iroh::protocol::Router::builder(mallory.endpoint.clone())
        .accept(
            iroh_blobs::ALPN,
            iroh_blobs::BlobsProtocol::new(&store, None),
        )
        .spawn();
    s.amara
        .local_state(|n| {
            n.remember_address(&causeway_sync::PeerAddress {
                id: mallory.key.id(),
                direct: mallory.endpoint.bound_sockets(),
                relay: None,
            })
        })
        .unwrap()
        .unwrap();
    let mut copy = Group::joining(group, mallory.key.clone(), [25; 8]);
    copy.ingest(
        s.amara
            .local_state(|n| n.group(&group).unwrap().changes_since(&[]))
            .unwrap(),
    );
    let entry = |suffix: u8, hash: causeway_core::BlobHash, size: i64, media: &str| {
        let me = mallory.key.id().to_hex();
        let (hash, media) = (hash.to_hex(), media.to_owned());
        forge_on(
            &copy,
            "attachments",
            mallory.key.id(),
            [suffix; 8],
            &mallory.key,
            move |tx, root, _| {
                let e = tx
                    .put_object(
                        root,
                        causeway_core::ItemId::from_u64(2500 + u64::from(suffix)).to_hex(),
                        ObjType::Map,
                    )
                    .unwrap();
                for (k, v) in [
                    ("author", me.as_str().into()),
                    ("created", automerge::ScalarValue::Int(1)),
                    ("on", "post".into()),
                    (
                        "item",
                        causeway_core::ItemId::from_u64(2500)
                            .to_hex()
                            .as_str()
                            .into(),
                    ),
                    ("hash", hash.as_str().into()),
                    ("size", automerge::ScalarValue::Int(size)),
                    ("media", media.as_str().into()),
                    ("name", "x.png".into()),
                    ("width", automerge::ScalarValue::Int(10)),
                    ("height", automerge::ScalarValue::Int(10)),
                ] {
                    tx.put(&e, k, v).unwrap();
                }
            },
        )
    };
    let lie = entry(41, photo.hash, 1000, "image/jpeg");
    let bombed = entry(42, bomb_hash, bomb.len() as i64, "image/png");
    let over = entry(43, photo.hash, 30_000_000, "image/jpeg");
    let ended = mallory
        .push(
            mconn,
            group,
            vec![lie.clone(), bombed.clone(), over.clone()],
        )
        .await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    assert!(
        holds(&s.amara, group, &hash_of(&lie)),
        "the lie is a valid change"
    );
    assert!(holds(&s.amara, group, &hash_of(&bombed)));
    assert!(
        !holds(&s.amara, group, &hash_of(&over)),
        "over the group's limit"
    );
    let mallorys = |size: u64| {
        files(group)
            .into_iter()
            .find(|a| a.author == mallory.key.id() && a.file.size == size)
            .unwrap()
            .file
    };
    let lying = mallorys(1000);
    let mut ea = s.amara.subscribe();
    until(
        "the lie seen through, and the bomb fetched",
        &mut ea,
        || {
            let snap = s.amara.snapshot();
            snap.files.lies(&lying) && snap.files.holds(&photo) && snap.files.has(bomb_hash)
        },
    )
    .await;
    let shown = bounded("the bomb decoded", s.amara.picture_pixels(bomb_hash, 2048)).await;
    assert_eq!(shown.unwrap_err(), causeway_sync::NotShown::TooLarge);
    s.row(25, "pictures and files: a stranger asks for a file of the group by its hash; a member asks for a file of a group she is not in; a member's reference says a photo of the group is 1,000 bytes; a member's picture claims 100,000 x 100,000 pixels; a member's file is over the group's limit of 25 MB", "refused the stranger at the connection and the member's request for the other group's file (each counted; she got her own group's photo); the photo stays shown and the lying reference is marked as not what it says (its bytes are fetched at most to the largest size a reference gives, then checked); the bomb was fetched (57 bytes) and refused before decoding (Causeway decodes at most 12,000 pixels a side and 200 MiB), the node serving on; refused the file over the limit (PROTOCOL.md, \"Attachments\")");
}

/// Hands `body` to Amara's node on the report protocol as `who`: its one-byte answer, or
/// `None` when the connection was closed without one.
async fn hand_report(who: &Hostile, at: &causeway_sync::PeerAddress, body: &[u8]) -> Option<u8> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let conn = who
        .connect(at, causeway_sync::protocols::report::ALPN)
        .await;
    let io = async {
        let (mut send, mut recv) = conn.open_bi().await.ok()?;
        send.write_u32(body.len() as u32).await.ok()?;
        send.write_all(body).await.ok()?;
        send.finish().ok()?;
        recv.read_u8().await.ok()
    };
    let answer = bounded("a report handed over", io).await;
    conn.close(0u32.into(), b"done");
    answer
}

async fn handover_attacks(s: &mut Story, mallory: &Hostile, mconn: &iroh::endpoint::Connection) {
    use automerge::ReadDoc;
    use automerge::transaction::Transactable;
    let group = s.group;
    let (me, bruno) = (mallory.key.id(), s.bruno.device_id());
    s.amara
        .act_all(group, |g, now| {
            let mut made = g.open_log(now)?;
            made.push(g.set_role(now, me, Role::Admin)?);
            made.push(g.set_role(now, bruno, Role::Admin)?);
            Ok(made)
        })
        .unwrap();
    let mut copy = Group::joining(group, mallory.key.clone(), [29; 8]);
    copy.ingest(
        s.amara
            .local_state(|n| n.group(&group).unwrap().changes_since(&[]))
            .unwrap(),
    );
    let entry = |doc: &automerge::Automerge, members: &automerge::ObjId, who: DeviceId| match doc
        .get(members, who.to_hex())
        .unwrap()
    {
        Some((automerge::Value::Object(_), o)) => o,
        other => panic!("no entry: {other:?}"),
    };
    let handover = forge_on(&copy, "members", me, [30; 8], &mallory.key, |tx, m, doc| {
        tx.put(entry(doc, m, bruno), "role", "owner").unwrap();
        tx.put(entry(doc, m, me), "role", "admin").unwrap();
    });
    let crowned = forge_on(&copy, "members", me, [31; 8], &mallory.key, |tx, m, doc| {
        tx.put(entry(doc, m, me), "role", "owner").unwrap();
    });
    for (forged, what) in [
        (handover, "a handover by an admin"),
        (crowned, "herself made owner"),
    ] {
        let ended = mallory.push(mconn, group, vec![forged.clone()]).await;
        assert!(matches!(ended, Ended::Done(_)), "{what}: {ended:?}");
        assert!(
            !holds(&s.amara, group, &hash_of(&forged)),
            "{what} was taken"
        );
    }
    let owner = s
        .amara
        .local_state(|n| n.group(&group).unwrap().info().unwrap().owner)
        .unwrap();
    assert_eq!(owner, s.amara.device_id());
    s.amara
        .act(group, |g, now| g.set_role(now, me, Role::Member))
        .unwrap();
    s.row(27, "a transfer of ownership by an admin: the handover the owner would write (another admin the owner, herself an admin), then herself made the owner", "refused both (only the owner hands the group over, only to an admin: PROTOCOL.md, \"Changes\"); Amara stays the owner everywhere");
}

async fn moderation_attacks(
    s: &mut Story,
    mallory: &Hostile,
    oscar: &Hostile,
    mconn: &iroh::endpoint::Connection,
) {
    use automerge::ObjType;
    use automerge::transaction::Transactable;
    use causeway_core::ItemId;
    use causeway_core::view::{Category, ReportTarget};
    use causeway_sync::control::{ModRequest, Output};
    use causeway_sync::protocols::report::encode_request;
    let group = s.group;
    s.amara.act_all(group, |g, now| g.open_log(now)).unwrap();
    let mut copy = Group::joining(group, mallory.key.clone(), [26; 8]);
    copy.ingest(
        s.amara
            .local_state(|n| n.group(&group).unwrap().changes_since(&[]))
            .unwrap(),
    );
    let me = mallory.key.id().to_hex();
    let dismissal = forge_on(
        &copy,
        "modlog",
        mallory.key.id(),
        [27; 8],
        &mallory.key,
        |tx, root, _| {
            let e = tx
                .put_object(root, ItemId::from_u64(2601).to_hex(), ObjType::Map)
                .unwrap();
            tx.put(&e, "by", me.as_str()).unwrap();
            tx.put(&e, "at", 1).unwrap();
            tx.put(&e, "action", "dismiss").unwrap();
            tx.put(&e, "reason", "nothing to see").unwrap();
            tx.put(&e, "report", ItemId::from_u64(2602).to_hex())
                .unwrap();
        },
    );
    let filed = forge_on(
        &copy,
        "reports",
        mallory.key.id(),
        [28; 8],
        &mallory.key,
        |tx, root, _| {
            let e = tx
                .put_object(root, ItemId::from_u64(2603).to_hex(), ObjType::Map)
                .unwrap();
            tx.put(&e, "at", 1).unwrap();
            tx.put(&e, "body", format!("{}==", "A".repeat(86))).unwrap();
            tx.put_object(&e, "keys", ObjType::Map).unwrap();
        },
    );
    let forged = vec![dismissal, filed];
    let ended = mallory.push(mconn, group, forged.clone()).await;
    assert!(matches!(ended, Ended::Done(_)), "{ended:?}");
    for f in &forged {
        assert!(
            !holds(&s.amara, group, &hash_of(f)),
            "a member's moderation was taken"
        );
    }

    // The report protocol.
    let at = s.amara.address();
    let own_only =
        causeway_core::seal::seal(b"noise", b"ctx", &[mallory.key.id()], [9; 32]).unwrap();
    let answer = hand_report(
        mallory,
        &at,
        &encode_request(&group, ItemId::from_u64(2604), &own_only),
    )
    .await;
    assert_eq!(answer, Some(3), "a report Amara cannot open");
    let brunos = s
        .bruno
        .local_state(|n| {
            n.group(&group).unwrap().make_report(
                ItemId::from_u64(2605),
                ReportTarget::Member(mallory.key.id()),
                Category::Harassment,
                "She writes to me every night",
                causeway_core::Timestamp(1),
                [5; 32],
            )
        })
        .unwrap()
        .unwrap();
    let replay = encode_request(&group, ItemId::from_u64(2605), &brunos);
    assert_eq!(
        hand_report(mallory, &at, &replay).await,
        Some(3),
        "Bruno's report as Mallory's"
    );
    assert_eq!(
        hand_report(mallory, &at, &noise(7, 300)).await,
        Some(4),
        "garbage"
    );
    assert_eq!(
        hand_report(oscar, &at, &replay).await,
        None,
        "a stranger is closed at once"
    );
    let queue = |s: &Story| {
        s.amara
            .local_state(|n| n.group(&group).unwrap().queue().len())
            .unwrap()
    };
    assert_eq!(queue(s), 0);

    // Bruno's own report, by his own node, is filed.
    let out = bounded(
        "Bruno reports",
        execute(
            &s.bruno,
            Request::Moderation {
                group,
                req: ModRequest::Report {
                    target: format!("member:{}", mallory.key.id().to_hex()),
                    category: "harassment".into(),
                    words: "She writes to me every night".into(),
                },
            },
        ),
    )
    .await
    .unwrap();
    assert!(matches!(&out, Output::Reported(r) if r.filed), "{out:?}");
    assert_eq!(queue(s), 1);
    s.row(26, "moderation by a member: a dismissal written into the log, a report filed by hand; on the report protocol a report sealed to her own key only, another member's real report handed over as hers, garbage; a stranger handing a report over", "refused all: the log and the reports take entries from moderators only (PROTOCOL.md, \"Moderation\"); the report protocol answers 3 (does not open here, or not the sender's) and 4 (malformed), and closes a stranger's connection at once; no report was filed until Bruno's own device handed his over");
}
