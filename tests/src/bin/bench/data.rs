//! Seeded test data: groups of N posts with 200-character bodies by a number of authors, one
//! change per post, made with Causeway's own code (so every change is signed and valid), and
//! cached on disk because authoring 100,000 posts takes half a minute.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use causeway_core::{
    ChangeSignature, DeviceKey, Group, GroupId, ItemId, NewGroup, Role, SignedChange, Timestamp,
    Visibility,
};

/// Deterministic pseudo-random numbers (SplitMix64): the same seed gives the same data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const WORDS: &[&str] = &[
    "the",
    "community",
    "garden",
    "needs",
    "volunteers",
    "on",
    "saturday",
    "morning",
    "we",
    "will",
    "repair",
    "bikes",
    "and",
    "share",
    "tools",
    "with",
    "neighbours",
    "please",
    "bring",
    "gloves",
    "water",
    "seeds",
    "from",
    "your",
    "own",
    "plants",
    "meeting",
    "at",
    "library",
    "room",
    "two",
    "after",
    "lunch",
    "thanks",
    "everyone",
    "who",
    "came",
    "last",
    "week",
    "river",
    "cleanup",
    "collected",
    "forty",
    "bags",
    "of",
    "plastic",
    "next",
    "step",
    "is",
    "a",
    "letter",
    "to",
    "council",
    "about",
    "the",
    "bridge",
    "lights",
    "can",
    "someone",
    "translate",
    "flyer",
    "into",
    "french",
    "portuguese",
    "german",
    "spanish",
    "food",
    "bank",
    "opens",
    "early",
    "tomorrow",
    "children",
    "workshop",
    "needs",
    "chairs",
    "tables",
    "paint",
    "brushes",
    "old",
    "newspapers",
    "for",
    "covering",
    "floor",
    "our",
    "petition",
    "reached",
    "signatures",
    "thank",
    "you",
    "all",
    "so",
    "much",
    "remember",
    "vote",
    "budget",
    "proposal",
    "friday",
    "evening",
    "kitchen",
    "soup",
    "bread",
    "donations",
    "welcome",
    "cargo",
    "bike",
    "delivery",
    "route",
    "map",
    "updated",
    "check",
    "shared",
    "folder",
    "photos",
    "from",
    "festival",
    "posted",
    "schedule",
    "changed",
    "because",
    "rain",
    "forecast",
    "trees",
    "planted",
    "along",
    "school",
    "street",
    "wildflowers",
    "bees",
    "compost",
    "workshop",
    "recycling",
    "textiles",
    "sewing",
    "machines",
    "fixed",
    "laptop",
    "phones",
    "batteries",
    "solar",
    "panels",
    "roof",
    "energy",
    "cooperative",
    "members",
    "elected",
    "new",
    "board",
    "minutes",
    "attached",
];

/// About `len` characters of lower-case words.
pub fn text(rng: &mut Rng, len: usize) -> String {
    let mut s = String::with_capacity(len + 16);
    while s.len() < len {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len())]);
    }
    s.truncate(len);
    s
}

/// A device key from a label and a number.
pub fn key(label: &str, n: usize) -> DeviceKey {
    let mut bytes = [0u8; 32];
    let tag = format!("{label}/{n}");
    for (i, b) in tag.bytes().enumerate() {
        bytes[i % 32] ^= b.rotate_left((i / 32) as u32);
    }
    bytes[31] ^= 0x5a;
    DeviceKey::from_bytes(&bytes)
}

/// The devices that run nodes, the same in every corpus (so one device can hold many groups).
pub fn devices(n: usize) -> Vec<DeviceKey> {
    (0..n).map(|i| key("device", i)).collect()
}

/// One generated group.
pub struct Corpus {
    pub group: GroupId,
    /// The devices that run nodes in the scenarios, all members: 0 hosts, 1 joins, ...
    pub devices: Vec<DeviceKey>,
    /// Every change, dependencies first, each author's latest signed (as a sync sends them).
    pub changes: Vec<SignedChange>,
}

impl Corpus {
    pub fn bytes(&self) -> usize {
        self.changes.iter().map(|c| c.bytes.len()).sum()
    }
}

/// What a corpus is made of.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    pub posts: usize,
    pub authors: usize,
    pub devices: usize,
    pub seed: u64,
}

fn new_group(name: &str) -> NewGroup {
    NewGroup {
        name: name.into(),
        mission: "Benchmark group".into(),
        causes: vec!["environment".into()],
        region: "Lisbon".into(),
        languages: vec!["en".into()],
        visibility: Visibility::Invite,
    }
}

/// Makes a corpus: the owner creates the group and adds the authors and the devices; each
/// author writes its share of the posts on its own replica (offline from the others); the
/// owner then takes everything and writes one last post, so the group ends with one head.
pub fn generate(shape: Shape) -> Result<Corpus> {
    let mut rng = Rng::new(shape.seed);
    let owner = key("owner", shape.seed as usize);
    let authors: Vec<DeviceKey> = (0..shape.authors)
        .map(|i| key(&format!("author-{}", shape.seed), i))
        .collect();
    let devices = devices(shape.devices);
    let (mut hub, _) = Group::create(
        owner,
        [1; 8],
        Timestamp(1_700_000_000_000),
        &new_group(&format!("Group {}", shape.seed)),
        "Owner",
    )?;
    for (i, k) in authors.iter().enumerate() {
        hub.add_member(Timestamp(1), k.id(), &format!("Author {i}"), Role::Member)?;
    }
    for (i, k) in devices.iter().enumerate() {
        hub.add_member(Timestamp(1), k.id(), &format!("Device {i}"), Role::Admin)?;
    }
    let base = hub.changes_since(&[]);
    let base_heads = hub.heads();
    let mut replicas: Vec<Group> = authors
        .iter()
        .enumerate()
        .map(|(i, k)| {
            let mut g = Group::joining(hub.id(), k.clone(), [i as u8 + 2; 8]);
            g.ingest(base.clone());
            g
        })
        .collect();
    let start = 1_700_000_000_000i64;
    for i in 0..shape.posts {
        let r = &mut replicas[i % shape.authors];
        let title_len = 24 + rng.below(24);
        let title = text(&mut rng, title_len);
        let body = text(&mut rng, 200);
        r.post(
            Timestamp(start + i as i64 * 1000),
            ItemId::from_u64(rng.next()),
            &title,
            &body,
            "en",
        )?;
    }
    for r in &replicas {
        let report = hub.ingest(r.changes_since(&base_heads));
        if !report.rejected.is_empty() {
            bail!(
                "the generator made a change Causeway refuses: {:?}",
                report.rejected[0]
            );
        }
    }
    let body = text(&mut rng, 200);
    hub.post(
        Timestamp(start + shape.posts as i64 * 1000),
        ItemId::from_u64(rng.next()),
        "Thanks, everyone",
        &body,
        "en",
    )?;
    Ok(Corpus {
        group: hub.id(),
        devices,
        changes: hub.changes_since(&[]),
    })
}

/// [`generate`], cached under `dir`.
pub fn corpus(dir: &Path, shape: Shape) -> Result<Corpus> {
    let path: PathBuf = dir.join(format!(
        "corpus-v1-{}p-{}a-{}d-{}s.bin",
        shape.posts, shape.authors, shape.devices, shape.seed
    ));
    if let Ok(bytes) = std::fs::read(&path)
        && let Some(changes) = decode(&bytes)
        && let Some(first) = changes.first()
    {
        let genesis =
            automerge::Change::try_from(&first.bytes[..]).context("cached corpus: first change")?;
        let devices = devices(shape.devices);
        return Ok(Corpus {
            group: GroupId::from_bytes(genesis.hash().0),
            devices,
            changes,
        });
    }
    let c = generate(shape)?;
    std::fs::create_dir_all(dir)?;
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, encode(&c.changes))?;
    std::fs::rename(&tmp, &path)?;
    Ok(c)
}

fn encode(changes: &[SignedChange]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(changes.len() as u64).to_le_bytes());
    for c in changes {
        out.extend_from_slice(&(c.bytes.len() as u32).to_le_bytes());
        out.extend_from_slice(&c.bytes);
        match &c.signature {
            Some(s) => {
                out.push(1);
                out.extend_from_slice(&s.0);
            }
            None => out.push(0),
        }
    }
    out
}

fn decode(mut b: &[u8]) -> Option<Vec<SignedChange>> {
    fn take<'a>(b: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
        let (head, rest) = b.split_at_checked(n)?;
        *b = rest;
        Some(head)
    }
    let n = u64::from_le_bytes(take(&mut b, 8)?.try_into().ok()?) as usize;
    let mut out = Vec::with_capacity(n.min(1 << 20));
    for _ in 0..n {
        let len = u32::from_le_bytes(take(&mut b, 4)?.try_into().ok()?) as usize;
        let bytes = take(&mut b, len)?.to_vec();
        let signature = match take(&mut b, 1)?[0] {
            0 => None,
            _ => Some(ChangeSignature(take(&mut b, 64)?.try_into().ok()?)),
        };
        out.push(SignedChange { bytes, signature });
    }
    b.is_empty().then_some(out)
}
