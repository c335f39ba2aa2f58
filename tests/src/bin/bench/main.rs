//! Causeway's benchmarks (issue 5): each scenario runs against Causeway's real code and
//! against a baseline of plain Automerge 0.12 + plain iroh doing the same work, in the same
//! run, and the results go to `docs/BENCHMARKS.md`.
//!
//! ```text
//! cargo run --release -p causeway-tests --bin bench                 # everything, issue sizes
//! cargo run --release -p causeway-tests --bin bench -- B2 B6        # some scenarios
//! cargo run --release -p causeway-tests --bin bench -- --smoke      # small sizes (CI)
//! cargo run --release -p causeway-tests --bin bench -- --write docs/BENCHMARKS.md
//! ```
//! Generated data is cached in `target/bench-data` (authoring 100,000 signed posts takes
//! half a minute); delete it to start from scratch.
#![allow(missing_docs)]

mod baseline;
mod data;
mod report;
mod scenarios;
mod setup;

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Result, anyhow};
use clap::Parser;

use crate::report::Row;
use crate::scenarios::{Ctx, Scale};

const ALL: &[&str] = &[
    "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "M1", "S1", "D1", "D2", "D3", "D4", "D5", "E1",
    "A1", "A2", "A3", "R1", "R2",
];

#[derive(Parser, Debug)]
#[command(about = "Causeway against plain Automerge + iroh on the same work")]
struct Args {
    /// Scenarios to run (B2 … S1); all when none is given. B2, B3 and B4 run together.
    scenarios: Vec<String>,
    /// Small sizes: a quick check that everything runs (targets are not judged).
    #[arg(long)]
    smoke: bool,
    /// Posts in the big group (default 100,000; 1,000 with --smoke).
    #[arg(long)]
    posts: Option<usize>,
    /// Write the results into this Markdown file (replacing the part between its markers).
    #[arg(long)]
    write: Option<PathBuf>,
    /// Where generated data is cached.
    #[arg(long, default_value = "target/bench-data")]
    cache: PathBuf,
    /// Internal: the memory probe's child process.
    #[arg(long, num_args = 2, hide = true)]
    child_memory: Option<Vec<String>>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    // Logs only when asked for (RUST_LOG=causeway_sync=debug, for example): they cost time.
    if std::env::var_os("RUST_LOG").is_some() {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
            .with_writer(std::io::stderr)
            .init();
    }
    if let Some(c) = &args.child_memory {
        return scenarios::memory_child(&c[0], &c[1]);
    }
    let mut scale = if args.smoke {
        Scale::SMOKE
    } else {
        Scale::FULL
    };
    if let Some(p) = args.posts {
        scale.big = p;
        scale.judged &= p >= Scale::FULL.big;
    }
    let wanted: Vec<String> = if args.scenarios.is_empty() {
        ALL.iter().map(|s| s.to_string()).collect()
    } else {
        args.scenarios.iter().map(|s| s.to_uppercase()).collect()
    };
    if let Some(bad) = wanted.iter().find(|w| !ALL.contains(&w.as_str())) {
        return Err(anyhow!(
            "unknown scenario {bad}; the scenarios are {}",
            ALL.join(", ")
        ));
    }
    let work = tempfile::Builder::new()
        .prefix("causeway-bench-")
        .tempdir()?;
    let ctx = Ctx {
        cache: args.cache.clone(),
        work: work.path().to_path_buf(),
        scale,
    };
    let rt = tokio::runtime::Runtime::new()?;
    let started = Instant::now();
    let mut rows: Vec<Row> = Vec::new();
    let want = |id: &str| wanted.iter().any(|w| w == id);
    let run = |name: &str, rows: &mut Vec<Row>, r: Result<Vec<Row>>| -> Result<()> {
        let r = r.map_err(|e| anyhow!("{name}: {e:#}"))?;
        for row in &r {
            eprintln!(
                "{} {}: Causeway {} | baseline {} | {}",
                row.id, row.scenario, row.causeway, row.baseline, row.ratio
            );
        }
        rows.extend(r);
        Ok(())
    };
    if want("B2") || want("B3") || want("B4") {
        let r = rt.block_on(scenarios::catch_up(&ctx));
        run("B2–B4", &mut rows, r)?;
        rows.retain(|r| !["B2", "B3", "B4"].contains(&r.id) || want(r.id));
    }
    if want("B5") {
        let r = rt.block_on(scenarios::many_groups(&ctx));
        run("B5", &mut rows, r)?;
    }
    if want("B6") {
        let r = rt.block_on(scenarios::live(&ctx));
        run("B6", &mut rows, r)?;
    }
    if want("B7") {
        let r = scenarios::frames(&ctx);
        run("B7", &mut rows, r)?;
    }
    if want("B8") {
        let r = scenarios::follow(&ctx);
        run("B8", &mut rows, r)?;
    }
    if want("B9") {
        let r = scenarios::bios(&ctx);
        run("B9", &mut rows, r)?;
    }
    if want("M1") {
        let r = rt.block_on(scenarios::memory(&ctx));
        run("M1", &mut rows, r)?;
    }
    if want("S1") {
        let r = rt.block_on(scenarios::swarm(&ctx));
        run("S1", &mut rows, r)?;
    }
    if want("D1") {
        let r = rt.block_on(scenarios::live_typing(&ctx));
        run("D1", &mut rows, r)?;
    }
    if want("D2") || want("D5") {
        let r = scenarios::trace_rows(&ctx);
        run("D2, D5", &mut rows, r)?;
        rows.retain(|r| {
            !["D2", "D2 live", "D5"].contains(&r.id) || want(r.id.split(' ').next().unwrap_or(r.id))
        });
    }
    if want("D3") || want("D4") {
        let r = scenarios::history_rows(&ctx);
        run("D3, D4", &mut rows, r)?;
        rows.retain(|r| !["D3", "D4"].contains(&r.id) || want(r.id));
    }
    if want("E1") {
        let r = scenarios::answers(&ctx);
        run("E1", &mut rows, r)?;
    }
    if want("A1") {
        let r = scenarios::transfer(&ctx);
        run("A1", &mut rows, r)?;
    }
    if want("A2") {
        let r = scenarios::picture_frames(&ctx);
        run("A2", &mut rows, r)?;
    }
    if want("A3") {
        let r = scenarios::picture_memory(&ctx);
        run("A3", &mut rows, r)?;
    }
    if want("R1") || want("R2") {
        let r = scenarios::moderation(&ctx);
        run("R1, R2", &mut rows, r)?;
        rows.retain(|r| !["R1", "R2"].contains(&r.id) || want(r.id));
    }
    let table = report::table(&rows);
    let notes = report::notes(&rows);
    println!("{table}\n{notes}");
    eprintln!("suite took {}", report::secs(started.elapsed()));
    if let Some(path) = args.write {
        // Documents' rows (D…) have a block of their own, so either part runs alone.
        let only = |c: char| !wanted.is_empty() && wanted.iter().all(|w| w.starts_with(c));
        let (begin, end) = if only('D') {
            (DOCS_BEGIN, DOCS_END)
        } else if only('E') {
            (KIT_BEGIN, KIT_END)
        } else if only('A') {
            (FILES_BEGIN, FILES_END)
        } else if only('R') {
            (MODERATION_BEGIN, MODERATION_END)
        } else {
            (BEGIN, END)
        };
        write_results(&path, &args_line(), &table, &notes, begin, end)?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

fn args_line() -> String {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut cmd = String::from("cargo run --release -p causeway-tests --bin bench --");
    for a in args {
        cmd.push(' ');
        cmd.push_str(&a);
    }
    cmd
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("MemTotal"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<u64>().ok())
        })
        .map_or_else(String::new, |kb| format!(", {} GiB", kb / (1 << 20)));
    format!(
        "{cpu}, {cores} cores{mem}, {} {}",
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

const BEGIN: &str = "<!-- bench:begin -->";
const END: &str = "<!-- bench:end -->";
const DOCS_BEGIN: &str = "<!-- bench-docs:begin -->";
/// The block of the campaign kit's rows (E…).
const KIT_BEGIN: &str = "<!-- bench-kit:begin -->";
const KIT_END: &str = "<!-- bench-kit:end -->";
/// The block of pictures' and files' rows (A…).
const FILES_BEGIN: &str = "<!-- bench-files:begin -->";
const MODERATION_BEGIN: &str = "<!-- bench-moderation:begin -->";
const MODERATION_END: &str = "<!-- bench-moderation:end -->";
const FILES_END: &str = "<!-- bench-files:end -->";
const DOCS_END: &str = "<!-- bench-docs:end -->";

/// Replaces the part of `path` between the markers (the rest is prose kept by hand).
fn write_results(
    path: &PathBuf,
    command: &str,
    table: &str,
    notes: &str,
    begin: &str,
    end: &str,
) -> Result<()> {
    let old = std::fs::read_to_string(path)
        .unwrap_or_else(|_| format!("# Benchmarks\n\n{begin}\n{end}\n"));
    let (Some(a), Some(b)) = (old.find(begin), old.find(end)) else {
        return Err(anyhow!(
            "{} lacks the markers {begin} and {end}",
            path.display()
        ));
    };
    let date = chrono_like_date();
    let block = format!(
        "{begin}\nCommand: `{command}`  \nMachine: {}  \nRun: {date}, release build\n\n{table}\n{notes}{end}",
        machine()
    );
    let new = format!("{}{}{}", &old[..a], block, &old[b + end.len()..]);
    std::fs::write(path, new)?;
    Ok(())
}

fn chrono_like_date() -> String {
    std::process::Command::new("date")
        .arg("-u")
        .arg("+%Y-%m-%d %H:%M UTC")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}
