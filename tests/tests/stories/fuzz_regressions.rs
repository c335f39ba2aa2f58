//! Runs the fuzz targets (tests/fuzz/src/lib.rs) without libFuzzer: on their seeds, on
//! seeded mutations of the seeds, and on every input that once crashed one of them
//! (tests/fuzz/regressions/<target>/). The long runs are `scripts/fuzz.sh`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::path::Path;

use causeway_fuzz as fuzz;

/// Mutations of each seed (bit flips, cuts, repeated bytes, length fields), the same on
/// every run.
const MUTATIONS: u64 = 40;

fn mutate(seed: &[u8], n: u64) -> Vec<u8> {
    let mut x = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let mut v = seed.to_vec();
    if v.is_empty() {
        return v;
    }
    for _ in 0..=(next() % 4) {
        let at = (next() as usize) % v.len();
        match next() % 5 {
            0 => v[at] ^= 1 << (next() % 8),
            1 => v.truncate(at.max(1)),
            2 => v[at] = 0xff,
            3 => {
                let len = ((next() % 8) as usize).min(v.len() - at);
                let copy = v[at..at + len].to_vec();
                v.splice(at..at, copy);
            }
            _ => v[at] = 0,
        }
        if v.is_empty() {
            break;
        }
    }
    v
}

#[test]
fn every_fuzz_target_takes_its_seeds_their_mutations_and_every_saved_crash() {
    let seeds = fuzz::seeds();
    // scripts/fuzz.sh starts libFuzzer from these: written as `<dir>/<target>/seed-<n>`.
    if let Ok(dir) = std::env::var("CAUSEWAY_FUZZ_SEEDS") {
        for (n, (target, bytes)) in seeds.iter().enumerate() {
            let d = Path::new(&dir).join(target);
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(d.join(format!("seed-{n}")), bytes).unwrap();
        }
    }
    for (target, data) in &seeds {
        fuzz::run(target, data);
        for n in 0..MUTATIONS {
            fuzz::run(target, &mutate(data, n));
        }
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for target in std::fs::read_dir(&dir).unwrap() {
        let target = target.unwrap().path();
        if !target.is_dir() {
            continue;
        }
        let name = target.file_name().unwrap().to_str().unwrap().to_string();
        for input in std::fs::read_dir(&target).unwrap() {
            let input = input.unwrap().path();
            fuzz::run(&name, &std::fs::read(&input).unwrap());
            replayed += 1;
        }
    }
    println!(
        "{} seeds, {} mutations, {replayed} saved inputs",
        seeds.len(),
        seeds.len() as u64 * MUTATIONS
    );
}
