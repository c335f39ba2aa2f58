//! The results table and `docs/BENCHMARKS.md`.

use std::fmt::Write as _;
use std::time::Duration;

/// Whether a row met its target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Met,
    Missed,
    /// Not judged (a smoke run at a size the target is not about).
    Info,
}

/// One scenario's result.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: &'static str,
    pub scenario: String,
    pub causeway: String,
    pub baseline: String,
    pub ratio: String,
    pub target: &'static str,
    pub verdict: Verdict,
    /// Further measurements worth keeping (one line each).
    pub notes: Vec<String>,
}

pub fn secs(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 10.0 {
        format!("{s:.1} s")
    } else if s >= 1.0 {
        format!("{s:.2} s")
    } else if s >= 0.01 {
        format!("{:.0} ms", s * 1000.0)
    } else {
        format!("{:.2} ms", s * 1000.0)
    }
}

pub fn bytes(n: u64) -> String {
    let n = n as f64;
    if n >= 1e6 {
        format!("{:.2} MB", n / 1e6)
    } else if n >= 1e4 {
        format!("{:.1} kB", n / 1e3)
    } else {
        format!("{n:.0} B")
    }
}

pub fn ratio(a: f64, b: f64) -> String {
    if b <= 0.0 {
        "–".into()
    } else {
        format!("{:.2}×", a / b)
    }
}

/// The table as Markdown.
pub fn table(rows: &[Row]) -> String {
    let mut s = String::from(
        "| id | scenario | Causeway | baseline | ratio | target | met |\n|---|---|---|---|---|---|---|\n",
    );
    for r in rows {
        let met = match r.verdict {
            Verdict::Met => "yes",
            Verdict::Missed => "**no**",
            Verdict::Info => "–",
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            r.id, r.scenario, r.causeway, r.baseline, r.ratio, r.target, met
        );
    }
    s
}

/// Notes under the table, per scenario.
pub fn notes(rows: &[Row]) -> String {
    let mut s = String::new();
    for r in rows.iter().filter(|r| !r.notes.is_empty()) {
        let _ = writeln!(s, "- **{}**", r.id);
        for n in &r.notes {
            let _ = writeln!(s, "  - {n}");
        }
    }
    s
}
